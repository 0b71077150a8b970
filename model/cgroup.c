// SPDX-License-Identifier: GPL-2.0
/*
 * The Cgroup area (model/cgroup.h): its field tables, which the JSON, the
 * replay, the text and OpenMetrics walk, and its entry in the registry.
 */
#include "model/area.h"
#include "model/field.h"

#include <string.h>

#define NA MS_FF_NA

#define PSI(o, w, k, ex)                                            \
	MS_FIELD(struct ms_cgroup, o.w, MS_F_DBL, k, NA, "%", ex,   \
		 .metric = "memscope_cgroup_pressure_" #o "_ratio", \
		 .help = "memory.pressure " #o " stall averages",   \
		 .lkey = "window", .lval = k)
#define PSIT(o)                                                          \
	MS_FIELD(struct ms_cgroup, o.total, MS_F_U64, "total", NA, "us", \
		 "cgroup.psi_total",                                     \
		 .metric = "memscope_cgroup_pressure_" #o "_seconds",    \
		 .help = "memory.pressure " #o " time stalled",          \
		 .om = MS_OM_COUNTER)

static const struct ms_field psi_some[] = {
	PSI(some, avg10, "avg10", "cgroup.psi"),
	PSI(some, avg60, "avg60", "cgroup.psi"),
	PSI(some, avg300, "avg300", "cgroup.psi"), PSIT(some), MS_FIELD_END
};

static const struct ms_field psi_full[] = {
	PSI(full, avg10, "avg10", "cgroup.psi"),
	PSI(full, avg60, "avg60", "cgroup.psi"),
	PSI(full, avg300, "avg300", "cgroup.psi"), PSIT(full), MS_FIELD_END
};

static const struct ms_field psi[] = {
	MS_FIELD_OBJ("some", psi_some, .flags = NA),
	MS_FIELD_OBJ("full", psi_full, .flags = NA), MS_FIELD_END
};

#define C(m, ty, k, fl, u, ex, ...) \
	MS_FIELD(struct ms_cgroup, m, ty, k, fl, u, ex, __VA_ARGS__)
#define LIM(m, k, lv, ex, hd, ord)                                             \
	C(m, MS_F_U64, k, NA, "kB", ex,                                        \
	  .metric = "memscope_cgroup_limit_bytes",                             \
	  .help = "Memory cgroup limits (absent: unlimited)", .lkey = "limit", \
	  .lval = lv, .th = hd, .tw = 9, .txo = ord)

