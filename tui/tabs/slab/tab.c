// SPDX-License-Identifier: GPL-2.0
/*
 * Slab tab: a slabtop-like table of caches with growth per second; Enter
 * on a cache shows its /sys/kernel/slab attributes and per-node counts;
 * `b` runs memscope.ko's kmem_cache against kmalloc benchmark.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/field.h"
#include "model/slabfree.h"
#include "tui/tabs/slab/slab.h"
#include "tui/widgets.h"

enum {
	C_NAME,
	C_ACTIVE,
	C_TOTAL,
	C_USE,
	C_OBJSIZE,
	C_SLABS,
	C_SIZE,
	C_OBJRATE,
	C_BYTERATE,
	C_OBJPERSLAB,
	C_PAGESPERSLAB,
	C_ACTSLABS,
	C_PLAIN, /* the columns from slabinfo end here */
	C_ALLOCS = C_PLAIN, /* the events (bpf), slabratetop's view */
	C_FREES,
	C_ABYTES,
	C_COUNT
};

/* Growth and size come before the per-slab geometry: at 80 columns the
 * rightmost columns are the ones that go. */
static const struct ms_column cols[C_COUNT] = {
	[C_NAME] = { "Name", MS_COL_FLEX, MS_LEFT, .min = 18, .id = "slab.name",
		     .key = 'n' },
	[C_ACTIVE] = { "Active", 7, MS_RIGHT, .id = "slab.active", .key = 'a' },
	[C_TOTAL] = { "Total", 7, MS_RIGHT, .id = "slab.total", .key = 'o' },
	[C_USE] = { "Use", 4, MS_RIGHT, .id = "slab.use", .key = 'u' },
	[C_OBJSIZE] = { "ObjSz", 6, MS_RIGHT, .id = "slab.objsize",
			.key = 's' },
	[C_SLABS] = { "Slabs", 6, MS_RIGHT, .id = "slab.slabs", .key = 'l' },
	[C_SIZE] = { "Size", 6, MS_RIGHT, .id = "slab.size", .key = 'c' },
	[C_OBJRATE] = { "Objs/s", 7, MS_RIGHT, .id = "slab.objrate" },
	[C_BYTERATE] = { "Bytes/s", 7, MS_RIGHT, .id = "slab.byterate" },
	[C_OBJPERSLAB] = { "Obj/Sl", 6, MS_RIGHT, .id = "slab.objperslab",
			   .key = 'b' },
	[C_PAGESPERSLAB] = { "Pg/Sl", 5, MS_RIGHT, .id = "slab.pagesperslab",
			     .key = 'p' },
	[C_ACTSLABS] = { "ActSl", 6, MS_RIGHT, .id = "slab.actslabs",
			 .key = 'v' },
	[C_ALLOCS] = { "Alloc/s", 7, MS_RIGHT, .id = "slab.allocs" },
	[C_FREES] = { "Free/s", 7, MS_RIGHT, .id = "slab.frees" },
	[C_ABYTES] = { "AllocB/s", 8, MS_RIGHT, .id = "slab.abytes" },
};

/* With live events their columns come first, as in slabratetop. */
static const int live_ids[C_COUNT] = {
	C_NAME,	    C_ALLOCS, C_FREES,	    C_ABYTES,	    C_ACTIVE,
	C_TOTAL,    C_USE,    C_OBJSIZE,    C_SIZE,	    C_OBJRATE,
	C_BYTERATE, C_SLABS,  C_OBJPERSLAB, C_PAGESPERSLAB, C_ACTSLABS,
};
static struct ms_column live_cols[C_COUNT];

static int col_id(const void *ctx, int col)
{
	const struct slab_view *s = ctx;

	return s->ids ? s->ids[col] : col;
}

