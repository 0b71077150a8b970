// SPDX-License-Identifier: GPL-2.0
/*
 * The recording directory's decisions (store/recdir.c): names, rotation,
 * retention, the times of --at/--from/--to; and a directory replayed as
 * one timeline (probes/replay/cursor.c).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "probes/replay/replay.h"
#include "store/recdir.h"
#include "store/record.h"

/* 2026-12-06 03:00:00 UTC */
#define T0 1796526000.0

static void names(void **state)
{
	char a[MS_RECDIR_NAME], b[MS_RECDIR_NAME];
	double s, e;

	ms_recdir_name(a, sizeof(a), T0 + 0.34, NAN);
	assert_string_equal(a, "memscope-20261206T030000.340Z.zst");
	assert_true(ms_recdir_parse(a, &s, &e));
	assert_true(fabs(s - (T0 + 0.34)) < 1e-6 && isnan(e));
	/* the span of a finished file, and the same start again */
	ms_recdir_name(b, sizeof(b), s, T0 + 3599.9996);
	assert_string_equal(
		b, "memscope-20261206T030000.340Z-20261206T040000.000Z.zst");
	assert_true(ms_recdir_parse(b, &s, &e));
	assert_true(fabs(e - (T0 + 3600)) < 1e-6);
	/* names sort in time order */
	ms_recdir_name(b, sizeof(b), T0 + 36000, NAN);
	assert_true(strcmp(a, b) < 0);
	assert_false(ms_recdir_parse("memscope-20261206T030000.340Z.zst.marks",
				     &s, &e));
	assert_false(
		ms_recdir_parse("memscope-20261206T0300.340Z.zst", &s, &e));
	assert_false(ms_recdir_parse("other.zst", &s, &e));
	assert_false(
		ms_recdir_parse("memscope-20261206T030000.340Z-x.zst", &s, &e));
}

static void rotation(void **state)
{
	uint64_t max = ms_recdir_file_max(1 << 20);

	assert_int_equal(max, 128 << 10);
	assert_int_equal(ms_recdir_file_max(0), UINT64_MAX);
	/* within the hour and under the size: stay */
	assert_false(ms_recdir_rotate(T0 + 10, 1000, T0 + 3599, max));
	/* the hour turns, however small the file */
	assert_true(ms_recdir_rotate(T0 + 3599, 10, T0 + 3600, max));
	/* the size reached */
	assert_true(ms_recdir_rotate(T0, max, T0 + 20, max));
	assert_false(ms_recdir_rotate(T0, max - 1, T0 + 20, max));
}

static void retention(void **state)
{
	struct ms_recdir_file f[] = {
		{ T0 - 5 * 86400, T0 - 5 * 86400 + 3599, 100 },
		{ T0 - 3 * 86400, NAN, 100 }, /* no end known: its start */
		{ T0 - 3600, T0 - 1, 100 },
		{ T0, T0 + 3599, 100 },
	};
	double now = T0 + 3600;

	/* nothing bounds: nothing goes */
	assert_int_equal(ms_recdir_expire(f, 4, now, 0, 0, 0), 0);
	/* age: the files whose last sample is older than keep, oldest first */
	assert_int_equal(ms_recdir_expire(f, 4, now, 4 * 86400.0, 0, 0), 1);
	assert_int_equal(ms_recdir_expire(f, 4, now, 2 * 86400.0, 0, 0), 2);
	assert_int_equal(ms_recdir_expire(f, 4, now, 7 * 86400.0, 0, 0), 0);
	/* size: the oldest go until the rest and the reserve fit */
	assert_int_equal(ms_recdir_expire(f, 4, now, 0, 400, 0), 0);
	assert_int_equal(ms_recdir_expire(f, 4, now, 0, 400, 1), 1);
	assert_int_equal(ms_recdir_expire(f, 4, now, 0, 300, 100), 2);
	assert_int_equal(ms_recdir_expire(f, 4, now, 0, 50, 0), 4);
	/* both: whichever removes more */
	assert_int_equal(ms_recdir_expire(f, 4, now, 4 * 86400.0, 350, 0), 1);
	assert_int_equal(ms_recdir_expire(f, 4, now, 4 * 86400.0, 250, 0), 2);
	assert_int_equal(ms_recdir_expire(f, 0, now, 1, 1, 1), 0);
}

