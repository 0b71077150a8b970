/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The events sections' part of the JSON document (probes/bpf, taskstats):
 * the keys they add to an area's object (model/area.h ms_part.into).
 */
#ifndef MS_STORE_JSON_TAIL_H
#define MS_STORE_JSON_TAIL_H

#include "model/area.h"
#include "store/jw.h"

/*
 * Inside the open object of part p of area a, after its own keys (or
 * alone, when its core sections were not written): the keys of the
 * events sections in p->into that are in want (asked for and filled),
 * in the area's section order.
 */
void ms_json_events_into(struct ms_jw *w, const struct ms_snapshot *s,
			 unsigned int want, const struct ms_area *a,
			 const struct ms_part *p);

#endif
