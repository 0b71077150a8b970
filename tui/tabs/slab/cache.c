// SPDX-License-Identifier: GPL-2.0
/*
 * The Slab tab's cache screen (Enter on a cache): its sysfs attributes,
 * merged aliases, per-node counts and slabinfo line, and its live events.
 */
#include "tui/tabs/slab/slab.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const detail_ids[] = { EXPLAIN_DETAIL, NULL };

static const char *yes_no(uint64_t v)
{
	return !ms_have(v) ? "-" : v ? "yes" : "no";
}

/* Two key/value pairs per line. */
static void kv2(struct ms_screen *l, const char *k1, const char *v1,
		const char *k2, const char *v2)
{
	int y = ms_screen_next(l), half = l->r.w / 2;

	if (y < 0)
		return;
	ms_kv_line(l->w, y, l->r.x, half, 16, k1, v1, ms_attr(MS_C_NORMAL));
	if (k2)
		ms_kv_line(l->w, y, l->r.x + half, l->r.w - half, 16, k2, v2,
			   ms_attr(MS_C_NORMAL));
}

/* The next line shows the fields k1 and k2. */
static void tag2(struct ms_screen *l, const char *k1, const char *k2)
{
	ms_screen_tag(l, k1);
	ms_screen_tag(l, k2);
}

static void detail_attrs(struct ms_screen *l, const struct ms_slab_detail *d)
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
	ms_screen_tag(l, "slab.d.poison");
	kv2(l, "poison", yes_no(d->poison), NULL, NULL);
}