static void sizes_and_durations(void **state)
{
	uint64_t b;
	double d;

	assert_int_equal(ms_parse_size("1G", &b), 0);
	assert_int_equal(b, 1ull << 30);
	assert_int_equal(ms_parse_size("500M", &b), 0);
	assert_int_equal(b, 500ull << 20);
	assert_int_equal(ms_parse_size("64K", &b), 0);
	assert_int_equal(b, 65536);
	assert_int_equal(ms_parse_size("4096", &b), 0);
	assert_int_equal(b, 4096);
	assert_int_equal(ms_parse_size("1.5K", &b), 0);
	assert_int_equal(b, 1536);
	assert_int_equal(ms_parse_size("1Q", &b), -EINVAL);
	assert_int_equal(ms_parse_size("-1G", &b), -EINVAL);
	assert_int_equal(ms_parse_size("G", &b), -EINVAL);
	assert_int_equal(ms_parse_size("1GG", &b), -EINVAL);
	assert_int_equal(ms_parse_size("", &b), -EINVAL);
	assert_int_equal(ms_parse_duration("7d", &d), 0);
	assert_true(d == 7 * 86400);
	assert_int_equal(ms_parse_duration("1.5h", &d), 0);
	assert_true(d == 5400);
	assert_int_equal(ms_parse_duration("30m", &d), 0);
	assert_true(d == 1800);
	assert_int_equal(ms_parse_duration("2w", &d), 0);
	assert_true(d == 14 * 86400);
	assert_int_equal(ms_parse_duration("90", &d), 0);
	assert_true(d == 90);
	assert_int_equal(ms_parse_duration("3y", &d), -EINVAL);
	assert_int_equal(ms_parse_duration("nan", &d), -EINVAL);
}

