// SPDX-License-Identifier: GPL-2.0
/* Records to JSON from their field tables (store/codec.h). */
#include "store/codec.h"

#include <math.h>
#include <string.h>

#include "model/escape.h"

void ms_json_esc(struct ms_jw *w, const char *key, const char *raw, size_t n)
{
	char esc[4 * 4096 + 1];

	if (!raw) {
		ms_jw_null(w, key);
		return;
	}
	ms_escape(esc, sizeof(esc), raw, strnlen(raw, n));
	ms_jw_str(w, key, esc);
}

/* The count of a vector: the int at f->n, within its array. */
static int vec_len(const struct ms_field *f, const void *rec)
{
	int n = *(const int *)((const char *)rec + f->n);

	return n < 0 ? 0 : n > f->size ? f->size : n;
}

bool ms_field_na(const struct ms_field *f, const void *rec)
{
	const void *p = ms_fptr(f, rec);

	switch (f->type) {
	case MS_F_U64:
	case MS_F_HEX:
		return !ms_have(*(const uint64_t *)p);
	case MS_F_U32:
		return *(const uint32_t *)p == UINT32_MAX;
	case MS_F_INT:
		return *(const int *)p < 0;
	case MS_F_DBL:
		return !isfinite(*(const double *)p);
	case MS_F_STR:
	case MS_F_NAME:
		return !*(const char *)p;
	case MS_F_PSTR:
		return !*(const char *const *)p;
	case MS_F_ENUM:
		return !ms_name_of(f->sub, *(const int *)p);
	case MS_F_OBJ:
		return ((const struct ms_field *)f->sub)->key &&
		       ms_field_na(f->sub, rec);
	case MS_F_KV: /* a file not read: no list was ever grown */
	case MS_F_KV2:
		return !((const struct ms_kvlist *)p)->v;
	default:
		return false;
	}
}

/* A number shown divided by f->scale: ns as us, as a double. */
static void scaled(struct ms_jw *w, const struct ms_field *f, const void *p)
{
	double v = f->type == MS_F_DBL ? *(const double *)p :
					 (double)*(const uint64_t *)p;

	if (f->flags & MS_FF_NA)
		ms_jw_dblna(w, f->key, v / f->scale);
	else
		ms_jw_dbl(w, f->key, v / f->scale);
}

static void vector(struct ms_jw *w, const struct ms_field *f, const void *rec)
{
	const void *p = ms_fptr(f, rec);
	bool na = f->flags & MS_FF_NA;
	int n = vec_len(f, rec);

	ms_jw_arr(w, f->key);
	for (int i = 0; i < n; i++) {
		if (f->type == MS_F_DBLV && na)
			ms_jw_dblna(w, NULL, ((const double *)p)[i]);
		else if (f->type == MS_F_DBLV)
			ms_jw_dbl(w, NULL, ((const double *)p)[i]);
		else if (na)
			ms_jw_u64na(w, NULL, ((const uint64_t *)p)[i]);
		else
			ms_jw_u64(w, NULL, ((const uint64_t *)p)[i]);
	}
	ms_jw_end(w);
}

static int kv_last(const struct ms_kvlist *l, int i, bool rates);

/* "a.N0" "a.N1" "b.N0": {"a": {"N0": .., "N1": ..}, "b": {"N0": ..}} */
static void kv2(struct ms_jw *w, const char *key, const struct ms_kvlist *l)
{
	const char *open = NULL;
	size_t on = 0;

	ms_jw_obj(w, key);
	for (int i = 0; i < l->n; i++) {
		const char *nm = l->v[i].name, *dot = strrchr(nm, '.');
		size_t k = dot ? (size_t)(dot - nm) : 0;
		char outer[sizeof(l->v[i].name)];
		int last = kv_last(l, i, false);

		if (!dot || last < 0)
			continue;
		if (!open || k != on || memcmp(open, nm, k)) {
			if (open)
				ms_jw_end(w);
			snprintf(outer, sizeof(outer), "%.*s", (int)k, nm);
			ms_jw_obj(w, outer);
			open = nm;
			on = k;
		}
		ms_jw_u64na(w, dot + 1, l->v[last].value);
	}
	if (open)
		ms_jw_end(w);
	ms_jw_end(w);
}

