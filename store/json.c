// SPDX-License-Identifier: GPL-2.0
/* One JSON object per sample (JSON Lines); the contract is docs/json.md. */
#include "out/output.h"
#include "store/json.h"

#include <errno.h>
#include <json-c/json.h>
#include <math.h>
#include <stdio.h>

#include "model/escape.h"
#include "model/field.h"
#include "store/json_events.h"
#include "store/json_live.h"

static json *kv_values(const struct ms_kvlist *l)
{
	json *o = json_object_new_object();

	for (int i = 0; i < l->n; i++)
		put(o, l->v[i].name, u64(l->v[i].value));
	return o;
}

static json *kv_rates(const struct ms_kvlist *l)
{
	json *o = json_object_new_object();

	for (int i = 0; i < l->n; i++)
		if (isfinite(l->v[i].rate))
			put(o, l->v[i].name, dbl(l->v[i].rate));
	return o;
}

static json *u64_array(const uint64_t *v, int n)
{
	json *a = json_object_new_array();

	for (int i = 0; i < n; i++)
		json_object_array_add(a, u64(v[i]));
	return a;
}

static json *dbl_array(const double *v, int n)
{
	json *a = json_object_new_array();

	for (int i = 0; i < n; i++)
		json_object_array_add(a, dbl(v[i]));
	return a;
}

static json *zone_json(const struct ms_buddy *b, const struct ms_zone *z)
{
	json *o = json_object_new_object(), *w, *mt;

	put(o, "node", json_object_new_int(z->node));
	put(o, "zone", str(z->name));
	put(o, "free_pages", u64(z->free_pages));
	put(o, "free_blocks", u64_array(z->free_blocks, z->nr_orders));
	put(o, "largest_order",
	    z->largest_order >= 0 ? json_object_new_int(z->largest_order) :
				    NULL);
	put(o, "frag_index", dbl(z->frag_index));
	put(o, "unusable_index", dbl_array(z->unusable, z->nr_orders));
	put(o, "extfrag_index", dbl_array(z->extfrag, z->nr_orders));
	w = json_object_new_object();
	put(w, "min", u64(z->wmark_min));
	put(w, "low", u64(z->wmark_low));
	put(w, "high", u64(z->wmark_high));
	put(w, "promo", u64(z->wmark_promo));
	put(w, "boost", u64(z->boost));
	put(o, "watermarks", w);
	put(o, "under_watermark",
	    ms_name_of(&ms_wmark_names, z->wstate) ?
		    json_object_new_string(
			    ms_name_of(&ms_wmark_names, z->wstate)) :
		    NULL);
	put(o, "managed_pages", u64(z->managed));
	put(o, "present_pages", u64(z->present));
	put(o, "spanned_pages", u64(z->spanned));
	put(o, "cma_pages", u64(z->cma));
	put(o, "protection", u64_array(z->protection, z->nr_protection));
	if (z->has_migrate) {
		json *pb = json_object_new_object();

		mt = json_object_new_object();
		for (int t = 0; t < b->nr_migrate; t++) {
			put(mt, b->migrate[t],
			    u64_array(z->mt_free[t], z->nr_orders));
			put(pb, b->migrate[t], u64(z->mt_pageblocks[t]));
		}
		put(o, "migratetypes", mt);
		put(o, "pageblocks", pb);
	} else {
		put(o, "migratetypes", NULL);
	}
	return o;
}

static json *buddy_json(const struct ms_buddy *b)
{
	json *o = json_object_new_object(), *zones = json_object_new_array();

	for (int i = 0; i < b->nr_zones; i++)
		json_object_array_add(zones, zone_json(b, &b->zones[i]));
	put(o, "zones", zones);
	put(o, "pageblock_order",
	    b->pageblock_order >= 0 ? json_object_new_int(b->pageblock_order) :
				      NULL);
	return o;
}

