/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page cache's files, read from the live system (pcache.c): the
 * section "pagecache_files" of the memory area.
 */
#ifndef MS_PROCFS_PCACHE_H
#define MS_PROCFS_PCACHE_H

#include "model/snapshot.h"
#include "probes/procfs/procfs.h"

/*
 * Go on with the pass over the processes (full: a whole pass in this
 * sample, as batch mode asks; else within a time budget) and put the
 * biggest files into s->pcache. -EOPNOTSUPP on a captured tree.
 */
int ms_procfs_pcache(const struct ms_root *r, struct ms_procfs *pf, bool full,
		     struct ms_snapshot *s);
/* What ms_procfs_pcache() keeps in pf (procfs_close). */
void ms_procfs_pcache_free(struct ms_procfs *pf);

#endif
