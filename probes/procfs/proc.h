/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure parsers of the per-process files /proc/PID/stat, statm, status and
 * smaps_rollup: text in, numbers out. The reader is in proc.c.
 */
#ifndef MS_PROCFS_PROC_H
#define MS_PROCFS_PROC_H

#include "model/snapshot.h"

#include <stddef.h>
#include <stdint.h>

#define MS_PF_KTHREAD 0x00200000UL /* include/linux/sched.h */

/* The fields of /proc/PID/stat memscope uses. */
struct ms_stat {
	int pid;
	char comm[MS_NAME]; /* raw bytes, bounded, NUL-terminated */
	char state;
	int ppid; /* the parent's pid, 0 for none (pid 1, kthreadd) */
	unsigned long flags;
	uint64_t minflt, majflt;
	uint64_t starttime; /* clock ticks after boot: with pid, unique */
	uint64_t vsize; /* bytes */
	uint64_t rss_pages;
};

/*
 * comm is taken between the first '(' and the LAST ')', since it may
 * itself hold ')', spaces, newlines or any other byte. Reads len bytes
 * (no NUL needed). Return 0, or -EINVAL when truncated or malformed
 * (empty text: -ENODATA, as for a process that is going away).
 */
int ms_parse_stat(const char *text, size_t len, struct ms_stat *st);

/*
 * cmdline: the NUL-separated arguments joined by spaces into out (raw
 * bytes, at most outlen - 1 of them, NUL-terminated), the trailing NULs
 * dropped. Returns the bytes written.
 */
size_t ms_parse_cmdline(const char *text, size_t len, char *out, size_t outlen);

/*
 * /proc/PID/cgroup: the path of the process's memory cgroup, from its
 * hierarchy's root, into out (raw bytes, cut at outlen - 1): the v1 line
 * whose controllers name memory ("4:memory:/a"), else the unified
 * hierarchy's ("0::/a"), as a hybrid host has both and the memory
 * controller is on one only. Return 0, or -ENOENT when neither is there
 * (out ""). The page cache's holders are named by it too (pcache.c).
 */
int ms_parse_proc_cgroup(const char *text, size_t len, char *out,
			 size_t outlen);

/* statm's second number: resident pages. Return 0 or -EINVAL. */
int ms_parse_statm(const char *text, size_t len, uint64_t *resident);

/* What status and smaps_rollup add to a process; MS_NA when absent. */
struct ms_proc_detail {
	uint32_t uid; /* real uid; UINT32_MAX when absent */
	uint64_t vm_rss_kb, vm_swap_kb; /* status */
	uint64_t rss_kb, pss_kb, swap_kb; /* smaps_rollup */
};

void ms_proc_detail_init(struct ms_proc_detail *d);
/* Fill uid, VmRSS and VmSwap. Return 0, or -ENODATA when no Uid line. */
int ms_parse_status(const char *text, size_t len, struct ms_proc_detail *d);
/* Fill Rss, Pss and Swap. Return 0, or -ENODATA when no Pss (empty). */
int ms_parse_rollup(const char *text, size_t len, struct ms_proc_detail *d);

#endif
