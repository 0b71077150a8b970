/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The snapshot: plain data for every area memscope shows, filled by probe
 * backends, completed by the core (derived indices, rates), read by views.
 */
#ifndef MS_SNAPSHOT_H
#define MS_SNAPSHOT_H

#include "model/attrib.h"
#include "model/base.h"
#include "model/census.h"
#include "model/delays.h"
#include "model/events.h"
#include "model/cgroup.h"
#include "model/damon.h"
#include "model/kmod.h"
#include "model/memory.h"
#include "model/pcache.h"
#include "model/physmap.h"
#include "model/reclaim.h"

enum ms_section {
	MS_SEC_MEMINFO,
	MS_SEC_BUDDY,
	MS_SEC_SLAB,
	MS_SEC_SLAB_DETAIL,
	MS_SEC_PROCS,
	MS_SEC_VMAS,
	MS_SEC_RECLAIM,
	MS_SEC_NUMA,
	MS_SEC_MEMORY, /* the ledger of physical memory (model/memory.h) */
	MS_SEC_CGROUP, /* the memory cgroups (model/cgroup.h) */
	MS_SEC_DAMON, /* DAMON's kdamonds, read only (model/damon.h) */
	/* live events (probes/bpf): counted in the kernel, rates per second */
	MS_SEC_BUDDY_EVENTS, /* page allocs and frees, fallbacks, compaction */
	MS_SEC_SLAB_EVENTS, /* allocs and frees per cache, call sites */
	MS_SEC_FAULT_EVENTS, /* page faults, mmap_lock waits per process */
	MS_SEC_RECLAIM_EVENTS, /* direct reclaim, kswapd, shrinkers, OOM */
	MS_SEC_NUMA_EVENTS, /* page migrations, NUMA hinting faults */
	/* memscope.ko only (probes/kmod): asked for on purpose, never by "all" */
	MS_SEC_MAPLE, /* the maple tree of req->maple_pid */
	MS_SEC_ALLOC_PROBE, /* run the allocation probe (req->alloc_probe) */
	MS_SEC_SLAB_BENCH, /* run the slab benchmark (req->slab_bench) */
	/*
	 * probes/taskstats: one netlink round trip per process, so asked for
	 * on purpose (the Reclaim tab, batch --tab reclaim), never by "all"
	 */
	MS_SEC_TASK_DELAYS, /* per-process stall delays (delay accounting) */
	/*
	 * probes/procfs: every physical page by kind (/proc/kpageflags, root);
	 * a whole pass reads as many bytes as 8 per page of RAM, so asked
	 * for on purpose, never by "all"
	 */
	MS_SEC_CENSUS,
	/*
	 * The page cache's biggest files (probes/procfs/pcache.c): a pass
	 * over every process's files, so asked for on purpose (--tab
	 * memory), never by "all"
	 */
	MS_SEC_PAGECACHE_FILES,
	/*
	 * Memory by allocating call site: /proc/allocinfo (procfs) or BPF on
	 * every page allocation and free (the attrib group), so asked for on
	 * purpose (the Memory tab's attribution, batch --attribution), never
	 * by "all"
	 */
	MS_SEC_ATTRIBUTION,
	/*
	 * The page cache's events (BPF, root): files added to and removed
	 * from the page cache since attach, merged into pagecache_files'
	 * list; asked for with it by --tab memory and the files screen
	 */
	MS_SEC_PAGECACHE_EVENTS,
	/*
	 * The physical memory map (probes/procfs/physmap.c): every pageblock
	 * by kind, from the census's pass, so asked for on purpose (the
	 * Buddy tab's map, batch --physmap), never by "all"
	 */
	MS_SEC_PHYSMAP,
	MS_SEC_COUNT
};
#define MS_SEC_BIT(s) (1u << (s))
/* The sections a sample reads passively: everything before the kmod ones. */
#define MS_SEC_ALL ((1u << MS_SEC_MAPLE) - 1)
/* Every section bit: what a recording (and so a replay) may hold. */
#define MS_SEC_EVERY ((1u << MS_SEC_COUNT) - 1)
/* Sections fed by BPF programs: attached only while samples ask for them. */
#define MS_SEC_EVENTS                                                          \
	(MS_SEC_BIT(MS_SEC_BUDDY_EVENTS) | MS_SEC_BIT(MS_SEC_SLAB_EVENTS) |    \
	 MS_SEC_BIT(MS_SEC_FAULT_EVENTS) | MS_SEC_BIT(MS_SEC_RECLAIM_EVENTS) | \
	 MS_SEC_BIT(MS_SEC_NUMA_EVENTS))
