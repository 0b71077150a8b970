// SPDX-License-Identifier: GPL-2.0
/*
 * Text, number formatting and bars for the views; key/value lines and
 * scrolled screens are in screen.c.
 */
#define _GNU_SOURCE
#include "tui/widgets.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "model/area.h"
#include "model/escape.h"
#include "tui/cut.h"

/* ---- Formatting ------------------------------------------------------ */

/* v scaled by base until below base; one decimal under 10, or always. */
static const char *fmt_scaled_prec(char *buf, size_t len, double v, double base,
				   const char *units, const char *suffix,
				   bool decimal)
{
	int u = 0;
	int last = (int)strlen(units) - 1;

	while (fabs(v) >= base && u < last) {
		v /= base;
		u++;
	}
	if (u == 0)
		snprintf(buf, len, "%.0f%c%s", v, units[0], suffix);
	else if (decimal || fabs(v) < 9.95)
		snprintf(buf, len, "%.1f%c%s", v, units[u], suffix);
	else
		snprintf(buf, len, "%.0f%c%s", v, units[u], suffix);
	return buf;
}

/* v scaled by base until below base, with one decimal under 10. */
static const char *fmt_scaled(char *buf, size_t len, double v, double base,
			      const char *units, const char *suffix)
{
	return fmt_scaled_prec(buf, len, v, base, units, suffix, false);
}

const char *ms_fmt_bytes(char *buf, size_t len, uint64_t bytes)
{
	if (!ms_have(bytes))
		return snprintf(buf, len, "-"), buf;
	return fmt_scaled(buf, len, (double)bytes, 1024, "BKMGTPE", "");
}

const char *ms_fmt_kb(char *buf, size_t len, uint64_t kb)
{
	if (!ms_have(kb))
		return snprintf(buf, len, "-"), buf;
	return fmt_scaled(buf, len, (double)kb, 1024, "KMGTPE", "");
}

const char *ms_fmt_kb1(char *buf, size_t len, uint64_t kb)
{
	if (!ms_have(kb))
		return snprintf(buf, len, "-"), buf;
	return fmt_scaled_prec(buf, len, (double)kb, 1024, "KMGTPE", "", true);
}

const char *ms_fmt_pages(char *buf, size_t len, uint64_t pages,
			 uint64_t page_size)
{
	if (!ms_have(pages) || !ms_have(page_size))
		return snprintf(buf, len, "-"), buf;
	return fmt_scaled(buf, len, (double)pages * (double)page_size, 1024,
			  "BKMGTPE", "");
}

const char *ms_fmt_u64(char *buf, size_t len, uint64_t v)
{
	if (!ms_have(v))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%llu", (unsigned long long)v);
	return buf;
}

const char *ms_fmt_count(char *buf, size_t len, uint64_t v, int width)
{
	ms_fmt_u64(buf, len, v);
	if (ms_have(v) && (int)strlen(buf) > width && v >= 1000)
		fmt_scaled(buf, len, (double)v, 1000, " KMGTPE", "");
	return buf;
}

const char *ms_fmt_double(char *buf, size_t len, double v, int prec)
{
	if (isnan(v))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.*f", prec, v);
	return buf;
}

/* "+12/s": a sign, the magnitude, then the unit. */
static const char *fmt_rate(char *buf, size_t len, double v, double base,
			    const char *units)
{
	char mag[32];

	if (isnan(v))
		return snprintf(buf, len, "-"), buf;
	if (v == 0)
		return snprintf(buf, len, "0/s"), buf;
	if (fabs(v) < base && fabs(v) < 9.95 && units[0] == ' ')
		snprintf(mag, sizeof(mag), "%.1f", fabs(v));
	else
		fmt_scaled(mag, sizeof(mag), fabs(v), base, units, "");
	/* a blank unit (plain counts) is dropped */
	if (mag[0] && mag[strlen(mag) - 1] == ' ')
		mag[strlen(mag) - 1] = '\0';
	snprintf(buf, len, "%c%s/s", v < 0 ? '-' : '+', mag);
	return buf;
}

const char *ms_fmt_rate(char *buf, size_t len, double per_s)
{
	return fmt_rate(buf, len, per_s, 1000, " KMGTPE");
}

const char *ms_fmt_byte_rate(char *buf, size_t len, double bytes_per_s)
{
	return fmt_rate(buf, len, bytes_per_s, 1024, "BKMGTPE");
}

