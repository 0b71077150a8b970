// SPDX-License-Identifier: GPL-2.0
/*
 * A --json line back into a snapshot, walking the areas' parts as
 * store/json.c writes them: records through their field tables
 * (store/jread.c); here the hands of the irregular parts (meminfo, buddy,
 * slab, processes, VMAs and the maple tree, reclaim, NUMA and the
 * module's experiments). Absent keys stay MS_NA / NAN.
 */
#include "store/jread.h"

#include "model/area.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define BIT(sec) MS_SEC_BIT(MS_SEC_##sec)

static void kv_decode(json *vals, json *rates, struct ms_kvlist *l)
{
	if (!json_object_is_type(vals, json_type_object))
		return;
	json_object_object_foreach(vals, k, v)
	{
		struct ms_kv *kv = ms_kv_add(l, k, ms_ju64v(v));

		if (kv)
			kv->rate = ms_jdbl(rates, k);
	}
}

static void header(json *top, struct ms_snapshot *s)
{
	json *notes = ms_jarr(top, "unavailable");

	s->t_real = ms_jdbl(top, "timestamp");
	s->t_mono = s->t_real;
	ms_jstr(top, "kernel", s->kernel, sizeof(s->kernel));
	for (int i = 0; i < ms_jlen(notes) && s->nr_notes < MS_MAX_NOTES; i++) {
		struct ms_note *n = &s->notes[s->nr_notes++];

		ms_jstr(ms_jat(notes, i), "what", n->what, sizeof(n->what));
		ms_jstr(ms_jat(notes, i), "why", n->why, sizeof(n->why));
		ms_note_key_from_text(n);
	}
}

/* ---- buddy ------------------------------------------------------------- */

static int migrate_index(struct ms_buddy *b, const char *name)
{
	return ms_jname_index(b->migrate, &b->nr_migrate, MS_MAX_MIGRATE, name);
}

static void zone_migrate(struct ms_buddy *b, struct ms_zone *z, json *mt,
			 json *pb)
{
	z->has_migrate = true;
	json_object_object_foreach(mt, k, v)
	{
		int t = migrate_index(b, k);

		if (t < 0)
			continue;
		for (int o = 0; o < MS_MAX_ORDER; o++)
			z->mt_free[t][o] = MS_NA;
		ms_ju64a(v, z->mt_free[t], MS_MAX_ORDER);
		z->mt_pageblocks[t] = ms_ju64(pb, k);
	}
}

static void zone_decode(struct ms_buddy *b, json *j)
{
	struct ms_zone *z = ms_zone_add(b);
	json *mt = ms_jobj(j, "migratetypes");

	if (!z)
		return;
	ms_jread_fields(j, ms_zone_fields, z, NULL);
	if (z->nr_orders > b->nr_orders)
		b->nr_orders = z->nr_orders;
	if (mt)
		zone_migrate(b, z, mt, ms_jobj(j, "pageblocks"));
}

static void buddy(json *j, struct ms_snapshot *s)
{
	json *zones = ms_jarr(j, "zones");

	/* made by buddy_json(), not only by the events (its first key) */
	if (strcmp(ms_jfirst(j), "zones"))
		return;
	for (int i = 0; i < ms_jlen(zones); i++)
		zone_decode(&s->buddy, ms_jat(zones, i));
	s->buddy.pageblock_order = ms_jint(j, "pageblock_order", -1);
	s->buddy.pagetypes_age_s = ms_jdbl(j, "pagetypes_age_s");
	s->have |= BIT(BUDDY);
}

/* ---- slab -------------------------------------------------------------- */

static void nodecount(json *j, struct ms_nodecount *c, char kind)
{
	json *per = ms_jobj(j, "per_id");

	memset(c, 0, sizeof(*c));
	c->total = ms_ju64(j, "total");
	if (!per)
		return;
	json_object_object_foreach(per, k, v)
	{
		if (c->n >= MS_MAX_NODES)
			break;
		c->id[c->n] = atoi(k);
		c->count[c->n++] = ms_ju64v(v);
	}
	/* the JSON keeps the ids, not the file's N/C prefix */
	c->kind = c->n ? kind : 0;
}

