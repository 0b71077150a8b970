// SPDX-License-Identifier: GPL-2.0
/*
 * A --json line's live sections back into a snapshot: BPF events (buddy,
 * slab, faults, reclaim, NUMA), the BPF backend's costs and the task
 * delays, mirroring store/json_events.c and store/json_live.c.
 */
#include "probes/replay/decode.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define BIT(sec) MS_SEC_BIT(MS_SEC_##sec)

/* ---- buddy and slab events ---------------------------------------------- */

static int migrate_index(struct ms_buddy_events *e, const char *name)
{
	for (int t = 0; t < e->nr_migrate; t++)
		if (!strcmp(e->migrate[t], name))
			return t;
	if (e->nr_migrate >= MS_MAX_MIGRATE)
		return -1;
	snprintf(e->migrate[e->nr_migrate], sizeof(e->migrate[0]), "%s", name);
	return e->nr_migrate++;
}

static int rates(json *a, double *v)
{
	int n = 0;

	for (; n < ms_jlen(a) && n < MS_MAX_ORDER; n++)
		v[n] = ms_jdblv(ms_jat(a, n));
	return n;
}

static void counts(json *a, uint64_t *v, int max)
{
	for (int i = 0; i < ms_jlen(a) && i < max; i++)
		v[i] = ms_ju64v(ms_jat(a, i));
}

static void extfrag(json *a, struct ms_buddy_events *e)
{
	for (int i = 0;
	     i < ms_jlen(a) &&
	     e->nr_extfrag < (int)(sizeof(e->extfrag) / sizeof(e->extfrag[0]));
	     i++) {
		json *j = ms_jat(a, i);
		struct ms_extfrag_event *x = &e->extfrag[e->nr_extfrag];
		char w[16], t[16];

		ms_jraw(j, "wanted", w, sizeof(w));
		ms_jraw(j, "taken", t, sizeof(t));
		x->wanted = migrate_index(e, w);
		x->taken = migrate_index(e, t);
		if (x->wanted < 0 || x->taken < 0)
			continue;
		x->count = ms_ju64(j, "count");
		x->rate = ms_jdbl(j, "per_s");
		e->nr_extfrag++;
	}
}

static void compaction(json *j, struct ms_compaction *c)
{
	json *r = ms_jobj(j, "results");

	c->runs = ms_ju64(j, "runs");
	c->direct = ms_ju64(j, "direct");
	c->ended = ms_ju64(j, "ended");
	c->runs_rate = ms_jdbl(j, "per_s");
	c->mean_us = ms_jdbl(j, "mean_us");
	c->max_us = ms_ju64(j, "max_us");
	if (r) {
		json_object_object_foreach(r, k, v)
		{
			if (c->nr_results >= 16)
				break;
			snprintf(c->result_name[c->nr_results],
				 sizeof(c->result_name[0]), "%s", k);
			c->result[c->nr_results++] = ms_ju64v(v);
		}
	}
	counts(ms_jarr(j, "latency_log2_us"), c->hist, MS_BPF_HIST);
}

static void buddy_events(json *b, struct ms_snapshot *s)
{
	struct ms_buddy_events *e = &s->buddy_events;
	json *mt = ms_jobj(b, "alloc_rate_per_migratetype");
	int n;

	if (!ms_jhas(b, "events_interval_s"))
		return;
	e->interval = ms_jdbl(b, "events_interval_s");
	for (int t = 0; t < MS_MAX_MIGRATE; t++)
		for (int o = 0; o < MS_MAX_ORDER; o++)
			e->alloc[t][o] = MS_NA; /* counts are not recorded */
	if (ms_jarr(b, "alloc_rate_per_order"))
		e->fields |= MS_BE_ALLOC;
	if (ms_jarr(b, "free_rate_per_order"))
		e->fields |= MS_BE_FREE;
	n = rates(ms_jarr(b, "alloc_rate_per_order"), e->alloc_rate);
	e->nr_orders = n;
	n = rates(ms_jarr(b, "free_rate_per_order"), e->free_rate);
	if (n > e->nr_orders)
		e->nr_orders = n;
	rates(ms_jarr(b, "alloc_fail_rate_per_order"), e->fail_rate);
	if (mt) {
		json_object_object_foreach(mt, k, v)
		{
			int t = migrate_index(e, k);

			if (t >= 0)
				rates(v, e->mt_alloc_rate[t]);
		}
	}
	counts(ms_jarr(b, "frees_per_order"), e->free, MS_MAX_ORDER);
	counts(ms_jarr(b, "alloc_failures_per_order"), e->fail, MS_MAX_ORDER);
	if (ms_jarr(b, "extfrag_events")) {
		e->fields |= MS_BE_EXTFRAG;
		extfrag(ms_jarr(b, "extfrag_events"), e);
	}
	if (ms_jobj(b, "compaction")) {
		e->fields |= MS_BE_COMPACT;
		compaction(ms_jobj(b, "compaction"), &e->compaction);
	}
	s->have |= BIT(BUDDY_EVENTS);
}

