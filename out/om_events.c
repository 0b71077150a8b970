// SPDX-License-Identifier: GPL-2.0
/*
 * The OpenMetrics families of the live event sections (probes/bpf): rates
 * over the interval; the families a field table names take their name and
 * HELP from it (model/event_fields.c).
 */
#include "out/om.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/field.h"

/*
 * The family a field table names at key (its rows flat: nested objects
 * searched too), started from the table (ms_om_start()).
 */
static const struct ms_field *
table_family(struct om *om, const struct ms_field *t, const char *key)
{
	const struct ms_field *fl[64];
	int n = ms_fields_flat(t, fl, 64);

	for (int i = 0; i < n; i++) {
		if (strcmp(fl[i]->key, key) || !fl[i]->metric)
			continue;
		ms_om_start(om, fl[i]);
		return fl[i];
	}
	abort(); /* a key without its family: the table and this disagree */
}

/*
 * The family metric of table t (its rows flat), started from its first
 * row: while on, one sample per row of it whose need bits are in have,
 * labelled lkey="lval" where it has them, as the row's unit says.
 */
static void rows(struct om *om, const struct ms_field *t, const char *metric,
		 const void *rec, bool on, unsigned int have)
{
	const struct ms_field *fl[64];
	int n = ms_fields_flat(t, fl, 64);
	bool started = false;
	struct lbl l;

	for (int i = 0; i < n; i++) {
		const struct ms_field *f = fl[i];

		if (!f->metric || strcmp(f->metric, metric))
			continue;
		if (!started)
			ms_om_start(om, f);
		started = true;
		if (!on || (f->need & have) != f->need)
			continue;
		ms_om_lbl_reset(&l);
		if (f->lval)
			ms_om_lbl_str(&l, f->lkey, f->lval);
		ms_om_put_field(om, &l, f, rec, 0);
	}
	if (!started)
		abort(); /* a family the table does not name */
}

/* A per-order rate vector of the buddy events, labelled by order. */
static void per_order_rate(struct om *om, const struct ms_buddy_events *e,
			   const char *key)
{
	const struct ms_field *f =
		table_family(om, ms_buddy_events_fields, key);
	const double *v = ms_fptr(f, e);
	struct lbl l;

	for (int o = 0; o < e->nr_orders; o++) {
		ms_om_lbl_reset(&l);
		ms_om_lbl_int(&l, "order", o);
		ms_om_put_d(om, &l, v[o]);
	}
}

void ms_om_buddy_events(struct om *om, const struct ms_buddy_events *e)
{
	if (e->fields & MS_BE_ALLOC) {
		per_order_rate(om, e, "alloc_rate_per_order");
		per_order_rate(om, e, "alloc_fail_rate_per_order");
	}
	if (e->fields & MS_BE_FREE)
		per_order_rate(om, e, "free_rate_per_order");
	if (e->fields & MS_BE_COMPACT)
		ms_om_put_d(om, NULL,
			    *(const double *)ms_fptr(
				    table_family(om, ms_buddy_events_fields,
						 "per_s"),
				    e));
}

void ms_om_fault_events(struct om *om, const struct ms_fault_events *e)
{
	/* the faults by kind; the mmap_lock counts have families of theirs */
	rows(om, ms_fault_rate_fields, "memscope_bpf_page_faults_per_second",
	     &e->total, true, e->fields);
	rows(om, ms_fault_rate_fields, "memscope_bpf_mmap_lock_wait_ratio",
	     &e->total, true, e->fields);
}

void ms_om_reclaim_events(struct om *om, const struct ms_reclaim_events *e)
{
	int nr_kswapd = e->fields & MS_RE_KSWAPD ? e->nr_kswapd : 0;
	struct lbl l;

	/* direct and memcg reclaim together */
	rows(om, ms_stall_fields,
	     "memscope_bpf_direct_reclaim_stalls_per_second", &e->stall, true,
	     e->fields);
	rows(om, ms_stall_fields, "memscope_bpf_direct_reclaim_stall_ratio",
	     &e->stall, true, e->fields);
	/* per node, from the kswapd table's families */
	for (int k = 0; k < 2; k++) {
		const struct ms_field *f =
			table_family(om, ms_kswapd_fields,
				     k ? "awake_share" : "wakes_per_s");

		for (int i = 0; i < nr_kswapd; i++) {
			ms_om_lbl_reset(&l);
			ms_om_lbl_int(&l, "node", e->kswapd[i].node);
			ms_om_put_d(om, &l,
				    *(const double *)ms_fptr(f, &e->kswapd[i]));
		}
	}
	table_family(om, ms_reclaim_events_fields, "per_s");
	if (e->fields & MS_RE_WRITE)
		ms_om_put_d(om, NULL, e->write_rate);
}

