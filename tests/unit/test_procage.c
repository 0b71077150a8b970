// SPDX-License-Identifier: GPL-2.0
/*
 * Fresh process details: the staleness rule (model/procage.c), the order
 * of re-reads (probes/procfs/refresh.c) and the live cache's budget and
 * ages on a hand-made tree read as the live system, on a fake clock.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probes/procfs/procint.h"
#include "tests/unit/procfs_test.h"

/* ---- the rule ---- */

static void age_bound(void **state)
{
	/* 5 s at the default interval (1 s) and below, two intervals above */
	assert_true(ms_proc_age_bound(1.0) == 5.0);
	assert_true(ms_proc_age_bound(0.1) == 5.0);
	assert_true(ms_proc_age_bound(2.5) == 5.0);
	assert_true(ms_proc_age_bound(4.0) == 8.0);
	assert_true(ms_proc_age_bound(10.0) == 20.0);
	assert_true(ms_proc_age_bound(NAN) == 5.0);
}

static void rss_moved(void **state)
{
	/* the process: 13M to 513M and back */
	assert_true(ms_proc_rss_moved(525312, 13312));
	assert_true(ms_proc_rss_moved(13312, 525312));
	/* what per-CPU counters hold back, or a small process's megabyte */
	assert_false(ms_proc_rss_moved(13312, 13400));
	assert_false(ms_proc_rss_moved(5000, 5900));
	/* a tenth of a large one: within an eighth */
	assert_false(ms_proc_rss_moved(110000, 100000));
	assert_true(ms_proc_rss_moved(120000, 100000));
	assert_false(ms_proc_rss_moved(MS_NA, 100000));
	assert_false(ms_proc_rss_moved(100000, MS_NA));
}

static void stale_rule(void **state)
{
	struct ms_proc p = { .rss_kb = 13312, .detail_rss_kb = 13312 };

	/* read in this sample: never stale, whatever RSS says */
	p.detail_age_s = 0;
	assert_false(ms_proc_stale(&p, 5.0));
	p.detail_rss_kb = 525312;
	assert_false(ms_proc_stale(&p, 5.0));
	/* read before, at another RSS: PSS would be mixed with it */
	p.detail_age_s = 1.0;
	assert_true(ms_proc_stale(&p, 5.0));
	p.detail_rss_kb = 13312;
	assert_false(ms_proc_stale(&p, 5.0));
	/* older than the bound */
	p.detail_age_s = 5.5;
	assert_true(ms_proc_stale(&p, 5.0));
	assert_false(ms_proc_stale(&p, ms_proc_age_bound(4.0)));
	/* unknown age (a recording made before it was kept): not marked */
	p.detail_age_s = NAN;
	assert_false(ms_proc_stale(&p, 5.0));
}

/* ---- the order ---- */

static void refresh_order(void **state)
{
	struct ms_refresh v[] = {
		{ .idx = 0, .read_t = 10 }, /* idle, oldest */
		{ .idx = 1, .read_t = 99, .moved = true },
		{ .idx = 2, .read_t = 50, .changed = true },
		{ .idx = 3, .read_t = 0 }, /* new */
		{ .idx = 4, .read_t = 99.5 }, /* idle, read 0.5 s ago */
		{ .idx = 5, .read_t = 99.5, .changed = true },
		{ .idx = 6, .read_t = 90, .moved = true },
		{ .idx = 7, .read_t = 98, .changed = true }, /* 2 s: due */
		{ .idx = 8, .read_t = 98 }, /* idle 2 s: not yet */
		{ .idx = 9, .read_t = 0 }, /* new */
	};
	static const int want[] = { 3, 9, 6, 1, 0, 2, 7 };
	int n = ms_refresh_order(v, 10, 100.0);

	assert_int_equal(n, 7);
	for (int i = 0; i < n; i++)
		assert_int_equal(v[i].idx, want[i]);
	assert_int_equal(ms_refresh_order(v, 0, 100.0), 0);
}

/* ---- the live cache on a hand-made tree ---- */

#define NPROC 40
#define PID0 100
#define PAGE_KB 4

/* Each call is 1 ms later: every read of a process's files costs 1 ms. */
static double fake_t;

