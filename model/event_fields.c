// SPDX-License-Identifier: GPL-2.0
/*
 * The field tables of the live event sections and the task delays
 * (model/field.h): the order of a table is the order of the JSON keys;
 * lists, maps and computed values are MS_F_HAND rows the codec fills in.
 */
#include "model/field.h"

#define NA MS_FF_NA
#define RATE (MS_FF_NA | MS_FF_RATE)
#define HAND MS_FIELD_HAND

/* ---- buddy events -------------------------------------------------------- */

#define BE(m, ty, k, fl, u, ex, ...) \
	MS_FIELD(struct ms_buddy_events, m, ty, k, fl, u, ex, __VA_ARGS__)
#define BEV(m, ty, k, fl, u, ex, ...)                                        \
	MS_FIELD_VEC(struct ms_buddy_events, m, ty, k, nr_orders, fl, u, ex, \
		     __VA_ARGS__)

/* relative to struct ms_buddy_events, as the object is its member */
static const struct ms_field compaction_fields[] = {
	BE(compaction.runs, MS_F_U64, "runs", NA, NULL, "buddy.ev.compaction"),
	BE(compaction.direct, MS_F_U64, "direct", NA, NULL,
	   "buddy.ev.compaction"),
	BE(compaction.ended, MS_F_U64, "ended", NA, NULL,
	   "buddy.ev.compaction"),
	BE(compaction.runs_rate, MS_F_DBL, "per_s", RATE, "/s",
	   "buddy.ev.compaction",
	   .metric = "memscope_bpf_compaction_runs_per_second",
	   .help = "compaction runs begun per second"),
	BE(compaction.mean_us, MS_F_DBL, "mean_us", NA, "us",
	   "buddy.ev.compaction"),
	BE(compaction.max_us, MS_F_U64, "max_us", NA, "us",
	   "buddy.ev.compaction"),
	HAND("results", "buddy.ev.compaction"), /* {name: count} */
	HAND("latency_log2_us", "buddy.ev.compaction"), /* up to the last */
	MS_FIELD_END
};

const struct ms_field ms_buddy_events_fields[] = {
	BE(interval, MS_F_DBL, "events_interval_s", NA, "s", NULL),
	BEV(alloc_rate, MS_F_DBLV, "alloc_rate_per_order", RATE | MS_FF_SETN,
	    "/s", "buddy.ev.allocs", .need = MS_BE_ALLOC,
	    .metric = "memscope_bpf_page_allocs_per_second",
	    .help = "page allocations per second (kmem:mm_page_alloc)"),
	BEV(free_rate, MS_F_DBLV, "free_rate_per_order", RATE | MS_FF_SETN,
	    "/s", "buddy.ev.frees", .need = MS_BE_FREE,
	    .metric = "memscope_bpf_page_frees_per_second",
	    .help = "page frees per second (kmem:mm_page_free)"),
	BEV(fail_rate, MS_F_DBLV, "alloc_fail_rate_per_order", RATE, "/s",
	    "buddy.ev.failed", .need = MS_BE_ALLOC,
	    .metric = "memscope_bpf_page_alloc_failures_per_second",
	    .help = "allocations that returned no page, per second"),
	/* {migrate type: per order} */
	HAND("alloc_rate_per_migratetype", "buddy.ev.mt_allocs",
	     .need = MS_BE_ALLOC),
	BEV(free, MS_F_U64V, "frees_per_order", NA, NULL, "buddy.ev.frees",
	    .need = MS_BE_FREE),
	BEV(fail, MS_F_U64V, "alloc_failures_per_order", NA, NULL,
	    "buddy.ev.failed", .need = MS_BE_ALLOC),
	HAND("extfrag_events", "buddy.ev.fallbacks", .need = MS_BE_EXTFRAG),
	MS_FIELD_OBJ("compaction", compaction_fields, .need = MS_BE_COMPACT),
	MS_FIELD_END
};

