// SPDX-License-Identifier: GPL-2.0
/*
 * Which files hold the page cache (the live system only): every regular
 * file a process holds open (/proc/PID/fd) or mapped (/proc/PID/maps),
 * once per inode, with its cached pages from cachestat(2) (6.5+) or
 * mincore() over a read-only mapping. A pass over the processes goes on
 * within a time budget per sample (a batch sample makes a whole one);
 * the biggest files are measured again every sample.
 */
#define _GNU_SOURCE
#include "probes/procfs/pcache.h"

#include "probes/procfs/pcache_set.h"
#include "probes/procfs/proc.h"
#include "probes/procfs/procfs.h"
#include "probes/procfs/vma.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

/* cachestat(2): the same number on every architecture's common table */
#ifndef __NR_cachestat
#define __NR_cachestat 451
#endif
struct cs_range {
	uint64_t off, len; /* len 0: to the end of the file */
};
struct cs_stat {
	uint64_t nr_cache, nr_dirty, nr_writeback, nr_evicted;
	uint64_t nr_recently_evicted;
};

/* What a pass may take of one refresh; a batch sample takes what it needs */
#define BUDGET_S 0.025
/*
 * The explorer begins a pass at most this often (a pass of a small
 * machine fits in one refresh: back to back they would cost 25 ms each);
 * the biggest files are measured again at every refresh meanwhile
 */
#define PASS_EVERY_S 5.0
/* mincore() a file this much at a time: a 256 KiB vector */
#define WINDOW (1ull << 30)

struct ms_pcache_scan {
	struct ms_pset set;
	struct ms_pids pids; /* the pass's processes */
	int next; /* the next of them to visit */
	int method; /* enum ms_pcache_method, -1 until a file tells */
	unsigned int sample;
	unsigned long page;
	unsigned char *vec; /* mincore's */
	int denied; /* processes whose files we may not see, this pass */
	/*
	 * The process being visited, when a refresh's budget ran out in
	 * it (thousands of fds or VMAs): the fd entries and maps lines done,
	 * and whether its fds are
	 */
	int fds_done, maps_done;
	bool fds_over;
	/* this sample's budget: from t0 on pf's clock; full: none */
	const struct ms_procfs *pf;
	double t0;
	bool full;
	double pass_t0; /* when the pass in progress (or the last) began */
	struct ms_buf buf;
};

/* The process being visited: read once, when a file it holds is new. */
struct holder {
	int pid;
	bool have_comm, have_cg;
	char comm[MS_NAME];
	char cg[512];
};