static void callsites(json *a, struct ms_slab_events *e)
{
	for (int i = 0; i < ms_jlen(a) && e->nr_sites < MS_CALLSITES; i++) {
		json *j = ms_jat(a, i), *st = ms_jarr(j, "stack");
		struct ms_callsite *cs = &e->sites[e->nr_sites++];

		memset(cs, 0, sizeof(*cs));
		cs->count = ms_ju64(j, "count");
		cs->share = ms_jdbl(j, "share");
		for (; cs->depth < ms_jlen(st) && cs->depth < MS_CALLSITE_DEPTH;
		     cs->depth++)
			ms_jstrv(ms_jat(st, cs->depth), cs->sym[cs->depth],
				 MS_SYM);
	}
}

static void slab_events(json *sl, struct ms_snapshot *s)
{
	struct ms_slab_events *e = &s->slab_events;

	if (!ms_jhas(sl, "events_interval_s"))
		return;
	e->interval = ms_jdbl(sl, "events_interval_s");
	e->fields = MS_SE_CACHE_ALLOC | MS_SE_CACHE_FREE | MS_SE_KMALLOC;
	if (ms_jhas(sl, "kfree_unknown_cache_per_s"))
		e->kfree_unknown_rate =
			ms_jdbl(sl, "kfree_unknown_cache_per_s");
	else
		e->fields |= MS_SE_KFREE;
	e->kfree_unknown = MS_NA;
	ms_jstr(sl, "callsites_cache", e->target, sizeof(e->target));
	e->target_allocs = MS_NA;
	if (ms_jarr(sl, "callsites")) {
		e->fields |= MS_SE_CALLSITES;
		callsites(ms_jarr(sl, "callsites"), e);
	}
	/* the per-cache rates were joined into slab.caches[] */
	for (int i = 0; i < s->slab.n; i++) {
		const struct ms_slab_cache *c = &s->slab.caches[i];
		struct ms_slab_rate *r;

		if (isnan(c->alloc_rate) && isnan(c->free_rate))
			continue;
		r = ms_slab_rate_add(e);
		if (!r)
			break;
		snprintf(r->name, sizeof(r->name), "%s", c->name);
		r->objsize = c->objsize;
		r->allocs = r->frees = MS_NA;
		r->alloc_rate = c->alloc_rate;
		r->free_rate = c->free_rate;
		r->alloc_bytes_rate = c->alloc_bytes_rate;
	}
	s->have |= BIT(SLAB_EVENTS);
}

static void bpf(json *b, struct ms_bpf_info *i)
{
	json *g = ms_jarr(b, "groups"), *st = ms_jarr(b, "stats");

	i->open = true;
	i->stats = ms_jbool(b, "stats_enabled");
	for (; i->nr_groups < ms_jlen(g) && i->nr_groups < MS_BPF_GROUPS;
	     i->nr_groups++)
		snprintf(i->groups[i->nr_groups], sizeof(i->groups[0]), "%s",
			 json_object_get_string(ms_jat(g, i->nr_groups)));
	for (int k = 0; k < ms_jlen(st) && i->nr_progs < MS_BPF_PROGS; k++) {
		json *j = ms_jat(st, k);
		struct ms_bpf_prog_stat *p = &i->progs[i->nr_progs++];

		ms_jraw(j, "name", p->name, sizeof(p->name));
		ms_jraw(j, "group", p->group, sizeof(p->group));
		p->run_ns = ms_ju64(j, "run_time_ns");
		p->run_cnt = ms_ju64(j, "run_count");
		p->ns_rate = ms_jdbl(j, "run_time_ns_per_s");
		p->cnt_rate = ms_jdbl(j, "runs_per_s");
	}
	i->ns_rate = ms_jdbl(b, "run_time_ns_per_s");
	i->cnt_rate = ms_jdbl(b, "runs_per_s");
}

