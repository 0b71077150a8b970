/* SPDX-License-Identifier: GPL-2.0 */
/* The JSON of the live event sections and of the BPF backend itself. */
#ifndef MS_OUT_JSON_EVENTS_H
#define MS_OUT_JSON_EVENTS_H

#include <json-c/json.h>

#include "model/snapshot.h"

/* Add buddy/slab event keys and "bpf" to top (docs/json.md). */
void ms_json_events(struct json_object *top, const struct ms_snapshot *s,
		    unsigned int sections);

#endif
