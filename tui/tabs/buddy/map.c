// SPDX-License-Identifier: GPL-2.0
/*
 * The Buddy tab's physical memory map (m on a zone): every pageblock of
 * the zone one cell in the colour and letter of its kind (model/physmap.h),
 * several blocks a cell to fit the screen or zoomed in, a legend, and the
 * block under the cursor: its pages by kind, its free buddy blocks, and
 * whether compaction could make it a free order-9 block or what pins it;
 * or each cell by DAMON's accesses (a, mapheat.c).
 */
#include "tui/tabs/buddy/buddy.h"

#include <stdio.h>
#include <string.h>

#include "model/physheat.h"

#define MAP(d) (&BV((d)->v)->map)
#define GUTTER 7 /* "  1.5G " before each row, where the width allows */
#define DETAIL 4 /* the cursor's lines */

/*
 * Each kind's theme element, the memory bar's where they meet: one for
 * every kind of the model's list (MS_PM_KINDS), or the build fails.
 */
#define COLOR_FREE MS_C_MEM_FREE
#define COLOR_ANON MS_C_MEM_ANON
#define COLOR_FILE MS_C_MEM_FILE
#define COLOR_UNEVICTABLE MS_C_MEM_ANON
#define COLOR_SLAB MS_C_MEM_KERNEL
#define COLOR_PGTABLE MS_C_MEM_KERNEL
#define COLOR_KERNEL MS_C_MEM_RESERVED
#define COLOR_HUGETLB MS_C_MEM_RESERVED
#define COLOR_THP MS_C_MEM_ANON
#define COLOR_MIXED MS_C_MEM_UNEXPLAINED
#define COLOR_HOLE MS_C_DIM
#define COLOR_DEFERRED MS_C_DIM
#define COLOR_UNREAD MS_C_DIM
#define COLOR(id, letter, key, label) [MS_PK_##id] = COLOR_##id,
static const enum ms_color kind_color[MS_PK_N] = { MS_PM_KINDS(COLOR) };

/* The census's kinds, short enough for a line at 80 columns. */
static const char *const page_label[MS_CK_N] = {
	[MS_CK_FREE] = "free",	       [MS_CK_ANON] = "anon",
	[MS_CK_SHMEM] = "shmem",       [MS_CK_FILE] = "file",
	[MS_CK_UNEVICTABLE] = "mlock", [MS_CK_SLAB] = "slab",
	[MS_CK_PGTABLE] = "pgtbl",     [MS_CK_HUGETLB] = "hugetlb",
	[MS_CK_RESERVED] = "resv",     [MS_CK_OFFLINE] = "offline",
	[MS_CK_OTHER] = "other",       [MS_CK_NOFLAGS] = "noflags",
	[MS_CK_HOLE] = "hole",
};

enum ms_color ms_map_kind_color(enum ms_pm_kind k)
{
	return kind_color[k];
}

const char *ms_map_page_label(int k)
{
	return page_label[k];
}

#define KIND_ID(id, letter, key, label) [MS_PK_##id] = MAP_KIND_ID(key),
static const char *const kind_ids[MS_PK_N] = { MS_PM_KINDS(KIND_ID) };

/* The zone the screen shows, in this sample, or NULL. */
static const struct ms_pm_zone *map_zone(const struct buddy_view *b)
{
	const struct ms_physmap *m;

	if (!b->cur || !(b->cur->have & MS_SEC_BIT(MS_SEC_PHYSMAP)))
		return NULL;
	m = &b->cur->physmap;
	for (int i = 0; i < m->nr_zones; i++)
		if (m->zones[i].node == b->map.node &&
		    !strcmp(m->zones[i].zone, b->map.zone) &&
		    m->zones[i].blocks)
			return &m->zones[i];
	return NULL;
}

static uint64_t nr_blocks(const struct ms_pm_zone *z)
{
	return strlen(z->blocks);
}

/* The kind most of blocks [first, first + n) have (ties: the first). */
static enum ms_pm_kind cell_kind(const struct ms_pm_zone *z, uint64_t first,
				 uint64_t n)
{
	uint64_t c[MS_PK_N + 1] = { 0 }, end = first + n, all = nr_blocks(z);
	int best = 0;

	for (uint64_t i = first; i < end && i < all; i++)
		c[ms_pm_kind_by_letter(z->blocks[i])]++;
	for (int k = 1; k < MS_PK_N; k++)
		if (c[k] > c[best])
			best = k;
	return (enum ms_pm_kind)best;
}