/* ---- faults ------------------------------------------------------------- */

static void fault_proc(json *j, struct ms_fault_proc *p)
{
	json *n = ms_jobj(j, "counts"), *r = ms_jobj(j, "per_s");

	p->pid = ms_jint(j, "pid", 0);
	ms_jstr(j, "comm", p->comm, sizeof(p->comm));
	for (int c = 0; c < MS_FC_COUNT; c++) {
		p->n[c] = ms_ju64(n, ms_fault_count_name(c));
		p->rate[c] = ms_jdbl(r, ms_fault_count_name(c));
	}
	p->lock_max_ns = ms_jscaled(j, "mmap_lock_max_wait_us", 1e3);
}

static void fault_events(json *j, struct ms_snapshot *s)
{
	struct ms_fault_events *e = &s->fault_events;
	json *c = ms_jobj(j, "counted"), *a = ms_jarr(j, "processes");

	if (!j)
		return;
	e->interval = ms_jdbl(j, "interval_s");
	e->fields = (ms_jbool(c, "user_faults") ? MS_FE_HW : 0) |
		    (ms_jbool(c, "split") ? MS_FE_SPLIT : 0) |
		    (ms_jbool(c, "cow") ? MS_FE_COW : 0) |
		    (ms_jbool(c, "mmap_lock") ? MS_FE_LOCK : 0);
	fault_proc(ms_jobj(j, "total"), &e->total);
	for (int i = 0; i < ms_jlen(a); i++) {
		struct ms_fault_proc *p = ms_fault_proc_add(e);

		if (!p)
			break;
		fault_proc(ms_jat(a, i), p);
	}
	e->untracked = ms_ju64(j, "untracked");
	s->have |= BIT(FAULT_EVENTS);
}

/* ---- reclaim events ------------------------------------------------------ */

static void latency(json *j, struct ms_latency *l)
{
	json *b = ms_jarr(j, "buckets");

	l->count = ms_ju64(j, "count");
	l->rate = ms_jdbl(j, "per_s");
	/* total_ns since format 1 of the recording; total_ms rounds to us */
	l->total_ns = ms_jhas(j, "total_ns") ? ms_ju64(j, "total_ns") :
					       ms_jscaled(j, "total_ms", 1e6);
	l->ns_rate = ms_jdbl(j, "ms_per_s") * 1e6;
	l->max_ns = ms_jscaled(j, "max_us", 1e3);
	l->last = ms_jdbl(j, "last");
	for (int i = 0; i < ms_jlen(b) && i < MS_BPF_HIST; i++)
		l->hist[i] = ms_ju64(ms_jat(b, i), "count");
}

static void direct(json *j, struct ms_reclaim_events *e)
{
	json *pg = ms_jobj(j, "pages_reclaimed"), *a = ms_jarr(j, "processes");

	if (ms_jobj(j, "global")) {
		e->fields |= MS_RE_DIRECT;
		latency(ms_jobj(j, "global"), &e->direct);
	}
	if (ms_jobj(j, "memcg")) {
		e->fields |= MS_RE_MEMCG;
		latency(ms_jobj(j, "memcg"), &e->memcg);
	}
	e->direct_reclaimed = ms_ju64(pg, "global");
	e->memcg_reclaimed = ms_ju64(pg, "memcg");
	for (int i = 0; i < ms_jlen(a); i++) {
		struct ms_reclaimer *r = ms_reclaimer_add(e);

		if (!r)
			break;
		r->pid = ms_jint(ms_jat(a, i), "pid", 0);
		ms_jstr(ms_jat(a, i), "comm", r->comm, sizeof(r->comm));
		latency(ms_jat(a, i), &r->lat);
	}
}

static void kswapd(json *j, struct ms_reclaim_events *e)
{
	json *a = ms_jarr(j, "nodes");

	e->fields |= MS_RE_KSWAPD;
	if (ms_j(j, "wakeup_requests"))
		e->fields |= MS_RE_WAKEUP;
	for (; e->nr_kswapd < ms_jlen(a) && e->nr_kswapd < MS_MAX_NODES;
	     e->nr_kswapd++) {
		json *n = ms_jat(a, e->nr_kswapd);
		struct ms_kswapd *k = &e->kswapd[e->nr_kswapd];

		k->node = ms_jint(n, "node", -1);
		k->wakes = ms_ju64(n, "wakes");
		k->sleeps = ms_ju64(n, "sleeps");
		k->wakeups = ms_ju64(n, "wakeup_requests");
		k->awake_ns = ms_ju64(n, "awake_ns");
		k->awake = ms_jbool(n, "awake");
		k->awake_share = ms_jdbl(n, "awake_share");
		k->wake_rate = ms_jdbl(n, "wakes_per_s");
		k->wakeup_rate = NAN; /* not in the JSON */
		k->last_wake = ms_jdbl(n, "last_wake");
		k->last_sleep = ms_jdbl(n, "last_sleep");
	}
}

