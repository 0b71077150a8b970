/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The live event sections of the snapshot (probes/bpf): buddy, slab, fault,
 * reclaim and NUMA events, and what the BPF backend itself costs.
 */
#ifndef MS_MODEL_EVENTS_H
#define MS_MODEL_EVENTS_H

#include "model/base.h"

/* ---- Live events (probes/bpf) ------------------------------------------ */

/*
 * Counters run from the moment a BPF group was attached (the group is
 * attached while samples ask for its section, probes/bpf/bpf.c); rates are
 * per second over `interval`, the time since the backend's previous read,
 * and NAN on the first sample after an attach.
 */
#define MS_BPF_HIST 32 /* log2 buckets */
#define MS_CALLSITES 16 /* call sites kept, the busiest first */
#define MS_CALLSITE_DEPTH 8 /* frames kept per call site */
#define MS_SYM 64 /* "function+0x1f [module]" */

enum ms_buddy_event_field {
	MS_BE_ALLOC = 1 << 0, /* allocations and failures per order, type */
	MS_BE_FREE = 1 << 1,
	MS_BE_EXTFRAG = 1 << 2,
	MS_BE_COMPACT = 1 << 3,
};

/* Fallbacks: an allocation of type wanted took a block of type taken. */
struct ms_extfrag_event {
	int wanted, taken; /* indexes into ms_buddy_events.migrate */
	uint64_t count;
	double rate;
};

struct ms_compaction {
	uint64_t runs, direct; /* runs begun; by allocating tasks */
	uint64_t ended;
	double runs_rate;
	double mean_us; /* runs ended in the interval, NAN none */
	uint64_t max_us; /* since attach */
	int nr_results;
	char result_name[16][24]; /* "success", "skipped", ... */
	uint64_t result[16];
	uint64_t hist[MS_BPF_HIST]; /* run time, bucket i: [2^i, 2^i+1) us */
};

struct ms_buddy_events {
	unsigned int fields; /* MS_BE_* that are counted */
	double interval; /* seconds the rates cover, NAN first */
	int nr_orders, nr_migrate;
	char migrate[MS_MAX_MIGRATE][16]; /* as pagetypeinfo names them */
	uint64_t alloc[MS_MAX_MIGRATE][MS_MAX_ORDER]; /* since attach */
	uint64_t free[MS_MAX_ORDER], fail[MS_MAX_ORDER];
	double alloc_rate[MS_MAX_ORDER], free_rate[MS_MAX_ORDER];
	double fail_rate[MS_MAX_ORDER];
	double mt_alloc_rate[MS_MAX_MIGRATE][MS_MAX_ORDER];
	int nr_extfrag;
	struct ms_extfrag_event extfrag[MS_MAX_MIGRATE * MS_MAX_MIGRATE];
	struct ms_compaction compaction;
};

enum ms_slab_event_field {
	MS_SE_CACHE_ALLOC = 1 << 0, /* kmem_cache_alloc */
	MS_SE_CACHE_FREE = 1 << 1, /* kmem_cache_free */
	MS_SE_KMALLOC = 1 << 2,
	MS_SE_KFREE = 1 << 3, /* kfree, per cache (6.13+) */
	MS_SE_CALLSITES = 1 << 4,
};

/* One cache as the allocation events see it (kmalloc-N included). */
struct ms_slab_rate {
	char name[MS_NAME]; /* raw s->name: escape to show */
	uint64_t objsize; /* bytes per object (s->size), MS_NA unknown */
	uint64_t allocs, frees; /* since attach */
	double alloc_rate, free_rate, alloc_bytes_rate, free_bytes_rate;
	int free_src; /* enum ms_free_src, set by model/rates.c */
};

struct ms_callsite {
	uint64_t count; /* allocations from this stack */
	double share; /* of the target's sampled allocations, 0..1 */
	int depth;
	uint64_t ip[MS_CALLSITE_DEPTH]; /* from the allocation call site up */
	char sym[MS_CALLSITE_DEPTH][MS_SYM];
};

/*
 * The BPF backend's name for kmalloc()s too large for every kmalloc cache:
 * whole pages from the buddy allocator, no slab cache (no slabinfo line,
 * no sysfs directory); it counts them as if one.
 */
#define MS_SLAB_LARGE "kmalloc-large"

struct ms_slab_events {
	unsigned int fields; /* MS_SE_* that are counted */
	double interval;
	int ncpu; /* CPUs that may hold free objects, 0 unknown */
	struct ms_slab_rate *v;
	int n, cap;
	uint64_t kfree_unknown; /* kfree with no cache (before 6.13) */
	double kfree_unknown_rate;
	/* call sites of `target` (the request's slab_cache), busiest first */
	char target[MS_NAME];
	uint64_t target_allocs; /* stacks counted since the target was set */
	int nr_sites;
	struct ms_callsite sites[MS_CALLSITES];
};

/*
 * Page faults (the fault group): counted per process when they complete,
 * as the kernel counts them (mm_account_fault: retried attempts not).
 */
