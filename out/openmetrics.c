// SPDX-License-Identifier: GPL-2.0
/*
 * One snapshot as OpenMetrics text (or Prometheus 0.0.4 text) for
 * Prometheus, node_exporter's textfile collector and friends.
 */
#include "out/openmetrics.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/area.h"
#include "model/escape.h"
#include "model/field.h"
#include "out/om.h"
#include "out/output.h"

/* ---- memscope itself, meminfo ------------------------------------------ */

static void om_self(struct om *om, const struct ms_snapshot *s)
{
	struct lbl l;

	ms_om_family(om, "memscope", OM_INFO, NULL,
		     "memscope's version and the kernel it read");
	ms_om_lbl_reset(&l);
	ms_om_lbl_str(&l, "version", MS_VERSION);
	if (s->kernel[0])
		ms_om_lbl_str(&l, "kernel", s->kernel);
	ms_om_put_u(om, &l, 1);
	ms_om_family(om, "memscope_source", OM_INFO, NULL,
		     "the backend that fed each section");
	for (int i = 0; i < MS_SEC_COUNT; i++) {
		if (!s->source[i])
			continue;
		ms_om_lbl_reset(&l);
		ms_om_lbl_str(&l, "section", ms_section_name(i));
		ms_om_lbl_str(&l, "backend", s->source[i]);
		ms_om_put_u(om, &l, 1);
	}
	ms_om_family(om, "memscope_sample_timestamp_seconds", OM_GAUGE,
		     "seconds",
		     "when the sample was taken, seconds since the epoch");
	ms_om_put_d(om, NULL, s->t_real);
	ms_om_family(om, "memscope_unavailable", OM_GAUGE, NULL,
		     "things that could not be read (memscope -b says why)");
	ms_om_put_u(om, NULL, (uint64_t)s->nr_notes);
}

static bool is_hugepages(const char *name)
{
	return !strncmp(name, "HugePages_", 10);
}

/* Every kB line of a meminfo list, in bytes (the kernel's own list). */
static void kb_lines(struct om *om, const struct ms_kvlist *kv, int node)
{
	struct lbl l;

	for (int i = 0; i < kv->n; i++) {
		if (is_hugepages(kv->v[i].name))
			continue;
		ms_om_lbl_reset(&l);
		if (node >= 0)
			ms_om_lbl_int(&l, "node", node);
		ms_om_lbl_str(&l, "field", kv->v[i].name);
		ms_om_put_u(om, &l, ms_om_mul(kv->v[i].value, 1024));
	}
}

static void om_meminfo(struct om *om, const struct ms_snapshot *s)
{
	struct lbl l;

	ms_om_family(om, "memscope_meminfo_bytes", OM_GAUGE, "bytes",
		     "/proc/meminfo, every kB field in bytes");
	kb_lines(om, &s->meminfo, -1);
	ms_om_family(om, "memscope_meminfo_hugepages", OM_GAUGE, NULL,
		     "/proc/meminfo HugePages_* counts");
	for (int i = 0; i < s->meminfo.n; i++) {
		if (!is_hugepages(s->meminfo.v[i].name))
			continue;
		ms_om_lbl_reset(&l);
		ms_om_lbl_str(&l, "field", s->meminfo.v[i].name);
		ms_om_put_u(om, &l, s->meminfo.v[i].value);
	}
}

/* ---- Buddy ---------------------------------------------------------------- */

static bool zone_lbl(struct lbl *l, const void *rec, int r)
{
	const struct ms_zone *z = rec;

	(void)r;
	ms_om_lbl_int(l, "node", z->node);
	ms_om_lbl_str(l, "zone", z->name);
	return true;
}

static void migratetypes(struct om *om, const struct ms_buddy *b)
{
	struct lbl l;

	ms_om_family(om, "memscope_buddy_migratetype_free_blocks", OM_GAUGE,
		     NULL,
		     "free blocks per migrate type and order (pagetypeinfo, "
		     "root)");
	for (int i = 0; i < b->nr_zones; i++) {
		const struct ms_zone *z = &b->zones[i];

		for (int t = 0; z->has_migrate && t < b->nr_migrate; t++)
			for (int o = 0; o < z->nr_orders; o++) {
				ms_om_lbl_reset(&l);
				zone_lbl(&l, z, i);
				ms_om_lbl_str(&l, "migratetype", b->migrate[t]);
				ms_om_lbl_int(&l, "order", o);
				ms_om_put_u(om, &l, z->mt_free[t][o]);
			}
	}
}

