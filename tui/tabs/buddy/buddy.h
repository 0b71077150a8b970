/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Buddy tab (tui/tabs/buddy/): what its files share.
 */
#ifndef MS_TAB_BUDDY_H
#define MS_TAB_BUDDY_H

#include "tui/events.h"
#include "tui/explain.h"
#include "tui/graph.h"
#include "tui/kexp.h"

#define PROBE_DEFAULT 3 /* 8 attempts per order */
/*
 * PAGE_ALLOC_COSTLY_ORDER: above it the page allocator stops retrying
 * reclaim and compaction without end (mm/page_alloc.c)
 */
#define MS_COSTLY_ORDER 3

/* The allocation probe screen: its node, settings and last result. */
struct probe_screen {
	struct ms_kexp x;
	int node;
	char zone[16]; /* the zone it was opened from */
	int count; /* index into probe_counts */
	struct ms_alloc_probe res;
};

/* The physical memory map screen (map.c): its zone, zoom and cursor. */
struct map_screen {
	int node;
	char zone[16];
	uint64_t cur; /* the block under the cursor */
	uint64_t bpc; /* blocks a cell; 0: as many as fit the zone */
	uint64_t shown; /* blocks a cell at the last draw */
	int cols, rows; /* cells a row, rows of the last draw */
	uint64_t top; /* the first row shown */
	bool nolegend;
	bool types; /* cells show migrate types (t), not kinds */
	bool heat; /* cells show DAMON's accesses (a), not kinds */
	bool pages; /* zoomed in to the cursor's block: its pages */
	int pcur; /* the page under the cursor there */
	int width; /* of the last draw */
};

struct buddy_view {
	struct ms_view base;
	const struct ms_snapshot *cur;
	struct ms_table zones;
	struct ms_drills drills; /* the zone screen, the probe's */
	int dnode; /* the zone screen's zone */
	char dzone[16];
	struct probe_screen probe;
	struct map_screen map;
	struct ms_gpanel graph; /* history of the zones (H) */
	char unus_title[24]; /* the zone table's "Unus9%" */
	char ext_title[24]; /* and "Ext9" */
};

#define BV(v) ((struct buddy_view *)(v))

/* The zone screen's lines: several fields share one */
#define FREE_IDS \
	"buddy.zone.free_pages", "buddy.zone.free_mem", "buddy.zone.zi_free"
#define WMARK_IDS                                              \
	"buddy.zone.min", "buddy.zone.low", "buddy.zone.high", \
		"buddy.zone.promo", "buddy.zone.boost"
#define PAGES_IDS                                                         \
	"buddy.zone.managed", "buddy.zone.present", "buddy.zone.spanned", \
		"buddy.zone.cma"
#define ORDER_IDS                                                       \
	"buddy.order.order", "buddy.order.blocks", "buddy.order.pages", \
		"buddy.order.memory", "buddy.order.unusable",           \
		"buddy.order.extfrag", "buddy.order.share"
#define PROBE_IDS                                                          \
	"buddy.probe.order", "buddy.probe.block", "buddy.probe.ok",        \
		"buddy.probe.fail", "buddy.probe.min", "buddy.probe.mean", \
		"buddy.probe.max", "buddy.probe.avail", "buddy.probe.success"

static inline uint64_t page_size(const struct ms_snapshot *s)
{
	return s->slab.page_size ? s->slab.page_size : 4096;
}

static inline const struct ms_zone *zone_at(const struct buddy_view *b, int row)
{
	return &b->cur->buddy.zones[row];
}

/* Free pages held in blocks of one order: blocks << order. */
static inline uint64_t order_pages(uint64_t blocks, int order)
{
	return ms_have(blocks) ? blocks << order : MS_NA;
}

/* The next line shows every field of ids. */
static inline void tag_ids(struct ms_screen *l, const char *const *ids)
{
	for (; *ids; ids++)
		ms_screen_tag(l, *ids);
}

/*
 * The order the zone table's Unus column and the graph show the kernel's
 * unusable index at: the pageblock order (9 on x86-64, a huge page), 9
 * when pagetypeinfo was not read; for z, at most its top order (-1: it
 * has no counts). z NULL: the order alone.
 */
int ms_buddy_frag_order(const struct ms_snapshot *s, const struct ms_zone *z);
/* The costly order, at most z's top order (-1: it has no counts). */
int ms_buddy_costly_order(const struct ms_zone *z);

/* The zone table's Wmark column: its name and colour. */
void ms_buddy_wmark_name(char *buf, size_t len, enum ms_wmark_state s);
attr_t ms_buddy_wmark_attr(enum ms_wmark_state s);

/* The zone screen (zone.c), opened on the selected zone (Enter). */
extern const struct ms_drill_class ms_buddy_zone_screen;
/* Its zone in this sample, or NULL. */
const struct ms_zone *ms_buddy_zone_of(const struct buddy_view *b);

