/* SPDX-License-Identifier: GPL-2.0 */
/* Display text to a width: paths lose their middle, not their file name; lines wrap. */
#ifndef MS_CUT_H
#define MS_CUT_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

/* A path as /proc prints it: PATH_MAX and " (deleted)" */
#define MS_PATH_MAX 4128

/*
 * s (display text: already escaped) in at most width columns, into buf:
 * s itself when it fits; else its start, an ellipsis ("…", "..." without
 * utf8) and its last path component, "/usr/lib/x86_64…/libc.so.6"; when
 * that component alone does not fit, the ellipsis and the end of s.
 * Returns buf.
 */
const char *ms_cut_path(char *buf, size_t len, const char *s, int width,
			bool utf8);
/* Raw text from the kernel escaped whole, then cut as ms_cut_path. */
const char *ms_esc_path(char *buf, size_t len, const char *raw, int width,
			bool utf8);
/* The same drawn at (y, x), padded to width; returns width. */
int ms_put_path(WINDOW *w, int y, int x, int width, attr_t a, const char *raw,
		bool utf8);

/*
 * Bytes of s (display text) for one line of at most width columns: up to
 * the last space or wide (CJK) character that fits, else cut at width.
 */
size_t ms_wrap_line(const char *s, int width);

struct ms_screen;
/* The next lines of a screen: text wrapped at spaces to the screen's width. */
void ms_screen_wrapped(struct ms_screen *l, attr_t a, const char *text);

#endif
