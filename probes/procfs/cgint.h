/* SPDX-License-Identifier: GPL-2.0 */
/* What the cgroup area's two files share: the files of one cgroup
 * (cgroup.c) and the tree kept between samples (cgcache.c). */
#ifndef MS_PROCFS_CGINT_H
#define MS_PROCFS_CGINT_H

#include "probes/procfs/cgroup.h"
#include "probes/procfs/procfs.h"

/* Reading one hierarchy in one sample. */
struct ms_cg_walk {
	const struct ms_root *r;
	struct ms_procfs *pf;
	struct ms_snapshot *s;
	char base[MS_CG_MNT]; /* the hierarchy's mount, below the root */
	int version; /* 1 or 2 */
	int dfd; /* the directory of the cgroup being read */
};

/*
 * Where the memory controller is (v2 when the unified hierarchy has it,
 * else v1's memory mount) into w->base and w->version, with the notes
 * that say why not: 0 or -errno.
 */
int ms_cg_hierarchy(struct ms_cg_walk *w);
/*
 * Every file of c (c->path set, its directory open at w->dfd): 0; 1 a v2
 * cgroup without the memory controller enabled (only its processes
 * read); -ENOENT it went away while read.
 */
int ms_cg_read(struct ms_cg_walk *w, struct ms_cgroup *c);
/* Only its usage (memory.current, v1 memory.usage_in_bytes): MS_NA none. */
uint64_t ms_cg_usage(struct ms_cg_walk *w, const struct ms_cgroup *c);

#endif
