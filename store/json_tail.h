/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The events sections' part of the JSON document (probes/bpf, taskstats):
 * keys they add inside the buddy, slab, reclaim and numa objects, and the
 * objects they make after the core sections.
 */
#ifndef MS_STORE_JSON_TAIL_H
#define MS_STORE_JSON_TAIL_H

#include "model/snapshot.h"
#include "store/jw.h"

/*
 * Inside the open object of core section sec (MS_SEC_BUDDY, _SLAB,
 * _RECLAIM, _NUMA), after its own keys: the keys the events add to it.
 * sections: what the document was asked for.
 */
void ms_json_events_into(struct ms_jw *w, const struct ms_snapshot *s,
			 unsigned int sections, enum ms_section sec);
/*
 * After the core sections, in this order: the buddy and slab objects of
 * the events whose core section was not written (core: the MS_SEC_BIT()s
 * of those that were), "bpf", "fault_events", then the reclaim (events,
 * task delays) and numa objects likewise.
 */
void ms_json_events_rest(struct ms_jw *w, const struct ms_snapshot *s,
			 unsigned int sections, unsigned int core);

#endif
