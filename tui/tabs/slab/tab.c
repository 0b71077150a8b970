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

#include "tui/events.h"
#include "tui/graph_tabs.h"
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
	C_PLAIN,		/* the columns from slabinfo end here */
	C_ALLOCS = C_PLAIN,	/* the events (bpf), slabratetop's view */
	C_FREES,
	C_ABYTES,
	C_COUNT
};

/* Growth and size come before the per-slab geometry: at 80 columns the
 * rightmost columns are the ones that go. */
static const struct ms_column cols[C_COUNT] = {
	[C_NAME] = { "Name", MS_COL_FLEX, MS_LEFT, .min = 18,
		.id = "slab.name" },
	[C_ACTIVE] = { "Active", 7, MS_RIGHT, .id = "slab.active" },
	[C_TOTAL] = { "Total", 7, MS_RIGHT, .id = "slab.total" },
	[C_USE] = { "Use", 4, MS_RIGHT, .id = "slab.use" },
	[C_OBJSIZE] = { "ObjSz", 6, MS_RIGHT, .id = "slab.objsize" },
	[C_SLABS] = { "Slabs", 6, MS_RIGHT, .id = "slab.slabs" },
	[C_SIZE] = { "Size", 6, MS_RIGHT, .id = "slab.size" },
	[C_OBJRATE] = { "Objs/s", 7, MS_RIGHT, .id = "slab.objrate" },
	[C_BYTERATE] = { "Bytes/s", 7, MS_RIGHT, .id = "slab.byterate" },
	[C_OBJPERSLAB] = { "Obj/Sl", 6, MS_RIGHT, .id = "slab.objperslab" },
	[C_PAGESPERSLAB] = { "Pg/Sl", 5, MS_RIGHT, .id = "slab.pagesperslab" },
	[C_ACTSLABS] = { "ActSl", 6, MS_RIGHT, .id = "slab.actslabs" },
	[C_ALLOCS] = { "Alloc/s", 7, MS_RIGHT, .id = "slab.allocs" },
	[C_FREES] = { "Free/s", 7, MS_RIGHT, .id = "slab.frees" },
	[C_ABYTES] = { "AllocB/s", 8, MS_RIGHT, .id = "slab.abytes" },
};

/* With live events their columns come first, as in slabratetop. */
static const int live_ids[C_COUNT] = {
	C_NAME,	   C_ALLOCS,  C_FREES,	  C_ABYTES,	  C_ACTIVE,
	C_TOTAL,   C_USE,     C_OBJSIZE,  C_SIZE,	  C_OBJRATE,
	C_BYTERATE, C_SLABS,  C_OBJPERSLAB, C_PAGESPERSLAB, C_ACTSLABS,
};
static struct ms_column live_cols[C_COUNT];

/* The benchmark page: its settings and last result. */
struct bench_page {
	bool open;
	bool pending; /* the next sample runs the benchmark */
	bool have; /* res holds a result */
	int size, count; /* indices into bench_sizes, bench_counts */
	struct ms_slab_bench res;
	double when; /* t_real of the result */
	char why[256];
	struct ms_scroll sc;
};

struct slab_view {
	struct ms_view base;
	struct bench_page bench;
	const struct ms_snapshot *cur;
	struct ms_table caches;
	const int *ids;		/* display column -> C_*, NULL: the same */
	bool detail;
	char dname[MS_NAME]; /* the cache drilled into, raw */
	struct ms_scroll dscroll;
	struct ms_gpanel graph; /* history of the caches (H) */
};

#define SV(v) ((struct slab_view *)(v))

static const struct ms_slab_cache *cache_at(const struct slab_view *s, int row)
{
	return &s->cur->slab.caches[row];
}

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
			snprintf(buf, len, "%.0f%%", c->active_pct);
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
		ms_fmt_events(buf, len, c->alloc_rate, w);
		break;
	case C_FREES:
		ms_fmt_events(buf, len, c->free_rate, w);
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
 * per second, and the selection goes back to the top row.
 */