/* struct ms_extfrag_event: the migrate types by name */
const struct ms_field ms_extfrag_fields[] = {
	HAND("wanted", "buddy.ev.fallbacks"),
	HAND("taken", "buddy.ev.fallbacks"),
	MS_FIELD(struct ms_extfrag_event, count, MS_F_U64, "count", NA, NULL,
		 "buddy.ev.fallbacks"),
	MS_FIELD(struct ms_extfrag_event, rate, MS_F_DBL, "per_s", RATE, "/s",
		 "buddy.ev.fallbacks"),
	MS_FIELD_END
};

/* ---- slab events --------------------------------------------------------- */

const struct ms_field ms_slab_events_fields[] = {
	MS_FIELD(struct ms_slab_events, interval, MS_F_DBL, "events_interval_s",
		 NA, "s", NULL),
	/* with slab's own keys the rates go into its caches, else here */
	HAND("caches", "slab.ev.rates"),
	/* only when kfree does not name its cache (before 6.13) */
	HAND("kfree_unknown_cache_per_s", "slab.ev.rates"),
	/* both only when a cache's call sites are asked for */
	HAND("callsites_cache", "slab.ev.callsites"),
	HAND("callsites", "slab.ev.callsites"), /* null: not counted */
	MS_FIELD_END
};

const struct ms_field ms_callsite_fields[] = {
	MS_FIELD(struct ms_callsite, count, MS_F_U64, "count", NA, NULL,
		 "slab.ev.callsites"),
	MS_FIELD(struct ms_callsite, share, MS_F_DBL, "share", NA, "ratio",
		 "slab.ev.callsites"),
	HAND("stack", "slab.ev.callsites"), /* symbols, the call site first */
	MS_FIELD_END
};

/* ---- the BPF backend ----------------------------------------------------- */

const struct ms_field ms_bpf_fields[] = {
	HAND("groups", NULL), /* attached now */
	MS_FIELD(struct ms_bpf_info, stats, MS_F_BOOL, "stats_enabled", 0, NULL,
		 NULL),
	HAND("stats", NULL), /* per program */
	MS_FIELD(struct ms_bpf_info, ns_rate, MS_F_DBL, "run_time_ns_per_s",
		 RATE, "ns/s", NULL),
	MS_FIELD(struct ms_bpf_info, cnt_rate, MS_F_DBL, "runs_per_s", RATE,
		 "/s", NULL),
	MS_FIELD(struct ms_bpf_info, own_excluded, MS_F_BOOL, "own_excluded", 0,
		 NULL, NULL),
	MS_FIELD(struct ms_bpf_info, own_events, MS_F_U64, "own_events", NA,
		 NULL, NULL),
	MS_FIELD(struct ms_bpf_info, own_rate, MS_F_DBL, "own_events_per_s",
		 RATE, "/s", NULL),
	MS_FIELD_END
};

#define BP(m, ty, k, fl, u) \
	MS_FIELD(struct ms_bpf_prog_stat, m, ty, k, fl, u, NULL)

const struct ms_field ms_bpf_prog_fields[] = {
	BP(name, MS_F_NAME, "name", 0, NULL),
	BP(group, MS_F_NAME, "group", 0, NULL),
	BP(run_ns, MS_F_U64, "run_time_ns", NA, "ns"),
	BP(run_cnt, MS_F_U64, "run_count", NA, NULL),
	BP(ns_rate, MS_F_DBL, "run_time_ns_per_s", RATE, "ns/s"),
	BP(cnt_rate, MS_F_DBL, "runs_per_s", RATE, "/s"),
	MS_FIELD_END
};

/* ---- faults -------------------------------------------------------------- */

const struct ms_field ms_fault_events_fields[] = {
	MS_FIELD(struct ms_fault_events, interval, MS_F_DBL, "interval_s", NA,
		 "s", NULL),
	HAND("counted", NULL), /* {group: bool} from fields */
	HAND("total", NULL), /* a process record, pid 0 */
	HAND("processes", NULL), /* process records */
	MS_FIELD(struct ms_fault_events, untracked, MS_F_U64, "untracked", NA,
		 NULL, NULL),
	MS_FIELD_END
};

