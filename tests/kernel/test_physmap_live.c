// SPDX-License-Identifier: GPL-2.0
/*
 * The physical memory map of this machine (root, /proc/kpageflags) while
 * a child touches 2 GiB of anonymous memory in small pages: at least 800
 * more pageblocks turn anon (2 GiB is 1024 of them), and the map agrees
 * with the census of the same pass.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model/field.h"
#include "probes/procfs/census.h"
#include "probes/procfs/procfs.h"
#include "probes/root.h"

#define TOUCH (2ULL << 30)
#define MORE_ANON 800 /* blocks */

static pid_t child = -1;

/* A whole pass of the census with the map, on the live root. */
static void pass(struct ms_procfs *pf, struct ms_snapshot *s)
{
	struct ms_root r;

	assert_int_equal(ms_root_open(&r, NULL), 0);
	ms_snapshot_reset(s);
	assert_int_equal(ms_procfs_census(&r, pf, true, true, s), 0);
	ms_root_close(&r);
}

static uint64_t blocks(const struct ms_physmap *m, enum ms_pm_kind k)
{
	uint64_t n = 0;

	for (int i = 0; i < m->nr_zones; i++)
		n += m->zones[i].counts[k];
	return n;
}

/*
 * The map and the census are one pass: every block read, its letters
 * counted, each zone's blocks' pages the census's per kind (the census's
 * own checks against the kernel's counters are test_census's: other
 * processes move those counters while a pass reads).
 */
static void agrees(const struct ms_snapshot *s)
{
	const struct ms_physmap *m = &s->physmap;
	const struct ms_census *c = &s->census;

	assert_int_equal(m->nr_zones, c->nr_zones);
	for (int i = 0; i < m->nr_zones; i++) {
		const struct ms_pm_zone *z = &m->zones[i];
		uint64_t sum[MS_CK_N] = { 0 }, letters = 0;

		assert_int_equal(z->nr_bk, strlen(z->blocks));
		assert_null(strchr(z->blocks, '?'));
		for (int k = 0; k < MS_PK_N; k++)
			letters += z->counts[k];
		assert_int_equal(letters, z->nr_bk);
		for (int b = 0; b < z->nr_bk; b++)
			for (int k = 0; k < MS_CK_N; k++)
				sum[k] += z->bk[b].kind[k];
		for (int k = 0; k < MS_CK_N; k++)
			assert_int_equal(sum[k], c->zones[i].kind[k]);
	}
}

static void toucher(int out)
{
	char *p = mmap(NULL, TOUCH, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		_exit(2);
	/* small pages: the blocks turn anon, not THP */
	madvise(p, TOUCH, MADV_NOHUGEPAGE);
	for (uint64_t i = 0; i < TOUCH; i += 4096)
		p[i] = 1;
	if (write(out, "t", 1) != 1)
		_exit(3);
	pause();
	_exit(0);
}

static void anon_2g(void **state)
{
	struct ms_procfs pf;
	struct ms_snapshot s;
	uint64_t before, after, pages0;
	int up[2];
	char c;

	(void)state;
	if (getuid() || access("/proc/kpageflags", R_OK)) {
		fprintf(stderr, "# skipped: needs root and /proc/kpageflags\n");
		skip();
	}
	memset(&pf, 0, sizeof(pf));
	ms_snapshot_init(&s);
	pass(&pf, &s);
	agrees(&s);
	before = blocks(&s.physmap, MS_PK_ANON);
	pages0 = s.census.kind[MS_CK_ANON];
	assert_int_equal(pipe(up), 0);
	child = fork();
	assert_true(child >= 0);
	if (!child) {
		close(up[0]);
		toucher(up[1]);
	}
	close(up[1]);
	assert_int_equal(read(up[0], &c, 1), 1);
	close(up[0]);
	pass(&pf, &s);
	after = blocks(&s.physmap, MS_PK_ANON);
	print_message("# anon blocks %llu -> %llu, anon pages %llu -> %llu\n",
		      (unsigned long long)before, (unsigned long long)after,
		      (unsigned long long)pages0,
		      (unsigned long long)s.census.kind[MS_CK_ANON]);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	child = -1;
	assert_true(after >= before + MORE_ANON);
	assert_true(s.census.kind[MS_CK_ANON] >=
		    pages0 + (TOUCH >> 12) * 9 / 10);
	agrees(&s);
	ms_snapshot_free(&s);
	ms_procfs_fini(&pf);
}

static int teardown(void **state)
{
	(void)state;
	if (child > 0) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
	}
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(anon_2g, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
