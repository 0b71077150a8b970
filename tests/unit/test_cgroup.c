// SPDX-License-Identifier: GPL-2.0
/*
 * The Cgroup area (probes/procfs/cgroup*.c, model/cgroup.c): the
 * hand-made trees of both hierarchies (tests/fixtures/edge-cgroup-*)
 * against hand-computed values, the parsers' edge cases, the rates.
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

#include "model/field.h"
#include "probes/replay/replay.h"
#include "store/json.h"
#include "probes/procfs/cgroup.h"
#include "probes/procfs/procfs.h"
#include "tests/unit/procfs_test.h"

#define FIX "tests/fixtures/"

static void read_tree(struct pt_env *e, const char *tree)
{
	pt_init(e, tree);
	e->err = ms_procfs_cgroup(&e->root, &e->pf, true, &e->s);
}

static const struct ms_cgroup *at(const struct pt_env *e, const char *path)
{
	for (int i = 0; i < e->s.cgroups.n; i++)
		if (!strcmp(e->s.cgroups.v[i].path, path))
			return &e->s.cgroups.v[i];
	fail_msg("no cgroup %s", path);
	return NULL;
}

static uint64_t kv(const struct ms_kvlist *l, const char *name)
{
	const struct ms_kv *k = ms_kv_find(l, name);

	return k ? k->value : MS_NA;
}

static void v2_tree(void **state)
{
	struct pt_env e;
	const struct ms_cgroup *c;

	(void)state;
	read_tree(&e, FIX "edge-cgroup-v2");
	assert_int_equal(e.err, 0);
	/* parents first, siblings by name */
	assert_int_equal(e.s.cgroups.n, 5);
	assert_string_equal(e.s.cgroups.v[0].path, "/");
	assert_string_equal(e.s.cgroups.v[1].path, "/nomem");
	assert_string_equal(e.s.cgroups.v[2].path, "/system.slice");
	assert_string_equal(e.s.cgroups.v[3].path, "/system.slice/app.service");
	assert_string_equal(e.s.cgroups.v[4].path,
			    "/system.slice/evil\x1b[31m\nname\xff");

	c = at(&e, "/"); /* the root has no memory.current: null */
	assert_int_equal(c->version, 2);
	assert_false(ms_have(c->current_kb));
	assert_int_equal(c->dying, 4);
	assert_int_equal(kv(&c->stat, "anon"), 209715200);

	c = at(&e, "/system.slice");
	assert_int_equal(c->current_kb, 104857600 / 1024);
	assert_false(ms_have(c->max_kb)); /* "max" */
	assert_int_equal(c->high_kb, 204800);
	assert_int_equal(c->low_kb, 0);
	assert_int_equal(c->min_kb, 0);
	assert_int_equal(c->peak_kb, 153600);
	assert_int_equal(c->swap_kb, 4);
	assert_false(ms_have(c->swap_max_kb));
	assert_int_equal(c->stat.n, 2);
	assert_int_equal(kv(&c->stat, "file"), 41943040);
	assert_int_equal(kv(&c->events, "high"), 5);
	assert_int_equal(kv(&c->events, "oom_kill"), 1);
	assert_int_equal(kv(&c->events_local, "high"), 3);
	assert_true(fabs(c->some.avg10 - 1.5) < 1e-9);
	assert_true(fabs(c->full.avg300 - 0.05) < 1e-9);
	assert_int_equal(c->some.total, 123456);
	assert_int_equal(c->full.total, 45678);
	assert_int_equal(c->procs, 2);
	assert_int_equal(c->nr_pids, 2);
	assert_int_equal(c->pids[1], 301);
	assert_int_equal(c->dying, 3);

	c = at(&e, "/system.slice/app.service");
	assert_int_equal(c->current_kb, 51200);
	assert_int_equal(c->max_kb, 262144);
	assert_false(ms_have(c->high_kb));
	assert_int_equal(c->low_kb, 1024);
	assert_int_equal(c->min_kb, 512);
	assert_false(ms_have(c->peak_kb)); /* memory.peak absent (< 5.19) */
	assert_false(ms_have(c->swap_kb));
	assert_true(isnan(c->some.avg10)); /* no memory.pressure: null */
	assert_null(c->events_local.v); /* absent: null, not {} */
	assert_int_equal(c->pids[0], 400);

	/* no memory controller enabled: listed, its usage null, a note */
	c = at(&e, "/nomem");
	assert_false(ms_have(c->current_kb));
	assert_null(c->stat.v);
	assert_int_equal(c->procs, 1);
	assert_non_null(
		strstr(ms_snapshot_why(&e.s, "cgroup_memory"), "/nomem"));

	c = &e.s.cgroups.v[4];
	assert_int_equal(c->current_kb, 1024);
	assert_int_equal(c->procs, 0);
	pt_fini(&e);
}