void ms_map_cell(WINDOW *w, int y, int x, enum ms_pm_kind k, bool cursor)
{
	attr_t a = ms_attr(kind_color[k]);

	if (cursor)
		a = ms_attr(MS_C_SELECTION) | A_BOLD | A_UNDERLINE;
	mvwaddch(w, y, x, (chtype)(unsigned char)ms_pm_letter[k] | a);
}

/* The grid's geometry in r: cells a row, rows, blocks a cell. */
struct grid {
	int x, y, cols, rows;
	uint64_t bpc, cells;
};

static struct grid layout(struct map_screen *m, const struct ms_pm_zone *z,
			  struct ms_rect r)
{
	struct grid g = { .x = r.x, .y = r.y, .cols = r.w, .rows = r.h };
	uint64_t n = nr_blocks(z), room;

	if (r.w >= 40) {
		g.x += GUTTER;
		g.cols -= GUTTER;
	}
	if (g.cols < 1)
		g.cols = 1;
	if (g.rows < 1)
		g.rows = 1;
	room = (uint64_t)g.cols * (uint64_t)g.rows;
	g.bpc = m->bpc ? m->bpc : (n + room - 1) / room;
	if (!g.bpc)
		g.bpc = 1;
	g.cells = (n + g.bpc - 1) / g.bpc;
	if (m->cur >= n)
		m->cur = n ? n - 1 : 0;
	/* the cursor's row on screen */
	{
		uint64_t row = m->cur / g.bpc / (uint64_t)g.cols;

		if (row < m->top)
			m->top = row;
		if (row >= m->top + (uint64_t)g.rows)
			m->top = row - (uint64_t)g.rows + 1;
		if (g.cells <= room)
			m->top = 0;
	}
	m->shown = g.bpc;
	m->cols = g.cols;
	m->rows = g.rows;
	return g;
}

/* A physical address as "1.5G" or "640M", for the gutter. */
static void addr(char *buf, size_t len, uint64_t pfn, uint64_t ps)
{
	uint64_t mib = pfn * ps >> 20;

	if (mib >= 1024)
		snprintf(buf, len, "%5.1fG", (double)mib / 1024);
	else
		snprintf(buf, len, "%5lluM", (unsigned long long)mib);
}

static uint64_t block_pfn(const struct ms_pm_zone *z, uint64_t i)
{
	uint64_t bp = z->pageblock_pages, pfn = (z->start_pfn / bp + i) * bp;

	return pfn < z->start_pfn ? z->start_pfn : pfn;
}

static void draw_grid(WINDOW *w, const struct buddy_view *b,
		      const struct ms_pm_zone *z, const struct grid *g)
{
	const struct map_screen *m = &b->map;
	const struct ms_ui *ui = b->base.ui;
	uint64_t cur = m->cur / g->bpc, lo, hi;
	bool heat = ms_map_heat(b);

	for (int row = 0; row < g->rows; row++) {
		uint64_t first = (m->top + (uint64_t)row) * (uint64_t)g->cols;
		char a[16];

		if (first >= g->cells)
			break;
		if (g->x > 0) {
			addr(a, sizeof(a), block_pfn(z, first * g->bpc),
			     page_size(b->cur));
			ms_put(w, g->y + row, g->x - GUTTER, GUTTER, MS_LEFT,
			       true, ms_attr(MS_C_DIM), a);
		}
		for (int c = 0; c < g->cols && first + (uint64_t)c < g->cells;
		     c++) {
			uint64_t i = first + (uint64_t)c;

			if (heat) {
				ms_pm_bytes(z, i * g->bpc, g->bpc,
					    page_size(b->cur), &lo, &hi);
				ms_map_heat_cell(w, g->y + row, g->x + c, b, lo,
						 hi, i == cur);
				continue;
			}
			ms_map_grid_cell(w, g->y + row, g->x + c,
					 cell_kind(z, i * g->bpc, g->bpc),
					 ms_map_cell_type(z, i * g->bpc,
							  g->bpc),
					 m->types, i == cur);
		}
	}
	ms_explain_mark(w, g->y, g->x, g->cols, ui,
			heat ? "buddy.map.access" : "buddy.map.blocks");
}

