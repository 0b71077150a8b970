// SPDX-License-Identifier: GPL-2.0
/* VMA reader on a changing system: a pid reused while smaps is read (a
 * FIFO), and the live /proc. The parsers and fixtures: test_vma.c. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probes/procfs/procfs.h"
#include "probes/procfs/vma.h"
#include "tests/unit/procfs_test.h"
#include "tests/unit/vma_test.h"

/* ---- pid reuse: smaps is a FIFO, stat changes while it is read ---- */

struct fifo_feed {
	char dir[64];
	const char *second; /* stat after the change; NULL: removed */
};

static void put(const char *dir, const char *name, const char *text)
{
	char path[128], tmp[128];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s/proc/501/%s.new", dir, name);
	snprintf(path, sizeof(path), "%s/proc/501/%s", dir, name);
	f = fopen(tmp, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) || rename(tmp, path))
		fprintf(stderr, "put %s failed\n", path);
}

/* Runs once the reader has opened smaps: stat was read before, not after. */
static void *feed(void *arg)
{
	static const char smaps[] =
		"400000-401000 r-xp 00000000 fe:00 11 /usr/bin/still\n"
		"Rss:                   4 kB\n";
	struct fifo_feed *f = arg;
	char path[128];
	int fd;

	snprintf(path, sizeof(path), "%s/proc/501/smaps", f->dir);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return NULL;
	if (f->second) {
		put(f->dir, "stat", f->second);
	} else {
		snprintf(path, sizeof(path), "%s/proc/501/stat", f->dir);
		unlink(path);
	}
	if (write(fd, smaps, sizeof(smaps) - 1) < 0)
		fprintf(stderr, "feed: write failed\n");
	close(fd);
	return NULL;
}

static const char *const STAT_A =
	"501 (still) S 1 501 501 0 -1 4194304 100 0 2 0 1 2 0 0 20 0 1 0 "
	"501 10485760 1 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0\n";
static const char *const STAT_B =
	"501 (other) S 1 501 501 0 -1 4194304 100 0 2 0 1 2 0 0 20 0 1 0 "
	"777 10485760 1 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0\n";

static void run_fifo(const char *second, int want_err)
{
	struct fifo_feed f = { .second = second };
	char path[128];
	struct pt_env e;
	pthread_t t;

	snprintf(f.dir, sizeof(f.dir), "/tmp/ms-test-vma-XXXXXX");
	assert_non_null(mkdtemp(f.dir));
	snprintf(path, sizeof(path), "%s/proc", f.dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/proc/501", f.dir);
	assert_int_equal(mkdir(path, 0700), 0);
	put(f.dir, "stat", STAT_A);
	snprintf(path, sizeof(path), "%s/proc/501/smaps", f.dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(pthread_create(&t, NULL, feed, &f), 0);
	load(&e, f.dir, 501, -1);
	pthread_join(t, NULL);
	assert_int_equal(e.err, want_err);
	if (want_err) {
		assert_int_equal(e.s.vmas.n, 0);
		assert_note(&e.s, "vmas", "pid 501: exited");
	} else {
		assert_int_equal(e.s.vmas.n, 1);
		assert_int_equal(e.s.vmas.v[0].rss_kb, 4);
	}
	pt_fini(&e);
	snprintf(path, sizeof(path), "rm -rf %s", f.dir);
	assert_int_equal(system(path), 0);
}

static void pid_reuse(void **state)
{
	run_fifo(STAT_A, 0); /* the same process throughout */
	run_fifo(STAT_B, -ESRCH); /* another process took the pid */
	run_fifo(NULL, -ESRCH); /* gone while we read */
}

/* ---- the live system ---- */

static int live_static = 42;

static void live_self(void **state)
{
	struct pt_env e;
	uint64_t at = (uint64_t)(uintptr_t)&live_static;
	const struct ms_vma *v = NULL;

	if (access("/proc/self/smaps", R_OK))
		skip();
	load(&e, "/", getpid(), 0);
	assert_int_equal(e.err, 0);
	assert_true(e.s.vmas.has_smaps);
	assert_string_equal(e.s.vmas.comm, "test_vma_live");
	assert_true(e.s.vmas.n > 5);
	for (int i = 0; i < e.s.vmas.n; i++) {
		if (i)
			assert_true(e.s.vmas.v[i].start >=
				    e.s.vmas.v[i - 1].end);
		if (e.s.vmas.v[i].start <= at && at < e.s.vmas.v[i].end)
			v = &e.s.vmas.v[i];
	}
	/* our own data segment: written to, so resident and private */
	assert_non_null(v);
	assert_string_equal(v->perms, "rw-p");
	assert_true(v->rss_kb >= 4 && v->rss_kb != MS_NA);
	assert_true(v->private_dirty != MS_NA);
	pt_fini(&e);
}

static void live_kthread(void **state)
{
	struct pt_env e;

	/* kthreadd is pid 2 unless we are in a pid namespace */
	load(&e, "/", 2, 0);
	if (e.err || strcmp(e.s.vmas.comm, "kthreadd")) {
		pt_fini(&e);
		skip();
	}
	assert_int_equal(e.s.vmas.n, 0);
	assert_note(&e.s, "vmas", "kernel thread");
	pt_fini(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pid_reuse),
		cmocka_unit_test(live_self),
		cmocka_unit_test(live_kthread),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
