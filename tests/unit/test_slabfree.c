// SPDX-License-Identifier: GPL-2.0
/*
 * Free/s checked against /proc/slabinfo (model/slabfree.c), on hand-made
 * snapshots taken through ms_derive() and ms_rates() as a session does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/slabfree.h"

#define NCPU 2

/* maple_node on this kind of machine: 256 bytes, 16 a slab */
#define OBJSIZE 256
#define PERSLAB 16

struct cache {
	const char *name;
	uint64_t active; /* /proc/slabinfo active_objs */
	uint64_t allocs, frees; /* counted since attach; frees MS_NA: none */
};

/*
 * One sample at time t of the caches, the events counted since the last
 * one (t - dt; dt NAN: just attached), derived and with rates against
 * prev (NULL: none).
 */
static void sample(struct ms_snapshot *s, const struct ms_snapshot *prev,
		   double t, double dt, const struct cache *c, int n,
		   const struct cache *was)
{
	ms_snapshot_init(s);
	s->t_mono = t;
	s->have = MS_SEC_BIT(MS_SEC_SLAB) | MS_SEC_BIT(MS_SEC_SLAB_EVENTS);
	s->slab.page_size = 4096;
	s->slab_events.interval = dt;
	s->slab_events.ncpu = NCPU;
	for (int i = 0; i < n; i++) {
		struct ms_slab_cache *sc = ms_slab_add(&s->slab);
		struct ms_slab_rate *r = ms_slab_rate_add(&s->slab_events);

		assert_non_null(sc);
		assert_non_null(r);
		snprintf(sc->name, sizeof(sc->name), "%s", c[i].name);
		sc->active_objs = c[i].active;
		sc->num_objs = c[i].active + 100;
		sc->objsize = OBJSIZE;
		sc->objperslab = PERSLAB;
		sc->pagesperslab = 1;
		sc->active_slabs = sc->num_slabs = sc->num_objs / PERSLAB;
		snprintf(r->name, sizeof(r->name), "%s", c[i].name);
		r->objsize = OBJSIZE;
		r->allocs = c[i].allocs;
		r->frees = c[i].frees;
		r->alloc_rate =
			was ? (double)(c[i].allocs - was[i].allocs) / dt : NAN;
		r->free_rate =
			was && ms_have(c[i].frees) ?
				(double)(c[i].frees - was[i].frees) / dt :
				NAN;
		r->alloc_bytes_rate = r->alloc_rate * OBJSIZE;
		r->free_bytes_rate = r->free_rate * OBJSIZE;
	}
	ms_derive(s);
	ms_rates(s, prev);
}

/* Two samples dt apart: a, just attached, then b. */
static void two(struct ms_snapshot s[2], const struct cache *a,
		const struct cache *b, int n, double dt)
{
	sample(&s[0], NULL, 10, NAN, a, n, NULL);
	sample(&s[1], &s[0], 10 + dt, dt, b, n, a);
}

static void two_free(struct ms_snapshot s[2])
{
	ms_snapshot_free(&s[0]);
	ms_snapshot_free(&s[1]);
}

static void test_pool(void **state)
{
	(void)state;
	/* CPU slab + DIV_ROUND_UP(52 * 2, 16) partial slabs + 13 sheaves */
	assert_int_equal(ms_slab_pool(256, 16, 4096, 2),
			 2 * ((1 + 7) * 16 + 13 * 32));
	/* dentry: 192 bytes, 21 a slab, 120 objects in partial slabs */
	assert_int_equal(ms_slab_pool(192, 21, 4096, 1),
			 (1 + 12) * 21 + 13 * 32);
	/* 8k objects, one a slab: 6 objects, 12 slabs */
	assert_int_equal(ms_slab_pool(8192, 1, 4096, 1), 13 + 13 * 32);
	assert_true(ms_slab_pool(256, 0, 4096, 2) == MS_NA);
	assert_true(ms_slab_pool(256, 16, 4096, 0) == MS_NA);
	assert_true(ms_slab_pool(MS_NA, 16, 4096, 2) == MS_NA);
}

/* maple_node on 6.18: 100,000 allocated, 1,000 frees seen, active +200 */
static void test_derived_when_frees_missed(void **state)
{
	struct cache a[] = { { "maple_node", 5000, 1000, 100 } };
	struct cache b[] = { { "maple_node", 5200, 101000, 1100 } };
	struct ms_snapshot s[2];
	const struct ms_slab_cache *c;
	double tol;

	(void)state;
	two(s, a, b, 1, 2);
	assert_int_equal(s[0].slab.caches[0].free_src, MS_FREE_NONE);
	c = &s[1].slab.caches[0];
	assert_int_equal(c->free_src, MS_FREE_DERIVED);
	assert_float_equal(c->free_counted, 500, 1e-9);
	/* (100,000 - 200) / 2 s */
	assert_float_equal(c->free_rate, 49900, 1e-9);
	tol = (2.0 * ((1 + 7) * 16 + 13 * 32) + 0.02 * 100000) / 2;
	assert_float_equal(c->free_tol, tol, 1e-9);
	/* the invariant, exactly: (alloc - free) * dt = change of active */
	assert_float_equal((c->alloc_rate - c->free_rate) * 2, 200, 1e-9);
	/* the text output's list has the same */
	assert_float_equal(s[1].slab_events.v[0].free_rate, 49900, 1e-9);
	assert_int_equal(s[1].slab_events.v[0].free_src, MS_FREE_DERIVED);
	assert_float_equal(s[1].slab_events.v[0].free_bytes_rate, 49900 * 256,
			   1e-6);
	assert_string_equal(ms_free_mark(c->free_src), "~");
	assert_string_equal(ms_alloc_mark(c->free_src), "");
	two_free(s);
}