static void v1_tree(void **state)
{
	struct pt_env e;
	const struct ms_cgroup *c;

	(void)state;
	/* proc/mounts only (no mountinfo): the fallback */
	read_tree(&e, FIX "edge-cgroup-v1");
	assert_int_equal(e.err, 0);
	assert_int_equal(e.s.cgroups.n, 2);
	c = at(&e, "/");
	assert_int_equal(c->version, 1);
	assert_int_equal(c->current_kb, 3145728);
	assert_false(ms_have(c->max_kb)); /* PAGE_COUNTER_MAX: unlimited */
	assert_false(ms_have(c->low_kb));
	assert_int_equal(c->peak_kb, 6291456);
	assert_int_equal(kv(&c->stat, "total_pgpgin"), 922928264);
	assert_null(c->events.v); /* v1 has no memory.events */
	assert_false(ms_have(c->dying));
	assert_int_equal(c->procs, 3);

	c = at(&e, "/memscope-test");
	assert_int_equal(c->current_kb, 102400);
	assert_int_equal(c->max_kb, 262144);
	assert_false(ms_have(c->high_kb)); /* no such limit on v1 */
	assert_int_equal(c->low_kb, 131072); /* soft_limit_in_bytes */
	assert_int_equal(c->peak_kb, 103424);
	/* memory.memsw.usage_in_bytes is memory + swap: 4 MiB over usage */
	assert_int_equal(c->swap_kb, 4096);
	assert_int_equal(at(&e, "/")->swap_kb, 0); /* memsw == usage */
	assert_int_equal(c->pids[0], 4242);
	/* v1's events: memory.oom_control and memory.failcnt */
	assert_int_equal(c->events.n, 2);
	assert_int_equal(kv(&c->events, "oom_kill"), 1);
	assert_int_equal(kv(&c->events, "failcnt"), 7);
	assert_null(ms_snapshot_why(&e.s, "cgroup_v2"));
	pt_fini(&e);
}

static void hybrid_tree(void **state)
{
	struct pt_env e;

	(void)state;
	read_tree(&e, FIX "edge-cgroup-hybrid");
	assert_int_equal(e.err, 0);
	assert_int_equal(e.s.cgroups.n, 2);
	assert_int_equal(e.s.cgroups.v[0].version, 1);
	/* no memsw (swap accounting off): null, never a made-up 0 */
	assert_false(ms_have(e.s.cgroups.v[0].swap_kb));
	/* memsw read a moment after a usage 8 kB higher: 0, not negative */
	assert_int_equal(e.s.cgroups.v[1].swap_kb, 0);
	assert_string_equal(ms_snapshot_why(&e.s, "cgroup_v2"),
			    "no memory controller in /sys/fs/cgroup/unified: "
			    "read from v1 at /sys/fs/cgroup/memory");
	pt_fini(&e);
}

