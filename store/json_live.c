// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON of the fault, reclaim and NUMA event sections (probes/bpf) and
 * of the task delays (probes/taskstats): top-level fault_events, and keys
 * added into the reclaim and numa objects of ms_out_json().
 */
#include "store/json_live.h"
#include "store/json.h"

#include <math.h>
#include <stdio.h>

#include "model/escape.h"

/* ---- faults ------------------------------------------------------------ */

/* Which counters each field bit makes available. */
static bool fault_counted(unsigned int fields, int c)
{
	switch (c) {
	case MS_FC_HW:
	case MS_FC_WRITE:
	case MS_FC_WP:
		return fields & MS_FE_HW;
	case MS_FC_COW:
		return fields & MS_FE_COW;
	case MS_FC_LOCK_WAITS:
	case MS_FC_LOCK_NS:
	case MS_FC_LOCK_SLOW:
		return fields & MS_FE_LOCK;
	default:
		return fields & MS_FE_SPLIT;
	}
}

static json *fault_proc(const struct ms_fault_proc *p, unsigned int fields)
{
	json *o = json_object_new_object(), *n = json_object_new_object();
	json *r = json_object_new_object();

	if (p->pid) {
		put(o, "pid", json_object_new_int(p->pid));
		put(o, "comm", str(p->comm));
	}
	for (int c = 0; c < MS_FC_COUNT; c++) {
		if (!fault_counted(fields, c))
			continue;
		put(n, ms_fault_count_name(c), json_object_new_uint64(p->n[c]));
		put(r, ms_fault_count_name(c), dbl(p->rate[c]));
	}
	put(o, "counts", n);
	put(o, "per_s", r);
	if (fields & MS_FE_LOCK)
		put(o, "mmap_lock_max_wait_us",
		    json_object_new_double((double)p->lock_max_ns / 1e3));
	return o;
}

static json *fault_events(const struct ms_fault_events *e)
{
	json *o = json_object_new_object(), *c = json_object_new_object();
	json *a = json_object_new_array();

	put(o, "interval_s", dbl(e->interval));
	put(c, "user_faults", json_object_new_boolean(e->fields & MS_FE_HW));
	put(c, "split", json_object_new_boolean(e->fields & MS_FE_SPLIT));
	put(c, "cow", json_object_new_boolean(e->fields & MS_FE_COW));
	put(c, "mmap_lock", json_object_new_boolean(e->fields & MS_FE_LOCK));
	put(o, "counted", c);
	put(o, "total", fault_proc(&e->total, e->fields));
	for (int i = 0; i < e->n; i++)
		json_object_array_add(a, fault_proc(&e->v[i], e->fields));
	put(o, "processes", a);
	put(o, "untracked", json_object_new_uint64(e->untracked));
	return o;
}

/* ---- reclaim ------------------------------------------------------------- */

static json *buckets(const uint64_t *hist)
{
	json *a = json_object_new_array();
	int last = -1;

	for (int i = 0; i < MS_BPF_HIST; i++)
		if (hist[i])
			last = i;
	for (int i = 0; i <= last; i++) {
		json *b = json_object_new_object();

		put(b, "lo_us", json_object_new_uint64(i ? 1ull << i : 0));
		put(b, "hi_us", json_object_new_uint64(2ull << i));
		put(b, "count", json_object_new_uint64(hist[i]));
		json_object_array_add(a, b);
	}
	return a;
}

static void latency_into(json *o, const struct ms_latency *l)
{
	put(o, "count", json_object_new_uint64(l->count));
	put(o, "per_s", dbl(l->rate));
	put(o, "total_ms", json_object_new_double((double)l->total_ns / 1e6));
	/* exact, so a replay gives back mean_us as it was */
	put(o, "total_ns", json_object_new_uint64(l->total_ns));
	put(o, "ms_per_s", dbl(l->ns_rate / 1e6));
	put(o, "mean_us",
	    l->count ? json_object_new_double((double)l->total_ns /
					      (double)l->count / 1e3) :
		       NULL);
	put(o, "max_us", json_object_new_double((double)l->max_ns / 1e3));
	put(o, "last", dbl(l->last));
	put(o, "buckets", buckets(l->hist));
}