static void field(struct ms_jw *w, const struct ms_field *f, const void *rec,
		  const struct ms_json_ctx *c)
{
	const void *p = ms_fptr(f, rec);
	const char *s = p;

	if (f->type == MS_F_HAND) {
		if (c->hand)
			c->hand(w, f, rec, c->arg);
		return;
	}
	if ((f->flags & MS_FF_NA) && f->type != MS_F_U64V &&
	    f->type != MS_F_DBLV && ms_field_na(f, rec)) {
		ms_jw_null(w, f->key);
		return;
	}
	if (f->scale && (f->type == MS_F_U64 || f->type == MS_F_DBL)) {
		scaled(w, f, p);
		return;
	}
	switch (f->type) {
	case MS_F_U64:
		ms_jw_u64(w, f->key, *(const uint64_t *)p);
		break;
	case MS_F_U32:
		ms_jw_u64(w, f->key, *(const uint32_t *)p);
		break;
	case MS_F_INT:
		ms_jw_int(w, f->key, *(const int *)p);
		break;
	case MS_F_DBL:
		ms_jw_dbl(w, f->key, *(const double *)p);
		break;
	case MS_F_BOOL:
		ms_jw_bool(w, f->key, *(const bool *)p);
		break;
	case MS_F_STR:
		ms_json_esc(w, f->key, s, f->size);
		break;
	case MS_F_PSTR:
		ms_json_esc(w, f->key, *(const char *const *)p, (size_t)-1);
		break;
	case MS_F_NAME:
		ms_jw_strn(w, f->key, s, strnlen(s, f->size));
		break;
	case MS_F_CHAR:
		ms_jw_strn(w, f->key, s, 1);
		break;
	case MS_F_HEX:
		ms_jw_hex(w, f->key, *(const uint64_t *)p);
		break;
	case MS_F_ENUM:
		ms_jw_str(w, f->key, ms_name_of(f->sub, *(const int *)p));
		break;
	case MS_F_U64V:
	case MS_F_DBLV:
		vector(w, f, rec);
		break;
	case MS_F_OBJ:
		ms_json_record_ctx(w, f->key, f->sub, rec, c);
		break;
	case MS_F_KV:
		ms_json_kv(w, f->key, p, f->flags & MS_FF_RATE);
		break;
	case MS_F_KV2:
		kv2(w, f->key, p);
		break;
	case MS_F_LIST:
		ms_jw_arr(w, f->key);
		for (int i = 0; i < ms_list_len(f, rec); i++)
			ms_json_record(w, NULL, f->sub, ms_list_at(f, rec, i),
				       c->skip);
		ms_jw_end(w);
		break;
	}
}

void ms_json_fields_ctx(struct ms_jw *w, const struct ms_field *t,
			const void *rec, const struct ms_json_ctx *c)
{
	for (; t->key; t++) {
		if (t->flags & (c->skip | MS_FF_NOJSON))
			continue;
		/* absent when not available, where null would say more */
		if (!t->need && (t->flags & MS_FF_OMIT) && ms_field_na(t, rec))
			continue;
		if (t->need && (t->need & c->have) != t->need) {
			if (!(t->flags & MS_FF_OMIT))
				ms_jw_null(w, t->key);
			continue;
		}
		field(w, t, rec, c);
	}
}

void ms_json_fields(struct ms_jw *w, const struct ms_field *t, const void *rec,
		    unsigned int skip)
{
	const struct ms_json_ctx c = { .skip = skip, .have = ~0u };

	ms_json_fields_ctx(w, t, rec, &c);
}

void ms_json_record_ctx(struct ms_jw *w, const char *key,
			const struct ms_field *t, const void *rec,
			const struct ms_json_ctx *c)
{
	ms_jw_obj(w, key);
	ms_json_fields_ctx(w, t, rec, c);
	ms_jw_end(w);
}

void ms_json_record(struct ms_jw *w, const char *key, const struct ms_field *t,
		    const void *rec, unsigned int skip)
{
	const struct ms_json_ctx c = { .skip = skip, .have = ~0u };

	ms_json_record_ctx(w, key, t, rec, &c);
}

/*
 * The entry of l whose value a json-c object would show for the name of
 * entry i: -1 when an earlier entry has the name (json-c kept the first
 * key's place), else the last entry with it (and its value).
 */
static int kv_last(const struct ms_kvlist *l, int i, bool rates)
{
	int last = i;

	for (int j = 0; j < l->n; j++) {
		if (j == i || (rates && !isfinite(l->v[j].rate)) ||
		    strcmp(l->v[j].name, l->v[i].name))
			continue;
		if (j < i)
			return -1;
		last = j;
	}
	return last;
}

void ms_json_kv(struct ms_jw *w, const char *key, const struct ms_kvlist *l,
		bool rates)
{
	ms_jw_obj(w, key);
	for (int i = 0; i < l->n; i++) {
		int k;

		if (rates && !isfinite(l->v[i].rate))
			continue;
		k = kv_last(l, i, rates);
		if (k < 0)
			continue;
		if (rates)
			ms_jw_dbl(w, l->v[i].name, l->v[k].rate);
		else
			ms_jw_u64na(w, l->v[i].name, l->v[k].value);
	}
	ms_jw_end(w);
}