/* The title: zone, blocks, zoom, progress, each marked for explain. */
static void draw_title(WINDOW *w, struct ms_rect r, const struct buddy_view *b,
		       const struct ms_pm_zone *z, const struct grid *g)
{
	const struct ms_physmap *pm = &b->cur->physmap;
	char zt[96], zm[80], pr[48], kb[16];
	int x = r.x, n;

	snprintf(zt, sizeof(zt), "Node %d, zone %s: %llu blocks of %s", z->node,
		 z->zone, (unsigned long long)nr_blocks(z),
		 ms_fmt_kb(kb, sizeof(kb),
			   z->pageblock_pages * page_size(b->cur) / 1024));
	if (b->map.pages)
		snprintf(zm, sizeof(zm), "  block %llu's pages (o back)",
			 (unsigned long long)b->map.cur);
	else
		snprintf(zm, sizeof(zm), "  %llu a cell%s%s%s",
			 (unsigned long long)g->bpc, b->map.bpc ? "" : " (fit)",
			 b->map.types && z->migratetypes ? ", types" : "",
			 ms_map_heat_title(b));
	if (pm->progress < 1)
		snprintf(pr, sizeof(pr), "  pass %.0f%%", 100 * pm->progress);
	else
		pr[0] = '\0';
	mvwhline(w, r.y, r.x, ' ' | ms_attr(MS_C_TITLE), r.w);
	n = ms_put(w, r.y, x, r.w, MS_LEFT, false, ms_attr(MS_C_TITLE), zt);
	ms_explain_mark(w, r.y, x, n, b->base.ui, "buddy.map.zone");
	x += n;
	n = ms_put(w, r.y, x, r.x + r.w - x, MS_LEFT, false,
		   ms_attr(MS_C_TITLE), zm);
	ms_explain_mark(w, r.y, x, n, b->base.ui, "buddy.map.zoom");
	x += n;
	n = ms_put(w, r.y, x, r.x + r.w - x, MS_LEFT, false,
		   ms_attr(MS_C_TITLE), pr);
	if (pr[0])
		ms_explain_mark(w, r.y, x, n, b->base.ui, "buddy.map.progress");
}

/* The pages of the cursor's cell by census kind, and its free blocks. */
struct sums {
	uint64_t kind[MS_CK_N], free[MS_CK_ORDERS], pins[MS_CK_N];
	uint64_t blocks, movable; /* blocks with pages read, of them pin-free */
	bool pages; /* the sample has the blocks' pages (live) */
};

static void add_up(const struct ms_pm_zone *z, uint64_t first, uint64_t n,
		   struct sums *s)
{
	memset(s, 0, sizeof(*s));
	s->pages = z->nr_bk > 0;
	for (uint64_t i = first; i < first + n && i < (uint64_t)z->nr_bk; i++) {
		const struct ms_census_block *k = &z->bk[i];
		uint32_t pins[MS_CK_N];

		if (!k->pages)
			continue;
		s->blocks++;
		if (!ms_pm_pinned(k, pins) && k->pages == z->pageblock_pages)
			s->movable++;
		for (int c = 0; c < MS_CK_N; c++) {
			s->kind[c] += k->kind[c];
			s->pins[c] += pins[c];
		}
		for (int o = 0; o < MS_CK_ORDERS; o++)
			s->free[o] += k->free_order[o];
	}
}

/* "name N" of the nonzero v[] after what, into buf at len. */
static void list(char *buf, size_t len, const char *what, const uint64_t *v,
		 int n, const char *const *names)
{
	size_t at = (size_t)snprintf(buf, len, "%s", what);

	for (int i = 0; i < n && at < len; i++)
		if (v[i])
			at += (size_t)snprintf(buf + at, len - at, " %s %llu",
					       names[i],
					       (unsigned long long)v[i]);
}