const char *ms_fmt_pct(char *buf, size_t len, double pct)
{
	if (isnan(pct))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.1f%%", pct);
	return buf;
}

/* ---- UTF-8 text ------------------------------------------------------ */

/*
 * Decode one UTF-8 character of s; returns its byte length (1 for an
 * invalid byte, with *cp = -1) and 0 at the end of the string.
 */
static int utf8_next(const unsigned char *s, long *cp)
{
	int n, i;
	long c;

	if (!s[0])
		return 0;
	if (s[0] < 0x80)
		return *cp = s[0], 1;
	if ((s[0] & 0xe0) == 0xc0)
		n = 2, c = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		n = 3, c = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		n = 4, c = s[0] & 0x07;
	else
		return *cp = -1, 1;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return *cp = -1, 1;
		c = (c << 6) | (s[i] & 0x3f);
	}
	*cp = c;
	return n;
}

/* Columns one character takes: wcwidth, but never negative. */
static int char_width(long cp)
{
	int w;

	if (cp < 0)
		return 1;
	if (cp < 0x80)
		return cp >= 0x20 && cp != 0x7f ? 1 : 0;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

/* Bytes of s that fit in width columns; *cols gets the columns used. */
static size_t cut_width(const char *s, int width, int *cols)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t bytes = 0;
	int used = 0, n, cw;
	long cp;

	while ((n = utf8_next(p + bytes, &cp)) > 0) {
		cw = char_width(cp);
		if (used + cw > width)
			break;
		used += cw;
		bytes += (size_t)n;
	}
	*cols = used;
	return bytes;
}

int ms_text_width(const char *s)
{
	int cols;

	cut_width(s, 1 << 30, &cols);
	return cols;
}

int ms_text_next(const char *s, int *cols)
{
	long cp;
	int n = utf8_next((const unsigned char *)s, &cp);

	*cols = n ? char_width(cp) : 0;
	return n;
}

static void spaces(WINDOW *w, int n)
{
	while (n-- > 0)
		waddch(w, ' ');
}

int ms_put(WINDOW *w, int y, int x, int width, enum ms_align align, bool pad,
	   attr_t a, const char *s)
{
	int cols, before = 0;
	size_t bytes;

	if (width <= 0 || !s)
		return 0;
	bytes = cut_width(s, width, &cols);
	if (pad && align == MS_RIGHT)
		before = width - cols;
	else if (pad && align == MS_CENTER)
		before = (width - cols) / 2;
	wattrset(w, a);
	wmove(w, y, x);
	spaces(w, before);
	waddnstr(w, s, (int)bytes);
	if (pad)
		spaces(w, width - cols - before);
	wattrset(w, A_NORMAL);
	return pad ? width : cols;
}

const char *ms_esc(char *buf, size_t len, const char *raw)
{
	ms_escape(buf, len, raw ? raw : "", (size_t)-1);
	return buf;
}

int ms_put_esc(WINDOW *w, int y, int x, int width, enum ms_align align,
	       bool pad, attr_t a, const char *raw)
{
	char buf[1024];

	return ms_put(w, y, x, width, align, pad, a,
		      ms_esc(buf, sizeof(buf), raw));
}

int ms_putf(WINDOW *w, int y, int x, int width, attr_t a, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return ms_put(w, y, x, width, MS_LEFT, false, a, buf);
}

void ms_fill(WINDOW *w, struct ms_rect r, attr_t a)
{
	wattrset(w, a);
	for (int i = 0; i < r.h; i++)
		mvwhline(w, r.y + i, r.x, ' ', r.w);
	wattrset(w, A_NORMAL);
}

void ms_title(WINDOW *w, int y, int x, int width, const char *text,
	      const struct ms_ui *ui)
{
	const char *rule = ui && ui->utf8 ? "\u2500" : "-";
	int used;

	if (width <= 0)
		return;
	wattrset(w, ms_attr(MS_C_TITLE));
	wmove(w, y, x);
	waddstr(w, rule);
	used = 1;
	if (width > 2) {
		waddch(w, ' ');
		/* a title cut short says so */
		used += 1 + ms_put_cut(w, y, x + 2, width - 3,
				       ms_attr(MS_C_TITLE), text, ui);
		wattrset(w, ms_attr(MS_C_TITLE));
		if (used < width)
			waddch(w, ' '), used++;
	}
	while (used++ < width)
		waddstr(w, rule);
	wattrset(w, A_NORMAL);
}