static json *nodecount_json(const struct ms_nodecount *c)
{
	json *o, *per;

	if (!ms_have(c->total))
		return NULL;
	o = json_object_new_object();
	per = json_object_new_object();
	put(o, "total", u64(c->total));
	for (int i = 0; i < c->n; i++) {
		char k[16];

		snprintf(k, sizeof(k), "%d", c->id[i]);
		put(per, k, u64(c->count[i]));
	}
	put(o, "per_id", per);
	return o;
}

static json *slab_detail_json(const struct ms_slab_detail *d)
{
	json *o = json_object_new_object(), *al = json_object_new_array();

	put(o, "name", str(d->name));
	put(o, "order", u64(d->order));
	put(o, "object_size", u64(d->object_size));
	put(o, "slab_size", u64(d->slab_size));
	put(o, "align", u64(d->align));
	put(o, "objs_per_slab", u64(d->objs_per_slab));
	put(o, "reclaim_account", u64(d->reclaim_account));
	put(o, "hwcache_align", u64(d->hwcache_align));
	put(o, "cache_dma", u64(d->cache_dma));
	put(o, "poison", u64(d->poison));
	put(o, "min_partial", u64(d->min_partial));
	put(o, "cpu_partial", u64(d->cpu_partial));
	put(o, "slabs", nodecount_json(&d->slabs));
	put(o, "partial", nodecount_json(&d->partial));
	put(o, "cpu_slabs", nodecount_json(&d->cpu_slabs));
	put(o, "objects", nodecount_json(&d->objects));
	put(o, "total_objects", nodecount_json(&d->total_objects));
	put(o, "merged_into", d->target[0] ? str(d->target) : NULL);
	for (int i = 0; i < d->nr_aliases; i++)
		json_object_array_add(al, str(d->aliases[i]));
	put(o, "aliases", al);
	return o;
}

static json *slab_json(const struct ms_snapshot *s, bool detail)
{
	json *o = json_object_new_object(), *a = json_object_new_array();

	for (int i = 0; i < s->slab.n; i++) {
		const struct ms_slab_cache *c = &s->slab.caches[i];
		json *e = json_object_new_object();

		put(e, "name", str(c->name));
		put(e, "active_objs", u64(c->active_objs));
		put(e, "num_objs", u64(c->num_objs));
		put(e, "objsize", u64(c->objsize));
		put(e, "objperslab", u64(c->objperslab));
		put(e, "pagesperslab", u64(c->pagesperslab));
		put(e, "active_slabs", u64(c->active_slabs));
		put(e, "num_slabs", u64(c->num_slabs));
		put(e, "size_bytes", u64(c->size_bytes));
		put(e, "active_pct", dbl(c->active_pct));
		put(e, "objs_per_s", dbl(c->objs_rate));
		put(e, "bytes_per_s", dbl(c->bytes_rate));
		json_object_array_add(a, e);
	}
	put(o, "caches", a);
	if (detail && s->slab_detail.valid)
		put(o, "detail", slab_detail_json(&s->slab_detail));
	return o;
}

static json *procs_json(const struct ms_procs *p)
{
	json *a = json_object_new_array();

	for (int i = 0; i < p->n; i++) {
		const struct ms_proc *pr = &p->v[i];
		json *e = json_object_new_object();

		put(e, "pid", json_object_new_int(pr->pid));
		put(e, "comm", str(pr->comm));
		put(e, "state", json_object_new_string_len(&pr->state, 1));
		put(e, "uid", json_object_new_int64(pr->uid));
		put(e, "user", pr->user[0] ? str(pr->user) : NULL);
		put(e, "kthread", json_object_new_boolean(pr->kthread));
		put(e, "rss_kb", u64(pr->rss_kb));
		put(e, "pss_kb", u64(pr->pss_kb));
		put(e, "swap_kb", u64(pr->swap_kb));
		put(e, "vmas", u64(pr->vmas));
		put(e, "minflt", u64(pr->minflt));
		put(e, "majflt", u64(pr->majflt));
		put(e, "minflt_per_s", dbl(pr->minflt_rate));
		put(e, "majflt_per_s", dbl(pr->majflt_rate));
		json_object_array_add(a, e);
	}
	return a;
}

