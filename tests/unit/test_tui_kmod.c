// SPDX-License-Identifier: GPL-2.0
/*
 * memscope.ko's pages drawn off screen: the maple tree (VMA tab), the
 * allocation probe (Buddy) and the slab benchmark (Slab), on the lab VM's
 * capture with the module and on a tree without it.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probes/probe.h"
#include "tui/tabs/vma/maple.h"
#include "tui/view.h"
#include "tui/widgets.h"
#include "tests/unit/tui_test.h"

#define KMOD "tests/fixtures/kmod-6.1"
#define NOKMOD "tests/fixtures/debian-6.1-2node"

static const struct ms_opts opts = { .interval = 1, .root = KMOD };
static const struct ms_ui ui = { .opts = &opts, .utf8 = true };

static void keys(struct ms_view *v, const char *s)
{
	for (; *s; s++)
		ms_view_key(v, *s);
}

/* The VMA tab on the 1,000-VMA process: its tree, level by level. */
static void test_maple(void **state)
{
	struct tt_tree *f = tt_open(KMOD);
	struct ms_view *v = ms_view_vma.create(&ui);
	struct ms_request req = { 0 };

	tt_sample(f, v, 0);
	keys(v, "/vmas\n");
	assert_int_equal(ms_view_key(v, 't'), MS_KEY_RESAMPLE);
	ms_view_request(v, &req);
	assert_true(req.sections & MS_SEC_BIT(MS_SEC_MAPLE));
	assert_int_equal(req.maple_pid, 192);
	tt_sample(f, v, 0);
	tt_draw(v, f->w);
	tt_assert_row(f->w,
		      "pid 192 vmas: maple tree (mm->mm_mt, memscope.ko)");
	tt_assert_row(f->w, "height 4, 143 nodes, 2157 slots, 1010 VMAs "
			    "(map_count 1010), flags 0x313");
	tt_assert_row(f->w, "    3    126  126 leaf_64                  2015  "
			    "15 / 16.0 / 16        1010   1005");
	tt_assert_row(f->w,
		      "#0 arange_64 000000000000-   ULONG_MAX  2 slots: 2 "
		      "children, largest gap 16E  [000000001e890012]");
	tt_assert_row(f->w,
		      "\u2502 \u2502 \u251c\u2500#3 leaf_64   "
		      "000000000000-7f5e11390fff 15 slots: 10 VMAs, 5 gaps");
	/* read once: later samples do not ask for it again */
	memset(&req, 0, sizeof(req));
	ms_view_request(v, &req);
	assert_false(req.sections & MS_SEC_BIT(MS_SEC_MAPLE));
	tt_sample(f, v, 0);
	tt_draw(v, f->w);
	tt_assert_row(f->w, "height 4, 143 nodes");
	/* the slots, and the last one of the last leaf */
	assert_int_equal(ms_view_key(v, 'v'), MS_KEY_DONE);
	tt_draw(v, f->w);
	tt_assert_row(f->w, "1 000000400000-000000400fff vma r--p   4.0K   "
			    "8000071 rd mr mw me sd");
	tt_assert_row(f->w, "\u2502 pivots 7f5e116e0fff ffffffffffffffff");
	ms_view_key(v, KEY_END);
	tt_draw(v, f->w);
	tt_assert_row(f->w, "11 7ffce3f5f000-7ffce3f7ffff vma rw-p   132K    "
			    "100173 rd wr mr mw me gd ac");
	tt_assert_row(f->w, "15 7ffce3fb1000-   ULONG_MAX gap  16E");
	/* back to the process list, which is read again */
	assert_int_equal(ms_view_key(v, MS_KEY_ESC), MS_KEY_RESAMPLE);
	tt_sample(f, v, 0);
	tt_draw(v, f->w);
	tt_assert_row(f->w, "Processes:");
	v->cls->destroy(v);
	tt_close(f);
}

