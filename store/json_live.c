// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON of the fault, reclaim and NUMA event sections (probes/bpf) and
 * of the task delays (probes/taskstats), written from their field tables
 * (model/event_fields.c); here the lists, maps and computed values of the
 * tables' MS_F_HAND rows.
 */
#include "store/json_live.h"

#include <string.h>

#define IS(k) (!strcmp(f->key, (k)))

/* ---- faults -------------------------------------------------------------- */

static void fault_proc_hand(struct ms_jw *w, const struct ms_field *f,
			    const void *rec, void *arg)
{
	const struct ms_fault_proc *p = rec;

	if (!p->pid) /* the total */
		return;
	if (IS("pid"))
		ms_jw_int(w, f->key, p->pid);
	else
		ms_json_esc(w, f->key, p->comm, MS_NAME);
}

static void fault_hand(struct ms_jw *w, const struct ms_field *f,
		       const void *rec, void *arg)
{
	const struct ms_fault_events *e = rec;
	const struct ms_json_ctx p = { .have = e->fields,
				       .hand = fault_proc_hand };

	if (IS("counted")) {
		ms_jw_obj(w, f->key);
		ms_jw_bool(w, "user_faults", e->fields & MS_FE_HW);
		ms_jw_bool(w, "split", e->fields & MS_FE_SPLIT);
		ms_jw_bool(w, "cow", e->fields & MS_FE_COW);
		ms_jw_bool(w, "mmap_lock", e->fields & MS_FE_LOCK);
		ms_jw_end(w);
	} else if (IS("total")) {
		ms_json_record_ctx(w, f->key, ms_fault_proc_fields, &e->total,
				   &p);
	} else if (IS("processes")) {
		ms_jw_arr(w, f->key);
		for (int i = 0; i < e->n; i++)
			ms_json_record_ctx(w, NULL, ms_fault_proc_fields,
					   &e->v[i], &p);
		ms_jw_end(w);
	}
}

void ms_json_fault_events(struct ms_jw *w, const struct ms_fault_events *e)
{
	const struct ms_json_ctx how = { .have = e->fields,
					 .hand = fault_hand };

	ms_json_record_ctx(w, "fault_events", ms_fault_events_fields, e, &how);
}

/* ---- reclaim ------------------------------------------------------------- */

static void latency_hand(struct ms_jw *w, const struct ms_field *f,
			 const void *rec, void *arg)
{
	const struct ms_latency *l = rec;
	int last = -1;

	if (IS("mean_us")) {
		if (l->count)
			ms_jw_dbl(w, f->key,
				  (double)l->total_ns / (double)l->count / 1e3);
		else
			ms_jw_null(w, f->key);
		return;
	}
	for (int i = 0; i < MS_BPF_HIST; i++)
		if (l->hist[i])
			last = i;
	ms_jw_arr(w, f->key);
	for (int i = 0; i <= last; i++) {
		ms_jw_obj(w, NULL);
		ms_jw_u64(w, "lo_us", i ? 1ull << i : 0);
		ms_jw_u64(w, "hi_us", 2ull << i);
		ms_jw_u64(w, "count", l->hist[i]);
		ms_jw_end(w);
	}
	ms_jw_end(w);
}

static const struct ms_json_ctx latency_how = { .hand = latency_hand };

/* A record with a latency: its own fields, then the latency's. */
static void with_latency(struct ms_jw *w, const struct ms_field *t,
			 const void *rec, const struct ms_latency *l)
{
	ms_jw_obj(w, NULL);
	ms_json_fields(w, t, rec, 0);
	ms_json_fields_ctx(w, ms_latency_fields, l, &latency_how);
	ms_jw_end(w);
}

static void oom_hand(struct ms_jw *w, const struct ms_field *f, const void *rec,
		     void *arg)
{
	const struct ms_oom_event *v = rec;

	if (v->killer_pid)
		ms_jw_int(w, f->key, v->killer_pid);
	else
		ms_jw_null(w, f->key);
}

/* A cgroup's latencies ("global", "memcg"), as the totals' */
static void cg_hand(struct ms_jw *w, const struct ms_field *f, const void *rec,
		    void *arg)
{
	const struct ms_cg_reclaim *c = rec;

	ms_json_record_ctx(w, f->key, ms_latency_fields,
			   IS("global") ? &c->direct : &c->memcg, &latency_how);
}

static void kswapd(struct ms_jw *w, const char *key,
		   const struct ms_reclaim_events *e)
{
	const struct ms_json_ctx how = { .have = e->fields };
	uint64_t wakes = 0, sleeps = 0, wakeups = 0, awake = 0;
	double share = 0;

	for (int i = 0; i < e->nr_kswapd; i++) {
		wakes += e->kswapd[i].wakes;
		sleeps += e->kswapd[i].sleeps;
		wakeups += e->kswapd[i].wakeups;
		awake += e->kswapd[i].awake_ns;
		share += e->kswapd[i].awake_share;
	}
	ms_jw_obj(w, key);
	ms_jw_u64(w, "wakes", wakes);
	ms_jw_u64(w, "sleeps", sleeps);
	if (e->fields & MS_RE_WAKEUP)
		ms_jw_u64(w, "wakeup_requests", wakeups);
	else
		ms_jw_null(w, "wakeup_requests");
	ms_jw_u64(w, "awake_ns", awake);
	/* of one kswapd's time: the mean over nodes */
	if (e->nr_kswapd)
		ms_jw_dblna(w, "awake_share", share / e->nr_kswapd);
	else
		ms_jw_null(w, "awake_share");
	ms_jw_arr(w, "nodes");
	for (int i = 0; i < e->nr_kswapd; i++)
		ms_json_record_ctx(w, NULL, ms_kswapd_fields, &e->kswapd[i],
				   &how);
	ms_jw_end(w);
	ms_jw_end(w);
}