static void cell(const void *ctx, int row, int col, char *buf, size_t len)
{
	const struct ms_slab_cache *c = cache_at(ctx, row);
	int w;

	col = col_id(ctx, col);
	w = cols[col].width;
	switch (col) {
	case C_NAME:
		snprintf(buf, len, "%s", c->name);
		break;
	case C_ACTIVE:
		ms_fmt_count(buf, len, c->active_objs, w);
		break;
	case C_TOTAL:
		ms_fmt_count(buf, len, c->num_objs, w);
		break;
	case C_USE:
		if (c->active_pct != c->active_pct)
			snprintf(buf, len, "-");
		else
			snprintf(buf, len, "%.0f%%",
				 ms_share_shown(c->active_pct, 100, 0));
		break;
	case C_OBJSIZE:
		ms_fmt_count(buf, len, c->objsize, w);
		break;
	case C_SLABS:
		ms_fmt_count(buf, len, c->num_slabs, w);
		break;
	case C_SIZE:
		ms_fmt_bytes(buf, len, c->size_bytes);
		break;
	case C_OBJRATE:
		ms_fmt_rate(buf, len, c->objs_rate);
		break;
	case C_BYTERATE:
		ms_fmt_byte_rate(buf, len, c->bytes_rate);
		break;
	case C_OBJPERSLAB:
		ms_fmt_count(buf, len, c->objperslab, w);
		break;
	case C_PAGESPERSLAB:
		ms_fmt_count(buf, len, c->pagesperslab, w);
		break;
	case C_ACTSLABS:
		ms_fmt_count(buf, len, c->active_slabs, w);
		break;
	case C_ALLOCS:
		ms_fmt_marked(buf, len, ms_alloc_mark(c->free_src),
			      c->alloc_rate, w);
		break;
	case C_FREES:
		ms_fmt_marked(buf, len, ms_free_mark(c->free_src), c->free_rate,
			      w);
		break;
	case C_ABYTES:
		if (isnan(c->alloc_bytes_rate))
			snprintf(buf, len, "-");
		else
			ms_fmt_bytes(buf, len,
				     (uint64_t)llround(c->alloc_bytes_rate));
		break;
	}
}

static int cmp(const void *ctx, int a, int b, int col)
{
	const struct ms_slab_cache *x = cache_at(ctx, a), *y = cache_at(ctx, b);

	switch (col_id(ctx, col)) {
	case C_NAME:
		return strcmp(x->name, y->name);
	case C_ACTIVE:
		return ms_cmp_u64(x->active_objs, y->active_objs);
	case C_TOTAL:
		return ms_cmp_u64(x->num_objs, y->num_objs);
	case C_USE:
		return ms_cmp_double(x->active_pct, y->active_pct);
	case C_OBJSIZE:
		return ms_cmp_u64(x->objsize, y->objsize);
	case C_SLABS:
		return ms_cmp_u64(x->num_slabs, y->num_slabs);
	case C_SIZE:
		return ms_cmp_u64(x->size_bytes, y->size_bytes);
	case C_OBJRATE:
		return ms_cmp_double(x->objs_rate, y->objs_rate);
	case C_BYTERATE:
		return ms_cmp_double(x->bytes_rate, y->bytes_rate);
	case C_OBJPERSLAB:
		return ms_cmp_u64(x->objperslab, y->objperslab);
	case C_PAGESPERSLAB:
		return ms_cmp_u64(x->pagesperslab, y->pagesperslab);
	case C_ACTSLABS:
		return ms_cmp_u64(x->active_slabs, y->active_slabs);
	case C_ALLOCS:
		return ms_cmp_double(x->alloc_rate, y->alloc_rate);
	case C_FREES:
		return ms_cmp_double(x->free_rate, y->free_rate);
	case C_ABYTES:
		return ms_cmp_double(x->alloc_bytes_rate, y->alloc_bytes_rate);
	}
	return 0;
}

