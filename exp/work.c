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
	int op;
	unsigned int mb, arg;
};

/* In the child: the OOM killer picks the workload, never memscope. */
static void child_setup(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	sigset_t all;
	int fd;

	/* the parent's restore handler is not the child's: default, then
	 * unblock what start() blocked across the fork */
	sigemptyset(&all);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		signal(sigs[i], SIG_DFL);
		sigaddset(&all, sigs[i]);
	}
	sigprocmask(SIG_UNBLOCK, &all, NULL);
	fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (write(fd, "1000", 4) < 0)
			(void)0; /* the default score is fine too */
		close(fd);
	}
}

/* The fragmenter's memory: what it mapped and the pages it pinned. */
#define FRAG_MAX_MAPS 64

struct frag_state {
	struct {
		char *p;
		size_t len;
	} map[FRAG_MAX_MAPS];
	int nr_maps;
	char **pin; /* one mlocked page per pageblock */
	size_t nr_pins, cap_pins;
	struct ms_frag_reply r;
};

static size_t page_size(void)
{
	return (size_t)sysconf(_SC_PAGESIZE);
}

static int add_map(struct frag_state *st, char *p, size_t len)
{
	if (st->nr_maps == FRAG_MAX_MAPS) {
		munmap(p, len);
		return -E2BIG;
	}
	st->map[st->nr_maps].p = p;
	st->map[st->nr_maps++].len = len;
	return 0;
}

/* Map mb MiB of 4 KiB pages (no THP) and touch every page. */
static int frag_fill(struct frag_state *st, unsigned int mb)
{
	size_t pg = page_size(), len = (size_t)mb << 20;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return -errno;
	/* a THP would be freed or split as one block */
	madvise(p, len, MADV_NOHUGEPAGE);
	for (size_t off = 0; off < len; off += pg)
		p[off] = 1;
	st->r.held_mb += mb;
	return add_map(st, p, len);
}

/* The page frame of a mapped page (root only), 0 if not known. */
static uint64_t pfn_of(int fd, const void *addr)
{
	uint64_t e;
	off_t at = (off_t)((uintptr_t)addr / page_size() * sizeof(e));

	if (fd < 0 || pread(fd, &e, sizeof(e), at) != sizeof(e))
		return 0;
	return (e >> 63) & 1 ? e & ((1ull << 55) - 1) : 0;
}

static int add_pin(struct frag_state *st, char *page)
{
	if (st->nr_pins == st->cap_pins) {
		size_t cap = st->cap_pins ? 2 * st->cap_pins : 1024;
		char **n = realloc(st->pin, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		st->pin = n;
		st->cap_pins = cap;
	}
	if (mlock(page, page_size()))
		return -errno;
	st->pin[st->nr_pins++] = page;
	return 0;
}

/* Has pageblock b had a page pinned already? (grows the bitmap) */
static bool seen_block(unsigned char **bm, size_t *n, uint64_t b)
{
	bool was;

	if (b / 8 >= *n) {
		size_t m = (size_t)(b / 8 + 1) * 2;
		unsigned char *x = realloc(*bm, m);

		if (!x)
			return true; /* no memory: pin no more */
		memset(x + *n, 0, m - *n);
		*bm = x;
		*n = m;
	}
	was = (*bm)[b / 8] & (1u << (b % 8));
	(*bm)[b / 8] |= (unsigned char)(1u << (b % 8));
	return was;
}

/*
 * Mlock the first kept (even) page of every pageblock (2^pb_order pages)
 * the kept pages sit in (without page frame numbers, one kept page in
 * 2^(pb_order - 1)), then free every other page of everything mapped.
 */
static int frag_punch(struct frag_state *st, unsigned int pb_order)
{
	size_t pg = page_size(), kept = 0, bm_len = 0;
	unsigned char *bm = NULL;
	int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC), err = 0;

	/* pins first: compaction between the holes and the pins would move
	 * kept pages out of whole pageblocks */
	for (int m = 0; m < st->nr_maps && !err; m++) {
		for (size_t off = 0; off < st->map[m].len && !err;
		     off += 2 * pg, kept++) {
			char *page = st->map[m].p + off;
			uint64_t pfn = pfn_of(fd, page);
			bool pin = pfn ? !seen_block(&bm, &bm_len,
						     pfn >> pb_order) :
					 kept % (1u << (pb_order - 1)) == 0;

			if (pin)
				err = add_pin(st, page);
		}
	}
	for (int m = 0; m < st->nr_maps && !err; m++)
		for (size_t off = pg; off < st->map[m].len; off += 2 * pg)
			madvise(st->map[m].p + off, pg, MADV_DONTNEED);
	if (fd >= 0)
		close(fd);
	free(bm);
	st->r.held_mb = (long)(kept * pg >> 20);
	st->r.pins = (long)st->nr_pins;
	st->r.pfns = fd >= 0 && bm_len > 0;
	return err;
}