/* From the VMA list, `t` marks the selected VMA's slot and shows it. */
static void test_maple_mark(void **state)
{
	struct tt_tree *f = tt_open(KMOD);
	struct ms_view *v = ms_view_vma.create(&ui);
	int y;

	tt_sample(f, v, 0);
	keys(v, "/vmas\n");
	assert_int_equal(ms_view_key(v, '\n'), MS_KEY_RESAMPLE);
	tt_sample(f, v, 0);
	ms_view_key(v, KEY_END);
	ms_view_key(v, KEY_UP); /* [vvar] */
	tt_draw(v, f->w);
	assert_int_equal(ms_view_key(v, 't'), MS_KEY_RESAMPLE);
	tt_sample(f, v, 0);
	tt_draw(v, f->w);
	y = tt_find(f->w, "13 7ffce3fab000-7ffce3faefff vma r--p    16K   "
			  "c044411 rd mr pf io de dd sd");
	assert_true(y > 0);
	assert_int_not_equal(ms_attr(MS_C_SELECTION) & A_COLOR, 0);
	assert_int_equal(mvwinch(f->w, y, 20) & A_COLOR,
			 ms_attr(MS_C_SELECTION) & A_COLOR);
	/* the slot above is not marked */
	assert_int_not_equal(mvwinch(f->w, y - 1, 20) & A_COLOR,
			     ms_attr(MS_C_SELECTION) & A_COLOR);
	v->cls->destroy(v);
	tt_close(f);
}

/* The view alone: what it says without a tree, and a big one's levels. */
static void test_maple_view(void **state)
{
	struct ms_maple_view mv = { 0 };
	struct ms_snapshot s;
	WINDOW *w = newwin(12, 100, 0, 0);

	ms_snapshot_init(&s);
	ms_snapshot_note(&s, "maple",
			 "process 5: no such process, or it "
			 "is exiting");
	ms_maple_view_set(&mv, &s, 5);
	ms_maple_view_draw(&mv, w, (struct ms_rect){ 0, 0, 12, 100 }, &ui, "t");
	tt_assert_row(w, "maple tree unavailable: process 5: no such process");
	assert_int_equal(ms_maple_view_key(&mv, 'x'), MS_KEY_PASS);
	/* a tree whose counts a replay has as null: "-", not 2^64 - 1 */
	s.have = MS_SEC_BIT(MS_SEC_MAPLE);
	s.maple.pid = 5;
	s.maple.height = s.maple.vmas = s.maple.map_count = MS_NA;
	s.maple.tree_flags = MS_NA;
	ms_maple_view_set(&mv, &s, 5);
	werase(w);
	ms_maple_view_draw(&mv, w, (struct ms_rect){ 0, 0, 12, 100 }, &ui, "t");
	tt_assert_row(w, "height -, 0 nodes, 0 slots, - VMAs (map_count -), "
			 "flags 0x-");
	tt_assert_no_row(w, "18446744073709551615");
	ms_maple_view_free(&mv);
	ms_snapshot_free(&s);
	delwin(w);
}

