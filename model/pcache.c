// SPDX-License-Identifier: GPL-2.0
/*
 * The page cache's files (model/pcache.h): their field tables, the list's
 * order and what is derived from it.
 */
#include "model/pcache.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/field.h"

#define NA MS_FF_NA
#define F(m, ty, k, fl, u, ex, ...) \
	MS_FIELD(struct ms_pcache_file, m, ty, k, fl, u, ex, __VA_ARGS__)
#define S(m, ty, k, fl, u, ex, ...) \
	MS_FIELD(struct ms_pcache, m, ty, k, fl, u, ex, __VA_ARGS__)
#define DER (MS_FF_NA | MS_FF_DERIVED)
/* a file's kB of one kind of page, a family labelled by the file */
#define KB(m, k, head, w, hlp, ...)                                       \
	F(m, MS_F_U64, k "_kb", NA, "kB", "memory.files." k "_kb",        \
	  .metric = "memscope_pagecache_file_" k "_bytes", .help = (hlp), \
	  .th = (head), .tw = (w), __VA_ARGS__)

static const char *const method[MS_PCACHE_NMETHODS] = {
	[MS_PCACHE_CACHESTAT] = "cachestat",
	[MS_PCACHE_MINCORE] = "mincore",
	[MS_PCACHE_EVENTS] = "events",
};
const struct ms_names ms_pcache_method_names = { .name = method,
						 .n = MS_PCACHE_NMETHODS,
						 .dflt = -1 };

/*
 * One listed file. OpenMetrics labels a file by path, dev and ino
 * (out/openmetrics.c): two files may share a path (a deleted one and its
 * successor, another mount namespace).
 */
const struct ms_field ms_pcache_file_fields[] = {
	F(path, MS_F_PSTR, "path", NA, NULL, "memory.files.path", .th = "path",
	  .tw = -1, .txo = 1),
	F(dev, MS_F_NAME, "dev", 0, NULL, "memory.files.path"),
	F(ino, MS_F_U64, "ino", NA, NULL, "memory.files.path"),
	F(deleted, MS_F_BOOL, "deleted", 0, NULL, "memory.files.path"),
	F(size_kb, MS_F_U64, "size_kb", NA, "kB", "memory.files.cached_kb",
	  .th = "size_kb", .tw = 10),
	KB(cached_kb, "cached", "cached_kb", 10,
	   "the file's pages in the page cache (top files; cachestat or "
	   "mincore)"),
	KB(dirty_kb, "dirty", "dirty_kb", 9,
	   "the file's dirty pages (cachestat)"),
	KB(writeback_kb, "writeback", "wb_kb", 7,
	   "the file's pages under writeback (cachestat)"),
	KB(evicted_kb, "evicted", NULL, 0,
	   "the file's evicted pages the kernel still remembers (cachestat)"),
	KB(recently_evicted_kb, "recently_evicted", NULL, 0,
	   "of them, evicted recently enough to count as a refault "
	   "(cachestat)"),
	F(holders, MS_F_INT, "holders", NA, NULL, "memory.files.holders",
	  .th = "holders", .tw = 7),
	F(pid, MS_F_INT, "pid", NA, NULL, "memory.files.holders", .th = "pid",
	  .tw = 7),
	F(comm, MS_F_STR, "comm", 0, NULL, "memory.files.holders", .th = "comm",
	  .tw = -15),
	F(holder_cgroup, MS_F_PSTR, "holder_cgroup", NA, NULL,
	  "memory.files.holders"),
	MS_FIELD_ENUM(struct ms_pcache_file, method, "method", NA,
		      &ms_pcache_method_names, "memory.files", .th = "method",
		      .tw = -9),
	F(added_kb, MS_F_U64, "added_kb", NA, "kB", "memory.files.events",
	  .th = "added_kb", .tw = 10),
	F(removed_kb, MS_F_U64, "removed_kb", NA, "kB", "memory.files.events",
	  .th = "removed_kb", .tw = 10),
	F(memcg, MS_F_PSTR, "memcg", NA, NULL, "memory.files.events"),
	F(memcg_id, MS_F_U64, "memcg_id", NA, NULL, "memory.files.events"),
	F(name_partial, MS_F_BOOL, "name_partial", 0, NULL,
	  "memory.files.events"),
	MS_FIELD_END
};

