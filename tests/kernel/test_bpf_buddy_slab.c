// SPDX-License-Identifier: GPL-2.0
/*
 * The BPF buddy and slab groups on this machine's kernel (root, BTF): every
 * program loads and attaches, known workloads move the counters, a broken
 * program turns off only its fields, nothing stays attached or mounted
 * after close. (The fault, reclaim and NUMA groups: test_bpf_live.c.)
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "probes/probe.h"
#include "tests/kernel/live_test.h"

#define TRACEFS "/sys/kernel/tracing"
#define TRACEFS_MAGIC 0x74726163

/* The buddy and slab groups (other groups have tests of their own). */
#define MINE (MS_SEC_BIT(MS_SEC_BUDDY_EVENTS) | MS_SEC_BIT(MS_SEC_SLAB_EVENTS))

/*
 * One sample as the manager takes it (call sites of cache); returns it.
 * The workloads run in this process, which the programs would leave out
 * as memscope's own: count them.
 */
static struct ms_snapshot *live_sample(struct live *l, unsigned int secs,
				       const char *cache)
{
	struct ms_request req = { .sections = secs, .include_self = true };

	if (cache)
		snprintf(req.slab_cache, sizeof(req.slab_cache), "%s", cache);
	return live_take(l, &req);
}

static void no_program_notes(const struct ms_snapshot *s)
{
	for (int i = 0; i < s->nr_notes; i++) {
		if (!strncmp(s->notes[i].what, "bpf ", 4) ||
		    strstr(s->notes[i].what, "_events"))
			fail_msg("%s: %s", s->notes[i].what, s->notes[i].why);
	}
}

static void every_program_attaches(void **state)
{
	unsigned int slab_fields = MS_SE_CACHE_ALLOC | MS_SE_CACHE_FREE |
				   MS_SE_KMALLOC | MS_SE_CALLSITES;
	struct live l;
	struct ms_snapshot *s;
	int buddy = 0, slab = 0;
	bool kfunc = false;

	NEED_LIVE();
	live_open(&l, &ms_bpf_ops);
	s = live_sample(&l, MINE, NULL);
	no_program_notes(s);
	assert_int_equal(s->have & MINE, MINE);
	assert_string_equal(s->source[MS_SEC_BUDDY_EVENTS], "bpf");
	assert_string_equal(s->source[MS_SEC_SLAB_EVENTS], "bpf");
	assert_int_equal(s->buddy_events.fields, MS_BE_ALLOC | MS_BE_FREE |
							 MS_BE_EXTFRAG |
							 MS_BE_COMPACT);
	assert_int_equal(s->bpf.nr_groups, 2);
	for (int i = 0; i < s->bpf.nr_progs; i++) {
		const char *n = s->bpf.progs[i].name;

		buddy += !strcmp(s->bpf.progs[i].group, "buddy");
		slab += !strcmp(s->bpf.progs[i].group, "slab");
		/* one twin of each: tp_btf, or raw_tp where the kernel's
		 * tp_btf refuses the program (6.1: void * arguments) */
		assert_true(strstr(n, "_btf") || strstr(n, "_raw"));
		kfunc |= !strncmp(n, "ms_kfree_", 9);
	}
	/* 6.13+ (bpf_get_kmem_cache): kfree per cache; else a sum */
	assert_int_equal(s->slab_events.fields,
			 slab_fields | (kfunc ? MS_SE_KFREE : 0));
	assert_int_equal(buddy, 5);
	assert_int_equal(slab, 4);
	/* the first sample after an attach has counts, not rates */
	assert_true(isnan(s->buddy_events.interval));
	assert_true(isnan(s->buddy_events.alloc_rate[0]));
	s = live_sample(&l, MINE, NULL);
	assert_true(s->buddy_events.interval > 0);
	assert_false(isnan(s->buddy_events.alloc_rate[0]));
	assert_true(s->bpf.stats);
	live_close(&l);
}

