/* SPDX-License-Identifier: GPL-2.0 */
/* The stall delays per process of the snapshot (probes/taskstats). */
#ifndef MS_MODEL_DELAYS_H
#define MS_MODEL_DELAYS_H

#include "model/base.h"

/* ---- Stall delays per process (probes/taskstats) ------------------------ */

enum ms_delay_kind {
	MS_DL_FREEPAGES, /* direct reclaim */
	MS_DL_THRASHING, /* waiting for refaulting pages */
	MS_DL_COMPACT, /* direct compaction */
	MS_DL_SWAPIN, /* swapping in */
	MS_DL_WPCOPY, /* write-protect copy (COW) */
	MS_DL_COUNT
};

struct ms_task_delay {
	int pid; /* process (all its threads) */
	char comm[MS_NAME];
	uint64_t count[MS_DL_COUNT]; /* delays, MS_NA not in this kernel */
	uint64_t ns[MS_DL_COUNT]; /* their total */
	double ns_rate[MS_DL_COUNT]; /* delay per second, NAN first */
};

struct ms_task_delays {
	int delayacct; /* kernel.task_delayacct: 1, 0, -1 unknown */
	bool ours; /* memscope turned it on, restores it on exit */
	int version; /* of struct taskstats the kernel sent */
	double interval;
	struct ms_task_delay *v; /* by pid */
	int n, cap;
	int gone; /* processes that exited while being read */
};

/* A new process entry (counts MS_NA, rates NAN) or NULL on ENOMEM. */
struct ms_task_delay *ms_task_delay_add(struct ms_task_delays *d);
/* The entry of pid in d->v (sorted by pid), or NULL. */
const struct ms_task_delay *ms_task_delay_find(const struct ms_task_delays *d,
					       int pid);
/* The name of a delay kind: "freepages", "swapin", ... */
const char *ms_delay_name(enum ms_delay_kind k);

#endif
