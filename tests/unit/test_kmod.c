// SPDX-License-Identifier: GPL-2.0
/*
 * The kmod backend's parsers of memscope.ko's files on the doc's examples
 * and on a real capture from the lab VM. The backend behind the manager:
 * test_kmod_backend.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "model/snapshot.h"
#include "probes/kmod/kmod_parse.h"
#include "app/session.h"
#include "probes/probe.h"
#include "probes/procfs/procfs.h"
#include "probes/root.h"
#include "tests/unit/kmod_test.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char why[256];

/* A file of a fixture tree, read whole (also when it is not below proc/). */
static struct ms_buf file(const char *tree, const char *rel)
{
	struct ms_buf b = { 0 };
	struct ms_root r;

	assert_int_equal(ms_root_open(&r, tree), 0);
	if (ms_read(&r, rel, &b))
		print_error("cannot read %s/%s\n", tree, rel);
	assert_non_null(b.data);
	assert_true(b.len > 0);
	ms_root_close(&r);
	return b;
}

/* ---- buddy ------------------------------------------------------------ */

static void test_buddy_doc(void **state)
{
	struct ms_buf f = file(DOC, "proc/memscope/buddy");
	struct ms_kmod_buddy_info info;
	struct ms_buddy b = { 0 };
	struct ms_zone *z;
	static const uint64_t dma[] = { 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 3 };
	static const uint64_t dma_mov[] = { 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 3 };
	static const uint64_t nor_unm[] = { 16, 19, 12, 31, 29, 20,
					    16, 5,  3,	1,  0 };

	assert_int_equal(ms_kmod_parse_buddy(f.data, f.len, &b, &info, why,
					     sizeof(why)),
			 0);
	assert_int_equal(b.nr_zones, 2);
	assert_int_equal(b.nr_orders, 11);
	assert_int_equal(b.nr_migrate, 6);
	assert_string_equal(b.migrate[0], "Unmovable");
	assert_string_equal(b.migrate[4], "CMA");
	assert_string_equal(b.migrate[5], "Isolate");
	assert_int_equal(info.page_size, 4096);
	assert_int_equal(info.walk_limit, 131072);
	assert_int_equal(info.capped, 1);
	z = zone(&b, 0, "DMA");
	assert_int_equal(z->nr_orders, 11);
	assert_true(z->has_migrate);
	assert_orders(z->free_blocks, dma, 11);
	assert_orders(z->mt_free[1], dma_mov, 11);
	assert_int_equal(z->mt_pageblocks[0], MS_NA);
	assert_int_equal(z->spanned, 4095);
	assert_int_equal(z->present, 3998);
	assert_int_equal(z->managed, 3840);
	assert_int_equal(z->zi_free, 3584);
	assert_int_equal(z->wmark_min, 21);
	assert_int_equal(z->wmark_low, 26);
	assert_int_equal(z->wmark_high, 31);
	assert_int_equal(z->boost, 0);
	assert_int_equal(z->wmark_promo, MS_NA); /* not in the file */
	z = zone(&b, 1, "Normal");
	assert_orders(z->mt_free[0], nor_unm, 11);
	assert_int_equal(z->free_blocks[10], 230);
	assert_int_equal(z->boost, 128);
	assert_int_equal(z->managed, 257231);
	free(b.zones);
	ms_buf_free(&f);
}

static int parse_buddy_text(const char *text, struct ms_buddy *b)
{
	b->nr_zones = b->nr_orders = b->nr_migrate = 0;
	return ms_kmod_parse_buddy(text, strlen(text), b, NULL, why,
				   sizeof(why));
}

#define HDR "memscope-buddy 1\norders 3\ntypes A B\n"
#define ZONE                                                \
	"zone 0 Normal\nnr_free 1 2 3\nfree_type A 1 0 3\n" \
	"free_type B 0 2 0\ncapped 0\n"

