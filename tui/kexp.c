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

#define KX(d) ((struct ms_kexp *)(d)->arg)

static enum ms_key_result kexp_open(struct ms_drill *d)
{
	KX(d)->pending = true;
	return MS_KEY_RESAMPLE;
}

/* The next sample runs it: the section and the tab's settings. */
static void kexp_request(struct ms_drill *d, struct ms_request *req)
{
	struct ms_kexp *x = KX(d);

	if (x->pending) {
		req->sections |= MS_SEC_BIT(x->ops->sec);
		x->ops->request(x->ctx, req);
	}
}

/* The sample that ran it (or said why not). */
static void kexp_update(struct ms_drill *d, const struct ms_snapshot *cur)
{
	struct ms_kexp *x = KX(d);
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

static enum ms_key_result kexp_key(struct ms_drill *d, int key)
{
	struct ms_kexp *x = KX(d);

	if (key == x->ops->run_key || ms_key_is_enter(key)) {
		x->pending = true;
		return MS_KEY_RESAMPLE;
	}
	return x->ops->setting(x->ctx, key) ? MS_KEY_DONE : MS_KEY_PASS;
}

static void kexp_title(struct ms_drill *d, char *buf, size_t len)
{
	KX(d)->ops->title(KX(d)->ctx, buf, len);
}

static void kexp_lines(struct ms_drill *d, struct ms_screen *l)
{
	struct ms_kexp *x = KX(d);
	const struct ms_kexp_ops *o = x->ops;
	time_t when = (time_t)x->when;
	char buf[320], at[16];
	struct tm tm;

	ms_screen_line(l, ms_attr(MS_C_DIM), o->about);
	if (x->pending) {
		ms_screen_line(l, ms_attr(MS_C_DIM), o->running);
	} else if (!x->have) {
		snprintf(buf, sizeof(buf), "%s unavailable: %s", o->unavailable,
			 x->why[0] ? x->why : "no result");
		ms_screen_wrapped(l, ms_attr(MS_C_NOTE), buf);
	} else {
		localtime_r(&when, &tm);
		strftime(at, sizeof(at), "%H:%M:%S", &tm);
		o->result(x->ctx, l, at);
		if (x->why[0])
			ms_screen_line(l, ms_attr(MS_C_NOTE), x->why);
	}
	ms_screen_line(l, 0, "");
	ms_screen_line(l, ms_attr(MS_C_DIM), o->keys);
}

static const char *kexp_hints(struct ms_drill *d)
{
	return KX(d)->ops->hints;
}

static void kexp_explain(struct ms_drill *d, struct ms_explain_ids *e)
{
	ms_screen_explain(&d->sc, d->v->ui, e, KX(d)->ops->ids);
}

static const struct ms_drill_class kexp_class = {
	.name = "kexp",
	.open = kexp_open,
	.request = kexp_request,
	.update = kexp_update,
	.title = kexp_title,
	.lines = kexp_lines,
	.key = kexp_key,
	.hints_fn = kexp_hints,
	.explain = kexp_explain,
};

enum ms_key_result ms_kexp_run(struct ms_view *v, struct ms_kexp *x)
{
	return ms_drill_push(v, &kexp_class, x);
}
