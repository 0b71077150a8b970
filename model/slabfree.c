// SPDX-License-Identifier: GPL-2.0
/*
 * Free/s checked against /proc/slabinfo: the free events miss bulk and RCU
 * frees, so where the counts fall short the rate is derived from the
 * allocations and the growth of the active objects, and says so.
 */
#include "model/slabfree.h"

#include <math.h>

/*
 * Sheaves (6.18+): per CPU a main, a spare and an RCU sheaf, per node a
 * barn of up to 10 full ones (MAX_FULL_SHEAVES), of sheaf_capacity
 * objects. Where sysfs does not say a cache's capacity, it is allowed
 * 32 (maple_node's and vm_area_struct's on 6.18).
 */
#define SHEAF_CAP 32
#define SHEAVES_PER_CPU (3 + 10)

/* Of the allocations over an interval: the two reads' skew. */
#define SKEW 0.02

/*
 * mm/slub.c set_cpu_partial(): objects kept in per-CPU partial slabs, the
 * kernel's default where sysfs does not give the cache's cpu_partial.
 */
static uint64_t cpu_partial(uint64_t objsize, uint64_t page_size)
{
	if (objsize >= page_size)
		return 6;
	if (objsize >= 1024)
		return 24;
	if (objsize >= 256)
		return 52;
	return 120;
}

uint64_t ms_slab_pool(uint64_t objsize, uint64_t objperslab, uint64_t page_size,
		      int ncpu, uint64_t partial, uint64_t sheaf)
{
	uint64_t slabs;

	if (!ms_have(objsize) || !ms_have(objperslab) || !objperslab ||
	    ncpu <= 0)
		return MS_NA;
	if (!page_size || !ms_have(page_size))
		page_size = 4096;
	if (!ms_have(partial))
		partial = cpu_partial(objsize, page_size);
	if (!ms_have(sheaf))
		sheaf = SHEAF_CAP;
	/* the CPU slab and the partial slabs (DIV_ROUND_UP(objects * 2)) */
	slabs = 1 + (partial * 2 + objperslab - 1) / objperslab;
	/* a node per CPU at most: the barns are counted per CPU */
	return (uint64_t)ncpu * (slabs * objperslab + SHEAVES_PER_CPU * sheaf);
}

void ms_slab_free_check(struct ms_slab_cache *c, const struct ms_slab_cache *p,
			double dt, double span, uint64_t page_size, int ncpu)
{
	uint64_t pool = ms_slab_pool(c->objsize, c->objperslab, page_size, ncpu,
				     c->cpu_partial, c->sheaf_cap);
	double fc = c->free_counted, tol, resid, gap, d, off;

	c->free_tol = c->free_gap = NAN;
	if (!isfinite(c->alloc_rate) || !p || !(dt > 0) || !ms_have(pool) ||
	    !ms_have(c->active_objs) || !ms_have(p->active_objs))
		return;
	d = (double)c->active_objs - (double)p->active_objs;
	if (!isfinite(fc))
		fc = 0; /* not counted (kfree before 6.13): all derived */
	/*
	 * The reads' skew, and the events' span beyond slabinfo's (the first
	 * read of the counts follows the attach): as many events as the
	 * busier of the two rates brings in that time.
	 */
	off = isfinite(span) ? fabs(dt - span) / dt : 0;
	tol = (double)pool + (SKEW + off) * fmax(c->alloc_rate, fc) * dt;
	/* objects allocated and not freed that slabinfo does not show */
	resid = (c->alloc_rate - fc) * dt - d;
	/*
	 * Summed, the reads' skews cancel but for the first and the last: a
	 * first interval whose counts began off slabinfo's read (the attach)
	 * would carry its error for good, so the sum starts after it.
	 */
	if (isfinite(p->free_gap))
		gap = p->free_gap + resid;
	else
		gap = off > SKEW ? 0 : resid;
	c->free_tol = tol / dt;
	c->free_gap = gap;
	if (resid < -tol) {
		/* active grew beyond the counts: allocations were missed */
		c->free_src = MS_FREE_INCONSISTENT;
		c->free_rate = c->free_counted;
	} else if (resid > tol || gap > tol || !isfinite(c->free_counted)) {
		/* frees missed now or since attach: the counts fall short */
		c->free_src = MS_FREE_DERIVED;
		c->free_rate = fmax(fc, c->alloc_rate - d / dt);
	} else if (gap < -tol) {
		c->free_src = MS_FREE_INCONSISTENT;
		c->free_rate = c->free_counted;
	} else {
		c->free_src = MS_FREE_COUNTED;
		c->free_rate = c->free_counted;
	}
}

const char *ms_free_mark(int src)
{
	return src == MS_FREE_DERIVED				       ? "~" :
	       src == MS_FREE_UNCHECKED || src == MS_FREE_INCONSISTENT ? "?" :
									 "";
}

const char *ms_alloc_mark(int src)
{
	return src == MS_FREE_INCONSISTENT ? "?" : "";
}
