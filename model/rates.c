// SPDX-License-Identifier: GPL-2.0
/*
 * Per-second rates of one snapshot against the previous one. Counters are
 * matched by name (or pid): lists keep the kernel's order, so the same
 * index is tried first and a search is the exception.
 */
#include "model/slabfree.h"
#include "model/snapshot.h"

#include <math.h>
#include <string.h>

static double rate(uint64_t cur, uint64_t prev, double dt)
{
	if (!ms_have(cur) || !ms_have(prev) || cur < prev)
		return NAN; /* counter reset or wrapped: no honest rate */
	return (double)(cur - prev) / dt;
}

/* A scheme's bytes tried and applied: a kdamond restarted begins anew. */
void ms_damon_rates(struct ms_damon *cur, const struct ms_damon *prev,
		    double dt)
{
	for (int i = 0; i < cur->n; i++) {
		struct ms_kdamond *k = &cur->v[i];
		const struct ms_kdamond *p = NULL;

		for (int j = 0; !p && j < prev->n; j++)
			if (prev->v[j].id == k->id)
				p = &prev->v[j];
		for (int c = 0; p && c < k->nr_schemes && c < p->nr_schemes;
		     c++) {
			struct ms_damon_scheme *s = &k->schemes[c];
			const struct ms_damon_scheme *o = &p->schemes[c];

			if (strcmp(s->action, o->action))
				continue;
			s->sz_applied_per_s =
				rate(s->sz_applied, o->sz_applied, dt);
			s->sz_tried_per_s = rate(s->sz_tried, o->sz_tried, dt);
		}
	}
}

static double delta_rate(uint64_t cur, uint64_t prev, double dt)
{
	if (!ms_have(cur) || !ms_have(prev))
		return NAN;
	return ((double)cur - (double)prev) / dt; /* may shrink */
}

/*
 * The nr_* items of mm/vmstat.c's vmstat_text that count events since
 * boot (node_stat_item's cumulative ones, the TLB flush events); every
 * other nr_* item is an amount, as is workingset_nodes.
 */
static const char *const nr_counters[] = {
	"nr_vmscan_write",
	"nr_vmscan_immediate_reclaim",
	"nr_dirtied",
	"nr_written",
	"nr_throttled_written",
	"nr_foll_pin_acquired",
	"nr_foll_pin_released",
	"nr_tlb_remote_flush",
	"nr_tlb_remote_flush_received",
	"nr_tlb_local_flush_all",
	"nr_tlb_local_flush_one",
};

bool ms_thp_gauge(const char *name)
{
	return !strncmp(name, "nr_", 3);
}

bool ms_vmstat_gauge(const char *name)
{
	if (!strcmp(name, "workingset_nodes"))
		return true;
	if (strncmp(name, "nr_", 3))
		return false;
	for (size_t i = 0; i < sizeof(nr_counters) / sizeof(nr_counters[0]);
	     i++)
		if (!strcmp(name, nr_counters[i]))
			return false;
	return true;
}

/* gauge(name): the item is an amount, whose rate may be negative. */
static void kv_rates(struct ms_kvlist *cur, const struct ms_kvlist *prev,
		     double dt, bool (*gauge)(const char *name))
{
	for (int i = 0; i < cur->n; i++) {
		struct ms_kv *c = &cur->v[i];
		const struct ms_kv *p = NULL;

		if (i < prev->n && !strcmp(prev->v[i].name, c->name))
			p = &prev->v[i];
		else
			p = ms_kv_find(prev, c->name);
		c->rate = NAN;
		c->reset = false;
		if (!p)
			continue;
		if (gauge && gauge(c->name)) {
			c->rate = delta_rate(c->value, p->value, dt);
			continue;
		}
		c->rate = rate(c->value, p->value, dt);
		c->reset = ms_have(c->value) && ms_have(p->value) &&
			   c->value < p->value;
	}
}

/*
 * The checked free rates back into the events' list (the text output's),
 * which merge_slab_events() joined by name in the same order.
 */
static void slab_free_back(struct ms_slab_events *e, const struct ms_slab *sl)
{
	for (int i = 0; i < e->n; i++) {
		struct ms_slab_rate *r = &e->v[i];
		const struct ms_slab_cache *c = ms_slab_find(sl, r->name, i);

		if (!c)
			continue;
		r->free_rate = c->free_rate;
		r->free_src = c->free_src;
		if (ms_have(r->objsize))
			r->free_bytes_rate = r->free_rate * (double)r->objsize;
	}
}

/*
 * Objects and bytes per second of each cache, and its Free/s checked
 * against slabinfo (model/slabfree.c) where the events covered the same
 * span as the two slabinfo reads (not just attached): one lookup of the
 * cache's previous sample serves both.
 */
