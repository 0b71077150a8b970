// SPDX-License-Identifier: GPL-2.0
/*
 * The page census: the scanner's kinds and blocks, the zoneinfo and iomem
 * parsers, and the reader on tests/fixtures/census-synth (its layout and
 * every count below: tests/fixtures/census-synth.py), whole and a budget
 * at a time.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <endian.h>
#include <json-c/json.h>
#include <string.h>

#include "model/census.h"
#include "probes/procfs/census.h"
#include "probes/procfs/kpageflags.h"
#include "probes/procfs/procfs.h"
#include "store/jread.h"
#include "store/json.h"
#include "tests/unit/procfs_test.h"

#define SYNTH "tests/fixtures/census-synth"
#define B(n) (1ULL << MS_KPF_##n)

static void kinds(void **state)
{
	(void)state;
	assert_int_equal(ms_kpf_kind(0), MS_CK_NOFLAGS);
	assert_int_equal(ms_kpf_kind(B(NOPAGE)), MS_CK_HOLE);
	assert_int_equal(ms_kpf_kind(B(BUDDY)), MS_CK_FREE);
	/* 6.18 marks a free block's pages UPTODATE at times: still free */
	assert_int_equal(ms_kpf_kind(B(BUDDY) | 8), MS_CK_FREE);
	assert_int_equal(ms_kpf_kind(B(HUGE) | B(HEAD)), MS_CK_HUGETLB);
	assert_int_equal(ms_kpf_kind(B(SLAB) | B(TAIL)), MS_CK_SLAB);
	assert_int_equal(ms_kpf_kind(B(PGTABLE)), MS_CK_PGTABLE);
	assert_int_equal(ms_kpf_kind(B(OFFLINE)), MS_CK_OFFLINE);
	assert_int_equal(ms_kpf_kind(B(RESERVED)), MS_CK_RESERVED);
	assert_int_equal(ms_kpf_kind(B(LRU) | B(SWAPBACKED) | B(ANON)),
			 MS_CK_ANON);
	assert_int_equal(ms_kpf_kind(B(LRU) | B(SWAPBACKED)), MS_CK_SHMEM);
	assert_int_equal(ms_kpf_kind(B(LRU)), MS_CK_FILE);
	/* lazy-free anon pages sit on the file LRU without SWAPBACKED */
	assert_int_equal(ms_kpf_kind(B(LRU) | B(ANON)), MS_CK_FILE);
	assert_int_equal(ms_kpf_kind(B(LRU) | B(UNEVICTABLE) | B(SWAPBACKED)),
			 MS_CK_UNEVICTABLE);
	assert_int_equal(ms_kpf_kind(B(HEAD)), MS_CK_OTHER);
	assert_int_equal(ms_kpf_kind(B(ANON) | B(MMAP)), MS_CK_OTHER);
}

struct blocks {
	struct ms_census_block b[16];
	int n;
};

static void keep(void *ctx, const struct ms_census_block *b)
{
	struct blocks *k = ctx;

	assert_true(k->n < 16);
	k->b[k->n++] = *b;
}

static void put(uint64_t *v, int from, int n, uint64_t flags)
{
	for (int i = 0; i < n; i++)
		v[from + i] = htole64(flags);
}

/*
 * Blocks end at pageblocks and at cuts; pages outside RAM are holes;
 * a tail takes its head's kind when its own flags say less (6.1's THP
 * tails carry no LRU); the feed may stop anywhere.
 */
