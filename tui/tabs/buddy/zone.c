// SPDX-License-Identifier: GPL-2.0
/*
 * The Buddy tab's zone screen (Enter on a zone): watermarks, protection,
 * free memory per order with the kernel's indices, free blocks by migrate
 * type, and the page allocator's events by migrate type.
 */
#include "tui/tabs/buddy/buddy.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/field.h"

static const char *const summary_free_ids[] = { FREE_IDS, NULL };
static const char *const summary_wmark_ids[] = { WMARK_IDS, NULL };
static const char *const summary_pages_ids[] = { PAGES_IDS, NULL };
static const char *const order_ids[] = { ORDER_IDS, NULL };

static const char *const detail_ids[] = {
	"buddy.zone.wmark",
	"buddy.zone.largest",
	FREE_IDS,
	"buddy.zone.frag",
	WMARK_IDS,
	PAGES_IDS,
	"buddy.zone.lazy",
	"buddy.zone.protection",
	ORDER_IDS,
	"buddy.mt.free",
	"buddy.mt.pages",
	"buddy.mt.pblks",
	"buddy.ev.mt_allocs",
	"buddy.ev.frees",
	"buddy.ev.failed",
	NULL,
};

static const char *const wmark_meaning[] = {
	[MS_WMARK_UNKNOWN] = "unknown",
	[MS_WMARK_OK] = "free > high",
	[MS_WMARK_HIGH] = "low < free <= high",
	[MS_WMARK_LOW] = "min < free <= low: kswapd wakes",
	[MS_WMARK_MIN] = "free <= min: direct reclaim",
};

/*
 * The kernel's indices at an order that matters (the pageblock order: a
 * huge page, what kcompactd's proactive compaction scores; the costly
 * order), first; o is at most the zone's top order.
 */
static void kernel_index(struct ms_screen *l, const struct ms_zone *z, int o,
			 const char *what)
{
	char buf[160], u[16], e[16];

	if (o < 0)
		return;
	ms_screen_tag(l, "buddy.order.unusable");
	ms_screen_tag(l, "buddy.order.extfrag");
	ms_fmt_double(u, sizeof(u), ms_share_shown(z->unusable[o], 1, 3), 3);
	ms_fmt_double(e, sizeof(e), z->extfrag[o], 3);
	snprintf(buf, sizeof(buf), "%s order %d: unusable %s  extfrag %s%s",
		 what, o, u, e, z->extfrag[o] < 0 ? " (a block is free)" : "");
	ms_screen_line(l, ms_attr(MS_C_NORMAL), buf);
}

/*
 * The chapter's index, 100 - 100 * 2^largest / free, named as such, after
 * the kernel's: it counts every free block but one of the largest order as
 * a fragment, so where that is the zone's top order (a healthy zone: 753
 * blocks of order 10 read 99.9 %) it measures how much is free, not
 * fragmentation (model/frag.c).
 */
static void chapter_index(struct ms_screen *l, const struct ms_zone *z)
{
	char buf[256], pct[16];

	ms_fmt_pct(pct, sizeof(pct), ms_share_shown(z->frag_index, 100, 1));
	ms_screen_tag(l, "buddy.zone.frag");
	if (!z->frag_applies)
		snprintf(buf, sizeof(buf),
			 "chapter's index (%s): does not apply, largest "
			 "free order %d is the top",
			 pct, z->largest_order);
	else
		snprintf(buf, sizeof(buf),
			 "chapter's index %s (100 - 100*2^largest/free)", pct);
	ms_screen_line(l, ms_attr(z->frag_applies ? MS_C_NORMAL : MS_C_DIM),
		       buf);
}

/*
 * A zone whose present pages are largely not managed while MemFree counts
 * more than the free lists hold (model/derive.c): the kernel hands this
 * memory to the buddy allocator on demand. Said here, from the data.
 */
