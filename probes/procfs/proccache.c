// SPDX-License-Identifier: GPL-2.0
/*
 * The live process list: per-process state kept between samples (open
 * stat/statm fds, last reads) so a refresh stays within its CPU budget.
 */
#define _GNU_SOURCE
#include "probes/procfs/procint.h"

#include "probes/procfs/kv.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/* ---- The live system: a cache between samples ------------------------- */

/*
 * With 2,000 processes a 1 s refresh must stay under 1% of a core: 5 us a
 * process. On a test VM pread() of a kept stat fd costs 5.5 us (the kernel
 * formats 52 fields), of statm 2 us, listing /proc 1-2 us a process, and
 * status + smaps_rollup + maps 100 us and more (maps of a big process:
 * milliseconds). So:
 *  - /proc is listed again only when a pid was handed out since the last
 *    listing (last field of loadavg); exits show as ESRCH on kept fds.
 *  - statm, through a kept fd, every sample: rss is fresh, and a change
 *    of it (size, resident, shared, text, data) means activity. A process
 *    whose statm stood still QUIET_RUNS times is read every other sample.
 *  - stat when statm moved, when the process runs or faulted at its last
 *    read, and at least every STAT_AGE seconds otherwise: state and fault
 *    counters of a process that does none of these are the ones read then.
 *  - status, smaps_rollup and maps (uid, pss, swap, VMA count) as a CPU
 *    budget (DETAIL_SHARE of wall time) allows, in ms_refresh_order():
 *    new processes, then those whose RSS moved (their PSS and swap belong
 *    to another RSS), then the oldest copies; and the first new and the
 *    first moved one each sample outside it. The first sample, and every
 *    sample asked for in full (batch mode), reads all. Each process's
 *    copy goes out with its age (ms_proc.detail_age_s), so the explorer
 *    marks what is older than its bound (model/procage.c). 3 ms a second
 *    re-read ~30 processes a second here: a few hundred stay within 5 s.
 */
#define STAT_AGE 10.0 /* seconds an idle process's stat may age */
#define QUIET_RUNS 3 /* unchanged statm reads before every other */
#define DETAIL_SHARE 0.003 /* 3 ms of every second */
#define DETAIL_BURST 0.03 /* at most this much saved up, seconds */
#define FD_RESERVE 256 /* fds left for everything else */
#define FD_WANT 65536

enum { FD_STAT, FD_STATM, NR_FDS };

struct memo {
	int pid;
	int fd[NR_FDS]; /* kept open, or -1 */
	struct ms_stat st; /* the last stat read */
	uint64_t resident; /* statm, this sample */
	uint64_t msig; /* statm's text, hashed, this sample */
	uint64_t stat_msig; /* ... when stat was read */
	double stat_due; /* stat again by then, even when idle */
	bool active; /* faults moved at the last stat read */
	unsigned char quiet; /* statm reads in a row without a change */
	uint64_t read_msig, read_resident; /* statm when det was read */
	double read_t; /* when det was read; 0: never */
	struct detail det;
	int slot; /* index in s->procs this sample, or -1 */
};

struct ms_proc_cache {
	struct memo *v, *w; /* sorted by pid; w is scratch for merging */
	int n, cap;
	struct ms_refresh *plan; /* cap of them: the order of re-reads */
	struct ms_pids pids;
	int loadavg_fd;
	uint64_t last_pid; /* loadavg's at the last listing */
	struct ms_budget budget;
	unsigned int tick; /* samples taken */
	int nfds, max_fds;
	uint64_t page_kb;
	bool primed;
};

/* Two fds a process: ask for the hard limit of open files, keep a reserve. */
static int fd_budget(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl))
		return 0;
	if (rl.rlim_cur < FD_WANT && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max < FD_WANT ? rl.rlim_max : FD_WANT;
		if (setrlimit(RLIMIT_NOFILE, &rl))
			getrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > FD_WANT)
		rl.rlim_cur = FD_WANT;
	return rl.rlim_cur > FD_RESERVE ? (int)(rl.rlim_cur - FD_RESERVE) : 0;
}

