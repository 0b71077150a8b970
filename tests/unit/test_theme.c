// SPDX-License-Identifier: GPL-2.0
/*
 * Theme files (tui/theme.c): the shipped themes, every kind of broken
 * file, colour folding for 8/16/256-colour terminals, attributes alone.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tui/theme.h"

static char tmpdir[64];

static const char *write_theme(const char *name, const char *text)
{
	static char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.theme", tmpdir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static int setup(void **state)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/ms-test-theme-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	unsetenv("MEMSCOPE_THEMES");
	return 0;
}

static int teardown(void **state)
{
	char cmd[96];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	return system(cmd) ? -1 : 0;
}

static void get(enum ms_color c, short *fg, short *bg, attr_t *a)
{
	ms_theme_get(c, fg, bg, a);
}

/* ---- Good files ------------------------------------------------------ */

static void test_good(void **state)
{
	char err[256];
	short fg, bg;
	attr_t a;
	const char *p = write_theme("good",
				    "; a comment\n# another\n[colors]\n"
				    "header = brightred default bold\n"
				    "selection = 200 blue reverse underline\n"
				    "[later]\nwhatever = 1\n");

	assert_int_equal(ms_theme_load(p, err, sizeof(err)), 0);
	assert_string_equal(err, "");
	assert_string_equal(ms_theme_name(), "good");
	get(MS_C_HEADER, &fg, &bg, &a);
	assert_int_equal(fg, 9);
	assert_int_equal(bg, -1);
	assert_int_equal(a, A_BOLD);
	get(MS_C_SELECTION, &fg, &bg, &a);
	assert_int_equal(fg, 200);
	assert_int_equal(bg, COLOR_BLUE);
	assert_int_equal(a, A_REVERSE | A_UNDERLINE);
	/* not set in the file: the built-in value (default.theme's) */
	get(MS_C_TITLE, &fg, &bg, &a);
	assert_int_equal(fg, COLOR_YELLOW);
	assert_int_equal(a, A_BOLD);
}

/* default.theme writes out the built-in colours, element by element. */
static void test_default_is_builtin(void **state)
{
	short fg[MS_C_COUNT], bg[MS_C_COUNT], f, b;
	attr_t at[MS_C_COUNT], a;
	char err[256];

	setenv("MEMSCOPE_THEMES", tmpdir, 1);
	assert_int_equal(
		ms_theme_load("themes/default.theme", err, sizeof(err)), 0);
	for (int i = 0; i < MS_C_COUNT; i++)
		get(i, &fg[i], &bg[i], &at[i]);
	/* a theme that is not there: built-in colours and a message */
	assert_int_equal(ms_theme_load("nonesuch", err, sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, "theme nonesuch not found"));
	assert_string_equal(ms_theme_name(), "default");
	for (int i = 0; i < MS_C_COUNT; i++) {
		get(i, &f, &b, &a);
		assert_int_equal(f, fg[i]);
		assert_int_equal(b, bg[i]);
		assert_int_equal(a, at[i]);
	}
	unsetenv("MEMSCOPE_THEMES");
}

static void load_shipped(const char *name)
{
	char err[256];

	assert_int_equal(ms_theme_load(name, err, sizeof(err)), 0);
	assert_string_equal(err, "");
	assert_string_equal(ms_theme_name(), name);
}

static void test_shipped(void **state)
{
	short fg, bg;
	attr_t a;

	load_shipped("default");
	load_shipped("light");
	/* the light theme sets every background: light on a dark terminal */
	for (int i = 0; i < MS_C_COUNT; i++) {
		get(i, &fg, &bg, &a);
		assert_true(bg >= 0);
		assert_false(fg == COLOR_YELLOW && bg == COLOR_WHITE);
	}
	load_shipped("mono");
	for (int i = 0; i < MS_C_COUNT; i++) {
		get(i, &fg, &bg, &a);
		assert_int_equal(fg, -1);
		assert_int_equal(bg, -1);
	}
	get(MS_C_SELECTION, &fg, &bg, &a);
	assert_true(a & A_REVERSE);
	load_shipped("projector");
	for (int i = 0; i < MS_C_COUNT; i++) {
		get(i, &fg, &bg, &a);
		assert_false(a & A_DIM);
		assert_true(fg >= 0 && bg >= 0); /* nothing left to chance */
		assert_false(bg == COLOR_BLACK &&
			     (fg == COLOR_BLUE || fg == COLOR_BLUE + 8 ||
			      fg == COLOR_BLACK + 8));
	}
}