static json *hex(uint64_t v)
{
	char b[24];

	snprintf(b, sizeof(b), "%llx", (unsigned long long)v);
	return json_object_new_string(b);
}

static json *vma_json(const struct ms_vma *v)
{
	json *e = json_object_new_object();

	put(e, "start", hex(v->start));
	put(e, "end", hex(v->end));
	put(e, "perms", json_object_new_string(v->perms));
	put(e, "offset", hex(v->offset));
	put(e, "dev", str(v->dev));
	put(e, "inode", json_object_new_uint64(v->inode));
	put(e, "path", str(v->path));
	put(e, "kind",
	    json_object_new_string(ms_name_of(&ms_vma_kind_names, v->kind)));
	put(e, "size_kb",
	    u64(ms_have(v->size_kb) ? v->size_kb : (v->end - v->start) / 1024));
	put(e, "rss_kb", u64(v->rss_kb));
	put(e, "pss_kb", u64(v->pss_kb));
	put(e, "shared_clean_kb", u64(v->shared_clean));
	put(e, "shared_dirty_kb", u64(v->shared_dirty));
	put(e, "private_clean_kb", u64(v->private_clean));
	put(e, "private_dirty_kb", u64(v->private_dirty));
	put(e, "referenced_kb", u64(v->referenced));
	put(e, "anonymous_kb", u64(v->anonymous));
	put(e, "anon_huge_kb", u64(v->anon_huge_kb));
	put(e, "swap_kb", u64(v->swap_kb));
	put(e, "swap_pss_kb", u64(v->swap_pss_kb));
	put(e, "locked_kb", u64(v->locked_kb));
	put(e, "thp_eligible", u64(v->thp_eligible));
	put(e, "vmflags", v->vmflags[0] ? str(v->vmflags) : NULL);
	if (v->policy[0] || v->nr_nodes) {
		json *n = json_object_new_object();

		for (int i = 0; i < v->nr_nodes; i++) {
			char k[16];

			snprintf(k, sizeof(k), "%d", v->node_id[i]);
			put(n, k, u64(v->node_pages[i]));
		}
		put(e, "numa_policy", str(v->policy));
		put(e, "numa_pages", n);
	}
	return e;
}

static json *sum_json(const struct ms_vma_sum *s)
{
	json *o = json_object_new_object();

	put(o, "count", json_object_new_uint64(s->count));
	put(o, "size_kb", json_object_new_uint64(s->size_kb));
	put(o, "rss_kb", json_object_new_uint64(s->rss_kb));
	put(o, "pss_kb", json_object_new_uint64(s->pss_kb));
	put(o, "swap_kb", json_object_new_uint64(s->swap_kb));
	return o;
}

static json *vmas_json(const struct ms_vmas *v)
{
	json *o = json_object_new_object(), *a = json_object_new_array();
	json *sum = json_object_new_object();

	put(o, "pid", json_object_new_int(v->pid));
	put(o, "comm", str(v->comm));
	for (int i = 0; i < v->n; i++)
		json_object_array_add(a, vma_json(&v->v[i]));
	put(o, "list", a);
	for (int k = 0; k < MS_VMA_NKINDS; k++)
		put(sum, ms_name_of(&ms_vma_kind_names, k),
		    sum_json(&v->kind[k]));
	put(sum, "total", sum_json(&v->total));
	put(o, "summary", sum);
	return o;
}

static json *hex_array(const uint64_t *v, int n)
{
	json *a = json_object_new_array();

	for (int i = 0; i < n; i++)
		json_object_array_add(a, hex(v[i]));
	return a;
}

/* Internal nodes list their children, leaves the VMAs they hold. */
static void maple_slots(json *o, const struct ms_maple *m,
			const struct ms_maple_node *n)
{
	json *kids = json_object_new_array(), *ents = json_object_new_array();

	for (int i = 0; i < n->nr_slots; i++) {
		const struct ms_maple_slot *s = &m->slots[n->slot + i];
		json *e;

		if (s->kind == MS_SLOT_CHILD) {
			json_object_array_add(
				kids, s->child < 0 ?
					      NULL :
					      json_object_new_int(s->child));
		} else if (s->kind == MS_SLOT_VMA) {
			e = json_object_new_object();
			put(e, "start", hex(s->vm_start));
			put(e, "end", hex(s->vm_end));
			put(e, "perms", json_object_new_string(s->perms));
			put(e, "flags", hex(s->vm_flags));
			json_object_array_add(ents, e);
		}
	}
	put(o, "children", kids);
	put(o, "entries", ents);
}

