// SPDX-License-Identifier: GPL-2.0
/*
 * The Buddy area's derived figures on hand-made zones (model/frag.c): the
 * fragmentation indices against ones worked by hand from mm/vmstat.c,
 * hostile counts, and the watermark state.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/frag.h"
#include "model/snapshot.h"
#include "tests/unit/buddy_test.h"

static struct ms_zone *kat_zone(struct ms_buddy *b, const uint64_t *blocks,
				int n)
{
	struct ms_zone *z = ms_zone_add(b);

	assert_non_null(z);
	z->nr_orders = n;
	memcpy(z->free_blocks, blocks, (size_t)n * sizeof(*blocks));
	return z;
}

static void test_indices(void **state)
{
	static const uint64_t a[] = { 4, 0, 1 }; /* 8 pages, 5 blocks */
	static const uint64_t c[] = { 1, 1, 0 }; /* 3 pages, 2 blocks */
	static const uint64_t one[] = { 1, 0 }; /* a single page */
	static const int a_un[] = { 0, 500, 500 };
	static const int c_un[] = { 0, 333, 1000 };
	static const int c_ex[] = { -1000, -1000, 125 };
	static const int one_ex[] = { -1000, -500 };
	struct ms_buddy b = { 0 };
	struct ms_zone *z;

	kat_zone(&b, a, 3);
	kat_zone(&b, c, 3);
	kat_zone(&b, one, 2);
	ms_derive_buddy(&b);
	assert_int_equal(b.nr_orders, 3);

	z = &b.zones[0];
	assert_int_equal(z->free_pages, 8);
	assert_int_equal(z->largest_order, 2);
	assert_near(z->frag_index, 50.0);
	assert_milli(z->unusable, a_un, 3);
	assert_milli(z->extfrag, all_minus1, 3);
	assert_true(isnan(z->extfrag[3]));

	/* 1000 * 1 / 3 truncates to 333, like the kernel's div_u64 */
	z = &b.zones[1];
	assert_int_equal(z->free_pages, 3);
	assert_near(z->frag_index, 100.0 - 200.0 / 3);
	assert_milli(z->unusable, c_un, 3);
	assert_milli(z->extfrag, c_ex, 3);

	/* one free block: the kernel formula dips below 0 */
	assert_milli(b.zones[2].extfrag, one_ex, 2);
	assert_int_equal(b.zones[2].wstate, MS_WMARK_UNKNOWN);
	free(b.zones);
}

/*
 * Eleven orders, worked by hand from mm/vmstat.c's fill_contig_page_info(),
 * unusable_free_index() and __fragmentation_index() at the orders the
 * screen shows: 3 (costly) and 9 (pageblock); with the chapter's index
 * and whether it applies.
 */
