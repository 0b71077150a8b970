/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The JSON of the fault, reclaim and NUMA event sections (probes/bpf)
 * and of the task delays (probes/taskstats).
 */
#ifndef MS_STORE_JSON_LIVE_H
#define MS_STORE_JSON_LIVE_H

#include "store/codec.h"

/* "fault_events": the totals and the processes with faults. */
void ms_json_fault_events(struct ms_jw *w, const struct ms_fault_events *e);
/* The keys the reclaim events add to the open "reclaim" object. */
void ms_json_reclaim_events(struct ms_jw *w, const struct ms_reclaim_events *e);
/* "task_delays" (inside "reclaim"). */
void ms_json_task_delays(struct ms_jw *w, const struct ms_task_delays *d);
/* The keys the NUMA events add to the open "numa" object. */
void ms_json_numa_events(struct ms_jw *w, const struct ms_numa_events *e);

#endif