static json *maple_json(const struct ms_maple *m)
{
	json *o = json_object_new_object(), *a = json_object_new_array();

	put(o, "pid", json_object_new_int(m->pid));
	put(o, "map_count", u64(m->map_count));
	put(o, "vmas", u64(m->vmas));
	put(o, "height", u64(m->height));
	put(o, "tree_flags",
	    ms_have(m->tree_flags) ? hex(m->tree_flags) : NULL);
	put(o, "truncated", json_object_new_boolean(m->truncated));
	put(o, "slots", json_object_new_int(m->nr_slots));
	for (int i = 0; i < m->nr_nodes; i++) {
		const struct ms_maple_node *n = &m->nodes[i];
		json *e = json_object_new_object();

		put(e, "id", json_object_new_int(i));
		put(e, "parent",
		    n->parent < 0 ? NULL : json_object_new_int(n->parent));
		put(e, "depth", json_object_new_int(n->depth));
		put(e, "type",
		    json_object_new_string(
			    ms_name_of(&ms_maple_type_names, n->type)));
		put(e, "min", hex(n->min));
		put(e, "max", hex(n->max));
		put(e, "slots", json_object_new_int(n->nr_slots));
		put(e, "pivots", hex_array(n->pivots, n->nr_pivots));
		if (n->type == MS_MAPLE_ARANGE_64)
			put(e, "gaps", hex_array(n->gaps, n->nr_gaps));
		maple_slots(e, m, n);
		json_object_array_add(a, e);
	}
	put(o, "nodes", a);
	return o;
}

static json *alloc_probe_json(const struct ms_alloc_probe *p)
{
	json *o = json_object_new_object(), *a = json_object_new_array();

	put(o, "node", p->node < 0 ? NULL : json_object_new_int(p->node));
	put(o, "count", json_object_new_int(p->count));
	put(o, "max_order", json_object_new_int(p->max_order));
	for (int i = 0; i < p->nr_orders; i++) {
		const struct ms_alloc_order *r = &p->order[i];
		json *e = json_object_new_object();

		put(e, "order", json_object_new_int(i));
		put(e, "attempts", json_object_new_int(r->attempts));
		put(e, "ok", json_object_new_int(r->ok));
		put(e, "fail", json_object_new_int(r->fail));
		put(e, "min_ns", u64(r->min_ns));
		put(e, "mean_ns", u64(r->mean_ns));
		put(e, "max_ns", u64(r->max_ns));
		json_object_array_add(a, e);
	}
	put(o, "orders", a);
	return o;
}

static json *bench_result_json(const struct ms_bench_result *r)
{
	json *o = json_object_new_object();

	put(o, "ok", u64(r->ok));
	put(o, "failures", u64(r->failures));
	put(o, "ops_per_sec", u64(r->ops_per_sec));
	put(o, "mean_ns", u64(r->mean_ns));
	put(o, "p50_ns", u64(r->p50_ns));
	put(o, "p99_ns", u64(r->p99_ns));
	put(o, "max_ns", u64(r->max_ns));
	return o;
}

static json *slab_bench_json(const struct ms_slab_bench *b)
{
	static const char *const apis[] = { "kmem_cache", "kmalloc" };
	json *o = json_object_new_object();

	put(o, "size", u64(b->size));
	put(o, "count", u64(b->count));
	put(o, "cache_object_size", u64(b->cache_object_size));
	put(o, "kmalloc_bucket", u64(b->kmalloc_bucket));
	for (int a = 0; a < MS_BENCH_APIS; a++) {
		json *api = json_object_new_object();

		put(api, "alloc", bench_result_json(&b->r[a][MS_BENCH_ALLOC]));
		put(api, "free", bench_result_json(&b->r[a][MS_BENCH_FREE]));
		put(o, apis[a], api);
	}
	return o;
}

