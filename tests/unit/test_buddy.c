// SPDX-License-Identifier: GPL-2.0
/*
 * The Buddy area: buddyinfo/pagetypeinfo/zoneinfo parsers on captured and
 * hand-made trees, the indices derived from them, and pagetypeinfo's pace.
 * The parsers on bad text: test_buddy_parse.c; the indices on hand-made
 * zones: test_frag.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "model/frag.h"
#include "model/snapshot.h"
#include "probes/procfs/buddy.h"
#include "probes/procfs/procfs.h"
#include "probes/root.h"
#include "tests/unit/buddy_test.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIX "tests/fixtures/"

/* Read a tree's three files like a sample does, then derive. */
static int load(const char *tree, struct ms_snapshot *s)
{
	struct ms_procfs pf = { 0 };
	struct ms_root r;
	int err;

	assert_int_equal(ms_root_open(&r, tree), 0);
	ms_snapshot_init(s);
	err = ms_procfs_buddy(&r, &pf, true, true, s);
	ms_derive_buddy(&s->buddy);
	ms_buf_free(&pf.buf);
	ms_buf_free(&pf.buf2);
	ms_root_close(&r);
	return err;
}

static struct ms_zone *zone(struct ms_snapshot *s, int node, const char *name)
{
	struct ms_zone *z = ms_zone_find(&s->buddy, node, name);

	if (!z)
		print_error("no zone %d %s\n", node, name);
	assert_non_null(z);
	return z;
}

static void assert_u64s(const uint64_t *got, const uint64_t *want, int n)
{
	for (int i = 0; i < n; i++) {
		if (got[i] != want[i])
			print_error("index %d\n", i);
		assert_int_equal(got[i], want[i]);
	}
}

static void assert_wmarks(const struct ms_zone *z, uint64_t min, uint64_t low,
			  uint64_t high)
{
	assert_int_equal(z->wmark_min, min);
	assert_int_equal(z->wmark_low, low);
	assert_int_equal(z->wmark_high, high);
}

/* In these captures every migrate type row adds up to buddyinfo. */
static void assert_types_add_up(const struct ms_buddy *b)
{
	for (int i = 0; i < b->nr_zones; i++) {
		const struct ms_zone *z = &b->zones[i];

		assert_int_equal(z->has_migrate, z->nr_orders > 0);
		for (int o = 0; o < z->nr_orders; o++) {
			uint64_t sum = 0;

			for (int t = 0; t < b->nr_migrate; t++)
				sum += z->mt_free[t][o];
			assert_int_equal(sum, z->free_blocks[o]);
		}
	}
}

/* ---- this machine, kernel 6.18 -------------------------------------- */

static void test_618_zones(void **state)
{
	static const char *const names[] = { "DMA", "DMA32", "Normal",
					     "Movable", "Device" };
	static const uint64_t dma[] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3 };
	static const uint64_t dma32[] = { 1, 2, 4, 2, 5, 4, 3, 3, 4, 2, 752 };
	static const uint64_t normal[] = { 2587, 1943, 1441, 889, 456, 242,
					   133,	 154,  125,  86,  369 };
	struct ms_snapshot s;

	assert_int_equal(load(FIX "debian12-6.18", &s), 0);
	assert_int_equal(s.nr_notes, 0);
	/* zoneinfo order, empty zones included */
	assert_int_equal(s.buddy.nr_zones, 5);
	for (int i = 0; i < 5; i++) {
		assert_int_equal(s.buddy.zones[i].node, 0);
		assert_string_equal(s.buddy.zones[i].name, names[i]);
	}
	assert_int_equal(s.buddy.nr_orders, 11);
	assert_int_equal(zone(&s, 0, "DMA")->nr_orders, 11);
	assert_u64s(zone(&s, 0, "DMA")->free_blocks, dma, 11);
	assert_u64s(zone(&s, 0, "DMA32")->free_blocks, dma32, 11);
	assert_u64s(zone(&s, 0, "Normal")->free_blocks, normal, 11);
	assert_int_equal(zone(&s, 0, "Movable")->nr_orders, 0);
	assert_int_equal(zone(&s, 0, "Device")->nr_orders, 0);
	ms_snapshot_free(&s);
}