static void blocks(void **state)
{
	static const uint64_t cuts[] = { 3, 40 };
	static const struct ms_pfn_range ram[] = { { 1, 20 }, { 24, 64 } };
	uint64_t v[64];
	struct blocks k = { .n = 0 };
	struct ms_kpf_scan st;

	(void)state;
	put(v, 0, 64, B(BUDDY));
	put(v, 0, 1, B(RESERVED));
	put(v, 8, 1, B(HEAD) | B(LRU) | B(ANON) | B(SWAPBACKED) | B(THP));
	put(v, 9, 7, B(TAIL) | B(ANON) | B(THP));
	put(v, 16, 8, 0); /* 20..23 outside RAM */
	put(v, 32, 1, B(HEAD));
	put(v, 33, 3, B(TAIL));
	ms_kpf_init(&st, 0, 32, cuts, 2, ram, 2, keep, &k);
	/* 8 bytes and a half: the half is left for the next feed */
	assert_int_equal(ms_kpf_feed(&st, v, 8 * 8 + 4), 8);
	assert_int_equal(ms_kpf_feed(&st, v + 8, 56 * 8), 56);
	ms_kpf_flush(&st);
	assert_int_equal(k.n, 4);
	/* [0, 3): pfn 0 outside RAM, two free */
	assert_int_equal(k.b[0].pfn, 0);
	assert_int_equal(k.b[0].pages, 3);
	assert_int_equal(k.b[0].kind[MS_CK_HOLE], 1);
	assert_int_equal(k.b[0].kind[MS_CK_FREE], 2);
	/* [3, 32): 5 + 8 free, the THP's 8 anon, 4 noflags, 4 holes */
	assert_int_equal(k.b[1].pfn, 3);
	assert_int_equal(k.b[1].pages, 29);
	assert_int_equal(k.b[1].kind[MS_CK_ANON], 8);
	assert_int_equal(k.b[1].thp, 8);
	assert_int_equal(k.b[1].kind[MS_CK_NOFLAGS], 4);
	assert_int_equal(k.b[1].kind[MS_CK_HOLE], 4);
	assert_int_equal(k.b[1].kind[MS_CK_FREE], 13);
	/* [32, 40): a compound page of no kind, [40, 64) free */
	assert_int_equal(k.b[2].pages, 8);
	assert_int_equal(k.b[2].kind[MS_CK_OTHER], 4);
	assert_int_equal(k.b[3].pfn, 40);
	assert_int_equal(k.b[3].kind[MS_CK_FREE], 24);
}

static void zoneinfo(void **state)
{
	struct pt_env e;
	struct ms_czinfo z[4];
	char why[128];

	(void)state;
	pt_init(&e, SYNTH);
	assert_int_equal(ms_read(&e.root, "proc/zoneinfo", &e.pf.buf), 0);
	assert_int_equal(ms_census_parse_zoneinfo(e.pf.buf.data, e.pf.buf.len,
						  z, 4, why, sizeof(why)),
			 3);
	assert_string_equal(z[1].zone, "Normal");
	assert_int_equal(z[1].start_pfn, 1024);
	assert_int_equal(z[1].spanned, 3072);
	assert_int_equal(z[1].managed, 2000);
	assert_int_equal(z[1].free, 1000);
	assert_int_equal(z[1].anon, 528);
	assert_int_equal(z[1].file, 512);
	assert_int_equal(z[1].unevictable, 8);
	assert_int_equal(z[1].pcp, 150);
	assert_int_equal(z[1].drift, 8);
	assert_int_equal(z[0].drift, 4);
	assert_int_equal(z[2].spanned, 0);
	assert_int_equal(ms_census_parse_zoneinfo(e.pf.buf.data, e.pf.buf.len,
						  z, 2, why, sizeof(why)),
			 -E2BIG);
	assert_int_equal(ms_census_parse_zoneinfo("junk\n", 5, z, 4, why,
						  sizeof(why)),
			 -ENODATA);
	pt_fini(&e);
}

static void iomem(void **state)
{
	static const char t[] = "00000000-00000fff : Reserved\n"
				"00001000-0009fbff : System RAM\n"
				"  00100000-001fffff : System RAM\n"
				"00100000-bfffffff : System RAM\n";
	static const char hidden[] = "00000000-00000000 : System RAM\n";
	struct ms_pfn_range r[4];

	(void)state;
	/* a partial last page is no RAM page; indented ranges are parts */
	assert_int_equal(ms_census_parse_iomem(t, sizeof(t) - 1, r, 4), 2);
	assert_int_equal(r[0].start, 1);
	assert_int_equal(r[0].end, 0x9f);
	assert_int_equal(r[1].start, 0x100);
	assert_int_equal(r[1].end, 0xc0000);
	assert_int_equal(
		ms_census_parse_iomem(hidden, sizeof(hidden) - 1, r, 4), 0);
}

