// SPDX-License-Identifier: GPL-2.0
/*
 * The physical memory map coloured by access (model/physheat.h): the
 * regions of memscope's paddr monitoring over a cell's bytes.
 */
#include "model/physheat.h"

#include <errno.h>
#include <string.h>

const char ms_heat_letter[MS_HEAT_N + 1] = ".:+#_";

const char *const ms_heat_names[MS_HEAT_N] = {
	[MS_HEAT_COLD] = "cold",	  [MS_HEAT_COOL] = "cool",
	[MS_HEAT_WARM] = "warm",	  [MS_HEAT_HOT] = "hot",
	[MS_HEAT_NONE] = "not monitored",
};

int ms_heat_usable(const struct ms_damon *d)
{
	if (!d->target[0] || !d->nr_regions)
		return -ENODATA;
	if (strcmp(d->target, "paddr"))
		return -EMEDIUMTYPE;
	/* ms_heat_of() searches them: in order, none over the next */
	for (int i = 0; i < d->nr_regions; i++)
		if (d->regions[i].end < d->regions[i].start ||
		    (i && d->regions[i].start < d->regions[i - 1].end))
			return -EINVAL;
	return 0;
}

/* The first region ending after lo (regions in order: their ends too). */
static int first_after(const struct ms_damon *d, uint64_t lo)
{
	int a = 0, b = d->nr_regions;

	while (a < b) {
		int m = a + (b - a) / 2;

		if (d->regions[m].end <= lo)
			a = m + 1;
		else
			b = m;
	}
	return a;
}

void ms_heat_of(const struct ms_damon *d, uint64_t lo, uint64_t hi,
		struct ms_heat *h)
{
	double sum = 0;

	memset(h, 0, sizeof(*h));
	h->span = hi > lo ? hi - lo : 0;
	for (int i = first_after(d, lo);
	     i < d->nr_regions && d->regions[i].start < hi; i++) {
		const struct ms_damon_mregion *g = &d->regions[i];
		uint64_t a = g->start > lo ? g->start : lo;
		uint64_t b = g->end < hi ? g->end : hi;

		if (b <= a)
			continue;
		if (!h->regions++) {
			h->acc_min = h->acc_max = g->nr_accesses;
			h->age_min = h->age_max = g->age;
		}
		if (g->nr_accesses < h->acc_min)
			h->acc_min = g->nr_accesses;
		if (g->nr_accesses > h->acc_max)
			h->acc_max = g->nr_accesses;
		if (g->age < h->age_min)
			h->age_min = g->age;
		if (g->age > h->age_max)
			h->age_max = g->age;
		h->bytes += b - a;
		sum += (double)(b - a) * (double)g->nr_accesses;
	}
	h->acc = h->bytes ? sum / (double)h->bytes : 0;
}

enum ms_heat_level ms_heat_level(const struct ms_heat *h, uint64_t max)
{
	double m = max ? (double)max : 1;

	if (!h->bytes)
		return MS_HEAT_NONE;
	if (h->acc < 0.5)
		return MS_HEAT_COLD;
	if (h->acc < m / 4)
		return MS_HEAT_COOL;
	if (h->acc < m / 2)
		return MS_HEAT_WARM;
	return MS_HEAT_HOT;
}

void ms_pm_bytes(const struct ms_pm_zone *z, uint64_t first, uint64_t n,
		 uint64_t ps, uint64_t *lo, uint64_t *hi)
{
	uint64_t bp = z->pageblock_pages ? z->pageblock_pages : 1;
	uint64_t base = z->start_pfn / bp, from = (base + first) * bp;

	if (from < z->start_pfn)
		from = z->start_pfn;
	*lo = from * ps;
	*hi = (base + first + n) * bp * ps;
}

void ms_heat_counts(const struct ms_damon *d, const struct ms_pm_zone *z,
		    uint64_t ps, uint64_t max, uint64_t counts[MS_HEAT_N])
{
	uint64_t n = z->blocks ? strlen(z->blocks) : 0, lo, hi;
	struct ms_heat h;

	memset(counts, 0, MS_HEAT_N * sizeof(counts[0]));
	for (uint64_t i = 0; i < n; i++) {
		ms_pm_bytes(z, i, 1, ps, &lo, &hi);
		ms_heat_of(d, lo, hi, &h);
		counts[ms_heat_level(&h, max)]++;
	}
}