static json *psi_json(const struct ms_psi_line *p)
{
	json *o;

	if (!p->valid)
		return NULL;
	o = json_object_new_object();
	put(o, "avg10", dbl(p->avg10));
	put(o, "avg60", dbl(p->avg60));
	put(o, "avg300", dbl(p->avg300));
	put(o, "total", u64(p->total));
	put(o, "total_us_per_s", dbl(p->total_rate));
	return o;
}

static json *opt_str(const char *s)
{
	return s[0] ? str(s) : NULL;
}

static json *swaps_json(const struct ms_reclaim *r)
{
	json *a = json_object_new_array();

	for (int i = 0; i < r->nr_swaps; i++) {
		json *e = json_object_new_object();

		put(e, "name", str(r->swaps[i].name));
		put(e, "type", str(r->swaps[i].type));
		put(e, "size_kb", u64(r->swaps[i].size_kb));
		put(e, "used_kb", u64(r->swaps[i].used_kb));
		put(e, "priority", json_object_new_int(r->swaps[i].prio));
		json_object_array_add(a, e);
	}
	return a;
}

static json *zram_json(const struct ms_reclaim *r)
{
	json *a = json_object_new_array();

	for (int i = 0; i < r->nr_zram; i++) {
		const struct ms_zram *z = &r->zram[i];
		json *e = json_object_new_object();

		put(e, "name", str(z->name));
		put(e, "disksize", u64(z->disksize));
		put(e, "orig_data_size", u64(z->orig_data_size));
		put(e, "compr_data_size", u64(z->compr_data_size));
		put(e, "mem_used_total", u64(z->mem_used_total));
		put(e, "mem_limit", u64(z->mem_limit));
		put(e, "mem_used_max", u64(z->mem_used_max));
		put(e, "same_pages", u64(z->same_pages));
		put(e, "pages_compacted", u64(z->pages_compacted));
		put(e, "comp_algorithm", opt_str(z->comp_algorithm));
		json_object_array_add(a, e);
	}
	return a;
}

static json *reclaim_json(const struct ms_reclaim *r)
{
	json *o = json_object_new_object(), *psi = json_object_new_object();
	json *lru = json_object_new_object(), *thp = json_object_new_object();
	json *zs = json_object_new_object();

	put(o, "vmstat", kv_values(&r->vmstat));
	put(o, "rates", kv_rates(&r->vmstat));
	put(psi, "some", psi_json(&r->psi_some));
	put(psi, "full", psi_json(&r->psi_full));
	put(o, "psi", psi);
	put(lru, "enabled", u64(r->lru_gen_enabled));
	put(lru, "min_ttl_ms", u64(r->lru_gen_min_ttl_ms));
	put(o, "mglru", ms_have(r->lru_gen_enabled) ? lru : NULL);
	if (!ms_have(r->lru_gen_enabled))
		json_object_put(lru);
	put(thp, "enabled", opt_str(r->thp_enabled));
	put(thp, "defrag", opt_str(r->thp_defrag));
	put(thp, "shmem_enabled", opt_str(r->thp_shmem));
	put(thp, "khugepaged", kv_values(&r->khugepaged));
	put(o, "thp", thp);
	put(o, "sysctl", kv_values(&r->sysctl));
	put(o, "swaps", swaps_json(r));
	put(zs, "enabled", opt_str(r->zswap_enabled));
	put(zs, "compressor", opt_str(r->zswap_compressor));
	put(zs, "zpool", opt_str(r->zswap_zpool));
	put(zs, "max_pool_percent", u64(r->zswap_max_pool_percent));
	put(zs, "stats", kv_values(&r->zswap_stats));
	put(o, "zswap", zs);
	put(o, "zram", zram_json(r));
	return o;
}

