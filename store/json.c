// SPDX-License-Identifier: GPL-2.0
/*
 * One JSON object per sample (JSON Lines), written to the stream as the
 * snapshot is walked: records from their field tables (store/codec.c),
 * the irregular parts here. The contract is docs/json.md.
 */
#include "store/json.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "model/area.h"
#include "model/field.h"
#include "store/codec.h"
#include "store/json_events.h"
#include "store/json_live.h"
#include "store/json_tail.h"

/* A string that is absent when empty. */
static void opt(struct ms_jw *w, const char *key, const char *s, size_t n)
{
	if (s[0])
		ms_json_esc(w, key, s, n);
	else
		ms_jw_null(w, key);
}

#define OPT(w, key, arr) opt(w, key, arr, sizeof(arr))

/* ---- buddy ---------------------------------------------------------------- */

static void zone(struct ms_jw *w, const struct ms_buddy *b,
		 const struct ms_zone *z)
{
	ms_jw_obj(w, NULL);
	ms_json_fields(w, ms_zone_fields, z, 0);
	/* keyed by the names pagetypeinfo gives the migrate types */
	if (z->has_migrate) {
		ms_jw_obj(w, "migratetypes");
		for (int t = 0; t < b->nr_migrate; t++) {
			ms_jw_arr(w, b->migrate[t]);
			for (int o = 0; o < z->nr_orders; o++)
				ms_jw_u64na(w, NULL, z->mt_free[t][o]);
			ms_jw_end(w);
		}
		ms_jw_end(w);
		ms_jw_obj(w, "pageblocks");
		for (int t = 0; t < b->nr_migrate; t++)
			ms_jw_u64na(w, b->migrate[t], z->mt_pageblocks[t]);
		ms_jw_end(w);
	} else {
		ms_jw_null(w, "migratetypes");
	}
	ms_jw_end(w);
}

static void buddy(struct ms_jw *w, const struct ms_buddy *b)
{
	ms_jw_arr(w, "zones");
	for (int i = 0; i < b->nr_zones; i++)
		zone(w, b, &b->zones[i]);
	ms_jw_end(w);
	if (b->pageblock_order >= 0)
		ms_jw_int(w, "pageblock_order", b->pageblock_order);
	else
		ms_jw_null(w, "pageblock_order");
	ms_jw_dblna(w, "pagetypes_age_s", b->pagetypes_age_s);
}

/* ---- slab ----------------------------------------------------------------- */

static void nodecount(struct ms_jw *w, const char *key,
		      const struct ms_nodecount *c)
{
	char k[16];

	if (!ms_have(c->total)) {
		ms_jw_null(w, key);
		return;
	}
	ms_jw_obj(w, key);
	ms_jw_u64(w, "total", c->total);
	ms_jw_obj(w, "per_id");
	for (int i = 0; i < c->n; i++) {
		snprintf(k, sizeof(k), "%d", c->id[i]);
		ms_jw_u64na(w, k, c->count[i]);
	}
	ms_jw_end(w);
	ms_jw_end(w);
}

static void slab_detail(struct ms_jw *w, const struct ms_slab_detail *d)
{
	ms_jw_obj(w, "detail");
	ms_json_fields(w, ms_slab_detail_fields, d, 0);
	nodecount(w, "slabs", &d->slabs);
	nodecount(w, "partial", &d->partial);
	nodecount(w, "cpu_slabs", &d->cpu_slabs);
	nodecount(w, "objects", &d->objects);
	nodecount(w, "total_objects", &d->total_objects);
	OPT(w, "merged_into", d->target);
	ms_jw_arr(w, "aliases");
	for (int i = 0; i < d->nr_aliases; i++)
		ms_json_esc(w, NULL, d->aliases[i], MS_NAME);
	ms_jw_end(w);
	ms_jw_end(w);
}

static void slab(struct ms_jw *w, const struct ms_snapshot *s, bool detail,
		 bool events)
{
	ms_jw_arr(w, "caches");
	for (int i = 0; i < s->slab.n; i++)
		ms_json_record(w, NULL, ms_slab_cache_fields,
			       &s->slab.caches[i], events ? 0 : MS_FF_EVENTS);
	ms_jw_end(w);
	if (detail && s->slab_detail.valid)
		slab_detail(w, &s->slab_detail);
}

/* ---- VMAs and the maple tree ---------------------------------------------- */

