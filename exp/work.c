// SPDX-License-Identifier: GPL-2.0
/*
 * Workloads of the experiments, each in a forked child the experiment
 * steers through a pipe or runs until killed: the fragmenter (frag), the
 * file scan, anonymous pressure and latency probe (mglru).
 */
#define _GNU_SOURCE
#include "exp/exp.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct frag_cmd {
	unsigned int mb, lock_every;
};

/* In the child: the OOM killer picks the workload, never memscope. */
static void child_setup(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	int fd;

	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], SIG_DFL);
	fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (write(fd, "1000", 4) < 0)
			(void)0;	/* the default score is fine too */
		close(fd);
	}
}

/* Map, touch, free every other page, pin some of the rest. */
static long frag_chunk(const struct frag_cmd *c, long *held)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	size_t len = (size_t)c->mb << 20, kept = 0;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return -errno;
	/* 4 KiB pages: a THP would be freed or split as one block */
	madvise(p, len, MADV_NOHUGEPAGE);
	for (size_t off = 0; off < len; off += pg)
		p[off] = 1;
	for (size_t off = pg; off < len; off += 2 * pg)
		madvise(p + off, pg, MADV_DONTNEED);
	for (size_t off = 0; off < len; off += 2 * pg, kept++)
		if (c->lock_every && kept % c->lock_every == 0 &&
		    mlock(p + off, pg))
			return -errno;
	*held += (long)(kept * pg >> 10);
	return *held >> 10;
}

static void frag_child(int cmd, int res)
{
	struct frag_cmd c;
	long held = 0, r;

	child_setup();
	while (read(cmd, &c, sizeof(c)) == sizeof(c)) {
		r = frag_chunk(&c, &held);
		if (write(res, &r, sizeof(r)) != sizeof(r))
			break;
	}
	_exit(0);
}

static int start(struct ms_worker *w, void (*child)(int cmd, int res))
{
	int to[2], from[2];

	if (pipe2(to, O_CLOEXEC))
		return -errno;
	if (pipe2(from, O_CLOEXEC)) {
		close(to[0]);
		close(to[1]);
		return -errno;
	}
	w->pid = fork();
	if (w->pid < 0) {
		int err = -errno;

		close(to[0]);
		close(to[1]);
		close(from[0]);
		close(from[1]);
		return err;
	}
	if (!w->pid) {
		close(to[1]);
		close(from[0]);
		child(to[0], from[1]);
	}
	close(to[0]);
	close(from[1]);
	w->cmd = to[1];
	w->res = from[0];
	ms_restore_kill(w->pid);
	return 0;
}

int ms_frag_start(struct ms_worker *w)
{
	return start(w, frag_child);
}

long ms_frag_step(struct ms_worker *w, unsigned int mb,
		  unsigned int lock_every)
{
	struct frag_cmd c = { .mb = mb, .lock_every = lock_every };
	long r;

	if (write(w->cmd, &c, sizeof(c)) != sizeof(c))
		return -EPIPE;
	/* a child the OOM killer took closes the pipe */
	if (read(w->res, &r, sizeof(r)) != sizeof(r))
		return -ECHILD;
	return r;
}

void ms_worker_stop(struct ms_worker *w)
{
	if (w->pid <= 0)
		return;
	close(w->cmd);
	close(w->res);
	kill(w->pid, SIGKILL);
	waitpid(w->pid, NULL, 0);
	ms_restore_forget_kill(w->pid);
	w->pid = 0;
}

/* ---- mglru: workloads that run in a memory cgroup until killed -------- */

static void join_cgroup(int dirfd, const char *cg)
{
	char rel[256];
	int fd;

	snprintf(rel, sizeof(rel), "%s/cgroup.procs", cg);
	fd = openat(dirfd, rel, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, "0", 1) != 1)
		_exit(3); /* outside the cgroup: nothing to measure */
	close(fd);
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* Read the whole file again and again, 1 MiB at a time. */
static void scan_loop(const struct ms_load *l)
{
	static char buf[1 << 20];
	ssize_t n;

	for (;;) {
		int fd = open(l->file, O_RDONLY | O_CLOEXEC);

		if (fd < 0)
			_exit(4);
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			l->stats->bytes += (uint64_t)n;
		close(fd);
	}
}

/* Write to random pages of an anonymous mapping larger than the limit. */
static void anon_loop(const struct ms_load *l)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	size_t len = (size_t)l->mb << 20, pages = len / pg;
	uint64_t x = 88172645463325252ull;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		_exit(4);
	madvise(p, len, MADV_NOHUGEPAGE);
	for (;;) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		p[(x % pages) * pg]++;
		l->stats->bytes += pg;
	}
}

/*
 * Every 10 ms: read the hot file and touch the hot anonymous pages, and
 * record how long that took (a latency-sensitive service's working set).
 */
static void probe_loop(const struct ms_load *l)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	size_t len = (size_t)l->mb << 20;
	struct timespec gap = { 0, 10 * 1000 * 1000 };
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	static char buf[1 << 16];
	int fd = open(l->file, O_RDONLY | O_CLOEXEC);

	if (p == MAP_FAILED || fd < 0)
		_exit(4);
	for (;;) {
		double t0 = now_us();
		uint32_t i = l->stats->n;

		for (off_t off = 0; pread(fd, buf, sizeof(buf), off) > 0;
		     off += (off_t)sizeof(buf))
			;
		for (size_t off = 0; off < len; off += pg)
			p[off]++;
		if (i < MS_LOAD_MAX_LAT) {
			l->stats->us[i] = (float)(now_us() - t0);
			l->stats->n = i + 1;
		}
		nanosleep(&gap, NULL);
	}
}

static const struct ms_load *load_arg;
static int load_dirfd;

static void load_child(int cmd, int res)
{
	const struct ms_load *l = load_arg;

	(void)cmd;	/* runs until killed: no commands */
	child_setup();
	join_cgroup(load_dirfd, l->cgroup);
	/* in the cgroup now: tell the parent, then run until killed */
	if (write(res, "r", 1) != 1)
		_exit(5);
	switch (l->kind) {
	case MS_LOAD_SCAN: scan_loop(l); break;
	case MS_LOAD_ANON: anon_loop(l); break;
	case MS_LOAD_PROBE: probe_loop(l); break;
	}
	_exit(0);
}

int ms_load_start(struct ms_worker *w, const struct ms_root *r,
		  const struct ms_load *l)
{
	char c;
	int err;

	load_arg = l;
	load_dirfd = r->dirfd;
	if ((err = start(w, load_child)))
		return err;
	/* the child joined its cgroup, or died trying */
	if (read(w->res, &c, 1) != 1) {
		ms_worker_stop(w);
		return -ECHILD;
	}
	return 0;
}

struct ms_load_stats *ms_load_stats_new(void)
{
	struct ms_load_stats *s = mmap(NULL, sizeof(*s),
				       PROT_READ | PROT_WRITE,
				       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (s == MAP_FAILED)
		return NULL;
	/* touched here: charged to memscope, not to the measured cgroup */
	memset(s, 0, sizeof(*s));
	return s;
}

void ms_load_stats_free(struct ms_load_stats *s)
{
	if (s)
		munmap(s, sizeof(*s));
}
