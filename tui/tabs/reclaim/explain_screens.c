// SPDX-License-Identifier: GPL-2.0
/*
 * Explain mode's texts for the Reclaim tab's other screens (tui/explain.h):
 * every vmstat counter (Enter), the reclaim events (e), the delays (d).
 */
#include "tui/explain.h"

#define N_(s) s

const struct ms_explain ms_explain_reclaim_screens[] = {
	{
		.id = "reclaim.c.counter",
		.name = "Counter",
		.what = N_("The name of a /proc/vmstat counter (every one the "
			   "kernel exports)."),
		.source = N_("/proc/vmstat, first field of each line."),
		.formula = N_("Read as is; the filter (/) matches it."),
		.healthy = N_("Informational; Documentation/admin-guide/mm "
			      "explains the counters."),
	},
	{
		.id = "reclaim.c.total",
		.name = "Total",
		.what = N_("The counter's value: events since boot, or a "
			   "current amount (nr_* counters, in pages)."),
		.source = N_("/proc/vmstat, second field."),
		.formula = N_("Read as is."),
		.healthy = N_("Depends on the counter."),
	},
	{
		.id = "reclaim.c.rate",
		.name = "Per second",
		.what = N_("How fast the counter changes."),
		.source = N_("/proc/vmstat in two samples."),
		.formula = N_("(value now - value before) / interval. An "
			      "amount (the nr_* items but nr_dirtied and the "
			      "like, workingset_nodes) may shrink: its rate is "
			      "negative. An event counter only grows: one that "
			      "went down was reset (\"reset\", no rate)."),
		.healthy = N_("Event counters: the rate is the activity; "
			      "amounts (nr_*): growth (+) or shrinkage (-) of "
			      "the amount."),
	},
	{
		.id = "reclaim.e.histogram",
		.name = "histogram",
		.what = N_("How long reclaim stalls took since attach, in "
			   "log2 buckets of microseconds, with a bar per "
			   "bucket."),
		.source = N_("BPF on the direct and memcg reclaim begin/end "
			     "tracepoints."),
		.formula = N_("end - begin of each stall, counted in bucket "
			      "floor(log2(us))."),
		.healthy =
			N_("Stalls in the low buckets (< 1 ms) are mild; "
			   "counts in the 10-100 ms buckets are user-visible "
			   "latency."),
	},
	{
		.id = "reclaim.e.proc.pid",
		.name = "PID",
		.what = N_("A process (thread group) that stalled in "
			   "direct or memory cgroup reclaim in this interval."),
		.source = N_("BPF on the reclaim begin/end tracepoints, "
			     "per thread group."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational; the table is empty while no "
			      "process stalls."),
	},
	{
		.id = "reclaim.e.proc.comm",
		.name = "Command",
		.what = N_("The process's name, shown escaped."),
		.source = N_("BPF: the comm of the task that stalled."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational."),
	},
	{
		.id = "reclaim.e.proc.rate",
		.name = "stalls/s",
		.what = N_("How often the process had to reclaim memory "
			   "itself before its allocation could go on."),
		.source = N_("BPF on the reclaim begin/end tracepoints, "
			     "per thread group."),
		.formula = N_("Stalls ended in the interval / interval."),
		.healthy = N_("0 is healthy; a process stalling every "
			      "second is slowed by memory pressure."),
	},
	{
		.id = "reclaim.e.proc.mean",
		.name = "mean",
		.what = N_("The average time one of the process's "
			   "reclaim stalls took."),
		.source = N_("BPF on the reclaim begin/end tracepoints, "
			     "per thread group."),
		.formula = N_("Sum of (end - begin) / stalls, since attach."),
		.healthy = N_("Tens of microseconds are mild; milliseconds "
			      "are latency the process feels."),
	},
	{
		.id = "reclaim.e.proc.max",
		.name = "max",
		.what = N_("The longest single reclaim stall of the "
			   "process."),
		.source = N_("BPF on the reclaim begin/end tracepoints, "
			     "per thread group."),
		.formula = N_("Largest end - begin since attach."),
		.healthy = N_("Below 1 ms is mild; 10 ms and more is a "
			      "visible hiccup (a request, a frame)."),
	},
	{
		.id = "reclaim.e.proc.total",
		.name = "total",
		.what = N_("All the time the process spent stalled in "
			   "reclaim."),
		.source = N_("BPF on the reclaim begin/end tracepoints, "
			     "per thread group."),
		.formula = N_("Sum of (end - begin) since attach."),
		.healthy =
			N_("Compare with how long it ran: a large share "
			   "means memory pressure costs it much of its time."),
	},
	{
		.id = "reclaim.e.kswapd.node",
		.name = "node",
		.what = N_("The NUMA node whose kswapd thread (kswapdN) "
			   "the row shows."),
		.source = N_("BPF on vmscan:mm_vmscan_kswapd_wake and "
			     "mm_vmscan_kswapd_sleep: their nid argument."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational."),
	},
	{
		.id = "reclaim.e.kswapd.wakes",
		.name = "wakes",
		.what = N_("How often kswapd of the node woke to reclaim "
			   "in the background."),
		.source = N_("BPF on vmscan:mm_vmscan_kswapd_wake."),
		.formula = N_("Counted since attach."),
		.healthy = N_("A few wakes are normal; see woke/s for the "
			      "rate."),
	},
	{
		.id = "reclaim.e.kswapd.sleeps",
		.name = "sleeps",
		.what = N_("How often kswapd of the node went back to "
			   "sleep: free memory was above the high watermark "
			   "again."),
		.source = N_("BPF on vmscan:mm_vmscan_kswapd_sleep."),
		.formula = N_("Counted since attach."),
		.healthy = N_("Close to wakes is healthy; fewer sleeps than "
			      "wakes means kswapd is still at work."),
	},
	{
		.id = "reclaim.e.kswapd.rate",
		.name = "woke/s",
		.what = N_("Wakes of kswapd of the node per second."),
		.source = N_("BPF on vmscan:mm_vmscan_kswapd_wake."),
		.formula = N_("(wakes now - wakes before) / interval."),
		.healthy = N_("Near 0 is healthy; a steady rate means free "
			      "memory keeps falling below the low watermark."),
	},
	{
		.id = "reclaim.e.kswapd.awake",
		.name = "awake",
		.what = N_("The share of the interval kswapd of the node "
			   "spent awake (reclaiming)."),
		.source = N_("BPF on vmscan:mm_vmscan_kswapd_wake and "
			     "mm_vmscan_kswapd_sleep."),
		.formula = N_("100 * time between wake and sleep in the "
			      "interval / interval."),
		.healthy =
			N_("Short, rare awake periods are healthy; a "
			   "node whose kswapd stays awake is short of memory."),
	},
	{
		.id = "reclaim.e.kswapd.last_wake",
		.name = "last wake",
		.what = N_("The clock time kswapd of the node last woke."),
		.source = N_("BPF on vmscan:mm_vmscan_kswapd_wake."),
		.formula = N_("The event's time, as local time of day."),
		.healthy = N_("Informational: shows when the pressure came; "
			      "- when it has not woken since attach."),
	},
	{
		.id = "reclaim.e.kswapd.last_sleep",
		.name = "last sleep",
		.what = N_("The clock time kswapd of the node last went "
			   "to sleep."),
		.source = N_("BPF on vmscan:mm_vmscan_kswapd_sleep."),
		.formula = N_("The event's time, as local time of day."),
		.healthy = N_("Earlier than the last wake means kswapd is "
			      "awake now."),
	},
	{
		.id = "reclaim.e.shrink.name",
		.name = "shrinker",
		.what = N_("A shrinker: a callback through which a "
			   "kernel cache (dentries, inodes, a filesystem's or "
			   "driver's objects) gives memory back when reclaim "
			   "asks."),
		.source =
			N_("BPF on vmscan:mm_shrink_slab_start; the name "
			   "is the shrinker's own where the kernel has one "
			   "(CONFIG_SHRINKER_DEBUG), else its scan callback's "
			   "symbol from /proc/kallsyms."),
		.formula = N_("Read as is; shown escaped, the busiest "
			      "first."),
		.healthy = N_("Informational: says which cache reclaim is "
			      "squeezing."),
	},
	{
		.id = "reclaim.e.shrink.calls",
		.name = "calls/s",
		.what = N_("How often reclaim called the shrinker, per "
			   "second."),
		.source = N_("BPF on vmscan:mm_shrink_slab_start and "
			     "mm_shrink_slab_end."),
		.formula = N_("Calls ended in the interval / interval."),
		.healthy = N_("Near 0 is healthy; a steady rate means "
			      "reclaim keeps running."),
	},
	{
		.id = "reclaim.e.shrink.ms",
		.name = "ms/s",
		.what = N_("Time spent in the shrinker per second."),
		.source = N_("BPF on vmscan:mm_shrink_slab_start and "
			     "mm_shrink_slab_end."),
		.formula = N_("Sum of (end - start) in the interval / "
			      "interval, in ms."),
		.healthy =
			N_("Near 0 is healthy; a shrinker taking many "
			   "ms/s slows reclaim and the tasks waiting for it."),
	},
	{
		.id = "reclaim.e.shrink.mean",
		.name = "mean",
		.what = N_("The average time of one call of the "
			   "shrinker."),
		.source = N_("BPF on vmscan:mm_shrink_slab_start and "
			     "mm_shrink_slab_end."),
		.formula = N_("Sum of (end - start) / calls, since attach."),
		.healthy = N_("Microseconds are normal; milliseconds per "
			      "call mean a slow cache (lock contention, large "
			      "lists)."),
	},
	{
		.id = "reclaim.e.shrink.max",
		.name = "max",
		.what = N_("The longest single call of the shrinker."),
		.source = N_("BPF on vmscan:mm_shrink_slab_start and "
			     "mm_shrink_slab_end."),
		.formula = N_("Largest end - start since attach."),
		.healthy = N_("Below 1 ms is healthy; long calls stall "
			      "every task reclaiming behind it."),
	},
	{
		.id = "reclaim.e.shrink.freed",
		.name = "freed/s",
		.what = N_("Objects the shrinker freed per second."),
		.source = N_("BPF on vmscan:mm_shrink_slab_end: the number "
			     "of objects it returned as freed."),
		.formula = N_("Freed objects in the interval / interval."),
		.healthy = N_("Compare with ms/s: much time and little "
			      "freed means the shrinker works for nothing."),
	},
	{
		.id = "reclaim.e.oom.time",
		.name = "time",
		.what = N_("When the OOM killer chose this victim."),
		.source = N_("BPF on oom:mark_victim (fentry on "
			     "__oom_kill_process before 6.8)."),
		.formula = N_("The event's time, as local time of day."),
		.healthy = N_("Empty list is healthy; kills close together "
			      "mean memory keeps running out."),
	},
	{
		.id = "reclaim.e.oom.pid",
		.name = "PID",
		.what = N_("The process the OOM killer killed."),
		.source = N_("BPF on oom:mark_victim (fentry on "
			     "__oom_kill_process before 6.8)."),
		.formula = N_("The victim's thread group id."),
		.healthy = N_("Informational; the process is gone by the "
			      "time it is shown."),
	},
	{
		.id = "reclaim.e.oom.victim",
		.name = "victim",
		.what = N_("The name of the killed process."),
		.source = N_("BPF on oom:mark_victim (fentry on "
			     "__oom_kill_process before 6.8)."),
		.formula = N_("The victim's comm, shown escaped."),
		.healthy = N_("Informational: the process to look at, or to "
			      "give a lower oom_score_adj."),
	},
	{
		.id = "reclaim.e.oom.vm",
		.name = "vm",
		.what = N_("The victim's virtual memory size when it was "
			   "killed."),
		.source = N_("BPF: mm->total_vm of the victim."),
		.formula = N_("total_vm pages * page size."),
		.healthy = N_("Informational; large virtual sizes are "
			      "common and cost nothing until touched."),
	},
	{
		.id = "reclaim.e.oom.anon",
		.name = "anon",
		.what = N_("The victim's anonymous resident memory "
			   "(heap, stacks) when it was killed."),
		.source = N_("BPF: the victim's MM_ANONPAGES RSS counter."),
		.formula = N_("Pages * page size."),
		.healthy = N_("Usually the memory that ran out: a large "
			      "value points at the process that grew."),
	},
	{
		.id = "reclaim.e.oom.file",
		.name = "file",
		.what = N_("The victim's resident file-backed memory "
			   "when it was killed."),
		.source = N_("BPF: the victim's MM_FILEPAGES RSS counter."),
		.formula = N_("Pages * page size."),
		.healthy = N_("Informational; page cache it maps could have "
			      "been reclaimed without killing it."),
	},
	{
		.id = "reclaim.e.oom.killer",
		.name = "killed by",
		.what = N_("The task whose allocation failed and ran the "
			   "OOM killer (PID and name)."),
		.source = N_("BPF: the current task at oom:mark_victim."),
		.formula = N_("Read as is; the name shown escaped."),
		.healthy = N_("Informational: often a different process "
			      "from the victim."),
	},
	{
		.id = "reclaim.e.oom.cgroup",
		.name = "cgroup",
		.what = N_("The victim's memory cgroup: its path from the "
			   "hierarchy's root (v2, or v1's memory hierarchy) "
			   "and the inode number of its directory."),
		.source = N_("BPF at the kill: the victim's "
			     "cgroups->subsys[memory] cgroup and its kernfs "
			     "node, the path built from the node's names."),
		.formula = N_("Read as is; shown escaped. Kept with the "
			      "event, so a cgroup removed since still has "
			      "its name."),
		.healthy = N_("Informational: the service or container that "
			      "lost a process."),
	},
	{
		.id = "reclaim.e.oom.scope",
		.name = "scope",
		.what = N_("Whose memory ran out: \"cgroup\", a memory "
			   "cgroup at its limit (memory.max, v1 "
			   "limit_in_bytes), or \"system\", the whole "
			   "machine (or a cpuset or memory policy); with the "
			   "cgroup at its limit where known, and how it is "
			   "known."),
		.source = N_("\"oom_control\": fentry on oom_kill_process, "
			     "whose oom_control names the cgroup (NULL: not "
			     "a cgroup's). \"reclaim\", where fentry is "
			     "refused: the killer thread's last reclaim, in "
			     "the second before: memory cgroup reclaim comes "
			     "before a cgroup's OOM, direct reclaim before the "
			     "page allocator's."),
		.formula = N_("null when neither says (an OOM forced from "
			      "sysrq, a killer without a reclaim just "
			      "before)."),
		.healthy = N_("A cgroup OOM is that cgroup's limit at work: "
			      "raise it or shrink the workload. A system OOM "
			      "means the machine is out of memory."),
	},
	{
		.id = "reclaim.e.cg.path",
		.name = "cgroup",
		.what = N_("A memory cgroup whose tasks stalled in reclaim "
			   "in this interval: the one charging the task (its "
			   "own, or the nearest up the tree with the "
			   "controller). For limit reclaim that is the "
			   "cgroup at its limit or one below it."),
		.source = N_("BPF on the direct and memcg reclaim end "
			     "tracepoints: the current task's memory cgroup, "
			     "keyed by its directory's inode number, its "
			     "path built once from the kernfs names."),
		.formula = N_("Read as is; shown escaped."),
		.healthy = N_("Informational; the table is empty while no "
			      "task stalls."),
	},
	{
		.id = "reclaim.e.cg.stall",
		.name = "stalls",
		.what = N_("How often and how long the cgroup's tasks "
			   "stalled: in global direct reclaim (the system "
			   "short of memory) and in memory cgroup reclaim "
			   "(a limit or memory.high), and the pages each "
			   "freed."),
		.source = N_("BPF on the reclaim begin/end tracepoints, per "
			     "memory cgroup."),
		.formula = N_("Stalls ended in the interval / interval; ms "
			      "stalled per second; pages from the end "
			      "tracepoints' nr_reclaimed."),
		.healthy = N_("0 is healthy; memcg stalls every second mean "
			      "the cgroup lives at its limit."),
	},
	{
		.id = "reclaim.d.pid",
		.name = "PID",
		.what = N_("The process whose stall delays the row shows."),
		.source = N_("Taskstats over generic netlink "
			     "(TASKSTATS_CMD_GET per process)."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational."),
	},
	{
		.id = "reclaim.d.reclaim",
		.name = "Reclaim",
		.what = N_("Time the process waited in direct reclaim "
			   "(freepages delay), in ms per second."),
		.source = N_("Taskstats: freepages_delay_total (needs "
			     "kernel.task_delayacct on: D)."),
		.formula = N_("(delay now - delay before) / interval, ns -> "
			      "ms."),
		.healthy = N_("0 is healthy; tens of ms/s mean the process is "
			      "slowed by memory pressure."),
	},
	{
		.id = "reclaim.d.thrash",
		.name = "Thrash",
		.what = N_("Time the process waited for pages that were "
			   "evicted and had to be read again (thrashing)."),
		.source = N_("Taskstats: thrashing_delay_total."),
		.formula = N_("delta / interval, in ms per second."),
		.healthy = N_("0 is healthy; any lasting value means its "
			      "working set does not fit."),
	},
	{
		.id = "reclaim.d.compact",
		.name = "Compact",
		.what = N_("Time the process waited in direct compaction."),
		.source = N_("Taskstats: compact_delay_total."),
		.formula = N_("delta / interval, in ms per second."),
		.healthy =
			N_("0 is healthy; values mean its high-order "
			   "allocations (e.g. THP) wait for defragmentation."),
	},
	{
		.id = "reclaim.d.swapin",
		.name = "SwapIn",
		.what = N_("Time the process waited for pages to come back "
			   "from swap."),
		.source = N_("Taskstats: swapin_delay_total."),
		.formula = N_("delta / interval, in ms per second."),
		.healthy = N_("0 is healthy; values mean parts of it were "
			      "swapped out and are needed again."),
	},
	{
		.id = "reclaim.d.wpcopy",
		.name = "WPCopy",
		.what = N_("Time the process spent copying pages on "
			   "write-protect faults (copy-on-write)."),
		.source = N_("Taskstats: wpcopy_delay_total (Linux 6.0 and "
			     "later)."),
		.formula = N_("delta / interval, in ms per second."),
		.healthy = N_("Small after fork is normal; a lasting value "
			      "means heavy COW."),
	},
	{
		.id = "reclaim.d.comm",
		.name = "Command",
		.what = N_("The process's name, shown escaped."),
		.source = N_("Taskstats: ac_comm (or /proc/PID/stat)."),
		.formula = N_("Read as is; the filter (/) matches it."),
		.healthy = N_("Informational."),
	},
	{ NULL },
};
