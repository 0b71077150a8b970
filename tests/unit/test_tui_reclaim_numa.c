// SPDX-License-Identifier: GPL-2.0
/*
 * The Reclaim and NUMA tabs drawn off screen: from captured trees through
 * the real manager, and from hand-made snapshots (variants of vmstat
 * counters). The VMA tab: test_tui_vma.c.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probes/probe.h"
#include "tui/view.h"
#include "tui/widgets.h"
#include "tests/unit/tui_test.h"

#define FIX "tests/fixtures/"

static const struct ms_opts opts = { .interval = 1, .root = FIX };
static const struct ms_ui ui = { .opts = &opts, .utf8 = true };

/* A counter line of the Reclaim overview at 80 columns. */
static void assert_counter(WINDOW *w, const char *label, const char *val,
			   const char *rate)
{
	char buf[128];

	snprintf(buf, sizeof(buf), "  %-28s %13s %11s", label, val, rate);
	for (int n = (int)strlen(buf); n > 0 && buf[n - 1] == ' '; n--)
		buf[n - 1] = '\0';
	tt_assert_row(w, buf);
}

/* ---- Reclaim ----------------------------------------------------------- */

static void test_reclaim_fixture(void **state)
{
	struct tt_tree *f = tt_open(FIX "debian12-6.18");
	struct ms_view *v = ms_view_reclaim.create(&ui);
	WINDOW *w = newwin(24, 80, 0, 0);
	struct ms_request req = { 0 };

	ms_view_request(v, &req);
	assert_true(req.sections & MS_SEC_BIT(MS_SEC_RECLAIM));
	tt_sample(f, v, 0);
	tt_draw(v, w);
	/* one sample: rates are unknown, shown as "-" */
	assert_counter(w, "pgfault", "7542498", "-");
	assert_counter(w, "pgmajfault", "1000", "-");
	/* workingset_refault_anon 0 + workingset_refault_file 46705 */
	assert_counter(w, "workingset refault", "46705", "-");
	/* allocstall_{dma,dma32,normal,movable,device}, all 0 */
	assert_counter(w, "allocstall", "0", "-");
	assert_counter(w, "steal/scan kswapd", "-", "");
	tt_assert_page(v, w, "  min_free_kbytes           67584 (66M)");
	tt_assert_page(v, w,
		       "  watermark_scale_factor    10 (0.10% of memory)");
	tt_assert_page(v, w, "  enabled                   madvise");
	tt_assert_page(v, w, "    pages_to_scan           4096");
	tt_assert_page(v, w, "  lru_gen: kernel without MGLRU");
	tt_assert_page(v, w, "  no swap devices");
	/* a capture without hugepages-NkB directories says so */
	tt_assert_page(v, w,
		       "  thp_sizes: no hugepages-NkB sizes in this tree "
		       "(multi-size THP: kernel 6.8+)");
	tt_assert_page(v, w, "  zram0  lzo-rle  disksize 0B");

	/* every counter, filtered */
	assert_int_equal(ms_view_key(v, '/'), MS_KEY_DONE);
	for (const char *k = "pgscan_direct"; *k; k++)
		ms_view_key(v, *k);
	assert_int_equal(ms_view_key(v, '\n'), MS_KEY_DONE);
	tt_draw(v, w);
	/* "(Esc back)" two spaces after the title, as on every screen */
	tt_assert_row(w, "Every /proc/vmstat counter  (Esc back)");
	tt_assert_row(w, "pgscan_direct_throttle");
	tt_assert_row(w, "Filter: pgscan_direct  (2 of 192)");
	/* an amount that fell shows its negative rate, a reset says so */
	for (int i = 0; i < f->s.reclaim.vmstat.n; i++) {
		struct ms_kv *kv = &f->s.reclaim.vmstat.v[i];

		kv->rate = !strcmp(kv->name, "pgscan_direct") ? -9500 : NAN;
		kv->reset = !strcmp(kv->name, "pgscan_direct_throttle");
	}
	tt_draw(v, w);
	tt_assert_row(w, "-9.5K/s");
	assert_non_null(
		strstr(tt_find_row(w, "pgscan_direct_throttle"), " reset"));
	/* Esc clears the filter, the next one goes back */
	assert_int_equal(ms_view_key(v, MS_KEY_ESC), MS_KEY_DONE);
	tt_draw(v, w);
	tt_assert_no_row(w, "Filter:");
	assert_int_equal(ms_view_key(v, MS_KEY_ESC), MS_KEY_DONE);
	assert_int_equal(ms_view_key(v, MS_KEY_ESC), MS_KEY_PASS);
	/* the overview kept its scroll position */
	tt_draw(v, w);
	tt_assert_row(w, "  zram0  lzo-rle  disksize 0B");
	assert_int_equal(ms_view_key(v, KEY_HOME), MS_KEY_DONE);
	tt_draw(v, w);
	tt_assert_row(w, "Reclaim (/proc/vmstat)");
	v->cls->destroy(v);
	delwin(w);
	tt_close(f);
}

