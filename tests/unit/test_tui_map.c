// SPDX-License-Identifier: GPL-2.0
/*
 * The Buddy tab's physical memory map drawn off screen at 80x24 and
 * 200x60: the map of tests/fixtures/census-synth as the reader makes it
 * (its layout: tests/fixtures/census-synth.py), the cursor's block, zoom,
 * the legend, the other zone, a replay's letters without pages, the
 * section missing, the map by DAMON's accesses, and each kind's explain
 * text under the model's key and letter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "app/session.h"
#include "model/field.h"
#include "probes/probe.h"
#include "probes/procfs/census.h"
#include "probes/procfs/procfs.h"
#include "tui/explain.h"
#include "tui/view.h"
#include "tests/unit/procfs_test.h"
#include "tests/unit/tui_test.h"

static const struct ms_opts opts = { .interval = 1 };
static const struct ms_ui ui = { .opts = &opts, .utf8 = true };

/* The synthetic tree's zones in the buddy section of s. */
static void zones(struct ms_snapshot *s)
{
	static const char *const names[] = { "DMA", "Normal" };

	for (int i = 0; i < 2; i++) {
		struct ms_zone *z = ms_zone_add(&s->buddy);

		assert_non_null(z);
		z->node = 0;
		snprintf(z->name, sizeof(z->name), "%s", names[i]);
	}
	s->have |= MS_SEC_BIT(MS_SEC_BUDDY);
}

/* Its map read whole, and its zones. */
static void synth(struct pt_env *e)
{
	pt_init(e, "tests/fixtures/census-synth");
	assert_int_equal(ms_procfs_census(&e->root, &e->pf, true, true, &e->s),
			 0);
	e->s.have = MS_SEC_BIT(MS_SEC_PHYSMAP);
	zones(&e->s);
}

