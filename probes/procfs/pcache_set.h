/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page cache files' scan state, without I/O: every file found open or
 * mapped, keyed by (dev, ino), passes over the processes, holders counted
 * once per process, the biggest handed to the snapshot. pcache.c walks
 * /proc and measures; this file only keeps account (unit-tested alone).
 */
#ifndef MS_PROCFS_PCACHE_SET_H
#define MS_PROCFS_PCACHE_SET_H

#include "model/pcache.h"

#include <stddef.h>

/* One file of the scan. */
struct ms_pent {
	uint64_t dev, ino; /* stat's: the key */
	/* the key maps gave it, when not stat's (btrfs, overlayfs): 0 none */
	uint64_t adev, aino;
	unsigned int pass; /* the last pass that found it */
	unsigned int stamp; /* the last sample that measured it */
	int last_pid; /* the last process counted as a holder */
	int holders_cur; /* holders found by the pass in progress */
	/* where to open it again: proc/<pid>/<how>, or how itself (a path) */
	int hpid;
	char *how;
	struct ms_pcache_file f; /* what the outputs get */
};

struct ms_pset {
	struct ms_pent *v;
	int n, cap;
	/* open addressing: entry index + 1 per slot, 0 empty */
	int *slot;
	size_t nslot;
	unsigned int pass; /* the pass in progress, from 1 */
	/* the last full pass's totals; complete once one ended */
	bool complete;
	uint64_t found, measured, cached_kb;
	/* the pass in progress's */
	uint64_t cur_found, cur_measured, cur_cached_kb;
};

void ms_pset_init(struct ms_pset *s);
void ms_pset_free(struct ms_pset *s);
/* The file of key (dev, ino), stat's or maps', NULL: none. */
struct ms_pent *ms_pset_find(struct ms_pset *s, uint64_t dev, uint64_t ino);
/*
 * A new file of stat's key, its fields not available; NULL on ENOMEM. It
 * may move every entry: pointers from before are stale.
 */
struct ms_pent *ms_pset_add(struct ms_pset *s, uint64_t dev, uint64_t ino);
/* Find e by maps' key too; -ENOMEM. */
int ms_pset_alias(struct ms_pset *s, struct ms_pent *e, uint64_t dev,
		  uint64_t ino);
/*
 * Process pid holds e: counted once per process in this pass. True when
 * the pass had not found e before (its caller measures it then).
 */
bool ms_pset_hold(struct ms_pset *s, struct ms_pent *e, int pid);
/* e was measured in this pass: into its totals. */
void ms_pset_measured(struct ms_pset *s, const struct ms_pent *e);
/*
 * The pass found every process: the files it did not find go, its
 * totals and holders become the shown ones, the next pass begins.
 */
void ms_pset_end_pass(struct ms_pset *s);
/* Begin the pass again, forgetting what the one in progress counted. */
void ms_pset_restart(struct ms_pset *s);
/*
 * The biggest max files into out (copies; out's list emptied first),
 * with the totals: the last full pass's, or the pass in progress's before
 * one ended. Return 0 or -ENOMEM.
 */
int ms_pset_top(struct ms_pset *s, struct ms_pcache *out, int max);
/* The max biggest files (pointers into s), how many. */
int ms_pset_biggest(struct ms_pset *s, struct ms_pent **out, int max);

/* ---- pure parsers of what the scan reads -------------------------------- */

/* Whether a name from /proc ends with the kernel's " (deleted)". */
bool ms_pcache_deleted(const char *path, size_t len);
/* maps' device, "fd:01" (hex major:minor): 0, or -EINVAL. */
int ms_pcache_parse_dev(const char *s, size_t len, uint64_t *major,
			uint64_t *minor);

#endif
