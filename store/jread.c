// SPDX-License-Identifier: GPL-2.0
/* Type-checked reads of a parsed JSON line (store/jread.h). */
#include "store/jread.h"

#include "model/escape.h"
#include "model/field.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json *ms_j(json *o, const char *k)
{
	json *v = NULL;

	if (!o || !json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, k, &v))
		return NULL;
	return v;
}

json *ms_jobj(json *o, const char *k)
{
	json *v = ms_j(o, k);

	return json_object_is_type(v, json_type_object) ? v : NULL;
}

json *ms_jarr(json *o, const char *k)
{
	json *v = ms_j(o, k);

	return json_object_is_type(v, json_type_array) ? v : NULL;
}

bool ms_jhas(json *o, const char *k)
{
	return o && json_object_is_type(o, json_type_object) &&
	       json_object_object_get_ex(o, k, NULL);
}

int ms_jlen(json *a)
{
	size_t n;

	if (!json_object_is_type(a, json_type_array))
		return 0;
	n = json_object_array_length(a);
	return n > 1u << 24 ? 1 << 24 : (int)n;
}

json *ms_jat(json *a, int i)
{
	if (i < 0 || i >= ms_jlen(a))
		return NULL;
	return json_object_array_get_idx(a, (size_t)i);
}

uint64_t ms_ju64v(json *v)
{
	double d;

	if (json_object_is_type(v, json_type_int)) {
		if (json_object_get_int64(v) < 0)
			return MS_NA;
		return json_object_get_uint64(v);
	}
	if (json_object_is_type(v, json_type_double)) {
		d = json_object_get_double(v);
		if (!(d >= 0 && d < 1.8e19))
			return MS_NA;
		return (uint64_t)llround(d);
	}
	return MS_NA;
}

uint64_t ms_ju64(json *o, const char *k)
{
	return ms_ju64v(ms_j(o, k));
}

int ms_ju64a(json *a, uint64_t *v, int max)
{
	int n = ms_jlen(a) < max ? ms_jlen(a) : max;

	for (int i = 0; i < n; i++)
		v[i] = ms_ju64v(ms_jat(a, i));
	return n;
}

double ms_jdblv(json *v)
{
	if (json_object_is_type(v, json_type_int) ||
	    json_object_is_type(v, json_type_double))
		return json_object_get_double(v);
	return NAN;
}

double ms_jdbl(json *o, const char *k)
{
	return ms_jdblv(ms_j(o, k));
}

int ms_jdbla(json *a, double *v, int max)
{
	int n = ms_jlen(a) < max ? ms_jlen(a) : max;

	for (int i = 0; i < n; i++)
		v[i] = ms_jdblv(ms_jat(a, i));
	return n;
}

uint64_t ms_jscaled(json *o, const char *k, double mul)
{
	double d = ms_jdbl(o, k) * mul;

	return d >= 0 && d < 1.8e19 ? (uint64_t)llround(d) : MS_NA;
}

int ms_jint(json *o, const char *k, int dflt)
{
	json *v = ms_j(o, k);
	int64_t i;

	if (!json_object_is_type(v, json_type_int))
		return dflt;
	i = json_object_get_int64(v);
	return i < -2147483647 || i > 2147483647 ? dflt : (int)i;
}

bool ms_jbool(json *o, const char *k)
{
	json *v = ms_j(o, k);

	return json_object_is_type(v, json_type_boolean) &&
	       json_object_get_boolean(v);
}

uint64_t ms_jhexv(json *v)
{
	const char *s;
	char *end;
	uint64_t x;

	if (!json_object_is_type(v, json_type_string))
		return MS_NA;
	s = json_object_get_string(v);
	x = strtoull(s, &end, 16);
	return *s && !*end ? x : MS_NA;
}

uint64_t ms_jhex(json *o, const char *k)
{
	return ms_jhexv(ms_j(o, k));
}

void ms_jstrv(json *v, char *dst, size_t n)
{
	const char *s;
	size_t o = 0;

	if (!n)
		return;
	dst[0] = '\0';
	if (!json_object_is_type(v, json_type_string))
		return;
	s = json_object_get_string(v);
	/* the inverse of ms_escape(): "\\" and "\xNN" */
	while (*s && o + 1 < n) {
		if (s[0] == '\\' && s[1] == '\\') {
			dst[o++] = '\\';
			s += 2;
		} else if (s[0] == '\\' && s[1] == 'x' &&
			   ms_hexval(s[2]) >= 0 && ms_hexval(s[3]) >= 0 &&
			   (ms_hexval(s[2]) || ms_hexval(s[3]))) {
			dst[o++] =
				(char)(ms_hexval(s[2]) * 16 + ms_hexval(s[3]));
			s += 4;
		} else {
			dst[o++] = *s++;
		}
	}
	dst[o] = '\0';
}

void ms_jstr(json *o, const char *k, char *dst, size_t n)
{
	ms_jstrv(ms_j(o, k), dst, n);
}

void ms_jraw(json *o, const char *k, char *dst, size_t n)
{
	json *v = ms_j(o, k);

	if (!n)
		return;
	dst[0] = '\0';
	if (json_object_is_type(v, json_type_string))
		snprintf(dst, n, "%s", json_object_get_string(v));
}

int ms_jname_index(char (*names)[16], int *n, int max, const char *name)
{
	for (int i = 0; i < *n; i++)
		if (!strcmp(names[i], name))
			return i;
	if (*n >= max)
		return -1;
	snprintf(names[*n], sizeof(names[0]), "%s", name);
	return (*n)++;
}

