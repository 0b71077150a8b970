// SPDX-License-Identifier: GPL-2.0
/*
 * Every sysfs/procfs setting an experiment changes is put back: on return,
 * exit() and SIGINT/SIGTERM/SIGHUP (async-signal-safe: open, write, rmdir).
 */
#include "exp/exp.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_UNDO 32

enum undo_kind { UNDO_SET, UNDO_RMDIR, UNDO_KILL };

struct undo {
	enum undo_kind kind;
	int dirfd;
	int pid;
	bool done;
	char rel[128];
	char old[64];
};

static struct undo undo[MAX_UNDO];
static volatile sig_atomic_t nr_undo, stop_sig;

static int put(int dirfd, const char *rel, const char *s, size_t n)
{
	int fd = openat(dirfd, rel, O_WRONLY | O_TRUNC | O_CLOEXEC);
	ssize_t w;

	if (fd < 0)
		return -errno;
	w = write(fd, s, n);
	if (w < 0) {
		w = -errno;
		close(fd);
		return (int)w;
	}
	close(fd);
	return w == (ssize_t)n ? 0 : -EIO;
}

int ms_write_file(const struct ms_root *r, const char *rel, const char *s)
{
	return put(r->dirfd, rel, s, strlen(s));
}

static struct undo *add(enum undo_kind kind)
{
	struct undo *u;

	if (nr_undo >= MAX_UNDO)
		return NULL;
	u = &undo[nr_undo];
	memset(u, 0, sizeof(*u));
	u->kind = kind;
	return u;
}

static bool saved(int dirfd, const char *rel)
{
	for (int i = 0; i < nr_undo; i++)
		if (undo[i].kind == UNDO_SET && undo[i].dirfd == dirfd &&
		    !undo[i].done && !strcmp(undo[i].rel, rel))
			return true;
	return false;
}

/* The first line of a setting, as the kernel prints it. */
static int read_old(int dirfd, const char *rel, char *buf, size_t len)
{
	int fd = openat(dirfd, rel, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	buf[strcspn(buf, "\n")] = 0;
	return n ? 0 : -ENODATA;
}

int ms_restore_set(const struct ms_root *r, const char *rel, const char *value)
{
	struct undo *u;
	int err;

	if (stop_sig)
		return -EINTR;
	if (strlen(rel) >= sizeof(u->rel))
		return -ENAMETOOLONG;
	if (!saved(r->dirfd, rel)) {
		if (!(u = add(UNDO_SET)))
			return -ENOSPC;
		err = read_old(r->dirfd, rel, u->old, sizeof(u->old));
		if (err)
			return err;
		u->dirfd = r->dirfd;
		strcpy(u->rel, rel);
		nr_undo++;
	}
	return ms_write_file(r, rel, value);
}

int ms_restore_write(const struct ms_root *r, const char *rel,
		     const char *value, const char *undo_value)
{
	struct undo *u;
	int err;

	if (stop_sig)
		return -EINTR;
	if (strlen(rel) >= sizeof(u->rel) ||
	    strlen(undo_value) >= sizeof(u->old))
		return -ENAMETOOLONG;
	err = ms_write_file(r, rel, value);
	if (err)
		return err;
	if (!(u = add(UNDO_SET)))
		return -ENOSPC;
	u->dirfd = r->dirfd;
	strcpy(u->rel, rel);
	strcpy(u->old, undo_value);
	nr_undo++;
	return 0;
}

int ms_restore_rmdir(const struct ms_root *r, const char *rel)
{
	struct undo *u;

	if (strlen(rel) >= sizeof(u->rel))
		return -ENAMETOOLONG;
	if (!(u = add(UNDO_RMDIR)))
		return -ENOSPC;
	u->dirfd = r->dirfd;
	strcpy(u->rel, rel);
	nr_undo++;
	return 0;
}

int ms_restore_kill(int pid)
{
	struct undo *u = add(UNDO_KILL);

	if (!u)
		return -ENOSPC;
	u->pid = pid;
	nr_undo++;
	return 0;
}

void ms_restore_forget_kill(int pid)
{
	for (int i = 0; i < nr_undo; i++)
		if (undo[i].kind == UNDO_KILL && undo[i].pid == pid)
			undo[i].done = true;
}

static int undo_one(struct undo *u)
{
	switch (u->kind) {
	case UNDO_KILL:
		return kill(u->pid, SIGKILL) && errno != ESRCH ? -errno : 0;
	case UNDO_RMDIR:
		/* a cgroup empties once its killed processes are reaped */
		for (int i = 0; i < 100; i++) {
			if (!unlinkat(u->dirfd, u->rel, AT_REMOVEDIR) ||
			    errno == ENOENT)
				return 0;
			if (errno != EBUSY)
				break;
			usleep(20000);
		}
		return -errno;
	case UNDO_SET:
		return put(u->dirfd, u->rel, u->old, strlen(u->old));
	}
	return 0;
}

/*
 * Latest first: processes die before their cgroup goes. What failed stays
 * to be tried again by the next call (the signal handler's rmdir may find
 * a killed worker not yet gone; at exit it is).
 */
int ms_restore_all(void)
{
	int failed = 0;

	for (int i = nr_undo - 1; i >= 0; i--) {
		if (undo[i].done)
			continue;
		if (!undo_one(&undo[i])) {
			undo[i].done = true;
		} else {
			static const char m[] = "memscope: could not restore ";

			failed++;
			if (write(2, m, sizeof(m) - 1) < 0 ||
			    write(2, undo[i].rel, strlen(undo[i].rel)) < 0 ||
			    write(2, "\n", 1) < 0)
				continue;
		}
	}
	return failed;
}

static void on_signal(int sig)
{
	int saved_errno = errno;

	if (stop_sig) {
		/* a second signal: give up at once */
		signal(sig, SIG_DFL);
		raise(sig);
	}
	stop_sig = sig;
	ms_restore_all();
	errno = saved_errno;
}

static void at_exit(void)
{
	ms_restore_all();
}

void ms_restore_install(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa = { .sa_handler = on_signal };

	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	atexit(at_exit);
}

bool ms_exp_stopped(void)
{
	return stop_sig != 0;
}