/* One row per enum ms_fault_count, in its order: counts, then rates. */
#define FC(c, k, nd, ex)                                                   \
	MS_FIELD(struct ms_fault_proc, n[c], MS_F_U64, k, NA | MS_FF_OMIT, \
		 NULL, ex, .need = (nd))
/*
 * The rates' OpenMetrics families (for the total): the faults by kind, and
 * the time waited for mmap_lock as a ratio
 */
#define FAULT_FAMILY "memscope_bpf_page_faults_per_second"
#define LOCK_FAMILY "memscope_bpf_mmap_lock_wait_ratio"
#define IS_FAULT(c) ((c) < MS_FC_LOCK_WAITS)
#define FR(c, k, nd, ex)                                                      \
	MS_FIELD(struct ms_fault_proc, rate[c], MS_F_DBL, k,                  \
		 RATE | MS_FF_OMIT, (c) == MS_FC_LOCK_NS ? "ns/s" : "/s", ex, \
		 .need = (nd),                                                \
		 .metric = IS_FAULT(c)		? FAULT_FAMILY :              \
			   (c) == MS_FC_LOCK_NS ? LOCK_FAMILY :               \
						  NULL,                       \
		 .lkey = IS_FAULT(c) ? "kind" : NULL,                         \
		 .lval = IS_FAULT(c) ? (k) : NULL,                            \
		 .help = (c) == MS_FC_HW ?                                    \
				 "page faults of every process per second, "  \
				 "by kind" :                                  \
			 (c) == MS_FC_LOCK_NS ?                               \
				 "time spent waiting for mmap_lock per "      \
				 "second, all tasks" :                        \
				 NULL)
#define FAULT_COUNTS(F)                                                 \
	F(MS_FC_HW, "user_faults", MS_FE_HW, "vma.p.flt"),              \
		F(MS_FC_FAULTS, "faults", MS_FE_SPLIT, "vma.m.faults"), \
		F(MS_FC_MINOR, "minor", MS_FE_SPLIT, "vma.p.minflt"),   \
		F(MS_FC_MAJOR, "major", MS_FE_SPLIT, "vma.p.majflt"),   \
		F(MS_FC_ANON, "anon", MS_FE_SPLIT, "vma.p.anon"),       \
		F(MS_FC_FILE, "file", MS_FE_SPLIT, "vma.p.file"),       \
		F(MS_FC_WRITE, "write", MS_FE_HW, "vma.p.wp"),          \
		F(MS_FC_WP, "write_protect", MS_FE_HW, "vma.p.wp"),     \
		F(MS_FC_COW, "cow", MS_FE_COW, "vma.p.cow"),            \
		F(MS_FC_LOCK_WAITS, "mmap_lock_waits", MS_FE_LOCK,      \
		  "vma.p.lock"),                                        \
		F(MS_FC_LOCK_NS, "mmap_lock_wait_ns", MS_FE_LOCK,       \
		  "vma.p.lock"),                                        \
		F(MS_FC_LOCK_SLOW, "mmap_lock_slow_waits", MS_FE_LOCK,  \
		  "vma.p.lock")

const struct ms_field ms_fault_count_fields[MS_FC_COUNT + 1] = {
	FAULT_COUNTS(FC), MS_FIELD_END
};
const struct ms_field ms_fault_rate_fields[MS_FC_COUNT + 1] = {
	FAULT_COUNTS(FR), MS_FIELD_END
};

const struct ms_field ms_fault_proc_fields[] = {
	HAND("pid", "vma.p.pid"), /* both left out for the total */
	HAND("comm", "vma.p.comm"),
	MS_FIELD_OBJ("counts", ms_fault_count_fields),
	MS_FIELD_OBJ("per_s", ms_fault_rate_fields),
	MS_FIELD(struct ms_fault_proc, lock_max_ns, MS_F_U64,
		 "mmap_lock_max_wait_us", NA | MS_FF_OMIT, "us",
		 "vma.p.lockmax", .need = MS_FE_LOCK, .scale = 1e3),
	MS_FIELD_END
};

