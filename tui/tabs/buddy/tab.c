// SPDX-License-Identifier: GPL-2.0
/*
 * Buddy tab: zones with free memory, fragmentation and watermarks; Enter
 * on a zone shows orders by migrate type, per-order bars and indices; `a`
 * runs memscope.ko's allocation probe on the zone's node.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/field.h"
#include "tui/events.h"
#include "tui/graph_tabs.h"
#include "tui/widgets.h"

enum {
	C_NODE,
	C_ZONE,
	C_STATE,
	C_FREE,
	C_FREEMEM,
	C_LARGEST,
	C_FRAG,
	C_ORDERS,
	C_MIN,
	C_LOW,
	C_HIGH,
	C_MANAGED,
	C_PRESENT,
	C_SPANNED,
	C_COUNT
};

static const struct ms_column cols[C_COUNT] = {
	[C_NODE] = { "Node", 4, MS_RIGHT, .id = "buddy.zone.node" },
	[C_ZONE] = { "Zone", 8, MS_LEFT, .id = "buddy.zone.name" },
	[C_STATE] = { "Wmark", 5, MS_LEFT, .id = "buddy.zone.wmark" },
	[C_FREE] = { "FreePg", 9, MS_RIGHT, .id = "buddy.zone.free_pages" },
	[C_FREEMEM] = { "Free", 6, MS_RIGHT, .id = "buddy.zone.free_mem" },
	[C_LARGEST] = { "Lrg", 3, MS_RIGHT, .id = "buddy.zone.largest" },
	[C_FRAG] = { "Frag%", 6, MS_RIGHT, .id = "buddy.zone.frag" },
	[C_ORDERS] = { "Orders", 11, MS_LEFT, .nosort = true,
		       .id = "buddy.zone.orders" },
	[C_MIN] = { "Min", 7, MS_RIGHT, .id = "buddy.zone.min" },
	[C_LOW] = { "Low", 7, MS_RIGHT, .id = "buddy.zone.low" },
	[C_HIGH] = { "High", 7, MS_RIGHT, .id = "buddy.zone.high" },
	[C_MANAGED] = { "Managed", 9, MS_RIGHT, .id = "buddy.zone.managed" },
	[C_PRESENT] = { "Present", 9, MS_RIGHT, .id = "buddy.zone.present" },
	[C_SPANNED] = { "Spanned", 9, MS_RIGHT, .id = "buddy.zone.spanned" },
};

/* The allocation probe page: its node, settings and last result. */
struct probe_page {
	bool open;
	bool pending; /* the next sample runs the probe */
	bool have; /* res holds a result */
	int node;
	char zone[16]; /* the zone it was opened from */
	int count; /* index into probe_counts */
	struct ms_alloc_probe res;
	double when; /* t_real of the result */
	char why[256]; /* what the module said, or why it is missing */
	struct ms_scroll sc;
};

struct buddy_view {
	struct ms_view base;
	const struct ms_snapshot *cur;
	struct ms_table zones;
	bool detail; /* drilled down into one zone */
	int dnode;
	char dzone[16];
	struct ms_scroll dscroll;
	struct probe_page probe;
	struct ms_gpanel graph; /* history of the zones (H) */
};

#define BV(v) ((struct buddy_view *)(v))

/* The state's name in capitals ("LOW"), "-" unknown. */
static void wmark_name(char *buf, size_t len, enum ms_wmark_state s)
{
	const char *n = ms_name_of(&ms_wmark_names, s);
	size_t i = 0;

	for (n = n ? n : "-"; n[i] && i + 1 < len; i++)
		buf[i] = (char)toupper((unsigned char)n[i]);
	buf[i] = '\0';
}

static attr_t wmark_attr(enum ms_wmark_state s)
{
	switch (s) {
	case MS_WMARK_OK:
		return ms_attr(MS_C_OK);
	case MS_WMARK_HIGH:
		return ms_attr(MS_C_WARNING);
	case MS_WMARK_LOW:
		return ms_attr(MS_C_CRITICAL);
	case MS_WMARK_MIN:
		return ms_attr(MS_C_CRITICAL) | A_REVERSE;
	default:
		return ms_attr(MS_C_DIM);
	}
}

static uint64_t page_size(const struct ms_snapshot *s)
{
	return s->slab.page_size ? s->slab.page_size : 4096;
}

static const struct ms_zone *zone_at(const struct buddy_view *b, int row)
{
	return &b->cur->buddy.zones[row];
}

/* Free pages held in blocks of one order: blocks << order. */
static uint64_t order_pages(uint64_t blocks, int order)
{
	return ms_have(blocks) ? blocks << order : MS_NA;
}

/*
 * Free blocks per order as a spark line, on a log scale so a single free
 * block at a high order still shows: "is anything left at order N?".
 */
