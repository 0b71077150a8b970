// SPDX-License-Identifier: GPL-2.0
/*
 * Memory tab: the ledger of physical memory as a tree (fold with + - *),
 * each bucket's size, share of the physical RAM and growth, of the
 * machine or one NUMA node ([ ]), with the top-level buckets' history
 * stacked under it (H).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tabs/memory/buckets.h"
#include "tui/tabs/memory/census.h"
#include "tui/tabs/memory/memory.h"
#include "tui/widgets.h"

enum { C_NAME, C_SIZE, C_PCT, C_RATE, C_SOURCE, C_COUNT };

static const struct ms_column cols[C_COUNT] = {
	[C_NAME] = { "Bucket", 24, MS_LEFT, .id = "memory.bucket", .key = 'n' },
	[C_SIZE] = { "Size", 7, MS_RIGHT, .id = "memory.size", .key = 'm' },
	[C_PCT] = { "%RAM", 6, MS_RIGHT, .id = "memory.pct" },
	[C_RATE] = { "Growth/s", 9, MS_RIGHT, .id = "memory.rate", .key = 'd' },
	[C_SOURCE] = { "Source", MS_COL_FLEX, MS_LEFT, .min = 16,
		       .id = "memory.source", .nosort = true },
};

static double pct(const struct mem_view *m, const struct ms_ledger_entry *e)
{
	if (!ms_have(e->kb) || !ms_have(m->physical_kb) || !m->physical_kb)
		return NAN;
	return 100.0 * (double)e->kb / (double)m->physical_kb;
}

static void cell(const void *ctx, int row, int col, char *buf, size_t len)
{
	const struct mem_view *m = ctx;
	const struct ms_ledger_entry *e = row_entry(m, row);
	const struct mem_row *r = &m->rows[m->vis[row]];

	switch (col) {
	case C_NAME:
		if (r->of) { /* "of which dirty" for file_dirty under file */
			snprintf(buf, len, "%*sof which %s", 2 * r->depth + 2,
				 "", ms_ledger_of_label(e));
			break;
		}
		snprintf(buf, len, "%*s%s%s", 2 * r->depth, "",
			 !r->kids		? "  " :
			 mem_folded(m, e->name) ? "+ " :
						  "- ",
			 e->name);
		break;
	case C_SIZE:
		ms_fmt_kb(buf, len, e->kb);
		break;
	case C_PCT:
		if (isnan(pct(m, e)))
			snprintf(buf, len, "-");
		else
			snprintf(buf, len, "%.1f%%", pct(m, e));
		break;
	case C_RATE:
		ms_fmt_byte_rate(buf, len, e->kb_per_s * 1024);
		break;
	case C_SOURCE:
		snprintf(buf, len, "%s", e->source);
		break;
	}
}

static int by_kb(const struct ms_ledger_entry *x,
		 const struct ms_ledger_entry *y)
{
	return ms_cmp_u64(x->kb, y->kb);
}

static int by_rate(const struct ms_ledger_entry *x,
		   const struct ms_ledger_entry *y)
{
	return ms_cmp_double(x->kb_per_s, y->kb_per_s);
}

static int cmp(const void *ctx, int a, int b, int col)
{
	return mem_tree_cmp(ctx, a, b,
			    col == C_NAME ? NULL :
			    col == C_RATE ? by_rate :
					    by_kb);
}

static void row_key(const void *ctx, int row, char *buf, size_t len)
{
	snprintf(buf, len, "%s", row_entry(ctx, row)->name);
}

/* What no counter explains stands out; empty buckets are quiet. */
static attr_t cell_attr(const void *ctx, int row, int col)
{
	const struct ms_ledger_entry *e = row_entry(ctx, row);

	if (col == C_NAME && !strcmp(e->name, "unexplained") &&
	    pct(ctx, e) >= 2)
		return ms_attr(MS_C_WARNING);
	if (col == C_RATE && e->kb_per_s > 0)
		return ms_attr(MS_C_WARNING);
	if (!e->kb || col == C_SOURCE)
		return ms_attr(MS_C_DIM);
	return 0;
}

static const struct ms_table_def tree_table = {
	.cols = cols,
	.ncols = C_COUNT,
	.name_col = C_NAME,
	.cell = cell,
	.cmp = cmp,
	.attr = cell_attr,
	.key = row_key,
};

/* ---- The view -------------------------------------------------------- */

static void mem_destroy(struct ms_view *v)
{
	ms_gpanel_free(&MV(v)->graph);
	ms_table_free(&MV(v)->t);
	free(v);
}