/* ---- reclaim events ------------------------------------------------------ */

#define L(m, ty, k, fl, u, ...)                                             \
	MS_FIELD(struct ms_latency, m, ty, k, fl, u, "reclaim.e.histogram", \
		 __VA_ARGS__)

/* Written inline after the fields of its owner (a process, a shrinker). */
const struct ms_field ms_latency_fields[] = {
	L(count, MS_F_U64, "count", NA, NULL),
	L(rate, MS_F_DBL, "per_s", RATE, "/s"),
	/* written for reading; read back from total_ns (older: total_ms) */
	L(total_ns, MS_F_U64, "total_ms", NA | MS_FF_NOREAD, "ms",
	  .scale = 1e6),
	L(total_ns, MS_F_U64, "total_ns", NA, "ns"),
	L(ns_rate, MS_F_DBL, "ms_per_s", RATE, "ms/s", .scale = 1e6),
	HAND("mean_us", "reclaim.e.proc.mean"), /* total / count, null none */
	L(max_ns, MS_F_U64, "max_us", NA, "us", .scale = 1e3),
	L(last, MS_F_DBL, "last", NA, "s"),
	HAND("buckets", "reclaim.e.histogram"), /* {lo_us, hi_us, count} */
	MS_FIELD_END
};

#define RE(m, ty, k, fl, u, ex, ...) \
	MS_FIELD(struct ms_reclaim_events, m, ty, k, fl, u, ex, __VA_ARGS__)

static const struct ms_field pages_reclaimed_fields[] = {
	RE(direct_reclaimed, MS_F_U64, "global", NA, "pages",
	   "reclaim.ev.stalls", .need = MS_RE_DIRECT),
	RE(memcg_reclaimed, MS_F_U64, "memcg", NA, "pages", "reclaim.ev.stalls",
	   .need = MS_RE_MEMCG),
	MS_FIELD_END
};

static const struct ms_field direct_fields[] = {
	HAND("global", "reclaim.ev.stalls", .need = MS_RE_DIRECT),
	HAND("memcg", "reclaim.ev.stalls", .need = MS_RE_MEMCG),
	MS_FIELD_OBJ("pages_reclaimed", pages_reclaimed_fields),
	HAND("processes", "reclaim.e.proc.pid"), /* reclaimer records */
	HAND("cgroups", "reclaim.e.cg.path"), /* ms_cg_reclaim records */
	MS_FIELD_END
};

/*
 * The stall latency of direct and memcg reclaim together, for OpenMetrics
 * only (its JSON is the "direct_reclaim_hist" hand row)
 */
const struct ms_field ms_stall_fields[] = {
	MS_FIELD(struct ms_latency, rate, MS_F_DBL, "per_s",
		 RATE | MS_FF_NOJSON, "/s", "reclaim.ev.stalls",
		 .need = MS_RE_DIRECT | MS_RE_MEMCG,
		 .metric = "memscope_bpf_direct_reclaim_stalls_per_second",
		 .help = "tasks entering direct or memcg reclaim per second"),
	MS_FIELD(struct ms_latency, ns_rate, MS_F_DBL, "ns_per_s",
		 RATE | MS_FF_NOJSON, "ns/s", "reclaim.ev.stalls",
		 .need = MS_RE_DIRECT | MS_RE_MEMCG,
		 .metric = "memscope_bpf_direct_reclaim_stall_ratio",
		 .help = "time tasks spent in direct reclaim per second"),
	MS_FIELD_END
};

/*
 * The same per memory cgroup (out/om_events.c: the --top N cgroups by
 * time stalled, labelled path and kind, global or memcg, the rest summed)
 */
