// SPDX-License-Identifier: GPL-2.0
/*
 * The keys the events sections add to an area's object (store/json_tail.h),
 * written by store/json_events.c and store/json_live.c, by section; and
 * the page cache's files in "memory" (model/pcache.c).
 */
#include "store/json_tail.h"

#include "store/json_events.h"
#include "store/json_live.h"

static void buddy_ev(struct ms_jw *w, const struct ms_snapshot *s, bool core)
{
	ms_json_buddy_events(w, &s->buddy_events);
}

static void slab_ev(struct ms_jw *w, const struct ms_snapshot *s, bool core)
{
	ms_json_slab_events(w, s, core);
}

static void reclaim_ev(struct ms_jw *w, const struct ms_snapshot *s, bool core)
{
	ms_json_reclaim_events(w, &s->reclaim_events);
}

static void delays_ev(struct ms_jw *w, const struct ms_snapshot *s, bool core)
{
	ms_json_task_delays(w, &s->task_delays);
}

static void numa_ev(struct ms_jw *w, const struct ms_snapshot *s, bool core)
{
	ms_json_numa_events(w, &s->numa_events);
}

static void pcache_ev(struct ms_jw *w, const struct ms_snapshot *s, bool core)
{
	ms_json_fields(w, ms_pcache_fields, &s->pcache, 0);
}

/* core: the part's own object was written (its keys come first) */
static const struct {
	int sec; /* enum ms_section */
	void (*into)(struct ms_jw *w, const struct ms_snapshot *s, bool core);
} intos[] = {
	{ MS_SEC_BUDDY_EVENTS, buddy_ev },
	{ MS_SEC_SLAB_EVENTS, slab_ev },
	{ MS_SEC_RECLAIM_EVENTS, reclaim_ev },
	{ MS_SEC_TASK_DELAYS, delays_ev },
	{ MS_SEC_NUMA_EVENTS, numa_ev },
	{ MS_SEC_PAGECACHE_FILES, pcache_ev },
};

void ms_json_events_into(struct ms_jw *w, const struct ms_snapshot *s,
			 unsigned int want, const struct ms_area *a,
			 const struct ms_part *p)
{
	bool core = p->secs & want;

	for (const struct ms_area_sec *x = a->secs; x->sec >= 0; x++) {
		if (!(p->into & want & MS_SEC_BIT(x->sec)))
			continue;
		for (size_t i = 0; i < sizeof(intos) / sizeof(intos[0]); i++)
			if (intos[i].sec == x->sec)
				intos[i].into(w, s, core);
	}
}
