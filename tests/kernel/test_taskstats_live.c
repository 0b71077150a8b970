// SPDX-License-Identifier: GPL-2.0
/*
 * The taskstats backend on this machine's kernel (root, libnl): delays of
 * a live pid and a clean error for a missing one, and
 * kernel.task_delayacct turned on only when asked and put back on every
 * way out (a request that stops asking, close, a crash). (struct taskstats
 * of other kernels: tests/unit/test_taskstats.c.)
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probes/probe.h"
#include "tests/kernel/live_test.h"

#ifdef MS_HAVE_LIBNL
#include "probes/taskstats/taskstats.h"
#endif

static int delayacct0 = -1; /* the value before the tests */

#ifdef MS_HAVE_LIBNL
/* A pid that is not in use: a child's, just reaped. */
static pid_t free_pid(void)
{
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (!pid)
		_exit(0);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
	return pid;
}

static void live_and_missing_pid(void **state)
{
	struct ms_taskstats *ts;
	struct ms_task_delay d;
	char why[128] = "";
	int version = 0;

	NEED_LIVE();
	assert_int_equal(ms_taskstats_open(&ts, why, sizeof(why)), 0);
	memset(&d, 0, sizeof(d));
	assert_int_equal(ms_taskstats_query(ts, getpid(), true, &d, &version),
			 0);
	fprintf(stderr, "# struct taskstats version %d\n", version);
	assert_true(version >= 13); /* this kernel: every delay we show */
	assert_int_equal(d.pid, getpid());
	for (int k = 0; k < MS_DL_COUNT; k++)
		assert_true(ms_have(d.count[k]) && ms_have(d.ns[k]));
	/* one thread: the kernel names it (15 bytes of our name) */
	assert_int_equal(ms_taskstats_query(ts, getpid(), false, &d, &version),
			 0);
	assert_int_equal(strncmp(d.comm, program_invocation_short_name, 15), 0);
	/* a clean error, no crash, the socket still usable after */
	assert_int_equal(ms_taskstats_query(ts, free_pid(), true, &d, &version),
			 -ESRCH);
	assert_int_equal(ms_taskstats_query(ts, free_pid(), false, &d,
					    &version),
			 -ESRCH);
	assert_int_equal(ms_taskstats_query(ts, 0, true, &d, &version),
			 -EINVAL);
	assert_int_equal(ms_taskstats_query(ts, getpid(), true, &d, &version),
			 0);
	ms_taskstats_close(ts);
}
#endif

/* The delays, with delay accounting asked for or not. */
static struct ms_snapshot *live_sample(struct live *l, bool delayacct)
{
	struct ms_request req = { .sections = MS_SEC_BIT(MS_SEC_TASK_DELAYS),
				  .delayacct = delayacct };
	struct ms_snapshot *s = live_next(l);

	assert_int_equal(l->p.ops->sample(&l->p, &req, s), 0);
	return s;
}

static int delayacct(void)
{
	FILE *f = fopen("/proc/sys/kernel/task_delayacct", "r");
	int v = -1;

	assert_non_null(f);
	assert_int_equal(fscanf(f, "%d", &v), 1);
	fclose(f);
	return v;
}

static void set_delayacct(int v)
{
	FILE *f = fopen("/proc/sys/kernel/task_delayacct", "w");

	if (f) {
		fprintf(f, "%d\n", v);
		fclose(f);
	}
}

/* Whatever failed: closed, and the switch as it was. */
static int teardown(void **state)
{
	if (delayacct0 >= 0 && delayacct() != delayacct0)
		set_delayacct(delayacct0);
	return live_teardown(state);
}

#define PAGES 2048

/* Copies N pages after fork (waits on fd to exit): N COW delays. */
static pid_t cow_child(int *release)
{
	size_t len = (size_t)PAGES * (size_t)sysconf(_SC_PAGESIZE);
	int go[2], done[2];
	char *m, c;
	pid_t pid;

	m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	assert_true(m != MAP_FAILED);
	madvise(m, len, MADV_NOHUGEPAGE);
	memset(m, 1, len);
	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(done), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		close(go[1]);
		close(done[0]);
		for (size_t i = 0; i < len; i += (size_t)sysconf(_SC_PAGESIZE))
			m[i] = 2;
		if (write(done[1], "x", 1) != 1 || read(go[0], &c, 1) < 0)
			_exit(2);
		_exit(0);
	}
	close(go[0]);
	close(done[1]);
	assert_int_equal(read(done[0], &c, 1), 1); /* it has written */
	close(done[0]);
	munmap(m, len);
	*release = go[1];
	return pid;
}

