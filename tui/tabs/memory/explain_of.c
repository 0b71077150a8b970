// SPDX-License-Identifier: GPL-2.0
/*
 * Explain mode's texts for the ledger's "of which" figures (model/memory.h
 * of_which: across a bucket's children, no part of the partition).
 */
#include "tui/tabs/memory/buckets.h"

#define N_(s) s

const struct ms_explain ms_explain_memory_of[] = {
	{
		.id = "memory.b.file_dirty",
		.name = "of which dirty",
		.what = N_("File pages changed in memory and not yet written "
			   "back to their file: part of file, on the active or "
			   "the inactive list, so no child of it."),
		.source = N_("/proc/meminfo Dirty (a node: its meminfo)."),
		.formula = N_("Read as is, at most file."),
		.healthy = N_("Below the dirty limits (vm.dirty_ratio); near "
			      "them writers are throttled."),
	},
	{
		.id = "memory.b.file_writeback",
		.name = "of which writeback",
		.what = N_("Pages being written to disk now. The kernel counts "
			   "anonymous and shmem pages being written to swap "
			   "here too."),
		.source = N_("/proc/meminfo Writeback (a node: its meminfo)."),
		.formula = N_("Read as is, at most file."),
		.healthy = N_("Small and brief; large for long means slow "
			      "storage or heavy swapping."),
	},
	{
		.id = "memory.b.file_mapped",
		.name = "of which mapped",
		.what = N_("File pages mapped into a process (code, libraries, "
			   "mmap'ed files). The kernel counts mapped shmem and "
			   "tmpfs pages here too, so it can be cut to fit."),
		.source = N_("/proc/meminfo Mapped (a node: its meminfo)."),
		.formula = N_("Read as is, at most file."),
		.healthy = N_("Informational; mapped pages are reclaimed "
			      "later than unmapped ones."),
	},
	{ .id = NULL },
};
