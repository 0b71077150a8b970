// SPDX-License-Identifier: GPL-2.0
/*
 * The buddy group, user side: page allocations and frees per second per
 * order and migrate type, fallbacks, compaction runs and their latency.
 */
#include "probes/bpf/bpf.h"
#include "probes/bpf/mapread.h"

#include <bpf/bpf.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buddy.h"
#include "buddy.skel.h"

MS_BPF_SKEL(buddy_bpf)

struct buddy {
	int nr_orders, nr_mt, nr_results;
	struct ms_bpf_percpu pc; /* one lookup's buffer */
	struct ms_bb_counts sum, prev;
	struct ms_bb_compact cprev;
	double t_prev; /* 0: no read yet */
	char mt[MS_BB_MT][24];
	char results[MS_BB_RESULTS][24];
};

/* pagetypeinfo's spelling of MIGRATE_* (mm/page_alloc.c) */
static const struct {
	const char *btf, *name;
} mt_names[] = {
	{ "UNMOVABLE", "Unmovable" },
	{ "MOVABLE", "Movable" },
	{ "RECLAIMABLE", "Reclaimable" },
	{ "HIGHATOMIC", "HighAtomic" },
	{ "CMA", "CMA" },
	{ "ISOLATE", "Isolate" },
};

static void migrate_names(struct buddy *bd, const struct btf *btf)
{
	int n = ms_bpf_enum_names(btf, "migratetype", "MIGRATE_", bd->mt,
				  MS_BB_MT);

	bd->nr_mt = n > 0 ? n : 0;
	for (int i = 0; i < bd->nr_mt; i++) {
		if (!strcmp(bd->mt[i], "TYPES")) {
			bd->nr_mt = i; /* the count, not a type */
			break;
		}
		for (size_t j = 0; j < sizeof(mt_names) / sizeof(mt_names[0]);
		     j++)
			if (!strcmp(bd->mt[i], mt_names[j].btf))
				strcpy(bd->mt[i], mt_names[j].name);
	}
}

/* Orders: the length of zone->free_area[] in this kernel's BTF. */
static int nr_orders(const struct btf *btf)
{
	int id = btf__find_by_name_kind(btf, "zone", BTF_KIND_STRUCT);
	const struct btf_type *t = id > 0 ? btf__type_by_id(btf, id) : NULL;
	const struct btf_member *m = t ? btf_members(t) : NULL;

	for (int i = 0; t && i < btf_vlen(t); i++) {
		const struct btf_type *a;

		if (strcmp(btf__name_by_offset(btf, m[i].name_off),
			   "free_area"))
			continue;
		a = btf__type_by_id(btf, m[i].type);
		if (a && btf_is_array(a))
			return (int)btf_array(a)->nelems;
	}
	return 11; /* x86's default */
}

static int buddy_init(struct ms_bpf_group *g, const struct btf *btf)
{
	struct buddy *bd = calloc(1, sizeof(*bd));
	int n;

	if (!bd)
		return -ENOMEM;
	n = ms_bpf_percpu_init(&bd->pc, sizeof(bd->sum));
	if (n) {
		free(bd);
		return n;
	}
	migrate_names(bd, btf);
	bd->nr_orders = nr_orders(btf);
	if (bd->nr_orders > MS_BB_ORDERS || bd->nr_orders > MS_MAX_ORDER)
		bd->nr_orders = MS_BB_ORDERS < MS_MAX_ORDER ? MS_BB_ORDERS :
							      MS_MAX_ORDER;
	n = ms_bpf_enum_names(btf, "compact_result", "COMPACT_", bd->results,
			      MS_BB_RESULTS);
	bd->nr_results = n > 0 ? n : 0;
	for (int i = 0; i < bd->nr_results; i++)
		for (char *c = bd->results[i]; *c; c++)
			*c = (char)tolower((unsigned char)*c);
	g->priv = bd;
	return 0;
}

static void buddy_fini(struct ms_bpf_group *g)
{
	struct buddy *bd = g->priv;

	ms_bpf_percpu_free(&bd->pc);
	free(bd);
}

