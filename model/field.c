// SPDX-License-Identifier: GPL-2.0
/* Looking fields and enum names up in the tables of model/field.h. */
#include "model/field.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

const struct ms_field *ms_field_src(const struct ms_field *t, const char *src,
				    size_t n)
{
	const struct ms_field *f;

	for (; t && t->key; t++) {
		if (t->type == MS_F_OBJ) {
			f = ms_field_src(t->sub, src, n);
			if (f)
				return f;
		} else if (t->src && strlen(t->src) == n &&
			   !memcmp(t->src, src, n)) {
			return t;
		}
	}
	return NULL;
}

uint64_t *ms_field_u64(const struct ms_field *t, void *rec, const char *src,
		       size_t n)
{
	const struct ms_field *f = ms_field_src(t, src, n);

	return f && f->type == MS_F_U64 ? ms_fptr(f, rec) : NULL;
}

int ms_fields_flat(const struct ms_field *t, const struct ms_field **out,
		   int max)
{
	int n = 0;

	for (; t && t->key && n < max; t++) {
		if (t->type == MS_F_OBJ)
			n += ms_fields_flat(t->sub, out + n, max - n);
		else
			out[n++] = t;
	}
	return n;
}

static int out_order(const struct ms_field *f, enum ms_fout out)
{
	if (out == MS_FOUT_OM)
		return f->metric ? f->om_order : INT_MIN;
	return f->th ? f->txo : INT_MIN;
}

int ms_fields_out(const struct ms_field *t, enum ms_fout out,
		  const struct ms_field **fl, int max)
{
	const struct ms_field *all[64];
	int n = ms_fields_flat(t, all, 64), k = 0;

	for (int i = 0; i < n && k < max; i++) {
		int o = out_order(all[i], out), j = k;

		if (o == INT_MIN)
			continue;
		/* stable: after every field of a lower or equal order */
		for (k++; j > 0 && out_order(fl[j - 1], out) > o; j--)
			fl[j] = fl[j - 1];
		fl[j] = all[i];
	}
	return k;
}

/* ---- shared key-value lists --------------------------------------------- */

struct kv_block {
	long refs;
	struct ms_kv v[];
};

static struct kv_block *block_of(const struct ms_kvlist *l)
{
	return (struct kv_block *)((char *)l->v - offsetof(struct kv_block, v));
}

int ms_kv_share(struct ms_kvlist *l)
{
	struct kv_block *b;

	if (l->cap < 0 || !l->n)
		return 0;
	b = malloc(sizeof(*b) + (size_t)l->n * sizeof(b->v[0]));
	if (!b)
		return -ENOMEM;
	b->refs = 1;
	memcpy(b->v, l->v, (size_t)l->n * sizeof(b->v[0]));
	free(l->v);
	l->v = b->v;
	l->cap = -1;
	return 0;
}

int ms_kv_own(struct ms_kvlist *l)
{
	int n = l->n;
	struct ms_kv *v;

	if (l->cap >= 0)
		return 0;
	v = malloc((size_t)n * sizeof(*v));
	if (!v)
		return -ENOMEM;
	memcpy(v, l->v, (size_t)n * sizeof(*v));
	ms_kv_drop(l);
	l->v = v;
	l->n = l->cap = n;
	return 0;
}