static void draw_detail(WINDOW *w, struct ms_rect r, const struct buddy_view *b,
			const struct ms_pm_zone *z, const struct grid *g)
{
	const struct ms_ui *ui = b->base.ui;
	uint64_t first = b->map.cur / g->bpc * g->bpc, n = g->bpc, last;
	static const char *const orders[MS_CK_ORDERS] = { "o0", "o1",  "o2",
							  "o3", "o4",  "o5",
							  "o6", "o7",  "o8",
							  "o9", "o10", "o11+" };
	char buf[512], mt[256];
	struct sums s;
	enum ms_pm_kind k;
	bool heat = ms_map_heat(b);

	if (first + n > nr_blocks(z))
		n = nr_blocks(z) - first;
	last = (z->start_pfn / z->pageblock_pages + first + n) *
		       z->pageblock_pages -
	       1;
	k = cell_kind(z, first, n);
	ms_map_type_detail(mt, sizeof(mt), z, first, n);
	if (n == 1)
		snprintf(buf, sizeof(buf),
			 "block %llu  pfn %#llx-%#llx  %c %s%s",
			 (unsigned long long)first,
			 (unsigned long long)block_pfn(z, first),
			 (unsigned long long)last, ms_pm_letter[k],
			 ms_pm_kind_names[k], mt);
	else
		snprintf(buf, sizeof(buf),
			 "blocks %llu-%llu  pfn %#llx-%#llx  mostly %c %s%s",
			 (unsigned long long)first,
			 (unsigned long long)(first + n - 1),
			 (unsigned long long)block_pfn(z, first),
			 (unsigned long long)last, ms_pm_letter[k],
			 ms_pm_kind_names[k], mt);
	ms_put(w, r.y, r.x, r.w, MS_LEFT, true, ms_attr(MS_C_NORMAL), buf);
	ms_explain_mark(w, r.y, r.x, r.w, ui, "buddy.map.cursor");
	if (heat) { /* its accesses, then its pages by kind */
		ms_map_heat_detail(w, (struct ms_rect){ r.y + 1, r.x, 2, r.w },
				   b, z, first, n);
		r.y += 2;
	}
	add_up(z, first, n, &s);
	if (!s.pages) {
		ms_put(w, r.y + 1, r.x, r.w, MS_LEFT, true, ms_attr(MS_C_DIM),
		       "pages by kind: not in a recording (its blocks' "
		       "letters only)");
		return;
	}
	if (!s.blocks) {
		ms_put(w, r.y + 1, r.x, r.w, MS_LEFT, true, ms_attr(MS_C_DIM),
		       "not read yet: the census's pass has not come here");
		return;
	}
	list(buf, sizeof(buf), "pages:", s.kind, MS_CK_N, page_label);
	ms_put(w, r.y + 1, r.x, r.w, MS_LEFT, true, ms_attr(MS_C_NORMAL), buf);
	ms_explain_mark(w, r.y + 1, r.x, r.w, ui, "buddy.map.cursor");
	if (heat)
		return;
	list(buf, sizeof(buf), "free blocks:", s.free, MS_CK_ORDERS, orders);
	if (!strcmp(buf, "free blocks:"))
		snprintf(buf, sizeof(buf), "free blocks: none");
	ms_put(w, r.y + 2, r.x, r.w, MS_LEFT, true, ms_attr(MS_C_NORMAL), buf);
	ms_explain_mark(w, r.y + 2, r.x, r.w, ui, "buddy.map.free_orders");
	if (n == 1 && s.movable) {
		snprintf(buf, sizeof(buf),
			 "order 9: yes, every page free or movable");
	} else if (n == 1) {
		list(buf, sizeof(buf), "order 9: no, pinned by", s.pins,
		     MS_CK_N, page_label);
		if (!strcmp(buf, "order 9: no, pinned by"))
			snprintf(buf, sizeof(buf),
				 "order 9: no, the zone's edge cuts the block");
	} else {
		char pins[400];

		list(pins, sizeof(pins), "", s.pins, MS_CK_N, page_label);
		snprintf(buf, sizeof(buf), "order 9: %llu of %llu blocks%s%s",
			 (unsigned long long)s.movable,
			 (unsigned long long)s.blocks, pins[0] ? "; pins:" : "",
			 pins);
	}
	ms_put(w, r.y + 3, r.x, r.w, MS_LEFT, true,
	       ms_attr(s.movable ? MS_C_OK : MS_C_WARNING), buf);
	ms_explain_mark(w, r.y + 3, r.x, r.w, ui, "buddy.map.order9");
}