/* The section's own keys, then its list ("memory"."files"). */
const struct ms_field ms_pcache_fields[] = {
	MS_FIELD_ENUM(struct ms_pcache, method, "files_method", NA,
		      &ms_pcache_method_names, "memory.files", .th = "method"),
	S(all, MS_F_BOOL, "files_all_processes", 0, NULL,
	  "memory.files.coverage", .th = "all processes"),
	S(complete, MS_F_BOOL, "files_complete", 0, NULL, "memory.files",
	  .th = "full pass"),
	S(pass_pct, MS_F_DBL, "files_pass_pct", NA, "%", "memory.files",
	  .th = "pass %", .tp = 0),
	S(found, MS_F_U64, "files_found", NA, NULL, "memory.files.coverage",
	  .th = "files", .metric = "memscope_pagecache_files",
	  .help = "distinct files open or mapped by a process"),
	S(measured, MS_F_U64, "files_measured", NA, NULL,
	  "memory.files.coverage", .th = "measured"),
	S(cached_kb, MS_F_U64, "files_cached_kb", NA, "kB",
	  "memory.files.coverage", .th = "cached_kb",
	  .metric = "memscope_pagecache_files_cached_bytes",
	  .help = "page cache of every file open or mapped by a process"),
	S(meminfo_cached_kb, MS_F_U64, "files_meminfo_cached_kb", NA, "kB",
	  "memory.files.coverage", .th = "meminfo Cached"),
	S(coverage_pct, MS_F_DBL, "files_coverage_pct", DER, "%",
	  "memory.files.coverage", .th = "coverage %", .tp = 1,
	  .metric = "memscope_pagecache_files_coverage_ratio",
	  .help = "files_cached over meminfo Cached: what open or mapped "
		  "files explain"),
	S(listed_kb, MS_F_U64, "files_listed_kb", DER, "kB",
	  "memory.files.coverage", .th = "listed_kb"),
	S(ev_since_s, MS_F_DBL, "files_events_since_s", NA, "s",
	  "memory.files.events", .th = "events since s", .tp = 1),
	S(ev_files, MS_F_U64, "files_events_files", NA, NULL,
	  "memory.files.events", .th = "events files"),
	S(ev_cached_kb, MS_F_U64, "files_events_cached_kb", NA, "kB",
	  "memory.files.events", .th = "events cached_kb",
	  .metric = "memscope_pagecache_files_events_bytes",
	  .help = "net page cache added since attach of files only the "
		  "events saw (a lower bound)"),
	S(ev_tracked, MS_F_U64, "files_events_tracked", NA, NULL,
	  "memory.files.events", .th = "events tracked"),
	S(ev_capacity, MS_F_U64, "files_events_capacity", NA, NULL,
	  "memory.files.events"),
	S(ev_evicted, MS_F_U64, "files_events_evicted", NA, NULL,
	  "memory.files.events", .th = "events evicted"),
	S(ev_dropped, MS_F_U64, "files_events_dropped", NA, NULL,
	  "memory.files.events"),
	S(ev_added_kb, MS_F_U64, "files_events_added_kb", NA, "kB",
	  "memory.files.events", .th = "events added_kb"),
	S(ev_removed_kb, MS_F_U64, "files_events_removed_kb", NA, "kB",
	  "memory.files.events", .th = "events removed_kb"),
	S(ev_unseen_kb, MS_F_U64, "files_events_unseen_removed_kb", NA, "kB",
	  "memory.files.events"),
	S(unattributed_kb, MS_F_U64, "files_unattributed_kb", DER, "kB",
	  "memory.files.coverage", .th = "unattributed_kb",
	  .metric = "memscope_pagecache_files_unattributed_bytes",
	  .help = "meminfo Cached that neither the walk's files nor the "
		  "events' explain"),
	MS_FIELD_LIST(struct ms_pcache, v, n, cap, "files",
		      ms_pcache_file_fields),
	MS_FIELD_END
};

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* MS_NA (not measured) below every number */
static int cmp_kb(uint64_t a, uint64_t b)
{
	a = ms_have(a) ? a + 1 : 0;
	b = ms_have(b) ? b + 1 : 0;
	return a > b ? -1 : a < b;
}