static void add_counter(struct ms_snapshot *s, const char *name, uint64_t val,
			double rate)
{
	struct ms_kv *kv = ms_kv_add(&s->reclaim.vmstat, name, val);

	assert_non_null(kv);
	kv->rate = rate;
}

static void reclaim_snapshot(struct ms_snapshot *s)
{
	struct ms_swapdev *d;
	struct ms_zram *z;

	ms_snapshot_init(s);
	s->have = MS_SEC_BIT(MS_SEC_RECLAIM);
	add_counter(s, "allocstall_normal", 3, 1.0);
	add_counter(s, "allocstall_movable", 4, 2.0);
	add_counter(s, "pgscan_direct", 10, 0);
	add_counter(s, "pgscan_direct_throttle", 99, 0);
	add_counter(s, "pgsteal_direct", 5, 0);
	add_counter(s, "thp_fault_fallback", 5, NAN);
	add_counter(s, "thp_fault_fallback_charge", 7, NAN);
	add_counter(s, "oom_kill", 2, 0.5);
	add_counter(s, "pgscan_kswapd", 1, NAN);
	s->reclaim.vmstat.v[s->reclaim.vmstat.n - 1].reset = true;
	s->reclaim.psi_some =
		(struct ms_psi_line){ true, 1.25, 0.5, 0.07, 2500000, 12345 };
	s->reclaim.lru_gen_enabled = 3;
	s->reclaim.lru_gen_min_ttl_ms = 0;
	d = ms_swap_add(&s->reclaim);
	snprintf(d->name, sizeof(d->name), "/swap\x1b[31m\nfile");
	snprintf(d->type, sizeof(d->type), "file");
	d->size_kb = 1048576;
	d->used_kb = 262144;
	d->prio = -2;
	z = ms_zram_add(&s->reclaim);
	snprintf(z->name, sizeof(z->name), "zram0");
	snprintf(z->comp_algorithm, sizeof(z->comp_algorithm), "zstd");
	z->disksize = 1 << 30;
	z->orig_data_size = 300 << 20;
	z->compr_data_size = 100 << 20;
	z->mem_used_total = 110 << 20;
	z->mem_limit = 0;
	ms_derive_sums(s); /* the variants' sums */
}

