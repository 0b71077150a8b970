// SPDX-License-Identifier: GPL-2.0
/*
 * The Cgroups tab's events timeline (timeline.h): two samples' cgroups
 * walked side by side, each changed counter of memory.events and
 * events.local kept in a ring with the times it changed between.
 */
#include "tui/tabs/cgroup/timeline.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WINDOW_AHEAD 256 /* cgroups looked ahead for one moved in the list */

void cg_tl_init(struct cg_timeline *tl)
{
	memset(tl, 0, sizeof(*tl));
	tl->first_t = tl->last_t = NAN;
}

void cg_tl_free(struct cg_timeline *tl)
{
	for (int i = 0; i < tl->n; i++)
		free(tl->v[(tl->head + i) % CG_CHANGES].path);
	cg_tl_init(tl);
}

static struct cg_change *at(struct cg_timeline *tl, int i)
{
	return &tl->v[(tl->head + i) % CG_CHANGES];
}

/* Drop the changes after t (a replay went back). */
static void cut_after(struct cg_timeline *tl, double t)
{
	while (tl->n && at(tl, tl->n - 1)->t1 > t) {
		free(at(tl, tl->n - 1)->path);
		tl->n--;
	}
}

static int add(struct cg_timeline *tl, const char *path, const struct ms_kv *k,
	       bool local, uint64_t from, double t0, double t1)
{
	struct cg_change *c;
	char *p = strdup(path);

	if (!p)
		return -ENOMEM;
	if (tl->n == CG_CHANGES) { /* the oldest goes */
		free(tl->v[tl->head].path);
		tl->head = (tl->head + 1) % CG_CHANGES;
		tl->n--;
	}
	c = at(tl, tl->n++);
	*c = (struct cg_change){ .path = p,
				 .local = local,
				 .from = from,
				 .to = k->value,
				 .t0 = t0,
				 .t1 = t1 };
	snprintf(c->name, sizeof(c->name), "%s", k->name);
	return 0;
}

static int compare(struct cg_timeline *tl, const struct ms_cgroup *g,
		   const struct ms_kvlist *now, const struct ms_kvlist *before,
		   bool local, double t0, double t1)
{
	int n = 0;

	for (int i = 0; i < now->n; i++) {
		const struct ms_kv *k = &now->v[i];
		const struct ms_kv *b = ms_kv_find(before, k->name);

		if (!b || b->value == k->value)
			continue;
		if (add(tl, g->path, k, local, b->value, t0, t1))
			return -ENOMEM;
		n++;
	}
	return n;
}

/* prev's cgroup of g's path, looked for from *j on (both in tree order). */
static const struct ms_cgroup *match(const struct ms_cgroups *prev, int *j,
				     const struct ms_cgroup *g)
{
	/* one shared memory.stat: the same read of the same cgroup */
	if (*j < prev->n && g->stat.v && prev->v[*j].stat.v == g->stat.v)
		return &prev->v[(*j)++];
	for (int k = *j; k < prev->n && k < *j + WINDOW_AHEAD; k++)
		if (!strcmp(prev->v[k].path, g->path)) {
			*j = k + 1;
			return &prev->v[k];
		}
	return NULL; /* new, or moved far: no change known */
}

int cg_tl_feed(struct cg_timeline *tl, const struct ms_snapshot *cur,
	       const struct ms_snapshot *prev)
{
	int j = 0, n = 0, r;

	if (!cur || !(cur->have & MS_SEC_BIT(MS_SEC_CGROUP)))
		return 0;
	/* the same sample again (a redraw of a paused replay): seen */
	if (cur->t_mono == tl->last_t)
		return 0;
	if (!isnan(tl->last_t) && cur->t_mono < tl->last_t)
		cut_after(tl, cur->t_mono);
	if (isnan(tl->first_t) || cur->t_mono < tl->first_t)
		tl->first_t = cur->t_mono;
	tl->last_t = cur->t_mono;
	if (!prev || !(prev->have & MS_SEC_BIT(MS_SEC_CGROUP)) ||
	    prev->t_mono >= cur->t_mono)
		return 0;
	for (int i = 0; i < cur->cgroups.n; i++) {
		const struct ms_cgroup *g = &cur->cgroups.v[i];
		const struct ms_cgroup *p = match(&prev->cgroups, &j, g);

		/* not read again since (shared lists): no change to tell */
		if (!p || (g->events.v == p->events.v &&
			   g->events_local.v == p->events_local.v))
			continue;
		r = compare(tl, g, &g->events, &p->events, false, prev->t_mono,
			    cur->t_mono);
		if (r >= 0)
			n += r;
		r = r < 0 ? r :
			    compare(tl, g, &g->events_local, &p->events_local,
				    true, prev->t_mono, cur->t_mono);
		if (r < 0)
			return r;
		n += r;
	}
	return n;
}

int cg_tl_of(const struct cg_timeline *tl, const char *path,
	     const struct cg_change **out, int max)
{
	int n = 0;

	for (int i = tl->n - 1; i >= 0 && n < max; i--) {
		const struct cg_change *c = &tl->v[(tl->head + i) % CG_CHANGES];

		if (!strcmp(c->path, path))
			out[n++] = c;
	}
	return n;
}
