// SPDX-License-Identifier: GPL-2.0
/*
 * What a killed memscope left changed, put back at the next start
 * (probes/undo.c); what a crashed one changed, put back as it dies
 * (probes/undo_guard.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probes/procfs/procfs.h"
#include "probes/undo.h"

#define ADMIN "/sys/kernel/mm/damon/admin/kdamonds/"

static int parse(const char *s, struct ms_undo *u)
{
	return ms_undo_parse(s, strlen(s), u);
}

static void records(void **state)
{
	struct ms_undo u;

	assert_int_equal(parse("/proc/sys/kernel/task_delayacct 0 42 9\n", &u),
			 0);
	assert_string_equal(u.path, "/proc/sys/kernel/task_delayacct");
	assert_string_equal(u.value, "0");
	assert_int_equal(u.pid, 42);
	assert_int_equal(u.start, 9);
	assert_int_equal(parse("/proc/sys/vm/x -1 1 0", &u), 0);
	/* only sysctls are ever written back, only numbers */
	assert_int_equal(parse("/etc/passwd 0 42 9\n", &u), -EINVAL);
	assert_int_equal(parse("/proc/sys/../../etc/shadow 0 42 9", &u),
			 -EINVAL);
	assert_int_equal(parse("/proc/sys/ 0 42 9", &u), -EINVAL);
	assert_int_equal(parse("/proc/sys/kernel/x rm 42 9", &u), -EINVAL);
	assert_int_equal(parse("/proc/sys/kernel/x 0 -3 9", &u), -EINVAL);
	assert_int_equal(parse("/proc/sys/kernel/x 0 42", &u), -EINVAL);
	assert_int_equal(parse("/proc/sys/kernel/x 0 42 9 more", &u), -EINVAL);
	assert_int_equal(parse("", &u), -EINVAL);
	assert_int_equal(ms_undo_parse("/proc/sys/k\0 0 1 1", 18, &u), -EINVAL);
	/* memscope's own kdamond: its state "off", nr_kdamonds a number */
	assert_int_equal(parse("/sys/kernel/mm/damon/admin/kdamonds/0/state "
			       "off 42 9",
			       &u),
			 0);
	assert_string_equal(u.value, "off");
	assert_int_equal(parse("/sys/kernel/mm/damon/admin/kdamonds/"
			       "nr_kdamonds 0 42 9",
			       &u),
			 0);
	assert_int_equal(parse("/sys/kernel/mm/damon/admin/kdamonds/ 0 42 9",
			       &u),
			 -EINVAL);
	assert_int_equal(parse("/sys/kernel/mm/damon/admin/kdamonds/../x "
			       "0 42 9",
			       &u),
			 -EINVAL);
	assert_int_equal(parse("/sys/kernel/mm/transparent_hugepage/enabled "
			       "0 42 9",
			       &u),
			 -EINVAL);
	assert_int_equal(parse("/proc/sys/kernel/x on 42 9", &u), -EINVAL);
	/* a condition: while the kdamond's pid file reads its pid */
	assert_int_equal(
		parse(ADMIN "0/state off 42 9 " ADMIN "0/pid 777\n", &u), 0);
	assert_string_equal(u.if_path, ADMIN "0/pid");
	assert_string_equal(u.if_value, "777");
	assert_int_equal(parse(ADMIN "0/state off 42 9 " ADMIN "0/pid", &u),
			 -EINVAL);
	assert_int_equal(parse(ADMIN "0/state off 42 9 /etc/x 777", &u),
			 -EINVAL);
	assert_int_equal(parse(ADMIN "0/state off 42 9 " ADMIN "0/pid me", &u),
			 -EINVAL);
	assert_int_equal(parse(ADMIN "0/state off 42 9 " ADMIN "0/pid 7 x", &u),
			 -EINVAL);
	/* an old record has none */
	assert_int_equal(parse(ADMIN "0/state off 42 9", &u), 0);
	assert_string_equal(u.if_path, "");
}

static char dir[] = "/tmp/ms-test-undo-XXXXXX";

/* text written to base + rel */
static void put_at(const char *base, const char *rel, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", base, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static bool there_at(const char *base, const char *rel)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof(path), "%s%s", base, rel);
	return !stat(path, &st);
}

static void put(const char *name, const char *text)
{
	char rel[128];

	snprintf(rel, sizeof(rel), "/%s", name);
	put_at(dir, rel, text);
}