static json *latency(const struct ms_latency *l)
{
	json *o = json_object_new_object();

	latency_into(o, l);
	return o;
}

static json *direct(const struct ms_reclaim_events *e)
{
	json *o = json_object_new_object(), *pg = json_object_new_object();
	json *a = json_object_new_array();
	bool dr = e->fields & MS_RE_DIRECT, mc = e->fields & MS_RE_MEMCG;

	put(o, "global", dr ? latency(&e->direct) : NULL);
	put(o, "memcg", mc ? latency(&e->memcg) : NULL);
	put(pg, "global",
	    dr ? json_object_new_uint64(e->direct_reclaimed) : NULL);
	put(pg, "memcg",
	    mc ? json_object_new_uint64(e->memcg_reclaimed) : NULL);
	put(o, "pages_reclaimed", pg);
	for (int i = 0; i < e->nr_procs; i++) {
		json *p = json_object_new_object();

		put(p, "pid", json_object_new_int(e->procs[i].pid));
		put(p, "comm", str(e->procs[i].comm));
		latency_into(p, &e->procs[i].lat);
		json_object_array_add(a, p);
	}
	put(o, "processes", a);
	return o;
}

static json *kswapd(const struct ms_reclaim_events *e)
{
	json *o = json_object_new_object(), *a = json_object_new_array();
	uint64_t wakes = 0, sleeps = 0, wakeups = 0, awake = 0;
	double share = 0;

	for (int i = 0; i < e->nr_kswapd; i++) {
		const struct ms_kswapd *k = &e->kswapd[i];
		json *n = json_object_new_object();

		put(n, "node", json_object_new_int(k->node));
		put(n, "wakes", json_object_new_uint64(k->wakes));
		put(n, "sleeps", json_object_new_uint64(k->sleeps));
		put(n, "wakeup_requests",
		    e->fields & MS_RE_WAKEUP ?
			    json_object_new_uint64(k->wakeups) :
			    NULL);
		put(n, "awake_ns", json_object_new_uint64(k->awake_ns));
		put(n, "awake", json_object_new_boolean(k->awake));
		put(n, "awake_share", dbl(k->awake_share));
		put(n, "wakes_per_s", dbl(k->wake_rate));
		put(n, "last_wake", dbl(k->last_wake));
		put(n, "last_sleep", dbl(k->last_sleep));
		json_object_array_add(a, n);
		wakes += k->wakes;
		sleeps += k->sleeps;
		wakeups += k->wakeups;
		awake += k->awake_ns;
		share += k->awake_share;
	}
	put(o, "wakes", json_object_new_uint64(wakes));
	put(o, "sleeps", json_object_new_uint64(sleeps));
	put(o, "wakeup_requests",
	    e->fields & MS_RE_WAKEUP ? json_object_new_uint64(wakeups) : NULL);
	put(o, "awake_ns", json_object_new_uint64(awake));
	/* of one kswapd's time: the mean over nodes */
	put(o, "awake_share", e->nr_kswapd ? dbl(share / e->nr_kswapd) : NULL);
	put(o, "nodes", a);
	return o;
}

static json *shrinkers(const struct ms_reclaim_events *e)
{
	json *a = json_object_new_array();

	for (int i = 0; i < e->nr_shrinkers; i++) {
		const struct ms_shrinker *sh = &e->shrinkers[i];
		json *o = json_object_new_object();

		put(o, "name", str(sh->name));
		put(o, "named", json_object_new_boolean(sh->named));
		put(o, "freed", json_object_new_uint64(sh->freed));
		put(o, "freed_per_s", dbl(sh->freed_rate));
		latency_into(o, &sh->lat);
		json_object_array_add(a, o);
	}
	return a;
}

