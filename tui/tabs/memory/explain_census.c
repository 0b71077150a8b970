// SPDX-License-Identifier: GPL-2.0
/*
 * Explain mode's texts for the page census (docs/json.md memory.census):
 * every kind ("memory.census.kind.NAME", NAME as model/census.h names it)
 * and the census's own figures.
 */
#include "tui/explain.h"
#include "tui/tabs/memory/census.h"

#define N_(s) s

const struct ms_explain ms_explain_memory_census[] = {
	{
		.id = "memory.census.kind.free",
		.name = "free (census)",
		.what = N_(
			"Pages in free blocks of the buddy allocator: every page of a free block carries KPF_BUDDY (since 4.19, not only the block's first)."),
		.source = N_("/proc/kpageflags, KPF_BUDDY (bit 10)."),
		.formula = N_(
			"Pages with the flag; checked per zone against zoneinfo nr_free_pages."),
		.healthy = N_(
			"Equal to nr_free_pages within what moved during the pass; pages on the per-CPU lists are in neither (they count as noflags)."),
	},
	{
		.id = "memory.census.kind.anon",
		.name = "anon (census)",
		.what = N_(
			"Anonymous pages on the LRU lists: process heaps, stacks, private mappings."),
		.source = N_(
			"/proc/kpageflags: KPF_LRU, KPF_SWAPBACKED and KPF_ANON."),
		.formula = N_(
			"Pages with those flags (a THP's tail pages take their head's kind)."),
		.healthy = N_(
			"With shmem, equal to the anon LRU counters (check lru_anon); grows with what processes touch."),
	},
	{
		.id = "memory.census.kind.shmem",
		.name = "shmem (census)",
		.what = N_(
			"shmem and tmpfs pages on the LRU: they sit on the anon lists, being swap-backed, but belong to no process."),
		.source = N_(
			"/proc/kpageflags: KPF_LRU and KPF_SWAPBACKED without KPF_ANON."),
		.formula = N_("Pages with those flags."),
		.healthy = N_(
			"Close to meminfo Shmem, less what is off the LRU or mlocked."),
	},
	{
		.id = "memory.census.kind.file",
		.name = "file (census)",
		.what = N_(
			"Page cache on the file LRU lists: file data read or written, mapped executables (and anonymous pages freed lazily with MADV_FREE)."),
		.source =
			N_("/proc/kpageflags: KPF_LRU without KPF_SWAPBACKED."),
		.formula = N_(
			"Pages with those flags; checked per zone against nr_zone_{in,}active_file."),
		.healthy = N_(
			"Any size: the kernel reclaims it when memory runs short."),
	},
	{
		.id = "memory.census.kind.unevictable",
		.name = "unevictable (census)",
		.what = N_(
			"Pages on the unevictable LRU: mlocked memory, ramfs, SHM_LOCKed segments; reclaim cannot take them."),
		.source = N_("/proc/kpageflags: KPF_LRU and KPF_UNEVICTABLE."),
		.formula = N_(
			"Pages with those flags; checked against nr_zone_unevictable."),
		.healthy =
			N_("Small unless something locks memory on purpose."),
	},
	{
		.id = "memory.census.kind.slab",
		.name = "slab (census)",
		.what = N_("Pages of slab caches (kmalloc and named caches)."),
		.source = N_(
			"/proc/kpageflags KPF_SLAB; a slab's tail pages take their head's kind."),
		.formula = N_(
			"Pages with the flag; checked against meminfo SReclaimable + SUnreclaim."),
		.healthy = N_(
			"A little below Slab: kmallocs above 8 KiB come from the page allocator without a slab flag (in other)."),
	},
	{
		.id = "memory.census.kind.page_tables",
		.name = "page tables (census)",
		.what = N_(
			"Pages holding page tables of processes and the kernel."),
		.source = N_("/proc/kpageflags KPF_PGTABLE (bit 26)."),
		.formula = N_(
			"Pages with the flag; checked against meminfo PageTables."),
		.healthy = N_(
			"Grows with mapped memory and processes; a table of more than one page flags its first page only."),
	},
	{
		.id = "memory.census.kind.hugetlb",
		.name = "hugetlb (census)",
		.what = N_(
			"Pages of the HugeTLB pools, free or in use, head and tail pages alike."),
		.source = N_("/proc/kpageflags KPF_HUGE (bit 17)."),
		.formula = N_(
			"Pages with the flag; checked against meminfo Hugetlb."),
		.healthy = N_(
			"What the pools were sized to (vm.nr_hugepages); 0 without pools."),
	},
	{
		.id = "memory.census.kind.reserved",
		.name = "reserved (census)",
		.what = N_(
			"Pages marked PG_reserved: the kernel image, firmware areas, the memory map and what memblock gave out at boot, the zero page."),
		.source = N_("/proc/kpageflags KPF_RESERVED (bit 32)."),
		.formula = N_("Pages with the flag."),
		.healthy = N_(
			"Constant after boot; on a kernel that initialises memory on demand, boot reservations in not yet initialised memory carry no flag (noflags)."),
	},
	{
		.id = "memory.census.kind.offline",
		.name = "offline (census)",
		.what = N_(
			"Pages taken back by a balloon driver or virtio-mem, or not accepted yet (confidential VMs)."),
		.source = N_("/proc/kpageflags KPF_OFFLINE (bit 23)."),
		.formula = N_("Pages with the flag."),
		.healthy = N_("0 unless the host reclaims guest memory."),
	},
	{
		.id = "memory.census.kind.other",
		.name = "other (census)",
		.what = N_(
			"Allocated pages with some flag but no kind: the kernel's compound pages (a kmalloc above 8 KiB), user pages off the LRU for a moment (isolated for reclaim or migration)."),
		.source = N_(
			"/proc/kpageflags: flags, none of those of the other kinds."),
		.formula = N_("Pages left when every other kind is taken."),
		.healthy = N_(
			"Small; a large or growing figure is kernel memory worth attributing."),
	},
	{
		.id = "memory.census.kind.noflags",
		.name = "no flags (census)",
		.what = N_(
			"Pages with no flag at all: kernel allocations without a type (vmalloc, kernel stacks, percpu, drivers' pages), free pages on the per-CPU lists, and memory not initialised yet."),
		.source = N_("/proc/kpageflags: 0."),
		.formula = N_(
			"Pages whose flags are 0 inside System RAM; each zone's pcp and deferred say how much is free per-CPU and not initialised."),
		.healthy = N_(
			"pcp + deferred + a few percent of RAM of kernel memory."),
	},
	{
		.id = "memory.census.kind.hole",
		.name = "hole (census)",
		.what = N_(
			"Page frames that are no RAM: holes in the physical address space (the PCI hole below 4 GiB), reported as pages without flags."),
		.source = N_(
			"/proc/kpageflags KPF_NOPAGE, and /proc/iomem: outside every System RAM range (root)."),
		.formula = N_(
			"Pages counted there; checked per zone against spanned - present."),
		.healthy = N_("Fixed by the machine's memory map."),
	},
	{
		.id = "memory.census.pages",
		.name = "pages counted",
		.what = N_(
			"Every page frame the census counted: the kinds partition it."),
		.source = N_(
			"/proc/kpageflags, one u64 per page frame, read 1 MiB at a time."),
		.formula = N_("The sum of the kinds."),
		.healthy = N_(
			"After a complete pass: the zones' spanned pages plus the few in no zone."),
	},
	{
		.id = "memory.census.progress",
		.name = "census progress",
		.what = N_(
			"How far the pass in progress got; the counts shown are of the last complete pass (or, before the first, of the pass so far)."),
		.source = N_("The page frame the next read starts at."),
		.formula = N_(
			"Pages read / the zones' last page frame; 1 when no pass runs."),
		.healthy = N_(
			"The first pass takes half a minute or so in the explorer (256 Ki pages a refresh), later ones a few minutes (0.5% of the time); batch mode does a whole pass each sample."),
	},
	{
		.id = "memory.census.thp",
		.name = "THP pages (census)",
		.what = N_(
			"Pages in transparent huge pages and large folios, anonymous, shmem or page cache, of any size above one page."),
		.source = N_(
			"/proc/kpageflags KPF_THP, without the huge zero page."),
		.formula =
			N_("Pages with the flag; they are also in their kind."),
		.healthy = N_(
			"At least AnonHugePages + ShmemHugePages + FileHugePages, which count PMD-sized pages only."),
	},
	{
		.id = "memory.census.zone.pcp",
		.name = "per-CPU free pages",
		.what = N_(
			"Free pages on the zone's per-CPU lists: no flag marks them, so the census counts them as noflags."),
		.source = N_("/proc/zoneinfo: the pagesets' count: lines."),
		.formula = N_("The sum over CPUs."),
		.healthy = N_("Up to a few MiB per CPU."),
	},
	{
		.id = "memory.census.zone.deferred",
		.name = "not managed, not reserved",
		.what = N_(
			"Present pages the buddy allocator does not manage and no flag marks reserved: memory not initialised yet (deferred struct page init), with the boot reservations inside it."),
		.source = N_(
			"/proc/zoneinfo present and managed; the census's reserved pages."),
		.formula = N_("present - managed - reserved."),
		.healthy = N_(
			"0 on a kernel that initialises memory at boot; shrinks as a lazily initialising kernel hands memory to the buddy allocator."),
	},
	{
		.id = "memory.census.check",
		.name = "census check",
		.what = N_(
			"A kind the kernel also counts, against that counter: ok when the census lies within the counter's range during the pass, give or take the tolerance."),
		.source = N_(
			"The census; zoneinfo and meminfo, read before, during and after the pass."),
		.formula = N_(
			"off = pages beyond [low - tolerance, high + tolerance]; tolerance = the per-CPU counters' drift (vm stats threshold x CPUs), for slab also the large kmalloc pages."),
		.healthy = N_(
			"ok; off on a busy machine when pages moved faster than the counters were read, and why says what moves them."),
	},
	{ .id = NULL },
};

const char *const ms_memory_census_ids[] = {
	"memory.census.kind.free",
	"memory.census.kind.anon",
	"memory.census.kind.shmem",
	"memory.census.kind.file",
	"memory.census.kind.unevictable",
	"memory.census.kind.slab",
	"memory.census.kind.page_tables",
	"memory.census.kind.hugetlb",
	"memory.census.kind.reserved",
	"memory.census.kind.offline",
	"memory.census.kind.other",
	"memory.census.kind.noflags",
	"memory.census.kind.hole",
	"memory.census.pages",
	"memory.census.progress",
	"memory.census.thp",
	"memory.census.zone.pcp",
	"memory.census.zone.deferred",
	"memory.census.check",
	NULL,
};
