/* SPDX-License-Identifier: GPL-2.0 */
/* What the process list's two readers share: proc.c (a captured tree, or
 * capturing) and proccache.c (the live system, cached between samples). */
#ifndef MS_PROCFS_PROCINT_H
#define MS_PROCFS_PROCINT_H

#include "probes/procfs/proc.h"
#include "probes/procfs/procfs.h"

#include <stdbool.h>

/* The costly part of a process: status, smaps_rollup and maps. */
struct detail {
	struct ms_proc_detail d;
	uint64_t vmas;
	bool denied; /* smaps_rollup refused: no ptrace access */
};

void ms_procfs_read_detail(const struct ms_root *r, struct ms_buf *b, int pid,
			   bool kthread, struct detail *out);
struct ms_proc *ms_procfs_add_proc(struct ms_snapshot *s, int pid,
				   const struct ms_stat *st, uint64_t page_kb);
void ms_procfs_set_detail(struct ms_proc *p, const struct detail *det);
/* Say once that some processes' smaps_rollup was refused. */
void ms_procfs_denied_note(struct ms_snapshot *s);
/* One sample of the live system through the cache in pf->procs. */
int ms_procfs_sample_cached(const struct ms_root *r, struct ms_procfs *pf,
			    struct ms_snapshot *s);

#endif
