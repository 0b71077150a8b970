/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which files hold the page cache: every file a process holds open or
 * mapped, with its cached pages (cachestat(2), or mincore() over a mapping).
 */
#ifndef MS_MODEL_PCACHE_H
#define MS_MODEL_PCACHE_H

#include "model/base.h"

/* The files each sample lists (and OpenMetrics labels): the biggest. */
#define MS_PCACHE_TOP 50

/* How a file's cached pages were counted. */
enum ms_pcache_method {
	MS_PCACHE_CACHESTAT, /* cachestat(2), Linux 6.5+: all five counts */
	MS_PCACHE_MINCORE, /* mincore() over a mapping: cached pages only */
	MS_PCACHE_NMETHODS
};

/* One file (one inode: dev and ino), as its first holder shows it. */
struct ms_pcache_file {
	/*
	 * Raw bytes, as /proc/PID/fd/N or /proc/PID/maps name it (with the
	 * kernel's " (deleted)" when unlinked): escape to show
	 */
	char *path;
	char dev[24]; /* "major:minor", decimal */
	uint64_t ino;
	bool deleted; /* no name left (st_nlink 0) */
	uint64_t size_kb; /* st_size, rounded up */
	/* kB of pages: cachestat's five, mincore gives cached_kb only */
	uint64_t cached_kb, dirty_kb, writeback_kb, evicted_kb;
	uint64_t recently_evicted_kb;
	int holders; /* processes holding it open or mapped */
	int pid; /* its first holder's pid */
	char comm[MS_NAME]; /* raw: escape to show */
	/* the first holder's cgroup (v2 path); raw; not the pages' owner */
	char *holder_cgroup;
	int method; /* enum ms_pcache_method, -1: not measured */
};

struct ms_pcache {
	int method; /* enum ms_pcache_method in use, -1: none */
	bool all; /* every process (root); false: the user's own only */
	bool complete; /* the totals come from a full pass */
	uint64_t found; /* distinct files open or mapped */
	uint64_t measured; /* of them, with their cached pages counted */
	uint64_t cached_kb; /* the measured files' cached kB, all of them */
	uint64_t meminfo_cached_kb; /* meminfo's Cached, same sample */
	double coverage_pct; /* derived: cached_kb / meminfo_cached_kb */
	double pass_pct; /* the pass in progress, % of the processes */
	uint64_t listed_kb; /* derived: the listed files' cached kB */
	struct ms_pcache_file *v; /* the biggest, by cached_kb */
	int n, cap;
};

/*
 * The order of the list: cached kB, biggest first; ties by dirty kB, then
 * path, dev and ino, so equal files list the same way every time.
 */
int ms_pcache_cmp(const struct ms_pcache_file *a,
		  const struct ms_pcache_file *b);
/* Sort p's files so and keep the first max (the rest's strings freed). */
void ms_pcache_rank(struct ms_pcache *p, int max);
/* The derived fields of p: listed_kb, coverage_pct. */
void ms_pcache_derive(struct ms_pcache *p);

#endif