static void test_reclaim_variants(void **state)
{
	struct ms_snapshot s;
	struct ms_view *v = ms_view_reclaim.create(&ui);
	WINDOW *w = newwin(24, 80, 0, 0);

	reclaim_snapshot(&s);
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	/* per-zone variants add up, rates too */
	assert_counter(w, "allocstall", "7", "+3.0/s");
	/* pgscan_direct_throttle is another counter */
	assert_counter(w, "pgscan direct", "10", "0/s");
	assert_counter(w, "steal/scan direct", "50.0%", "");
	assert_counter(w, "oom_kill", "2", "+0.5/s");
	/* a counter that went down was reset: said so, no rate */
	assert_counter(w, "pgscan kswapd", "1", "reset");
	/* a counter this kernel lacks is "-", never 0 */
	assert_counter(w, "pgsteal kswapd", "-", "-");
	tt_assert_page(v, w, "  thp_fault_fallback                       5");
	tt_assert_page(v, w,
		       "  some   1.25   0.50   0.07      2.5s  +12.3ms/s");
	tt_assert_page(v, w,
		       "  full      -      -      -         -          -");
	tt_assert_page(v, w, "  enabled                   0x0003");
	tt_assert_page(v, w, "    mm_walk (0x2)           on");
	tt_assert_page(v, w, "    nonleaf_young (0x4)     off");
	tt_assert_page(v, w, "  min_ttl_ms                0 (off)");
	/* the hostile swap file name arrives escaped */
	tt_assert_page(v, w, "  /swap\\x1b[31m\\x0afile  file, priority -2");
	tt_assert_page(v, w, "] 256M / 1.0G 25.0%");
	tt_assert_page(v, w,
		       "    orig 300M  compr 100M  used 110M  ratio 3.00x");
	tt_assert_page(v, w, "─ zswap ─");
	tt_assert_page(v, w, "  not in this kernel");
	tt_assert_page(v, w, "  min_free_kbytes           -");
	for (int i = 0; i < 10; i++) {
		tt_draw(v, w);
		tt_assert_clean(w);
		ms_view_key(v, KEY_NPAGE);
	}
	/* zswap statistics are named by debugfs files: escaped too */
	snprintf(s.reclaim.zswap_enabled, sizeof(s.reclaim.zswap_enabled), "Y");
	assert_non_null(ms_kv_add(&s.reclaim.zswap_stats, "evil\x1b[2J", 5));
	ms_view_update(v, &s, NULL);
	tt_assert_page(v, w, "  evil\\x1b[2J               5");
	tt_assert_clean(w);
	/* the section missing altogether: the note says why */
	s.have = 0;
	ms_snapshot_note(&s, "vmstat", "permission denied");
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	tt_assert_row(w, "reclaim unavailable: vmstat: permission denied");
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	delwin(w);
}

/* ---- NUMA -------------------------------------------------------------- */

static void test_numa_fixture(void **state)
{
	struct tt_tree *f = tt_open(FIX "debian12-6.18");
	struct ms_view *v = ms_view_numa.create(&ui);
	WINDOW *w = newwin(24, 100, 0, 0);

	tt_sample(f, v, 0);
	tt_draw(v, w);
	tt_assert_row(w, "1 node online (0)  NUMA balancing disabled (0)");
	/* node0/meminfo: 5597396 kB total, 424364 used, 5173032 free */
	tt_assert_row(
		w, "N0   0-1                5.3G     414M     4.9G    7.6% [");
	tt_assert_row(w, "N0      10");
	tt_assert_row(w,
		      "N0           5050109              0              0    "
		      "       1131        5050109              0");
	tt_assert_row(w, "N0                 -              -              -");
	tt_assert_page(v, w,
		       "N0         94M     150M     244M      15M     8.6M"
		       "      97M     1.7M     476K        0        0");
	tt_assert_page(
		v, w,
		"  numa_hint_faults_local                  0            -");
	tt_assert_page(
		v, w,
		"  pgmigrate_success                       0            -");
	v->cls->destroy(v);
	delwin(w);
	tt_close(f);
}

static void test_numa_4node(void **state)
{
	struct tt_tree *f = tt_open(FIX "edge-numa-4node");
	struct ms_view *v = ms_view_numa.create(&ui);
	WINDOW *w = newwin(24, 80, 0, 0);

	tt_sample(f, v, 0);
	tt_draw(v, w);
	tt_assert_row(w, "4 nodes online (0-3)  NUMA balancing normal (1)");
	tt_assert_row(
		w, "N1   4-7                4.0G     2.0G     2.0G   50.0% [");
	/* a memoryless node */
	tt_assert_row(w,
		      "N3   12-15                0K       0K       0K       -"
		      " no memory");
	tt_assert_row(w, "        N0   N1   N2   N3");
	tt_assert_row(w, "N0      10   16   16   22");
	/* 80 columns: short numastat titles */
	tt_assert_row(w, "Node          hit        miss     foreign  interleave"
			 "       local       other");
	tt_assert_row(w, "N3         400000          30          60          11"
			 "      399995           5");
	/* this tree has no /proc/vmstat */
	tt_assert_page(v, w, "  no /proc/vmstat counters:");
	v->cls->destroy(v);
	delwin(w);
	tt_close(f);
}