#define MS_SEC_KMOD                                                  \
	(MS_SEC_BIT(MS_SEC_MAPLE) | MS_SEC_BIT(MS_SEC_ALLOC_PROBE) | \
	 MS_SEC_BIT(MS_SEC_SLAB_BENCH))

/* What a caller wants from one sample. */
struct ms_request {
	unsigned int sections; /* MS_SEC_BIT() mask */
	int pid; /* MS_SEC_VMAS target */
	struct ms_vma_sink *vma_sink; /* NULL: keep its VMAs in vmas.v */
	char slab_cache[MS_NAME]; /* MS_SEC_SLAB_DETAIL target */
	/*
	 * Buddy: also the free lists per migrate type. /proc/pagetypeinfo
	 * walks them under each zone's lock with interrupts off, so the
	 * explorer asks for it only while a zone's drill-down is open.
	 */
	bool pagetypes;
	/*
	 * pagetypeinfo in this sample (batch); else re-read within a share
	 * of the time (probes/procfs/buddy.c), its age in the buddy section
	 */
	bool pagetypes_full;
	/*
	 * Processes: read every one's costly files (smaps_rollup, maps) in
	 * this sample, as batch mode asks: a script's sample is never stale.
	 * The explorer leaves it unset and gets them re-read within a budget,
	 * each with its age (struct ms_proc).
	 */
	bool procs_full;
	/* Cgroups: the same, every cgroup's files in this sample (batch) */
	bool cgroups_full;
	/*
	 * VMAs: also the memory mapped by folio size (root: pagemap and
	 * kpageflags read for every page of pid's VMAs), within a budget of
	 * pages per sample, or the whole address space in this sample
	 * (folios_full, as batch mode asks)
	 */
	bool folios, folios_full;
	/*
	 * Census: a whole pass in this sample, as batch mode asks; else a
	 * budget of pages per sample (probes/procfs/census.h), and the last
	 * complete pass is what the sample holds
	 */
	bool census_full;
	/*
	 * The physical memory map: also the pages of the block at this pfn
	 * one by one (physmap.pages), as its screen zoomed in to a block asks
	 */
	bool physmap_pages;
	uint64_t physmap_pfn;
	/*
	 * The page cache's files: a whole pass over the processes in this
	 * sample (batch); else the pass goes on within a time budget
	 */
	bool files_full;
	/*
	 * Memory: only what the ledger's top level needs (meminfo, vmstat,
	 * zoneinfo, zram), as the explorer's header bar asks on a tab that
	 * does not show the memory area; vmallocinfo, slabinfo, iomem and the
	 * per-node files are read only for a sample that shows them
	 */
	bool memory_brief;
	/*
	 * Reclaim: only vmstat and PSI (the header's pressure, the sums and
	 * the NUMA tab's counters), as the explorer's header asks on a tab
	 * that does not show the reclaim area: the THP sizes alone are about
	 * 190 files, the sysctls, swaps, zswap, zram and MGLRU the rest
	 */
	bool reclaim_brief;
	int maple_pid; /* MS_SEC_MAPLE target */
	/* MS_SEC_ALLOC_PROBE: orders 0..max_order, count attempts each */
	struct {
		int node; /* -1: any node */
		int max_order; /* -1: the module's maximum */
		int count; /* attempts per order, 0: 8 */
	} alloc_probe;
	/* MS_SEC_SLAB_BENCH: kmem_cache vs kmalloc, count objects of size */
	struct {
		unsigned int size, count;
	} slab_bench;
	/*
	 * MS_SEC_TASK_DELAYS: turn kernel.task_delayacct on while set (the
	 * backend restores the previous value when unset and on close)
	 */
	bool delayacct;
	/*
	 * Count memscope's own events in the slab and buddy BPF groups
	 * (--include-self, `I`); by default they are left out
	 */
	bool include_self;
	/*
	 * MS_SEC_DAMON: memscope's own DAMON monitoring of damon_pid (0:
	 * physical memory), a kdamond made and removed by the procfs backend
	 * (probes/procfs/damon_mon.c) while set
	 */
	bool damon;
	int damon_pid;
};

