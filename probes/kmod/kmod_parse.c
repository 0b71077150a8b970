// SPDX-License-Identifier: GPL-2.0
/*
 * The words, numbers and version lines of memscope.ko's files, as every
 * parser of probes/kmod reads them (docs/kmod.md "Common rules").
 */
#include "model/escape.h"
#include "probes/kmod/kmod_lex.h"
#include "probes/kmod/kmod_parse.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* 1 with the next line in w, 0 at the end, -EINVAL when it was cut. */
static int next_line(struct ms_lc *x, struct ms_kw *w)
{
	const char *nl, *s;
	int err = ms_lc_next(x, &s, &nl);

	if (err <= 0)
		return err;
	w->n = 0;
	while (s < nl) {
		const char *e = s;

		while (e < nl && *e != ' ')
			e++;
		if (e > s) {
			if (w->n == MS_KW_MAX)
				return ms_lc_bad(x, -EINVAL,
						 "more than %d words",
						 MS_KW_MAX);
			w->w[w->n] = s;
			w->l[w->n++] = (size_t)(e - s);
		}
		s = e + 1;
	}
	return 1;
}

bool ms_kw_is(const struct ms_kw *w, int i, const char *s)
{
	return i < w->n && w->l[i] == strlen(s) && !memcmp(w->w[i], s, w->l[i]);
}

static int digit(char c, unsigned int base)
{
	int d = ms_hexval(c);

	return d < (int)base ? d : -1;
}

/* Unsigned decimal, or hex after "0x", as strtoull(s, NULL, 0) reads. */
static int parse_num(const char *s, size_t n, uint64_t *v)
{
	unsigned int base = 10;
	uint64_t x = 0;
	size_t i = 0;

	if (n > 2 && s[0] == '0' && s[1] == 'x') {
		base = 16;
		i = 2;
	}
	if (i == n)
		return -EINVAL;
	for (; i < n; i++) {
		int d = digit(s[i], base);

		if (d < 0)
			return -EINVAL;
		if (x > (UINT64_MAX - (uint64_t)d) / base)
			return -ERANGE;
		x = x * base + (uint64_t)d;
	}
	*v = x;
	return 0;
}

/* Word i as a number up to max. */
int ms_kw_num(struct ms_lc *x, const struct ms_kw *w, int i, uint64_t max,
	      uint64_t *v, const char *what)
{
	if (i >= w->n)
		return ms_lc_bad(x, -EINVAL, "no %s", what);
	if (parse_num(w->w[i], w->l[i], v) || *v > max)
		return ms_lc_bad(x, -EINVAL, "bad %s '%.*s'", what,
				 (int)(w->l[i] > 24 ? 24 : w->l[i]), w->w[i]);
	return 0;
}

/* Word i as a number up to max, or -1 (returned as -1) when it says so. */
int ms_kw_int(struct ms_lc *x, const struct ms_kw *w, int i, int max, int *v,
	      const char *what)
{
	uint64_t u;
	int err;

	if (ms_kw_is(w, i, "-1")) {
		*v = -1;
		return 0;
	}
	err = ms_kw_num(x, w, i, (uint64_t)max, &u, what);
	if (!err)
		*v = (int)u;
	return err;
}

/* Word i as a number, or MS_NA for "-". */
int ms_kw_na(struct ms_lc *x, const struct ms_kw *w, int i, uint64_t *v,
	     const char *what)
{
	if (ms_kw_is(w, i, "-")) {
		*v = MS_NA;
		return 0;
	}
	return ms_kw_num(x, w, i, UINT64_MAX - 1, v, what);
}

int ms_kw_count(struct ms_lc *x, const struct ms_kw *w, int n)
{
	if (w->n != n)
		return ms_lc_bad(x, -EINVAL, "%.*s: %d words, expected %d",
				 (int)(w->l[0] > 24 ? 24 : w->l[0]), w->w[0],
				 w->n, n);
	return 0;
}

/* A name from the kernel: a short word of printable ASCII. */
int ms_kw_name(struct ms_lc *x, const struct ms_kw *w, int i, char *dst,
	       size_t cap, const char *what)
{
	if (i >= w->n || w->l[i] >= cap)
		return ms_lc_bad(x, -EINVAL, "bad %s", what);
	for (size_t k = 0; k < w->l[i]; k++)
		if (w->w[i][k] <= ' ' || w->w[i][k] >= 0x7f)
			return ms_lc_bad(x, -EINVAL, "bad %s", what);
	memcpy(dst, w->w[i], w->l[i]);
	dst[w->l[i]] = '\0';
	return 0;
}

int ms_kmod_version(const char *text, size_t len, const char *want, char *why,
		    size_t whylen)
{
	const char *nl = memchr(text, '\n', len);
	size_t n = nl ? (size_t)(nl - text) : len;
	char got[48];
	size_t i;

	if (whylen)
		why[0] = '\0';
	if (!len || !nl) {
		snprintf(why, whylen, "no version line");
		return -EINVAL;
	}
	if (n == strlen(want) && !memcmp(text, want, n))
		return 0;
	for (i = 0; i < n && i < sizeof(got) - 1; i++)
		got[i] = text[i] >= ' ' && text[i] < 0x7f ? text[i] : '?';
	got[i] = '\0';
	snprintf(why, whylen, "unknown format '%s' (this memscope reads '%s')",
		 got, want);
	return -EPROTONOSUPPORT;
}

/* The version line, then lines until "end" through fn. */
int ms_kp_lines(struct ms_lc *x, const char *text, size_t len,
		const char *version,
		int (*fn)(struct ms_lc *x, const struct ms_kw *w, void *ctx),
		void *ctx)
{
	struct ms_kw w;
	int err;

	err = ms_kmod_version(text, len, version, x->why, x->whylen);
	if (err)
		return err;
	x->cut = "cut off (no newline at the end)";
	next_line(x, &w);
	while ((err = next_line(x, &w)) > 0) {
		if (!w.n)
			continue;
		if (ms_kw_is(&w, 0, "end") && w.n == 1)
			return fn(x, &w, ctx);
		if (ms_kw_is(&w, 0, "end"))
			continue; /* not the end line: unknown */
		err = fn(x, &w, ctx);
		if (err)
			return err;
	}
	if (err < 0)
		return err;
	x->lineno = 0;
	return ms_lc_bad(x, -EINVAL, "cut dump: no \"end\" line");
}

int ms_kw_key(struct ms_lc *x, const struct ms_kw *w, uint64_t max, uint64_t *v)
{
	char what[32];
	int err = ms_kw_count(x, w, 2);

	if (err)
		return err;
	snprintf(what, sizeof(what), "%.*s", (int)w->l[0], w->w[0]);
	return ms_kw_num(x, w, 1, max, v, what);
}

int ms_kw_fields(struct ms_lc *x, const struct ms_kw *w,
		 const struct ms_kw_field *f, int n)
{
	for (int k = 0; k < n; k++) {
		int err = f[k].na ? ms_kw_na(x, w, f[k].i, f[k].v, f[k].what) :
				    ms_kw_num(x, w, f[k].i, f[k].max, f[k].v,
					      f[k].what);

		if (err)
			return err;
	}
	return 0;
}
