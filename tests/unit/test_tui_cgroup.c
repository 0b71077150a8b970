// SPDX-License-Identifier: GPL-2.0
/*
 * The Cgroups tab's screen of one cgroup: memory.stat mapped to the
 * Memory tab's buckets (model/cgroup.c ms_cg_ledger(), both hierarchies),
 * the events timeline (tui/tabs/cgroup/timeline.c) over samples, and its
 * processes' stale PSS and Swap marked as in the VMA tab, and which
 * lists have a rate column.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/cgroup.h"
#include "model/field.h"
#include "tui/tabs/cgroup/timeline.h"
#include "tests/unit/tui_test.h"

#define MB 1048576ULL

static struct ms_cgroup *cg_add(struct ms_snapshot *s, const char *path,
				int version)
{
	struct ms_cgroup *g = ms_list_add(&ms_cgroups_fields[0], &s->cgroups);

	assert_non_null(g);
	g->path = strdup(path);
	g->version = version;
	s->have |= MS_SEC_BIT(MS_SEC_CGROUP);
	return g;
}

static void ledger_v2(void **state)
{
	struct ms_snapshot s;
	struct ms_cgroup *g;
	struct ms_cg_ledger l;

	(void)state;
	ms_snapshot_init(&s);
	g = cg_add(&s, "/a", 2);
	g->current_kb = 100 * 1024; /* 100 MiB */
	ms_kv_add(&g->stat, "anon", 40 * MB);
	ms_kv_add(&g->stat, "file", 30 * MB); /* shmem inside */
	ms_kv_add(&g->stat, "kernel", 12 * MB);
	ms_kv_add(&g->stat, "kernel_stack", 1 * MB);
	ms_kv_add(&g->stat, "pagetables", 2 * MB);
	ms_kv_add(&g->stat, "sec_pagetables", 1 * MB);
	ms_kv_add(&g->stat, "percpu", 1 * MB);
	ms_kv_add(&g->stat, "sock", 2 * MB);
	ms_kv_add(&g->stat, "vmalloc", 1 * MB);
	ms_kv_add(&g->stat, "shmem", 5 * MB);
	ms_kv_add(&g->stat, "zswap", 3 * MB);
	ms_kv_add(&g->stat, "swapcached", 1 * MB);
	ms_kv_add(&g->stat, "slab_reclaimable", 2 * MB);
	ms_kv_add(&g->stat, "slab_unreclaimable", 3 * MB);
	ms_kv_add(&g->stat, "pgscan", 12345); /* a counter: no bucket */
	assert_int_equal(ms_cg_ledger(g, &l), 0);
	assert_int_equal(l.kb[MS_CGB_ANON], 40 * 1024);
	assert_int_equal(l.kb[MS_CGB_FILE], 25 * 1024); /* file - shmem */
	assert_int_equal(l.kb[MS_CGB_SHMEM], 5 * 1024);
	assert_int_equal(l.kb[MS_CGB_SWAP_CACHE], 1024);
	assert_int_equal(l.kb[MS_CGB_SLAB_R], 2 * 1024);
	assert_int_equal(l.kb[MS_CGB_SLAB_U], 3 * 1024);
	assert_int_equal(l.kb[MS_CGB_KSTACK], 1024);
	assert_int_equal(l.kb[MS_CGB_PTABLES], 3 * 1024); /* + sec_ */
	assert_int_equal(l.kb[MS_CGB_PERCPU], 1024);
	assert_int_equal(l.kb[MS_CGB_VMALLOC], 1024);
	/* kernel 12 less slab 5, stacks 1, page tables 3, percpu, vmalloc */
	assert_int_equal(l.kb[MS_CGB_KOTHER], 1024);
	assert_int_equal(l.kb[MS_CGB_SOCK], 2 * 1024);
	assert_int_equal(l.kb[MS_CGB_ZSWAP], 3 * 1024);
	/* 40+25+5+1+2+3+1+3+1+1+1+2+3 = 88 MiB of 100 */
	assert_int_equal(l.sum_kb, 88 * 1024);
	assert_int_equal(l.kb[MS_CGB_OTHER], 12 * 1024);
	assert_int_equal(l.over_kb, 0);
	assert_string_equal(ms_cg_bucket_names[MS_CGB_SLAB_R],
			    "slab_reclaimable");
	assert_string_equal(l.from[MS_CGB_FILE], "file - shmem");

	/* an older kernel: no kernel item, no zswap: left out, not 0 */
	g = cg_add(&s, "/b", 2);
	g->current_kb = 10 * 1024;
	ms_kv_add(&g->stat, "anon", 8 * MB);
	ms_kv_add(&g->stat, "file", 4 * MB);
	assert_int_equal(ms_cg_ledger(g, &l), 0);
	assert_true(l.kb[MS_CGB_KOTHER] == MS_NA);
	assert_true(l.kb[MS_CGB_ZSWAP] == MS_NA);
	assert_int_equal(l.kb[MS_CGB_FILE], 4 * 1024); /* no shmem item */
	/* 12 MiB of 10: other is 0, the excess said */
	assert_int_equal(l.kb[MS_CGB_OTHER], 0);
	assert_int_equal(l.over_kb, 2 * 1024);

	/* no memory.stat (no memory controller): nothing to split */
	g = cg_add(&s, "/nomem", 2);
	assert_int_equal(ms_cg_ledger(g, &l), -ENODATA);
	ms_snapshot_free(&s);
}

