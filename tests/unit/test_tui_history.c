// SPDX-License-Identifier: GPL-2.0
/*
 * The history store: the bound on points and series, LRU eviction, gaps,
 * timestamps across pauses and interval changes, buckets over time.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tui/history.h"

static void test_capacity(void **state)
{
	struct ms_history h;
	const struct ms_series *s;

	assert_int_equal(ms_hist_init(&h, 4), 0);
	for (int i = 1; i <= MS_HIST_POINTS + 50; i++) {
		assert_true(ms_hist_tick(&h, i, 1));
		assert_int_equal(ms_hist_push(&h, "a", i * 10), 0);
	}
	s = ms_hist_get(&h, "a");
	assert_non_null(s);
	assert_int_equal(s->n, MS_HIST_POINTS);
	/* the oldest 50 went; the newest is the last pushed */
	assert_true(ms_series_at(s, 0)->t == 51);
	assert_true(ms_series_at(s, 0)->v == 510);
	assert_true(ms_series_at(s, s->n - 1)->t == MS_HIST_POINTS + 50);
	assert_true(ms_series_at(s, s->n - 1)->v == (MS_HIST_POINTS + 50) * 10);
	ms_hist_free(&h);
}

static void test_eviction(void **state)
{
	struct ms_history h;

	assert_int_equal(ms_hist_init(&h, 3), 0);
	assert_int_equal(ms_hist_push(&h, "a", 1), -EINVAL); /* no tick */
	ms_hist_tick(&h, 1, 1);
	ms_hist_push(&h, "a", 1);
	ms_hist_push(&h, "b", 2);
	ms_hist_push(&h, "c", 3);
	ms_hist_tick(&h, 2, 1);
	ms_hist_push(&h, "a", 1);
	ms_hist_push(&h, "c", 3);
	/* full: d takes b's place, the one pushed least recently */
	ms_hist_push(&h, "d", 4);
	assert_int_equal(h.n, 3);
	assert_int_equal(h.evicted, 1);
	assert_null(ms_hist_get(&h, "b"));
	assert_int_equal(ms_hist_get(&h, "a")->n, 2);
	assert_int_equal(ms_hist_get(&h, "c")->n, 2);
	/* a new series starts empty: one point, none invented */
	assert_int_equal(ms_hist_get(&h, "d")->n, 1);
	assert_true(ms_hist_get(&h, "d")->p[0].v == 4);
	assert_true(ms_hist_get(&h, "d")->p[0].span == 0);
	ms_hist_free(&h);
}

static void test_same_tick_replaces(void **state)
{
	struct ms_history h;

	ms_hist_init(&h, 2);
	ms_hist_tick(&h, 5, 1);
	ms_hist_push(&h, "a", 1);
	ms_hist_push(&h, "a", 7);
	assert_int_equal(ms_hist_get(&h, "a")->n, 1);
	assert_true(ms_hist_get(&h, "a")->p[0].v == 7);
	ms_hist_free(&h);
}

static void test_gaps(void **state)
{
	struct ms_history h;
	double v[10];

	ms_hist_init(&h, 2);
	/* 1, 2, a missing value, 4, then a pause of 3 s, then 8 and 9 */
	ms_hist_tick(&h, 101, 1), ms_hist_push(&h, "a", 1);
	ms_hist_tick(&h, 102, 1), ms_hist_push(&h, "a", 2);
	ms_hist_tick(&h, 103, 1), ms_hist_push(&h, "a", NAN);
	ms_hist_tick(&h, 104, 1), ms_hist_push(&h, "a", 4);
	ms_hist_tick(&h, 108, 1), ms_hist_push(&h, "a", 8);
	ms_hist_tick(&h, 109, 1), ms_hist_push(&h, "a", 9);
	/* the point after the pause stands for no time before it */
	assert_true(ms_series_at(ms_hist_get(&h, "a"), 4)->span == 0);
	assert_true(ms_series_at(ms_hist_get(&h, "a"), 3)->span == 1);
	assert_int_equal(ms_hist_buckets(ms_hist_get(&h, "a"), h.now, 1, 10, v),
			 5);
	assert_true(isnan(v[0])); /* before the first point: none invented */
	assert_true(v[1] == 1);
	assert_true(v[2] == 2);
	assert_true(isnan(v[3])); /* the missing value is a gap, not 0 */
	assert_true(v[4] == 4);
	assert_true(isnan(v[5]) && isnan(v[6]) && isnan(v[7])); /* paused */
	assert_true(v[8] == 8);
	assert_true(v[9] == 9);
	ms_hist_free(&h);
}

