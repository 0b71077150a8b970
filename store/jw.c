// SPDX-License-Identifier: GPL-2.0
/* The streaming JSON writer (store/jw.h): json-c's plain output, byte for byte. */
#define _GNU_SOURCE /* the _unlocked stdio: one thread writes a document */
#include "store/jw.h"

#include <errno.h>
#include <math.h>
#include <string.h>

void ms_jw_init(struct ms_jw *w, FILE *f, unsigned int flags)
{
	memset(w, 0, sizeof(*w));
	w->f = f;
	w->flags = flags;
}

/* json-c's json_escape_str(): the short escapes, \u00xx for the rest. */
static void escape(struct ms_jw *w, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t start = 0;

	putc_unlocked('"', w->f);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *e = NULL;
		char u[7];

		switch (c) {
		case '\b':
			e = "\\b";
			break;
		case '\n':
			e = "\\n";
			break;
		case '\r':
			e = "\\r";
			break;
		case '\t':
			e = "\\t";
			break;
		case '\f':
			e = "\\f";
			break;
		case '"':
			e = "\\\"";
			break;
		case '\\':
			e = "\\\\";
			break;
		case '/':
			if (w->flags & MS_JW_SLASH)
				e = "\\/";
			break;
		default:
			if (c < ' ') {
				memcpy(u, "\\u00", 4);
				u[4] = hex[c >> 4];
				u[5] = hex[c & 0xf];
				u[6] = '\0';
				e = u;
			}
		}
		if (!e)
			continue;
		fwrite_unlocked(s + start, 1, i - start, w->f);
		fputs_unlocked(e, w->f);
		start = i + 1;
	}
	fwrite_unlocked(s + start, 1, n - start, w->f);
	putc_unlocked('"', w->f);
}

/* The separator and the key before a member. */
static void member(struct ms_jw *w, const char *key)
{
	if (w->depth > 0) {
		if (w->more[w->depth - 1])
			putc_unlocked(',', w->f);
		w->more[w->depth - 1] = true;
	}
	if (key) {
		escape(w, key, strlen(key));
		putc_unlocked(':', w->f);
	}
}

static void open_(struct ms_jw *w, const char *key, char o, char c)
{
	member(w, key);
	putc_unlocked(o, w->f);
	if (w->depth < MS_JW_DEPTH) {
		w->more[w->depth] = false;
		w->close[w->depth] = c;
	}
	w->depth++;
}

void ms_jw_obj(struct ms_jw *w, const char *key)
{
	open_(w, key, '{', '}');
}

void ms_jw_arr(struct ms_jw *w, const char *key)
{
	open_(w, key, '[', ']');
}

void ms_jw_end(struct ms_jw *w)
{
	if (w->depth <= 0)
		return;
	w->depth--;
	putc_unlocked(w->depth < MS_JW_DEPTH ? w->close[w->depth] : '}', w->f);
}

void ms_jw_raw(struct ms_jw *w, const char *key, const char *json)
{
	member(w, key);
	fputs_unlocked(json, w->f);
}

void ms_jw_null(struct ms_jw *w, const char *key)
{
	ms_jw_raw(w, key, "null");
}

void ms_jw_bool(struct ms_jw *w, const char *key, bool v)
{
	ms_jw_raw(w, key, v ? "true" : "false");
}

/*
 * v in base (10 or 16), ending at end: the start. printf's %llu and %llx
 * were a tenth of a 60,000-VMA document's time.
 */
static char *digits(char *end, uint64_t v, unsigned int base)
{
	static const char hex[] = "0123456789abcdef";

	do {
		*--end = hex[v % base];
		v /= base;
	} while (v);
	return end;
}

static void put_u64(struct ms_jw *w, uint64_t v, bool neg)
{
	char b[24], *e = b + sizeof(b), *p = digits(e, v, 10);

	if (neg)
		*--p = '-';
	fwrite_unlocked(p, 1, (size_t)(e - p), w->f);
}

void ms_jw_int(struct ms_jw *w, const char *key, int64_t v)
{
	member(w, key);
	put_u64(w, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0);
}

void ms_jw_u64(struct ms_jw *w, const char *key, uint64_t v)
{
	member(w, key);
	put_u64(w, v, false);
}

/*
 * json_object_double_to_json_string_format() with "%.3f", or its default
 * "%.17g" (MS_JW_G17): NaN and the infinities spelled out, a locale's
 * decimal comma made a point, ".0" after a %.17g integer, at most 127
 * bytes.
 */
void ms_jw_dbl(struct ms_jw *w, const char *key, double v)
{
	bool g17 = w->flags & MS_JW_G17;
	char b[128], *p;
	int n;

	if (isnan(v))
		n = snprintf(b, sizeof(b), "NaN");
	else if (isinf(v))
		n = snprintf(b, sizeof(b), v > 0 ? "Infinity" : "-Infinity");
	else
		n = snprintf(b, sizeof(b), g17 ? "%.17g" : "%.3f", v);
	if (n < 0)
		return;
	p = strchr(b, ',');
	if (p)
		*p = '.';
	else
		p = strchr(b, '.');
	if (g17 && isfinite(v) && !p && !strchr(b, 'e') &&
	    n < (int)sizeof(b) - 2) {
		strcat(b, ".0");
		n += 2;
	}
	member(w, key);
	fwrite(b, 1, n < (int)sizeof(b) ? (size_t)n : sizeof(b) - 1, w->f);
}

void ms_jw_strn(struct ms_jw *w, const char *key, const char *s, size_t n)
{
	member(w, key);
	escape(w, s, n);
}

void ms_jw_str(struct ms_jw *w, const char *key, const char *s)
{
	if (!s)
		ms_jw_null(w, key);
	else
		ms_jw_strn(w, key, s, strlen(s));
}

void ms_jw_hex(struct ms_jw *w, const char *key, uint64_t v)
{
	char b[24], *e = b + sizeof(b), *p = digits(e, v, 16);

	member(w, key);
	putc_unlocked('"', w->f);
	fwrite_unlocked(p, 1, (size_t)(e - p), w->f);
	putc_unlocked('"', w->f);
}

void ms_jw_u64na(struct ms_jw *w, const char *key, uint64_t v)
{
	if (v == UINT64_MAX)
		ms_jw_null(w, key);
	else
		ms_jw_u64(w, key, v);
}

void ms_jw_dblna(struct ms_jw *w, const char *key, double v)
{
	if (!isfinite(v))
		ms_jw_null(w, key);
	else
		ms_jw_dbl(w, key, v);
}

int ms_jw_error(const struct ms_jw *w)
{
	return ferror(w->f) ? -EIO : 0;
}