static const struct ms_task_delay *delays_of(const struct ms_snapshot *s,
					     pid_t pid)
{
	return ms_task_delay_find(&s->task_delays, pid);
}

/* Asked for: turned on, COW delays counted, then put back. */
static void delayacct_on_while_asked(void **state)
{
	const struct ms_task_delay *d;
	static struct live l;
	struct ms_snapshot *s;
	int release, st;
	pid_t pid;

	NEED_LIVE();
	live_open(&l, &ms_taskstats_ops);
	s = live_sample(&l, false);
	assert_int_equal(delayacct(), delayacct0); /* not asked: untouched */
	assert_int_equal(s->task_delays.delayacct, delayacct0);
	assert_false(s->task_delays.ours);
	assert_string_equal(s->source[MS_SEC_TASK_DELAYS], "taskstats");
	s = live_sample(&l, true);
	assert_int_equal(delayacct(), 1);
	assert_int_equal(s->task_delays.delayacct, 1);
	assert_int_equal(s->task_delays.ours, delayacct0 == 0);
	pid = cow_child(&release);
	s = live_sample(&l, true);
	d = delays_of(s, pid);
	assert_non_null(d);
	fprintf(stderr,
		"# %d pages copied after fork: %llu wpcopy delays, "
		"%.3f ms\n",
		PAGES, (unsigned long long)d->count[MS_DL_WPCOPY],
		(double)d->ns[MS_DL_WPCOPY] / 1e6);
	assert_true(d->count[MS_DL_WPCOPY] >= PAGES);
	assert_true(d->ns[MS_DL_WPCOPY] > 0);
	assert_true(d->ns_rate[MS_DL_WPCOPY] > 0);
	assert_true(d->comm[0] != '\0');
	close(release);
	waitpid(pid, &st, 0);
	/* a request that stops asking puts it back */
	s = live_sample(&l, false);
	assert_int_equal(delayacct(), delayacct0);
	assert_false(s->task_delays.ours);
	/* and close does too */
	live_sample(&l, true);
	live_close(&l);
	assert_int_equal(delayacct(), delayacct0);
}

/*
 * A child turns it on and ends without close, by abort() (crash) or
 * exit(): its wait status. Skips where it was on before the tests.
 */
static int on_then_gone(bool crash)
{
	int st;
	pid_t pid;

	if (delayacct0 != 0) {
		fprintf(stderr, "# skipped: task_delayacct is already on\n");
		skip();
	}
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		static struct live l;

		live_open(&l, &ms_taskstats_ops);
		live_sample(&l, true);
		if (delayacct() != 1)
			_exit(3);
		if (crash)
			abort();
		exit(0);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	return st;
}

/* A crash while it is on: the fatal signal's handler puts it back. */
static void delayacct_back_after_crash(void **state)
{
	int st;

	NEED_LIVE();
	st = on_then_gone(true);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGABRT);
	assert_int_equal(delayacct(), 0);
}

/* And after exit() without close. */
static void delayacct_back_after_exit(void **state)
{
	int st;

	NEED_LIVE();
	st = on_then_gone(false);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	assert_int_equal(delayacct(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#ifdef MS_HAVE_LIBNL
		cmocka_unit_test(live_and_missing_pid),
#endif
		cmocka_unit_test_teardown(delayacct_on_while_asked, teardown),
		cmocka_unit_test_teardown(delayacct_back_after_crash, teardown),
		cmocka_unit_test_teardown(delayacct_back_after_exit, teardown),
	};

	if (live_init(&ms_taskstats_ops)) /* skips: not root, no libnl */
		return 1;
	if (!skip_why)
		delayacct0 = delayacct();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