static void orders_text(const struct buddy_view *b, const struct ms_zone *z,
			char *buf, size_t len)
{
	static const char *const utf8[] = { " ",      "\u2581", "\u2582",
					    "\u2583", "\u2584", "\u2585",
					    "\u2586", "\u2587", "\u2588" };
	static const char *const ascii[] = { " ", ".", ":", "-", "=",
					     "+", "*", "#", "@" };
	const char *const *glyph = b->base.ui->utf8 ? utf8 : ascii;
	int n = z->nr_orders < MS_MAX_ORDER ? z->nr_orders : MS_MAX_ORDER;
	double max = 0;
	size_t off = 0;

	buf[0] = '\0';
	for (int o = 0; o < n; o++)
		if (ms_have(z->free_blocks[o]) &&
		    log2(1.0 + (double)z->free_blocks[o]) > max)
			max = log2(1.0 + (double)z->free_blocks[o]);
	for (int o = 0; o < n && off < len; o++) {
		uint64_t v = z->free_blocks[o];
		int l = 0;

		if (ms_have(v) && v && max > 0)
			l = 1 + (int)(log2(1.0 + (double)v) / max * 7.999);
		off += (size_t)snprintf(buf + off, len - off, "%s",
					ms_have(v) ? glyph[l > 8 ? 8 : l] :
						     "-");
	}
}

static void cell(const void *ctx, int row, int col, char *buf, size_t len)
{
	const struct buddy_view *b = ctx;
	const struct ms_zone *z = zone_at(b, row);
	uint64_t ps = page_size(b->cur);

	switch (col) {
	case C_NODE:
		snprintf(buf, len, "%d", z->node);
		break;
	case C_ZONE:
		snprintf(buf, len, "%s", z->name);
		break;
	case C_STATE:
		wmark_name(buf, len, z->wstate);
		break;
	case C_FREE:
		ms_fmt_count(buf, len, z->free_pages, cols[col].width);
		break;
	case C_FREEMEM:
		ms_fmt_pages(buf, len, z->free_pages, ps);
		break;
	case C_LARGEST:
		if (z->largest_order < 0)
			snprintf(buf, len, "-");
		else
			snprintf(buf, len, "%d", z->largest_order);
		break;
	case C_FRAG:
		ms_fmt_double(buf, len, z->frag_index, 1);
		break;
	case C_ORDERS:
		orders_text(b, z, buf, len);
		break;
	case C_MIN:
		ms_fmt_count(buf, len, z->wmark_min, cols[col].width);
		break;
	case C_LOW:
		ms_fmt_count(buf, len, z->wmark_low, cols[col].width);
		break;
	case C_HIGH:
		ms_fmt_count(buf, len, z->wmark_high, cols[col].width);
		break;
	case C_MANAGED:
		ms_fmt_count(buf, len, z->managed, cols[col].width);
		break;
	case C_PRESENT:
		ms_fmt_count(buf, len, z->present, cols[col].width);
		break;
	case C_SPANNED:
		ms_fmt_count(buf, len, z->spanned, cols[col].width);
		break;
	}
}

static int cmp(const void *ctx, int a, int b, int col)
{
	const struct ms_zone *x = zone_at(ctx, a), *y = zone_at(ctx, b);

	switch (col) {
	case C_NODE:
		return (x->node > y->node) - (x->node < y->node);
	case C_ZONE:
		return strcmp(x->name, y->name);
	case C_STATE:
		return (x->wstate > y->wstate) - (x->wstate < y->wstate);
	case C_FREE:
	case C_FREEMEM:
		return ms_cmp_u64(x->free_pages, y->free_pages);
	case C_LARGEST:
		return (x->largest_order > y->largest_order) -
		       (x->largest_order < y->largest_order);
	case C_FRAG:
		return ms_cmp_double(x->frag_index, y->frag_index);
	case C_MIN:
		return ms_cmp_u64(x->wmark_min, y->wmark_min);
	case C_LOW:
		return ms_cmp_u64(x->wmark_low, y->wmark_low);
	case C_HIGH:
		return ms_cmp_u64(x->wmark_high, y->wmark_high);
	case C_MANAGED:
		return ms_cmp_u64(x->managed, y->managed);
	case C_PRESENT:
		return ms_cmp_u64(x->present, y->present);
	case C_SPANNED:
		return ms_cmp_u64(x->spanned, y->spanned);
	}
	return 0;
}

static attr_t cell_attr(const void *ctx, int row, int col)
{
	const struct ms_zone *z = zone_at(ctx, row);

	if (col == C_STATE)
		return wmark_attr(z->wstate);
	if (col == C_ORDERS)
		return ms_attr(z->wstate >= MS_WMARK_LOW ? MS_C_BAR_LOW :
							   MS_C_BAR);
	return 0;
}

static void row_key(const void *ctx, int row, char *buf, size_t len)
{
	const struct ms_zone *z = zone_at(ctx, row);

	snprintf(buf, len, "%d/%s", z->node, z->name);
}

static const struct ms_table_def zone_table = {
	.cols = cols,
	.ncols = C_COUNT,
	.name_col = C_ZONE,
	.cell = cell,
	.cmp = cmp,
	.attr = cell_attr,
	.key = row_key,
};

/* ---- Explain ids of each page ---------------------------------------- */