static struct ms_proc_cache *cache_get(struct ms_procfs *pf)
{
	struct ms_proc_cache *c = pf->procs;

	if (c)
		return c;
	c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->loadavg_fd = -1;
	c->budget = (struct ms_budget){ .share = DETAIL_SHARE,
					.burst = DETAIL_BURST };
	c->max_fds = fd_budget();
	c->page_kb = (uint64_t)sysconf(_SC_PAGESIZE) / 1024;
	pf->procs = c;
	return c;
}

static void memo_init(struct memo *m, int pid)
{
	memset(m, 0, sizeof(*m));
	m->pid = pid;
	m->fd[FD_STAT] = m->fd[FD_STATM] = -1;
	m->slot = -1;
}

static void memo_forget(struct ms_proc_cache *c, struct memo *m)
{
	for (int i = 0; i < NR_FDS; i++) {
		if (m->fd[i] >= 0) {
			close(m->fd[i]);
			c->nfds--;
		}
	}
	memo_init(m, m->pid);
}

static int cache_reserve(struct ms_proc_cache *c, int n)
{
	struct memo *v;
	int cap = c->cap ? c->cap : 256;

	if (n <= c->cap)
		return 0;
	while (cap < n)
		cap *= 2;
	v = realloc(c->v, (size_t)cap * sizeof(*v));
	if (!v)
		return -ENOMEM;
	c->v = v;
	v = realloc(c->w, (size_t)cap * sizeof(*v));
	if (!v)
		return -ENOMEM;
	c->w = v;
	if (ms_refresh_grow(&c->plan, cap))
		return -ENOMEM;
	c->cap = cap;
	return 0;
}

/* Entries for exactly the listed pids, in order, carried over by pid. */
static int cache_merge(struct ms_proc_cache *c)
{
	const struct ms_pids *l = &c->pids;
	struct memo *t;
	int i, j = 0, k = 0;

	if (cache_reserve(c, l->n))
		return -ENOMEM;
	for (i = 0; i < l->n; i++) {
		while (j < c->n && c->v[j].pid < l->v[i])
			memo_forget(c, &c->v[j++]);
		if (j < c->n && c->v[j].pid == l->v[i])
			c->w[k++] = c->v[j++];
		else
			memo_init(&c->w[k++], l->v[i]);
	}
	while (j < c->n)
		memo_forget(c, &c->v[j++]);
	t = c->v;
	c->v = c->w;
	c->w = t;
	c->n = k;
	return 0;
}

/* Drop the entries of processes that are gone (slot < 0), keeping order. */
static void cache_compact(struct ms_proc_cache *c)
{
	int k = 0;

	for (int i = 0; i < c->n; i++) {
		if (c->v[i].slot < 0)
			memo_forget(c, &c->v[i]);
		else
			c->v[k++] = c->v[i];
	}
	c->n = k;
}

/*
 * pread() of proc/PID/FILE (PID 0: proc/FILE) through a kept fd, opened
 * on first use while fds last, else open+read+close. The fd holds the
 * process it was opened for: once that one is gone it reads ESRCH, even
 * if the pid has been handed out again. Returns the length or -errno.
 */
static ssize_t kept_read(struct ms_proc_cache *c, const struct ms_root *r,
			 int *fd, int pid, const char *file, char *buf,
			 size_t size)
{
	char rel[64];
	ssize_t n;
	int once = -1;

	if (*fd < 0) {
		if (pid)
			snprintf(rel, sizeof(rel), "proc/%d/%s", pid, file);
		else
			snprintf(rel, sizeof(rel), "proc/%s", file);
		once = openat(r->dirfd, rel, O_RDONLY | O_CLOEXEC);
		if (once < 0 && (errno == EMFILE || errno == ENFILE))
			c->max_fds = c->nfds; /* keep no more */
		if (once < 0)
			return -errno;
		if (c->nfds < c->max_fds) {
			*fd = once;
			once = -1;
			c->nfds++;
		}
	}
	n = pread(once >= 0 ? once : *fd, buf, size, 0);
	if (n < 0)
		n = -errno;
	if (once >= 0)
		close(once);
	return n;
}

