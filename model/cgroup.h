/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Cgroup area: every memory cgroup of the v2 (unified) hierarchy or of
 * the v1 memory controller, its usage, limits, memory.stat, events and
 * pressure, in the kernel's units (docs/json.md "cgroups").
 */
#ifndef MS_CGROUP_H
#define MS_CGROUP_H

#include "model/base.h"

#define MS_CG_PIDS 32 /* pids listed per cgroup; procs counts them all */

struct ms_cg_psi {
	double avg10, avg60, avg300; /* % */
	uint64_t total; /* us stalled */
};

struct ms_cgroup {
	char *path; /* from the hierarchy's root, "/" the root: raw bytes */
	int version; /* 1 or 2 */
	uint64_t current_kb, max_kb, high_kb, low_kb, min_kb; /* MS_NA */
	uint64_t peak_kb, swap_kb, swap_max_kb;
	uint64_t zswap_kb, zswap_max_kb; /* memory.zswap.* (v2, 5.19+) */
	struct ms_kvlist stat; /* memory.stat, every key raw (rates too) */
	struct ms_kvlist events, events_local; /* v2 */
	struct ms_cg_psi some, full; /* memory.pressure */
	/* memory.numa_stat: "anon.N0" items, v2 bytes, v1 pages (MS_F_KV2) */
	struct ms_kvlist numa;
	int procs; /* cgroup.procs lines, -1 unknown */
	int threads; /* cgroup.threads (v2), tasks (v1) lines, -1 unknown */
	uint64_t pids[MS_CG_PIDS];
	int nr_pids;
	uint64_t dying; /* cgroup.stat nr_dying_descendants (v2) */
	double current_kb_per_s; /* usage growth (model/rates.c) */
	/*
	 * Live, every field but current_kb (and path, version) was read
	 * detail_age_s seconds before the sample (0: in it, as in every
	 * batch sample and captured tree; NaN: unknown, an older
	 * recording), when the usage was detail_current_kb
	 */
	double detail_age_s;
	uint64_t detail_current_kb;
};

/*
 * The JSON's top-level array "cgroups": a part whose table is this one
 * list, named as the part, is written as the bare array (store/json.c)
 */
struct ms_cgroups {
	struct ms_cgroup *v; /* parents before their children */
	int n, cap;
	int kept; /* records a reset kept for the probe (ms_list_kept()) */
};

/*
 * A cgroup's usage as the Memory tab's buckets where memory.stat maps to
 * them (model/cgroup.c says which items), then "other": the usage less
 * their sum.
 */
enum ms_cg_bucket {
	MS_CGB_ANON,
	MS_CGB_FILE,
	MS_CGB_SHMEM,
	MS_CGB_SWAP_CACHE,
	MS_CGB_SLAB_R,
	MS_CGB_SLAB_U,
	MS_CGB_KSTACK,
	MS_CGB_PTABLES,
	MS_CGB_PERCPU,
	MS_CGB_VMALLOC,
	MS_CGB_KOTHER,
	MS_CGB_SOCK,
	MS_CGB_ZSWAP,
	MS_CGB_OTHER,
	MS_CGB_COUNT
};

struct ms_cg_ledger {
	uint64_t kb[MS_CGB_COUNT]; /* MS_NA: this memory.stat lacks it */
	const char *from[MS_CGB_COUNT]; /* its items: "file - shmem" */
	uint64_t sum_kb; /* of the buckets before other */
	uint64_t over_kb; /* sum_kb above the usage (other is 0) */
};

extern const char *const ms_cg_bucket_names[MS_CGB_COUNT];

/*
 * Fill l from g's memory.stat (v2 items, or v1's hierarchical total_*
 * ones, as the usage is hierarchical) and usage; -ENODATA without stat.
 */
int ms_cg_ledger(const struct ms_cgroup *g, struct ms_cg_ledger *l);

/* dst a copy of src with its own path and lists: 0, or -ENOMEM. */
int ms_cgroup_copy(struct ms_cgroup *dst, const struct ms_cgroup *src);

/* LONG_MAX rounded down to a 64 kB page: v1's "unlimited" on any page size */
#define MS_CG_V1_UNLIMITED 0x7FFFFFFFFFFF0000ULL

/*
 * Is memory.stat's item a limit at v1's "unlimited" (hierarchical_memory_
 * limit, hierarchical_memsw_limit: the bytes of PAGE_COUNTER_MAX pages)?
 */
bool ms_cg_stat_unlimited(const char *name, uint64_t v);

/* Is memory.stat's item name a counter (pgscan...), not an amount? */
bool ms_cg_stat_counter(const char *name);

#endif
