// SPDX-License-Identifier: GPL-2.0
/*
 * Cgroups tab: the memory cgroup tree (fold with + - *), each cgroup's
 * usage, nearest limit and the headroom to it, peak, growth, pressure
 * and OOM kills; Enter opens one cgroup's screen (screen.c).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tabs/cgroup/cgroup.h"
#include "tui/widgets.h"

enum {
	C_PATH,
	C_USAGE,
	C_LIMIT,
	C_ROOM,
	C_PCT,
	C_PEAK,
	C_RATE,
	C_PSI,
	C_OOM,
	C_COUNT
};

static const struct ms_column cols[C_COUNT] = {
	[C_PATH] = { "Cgroup", MS_COL_FLEX, MS_LEFT, .min = 14,
		     .id = "cgroup.path", .key = 'n' },
	[C_USAGE] = { "Usage", 7, MS_RIGHT, .id = "cgroup.current",
		      .key = 'm' },
	[C_LIMIT] = { "Limit", 7, MS_RIGHT, .id = "cgroup.limit", .key = 'l' },
	[C_ROOM] = { "Headroom", 8, MS_RIGHT, .id = "cgroup.headroom",
		     .key = 'e' },
	[C_PCT] = { "Used", 5, MS_RIGHT, .id = "cgroup.headroom" },
	[C_PEAK] = { "Peak", 7, MS_RIGHT, .id = "cgroup.peak" },
	[C_RATE] = { "Growth/s", 9, MS_RIGHT, .id = "cgroup.current_rate",
		     .key = 'd' },
	[C_PSI] = { "PSI", 5, MS_RIGHT, .id = "cgroup.psi", .key = 'P' },
	[C_OOM] = { "OOMk", 5, MS_RIGHT, .id = "cgroup.events", .key = 'o' },
};

static const struct ms_cgroup *cg_at(const struct cg_view *c, int row)
{
	return &c->cur->cgroups.v[c->vis[row]];
}

/* The nearest limit: the smaller of max and high; MS_NA: none. */
static uint64_t limit(const struct ms_cgroup *g)
{
	if (!ms_have(g->max_kb))
		return g->high_kb;
	if (!ms_have(g->high_kb))
		return g->max_kb;
	return g->max_kb < g->high_kb ? g->max_kb : g->high_kb;
}

static uint64_t room(const struct ms_cgroup *g)
{
	uint64_t l = limit(g);

	if (!ms_have(l) || !ms_have(g->current_kb))
		return MS_NA;
	return g->current_kb < l ? l - g->current_kb : 0;
}

static double used(const struct ms_cgroup *g)
{
	uint64_t l = limit(g);

	if (!ms_have(l) || !ms_have(g->current_kb) || !l)
		return NAN;
	return 100.0 * (double)g->current_kb / (double)l;
}

/* PSI some avg10; NaN where the cgroup has none (v1, PSI off). */
static double psi(const struct ms_cgroup *g)
{
	return g->version == 1 ? NAN : g->some.avg10;
}

static uint64_t ooms(const struct ms_cgroup *g)
{
	const struct ms_kv *k = ms_kv_find(&g->events, "oom_kill");

	return k ? k->value : MS_NA;
}

/* The last component of a path ("/" for the root). */
static const char *leaf(const char *path)
{
	const char *s = strrchr(path, '/');

	return s && s[1] ? s + 1 : path;
}

