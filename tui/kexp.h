/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The screen of a kernel experiment memscope.ko runs on a key: the Buddy
 * tab's allocation probe (a) and the Slab tab's benchmark (b). It asks the
 * next sample to run it, keeps the result or why there is none, and draws
 * the frame of the screen; the tab draws the result and its settings. A
 * screen of the tab's drill-down stack (tui/drill.h).
 */
#ifndef MS_KEXP_H
#define MS_KEXP_H

#include "tui/drill.h"

struct ms_kexp;

struct ms_kexp_ops {
	enum ms_section sec; /* the section the run fills */
	const char *note; /* the note of what says why it did not run */
	int run_key; /* runs it again, as Enter does */
	const char *about; /* the dim line under the title */
	const char *running; /* while the sample runs it */
	const char *unavailable; /* "... unavailable: <why>" */
	const char *keys; /* the screen's last line */
	const char *hints; /* the footer's keys, before "Esc back" */
	const char *const *ids; /* explain ids, NULL-terminated */
	/* The title (the settings; the stack adds "(Esc back)"). */
	void (*title)(void *ctx, char *buf, size_t len);
	/* The run's settings, on the sample that runs it. */
	void (*request)(void *ctx, struct ms_request *req);
	/* A key that changes a setting: true when it did. */
	bool (*setting)(void *ctx, int key);
	/* Keep the sample's result of the run. */
	void (*keep)(void *ctx, const struct ms_snapshot *cur);
	/* The result's lines; at says when it ran ("12:34:56"). */
	void (*result)(void *ctx, struct ms_screen *l, const char *at);
};

struct ms_kexp {
	const struct ms_kexp_ops *ops;
	void *ctx; /* the tab's, for the ops */
	bool pending; /* the next sample runs it */
	bool have; /* the tab holds a result */
	double when; /* t_real of the result */
	char why[256]; /* what the module said, or why it is missing */
};

/* Open the screen over v's; the next sample runs the experiment. */
enum ms_key_result ms_kexp_run(struct ms_view *v, struct ms_kexp *x);

/* Nanoseconds as "850ns", "12.3us" (µs in UTF-8), "4.56ms", "1.20s". */
const char *ms_fmt_ns(char *buf, size_t len, uint64_t ns, bool utf8);

#endif
