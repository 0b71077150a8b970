// SPDX-License-Identifier: GPL-2.0
/*
 * Bounded "name value" and "Name: value kB" line parsers shared by readers,
 * and the strict line reader of the buddy and memscope.ko parsers.
 */
#include "probes/procfs/kv.h"

#include "model/escape.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

void ms_perr_init(struct ms_perr *e)
{
	memset(e, 0, sizeof(*e));
}

void ms_perr_bad(struct ms_perr *e, int lineno)
{
	if (!e->bad++)
		e->first_bad = lineno;
}

int ms_perr_fail(struct ms_perr *e, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->why, sizeof(e->why), fmt, ap);
	va_end(ap);
	return err;
}

bool ms_perr_text(const struct ms_perr *e, char *buf, size_t n)
{
	buf[0] = '\0';
	if (e->bad)
		snprintf(buf, n, "%d malformed line%s skipped (first: line %d)",
			 e->bad, e->bad > 1 ? "s" : "", e->first_bad);
	return e->bad;
}

void ms_perr_note(struct ms_snapshot *s, const char *what,
		  const struct ms_perr *e)
{
	char t[128];

	if (ms_perr_text(e, t, sizeof(t)))
		ms_snapshot_note(s, what, "%s", t);
}

const char *ms_line_next(const char **p, const char *end, size_t *len)
{
	const char *line = *p, *nl;

	if (!line || line >= end)
		return NULL;
	nl = memchr(line, '\n', (size_t)(end - line));
	if (!nl)
		nl = end;
	*len = (size_t)(nl - line);
	*p = nl < end ? nl + 1 : end;
	return line;
}

void ms_lc_init(struct ms_lc *x, const char *text, size_t len, char *why,
		size_t whylen)
{
	x->p = text;
	x->end = text + len;
	x->lineno = 0;
	x->why = why;
	x->whylen = whylen;
	x->cut = "truncated (no newline at the end)";
	if (whylen)
		why[0] = '\0';
}

int ms_lc_bad(struct ms_lc *x, int err, const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	if (!x->whylen)
		return err;
	if (x->lineno)
		n = snprintf(x->why, x->whylen, "line %d: ", x->lineno);
	if (n < 0 || (size_t)n >= x->whylen)
		return err;
	va_start(ap, fmt);
	vsnprintf(x->why + n, x->whylen - (size_t)n, fmt, ap);
	va_end(ap);
	return err;
}

