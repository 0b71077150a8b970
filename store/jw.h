/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A streaming JSON writer: objects, arrays, keys and values go straight to
 * a FILE as they come, so memory stays bounded by one value whatever the
 * size of the document. Its bytes are json-c's JSON_C_TO_STRING_PLAIN
 * (with NOSLASHESCAPE unless MS_JW_SLASH) and doubles as "%.3f", so the
 * documents are what json-c's trees printed. Knows nothing of the model.
 */
#ifndef MS_JW_H
#define MS_JW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define MS_JW_DEPTH 32

enum {
	MS_JW_SLASH = 1 << 0, /* write '/' in strings as "\/" */
	/* doubles as json-c's default: "%.17g", ".0" when no point */
	MS_JW_G17 = 1 << 1,
};

struct ms_jw {
	FILE *f;
	unsigned int flags;
	int depth; /* open objects and arrays */
	bool more[MS_JW_DEPTH]; /* the container has a member */
	char close[MS_JW_DEPTH]; /* '}' or ']' */
};

void ms_jw_init(struct ms_jw *w, FILE *f, unsigned int flags);

/*
 * Every call takes the member's key: inside an object the key, inside an
 * array or at the top NULL.
 */
void ms_jw_obj(struct ms_jw *w, const char *key); /* opens {  */
void ms_jw_arr(struct ms_jw *w, const char *key); /* opens [  */
void ms_jw_end(struct ms_jw *w); /* closes the latest */

void ms_jw_null(struct ms_jw *w, const char *key);
void ms_jw_bool(struct ms_jw *w, const char *key, bool v);
void ms_jw_int(struct ms_jw *w, const char *key, int64_t v);
void ms_jw_u64(struct ms_jw *w, const char *key, uint64_t v);
/* As json-c prints it: "%.3f" (MS_JW_G17: "%.17g"), NaN, Infinity. */
void ms_jw_dbl(struct ms_jw *w, const char *key, double v);
/* A string, JSON-escaped; NULL is null. */
void ms_jw_str(struct ms_jw *w, const char *key, const char *s);
void ms_jw_strn(struct ms_jw *w, const char *key, const char *s, size_t n);
/* "%llx" as a string. */
void ms_jw_hex(struct ms_jw *w, const char *key, uint64_t v);
/* Text that is already JSON (one value). */
void ms_jw_raw(struct ms_jw *w, const char *key, const char *json);

/* The count or null for UINT64_MAX; the double or null if not finite. */
void ms_jw_u64na(struct ms_jw *w, const char *key, uint64_t v);
void ms_jw_dblna(struct ms_jw *w, const char *key, double v);

/* -EIO once a write failed, else 0. */
int ms_jw_error(const struct ms_jw *w);

#endif
