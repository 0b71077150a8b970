// SPDX-License-Identifier: GPL-2.0
/* The order in which the live process list re-reads its costly files. */
#include "probes/procfs/procint.h"

#include <stdlib.h>

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
