/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The census reader's pure parsers (zoneinfo's zone spans and counters,
 * /proc/iomem's System RAM) and its state between samples: the pass in
 * progress, read a budget of pages per sample.
 */
#ifndef MS_PROCFS_CENSUS_H
#define MS_PROCFS_CENSUS_H

#include "model/census.h"
#include "probes/procfs/kpageflags.h"

#define MS_CZ_MAX 64 /* zones the census keeps */
#define MS_CRAM_MAX 128 /* System RAM ranges it keeps */
/* pages read per sample of the explorer: 2 MiB of kpageflags */
#define MS_CENSUS_BUDGET (256 * 1024)

/* A zone as zoneinfo gives it, with the counters the census checks. */
struct ms_czinfo {
	int node;
	char zone[16];
	uint64_t start_pfn, spanned, present, managed;
	uint64_t free; /* nr_free_pages */
	uint64_t anon, file, unevictable; /* nr_zone_{in,}active_*, ... */
	uint64_t pcp; /* the per-CPU lists' count: lines */
	uint64_t drift; /* the per-CPU "vm stats threshold"s added */
};

/*
 * The zones of zoneinfo text into z (max of them): how many, or -errno
 * with the reason in why.
 */
int ms_census_parse_zoneinfo(const char *text, size_t len, struct ms_czinfo *z,
			     int max, char *why, size_t whylen);
/*
 * The top-level "System RAM" ranges of /proc/iomem as pfns (4 KiB
 * pages), ascending: how many. 0 when it names none or hides the
 * addresses (they read 0 without root).
 */
int ms_census_parse_iomem(const char *text, size_t len, struct ms_pfn_range *r,
			  int max);

struct ms_census_state;
struct ms_root;
struct ms_snapshot;
struct ms_procfs;

/*
 * Go on with the census: full, a whole pass in this sample; else
 * MS_CENSUS_BUDGET pages. Fills s->census: the last complete pass, or
 * the one in progress before the first completes; with map also
 * s->physmap, every block as last read (probes/procfs/physmap.h).
 * -errno, with a note "census", when it cannot.
 */
int ms_procfs_census(const struct ms_root *r, struct ms_procfs *pf, bool full,
		     bool map, struct ms_snapshot *s);
void ms_procfs_census_free(struct ms_procfs *pf);

#endif
