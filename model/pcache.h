/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which files hold the page cache: every file a process holds open or
 * mapped, with its cached pages (cachestat(2), or mincore() over a
 * mapping), and files only the page cache's events saw (BPF, root).
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
	/*
	 * pages added less pages removed since the BPF group attached: a
	 * lower bound (pages cached before are not seen)
	 */
	MS_PCACHE_EVENTS,
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
	/* BPF (probes/bpf/pcache.c): since attach; MS_NA when not seen */
	uint64_t added_kb, removed_kb;
	/* the memcg charged for the first page seen (v2 path, raw), or NULL */
	char *memcg;
	uint64_t memcg_id; /* its cgroup id, MS_NA: not known */
	/* events: the name read from the kernel's dentries is cut short */
	bool name_partial;
};

/*
 * A file the walk measured, as the events key it (sdev and sino: the
 * key of its row, which differ on btrfs and overlayfs). Not output.
 */
struct ms_pcache_key {
	uint64_t dev, ino; /* dev: major << 32 | minor */
	uint64_t sdev, sino;
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
	/* the page cache's events (BPF, root): MS_NA / NAN without them */
	double ev_since_s; /* since the programs attached */
	uint64_t ev_files; /* files only the events saw, with pages left */
	uint64_t ev_cached_kb; /* their net kB (a lower bound) */
	uint64_t ev_tracked, ev_capacity; /* files in the map, its size */
	uint64_t ev_evicted; /* files the map let go to make room */
	uint64_t ev_dropped; /* adds of a new file that found no room */
	uint64_t ev_added_kb, ev_removed_kb; /* all files', since attach */
	uint64_t ev_unseen_kb; /* removed of files the map does not hold */
	/* derived: Cached less the walk's and the events' kB */
	uint64_t unattributed_kb;
	struct ms_pcache_file *v; /* the biggest, by cached_kb */
	int n, cap;
	/* every file the walk measured, sorted (ms_pcache_key_cmp) */
	struct ms_pcache_key *keys;
	int nkeys, kcap;
};

/*
 * The order of the list: cached kB, biggest first; ties by dirty kB, then
 * path, dev and ino, so equal files list the same way every time.
 */
int ms_pcache_cmp(const struct ms_pcache_file *a,
		  const struct ms_pcache_file *b);
/* Sort p's files so and keep the first max (the rest's strings freed). */
void ms_pcache_rank(struct ms_pcache *p, int max);
/* The derived fields of p: listed_kb, coverage_pct, unattributed_kb. */
void ms_pcache_derive(struct ms_pcache *p);

struct ms_field;
/* The field of ms_pcache_fields that is the list of files. */
const struct ms_field *ms_pcache_files_field(void);
/* The order of p->keys: dev, then ino. */
int ms_pcache_key_cmp(const void *a, const void *b);
/*
 * The files the events saw (ev[n], keyed by dev and ino: each's dev
 * string and evdev/evino) into p: a file the walk measured keeps its
 * exact count and gets the events' figures (added, removed, memcg); the
 * others are listed by their net kB (method events) and counted in
 * ev_files and ev_cached_kb; then p ranked to max files and derived.
 * ev's strings are taken (or freed). 0, or -ENOMEM.
 */
int ms_pcache_merge(struct ms_pcache *p, struct ms_pcache_file *ev,
		    const struct ms_pcache_key *evkey, int n, int max);
/* The keys' array freed (snapshot free). */
void ms_pcache_keys_free(struct ms_pcache *p);

#endif