const struct ms_field ms_cg_stall_fields[] = {
	MS_FIELD(struct ms_latency, rate, MS_F_DBL, "per_s",
		 RATE | MS_FF_NOJSON, "/s", "reclaim.e.cg.stall",
		 .metric = "memscope_bpf_cgroup_reclaim_stalls_per_second",
		 .help = "tasks of a memory cgroup entering reclaim per second"),
	MS_FIELD(struct ms_latency, ns_rate, MS_F_DBL, "ns_per_s",
		 RATE | MS_FF_NOJSON, "ns/s", "reclaim.e.cg.stall",
		 .metric = "memscope_bpf_cgroup_reclaim_stall_ratio",
		 .help = "time a memory cgroup's tasks spent in reclaim per "
			 "second"),
	MS_FIELD_END
};

static const struct ms_field writeback_fields[] = {
	RE(write_folios, MS_F_U64, "folios", NA, NULL, "reclaim.ev.writeback"),
	RE(write_anon, MS_F_U64, "anon", NA, NULL, "reclaim.ev.writeback"),
	RE(write_file, MS_F_U64, "file", NA, NULL, "reclaim.ev.writeback"),
	RE(write_rate, MS_F_DBL, "per_s", RATE, "/s", "reclaim.ev.writeback",
	   .metric = "memscope_bpf_reclaim_writeback_per_second",
	   .help = "folios written back by reclaim per second"),
	MS_FIELD_END
};

const struct ms_field ms_reclaim_events_fields[] = {
	RE(interval, MS_F_DBL, "events_interval_s", NA, "s", NULL),
	/* direct and memcg reclaim together: the stall latency */
	HAND("direct_reclaim_hist", "reclaim.ev.stalls",
	     .need = MS_RE_DIRECT | MS_RE_MEMCG),
	MS_FIELD_OBJ("direct_reclaim", direct_fields),
	/* the sums over nodes, then "nodes": kswapd records */
	HAND("kswapd", "reclaim.ev.kswapd", .need = MS_RE_KSWAPD),
	HAND("shrinkers", "reclaim.ev.shrinkers", .need = MS_RE_SHRINK),
	MS_FIELD_OBJ("writeback", writeback_fields, .need = MS_RE_WRITE),
	HAND("oom_events", "reclaim.ev.oom", .need = MS_RE_OOM),
	RE(oom_kills, MS_F_U64, "oom_kills", NA, NULL, "reclaim.ev.oom",
	   .need = MS_RE_OOM),
	MS_FIELD_END
};

/* then the latency fields */
const struct ms_field ms_reclaimer_fields[] = {
	MS_FIELD(struct ms_reclaimer, pid, MS_F_INT, "pid", 0, NULL,
		 "reclaim.e.proc.pid"),
	MS_FIELD(struct ms_reclaimer, comm, MS_F_STR, "comm", 0, NULL,
		 "reclaim.e.proc.comm"),
	MS_FIELD_END
};

#define CG(m, ty, k, fl, u, ex, ...) \
	MS_FIELD(struct ms_cg_reclaim, m, ty, k, fl, u, ex, __VA_ARGS__)

static const struct ms_field cg_pages_fields[] = {
	CG(direct_reclaimed, MS_F_U64, "global", NA, "pages",
	   "reclaim.e.cg.stall", .need = MS_RE_DIRECT),
	CG(memcg_reclaimed, MS_F_U64, "memcg", NA, "pages",
	   "reclaim.e.cg.stall", .need = MS_RE_MEMCG),
	MS_FIELD_END
};

/* A memory cgroup's stalls: "global" and "memcg" are latencies */
const struct ms_field ms_cg_reclaim_fields[] = {
	CG(path, MS_F_STR, "path", 0, NULL, "reclaim.e.cg.path"),
	CG(id, MS_F_U64, "id", NA, NULL, "reclaim.e.cg.path"),
	HAND("global", "reclaim.e.cg.stall", .need = MS_RE_DIRECT),
	HAND("memcg", "reclaim.e.cg.stall", .need = MS_RE_MEMCG),
	MS_FIELD_OBJ("pages_reclaimed", cg_pages_fields),
	MS_FIELD_END
};

#define K(m, ty, k, fl, u, ex, ...) \
	MS_FIELD(struct ms_kswapd, m, ty, k, fl, u, ex, __VA_ARGS__)

