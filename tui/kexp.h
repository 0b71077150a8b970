/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The screen of a kernel experiment memscope.ko runs on a key: the Buddy
 * tab's allocation probe (a) and the Slab tab's benchmark (b). It asks the
 * next sample to run it, keeps the result or why there is none, and draws
 * the frame of the screen; the tab draws the result and its settings.
 */
#ifndef MS_KEXP_H
#define MS_KEXP_H

#include "tui/widgets.h"

struct ms_kexp;

struct ms_kexp_ops {
	enum ms_section sec; /* the section the run fills */
	const char *note; /* the note of what says why it did not run */
	int run_key; /* runs it again, as Enter does */
	const char *about; /* the dim line under the title */
	const char *running; /* while the sample runs it */
	const char *unavailable; /* "... unavailable: <why>" */
	const char *keys; /* the screen's last line */
	const char *hints; /* the footer */
	const char *const *ids; /* explain ids, NULL-terminated */
	/* The title (the settings, "(Esc back)"). */
	void (*title)(void *ctx, char *buf, size_t len);
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
	const struct ms_ui *ui;
	bool open;
	bool pending; /* the next sample runs it */
	bool have; /* the tab holds a result */
	double when; /* t_real of the result */
	char why[256]; /* what the module said, or why it is missing */
	struct ms_scroll sc;
};

/* Open the screen; the next sample runs the experiment. */
void ms_kexp_run(struct ms_kexp *x);
/* The next sample is to run it: the tab adds its section and settings. */
static inline bool ms_kexp_asks(const struct ms_kexp *x)
{
	return x->open && x->pending;
}
/* The sample that ran it (or said why not). */
void ms_kexp_update(struct ms_kexp *x, const struct ms_snapshot *cur);
enum ms_key_result ms_kexp_key(struct ms_kexp *x, int key);
void ms_kexp_draw(struct ms_kexp *x, WINDOW *w, struct ms_rect r);
void ms_kexp_explain(struct ms_kexp *x, struct ms_explain_ids *e);

/* Nanoseconds as "850ns", "12.3us" (µs in UTF-8), "4.56ms", "1.20s". */
const char *ms_fmt_ns(char *buf, size_t len, uint64_t ns, bool utf8);

#endif
