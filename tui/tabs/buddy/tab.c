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
#include "tui/tabs/buddy/buddy.h"
#include "tui/widgets.h"

enum {
	C_NODE,
	C_ZONE,
	C_STATE,
	C_FREE,
	C_FREEMEM,
	C_LARGEST,
	C_UNUS, /* the kernel's indices at the pageblock order */
	C_EXT,
	C_UNUS3, /* and at the costly order */
	C_EXT3,
	C_FRAG, /* the chapter's index, after them */
	C_ORDERS,
	C_MIN,
	C_LOW,
	C_HIGH,
	C_MANAGED,
	C_PRESENT,
	C_SPANNED,
	C_COUNT
};

/* not const: Unus and Ext's titles name the snapshot's pageblock order */
static struct ms_column cols[C_COUNT] = {
	[C_NODE] = { "Node", 4, MS_RIGHT, .id = "buddy.zone.node", .key = 'n' },
	[C_ZONE] = { "Zone", 8, MS_LEFT, .id = "buddy.zone.name", .key = 'z' },
	[C_STATE] = { "Wmark", 5, MS_LEFT, .id = "buddy.zone.wmark" },
	[C_FREE] = { "FreePg", 9, MS_RIGHT, .id = "buddy.zone.free_pages",
		     .key = 'f' },
	[C_FREEMEM] = { "Free", 6, MS_RIGHT, .id = "buddy.zone.free_mem" },
	[C_LARGEST] = { "Lrg", 3, MS_RIGHT, .id = "buddy.zone.largest" },
	[C_UNUS] = { "Unus9%", 6, MS_RIGHT, .id = "buddy.zone.unusable",
		     .key = 'u' },
	[C_EXT] = { "Ext9", 6, MS_RIGHT, .id = "buddy.zone.extfrag" },
	[C_UNUS3] = { "Unus3%", 6, MS_RIGHT, .id = "buddy.zone.unusable3" },
	[C_EXT3] = { "Ext3", 6, MS_RIGHT, .id = "buddy.zone.extfrag3" },
	[C_FRAG] = { "Frag%", 6, MS_RIGHT, .id = "buddy.zone.frag" },
	[C_ORDERS] = { "Orders", 11, MS_LEFT, .nosort = true,
		       .id = "buddy.zone.orders" },
	[C_MIN] = { "Min", 7, MS_RIGHT, .id = "buddy.zone.min" },
	[C_LOW] = { "Low", 7, MS_RIGHT, .id = "buddy.zone.low" },
	[C_HIGH] = { "High", 7, MS_RIGHT, .id = "buddy.zone.high" },
	[C_MANAGED] = { "Managed", 9, MS_RIGHT, .id = "buddy.zone.managed",
			.key = 'm' },
	[C_PRESENT] = { "Present", 9, MS_RIGHT, .id = "buddy.zone.present" },
	[C_SPANNED] = { "Spanned", 9, MS_RIGHT, .id = "buddy.zone.spanned" },
};

/* The state's name in capitals ("LOW"), "-" unknown. */
void ms_buddy_wmark_name(char *buf, size_t len, enum ms_wmark_state s)
{
	const char *n = ms_name_of(&ms_wmark_names, s);
	size_t i = 0;

	for (n = n ? n : "-"; n[i] && i + 1 < len; i++)
		buf[i] = (char)toupper((unsigned char)n[i]);
	buf[i] = '\0';
}

attr_t ms_buddy_wmark_attr(enum ms_wmark_state s)
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

int ms_buddy_frag_order(const struct ms_snapshot *s, const struct ms_zone *z)
{
	int o = s->buddy.pageblock_order >= 0 ? s->buddy.pageblock_order : 9;
	int n;

	if (!z)
		return o;
	n = z->nr_orders < MS_MAX_ORDER ? z->nr_orders : MS_MAX_ORDER;
	return o < n ? o : n - 1;
}

int ms_buddy_costly_order(const struct ms_zone *z)
{
	int n = z->nr_orders < MS_MAX_ORDER ? z->nr_orders : MS_MAX_ORDER;

	return MS_COSTLY_ORDER < n ? MS_COSTLY_ORDER : n - 1;
}

/*
 * A kernel's index column's value: the unusable index in %, the extfrag
 * index as mm/vmstat.c prints it (NAN: no counts).
 */