static void test_indices_by_hand(void **state)
{
	/* this machine's healthy DMA32: the largest order is the top one */
	static const uint64_t dma32[] = { 1, 4, 2, 2, 1, 2, 1, 4, 4, 2, 752 };
	/* fragmented: nothing above order 4 */
	static const uint64_t frag[] = { 100, 50, 20, 10, 4, 0, 0, 0, 0, 0, 0 };
	struct ms_buddy b = { 0 };
	struct ms_zone *z;

	kat_zone(&b, dma32, 11);
	kat_zone(&b, frag, 11);
	kat_zone(&b, frag, 0); /* not in buddyinfo */
	ms_derive_buddy(&b);
	ms_derive_frag_applies(&b);

	/*
	 * free = 1 + 4*2 + 2*4 + 2*8 + 16 + 2*32 + 64 + 4*128 + 4*256 +
	 * 2*512 + 752*1024 = 772785 pages.
	 * Order 9: suitable = 2 + 752*2 = 1506 blocks = 771072 pages;
	 * unusable = (772785 - 771072) * 1000 / 772785 = 1713000 / 772785
	 * = 2 (0.002). Order 3: suitable = 2 + 1*2 + 2*4 + 1*8 + 4*16 +
	 * 4*32 + 2*64 + 752*128 = 96596 blocks = 772768 pages; unusable =
	 * 17000 / 772785 = 0. Extfrag: suitable blocks exist, -1000 (not
	 * applicable: the allocation would not fail).
	 */
	z = &b.zones[0];
	assert_int_equal(z->free_pages, 772785);
	assert_int_equal(z->largest_order, 10);
	assert_near(z->unusable[9], 0.002);
	assert_near(z->unusable[3], 0.0);
	assert_near(z->extfrag[9], -1.0);
	assert_near(z->extfrag[3], -1.0);
	/* 100 - 100 * 1024 / 772785 = 99.87 ...: it does not apply */
	assert_near(z->frag_index, 100.0 - 102400.0 / 772785);
	assert_int_equal(z->frag_applies, 0);

	/*
	 * free = 100 + 50*2 + 20*4 + 10*8 + 4*16 = 424 pages in 184
	 * blocks. Order 3: suitable = 10 + 4*2 = 18 blocks = 144 pages;
	 * unusable = 280 * 1000 / 424 = 660; extfrag -1000. Order 9: no
	 * suitable block; unusable 1000; extfrag = 1000 - (1000 + 424 *
	 * 1000 / 512) / 184 = 1000 - (1000 + 828) / 184 = 1000 - 9 = 991
	 * (fragmentation, not lack of memory). Order 5: 1000 - (1000 +
	 * 424000 / 32) / 184 = 1000 - 14250 / 184 = 1000 - 77 = 923.
	 */
	z = &b.zones[1];
	assert_int_equal(z->free_pages, 424);
	assert_int_equal(z->largest_order, 4);
	assert_near(z->unusable[3], 0.660);
	assert_near(z->extfrag[3], -1.0);
	assert_near(z->unusable[9], 1.0);
	assert_near(z->extfrag[9], 0.991);
	assert_near(z->extfrag[5], 0.923);
	assert_near(z->frag_index, 100.0 - 1600.0 / 424);
	assert_int_equal(z->frag_applies, 1);

	/* no counts: no index, neither applies nor not */
	assert_true(isnan(b.zones[2].frag_index));
	assert_int_equal(b.zones[2].frag_applies, -1);

	/* one free block, of the top order: does not apply either */
	memset(b.zones[1].free_blocks, 0, sizeof(b.zones[1].free_blocks));
	b.zones[1].free_blocks[10] = 1;
	ms_derive_buddy(&b);
	ms_derive_frag_applies(&b);
	assert_near(b.zones[1].frag_index, 0.0);
	assert_int_equal(b.zones[1].frag_applies, 0);
	free(b.zones);
}

static void test_hostile_counts(void **state)
{
	uint64_t big[MS_MAX_ORDER];
	struct ms_buddy b = { 0 };
	struct ms_zone *z;

	for (int i = 0; i < MS_MAX_ORDER; i++)
		big[i] = UINT64_MAX - 1;
	z = kat_zone(&b, big, MS_MAX_ORDER);
	z->nr_orders = 99; /* a broken backend */
	ms_derive_buddy(&b);
	assert_int_equal(z->free_pages, MS_NA - 1);
	assert_int_equal(z->largest_order, MS_MAX_ORDER - 1);
	for (int o = 0; o < MS_MAX_ORDER; o++) {
		assert_true(z->unusable[o] >= 0 && z->unusable[o] <= 1);
		assert_near(z->extfrag[o], -1);
	}
	free(b.zones);
}

static void test_wstate(void **state)
{
	static const struct {
		uint64_t free;
		enum ms_wmark_state want;
	} cases[] = {
		{ 0, MS_WMARK_MIN },   { 10, MS_WMARK_MIN },
		{ 11, MS_WMARK_LOW },  { 20, MS_WMARK_LOW },
		{ 21, MS_WMARK_HIGH }, { 30, MS_WMARK_HIGH },
		{ 31, MS_WMARK_OK },   { 100000, MS_WMARK_OK },
	};
	static const uint64_t blocks[] = { 3, 1 }; /* 5 pages */
	struct ms_buddy b = { 0 };
	struct ms_zone *z = kat_zone(&b, blocks, 2);

	z->wmark_min = 10;
	z->wmark_low = 20;
	z->wmark_high = 30;
	z->managed = 1000;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		z->zi_free = cases[i].free;
		ms_derive_buddy(&b);
		assert_int_equal(z->wstate, cases[i].want);
	}
	/* without zoneinfo's count, buddyinfo's sum (5) decides */
	z->zi_free = MS_NA;
	ms_derive_buddy(&b);
	assert_int_equal(z->wstate, MS_WMARK_MIN);
	z->wmark_low = MS_NA;
	ms_derive_buddy(&b);
	assert_int_equal(z->wstate, MS_WMARK_UNKNOWN);
	free(b.zones);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_indices),
		cmocka_unit_test(test_indices_by_hand),
		cmocka_unit_test(test_hostile_counts),
		cmocka_unit_test(test_wstate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
