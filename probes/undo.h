/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What memscope changed in the running kernel (a sysctl, or the kdamond
 * it made: probes/procfs/damon.c), kept in a file under /run/memscope
 * until it is put back, so that a run ended by SIGKILL is undone by the
 * next one, which says so; and put back by memscope itself when it
 * crashes (undo_guard.c).
 */
#ifndef MS_UNDO_H
#define MS_UNDO_H

#include <stddef.h>
#include <stdint.h>

#define MS_UNDO_DIR "/run/memscope"

/*
 * One change: write value (a number, or "off") to path (under /proc/sys/
 * or /sys/kernel/mm/damon/admin/kdamonds/) unless its owner lives, and,
 * when the record names one, only while if_path still reads if_value
 * (memscope's kdamond: its kdamonds/N/pid; when someone else's kdamond
 * took the slot, memscope's changes are not its to put back).
 */
struct ms_undo {
	char path[256];
	char value[64];
	int pid; /* the memscope that made the change */
	uint64_t start; /* its start time (/proc/PID/stat field 22) */
	char if_path[256]; /* "" when there is no such condition */
	char if_value[64];
};

/*
 * "PATH VALUE PID START\n", or with a condition "PATH VALUE PID START
 * IF_PATH IF_VALUE\n": 0, or -EINVAL for anything else.
 */
int ms_undo_parse(const char *text, size_t len, struct ms_undo *u);
/*
 * Before changing path: remember that value puts it back (file name in
 * dir), while if_path reads if_value (both NULL: always). After putting
 * it back, ms_undo_done() forgets it. -errno.
 */
int ms_undo_save(const char *dir, const char *name, const char *path,
		 const char *value, const char *if_path, const char *if_value);
void ms_undo_done(const char *dir, const char *name);

/*
 * The crash guard (undo_guard.c): the one handler of SIGSEGV, SIGBUS,
 * SIGFPE, SIGILL and SIGABRT, installed while a change is guarded. It
 * puts back every guarded change with async-signal-safe calls only
 * (open, write, close, unlink on paths prepared when it was armed), then
 * the signal is raised again with its default action, so the exit status
 * and the core are the crash's. A normal exit() puts them back too.
 */
enum ms_undo_slot {
	MS_UNDO_DAMON, /* memscope's kdamond: its state, then nr_kdamonds */
	MS_UNDO_DELAYACCT, /* kernel.task_delayacct */
	MS_UNDO_SLOTS,
};
#define MS_UNDO_STEPS 2

/*
 * One change: its record's name in dir, what puts it back, and the
 * record's condition (NULL: none; the crash guard has none).
 */
struct ms_undo_step {
	const char *name, *path, *value;
	const char *if_path, *if_value;
};

/*
 * Before making a slot's changes: save a record of each step
 * (ms_undo_save) and arm the guard to write each value to root (the
 * root prefix: "/" on the live system) + path, in order, removing the
 * records when the last write succeeded. Again while armed: the records
 * are written anew. -errno, nothing armed and no record left of a slot
 * that was not armed.
 */
int ms_undo_keep(enum ms_undo_slot slot, const char *root, const char *dir,
		 const struct ms_undo_step *s, int n);
/* Put back by the caller: disarmed, its records removed. */
void ms_undo_forget(enum ms_undo_slot slot);
/* Could not be put back: disarmed, the records kept for the next start. */
void ms_undo_unarm(enum ms_undo_slot slot);
/*
 * fn (async-signal-safe; NULL: none) runs first when memscope dies of a
 * fatal signal, the crash handler installed while it is set: the
 * explorer's terminal put back (app/main.c: ms_tui_crash_restore()).
 */
void ms_undo_on_crash(void (*fn)(void));
/*
 * At start: put back what a memscope that is gone left changed (in the
 * records' name order; a file that already reads the value is left as it
 * is; a record whose condition did not hold before any was put back is
 * removed, its change left alone), forget records that cannot be used,
 * keep those of a memscope still running. Each thing done or refused is
 * one line in msg (empty when none). Returns how many changes were put
 * back. The files are below root ("/" live, the tests' fake trees);
 * ms_undo_recover() is ms_undo_recover_at("/", ...).
 */
int ms_undo_recover_at(const char *root, const char *dir, char *msg,
		       size_t len);
int ms_undo_recover(const char *dir, char *msg, size_t len);

#endif