static double index_of(const struct ms_snapshot *s, const struct ms_zone *z,
		       int col)
{
	int o = col == C_UNUS || col == C_EXT ? ms_buddy_frag_order(s, z) :
						ms_buddy_costly_order(z);

	if (o < 0)
		return NAN;
	return col == C_UNUS || col == C_UNUS3 ?
		       ms_share_shown(100 * z->unusable[o], 100, 1) :
		       z->extfrag[o];
}

/* The chapter's index, in parentheses where it does not apply. */
static void frag_text(char *buf, size_t len, const struct ms_zone *z)
{
	char v[16];

	ms_fmt_double(v, sizeof(v), ms_share_shown(z->frag_index, 100, 1), 1);
	snprintf(buf, len, z->frag_applies ? "%s" : "(%s)", v);
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
		ms_buddy_wmark_name(buf, len, z->wstate);
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
	case C_UNUS:
	case C_UNUS3:
		ms_fmt_double(buf, len, index_of(b->cur, z, col), 1);
		break;
	case C_EXT:
	case C_EXT3:
		ms_fmt_double(buf, len, index_of(b->cur, z, col), 3);
		break;
	case C_FRAG:
		frag_text(buf, len, z);
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
	case C_UNUS:
	case C_EXT:
	case C_UNUS3:
	case C_EXT3:
		return ms_cmp_double(
			index_of(((const struct buddy_view *)ctx)->cur, x, col),
			index_of(((const struct buddy_view *)ctx)->cur, y,
				 col));
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
		return ms_buddy_wmark_attr(z->wstate);
	if (col == C_FRAG && !z->frag_applies)
		return ms_attr(MS_C_DIM);
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

/* ---- Explain ids of each screen -------------------------------------- */
#define EXPLAIN_ZONE                                                           \
	"buddy.zone.node", "buddy.zone.name", "buddy.zone.wmark",              \
		"buddy.zone.free_pages", "buddy.zone.free_mem",                \
		"buddy.zone.largest", "buddy.zone.unusable",                   \
		"buddy.zone.extfrag", "buddy.zone.unusable3",                  \
		"buddy.zone.extfrag3", "buddy.zone.frag", "buddy.zone.orders", \
		"buddy.zone.min", "buddy.zone.low", "buddy.zone.high",         \
		"buddy.zone.managed", "buddy.zone.present",                    \
		"buddy.zone.spanned"

/* The orders panel under the table, then the events panel (bpf). */
static const char *const list_ids[] = {
	"buddy.order.order",  "buddy.order.blocks",  "buddy.order.memory",
	"buddy.ev.allocs",    "buddy.ev.frees",	     "buddy.ev.failed",
	"buddy.ev.fallbacks", "buddy.ev.compaction", NULL,
};

/* ---- The view -------------------------------------------------------- */

static void buddy_destroy(struct ms_view *v);

static struct ms_view *buddy_create(const struct ms_ui *ui)
{
	struct buddy_view *b = calloc(1, sizeof(*b));

	if (!b)
		return NULL;
	b->base.cls = &ms_view_buddy;
	b->base.ui = ui;
	ms_drills_init(&b->drills, &b->base, &b->graph);
	ms_table_init(&b->zones, &zone_table, b, ui, -1, false);
	b->zones.empty = "no zones in this sample";
	ms_buddy_probe_init(b);
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
	(void)v;
	req->sections |= MS_SEC_BIT(MS_SEC_BUDDY) |
			 MS_SEC_BIT(MS_SEC_BUDDY_EVENTS);
}

static void buddy_update(struct ms_view *v, const struct ms_snapshot *cur,
			 const struct ms_snapshot *prev)
{
	struct buddy_view *b = BV(v);
	const struct ms_zone *sel = NULL;
	int row;

	b->cur = cur;
	snprintf(b->unus_title, sizeof(b->unus_title), "Unus%d%%",
		 ms_buddy_frag_order(cur, NULL));
	snprintf(b->ext_title, sizeof(b->ext_title), "Ext%d",
		 ms_buddy_frag_order(cur, NULL));
	cols[C_UNUS].title = b->unus_title;
	cols[C_EXT].title = b->ext_title;
	ms_table_set_rows(&b->zones, cur->buddy.nr_zones);
	if (ms_drill_find(v, &ms_buddy_zone_screen))
		sel = ms_buddy_zone_of(b);
	else if ((row = ms_table_selected(&b->zones)) >= 0)
		sel = zone_at(b, row);
	ms_graph_buddy_feed(&b->graph, cur, sel, v->ui);
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
 * Under the zone table, where some zone's Frag% is in parentheses: why
 * (the line between the table and the orders panel).
 */
static void frag_note(struct buddy_view *b, WINDOW *w, int y, struct ms_rect r)
{
	int i = 0;

	while (i < b->cur->buddy.nr_zones &&
	       b->cur->buddy.zones[i].frag_applies)
		i++;
	if (i == b->cur->buddy.nr_zones)
		return;
	ms_put(w, y, r.x, r.w, MS_LEFT, false, ms_attr(MS_C_DIM),
	       "(Frag%): does not apply where the largest free order is the "
	       "zone's top one");
	ms_explain_mark(w, y, r.x, r.w, b->base.ui, "buddy.zone.frag");
}

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
		frag_note(b, w, r.y + tr.h, r);
		y += PANEL_LINES + 1;
	}
	ms_table_draw(&b->zones, w, tr);
	if (ev)
		ms_buddy_events_panel(
			w, (struct ms_rect){ y + tr.h + 1, r.x, ev, r.w },
			b->cur, b->base.ui);
}

