/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What memscope changed in the running kernel (a sysctl, or the kdamond
 * it made: probes/procfs/damon.c), kept in a file under /run/memscope
 * until it is put back, so that a run ended by SIGKILL is undone by the
 * next one, which says so.
 */
#ifndef MS_UNDO_H
#define MS_UNDO_H

#include <stddef.h>
#include <stdint.h>

#define MS_UNDO_DIR "/run/memscope"

/*
 * One change: write value (a number, or "off") to path (under /proc/sys/
 * or /sys/kernel/mm/damon/admin/kdamonds/) unless its owner lives.
 */
struct ms_undo {
	char path[256];
	char value[64];
	int pid; /* the memscope that made the change */
	uint64_t start; /* its start time (/proc/PID/stat field 22) */
};

/* "PATH VALUE PID START\n": 0, or -EINVAL for anything else. */
int ms_undo_parse(const char *text, size_t len, struct ms_undo *u);
/*
 * Before changing path: remember that value puts it back (file name in
 * dir). After putting it back, ms_undo_done() forgets it. -errno.
 */
int ms_undo_save(const char *dir, const char *name, const char *path,
		 const char *value);
void ms_undo_done(const char *dir, const char *name);
/*
 * At start: put back what a memscope that is gone left changed (in the
 * records' name order; a file that already reads the value is left as it
 * is), forget
 * records that cannot be used, keep those of a memscope still running.
 * Each thing done or refused is one line in msg (empty when none).
 * Returns how many changes were put back.
 */
int ms_undo_recover(const char *dir, char *msg, size_t len);

#endif