const struct ms_field ms_kswapd_fields[] = {
	K(node, MS_F_INT, "node", NA, NULL, "reclaim.e.kswapd.node"),
	K(wakes, MS_F_U64, "wakes", NA, NULL, "reclaim.e.kswapd.wakes"),
	K(sleeps, MS_F_U64, "sleeps", NA, NULL, "reclaim.e.kswapd.sleeps"),
	K(wakeups, MS_F_U64, "wakeup_requests", NA, NULL,
	  "reclaim.e.kswapd.wakes", .need = MS_RE_WAKEUP),
	K(awake_ns, MS_F_U64, "awake_ns", NA, "ns", "reclaim.e.kswapd.awake"),
	K(awake, MS_F_BOOL, "awake", 0, NULL, "reclaim.e.kswapd.awake"),
	K(awake_share, MS_F_DBL, "awake_share", NA, "ratio",
	  "reclaim.e.kswapd.awake", .metric = "memscope_bpf_kswapd_awake_ratio",
	  .help = "share of the interval kswapd was awake"),
	K(wake_rate, MS_F_DBL, "wakes_per_s", RATE, "/s",
	  "reclaim.e.kswapd.rate",
	  .metric = "memscope_bpf_kswapd_wakes_per_second",
	  .help = "kswapd wake-ups per second"),
	K(last_wake, MS_F_DBL, "last_wake", NA, "s",
	  "reclaim.e.kswapd.last_wake"),
	K(last_sleep, MS_F_DBL, "last_sleep", NA, "s",
	  "reclaim.e.kswapd.last_sleep"),
	MS_FIELD_END
};

/* then the latency fields */
const struct ms_field ms_shrinker_fields[] = {
	MS_FIELD(struct ms_shrinker, name, MS_F_STR, "name", 0, NULL,
		 "reclaim.e.shrink.name"),
	MS_FIELD(struct ms_shrinker, named, MS_F_BOOL, "named", 0, NULL,
		 "reclaim.e.shrink.name"),
	MS_FIELD(struct ms_shrinker, freed, MS_F_U64, "freed", NA, NULL,
		 "reclaim.e.shrink.freed"),
	MS_FIELD(struct ms_shrinker, freed_rate, MS_F_DBL, "freed_per_s", RATE,
		 "/s", "reclaim.e.shrink.freed"),
	MS_FIELD_END
};

#define O(m, ty, k, fl, u, ex) \
	MS_FIELD(struct ms_oom_event, m, ty, k, fl, u, ex)

const struct ms_field ms_oom_fields[] = {
	O(time, MS_F_DBL, "time", NA, "s", "reclaim.e.oom.time"),
	O(pid, MS_F_INT, "pid", 0, NULL, "reclaim.e.oom.pid"),
	O(comm, MS_F_STR, "comm", 0, NULL, "reclaim.e.oom.victim"),
	O(uid, MS_F_U32, "uid", NA, NULL, "reclaim.e.oom.victim"),
	O(oom_score_adj, MS_F_INT, "oom_score_adj", 0, NULL,
	  "reclaim.e.oom.victim"),
	O(total_vm_kb, MS_F_U64, "total_vm_kb", NA, "kB", "reclaim.e.oom.vm"),
	O(anon_rss_kb, MS_F_U64, "anon_rss_kb", NA, "kB", "reclaim.e.oom.anon"),
	O(file_rss_kb, MS_F_U64, "file_rss_kb", NA, "kB", "reclaim.e.oom.file"),
	O(shmem_rss_kb, MS_F_U64, "shmem_rss_kb", NA, "kB",
	  "reclaim.e.oom.file"),
	O(pgtables_kb, MS_F_U64, "pgtables_kb", NA, "kB", "reclaim.e.oom.vm"),
	HAND("killer_pid", "reclaim.e.oom.killer"), /* null: 0, unknown */
	O(killer_comm, MS_F_STR, "killer_comm", 0, NULL,
	  "reclaim.e.oom.killer"),
	O(cgroup, MS_F_STR, "cgroup", NA, NULL, "reclaim.e.oom.cgroup"),
	O(cgroup_id, MS_F_U64, "cgroup_id", NA, NULL, "reclaim.e.oom.cgroup"),
	MS_FIELD_ENUM(struct ms_oom_event, scope, "scope", NA,
		      &ms_oom_scope_names, "reclaim.e.oom.scope"),
	MS_FIELD_ENUM(struct ms_oom_event, scope_by, "scope_by", NA,
		      &ms_oom_scope_by_names, "reclaim.e.oom.scope"),
	O(oom_cgroup, MS_F_STR, "oom_cgroup", NA, NULL, "reclaim.e.oom.scope"),
	O(oom_cgroup_id, MS_F_U64, "oom_cgroup_id", NA, NULL,
	  "reclaim.e.oom.scope"),
	MS_FIELD_END
};

