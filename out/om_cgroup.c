// SPDX-License-Identifier: GPL-2.0
/*
 * The memory cgroups in OpenMetrics with a bounded cardinality (--top N):
 * the N biggest by usage and the N others nearest their limit labelled
 * by path, the rest summed as path="other" (usage, peak, swap, zswap,
 * processes, threads, dying and events; limits and pressure do not sum),
 * then memory.events per cgroup as counters.
 */
#include "out/om.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "model/field.h"

static const struct ms_cgroups *sorting;

/* biggest usage first, a cgroup without one last; then by place */
static int by_usage(const void *a, const void *b)
{
	const struct ms_cgroup *x = &sorting->v[*(const int *)a];
	const struct ms_cgroup *y = &sorting->v[*(const int *)b];
	uint64_t u = ms_have(x->current_kb) ? x->current_kb : 0;
	uint64_t v = ms_have(y->current_kb) ? y->current_kb : 0;

	if (u != v)
		return u > v ? -1 : 1;
	return *(const int *)a - *(const int *)b;
}

/* usage over the nearest of memory.max and memory.high; -1 unlimited */
static double to_limit(const struct ms_cgroup *c)
{
	uint64_t l = ms_have(c->max_kb) ? c->max_kb : MS_NA;

	if (ms_have(c->high_kb) && (!ms_have(l) || c->high_kb < l))
		l = c->high_kb;
	if (!ms_have(l))
		return -1;
	if (!ms_have(c->current_kb))
		return 0;
	return l ? (double)c->current_kb / (double)l : 1e300;
}

/* nearest its limit first, an unlimited cgroup last; then by place */
static int by_limit(const void *a, const void *b)
{
	double u = to_limit(&sorting->v[*(const int *)a]);
	double v = to_limit(&sorting->v[*(const int *)b]);

	if (u != v)
		return u > v ? -1 : 1;
	return *(const int *)a - *(const int *)b;
}

static bool path_lbl(struct lbl *l, const void *rec, int r)
{
	const struct ms_cgroup *c = rec;

	(void)r;
	ms_om_lbl_reset(l);
	ms_om_lbl_str(l, "path", c->path ? c->path : "other");
	return true;
}

static void add(uint64_t *to, uint64_t v)
{
	if (ms_have(v))
		*to = ms_have(*to) ? *to + v : v;
}

static void add_kv(struct ms_kvlist *to, const struct ms_kvlist *from)
{
	for (int i = 0; i < from->n; i++) {
		struct ms_kv *k = NULL;

		for (int j = 0; j < to->n && !k; j++)
			if (!strcmp(to->v[j].name, from->v[i].name))
				k = &to->v[j];
		if (!k)
			k = ms_kv_add(to, from->v[i].name, MS_NA);
		if (k)
			add(&k->value, from->v[i].value);
	}
}

/* The rest summed into o (path NULL: "other"). */
static void sum_rest(const struct ms_cgroups *g, const int *ix, int from,
		     struct ms_cgroup *o)
{
	ms_fields_reset(ms_cgroup_fields, o);
	o->procs = o->threads = 0;
	for (int i = from; i < g->n; i++) {
		const struct ms_cgroup *c = &g->v[ix[i]];

		add(&o->current_kb, c->current_kb);
		add(&o->peak_kb, c->peak_kb);
		add(&o->swap_kb, c->swap_kb);
		add(&o->dying, c->dying);
		add(&o->zswap_kb, c->zswap_kb);
		if (c->procs > 0)
			o->procs += c->procs;
		if (c->threads > 0)
			o->threads += c->threads;
		add_kv(&o->events, &c->events);
	}
}

static void events(struct om *om, const struct ms_cgroup *c, int n,
		   const struct ms_cgroup *other)
{
	struct lbl l;

	ms_om_family(om, "memscope_cgroup_events", OM_COUNTER, NULL,
		     "memory.events per cgroup (hierarchical), by event");
	for (int i = 0; i <= n; i++) {
		const struct ms_cgroup *x = i < n ? &c[i] : other;

		if (!x)
			continue;
		for (int k = 0; k < x->events.n; k++) {
			path_lbl(&l, x, i);
			ms_om_lbl_str(&l, "event", x->events.v[k].name);
			ms_om_put_u(om, &l, x->events.v[k].value);
		}
	}
}

void ms_om_cgroups(struct om *om, const struct ms_cgroups *g, int top)
{
	int n = top < 0 ? 0 : top < g->n ? top : g->n;
	int *ix = malloc(sizeof(int) * (size_t)(g->n ? g->n : 1));
	struct ms_cgroup *recs = NULL;
	struct ms_cgroup *other = NULL;

	if (!ix)
		goto out;
	for (int i = 0; i < g->n; i++)
		ix[i] = i;
	sorting = g;
	qsort(ix, (size_t)g->n, sizeof(int), by_usage);
	/*
	 * then of the rest the N nearest a limit: a small cgroup about to
	 * hit its own limit matters more than its usage ranks it
	 */
	qsort(ix + n, (size_t)(g->n - n), sizeof(int), by_limit);
	for (int k = n + n; n < g->n && n < k && to_limit(&g->v[ix[n]]) >= 0;)
		n++;
	recs = calloc((size_t)n + 1, sizeof(*recs));
	if (!recs)
		goto out;
	for (int i = 0; i < n; i++)
		recs[i] = g->v[ix[i]]; /* a shallow copy: read only */
	if (n < g->n) {
		other = &recs[n];
		sum_rest(g, ix, n, other);
	}
	const struct ms_om_area a = { .t = ms_cgroup_fields,
				      .recs = recs,
				      .stride = sizeof(recs[0]),
				      .n = n + (other != NULL),
				      .lbl = path_lbl };
	ms_om_table(om, &a, INT_MIN, INT_MAX);
	events(om, recs, n, other);
	if (other)
		free(other->events.v);
out:
	free(ix);
	free(recs);
}