/* Every screen of the tab needs the buddy section. */
static bool buddy_frame(struct ms_view *v, WINDOW *w, struct ms_rect *r)
{
	const struct ms_snapshot *cur = BV(v)->cur;
	char why[256];

	if (cur && (cur->have & MS_SEC_BIT(MS_SEC_BUDDY)))
		return true;
	ms_message(w, *r, ms_attr(MS_C_NOTE),
		   cur ? ms_why_missing(why, sizeof(why), cur, MS_SEC_BUDDY) :
			 "waiting for the first sample");
	return false;
}

static void buddy_draw(struct ms_view *v, WINDOW *w, struct ms_rect r)
{
	draw_list(BV(v), w, r);
}

static enum ms_key_result buddy_key(struct ms_view *v, int key)
{
	struct buddy_view *b = BV(v);

	if (!b->zones.editing && ms_key_is_enter(key))
		return ms_drill_push(v, &ms_buddy_zone_screen, NULL);
	if (!b->zones.editing && key == 'a')
		return ms_buddy_probe_open(b);
	if (!b->zones.editing && key == 'm')
		return ms_drill_push(v, &ms_buddy_map_screen, NULL);
	if (!b->zones.editing && key == 'H') {
		ms_gpanel_toggle(&b->graph);
		return MS_KEY_DONE;
	}
	return ms_table_key(&b->zones, key);
}

static const char *buddy_hints(struct ms_view *v)
{
	struct buddy_view *b = BV(v);

	if (b->zones.editing)
		return ms_table_hints(&b->zones);
	return "Enter zone  m map  a alloc probe  H graph  s sort  "
	       "r reverse  / filter";
}

/* Every id the tab shows on some screen (the tests walk them). */
static const char *const all_ids[] = {
	EXPLAIN_ZONE,
	"buddy.zone.lazy",
	"buddy.zone.zi_free",
	"buddy.zone.promo",
	"buddy.zone.boost",
	"buddy.zone.cma",
	"buddy.zone.protection",
	ORDER_IDS,
	"buddy.mt.free",
	"buddy.mt.pages",
	"buddy.mt.pblks",
	"buddy.ev.allocs",
	"buddy.ev.frees",
	"buddy.ev.failed",
	"buddy.ev.fallbacks",
	"buddy.ev.compaction",
	"buddy.ev.mt_allocs",
	PROBE_IDS,
	MAP_IDS,
	NULL,
};

static void buddy_explain(struct ms_view *v, struct ms_explain_ids *e)
{
	ms_table_explain(&BV(v)->zones, e);
	for (const char *const *id = list_ids; *id; id++)
		ms_explain_add(e, *id);
}

/* W: physical memory from the map (its a colours by it), else nothing */
static int buddy_damon(struct ms_view *v)
{
	return ms_drill_find(v, &ms_buddy_map_screen) ? 0 : -1;
}

const struct ms_view_class ms_view_buddy = {
	.name = "Buddy",
	.id = "buddy",
	.create = buddy_create,
	.destroy = buddy_destroy,
	.request = buddy_request,
	.update = buddy_update,
	.frame = buddy_frame,
	.draw = buddy_draw,
	.on_key = buddy_key,
	.hints = buddy_hints,
	.explain = buddy_explain,
	.explain_all = all_ids,
	.damon_target = buddy_damon,
	.catalog = MS_CATALOG(ms_explain_buddy, ms_explain_buddy_map),
};
