// SPDX-License-Identifier: GPL-2.0
/* The Slab tab's live event section (probes/bpf): a cache's rates and its
 * top call sites. */
#include "tui/tabs/slab/slab.h"

#include "model/slabfree.h"
#include "tui/cut.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const struct ms_slab_rate *rate_of(const struct ms_slab_events *e,
					  const char *name)
{
	for (int i = 0; i < e->n; i++)
		if (!strcmp(e->v[i].name, name))
			return &e->v[i];
	return NULL;
}

static void cache_rates(struct ms_screen *l, const struct ms_slab_events *e,
			const char *cache)
{
	const struct ms_slab_rate *r = rate_of(e, cache);
	char a[24], f[24], b[24], na[24], nf[24], buf[200];

	if (!r) {
		ms_screen_line(l, ms_attr(MS_C_DIM),
			       isnan(e->interval) ?
				       "attached just now: rates from the next "
				       "sample" :
				       "no allocations or frees since attach");
		return;
	}
	snprintf(buf, sizeof(buf),
		 "allocations %s/s, frees %s/s, allocated %s/s  (%s and "
		 "%s counted since attach)",
		 ms_fmt_marked(a, sizeof(a), ms_alloc_mark(r->free_src),
			       r->alloc_rate, 7),
		 ms_fmt_marked(f, sizeof(f), ms_free_mark(r->free_src),
			       r->free_rate, 7),
		 isnan(r->alloc_bytes_rate) ?
			 "-" :
			 ms_fmt_bytes(b, sizeof(b),
				      (uint64_t)llround(r->alloc_bytes_rate)),
		 /* a recording without the counts: "-", never 2^64-1 */
		 ms_fmt_u64(na, sizeof(na), r->allocs),
		 ms_fmt_u64(nf, sizeof(nf), r->frees));
	/* wrapped: at 80 columns the counts since attach were cut */
	ms_screen_wrapped(l, ms_attr(MS_C_NORMAL), buf);
	if (r->free_src == MS_FREE_DERIVED)
		ms_screen_wrapped(
			l, ms_attr(MS_C_DIM),
			"~ frees derived: allocations minus the growth of "
			"active objects (bulk and RCU frees fire no event)");
	else if (r->free_src == MS_FREE_INCONSISTENT)
		ms_screen_wrapped(l, ms_attr(MS_C_WARNING),
				  "? active objects grew beyond the counts: "
				  "allocations were missed (bulk)");
}

/* "  62.1%   3100  __d_alloc+0x2d < d_alloc_parallel+0x39 < ..." */
static void site_line(struct ms_screen *l, const struct ms_callsite *cs)
{
	char buf[MS_CALLSITE_DEPTH * (MS_SYM + 3) + 32], c[24];
	size_t off;

	off = (size_t)snprintf(buf, sizeof(buf), "%6.1f%% %7s ",
			       100 * cs->share,
			       ms_fmt_count(c, sizeof(c), cs->count, 7));
	for (int f = 0; f < cs->depth && off < sizeof(buf); f++)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%s%s",
					f ? " < " : " ", cs->sym[f]);
	/* symbols come from proc/kallsyms: escaped on the way out */
	{
		int y = ms_screen_next(l);

		if (y >= 0)
			ms_put_esc_cut(l->w, y, l->r.x, l->r.w,
				       ms_attr(MS_C_NORMAL), buf, l->ui);
	}
}

void ms_slab_events_screen(struct ms_screen *l, const struct ms_snapshot *s,
			   const char *cache, const struct ms_ui *ui)
{
	const struct ms_slab_events *e = &s->slab_events;
	const struct ms_note *no;
	const char *why;
	char buf[256], n[24];

	ms_screen_title(l, "Allocation rates and call sites (bpf)", ui);
	if (!ms_have_sec(s, MS_SEC_SLAB_EVENTS)) {
		why = ms_note_why(s, "slab_events");
		snprintf(buf, sizeof(buf), "unavailable: %s",
			 why ? why : "no backend provided it");
		ms_screen_line(l, ms_attr(MS_C_NOTE), buf);
		return;
	}
	ms_screen_tag(l, "slab.ev.rates");
	cache_rates(l, e, cache);
	ms_screen_tag(l, "slab.ev.callsites");
	if (!(e->fields & MS_SE_CALLSITES)) {
		no = ms_note_of_bpf(s, "ms_kcalloc");
		why = no ? no->why : NULL;
		snprintf(buf, sizeof(buf), "call sites unavailable: %s",
			 why ? why : "not collected");
		ms_screen_line(l, ms_attr(MS_C_NOTE), buf);
		return;
	}
	if (strcmp(e->target, cache) || !e->nr_sites) {
		ms_screen_line(
			l, ms_attr(MS_C_DIM),
			"call sites: no allocation from this cache since "
			"the screen opened");
		return;
	}
	snprintf(buf, sizeof(buf),
		 "%s allocations since the screen opened, by kernel stack "
		 "(allocation call site first, then its callers):",
		 ms_fmt_u64(n, sizeof(n), e->target_allocs));
	ms_screen_line(l, ms_attr(MS_C_DIM), buf);
	for (int i = 0; i < e->nr_sites; i++)
		site_line(l, &e->sites[i]);
}
