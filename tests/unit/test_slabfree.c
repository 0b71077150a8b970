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

/* A cache's geometry: slabinfo's and sysfs's (MS_NA: not read) */
struct geo {
	uint64_t objsize, perslab, cpu_partial, sheaf_cap;
};

static const struct geo maple = { OBJSIZE, PERSLAB, MS_NA, MS_NA };

/*
 * One sample at time t of the caches, the events counted since the last
 * one (t - dt; dt NAN: just attached), derived and with rates against
 * prev (NULL: none).
 */
static void sample_geo(struct ms_snapshot *s, const struct ms_snapshot *prev,
		       double t, double dt, const struct cache *c, int n,
		       const struct cache *was, const struct geo *g)
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
		sc->objsize = g->objsize;
		sc->objperslab = g->perslab;
		sc->cpu_partial = g->cpu_partial;
		sc->sheaf_cap = g->sheaf_cap;
		sc->pagesperslab = 1;
		sc->active_slabs = sc->num_slabs = sc->num_objs / g->perslab;
		snprintf(r->name, sizeof(r->name), "%s", c[i].name);
		r->objsize = g->objsize;
		r->allocs = c[i].allocs;
		r->frees = c[i].frees;
		r->alloc_rate =
			was ? (double)(c[i].allocs - was[i].allocs) / dt : NAN;
		r->free_rate =
			was && ms_have(c[i].frees) ?
				(double)(c[i].frees - was[i].frees) / dt :
				NAN;
		r->alloc_bytes_rate = r->alloc_rate * (double)g->objsize;
		r->free_bytes_rate = r->free_rate * (double)g->objsize;
	}
	ms_derive(s);
	ms_rates(s, prev);
}