void ms_json_vma(struct ms_jw *w, const struct ms_vma *v)
{
	char k[16];

	ms_jw_obj(w, NULL);
	ms_json_fields(w, ms_vma_fields, v, 0);
	/* without smaps, the size of the range */
	ms_jw_u64na(w, "size_kb",
		    ms_have(v->size_kb) ? v->size_kb :
					  (v->end - v->start) / 1024);
	ms_json_fields(w, ms_vma_smaps_fields, v, 0);
	if (v->policy[0] || v->nr_nodes) {
		ms_json_esc(w, "numa_policy", v->policy, sizeof(v->policy));
		ms_jw_obj(w, "numa_pages");
		for (int i = 0; i < v->nr_nodes && i < MS_VMA_NODES; i++) {
			snprintf(k, sizeof(k), "%d", v->node_id[i]);
			ms_jw_u64na(w, k, v->node_pages[i]);
		}
		ms_jw_end(w);
	}
	if (v->folios.read)
		ms_json_folios(w, &v->folios);
	ms_jw_end(w);
}

void ms_json_vmas_open(struct ms_jw *w, int pid, const char *comm)
{
	ms_jw_obj(w, "vmas");
	ms_jw_int(w, "pid", pid);
	ms_json_esc(w, "comm", comm, MS_NAME);
	ms_jw_arr(w, "list");
}

void ms_json_vmas_close(struct ms_jw *w, const struct ms_vmas *v)
{
	ms_jw_end(w);
	ms_jw_obj(w, "summary");
	for (int k = 0; k < MS_VMA_NKINDS; k++)
		ms_json_record(w, ms_name_of(&ms_vma_kind_names, k),
			       ms_vma_sum_fields, &v->kind[k], 0);
	ms_json_record(w, "total", ms_vma_sum_fields, &v->total, 0);
	ms_jw_end(w);
	ms_json_folios_of(w, v);
}

static void hexes(struct ms_jw *w, const char *key, const uint64_t *v, int n)
{
	ms_jw_arr(w, key);
	for (int i = 0; i < n; i++)
		ms_jw_hex(w, NULL, v[i]);
	ms_jw_end(w);
}

/* Internal nodes list their children, leaves the VMAs they hold. */
static void maple_slots(struct ms_jw *w, const struct ms_maple *m,
			const struct ms_maple_node *n)
{
	ms_jw_arr(w, "children");
	for (int i = 0; i < n->nr_slots; i++) {
		const struct ms_maple_slot *s = &m->slots[n->slot + i];

		if (s->kind != MS_SLOT_CHILD)
			continue;
		if (s->child < 0)
			ms_jw_null(w, NULL);
		else
			ms_jw_int(w, NULL, s->child);
	}
	ms_jw_end(w);
	ms_jw_arr(w, "entries");
	for (int i = 0; i < n->nr_slots; i++) {
		const struct ms_maple_slot *s = &m->slots[n->slot + i];

		if (s->kind != MS_SLOT_VMA)
			continue;
		ms_jw_obj(w, NULL);
		ms_jw_hex(w, "start", s->vm_start);
		ms_jw_hex(w, "end", s->vm_end);
		ms_jw_strn(w, "perms", s->perms, strnlen(s->perms, 5));
		ms_jw_hex(w, "flags", s->vm_flags);
		ms_jw_end(w);
	}
	ms_jw_end(w);
}

static void maple(struct ms_jw *w, const struct ms_maple *m)
{
	ms_jw_obj(w, "maple");
	ms_jw_int(w, "pid", m->pid);
	ms_jw_u64na(w, "map_count", m->map_count);
	ms_jw_u64na(w, "vmas", m->vmas);
	ms_jw_u64na(w, "height", m->height);
	if (ms_have(m->tree_flags))
		ms_jw_hex(w, "tree_flags", m->tree_flags);
	else
		ms_jw_null(w, "tree_flags");
	ms_jw_bool(w, "truncated", m->truncated);
	ms_jw_int(w, "slots", m->nr_slots);
	ms_jw_arr(w, "nodes");
	for (int i = 0; i < m->nr_nodes; i++) {
		const struct ms_maple_node *n = &m->nodes[i];

		ms_jw_obj(w, NULL);
		ms_jw_int(w, "id", i);
		if (n->parent < 0)
			ms_jw_null(w, "parent");
		else
			ms_jw_int(w, "parent", n->parent);
		ms_jw_int(w, "depth", n->depth);
		ms_jw_str(w, "type", ms_name_of(&ms_maple_type_names, n->type));
		ms_jw_hex(w, "min", n->min);
		ms_jw_hex(w, "max", n->max);
		ms_jw_int(w, "slots", n->nr_slots);
		hexes(w, "pivots", n->pivots, n->nr_pivots);
		if (n->type == MS_MAPLE_ARANGE_64)
			hexes(w, "gaps", n->gaps, n->nr_gaps);
		maple_slots(w, m, n);
		ms_jw_end(w);
	}
	ms_jw_end(w);
	ms_jw_end(w);
}

