/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the JSON output's files (store/json*.c): value builders. */
#ifndef MS_OUT_JSON_H
#define MS_OUT_JSON_H

#include <json-c/json.h>
#include <math.h>
#include <stdint.h>

#include "model/escape.h"
#include "model/snapshot.h"

typedef struct json_object json;

/* A count, or null for MS_NA (never a made-up 0). */
static inline json *u64(uint64_t v)
{
	return ms_have(v) ? json_object_new_uint64(v) : NULL;
}

/* A rate or ratio, or null for NAN. */
static inline json *dbl(double v)
{
	return isfinite(v) ? json_object_new_double(v) : NULL;
}

/* Untrusted bytes: escaped, so the output is valid UTF-8 and plain. */
static inline json *str(const char *raw)
{
	char esc[4 * 4096 + 1];

	if (!raw)
		return NULL;
	ms_escape(esc, sizeof(esc), raw, (size_t)-1);
	return json_object_new_string(esc);
}

static inline void put(json *o, const char *k, json *v)
{
	json_object_object_add(o, k, v);
}

/* The object under key k of top, made when the section itself is absent. */
static inline json *child(json *top, const char *k)
{
	json *o = NULL;

	if (!json_object_object_get_ex(top, k, &o) || !o) {
		o = json_object_new_object();
		put(top, k, o);
	}
	return o;
}

#endif