/*
 * The zone table's families (model/fields.c); the migrate types, keyed by
 * the buddy's names, after the free blocks (om_order < 0).
 */
static void om_buddy(struct om *om, const struct ms_buddy *b)
{
	const struct ms_om_area a = { .t = ms_zone_fields,
				      .recs = b->zones,
				      .stride = sizeof(b->zones[0]),
				      .n = b->nr_zones,
				      .lbl = zone_lbl };

	ms_om_table(om, &a, INT_MIN, 0);
	migratetypes(om, b);
	ms_om_table(om, &a, 0, INT_MAX);
}

/* ---- Slab ------------------------------------------------------------------ */

static const struct ms_slab *sort_slab;

static int by_size(const void *a, const void *b)
{
	uint64_t x = sort_slab->caches[*(const int *)a].size_bytes;
	uint64_t y = sort_slab->caches[*(const int *)b].size_bytes;

	x = ms_have(x) ? x : 0;
	y = ms_have(y) ? y : 0;
	if (x != y)
		return x < y ? 1 : -1;
	return *(const int *)a - *(const int *)b;
}

/*
 * Which caches get series of their own: the top biggest, each name once.
 * A cache named "other" and a repeated name go into the "other" sum, so
 * no two series ever share their labels.
 */
static int pick_top(const struct ms_slab *sl, int top, int *idx, bool *own)
{
	int kept = 0;

	for (int i = 0; i < sl->n; i++)
		idx[i] = i;
	sort_slab = sl;
	qsort(idx, (size_t)sl->n, sizeof(*idx), by_size);
	for (int i = 0; i < sl->n; i++) {
		const char *name = sl->caches[idx[i]].name;
		bool ok = kept < top && strcmp(name, "other");

		for (int j = 0; ok && j < i; j++)
			if (own[j] && !strcmp(sl->caches[idx[j]].name, name))
				ok = false;
		own[i] = ok;
		kept += ok;
	}
	return kept;
}

/*
 * A slab cache table family (model/fields.c): the kept caches each, the
 * rest summed into cache="other" unless the field says MS_OM_NOSUM.
 */
static void slab_family(struct om *om, const struct ms_slab *sl,
			const struct ms_field *f, const int *idx,
			const bool *own)
{
	double other = 0;
	bool any = false;
	struct lbl l;

	ms_om_start(om, f);
	for (int i = 0; i < sl->n; i++) {
		const struct ms_slab_cache *c = &sl->caches[idx[i]];
		double x;

		if (own[i]) {
			ms_om_lbl_reset(&l);
			ms_om_lbl_str(&l, "cache", c->name);
			ms_om_put_field(om, &l, f, c, 0);
			continue;
		}
		x = f->om & MS_OM_NOSUM ? NAN : ms_om_value(f, c, 0);
		if (isfinite(x)) {
			other += x;
			any = true;
		}
	}
	if ((f->om & MS_OM_NOSUM) || !any)
		return;
	ms_om_lbl_reset(&l);
	ms_om_lbl_str(&l, "cache", "other");
	ms_om_put_d(om, &l, other);
}

static int om_slab(struct om *om, const struct ms_slab *sl, int top)
{
	int *idx = calloc((size_t)sl->n + 1, sizeof(*idx));
	bool *own = calloc((size_t)sl->n + 1, sizeof(*own));
	const struct ms_field *fl[32];
	int nf = ms_om_fields(ms_slab_cache_fields, fl, 32);
	int kept;

	if (!idx || !own) {
		free(idx);
		free(own);
		return -ENOMEM;
	}
	kept = pick_top(sl, top, idx, own);
	ms_om_family(om, "memscope_slab_caches", OM_GAUGE, NULL,
		     "slab caches listed in slabinfo");
	ms_om_put_u(om, NULL, (uint64_t)sl->n);
	ms_om_family(om, "memscope_slab_other_caches", OM_GAUGE, NULL,
		     "caches summed into the cache=\"other\" series (--top)");
	ms_om_put_u(om, NULL, (uint64_t)(sl->n - kept));
	for (int k = 0; k < nf; k++)
		slab_family(om, sl, fl[k], idx, own);
	free(idx);
	free(own);
	return 0;
}

