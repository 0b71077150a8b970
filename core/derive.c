// SPDX-License-Identifier: GPL-2.0
/* Values computed from raw ones, the same whichever backend fed them. */
#include "core/frag.h"
#include "core/snapshot.h"

#include <math.h>

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

static void derive_vmas(struct ms_vmas *v)
{
	for (int i = 0; i < MS_VMA_NKINDS; i++)
		v->kind[i] = (struct ms_vma_sum){ 0 };
	v->total = (struct ms_vma_sum){ 0 };
	for (int i = 0; i < v->n; i++) {
		const struct ms_vma *m = &v->v[i];

		if (m->kind < MS_VMA_NKINDS)
			sum_add(&v->kind[m->kind], m);
		sum_add(&v->total, m);
	}
}

void ms_derive(struct ms_snapshot *s)
{
	ms_derive_buddy(&s->buddy);
	derive_slab(&s->slab);
	derive_vmas(&s->vmas);
}