/* Buddy and Slab on a captured tree: the experiments cannot run. */
static void test_probe_bench_tree(void **state)
{
	struct tt_tree *f = tt_open(KMOD);
	struct ms_view *b = ms_view_buddy.create(&ui);
	struct ms_view *s = ms_view_slab.create(&ui);
	struct ms_request req = { 0 };

	tt_sample(f, b, 0);
	assert_int_equal(ms_view_key(b, 'a'), MS_KEY_RESAMPLE);
	ms_view_request(b, &req);
	assert_true(req.sections & MS_SEC_BIT(MS_SEC_ALLOC_PROBE));
	assert_int_equal(req.alloc_probe.node, 0);
	assert_int_equal(req.alloc_probe.count, 8);
	tt_sample(f, b, 0);
	tt_draw(b, f->w);
	tt_assert_row(f->w, "Allocation probe: node 0 (zone DMA selected), 8 "
			    "attempts per order");
	tt_assert_row(f->w, "allocation probe unavailable: a captured tree "
			    "cannot run the probe");
	keys(b, "+++"); /* 8, 16, and no more */
	tt_draw(b, f->w);
	tt_assert_row(f->w, "16 attempts per order");
	keys(b, "-----");
	tt_draw(b, f->w);
	tt_assert_row(f->w, "node 0 (zone DMA selected), 1 attempts per order");
	assert_int_equal(ms_view_key(b, MS_KEY_ESC), MS_KEY_DONE);
	/* the drill-down says where the per-type counts come from */
	assert_int_equal(ms_view_key(b, '\n'), MS_KEY_RESAMPLE);
	tt_sample(f, b, 0);
	tt_draw(b, f->w);
	ms_view_key(b, KEY_END);
	tt_draw(b, f->w);
	tt_assert_row(f->w, "(memscope.ko: one hold of the zone lock)");
	tt_assert_row(f->w, "pages: free pages per type");
	assert_int_equal(tt_find(f->w, "pblks"), -1);

	tt_sample(f, s, 0);
	assert_int_equal(ms_view_key(s, 'b'), MS_KEY_RESAMPLE);
	tt_sample(f, s, 0);
	tt_draw(s, f->w);
	tt_assert_row(f->w, "Slab benchmark: 10000 objects of 256 bytes");
	tt_assert_row(f->w,
		      "slab benchmark unavailable: a captured tree cannot "
		      "run the benchmark");
	/* 1 KiB x 100,000 is over the module's 64 MiB: fewer objects */
	keys(s, "++]");
	tt_draw(s, f->w);
	tt_assert_row(f->w, "Slab benchmark: 10000 objects of 1024 bytes");
	keys(s, "[-");
	keys(s, "]");
	tt_draw(s, f->w);
	tt_assert_row(f->w, "Slab benchmark: 10000 objects of 512 bytes");
	b->cls->destroy(b);
	s->cls->destroy(s);
	tt_close(f);
}

/*
 * The experiment v asked for ran: its result, as the module gives it, put
 * into the tree's last sample, which v gets again.
 */
static void put_result(struct tt_tree *f, struct ms_view *v,
		       enum ms_section sec)
{
	f->s.have |= MS_SEC_BIT(sec);
	if (sec == MS_SEC_ALLOC_PROBE)
		f->s.alloc_probe = (struct ms_alloc_probe){
			.node = 0,
			.count = 8,
			.nr_orders = 2,
			.order = { { 8, 8, 0, 900, 1500, 4000, 0 },
				   { 8, 6, 2, 1200, 2500, 12345678, 0 } },
		};
	else
		f->s.slab_bench = (struct ms_slab_bench){
			.seq = 1,
			.size = 256,
			.count = 10000,
			.cache_object_size = 256,
			.kmalloc_bucket = 256,
			.r = { { { 10000, 0, 20000000, 50, 40, 90, 3000 },
				 { 10000, 0, 25000000, 40, 30, 80, 2000 } },
			       { { 10000, 3, 10000000, 100, 80, 200, 9000 },
				 { 10000, 0, 12500000, 80, 60, 150, 5000 } } },
		};
	ms_view_update(v, &f->s, NULL);
}

/*
 * The experiments' result screens (tui/kexp.c) with a result as the
 * module gives it, put into the captured tree's sample.
 */