/* ---- Broken files: the line, the reason, and the default theme ------- */

/* Loads text; expects -EINVAL and msg in the error; default in effect. */
static void broken(const char *text, const char *msg)
{
	char err[256], want[160];
	const char *p = write_theme("broken", text);
	short fg, bg;
	attr_t a;

	assert_int_equal(ms_theme_load(p, err, sizeof(err)), -EINVAL);
	snprintf(want, sizeof(want), "theme %s:", p);
	assert_non_null(strstr(err, want));
	if (!strstr(err, msg))
		fail_msg("'%s' not in '%s'", msg, err);
	assert_non_null(strstr(err, "default theme used"));
	assert_string_equal(ms_theme_name(), "default");
	/* line 2 set the header red: rejected with the rest of the file */
	get(MS_C_HEADER, &fg, &bg, &a);
	assert_int_equal(fg, COLOR_CYAN);
}

static void test_broken(void **state)
{
	broken("[colors]\nheader = red blue\nbogus = red blue\n",
	       ":3: bogus: unknown element");
	broken("[colors]\nheader = red blue\n\ntitle = purple blue\n",
	       ":4: title: unknown colour 'purple'");
	broken("[colors]\nheader = red blue\ntitle = red blue blinking\n",
	       ":3: title: unknown attribute 'blinking'");
	broken("[colors]\nheader = red blue\ntitle = red\n",
	       ":3: title: needs \"fg bg [attr...]\"");
	broken("[colors]\nheader = red blue\ntitle = 256 blue\n",
	       ":3: title: unknown colour '256'");
	broken("[colors]\nheader = red blue\nbrightdefault\n",
	       ":3: not 'element = fg bg [attr...]'");
	broken("title = red blue\n[colors]\nheader = red blue\n",
	       ":1: title: outside a section");
	/* the first error is named, the others counted */
	broken("[colors]\nheader = red blue\nx = a\ny = b\ntitle = red\n",
	       ":3: x: unknown element (and 2 more)");
	/* a syntax error before a handler's error is the one named */
	broken("[colors]\nheader = red blue\n[oops\nx = y\n",
	       ":3: not 'element");
}

static void test_unreadable(void **state)
{
	char err[256], path[128];

	snprintf(path, sizeof(path), "%s/missing.theme", tmpdir);
	assert_int_equal(ms_theme_load(path, err, sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "No such file"));
	assert_string_equal(ms_theme_name(), "default");
	/* a directory opens but does not read */
	assert_int_equal(ms_theme_load(tmpdir, err, sizeof(err)), -EISDIR);
	assert_non_null(strstr(err, "Is a directory"));
}

/* ---- Cycling through the installed themes ---------------------------- */