static const struct ms_cg_reclaim *stalled;

static double stall_ns(const struct ms_cg_reclaim *c)
{
	double ns = 0;

	if (!isnan(c->direct.ns_rate))
		ns += c->direct.ns_rate;
	if (!isnan(c->memcg.ns_rate))
		ns += c->memcg.ns_rate;
	return ns;
}

/* most time stalled first, then by place */
static int by_stall(const void *a, const void *b)
{
	double x = stall_ns(&stalled[*(const int *)a]);
	double y = stall_ns(&stalled[*(const int *)b]);

	if (x != y)
		return x > y ? -1 : 1;
	return *(const int *)a - *(const int *)b;
}

static void sum(double *to, double v)
{
	if (!isnan(v))
		*to = isnan(*to) ? v : *to + v;
}

/* One sample of family f per kind the kernel counts, for cgroup path. */
static void cg_stall(struct om *om, const struct ms_field *f,
		     unsigned int fields, const char *path,
		     const struct ms_latency *global,
		     const struct ms_latency *memcg)
{
	const struct ms_latency *lat[2] = { global, memcg };
	static const char *const kind[2] = { "global", "memcg" };
	const unsigned int need[2] = { MS_RE_DIRECT, MS_RE_MEMCG };
	struct lbl l;

	for (int k = 0; k < 2; k++) {
		if (!(fields & need[k]))
			continue;
		ms_om_lbl_reset(&l);
		ms_om_lbl_str(&l, "path", path);
		ms_om_lbl_str(&l, "kind", kind[k]);
		ms_om_put_field(om, &l, f, lat[k], 0);
	}
}

void ms_om_cgroup_stalls(struct om *om, const struct ms_reclaim_events *e,
			 int top)
{
	int nr = e->nr_cgroups, n = top < 0 ? 0 : top < nr ? top : nr;
	int *ix = malloc(sizeof(int) * (size_t)(nr ? nr : 1));
	struct ms_latency rest[2];

	if (!ix || !(e->fields & (MS_RE_DIRECT | MS_RE_MEMCG))) {
		free(ix);
		return;
	}
	for (int i = 0; i < nr; i++)
		ix[i] = i;
	stalled = e->cgroups;
	qsort(ix, (size_t)nr, sizeof(int), by_stall);
	for (int k = 0; k < 2; k++) {
		const struct ms_field *f = table_family(
			om, ms_cg_stall_fields, k ? "ns_per_s" : "per_s");

		for (int i = 0; i < n; i++) {
			const struct ms_cg_reclaim *c = &e->cgroups[ix[i]];

			cg_stall(om, f, e->fields, c->path, &c->direct,
				 &c->memcg);
		}
		if (n == nr)
			continue;
		memset(rest, 0, sizeof(rest));
		rest[0].rate = rest[0].ns_rate = NAN;
		rest[1] = rest[0];
		for (int i = n; i < nr; i++) {
			const struct ms_cg_reclaim *c = &e->cgroups[ix[i]];

			sum(&rest[0].rate, c->direct.rate);
			sum(&rest[0].ns_rate, c->direct.ns_rate);
			sum(&rest[1].rate, c->memcg.rate);
			sum(&rest[1].ns_rate, c->memcg.ns_rate);
		}
		cg_stall(om, f, e->fields, "other", &rest[0], &rest[1]);
	}
	free(ix);
}

void ms_om_numa_events(struct om *om, const struct ms_numa_events *e)
{
	/* the "migrations" object's rows need MS_NE_MIGRATE */
	rows(om, ms_numa_events_fields,
	     "memscope_bpf_migrated_pages_per_second", e,
	     e->fields & MS_NE_MIGRATE, e->fields);
	table_family(om, ms_numa_hint_fields, "per_s");
	if (e->fields & MS_NE_HINT)
		ms_om_put_d(om, NULL, e->hint.faults_rate);
}
