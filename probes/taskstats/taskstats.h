/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The taskstats backend: per-process stall delays (direct reclaim,
 * thrashing, compaction, swap-in, write-protect copy) from the kernel's
 * taskstats generic-netlink family, and the kernel.task_delayacct switch.
 */
#ifndef MS_TASKSTATS_H
#define MS_TASKSTATS_H

#include <stdbool.h>
#include <stddef.h>

#include "probes/probe.h"

struct ms_taskstats;

/* Connect and resolve the TASKSTATS family; -errno with a reason. */
int ms_taskstats_open(struct ms_taskstats **ts, char *why, size_t len);
void ms_taskstats_close(struct ms_taskstats *ts);
/*
 * The delays of pid: one thread (tgid false) or the whole process. Fills
 * count[], ns[] (MS_NA for what this kernel's struct lacks), comm where
 * the kernel sent one, and *version. -ESRCH for a missing pid, -errno.
 */
int ms_taskstats_query(struct ms_taskstats *ts, int pid, bool tgid,
		       struct ms_task_delay *d, int *version);
/*
 * The delays in a struct taskstats payload of len bytes (a newer or
 * older kernel's: fields are taken by its version and length).
 */
int ms_taskstats_parse(const void *payload, size_t len, struct ms_task_delay *d,
		       int *version);

/* kernel.task_delayacct below root: 0, 1, or -errno. */
int ms_delayacct_read(const struct ms_root *root);
/* Set it (live only); -errno. */
int ms_delayacct_write(const struct ms_root *root, int on);

#endif