/* Did the kernel hand out a pid since the last listing? */
static bool pids_may_be_new(struct ms_proc_cache *c, const struct ms_root *r)
{
	char buf[128], *p;
	uint64_t last;
	ssize_t n;

	n = kept_read(c, r, &c->loadavg_fd, 0, "loadavg", buf, sizeof(buf) - 1);
	if (n <= 0)
		return true;
	buf[n] = '\0';
	p = strrchr(buf, ' ');
	if (!p)
		return true;
	last = strtoull(p + 1, NULL, 10);
	if (c->primed && last == c->last_pid)
		return false;
	c->last_pid = last;
	return true;
}

static uint64_t hash_bytes(const char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a */

	while (n--)
		h = (h ^ (unsigned char)*p++) * 0x100000001b3ULL;
	return h;
}

static bool stat_due(const struct memo *m, bool fresh, double now)
{
	if (fresh || m->active || m->msig != m->stat_msig || now >= m->stat_due)
		return true;
	/* sleeping, idle or dead: nothing in stat moves without running */
	return !strchr("SIZ", m->st.state);
}

static int memo_stat(struct ms_proc_cache *c, const struct ms_root *r,
		     struct memo *m, double now)
{
	uint64_t faults = m->st.minflt + m->st.majflt;
	bool fresh = !m->st.pid;
	uint64_t sig;
	char buf[2048];
	ssize_t n;
	int err;

	if (m->quiet >= QUIET_RUNS && (c->tick + (unsigned int)m->pid) % 2)
		return 0; /* long quiet: the last sample's values */
	n = kept_read(c, r, &m->fd[FD_STATM], m->pid, "statm", buf,
		      sizeof(buf));
	if (n < 0)
		return (int)n;
	if (ms_parse_statm(buf, (size_t)n, &m->resident))
		return -ENODATA;
	sig = hash_bytes(buf, (size_t)n);
	m->quiet = sig != m->msig || fresh ? 0 : m->quiet + (m->quiet < 255);
	m->msig = sig;
	if (!stat_due(m, fresh, now))
		return 0;
	n = kept_read(c, r, &m->fd[FD_STAT], m->pid, "stat", buf, sizeof(buf));
	if (n < 0)
		return (int)n;
	err = ms_parse_stat(buf, (size_t)n, &m->st);
	if (err)
		return err;
	m->active = !fresh && m->st.minflt + m->st.majflt != faults;
	m->stat_msig = m->msig;
	/* spread the idle re-reads over the samples: pid picks the phase */
	m->stat_due = now + (fresh ? (m->pid % 97) * STAT_AGE / 97 : STAT_AGE);
	return 0;
}

/* statm (and stat when due) of every process into s->procs. */
static void sample_stats(struct ms_proc_cache *c, const struct ms_root *r,
			 struct ms_snapshot *s, double now)
{
	struct ms_proc *p;

	for (int i = 0; i < c->n; i++)
		c->v[i].slot = -1;
	for (int i = 0; i < c->n; i++) {
		struct memo *m = &c->v[i];
		int err = memo_stat(c, r, m, now);

		if (err == -ESRCH && m->fd[FD_STATM] >= 0) {
			/* a listed pid handed out again: a new process */
			memo_forget(c, m);
			err = memo_stat(c, r, m, now);
		}
		if (err)
			continue; /* gone, or going: not an error */
		p = ms_procfs_add_proc(s, m->pid, &m->st, c->page_kb);
		if (!p)
			return; /* ENOMEM: the rest is left out */
		p->rss_kb = m->resident * c->page_kb;
		m->slot = (int)(p - s->procs.v);
	}
}

static void memo_detail(const struct ms_proc_cache *c, const struct ms_root *r,
			struct ms_buf *b, struct memo *m, double now)
{
	uint64_t rss = MS_NA;

