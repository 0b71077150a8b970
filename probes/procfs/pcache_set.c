// SPDX-License-Identifier: GPL-2.0
/*
 * The page cache files' scan state (pcache_set.h): a table of files keyed
 * by (dev, ino), passes, holders, the biggest into the snapshot.
 */
#include "probes/procfs/pcache_set.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "model/escape.h"
#include "model/field.h"

void ms_pset_init(struct ms_pset *s)
{
	memset(s, 0, sizeof(*s));
	s->pass = 1;
}

static void ent_free(struct ms_pent *e)
{
	free(e->how);
	free(e->f.path);
	free(e->f.holder_cgroup);
}

void ms_pset_free(struct ms_pset *s)
{
	for (int i = 0; i < s->n; i++)
		ent_free(&s->v[i]);
	free(s->v);
	free(s->slot);
	ms_pset_init(s);
}

static size_t hash(uint64_t dev, uint64_t ino, size_t n)
{
	uint64_t h = (ino ^ (dev << 40) ^ (dev >> 24)) * 0x9e3779b97f4a7c15ull;

	return (size_t)(h >> 17) & (n - 1);
}

static bool has_key(const struct ms_pent *e, uint64_t dev, uint64_t ino)
{
	return (e->dev == dev && e->ino == ino) ||
	       ((e->adev || e->aino) && e->adev == dev && e->aino == ino);
}

struct ms_pent *ms_pset_find(struct ms_pset *s, uint64_t dev, uint64_t ino)
{
	if (!s->nslot)
		return NULL;
	for (size_t h = hash(dev, ino, s->nslot);;
	     h = (h + 1) & (s->nslot - 1)) {
		int i = s->slot[h];

		if (!i)
			return NULL;
		if (has_key(&s->v[i - 1], dev, ino))
			return &s->v[i - 1];
	}
}

static void put(struct ms_pset *s, uint64_t dev, uint64_t ino, int idx)
{
	size_t h = hash(dev, ino, s->nslot);

	while (s->slot[h])
		h = (h + 1) & (s->nslot - 1);
	s->slot[h] = idx + 1;
}

/* Every entry's keys again, in a table of at least 4 slots per entry. */
static int rehash(struct ms_pset *s)
{
	size_t n = 64;
	int *slot;

	while (n < (size_t)s->cap * 4)
		n *= 2;
	slot = calloc(n, sizeof(*slot));
	if (!slot)
		return -ENOMEM;
	free(s->slot);
	s->slot = slot;
	s->nslot = n;
	for (int i = 0; i < s->n; i++) {
		put(s, s->v[i].dev, s->v[i].ino, i);
		if (s->v[i].adev || s->v[i].aino)
			put(s, s->v[i].adev, s->v[i].aino, i);
	}
	return 0;
}

struct ms_pent *ms_pset_add(struct ms_pset *s, uint64_t dev, uint64_t ino)
{
	struct ms_pent *e;

	if (s->n == s->cap) {
		int cap = s->cap ? s->cap * 2 : 256;
		struct ms_pent *v = realloc(s->v, (size_t)cap * sizeof(*v));

		if (!v)
			return NULL;
		s->v = v;
		s->cap = cap;
		if (rehash(s))
			return NULL;
	}
	e = &s->v[s->n];
	memset(e, 0, sizeof(*e));
	ms_fields_reset(ms_pcache_file_fields, &e->f);
	e->dev = dev;
	e->ino = ino;
	e->f.holders = -1;
	put(s, dev, ino, s->n++);
	return e;
}

int ms_pset_alias(struct ms_pset *s, struct ms_pent *e, uint64_t dev,
		  uint64_t ino)
{
	if (has_key(e, dev, ino) || e->adev || e->aino)
		return 0; /* one alias is all maps and stat differ by */
	e->adev = dev;
	e->aino = ino;
	put(s, dev, ino, (int)(e - s->v));
	return 0;
}

bool ms_pset_hold(struct ms_pset *s, struct ms_pent *e, int pid)
{
	bool first = e->pass != s->pass;

	if (first) {
		e->pass = s->pass;
		e->holders_cur = 0;
		e->last_pid = 0;
		s->cur_found++;
	}
	if (e->last_pid != pid) {
		e->last_pid = pid;
		e->holders_cur++;
	}
	return first;
}

void ms_pset_measured(struct ms_pset *s, const struct ms_pent *e)
{
	s->cur_measured++;
	if (ms_have(e->f.cached_kb))
		s->cur_cached_kb += e->f.cached_kb;
}

void ms_pset_end_pass(struct ms_pset *s)
{
	int k = 0;

	for (int i = 0; i < s->n; i++) {
		struct ms_pent *e = &s->v[i];

		if (e->pass != s->pass) {
			ent_free(e);
			continue;
		}
		e->f.holders = e->holders_cur;
		if (k != i)
			s->v[k] = *e;
		k++;
	}
	s->n = k;
	if (rehash(s)) { /* no memory for the table: begin anew */
		for (int i = 0; i < s->n; i++)
			ent_free(&s->v[i]);
		free(s->v);
		free(s->slot);
		s->v = NULL;
		s->slot = NULL;
		s->n = s->cap = 0;
		s->nslot = 0;
	}
	s->found = s->cur_found;
	s->measured = s->cur_measured;
	s->cached_kb = s->cur_cached_kb;
	s->complete = true;
	s->pass++;
	s->cur_found = s->cur_measured = s->cur_cached_kb = 0;
}

