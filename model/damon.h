/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DAMON area: every kdamond of the DAMON sysfs interface
 * (/sys/kernel/mm/damon/admin), read only, in the kernel's units, and
 * the regions of memscope's own monitoring when asked (--damon)
 * (docs/json.md "damon").
 */
#ifndef MS_DAMON_H
#define MS_DAMON_H

#include "model/base.h"

/* Bounds of what one sample reads: a hostile tree cannot make it hang. */
#define MS_DAMON_KDAMONDS 32
#define MS_DAMON_TARGETS 32
#define MS_DAMON_REGIONS 16 /* listed per target; nr_regions counts all */
#define MS_DAMON_SCHEMES 32
#define MS_DAMON_FILTERS 16 /* per scheme, over its filter directories */
/* memscope's own monitoring: regions read per sample (nr_regions max 100) */
#define MS_DAMON_MON_REGIONS 256
/*
 * Its kdamond's intervals (probes/procfs/damon.h writes them): a region's
 * nr_accesses counts the samples of one aggregation that found it
 * accessed, so it is at most MS_DAMON_OWN_MAX_ACC (20 in 100 ms), and its
 * age counts aggregations.
 */
#define MS_DAMON_OWN_SAMPLE_US 5000
#define MS_DAMON_OWN_AGGR_US 100000
#define MS_DAMON_OWN_MAX_ACC (MS_DAMON_OWN_AGGR_US / MS_DAMON_OWN_SAMPLE_US)

struct ms_damon_region {
	uint64_t start, end; /* addresses, the context's addr_unit */
};

struct ms_damon_target {
	int pid; /* pid_target (vaddr), -1 unknown */
	int nr_regions; /* regions/nr_regions, -1 unknown */
	struct ms_damon_region *v; /* the first MS_DAMON_REGIONS */
	int n, cap;
};

struct ms_damon_filter {
	char dir[16]; /* filters, core_filters (6.15+), ops_filters (6.15+) */
	char type[24]; /* anon, memcg, young, hugepage_size, addr, target... */
	char matching[4], allow[4]; /* "Y"/"N"; allow is 6.14+ */
	char memcg_path[128];
};

struct ms_damon_scheme {
	char action[24]; /* pageout, lru_prio, migrate_cold, stat... */
	/* access_pattern */
	uint64_t sz_min, sz_max; /* bytes */
	uint64_t nr_acc_min, nr_acc_max; /* per aggregation interval */
	uint64_t age_min, age_max; /* aggregation intervals */
	uint64_t apply_interval_us; /* 6.7+; 0: the aggregation interval */
	int target_nid; /* migrate_*, 6.11+; -1 none */
	/* quotas */
	uint64_t q_ms, q_bytes, q_reset_ms, q_effective_bytes;
	uint64_t w_sz, w_nr_acc, w_age; /* weights, permil */
	int nr_goals; /* quotas/goals/nr_goals, 6.8+ */
	/* watermarks */
	char wm_metric[24]; /* none, free_mem_rate */
	uint64_t wm_interval_us, wm_high, wm_mid, wm_low; /* permil */
	/* stats: as fresh as the kdamond's owner last updated them */
	uint64_t nr_tried, sz_tried, nr_applied, sz_applied, qt_exceeds;
	uint64_t sz_ops_filter_passed; /* 6.14+ */
	double sz_applied_per_s, sz_tried_per_s; /* model/rates.c */
	struct ms_damon_filter *v; /* the filters of every directory */
	int n, cap;
};

struct ms_kdamond {
	int id; /* its directory: kdamonds/N */
	char state[8]; /* on, off */
	int pid; /* the kdamond thread, -1 off or unknown */
	uint64_t refresh_ms; /* 6.17+: stats refreshed every so often */
	int nr_contexts; /* the kernel allows 0 or 1; the first is shown */
	/* context 0 */
	char operations[16]; /* vaddr, fvaddr, paddr */
	char avail[64]; /* avail_operations */
	uint64_t addr_unit; /* 6.18+ */
	uint64_t sample_us, aggr_us, update_us; /* monitoring_attrs */
	uint64_t nr_regions_min, nr_regions_max;
	struct ms_damon_target *targets;
	int nr_targets, cap_targets;
	struct ms_damon_scheme *schemes;
	int nr_schemes, cap_schemes;
};

/* A region of memscope's own monitoring (a stat scheme's tried_regions) */
struct ms_damon_mregion {
	uint64_t start, end; /* addresses: physical (paddr) or the pid's */
	uint64_t nr_accesses; /* samples of the last aggregation it was seen */
	uint64_t age; /* aggregation intervals its access count held */
};

struct ms_damon {
	int nr_kdamonds; /* kdamonds/nr_kdamonds, -1 unknown */
	bool cut; /* a count above a bound: not everything listed */
	struct ms_kdamond *v;
	int n, cap;
	/* memscope's own monitoring (--damon): "" when none */
	char target[16]; /* "paddr", or the pid in decimal */
	uint64_t wss_kb; /* bytes of regions accessed (nr_accesses > 0) */
	struct ms_damon_mregion *regions;
	int nr_regions, cap_regions;
};

/*
 * The schemes' per-second growth of sz_applied and sz_tried against prev
 * (the same kdamond, the scheme of the same place and action), dt seconds
 * before (model/rates.c).
 */
void ms_damon_rates(struct ms_damon *cur, const struct ms_damon *prev,
		    double dt);

#endif