static void set_columns(struct slab_view *s, bool live)
{
	struct ms_table *t = &s->caches;
	int id = t->sort_col < 0 ? -1 : col_id(s, t->sort_col);

	if (live == (s->ids != NULL))
		return;
	s->ids = live ? live_ids : NULL;
	t->def = live ? &live_table : &cache_table;
	if (live && id == C_SIZE && t->reverse)
		id = C_ALLOCS;
	if (!live && id >= C_PLAIN) {
		id = C_SIZE;
		t->reverse = true;
	}
	t->sort_col = id;
	for (int i = 0; live && i < C_COUNT; i++)
		if (live_ids[i] == id)
			t->sort_col = i;
	t->sel = t->top = 0;
	t->sel_key[0] = '\0';
}

/* ---- Explain ids of each page ---------------------------------------- */

#define EXPLAIN_DETAIL                                                    \
	"slab.d.slabinfo", "slab.d.object_size", "slab.d.slab_size",      \
		"slab.d.objs_per_slab", "slab.d.order", "slab.d.align",   \
		"slab.d.hwcache_align", "slab.d.reclaim_account",         \
		"slab.d.cache_dma", "slab.d.min_partial",                 \
		"slab.d.cpu_partial", "slab.d.poison", "slab.d.merged",   \
		"slab.d.slabs", "slab.d.partial", "slab.d.cpu_slabs",     \
		"slab.d.objects", "slab.d.total_objects", "slab.ev.rates", \
		"slab.ev.callsites"
#define EXPLAIN_BENCH                                                     \
	"slab.bench.api", "slab.bench.op", "slab.bench.ops",              \
		"slab.bench.mean", "slab.bench.p50", "slab.bench.p99",    \
		"slab.bench.max", "slab.bench.fail", "slab.bench.ratio"

static const char *const detail_ids[] = { EXPLAIN_DETAIL, NULL };
static const char *const bench_ids[] = { EXPLAIN_BENCH, NULL };
/* ---- Drill-down: one cache ------------------------------------------- */

static const char *yes_no(uint64_t v)
{
	return !ms_have(v) ? "-" : v ? "yes" : "no";
}

/* Two key/value pairs per line. */
static void kv2(struct ms_page *l, const char *k1, const char *v1,
		const char *k2, const char *v2)
{
	int y = ms_page_next(l), half = l->r.w / 2;

	if (y < 0)
		return;
	ms_kv_line(l->w, y, l->r.x, half, 16, k1, v1, ms_attr(MS_C_NORMAL));
	if (k2)
		ms_kv_line(l->w, y, l->r.x + half, l->r.w - half, 16, k2, v2,
			   ms_attr(MS_C_NORMAL));
}

/* The next line shows the fields k1 and k2. */
static void tag2(struct ms_page *l, const char *k1, const char *k2)
{
	ms_page_tag(l, k1);
	ms_page_tag(l, k2);
}

static void detail_attrs(struct ms_page *l, const struct ms_slab_detail *d)
{
	char a[24], b[24];

	tag2(l, "slab.d.object_size", "slab.d.slab_size");
	kv2(l, "object_size", ms_fmt_u64(a, sizeof(a), d->object_size),
	    "slab_size", ms_fmt_u64(b, sizeof(b), d->slab_size));
	tag2(l, "slab.d.objs_per_slab", "slab.d.order");
	kv2(l, "objs_per_slab", ms_fmt_u64(a, sizeof(a), d->objs_per_slab),
	    "order", ms_fmt_u64(b, sizeof(b), d->order));
	tag2(l, "slab.d.align", "slab.d.hwcache_align");
	kv2(l, "align", ms_fmt_u64(a, sizeof(a), d->align), "hwcache_align",
	    yes_no(d->hwcache_align));
	tag2(l, "slab.d.reclaim_account", "slab.d.cache_dma");
	kv2(l, "reclaim_account", yes_no(d->reclaim_account), "cache_dma",
	    yes_no(d->cache_dma));
	tag2(l, "slab.d.min_partial", "slab.d.cpu_partial");
	kv2(l, "min_partial", ms_fmt_u64(a, sizeof(a), d->min_partial),
	    "cpu_partial", ms_fmt_u64(b, sizeof(b), d->cpu_partial));
	ms_page_tag(l, "slab.d.poison");
	kv2(l, "poison", yes_no(d->poison), NULL, NULL);
}