static struct ms_view *mem_create(const struct ms_ui *ui)
{
	struct mem_view *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->base.cls = &ms_view_memory;
	m->base.ui = ui;
	m->node = -1;
	/* -1: the ledger's own order, the tree as the kernel's counters nest */
	ms_table_init(&m->t, &tree_table, m, ui, -1, false);
	m->t.empty = "no ledger in this sample";
	ms_drills_init(&m->drills, &m->base, &m->graph);
	if (ms_gpanel_init(&m->graph, MS_GRAPH_MEMORY_SERIES)) {
		mem_destroy(&m->base);
		return NULL;
	}
	return &m->base;
}

static void mem_request(struct ms_view *v, struct ms_request *req)
{
	(void)v;
	req->sections |= MS_SEC_BIT(MS_SEC_MEMORY);
}

/* The ledger of the node shown (the machine's: -1); a node gone: it. */
static void pick(struct mem_view *m)
{
	const struct ms_memory *mem = &m->cur->memory;

	m->l = &mem->ledger;
	m->of = &mem->of_which;
	m->physical_kb = mem->physical_kb;
	for (int i = 0; m->node >= 0 && i < mem->nodes.n; i++)
		if (mem->nodes.v[i].node == m->node) {
			m->l = &mem->nodes.v[i].ledger;
			m->of = &mem->nodes.v[i].of_which;
			m->physical_kb = mem->nodes.v[i].physical_kb;
			return;
		}
	m->node = -1;
}

static void rebuild(struct mem_view *m)
{
	mem_tree_build(m);
	ms_table_set_rows(&m->t, m->nvis);
}

static void mem_update(struct ms_view *v, const struct ms_snapshot *cur,
		       const struct ms_snapshot *prev)
{
	struct mem_view *m = MV(v);

	(void)prev;
	m->cur = cur;
	pick(m);
	rebuild(m);
	ms_graph_memory_feed(&m->graph, cur, v->ui);
}

static bool mem_frame(struct ms_view *v, WINDOW *w, struct ms_rect *r)
{
	struct mem_view *m = MV(v);
	char why[256];

	if (!m->cur) {
		ms_message(w, *r, ms_attr(MS_C_DIM),
			   "waiting for the first sample");
		return false;
	}
	if (!(m->cur->have & MS_SEC_BIT(MS_SEC_MEMORY))) {
		ms_message(w, *r, ms_attr(MS_C_NOTE),
			   ms_why_missing(why, sizeof(why), m->cur,
					  MS_SEC_MEMORY));
		return false;
	}
	return true;
}

/* The explain text of table row row's bucket, or NULL. */
static const struct ms_explain *bucket_text(const struct mem_view *m, int row)
{
	char id[MS_LEDGER_NAME + 16];

	ms_ledger_bucket_id(row_entry(m, row), id, sizeof(id));
	return ms_explain_find(id);
}

/*
 * The buckets on screen are fields explain mode walks: seen, and the
 * one it explains marked (its name).
 */
static void mark_buckets(struct mem_view *m, WINDOW *w, struct ms_rect r)
{
	for (int i = m->t.top; i < m->t.n && i < m->t.top + m->t.page; i++) {
		const struct ms_explain *x = bucket_text(m, m->t.idx[i]);

		if (!x)
			continue;
		ms_explain_seen(x->id);
		ms_explain_mark(w, r.y + 1 + i - m->t.top, r.x,
				cols[C_NAME].width, m->base.ui, x->id);
	}
}

static void mem_draw(struct ms_view *v, WINDOW *w, struct ms_rect r)
{
	struct mem_view *m = MV(v);
	const struct ms_memory *mem = &m->cur->memory;
	struct ms_rect g = ms_gpanel_take(&m->graph, &r);
	char title[200], phys[16], tot[16], who[64];

	if (m->node < 0)
		snprintf(who, sizeof(who), "machine%s",
			 mem->nodes.n > 1 ? "  ([ ] a node)" : "");
	else
		snprintf(who, sizeof(who), "node %d of %d  ([ ] next)", m->node,
			 mem->nodes.n);
	ms_fmt_kb1(phys, sizeof(phys), m->physical_kb);
	ms_fmt_kb1(tot, sizeof(tot), mem->total_kb);
	snprintf(title, sizeof(title), "Ledger, %s: physical %s, MemTotal %s",
		 who, phys, tot);
	ms_title(w, r.y, r.x, r.w, title, v->ui);
	r.y++;
	r.h--;
	if (g.h)
		ms_graph_memory_draw(&m->graph, w, g, m, v->ui);
	ms_table_draw(&m->t, w, r);
	mark_buckets(m, w, r);
}

