// SPDX-License-Identifier: GPL-2.0
/* The order in which the live process list re-reads its costly files. */
#include "probes/procfs/procint.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>

#define CHANGED_AGE 1.0 /* seconds before a changed process again */
#define IDLE_AGE 2.5 /* ... one whose statm stood still */

/* 0 new, 1 RSS moved, 2 the rest; -1 not due */
static int tier(const struct ms_refresh *r, double now)
{
	double age = now - r->read_t;

	if (r->read_t <= 0)
		return 0;
	if (r->moved)
		return 1;
	return age >= (r->changed ? CHANGED_AGE : IDLE_AGE) ? 2 : -1;
}

static int cmp(const void *pa, const void *pb)
{
	const struct ms_refresh *a = pa, *b = pb;

	if (a->tier != b->tier)
		return a->tier - b->tier;
	if (a->read_t != b->read_t)
		return a->read_t < b->read_t ? -1 : 1;
	return (a->idx > b->idx) - (a->idx < b->idx);
}

int ms_refresh_order(struct ms_refresh *v, int n, double now)
{
	int k = 0;

	for (int i = 0; i < n; i++) {
		struct ms_refresh r = v[i];

		r.tier = tier(&r, now);
		if (r.tier >= 0)
			v[k++] = r;
	}
	qsort(v, (size_t)k, sizeof(*v), cmp);
	return k;
}

int ms_refresh_grow(struct ms_refresh **plan, int cap)
{
	struct ms_refresh *p = realloc(*plan, (size_t)cap * sizeof(*p));

	if (!p)
		return -ENOMEM;
	*plan = p;
	return 0;
}

double ms_procfs_clock(const struct ms_procfs *pf)
{
	struct timespec t;

	if (pf->clock)
		return pf->clock();
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void ms_refresh_spend(struct ms_budget *b, const struct ms_procfs *pf,
		      const struct ms_refresh *plan, int n, double now,
		      void (*read)(void *ctx, int idx), void *ctx)
{
	double t0, cap = (now - b->last) * b->share;

	/* a long interval saves up its own share, a short one a burst */
	b->tokens += cap;
	if (b->tokens > (cap > b->burst ? cap : b->burst))
		b->tokens = cap > b->burst ? cap : b->burst;
	for (int k = 0; k < n; k++) {
		int t = plan[k].tier;
		/*
		 * The first new and the first moved one each sample, outside
		 * the budget: busy machines start processes (and cgroups)
		 * all the time, and a 500 MB process's smaps_rollup costs
		 * milliseconds, so in the budget they would wait behind each
		 * other or be kept out by its debt. Each waits at most as
		 * many samples as there are of its kind before it.
		 */
		bool first = t <= 1 && (!k || plan[k - 1].tier != t);

		if (!first && b->tokens <= 0) {
			if (t > 1)
				break;
			continue;
		}
		t0 = ms_procfs_clock(pf);
		read(ctx, plan[k].idx);
		if (!first)
			b->tokens -= ms_procfs_clock(pf) - t0;
	}
}
