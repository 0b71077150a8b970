// SPDX-License-Identifier: GPL-2.0
/*
 * The physical memory map's reader (probes/procfs/physmap.h): the census's
 * scanner hands each pageblock here too, which keeps the latest reading of
 * every block, so the map fills and refreshes within the census's budget.
 */
#include "probes/procfs/physmap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/field.h"

static bool same(const struct ms_pm_zone *z, const struct ms_census_zone *c,
		 uint64_t n)
{
	return z->node == c->node && !strcmp(z->zone, c->zone) &&
	       z->start_pfn == c->start_pfn && (uint64_t)z->nr_bk == n;
}

int ms_pm_zones(struct ms_physmap *pm, const struct ms_census *c, uint64_t bp)
{
	bool keep = pm->nr_zones == c->nr_zones;

	for (int i = 0; keep && i < c->nr_zones; i++)
		keep = same(&pm->zones[i], &c->zones[i],
			    ms_pm_nr_blocks(c->zones[i].start_pfn,
					    c->zones[i].spanned, bp));
	if (!keep) {
		ms_fields_free(ms_physmap_fields, pm);
		memset(pm, 0, sizeof(*pm));
	}
	for (int i = 0; i < c->nr_zones; i++) {
		const struct ms_census_zone *cz = &c->zones[i];
		uint64_t n = ms_pm_nr_blocks(cz->start_pfn, cz->spanned, bp);
		struct ms_pm_zone *z;

		if (keep) {
			z = &pm->zones[i];
			z->present = cz->present;
			z->managed = cz->managed;
			continue;
		}
		if (n > (1u << 30) || !(z = ms_physmap_zone_add(pm)))
			return -ENOMEM;
		z->node = cz->node;
		snprintf(z->zone, sizeof(z->zone), "%s", cz->zone);
		z->start_pfn = cz->start_pfn;
		z->pageblock_pages = bp;
		z->present = cz->present;
		z->managed = cz->managed;
		z->bk = calloc(n ? n : 1, sizeof(*z->bk));
		z->blocks = malloc(n + 1);
		if (!z->bk || !z->blocks)
			return -ENOMEM;
		z->nr_bk = z->cap_bk = (int)n;
		memset(z->blocks, ms_pm_letter[MS_PK_UNREAD], n);
		z->blocks[n] = '\0';
	}
	return 0;
}

void ms_pm_store(struct ms_physmap *pm, const struct ms_census_block *b)
{
	for (int i = 0; i < pm->nr_zones; i++) {
		struct ms_pm_zone *z = &pm->zones[i];
		uint64_t bp = z->pageblock_pages, at, first;
		struct ms_census_block *d;

		if (b->pfn < z->start_pfn)
			continue;
		at = ms_pm_index(z->start_pfn, bp, b->pfn);
		if (at >= (uint64_t)z->nr_bk)
			continue;
		d = &z->bk[at];
		first = b->pfn / bp * bp;
		if (first < z->start_pfn)
			first = z->start_pfn;
		if (!d->pages)
			pm->blocks_read++;
		/* a block cut in pieces (another zone's edge in it): added */
		if (b->pfn == first || !d->pages) {
			*d = *b;
			return;
		}
		d->pages += b->pages;
		d->thp += b->thp;
		for (int k = 0; k < MS_CK_N; k++)
			d->kind[k] += b->kind[k];
		for (int o = 0; o < MS_CK_ORDERS; o++)
			d->free_order[o] += b->free_order[o];
		return;
	}
}

int ms_pm_publish(struct ms_physmap *dst, const struct ms_physmap *pm,
		  double progress)
{
	dst->progress = progress;
	dst->blocks_read = pm->blocks_read;
	for (int i = 0; i < pm->nr_zones; i++) {
		const struct ms_pm_zone *s = &pm->zones[i];
		struct ms_pm_zone *z = ms_physmap_zone_add(dst);
		size_t n = (size_t)s->nr_bk;

		if (!z)
			return -ENOMEM;
		z->node = s->node;
		memcpy(z->zone, s->zone, sizeof(z->zone));
		z->start_pfn = s->start_pfn;
		z->pageblock_pages = s->pageblock_pages;
		z->present = s->present;
		z->managed = s->managed;
		z->blocks = strdup(s->blocks);
		z->bk = malloc((n ? n : 1) * sizeof(*z->bk));
		if (!z->blocks || !z->bk)
			return -ENOMEM;
		memcpy(z->bk, s->bk, n * sizeof(*z->bk));
		z->nr_bk = z->cap_bk = (int)n;
	}
	ms_physmap_finish(dst);
	return 0;
}
