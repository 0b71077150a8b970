// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON of the buddy and slab event sections and of the BPF backend's
 * costs, written from their field tables (model/event_fields.c); here the
 * lists, maps and computed values of the tables' MS_F_HAND rows.
 */
#include "store/json_events.h"

#include <string.h>

#define IS(k) (!strcmp(f->key, (k)))

/* A count vector up to its last non-zero entry. */
static void trimmed(struct ms_jw *w, const char *key, const uint64_t *v, int n)
{
	int last = -1;

	for (int i = 0; i < n; i++)
		if (v[i])
			last = i;
	ms_jw_arr(w, key);
	for (int i = 0; i <= last; i++)
		ms_jw_u64(w, NULL, v[i]);
	ms_jw_end(w);
}

/* ---- buddy --------------------------------------------------------------- */

static void extfrag_hand(struct ms_jw *w, const struct ms_field *f,
			 const void *rec, void *arg)
{
	const struct ms_extfrag_event *x = rec;
	const struct ms_buddy_events *e = arg;

	ms_jw_str(w, f->key, e->migrate[IS("wanted") ? x->wanted : x->taken]);
}

static void buddy_hand(struct ms_jw *w, const struct ms_field *f,
		       const void *rec, void *arg)
{
	const struct ms_buddy_events *e = rec;
	const struct ms_compaction *c = &e->compaction;
	const struct ms_json_ctx x = { .hand = extfrag_hand, .arg = (void *)e };

	if (IS("alloc_rate_per_migratetype")) {
		ms_jw_obj(w, f->key);
		for (int t = 0; t < e->nr_migrate; t++) {
			ms_jw_arr(w, e->migrate[t]);
			for (int o = 0; o < e->nr_orders; o++)
				ms_jw_dblna(w, NULL, e->mt_alloc_rate[t][o]);
			ms_jw_end(w);
		}
		ms_jw_end(w);
	} else if (IS("extfrag_events")) {
		ms_jw_arr(w, f->key);
		for (int i = 0; i < e->nr_extfrag; i++)
			ms_json_record_ctx(w, NULL, ms_extfrag_fields,
					   &e->extfrag[i], &x);
		ms_jw_end(w);
	} else if (IS("results")) {
		ms_jw_obj(w, f->key);
		for (int i = 0; i < c->nr_results; i++)
			if (c->result_name[i][0])
				ms_jw_u64(w, c->result_name[i], c->result[i]);
		ms_jw_end(w);
	} else if (IS("latency_log2_us")) {
		trimmed(w, f->key, c->hist, MS_BPF_HIST);
	}
}

void ms_json_buddy_events(struct ms_jw *w, const struct ms_buddy_events *e)
{
	const struct ms_json_ctx how = { .have = e->fields,
					 .hand = buddy_hand };

	ms_json_fields_ctx(w, ms_buddy_events_fields, e, &how);
}

/* ---- slab ---------------------------------------------------------------- */

/* What the slab's hand rows need: the snapshot, and where they go. */
struct slab_arg {
	const struct ms_snapshot *s;
	bool into; /* inside slab's own object */
};

/* The rates joined to slabinfo's caches: the events' rows of its table. */
static void slab_caches(struct ms_jw *w, const struct ms_slab *sl)
{
	const struct ms_field *ev = ms_slab_cache_fields;

	while (ev->key && !(ev->flags & MS_FF_EVENTS))
		ev++;
	ms_jw_arr(w, "caches");
	for (int i = 0; i < sl->n; i++) {
		ms_jw_obj(w, NULL);
		ms_json_esc(w, "name", sl->caches[i].name, MS_NAME);
		ms_jw_u64na(w, "objsize", sl->caches[i].objsize);
		/* the events' rows end the table */
		ms_json_fields(w, ev, &sl->caches[i], 0);
		ms_jw_end(w);
	}
	ms_jw_end(w);
}

static void callsite_hand(struct ms_jw *w, const struct ms_field *f,
			  const void *rec, void *arg)
{
	const struct ms_callsite *cs = rec;

	ms_jw_arr(w, f->key);
	for (int i = 0; i < cs->depth; i++)
		ms_json_esc(w, NULL, cs->sym[i], MS_SYM);
	ms_jw_end(w);
}

static void slab_hand(struct ms_jw *w, const struct ms_field *f,
		      const void *rec, void *arg)
{
	const struct ms_slab_events *e = rec;
	const struct slab_arg *a = arg;
	const struct ms_json_ctx cs = { .hand = callsite_hand };

	if (IS("caches")) {
		if (!a->into)
			slab_caches(w, &a->s->slab);
	} else if (IS("kfree_unknown_cache_per_s")) {
		if (!(e->fields & MS_SE_KFREE))
			ms_jw_dblna(w, f->key, e->kfree_unknown_rate);
	} else if (IS("callsites_cache")) {
		if (e->target[0])
			ms_json_esc(w, f->key, e->target, MS_NAME);
	} else if (IS("callsites") && e->target[0]) {
		if (!(e->fields & MS_SE_CALLSITES)) {
			ms_jw_null(w, f->key);
			return;
		}
		ms_jw_arr(w, f->key);
		for (int i = 0; i < e->nr_sites; i++)
			ms_json_record_ctx(w, NULL, ms_callsite_fields,
					   &e->sites[i], &cs);
		ms_jw_end(w);
	}
}

void ms_json_slab_events(struct ms_jw *w, const struct ms_snapshot *s,
			 bool into)
{
	const struct slab_arg a = { s, into };
	const struct ms_json_ctx how = { .have = s->slab_events.fields,
					 .hand = slab_hand,
					 .arg = (void *)&a };

	ms_json_fields_ctx(w, ms_slab_events_fields, &s->slab_events, &how);
}

/* ---- the BPF backend ----------------------------------------------------- */

static void bpf_hand(struct ms_jw *w, const struct ms_field *f, const void *rec,
		     void *arg)
{
	const struct ms_bpf_info *b = rec;

	ms_jw_arr(w, f->key);
	if (IS("groups"))
		for (int i = 0; i < b->nr_groups; i++)
			ms_jw_strn(w, NULL, b->groups[i],
				   strnlen(b->groups[i], sizeof(b->groups[i])));
	else
		for (int i = 0; i < b->nr_progs; i++)
			ms_json_record(w, NULL, ms_bpf_prog_fields,
				       &b->progs[i], 0);
	ms_jw_end(w);
}

void ms_json_bpf(struct ms_jw *w, const struct ms_bpf_info *b)
{
	const struct ms_json_ctx how = { .hand = bpf_hand };

	ms_json_record_ctx(w, "bpf", ms_bpf_fields, b, &how);
}
