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
};

/*
 * The JSON's top-level array "cgroups": a part whose table is this one
 * list, named as the part, is written as the bare array (store/json.c)
 */
struct ms_cgroups {
	struct ms_cgroup *v; /* parents before their children */
	int n, cap;
};

/* Is memory.stat's item name a counter (pgscan...), not an amount? */
bool ms_cg_stat_counter(const char *name);

#endif
