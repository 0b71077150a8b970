// SPDX-License-Identifier: GPL-2.0
/*
 * The map's access colouring (model/physheat.h): the regions of a paddr
 * monitoring over a block's bytes, weighted by what they share, with
 * regions covering a block in part, holes between them, zones starting
 * off 0 and inside a block, cells of several blocks; the levels and when
 * the regions cannot be used.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "model/physheat.h"
#include "probes/procfs/damon.h"

#define PS 4096

static struct ms_damon_mregion reg[4];

/* regions [lo, hi) with their accesses and ages, target "paddr" */
static void paddr(struct ms_damon *d, int n)
{
	memset(d, 0, sizeof(*d));
	snprintf(d->target, sizeof(d->target), "paddr");
	d->regions = reg;
	d->nr_regions = n;
}

static void set(int i, uint64_t lo, uint64_t hi, uint64_t acc, uint64_t age)
{
	reg[i] = (struct ms_damon_mregion){ lo, hi, acc, age };
}

/*
 * The figures of z's blocks [first, first + n) into h: their bytes start
 * at lo and end at hi, and regions of d overlap them
 */
static void cell(const struct ms_pm_zone *z, const struct ms_damon *d,
		 uint64_t first, uint64_t n, uint64_t lo, uint64_t hi,
		 int regions, struct ms_heat *h)
{
	uint64_t a, b;

	ms_pm_bytes(z, first, n, PS, &a, &b);
	assert_int_equal(a, lo);
	assert_int_equal(b, hi);
	ms_heat_of(d, a, b, h);
	assert_int_equal(h->regions, regions);
}

/*
 * A zone from pfn 1 (inside its first block, as a DMA zone) of four
 * blocks: block 0 half hot (20) half cold, a hole, block 1 half covered
 * by a region of 10 that goes on over block 2, block 3 not covered.
 */
static void zone_heat(void **state)
{
	struct ms_pm_zone z = { .start_pfn = 1, .pageblock_pages = 512 };
	struct ms_damon d;
	struct ms_heat h;
	uint64_t c[MS_HEAT_N];

	(void)state;
	z.blocks = (char[]){ "...." };
	set(0, 0x1000, 0x100000, 20, 5);
	set(1, 0x100000, 0x200000, 0, 50);
	set(2, 0x300000, 0x600000, 10, 7);
	paddr(&d, 3);
	assert_int_equal(ms_heat_usable(&d), 0);
	/* block 0 from the zone's first page, not from pfn 0 */
	cell(&z, &d, 0, 1, 0x1000, 0x200000, 2, &h);
	assert_int_equal(h.bytes, 0x1ff000);
	assert_int_equal(h.span, 0x1ff000);
	/* 20 over 0xff000 bytes, 0 over 0x100000: just under 10 */
	assert_true(h.acc > 9.97 && h.acc < 10);
	assert_int_equal(h.acc_min, 0);
	assert_int_equal(h.acc_max, 20);
	assert_int_equal(h.age_min, 5);
	assert_int_equal(h.age_max, 50);
	assert_int_equal(ms_heat_level(&h, MS_DAMON_OWN_MAX_ACC), MS_HEAT_WARM);
	/* block 1: its first half a hole, its second in region 2 */
	cell(&z, &d, 1, 1, 0x200000, 0x400000, 1, &h);
	assert_int_equal(h.bytes, 0x100000);
	assert_int_equal(h.span, 0x200000);
	assert_true(h.acc == 10);
	assert_int_equal(ms_heat_level(&h, MS_DAMON_OWN_MAX_ACC), MS_HEAT_HOT);
	/* block 3: no region */
	cell(&z, &d, 3, 1, 0x600000, 0x800000, 0, &h);
	assert_int_equal(h.bytes, 0);
	assert_int_equal(ms_heat_level(&h, MS_DAMON_OWN_MAX_ACC), MS_HEAT_NONE);
	/* zoomed out: blocks 0 and 1 one cell, weighted by bytes */
	cell(&z, &d, 0, 2, 0x1000, 0x400000, 3, &h);
	assert_int_equal(h.bytes, 0x2ff000);
	assert_true(
		h.acc > (20.0 * 0xff000 + 10.0 * 0x100000) / 0x2ff000 - 1e-9 &&
		h.acc < (20.0 * 0xff000 + 10.0 * 0x100000) / 0x2ff000 + 1e-9);
	assert_int_equal(h.age_max, 50);
	/* the whole zone one cell: region 2's part past block 2 too */
	cell(&z, &d, 0, 4, 0x1000, 0x800000, 3, &h);
	assert_int_equal(h.bytes, 0x1ff000 + 0x300000);
	/* the legend's counts: each block on its own */
	ms_heat_counts(&d, &z, PS, MS_DAMON_OWN_MAX_ACC, c);
	assert_int_equal(c[MS_HEAT_WARM], 1);
	assert_int_equal(c[MS_HEAT_HOT], 2);
	assert_int_equal(c[MS_HEAT_NONE], 1);
	assert_int_equal(c[MS_HEAT_COLD] + c[MS_HEAT_COOL], 0);
}