static void truncated_tree(void **state)
{
	struct pt_env e;
	const struct ms_cgroup *c;

	(void)state;
	read_tree(&e, FIX "edge-cgroup-truncated");
	assert_int_equal(e.err, 0);
	c = at(&e, "/system.slice");
	/* "file 419" has no newline: a value cut short is dropped */
	assert_int_equal(c->stat.n, 1);
	assert_int_equal(kv(&c->stat, "anon"), 62914560);
	assert_non_null(strstr(ms_snapshot_why(&e.s, "cgroup_files"),
			       "/system.slice/memory.stat"));
	assert_int_equal(c->current_kb, 102400); /* the rest is read */
	/*
	 * numa_stat: "anon" a second time, "shmem N0=x" and the cut
	 * "file_dirty N0=12" skipped; the good lines kept
	 */
	assert_int_equal(c->numa.n, 4);
	assert_int_equal(kv(&c->numa, "anon.N0"), 4096);
	assert_int_equal(kv(&c->numa, "anon.N1"), 8192);
	assert_int_equal(kv(&c->numa, "file.N0"), 8192);
	assert_int_equal(kv(&c->numa, "file.N1"), 4096);
	pt_fini(&e);
}

static void no_hierarchy(void **state)
{
	struct pt_env e;

	(void)state;
	read_tree(&e, FIX "debian12-6.18"); /* no mount table captured */
	assert_int_equal(e.err, -ENOENT);
	assert_int_equal(e.s.cgroups.n, 0);
	assert_non_null(ms_snapshot_why(&e.s, "cgroup_mount"));
	pt_fini(&e);
}