static void test_618_pagetypeinfo(void **state)
{
	static const char *const types[] = { "Unmovable", "Movable",
					     "Reclaimable", "HighAtomic",
					     "Isolate" };
	static const uint64_t unmov[] = { 97, 211, 532, 355, 179, 91,
					  40, 15,  6,	0,   0 };
	static const uint64_t mov[] = { 1102, 1166, 648, 410, 230, 117,
					84,   132,  115, 86,  369 };
	static const uint64_t blocks[] = { 64, 1097, 55, 0, 0 };
	struct ms_snapshot s;
	struct ms_zone *z;

	assert_int_equal(load(FIX "debian12-6.18", &s), 0);
	assert_int_equal(s.buddy.pageblock_order, 9);
	assert_int_equal(s.buddy.nr_migrate, 5);
	for (int i = 0; i < 5; i++)
		assert_string_equal(s.buddy.migrate[i], types[i]);
	z = zone(&s, 0, "Normal");
	assert_true(z->has_migrate);
	assert_u64s(z->mt_free[0], unmov, 11);
	assert_u64s(z->mt_free[1], mov, 11);
	assert_u64s(z->mt_pageblocks, blocks, 5);
	assert_int_equal(zone(&s, 0, "DMA")->mt_free[0][8], 1);
	assert_int_equal(zone(&s, 0, "DMA32")->mt_pageblocks[1], 1528);
	assert_types_add_up(&s.buddy);
	assert_false(zone(&s, 0, "Movable")->has_migrate);
	ms_snapshot_free(&s);
}

static void test_618_zoneinfo(void **state)
{
	static const uint64_t prot[] = { 0, 3019, 5451, 5451, 5451 };
	struct ms_snapshot s;
	struct ms_zone *z;

	assert_int_equal(load(FIX "debian12-6.18", &s), 0);
	z = zone(&s, 0, "DMA");
	assert_int_equal(z->zi_free, 3840);
	assert_int_equal(z->boost, 0);
	assert_wmarks(z, 46, 57, 68);
	assert_int_equal(z->wmark_promo, 79);
	assert_int_equal(z->spanned, 4095);
	assert_int_equal(z->present, 3998);
	assert_int_equal(z->managed, 3840);
	assert_int_equal(z->cma, 0);
	assert_int_equal(z->nr_protection, 5);
	assert_u64s(z->protection, prot, 5);
	/* the per-cpu "high:" (5832) is not the watermark */
	assert_wmarks(zone(&s, 0, "DMA32"), 9332, 11665, 13998);
	z = zone(&s, 0, "Normal");
	assert_int_equal(z->zi_free, 516501);
	assert_wmarks(z, 7517, 9396, 11275);
	assert_int_equal(z->wmark_promo, 13154);
	assert_int_equal(z->spanned, 5505024);
	assert_int_equal(z->present, 5505024);
	assert_int_equal(z->managed, 622592);
	z = zone(&s, 0, "Movable");
	assert_wmarks(z, 32, 32, 32);
	assert_int_equal(z->present, 0);
	assert_int_equal(z->managed, 0);
	assert_int_equal(z->nr_protection, 5);
	assert_int_equal(zone(&s, 0, "Device")->spanned, 0);
	ms_snapshot_free(&s);
}

