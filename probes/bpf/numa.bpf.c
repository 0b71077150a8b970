// SPDX-License-Identifier: GPL-2.0
/*
 * The NUMA group: page migrations by reason (migrate:mm_migrate_pages),
 * NUMA hinting faults per node (fentry task_numa_fault: there is no
 * tracepoint), and tasks moved or swapped between nodes by the scheduler.
 */
#include "common.bpf.h"

#include "numa.h"

/* include/linux/sched/numa_balancing.h, the same since 3.x */
#define TNF_MIGRATED 0x01
#define TNF_FAULT_LOCAL 0x08
#define TNF_MIGRATE_FAIL 0x10

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct ms_nu_counts);
} nu_counts SEC(".maps");

static __always_inline int on_migrate(__u64 succeeded, __u64 failed,
				      __u64 thp_succeeded, __u64 thp_failed,
				      int reason)
{
	struct ms_nu_counts *c = ms_percpu(&nu_counts);
	struct ms_nu_reason *r;

	if (!c)
		return 0;
	r = &c->reason[MS_IDX(reason, MS_NU_REASONS)];
	r->calls++;
	r->succeeded += succeeded;
	r->failed += failed;
	r->thp_succeeded += thp_succeeded;
	r->thp_failed += thp_failed;
	return 0;
}

/* 6.18: large_folio_split before mode and reason */
MS_TWIN(mm_migrate_pages, ms_migrate,
	on_migrate(succeeded, failed, thp_succeeded, thp_failed, reason),
	unsigned long succeeded, unsigned long failed,
	unsigned long thp_succeeded, unsigned long thp_failed,
	unsigned long thp_split, unsigned long large_folio_split,
	enum migrate_mode mode, int reason)
/* 6.1: no large_folio_split */
MS_TWIN(mm_migrate_pages, ms_migrate7,
	on_migrate(succeeded, failed, thp_succeeded, thp_failed, reason),
	unsigned long succeeded, unsigned long failed,
	unsigned long thp_succeeded, unsigned long thp_failed,
	unsigned long thp_split, enum migrate_mode mode, int reason)

SEC("fentry/task_numa_fault")
int BPF_PROG(ms_numafault_btf, int last_cpupid, int mem_node, int pages,
	     int flags)
{
	struct ms_nu_counts *c = ms_percpu(&nu_counts);
	struct ms_nu_node *n;

	if (!c)
		return 0;
	n = &c->node[MS_IDX(mem_node, MS_NU_NODES)];
	n->faults++;
	n->pages += pages;
	if (flags & TNF_FAULT_LOCAL)
		n->local += pages;
	if (flags & TNF_MIGRATED)
		n->migrated += pages;
	if (flags & TNF_MIGRATE_FAIL)
		n->failed += pages;
	return 0;
}

static __always_inline int on_move(void)
{
	struct ms_nu_counts *c = ms_percpu(&nu_counts);

	if (c)
		c->task_moves++;
	return 0;
}

static __always_inline int on_swap(void)
{
	struct ms_nu_counts *c = ms_percpu(&nu_counts);

	if (c)
		c->task_swaps++;
	return 0;
}

MS_TWIN(sched_move_numa, ms_taskmove, on_move(), struct task_struct *tsk,
	int src_cpu, int dst_cpu)
MS_TWIN(sched_swap_numa, ms_taskswap, on_swap(), struct task_struct *src,
	int src_cpu, struct task_struct *dst, int dst_cpu)

char LICENSE[] SEC("license") = "GPL";
