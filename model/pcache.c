// SPDX-License-Identifier: GPL-2.0
/*
 * The page cache's files (model/pcache.h): their field tables, the list's
 * order and what is derived from it.
 */
#include "model/pcache.h"

#include <math.h>
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
		      &ms_pcache_method_names, "memory.files"),
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
	for (int i = max < 0 ? 0 : max; i < p->n; i++) {
		free(p->v[i].path);
		free(p->v[i].holder_cgroup);
		p->v[i].path = p->v[i].holder_cgroup = NULL;
	}
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
	if (ms_have(p->cached_kb) && ms_have(p->meminfo_cached_kb) &&
	    p->meminfo_cached_kb)
		p->coverage_pct =
			100.0 * (double)p->cached_kb / p->meminfo_cached_kb;
}