static void test_618_derived(void **state)
{
	static const int dma_un[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 66, 200 };
	static const int normal_un[] = { 0,  5,	 12,  23,  37, 51,
					 66, 83, 121, 183, 268 };
	struct ms_snapshot s;
	struct ms_zone *z;

	assert_int_equal(load(FIX "debian12-6.18", &s), 0);
	z = zone(&s, 0, "DMA");
	assert_int_equal(z->free_pages, 3840);
	assert_int_equal(z->largest_order, 10);
	assert_near(z->frag_index, 100.0 - 100.0 * 1024 / 3840);
	assert_milli(z->unusable, dma_un, 11);
	assert_milli(z->extfrag, all_minus1, 11);
	assert_true(isnan(z->unusable[11]));
	assert_int_equal(z->wstate, MS_WMARK_OK);
	z = zone(&s, 0, "Normal");
	assert_int_equal(z->free_pages, 516501);
	assert_near(z->frag_index, 100.0 - 100.0 * 1024 / 516501);
	assert_milli(z->unusable, normal_un, 11);
	assert_milli(z->extfrag, all_minus1, 11);
	assert_int_equal(zone(&s, 0, "DMA32")->free_pages, 772917);
	/* empty zones: nothing in buddyinfo, under no watermark */
	z = zone(&s, 0, "Movable");
	assert_int_equal(z->free_pages, MS_NA);
	assert_int_equal(z->largest_order, -1);
	assert_true(isnan(z->frag_index));
	assert_true(isnan(z->unusable[0]));
	assert_int_equal(z->wstate, MS_WMARK_UNKNOWN);
	ms_snapshot_free(&s);
}

/* ---- Debian's 6.1 kernel in QEMU, two nodes -------------------------- */

static void test_61_2node(void **state)
{
	static const char *const names[] = { "DMA", "DMA32", "Normal",
					     "Movable", "Device" };
	static const uint64_t n0[] = { 10, 9, 9, 9, 2, 3, 4, 2, 2, 3, 91 };
	static const uint64_t n1[] = { 22, 13, 8, 7, 6, 2, 0, 3, 1, 1, 238 };
	static const uint64_t n1_unmov[] = { 18, 13, 8, 5, 4, 1, 0, 1, 1, 0, 0 };
	static const uint64_t n1_blocks[] = { 22, 488, 2, 0, 0 };
	static const uint64_t dma_prot[] = { 0, 2990, 3394, 3394, 3394 };
	static const int n0_un[] = { 0, 0, 0, 0, 1, 1, 2, 5, 8, 13, 29 };
	static const int n1_un[] = { 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 5 };
	struct ms_snapshot s;
	struct ms_zone *z;

	assert_int_equal(load(FIX "debian-6.1-2node", &s), 0);
	assert_int_equal(s.nr_notes, 0);
	assert_int_equal(s.buddy.nr_zones, 10);
	for (int i = 0; i < 10; i++) {
		assert_int_equal(s.buddy.zones[i].node, i / 5);
		assert_string_equal(s.buddy.zones[i].name, names[i % 5]);
	}
	assert_int_equal(s.buddy.nr_orders, 11);
	assert_int_equal(s.buddy.pageblock_order, 9);
	assert_int_equal(s.buddy.nr_migrate, 5);
	assert_string_equal(s.buddy.migrate[2], "Reclaimable");
	assert_types_add_up(&s.buddy);

	z = zone(&s, 0, "DMA");
	assert_int_equal(z->free_pages, 3584);
	assert_near(z->frag_index, 100.0 - 100.0 * 1024 / 3584);
	assert_near(z->unusable[10], 0.142);
	assert_int_equal(z->nr_protection, 5);
	assert_u64s(z->protection, dma_prot, 5);
	/* 6.1 prints no promo watermark: unknown, not 0 */
	assert_int_equal(z->wmark_promo, MS_NA);

	z = zone(&s, 0, "Normal");
	assert_u64s(z->free_blocks, n0, 11);
	assert_int_equal(z->free_pages, 96008);
	assert_int_equal(z->zi_free, 96010);
	assert_wmarks(z, 2059, 2573, 3087);
	assert_int_equal(z->managed, 105308);
	assert_int_equal(z->mt_pageblocks[0], 66);
	assert_int_equal(z->mt_pageblocks[1], 184);
	assert_milli(z->unusable, n0_un, 11);
	assert_int_equal(z->wstate, MS_WMARK_OK);

	z = zone(&s, 1, "Normal");
	assert_u64s(z->free_blocks, n1, 11);
	assert_int_equal(z->free_pages, 245160);
	assert_int_equal(z->zi_free, 245160);
	assert_wmarks(z, 5128, 6410, 7692);
	assert_int_equal(z->spanned, 262144);
	assert_int_equal(z->present, 262144);
	assert_int_equal(z->managed, 257233);
	assert_u64s(z->mt_free[0], n1_unmov, 11);
	assert_u64s(z->mt_pageblocks, n1_blocks, 5);
	assert_near(z->frag_index, 100.0 - 100.0 * 1024 / 245160);
	assert_milli(z->unusable, n1_un, 11);
	assert_milli(z->extfrag, all_minus1, 11);
	assert_int_equal(z->wstate, MS_WMARK_OK);

	z = zone(&s, 1, "DMA32");
	assert_int_equal(z->nr_orders, 0);
	assert_int_equal(z->managed, 0);
	assert_int_equal(z->wstate, MS_WMARK_UNKNOWN);
	ms_snapshot_free(&s);
}