static void test_buddy_bad(void **state)
{
	static const struct {
		const char *text;
		int err;
		const char *why;
	} cases[] = {
		{ "memscope-buddy 2\n" ZONE "end\n", -EPROTONOSUPPORT,
		  "unknown format 'memscope-buddy 2'" },
		{ "memscope-buddies 1\nend\n", -EPROTONOSUPPORT, "unknown" },
		{ "", -EINVAL, "no version line" },
		{ HDR ZONE, -EINVAL, "cut dump" },
		{ HDR ZONE "end", -EINVAL, "no newline" },
		{ HDR "end\n", -ENODATA, "no zones" },
		{ "memscope-buddy 1\n" ZONE "end\n", -EINVAL,
		  "before the orders and types" },
		{ HDR "zone 0 Normal\nnr_free 1 2\n", -EINVAL,
		  "2 counts, the header says 3" },
		{ HDR "zone 0 Normal\nnr_free 1 2 x\n", -EINVAL,
		  "bad free count 'x'" },
		{ HDR "zone 0 Normal\nfree_type C 1 2 3\n", -EINVAL,
		  "not in the types line" },
		{ HDR "zone 0 Normal\nfree_type A 1 0 3\ncapped 0\nend\n",
		  -EINVAL, "has no nr_free" },
		{ HDR "zone 0 Normal\nnr_free 1 2 3\nfree_type A 1 0 3\n"
		      "capped 0\nend\n",
		  -EINVAL, "lacks free_type" },
		{ HDR ZONE ZONE "end\n", -EINVAL, "listed twice" },
		{ HDR "zone 0 Normal\nnr_free 1 2 3\nnr_free 1 2 3\n", -EINVAL,
		  "twice" },
		{ HDR "zone 0 Normal\nmin 18446744073709551616\n", -EINVAL,
		  "bad min" },
		{ HDR "zone 99999 Normal\n", -EINVAL, "bad node" },
		{ HDR "zone 0 Nor\x1bmal\n", -EINVAL, "bad zone name" },
		{ "memscope-buddy 1\norders 17\n", -EINVAL, "bad orders" },
		{ "memscope-buddy 1\ntypes a b c d e f g h i\n", -E2BIG,
		  "more than 8 migrate types" },
	};
	struct ms_buddy b = { 0 };

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int err = parse_buddy_text(cases[i].text, &b);

		if (err != cases[i].err || !strstr(why, cases[i].why))
			print_error("case %zu: %d '%s'\n", i, err, why);
		assert_int_equal(err, cases[i].err);
		assert_non_null(strstr(why, cases[i].why));
	}
	free(b.zones);
}

/* Lines of a later version are skipped, in the header and in a zone. */
static void test_buddy_unknown_lines(void **state)
{
	struct ms_buddy b = { 0 };
	struct ms_zone *z;

	assert_int_equal(parse_buddy_text(HDR "future_header 1 2 3\n"
					      "zone 0 Normal\nnew_line x\n"
					      "nr_free 1 2 3\n"
					      "free_type A 1 0 3\n"
					      "free_type B 0 2 0\ncapped 0\n"
					      "end 1\nend\nafter the end\n",
					  &b),
			 0);
	z = zone(&b, 0, "Normal");
	assert_int_equal(z->free_blocks[2], 3);
	assert_int_equal(z->mt_free[1][1], 2);
	assert_int_equal(z->managed, MS_NA); /* optional lines absent */
	free(b.zones);
}

/*
 * Every prefix of a real file is refused (or, at a line boundary after
 * "end", accepted), never read past: the copy has no NUL after it.
 */
static void test_buddy_prefixes(void **state)
{
	struct ms_buf f = file(REAL, "proc/memscope/buddy");
	struct ms_buddy b = { 0 };

	for (size_t n = 0; n < f.len; n++) {
		char *copy = malloc(n ? n : 1);

		memcpy(copy, f.data, n);
		b.nr_zones = b.nr_orders = b.nr_migrate = 0;
		assert_true(ms_kmod_parse_buddy(copy, n, &b, NULL, why,
						sizeof(why)) < 0);
		free(copy);
	}
	free(b.zones);
	ms_buf_free(&f);
}

/* ---- maple ------------------------------------------------------------ */