/* ---- Reclaim ---------------------------------------------------------------- */

static bool psi_lbl(struct lbl *l, const void *rec, int r)
{
	ms_om_lbl_str(l, "kind", r ? "full" : "some");
	return ((const struct ms_psi_line *)rec)->valid;
}

/* The PSI table's families, for "some" and "full". */
static void om_psi(struct om *om, const struct ms_reclaim *r)
{
	const struct ms_om_area a = {
		.t = ms_psi_fields,
		.recs = &r->psi_some,
		.stride =
			(const char *)&r->psi_full - (const char *)&r->psi_some,
		.n = 2,
		.lbl = psi_lbl,
	};

	ms_om_table(om, &a, INT_MIN, INT_MAX);
}

/*
 * /proc/vmstat mixes state (nr_*, gauges) with event counters; these nr_*
 * items count events (node_stat items that only grow, mm/vmstat.c).
 */
static bool vmstat_is_counter(const char *name)
{
	static const char *const nr_counters[] = { "nr_dirtied",
						   "nr_written",
						   "nr_throttled_written",
						   "nr_vmscan_write",
						   "nr_vmscan_immediate_reclaim",
						   "nr_foll_pin_acquired",
						   "nr_foll_pin_released",
						   NULL };

	if (!strcmp(name, "workingset_nodes"))
		return false;
	if (strncmp(name, "nr_", 3))
		return true;
	for (int i = 0; nr_counters[i]; i++)
		if (!strcmp(name, nr_counters[i]))
			return true;
	return false;
}

