// SPDX-License-Identifier: GPL-2.0
/*
 * BPF fault, reclaim and NUMA groups on this machine's kernel (root, BTF):
 * every program loads or says why, workloads with known effects move the
 * counters (page faults, a memory cgroup's reclaim and OOM kill, dropped
 * slab caches, compaction's migrations), compared with the kernel's own
 * counters; nothing stays loaded after close; cgroups are always removed.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "probes/probe.h"
#include "tests/kernel/live_test.h"

#define FAULTS MS_SEC_BIT(MS_SEC_FAULT_EVENTS)
#define RECLAIM MS_SEC_BIT(MS_SEC_RECLAIM_EVENTS)
#define NUMA MS_SEC_BIT(MS_SEC_NUMA_EVENTS)
#define MINE (FAULTS | RECLAIM | NUMA)

static long page_size;

/* The BPF backend, sampled as the manager does. */
static struct ms_snapshot *live_sample(struct live *l, unsigned int secs)
{
	return live_take(l, &(struct ms_request){ .sections = secs });
}

static void write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);

	assert_true(fd >= 0);
	assert_true(write(fd, val, strlen(val)) == (ssize_t)strlen(val));
	close(fd);
}

/* ---- a memory cgroup (v2, or v1's memory hierarchy) ----------------------- */

static struct cg {
	char dir[320];
	bool v2;
	pid_t child;
} cg;

static bool contains_word(const char *path, const char *word)
{
	char buf[512] = "";
	FILE *f = fopen(path, "r");
	bool yes;

	if (!f)
		return false;
	yes = fgets(buf, sizeof(buf), f) && strstr(buf, word);
	fclose(f);
	return yes;
}

/* Where memory cgroups can be made: 2 (v2 at base), 1 (v1), 0 none. */
static int cg_base(char *base, size_t len)
{
	static const char *const v2[] = { "/sys/fs/cgroup",
					  "/sys/fs/cgroup/unified" };
	char path[300];

	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/cgroup.controllers", v2[i]);
		if (contains_word(path, "memory")) {
			snprintf(base, len, "%s", v2[i]);
			return 2;
		}
	}
	if (!access("/sys/fs/cgroup/memory/memory.limit_in_bytes", F_OK)) {
		snprintf(base, len, "/sys/fs/cgroup/memory");
		return 1;
	}
	return 0;
}

static void cg_set(const char *file, const char *val)
{
	char path[480];

	snprintf(path, sizeof(path), "%s/%s", cg.dir, file);
	write_file(path, val);
}

static bool swap_on(void)
{
	char line[256];
	FILE *f = fopen("/proc/swaps", "r");
	int n = 0;

	while (f && fgets(line, sizeof(line), f))
		n++;
	if (f)
		fclose(f);
	return n > 1; /* a header, then one line per device */
}

/* A cgroup limited to mb megabytes, and no swap. */
static void cg_make(int mb)
{
	char base[256], path[400], val[32];
	int v = cg_base(base, sizeof(base));

	if (!v) {
		fprintf(stderr, "# skipped: no memory cgroup hierarchy\n");
		skip();
	}
	cg.v2 = v == 2;
	snprintf(cg.dir, sizeof(cg.dir), "%s/mstest-%d", base, getpid());
	if (cg.v2) {
		snprintf(path, sizeof(path), "%s/cgroup.subtree_control", base);
		if (!contains_word(path, "memory"))
			write_file(path, "+memory");
	}
	assert_int_equal(mkdir(cg.dir, 0755), 0);
	snprintf(val, sizeof(val), "%d", mb << 20);
	if (cg.v2) {
		cg_set("memory.max", val);
		cg_set("memory.swap.max", "0");
	} else {
		cg_set("memory.limit_in_bytes", val);
		/* no swap either (v1 counts failures of this one only) */
		snprintf(path, sizeof(path), "%s/memory.memsw.limit_in_bytes",
			 cg.dir);
		if (swap_on() && !access(path, F_OK))
			cg_set("memory.memsw.limit_in_bytes", val);
	}
}

