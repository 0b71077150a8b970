// SPDX-License-Identifier: GPL-2.0
/*
 * The sums the model derives for the explorer (model/derive.c,
 * ms_derive_sums): vmstat counters over their variants and the blocks a
 * node could hand out, on the fixture trees, by hand and in a replay;
 * and that a static capture gets no rates from the session.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "app/session.h"
#include "probes/probe.h"
#include "probes/root.h"

/* One sample of tree through the session: read, derive, rates, sums. */
static void sample_tree(const char *tree, struct ms_snapshot *s)
{
	struct ms_root root;
	struct ms_manager m;
	struct ms_request req = { .sections = MS_SEC_BIT(MS_SEC_BUDDY) |
					      MS_SEC_BIT(MS_SEC_RECLAIM) |
					      MS_SEC_BIT(MS_SEC_MEMINFO) };

	assert_int_equal(ms_root_open(&root, tree), 0);
	assert_int_equal(ms_manager_open(&m, &root), 0);
	ms_snapshot_init(s);
	assert_int_equal(ms_session_sample(&(struct ms_session){ .m = &m },
					   &req, s, NULL),
			 0);
	ms_manager_close(&m);
	ms_root_close(&root);
}

static void vmsum_tree(void **state)
{
	struct ms_snapshot s;
	const struct ms_vmsum_val *v;

	sample_tree("tests/fixtures/debian12-6.18", &s);
	v = s.reclaim.sum;
	/* workingset_refault_anon 0 + workingset_refault_file 46705 */
	assert_int_equal(v[MS_VMSUM_WORKINGSET_REFAULT].value, 46705);
	/* the five allocstall_<zone> lines, all 0: a 0, not missing */
	assert_int_equal(v[MS_VMSUM_ALLOCSTALL].value, 0);
	/* pgscan_direct_throttle is another counter */
	assert_int_equal(v[MS_VMSUM_PGSCAN_DIRECT].value, 0);
	for (int i = 0; i < MS_VMSUM_N; i++) {
		const struct ms_kv *kv =
			ms_kv_find(&s.reclaim.vmstat, ms_vmsum_keys[i]);

		/* a counter the kernel prints whole is itself */
		if (kv)
			assert_int_equal(v[i].value, kv->value);
		/* one sample: no rate yet */
		assert_true(isnan(v[i].rate));
	}
	ms_snapshot_free(&s);
}

static void vmsum_by_hand(void **state)
{
	struct ms_snapshot s;
	const struct ms_vmsum_val *v = s.reclaim.sum;
	static const struct {
		const char *name;
		uint64_t val;
		double rate;
	} kv[] = {
		{ "pgscan_kswapd_dma32", 10, 1 }, /* 4.x: per zone */
		{ "pgscan_kswapd_normal", 32, 2 },
		{ "pgscan_direct_throttle", 99, 5 },
		{ "pgsteal_direct", 7, NAN },
		{ "pgsteal_direct_movable", 1, 1 },
		{ "oom_kill", MS_NA, 0 },
	};

	ms_snapshot_init(&s);
	for (size_t i = 0; i < sizeof(kv) / sizeof(kv[0]); i++)
		ms_kv_add(&s.reclaim.vmstat, kv[i].name, kv[i].val)->rate =
			kv[i].rate;
	ms_derive_sums(&s);
	assert_int_equal(v[MS_VMSUM_PGSCAN_KSWAPD].value, 42);
	assert_true(v[MS_VMSUM_PGSCAN_KSWAPD].rate == 3);
	/* no variant: missing, never 0 */
	assert_int_equal(v[MS_VMSUM_PGSCAN_DIRECT].value, MS_NA);
	assert_true(isnan(v[MS_VMSUM_PGSCAN_DIRECT].rate));
	/* an unknown rate makes the sum's unknown */
	assert_int_equal(v[MS_VMSUM_PGSTEAL_DIRECT].value, 8);
	assert_true(isnan(v[MS_VMSUM_PGSTEAL_DIRECT].rate));
	/* an unreadable value adds nothing, the counter is there */
	assert_int_equal(v[MS_VMSUM_OOM_KILL].value, 0);
	assert_true(v[MS_VMSUM_OOM_KILL].rate == 0);
	ms_snapshot_free(&s);
}