static void test_missed_sample(void **state)
{
	struct ms_history h;
	double v[5];

	ms_hist_init(&h, 2);
	/* every 0.2 s; the third sample lacks the section: no push */
	ms_hist_tick(&h, 0.2, 0.2), ms_hist_push(&h, "a", 1);
	ms_hist_tick(&h, 0.4, 0.2), ms_hist_push(&h, "a", 2);
	ms_hist_tick(&h, 0.6, 0.2);
	ms_hist_tick(&h, 0.8, 0.2), ms_hist_push(&h, "a", 4);
	ms_hist_tick(&h, 1.0, 0.2), ms_hist_push(&h, "a", 5);
	/* the same sample again (a paused replay) is no new tick */
	ms_hist_tick(&h, 1.0, 0.2), ms_hist_push(&h, "a", 5);
	assert_true(ms_series_at(ms_hist_get(&h, "a"), 2)->span == 0);
	assert_true(fabs(ms_series_at(ms_hist_get(&h, "a"), 3)->span - 0.2) <
		    1e-6);
	assert_int_equal(
		ms_hist_buckets(ms_hist_get(&h, "a"), h.now, 0.2, 5, v), 4);
	assert_true(v[0] == 1 && v[1] == 2);
	assert_true(isnan(v[2])); /* a gap, though 0.4 s is within 1.5x */
	assert_true(v[3] == 4 && v[4] == 5);
	ms_hist_free(&h);
}

static void test_interval_change(void **state)
{
	struct ms_history h;
	double v[16];

	ms_hist_init(&h, 1);
	for (int t = 1; t <= 5; t++)
		ms_hist_tick(&h, t, 1), ms_hist_push(&h, "a", t);
	/* + then -: every 0.5 s from now on, with some jitter */
	ms_hist_tick(&h, 5.52, 0.5), ms_hist_push(&h, "a", 5.5);
	ms_hist_tick(&h, 6.03, 0.5), ms_hist_push(&h, "a", 6);
	ms_hist_tick(&h, 6.5, 0.5), ms_hist_push(&h, "a", 6.5);
	ms_hist_tick(&h, 7.04, 0.5), ms_hist_push(&h, "a", 7);
	ms_hist_tick(&h, 7.5, 0.5), ms_hist_push(&h, "a", 7.5);
	ms_hist_tick(&h, 8, 0.5), ms_hist_push(&h, "a", 8);
	/* 16 buckets of 0.5 s: the 1 s points stand for two each */
	assert_int_equal(
		ms_hist_buckets(ms_hist_get(&h, "a"), h.now, 0.5, 16, v), 15);
	assert_true(isnan(v[0]));
	assert_true(v[1] == 1);
	assert_true(v[2] == 2 && v[3] == 2);
	assert_true(v[8] == 5 && v[9] == 5);
	/* 5.52 stands for (5, 5.52]: bucket (5, 5.5] and its own */
	assert_true(v[10] == 5.5 && v[11] == 5.5);
	assert_true(v[15] == 8);
	for (int i = 2; i < 16; i++)
		assert_true(v[i] >= v[i - 1]);
	ms_hist_free(&h);
}

static void test_recorded_interval(void **state)
{
	struct ms_history h;
	double v[6];

	ms_hist_init(&h, 1);
	/* samples 2 s apart while the explorer says 1 s (a replay) */
	for (int t = 0; t <= 10; t += 2)
		ms_hist_tick(&h, t, 1), ms_hist_push(&h, "a", t);
	assert_true(h.interval == 2);
	/* joined: each point stands for the 2 s before it */
	assert_true(ms_series_at(ms_hist_get(&h, "a"), 5)->span == 2);
	assert_int_equal(ms_hist_buckets(ms_hist_get(&h, "a"), h.now,
					 h.interval, 6, v),
			 6);
	for (int i = 0; i < 6; i++)
		assert_true(v[i] == 2 * i);
	/* one pause of 60 s does not change the interval */
	ms_hist_tick(&h, 70, 1);
	assert_true(h.interval == 2);
	/* the explorer's own interval when it is longer: 5 s after + */
	ms_hist_tick(&h, 72, 5);
	assert_true(h.interval == 5);
	ms_hist_free(&h);
}