static void reclaim_hand(struct ms_jw *w, const struct ms_field *f,
			 const void *rec, void *arg)
{
	const struct ms_reclaim_events *e = rec;
	const struct ms_json_ctx oom = { .hand = oom_hand };
	const struct ms_json_ctx cg = { .have = e->fields, .hand = cg_hand };

	if (IS("direct_reclaim_hist")) {
		ms_json_record_ctx(w, f->key, ms_latency_fields, &e->stall,
				   &latency_how);
	} else if (IS("global") || IS("memcg")) {
		ms_json_record_ctx(w, f->key, ms_latency_fields,
				   IS("global") ? &e->direct : &e->memcg,
				   &latency_how);
	} else if (IS("kswapd")) {
		kswapd(w, f->key, e);
	} else {
		ms_jw_arr(w, f->key);
		for (int i = 0; IS("processes") && i < e->nr_procs; i++)
			with_latency(w, ms_reclaimer_fields, &e->procs[i],
				     &e->procs[i].lat);
		for (int i = 0; IS("shrinkers") && i < e->nr_shrinkers; i++)
			with_latency(w, ms_shrinker_fields, &e->shrinkers[i],
				     &e->shrinkers[i].lat);
		for (int i = 0; IS("cgroups") && i < e->nr_cgroups; i++)
			ms_json_record_ctx(w, NULL, ms_cg_reclaim_fields,
					   &e->cgroups[i], &cg);
		for (int i = 0; IS("oom_events") && i < e->nr_oom; i++)
			ms_json_record_ctx(w, NULL, ms_oom_fields, &e->oom[i],
					   &oom);
		ms_jw_end(w);
	}
}

void ms_json_reclaim_events(struct ms_jw *w, const struct ms_reclaim_events *e)
{
	const struct ms_json_ctx how = { .have = e->fields,
					 .hand = reclaim_hand };

	ms_json_fields_ctx(w, ms_reclaim_events_fields, e, &how);
}

/* ---- task delays --------------------------------------------------------- */

static void delays_hand(struct ms_jw *w, const struct ms_field *f,
			const void *rec, void *arg)
{
	const struct ms_task_delays *d = rec;

	if (IS("task_delayacct")) {
		if (d->delayacct < 0)
			ms_jw_null(w, f->key);
		else
			ms_jw_bool(w, f->key, d->delayacct);
	} else if (IS("taskstats_version")) {
		if (d->version)
			ms_jw_int(w, f->key, d->version);
		else
			ms_jw_null(w, f->key);
	} else {
		ms_jw_arr(w, f->key);
		for (int i = 0; i < d->n; i++)
			ms_json_record(w, NULL, ms_task_delay_fields, &d->v[i],
				       0);
		ms_jw_end(w);
	}
}

void ms_json_task_delays(struct ms_jw *w, const struct ms_task_delays *d)
{
	const struct ms_json_ctx how = { .hand = delays_hand };

	ms_json_record_ctx(w, "task_delays", ms_task_delays_fields, d, &how);
}

/* ---- NUMA ---------------------------------------------------------------- */

static void hint_hand(struct ms_jw *w, const struct ms_field *f,
		      const void *rec, void *arg)
{
	const struct ms_numa_hint *h = rec;

	if (h->node >= 0) /* not for every node's sum */
		ms_jw_int(w, f->key, h->node);
}

static void numa_hand(struct ms_jw *w, const struct ms_field *f,
		      const void *rec, void *arg)
{
	const struct ms_numa_events *e = rec;
	const struct ms_json_ctx h = { .hand = hint_hand };

	if (IS("by_reason")) {
		ms_jw_obj(w, f->key);
		for (int i = 0; i < e->nr_reasons; i++)
			ms_json_record(w, e->reason[i].name,
				       ms_migrate_reason_fields, &e->reason[i],
				       0);
		ms_jw_end(w);
		return;
	}
	ms_jw_obj(w, f->key);
	ms_json_fields_ctx(w, ms_numa_hint_fields, &e->hint, &h);
	ms_jw_arr(w, "nodes");
	for (int i = 0; i < e->nr_nodes; i++)
		ms_json_record_ctx(w, NULL, ms_numa_hint_fields, &e->node[i],
				   &h);
	ms_jw_end(w);
	ms_jw_end(w);
}

void ms_json_numa_events(struct ms_jw *w, const struct ms_numa_events *e)
{
	const struct ms_json_ctx how = { .have = e->fields, .hand = numa_hand };

	ms_json_fields_ctx(w, ms_numa_events_fields, e, &how);
}
