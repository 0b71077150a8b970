// SPDX-License-Identifier: GPL-2.0
/*
 * The physical memory map's migrate types (memscope.ko's pageblock bits,
 * model/physmap.h): each cell's mark, the types view (t), the cursor's
 * type and what pollutes it, and the line of the zone's types.
 */
#include "tui/tabs/buddy/buddy.h"

#include <stdio.h>
#include <string.h>

/* Each migrate type's colour in the types view. */
static const enum ms_color mt_color[MS_PM_N] = {
	[MS_PM_UNMOVABLE] = MS_C_MEM_KERNEL,
	[MS_PM_MOVABLE] = MS_C_OK,
	[MS_PM_RECLAIMABLE] = MS_C_MEM_FILE,
	[MS_PM_HIGHATOMIC] = MS_C_MEM_RESERVED,
	[MS_PM_CMA] = MS_C_MEM_FREE,
	[MS_PM_ISOLATE] = MS_C_MEM_UNEXPLAINED,
	[MS_PM_POLLUTED] = MS_C_WARNING,
	[MS_PM_NONE] = MS_C_DIM,
};

enum ms_pm_mt ms_map_cell_type(const struct ms_pm_zone *z, uint64_t first,
			       uint64_t n)
{
	uint64_t c[MS_PM_N + 1] = { 0 }, all;
	int best = MS_PM_NONE;

	if (!z->migratetypes)
		return MS_PM_N;
	all = strlen(z->migratetypes);
	for (uint64_t i = first; i < first + n && i < all; i++)
		c[ms_pm_mt_by_letter(z->migratetypes[i])]++;
	/* one polluted block is what the cell is about */
	if (c[MS_PM_POLLUTED])
		return MS_PM_POLLUTED;
	for (int t = 0; t < MS_PM_N; t++)
		if (c[t] > c[best])
			best = t;
	return (enum ms_pm_mt)best;
}

void ms_map_grid_cell(WINDOW *w, int y, int x, enum ms_pm_kind k,
		      enum ms_pm_mt t, bool types, bool cursor)
{
	chtype ch = (unsigned char)ms_pm_letter[k];
	attr_t a;

	if (t >= MS_PM_N) { /* no types: the kind alone */
		ms_map_cell(w, y, x, k, cursor);
		return;
	}
	if (types) {
		ch = (unsigned char)ms_pm_mt_letter[t];
		a = ms_attr(mt_color[t]);
	} else {
		a = ms_attr(ms_map_kind_color(k));
	}
	/*
	 * The mark, which the mono theme keeps: polluted reversed, a type
	 * other than Movable underlined
	 */
	if (t == MS_PM_POLLUTED)
		a |= A_REVERSE | A_BOLD;
	else if (t != MS_PM_MOVABLE && t != MS_PM_NONE)
		a |= A_UNDERLINE;
	if (cursor)
		a = ms_attr(MS_C_SELECTION) | A_BOLD | A_UNDERLINE;
	mvwaddch(w, y, x, ch | a);
}

/* "name N" of the nonzero pins after what, into buf at len. */
static size_t pins_list(char *buf, size_t len, const uint64_t *pins)
{
	size_t at = 0;

	for (int k = 0; k < MS_CK_N && at < len; k++)
		if (pins[k])
			at += (size_t)snprintf(buf + at, len - at, " %s %llu",
					       ms_map_page_label(k),
					       (unsigned long long)pins[k]);
	return at;
}

