// SPDX-License-Identifier: GPL-2.0
/*
 * The cgroup tree between live samples (probes/procfs/cgcache.c): on a
 * generated tree of 10,000 cgroups (tests/fixtures/cgroup-synth.py), the
 * changed ones re-read first within the budget, every copy with its age,
 * new and removed cgroups, batch samples never stale; and 1,000 nested
 * cgroups whose deepest path is longer than PATH_MAX.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/unit/procfs_test.h"

#define MNT "/sys/fs/cgroup/memory"

static char dir[256];
static double fake_now;

/* Each call a millisecond later: every re-read costs 1 ms of budget. */
static double fake_clock(void)
{
	fake_now += 0.001;
	return fake_now;
}

static void gen(const char *kind, int n)
{
	char cmd[512];
	const char *tmp = access("/dev/shm", W_OK) ? "/tmp" : "/dev/shm";

	snprintf(dir, sizeof(dir), "%s/ms-cgcache-XXXXXX", tmp);
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd),
		 "python3 tests/fixtures/cgroup-synth.py %s %d %s", kind, n,
		 dir);
	assert_int_equal(system(cmd), 0);
}

/* The tree removed, a failed test's too (a teardown). */
static int gen_done(void **state)
{
	char cmd[512];

	(void)state;
	if (!dir[0])
		return 0;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	dir[0] = '\0';
	return system(cmd) ? -1 : 0;
}

/* cgroup path's file set to v (MiB), a new cgroup's directory made. */
static void put(const char *path, const char *file, uint64_t mib)
{
	char p[512];
	FILE *f;

	snprintf(p, sizeof(p), "%s" MNT "%s", dir, path);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s" MNT "%s/%s", dir, path, file);
	f = fopen(p, "w");
	assert_non_null(f);
	fprintf(f, "%llu\n", (unsigned long long)mib << 20);
	fclose(f);
}

static void rm(const char *path)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s" MNT "%s'", dir, path);
	assert_int_equal(system(cmd), 0);
}

static const struct ms_cgroup *at(const struct pt_env *e, const char *path)
{
	for (int i = 0; i < e->s.cgroups.n; i++)
		if (!strcmp(e->s.cgroups.v[i].path, path))
			return &e->s.cgroups.v[i];
	return NULL;
}

static int sample(struct pt_env *e, bool full)
{
	ms_snapshot_reset(&e->s);
	return ms_procfs_cgroup(&e->root, &e->pf, full, &e->s);
}

/*
 * The wide tree's usage (tests/fixtures/cgroup-synth.py): cgroup k holds
 * k MiB, pod p (99 containers each) is number 1 + 100 p
 */
static uint64_t usage_mib(int pod, int ctr)
{
	return (uint64_t)(2 + pod * 100 + ctr);
}

static uint64_t pod_mib(int pod)
{
	uint64_t k = 1 + (uint64_t)pod * 100;

	return k + (k + 1 + k + 99) * 99 / 2;
}

/*
 * Cgroups found while the budget is spent grow the cache, its plan with
 * it: the plan being spent must not be the one that moves (ASan saw the
 * spend read the freed one).
 */
static void grow_while_spending(void **state)
{
	struct pt_env e;
	char path[64];

	(void)state;
	gen("wide", 200);
	pt_init(&e, dir);
	e.root.live = true;
	e.pf.clock = fake_clock;
	assert_int_equal(sample(&e, false), 0);
	assert_int_equal(e.s.cgroups.n, 200);
	fake_now += 10;
	for (int i = 0; i < 300; i++) {
		snprintf(path, sizeof(path), "/pod001/new%03d", i);
		put(path, "memory.usage_in_bytes", 1);
	}
	put("/pod001", "memory.usage_in_bytes", pod_mib(1) + 300);
	put("/", "memory.usage_in_bytes", 100000);
	assert_int_equal(sample(&e, false), 0);
	assert_true(e.s.cgroups.n > 200);
	/* the others as the budget lasts, sample by sample */
	for (int k = 0; k < 100 && e.s.cgroups.n < 500; k++) {
		fake_now += 10;
		assert_int_equal(sample(&e, false), 0);
	}
	assert_int_equal(e.s.cgroups.n, 500);
	assert_non_null(at(&e, "/pod001/new299"));
	pt_fini(&e);
}

/*
 * A quiet cgroup's memory.stat goes out shared, not copied: the same in
 * two samples, alive after the first is freed, its rates those of its
 * read; one read again goes out as a list of its own.
 */
