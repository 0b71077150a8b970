/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure parsers of memscope.ko's files (docs/kmod.md): text and length in,
 * a struct out, or -errno with the reason in why.
 */
#ifndef MS_KMOD_PARSE_H
#define MS_KMOD_PARSE_H

#include "kmod/uapi/memscope.h"
#include "model/snapshot.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * 0 when the first line of text is exactly want; -EPROTONOSUPPORT for
 * another name or version, -EINVAL for no line at all.
 */
int ms_kmod_version(const char *text, size_t len, const char *want, char *why,
		    size_t whylen);

/* What /proc/memscope/buddy says besides the zones. */
struct ms_kmod_buddy_info {
	uint64_t page_size, walk_limit;
	int capped; /* zones whose per-type counts are lower bounds */
};

/*
 * Zones of /proc/memscope/buddy into b: a zone already in b (same node and
 * name, e.g. from zoneinfo) is completed, others are added. Sets the free
 * blocks per order and per migrate type (has_migrate), watermarks, page
 * counts and the migrate type names. info may be NULL. On error b may hold
 * part of the file.
 */
int ms_kmod_parse_buddy(const char *text, size_t len, struct ms_buddy *b,
			struct ms_kmod_buddy_info *info, char *why,
			size_t whylen);

/* One zone of /proc/memscope/pageblocks. */
struct ms_kmod_pb_zone {
	int node;
	char zone[16];
	uint64_t count[MS_MAX_MIGRATE]; /* blocks per type, as pagetypeinfo */
	uint64_t start_pfn; /* the map's first block holds it */
	/*
	 * One migrate type letter per block (model/physmap.h ms_pm_mt_letter:
	 * U M R H C I, '.' none or a type memscope does not know), len long
	 */
	char *map;
	size_t len;
};

struct ms_kmod_pageblocks {
	int order; /* pageblock_order */
	int nr_types;
	char types[MS_MAX_MIGRATE][16];
	struct ms_kmod_pb_zone *zones;
	int nr, cap;
};

/*
 * /proc/memscope/pageblocks (version 2: each zone's map line) into pb,
 * emptied first; free with ms_kmod_pageblocks_free() also on error.
 */
int ms_kmod_parse_pageblocks(const char *text, size_t len,
			     struct ms_kmod_pageblocks *pb, char *why,
			     size_t whylen);
void ms_kmod_pageblocks_free(struct ms_kmod_pageblocks *pb);

/* /proc/memscope/maple into m (emptied first); checks the tree's shape. */
int ms_kmod_parse_maple(const char *text, size_t len, struct ms_maple *m,
			char *why, size_t whylen);

/* One read of /proc/memscope/alloc_probe: the last probe of one order. */
struct ms_kmod_alloc {
	uint64_t max_order, max_count, per_sec;
	uint64_t probe; /* sequence number, 0 when none yet */
	int order, count, node; /* node -1: any */
	int ok, fail;
	int nr; /* attempts listed, = count */
	struct {
		bool ok;
		uint64_t ns;
		int nid; /* -1 on failure */
	} att[MS_KMOD_PROBE_MAX_COUNT];
};

int ms_kmod_parse_alloc(const char *text, size_t len, struct ms_kmod_alloc *a,
			char *why, size_t whylen);

/* /proc/memscope/slab_bench into b (seq 0 when no benchmark ran yet). */
int ms_kmod_parse_bench(const char *text, size_t len, struct ms_slab_bench *b,
			char *why, size_t whylen);

#endif