enum ms_fault_event_field {
	MS_FE_HW = 1 << 0, /* user-mode faults taken (page_fault_user) */
	MS_FE_SPLIT = 1 << 1, /* minor/major, anon/file (fexit) */
	MS_FE_COW = 1 << 2, /* copy-on-write: needs both of the above */
	MS_FE_LOCK = 1 << 3, /* mmap_lock waits (mmap_lock tracepoints) */
};

enum ms_fault_count {
	MS_FC_HW, /* user-mode page faults taken */
	MS_FC_FAULTS, /* faults handled (vmstat pgfault's count) */
	MS_FC_MINOR, /* as the kernel's min_flt and maj_flt */
	MS_FC_MAJOR,
	MS_FC_ANON, /* in a VMA without a file */
	MS_FC_FILE, /* in a file-backed VMA (shmem included) */
	MS_FC_WRITE, /* user-mode write faults (x86 error code) */
	MS_FC_WP, /* of those, to a present page: COW or notify */
	MS_FC_COW, /* writes to a present page of a private VMA */
	MS_FC_LOCK_WAITS, /* mmap_lock acquisitions timed */
	MS_FC_LOCK_NS, /* time from start_locking to acquired */
	MS_FC_LOCK_SLOW, /* acquisitions that waited MS_LOCK_SLOW_NS+ */
	MS_FC_COUNT
};
#define MS_LOCK_SLOW_NS 10000 /* 10 us: slower than an uncontended lock */

struct ms_fault_proc {
	int pid; /* process (tgid); 0 for the total */
	char comm[MS_NAME]; /* raw: escape to show */
	uint64_t n[MS_FC_COUNT]; /* since attach */
	double rate[MS_FC_COUNT]; /* per second, NAN first */
	uint64_t lock_max_ns; /* the longest mmap_lock wait */
};

struct ms_fault_events {
	unsigned int fields; /* MS_FE_* that are counted */
	double interval;
	struct ms_fault_proc total; /* every process */
	/* processes with events in the interval, by pid */
	struct ms_fault_proc *v;
	int n, cap;
	uint64_t untracked; /* events of processes the table had no room for */
};

/* A duration histogram: bucket i holds [2^i, 2^(i+1)) us, bucket 0 < 2 us. */
struct ms_latency {
	uint64_t count, total_ns, max_ns;
	uint64_t hist[MS_BPF_HIST];
	double rate; /* count per second */
	double ns_rate; /* time spent per second */
	double last; /* seconds since the epoch of the last end, NAN */
};

enum ms_reclaim_event_field {
	MS_RE_DIRECT = 1 << 0, /* direct reclaim (vmscan direct_reclaim_*) */
	MS_RE_MEMCG = 1 << 1, /* memory cgroup limit reclaim */
	MS_RE_KSWAPD = 1 << 2, /* kswapd wake and sleep */
	MS_RE_WAKEUP = 1 << 3, /* wake-up requests (wakeup_kswapd) */
	MS_RE_SHRINK = 1 << 4, /* shrink_slab per shrinker */
	MS_RE_WRITE = 1 << 5, /* writeback from reclaim */
	MS_RE_OOM = 1 << 6, /* OOM kills */
};

/* A process that stalled in reclaim (direct or memory cgroup). */
struct ms_reclaimer {
	int pid;
	char comm[MS_NAME];
	struct ms_latency lat;
};

struct ms_kswapd {
	int node;
	uint64_t wakes, sleeps, wakeups; /* wakeups: requests to wake */
	uint64_t awake_ns; /* since attach, the current stretch included */
	bool awake;
	double wake_rate, wakeup_rate;
	double awake_share; /* of the interval, 0..1 */
	double last_wake, last_sleep; /* epoch seconds, NAN none */
};

struct ms_shrinker {
	char name[MS_SYM]; /* shrinker->name (6.7+ debug) or its scan function */
	bool named; /* the kernel gave the name */
	uint64_t addr; /* the struct shrinker */
	uint64_t freed; /* objects freed (the shrinker's return) */
	double freed_rate;
	struct ms_latency lat;
};

/*
 * A memory cgroup whose tasks stalled in reclaim: the cgroup charging the
 * task that stalled (its own, or the nearest one up with the controller),
 * which for limit reclaim is the cgroup at its limit or one below it.
 */
struct ms_cg_reclaim {
	char path[MS_CG_PATH];
	uint64_t id; /* the inode number of its directory */
	struct ms_latency direct, memcg;
	uint64_t direct_reclaimed, memcg_reclaimed; /* pages */
};

#define MS_OOM_EVENTS 32 /* the latest OOM kills kept */

/* Whose memory ran out: a memory cgroup's limit, or the system's. */
enum ms_oom_scope { MS_OOM_UNKNOWN, MS_OOM_SYSTEM, MS_OOM_CGROUP };
/* How the scope is known (docs/json.md "oom_events"). */
enum ms_oom_scope_by { MS_OOM_BY_NONE, MS_OOM_BY_CONTROL, MS_OOM_BY_RECLAIM };