/* A number after key in a cgroup file ("max 12"), or the file's number. */
static uint64_t cg_get(const char *file, const char *key)
{
	char path[400], name[64];
	unsigned long long v = 0, x;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", cg.dir, file);
	f = fopen(path, "r");
	assert_non_null(f);
	if (!key)
		assert_int_equal(fscanf(f, "%llu", &v), 1);
	while (key && fscanf(f, "%63s %llu", name, &x) == 2)
		if (!strcmp(name, key))
			v = x;
	fclose(f);
	return v;
}

/* Times the cgroup hit its limit. */
static uint64_t cg_limit_hits(void)
{
	return cg.v2 ? cg_get("memory.events", "max") :
		       cg_get("memory.failcnt", NULL);
}

static uint64_t cg_oom_kills(void)
{
	return cg.v2 ? cg_get("memory.events", "oom_kill") :
		       cg_get("memory.oom_control", "oom_kill");
}

static void reap(pid_t *pid)
{
	if (*pid > 0) {
		kill(*pid, SIGKILL);
		waitpid(*pid, NULL, 0);
	}
	*pid = 0;
}

/* Every path: the child killed, the cgroup removed. */
static void cg_remove(void)
{
	reap(&cg.child);
	for (int i = 0; cg.dir[0] && i < 100; i++) {
		if (!rmdir(cg.dir) || errno == ENOENT)
			break;
		usleep(20000); /* a killed task leaves the cgroup a bit later */
	}
	if (cg.dir[0] && !access(cg.dir, F_OK))
		fprintf(stderr, "# could not remove %s: %s\n", cg.dir,
			strerror(errno));
	cg.dir[0] = '\0';
}

/* In the child: join the cgroup. */
static void cg_join(void)
{
	char path[480];
	int fd;

	snprintf(path, sizeof(path), "%s/cgroup.procs", cg.dir);
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, "0", 1) != 1)
		_exit(3);
	close(fd);
}

static void remove_big_file(void);

static int teardown(void **state)
{
	cg_remove();
	remove_big_file();
	return live_teardown(state);
}

/* Run fn in a child (named comm) and wait: its wait status and pid. */
static int run_child(void (*fn)(void *), void *arg, const char *comm,
		     pid_t *child)
{
	int status = 0;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (!pid) {
		prctl(PR_SET_NAME, comm);
		fn(arg);
		_exit(0);
	}
	cg.child = *child = pid;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	cg.child = 0;
	return status;
}

/* ---- every program ---------------------------------------------------------- */

/* Notes of programs that did not load: only fentry/fexit ones may. */
static void only_fentry_refused(const struct ms_snapshot *s)
{
	for (int i = 0; i < s->nr_notes; i++) {
		const char *what = s->notes[i].what;

		if (!strcmp(what, "bpf ms_faultx") ||
		    !strcmp(what, "bpf ms_numafault")) {
			/* the kernel's refusal, e.g. "Operation not permitted" */
			fprintf(stderr, "# %s: %s\n", what, s->notes[i].why);
			assert_true(strlen(s->notes[i].why) > 6);
			continue;
		}
		if (!strncmp(what, "bpf ", 4) || strstr(what, "_events"))
			fail_msg("%s: %s", what, s->notes[i].why);
	}
}

static bool prog_loaded(const struct ms_snapshot *s, const char *name)
{
	for (int i = 0; i < s->bpf.nr_progs; i++)
		if (!strncmp(s->bpf.progs[i].name, name, strlen(name)) &&
		    s->bpf.progs[i].name[strlen(name)] == '_')
			return true;
	return false;
}