static void shared_copies(void **state)
{
	struct pt_env e;
	struct ms_snapshot b;
	const struct ms_cgroup *q, *q2 = NULL, *m2 = NULL;

	(void)state;
	gen("wide", 200);
	pt_init(&e, dir);
	e.root.live = true;
	e.pf.clock = fake_clock;
	ms_snapshot_init(&b);
	assert_int_equal(sample(&e, false), 0);
	e.s.t_mono = 1;
	q = at(&e, "/pod001/ctr005");
	assert_non_null(q);
	assert_true(q->stat.n > 0);
	fake_now += 1;
	put("/pod001/ctr007", "memory.usage_in_bytes", usage_mib(1, 7) + 8);
	put("/pod001", "memory.usage_in_bytes", pod_mib(1) + 8);
	put("/", "memory.usage_in_bytes", 100000);
	assert_int_equal(ms_procfs_cgroup(&e.root, &e.pf, false, &b), 0);
	b.t_mono = 2;
	for (int i = 0; i < b.cgroups.n; i++)
		if (!strcmp(b.cgroups.v[i].path, "/pod001/ctr005"))
			q2 = &b.cgroups.v[i];
		else if (!strcmp(b.cgroups.v[i].path, "/pod001/ctr007"))
			m2 = &b.cgroups.v[i];
	assert_non_null(q2);
	assert_non_null(m2);
	assert_true(q2->detail_age_s > 0.5);
	assert_ptr_equal(q2->stat.v, q->stat.v);
	assert_true(m2->detail_age_s == 0);
	assert_ptr_not_equal(m2->stat.v, at(&e, "/pod001/ctr007")->stat.v);
	q->stat.v[0].rate = 3; /* in the shared list: the read's rate */
	ms_rates(&b, &e.s);
	assert_true(q2->stat.v[0].rate == 3);
	ms_snapshot_free(&e.s); /* q2's list lives on */
	assert_string_equal(q2->stat.v[0].name, "cache");
	ms_snapshot_free(&b);
	pt_fini(&e);
}

/* cgroup path's record in snapshot s, NULL if none. */
static const struct ms_cgroup *in(const struct ms_snapshot *s, const char *path)
{
	for (int i = 0; i < s->cgroups.n; i++)
		if (!strcmp(s->cgroups.v[i].path, path))
			return &s->cgroups.v[i];
	return NULL;
}

/* Every record of s: its usage as first read, but those that changed. */
static void usage_as(const struct ms_snapshot *s, const struct ms_snapshot *f,
		     int n)
{
	assert_int_equal(s->cgroups.n, n);
	for (int i = 0; i < s->cgroups.n; i++) {
		const struct ms_cgroup *g = &s->cgroups.v[i];
		const struct ms_cgroup *o = in(f, g->path);

		assert_non_null(o);
		if (strncmp(g->path, "/pod001", 7) && strcmp(g->path, "/") &&
		    strcmp(g->path, "/pod000"))
			assert_int_equal(g->current_kb, o->current_kb);
		assert_int_equal(g->max_kb, strcmp(g->path, "/pod001/ctr007") ?
						    o->max_kb :
						    (uint64_t)512 << 10);
	}
}

/* Four live samples into e's snapshot and b in turn, each checked. */
static void in_turn(struct pt_env *e, struct ms_snapshot *b,
		    const struct ms_snapshot *f, int n)
{
	for (int k = 0; k < 4; k++) {
		struct ms_snapshot *s = k % 2 ? b : &e->s;

		fake_now += 1;
		ms_snapshot_reset(s);
		assert_int_equal(ms_procfs_cgroup(&e->root, &e->pf, false, s),
				 0);
		usage_as(s, f, n);
	}
}

/*
 * Two snapshots filled in turn, as the explorer does: a record not read
 * again since the snapshot last held it is kept (the same record), one
 * read again is not (its new limit in both snapshots), and cgroups made
 * and removed shift the rest without mixing them up.
 */