/* ---- hand-made trees -------------------------------------------------- */

static void test_4node(void **state)
{
	static const char *const names[] = { "DMA", "DMA32", "Normal",
					     "Movable" };
	static const uint64_t n1[] = { 1000, 500, 250, 125, 60, 30,
				       15,   8,	  4,   2,   100 };
	static const int n2_un[] = { 0,	   87,	 228,  438,  719, 1000,
				     1000, 1000, 1000, 1000, 1000 };
	static const int n2_ex[] = { -1000, -1000, -1000, -1000, -1000, 815,
				     874,   904,   919,	  926,	 930 };
	static const int n3_un[] = { 1000, 1000, 1000, 1000, 1000, 1000,
				     1000, 1000, 1000, 1000, 1000 };
	static const int zero[MS_MAX_ORDER] = { 0 };
	struct ms_snapshot s;
	struct ms_zone *z;

	assert_int_equal(load(FIX "edge-buddy-4node", &s), 0);
	assert_int_equal(s.nr_notes, 0);
	assert_int_equal(s.buddy.nr_zones, 16);
	for (int i = 0; i < 16; i++) {
		assert_int_equal(s.buddy.zones[i].node, i / 4);
		assert_string_equal(s.buddy.zones[i].name, names[i % 4]);
	}
	assert_int_equal(s.buddy.nr_migrate, 6);
	assert_string_equal(s.buddy.migrate[4], "CMA");
	assert_int_equal(s.buddy.pageblock_order, 9);
	assert_int_equal(zone(&s, 1, "DMA")->nr_orders, 0);
	assert_int_equal(zone(&s, 0, "DMA")->nr_protection, 4);

	z = zone(&s, 1, "Normal");
	assert_u64s(z->free_blocks, n1, 11);
	assert_int_equal(z->free_pages, 112352);
	assert_int_equal(z->boost, 1);
	assert_int_equal(z->cma, 16384);
	assert_int_equal(z->mt_pageblocks[4], 32);
	assert_int_equal(z->mt_pageblocks[1], 2001);
	assert_int_equal(z->mt_free[0][0], 20);
	assert_int_equal(z->mt_free[1][0], 980);
	assert_int_equal(z->wstate, MS_WMARK_HIGH);

	z = zone(&s, 2, "Normal");
	assert_int_equal(z->free_pages, 57);
	assert_int_equal(z->largest_order, 4);
	assert_near(z->frag_index, 100.0 - 100.0 * 16 / 57);
	assert_milli(z->unusable, n2_un, 11);
	assert_milli(z->extfrag, n2_ex, 11);
	assert_int_equal(z->wstate, MS_WMARK_LOW);

	z = zone(&s, 3, "Normal");
	assert_int_equal(z->free_pages, 0);
	assert_int_equal(z->largest_order, -1);
	assert_true(isnan(z->frag_index));
	assert_milli(z->unusable, n3_un, 11);
	assert_milli(z->extfrag, zero, 11);
	assert_int_equal(z->wstate, MS_WMARK_MIN);

	assert_int_equal(zone(&s, 0, "Normal")->wstate, MS_WMARK_OK);
	assert_int_equal(zone(&s, 0, "Normal")->free_pages, 7816);
	assert_int_equal(zone(&s, 2, "DMA32")->wstate, MS_WMARK_UNKNOWN);
	ms_snapshot_free(&s);
}

