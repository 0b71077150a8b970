// SPDX-License-Identifier: GPL-2.0
/*
 * A --json line's live sections back into a snapshot: BPF events (buddy,
 * slab, faults, reclaim, NUMA), the BPF backend's costs and the task
 * delays, through the field tables their writers use (model/event_fields.c,
 * store/json_events.c, store/json_live.c); here the MS_F_HAND rows.
 */
#include "store/jread.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/field.h"

#define BIT(sec) MS_SEC_BIT(MS_SEC_##sec)
#define IS(k) (!strcmp(f->key, (k)))

/* A name of an object's key or a string into a fixed array. */
#define NAME(dst, src) snprintf(dst, sizeof(dst), "%s", src)

/* ---- buddy and slab events ---------------------------------------------- */

static int migrate_index(struct ms_buddy_events *e, const char *name)
{
	return ms_jname_index(e->migrate, &e->nr_migrate, MS_MAX_MIGRATE, name);
}

static void extfrag_hand(json *o, const struct ms_field *f, void *rec,
			 const struct ms_jread *how)
{
	struct ms_extfrag_event *x = rec;
	char name[16];

	ms_jraw(o, f->key, name, sizeof(name));
	*(IS("wanted") ? &x->wanted : &x->taken) =
		migrate_index(how->arg, name);
}

static void buddy_hand(json *o, const struct ms_field *f, void *rec,
		       const struct ms_jread *how)
{
	struct ms_buddy_events *e = rec;
	struct ms_compaction *c = &e->compaction;
	const struct ms_jread x = { .hand = extfrag_hand, .arg = e };
	json *v = ms_j(o, f->key), *a = ms_jarr(o, f->key);
	int max = (int)(sizeof(e->extfrag) / sizeof(e->extfrag[0]));

	if (IS("alloc_rate_per_migratetype") && ms_jobj(o, f->key)) {
		json_object_object_foreach(v, k, r)
		{
			int t = migrate_index(e, k);

			if (t >= 0)
				ms_jdbla(r, e->mt_alloc_rate[t], MS_MAX_ORDER);
		}
	} else if (IS("extfrag_events")) {
		for (int i = 0; i < ms_jlen(a) && e->nr_extfrag < max; i++) {
			struct ms_extfrag_event *ev =
				&e->extfrag[e->nr_extfrag];

			ms_jread_fields(ms_jat(a, i), ms_extfrag_fields, ev,
					&x);
			if (ev->wanted >= 0 && ev->taken >= 0)
				e->nr_extfrag++;
		}
	} else if (IS("results") && ms_jobj(o, f->key)) {
		json_object_object_foreach(v, k, n)
		{
			if (c->nr_results >= 16)
				break;
			NAME(c->result_name[c->nr_results], k);
			c->result[c->nr_results++] = ms_ju64v(n);
		}
	} else if (IS("latency_log2_us")) {
		ms_ju64a(a, c->hist, MS_BPF_HIST);
	}
}

static void buddy_events(json *b, struct ms_snapshot *s)
{
	struct ms_buddy_events *e = &s->buddy_events;
	const struct ms_jread how = { .have = &e->fields, .hand = buddy_hand };

	if (!ms_jhas(b, "events_interval_s"))
		return;
	for (int t = 0; t < MS_MAX_MIGRATE; t++)
		for (int o = 0; o < MS_MAX_ORDER; o++)
			e->alloc[t][o] = MS_NA; /* counts are not recorded */
	ms_jread_fields(b, ms_buddy_events_fields, e, &how);
	s->have |= BIT(BUDDY_EVENTS);
}

static void callsite_hand(json *o, const struct ms_field *f, void *rec,
			  const struct ms_jread *how)
{
	struct ms_callsite *cs = rec;
	json *st = ms_jarr(o, f->key);

	for (; cs->depth < ms_jlen(st) && cs->depth < MS_CALLSITE_DEPTH;
	     cs->depth++)
		ms_jstrv(ms_jat(st, cs->depth), cs->sym[cs->depth], MS_SYM);
}

