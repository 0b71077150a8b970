/* SPDX-License-Identifier: GPL-2.0 */
/* The JSON of the buddy and slab event sections and of the BPF backend. */
#ifndef MS_STORE_JSON_EVENTS_H
#define MS_STORE_JSON_EVENTS_H

#include "store/codec.h"

/* The keys the buddy events add to the open "buddy" object. */
void ms_json_buddy_events(struct ms_jw *w, const struct ms_buddy_events *e);
/*
 * The keys the slab events add to the open "slab" object; into: slab's
 * own keys were written (its caches carry the rates), else the caches
 * with their rates are written here.
 */
void ms_json_slab_events(struct ms_jw *w, const struct ms_snapshot *s,
			 bool into);
/* "bpf": the groups attached and their programs' costs. */
void ms_json_bpf(struct ms_jw *w, const struct ms_bpf_info *b);

#endif
