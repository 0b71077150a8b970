// SPDX-License-Identifier: GPL-2.0
/*
 * The events sections' part of the JSON document (store/json_tail.h):
 * where the keys of store/json_events.c and store/json_live.c go, inside
 * the core sections' objects or in objects of their own after them.
 */
#include "store/json_tail.h"

#include "store/json_events.h"
#include "store/json_live.h"

#define WANT(sec) ((sections & MS_SEC_BIT(sec)) && (s->have & MS_SEC_BIT(sec)))

void ms_json_events_into(struct ms_jw *w, const struct ms_snapshot *s,
			 unsigned int sections, enum ms_section sec)
{
	bool into = sections & s->have & MS_SEC_BIT(sec);

	switch (sec) {
	case MS_SEC_BUDDY:
		if (WANT(MS_SEC_BUDDY_EVENTS))
			ms_json_buddy_events(w, &s->buddy_events);
		break;
	case MS_SEC_SLAB:
		if (WANT(MS_SEC_SLAB_EVENTS))
			ms_json_slab_events(w, s, into);
		break;
	case MS_SEC_RECLAIM:
		if (WANT(MS_SEC_RECLAIM_EVENTS))
			ms_json_reclaim_events(w, &s->reclaim_events);
		if (WANT(MS_SEC_TASK_DELAYS))
			ms_json_task_delays(w, &s->task_delays);
		break;
	case MS_SEC_NUMA:
		if (WANT(MS_SEC_NUMA_EVENTS))
			ms_json_numa_events(w, &s->numa_events);
		break;
	default:
		break;
	}
}

/* The object of core section sec for its events alone. */
static void alone(struct ms_jw *w, const struct ms_snapshot *s,
		  unsigned int sections, unsigned int core, enum ms_section sec,
		  bool events)
{
	if (!events || (core & MS_SEC_BIT(sec)))
		return;
	ms_jw_obj(w, ms_section_name(sec));
	ms_json_events_into(w, s, sections, sec);
	ms_jw_end(w);
}

void ms_json_events_rest(struct ms_jw *w, const struct ms_snapshot *s,
			 unsigned int sections, unsigned int core)
{
	alone(w, s, sections, core, MS_SEC_BUDDY, WANT(MS_SEC_BUDDY_EVENTS));
	alone(w, s, sections, core, MS_SEC_SLAB, WANT(MS_SEC_SLAB_EVENTS));
	if (s->bpf.open)
		ms_json_bpf(w, &s->bpf);
	if (WANT(MS_SEC_FAULT_EVENTS))
		ms_json_fault_events(w, &s->fault_events);
	alone(w, s, sections, core, MS_SEC_RECLAIM,
	      WANT(MS_SEC_RECLAIM_EVENTS) || WANT(MS_SEC_TASK_DELAYS));
	alone(w, s, sections, core, MS_SEC_NUMA, WANT(MS_SEC_NUMA_EVENTS));
}
