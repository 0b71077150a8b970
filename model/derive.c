// SPDX-License-Identifier: GPL-2.0
/* Values computed from raw ones, the same whichever backend fed them. */
#include "model/frag.h"
#include "model/snapshot.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void derive_slab(struct ms_slab *s)
{
	for (int i = 0; i < s->n; i++) {
		struct ms_slab_cache *c = &s->caches[i];

		c->size_bytes = MS_NA;
		if (ms_have(c->num_slabs) && ms_have(c->pagesperslab))
			c->size_bytes =
				c->num_slabs * c->pagesperslab * s->page_size;
		c->active_pct = NAN;
		if (ms_have(c->num_objs) && ms_have(c->active_objs) &&
		    c->num_objs)
			c->active_pct = 100.0 * (double)c->active_objs /
					(double)c->num_objs;
	}
}

/*
 * The BPF slab rates join /proc/slabinfo's caches by name; caches only the
 * events saw (kmalloc-large, caches created since) are added.
 */
static void merge_slab_events(struct ms_slab *sl,
			      const struct ms_slab_events *e)
{
	/* a cache without events over a whole interval had none */
	double none = isfinite(e->interval) ? 0 : NAN;

	for (int i = 0; i < sl->n; i++) {
		struct ms_slab_cache *c = &sl->caches[i];

		c->alloc_rate = c->free_rate = c->alloc_bytes_rate = none;
		c->free_counted = none;
		c->free_src = isfinite(none) ? MS_FREE_UNCHECKED : MS_FREE_NONE;
	}
	for (int i = 0; i < e->n; i++) {
		const struct ms_slab_rate *r = &e->v[i];
		/* sl is ours to change: the lookup only returns it const */
		struct ms_slab_cache *c =
			(struct ms_slab_cache *)ms_slab_find(sl, r->name, i);

		if (!c && (c = ms_slab_add(sl))) {
			uint64_t *f;

			snprintf(c->name, sizeof(c->name), "%s", r->name);
			for (f = &c->active_objs; f <= &c->num_slabs; f++)
				*f = MS_NA;
			c->objsize = r->objsize;
		}
		if (!c)
			return;
		c->alloc_rate = r->alloc_rate;
		c->free_rate = c->free_counted = r->free_rate;
		c->free_src = isfinite(r->free_rate) ? MS_FREE_UNCHECKED :
						       MS_FREE_NONE;
		c->alloc_bytes_rate = r->alloc_bytes_rate;
	}
}

static void sum_add(struct ms_vma_sum *s, const struct ms_vma *v)
{
	s->count++;
	s->size_kb += (v->end - v->start) / 1024;
	if (ms_have(v->rss_kb))
		s->rss_kb += v->rss_kb;
	if (ms_have(v->pss_kb))
		s->pss_kb += v->pss_kb;
	if (ms_have(v->swap_kb))
		s->swap_kb += v->swap_kb;
}

void ms_vmas_sum(struct ms_vmas *vs, const struct ms_vma *v)
{
	if (v->kind < MS_VMA_NKINDS)
		sum_add(&vs->kind[v->kind], v);
	sum_add(&vs->total, v);
	ms_folios_add(&vs->folios, &v->folios);
}

int ms_vmas_each(const struct ms_vmas *vs,
		 int (*fn)(void *arg, const struct ms_vma *v), void *arg)
{
	int err;

	if (vs->sink)
		return vs->sink->each(vs->sink->ctx, fn, arg);
	for (int i = 0; i < vs->n; i++)
		if ((err = fn(arg, &vs->v[i])))
			return err;
	return 0;
}

static void derive_vmas(struct ms_vmas *v)
{
	if (v->sink) /* added up by the reader: the list is not held */
		return;
	for (int i = 0; i < MS_VMA_NKINDS; i++)
		v->kind[i] = (struct ms_vma_sum){ 0 };
	v->total = (struct ms_vma_sum){ 0 };
	v->folios = (struct ms_folios){ 0 };
	for (int i = 0; i < v->n; i++)
		ms_vmas_sum(v, &v->v[i]);
}

void ms_derive(struct ms_snapshot *s)
{
	ms_derive_buddy(&s->buddy);
	if (s->have & MS_SEC_BIT(MS_SEC_SLAB_EVENTS))
		merge_slab_events(&s->slab, &s->slab_events);
	derive_slab(&s->slab);
	derive_vmas(&s->vmas);
}

/* ---- sums the explorer shows, for a replayed sample too ---------------- */

const char *const ms_vmsum_keys[MS_VMSUM_N] = {
	[MS_VMSUM_PGSCAN_KSWAPD] = "pgscan_kswapd",
	[MS_VMSUM_PGSCAN_DIRECT] = "pgscan_direct",
	[MS_VMSUM_PGSTEAL_KSWAPD] = "pgsteal_kswapd",
	[MS_VMSUM_PGSTEAL_DIRECT] = "pgsteal_direct",
	[MS_VMSUM_ALLOCSTALL] = "allocstall",
	[MS_VMSUM_OOM_KILL] = "oom_kill",
	[MS_VMSUM_PGFAULT] = "pgfault",
	[MS_VMSUM_PGMAJFAULT] = "pgmajfault",
	[MS_VMSUM_PSWPIN] = "pswpin",
	[MS_VMSUM_PSWPOUT] = "pswpout",
	[MS_VMSUM_WORKINGSET_REFAULT] = "workingset_refault",
	[MS_VMSUM_WORKINGSET_ACTIVATE] = "workingset_activate",
	[MS_VMSUM_COMPACT_STALL] = "compact_stall",
	[MS_VMSUM_COMPACT_FAIL] = "compact_fail",
	[MS_VMSUM_COMPACT_SUCCESS] = "compact_success",
	[MS_VMSUM_THP_FAULT_ALLOC] = "thp_fault_alloc",
	[MS_VMSUM_THP_FAULT_FALLBACK] = "thp_fault_fallback",
	[MS_VMSUM_ZSWPIN] = "zswpin",
	[MS_VMSUM_ZSWPOUT] = "zswpout",
};