static void parsers(void **state)
{
	struct ms_cg_mounts m;
	struct ms_kvlist l = { 0 };
	struct ms_perr e;
	uint64_t kb, pids[2];
	int n;
	const char *mi = "30 24 0:26 / /sys/fs/cg\\040mem rw - cgroup cgroup "
			 "rw,memory_x,memory\n";

	(void)state;
	assert_int_equal(ms_cg_bytes_parse("max\n", 4, &kb), 0);
	assert_false(ms_have(kb));
	assert_int_equal(ms_cg_bytes_parse("9223372036854771712\n", 20, &kb),
			 0);
	assert_false(ms_have(kb)); /* 4 kB pages' unlimited */
	assert_int_equal(ms_cg_bytes_parse("9223372036854710272", 19, &kb), 0);
	assert_false(ms_have(kb)); /* 64 kB pages' */
	assert_int_equal(ms_cg_bytes_parse("4096\n", 5, &kb), 0);
	assert_int_equal(kb, 4);
	assert_int_equal(ms_cg_bytes_parse("12abc\n", 6, &kb), -EINVAL);
	assert_int_equal(ms_cg_bytes_parse("", 0, &kb), -EINVAL);

	ms_perr_init(&e);
	assert_int_equal(ms_cg_mounts_parse(mi, strlen(mi), &m, &e), 0);
	assert_string_equal(m.v1mem, "sys/fs/cg mem");
	assert_string_equal(m.v2, "");
	ms_perr_init(&e);
	assert_int_equal(ms_cg_mounts_parse("garbage\n", 8, &m, &e), -EINVAL);

	ms_perr_init(&e);
	assert_int_equal(ms_cg_kv_parse("oom 1\noom_kill 2", 16, &l, &e), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(e.bad, 1);
	assert_int_equal(e.first_bad, 2);
	ms_perr_init(&e);
	assert_int_equal(ms_cg_kv_parse("oom 1", 5, &l, &e), -EINVAL);
	free(l.v);

	ms_perr_init(&e);
	n = ms_cg_procs_parse("1\n2\nx\n3\n", 8, pids, 2, &n, &e);
	assert_int_equal(n, 3);
	assert_int_equal(e.bad, 1);
	assert_int_equal(pids[1], 2);
}

static void rates(void **state)
{
	struct ms_snapshot a, b;
	struct ms_cgroup *x, *y;

	(void)state;
	ms_snapshot_init(&a);
	ms_snapshot_init(&b);
	x = ms_list_add(&ms_cgroups_fields[0], &a.cgroups);
	y = ms_list_add(&ms_cgroups_fields[0], &b.cgroups);
	x->path = strdup("/a");
	y->path = strdup("/a");
	x->version = y->version = 2;
	x->current_kb = 1000;
	y->current_kb = 800;
	ms_kv_add(&x->stat, "pgscan", 100);
	ms_kv_add(&y->stat, "pgscan", 300);
	ms_kv_add(&x->stat, "anon", 4096);
	ms_kv_add(&y->stat, "anon", 0);
	ms_kv_add(&x->events, "max", 1);
	ms_kv_add(&y->events, "max", 5);
	a.t_mono = 10;
	b.t_mono = 12;
	ms_rates(&b, &a);
	assert_true(fabs(y->current_kb_per_s + 100) < 1e-9); /* shrinks */
	assert_true(fabs(y->stat.v[0].rate - 100) < 1e-9);
	assert_true(fabs(y->stat.v[1].rate + 2048) < 1e-9); /* an amount */
	assert_true(fabs(y->events.v[0].rate - 2) < 1e-9);
	ms_snapshot_free(&a);
	ms_snapshot_free(&b);
}

/*
 * Live, a cgroup's memory.stat may be a copy read samples ago: the same
 * copy keeps its read's rates (they were 0), a new one's rates are over
 * the time between the reads (they were the whole change over one
 * interval).
 */
static void rates_between_reads(void **state)
{
	struct ms_snapshot s[3];
	struct ms_cgroup *c[3];
	/* the probe's clock a few ms off the sample's */
	const double age[3] = { 0.004, 1.001, 0.002 };
	const double scan[3] = { 100, 100, 400 };

	(void)state;
	for (int i = 0; i < 3; i++) {
		ms_snapshot_init(&s[i]);
		c[i] = ms_list_add(&ms_cgroups_fields[0], &s[i].cgroups);
		c[i]->path = strdup("/a");
		c[i]->version = 1;
		c[i]->current_kb = 1000;
		c[i]->detail_age_s = age[i];
		s[i].t_mono = 10 + i;
		ms_kv_add(&c[i]->stat, "total_pgscan", (uint64_t)scan[i]);
		ms_kv_add(&c[i]->events, "oom_kill", i == 2 ? 3 : 1);
	}
	c[0]->stat.v[0].rate = 7; /* as if from a read before */
	c[0]->events.v[0].rate = 0.5;
	ms_rates(&s[1], &s[0]); /* s[1] carries s[0]'s copy */
	assert_true(c[1]->stat.v[0].rate == 7);
	assert_true(c[1]->events.v[0].rate == 0.5);
	ms_rates(&s[2], &s[1]); /* read again, 1.999 s after the last read */
	assert_true(fabs(c[2]->stat.v[0].rate - 300 / 1.999) < 1e-9);
	assert_true(fabs(c[2]->events.v[0].rate - 2 / 1.999) < 1e-9);
	for (int i = 0; i < 3; i++)
		ms_snapshot_free(&s[i]);
}

/* Many cgroups, one made in front of them all: each still finds its own. */
static void rates_after_insert(void **state)
{
	struct ms_snapshot a, b;
	char path[32];

	(void)state;
	ms_snapshot_init(&a);
	ms_snapshot_init(&b);
	a.t_mono = 1;
	b.t_mono = 2;
	for (int i = 0; i < 2001; i++) {
		struct ms_cgroup *x = NULL;

		if (i) {
			x = ms_list_add(&ms_cgroups_fields[0], &a.cgroups);
			snprintf(path, sizeof(path), "/c%d", i);
			x->path = strdup(path);
			x->version = 2;
			x->current_kb = 10;
		}
		x = ms_list_add(&ms_cgroups_fields[0], &b.cgroups);
		snprintf(path, sizeof(path), "/c%d", i);
		x->path = strdup(path);
		x->version = 2;
		x->current_kb = 10 + (uint64_t)i;
	}
	ms_rates(&b, &a);
	assert_true(isnan(b.cgroups.v[0].current_kb_per_s)); /* new */
	for (int i = 1; i < 2001; i++)
		assert_true(b.cgroups.v[i].current_kb_per_s == i);
	ms_snapshot_free(&a);
	ms_snapshot_free(&b);
}

/* The top-level array out and back: the same line, raw bytes, nulls. */
static void roundtrip(void **state)
{
	struct pt_env e;
	struct ms_snapshot b;
	char *one;

	(void)state;
	read_tree(&e, FIX "edge-cgroup-v2");
	e.s.t_real = 1;
	e.s.have = MS_SEC_BIT(MS_SEC_CGROUP);
	/* rates replay as recorded (a replay does not compute them) */
	e.s.cgroups.v[2].stat.v[1].rate = 12.5;
	e.s.cgroups.v[2].events.v[2].rate = 0.5;
	one = pt_json_back(&e.s, &b);
	assert_non_null(strstr(one, "\"cgroups\":[{\"path\":\"/\""));
	assert_int_equal(b.cgroups.n, 5);
	assert_string_equal(b.cgroups.v[4].path, e.s.cgroups.v[4].path);
	assert_int_equal(kv(&b.cgroups.v[2].events, "oom_kill"), 1);
	assert_null(b.cgroups.v[1].stat.v); /* null stays null */
	assert_int_equal(b.cgroups.v[2].pids[1], 301);
	assert_true(b.cgroups.v[2].stat.v[1].rate == 12.5);
	assert_true(b.cgroups.v[2].events.v[2].rate == 0.5);
	assert_true(isnan(b.cgroups.v[2].stat.v[0].rate));
	free(one);
	ms_snapshot_free(&b);
	pt_fini(&e);
}

/* memory.numa_stat of both hierarchies, as the kernel gives them. */
static void numa_stat(void **state)
{
	struct pt_env e;
	const struct ms_cgroup *c;
	char *j;

	(void)state;
	read_tree(&e, FIX "edge-cgroup-v2");
	c = at(&e, "/system.slice/app.service");
	assert_int_equal(c->numa.n, 8); /* 4 items, 2 nodes: bytes */
	assert_int_equal(kv(&c->numa, "anon.N1"), 2097152);
	assert_int_equal(kv(&c->numa, "kernel_stack.N0"), 16384);
	assert_null(at(&e, "/system.slice")->numa.v); /* no file: null */
	e.s.have = MS_SEC_BIT(MS_SEC_CGROUP);
	j = pt_json(&e.s);
	assert_non_null(strstr(j, "\"numa_stat\":{\"anon\":{\"N0\":1048576,"
				  "\"N1\":2097152},\"file\":{\"N0\":4096,"
				  "\"N1\":0},"));
	assert_non_null(strstr(j, "\"numa_stat\":null"));
	free(j);
	pt_fini(&e);
	/* v1: pages, the leading sum ("total=300") left out */
	read_tree(&e, FIX "edge-cgroup-v1");
	c = at(&e, "/memscope-test");
	assert_int_equal(c->numa.n, 10);
	assert_int_equal(kv(&c->numa, "total.N0"), 100);
	assert_int_equal(kv(&c->numa, "total.N1"), 200);
	assert_int_equal(kv(&c->numa, "anon.N1"), 200);
	assert_int_equal(kv(&c->numa, "hierarchical_total.N0"), 100);
	assert_int_equal(kv(&c->numa, "total"), MS_NA);
	pt_fini(&e);
}

/* Threads beside processes, zswap beside swap: null where not given. */
static void threads_zswap(void **state)
{
	struct pt_env e;
	const struct ms_cgroup *c;

	(void)state;
	read_tree(&e, FIX "edge-cgroup-v2");
	c = at(&e, "/system.slice");
	assert_int_equal(c->procs, 2);
	assert_int_equal(c->threads, 4); /* 4 lines of cgroup.threads */
	assert_int_equal(c->zswap_kb, 0);
	assert_int_equal(c->zswap_max_kb, 8192); /* 8388608 bytes */
	c = at(&e, "/system.slice/app.service");
	assert_int_equal(c->threads, 3);
	assert_int_equal(c->zswap_kb, 1024); /* 1048576 bytes */
	assert_int_equal(c->zswap_max_kb, MS_NA); /* "max" */
	c = at(&e, "/");
	assert_int_equal(c->threads, -1); /* no cgroup.threads captured */
	assert_int_equal(c->zswap_kb, MS_NA);
	pt_fini(&e);
	read_tree(&e, FIX "edge-cgroup-v1");
	c = at(&e, "/memscope-test");
	assert_int_equal(c->procs, 1);
	assert_int_equal(c->threads, 2); /* tasks: 4242 and its thread */
	assert_int_equal(c->zswap_kb, MS_NA); /* v1 has none */
	assert_int_equal(at(&e, "/")->threads, -1);
	pt_fini(&e);
}

/* numa_stat's parser on hostile lines: nothing half-read. */
static void numa_parse(void **state)
{
	struct ms_kvlist l = { 0 };
	struct ms_perr e;
	static const char t[] = "anon N0=1 N1=2 N2=x\n"
				"a.b N0=1\n"
				"=5 N0=1\n"
				"file\n"
				"shmem  N3=7   N0=8\n"
				"anon N0=9\n"
				"swapcached N0=18446744073709551615\n";

	(void)state;
	ms_perr_init(&e);
	assert_int_equal(ms_cg_numa_parse(t, sizeof(t) - 1, &l, &e), 0);
	/* a bad line is wholly undone: the later "anon" is its first */
	assert_int_equal(e.bad, 4);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.v[0].name, "shmem.N3");
	assert_int_equal(l.v[1].value, 8);
	assert_string_equal(l.v[2].name, "anon.N0");
	assert_int_equal(l.v[2].value, 9);
	assert_true(l.v[3].value == UINT64_MAX);
	free(l.v);
	l = (struct ms_kvlist){ 0 };
	ms_perr_init(&e);
	assert_int_equal(ms_cg_numa_parse("anon N0=12", 10, &l, &e), -EINVAL);
	assert_int_equal(l.n, 0);
	free(l.v);
}