static void lazy_lines(struct ms_screen *l, const struct ms_snapshot *s,
		       const struct ms_zone *z)
{
	uint64_t ps = page_size(s), held, gap = s->buddy.lazy_free;
	uint64_t free_kb = ms_kv_get(&s->meminfo, "MemFree");
	char buf[160], a[16], c[16], d[16], e[24];

	if (!ms_have(gap) || !gap || !ms_have(free_kb) ||
	    !ms_have(z->present) || !ms_have(z->managed) ||
	    z->present <= z->managed)
		return;
	held = z->present - z->managed;
	if (held * 10 < z->present) /* the usual reserve: memmap, kernel */
		return;
	ms_screen_tag(l, "buddy.zone.lazy");
	snprintf(buf, sizeof(buf),
		 "present, not managed: %s pages (%s), mostly not yet in "
		 "the buddy allocator",
		 ms_fmt_u64(e, sizeof(e), held),
		 ms_fmt_kb1(a, sizeof(a), held * (ps / 1024)));
	ms_screen_line(l, ms_attr(MS_C_WARNING), buf);
	ms_screen_tag(l, "buddy.zone.lazy");
	snprintf(buf, sizeof(buf),
		 "MemFree %s = free lists %s + %s handed over on demand "
		 "(deferred init)",
		 ms_fmt_kb1(c, sizeof(c), free_kb),
		 ms_fmt_kb1(d, sizeof(d), free_kb - gap * (ps / 1024)),
		 ms_fmt_kb1(a, sizeof(a), gap * (ps / 1024)));
	ms_screen_line(l, ms_attr(MS_C_WARNING), buf);
}

static void detail_summary(struct ms_screen *l, const struct buddy_view *b,
			   const struct ms_zone *z)
{
	char buf[256], a[24], c[24], d[24], e[24], f[24], ws[16];
	int y, x;

	ms_buddy_wmark_name(ws, sizeof(ws), z->wstate);
	ms_screen_tag(l, "buddy.zone.wmark");
	ms_screen_tag(l, "buddy.zone.largest");
	y = ms_screen_next(l);

	if (y >= 0) {
		x = ms_put(l->w, y, l->r.x, l->r.w, MS_LEFT, false,
			   ms_attr(MS_C_NORMAL), "watermark ");
		x += ms_put(l->w, y, l->r.x + x, l->r.w - x, MS_LEFT, false,
			    ms_buddy_wmark_attr(z->wstate), ws);
		snprintf(a, sizeof(a), "%d", z->largest_order);
		snprintf(buf, sizeof(buf), " (%s)  largest free order %s",
			 z->wstate <= MS_WMARK_MIN ? wmark_meaning[z->wstate] :
						     "?",
			 z->largest_order < 0 ? "-" : a);
		ms_put(l->w, y, l->r.x + x, l->r.w - x, MS_LEFT, false,
		       ms_attr(MS_C_NORMAL), buf);
	}
	tag_ids(l, summary_free_ids);
	snprintf(buf, sizeof(buf), "free %s pages = %s (zoneinfo: %s)",
		 ms_fmt_u64(a, sizeof(a), z->free_pages),
		 ms_fmt_pages(c, sizeof(c), z->free_pages, page_size(b->cur)),
		 ms_fmt_u64(d, sizeof(d), z->zi_free));
	ms_screen_line(l, ms_attr(MS_C_NORMAL), buf);
	kernel_index(l, z, ms_buddy_frag_order(b->cur, z), "pageblock");
	kernel_index(l, z, ms_buddy_costly_order(z), "costly");
	chapter_index(l, z);
	tag_ids(l, summary_wmark_ids);
	snprintf(buf, sizeof(buf),
		 "watermarks (pages): min %s  low %s  "
		 "high %s  promo %s  boost %s",
		 ms_fmt_u64(a, sizeof(a), z->wmark_min),
		 ms_fmt_u64(c, sizeof(c), z->wmark_low),
		 ms_fmt_u64(d, sizeof(d), z->wmark_high),
		 ms_fmt_u64(e, sizeof(e), z->wmark_promo),
		 ms_fmt_u64(f, sizeof(f), z->boost));
	ms_screen_line(l, ms_attr(MS_C_NORMAL), buf);
	tag_ids(l, summary_pages_ids);
	snprintf(buf, sizeof(buf),
		 "pages: managed %s  present %s  "
		 "spanned %s  cma %s",
		 ms_fmt_u64(a, sizeof(a), z->managed),
		 ms_fmt_u64(c, sizeof(c), z->present),
		 ms_fmt_u64(d, sizeof(d), z->spanned),
		 ms_fmt_u64(e, sizeof(e), z->cma));
	ms_screen_line(l, ms_attr(MS_C_NORMAL), buf);
	lazy_lines(l, b->cur, z);
}

