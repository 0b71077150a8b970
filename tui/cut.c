// SPDX-License-Identifier: GPL-2.0
/*
 * Text to a width: paths cut to a column keep their file name (eight
 * mappings cut from the right all read "/usr/lib/x86_64-linux-g", which
 * tells them apart by nothing); long messages wrap rather than lose their
 * end; a screen's line too long ends with a mark.
 */
#include "tui/cut.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tui/widgets.h"

/* Bytes of s's start that fit in width columns. */
static size_t head_bytes(const char *s, int width)
{
	size_t b = 0;
	int cols, n;

	while ((n = ms_text_next(s + b, &cols)) > 0 && cols <= width) {
		width -= cols;
		b += (size_t)n;
	}
	return b;
}

/* Where the end of s that fits in width columns begins. */
static const char *tail_of(const char *s, int width)
{
	int over = ms_text_width(s) - width, cols, n;

	while (over > 0 && (n = ms_text_next(s, &cols)) > 0) {
		over -= cols;
		s += n;
	}
	return s;
}

const char *ms_cut_path(char *buf, size_t len, const char *s, int width,
			bool utf8)
{
	const char *ell = utf8 ? "\u2026" : "...", *base = strrchr(s, '/');
	int ew = utf8 ? 1 : 3, room;

	if (width < 0)
		width = 0;
	if (ms_text_width(s) <= width || width <= ew) {
		snprintf(buf, len, "%.*s", (int)head_bytes(s, width), s);
		return buf;
	}
	room = width - ew;
	if (base && base != s && ms_text_width(base) <= room) {
		room -= ms_text_width(base);
		snprintf(buf, len, "%.*s%s%s", (int)head_bytes(s, room), s, ell,
			 base);
		return buf;
	}
	snprintf(buf, len, "%s%s", ell, tail_of(s, room));
	return buf;
}

const char *ms_esc_path(char *buf, size_t len, const char *raw, int width,
			bool utf8)
{
	char esc[4 * MS_PATH_MAX];

	return ms_cut_path(buf, len, ms_esc(esc, sizeof(esc), raw), width,
			   utf8);
}

int ms_put_path(WINDOW *w, int y, int x, int width, attr_t a, const char *raw,
		bool utf8)
{
	char cut[4096];

	return ms_put(w, y, x, width, MS_LEFT, true, a,
		      ms_esc_path(cut, sizeof(cut), raw, width, utf8));
}

/* Chinese punctuation that must not start a line. */
static bool no_break_before(const char *s)
{
	static const char *const p[] = {
		"\uff0c", "\u3002", "\uff1b", "\uff1a",
		"\u3001", "\uff09", "\uff01", "\uff1f"
	};

	for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++)
		if (!strncmp(s, p[i], strlen(p[i])))
			return true;
	return false;
}

/*
 * Bytes of s for one line of at most width columns: up to the last space
 * or wide (CJK) character that fits, else cut at the width.
 */
size_t ms_wrap_line(const char *s, int width)
{
	size_t b = 0, brk = 0;
	int used = 0, cols, n;

	while ((n = ms_text_next(s + b, &cols)) > 0) {
		if (used + cols > width)
			break;
		used += cols;
		b += (size_t)n;
		if ((s[b - (size_t)n] == ' ' || cols == 2) &&
		    !no_break_before(s + b))
			brk = b;
	}
	if (!s[b] || s[b] == ' ')
		return b;
	return brk ? brk : b ? b : (size_t)n;
}

void ms_screen_wrapped(struct ms_screen *l, attr_t a, const char *text)
{
	char line[1024];

	while (*text) {
		size_t b = ms_wrap_line(text, l->r.w);

		if (b >= sizeof(line))
			b = sizeof(line) - 1;
		memcpy(line, text, b);
		line[b] = '\0';
		ms_screen_line(l, a, line);
		for (text += b; *text == ' ';)
			text++;
	}
}

void ms_screen_line(struct ms_screen *l, attr_t a, const char *text)
{
	int y = ms_screen_next(l);

	/* too long: the end shows it is cut */
	if (y >= 0)
		ms_put_cut(l->w, y, l->r.x, l->r.w, a, text,
			   l->ui ? l->ui : l->sc->tags.ui);
}

void ms_screen_linef(struct ms_screen *l, attr_t a, const char *fmt, ...)
{
	char buf[320];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ms_screen_line(l, a, buf);
}
