/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The census of every physical page (/proc/kpageflags): pages counted by
 * kind, per zone, and checked against the kernel's own counters.
 */
#ifndef MS_CENSUS_H
#define MS_CENSUS_H

#include "model/base.h"

/*
 * What a page is, one kind per page: the kinds partition the pages the
 * census counted (docs/json.md has each kind's flags).
 */
enum ms_census_kind {
	MS_CK_FREE, /* KPF_BUDDY: in a free buddy block, every page of it */
	MS_CK_ANON, /* on the LRU, swap-backed, anonymous */
	MS_CK_SHMEM, /* on the LRU, swap-backed, not anonymous: shmem/tmpfs */
	MS_CK_FILE, /* on the LRU, file-backed */
	MS_CK_UNEVICTABLE, /* on the LRU, unevictable (mlocked, ramfs ...) */
	MS_CK_SLAB, /* KPF_SLAB */
	MS_CK_PGTABLE, /* KPF_PGTABLE */
	MS_CK_HUGETLB, /* KPF_HUGE */
	MS_CK_RESERVED, /* PG_reserved (KPF_RESERVED, bit 32) */
	MS_CK_OFFLINE, /* KPF_OFFLINE: balloon, virtio-mem, unaccepted */
	MS_CK_OTHER, /* some flag, none of the above */
	MS_CK_NOFLAGS, /* no flag at all */
	MS_CK_HOLE, /* KPF_NOPAGE, or outside System RAM (/proc/iomem) */
	MS_CK_N
};

/* The kinds' names, in enum order: "free", "anon", ... "hole". */
extern const char *const ms_census_kind_names[MS_CK_N];

/* Orders of the free blocks a pageblock's counts keep: 0 .. 11. */
#define MS_CK_ORDERS 12

/* Pages of one pageblock (or less) by kind: what the scanner yields. */
struct ms_census_block {
	uint64_t pfn; /* its first page */
	uint32_t pages; /* how many pages it counts */
	uint32_t thp; /* of them in transparent huge or large folios */
	uint32_t kind[MS_CK_N];
	/*
	 * Its free buddy blocks by order: kpageflags flags every page of a
	 * free block alike, so these are the aligned power-of-two blocks
	 * each run of free pages splits into, as the buddy allocator merges
	 * them (orders above the last are counted in it)
	 */
	uint16_t free_order[MS_CK_ORDERS];
};

struct ms_census_zone {
	int node;
	char zone[16];
	uint64_t start_pfn, spanned, present, managed; /* zoneinfo */
	uint64_t pages; /* pages the census counted in the zone */
	uint64_t kind[MS_CK_N];
	uint64_t thp;
	uint64_t pcp; /* pages on the per-CPU free lists (zoneinfo count:) */
	/* present - managed - reserved pages: not handed to the buddy yet */
	uint64_t deferred;
};

/* One comparison of the census with a kernel counter, in pages. */
struct ms_census_check {
	char what[16]; /* "free", "file", "slab" ... */
	int node; /* -1: the whole machine */
	char zone[16]; /* "" for the whole machine */
	uint64_t census;
	/* the counter's least and greatest value read during the pass */
	uint64_t lo, hi;
	uint64_t tolerance; /* pages it may be off beyond [lo, hi] */
	uint64_t off; /* pages beyond [lo - tolerance, hi + tolerance] */
	bool ok;
	char why[128]; /* what the difference is when there is one */
};

struct ms_census {
	/*
	 * true: the counts are of a complete pass; false: of the pass in
	 * progress, as far as it got (the first pass is not done yet)
	 */
	bool complete;
	uint64_t passes; /* complete passes since memscope started */
	double progress; /* of the pass in progress, 0..1 */
	uint64_t pages; /* pages counted: the sum of the kinds */
	uint64_t kind[MS_CK_N];
	uint64_t thp; /* of them in THP and large folios (KPF_THP) */
	uint64_t nozone; /* counted pages in no zone's span */
	struct ms_census_zone *zones;
	int nr_zones, cap_zones;
	struct ms_census_check *checks;
	int nr_checks, cap_checks;
};

/* Every count of c 0 (its zones kept, their counts 0), no checks. */
void ms_census_clear(struct ms_census *c);
/* dst a copy of src, in dst's own lists; -1 on ENOMEM. */
int ms_census_copy(struct ms_census *dst, const struct ms_census *src);
/* One more zone, its fields not available; NULL on ENOMEM. */
struct ms_census_zone *ms_census_zone_add(struct ms_census *c);
/* The memory of c's lists. */
void ms_census_free(struct ms_census *c);
/* Add b to c: its totals and the zone whose span holds b->pfn. */
void ms_census_add(struct ms_census *c, const struct ms_census_block *b);

/*
 * Append the comparison of census pages with a counter that read lo..hi
 * during the pass: ok when within tolerance of the range. why: the
 * reason a difference has, kept whatever the verdict. NULL on ENOMEM.
 */
struct ms_census_check *ms_census_check(struct ms_census *c, const char *what,
					int node, const char *zone,
					uint64_t census, uint64_t lo,
					uint64_t hi, uint64_t tolerance,
					const char *why);

#endif
