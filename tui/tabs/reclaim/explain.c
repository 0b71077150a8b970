// SPDX-License-Identifier: GPL-2.0
/*
 * Explain mode's texts for the Reclaim tab (tui/explain.h): its overview;
 * explain_screens.c has those of its other screens.
 */
#include "tui/explain.h"

#define N_(s) s

const struct ms_explain ms_explain_reclaim[] = {
	{
		.id = "reclaim.ev.stalls",
		.name = "stalls",
		.what = N_("Reclaim stalls: tasks that had to reclaim memory "
			   "themselves (direct reclaim) or for their memory "
			   "cgroup, per second, with mean and max time."),
		.source = N_("BPF on "
			     "vmscan:mm_vmscan_direct_reclaim_begin/end and "
			     "mm_vmscan_memcg_reclaim_begin/end."),
		.formula = N_("Stalls = end events / interval; time = end - "
			      "begin per stall; ms/s = sum of the times / "
			      "interval."),
		.healthy = N_("0 is healthy. Any steady rate means "
			      "allocations wait for reclaim: latency spikes in "
			      "applications."),
	},
	{
		.id = "reclaim.ev.kswapd",
		.name = "kswapd",
		.what = N_("kswapd, the per-node background reclaim thread: "
			   "the share of time it was awake, how often it woke "
			   "and was asked to wake."),
		.source = N_("BPF on vmscan:mm_vmscan_kswapd_wake, "
			     "mm_vmscan_kswapd_sleep and "
			     "mm_vmscan_wakeup_kswapd."),
		.formula = N_("awake = time between wake and sleep / "
			      "interval; woke/s = wake events / interval."),
		.healthy =
			N_("Mostly asleep is healthy; awake most of the "
			   "time means free memory keeps falling below the low "
			   "watermark."),
	},
	{
		.id = "reclaim.ev.oom",
		.name = "OOM kills",
		.what = N_("Processes the OOM killer chose and killed because "
			   "memory ran out (system-wide or in a cgroup)."),
		.source = N_("BPF on oom:mark_victim and fentry on "
			     "__oom_kill_process; /proc/vmstat oom_kill counts "
			     "them too."),
		.formula = N_("Counted since attach; the last victim's pid "
			      "and name are shown."),
		.healthy =
			N_("0 is healthy. Any OOM kill means memory was "
			   "exhausted: find the process that grew (VMA tab) or "
			   "the cgroup limit."),
	},
	{
		.id = "reclaim.ev.shrinkers",
		.name = "shrinkers",
		.what = N_("Time per second spent in the slab shrinkers "
			   "(dentry, inode and other caches asked to give "
			   "memory back), and the busiest one."),
		.source = N_("BPF on vmscan:mm_shrink_slab_start and "
			     "mm_shrink_slab_end."),
		.formula = N_("sum of (end - start) / interval, per shrinker."),
		.healthy = N_("Near 0 is healthy; a shrinker taking many ms/s "
			      "slows reclaim and the tasks waiting for it."),
	},
	{
		.id = "reclaim.ev.writeback",
		.name = "writeback",
		.what = N_("Dirty file folios that reclaim itself had to "
			   "write back, per second."),
		.source = N_("BPF on vmscan:mm_vmscan_write_folio "
			     "(mm_vmscan_writepage on older kernels)."),
		.formula = N_("Events / interval."),
		.healthy = N_("0 is healthy: flusher threads should write "
			      "dirty pages before reclaim meets them."),
	},
	{
		.id = "reclaim.ev.timeline",
		.name = "timeline",
		.what = N_("Spark lines of the last samples: stall ms/s, "
			   "stalls/s, kswapd awake %, shrinker ms/s, "
			   "writeback/s and OOM kills."),
		.source = N_("The reclaim events (bpf) of each sample, kept "
			     "by memscope."),
		.formula = N_("One column per sample, height relative to the "
			      "largest value shown; newest at the right."),
		.healthy = N_("Flat lines at the bottom are healthy; spikes "
			      "show when the pressure came."),
	},
	{
		.id = "reclaim.delayacct",
		.name = "delays",
		.what = N_("Whether per-task delay accounting "
			   "(kernel.task_delayacct) is on; memscope turns it "
			   "on while D is set and puts it back when it quits."),
		.source = N_("/proc/sys/kernel/task_delayacct."),
		.formula = N_("Read as is; written by D (root)."),
		.healthy = N_("Off by default; it costs a little on every "
			      "scheduling event while on."),
	},
	{
		.id = "reclaim.vm.pgscan_kswapd",
		.name = "pgscan_kswapd",
		.what = N_("Pages kswapd scanned on the LRU lists looking for "
			   "pages to reclaim."),
		.source = N_("/proc/vmstat: pgscan_kswapd (summed over its "
			     "per-zone or per-type variants)."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("Some scanning is normal; a high rate with low "
			      "steal means reclaim works hard for little."),
	},
	{
		.id = "reclaim.vm.pgscan_direct",
		.name = "pgscan_direct",
		.what = N_("Pages scanned by direct reclaim, in the "
			   "allocating task."),
		.source = N_("/proc/vmstat: pgscan_direct (summed over its "
			     "per-zone or per-type variants)."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("0 is healthy; any rate means allocations stall "
			      "in reclaim."),
	},
	{
		.id = "reclaim.vm.pgsteal_kswapd",
		.name = "pgsteal_kswapd",
		.what = N_("Pages kswapd reclaimed (freed) from the LRU "
			   "lists."),
		.source = N_("/proc/vmstat: pgsteal_kswapd (summed over its "
			     "per-zone or per-type variants)."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("Informational; compare with pgscan for "
			      "efficiency."),
	},
	{
		.id = "reclaim.vm.pgsteal_direct",
		.name = "pgsteal_direct",
		.what = N_("Pages reclaimed by direct reclaim."),
		.source = N_("/proc/vmstat: pgsteal_direct (summed over its "
			     "per-zone or per-type variants)."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("0 is healthy; non-zero means tasks did "
			      "kswapd's work while allocating."),
	},
	{
		.id = "reclaim.vm.allocstall",
		.name = "allocstall",
		.what = N_("Times an allocation entered direct reclaim."),
		.source = N_("/proc/vmstat: allocstall (summed over its "
			     "per-zone or per-type variants)."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("0 per second is healthy; a steady rate means "
			      "memory pressure hurts latency."),
	},
	{
		.id = "reclaim.vm.oom_kill",
		.name = "oom_kill",
		.what = N_("OOM kills since boot."),
		.source = N_("/proc/vmstat: oom_kill (summed over its "
			     "per-zone or per-type variants)."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("Should not grow; each increase is a process "
			      "killed for lack of memory."),
	},
	{
		.id = "reclaim.vm.pgfault",
		.name = "pgfault",
		.what = N_("Page faults of all processes (minor and major)."),
		.source = N_("/proc/vmstat: pgfault (summed over its per-zone "
			     "or per-type variants)."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("Depends on the load; a sudden rise with "
			      "pgmajfault points to thrashing."),
	},
	{
		.id = "reclaim.vm.pgmajfault",
		.name = "pgmajfault",
		.what = N_("Major page faults: faults that waited for disk or "
			   "swap."),
		.source = N_("/proc/vmstat: pgmajfault (summed over its "
			     "per-zone or per-type variants)."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("Low is healthy; a steady high rate means the "
			      "working set does not fit in memory."),
	},
	{
		.id = "reclaim.vm.pswpin",
		.name = "pswpin",
		.what = N_("Pages read back from swap."),
		.source = N_("/proc/vmstat: pswpin (summed over its per-zone "
			     "or per-type variants)."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("0 or rare is healthy; steady swap-in with "
			      "swap-out is thrashing."),
	},
	{
		.id = "reclaim.vm.pswpout",
		.name = "pswpout",
		.what = N_("Pages written out to swap."),
		.source = N_("/proc/vmstat: pswpout (summed over its per-zone "
			     "or per-type variants)."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("Occasional swap-out of cold pages is fine; a "
			      "steady high rate means memory is short."),
	},
	{
		.id = "reclaim.vm.workingset_refault",
		.name = "workingset_refault",
		.what = N_("Refaults: pages read again soon after reclaim "
			   "evicted them (shadow entries say they were "
			   "recently used)."),
		.source = N_("/proc/vmstat: workingset_refault (summed over "
			     "its per-zone or per-type variants)."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy =
			N_("Low is healthy; a high rate means reclaim "
			   "evicts pages that are still needed (thrashing of "
			   "the page cache)."),
	},
	{
		.id = "reclaim.vm.workingset_activate",
		.name = "workingset_activate",
		.what = N_("Refaulted pages put straight on the active list "
			   "because they belong to the working set."),
		.source = N_("/proc/vmstat: workingset_activate (summed over "
			     "its per-zone or per-type variants)."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("Informational; follows workingset_refault."),
	},
	{
		.id = "reclaim.vm.efficiency",
		.name = "steal/scan",
		.what = N_("Reclaim efficiency: the share of scanned pages "
			   "that were actually reclaimed, for kswapd and for "
			   "direct reclaim."),
		.source = N_("/proc/vmstat: pgsteal_* and pgscan_* in two "
			     "samples."),
		.formula = N_("100 * delta pgsteal / delta pgscan over the "
			      "interval."),
		.healthy = N_("Above ~50% is efficient; low values mean "
			      "reclaim scans many pages it cannot free (hot or "
			      "dirty pages)."),
	},
	{
		.id = "reclaim.vm.compact_stall",
		.name = "compact_stall",
		.what = N_("Times an allocation ran direct compaction to "
			   "build a free high-order block."),
		.source = N_("/proc/vmstat: compact_stall (summed over its "
			     "per-zone or per-type variants)."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy =
			N_("Rare is healthy; a steady rate means "
			   "fragmentation makes high-order allocations wait."),
	},
	{
		.id = "reclaim.vm.compact_fail",
		.name = "compact_fail",
		.what = N_("Direct compaction runs that did not produce the "
			   "block."),
		.source = N_("/proc/vmstat: compact_fail (summed over its "
			     "per-zone or per-type variants)."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("0 is healthy; failures mean high-order "
			      "allocations fall back or fail."),
	},
	{
		.id = "reclaim.vm.compact_success",
		.name = "compact_success",
		.what = N_("Direct compaction runs that produced the block."),
		.source = N_("/proc/vmstat: compact_success (summed over its "
			     "per-zone or per-type variants)."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("Informational; compare with compact_fail."),
	},
	{
		.id = "reclaim.vm.thp_fault_alloc",
		.name = "thp_fault_alloc",
		.what = N_("Transparent huge pages allocated at page-fault "
			   "time."),
		.source = N_("/proc/vmstat: thp_fault_alloc (summed over its "
			     "per-zone or per-type variants)."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("Informational; with THP enabled most large "
			      "anonymous regions should get them."),
	},
	{
		.id = "reclaim.vm.thp_fault_fallback",
		.name = "thp_fault_fallback",
		.what = N_("Page faults that wanted a huge page but fell back "
			   "to small pages (no free order-9 block)."),
		.source = N_("/proc/vmstat: thp_fault_fallback (summed over "
			     "its per-zone or per-type variants)."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("Low is healthy; a rate close to "
			      "thp_fault_alloc means fragmentation denies huge "
			      "pages."),
	},
	{
		.id = "reclaim.psi.some",
		.name = "some",
		.what = N_("PSI memory 'some': the share of time at least one "
			   "task was stalled waiting for memory (reclaim, "
			   "refaults, swap-in)."),
		.source = N_("/proc/pressure/memory: the \"some\" line."),
		.formula = N_("Read as is: avg10, avg60 and avg300 are "
			      "running averages in percent over 10 s, 60 s and "
			      "300 s."),
		.healthy = N_("Below ~1% is healthy; above ~10% memory "
			      "pressure is slowing tasks noticeably."),
	},
	{
		.id = "reclaim.psi.full",
		.name = "full",
		.what = N_("PSI memory 'full': the share of time all non-idle "
			   "tasks were stalled on memory at once: lost work."),
		.source = N_("/proc/pressure/memory: the \"full\" line."),
		.formula = N_("Read as is, percent averages over 10, 60 and "
			      "300 s."),
		.healthy = N_("0 is healthy; any lasting full pressure means "
			      "the system does almost nothing but wait for "
			      "memory."),
	},
	{
		.id = "reclaim.psi.total",
		.name = "total, growth",
		.what = N_("The total stall time since boot (seconds) and how "
			   "fast it grows (ms of stall per second)."),
		.source = N_("/proc/pressure/memory: total= (microseconds) in "
			     "two samples."),
		.formula = N_("growth = (total now - total before) / "
			      "interval."),
		.healthy =
			N_("Growth 0 is healthy; tens of ms/s or more is "
			   "real pressure (more precise than the averages)."),
	},
	{
		.id = "reclaim.mglru.enabled",
		.name = "enabled",
		.what = N_("Multi-Gen LRU: whether it is on and which parts "
			   "(main, mm_walk page-table walks, nonleaf_young)."),
		.source = N_("/sys/kernel/mm/lru_gen/enabled (a bit mask, "
			     "0x0007 = all)."),
		.formula = N_("Read as is; bits 0, 1, 2."),
		.healthy = N_("Informational; MGLRU usually reclaims more "
			      "efficiently than the classic active/inactive "
			      "lists."),
	},
	{
		.id = "reclaim.mglru.min_ttl",
		.name = "min_ttl_ms",
		.what = N_("MGLRU's thrashing prevention: the working set of "
			   "the last N ms is protected; if it cannot be, the "
			   "OOM killer runs."),
		.source = N_("/sys/kernel/mm/lru_gen/min_ttl_ms."),
		.formula = N_("Read as is; 0 = off."),
		.healthy = N_("0 (off) is the default; e.g. 1000 keeps a "
			      "desktop responsive under pressure."),
	},
	{
		.id = "reclaim.thp.enabled",
		.name = "enabled",
		.what = N_("Transparent huge pages mode: always, madvise "
			   "(only regions that ask) or never."),
		.source = N_("/sys/kernel/mm/transparent_hugepage/enabled "
			     "(the value in brackets)."),
		.formula = N_("Read as is."),
		.healthy = N_("madvise is a safe default; always helps big "
			      "heaps but can cost memory and latency."),
	},
	{
		.id = "reclaim.thp.defrag",
		.name = "defrag",
		.what = N_("What a THP fault does when no huge page is free: "
			   "always/defer/defer+madvise/madvise/never compact."),
		.source = N_("/sys/kernel/mm/transparent_hugepage/defrag."),
		.formula = N_("Read as is."),
		.healthy = N_("madvise is the default; always makes faults "
			      "stall in compaction."),
	},
	{
		.id = "reclaim.thp.shmem",
		.name = "shmem_enabled",
		.what = N_("Whether shared memory (tmpfs, shmem) uses huge "
			   "pages."),
		.source =
			N_("/sys/kernel/mm/transparent_hugepage/shmem_enabled."
			   ""),
		.formula = N_("Read as is."),
		.healthy = N_("Informational; never is the usual default."),
	},
	{
		.id = "reclaim.thp.khugepaged",
		.name = "khugepaged",
		.what = N_("khugepaged, the thread that collapses small pages "
			   "into huge pages in the background: its settings "
			   "and counts."),
		.source = N_("/sys/kernel/mm/transparent_hugepage/khugepaged/ "
			     "(pages_collapsed, full_scans, ...)."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational; pages_collapsed growing shows "
			      "it at work."),
	},
	{
		.id = "reclaim.thp.size.enabled",
		.name = "mTHP size",
		.what = N_("A multi-size THP size (6.8+): enabled says whether "
			   "anonymous faults get folios of this size (always, "
			   "madvise: only regions that ask, inherit: as the "
			   "top-level enabled, never); shmem_enabled the same "
			   "for tmpfs and shared memory."),
		.source = N_("/sys/kernel/mm/transparent_hugepage/"
			     "hugepages-NkB/enabled and shmem_enabled (the "
			     "value in brackets; '-' where the size has no "
			     "such file)."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational; never is the default of the "
			      "sizes below the PMD size."),
	},
	{
		.id = "reclaim.thp.size.fault",
		.name = "anon_fault_*",
		.what = N_("Anonymous page faults that got a folio of this "
			   "size (anon_fault_alloc), fell back to a smaller "
			   "size (anon_fault_fallback) or fell back because "
			   "the memory cgroup's charge failed "
			   "(anon_fault_fallback_charge)."),
		.source = N_("hugepages-NkB/stats/anon_fault_*, since boot."),
		.formula = N_("Read as is; per second between the last two "
			      "samples."),
		.healthy = N_("fallback well above alloc means memory is too "
			      "fragmented for this size."),
	},
	{
		.id = "reclaim.thp.size.folios",
		.name = "nr_anon",
		.what = N_("Anonymous folios of this size now (nr_anon), and "
			   "those partly unmapped, waiting for a deferred "
			   "split (nr_anon_partially_mapped)."),
		.source = N_("hugepages-NkB/stats/nr_anon* (6.13+)."),
		.formula = N_("Read as is: a count, not a counter."),
		.healthy = N_("Informational."),
	},
	{
		.id = "reclaim.thp.size.split",
		.name = "split",
		.what = N_("Folios of this size split into smaller ones "
			   "(split), splits that failed (split_failed) and "
			   "folios queued for a later split (split_deferred)."),
		.source = N_("hugepages-NkB/stats/split*, since boot."),
		.formula = N_("Read as is; per second between the last two "
			      "samples."),
		.healthy = N_("Many splits mean the size is broken up again "
			      "soon after it was allocated."),
	},
	{
		.id = "reclaim.thp.size.swap",
		.name = "swpout",
		.what = N_("Folios of this size swapped out whole (swpout) "
			   "or split first (swpout_fallback), written to zswap "
			   "(zswpout), swapped in whole (swpin) or not "
			   "(swpin_fallback*)."),
		.source = N_("hugepages-NkB/stats/swp*, zswpout, since boot."),
		.formula = N_("Read as is; per second between the last two "
			      "samples."),
		.healthy = N_("Informational; swapping means memory pressure."),
	},
	{
		.id = "reclaim.thp.size.shmem",
		.name = "shmem_alloc",
		.what = N_(
			"Shared memory (tmpfs) folios of this size "
			"allocated (shmem_alloc), fallen back to smaller "
			"ones (shmem_fallback) or for a failed cgroup charge "
			"(shmem_fallback_charge)."),
		.source = N_("hugepages-NkB/stats/shmem_*, since boot."),
		.formula = N_("Read as is; per second between the last two "
			      "samples."),
		.healthy = N_("Informational."),
	},
	{
		.id = "reclaim.thp.size.other",
		.name = "stats",
		.what = N_(
			"Another counter of this size's stats/ directory, "
			"as this kernel names it (e.g. anon_fault_declined)."),
		.source = N_("hugepages-NkB/stats/."),
		.formula = N_("Read as is; per second between the last two "
			      "samples (nr_* as amounts)."),
		.healthy = N_("See the kernel's "
			      "Documentation/admin-guide/mm/transhuge.rst."),
	},
	{
		.id = "reclaim.swap.device",
		.name = "swap device",
		.what = N_("A swap area: its file or partition, type, "
			   "priority and how full it is."),
		.source = N_("/proc/swaps."),
		.formula = N_("used / size, with a bar."),
		.healthy = N_("Some use is normal; a nearly full swap under "
			      "pressure leads to OOM kills."),
	},
	{
		.id = "reclaim.zswap.enabled",
		.name = "enabled",
		.what = N_("zswap: a compressed RAM cache in front of swap; "
			   "pages going to swap are compressed into a pool "
			   "first."),
		.source = N_("/sys/module/zswap/parameters/enabled."),
		.formula = N_("Read as is (Y/N)."),
		.healthy = N_("Informational; it trades CPU for fewer swap "
			      "I/Os."),
	},
	{
		.id = "reclaim.zswap.compressor",
		.name = "compressor",
		.what = N_("The compression algorithm and the allocator "
			   "(zpool) zswap uses."),
		.source = N_("/sys/module/zswap/parameters/compressor and "
			     "zpool."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational: lz4 is fast, zstd compresses "
			      "better."),
	},
	{
		.id = "reclaim.zswap.max_pool",
		.name = "max_pool_percent",
		.what = N_("The largest share of RAM the zswap pool may take."),
		.source = N_("/sys/module/zswap/parameters/max_pool_percent."),
		.formula = N_("Read as is (percent)."),
		.healthy = N_("Informational; when the pool is full zswap "
			      "writes pages on to the real swap."),
	},
	{
		.id = "reclaim.zswap.stats",
		.name = "zswap stats",
		.what = N_("zswap's counters: stored pages, pool size, "
			   "rejections, written back pages."),
		.source = N_("/sys/kernel/debug/zswap/ (debugfs, root)."),
		.formula = N_("Read as is; sizes also shown in bytes."),
		.healthy = N_("Many reject_* or written_back_pages mean the "
			      "pool is too small or pages do not compress."),
	},
	{
		.id = "reclaim.zswap.ratio",
		.name = "compression ratio",
		.what = N_("How well zswap compresses: stored data against "
			   "the pool it takes."),
		.source = N_("/sys/kernel/debug/zswap: stored_pages and "
			     "pool_total_size."),
		.formula = N_("stored_pages * page size / pool_total_size."),
		.healthy = N_("Above 2 is good; near 1 means zswap costs CPU "
			      "for little gain."),
	},
	{
		.id = "reclaim.zswap.zswpinout",
		.name = "zswpin, zswpout",
		.what = N_("Pages loaded from and stored into zswap, in total "
			   "and per second."),
		.source = N_("/proc/vmstat: zswpin and zswpout."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("Informational; a steady high rate of both "
			      "means the system swaps a lot, even if cheaply."),
	},
	{
		.id = "reclaim.zram.device",
		.name = "zram device",
		.what = N_("A zram device: a compressed block device in RAM, "
			   "often used as swap; its algorithm and disk size."),
		.source = N_("/sys/block/zramN/comp_algorithm and disksize."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational."),
	},
	{
		.id = "reclaim.zram.sizes",
		.name = "orig, compr, used",
		.what = N_("Data stored in the zram device before (orig) and "
			   "after compression (compr), memory used, and their "
			   "ratio."),
		.source = N_("/sys/block/zramN/mm_stat."),
		.formula = N_("ratio = orig_data_size / compr_data_size; the "
			      "bar is mem_used_total / mem_limit."),
		.healthy = N_("A ratio above 2 is good; used close to the "
			      "limit means the device is full."),
	},
	{
		.id = "reclaim.sysctl.min_free_kbytes",
		.name = "min_free_kbytes",
		.what = N_("Memory the kernel keeps free for emergencies; it "
			   "sets the min watermarks of all zones."),
		.source = N_("/proc/sys/vm/min_free_kbytes."),
		.formula = N_("Read as is (KiB); each zone's min is its share "
			      "by size."),
		.healthy = N_("The kernel's default suits most machines; "
			      "raising it wakes kswapd earlier."),
	},
	{
		.id = "reclaim.sysctl.watermark_scale_factor",
		.name = "watermark_scale_factor",
		.what = N_("The gap between the min, low and high watermarks, "
			   "in 1/10000 of a zone's memory."),
		.source = N_("/proc/sys/vm/watermark_scale_factor."),
		.formula = N_("Read as is; 10 = 0.1% of the zone."),
		.healthy = N_("Default 10; raising it makes kswapd start "
			      "earlier and reduces direct reclaim."),
	},
	{
		.id = "reclaim.sysctl.other",
		.name = "vm sysctls",
		.what = N_("Other vm sysctls that shape reclaim: swappiness, "
			   "dirty ratios, overcommit, extfrag_threshold, "
			   "compaction_proactiveness."),
		.source = N_("/proc/sys/vm/*."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational; e.g. swappiness 60 is the "
			      "default balance between anon and file reclaim."),
	},
	{ NULL },
};