static json *writeback(const struct ms_reclaim_events *e)
{
	json *o = json_object_new_object();

	put(o, "folios", json_object_new_uint64(e->write_folios));
	put(o, "anon", json_object_new_uint64(e->write_anon));
	put(o, "file", json_object_new_uint64(e->write_file));
	put(o, "per_s", dbl(e->write_rate));
	return o;
}

static json *oom_events(const struct ms_reclaim_events *e)
{
	json *a = json_object_new_array();

	for (int i = 0; i < e->nr_oom; i++) {
		const struct ms_oom_event *v = &e->oom[i];
		json *o = json_object_new_object();

		put(o, "time", dbl(v->time));
		put(o, "pid", json_object_new_int(v->pid));
		put(o, "comm", str(v->comm));
		put(o, "uid",
		    v->uid == UINT32_MAX ? NULL :
					   json_object_new_uint64(v->uid));
		put(o, "oom_score_adj", json_object_new_int(v->oom_score_adj));
		put(o, "total_vm_kb", u64(v->total_vm_kb));
		put(o, "anon_rss_kb", u64(v->anon_rss_kb));
		put(o, "file_rss_kb", u64(v->file_rss_kb));
		put(o, "shmem_rss_kb", u64(v->shmem_rss_kb));
		put(o, "pgtables_kb", u64(v->pgtables_kb));
		put(o, "killer_pid",
		    v->killer_pid ? json_object_new_int(v->killer_pid) : NULL);
		put(o, "killer_comm", str(v->killer_comm));
		json_object_array_add(a, o);
	}
	return a;
}

static void reclaim_events(json *top, const struct ms_reclaim_events *e)
{
	json *r = child(top, "reclaim");
	unsigned int f = e->fields;
	bool both = (f & MS_RE_DIRECT) && (f & MS_RE_MEMCG);

	put(r, "events_interval_s", dbl(e->interval));
	put(r, "direct_reclaim_hist", both ? latency(&e->stall) : NULL);
	put(r, "direct_reclaim", direct(e));
	put(r, "kswapd", f & MS_RE_KSWAPD ? kswapd(e) : NULL);
	put(r, "shrinkers", f & MS_RE_SHRINK ? shrinkers(e) : NULL);
	put(r, "writeback", f & MS_RE_WRITE ? writeback(e) : NULL);
	put(r, "oom_events", f & MS_RE_OOM ? oom_events(e) : NULL);
	put(r, "oom_kills",
	    f & MS_RE_OOM ? json_object_new_uint64(e->oom_kills) : NULL);
}

/* ---- task delays ------------------------------------------------------- */

static json *delay(const struct ms_task_delay *d, int k)
{
	json *o;

	if (!ms_have(d->count[k]))
		return NULL;
	o = json_object_new_object();
	put(o, "count", json_object_new_uint64(d->count[k]));
	put(o, "total_ms", json_object_new_double((double)d->ns[k] / 1e6));
	put(o, "ms_per_s", dbl(d->ns_rate[k] / 1e6));
	return o;
}

static void task_delays(json *top, const struct ms_task_delays *d)
{
	json *o = json_object_new_object(), *a = json_object_new_array();

	put(o, "task_delayacct",
	    d->delayacct < 0 ? NULL : json_object_new_boolean(d->delayacct));
	put(o, "turned_on_by_memscope", json_object_new_boolean(d->ours));
	put(o, "taskstats_version",
	    d->version ? json_object_new_int(d->version) : NULL);
	put(o, "interval_s", dbl(d->interval));
	for (int i = 0; i < d->n; i++) {
		json *p = json_object_new_object();

		put(p, "pid", json_object_new_int(d->v[i].pid));
		put(p, "comm", str(d->v[i].comm));
		for (int k = 0; k < MS_DL_COUNT; k++)
			put(p, ms_delay_name(k), delay(&d->v[i], k));
		json_object_array_add(a, p);
	}
	put(o, "processes", a);
	put(child(top, "reclaim"), "task_delays", o);
}

