/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The physical memory map: every pageblock of every zone by the kind of
 * page that holds most of it, from the page census's scanner.
 */
#ifndef MS_PHYSMAP_H
#define MS_PHYSMAP_H

#include "model/census.h"

/*
 * A pageblock's dominant kind (docs/json.md "physmap" has the rules), the
 * one list of them: X(ID, letter, key, label) each, in their order, which
 * is enum ms_pm_kind's (MS_PK_ID), the letters', the JSON's and the
 * legend's. key: its JSON name and explain id ("buddy.map.kind.KEY");
 * label: the legend's words. A table of the kinds elsewhere (a colour
 * each) expands this list with ID, so that a kind added here without its
 * entry there fails to build.
 */
#define MS_PM_KINDS(X)                                                     \
	X(FREE, '.', "free", "free") /* free buddy pages */                \
	X(ANON, 'a', "anon", "anon") /* anonymous, on the LRU */           \
	X(FILE, 'f', "file", "file") /* page cache: files and shmem */     \
	X(UNEVICTABLE, 'u', "unevictable", "mlock") /* mlocked, ramfs */   \
	X(SLAB, 's', "slab", "slab")                                       \
	X(PGTABLE, 'p', "page_tables", "pgtable")                          \
	/* reserved, offline, other and no-flag pages */                   \
	X(KERNEL, 'k', "kernel", "kernel")                                 \
	X(HUGETLB, 'H', "hugetlb", "hugetlb")                              \
	/* most pages in transparent huge or large folios */               \
	X(THP, 'T', "thp", "THP")                                          \
	X(MIXED, 'm', "mixed", "mixed") /* no kind holds half the block */ \
	X(HOLE, '_', "hole", "hole") /* most pages no RAM */               \
	/* no page flagged, in a zone with deferred pages */               \
	X(DEFERRED, 'd', "deferred", "not init")                           \
	/* not read yet (the first pass goes on) */                        \
	X(UNREAD, '?', "unread", "not read")

#define MS_PK_ENUM(id, letter, key, label) MS_PK_##id,
enum ms_pm_kind { MS_PM_KINDS(MS_PK_ENUM) MS_PK_N };
#undef MS_PK_ENUM

/* ".afuspkHTm_d?": the letter of each kind, in enum order. */
extern const char ms_pm_letter[MS_PK_N + 1];
/* The kinds' JSON names: "free", "anon", ... "unread". */
extern const char *const ms_pm_kind_names[MS_PK_N];
/* The legend's words for each: "free", ... "mlock", ... "not read". */
extern const char *const ms_pm_kind_labels[MS_PK_N];

/*
 * A pageblock's migrate type, one letter each (ms_pm_mt_letter[]), from
 * memscope.ko's pageblock bits; docs/json.md "physmap" has the letters.
 */
enum ms_pm_mt {
	MS_PM_UNMOVABLE, /* 'U' */
	MS_PM_MOVABLE, /* 'M' */
	MS_PM_RECLAIMABLE, /* 'R' */
	MS_PM_HIGHATOMIC, /* 'H' */
	MS_PM_CMA, /* 'C' */
	MS_PM_ISOLATE, /* 'I' */
	MS_PM_POLLUTED, /* 'P' movable, but holding pages that cannot move */
	MS_PM_NONE, /* '.' no online page of the zone, or a type unknown */
	MS_PM_N
};

/* "UMRHCIP.": the letter of each migrate type, in enum order. */
extern const char ms_pm_mt_letter[MS_PM_N + 1];
/* Their names: the kernel's ("Unmovable" ...), "polluted", "none". */
extern const char *const ms_pm_mt_names[MS_PM_N];
/* The letter of the kernel's migrate type name ("Movable": 'M'), else '.'. */
char ms_pm_mt_of_name(const char *name);
/* A letter's migrate type; MS_PM_N for a letter of none. */
enum ms_pm_mt ms_pm_mt_by_letter(char c);

