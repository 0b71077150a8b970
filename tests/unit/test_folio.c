// SPDX-License-Identifier: GPL-2.0
/*
 * Memory by folio size: the scanner on hand-made pagemap entries and
 * page flags, and the reader on tests/fixtures/folio-synth (its layout
 * and every count below: tests/fixtures/folio-synth.py), whole and a
 * budget of pages at a time, and through the JSON codec.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <json-c/json.h>
#include <string.h>

#include "probes/procfs/folio.h"
#include "probes/procfs/kpageflags.h"
#include "probes/procfs/procfs.h"
#include "store/jread.h"
#include "store/json.h"
#include "tests/unit/procfs_test.h"

#define SYNTH "tests/fixtures/folio-synth"
#define B(n) (1ULL << MS_KPF_##n)
#define P(pfn) (MS_PM_PRESENT | (pfn))
#define ANON (B(LRU) | B(ANON) | B(SWAPBACKED))

/*
 * Eight pages: a page of its own, a 4-page anon folio whole, the first
 * two of a 4-page file folio (the page after them a tail), one not
 * present. Fed whole, or cut anywhere: the same counts.
 */
static const uint64_t pm[8] = { P(7),  P(16), P(17), P(18),
				P(19), P(40), P(41), 0 };
static const uint64_t fl[8] = {
	ANON,
	ANON | B(HEAD) | B(THP),
	B(TAIL) | B(THP), /* as 6.1 writes a tail: no ANON */
	B(TAIL) | B(THP),
	B(TAIL) | B(THP),
	B(LRU) | B(HEAD) | B(THP),
	B(LRU) | B(TAIL) | B(THP),
	0,
};
/* the flags of the PFN after each */
static const uint64_t nx[8] = {
	0, B(TAIL), B(TAIL), B(TAIL), ANON, B(TAIL), B(LRU) | B(TAIL), 0,
};

static void expect_eight(const struct ms_folios *f)
{
	assert_int_equal(f->anon[0], 1);
	assert_int_equal(f->anon[2], 4);
	assert_int_equal(f->file[1] + f->file[2], 0);
	assert_int_equal(f->part_file, 2);
	assert_int_equal(f->part_anon, 0);
}

static void scanner(void **state)
{
	(void)state;
	for (size_t cut = 0; cut <= 8; cut++) {
		struct ms_folios f = { 0 };
		struct ms_folio_scan st;

		ms_folio_init(&st, &f);
		ms_folio_feed(&st, 100, pm, fl, nx, cut);
		ms_folio_feed(&st, 100 + cut, pm + cut, fl + cut, nx + cut,
			      8 - cut);
		ms_folio_flush(&st);
		expect_eight(&f);
	}
}

/* A run broken in virtual or physical order is not a folio mapped whole. */
static void broken(void **state)
{
	const uint64_t p2[4] = { P(16), P(17), P(19), P(18) };
	const uint64_t f2[4] = { ANON | B(HEAD), ANON | B(TAIL), ANON | B(TAIL),
				 ANON | B(TAIL) };
	const uint64_t n2[4] = { B(TAIL), B(TAIL), 0, B(TAIL) };
	/* a whole two-page folio, but its head not aligned to two pages */
	const uint64_t p3[2] = { P(33), P(34) };
	const uint64_t n3[2] = { B(TAIL), 0 };
	struct ms_folios f = { 0 };
	struct ms_folio_scan st;

	(void)state;
	ms_folio_init(&st, &f);
	ms_folio_feed(&st, 0, p2, f2, n2, 4);
	ms_folio_flush(&st);
	assert_int_equal(f.part_anon, 4);
	ms_folio_feed(&st, 10, p3, f2, n3, 2);
	ms_folio_flush(&st);
	assert_int_equal(f.part_anon, 6);
	for (int o = 0; o < MS_FOLIO_ORDERS; o++)
		assert_int_equal(f.anon[o] + f.file[o], 0);
}

/* The folio-synth process's VMAs, as folio-synth.py lays them out. */
static void expect_vma(const struct ms_vma *v)
{
	const struct ms_folios *f = &v->folios;

	assert_true(f->read);
	assert_int_equal(f->page_kb, 4);
	switch (v->start) {
	case 0x10000:
		assert_int_equal(f->anon[0], 4);
		assert_int_equal(f->anon[2], 4);
		assert_int_equal(f->anon[4], 16);
		assert_int_equal(f->part_anon, 12);
		break;
	case 0x200000:
		assert_int_equal(f->anon[9], 512);
		assert_int_equal(f->part_anon, 0);
		break;
	case 0x400000:
		assert_int_equal(f->file[3], 8);
		assert_int_equal(f->file[2], 4);
		assert_int_equal(f->file[0], 0);
		assert_int_equal(f->part_file, 2);
		break;
	case 0x500000:
		break;
	default:
		fail();
	}
}

static void expect_synth(const struct ms_vmas *vs)
{
	struct ms_folio_size e[MS_FOLIO_ORDERS];
	/* size, anon, file kB: the text output's golden line */
	static const struct ms_folio_size want[] = {
		{ 4, 16, 0 },  { 16, 16, 16 },	  { 32, 0, 32 },
		{ 64, 64, 0 }, { 2048, 2048, 0 },
	};
	int n;

	assert_int_equal(vs->n, 4);
	for (int i = 0; i < vs->n; i++)
		expect_vma(&vs->v[i]);
	n = ms_folio_sizes(&vs->folios, e, MS_FOLIO_ORDERS);
	assert_int_equal(n, 5);
	assert_memory_equal(e, want, sizeof(want));
	assert_int_equal(vs->folios.part_anon * 4, 48);
	assert_int_equal(vs->folios.part_file * 4, 8);
}