static void shrinkers(json *a, struct ms_reclaim_events *e)
{
	e->fields |= MS_RE_SHRINK;
	for (int i = 0; i < ms_jlen(a); i++) {
		json *j = ms_jat(a, i);
		struct ms_shrinker *sh = ms_shrinker_add(e);

		if (!sh)
			break;
		ms_jstr(j, "name", sh->name, sizeof(sh->name));
		sh->named = ms_jbool(j, "named");
		sh->addr = MS_NA;
		sh->freed = ms_ju64(j, "freed");
		sh->freed_rate = ms_jdbl(j, "freed_per_s");
		latency(j, &sh->lat);
	}
}

static void oom(json *a, struct ms_reclaim_events *e)
{
	e->fields |= MS_RE_OOM;
	for (; e->nr_oom < ms_jlen(a) && e->nr_oom < MS_OOM_EVENTS;
	     e->nr_oom++) {
		json *j = ms_jat(a, e->nr_oom);
		struct ms_oom_event *v = &e->oom[e->nr_oom];
		uint64_t uid = ms_ju64(j, "uid");

		v->time = ms_jdbl(j, "time");
		v->pid = ms_jint(j, "pid", 0);
		ms_jstr(j, "comm", v->comm, sizeof(v->comm));
		v->uid = uid > UINT32_MAX ? UINT32_MAX : (uint32_t)uid;
		v->oom_score_adj = ms_jint(j, "oom_score_adj", 0);
		v->total_vm_kb = ms_ju64(j, "total_vm_kb");
		v->anon_rss_kb = ms_ju64(j, "anon_rss_kb");
		v->file_rss_kb = ms_ju64(j, "file_rss_kb");
		v->shmem_rss_kb = ms_ju64(j, "shmem_rss_kb");
		v->pgtables_kb = ms_ju64(j, "pgtables_kb");
		v->killer_pid = ms_jint(j, "killer_pid", 0);
		ms_jstr(j, "killer_comm", v->killer_comm,
			sizeof(v->killer_comm));
	}
}

static void reclaim_events(json *r, struct ms_snapshot *s)
{
	struct ms_reclaim_events *e = &s->reclaim_events;
	json *w = ms_jobj(r, "writeback");

	if (!ms_jhas(r, "events_interval_s"))
		return;
	e->interval = ms_jdbl(r, "events_interval_s");
	if (ms_jobj(r, "direct_reclaim_hist"))
		latency(ms_jobj(r, "direct_reclaim_hist"), &e->stall);
	direct(ms_jobj(r, "direct_reclaim"), e);
	if (ms_jobj(r, "kswapd"))
		kswapd(ms_jobj(r, "kswapd"), e);
	if (ms_jarr(r, "shrinkers"))
		shrinkers(ms_jarr(r, "shrinkers"), e);
	if (w) {
		e->fields |= MS_RE_WRITE;
		e->write_folios = ms_ju64(w, "folios");
		e->write_anon = ms_ju64(w, "anon");
		e->write_file = ms_ju64(w, "file");
		e->write_rate = ms_jdbl(w, "per_s");
	}
	if (ms_jarr(r, "oom_events"))
		oom(ms_jarr(r, "oom_events"), e);
	e->oom_kills = ms_ju64(r, "oom_kills");
	s->have |= BIT(RECLAIM_EVENTS);
}