/* The map of the zone in the second row at 80x24, moved, zoomed. */
static void map_80x24(void **state)
{
	struct pt_env e;
	struct ms_view *v = ms_view_buddy.create(&ui);
	WINDOW *w = newwin(24, 80, 0, 0);
	struct ms_request req = { 0 };

	(void)state;
	synth(&e);
	ms_view_update(v, &e.s, NULL);
	tt_draw(v, w);
	assert_int_equal(ms_view_key(v, 'm'), MS_KEY_RESAMPLE);
	ms_view_request(v, &req);
	assert_true(req.sections & MS_SEC_BIT(MS_SEC_PHYSMAP));
	tt_draw(v, w);
	tt_assert_row(w, "Node 0, zone DMA: 2 blocks of 2.0M  1 a cell (fit)");
	tt_assert_row(w, "    0M ..");
	tt_assert_row(w, "block 0  pfn 0x1-0x1ff  . free");
	tt_assert_row(w, "pages: free 384 resv 31 hole 96");
	tt_assert_row(w, "free blocks: o5 2 o6 1 o8 1");
	tt_assert_row(w, "order 9: no, pinned by resv 31 hole 96");
	tt_assert_row(w, ". free 2");
	tt_assert_row(w, "types: not read for this zone");
	assert_string_equal(ms_view_hints(v),
			    "arrows  i/o zoom  f fit  t types  a access  "
			    "[/] zone  l legend  Esc back");
	/* the next zone: THP, THP, the kernel's odds and ends, hugetlb */
	assert_int_equal(ms_view_key(v, ']'), MS_KEY_DONE);
	tt_draw(v, w);
	tt_assert_row(w, "Node 0, zone Normal: 6 blocks of 2.0M");
	tt_assert_row(w, "    4M TTkH..");
	tt_assert_row(w, "block 0  pfn 0x400-0x5ff  T thp");
	tt_assert_row(w, "pages: anon 512");
	tt_assert_row(w, "free blocks: none");
	tt_assert_row(w, "order 9: yes, every page free or movable");
	tt_assert_row(w, ". free 2  k kernel 1  H hugetlb 1  T THP 2");
	ms_view_key(v, KEY_RIGHT);
	ms_view_key(v, KEY_RIGHT);
	tt_draw(v, w);
	tt_assert_row(w, "block 2  pfn 0x800-0x9ff  k kernel");
	tt_assert_row(w, "order 9: no, pinned by slab 64 pgtbl 16 resv 8 "
			 "offline 8 other 8 noflags 384");
	/* zoomed in to the block's pages, read for the screen */
	assert_int_equal(ms_view_key(v, 'i'), MS_KEY_RESAMPLE);
	memset(&req, 0, sizeof(req));
	ms_view_request(v, &req);
	assert_true(req.physmap_pages);
	assert_int_equal(req.physmap_pfn, 0x800);
	tt_draw(v, w);
	tt_assert_row(w, "reading the block's pages ...");
	e.pf.map_pages = true;
	e.pf.map_pfn = req.physmap_pfn;
	ms_snapshot_reset(&e.s);
	assert_int_equal(ms_procfs_census(&e.root, &e.pf, true, true, &e.s), 0);
	e.s.have = MS_SEC_BIT(MS_SEC_PHYSMAP);
	zones(&e.s);
	ms_view_update(v, &e.s, NULL);
	tt_draw(v, w);
	tt_assert_row(w, "block 2's pages (o back)");
	/* 64 slab pages, then page tables, shmem, mlocked, the kernel's */
	tt_assert_row(w, "0x800    ssssssssssssssssssssssssssssssssssssssss");
	tt_assert_row(w,
		      "0x840    ppppppppppppppppffffffffffffffffuuuuuuuukkkk");
	tt_assert_row(w, "page 0  pfn 0x800  s slab");
	ms_view_key(v, KEY_DOWN);
	ms_view_key(v, KEY_RIGHT);
	tt_draw(v, w);
	tt_assert_row(w, "page 65  pfn 0x841  p page_tables");
	tt_assert_row(w, "order 9: no, pinned by slab 64");
	assert_int_equal(ms_view_key(v, 'o'), MS_KEY_RESAMPLE);
	tt_draw(v, w);
	tt_assert_row(w, "    4M TTkH..");
	/* zoomed out: two blocks a cell, the cursor's cell summed */
	ms_view_key(v, 'o');
	tt_draw(v, w);
	tt_assert_row(w, "2 a cell");
	tt_assert_row(w, "    4M Tk.");
	tt_assert_row(w, "blocks 2-3  pfn 0x800-0xbff  mostly k kernel");
	tt_assert_row(w, "order 9: 0 of 2 blocks; pins: slab 64");
	ms_view_key(v, 'i');
	tt_draw(v, w);
	tt_assert_row(w, "blocks of 2.0M  1 a cell");
	tt_assert_no_row(w, "(fit)");
	ms_view_key(v, 'f');
	tt_draw(v, w);
	tt_assert_row(w, "1 a cell (fit)");
	/* the legend off and on */
	ms_view_key(v, 'l');
	tt_draw(v, w);
	tt_assert_no_row(w, "H hugetlb 1");
	ms_view_key(v, 'l');
	tt_draw(v, w);
	tt_assert_row(w, "H hugetlb 1");
	/* Esc: the zone list again */
	ms_view_key(v, 27);
	tt_draw(v, w);
	tt_assert_no_row(w, "TTkH..");
	v->cls->destroy(v);
	delwin(w);
	pt_fini(&e);
}

/* 200x60: one row, the legend on one line; End goes to the last block. */
static void map_200x60(void **state)
{
	struct pt_env e;
	struct ms_view *v = ms_view_buddy.create(&ui);
	WINDOW *w = newwin(60, 200, 0, 0);

	(void)state;
	synth(&e);
	ms_view_update(v, &e.s, NULL);
	ms_view_key(v, KEY_DOWN);
	ms_view_key(v, 'm');
	ms_view_key(v, KEY_END);
	tt_draw(v, w);
	tt_assert_row(w, "block 5  pfn 0xe00-0xfff  . free");
	tt_assert_row(w, "free blocks: o9 1");
	tt_assert_row(w, ". free 2  k kernel 1  H hugetlb 1  T THP 2");
	assert_int_equal(tt_find(w, "T THP 2"), 58);
	assert_int_equal(tt_find(w, "types: not read for this zone; per block: "
				    "not in this sample (memscope.ko)"),
			 59);
	/* without the module the sample says why */
	ms_snapshot_note(&e.s, "migratetypes", "module not loaded");
	tt_draw(v, w);
	assert_int_equal(tt_find(w, "per block: module not loaded"), 59);
	v->cls->destroy(v);
	delwin(w);
	pt_fini(&e);
}