/* Append ", name" to buf, flushing full lines to the page first. */
static void wrap_add(struct ms_page *l, char *buf, size_t len, int *shown,
		     const char *raw)
{
	char esc[MS_NAME * 4];
	size_t off = strlen(buf);

	ms_esc(esc, sizeof(esc), raw);
	if (*shown && ms_text_width(buf) + ms_text_width(esc) + 2 > l->r.w) {
		ms_page_line(l, ms_attr(MS_C_NORMAL), buf);
		off = (size_t)snprintf(buf, len, "   ");
		*shown = 0;
	}
	snprintf(buf + off, len - off, "%s %s", *shown ? "," : "", esc);
	(*shown)++;
}

/*
 * SLUB merges caches of the same geometry: the sysfs entry is then a
 * link to a ":A-0000072"-style directory shared by every alias.
 */
static void detail_aliases(struct ms_page *l, const struct slab_view *s,
			   const struct ms_slab_detail *d)
{
	char buf[512], esc[MS_NAME * 4];
	int shown = 0;

	ms_page_tag(l, "slab.d.merged");
	if (!d->target[0] || !strcmp(d->target, s->dname)) {
		ms_page_line(l, ms_attr(MS_C_NORMAL),
		     "merged: no (a cache of its own)");
		return;
	}
	snprintf(buf, sizeof(buf), "merged: yes, into %s, shared by:",
		 ms_esc(esc, sizeof(esc), d->target));
	for (int i = 0; i < d->nr_aliases; i++)
		if (strcmp(d->aliases[i], d->target))
			wrap_add(l, buf, sizeof(buf), &shown, d->aliases[i]);
	if (!shown)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), " -");
	ms_page_line(l, ms_attr(MS_C_NORMAL), buf);
}

struct count_row {
	const char *name;
	const struct ms_nodecount *c;
	const char *id; /* explain id */
};

/* Union of the node (or cpu) ids over the rows, sorted. */
static int count_ids(const struct count_row *rows, int n, int *ids)
{
	int nids = 0;

	for (int r = 0; r < n; r++)
		for (int i = 0; i < rows[r].c->n && i < MS_MAX_NODES; i++) {
			int id = rows[r].c->id[i], j = 0;

			while (j < nids && ids[j] < id)
				j++;
			if (j < nids && ids[j] == id)
				continue;
			if (nids == MS_MAX_NODES)
				break;
			memmove(ids + j + 1, ids + j,
				(size_t)(nids - j) * sizeof(*ids));
			ids[j] = id;
			nids++;
		}
	return nids;
}

static uint64_t count_of(const struct ms_nodecount *c, int id)
{
	for (int i = 0; i < c->n && i < MS_MAX_NODES; i++)
		if (c->id[i] == id)
			return c->count[i];
	return MS_NA;
}

static void count_head(struct ms_page *l, char kind, const int *ids, int nids)
{
	int y = ms_page_next(l), x = l->r.x + 27;
	attr_t a = ms_attr(MS_C_COLUMN_HEADER);
	char buf[24];

	if (y < 0)
		return;
	ms_fill(l->w, (struct ms_rect){ y, l->r.x, 1, l->r.w }, a);
	ms_put(l->w, y, l->r.x + 16, 10, MS_RIGHT, true, a, "total");
	for (int i = 0; i < nids && x + 9 <= l->r.x + l->r.w; i++, x += 10) {
		snprintf(buf, sizeof(buf), "%c%d", kind, ids[i]);
		ms_put(l->w, y, x, 9, MS_RIGHT, true, a, buf);
	}
}