static void task_delays(json *j, struct ms_snapshot *s)
{
	struct ms_task_delays *d = &s->task_delays;
	json *a = ms_jarr(j, "processes"), *on = ms_j(j, "task_delayacct");

	if (!j)
		return;
	d->delayacct = json_object_is_type(on, json_type_boolean) ?
			       json_object_get_boolean(on) :
			       -1;
	d->ours = ms_jbool(j, "turned_on_by_memscope");
	d->version = ms_jint(j, "taskstats_version", 0);
	d->interval = ms_jdbl(j, "interval_s");
	for (int i = 0; i < ms_jlen(a); i++) {
		json *p = ms_jat(a, i);
		struct ms_task_delay *t = ms_task_delay_add(d);

		if (!t)
			break;
		t->pid = ms_jint(p, "pid", 0);
		ms_jstr(p, "comm", t->comm, sizeof(t->comm));
		for (int k = 0; k < MS_DL_COUNT; k++) {
			json *x = ms_jobj(p, ms_delay_name(k));

			if (!x)
				continue;
			t->count[k] = ms_ju64(x, "count");
			t->ns[k] = ms_jscaled(x, "total_ms", 1e6);
			t->ns_rate[k] = ms_jdbl(x, "ms_per_s") * 1e6;
		}
	}
	s->have |= BIT(TASK_DELAYS);
}

/* ---- NUMA events --------------------------------------------------------- */

static void hint(json *j, struct ms_numa_hint *h)
{
	h->node = ms_jint(j, "node", -1);
	h->faults = ms_ju64(j, "faults");
	h->pages = ms_ju64(j, "pages");
	h->local = ms_ju64(j, "local");
	h->migrated = ms_ju64(j, "migrated");
	h->failed = ms_ju64(j, "failed");
	h->faults_rate = ms_jdbl(j, "per_s");
	h->pages_rate = ms_jdbl(j, "pages_per_s");
	h->migrated_rate = ms_jdbl(j, "migrated_per_s");
}

static void migrations(json *j, struct ms_numa_events *e)
{
	json *r = ms_jobj(j, "by_reason");

	e->fields |= MS_NE_MIGRATE;
	e->succeeded = ms_ju64(j, "succeeded");
	e->failed = ms_ju64(j, "failed");
	e->succeeded_rate = ms_jdbl(j, "per_s");
	e->failed_rate = ms_jdbl(j, "failed_per_s");
	if (!r)
		return;
	json_object_object_foreach(r, k, x)
	{
		struct ms_migrate_reason *m = &e->reason[e->nr_reasons];

		if (e->nr_reasons >= MS_MIGRATE_REASONS)
			break;
		e->nr_reasons++;
		snprintf(m->name, sizeof(m->name), "%s", k);
		m->calls = ms_ju64(x, "calls");
		m->succeeded = ms_ju64(x, "succeeded");
		m->failed = ms_ju64(x, "failed");
		m->thp_succeeded = ms_ju64(x, "thp_succeeded");
		m->thp_failed = ms_ju64(x, "thp_failed");
		m->succeeded_rate = ms_jdbl(x, "per_s");
		m->failed_rate = ms_jdbl(x, "failed_per_s");
	}
}

static void numa_events(json *n, struct ms_snapshot *s)
{
	struct ms_numa_events *e = &s->numa_events;
	json *h = ms_jobj(n, "hinting_faults"), *t = ms_jobj(n, "task_moves");

	if (!ms_jhas(n, "events_interval_s"))
		return;
	e->interval = ms_jdbl(n, "events_interval_s");
	if (ms_jobj(n, "migrations"))
		migrations(ms_jobj(n, "migrations"), e);
	if (h) {
		json *a = ms_jarr(h, "nodes");

		e->fields |= MS_NE_HINT;
		hint(h, &e->hint);
		for (; e->nr_nodes < ms_jlen(a) && e->nr_nodes < MS_MAX_NODES;
		     e->nr_nodes++)
			hint(ms_jat(a, e->nr_nodes), &e->node[e->nr_nodes]);
	}
	if (t) {
		e->fields |= MS_NE_TASK;
		e->task_moves = ms_ju64(t, "moves");
		e->task_swaps = ms_ju64(t, "swaps");
		e->task_moves_rate = ms_jdbl(t, "moves_per_s");
		e->task_swaps_rate = ms_jdbl(t, "swaps_per_s");
	}
	s->have |= BIT(NUMA_EVENTS);
}

void ms_decode_live(json *top, struct ms_snapshot *s)
{
	buddy_events(ms_jobj(top, "buddy"), s);
	slab_events(ms_jobj(top, "slab"), s);
	if (ms_jobj(top, "bpf"))
		bpf(ms_jobj(top, "bpf"), &s->bpf);
	fault_events(ms_jobj(top, "fault_events"), s);
	reclaim_events(ms_jobj(top, "reclaim"), s);
	task_delays(ms_jobj(ms_jobj(top, "reclaim"), "task_delays"), s);
	numa_events(ms_jobj(top, "numa"), s);
}