static void ledger_v1(void **state)
{
	struct ms_snapshot s;
	struct ms_cgroup *g;
	struct ms_cg_ledger l;

	(void)state;
	ms_snapshot_init(&s);
	/* hierarchical total_* win over the cgroup's own items */
	g = cg_add(&s, "/", 1);
	g->current_kb = 64 * 1024;
	ms_kv_add(&g->stat, "cache", 1 * MB);
	ms_kv_add(&g->stat, "rss", 1 * MB);
	ms_kv_add(&g->stat, "shmem", 0);
	ms_kv_add(&g->stat, "total_cache", 30 * MB);
	ms_kv_add(&g->stat, "total_rss", 20 * MB);
	ms_kv_add(&g->stat, "total_shmem", 6 * MB);
	ms_kv_add(&g->stat, "total_pgfault", 999);
	assert_int_equal(ms_cg_ledger(g, &l), 0);
	assert_int_equal(l.kb[MS_CGB_ANON], 20 * 1024);
	assert_int_equal(l.kb[MS_CGB_FILE], 24 * 1024);
	assert_int_equal(l.kb[MS_CGB_SHMEM], 6 * 1024);
	assert_string_equal(l.from[MS_CGB_ANON], "total_rss");
	/* v1 has no kernel items: the kernel memory is in other */
	assert_true(l.kb[MS_CGB_SLAB_R] == MS_NA);
	assert_true(l.kb[MS_CGB_KSTACK] == MS_NA);
	assert_int_equal(l.kb[MS_CGB_OTHER], 14 * 1024);

	/* without total_ items (a hand-made or cut file): its own */
	g = cg_add(&s, "/x", 1);
	g->current_kb = MS_NA;
	ms_kv_add(&g->stat, "cache", 3 * MB);
	ms_kv_add(&g->stat, "rss", 2 * MB);
	assert_int_equal(ms_cg_ledger(g, &l), 0);
	assert_int_equal(l.kb[MS_CGB_ANON], 2 * 1024);
	assert_int_equal(l.kb[MS_CGB_FILE], 3 * 1024);
	assert_string_equal(l.from[MS_CGB_FILE], "cache - shmem");
	assert_true(l.kb[MS_CGB_OTHER] == MS_NA); /* no usage known */
	ms_snapshot_free(&s);
}

/* A sample at t of cgroups "/a" and "/b" with a's oom_kill, b's high. */
static void sample(struct ms_snapshot *s, double t, uint64_t a_oom,
		   uint64_t b_high, uint64_t b_high_local)
{
	struct ms_cgroup *g;

	ms_snapshot_init(s);
	s->t_mono = t;
	g = cg_add(s, "/a", 2);
	ms_kv_add(&g->events, "max", 2);
	ms_kv_add(&g->events, "oom_kill", a_oom);
	g = cg_add(s, "/b", 2);
	ms_kv_add(&g->events, "high", b_high);
	ms_kv_add(&g->events_local, "high", b_high_local);
}