/* The reclaim counters whose rates the Reclaim tab shows. */
static bool reclaim_rate(const char *name)
{
	static const char *const prefixes[] = { "pgscan_",
						"pgsteal_",
						"allocstall_",
						"compact_",
						"workingset_refault_",
						"pswp",
						"pgmajfault",
						"pgfault",
						"pgrefill",
						"oom_kill",
						"slabs_scanned",
						"kswapd_",
						"pgdemote_",
						"pgpromote_",
						"thp_fault_",
						NULL };

	for (int i = 0; prefixes[i]; i++)
		if (!strncmp(name, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

static void om_vmstat(struct om *om, const struct ms_kvlist *kv)
{
	struct lbl l;

	ms_om_family(om, "memscope_vmstat", OM_GAUGE, NULL,
		     "/proc/vmstat state items (mostly pages; kernel units)");
	for (int i = 0; i < kv->n; i++) {
		if (vmstat_is_counter(kv->v[i].name))
			continue;
		ms_om_lbl_reset(&l);
		ms_om_lbl_str(&l, "item", kv->v[i].name);
		ms_om_put_u(om, &l, kv->v[i].value);
	}
	ms_om_family(om, "memscope_vmstat_events", OM_COUNTER, NULL,
		     "/proc/vmstat event counters");
	for (int i = 0; i < kv->n; i++) {
		if (!vmstat_is_counter(kv->v[i].name))
			continue;
		ms_om_lbl_reset(&l);
		ms_om_lbl_str(&l, "item", kv->v[i].name);
		ms_om_put_u(om, &l, kv->v[i].value);
	}
	ms_om_family(
		om, "memscope_vmstat_events_per_second", OM_GAUGE, NULL,
		"reclaim, compaction and fault counters per second between "
		"the last two samples");
	for (int i = 0; i < kv->n; i++) {
		if (!vmstat_is_counter(kv->v[i].name) ||
		    !reclaim_rate(kv->v[i].name))
			continue;
		ms_om_lbl_reset(&l);
		ms_om_lbl_str(&l, "item", kv->v[i].name);
		ms_om_put_d(om, &l, kv->v[i].rate);
	}
}

static bool swap_lbl(struct lbl *l, const void *rec, int r)
{
	(void)r;
	ms_om_lbl_str(l, "device", ((const struct ms_swapdev *)rec)->name);
	return true;
}

/* Each mTHP size's stats: nr_* amounts, the rest event counters. */
static void om_thp_stats(struct om *om, const struct ms_reclaim *r, int kind)
{
	struct lbl l;

	for (int i = 0; i < r->nr_thp_sizes; i++) {
		const struct ms_thp_size *t = &r->thp_sizes[i];

		for (int j = 0; j < t->stats.n; j++) {
			const struct ms_kv *v = &t->stats.v[j];

			if ((kind == 0) != ms_thp_gauge(v->name))
				continue;
			ms_om_lbl_reset(&l);
			ms_om_lbl_int(&l, "size_kb", (long)t->size_kb);
			ms_om_lbl_str(&l, "item", v->name);
			if (kind == 2)
				ms_om_put_d(om, &l, v->rate);
			else
				ms_om_put_u(om, &l, v->value);
		}
	}
}

static void om_thp_sizes(struct om *om, const struct ms_reclaim *r)
{
	struct lbl l;

	ms_om_family(om, "memscope_thp_size", OM_INFO, NULL,
		     "multi-size THP: each hugepages-NkB size's enabled and "
		     "shmem_enabled choice");
	for (int i = 0; i < r->nr_thp_sizes; i++) {
		const struct ms_thp_size *t = &r->thp_sizes[i];

		ms_om_lbl_reset(&l);
		ms_om_lbl_int(&l, "size_kb", (long)t->size_kb);
		if (t->enabled[0])
			ms_om_lbl_str(&l, "enabled", t->enabled);
		if (t->shmem_enabled[0])
			ms_om_lbl_str(&l, "shmem_enabled", t->shmem_enabled);
		ms_om_put_u(om, &l, 1);
	}
	ms_om_family(om, "memscope_thp_size_folios", OM_GAUGE, NULL,
		     "multi-size THP stats/nr_*: folios of each size now");
	om_thp_stats(om, r, 0);
	ms_om_family(om, "memscope_thp_size_events", OM_COUNTER, NULL,
		     "multi-size THP stats/ event counters of each size");
	om_thp_stats(om, r, 1);
	ms_om_family(om, "memscope_thp_size_events_per_second", OM_GAUGE, NULL,
		     "multi-size THP event counters per second between the "
		     "last two samples");
	om_thp_stats(om, r, 2);
}

static void om_reclaim(struct om *om, const struct ms_reclaim *r)
{
	const struct ms_om_area swaps = { .t = ms_swap_fields,
					  .recs = r->swaps,
					  .stride = sizeof(r->swaps[0]),
					  .n = r->nr_swaps,
					  .lbl = swap_lbl };
	struct lbl l;

	om_psi(om, r);
	om_vmstat(om, &r->vmstat);
	ms_om_family(om, "memscope_vm_sysctl", OM_GAUGE, NULL,
		     "vm sysctls: min_free_kbytes, watermark_scale_factor, "
		     "swappiness, ...");
	for (int i = 0; i < r->sysctl.n; i++) {
		ms_om_lbl_reset(&l);
		ms_om_lbl_str(&l, "name", r->sysctl.v[i].name);
		ms_om_put_u(om, &l, r->sysctl.v[i].value);
	}
	ms_om_family(om, "memscope_lru_gen_enabled", OM_GAUGE, NULL,
		     "MGLRU /sys/kernel/mm/lru_gen/enabled bitmask");
	ms_om_put_u(om, NULL, r->lru_gen_enabled);
	om_thp_sizes(om, r);
	ms_om_table(om, &swaps, INT_MIN, INT_MAX);
}

/* ---- NUMA ------------------------------------------------------------------- */

static bool node_lbl(struct lbl *l, const void *rec, int r)
{
	(void)r;
	ms_om_lbl_int(l, "node", ((const struct ms_numa_node *)rec)->node);
	return true;
}

static void om_numa(struct om *om, const struct ms_numa *n)
{
	const struct ms_om_area nodes = { .t = ms_numa_node_fields,
					  .recs = n->nodes,
					  .stride = sizeof(n->nodes[0]),
					  .n = n->n,
					  .lbl = node_lbl };
	struct lbl l;

	ms_om_table(om, &nodes, INT_MIN, INT_MAX);
	ms_om_family(om, "memscope_node_meminfo_bytes", OM_GAUGE, "bytes",
		     "per-node meminfo, every kB field in bytes");
	for (int i = 0; i < n->n; i++)
		kb_lines(om, &n->nodes[i].meminfo, n->nodes[i].node);
	ms_om_family(
		om, "memscope_numastat_pages", OM_COUNTER, "pages",
		"per-node numastat: numa_hit, numa_miss, numa_foreign, ...");
	for (int i = 0; i < n->n; i++)
		for (int k = 0; k < n->nodes[i].numastat.n; k++) {
			ms_om_lbl_reset(&l);
			ms_om_lbl_int(&l, "node", n->nodes[i].node);
			ms_om_lbl_str(&l, "item",
				      n->nodes[i].numastat.v[k].name);
			ms_om_put_u(om, &l, n->nodes[i].numastat.v[k].value);
		}
	ms_om_family(om, "memscope_numastat_pages_per_second", OM_GAUGE, NULL,
		     "numastat per second between the last two samples");
	for (int i = 0; i < n->n; i++)
		for (int k = 0; k < n->nodes[i].numastat.n; k++) {
			ms_om_lbl_reset(&l);
			ms_om_lbl_int(&l, "node", n->nodes[i].node);
			ms_om_lbl_str(&l, "item",
				      n->nodes[i].numastat.v[k].name);
			ms_om_put_d(om, &l, n->nodes[i].numastat.v[k].rate);
		}
	ms_om_family(om, "memscope_numa_distance", OM_GAUGE, NULL,
		     "distance from node to node (node_distance)");
	for (int i = 0; i < n->n; i++)
		for (int j = 0; j < n->nodes[i].nr_distance && j < n->n; j++) {
			ms_om_lbl_reset(&l);
			ms_om_lbl_int(&l, "node", n->nodes[i].node);
			ms_om_lbl_int(&l, "to", n->nodes[j].node);
			ms_om_put_u(om, &l, (uint64_t)n->nodes[i].distance[j]);
		}
	ms_om_family(om, "memscope_numa_balancing", OM_GAUGE, NULL,
		     "kernel.numa_balancing");
	ms_om_put_u(om, NULL, n->balancing);
}

/* ---- the document: the areas' sections (model/area.h) --------------------- */

static int meminfo_o(struct om *om, const struct ms_snapshot *s,
		     const struct ms_om_opts *o)
{
	om_meminfo(om, s);
	return 0;
}

/* hand(om, s, o): fn(om, &s->member) */
#define HAND(hand, fn, member)                                      \
	static int hand(struct om *om, const struct ms_snapshot *s, \
			const struct ms_om_opts *o)                 \
	{                                                           \
		fn(om, &s->member);                                 \
		return 0;                                           \
	}

HAND(buddy_o, om_buddy, buddy)
HAND(buddy_ev_o, ms_om_buddy_events, buddy_events)

static int slab_o(struct om *om, const struct ms_snapshot *s,
		  const struct ms_om_opts *o)
{
	return om_slab(om, &s->slab, o->top);
}

HAND(fault_ev_o, ms_om_fault_events, fault_events)
HAND(reclaim_o, om_reclaim, reclaim)
static int reclaim_ev_o(struct om *om, const struct ms_snapshot *s,
			const struct ms_om_opts *o)
{
	ms_om_reclaim_events(om, &s->reclaim_events);
	ms_om_cgroup_stalls(om, &s->reclaim_events, o->top);
	return 0;
}
HAND(numa_o, om_numa, numa)
HAND(numa_ev_o, ms_om_numa_events, numa_events)
HAND(memory_o, ms_om_memory, memory)

static int pcache_o(struct om *om, const struct ms_snapshot *s,
		    const struct ms_om_opts *o)
{
	ms_om_pcache(om, &s->pcache, o->top);
	return 0;
}

static int cgroup_o(struct om *om, const struct ms_snapshot *s,
		    const struct ms_om_opts *o)
{
	ms_om_cgroups(om, &s->cgroups, o->top);
	return 0;
}

HAND(damon_o, ms_om_damon, damon)

/* memscope_physmap_blocks per zone (node, zone) and kind */
static bool pm_lbl(struct lbl *l, const void *rec, int r)
{
	const struct ms_pm_zone *z = rec;

	(void)r;
	ms_om_lbl_int(l, "node", z->node);
	ms_om_lbl_str(l, "zone", z->zone);
	return true;
}

static int physmap_o(struct om *om, const struct ms_snapshot *s,
		     const struct ms_om_opts *o)
{
	const struct ms_om_area a = { .t = ms_pm_zone_fields,
				      .recs = s->physmap.zones,
				      .stride = sizeof(*s->physmap.zones),
				      .n = s->physmap.nr_zones,
				      .lbl = pm_lbl };

	(void)o;
	ms_om_table(om, &a, INT_MIN, INT_MAX);
	return 0;
}

/* The sections exported by hand; the others have no families. */
static const struct {
	int sec; /* enum ms_section */
	int (*put)(struct om *om, const struct ms_snapshot *s,
		   const struct ms_om_opts *o);
} hands[] = {
	{ MS_SEC_MEMINFO, meminfo_o },
	{ MS_SEC_BUDDY, buddy_o },
	{ MS_SEC_BUDDY_EVENTS, buddy_ev_o },
	{ MS_SEC_SLAB, slab_o },
	{ MS_SEC_FAULT_EVENTS, fault_ev_o },
	{ MS_SEC_RECLAIM, reclaim_o },
	{ MS_SEC_RECLAIM_EVENTS, reclaim_ev_o },
	{ MS_SEC_NUMA, numa_o },
	{ MS_SEC_NUMA_EVENTS, numa_ev_o },
	{ MS_SEC_MEMORY, memory_o },
	{ MS_SEC_PAGECACHE_FILES, pcache_o },
	{ MS_SEC_CGROUP, cgroup_o },
	{ MS_SEC_DAMON, damon_o },
	{ MS_SEC_PHYSMAP, physmap_o },
};

void ms_om_part(struct om *om, const struct ms_part *p, const void *rec)
{
	const struct ms_om_area one = { .t = p->fields, .recs = rec, .n = 1 };

	ms_om_table(om, &one, INT_MIN, INT_MAX);
	for (const struct ms_field *l = p->fields; l->key; l++) {
		const struct ms_om_area a = {
			.t = l->sub,
			.recs = ms_list_len(l, rec) ? ms_list_at(l, rec, 0) :
						      NULL,
			.stride = l->size,
			.n = ms_list_len(l, rec),
			.key = l->sub,
		};

		if (l->type == MS_F_LIST)
			ms_om_table(om, &a, INT_MIN, INT_MAX);
	}
}

/* Section sec of area a: by hand, or the families of its part's fields. */
static int section(struct om *om, const struct ms_snapshot *s,
		   const struct ms_area *a, int sec, const struct ms_om_opts *o)
{
	for (size_t i = 0; i < sizeof(hands) / sizeof(hands[0]); i++)
		if (hands[i].sec == sec)
			return hands[i].put(om, s, o);
	for (const struct ms_part *p = a->parts; p->key; p++)
		if (p->fields && (p->secs & MS_SEC_BIT(sec)))
			ms_om_part(om, p, ms_part_rec(p, s));
	return 0;
}

int ms_out_openmetrics(FILE *f, const struct ms_snapshot *s,
		       unsigned int sections, const struct ms_om_opts *o)
{
	struct om om = { .f = f, .strict = o->openmetrics };
	unsigned int want = sections & s->have;
	int err = 0, e;

	om_self(&om, s);
	for (int i = 0; ms_areas[i]; i++)
		for (const struct ms_area_sec *x = ms_areas[i]->secs;
		     x->sec >= 0; x++)
			if ((want & MS_SEC_BIT(x->sec)) &&
			    (e = section(&om, s, ms_areas[i], x->sec, o)) &&
			    !err)
				err = e;
	if (o->openmetrics)
		fputs("# EOF\n", f);
	if (err)
		return err;
	return ferror(f) ? -EIO : 0;
}