/* Under "vmas", even when the VMA list itself failed. */
static int vma_one(void *w, const struct ms_vma *v)
{
	ms_json_vma(w, v);
	return 0;
}

static void vmas(struct ms_jw *w, const struct ms_snapshot *s, bool list,
		 bool tree)
{
	const struct ms_vmas *v = &s->vmas;

	if (list) {
		ms_json_vmas_open(w, v->pid, v->comm);
		/* held, or streamed to a spool (batch mode) */
		ms_vmas_each(v, vma_one, w);
		ms_json_vmas_close(w, v);
	} else {
		ms_jw_obj(w, "vmas");
		ms_jw_int(w, "pid", s->maple.pid);
	}
	if (tree)
		maple(w, &s->maple);
	ms_jw_end(w);
}

/* ---- memscope.ko experiments ---------------------------------------------- */

static void alloc_probe(struct ms_jw *w, const struct ms_alloc_probe *p)
{
	if (p->node < 0)
		ms_jw_null(w, "node");
	else
		ms_jw_int(w, "node", p->node);
	ms_jw_int(w, "count", p->count);
	ms_jw_int(w, "max_order", p->max_order);
	ms_jw_arr(w, "orders");
	for (int i = 0; i < p->nr_orders; i++) {
		ms_jw_obj(w, NULL);
		ms_jw_int(w, "order", i);
		ms_json_fields(w, ms_alloc_order_fields, &p->order[i], 0);
		ms_jw_end(w);
	}
	ms_jw_end(w);
}

static void slab_bench(struct ms_jw *w, const struct ms_slab_bench *b)
{
	static const char *const apis[] = { "kmem_cache", "kmalloc" };

	ms_json_fields(w, ms_slab_bench_fields, b, 0);
	for (int a = 0; a < MS_BENCH_APIS; a++) {
		ms_jw_obj(w, apis[a]);
		ms_json_record(w, "alloc", ms_bench_result_fields,
			       &b->r[a][MS_BENCH_ALLOC], 0);
		ms_json_record(w, "free", ms_bench_result_fields,
			       &b->r[a][MS_BENCH_FREE], 0);
		ms_jw_end(w);
	}
}

/* ---- reclaim, NUMA -------------------------------------------------------- */

static void psi(struct ms_jw *w, const char *key, const struct ms_psi_line *p)
{
	if (p->valid)
		ms_json_record(w, key, ms_psi_fields, p, 0);
	else
		ms_jw_null(w, key);
}

static void reclaim(struct ms_jw *w, const struct ms_reclaim *r)
{
	ms_json_kv(w, "vmstat", &r->vmstat, false);
	ms_json_kv(w, "rates", &r->vmstat, true);
	ms_jw_obj(w, "psi");
	psi(w, "some", &r->psi_some);
	psi(w, "full", &r->psi_full);
	ms_jw_end(w);
	if (ms_have(r->lru_gen_enabled)) {
		ms_jw_obj(w, "mglru");
		ms_jw_u64(w, "enabled", r->lru_gen_enabled);
		ms_jw_u64na(w, "min_ttl_ms", r->lru_gen_min_ttl_ms);
		ms_jw_end(w);
	} else {
		ms_jw_null(w, "mglru");
	}
	ms_jw_obj(w, "thp");
	OPT(w, "enabled", r->thp_enabled);
	OPT(w, "defrag", r->thp_defrag);
	OPT(w, "shmem_enabled", r->thp_shmem);
	ms_json_kv(w, "khugepaged", &r->khugepaged, false);
	ms_jw_end(w);
	ms_jw_arr(w, "thp_sizes");
	for (int i = 0; i < r->nr_thp_sizes; i++) {
		const struct ms_thp_size *t = &r->thp_sizes[i];

		ms_jw_obj(w, NULL);
		ms_jw_u64(w, "size_kb", t->size_kb);
		OPT(w, "enabled", t->enabled);
		OPT(w, "shmem_enabled", t->shmem_enabled);
		ms_json_kv(w, "stats", &t->stats, false);
		ms_json_kv(w, "rates", &t->stats, true);
		ms_jw_end(w);
	}
	ms_jw_end(w);
	ms_json_kv(w, "sysctl", &r->sysctl, false);
	ms_jw_arr(w, "swaps");
	for (int i = 0; i < r->nr_swaps; i++)
		ms_json_record(w, NULL, ms_swap_fields, &r->swaps[i], 0);
	ms_jw_end(w);
	ms_jw_obj(w, "zswap");
	OPT(w, "enabled", r->zswap_enabled);
	OPT(w, "compressor", r->zswap_compressor);
	OPT(w, "zpool", r->zswap_zpool);
	ms_jw_u64na(w, "max_pool_percent", r->zswap_max_pool_percent);
	ms_json_kv(w, "stats", &r->zswap_stats, false);
	ms_jw_end(w);
	ms_jw_arr(w, "zram");
	for (int i = 0; i < r->nr_zram; i++)
		ms_json_record(w, NULL, ms_zram_fields, &r->zram[i], 0);
	ms_jw_end(w);
}