/* A cgroup whose directory is empty went away while read: left out. */
static void vanished(void **state)
{
	char dir[] = "/tmp/ms-cgroup-XXXXXX";
	struct pt_env e;

	(void)state;
	assert_non_null(mkdtemp(dir));
	pt_put(dir, "proc/mounts", "cgroup2 /cg cgroup2 rw 0 0\n");
	pt_put(dir, "cg/cgroup.controllers", "memory\n");
	pt_put(dir, "cg/a/memory.current", "4096\n");
	pt_put(dir, "cg/a/cgroup.procs", "");
	pt_put(dir, "cg/gone/x", ""); /* no cgroup file: removed */
	read_tree(&e, dir);
	assert_int_equal(e.err, 0);
	assert_int_equal(e.s.cgroups.n, 2);
	assert_string_equal(e.s.cgroups.v[1].path, "/a");
	assert_string_equal(ms_snapshot_why(&e.s, "cgroup_vanished"),
			    "1 cgroup removed while read");
	pt_fini(&e);
	pt_rmtree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(v2_tree),
		cmocka_unit_test(v1_tree),
		cmocka_unit_test(hybrid_tree),
		cmocka_unit_test(truncated_tree),
		cmocka_unit_test(no_hierarchy),
		cmocka_unit_test(parsers),
		cmocka_unit_test(rates),
		cmocka_unit_test(rates_between_reads),
		cmocka_unit_test(rates_after_insert),
		cmocka_unit_test(roundtrip),
		cmocka_unit_test(numa_stat),
		cmocka_unit_test(numa_parse),
		cmocka_unit_test(threads_zswap),
		cmocka_unit_test(vanished),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