static void sample(struct ms_snapshot *s, const struct ms_snapshot *prev,
		   double t, double dt, const struct cache *c, int n,
		   const struct cache *was)
{
	sample_geo(s, prev, t, dt, c, n, was, &maple);
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
	assert_int_equal(ms_slab_pool(256, 16, 4096, 2, MS_NA, MS_NA),
			 2 * ((1 + 7) * 16 + 13 * 32));
	/* dentry: 192 bytes, 21 a slab, 120 objects in partial slabs */
	assert_int_equal(ms_slab_pool(192, 21, 4096, 1, MS_NA, MS_NA),
			 (1 + 12) * 21 + 13 * 32);
	/* 8k objects, one a slab: 6 objects, 12 slabs */
	assert_int_equal(ms_slab_pool(8192, 1, 4096, 1, MS_NA, MS_NA),
			 13 + 13 * 32);
	assert_true(ms_slab_pool(256, 0, 4096, 2, MS_NA, MS_NA) == MS_NA);
	assert_true(ms_slab_pool(256, 16, 4096, 0, MS_NA, MS_NA) == MS_NA);
	assert_true(ms_slab_pool(MS_NA, 16, 4096, 2, MS_NA, MS_NA) == MS_NA);
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
	uint64_t pool =
		ms_slab_pool(OBJSIZE, PERSLAB, 4096, NCPU, MS_NA, MS_NA);
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

/*
 * The pool from the cache's own sysfs: cpu_partial as the kernel has it,
 * and sheaves only where sheaf_capacity says so (none before 6.18).
 */
static void test_pool_sysfs(void **state)
{
	(void)state;
	/* proc_inode_cache on 6.18: 696 bytes, 23 a slab, cpu_partial 52 */
	assert_int_equal(ms_slab_pool(696, 23, 4096, 2, 52, 0),
			 2 * (1 + 5) * 23);
	/* the same without sysfs: sheaves of 32 allowed */
	assert_int_equal(ms_slab_pool(696, 23, 4096, 2, MS_NA, MS_NA),
			 2 * ((1 + 5) * 23 + 13 * 32));
	/* maple_node on 6.18: sheaf_capacity 32 */
	assert_int_equal(ms_slab_pool(256, 16, 4096, 2, 52, 32),
			 2 * ((1 + 7) * 16 + 13 * 32));
	/* cpu_partial 0 (SLUB_CPU_PARTIAL off): the CPU slab alone */
	assert_int_equal(ms_slab_pool(192, 21, 4096, 2, 0, 0), 2 * 21);
}

/*
 * Recorded on 6.18 (memscope -b -n 11 -d 2 --json --tab slab under the
 * churn of tests/hostile/test_slabfree.sh): proc_inode_cache's active
 * objects and the events counted, interval by interval. The kernel fired
 * no kmem_cache_alloc for part of its allocations (perf stat, no BPF at
 * all, counted 2058 allocations, 6229 frees and active +435 in 15 s;
 * objects were freed twice with no allocation event between), so the
 * counts fall ~150 a second short of the growth. Its sysfs says
 * cpu_partial 52 and no sheaves: the bound is 276 objects and the drift
 * is marked from the first interval. Allowed sheaves it has not, the
 * bound was 1,108 and the counts passed as checked for four intervals.
 */
static void test_recorded_missed_allocs(void **state)
{
	static const uint64_t active[] = { 1720, 1845, 1870, 1782, 1740, 1744 };
	static const uint64_t alloc[] = { 0, 150, 206, 160, 120, 10 };
	static const uint64_t freed[] = { 0, 384, 516, 316, 471, 268 };
	const struct geo sysfs = { 696, 23, 52, 0 };
	const struct geo guess = { 696, 23, MS_NA, MS_NA };
	const struct geo *g[] = { &sysfs, &guess };
	struct cache c[6];
	struct ms_snapshot s[6];

	(void)state;
	for (int k = 0; k < 2; k++) {
		uint64_t a = 0, f = 0;

		for (int i = 0; i < 6; i++) {
			a += alloc[i];
			f += freed[i];
			c[i] = (struct cache){ "proc_inode_cache", active[i], a,
					       f };
			sample_geo(&s[i], i ? &s[i - 1] : NULL, 10 + 2 * i,
				   i ? 2 : NAN, &c[i], 1, i ? &c[i - 1] : NULL,
				   g[k]);
		}
		for (int i = 1; i < 6; i++) {
			const struct ms_slab_cache *sc = &s[i].slab.caches[0];

			if (k == 0) {
				assert_int_equal(sc->free_src,
						 MS_FREE_INCONSISTENT);
				assert_string_equal(ms_alloc_mark(sc->free_src),
						    "?");
			} else {
				assert_int_equal(sc->free_src,
						 i < 5 ? MS_FREE_COUNTED :
							 MS_FREE_INCONSISTENT);
			}
		}
		for (int i = 0; i < 6; i++)
			ms_snapshot_free(&s[i]);
	}
}

/*
 * Recorded the same way: filp, whose events the kernel does fire, stays
 * within the tighter bound (cpu_partial 120, 192 bytes, 21 a slab).
 */
static void test_recorded_counted(void **state)
{
	static const uint64_t active[] = { 1056, 1111, 1046, 1134, 1030, 1047,
					   1218, 1197, 1126, 1105, 1024 };
	static const uint64_t alloc[] = { 0,	 43315, 55322, 48261,
					  48033, 40066, 44596, 32249,
					  22094, 25915, 28139 };
	static const uint64_t freed[] = { 0,	 43297, 55373, 48157,
					  48169, 40037, 44540, 32128,
					  22199, 26001, 28087 };
	const struct geo sysfs = { 192, 21, 120, 0 };
	struct cache c[11];
	struct ms_snapshot s[11];
	uint64_t a = 0, f = 0;

	(void)state;
	for (int i = 0; i < 11; i++) {
		a += alloc[i];
		f += freed[i];
		c[i] = (struct cache){ "filp", active[i], a, f };
		sample_geo(&s[i], i ? &s[i - 1] : NULL, 10 + 2 * i, i ? 2 : NAN,
			   &c[i], 1, i ? &c[i - 1] : NULL, &sysfs);
	}
	for (int i = 1; i < 11; i++)
		assert_int_equal(s[i].slab.caches[0].free_src, MS_FREE_COUNTED);
	for (int i = 0; i < 11; i++)
		ms_snapshot_free(&s[i]);
}

/*
 * The first interval after the attach: the counts were first read after
 * the group attached, later in its sample than slabinfo, so they span
 * 2.0 s of the samples' 2.19 (buffer_head on 6.18: 13,032 allocations,
 * as many frees, active +1,229 in that interval). The bound grows by the
 * events of the 0.19 s; read over the same span, the same numbers are
 * beyond it.
 */
static void test_span_skew(void **state)
{
	const struct geo bh = { 104, 39, 120, 0 };
	struct cache a[] = { { "buffer_head", 100000, 0, 0 } };
	struct cache b[] = { { "buffer_head", 101229, 13032, 13032 } };
	struct ms_snapshot s[2];
	const struct ms_slab_cache *c;

	(void)state;
	sample_geo(&s[0], NULL, 10, NAN, a, 1, NULL, &bh);
	sample_geo(&s[1], &s[0], 12.19, 2, b, 1, a, &bh);
	c = &s[1].slab.caches[0];
	assert_int_equal(c->free_src, MS_FREE_COUNTED);
	assert_true(c->free_tol * 2 > 1229);
	two_free(s);
	sample_geo(&s[0], NULL, 10, NAN, a, 1, NULL, &bh);
	sample_geo(&s[1], &s[0], 12, 2, b, 1, a, &bh);
	assert_int_equal(s[1].slab.caches[0].free_src, MS_FREE_INCONSISTENT);
	two_free(s);
}

/*
 * Recorded on 6.18 (the churn of tests/hostile/test_slabfree.sh):
 * buffer_head's allocations and (alloc - free) * interval - change of
 * active per interval. The first interval's counts began 0.3 s off
 * slabinfo's read (the attach) and are 1,163 objects off, within that
 * interval's wider bound; the later ones are within a few dozen. Summed
 * from the first, the 1,163 stayed beyond the later, tighter bounds and
 * the cache flipped between counted and inconsistent; the sum starts
 * after such an interval.
 */
static void test_recorded_attach_offset(void **state)
{
	static const double alloc[] = { 20295, 21009, 27386, 23416, 28736,
					27057, 21650, 22786, 18310, 18762 };
	static const double resid[] = { -1163, 13,  -40, -50, 8,
					-17,   -33, -10, -55, -23 };
	const struct geo bh = { 104, 39, 120, 0 };
	struct cache c[11];
	struct ms_snapshot s[11];
	uint64_t a = 0, f = 0;

	(void)state;
	c[0] = (struct cache){ "buffer_head", 50000, 0, 0 };
	sample_geo(&s[0], NULL, 10, NAN, c, 1, NULL, &bh);
	for (int i = 1; i < 11; i++) {
		a += (uint64_t)alloc[i - 1];
		f += (uint64_t)(alloc[i - 1] - resid[i - 1]);
		c[i] = (struct cache){ "buffer_head", 50000, a, f };
		/* the first span 2.307 s, the counts' 2.009 */
		sample_geo(&s[i], &s[i - 1], i == 1 ? 12.307 : 10.298 + 2 * i,
			   2.009, &c[i], 1, &c[i - 1], &bh);
	}
	for (int i = 1; i < 11; i++)
		assert_int_equal(s[i].slab.caches[0].free_src, MS_FREE_COUNTED);
	for (int i = 0; i < 11; i++)
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
		cmocka_unit_test(test_pool_sysfs),
		cmocka_unit_test(test_recorded_missed_allocs),
		cmocka_unit_test(test_recorded_counted),
		cmocka_unit_test(test_span_skew),
		cmocka_unit_test(test_recorded_attach_offset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