static void every_program_attaches(void **state)
{
	bool faultx, numafault;
	struct ms_snapshot *s;
	static struct live l; /* teardown closes it after a failure */
	int n = 0;

	NEED_LIVE();
	live_open(&l, &ms_bpf_ops);
	s = live_sample(&l, MINE);
	only_fentry_refused(s);
	assert_int_equal(s->have & MINE, MINE);
	assert_string_equal(s->source[MS_SEC_FAULT_EVENTS], "bpf");
	assert_string_equal(s->source[MS_SEC_RECLAIM_EVENTS], "bpf");
	assert_string_equal(s->source[MS_SEC_NUMA_EVENTS], "bpf");
	assert_int_equal(s->bpf.nr_groups, 3);
	for (int i = 0; i < s->bpf.nr_progs; i++)
		fprintf(stderr, "# %s %s\n", s->bpf.progs[i].group,
			s->bpf.progs[i].name);
	faultx = prog_loaded(s, "ms_faultx");
	numafault = prog_loaded(s, "ms_numafault");
	/* a refused fexit turns off only the split and copy-on-write */
	assert_int_equal(s->fault_events.fields,
			 MS_FE_HW | MS_FE_LOCK |
				 (faultx ? MS_FE_SPLIT | MS_FE_COW : 0));
	assert_int_equal(s->reclaim_events.fields,
			 MS_RE_DIRECT | MS_RE_MEMCG | MS_RE_KSWAPD |
				 MS_RE_WAKEUP | MS_RE_SHRINK | MS_RE_WRITE |
				 MS_RE_OOM);
	assert_int_equal(s->numa_events.fields,
			 MS_NE_MIGRATE | MS_NE_TASK |
				 (numafault ? MS_NE_HINT : 0));
	if (!faultx)
		assert_non_null(ms_snapshot_why(s, "bpf ms_faultx"));
	/* one mmap_lock and one mm_migrate_pages program for this kernel */
	assert_true(prog_loaded(s, "ms_lockgot") !=
		    prog_loaded(s, "ms_lockgotp"));
	assert_true(prog_loaded(s, "ms_migrate") !=
		    prog_loaded(s, "ms_migrate7"));
	assert_true(prog_loaded(s, "ms_oomvictim") !=
		    prog_loaded(s, "ms_oomkill"));
	for (int i = 0; i < s->bpf.nr_progs; i++)
		n += strcmp(s->bpf.progs[i].group, "buddy") &&
		     strcmp(s->bpf.progs[i].group, "slab");
	/* 8 fault (less a refused fexit), 11 reclaim, 4 NUMA (less fentry) */
	assert_int_equal(n, 6 + faultx + 11 + 3 + numafault);
	assert_true(isnan(s->fault_events.interval));
	s = live_sample(&l, MINE);
	assert_true(s->fault_events.interval > 0);
	assert_true(s->reclaim_events.interval > 0);
	assert_false(isnan(s->numa_events.succeeded_rate));
	assert_true(s->reclaim_events.nr_kswapd >= 1);
	assert_int_equal(s->reclaim_events.kswapd[0].node, 0);
	assert_true(s->reclaim_events.kswapd[0].awake_share >= 0 &&
		    s->reclaim_events.kswapd[0].awake_share <= 1.01);
	live_close(&l);
}

/* ---- page faults ------------------------------------------------------------- */

#define PAGES 4096

static void touch_pages(void *arg)
{
	size_t len = (size_t)(PAGES * page_size);
	char *m = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (m == MAP_FAILED)
		_exit(2);
	madvise(m, len, MADV_NOHUGEPAGE);
	for (size_t i = 0; i < len; i += (size_t)page_size)
		m[i] = 1;
}

static const struct ms_fault_proc *fault_of(const struct ms_snapshot *s,
					    pid_t pid)
{
	const struct ms_fault_proc *p = ms_fault_find(&s->fault_events, pid);

	if (!p)
		fail_msg("pid %d has no fault counts", pid);
	return p;
}

