// SPDX-License-Identifier: GPL-2.0
/*
 * Explain mode's texts for the physical memory map (the Buddy tab's m;
 * docs/json.md physmap): every kind's colour and letter
 * ("buddy.map.kind.NAME", NAME as model/physmap.c names it), the map's
 * own figures and the cursor's block.
 */
#include "tui/explain.h"
#include "tui/tabs/buddy/buddy.h"

#define N_(s) s

static const char kpf[] = N_("/proc/kpageflags (root), read within the "
			     "census's budget per refresh.");

/* A kind's entry: what the block holds, its rule, what it means here. */
#define KIND(k, nm, w, f, h)                                                \
	{                                                                   \
		.id = MAP_KIND_ID(k), .name = nm, .what = w, .source = kpf, \
		.formula = f, .healthy = h,                                 \
	}

const struct ms_explain ms_explain_buddy_map[] = {
	KIND("free", "'.' free",
	     N_("A pageblock whose pages are mostly free buddy pages."),
	     N_("At least half the block's RAM pages carry KPF_BUDDY."),
	     N_("Plenty of these, whole, is what an order-9 allocation (a 2 MiB "
		"huge page) needs; a free block with pins in it cannot give one.")),
	KIND("anon", "'a' anon",
	     N_("Mostly anonymous memory of processes on the LRU (heaps, stacks, "
		"private mappings) in small pages."),
	     N_("At least half the RAM pages are on the LRU, swap-backed and "
		"anonymous, and fewer than half in huge folios."),
	     N_("Movable: compaction can migrate it to make room for huge pages.")),
	KIND("file", "'f' file",
	     N_("Mostly page cache: file data, mapped executables, shmem and "
		"tmpfs."),
	     N_("At least half the RAM pages on the LRU without KPF_ANON (file) "
		"or swap-backed without it (shmem)."),
	     N_("Movable and reclaimable: the kernel drops clean file pages when "
		"memory runs short.")),
	KIND("unevictable", "'u' unevictable",
	     N_("Mostly unevictable pages: mlocked memory, ramfs."),
	     N_("At least half the RAM pages on the LRU with KPF_UNEVICTABLE."),
	     N_("Not reclaimed, but compaction moves them unless "
		"vm.compact_unevictable_allowed is 0.")),
	KIND("slab", "'s' slab",
	     N_("Mostly slab pages: kernel objects of the slab allocator "
		"(dentries, inodes, kmalloc)."),
	     N_("At least half the RAM pages carry KPF_SLAB."),
	     N_("Unmovable: a few slab pages in a block keep it from ever being "
		"a free order-9 block until every object in them is freed.")),
	KIND("page_tables", "'p' page tables",
	     N_("Mostly page tables of processes and the kernel."),
	     N_("At least half the RAM pages carry KPF_PGTABLE."),
	     N_("Unmovable. Grows with mapped memory and the number of "
		"processes.")),
	KIND("kernel", "'k' kernel",
	     N_("Mostly kernel memory without a kind of its own: reserved pages "
		"(the kernel image, memmap, firmware), balloon pages, large "
		"kmalloc and vmalloc pages, pages on the per-CPU free lists."),
	     N_("At least half the RAM pages are reserved, offline, without a "
		"flag, or with flags of no other kind."),
	     N_("Unmovable. Reserved blocks are fixed at boot; others come and "
		"go with the kernel's allocations.")),
	KIND("hugetlb", "'H' hugetlb",
	     N_("Mostly hugetlbfs huge pages (the pool of vm.nr_hugepages), in "
		"use or free in the pool."),
	     N_("At least half the RAM pages carry KPF_HUGE."),
	     N_("As many as the pool holds; the buddy allocator cannot use them "
		"until the pool shrinks.")),
	KIND("thp", "'T' THP",
	     N_("Mostly transparent huge pages or large folios, anonymous or "
		"file."),
	     N_("At least half the RAM pages carry KPF_THP (the zero page "
		"left out)."),
	     N_("A whole 2 MiB THP fills its block. Movable: compaction and "
		"khugepaged keep these forming.")),
	KIND("mixed", "'m' mixed",
	     N_("No kind holds half the block: free pages, movable and unmovable "
		"ones mixed."),
	     N_("Every kind under half the block's RAM pages."),
	     N_("Many mixed blocks mean fragmentation: look at the cursor's "
		"pins to see what keeps each from being a free order-9 block.")),
	KIND("hole", "'_' hole",
	     N_("Mostly no RAM: a hole in the zone's span (the PCI hole below "
		"4 GiB) or outside System RAM."),
	     N_("More than half the block's pages are KPF_NOPAGE or outside "
		"every System RAM range of /proc/iomem."),
	     N_("Fixed by the machine's memory map; not memory at all.")),
	KIND("deferred", "'d' not initialised",
	     N_("A block whose pages all read with no flag at all, in a zone that "
		"has present pages neither managed by the buddy nor reserved: "
		"memory not handed to the buddy allocator yet (deferred struct "
		"page initialisation, memory a confidential VM has not accepted, "
		"or hot-plugged memory not onlined)."),
	     N_("Every RAM page of the block has flags 0, and the zone's present "
		"pages exceed its managed plus reserved ones (the census's "
		"deferred). kpageflags cannot tell such a page from a kernel "
		"page with no flag: a guess."),
	     N_("Goes to free as the kernel initialises or accepts the memory; what a VM never accepts stays so.")),
	KIND("unread", "'?' not read yet",
	     N_("A block the census's pass has not reached since the map was "
		"opened."),
	     N_("No page of the block read yet."),
	     N_("Gone once the pass has gone round: the progress figure says "
		"how far it is.")),
	{
		.id = "buddy.map.zone",
		.name = "zone (map)",
		.what = N_("The zone the map draws: its node, name, first "
			   "page frame and pageblock size."),
		.source = N_("/proc/zoneinfo: start_pfn and spanned of the "
			     "zone."),
		.formula = N_("Blocks: the pageblocks of [start_pfn, start_pfn "
			      "+ spanned), the first the one holding "
			      "start_pfn; a block is 512 pages (2 MiB)."),
		.healthy = N_("Informational."),
	},
	{
		.id = "buddy.map.blocks",
		.name = "blocks (map)",
		.what = N_("The map itself: one cell per pageblock, or "
			   "several blocks a cell when zoomed out (the cell "
			   "then shows their most common letter)."),
		.source = N_("/proc/kpageflags, 8 bytes per page, read by the "
			     "census's pass."),
		.formula = N_("Each block's letter is the kind holding at "
			      "least half its RAM pages, else m (mixed)."),
		.healthy = N_("Free blocks in long runs: a healthy zone. Free "
			      "pages scattered through s, k and m blocks: "
			      "fragmentation."),
	},
	{
		.id = "buddy.map.progress",
		.name = "map progress",
		.what = N_("How far the census's pass over /proc/kpageflags "
			   "got, and how many blocks have been read at least "
			   "once since the map was asked for."),
		.source = N_("The pass's position in /proc/kpageflags."),
		.formula = N_("progress = pages read / the zones' last page "
			      "frame; each refresh reads at most the census's "
			      "budget (256 Ki pages) until a pass is "
			      "complete, then 0.5% of the time's worth, so "
			      "the screen never waits for a whole pass."),
		.healthy = N_("Goes round and round; a block is as fresh as "
			      "the pass's last visit to it."),
	},
	{
		.id = "buddy.map.cursor",
		.name = "block under the cursor",
		.what = N_("The block under the cursor: its page frames and "
			   "its pages by kind, as the census counts them."),
		.source = N_("/proc/kpageflags, the block's 512 entries."),
		.formula = N_("Each page counted once, by the census's kinds "
			      "(free, anon, shmem, file, ...); a THP's tail "
			      "pages take their head's kind."),
		.healthy =
			N_("A replay holds each block's letter only, not its "
			   "pages."),
	},
	{
		.id = "buddy.map.free_orders",
		.name = "free blocks in the block",
		.what = N_("The free buddy blocks inside the pageblock, by "
			   "order."),
		.source = N_("/proc/kpageflags: every page of a free block "
			     "carries KPF_BUDDY."),
		.formula = N_("Each run of free pages split into aligned "
			      "power-of-two blocks, as the buddy allocator "
			      "merges them; orders up to the pageblock's (9)."),
		.healthy = N_("One order-9 block: the whole block free. Many "
			      "small ones: free memory that cannot serve a "
			      "large allocation."),
	},
	{
		.id = "buddy.map.order9",
		.name = "could be order 9",
		.what = N_(
			"Whether compaction could turn the block into one "
			"free order-9 block (2 MiB), and if not, which pages "
			"pin it."),
		.source = N_("The block's pages by kind (/proc/kpageflags)."),
		.formula = N_("Yes when every page is free or on the LRU "
			      "(movable); else the pins: slab, page tables, "
			      "hugetlb, reserved, offline and pages with other "
			      "or no flags, and holes."),
		.healthy = N_("Unmovable pages spread over many blocks are why "
			      "high-order allocations fail with free memory "
			      "left: each pins its whole block."),
	},
	{
		.id = "buddy.map.types",
		.name = "migrate types (map)",
		.what = N_("The zone's pageblocks per migrate type (Unmovable, "
			   "Movable, Reclaimable, ...): the type the page "
			   "allocator gave each block, which decides what it "
			   "hands out from it."),
		.source = N_("/proc/pagetypeinfo, \"Number of blocks type\" "
			     "(root; read while the map is open)."),
		.formula = N_("Counts per zone as the kernel gives them. Which "
			      "block has which type is in the pageblock bits, "
			      "which only a kernel module can read: with "
			      "memscope.ko loaded the map marks each block's "
			      "type; without it, this line says why not."),
		.healthy =
			N_("Unmovable and Reclaimable blocks scattered among "
			   "Movable ones make high orders fail; their count "
			   "growing under load is fragmentation forming."),
	},
	{
		.id = "buddy.map.migratetypes",
		.name = "migrate type per block",
		.what = N_("Each pageblock's migrate type: U Unmovable, M "
			   "Movable, R Reclaimable, H HighAtomic, C CMA, I "
			   "Isolate; P a Movable block polluted by pages that "
			   "cannot move; '.' no page of the zone there. On "
			   "the map a type other than Movable is underlined "
			   "and a polluted block reversed; t shows the type "
			   "letters instead of the kinds."),
		.source = N_("memscope.ko's /proc/memscope/pageblocks: the "
			     "pageblock bits, read through the sparse memory "
			     "sections (root, the module loaded)."),
		.formula = N_("The type the kernel keeps for each block; P "
			      "where it is Movable and the census finds slab, "
			      "page-table, reserved or other kernel pages in "
			      "it. Per zone, M and P together are "
			      "pagetypeinfo's Movable count."),
		.healthy = N_("P blocks are why order-9 allocations fail with "
			      "memory free: compaction cannot empty them. Few "
			      "U and R blocks, in runs, is a healthy zone."),
	},
	{
		.id = "buddy.map.polluted",
		.name = "polluted block (P)",
		.what = N_("A Movable pageblock holding pages that cannot "
			   "move: shown reversed on the map, P in the types "
			   "view (t), and the cursor's line says which pages."),
		.source = N_("The module's migrate type (Movable) and the "
			     "block's pages by kind from /proc/kpageflags."),
		.formula = N_("Movable, and at least one page of slab, page "
			      "tables, reserved, other or no flags. Pages on "
			      "the per-CPU free lists read as no flags too, so "
			      "a block can read P for a moment."),
		.healthy =
			N_("The reason high orders fail: the allocator put "
			   "unmovable pages into a movable block (a "
			   "fallback), and compaction can never free it "
			   "whole until they are freed. Many P blocks: "
			   "expect order-9 (THP, 2 MiB) allocations to fail."),
	},
	{
		.id = "buddy.map.pages",
		.name = "a block's pages",
		.what = N_("The block under the cursor zoomed in to its pages, "
			   "one cell each with the letter of its kind, and the "
			   "page under the cursor."),
		.source = N_("/proc/kpageflags: the block's 512 entries, read "
			     "for this screen each refresh (live only)."),
		.formula = N_("Each page's kind as the census takes it (a tail "
			      "page takes its head's); T for a page of a huge "
			      "folio; no rule of half here."),
		.healthy =
			N_("The slab, kernel and page-table pages among free "
			   "ones are what pins the block."),
	},
	{
		.id = "buddy.map.access",
		.name = "access (map)",
		.what = N_("The map coloured by how often DAMON found each "
			   "cell's memory accessed (a; again: the kinds): '.' "
			   "cold, ':' cool, '+' warm, '#' hot, '_' no region "
			   "covers it. Zoomed in to a block, each page."),
		.source = N_("The regions of memscope's own DAMON monitoring "
			     "of physical memory (W on the map or the Memory "
			     "tab, --damon paddr; root): each region's "
			     "nr_accesses, samples of 5 ms in the last 100 ms "
			     "aggregation that found it accessed; recorded and "
			     "replayed with the map."),
		.formula =
			N_("A cell's accesses are the regions' nr_accesses "
			   "averaged over the cell's bytes, each region "
			   "weighted by the bytes it shares with the cell; "
			   "bytes no region covers are left out. The level "
			   "is against the most possible, 20 (one a sample), "
			   "not the most seen, so cold means cold in every "
			   "sample and on every machine."),
		.healthy = N_("Hot blocks are the working set; cold ones are "
			      "what proactive reclaim (DAMON's pageout) or "
			      "demotion would take. A zone all cold is idle, "
			      "or the monitoring has only just started."),
	},
	{
		.id = "buddy.map.access_cursor",
		.name = "access at the cursor",
		.what = N_("The cursor's cell as DAMON saw it: its level and "
			   "mean accesses, the share of its bytes a region "
			   "covers, and the regions over it with their "
			   "nr_accesses and age."),
		.source =
			N_("DAMON's regions (tried_regions of memscope's stat "
			   "scheme): start, end, nr_accesses, age."),
		.formula = N_("Mean: the regions' nr_accesses weighted by the "
			      "bytes each shares with the cell. Age: the "
			      "aggregation intervals (100 ms each) a region's "
			      "access count has held, shown in seconds."),
		.healthy = N_("A hot region of great age is memory in steady "
			      "use; a cold one of great age has not been "
			      "touched for that long and could be reclaimed."),
	},
	{
		.id = "buddy.map.access_levels",
		.name = "access levels",
		.what = N_("The levels of the access colouring with the "
			   "zone's blocks at each, and the scale: cold under "
			   "half an access, cool under 5, warm under 10, hot "
			   "10 to 20 accesses a 100 ms aggregation."),
		.source = N_("DAMON's regions over each block of the zone."),
		.formula = N_("Each block on its own: the regions' accesses "
			      "averaged over its bytes; 20 is the most (100 ms "
			      "of 5 ms samples). A region is one level "
			      "throughout: DAMON splits and merges regions by "
			      "their accesses (10 to 100 of them)."),
		.healthy = N_("Few hot blocks among many cold ones: a small "
			      "working set, room to reclaim. Most blocks hot: "
			      "the memory is in use."),
	},
	{
		.id = "buddy.map.zoom",
		.name = "zoom",
		.what = N_(
			"How many pageblocks one cell of the map stands for; i and o zoom in and out, f fits the zone to the screen."),
		.source = N_("The screen's size and the zone's blocks."),
		.formula = N_("A cell of several blocks shows the kind most of "
			      "them have (ties: the first in the legend)."),
		.healthy = N_(
			"Zoom in (i) to one block a cell to see every block."),
	},
	{ .id = NULL },
};
