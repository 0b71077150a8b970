// SPDX-License-Identifier: GPL-2.0
/* The NUMA area: node lists, node meminfo, distances, and the reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probes/procfs/numa.h"
#include "probes/procfs/procfs.h"
#include "tests/unit/procfs_test.h"

#define FIX "tests/fixtures/"

/* A heap copy of s without its NUL. */
static char *exact(const char *s)
{
	return pt_exact(s, strlen(s));
}

static int list(const char *text, int *ids, int max)
{
	struct ms_perr e;
	char *p = exact(text);
	int n;

	ms_perr_init(&e);
	n = ms_nodelist_parse(p, strlen(text), ids, max, &e);
	free(p);
	return n;
}

static void node_lists(void **state)
{
	int ids[MS_MAX_NODES];

	assert_int_equal(list("0-1,3\n", ids, MS_MAX_NODES), 3);
	assert_int_equal(ids[0], 0);
	assert_int_equal(ids[1], 1);
	assert_int_equal(ids[2], 3);
	assert_int_equal(list("0\n", ids, MS_MAX_NODES), 1);
	assert_int_equal(ids[0], 0);
	assert_int_equal(list("2,5-6", ids, MS_MAX_NODES), 3);
	assert_int_equal(ids[2], 6);
	/* the kernel prints an empty mask as a bare newline */
	assert_int_equal(list("\n", ids, MS_MAX_NODES), 0);
	assert_int_equal(list("", ids, MS_MAX_NODES), 0);
	/* more than we hold: counted, only the first stored */
	assert_int_equal(list("0-99\n", ids, MS_MAX_NODES), 100);
	assert_int_equal(ids[MS_MAX_NODES - 1], MS_MAX_NODES - 1);
	assert_int_equal(list("0-65535", ids, MS_MAX_NODES), 65536);
	assert_int_equal(list("1,4-5", ids, 2), 3);
	assert_int_equal(ids[1], 4);

	assert_int_equal(list("3-1", ids, MS_MAX_NODES), -EINVAL);
	assert_int_equal(list("0,0", ids, MS_MAX_NODES), -EINVAL);
	assert_int_equal(list("2,1", ids, MS_MAX_NODES), -EINVAL);
	assert_int_equal(list("0-1,x", ids, MS_MAX_NODES), -EINVAL);
	assert_int_equal(list("0-", ids, MS_MAX_NODES), -EINVAL);
	assert_int_equal(list("0,", ids, MS_MAX_NODES), -EINVAL);
	assert_int_equal(list("0 1", ids, MS_MAX_NODES), -EINVAL);
	assert_int_equal(list("65536", ids, MS_MAX_NODES), -EINVAL);
	assert_int_equal(list("99999999999999999999", ids, MS_MAX_NODES),
			 -EINVAL);
}

static int node_meminfo(const char *text, int node, struct ms_numa_node *nd,
			struct ms_perr *e)
{
	char *p = exact(text);
	int err;

	memset(nd, 0, sizeof(*nd));
	nd->mem_total_kb = nd->mem_free_kb = nd->mem_used_kb = MS_NA;
	ms_perr_init(e);
	err = ms_node_meminfo_parse(p, strlen(text), node, nd, e);
	free(p);
	return err;
}

static void node_meminfo_lines(void **state)
{
	struct ms_numa_node nd;
	struct ms_perr e;

	assert_int_equal(node_meminfo("Node 1 MemTotal:  4942036 kB\n"
				      "Node 1 MemFree:    100 kB\n"
				      "Node 0 MemUsed:    7 kB\n"
				      "Node 1 HugePages_Total:     4\n"
				      "Node 1Slab: 5 kB\n",
				      1, &nd, &e),
			 0);
	assert_int_equal(nd.meminfo.n, 3);
	assert_string_equal(nd.meminfo.v[0].name, "MemTotal");
	assert_int_equal(nd.mem_total_kb, 4942036);
	assert_int_equal(nd.mem_free_kb, 100);
	/* no MemUsed line of this node: total - free */
	assert_int_equal(nd.mem_used_kb, 4942036 - 100);
	assert_int_equal(ms_kv_get(&nd.meminfo, "HugePages_Total"), 4);
	/* another node's line and a glued prefix are counted, not taken */
	assert_int_equal(e.bad, 2);
	assert_int_equal(e.first_bad, 3);
	free(nd.meminfo.v);

	assert_int_equal(node_meminfo("Node 0 MemTotal: 1 kB\n", 1, &nd, &e),
			 -EINVAL);
	assert_string_equal(e.why, "unknown format");
	free(nd.meminfo.v);
	assert_int_equal(node_meminfo("", 0, &nd, &e), -EINVAL);
	assert_string_equal(e.why, "empty");
	assert_int_equal(node_meminfo("Node", 0, &nd, &e), -EINVAL);
	assert_int_equal(node_meminfo("\xff\x00Node 0", 0, &nd, &e), -EINVAL);
}