static void test_maple_doc(void **state)
{
	struct ms_buf f = file(DOC, "proc/memscope/maple");
	struct ms_maple m = { 0 };
	const struct ms_maple_node *n;
	const struct ms_maple_slot *s;

	assert_int_equal(
		ms_kmod_parse_maple(f.data, f.len, &m, why, sizeof(why)), 0);
	assert_int_equal(m.pid, 1234);
	assert_int_equal(m.map_count, 5);
	assert_int_equal(m.vmas, 5);
	assert_int_equal(m.height, 2);
	assert_int_equal(m.tree_flags, 0x31b);
	assert_false(m.truncated);
	assert_int_equal(m.nr_nodes, 4);
	assert_int_equal(m.nr_slots, 12);
	n = &m.nodes[0];
	assert_int_equal(n->type, MS_MAPLE_ARANGE_64);
	assert_int_equal(n->parent, -1);
	assert_int_equal(n->depth, 0);
	assert_int_equal(n->max, UINT64_MAX);
	assert_int_equal(n->nr_slots, 3);
	assert_int_equal(n->nr_pivots, 3);
	assert_int_equal(n->pivots[1], 0x7ffd2b9fffffULL);
	assert_int_equal(n->nr_gaps, 3);
	assert_int_equal(n->gaps[2], 0xffff800000000000ULL);
	assert_string_equal(n->addr, "00000000c3a4d2b1");
	s = &m.slots[n->slot + 1];
	assert_int_equal(s->kind, MS_SLOT_CHILD);
	assert_int_equal(s->child, 2);
	n = &m.nodes[1];
	assert_int_equal(n->type, MS_MAPLE_LEAF_64);
	assert_int_equal(n->parent, 0);
	assert_int_equal(n->depth, 1);
	assert_int_equal(n->slot, 3);
	assert_int_equal(n->nr_gaps, 0);
	s = &m.slots[n->slot];
	assert_int_equal(s->kind, MS_SLOT_EMPTY);
	assert_int_equal(s->last, 0x55d5e7b99fffULL);
	s++;
	assert_int_equal(s->kind, MS_SLOT_VMA);
	assert_int_equal(s->vm_start, 0x55d5e7b9a000ULL);
	assert_int_equal(s->vm_end, 0x55d5e7ba1000ULL);
	assert_string_equal(s->perms, "r--p");
	assert_int_equal(s->vm_flags, 0x8000071);
	assert_string_equal(m.nodes[3].addr, "(____ptrval____)");
	assert_int_equal(m.slots[11].kind, MS_SLOT_EMPTY);
	assert_int_equal(m.slots[11].last, UINT64_MAX);
	free(m.nodes);
	free(m.slots);
	ms_buf_free(&f);
}

/* The doc's tree with one line replaced (line numbers from 1). */
static int maple_variant(int line, const char *with, struct ms_maple *m)
{
	struct ms_buf f = file(DOC, "proc/memscope/maple");
	char *out = malloc(f.len + 256), *p = f.data, *o = out;
	int err;

	for (int i = 1; *p; i++) {
		char *nl = strchr(p, '\n');
		size_t n = (size_t)(nl - p) + 1;

		if (i == line) {
			o += sprintf(o, "%s", with);
		} else {
			memcpy(o, p, n);
			o += n;
		}
		p += n;
	}
	err = ms_kmod_parse_maple(out, (size_t)(o - out), m, why, sizeof(why));
	free(out);
	ms_buf_free(&f);
	return err;
}