static void timeline(void **state)
{
	struct ms_snapshot s[4];
	struct cg_timeline tl;
	const struct cg_change *c[8];

	(void)state;
	cg_tl_init(&tl);
	sample(&s[0], 10, 0, 5, 5);
	sample(&s[1], 11, 1, 5, 5);
	sample(&s[2], 12, 1, 9, 7);
	sample(&s[3], 30, 3, 9, 7);
	/* the first sample: a baseline, no change */
	assert_int_equal(cg_tl_feed(&tl, &s[0], NULL), 0);
	assert_int_equal(cg_tl_feed(&tl, &s[1], &s[0]), 1);
	/* the same sample fed again is not a second change */
	assert_int_equal(cg_tl_feed(&tl, &s[1], &s[0]), 0);
	assert_int_equal(cg_tl_of(&tl, "/a", c, 8), 1);
	assert_string_equal(c[0]->name, "oom_kill");
	assert_false(c[0]->local);
	assert_int_equal(c[0]->from, 0);
	assert_int_equal(c[0]->to, 1);
	assert_true(c[0]->t0 == 10 && c[0]->t1 == 11);
	/* memory.events and events.local are apart */
	assert_int_equal(cg_tl_feed(&tl, &s[2], &s[1]), 2);
	assert_int_equal(cg_tl_of(&tl, "/b", c, 8), 2);
	assert_true(c[0]->local != c[1]->local);
	/* a long gap: its two ends kept */
	assert_int_equal(cg_tl_feed(&tl, &s[3], &s[2]), 1);
	assert_int_equal(cg_tl_of(&tl, "/a", c, 8), 2);
	assert_int_equal(c[0]->to, 3); /* newest first */
	assert_true(c[0]->t0 == 12 && c[0]->t1 == 30);
	assert_int_equal(cg_tl_of(&tl, "/a", c, 1), 1); /* at most max */
	assert_int_equal(cg_tl_of(&tl, "/none", c, 8), 0);
	/* a replay seeking back to 11: the changes after it go */
	assert_int_equal(cg_tl_feed(&tl, &s[1], NULL), 0);
	assert_int_equal(cg_tl_of(&tl, "/a", c, 8), 1);
	assert_int_equal(cg_tl_of(&tl, "/b", c, 8), 0);
	assert_true(tl.first_t == 10);
	/* a sample without the cgroup section changes nothing */
	s[2].have = 0;
	assert_int_equal(cg_tl_feed(&tl, &s[3], &s[2]), 0);
	cg_tl_free(&tl);
	for (int i = 0; i < 4; i++)
		ms_snapshot_free(&s[i]);
}

static void timeline_moved_and_full(void **state)
{
	struct ms_snapshot a, b;
	struct cg_timeline tl;
	const struct cg_change *c[4];
	struct ms_cgroup *g;

	(void)state;
	cg_tl_init(&tl);
	/* b gains a cgroup before /a and loses none: /a still matched */
	ms_snapshot_init(&a);
	ms_snapshot_init(&b);
	a.t_mono = 1;
	b.t_mono = 2;
	g = cg_add(&a, "/a", 2);
	ms_kv_add(&g->events, "oom", 1);
	g = cg_add(&b, "/0new", 2);
	ms_kv_add(&g->events, "oom", 7); /* new: no change known */
	g = cg_add(&b, "/a", 2);
	ms_kv_add(&g->events, "oom", 0); /* went down: recreated */
	assert_int_equal(cg_tl_feed(&tl, &b, &a), 1);
	assert_int_equal(cg_tl_of(&tl, "/a", c, 4), 1);
	assert_true(c[0]->to < c[0]->from);
	assert_int_equal(cg_tl_of(&tl, "/0new", c, 4), 0);
	/* the ring keeps the newest CG_CHANGES */
	for (int i = 0; i < CG_CHANGES + 10; i++) {
		a.t_mono = b.t_mono + 1;
		a.cgroups.v[0].events.v[0].value = (uint64_t)i + 100;
		assert_int_equal(cg_tl_feed(&tl, &a, &b), 1);
		b.t_mono = a.t_mono + 1;
		b.cgroups.v[1].events.v[0].value = (uint64_t)i + 200;
		assert_int_equal(cg_tl_feed(&tl, &b, &a), 1);
	}
	assert_int_equal(tl.n, CG_CHANGES);
	assert_int_equal(cg_tl_of(&tl, "/a", c, 4), 4);
	assert_int_equal(c[0]->to, CG_CHANGES + 9 + 200);
	cg_tl_free(&tl);
	assert_int_equal(tl.n, 0);
	ms_snapshot_free(&a);
	ms_snapshot_free(&b);
}

static const struct ms_opts opts = { .interval = 1 };
static const struct ms_ui ui = { .opts = &opts, .utf8 = true };

/*
 * A cgroup's processes screen: PSS and Swap read 12 s ago, or at an RSS
 * 500 MB away, are dim, with the age line above the list (issue 12 item
 * 2: no value older than the bound unmarked); fresh ones are plain.
 * (tt_stale_procs: the VMA tab's test_vma_stale has the same cases.)
 */
static void procs_stale(void **state)
{
	struct ms_view *v = ms_view_cgroup.create(&ui);
	WINDOW *w = newwin(24, 80, 0, 0);
	struct ms_snapshot s;
	int y;

	ms_theme_apply(false); /* the attributes of a terminal without colour */
	ms_snapshot_init(&s);
	cg_add(&s, "/a", 2);
	tt_stale_procs(&s, "/a");
	ms_view_update(v, &s, NULL);
	ms_view_key(v, '\n'); /* the cgroup's screen */
	ms_view_update(v, &s, NULL);
	ms_view_key(v, '\n'); /* its processes */
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	tt_assert_row(w, "Processes of cgroup /a: 4");
	/* sorted by RSS: the freed one first, selected */
	tt_assert_row(w, "PID 44: PSS, Swap, VMAs 1 s old, read at RSS 513M "
			 "(dim: >5 s or RSS moved)");
	/* on the fresh one: how many are dim, and which */
	ms_view_key(v, KEY_DOWN);
	tt_draw(v, w);
	tt_assert_row(w, "Dim PSS, Swap, VMAs: 2 processes read >5 s ago or "
			 "at another RSS");
	for (int i = 0; i < 4; i++) {
		static const char *const comm[] = { " fresh", " recent", " old",
						    " freed" };
		bool dim = i >= 2;

		y = tt_find(w, comm[i]);
		assert_true(y > 0);
		/* RSS plain; PSS and Swap dim for the old and the freed */
		assert_int_equal(mvwinch(w, y, 12) & A_DIM, 0);
		assert_int_equal((mvwinch(w, y, 20) & A_DIM) != 0, dim);
		assert_int_equal((mvwinch(w, y, 28) & A_DIM) != 0, dim);
	}
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	delwin(w);
}

