// SPDX-License-Identifier: GPL-2.0
/* Explain mode's texts for the Slab tab (tui/explain.h). */
#include "tui/explain.h"

#define N_(s) s

const struct ms_explain ms_explain_slab[] = {
	{
		.id = "slab.name",
		.name = "Name",
		.what = N_("The slab cache: a pool of same-sized kernel "
			   "objects (kmem_cache), e.g. dentry, inode caches, "
			   "kmalloc-64."),
		.source = N_("/proc/slabinfo (root only), first column; the "
			     "directory name under /sys/kernel/slab."),
		.formula = N_("Read as is and shown escaped; the filter (/) "
			      "matches it."),
		.healthy =
			N_("Informational. kmalloc-N caches serve "
			   "kmalloc() of up to N bytes; named caches belong to "
			   "one subsystem."),
	},
	{
		.id = "slab.active",
		.name = "Active",
		.what = N_("Objects of the cache in use now."),
		.source = N_("/proc/slabinfo: active_objs."),
		.formula = N_("Read as is (SLUB counts objects on full and "
			      "partial slabs; per-cpu slabs may be counted as "
			      "fully used)."),
		.healthy =
			N_("Depends on the workload; Active growing "
			   "without bound in one cache is the classic sign of "
			   "a kernel memory leak."),
	},
	{
		.id = "slab.total",
		.name = "Total",
		.what = N_("Objects the cache's slabs can hold: used and free "
			   "slots together."),
		.source = N_("/proc/slabinfo: num_objs."),
		.formula = N_("Read as is; slabs * objects per slab."),
		.healthy = N_("Total far above Active means many free slots "
			      "held in partly used slabs (internal waste)."),
	},
	{
		.id = "slab.use",
		.name = "Use",
		.what = N_("The share of the cache's object slots in use."),
		.source = N_("/proc/slabinfo: active_objs and num_objs."),
		.formula = N_("100 * Active / Total."),
		.healthy = N_("High (above ~80%) is efficient; low use in a "
			      "large cache means memory is stranded in partial "
			      "slabs."),
	},
	{
		.id = "slab.objsize",
		.name = "ObjSz",
		.what = N_("The size of one object in bytes, as the cache "
			   "hands it out."),
		.source = N_("/proc/slabinfo: objsize."),
		.formula = N_("Read as is (includes alignment and debug "
			      "metadata when enabled)."),
		.healthy = N_("Informational; with Active it tells which "
			      "caches cost memory."),
	},
	{
		.id = "slab.slabs",
		.name = "Slabs",
		.what = N_("Slabs the cache holds: each slab is one or more "
			   "contiguous pages cut into objects."),
		.source = N_("/proc/slabinfo: num_slabs (slabdata section)."),
		.formula = N_("Read as is."),
		.healthy = N_("Depends on the workload; slabs that stay after "
			      "the objects are freed show as low Use."),
	},
	{
		.id = "slab.size",
		.name = "Size",
		.what = N_("Memory the cache's slabs take."),
		.source = N_("/proc/slabinfo: num_slabs and pagesperslab, "
			     "with the page size."),
		.formula = N_("slabs * pages per slab * page size."),
		.healthy =
			N_("Compare with the Slab line of /proc/meminfo; "
			   "one cache taking GiBs is worth a look (dentry and "
			   "inode caches may, and are reclaimable)."),
	},
	{
		.id = "slab.objrate",
		.name = "Objs/s",
		.what = N_("How fast the cache's object slots grow or shrink."),
		.source = N_("/proc/slabinfo: num_objs in two samples."),
		.formula = N_("(Total now - Total before) / interval."),
		.healthy =
			N_("Around 0 on average is healthy; a steady "
			   "positive rate over minutes points to a leak or an "
			   "unbounded cache."),
	},
	{
		.id = "slab.byterate",
		.name = "Bytes/s",
		.what = N_("How fast the cache's memory grows or shrinks."),
		.source = N_("/proc/slabinfo in two samples."),
		.formula = N_("(Size now - Size before) / interval."),
		.healthy = N_("Around 0 on average is healthy; a steady "
			      "growth of MiB/s is worth chasing."),
	},
	{
		.id = "slab.objperslab",
		.name = "Obj/Sl",
		.what = N_("Objects that fit in one slab."),
		.source = N_("/proc/slabinfo: objperslab."),
		.formula = N_("Read as is; about (page size << order) / "
			      "object size."),
		.healthy = N_("Informational: the slab geometry SLUB chose "
			      "for this object size."),
	},
	{
		.id = "slab.pagesperslab",
		.name = "Pg/Sl",
		.what = N_("Pages in one slab (a power of two: 2^order)."),
		.source = N_("/proc/slabinfo: pagesperslab."),
		.formula = N_("Read as is."),
		.healthy =
			N_("Informational; slabs of several pages need "
			   "higher-order allocations, which fragmentation can "
			   "make slow."),
	},
	{
		.id = "slab.actslabs",
		.name = "ActSl",
		.what = N_("Slabs with at least one object in use."),
		.source = N_("/proc/slabinfo: active_slabs (slabdata "
			     "section)."),
		.formula = N_("Read as is (SLUB reports it equal to Slabs)."),
		.healthy = N_("Informational."),
	},
	{
		.id = "slab.allocs",
		.name = "Alloc/s",
		.what = N_("Objects allocated from the cache per second "
			   "(slabratetop's view)."),
		.source = N_("BPF on the tracepoints kmem:kmem_cache_alloc "
			     "and kmem:kmalloc (root, BTF)."),
		.formula = N_("Events counted per cache in the kernel; rate = "
			      "delta / interval."),
		.healthy = N_("Depends on the workload; a cache allocating "
			      "far more than it frees over time is growing."),
	},
	{
		.id = "slab.frees",
		.name = "Free/s",
		.what = N_("Objects freed back to the cache per second. "
			   "\"~\" marks a rate derived, not counted; \"?\" "
			   "one /proc/slabinfo could not confirm."),
		.source = N_(
			"BPF on the tracepoints kmem:kmem_cache_free and "
			"kmem:kfree, checked against /proc/slabinfo. Counted: "
			"kmem_cache_free on every kernel, kfree per cache from 6.13 "
			"(before, a kmalloc cache's Free/s is derived). Never "
			"counted: bulk frees (kmem_cache_free_bulk, kfree_bulk) and "
			"kfree_rcu's batches through them; bulk allocations "
			"(maple_node before 6.18: ?); on 6.18 kfree_rcu through RCU "
			"sheaves (maple_node: ~). On 6.18 some allocations of dentry and "
			"/proc inodes fire no event either (?)."),
		.formula =
			N_("Counted per cache when (Alloc/s - Free/s) * "
			   "interval agrees with the change of Active; "
			   "else ~ = Alloc/s - change of Active / interval. "
			   "Error: the free objects SLUB keeps per CPU (CPU "
			   "slab, partial slabs, sheaves) count as active; "
			   "the JSON gives the bound (free_rate_tolerance)."),
		.healthy = N_("Over time Free/s tracks Alloc/s; a lasting gap "
			      "is growth (or a leak). A ? cache grew beyond "
			      "the allocations counted: neither rate holds."),
	},
	{
		.id = "slab.abytes",
		.name = "AllocB/s",
		.what = N_("Bytes allocated from the cache per second."),
		.source = N_("BPF on kmem:kmem_cache_alloc and kmem:kmalloc."),
		.formula = N_("allocations * object size (bytes_alloc for "
			      "kmalloc), per second."),
		.healthy =
			N_("Depends on the workload; the top of this "
			   "column is where kernel allocation bandwidth goes."),
	},
	{
		.id = "slab.d.slabinfo",
		.name = "slabinfo",
		.what = N_("The cache's line in /proc/slabinfo: active and "
			   "total objects, slabs and memory."),
		.source = N_("/proc/slabinfo, the line of this cache."),
		.formula = N_("As the table's Active, Total, Slabs and Size "
			      "columns."),
		.healthy = N_("See the columns: Use well below 100% in a big "
			      "cache means waste."),
	},
	{
		.id = "slab.d.object_size",
		.name = "object_size",
		.what = N_("The size the caller asked for, before alignment "
			   "and metadata."),
		.source = N_("/sys/kernel/slab/CACHE/object_size."),
		.formula = N_("Read as is (bytes)."),
		.healthy = N_("Informational; slab_size minus object_size is "
			      "the per-object overhead."),
	},
	{
		.id = "slab.d.slab_size",
		.name = "slab_size",
		.what = N_("The space one object takes in the slab: object, "
			   "alignment padding and debug metadata."),
		.source = N_("/sys/kernel/slab/CACHE/slab_size."),
		.formula = N_("Read as is (bytes)."),
		.healthy = N_("Close to object_size is efficient; much larger "
			      "(debug options, red zones) costs memory."),
	},
	{
		.id = "slab.d.objs_per_slab",
		.name = "objs_per_slab",
		.what = N_("Objects one slab holds."),
		.source = N_("/sys/kernel/slab/CACHE/objs_per_slab."),
		.formula = N_("Read as is; (page size << order) / slab_size."),
		.healthy = N_("Informational."),
	},
	{
		.id = "slab.d.order",
		.name = "order",
		.what = N_("The page order of one slab: a slab is 2^order "
			   "contiguous pages."),
		.source = N_("/sys/kernel/slab/CACHE/order."),
		.formula = N_("Read as is."),
		.healthy =
			N_("0-3 is usual; higher orders waste less per "
			   "slab but depend on free high-order blocks (see the "
			   "Buddy tab)."),
	},
	{
		.id = "slab.d.align",
		.name = "align",
		.what = N_("The alignment of the objects in bytes."),
		.source = N_("/sys/kernel/slab/CACHE/align."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational."),
	},
	{
		.id = "slab.d.hwcache_align",
		.name = "hwcache_align",
		.what = N_("Whether objects are aligned to CPU cache lines "
			   "(SLAB_HWCACHE_ALIGN), avoiding false sharing."),
		.source = N_("/sys/kernel/slab/CACHE/hwcache_align."),
		.formula = N_("Read as is (0 or 1)."),
		.healthy = N_("Informational; it trades memory for fewer "
			      "cache-line conflicts."),
	},
	{
		.id = "slab.d.reclaim_account",
		.name = "reclaim_account",
		.what = N_("Whether the cache's pages count as reclaimable "
			   "(SReclaimable in /proc/meminfo), e.g. dentries and "
			   "inodes."),
		.source = N_("/sys/kernel/slab/CACHE/reclaim_account."),
		.formula = N_("Read as is (0 or 1)."),
		.healthy = N_("A big cache with reclaim_account yes can "
			      "shrink under pressure; one with no cannot."),
	},
	{
		.id = "slab.d.cache_dma",
		.name = "cache_dma",
		.what = N_("Whether the cache allocates from the DMA zone "
			   "(SLAB_CACHE_DMA)."),
		.source = N_("/sys/kernel/slab/CACHE/cache_dma."),
		.formula = N_("Read as is (0 or 1)."),
		.healthy = N_("Informational; rare on modern hardware."),
	},
	{
		.id = "slab.d.min_partial",
		.name = "min_partial",
		.what = N_("Partial slabs SLUB keeps per node instead of "
			   "freeing them, to speed up later allocations."),
		.source = N_("/sys/kernel/slab/CACHE/min_partial."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational; larger values keep more memory "
			      "in partial slabs."),
	},
	{
		.id = "slab.d.cpu_partial",
		.name = "cpu_partial",
		.what = N_("Free objects SLUB keeps on each CPU's partial "
			   "slab list before returning slabs to the node."),
		.source = N_("/sys/kernel/slab/CACHE/cpu_partial."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational; per-CPU caching makes "
			      "allocation fast at some memory cost on many-CPU "
			      "machines."),
	},
	{
		.id = "slab.d.poison",
		.name = "poison",
		.what = N_("Whether freed and new objects are filled with a "
			   "poison pattern to catch use-after-free "
			   "(slub_debug=P)."),
		.source = N_("/sys/kernel/slab/CACHE/poison."),
		.formula = N_("Read as is (0 or 1)."),
		.healthy = N_("no in production; yes slows the cache and is "
			      "for debugging."),
	},
	{
		.id = "slab.d.merged",
		.name = "merged",
		.what = N_("Whether SLUB merged this cache with others of "
			   "compatible size and flags; merged caches share one "
			   "set of slabs."),
		.source = N_("/sys/kernel/slab: aliases are symlinks to one "
			     "\":A-0000072\"-style directory."),
		.formula = N_("Caches whose /sys/kernel/slab entries point to "
			      "the same directory."),
		.healthy =
			N_("Informational; merging saves memory but mixes "
			   "the counts of several caches (slub_nomerge turns "
			   "it off)."),
	},
	{
		.id = "slab.d.slabs",
		.name = "slabs",
		.what = N_("Slabs of the cache, in total and per node (or per "
			   "CPU)."),
		.source = N_("/sys/kernel/slab/CACHE/slabs: \"total N0=.. "
			     "N1=..\"."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational; very uneven nodes hint that "
			      "allocations come from one node's CPUs."),
	},
	{
		.id = "slab.d.partial",
		.name = "partial",
		.what = N_("Partial slabs: slabs with both used and free "
			   "objects, per node."),
		.source = N_("/sys/kernel/slab/CACHE/partial."),
		.formula = N_("Read as is."),
		.healthy = N_("A few are normal; many partial slabs with low "
			      "Use is fragmentation inside the cache."),
	},
	{
		.id = "slab.d.cpu_slabs",
		.name = "cpu_slabs",
		.what = N_("Slabs held by CPUs (the active slab and the "
			   "per-CPU partial list)."),
		.source = N_("/sys/kernel/slab/CACHE/cpu_slabs."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational; grows with the number of CPUs."),
	},
	{
		.id = "slab.d.objects",
		.name = "objects",
		.what = N_("Objects in use, per node."),
		.source = N_("/sys/kernel/slab/CACHE/objects."),
		.formula = N_("Read as is."),
		.healthy = N_("As Active, split per node."),
	},
	{
		.id = "slab.d.total_objects",
		.name = "total_objects",
		.what = N_("Object slots of all slabs, per node."),
		.source = N_("/sys/kernel/slab/CACHE/total_objects."),
		.formula = N_("Read as is."),
		.healthy = N_("As Total, split per node; objects / "
			      "total_objects is the node's use."),
	},
	{
		.id = "slab.ev.rates",
		.name = "allocation rates",
		.what = N_(
			"The cache's allocations, frees and bytes "
			"allocated per second, and the counts since attach."),
		.source = N_("BPF on kmem:kmem_cache_alloc, kmem_cache_free, "
			     "kmalloc and kfree."),
		.formula = N_("Events counted per cache; rate = delta / "
			      "interval."),
		.healthy = N_("Depends on the workload; allocations above "
			      "frees for long means the cache grows."),
	},
	{
		.id = "slab.ev.callsites",
		.name = "call sites",
		.what = N_("The kernel stacks that allocated from this cache "
			   "since the screen opened, busiest first, with their "
			   "share."),
		.source = N_("BPF on kmem:kmem_cache_alloc with "
			     "bpf_get_stackid; names from /proc/kallsyms."),
		.formula = N_("Allocations per stack / all allocations of the "
			      "cache since the screen opened."),
		.healthy =
			N_("Informational: one call site far ahead of the "
			   "others is where to look for a leak or a hot path."),
	},
	{
		.id = "slab.bench.api",
		.name = "API",
		.what = N_("Which allocator the benchmark row measured: a "
			   "dedicated kmem_cache or kmalloc of the same size."),
		.source = N_("memscope.ko: /proc/memscope, command "
			     "slab_bench."),
		.formula = N_("COUNT objects of SIZE bytes allocated, then "
			      "freed, through each API."),
		.healthy = N_("Informational: the row label."),
	},
	{
		.id = "slab.bench.op",
		.name = "Op",
		.what = N_("The operation timed: alloc or free."),
		.source = N_("memscope.ko's slab_bench."),
		.formula = N_("Each call timed with ktime."),
		.healthy = N_("Informational: the row label."),
	},
	{
		.id = "slab.bench.ops",
		.name = "ops/s",
		.what = N_("Calls per second of this API and operation."),
		.source = N_("memscope.ko's slab_bench."),
		.formula = N_("COUNT / total time of the calls."),
		.healthy = N_("Millions per second is typical; the dedicated "
			      "cache is usually a little faster than kmalloc."),
	},
	{
		.id = "slab.bench.mean",
		.name = "Mean",
		.what = N_("The mean time of one call."),
		.source = N_("memscope.ko's slab_bench."),
		.formula = N_("total time / COUNT."),
		.healthy = N_("Tens of nanoseconds is the fast path (per-CPU "
			      "freelist)."),
	},
	{
		.id = "slab.bench.p50",
		.name = "P50",
		.what = N_("The median time of one call."),
		.source = N_("memscope.ko's slab_bench."),
		.formula = N_("The 50th percentile of the per-call times."),
		.healthy = N_("Close to Mean is healthy; the fast path "
			      "dominates."),
	},
	{
		.id = "slab.bench.p99",
		.name = "P99",
		.what = N_("The time 99% of the calls stay under."),
		.source = N_("memscope.ko's slab_bench."),
		.formula = N_("The 99th percentile of the per-call times."),
		.healthy = N_("A P99 far above P50 shows the slow path: a new "
			      "slab from the buddy allocator."),
	},
	{
		.id = "slab.bench.max",
		.name = "Max",
		.what = N_("The slowest call."),
		.source = N_("memscope.ko's slab_bench."),
		.formula = N_("max of the per-call times."),
		.healthy = N_("Microseconds to milliseconds means a page "
			      "allocation hit reclaim or compaction."),
	},
	{
		.id = "slab.bench.fail",
		.name = "Fail",
		.what = N_("Calls that returned no object."),
		.source = N_("memscope.ko's slab_bench."),
		.formula = N_("Count of NULL results."),
		.healthy = N_("0 is healthy; failures mean the kernel could "
			      "not get pages for new slabs."),
	},
	{
		.id = "slab.bench.ratio",
		.name = "ratio",
		.what = N_("How many calls per second the dedicated cache "
			   "does against kmalloc, for alloc and for free."),
		.source = N_("memscope.ko's slab_bench."),
		.formula = N_("ops/s of kmem_cache / ops/s of kmalloc."),
		.healthy = N_("Around 1.0-1.3x is usual; the chapter's "
			      "experiment 1.7 section 2 compares them."),
	},
	{ NULL },
};