static bool there(const char *name)
{
	char rel[128];

	snprintf(rel, sizeof(rel), "/%s", name);
	return there_at(dir, rel);
}

/* A pid that has exited and been reaped. */
static int dead_pid(void)
{
	pid_t p = fork();

	if (!p)
		_exit(0);
	assert_true(p > 0);
	waitpid(p, NULL, 0);
	return (int)p;
}

static void recover(void **state)
{
	char msg[1024], text[128];

	assert_non_null(mkdtemp(dir));
	/* nothing to do: nothing said */
	assert_int_equal(ms_undo_recover(dir, msg, sizeof(msg)), 0);
	assert_string_equal(msg, "");
	/* our own record: a memscope that still runs keeps its change */
	assert_int_equal(ms_undo_save(dir, "mine", "/proc/sys/kernel/x", "0",
				      NULL, NULL),
			 0);
	assert_true(there("mine"));
	/* garbage is removed and said; a vanished sysctl too */
	put("junk", "rm -rf /\n");
	snprintf(text, sizeof(text), "/proc/sys/kernel/no_such_sysctl 0 %d 1\n",
		 dead_pid());
	put("gone", text);
	assert_int_equal(ms_undo_recover(dir, msg, sizeof(msg)), 0);
	assert_true(there("mine"));
	assert_false(there("junk"));
	assert_false(there("gone"));
	assert_non_null(strstr(msg, "/junk: not a record memscope wrote"));
	assert_non_null(strstr(msg, "no_such_sysctl was left changed"));
	assert_non_null(strstr(msg, "no longer exists"));
	/* a half-written record is not read */
	put("mine.tmp", "x");
	ms_undo_done(dir, "mine");
	assert_false(there("mine"));
	assert_int_equal(ms_undo_recover(dir, msg, sizeof(msg)), 0);
	assert_string_equal(msg, "");
	/*
	 * records are put back in name order: a kdamond's state before
	 * nr_kdamonds (kdamonds/77 is no kdamond: nothing is written)
	 */
	snprintf(text, sizeof(text),
		 "/sys/kernel/mm/damon/admin/kdamonds/77/nr 0 %d 1\n",
		 dead_pid());
	put("damon-2-nr", text);
	snprintf(text, sizeof(text),
		 "/sys/kernel/mm/damon/admin/kdamonds/77/state off %d 1\n",
		 dead_pid());
	put("damon-1-state", text);
	assert_int_equal(ms_undo_recover(dir, msg, sizeof(msg)), 0);
	assert_non_null(strstr(msg, "77/state was left"));
	assert_true(strstr(msg, "77/state was left") <
		    strstr(msg, "77/nr was left"));
	snprintf(text, sizeof(text), "rm -rf %s", dir);
	assert_int_equal(system(text), 0);
}

/* ---- the crash guard ---------------------------------------------------- */

static char fake[32];

static void fput(const char *rel, const char *text)
{
	put_at(fake, rel, text);
}

/* rel's first line, "" when it cannot be read */
static const char *fget(const char *rel)
{
	static char v[64];
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", fake, rel);
	v[0] = '\0';
	f = fopen(path, "r");
	if (f) {
		if (!fgets(v, sizeof(v), f))
			v[0] = '\0';
		fclose(f);
	}
	v[strcspn(v, "\n")] = '\0';
	return v;
}

/* a fake DAMON sysfs with memscope's kdamond on, delay accounting on */
static void fake_on(void)
{
	fput(ADMIN "nr_kdamonds", "1\n");
	fput(ADMIN "0/state", "on\n");
	fput("/proc/sys/kernel/task_delayacct", "1\n");
}

static const struct ms_undo_step delayacct = {
	"task_delayacct", "/proc/sys/kernel/task_delayacct", "0", NULL, NULL
};

enum how { SEGV, ABORT, FORGOTTEN, EXIT, FORK_EXIT, KILL };

/*
 * A child that guards memscope's kdamond (as damon.c does before making
 * it, below the fake root; with kpid, again as once it runs) and delay
 * accounting, then ends as how says. Its wait status.
 */
static int target; /* the process memscope's kdamond watches, 0 paddr */