/* Append ", name" to buf, flushing full lines to the screen first. */
static void wrap_add(struct ms_screen *l, char *buf, size_t len, int *shown,
		     const char *raw)
{
	char esc[MS_NAME * 4];
	size_t off = strlen(buf);

	ms_esc(esc, sizeof(esc), raw);
	if (*shown && ms_text_width(buf) + ms_text_width(esc) + 2 > l->r.w) {
		ms_screen_line(l, ms_attr(MS_C_NORMAL), buf);
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
static void detail_aliases(struct ms_screen *l, const struct slab_view *s,
			   const struct ms_slab_detail *d)
{
	char buf[512], esc[MS_NAME * 4];
	int shown = 0;

	ms_screen_tag(l, "slab.d.merged");
	if (!d->target[0] || !strcmp(d->target, s->dname)) {
		ms_screen_line(l, ms_attr(MS_C_NORMAL),
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
	ms_screen_line(l, ms_attr(MS_C_NORMAL), buf);
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

static void count_head(struct ms_screen *l, char kind, const int *ids, int nids)
{
	int y = ms_screen_next(l), x = l->r.x + 27;
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

static void count_line(struct ms_screen *l, const char *label,
		       const struct ms_nodecount *c, const int *ids, int nids)
{
	int y = ms_screen_next(l), x = l->r.x + 27;
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

static void detail_counts(struct ms_screen *l, const struct ms_slab_detail *d,
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
	ms_screen_title(l, kind == 'C' ? "Counts, per cpu" : "Counts, per node",
			ui);
	count_head(l, kind ? kind : 'N', ids, nids);
	for (int r = 0; r < n; r++) {
		ms_screen_tag(l, rows[r].id);
		count_line(l, rows[r].name, rows[r].c, ids, nids);
	}
}

/* The slabinfo line of the cache, for comparison with sysfs. */
static void detail_slabinfo(struct ms_screen *l, const struct slab_view *s)
{
	const struct ms_slab_cache *c = NULL;
	char buf[256], a[24], b[24], d[24], e[24];

	for (int i = 0; i < s->cur->slab.n && !c; i++)
		if (!strcmp(s->cur->slab.caches[i].name, s->dname))
			c = &s->cur->slab.caches[i];
	ms_screen_tag(l, "slab.d.slabinfo");
	if (!c)
		return ms_screen_line(l, ms_attr(MS_C_DIM),
				      "slabinfo: not listed");
	snprintf(buf, sizeof(buf),
		 "slabinfo: %s/%s objects active, %s "
		 "slabs, %s",
		 ms_fmt_u64(a, sizeof(a), c->active_objs),
		 ms_fmt_u64(b, sizeof(b), c->num_objs),
		 ms_fmt_u64(d, sizeof(d), c->num_slabs),
		 ms_fmt_bytes(e, sizeof(e), c->size_bytes));
	ms_screen_line(l, ms_attr(MS_C_NORMAL), buf);
}

/*
 * kmalloc-large is the BPF backend's row for kmalloc()s no cache serves:
 * say what it is, not that a cache has gone; its rates and call sites are
 * all there is to show.
 */
static void large_page(struct ms_screen *l, const struct slab_view *s)
{
	static const char *const text[] = {
		"kmalloc-large is no slab cache: a kmalloc() larger than the",
		"largest kmalloc cache (8 KiB with 4 KiB pages) takes whole",
		"pages from the buddy allocator. The BPF backend counts those",
		"allocations and frees under this name. No slabinfo line, no",
		"sysfs attributes: only the rates and call sites below.",
	};

	for (size_t i = 0; i < sizeof(text) / sizeof(*text); i++)
		ms_screen_line(l, ms_attr(MS_C_NORMAL), text[i]);
	ms_slab_events_screen(l, s->cur, s->dname, s->base.ui);
}

#define CS(d) ((struct slab_view *)(d)->v)

/* Enter: the selected cache; --cache NAME: arg. */
static enum ms_key_result cache_open(struct ms_drill *d)
{
	struct slab_view *s = CS(d);
	int row = ms_table_selected(&s->caches);

	if (!d->arg && row < 0)
		return MS_KEY_PASS;
	snprintf(s->dname, sizeof(s->dname), "%s",
		 d->arg ? (const char *)d->arg : cache_at(s, row)->name);
	return MS_KEY_RESAMPLE;
}

static void cache_request(struct ms_drill *d, struct ms_request *req)
{
	req->sections |= MS_SEC_BIT(MS_SEC_SLAB_DETAIL);
	snprintf(req->slab_cache, sizeof(req->slab_cache), "%s", CS(d)->dname);
}

static void cache_title(struct ms_drill *d, char *buf, size_t len)
{
	char esc[MS_NAME * 4];

	snprintf(buf, len, "Cache %s", ms_esc(esc, sizeof(esc), CS(d)->dname));
}

static void cache_lines(struct ms_drill *dr, struct ms_screen *l)
{
	struct slab_view *s = CS(dr);
	const struct ms_slab_detail *d = &s->cur->slab_detail;
	char buf[320];

	if (!strcmp(s->dname, MS_SLAB_LARGE))
		return large_page(l, s);
	detail_slabinfo(l, s);
	if (!(s->cur->have & MS_SEC_BIT(MS_SEC_SLAB_DETAIL)) || !d->valid ||
	    strcmp(d->name, s->dname)) {
		ms_screen_line(l, ms_attr(MS_C_NOTE),
			       ms_why_missing(buf, sizeof(buf), s->cur,
					      MS_SEC_SLAB_DETAIL));
		ms_slab_events_screen(l, s->cur, s->dname, s->base.ui);
		return;
	}
	ms_screen_title(l, "Attributes (/sys/kernel/slab)", s->base.ui);
	detail_attrs(l, d);
	detail_aliases(l, s, d);
	detail_counts(l, d, s->base.ui);
	ms_slab_events_screen(l, s->cur, s->dname, s->base.ui);
}

/* The cache's history (H) above its lines. */
static void cache_draw(struct ms_drill *d, WINDOW *w, struct ms_rect r)
{
	struct slab_view *s = CS(d);
	struct ms_rect g = ms_gpanel_take(&s->graph, &r);

	if (g.h)
		ms_graph_slab_draw(&s->graph, w, g, s->dname, s->base.ui);
	ms_drill_lines(d, w, r);
}

const struct ms_drill_class ms_slab_cache_screen = {
	.name = "cache",
	.open = cache_open,
	.request = cache_request,
	.title = cache_title,
	.lines = cache_lines,
	.draw = cache_draw,
	.graph = true,
	.hints = "Up/Down scroll  H graph",
	.ids = detail_ids,
};