static void slab_detail(json *j, struct ms_slab_detail *d)
{
	json *al = ms_jarr(j, "aliases");
	char(*a)[MS_NAME];
	int n = ms_jlen(al);

	d->valid = true;
	ms_jread_fields(j, ms_slab_detail_fields, d, NULL);
	nodecount(ms_jobj(j, "slabs"), &d->slabs, 'N');
	nodecount(ms_jobj(j, "partial"), &d->partial, 'N');
	nodecount(ms_jobj(j, "cpu_slabs"), &d->cpu_slabs, 'N');
	nodecount(ms_jobj(j, "objects"), &d->objects, 'N');
	nodecount(ms_jobj(j, "total_objects"), &d->total_objects, 'N');
	ms_jstr(j, "merged_into", d->target, sizeof(d->target));
	d->nr_aliases = 0;
	if (!n || !(a = realloc(d->aliases, (size_t)n * sizeof(*a))))
		return;
	d->aliases = a;
	for (int i = 0; i < n; i++)
		ms_jstrv(ms_jat(al, i), a[d->nr_aliases++], MS_NAME);
}

static void slab_cache(json *j, struct ms_slab *sl)
{
	struct ms_slab_cache *c = ms_slab_add(sl);

	if (!c)
		return;
	ms_jread_fields(j, ms_slab_cache_fields, c, NULL);
	/* recorded before the check: the events' count, unchecked */
	if (!json_object_object_get_ex(j, "free_source", NULL)) {
		c->free_src = isfinite(c->free_rate) ? MS_FREE_UNCHECKED :
						       MS_FREE_NONE;
		c->free_counted = c->free_rate;
	}
}

static void slab(json *j, struct ms_snapshot *s)
{
	json *a = ms_jarr(j, "caches"), *d = ms_jobj(j, "detail");

	if (!j)
		return;
	for (int i = 0; i < ms_jlen(a); i++)
		slab_cache(ms_jat(a, i), &s->slab);
	/* slab_json() puts "caches" first; the events alone put it later */
	if (!strcmp(ms_jfirst(j), "caches"))
		s->have |= BIT(SLAB);
	if (d) {
		slab_detail(d, &s->slab_detail);
		s->have |= BIT(SLAB_DETAIL);
	}
}

/* ---- processes, VMAs, maple tree --------------------------------------- */

static void procs(json *a, struct ms_snapshot *s)
{
	if (!json_object_is_type(a, json_type_array))
		return;
	for (int i = 0; i < ms_jlen(a); i++) {
		struct ms_proc *p = ms_proc_add(&s->procs);

		if (!p)
			return;
		/* before the user was recorded: "" (the view shows the uid) */
		ms_jread_fields(ms_jat(a, i), ms_proc_fields, p, NULL);
	}
	s->have |= BIT(PROCS);
}

static void vma_numa(json *j, struct ms_vmas *vs, struct ms_vma *v)
{
	json *n = ms_jobj(j, "numa_pages");

	if (!ms_jhas(j, "numa_policy"))
		return;
	vs->has_numa = true;
	ms_jstr(j, "numa_policy", v->policy, sizeof(v->policy));
	if (!n)
		return;
	json_object_object_foreach(n, k, val)
	{
		if (v->nr_nodes >= MS_VMA_NODES)
			break;
		v->node_id[v->nr_nodes] = atoi(k);
		v->node_pages[v->nr_nodes++] = ms_ju64v(val);
	}
}

static void vma(json *j, struct ms_vmas *vs, uint32_t page_kb)
{
	struct ms_vma *v = ms_vma_add(vs);

	if (!v)
		return;
	ms_jread_fields(j, ms_vma_fields, v, NULL);
	v->size_kb = ms_ju64(j, "size_kb");
	ms_jread_fields(j, ms_vma_smaps_fields, v, NULL);
	v->kernel_page_kb = v->shmem_pmd_kb = MS_NA;
	if (ms_have(v->rss_kb))
		vs->has_smaps = true;
	vma_numa(j, vs, v);
	ms_jread_folios(j, &v->folios, page_kb);
}

static void hexes(json *a, uint64_t *v, int *n)
{
	for (*n = 0; *n < ms_jlen(a) && *n < MS_MAPLE_PIVOTS; (*n)++)
		v[*n] = ms_jhexv(ms_jat(a, *n));
}

