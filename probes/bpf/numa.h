/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The NUMA group's counters: the layout numa.bpf.c writes and numa.c
 * reads (page migrations by reason, NUMA hinting faults per node).
 */
#ifndef MS_BPF_NUMA_H
#define MS_BPF_NUMA_H

#define MS_NU_REASONS 16 /* values of enum migrate_reason */
#define MS_NU_NODES 64

struct ms_nu_reason {
	__u64 calls, succeeded, failed, thp_succeeded, thp_failed;
};

/* Hinting faults on pages of one node; pages counted as the kernel does */
struct ms_nu_node {
	__u64 faults, pages, local, migrated, failed;
};

/* Per CPU: each field is written by one program only, so no atomics. */
struct ms_nu_counts {
	struct ms_nu_reason reason[MS_NU_REASONS];
	struct ms_nu_node node[MS_NU_NODES];
	__u64 task_moves, task_swaps;
};

#endif
