// SPDX-License-Identifier: GPL-2.0
/*
 * The DAMON area (probes/procfs/damon*.c, model/damon.c): this machine's
 * captured tree and the hand-made edge trees (tests/fixtures/edge-damon-*)
 * against their files, a tree the walk gets through a counting source
 * (bounds), the rates, and the JSON out and back.
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
#include "probes/procfs/damon.h"
#include "probes/procfs/procfs.h"
#include "probes/replay/replay.h"
#include "store/json.h"
#include "tests/unit/procfs_test.h"

#define FIX "tests/fixtures/"

static void read_tree(struct pt_env *e, const char *tree)
{
	pt_init(e, tree);
	e->err = ms_procfs_damon(&e->root, &e->pf, &e->s);
}

static const char *why(const struct pt_env *e, const char *what)
{
	const char *w = ms_snapshot_why(&e->s, what);

	return w ? w : "";
}

/* This machine: one paddr kdamond with a pageout scheme (6.18's layout). */
static void machine(void **state)
{
	struct pt_env e;
	const struct ms_kdamond *k;
	const struct ms_damon_scheme *c;

	(void)state;
	read_tree(&e, FIX "debian12-6.18");
	assert_int_equal(e.err, 0);
	assert_int_equal(e.s.damon.nr_kdamonds, 1);
	assert_int_equal(e.s.damon.n, 1);
	assert_false(e.s.damon.cut);
	k = &e.s.damon.v[0];
	assert_string_equal(k->state, "on");
	assert_int_equal(k->pid, 105);
	assert_string_equal(k->operations, "paddr");
	assert_int_equal(k->refresh_ms, 0);
	assert_int_equal(k->addr_unit, 1);
	assert_int_equal(k->sample_us, 500000);
	assert_int_equal(k->aggr_us, 5000000);
	assert_int_equal(k->update_us, 60000000);
	assert_int_equal(k->nr_regions_min, 1024);
	assert_int_equal(k->nr_regions_max, 8192);
	assert_int_equal(k->nr_targets, 1);
	assert_int_equal(k->targets[0].nr_regions, 1);
	assert_int_equal(k->targets[0].v[0].start, 4294967296ull);
	assert_int_equal(k->targets[0].v[0].end, 12482248704ull);
	assert_int_equal(k->nr_schemes, 1);
	c = &k->schemes[0];
	assert_string_equal(c->action, "pageout");
	assert_int_equal(c->age_min, 12);
	assert_int_equal(c->nr_acc_max, 1);
	assert_false(ms_have(c->sz_max)); /* ULONG_MAX: no bound */
	assert_int_equal(c->q_ms, 50);
	assert_int_equal(c->q_bytes, 134217728);
	assert_int_equal(c->w_age, 1000);
	assert_string_equal(c->wm_metric, "none");
	assert_int_equal(c->target_nid, -1);
	assert_int_equal(c->nr_tried, 0);
	/* ops_filters of 6.15+: anon kept out, unmapped let through */
	assert_int_equal(c->n, 2);
	assert_string_equal(c->v[0].dir, "ops_filters");
	assert_string_equal(c->v[0].type, "anon");
	assert_string_equal(c->v[0].allow, "N");
	assert_string_equal(c->v[1].type, "unmapped");
	assert_string_equal(why(&e, "damon_sysfs"), "");
	pt_fini(&e);
}

static void multi(void **state)
{
	struct pt_env e;
	const struct ms_damon *d;

	(void)state;
	read_tree(&e, FIX "edge-damon-multi");
	d = &e.s.damon;
	assert_int_equal(e.err, 0);
	assert_int_equal(d->n, 3);
	assert_int_equal(d->v[0].refresh_ms, 1000);
	assert_int_equal(d->v[0].nr_targets, 2);
	assert_int_equal(d->v[0].targets[1].pid, 5678);
	assert_int_equal(d->v[0].targets[1].n, 0);
	assert_string_equal(d->v[0].schemes[0].wm_metric, "free_mem_rate");
	assert_int_equal(d->v[0].schemes[0].wm_low, 200);
	assert_string_equal(d->v[0].schemes[0].v[0].memcg_path,
			    "/system.slice/db.service");
	assert_int_equal(d->v[0].schemes[0].qt_exceeds, 7);
	assert_int_equal(d->v[0].schemes[1].apply_interval_us, 2000000);
	/* set up, not started: no context, no pid */
	assert_string_equal(d->v[1].state, "off");
	assert_int_equal(d->v[1].pid, -1);
	assert_int_equal(d->v[1].nr_contexts, 0);
	assert_int_equal(d->v[1].nr_schemes, 0);
	assert_string_equal(d->v[2].schemes[0].action, "migrate_cold");
	assert_int_equal(d->v[2].schemes[0].target_nid, 1);
	assert_int_equal(d->v[2].schemes[0].nr_goals, 1);
	assert_int_equal(d->v[2].targets[0].n, 2);
	assert_int_equal(d->v[2].targets[0].v[1].end, 17179869184ull);
	pt_fini(&e);
}

