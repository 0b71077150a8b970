// SPDX-License-Identifier: GPL-2.0
/*
 * The physical memory map zoomed in to one pageblock (i at one block a
 * cell): its pages one by one, a letter each as the blocks have them, read
 * for this screen from /proc/kpageflags (the live reader's only), or
 * coloured by access (mapheat.c).
 */
#include "tui/tabs/buddy/buddy.h"

#include <stdio.h>
#include <string.h>

#define PGUTTER 9 /* "0x109400 " */

/* Pages a row: 64, or 32 on a narrow screen. */
static int page_cols(int w)
{
	return w >= 64 + PGUTTER ? 64 : 32;
}

int ms_map_pages_draw(WINDOW *w, struct ms_rect r, struct buddy_view *b,
		      uint64_t pfn, uint64_t bp)
{
	const struct ms_physmap *pm = &b->cur->physmap;
	int cols = page_cols(r.w),
	    rows = (int)((bp + (uint64_t)cols - 1) / (uint64_t)cols);
	uint64_t first = pfn / bp * bp;
	const char *why = NULL;
	char buf[96];

	if (ms_map_heat(b)) /* from DAMON's regions: no page flags needed */
		return ms_map_heat_pages(w, r, b, pfn, bp, cols, PGUTTER);
	if (!pm->pages)
		why = b->cur->source[MS_SEC_PHYSMAP] &&
				      !strcmp(b->cur->source[MS_SEC_PHYSMAP],
					      "replay") ?
			      "pages one by one: live only (a recording holds "
			      "each block's letter)" :
			      "reading the block's pages ...";
	else if (pm->page_pfn != first)
		why = "reading the block's pages ...";
	if (why) {
		ms_put(w, r.y, r.x, r.w, MS_LEFT, true, ms_attr(MS_C_NOTE),
		       why);
		return 1;
	}
	if (b->map.pcur >= (int)strlen(pm->pages))
		b->map.pcur = (int)strlen(pm->pages) - 1;
	for (int row = 0; row < rows && row < r.h - 1; row++) {
		snprintf(buf, sizeof(buf), "%#llx",
			 (unsigned long long)(first + (uint64_t)(row * cols)));
		ms_put(w, r.y + row, r.x, PGUTTER, MS_LEFT, true,
		       ms_attr(MS_C_DIM), buf);
		for (int c = 0; c < cols; c++) {
			int i = row * cols + c;
			enum ms_pm_kind k;

			if (!pm->pages[i])
				break;
			k = ms_pm_kind_by_letter(pm->pages[i]);
			ms_map_cell(w, r.y + row, r.x + PGUTTER + c,
				    k < MS_PK_N ? k : MS_PK_UNREAD,
				    i == b->map.pcur);
		}
	}
	ms_explain_mark(w, r.y, r.x + PGUTTER, cols, b->base.ui,
			"buddy.map.pages");
	{
		int i = b->map.pcur;
		enum ms_pm_kind k = ms_pm_kind_by_letter(pm->pages[i]);

		snprintf(buf, sizeof(buf), "page %d  pfn %#llx  %c %s", i,
			 (unsigned long long)(first + (uint64_t)i),
			 pm->pages[i], k < MS_PK_N ? ms_pm_kind_names[k] : "?");
		ms_put(w, r.y + rows, r.x, r.w, MS_LEFT, true,
		       ms_attr(MS_C_NORMAL), buf);
		ms_explain_mark(w, r.y + rows, r.x, r.w, b->base.ui,
				"buddy.map.pages");
	}
	return rows + 1;
}

enum ms_key_result ms_map_pages_key(struct buddy_view *b, int key)
{
	struct map_screen *m = &b->map;
	int cols = page_cols(m->width), n = 512;

	if (b->cur && b->cur->physmap.pages && !ms_map_heat(b))
		n = (int)strlen(b->cur->physmap.pages);
	switch (key) {
	case KEY_LEFT:
		m->pcur = m->pcur > 0 ? m->pcur - 1 : 0;
		break;
	case KEY_RIGHT:
		m->pcur = m->pcur + 1 < n ? m->pcur + 1 : m->pcur;
		break;
	case KEY_UP:
		m->pcur = m->pcur >= cols ? m->pcur - cols : m->pcur;
		break;
	case KEY_DOWN:
		m->pcur = m->pcur + cols < n ? m->pcur + cols : m->pcur;
		break;
	case KEY_HOME:
		m->pcur = 0;
		break;
	case KEY_END:
		m->pcur = n - 1;
		break;
	case 'o':
	case 27: /* back to the blocks */
		m->pages = false;
		return MS_KEY_RESAMPLE;
	default:
		return MS_KEY_PASS;
	}
	return MS_KEY_DONE;
}
