// SPDX-License-Identifier: GPL-2.0
/*
 * The BPF reclaim group on this machine's kernel (root, BTF): in a memory
 * cgroup, reclaim of a file's page cache and an OOM kill move the counters
 * as the cgroup's own do and name that cgroup (a cgroup OOM), dropped slab
 * caches name their shrinkers; the cgroup is always removed. MS_CG_PREFIX
 * names the cgroup (PREFIX-PID-, then a hostile tail; mstest by default).
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

#include "model/escape.h"
#include "probes/probe.h"
#include "tests/kernel/live_test.h"
#include "tests/kernel/bpf_live_test.h"

/* ---- a memory cgroup (v2, or v1's memory hierarchy) ----------------------- */

static struct cg {
	char dir[320];
	char path[64]; /* from the hierarchy's root: "/mstest-PID-..." */
	uint64_t ino; /* of its directory: the kernel's cgroup id */
	bool v2;
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
	const char *prefix = getenv("MS_CG_PREFIX");
	struct stat st;

	if (!v) {
		fprintf(stderr, "# skipped: no memory cgroup hierarchy\n");
		skip();
	}
	cg.v2 = v == 2;
	/* an escape sequence and a byte that is no UTF-8: kept raw */
	snprintf(cg.path, sizeof(cg.path), "/%s-%d-\x1b[7m\xff",
		 prefix ? prefix : "mstest", getpid());
	snprintf(cg.dir, sizeof(cg.dir), "%s%s", base, cg.path);
	if (cg.v2) {
		snprintf(path, sizeof(path), "%s/cgroup.subtree_control", base);
		if (!contains_word(path, "memory"))
			write_file(path, "+memory");
	}
	assert_int_equal(mkdir(cg.dir, 0755), 0);
	assert_int_equal(stat(cg.dir, &st), 0);
	cg.ino = st.st_ino;
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

/* Every path: the child killed, the cgroup removed. */
static void cg_remove(void)
{
	reap(&live_child);
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

/* Whatever a failed test left: its child, cgroup, file and backend. */
static int teardown(void **state)
{
	cg_remove();
	remove_big_file();
	return live_teardown(state);
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

/* A path for the log: escaped (the test's has an escape sequence). */
static const char *esc(const char *raw)
{
	static char buf[4][4 * MS_CG_PATH + 1];
	static int i;

	i = (i + 1) % 4;
	ms_escape(buf[i], sizeof(buf[i]), raw, strlen(raw));
	return buf[i];
}

/* The test's cgroup among those that stalled, or NULL. */
static const struct ms_cg_reclaim *cg_stalled(const struct ms_snapshot *s)
{
	for (int i = 0; i < s->reclaim_events.nr_cgroups; i++)
		if (!strcmp(s->reclaim_events.cgroups[i].path, cg.path))
			return &s->reclaim_events.cgroups[i];
	return NULL;
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
	const struct ms_cg_reclaim *c;
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
	/* and per memory cgroup: the child's, by its path and inode */
	c = cg_stalled(s);
	assert_non_null(c);
	fprintf(stderr,
		"# cgroup %s (id %llu): %llu memcg stalls, %llu pages; %llu "
		"direct\n",
		esc(c->path), (unsigned long long)c->id,
		(unsigned long long)c->memcg.count,
		(unsigned long long)c->memcg_reclaimed,
		(unsigned long long)c->direct.count);
	assert_int_equal(c->id, cg.ino);
	assert_true(c->memcg.count > 0);
	assert_true(c->memcg.count <= e->memcg.count - mc0);
	assert_true(c->memcg_reclaimed > 0);
	assert_int_equal(hist_sum(&c->memcg), c->memcg.count);
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
	/* a cgroup's OOM, in the victim's cgroup: its limit ran out */
	fprintf(stderr, "# OOM cgroup %s (id %llu), scope %d by %d, at %s\n",
		esc(o->cgroup), (unsigned long long)o->cgroup_id, o->scope,
		o->scope_by, o->oom_cgroup[0] ? esc(o->oom_cgroup) : "-");
	assert_string_equal(o->cgroup, cg.path);
	assert_int_equal(o->cgroup_id, cg.ino);
	assert_int_equal(o->scope, MS_OOM_CGROUP);
	assert_int_not_equal(o->scope_by, MS_OOM_BY_NONE);
	if (o->scope_by == MS_OOM_BY_CONTROL) {
		assert_string_equal(o->oom_cgroup, cg.path);
		assert_int_equal(o->oom_cgroup_id, cg.ino);
	}
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(cgroup_reclaim_fills_histogram,
					  teardown),
		cmocka_unit_test_teardown(cgroup_oom_is_listed, teardown),
		cmocka_unit_test_teardown(shrinkers_are_named, teardown),
	};

	page_size = sysconf(_SC_PAGESIZE);
	if (live_init(&ms_bpf_ops)) /* skips: not root, no BTF, no BPF */
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
