// SPDX-License-Identifier: GPL-2.0
/*
 * The physical memory map coloured by access (a on the map): each cell's
 * level from the regions of memscope's own DAMON monitoring of physical
 * memory (W, --damon paddr; model/physheat.h), the cursor's access
 * figures, the levels' legend, and why not when the sample has none.
 */
#include "tui/tabs/buddy/buddy.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "model/physheat.h"

/* Cold to hot: the memory bar's blue, green, orange and red. */
static const enum ms_color heat_color[MS_HEAT_N] = {
	[MS_HEAT_COLD] = MS_C_MEM_FILE,	  [MS_HEAT_COOL] = MS_C_MEM_FREE,
	[MS_HEAT_WARM] = MS_C_MEM_KERNEL, [MS_HEAT_HOT] = MS_C_MEM_UNEXPLAINED,
	[MS_HEAT_NONE] = MS_C_DIM,
};

#define MAX MS_DAMON_OWN_MAX_ACC
#define AGGR_S (MS_DAMON_OWN_AGGR_US / 1e6)

bool ms_map_heat(const struct buddy_view *b)
{
	return b->map.heat && b->cur && !ms_heat_usable(&b->cur->damon);
}

static bool replayed(const struct ms_snapshot *s)
{
	const char *src = s->source[MS_SEC_PHYSMAP];

	return src && !strcmp(src, "replay");
}

enum ms_key_result ms_map_heat_key(struct buddy_view *b)
{
	const struct ms_snapshot *s = b->cur;
	int err = s ? ms_heat_usable(&s->damon) : -ENODATA;
	char *say = b->base.say, pid[4 * sizeof(s->damon.target)];
	size_t n = sizeof(b->base.say);

	if (b->map.heat || !err) {
		b->map.heat = !b->map.heat;
		b->map.types = false;
		return MS_KEY_DONE;
	}
	/* why not, in 60 columns (an 80-column footer), and what to do */
	if (err == -EMEDIUMTYPE)
		snprintf(say, n,
			 "a: DAMON monitors pid %s, not physical memory "
			 "(W: stop)",
			 ms_esc(pid, sizeof(pid), s->damon.target));
	else if (err == -EINVAL)
		snprintf(say, n,
			 "a: the recorded DAMON regions overlap or are out "
			 "of order");
	else if (!strcmp(s->damon.target, "paddr"))
		snprintf(say, n,
			 "a: no DAMON regions yet: a again after a sample");
	else if (replayed(s))
		snprintf(say, n,
			 "a: no DAMON paddr regions recorded (W while "
			 "recording)");
	else
		snprintf(say, n,
			 "a: access needs DAMON on physical memory: W starts "
			 "it");
	return MS_KEY_DONE;
}

void ms_map_heat_cell(WINDOW *w, int y, int x, const struct buddy_view *b,
		      uint64_t lo, uint64_t hi, bool cursor)
{
	struct ms_heat h;
	enum ms_heat_level l;
	attr_t a;

	ms_heat_of(&b->cur->damon, lo, hi, &h);
	l = ms_heat_level(&h, MAX);
	a = cursor ? ms_attr(MS_C_SELECTION) | A_BOLD | A_UNDERLINE :
		     ms_attr(heat_color[l]);
	mvwaddch(w, y, x, (chtype)(unsigned char)ms_heat_letter[l] | a);
}

/* "5" or "5-50" of the regions' lowest and highest. */
static void range(char *buf, size_t len, uint64_t lo, uint64_t hi)
{
	if (lo == hi)
		snprintf(buf, len, "%llu", (unsigned long long)lo);
	else
		snprintf(buf, len, "%llu-%llu", (unsigned long long)lo,
			 (unsigned long long)hi);
}

/* Its ages in seconds: "4.2 s" or "0.5-5.0 s". */
static void seconds(char *buf, size_t len, uint64_t lo, uint64_t hi)
{
	if (lo == hi)
		snprintf(buf, len, "%.1f s", (double)lo * AGGR_S);
	else
		snprintf(buf, len, "%.1f-%.1f s", (double)lo * AGGR_S,
			 (double)hi * AGGR_S);
}

/* The access figures of physical bytes [lo, hi), two lines. */
static void figures(WINDOW *w, struct ms_rect r, const struct buddy_view *b,
		    uint64_t lo, uint64_t hi)
{
	char buf[256], acc[48], age[48], sec[48];
	struct ms_heat h;
	enum ms_heat_level l;

	ms_heat_of(&b->cur->damon, lo, hi, &h);
	l = ms_heat_level(&h, MAX);
	if (!h.bytes) {
		ms_put(w, r.y, r.x, r.w, MS_LEFT, true, ms_attr(MS_C_DIM),
		       "access: not monitored (no DAMON region covers it)");
	} else {
		snprintf(buf, sizeof(buf),
			 "access: %s  %.1f of %d samples a %d ms "
			 "aggregation, %.0f%% monitored",
			 ms_heat_names[l], h.acc, MAX,
			 MS_DAMON_OWN_AGGR_US / 1000,
			 100.0 * (double)h.bytes / (double)h.span);
		ms_put(w, r.y, r.x, r.w, MS_LEFT, true, ms_attr(heat_color[l]),
		       buf);
		range(acc, sizeof(acc), h.acc_min, h.acc_max);
		range(age, sizeof(age), h.age_min, h.age_max);
		seconds(sec, sizeof(sec), h.age_min, h.age_max);
		snprintf(buf, sizeof(buf),
			 "regions: %d  nr_accesses %s  age %s (%s)", h.regions,
			 acc, age, sec);
		ms_put(w, r.y + 1, r.x, r.w, MS_LEFT, true,
		       ms_attr(MS_C_NORMAL), buf);
	}
	for (int i = 0; i < 2 && i < r.h; i++)
		ms_explain_mark(w, r.y + i, r.x, r.w, b->base.ui,
				"buddy.map.access_cursor");
}

