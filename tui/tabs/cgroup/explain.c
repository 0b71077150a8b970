// SPDX-License-Identifier: GPL-2.0
/*
 * Explain mode's texts for the Cgroup area (model/cgroup.c names them)
 * and its tab (tui/tabs/cgroup/): the tree's columns and the screen of
 * one cgroup.
 */
#include "tui/explain.h"
#include "tui/tabs/cgroup/cgroup.h"

#define N_(s) s

const struct ms_explain ms_explain_cgroup[] = {
	{
		.id = "cgroup.path",
		.name = "Path",
		.what = N_(
			"The cgroup's place in its hierarchy, from the hierarchy's root (\"/\"); names are shown escaped."),
		.source = N_(
			"The directories below the mount of the hierarchy with the memory controller, found in /proc/self/mountinfo under the root prefix."),
		.formula = N_("Parents before children, siblings by name."),
		.healthy = N_("Informational."),
	},
	{
		.id = "cgroup.version",
		.name = "Version",
		.what = N_(
			"2 for the unified hierarchy, 1 for the v1 memory controller (hybrid hosts keep memory on v1)."),
		.source = N_(
			"cgroup.controllers of the cgroup2 mount; else the cgroup mount with the memory option."),
		.formula = N_(
			"v2 when its cgroup.controllers lists memory, else v1."),
		.healthy = N_("Informational."),
	},
	{
		.id = "cgroup.current",
		.name = "Usage",
		.what = N_(
			"Memory charged to the cgroup and its descendants: anonymous memory, page cache, kernel memory, in kB."),
		.source = N_(
			"memory.current (v2); memory.usage_in_bytes (v1). The v2 root has none: null. The v1 root's is no charge counter: the kernel sums the machine's file and mapped anonymous pages for it (mem_cgroup_usage), leaving out kernel memory, so its children, charged for their kernel memory too, can add up to more."),
		.formula = N_("bytes / 1024."),
		.healthy = N_(
			"Below the limits; close to max means reclaim and then the OOM killer in this cgroup."),
	},
	{
		.id = "cgroup.max",
		.name = "Max",
		.what = N_(
			"The hard limit: above it the cgroup reclaims its own memory, and kills when it cannot."),
		.source = N_("memory.max (v2); memory.limit_in_bytes (v1)."),
		.formula = N_(
			"\"max\" and v1's unlimited (LONG_MAX rounded to a page) are null."),
		.healthy =
			N_("Usage well below it, or oom_kill events follow."),
	},
	{
		.id = "cgroup.high",
		.name = "High",
		.what = N_(
			"The throttle limit (v2): above it the cgroup's tasks reclaim and are slowed down, never killed for it."),
		.source = N_("memory.high (v2); v1 has none: null."),
		.formula = N_("\"max\" is null."),
		.healthy = N_(
			"Rising high events with pressure mean the limit is tight."),
	},
	{
		.id = "cgroup.low",
		.name = "Low",
		.what = N_(
			"Best-effort protection: memory below it is reclaimed only when nothing else can be. On v1 the soft limit: above it the cgroup is reclaimed first."),
		.source =
			N_("memory.low (v2); memory.soft_limit_in_bytes (v1)."),
		.formula = N_("bytes / 1024; unlimited is null."),
		.healthy = N_(
			"Informational: the sum over siblings is what their parent can protect."),
	},
	{
		.id = "cgroup.min",
		.name = "Min",
		.what = N_(
			"Hard protection (v2): memory below it is never reclaimed; the OOM killer runs instead."),
		.source = N_("memory.min (v2); v1 has none: null."),
		.formula = N_("bytes / 1024."),
		.healthy = N_(
			"Small: a big min leaves the rest of the machine less to reclaim."),
	},
	{
		.id = "cgroup.peak",
		.name = "Peak",
		.what = N_(
			"The highest usage recorded since the cgroup was created (or the counter was reset)."),
		.source = N_(
			"memory.peak (v2, Linux 5.19+); memory.max_usage_in_bytes (v1)."),
		.formula = N_("bytes / 1024; absent on older kernels: null."),
		.healthy =
			N_("A peak near max says the limit was reached once."),
	},
	{
		.id = "cgroup.swap",
		.name = "Swap",
		.what = N_("Swap space used by the cgroup's memory."),
		.source = N_(
			"memory.swap.current (v2); v1: memory.memsw.usage_in_bytes "
			"(memory and swap together) less memory.usage_in_bytes; null "
			"without memsw (swap accounting off)."),
		.formula = N_("bytes / 1024."),
		.healthy = N_(
			"Growing swap with refaults means the cgroup is short of memory."),
	},
	{
		.id = "cgroup.swap_max",
		.name = "Swap max",
		.what = N_("The cgroup's swap limit."),
		.source = N_(
			"memory.swap.max (v2); null on v1 and where unlimited."),
		.formula = N_("bytes / 1024."),
		.healthy = N_("Informational."),
	},
	{
		.id = "cgroup.stat",
		.name = "memory.stat",
		.what = N_(
			"Every item of the cgroup's memory.stat, with the kernel's names: amounts in bytes (anon, file, kernel, slab, sock, shmem ...) and event counts (pgscan, pgsteal, workingset_refault_* ...)."),
		.source = N_(
			"memory.stat; v1 adds total_* (hierarchical) items."),
		.formula = N_(
			"Raw, as the kernel writes them; a line cut short is dropped and noted."),
		.healthy = N_(
			"Reclaim (pgscan, pgsteal) and refaults growing together: the cgroup thrashes."),
	},
	{
		.id = "cgroup.events",
		.name = "memory.events",
		.what = N_(
			"How often the cgroup and its descendants hit their limits: low, high, max, oom, oom_kill, oom_group_kill."),
		.source = N_(
			"memory.events (v2); on v1 oom_kill of memory.oom_control and memory.failcnt (times usage hit the limit)."),
		.formula = N_("Counters since the cgroup was created."),
		.healthy = N_(
			"oom_kill above 0 means processes were killed for this cgroup's limit."),
	},
	{
		.id = "cgroup.events_local",
		.name = "memory.events.local",
		.what = N_(
			"The same events counted for this cgroup alone, not its descendants."),
		.source = N_("memory.events.local (v2, Linux 5.2+)."),
		.formula = N_("Counters since the cgroup was created."),
		.healthy =
			N_("Tells which cgroup of a subtree hits its limit."),
	},
	{
		.id = "cgroup.psi",
		.name = "Pressure",
		.what = N_(
			"The share of time some (or all, full) of the cgroup's tasks stalled waiting for memory, over 10, 60 and 300 seconds."),
		.source = N_(
			"memory.pressure (PSI, when the kernel has it enabled)."),
		.formula = N_("The kernel's running averages, in percent."),
		.healthy = N_(
			"some below a few percent; full above 0 for long means the cgroup's work waits on memory."),
	},
	{
		.id = "cgroup.psi_total",
		.name = "Stall time",
		.what = N_(
			"The total time stalled on memory since the cgroup was created."),
		.source = N_("memory.pressure total=, in microseconds."),
		.formula = N_(
			"A counter: its growth per second is the stall rate."),
		.healthy = N_(
			"Growing by more than a few ms per second: under pressure."),
	},
	{
		.id = "cgroup.procs",
		.name = "Processes",
		.what = N_(
			"How many processes are in this cgroup itself (not its descendants)."),
		.source = N_("The lines of cgroup.procs."),
		.formula = N_("Counted at each sample."),
		.healthy =
			N_("Informational: on v2 only leaves hold processes."),
	},
	{
		.id = "cgroup.pids",
		.name = "PIDs",
		.what = N_(
			"The first 32 processes of the cgroup, as the kernel lists them."),
		.source = N_("cgroup.procs."),
		.formula = N_("At most 32; procs counts all of them."),
		.healthy = N_("Informational."),
	},
	{
		.id = "cgroup.numa_stat",
		.name = "NUMA stat",
		.what = N_(
			"Where the cgroup's memory sits, per NUMA node and per kind (anon, file, shmem, kernel stack, ...): a cgroup whose memory is all on one node while its tasks run on another pays remote accesses."),
		.source = N_(
			"memory.numa_stat: v2 \"anon N0=bytes N1=bytes\" lines; v1 \"total=pages N0=pages\" lines. Null when the file is absent (a kernel without NUMA)."),
		.formula = N_(
			"As the kernel gives it: v2 in bytes, v1 in pages; v1's leading sum is left out (it is the nodes' sum)."),
		.healthy = N_(
			"Spread as the tasks' CPUs are; most memory on a node the tasks do not run on means remote accesses."),
	},
	{
		.id = "cgroup.zswap",
		.name = "Zswap",
		.what = N_(
			"Memory of the cgroup swapped out into zswap, the compressed cache in RAM in front of the swap device, in kB (the compressed size)."),
		.source = N_(
			"memory.zswap.current (v2, 5.19+); null where absent and on v1."),
		.formula = N_("bytes / 1024."),
		.healthy = N_(
			"Informational; growing toward zswap max means pages go on to the swap device."),
	},
	{
		.id = "cgroup.zswap_max",
		.name = "Zswap max",
		.what = N_(
			"The limit on the cgroup's zswap usage, in kB: above it its pages are written to the swap device instead."),
		.source = N_(
			"memory.zswap.max (v2, 5.19+); \"max\" (unlimited), absent and v1 are null."),
		.formula = N_("bytes / 1024."),
		.healthy = N_("Informational."),
	},
	{
		.id = "cgroup.threads",
		.name = "Threads",
		.what = N_(
			"The threads in the cgroup itself (not its descendants), beside its processes."),
		.source = N_(
			"Lines of cgroup.threads (v2); of tasks (v1). Null where the file is absent."),
		.formula = N_("As the kernel lists them."),
		.healthy = N_(
			"Informational; far more threads than processes is a threaded service."),
	},
	{
		.id = "cgroup.dying",
		.name = "Dying",
		.what = N_(
			"Descendant cgroups removed but still held by the kernel, usually by page cache or kernel memory charged to them."),
		.source =
			N_("cgroup.stat nr_dying_descendants (v2); v1: null."),
		.formula = N_("As the kernel counts them."),
		.healthy = N_(
			"Near 0; thousands mean memory of removed cgroups is not freed."),
	},
	{
		.id = "cgroup.current_rate",
		.name = "Growth",
		.what = N_(
			"How fast the cgroup's usage changes, in kB per second (negative: shrinking)."),
		.source = N_("Usage at this sample and the previous one."),
		.formula = N_(
			"(usage - previous usage) / seconds between the samples; null on the first sample."),
		.healthy = N_(
			"Steady growth toward max ends in reclaim or an OOM kill."),
	},
	{
		.id = "cgroup.stat_rates",
		.name = "memory.stat rates",
		.what = N_(
			"Per second: the event counts' rates (pgscan, pgsteal, workingset_refault_* ...) and the amounts' growth."),
		.source =
			N_("memory.stat at this sample and the previous one."),
		.formula = N_(
			"(value - previous) / seconds; a counter that went down has none."),
		.healthy = N_(
			"Refaults per second near pgsteal per second: reclaim throws away what is needed again."),
	},
	{
		.id = "cgroup.events_rates",
		.name = "memory.events rates",
		.what = N_("memory.events per second."),
		.source = N_(
			"memory.events at this sample and the previous one."),
		.formula = N_("(count - previous) / seconds."),
		.healthy = N_(
			"high or max per second above 0: the cgroup is at its limit now."),
	},
	{
		.id = "cgroup.limit",
		.name = "Limit",
		.what = N_(
			"The nearest limit of the cgroup: the smaller of max (above it the cgroup reclaims, then kills) and high (above it the cgroup is throttled)."),
		.source = N_(
			"memory.max and memory.high (v2); memory.limit_in_bytes (v1)."),
		.formula = N_("min(max, high); - when both are unlimited."),
		.healthy = N_(
			"Informational: the Headroom column says how close the usage is."),
	},
	{
		.id = "cgroup.headroom",
		.name = "Headroom",
		.what = N_(
			"How much the cgroup may still grow before its nearest limit, and how much of that limit its usage takes (Used)."),
		.source = N_("Usage and Limit."),
		.formula = N_(
			"Headroom = Limit - Usage (0 above it); Used = 100 x Usage / Limit."),
		.healthy = N_(
			"Used above 90% is marked: reclaim, throttling or the OOM killer are near."),
	},
	{
		.id = "cgroup.ledger",
		.name = "Where the usage goes",
		.what = N_(
			"The cgroup's usage split into the Memory tab's buckets where memory.stat has them: anonymous memory, page cache (file without shmem), shmem, swap cache, slab reclaimable and unreclaimable, kernel stacks, page tables, percpu, vmalloc, other kernel memory, socket buffers and zswap, each with its share of the usage."),
		.source = N_(
			"memory.stat: v2 anon, file, shmem, swapcached, slab_reclaimable, slab_unreclaimable, kernel_stack, pagetables + sec_pagetables, percpu, vmalloc, kernel, sock, zswap; v1 total_rss, total_cache and total_shmem (rss, cache and shmem where there are no total_ items), as the usage counts the children too."),
		.formula = N_(
			"file = file - shmem (v1: cache - shmem); kernel_other = kernel - its items above; the share is bucket / usage. A bucket memory.stat does not have is left out."),
		.healthy = N_(
			"Informational: anon that only grows is a leak or a growing heap; file and slab_reclaimable are what reclaim takes first, near the limit."),
	},
	{
		.id = "cgroup.ledger_other",
		.name = "other",
		.what = N_(
			"The usage memory.stat does not put in a bucket above. On v1 this is mostly kernel memory, which v1's memory.stat does not break down."),
		.source = N_(
			"memory.current (v1 memory.usage_in_bytes) and the buckets above."),
		.formula = N_(
			"other = usage - the sum of the buckets, 0 when they exceed it (the line below says by how much: the files are read one after the other, and swap cache may be counted in anon too)."),
		.healthy = N_(
			"A few percent on v2 is normal; a large share means memory the kernel charged that memory.stat does not name."),
	},
	{
		.id = "cgroup.timeline",
		.name = "Events timeline",
		.what = N_(
			"When each memory.events and memory.events.local counter of the cgroup changed: oom_kill, oom, max (the usage hit memory.max), high (throttled above memory.high), low; by how much, and its value now."),
		.source = N_(
			"Two consecutive samples the Cgroups tab saw: a counter that differs between them is a change, dated by the later sample. The tab keeps the last 512 changes of every cgroup while it is open in the explorer."),
		.formula = N_(
			"The change is the later value less the earlier; \"within N s\" marks a change found across a long gap (the tab was not shown), which happened somewhere in it; a counter that went down (the cgroup recreated) shows with a minus."),
		.healthy = N_(
			"No oom or oom_kill is healthy. high and max changing at every sample mean the cgroup lives at its limit: throttled and reclaiming."),
	},
	{
		.id = "cgroup.age",
		.name = "Limits, peak, PSI, events: age",
		.what = N_(
			"How old the dim Limit, Headroom, Used, Peak, PSI and OOMk are. Usage is read every sample where its parent's changed (usage is hierarchical: a quiet subtree costs one read at its top); every other file of a cgroup costs far more, so live they are re-read within a CPU budget (3 ms a second), new cgroups first, then those whose usage changed, then the oldest."),
		.source = N_(
			"When memscope last read the cgroup's memory.stat, limits, events and pressure; batch mode (-b) and captured trees read every cgroup each sample (JSON: detail_age_s, detail_current_kb)."),
		.formula = N_(
			"Dim when older than 5 s (or two intervals, when -d is over 2.5 s), or when usage moved by more than an eighth since, as for processes."),
		.healthy = N_(
			"A few dim rows are the budget at work; they catch up within seconds. A whole dim column means more cgroups than the budget re-reads: use -b for one full sample."),
	},
	{ .id = NULL },
};

/* Every id the tab shows: its columns and the cgroup's screen. */
const char *const ms_cgroup_explain_all[] = {
	CG_SCREEN_IDS, "cgroup.limit", "cgroup.headroom", "cgroup.age", NULL,
};