struct ms_pm_zone {
	int node;
	char zone[16];
	uint64_t start_pfn; /* the zone's first page */
	uint64_t pageblock_pages;
	/*
	 * One letter per pageblock of the zone's span, the first the block
	 * holding start_pfn, NUL-terminated
	 */
	char *blocks;
	uint64_t counts[MS_PK_N]; /* blocks per kind (derived from blocks) */
	/*
	 * One migrate type letter per pageblock, as blocks; NULL without
	 * memscope.ko (never guessed). 'P' where the module says movable and
	 * the census found pages that cannot move (ms_pm_polluted()).
	 */
	char *migratetypes;
	/*
	 * Each block's pages by kind and free blocks by order, the live
	 * reader's only (a recording holds the letters): nr_bk blocks or 0
	 */
	struct ms_census_block *bk;
	int nr_bk, cap_bk;
	/* zoneinfo's present and managed pages, for the deferred test */
	uint64_t present, managed;
};

struct ms_physmap {
	/* how far the census pass in progress got, 0..1 */
	double progress;
	/* blocks read at least once since the map was first asked for */
	uint64_t blocks_read;
	struct ms_pm_zone *zones;
	int nr_zones, cap_zones;
	/*
	 * The pages of one block (asked for by pfn, the live reader's only):
	 * a letter each as the blocks have them, from page_pfn; NULL none
	 */
	uint64_t page_pfn;
	char *pages;
};

/* How many pageblocks of bp pages the zone [start, start + spanned) spans. */
uint64_t ms_pm_nr_blocks(uint64_t start, uint64_t spanned, uint64_t bp);
/* The index of pfn's block in a zone starting at start. */
static inline uint64_t ms_pm_index(uint64_t start, uint64_t bp, uint64_t pfn)
{
	return pfn / bp - start / bp;
}
/* The kind of a block with these pages (zone_deferred: the zone has some). */
enum ms_pm_kind ms_pm_kind_of(const struct ms_census_block *b,
			      bool zone_deferred);
/* The letter of one page of census kind k (in a huge folio: thp). */
char ms_pm_page_letter(int k, bool thp);
/* A letter's kind; MS_PK_N for a letter of none. */
enum ms_pm_kind ms_pm_kind_by_letter(char c);
/*
 * The letters from the blocks (when the zone has them), then the counts
 * from the letters: what the reader does once per sample, and the replay
 * (letters only) for the counts.
 */
void ms_physmap_finish(struct ms_physmap *m);
/* One more zone, reset; NULL on ENOMEM. */
struct ms_pm_zone *ms_physmap_zone_add(struct ms_physmap *m);

/*
 * Whether compaction could make the block one free order-9 (pageblock)
 * block: every page free or movable (on the LRU). What pins it otherwise:
 * the pages of the kinds that cannot move (pins[k] pages of census kind
 * k), their sum returned.
 */
uint64_t ms_pm_pinned(const struct ms_census_block *b, uint32_t pins[MS_CK_N]);

/*
 * The zone's blocks compaction could make free order-9 (pageblock) blocks:
 * read whole, every page free or movable (ms_pm_pinned() 0), and with
 * mlock_pins no mlocked page either (vm.compact_unevictable_allowed 0).
 * MS_NA without the blocks' pages (a replay).
 */
uint64_t ms_pm_order9_blocks(const struct ms_pm_zone *z, bool mlock_pins);

/*
 * The pages of a block that pollute it when its migrate type is movable:
 * those the kernel allocated unmovable (slab, page tables, reserved, the
 * kernel's own with no flag or other flags: pins[k] of census kind k), the
 * sum returned. Huge pages, offline and hole pages are not counted.
 */
uint64_t ms_pm_unmovable(const struct ms_census_block *b,
			 uint32_t pins[MS_CK_N]);
/*
 * z->migratetypes a copy of the module's letters mt (as many as z has
 * blocks), each movable block whose census found unmovable pages marked
 * 'P'; -ENOMEM, -EINVAL when the lengths differ.
 */
int ms_pm_set_types(struct ms_pm_zone *z, const char *mt, size_t n);

#endif
