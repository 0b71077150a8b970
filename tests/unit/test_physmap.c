// SPDX-License-Identifier: GPL-2.0
/*
 * The physical memory map: each block's kind and letter, the free blocks
 * the scanner finds in runs of free pages, what pins a block, and the
 * reader on tests/fixtures/census-synth (tests/fixtures/census-synth.py
 * has its layout), whole, a budget at a time, and read back from JSON.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <endian.h>
#include <string.h>

#include "model/field.h"
#include "model/physmap.h"
#include "probes/procfs/census.h"
#include "probes/procfs/kpageflags.h"
#include "probes/procfs/procfs.h"
#include "tests/unit/procfs_test.h"

#define SYNTH "tests/fixtures/census-synth"
#define PHYSMAP MS_SEC_BIT(MS_SEC_PHYSMAP)

static struct ms_census_block blk(int pages)
{
	struct ms_census_block b;

	memset(&b, 0, sizeof(b));
	b.pages = (uint32_t)pages;
	return b;
}

static void kinds(void **state)
{
	struct ms_census_block b = blk(512);

	(void)state;
	assert_string_equal(ms_pm_letter, ".afuspkHTm_d?");
	b.kind[MS_CK_FREE] = 512;
	assert_int_equal(ms_pm_kind_of(&b, false), MS_PK_FREE);
	/* half holes: still RAM; more than half: a hole */
	b.kind[MS_CK_FREE] = 256;
	b.kind[MS_CK_HOLE] = 256;
	assert_int_equal(ms_pm_kind_of(&b, false), MS_PK_FREE);
	b.kind[MS_CK_FREE] = 255;
	b.kind[MS_CK_HOLE] = 257;
	assert_int_equal(ms_pm_kind_of(&b, false), MS_PK_HOLE);
	/* shmem is page cache: with file it makes half */
	b = blk(512);
	b.kind[MS_CK_FILE] = 128;
	b.kind[MS_CK_SHMEM] = 128;
	b.kind[MS_CK_ANON] = 200;
	b.kind[MS_CK_SLAB] = 56;
	assert_int_equal(ms_pm_kind_of(&b, false), MS_PK_FILE);
	/* no kind holds half: mixed */
	b.kind[MS_CK_SHMEM] = 127;
	b.kind[MS_CK_SLAB] = 57;
	assert_int_equal(ms_pm_kind_of(&b, false), MS_PK_MIXED);
	/* reserved, offline, other and no flag make the kernel's */
	b = blk(512);
	b.kind[MS_CK_RESERVED] = b.kind[MS_CK_OFFLINE] = 100;
	b.kind[MS_CK_OTHER] = b.kind[MS_CK_NOFLAGS] = 100;
	b.kind[MS_CK_SLAB] = 112;
	assert_int_equal(ms_pm_kind_of(&b, false), MS_PK_KERNEL);
	/* half the pages in huge folios: THP, whatever they are */
	b = blk(512);
	b.kind[MS_CK_ANON] = 512;
	b.thp = 256;
	assert_int_equal(ms_pm_kind_of(&b, false), MS_PK_THP);
	b.thp = 255;
	assert_int_equal(ms_pm_kind_of(&b, false), MS_PK_ANON);
	/* no page flagged: not initialised only where the zone has such */
	b = blk(512);
	b.kind[MS_CK_NOFLAGS] = 512;
	assert_int_equal(ms_pm_kind_of(&b, false), MS_PK_KERNEL);
	assert_int_equal(ms_pm_kind_of(&b, true), MS_PK_DEFERRED);
	b.kind[MS_CK_NOFLAGS] = 511;
	b.kind[MS_CK_FREE] = 1;
	assert_int_equal(ms_pm_kind_of(&b, true), MS_PK_KERNEL);
	b = blk(0);
	assert_int_equal(ms_pm_kind_of(&b, true), MS_PK_UNREAD);
	for (int k = 0; k < MS_PK_N; k++)
		assert_int_equal(ms_pm_kind_by_letter(ms_pm_letter[k]), k);
	assert_int_equal(ms_pm_kind_by_letter('Z'), MS_PK_N);
	assert_int_equal(ms_pm_kind_by_letter('\0'), MS_PK_N);
	assert_int_equal(ms_pm_nr_blocks(1, 1023, 512), 2);
	assert_int_equal(ms_pm_nr_blocks(4096, 1044480, 512), 2040);
	assert_int_equal(ms_pm_nr_blocks(511, 2, 512), 2);
	assert_int_equal(ms_pm_nr_blocks(0, 0, 512), 0);
}