const char *ms_jfirst(json *o)
{
	if (!json_object_is_type(o, json_type_object))
		return "";
	json_object_object_foreach(o, k, v)
	{
		(void)v;
		return k;
	}
	return "";
}

/* ---- records through their field tables ---------------------------------- */

/* Raise the count of a vector to what was read. */
static void set_n(const struct ms_field *f, void *rec, int n)
{
	int *cnt = (int *)((char *)rec + f->n);

	if (f->flags & MS_FF_SETN && n > *cnt)
		*cnt = n;
}

static void read_vec(json *a, const struct ms_field *f, void *rec)
{
	void *p = ms_fptr(f, rec);

	set_n(f, rec,
	      f->type == MS_F_DBLV ? ms_jdbla(a, p, f->size) :
				     ms_ju64a(a, p, f->size));
}

/* An allocated string: NULL when absent or null. */
static void read_pstr(json *o, const char *k, char **dst)
{
	char buf[4 * 4096 + 1];

	*dst = NULL;
	if (!ms_j(o, k))
		return;
	ms_jstr(o, k, buf, sizeof(buf));
	*dst = strdup(buf);
}

/* An object of kernel names: the values, or (MS_FF_RATE) their rates. */
static void read_kv(json *o, const struct ms_field *f, struct ms_kvlist *l)
{
	if (!o)
		return;
	json_object_object_foreach(o, k, v)
	{
		struct ms_kv *kv = NULL;

		if (!(f->flags & MS_FF_RATE)) {
			kv = ms_kv_add(l, k, ms_ju64v(v));
			if (kv)
				kv->rate = NAN;
		} else {
			for (int i = 0; i < l->n; i++)
				if (!strcmp(l->v[i].name, k))
					l->v[i].rate = ms_jdblv(v);
		}
	}
}

/* An object of objects into "outer.inner" items (MS_F_KV2). */
static void read_kv2(json *o, struct ms_kvlist *l)
{
	if (!o)
		return;
	json_object_object_foreach(o, k, v)
	{
		if (!json_object_is_type(v, json_type_object))
			continue;
		json_object_object_foreach(v, k2, v2)
		{
			char name[sizeof(l->v[0].name)];

			snprintf(name, sizeof(name), "%s.%s", k, k2);
			ms_kv_add(l, name, ms_ju64v(v2));
		}
	}
}

/* The records of list f: as many as the array has, within memory. */
static void read_list(json *a, const struct ms_field *f, void *rec)
{
	/*
	 * The records read before (a decoder reused for the next sample)
	 * give back their strings and lists: ms_list_add() clears a slot.
	 */
	ms_list_clear(f, rec);
	for (int i = 0; i < ms_jlen(a); i++) {
		void *e = ms_list_add(f, rec);

		if (!e)
			return;
		ms_jread_fields(ms_jat(a, i), f->sub, e, NULL);
	}
}

static void read_field(json *o, const struct ms_field *f, void *rec,
		       const struct ms_jread *how)
{
	void *p = ms_fptr(f, rec);
	double scale = f->scale ? f->scale : 1;
	char s[64];

	switch (f->type) {
	case MS_F_U64:
		*(uint64_t *)p = f->scale ? ms_jscaled(o, f->key, scale) :
					    ms_ju64(o, f->key);
		break;
	case MS_F_U32: {
		uint64_t v = ms_ju64(o, f->key);

		*(uint32_t *)p = v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
		break;
	}
	case MS_F_INT:
		*(int *)p = ms_jint(o, f->key, f->flags & MS_FF_NA ? -1 : 0);
		break;
	case MS_F_DBL:
		*(double *)p = ms_jdbl(o, f->key) * scale;
		break;
	case MS_F_BOOL:
		*(bool *)p = ms_jbool(o, f->key);
		break;
	case MS_F_STR:
		ms_jstr(o, f->key, p, f->size);
		break;
	case MS_F_NAME:
		ms_jraw(o, f->key, p, f->size);
		break;
	case MS_F_CHAR:
		ms_jraw(o, f->key, s, sizeof(s));
		*(char *)p = s[0];
		break;
	case MS_F_HEX:
		*(uint64_t *)p = ms_jhex(o, f->key);
		break;
	case MS_F_ENUM:
		ms_jraw(o, f->key, s, sizeof(s));
		*(int *)p = ms_name_find(f->sub, s);
		break;
	case MS_F_PSTR:
		read_pstr(o, f->key, p);
		break;
	case MS_F_U64V:
	case MS_F_DBLV:
		read_vec(ms_jarr(o, f->key), f, rec);
		break;
	case MS_F_OBJ:
		ms_jread_fields(ms_jobj(o, f->key), f->sub, rec, how);
		break;
	case MS_F_HAND:
		if (how && how->hand)
			how->hand(o, f, rec, how);
		break;
	case MS_F_KV:
		read_kv(ms_jobj(o, f->key), f, p);
		break;
	case MS_F_KV2:
		read_kv2(ms_jobj(o, f->key), p);
		break;
	case MS_F_LIST:
		read_list(ms_jarr(o, f->key), f, rec);
		break;
	}
}

void ms_jread_fields(json *o, const struct ms_field *t, void *rec,
		     const struct ms_jread *how)
{
	for (; t->key; t++) {
		bool there = ms_j(o, t->key), omit = t->flags & MS_FF_OMIT;

		if (t->flags & (MS_FF_NOREAD | MS_FF_NOJSON))
			continue;
		/* a part the section did not count: rec keeps what it has */
		if ((t->need && !omit && !there) ||
		    (t->type == MS_F_OBJ && t->flags & MS_FF_NA && !there))
			continue;
		if (t->need && !omit && how && how->have)
			*how->have |= t->need;
		read_field(o, t, rec, how);
	}
}