/* AnonHugePages of this process in MiB, -1 if unknown. */
static long huge_mb(void)
{
	char line[128];
	long kb = -1;
	FILE *f = fopen("/proc/self/smaps_rollup", "re");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "AnonHugePages: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb < 0 ? -1 : kb >> 10;
}

/*
 * Take mb MiB in huge pages (THP, 2 MiB aligned): a huge-page user that
 * takes the free blocks of pageblock order. One byte per huge page is
 * touched, so a fault that gets no huge page takes one 4 KiB page only.
 */
static int frag_take(struct frag_state *st, unsigned int mb)
{
	size_t huge = 2u << 20, len = (size_t)mb << 20;
	char *p = mmap(NULL, len + huge, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *a;

	if (p == MAP_FAILED)
		return -errno;
	a = (char *)(((uintptr_t)p + huge - 1) & ~(uintptr_t)(huge - 1));
	if (madvise(a, len, MADV_HUGEPAGE)) {
		int err = -errno;

		munmap(p, len + huge);
		return err;
	}
	for (size_t off = 0; off < len; off += huge)
		a[off] = 1;
	st->r.huge_mb = huge_mb();
	return add_map(st, p, len + huge);
}

/* Free the pinned pages: their pageblocks can be compacted again. */
static void frag_unpin(struct frag_state *st)
{
	size_t pg = page_size();

	for (size_t i = 0; i < st->nr_pins; i++) {
		munlock(st->pin[i], pg);
		madvise(st->pin[i], pg, MADV_DONTNEED);
	}
	st->r.held_mb -= (long)(st->nr_pins * pg >> 20);
	st->nr_pins = 0;
	st->r.pins = 0;
}

static void frag_child(int cmd, int res)
{
	static struct frag_state st;
	struct frag_cmd c;

	child_setup();
	while (read(cmd, &c, sizeof(c)) == sizeof(c)) {
		int err = 0;

		switch (c.op) {
		case MS_FRAG_FILL:
			err = frag_fill(&st, c.mb);
			break;
		case MS_FRAG_PUNCH:
			err = frag_punch(&st, c.arg);
			break;
		case MS_FRAG_TAKE:
			err = frag_take(&st, c.mb);
			break;
		case MS_FRAG_UNPIN:
			frag_unpin(&st);
			break;
		default:
			err = -EINVAL;
		}
		st.r.err = err;
		if (write(res, &st.r, sizeof(st.r)) != sizeof(st.r))
			break;
	}
	_exit(0);
}

/*
 * Fork a worker and register it to be killed on SIGINT. The stop signals
 * wait across fork and registration: a signal between the two left a
 * worker nobody killed, holding the experiment's cgroup (tests/lab/
 * test_exp.sh "no cgroup is left"). Once stopped, no worker starts.
 */
static int start(struct ms_worker *w, void (*child)(int cmd, int res))
{
	int to[2], from[2], err = 0;
	sigset_t stops, old;

	sigemptyset(&stops);
	sigaddset(&stops, SIGINT);
	sigaddset(&stops, SIGTERM);
	sigaddset(&stops, SIGHUP);
	sigprocmask(SIG_BLOCK, &stops, &old);
	if (ms_exp_stopped())
		err = -EINTR;
	else if (pipe2(to, O_CLOEXEC))
		err = -errno;
	else if (pipe2(from, O_CLOEXEC)) {
		err = -errno;
		close(to[0]);
		close(to[1]);
	} else if ((w->pid = fork()) < 0) {
		err = -errno;
		close(to[0]);
		close(to[1]);
		close(from[0]);
		close(from[1]);
	}
	if (err) {
		w->pid = 0;
		sigprocmask(SIG_SETMASK, &old, NULL);
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
	err = ms_restore_kill(w->pid);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (err)
		ms_worker_stop(w);
	return err;
}

int ms_frag_start(struct ms_worker *w)
{
	return start(w, frag_child);
}

int ms_frag_cmd(struct ms_worker *w, enum ms_frag_op op, unsigned int mb,
		unsigned int arg, struct ms_frag_reply *r)
{
	struct frag_cmd c = { .op = op, .mb = mb, .arg = arg };

	if (write(w->cmd, &c, sizeof(c)) != sizeof(c))
		return -EPIPE;
	/* a child the OOM killer took closes the pipe */
	if (read(w->res, r, sizeof(*r)) != sizeof(*r))
		return -ECHILD;
	return (int)r->err;
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

	(void)cmd; /* runs until killed: no commands */
	child_setup();
	join_cgroup(load_dirfd, l->cgroup);
	/* in the cgroup now: tell the parent, then run until killed */
	if (write(res, "r", 1) != 1)
		_exit(5);
	switch (l->kind) {
	case MS_LOAD_SCAN:
		scan_loop(l);
		break;
	case MS_LOAD_ANON:
		anon_loop(l);
		break;
	case MS_LOAD_PROBE:
		probe_loop(l);
		break;
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
	struct ms_load_stats *s = mmap(NULL, sizeof(*s), PROT_READ | PROT_WRITE,
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
