/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fault group's counters: the layout fault.bpf.c writes and fault.c
 * reads (page faults and mmap_lock waits per process).
 */
#ifndef MS_BPF_FAULT_H
#define MS_BPF_FAULT_H

#define MS_FA_PROCS 16384 /* processes tracked (LRU: the idlest go) */
#define MS_FA_TASKS 8192 /* threads between two events of one fault */
#define MS_FA_SLOW_NS 10000 /* = MS_LOCK_SLOW_NS */

/* Counters of a process, in the order of enum ms_fault_count. */
enum ms_fa_count {
	MS_FA_HW,
	MS_FA_FAULTS,
	MS_FA_MINOR,
	MS_FA_MAJOR,
	MS_FA_ANON,
	MS_FA_FILE,
	MS_FA_WRITE,
	MS_FA_WP,
	MS_FA_COW,
	MS_FA_LOCK_WAITS,
	MS_FA_LOCK_NS,
	MS_FA_LOCK_SLOW,
	MS_FA_N
};

/* One process (hash by tgid): updated atomically, threads share it. */
struct ms_fa_proc {
	char comm[16];
	__u64 n[MS_FA_N];
	__u64 lock_max_ns;
};

/* Per CPU: every process together. */
struct ms_fa_total {
	__u64 n[MS_FA_N];
	__u64 lock_max_ns;
	__u64 untracked; /* events of processes not in the table */
};

/* What the exception tracepoint saw, for the fault handler that follows. */
struct ms_fa_entry {
	__u64 address;
	__u64 error_code; /* x86: bit 0 page present, bit 1 write */
};

#endif