/* ---- NUMA ---------------------------------------------------------------- */

static json *hint(const struct ms_numa_hint *h)
{
	json *o = json_object_new_object();

	if (h->node >= 0)
		put(o, "node", json_object_new_int(h->node));
	put(o, "faults", json_object_new_uint64(h->faults));
	put(o, "pages", json_object_new_uint64(h->pages));
	put(o, "local", json_object_new_uint64(h->local));
	put(o, "migrated", json_object_new_uint64(h->migrated));
	put(o, "failed", json_object_new_uint64(h->failed));
	put(o, "per_s", dbl(h->faults_rate));
	put(o, "pages_per_s", dbl(h->pages_rate));
	put(o, "migrated_per_s", dbl(h->migrated_rate));
	return o;
}

static json *hints(const struct ms_numa_events *e)
{
	json *o = hint(&e->hint), *a = json_object_new_array();

	for (int i = 0; i < e->nr_nodes; i++)
		json_object_array_add(a, hint(&e->node[i]));
	put(o, "nodes", a);
	return o;
}

static json *migrations(const struct ms_numa_events *e)
{
	json *o = json_object_new_object(), *r = json_object_new_object();

	put(o, "succeeded", json_object_new_uint64(e->succeeded));
	put(o, "failed", json_object_new_uint64(e->failed));
	put(o, "per_s", dbl(e->succeeded_rate));
	put(o, "failed_per_s", dbl(e->failed_rate));
	for (int i = 0; i < e->nr_reasons; i++) {
		const struct ms_migrate_reason *m = &e->reason[i];
		json *x = json_object_new_object();

		put(x, "calls", json_object_new_uint64(m->calls));
		put(x, "succeeded", json_object_new_uint64(m->succeeded));
		put(x, "failed", json_object_new_uint64(m->failed));
		put(x, "thp_succeeded",
		    json_object_new_uint64(m->thp_succeeded));
		put(x, "thp_failed", json_object_new_uint64(m->thp_failed));
		put(x, "per_s", dbl(m->succeeded_rate));
		put(x, "failed_per_s", dbl(m->failed_rate));
		put(r, m->name, x);
	}
	put(o, "by_reason", r);
	return o;
}

static void numa_events(json *top, const struct ms_numa_events *e)
{
	json *n = child(top, "numa"), *t = NULL;

	put(n, "events_interval_s", dbl(e->interval));
	put(n, "migrations", e->fields & MS_NE_MIGRATE ? migrations(e) : NULL);
	put(n, "hinting_faults", e->fields & MS_NE_HINT ? hints(e) : NULL);
	if (e->fields & MS_NE_TASK) {
		t = json_object_new_object();
		put(t, "moves", json_object_new_uint64(e->task_moves));
		put(t, "swaps", json_object_new_uint64(e->task_swaps));
		put(t, "moves_per_s", dbl(e->task_moves_rate));
		put(t, "swaps_per_s", dbl(e->task_swaps_rate));
	}
	put(n, "task_moves", t);
}

void ms_json_live(struct json_object *top, const struct ms_snapshot *s,
		  unsigned int sections)
{
	unsigned int want = sections & s->have;

	if (want & MS_SEC_BIT(MS_SEC_FAULT_EVENTS))
		put(top, "fault_events", fault_events(&s->fault_events));
	if (want & MS_SEC_BIT(MS_SEC_RECLAIM_EVENTS))
		reclaim_events(top, &s->reclaim_events);
	if (want & MS_SEC_BIT(MS_SEC_TASK_DELAYS))
		task_delays(top, &s->task_delays);
	if (want & MS_SEC_BIT(MS_SEC_NUMA_EVENTS))
		numa_events(top, &s->numa_events);
}
