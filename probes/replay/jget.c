// SPDX-License-Identifier: GPL-2.0
/* Type-checked reads of a parsed JSON line for the replay decoders. */
#include "probes/replay/decode.h"

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

uint64_t ms_jhex(json *o, const char *k)
{
	json *v = ms_j(o, k);
	const char *s;
	char *end;
	uint64_t x;

	if (!json_object_is_type(v, json_type_string))
		return MS_NA;
	s = json_object_get_string(v);
	x = strtoull(s, &end, 16);
	return *s && !*end ? x : MS_NA;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
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
		} else if (s[0] == '\\' && s[1] == 'x' && hexval(s[2]) >= 0 &&
			   hexval(s[3]) >= 0 &&
			   (hexval(s[2]) || hexval(s[3]))) {
			dst[o++] = (char)(hexval(s[2]) * 16 + hexval(s[3]));
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
