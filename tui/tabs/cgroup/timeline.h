/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Cgroups tab's events timeline: each memory.events and events.local
 * counter of each cgroup that changed between two samples the tab saw,
 * with when; kept without ncurses, so the unit tests drive it.
 */
#ifndef MS_CG_TIMELINE_H
#define MS_CG_TIMELINE_H

#include "model/snapshot.h"

#define CG_CHANGES 512 /* changes kept, of every cgroup: the newest */

struct cg_change {
	char *path; /* the cgroup's, raw */
	char name[48]; /* "oom_kill", as struct ms_kv names it */
	bool local; /* events.local, else memory.events */
	uint64_t from, to;
	double t0, t1; /* t_mono of the samples it changed between */
};

struct cg_timeline {
	struct cg_change v[CG_CHANGES]; /* a ring: v[head] the oldest */
	int head, n;
	double first_t; /* the first sample fed, NAN before */
	double last_t;
};

void cg_tl_init(struct cg_timeline *tl);
void cg_tl_free(struct cg_timeline *tl);
/*
 * The changes from prev to cur (both with the cgroup section; prev NULL:
 * the first sample). Time running backwards (a replay seeking) drops
 * the changes after cur; the last sample fed again adds nothing. Returns the changes added, or -ENOMEM.
 */
int cg_tl_feed(struct cg_timeline *tl, const struct ms_snapshot *cur,
	       const struct ms_snapshot *prev);
/* The changes of path, newest first, into out (at most max); how many. */
int cg_tl_of(const struct cg_timeline *tl, const char *path,
	     const struct cg_change **out, int max);

#endif
