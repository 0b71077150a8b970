// SPDX-License-Identifier: GPL-2.0
/*
 * A --json line back into a snapshot: the header, meminfo, buddy, slab,
 * processes, VMAs and the maple tree, reclaim, NUMA and the module's
 * experiments, mirroring store/json.c. Absent keys stay MS_NA / NAN.
 */
#include "probes/replay/decode.h"

#include "model/field.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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
	}
}

/* ---- buddy ------------------------------------------------------------- */

static int migrate_index(struct ms_buddy *b, const char *name)
{
	for (int t = 0; t < b->nr_migrate; t++)
		if (!strcmp(b->migrate[t], name))
			return t;
	if (b->nr_migrate >= MS_MAX_MIGRATE)
		return -1;
	snprintf(b->migrate[b->nr_migrate], sizeof(b->migrate[0]), "%s", name);
	return b->nr_migrate++;
}

static int u64s(json *a, uint64_t *v, int max)
{
	int n = ms_jlen(a) < max ? ms_jlen(a) : max;

	for (int i = 0; i < n; i++)
		v[i] = ms_ju64v(ms_jat(a, i));
	return n;
}

static void dbls(json *a, double *v, int max)
{
	for (int i = 0; i < ms_jlen(a) && i < max; i++)
		v[i] = ms_jdblv(ms_jat(a, i));
}

static enum ms_wmark_state wstate(json *z)
{
	json *v = ms_j(z, "under_watermark");

	return v ? ms_name_find(&ms_wmark_names, json_object_get_string(v)) :
		   MS_WMARK_UNKNOWN;
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
		u64s(v, z->mt_free[t], MS_MAX_ORDER);
		z->mt_pageblocks[t] = ms_ju64(pb, k);
	}
}

