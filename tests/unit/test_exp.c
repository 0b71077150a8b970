// SPDX-License-Identifier: GPL-2.0
/* Experiment helpers: CSV and Markdown writers, statistics, restore. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exp/exp.h"

/* A CSV written into memory; returns the text (caller frees). */
static char *csv_text(void (*fill)(struct ms_csv *c), int *err)
{
	static const char *const cols[] = { "a", "b", "c" };
	struct ms_csv c;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(ms_csv_start(&c, f, cols, 3), 0);
	fill(&c);
	*err = ms_csv_close(&c);
	return buf;
}

static void fill_values(struct ms_csv *c)
{
	ms_csv_int(c, -3);
	ms_csv_u64(c, MS_NA);
	ms_csv_dbl(c, 1.25, 1);
	ms_csv_end(c);
	ms_csv_str(c, "x,\"y\"\nz");
	ms_csv_dbl(c, NAN, 2);
	ms_csv_u64(c, 18446744073709551614ull);
	ms_csv_end(c);
}

static void csv_values(void **state)
{
	int err;
	char *t = csv_text(fill_values, &err);

	assert_int_equal(err, 0);
	/* 1.25 to one decimal rounds to even: printf's rule */
	assert_string_equal(t, "a,b,c\n-3,NA,1.2\n\"x,\"\"y\"\"\nz\",NA,"
			       "18446744073709551614\n");
	free(t);
}

static void fill_short(struct ms_csv *c)
{
	ms_csv_int(c, 1);
	ms_csv_end(c);
}

static void fill_long(struct ms_csv *c)
{
	for (int i = 0; i < 4; i++)
		ms_csv_int(c, i);
	ms_csv_end(c);
}

static void csv_wrong_width(void **state)
{
	int err;

	free(csv_text(fill_short, &err));
	assert_int_equal(err, -EINVAL);
	free(csv_text(fill_long, &err));
	assert_int_equal(err, -EINVAL);
}

static void md_table(void **state)
{
	static const char *const cols[] = { "a|b", "c" };
	const char *row[2];
	char *buf = NULL, num[16];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ms_md_head(f, cols, 2);
	row[0] = ms_md_num(num, sizeof(num), NAN, 1);
	row[1] = "two\nlines";
	ms_md_row(f, row, 2);
	fclose(f);
	assert_string_equal(buf, "| a\\|b | c |\n|---|---|\n"
				 "| n/a | two lines |\n");
	free(buf);
	assert_string_equal(ms_md_num(num, sizeof(num), 2.345, 2), "2.35");
}

static void percentile_nearest_rank(void **state)
{
	double v[] = { 5, 1, 4, 2, 3, 10, 9, 8, 7, 6 };

	/* index floor((n - 1) * p / 100) of the sorted values */
	assert_true(ms_percentile(v, 10, 50) == 5);
	assert_true(ms_percentile(v, 10, 99) == 9);
	assert_true(ms_percentile(v, 10, 100) == 10);
	assert_true(ms_percentile(v, 10, 0) == 1);
	assert_true(isnan(ms_percentile(v, 0, 50)));
	assert_true(isnan(ms_percentile(v, 10, 101)));
}

static void spread_values(void **state)
{
	double v[] = { 4, 2, 8, 6 }, one = 7, zero[] = { 0, 0 };
	struct ms_spread s = ms_spread_of(v, 4);

	assert_int_equal(s.n, 4);
	assert_true(s.min == 2 && s.max == 8);
	assert_true(s.mean == 5 && s.median == 5);
	assert_true(fabs(s.sd - sqrt(20.0 / 3)) < 1e-12);
	assert_true(fabs(s.rel - 6.0 / 5) < 1e-12);
	/* the input keeps its order */
	assert_true(v[0] == 4 && v[2] == 8);
	s = ms_spread_of(&one, 1);
	assert_true(s.median == 7 && s.sd == 0 && s.rel == 0);
	s = ms_spread_of(zero, 2);
	assert_true(isnan(s.rel));
	s = ms_spread_of(v, 0);
	assert_true(isnan(s.mean) && s.n == 0);
}

