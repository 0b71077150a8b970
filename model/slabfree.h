/* SPDX-License-Identifier: GPL-2.0 */
/* Free/s checked against /proc/slabinfo, derived where the counts miss. */
#ifndef MS_SLABFREE_H
#define MS_SLABFREE_H

#include "model/snapshot.h"

/*
 * Free objects the per-CPU caches of ncpu CPUs may hold (CPU slab, CPU
 * partial slabs, sheaves), which /proc/slabinfo counts as active: the
 * bound of the error of a free rate derived from it. MS_NA unknown.
 * partial and sheaf: the cache's cpu_partial and sheaf_capacity from
 * sysfs; MS_NA: the kernel's default cpu_partial for objsize, and
 * sheaves of 32 (a cache may have them on 6.18+).
 */
uint64_t ms_slab_pool(uint64_t objsize, uint64_t objperslab, uint64_t page_size,
		      int ncpu, uint64_t partial, uint64_t sheaf);

/*
 * c's free_rate, free_src, free_tol and free_gap from its allocations,
 * free_counted and the change of active_objs since p (dt seconds, the
 * events' interval; span, the samples' interval, over which slabinfo
 * changed): counted when (alloc - free) * dt agrees with that change
 * within the pool and 2 % of the allocations (the reads' skew) plus the
 * events of |dt - span| seconds, else derived as alloc - change / dt, or
 * inconsistent when active grew beyond what was counted. p NULL:
 * nothing to check (unchecked).
 */
void ms_slab_free_check(struct ms_slab_cache *c, const struct ms_slab_cache *p,
			double dt, double span, uint64_t page_size, int ncpu);

/*
 * How a Free/s is marked wherever it is shown: "~" derived, "?" not
 * checked or inconsistent with slabinfo, "" counted and checked.
 */
const char *ms_free_mark(int src);
/* An Alloc/s: "?" when slabinfo says allocations were missed. */
const char *ms_alloc_mark(int src);

#endif