void ms_map_heat_detail(WINDOW *w, struct ms_rect r, const struct buddy_view *b,
			const struct ms_pm_zone *z, uint64_t first, uint64_t n)
{
	uint64_t lo, hi;

	ms_pm_bytes(z, first, n, page_size(b->cur), &lo, &hi);
	figures(w, r, b, lo, hi);
}

void ms_map_heat_legend(WINDOW *w, struct ms_rect r, const struct buddy_view *b,
			const struct ms_pm_zone *z)
{
	uint64_t c[MS_HEAT_N];
	char t[48];
	int x = r.x, y = r.y;

	ms_heat_counts(&b->cur->damon, z, page_size(b->cur), MAX, c);
	for (int l = 0; l < MS_HEAT_N && r.h > 1; l++) {
		int n;

		if (l == MS_HEAT_NONE && !c[l])
			continue;
		n = snprintf(t, sizeof(t), " %s %llu  ", ms_heat_names[l],
			     (unsigned long long)c[l]);
		if (x + 1 + n > r.x + r.w) {
			x = r.x;
			if (++y >= r.y + r.h - 1)
				break;
		}
		mvwaddch(w, y, x,
			 (chtype)(unsigned char)ms_heat_letter[l] |
				 ms_attr(heat_color[l]));
		ms_put(w, y, x + 1, n, MS_LEFT, false, ms_attr(MS_C_NORMAL), t);
		x += 1 + n;
	}
	for (int i = r.y; i < y + 1 && r.h > 1; i++)
		ms_explain_mark(w, i, r.x, r.w, b->base.ui,
				"buddy.map.access_levels");
	{
		char buf[200];

		snprintf(buf, sizeof(buf),
			 "%c <0.5  %c <%g  %c <%g  %c %g-%d accesses a %d ms "
			 "aggregation, mean by bytes",
			 ms_heat_letter[MS_HEAT_COLD],
			 ms_heat_letter[MS_HEAT_COOL], MAX / 4.0,
			 ms_heat_letter[MS_HEAT_WARM], MAX / 2.0,
			 ms_heat_letter[MS_HEAT_HOT], MAX / 2.0, MAX,
			 MS_DAMON_OWN_AGGR_US / 1000);
		ms_put(w, r.y + r.h - 1, r.x, r.w, MS_LEFT, true,
		       ms_attr(MS_C_DIM), buf);
		ms_explain_mark(w, r.y + r.h - 1, r.x, r.w, b->base.ui,
				"buddy.map.access_levels");
	}
}

const char *ms_map_heat_title(const struct buddy_view *b)
{
	if (!b->map.heat)
		return "";
	return ms_map_heat(b) ? ", access" : ", access: none here (a off)";
}

int ms_map_heat_pages(WINDOW *w, struct ms_rect r, struct buddy_view *b,
		      uint64_t pfn, uint64_t bp, int cols, int gutter)
{
	uint64_t first = pfn / bp * bp, ps = page_size(b->cur);
	int rows = (int)((bp + (uint64_t)cols - 1) / (uint64_t)cols);
	char buf[96];

	if (b->map.pcur >= (int)bp)
		b->map.pcur = (int)bp - 1;
	for (int row = 0; row < rows && row < r.h - 3; row++) {
		snprintf(buf, sizeof(buf), "%#llx",
			 (unsigned long long)(first + (uint64_t)(row * cols)));
		ms_put(w, r.y + row, r.x, gutter, MS_LEFT, true,
		       ms_attr(MS_C_DIM), buf);
		for (int c = 0; c < cols && row * cols + c < (int)bp; c++) {
			uint64_t p = first + (uint64_t)(row * cols + c);

			ms_map_heat_cell(w, r.y + row, r.x + gutter + c, b,
					 p * ps, (p + 1) * ps,
					 row * cols + c == b->map.pcur);
		}
	}
	ms_explain_mark(w, r.y, r.x + gutter, cols, b->base.ui,
			"buddy.map.access");
	pfn = first + (uint64_t)b->map.pcur;
	snprintf(buf, sizeof(buf), "page %d  pfn %#llx", b->map.pcur,
		 (unsigned long long)pfn);
	ms_put(w, r.y + rows, r.x, r.w, MS_LEFT, true, ms_attr(MS_C_NORMAL),
	       buf);
	figures(w, (struct ms_rect){ r.y + rows + 1, r.x, 2, r.w }, b, pfn * ps,
		(pfn + 1) * ps);
	return rows + 3;
}
