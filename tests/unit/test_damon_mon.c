// SPDX-License-Identifier: GPL-2.0
/*
 * memscope's own DAMON monitoring (probes/procfs/damon_mon.c) against a
 * DAMON sysfs played by the test as mm/damon/sysfs.c behaves: nr_kdamonds
 * refused while a kdamond runs and making empty kdamonds, the state
 * file's commands, tried_regions filled on update. Nothing is written
 * where someone else's kdamond is; whatever was made is removed on every
 * path.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/field.h"
#include "probes/procfs/damon.h"

#define MAXF 1400

struct fake {
	char path[MAXF][96];
	char val[MAXF][32];
	int n;
	int writes; /* every put, refused ones too */
	char log[4096]; /* "rel=val\n" of each put */
	const char *fail; /* a put of this rel fails with -EIO */
	bool old; /* 6.1: no update_schemes_tried_regions */
	int nr_regions; /* tried regions made on update */
	struct ms_damon_mregion r[300];
	char notes[512];
	const char *garbage; /* this file reads "x" after each update */
};

static int find(struct fake *f, const char *p)
{
	for (int i = 0; i < f->n; i++)
		if (!strcmp(f->path[i], p))
			return i;
	return -1;
}

static void set(struct fake *f, const char *p, const char *v)
{
	int i = find(f, p);

	if (i < 0) {
		assert_true(f->n < MAXF);
		i = f->n++;
		snprintf(f->path[i], sizeof(f->path[i]), "%s", p);
	}
	snprintf(f->val[i], sizeof(f->val[i]), "%s", v);
}

static void drop(struct fake *f, const char *prefix)
{
	for (int i = 0; i < f->n;)
		if (!strncmp(f->path[i], prefix, strlen(prefix))) {
			f->n--;
			memcpy(f->path[i], f->path[f->n], sizeof(f->path[i]));
			memcpy(f->val[i], f->val[f->n], sizeof(f->val[i]));
		} else {
			i++;
		}
}

static const char *val(struct fake *f, const char *p)
{
	int i = find(f, p);

	return i < 0 ? NULL : f->val[i];
}

static int fget(void *ctx, const char *rel, char *out, size_t n)
{
	const char *v = val(ctx, rel);

	if (!v)
		return -ENOENT;
	snprintf(out, n, "%s\n", v);
	return 0;
}

static bool running(struct fake *f)
{
	char p[64];

	for (int i = 0; i < 8; i++) {
		snprintf(p, sizeof(p), "kdamonds/%d/state", i);
		if (val(f, p) && !strcmp(val(f, p), "on"))
			return true;
	}
	return false;
}

#define SCH "kdamonds/0/contexts/0/schemes/0/"

static int state(struct fake *f, const char *v)
{
	char p[128], num[24];
	const char *ops = val(f, "kdamonds/0/contexts/0/operations");

	if (!strcmp(v, "on")) {
		if (!ops || running(f))
			return -EINVAL;
		if (!strcmp(ops, "vaddr") &&
		    !val(f, "kdamonds/0/contexts/0/targets/0/pid_target"))
			return -EINVAL;
	} else if (!strcmp(v, "off")) {
		if (!running(f))
			return -EINVAL;
	} else if (!strcmp(v, "update_schemes_tried_regions")) {
		if (f->old || !running(f))
			return -EINVAL;
		drop(f, SCH "tried_regions/");
		for (int i = 0; i < f->nr_regions; i++) {
			static const char *const k[] = { "start", "end",
							 "nr_accesses", "age" };
			const uint64_t *x = &f->r[i].start;

			for (int j = 0; j < 4; j++) {
				snprintf(p, sizeof(p),
					 SCH "tried_regions/%d/%s", i, k[j]);
				snprintf(num, sizeof(num), "%llu",
					 (unsigned long long)x[j]);
				set(f, p, num);
			}
		}
		if (f->garbage)
			set(f, f->garbage, "x");
		return 0;
	} else {
		return -EINVAL;
	}
	set(f, "kdamonds/0/state", v);
	/* the kdamond's thread, -1 while there is none */
	set(f, "kdamonds/0/pid", strcmp(v, "on") ? "-1" : "4321");
	return 0;
}

static int fput(void *ctx, const char *rel, const char *v)
{
	struct fake *f = ctx;
	size_t len = strlen(f->log);
	char p[64];

	f->writes++;
	snprintf(f->log + len, sizeof(f->log) - len, "%s=%s\n", rel, v);
	if (f->fail && !strcmp(rel, f->fail))
		return -EIO;
	if (!strcmp(rel, "kdamonds/nr_kdamonds")) {
		if (running(f))
			return -EBUSY;
		drop(f, "kdamonds/");
		set(f, rel, v);
		for (int i = 0; i < atoi(v); i++) {
			snprintf(p, sizeof(p), "kdamonds/%d/state", i);
			set(f, p, "off");
		}
		return 0;
	}
	if (!strcmp(rel, "kdamonds/0/state"))
		return state(f, v);
	if (!val(f, "kdamonds/0/state"))
		return -ENOENT;
	set(f, rel, v);
	return 0;
}

