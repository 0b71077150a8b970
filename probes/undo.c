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
	char buf[800], tail;
	int n;

	if (len >= sizeof(buf) || memchr(text, '\0', len))
		return -EINVAL;
	memcpy(buf, text, len);
	buf[len] = '\0';
	memset(u, 0, sizeof(*u));
	n = sscanf(buf, "%255s %63s %d %" SCNu64 " %255s %63s %c", u->path,
		   u->value, &u->pid, &u->start, u->if_path, u->if_value,
		   &tail);
	if ((n != 4 && n != 6) || u->pid <= 0 || !safe_path(u->path) ||
	    !safe_value(u->value))
		return -EINVAL;
	if (n == 6 && (!safe_path(u->if_path) || !safe_value(u->if_value)))
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
		 const char *value, const char *if_path, const char *if_value)
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
	if (fprintf(f, "%s %s %d %" PRIu64, path, value, (int)getpid(),
		    start_of((int)getpid())) < 0 ||
	    (if_path && fprintf(f, " %s %s", if_path, if_value) < 0) ||
	    fputc('\n', f) == EOF)
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

/* path's first line (below the root rfd), trimmed: 0 or -errno */
static int read_at(int rfd, const char *path, char *out, size_t n)
{
	int fd = openat(rfd, path + 1, O_RDONLY | O_CLOEXEC), err = 0;
	ssize_t got;

	if (fd < 0)
		return -errno;
	got = read(fd, out, n - 1);
	if (got < 0)
		err = -errno;
	close(fd);
	if (err)
		return err;
	out[got] = '\0';
	out[strcspn(out, "\n")] = '\0';
	return 0;
}

static int write_back(int rfd, const struct ms_undo *u)
{
	size_t n = strlen(u->value);
	char now[64];
	int fd, err = 0;

	/* already so (a kdamond that stopped by itself): nothing to write */
	if (!read_at(rfd, u->path, now, sizeof(now)) && !strcmp(now, u->value))
		return 0;
	fd = openat(rfd, u->path + 1, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, u->value, n) != (ssize_t)n)
		err = errno ? -errno : -EIO;
	close(fd);
	return err;
}

/* A record, and what recovery does with it. */
struct rec {
	struct ms_undo u;
	const char *name;
	enum { SKIP, PUT_BACK, NOT_ITS } what;
	char now[96]; /* NOT_ITS: what its if_path reads now */
};

/*
 * Read one record file: SKIP when it is garbage (removed and said) or
 * its memscope still runs; NOT_ITS when its condition does not hold.
 */
static void load(int dfd, int rfd, const char *dir, struct rec *r, char *msg,
		 size_t len)
{
	char buf[800];
	ssize_t n;
	int fd = openat(dfd, r->name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW), err;

	r->what = SKIP;
	if (fd < 0)
		return;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n < 0 || ms_undo_parse(buf, (size_t)n, &r->u)) {
		say(msg, len, "%s/%s: not a record memscope wrote; removed\n",
		    dir, r->name);
		unlinkat(dfd, r->name, 0);
		return;
	}
	/* that memscope still runs: its change, its undo */
	if (r->u.start ? start_of(r->u.pid) == r->u.start :
			 !kill(r->u.pid, 0) || errno == EPERM)
		return;
	r->what = PUT_BACK;
	if (!r->u.if_path[0])
		return;
	err = read_at(rfd, r->u.if_path, r->now, sizeof(r->now));
	if (err)
		snprintf(r->now, sizeof(r->now), "nothing (%s)",
			 strerror(-err));
	if (err || strcmp(r->now, r->u.if_value))
		r->what = NOT_ITS;
}

/* Put back, keep, or forget. 1 when put back. */
static int recover_one(int dfd, int rfd, const struct rec *r, char *msg,
		       size_t len)
{
	const struct ms_undo *u = &r->u;
	int err;

	if (r->what == SKIP)
		return 0;
	if (r->what == NOT_ITS) {
		say(msg, len,
		    "%s left as it is, not put back to %s: memscope (pid %d) "
		    "changed it while %s read %s, which now reads %s (no "
		    "longer what it made); record removed\n",
		    u->path, u->value, u->pid, u->if_path, u->if_value, r->now);
		unlinkat(dfd, r->name, 0);
		return 0;
	}
	err = write_back(rfd, u);
	if (err == -EBUSY && u->if_path[0]) {
		/*
		 * its condition held but the file refuses: a kdamond runs
		 * (nr_kdamonds) that is not the one memscope made, which
		 * watches the same process
		 */
		say(msg, len,
		    "%s left as it is, not put back to %s: memscope (pid %d) "
		    "changed it, and it is busy now (%s reads %s, yet what "
		    "runs is not what memscope made); record removed\n",
		    u->path, u->value, u->pid, u->if_path, u->if_value);
		unlinkat(dfd, r->name, 0);
		return 0;
	}
	if (err == -ENOENT) {
		say(msg, len,
		    "%s was left changed by memscope (pid %d) but "
		    "no longer exists; record removed\n",
		    u->path, u->pid);
		unlinkat(dfd, r->name, 0);
		return 0;
	}
	if (err) { /* kept: the next start tries again */
		say(msg, len,
		    "%s was left changed by memscope (pid %d) and "
		    "could not be put back to %s: %s\n",
		    u->path, u->pid, u->value, strerror(-err));
		return 0;
	}
	say(msg, len,
	    "%s put back to %s (memscope pid %d ended without "
	    "doing it)\n",
	    u->path, u->value, u->pid);
	unlinkat(dfd, r->name, 0);
	return 1;
}

/*
 * In name order: a kdamond's state (damon-1-) before nr_kdamonds (-2-).
 * Every condition is read before anything is written: turning the
 * kdamond off changes the kdamonds/N/pid that nr_kdamonds' record holds
 * to as well.
 */
int ms_undo_recover_at(const char *root, const char *dir, char *msg, size_t len)
{
	struct dirent **e;
	struct rec *r = NULL;
	int done = 0, n, dfd, rfd;

	if (len)
		msg[0] = '\0';
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return 0;
	rfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	n = scandir(dir, &e, NULL, alphasort);
	if (n > 0 && rfd >= 0)
		r = calloc((size_t)n, sizeof(*r));
	for (int i = 0; r && i < n; i++) {
		r[i].name = e[i]->d_name;
		if (e[i]->d_name[0] != '.' && !strstr(e[i]->d_name, ".tmp"))
			load(dfd, rfd, dir, &r[i], msg, len);
	}
	for (int i = 0; r && i < n; i++)
		done += recover_one(dfd, rfd, &r[i], msg, len);
	for (int i = 0; i < n; i++)
		free(e[i]);
	if (n >= 0)
		free(e);
	free(r);
	if (rfd >= 0)
		close(rfd);
	close(dfd);
	return done;
}

int ms_undo_recover(const char *dir, char *msg, size_t len)
{
	return ms_undo_recover_at("/", dir, msg, len);
}
