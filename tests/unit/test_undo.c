// SPDX-License-Identifier: GPL-2.0
/* What a killed memscope left changed, put back at the next start (probes/undo.c). */
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
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probes/undo.h"

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
}

static char dir[] = "/tmp/ms-test-undo-XXXXXX";

static void put(const char *name, const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static bool there(const char *name)
{
	char path[128];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return !stat(path, &st);
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
	assert_int_equal(ms_undo_save(dir, "mine", "/proc/sys/kernel/x", "0"),
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(records),
		cmocka_unit_test(recover),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