/* A zone at 1 GiB, on a block's edge; one page's range. */
static void zone_high(void **state)
{
	struct ms_pm_zone z = { .start_pfn = 0x40000, .pageblock_pages = 512 };
	struct ms_damon d;
	struct ms_heat h;

	(void)state;
	z.blocks = (char[]){ "aa" };
	/* a region of the zone below ends where this one starts */
	set(0, 0x1000, 0x40000000, 20, 1);
	set(1, 0x40000000, 0x40201000, 0, 3);
	set(2, 0x40201000, 0x80000000, 20, 9);
	paddr(&d, 3);
	cell(&z, &d, 0, 1, 0x40000000, 0x40200000, 1, &h);
	assert_true(h.acc == 0);
	assert_int_equal(ms_heat_level(&h, MS_DAMON_OWN_MAX_ACC), MS_HEAT_COLD);
	/* block 1: its first page (cold), the rest hot */
	cell(&z, &d, 1, 1, 0x40200000, 0x40400000, 2, &h);
	assert_int_equal(ms_heat_level(&h, 20), MS_HEAT_HOT);
	/* block 1's first page, then its second */
	ms_heat_of(&d, 0x40200000, 0x40201000, &h);
	assert_int_equal(h.regions, 1);
	assert_int_equal(h.age_min, 3);
	assert_int_equal(ms_heat_level(&h, 20), MS_HEAT_COLD);
	ms_heat_of(&d, 0x40201000, 0x40202000, &h);
	assert_int_equal(h.age_min, 9);
	assert_int_equal(ms_heat_level(&h, 20), MS_HEAT_HOT);
}

/* Cold under half an access, cool under a quarter, warm under half. */
static void levels(void **state)
{
	static const struct {
		double acc;
		enum ms_heat_level l;
	} t[] = {
		{ 0, MS_HEAT_COLD },   { 0.49, MS_HEAT_COLD },
		{ 0.5, MS_HEAT_COOL }, { 4.99, MS_HEAT_COOL },
		{ 5, MS_HEAT_WARM },   { 9.99, MS_HEAT_WARM },
		{ 10, MS_HEAT_HOT },   { 20, MS_HEAT_HOT },
	};
	struct ms_heat h = { .bytes = 1 };

	(void)state;
	assert_string_equal(ms_heat_letter, ".:+#_");
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		h.acc = t[i].acc;
		assert_int_equal(ms_heat_level(&h, 20), t[i].l);
	}
	h.bytes = 0;
	assert_int_equal(ms_heat_level(&h, 20), MS_HEAT_NONE);
	/* the kdamond memscope sets up: 5 ms samples, 100 ms aggregation */
	assert_int_equal(MS_DAMON_OWN_MAX_ACC, 20);
	assert_string_equal(MS_DAMON_MON_SAMPLE_US, "5000");
	assert_string_equal(MS_DAMON_MON_AGGR_US, "100000");
}

/* None, a process's, out of order, overlapping: not usable, and why. */
static void usable(void **state)
{
	struct ms_damon d;

	(void)state;
	memset(&d, 0, sizeof(d));
	assert_int_equal(ms_heat_usable(&d), -ENODATA);
	set(0, 0x1000, 0x2000, 1, 1);
	set(1, 0x2000, 0x3000, 1, 1);
	paddr(&d, 0);
	assert_int_equal(ms_heat_usable(&d), -ENODATA);
	paddr(&d, 2);
	snprintf(d.target, sizeof(d.target), "1234");
	assert_int_equal(ms_heat_usable(&d), -EMEDIUMTYPE);
	paddr(&d, 2);
	assert_int_equal(ms_heat_usable(&d), 0);
	set(1, 0x1800, 0x3000, 1, 1);
	assert_int_equal(ms_heat_usable(&d), -EINVAL);
	set(1, 0x0, 0x800, 1, 1);
	assert_int_equal(ms_heat_usable(&d), -EINVAL);
	set(1, 0x3000, 0x2000, 1, 1);
	assert_int_equal(ms_heat_usable(&d), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(zone_heat),
		cmocka_unit_test(zone_high),
		cmocka_unit_test(levels),
		cmocka_unit_test(usable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
