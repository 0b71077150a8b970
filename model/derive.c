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
			c->size_bytes = c->num_slabs * c->pagesperslab *
					s->page_size;
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
	}
	for (int i = 0; i < e->n; i++) {
		const struct ms_slab_rate *r = &e->v[i];
		struct ms_slab_cache *c = NULL;

		if (i < sl->n && !strcmp(sl->caches[i].name, r->name))
			c = &sl->caches[i];
		for (int j = 0; !c && j < sl->n; j++)
			if (!strcmp(sl->caches[j].name, r->name))
				c = &sl->caches[j];
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
		c->free_rate = r->free_rate;
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
