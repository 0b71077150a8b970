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
	double kb_per_s; /* growth since the last sample (model/rates.c) */
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
	struct ms_ledger of_which; /* as the machine's */
};

/* The firmware's memory map by type (/sys/firmware/memmap). */
struct ms_mem_fw {
	char type[32]; /* "System RAM", "Reserved", "ACPI Tables" ... */
	uint64_t kb;
};

struct ms_memory {
	uint64_t physical_kb; /* present pages of every zone */
	uint64_t total_kb; /* MemTotal */
	struct ms_ledger ledger;
	struct {
		struct ms_mem_node *v;
		int n, cap;
	} nodes;
	/*
	 * Outside the ledger: the zones' holes (spanned - present: no RAM
	 * behind them), and what the firmware says each range is
	 */
	uint64_t holes_kb;
	struct {
		struct ms_mem_fw *v;
		int n, cap;
	} firmware;
	/*
	 * Figures across a bucket's children (a dirty file page is active
	 * or inactive): each entry's parent is the bucket it is part of, at
	 * most its kb; no part of the partition
	 */
	struct ms_ledger of_which;
};

/* ---- What the ledger is computed from (model/ledger.c) ------------------ */

struct ms_kvlist;

/* A zone's pages, from /proc/zoneinfo. */
struct ms_mem_zone {
	int node;
	uint64_t spanned, present, managed; /* pages */
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

/* The vmalloc'd pages of one caller (/proc/vmallocinfo, root only). */
struct ms_vm_caller {
	char name[MS_LEDGER_NAME]; /* the function, "[module]" after it */
	uint64_t kb;
	bool stack; /* a kernel stack (the fork path's callers) */
};

#define MS_VM_CALLERS 256 /* distinct callers kept; the rest are "other" */

/*
 * /proc/vmallocinfo: the areas vmalloc allocated pages for (the "vmalloc"
 * ones; vmap and ioremap map pages others own), by caller, and per node.
 */
struct ms_vmallocinfo {
	bool valid; /* read and parsed */
	uint64_t kb, stack_kb; /* every vmalloc area's pages; the stacks' */
	uint64_t node_kb[MS_MAX_NODES]; /* by node id ("N0=") */
	uint64_t node_stack_kb[MS_MAX_NODES];
	struct ms_vm_caller caller[MS_VM_CALLERS];
	int nr_callers;
	uint64_t more_kb; /* callers beyond MS_VM_CALLERS */
};

/* From /proc/iomem (root: others read zero addresses). */
struct ms_iomem {
	bool valid;
	uint64_t ram_kb; /* "System RAM" */
	uint64_t kernel_kb; /* "Kernel code", "rodata", "data", "bss" */
	uint64_t crash_kb; /* "Crash kernel" */
};

/* A size of mTHP and its anonymous folios (transparent_hugepage/hugepages-NkB/stats). */
struct ms_mthp {
	uint64_t size_kb;
	uint64_t nr_anon; /* folios, MS_NA without the counter */
};

#define MS_MTHP_SIZES 16

/* A zram device: its number (zramN) and the memory it uses, kB. */
struct ms_mem_dev {
	uint64_t id, kb;
};

/* One of the biggest slab caches (/proc/slabinfo, root only). */
struct ms_slab_top {
	char name[MS_LEDGER_NAME];
	uint64_t kb; /* num_slabs x pages per slab */
	int reclaim; /* sysfs reclaim_account: 1, 0; -1 unknown */
};

#define MS_SLAB_TOP 8

/* What else the machine's ledger uses (MS_NA: not known). */
struct ms_mem_extra {
	uint64_t page_kb; /* page size in kB */
	/* kernel stacks come from vmalloc (CONFIG_VMAP_STACK) */
	bool vmap_stack;
	uint64_t zram_kb; /* every zram device's mem_used_total */
	const struct ms_mem_dev *zram; /* each device */
	int nr_zram;
	uint64_t hpage_kb; /* Hugepagesize: a node's HugePages_Total */
	uint64_t pmd_kb; /* the PMD THP size (hpage_pmd_size) */
	const struct ms_vmallocinfo *vmi; /* NULL: not readable */
	const struct ms_iomem *iomem; /* NULL: not readable */
	const struct ms_mthp *mthp;
	int nr_mthp;
	const struct ms_slab_top *slab; /* the biggest caches, biggest first */
	int nr_slab;
};

/*
 * Fill l with the ledger of src: the partition of its present pages, and
 * of with its "of which" figures (struct ms_memory of_which). physical
 * and total get its present pages and MemTotal in kB (MS_NA when
 * unknown, and then l stays empty). -ENOMEM, -ENODATA without zones or
 * meminfo (why says which).
 */
int ms_ledger_build(const struct ms_mem_src *src, const struct ms_mem_extra *x,
		    struct ms_ledger *l, struct ms_ledger *of,
		    uint64_t *physical, uint64_t *total, char *why,
		    size_t whylen);

/* Add kb to firmware type t of m (a new one at the end); -ENOMEM. */
int ms_mem_fw_add(struct ms_memory *m, const char *t, uint64_t kb);

/* One more node at the end of m->nodes, reset; NULL on ENOMEM. */
struct ms_mem_node *ms_mem_node_add(struct ms_memory *m);

/*
 * The explain id of bucket e into id[n]: "memory.b.NAME", or for the
 * buckets named after what they hold the pattern's: a vmalloc caller
 * "memory.b.vmalloc_caller", a HugeTLB pool "memory.b.hugetlb_pool" (and
 * _used, _reserved, _free), an mTHP size "memory.b.anon_mthp", a slab
 * cache "memory.b.slab_cache" (the rest of its kind "memory.b.slab_other"),
 * a zram device "memory.b.zram_device".
 */
void ms_ledger_bucket_id(const struct ms_ledger_entry *e, char *id, size_t n);

/*
 * An "of which" entry's name without its bucket's ("dirty" for
 * file_dirty under file), for "of which dirty".
 */
const char *ms_ledger_of_label(const struct ms_ledger_entry *e);

/* The entry named name of l, NULL when none. */
const struct ms_ledger_entry *ms_ledger_find(const struct ms_ledger *l,
					     const char *name);

#endif