void ms_kv_drop(struct ms_kvlist *l)
{
	if (l->cap < 0 && --block_of(l)->refs == 0)
		free(block_of(l));
	else if (l->cap >= 0)
		free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

int ms_fields_share(const struct ms_field *t, void *rec)
{
	int err = 0;

	for (; t && t->key; t++) {
		if (t->type == MS_F_OBJ)
			err = err ?: ms_fields_share(t->sub, rec);
		else if ((t->type == MS_F_KV || t->type == MS_F_KV2) &&
			 !(t->flags & MS_FF_RATE))
			err = err ?: ms_kv_share(ms_fptr(t, rec));
	}
	return err;
}

/* ---- records: reset, lists ---------------------------------------------- */

static int *list_n(const struct ms_field *f, void *rec)
{
	return (int *)((char *)rec + f->n);
}

/* A kept list's count of records alive (ms_list_kept()); 0 for others. */
static int list_kept(const struct ms_field *f, const void *rec)
{
	return f->keep ? *(const int *)((const char *)rec + f->keep) : 0;
}

static void set_kept(const struct ms_field *f, void *rec, int n)
{
	if (f->keep)
		*(int *)((char *)rec + f->keep) = n;
}

/* The strings of rec (and its lists' records) freed; all: the lists too. */
static void release(const struct ms_field *t, void *rec, bool all)
{
	for (; t && t->key; t++) {
		void *p = ms_fptr(t, rec);

		if (t->type == MS_F_OBJ) {
			release(t->sub, rec, all);
		} else if (t->type == MS_F_PSTR) {
			free(*(char **)p);
			*(char **)p = NULL;
		} else if ((t->type == MS_F_KV || t->type == MS_F_KV2) &&
			   !(t->flags & MS_FF_RATE)) {
			struct ms_kvlist *l = p;

			l->n = 0;
			/* a shared one is never refilled: let go of it */
			if (all || l->cap < 0)
				ms_kv_drop(l);
		} else if (t->type == MS_F_LIST) {
			if (t->keep && !all) {
				int *n = list_n(t, rec);

				/* the records stay for ms_list_kept() */
				if (*n > list_kept(t, rec))
					set_kept(t, rec, *n);
				*n = 0;
				continue;
			}
			ms_list_clear(t, rec);
			if (all) {
				free(*(void **)p);
				*(void **)p = NULL;
				*(int *)((char *)rec + t->cap) = 0;
			}
		}
	}
}

/* After a shallow copy: dst's own strings and key-value lists. */
static int dup_own(const struct ms_field *t, void *dst)
{
	int err = 0;

	for (; t && t->key; t++) {
		void *p = ms_fptr(t, dst);

		if (t->type == MS_F_OBJ) {
			err = err ?: dup_own(t->sub, dst);
		} else if (t->type == MS_F_PSTR && *(char **)p) {
			*(char **)p = err ? NULL : strdup(*(char **)p);
			err = err ?: (*(char **)p ? 0 : -ENOMEM);
		} else if ((t->type == MS_F_KV || t->type == MS_F_KV2) &&
			   !(t->flags & MS_FF_RATE)) {
			struct ms_kvlist *l = p;
			struct ms_kv *v = NULL;

			if (!err && l->cap < 0) {
				block_of(l)->refs++;
				continue;
			}
			if (!err && l->n) {
				v = malloc((size_t)l->n * sizeof(*v));
				if (v)
					memcpy(v, l->v,
					       (size_t)l->n * sizeof(*v));
				else
					err = -ENOMEM;
			}
			l->v = v;
			l->n = v ? l->n : 0;
			l->cap = l->n;
		} else if (t->type == MS_F_LIST) {
			*(void **)p = NULL;
			*list_n(t, dst) = *(int *)((char *)dst + t->cap) = 0;
			err = -EINVAL;
		}
	}
	return err;
}

int ms_fields_dup(const struct ms_field *t, void *dst, const void *src,
		  size_t size)
{
	memcpy(dst, src, size);
	return dup_own(t, dst);
}

void ms_list_clear(const struct ms_field *f, void *rec)
{
	int n = *list_n(f, rec), kept = list_kept(f, rec);

	for (int i = 0; i < (n > kept ? n : kept); i++)
		release(f->sub, ms_list_at(f, rec, i), true);
	*list_n(f, rec) = 0;
	set_kept(f, rec, 0);
}

void ms_fields_reset(const struct ms_field *t, void *rec)
{
	release(t, rec, false);
	for (; t && t->key; t++) {
		void *p = ms_fptr(t, rec);
		bool na = t->flags & MS_FF_NA;

		switch (t->type) {
		case MS_F_U64:
		case MS_F_HEX:
			*(uint64_t *)p = MS_NA;
			break;
		case MS_F_U32:
			*(uint32_t *)p = na ? UINT32_MAX : 0;
			break;
		case MS_F_INT:
			*(int *)p = na ? -1 : 0;
			break;
		case MS_F_ENUM:
			*(int *)p = -1; /* no name */
			break;
		case MS_F_DBL:
			*(double *)p = NAN;
			break;
		case MS_F_BOOL:
			*(bool *)p = false;
			break;
		case MS_F_STR:
		case MS_F_NAME:
		case MS_F_CHAR:
			*(char *)p = '\0';
			break;
		case MS_F_U64V:
		case MS_F_DBLV:
			*list_n(t, rec) = 0;
			break;
		case MS_F_OBJ:
			ms_fields_reset(t->sub, rec);
			break;
		default: /* lists emptied above; hands keep theirs */
			break;
		}
	}
}

void ms_fields_free(const struct ms_field *t, void *rec)
{
	release(t, rec, true);
}

void *ms_list_add(const struct ms_field *f, void *rec)
{
	char **v = ms_fptr(f, rec);
	int *n = list_n(f, rec), *cap = (int *)((char *)rec + f->cap);
	char *e;

	if (*n >= *cap) {
		int c = *cap ? *cap * 2 : 16;
		char *nv = realloc(*v, (size_t)c * f->size);

		if (!nv)
			return NULL;
		*v = nv;
		*cap = c;
	}
	e = *v + (size_t)*n * f->size;
	/* a kept record in its place is let go of */
	if (*n < list_kept(f, rec))
		release(f->sub, e, true);
	(*n)++;
	memset(e, 0, f->size);
	ms_fields_reset(f->sub, e);
	return e;
}

void *ms_list_kept(const struct ms_field *f, const void *rec)
{
	int n = ms_list_len(f, rec);

	return n < list_kept(f, rec) ? ms_list_at(f, rec, n) : NULL;
}

void *ms_list_take(const struct ms_field *f, void *rec)
{
	void *e = ms_list_kept(f, rec);

	if (e)
		(*list_n(f, rec))++;
	return e;
}

double ms_share_shown(double v, double whole, int prec)
{
	double m = 1;

	for (int i = 0; i < prec; i++)
		m *= 10;
	if (v < whole && !(v * m + 0.5 < whole * m))
		return (whole * m - 1) / m;
	return v;
}

const char *ms_name_of(const struct ms_names *t, int v)
{
	return v >= 0 && v < t->n ? t->name[v] : NULL;
}

int ms_name_find(const struct ms_names *t, const char *name)
{
	for (int i = 0; name && i < t->n; i++)
		if (t->name[i] && !strcmp(t->name[i], name))
			return i;
	return t->dflt;
}

#define NAMES(v, d, ...)                                                   \
	{                                                                  \
		.name = (v), .n = sizeof(v) / sizeof((v)[0]), .dflt = (d), \
		__VA_ARGS__                                                \
	}

static const char *const wmark[] = {
	[MS_WMARK_UNKNOWN] = NULL, [MS_WMARK_OK] = "ok",
	[MS_WMARK_HIGH] = "high",  [MS_WMARK_LOW] = "low",
	[MS_WMARK_MIN] = "min",
};
/* the text says which mark free pages are under: "<low" */
static const char *const under[] = {
	[MS_WMARK_UNKNOWN] = NULL, [MS_WMARK_OK] = "ok",
	[MS_WMARK_HIGH] = "<high", [MS_WMARK_LOW] = "<low",
	[MS_WMARK_MIN] = "<min",
};
const struct ms_names ms_wmark_names =
	NAMES(wmark, MS_WMARK_UNKNOWN, .text = under);

static const char *const vma_kind[MS_VMA_NKINDS] = {
	[MS_VMA_ANON] = "anon",	  [MS_VMA_FILE] = "file",
	[MS_VMA_HEAP] = "heap",	  [MS_VMA_STACK] = "stack",
	[MS_VMA_SHMEM] = "shmem", [MS_VMA_SPECIAL] = "special",
};
const struct ms_names ms_vma_kind_names = NAMES(vma_kind, MS_VMA_SPECIAL);

static const char *const free_src[MS_FREE_NSRC] = {
	[MS_FREE_NONE] = NULL,
	[MS_FREE_COUNTED] = "counted",
	[MS_FREE_DERIVED] = "derived",
	[MS_FREE_UNCHECKED] = "unchecked",
	[MS_FREE_INCONSISTENT] = "inconsistent",
};
const struct ms_names ms_free_src_names = NAMES(free_src, MS_FREE_NONE);

static const char *const oom_scope[] = {
	[MS_OOM_UNKNOWN] = NULL,
	[MS_OOM_SYSTEM] = "system",
	[MS_OOM_CGROUP] = "cgroup",
};
const struct ms_names ms_oom_scope_names = NAMES(oom_scope, MS_OOM_UNKNOWN);

static const char *const oom_scope_by[] = {
	[MS_OOM_BY_NONE] = NULL,
	[MS_OOM_BY_CONTROL] = "oom_control",
	[MS_OOM_BY_RECLAIM] = "reclaim",
};
const struct ms_names ms_oom_scope_by_names =
	NAMES(oom_scope_by, MS_OOM_BY_NONE);

static const char *const maple_type[] = {
	[MS_MAPLE_DENSE] = "dense",
	[MS_MAPLE_LEAF_64] = "leaf_64",
	[MS_MAPLE_RANGE_64] = "range_64",
	[MS_MAPLE_ARANGE_64] = "arange_64",
};
const struct ms_names ms_maple_type_names = NAMES(maple_type, MS_MAPLE_DENSE);
