/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure parsers of the memory cgroup files (text in, len bytes, no NUL
 * needed) and of the mount table that says where the hierarchies are.
 */
#ifndef MS_PROCFS_CGROUP_H
#define MS_PROCFS_CGROUP_H

#include "model/snapshot.h"
#include "probes/procfs/kv.h"

#include <stddef.h>

#define MS_CG_MNT 1024

/* Where the hierarchies are mounted ("" none), without the leading '/'. */
struct ms_cg_mounts {
	char v2[MS_CG_MNT]; /* the first cgroup2 mount */
	char v1mem[MS_CG_MNT]; /* the first v1 mount with the memory option */
};

/*
 * /proc/self/mountinfo (or /proc/mounts, whose lines have no " - "): the
 * cgroup2 mount and the v1 memory controller's. Mount points are
 * unescaped (\ooo). -EINVAL when no line is a mount.
 */
int ms_cg_mounts_parse(const char *text, size_t len, struct ms_cg_mounts *m,
		       struct ms_perr *e);

/*
 * A limit or usage file holding bytes: *kb in kB, MS_NA for "max" (v2) or
 * v1's unlimited (PAGE_COUNTER_MAX pages: LONG_MAX rounded down to a
 * page). -EINVAL otherwise.
 */
int ms_cg_bytes_parse(const char *text, size_t len, uint64_t *kb);

/*
 * memory.stat, memory.events, cgroup.stat: "name value" lines into l. A
 * text cut short (no newline at the end) loses its last line, counted in
 * e. -EINVAL when no line is a pair.
 */
int ms_cg_kv_parse(const char *text, size_t len, struct ms_kvlist *l,
		   struct ms_perr *e);

/*
 * memory.numa_stat: v2 "anon N0=bytes N1=bytes" and v1 "total=pages
 * N0=pages" lines into l as "anon.N0" items, in the kernel's unit (v1's
 * leading sum is left out). A line seen twice, a token not "N<node>=value"
 * or a cut last line is skipped and counted in e; -EINVAL: no good line.
 */
int ms_cg_numa_parse(const char *text, size_t len, struct ms_kvlist *l,
		     struct ms_perr *e);

/*
 * cgroup.procs, cgroup.threads, v1 tasks: how many lines, the first max
 * pids in pids (max 0: pids may be NULL).
 */
int ms_cg_procs_parse(const char *text, size_t len, uint64_t *pids, int max,
		      int *npids, struct ms_perr *e);

#endif