	ms_procfs_read_detail(r, b, m->pid, m->st.flags & MS_PF_KTHREAD,
			      &m->det);
	/* the RSS status gave with them: statm's may be a sample older */
	if (ms_have(m->det.d.vm_rss_kb) && c->page_kb)
		rss = m->det.d.vm_rss_kb / c->page_kb;
	m->read_msig = m->msig;
	m->read_resident = ms_have(rss) ? rss : m->resident;
	m->read_t = now;
}

/* Who is due, in ms_refresh_order(); kernel threads cost nothing. */
static int plan(struct ms_proc_cache *c, double now)
{
	int n = 0;

	for (int i = 0; i < c->n; i++) {
		const struct memo *m = &c->v[i];

		if (m->slot < 0 || m->st.flags & MS_PF_KTHREAD)
			continue;
		c->plan[n++] = (struct ms_refresh){
			.idx = i,
			.read_t = m->read_t,
			.moved = ms_proc_rss_moved(m->resident * c->page_kb,
						   m->read_resident *
							   c->page_kb),
			.changed = m->msig != m->read_msig,
		};
	}
	return ms_refresh_order(c->plan, n, now);
}

struct reread {
	struct ms_proc_cache *c;
	const struct ms_root *r;
	struct ms_procfs *pf;
	double now;
};

static void reread(void *ctx, int idx)
{
	struct reread *x = ctx;

	memo_detail(x->c, x->r, &x->pf->buf, &x->c->v[idx], x->now);
}

static void refresh_details(struct ms_proc_cache *c, const struct ms_root *r,
			    struct ms_procfs *pf, bool full, double now)
{
	struct reread x = { c, r, pf, now };

	for (int i = 0; i < c->n; i++) {
		struct memo *m = &c->v[i];

		/* no files to read: their zeros are always this sample's */
		if (m->slot >= 0 &&
		    (!c->primed || full || m->st.flags & MS_PF_KTHREAD))
			memo_detail(c, r, &pf->buf, m, now);
	}
	if (!c->primed || full)
		return;
	ms_refresh_spend(&c->budget, pf, c->plan, plan(c, now), now, reread,
			 &x);
}

int ms_procfs_sample_cached(const struct ms_root *r, struct ms_procfs *pf,
			    bool full, struct ms_snapshot *s)
{
	struct ms_proc_cache *c = cache_get(pf);
	double now = ms_procfs_clock(pf);
	bool denied = false;
	struct ms_proc *p;
	int err;

	if (!c)
		return -ENOMEM;
	if (pids_may_be_new(c, r)) {
		err = ms_list_pids(r, &c->pids);
		if (!err)
			err = cache_merge(c);
		if (err)
			return err;
	}
	sample_stats(c, r, s, now);
	refresh_details(c, r, pf, full, now);
	c->primed = true;
	c->tick++;
	c->budget.last = now;
	for (int i = 0; i < c->n; i++) {
		struct memo *m = &c->v[i];

		if (m->slot < 0 || !m->read_t)
			continue;
		p = &s->procs.v[m->slot];
		ms_procfs_set_detail(p, &m->det);
		p->detail_age_s = now - m->read_t;
		/* read together, shown together: RSS from status with PSS */
		if (m->read_t == now && ms_have(m->det.d.vm_rss_kb))
			p->rss_kb = m->det.d.vm_rss_kb;
		denied |= m->det.denied;
	}
	cache_compact(c);
	if (denied)
		ms_procfs_denied_note(s);
	return 0;
}

void ms_procfs_procs_free(struct ms_procfs *pf)
{
	struct ms_proc_cache *c = pf->procs;

	ms_users_free(&pf->users);
	if (!c)
		return;
	for (int i = 0; i < c->n; i++)
		memo_forget(c, &c->v[i]);
	if (c->loadavg_fd >= 0)
		close(c->loadavg_fd);
	free(c->v);
	free(c->w);
	free(c->plan);
	free(c->pids.v);
	free(c);
	pf->procs = NULL;
}