/* ]/[: the next or previous node's ledger, the machine's in between. */
static void next_node(struct mem_view *m, int dir)
{
	const struct ms_memory *mem = &m->cur->memory;
	int i = -1, n = mem->nodes.n;

	for (int j = 0; j < n; j++)
		if (mem->nodes.v[j].node == m->node)
			i = j;
	i += dir;
	if (i < -1)
		i = n - 1;
	if (i >= n)
		i = -1;
	m->node = i < 0 ? -1 : mem->nodes.v[i].node;
	pick(m);
	rebuild(m);
}

static enum ms_key_result fold_key(struct mem_view *m, int key)
{
	int row = ms_table_selected(&m->t), ri;
	const struct mem_row *r;

	if (row < 0)
		return ms_key_is_enter(key) ? MS_KEY_PASS : MS_KEY_DONE;
	ri = m->vis[row];
	r = &m->rows[ri];
	if (key == '*') {
		mem_fold_all(m);
	} else if (ms_key_is_enter(key)) {
		enum ms_key_result res = mem_enter(m, ri);

		if (res != MS_KEY_PASS || !r->kids)
			return res;
		mem_fold(m, ri, -1);
	} else if (r->kids) {
		mem_fold(m, ri, key == '-');
	} else if (key == '-' && r->parent >= 0) {
		/* on a leaf: fold its parent, as htop does, and go there */
		snprintf(m->t.sel_key, sizeof(m->t.sel_key), "%s",
			 m->l->v[m->rows[r->parent].e].name);
		mem_fold(m, r->parent, 1);
	}
	rebuild(m);
	return MS_KEY_DONE;
}

static enum ms_key_result mem_key(struct ms_view *v, int key)
{
	struct mem_view *m = MV(v);

	if (m->t.editing || !m->cur || !m->l)
		return ms_table_key(&m->t, key);
	if (key == '+' || key == '-' || key == '*' || ms_key_is_enter(key))
		return fold_key(m, key);
	if (key == ']' || key == '[') {
		next_node(m, key == ']' ? 1 : -1);
		return MS_KEY_DONE;
	}
	if (key == 'H') {
		ms_gpanel_toggle(&m->graph);
		return MS_KEY_DONE;
	}
	if (key == 'A') { /* DAMON: the Reclaim tab's screen */
		m->base.go.tab = "reclaim";
		m->base.go.how = "damon";
		return MS_KEY_GOTO;
	}
	return ms_table_key(&m->t, key);
}

static const char *mem_hints(struct ms_view *v)
{
	struct mem_view *m = MV(v);

	if (m->t.editing)
		return ms_table_hints(&m->t);
	return "Enter where it goes  A DAMON  +/-/* fold  ]/[ node  H graph  "
	       "s sort  r reverse  / filter";
}

static void mem_explain(struct ms_view *v, struct ms_explain_ids *e)
{
	struct mem_view *m = MV(v);
	int sel = ms_table_selected(&m->t);

	ms_table_explain(&m->t, e);
	if (!m->l)
		return;
	/* the buckets on screen, the selected one under the cursor */
	for (int i = m->t.top; i < m->t.n && i < m->t.top + m->t.page; i++) {
		int row = m->t.idx[i];
		const struct ms_explain *x = bucket_text(m, row);

		if (!x)
			continue;
		ms_explain_add(e, x->id);
		if (row == sel && e->n)
			e->cur = e->n - 1;
	}
}

/* W: physical memory */
static int mem_damon(struct ms_view *v)
{
	(void)v;
	return 0;
}

const struct ms_view_class ms_view_memory = {
	.name = "Memory",
	.id = "memory",
	.create = mem_create,
	.destroy = mem_destroy,
	.request = mem_request,
	.update = mem_update,
	.frame = mem_frame,
	.draw = mem_draw,
	.on_key = mem_key,
	.hints = mem_hints,
	.explain = mem_explain,
	.explain_all = ms_memory_explain_all,
	.folds = true,
	.damon_target = mem_damon,
	.catalog = MS_CATALOG(ms_explain_memory, ms_explain_memory_buckets,
			      ms_explain_memory_census, ms_explain_memory_files,
			      ms_explain_memory_of),
};