const struct ms_field ms_cgroup_fields[] = {
	C(path, MS_F_PSTR, "path", 0, NULL, "cgroup.path", .th = "PATH",
	  .tw = -1, .txo = 20),
	C(version, MS_F_INT, "version", NA, NULL, "cgroup.version", .th = "V",
	  .tw = 1, .txo = 1),
	C(current_kb, MS_F_U64, "current_kb", NA, "kB", "cgroup.current",
	  .metric = "memscope_cgroup_usage_bytes",
	  .help = "Memory charged to the cgroup (memory.current, v1 "
		  "memory.usage_in_bytes)",
	  .th = "USAGE_KB", .tw = 10, .txo = 2),
	LIM(max_kb, "max_kb", "max", "cgroup.max", "MAX_KB", 3),
	LIM(high_kb, "high_kb", "high", "cgroup.high", "HIGH_KB", 4),
	LIM(low_kb, "low_kb", "low", "cgroup.low", NULL, 0),
	LIM(min_kb, "min_kb", "min", "cgroup.min", NULL, 0),
	C(peak_kb, MS_F_U64, "peak_kb", NA, "kB", "cgroup.peak",
	  .metric = "memscope_cgroup_peak_bytes",
	  .help = "Highest usage recorded (memory.peak, v1 "
		  "max_usage_in_bytes)",
	  .th = "PEAK_KB", .tw = 10, .txo = 5),
	C(swap_kb, MS_F_U64, "swap_kb", NA, "kB", "cgroup.swap",
	  .metric = "memscope_cgroup_swap_bytes",
	  .help = "Swap charged to the cgroup (memory.swap.current, v1 "
		  "memory.memsw.usage_in_bytes less the usage)",
	  .th = "SWAP_KB", .tw = 9, .txo = 6),
	C(swap_max_kb, MS_F_U64, "swap_max_kb", NA, "kB", "cgroup.swap_max"),
	C(zswap_kb, MS_F_U64, "zswap_kb", NA, "kB", "cgroup.zswap",
	  .metric = "memscope_cgroup_zswap_bytes",
	  .help = "Compressed swap in zswap charged to the cgroup "
		  "(memory.zswap.current)"),
	C(zswap_max_kb, MS_F_U64, "zswap_max_kb", NA, "kB", "cgroup.zswap_max"),
	C(stat, MS_F_KV, "stat", NA, NULL, "cgroup.stat"),
	C(events, MS_F_KV, "events", NA, NULL, "cgroup.events"),
	C(events_local, MS_F_KV, "events_local", NA, NULL,
	  "cgroup.events_local"),
	MS_FIELD_OBJ("psi", psi, .flags = NA, .explain = "cgroup.psi"),
	C(numa, MS_F_KV2, "numa_stat", NA, NULL, "cgroup.numa_stat"),
	C(procs, MS_F_INT, "procs", NA, NULL, "cgroup.procs",
	  .metric = "memscope_cgroup_processes",
	  .help = "Processes in the cgroup (cgroup.procs)", .th = "PROCS",
	  .tw = 6, .txo = 7),
	C(threads, MS_F_INT, "threads", NA, NULL, "cgroup.threads",
	  .metric = "memscope_cgroup_threads",
	  .help = "Threads in the cgroup (cgroup.threads, v1 tasks)"),
	MS_FIELD_VEC(struct ms_cgroup, pids, MS_F_U64V, "pids", nr_pids,
		     MS_FF_SETN, NULL, "cgroup.pids"),
	C(dying, MS_F_U64, "dying", NA, NULL, "cgroup.dying",
	  .metric = "memscope_cgroup_dying_descendants",
	  .help = "Dying descendant cgroups (cgroup.stat "
		  "nr_dying_descendants)",
	  .th = "DYING", .tw = 5, .txo = 8),
	C(current_kb_per_s, MS_F_DBL, "current_kb_per_s", MS_FF_RATE | NA,
	  "kB/s", "cgroup.current_rate", .th = "KB/S", .tw = 9, .tp = 1,
	  .txo = 9),
	C(stat, MS_F_KV, "stat_rates", MS_FF_RATE | NA, "/s",
	  "cgroup.stat_rates"),
	C(events, MS_F_KV, "events_rates", MS_FF_RATE | NA, "/s",
	  "cgroup.events_rates"),
	MS_FIELD_END
};

const struct ms_field ms_cgroups_fields[] = {
	MS_FIELD_LIST(struct ms_cgroups, v, n, cap, "cgroups",
		      ms_cgroup_fields),
	MS_FIELD_END
};

/*
 * The memory.stat items that count events (mm/memcontrol.c memory_stats
 * and vm_event items, memcontrol-v1.c's pgpgin/pgfault): their rates are
 * rates; every other item is an amount whose rate is its growth.
 */
bool ms_cg_stat_counter(const char *name)
{
	static const char *const pre[] = { "pg",
					   "workingset_refault",
					   "workingset_activate",
					   "workingset_restore",
					   "workingset_nodereclaim",
					   "thp_fault_alloc",
					   "thp_collapse_alloc",
					   "thp_swpout",
					   "zswpin",
					   "zswpout",
					   "zswpwb",
					   "swpin",
					   "swpout" };

	if (!strncmp(name, "total_", 6))
		name += 6;
	for (size_t i = 0; i < sizeof(pre) / sizeof(pre[0]); i++)
		if (!strncmp(name, pre[i], strlen(pre[i])))
			return true;
	return false;
}

const struct ms_area ms_area_cgroup = {
	/* batch --tab cgroup; the explorer's tab comes later */
	.name = "cgroup",
	.tab = MS_SEC_BIT(MS_SEC_CGROUP),
	.secs =
		(const struct ms_area_sec[]){
			{ .sec = MS_SEC_CGROUP,
			  .name = "cgroup",
			  .notes = (const char *const[]){ "cgroup_mount",
							  NULL } },
			{ .sec = -1 } },
	.parts = (const struct ms_part[]){ { .key = "cgroups",
					     .secs = MS_SEC_BIT(MS_SEC_CGROUP),
					     .pass = MS_PASS_CORE,
					     .fields = ms_cgroups_fields,
					     .off = offsetof(struct ms_snapshot,
							     cgroups),
					     .title = "Cgroups" },
					   { .key = NULL } },
	.tables =
		(const struct ms_rtable[]){
			MS_RTABLE("cgroups", ms_cgroups_fields,
				  struct ms_cgroups),
			MS_RTABLE("cgroup", ms_cgroup_fields, struct ms_cgroup),
			{ NULL, NULL, 0 } },
};
