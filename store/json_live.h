/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The JSON of the fault, reclaim and NUMA event sections (probes/bpf)
 * and of the task delays (probes/taskstats).
 */
#ifndef MS_OUT_JSON_LIVE_H
#define MS_OUT_JSON_LIVE_H

#include <json-c/json.h>

#include "model/snapshot.h"

/* Add fault_events, reclaim.* and numa.* event keys to top (docs/json.md). */
void ms_json_live(struct json_object *top, const struct ms_snapshot *s,
		  unsigned int sections);

#endif