static double fake_clock(void)
{
	double t = fake_t;

	fake_t += 0.001;
	return t;
}

/* Process pid with resident pages; its rollup says pss_kb. */
static void put_proc(const char *dir, int pid, uint64_t resident,
		     uint64_t pss_kb)
{
	char rel[64], text[512];

	snprintf(rel, sizeof(rel), "proc/%d/stat", pid);
	snprintf(text, sizeof(text),
		 "%d (p%d) S 1 %d %d 0 -1 4194304 10 0 0 0 0 0 0 0 20 0 1 0 "
		 "%d 8192000 %" PRIu64 "\n",
		 pid, pid, pid, pid, pid, resident);
	pt_put(dir, rel, text);
	snprintf(rel, sizeof(rel), "proc/%d/statm", pid);
	snprintf(text, sizeof(text), "2000 %" PRIu64 " 100 10 0 300 0\n",
		 resident);
	pt_put(dir, rel, text);
	snprintf(rel, sizeof(rel), "proc/%d/status", pid);
	snprintf(text, sizeof(text),
		 "Name:\tp%d\nUid:\t1000\t1000\t1000\t1000\n"
		 "VmRSS:\t%" PRIu64 " kB\nVmSwap:\t0 kB\n",
		 pid, resident * PAGE_KB);
	pt_put(dir, rel, text);
	snprintf(rel, sizeof(rel), "proc/%d/smaps_rollup", pid);
	snprintf(text, sizeof(text),
		 "00400000-7fff0000 ---p 00000000 00:00 0 [rollup]\n"
		 "Rss: %" PRIu64 " kB\nPss: %" PRIu64 " kB\nSwap: 0 kB\n",
		 resident * PAGE_KB, pss_kb);
	pt_put(dir, rel, text);
	snprintf(rel, sizeof(rel), "proc/%d/maps", pid);
	pt_put(dir, rel,
	       "00400000-00401000 r-xp 00000000 00:00 0 \n"
	       "7ffe0000-7fff0000 rw-p 00000000 00:00 0 [stack]\n");
}

struct cache_env {
	char dir[64];
	struct pt_env e;
};

static void cache_open(struct cache_env *c)
{
	snprintf(c->dir, sizeof(c->dir), "/tmp/ms-test-procage-XXXXXX");
	assert_non_null(mkdtemp(c->dir));
	for (int i = 0; i < NPROC; i++)
		put_proc(c->dir, PID0 + i, 250, 900);
	pt_init(&c->e, c->dir);
	c->e.root.live = true; /* through the cache, as the live system */
	c->e.pf.clock = fake_clock;
	fake_t = 100.0;
}

static void cache_close(struct cache_env *c)
{
	ms_procfs_procs_free(&c->e.pf);
	pt_fini(&c->e);
	pt_rmtree(c->dir);
}

/* One sample, gap seconds after the last; full as batch mode asks. */
static void cache_sample(struct cache_env *c, double gap, bool full)
{
	fake_t += gap;
	ms_snapshot_reset(&c->e.s);
	assert_int_equal(ms_procfs_procs(&c->e.root, &c->e.pf, full, &c->e.s),
			 0);
}

static const struct ms_proc *find(const struct cache_env *c, int pid)
{
	for (int i = 0; i < c->e.s.procs.n; i++)
		if (c->e.s.procs.v[i].pid == pid)
			return &c->e.s.procs.v[i];
	fail_msg("pid %d not sampled", pid);
	return NULL;
}

/* Whether pid was re-read in the last sample, and its PSS then. */
static void read_now(const struct cache_env *c, int pid, uint64_t pss)
{
	const struct ms_proc *p = find(c, pid);

	assert_true(p->detail_age_s == 0);
	assert_int_equal(p->pss_kb, pss);
	assert_false(ms_proc_stale(p, 5.0));
}

/* Not re-read: its RSS is this sample's, PSS the old read's, marked. */
static void marked(const struct cache_env *c, int pid)
{
	const struct ms_proc *p = find(c, pid);

	assert_int_equal(p->rss_kb, 513000);
	assert_int_equal(p->pss_kb, 900);
	assert_true(p->detail_age_s > 0.29);
	assert_true(ms_proc_stale(p, ms_proc_age_bound(1.0)));
}