static void count_line(struct ms_page *l, const char *label,
		       const struct ms_nodecount *c, const int *ids, int nids)
{
	int y = ms_page_next(l), x = l->r.x + 27;
	attr_t a = ms_attr(MS_C_NORMAL);
	char buf[24];

	if (y < 0)
		return;
	ms_put(l->w, y, l->r.x, 15, MS_LEFT, true, a, label);
	ms_put(l->w, y, l->r.x + 16, 10, MS_RIGHT, true, a,
	       ms_fmt_u64(buf, sizeof(buf), c->total));
	for (int i = 0; i < nids && x + 9 <= l->r.x + l->r.w; i++, x += 10)
		ms_put(l->w, y, x, 9, MS_RIGHT, true, a,
		       ms_fmt_u64(buf, sizeof(buf), count_of(c, ids[i])));
}

static void detail_counts(struct ms_page *l, const struct ms_slab_detail *d,
			  const struct ms_ui *ui)
{
	const struct count_row rows[] = {
		{ "slabs", &d->slabs, "slab.d.slabs" },
		{ "partial", &d->partial, "slab.d.partial" },
		{ "cpu_slabs", &d->cpu_slabs, "slab.d.cpu_slabs" },
		{ "objects", &d->objects, "slab.d.objects" },
		{ "total_objects", &d->total_objects, "slab.d.total_objects" },
	};
	int n = (int)(sizeof(rows) / sizeof(rows[0]));
	int ids[MS_MAX_NODES], nids = count_ids(rows, n, ids);
	char kind = 0;

	for (int r = 0; r < n && !kind; r++)
		kind = rows[r].c->kind;
	ms_page_title(l, kind == 'C' ? "Counts, per cpu" : "Counts, per node", ui);
	count_head(l, kind ? kind : 'N', ids, nids);
	for (int r = 0; r < n; r++) {
		ms_page_tag(l, rows[r].id);
		count_line(l, rows[r].name, rows[r].c, ids, nids);
	}
}

/* The slabinfo line of the cache, for comparison with sysfs. */
static void detail_slabinfo(struct ms_page *l, const struct slab_view *s)
{
	const struct ms_slab_cache *c = NULL;
	char buf[256], a[24], b[24], d[24], e[24];

	for (int i = 0; i < s->cur->slab.n && !c; i++)
		if (!strcmp(s->cur->slab.caches[i].name, s->dname))
			c = &s->cur->slab.caches[i];
	ms_page_tag(l, "slab.d.slabinfo");
	if (!c)
		return ms_page_line(l, ms_attr(MS_C_DIM), "slabinfo: not listed");
	snprintf(buf, sizeof(buf),
		 "slabinfo: %s/%s objects active, %s "
		 "slabs, %s",
		 ms_fmt_u64(a, sizeof(a), c->active_objs),
		 ms_fmt_u64(b, sizeof(b), c->num_objs),
		 ms_fmt_u64(d, sizeof(d), c->num_slabs),
		 ms_fmt_bytes(e, sizeof(e), c->size_bytes));
	ms_page_line(l, ms_attr(MS_C_NORMAL), buf);
}