static int distance(const char *text, struct ms_numa_node *nd)
{
	struct ms_perr e;
	char *p = exact(text);
	int n;

	ms_perr_init(&e);
	n = ms_node_distance_parse(p, strlen(text), nd, &e);
	free(p);
	return n;
}

static void distances(void **state)
{
	struct ms_numa_node nd = { 0 };
	char big[512] = "";

	assert_int_equal(distance("10 20\n", &nd), 2);
	assert_int_equal(nd.nr_distance, 2);
	assert_int_equal(nd.distance[0], 10);
	assert_int_equal(nd.distance[1], 20);
	assert_int_equal(distance("10 x\n", &nd), -EINVAL);
	assert_int_equal(nd.nr_distance, 0);
	assert_int_equal(distance("10 20x", &nd), -EINVAL);
	assert_int_equal(distance("", &nd), -EINVAL);
	assert_int_equal(distance("-10", &nd), -EINVAL);
	assert_int_equal(distance("100001", &nd), -EINVAL);
	for (int i = 0; i < 70; i++)
		strcat(big, i ? " 20" : "10");
	assert_int_equal(distance(big, &nd), 70);
	assert_int_equal(nd.nr_distance, MS_MAX_NODES);
	assert_int_equal(nd.distance[MS_MAX_NODES - 1], 20);
}

static void cpulists(void **state)
{
	char out[16], *p;

	p = exact("0-3\n");
	ms_cpulist_copy(out, sizeof(out), p, 4);
	free(p);
	assert_string_equal(out, "0-3");
	ms_cpulist_copy(out, sizeof(out), "\n", 1);
	assert_string_equal(out, "");
	/* cut after a whole entry, never inside "12-15" */
	p = exact("0-3,8-11,12-15,20-23\n");
	ms_cpulist_copy(out, sizeof(out), p, 21);
	free(p);
	assert_string_equal(out, "0-3,8-11,...");
	ms_cpulist_copy(out, sizeof(out), "0123456789012345678", 19);
	assert_string_equal(out, "...");
	ms_cpulist_copy(out, sizeof(out), "0-3,8-11,12-15\n", 15);
	assert_string_equal(out, "0-3,8-11,12-15");
}

/* The reader on dir: its snapshot and error. */
static struct pt_env *load(const char *dir)
{
	struct pt_env *f = pt_open(dir);

	f->err = ms_procfs_numa(&f->root, &f->pf, &f->s);
	return f;
}

static void debian_618(void **state)
{
	struct pt_env *f = load(FIX "debian12-6.18");
	struct ms_numa_node *nd;

	assert_int_equal(f->err, 0);
	assert_int_equal(f->s.numa.n, 1);
	nd = &f->s.numa.nodes[0];
	assert_int_equal(nd->node, 0);
	assert_string_equal(nd->cpus, "0-1");
	assert_int_equal(nd->mem_total_kb, 5597396);
	assert_int_equal(nd->mem_free_kb, 5173032);
	assert_int_equal(nd->mem_used_kb, 424364);
	assert_int_equal(nd->meminfo.n, 36);
	assert_string_equal(nd->meminfo.v[0].name, "MemTotal");
	assert_int_equal(ms_kv_get(&nd->meminfo, "HugePages_Total"), 0);
	assert_int_equal(nd->numastat.n, 6);
	assert_int_equal(ms_kv_get(&nd->numastat, "numa_hit"), 5050109);
	assert_int_equal(ms_kv_get(&nd->numastat, "interleave_hit"), 1131);
	assert_int_equal(ms_kv_get(&nd->numastat, "local_node"), 5050109);
	assert_int_equal(nd->nr_distance, 1);
	assert_int_equal(nd->distance[0], 10);
	assert_int_equal(f->s.numa.balancing, 0);
	assert_int_equal(f->s.nr_notes, 0);
	pt_close(f);
}