static void directions(void **state)
{
	int down[] = { 10, 10, 9, -1, 7 }, up[] = { 10, 9, 10 };
	double rise[] = { NAN, 0.1, 0.05, 0.5, NAN }, flat[] = { 1, 2, 1 };
	double none[] = { NAN, NAN };

	assert_true(ms_nonincreasing(down, 5));
	assert_false(ms_nonincreasing(up, 3));
	assert_true(ms_nonincreasing(up, 0));
	assert_int_equal(ms_trend(rise, 5), 1);
	assert_int_equal(ms_trend(flat, 3), 0);
	assert_int_equal(ms_trend(none, 2), 0);
	rise[3] = 0.01;
	assert_int_equal(ms_trend(rise, 5), -1);
}

/* A setting changed through ms_restore_set comes back, once. */
static void restore_settings(void **state)
{
	char dir[] = "/tmp/ms-exp-XXXXXX", path[64], buf[32] = "";
	struct ms_root r;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/knob", dir);
	f = fopen(path, "w");
	fputs("0x0007\n", f);
	fclose(f);
	assert_int_equal(ms_root_open(&r, dir), 0);
	assert_int_equal(ms_restore_set(&r, "knob", "0"), 0);
	assert_int_equal(ms_restore_set(&r, "knob", "1"), 0);
	assert_int_equal(ms_restore_set(&r, "missing", "1"), -ENOENT);
	f = fopen(path, "r");
	assert_non_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	assert_string_equal(buf, "1");
	assert_int_equal(ms_restore_all(), 0);
	f = fopen(path, "r");
	assert_non_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	/* the first value seen, not the intermediate one */
	assert_string_equal(buf, "0x0007");
	/* a second restore does nothing */
	f = fopen(path, "w");
	fputs("5", f);
	fclose(f);
	assert_int_equal(ms_restore_all(), 0);
	f = fopen(path, "r");
	assert_non_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	assert_string_equal(buf, "5");
	unlink(path);
	rmdir(dir);
	ms_root_close(&r);
}

/* An undo that failed is tried again by the next restore (at exit). */
static void restore_retries(void **state)
{
	char dir[] = "/tmp/ms-exp-XXXXXX", path[80];
	struct ms_root r;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(ms_root_open(&r, dir), 0);
	assert_int_equal(mkdir(strcat(strcpy(path, dir), "/cg"), 0700), 0);
	strcat(path, "/busy");
	f = fopen(path, "w");
	fclose(f);
	assert_int_equal(ms_restore_rmdir(&r, "cg"), 0);
	/* not empty: this restore fails and says so */
	assert_int_equal(ms_restore_all(), 1);
	unlink(path);
	assert_int_equal(ms_restore_all(), 0);
	*strrchr(path, '/') = 0;
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(ms_restore_all(), 0);
	rmdir(dir);
	ms_root_close(&r);
}

/* Once SIGINT came, no worker starts (and none is left unregistered). */
static void no_worker_after_stop(void **state)
{
	struct ms_worker w = { 0 };

	(void)state;
	ms_restore_install();
	assert_false(ms_exp_stopped());
	raise(SIGINT);
	assert_true(ms_exp_stopped());
	assert_int_equal(ms_frag_start(&w), -EINTR);
	assert_int_equal(w.pid, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_values),
		cmocka_unit_test(csv_wrong_width),
		cmocka_unit_test(md_table),
		cmocka_unit_test(percentile_nearest_rank),
		cmocka_unit_test(spread_values),
		cmocka_unit_test(directions),
		cmocka_unit_test(restore_settings),
		cmocka_unit_test(restore_retries),
		/* last: the stop it raises lasts for the process */
		cmocka_unit_test(no_worker_after_stop),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
