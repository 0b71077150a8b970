// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON of the live event sections (probes/bpf): added into the buddy
 * and slab objects of ms_out_json(), and the top-level "bpf" object.
 */
#include "store/json_events.h"
#include "store/json.h"

#include <math.h>
#include <stdio.h>

#include "model/escape.h"

static json *rates(const double *v, int n, bool on)
{
	json *a;

	if (!on)
		return NULL;
	a = json_object_new_array();
	for (int i = 0; i < n; i++)
		json_object_array_add(a, dbl(v[i]));
	return a;
}

static json *counts(const uint64_t *v, int n, bool on)
{
	json *a;

	if (!on)
		return NULL;
	a = json_object_new_array();
	for (int i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_uint64(v[i]));
	return a;
}

static json *per_migratetype(const struct ms_buddy_events *e)
{
	json *o = json_object_new_object();

	for (int t = 0; t < e->nr_migrate; t++)
		put(o, e->migrate[t], rates(e->mt_alloc_rate[t], e->nr_orders,
					    true));
	return o;
}

static json *extfrag(const struct ms_buddy_events *e)
{
	json *a = json_object_new_array();

	for (int i = 0; i < e->nr_extfrag; i++) {
		const struct ms_extfrag_event *x = &e->extfrag[i];
		json *o = json_object_new_object();

		put(o, "wanted", json_object_new_string(e->migrate[x->wanted]));
		put(o, "taken", json_object_new_string(e->migrate[x->taken]));
		put(o, "count", json_object_new_uint64(x->count));
		put(o, "per_s", dbl(x->rate));
		json_object_array_add(a, o);
	}
	return a;
}

static json *compaction(const struct ms_compaction *c)
{
	json *o = json_object_new_object(), *r = json_object_new_object();
	json *h = json_object_new_array();
	int last = -1;

	put(o, "runs", json_object_new_uint64(c->runs));
	put(o, "direct", json_object_new_uint64(c->direct));
	put(o, "ended", json_object_new_uint64(c->ended));
	put(o, "per_s", dbl(c->runs_rate));
	put(o, "mean_us", dbl(c->mean_us));
	put(o, "max_us", json_object_new_uint64(c->max_us));
	for (int i = 0; i < c->nr_results; i++)
		if (c->result_name[i][0])
			put(r, c->result_name[i],
			    json_object_new_uint64(c->result[i]));
	put(o, "results", r);
	for (int i = 0; i < MS_BPF_HIST; i++)
		if (c->hist[i])
			last = i;
	for (int i = 0; i <= last; i++)
		json_object_array_add(h, json_object_new_uint64(c->hist[i]));
	put(o, "latency_log2_us", h);
	return o;
}

static void buddy_events(json *top, const struct ms_buddy_events *e)
{
	json *b = child(top, "buddy");
	int n = e->nr_orders;
	bool alloc = e->fields & MS_BE_ALLOC, fr = e->fields & MS_BE_FREE;

	put(b, "events_interval_s", dbl(e->interval));
	put(b, "alloc_rate_per_order", rates(e->alloc_rate, n, alloc));
	put(b, "free_rate_per_order", rates(e->free_rate, n, fr));
	put(b, "alloc_fail_rate_per_order", rates(e->fail_rate, n, alloc));
	put(b, "alloc_rate_per_migratetype",
	    alloc ? per_migratetype(e) : NULL);
	put(b, "frees_per_order", counts(e->free, n, fr));
	put(b, "alloc_failures_per_order", counts(e->fail, n, alloc));
	put(b, "extfrag_events",
	    e->fields & MS_BE_EXTFRAG ? extfrag(e) : NULL);
	put(b, "compaction",
	    e->fields & MS_BE_COMPACT ? compaction(&e->compaction) : NULL);
}

/* The rates go into slab.caches[] (same order as s->slab.caches). */
static void slab_rates(json *sl, const struct ms_slab *s)
{
	json *a = NULL;

	if (!json_object_object_get_ex(sl, "caches", &a) || !a) {
		a = json_object_new_array();
		put(sl, "caches", a);
	}
	for (int i = 0; i < s->n; i++) {
		const struct ms_slab_cache *c = &s->caches[i];
		json *e = json_object_array_get_idx(a, (size_t)i);

		if (!e) {
			e = json_object_new_object();
			put(e, "name", str(c->name));
			put(e, "objsize", u64(c->objsize));
			json_object_array_add(a, e);
		}
		put(e, "alloc_rate", dbl(c->alloc_rate));
		put(e, "free_rate", dbl(c->free_rate));
		put(e, "alloc_bytes_rate", dbl(c->alloc_bytes_rate));
	}
}

static json *callsites(const struct ms_slab_events *e)
{
	json *a = json_object_new_array();

	for (int i = 0; i < e->nr_sites; i++) {
		const struct ms_callsite *cs = &e->sites[i];
		json *o = json_object_new_object(), *st;

		st = json_object_new_array();
		put(o, "count", json_object_new_uint64(cs->count));
		put(o, "share", dbl(cs->share));
		for (int f = 0; f < cs->depth; f++)
			json_object_array_add(st, str(cs->sym[f]));
		put(o, "stack", st);
		json_object_array_add(a, o);
	}
	return a;
}

static void slab_events(json *top, const struct ms_snapshot *s)
{
	const struct ms_slab_events *e = &s->slab_events;
	json *sl = child(top, "slab");

	put(sl, "events_interval_s", dbl(e->interval));
	slab_rates(sl, &s->slab);
	if (!(e->fields & MS_SE_KFREE))
		put(sl, "kfree_unknown_cache_per_s",
		    dbl(e->kfree_unknown_rate));
	if (e->target[0]) {
		put(sl, "callsites_cache", str(e->target));
		put(sl, "callsites", e->fields & MS_SE_CALLSITES ?
					     callsites(e) :
					     NULL);
	}
}

static json *bpf_json(const struct ms_bpf_info *b)
{
	json *o = json_object_new_object(), *g = json_object_new_array();
	json *st = json_object_new_array();

	for (int i = 0; i < b->nr_groups; i++)
		json_object_array_add(g, json_object_new_string(b->groups[i]));
	put(o, "groups", g);
	put(o, "stats_enabled", json_object_new_boolean(b->stats));
	for (int i = 0; i < b->nr_progs; i++) {
		const struct ms_bpf_prog_stat *p = &b->progs[i];
		json *e = json_object_new_object();

		put(e, "name", json_object_new_string(p->name));
		put(e, "group", json_object_new_string(p->group));
		put(e, "run_time_ns", json_object_new_uint64(p->run_ns));
		put(e, "run_count", json_object_new_uint64(p->run_cnt));
		put(e, "run_time_ns_per_s", dbl(p->ns_rate));
		put(e, "runs_per_s", dbl(p->cnt_rate));
		json_object_array_add(st, e);
	}
	put(o, "stats", st);
	put(o, "run_time_ns_per_s", dbl(b->ns_rate));
	put(o, "runs_per_s", dbl(b->cnt_rate));
	return o;
}

void ms_json_events(struct json_object *top, const struct ms_snapshot *s,
		    unsigned int sections)
{
	unsigned int want = sections & s->have;

	if (want & MS_SEC_BIT(MS_SEC_BUDDY_EVENTS))
		buddy_events(top, &s->buddy_events);
	if (want & MS_SEC_BIT(MS_SEC_SLAB_EVENTS))
		slab_events(top, s);
	if (s->bpf.open)
		put(top, "bpf", bpf_json(&s->bpf));
}
