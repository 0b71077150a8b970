// SPDX-License-Identifier: GPL-2.0
/*
 * The Reclaim tab's delays screen (probes/taskstats): per process, the time
 * per second its threads waited in direct reclaim, on thrashing pages, in
 * compaction, for swap-in and for write-protect copies.
 */
#include "tui/tabs/reclaim/reclaim.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum {
	D_PID,
	D_FREEPAGES,
	D_THRASH,
	D_COMPACT,
	D_SWAPIN,
	D_WPCOPY,
	D_COMM,
	NR_DCOLS
};

static const struct ms_column cols[NR_DCOLS] = {
	[D_PID] = { .title = "PID",
		    .width = 7,
		    .align = MS_RIGHT,
		    .id = "reclaim.d.pid" },
	[D_FREEPAGES] = { .title = "Reclaim",
			  .width = 9,
			  .align = MS_RIGHT,
			  .id = "reclaim.d.reclaim" },
	[D_THRASH] = { .title = "Thrash",
		       .width = 9,
		       .align = MS_RIGHT,
		       .id = "reclaim.d.thrash" },
	[D_COMPACT] = { .title = "Compact",
			.width = 9,
			.align = MS_RIGHT,
			.id = "reclaim.d.compact" },
	[D_SWAPIN] = { .title = "SwapIn",
		       .width = 9,
		       .align = MS_RIGHT,
		       .id = "reclaim.d.swapin" },
	[D_WPCOPY] = { .title = "WPCopy",
		       .width = 9,
		       .align = MS_RIGHT,
		       .id = "reclaim.d.wpcopy" },
	[D_COMM] = { .title = "Command",
		     .width = MS_COL_FLEX,
		     .id = "reclaim.d.comm" },
};

/* column -> delay kind */
static const enum ms_delay_kind kind[NR_DCOLS] = {
	[D_FREEPAGES] = MS_DL_FREEPAGES, [D_THRASH] = MS_DL_THRASHING,
	[D_COMPACT] = MS_DL_COMPACT,	 [D_SWAPIN] = MS_DL_SWAPIN,
	[D_WPCOPY] = MS_DL_WPCOPY,
};

static const struct ms_task_delay *at(const void *ctx, int row)
{
	const struct ms_live_delays *d = ctx;

	return &d->cur->task_delays.v[row];
}

/* Milliseconds waited per second of the interval. */
static double ms_per_s(const struct ms_task_delay *t, int col)
{
	return t->ns_rate[kind[col]] / 1e6;
}

static void cell(const void *ctx, int row, int col, char *buf, size_t len)
{
	const struct ms_task_delay *t = at(ctx, row);

	if (col == D_PID)
		snprintf(buf, len, "%d", t->pid);
	else if (col == D_COMM)
		snprintf(buf, len, "%s", t->comm);
	else if (!ms_have(t->count[kind[col]]))
		snprintf(buf, len, "n/a"); /* this kernel does not count it */
	else
		ms_fmt_double(buf, len, ms_per_s(t, col), 2);
}

static int cmp(const void *ctx, int a, int b, int col)
{
	const struct ms_task_delay *x = at(ctx, a), *y = at(ctx, b);

	if (col == D_PID)
		return (x->pid > y->pid) - (x->pid < y->pid);
	if (col == D_COMM)
		return strcmp(x->comm, y->comm);
	return ms_cmp_double(ms_per_s(x, col), ms_per_s(y, col));
}

static attr_t attr(const void *ctx, int row, int col)
{
	const struct ms_task_delay *t = at(ctx, row);

	if (col != D_PID && col != D_COMM && ms_per_s(t, col) >= 1)
		return ms_attr(MS_C_WARNING); /* a millisecond per second */
	return 0;
}

static void key(const void *ctx, int row, char *buf, size_t len)
{
	snprintf(buf, len, "%d", at(ctx, row)->pid);
}

static const struct ms_table_def def = {
	.cols = cols,
	.ncols = NR_DCOLS,
	.name_col = D_COMM,
	.cell = cell,
	.cmp = cmp,
	.attr = attr,
	.key = key,
};

void ms_live_delays_init(struct ms_live_delays *d, const struct ms_ui *ui)
{
	memset(d, 0, sizeof(*d));
	ms_table_init(&d->table, &def, d, ui, D_FREEPAGES, true);
	d->table.empty = "no process has waited since accounting began";
}

