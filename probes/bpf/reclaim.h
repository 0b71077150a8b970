/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The reclaim group's tables: the layout reclaim.bpf.c writes and
 * reclaim.c reads (reclaim stalls, kswapd, shrinkers, writeback, OOM).
 */
#ifndef MS_BPF_RECLAIM_H
#define MS_BPF_RECLAIM_H

#define MS_RC_HIST 32 /* log2 microsecond buckets */
#define MS_RC_NODES 64 /* = MS_MAX_NODES */
#define MS_RC_PROCS 1024 /* processes that stalled (LRU) */
#define MS_RC_SHRINKERS 1024
#define MS_RC_TASKS 8192 /* threads inside a reclaim or shrinker call */
#define MS_RC_RING (64 * 1024) /* OOM events on their way to user space */
#define MS_RC_CGROUPS 1024 /* memory cgroups whose tasks stalled (LRU) */
#define MS_RC_CGPATH 256 /* a cgroup's path, cut there */
#define MS_RC_CGDEPTH 16 /* levels of it, the deepest kept */

enum ms_rc_kind { MS_RC_DIRECT, MS_RC_MEMCG, MS_RC_KINDS };

/* Durations of one kind of call; updated atomically. */
struct ms_rc_lat {
	__u64 count, total_ns, max_ns, last_ns; /* last: ktime of an end */
	__u64 hist[MS_RC_HIST];
};

/* A process that stalled in reclaim (hash by tgid). */
struct ms_rc_proc {
	char comm[16];
	struct ms_rc_lat lat;
};

/*
 * The memory cgroup of tasks that stalled in reclaim (hash by the cgroup's
 * id: the inode number of its directory), its path from the hierarchy's
 * root as the kernel had it then.
 */
struct ms_rc_cg {
	char path[MS_RC_CGPATH];
	struct ms_rc_lat lat[MS_RC_KINDS];
	__u64 reclaimed[MS_RC_KINDS];
};

/* A shrinker (hash by struct shrinker address). */
struct ms_rc_shrinker {
	__u64 scan; /* its scan_objects function, for kallsyms */
	char name[32]; /* shrinker->name where the kernel has one */
	__u64 freed;
	struct ms_rc_lat lat;
};

/* Where a thread is: started at ts in reclaim or in shrinker shr. */
struct ms_rc_start {
	__u64 ts;
	__u64 shr;
};

struct ms_rc_kswapd {
	__u64 wakes, sleeps, wakeups, awake_ns;
	__u64 woke_at; /* ktime while awake, 0 asleep or unknown */
	__u64 last_wake, last_sleep;
};

/* Global counters (bss). */
struct ms_rc_global {
	struct ms_rc_lat lat[MS_RC_KINDS];
	__u64 reclaimed[MS_RC_KINDS]; /* pages */
	struct ms_rc_kswapd kswapd[MS_RC_NODES];
	__u64 write_folios, write_anon;
	__u64 oom_kills, oom_lost;
};

/* Whether an OOM kill was a memory cgroup's, and how that is known. */
enum ms_rc_scope {
	MS_RC_SCOPE_UNKNOWN,
	MS_RC_SCOPE_SYSTEM,
	MS_RC_SCOPE_CGROUP
};
enum ms_rc_scope_by {
	MS_RC_BY_NONE,
	MS_RC_BY_OOM_CONTROL, /* the killer's struct oom_control (fentry) */
	MS_RC_BY_RECLAIM, /* the killer's last reclaim: memcg or direct */
};

/* One OOM kill, through the ring buffer. */
struct ms_rc_oom {
	__u64 ts; /* ktime */
	__s32 pid, tid, killer_pid;
	__u32 uid;
	__s32 oom_score_adj;
	__u32 has_rss; /* the pages below were read */
	char comm[16], killer_comm[16];
	__u64 total_vm, anon_rss, file_rss, shmem_rss; /* pages */
	__u64 pgtables_bytes;
	__u32 scope, scope_by; /* enum ms_rc_scope, ms_rc_scope_by */
	__u64 cg_id; /* the victim's memory cgroup, 0 unknown */
	__u64 oom_cg_id; /* the cgroup at its limit (oom_control), 0 */
	char cg_path[MS_RC_CGPATH], oom_cg_path[MS_RC_CGPATH];
};

#endif