static void zone_decode(struct ms_buddy *b, json *j)
{
	struct ms_zone *z = ms_zone_add(b);
	json *w = ms_jobj(j, "watermarks"), *mt = ms_jobj(j, "migratetypes");

	if (!z)
		return;
	z->node = ms_jint(j, "node", -1);
	ms_jstr(j, "zone", z->name, sizeof(z->name));
	z->free_pages = ms_ju64(j, "free_pages");
	z->nr_orders =
		u64s(ms_jarr(j, "free_blocks"), z->free_blocks, MS_MAX_ORDER);
	if (z->nr_orders > b->nr_orders)
		b->nr_orders = z->nr_orders;
	z->largest_order = ms_jint(j, "largest_order", -1);
	z->frag_index = ms_jdbl(j, "frag_index");
	dbls(ms_jarr(j, "unusable_index"), z->unusable, MS_MAX_ORDER);
	dbls(ms_jarr(j, "extfrag_index"), z->extfrag, MS_MAX_ORDER);
	z->wmark_min = ms_ju64(w, "min");
	z->wmark_low = ms_ju64(w, "low");
	z->wmark_high = ms_ju64(w, "high");
	z->wmark_promo = ms_ju64(w, "promo");
	z->boost = ms_ju64(w, "boost");
	z->wstate = wstate(j);
	z->managed = ms_ju64(j, "managed_pages");
	z->present = ms_ju64(j, "present_pages");
	z->spanned = ms_ju64(j, "spanned_pages");
	z->cma = ms_ju64(j, "cma_pages");
	z->nr_protection =
		u64s(ms_jarr(j, "protection"), z->protection, MS_MAX_PROT);
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
	ms_jstr(j, "name", d->name, sizeof(d->name));
	d->order = ms_ju64(j, "order");
	d->object_size = ms_ju64(j, "object_size");
	d->slab_size = ms_ju64(j, "slab_size");
	d->align = ms_ju64(j, "align");
	d->objs_per_slab = ms_ju64(j, "objs_per_slab");
	d->reclaim_account = ms_ju64(j, "reclaim_account");
	d->hwcache_align = ms_ju64(j, "hwcache_align");
	d->cache_dma = ms_ju64(j, "cache_dma");
	d->poison = ms_ju64(j, "poison");
	d->min_partial = ms_ju64(j, "min_partial");
	d->cpu_partial = ms_ju64(j, "cpu_partial");
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
	ms_jstr(j, "name", c->name, sizeof(c->name));
	c->active_objs = ms_ju64(j, "active_objs");
	c->num_objs = ms_ju64(j, "num_objs");
	c->objsize = ms_ju64(j, "objsize");
	c->objperslab = ms_ju64(j, "objperslab");
	c->pagesperslab = ms_ju64(j, "pagesperslab");
	c->active_slabs = ms_ju64(j, "active_slabs");
	c->num_slabs = ms_ju64(j, "num_slabs");
	c->size_bytes = ms_ju64(j, "size_bytes");
	c->active_pct = ms_jdbl(j, "active_pct");
	c->objs_rate = ms_jdbl(j, "objs_per_s");
	c->bytes_rate = ms_jdbl(j, "bytes_per_s");
	c->alloc_rate = ms_jdbl(j, "alloc_rate");
	c->free_rate = ms_jdbl(j, "free_rate");
	c->alloc_bytes_rate = ms_jdbl(j, "alloc_bytes_rate");
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
		json *j = ms_jat(a, i);
		struct ms_proc *p = ms_proc_add(&s->procs);
		char st[8];
		uint64_t uid = ms_ju64(j, "uid");

		if (!p)
			return;
		p->pid = ms_jint(j, "pid", 0);
		ms_jstr(j, "comm", p->comm, sizeof(p->comm));
		ms_jraw(j, "state", st, sizeof(st));
		p->state = st[0];
		p->uid = uid > UINT32_MAX ? UINT32_MAX : (uint32_t)uid;
		/* recordings before the user was recorded: "" (the view
		 * shows the uid, never this machine's name for it) */
		ms_jstr(j, "user", p->user, sizeof(p->user));
		p->kthread = ms_jbool(j, "kthread");
		p->rss_kb = ms_ju64(j, "rss_kb");
		p->pss_kb = ms_ju64(j, "pss_kb");
		p->swap_kb = ms_ju64(j, "swap_kb");
		p->vmas = ms_ju64(j, "vmas");
		p->minflt = ms_ju64(j, "minflt");
		p->majflt = ms_ju64(j, "majflt");
		p->minflt_rate = ms_jdbl(j, "minflt_per_s");
		p->majflt_rate = ms_jdbl(j, "majflt_per_s");
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

static void vma(json *j, struct ms_vmas *vs)
{
	struct ms_vma *v = ms_vma_add(vs);
	char kind[16], path[4 * 4096 + 1];

	if (!v)
		return;
	v->start = ms_jhex(j, "start");
	v->end = ms_jhex(j, "end");
	v->offset = ms_jhex(j, "offset");
	ms_jraw(j, "perms", v->perms, sizeof(v->perms));
	ms_jstr(j, "dev", v->dev, sizeof(v->dev));
	v->inode = ms_ju64(j, "inode");
	v->path = NULL;
	if (ms_j(j, "path")) {
		ms_jstr(j, "path", path, sizeof(path));
		v->path = strdup(path);
	}
	ms_jraw(j, "kind", kind, sizeof(kind));
	v->kind = ms_name_find(&ms_vma_kind_names, kind);
	v->size_kb = ms_ju64(j, "size_kb");
	v->rss_kb = ms_ju64(j, "rss_kb");
	v->pss_kb = ms_ju64(j, "pss_kb");
	v->shared_clean = ms_ju64(j, "shared_clean_kb");
	v->shared_dirty = ms_ju64(j, "shared_dirty_kb");
	v->private_clean = ms_ju64(j, "private_clean_kb");
	v->private_dirty = ms_ju64(j, "private_dirty_kb");
	v->referenced = ms_ju64(j, "referenced_kb");
	v->anonymous = ms_ju64(j, "anonymous_kb");
	v->anon_huge_kb = ms_ju64(j, "anon_huge_kb");
	v->swap_kb = ms_ju64(j, "swap_kb");
	v->swap_pss_kb = ms_ju64(j, "swap_pss_kb");
	v->locked_kb = ms_ju64(j, "locked_kb");
	v->thp_eligible = ms_ju64(j, "thp_eligible");
	v->kernel_page_kb = v->shmem_pmd_kb = MS_NA;
	ms_jstr(j, "vmflags", v->vmflags, sizeof(v->vmflags));
	if (ms_have(v->rss_kb))
		vs->has_smaps = true;
	vma_numa(j, vs, v);
}

static void vma_sum(json *j, struct ms_vma_sum *s)
{
	s->count = ms_ju64(j, "count");
	s->size_kb = ms_ju64(j, "size_kb");
	s->rss_kb = ms_ju64(j, "rss_kb");
	s->pss_kb = ms_ju64(j, "pss_kb");
	s->swap_kb = ms_ju64(j, "swap_kb");
}

static void hexes(json *a, uint64_t *v, int *n)
{
	for (*n = 0; *n < ms_jlen(a) && *n < MS_MAPLE_PIVOTS; (*n)++) {
		json *p = ms_jat(a, *n);

		v[*n] = json_object_is_type(p, json_type_string) ?
				strtoull(json_object_get_string(p), NULL, 16) :
				MS_NA;
	}
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

	if (!j)
		return;
	if (ms_jobj(j, "maple"))
		maple(ms_jobj(j, "maple"), s);
	if (!list)
		return; /* only the maple tree's holder */
	v->pid = ms_jint(j, "pid", 0);
	ms_jstr(j, "comm", v->comm, sizeof(v->comm));
	for (int i = 0; i < ms_jlen(list); i++)
		vma(ms_jat(list, i), v);
	for (int k = 0; k < MS_VMA_NKINDS; k++)
		vma_sum(ms_jobj(sum, ms_name_of(&ms_vma_kind_names, k)),
			&v->kind[k]);
	vma_sum(ms_jobj(sum, "total"), &v->total);
	s->have |= BIT(VMAS);
}

/* ---- reclaim, NUMA ------------------------------------------------------ */

static void psi(json *j, struct ms_psi_line *p)
{
	p->valid = j != NULL;
	p->avg10 = ms_jdbl(j, "avg10");
	p->avg60 = ms_jdbl(j, "avg60");
	p->avg300 = ms_jdbl(j, "avg300");
	p->total = ms_ju64(j, "total");
	p->total_rate = ms_jdbl(j, "total_us_per_s");
}

static void swaps(json *a, struct ms_reclaim *r)
{
	for (int i = 0; i < ms_jlen(a); i++) {
		json *j = ms_jat(a, i);
		struct ms_swapdev *d = ms_swap_add(r);

		if (!d)
			return;
		ms_jstr(j, "name", d->name, sizeof(d->name));
		ms_jstr(j, "type", d->type, sizeof(d->type));
		d->size_kb = ms_ju64(j, "size_kb");
		d->used_kb = ms_ju64(j, "used_kb");
		d->prio = ms_jint(j, "priority", 0);
	}
}

static void zram(json *a, struct ms_reclaim *r)
{
	for (int i = 0; i < ms_jlen(a); i++) {
		json *j = ms_jat(a, i);
		struct ms_zram *z = ms_zram_add(r);

		if (!z)
			return;
		ms_jstr(j, "name", z->name, sizeof(z->name));
		z->disksize = ms_ju64(j, "disksize");
		z->orig_data_size = ms_ju64(j, "orig_data_size");
		z->compr_data_size = ms_ju64(j, "compr_data_size");
		z->mem_used_total = ms_ju64(j, "mem_used_total");
		z->mem_limit = ms_ju64(j, "mem_limit");
		z->mem_used_max = ms_ju64(j, "mem_used_max");
		z->same_pages = ms_ju64(j, "same_pages");
		z->pages_compacted = ms_ju64(j, "pages_compacted");
		ms_jstr(j, "comp_algorithm", z->comp_algorithm,
			sizeof(z->comp_algorithm));
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
		n->node = ms_jint(e, "node", -1);
		ms_jstr(e, "cpus", n->cpus, sizeof(n->cpus));
		n->mem_total_kb = ms_ju64(e, "mem_total_kb");
		n->mem_free_kb = ms_ju64(e, "mem_free_kb");
		n->mem_used_kb = ms_ju64(e, "mem_used_kb");
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

		o->attempts = ms_jint(e, "attempts", 0);
		o->ok = ms_jint(e, "ok", 0);
		o->fail = ms_jint(e, "fail", 0);
		o->min_ns = ms_ju64(e, "min_ns");
		o->mean_ns = ms_ju64(e, "mean_ns");
		o->max_ns = ms_ju64(e, "max_ns");
	}
	s->have |= BIT(ALLOC_PROBE);
}

static void bench_result(json *j, struct ms_bench_result *r)
{
	r->ok = ms_ju64(j, "ok");
	r->failures = ms_ju64(j, "failures");
	r->ops_per_sec = ms_ju64(j, "ops_per_sec");
	r->mean_ns = ms_ju64(j, "mean_ns");
	r->p50_ns = ms_ju64(j, "p50_ns");
	r->p99_ns = ms_ju64(j, "p99_ns");
	r->max_ns = ms_ju64(j, "max_ns");
}

static void slab_bench(json *j, struct ms_snapshot *s)
{
	static const char *const apis[] = { "kmem_cache", "kmalloc" };
	struct ms_slab_bench *b = &s->slab_bench;

	b->seq = 1; /* it ran; the module's own number is not recorded */
	b->size = ms_ju64(j, "size");
	b->count = ms_ju64(j, "count");
	b->cache_object_size = ms_ju64(j, "cache_object_size");
	b->kmalloc_bucket = ms_ju64(j, "kmalloc_bucket");
	b->max_size = b->max_count = b->max_bytes = MS_NA;
	for (int a = 0; a < MS_BENCH_APIS; a++) {
		json *api = ms_jobj(j, apis[a]);

		bench_result(ms_jobj(api, "alloc"), &b->r[a][MS_BENCH_ALLOC]);
		bench_result(ms_jobj(api, "free"), &b->r[a][MS_BENCH_FREE]);
	}
	s->have |= BIT(SLAB_BENCH);
}

void ms_decode_core(json *top, struct ms_snapshot *s)
{
	header(top, s);
	if (ms_jobj(top, "meminfo")) {
		kv_decode(ms_jobj(top, "meminfo"), NULL, &s->meminfo);
		s->have |= BIT(MEMINFO);
	}
	buddy(ms_jobj(top, "buddy"), s);
	slab(ms_jobj(top, "slab"), s);
	procs(ms_jarr(top, "processes"), s);
	vmas(ms_jobj(top, "vmas"), s);
	reclaim(ms_jobj(top, "reclaim"), s);
	numa(ms_jobj(top, "numa"), s);
	if (ms_jobj(top, "alloc_probe"))
		alloc_probe(ms_jobj(top, "alloc_probe"), s);
	if (ms_jobj(top, "slab_bench"))
		slab_bench(ms_jobj(top, "slab_bench"), s);
}