/* ---- task delays --------------------------------------------------------- */

const struct ms_field ms_task_delays_fields[] = {
	HAND("task_delayacct", "reclaim.delayacct"), /* bool, null unknown */
	MS_FIELD(struct ms_task_delays, ours, MS_F_BOOL,
		 "turned_on_by_memscope", 0, NULL, "reclaim.delayacct"),
	HAND("taskstats_version", "reclaim.delayacct"), /* null: 0 */
	MS_FIELD(struct ms_task_delays, interval, MS_F_DBL, "interval_s", NA,
		 "s", NULL),
	HAND("processes", "reclaim.d.pid"),
	MS_FIELD_END
};

/* A delay kind: an object null where the kernel does not count it. */
#define TD(k, name, ex)                                                     \
	static const struct ms_field delay_##name[] = {                     \
		MS_FIELD(struct ms_task_delay, count[k], MS_F_U64, "count", \
			 NA, NULL, ex),                                     \
		MS_FIELD(struct ms_task_delay, ns[k], MS_F_U64, "total_ms", \
			 NA, "ms", ex, .scale = 1e6),                       \
		MS_FIELD(struct ms_task_delay, ns_rate[k], MS_F_DBL,        \
			 "ms_per_s", RATE, "ms/s", ex, .scale = 1e6),       \
		MS_FIELD_END                                                \
	}
TD(MS_DL_FREEPAGES, freepages, "reclaim.d.reclaim");
TD(MS_DL_THRASHING, thrashing, "reclaim.d.thrash");
TD(MS_DL_COMPACT, compact, "reclaim.d.compact");
TD(MS_DL_SWAPIN, swapin, "reclaim.d.swapin");
TD(MS_DL_WPCOPY, wpcopy, "reclaim.d.wpcopy");

/* after pid and comm, one row per enum ms_delay_kind in its order */
const struct ms_field ms_task_delay_fields[] = {
	MS_FIELD(struct ms_task_delay, pid, MS_F_INT, "pid", 0, NULL,
		 "reclaim.d.pid"),
	MS_FIELD(struct ms_task_delay, comm, MS_F_STR, "comm", 0, NULL,
		 "reclaim.d.comm"),
	MS_FIELD_OBJ("freepages", delay_freepages, .flags = NA),
	MS_FIELD_OBJ("thrashing", delay_thrashing, .flags = NA),
	MS_FIELD_OBJ("compact", delay_compact, .flags = NA),
	MS_FIELD_OBJ("swapin", delay_swapin, .flags = NA),
	MS_FIELD_OBJ("wpcopy", delay_wpcopy, .flags = NA),
	MS_FIELD_END
};

/* ---- NUMA events --------------------------------------------------------- */

#define NE(m, ty, k, fl, u, ex, ...) \
	MS_FIELD(struct ms_numa_events, m, ty, k, fl, u, ex, __VA_ARGS__)