static double mono(const struct ms_procfs *pf)
{
	struct timespec t;

	if (pf->clock)
		return pf->clock();
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Whether this refresh's budget is spent (asked every STEP items). */
#define STEP 32
static bool over(const struct ms_pcache_scan *sc)
{
	return !sc->full && mono(sc->pf) - sc->t0 >= BUDGET_S;
}

/*
 * Read-only, without touching the file's access time where the kernel
 * lets us (O_NOATIME needs the owner or CAP_FOWNER); never blocking on
 * a FIFO (only regular files come here) nor becoming a tty's owner.
 */
static int open_ro(int dfd, const char *rel)
{
	int fl = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
	int fd = openat(dfd, rel, fl | O_NOATIME);

	if (fd < 0 && errno == EPERM)
		fd = openat(dfd, rel, fl);
	return fd;
}

/* Filesystems whose files hold no page cache worth a mapping. */
static bool pseudo_fs(int fd)
{
	struct statfs st;

	if (fstatfs(fd, &st))
		return true;
	switch ((unsigned long)st.f_type) {
	case PROC_SUPER_MAGIC:
	case SYSFS_MAGIC:
	case DEBUGFS_MAGIC:
	case TRACEFS_MAGIC:
	case SECURITYFS_MAGIC:
	case CGROUP_SUPER_MAGIC:
	case CGROUP2_SUPER_MAGIC:
	case BPF_FS_MAGIC:
	case HUGETLBFS_MAGIC:
	case DEVPTS_SUPER_MAGIC:
		return true;
	default:
		return false;
	}
}

static uint64_t kb(const struct ms_pcache_scan *sc, uint64_t pages)
{
	return pages * (sc->page / 1024);
}

/* mincore() over a read-only shared mapping, a window at a time. */
static int by_mincore(struct ms_pcache_scan *sc, int fd, const struct stat *st,
		      struct ms_pcache_file *f)
{
	uint64_t size = (uint64_t)st->st_size, pages = 0;

	/* another user's file: the kernel tells only our own mapped pages */
	if (geteuid() && st->st_uid != geteuid())
		return -EPERM;
	if (pseudo_fs(fd))
		return -EOPNOTSUPP;
	if (!sc->vec && !(sc->vec = malloc(WINDOW / sc->page)))
		return -ENOMEM;
	for (uint64_t off = 0; off < size; off += WINDOW) {
		size_t len = size - off < WINDOW ? size - off : WINDOW;
		void *p =
			mmap(NULL, len, PROT_READ, MAP_SHARED, fd, (off_t)off);
		size_t n = (len + sc->page - 1) / sc->page;
		int err = 0;

		if (p == MAP_FAILED)
			return -errno;
		if (mincore(p, len, sc->vec))
			err = -errno;
		munmap(p, len);
		if (err)
			return err;
		for (size_t i = 0; i < n; i++)
			pages += sc->vec[i] & 1;
	}
	f->cached_kb = kb(sc, pages);
	f->method = MS_PCACHE_MINCORE;
	return 0;
}

/* f's cached (and with cachestat dirty, writeback, evicted) pages. */
static int measure(struct ms_pcache_scan *sc, int fd, const struct stat *st,
		   struct ms_pcache_file *f)
{
	struct cs_range range = { 0, 0 };
	struct cs_stat cs;

	if (sc->method != MS_PCACHE_MINCORE) {
		if (!syscall(__NR_cachestat, fd, &range, &cs, 0)) {
			sc->method = MS_PCACHE_CACHESTAT;
			f->cached_kb = kb(sc, cs.nr_cache);
			f->dirty_kb = kb(sc, cs.nr_dirty);
			f->writeback_kb = kb(sc, cs.nr_writeback);
			f->evicted_kb = kb(sc, cs.nr_evicted);
			f->recently_evicted_kb = kb(sc, cs.nr_recently_evicted);
			f->method = MS_PCACHE_CACHESTAT;
			return 0;
		}
		if (errno != ENOSYS)
			return -errno; /* EPERM: not ours; EOPNOTSUPP: hugetlbfs */
		sc->method = MS_PCACHE_MINCORE; /* before 6.5 */
	}
	return by_mincore(sc, fd, st, f);
}

static char *dup_n(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static void set_str(char **dst, const char *s, size_t n)
{
	free(*dst);
	*dst = s ? dup_n(s, n) : NULL;
}

static void holder_read(const struct ms_root *r, struct ms_pcache_scan *sc,
			struct holder *h)
{
	char rel[64];

	if (!h->have_comm) {
		h->have_comm = true;
		snprintf(rel, sizeof(rel), "proc/%d/comm", h->pid);
		if (ms_read_str(r, rel, h->comm, sizeof(h->comm)))
			h->comm[0] = '\0';
	}
	if (!h->have_cg) {
		h->have_cg = true;
		h->cg[0] = '\0';
		if (!ms_readf(r, &sc->buf, "proc/%d/cgroup", h->pid))
			ms_parse_proc_cgroup(sc->buf.data, sc->buf.len, h->cg,
					     sizeof(h->cg));
	}
}

/*
 * A file the pass found first at this holder: what it is, where to open
 * it again (pid and how), its pages when fd is open (else not available).
 */
static void fill(const struct ms_root *r, struct ms_pcache_scan *sc,
		 struct holder *h, struct ms_pent *e, int fd,
		 const struct stat *st, const char *how, const char *path,
		 size_t plen)
{
	struct ms_pcache_file *f = &e->f;
	struct stat fst;

	if (fd >= 0 && !fstat(fd, &fst))
		st = &fst;
	set_str(&f->path, path, plen);
	set_str(&e->how, how, strlen(how));
	e->hpid = how[0] == '/' ? 0 : h->pid;
	snprintf(f->dev, sizeof(f->dev), "%u:%u", major(st->st_dev),
		 minor(st->st_dev));
	f->ino = (uint64_t)st->st_ino;
	f->deleted = st->st_nlink == 0;
	f->size_kb = ((uint64_t)st->st_size + 1023) / 1024;
	f->cached_kb = f->dirty_kb = f->writeback_kb = MS_NA;
	f->evicted_kb = f->recently_evicted_kb = MS_NA;
	f->method = -1;
	holder_read(r, sc, h);
	f->pid = h->pid;
	snprintf(f->comm, sizeof(f->comm), "%s", h->comm);
	set_str(&f->holder_cgroup, h->cg[0] ? h->cg : NULL, strlen(h->cg));
	e->stamp = sc->sample;
	if (fd >= 0 && !measure(sc, fd, st, f))
		ms_pset_measured(&sc->set, e);
}

/* The file at dfd/rel that stat says is st, new to this pass. */
static void visit(const struct ms_root *r, struct ms_pcache_scan *sc,
		  struct holder *h, int dfd, const char *rel,
		  const struct stat *st, const char *how, const char *path,
		  size_t plen, const uint64_t *alias)
{
	struct ms_pent *e = ms_pset_find(&sc->set, st->st_dev, st->st_ino);
	int fd;

	if (!e && !(e = ms_pset_add(&sc->set, st->st_dev, st->st_ino)))
		return;
	if (alias && (alias[0] != st->st_dev || alias[1] != st->st_ino))
		ms_pset_alias(&sc->set, e, alias[0], alias[1]);
	if (!ms_pset_hold(&sc->set, e, h->pid))
		return;
	fd = open_ro(dfd, rel);
	fill(r, sc, h, e, fd, st, how, path, plen);
	if (fd >= 0)
		close(fd);
}

/*
 * The regular files among pid's open file descriptors, from the entry
 * fds_done on; -EINPROGRESS when the budget ran out before the last.
 */
static int scan_fds(const struct ms_root *r, struct ms_pcache_scan *sc,
		    struct holder *h)
{
	char rel[64], path[4096], how[sizeof(((struct dirent *)0)->d_name) + 4];
	struct dirent *de;
	int dfd, k = 0;
	DIR *d;

	snprintf(rel, sizeof(rel), "proc/%d/fd", h->pid);
	dfd = openat(r->dirfd, rel, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return -errno;
	d = fdopendir(dfd);
	if (!d) {
		close(dfd);
		return -ENOMEM;
	}
	while ((de = readdir(d))) {
		struct ms_pent *e;
		struct stat st;
		ssize_t n;

		/* in fd order: an fd opened or closed since moves few */
		if (k++ < sc->fds_done)
			continue;
		sc->fds_done = k;
		if (k % STEP == 0 && over(sc)) {
			closedir(d);
			return -EINPROGRESS;
		}
		if (de->d_name[0] == '.' ||
		    fstatat(dirfd(d), de->d_name, &st, 0) ||
		    !S_ISREG(st.st_mode))
			continue;
		e = ms_pset_find(&sc->set, st.st_dev, st.st_ino);
		if (e && e->pass == sc->set.pass) {
			ms_pset_hold(&sc->set, e, h->pid);
			continue;
		}
		n = readlinkat(dirfd(d), de->d_name, path, sizeof(path));
		if (n < 0)
			n = 0;
		snprintf(how, sizeof(how), "fd/%s", de->d_name);
		visit(r, sc, h, dirfd(d), de->d_name, &st, how, path, (size_t)n,
		      NULL);
	}
	closedir(d);
	return 0;
}

/* One file-backed line of pid's maps. */
static void map_line(const struct ms_root *r, struct ms_pcache_scan *sc,
		     struct holder *h, const char *line, size_t len)
{
	uint64_t maj, min, key[2];
	const char *path;
	size_t plen;
	struct ms_vma v;
	struct ms_pent *e;
	struct stat st;
	char rel[96], how[4096];
	const char *at = rel;

	if (ms_vma_parse_header(line, len, &v, &path, &plen) || !v.inode ||
	    !path || path[0] != '/' ||
	    ms_pcache_parse_dev(v.dev, strlen(v.dev), &maj, &min))
		return;
	key[0] = makedev((unsigned int)maj, (unsigned int)min);
	key[1] = v.inode;
	e = ms_pset_find(&sc->set, key[0], key[1]);
	if (e && e->pass == sc->set.pass) {
		ms_pset_hold(&sc->set, e, h->pid);
		return;
	}
	snprintf(how, sizeof(how), "map_files/%llx-%llx",
		 (unsigned long long)v.start, (unsigned long long)v.end);
	snprintf(rel, sizeof(rel), "proc/%d/map_files/%llx-%llx", h->pid,
		 (unsigned long long)v.start, (unsigned long long)v.end);
	if (fstatat(r->dirfd, rel, &st, 0)) {
		/*
		 * map_files needs CAP_SYS_ADMIN (or CHECKPOINT_RESTORE):
		 * without it, the file by its name, unless it has none
		 */
		if (errno != EPERM || plen >= sizeof(how) ||
		    ms_pcache_deleted(path, plen))
			return;
		memcpy(how, path, plen);
		how[plen] = '\0';
		at = how + 1;
		if (fstatat(r->dirfd, at, &st, 0))
			return;
	}
	if (S_ISREG(st.st_mode))
		visit(r, sc, h, r->dirfd, at, &st, how, path, plen, key);
}

/* pid's maps from the line maps_done on; -EINPROGRESS as scan_fds(). */
static int scan_maps(const struct ms_root *r, struct ms_pcache_scan *sc,
		     struct holder *h)
{
	struct ms_root nocap = *r; /* a pass would copy every maps */
	struct ms_lines l;
	char rel[64];
	size_t len;
	char *line;
	int k = 0, err = 0;

	nocap.capture_fd = -1;
	snprintf(rel, sizeof(rel), "proc/%d/maps", h->pid);
	if (ms_lines_open(&nocap, rel, &l))
		return 0;
	while ((line = ms_lines_next(&l, &len))) {
		if (k++ < sc->maps_done)
			continue;
		sc->maps_done = k;
		if (k % STEP == 0 && over(sc)) {
			err = -EINPROGRESS;
			break;
		}
		map_line(r, sc, h, line, len);
	}
	ms_lines_close(&l);
	return err;
}

/* Visit pid, or go on with it: false when the budget ran out in it. */
static bool scan_proc(const struct ms_root *r, struct ms_pcache_scan *sc,
		      int pid)
{
	struct holder h = { .pid = pid };
	int err = 0;

	if (!sc->fds_over) {
		err = scan_fds(r, sc, &h);
		if (err == -EINPROGRESS)
			return false;
		sc->fds_over = true;
		if (err == -EACCES)
			sc->denied++; /* not ours: its maps are closed too */
	}
	if (err != -EACCES && scan_maps(r, sc, &h) == -EINPROGRESS)
		return false;
	sc->fds_done = sc->maps_done = 0;
	sc->fds_over = false;
	return true;
}

/* The biggest files measured again, where they are still held. */
static void refresh_top(const struct ms_root *r, struct ms_pcache_scan *sc)
{
	struct ms_pent *top[MS_PCACHE_TOP];
	int n = ms_pset_biggest(&sc->set, top, MS_PCACHE_TOP);
	char rel[4200];

	for (int i = 0; i < n; i++) {
		struct ms_pent *e = top[i];
		struct ms_pcache_file f = e->f;
		struct stat st;
		int fd;

		if (e->stamp == sc->sample || !e->how)
			continue;
		e->stamp = sc->sample;
		if (e->hpid)
			snprintf(rel, sizeof(rel), "proc/%d/%s", e->hpid,
				 e->how);
		else
			snprintf(rel, sizeof(rel), "%s", e->how + 1);
		fd = open_ro(r->dirfd, rel);
		if (fd < 0)
			continue;
		/* the same file still: an fd number is soon used again */
		if (!fstat(fd, &st) && st.st_dev == e->dev &&
		    st.st_ino == e->ino && !measure(sc, fd, &st, &f)) {
			e->f = f;
			e->f.deleted = st.st_nlink == 0;
			e->f.size_kb = ((uint64_t)st.st_size + 1023) / 1024;
		}
		close(fd);
	}
}

/* meminfo's Cached, kB: what the files are held against. */
static uint64_t meminfo_cached(const struct ms_root *r,
			       struct ms_pcache_scan *sc)
{
	unsigned long long v;
	const char *p;

	if (ms_read(r, "proc/meminfo", &sc->buf))
		return MS_NA;
	p = strstr(sc->buf.data, "\nCached:");
	return p && sscanf(p + 8, "%llu", &v) == 1 ? (uint64_t)v : MS_NA;
}

static struct ms_pcache_scan *scan_new(void)
{
	struct ms_pcache_scan *sc = calloc(1, sizeof(*sc));
	long page = sysconf(_SC_PAGESIZE);

	if (!sc)
		return NULL;
	ms_pset_init(&sc->set);
	sc->method = -1;
	sc->page = page > 0 ? (unsigned long)page : 4096;
	return sc;
}

void ms_procfs_pcache_free(struct ms_procfs *pf)
{
	struct ms_pcache_scan *sc = pf->pcache;

	if (!sc)
		return;
	ms_pset_free(&sc->set);
	free(sc->pids.v);
	free(sc->vec);
	ms_buf_free(&sc->buf);
	free(sc);
	pf->pcache = NULL;
}

int ms_procfs_pcache(const struct ms_root *r, struct ms_procfs *pf, bool full,
		     struct ms_snapshot *s)
{
	struct ms_pcache_scan *sc = pf->pcache;
	struct ms_pcache *out = &s->pcache;
	int err;

	if (!r->live) {
		ms_snapshot_note(s, "pagecache_files",
				 "the live system only: a captured tree has "
				 "no page cache to ask");
		return -EOPNOTSUPP;
	}
	if (!sc && !(sc = pf->pcache = scan_new()))
		return -ENOMEM;
	sc->sample++;
	sc->pf = pf;
	sc->t0 = mono(pf);
	sc->full = full;
	if (full) /* a whole pass of its own, from the first process */
		sc->next = sc->pids.n = 0;
	if (!full && !sc->pids.n && sc->sample > 1 &&
	    sc->t0 - sc->pass_t0 < PASS_EVERY_S) {
		out->pass_pct = 100; /* none in progress: the last is recent */
		goto measure;
	}
	if (full || !sc->pids.n) {
		sc->pass_t0 = sc->t0;
		ms_pset_restart(&sc->set);
		sc->next = 0;
		sc->denied = 0;
		sc->fds_done = sc->maps_done = 0;
		sc->fds_over = false;
		err = ms_list_pids(r, &sc->pids);
		if (err) {
			ms_snapshot_note(s, "pagecache_files", "proc: %s",
					 ms_errstr(r, err));
			return err;
		}
	}
	while (sc->next < sc->pids.n && !over(sc) &&
	       scan_proc(r, sc, sc->pids.v[sc->next]))
		sc->next++;
	out->pass_pct = sc->pids.n ? 100.0 * sc->next / sc->pids.n : 100;
	if (sc->next >= sc->pids.n) {
		ms_pset_end_pass(&sc->set);
		sc->pids.n = sc->next = 0; /* listed again by the next pass */
	}
measure:
	out->all = !geteuid();
	if (!full)
		refresh_top(r, sc);
	err = ms_pset_top(&sc->set, out, MS_PCACHE_TOP);
	if (err)
		return err;
	out->method = sc->method;
	out->meminfo_cached_kb = meminfo_cached(r, sc);
	ms_pcache_derive(out);
	if (!out->all)
		ms_snapshot_note(s, "pagecache_files scope",
				 "not root: only the user's own processes' "
				 "files (%d processes not readable)",
				 sc->denied);
	return 0;
}