/* The counts of the synthetic tree's layout (census-synth.py). */
static void expect_synth(const struct ms_census *c)
{
	const struct ms_census_zone *dma = &c->zones[0], *nrm = &c->zones[1];

	assert_true(c->complete);
	assert_int_equal(c->pages, 4096);
	assert_int_equal(c->nozone, 1);
	assert_int_equal(c->thp, 1024);
	assert_int_equal(c->kind[MS_CK_FREE], 1920);
	assert_int_equal(c->kind[MS_CK_HOLE], 97);
	assert_int_equal(c->kind[MS_CK_RESERVED], 39);
	assert_int_equal(c->nr_zones, 2); /* Movable spans nothing */
	assert_string_equal(dma->zone, "DMA");
	assert_int_equal(dma->pages, 1023);
	assert_int_equal(dma->kind[MS_CK_FREE], 896);
	assert_int_equal(dma->kind[MS_CK_RESERVED], 31);
	assert_int_equal(dma->kind[MS_CK_HOLE], 96);
	assert_int_equal(dma->deferred, 0);
	assert_int_equal(nrm->pages, 3072);
	assert_int_equal(nrm->kind[MS_CK_ANON], 512);
	assert_int_equal(nrm->kind[MS_CK_FILE], 512);
	assert_int_equal(nrm->kind[MS_CK_SLAB], 64);
	assert_int_equal(nrm->kind[MS_CK_PGTABLE], 16);
	assert_int_equal(nrm->kind[MS_CK_SHMEM], 16);
	assert_int_equal(nrm->kind[MS_CK_UNEVICTABLE], 8);
	assert_int_equal(nrm->kind[MS_CK_OFFLINE], 8);
	assert_int_equal(nrm->kind[MS_CK_OTHER], 8);
	assert_int_equal(nrm->kind[MS_CK_RESERVED], 8);
	assert_int_equal(nrm->kind[MS_CK_NOFLAGS], 384);
	assert_int_equal(nrm->kind[MS_CK_HUGETLB], 512);
	assert_int_equal(nrm->kind[MS_CK_FREE], 1024);
	assert_int_equal(nrm->thp, 1024);
	assert_int_equal(nrm->pcp, 150);
	/* present 3072 - managed 2000 - reserved 8 */
	assert_int_equal(nrm->deferred, 1064);
}

static const struct ms_census_check *check(const struct ms_census *c,
					   const char *what, const char *zone)
{
	for (int i = 0; i < c->nr_checks; i++)
		if (!strcmp(c->checks[i].what, what) &&
		    !strcmp(c->checks[i].zone, zone))
			return &c->checks[i];
	fail_msg("no check %s %s", what, zone);
	return NULL;
}

static void checks(const struct ms_census *c)
{
	const struct ms_census_check *k;

	/* nr_free_pages 1000, census 1024, drift 2 CPUs x 4 */
	k = check(c, "free", "Normal");
	assert_int_equal(k->census, 1024);
	assert_int_equal(k->tolerance, 8);
	assert_int_equal(k->off, 16);
	assert_false(k->ok);
	assert_true(k->why[0]);
	assert_true(check(c, "free", "DMA")->ok);
	assert_string_equal(check(c, "free", "DMA")->why, "");
	/* anon 512 + shmem 16 = 500 inactive + 28 active */
	assert_true(check(c, "lru_anon", "Normal")->ok);
	assert_true(check(c, "lru_file", "Normal")->ok);
	assert_true(check(c, "unevictable", "Normal")->ok);
	assert_true(check(c, "hole", "DMA")->ok);
	/* Slab 288 kB = 72 pages, census 64, other 8 + drift 12 */
	k = check(c, "slab", "");
	assert_int_equal(k->lo, 72);
	assert_int_equal(k->tolerance, 20);
	assert_true(k->ok);
	assert_int_equal(k->node, -1);
	assert_true(check(c, "page_tables", "")->ok);
	assert_true(check(c, "hugetlb", "")->ok);
}