static void fnote(void *ctx, const char *fmt, ...)
{
	struct fake *f = ctx;
	size_t len = strlen(f->notes);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(f->notes + len, sizeof(f->notes) - len, fmt, ap);
	va_end(ap);
}

static struct ms_damon_src src_of(struct fake *f)
{
	return (struct ms_damon_src){
		.get = fget, .put = fput, .note = fnote, .ctx = f
	};
}

/* A kdamond made by no one: only nr_kdamonds 0 is there. */
static struct fake *clean(void)
{
	struct fake *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	set(f, "kdamonds/nr_kdamonds", "0");
	f->nr_regions = 2;
	f->r[0] = (struct ms_damon_mregion){ 4096, 8192, 20, 3 }; /* hot */
	f->r[1] = (struct ms_damon_mregion){ 8192, 1 << 20, 0, 50 };
	return f;
}

/* This machine: a paddr kdamond with a pageout scheme, on. */
static void someone_elses_on(void **state)
{
	struct fake *f = clean();
	struct ms_damon_src src = src_of(f);
	struct ms_damon_mon m;

	(void)state;
	set(f, "kdamonds/nr_kdamonds", "1");
	set(f, "kdamonds/0/state", "on");
	set(f, "kdamonds/0/contexts/0/operations", "paddr");
	assert_int_equal(ms_damon_mon_start(&m, &src, 0, 0, 1 << 30), -EBUSY);
	assert_int_equal(f->writes, 0);
	assert_false(m.made);
	assert_non_null(strstr(m.why, "kdamond 0 is on, not memscope's"));
	assert_non_null(strstr(m.why, "refuses nr_kdamonds changes"));
	/* the one that runs may be any of them */
	set(f, "kdamonds/nr_kdamonds", "3");
	set(f, "kdamonds/0/state", "off");
	set(f, "kdamonds/2/state", "on");
	assert_int_equal(ms_damon_mon_start(&m, &src, 42, 0, 0), -EBUSY);
	assert_non_null(strstr(m.why, "kdamond 2 is on"));
	assert_int_equal(f->writes, 0);
	free(f);
}

/* Set up and off: nr_kdamonds would wipe their settings. */
static void someone_elses_off(void **state)
{
	struct fake *f = clean();
	struct ms_damon_src src = src_of(f);
	struct ms_damon_mon m;

	(void)state;
	set(f, "kdamonds/nr_kdamonds", "1");
	set(f, "kdamonds/0/state", "off");
	assert_int_equal(ms_damon_mon_start(&m, &src, 0, 0, 1 << 30), -EBUSY);
	assert_int_equal(f->writes, 0);
	assert_non_null(strstr(m.why, "1 kdamond(s) set up, off"));
	free(f);
}

static void no_sysfs(void **state)
{
	struct fake *f = clean();
	struct ms_damon_src src = src_of(f);
	struct ms_damon_mon m;

	(void)state;
	f->n = 0;
	assert_int_equal(ms_damon_mon_start(&m, &src, 0, 0, 1 << 30), -ENOENT);
	assert_non_null(strstr(m.why, "CONFIG_DAMON_SYSFS"));
	assert_int_equal(f->writes, 0);
	free(f);
}

static void paddr(void **state)
{
	struct fake *f = clean();
	struct ms_damon_src src = src_of(f);
	struct ms_damon_mon m;
	struct ms_damon d = { 0 };

	(void)state;
	assert_int_equal(ms_damon_mon_start(&m, &src, 0, 1 << 20, 1 << 30), 0);
	assert_true(m.made && m.on);
	assert_int_equal(m.kpid, 4321); /* read once it runs */
	/* nr_kdamonds first, the state last; the biggest RAM range */
	assert_int_equal(strncmp(f->log, "kdamonds/nr_kdamonds=1\n", 23), 0);
	assert_non_null(strstr(f->log, "contexts/0/operations=paddr\n"));
	assert_non_null(strstr(f->log, "targets/0/regions/0/start=1048576\n"));
	assert_non_null(strstr(f->log, "targets/0/regions/0/end=1073741824\n"));
	assert_non_null(strstr(f->log, "schemes/0/action=stat\n"));
	assert_non_null(strstr(f->log, "intervals/aggr_us=100000\n"));
	assert_null(strstr(f->log, "pid_target"));
	assert_true(strstr(f->log, "kdamonds/0/state=on\n") >
		    strstr(f->log, "access_pattern/age/max"));
	assert_int_equal(ms_damon_mon_read(&m, &src, &d), 0);
	assert_string_equal(d.target, "paddr");
	assert_int_equal(d.nr_regions, 2);
	assert_int_equal(d.regions[0].nr_accesses, 20);
	assert_int_equal(d.regions[1].age, 50);
	assert_true(d.regions[0].nr_accesses > d.regions[1].nr_accesses);
	/* the working set: the accessed region only */
	assert_int_equal(d.wss_kb, 4);
	/* removed: off, then nr_kdamonds back to 0 */
	assert_int_equal(ms_damon_mon_stop(&m, &src), 0);
	assert_false(m.made);
	assert_string_equal(val(f, "kdamonds/nr_kdamonds"), "0");
	assert_null(val(f, "kdamonds/0/state"));
	assert_non_null(strstr(f->log, "kdamonds/0/state=off\nkdamonds/"
				       "nr_kdamonds=0\n"));
	/* stopping twice writes nothing more */
	f->writes = 0;
	assert_int_equal(ms_damon_mon_stop(&m, &src), 0);
	assert_int_equal(f->writes, 0);
	free(d.regions);
	free(f);
}