static void avail_tree(void **state)
{
	struct ms_snapshot s;
	const struct ms_buddy *b;

	sample_tree("tests/fixtures/debian-6.1-2node", &s);
	b = &s.buddy;
	assert_int_equal(b->nr_avail, 2);
	/* node 0: DMA 3 + DMA32 746 + Normal 91 blocks of order 10 */
	assert_int_equal(ms_node_avail(b, 0, 10), 840);
	/* ... and of order 9: those split, and 1 + 2 + 3 of order 9 */
	assert_int_equal(ms_node_avail(b, 0, 9), 2 * 840 + 6);
	/* node 1: Normal only, 238 of order 10 and 1 of order 9 */
	assert_int_equal(ms_node_avail(b, 1, 10), 238);
	assert_int_equal(ms_node_avail(b, 1, 9), 477);
	/* every page of a free block is a block of order 0 */
	for (int n = 0; n < 2; n++) {
		uint64_t pages = 0;

		for (int i = 0; i < b->nr_zones; i++)
			for (int o = 0;
			     b->zones[i].node == n && o < b->zones[i].nr_orders;
			     o++)
				pages += b->zones[i].free_blocks[o] << o;
		assert_int_equal(ms_node_avail(b, n, 0), pages);
	}
	/* no such node, no such order */
	assert_int_equal(ms_node_avail(b, 7, 0), 0);
	assert_int_equal(ms_node_avail(b, 0, MS_MAX_ORDER), 0);
	ms_snapshot_free(&s);
}

/*
 * MemFree against the zones' free lists. This machine's kernel hands the
 * Normal zone's memory to the buddy allocator on demand: MemFree counted
 * 24259676 kB, the zones 1293258 free pages; 4882432 pages present, not
 * managed. A 6.1 guest agrees to the page; a zone with 512 MiB of huge
 * pages reserved at boot is as unmanaged, but MemFree does not count it.
 */
static void lazy_tree(void **state)
{
	static const struct {
		const char *tree;
		uint64_t lazy;
	} want[] = {
		{ "tests/fixtures/debian12-6.18", 24259676 / 4 - 1293258 },
		{ "tests/fixtures/debian-6.1-2node", 0 },
		{ "tests/fixtures/edge-buddy-reserved", 0 },
		{ "tests/fixtures/edge-buddy-order0", MS_NA }, /* no meminfo */
	};
	struct ms_snapshot s;

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		sample_tree(want[i].tree, &s);
		assert_int_equal(s.buddy.lazy_free, want[i].lazy);
		ms_snapshot_free(&s);
	}
	/* a gap no present - managed covers, or under 128 MiB: none */
	sample_tree("tests/fixtures/debian12-6.18", &s);
	s.buddy.zones[2].managed = s.buddy.zones[2].present;
	ms_derive_sums(&s);
	assert_int_equal(s.buddy.lazy_free, 0);
	ms_snapshot_free(&s);
	sample_tree("tests/fixtures/debian-6.1-2node", &s);
	s.buddy.zones[2].zi_free -= 30000; /* 117 MiB */
	ms_derive_sums(&s);
	assert_int_equal(s.buddy.lazy_free, 0);
	s.buddy.zones[2].zi_free -= 3000; /* 129 MiB, 2.9 % of MemTotal */
	ms_derive_sums(&s);
	assert_int_equal(s.buddy.lazy_free, 33000);
	ms_snapshot_free(&s);
}

