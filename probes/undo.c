// SPDX-License-Identifier: GPL-2.0
/* Putting back what a killed memscope changed (undo.h). */
#include "probes/undo.h"
#include "probes/procfs/proc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * Only sysctls and memscope's own kdamond (probes/procfs/damon.c) are
 * ever recorded: nothing else is written back.
 */
#define DAMON "/sys/kernel/mm/damon/admin/kdamonds/"

static bool safe_path(const char *p)
{
	size_t n = !strncmp(p, "/proc/sys/", 10)	 ? 10 :
		   !strncmp(p, DAMON, sizeof(DAMON) - 1) ? sizeof(DAMON) - 1 :
							   0;

	return n && !strstr(p, "/../") && !strstr(p, "/./") && strlen(p) > n;
}

/* a number, or a kdamond's "off" */
static bool safe_value(const char *v)
{
	if (!*v)
		return false;
	if (!strcmp(v, "off"))
		return true;
	for (; *v; v++)
		if ((*v < '0' || *v > '9') && *v != '-')
			return false;
	return true;
}

int ms_undo_parse(const char *text, size_t len, struct ms_undo *u)
{
	char buf[512], tail;
	int n;

	if (len >= sizeof(buf) || memchr(text, '\0', len))
		return -EINVAL;
	memcpy(buf, text, len);
	buf[len] = '\0';
	memset(u, 0, sizeof(*u));
	n = sscanf(buf, "%255s %63s %d %" SCNu64 " %c", u->path, u->value,
		   &u->pid, &u->start, &tail);
	if (n != 4 || u->pid <= 0 || !safe_path(u->path) ||
	    !safe_value(u->value))
		return -EINVAL;
	return 0;
}

/* Its start time (/proc/PID/stat, ms_parse_stat()); 0 when gone. */
static uint64_t start_of(int pid)
{
	char path[64], buf[1024];
	struct ms_stat st;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n <= 0 || ms_parse_stat(buf, (size_t)n, &st))
		return 0;
	return st.starttime;
}

int ms_undo_save(const char *dir, const char *name, const char *path,
		 const char *value)
{
	char file[512], tmp[520];
	FILE *f;
	int err = 0;

	if (mkdir(dir, 0700) && errno != EEXIST)
		return -errno;
	snprintf(file, sizeof(file), "%s/%s", dir, name);
	snprintf(tmp, sizeof(tmp), "%s.tmp", file);
	f = fopen(tmp, "we");
	if (!f)
		return -errno;
	if (fprintf(f, "%s %s %d %" PRIu64 "\n", path, value, (int)getpid(),
		    start_of((int)getpid())) < 0)
		err = -EIO;
	if (fclose(f) && !err)
		err = -errno;
	/* whole or not at all: a crash mid-write leaves the old record */
	if (!err && rename(tmp, file))
		err = -errno;
	if (err)
		unlink(tmp);
	return err;
}

void ms_undo_done(const char *dir, const char *name)
{
	char file[512];

	snprintf(file, sizeof(file), "%s/%s", dir, name);
	unlink(file);
}

static void say(char *msg, size_t len, const char *fmt, ...)
{
	size_t used = strlen(msg);
	va_list ap;

	if (used + 1 >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(msg + used, len - used, fmt, ap);
	va_end(ap);
}

static int write_back(const struct ms_undo *u)
{
	size_t n = strlen(u->value);
	char now[64];
	ssize_t got;
	int fd = open(u->path, O_RDONLY | O_CLOEXEC), err = 0;

	/* already so (a kdamond that stopped by itself): nothing to write */
	if (fd >= 0) {
		got = read(fd, now, sizeof(now) - 1);
		close(fd);
		if (got > 0 && (size_t)got >= n && !memcmp(now, u->value, n) &&
		    (size_t)got - n <= 1 &&
		    (got == (ssize_t)n || now[n] == '\n'))
			return 0;
	}
	fd = open(u->path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, u->value, n) != (ssize_t)n)
		err = errno ? -errno : -EIO;
	close(fd);
	return err;
}

/* One record file: put back, keep, or forget. 1 when put back. */
static int recover_one(int dfd, const char *dir, const char *name, char *msg,
		       size_t len)
{
	char buf[512];
	struct ms_undo u;
	ssize_t n;
	int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW), err;

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n < 0 || ms_undo_parse(buf, (size_t)n, &u)) {
		say(msg, len, "%s/%s: not a record memscope wrote; removed\n",
		    dir, name);
		unlinkat(dfd, name, 0);
		return 0;
	}
	/* that memscope still runs: its change, its undo */
	if (u.start ? start_of(u.pid) == u.start :
		      !kill(u.pid, 0) || errno == EPERM)
		return 0;
	err = write_back(&u);
	if (err == -ENOENT) {
		say(msg, len,
		    "%s was left changed by memscope (pid %d) but "
		    "no longer exists; record removed\n",
		    u.path, u.pid);
		unlinkat(dfd, name, 0);
		return 0;
	}
	if (err) { /* kept: the next start tries again */
		say(msg, len,
		    "%s was left changed by memscope (pid %d) and "
		    "could not be put back to %s: %s\n",
		    u.path, u.pid, u.value, strerror(-err));
		return 0;
	}
	say(msg, len,
	    "%s put back to %s (memscope pid %d ended without "
	    "doing it)\n",
	    u.path, u.value, u.pid);
	unlinkat(dfd, name, 0);
	return 1;
}

/* in name order: a kdamond's state (damon-1-) before nr_kdamonds (-2-) */
int ms_undo_recover(const char *dir, char *msg, size_t len)
{
	struct dirent **e;
	int done = 0, n, dfd;

	if (len)
		msg[0] = '\0';
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return 0;
	n = scandir(dir, &e, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		if (e[i]->d_name[0] != '.' && !strstr(e[i]->d_name, ".tmp"))
			done += recover_one(dfd, dir, e[i]->d_name, msg, len);
		free(e[i]);
	}
	if (n >= 0)
		free(e);
	close(dfd);
	return done;
}