static void maple_node(json *j, struct ms_maple *m)
{
	struct ms_maple_node *n = ms_maple_node_add(m);
	json *kids = ms_jarr(j, "children"), *ents = ms_jarr(j, "entries");
	char type[16];
	int want;

	if (!n)
		return;
	memset(n, 0, sizeof(*n));
	n->parent = ms_jint(j, "parent", -1);
	n->depth = ms_jint(j, "depth", 0);
	ms_jraw(j, "type", type, sizeof(type));
	n->type = ms_name_find(&ms_maple_type_names, type);
	n->min = ms_jhex(j, "min");
	n->max = ms_jhex(j, "max");
	hexes(ms_jarr(j, "pivots"), n->pivots, &n->nr_pivots);
	hexes(ms_jarr(j, "gaps"), n->gaps, &n->nr_gaps);
	/* every slot of the node, so nr_slots indexes only its own */
	n->slot = m->nr_slots;
	want = ms_jint(j, "slots", 0);
	if (want < ms_jlen(kids) + ms_jlen(ents))
		want = ms_jlen(kids) + ms_jlen(ents);
	for (int i = 0; i < want && i < 1 << 20; i++) {
		struct ms_maple_slot *s = ms_maple_slot_add(m);
		json *e;

		if (!s)
			break;
		memset(s, 0, sizeof(*s));
		if (i < ms_jlen(kids)) {
			s->kind = MS_SLOT_CHILD;
			e = ms_jat(kids, i);
			s->child = json_object_is_type(e, json_type_int) ?
					   json_object_get_int(e) :
					   -1;
		} else if (i < ms_jlen(kids) + ms_jlen(ents)) {
			e = ms_jat(ents, i - ms_jlen(kids));
			s->kind = MS_SLOT_VMA;
			s->vm_start = ms_jhex(e, "start");
			s->vm_end = ms_jhex(e, "end");
			s->vm_flags = ms_jhex(e, "flags");
			ms_jraw(e, "perms", s->perms, sizeof(s->perms));
		}
		n->nr_slots++;
	}
}

static void maple(json *j, struct ms_snapshot *s)
{
	struct ms_maple *m = &s->maple;
	json *nodes = ms_jarr(j, "nodes");

	m->pid = ms_jint(j, "pid", 0);
	m->map_count = ms_ju64(j, "map_count");
	m->vmas = ms_ju64(j, "vmas");
	m->height = ms_ju64(j, "height");
	m->tree_flags = ms_jhex(j, "tree_flags");
	m->truncated = ms_jbool(j, "truncated");
	for (int i = 0; i < ms_jlen(nodes); i++)
		maple_node(ms_jat(nodes, i), m);
	s->have |= BIT(MAPLE);
}

static void vmas(json *j, struct ms_snapshot *s)
{
	struct ms_vmas *v = &s->vmas;
	json *list = ms_jarr(j, "list"), *sum = ms_jobj(j, "summary");
	uint64_t pkb = ms_ju64(j, "folios_page_kb");
	uint32_t page_kb = ms_have(pkb) && pkb < UINT32_MAX ? (uint32_t)pkb : 0;

	if (!j)
		return;
	if (ms_jobj(j, "maple"))
		maple(ms_jobj(j, "maple"), s);
	if (!list)
		return; /* only the maple tree's holder */
	v->pid = ms_jint(j, "pid", 0);
	ms_jstr(j, "comm", v->comm, sizeof(v->comm));
	for (int i = 0; i < ms_jlen(list); i++)
		vma(ms_jat(list, i), v, page_kb);
	for (int k = 0; k < MS_VMA_NKINDS; k++)
		ms_jread_fields(ms_jobj(sum, ms_name_of(&ms_vma_kind_names, k)),
				ms_vma_sum_fields, &v->kind[k], NULL);
	ms_jread_fields(ms_jobj(sum, "total"), ms_vma_sum_fields, &v->total,
			NULL);
	if (ms_jhas(j, "folios_progress")) {
		v->folios_asked = true;
		v->folio_progress = ms_jdbl(j, "folios_progress");
		v->folio_passes = ms_ju64(j, "folios_passes");
		ms_jread_folios(j, &v->folios, page_kb);
	}
	s->have |= BIT(VMAS);
}

/* ---- reclaim, NUMA ------------------------------------------------------ */

static void psi(json *j, struct ms_psi_line *p)
{
	p->valid = j != NULL;
	ms_jread_fields(j, ms_psi_fields, p, NULL);
}

static void swaps(json *a, struct ms_reclaim *r)
{
	for (int i = 0; i < ms_jlen(a); i++) {
		json *j = ms_jat(a, i);
		struct ms_swapdev *d = ms_swap_add(r);

		if (!d)
			return;
		ms_jread_fields(j, ms_swap_fields, d, NULL);
	}
}