/* The kinds the zone has, with their blocks, as many as fit in h rows. */
static void draw_legend(WINDOW *w, struct ms_rect r, const struct buddy_view *b,
			const struct ms_pm_zone *z)
{
	int x = r.x, y = r.y;

	for (int k = 0; k < MS_PK_N; k++) {
		char t[32];
		int n;

		if (!z->counts[k])
			continue;
		n = snprintf(t, sizeof(t), " %s %llu  ", ms_pm_kind_labels[k],
			     (unsigned long long)z->counts[k]);
		if (x + 1 + n > r.x + r.w) {
			x = r.x;
			if (++y >= r.y + r.h)
				return;
		}
		ms_map_cell(w, y, x, (enum ms_pm_kind)k, false);
		ms_put(w, y, x + 1, n, MS_LEFT, false, ms_attr(MS_C_NORMAL), t);
		ms_explain_mark(w, y, x, n - 1, b->base.ui, kind_ids[k]);
		x += 1 + n;
	}
}

static void map_draw(struct ms_drill *d, WINDOW *w, struct ms_rect r)
{
	struct buddy_view *b = BV(d->v);
	const struct ms_pm_zone *z = map_zone(b);
	/* the kinds on one line or two, the migrate types on one */
	int legend = b->map.nolegend ? 0 : r.w >= 100 ? 2 : 3;
	struct ms_rect gr = r;
	struct grid g;
	char why[160];

	if (!z) {
		if (b->cur && !(b->cur->have & MS_SEC_BIT(MS_SEC_PHYSMAP)))
			ms_why_missing(why, sizeof(why), b->cur,
				       MS_SEC_PHYSMAP);
		else
			snprintf(why, sizeof(why),
				 "node %d zone %s has no map in this sample",
				 b->map.node, b->map.zone);
		ms_message(w, r, ms_attr(MS_C_NOTE), why);
		return;
	}
	if (r.h < 1 + DETAIL + legend + 2)
		legend = 0;
	gr.y += 1;
	gr.h -= 1 + DETAIL + legend;
	b->map.width = r.w;
	if (b->map.pages) {
		/* one block, its pages above its detail */
		struct map_screen one = b->map;

		one.bpc = 1;
		g = layout(&one, z, gr);
		g.rows = ms_map_pages_draw(w, gr, b, block_pfn(z, one.cur),
					   z->pageblock_pages);
		gr.h = g.rows;
	} else {
		g = layout(&b->map, z, gr);
		draw_grid(w, b, z, &g);
	}
	draw_title(w, r, b, z, &g);
	draw_detail(w, (struct ms_rect){ gr.y + gr.h, r.x, DETAIL, r.w }, b, z,
		    &g);
	if (legend && ms_map_heat(b)) {
		ms_map_heat_legend(w,
				   (struct ms_rect){ gr.y + gr.h + DETAIL, r.x,
						     legend, r.w },
				   b, z);
	} else if (legend) {
		draw_legend(w,
			    (struct ms_rect){ gr.y + gr.h + DETAIL, r.x,
					      legend - 1, r.w },
			    b, z);
		ms_map_types_draw(
			w, (struct ms_rect){ r.y + r.h - 1, r.x, 1, r.w }, b,
			z);
	}
}

/* Zones with a map in this sample: the one after (or before) the shown. */
static void next_zone(struct buddy_view *b, int dir)
{
	const struct ms_physmap *m = &b->cur->physmap;
	int at = -1;

	for (int i = 0; i < m->nr_zones; i++)
		if (m->zones[i].node == b->map.node &&
		    !strcmp(m->zones[i].zone, b->map.zone))
			at = i;
	if (!m->nr_zones)
		return;
	at = (at + dir + m->nr_zones) % m->nr_zones;
	b->map.node = m->zones[at].node;
	snprintf(b->map.zone, sizeof(b->map.zone), "%s", m->zones[at].zone);
	b->map.cur = b->map.top = 0;
}

static enum ms_key_result map_key(struct ms_drill *d, int key)
{
	struct buddy_view *b = BV(d->v);
	struct map_screen *m = &b->map;
	uint64_t bpc = m->shown ? m->shown : 1;
	uint64_t row = bpc * (uint64_t)(m->cols > 0 ? m->cols : 1);
	uint64_t page = row * (uint64_t)(m->rows > 0 ? m->rows : 1);

