// SPDX-License-Identifier: GPL-2.0
/*
 * The live process list as the explorer gets it, while a child grows by
 * 500 MB and frees it again: its PSS is never shown unmarked against an
 * RSS it was not read with, shows once re-read, and a full sample (batch
 * mode) reads it at once. Asserts on the ages the reader reports, never
 * on how fast this machine is.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probes/probe.h"
#include "tests/kernel/live_test.h"

#define GROW (500ULL << 20)
#define GROWN_KB (450ULL << 10) /* what the child's PSS shows, grown */
#define FREED_KB (100ULL << 10) /* ... and freed */
#define INTERVAL_US 250000 /* the explorer at -d 0.25 */
#define POLLS 480 /* samples to wait at most: 2 minutes */

static pid_t child = -1;
static int cmd = -1, ack = -1;

/* The child: 'g' maps and touches GROW bytes, 'f' unmaps them; acks each. */
static void grower(int in, int out)
{
	void *m = MAP_FAILED;
	char c;

	while (read(in, &c, 1) == 1) {
		if (c == 'g') {
			m = mmap(NULL, GROW, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (m == MAP_FAILED)
				_exit(2);
			memset(m, 1, GROW);
		} else if (c == 'f' && m != MAP_FAILED) {
			munmap(m, GROW);
			m = MAP_FAILED;
		}
		if (write(out, &c, 1) != 1)
			_exit(3);
	}
	_exit(0);
}

static void child_start(void)
{
	int down[2], up[2];

	assert_int_equal(pipe(down), 0);
	assert_int_equal(pipe(up), 0);
	child = fork();
	assert_true(child >= 0);
	if (!child) {
		close(down[1]);
		close(up[0]);
		grower(down[0], up[1]);
	}
	close(down[0]);
	close(up[1]);
	cmd = down[1];
	ack = up[0];
}

/* Ask the child for c and wait until it has done it. */
static void child_do(char c)
{
	char got = 0;

	assert_int_equal(write(cmd, &c, 1), 1);
	assert_int_equal(read(ack, &got, 1), 1);
	assert_int_equal(got, c);
}

static int child_stop(void **state)
{
	if (child > 0) {
		close(cmd);
		close(ack);
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
		child = -1;
	}
	return live_teardown(state);
}

static const struct ms_proc *the_child(const struct ms_snapshot *s)
{
	for (int i = 0; i < s->procs.n; i++)
		if (s->procs.v[i].pid == child)
			return &s->procs.v[i];
	fail_msg("the child (%d) is not in the sample", child);
	return NULL;
}

/*
 * What a sample may show of the child: values not marked stale are at
 * most the bound old and belong to its RSS (PSS never above it, and all
 * of it once it is large: the child's memory is its own).
 */
static void check(const struct ms_proc *p, double bound)
{
	if (ms_proc_stale(p, bound))
		return;
	assert_true(p->detail_age_s <= bound);
	assert_true(ms_have(p->rss_kb) && ms_have(p->pss_kb));
	if (p->pss_kb > p->rss_kb + p->rss_kb / 8 + 1024)
		fail_msg(
			"PSS %llu kB unmarked against RSS %llu kB (read %.1f s "
			"ago at RSS %llu kB)",
			(unsigned long long)p->pss_kb,
			(unsigned long long)p->rss_kb, p->detail_age_s,
			(unsigned long long)p->detail_rss_kb);
	if (p->rss_kb >= GROWN_KB + GROWN_KB / 8 && p->pss_kb < GROWN_KB)
		fail_msg("PSS %llu kB unmarked against RSS %llu kB",
			 (unsigned long long)p->pss_kb,
			 (unsigned long long)p->rss_kb);
}

/*
 * Sample as the explorer does until the child's PSS, not marked, is
 * grown (or freed); every sample on the way passes check(). Returns
 * how many samples it took.
 */
static int until_shown(struct live *l, bool grown)
{
	struct ms_request req = { .sections = MS_SEC_BIT(MS_SEC_PROCS) };
	double bound = ms_proc_age_bound(INTERVAL_US / 1e6);

	for (int k = 1; k <= POLLS; k++) {
		const struct ms_proc *p;

		usleep(INTERVAL_US);
		p = the_child(live_take(l, &req));
		check(p, bound);
		if (!ms_proc_stale(p, bound) &&
		    (grown ? p->pss_kb >= GROWN_KB : p->pss_kb < FREED_KB)) {
			fprintf(stderr,
				"# %s: PSS %llu kB, RSS %llu kB after %d "
				"samples, read %.2f s before the last\n",
				grown ? "grown" : "freed",
				(unsigned long long)p->pss_kb,
				(unsigned long long)p->rss_kb, k,
				p->detail_age_s);
			return k;
		}
	}
	fail_msg("the child's PSS was not shown %s in %d samples",
		 grown ? "grown" : "freed", POLLS);
	return -1;
}

static void explorer_grow_and_free(void **state)
{
	struct ms_request req = { .sections = MS_SEC_BIT(MS_SEC_PROCS) };
	static struct live l;
	int k;

	NEED_LIVE();
	live_open(&l, &ms_procfs_ops);
	live_take(&l, &req);
	child_start();
	/* new: read first, at least one new process a sample */
	for (k = 0; k < POLLS; k++) {
		usleep(INTERVAL_US);
		if (the_child(live_take(&l, &req))->detail_age_s == 0)
			break;
	}
	assert_true(k < POLLS);
	/* some idle samples, so it is no longer new */
	for (int i = 0; i < 4; i++) {
		usleep(INTERVAL_US);
		check(the_child(live_take(&l, &req)), 5.0);
	}
	child_do('g');
	until_shown(&l, true);
	child_do('f');
	until_shown(&l, false);
	live_close(&l);
}

/* Batch mode asks for full samples: the first one after a change has it. */
static void batch_grow_and_free(void **state)
{
	struct ms_request req = { .sections = MS_SEC_BIT(MS_SEC_PROCS),
				  .procs_full = true };
	const struct ms_proc *p;
	struct ms_snapshot *s;
	static struct live l;

	NEED_LIVE();
	live_open(&l, &ms_procfs_ops);
	child_start();
	live_take(&l, &req);
	child_do('g');
	s = live_take(&l, &req);
	for (int i = 0; i < s->procs.n; i++)
		assert_true(s->procs.v[i].detail_age_s == 0);
	p = the_child(s);
	assert_true(p->pss_kb >= GROWN_KB);
	assert_true(p->rss_kb >= GROWN_KB);
	check(p, 5.0);
	child_do('f');
	p = the_child(live_take(&l, &req));
	assert_true(p->detail_age_s == 0);
	assert_true(p->pss_kb < FREED_KB);
	check(p, 5.0);
	live_close(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(explorer_grow_and_free, child_stop),
		cmocka_unit_test_teardown(batch_grow_and_free, child_stop),
	};

	if (live_init(&ms_procfs_ops))
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
