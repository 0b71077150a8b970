// SPDX-License-Identifier: GPL-2.0
/*
 * Explain mode's texts for the DAMON screen (Reclaim tab, A; damon.c):
 * every field of the kdamonds, their schemes' actions, and how fresh the
 * stats are (mm/damon/sysfs.c, sysfs-schemes.c of 6.1 to 6.18).
 */
#include "tui/explain.h"
#include "tui/tabs/reclaim/reclaim.h"

#define N_(s) s

const struct ms_explain ms_explain_damon[] = {
	{
		.id = "damon.nr_kdamonds",
		.name = "kdamonds",
		.what = N_(
			"How many kdamonds (DAMON's monitoring threads) the DAMON sysfs"
			" interface holds, running or not. memscope never writes to a "
			"kdamond it did not make, not even a state file; it makes its "
			"own only when asked (--damon) and only where there is none."),
		.source = N_("/sys/kernel/mm/damon/admin/kdamonds/nr_kdamonds "
			     "(CONFIG_DAMON_SYSFS, 5.18+)."),
		.formula = N_(
			"Read as is; without the directory the kernel has no DAMON "
			"sysfs interface and the screen says so."),
		.healthy = N_(
			"0 is the usual case. A kdamond here was set up by someone on "
			"this machine (a tool such as damo, or a service): DAMON's own "
			"modules damon_reclaim and damon_lru_sort run theirs without "
			"this directory."),
	},
	{
		.id = "damon.cut",
		.name = "cut",
		.what = N_(
			"Set when a count in the tree was larger than memscope reads: "
			"at most 32 kdamonds, targets and schemes, 16 regions per "
			"target and 16 filters per scheme are listed."),
		.source = N_("The nr_* files of the DAMON sysfs tree."),
		.formula = N_(
			"Each count is bounded before it is walked, so a damaged tree "
			"cannot make a sample hang; the notes (n) name the count."),
		.healthy = N_("Normally false."),
	},
	{
		.id = "damon.kdamond",
		.name = "kdamond",
		.what = N_(
			"One kdamond: a kernel thread that runs one DAMON monitoring "
			"context, sampling which memory is accessed and applying its "
			"schemes."),
		.source = N_("kdamonds/N/ (its number is its directory)."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational."),
	},
	{
		.id = "damon.state",
		.name = "State",
		.what = N_("Whether the kdamond runs: on or off."),
		.source = N_("kdamonds/N/state."),
		.formula = N_(
			"Read only. Writing to this file starts, stops or commits a "
			"kdamond, or refreshes its stats: memscope never does, on a "
			"kdamond it did not start."),
		.healthy = N_(
			"on for a kdamond doing work; off is one set up and not "
			"started."),
	},
	{
		.id = "damon.pid",
		.name = "PID",
		.what = N_(
			"The kdamond thread's process id, -1 (shown as null) while it "
			"is off."),
		.source = N_("kdamonds/N/pid."),
		.formula = N_("Read as is."),
		.healthy = N_(
			"Its CPU time (the VMA tab lists it as kdamond) is DAMON's "
			"cost."),
	},
	{
		.id = "damon.refresh_ms",
		.name = "refresh_ms",
		.what = N_(
			"How fresh the scheme stats are. The stats files are not live: "
			"before 6.17 they change only when someone writes "
			"update_schemes_stats to the kdamond's state file; from 6.17 a "
			"non-zero refresh_ms makes the kernel refresh them (with the "
			"tuned intervals and the quotas' effective bytes) every "
			"refresh_ms milliseconds."),
		.source = N_("kdamonds/N/refresh_ms (6.17+; absent before)."),
		.formula = N_(
			"Read as is. memscope never asks for a refresh: the stats are "
			"as fresh as the kdamond's owner last made them."),
		.healthy = N_(
			"0 or absent: stats that never move may just never have been "
			"refreshed, not a scheme that does nothing."),
	},
	{
		.id = "damon.contexts",
		.name = "Contexts",
		.what = N_(
			"The kdamond's monitoring contexts; the kernel allows one per "
			"kdamond, which this screen shows."),
		.source = N_("kdamonds/N/contexts/nr_contexts."),
		.formula = N_("Read as is."),
		.healthy = N_("1; 0 is a kdamond not set up yet."),
	},
	{
		.id = "damon.operations",
		.name = "Operations",
		.what = N_(
			"The address space monitored: vaddr (processes' virtual "
			"memory), fvaddr (fixed virtual ranges) or paddr (the physical "
			"memory of the whole machine); after it, those this kernel "
			"offers."),
		.source = N_("contexts/0/operations and avail_operations."),
		.formula = N_("Read as is."),
		.healthy = N_(
			"paddr with a pageout scheme is proactive reclaim of the whole "
			"machine; vaddr watches chosen processes."),
	},
	{
		.id = "damon.addr_unit",
		.name = "addr_unit",
		.what = N_(
			"The unit of the region addresses: 1 means bytes; more lets a "
			"32-bit kernel address physical memory above 4 GiB."),
		.source = N_("contexts/0/addr_unit (6.18+)."),
		.formula = N_("Read as is."),
		.healthy = N_("1 on 64-bit machines."),
	},
	{
		.id = "damon.intervals",
		.name = "Intervals",
		.what = N_(
			"DAMON samples each region's access once per sample interval, "
			"sums the samples over the aggregation interval (a region's "
			"nr_accesses) and refreshes its target regions every update "
			"interval."),
		.source = N_(
			"contexts/0/monitoring_attrs/intervals/sample_us, aggr_us, "
			"update_us (microseconds)."),
		.formula = N_(
			"Read as is. An access pattern's nr_accesses counts up to "
			"aggr/sample; its age counts aggregation intervals."),
		.healthy = N_(
			"Defaults 5 ms, 100 ms, 1 s; longer intervals cost less CPU and"
			" see less."),
	},
	{
		.id = "damon.nr_regions",
		.name = "Regions",
		.what = N_(
			"The bounds on how many regions DAMON splits the monitored "
			"memory into: each region is sampled at one address per "
			"interval, so the count bounds the cost."),
		.source = N_(
			"contexts/0/monitoring_attrs/nr_regions/min and max."),
		.formula = N_("Read as is."),
		.healthy = N_("Defaults 10..1000."),
	},
	{
		.id = "damon.targets",
		.name = "Targets",
		.what = N_(
			"What the context monitors: a process each for vaddr; for paddr"
			" and fvaddr the address ranges of its regions."),
		.source = N_("contexts/0/targets/nr_targets and targets/N/."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational."),
	},
	{
		.id = "damon.pid_target",
		.name = "pid_target",
		.what = N_(
			"The process a vaddr target monitors (0 for paddr and fvaddr)."),
		.source = N_("targets/N/pid_target."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational."),
	},
	{
		.id = "damon.regions",
		.name = "Regions",
		.what = N_(
			"The initial address ranges given to a target (start to end, in"
			" addr_unit); for vaddr DAMON finds the ranges itself and this "
			"is usually empty."),
		.source = N_(
			"targets/N/regions/nr_regions and regions/N/start, end."),
		.formula = N_("Read as is; the size is end - start."),
		.healthy =
			N_("For paddr: usually the System RAM of /proc/iomem."),
	},
	{
		.id = "damon.schemes",
		.name = "Schemes",
		.what = N_(
			"DAMOS, DAMON-based operation schemes: each applies an action "
			"to the regions whose access pattern matches, within its quotas"
			" and watermarks."),
		.source = N_("contexts/0/schemes/nr_schemes and schemes/N/."),
		.formula = N_("Read as is."),
		.healthy = N_("None: the kdamond only monitors."),
	},
	{
		.id = "damon.action",
		.name = "Action",
		.what = N_(
			"What a scheme does to matching regions. pageout: reclaim their"
			" pages now (proactive reclaim). cold: deactivate them "
			"(MADV_COLD). willneed: read them in ahead (MADV_WILLNEED). "
			"hugepage / nohugepage: allow or forbid THP there "
			"(MADV_HUGEPAGE / MADV_NOHUGEPAGE). lru_prio / lru_deprio: move"
			" their pages to the head or the tail of the LRU lists. "
			"migrate_hot / migrate_cold: move their pages to the node "
			"target_nid. stat: nothing, only count them."),
		.source = N_("schemes/N/action (mm/damon/sysfs-schemes.c)."),
		.formula = N_(
			"Read as is. willneed, cold, hugepage and nohugepage work on "
			"vaddr and fvaddr; lru_prio, lru_deprio (6.2+) and migrate_hot,"
			" migrate_cold (6.11+) on paddr; pageout and stat on all."),
		.healthy = N_(
			"pageout on paddr reclaims memory before the machine is short "
			"of it: watch its applied bytes against the Reclaim tab's "
			"refaults."),
	},
	{
		.id = "damon.access_pattern",
		.name = "Access pattern",
		.what = N_(
			"Which regions a scheme acts on: a size in bytes, accesses per "
			"aggregation interval (nr_accesses) and an age in aggregation "
			"intervals, each min..max (max: no upper bound)."),
		.source = N_(
			"schemes/N/access_pattern/sz, nr_accesses, age: min and max."),
		.formula = N_(
			"Read as is; ULONG_MAX is shown as max (null in the JSON)."),
		.healthy = N_(
			"Cold memory: few accesses and a large age (age 12 at 5 s "
			"aggregation is a minute untouched)."),
	},
	{
		.id = "damon.apply_interval",
		.name = "Apply interval",
		.what = N_(
			"How often the scheme is applied, and for migrate_hot / "
			"migrate_cold the node its pages go to."),
		.source = N_(
			"schemes/N/apply_interval_us (6.7+) and target_nid (6.11+)."),
		.formula = N_(
			"Read as is; apply_interval_us 0 means every aggregation "
			"interval."),
		.healthy = N_("Informational."),
	},
	{
		.id = "damon.target_nid",
		.name = "target_nid",
		.what = N_(
			"The NUMA node migrate_hot and migrate_cold move pages to; -1 "
			"(null) for other actions."),
		.source = N_("schemes/N/target_nid (6.11+)."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational."),
	},
	{
		.id = "damon.quotas",
		.name = "Quotas",
		.what = N_(
			"The limits of a scheme's work per reset interval: time (ms) "
			"and bytes, the effective byte limit after auto-tuning goals, "
			"and the weights (permil) that choose which regions go first "
			"when the quota is short: size, access frequency, age."),
		.source = N_(
			"schemes/N/quotas/ms, bytes, reset_interval_ms, effective_bytes"
			" (6.9+), weights/*, goals/nr_goals (6.8+)."),
		.formula = N_(
			"Read as is; 0 is no limit. effective_bytes changes only when "
			"the stats are refreshed (see refresh_ms)."),
		.healthy = N_(
			"A pageout quota keeps proactive reclaim cheap: e.g. 50 ms and "
			"128 MiB a second."),
	},
	{
		.id = "damon.watermarks",
		.name = "Watermarks",
		.what = N_(
			"When a scheme is active: with metric free_mem_rate (free "
			"memory, permil) it works between the high and low marks and "
			"pauses above high or below low; none: always active."),
		.source = N_(
			"schemes/N/watermarks/metric, interval_us, high, mid, low."),
		.formula = N_(
			"Read as is; the metric is checked every interval_us."),
		.healthy =
			N_("none is usual for a scheme meant to run always."),
	},
	{
		.id = "damon.filters",
		.name = "Filters",
		.what = N_(
			"Which pages of a matching region the action may touch: by type"
			" (anon, memcg, young, hugepage_size, unmapped, addr, target "
			"...); matching Y means pages of that type, N the others; allow"
			" Y lets them through, N keeps them out (before 6.14 a filter "
			"only kept pages out)."),
		.source = N_(
			"schemes/N/filters/ (6.3+), core_filters/ and ops_filters/ "
			"(6.15+): type, matching, allow, memcg_path."),
		.formula = N_(
			"Read as is; the directory names where the filter is evaluated."),
		.healthy = N_(
			"Proactive reclaim often keeps anonymous pages out (anon, allow"
			" N) on a machine without swap."),
	},
	{
		.id = "damon.stats",
		.name = "Stats",
		.what = N_(
			"What a scheme did since it started: regions and bytes it was "
			"tried on, regions and bytes its action was applied to (for "
			"pageout: bytes reclaimed), bytes that passed the filters, and "
			"how many times its quota ran out."),
		.source = N_(
			"schemes/N/stats/nr_tried, sz_tried, nr_applied, sz_applied, "
			"qt_exceeds, sz_ops_filter_passed (6.14+)."),
		.formula = N_(
			"Read as is, as fresh as the kdamond's owner last refreshed "
			"them (update_schemes_stats), or every refresh_ms from 6.17; "
			"memscope never refreshes them."),
		.healthy = N_(
			"Applied far below tried: the quota or the filters hold the "
			"scheme back; qt_exceeds growing: the quota is the limit."),
	},
	{
		.id = "damon.stats_rate",
		.name = "Per second",
		.what = N_(
			"How fast the applied and tried bytes grew between two samples."),
		.source = N_(
			"schemes/N/stats/sz_applied and sz_tried in two samples."),
		.formula = N_(
			"(bytes now - bytes before) / interval; none after the kdamond "
			"restarted. Stats refreshed only now and then show bursts and "
			"zeros, not the scheme's pace."),
		.healthy = N_("For pageout: the proactive reclaim rate."),
	},
	{
		.id = "damon.target",
		.name = "Monitoring",
		.what = N_(
			"What memscope's own DAMON monitoring watches (--damon): "
			"paddr, all physical memory, or one process by its pid."),
		.source = N_(
			"A kdamond memscope makes for the run through DAMON's sysfs: "
			"paddr or vaddr operations, a stat scheme over every region."),
		.formula = N_(
			"Made only where nr_kdamonds is 0: DAMON's sysfs refuses to "
			"change nr_kdamonds while any kdamond runs, and changing it "
			"would reset one set up by someone else. Turned off and "
			"removed when memscope ends."),
		.healthy = N_("Informational."),
	},
	{
		.id = "damon.wss",
		.name = "Working set",
		.what = N_(
			"An estimate of the memory in use now: the bytes of the "
			"regions DAMON saw accessed in its last aggregation interval."),
		.source = N_(
			"The stat scheme's tried_regions (update_schemes_tried_regions"
			" written to the kdamond's state file each sample)."),
		.formula = N_(
			"Sum of (end - start) over the regions with nr_accesses > 0; "
			"the aggregation interval is 100 ms, sampled every 5 ms."),
		.healthy = N_(
			"Far below the process's RSS (or used memory): much of it is "
			"cold, a candidate for reclaim."),
	},
	{
		.id = "damon.mon_regions",
		.name = "Regions",
		.what = N_(
			"The address ranges DAMON tracks, each with how often it was "
			"seen accessed and for how long that has held."),
		.source = N_(
			"schemes/0/tried_regions/N/start, end, nr_accesses, age of "
			"memscope's kdamond (6.2+)."),
		.formula = N_(
			"nr_accesses: in how many of the last aggregation interval's "
			"20 samples the region was accessed; age: aggregation "
			"intervals its access level has held. DAMON splits and merges "
			"regions between 10 and 100."),
		.healthy = N_(
			"Hot regions (high nr_accesses) are the working set; regions "
			"at 0 with a high age are cold memory."),
	},
	{
		.id = "damon.heatmap",
		.name = "Access heatmap",
		.what = N_(
			"How often each part of the monitored memory was accessed, "
			"sample after sample: rows are the monitored bytes laid end "
			"to end, low address first, in sixteen slices; columns the "
			"samples since the screen opened, the newest at the right."),
		.source = N_(
			"The regions of memscope's kdamond (tried_regions), one "
			"column per sample."),
		.formula = N_(
			"Each cell: the accesses of the regions in the slice, "
			"weighted by their bytes, 0..20 drawn as \" .:-=+*#%@\". "
			"The address is where the slice starts in the latest sample."),
		.healthy = N_(
			"A steady band of # is the hot working set; blank rows that "
			"stay blank are cold memory."),
	},
	{
		.id = "damon.age_hist",
		.name = "Region ages",
		.what = N_(
			"How long the regions' access levels have held, in bytes: "
			"accessed in the last aggregation interval / not."),
		.source = N_("tried_regions/N/age of memscope's kdamond."),
		.formula = N_(
			"age counts aggregation intervals (100 ms) since the "
			"region's access level last changed much; buckets under "
			"1 s, 10 s, 1 min, 10 min, and older."),
		.healthy =
			N_("Many bytes not accessed for minutes are cold: what "
			   "proactive reclaim (DAMON's pageout) would take."),
	},
	{ .id = NULL },
};