#define EXPLAIN_ZONE                                                      \
	"buddy.zone.node", "buddy.zone.name", "buddy.zone.wmark",         \
		"buddy.zone.free_pages", "buddy.zone.free_mem",             \
		"buddy.zone.largest", "buddy.zone.frag", "buddy.zone.orders", \
		"buddy.zone.min", "buddy.zone.low", "buddy.zone.high",      \
		"buddy.zone.managed", "buddy.zone.present",                 \
		"buddy.zone.spanned"
/* The zone page's lines: several fields share one */
#define FREE_IDS                                                          \
	"buddy.zone.free_pages", "buddy.zone.free_mem",                   \
		"buddy.zone.zi_free", "buddy.zone.frag"
#define WMARK_IDS                                                         \
	"buddy.zone.min", "buddy.zone.low", "buddy.zone.high",            \
		"buddy.zone.promo", "buddy.zone.boost"
#define PAGES_IDS                                                         \
	"buddy.zone.managed", "buddy.zone.present", "buddy.zone.spanned", \
		"buddy.zone.cma"
#define ORDER_IDS                                                         \
	"buddy.order.order", "buddy.order.blocks", "buddy.order.pages",   \
		"buddy.order.memory", "buddy.order.unusable",               \
		"buddy.order.extfrag", "buddy.order.share"
#define PROBE_IDS                                                         \
	"buddy.probe.order", "buddy.probe.block", "buddy.probe.ok",       \
		"buddy.probe.fail", "buddy.probe.min", "buddy.probe.mean",  \
		"buddy.probe.max", "buddy.probe.avail", "buddy.probe.success"

static const char *const summary_free_ids[] = { FREE_IDS, NULL };
static const char *const summary_wmark_ids[] = { WMARK_IDS, NULL };
static const char *const summary_pages_ids[] = { PAGES_IDS, NULL };
static const char *const order_ids[] = { ORDER_IDS, NULL };
static const char *const probe_ids[] = { PROBE_IDS, NULL };

static const char *const detail_ids[] = {
	"buddy.zone.wmark", "buddy.zone.largest", FREE_IDS, WMARK_IDS,
	PAGES_IDS, "buddy.zone.protection", ORDER_IDS, "buddy.mt.free",
	"buddy.mt.pages", "buddy.mt.pblks", "buddy.ev.mt_allocs",
	"buddy.ev.frees", "buddy.ev.failed", NULL,
};

/* The orders panel under the table, then the events panel (bpf). */
static const char *const list_ids[] = {
	"buddy.order.order", "buddy.order.blocks", "buddy.order.memory",
	"buddy.ev.allocs", "buddy.ev.frees", "buddy.ev.failed",
	"buddy.ev.fallbacks", "buddy.ev.compaction", NULL,
};

/* The next line shows every field of ids. */
static void tag_ids(struct ms_page *l, const char *const *ids)
{
	for (; *ids; ids++)
		ms_page_tag(l, *ids);
}

/* ---- Drill-down: one zone -------------------------------------------- */

static const char *const wmark_meaning[] = {
	[MS_WMARK_UNKNOWN] = "unknown",
	[MS_WMARK_OK] = "free > high",
	[MS_WMARK_HIGH] = "low < free <= high",
	[MS_WMARK_LOW] = "min < free <= low: kswapd wakes",
	[MS_WMARK_MIN] = "free <= min: direct reclaim",
};

static void detail_summary(struct ms_page *l, const struct buddy_view *b,
			   const struct ms_zone *z)
{
	char buf[256], a[24], c[24], d[24], e[24], f[24], ws[16];
	int y, x;

	wmark_name(ws, sizeof(ws), z->wstate);
	ms_page_tag(l, "buddy.zone.wmark");
	ms_page_tag(l, "buddy.zone.largest");
	y = ms_page_next(l);

	if (y >= 0) {
		x = ms_put(l->w, y, l->r.x, l->r.w, MS_LEFT, false,
			   ms_attr(MS_C_NORMAL), "watermark ");
		x += ms_put(l->w, y, l->r.x + x, l->r.w - x, MS_LEFT, false,
			    wmark_attr(z->wstate), ws);
		snprintf(a, sizeof(a), "%d", z->largest_order);
		snprintf(buf, sizeof(buf), " (%s)  largest free order %s",
			 z->wstate <= MS_WMARK_MIN ? wmark_meaning[z->wstate] :
						     "?",
			 z->largest_order < 0 ? "-" : a);
		ms_put(l->w, y, l->r.x + x, l->r.w - x, MS_LEFT, false,
		       ms_attr(MS_C_NORMAL), buf);
	}
	tag_ids(l, summary_free_ids);
	snprintf(buf, sizeof(buf),
		 "free %s pages = %s (zoneinfo: %s)  "
		 "fragmentation index %s",
		 ms_fmt_u64(a, sizeof(a), z->free_pages),
		 ms_fmt_pages(c, sizeof(c), z->free_pages, page_size(b->cur)),
		 ms_fmt_u64(d, sizeof(d), z->zi_free),
		 ms_fmt_pct(e, sizeof(e), z->frag_index));
	ms_page_line(l, ms_attr(MS_C_NORMAL), buf);
	tag_ids(l, summary_wmark_ids);
	snprintf(buf, sizeof(buf),
		 "watermarks (pages): min %s  low %s  "
		 "high %s  promo %s  boost %s",
		 ms_fmt_u64(a, sizeof(a), z->wmark_min),
		 ms_fmt_u64(c, sizeof(c), z->wmark_low),
		 ms_fmt_u64(d, sizeof(d), z->wmark_high),
		 ms_fmt_u64(e, sizeof(e), z->wmark_promo),
		 ms_fmt_u64(f, sizeof(f), z->boost));
	ms_page_line(l, ms_attr(MS_C_NORMAL), buf);
	tag_ids(l, summary_pages_ids);
	snprintf(buf, sizeof(buf),
		 "pages: managed %s  present %s  "
		 "spanned %s  cma %s",
		 ms_fmt_u64(a, sizeof(a), z->managed),
		 ms_fmt_u64(c, sizeof(c), z->present),
		 ms_fmt_u64(d, sizeof(d), z->spanned),
		 ms_fmt_u64(e, sizeof(e), z->cma));
	ms_page_line(l, ms_attr(MS_C_NORMAL), buf);
}