	if (m->pages && ms_map_pages_key(b, key) != MS_KEY_PASS)
		return m->pages ? MS_KEY_DONE : MS_KEY_RESAMPLE;
	switch (key) {
	case KEY_LEFT:
		m->cur = m->cur >= bpc ? m->cur - bpc : 0;
		break;
	case KEY_RIGHT:
		m->cur += bpc;
		break;
	case KEY_UP:
		m->cur = m->cur >= row ? m->cur - row : m->cur % row;
		break;
	case KEY_DOWN:
		m->cur += row;
		break;
	case KEY_PPAGE:
		m->cur = m->cur >= page ? m->cur - page : 0;
		break;
	case KEY_NPAGE:
		m->cur += page;
		break;
	case KEY_HOME:
		m->cur = 0;
		break;
	case KEY_END:
		m->cur = UINT64_MAX / 2;
		break;
	case 'i': /* zoom in: half the blocks a cell, then the pages */
		if (bpc == 1 && !m->pages) {
			m->pages = true;
			m->pcur = 0;
			return MS_KEY_RESAMPLE;
		}
		m->bpc = bpc > 1 ? bpc / 2 : 1;
		break;
	case 'o': /* zoom out */
		m->bpc = bpc * 2;
		break;
	case 'f':
		m->bpc = 0;
		break;
	case 'l':
		m->nolegend = !m->nolegend;
		break;
	case 't': /* the cells' letters: migrate types or kinds */
		m->types = !m->types;
		m->heat = false;
		break;
	case 'a': /* the cells' colours: DAMON's accesses or kinds */
		return ms_map_heat_key(b);
	case '[':
	case ']':
		if (b->cur)
			next_zone(b, key == ']' ? 1 : -1);
		break;
	default:
		return MS_KEY_PASS;
	}
	return MS_KEY_DONE;
}

static enum ms_key_result map_open(struct ms_drill *d)
{
	struct buddy_view *b = BV(d->v);
	int row = ms_table_selected(&b->zones);

	if (row < 0)
		return MS_KEY_PASS;
	b->map.node = zone_at(b, row)->node;
	snprintf(b->map.zone, sizeof(b->map.zone), "%s", zone_at(b, row)->name);
	b->map.cur = b->map.top = 0;
	b->map.bpc = 0;
	return MS_KEY_RESAMPLE; /* the map is read from now on */
}

static void map_request(struct ms_drill *d, struct ms_request *req)
{
	struct buddy_view *b = BV(d->v);
	const struct ms_pm_zone *z = map_zone(b);

	if (b->map.pages && z) {
		req->physmap_pages = true;
		req->physmap_pfn = block_pfn(z, b->map.cur);
	}
	req->sections |= MS_SEC_BIT(MS_SEC_PHYSMAP);
	req->pagetypes = true; /* the zone's blocks per migrate type */
}

static void map_explain(struct ms_drill *d, struct ms_explain_ids *e)
{
	const struct ms_pm_zone *z = map_zone(BV(d->v));

	ms_explain_add(e, "buddy.map.zone");
	ms_explain_add(e, "buddy.map.zoom");
	ms_explain_add(e, "buddy.map.progress");
	ms_explain_add(e, "buddy.map.blocks");
	ms_explain_add(e, "buddy.map.cursor");
	ms_explain_add(e, "buddy.map.free_orders");
	ms_explain_add(e, "buddy.map.order9");
	ms_explain_add(e, "buddy.map.types");
	if (z && z->migratetypes) {
		ms_explain_add(e, "buddy.map.migratetypes");
		if (strchr(z->migratetypes, ms_pm_mt_letter[MS_PM_POLLUTED]))
			ms_explain_add(e, "buddy.map.polluted");
	}
	if (BV(d->v)->map.pages)
		ms_explain_add(e, "buddy.map.pages");
	if (ms_map_heat(BV(d->v))) {
		ms_explain_add(e, "buddy.map.access");
		ms_explain_add(e, "buddy.map.access_cursor");
		ms_explain_add(e, "buddy.map.access_levels");
	}
	for (int k = 0; z && k < MS_PK_N; k++)
		if (z->counts[k])
			ms_explain_add(e, kind_ids[k]);
}

const struct ms_drill_class ms_buddy_map_screen = {
	.name = "map",
	.open = map_open,
	.request = map_request,
	.draw = map_draw,
	.key = map_key,
	.hints = "arrows  i/o zoom  f fit  t types  a access  [/] zone  "
		 "l legend",
	.explain = map_explain,
};