static void keep(void *ctx, const struct ms_census_block *b)
{
	struct ms_census_block *k = ctx;

	k[b->pfn / 32] = *b;
}

/*
 * A run of free pages is the buddy's aligned blocks: [3, 17) is 3, 4..7,
 * 8..15, 16; a run cut by a hole or the block's end closes there.
 */
static void free_orders(void **state)
{
	uint64_t v[64] = { 0 };
	struct ms_census_block got[2];
	struct ms_pfn_range ram[] = { { 0, 40 }, { 44, 64 } };
	struct ms_kpf_scan st;

	(void)state;
	memset(got, 0, sizeof(got));
	for (int i = 3; i < 17; i++)
		v[i] = htole64(1ULL << MS_KPF_BUDDY);
	/* 24..31 free to the block's end, 32..47 free around a hole */
	for (int i = 24; i < 48; i++)
		v[i] = htole64(1ULL << MS_KPF_BUDDY);
	ms_kpf_init(&st, 0, 32, NULL, 0, ram, 2, keep, got);
	/* fed in pieces that split runs */
	ms_kpf_feed(&st, v, 5 * 8);
	ms_kpf_feed(&st, v + 5, 33 * 8);
	ms_kpf_feed(&st, v + 38, 26 * 8);
	ms_kpf_flush(&st);
	/* 3 | 4..7 | 8..15 | 16 | 24..31 */
	assert_int_equal(got[0].kind[MS_CK_FREE], 22);
	assert_int_equal(got[0].free_order[0], 2);
	assert_int_equal(got[0].free_order[1], 0);
	assert_int_equal(got[0].free_order[2], 1);
	assert_int_equal(got[0].free_order[3], 2);
	/* 32..39 | hole 40..43 | 44..47 */
	assert_int_equal(got[1].kind[MS_CK_FREE], 12);
	assert_int_equal(got[1].kind[MS_CK_HOLE], 4);
	assert_int_equal(got[1].free_order[3], 1);
	assert_int_equal(got[1].free_order[2], 1);
	assert_int_equal(got[1].free_order[0], 0);
}

static void pinned(void **state)
{
	struct ms_census_block b = blk(512);
	uint32_t pins[MS_CK_N];

	(void)state;
	b.kind[MS_CK_FREE] = 200;
	b.kind[MS_CK_ANON] = 200;
	b.kind[MS_CK_FILE] = 100;
	b.kind[MS_CK_UNEVICTABLE] = 12;
	assert_int_equal(ms_pm_pinned(&b, pins), 0);
	b.kind[MS_CK_FILE] = 95;
	b.kind[MS_CK_SLAB] = 3;
	b.kind[MS_CK_RESERVED] = 2;
	assert_int_equal(ms_pm_pinned(&b, pins), 5);
	assert_int_equal(pins[MS_CK_SLAB], 3);
	assert_int_equal(pins[MS_CK_RESERVED], 2);
	assert_int_equal(pins[MS_CK_ANON], 0);
}

/* The synthetic tree's map (census-synth.py's layout, 512-page blocks). */
static void expect_synth(const struct ms_physmap *m)
{
	const struct ms_pm_zone *dma = &m->zones[0], *nrm = &m->zones[1];

	assert_int_equal(m->nr_zones, 2);
	assert_string_equal(dma->zone, "DMA");
	assert_int_equal(dma->start_pfn, 1);
	assert_int_equal(dma->pageblock_pages, 512);
	/* pfn 1..511: reserved 31, holes 96, free 384 of it */
	assert_string_equal(dma->blocks, "..");
	assert_string_equal(nrm->zone, "Normal");
	/* THP anon, THP file, the kernel's odds and ends, hugetlb, free */
	assert_string_equal(nrm->blocks, "TTkH..");
	assert_int_equal(nrm->counts[MS_PK_THP], 2);
	assert_int_equal(nrm->counts[MS_PK_KERNEL], 1);
	assert_int_equal(nrm->counts[MS_PK_HUGETLB], 1);
	assert_int_equal(nrm->counts[MS_PK_FREE], 2);
	assert_int_equal(nrm->counts[MS_PK_ANON], 0);
}

/*
 * The blocks' pages add up to the census's, per zone and kind: the map
 * and the census are one pass; and the free blocks to its free pages.
 */