/* 6.1's layout: the newer files absent, not an error; a bad number noted */
static void older(void **state)
{
	struct pt_env e;
	const struct ms_kdamond *k;

	(void)state;
	read_tree(&e, FIX "edge-damon-6.1");
	assert_int_equal(e.err, 0);
	k = &e.s.damon.v[0];
	assert_false(ms_have(k->refresh_ms));
	/* the kernel's one name per line, as one line (JSON, screens) */
	assert_string_equal(k->avail, "vaddr fvaddr paddr");
	assert_false(ms_have(k->addr_unit));
	assert_false(ms_have(k->schemes[0].apply_interval_us));
	assert_false(ms_have(k->schemes[0].q_effective_bytes));
	assert_false(ms_have(k->schemes[0].sz_ops_filter_passed));
	assert_int_equal(k->schemes[0].nr_goals, -1);
	assert_int_equal(k->schemes[0].n, 0);
	assert_false(ms_have(k->schemes[0].nr_tried)); /* "12x" */
	assert_int_equal(k->schemes[0].nr_applied, 12);
	assert_non_null(strstr(why(&e, "damon_sysfs"), "nr_tried"));
	pt_fini(&e);
}

static void hostile(void **state)
{
	struct pt_env e;
	const struct ms_kdamond *k;

	(void)state;
	read_tree(&e, FIX "edge-damon-hostile");
	assert_int_equal(e.err, 0);
	assert_true(e.s.damon.cut);
	assert_int_equal(e.s.damon.nr_kdamonds, 1000000);
	/* kdamonds/1 is a loop to kdamonds/: no state, dropped */
	assert_int_equal(e.s.damon.n, 1);
	k = &e.s.damon.v[0];
	assert_string_equal(k->state, "on\033[2J"); /* raw: escaped out */
	assert_int_equal(k->pid, -1); /* out of range */
	assert_int_equal(k->nr_targets, 0);
	assert_int_equal(k->nr_schemes, 1);
	assert_string_equal(k->schemes[0].action, "pageout\033]0;x\a");
	assert_int_equal(k->schemes[0].n, 0);
	pt_fini(&e);
}

static void no_damon(void **state)
{
	struct pt_env e;

	(void)state;
	read_tree(&e, FIX "edge-numa-1node");
	assert_int_equal(e.err, -ENOENT);
	assert_non_null(strstr(why(&e, "damon"), "no sys/kernel/mm/damon"));
	pt_fini(&e);
}

/* A source that claims huge counts for every nr_ file: the walk's work */
static int calls;

static int huge(void *ctx, const char *rel, char *out, size_t n)
{
	(void)ctx;
	calls++;
	if (strstr(rel, "/nr_") || !strncmp(rel, "kdamonds/nr_", 12))
		snprintf(out, n, "4294967295\n");
	else if (strstr(rel, "/action") || strstr(rel, "/state") ||
		 strstr(rel, "/pid_target") || strstr(rel, "/type") ||
		 strstr(rel, "/start"))
		snprintf(out, n, "1\n");
	else
		return -ENOENT;
	return 0;
}

static void quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

static void bounded(void **state)
{
	struct ms_damon d = { 0 };
	const struct ms_damon_src src = { .get = huge, .note = quiet };

	(void)state;
	calls = 0;
	assert_int_equal(ms_damon_walk(&d, &src), 0);
	assert_true(d.cut);
	assert_int_equal(d.n, MS_DAMON_KDAMONDS);
	assert_int_equal(d.v[0].nr_targets, MS_DAMON_TARGETS);
	assert_int_equal(d.v[0].targets[0].n, MS_DAMON_REGIONS);
	assert_int_equal(d.v[0].nr_schemes, MS_DAMON_SCHEMES);
	assert_int_equal(d.v[0].schemes[0].n, MS_DAMON_FILTERS);
	/* every file of the bounded tree once: a few million at most */
	assert_true(calls < 5000000);
	ms_fields_free(ms_damon_fields, &d);
}

