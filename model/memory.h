/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Memory area: a ledger of physical memory (every bucket the kernel
 * reports, as a partition of the present pages), for the machine and per
 * NUMA node, and the counters the ledger is computed from.
 */
#ifndef MS_MEMORY_H
#define MS_MEMORY_H

#include "model/base.h"

#define MS_LEDGER_NAME 40
#define MS_LEDGER_SRC 160

/*
 * One bucket. The buckets whose parent is "" (null in the JSON) sum to
 * physical_kb exactly; the children of a bucket sum to it exactly.
 */
struct ms_ledger_entry {
	char name[MS_LEDGER_NAME]; /* "free", "slab_reclaimable", ... */
	uint64_t kb;
	char parent[MS_LEDGER_NAME]; /* "": the top level */
	char source[MS_LEDGER_SRC]; /* file and field, or the formula */
};

struct ms_ledger {
	struct ms_ledger_entry *v;
	int n, cap;
};

/* The same ledger for one NUMA node. */
struct ms_mem_node {
	int node;
	uint64_t physical_kb, total_kb;
	struct ms_ledger ledger;
};

struct ms_memory {
	uint64_t physical_kb; /* present pages of every zone */
	uint64_t total_kb; /* MemTotal */
	struct ms_ledger ledger;
	struct {
		struct ms_mem_node *v;
		int n, cap;
	} nodes;
};

/* ---- What the ledger is computed from (model/ledger.c) ------------------ */

struct ms_kvlist;

/* A zone's pages, from /proc/zoneinfo. */
struct ms_mem_zone {
	int node;
	uint64_t present, managed; /* pages */
	uint64_t free; /* "pages free": NR_FREE_PAGES */
	uint64_t low; /* the low watermark */
	uint64_t pcp; /* pages on its per-cpu lists ("count:"), MS_NA none */
};

/* A hugetlb pool of one size, of the machine or of one node. */
struct ms_mem_hpool {
	uint64_t size_kb;
	uint64_t total, free, resv, surplus; /* pages of size_kb, MS_NA */
};

#define MS_MEM_HPOOLS 8 /* page sizes: x86 has 2, arm64 and ppc 4 */

/*
 * The counters of the machine (node -1) or of one node: its meminfo (the
 * node's without "Node N "), its vmstat, its zones and hugetlb pools.
 * A NULL list is a file that could not be read.
 */
struct ms_mem_src {
	int node;
	const struct ms_kvlist *meminfo, *vmstat;
	const struct ms_mem_zone *zones; /* this node's zones, or all */
	int nr_zones;
	const struct ms_mem_hpool *hpools;
	int nr_hpools;
};

/* What else the machine's ledger uses (MS_NA: not known). */
struct ms_mem_extra {
	uint64_t page_kb; /* page size in kB */
	/* kernel stacks come from vmalloc (CONFIG_VMAP_STACK) */
	bool vmap_stack;
	uint64_t zram_kb; /* every zram device's mem_used_total */
	uint64_t hpage_kb; /* Hugepagesize: a node's HugePages_Total */
};

/*
 * Fill l with the ledger of src: the partition of its present pages.
 * physical and total get its present pages and MemTotal in kB (MS_NA
 * when unknown, and then l stays empty). -ENOMEM, -ENODATA without
 * zones or meminfo (why says which).
 */
int ms_ledger_build(const struct ms_mem_src *src, const struct ms_mem_extra *x,
		    struct ms_ledger *l, uint64_t *physical, uint64_t *total,
		    char *why, size_t whylen);

/* One more node at the end of m->nodes, reset; NULL on ENOMEM. */
struct ms_mem_node *ms_mem_node_add(struct ms_memory *m);

/* The entry named name of l, NULL when none. */
const struct ms_ledger_entry *ms_ledger_find(const struct ms_ledger *l,
					     const char *name);

#endif