/* A child touching N fresh pages: at least N faults of its own. */
static void pages_move_fault_counts(void **state)
{
	const struct ms_fault_proc *p;
	struct ms_snapshot *s;
	uint64_t hw0, pf0, pf1;
	static struct live l; /* teardown closes it after a failure */
	pid_t pid;

	NEED_LIVE();
	live_open(&l, &ms_bpf_ops);
	s = live_sample(&l, FAULTS);
	hw0 = s->fault_events.total.n[MS_FC_HW];
	pf0 = vmstat("pgfault");
	assert_int_equal(run_child(touch_pages, NULL, "ms-touch", &pid), 0);
	pf1 = vmstat("pgfault");
	s = live_sample(&l, FAULTS);
	p = fault_of(s, pid);
	assert_string_equal(p->comm, "ms-touch");
	fprintf(stderr,
		"# %d pages touched: %llu user faults, %llu writes of pid "
		"%d; everyone %llu (bpf), %llu (vmstat pgfault)\n",
		PAGES, (unsigned long long)p->n[MS_FC_HW],
		(unsigned long long)p->n[MS_FC_WRITE], pid,
		(unsigned long long)(s->fault_events.total.n[MS_FC_HW] - hw0),
		(unsigned long long)(pf1 - pf0));
	assert_true(p->n[MS_FC_HW] >= PAGES);
	assert_true(p->n[MS_FC_WRITE] >= PAGES);
	assert_true(pf1 - pf0 >= PAGES);
	/* user-mode faults are most of the kernel's count, never far more */
	assert_true(s->fault_events.total.n[MS_FC_HW] - hw0 <=
		    2 * (pf1 - pf0) + 1000);
	if (s->fault_events.fields & MS_FE_SPLIT) {
		assert_true(p->n[MS_FC_MINOR] >= PAGES);
		assert_true(p->n[MS_FC_ANON] >= PAGES);
	}
	assert_true(p->rate[MS_FC_HW] > 0);
	live_close(&l);
}

/* Writes to pages shared with a parent after fork: copy-on-write. */
static void write_after_fork(void *arg)
{
	char *m = arg;

	for (long i = 0; i < PAGES; i++)
		m[i * page_size] = 2;
}

static void cow_faults(void **state)
{
	size_t len = (size_t)(PAGES * page_size);
	const struct ms_fault_proc *p;
	struct ms_snapshot *s;
	static struct live l; /* teardown closes it after a failure */
	pid_t pid;
	char *m;

	NEED_LIVE();
	m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	assert_true(m != MAP_FAILED);
	madvise(m, len, MADV_NOHUGEPAGE);
	memset(m, 1, len);
	live_open(&l, &ms_bpf_ops);
	live_sample(&l, FAULTS);
	assert_int_equal(run_child(write_after_fork, m, "ms-cow", &pid), 0);
	s = live_sample(&l, FAULTS);
	p = fault_of(s, pid);
	fprintf(stderr,
		"# %d pages written after fork: %llu write-protect "
		"faults, copy-on-write %s\n",
		PAGES, (unsigned long long)p->n[MS_FC_WP],
		s->fault_events.fields & MS_FE_COW ? "counted" : "not counted");
	/* present, read-only after fork: the error code says so */
	assert_true(p->n[MS_FC_WP] >= PAGES);
	if (s->fault_events.fields & MS_FE_COW)
		assert_true(p->n[MS_FC_COW] >= PAGES);
	live_close(&l);
	munmap(m, len);
}

#define MAPS 1000