void ms_pset_restart(struct ms_pset *s)
{
	s->pass++;
	s->cur_found = s->cur_measured = s->cur_cached_kb = 0;
}

static int pcmp(const void *a, const void *b)
{
	const struct ms_pent *x = *(const struct ms_pent *const *)a;
	const struct ms_pent *y = *(const struct ms_pent *const *)b;

	return ms_pcache_cmp(&x->f, &y->f);
}

int ms_pset_biggest(struct ms_pset *s, struct ms_pent **out, int max)
{
	struct ms_pent **all;
	int n = 0;

	if (max <= 0 || !s->n)
		return 0;
	all = malloc((size_t)s->n * sizeof(*all));
	if (!all)
		return 0;
	for (int i = 0; i < s->n; i++)
		all[n++] = &s->v[i];
	qsort(all, (size_t)n, sizeof(*all), pcmp);
	if (n > max)
		n = max;
	memcpy(out, all, (size_t)n * sizeof(*out));
	free(all);
	return n;
}

static char *dup_or_null(const char *p)
{
	return p ? strdup(p) : NULL;
}

static int key_add(struct ms_pcache *out, uint64_t dev, uint64_t ino,
		   const struct ms_pent *e)
{
	struct ms_pcache_key *k;

	if (out->nkeys == out->kcap) {
		int c = out->kcap ? out->kcap * 2 : 256;

		k = realloc(out->keys, (size_t)c * sizeof(*k));
		if (!k)
			return -ENOMEM;
		out->keys = k;
		out->kcap = c;
	}
	k = &out->keys[out->nkeys++];
	k->dev = (uint64_t)major(dev) << 32 | minor(dev);
	k->ino = ino;
	k->sdev = (uint64_t)major(e->dev) << 32 | minor(e->dev);
	k->sino = e->ino;
	return 0;
}

/*
 * Every measured file's keys (stat's and maps', where they differ) into
 * out->keys, sorted: the events' files are told apart by them.
 */
static int keys(const struct ms_pset *s, struct ms_pcache *out)
{
	out->nkeys = 0;
	for (int i = 0; i < s->n; i++) {
		const struct ms_pent *e = &s->v[i];

		if (!ms_have(e->f.cached_kb))
			continue; /* not counted: the events' figure is all */
		if (key_add(out, e->dev, e->ino, e) ||
		    ((e->adev || e->aino) && key_add(out, e->adev, e->aino, e)))
			return -ENOMEM;
	}
	if (out->nkeys > 1)
		qsort(out->keys, (size_t)out->nkeys, sizeof(*out->keys),
		      ms_pcache_key_cmp);
	return 0;
}

int ms_pset_top(struct ms_pset *s, struct ms_pcache *out, int max)
{
	const struct ms_field *l = ms_pcache_files_field();
	struct ms_pent *top[MS_PCACHE_TOP];
	int n = ms_pset_biggest(s, top,
				max < MS_PCACHE_TOP ? max : MS_PCACHE_TOP);

	ms_list_clear(l, out);
	if (keys(s, out))
		return -ENOMEM;
	for (int i = 0; i < n; i++) {
		struct ms_pcache_file *f = ms_list_add(l, out);

		if (!f)
			return -ENOMEM;
		*f = top[i]->f;
		if (f->holders < 0)
			f->holders = top[i]->holders_cur;
		f->path = dup_or_null(top[i]->f.path);
		f->holder_cgroup = dup_or_null(top[i]->f.holder_cgroup);
		f->memcg = NULL;
		if ((top[i]->f.path && !f->path) ||
		    (top[i]->f.holder_cgroup && !f->holder_cgroup))
			return -ENOMEM;
	}
	out->complete = s->complete;
	out->found = s->complete ? s->found : s->cur_found;
	out->measured = s->complete ? s->measured : s->cur_measured;
	out->cached_kb = s->complete ? s->cached_kb : s->cur_cached_kb;
	return 0;
}

/* ---- pure parsers ---------------------------------------------------------- */

static const char *hexnum(const char *p, const char *end, uint64_t *v)
{
	const char *s = p;

	*v = 0;
	for (; p < end && p - s < 8 && ms_hexval(*p) >= 0; p++)
		*v = *v << 4 | (uint64_t)ms_hexval(*p);
	return p == s ? NULL : p;
}

bool ms_pcache_deleted(const char *path, size_t len)
{
	static const char sfx[] = " (deleted)";

	return len >= sizeof(sfx) - 1 &&
	       !memcmp(path + len - (sizeof(sfx) - 1), sfx, sizeof(sfx) - 1);
}

int ms_pcache_parse_dev(const char *s, size_t len, uint64_t *major,
			uint64_t *minor)
{
	const char *end = s + len, *p = hexnum(s, end, major);

	if (!p || p == end || *p != ':')
		return -EINVAL;
	p = hexnum(p + 1, end, minor);
	return p == end ? 0 : -EINVAL;
}