int ms_message(WINDOW *w, struct ms_rect r, attr_t a, const char *text)
{
	int y = r.y + (r.h > 1 ? r.h / 2 - 1 : 0), n = 0;
	const char *t;
	char line[1024];

	if (r.h <= 0 || r.w <= 0)
		return r.y;
	for (t = text; *t; n++) /* its lines */
		for (t += ms_wrap_line(t, r.w); *t == ' ';)
			t++;
	y -= (n - 1) / 2;
	if (y < r.y)
		y = r.y;
	for (t = text; *t && y < r.y + r.h; y++) {
		size_t b = ms_wrap_line(t, r.w), e;
		int width;

		if (b >= sizeof(line))
			b = sizeof(line) - 1;
		for (e = b; e && t[e - 1] == ' ';)
			e--;
		memcpy(line, t, e);
		line[e] = '\0';
		width = ms_text_width(line);
		if (width > r.w)
			width = r.w;
		ms_put(w, y, r.x + (r.w - width) / 2, r.w - (r.w - width) / 2,
		       MS_LEFT, false, a, line);
		for (t += b; *t == ' ';)
			t++;
	}
	return y;
}

const char *ms_note_why(const struct ms_snapshot *s, const char *what)
{
	size_t n = strlen(what);

	for (int i = 0; i < s->nr_notes; i++) {
		const char *w = s->notes[i].what;

		if (!strncmp(w, what, n) &&
		    (w[n] == '\0' || w[n] == '/' || w[n] == ' '))
			return s->notes[i].why;
	}
	return NULL;
}

const char *ms_why_missing(char *buf, size_t len, const struct ms_snapshot *s,
			   enum ms_section sec)
{
	const struct ms_note *n = ms_note_missing(s, sec);
	char esc[256];

	if (n)
		snprintf(buf, len, "%s unavailable: %s: %s",
			 ms_section_name(sec), n->what,
			 ms_esc(esc, sizeof(esc), n->why));
	else
		snprintf(buf, len, "%s unavailable (no backend provided it)",
			 ms_section_name(sec));
	return buf;
}

/* ---- Bars ------------------------------------------------------------ */

static const char *const eighths[] = {
	"",	  "\u258f", "\u258e", "\u258d",
	"\u258c", "\u258b", "\u258a", "\u2589",
};

void ms_bar(WINDOW *w, int y, int x, int width, double frac, attr_t a,
	    const struct ms_ui *ui)
{
	int units, full, part;

	if (width <= 0)
		return;
	if (isnan(frac) || frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	units = (int)lround(frac * width * (ui->utf8 ? 8 : 1));
	full = ui->utf8 ? units / 8 : units;
	part = ui->utf8 ? units % 8 : 0;
	wattrset(w, a);
	wmove(w, y, x);
	for (int i = 0; i < full; i++)
		waddstr(w, ui->utf8 ? "\u2588" : "#");
	if (part)
		waddstr(w, eighths[part]);
	wattrset(w, A_NORMAL);
	spaces(w, width - full - (part ? 1 : 0));
}

static const char *const spark_utf8[] = {
	" ",	  "\u2581", "\u2582", "\u2583", "\u2584",
	"\u2585", "\u2586", "\u2587", "\u2588",
};
static const char spark_ascii[] = " .:-=+*#%@";

void ms_spark(WINDOW *w, int y, int x, const uint64_t *v, int n, uint64_t max,
	      attr_t a, const struct ms_ui *ui)
{
	int levels = ui->utf8 ? 8 : (int)sizeof(spark_ascii) - 2;

	if (!max)
		for (int i = 0; i < n; i++)
			if (ms_have(v[i]) && v[i] > max)
				max = v[i];
	wattrset(w, a);
	wmove(w, y, x);
	for (int i = 0; i < n; i++) {
		int l = 0;

		if (!ms_have(v[i])) {
			waddch(w, '-');
			continue;
		}
		if (v[i] && max)
			l = 1 +
			    (int)((double)(v[i] - 1) / (double)max * levels);
		if (l > levels)
			l = levels;
		if (ui->utf8)
			waddstr(w, spark_utf8[l]);
		else
			waddch(w, (chtype)spark_ascii[l]);
	}
	wattrset(w, A_NORMAL);
}