static void draw_detail(struct slab_view *s, WINDOW *w, struct ms_rect r)
{
	const struct ms_slab_detail *d = &s->cur->slab_detail;
	struct ms_page l;
	char buf[320], esc[MS_NAME * 4];

	ms_page_begin(&l, w, r, &s->dscroll);
	snprintf(buf, sizeof(buf), "Cache %s  (Esc back)",
		 ms_esc(esc, sizeof(esc), s->dname));
	ms_page_title(&l, buf, s->base.ui);
	detail_slabinfo(&l, s);
	if (!(s->cur->have & MS_SEC_BIT(MS_SEC_SLAB_DETAIL)) || !d->valid ||
	    strcmp(d->name, s->dname)) {
		ms_page_line(&l, ms_attr(MS_C_NOTE),
		     ms_why_missing(buf, sizeof(buf), s->cur,
				    MS_SEC_SLAB_DETAIL, "slab detail"));
		ms_slab_events_page(&l, s->cur, s->dname, s->base.ui);
		ms_page_end(&l);
		return;
	}
	ms_page_title(&l, "Attributes (/sys/kernel/slab)", s->base.ui);
	detail_attrs(&l, d);
	detail_aliases(&l, s, d);
	detail_counts(&l, d, s->base.ui);
	ms_slab_events_page(&l, s->cur, s->dname, s->base.ui);
	ms_page_end(&l);
}

/* ---- Slab benchmark (memscope.ko) ------------------------------------- */

/* kmalloc's size classes up to the module's 64 KiB; counts up to 100,000. */
static const unsigned int bench_sizes[] = { 8,	  16,	 32,	64,
					    96,	  128,	 192,	256,
					    512,  1024,	 2048,	4096,
					    8192, 16384, 32768, 65536 };
static const unsigned int bench_counts[] = { 100, 1000, 10000, 100000 };
#define NSIZES (int)(sizeof(bench_sizes) / sizeof(bench_sizes[0]))
#define NBCOUNTS (int)(sizeof(bench_counts) / sizeof(bench_counts[0]))
#define BENCH_MAX_BYTES (64u << 20) /* size x count the module allows */

/* Nanoseconds as "850ns", "12.3us", "4.56ms", "1.20s". */
static const char *fmt_ns(char *buf, size_t len, uint64_t ns, bool utf8)
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

/* API, Op, ops/s, Mean, P50, P99, Max, Fail, then a bar of ops/s. */
static const int bw[] = { 10, 5, 8, 8, 8, 8, 8, 7 };
#define NBW (int)(sizeof(bw) / sizeof(bw[0]))

static void bench_header(struct ms_page *l)
{
	static const char *const t[NBW] = { "API", "Op",  "ops/s", "Mean",
					    "P50", "P99", "Max",   "Fail" };
	int y = ms_page_next(l), x = l->r.x;

	if (y < 0)
		return;
	ms_fill(l->w, (struct ms_rect){ y, l->r.x, 1, l->r.w },
		ms_attr(MS_C_COLUMN_HEADER));
	for (int i = 0; i < NBW; i++) {
		ms_put(l->w, y, x, bw[i], i < 2 ? MS_LEFT : MS_RIGHT, true,
		       ms_attr(MS_C_COLUMN_HEADER), t[i]);
		x += bw[i] + 1;
	}
}

static void bench_row(struct ms_page *l, const struct slab_view *s, int api,
		      int op, uint64_t best)
{
	static const char *const apis[] = { "kmem_cache", "kmalloc" };
	const struct ms_bench_result *r = &s->bench.res.r[api][op];
	bool utf8 = s->base.ui->utf8;
	char v[NBW][24];
	int y = ms_page_next(l), x = l->r.x;

	if (y < 0)
		return;
	snprintf(v[0], sizeof(v[0]), "%s", apis[api]);
	snprintf(v[1], sizeof(v[1]), "%s",
		 op == MS_BENCH_ALLOC ? "alloc" : "free");
	ms_fmt_count(v[2], sizeof(v[2]), r->ops_per_sec, 6);
	fmt_ns(v[3], sizeof(v[3]), r->mean_ns, utf8);
	fmt_ns(v[4], sizeof(v[4]), r->p50_ns, utf8);
	fmt_ns(v[5], sizeof(v[5]), r->p99_ns, utf8);
	fmt_ns(v[6], sizeof(v[6]), r->max_ns, utf8);
	ms_fmt_u64(v[7], sizeof(v[7]), r->failures);
	for (int i = 0; i < NBW; i++) {
		attr_t a =
			ms_attr(i == 7 && ms_have(r->failures) && r->failures ?
					MS_C_CRITICAL :
					MS_C_NORMAL);

		ms_put(l->w, y, x, bw[i], i < 2 ? MS_LEFT : MS_RIGHT, true, a,
		       v[i]);
		x += bw[i] + 1;
	}
	if (x + 4 <= l->r.x + l->r.w && ms_have(r->ops_per_sec) && best)
		ms_bar(l->w, y, x, l->r.x + l->r.w - x,
		       (double)r->ops_per_sec / (double)best, ms_attr(MS_C_BAR),
		       s->base.ui);
}