static void kept_records(void **state)
{
	struct pt_env e;
	struct ms_snapshot b, f;
	const struct ms_cgroup *q;
	const char *qpath;

	(void)state;
	gen("wide", 200);
	pt_init(&e, dir);
	e.root.live = true;
	e.pf.clock = fake_clock;
	ms_snapshot_init(&b);
	ms_snapshot_init(&f);
	assert_int_equal(ms_procfs_cgroup(&e.root, &e.pf, true, &f), 0);
	assert_int_equal(sample(&e, false), 0);
	q = at(&e, "/pod001/ctr005");
	qpath = q->path;
	fake_now += 1;
	ms_snapshot_reset(&b);
	assert_int_equal(ms_procfs_cgroup(&e.root, &e.pf, false, &b), 0);
	put("/pod001/ctr007", "memory.limit_in_bytes", 512);
	put("/pod001/ctr007", "memory.usage_in_bytes", 300);
	put("/pod001", "memory.usage_in_bytes", 100000);
	put("/", "memory.usage_in_bytes", 200000);
	in_turn(&e, &b, &f, 200);
	/* not read again: the very record of the first sample */
	assert_ptr_equal(at(&e, "/pod001/ctr005"), q);
	assert_ptr_equal(at(&e, "/pod001/ctr005")->path, qpath);
	/* kept, but not its growth of another sample (ms_rates() sets it) */
	((struct ms_cgroup *)q)->current_kb_per_s = 5;
	fake_now += 1;
	assert_int_equal(sample(&e, false), 0);
	assert_ptr_equal(at(&e, "/pod001/ctr005"), q);
	assert_true(isnan(q->current_kb_per_s));
	/* one gone from the first pod: every later record one place up */
	rm("/pod000/ctr003");
	put("/pod000", "memory.usage_in_bytes", 100001);
	put("/", "memory.usage_in_bytes", 200001);
	in_turn(&e, &b, &f, 199);
	assert_null(in(&e.s, "/pod000/ctr003"));
	assert_null(in(&b, "/pod000/ctr003"));
	ms_snapshot_free(&f);
	ms_snapshot_free(&b);
	pt_fini(&e);
}

/*
 * A cgroup whose usage moved by much is read before those that moved by a
 * page or two (a busy node's thousands would hold the budget every
 * sample), which take their turn, oldest first, a second on.
 */
static void movers_first(void **state)
{
	struct pt_env e;
	char path[64];
	int fresh = 0;

	(void)state;
	gen("wide", 10000);
	pt_init(&e, dir);
	e.root.live = true;
	e.pf.clock = fake_clock;
	assert_int_equal(sample(&e, false), 0);
	fake_now += 10;
	for (int i = 0; i < 99; i++) {
		snprintf(path, sizeof(path), "/pod000/ctr%03d", i);
		put(path, "memory.usage_in_bytes", usage_mib(0, i) + 1);
	}
	put("/pod000", "memory.usage_in_bytes", pod_mib(0) + 99);
	put("/pod050/ctr050", "memory.usage_in_bytes",
	    usage_mib(50, 50) + 4096);
	put("/pod050", "memory.usage_in_bytes", pod_mib(50) + 4096);
	put("/", "memory.usage_in_bytes", 100000);
	assert_int_equal(sample(&e, false), 0);
	assert_true(at(&e, "/pod050/ctr050")->detail_age_s == 0);
	for (int i = 0; i < 99; i++) {
		snprintf(path, sizeof(path), "/pod000/ctr%03d", i);
		fresh += at(&e, path)->detail_age_s == 0;
	}
	assert_true(fresh < 99); /* the budget is not theirs alone */
	pt_fini(&e);
}