static void rates(void **state)
{
	struct pt_env a, b;

	(void)state;
	read_tree(&a, FIX "edge-damon-multi");
	read_tree(&b, FIX "edge-damon-multi");
	b.s.damon.v[0].schemes[0].sz_applied += 4096 * 10;
	ms_damon_rates(&b.s.damon, &a.s.damon, 2.0);
	assert_true(b.s.damon.v[0].schemes[0].sz_applied_per_s == 20480.0);
	assert_true(b.s.damon.v[0].schemes[0].sz_tried_per_s == 0.0);
	/* a restart (the counter went back): no rate */
	b.s.damon.v[2].schemes[0].sz_applied = 0;
	ms_damon_rates(&b.s.damon, &a.s.damon, 2.0);
	assert_true(isnan(b.s.damon.v[2].schemes[0].sz_applied_per_s));
	pt_fini(&a);
	pt_fini(&b);
}

static void roundtrip(void **state)
{
	struct pt_env e;
	struct ms_snapshot b;
	char *one;

	(void)state;
	read_tree(&e, FIX "edge-damon-multi");
	e.s.t_real = 1;
	e.s.have = MS_SEC_BIT(MS_SEC_DAMON);
	e.s.damon.v[2].schemes[1].sz_applied_per_s = 1.5;
	one = pt_json_back(&e.s, &b);
	assert_non_null(strstr(one, "\"damon\":{\"nr_kdamonds\":3"));
	assert_int_equal(b.damon.n, 3);
	assert_string_equal(b.damon.v[2].schemes[0].action, "migrate_cold");
	assert_true(b.damon.v[2].schemes[1].sz_applied_per_s == 1.5);
	/* without --damon: null, null and no regions */
	assert_non_null(strstr(one, "\"target\":null,\"wss_kb\":null,"
				    "\"regions\":[]}"));
	free(one);
	ms_snapshot_free(&b);
	pt_fini(&e);
}

/* memscope's own monitoring: target, wss_kb and regions out and back */
static void own_roundtrip(void **state)
{
	const struct ms_field *rl = NULL;
	struct ms_damon_mregion *g;
	struct pt_env e;
	struct ms_snapshot b;
	char *one;

	(void)state;
	for (const struct ms_field *f = ms_damon_fields; f->key; f++)
		if (f->type == MS_F_LIST && !strcmp(f->key, "regions"))
			rl = f;
	read_tree(&e, FIX "edge-damon-multi");
	e.s.t_real = 1;
	e.s.have = MS_SEC_BIT(MS_SEC_DAMON);
	snprintf(e.s.damon.target, sizeof(e.s.damon.target), "1234");
	e.s.damon.wss_kb = 4;
	g = ms_list_add(rl, &e.s.damon);
	*g = (struct ms_damon_mregion){ 4096, 8192, 20, 3 };
	g = ms_list_add(rl, &e.s.damon);
	*g = (struct ms_damon_mregion){ 8192, 1 << 20, 0, 50 };
	one = pt_json_back(&e.s, &b);
	assert_non_null(strstr(one, "\"target\":\"1234\",\"wss_kb\":4,"
				    "\"regions\":[{\"start\":4096,"
				    "\"end\":8192,\"nr_accesses\":20,"
				    "\"age\":3},"));
	assert_string_equal(b.damon.target, "1234");
	assert_int_equal(b.damon.wss_kb, 4);
	assert_int_equal(b.damon.nr_regions, 2);
	assert_int_equal(b.damon.regions[1].end, 1 << 20);
	assert_int_equal(b.damon.regions[1].age, 50);
	free(one);
	ms_snapshot_free(&b);
	pt_fini(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(machine),	 cmocka_unit_test(multi),
		cmocka_unit_test(older),	 cmocka_unit_test(hostile),
		cmocka_unit_test(no_damon),	 cmocka_unit_test(bounded),
		cmocka_unit_test(rates),	 cmocka_unit_test(roundtrip),
		cmocka_unit_test(own_roundtrip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
