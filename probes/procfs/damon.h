/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DAMON sysfs tree's walk (damon_parse.c) and memscope's own
 * monitoring (damon_mon.c), apart from the files: the reader (damon.c)
 * gives them the files of the root prefix, the tests and the fuzz target
 * a tree of their own. The walk only ever reads.
 */
#ifndef MS_PROCFS_DAMON_H
#define MS_PROCFS_DAMON_H

#include <stddef.h>

#include "model/damon.h"

/* Where the walk reads from: rel is below sys/kernel/mm/damon/admin/. */
struct ms_damon_src {
	/* the file's bytes into out (NUL-terminated, cut at n): 0, -errno */
	int (*get)(void *ctx, const char *rel, char *out, size_t n);
	/* write val to rel: 0, -errno (damon_mon.c only; NULL elsewhere) */
	int (*put)(void *ctx, const char *rel, const char *val);
	/* why a file could not be used */
	void (*note)(void *ctx, const char *fmt, ...)
		__attribute__((format(printf, 2, 3)));
	void *ctx;
};

/*
 * Fill d (reset, its lists emptied) from the tree: every kdamond up to
 * the bounds of model/damon.h (d->cut when a count is above one). A file
 * a kernel version lacks stays not available without a note; a present
 * file that does not parse gets one. 0, or -ENOENT without nr_kdamonds.
 */
int ms_damon_walk(struct ms_damon *d, const struct ms_damon_src *src);

/*
 * memscope's own kdamond (damon_mon.c): kdamonds/0, made only where
 * nr_kdamonds is 0, so no one else's is ever written to. Its intervals
 * (docs/json.md "damon"): 5 ms sampling, 100 ms aggregation, 1 s
 * operations update, 10..100 regions.
 */
#define MS_DAMON_STR_(x) #x
#define MS_DAMON_STR(x) MS_DAMON_STR_(x)
#define MS_DAMON_MON_SAMPLE_US MS_DAMON_STR(MS_DAMON_OWN_SAMPLE_US)
#define MS_DAMON_MON_AGGR_US MS_DAMON_STR(MS_DAMON_OWN_AGGR_US)
#define MS_DAMON_MON_UPDATE_US "1000000"

struct ms_damon_mon {
	int pid; /* the target: 0 physical memory (paddr), else a process */
	bool made; /* nr_kdamonds is 1 by memscope's write: remove it */
	bool on; /* its state was turned on */
	int kpid; /* its thread's pid (kdamonds/0/pid) once on; 0 unknown */
	char why[300]; /* why it did not start, or stopped */
};

/*
 * Whether memscope may make a kdamond: reads nr_kdamonds and every
 * kdamond's state, writes nothing. 0; -EBUSY when one is there (on, or
 * set up and off), -ENOENT without DAMON's sysfs; msg says why.
 */
int ms_damon_mon_check(const struct ms_damon_src *src, char *msg, size_t len);
/*
 * After the check: make, set up and turn on memscope's kdamond for pid
 * (0: paddr over [ram_start, ram_end), the span of System RAM).
 * On any failure whatever was made is removed again; m->why says why.
 */
int ms_damon_mon_start(struct ms_damon_mon *m, const struct ms_damon_src *src,
		       int pid, uint64_t ram_start, uint64_t ram_end);
/*
 * Ask for the monitoring results (update_schemes_tried_regions, which
 * waits about one aggregation interval) and put the regions into d's
 * target, regions and wss_kb. -ESRCH (and removed) when the kdamond
 * stopped by itself: its process exited.
 */
int ms_damon_mon_read(struct ms_damon_mon *m, const struct ms_damon_src *src,
		      struct ms_damon *d);
/* Turn it off and put nr_kdamonds back to 0: 0, or -errno with why. */
int ms_damon_mon_stop(struct ms_damon_mon *m, const struct ms_damon_src *src);

#endif