static int child(enum how how, int kpid)
{
	struct rlimit no_core = { 0, 0 };
	char run[64], why[300];
	int st;
	pid_t p;

	snprintf(run, sizeof(run), "%s/run", fake);
	p = fork();
	assert_true(p >= 0);
	if (!p) {
		/* memscope's dispositions, not cmocka's, which catches these */
		for (int sig = 1; sig < NSIG; sig++)
			signal(sig, SIG_DFL);
		setrlimit(RLIMIT_CORE, &no_core);
		if (ms_procfs_damon_remember(fake, run, 0, 0, why,
					     sizeof(why)) ||
		    ms_undo_keep(MS_UNDO_DELAYACCT, fake, run, &delayacct, 1) ||
		    (kpid && ms_procfs_damon_remember(fake, run, kpid, target,
						      why, sizeof(why))))
			_exit(10);
		switch (how) {
		case SEGV:
			raise(SIGSEGV);
			break;
		case ABORT:
			abort();
		case FORGOTTEN:
			ms_undo_forget(MS_UNDO_DAMON);
			ms_undo_forget(MS_UNDO_DELAYACCT);
			raise(SIGBUS);
			break;
		case EXIT:
			exit(0);
		case FORK_EXIT:
			/* a forked child's exit is not memscope's */
			p = fork();
			if (!p)
				exit(0);
			waitpid(p, &st, 0);
			_exit(WIFEXITED(st) ? 20 : 11);
		case KILL: /* no handler, no atexit */
			raise(SIGKILL);
			break;
		}
		_exit(12);
	}
	assert_int_equal(waitpid(p, &st, 0), p);
	return st;
}

static int records_left(void)
{
	return there_at(fake, "/run/damon-1-state") +
	       there_at(fake, "/run/damon-2-nr") +
	       there_at(fake, "/run/task_delayacct");
}

/* What the fake files read (NULL: not looked at), how many records left. */
static void reads(const char *state, const char *nr, const char *acct,
		  int records)
{
	assert_string_equal(fget(ADMIN "0/state"), state);
	if (nr)
		assert_string_equal(fget(ADMIN "nr_kdamonds"), nr);
	if (acct)
		assert_string_equal(fget("/proc/sys/kernel/task_delayacct"),
				    acct);
	assert_int_equal(records_left(), records);
}

/*
 * The child's end (how < 0: died of signal -how; else its exit status),
 * then reads().
 */
static void after(enum how how, int end, const char *state, const char *nr,
		  const char *acct, int records)
{
	int st = child(how, 0);

	if (end < 0) {
		assert_true(WIFSIGNALED(st));
		assert_int_equal(WTERMSIG(st), -end);
	} else {
		assert_true(WIFEXITED(st));
		assert_int_equal(WEXITSTATUS(st), end);
	}
	reads(state, nr, acct, records);
}

/* An empty fake root with DAMON's kdamonds/0 and /proc/sys/kernel. */
static void make_fake(void)
{
	char cmd[256];

	snprintf(fake, sizeof(fake), "/tmp/ms-test-guard-XXXXXX");
	assert_non_null(mkdtemp(fake));
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p %s%s0/contexts/0/targets/0 %s/proc/sys/kernel", fake,
		 ADMIN, fake);
	assert_int_equal(system(cmd), 0);
}

static void drop_fake(void)
{
	char cmd[64];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", fake);
	assert_int_equal(system(cmd), 0);
}

static void crash(void **state)
{
	char cmd[256];

	make_fake();
	/* SIGSEGV: off, then nr_kdamonds 0, records gone; the crash's status */
	fake_on();
	after(SEGV, -SIGSEGV, "off", "0", "0", 0);
	/* abort() too */
	fake_on();
	after(ABORT, -SIGABRT, "off", "0", "0", 0);
	/* put back by memscope already: a crash writes nothing */
	fake_on();
	after(FORGOTTEN, -SIGBUS, "on", "1", "1", 0);
	/* exit() without closing: put back */
	after(EXIT, 0, "off", "0", "0", 0);
	/* a forked child's exit leaves the parent's changes (put back later) */
	fake_on();
	after(FORK_EXIT, 20, "on", "1", "1", 3);
	/* nr_kdamonds not put back: its records kept for the next start */
	snprintf(cmd, sizeof(cmd),
		 "rm -f %s/run/*; rm %s%snr_kdamonds; "
		 "mkdir %s%snr_kdamonds",
		 fake, fake, ADMIN, fake, ADMIN);
	assert_int_equal(system(cmd), 0);
	fput(ADMIN "0/state", "on\n");
	fput("/proc/sys/kernel/task_delayacct", "1\n");
	after(SEGV, -SIGSEGV, "off", NULL, "0", 2);
	drop_fake();
}