static void sample(struct pt_env *e, int want)
{
	struct ms_request req = { .sections = MS_SEC_BIT(MS_SEC_VMAS),
				  .pid = 4242,
				  .folios = want > 0,
				  .folios_full = want > 1 };

	ms_snapshot_reset(&e->s);
	e->pf.folio_want = req.folios ? 1 + req.folios_full : 0;
	assert_int_equal(ms_procfs_vmas(&e->root, &e->pf, 4242, NULL, &e->s),
			 0);
	ms_derive(&e->s);
}

static void whole(void **state)
{
	struct pt_env e;

	(void)state;
	pt_init(&e, SYNTH);
	sample(&e, 2);
	assert_true(e.s.vmas.folios_asked);
	assert_int_equal(e.s.vmas.folio_passes, 1);
	assert_true(e.s.vmas.folio_progress == 1);
	expect_synth(&e.s.vmas);
	/* not asked: nothing read, nothing written */
	sample(&e, 0);
	assert_false(e.s.vmas.folios_asked);
	assert_false(e.s.vmas.v[0].folios.read);
	pt_fini(&e);
}

/*
 * 100 pages a sample: the first VMA after one, the 2 MiB folio read over
 * six samples (its run carried from one to the next), progress rising.
 */
static void budget(void **state)
{
	struct pt_env e;
	double last = 0;
	int i;

	(void)state;
	pt_init(&e, SYNTH);
	e.pf.folio_budget = 100;
	sample(&e, 1);
	expect_vma(&e.s.vmas.v[0]);
	assert_false(e.s.vmas.v[1].folios.read);
	for (i = 0; i < 10 && !e.s.vmas.folio_passes; i++) {
		assert_true(e.s.vmas.folio_progress > last);
		assert_true(e.s.vmas.folio_progress < 1);
		last = e.s.vmas.folio_progress;
		sample(&e, 1);
	}
	assert_int_equal(i, 5); /* 592 pages: the sixth sample ends the pass */
	assert_true(e.s.vmas.folio_progress == 1);
	expect_synth(&e.s.vmas);
	/* the next pass: the last one's counts until it reads them again */
	sample(&e, 1);
	assert_true(e.s.vmas.folio_progress < 1);
	expect_synth(&e.s.vmas);
	pt_fini(&e);
}

/* Written and read back as a replay reads it: the same counts. */
/*
 * The pid exec'd between two passes: the next pass reads the new mm's
 * pagemap, not the old file kept open (here: pagemap replaced by one with
 * no page present).
 */
static void exec_between_passes(void **state)
{
	char dir[] = "/tmp/ms-folio-XXXXXX", cmd[256], path[128];
	struct pt_env e;
	uint64_t anon = 0; /* and file */
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "cp -r " SYNTH "/. %s", dir);
	assert_int_equal(system(cmd), 0);
	pt_init(&e, dir);
	sample(&e, 2);
	expect_synth(&e.s.vmas);
	snprintf(path, sizeof(path), "%s/proc/4242/pagemap.new", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	for (int i = 0; i < 10256; i++) /* the old one's size */
		fputc(0, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "%s/proc/4242/pagemap", dir);
	assert_int_equal(rename(path, cmd), 0);
	sample(&e, 2);
	for (int o = 0; o < MS_FOLIO_ORDERS; o++)
		anon += e.s.vmas.folios.anon[o] + e.s.vmas.folios.file[o];
	assert_int_equal(anon, 0);
	pt_fini(&e);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

static void json_back(void **state)
{
	struct ms_snapshot b;
	struct pt_env e;
	char *line;

	(void)state;
	pt_init(&e, SYNTH);
	sample(&e, 2);
	e.s.have |= MS_SEC_BIT(MS_SEC_VMAS);
	line = pt_json_back(&e.s, &b);
	assert_non_null(strstr(line, "\"folios\":[{\"size_kb\":4,"
				     "\"anon_kb\":16,\"file_kb\":0},"));
	assert_true(b.vmas.folios_asked);
	expect_synth(&b.vmas);
	free(line);
	ms_snapshot_free(&b);
	pt_fini(&e);
}

/* Where kpageflags cannot be read, a note says why. */
static void missing(void **state)
{
	struct pt_env e;

	(void)state;
	pt_init(&e, "tests/fixtures/edge-proc-nosmaps");
	e.pf.folio_want = 2;
	assert_int_equal(ms_procfs_vmas(&e.root, &e.pf, 600, NULL, &e.s), 0);
	assert_false(e.s.vmas.folios_asked);
	assert_string_equal(ms_snapshot_why(&e.s, "folios"),
			    "no kpageflags in the captured tree");
	pt_fini(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scanner),
		cmocka_unit_test(broken),
		cmocka_unit_test(whole),
		cmocka_unit_test(budget),
		cmocka_unit_test(json_back),
		cmocka_unit_test(missing),
		cmocka_unit_test(exec_between_passes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