/* "kmem_cache_alloc: 1.14x kmalloc's rate" for alloc and for free. */
static void bench_compare(struct ms_page *l, const struct ms_slab_bench *b)
{
	char buf[160];

	for (int op = 0; op < MS_BENCH_OPS; op++) {
		uint64_t c = b->r[MS_BENCH_CACHE][op].ops_per_sec;
		uint64_t k = b->r[MS_BENCH_KMALLOC][op].ops_per_sec;

		if (!ms_have(c) || !ms_have(k) || !k)
			continue;
		snprintf(buf, sizeof(buf),
			 "%s: the dedicated cache does %.2fx the calls per "
			 "second of kmalloc",
			 op == MS_BENCH_ALLOC ? "alloc" : "free",
			 (double)c / (double)k);
		ms_page_line(l, ms_attr(MS_C_NORMAL), buf);
	}
}

static void bench_result(struct ms_page *l, const struct slab_view *s)
{
	const struct ms_slab_bench *b = &s->bench.res;
	char buf[256], a[16], c[16], d[16], e[16], t[16];
	time_t when = (time_t)s->bench.when;
	uint64_t best = 0;
	struct tm tm;

	localtime_r(&when, &tm);
	strftime(t, sizeof(t), "%H:%M:%S", &tm);
	snprintf(buf, sizeof(buf),
		 "run %s: %s objects of %s bytes; the cache's object size "
		 "%s, kmalloc's bucket %s",
		 t, ms_fmt_u64(a, sizeof(a), b->count),
		 ms_fmt_u64(c, sizeof(c), b->size),
		 ms_fmt_bytes(d, sizeof(d), b->cache_object_size),
		 ms_fmt_bytes(e, sizeof(e), b->kmalloc_bucket));
	ms_page_line(l, ms_attr(MS_C_NORMAL), buf);
	for (int api = 0; api < MS_BENCH_APIS; api++)
		for (int op = 0; op < MS_BENCH_OPS; op++)
			if (ms_have(b->r[api][op].ops_per_sec) &&
			    b->r[api][op].ops_per_sec > best)
				best = b->r[api][op].ops_per_sec;
	for (const char *const *id = bench_ids; *id; id++)
		ms_page_tag(l, *id);
	bench_header(l);
	for (int api = 0; api < MS_BENCH_APIS; api++)
		for (int op = 0; op < MS_BENCH_OPS; op++)
			bench_row(l, s, api, op, best);
	ms_page_tag(l, "slab.bench.ratio");
	bench_compare(l, b);
}