/* counts that agree with slabinfo within the pool are shown as counted */
static void test_counted_when_consistent(void **state)
{
	struct cache a[] = { { "dentry", 5000, 0, 0 } };
	/* 1,000 net, active +600: 400 free objects held per CPU */
	struct cache b[] = { { "dentry", 5600, 3000, 2000 } };
	struct ms_snapshot s[2];
	const struct ms_slab_cache *c;

	(void)state;
	two(s, a, b, 1, 2);
	c = &s[1].slab.caches[0];
	assert_int_equal(c->free_src, MS_FREE_COUNTED);
	assert_float_equal(c->free_rate, 1000, 1e-9);
	assert_float_equal(c->free_gap, 400, 1e-9);
	assert_true(fabs((c->alloc_rate - c->free_rate) * 2 - 600) <=
		    c->free_tol * 2);
	assert_string_equal(ms_free_mark(c->free_src), "");
	two_free(s);
}

/*
 * A gap within the pool each interval but growing past it over several
 * (kfree_rcu batches of a quiet cache): derived from then on.
 */
static void test_gap_accumulates(void **state)
{
	uint64_t pool = ms_slab_pool(OBJSIZE, PERSLAB, 4096, NCPU);
	struct cache c[4];
	struct ms_snapshot s[4];

	(void)state;
	for (int i = 0; i < 4; i++) {
		/* 1,000 allocated, none freed, active unchanged */
		c[i] = (struct cache){ "kmalloc-rcl-96", 500,
				       1000 * (uint64_t)i, 0 };
		sample(&s[i], i ? &s[i - 1] : NULL, 10 + i, i ? 1 : NAN, &c[i],
		       1, i ? &c[i - 1] : NULL);
	}
	assert_true(pool > 1000 && pool < 2000);
	assert_int_equal(s[1].slab.caches[0].free_src, MS_FREE_COUNTED);
	assert_float_equal(s[1].slab.caches[0].free_rate, 0, 1e-9);
	assert_int_equal(s[2].slab.caches[0].free_src, MS_FREE_DERIVED);
	assert_float_equal(s[2].slab.caches[0].free_rate, 1000, 1e-9);
	assert_int_equal(s[3].slab.caches[0].free_src, MS_FREE_DERIVED);
	assert_float_equal(s[3].slab.caches[0].free_gap, 3000, 1e-9);
	for (int i = 0; i < 4; i++)
		ms_snapshot_free(&s[i]);
}

/* active grew beyond every allocation counted: none of it is trusted */
static void test_inconsistent(void **state)
{
	struct cache a[] = { { "skbuff_head_cache", 1000, 0, 0 } };
	struct cache b[] = { { "skbuff_head_cache", 9000, 200, 200 } };
	struct ms_snapshot s[2];
	const struct ms_slab_cache *c;

	(void)state;
	two(s, a, b, 1, 1);
	c = &s[1].slab.caches[0];
	assert_int_equal(c->free_src, MS_FREE_INCONSISTENT);
	assert_float_equal(c->free_rate, 200, 1e-9);
	assert_string_equal(ms_free_mark(c->free_src), "?");
	assert_string_equal(ms_alloc_mark(c->free_src), "?");
	two_free(s);
}

/* kfree not counted per cache (before 6.13): all derived, never < 0 */
static void test_frees_not_counted(void **state)
{
	struct cache a[] = { { "kmalloc-64", 1000, 0, MS_NA },
			     { "kmalloc-128", 1000, 0, MS_NA } };
	struct cache b[] = { { "kmalloc-64", 1100, 500, MS_NA },
			     /* grew by a slab more than allocated */
			     { "kmalloc-128", 1516, 500, MS_NA } };
	struct ms_snapshot s[2];

	(void)state;
	two(s, a, b, 2, 1);
	assert_int_equal(s[1].slab.caches[0].free_src, MS_FREE_DERIVED);
	assert_float_equal(s[1].slab.caches[0].free_rate, 400, 1e-9);
	assert_true(isnan(s[1].slab.caches[0].free_counted));
	assert_int_equal(s[1].slab.caches[1].free_src, MS_FREE_DERIVED);
	assert_float_equal(s[1].slab.caches[1].free_rate, 0, 1e-9);
	two_free(s);
}

/* nothing to check against: the counts, marked unchecked */
static void test_unchecked(void **state)
{
	struct cache a[] = { { "maple_node", 5000, 0, 0 } };
	struct cache b[] = { { "maple_node", 5000, 100000, 1000 } };
	struct ms_snapshot s[3];

	(void)state;
	sample(&s[0], NULL, 10, NAN, a, 1, NULL);
	/* the events re-attached: their interval is not the samples' */
	sample(&s[1], &s[0], 20, 2, b, 1, a);
	assert_int_equal(s[1].slab.caches[0].free_src, MS_FREE_UNCHECKED);
	assert_float_equal(s[1].slab.caches[0].free_rate, 500, 1e-9);
	assert_true(isnan(s[1].slab.caches[0].free_tol));
	assert_string_equal(ms_free_mark(MS_FREE_UNCHECKED), "?");
	/* no previous sample at all */
	sample(&s[2], NULL, 22, 2, b, 1, a);
	assert_int_equal(s[2].slab.caches[0].free_src, MS_FREE_UNCHECKED);
	for (int i = 0; i < 3; i++)
		ms_snapshot_free(&s[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pool),
		cmocka_unit_test(test_derived_when_frees_missed),
		cmocka_unit_test(test_counted_when_consistent),
		cmocka_unit_test(test_gap_accumulates),
		cmocka_unit_test(test_inconsistent),
		cmocka_unit_test(test_frees_not_counted),
		cmocka_unit_test(test_unchecked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