static void budget(void **state)
{
	struct pt_env e;
	const struct ms_cgroup *c;
	double bound = ms_proc_age_bound(1.0);
	uint64_t root_kb;
	int fresh = 0;

	(void)state;
	gen("wide", 10000);
	pt_init(&e, dir);
	e.root.live = true; /* a tree that changes between samples */
	e.pf.clock = fake_clock;
	/* the first sample reads every one */
	assert_int_equal(sample(&e, false), 0);
	assert_int_equal(e.s.cgroups.n, 10000);
	c = at(&e, "/pod005/ctr007");
	assert_non_null(c);
	assert_int_equal(c->current_kb, usage_mib(5, 7) << 10);
	assert_int_equal(c->swap_kb, 1024);
	assert_true(c->detail_age_s == 0);
	/* parents first, siblings by name */
	assert_string_equal(e.s.cgroups.v[1].path, "/pod000");
	assert_string_equal(e.s.cgroups.v[2].path, "/pod000/ctr000");
	root_kb = e.s.cgroups.v[0].current_kb;
	assert_int_equal(at(&e, "/pod005")->current_kb, pod_mib(5) << 10);

	/*
	 * 10 s on: one container grows 64 MiB (its pod and the root with
	 * it), a new one of 32 MiB in pod007, pod009's ctr001 and all of
	 * pod010 removed
	 */
	fake_now += 10;
	put("/pod005/ctr007", "memory.usage_in_bytes", usage_mib(5, 7) + 64);
	put("/pod005", "memory.usage_in_bytes", pod_mib(5) + 64);
	put("/pod007/ctr999", "memory.usage_in_bytes", 32);
	put("/pod007", "memory.usage_in_bytes", pod_mib(7) + 32);
	put("/", "memory.usage_in_bytes", (root_kb >> 10) + 96);
	rm("/pod009/ctr001");
	rm("/pod010");
	put("/pod009", "memory.usage_in_bytes", 1);
	assert_int_equal(sample(&e, false), 0);

	/* the moved one, its pod and the root: re-read, of this sample */
	c = at(&e, "/pod005/ctr007");
	assert_int_equal(c->current_kb, (usage_mib(5, 7) + 64) << 10);
	assert_true(c->detail_age_s == 0);
	assert_false(ms_cgroup_stale(c, bound));
	assert_true(at(&e, "/pod005")->detail_age_s == 0);
	/* found below the pod that grew, read the same sample */
	c = at(&e, "/pod007/ctr999");
	assert_non_null(c);
	assert_int_equal(c->current_kb, 32 << 10);
	assert_true(c->detail_age_s == 0);
	/* gone from the listing of a re-read parent, subtrees with them */
	assert_null(at(&e, "/pod009/ctr001"));
	assert_null(at(&e, "/pod010"));
	assert_null(at(&e, "/pod010/ctr000"));
	assert_non_null(ms_snapshot_why(&e.s, "cgroup_vanished"));
	/* a quiet one: its copy with its age, stale past the bound */
	c = at(&e, "/pod050/ctr050");
	assert_int_equal(c->current_kb, usage_mib(50, 50) << 10);
	assert_true(fabs(c->detail_age_s - 10) < 0.5);
	assert_true(ms_cgroup_stale(c, bound));
	/* within the budget: 30 ms of 1 ms reads, and the first movers */
	for (int i = 0; i < e.s.cgroups.n; i++)
		fresh += e.s.cgroups.v[i].detail_age_s == 0;
	assert_true(fresh >= 5 && fresh <= 40);
	assert_int_equal(e.s.cgroups.n, 10000 + 1 - 1 - 100);

	/* batch: every one read, none stale */
	fake_now += 1;
	assert_int_equal(sample(&e, true), 0);
	for (int i = 0; i < e.s.cgroups.n; i++)
		assert_true(e.s.cgroups.v[i].detail_age_s == 0);
	pt_fini(&e);
}

/*
 * 1,000 nested: read relative to each parent, past PATH_MAX; and kept by
 * --capture whole (its paths made a directory at a time), so the capture
 * reads the same.
 */
static void deep(void **state)
{
	struct pt_env e, f;
	const struct ms_cgroup *c;
	char cap[300], cmd[400];

	(void)state;
	gen("deep", 1000);
	pt_init(&e, dir);
	e.pf.clock = fake_clock; /* no test reads the machine's clock */
	snprintf(cap, sizeof(cap), "%s-capture", dir);
	assert_int_equal(ms_root_capture(&e.root, cap), 0);
	assert_int_equal(sample(&e, true), 0);
	pt_init(&f, cap);
	f.pf.clock = fake_clock;
	assert_int_equal(sample(&f, true), 0);
	assert_int_equal(f.s.cgroups.n, 1001);
	assert_string_equal(f.s.cgroups.v[1000].path, e.s.cgroups.v[1000].path);
	assert_int_equal(f.s.cgroups.v[1000].current_kb, 1000 << 10);
	assert_int_equal(f.s.cgroups.v[1000].swap_kb, 1024);
	pt_fini(&f);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", cap);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(e.s.cgroups.n, 1001);
	assert_null(ms_snapshot_why(&e.s, "cgroup_cut"));
	c = &e.s.cgroups.v[1000];
	assert_true(strlen(c->path) > PATH_MAX);
	assert_int_equal(strlen(c->path), 1000 * 6); /* "/d0001"... */
	assert_int_equal(c->current_kb, 1000 << 10);
	assert_int_equal(c->swap_kb, 1024);
	/* each level counts all below it: 500 + ... + 1000 MiB */
	c = &e.s.cgroups.v[500];
	assert_int_equal(c->current_kb, (uint64_t)(500 + 1000) * 501 / 2 << 10);
	pt_fini(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(shared_copies, gen_done),
		cmocka_unit_test_teardown(kept_records, gen_done),
		cmocka_unit_test_teardown(movers_first, gen_done),
		cmocka_unit_test_teardown(budget, gen_done),
		cmocka_unit_test_teardown(grow_while_spending, gen_done),
		cmocka_unit_test_teardown(deep, gen_done),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