static void slab_rates(struct ms_snapshot *cur, const struct ms_snapshot *prev,
		       double dt)
{
	struct ms_slab_events *e = &cur->slab_events;
	struct ms_slab *sl = &cur->slab;
	bool frees = (cur->have & MS_SEC_BIT(MS_SEC_SLAB_EVENTS)) &&
		     (prev->have & MS_SEC_BIT(MS_SEC_SLAB)) &&
		     fabs(e->interval - dt) <= 0.5 * dt;

	for (int i = 0; i < sl->n; i++) {
		struct ms_slab_cache *c = &sl->caches[i];
		const struct ms_slab_cache *p =
			ms_slab_find(&prev->slab, c->name, i);

		if (frees)
			ms_slab_free_check(c, p, e->interval, dt, sl->page_size,
					   e->ncpu);
		if (!p)
			continue;
		c->objs_rate = delta_rate(c->num_objs, p->num_objs, dt);
		c->bytes_rate = delta_rate(c->size_bytes, p->size_bytes, dt);
	}
	if (frees)
		slab_free_back(e, sl);
}

static void proc_rates(struct ms_procs *cur, const struct ms_procs *prev,
		       double dt)
{
	bool sorted = ms_procs_sorted(prev);

	for (int i = 0; i < cur->n; i++) {
		struct ms_proc *c = &cur->v[i];
		const struct ms_proc *p = ms_proc_find(prev, c->pid, sorted);

		/* a new comm means exec or pid reuse: counters restarted */
		if (!p || strcmp(p->comm, c->comm))
			continue;
		c->minflt_rate = rate(c->minflt, p->minflt, dt);
		c->majflt_rate = rate(c->majflt, p->majflt, dt);
	}
}

static void psi_rate(struct ms_psi_line *c, const struct ms_psi_line *p,
		     double dt)
{
	c->total_rate = NAN;
	if (c->valid && p->valid)
		c->total_rate = rate(c->total, p->total, dt);
}

/* Each bucket's growth, matched by name (the same index first). */
static void ledger_rates(struct ms_ledger *cur, const struct ms_ledger *prev,
			 double dt)
{
	for (int i = 0; i < cur->n; i++) {
		struct ms_ledger_entry *e = &cur->v[i];
		const struct ms_ledger_entry *p =
			i < prev->n && !strcmp(prev->v[i].name, e->name) ?
				&prev->v[i] :
				ms_ledger_find(prev, e->name);

		e->kb_per_s = p ? delta_rate(e->kb, p->kb, dt) : NAN;
	}
}

static void no_growth(struct ms_ledger *l)
{
	for (int i = 0; i < l->n; i++)
		l->v[i].kb_per_s = NAN;
}

/* No growth without a previous sample (the ledger builds them as 0). */
static void ledger_no_rates(struct ms_memory *m)
{
	no_growth(&m->ledger);
	no_growth(&m->of_which);
	for (int i = 0; i < m->nodes.n; i++) {
		no_growth(&m->nodes.v[i].ledger);
		no_growth(&m->nodes.v[i].of_which);
	}
}

static void memory_rates(struct ms_memory *cur, const struct ms_memory *prev,
			 double dt)
{
	ledger_rates(&cur->ledger, &prev->ledger, dt);
	ledger_rates(&cur->of_which, &prev->of_which, dt);
	for (int i = 0; i < cur->nodes.n; i++)
		for (int j = 0; j < prev->nodes.n; j++)
			if (prev->nodes.v[j].node == cur->nodes.v[i].node) {
				ledger_rates(&cur->nodes.v[i].ledger,
					     &prev->nodes.v[j].ledger, dt);
				ledger_rates(&cur->nodes.v[i].of_which,
					     &prev->nodes.v[j].of_which, dt);
			}
}

static bool cg_gauge(const char *name)
{
	return !ms_cg_stat_counter(name);
}

/*
 * When a cgroup's files other than its usage were read: live, the
 * explorer re-reads them within a budget (probes/procfs/cgcache.c), so a
 * sample may carry the copy of an earlier one. Unknown age: in the sample.
 */
static double cg_read_at(const struct ms_snapshot *s, const struct ms_cgroup *c)
{
	return isnan(c->detail_age_s) ? s->t_mono : s->t_mono - c->detail_age_s;
}

/*
 * memory.stat's and memory.events' rates between two reads of them: the
 * same copy again keeps the rates of its read (not a made-up 0, then the
 * whole change since over one interval); a new copy's over the time
 * between the reads. Reads come in samples, dt apart: the ages, measured
 * on the probe's clock a little off the sample's, tell a copy read again
 * from the same one within far less than that.
 */
