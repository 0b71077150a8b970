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
	char cmdline[MS_CMDLINE]; /* raw, as struct ms_proc holds it */
	char cgroup[MS_CG_PATH]; /* raw, as struct ms_proc holds it */
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
			    bool full, struct ms_snapshot *s);

/* A process as the order of re-reads sees it (refresh.c). */
struct ms_refresh {
	int idx; /* the caller's */
	double read_t; /* when its costly files were read; <= 0: never */
	bool moved; /* its RSS moved since (ms_proc_rss_moved()) */
	bool changed; /* its statm changed at all since */
	int tier; /* set by ms_refresh_order() */
};

/*
 * Which processes are due for a re-read of their costly files at now, in
 * the order they get the budget: new ones; those whose RSS moved; then
 * the oldest first, of those whose statm changed a second or more ago and
 * those that stood still 2.5 s or more. Moves the due ones, in that
 * order, to the front of v and returns how many.
 */
int ms_refresh_order(struct ms_refresh *v, int n, double now);

/* *plan grown to cap entries: 0, or -ENOMEM (*plan kept). */
int ms_refresh_grow(struct ms_refresh **plan, int cap);

/* A CPU budget for re-reads: share of wall time, saved up to burst s. */
struct ms_budget {
	double share, burst;
	double last; /* the sample before's time */
	double tokens; /* seconds of reading left */
};

/* pf's clock: its clock() (tests), else CLOCK_MONOTONIC. */
double ms_procfs_clock(const struct ms_procfs *pf);
/*
 * Re-read the due ones of plan (n, in ms_refresh_order()'s order) with
 * read(ctx, idx) while b's budget lasts (its share of the time since
 * b->last, timed with pf's clock), the first new and the first moved one
 * outside it. The caller sets b->last = now after the sample.
 */
void ms_refresh_spend(struct ms_budget *b, const struct ms_procfs *pf,
		      const struct ms_refresh *plan, int n, double now,
		      void (*read)(void *ctx, int idx), void *ctx);

#endif