static const struct ms_field migration_fields[] = {
	NE(succeeded, MS_F_U64, "succeeded", NA, "pages", "numa.mig.pages"),
	NE(failed, MS_F_U64, "failed", NA, "pages", "numa.mig.failed"),
	NE(succeeded_rate, MS_F_DBL, "per_s", RATE, "/s", "numa.mig.rate",
	   .metric = "memscope_bpf_migrated_pages_per_second",
	   .help = "pages migrated per second by result "
		   "(migrate:mm_migrate_pages)",
	   .lkey = "result", .lval = "succeeded"),
	NE(failed_rate, MS_F_DBL, "failed_per_s", RATE, "/s", "numa.mig.rate",
	   .metric = "memscope_bpf_migrated_pages_per_second", .lkey = "result",
	   .lval = "failed"),
	HAND("by_reason", "numa.mig.reason"), /* {reason: migrate reason} */
	MS_FIELD_END
};

static const struct ms_field task_move_fields[] = {
	NE(task_moves, MS_F_U64, "moves", NA, NULL, "numa.mig.tasks"),
	NE(task_swaps, MS_F_U64, "swaps", NA, NULL, "numa.mig.tasks"),
	NE(task_moves_rate, MS_F_DBL, "moves_per_s", RATE, "/s",
	   "numa.mig.tasks"),
	NE(task_swaps_rate, MS_F_DBL, "swaps_per_s", RATE, "/s",
	   "numa.mig.tasks"),
	MS_FIELD_END
};

const struct ms_field ms_numa_events_fields[] = {
	NE(interval, MS_F_DBL, "events_interval_s", NA, "s", NULL),
	MS_FIELD_OBJ("migrations", migration_fields, .need = MS_NE_MIGRATE),
	/* the hint record of every node, then "nodes": one per node */
	HAND("hinting_faults", "numa.hint.faults", .need = MS_NE_HINT),
	MS_FIELD_OBJ("task_moves", task_move_fields, .need = MS_NE_TASK),
	MS_FIELD_END
};

#define MR(m, ty, k, fl, u, ex) \
	MS_FIELD(struct ms_migrate_reason, m, ty, k, fl, u, ex)

const struct ms_field ms_migrate_reason_fields[] = {
	MR(calls, MS_F_U64, "calls", NA, NULL, "numa.mig.calls"),
	MR(succeeded, MS_F_U64, "succeeded", NA, "pages", "numa.mig.pages"),
	MR(failed, MS_F_U64, "failed", NA, "pages", "numa.mig.failed"),
	MR(thp_succeeded, MS_F_U64, "thp_succeeded", NA, NULL,
	   "numa.mig.pages"),
	MR(thp_failed, MS_F_U64, "thp_failed", NA, NULL, "numa.mig.failed"),
	MR(succeeded_rate, MS_F_DBL, "per_s", RATE, "/s", "numa.mig.rate"),
	MR(failed_rate, MS_F_DBL, "failed_per_s", RATE, "/s", "numa.mig.rate"),
	MS_FIELD_END
};

#define NH(m, ty, k, fl, u, ex) \
	MS_FIELD(struct ms_numa_hint, m, ty, k, fl, u, ex)

const struct ms_field ms_numa_hint_fields[] = {
	HAND("node", "numa.hint.node"), /* left out for every node's sum */
	NH(faults, MS_F_U64, "faults", NA, NULL, "numa.hint.faults"),
	NH(pages, MS_F_U64, "pages", NA, "pages", "numa.hint.pages"),
	NH(local, MS_F_U64, "local", NA, "pages", "numa.hint.local"),
	NH(migrated, MS_F_U64, "migrated", NA, "pages", "numa.hint.migrated"),
	NH(failed, MS_F_U64, "failed", NA, "pages", "numa.hint.migrated"),
	/* OpenMetrics: of every node's sum (events.hint) only */
	MS_FIELD(struct ms_numa_hint, faults_rate, MS_F_DBL, "per_s", RATE,
		 "/s", "numa.hint.faults",
		 .metric = "memscope_bpf_numa_hinting_faults_per_second",
		 .help = "NUMA hinting faults per second"),
	NH(pages_rate, MS_F_DBL, "pages_per_s", RATE, "/s", "numa.hint.pages"),
	NH(migrated_rate, MS_F_DBL, "migrated_per_s", RATE, "/s",
	   "numa.hint.migrated"),
	MS_FIELD_END
};