static void numa(struct ms_jw *w, const struct ms_numa *n)
{
	ms_jw_arr(w, "nodes");
	for (int i = 0; i < n->n; i++) {
		const struct ms_numa_node *nd = &n->nodes[i];

		ms_jw_obj(w, NULL);
		ms_json_fields(w, ms_numa_node_fields, nd, 0);
		ms_jw_arr(w, "distance");
		for (int j = 0; j < nd->nr_distance; j++)
			ms_jw_int(w, NULL, nd->distance[j]);
		ms_jw_end(w);
		ms_json_kv(w, "numastat", &nd->numastat, false);
		ms_json_kv(w, "numastat_rates", &nd->numastat, true);
		ms_json_kv(w, "meminfo", &nd->meminfo, false);
		ms_jw_end(w);
	}
	ms_jw_end(w);
	ms_jw_u64na(w, "balancing", n->balancing);
}

/* ---- the document ---------------------------------------------------------- */

static void header(struct ms_jw *w, const struct ms_snapshot *s)
{
	ms_jw_dbl(w, "timestamp", s->t_real);
	OPT(w, "kernel", s->kernel);
	ms_jw_obj(w, "sources");
	for (int i = 0; i < MS_SEC_COUNT; i++)
		if (s->source[i])
			ms_jw_str(w, ms_section_name(i), s->source[i]);
	ms_jw_end(w);
	ms_jw_arr(w, "unavailable");
	for (int i = 0; i < s->nr_notes; i++) {
		ms_jw_obj(w, NULL);
		ms_json_esc(w, "what", s->notes[i].what,
			    sizeof(s->notes[i].what));
		ms_json_esc(w, "why", s->notes[i].why, sizeof(s->notes[i].why));
		ms_jw_end(w);
	}
	ms_jw_end(w);
}

/* ---- the document: the areas' parts (model/area.h) ---------------------- */

#define BIT(sec) MS_SEC_BIT(MS_SEC_##sec)

/*
 * The parts the model does not describe by fields, by key: the whole
 * member, or the body of its object (the events' keys follow). want: the
 * sections asked for and filled.
 */
struct hand {
	const char *key;
	void (*member)(struct ms_jw *w, const struct ms_snapshot *s,
		       unsigned int want);
	void (*body)(struct ms_jw *w, const struct ms_snapshot *s,
		     unsigned int want);
};

static void meminfo_m(struct ms_jw *w, const struct ms_snapshot *s,
		      unsigned int want)
{
	ms_json_kv(w, "meminfo", &s->meminfo, false);
}

/* hand(w, s, want): fn(w, &s->member) */
#define HAND(hand, fn, member)                                         \
	static void hand(struct ms_jw *w, const struct ms_snapshot *s, \
			 unsigned int want)                            \
	{                                                              \
		fn(w, &s->member);                                     \
	}

HAND(buddy_b, buddy, buddy)

static void slab_b(struct ms_jw *w, const struct ms_snapshot *s,
		   unsigned int want)
{
	slab(w, s, want & BIT(SLAB_DETAIL), want & BIT(SLAB_EVENTS));
}

static void procs_m(struct ms_jw *w, const struct ms_snapshot *s,
		    unsigned int want)
{
	ms_jw_arr(w, "processes");
	for (int i = 0; i < s->procs.n; i++)
		ms_json_record(w, NULL, ms_proc_fields, &s->procs.v[i], 0);
	ms_jw_end(w);
}

static void vmas_m(struct ms_jw *w, const struct ms_snapshot *s,
		   unsigned int want)
{
	vmas(w, s, want & BIT(VMAS), want & BIT(MAPLE));
}

HAND(reclaim_b, reclaim, reclaim)
HAND(numa_b, numa, numa)
HAND(alloc_probe_b, alloc_probe, alloc_probe)
HAND(slab_bench_b, slab_bench, slab_bench)

static void bpf_m(struct ms_jw *w, const struct ms_snapshot *s,
		  unsigned int want)
{
	if (s->bpf.open)
		ms_json_bpf(w, &s->bpf);
}