static void map_unmap(void *arg)
{
	for (int i = 0; i < MAPS; i++) {
		void *m = mmap(NULL, (size_t)page_size, PROT_READ,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (m == MAP_FAILED)
			_exit(2);
		munmap(m, (size_t)page_size);
	}
}

/* mmap and munmap take mmap_lock for writing: each wait is timed. */
static void mmap_lock_waits(void **state)
{
	const struct ms_fault_proc *p;
	struct ms_snapshot *s;
	static struct live l; /* teardown closes it after a failure */
	pid_t pid;

	NEED_LIVE();
	live_open(&l, &ms_bpf_ops);
	live_sample(&l, FAULTS);
	assert_int_equal(run_child(map_unmap, NULL, "ms-mmap", &pid), 0);
	s = live_sample(&l, FAULTS);
	p = fault_of(s, pid);
	fprintf(stderr,
		"# %d mmap+munmap: %llu mmap_lock waits, %llu ns, "
		"longest %llu ns\n",
		MAPS, (unsigned long long)p->n[MS_FC_LOCK_WAITS],
		(unsigned long long)p->n[MS_FC_LOCK_NS],
		(unsigned long long)p->lock_max_ns);
	assert_true(p->n[MS_FC_LOCK_WAITS] >= 2 * MAPS);
	assert_true(p->n[MS_FC_LOCK_NS] > 0);
	assert_true(p->lock_max_ns > 0);
	assert_true(p->lock_max_ns <= p->n[MS_FC_LOCK_NS]);
	live_close(&l);
}

/* ---- reclaim ------------------------------------------------------------------ */

#define FILE_MB 64

static char big_file[] = "/var/tmp/ms-reclaim-XXXXXX";

/* A file of FILE_MB on disk, not in the page cache. */
static void make_big_file(void)
{
	char buf[1 << 16];
	int fd = mkstemp(big_file);

	assert_true(fd >= 0);
	memset(buf, 'x', sizeof(buf));
	for (int i = 0; i < FILE_MB * 16; i++)
		assert_int_equal(write(fd, buf, sizeof(buf)), sizeof(buf));
	assert_int_equal(fsync(fd), 0);
	posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	close(fd);
}

static void remove_big_file(void)
{
	if (!strstr(big_file, "XXXXXX"))
		unlink(big_file);
	strcpy(big_file, "/var/tmp/ms-reclaim-XXXXXX");
}

/* In a cgroup smaller than the file: its page cache is reclaimed. */
static void read_big_file(void *arg)
{
	char buf[1 << 16];
	int fd;

	cg_join();
	fd = open(big_file, O_RDONLY);
	if (fd < 0)
		_exit(2);
	while (read(fd, buf, sizeof(buf)) > 0)
		;
	close(fd);
}

static uint64_t hist_sum(const struct ms_latency *l)
{
	uint64_t n = 0;

	for (int i = 0; i < MS_BPF_HIST; i++)
		n += l->hist[i];
	return n;
}

static const struct ms_reclaimer *reclaimer(const struct ms_snapshot *s,
					    pid_t pid)
{
	for (int i = 0; i < s->reclaim_events.nr_procs; i++)
		if (s->reclaim_events.procs[i].pid == pid)
			return &s->reclaim_events.procs[i];
	return NULL;
}

/* A cgroup at its limit reclaims: the stall histogram fills. */
static void cgroup_reclaim_fills_histogram(void **state)
{
	uint64_t hits0, hits1, as0, as1, mc0, dr0;
	const struct ms_reclaim_events *e;
	const struct ms_reclaimer *r;
	struct ms_snapshot *s;
	static struct live l; /* teardown closes it after a failure */
	pid_t pid;

	NEED_LIVE();
	make_big_file();
	cg_make(16);
	live_open(&l, &ms_bpf_ops);
	s = live_sample(&l, RECLAIM);
	mc0 = s->reclaim_events.memcg.count;
	dr0 = s->reclaim_events.direct.count;
	hits0 = cg_limit_hits();
	as0 = vmstat("allocstall");
	assert_int_equal(run_child(read_big_file, NULL, "ms-reclaim", &pid), 0);
	as1 = vmstat("allocstall");
	hits1 = cg_limit_hits();
	s = live_sample(&l, RECLAIM);
	e = &s->reclaim_events;
	r = reclaimer(s, pid);
	fprintf(stderr,
		"# %d MB read in a 16 MB cgroup: %llu memcg reclaims "
		"(mean %.0f us, max %llu us, %llu pages), limit hit %llu "
		"times; direct %llu (bpf), allocstall %llu (vmstat)\n",
		FILE_MB, (unsigned long long)(e->memcg.count - mc0),
		e->memcg.count ? (double)e->memcg.total_ns /
					 (double)e->memcg.count / 1e3 :
				 0,
		(unsigned long long)(e->memcg.max_ns / 1000),
		(unsigned long long)e->memcg_reclaimed,
		(unsigned long long)(hits1 - hits0),
		(unsigned long long)(e->direct.count - dr0),
		(unsigned long long)(as1 - as0));
	assert_true(hits1 > hits0);
	assert_true(e->memcg.count > mc0);
	assert_true(e->memcg_reclaimed > 0);
	/*
	 * A reclaim follows a failed charge (v1 also counts failures that
	 * retry with a smaller batch); v2 counts each reclaim attempt.
	 */
	assert_true(e->memcg.count - mc0 <= hits1 - hits0);
	if (cg.v2)
		assert_true(e->memcg.count - mc0 >= (hits1 - hits0) / 2);
	assert_int_equal(hist_sum(&e->memcg), e->memcg.count);
	assert_int_equal(hist_sum(&e->stall), e->stall.count);
	assert_int_equal(e->stall.count, e->direct.count + e->memcg.count);
	assert_false(isnan(e->stall.last));
	assert_true(e->stall.rate > 0);
	/* global direct reclaim: the same events as vmstat's allocstall */
	assert_true(e->direct.count - dr0 <= (as1 - as0) + 2);
	assert_true(as1 - as0 <= e->direct.count - dr0 + 2);
	/* and per process */
	assert_non_null(r);
	assert_string_equal(r->comm, "ms-reclaim");
	assert_true(r->lat.count > 0);
	assert_int_equal(hist_sum(&r->lat), r->lat.count);
	live_close(&l);
	cg_remove();
	remove_big_file();
}

#define OOM_MB 64

static void eat_memory(void *arg)
{
	size_t len = (size_t)OOM_MB << 20;
	char *m;

	cg_join();
	m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	if (m == MAP_FAILED)
		_exit(2);
	for (size_t i = 0; i < len; i += (size_t)page_size)
		m[i] = 1;
	_exit(4); /* not killed: the limit did not hold */
}

static const struct ms_oom_event *oom_of(const struct ms_snapshot *s, pid_t pid)
{
	for (int i = 0; i < s->reclaim_events.nr_oom; i++)
		if (s->reclaim_events.oom[i].pid == pid)
			return &s->reclaim_events.oom[i];
	return NULL;
}

/* A forced OOM in a small cgroup: the victim is in the event list. */
static void cgroup_oom_is_listed(void **state)
{
	uint64_t vm0, vm1, cgk, bpf0;
	const struct ms_oom_event *o;
	struct ms_snapshot *s;
	static struct live l; /* teardown closes it after a failure */
	double t0;
	pid_t pid;
	int st;

	NEED_LIVE();
	cg_make(8);
	live_open(&l, &ms_bpf_ops);
	s = live_sample(&l, RECLAIM);
	bpf0 = s->reclaim_events.oom_kills;
	vm0 = vmstat("oom_kill");
	t0 = real();
	st = run_child(eat_memory, NULL, "ms-oom-victim", &pid);
	vm1 = vmstat("oom_kill");
	cgk = cg_oom_kills();
	s = live_sample(&l, RECLAIM);
	assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	o = oom_of(s, pid);
	assert_non_null(o);
	fprintf(stderr,
		"# OOM kill of pid %d (%s): total_vm %llu kB, anon_rss %llu "
		"kB, file_rss %llu kB, by pid %d (%s); vmstat oom_kill +%llu, "
		"cgroup oom_kill %llu, bpf +%llu\n",
		o->pid, o->comm, (unsigned long long)o->total_vm_kb,
		(unsigned long long)o->anon_rss_kb,
		(unsigned long long)o->file_rss_kb, o->killer_pid,
		o->killer_comm, (unsigned long long)(vm1 - vm0),
		(unsigned long long)cgk,
		(unsigned long long)(s->reclaim_events.oom_kills - bpf0));
	assert_string_equal(o->comm, "ms-oom-victim");
	assert_true(o->time >= t0 - 1 && o->time <= real() + 1);
	assert_int_equal(o->uid, getuid());
	/* the victim mapped OOM_MB (its rss counts what fork gave it too) */
	assert_true(o->total_vm_kb >= (uint64_t)OOM_MB << 10);
	assert_true(o->anon_rss_kb > 0);
	assert_true(o->anon_rss_kb + o->file_rss_kb <= o->total_vm_kb);
	assert_true(vm1 - vm0 >= 1);
	assert_true(cgk >= 1);
	assert_true(s->reclaim_events.oom_kills - bpf0 >= 1);
	assert_true(s->reclaim_events.oom_kills - bpf0 <= vm1 - vm0 + 1);
	live_close(&l);
	cg_remove();
}

/* Dropping slab caches runs the shrinkers: each is timed and named. */
static void shrinkers_are_named(void **state)
{
	const struct ms_reclaim_events *e;
	struct ms_snapshot *s;
	bool super = false;
	static struct live l; /* teardown closes it after a failure */

	NEED_LIVE();
	live_open(&l, &ms_bpf_ops);
	live_sample(&l, RECLAIM);
	write_file("/proc/sys/vm/drop_caches", "2");
	s = live_sample(&l, RECLAIM);
	e = &s->reclaim_events;
	assert_true(e->nr_shrinkers > 0);
	for (int i = 0; i < e->nr_shrinkers; i++) {
		const struct ms_shrinker *sh = &e->shrinkers[i];

		if (i < 5)
			fprintf(stderr,
				"# shrinker %s: %llu calls, %.1f us "
				"mean, %llu freed\n",
				sh->name, (unsigned long long)sh->lat.count,
				(double)sh->lat.total_ns /
					(double)sh->lat.count / 1e3,
				(unsigned long long)sh->freed);
		assert_true(sh->lat.count > 0);
		assert_int_equal(hist_sum(&sh->lat), sh->lat.count);
		assert_true(sh->name[0] != '\0');
		super |= !strncmp(sh->name, "super_cache_scan", 16);
	}
	/* file systems' shrinkers, from kallsyms (no shrinker->name here) */
	assert_true(super);
	live_close(&l);
}

/* ---- NUMA: migrations ------------------------------------------------------------ */

static const struct ms_migrate_reason *reason(const struct ms_snapshot *s,
					      const char *name)
{
	for (int i = 0; i < s->numa_events.nr_reasons; i++)
		if (!strcmp(s->numa_events.reason[i].name, name))
			return &s->numa_events.reason[i];
	return NULL;
}

/* Compaction migrates pages: counted as vmstat's pgmigrate_success. */
static void compaction_migrations(void **state)
{
	const struct ms_migrate_reason *r;
	uint64_t ok0, ok1, c0, calls0;
	struct ms_snapshot *s;
	static struct live l; /* teardown closes it after a failure */

	NEED_LIVE();
	live_open(&l, &ms_bpf_ops);
	s = live_sample(&l, NUMA);
	r = reason(s, "compaction");
	assert_non_null(r);
	c0 = r->succeeded;
	calls0 = r->calls;
	ok0 = vmstat("pgmigrate_success");
	write_file("/proc/sys/vm/compact_memory", "1");
	ok1 = vmstat("pgmigrate_success");
	s = live_sample(&l, NUMA);
	r = reason(s, "compaction");
	fprintf(stderr,
		"# compact_memory: %llu migrate_pages calls, %llu "
		"pages moved (bpf), %llu (vmstat pgmigrate_success)\n",
		(unsigned long long)(r->calls - calls0),
		(unsigned long long)(r->succeeded - c0),
		(unsigned long long)(ok1 - ok0));
	assert_true(r->calls > calls0);
	/* the same migrations seen two ways, give or take others' */
	assert_true(r->succeeded - c0 <= ok1 - ok0 + 64);
	assert_true(ok1 - ok0 <= r->succeeded - c0 + 64 + (ok1 - ok0) / 10);
	assert_true(s->numa_events.succeeded >= r->succeeded);
	live_close(&l);
}

/* ---- the machinery ------------------------------------------------------------------ */

/* A refused program turns off only what it feeds. */
static void broken_oom_program(void **state)
{
	struct ms_snapshot *s;
	static struct live l; /* teardown closes it after a failure */

	NEED_LIVE();
#ifdef MS_HAVE_BPF
	ms_bpf_fault = "ms_oomvictim";
#endif
	live_open(&l, &ms_bpf_ops);
	s = live_sample(&l, RECLAIM);
	assert_true(s->have & RECLAIM);
	assert_int_equal(s->reclaim_events.fields & MS_RE_OOM, 0);
	assert_int_equal(s->reclaim_events.fields & MS_RE_SHRINK, MS_RE_SHRINK);
	assert_non_null(ms_snapshot_why(s, "bpf ms_oomvictim"));
	live_close(&l);
}

/* Each tab's group runs only while asked for. */
static void groups_attach_lazily(void **state)
{
	struct ms_snapshot *s;
	static struct live l; /* teardown closes it after a failure */

	NEED_LIVE();
	live_open(&l, &ms_bpf_ops);
	s = live_sample(&l, FAULTS);
	assert_int_equal(s->bpf.nr_groups, 1);
	assert_string_equal(s->bpf.groups[0], "fault");
	s = live_sample(&l, NUMA);
	assert_int_equal(s->bpf.nr_groups, 2); /* fault lingers */
#ifdef MS_HAVE_BPF
	s = live_idle(&l, MS_BPF_LINGER + 1);
#endif
	assert_int_equal(s->bpf.nr_groups, 0);
	live_close(&l);
}

#ifdef MS_HAVE_BPF
/* The program's name, or "" when the kernel no longer has it. */
static void prog_name(uint32_t id, char *name, size_t len)
{
	struct bpf_prog_info info = { 0 };
	__u32 ilen = sizeof(info);
	int fd = bpf_prog_get_fd_by_id(id);

	name[0] = '\0';
	if (fd < 0)
		return;
	if (!bpf_obj_get_info_by_fd(fd, &info, &ilen))
		snprintf(name, len, "%s", info.name);
	close(fd);
}
#endif

/* After close: none of our programs is left (bpf_prog_get_next_id). */
static void nothing_left_after_close(void **state)
{
#ifdef MS_HAVE_BPF
	uint32_t ids[64];
	char name[64];
	int n;
	static struct live l; /* teardown closes it after a failure */

	NEED_LIVE();
	live_open(&l, &ms_bpf_ops);
	live_sample(&l, MINE);
	n = own_ids("prog_id", ids, 64);
	assert_true(n >= 18);
	for (int i = 0; i < n; i++) {
		prog_name(ids[i], name, sizeof(name));
		/* the kernel keeps 15 characters of "ms_drbegin_btf" */
		assert_memory_equal(name, "ms_", 3);
	}
	live_close(&l);
	assert_int_equal(own_ids("prog_id", ids + n, 64 - n), 0);
	assert_int_equal(progs_left(ids, n), 0);
#else
	skip();
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(every_program_attaches, teardown),
		cmocka_unit_test_teardown(pages_move_fault_counts, teardown),
		cmocka_unit_test_teardown(cow_faults, teardown),
		cmocka_unit_test_teardown(mmap_lock_waits, teardown),
		cmocka_unit_test_teardown(cgroup_reclaim_fills_histogram,
					  teardown),
		cmocka_unit_test_teardown(cgroup_oom_is_listed, teardown),
		cmocka_unit_test_teardown(shrinkers_are_named, teardown),
		cmocka_unit_test_teardown(compaction_migrations, teardown),
		cmocka_unit_test_teardown(broken_oom_program, teardown),
		cmocka_unit_test_teardown(groups_attach_lazily, teardown),
		cmocka_unit_test_teardown(nothing_left_after_close, teardown),
	};

	page_size = sysconf(_SC_PAGESIZE);
	if (live_init(&ms_bpf_ops)) /* skips: not root, no BTF, no BPF */
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