static uint64_t order0_allocs(const struct ms_buddy_events *e)
{
	uint64_t n = 0;

	for (int t = 0; t < e->nr_migrate; t++)
		n += e->alloc[t][0];
	return n;
}

static uint64_t pages_allocated(const struct ms_buddy_events *e)
{
	uint64_t n = 0;

	for (int t = 0; t < e->nr_migrate; t++)
		for (int o = 0; o < e->nr_orders; o++)
			n += e->alloc[t][o] << o;
	return n;
}

/* Touching N fresh pages: at least N order-0 allocations. */
static void pages_move_buddy_counts(void **state)
{
	const long pg = sysconf(_SC_PAGESIZE), n = 4096;
	uint64_t a0, a1, p0, p1, v0, v1;
	struct ms_snapshot *s;
	struct live l;
	char *m;

	NEED_LIVE();
	live_open(&l, &ms_bpf_ops);
	s = live_sample(&l, MS_SEC_BIT(MS_SEC_BUDDY_EVENTS), NULL);
	a0 = order0_allocs(&s->buddy_events);
	p0 = pages_allocated(&s->buddy_events);
	v0 = vmstat("pgalloc");
	m = mmap(NULL, (size_t)(n * pg), PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(m != MAP_FAILED);
	madvise(m, (size_t)(n * pg), MADV_NOHUGEPAGE);
	memset(m, 1, (size_t)(n * pg));
	munmap(m, (size_t)(n * pg));
	v1 = vmstat("pgalloc");
	s = live_sample(&l, MS_SEC_BIT(MS_SEC_BUDDY_EVENTS), NULL);
	a1 = order0_allocs(&s->buddy_events);
	p1 = pages_allocated(&s->buddy_events);
	fprintf(stderr,
		"# %ld pages touched: %llu order-0 allocations, "
		"%llu pages (bpf), %llu pages (vmstat pgalloc_*)\n",
		n, (unsigned long long)(a1 - a0), (unsigned long long)(p1 - p0),
		(unsigned long long)(v1 - v0));
	assert_true(a1 - a0 >= (uint64_t)n);
	assert_true(v1 - v0 >= (uint64_t)n);
	/* the same allocations seen two ways (vmstat also counts bulk ones) */
	assert_true(p1 - p0 >= (v1 - v0) / 2);
	assert_true(p1 - p0 <= (v1 - v0) * 2);
	assert_true(s->buddy_events.free[0] > 0);
	live_close(&l);
}

static const struct ms_slab_rate *rate_of(const struct ms_slab_events *e,
					  const char *name)
{
	for (int i = 0; i < e->n; i++)
		if (!strcmp(e->v[i].name, name))
			return &e->v[i];
	return NULL;
}

static uint64_t allocs_of(const struct ms_slab_events *e, const char *name)
{
	const struct ms_slab_rate *r = rate_of(e, name);

	return r ? r->allocs : 0;
}

/* New names each time: an unlinked name's dentry stays cached. */
static void churn(const char *dir, int k)
{
	static int gen;
	char path[4096];

	gen++;
	for (int i = 0; i < k; i++) {
		int fd;

		snprintf(path, sizeof(path), "%s/f%d.%d", dir, gen, i);
		fd = open(path, O_CREAT | O_WRONLY | O_EXCL, 0600);
		assert_true(fd >= 0);
		close(fd);
		assert_int_equal(unlink(path), 0);
	}
}

/* The inode cache of the file system dir is on: the busiest *inode* one. */
static const char *inode_cache(const struct ms_slab_events *a,
			       const struct ms_slab_events *b)
{
	const char *best = NULL;
	uint64_t most = 0;

	for (int i = 0; i < b->n; i++) {
		uint64_t d;

		if (!strstr(b->v[i].name, "inode"))
			continue;
		d = b->v[i].allocs - allocs_of(a, b->v[i].name);
		if (d > most) {
			most = d;
			best = b->v[i].name;
		}
	}
	return best;
}

/* Creating and removing K files: K dentries and K inodes at least. */
static void files_move_slab_counts(void **state)
{
	const int k = 2000;
	char dir[] = "/tmp/ms-bpf-XXXXXX";
	struct ms_slab_events before = { 0 };
	struct ms_snapshot *s;
	const char *ic;
	struct live l;

	NEED_LIVE();
	assert_non_null(mkdtemp(dir));
	live_open(&l, &ms_bpf_ops);
	s = live_sample(&l, MS_SEC_BIT(MS_SEC_SLAB_EVENTS), NULL);
	before = s->slab_events; /* stays valid: s is not sampled again */
	churn(dir, k);
	s = live_sample(&l, MS_SEC_BIT(MS_SEC_SLAB_EVENTS), NULL);
	ic = inode_cache(&before, &s->slab_events);
	assert_non_null(ic);
	fprintf(stderr, "# %d files: dentry +%llu, %s +%llu\n", k,
		(unsigned long long)(allocs_of(&s->slab_events, "dentry") -
				     allocs_of(&before, "dentry")),
		ic,
		(unsigned long long)(allocs_of(&s->slab_events, ic) -
				     allocs_of(&before, ic)));
	assert_true(allocs_of(&s->slab_events, "dentry") -
			    allocs_of(&before, "dentry") >=
		    (uint64_t)k);
	assert_true(allocs_of(&s->slab_events, ic) - allocs_of(&before, ic) >=
		    (uint64_t)k);
	/* and the rates reach slabinfo's caches by name */
	assert_true(rate_of(&s->slab_events, "dentry")->alloc_rate > 0);
	assert_int_equal(rate_of(&s->slab_events, "dentry")->objsize, 192);
	live_close(&l);
	rmdir(dir);
}

/* Open, read and close a /proc file n times, as memscope's sampling does. */
static void proc_reads(int n)
{
	char buf[512];

	for (int i = 0; i < n; i++) {
		int fd = open("/proc/self/stat", O_RDONLY);

		assert_true(fd >= 0);
		assert_true(read(fd, buf, sizeof(buf)) > 0);
		close(fd);
	}
}

/*
 * memscope's own events are left out by default: its /proc reads go to
 * the count of skipped events (which only this process can raise, so no
 * other activity on the machine disturbs the check), and with
 * include_self they are counted in names_cache again.
 */
static void own_activity_excluded(void **state)
{
	const int n = 20000; /* each a names_cache and a filp allocation */
	struct ms_request out = { .sections = MINE };
	struct ms_request in = { .sections = MINE, .include_self = true };
	struct ms_slab_events before;
	struct ms_snapshot *s;
	uint64_t skipped;
	struct live l;

	NEED_LIVE();
	live_open(&l, &ms_bpf_ops);
	s = live_take(&l, &out);
	assert_true(s->bpf.own_excluded);
	assert_true(ms_have(s->bpf.own_events));
	skipped = s->bpf.own_events;
	proc_reads(n);
	s = live_take(&l, &out);
	fprintf(stderr, "# %d reads excluded: %llu own events left out\n", n,
		(unsigned long long)(s->bpf.own_events - skipped));
	/* names_cache and filp, allocated and freed: four per read */
	assert_true(s->bpf.own_events - skipped >= 2 * (uint64_t)n);
	/* counted: the skipped count stops, names_cache takes them */
	s = live_take(&l, &in);
	assert_false(s->bpf.own_excluded);
	assert_false(ms_have(s->bpf.own_events));
	before = s->slab_events;
	proc_reads(n);
	s = live_take(&l, &in);
	fprintf(stderr, "# %d reads counted: names_cache +%llu\n", n,
		(unsigned long long)(allocs_of(&s->slab_events, "names_cache") -
				     allocs_of(&before, "names_cache")));
	assert_true(allocs_of(&s->slab_events, "names_cache") -
			    allocs_of(&before, "names_cache") >=
		    (uint64_t)n);
	/* and left out again: the same count as before, going on */
	s = live_take(&l, &out);
	assert_true(s->bpf.own_excluded);
	skipped = s->bpf.own_events;
	proc_reads(n);
	s = live_take(&l, &out);
	assert_true(s->bpf.own_events - skipped >= 2 * (uint64_t)n);
	live_close(&l);
}

/* The drill-down: stacks of one cache only, named from kallsyms. */
static void callsites_of_dentry(void **state)
{
	char dir[] = "/tmp/ms-bpf-XXXXXX";
	struct ms_snapshot *s;
	bool d_alloc = false;
	struct live l;

	NEED_LIVE();
	assert_non_null(mkdtemp(dir));
	live_open(&l, &ms_bpf_ops);
	churn(dir, 10); /* so the cache has a slot to point at */
	live_sample(&l, MS_SEC_BIT(MS_SEC_SLAB_EVENTS), "dentry");
	churn(dir, 500);
	s = live_sample(&l, MS_SEC_BIT(MS_SEC_SLAB_EVENTS), "dentry");
	fprintf(stderr, "# dentry: %llu allocations from %d stacks\n",
		(unsigned long long)s->slab_events.target_allocs,
		s->slab_events.nr_sites);
	assert_string_equal(s->slab_events.target, "dentry");
	assert_true(s->slab_events.nr_sites > 0);
	assert_true(s->slab_events.target_allocs >= 500);
	for (int i = 0; i < s->slab_events.nr_sites; i++)
		for (int f = 0; f < s->slab_events.sites[i].depth; f++)
			d_alloc |= !strncmp(s->slab_events.sites[i].sym[f],
					    "d_alloc", 7);
	fprintf(stderr, "# dentry's busiest call site: %s < %s\n",
		s->slab_events.sites[0].sym[0],
		s->slab_events.sites[0].depth > 1 ?
			s->slab_events.sites[0].sym[1] :
			"");
	assert_true(d_alloc);
	/* closing the drill-down stops the collection */
	s = live_sample(&l, MS_SEC_BIT(MS_SEC_SLAB_EVENTS), NULL);
	assert_int_equal(s->slab_events.nr_sites, 0);
	live_close(&l);
	rmdir(dir);
}

/* A program the verifier refuses turns off only the fields it feeds. */
static void broken_program_turns_off_its_fields(void **state)
{
	struct ms_snapshot *s;
	struct live l;
	bool noted = false;

	NEED_LIVE();
#ifdef MS_HAVE_BPF
	ms_bpf_fault = "ms_pgfree";
#endif
	live_open(&l, &ms_bpf_ops);
	s = live_sample(&l, MS_SEC_BIT(MS_SEC_BUDDY_EVENTS), NULL);
#ifdef MS_HAVE_BPF
	ms_bpf_fault = NULL;
#endif
	assert_true(s->have & MS_SEC_BIT(MS_SEC_BUDDY_EVENTS));
	assert_int_equal(s->buddy_events.fields,
			 MS_BE_ALLOC | MS_BE_EXTFRAG | MS_BE_COMPACT);
	for (int i = 0; i < s->nr_notes; i++)
		if (!strcmp(s->notes[i].what, "bpf ms_pgfree")) {
			fprintf(stderr, "# note: %s: %s\n", s->notes[i].what,
				s->notes[i].why);
			/* the verifier's own words */
			noted = strstr(s->notes[i].why, "invalid bpf_context "
							"access") != NULL;
		}
	assert_true(noted);
	live_close(&l);
}

/* Groups nobody asks for are detached after MS_BPF_LINGER seconds. */
static void idle_groups_detach(void **state)
{
	struct ms_snapshot *s;
	struct live l;

	NEED_LIVE();
	live_open(&l, &ms_bpf_ops);
	s = live_sample(&l, MS_SEC_BIT(MS_SEC_SLAB_EVENTS), NULL);
	assert_int_equal(s->bpf.nr_groups, 1);
	assert_string_equal(s->bpf.groups[0], "slab");
	s = live_idle(&l, 1);
	assert_int_equal(s->bpf.nr_groups, 1); /* lingers a little */
#ifdef MS_HAVE_BPF
	s = live_idle(&l, MS_BPF_LINGER); /* MS_BPF_LINGER + 1 after it */
#endif
	assert_int_equal(s->bpf.nr_groups, 0);
	assert_false(s->bpf.stats); /* run-time stats off with the groups */
	live_close(&l);
}

#ifdef MS_HAVE_BPF
static bool link_exists(uint32_t id)
{
	int fd = bpf_link_get_fd_by_id(id);

	if (fd >= 0)
		close(fd);
	return fd >= 0 || errno != ENOENT;
}
#endif

/* After close: none of our programs or links is left in the kernel. */
static void nothing_left_after_close(void **state)
{
#ifdef MS_HAVE_BPF
	uint32_t progs[64], links[64];
	int np, nl;
	struct live l;

	NEED_LIVE();
	live_open(&l, &ms_bpf_ops);
	live_sample(&l, MINE, NULL);
	np = own_ids("prog_id", progs, 64);
	nl = own_ids("link_id", links, 64);

	for (int i = 0; np != 9 && i < np; i++) {
		struct bpf_prog_info info = { 0 };
		__u32 len = sizeof(info);
		int fd = bpf_prog_get_fd_by_id(progs[i]);

		bpf_obj_get_info_by_fd(fd, &info, &len);
		fprintf(stderr, "# program %u: %s\n", progs[i], info.name);
		close(fd);
	}
	assert_int_equal(np, 9);
	assert_int_equal(nl, 9);
	live_close(&l);
	assert_int_equal(own_ids("prog_id", progs + np, 64 - np), 0);
	assert_int_equal(progs_left(progs, np), 0);
	for (int i = 0; i < nl; i++)
		if (link_exists(links[i]))
			fail_msg("link %u still there", links[i]);
#else
	skip();
#endif
}

static bool tracefs_mounted(void)
{
	struct statfs st;

	return !statfs(TRACEFS, &st) && st.f_type == TRACEFS_MAGIC;
}

/* tracefs: mounted for the run when missing, unmounted on close. */
static void tracefs_mounted_for_the_run(void **state)
{
	bool was = tracefs_mounted();
	struct live l;

	NEED_LIVE();
	if (was && umount(TRACEFS)) {
		fprintf(stderr, "# skipped: tracefs is mounted and busy\n");
		skip();
	}
	live_open(&l, &ms_bpf_ops);
	assert_true(tracefs_mounted());
	live_close(&l);
	assert_false(tracefs_mounted());
	if (was)
		assert_int_equal(mount("tracefs", TRACEFS, "tracefs", 0, NULL),
				 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(every_program_attaches,
					  live_teardown),
		cmocka_unit_test_teardown(pages_move_buddy_counts,
					  live_teardown),
		cmocka_unit_test_teardown(files_move_slab_counts,
					  live_teardown),
		cmocka_unit_test_teardown(callsites_of_dentry, live_teardown),
		cmocka_unit_test_teardown(own_activity_excluded, live_teardown),
		cmocka_unit_test_teardown(broken_program_turns_off_its_fields,
					  live_teardown),
		cmocka_unit_test_teardown(idle_groups_detach, live_teardown),
		cmocka_unit_test_teardown(nothing_left_after_close,
					  live_teardown),
		cmocka_unit_test_teardown(tracefs_mounted_for_the_run,
					  live_teardown),
	};

	if (live_init(&ms_bpf_ops)) /* skips: not root, no BTF, no BPF */
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