static void orders(struct ms_buddy_events *e, const struct buddy *bd, double dt)
{
	const struct ms_bb_counts *c = &bd->sum, *p = &bd->prev;

	for (int o = 0; o < bd->nr_orders; o++) {
		double all = 0;

		for (int t = 0; t < bd->nr_mt; t++) {
			e->alloc[t][o] = c->alloc[t][o];
			e->mt_alloc_rate[t][o] =
				ms_bpf_rate(c->alloc[t][o], p->alloc[t][o], dt);
			all += e->mt_alloc_rate[t][o];
		}
		e->alloc_rate[o] = all;
		e->free[o] = c->free[o];
		e->fail[o] = c->fail[o];
		e->free_rate[o] = ms_bpf_rate(c->free[o], p->free[o], dt);
		e->fail_rate[o] = ms_bpf_rate(c->fail[o], p->fail[o], dt);
	}
}

static void fallbacks(struct ms_buddy_events *e, const struct buddy *bd,
		      double dt)
{
	for (int w = 0; w < bd->nr_mt; w++)
		for (int t = 0; t < bd->nr_mt; t++) {
			struct ms_extfrag_event *x;

			if (!bd->sum.extfrag[w][t])
				continue;
			x = &e->extfrag[e->nr_extfrag++];
			x->wanted = w;
			x->taken = t;
			x->count = bd->sum.extfrag[w][t];
			x->rate = ms_bpf_rate(x->count, bd->prev.extfrag[w][t],
					      dt);
		}
}

static void compaction(struct ms_compaction *m, const struct buddy *bd,
		       const struct ms_bb_compact *c, double dt)
{
	const struct ms_bb_compact *p = &bd->cprev;

	m->runs = c->begin;
	m->direct = c->direct;
	m->ended = c->end;
	m->runs_rate = ms_bpf_rate(c->begin, p->begin, dt);
	m->mean_us = NAN;
	if (dt > 0 && c->end > p->end && c->total_ns >= p->total_ns)
		m->mean_us = (double)(c->total_ns - p->total_ns) /
			     (double)(c->end - p->end) / 1e3;
	m->max_us = c->max_ns / 1000;
	m->nr_results = bd->nr_results < 16 ? bd->nr_results : 16;
	for (int i = 0; i < m->nr_results; i++) {
		snprintf(m->result_name[i], sizeof(m->result_name[i]), "%s",
			 bd->results[i]);
		m->result[i] = c->result[i];
	}
	memcpy(m->hist, c->hist, sizeof(m->hist));
}

static int buddy_read(struct ms_bpf_group *g, const struct ms_request *req,
		      struct ms_snapshot *s)
{
	struct buddy *bd = g->priv;
	struct ms_buddy_events *e = &s->buddy_events;
	struct buddy_bpf *skel = g->skel;
	struct ms_bb_compact c;
	double dt = bd->t_prev ? s->t_mono - bd->t_prev : NAN;
	int err = ms_bpf_percpu_sum(&bd->pc, bpf_map__fd(skel->maps.bb_counts),
				    &bd->sum);

	if (err)
		return err;
	memcpy(&c, (const void *)&skel->bss->bb_compact, sizeof(c));
	e->fields = g->fields;
	e->interval = dt;
	e->nr_orders = bd->nr_orders;
	e->nr_migrate = bd->nr_mt < MS_MAX_MIGRATE ? bd->nr_mt : MS_MAX_MIGRATE;
	for (int t = 0; t < e->nr_migrate; t++)
		snprintf(e->migrate[t], sizeof(e->migrate[t]), "%s", bd->mt[t]);
	orders(e, bd, dt);
	fallbacks(e, bd, dt);
	compaction(&e->compaction, bd, &c, dt);
	bd->prev = bd->sum;
	bd->cprev = c;
	bd->t_prev = s->t_mono;
	return 0;
}

static const struct ms_bpf_prog_def progs[] = {
	{ .name = "ms_pgalloc", .fields = MS_BE_ALLOC },
	{ .name = "ms_pgfree", .fields = MS_BE_FREE },
	{ .name = "ms_extfrag", .fields = MS_BE_EXTFRAG },
	{ .name = "ms_cbegin", .fields = MS_BE_COMPACT },
	{ .name = "ms_cend", .fields = MS_BE_COMPACT },
	{ NULL },
};

const struct ms_bpf_group_ops ms_bpf_buddy = {
	.name = "buddy",
	.sections = MS_SEC_BIT(MS_SEC_BUDDY_EVENTS),
	.own = true,
	.progs = progs,
	MS_BPF_SKEL_OPS(buddy_bpf),
	.init = buddy_init,
	.fini = buddy_fini,
	.read = buddy_read,
};