static void synth_full(void **state)
{
	struct pt_env e;

	(void)state;
	pt_init(&e, SYNTH);
	assert_int_equal(ms_procfs_census(&e.root, &e.pf, true, false, &e.s),
			 0);
	expect_synth(&e.s.census);
	checks(&e.s.census);
	assert_int_equal(e.s.census.passes, 1);
	assert_true(e.s.census.progress == 1);
	pt_fini(&e);
}

/*
 * 1000 pages a sample: the first four show the pass in progress, the
 * fifth completes it with the counts of a whole pass; the sixth starts
 * the next and still shows the last complete one.
 */
static void synth_budget(void **state)
{
	struct pt_env e;

	(void)state;
	pt_init(&e, SYNTH);
	e.pf.census_budget = 1000;
	for (int i = 1; i <= 4; i++) {
		ms_snapshot_reset(&e.s);
		assert_int_equal(ms_procfs_census(&e.root, &e.pf, false, false,
						  &e.s),
				 0);
		assert_false(e.s.census.complete);
		assert_int_equal(e.s.census.pages, 1000 * i);
		assert_true(e.s.census.progress > 0.24 * i &&
			    e.s.census.progress < 0.25 * i);
		assert_int_equal(e.s.census.nr_checks, 0);
	}
	ms_snapshot_reset(&e.s);
	assert_int_equal(ms_procfs_census(&e.root, &e.pf, false, false, &e.s),
			 0);
	expect_synth(&e.s.census);
	checks(&e.s.census);
	ms_snapshot_reset(&e.s);
	assert_int_equal(ms_procfs_census(&e.root, &e.pf, false, false, &e.s),
			 0);
	expect_synth(&e.s.census);
	assert_int_equal(e.s.census.passes, 1);
	assert_true(e.s.census.progress < 0.25);
	pt_fini(&e);
}

static double fake_now;

/* Each call 100 ms later: a read of the synthetic file looks costly. */
static double slow_clock(void)
{
	fake_now += 0.1;
	return fake_now;
}

/* A live sample of the census a second after the last, with map or not. */
static int later(struct pt_env *e, bool map)
{
	fake_now += 1;
	ms_snapshot_reset(&e->s);
	return ms_procfs_census(&e->root, &e->pf, false, map, &e->s);
}

/*
 * Live, once a pass is complete, the next ones read at a share of the
 * time (0.5%), at the cost the reads before took: a sample a second
 * later reads a small part of the file, not the page budget (all of it).
 */
static void synth_steady(void **state)
{
	struct pt_env e;
	double p1;

	(void)state;
	pt_init(&e, SYNTH);
	e.root.live = true;
	e.pf.clock = slow_clock;
	assert_int_equal(ms_procfs_census(&e.root, &e.pf, false, false, &e.s),
			 0);
	assert_true(e.s.census.complete);
	assert_int_equal(later(&e, false), 0);
	/* 1.1 s at 0.5%: 5.5 ms at 100 ms for the whole file, 5.5% of it */
	p1 = e.s.census.progress;
	assert_true(p1 > 0.02 && p1 < 0.15);
	assert_int_equal(later(&e, false), 0);
	/* that read took 100 ms (this clock): paid for before the next */
	assert_true(e.s.census.progress == p1);
	/* still the last complete pass's counts */
	assert_true(e.s.census.complete);
	expect_synth(&e.s.census);
	pt_fini(&e);
}

/*
 * The map opened after a pass without it fills at the page budget, as
 * the first pass does, not at the steady share (about two minutes for
 * 24 GiB); once a pass with the map on from its start ended, steady.
 */