struct ms_oom_event {
	double time; /* seconds since the epoch */
	int pid; /* the victim (tgid) */
	char comm[MS_NAME];
	uint32_t uid; /* UINT32_MAX unknown */
	int oom_score_adj;
	/* kB, MS_NA where the kernel's event has none */
	uint64_t total_vm_kb, anon_rss_kb, file_rss_kb, shmem_rss_kb;
	uint64_t pgtables_kb;
	int killer_pid; /* the task that ran the OOM killer, 0 unknown */
	char killer_comm[MS_NAME];
	char cgroup[MS_CG_PATH]; /* the victim's memory cgroup, "" unknown */
	uint64_t cgroup_id; /* its directory's inode number, MS_NA */
	int scope; /* enum ms_oom_scope */
	int scope_by; /* enum ms_oom_scope_by */
	/* the cgroup whose limit was hit, where the OOM control says */
	char oom_cgroup[MS_CG_PATH];
	uint64_t oom_cgroup_id; /* MS_NA */
};

struct ms_reclaim_events {
	unsigned int fields; /* MS_RE_* */
	double interval;
	struct ms_latency stall; /* direct + memcg: tasks stalled */
	struct ms_latency direct, memcg;
	uint64_t direct_reclaimed, memcg_reclaimed; /* pages */
	struct ms_reclaimer *procs; /* active in the interval, by pid */
	int nr_procs, cap_procs;
	int nr_kswapd;
	struct ms_kswapd kswapd[MS_MAX_NODES];
	struct ms_shrinker *shrinkers; /* busiest (time) first */
	int nr_shrinkers, cap_shrinkers;
	uint64_t write_folios, write_anon, write_file; /* writeback */
	double write_rate;
	uint64_t oom_kills; /* since attach */
	int nr_oom; /* the latest, oldest first */
	struct ms_oom_event oom[MS_OOM_EVENTS];
	/* memory cgroups with stalls in the interval, by path */
	struct ms_cg_reclaim *cgroups;
	int nr_cgroups, cap_cgroups;
};

enum ms_numa_event_field {
	MS_NE_MIGRATE = 1 << 0, /* migrate:mm_migrate_pages */
	MS_NE_HINT = 1 << 1, /* NUMA hinting faults (task_numa_fault) */
	MS_NE_TASK = 1 << 2, /* tasks moved/swapped between nodes */
};

#define MS_MIGRATE_REASONS 16

struct ms_migrate_reason {
	char name[24]; /* "compaction", "numa_misplaced", ... */
	uint64_t calls, succeeded, failed, thp_succeeded, thp_failed;
	double succeeded_rate, failed_rate;
};

struct ms_numa_hint {
	int node; /* where the faulting page was */
	uint64_t faults, pages, local, migrated, failed; /* pages */
	double faults_rate, pages_rate, migrated_rate;
};

struct ms_numa_events {
	unsigned int fields;
	double interval;
	uint64_t succeeded, failed; /* pages migrated, every reason */
	double succeeded_rate, failed_rate;
	int nr_reasons;
	struct ms_migrate_reason reason[MS_MIGRATE_REASONS];
	struct ms_numa_hint hint; /* every node */
	int nr_nodes;
	struct ms_numa_hint node[MS_MAX_NODES];
	uint64_t task_moves, task_swaps;
	double task_moves_rate, task_swaps_rate;
};

/* The BPF backend itself: which groups run and what they cost. */
#define MS_BPF_GROUPS 8
#define MS_BPF_PROGS 32

struct ms_bpf_prog_stat {
	char name[32]; /* "ms_pgalloc_btf" */
	char group[16];
	uint64_t run_ns, run_cnt; /* kernel totals (BPF run-time stats) */
	double ns_rate, cnt_rate; /* per second, NAN first */
};

struct ms_bpf_info {
	bool open; /* the backend runs (else nothing below) */
	bool stats; /* run-time statistics are on */
	int nr_groups;
	char groups[MS_BPF_GROUPS][16]; /* attached now */
	int nr_progs;
	struct ms_bpf_prog_stat progs[MS_BPF_PROGS];
	double ns_rate, cnt_rate; /* sums over progs, NAN unknown */
	/*
	 * The slab and buddy programs leave memscope's own events out (its
	 * /proc reads would dominate names_cache and filp; --include-self
	 * and `I` count them): how many since attach (MS_NA when counted),
	 * and per second
	 */
	bool own_excluded;
	uint64_t own_events;
	double own_rate;
};

/* Growable arrays: return a new element (rates NAN) or NULL on ENOMEM. */
struct ms_slab_rate *ms_slab_rate_add(struct ms_slab_events *e);
struct ms_fault_proc *ms_fault_proc_add(struct ms_fault_events *e);
struct ms_reclaimer *ms_reclaimer_add(struct ms_reclaim_events *e);
struct ms_shrinker *ms_shrinker_add(struct ms_reclaim_events *e);
struct ms_cg_reclaim *ms_cg_reclaim_add(struct ms_reclaim_events *e);
/* The entry of pid in e->v (sorted by pid), or NULL. */
const struct ms_fault_proc *ms_fault_find(const struct ms_fault_events *e,
					  int pid);
/* The name of a fault counter: "minor", "cow", ... */
const char *ms_fault_count_name(enum ms_fault_count c);

#endif
