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
};

#endif
