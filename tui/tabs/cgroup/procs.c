// SPDX-License-Identifier: GPL-2.0
/*
 * The Cgroups tab's processes screen: the processes of the open cgroup
 * (their /proc/PID/cgroup names it, or its cgroup.procs lists them);
 * Enter opens one in the VMA tab, at its mappings.
 */
#include "tui/tabs/cgroup/cgroup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/procage.h"

enum { Q_PID, Q_RSS, Q_PSS, Q_SWAP, Q_COMM, NR_QCOLS };

static const struct ms_column cols[NR_QCOLS] = {
	[Q_PID] = { "PID", 7, MS_RIGHT, .id = "vma.p.pid", .key = 'n' },
	[Q_RSS] = { "RSS", 7, MS_RIGHT, .id = "vma.p.rss", .key = 'm' },
	[Q_PSS] = { "PSS", 7, MS_RIGHT, .id = "vma.p.pss", .key = 'p' },
	[Q_SWAP] = { "Swap", 7, MS_RIGHT, .id = "vma.p.swap", .key = 'w' },
	[Q_COMM] = { "Command", MS_COL_FLEX, MS_LEFT, .id = "vma.p.comm",
		     .key = 'c' },
};

static const struct ms_proc *at(const void *ctx, int row)
{
	const struct cg_view *c = ctx;

	return &c->cur->procs.v[c->prows[row]];
}

static void cell(const void *ctx, int row, int col, char *buf, size_t len)
{
	const struct ms_proc *p = at(ctx, row);

	switch (col) {
	case Q_PID:
		snprintf(buf, len, "%d", p->pid);
		break;
	case Q_RSS:
		ms_fmt_kb(buf, len, p->rss_kb);
		break;
	case Q_PSS:
		ms_fmt_kb(buf, len, p->pss_kb);
		break;
	case Q_SWAP:
		ms_fmt_kb(buf, len, p->swap_kb);
		break;
	default:
		snprintf(buf, len, p->kthread ? "[%s]" : "%s", p->comm);
	}
}

static int cmp(const void *ctx, int a, int b, int col)
{
	const struct ms_proc *x = at(ctx, a), *y = at(ctx, b);

	switch (col) {
	case Q_PID:
		return (x->pid > y->pid) - (x->pid < y->pid);
	case Q_RSS:
		return ms_cmp_u64(x->rss_kb, y->rss_kb);
	case Q_PSS:
		return ms_cmp_u64(x->pss_kb, y->pss_kb);
	case Q_SWAP:
		return ms_cmp_u64(x->swap_kb, y->swap_kb);
	}
	return strcmp(x->comm, y->comm);
}

/* PSS and swap older than the bound, or of another RSS (tui/procage.h). */
static bool stale(const struct cg_view *c, const struct ms_proc *p)
{
	return ms_proc_stale(p, ms_proc_age_bound(c->base.ui->interval));
}

static attr_t attr(const void *ctx, int row, int col)
{
	const struct ms_proc *p = at(ctx, row);

	return (col == Q_PSS || col == Q_SWAP) && stale(ctx, p) ?
		       ms_attr(MS_C_DIM) :
		       0;
}

static void row_key(const void *ctx, int row, char *buf, size_t len)
{
	snprintf(buf, len, "%d", at(ctx, row)->pid);
}

static const struct ms_table_def def = {
	.cols = cols,
	.ncols = NR_QCOLS,
	.name_col = Q_COMM,
	.cell = cell,
	.cmp = cmp,
	.attr = attr,
	.key = row_key,
};

void cg_procs_init(struct cg_view *c)
{
	ms_table_init(&c->pt, &def, c, c->base.ui, Q_RSS, true);
	c->pt.empty = "no process of this cgroup in the sample";
}

/* Is pid listed in g's cgroup.procs (its first MS_CG_PIDS)? */
static bool listed(const struct ms_cgroup *g, int pid)
{
	for (int i = 0; g && i < g->nr_pids; i++)
		if (g->pids[i] == (uint64_t)pid)
			return true;
	return false;
}

/*
 * The processes of the open cgroup: their cgroup (read with their PSS)
 * names it, or, where it was not read, cgroup.procs lists them.
 */