static void slab_hand(json *o, const struct ms_field *f, void *rec,
		      const struct ms_jread *how)
{
	struct ms_slab_events *e = rec;
	const struct ms_jread cs = { .hand = callsite_hand };
	json *a = ms_jarr(o, f->key);

	if (IS("kfree_unknown_cache_per_s")) {
		if (ms_jhas(o, f->key))
			e->kfree_unknown_rate = ms_jdbl(o, f->key);
		else
			e->fields |= MS_SE_KFREE;
	} else if (IS("callsites_cache")) {
		ms_jstr(o, f->key, e->target, sizeof(e->target));
	} else if (IS("callsites") && a) {
		e->fields |= MS_SE_CALLSITES;
		for (int i = 0; i < ms_jlen(a) && e->nr_sites < MS_CALLSITES;
		     i++) {
			struct ms_callsite *c = &e->sites[e->nr_sites++];

			memset(c, 0, sizeof(*c));
			ms_jread_fields(ms_jat(a, i), ms_callsite_fields, c,
					&cs);
		}
	}
	/* "caches": the rates were joined into slab.caches[], read below */
}

static void slab_events(json *sl, struct ms_snapshot *s)
{
	struct ms_slab_events *e = &s->slab_events;
	const struct ms_jread how = { .hand = slab_hand };

	if (!ms_jhas(sl, "events_interval_s"))
		return;
	e->fields = MS_SE_CACHE_ALLOC | MS_SE_CACHE_FREE | MS_SE_KMALLOC;
	e->kfree_unknown = MS_NA;
	e->target_allocs = MS_NA;
	ms_jread_fields(sl, ms_slab_events_fields, e, &how);
	for (int i = 0; i < s->slab.n; i++) {
		const struct ms_slab_cache *c = &s->slab.caches[i];
		struct ms_slab_rate *r;

		if (isnan(c->alloc_rate) && isnan(c->free_rate))
			continue;
		r = ms_slab_rate_add(e);
		if (!r)
			break;
		NAME(r->name, c->name);
		r->objsize = c->objsize;
		r->allocs = r->frees = MS_NA;
		r->alloc_rate = c->alloc_rate;
		r->free_rate = c->free_rate;
		r->free_src = c->free_src;
		r->alloc_bytes_rate = c->alloc_bytes_rate;
	}
	s->have |= BIT(SLAB_EVENTS);
}

static void bpf_hand(json *o, const struct ms_field *f, void *rec,
		     const struct ms_jread *how)
{
	struct ms_bpf_info *i = rec;
	json *a = ms_jarr(o, f->key);

	if (IS("groups")) {
		for (;
		     i->nr_groups < ms_jlen(a) && i->nr_groups < MS_BPF_GROUPS;
		     i->nr_groups++)
			NAME(i->groups[i->nr_groups],
			     json_object_get_string(ms_jat(a, i->nr_groups)));
		return;
	}
	for (int k = 0; k < ms_jlen(a) && i->nr_progs < MS_BPF_PROGS; k++)
		ms_jread_fields(ms_jat(a, k), ms_bpf_prog_fields,
				&i->progs[i->nr_progs++], NULL);
}

static void bpf(json *b, struct ms_bpf_info *i)
{
	const struct ms_jread how = { .hand = bpf_hand };

	i->open = true;
	ms_jread_fields(b, ms_bpf_fields, i, &how);
}

/* ---- faults ------------------------------------------------------------- */

static void fault_proc_hand(json *o, const struct ms_field *f, void *rec,
			    const struct ms_jread *how)
{
	struct ms_fault_proc *p = rec;

	if (IS("pid"))
		p->pid = ms_jint(o, f->key, 0);
	else
		ms_jstr(o, f->key, p->comm, sizeof(p->comm));
}

static const struct ms_jread fault_proc_how = { .hand = fault_proc_hand };

static void fault_hand(json *o, const struct ms_field *f, void *rec,
		       const struct ms_jread *how)
{
	struct ms_fault_events *e = rec;
	json *c = ms_jobj(o, f->key), *a = ms_jarr(o, f->key);

	if (IS("counted")) {
		e->fields = (ms_jbool(c, "user_faults") ? MS_FE_HW : 0) |
			    (ms_jbool(c, "split") ? MS_FE_SPLIT : 0) |
			    (ms_jbool(c, "cow") ? MS_FE_COW : 0) |
			    (ms_jbool(c, "mmap_lock") ? MS_FE_LOCK : 0);
	} else if (IS("total")) {
		ms_jread_fields(c, ms_fault_proc_fields, &e->total,
				&fault_proc_how);
	} else {
		for (int i = 0; i < ms_jlen(a); i++) {
			struct ms_fault_proc *p = ms_fault_proc_add(e);

			if (!p)
				break;
			ms_jread_fields(ms_jat(a, i), ms_fault_proc_fields, p,
					&fault_proc_how);
		}
	}
}