/* Row y's text after the first row from y holding text, or NULL. */
static const char *row_after(WINDOW *w, const char *text)
{
	int y = tt_find(w, text);

	return y < 0 || y + 1 >= getmaxy(w) ? NULL : tt_row(w, y + 1);
}

/*
 * A cgroup's screen: memory.events has its rates; memory.events.local and
 * memory.numa_stat, whose rates memscope does not compute, have no 'Per
 * second' column that could only say '-'.
 */
static void screen_rate_columns(void **state)
{
	struct ms_view *v = ms_view_cgroup.create(&ui);
	WINDOW *w = newwin(120, 100, 0, 0);
	struct ms_snapshot s;
	struct ms_cgroup *g;
	const char *r;

	ms_snapshot_init(&s);
	g = cg_add(&s, "/a", 2);
	ms_kv_add(&g->events, "high", 5)->rate = 2;
	ms_kv_add(&g->events_local, "high", 3);
	ms_kv_add(&g->numa, "anon.N0", 4096);
	ms_kv_add(&g->stat, "hierarchical_memory_limit",
		  9223372036854771712ULL);
	ms_view_update(v, &s, NULL);
	ms_view_key(v, '\n'); /* the cgroup's screen */
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	r = row_after(w, "memory.events");
	assert_non_null(r);
	assert_non_null(strstr(r, "Per second"));
	assert_non_null(
		tt_find_row(w, "  high                                    5 "
			       "         2.0"));
	r = row_after(w, "memory.events.local");
	assert_non_null(r);
	assert_null(strstr(r, "Per second"));
	assert_non_null(
		tt_find_row(w, "  high                                    3"));
	tt_assert_no_row(w, "  high                                    3 "
			    "           -");
	/* v1's unlimited hierarchical limit: said, not its byte count */
	assert_non_null(
		tt_find_row(w, "  hierarchical_memory_limit        unlimited"));
	r = row_after(w, "memory.numa_stat");
	assert_non_null(r);
	assert_null(strstr(r, "Per second"));
	tt_assert_no_row(w, "4096            -");
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	delwin(w);
}

/*
 * The open cgroup's history (H) for a path longer than the tab keeps
 * (CG_PATH): fed and drawn under the same series, as for a short one.
 */
static void graph_long_path(void **state)
{
	char path[700];
	bool seen[2] = { false, false };

	(void)state;
	memset(path, 'a', sizeof(path) - 1);
	path[0] = '/';
	path[sizeof(path) - 1] = '\0';
	for (int long_one = 0; long_one < 2; long_one++) {
		struct ms_view *v = ms_view_cgroup.create(&ui);
		WINDOW *w = newwin(60, 120, 0, 0);
		struct ms_snapshot s;

		ms_snapshot_init(&s);
		for (int k = 0; k < 4; k++) {
			struct ms_cgroup *g;

			ms_snapshot_reset(&s);
			g = cg_add(&s, long_one ? path : "/short", 2);
			g->current_kb = 1024 * (uint64_t)(k + 1);
			s.t_mono = 10 + k;
			if (k == 1) {
				ms_view_key(v, '\n');
				ms_view_key(v, 'H');
			}
			ms_view_update(v, &s, NULL);
		}
		tt_draw(v, w);
		/* the usage line's legend: the last value and its range */
		seen[long_one] = tt_find(w, "4.0M (1.0M..4.0M)") >= 0;
		v->cls->destroy(v);
		ms_snapshot_free(&s);
		delwin(w);
	}
	assert_true(seen[0]);
	assert_true(seen[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ledger_v2),
		cmocka_unit_test(ledger_v1),
		cmocka_unit_test(timeline),
		cmocka_unit_test(timeline_moved_and_full),
		cmocka_unit_test(procs_stale),
		cmocka_unit_test(screen_rate_columns),
		cmocka_unit_test(graph_long_path),
	};

	return tt_run("test_tui_cgroup", tests, false);
}