static void one_node(void **state)
{
	struct pt_env *f = load(FIX "edge-numa-1node");
	struct ms_numa_node *nd = &f->s.numa.nodes[0];

	assert_int_equal(f->err, 0);
	assert_int_equal(f->s.numa.n, 1);
	assert_string_equal(nd->cpus, "0-3");
	assert_int_equal(nd->mem_total_kb, 8388608);
	assert_int_equal(nd->mem_free_kb, 4194304);
	assert_int_equal(nd->mem_used_kb, 4194304);
	assert_int_equal(nd->meminfo.n, 10);
	assert_int_equal(ms_kv_get(&nd->numastat, "numa_hit"), 1000);
	assert_int_equal(ms_kv_get(&nd->numastat, "other_node"), 5);
	assert_int_equal(nd->distance[0], 10);
	/* no numa_balancing file: unknown, not 0 */
	assert_true(f->s.numa.balancing == MS_NA);
	assert_int_equal(f->s.nr_notes, 0);
	pt_close(f);
}

static void four_nodes(void **state)
{
	static const int want[4][4] = { { 10, 16, 16, 22 },
					{ 16, 10, 22, 16 },
					{ 16, 22, 10, 16 },
					{ 22, 16, 16, 10 } };
	static const char *const cpus[4] = { "0-3", "4-7", "8-11", "12-15" };
	struct pt_env *f = load(FIX "edge-numa-4node");
	struct ms_numa_node *nd;

	assert_int_equal(f->err, 0);
	assert_int_equal(f->s.numa.n, 4);
	for (int i = 0; i < 4; i++) {
		nd = &f->s.numa.nodes[i];
		assert_int_equal(nd->node, i);
		assert_string_equal(nd->cpus, cpus[i]);
		assert_int_equal(nd->nr_distance, 4);
		for (int j = 0; j < 4; j++)
			assert_int_equal(nd->distance[j], want[i][j]);
		assert_int_equal(ms_kv_get(&nd->numastat, "numa_hit"),
				 100000 * (i + 1));
		assert_int_equal(ms_kv_get(&nd->numastat, "numa_miss"), 10 * i);
	}
	assert_int_equal(f->s.numa.nodes[1].mem_total_kb, 4194304);
	assert_int_equal(f->s.numa.nodes[1].mem_free_kb, 2097152);
	assert_int_equal(f->s.numa.nodes[2].mem_used_kb, 97152);
	assert_int_equal(
		ms_kv_get(&f->s.numa.nodes[1].meminfo, "HugePages_Total"), 2);
	/* node 3 has CPUs and no memory */
	nd = ms_numa_find(&f->s.numa, 3);
	assert_non_null(nd);
	assert_int_equal(nd->mem_total_kb, 0);
	assert_int_equal(nd->mem_free_kb, 0);
	assert_int_equal(nd->mem_used_kb, 0);
	assert_int_equal(f->s.numa.balancing, 1);
	assert_int_equal(f->s.nr_notes, 0);
	pt_close(f);
}

static void no_online_file(void **state)
{
	struct pt_env *f = load(FIX "edge-numa-nolist");

	assert_int_equal(f->err, 0);
	assert_int_equal(f->s.numa.n, 2);
	assert_int_equal(f->s.numa.nodes[0].node, 0);
	assert_int_equal(f->s.numa.nodes[1].node, 2);
	assert_string_equal(f->s.numa.nodes[1].cpus, "2");
	assert_int_equal(f->s.numa.nodes[1].distance[0], 20);
	assert_int_equal(f->s.numa.nodes[1].mem_used_kb, 524288);
	assert_int_equal(f->s.numa.balancing, 0);
	assert_int_equal(f->s.nr_notes, 0);
	pt_close(f);
}

static void no_numa(void **state)
{
	struct pt_env *f = load(FIX "edge-numa-none");

	assert_int_equal(f->err, -ENOENT);
	assert_int_equal(f->s.numa.n, 0);
	assert_string_equal(ms_snapshot_why(&f->s, "numa"),
			    "kernel without NUMA support");
	pt_close(f);
}