void cg_procs_rows(struct cg_view *c)
{
	const struct ms_cgroup *g = cg_find(c, c->open);
	const struct ms_procs *ps = &c->cur->procs;
	int n = 0;

	if (!(c->cur->have & MS_SEC_BIT(MS_SEC_PROCS))) {
		ms_table_set_rows(&c->pt, 0);
		return;
	}
	if (ps->n > c->capprows) {
		int *r = realloc(c->prows, sizeof(*r) * (size_t)ps->n);

		if (!r) {
			ms_table_set_rows(&c->pt, 0);
			return;
		}
		c->prows = r;
		c->capprows = ps->n;
	}
	for (int i = 0; i < ps->n; i++) {
		const struct ms_proc *p = &ps->v[i];

		if (p->cgroup[0] ? !strcmp(p->cgroup, g ? g->path : c->open) :
				   listed(g, p->pid))
			c->prows[n++] = i;
	}
	ms_table_set_rows(&c->pt, n);
}

#define CD(d) ((struct cg_view *)(d)->v)

static enum ms_key_result procs_open(struct ms_drill *d)
{
	struct cg_view *c = CD(d);

	c->pt.sel = c->pt.top = 0;
	c->pt.sel_key[0] = '\0';
	c->pt.filter[0] = '\0';
	ms_table_set_rows(&c->pt, 0);
	return MS_KEY_RESAMPLE; /* with the process list */
}

static enum ms_key_result procs_close(struct ms_drill *d)
{
	(void)d;
	return MS_KEY_RESAMPLE; /* without it */
}

static void procs_request(struct ms_drill *d, struct ms_request *req)
{
	(void)d;
	req->sections |= MS_SEC_BIT(MS_SEC_PROCS);
}

static void procs_update(struct ms_drill *d, const struct ms_snapshot *cur)
{
	(void)cur;
	cg_procs_rows(CD(d));
}

static struct ms_table *procs_table(struct ms_drill *d)
{
	return &CD(d)->pt;
}

static void procs_draw(struct ms_drill *d, WINDOW *w, struct ms_rect r)
{
	struct cg_view *c = CD(d);
	char title[96 + CG_PATH * 4], esc[CG_PATH * 4], why[256];
	const char *line;
	int n = 0, row;

	snprintf(title, sizeof(title), "Processes of cgroup %s: %d",
		 ms_esc(esc, sizeof(esc), c->open), c->pt.nrows);
	ms_title(w, r.y, r.x, r.w, title, d->v->ui);
	r.y++, r.h--;
	if (!(c->cur->have & MS_SEC_BIT(MS_SEC_PROCS))) {
		ms_message(w, r, ms_attr(MS_C_NOTE),
			   ms_why_missing(why, sizeof(why), c->cur,
					  MS_SEC_PROCS));
		return;
	}
	/* what the dim PSS and Swap mean, as in the VMA tab */
	for (int i = 0; i < c->pt.nrows; i++)
		n += stale(c, at(c, i));
	row = ms_table_selected(&c->pt);
	line = ms_proc_age_line(why, sizeof(why), row >= 0 ? at(c, row) : NULL,
				n, ms_proc_age_bound(c->base.ui->interval));
	if (line && r.h > 4) {
		ms_put_esc_cut(w, r.y, r.x, r.w, ms_attr(MS_C_DIM), line,
			       d->v->ui);
		r.y++, r.h--;
	}
	ms_table_draw(&c->pt, w, r);
}

static enum ms_key_result procs_key(struct ms_drill *d, int key)
{
	struct cg_view *c = CD(d);
	int row;

	if (c->pt.editing || !ms_key_is_enter(key))
		return ms_table_key(&c->pt, key);
	row = ms_table_selected(&c->pt);
	if (row < 0)
		return MS_KEY_DONE;
	/* the VMA tab opens the mappings of that pid (its arrive hook) */
	snprintf(c->go_how, sizeof(c->go_how), "pid:%d", at(c, row)->pid);
	c->base.go.tab = "vma";
	c->base.go.how = c->go_how;
	return MS_KEY_GOTO;
}

static const char *procs_hints(struct ms_drill *d)
{
	struct cg_view *c = CD(d);

	if (c->pt.editing) {
		d->own_hints = true;
		return ms_table_hints(&c->pt);
	}
	snprintf(c->hint, sizeof(c->hint), "Enter its mappings (VMA tab)  %s",
		 ms_table_hints(&c->pt));
	return c->hint;
}

const struct ms_drill_class cg_procs_screen = {
	.name = "cgroup-procs",
	.open = procs_open,
	.close = procs_close,
	.request = procs_request,
	.update = procs_update,
	.draw = procs_draw,
	.table = procs_table,
	.key = procs_key,
	.hints_fn = procs_hints,
	.back = "back to the cgroup",
};