static void cg_detail_rates(struct ms_cgroup *c, const struct ms_cgroup *p,
			    double at, double p_at, double dt)
{
	struct ms_kvlist *cl[] = { &c->stat, &c->events };
	const struct ms_kvlist *pl[] = { &p->stat, &p->events };

	if (c->stat.v == p->stat.v && c->events.v == p->events.v)
		return; /* one copy, shared (ms_kv_share()): its read's rates */
	if (at - p_at > dt / 2) {
		kv_rates(&c->stat, &p->stat, at - p_at, cg_gauge);
		kv_rates(&c->events, &p->events, at - p_at, NULL);
		return;
	}
	for (int l = 0; l < 2; l++) {
		bool same = cl[l]->n == pl[l]->n;

		for (int i = 0; i < cl[l]->n; i++) {
			struct ms_kv *k = &cl[l]->v[i];
			const struct ms_kv *o =
				same && !strcmp(pl[l]->v[i].name, k->name) ?
					&pl[l]->v[i] :
					ms_kv_find(pl[l], k->name);

			k->rate = o ? o->rate : NAN;
			k->reset = o && o->reset;
		}
	}
}

/*
 * Each cgroup against the same path in prev: the same index (the same
 * read of it, or the same path), or the one after the last match (cgroups
 * made or removed shift the rest), else a search (a new one).
 */
static void cgroup_rates(struct ms_snapshot *cs, const struct ms_snapshot *ps,
			 double dt)
{
	struct ms_cgroups *cur = &cs->cgroups;
	const struct ms_cgroups *prev = &ps->cgroups;

	for (int i = 0, next = 0; i < cur->n; i++) {
		struct ms_cgroup *c = &cur->v[i];
		const struct ms_cgroup *p = NULL;

		/* one shared memory.stat: one read of one cgroup */
		if (i < prev->n && c->stat.v && prev->v[i].stat.v == c->stat.v)
			p = &prev->v[i];
		else if (i < prev->n && !strcmp(prev->v[i].path, c->path))
			p = &prev->v[i];
		else if (next < prev->n && !strcmp(prev->v[next].path, c->path))
			p = &prev->v[next];
		for (int j = 0; !p && j < prev->n; j++)
			if (!strcmp(prev->v[j].path, c->path))
				p = &prev->v[j];
		if (!p)
			continue;
		next = (int)(p - prev->v) + 1;
		if (p->version != c->version)
			continue;
		c->current_kb_per_s =
			delta_rate(c->current_kb, p->current_kb, dt);
		cg_detail_rates(c, p, cg_read_at(cs, c), cg_read_at(ps, p), dt);
	}
}

void ms_rates(struct ms_snapshot *cur, const struct ms_snapshot *prev)
{
	double dt;

	cur->reclaim.psi_some.total_rate = NAN;
	cur->reclaim.psi_full.total_rate = NAN;
	ledger_no_rates(&cur->memory);
	ms_attrib_rates(&cur->attrib, NULL, 0);
	if (!prev || !prev->t_mono)
		return;
	dt = cur->t_mono - prev->t_mono;
	if (dt <= 0)
		return;
	kv_rates(&cur->reclaim.vmstat, &prev->reclaim.vmstat, dt,
		 ms_vmstat_gauge);
	for (int i = 0; i < cur->reclaim.nr_thp_sizes; i++) {
		struct ms_thp_size *t = &cur->reclaim.thp_sizes[i];

		for (int j = 0; j < prev->reclaim.nr_thp_sizes; j++)
			if (prev->reclaim.thp_sizes[j].size_kb == t->size_kb)
				kv_rates(&t->stats,
					 &prev->reclaim.thp_sizes[j].stats, dt,
					 ms_thp_gauge);
	}
	psi_rate(&cur->reclaim.psi_some, &prev->reclaim.psi_some, dt);
	psi_rate(&cur->reclaim.psi_full, &prev->reclaim.psi_full, dt);
	slab_rates(cur, prev, dt);
	proc_rates(&cur->procs, &prev->procs, dt);
	memory_rates(&cur->memory, &prev->memory, dt);
	ms_attrib_rates(&cur->attrib,
			prev->have & MS_SEC_BIT(MS_SEC_ATTRIBUTION) ?
				&prev->attrib :
				NULL,
			dt);
	cgroup_rates(cur, prev, dt);
	ms_damon_rates(&cur->damon, &prev->damon, dt);
	for (int i = 0; i < cur->numa.n; i++) {
		struct ms_numa_node *n = &cur->numa.nodes[i];

		for (int j = 0; j < prev->numa.n; j++)
			if (prev->numa.nodes[j].node == n->node)
				kv_rates(&n->numastat,
					 &prev->numa.nodes[j].numastat, dt,
					 NULL);
	}
}