/* Why something could not be shown: "pagetypeinfo" / "needs root". */
/*
 * What a note is about, as the views find it: its what and why are text
 * for people and the outputs (a recording keeps only them; its decoder
 * gets the key back with ms_note_key_from_text()).
 */
enum ms_note_about {
	MS_NOTE_PART, /* a file, part or section, named by what */
	MS_NOTE_PID, /* one process of the part: pid */
	MS_NOTE_BPF, /* one BPF program: prog (what is "bpf <prog>") */
};

struct ms_note {
	char what[48];
	char why[128];
	enum ms_note_about about;
	int pid; /* MS_NOTE_PID */
	char prog[40]; /* MS_NOTE_BPF */
};

/* ---- Buddy ------------------------------------------------------------ */

enum ms_wmark_state {
	MS_WMARK_UNKNOWN,
	MS_WMARK_OK, /* free > high */
	MS_WMARK_HIGH, /* low < free <= high */
	MS_WMARK_LOW, /* min < free <= low: kswapd territory */
	MS_WMARK_MIN, /* free <= min: direct reclaim */
};

struct ms_zone {
	int node;
	char name[16];
	/* /proc/buddyinfo */
	int nr_orders;
	uint64_t free_blocks[MS_MAX_ORDER];
	/* /proc/pagetypeinfo (root only): blocks per migrate type and order */
	bool has_migrate;
	uint64_t mt_free[MS_MAX_MIGRATE][MS_MAX_ORDER];
	uint64_t mt_pageblocks[MS_MAX_MIGRATE];
	/* /proc/zoneinfo */
	uint64_t zi_free, boost, wmark_min, wmark_low, wmark_high, wmark_promo;
	uint64_t spanned, present, managed, cma;
	int nr_protection;
	uint64_t protection[MS_MAX_PROT];
	/* derived by ms_derive() */
	uint64_t free_pages; /* sum of 2^order * blocks */
	int largest_order; /* -1 when nothing free */
	double frag_index; /* the seed's 100 - 100*2^largest/free */
	/*
	 * by ms_derive_sums(): 1 the chapter's index applies, 0 not (the
	 * largest free order is the zone's top order), -1 no index
	 */
	int frag_applies;
	double unusable[MS_MAX_ORDER]; /* mm/vmstat.c, 0..1 */
	double extfrag[MS_MAX_ORDER]; /* mm/vmstat.c, -1 or 0..1 */
	enum ms_wmark_state wstate;
};

/*
 * Blocks of each order a node's free lists could hand out without
 * compaction: every free block of order k >= o splits into 2^(k-o).
 */
struct ms_node_avail {
	int node;
	uint64_t blocks[MS_MAX_ORDER];
};

struct ms_buddy {
	struct ms_zone *zones;
	int nr_zones, cap;
	int nr_orders; /* max over zones */
	int pageblock_order; /* -1 unknown */
	int nr_migrate;
	char migrate[MS_MAX_MIGRATE][16];
	/*
	 * Live, the per-migrate-type figures were read this many seconds
	 * before the sample (0: in it; NaN: none, or an older recording)
	 */
	double pagetypes_age_s;
	/* by ms_derive_sums(), nodes in the zones' order */
	struct ms_node_avail avail[MS_MAX_NODES];
	int nr_avail;
	/*
	 * By ms_derive_sums(): pages MemFree counts that no zone's free
	 * lists hold, while as many present pages are not managed: memory
	 * the kernel has not handed to the buddy allocator yet (deferred
	 * struct page init, on demand). 0 when MemFree agrees with the
	 * zones, MS_NA when either is unknown.
	 */
	uint64_t lazy_free;
};

/* ---- Slab ------------------------------------------------------------- */

/*
 * Where a cache's Free/s comes from (model/slabfree.c): the free events
 * miss bulk and RCU frees (kmem_cache_free_bulk, kfree_rcu batches and
 * sheaves), so the counts are checked against /proc/slabinfo.
 */