/* A replay's map: the letters, not each block's pages; or no map. */
static void map_replay(void **state)
{
	struct pt_env e;
	struct ms_snapshot b;
	struct ms_view *v = ms_view_buddy.create(&ui);
	WINDOW *w = newwin(24, 80, 0, 0);
	char *line;

	(void)state;
	pt_init(&e, "tests/fixtures/census-synth");
	assert_int_equal(ms_procfs_census(&e.root, &e.pf, true, true, &e.s), 0);
	e.s.have = MS_SEC_BIT(MS_SEC_PHYSMAP);
	line = pt_json_back(&e.s, &b);
	free(line);
	zones(&b);
	ms_view_update(v, &b, NULL);
	ms_view_key(v, 'm');
	tt_draw(v, w);
	tt_assert_row(w, "    0M ..");
	tt_assert_row(w, "pages by kind: not in a recording");
	b.source[MS_SEC_PHYSMAP] = "replay";
	assert_int_equal(ms_view_key(v, 'i'), MS_KEY_RESAMPLE);
	tt_draw(v, w);
	tt_assert_row(w, "pages one by one: live only");
	ms_view_key(v, 27);
	b.have &= ~MS_SEC_BIT(MS_SEC_PHYSMAP);
	ms_snapshot_note(&b, "physmap", "needs root");
	tt_draw(v, w);
	tt_assert_row(w, "needs root");
	v->cls->destroy(v);
	delwin(w);
	ms_snapshot_free(&b);
	pt_fini(&e);
}

/*
 * The lab VM's capture with memscope.ko: each block's migrate type, the
 * types view (t), a polluted block under the cursor and what pollutes it;
 * and without the module the line that says why.
 */
static void map_types(void **state)
{
	struct ms_request req = {
		.sections = MS_SEC_BIT(MS_SEC_BUDDY) |
			    MS_SEC_BIT(MS_SEC_CENSUS) |
			    MS_SEC_BIT(MS_SEC_PHYSMAP),
		.census_full = true,
	};
	struct ms_view *v = ms_view_buddy.create(&ui);
	WINDOW *w = newwin(24, 80, 0, 0);
	struct ms_snapshot s;
	struct ms_manager m;
	struct ms_root r;

	(void)state;
	assert_int_equal(ms_root_open(&r, "tests/fixtures/kmod-6.1-pageblocks"),
			 0);
	assert_int_equal(ms_manager_open(&m, &r), 0);
	ms_snapshot_init(&s);
	ms_session_sample(&(struct ms_session){ .m = &m }, &req, &s, NULL);
	ms_view_update(v, &s, NULL);
	ms_view_key(v, KEY_DOWN); /* node 0 DMA32 */
	ms_view_key(v, 'm');
	tt_draw(v, w);
	tt_assert_row(w, "Node 0, zone DMA32: 184 blocks of 2.0M");
	tt_assert_row(w, "block 0  pfn 0x1000-0x11ff  k kernel  Unmovable");
	tt_assert_row(w, "types: U Unmovable 21  M Movable 143  R Reclaimable "
			 "2  P polluted 18");
	tt_assert_no_row(w, "UURRUUUUMMMM");
	/* t: the types' letters instead of the kinds' */
	assert_int_equal(ms_view_key(v, 't'), MS_KEY_DONE);
	tt_draw(v, w);
	tt_assert_row(w, "1 a cell (fit), types");
	tt_assert_row(w, "UURRUUUUMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMPMM");
	/* block 40: the first polluted one, and what pollutes it */
	for (int i = 0; i < 40; i++)
		ms_view_key(v, KEY_RIGHT);
	tt_draw(v, w);
	tt_assert_row(w, "block 40  pfn 0x6000-0x61ff  a anon  Movable, "
			 "polluted by other 8 noflags 1");
	/* zoomed out, a cell with a polluted block is polluted */
	ms_view_key(v, 'o');
	tt_draw(v, w);
	tt_assert_row(w, "blocks 40-41  pfn 0x6000-0x63ff  mostly . free  "
			 "types: M 1 P 1 by");
	ms_view_key(v, 't');
	ms_view_key(v, 27);
	ms_manager_close(&m);
	ms_root_close(&r);
	v->cls->destroy(v);
	delwin(w);
	ms_snapshot_free(&s);
}

