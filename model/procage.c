// SPDX-License-Identifier: GPL-2.0
/*
 * When a process's costly fields (PSS, swap, VMA count), and a cgroup's
 * files other than its usage, count as stale.
 */
#include "model/snapshot.h"

#include <math.h>

#define AGE_FLOOR 5.0 /* seconds: the bound at intervals up to 2.5 s */
#define AGE_INTERVALS 2.0 /* ... else this many intervals */
#define MOVED_FLOOR 1024 /* kB an RSS may move and still match */

double ms_proc_age_bound(double interval)
{
	double b = AGE_INTERVALS * interval;

	/* a sample is as old as its interval: longer ones need a longer bound */
	return isfinite(b) && b > AGE_FLOOR ? b : AGE_FLOOR;
}

/*
 * statm's resident and smaps_rollup's Rss of one moment differ by what
 * the kernel's per-CPU RSS counters hold back (a few pages a CPU); a move
 * of more than an eighth, and a megabyte, is the process's own.
 */
bool ms_proc_rss_moved(uint64_t now_kb, uint64_t then_kb)
{
	uint64_t d, hi;

	if (!ms_have(now_kb) || !ms_have(then_kb))
		return false;
	d = now_kb > then_kb ? now_kb - then_kb : then_kb - now_kb;
	hi = now_kb > then_kb ? now_kb : then_kb;
	return d > MOVED_FLOOR && d > hi / 8;
}

static bool stale(double age, uint64_t now_kb, uint64_t then_kb, double bound)
{
	/* read in this sample, or of unknown age (older recordings) */
	if (!(age > 0))
		return false;
	return age > bound || ms_proc_rss_moved(now_kb, then_kb);
}

bool ms_proc_stale(const struct ms_proc *p, double bound)
{
	return stale(p->detail_age_s, p->rss_kb, p->detail_rss_kb, bound);
}

bool ms_cgroup_stale(const struct ms_cgroup *c, double bound)
{
	return stale(c->detail_age_s, c->current_kb, c->detail_current_kb,
		     bound);
}