static void draw_bench(struct slab_view *s, WINDOW *w, struct ms_rect r)
{
	struct bench_page *p = &s->bench;
	struct ms_page l;
	char buf[320];

	ms_page_begin(&l, w, r, &p->sc);
	snprintf(buf, sizeof(buf),
		 "Slab benchmark: %u objects of %u bytes  (Esc back)",
		 bench_counts[p->count], bench_sizes[p->size]);
	ms_page_title(&l, buf, s->base.ui);
	ms_page_line(&l, ms_attr(MS_C_DIM),
		     "memscope.ko: kmem_cache_alloc/free on a cache of its own "
		     "against kmalloc/kfree, every call timed");
	if (p->pending) {
		ms_page_line(&l, ms_attr(MS_C_DIM), "running...");
	} else if (!p->have) {
		snprintf(buf, sizeof(buf), "slab benchmark unavailable: %s",
			 p->why[0] ? p->why : "no result");
		ms_page_line(&l, ms_attr(MS_C_NOTE), buf);
	} else {
		bench_result(&l, s);
		if (p->why[0])
			ms_page_line(&l, ms_attr(MS_C_NOTE), p->why);
	}
	ms_page_line(&l, 0, "");
	ms_page_line(&l, ms_attr(MS_C_DIM),
		     "b or Enter: run   +/-: object size   [/]: object count   "
		     "Esc: back to the caches");
	ms_page_end(&l);
}

/* Fewer objects when size x count would pass the module's bound. */
static void bench_fit(struct bench_page *p)
{
	while (p->count > 0 &&
	       (uint64_t)bench_sizes[p->size] * bench_counts[p->count] >
		       BENCH_MAX_BYTES)
		p->count--;
}

static enum ms_key_result bench_key(struct slab_view *s, int key)
{
	struct bench_page *p = &s->bench;

	if (ms_key_is_back(key)) {
		p->open = false;
		return MS_KEY_DONE;
	}
	if (key == 'b' || ms_key_is_enter(key)) {
		p->pending = true;
		return MS_KEY_RESAMPLE;
	}
	if (key == '+' || key == '=')
		p->size += p->size < NSIZES - 1;
	else if (key == '-' || key == '_')
		p->size -= p->size > 0;
	else if (key == ']')
		p->count += p->count < NBCOUNTS - 1;
	else if (key == '[')
		p->count -= p->count > 0;
	else
		return ms_scroll_key(&p->sc, key) ? MS_KEY_DONE : MS_KEY_PASS;
	bench_fit(p);
	return MS_KEY_DONE;
}

/* The sample after the key ran the benchmark: keep it, or the reason. */
static void bench_update(struct slab_view *s, const struct ms_snapshot *cur)
{
	struct bench_page *p = &s->bench;
	const char *why = ms_note_why(cur, "slab_bench");

	if (!p->pending)
		return;
	p->pending = false;
	p->have = cur->have & MS_SEC_BIT(MS_SEC_SLAB_BENCH);
	if (p->have) {
		p->res = cur->slab_bench;
		p->when = cur->t_real;
	}
	ms_esc(p->why, sizeof(p->why), why ? why : "");
}

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
	s->bench.size = 7; /* 256 bytes */
	s->bench.count = 2; /* 10,000 objects */
	if (ms_gpanel_init(&s->graph, MS_GRAPH_SLAB_SERIES)) {
		slab_destroy(&s->base);
		return NULL;
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
	struct slab_view *s = SV(v);

	req->sections |= MS_SEC_BIT(MS_SEC_SLAB) |
			 MS_SEC_BIT(MS_SEC_SLAB_EVENTS);
	if (s->bench.open && s->bench.pending) {
		req->sections |= MS_SEC_BIT(MS_SEC_SLAB_BENCH);
		req->slab_bench.size = bench_sizes[s->bench.size];
		req->slab_bench.count = bench_counts[s->bench.count];
	}
	if (s->detail) {
		req->sections |= MS_SEC_BIT(MS_SEC_SLAB_DETAIL);
		snprintf(req->slab_cache, sizeof(req->slab_cache), "%s",
			 s->dname);
	}
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
			   s->detail ? s->dname : selected_name(s), v->ui);
	bench_update(s, cur);
}

