/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the curses unit tests (test_tui_*.c): a screen over /dev/null,
 * rows read back as UTF-8, a view drawn into a window. After <cmocka.h>.
 */
#ifndef MS_TUI_TEST_H
#define MS_TUI_TEST_H

#include <curses.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/theme.h"
#include "tui/view.h"

/* Row y of w as UTF-8, trailing blanks removed (a static buffer). */
static inline const char *tt_row(WINDOW *w, int y)
{
	static char buf[2048];
	wchar_t wc[512];
	int n = mvwinnwstr(w, y, 0, wc, 511);

	wc[n < 0 ? 0 : n] = L'\0';
	wcstombs(buf, wc, sizeof(buf));
	for (n = (int)strlen(buf); n > 0 && buf[n - 1] == ' '; n--)
		buf[n - 1] = '\0';
	return buf;
}

/* The first row holding text: its number, or -1. */
static inline int tt_find(WINDOW *w, const char *text)
{
	for (int y = 0; y < getmaxy(w); y++)
		if (strstr(tt_row(w, y), text))
			return y;
	return -1;
}

/* The first row holding text, or NULL. */
static inline const char *tt_find_row(WINDOW *w, const char *text)
{
	int y = tt_find(w, text);

	return y < 0 ? NULL : tt_row(w, y);
}

static inline void tt_dump(WINDOW *w)
{
	for (int y = 0; y < getmaxy(w); y++)
		print_message("|%s\n", tt_row(w, y));
}

/* Fails, showing the window, unless a row holds text. */
static inline void tt_assert_row(WINDOW *w, const char *text)
{
	if (tt_find(w, text) < 0) {
		tt_dump(w);
		fail_msg("no row holds \"%s\"", text);
	}
}

/* The whole window for v, blanked first. */
static inline void tt_draw(struct ms_view *v, WINDOW *w)
{
	werase(w);
	v->cls->draw(v, w, (struct ms_rect){ 0, 0, getmaxy(w), getmaxx(w) });
}

/*
 * Run the group on an xterm screen over /dev/null in C.UTF-8, with the
 * default theme's colours when color.
 */
static inline int tt_run_(const char *name, const struct CMUnitTest *t,
			  size_t n, bool color)
{
	FILE *out, *in;
	SCREEN *scr;
	int rc;

	if (!setlocale(LC_ALL, "C.UTF-8")) {
		fprintf(stderr, "%s: no C.UTF-8 locale\n", name);
		return 1;
	}
	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	scr = out && in ? newterm("xterm", out, in) : NULL;
	if (!scr)
		return 1;
	if (color) {
		start_color();
		ms_theme_apply(true);
	}
	rc = _cmocka_run_group_tests(name, t, n, NULL, NULL);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
	return rc;
}
#define tt_run(name, tests, color) \
	tt_run_(name, tests, sizeof(tests) / sizeof((tests)[0]), color)

#endif