static void fault_events(json *j, struct ms_snapshot *s)
{
	const struct ms_jread how = { .hand = fault_hand };

	if (!j)
		return;
	ms_jread_fields(j, ms_fault_events_fields, &s->fault_events, &how);
	s->have |= BIT(FAULT_EVENTS);
}

/* ---- reclaim events ------------------------------------------------------ */

static void latency_hand(json *o, const struct ms_field *f, void *rec,
			 const struct ms_jread *how)
{
	struct ms_latency *l = rec;
	json *b = ms_jarr(o, f->key);

	/* mean_us is derived; buckets: the counts of {lo_us, hi_us, count} */
	for (int i = 0; IS("buckets") && i < ms_jlen(b) && i < MS_BPF_HIST; i++)
		l->hist[i] = ms_ju64(ms_jat(b, i), "count");
}

static const struct ms_jread latency_how = { .hand = latency_hand };

/* total_ns since format 1 of the recording; total_ms rounds to us. */
static void latency(json *j, struct ms_latency *l)
{
	ms_jread_fields(j, ms_latency_fields, l, &latency_how);
	if (!ms_jhas(j, "total_ns"))
		l->total_ns = ms_jscaled(j, "total_ms", 1e6);
}

static void oom_hand(json *o, const struct ms_field *f, void *rec,
		     const struct ms_jread *how)
{
	((struct ms_oom_event *)rec)->killer_pid = ms_jint(o, f->key, 0);
}

static void cg_hand(json *o, const struct ms_field *f, void *rec,
		    const struct ms_jread *how)
{
	struct ms_cg_reclaim *c = rec;

	latency(ms_jobj(o, f->key), IS("global") ? &c->direct : &c->memcg);
}

static void reclaim_list(json *a, const struct ms_field *f,
			 struct ms_reclaim_events *e)
{
	const struct ms_jread oom = { .hand = oom_hand };
	const struct ms_jread cg = { .hand = cg_hand };

	for (int i = 0; i < ms_jlen(a); i++) {
		json *j = ms_jat(a, i);
		struct ms_reclaimer *r;
		struct ms_shrinker *sh;
		struct ms_cg_reclaim *c;

		if (IS("processes") && (r = ms_reclaimer_add(e))) {
			ms_jread_fields(j, ms_reclaimer_fields, r, NULL);
			latency(j, &r->lat);
		} else if (IS("shrinkers") && (sh = ms_shrinker_add(e))) {
			ms_jread_fields(j, ms_shrinker_fields, sh, NULL);
			sh->addr = MS_NA;
			latency(j, &sh->lat);
		} else if (IS("cgroups") && (c = ms_cg_reclaim_add(e))) {
			ms_jread_fields(j, ms_cg_reclaim_fields, c, &cg);
		} else if (IS("oom_events") && e->nr_oom < MS_OOM_EVENTS) {
			ms_jread_fields(j, ms_oom_fields, &e->oom[e->nr_oom++],
					&oom);
		} else {
			break;
		}
	}
}

static void reclaim_hand(json *o, const struct ms_field *f, void *rec,
			 const struct ms_jread *how)
{
	struct ms_reclaim_events *e = rec;
	json *j = ms_jobj(o, f->key), *a = ms_jarr(j, "nodes");

	if (IS("direct_reclaim_hist")) {
		latency(j, &e->stall);
	} else if (IS("global") || IS("memcg")) {
		latency(j, IS("global") ? &e->direct : &e->memcg);
	} else if (IS("kswapd")) {
		if (ms_j(j, "wakeup_requests"))
			e->fields |= MS_RE_WAKEUP;
		for (; e->nr_kswapd < ms_jlen(a) && e->nr_kswapd < MS_MAX_NODES;
		     e->nr_kswapd++) {
			struct ms_kswapd *k = &e->kswapd[e->nr_kswapd];

			ms_jread_fields(ms_jat(a, e->nr_kswapd),
					ms_kswapd_fields, k, NULL);
			k->wakeup_rate = NAN; /* not in the JSON */
		}
	} else {
		reclaim_list(ms_jarr(o, f->key), f, e);
	}
}