static void detail_protection(struct ms_screen *l, const struct ms_zone *z)
{
	char buf[256], v[24];
	size_t off;

	ms_screen_tag(l, "buddy.zone.protection");
	off = (size_t)snprintf(buf, sizeof(buf),
			       "protection (lowmem_reserve, pages):");
	for (int i = 0; i < z->nr_protection && i < MS_MAX_PROT; i++)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off, " %s",
					ms_fmt_u64(v, sizeof(v),
						   z->protection[i]));
	if (!z->nr_protection)
		snprintf(buf + off, sizeof(buf) - off, " -");
	ms_screen_line(l, ms_attr(MS_C_NORMAL), buf);
}

/* Order, Blocks, Pages, Memory, Unusable, Extfrag, then the bar. */
static const int ow[] = { 5, 8, 9, 7, 8, 8 };
#define NOW (int)(sizeof(ow) / sizeof(ow[0]))

static void order_header(struct ms_screen *l)
{
	static const char *const t[NOW] = { "Order",  "Blocks",	  "Pages",
					    "Memory", "Unusable", "Extfrag" };
	int y, x = l->r.x;

	tag_ids(l, order_ids);
	y = ms_screen_next(l);

	if (y < 0)
		return;
	ms_fill(l->w, (struct ms_rect){ y, l->r.x, 1, l->r.w },
		ms_attr(MS_C_COLUMN_HEADER));
	for (int i = 0; i < NOW; i++) {
		ms_put(l->w, y, x, ow[i], MS_RIGHT, true,
		       ms_attr(MS_C_COLUMN_HEADER), t[i]);
		x += ow[i] + 1;
	}
	if (x < l->r.x + l->r.w)
		ms_put(l->w, y, x, l->r.x + l->r.w - x, MS_LEFT, false,
		       ms_attr(MS_C_COLUMN_HEADER), "share of free memory");
}

static void order_row(struct ms_screen *l, const struct buddy_view *b,
		      const struct ms_zone *z, int o)
{
	uint64_t pages = order_pages(z->free_blocks[o], o);
	char v[NOW][24];
	int y = ms_screen_next(l), x = l->r.x;
	double frac = NAN;

	if (y < 0)
		return;
	snprintf(v[0], sizeof(v[0]), "%d", o);
	ms_fmt_u64(v[1], sizeof(v[1]), z->free_blocks[o]);
	ms_fmt_u64(v[2], sizeof(v[2]), pages);
	ms_fmt_pages(v[3], sizeof(v[3]), pages, page_size(b->cur));
	ms_fmt_double(v[4], sizeof(v[4]), ms_share_shown(z->unusable[o], 1, 3),
		      3);
	ms_fmt_double(v[5], sizeof(v[5]), z->extfrag[o], 3);
	for (int i = 0; i < NOW; i++) {
		ms_put(l->w, y, x, ow[i], MS_RIGHT, true, ms_attr(MS_C_NORMAL),
		       v[i]);
		x += ow[i] + 1;
	}
	if (ms_have(pages) && ms_have(z->free_pages))
		frac = z->free_pages ? (double)pages / (double)z->free_pages :
				       0;
	if (x + 8 > l->r.x + l->r.w)
		return;
	ms_put(l->w, y, x, 6, MS_RIGHT, true, ms_attr(MS_C_NORMAL),
	       ms_fmt_pct(v[0], sizeof(v[0]), 100 * frac));
	x += 7;
	ms_bar(l->w, y, x, l->r.x + l->r.w - x, frac,
	       ms_attr(z->wstate >= MS_WMARK_LOW ? MS_C_BAR_LOW : MS_C_BAR),
	       b->base.ui);
}