static void test_next(void **state)
{
	char buf[MS_THEME_NAME];

	/* themes/ of the source tree (tests run at the top of it) */
	assert_int_equal(ms_theme_next("default", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "light");
	assert_int_equal(ms_theme_next("light", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "mono");
	assert_int_equal(ms_theme_next("mono", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "projector");
	assert_int_equal(ms_theme_next("projector", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "default");
	/* a theme of one's own joins them; the list wraps around */
	write_theme("zebra", "[colors]\n");
	write_theme(".hidden", "[colors]\n");
	setenv("MEMSCOPE_THEMES", tmpdir, 1);
	assert_int_equal(ms_theme_next("projector", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "zebra");
	assert_int_equal(ms_theme_next("zebra", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "broken");
	unsetenv("MEMSCOPE_THEMES");
}

/* ---- Colours a terminal does not have -------------------------------- */

static void fit(short c, int ncolors, short want, bool want_bold)
{
	bool bold;

	assert_int_equal(ms_color_fit(c, ncolors, &bold), want);
	assert_int_equal(bold, want_bold);
}

static void test_fit(void **state)
{
	fit(-1, 8, -1, false);
	fit(3, 8, 3, false);
	fit(9, 8, 1, true); /* brightred: red, and bold */
	fit(15, 8, 7, true);
	fit(9, 16, 9, false);
	fit(208, 256, 208, false);
	fit(208, 16, COLOR_YELLOW, false); /* orange (255,135,0) */
	fit(208, 8, COLOR_YELLOW, false);
	fit(196, 16, 9, false); /* pure red: brightred */
	fit(196, 8, 1, false); /* nearest of the eight: no bold */
	fit(21, 16, COLOR_BLUE, false); /* (0,0,255): xterm blue is 238 */
	fit(244, 16, 8, false); /* mid grey */
	fit(244, 8, COLOR_WHITE, false);
	fit(232, 8, COLOR_BLACK, false);
	fit(5, 0, -1, false); /* no colours at all */
}

/* ---- Attributes on a terminal ---------------------------------------- */

static SCREEN *open_term(const char *type, FILE **out, FILE **in)
{
	SCREEN *s;

	*out = fopen("/dev/null", "w");
	*in = fopen("/dev/null", "r");
	assert_non_null(*out);
	assert_non_null(*in);
	s = newterm(type, *out, *in);
	assert_non_null(s);
	return s;
}

static void close_term(SCREEN *s, FILE *out, FILE *in)
{
	endwin();
	delscreen(s);
	fclose(out);
	fclose(in);
}

static void pair_of(enum ms_color c, short *fg, short *bg)
{
	short pair = (short)PAIR_NUMBER(ms_attr(c));

	assert_true(pair > 0);
	assert_int_equal(pair_content(pair, fg, bg), OK);
}

static void test_apply(void **state)
{
	char err[256];
	FILE *out, *in;
	short fg, bg;
	SCREEN *s;

	/* 8 colours: the projector's bright white is white and bold */
	s = open_term("xterm", &out, &in);
	assert_int_equal(ms_theme_load("projector", err, sizeof(err)), 0);
	ms_theme_apply(true);
	pair_of(MS_C_NORMAL, &fg, &bg);
	assert_int_equal(fg, COLOR_WHITE);
	assert_int_equal(bg, COLOR_BLACK);
	assert_true(ms_attr(MS_C_NORMAL) & A_BOLD);
	/* no colours (NO_COLOR): pairs gone, the selection reversed */
	assert_int_equal(ms_theme_load("default", err, sizeof(err)), 0);
	ms_theme_apply(false);
	for (int i = 0; i < MS_C_COUNT; i++)
		assert_int_equal(PAIR_NUMBER(ms_attr(i)), 0);
	assert_true(ms_attr(MS_C_SELECTION) & A_REVERSE);
	assert_true(ms_attr(MS_C_TAB_ACTIVE) & A_REVERSE);
	assert_true(ms_attr(MS_C_FOOTER) & A_REVERSE);
	/* the mono theme says exactly how it looks without colours */
	assert_int_equal(ms_theme_load("mono", err, sizeof(err)), 0);
	ms_theme_apply(false);
	assert_int_equal(ms_attr(MS_C_TAB_ACTIVE), A_BOLD | A_UNDERLINE);
	assert_int_equal(ms_attr(MS_C_TAB), A_REVERSE);
	close_term(s, out, in);

	/* 16 colours keep the bright ones, without bold */
	s = open_term("xterm-16color", &out, &in);
	assert_int_equal(ms_theme_load("light", err, sizeof(err)), 0);
	ms_theme_apply(true);
	pair_of(MS_C_SELECTION, &fg, &bg);
	assert_int_equal(fg, 15);
	assert_int_equal(bg, COLOR_BLUE);
	close_term(s, out, in);

	/* a terminal without colours: attributes whatever is asked */
	s = open_term("vt100", &out, &in);
	assert_int_equal(ms_theme_load("default", err, sizeof(err)), 0);
	ms_theme_apply(true);
	assert_int_equal(PAIR_NUMBER(ms_attr(MS_C_SELECTION)), 0);
	assert_true(ms_attr(MS_C_SELECTION) & A_REVERSE);
	close_term(s, out, in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_default_is_builtin),
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_broken),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_next),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_apply),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
