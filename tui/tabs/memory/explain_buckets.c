// SPDX-License-Identifier: GPL-2.0
/*
 * Explain mode's texts for the buckets of the memory ledger
 * (docs/ledger.md): the id of a bucket is "memory.b.NAME", NAME as the
 * ledger writes it or, for the buckets named after a caller, a size or a
 * pool, the pattern ms_ledger_bucket_id() gives (model/memory.h).
 */
#include "tui/explain.h"
#include "tui/tabs/memory/buckets.h"

#define N_(s) s

const struct ms_explain ms_explain_memory_buckets[] = {
	{
		.id = "memory.b.reserved",
		.name = "reserved",
		.what = N_(
			"Memory the buddy allocator never manages: present pages "
			"reserved at boot (kernel image, struct pages, firmware and "
			"early allocations)."),
		.source = N_("/proc/zoneinfo present and managed; MemTotal."),
		.formula = N_(
			"Sum over zones of present - managed, less deferred."),
		.healthy = N_(
			"Roughly 1.5-3% of RAM (mostly struct pages); more with "
			"crashkernel or a big swiotlb."),
	},
	{
		.id = "memory.b.memmap_boot",
		.name = "memmap at boot",
		.what = N_(
			"The struct pages (and page_ext) allocated at boot for all "
			"memory: part of reserved."),
		.source = N_("/proc/vmstat nr_memmap_boot_pages (6.11+)."),
		.formula = N_("Pages x page size."),
		.healthy = N_(
			"About 1.6% of RAM (64 bytes per 4 KiB page); less with "
			"HugeTLB vmemmap optimisation."),
	},
	{
		.id = "memory.b.kernel_image",
		.name = "kernel image",
		.what = N_(
			"The running kernel's code, read-only data, data and bss: "
			"part of reserved."),
		.source = N_(
			"/proc/iomem: Kernel code, Kernel rodata, Kernel data, "
			"Kernel bss (root only)."),
		.formula = N_("Sum of the ranges' sizes."),
		.healthy = N_("Tens of MiB; fixed for a kernel build."),
	},
	{
		.id = "memory.b.crashkernel",
		.name = "crash kernel",
		.what = N_("Memory reserved for a kdump crash kernel: part of "
			   "reserved."),
		.source = N_("/proc/iomem: Crash kernel (root only)."),
		.formula = N_("The range's size."),
		.healthy = N_(
			"What crashkernel= on the command line asked for; unused "
			"until a crash."),
	},
	{
		.id = "memory.b.reserved_other",
		.name = "other reserved",
		.what = N_(
			"The rest of reserved: boot-time allocations such as "
			"percpu's first chunk, swiotlb buffers and early page "
			"tables (and the kernel image when iomem is not readable)."),
		.source = N_("reserved minus its other children."),
		.formula = N_(
			"reserved - memmap_boot - kernel_image - crashkernel."),
		.healthy = N_("Small and constant after boot."),
	},
	{
		.id = "memory.b.deferred",
		.name = "deferred",
		.what = N_(
			"Present memory not yet handed to the buddy allocator: a "
			"kernel that initialises struct pages on demand "
			"(deferred_init=lazy) counts it in MemTotal and MemFree, "
			"though no zone manages it and no free list holds it."),
		.source = N_("MemTotal and /proc/zoneinfo managed."),
		.formula = N_(
			"MemTotal - sum of managed pages (equal to MemFree - "
			"nr_free_pages)."),
		.healthy = N_(
			"Shrinks as the kernel initialises memory; 0 on upstream "
			"kernels once boot is done."),
	},
	{
		.id = "memory.b.free",
		.name = "free",
		.what = N_(
			"Free pages: those in the buddy allocator's free lists and "
			"those on the per-CPU lists. Not MemFree where memory is "
			"deferred: MemFree = free_buddy + deferred there."),
		.source = N_(
			"/proc/zoneinfo: pages free and the pagesets' count."),
		.formula = N_("free_buddy + free_pcp."),
		.healthy = N_(
			"Plenty is fine; near the low watermark kswapd reclaims."),
	},
	{
		.id = "memory.b.free_buddy",
		.name = "buddy free",
		.what = N_(
			"Pages in the buddy allocator's free lists: the kernel's "
			"NR_FREE_PAGES."),
		.source = N_("/proc/zoneinfo pages free (nr_free_pages)."),
		.formula = N_("Sum over zones, pages x page size."),
		.healthy =
			N_("Above the zones' high watermarks in steady state."),
	},
	{
		.id = "memory.b.free_below_low",
		.name = "free below low",
		.what = N_("The part of the free pages up to each zone's low "
			   "watermark: below it the kernel wakes kswapd."),
		.source = N_("/proc/zoneinfo pages free and low."),
		.formula = N_("Sum over zones of min(free, low)."),
		.healthy =
			N_("Equal to the low watermarks' sum while memory is "
			   "plentiful."),
	},
	{
		.id = "memory.b.free_above_low",
		.name = "free above low",
		.what = N_(
			"Free pages above the zones' low watermarks: what can be "
			"allocated without waking reclaim."),
		.source = N_("/proc/zoneinfo."),
		.formula = N_("free_buddy - free_below_low."),
		.healthy =
			N_("Informational; near 0 means reclaim is running."),
	},
	{
		.id = "memory.b.free_pcp",
		.name = "per-CPU lists",
		.what = N_(
			"Free pages held on the per-CPU page lists for fast "
			"allocation; the kernel counts them in no free counter (not "
			"in MemFree)."),
		.source = N_("/proc/zoneinfo: count of each CPU's pageset."),
		.formula = N_("Sum of the counts, pages x page size."),
		.healthy = N_(
			"Up to a few MiB per CPU; drained under memory pressure."),
	},
	{
		.id = "memory.b.file",
		.name = "file cache",
		.what = N_(
			"The page cache of files (and block devices), shmem and the "
			"swap cache excluded."),
		.source = N_(
			"/proc/meminfo Cached, Buffers, Shmem (a node: FilePages, "
			"Shmem, SwapCached)."),
		.formula = N_("Cached + Buffers - Shmem."),
		.healthy = N_(
			"Large is good: it is reclaimable and makes reads fast."),
	},
	{
		.id = "memory.b.file_active",
		.name = "active",
		.what = N_(
			"File pages on the active LRU list: used recently and more "
			"than once."),
		.source = N_("/proc/meminfo Active(file)."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational."),
	},
	{
		.id = "memory.b.file_inactive",
		.name = "inactive",
		.what = N_(
			"File pages on the inactive LRU list: reclaimed first. "
			"MADV_FREE'd anonymous pages sit there too, so it can be "
			"cut to fit."),
		.source = N_("/proc/meminfo Inactive(file)."),
		.formula = N_("Read as is, cut to what is left of file."),
		.healthy = N_("Informational."),
	},
	{
		.id = "memory.b.file_other",
		.name = "other",
		.what = N_(
			"File pages on neither LRU list: unevictable (mlocked, "
			"ramfs) or isolated for migration or reclaim."),
		.source = N_("file minus its LRU lists."),
		.formula = N_("file - file_active - file_inactive."),
		.healthy = N_("Small; large with mlocked files or ramfs."),
	},
	{
		.id = "memory.b.shmem",
		.name = "shmem",
		.what = N_(
			"Shared memory: tmpfs files, SysV and POSIX shared memory, "
			"shared anonymous mappings. The kernel counts it in Cached "
			"and puts it on the anon LRU; here it is counted once."),
		.source = N_("/proc/meminfo Shmem."),
		.formula = N_("Read as is."),
		.healthy = N_(
			"As large as what tmpfs and shared memory hold; it can only "
			"go to swap."),
	},
	{
		.id = "memory.b.shmem_huge",
		.name = "huge",
		.what = N_("Shared memory in transparent huge pages."),
		.source = N_("/proc/meminfo ShmemHugePages."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational."),
	},
	{
		.id = "memory.b.shmem_small",
		.name = "small pages",
		.what = N_("Shared memory in base pages."),
		.source = N_("shmem minus shmem_huge."),
		.formula = N_("shmem - shmem_huge."),
		.healthy = N_("Informational."),
	},
	{
		.id = "memory.b.anon",
		.name = "anonymous",
		.what = N_(
			"Anonymous memory mapped by processes: heaps, stacks, "
			"private mappings."),
		.source = N_("/proc/meminfo AnonPages."),
		.formula = N_("Read as is."),
		.healthy = N_(
			"What the processes use; it grows with their working sets "
			"and goes only to swap."),
	},
	{
		.id = "memory.b.anon_thp",
		.name = "THP",
		.what = N_(
			"Anonymous memory mapped with PMD-sized transparent huge "
			"pages."),
		.source = N_("/proc/meminfo AnonHugePages."),
		.formula = N_("Read as is."),
		.healthy = N_(
			"Informational; large when THP is on for big heaps."),
	},
	{
		.id = "memory.b.anon_mthp",
		.name = "mTHP",
		.what = N_(
			"Anonymous memory in multi-size THPs of one size smaller "
			"than a PMD."),
		.source = N_(
			"/sys/kernel/mm/transparent_hugepage/hugepages-SIZE/stats/nr_anon."),
		.formula = N_("Folios x size."),
		.healthy =
			N_("Informational; only where mTHP sizes are enabled."),
	},
	{
		.id = "memory.b.anon_small",
		.name = "small pages",
		.what = N_("Anonymous memory in base pages."),
		.source = N_("anon minus its huge pages."),
		.formula = N_("anon - anon_thp - the mTHP sizes."),
		.healthy = N_("Informational."),
	},
	{
		.id = "memory.b.swap_cache",
		.name = "swap cache",
		.what = N_(
			"Pages that are also in swap: just swapped in, or about to "
			"be written out. A page swapped in and still mapped is in "
			"anon too; the ledger cannot tell how many."),
		.source = N_("/proc/meminfo SwapCached."),
		.formula = N_("Read as is."),
		.healthy = N_("0 without swap; large after heavy swapping."),
	},
	{
		.id = "memory.b.slab",
		.name = "slab",
		.what = N_(
			"Kernel objects from the slab allocator (dentries, inodes, "
			"kmalloc), and kmalloc allocations too large for a cache."),
		.source = N_("/proc/meminfo SReclaimable, SUnreclaim."),
		.formula = N_("SReclaimable + SUnreclaim."),
		.healthy = N_(
			"A few % of RAM; steady growth of the unreclaimable part "
			"may be a leak (Slab tab)."),
	},
	{
		.id = "memory.b.slab_reclaimable",
		.name = "reclaimable",
		.what = N_("Slab caches the kernel can shrink under pressure "
			   "(dentries, inodes)."),
		.source = N_("/proc/meminfo SReclaimable."),
		.formula = N_("Read as is."),
		.healthy = N_(
			"Large after walking many files; it shrinks when memory is "
			"needed."),
	},
	{
		.id = "memory.b.slab_unreclaimable",
		.name = "unreclaimable",
		.what = N_("Slab memory the kernel cannot shrink."),
		.source = N_("/proc/meminfo SUnreclaim."),
		.formula = N_("Read as is."),
		.healthy = N_(
			"Steady; growth without load is a leak worth finding."),
	},
	{
		.id = "memory.b.kernel_misc",
		.name = "other reclaimable",
		.what = N_(
			"Kernel memory other than slab that the kernel reports "
			"reclaimable (some drivers' pools)."),
		.source = N_("/proc/meminfo KReclaimable, SReclaimable."),
		.formula =
			N_("KReclaimable - SReclaimable (KReclaimable includes "
			   "SReclaimable)."),
		.healthy = N_("Usually 0."),
	},
	{
		.id = "memory.b.kernel_stack",
		.name = "kernel stacks",
		.what = N_(
			"The kernel stacks of every thread (16 KiB each on x86-64)."),
		.source = N_("/proc/meminfo KernelStack."),
		.formula = N_(
			"Read as is; with VMAP_STACK taken out of vmalloc, which "
			"also counts it."),
		.healthy = N_("Proportional to the number of threads."),
	},
	{
		.id = "memory.b.shadow_call_stack",
		.name = "shadow call stacks",
		.what = N_("arm64's shadow call stacks, one per thread."),
		.source = N_("/proc/meminfo ShadowCallStack."),
		.formula = N_("Read as is; taken out of vmalloc."),
		.healthy = N_("Proportional to the number of threads."),
	},
	{
		.id = "memory.b.page_tables",
		.name = "page tables",
		.what = N_(
			"Page tables: the CPU's, and secondary ones of KVM and the "
			"IOMMU."),
		.source = N_("/proc/meminfo PageTables, SecPageTables."),
		.formula = N_("PageTables + SecPageTables."),
		.healthy = N_(
			"Grows with mapped memory and the number of processes."),
	},
	{
		.id = "memory.b.page_tables_cpu",
		.name = "CPU page tables",
		.what = N_(
			"The page tables of processes and of the kernel that the "
			"CPU walks."),
		.source = N_("/proc/meminfo PageTables."),
		.formula = N_("Read as is."),
		.healthy = N_(
			"About 0.2% of mapped memory; more with many processes "
			"sharing big mappings."),
	},
	{
		.id = "memory.b.sec_page_tables",
		.name = "secondary page tables",
		.what = N_(
			"Page tables of KVM guests (stage-2, EPT) and of the IOMMU."),
		.source = N_("/proc/meminfo SecPageTables (6.0+)."),
		.formula = N_("Read as is."),
		.healthy = N_("0 without VMs or an IOMMU in use."),
	},
	{
		.id = "memory.b.iommu",
		.name = "IOMMU",
		.what = N_(
			"Pages the IOMMU drivers allocated (page tables and other "
			"IOMMU state); the kernel counts them in SecPageTables too."),
		.source = N_("/proc/vmstat nr_iommu_pages (6.11+)."),
		.formula = N_("Pages x page size."),
		.healthy = N_(
			"Grows with devices mapped for DMA; can reach GiB with many "
			"VFIO devices."),
	},
	{
		.id = "memory.b.kvm",
		.name = "KVM",
		.what = N_(
			"Secondary page tables that are not the IOMMU's: KVM's "
			"stage-2 or EPT tables."),
		.source = N_("SecPageTables and nr_iommu_pages."),
		.formula = N_("SecPageTables - nr_iommu_pages."),
		.healthy = N_("Grows with the guests' memory."),
	},
	{
		.id = "memory.b.vmalloc",
		.name = "vmalloc",
		.what = N_(
			"Pages the kernel allocated through vmalloc (modules, BPF "
			"maps and programs, big tables), kernel stacks excluded."),
		.source = N_(
			"/proc/meminfo VmallocUsed, KernelStack; /proc/vmallocinfo "
			"per caller and per node (root)."),
		.formula = N_(
			"VmallocUsed - KernelStack when stacks are vmalloc'd "
			"(VMAP_STACK); a node's from vmallocinfo's N= counts."),
		.healthy = N_("Tens of MiB; growth follows modules and BPF."),
	},
	{
		.id = "memory.b.stacks_cached",
		.name = "cached stacks",
		.what = N_(
			"vmalloc'd kernel stacks of exited threads that the kernel "
			"keeps for reuse (two per CPU); KernelStack no longer "
			"counts them."),
		.source = N_("/proc/vmallocinfo (root)."),
		.formula = N_("The fork path's vmalloc pages - KernelStack."),
		.healthy = N_("A few stacks per CPU."),
	},
	{
		.id = "memory.b.vmalloc_caller",
		.name = "vmalloc caller",
		.what = N_("The pages of the vmalloc areas one kernel function "
			   "allocated (its module in brackets)."),
		.source = N_(
			"/proc/vmallocinfo: the areas flagged vmalloc, their pages= "
			"(root)."),
		.formula =
			N_("Sum over the caller's areas, pages x page size."),
		.healthy = N_(
			"Informational; a caller that keeps growing is holding "
			"memory."),
	},
	{
		.id = "memory.b.vmalloc_other",
		.name = "other",
		.what = N_("The rest of vmalloc: smaller callers."),
		.source = N_("vmalloc minus the callers shown."),
		.formula = N_("vmalloc - stacks_cached - the callers above."),
		.healthy = N_("Informational."),
	},
	{
		.id = "memory.b.percpu",
		.name = "percpu",
		.what = N_(
			"Per-CPU variables of the kernel, every chunk including the "
			"first, which is a boot allocation also inside reserved."),
		.source = N_("/proc/meminfo Percpu."),
		.formula = N_("Read as is."),
		.healthy = N_(
			"Hundreds of KiB per CPU; BPF per-CPU maps add to it."),
	},
	{
		.id = "memory.b.hugetlb",
		.name = "HugeTLB",
		.what = N_(
			"Memory in the HugeTLB pools of every page size, used or "
			"not: it is taken from the rest of memory as soon as the "
			"pool is sized."),
		.source = N_(
			"/proc/meminfo Hugetlb; /sys/kernel/mm/hugepages (a node's: "
			"/sys/devices/system/node/nodeN/hugepages)."),
		.formula = N_("Sum over sizes of nr_hugepages x size."),
		.healthy = N_(
			"What was configured (vm.nr_hugepages, hugepages=); free "
			"pool pages are memory nobody else can use."),
	},
	{
		.id = "memory.b.hugetlb_pool",
		.name = "HugeTLB pool",
		.what = N_("One HugeTLB pool: the pages of one size."),
		.source = N_(
			"hugepages-SIZE/nr_hugepages (surplus_hugepages named in "
			"Source)."),
		.formula = N_("nr_hugepages x size."),
		.healthy = N_("As configured."),
	},
	{
		.id = "memory.b.hugetlb_pool_used",
		.name = "in use",
		.what = N_("Pool pages in use by mappings."),
		.source = N_("hugepages-SIZE/nr_hugepages and free_hugepages."),
		.formula = N_("nr_hugepages - free_hugepages."),
		.healthy = N_("Informational."),
	},
	{
		.id = "memory.b.hugetlb_pool_reserved",
		.name = "reserved",
		.what = N_(
			"Free pool pages already promised to a mapping (not faulted "
			"in yet)."),
		.source = N_("hugepages-SIZE/resv_hugepages."),
		.formula = N_("min(resv_hugepages, free_hugepages) x size."),
		.healthy = N_("Informational."),
	},
	{
		.id = "memory.b.hugetlb_pool_free",
		.name = "free",
		.what = N_("Free pool pages nobody has reserved."),
		.source =
			N_("hugepages-SIZE/free_hugepages and resv_hugepages."),
		.formula = N_("free_hugepages - resv_hugepages."),
		.healthy = N_(
			"Memory set aside and unused: shrink the pool if it stays "
			"free."),
	},
	{
		.id = "memory.b.zswap",
		.name = "zswap",
		.what = N_(
			"The compressed pool of zswap: swapped-out pages kept "
			"compressed in RAM."),
		.source = N_("/proc/meminfo Zswap."),
		.formula = N_("Read as is."),
		.healthy = N_(
			"Informational; compare it with Zswapped (what it holds "
			"uncompressed)."),
	},
	{
		.id = "memory.b.zram",
		.name = "zram",
		.what = N_(
			"Memory the zram devices use for their compressed data."),
		.source = N_("/sys/block/zramN/mm_stat: mem_used_total."),
		.formula = N_("Sum over devices, bytes / 1024."),
		.healthy = N_(
			"Informational; bounded by each device's mem_limit."),
	},
	{
		.id = "memory.b.memmap",
		.name = "memmap",
		.what = N_(
			"struct pages and page_ext allocated after boot (memory "
			"hotplug) from the buddy allocator."),
		.source = N_("/proc/vmstat nr_memmap_pages (6.11+)."),
		.formula = N_("Pages x page size."),
		.healthy = N_("0 without hotplugged memory."),
	},
	{
		.id = "memory.b.unaccepted",
		.name = "unaccepted",
		.what = N_(
			"Memory of a confidential guest (TDX, SEV-SNP) not yet "
			"accepted from the host: the kernel counts it free "
			"(nr_free_pages, MemFree) though no buddy list holds it "
			"until it is accepted."),
		.source = N_("/proc/meminfo Unaccepted (6.5+)."),
		.formula = N_("Read as is."),
		.healthy = N_("Shrinks as the guest accepts memory."),
	},
	{
		.id = "memory.b.balloon",
		.name = "balloon",
		.what = N_(
			"Pages a balloon driver took from the guest and gave back "
			"to the host."),
		.source = N_("/proc/meminfo Balloon (6.12+)."),
		.formula = N_("Read as is."),
		.healthy = N_("What the host asked for."),
	},
	{
		.id = "memory.b.bounce",
		.name = "bounce",
		.what = N_(
			"Bounce buffers for devices that cannot reach all memory."),
		.source = N_("/proc/meminfo Bounce."),
		.formula = N_("Read as is."),
		.healthy = N_("Usually 0."),
	},
	{
		.id = "memory.b.writeback_tmp",
		.name = "FUSE writeback",
		.what = N_("Temporary pages FUSE uses while writing back."),
		.source = N_("/proc/meminfo WritebackTmp."),
		.formula = N_("Read as is."),
		.healthy = N_("Usually 0."),
	},
	{
		.id = "memory.b.unexplained",
		.name = "unexplained",
		.what = N_(
			"Physical memory no counter accounts for: pages drivers "
			"took straight from the page allocator (network buffers, "
			"GPU memory, pinned pages), and per node the machine-wide "
			"buckets without a node split."),
		.source = N_("Every other bucket."),
		.formula = N_(
			"physical - the sum of every other top-level bucket."),
		.healthy = N_(
			"Below 2% of RAM on an idle machine; more, or growing, is "
			"memory worth attributing (Enter: attribution)."),
	},
	{
		.id = "memory.b.slab_cache",
		.name = "slab cache",
		.what = N_(
			"One of the biggest slab caches, under the kind the kernel "
			"counts it as (reclaimable or not)."),
		.source = N_("/proc/slabinfo (root) and "
			     "/sys/kernel/slab/NAME/reclaim_account."),
		.formula = N_("num_slabs x pages per slab x page size."),
		.healthy = N_(
			"Informational; the Slab tab has its details and growth."),
	},
	{
		.id = "memory.b.slab_other",
		.name = "other caches",
		.what = N_("The rest of the kind: smaller caches, and kmalloc "
			   "allocations too large for a cache."),
		.source = N_(
			"SReclaimable or SUnreclaim minus the caches shown."),
		.formula = N_("The kind - the caches above."),
		.healthy = N_("Informational."),
	},
	{
		.id = "memory.b.gpu",
		.name = "GPU",
		.what = N_(
			"Pages GPU drivers hold for their buffers and pools (newer "
			"kernels count them)."),
		.source = N_("/proc/meminfo GPUActive, GPUReclaim."),
		.formula = N_("GPUActive + GPUReclaim."),
		.healthy = N_("Follows the graphics and compute load."),
	},
	{
		.id = "memory.b.gpu_active",
		.name = "in use",
		.what = N_("Pages assigned to GPU objects."),
		.source = N_("/proc/meminfo GPUActive."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational."),
	},
	{
		.id = "memory.b.gpu_reclaim",
		.name = "pools",
		.what = N_(
			"Pages in the GPU drivers' shrinkable pools: given back "
			"under pressure."),
		.source = N_("/proc/meminfo GPUReclaim."),
		.formula = N_("Read as is."),
		.healthy =
			N_("Informational; it shrinks when memory is needed."),
	},
	{
		.id = "memory.b.zram_device",
		.name = "zram device",
		.what = N_(
			"The memory one zram device uses for its compressed data "
			"and metadata."),
		.source = N_("/sys/block/zramN/mm_stat: mem_used_total."),
		.formula = N_("bytes / 1024."),
		.healthy =
			N_("Informational; bounded by the device's mem_limit."),
	},
	{ .id = NULL },
};