/* The recovery of a killed memscope's records (ms_undo_recover_at()). */
static int killed_then_recover(int kpid, const char *pid_now, char *msg,
			       size_t len)
{
	char run[64];
	int st;

	fake_on();
	fput(ADMIN "0/pid", "4242\n");
	st = child(KILL, kpid);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGKILL);
	assert_int_equal(records_left(), 3);
	/* what happened to slot 0 while no memscope ran */
	fput(ADMIN "0/pid", pid_now);
	snprintf(run, sizeof(run), "%s/run", fake);
	return ms_undo_recover_at(fake, run, msg, len);
}

static void guarded(void **state)
{
	char msg[2048], rec[512];
	FILE *f;

	make_fake();
	/* the kdamond's pid is in both records once it ran */
	fake_on();
	assert_int_equal(child(KILL, 4242), SIGKILL);
	snprintf(rec, sizeof(rec), "%s/run/damon-2-nr", fake);
	f = fopen(rec, "r");
	assert_non_null(f);
	assert_non_null(fgets(rec, sizeof(rec), f));
	fclose(f);
	assert_non_null(strstr(rec, " 0 "));
	assert_non_null(strstr(rec, " " ADMIN "0/pid 4242\n"));
	/* still memscope's kdamond: off, nr_kdamonds 0, said */
	assert_int_equal(killed_then_recover(4242, "4242\n", msg, sizeof(msg)),
			 3);
	reads("off", "0", "0", 0);
	assert_non_null(strstr(msg, ADMIN "0/state put back to off"));
	assert_non_null(strstr(msg, ADMIN "nr_kdamonds put back to 0"));
	/*
	 * someone else's kdamond in slot 0 since: left as it is, nr_kdamonds
	 * too, the records forgotten and that said; delay accounting (no
	 * condition) put back
	 */
	assert_int_equal(killed_then_recover(4242, "999\n", msg, sizeof(msg)),
			 1);
	reads("on", "1", "0", 0);
	assert_non_null(strstr(msg, ADMIN "0/state left as it is"));
	assert_non_null(strstr(msg, ADMIN "nr_kdamonds left as it is"));
	assert_non_null(strstr(msg, "now reads 999"));
	assert_null(strstr(msg, ADMIN "0/state put back"));
	/* its kdamond ended by itself (pid -1): left as well */
	assert_int_equal(killed_then_recover(4242, "-1\n", msg, sizeof(msg)),
			 1);
	reads("on", "1", "0", 0);
	assert_non_null(strstr(msg, "now reads -1"));
	/* killed before it knew the pid: put back as ever, whoever's it is */
	assert_int_equal(killed_then_recover(0, "999\n", msg, sizeof(msg)), 3);
	reads("off", "0", "0", 0);
	/*
	 * a process's kdamond: nr_kdamonds' record holds the process; when
	 * the process ended, its kdamond did (pid -1): still memscope's
	 * set-up, nr_kdamonds 0
	 */
	target = 4321;
	fput(ADMIN "0/contexts/0/targets/0/pid_target", "4321\n");
	assert_int_equal(killed_then_recover(4242, "-1\n", msg, sizeof(msg)),
			 2);
	reads("on", "0", "0", 0);
	assert_non_null(strstr(msg, ADMIN "0/state left as it is"));
	assert_non_null(strstr(msg, ADMIN "nr_kdamonds put back to 0"));
	/* someone's kdamond on another process since: left alone */
	fput(ADMIN "0/contexts/0/targets/0/pid_target", "77\n");
	assert_int_equal(killed_then_recover(4242, "999\n", msg, sizeof(msg)),
			 1);
	reads("on", "1", "0", 0);
	assert_non_null(strstr(msg, ADMIN "nr_kdamonds left as it is"));
	/* still running on its process: off, nr_kdamonds 0 */
	fput(ADMIN "0/contexts/0/targets/0/pid_target", "4321\n");
	assert_int_equal(killed_then_recover(4242, "4242\n", msg, sizeof(msg)),
			 3);
	reads("off", "0", "0", 0);
	target = 0;
	drop_fake();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(records),
		cmocka_unit_test(recover),
		cmocka_unit_test(crash),
		cmocka_unit_test(guarded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