static void agrees(const struct ms_physmap *m, const struct ms_census *c)
{
	assert_int_equal(m->nr_zones, c->nr_zones);
	for (int i = 0; i < m->nr_zones; i++) {
		const struct ms_pm_zone *z = &m->zones[i];
		uint64_t sum[MS_CK_N] = { 0 }, free = 0;

		assert_int_equal(z->nr_bk, strlen(z->blocks));
		for (int b = 0; b < z->nr_bk; b++) {
			for (int k = 0; k < MS_CK_N; k++)
				sum[k] += z->bk[b].kind[k];
			for (int o = 0; o < MS_CK_ORDERS; o++)
				free += (uint64_t)z->bk[b].free_order[o] << o;
		}
		for (int k = 0; k < MS_CK_N; k++)
			assert_int_equal(sum[k], c->zones[i].kind[k]);
		assert_int_equal(free, c->zones[i].kind[MS_CK_FREE]);
	}
}

/* One sample of the reader: a whole pass (full) or its budget, the map. */
static void sample(struct pt_env *e, bool full, bool map)
{
	ms_snapshot_reset(&e->s);
	assert_int_equal(ms_procfs_census(&e->root, &e->pf, full, map, &e->s),
			 0);
}

static void synth_full(void **state)
{
	struct pt_env e;

	(void)state;
	pt_init(&e, SYNTH);
	sample(&e, true, true);
	expect_synth(&e.s.physmap);
	agrees(&e.s.physmap, &e.s.census);
	assert_true(e.s.physmap.progress == 1);
	assert_int_equal(e.s.physmap.blocks_read, 8);
	/* DMA's first block: 32..63, 64..127, 128..159 and 256..511 */
	assert_int_equal(e.s.physmap.zones[0].bk[0].free_order[5], 2);
	assert_int_equal(e.s.physmap.zones[0].bk[0].free_order[6], 1);
	assert_int_equal(e.s.physmap.zones[0].bk[0].free_order[7], 0);
	assert_int_equal(e.s.physmap.zones[0].bk[0].free_order[8], 1);
	pt_fini(&e);
}

/*
 * 1000 pages a sample: the map fills as the pass goes, the blocks not
 * read yet '?', and is the whole map when the pass ends.
 */
static void synth_budget(void **state)
{
	struct pt_env e;

	(void)state;
	pt_init(&e, SYNTH);
	e.pf.census_budget = 1000;
	sample(&e, false, true);
	/* pfns 0..999: DMA's first block, its second still in progress */
	assert_string_equal(e.s.physmap.zones[0].blocks, ".?");
	assert_string_equal(e.s.physmap.zones[1].blocks, "??????");
	assert_int_equal(e.s.physmap.zones[1].counts[MS_PK_UNREAD], 6);
	assert_true(e.s.physmap.progress < 0.25);
	for (int i = 0; i < 4; i++)
		sample(&e, false, true);
	expect_synth(&e.s.physmap);
	agrees(&e.s.physmap, &e.s.census);
	assert_int_equal(e.s.physmap.blocks_read, 8);
	/* the next pass keeps every block as last read */
	sample(&e, false, true);
	expect_synth(&e.s.physmap);
	pt_fini(&e);
}

/* Asked for in the middle of a pass: the blocks read from then on. */
static void synth_late(void **state)
{
	struct pt_env e;

	(void)state;
	pt_init(&e, SYNTH);
	e.pf.census_budget = 1536;
	sample(&e, false, false);
	sample(&e, false, true);
	assert_string_equal(e.s.physmap.zones[0].blocks, "??");
	/* 1024..1535 was complete but handed over at the next read */
	assert_string_equal(e.s.physmap.zones[1].blocks, "TTk???");
	pt_fini(&e);
}

/* Written and read back: the letters and counts, not the blocks' pages. */
static void json_back(void **state)
{
	struct pt_env e;
	struct ms_snapshot b;
	char *line;

	(void)state;
	pt_init(&e, SYNTH);
	sample(&e, true, true);
	e.s.have |= PHYSMAP;
	line = pt_json_back(&e.s, &b);
	assert_non_null(strstr(line, "\"blocks\":\"TTkH..\""));
	assert_null(strstr(line, "composition"));
	expect_synth(&b.physmap);
	assert_int_equal(b.physmap.zones[1].nr_bk, 0);
	/* the counts of a replay from its letters */
	memset(b.physmap.zones[1].counts, 0, sizeof(b.physmap.zones[1].counts));
	ms_physmap_finish(&b.physmap);
	expect_synth(&b.physmap);
	free(line);
	ms_snapshot_free(&b);
	pt_fini(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kinds),	cmocka_unit_test(free_orders),
		cmocka_unit_test(pinned),	cmocka_unit_test(synth_full),
		cmocka_unit_test(synth_budget), cmocka_unit_test(synth_late),
		cmocka_unit_test(json_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