/* Growing caches stand out; shrinking ones are quiet. */
static attr_t cell_attr(const void *ctx, int row, int col)
{
	const struct ms_slab_cache *c = cache_at(ctx, row);

	col = col_id(ctx, col);
	if (col >= C_PLAIN && !(c->alloc_rate > 0 || c->free_rate > 0))
		return ms_attr(MS_C_DIM);
	if (col == C_OBJRATE && c->objs_rate > 0)
		return ms_attr(MS_C_WARNING);
	if (col == C_BYTERATE && c->bytes_rate > 0)
		return ms_attr(MS_C_WARNING);
	if ((col == C_OBJRATE || col == C_BYTERATE) &&
	    !(c->objs_rate == c->objs_rate))
		return ms_attr(MS_C_DIM);
	return 0;
}

static const struct ms_table_def cache_table = {
	.cols = cols,
	.ncols = C_PLAIN,
	.name_col = C_NAME,
	.cell = cell,
	.cmp = cmp,
	.attr = cell_attr,
};

static const struct ms_table_def live_table = {
	.cols = live_cols,
	.ncols = C_COUNT,
	.name_col = C_NAME,
	.cell = cell,
	.cmp = cmp,
	.attr = cell_attr,
};

/*
 * Live events (bpf) bring their columns, first, once they have rates; the
 * sort follows its column, the default sort (by size) becomes allocations
 * per second unless the user chose one, and the selection goes back to
 * the top row. Once shown they stay: the group re-attaches after some
 * seconds on another tab or a pause, and its first sample has no rates
 * ("-"); the columns and the user's sort must not jump meanwhile.
 */
static void set_columns(struct slab_view *s, bool live)
{
	struct ms_table *t = &s->caches;
	int id = t->sort_col < 0 ? -1 : col_id(s, t->sort_col);

	if (!live || s->ids)
		return;
	s->ids = live_ids;
	t->def = &live_table;
	if (!t->chosen && id == C_SIZE && t->reverse)
		id = C_ALLOCS;
	for (int i = 0; i < C_COUNT; i++)
		if (live_ids[i] == id)
			t->sort_col = i;
	t->sel = t->top = 0;
	t->sel_key[0] = '\0';
}

/* ---- Explain ids of each screen -------------------------------------- */
/* ---- The view -------------------------------------------------------- */

static void slab_destroy(struct ms_view *v);

static struct ms_view *slab_create(const struct ms_ui *ui)
{
	struct slab_view *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->base.cls = &ms_view_slab;
	s->base.ui = ui;
	for (int i = 0; i < C_COUNT; i++)
		live_cols[i] = cols[live_ids[i]];
	ms_table_init(&s->caches, &cache_table, s, ui, C_SIZE, true);
	s->caches.empty = "no slab caches in this sample";
	ms_drills_init(&s->drills, &s->base, &s->graph);
	ms_slab_bench_init(s);
	if (ms_gpanel_init(&s->graph, MS_GRAPH_SLAB_SERIES)) {
		slab_destroy(&s->base);
		return NULL;
	}
	/* --cache NAME: its screen first; Esc goes to the list, on it */
	if (ui->opts && ui->opts->slab_cache) {
		snprintf(s->caches.sel_key, sizeof(s->caches.sel_key), "%s",
			 ui->opts->slab_cache);
		ms_drill_push(&s->base, &ms_slab_cache_screen,
			      (void *)ui->opts->slab_cache);
	}
	return &s->base;
}

static void slab_destroy(struct ms_view *v)
{
	ms_gpanel_free(&SV(v)->graph);
	ms_table_free(&SV(v)->caches);
	free(v);
}

static void slab_request(struct ms_view *v, struct ms_request *req)
{
	(void)v;
	req->sections |= MS_SEC_BIT(MS_SEC_SLAB) |
			 MS_SEC_BIT(MS_SEC_SLAB_EVENTS);
}

/* The selected cache's raw name, or NULL. */
static const char *selected_name(const struct slab_view *s)
{
	int row = ms_table_selected(&s->caches);

	return row >= 0 ? cache_at(s, row)->name : NULL;
}

/* The table, and the selected cache's history under it (H). */
static void draw_list(struct slab_view *s, WINDOW *w, struct ms_rect r)
{
	struct ms_rect g = ms_gpanel_take(&s->graph, &r);

	if (g.h)
		ms_graph_slab_draw(&s->graph, w, g, selected_name(s),
				   s->base.ui);
	ms_table_draw(&s->caches, w, r);
}