/* Column width of the migrate type table. */
static int mt_width(const struct ms_screen *l, int nm)
{
	int cw = nm ? (l->r.w - 6) / nm - 1 : 8;

	return cw > 12 ? 12 : cw < 7 ? 7 : cw;
}

static void mt_header(struct ms_screen *l, const struct ms_buddy *bd, int cw)
{
	int y = ms_screen_next(l), x = l->r.x + 6;

	if (y < 0)
		return;
	ms_fill(l->w, (struct ms_rect){ y, l->r.x, 1, l->r.w },
		ms_attr(MS_C_COLUMN_HEADER));
	ms_put(l->w, y, l->r.x, 5, MS_RIGHT, true, ms_attr(MS_C_COLUMN_HEADER),
	       "Order");
	for (int m = 0; m < bd->nr_migrate && x + cw <= l->r.x + l->r.w; m++) {
		ms_put_esc(l->w, y, x, cw, MS_RIGHT, true,
			   ms_attr(MS_C_COLUMN_HEADER), bd->migrate[m]);
		x += cw + 1;
	}
}

/* A row of the migrate type table: label, then one value per type. */
static void mt_row(struct ms_screen *l, const struct ms_buddy *bd, int cw,
		   const char *label, const uint64_t *v, attr_t a)
{
	int y = ms_screen_next(l), x = l->r.x + 6;
	char buf[24];

	if (y < 0)
		return;
	ms_put(l->w, y, l->r.x, 5, MS_RIGHT, true, a, label);
	for (int m = 0; m < bd->nr_migrate && x + cw <= l->r.x + l->r.w; m++) {
		ms_put(l->w, y, x, cw, MS_RIGHT, true, ms_attr(MS_C_NORMAL),
		       ms_fmt_u64(buf, sizeof(buf), v[m]));
		x += cw + 1;
	}
}

static void detail_migrate(struct ms_screen *l, const struct buddy_view *b,
			   const struct ms_zone *z)
{
	const struct ms_buddy *bd = &b->cur->buddy;
	int nm = bd->nr_migrate < MS_MAX_MIGRATE ? bd->nr_migrate :
						   MS_MAX_MIGRATE;
	int cw = mt_width(l, nm);
	uint64_t v[MS_MAX_MIGRATE], pages[MS_MAX_MIGRATE] = { 0 };
	char label[16], buf[200];
	const char *why;

	bool kmod = b->cur->source[MS_SEC_BUDDY] &&
		    !strcmp(b->cur->source[MS_SEC_BUDDY], "kmod");

	/* live, pagetypeinfo is re-read every few seconds: say how old */
	if (!kmod && bd->pagetypes_age_s >= 1)
		snprintf(label, sizeof(label), ", %.0f s old",
			 bd->pagetypes_age_s);
	else
		label[0] = '\0';
	snprintf(buf, sizeof(buf),
		 "Free blocks by migrate type and order (%s%s)",
		 kmod ? "memscope.ko: one hold of the zone lock" :
			"pagetypeinfo",
		 label);
	ms_screen_title(l, buf, b->base.ui);
	if (!z->has_migrate || !nm) {
		why = ms_note_why(b->cur, "pagetypeinfo");
		snprintf(buf, sizeof(buf), "unavailable: %s",
			 why ? why : "no backend provided it for this zone");
		ms_screen_line(l, ms_attr(MS_C_NOTE), buf);
		return;
	}
	ms_screen_tag(l, "buddy.mt.free");
	mt_header(l, bd, cw);
	for (int o = 0; o < z->nr_orders && o < MS_MAX_ORDER; o++) {
		for (int m = 0; m < nm; m++) {
			v[m] = z->mt_free[m][o];
			if (ms_have(v[m]) && ms_have(pages[m]))
				pages[m] += v[m] << o;
			else
				pages[m] = MS_NA;
		}
		snprintf(label, sizeof(label), "%d", o);
		mt_row(l, bd, cw, label, v, ms_attr(MS_C_NORMAL));
	}
	ms_screen_tag(l, "buddy.mt.pages");
	mt_row(l, bd, cw, "pages", pages, ms_attr(MS_C_TITLE));
	/* memscope.ko does not count pageblocks */
	if (bd->pageblock_order < 0) {
		ms_screen_line(l, ms_attr(MS_C_DIM),
			       "pages: free pages per type");
		return;
	}
	ms_screen_tag(l, "buddy.mt.pblks");
	mt_row(l, bd, cw, "pblks", z->mt_pageblocks, ms_attr(MS_C_TITLE));
	snprintf(buf, sizeof(buf),
		 "pages: free pages per type;  pblks: "
		 "pageblocks per type (order %d each)",
		 bd->pageblock_order);
	ms_screen_line(l, ms_attr(MS_C_DIM), buf);
}