static void test_early_pause(void **state)
{
	struct ms_history h;
	double v[8];

	ms_hist_init(&h, 1);
	/* one sample, then a pause of 700 s (the explorer stopped), then 1 s */
	ms_hist_tick(&h, 5, 1), ms_hist_push(&h, "a", 1);
	ms_hist_tick(&h, 705, 1), ms_hist_push(&h, "a", 2);
	/* one gap is no evidence of a longer interval: it is a pause */
	assert_true(h.interval == 1);
	assert_true(ms_series_at(ms_hist_get(&h, "a"), 1)->span == 0);
	ms_hist_tick(&h, 706, 1), ms_hist_push(&h, "a", 3);
	assert_true(h.interval == 1);
	assert_true(ms_series_at(ms_hist_get(&h, "a"), 2)->span == 1);
	/* nothing invented in the 700 s before 705 */
	assert_int_equal(ms_hist_buckets(ms_hist_get(&h, "a"), h.now, 1, 8, v),
			 2);
	for (int i = 0; i < 6; i++)
		assert_true(isnan(v[i]));
	assert_true(v[6] == 2 && v[7] == 3);
	ms_hist_free(&h);
}

static void test_time_backwards(void **state)
{
	struct ms_history h;

	ms_hist_init(&h, 2);
	ms_hist_tick(&h, 50, 1), ms_hist_push(&h, "a", 1);
	ms_hist_tick(&h, 51, 1), ms_hist_push(&h, "a", 2);
	ms_hist_tick(&h, 52, 1), ms_hist_push(&h, "a", 3);
	/* a replay stepping back to 51: the point of 52 goes */
	ms_hist_tick(&h, 51, 1);
	assert_int_equal(ms_hist_get(&h, "a")->n, 2);
	ms_hist_push(&h, "a", 2);
	assert_int_equal(ms_hist_get(&h, "a")->n, 2);
	assert_true(ms_series_at(ms_hist_get(&h, "a"), 1)->v == 2);
	/* forward again */
	ms_hist_tick(&h, 52, 1), ms_hist_push(&h, "a", 3);
	assert_int_equal(ms_hist_get(&h, "a")->n, 3);
	assert_true(ms_series_at(ms_hist_get(&h, "a"), 2)->span == 1);
	/* seeking back before everything: empty, and filling again */
	ms_hist_tick(&h, 10, 1);
	assert_int_equal(ms_hist_get(&h, "a")->n, 0);
	ms_hist_push(&h, "a", 4);
	assert_int_equal(ms_hist_get(&h, "a")->n, 1);
	assert_true(ms_series_at(ms_hist_get(&h, "a"), 0)->span == 0);
	assert_false(ms_hist_tick(&h, NAN, 1));
	ms_hist_free(&h);
}

static void test_memory_bound(void **state)
{
	struct ms_history h;
	char key[32];

	/* 16 bytes a point: 300 points and a key per series, no more */
	assert_int_equal(sizeof(struct ms_hpoint), 16);
	assert_int_equal(ms_hist_bound(64),
			 64 * (sizeof(struct ms_series) + sizeof(void *)));
	assert_true(ms_hist_bound(64) <= 64 * (MS_HIST_POINTS * 16 + 128));
	assert_int_equal(ms_hist_bound(0), 0);
	/* a thousand keys through a store of 8: 8 kept, 992 evicted */
	ms_hist_init(&h, 8);
	for (int i = 0; i < 1000; i++) {
		ms_hist_tick(&h, i, 1);
		snprintf(key, sizeof(key), "pid/%d", i);
		assert_int_equal(ms_hist_push(&h, key, i), 0);
	}
	assert_int_equal(h.n, 8);
	assert_int_equal(h.evicted, 992);
	assert_null(ms_hist_get(&h, "pid/991"));
	assert_non_null(ms_hist_get(&h, "pid/992"));
	assert_non_null(ms_hist_get(&h, "pid/999"));
	ms_hist_free(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_capacity),
		cmocka_unit_test(test_eviction),
		cmocka_unit_test(test_same_tick_replaces),
		cmocka_unit_test(test_gaps),
		cmocka_unit_test(test_missed_sample),
		cmocka_unit_test(test_interval_change),
		cmocka_unit_test(test_recorded_interval),
		cmocka_unit_test(test_early_pause),
		cmocka_unit_test(test_time_backwards),
		cmocka_unit_test(test_memory_bound),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
