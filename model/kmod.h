/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What memscope.ko reads for the snapshot (model/snapshot.h): a process's
 * maple tree, the allocation probe's orders and the slab benchmark.
 */
#ifndef MS_KMOD_H
#define MS_KMOD_H

#include "model/base.h"

#include <stdbool.h>
#include <stdint.h>

enum ms_maple_type {
	MS_MAPLE_DENSE,
	MS_MAPLE_LEAF_64,
	MS_MAPLE_RANGE_64,
	MS_MAPLE_ARANGE_64,
};

enum ms_slot_kind {
	MS_SLOT_EMPTY, /* a gap in the address space */
	MS_SLOT_CHILD, /* internal node: a child node */
	MS_SLOT_VMA, /* leaf: a VMA */
	MS_SLOT_RESERVED, /* a maple-internal value */
};

#define MS_MAPLE_PIVOTS 16 /* pivots and gaps kept per node (uses 15) */

struct ms_maple_slot {
	uint64_t first, last; /* the inclusive index range */
	enum ms_slot_kind kind;
	int child; /* MS_SLOT_CHILD: node index, -1 not dumped */
	uint64_t vm_start, vm_end, vm_flags; /* MS_SLOT_VMA; end exclusive */
	char perms[5]; /* "r-xp" */
};

struct ms_maple_node {
	int parent; /* node index, -1 for the root */
	int depth; /* 0: the root */
	enum ms_maple_type type;
	uint64_t min, max; /* the range the node covers */
	int nr_slots; /* slots in use */
	int slot; /* index of its first slot in ms_maple.slots */
	int nr_pivots, nr_gaps; /* gaps: arange_64 only */
	uint64_t pivots[MS_MAPLE_PIVOTS];
	uint64_t gaps[MS_MAPLE_PIVOTS];
	char addr[24]; /* hashed %p, as the kernel printed it */
};

/* A process's maple tree (mm->mm_mt), nodes in depth-first pre-order. */
struct ms_maple {
	int pid; /* 0 when nothing was read */
	uint64_t map_count, vmas, height, tree_flags;
	bool truncated; /* the module dumped only the first nodes */
	struct ms_maple_node *nodes;
	int nr_nodes, cap_nodes;
	struct ms_maple_slot *slots;
	int nr_slots, cap_slots;
};

/* One order of the allocation probe: count attempts, each freed at once. */
struct ms_alloc_order {
	int attempts, ok, fail;
	uint64_t min_ns, mean_ns, max_ns; /* every attempt; MS_NA none */
	int err; /* -errno when the order was not probed */
};

struct ms_alloc_probe {
	int node; /* -1: any node */
	int count; /* attempts per order */
	int max_order; /* the module's bound */
	int nr_orders; /* orders 0..nr_orders-1 have results */
	struct ms_alloc_order order[MS_MAX_ORDER];
};

enum ms_bench_api { MS_BENCH_CACHE, MS_BENCH_KMALLOC, MS_BENCH_APIS };
enum ms_bench_op { MS_BENCH_ALLOC, MS_BENCH_FREE, MS_BENCH_OPS };

/* One API and operation of the slab benchmark; latencies in ns. */
struct ms_bench_result {
	uint64_t ok, failures, ops_per_sec;
	uint64_t mean_ns, p50_ns, p99_ns, max_ns; /* MS_NA when ok = 0 */
};

struct ms_slab_bench {
	uint64_t seq; /* the module's benchmark number, 0 none */
	uint64_t size, count;
	uint64_t cache_object_size, kmalloc_bucket;
	uint64_t max_size, max_count, max_bytes;
	struct ms_bench_result r[MS_BENCH_APIS][MS_BENCH_OPS];
};

#endif