#define ZB(d) ((struct buddy_view *)(d)->v)

const struct ms_zone *ms_buddy_zone_of(const struct buddy_view *b)
{
	const struct ms_buddy *bd = &b->cur->buddy;

	for (int i = 0; i < bd->nr_zones; i++)
		if (bd->zones[i].node == b->dnode &&
		    !strcmp(bd->zones[i].name, b->dzone))
			return &bd->zones[i];
	return NULL;
}

/* Enter on the zone table: its selected zone. */
static enum ms_key_result zone_open(struct ms_drill *d)
{
	struct buddy_view *b = ZB(d);
	int row = ms_table_selected(&b->zones);

	if (row < 0)
		return MS_KEY_PASS;
	b->dnode = zone_at(b, row)->node;
	snprintf(b->dzone, sizeof(b->dzone), "%s", zone_at(b, row)->name);
	return MS_KEY_RESAMPLE; /* the migrate types are read now */
}

static void zone_request(struct ms_drill *d, struct ms_request *req)
{
	(void)d;
	req->pagetypes = true;
}

static void zone_title(struct ms_drill *d, char *buf, size_t len)
{
	const struct ms_zone *z = ms_buddy_zone_of(ZB(d));
	char name[64];

	snprintf(buf, len, "Node %d, zone %s", z->node,
		 ms_esc(name, sizeof(name), z->name));
}

static void zone_lines(struct ms_drill *d, struct ms_screen *l)
{
	struct buddy_view *b = ZB(d);
	const struct ms_zone *z = ms_buddy_zone_of(b);

	detail_summary(l, b, z);
	detail_protection(l, z);
	ms_screen_title(l,
			"Free memory per order  (indices as mm/vmstat.c prints "
			"them)",
			b->base.ui);
	if (z->nr_orders <= 0)
		ms_screen_line(
			l, ms_attr(MS_C_DIM),
			"no free-block counts for this zone (not in buddyinfo)");
	else
		order_header(l);
	for (int o = 0; o < z->nr_orders && o < MS_MAX_ORDER; o++)
		order_row(l, b, z, o);
	detail_migrate(l, b, z);
	ms_buddy_events_screen(l, b->cur, b->base.ui);
}

/* The zone's graph (H) above its lines, or why it is gone. */
static void zone_draw(struct ms_drill *d, WINDOW *w, struct ms_rect r)
{
	struct buddy_view *b = ZB(d);
	const struct ms_zone *z = ms_buddy_zone_of(b);
	struct ms_rect g;
	char why[128];

	if (!z) {
		snprintf(why, sizeof(why),
			 "node %d zone %s is not in this sample (Esc back)",
			 b->dnode, b->dzone);
		ms_message(w, r, ms_attr(MS_C_NOTE), why);
		return;
	}
	g = ms_gpanel_take(&b->graph, &r);
	if (g.h)
		ms_graph_buddy_draw(&b->graph, w, g, b->cur, z, b->base.ui);
	ms_drill_lines(d, w, r);
}

const struct ms_drill_class ms_buddy_zone_screen = {
	.name = "zone",
	.open = zone_open,
	.request = zone_request,
	.title = zone_title,
	.lines = zone_lines,
	.draw = zone_draw,
	.graph = true,
	.hints = "Up/Down scroll  H graph",
	.ids = detail_ids,
};