enum ms_free_src {
	MS_FREE_NONE, /* no free rate */
	MS_FREE_COUNTED, /* the events, agreeing with slabinfo */
	MS_FREE_DERIVED, /* allocations - growth of active objects */
	MS_FREE_UNCHECKED, /* the events, nothing to check them against */
	MS_FREE_INCONSISTENT, /* active grew more than the counts allow */
	MS_FREE_NSRC
};

struct ms_slab_cache {
	char name[MS_NAME];
	uint64_t active_objs, num_objs, objsize, objperslab, pagesperslab;
	uint64_t active_slabs, num_slabs;
	/*
	 * /sys/kernel/slab/NAME of a live SLUB kernel, for the free check's
	 * bound: cpu_partial, and sheaf_capacity (0 where the kernel has no
	 * such file: before 6.18). MS_NA unknown (no sysfs, a recording).
	 */
	uint64_t cpu_partial, sheaf_cap;
	/* derived */
	uint64_t size_bytes; /* num_slabs * pagesperslab * page size */
	double active_pct;
	double objs_rate; /* growth of num_objs per second */
	double bytes_rate; /* growth of size_bytes per second */
	/* from ms_slab_events (bpf) by name, NAN without it */
	double alloc_rate, free_rate, alloc_bytes_rate;
	double free_counted; /* the free events' own rate */
	double free_tol; /* +- per second free_rate may be off */
	double free_gap; /* objects the counts missed since attach */
	enum ms_free_src free_src;
};

struct ms_slab {
	struct ms_slab_cache *caches;
	int n, cap;
	uint64_t page_size;
};

/* A sysfs count with its per-node ("N0=") or per-cpu ("C0=") split. */
struct ms_nodecount {
	uint64_t total; /* MS_NA when the file is absent */
	char kind; /* 'N' per node, 'C' per cpu, 0 no split */
	int n;
	int id[MS_MAX_NODES];
	uint64_t count[MS_MAX_NODES];
};

struct ms_slab_detail {
	char name[MS_NAME];
	bool valid;
	bool gone; /* name is no slab cache (none in sysfs by that name) */
	uint64_t order, object_size, slab_size, align, objs_per_slab;
	uint64_t reclaim_account, hwcache_align, cache_dma, poison;
	uint64_t min_partial, cpu_partial;
	struct ms_nodecount slabs, partial, cpu_slabs, objects, total_objects;
	char target[MS_NAME]; /* merged cache dir, e.g. ":0000064" */
	int nr_aliases;
	char (*aliases)[MS_NAME]; /* every name sharing the cache */
};

/* ---- Processes and VMAs ------------------------------------------------ */

/*
 * On the live system the procfs backend samples cheaply and re-reads the
 * costly files less often (probes/procfs/proccache.c): uid, pss_kb,
 * swap_kb, vmas and detail_rss_kb (smaps_rollup's Rss, read with pss_kb
 * and swap_kb) were read detail_age_s seconds before the sample (0: in it,
 * as in every batch sample and captured tree; NaN: unknown, a recording
 * made before it was kept); rss_kb is status's VmRSS when they were read
 * in this sample (read together, shown together), else statm's, of this
 * sample or the one before; state, faults and comm of a process whose
 * memory stood still up to 10 s old. uid is UINT32_MAX when unknown; user is its name, resolved
 * by the backend that read the process (the recording keeps it), "" when
 * unknown.
 */
struct ms_proc {
	int pid;
	int ppid; /* the parent's pid (stat), 0: none or unknown */
	char comm[MS_NAME]; /* raw bytes from the kernel: escape to show */
	/* raw: the arguments joined by spaces, "" for none (kernel threads) */
	char cmdline[MS_CMDLINE];
	/*
	 * raw: its memory cgroup's path from the hierarchy's root
	 * (/proc/PID/cgroup: the v1 memory line, else v2's), "" unknown
	 */
	char cgroup[MS_CG_PATH];
	char state;
	uint32_t uid;
	char user[MS_USER]; /* raw bytes from passwd: escape to show */
	uint64_t rss_kb, pss_kb, swap_kb, vmas;
	uint64_t detail_rss_kb;
	double detail_age_s;
	uint64_t minflt, majflt;
	double minflt_rate, majflt_rate;
	bool kthread;
};

