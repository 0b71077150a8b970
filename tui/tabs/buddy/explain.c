// SPDX-License-Identifier: GPL-2.0
/* Explain mode's texts for the Buddy tab (tui/explain.h). */
#include "tui/explain.h"

#define N_(s) s

const struct ms_explain ms_explain_buddy[] = {
	{
		.id = "buddy.zone.node",
		.name = "Node",
		.what = N_("The NUMA node the zone belongs to; each node has "
			   "its own zones (DMA, DMA32, Normal, Movable)."),
		.source = N_("/proc/buddyinfo and /proc/zoneinfo: the \"Node "
			     "N, zone NAME\" header of each zone."),
		.formula = N_("Read as is; no computation."),
		.healthy = N_("Informational. A machine with one node shows 0 "
			      "only; several nodes mean per-node free memory "
			      "matters."),
	},
	{
		.id = "buddy.zone.name",
		.name = "Zone",
		.what = N_("The memory zone: DMA (below 16 MiB), DMA32 (below "
			   "4 GiB), Normal (the rest), Movable (only movable "
			   "pages)."),
		.source = N_("/proc/buddyinfo and /proc/zoneinfo: the zone "
			     "name after \"zone\"."),
		.formula = N_("Read as is; the table's filter (/) matches "
			      "this column."),
		.healthy =
			N_("Informational. Most allocations come from "
			   "Normal; DMA and DMA32 serve devices with address "
			   "limits."),
	},
	{
		.id = "buddy.zone.wmark",
		.name = "Wmark",
		.what = N_("Where the zone's free pages stand against its "
			   "watermarks: OK, HIGH, LOW (kswapd wakes) or MIN "
			   "(direct reclaim)."),
		.source = N_("/proc/zoneinfo: \"pages free\" and the min, low "
			     "and high lines of the zone."),
		.formula = N_("OK: free > high; HIGH: low < free <= high; "
			      "LOW: min < free <= low; MIN: free <= min."),
		.healthy = N_("Healthy: OK most of the time. LOW means kswapd "
			      "is reclaiming; MIN means allocations stall in "
			      "direct reclaim."),
	},
	{
		.id = "buddy.zone.free_pages",
		.name = "FreePg",
		.what = N_("Free pages of the zone held by the buddy "
			   "allocator, all orders together."),
		.source = N_("/proc/buddyinfo: the free block count per order "
			     "of the zone."),
		.formula = N_("Sum over orders of blocks[order] << order (a "
			      "block of order N is 2^N pages)."),
		.healthy = N_("Compare with the watermarks: well above High "
			      "is healthy; near Min means memory pressure."),
	},
	{
		.id = "buddy.zone.free_mem",
		.name = "Free",
		.what = N_("The zone's free pages as memory (bytes, K/M/G)."),
		.source = N_("/proc/buddyinfo, with the page size of the "
			     "machine."),
		.formula = N_("FreePg * page size (4 KiB on x86-64)."),
		.healthy = N_("Healthy: a comfortable share of the zone's "
			      "Managed memory; close to zero under pressure."),
	},
	{
		.id = "buddy.zone.largest",
		.name = "Lrg",
		.what = N_("The largest order with at least one free block: "
			   "the biggest physically contiguous chunk the zone "
			   "can hand out now."),
		.source = N_("/proc/buddyinfo: the highest order whose count "
			     "is not zero."),
		.formula = N_("max{ order : blocks[order] > 0 }; '-' when the "
			      "zone has no free block."),
		.healthy = N_("Healthy: near the top order (10 on most "
			      "kernels). Low values mean high-order and THP "
			      "allocations need compaction."),
	},
	{
		.id = "buddy.zone.unusable",
		.name = "Unus9%",
		.what = N_("The kernel's unusable free space index at the "
			   "pageblock order (9 on x86-64, a 2 MiB huge page), "
			   "in %: the share of free memory in blocks too small "
			   "for it."),
		.source = N_("Computed by memscope from /proc/buddyinfo as "
			     "mm/vmstat.c does (extfrag_for_order(), "
			     "/sys/kernel/debug/extfrag/unusable_index); the "
			     "order from /proc/pagetypeinfo, 9 without it."),
		.formula = N_("100 * (free pages - pages in blocks of order "
			      ">= 9) / free pages."),
		.healthy = N_("Low is healthy: 0 when all free memory is in "
			      "blocks of a huge page or more. kcompactd "
			      "compacts a node whose score (this, weighted by "
			      "zone size) passes 100 - "
			      "vm.compaction_proactiveness + 10 (90 by "
			      "default)."),
	},
	{
		.id = "buddy.zone.extfrag",
		.name = "Ext9",
		.what = N_("The kernel's external fragmentation index at the "
			   "pageblock order (9 on x86-64): would a huge page "
			   "fail now for lack of memory (toward 0) or "
			   "fragmentation (toward 1)? -1.000: one is free."),
		.source = N_("Computed by memscope from /proc/buddyinfo as "
			     "mm/vmstat.c's __fragmentation_index() does "
			     "(/sys/kernel/debug/extfrag/extfrag_index)."),
		.formula = N_("-1.000 if a block of order >= 9 is free; else "
			      "1 - (1 + free pages / 512) / free blocks."),
		.healthy =
			N_("-1.000 is healthy. Above vm.extfrag_threshold "
			   "(0.500) the kernel compacts rather than reclaims "
			   "for that order."),
	},
	{
		.id = "buddy.zone.unusable3",
		.name = "Unus3%",
		.what = N_("The kernel's unusable free space index at the "
			   "costly order 3 (PAGE_ALLOC_COSTLY_ORDER, 32 KiB), "
			   "in %: the share of free memory in blocks under 8 "
			   "pages. Up to order 3 the allocator retries reclaim "
			   "and compaction hard and may call the OOM killer."),
		.source = N_("Computed by memscope from /proc/buddyinfo as "
			     "mm/vmstat.c does "
			     "(/sys/kernel/debug/extfrag/unusable_index)."),
		.formula = N_("100 * (free pages - pages in blocks of order "
			      ">= 3) / free pages."),
		.healthy = N_("Near 0 is healthy. High means even small "
			      "multi-page allocations wait for compaction."),
	},
	{
		.id = "buddy.zone.extfrag3",
		.name = "Ext3",
		.what = N_("The kernel's external fragmentation index at the "
			   "costly order 3: would a failing 8-page allocation "
			   "fail for lack of memory (toward 0) or "
			   "fragmentation (toward 1)? -1.000 when a block of "
			   "order 3 or more is free."),
		.source = N_("Computed by memscope from /proc/buddyinfo as "
			     "mm/vmstat.c does "
			     "(/sys/kernel/debug/extfrag/extfrag_index)."),
		.formula = N_("-1.000 if a block of order >= 3 is free; else "
			      "1 - (1 + free pages / 8) / free blocks."),
		.healthy = N_("-1.000 is healthy; anything else means no block "
			      "of 32 KiB is free in the zone."),
	},
	{
		.id = "buddy.zone.frag",
		.name = "Frag%",
		.what = N_("The chapter's fragmentation index (appendix D): "
			   "the share of free memory not in one block of the "
			   "largest free order. Where that order is the "
			   "zone's top (10 on x86-64), nothing can fail for "
			   "fragmentation and it only measures how much is "
			   "free: shown dim, in parentheses."),
		.source = N_("/proc/buddyinfo. JSON frag_index and "
			     "frag_index_applies (0: does not apply)."),
		.formula = N_("100 - 100 * 2^largest order / free pages."),
		.healthy = N_("Read the kernel's indices first: unusable near "
			      "0 and extfrag -1.000 at the order you need are "
			      "healthy. Where it applies, high means free "
			      "memory is in blocks much smaller than the "
			      "largest."),
	},
	{
		.id = "buddy.zone.lazy",
		.name = "not yet in the buddy allocator",
		.what = N_("Memory of the zone that the kernel has not "
			   "handed to the buddy allocator yet: present, not "
			   "managed, in no free list, yet counted in MemFree. "
			   "With deferred struct page initialisation the "
			   "struct pages of the highest zone are set up after "
			   "boot; upstream kernels finish before init runs, "
			   "this kernel does it on demand, a section at a time "
			   "as the free lists run low, so managed grows."),
		.source = N_("/proc/zoneinfo: present and managed of each "
			     "zone; /proc/meminfo MemFree against the zones' "
			     "free pages."),
		.formula = N_("MemFree - the zones' free pages, shown when it "
			      "is at least 128 MiB and 1 % of MemTotal and "
			      "the zones' present - managed covers it; on the "
			      "zones where present - managed is over 10 %."),
		.healthy =
			N_("Not a problem: the memory is handed over when "
			   "needed. It is why MemFree is larger than what "
			   "/proc/buddyinfo and this tab's free pages show."),
	},
	{
		.id = "buddy.zone.orders",
		.name = "Orders",
		.what = N_("A spark line of the free blocks per order, order "
			   "0 at the left, on a log scale so one block at a "
			   "high order still shows."),
		.source = N_("/proc/buddyinfo: the counts per order of the "
			     "zone."),
		.formula = N_("Bar height ~ log2(1 + blocks[order]) / the "
			      "largest log2 of the row."),
		.healthy = N_("Healthy: bars reach the right end. Bars only "
			      "at the left mean only small blocks are left "
			      "(fragmentation)."),
	},
	{
		.id = "buddy.zone.min",
		.name = "Min",
		.what = N_("The min watermark in pages: below it only "
			   "allocations that may dip into reserves (atomic, "
			   "PF_MEMALLOC) succeed."),
		.source = N_("/proc/zoneinfo: the \"min\" line of the zone; "
			     "set from vm.min_free_kbytes."),
		.formula = N_("Read as is (pages)."),
		.healthy =
			N_("Free pages should stay far above Min; reaching "
			   "it means allocations go to direct reclaim and may "
			   "stall."),
	},
	{
		.id = "buddy.zone.low",
		.name = "Low",
		.what = N_("The low watermark in pages: when free pages fall "
			   "below it the allocator wakes kswapd to reclaim in "
			   "the background."),
		.source = N_("/proc/zoneinfo: the \"low\" line (min plus "
			     "vm.watermark_scale_factor's gap)."),
		.formula = N_("Read as is (pages)."),
		.healthy = N_(
			"Free pages dipping under Low now and then is "
			"normal; staying there means kswapd cannot keep up."),
	},
	{
		.id = "buddy.zone.high",
		.name = "High",
		.what = N_("The high watermark in pages: kswapd reclaims "
			   "until free pages are above it again, then sleeps."),
		.source = N_("/proc/zoneinfo: the \"high\" line of the zone."),
		.formula = N_("Read as is (pages)."),
		.healthy =
			N_("Healthy: free pages above High (state OK). "
			   "Between Low and High kswapd may still be finishing "
			   "its work."),
	},
	{
		.id = "buddy.zone.managed",
		.name = "Managed",
		.what = N_("Pages the buddy allocator manages in the zone: "
			   "present pages minus those reserved at boot "
			   "(memmap, kernel image, crashkernel)."),
		.source = N_("/proc/zoneinfo: the \"managed\" line."),
		.formula = N_("Read as is (pages)."),
		.healthy =
			N_("Informational; constant while the system runs "
			   "(changes with memory hotplug or balloon drivers)."),
	},
	{
		.id = "buddy.zone.present",
		.name = "Present",
		.what = N_("Physical pages that exist in the zone's range "
			   "(holes excluded)."),
		.source = N_("/proc/zoneinfo: the \"present\" line."),
		.formula = N_("Read as is (pages)."),
		.healthy = N_("Informational. Present much larger than "
			      "Managed means a lot is reserved at boot."),
	},
	{
		.id = "buddy.zone.spanned",
		.name = "Spanned",
		.what = N_("Pages the zone's address range spans from its "
			   "first to its last page frame, holes included."),
		.source = N_("/proc/zoneinfo: the \"spanned\" line."),
		.formula = N_("Read as is (pages); spanned - present = the "
			      "holes."),
		.healthy = N_("Informational; large holes are normal on "
			      "machines with a fragmented physical map."),
	},
	{
		.id = "buddy.zone.zi_free",
		.name = "zoneinfo free",
		.what = N_("The zone's free pages as the zone counter "
			   "NR_FREE_PAGES reports them, next to the sum "
			   "memscope computes from buddyinfo."),
		.source = N_("/proc/zoneinfo: the \"pages free\" line."),
		.formula = N_("Read as is; it can differ slightly from FreePg "
			      "because the two files are read at different "
			      "moments."),
		.healthy = N_("Should match FreePg closely; a large, lasting "
			      "gap would point to a parsing problem."),
	},
	{
		.id = "buddy.zone.promo",
		.name = "promo",
		.what = N_("The promotion watermark (memory tiering): kswapd "
			   "on a fast node keeps free pages above it so cold "
			   "pages can be promoted into it."),
		.source = N_("/proc/zoneinfo: the \"promo\" line (Linux 6.1 "
			     "and later; '-' before)."),
		.formula = N_("Read as is (pages); high + a gap set by "
			      "vm.watermark_scale_factor."),
		.healthy = N_("Only matters with NUMA memory tiering enabled; "
			      "otherwise informational."),
	},
	{
		.id = "buddy.zone.boost",
		.name = "boost",
		.what = N_("Watermark boost: extra pages added to the "
			   "watermarks after a fragmentation event, so kswapd "
			   "reclaims and compacts a little more."),
		.source = N_("/proc/zoneinfo: the \"boost\" line; sized by "
			     "vm.watermark_boost_factor."),
		.formula = N_("Read as is (pages); it decays back to 0 once "
			      "kswapd has done its work."),
		.healthy = N_("0 most of the time is healthy; often non-zero "
			      "means allocations keep falling back between "
			      "migrate types."),
	},
	{
		.id = "buddy.zone.cma",
		.name = "cma",
		.what = N_("Pages of the zone reserved for the Contiguous "
			   "Memory Allocator (devices needing large contiguous "
			   "buffers)."),
		.source = N_("/proc/zoneinfo: the \"cma\" line."),
		.formula = N_("Read as is (pages)."),
		.healthy = N_("Informational; movable allocations may borrow "
			      "CMA pages while devices do not need them."),
	},
	{
		.id = "buddy.zone.protection",
		.name = "protection",
		.what = N_("lowmem_reserve: pages this zone keeps back from "
			   "allocations that could have used a higher zone, "
			   "one value per higher zone."),
		.source = N_("/proc/zoneinfo: the \"protection: (...)\" line; "
			     "set by vm.lowmem_reserve_ratio."),
		.formula = N_("managed pages of the higher zones / "
			      "lowmem_reserve_ratio of this zone."),
		.healthy = N_("Informational; it keeps DMA and DMA32 from "
			      "being eaten by ordinary allocations."),
	},
	{
		.id = "buddy.order.order",
		.name = "Order",
		.what = N_("The block size class of the buddy allocator: a "
			   "block of order N is 2^N contiguous pages (order 9 "
			   "= 2 MiB with 4 KiB pages)."),
		.source = N_("/proc/buddyinfo: one column per order, 0 to "
			     "MAX_ORDER."),
		.formula = N_("block size = page size << order."),
		.healthy = N_("Informational: the row label of the per-order "
			      "tables."),
	},
	{
		.id = "buddy.order.blocks",
		.name = "Blocks",
		.what = N_("Free blocks of this order on the zone's free "
			   "lists."),
		.source = N_("/proc/buddyinfo: the zone's count in the column "
			     "of this order."),
		.formula = N_("Read as is."),
		.healthy =
			N_("Healthy: some blocks at high orders (9, 10). "
			   "Zeros from some order up mean larger allocations "
			   "must compact first."),
	},
	{
		.id = "buddy.order.pages",
		.name = "Pages",
		.what = N_("Free pages held in blocks of this order."),
		.source = N_("/proc/buddyinfo."),
		.formula = N_("blocks << order."),
		.healthy = N_("Read with Memory: where the free memory sits. "
			      "Most of it at orders 0-3 means fragmentation."),
	},
	{
		.id = "buddy.order.memory",
		.name = "Memory",
		.what = N_("Free memory held in blocks of this order."),
		.source = N_("/proc/buddyinfo, with the page size."),
		.formula = N_("(blocks << order) * page size."),
		.healthy =
			N_("Healthy: a good share at high orders; free "
			   "memory that exists only at low orders cannot serve "
			   "huge pages."),
	},
	{
		.id = "buddy.order.unusable",
		.name = "Unusable",
		.what = N_("Unusable free space index for an allocation of "
			   "this order: the share of free memory in blocks too "
			   "small for it."),
		.source = N_("Computed by memscope from /proc/buddyinfo as "
			     "mm/vmstat.c does for "
			     "/sys/kernel/debug/extfrag/unusable_index."),
		.formula = N_("(free pages - pages in blocks of order >= N) / "
			      "free pages, printed 0.000 .. 1.000."),
		.healthy = N_("Near 0 is healthy; near 1 at the order you "
			      "need (e.g. 9 for THP) means that allocation "
			      "depends on compaction."),
	},
	{
		.id = "buddy.order.extfrag",
		.name = "Extfrag",
		.what = N_("External fragmentation index for this order: "
			   "would a failing allocation fail for lack of memory "
			   "(toward 0) or fragmentation (toward 1)?"),
		.source = N_("Computed by memscope from /proc/buddyinfo as "
			     "mm/vmstat.c does for "
			     "/sys/kernel/debug/extfrag/extfrag_index."),
		.formula =
			N_("1 - (1 + free pages / requested pages) / free "
			   "blocks; -1.000 when a block of the order is free "
			   "(no failure)."),
		.healthy = N_("-1.000 is fine. Above vm.extfrag_threshold "
			      "(500 = 0.500) the kernel compacts rather than "
			      "reclaims for that order."),
	},
	{
		.id = "buddy.order.share",
		.name = "share of free memory",
		.what = N_("The share of the zone's free memory held in "
			   "blocks of this order, with a bar."),
		.source = N_("/proc/buddyinfo."),
		.formula = N_("100 * (blocks << order) / free pages."),
		.healthy = N_("Healthy: the bars do not all sit at the low "
			      "orders."),
	},
	{
		.id = "buddy.mt.free",
		.name = "migrate type",
		.what = N_("Free blocks per migrate type (Unmovable, Movable, "
			   "Reclaimable, HighAtomic, CMA, Isolate) and order."),
		.source = N_("/proc/pagetypeinfo (root only), or memscope.ko "
			     "in one hold of the zone lock."),
		.formula = N_("Read as is; each cell is the free block count "
			      "of one free list."),
		.healthy = N_("Healthy: Movable holds most high-order blocks. "
			      "Unmovable spread over many pageblocks fragments "
			      "memory for good."),
	},
	{
		.id = "buddy.mt.pages",
		.name = "pages",
		.what = N_("Free pages per migrate type, all orders together."),
		.source = N_("/proc/pagetypeinfo or memscope.ko."),
		.formula = N_("Sum over orders of blocks[type][order] << "
			      "order."),
		.healthy = N_("Informational: shows which type the free "
			      "memory belongs to; little free Movable memory "
			      "hurts THP and compaction."),
	},
	{
		.id = "buddy.mt.pblks",
		.name = "pblks",
		.what = N_("Pageblocks per migrate type: the zone is split "
			   "into pageblocks (order 9 on x86-64), each owned by "
			   "one migrate type."),
		.source = N_("/proc/pagetypeinfo: \"Number of blocks type\" "
			     "table."),
		.formula = N_("Read as is."),
		.healthy =
			N_("Healthy: Unmovable and Reclaimable own few "
			   "pageblocks; their growth (after fallbacks) leaves "
			   "less room for huge pages."),
	},
	{
		.id = "buddy.ev.allocs",
		.name = "allocs",
		.what = N_("Page allocations per second per order, all zones "
			   "(by migrate type on the zone screen)."),
		.source = N_("BPF on the tracepoint kmem:mm_page_alloc (root, "
			     "a kernel with BTF)."),
		.formula = N_("Events counted in the kernel per order; rate = "
			      "delta count / interval."),
		.healthy =
			N_("Depends on the load. Many high-order "
			   "allocations with failures rising is the worrying "
			   "pattern."),
	},
	{
		.id = "buddy.ev.frees",
		.name = "frees",
		.what = N_("Pages freed back to the buddy allocator per "
			   "second per order, all zones."),
		.source = N_("BPF on the tracepoint kmem:mm_page_free."),
		.formula = N_("Events counted per order; rate = delta count / "
			      "interval."),
		.healthy = N_("Over time frees track allocs; allocs far above "
			      "frees for long means memory is being consumed."),
	},
	{
		.id = "buddy.ev.failed",
		.name = "failed",
		.what = N_("Page allocations per second that found no page "
			   "(mm_page_alloc with a NULL page), per order."),
		.source = N_("BPF on the tracepoint kmem:mm_page_alloc."),
		.formula = N_("Events with page == NULL counted per order; "
			      "rate = delta / interval."),
		.healthy = N_("0 is healthy. Failures at high orders under "
			      "__GFP_NORETRY are tolerated; failures at low "
			      "orders are serious."),
	},
	{
		.id = "buddy.ev.fallbacks",
		.name = "fallbacks/s",
		.what = N_("Allocations per second that took a block of "
			   "another migrate type (wanted -> taken), the "
			   "busiest pairs first."),
		.source = N_("BPF on the tracepoint "
			     "kmem:mm_page_alloc_extfrag."),
		.formula = N_("Events counted per (wanted, taken) pair; rate "
			      "= delta / interval."),
		.healthy = N_("Near 0 is healthy; steady Unmovable->Movable "
			      "fallbacks fragment memory for good."),
	},
	{
		.id = "buddy.ev.compaction",
		.name = "compaction",
		.what = N_("Compaction runs per second and their mean time: "
			   "the kernel moving pages to build free high-order "
			   "blocks."),
		.source = N_("BPF on the tracepoints "
			     "compaction:mm_compaction_begin and "
			     "mm_compaction_end."),
		.formula =
			N_("Runs = end events / interval; mean = sum of "
			   "(end - begin) / runs; 'direct' counts runs in an "
			   "allocating task."),
		.healthy =
			N_("Rare runs are normal; many direct compaction "
			   "runs mean allocations stall to defragment memory."),
	},
	{
		.id = "buddy.ev.mt_allocs",
		.name = "allocs by type",
		.what = N_("Page allocations per second by migrate type and "
			   "order, with frees and failures, all zones."),
		.source = N_("BPF on the tracepoints kmem:mm_page_alloc and "
			     "mm_page_free."),
		.formula = N_("Counted per (migrate type, order) in the "
			      "kernel; rate = delta / interval."),
		.healthy = N_("Informational: most allocations are order 0 "
			      "Movable (user pages); many Unmovable high-order "
			      "ones fragment memory."),
	},
	{
		.id = "buddy.probe.order",
		.name = "Order",
		.what = N_("The order the allocation probe tried: blocks of "
			   "2^order pages."),
		.source = N_("memscope.ko: /proc/memscope, command "
			     "alloc_probe."),
		.formula = N_("Orders 0 to MAX_ORDER, N attempts each."),
		.healthy = N_("Informational: the row label."),
	},
	{
		.id = "buddy.probe.block",
		.name = "Block",
		.what = N_("The size of one block of this order."),
		.source = N_("The page size of the sample."),
		.formula = N_("page size << order."),
		.healthy = N_("Informational: 2 MiB (order 9) is a "
			      "transparent huge page on x86-64."),
	},
	{
		.id = "buddy.probe.ok",
		.name = "OK",
		.what = N_("Attempts of this order that got a block (freed at "
			   "once)."),
		.source = N_("memscope.ko: alloc_pages_node(node, GFP_KERNEL "
			     "| __GFP_NORETRY | __GFP_NOWARN | __GFP_THISNODE, "
			     "order)."),
		.formula = N_("Count of non-NULL results out of N attempts."),
		.healthy = N_("Healthy: all attempts succeed up to high "
			      "orders."),
	},
	{
		.id = "buddy.probe.fail",
		.name = "Fail",
		.what = N_("Attempts of this order that got no block without "
			   "retrying hard (__GFP_NORETRY)."),
		.source = N_("memscope.ko: alloc_pages_node returned NULL."),
		.formula = N_("N - OK."),
		.healthy = N_("0 is healthy; failures from some order up show "
			      "where fragmentation starts to bite."),
	},
	{
		.id = "buddy.probe.min",
		.name = "Min",
		.what = N_("The fastest of the attempts of this order."),
		.source = N_("memscope.ko: ktime around each alloc_pages_node "
			     "call."),
		.formula = N_("min over the attempts of (end - start)."),
		.healthy = N_("Microseconds or less is the fast path (a free "
			      "block was on the list)."),
	},
	{
		.id = "buddy.probe.mean",
		.name = "Mean",
		.what = N_("The mean time of the attempts of this order."),
		.source = N_("memscope.ko: ktime around each alloc_pages_node "
			     "call."),
		.formula = N_("sum of (end - start) / attempts."),
		.healthy =
			N_("Microseconds is healthy; milliseconds mean "
			   "reclaim or compaction ran inside the allocation."),
	},
	{
		.id = "buddy.probe.max",
		.name = "Max",
		.what = N_("The slowest of the attempts of this order."),
		.source = N_("memscope.ko: ktime around each alloc_pages_node "
			     "call."),
		.formula = N_("max over the attempts of (end - start)."),
		.healthy = N_("A max far above the mean shows the occasional "
			      "stall (direct reclaim or compaction)."),
	},
	{
		.id = "buddy.probe.avail",
		.name = "Avail",
		.what = N_("Blocks of this order the node's free lists could "
			   "hand out now without compaction."),
		.source = N_("/proc/buddyinfo of the sample, all zones of the "
			     "node."),
		.formula = N_("Sum over orders k >= order of blocks[k] << (k "
			      "- order)."),
		.healthy =
			N_("Should agree with OK/Fail: Avail 0 with "
			   "failures is fragmentation; Avail > 0 with failures "
			   "hints at watermarks."),
	},
	{
		.id = "buddy.probe.success",
		.name = "success",
		.what = N_("The share of the attempts of this order that "
			   "succeeded, as a bar."),
		.source = N_("memscope.ko's alloc_probe result."),
		.formula = N_("OK / attempts."),
		.healthy = N_("A full bar at every order is healthy; the bar "
			      "shrinking at high orders shows the largest "
			      "reliably available size."),
	},
	{ NULL },
};