static void test_probe_bench_result(void **state)
{
	struct tt_tree *f = tt_open(KMOD);
	struct ms_view *b = ms_view_buddy.create(&ui);
	struct ms_view *s = ms_view_slab.create(&ui);
	char row[160];
	int y;

	tt_sample(f, b, 0);
	assert_int_equal(ms_view_key(b, 'a'), MS_KEY_RESAMPLE);
	tt_sample(f, b, 0); /* the tree says it cannot run it */
	assert_int_equal(ms_view_key(b, 'a'), MS_KEY_RESAMPLE);
	put_result(f, b, MS_SEC_ALLOC_PROBE);
	tt_draw(b, f->w);
	tt_assert_row(f->w, "Allocation probe: node 0 (zone DMA selected), 8 "
			    "attempts per order  (Esc back)");
	tt_assert_row(f->w, "memscope.ko: alloc_pages_node(node, GFP_KERNEL");
	tt_assert_row(f->w, "orders 0..1 probed at ");
	tt_assert_row(f->w, "Order  Block   OK Fail      Min     Mean      Max "
			    "    Avail success");
	/* Avail: every free page of node 0 is a block of order 0 */
	snprintf(row, sizeof(row),
		 "    0   4.0K    8    0    900ns    1.5\u00b5s "
		 "   4.0\u00b5s %9llu \u2588",
		 (unsigned long long)ms_node_avail(&f->s.buddy, 0, 0));
	tt_assert_row(f->w, row);
	tt_assert_row(f->w,
		      "    1   8.0K    6    2    1.2\u00b5s    2.5\u00b5s "
		      " 12.35ms");
	/* what the module (here: the tree) said comes last, then the keys */
	y = tt_find(f->w, "a captured tree cannot run the probe");
	assert_true(y > 0);
	assert_string_equal(tt_row(f->w, y + 2),
			    "a or Enter: probe again   +/-: attempts per "
			    "order   Esc: back to the zones");
	assert_string_equal(ms_view_hints(b),
			    "a probe again  +/- attempts  Esc back");

	tt_sample(f, s, 0);
	assert_int_equal(ms_view_key(s, 'b'), MS_KEY_RESAMPLE);
	tt_sample(f, s, 0);
	assert_int_equal(ms_view_key(s, '\n'), MS_KEY_RESAMPLE);
	put_result(f, s, MS_SEC_SLAB_BENCH);
	tt_draw(s, f->w);
	tt_assert_row(f->w, "run ");
	tt_assert_row(f->w, ": 10000 objects of 256 bytes; the cache's object "
			    "size 256B, kmalloc's bucket 256B");
	tt_assert_row(f->w, "kmem_cache alloc      20M     50ns     40ns     "
			    "90ns    3.0\u00b5s       0 \u2588");
	tt_assert_row(f->w, "kmalloc    alloc      10M    100ns     80ns    "
			    "200ns    9.0\u00b5s       3 \u2588");
	tt_assert_row(f->w, "free: the dedicated cache does 2.00x the calls "
			    "per second of kmalloc");
	y = tt_find(f->w, "a captured tree cannot run the benchmark");
	assert_true(y > 0);
	assert_string_equal(tt_row(f->w, y + 2),
			    "b or Enter: run   +/-: object size   [/]: object "
			    "count   Esc: back to the caches");
	assert_string_equal(ms_view_hints(s),
			    "b run  +/- size  [/] count  Esc back");
	assert_int_equal(ms_view_key(s, MS_KEY_ESC), MS_KEY_DONE);
	tt_draw(s, f->w);
	tt_assert_row(f->w, "ObjSz");
	b->cls->destroy(b);
	s->cls->destroy(s);
	tt_close(f);
}

/* A tree without the module: each page says so, nothing else changes. */
static void test_no_module(void **state)
{
	struct tt_tree *f = tt_open(NOKMOD);
	struct ms_view *v = ms_view_vma.create(&ui);
	struct ms_view *b = ms_view_buddy.create(&ui);

	tt_sample(f, v, 0);
	assert_int_equal(ms_view_key(v, 't'), MS_KEY_RESAMPLE);
	tt_sample(f, v, 0);
	tt_draw(v, f->w);
	tt_assert_row(f->w,
		      "maple tree unavailable: module not loaded when this "
		      "tree was captured");
	tt_sample(f, b, 0);
	assert_string_equal(f->s.source[MS_SEC_BUDDY], "procfs");
	ms_view_key(b, 'a');
	tt_sample(f, b, 0);
	tt_draw(b, f->w);
	tt_assert_row(f->w,
		      "allocation probe unavailable: module not loaded when "
		      "this tree was captured");
	v->cls->destroy(v);
	b->cls->destroy(b);
	tt_close(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_maple),
		cmocka_unit_test(test_maple_mark),
		cmocka_unit_test(test_maple_view),
		cmocka_unit_test(test_probe_bench_tree),
		cmocka_unit_test(test_probe_bench_result),
		cmocka_unit_test(test_no_module),
	};
	return tt_run("test_tui_kmod", tests, true);
}