/*
 * key matches itself and its per-zone or per-type variants
 * (allocstall_normal, pgscan_kswapd_dma32, workingset_refault_file), but
 * not a different counter sharing the prefix (pgscan_direct_throttle).
 */
static bool variant_of(const char *name, const char *key)
{
	static const char *const suffix[] = {
		"dma",	   "dma32",  "normal", "high",
		"movable", "device", "anon",   "file",
	};
	size_t n = strlen(key);

	if (strncmp(name, key, n))
		return false;
	if (!name[n])
		return true;
	if (name[n] != '_')
		return false;
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++)
		if (!strcmp(name + n + 1, suffix[i]))
			return true;
	return false;
}

/* Sum of key's variants: MS_NA and NAN when the kernel has none. */
static struct ms_vmsum_val sum_counter(const struct ms_kvlist *vm,
				       const char *key)
{
	struct ms_vmsum_val s = { 0, 0, false };
	bool any = false;

	for (int i = 0; i < vm->n; i++) {
		if (!variant_of(vm->v[i].name, key))
			continue;
		any = true;
		if (ms_have(vm->v[i].value))
			s.value += vm->v[i].value;
		s.rate += vm->v[i].rate; /* NAN stays NAN */
		s.reset |= vm->v[i].reset;
	}
	return any ? s : (struct ms_vmsum_val){ MS_NA, NAN, false };
}

static struct ms_node_avail *avail_of(struct ms_buddy *b, int node)
{
	for (int i = 0; i < b->nr_avail; i++)
		if (b->avail[i].node == node)
			return &b->avail[i];
	if (b->nr_avail >= MS_MAX_NODES)
		return NULL;
	b->avail[b->nr_avail] = (struct ms_node_avail){ .node = node };
	return &b->avail[b->nr_avail++];
}

static void derive_avail(struct ms_buddy *b)
{
	b->nr_avail = 0;
	for (int i = 0; i < b->nr_zones; i++) {
		const struct ms_zone *z = &b->zones[i];
		struct ms_node_avail *a = avail_of(b, z->node);

		for (int o = 0; a && o < MS_MAX_ORDER; o++)
			for (int k = o; k < z->nr_orders && k < MS_MAX_ORDER;
			     k++)
				if (ms_have(z->free_blocks[k]))
					a->blocks[o] += z->free_blocks[k]
							<< (k - o);
	}
}

uint64_t ms_node_avail(const struct ms_buddy *b, int node, int o)
{
	for (int i = 0; i < b->nr_avail; i++)
		if (b->avail[i].node == node)
			return o >= 0 && o < MS_MAX_ORDER ?
				       b->avail[i].blocks[o] :
				       0;
	return 0;
}

/*
 * MemFree is the kernel's NR_FREE_PAGES, the sum of the zones' free pages,
 * give or take the per-cpu counters' drift. A kernel that initialises the
 * struct pages of the highest zone on demand (not at boot as upstream's
 * page_alloc_init_late() does) counts the memory it has not handed over
 * yet as free while it is not managed and in no free list: the gap, when
 * it is at least a 128 MiB section and 1 % of MemTotal and present -
 * managed covers it.
 */
static void derive_lazy(struct ms_snapshot *s)
{
	uint64_t ps = s->slab.page_size ? s->slab.page_size : 4096;
	uint64_t kb = ms_kv_get(&s->meminfo, "MemFree");
	uint64_t total = ms_kv_get(&s->meminfo, "MemTotal");
	uint64_t zfree = 0, unmanaged = 0, mfree, gap;
	struct ms_buddy *b = &s->buddy;

	b->lazy_free = MS_NA;
	if (!ms_have(kb) || !ms_have(total) || !b->nr_zones)
		return;
	for (int i = 0; i < b->nr_zones; i++) {
		const struct ms_zone *z = &b->zones[i];
		uint64_t f = ms_have(z->zi_free) ? z->zi_free : z->free_pages;

		if (!ms_have(f))
			return;
		zfree += f;
		if (ms_have(z->present) && ms_have(z->managed) &&
		    z->present > z->managed)
			unmanaged += z->present - z->managed;
	}
	mfree = kb * 1024 / ps;
	gap = mfree > zfree ? mfree - zfree : 0;
	if (gap * ps < (128ULL << 20) || gap * ps * 100 < total * 1024 ||
	    gap > unmanaged)
		gap = 0;
	b->lazy_free = gap;
}

void ms_derive_sums(struct ms_snapshot *s)
{
	for (int i = 0; i < MS_VMSUM_N; i++)
		s->reclaim.sum[i] =
			sum_counter(&s->reclaim.vmstat, ms_vmsum_keys[i]);
	derive_avail(&s->buddy);
	ms_derive_frag_applies(&s->buddy);
	derive_lazy(s);
}