static void test_maple_bad(void **state)
{
	static const struct {
		int line;
		const char *with, *why;
	} cases[] = {
		{ 1, "memscope-maple 2\n", "unknown format" },
		{ 8, "slots 11\n", "more slots than the header" },
		{ 7, "nodes 5\n", "the header says 5" },
		{ 10, "node 1 -1 0 arange_64 0x0 0xffffffffffffffff 3 x\n",
		  "out of order" },
		{ 10, "node 0 -1 0 maple_64 0x0 0xffffffffffffffff 3 x\n",
		  "unknown node type" },
		{ 10, "node 0 -1 0 arange_64 0x0 0xffffffffffffffff 4 x\n",
		  "3 slot lines, it says 4" },
		{ 11, "pivots 0 0x7ffd2b9fffff 0x7f3a1c7fffff\n",
		  "do not increase" },
		{ 13, "slot 0 0 0x0 0x7f3a1c7fffff child 0\n", "out of order" },
		{ 13, "slot 0 0 0x0 0x7f3a1c7fffff child -1\n",
		  "missing child in a full dump" },
		{ 14, "slot 0 1 0x7f3a1c800001 0x7ffd2b9fffff child 2\n",
		  "does not follow on" },
		{ 14, "slot 0 2 0x7f3a1c800000 0x7ffd2b9fffff child 2\n",
		  "out of order" },
		{ 16, "node 1 0 2 leaf_64 0x0 0x7f3a1c7fffff 4 x\n",
		  "depth or range" },
		{ 16, "node 1 2 1 leaf_64 0x0 0x7f3a1c7fffff 4 x\n",
		  "comes later" },
		{ 19,
		  "slot 1 1 0x55d5e7b9a000 0x55d5e7ba0fff vma "
		  "0x55d5e7b9a000 0x55d5e7ba2000 r--p 0x8000071\n",
		  "not its slot's range" },
		{ 19,
		  "slot 1 1 0x55d5e7b9a000 0x55d5e7ba0fff vma "
		  "0x55d5e7b9a000 0x55d5e7ba1000 rw-x 0x8000071\n",
		  "bad perms" },
		{ 19, "slot 1 1 0x55d5e7b9a000 0x55d5e7ba0fff mystery\n",
		  "unknown slot kind" },
		{ 21,
		  "slot 1 3 0x7f3a1c7e2000 0x7f3a1c7ffffe vma "
		  "0x7f3a1c7e2000 0x7f3a1c7fffff rw-p 0x8100073\n",
		  "ends before max" },
		{ 31, "", "cut dump" },
	};
	struct ms_maple m = { 0 };

	assert_int_equal(maple_variant(0, "", &m), 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int err = maple_variant(cases[i].line, cases[i].with, &m);

		if (err >= 0 || !strstr(why, cases[i].why))
			print_error("case %zu: %d '%s'\n", i, err, why);
		assert_true(err < 0);
		assert_non_null(strstr(why, cases[i].why));
		assert_int_equal(m.nr_nodes, 0); /* nothing half-parsed */
		assert_int_equal(m.pid, 0);
	}
	/* a truncated dump may lack children; an unknown line is skipped */
	assert_int_equal(maple_variant(9, "truncated 1\nnew_field 7\n", &m), 0);
	assert_true(m.truncated);
	assert_int_equal(maple_variant(15,
				       "slot 0 2 0x7ffd2ba00000 "
				       "0xffffffffffffffff child -1\n",
				       &m),
			 -EINVAL); /* node 3 still refers to it: not full */
	free(m.nodes);
	free(m.slots);
}

/* The 1,000-VMA process of the lab capture: the leaves are its maps. */
static void test_maple_real(void **state)
{
	struct ms_buf f = file(REAL, "proc/memscope/maple");
	struct ms_buf maps = file(REAL, "proc/192/maps");
	struct ms_maple m = { 0 };
	int depth[8] = { 0 }, vmas = 0, types[4] = { 0 };
	char *line = maps.data;

	assert_int_equal(
		ms_kmod_parse_maple(f.data, f.len, &m, why, sizeof(why)), 0);
	assert_int_equal(m.pid, 192);
	assert_int_equal(m.map_count, 1010);
	assert_int_equal(m.height, 4);
	assert_int_equal(m.nr_nodes, 143);
	assert_int_equal(m.nr_slots, 2157);
	for (int i = 0; i < m.nr_nodes; i++) {
		assert_true(m.nodes[i].depth < 8);
		depth[m.nodes[i].depth]++;
		types[m.nodes[i].type]++;
	}
	assert_int_equal(depth[0], 1);
	assert_int_equal(depth[1], 2);
	assert_int_equal(depth[2], 14);
	assert_int_equal(depth[3], 126);
	assert_int_equal(types[MS_MAPLE_ARANGE_64], 17);
	assert_int_equal(types[MS_MAPLE_LEAF_64], 126);
	assert_string_equal(m.nodes[142].addr, "00000000fac5cd26");
	/* pre-order: the VMAs come in address order, as maps lists them */
	for (int i = 0; i < m.nr_slots; i++) {
		const struct ms_maple_slot *s = &m.slots[i];
		unsigned long long a, b;
		char perms[5];

		if (s->kind != MS_SLOT_VMA)
			continue;
		assert_int_equal(sscanf(line, "%llx-%llx %4s", &a, &b, perms),
				 3);
		assert_int_equal(s->vm_start, a);
		assert_int_equal(s->vm_end, b);
		assert_string_equal(s->perms, perms);
		line = strchr(line, '\n') + 1;
		vmas++;
	}
	assert_int_equal(vmas, 1010);
	assert_int_equal(*line, '\0');
	free(m.nodes);
	free(m.slots);
	ms_buf_free(&f);
	ms_buf_free(&maps);
}

