/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure parsers of the line shapes most proc and sysfs files share:
 * "name value" (vmstat, numastat) and "Name:   value kB" (meminfo).
 */
#ifndef MS_PROCFS_KV_H
#define MS_PROCFS_KV_H

#include "model/snapshot.h"

#include <stddef.h>
#include <stdint.h>

/* What a parser skipped, and why it gave up when it returns an error. */
struct ms_perr {
	int bad; /* malformed lines skipped */
	int first_bad; /* line number (from 1) of the first, or 0 */
	char why[128];
};

void ms_perr_init(struct ms_perr *e);
/* Count line lineno as malformed. */
void ms_perr_bad(struct ms_perr *e, int lineno);
/* Set e->why (printf) and return err, for "return ms_perr_fail(...)". */
int ms_perr_fail(struct ms_perr *e, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* That note's text into buf ("" and false when none were skipped). */
bool ms_perr_text(const struct ms_perr *e, char *buf, size_t n);
/* Note skipped lines of what in the snapshot, if there were any. */
void ms_perr_note(struct ms_snapshot *s, const char *what,
		  const struct ms_perr *e);

/*
 * Next line of [*p, end) without its '\n' (not NUL-terminated: use *len);
 * NULL at the end. Never reads at or past end.
 */
const char *ms_line_next(const char **p, const char *end, size_t *len);

/*
 * The strict way, for parsers that refuse a file cut short: where one is
 * in its text, and where it explains a failure by line number.
 */
struct ms_lc {
	const char *p, *end;
	int lineno; /* of the line last read; 0: none, or not about a line */
	char *why;
	size_t whylen;
	const char *cut; /* the reason for a text without its last newline */
};

/* cut: "truncated (no newline at the end)"; a parser may say it its way. */
void ms_lc_init(struct ms_lc *x, const char *text, size_t len, char *why,
		size_t whylen);
/* err, with "line N: " (when lineno is set) and the reason in x->why. */
int ms_lc_bad(struct ms_lc *x, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/*
 * 1 with the next line in [*s, *e) (*e is its '\n'), 0 at the end,
 * -EINVAL with the reason when the text ends without a newline.
 */
int ms_lc_next(struct ms_lc *x, const char **s, const char **e);
/* Skip spaces, tabs and carriage returns. */
const char *ms_skip_blank(const char *p, const char *end);
/*
 * Decimal digits at *p (no sign), advancing *p past them. -EINVAL when
 * there is no digit, -ERANGE when the number does not fit.
 */
int ms_parse_dec(const char **p, const char *end, uint64_t *v);
/* A whole file holding one number, decimal or "0x" hex, blanks around. */
int ms_parse_value(const char *text, size_t len, uint64_t *v);

/* Whether the comma-separated list [s, s + n) holds word (mount options,
 * a /proc/PID/cgroup line's controllers). */
bool ms_list_has(const char *s, size_t n, const char *word);

/* One "name value" line. name gets nlen bytes at most (NUL included). */
int ms_kv_pair(const char *line, size_t len, char *name, size_t nlen,
	       uint64_t *v);
/* One "Name:   value" line with an optional " kB" unit. */
int ms_kv_colon(const char *line, size_t len, char *name, size_t nlen,
		uint64_t *v);

/*
 * Every line of text appended to l in file order. Blank lines are
 * ignored, malformed ones counted in e. Returns 0, -ENOMEM, or -EINVAL
 * (reason in e->why) when no line could be parsed.
 */
int ms_kv_parse_pairs(const char *text, size_t len, struct ms_kvlist *l,
		      struct ms_perr *e);
int ms_kv_parse_colons(const char *text, size_t len, struct ms_kvlist *l,
		       struct ms_perr *e);

/* The [chosen] word of a sysfs choice: "always [madvise] never". */
int ms_parse_bracket(const char *text, size_t len, char *out, size_t n);

#endif