void cg_path_key(char *buf, size_t len, const char *path)
{
	size_t n = strlen(path);
	uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a */

	if (n < len) {
		memcpy(buf, path, n + 1);
		return;
	}
	for (const char *p = path; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
	snprintf(buf, len, "%.*s#%016llx", (int)(len > 18 ? len - 18 : 0), path,
		 (unsigned long long)h);
}

static bool folded(const struct cg_view *c, const char *path)
{
	char k[CG_PATH];

	if (!c->nfolded)
		return false;
	cg_path_key(k, sizeof(k), path);
	for (int i = 0; i < c->nfolded; i++)
		if (!strcmp(c->folded[i], k))
			return true;
	return false;
}

/*
 * The tree's indent: two columns a level down to CG_INDENT levels, then
 * the level as a number in the same width (a thousand deep stays legible).
 */
static void indent(char *buf, size_t len, int depth, const char *mark,
		   const char *name)
{
	char lvl[16];

	if (depth <= CG_INDENT) {
		snprintf(buf, len, "%*s%s%s", 2 * depth, "", mark, name);
		return;
	}
	snprintf(lvl, sizeof(lvl), "%d>", depth);
	snprintf(buf, len, "%*s%s%s%s", 2 * CG_INDENT - (int)strlen(lvl), "",
		 lvl, mark, name);
}

static void cell(const void *ctx, int row, int col, char *buf, size_t len)
{
	const struct cg_view *c = ctx;
	const struct ms_cgroup *g = cg_at(c, row);
	const struct cg_row *r = &c->rows[c->vis[row]];

	switch (col) {
	case C_PATH:
		/* filtered: whole paths, as the tree is no longer whole */
		if (c->t.filter[0])
			snprintf(buf, len, "%s", g->path);
		else
			indent(buf, len, r->depth,
			       !r->kids		  ? "  " :
			       folded(c, g->path) ? "+ " :
						    "- ",
			       leaf(g->path));
		break;
	case C_USAGE:
		ms_fmt_kb(buf, len, g->current_kb);
		break;
	case C_LIMIT:
		ms_fmt_kb(buf, len, limit(g));
		break;
	case C_ROOM:
		ms_fmt_kb(buf, len, room(g));
		break;
	case C_PCT:
		if (isnan(used(g)))
			snprintf(buf, len, "-");
		else
			snprintf(buf, len, "%.0f%%", used(g));
		break;
	case C_PEAK:
		ms_fmt_kb(buf, len, g->peak_kb);
		break;
	case C_RATE:
		ms_fmt_byte_rate(buf, len, g->current_kb_per_s * 1024);
		break;
	case C_PSI:
		if (isnan(psi(g)))
			snprintf(buf, len, "-");
		else
			snprintf(buf, len, "%.2f", psi(g));
		break;
	case C_OOM:
		ms_fmt_u64(buf, len, ooms(g));
		break;
	}
}

static int by(const struct ms_cgroup *x, const struct ms_cgroup *y, int col)
{
	switch (col) {
	case C_PATH:
		return strcmp(leaf(x->path), leaf(y->path));
	case C_LIMIT:
		return ms_cmp_u64(limit(x), limit(y));
	case C_ROOM:
		return ms_cmp_u64(room(x), room(y));
	case C_PCT:
		return ms_cmp_double(used(x), used(y));
	case C_PEAK:
		return ms_cmp_u64(x->peak_kb, y->peak_kb);
	case C_RATE:
		return ms_cmp_double(x->current_kb_per_s, y->current_kb_per_s);
	case C_PSI:
		return ms_cmp_double(psi(x), psi(y));
	case C_OOM:
		return ms_cmp_u64(ooms(x), ooms(y));
	}
	return ms_cmp_u64(x->current_kb, y->current_kb);
}

/* Cgroup i's ancestors from the top down to it; how many. */
static int lineage(const struct cg_view *c, int i, int *out)
{
	int n = 0, tmp[CG_DEPTH];

	for (; i >= 0; i = c->rows[i].parent) {
		if (n == CG_DEPTH)
			n--; /* deeper than CG_DEPTH: ordered as their parent */
		tmp[n++] = i;
	}
	for (int k = 0; k < n; k++)
		out[k] = tmp[n - 1 - k];
	return n;
}

/* Siblings by the column, each cgroup under its parent (htop's tree). */
static int cmp(const void *ctx, int a, int b, int col)
{
	const struct cg_view *c = ctx;
	const struct ms_cgroup *v = c->cur->cgroups.v;
	/* the table reverses what this returns: undo it for the tree */
	int rev = c->t.reverse ? -1 : 1, la[CG_DEPTH], lb[CG_DEPTH];
	int na = lineage(c, c->vis[a], la), nb = lineage(c, c->vis[b], lb);
	int k = 0, d;

	while (k < na && k < nb && la[k] == lb[k])
		k++;
	if (k == na || k == nb)
		return rev * (na - nb);
	d = by(&v[la[k]], &v[lb[k]], col);
	return d ? d : rev * (la[k] - lb[k]);
}

static void row_key(const void *ctx, int row, char *buf, size_t len)
{
	cg_path_key(buf, len, cg_at(ctx, row)->path);
}

/* Its files but usage older than the bound, or read at another usage. */
static bool stale(const struct cg_view *c, const struct ms_cgroup *g)
{
	return ms_cgroup_stale(g, ms_proc_age_bound(c->base.ui->interval));
}

/* Near the limit, killing or under pressure stands out; stale is dim. */
static attr_t cell_attr(const void *ctx, int row, int col)
{
	const struct cg_view *c = ctx;
	const struct ms_cgroup *g = cg_at(c, row);
	uint64_t k = ooms(g);

	if ((col == C_ROOM || col == C_PCT) && used(g) >= 90)
		return ms_attr(MS_C_WARNING);
	if (col == C_OOM && ms_have(k) && k)
		return ms_attr(MS_C_WARNING);
	if (col == C_PSI && psi(g) >= 10)
		return ms_attr(MS_C_WARNING);
	if (!ms_have(g->current_kb) && col != C_PATH)
		return ms_attr(MS_C_DIM);
	/* usage and its growth are of every sample */
	if (col != C_PATH && col != C_USAGE && col != C_RATE && stale(c, g))
		return ms_attr(MS_C_DIM);
	return 0;
}

/*
 * What the dim columns mean: the selected cgroup's age, else how many are
 * dim; NULL when none is.
 */
static const char *age_line(const struct cg_view *c, char *buf, size_t len)
{
	double bound = ms_proc_age_bound(c->base.ui->interval);
	int row = ms_table_selected(&c->t), n = 0;
	const struct ms_cgroup *g;
	char kb[32];

	for (int i = 0; i < c->nvis; i++)
		n += stale(c, cg_at(c, i));
	if (!n)
		return NULL;
	g = row >= 0 ? cg_at(c, row) : NULL;
	if (g && stale(c, g)) {
		ms_fmt_kb(kb, sizeof(kb), g->detail_current_kb);
		snprintf(buf, len,
			 "%s: limits, peak, PSI, events %.0f s old, read at "
			 "usage %s (dim: >%.0f s or usage moved)",
			 leaf(g->path), g->detail_age_s, kb, bound);
		return buf;
	}
	snprintf(buf, len,
		 "Dim: %d cgroups' limits, peak, PSI, events read >%.0f s ago "
		 "or at another usage",
		 n, bound);
	return buf;
}

static const struct ms_table_def tree_table = {
	.cols = cols,
	.ncols = C_COUNT,
	.name_col = C_PATH,
	.cell = cell,
	.cmp = cmp,
	.attr = cell_attr,
	.key = row_key,
};

/* ---- The tree ----------------------------------------------------------- */

/* Is p the path of path's parent (one level up)? */
static bool is_parent(const char *p, const char *path)
{
	size_t n = strcmp(p, "/") ? strlen(p) : 0;

	return !strncmp(p, path, n) && path[n] == '/' && path[n + 1] &&
	       !strchr(path + n + 1, '/');
}

/* Cgroup i's parent: parents come first; among the ancestors of the one
 * above it in a walk of the tree, else anywhere above. -1: none. */
static int parent_of(const struct cg_view *c, int i)
{
	const struct ms_cgroup *v = c->cur->cgroups.v;

	for (int p = i - 1; p >= 0; p = c->rows[p].parent)
		if (is_parent(v[p].path, v[i].path))
			return p;
	for (int p = i - 1; p >= 0; p--)
		if (is_parent(v[p].path, v[i].path))
			return p;
	return -1;
}

static bool hidden(const struct cg_view *c, int i)
{
	const struct ms_cgroup *v = c->cur->cgroups.v;

	for (int p = c->rows[i].parent; p >= 0; p = c->rows[p].parent)
		if (folded(c, v[p].path))
			return true;
	return false;
}

static int build(struct cg_view *c)
{
	const struct ms_cgroups *cg = &c->cur->cgroups;

	if (cg->n > c->cap) {
		struct cg_row *r = realloc(c->rows, sizeof(*r) * cg->n);
		int *vis = r ? realloc(c->vis, sizeof(*vis) * cg->n) : NULL;

		if (r)
			c->rows = r;
		if (!vis)
			return -ENOMEM;
		c->vis = vis;
		c->cap = cg->n;
	}
	c->nrows = cg->n;
	c->nvis = 0;
	for (int i = 0; i < cg->n; i++) {
		int p = parent_of(c, i);

		c->rows[i] = (struct cg_row){ .parent = p };
		if (p >= 0) {
			c->rows[i].depth = c->rows[p].depth + 1;
			c->rows[p].kids = true;
		}
	}
	for (int i = 0; i < cg->n; i++)
		if (c->t.filter[0] || !hidden(c, i))
			c->vis[c->nvis++] = i;
	return 0;
}

static void set_folded(struct cg_view *c, const char *path, bool on)
{
	char k[CG_PATH];

	cg_path_key(k, sizeof(k), path);
	for (int i = 0; i < c->nfolded; i++)
		if (!strcmp(c->folded[i], k)) {
			if (!on)
				memmove(c->folded[i], c->folded[i + 1],
					(size_t)(--c->nfolded - i) *
						sizeof(c->folded[0]));
			return;
		}
	if (on && c->nfolded < CG_FOLDS)
		snprintf(c->folded[c->nfolded++], CG_PATH, "%s", k);
}

static void rebuild(struct cg_view *c)
{
	if (c->cur && !build(c))
		ms_table_set_rows(&c->t, c->nvis);
}

/* ---- The view ------------------------------------------------------------ */

static void cg_destroy(struct ms_view *v)
{
	ms_table_free(&CV(v)->t);
	ms_table_free(&CV(v)->pt);
	ms_gpanel_free(&CV(v)->graph);
	cg_tl_free(&CV(v)->tl);
	free(CV(v)->prows);
	free(CV(v)->rows);
	free(CV(v)->vis);
	free(v);
}

static struct ms_view *cg_create(const struct ms_ui *ui)
{
	struct cg_view *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->base.cls = &ms_view_cgroup;
	c->base.ui = ui;
	/* -1: the sample's order, parents before children */
	ms_table_init(&c->t, &tree_table, c, ui, -1, false);
	c->t.empty = "no memory cgroup in this sample";
	ms_drills_init(&c->drills, &c->base, &c->graph);
	cg_procs_init(c);
	cg_tl_init(&c->tl);
	if (ms_gpanel_init(&c->graph, MS_GRAPH_CGROUP_SERIES)) {
		cg_destroy(&c->base);
		return NULL;
	}
	return &c->base;
}

static void cg_request(struct ms_view *v, struct ms_request *req)
{
	struct ms_drill *top = ms_drill_top(v);

	req->sections |= MS_SEC_BIT(MS_SEC_CGROUP);
	/* one cgroup's screen: its reclaim stalls and OOM kills (BPF) */
	if (top && top->cls == &cg_screen)
		req->sections |= MS_SEC_BIT(MS_SEC_RECLAIM_EVENTS);
}

/* The path of the tree's selected cgroup, or NULL. */
static const char *selected(const struct cg_view *c)
{
	int row = ms_table_selected(&c->t);

	return row >= 0 && c->cur ? cg_at(c, row)->path : NULL;
}

static void cg_update(struct ms_view *v, const struct ms_snapshot *cur,
		      const struct ms_snapshot *prev)
{
	struct cg_view *c = CV(v);

	c->cur = cur;
	rebuild(c);
	/* no memory for a change: the timeline misses it, the rest goes on */
	cg_tl_feed(&c->tl, cur, prev);
	cg_graph_feed(c, selected(c));
}

static bool cg_frame(struct ms_view *v, WINDOW *w, struct ms_rect *r)
{
	struct cg_view *c = CV(v);
	char why[256];

	if (!c->cur) {
		ms_message(w, *r, ms_attr(MS_C_DIM),
			   "waiting for the first sample");
		return false;
	}
	if (!(c->cur->have & MS_SEC_BIT(MS_SEC_CGROUP))) {
		ms_message(w, *r, ms_attr(MS_C_NOTE),
			   ms_why_missing(why, sizeof(why), c->cur,
					  MS_SEC_CGROUP));
		return false;
	}
	return true;
}

static void cg_draw(struct ms_view *v, WINDOW *w, struct ms_rect r)
{
	struct cg_view *c = CV(v);
	const struct ms_cgroups *cg = &c->cur->cgroups;
	char title[160], note[256];
	const char *why;
	struct ms_rect g;

	snprintf(title, sizeof(title), "Memory cgroups: %d (v%d)%s", cg->n,
		 cg->n ? cg->v[0].version : 2,
		 c->t.filter[0] ? ", whole paths while filtered" : "");
	ms_title(w, r.y, r.x, r.w, title, v->ui);
	r.y++;
	r.h--;
	why = age_line(c, note, sizeof(note));
	if (why && r.h > 4) {
		ms_put_esc_cut(w, r.y, r.x, r.w, ms_attr(MS_C_DIM), why, v->ui);
		ms_explain_mark(w, r.y, r.x, r.w, v->ui, "cgroup.age");
		r.y++;
		r.h--;
	}
	g = ms_gpanel_take(&c->graph, &r);
	if (g.h && selected(c))
		cg_graph_draw(c, w, g, selected(c));
	/* a typed key changed the filter: whole paths, or the tree again */
	if (strcmp(c->shown_filter, c->t.filter)) {
		snprintf(c->shown_filter, sizeof(c->shown_filter), "%s",
			 c->t.filter);
		rebuild(c);
	}
	ms_table_draw(&c->t, w, r);
}

static enum ms_key_result fold_key(struct cg_view *c, int key)
{
	int row = ms_table_selected(&c->t), i;
	const struct ms_cgroup *v = c->cur->cgroups.v;

	if (row < 0)
		return MS_KEY_DONE;
	i = c->vis[row];
	if (key == '*') {
		bool any = c->nfolded > 0;

		c->nfolded = 0;
		for (int k = 0; !any && k < c->nrows; k++)
			if (c->rows[k].kids)
				set_folded(c, v[k].path, true);
	} else if (c->rows[i].kids) {
		set_folded(c, v[i].path, key == '-');
	} else if (key == '-' && c->rows[i].parent >= 0) {
		/* on a leaf: fold its parent, as htop does, and go there */
		i = c->rows[i].parent;
		cg_path_key(c->t.sel_key, sizeof(c->t.sel_key), v[i].path);
		set_folded(c, v[i].path, true);
	}
	rebuild(c);
	return MS_KEY_DONE;
}

static enum ms_key_result cg_key(struct ms_view *v, int key)
{
	struct cg_view *c = CV(v);
	int row;

	if (c->t.editing || !c->cur)
		return ms_table_key(&c->t, key);
	if (key == '+' || key == '-' || key == '*')
		return fold_key(c, key);
	if (key == 'H') {
		ms_gpanel_toggle(&c->graph);
		return MS_KEY_DONE;
	}
	if (ms_key_is_enter(key)) {
		row = ms_table_selected(&c->t);
		if (row < 0)
			return MS_KEY_DONE;
		cg_path_key(c->open, sizeof(c->open), cg_at(c, row)->path);
		return ms_drill_push(v, &cg_screen, NULL);
	}
	return ms_table_key(&c->t, key);
}

static const char *cg_hints(struct ms_view *v)
{
	struct cg_view *c = CV(v);

	if (c->t.editing)
		return ms_table_hints(&c->t);
	return "Enter cgroup  +/-/* fold  H graph  s sort  r reverse  / filter";
}

static void cg_explain(struct ms_view *v, struct ms_explain_ids *e)
{
	ms_table_explain(&CV(v)->t, e);
}

const struct ms_view_class ms_view_cgroup = {
	.name = "Cgroups",
	.id = "cgroup",
	.create = cg_create,
	.destroy = cg_destroy,
	.request = cg_request,
	.update = cg_update,
	.frame = cg_frame,
	.draw = cg_draw,
	.on_key = cg_key,
	.hints = cg_hints,
	.explain = cg_explain,
	.explain_all = ms_cgroup_explain_all,
	.folds = true,
	.catalog = MS_CATALOG(ms_explain_cgroup),
};