int ms_lc_next(struct ms_lc *x, const char **s, const char **e)
{
	const char *nl;

	if (x->p >= x->end)
		return 0;
	x->lineno++;
	nl = memchr(x->p, '\n', (size_t)(x->end - x->p));
	if (!nl)
		return ms_lc_bad(x, -EINVAL, "%s", x->cut);
	*s = x->p;
	*e = nl;
	x->p = nl + 1;
	return 1;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

const char *ms_skip_blank(const char *p, const char *end)
{
	while (p < end && is_blank(*p))
		p++;
	return p;
}

int ms_parse_dec(const char **p, const char *end, uint64_t *v)
{
	const char *s = *p;
	uint64_t x = 0;

	if (s >= end || *s < '0' || *s > '9')
		return -EINVAL;
	for (; s < end && *s >= '0' && *s <= '9'; s++) {
		unsigned int d = (unsigned int)(*s - '0');

		if (x > (UINT64_MAX - d) / 10)
			return -ERANGE;
		x = x * 10 + d;
	}
	*p = s;
	*v = x;
	return 0;
}

static int parse_hex(const char **p, const char *end, uint64_t *v)
{
	const char *s = *p;
	uint64_t x = 0;
	int d;

	if (s >= end || ms_hexval(*s) < 0)
		return -EINVAL;
	for (; s < end && (d = ms_hexval(*s)) >= 0; s++) {
		if (x >> 60)
			return -ERANGE;
		x = x << 4 | (uint64_t)d;
	}
	*p = s;
	*v = x;
	return 0;
}

bool ms_list_has(const char *s, size_t n, const char *word)
{
	size_t m = strlen(word);

	for (const char *p = s, *end = s + n; p < end;) {
		const char *c = memchr(p, ',', (size_t)(end - p));
		size_t k = (size_t)((c ? c : end) - p);

		if (k == m && !memcmp(p, word, m))
			return true;
		p += k + 1;
	}
	return false;
}

int ms_parse_value(const char *text, size_t len, uint64_t *v)
{
	const char *p = text, *end = text + len;
	int err;

	p = ms_skip_blank(p, end);
	if (end - p > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		p += 2;
		err = parse_hex(&p, end, v);
	} else {
		err = ms_parse_dec(&p, end, v);
	}
	if (err)
		return err;
	while (p < end && (is_blank(*p) || *p == '\n'))
		p++;
	return p == end ? 0 : -EINVAL;
}

/* Names are printable ASCII without blanks: anything else is garbage. */
static bool name_char(char c)
{
	return c > ' ' && c < 0x7f;
}

static int copy_name(const char *s, size_t n, char *name, size_t nlen)
{
	if (n == 0 || n >= nlen)
		return -EINVAL;
	for (size_t i = 0; i < n; i++)
		if (!name_char(s[i]))
			return -EINVAL;
	memcpy(name, s, n);
	name[n] = '\0';
	return 0;
}

/* The value and what may follow it: blanks, an optional unit, blanks. */
static int parse_tail(const char *p, const char *end, const char *unit,
		      uint64_t *v)
{
	size_t ulen = unit ? strlen(unit) : 0;
	int err;

	p = ms_skip_blank(p, end);
	err = ms_parse_dec(&p, end, v);
	if (err)
		return err;
	p = ms_skip_blank(p, end);
	if (ulen && (size_t)(end - p) >= ulen && !memcmp(p, unit, ulen))
		p = ms_skip_blank(p + ulen, end);
	return p == end ? 0 : -EINVAL;
}

int ms_kv_pair(const char *line, size_t len, char *name, size_t nlen,
	       uint64_t *v)
{
	const char *end = line + len, *p = line;

	while (p < end && !is_blank(*p))
		p++;
	if (p == end || copy_name(line, (size_t)(p - line), name, nlen))
		return -EINVAL;
	return parse_tail(p, end, NULL, v);
}

int ms_kv_colon(const char *line, size_t len, char *name, size_t nlen,
		uint64_t *v)
{
	const char *end = line + len;
	const char *colon = memchr(line, ':', len);

	if (!colon || copy_name(line, (size_t)(colon - line), name, nlen))
		return -EINVAL;
	return parse_tail(colon + 1, end, "kB", v);
}

typedef int (*kv_line_fn)(const char *line, size_t len, char *name, size_t nlen,
			  uint64_t *v);

static bool blank_line(const char *line, size_t len)
{
	return ms_skip_blank(line, line + len) == line + len;
}

static int parse_lines(const char *text, size_t len, struct ms_kvlist *l,
		       struct ms_perr *e, kv_line_fn fn)
{
	const char *p = text, *end = text + len, *line;
	char name[sizeof(((struct ms_kv *)0)->name)];
	int lineno = 0, good = 0;
	size_t n;
	uint64_t v;

	while ((line = ms_line_next(&p, end, &n))) {
		lineno++;
		if (blank_line(line, n))
			continue;
		if (fn(line, n, name, sizeof(name), &v)) {
			ms_perr_bad(e, lineno);
			continue;
		}
		if (!ms_kv_add(l, name, v))
			return ms_perr_fail(e, -ENOMEM, "out of memory");
		good++;
	}
	if (good)
		return 0;
	if (e->bad)
		return ms_perr_fail(e, -EINVAL, "unknown format (line %d)",
				    e->first_bad);
	return ms_perr_fail(e, -EINVAL, "empty");
}

int ms_kv_parse_pairs(const char *text, size_t len, struct ms_kvlist *l,
		      struct ms_perr *e)
{
	return parse_lines(text, len, l, e, ms_kv_pair);
}

int ms_kv_parse_colons(const char *text, size_t len, struct ms_kvlist *l,
		       struct ms_perr *e)
{
	return parse_lines(text, len, l, e, ms_kv_colon);
}

int ms_parse_bracket(const char *text, size_t len, char *out, size_t n)
{
	const char *open = memchr(text, '[', len), *close;
	size_t w;

	if (n)
		out[0] = '\0';
	if (!open)
		return -EINVAL;
	close = memchr(open, ']', len - (size_t)(open - text));
	if (!close)
		return -EINVAL;
	w = (size_t)(close - open - 1);
	if (w == 0 || w >= n)
		return -EINVAL;
	for (size_t i = 0; i < w; i++)
		if (!name_char(open[1 + i]))
			return -EINVAL;
	memcpy(out, open + 1, w);
	out[w] = '\0';
	return 0;
}