void ms_map_type_detail(char *buf, size_t len, const struct ms_pm_zone *z,
			uint64_t first, uint64_t n)
{
	uint64_t c[MS_PM_N + 1] = { 0 }, pins[MS_CK_N] = { 0 }, all;
	size_t at;

	buf[0] = '\0';
	if (!z->migratetypes || !len)
		return;
	all = strlen(z->migratetypes);
	for (uint64_t i = first; i < first + n && i < all; i++) {
		enum ms_pm_mt t = ms_pm_mt_by_letter(z->migratetypes[i]);
		uint32_t p[MS_CK_N];

		c[t]++;
		if (t != MS_PM_POLLUTED || i >= (uint64_t)z->nr_bk)
			continue;
		ms_pm_unmovable(&z->bk[i], p);
		for (int k = 0; k < MS_CK_N; k++)
			pins[k] += p[k];
	}
	if (n == 1) {
		enum ms_pm_mt t = ms_pm_mt_by_letter(z->migratetypes[first]);

		at = (size_t)snprintf(buf, len, "  %s",
				      t == MS_PM_POLLUTED ?
					      "Movable, polluted" :
				      t < MS_PM_N ? ms_pm_mt_names[t] :
						    "?");
	} else {
		at = (size_t)snprintf(buf, len, "  types:");
		for (int t = 0; t < MS_PM_N && at < len; t++)
			if (c[t])
				at += (size_t)snprintf(
					buf + at, len - at, " %c %llu",
					ms_pm_mt_letter[t],
					(unsigned long long)c[t]);
	}
	if (c[MS_PM_POLLUTED] && at < len && z->nr_bk) {
		at += (size_t)snprintf(buf + at, len - at, " by");
		pins_list(buf + at, len - at, pins);
	}
}

/*
 * The zone's pageblocks per migrate type: from the module, each type's
 * mark and count (polluted apart); without it pagetypeinfo's counts and
 * why there are no types per block.
 */
void ms_map_types_draw(WINDOW *w, struct ms_rect r, const struct buddy_view *b,
		       const struct ms_pm_zone *pz)
{
	const struct ms_buddy *bd = &b->cur->buddy;
	const struct ms_zone *z = NULL;
	uint64_t c[MS_PM_N + 1] = { 0 };
	char buf[400];
	size_t at;
	const char *why;
	int x = r.x;

	if (pz->migratetypes) {
		for (const char *p = pz->migratetypes; *p; p++)
			c[ms_pm_mt_by_letter(*p)]++;
		x += ms_put(w, r.y, x, r.w, MS_LEFT, false, ms_attr(MS_C_DIM),
			    "types:");
		for (int t = 0; t < MS_PM_NONE; t++) {
			int n;

			if (!c[t])
				continue;
			n = snprintf(buf, sizeof(buf), " %s %llu ",
				     ms_pm_mt_names[t],
				     (unsigned long long)c[t]);
			if (x + 2 + n > r.x + r.w)
				break;
			x++;
			ms_map_grid_cell(w, r.y, x, MS_PK_FREE,
					 (enum ms_pm_mt)t, true, false);
			x += 1 + ms_put(w, r.y, x + 1, n, MS_LEFT, false,
					ms_attr(MS_C_NORMAL), buf);
		}
		ms_explain_mark(w, r.y, r.x, x - r.x, b->base.ui,
				"buddy.map.migratetypes");
		return;
	}
	for (int i = 0; i < bd->nr_zones; i++)
		if (bd->zones[i].node == pz->node &&
		    !strcmp(bd->zones[i].name, pz->zone))
			z = &bd->zones[i];
	at = (size_t)snprintf(buf, sizeof(buf), "types:");
	if (!z || !z->has_migrate || bd->pageblock_order < 0) {
		why = ms_note_why(b->cur, "pagetypeinfo");
		at += (size_t)snprintf(buf + at, sizeof(buf) - at, " %s",
				       why ? why : "not read for this zone");
	}
	for (int t = 0; z && z->has_migrate && bd->pageblock_order >= 0 &&
			t < bd->nr_migrate && at < sizeof(buf);
	     t++)
		if (ms_have(z->mt_pageblocks[t]) && z->mt_pageblocks[t])
			at += (size_t)snprintf(
				buf + at, sizeof(buf) - at, " %s %llu",
				bd->migrate[t],
				(unsigned long long)z->mt_pageblocks[t]);
	why = ms_note_why(b->cur, "migratetypes");
	if (at < sizeof(buf))
		snprintf(buf + at, sizeof(buf) - at, "; per block: %s",
			 why ? why : "not in this sample (memscope.ko)");
	ms_put(w, r.y, r.x, r.w, MS_LEFT, true, ms_attr(MS_C_DIM), buf);
	ms_explain_mark(w, r.y, r.x, r.w, b->base.ui, "buddy.map.types");
}
