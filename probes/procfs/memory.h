/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure parsers of the Memory area's files (the ledger's inputs that no
 * other area reads). Text in (len bytes, no NUL needed).
 */
#ifndef MS_PROCFS_MEMORY_H
#define MS_PROCFS_MEMORY_H

#include "model/snapshot.h"
#include "probes/procfs/kv.h"

#include <stddef.h>

/*
 * The pages on each zone's per-cpu lists: zoneinfo's "count:" lines of
 * its pagesets, summed into pcp[i] for b->zones[i] (the zones
 * ms_parse_zoneinfo() found; MS_NA: none listed). Malformed counts are
 * counted in e. Returns 0.
 */
int ms_zoneinfo_pcp_parse(const char *text, size_t len, struct ms_buddy *b,
			  uint64_t *pcp, struct ms_perr *e);

/*
 * /proc/vmallocinfo into v: the pages of every vmalloc area (vmap and
 * ioremap areas map pages others own) in kB by caller (sorted, biggest
 * first), per node, and those of kernel stacks. Malformed lines are
 * counted in e; -EINVAL when no line is an area.
 */
int ms_vmallocinfo_parse(const char *text, size_t len, uint64_t page_kb,
			 struct ms_vmallocinfo *v, struct ms_perr *e);

/*
 * /proc/iomem: System RAM, the kernel image's ranges and Crash kernel.
 * -EACCES when the addresses are hidden (not root), -EINVAL when no line
 * is a range; malformed lines are counted in e.
 */
int ms_iomem_parse(const char *text, size_t len, struct ms_iomem *io,
		   struct ms_perr *e);

#endif