static void zram(json *a, struct ms_reclaim *r)
{
	for (int i = 0; i < ms_jlen(a); i++) {
		json *j = ms_jat(a, i);
		struct ms_zram *z = ms_zram_add(r);

		if (!z)
			return;
		ms_jread_fields(j, ms_zram_fields, z, NULL);
	}
}

static void thp_sizes(json *a, struct ms_reclaim *r)
{
	for (int i = 0; i < ms_jlen(a); i++) {
		json *j = ms_jat(a, i);
		struct ms_thp_size *t = ms_thp_size_add(r);

		if (!t)
			return;
		t->size_kb = ms_ju64(j, "size_kb");
		ms_jstr(j, "enabled", t->enabled, sizeof(t->enabled));
		ms_jstr(j, "shmem_enabled", t->shmem_enabled,
			sizeof(t->shmem_enabled));
		kv_decode(ms_jobj(j, "stats"), ms_jobj(j, "rates"), &t->stats);
	}
}

static void reclaim(json *j, struct ms_snapshot *s)
{
	struct ms_reclaim *r = &s->reclaim;
	json *p = ms_jobj(j, "psi"), *lru = ms_jobj(j, "mglru");
	json *thp = ms_jobj(j, "thp"), *zs = ms_jobj(j, "zswap");

	if (!ms_jhas(j, "vmstat"))
		return; /* only the events' or task delays' keys */
	kv_decode(ms_jobj(j, "vmstat"), ms_jobj(j, "rates"), &r->vmstat);
	psi(ms_jobj(p, "some"), &r->psi_some);
	psi(ms_jobj(p, "full"), &r->psi_full);
	r->lru_gen_enabled = ms_ju64(lru, "enabled");
	r->lru_gen_min_ttl_ms = ms_ju64(lru, "min_ttl_ms");
	ms_jstr(thp, "enabled", r->thp_enabled, sizeof(r->thp_enabled));
	ms_jstr(thp, "defrag", r->thp_defrag, sizeof(r->thp_defrag));
	ms_jstr(thp, "shmem_enabled", r->thp_shmem, sizeof(r->thp_shmem));
	kv_decode(ms_jobj(thp, "khugepaged"), NULL, &r->khugepaged);
	thp_sizes(ms_jarr(j, "thp_sizes"), r);
	kv_decode(ms_jobj(j, "sysctl"), NULL, &r->sysctl);
	swaps(ms_jarr(j, "swaps"), r);
	ms_jstr(zs, "enabled", r->zswap_enabled, sizeof(r->zswap_enabled));
	ms_jstr(zs, "compressor", r->zswap_compressor,
		sizeof(r->zswap_compressor));
	ms_jstr(zs, "zpool", r->zswap_zpool, sizeof(r->zswap_zpool));
	r->zswap_max_pool_percent = ms_ju64(zs, "max_pool_percent");
	kv_decode(ms_jobj(zs, "stats"), NULL, &r->zswap_stats);
	zram(ms_jarr(j, "zram"), r);
	s->have |= BIT(RECLAIM);
}

static void numa(json *j, struct ms_snapshot *s)
{
	json *nodes = ms_jarr(j, "nodes");

	if (!ms_jhas(j, "nodes"))
		return;
	for (int i = 0; i < ms_jlen(nodes); i++) {
		json *e = ms_jat(nodes, i), *d = ms_jarr(e, "distance");
		struct ms_numa_node *n = ms_numa_add(&s->numa);

		if (!n)
			return;
		ms_jread_fields(e, ms_numa_node_fields, n, NULL);
		n->nr_distance = 0;
		for (int k = 0; k < ms_jlen(d) && k < MS_MAX_NODES; k++) {
			json *v = ms_jat(d, k);

			n->distance[n->nr_distance++] =
				json_object_is_type(v, json_type_int) ?
					json_object_get_int(v) :
					-1;
		}
		kv_decode(ms_jobj(e, "numastat"), ms_jobj(e, "numastat_rates"),
			  &n->numastat);
		kv_decode(ms_jobj(e, "meminfo"), NULL, &n->meminfo);
	}
	s->numa.balancing = ms_ju64(j, "balancing");
	s->have |= BIT(NUMA);
}

/* ---- memscope.ko experiments --------------------------------------------- */

