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
#define SEC(s, n)                              \
	{                                      \
		.sec = MS_SEC_##s, .name = (n) \
	}
/* a section that the notes of the files it reads can also explain */
#define SECN(s, n, ...)                                                        \
	{                                                                      \
		.sec = MS_SEC_##s, .name = (n), .notes = (const char *const[]) \
		{                                                              \
			__VA_ARGS__, NULL                                      \
		}                                                              \
	}
#define SEC_END           \
	{                 \
		.sec = -1 \
	}
/* key, the sections that write it, those adding keys to it, its pass */
#define PART(k, s, i, p)                                          \
	{                                                         \
		.key = (k), .secs = (s), .into = (i), .pass = (p) \
	}
#define T(name, t, type) MS_RTABLE(name, t, struct type)
#define TABLE_END             \
	{                     \
		NULL, NULL, 0 \
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
	.tables = (const struct ms_rtable[]){ TABLE_END },
};

const struct ms_area ms_area_buddy = {
	.name = "buddy",
	.tab = BIT(BUDDY) | BIT(BUDDY_EVENTS),
	.secs = (const struct ms_area_sec[]){ SECN(BUDDY, "buddy", "buddyinfo"),
					      SEC(BUDDY_EVENTS, "buddy_events"),
					      SEC(ALLOC_PROBE, "alloc_probe"),
					      SECN(PHYSMAP, "physmap",
						   "census"),
					      SEC_END },
	.parts =
		(const struct ms_part[]){
			PART("buddy", BIT(BUDDY), BIT(BUDDY_EVENTS),
			     MS_PASS_CORE),
			/* model/physmap.c */
			{ .key = "physmap",
			  .secs = BIT(PHYSMAP),
			  .pass = MS_PASS_CORE,
			  .fields = ms_physmap_fields,
			  .off = offsetof(struct ms_snapshot, physmap),
			  .title = "Physical memory map" },
			PART("alloc_probe", BIT(ALLOC_PROBE), 0, MS_PASS_KMOD),
			PART_END },
	.tables =
		(const struct ms_rtable[]){
			T("zone", ms_zone_fields, ms_zone),
			T("buddy events", ms_buddy_events_fields,
			  ms_buddy_events),
			T("extfrag", ms_extfrag_fields, ms_extfrag_event),
			T("alloc order", ms_alloc_order_fields, ms_alloc_order),
			T("physmap", ms_physmap_fields, ms_physmap),
			T("physmap zone", ms_pm_zone_fields, ms_pm_zone),
			T("physmap block", ms_pm_block_fields, ms_census_block),
			TABLE_END },
};

const struct ms_area ms_area_slab = {
	.name = "slab",
	.tab = BIT(SLAB) | BIT(SLAB_EVENTS),
	.secs = (const struct ms_area_sec[]){ SECN(SLAB, "slab", "slabinfo"),
					      SECN(SLAB_DETAIL, "slab_detail",
						   "slab detail"),
					      SEC(SLAB_EVENTS, "slab_events"),
					      SEC(SLAB_BENCH, "slab_bench"),
					      SEC_END },
	.parts =
		(const struct ms_part[]){
			PART("slab", BIT(SLAB), BIT(SLAB_EVENTS), MS_PASS_CORE),
			PART("slab_bench", BIT(SLAB_BENCH), 0, MS_PASS_KMOD),
			PART_END },
	.tables =
		(const struct ms_rtable[]){
			T("slab cache", ms_slab_cache_fields, ms_slab_cache),
			T("slab detail", ms_slab_detail_fields, ms_slab_detail),
			T("slab events", ms_slab_events_fields, ms_slab_events),
			T("callsite", ms_callsite_fields, ms_callsite),
			T("bench result", ms_bench_result_fields,
			  ms_bench_result),
			T("slab bench", ms_slab_bench_fields, ms_slab_bench),
			TABLE_END },
};