static json *numa_json(const struct ms_numa *n)
{
	json *o = json_object_new_object(), *a = json_object_new_array();

	for (int i = 0; i < n->n; i++) {
		const struct ms_numa_node *nd = &n->nodes[i];
		json *e = json_object_new_object(),
		     *d = json_object_new_array();

		put(e, "node", json_object_new_int(nd->node));
		put(e, "cpus", str(nd->cpus));
		put(e, "mem_total_kb", u64(nd->mem_total_kb));
		put(e, "mem_free_kb", u64(nd->mem_free_kb));
		put(e, "mem_used_kb", u64(nd->mem_used_kb));
		for (int j = 0; j < nd->nr_distance; j++)
			json_object_array_add(
				d, json_object_new_int(nd->distance[j]));
		put(e, "distance", d);
		put(e, "numastat", kv_values(&nd->numastat));
		put(e, "numastat_rates", kv_rates(&nd->numastat));
		put(e, "meminfo", kv_values(&nd->meminfo));
		json_object_array_add(a, e);
	}
	put(o, "nodes", a);
	put(o, "balancing", u64(n->balancing));
	return o;
}

static json *header_json(const struct ms_snapshot *s)
{
	json *o = json_object_new_object(), *src = json_object_new_object();
	json *notes = json_object_new_array();

	put(o, "timestamp", json_object_new_double(s->t_real));
	put(o, "kernel", s->kernel[0] ? str(s->kernel) : NULL);
	for (int i = 0; i < MS_SEC_COUNT; i++)
		if (s->source[i])
			put(src, ms_section_name(i),
			    json_object_new_string(s->source[i]));
	put(o, "sources", src);
	for (int i = 0; i < s->nr_notes; i++) {
		json *n = json_object_new_object();

		put(n, "what", str(s->notes[i].what));
		put(n, "why", str(s->notes[i].why));
		json_object_array_add(notes, n);
	}
	put(o, "unavailable", notes);
	return o;
}

#define WANT(sec) ((sections & MS_SEC_BIT(sec)) && (s->have & MS_SEC_BIT(sec)))

int ms_out_json(FILE *f, const struct ms_snapshot *s, unsigned int sections)
{
	json *o = header_json(s);
	const char *text;

	json_c_set_serialization_double_format("%.3f", JSON_C_OPTION_THREAD);
	if (WANT(MS_SEC_MEMINFO))
		put(o, "meminfo", kv_values(&s->meminfo));
	if (WANT(MS_SEC_BUDDY))
		put(o, "buddy", buddy_json(&s->buddy));
	if (WANT(MS_SEC_SLAB))
		put(o, "slab", slab_json(s, WANT(MS_SEC_SLAB_DETAIL)));
	if (WANT(MS_SEC_PROCS))
		put(o, "processes", procs_json(&s->procs));
	if (WANT(MS_SEC_VMAS))
		put(o, "vmas", vmas_json(&s->vmas));
	if (WANT(MS_SEC_MAPLE)) {
		json *v = NULL;

		/* under vmas, even when the VMA list itself failed */
		if (!json_object_object_get_ex(o, "vmas", &v)) {
			v = json_object_new_object();
			put(v, "pid", json_object_new_int(s->maple.pid));
			put(o, "vmas", v);
		}
		put(v, "maple", maple_json(&s->maple));
	}
	if (WANT(MS_SEC_RECLAIM))
		put(o, "reclaim", reclaim_json(&s->reclaim));
	if (WANT(MS_SEC_NUMA))
		put(o, "numa", numa_json(&s->numa));
	if (WANT(MS_SEC_ALLOC_PROBE))
		put(o, "alloc_probe", alloc_probe_json(&s->alloc_probe));
	if (WANT(MS_SEC_SLAB_BENCH))
		put(o, "slab_bench", slab_bench_json(&s->slab_bench));
	ms_json_events(o, s, sections);
	ms_json_live(o, s, sections);
	text = json_object_to_json_string_ext(
		o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	fputs(text, f);
	fputc('\n', f);
	json_object_put(o);
	return ferror(f) ? -EIO : 0;
}