struct ms_procs {
	struct ms_proc *v;
	int n, cap;
};

enum ms_vma_kind {
	MS_VMA_ANON,
	MS_VMA_FILE,
	MS_VMA_HEAP,
	MS_VMA_STACK,
	MS_VMA_SHMEM,
	MS_VMA_SPECIAL, /* [vdso], [vvar], [vsyscall], ... */
	MS_VMA_NKINDS
};

/*
 * A range's memory by folio size (probes/procfs/folio.c, on request: the
 * PFNs of /proc/PID/pagemap and their /proc/kpageflags): pages in whole
 * folios of order o (a compound head and all its tails mapped in a row;
 * order 0: a page of its own), and pages of large folios mapped here only
 * in part (their size is not known from the part). The zero page is not
 * counted.
 */
#define MS_FOLIO_ORDERS 19 /* orders 0..18: 4 KiB to 1 GiB of 4 KiB pages */
struct ms_folios {
	bool read; /* false: not read (yet) */
	uint32_t page_kb; /* the size of a page (order 0) */
	uint32_t anon[MS_FOLIO_ORDERS], file[MS_FOLIO_ORDERS];
	uint32_t part_anon, part_file;
};

struct ms_vma {
	uint64_t start, end, offset, inode;
	char perms[5];
	char dev[16];
	char *path; /* raw, may be NULL for anonymous */
	enum ms_vma_kind kind;
	/* smaps (kB) */
	uint64_t size_kb, kernel_page_kb, rss_kb, pss_kb;
	uint64_t shared_clean, shared_dirty, private_clean, private_dirty;
	uint64_t referenced, anonymous, anon_huge_kb, shmem_pmd_kb;
	uint64_t swap_kb, swap_pss_kb, locked_kb;
	uint64_t thp_eligible;
	char vmflags[96];
	/* numa_maps */
	char policy[32];
	int nr_nodes;
	int node_id[MS_VMA_NODES];
	uint64_t node_pages[MS_VMA_NODES];
	struct ms_folios folios; /* when asked for (req->folios) */
};

struct ms_vma_sum {
	uint64_t count, size_kb, rss_kb, pss_kb, swap_kb;
};

/*
 * Where the procfs reader hands the VMAs of a process instead of keeping
 * them in v[] (batch output: 60,000 VMAs held whole cost 350 MB): put()
 * gets each one complete, with its numa_maps line; reset() forgets what it
 * got (the process exited, or smaps gave way to maps); each() walks them
 * again in order for the writers. Memory stays bounded by one VMA.
 */
struct ms_vma_sink {
	int (*put)(void *ctx, const struct ms_vma *v);
	void (*reset)(void *ctx);
	int (*each)(void *ctx, int (*fn)(void *arg, const struct ms_vma *v),
		    void *arg);
	void *ctx;
};

struct ms_vmas {
	int pid; /* 0 when nothing was asked */
	bool gone; /* pid names no process (or it exited while read) */
	char comm[MS_NAME];
	struct ms_vma *v;
	int n, cap;
	bool has_smaps, has_numa;
	/* the VMAs went to this sink instead of v[]: streamed of them */
	const struct ms_vma_sink *sink;
	int streamed;
	/* derived (added up as they are read when streamed) */
	struct ms_vma_sum kind[MS_VMA_NKINDS];
	struct ms_vma_sum total;
	/*
	 * Folio sizes, when asked for: the VMAs' sum, how far the pass in
	 * progress got (0..1; 1: a pass completed in this sample) and the
	 * passes completed
	 */
	bool folios_asked;
	struct ms_folios folios;
	double folio_progress;
	uint64_t folio_passes;
};

/* ---- NUMA and meminfo -------------------------------------------------- */

struct ms_numa_node {
	int node;
	char cpus[128]; /* cpulist, as the kernel prints it */
	uint64_t mem_total_kb, mem_free_kb, mem_used_kb;
	struct ms_kvlist meminfo; /* every "Node N X: v kB" line */
	struct ms_kvlist numastat; /* numa_hit, numa_miss, ... */
	int nr_distance;
	int distance[MS_MAX_NODES];
};