/* ---- alloc_probe and slab_bench --------------------------------------- */

static void test_alloc(void **state)
{
	struct ms_buf f = file(DOC, "proc/memscope/alloc_probe");
	struct ms_buf r = file(REAL, "proc/memscope/alloc_probe");
	struct ms_buf none = file(REAL, "more/alloc_probe-none.txt");
	struct ms_kmod_alloc a;

	assert_int_equal(
		ms_kmod_parse_alloc(f.data, f.len, &a, why, sizeof(why)), 0);
	assert_int_equal(a.max_order, 10);
	assert_int_equal(a.max_count, 64);
	assert_int_equal(a.per_sec, 256);
	assert_int_equal(a.probe, 3);
	assert_int_equal(a.order, 9);
	assert_int_equal(a.count, 2);
	assert_int_equal(a.node, -1);
	assert_int_equal(a.ok, 2);
	assert_int_equal(a.nr, 2);
	assert_true(a.att[0].ok);
	assert_int_equal(a.att[0].ns, 40413);
	assert_int_equal(a.att[1].nid, 1);
	assert_int_equal(
		ms_kmod_parse_alloc(r.data, r.len, &a, why, sizeof(why)), 0);
	assert_int_equal(a.probe, 2); /* after more/alloc_probe-order10 */
	assert_int_equal(a.order, 3);
	assert_int_equal(a.node, 1);
	assert_int_equal(a.nr, 4);
	assert_int_equal(a.att[0].ns, 198480);
	assert_int_equal(a.att[3].ns, 173750);
	assert_int_equal(a.att[3].nid, 1);
	assert_int_equal(ms_kmod_parse_alloc(none.data, none.len, &a, why,
					     sizeof(why)),
			 0);
	assert_int_equal(a.probe, 0);
	assert_int_equal(a.max_order, 10);
	ms_buf_free(&f);
	ms_buf_free(&r);
	ms_buf_free(&none);
}

#define AHDR "memscope-alloc-probe 1\nmax_order 10\nmax_count 64\n"

static void test_alloc_bad(void **state)
{
	static const struct {
		const char *text;
		int err;
		const char *why;
	} cases[] = {
		{ AHDR "probe 1\norder 3\ncount 2\nnode 0\nok 1\nfail 1\n"
		       "attempt 0 ok 100 0\nattempt 1 fail 9000 -1\nend\n",
		  0, "" },
		{ AHDR "probe none\nend\n", 0, "" },
		{ AHDR "end\n", -EINVAL, "no probe line" },
		{ AHDR "probe none\norder 3\nend\n", -EINVAL,
		  "without a probe" },
		{ AHDR "probe 1\norder 3\ncount 2\nok 2\nfail 0\n"
		       "attempt 0 ok 100 0\nend\n",
		  -EINVAL, "1 attempts listed" },
		{ AHDR "probe 1\norder 3\ncount 1\nok 1\nfail 0\n"
		       "attempt 0 ok 100 -1\nend\n",
		  -EINVAL, "does not match" },
		{ AHDR "probe 1\norder 3\ncount 1\nok 1\nfail 0\n"
		       "attempt 1 ok 100 0\nend\n",
		  -EINVAL, "out of order" },
		{ AHDR "probe 1\norder 3\ncount 1\nok 1\nfail 0\n"
		       "attempt 0 maybe 100 0\nend\n",
		  -EINVAL, "not ok or fail" },
		{ AHDR "probe 1\norder 3\ncount 65\n", -EINVAL, "bad count" },
		{ AHDR "probe 1\norder 16\n", -EINVAL, "bad order" },
		{ AHDR "probe 1\norder 3\ncount 1\nok 1\nfail 0\n", -EINVAL,
		  "cut dump" },
	};
	struct ms_kmod_alloc a;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int err = ms_kmod_parse_alloc(cases[i].text,
					      strlen(cases[i].text), &a, why,
					      sizeof(why));

		if (err != cases[i].err || !strstr(why, cases[i].why))
			print_error("case %zu: %d '%s'\n", i, err, why);
		assert_int_equal(err, cases[i].err);
		assert_non_null(strstr(why, cases[i].why));
	}
	/* the first case: a failure has node -1 and its latency */
	ms_kmod_parse_alloc(cases[0].text, strlen(cases[0].text), &a, why,
			    sizeof(why));
	assert_false(a.att[1].ok);
	assert_int_equal(a.att[1].ns, 9000);
	assert_int_equal(a.att[1].nid, -1);
}