static void detail_protection(struct ms_page *l, const struct ms_zone *z)
{
	char buf[256], v[24];
	size_t off;

	ms_page_tag(l, "buddy.zone.protection");
	off = (size_t)snprintf(buf, sizeof(buf),
			       "protection (lowmem_reserve, pages):");
	for (int i = 0; i < z->nr_protection && i < MS_MAX_PROT; i++)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off, " %s",
					ms_fmt_u64(v, sizeof(v),
						   z->protection[i]));
	if (!z->nr_protection)
		snprintf(buf + off, sizeof(buf) - off, " -");
	ms_page_line(l, ms_attr(MS_C_NORMAL), buf);
}

/* Order, Blocks, Pages, Memory, Unusable, Extfrag, then the bar. */
static const int ow[] = { 5, 8, 9, 7, 8, 8 };
#define NOW (int)(sizeof(ow) / sizeof(ow[0]))

static void order_header(struct ms_page *l)
{
	static const char *const t[NOW] = { "Order",  "Blocks",	  "Pages",
					    "Memory", "Unusable", "Extfrag" };
	int y, x = l->r.x;

	tag_ids(l, order_ids);
	y = ms_page_next(l);

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

static void order_row(struct ms_page *l, const struct buddy_view *b,
		      const struct ms_zone *z, int o)
{
	uint64_t pages = order_pages(z->free_blocks[o], o);
	char v[NOW][24];
	int y = ms_page_next(l), x = l->r.x;
	double frac = NAN;

	if (y < 0)
		return;
	snprintf(v[0], sizeof(v[0]), "%d", o);
	ms_fmt_u64(v[1], sizeof(v[1]), z->free_blocks[o]);
	ms_fmt_u64(v[2], sizeof(v[2]), pages);
	ms_fmt_pages(v[3], sizeof(v[3]), pages, page_size(b->cur));
	ms_fmt_double(v[4], sizeof(v[4]), z->unusable[o], 3);
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
static int mt_width(const struct ms_page *l, int nm)
{
	int cw = nm ? (l->r.w - 6) / nm - 1 : 8;

	return cw > 12 ? 12 : cw < 7 ? 7 : cw;
}

static void mt_header(struct ms_page *l, const struct ms_buddy *bd, int cw)
{
	int y = ms_page_next(l), x = l->r.x + 6;

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
static void mt_row(struct ms_page *l, const struct ms_buddy *bd, int cw,
		   const char *label, const uint64_t *v, attr_t a)
{
	int y = ms_page_next(l), x = l->r.x + 6;
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

static void detail_migrate(struct ms_page *l, const struct buddy_view *b,
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

	ms_page_title(l,
		      kmod ? "Free blocks by migrate type and order "
			     "(memscope.ko: one hold of the zone lock)" :
			     "Free blocks by migrate type and order "
			     "(pagetypeinfo)",
		      b->base.ui);
	if (!z->has_migrate || !nm) {
		why = ms_note_why(b->cur, "pagetypeinfo");
		snprintf(buf, sizeof(buf), "unavailable: %s",
			 why ? why : "no backend provided it for this zone");
		ms_page_line(l, ms_attr(MS_C_NOTE), buf);
		return;
	}
	ms_page_tag(l, "buddy.mt.free");
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
	ms_page_tag(l, "buddy.mt.pages");
	mt_row(l, bd, cw, "pages", pages, ms_attr(MS_C_TITLE));
	/* memscope.ko does not count pageblocks */
	if (bd->pageblock_order < 0) {
		ms_page_line(l, ms_attr(MS_C_DIM),
			     "pages: free pages per type");
		return;
	}
	ms_page_tag(l, "buddy.mt.pblks");
	mt_row(l, bd, cw, "pblks", z->mt_pageblocks, ms_attr(MS_C_TITLE));
	snprintf(buf, sizeof(buf),
		 "pages: free pages per type;  pblks: "
		 "pageblocks per type (order %d each)",
		 bd->pageblock_order);
	ms_page_line(l, ms_attr(MS_C_DIM), buf);
}

static void draw_detail(struct buddy_view *b, WINDOW *w, struct ms_rect r,
			const struct ms_zone *z)
{
	struct ms_page l;
	char buf[128], name[64];

	ms_page_begin(&l, w, r, &b->dscroll);
	snprintf(buf, sizeof(buf), "Node %d, zone %s  (Esc back)", z->node,
		 ms_esc(name, sizeof(name), z->name));
	ms_page_title(&l, buf, b->base.ui);
	detail_summary(&l, b, z);
	detail_protection(&l, z);
	ms_page_title(&l,
	      "Free memory per order  (indices as mm/vmstat.c prints "
	      "them)",
	      b->base.ui);
	if (z->nr_orders <= 0)
		ms_page_line(&l, ms_attr(MS_C_DIM),
		     "no free-block counts for this zone (not in buddyinfo)");
	else
		order_header(&l);
	for (int o = 0; o < z->nr_orders && o < MS_MAX_ORDER; o++)
		order_row(&l, b, z, o);
	detail_migrate(&l, b, z);
	ms_buddy_events_page(&l, b->cur, b->base.ui);
	ms_page_end(&l);
}

/* ---- Allocation probe (memscope.ko) ---------------------------------- */

/* Attempts per order: 16 x 11 orders stays under the module's 256/s. */
static const int probe_counts[] = { 1, 2, 4, 8, 16 };
#define NCOUNTS (int)(sizeof(probe_counts) / sizeof(probe_counts[0]))
#define PROBE_DEFAULT 3 /* 8 attempts */

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

/*
 * Blocks of order o the node's free lists could hand out without
 * compaction: every free block of order k >= o splits into 2^(k-o).
 */
static uint64_t node_avail(const struct ms_snapshot *s, int node, int o)
{
	uint64_t sum = 0;

	for (int i = 0; i < s->buddy.nr_zones; i++) {
		const struct ms_zone *z = &s->buddy.zones[i];

		for (int k = o;
		     z->node == node && k < z->nr_orders && k < MS_MAX_ORDER;
		     k++)
			if (ms_have(z->free_blocks[k]))
				sum += z->free_blocks[k] << (k - o);
	}
	return sum;
}

/* Order, Block, OK, Fail, Min, Mean, Max, Avail, then the success bar. */
static const int pw[] = { 5, 6, 4, 4, 8, 8, 8, 9 };
#define NPW (int)(sizeof(pw) / sizeof(pw[0]))

static void probe_header(struct ms_page *l)
{
	static const char *const t[NPW] = { "Order", "Block", "OK",  "Fail",
					    "Min",   "Mean",  "Max", "Avail" };
	int y = ms_page_next(l), x = l->r.x;

	if (y < 0)
		return;
	ms_fill(l->w, (struct ms_rect){ y, l->r.x, 1, l->r.w },
		ms_attr(MS_C_COLUMN_HEADER));
	for (int i = 0; i < NPW; i++) {
		ms_put(l->w, y, x, pw[i], MS_RIGHT, true,
		       ms_attr(MS_C_COLUMN_HEADER), t[i]);
		x += pw[i] + 1;
	}
	if (x < l->r.x + l->r.w)
		ms_put(l->w, y, x, l->r.x + l->r.w - x, MS_LEFT, false,
		       ms_attr(MS_C_COLUMN_HEADER), "success");
}

static void probe_row(struct ms_page *l, const struct buddy_view *b, int o)
{
	const struct ms_alloc_order *r = &b->probe.res.order[o];
	bool utf8 = b->base.ui->utf8;
	char v[NPW][24];
	int y = ms_page_next(l), x = l->r.x;
	attr_t a;

	if (y < 0)
		return;
	snprintf(v[0], sizeof(v[0]), "%d", o);
	ms_fmt_bytes(v[1], sizeof(v[1]), page_size(b->cur) << o);
	snprintf(v[2], sizeof(v[2]), "%d", r->ok);
	snprintf(v[3], sizeof(v[3]), "%d", r->fail);
	fmt_ns(v[4], sizeof(v[4]), r->min_ns, utf8);
	fmt_ns(v[5], sizeof(v[5]), r->mean_ns, utf8);
	fmt_ns(v[6], sizeof(v[6]), r->max_ns, utf8);
	ms_fmt_count(v[7], sizeof(v[7]), node_avail(b->cur, b->probe.node, o),
		     pw[7]);
	for (int i = 0; i < NPW; i++) {
		a = ms_attr(i == 3 && r->fail ? MS_C_CRITICAL : MS_C_NORMAL);
		ms_put(l->w, y, x, pw[i], MS_RIGHT, true, a, v[i]);
		x += pw[i] + 1;
	}
	if (x + 4 <= l->r.x + l->r.w && r->attempts)
		ms_bar(l->w, y, x, l->r.x + l->r.w - x,
		       (double)r->ok / r->attempts,
		       ms_attr(r->fail ? MS_C_BAR_LOW : MS_C_BAR), b->base.ui);
}

static void draw_probe(struct buddy_view *b, WINDOW *w, struct ms_rect r)
{
	struct probe_page *p = &b->probe;
	struct ms_page l;
	char buf[320], esc[64], t[16];
	time_t when = (time_t)p->when;
	struct tm tm;

	ms_page_begin(&l, w, r, &p->sc);
	snprintf(buf, sizeof(buf),
		 "Allocation probe: node %d (zone %s selected), %d attempts "
		 "per order  (Esc back)",
		 p->node, ms_esc(esc, sizeof(esc), p->zone),
		 probe_counts[p->count]);
	ms_page_title(&l, buf, b->base.ui);
	ms_page_line(
		&l, ms_attr(MS_C_DIM),
		"memscope.ko: alloc_pages_node(node, GFP_KERNEL | __GFP_NORETRY "
		"| __GFP_NOWARN | __GFP_THISNODE, order), freed at once");
	if (p->pending) {
		ms_page_line(&l, ms_attr(MS_C_DIM), "probing...");
	} else if (!p->have) {
		snprintf(buf, sizeof(buf), "allocation probe unavailable: %s",
			 p->why[0] ? p->why : "no result");
		ms_page_line(&l, ms_attr(MS_C_NOTE), buf);
	} else {
		localtime_r(&when, &tm);
		strftime(t, sizeof(t), "%H:%M:%S", &tm);
		snprintf(buf, sizeof(buf),
			 "orders 0..%d probed at %s; Avail: blocks of that "
			 "order the node's free lists hold now (no compaction)",
			 p->res.nr_orders - 1, t);
		ms_page_line(&l, ms_attr(MS_C_NORMAL), buf);
		tag_ids(&l, probe_ids);
		probe_header(&l);
		for (int o = 0; o < p->res.nr_orders && o < MS_MAX_ORDER; o++)
			probe_row(&l, b, o);
		if (p->why[0])
			ms_page_line(&l, ms_attr(MS_C_NOTE), p->why);
	}
	ms_page_line(&l, 0, "");
	ms_page_line(&l, ms_attr(MS_C_DIM),
		     "a or Enter: probe again   +/-: attempts per order   "
		     "Esc: back to the zones");
	ms_page_end(&l);
}

/* Open the page for the selected zone's node; the next sample probes. */
static enum ms_key_result open_probe(struct buddy_view *b)
{
	int row = ms_table_selected(&b->zones);
	const struct ms_zone *z;

	if (row < 0)
		return MS_KEY_DONE;
	z = zone_at(b, row);
	if (!b->probe.open || b->probe.node != z->node)
		b->probe.have = false;
	b->probe.open = true;
	b->probe.node = z->node;
	snprintf(b->probe.zone, sizeof(b->probe.zone), "%s", z->name);
	b->probe.pending = true;
	return MS_KEY_RESAMPLE;
}

static enum ms_key_result probe_key(struct buddy_view *b, int key)
{
	struct probe_page *p = &b->probe;

	if (ms_key_is_back(key)) {
		p->open = false;
		return MS_KEY_DONE;
	}
	if (key == 'a' || ms_key_is_enter(key)) {
		p->pending = true;
		return MS_KEY_RESAMPLE;
	}
	if (key == '+' || key == '=' || key == '-' || key == '_') {
		p->count += key == '+' || key == '=' ? 1 : -1;
		p->count = p->count < 0	       ? 0 :
			   p->count >= NCOUNTS ? NCOUNTS - 1 :
						 p->count;
		return MS_KEY_DONE;
	}
	return ms_scroll_key(&p->sc, key) ? MS_KEY_DONE : MS_KEY_PASS;
}

/* The sample after the key ran the probe: keep its result or the reason. */
static void probe_update(struct buddy_view *b, const struct ms_snapshot *cur)
{
	struct probe_page *p = &b->probe;
	const char *why = ms_note_why(cur, "alloc_probe");

	if (!p->pending)
		return;
	p->pending = false;
	p->have = cur->have & MS_SEC_BIT(MS_SEC_ALLOC_PROBE);
	if (p->have) {
		p->res = cur->alloc_probe;
		p->when = cur->t_real;
	}
	ms_esc(p->why, sizeof(p->why), why ? why : "");
}

/* ---- The view -------------------------------------------------------- */

static void buddy_destroy(struct ms_view *v);

static struct ms_view *buddy_create(const struct ms_ui *ui)
{
	struct buddy_view *b = calloc(1, sizeof(*b));

	if (!b)
		return NULL;
	b->base.cls = &ms_view_buddy;
	b->base.ui = ui;
	ms_table_init(&b->zones, &zone_table, b, ui, -1, false);
	b->zones.empty = "no zones in this sample";
	b->probe.count = PROBE_DEFAULT;
	if (ms_gpanel_init(&b->graph, MS_GRAPH_BUDDY_SERIES)) {
		buddy_destroy(&b->base);
		return NULL;
	}
	return &b->base;
}

static void buddy_destroy(struct ms_view *v)
{
	ms_gpanel_free(&BV(v)->graph);
	ms_table_free(&BV(v)->zones);
	free(v);
}

static void buddy_request(struct ms_view *v, struct ms_request *req)
{
	struct probe_page *p = &BV(v)->probe;

	req->sections |= MS_SEC_BIT(MS_SEC_BUDDY) |
			 MS_SEC_BIT(MS_SEC_BUDDY_EVENTS);
	req->pagetypes = BV(v)->detail;
	if (p->open && p->pending) {
		req->sections |= MS_SEC_BIT(MS_SEC_ALLOC_PROBE);
		req->alloc_probe.node = p->node;
		req->alloc_probe.max_order = -1;
		req->alloc_probe.count = probe_counts[p->count];
	}
}

static const struct ms_zone *detail_zone(const struct buddy_view *b);

static void buddy_update(struct ms_view *v, const struct ms_snapshot *cur,
			 const struct ms_snapshot *prev)
{
	struct buddy_view *b = BV(v);
	const struct ms_zone *sel = NULL;
	int row;

	b->cur = cur;
	ms_table_set_rows(&b->zones, cur->buddy.nr_zones);
	if (b->detail)
		sel = detail_zone(b);
	else if ((row = ms_table_selected(&b->zones)) >= 0)
		sel = zone_at(b, row);
	ms_graph_buddy_feed(&b->graph, cur, sel, v->ui);
	probe_update(b, cur);
}

static const struct ms_zone *detail_zone(const struct buddy_view *b)
{
	const struct ms_buddy *bd = &b->cur->buddy;

	for (int i = 0; i < bd->nr_zones; i++)
		if (bd->zones[i].node == b->dnode &&
		    !strcmp(bd->zones[i].name, b->dzone))
			return &bd->zones[i];
	return NULL;
}

/* The selected zone's free blocks and memory per order, under the table. */
static void draw_orders_panel(struct buddy_view *b, WINDOW *w, struct ms_rect r,
			      const struct ms_zone *z)
{
	uint64_t ps = page_size(b->cur);
	int lw = 8, n = z->nr_orders, cw;
	char title[96], buf[32], name[64];

	if (n > MS_MAX_ORDER)
		n = MS_MAX_ORDER;
	cw = n ? (r.w - lw) / n : 0;
	if (cw > 8)
		cw = 8;
	if (cw < 5)
		cw = 5;
	snprintf(title, sizeof(title),
		 "Node %d, zone %s: free blocks per "
		 "order (Enter for details)",
		 z->node, ms_esc(name, sizeof(name), z->name));
	ms_title(w, r.y, r.x, r.w, title, b->base.ui);
	if (n <= 0) {
		ms_put(w, r.y + 1, r.x, r.w, MS_LEFT, false, ms_attr(MS_C_DIM),
		       "no free-block counts for this zone (not in buddyinfo)");
		return;
	}
	ms_put(w, r.y + 1, r.x, lw, MS_LEFT, true, ms_attr(MS_C_DIM), "order");
	ms_put(w, r.y + 2, r.x, lw, MS_LEFT, true, ms_attr(MS_C_DIM), "blocks");
	ms_put(w, r.y + 3, r.x, lw, MS_LEFT, true, ms_attr(MS_C_DIM), "memory");
	ms_explain_mark(w, r.y + 1, r.x, lw, b->base.ui, "buddy.order.order");
	ms_explain_mark(w, r.y + 2, r.x, lw, b->base.ui, "buddy.order.blocks");
	ms_explain_mark(w, r.y + 3, r.x, lw, b->base.ui, "buddy.order.memory");
	for (int o = 0; o < n && lw + (o + 1) * cw <= r.w; o++) {
		int x = r.x + lw + o * cw;

		snprintf(buf, sizeof(buf), "%d", o);
		ms_put(w, r.y + 1, x, cw, MS_RIGHT, true, ms_attr(MS_C_DIM),
		       buf);
		ms_fmt_count(buf, sizeof(buf), z->free_blocks[o], cw - 1);
		ms_put(w, r.y + 2, x, cw, MS_RIGHT, true, ms_attr(MS_C_NORMAL),
		       buf);
		ms_fmt_pages(buf, sizeof(buf),
			     order_pages(z->free_blocks[o], o), ps);
		ms_put(w, r.y + 3, x, cw, MS_RIGHT, true, ms_attr(MS_C_NORMAL),
		       buf);
	}
}

#define PANEL_LINES 4

/*
 * The zone table, the selected zone's orders right under it, and under
 * them the page allocator's event rates (bpf) when they are sampled.
 */
static void draw_list(struct buddy_view *b, WINDOW *w, struct ms_rect r)
{
	struct ms_rect tr = r;
	int row = ms_table_selected(&b->zones);
	int want = b->zones.n + 1 + (b->zones.filter[0] || b->zones.editing);
	int ev = ms_buddy_events_lines(b->cur), y = r.y;
	struct ms_rect g = ms_gpanel_take(&b->graph, &r);

	if (g.h)
		ms_graph_buddy_draw(&b->graph, w, g, b->cur,
				    row >= 0 ? zone_at(b, row) : NULL,
				    b->base.ui);
	if (ev && r.h >= ev + PANEL_LINES + 6)
		r.h -= ev + 1;
	else
		ev = 0;
	tr = r;
	if (ev && want < tr.h)
		tr.h = want;
	if (row >= 0 && r.h >= PANEL_LINES + 4) {
		tr.h = r.h - PANEL_LINES - 1;
		if (want < tr.h)
			tr.h = want;
		draw_orders_panel(b, w,
				  (struct ms_rect){ r.y + tr.h + 1, r.x,
						    PANEL_LINES, r.w },
				  zone_at(b, row));
		y += PANEL_LINES + 1;
	}
	ms_table_draw(&b->zones, w, tr);
	if (ev)
		ms_buddy_events_panel(w,
				      (struct ms_rect){ y + tr.h + 1, r.x, ev,
							r.w },
				      b->cur, b->base.ui);
}

static void buddy_draw(struct ms_view *v, WINDOW *w, struct ms_rect r)
{
	struct buddy_view *b = BV(v);
	char why[256];

	ms_fill(w, r, ms_attr(MS_C_NORMAL));
	if (!b->cur || !(b->cur->have & MS_SEC_BIT(MS_SEC_BUDDY))) {
		ms_message(w, r, ms_attr(MS_C_NOTE),
			   b->cur ? ms_why_missing(why, sizeof(why), b->cur,
						   MS_SEC_BUDDY, "buddy") :
				    "waiting for the first sample");
		return;
	}
	if (b->probe.open)
		return draw_probe(b, w, r);
	if (b->detail) {
		const struct ms_zone *z = detail_zone(b);

		if (z) {
			struct ms_rect g = ms_gpanel_take(&b->graph, &r);

			if (g.h)
				ms_graph_buddy_draw(&b->graph, w, g, b->cur, z,
						    b->base.ui);
			draw_detail(b, w, r, z);
			return;
		}
		snprintf(why, sizeof(why),
			 "node %d zone %s is not in this "
			 "sample (Esc back)",
			 b->dnode, b->dzone);
		ms_message(w, r, ms_attr(MS_C_NOTE), why);
		return;
	}
	draw_list(b, w, r);
}

static enum ms_key_result buddy_key(struct ms_view *v, int key)
{
	struct buddy_view *b = BV(v);
	int row;

	if (b->probe.open)
		return probe_key(b, key);
	if (b->detail) {
		if (ms_key_is_back(key)) {
			b->detail = false;
			return MS_KEY_DONE;
		}
		if (key == 'H') {
			ms_gpanel_toggle(&b->graph);
			return MS_KEY_DONE;
		}
		return ms_scroll_key(&b->dscroll, key) ? MS_KEY_DONE :
							 MS_KEY_PASS;
	}
	if (!b->zones.editing && ms_key_is_enter(key)) {
		row = ms_table_selected(&b->zones);
		if (row < 0)
			return MS_KEY_DONE;
		b->detail = true;
		b->dnode = zone_at(b, row)->node;
		snprintf(b->dzone, sizeof(b->dzone), "%s",
			 zone_at(b, row)->name);
		b->dscroll.top = 0;
		return MS_KEY_RESAMPLE;	/* the migrate types are read now */
	}
	if (!b->zones.editing && key == 'a')
		return open_probe(b);
	if (!b->zones.editing && key == 'H') {
		ms_gpanel_toggle(&b->graph);
		return MS_KEY_DONE;
	}
	return ms_table_key(&b->zones, key);
}

static const char *buddy_hints(struct ms_view *v)
{
	struct buddy_view *b = BV(v);

	if (b->probe.open)
		return "a probe again  +/- attempts  Esc back";
	if (b->detail)
		return "Up/Down scroll  H graph  Esc back";
	if (b->zones.editing)
		return ms_table_hints(&b->zones);
	return "Enter zone  a alloc probe  H graph  s sort  r reverse  "
	       "/ filter";
}

/* Every id the tab shows on some page (the tests walk them). */
static const char *const all_ids[] = {
	EXPLAIN_ZONE, "buddy.zone.zi_free", "buddy.zone.promo",
	"buddy.zone.boost", "buddy.zone.cma", "buddy.zone.protection",
	ORDER_IDS, "buddy.mt.free", "buddy.mt.pages", "buddy.mt.pblks",
	"buddy.ev.allocs", "buddy.ev.frees", "buddy.ev.failed",
	"buddy.ev.fallbacks", "buddy.ev.compaction", "buddy.ev.mt_allocs",
	PROBE_IDS, NULL,
};

static void buddy_explain(struct ms_view *v, struct ms_explain_ids *e)
{
	struct buddy_view *b = BV(v);

	if (b->probe.open) {
		ms_page_explain(&b->probe.sc, v->ui, e, probe_ids);
	} else if (b->detail) {
		ms_page_explain(&b->dscroll, v->ui, e, detail_ids);
	} else {
		ms_table_explain(&b->zones, e);
		for (const char *const *id = list_ids; *id; id++)
			ms_explain_add(e, *id);
	}
}

const struct ms_view_class ms_view_buddy = {
	.name = "Buddy",
	.id = "buddy",
	.create = buddy_create,
	.destroy = buddy_destroy,
	.request = buddy_request,
	.update = buddy_update,
	.draw = buddy_draw,
	.on_key = buddy_key,
	.hints = buddy_hints,
	.explain = buddy_explain,
	.explain_all = all_ids,
};
