// SPDX-License-Identifier: GPL-2.0
/*
 * Mouse events to actions (tui/mouse.c): which tab a click hits, which
 * table and row, and what the buttons and wheel mean.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "tui/mouse.h"
#include "tui/widgets.h"

static const struct ms_opts opts = { .interval = 1 };
static const struct ms_ui ui = { .opts = &opts };

static void test_act(void **state)
{
	assert_int_equal(ms_mouse_act(BUTTON1_CLICKED), MS_MOUSE_CLICK);
	assert_int_equal(ms_mouse_act(BUTTON1_DOUBLE_CLICKED), MS_MOUSE_DOUBLE);
	assert_int_equal(ms_mouse_act(BUTTON4_PRESSED), MS_MOUSE_WHEEL_UP);
	assert_int_equal(ms_mouse_act(BUTTON5_PRESSED), MS_MOUSE_WHEEL_DOWN);
	assert_int_equal(ms_mouse_act(BUTTON3_CLICKED), MS_MOUSE_NONE);
	assert_int_equal(ms_mouse_act(0), MS_MOUSE_NONE);
}

static const struct ms_view_class c1 = { .name = "Buddy" };
static const struct ms_view_class c2 = { .name = "Slab" };
static const struct ms_view_class c3 = { .name = "VMA" };

static void test_tabs(void **state)
{
	struct ms_view v[3] = { { .cls = &c1, .ui = &ui },
				{ .cls = &c2, .ui = &ui },
				{ .cls = &c3, .ui = &ui } };
	struct ms_view *views[3] = { &v[0], &v[1], &v[2] };
	char buf[48];

	/* " 1 Buddy " 0-8, gap 9, " 2 Slab " 10-17, gap 18, " 3 VMA " 19-25 */
	assert_int_equal(ms_tab_label(buf, sizeof(buf), 0, "Buddy"), 9);
	assert_string_equal(buf, " 1 Buddy ");
	assert_int_equal(ms_tab_at(views, 3, 0), 0);
	assert_int_equal(ms_tab_at(views, 3, 8), 0);
	assert_int_equal(ms_tab_at(views, 3, 9), -1);
	assert_int_equal(ms_tab_at(views, 3, 10), 1);
	assert_int_equal(ms_tab_at(views, 3, 17), 1);
	assert_int_equal(ms_tab_at(views, 3, 19), 2);
	assert_int_equal(ms_tab_at(views, 3, 25), 2);
	assert_int_equal(ms_tab_at(views, 3, 26), -1);
	assert_int_equal(ms_tab_at(views, 3, 90), -1);
	assert_int_equal(ms_tab_at(views, 2, 20), -1);
}

/* ---- A table of 30 rows drawn in a window ---------------------------- */

static const struct ms_column cols[] = {
	{ .title = "N", .width = 6, .align = MS_RIGHT },
};

static void cell(const void *ctx, int r, int c, char *buf, size_t len)
{
	snprintf(buf, len, "%d", r);
}

static int cmp(const void *ctx, int a, int b, int c)
{
	return (a > b) - (a < b);
}

static const struct ms_table_def def = {
	.cols = cols,
	.ncols = 1,
	.name_col = 0,
	.cell = cell,
	.cmp = cmp,
};

static void test_table(void **state)
{
	struct ms_table a, b;
	WINDOW *w = newwin(24, 80, 0, 0);

	assert_non_null(w);
	ms_table_init(&a, &def, NULL, &ui, 0, false);
	ms_table_init(&b, &def, NULL, &ui, 0, false);
	assert_int_equal(ms_table_set_rows(&a, 30), 0);
	assert_int_equal(ms_table_set_rows(&b, 3), 0);
	ms_tables_forget();
	/* a: lines 3-12 (titles on 3, rows 4-12), b: lines 13-20, x 0-39 */
	ms_table_draw(&a, w, (struct ms_rect){ 3, 0, 10, 40 });
	ms_table_draw(&b, w, (struct ms_rect){ 13, 0, 8, 40 });
	assert_ptr_equal(ms_table_at(3, 0), &a);
	assert_ptr_equal(ms_table_at(12, 39), &a);
	assert_ptr_equal(ms_table_at(13, 5), &b);
	assert_null(ms_table_at(12, 40));
	assert_null(ms_table_at(2, 5));
	assert_null(ms_table_at(21, 5));
	/* rows: the third shown is row 2; titles and blank lines miss */
	assert_true(ms_table_click(&a, 6));
	assert_int_equal(ms_table_selected(&a), 2);
	assert_false(ms_table_click(&a, 3));
	assert_int_equal(ms_table_selected(&a), 2);
	assert_false(ms_table_click(&b, 17)); /* under b's 3 rows */
	assert_int_equal(ms_table_selected(&b), 0);
	assert_true(ms_table_click(&b, 16));
	assert_int_equal(ms_table_selected(&b), 2);
	/* scrolled: the first line shown is no longer row 0 */
	ms_table_key(&a, KEY_END);
	ms_table_draw(&a, w, (struct ms_rect){ 3, 0, 10, 40 });
	assert_true(ms_table_click(&a, 4));
	assert_int_equal(ms_table_selected(&a), 30 - 9);
	/* a new frame forgets what the last one drew */
	ms_tables_forget();
	assert_null(ms_table_at(5, 5));
	ms_table_free(&a);
	ms_table_free(&b);
	delwin(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_act),
		cmocka_unit_test(test_tabs),
		cmocka_unit_test(test_table),
	};
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *scr = out && in ? newterm("xterm", out, in) : NULL;
	int rc;

	if (!scr)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
	return rc;
}