static void alloc_probe(json *j, struct ms_snapshot *s)
{
	struct ms_alloc_probe *p = &s->alloc_probe;
	json *a = ms_jarr(j, "orders");

	p->node = ms_jint(j, "node", -1);
	p->count = ms_jint(j, "count", 0);
	p->max_order = ms_jint(j, "max_order", -1);
	for (int i = 0; i < ms_jlen(a) && i < MS_MAX_ORDER; i++) {
		json *e = ms_jat(a, i);
		struct ms_alloc_order *o = &p->order[p->nr_orders++];

		ms_jread_fields(e, ms_alloc_order_fields, o, NULL);
	}
	s->have |= BIT(ALLOC_PROBE);
}

static void slab_bench(json *j, struct ms_snapshot *s)
{
	static const char *const apis[] = { "kmem_cache", "kmalloc" };
	struct ms_slab_bench *b = &s->slab_bench;

	b->seq = 1; /* it ran; the module's own number is not recorded */
	ms_jread_fields(j, ms_slab_bench_fields, b, NULL);
	b->max_size = b->max_count = b->max_bytes = MS_NA;
	for (int a = 0; a < MS_BENCH_APIS; a++) {
		json *api = ms_jobj(j, apis[a]);

		ms_jread_fields(ms_jobj(api, "alloc"), ms_bench_result_fields,
				&b->r[a][MS_BENCH_ALLOC], NULL);
		ms_jread_fields(ms_jobj(api, "free"), ms_bench_result_fields,
				&b->r[a][MS_BENCH_FREE], NULL);
	}
	s->have |= BIT(SLAB_BENCH);
}

/* ---- the document: the areas' parts (model/area.h) -------------------- */

static void meminfo(json *j, struct ms_snapshot *s)
{
	if (!j)
		return;
	kv_decode(j, NULL, &s->meminfo);
	s->have |= BIT(MEMINFO);
}

static void alloc_probe_part(json *j, struct ms_snapshot *s)
{
	if (j)
		alloc_probe(j, s);
}

static void slab_bench_part(json *j, struct ms_snapshot *s)
{
	if (j)
		slab_bench(j, s);
}

static const struct ms_jpart core[] = {
	{ "meminfo", meminfo, false },
	{ "buddy", buddy, false },
	{ "slab", slab, false },
	{ "processes", procs, true },
	{ "vmas", vmas, false },
	{ "reclaim", reclaim, false },
	{ "numa", numa, false },
	{ "alloc_probe", alloc_probe_part, false },
	{ "slab_bench", slab_bench_part, false },
	{ NULL, NULL, false },
};

/* key's hand in t, NULL: none */
static const struct ms_jpart *hand_of(const struct ms_jpart *t, const char *key)
{
	for (; t->key; t++)
		if (!strcmp(t->key, key))
			return t;
	return NULL;
}

static void part(json *top, struct ms_snapshot *s, const struct ms_area *a,
		 const struct ms_part *p, int pass)
{
	const struct ms_jpart *h;
	json *in = p->in ? ms_jobj(top, p->in) : top;
	/* a flat part's keys are its parent's: there when its key is */
	json *j = !p->flat ? ms_jobj(in, p->key) : ms_j(in, p->key) ? in : NULL;

	if (pass == MS_PASS_EVENTS && p->pass != MS_PASS_EVENTS) {
		for (const struct ms_area_sec *x = a->secs; x->sec >= 0; x++)
			if ((p->into & MS_SEC_BIT(x->sec)) &&
			    (h = hand_of(ms_jread_live, x->name)))
				h->read(j, s);
		return;
	}
	if (p->pass != pass)
		return;
	h = hand_of(pass == MS_PASS_EVENTS ? ms_jread_live : core, p->key);
	if (h) {
		h->read(h->arr ? ms_jarr(top, p->key) : j, s);
	} else if (ms_part_array(p) && ms_jarr(top, p->key)) {
		ms_jread_fields(top, p->fields, (char *)s + p->off, NULL);
		s->have |= p->secs;
	} else if (p->fields && ms_jhas(j, p->fields[0].key)) {
		/*
		 * its own keys (the writer writes each, null or not): not an
		 * object written for the parts and keys that go into it alone
		 */
		ms_jread_fields(j, p->fields, (char *)s + p->off, NULL);
		s->have |= p->secs;
	}
}

void ms_decode(json *top, struct ms_snapshot *s)
{
	header(top, s);
	for (int pass = MS_PASS_CORE; pass < MS_NPASS; pass++)
		for (int i = 0; ms_areas[i]; i++)
			for (const struct ms_part *p = ms_areas[i]->parts;
			     p->key; p++)
				part(top, s, ms_areas[i], p, pass);
}