static void test_numa_missing(void **state)
{
	struct ms_snapshot s;
	struct ms_view *v = ms_view_numa.create(&ui);
	WINDOW *w = newwin(24, 80, 0, 0);

	ms_snapshot_init(&s);
	ms_snapshot_note(&s, "numa", "kernel without NUMA support");
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	tt_assert_row(w, "numa unavailable: numa: kernel without NUMA support");
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	delwin(w);
}

/* ---- Debian's 6.1 kernel with two nodes ---------------------------------- */

static void test_6_1_numa(void **state)
{
	struct tt_tree *f = tt_open(FIX "debian-6.1-2node");
	struct ms_view *v = ms_view_numa.create(&ui);
	WINDOW *w = newwin(40, 100, 0, 0);

	tt_sample(f, v, 0);
	tt_draw(v, w);
	tt_assert_row(w, "2 nodes online (0-1)  NUMA balancing normal (1)");
	/* node1: 1028932 kB total, 52184 used, 976748 free */
	tt_assert_row(
		w, "N1   1                 1005M      51M     954M    5.1% [");
	tt_assert_row(w, "        N0   N1");
	tt_assert_row(w, "N0      10   20");
	tt_assert_row(w, "N1      20   10");
	tt_assert_row(w,
		      "N0             16899              0              0     "
		      "       211          15719           1180");
	tt_assert_row(w,
		      "N1              8994              0              0     "
		      "       434           8458            536");
	tt_assert_page(v, w, "  numa_pte_updates                     2048");
	tt_assert_page(v, w, "  numa_huge_pte_updates                   4");
	tt_assert_page(v, w, "  local hint faults                  100.0%");
	v->cls->destroy(v);
	delwin(w);
	tt_close(f);
}

static void test_6_1_reclaim(void **state)
{
	struct tt_tree *f = tt_open(FIX "debian-6.1-2node");
	struct ms_view *v = ms_view_reclaim.create(&ui);
	WINDOW *w = newwin(24, 80, 0, 0);

	tt_sample(f, v, 0);
	tt_draw(v, w);
	assert_counter(w, "pswpout", "2408", "-");
	assert_counter(w, "pgfault", "11615", "-");
	tt_assert_page(v, w, "  enabled                   0x0007");
	tt_assert_page(v, w, "    nonleaf_young (0x4)     on");
	tt_assert_page(v, w, "  /dev/zram0  partition, priority -2");
	tt_assert_page(v, w, "] 9.5M / 64M 14.8%");
	tt_assert_page(v, w, "Multi-size THP (hugepages-NkB)");
	tt_assert_page(v, w,
		       "  thp_sizes: no hugepages-NkB sizes in this tree "
		       "(multi-size THP: kernel 6.8+)");
	v->cls->destroy(v);
	delwin(w);
	tt_close(f);
}

/* 6.12's nine mTHP sizes: each size's choices, every stat, no rate yet. */
static void test_6_12_mthp(void **state)
{
	struct tt_tree *f = tt_open(FIX "debian-6.12-2node");
	struct ms_view *v = ms_view_reclaim.create(&ui);
	WINDOW *w = newwin(24, 80, 0, 0);

	tt_sample(f, v, 0);
	tt_draw(v, w);
	tt_assert_page(v, w, "  8kB  enabled -  shmem never");
	tt_assert_page(v, w, "  64kB  enabled never  shmem never");
	tt_assert_page(v, w, "  2048kB  enabled inherit  shmem inherit");
	assert_counter(w, "  anon_fault_alloc", "41", "-");
	assert_counter(w, "  nr_anon", "23", "-");
	assert_counter(w, "  split_deferred", "11", "-");
	v->cls->destroy(v);
	delwin(w);
	tt_close(f);
}

/* pid 127's 27 MiB anonymous mapping sits on node 1 (numa_maps). */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reclaim_fixture),
		cmocka_unit_test(test_reclaim_variants),
		cmocka_unit_test(test_numa_fixture),
		cmocka_unit_test(test_numa_4node),
		cmocka_unit_test(test_numa_missing),
		cmocka_unit_test(test_6_1_numa),
		cmocka_unit_test(test_6_1_reclaim),
		cmocka_unit_test(test_6_12_mthp),
	};
	return tt_run("test_tui_reclaim_numa", tests, false);
}
