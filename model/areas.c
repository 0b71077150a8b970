// SPDX-License-Identifier: GPL-2.0
/*
 * The areas memscope had before the registry (model/area.h): their
 * sections, tabs and JSON members. Their bodies are irregular (maps keyed
 * by kernel names, vectors per migrate type, the VMA stream), so each
 * layer writes them by hand, found by key or section; a new area with
 * fields needs none of that.
 */
#include "model/area.h"

#include <string.h>

#define BIT(sec) MS_SEC_BIT(MS_SEC_##sec)
#define SEC(sec, name)             \
	{                          \
		MS_SEC_##sec, name \
	}
#define SEC_END          \
	{                \
		-1, NULL \
	}
/* key, the sections that write it, those adding keys to it, its pass */
#define PART(k, s, i, p)                                          \
	{                                                         \
		.key = (k), .secs = (s), .into = (i), .pass = (p) \
	}
#define PART_END            \
	{                   \
		.key = NULL \
	}

const struct ms_area ms_area_meminfo = {
	.secs = (const struct ms_area_sec[]){ SEC(MEMINFO, "meminfo"),
					      SEC_END },
	.parts = (const struct ms_part[]){ PART("meminfo", BIT(MEMINFO), 0,
						MS_PASS_CORE),
					   PART_END },
};

const struct ms_area ms_area_buddy = {
	.name = "buddy",
	.tab = BIT(BUDDY) | BIT(BUDDY_EVENTS),
	.secs = (const struct ms_area_sec[]){ SEC(BUDDY, "buddy"),
					      SEC(BUDDY_EVENTS, "buddy_events"),
					      SEC(ALLOC_PROBE, "alloc_probe"),
					      SEC_END },
	.parts =
		(const struct ms_part[]){
			PART("buddy", BIT(BUDDY), BIT(BUDDY_EVENTS),
			     MS_PASS_CORE),
			PART("alloc_probe", BIT(ALLOC_PROBE), 0, MS_PASS_KMOD),
			PART_END },
};

const struct ms_area ms_area_slab = {
	.name = "slab",
	.tab = BIT(SLAB) | BIT(SLAB_EVENTS),
	.secs = (const struct ms_area_sec[]){ SEC(SLAB, "slab"),
					      SEC(SLAB_DETAIL, "slab_detail"),
					      SEC(SLAB_EVENTS, "slab_events"),
					      SEC(SLAB_BENCH, "slab_bench"),
					      SEC_END },
	.parts =
		(const struct ms_part[]){
			PART("slab", BIT(SLAB), BIT(SLAB_EVENTS), MS_PASS_CORE),
			PART("slab_bench", BIT(SLAB_BENCH), 0, MS_PASS_KMOD),
			PART_END },
};

/* The BPF backend's costs: no section, written while it is open. */
const struct ms_area ms_area_bpf = {
	.secs = (const struct ms_area_sec[]){ SEC_END },
	.parts = (const struct ms_part[]){ PART("bpf", 0, 0, MS_PASS_EVENTS),
					   PART_END },
};

const struct ms_area ms_area_vma = {
	.name = "vma",
	.tab = BIT(PROCS) | BIT(FAULT_EVENTS),
	.secs = (const struct ms_area_sec[]){ SEC(PROCS, "processes"),
					      SEC(VMAS, "vmas"),
					      SEC(MAPLE, "maple"),
					      SEC(FAULT_EVENTS, "fault_events"),
					      SEC_END },
	.parts =
		(const struct ms_part[]){
			PART("processes", BIT(PROCS), 0, MS_PASS_CORE),
			PART("vmas", BIT(VMAS) | BIT(MAPLE), 0, MS_PASS_CORE),
			PART("fault_events", BIT(FAULT_EVENTS), 0,
			     MS_PASS_EVENTS),
			PART_END },
};

const struct ms_area ms_area_reclaim = {
	.name = "reclaim",
	.tab = BIT(RECLAIM) | BIT(RECLAIM_EVENTS) | BIT(TASK_DELAYS),
	.secs = (const struct ms_area_sec[]){ SEC(RECLAIM, "reclaim"),
					      SEC(RECLAIM_EVENTS,
						  "reclaim_events"),
					      SEC(TASK_DELAYS, "task_delays"),
					      SEC_END },
	.parts = (const struct ms_part[]){ PART("reclaim", BIT(RECLAIM),
						BIT(RECLAIM_EVENTS) |
							BIT(TASK_DELAYS),
						MS_PASS_CORE),
					   PART_END },
};

const struct ms_area ms_area_numa = {
	.name = "numa",
	.tab = BIT(NUMA) | BIT(NUMA_EVENTS),
	.secs = (const struct ms_area_sec[]){ SEC(NUMA, "numa"),
					      SEC(NUMA_EVENTS, "numa_events"),
					      SEC_END },
	.parts = (const struct ms_part[]){ PART("numa", BIT(NUMA),
						BIT(NUMA_EVENTS), MS_PASS_CORE),
					   PART_END },
};

#define MS_AREA(a, kind) &ms_area_##a,
const struct ms_area *const ms_areas[] = {
#include "model/areas.def"
	NULL,
};
#undef MS_AREA

const struct ms_area *ms_area_of(enum ms_section sec)
{
	for (int i = 0; ms_areas[i]; i++)
		for (const struct ms_area_sec *x = ms_areas[i]->secs;
		     x->sec >= 0; x++)
			if (x->sec == (int)sec)
				return ms_areas[i];
	return NULL;
}

const struct ms_area *ms_area_by_name(const char *name)
{
	for (int i = 0; name && ms_areas[i]; i++)
		if (ms_areas[i]->name && !strcmp(ms_areas[i]->name, name))
			return ms_areas[i];
	return NULL;
}
