// SPDX-License-Identifier: GPL-2.0
/*
 * Explain mode's texts for the Memory tab (tui/explain.h): its columns
 * here, the buckets' in explain_buckets.c ("memory.b.NAME", which the tab
 * walks for the buckets it draws), the census's and the page cache
 * files' in explain_census.c and explain_files.c (their screens, go.c).
 */
#include "tui/explain.h"
#include "tui/tabs/memory/memory.h"

#define N_(s) s

const struct ms_explain ms_explain_memory[] = {
	{
		.id = "memory.bucket",
		.name = "Bucket",
		.what = N_("A bucket of the ledger of physical memory: the "
			   "top level splits the RAM the kernel knows about "
			   "without counting a page twice, and each bucket's "
			   "children split it. + marks a folded bucket, - an "
			   "open one."),
		.source = N_("/proc/meminfo, /proc/vmstat, /proc/zoneinfo and "
			     "the nodes' meminfo and vmstat "
			     "(docs/ledger.md)."),
		.formula = N_("Each bucket's formula is in its Source column "
			      "and in docs/ledger.md; unexplained is the "
			      "physical memory minus every other bucket."),
		.healthy = N_("Informational; unexplained above 2% of the RAM "
			      "is memory no counter tracks (drivers, network "
			      "buffers) and is marked."),
	},
	{
		.id = "memory.size",
		.name = "Size",
		.what = N_("How much memory the bucket holds (K, M, G: "
			   "1024-based)."),
		.source = N_("The counters named in the Source column."),
		.formula = N_("In kB as the kernel reports it, cut to what is "
			      "left of its parent when counters read a moment "
			      "apart add up to more (Source then says by how "
			      "much)."),
		.healthy = N_("Informational; compare a bucket with its "
			      "history (H) and its growth."),
	},
	{
		.id = "memory.pct",
		.name = "%RAM",
		.what = N_("The bucket's share of the physical memory of the "
			   "machine, or of the node shown."),
		.source = N_("/proc/zoneinfo: the present pages of every zone "
			     "(of the node's zones)."),
		.formula = N_("100 x Size / physical memory."),
		.healthy = N_("Informational; the top level adds up to 100%."),
	},
	{
		.id = "memory.rate",
		.name = "Growth/s",
		.what = N_("How fast the bucket grew (+) or shrank (-) since "
			   "the previous sample."),
		.source = N_("Two samples of the ledger."),
		.formula = N_("(Size now - Size before) / seconds between the "
			      "samples; - on the first sample."),
		.healthy = N_("A bucket that only grows while the load is "
			      "steady (slab, unexplained) is worth a look: "
			      "Enter on it shows where it goes."),
	},
	{
		.id = "memory.source",
		.name = "Source",
		.what = N_("Where the bucket's figure comes from: the file and "
			   "field, or the formula over other buckets."),
		.source = N_("The ledger (docs/ledger.md)."),
		.formula = N_("Written by the ledger; \"cut by N kB to fit\" "
			      "when the counters overshot its parent."),
		.healthy = N_("Informational."),
	},
	{
		.id = "memory.attrib",
		.name = "Held by call site",
		.what = N_("Kernel memory by the call site that allocated it: "
			   "where what no counter names may come from (a "
			   "driver, network buffers, a leak), biggest first, "
			   "with its growth."),
		.source = N_("/proc/allocinfo (Linux 6.10+ with "
			     "CONFIG_MEM_ALLOC_PROFILING): everything held "
			     "since boot; else BPF on kmem:mm_page_alloc and "
			     "mm_page_free: pages allocated since it attached "
			     "and not yet freed (root)."),
		.formula = N_("Per site: bytes held, allocations live (BPF: "
			      "page blocks outstanding), growth per second "
			      "between two samples; the 20 biggest shown."),
		.healthy = N_("A site that keeps growing while the load is "
			      "steady is the one to look at."),
	},
	{ .id = NULL },
};

/* Every id of the tab's catalog (its screens show them all). */
const char *ms_memory_explain_all[MEM_EXPLAIN_ALL];

__attribute__((constructor)) static void fill_all(void)
{
	const struct ms_explain *const *c = ms_view_memory.catalog;
	int n = 0;

	for (int k = 0; c[k]; k++)
		for (const struct ms_explain *x = c[k];
		     x->id && n < MEM_EXPLAIN_ALL - 1; x++)
			ms_memory_explain_all[n++] = x->id;
}