HAND(fault_m, ms_json_fault_events, fault_events)

static const struct hand hands[] = {
	{ "meminfo", .member = meminfo_m },
	{ "buddy", .body = buddy_b },
	{ "alloc_probe", .body = alloc_probe_b },
	{ "slab", .body = slab_b },
	{ "slab_bench", .body = slab_bench_b },
	{ "bpf", .member = bpf_m },
	{ "processes", .member = procs_m },
	{ "vmas", .member = vmas_m },
	{ "fault_events", .member = fault_m },
	{ "reclaim", .body = reclaim_b },
	{ "numa", .body = numa_b },
};

static const struct hand *hand_of(const char *key)
{
	for (size_t i = 0; i < sizeof(hands) / sizeof(hands[0]); i++)
		if (!strcmp(hands[i].key, key))
			return &hands[i];
	return NULL;
}

/*
 * The parts (of any area) that go inside p's object and whose sections
 * are wanted: how many; write: also write each as "key": {...}.
 */
static int nested(struct ms_jw *w, const struct ms_snapshot *s,
		  unsigned int want, const struct ms_part *p, bool write)
{
	int n = 0;

	for (int i = 0; ms_areas[i]; i++)
		for (const struct ms_part *k = ms_areas[i]->parts; k->key;
		     k++) {
			if (!k->in || strcmp(k->in, p->key) ||
			    !(k->secs & want) || !k->fields)
				continue;
			n++;
			if (write && k->flat)
				ms_json_fields(w, k->fields, ms_part_rec(k, s),
					       0);
			else if (write)
				ms_json_record(w, k->key, k->fields,
					       ms_part_rec(k, s), 0);
		}
	return n;
}

/* Whether some area has a top-level part of this key. */
static bool top_part(const char *key)
{
	for (int i = 0; ms_areas[i]; i++)
		for (const struct ms_part *p = ms_areas[i]->parts; p->key; p++)
			if (!p->in && !strcmp(p->key, key))
				return true;
	return false;
}

/*
 * Part p of area a in its pass: written when one of its sections is
 * wanted (or its hand decides); in the events' pass, the object of the
 * events whose core part was not written.
 */
static void part(struct ms_jw *w, const struct ms_snapshot *s,
		 unsigned int want, const struct ms_area *a,
		 const struct ms_part *p, int pass)
{
	const struct hand *h = hand_of(p->key);
	bool own;

	if (pass == MS_PASS_EVENTS && p->pass != MS_PASS_EVENTS) {
		/* unless written for the parts inside it (with these keys) */
		if ((p->into & want) && !(p->secs & want) &&
		    !nested(w, s, want, p, false)) {
			ms_jw_obj(w, p->key);
			ms_json_events_into(w, s, want, a, p);
			ms_jw_end(w);
		}
		return;
	}
	if (p->pass != pass)
		return;
	if (p->in) { /* in its parent's object; in one of its own without */
		if (!top_part(p->in) && (p->secs & want)) {
			ms_jw_obj(w, p->in);
			if (p->flat)
				ms_json_fields(w, p->fields, ms_part_rec(p, s),
					       0);
			else
				ms_json_record(w, p->key, p->fields,
					       ms_part_rec(p, s), 0);
			ms_jw_end(w);
		}
		return;
	}
	own = !p->secs || (p->secs & want);
	if (!own && !nested(w, s, want, p, false))
		return;
	if (h && h->member) {
		h->member(w, s, want);
		return;
	}
	if (own && ms_part_array(p)) {
		ms_json_fields(w, p->fields, ms_part_rec(p, s), 0);
		return;
	}
	ms_jw_obj(w, p->key);
	if (own && h && h->body)
		h->body(w, s, want);
	else if (own && p->fields)
		ms_json_fields(w, p->fields, ms_part_rec(p, s), 0);
	nested(w, s, want, p, true);
	ms_json_events_into(w, s, want, a, p);
	ms_jw_end(w);
}

int ms_out_json(FILE *f, const struct ms_snapshot *s, unsigned int sections)
{
	struct ms_jw w;

	ms_jw_init(&w, f, 0);
	ms_jw_obj(&w, NULL);
	header(&w, s);
	for (int pass = MS_PASS_CORE; pass < MS_NPASS; pass++)
		for (int i = 0; ms_areas[i]; i++)
			for (const struct ms_part *p = ms_areas[i]->parts;
			     p->key; p++)
				part(&w, s, sections & s->have, ms_areas[i], p,
				     pass);
	ms_jw_end(&w);
	fputc('\n', f);
	return ms_jw_error(&w);
}