/* The BPF backend's costs: no section, written while it is open. */
const struct ms_area ms_area_bpf = {
	.secs = (const struct ms_area_sec[]){ SEC_END },
	.parts = (const struct ms_part[]){ PART("bpf", 0, 0, MS_PASS_EVENTS),
					   PART_END },
	.tables =
		(const struct ms_rtable[]){
			T("bpf", ms_bpf_fields, ms_bpf_info),
			T("bpf prog", ms_bpf_prog_fields, ms_bpf_prog_stat),
			TABLE_END },
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
	.tables =
		(const struct ms_rtable[]){
			T("proc", ms_proc_fields, ms_proc),
			T("vma", ms_vma_fields, ms_vma),
			T("vma smaps", ms_vma_smaps_fields, ms_vma),
			T("vma sum", ms_vma_sum_fields, ms_vma_sum),
			T("folio size", ms_folio_size_fields, ms_folio_size),
			T("fault events", ms_fault_events_fields,
			  ms_fault_events),
			T("fault proc", ms_fault_proc_fields, ms_fault_proc),
			TABLE_END },
};

const struct ms_area ms_area_reclaim = {
	.name = "reclaim",
	.tab = BIT(RECLAIM) | BIT(RECLAIM_EVENTS) | BIT(TASK_DELAYS),
	.secs =
		(const struct ms_area_sec[]){
			SECN(RECLAIM, "reclaim", "vmstat"),
			SEC(RECLAIM_EVENTS, "reclaim_events"),
			SEC(TASK_DELAYS, "task_delays"), SEC_END },
	.parts = (const struct ms_part[]){ PART("reclaim", BIT(RECLAIM),
						BIT(RECLAIM_EVENTS) |
							BIT(TASK_DELAYS),
						MS_PASS_CORE),
					   PART_END },
	.tables =
		(const struct ms_rtable[]){
			T("psi", ms_psi_fields, ms_psi_line),
			T("swap", ms_swap_fields, ms_swapdev),
			T("zram", ms_zram_fields, ms_zram),
			T("reclaim events", ms_reclaim_events_fields,
			  ms_reclaim_events),
			T("latency", ms_latency_fields, ms_latency),
			T("reclaimer", ms_reclaimer_fields, ms_reclaimer),
			T("kswapd", ms_kswapd_fields, ms_kswapd),
			T("shrinker", ms_shrinker_fields, ms_shrinker),
			T("oom", ms_oom_fields, ms_oom_event),
			T("cgroup reclaim", ms_cg_reclaim_fields,
			  ms_cg_reclaim),
			T("stall", ms_stall_fields, ms_latency),
			T("task delays", ms_task_delays_fields, ms_task_delays),
			T("task delay", ms_task_delay_fields, ms_task_delay),
			TABLE_END },
};

const struct ms_area ms_area_numa = {
	.name = "numa",
	.tab = BIT(NUMA) | BIT(NUMA_EVENTS),
	.secs = (const struct ms_area_sec[]){ SECN(NUMA, "numa", "numa_online"),
					      SEC(NUMA_EVENTS, "numa_events"),
					      SEC_END },
	.parts = (const struct ms_part[]){ PART("numa", BIT(NUMA),
						BIT(NUMA_EVENTS), MS_PASS_CORE),
					   PART_END },
	.tables =
		(const struct ms_rtable[]){
			T("numa node", ms_numa_node_fields, ms_numa_node),
			T("numa events", ms_numa_events_fields, ms_numa_events),
			T("migrate reason", ms_migrate_reason_fields,
			  ms_migrate_reason),
			T("numa hint", ms_numa_hint_fields, ms_numa_hint),
			TABLE_END },
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

static bool names_sec(const struct ms_area_sec *x, const char *what)
{
	if (!strcmp(what, x->name))
		return true;
	for (const char *const *n = x->notes; n && *n; n++)
		if (!strcmp(what, *n))
			return true;
	return false;
}

const struct ms_note *ms_note_missing(const struct ms_snapshot *s,
				      enum ms_section sec)
{
	const struct ms_area *a = ms_area_of(sec);
	const struct ms_area_sec *x = a ? a->secs : NULL;

	while (x && x->sec >= 0 && x->sec != (int)sec)
		x++;
	if (!x || x->sec < 0)
		return NULL;
	for (int i = 0; i < s->nr_notes; i++)
		if (names_sec(x, s->notes[i].what))
			return &s->notes[i];
	return NULL;
}

const struct ms_area *ms_area_by_name(const char *name)
{
	for (int i = 0; name && ms_areas[i]; i++)
		if (ms_areas[i]->name && !strcmp(ms_areas[i]->name, name))
			return ms_areas[i];
	return NULL;
}