static void too_many_and_junk(void **state)
{
	char dir[] = "/tmp/ms-numa-XXXXXX";
	struct pt_env *f;

	assert_non_null(mkdtemp(dir));
	/* 70 nodes online, no node directory: the first 64, unknown */
	pt_put(dir, "sys/devices/system/node/online", "0-69\n");
	f = load(dir);
	assert_int_equal(f->err, 0);
	assert_int_equal(f->s.numa.n, MS_MAX_NODES);
	assert_int_equal(f->s.numa.nodes[63].node, 63);
	assert_true(f->s.numa.nodes[63].mem_total_kb == MS_NA);
	assert_string_equal(ms_snapshot_why(&f->s, "numa_nodes"),
			    "70 nodes online, showing the first 64");
	assert_string_equal(ms_snapshot_why(&f->s, "numa_meminfo"),
			    "node0: not in this tree");
	pt_close(f);

	/* junk online file: the node directories instead, with a note */
	pt_put(dir, "sys/devices/system/node/online", "\x1b]0;x\x07\n");
	pt_put(dir, "sys/devices/system/node/node5/distance", "10 1x\n");
	pt_put(dir, "sys/devices/system/node/node5/meminfo", "Node 5 junk\n");
	pt_put(dir, "sys/devices/system/node/node5/numastat", "numa_hit 3\n");
	f = load(dir);
	assert_int_equal(f->err, 0);
	assert_int_equal(f->s.numa.n, 1);
	assert_int_equal(f->s.numa.nodes[0].node, 5);
	assert_int_equal(f->s.numa.nodes[0].nr_distance, 0);
	assert_int_equal(ms_kv_get(&f->s.numa.nodes[0].numastat, "numa_hit"),
			 3);
	assert_true(f->s.numa.nodes[0].mem_total_kb == MS_NA);
	assert_non_null(
		strstr(ms_snapshot_why(&f->s, "numa_online"), "node list"));
	assert_string_equal(ms_snapshot_why(&f->s, "numa_distance"),
			    "node5: distance: entry 2 is not a distance");
	assert_string_equal(ms_snapshot_why(&f->s, "numa_meminfo"),
			    "node5: unknown format");
	pt_close(f);
	pt_rmtree(dir);
}

/* Debian's 6.1 kernel in QEMU with two nodes (node 1 Normal only). */
static void debian_61(void **state)
{
	struct pt_env *f = load(FIX "debian-6.1-2node");
	struct ms_numa_node *n0 = &f->s.numa.nodes[0];
	struct ms_numa_node *n1 = &f->s.numa.nodes[1];

	assert_int_equal(f->err, 0);
	assert_int_equal(f->s.numa.n, 2);
	assert_int_equal(n0->node, 0);
	assert_string_equal(n0->cpus, "0");
	assert_int_equal(n0->nr_distance, 2);
	assert_int_equal(n0->distance[0], 10);
	assert_int_equal(n0->distance[1], 20);
	assert_int_equal(n0->mem_total_kb, 3500260);
	assert_int_equal(n0->mem_free_kb, 3459112);
	assert_int_equal(n0->mem_used_kb, 41148);
	assert_int_equal(n0->meminfo.n, 36);
	assert_int_equal(ms_kv_get(&n0->numastat, "numa_hit"), 16899);
	assert_int_equal(ms_kv_get(&n0->numastat, "other_node"), 1180);

	assert_int_equal(n1->node, 1);
	assert_string_equal(n1->cpus, "1");
	assert_int_equal(n1->distance[0], 20);
	assert_int_equal(n1->distance[1], 10);
	assert_int_equal(n1->mem_total_kb, 1028932);
	assert_int_equal(n1->mem_free_kb, 976748);
	assert_int_equal(n1->mem_used_kb, 52184);
	assert_int_equal(ms_kv_get(&n1->numastat, "numa_hit"), 8994);
	assert_int_equal(ms_kv_get(&n1->numastat, "interleave_hit"), 434);
	assert_int_equal(f->s.numa.balancing, 1);
	assert_int_equal(f->s.nr_notes, 0);
	pt_close(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(node_lists),
		cmocka_unit_test(node_meminfo_lines),
		cmocka_unit_test(distances),
		cmocka_unit_test(cpulists),
		cmocka_unit_test(debian_618),
		cmocka_unit_test(one_node),
		cmocka_unit_test(four_nodes),
		cmocka_unit_test(no_online_file),
		cmocka_unit_test(no_numa),
		cmocka_unit_test(too_many_and_junk),
		cmocka_unit_test(debian_61),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
