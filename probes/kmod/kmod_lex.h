/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the parsers of memscope.ko's files share (probes/kmod only): lines
 * (kv.h's strict reader) split into words, numbers, names, version lines.
 */
#ifndef MS_KMOD_LEX_H
#define MS_KMOD_LEX_H

#include "probes/procfs/kv.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MS_KW_MAX 24 /* words kept per line: pivots has 17 */
#define MS_KP_MAX_NODE 65535 /* node ids (the kernel's are below 1024) */

/* One line, split at spaces. */
struct ms_kw {
	int n;
	const char *w[MS_KW_MAX];
	size_t l[MS_KW_MAX];
};

/*
 * Check the version line, then give fn each later non-empty line up to and
 * including "end"; -EINVAL when the text stops before it.
 */
int ms_kp_lines(struct ms_lc *x, const char *text, size_t len,
		const char *version,
		int (*fn)(struct ms_lc *x, const struct ms_kw *w, void *ctx),
		void *ctx);

/* Word i is s. */
bool ms_kw_is(const struct ms_kw *w, int i, const char *s);
/* The line has exactly n words. */
int ms_kw_count(struct ms_lc *x, const struct ms_kw *w, int n);
/* Word i: a number up to max (decimal, or hex after 0x). */
int ms_kw_num(struct ms_lc *x, const struct ms_kw *w, int i, uint64_t max,
	      uint64_t *v, const char *what);
/* Word i: a number up to max, or -1. */
int ms_kw_int(struct ms_lc *x, const struct ms_kw *w, int i, int max, int *v,
	      const char *what);
/* Word i: a number, or MS_NA for "-". */
int ms_kw_na(struct ms_lc *x, const struct ms_kw *w, int i, uint64_t *v,
	     const char *what);
/* A "KEY N" line: exactly two words, N up to max. */
int ms_kw_key(struct ms_lc *x, const struct ms_kw *w, uint64_t max,
	      uint64_t *v);
/* Several numbers of one line: word i, its bound, where it goes. */
struct ms_kw_field {
	int i;
	uint64_t max;
	uint64_t *v;
	const char *what;
	bool na; /* "-" allowed: MS_NA */
};

int ms_kw_fields(struct ms_lc *x, const struct ms_kw *w,
		 const struct ms_kw_field *f, int n);
/* Word i: a short name of printable ASCII, copied into dst. */
int ms_kw_name(struct ms_lc *x, const struct ms_kw *w, int i, char *dst,
	       size_t cap, const char *what);

#endif