static void test_empty_zone(void **state)
{
	static const int un[] = { 0, 357, 714, 714 };
	struct ms_snapshot s;
	struct ms_zone *z;

	assert_int_equal(load(FIX "edge-buddy-emptyzone", &s), 0);
	assert_int_equal(s.buddy.nr_zones, 2);
	assert_string_equal(ms_snapshot_why(&s, "pagetypeinfo"),
			    "not in this tree");
	assert_int_equal(s.buddy.nr_migrate, 0);
	assert_int_equal(s.buddy.pageblock_order, -1);
	z = zone(&s, 0, "Normal");
	assert_false(z->has_migrate);
	assert_int_equal(z->free_pages, 28);
	assert_int_equal(z->zi_free, 34);
	assert_near(z->frag_index, 100.0 - 100.0 * 8 / 28);
	assert_milli(z->unusable, un, 4);
	assert_int_equal(z->wstate, MS_WMARK_OK);
	assert_int_equal(z->nr_protection, 2);
	z = zone(&s, 0, "Movable");
	assert_int_equal(z->nr_orders, 0);
	assert_int_equal(z->present, 0);
	assert_int_equal(z->zi_free, 0);
	assert_int_equal(z->free_pages, MS_NA);
	assert_int_equal(z->wstate, MS_WMARK_UNKNOWN);
	ms_snapshot_free(&s);
}

static void test_order0(void **state)
{
	static const int un[] = { 0,	1000, 1000, 1000, 1000, 1000,
				  1000, 1000, 1000, 1000, 1000 };
	static const int ex[] = { -1000, 500, 750, 875, 938, 969,
				  985,	 993, 997, 999, 1000 };
	struct ms_snapshot s;
	struct ms_zone *z;

	assert_int_equal(load(FIX "edge-buddy-order0", &s), 0);
	z = zone(&s, 0, "Normal");
	assert_int_equal(z->free_pages, 150000);
	assert_int_equal(z->largest_order, 0);
	assert_near(z->frag_index, 100.0 - 100.0 / 150000);
	assert_milli(z->unusable, un, 11);
	assert_milli(z->extfrag, ex, 11);
	/* ">100000": the kernel stopped counting there */
	assert_int_equal(z->mt_free[0][0], 100000);
	assert_int_equal(z->mt_free[1][0], 50000);
	assert_int_equal(s.buddy.nr_migrate, 3);
	assert_int_equal(z->mt_pageblocks[1], 412);
	assert_int_equal(z->wstate, MS_WMARK_OK);
	ms_snapshot_free(&s);
}

static void test_no_free(void **state)
{
	static const int un[] = { 1000, 1000, 1000, 1000, 1000, 1000,
				  1000, 1000, 1000, 1000, 1000 };
	static const int zero[MS_MAX_ORDER] = { 0 };
	struct ms_snapshot s;

	assert_int_equal(load(FIX "edge-buddy-nofree", &s), 0);
	assert_int_equal(s.buddy.nr_zones, 2);
	for (int i = 0; i < 2; i++) {
		struct ms_zone *z = &s.buddy.zones[i];

		assert_int_equal(z->free_pages, 0);
		assert_int_equal(z->largest_order, -1);
		assert_true(isnan(z->frag_index));
		assert_milli(z->unusable, un, 11);
		assert_milli(z->extfrag, zero, 11);
		assert_int_equal(z->wstate, MS_WMARK_MIN);
	}
	ms_snapshot_free(&s);
}