/*
 * The budget reads one process a sample (0.3 s saves 0.9 ms of reading;
 * a read costs 1 ms), new processes first, then those whose RSS moved;
 * the first of each goes outside it. Moved ones not re-read are marked.
 */
static void cache_new_then_moved(void **state)
{
	struct cache_env c;
	const struct ms_proc *p;

	cache_open(&c);
	cache_sample(&c, 0, false);
	assert_int_equal(c.e.s.procs.n, NPROC);
	for (int i = 0; i < NPROC; i++) {
		p = &c.e.s.procs.v[i];
		assert_true(p->detail_age_s == 0);
		assert_int_equal(p->pss_kb, 900);
		assert_int_equal(p->detail_rss_kb, 1000);
	}
	/* 130, 131, 132 grow by 500 MB; 140 and 141 are born */
	for (int pid = 130; pid <= 132; pid++)
		put_proc(c.dir, pid, 128250, 512900);
	put_proc(c.dir, 140, 250, 700);
	put_proc(c.dir, 141, 250, 700);
	/* 130 grew on between statm and status: status's RSS goes with PSS */
	pt_put(c.dir, "proc/130/status",
	       "Name:\tp130\nUid:\t1000\t1000\t1000\t1000\n"
	       "VmRSS:\t514000 kB\nVmSwap:\t0 kB\n");
	cache_sample(&c, 0.3, false);
	assert_int_equal(c.e.s.procs.n, NPROC + 2);
	/* the first new and the first moved one, outside the budget */
	read_now(&c, 140, 700);
	read_now(&c, 130, 512900);
	assert_int_equal(find(&c, 130)->rss_kb, 514000);
	/* the budget: new ones before moved ones */
	read_now(&c, 141, 700);
	marked(&c, 131);
	marked(&c, 132);
	cache_sample(&c, 0.3, false);
	read_now(&c, 131, 512900);
	read_now(&c, 132, 512900);
	/* and back: the freed one is re-read before any idle one */
	put_proc(c.dir, 131, 250, 900);
	cache_sample(&c, 0.3, false);
	read_now(&c, 131, 900);
	assert_int_equal(find(&c, 131)->rss_kb, 1000);
	cache_close(&c);
}

/*
 * Idle processes are re-read oldest first, three a second here: a read
 * one was never younger than one left; the age is reported, and marked
 * exactly when it passes the bound. A full sample reads them all.
 */
static void cache_oldest_first(void **state)
{
	double before[NPROC];
	struct cache_env c;
	bool stale_seen = false;

	cache_open(&c);
	cache_sample(&c, 0, false);
	for (int i = 0; i < NPROC; i++)
		before[i] = 0;
	for (int k = 0; k < 40; k++) {
		double oldest_left = 0, youngest_read = INFINITY;
		int nread = 0;

		cache_sample(&c, 1.0, false);
		assert_int_equal(c.e.s.procs.n, NPROC);
		for (int i = 0; i < NPROC; i++) {
			const struct ms_proc *p = find(&c, PID0 + i);
			double age = p->detail_age_s;

			if (age == 0) {
				nread++;
				if (before[i] < youngest_read)
					youngest_read = before[i];
			} else if (before[i] > oldest_left) {
				oldest_left = before[i];
			}
			assert_true(ms_proc_stale(p, 5.0) == (age > 5.0));
			stale_seen |= age > 5.0;
			/* the ages of the sample before, one second on */
			before[i] = age + 1.0;
		}
		/* none is due for 2.5 s; then the burst saved up meanwhile */
		assert_true(nread <= 10);
		assert_true(youngest_read >= oldest_left);
	}
	/* forty processes at three a second: some are past the bound */
	assert_true(stale_seen);
	cache_sample(&c, 1.0, true);
	for (int i = 0; i < NPROC; i++)
		assert_true(find(&c, PID0 + i)->detail_age_s == 0);
	cache_close(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(age_bound),
		cmocka_unit_test(rss_moved),
		cmocka_unit_test(stale_rule),
		cmocka_unit_test(refresh_order),
		cmocka_unit_test(cache_new_then_moved),
		cmocka_unit_test(cache_oldest_first),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