/* The physical memory map (map.c), opened on the selected zone (m). */
extern const struct ms_explain ms_explain_buddy_map[]; /* explain_map.c */
extern const struct ms_drill_class ms_buddy_map_screen;
/* A kind's explain id: "buddy.map.kind." and its key (model/physmap.h). */
#define MAP_KIND_ID(key) "buddy.map.kind." key
#define MAP_KIND_IDS(id, letter, key, label) MAP_KIND_ID(key),
#define MAP_IDS                                                   \
	"buddy.map.zone", "buddy.map.zoom", "buddy.map.progress", \
		"buddy.map.blocks", "buddy.map.cursor",           \
		"buddy.map.free_orders", "buddy.map.order9",      \
		"buddy.map.types", "buddy.map.migratetypes",      \
		"buddy.map.polluted", "buddy.map.pages",          \
		MS_PM_KINDS(MAP_KIND_IDS) "buddy.map.access",     \
		"buddy.map.access_cursor", "buddy.map.access_levels"

/* A kind's cell: its letter on its colour; the cursor's reversed. */
void ms_map_cell(WINDOW *w, int y, int x, enum ms_pm_kind k, bool cursor);
/* A kind's colour; the census kind k's short name ("slab", "pgtbl"). */
enum ms_color ms_map_kind_color(enum ms_pm_kind k);
const char *ms_map_page_label(int k);

/*
 * Migrate types (maptypes.c). A cell of blocks [first, first + n): its
 * type, polluted if one of them is, else the most common; MS_PM_N for a
 * zone without types.
 */
enum ms_pm_mt ms_map_cell_type(const struct ms_pm_zone *z, uint64_t first,
			       uint64_t n);
/*
 * A map cell: kind k's letter and colour, or (types) type t's, with t's
 * mark: polluted reversed, a type other than Movable underlined.
 */
void ms_map_grid_cell(WINDOW *w, int y, int x, enum ms_pm_kind k,
		      enum ms_pm_mt t, bool types, bool cursor);
/*
 * The cursor's type for its detail line ("  Movable, polluted by slab
 * 3"; a cell of several blocks: its types); "" without types.
 */
void ms_map_type_detail(char *buf, size_t len, const struct ms_pm_zone *z,
			uint64_t first, uint64_t n);
/* The line of the zone's types, or pagetypeinfo's counts and why not. */
void ms_map_types_draw(WINDOW *w, struct ms_rect r, const struct buddy_view *b,
		       const struct ms_pm_zone *pz);
/*
 * The pages of the block at pfn (of bp pages), a cell each, and the
 * one under the cursor, in r (mappages.c); the rows it took.
 */
int ms_map_pages_draw(WINDOW *w, struct ms_rect r, struct buddy_view *b,
		      uint64_t pfn, uint64_t bp);
/* Its keys: move among the pages, o or Esc back to the blocks. */
enum ms_key_result ms_map_pages_key(struct buddy_view *b, int key);

/*
 * The map coloured by access (mapheat.c, model/physheat.h): whether its
 * cells show DAMON's accesses now (a on, and the sample has memscope's
 * paddr regions); a's key (on, off, or why not in the view's say).
 */
bool ms_map_heat(const struct buddy_view *b);
enum ms_key_result ms_map_heat_key(struct buddy_view *b);
/* A cell of physical bytes [lo, hi): its level's letter and colour. */
void ms_map_heat_cell(WINDOW *w, int y, int x, const struct buddy_view *b,
		      uint64_t lo, uint64_t hi, bool cursor);
/* The cursor's access figures, blocks [first, first + n), two lines. */
void ms_map_heat_detail(WINDOW *w, struct ms_rect r, const struct buddy_view *b,
			const struct ms_pm_zone *z, uint64_t first, uint64_t n);
/* The levels with their blocks in r, and the scale on its last line. */
void ms_map_heat_legend(WINDOW *w, struct ms_rect r, const struct buddy_view *b,
			const struct ms_pm_zone *z);
/* The title's word: ", access", or why the sample has none. */
const char *ms_map_heat_title(const struct buddy_view *b);
/*
 * Zoomed in to the block at pfn (bp pages): its pages by access, cols a
 * row after a gutter, the cursor's page and its figures; the rows taken.
 */
int ms_map_heat_pages(WINDOW *w, struct ms_rect r, struct buddy_view *b,
		      uint64_t pfn, uint64_t bp, int cols, int gutter);

/* The allocation probe screen (probe.c, a tui/kexp.h screen in probe.x). */
void ms_buddy_probe_init(struct buddy_view *b);
enum ms_key_result ms_buddy_probe_open(struct buddy_view *b);

/* Buddy: rows the events panel takes (0 without the section). */
int ms_buddy_events_lines(const struct ms_snapshot *s);
/* The panel under the zones: per order allocs, frees, failures/s. */
void ms_buddy_events_panel(WINDOW *w, struct ms_rect r,
			   const struct ms_snapshot *s, const struct ms_ui *ui);
/* The zone screen's section: allocations by migrate type and order. */
void ms_buddy_events_screen(struct ms_screen *l, const struct ms_snapshot *s,
			    const struct ms_ui *ui);

/* Graphs: free blocks per order and the indices of every zone. */
void ms_graph_buddy_feed(struct ms_gpanel *p, const struct ms_snapshot *s,
			 const struct ms_zone *sel, const struct ms_ui *ui);
void ms_graph_buddy_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
			 const struct ms_snapshot *s, const struct ms_zone *sel,
			 const struct ms_ui *ui);

#endif