static void test_truncated(void **state)
{
	struct ms_snapshot s;

	assert_int_equal(load(FIX "edge-buddy-truncated", &s), -EINVAL);
	assert_int_equal(s.buddy.nr_zones, 0);
	assert_string_equal(ms_snapshot_why(&s, "buddyinfo"),
			    "line 2: truncated (no newline at the end)");
	assert_string_equal(ms_snapshot_why(&s, "zoneinfo"),
			    "not in this tree");
	ms_snapshot_free(&s);
}

static void test_unknown(void **state)
{
	struct ms_snapshot s;

	assert_int_equal(load(FIX "edge-buddy-unknown", &s), -EINVAL);
	assert_int_equal(s.buddy.nr_zones, 0);
	assert_string_equal(ms_snapshot_why(&s, "buddyinfo"),
			    "line 1: does not start with \"Node\"");
	ms_snapshot_free(&s);
}

static void test_missing(void **state)
{
	struct ms_snapshot s;

	/* a tree without proc/ at all */
	assert_int_equal(load(FIX "edge-buddy-unknown/proc", &s), -ENOENT);
	assert_string_equal(ms_snapshot_why(&s, "buddyinfo"),
			    "not in this tree");
	ms_snapshot_free(&s);
}

static double pt_now;

/* Each call 10 ms later: a pagetypeinfo read costs 10 ms. */
static double pt_clock(void)
{
	pt_now += 0.01;
	return pt_now;
}

/*
 * Live, pagetypeinfo is re-read at a share of the time (0.2%): a read of
 * 10 ms, then samples a second apart keep its figures with their age
 * until 5 s are saved up; a full (batch) sample reads it in the sample.
 */
static void pagetypes_budget(void **state)
{
	struct ms_procfs pf = { .clock = pt_clock };
	struct ms_snapshot s;
	struct ms_root r;
	struct ms_zone *z;
	uint64_t movable;

	(void)state;
	assert_int_equal(ms_root_open(&r, FIX "debian12-6.18"), 0);
	r.live = true;
	ms_snapshot_init(&s);
	assert_int_equal(ms_procfs_buddy(&r, &pf, true, false, &s), 0);
	assert_true(s.buddy.pagetypes_age_s == 0);
	z = zone(&s, 0, "Normal");
	assert_true(z->has_migrate);
	movable = z->mt_pageblocks[1];
	for (int i = 1; i <= 4; i++) {
		pt_now += 1;
		ms_snapshot_reset(&s);
		assert_int_equal(ms_procfs_buddy(&r, &pf, true, false, &s), 0);
		/* the last read's figures, as old as they are */
		assert_true(s.buddy.pagetypes_age_s > i - 0.1 &&
			    s.buddy.pagetypes_age_s < i + 0.1);
		z = zone(&s, 0, "Normal");
		assert_true(z->has_migrate);
		assert_int_equal(z->mt_pageblocks[1], movable);
		assert_int_equal(s.buddy.pageblock_order, 9);
	}
	pt_now += 1.1;
	ms_snapshot_reset(&s);
	assert_int_equal(ms_procfs_buddy(&r, &pf, true, false, &s), 0);
	assert_true(s.buddy.pagetypes_age_s == 0);
	pt_now += 1;
	ms_snapshot_reset(&s);
	assert_int_equal(ms_procfs_buddy(&r, &pf, true, true, &s), 0);
	assert_true(s.buddy.pagetypes_age_s == 0);
	ms_snapshot_free(&s);
	ms_procfs_fini(&pf);
	ms_root_close(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_618_zones),
		cmocka_unit_test(pagetypes_budget),
		cmocka_unit_test(test_618_pagetypeinfo),
		cmocka_unit_test(test_618_zoneinfo),
		cmocka_unit_test(test_618_derived),
		cmocka_unit_test(test_61_2node),
		cmocka_unit_test(test_4node),
		cmocka_unit_test(test_empty_zone),
		cmocka_unit_test(test_order0),
		cmocka_unit_test(test_no_free),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
