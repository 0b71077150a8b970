// SPDX-License-Identifier: GPL-2.0
/*
 * Fragmentation of buddy zones: the seed chapter's index (appendix D) and
 * the kernel's unusable free space and external fragmentation indices.
 */
#include "model/frag.h"

#include <math.h>

typedef unsigned __int128 u128; /* hostile counts must not overflow */

/*
 * The kernel's struct contig_page_info and the three functions below
 * follow mm/vmstat.c of torvalds/linux at commit 00c010e130e5 (6.16-era,
 * NR_PAGE_ORDERS; unchanged in substance since 2.6.35): the same integer
 * arithmetic, so our values equal /sys/kernel/debug/extfrag/{unusable_index,
 * extfrag_index} to the last printed digit.
 */
struct contig {
	u128 free_pages, blocks_total, blocks_suitable;
};

static void fill_contig(const struct ms_zone *z, int nr_orders, int suitable,
			struct contig *c)
{
	c->free_pages = c->blocks_total = c->blocks_suitable = 0;
	for (int o = 0; o < nr_orders; o++) {
		u128 blocks = z->free_blocks[o];

		c->blocks_total += blocks;
		c->free_pages += blocks << o;
		if (o >= suitable)
			c->blocks_suitable += blocks << (o - suitable);
	}
}

/* 0..1000: share of free memory in blocks too small for the order. */
static int unusable_index(int order, const struct contig *c)
{
	if (!c->free_pages)
		return 1000;
	return (int)((c->free_pages - (c->blocks_suitable << order)) * 1000 /
		     c->free_pages);
}

/*
 * -1000 when a block of the order is free; else towards 0 when a failure
 * would be lack of memory, towards 1000 when it would be fragmentation.
 * As in the kernel, a zone with one single free block gives a value below
 * 0 (1000 - (1000 + free * 1000 / requested)).
 */
static int extfrag_index(int order, const struct contig *c)
{
	u128 requested = (u128)1 << order;

	if (!c->blocks_total)
		return 0;
	if (c->blocks_suitable)
		return -1000;
	return 1000 - (int)((1000 + c->free_pages * 1000 / requested) /
			    c->blocks_total);
}

static int zone_orders(const struct ms_zone *z)
{
	if (z->nr_orders < 0)
		return 0;
	return z->nr_orders > MS_MAX_ORDER ? MS_MAX_ORDER : z->nr_orders;
}

/* free_pages, largest_order and the seed's index 100 - 100*2^L/free. */
static void zone_free(struct ms_zone *z, int nr_orders)
{
	u128 sum = 0;

	z->largest_order = -1;
	z->free_pages = MS_NA;
	z->frag_index = NAN;
	if (!nr_orders)
		return; /* not in buddyinfo: unknown, not 0 */
	for (int o = 0; o < nr_orders; o++) {
		sum += (u128)z->free_blocks[o] << o;
		if (z->free_blocks[o])
			z->largest_order = o;
	}
	z->free_pages = sum < MS_NA ? (uint64_t)sum : MS_NA - 1;
	/* the seed computes it in integers; a double keeps the fraction */
	if (sum)
		z->frag_index =
			100.0 - 100.0 * (double)(1ULL << z->largest_order) /
					(double)sum;
}

static void zone_indices(struct ms_zone *z, int nr_orders)
{
	struct contig c;

	for (int o = 0; o < MS_MAX_ORDER; o++) {
		z->unusable[o] = z->extfrag[o] = NAN;
		if (o >= nr_orders)
			continue;
		fill_contig(z, nr_orders, o, &c);
		z->unusable[o] = unusable_index(o, &c) / 1000.0;
		z->extfrag[o] = extfrag_index(o, &c) / 1000.0;
	}
}

static enum ms_wmark_state wmark_state(const struct ms_zone *z)
{
	uint64_t free = ms_have(z->zi_free) ? z->zi_free : z->free_pages;

	if (!ms_have(free) || !ms_have(z->wmark_min) ||
	    !ms_have(z->wmark_low) || !ms_have(z->wmark_high))
		return MS_WMARK_UNKNOWN;
	/* an empty zone (Movable, Device) is under no watermark */
	if (z->managed == 0)
		return MS_WMARK_UNKNOWN;
	if (free <= z->wmark_min)
		return MS_WMARK_MIN;
	if (free <= z->wmark_low)
		return MS_WMARK_LOW;
	if (free <= z->wmark_high)
		return MS_WMARK_HIGH;
	return MS_WMARK_OK;
}

void ms_derive_buddy(struct ms_buddy *b)
{
	b->nr_orders = 0;
	for (int i = 0; i < b->nr_zones; i++) {
		struct ms_zone *z = &b->zones[i];
		int n = zone_orders(z);

		zone_free(z, n);
		zone_indices(z, n);
		z->wstate = wmark_state(z);
		if (n > b->nr_orders)
			b->nr_orders = n;
	}
}

/*
 * The chapter's index counts every free block but one of the largest order
 * as a fragment. When that order is the zone's top order no allocation can
 * fail for fragmentation, and the index only measures how much is free
 * (753 free order-10 blocks read 99.9 %): it does not apply.
 */
void ms_derive_frag_applies(struct ms_buddy *b)
{
	for (int i = 0; i < b->nr_zones; i++) {
		struct ms_zone *z = &b->zones[i];
		int n = zone_orders(z);

		if (isnan(z->frag_index) || z->largest_order < 0 || !n)
			z->frag_applies = -1;
		else
			z->frag_applies = z->largest_order < n - 1;
	}
}