static void slab_draw(struct ms_view *v, WINDOW *w, struct ms_rect r)
{
	struct slab_view *s = SV(v);
	char why[256];

	ms_fill(w, r, ms_attr(MS_C_NORMAL));
	if (!s->cur) {
		ms_message(w, r, ms_attr(MS_C_DIM),
			   "waiting for the first sample");
	} else if (s->bench.open) {
		draw_bench(s, w, r);
	} else if (s->detail) {
		struct ms_rect g = ms_gpanel_take(&s->graph, &r);

		if (g.h)
			ms_graph_slab_draw(&s->graph, w, g, s->dname,
					   s->base.ui);
		draw_detail(s, w, r);
	} else if (!(s->cur->have & MS_SEC_BIT(MS_SEC_SLAB))) {
		ms_message(w, r, ms_attr(MS_C_NOTE),
			   ms_why_missing(why, sizeof(why), s->cur, MS_SEC_SLAB,
					  "slab"));
	} else {
		draw_list(s, w, r);
	}
}

static enum ms_key_result slab_key(struct ms_view *v, int key)
{
	struct slab_view *s = SV(v);
	int row;

	if (s->bench.open)
		return bench_key(s, key);
	if (s->detail) {
		if (ms_key_is_back(key)) {
			s->detail = false;
			return MS_KEY_DONE;
		}
		if (key == 'H') {
			ms_gpanel_toggle(&s->graph);
			return MS_KEY_DONE;
		}
		return ms_scroll_key(&s->dscroll, key) ? MS_KEY_DONE :
							 MS_KEY_PASS;
	}
	if (!s->caches.editing && ms_key_is_enter(key)) {
		row = ms_table_selected(&s->caches);
		if (row < 0)
			return MS_KEY_DONE;
		snprintf(s->dname, sizeof(s->dname), "%s",
			 cache_at(s, row)->name);
		s->detail = true;
		s->dscroll.top = 0;
		return MS_KEY_RESAMPLE;
	}
	if (!s->caches.editing && key == 'H') {
		ms_gpanel_toggle(&s->graph);
		return MS_KEY_DONE;
	}
	if (!s->caches.editing && key == 'b') {
		s->bench.open = s->bench.pending = true;
		return MS_KEY_RESAMPLE;
	}
	return ms_table_key(&s->caches, key);
}

static const char *slab_hints(struct ms_view *v)
{
	struct slab_view *s = SV(v);

	if (s->bench.open)
		return "b run  +/- size  [/] count  Esc back";
	if (s->detail)
		return "Up/Down scroll  H graph  Esc back";
	if (s->caches.editing)
		return ms_table_hints(&s->caches);
	return "Enter cache  b benchmark  H graph  s sort  r reverse  / filter";
}

/* Every id the tab shows on some page, the BPF columns included. */
static const char *const all_ids[] = {
	"slab.name", "slab.active", "slab.total", "slab.use", "slab.objsize",
	"slab.slabs", "slab.size", "slab.objrate", "slab.byterate",
	"slab.objperslab", "slab.pagesperslab", "slab.actslabs", "slab.allocs",
	"slab.frees", "slab.abytes", EXPLAIN_DETAIL, EXPLAIN_BENCH, NULL,
};

static void slab_explain(struct ms_view *v, struct ms_explain_ids *e)
{
	struct slab_view *s = SV(v);
	const char *const *ids = s->bench.open ? bench_ids :
				 s->detail     ? detail_ids :
						 NULL;

	if (!ids)
		ms_table_explain(&s->caches, e);
	else
		ms_page_explain(s->bench.open ? &s->bench.sc : &s->dscroll,
				v->ui, e, ids);
}

const struct ms_view_class ms_view_slab = {
	.name = "Slab",
	.id = "slab",
	.create = slab_create,
	.destroy = slab_destroy,
	.request = slab_request,
	.update = slab_update,
	.draw = slab_draw,
	.on_key = slab_key,
	.hints = slab_hints,
	.explain = slab_explain,
	.explain_all = all_ids,
};