static void test_bench(void **state)
{
	struct ms_buf f = file(DOC, "proc/memscope/slab_bench");
	struct ms_buf r = file(REAL, "proc/memscope/slab_bench");
	struct ms_buf none = file(REAL, "more/slab_bench-none.txt");
	struct ms_slab_bench b;
	const struct ms_bench_result *x;
	static const char failed[] =
		"memscope-slab-bench 1\nbench 4\nsize 65536\ncount 2\n"
		"result kmem_cache alloc 0 2 - - - - -\n"
		"result kmem_cache free 0 0 - - - - -\n"
		"result kmalloc alloc 1 1 5000 200000 200000 200000 200000\n"
		"result kmalloc free 1 0 100000 10000 10000 10000 10000\nend\n";

	assert_int_equal(
		ms_kmod_parse_bench(f.data, f.len, &b, why, sizeof(why)), 0);
	assert_int_equal(b.seq, 2);
	assert_int_equal(b.size, 256);
	assert_int_equal(b.count, 10000);
	assert_int_equal(b.cache_object_size, 256);
	assert_int_equal(b.kmalloc_bucket, 256);
	assert_int_equal(b.max_bytes, 67108864);
	x = &b.r[MS_BENCH_CACHE][MS_BENCH_ALLOC];
	assert_int_equal(x->ok, 10000);
	assert_int_equal(x->failures, 0);
	assert_int_equal(x->ops_per_sec, 9523809);
	assert_int_equal(x->mean_ns, 105);
	assert_int_equal(x->p50_ns, 90);
	assert_int_equal(x->p99_ns, 410);
	assert_int_equal(x->max_ns, 18233);
	assert_int_equal(b.r[MS_BENCH_KMALLOC][MS_BENCH_FREE].p99_ns, 200);
	assert_int_equal(
		ms_kmod_parse_bench(r.data, r.len, &b, why, sizeof(why)), 0);
	assert_int_equal(b.seq, 1);
	assert_int_equal(b.count, 1000);
	assert_int_equal(b.r[MS_BENCH_KMALLOC][MS_BENCH_ALLOC].mean_ns, 8210);
	assert_int_equal(b.r[MS_BENCH_KMALLOC][MS_BENCH_FREE].max_ns, 60120);
	assert_int_equal(ms_kmod_parse_bench(none.data, none.len, &b, why,
					     sizeof(why)),
			 0);
	assert_int_equal(b.seq, 0);
	assert_int_equal(b.max_count, 100000);
	assert_int_equal(ms_kmod_parse_bench(failed, strlen(failed), &b, why,
					     sizeof(why)),
			 0);
	assert_int_equal(b.r[MS_BENCH_CACHE][MS_BENCH_ALLOC].failures, 2);
	assert_int_equal(b.r[MS_BENCH_CACHE][MS_BENCH_ALLOC].p50_ns, MS_NA);
	/* three results of four: refused */
	assert_int_equal(ms_kmod_parse_bench(failed, strlen(failed) - 57, &b,
					     why, sizeof(why)),
			 -EINVAL);
	assert_non_null(strstr(why, "cut"));
	ms_buf_free(&f);
	ms_buf_free(&r);
	ms_buf_free(&none);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buddy_doc),
		cmocka_unit_test(test_buddy_bad),
		cmocka_unit_test(test_buddy_unknown_lines),
		cmocka_unit_test(test_buddy_prefixes),
		cmocka_unit_test(test_maple_doc),
		cmocka_unit_test(test_maple_bad),
		cmocka_unit_test(test_maple_real),
		cmocka_unit_test(test_alloc),
		cmocka_unit_test(test_alloc_bad),
		cmocka_unit_test(test_bench),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