static void reclaim_events(json *r, struct ms_snapshot *s)
{
	struct ms_reclaim_events *e = &s->reclaim_events;
	const struct ms_jread how = { .have = &e->fields,
				      .hand = reclaim_hand };

	if (!ms_jhas(r, "events_interval_s"))
		return;
	ms_jread_fields(r, ms_reclaim_events_fields, e, &how);
	s->have |= BIT(RECLAIM_EVENTS);
}

/* ---- task delays --------------------------------------------------------- */

static void delays_hand(json *o, const struct ms_field *f, void *rec,
			const struct ms_jread *how)
{
	struct ms_task_delays *d = rec;
	json *v = ms_j(o, f->key), *a = ms_jarr(o, f->key);

	if (IS("task_delayacct")) {
		d->delayacct = json_object_is_type(v, json_type_boolean) ?
				       json_object_get_boolean(v) :
				       -1;
	} else if (IS("taskstats_version")) {
		d->version = ms_jint(o, f->key, 0);
	} else {
		for (int i = 0; i < ms_jlen(a); i++) {
			struct ms_task_delay *t = ms_task_delay_add(d);

			if (!t)
				break;
			ms_jread_fields(ms_jat(a, i), ms_task_delay_fields, t,
					NULL);
		}
	}
}

static void task_delays(json *j, struct ms_snapshot *s)
{
	const struct ms_jread how = { .hand = delays_hand };

	if (!j)
		return;
	ms_jread_fields(j, ms_task_delays_fields, &s->task_delays, &how);
	s->have |= BIT(TASK_DELAYS);
}

/* ---- NUMA events --------------------------------------------------------- */

static void hint_hand(json *o, const struct ms_field *f, void *rec,
		      const struct ms_jread *how)
{
	((struct ms_numa_hint *)rec)->node = ms_jint(o, f->key, -1);
}

static void numa_hand(json *o, const struct ms_field *f, void *rec,
		      const struct ms_jread *how)
{
	struct ms_numa_events *e = rec;
	const struct ms_jread h = { .hand = hint_hand };
	json *j = ms_jobj(o, f->key), *a = ms_jarr(j, "nodes");

	if (IS("by_reason")) {
		if (!j)
			return;
		json_object_object_foreach(j, k, x)
		{
			struct ms_migrate_reason *m = &e->reason[e->nr_reasons];

			if (e->nr_reasons >= MS_MIGRATE_REASONS)
				break;
			e->nr_reasons++;
			NAME(m->name, k);
			ms_jread_fields(x, ms_migrate_reason_fields, m, NULL);
		}
		return;
	}
	ms_jread_fields(j, ms_numa_hint_fields, &e->hint, &h);
	for (; e->nr_nodes < ms_jlen(a) && e->nr_nodes < MS_MAX_NODES;
	     e->nr_nodes++)
		ms_jread_fields(ms_jat(a, e->nr_nodes), ms_numa_hint_fields,
				&e->node[e->nr_nodes], &h);
}

static void numa_events(json *n, struct ms_snapshot *s)
{
	struct ms_numa_events *e = &s->numa_events;
	const struct ms_jread how = { .have = &e->fields, .hand = numa_hand };

	if (!ms_jhas(n, "events_interval_s"))
		return;
	ms_jread_fields(n, ms_numa_events_fields, e, &how);
	s->have |= BIT(NUMA_EVENTS);
}

static void bpf_part(json *b, struct ms_snapshot *s)
{
	if (b)
		bpf(b, &s->bpf);
}

static void delays_into(json *r, struct ms_snapshot *s)
{
	task_delays(ms_jobj(r, "task_delays"), s);
}

/* The page cache's files: their keys in "memory" (model/pcache.c). */
static void pcache_into(json *m, struct ms_snapshot *s)
{
	if (!ms_jhas(m, "files_found"))
		return;
	ms_jread_fields(m, ms_pcache_fields, &s->pcache, NULL);
	s->have |= BIT(PAGECACHE_FILES);
	/* the events' keys are there, null, without them */
	if (!isnan(s->pcache.ev_since_s))
		s->have |= BIT(PAGECACHE_EVENTS);
}

const struct ms_jpart ms_jread_live[] = {
	{ "buddy_events", buddy_events, false },
	{ "slab_events", slab_events, false },
	{ "bpf", bpf_part, false },
	{ "fault_events", fault_events, false },
	{ "reclaim_events", reclaim_events, false },
	{ "task_delays", delays_into, false },
	{ "numa_events", numa_events, false },
	{ "pagecache_files", pcache_into, false },
	{ NULL, NULL, false },
};