/* A process: its pid; when it exits the kdamond stops, and is removed. */
static void vaddr(void **state)
{
	struct fake *f = clean();
	struct ms_damon_src src = src_of(f);
	struct ms_damon_mon m;
	struct ms_damon d = { 0 };

	(void)state;
	assert_int_equal(ms_damon_mon_start(&m, &src, 1234, 0, 0), 0);
	assert_non_null(strstr(f->log, "contexts/0/operations=vaddr\n"));
	assert_non_null(strstr(f->log, "targets/0/pid_target=1234\n"));
	assert_null(strstr(f->log, "regions/0/start"));
	assert_int_equal(ms_damon_mon_read(&m, &src, &d), 0);
	assert_string_equal(d.target, "1234");
	set(f, "kdamonds/0/state", "off"); /* the process exited */
	d.target[0] = '\0';
	assert_int_equal(ms_damon_mon_read(&m, &src, &d), -ESRCH);
	assert_string_equal(d.target, "");
	assert_non_null(strstr(m.why, "pid 1234: the kdamond stopped"));
	assert_false(m.made);
	assert_string_equal(val(f, "kdamonds/nr_kdamonds"), "0");
	free(d.regions);
	free(f);
}

/* A write that fails half way: what was made is removed again. */
static void fails_half_way(void **state)
{
	struct fake *f = clean();
	struct ms_damon_src src = src_of(f);
	struct ms_damon_mon m;

	(void)state;
	f->fail = SCH "action";
	assert_int_equal(ms_damon_mon_start(&m, &src, 0, 0, 1 << 30), -EIO);
	assert_false(m.made);
	assert_non_null(strstr(m.why, "writing stat to " SCH "action"));
	assert_string_equal(val(f, "kdamonds/nr_kdamonds"), "0");
	assert_null(val(f, "kdamonds/0/state"));
	/* a process that is not there: the kdamond does not start */
	free(f);
	f = clean();
	src = src_of(f);
	f->fail = "kdamonds/0/state";
	assert_true(ms_damon_mon_start(&m, &src, 99, 0, 0) < 0);
	assert_non_null(strstr(m.why, "pid 99: the kdamond would not start"));
	assert_string_equal(val(f, "kdamonds/nr_kdamonds"), "0");
	free(f);
}

/* 6.1: the kdamond runs but sysfs gives no regions; removed, said. */
static void no_tried_regions(void **state)
{
	struct fake *f = clean();
	struct ms_damon_src src = src_of(f);
	struct ms_damon_mon m;

	(void)state;
	f->old = true;
	assert_int_equal(ms_damon_mon_start(&m, &src, 0, 0, 1 << 30), -EINVAL);
	assert_non_null(strstr(m.why, "6.2+"));
	assert_false(m.made);
	assert_string_equal(val(f, "kdamonds/nr_kdamonds"), "0");
	assert_false(running(f));
	free(f);
}

/* More regions than the bound: the first MS_DAMON_MON_REGIONS read. */
static void bounded(void **state)
{
	struct fake *f = clean();
	struct ms_damon_src src = src_of(f);
	struct ms_damon_mon m;
	struct ms_damon d = { 0 };

	(void)state;
	f->nr_regions = 300;
	for (int i = 0; i < 300; i++)
		f->r[i] = (struct ms_damon_mregion){ (uint64_t)i << 12,
						     (uint64_t)(i + 1) << 12,
						     (uint64_t)(i & 1), 0 };
	assert_int_equal(ms_damon_mon_start(&m, &src, 0, 0, 1 << 30), 0);
	/* garbage in one region: left out with a note */
	f->garbage = SCH "tried_regions/0/age";
	assert_int_equal(ms_damon_mon_read(&m, &src, &d), 0);
	assert_int_equal(d.nr_regions, MS_DAMON_MON_REGIONS - 1);
	assert_non_null(strstr(f->notes, "tried_regions/0/age"));
	assert_int_equal(d.wss_kb, 4 * (MS_DAMON_MON_REGIONS / 2));
	assert_int_equal(ms_damon_mon_stop(&m, &src), 0);
	free(d.regions);
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(someone_elses_on),
		cmocka_unit_test(someone_elses_off),
		cmocka_unit_test(no_sysfs),
		cmocka_unit_test(paddr),
		cmocka_unit_test(vaddr),
		cmocka_unit_test(fails_half_way),
		cmocka_unit_test(no_tried_regions),
		cmocka_unit_test(bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
