/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading a --json line back: type-checked accessors of a parsed line (a
 * key of the wrong type reads as absent), records read from their field
 * tables (store/jread.c), the core sections (store/json_read.c) and the
 * events sections (store/json_read_live.c).
 */
#ifndef MS_STORE_JREAD_H
#define MS_STORE_JREAD_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>

#include "model/field.h"
#include "model/snapshot.h"

typedef struct json_object json;

json *ms_j(json *o, const char *k); /* NULL when absent or null */
json *ms_jobj(json *o, const char *k); /* an object, else NULL */
json *ms_jarr(json *o, const char *k); /* an array, else NULL */
bool ms_jhas(json *o, const char *k); /* present, even as null */
int ms_jlen(json *a); /* 0 unless an array */
json *ms_jat(json *a, int i);
uint64_t ms_ju64v(json *v); /* MS_NA unless a number >= 0 */
uint64_t ms_ju64(json *o, const char *k);
/* The first (at most max) numbers of array a into v, as ms_ju64v(); n. */
int ms_ju64a(json *a, uint64_t *v, int max);
double ms_jdblv(json *v); /* NAN unless a number */
double ms_jdbl(json *o, const char *k);
int ms_jdbla(json *a, double *v, int max); /* as ms_ju64a(), ms_jdblv() */
uint64_t ms_jscaled(json *o, const char *k, double mul); /* round(v*mul) */
int ms_jint(json *o, const char *k, int dflt);
bool ms_jbool(json *o, const char *k);
uint64_t ms_jhexv(json *v); /* "7f00...", MS_NA unless all hex */
uint64_t ms_jhex(json *o, const char *k);
/* A string ms_escape() wrote, unescaped back to the raw bytes. */
void ms_jstr(json *o, const char *k, char *dst, size_t n);
void ms_jstrv(json *v, char *dst, size_t n);
/* A string written as it was (fixed kernel names). */
void ms_jraw(json *o, const char *k, char *dst, size_t n);
/*
 * The index of name among the n names in use (at most max, 16 bytes
 * each: migrate types), added when new; -1 when full.
 */
int ms_jname_index(char (*names)[16], int *n, int max, const char *name);
/* The first key of an object: tells which code made it. */
const char *ms_jfirst(json *o);

/*
 * A record through its field table (model/field.h): each field from its
 * key, as its type says; a key absent reads as not available, but a key
 * with `need` bits (an MS_FF_NA object) absent leaves rec as it is, and
 * present sets those bits in *have. MS_F_HAND rows go to hand; rows with
 * MS_FF_NOREAD are written only. how may be NULL.
 */
struct ms_jread {
	unsigned int *have; /* the section's field bits, or NULL */
	void (*hand)(json *o, const struct ms_field *f, void *rec,
		     const struct ms_jread *how);
	void *arg; /* for hand */
};
void ms_jread_fields(json *o, const struct ms_field *t, void *rec,
		     const struct ms_jread *how);
/* A range's "folios" and "folios_partial" (none: not read) into f. */
void ms_jread_folios(json *j, struct ms_folios *f, uint32_t page_kb);

/*
 * A --json line into s, walking the areas' parts (model/area.h): the
 * core and the module's parts, then the events; a part with a field
 * table through it, the others through their hands. Sets s->have.
 */
void ms_decode(json *top, struct ms_snapshot *s);

/*
 * How a part the model does not describe by fields is read, by the part's
 * key (j its member: an object, or with arr an array; NULL when absent),
 * or by the name of an events section (j the object it adds keys to).
 */
struct ms_jpart {
	const char *key;
	void (*read)(json *j, struct ms_snapshot *s);
	bool arr;
};
/* The events sections' and the BPF backend's (json_read_live.c) */
extern const struct ms_jpart ms_jread_live[];

#endif