struct ms_numa {
	struct ms_numa_node *nodes;
	int n, cap;
	uint64_t balancing; /* kernel.numa_balancing, MS_NA if absent */
};

/* ---- The snapshot ------------------------------------------------------ */

#define MS_MAX_NOTES 32

struct ms_snapshot {
	double t_mono; /* seconds, CLOCK_MONOTONIC: for rates */
	double t_real; /* seconds since the epoch: for output */
	char kernel[64]; /* osrelease */
	unsigned int have; /* sections actually filled */
	const char *source[MS_SEC_COUNT]; /* backend that fed it */
	struct ms_note notes[MS_MAX_NOTES];
	int nr_notes;

	struct ms_kvlist meminfo; /* /proc/meminfo, kB */
	struct ms_buddy buddy;
	struct ms_slab slab;
	struct ms_slab_detail slab_detail;
	struct ms_procs procs;
	struct ms_vmas vmas;
	struct ms_reclaim reclaim;
	struct ms_numa numa;
	struct ms_memory memory;
	struct ms_cgroups cgroups;
	struct ms_damon damon; /* DAMON sysfs, read only */
	struct ms_pcache pcache; /* the page cache's biggest files */
	/* memscope.ko */
	struct ms_maple maple;
	struct ms_alloc_probe alloc_probe;
	struct ms_slab_bench slab_bench;
	/* probes/bpf */
	struct ms_buddy_events buddy_events;
	struct ms_slab_events slab_events;
	struct ms_fault_events fault_events;
	struct ms_reclaim_events reclaim_events;
	struct ms_numa_events numa_events;
	struct ms_bpf_info bpf;
	/* probes/taskstats */
	struct ms_task_delays task_delays;
	/* probes/procfs: the page census */
	struct ms_census census;
	/* probes/procfs: the physical memory map, from the census's pass */
	struct ms_physmap physmap;
	/* probes/procfs (allocinfo) or probes/bpf (attrib) */
	struct ms_attrib attrib;
};

const char *ms_section_name(enum ms_section s);
int ms_section_by_name(const char *name);

/* Lifecycle: a zeroed snapshot is empty; reset keeps allocations. */
void ms_snapshot_init(struct ms_snapshot *s);
void ms_snapshot_reset(struct ms_snapshot *s);
void ms_snapshot_free(struct ms_snapshot *s);

/* Why `what` is missing: the note recorded for it, or NULL. */
const char *ms_snapshot_why(const struct ms_snapshot *s, const char *what);
/* Record why something is missing (deduplicated, bounded). */
void ms_snapshot_note(struct ms_snapshot *s, const char *what, const char *fmt,
		      ...) __attribute__((format(printf, 3, 4)));
