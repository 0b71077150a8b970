// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel experiment screen (tui/kexp.h): running memscope.ko's
 * allocation probe or slab benchmark from a tab, and its last result.
 */
#include "tui/kexp.h"

#include "tui/cut.h"

#include <stdio.h>
#include <time.h>

const char *ms_fmt_ns(char *buf, size_t len, uint64_t ns, bool utf8)
{
	if (!ms_have(ns))
		snprintf(buf, len, "-");
	else if (ns < 1000)
		snprintf(buf, len, "%lluns", (unsigned long long)ns);
	else if (ns < 1000000)
		snprintf(buf, len, "%.1f%s", (double)ns / 1e3,
			 utf8 ? "\u00b5s" : "us");
	else if (ns < 1000000000)
		snprintf(buf, len, "%.2fms", (double)ns / 1e6);
	else
		snprintf(buf, len, "%.2fs", (double)ns / 1e9);
	return buf;
}

void ms_kexp_run(struct ms_kexp *x)
{
	x->open = x->pending = true;
}

void ms_kexp_update(struct ms_kexp *x, const struct ms_snapshot *cur)
{
	const char *why;

	if (!x->pending)
		return;
	x->pending = false;
	why = ms_note_why(cur, x->ops->note);
	x->have = cur->have & MS_SEC_BIT(x->ops->sec);
	if (x->have) {
		x->ops->keep(x->ctx, cur);
		x->when = cur->t_real;
	}
	ms_esc(x->why, sizeof(x->why), why ? why : "");
}

enum ms_key_result ms_kexp_key(struct ms_kexp *x, int key)
{
	if (ms_key_is_back(key)) {
		x->open = false;
		return MS_KEY_DONE;
	}
	if (key == x->ops->run_key || ms_key_is_enter(key)) {
		x->pending = true;
		return MS_KEY_RESAMPLE;
	}
	if (x->ops->setting(x->ctx, key))
		return MS_KEY_DONE;
	return ms_scroll_key(&x->sc, key) ? MS_KEY_DONE : MS_KEY_PASS;
}

void ms_kexp_draw(struct ms_kexp *x, WINDOW *w, struct ms_rect r)
{
	const struct ms_kexp_ops *o = x->ops;
	time_t when = (time_t)x->when;
	struct ms_screen l;
	char buf[320], at[16];
	struct tm tm;

	ms_screen_begin(&l, w, r, &x->sc);
	o->title(x->ctx, buf, sizeof(buf));
	ms_screen_title(&l, buf, x->ui);
	ms_screen_line(&l, ms_attr(MS_C_DIM), o->about);
	if (x->pending) {
		ms_screen_line(&l, ms_attr(MS_C_DIM), o->running);
	} else if (!x->have) {
		snprintf(buf, sizeof(buf), "%s unavailable: %s", o->unavailable,
			 x->why[0] ? x->why : "no result");
		ms_screen_wrapped(&l, ms_attr(MS_C_NOTE), buf);
	} else {
		localtime_r(&when, &tm);
		strftime(at, sizeof(at), "%H:%M:%S", &tm);
		o->result(x->ctx, &l, at);
		if (x->why[0])
			ms_screen_line(&l, ms_attr(MS_C_NOTE), x->why);
	}
	ms_screen_line(&l, 0, "");
	ms_screen_line(&l, ms_attr(MS_C_DIM), o->keys);
	ms_screen_end(&l);
}

void ms_kexp_explain(struct ms_kexp *x, struct ms_explain_ids *e)
{
	ms_screen_explain(&x->sc, x->ui, e, x->ops->ids);
}
