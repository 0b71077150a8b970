// SPDX-License-Identifier: GPL-2.0
/*
 * BPF fault, reclaim and NUMA groups on this machine's kernel (root, BTF):
 * every program loads or says why, workloads with known effects move the
 * counters (page faults, compaction's migrations), compared with the
 * kernel's own counters; nothing stays loaded after close. The reclaim
 * group's workloads in memory cgroups: test_bpf_reclaim_live.c.
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
#include "tests/kernel/bpf_live_test.h"

/* Whatever a failed test left: its child, its backend. */
static int teardown(void **state)
{
	reap(&live_child);
	return live_teardown(state);
}

/* ---- every program ---------------------------------------------------------- */

/* Notes of programs that did not load: only fentry/fexit ones may. */
static void only_fentry_refused(const struct ms_snapshot *s)
{
	for (int i = 0; i < s->nr_notes; i++) {
		const char *what = s->notes[i].what;

		if (!strcmp(what, "bpf ms_faultx") ||
		    !strcmp(what, "bpf ms_numafault") ||
		    !strcmp(what, "bpf ms_oomctl")) {
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
	bool faultx, numafault, oomctl;
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
	oomctl = prog_loaded(s, "ms_oomctl");
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
	/*
	 * 8 fault (less a refused fexit), 12 reclaim (less the OOM's fentry),
	 * 4 NUMA (less fentry)
	 */
	assert_int_equal(n, 6 + faultx + 11 + oomctl + 3 + numafault);
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