void ms_live_delays_free(struct ms_live_delays *d)
{
	ms_table_free(&d->table);
}

void ms_live_delays_set(struct ms_live_delays *d, const struct ms_snapshot *s)
{
	d->cur = s;
	ms_table_set_rows(&d->table,
			  s && (s->have & MS_SEC_BIT(MS_SEC_TASK_DELAYS)) ?
				  s->task_delays.n :
				  0);
}

/* What the switch is at, and who set it: always on screen. */
static const char *state(char *buf, size_t len, const struct ms_snapshot *s,
			 bool asked)
{
	const struct ms_task_delays *t = &s->task_delays;
	char why[160], esc[160];
	const char *n = ms_note_why(s, "task_delayacct");

	if (n)
		snprintf(why, sizeof(why), " (%s)",
			 ms_esc(esc, sizeof(esc), n));
	else
		why[0] = '\0';
	if (t->delayacct < 0)
		snprintf(buf, len, "kernel.task_delayacct unknown%s", why);
	else if (t->delayacct && t->ours)
		snprintf(buf, len,
			 "Delay accounting ON, turned on by memscope: D or "
			 "quitting turns it off again");
	else if (t->delayacct)
		snprintf(buf, len,
			 "Delay accounting on (kernel.task_delayacct "
			 "was already on)");
	else
		snprintf(buf, len,
			 "Delay accounting OFF: only what was counted before; "
			 "D turns it on%s%s",
			 asked ? " (asked)" : "", why);
	return buf;
}

void ms_live_delays_draw(struct ms_live_delays *d, WINDOW *w, struct ms_rect r,
			 bool asked, const struct ms_ui *ui)
{
	const struct ms_snapshot *s = d->cur;
	char buf[320], title[96];

	ms_title(w, r.y, r.x, r.w,
		 ms_live_title(title, sizeof(title),
			       "Stall delays per process, ms per second", s,
			       MS_SEC_TASK_DELAYS),
		 ui);
	r.y++, r.h--;
	if (!(s->have & MS_SEC_BIT(MS_SEC_TASK_DELAYS))) {
		ms_message(w, r, ms_attr(MS_C_NOTE),
			   ms_why_missing(buf, sizeof(buf), s,
					  MS_SEC_TASK_DELAYS));
		return;
	}
	ms_put(w, r.y, r.x, r.w, MS_LEFT, true,
	       ms_attr(s->task_delays.delayacct == 1 ? MS_C_WARNING :
						       MS_C_NOTE),
	       state(buf, sizeof(buf), s, asked));
	r.y++, r.h--;
	ms_table_draw(&d->table, w, r);
}

#define RV(d) ((struct reclaim_view *)(d)->v)

static enum ms_key_result delays_resample(struct ms_drill *d)
{
	(void)d;
	return MS_KEY_RESAMPLE; /* the delays are read from now on, or not */
}

/* A netlink request per process: only while the screen is shown. */
static void delays_request(struct ms_drill *d, struct ms_request *req)
{
	(void)d;
	req->sections |= MS_SEC_BIT(MS_SEC_TASK_DELAYS);
}

static struct ms_table *delays_table(struct ms_drill *d)
{
	return &RV(d)->delays.table;
}

static void delays_draw(struct ms_drill *d, WINDOW *w, struct ms_rect r)
{
	ms_live_delays_draw(&RV(d)->delays, w, r, RV(d)->delayacct, d->v->ui);
}

static enum ms_key_result delays_key(struct ms_drill *d, int key)
{
	enum ms_key_result r = ms_reclaim_live_key(RV(d), key);

	return r != MS_KEY_PASS ? r : ms_table_key(&RV(d)->delays.table, key);
}

static const char *delays_hints(struct ms_drill *d)
{
	struct reclaim_view *v = RV(d);

	snprintf(v->hint, sizeof(v->hint), "D delay accounting %s  %s",
		 v->delayacct ? "off" : "on", ms_table_hints(&v->delays.table));
	return v->hint;
}

const struct ms_drill_class ms_reclaim_delays_screen = {
	.name = "delays",
	.open = delays_resample,
	.close = delays_resample,
	.request = delays_request,
	.draw = delays_draw,
	.table = delays_table,
	.key = delays_key,
	.hints_fn = delays_hints,
};