/* The sample's DAMON: target, and regions {start, end, nr_accesses} */
static void damon(struct ms_snapshot *s, const char *target, int n,
		  const uint64_t (*r)[3])
{
	struct ms_damon *d = &s->damon;

	snprintf(d->target, sizeof(d->target), "%s", target);
	free(d->regions);
	d->regions = calloc((size_t)n + 1, sizeof(*d->regions));
	assert_non_null(d->regions);
	d->nr_regions = d->cap_regions = n;
	for (int i = 0; i < n; i++)
		d->regions[i] = (struct ms_damon_mregion){ r[i][0], r[i][1],
							   r[i][2], 10 * i };
}

/*
 * a: the Normal zone (pfn 0x400 on, six blocks) by DAMON's accesses; why
 * not without paddr regions, live and replayed, and for a process's.
 */
static void map_access(void **state)
{
	static const uint64_t r[][3] = {
		{ 0x400000, 0x800000, 20 }, /* blocks 0, 1: hot */
		{ 0x800000, 0xa00000, 0 }, /* block 2: cold */
		{ 0xa00000, 0xb00000, 3 }, /* half of block 3: cool */
		{ 0xe00000, 0x1000000, 7 }, /* block 5: warm; 4 a hole */
	};
	struct pt_env e;
	struct ms_view *v = ms_view_buddy.create(&ui);
	WINDOW *w = newwin(24, 80, 0, 0);

	(void)state;
	synth(&e);
	ms_view_update(v, &e.s, NULL);
	assert_int_equal(v->cls->damon_target(v), -1);
	ms_view_key(v, KEY_DOWN);
	ms_view_key(v, 'm');
	/* W from the map monitors physical memory */
	assert_int_equal(v->cls->damon_target(v), 0);
	/* no monitoring: the picture stays, the footer says why and W */
	assert_int_equal(ms_view_key(v, 'a'), MS_KEY_DONE);
	assert_string_equal(v->say, "a: access needs DAMON on physical "
				    "memory: W starts it");
	v->say[0] = '\0';
	tt_draw(v, w);
	tt_assert_row(w, "    4M TTkH..");
	tt_assert_no_row(w, "access");
	e.s.source[MS_SEC_PHYSMAP] = "replay";
	ms_view_key(v, 'a');
	assert_string_equal(v->say, "a: no DAMON paddr regions recorded (W "
				    "while recording)");
	damon(&e.s, "1234", 1, r);
	ms_view_key(v, 'a');
	assert_string_equal(v->say, "a: DAMON monitors pid 1234, not "
				    "physical memory (W: stop)");
	damon(&e.s, "paddr", 0, r);
	ms_view_key(v, 'a');
	assert_string_equal(v->say,
			    "a: no DAMON regions yet: a again after a sample");
	v->say[0] = '\0';
	/* the regions: each block by the bytes each region shares */
	damon(&e.s, "paddr", 4, r);
	assert_int_equal(ms_view_key(v, 'a'), MS_KEY_DONE);
	assert_string_equal(v->say, "");
	tt_draw(v, w);
	tt_assert_row(w, "1 a cell (fit), access");
	tt_assert_row(w, "    4M ##.:_+");
	tt_assert_row(w, "block 0  pfn 0x400-0x5ff  T thp");
	tt_assert_row(w, "access: hot  20.0 of 20 samples a 100 ms "
			 "aggregation, 100% monitored");
	tt_assert_row(w, "regions: 1  nr_accesses 20  age 0 (0.0 s)");
	tt_assert_row(w, "pages: anon 512");
	tt_assert_row(w, ". cold 1  : cool 1  + warm 1  # hot 2  _ not "
			 "monitored 1");
	tt_assert_row(w, ". <0.5  : <5  + <10  # 10-20 accesses a 100 ms "
			 "aggregation, mean by bytes");
	for (int i = 0; i < 3; i++)
		ms_view_key(v, KEY_RIGHT);
	tt_draw(v, w);
	tt_assert_row(w, "access: cool  3.0 of 20 samples a 100 ms "
			 "aggregation, 50% monitored");
	tt_assert_row(w, "regions: 1  nr_accesses 3  age 20 (2.0 s)");
	ms_view_key(v, KEY_RIGHT);
	tt_draw(v, w);
	tt_assert_row(w, "access: not monitored (no DAMON region covers it)");
	/* zoomed out: blocks 0-1 and 2-3 and 4-5, weighted by bytes */
	ms_view_key(v, 'o');
	ms_view_key(v, KEY_HOME);
	tt_draw(v, w);
	tt_assert_row(w, "    4M #:+");
	ms_view_key(v, KEY_RIGHT);
	tt_draw(v, w);
	tt_assert_row(w, "access: cool  1.0 of 20 samples a 100 ms "
			 "aggregation, 75% monitored");
	tt_assert_row(w, "regions: 2  nr_accesses 0-3  age 10-20 (1.0-2.0 s)");
	/* zoomed in to block 0's pages: from the regions, replayed too */
	ms_view_key(v, 'f');
	ms_view_key(v, KEY_HOME);
	tt_draw(v, w);
	assert_int_equal(ms_view_key(v, 'i'), MS_KEY_RESAMPLE);
	tt_draw(v, w);
	tt_assert_row(w, "0x400    ################################");
	tt_assert_row(w, "page 0  pfn 0x400");
	/* t: the types instead; the regions gone: the kinds, and why */
	ms_view_key(v, 'o');
	ms_view_key(v, 't');
	tt_draw(v, w);
	tt_assert_no_row(w, "access");
	ms_view_key(v, 't');
	ms_view_key(v, 'a');
	damon(&e.s, "", 0, r);
	tt_draw(v, w);
	tt_assert_row(w, "1 a cell (fit), access: none here (a off)");
	tt_assert_row(w, "    4M TTkH..");
	ms_view_key(v, 'a');
	tt_draw(v, w);
	tt_assert_no_row(w, "access");
	v->cls->destroy(v);
	delwin(w);
	pt_fini(&e);
}

/*
 * Every kind of the model has its text in explain mode, found by its key
 * and named by its letter ("'.' free"): the catalog's names are written by
 * hand, the letters come from the model.
 */
static void kind_texts(void **state)
{
	(void)state;
	for (int k = 0; k < MS_PK_N; k++) {
		char id[64], name[8];
		const struct ms_explain *x;

		snprintf(id, sizeof(id), "buddy.map.kind.%s",
			 ms_pm_kind_names[k]);
		snprintf(name, sizeof(name), "'%c' ", ms_pm_letter[k]);
		x = ms_explain_find(id);
		if (!x)
			fail_msg("no explain text for %s", id);
		if (strncmp(x->name, name, strlen(name)))
			fail_msg("%s is named %s, its letter is %c", id,
				 x->name, ms_pm_letter[k]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(map_80x24),  cmocka_unit_test(map_200x60),
		cmocka_unit_test(map_replay), cmocka_unit_test(map_types),
		cmocka_unit_test(map_access), cmocka_unit_test(kind_texts),
	};

	return tt_run("test_tui_map", tests, false);
}