static void zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static void when(void **state)
{
	double now = T0 + 7200, t;

	zone("UTC0");
	assert_int_equal(ms_parse_when("2026-12-06 03:00", now, &t), 0);
	assert_true(t == T0);
	assert_int_equal(ms_parse_when("2026-12-06 03:00:30", now, &t), 0);
	assert_true(t == T0 + 30);
	assert_int_equal(ms_parse_when("2026-12-06T03:00:30", now, &t), 0);
	assert_true(t == T0 + 30);
	/* local time is the TZ's: 03:00 in Shanghai is 19:00 UTC before */
	zone("CST-8");
	assert_int_equal(ms_parse_when("2026-12-06 03:00", now, &t), 0);
	assert_true(t == T0 - 8 * 3600);
	/* and with daylight saving time: July in Berlin is UTC+2 */
	zone("CET-1CEST,M3.5.0,M10.5.0/3");
	assert_int_equal(ms_parse_when("2026-07-01 12:00", now, &t), 0);
	assert_true(t == 1782907200.0 - 2 * 3600);
	assert_int_equal(ms_parse_when("2026-12-06 03:00", now, &t), 0);
	assert_true(t == T0 - 3600);
	zone("UTC0");
	/* epoch seconds, and before now */
	assert_int_equal(ms_parse_when("@1796555264", now, &t), 0);
	assert_true(t == 1796555264.0);
	assert_int_equal(ms_parse_when("@1796555264.5", now, &t), 0);
	assert_true(t == 1796555264.5);
	assert_int_equal(ms_parse_when("-2h", now, &t), 0);
	assert_true(t == T0);
	assert_int_equal(ms_parse_when("-30m", now, &t), 0);
	assert_true(t == now - 1800);
	assert_int_equal(ms_parse_when("now", now, &t), 0);
	assert_true(t == now);
	/* not a moment */
	static const char *const bad[] = { "",
					   "2026-12-06",
					   "2026-12-06 3",
					   "2026-13-06 03:00",
					   "2026-12-06 24:00",
					   "2026-12-06 03:60",
					   "2026-12-06 03:00:",
					   "2026-12-06 03:00 x",
					   "@",
					   "@-5",
					   "@1x",
					   "-",
					   "-2x",
					   "+2h",
					   "yesterday",
					   "2026-12-06 03:-1" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(ms_parse_when(bad[i], now, &t), -EINVAL);
}

/* n samples, one a second from t, into path. */
static void write_rec(const char *path, double t, int n)
{
	struct ms_snapshot s;
	struct ms_record *r;
	char why[160];

	ms_snapshot_init(&s);
	assert_int_equal(ms_record_open(&r, path, 1, why, sizeof(why)), 0);
	for (int i = 0; i < n; i++) {
		s.t_real = t + i;
		s.have = MS_SEC_BIT(MS_SEC_MEMINFO);
		assert_int_equal(
			ms_record_write(r, &s, MS_SEC_BIT(MS_SEC_MEMINFO)), 0);
		ms_snapshot_reset(&s);
	}
	assert_int_equal(ms_record_close(r), 0);
	ms_snapshot_free(&s);
}

/*
 * With a window, only the files whose names (memscope record's) say they
 * may hold samples in it are read; other names always are.
 */
static void window(const char *dir)
{
	char name[MS_RECDIR_NAME], p[4][300], why[256];
	struct ms_cursor *c;

	ms_recdir_name(name, sizeof(name), T0, T0 + 9);
	snprintf(p[0], sizeof(p[0]), "%s/%s", dir, name);
	write_rec(p[0], T0, 10);
	ms_recdir_name(name, sizeof(name), T0 + 3600, T0 + 3609);
	snprintf(p[1], sizeof(p[1]), "%s/%s", dir, name);
	write_rec(p[1], T0 + 3600, 10);
	ms_recdir_name(name, sizeof(name), T0 + 7200, NAN); /* being written */
	snprintf(p[2], sizeof(p[2]), "%s/%s", dir, name);
	write_rec(p[2], T0 + 7200, 10);
	snprintf(p[3], sizeof(p[3]), "%s/other.zst", dir);
	write_rec(p[3], T0 + 9000, 1);
	assert_int_equal(ms_cursor_open(&c, dir, NAN, NAN, why, sizeof(why)),
			 0);
	assert_int_equal(ms_cursor_count(c), 31);
	ms_cursor_close(c);
	/* the second hour: that file and the one of another name */
	assert_int_equal(ms_cursor_open(&c, dir, T0 + 3605, T0 + 3700, why,
					sizeof(why)),
			 0);
	assert_int_equal(ms_cursor_count(c), 11);
	assert_true(ms_cursor_time(c, 0) == T0 + 3600);
	ms_cursor_close(c);
	/* the file's last sample is in; the open file from its start on */
	assert_int_equal(ms_cursor_open(&c, dir, T0 + 9, T0 + 7200, why,
					sizeof(why)),
			 0);
	assert_int_equal(ms_cursor_count(c), 31);
	ms_cursor_close(c);
	assert_int_equal(
		ms_cursor_open(&c, dir, T0 + 7300, NAN, why, sizeof(why)), 0);
	assert_int_equal(ms_cursor_count(c), 11);
	ms_cursor_close(c);
	for (int i = 0; i < 4; i++)
		unlink(p[i]);
}

/* A directory is one timeline, in time order whatever the names say. */
static void dir_timeline(void **state)
{
	char dir[] = "/tmp/ms-test-recdir-XXXXXX", p[3][300], why[256];
	struct ms_cursor *c;
	const char *text;
	size_t len;

	assert_non_null(mkdtemp(dir));
	/* names out of time order: the samples' times decide */
	snprintf(p[0], sizeof(p[0]), "%s/b.zst", dir);
	snprintf(p[1], sizeof(p[1]), "%s/a.zst", dir);
	snprintf(p[2], sizeof(p[2]), "%s/a.zst.marks", dir);
	write_rec(p[0], T0, 20);
	write_rec(p[1], T0 + 100, 5);
	fclose(fopen(p[2], "w")); /* not a recording: ignored */
	assert_int_equal(ms_cursor_open(&c, dir, NAN, NAN, why, sizeof(why)),
			 0);
	assert_int_equal(ms_cursor_count(c), 25);
	assert_true(ms_cursor_time(c, 0) == T0);
	assert_true(ms_cursor_time(c, 19) == T0 + 19);
	assert_true(ms_cursor_time(c, 20) == T0 + 100);
	assert_true(ms_cursor_time(c, 24) == T0 + 104);
	assert_true(isnan(ms_cursor_time(c, 25)));
	assert_int_equal(ms_cursor_at_time(c, T0 + 50), 20);
	assert_int_equal(ms_cursor_at_time(c, T0 + 19.5), 20);
	assert_int_equal(ms_cursor_at_time(c, T0 + 105), 25);
	assert_int_equal(ms_cursor_at_offset(c, 102), 22);
	/* reading across the files, both ways */
	for (int i = 24; i >= 0; i -= 3) {
		char want[64];

		ms_cursor_seek(c, i);
		assert_int_equal(ms_cursor_line(c, &text, &len), 0);
		snprintf(want, sizeof(want), "\"timestamp\":%d",
			 (int)ms_cursor_time(c, i));
		assert_non_null(memmem(text, len, want, strlen(want)));
	}
	assert_null(ms_cursor_end_note(c));
	ms_cursor_close(c);
	for (int i = 0; i < 3; i++)
		unlink(p[i]);
	window(dir);
	/* an empty directory is no recording */
	assert_int_equal(ms_cursor_open(&c, dir, NAN, NAN, why, sizeof(why)),
			 -ENODATA);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names),
		cmocka_unit_test(rotation),
		cmocka_unit_test(retention),
		cmocka_unit_test(sizes_and_durations),
		cmocka_unit_test(when),
		cmocka_unit_test(dir_timeline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