/* A replay's samples come derived as recorded; the sums are made anew. */
static void sums_replayed(void **state)
{
	struct ms_manager m;
	struct ms_snapshot s;
	struct ms_request req = { .sections = MS_SEC_BIT(MS_SEC_BUDDY) |
					      MS_SEC_BIT(MS_SEC_RECLAIM) };
	const struct ms_kv *kv;

	assert_int_equal(ms_manager_open_replay(
				 &m, "tests/golden/recording.zst", NAN, NAN),
			 0);
	ms_snapshot_init(&s);
	assert_int_equal(ms_session_sample(&(struct ms_session){ .m = &m },
					   &req, &s, NULL),
			 0);
	assert_true(s.buddy.nr_zones > 0);
	assert_true(s.buddy.nr_avail > 0);
	assert_int_equal(ms_node_avail(&s.buddy, s.buddy.zones[0].node, 0) > 0,
			 true);
	kv = ms_kv_find(&s.reclaim.vmstat, "pgfault");
	assert_non_null(kv);
	assert_int_equal(s.reclaim.sum[MS_VMSUM_PGFAULT].value, kv->value);
	ms_snapshot_free(&s);
	ms_manager_close(&m);
}

/*
 * Two samples of a static capture (the same files read twice) through the
 * session: the Memory tab's growth, the attribution's and the Cgroups
 * tab's rates stay not available, never 0/s.
 */
static void capture_no_rate(const char *tree, unsigned int secs,
			    struct ms_snapshot *s)
{
	struct ms_root root;
	struct ms_manager m;
	struct ms_snapshot first;
	struct ms_request req = { .sections = secs };

	assert_int_equal(ms_root_open(&root, tree), 0);
	assert_true(root.frozen);
	assert_int_equal(ms_manager_open(&m, &root), 0);
	ms_snapshot_init(&first);
	ms_snapshot_init(s);
	assert_int_equal(ms_session_sample(&(struct ms_session){ .m = &m },
					   &req, &first, NULL),
			 0);
	/* the second a moment later: rates against the first (dt > 0) */
	while (ms_session_sample(&(struct ms_session){ .m = &m }, &req, s,
				 &first),
	       s->t_mono <= first.t_mono)
		;
	ms_snapshot_free(&first);
	ms_manager_close(&m);
	ms_root_close(&root);
}

static void capture_no_rates(void **state)
{
	struct ms_snapshot s;

	capture_no_rate("tests/fixtures/debian12-6.18",
			MS_SEC_BIT(MS_SEC_MEMINFO) | MS_SEC_BIT(MS_SEC_MEMORY),
			&s);
	assert_true(s.memory.ledger.n > 0);
	for (int i = 0; i < s.memory.ledger.n; i++)
		assert_true(isnan(s.memory.ledger.v[i].kb_per_s));
	ms_snapshot_free(&s);

	capture_no_rate("tests/fixtures/edge-attrib-allocinfo",
			MS_SEC_BIT(MS_SEC_ATTRIBUTION), &s);
	assert_true(s.attrib.n > 0);
	assert_true(isnan(s.attrib.kb_per_s));
	for (int i = 0; i < s.attrib.n; i++)
		assert_true(isnan(s.attrib.v[i].kb_per_s));
	ms_snapshot_free(&s);

	capture_no_rate("tests/fixtures/edge-cgroup-v2",
			MS_SEC_BIT(MS_SEC_CGROUP), &s);
	assert_true(s.cgroups.n > 2);
	for (int i = 0; i < s.cgroups.n; i++) {
		const struct ms_cgroup *c = &s.cgroups.v[i];

		assert_true(isnan(c->current_kb_per_s));
		for (int j = 0; j < c->stat.n; j++)
			assert_true(isnan(c->stat.v[j].rate));
		for (int j = 0; j < c->events.n; j++)
			assert_true(isnan(c->events.v[j].rate));
	}
	ms_snapshot_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(vmsum_tree),
		cmocka_unit_test(vmsum_by_hand),
		cmocka_unit_test(avail_tree),
		cmocka_unit_test(sums_replayed),
		cmocka_unit_test(lazy_tree),
		cmocka_unit_test(capture_no_rates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