int ms_pcache_cmp(const struct ms_pcache_file *a,
		  const struct ms_pcache_file *b)
{
	int c = cmp_kb(a->cached_kb, b->cached_kb);

	if (!c)
		c = cmp_kb(a->dirty_kb, b->dirty_kb);
	if (!c)
		c = cmp_str(a->path, b->path);
	if (!c)
		c = strcmp(a->dev, b->dev);
	if (!c)
		c = a->ino < b->ino ? -1 : a->ino > b->ino;
	return c;
}

static int qcmp(const void *a, const void *b)
{
	return ms_pcache_cmp(a, b);
}

void ms_pcache_rank(struct ms_pcache *p, int max)
{
	if (p->n > 1)
		qsort(p->v, (size_t)p->n, sizeof(*p->v), qcmp);
	for (int i = max < 0 ? 0 : max; i < p->n; i++)
		ms_fields_reset(ms_pcache_file_fields, &p->v[i]);
	if (p->n > max)
		p->n = max < 0 ? 0 : max;
}

void ms_pcache_derive(struct ms_pcache *p)
{
	uint64_t sum = 0;

	for (int i = 0; i < p->n; i++)
		if (ms_have(p->v[i].cached_kb))
			sum += p->v[i].cached_kb;
	p->listed_kb = sum;
	p->coverage_pct = NAN;
	p->unattributed_kb = MS_NA;
	if (!ms_have(p->cached_kb) || !ms_have(p->meminfo_cached_kb))
		return;
	if (p->meminfo_cached_kb)
		p->coverage_pct =
			100.0 * (double)p->cached_kb / p->meminfo_cached_kb;
	sum = p->cached_kb + (ms_have(p->ev_cached_kb) ? p->ev_cached_kb : 0);
	p->unattributed_kb =
		p->meminfo_cached_kb > sum ? p->meminfo_cached_kb - sum : 0;
}

int ms_pcache_key_cmp(const void *a, const void *b)
{
	const struct ms_pcache_key *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

void ms_pcache_keys_free(struct ms_pcache *p)
{
	free(p->keys);
	p->keys = NULL;
	p->nkeys = p->kcap = 0;
}

/* The listed row of the walk's file k, or NULL (measured, not listed). */
static struct ms_pcache_file *row_of(struct ms_pcache *p, int nrows,
				     const struct ms_pcache_key *k)
{
	char dev[sizeof(p->v[0].dev)];

	snprintf(dev, sizeof(dev), "%u:%u", (unsigned int)(k->sdev >> 32),
		 (unsigned int)k->sdev);
	for (int i = 0; i < nrows; i++)
		if (p->v[i].ino == k->sino && !strcmp(p->v[i].dev, dev))
			return &p->v[i];
	return NULL;
}

const struct ms_field *ms_pcache_files_field(void)
{
	const struct ms_field *l = ms_pcache_fields;

	while (l->type != MS_F_LIST)
		l++;
	return l;
}

/* Move the events' figures of e onto the walk's row f. */
static void onto(struct ms_pcache_file *f, struct ms_pcache_file *e)
{
	f->added_kb = e->added_kb;
	f->removed_kb = e->removed_kb;
	f->memcg_id = e->memcg_id;
	if (!f->memcg) {
		f->memcg = e->memcg;
		e->memcg = NULL;
	}
}

int ms_pcache_merge(struct ms_pcache *p, struct ms_pcache_file *ev,
		    const struct ms_pcache_key *evkey, int n, int max)
{
	int rows = p->n, err = 0;

	p->ev_files = p->ev_cached_kb = 0;
	for (int i = 0; i < n; i++) {
		struct ms_pcache_file *e = &ev[i], *f;
		const struct ms_pcache_key *k =
			p->nkeys ?
				bsearch(&evkey[i], p->keys, (size_t)p->nkeys,
					sizeof(*p->keys), ms_pcache_key_cmp) :
				NULL;

		if (k) {
			/* exact: cachestat's count stays */
			f = row_of(p, rows, k);
			if (f)
				onto(f, e);
		} else if (e->cached_kb && ms_have(e->cached_kb) && !err) {
			p->ev_files++;
			p->ev_cached_kb += e->cached_kb;
			f = ms_list_add(ms_pcache_files_field(), p);
			if (f) {
				*f = *e;
				memset(e, 0, sizeof(*e));
			} else {
				err = -ENOMEM;
			}
		}
		ms_fields_reset(ms_pcache_file_fields, e);
	}
	ms_pcache_rank(p, max);
	ms_pcache_derive(p);
	return err;
}
