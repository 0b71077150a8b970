// SPDX-License-Identifier: GPL-2.0
/*
 * memscope's own DAMON monitoring on the DAMON screen (W, --damon; a
 * recording of it replayed): the working set, an access heatmap of the
 * monitored memory over the last samples, the regions' ages, and the
 * regions themselves.
 */
#include "tui/tabs/reclaim/reclaim.h"

#include <stdio.h>
#include <string.h>

/* 0..20 accesses (the samples of one aggregation interval) as a glyph */
static const char heat[] = " .:-=+*#%@";
#define MAX_ACC MS_DAMON_OWN_MAX_ACC

/*
 * Row r of MS_HEAT_ROWS: the r-th slice of the monitored bytes (the
 * regions laid end to end, low address first), its accesses weighted by
 * the bytes of each region in it; 255 for none
 */
static void column(const struct ms_damon *d, unsigned char *col)
{
	uint64_t total = 0, at = 0;
	double sum[MS_HEAT_ROWS] = { 0 }, w[MS_HEAT_ROWS] = { 0 };

	for (int i = 0; i < d->nr_regions; i++)
		total += d->regions[i].end - d->regions[i].start;
	for (int i = 0; i < d->nr_regions && total; i++) {
		const struct ms_damon_mregion *g = &d->regions[i];
		uint64_t sz = g->end - g->start, end = at + sz;
		uint64_t acc = g->nr_accesses < MAX_ACC ? g->nr_accesses :
							  MAX_ACC;

		for (int r = 0; r < MS_HEAT_ROWS; r++) {
			/* the row's slice of [0, total) */
			double lo = (double)total * r / MS_HEAT_ROWS;
			double hi = (double)total * (r + 1) / MS_HEAT_ROWS;
			double o = (hi < end ? hi : (double)end) -
				   (lo > at ? lo : (double)at);

			if (o > 0) {
				sum[r] += o * (double)acc;
				w[r] += o;
			}
		}
		at = end;
	}
	for (int r = 0; r < MS_HEAT_ROWS; r++)
		col[r] = w[r] > 0 ? (unsigned char)(sum[r] / w[r] + 0.5) : 255;
}

void ms_damon_heat_feed(struct ms_damon_heat *h, const struct ms_damon *d)
{
	if (!d->target[0]) {
		h->n = 0;
		return;
	}
	if (strcmp(h->target, d->target)) { /* another target: start over */
		snprintf(h->target, sizeof(h->target), "%s", d->target);
		h->n = 0;
	}
	h->head = (h->head + 1) % MS_HEAT_COLS;
	column(d, h->v[h->head]);
	if (h->n < MS_HEAT_COLS)
		h->n++;
}

/* The address where row r's slice starts, in the latest sample */
static uint64_t row_addr(const struct ms_damon *d, int r)
{
	uint64_t total = 0, at = 0;

	for (int i = 0; i < d->nr_regions; i++)
		total += d->regions[i].end - d->regions[i].start;
	for (int i = 0; i < d->nr_regions; i++) {
		const struct ms_damon_mregion *g = &d->regions[i];
		uint64_t lo = (uint64_t)((double)total * r / MS_HEAT_ROWS);

		if (lo < at + (g->end - g->start))
			return g->start + (lo - at);
		at += g->end - g->start;
	}
	return 0;
}

static void heatmap(struct ms_screen *l, const struct ms_damon_heat *h,
		    const struct ms_damon *d)
{
	char cells[MS_HEAT_COLS + 1];

	ms_screen_tag(l, "damon.heatmap");
	ms_screen_linef(l, 0,
			"  access heatmap: monitored memory, low address first "
			"(rows) x the last %d sample(s), newest right",
			h->n);
	ms_screen_line(l, ms_attr(MS_C_DIM),
		       "  \" .:-=+*#%@\": 0 .. 20 accesses in the last 100 ms");
	for (int r = 0; r < MS_HEAT_ROWS; r++) {
		int k = 0;

		for (int c = MS_HEAT_COLS - h->n; c < MS_HEAT_COLS; c++) {
			int at = (h->head + 1 + c) % MS_HEAT_COLS;
			unsigned char x = h->v[at][r];

			cells[k++] =
				x == 255 ?
					' ' :
					heat[x * (sizeof(heat) - 2) / MAX_ACC];
		}
		cells[k] = '\0';
		ms_screen_linef(l, 0, "  %#14llx |%-*s|",
				(unsigned long long)row_addr(d, r),
				MS_HEAT_COLS, cells);
	}
}

/* Bytes by age: under 1 s, 10 s, 1 min, 10 min, and older (100 ms each) */
static void ages(struct ms_screen *l, const struct ms_damon *d)
{
	static const uint64_t upto[] = { 10, 100, 600, 6000, UINT64_MAX };
	static const char *const name[] = { "< 1 s", "1-10 s", "10 s-1 min",
					    "1-10 min", ">= 10 min" };
	uint64_t hot[5] = { 0 }, cold[5] = { 0 }, most = 1;
	char a[24], b[24], bar[32];

	for (int i = 0; i < d->nr_regions; i++) {
		const struct ms_damon_mregion *g = &d->regions[i];
		int k = 0;

		while (g->age >= upto[k])
			k++;
		if (g->nr_accesses)
			hot[k] += g->end - g->start;
		else
			cold[k] += g->end - g->start;
	}
	for (int k = 0; k < 5; k++)
		if (hot[k] + cold[k] > most)
			most = hot[k] + cold[k];
	ms_screen_tag(l, "damon.age_hist");
	ms_screen_line(l, 0,
		       "  age of the regions (how long their access level "
		       "held): bytes accessed / not");
	for (int k = 0; k < 5; k++) {
		int n = (int)((hot[k] + cold[k]) * 24 / most);

		memset(bar, '#', (size_t)n);
		bar[n] = '\0';
		ms_screen_linef(l, 0, "  %-10s %-24s %9s / %s", name[k], bar,
				ms_fmt_bytes(a, sizeof(a), hot[k]),
				ms_fmt_bytes(b, sizeof(b), cold[k]));
	}
}

void ms_damon_own_lines(struct ms_screen *l, const struct ms_damon *d,
			const struct ms_damon_heat *h)
{
	char a[24], t[4 * sizeof(d->target)], bar[24];

	ms_screen_tag(l, "damon.target");
	ms_screen_linef(l, ms_attr(MS_C_TITLE),
			"memscope's own monitoring of %s (W, --damon)",
			ms_esc(t, sizeof(t), d->target));
	ms_screen_tag(l, "damon.wss");
	ms_screen_linef(l, 0,
			"  working set %s: regions accessed in the last "
			"aggregation interval",
			ms_fmt_kb(a, sizeof(a), d->wss_kb));
	if (h && h->n)
		heatmap(l, h, d);
	ages(l, d);
	ms_screen_tag(l, "damon.mon_regions");
	for (int i = 0; i < d->nr_regions; i++) {
		const struct ms_damon_mregion *g = &d->regions[i];
		uint64_t n = g->nr_accesses < MAX_ACC ? g->nr_accesses :
							MAX_ACC;

		memset(bar, '#', n);
		memset(bar + n, '.', MAX_ACC - n);
		bar[MAX_ACC] = '\0';
		ms_screen_linef(l, n ? 0 : ms_attr(MS_C_DIM),
				"  %#14llx-%#-14llx %8s %s %2llu age %llu",
				(unsigned long long)g->start,
				(unsigned long long)g->end,
				ms_fmt_bytes(a, sizeof(a), g->end - g->start),
				bar, (unsigned long long)g->nr_accesses,
				(unsigned long long)g->age);
	}
}