static void slab_update(struct ms_view *v, const struct ms_snapshot *cur,
			const struct ms_snapshot *prev)
{
	struct slab_view *s = SV(v);

	s->cur = cur;
	set_columns(s, (cur->have & MS_SEC_BIT(MS_SEC_SLAB_EVENTS)) &&
			       !isnan(cur->slab_events.interval));
	ms_table_set_rows(&s->caches, cur->slab.n);
	ms_graph_slab_feed(&s->graph, cur,
			   ms_drill_find(v, &ms_slab_cache_screen) ?
				   s->dname :
				   selected_name(s),
			   v->ui);
}

static bool slab_frame(struct ms_view *v, WINDOW *w, struct ms_rect *r)
{
	if (SV(v)->cur)
		return true;
	ms_message(w, *r, ms_attr(MS_C_DIM), "waiting for the first sample");
	return false;
}

static void slab_draw(struct ms_view *v, WINDOW *w, struct ms_rect r)
{
	struct slab_view *s = SV(v);
	char why[256];

	if (!(s->cur->have & MS_SEC_BIT(MS_SEC_SLAB)))
		ms_message(w, r, ms_attr(MS_C_NOTE),
			   ms_why_missing(why, sizeof(why), s->cur,
					  MS_SEC_SLAB));
	else
		draw_list(s, w, r);
}

static enum ms_key_result slab_key(struct ms_view *v, int key)
{
	struct slab_view *s = SV(v);

	if (!s->caches.editing && ms_key_is_enter(key))
		return ms_drill_push(v, &ms_slab_cache_screen, NULL);
	if (!s->caches.editing && key == 'H') {
		ms_gpanel_toggle(&s->graph);
		return MS_KEY_DONE;
	}
	if (!s->caches.editing && key == 'b')
		return ms_kexp_run(v, &s->bench.x);
	/* the user's sort (chosen) is kept when the events' columns arrive */
	return ms_table_key(&s->caches, key);
}

static const char *slab_hints(struct ms_view *v)
{
	struct slab_view *s = SV(v);

	if (s->caches.editing)
		return ms_table_hints(&s->caches);
	return "Enter cache  b benchmark  H graph  s sort  r reverse  / filter";
}

/* Every id the tab shows on some screen, the BPF columns included. */
static const char *const all_ids[] = {
	"slab.name",	   "slab.active",	"slab.total",
	"slab.use",	   "slab.objsize",	"slab.slabs",
	"slab.size",	   "slab.objrate",	"slab.byterate",
	"slab.objperslab", "slab.pagesperslab", "slab.actslabs",
	"slab.allocs",	   "slab.frees",	"slab.abytes",
	EXPLAIN_DETAIL,	   EXPLAIN_BENCH,	NULL,
};

static void slab_explain(struct ms_view *v, struct ms_explain_ids *e)
{
	ms_table_explain(&SV(v)->caches, e);
}

/* From the Memory tab's slab: the caches, largest first. */
static void slab_arrive(struct ms_view *v, const char *how)
{
	struct slab_view *s = SV(v);

	(void)how;
	ms_drill_pop_all(v);
	for (int i = 0; i < s->caches.def->ncols; i++)
		if (col_id(s, i) == C_SIZE)
			ms_table_sort_by(&s->caches, i);
	s->caches.sel = s->caches.top = 0;
	s->caches.sel_key[0] = '\0';
}

const struct ms_view_class ms_view_slab = {
	.name = "Slab",
	.id = "slab",
	.create = slab_create,
	.destroy = slab_destroy,
	.request = slab_request,
	.update = slab_update,
	.frame = slab_frame,
	.draw = slab_draw,
	.on_key = slab_key,
	.hints = slab_hints,
	.explain = slab_explain,
	.arrive = slab_arrive,
	.explain_all = all_ids,
	.catalog = MS_CATALOG(ms_explain_slab),
};