/* The same about process pid of the part what; why names it ("pid N"). */
void ms_snapshot_note_pid(struct ms_snapshot *s, const char *what, int pid,
			  const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The same about BPF program prog: what is "bpf <prog>". */
void ms_snapshot_note_bpf(struct ms_snapshot *s, const char *prog,
			  const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The note about process pid of the part what, or NULL. */
const struct ms_note *ms_note_of_pid(const struct ms_snapshot *s,
				     const char *what, int pid);
/* The note about BPF program prog, or NULL. */
const struct ms_note *ms_note_of_bpf(const struct ms_snapshot *s,
				     const char *prog);
/*
 * A decoded note's key, from its text as the probes write it: "bpf
 * <prog>"; "pid N..." of vmas, "process N..." of maple.
 */
void ms_note_key_from_text(struct ms_note *n);

/* Growable arrays: return a zeroed new element or NULL on ENOMEM. */
struct ms_kv *ms_kv_add(struct ms_kvlist *l, const char *name, uint64_t value);
const struct ms_kv *ms_kv_find(const struct ms_kvlist *l, const char *name);
/* The cache of that name, tried at index hint first; NULL when none. */
const struct ms_slab_cache *ms_slab_find(const struct ms_slab *s,
					 const char *name, int hint);
uint64_t ms_kv_get(const struct ms_kvlist *l, const char *name);
struct ms_zone *ms_zone_add(struct ms_buddy *b);
struct ms_zone *ms_zone_find(struct ms_buddy *b, int node, const char *name);
struct ms_slab_cache *ms_slab_add(struct ms_slab *s);
struct ms_proc *ms_proc_add(struct ms_procs *p);
/* Whether p's pids ascend strictly, so ms_proc_find() may bisect. */
bool ms_procs_sorted(const struct ms_procs *p);
/* Process pid of p, or NULL; sorted: as ms_procs_sorted(p) says. */
const struct ms_proc *ms_proc_find(const struct ms_procs *p, int pid,
				   bool sorted);
/*
 * When a process's costly fields (uid, pss_kb, swap_kb, vmas) count as
 * stale (model/procage.c): older than ms_proc_age_bound() of the interval
 * between samples (5 s, or two intervals when they are longer than 2.5 s),
 * or read with an RSS it no longer has (ms_proc_rss_moved(): PSS and swap
 * would be shown against another RSS than theirs).
 */
double ms_proc_age_bound(double interval);
bool ms_proc_rss_moved(uint64_t now_kb, uint64_t then_kb);
bool ms_proc_stale(const struct ms_proc *p, double bound);
/*
 * The same bound for a cgroup's files other than its usage (read in a
 * budget, probes/procfs/cgcache.c): older than bound, or read at another
 * usage (ms_proc_rss_moved() of current_kb and detail_current_kb).
 */
bool ms_cgroup_stale(const struct ms_cgroup *c, double bound);
/* Zeroed, every smaps field unknown (MS_NA). */
void ms_vma_init(struct ms_vma *m);
struct ms_vma *ms_vma_add(struct ms_vmas *v);
/* Add v to the summary of its kind and the total (and its folios). */
void ms_vmas_sum(struct ms_vmas *vs, const struct ms_vma *v);
/* Add b's pages to a's (saturating); a is read when either is. */
void ms_folios_add(struct ms_folios *a, const struct ms_folios *b);
/* One folio size of a range, as the outputs give it (model/folio.c). */
struct ms_folio_size {
	uint64_t size_kb, anon_kb, file_kb;
};
/* The sizes f holds pages of, ascending, at most max: how many. */
int ms_folio_sizes(const struct ms_folios *f, struct ms_folio_size *out,
		   int max);
/* Set f's pages of one size (a size not 2^order pages is left out). */
void ms_folio_set(struct ms_folios *f, const struct ms_folio_size *e);
/* Every VMA in order, held or streamed; stops at fn's first nonzero. */
int ms_vmas_each(const struct ms_vmas *vs,
		 int (*fn)(void *arg, const struct ms_vma *v), void *arg);
static inline int ms_vmas_count(const struct ms_vmas *vs)
{
	return vs->n + vs->streamed;
}
struct ms_swapdev *ms_swap_add(struct ms_reclaim *r);
struct ms_zram *ms_zram_add(struct ms_reclaim *r);
struct ms_thp_size *ms_thp_size_add(struct ms_reclaim *r);
struct ms_numa_node *ms_numa_add(struct ms_numa *n);
struct ms_numa_node *ms_numa_find(struct ms_numa *n, int node);
struct ms_maple_node *ms_maple_node_add(struct ms_maple *m);
struct ms_maple_slot *ms_maple_slot_add(struct ms_maple *m);

/* Fill derived values (fragmentation, summaries) from raw ones. */
void ms_derive(struct ms_snapshot *s);
/*
 * A /proc/vmstat item that is an amount now (nr_free_pages: may go down)
 * rather than a count of events since boot (pgfault, nr_dirtied).
 */
bool ms_vmstat_gauge(const char *name);
/* An mTHP size's stat that is an amount: nr_anon, nr_anon_partially_mapped
 * (6.13+); the others count events. */
bool ms_thp_gauge(const char *name);
/* Per-second rates of cur against prev (prev may be NULL). */
void ms_rates(struct ms_snapshot *cur, const struct ms_snapshot *prev);
/*
 * Sums over what the sample holds, after its rates (a replay's too, whose
 * values and rates are as recorded): the vmstat variants, the blocks each
 * node could hand out. Not in the outputs: the explorer shows them.
 */
void ms_derive_sums(struct ms_snapshot *s);
/* Blocks of order o node's free lists could hand out; 0 for no zones. */
uint64_t ms_node_avail(const struct ms_buddy *b, int node, int o);

#endif