static void synth_map_later(void **state)
{
	struct pt_env e;

	(void)state;
	pt_init(&e, SYNTH);
	e.root.live = true;
	e.pf.clock = slow_clock;
	assert_int_equal(ms_procfs_census(&e.root, &e.pf, false, false, &e.s),
			 0);
	assert_true(e.s.census.complete);
	assert_int_equal(later(&e, true), 0);
	/* the whole file in the sample: the budget's 256 Ki pages */
	assert_true(e.s.census.progress == 1);
	/* a whole pass with the map on: steady from now on */
	assert_int_equal(later(&e, true), 0);
	assert_true(e.s.census.progress < 0.15);
	pt_fini(&e);
}

/*
 * A budget that ends at the file's last page: the pass is not complete
 * (nor shown as all done) until a read finds the end of the file.
 */
static void synth_budget_end(void **state)
{
	struct pt_env e;

	(void)state;
	pt_init(&e, SYNTH);
	e.pf.census_budget = 1024;
	for (int i = 1; i <= 4; i++) {
		ms_snapshot_reset(&e.s);
		assert_int_equal(ms_procfs_census(&e.root, &e.pf, false, false,
						  &e.s),
				 0);
	}
	assert_false(e.s.census.complete);
	assert_int_equal(e.s.census.pages, 4096);
	assert_true(e.s.census.progress < 1);
	ms_snapshot_reset(&e.s);
	assert_int_equal(ms_procfs_census(&e.root, &e.pf, false, false, &e.s),
			 0);
	expect_synth(&e.s.census);
	assert_true(e.s.census.progress == 1);
	pt_fini(&e);
}

/* A captured tree without kpageflags says so, in a note of its own. */
static void missing(void **state)
{
	struct pt_env e;

	(void)state;
	pt_init(&e, "tests/fixtures/debian12-6.18");
	assert_int_equal(ms_procfs_census(&e.root, &e.pf, true, false, &e.s),
			 -ENOENT);
	assert_string_equal(ms_snapshot_why(&e.s, "census"),
			    "no proc/kpageflags in the captured tree");
	pt_fini(&e);
}

/* JSON: "memory": {"census": {...}} out and back through the table. */
static void json_roundtrip(void **state)
{
	struct pt_env e;
	struct ms_snapshot back;
	char *buf = NULL;
	size_t len = 0;
	json *top;
	FILE *f;

	(void)state;
	pt_init(&e, SYNTH);
	assert_int_equal(ms_procfs_census(&e.root, &e.pf, true, false, &e.s),
			 0);
	e.s.have |= MS_SEC_BIT(MS_SEC_CENSUS);
	f = open_memstream(&buf, &len);
	assert_int_equal(ms_out_json(f, &e.s, MS_SEC_BIT(MS_SEC_CENSUS)), 0);
	fclose(f);
	assert_non_null(
		strstr(buf, "\"memory\":{\"census\":{\"complete\":true"));
	assert_non_null(strstr(buf, "\"kinds\":{\"free\":1920,"));
	ms_snapshot_init(&back);
	top = json_tokener_parse(buf);
	assert_non_null(top);
	ms_decode(top, &back);
	json_object_put(top);
	assert_true(back.have & MS_SEC_BIT(MS_SEC_CENSUS));
	expect_synth(&back.census);
	checks(&back.census);
	ms_snapshot_free(&back);
	free(buf);
	pt_fini(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kinds),
		cmocka_unit_test(blocks),
		cmocka_unit_test(zoneinfo),
		cmocka_unit_test(iomem),
		cmocka_unit_test(synth_full),
		cmocka_unit_test(synth_budget),
		cmocka_unit_test(synth_steady),
		cmocka_unit_test(synth_map_later),
		cmocka_unit_test(synth_budget_end),
		cmocka_unit_test(missing),
		cmocka_unit_test(json_roundtrip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
