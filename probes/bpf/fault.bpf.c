// SPDX-License-Identifier: GPL-2.0
/*
 * The fault group: page faults per process, counted when handle_mm_fault
 * returns (minor/major as the kernel accounts them, anon/file by the VMA,
 * copy-on-write from the x86 error code), and mmap_lock waits.
 */
#include "common.bpf.h"

#include "fault.h"

#define VM_SHARED 0x8ULL
#define X86_PF_PROT 0x1ULL /* the page was present */
#define X86_PF_WRITE 0x2ULL
/* mm/memory.c mm_account_fault(): these are not counted per task */
#define FAULT_ERROR                                          \
	(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV | \
	 VM_FAULT_HWPOISON | VM_FAULT_HWPOISON_LARGE | VM_FAULT_FALLBACK)

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, MS_FA_PROCS);
	__type(key, __u32);
	__type(value, struct ms_fa_proc);
} fa_procs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct ms_fa_total);
} fa_total SEC(".maps");

/*
 * thread -> the exception that started its current fault, kept only while
 * the fexit program can use it (fa_stash): never deleted, so an LRU, with
 * per-CPU lists (the common list's lock costs more than the update).
 */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, MS_FA_TASKS);
	__uint(map_flags, BPF_F_NO_COMMON_LRU);
	__type(key, __u32);
	__type(value, struct ms_fa_entry);
} fa_entry SEC(".maps");

/* thread -> when it started waiting for an mmap_lock (deleted when got) */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MS_FA_TASKS);
	__type(key, __u32);
	__type(value, __u64);
} fa_lock SEC(".maps");

__u32 fa_stash; /* set by user space when copy-on-write is counted */

/* The calling process's counters, made on first sight. */
static __always_inline struct ms_fa_proc *proc(struct ms_fa_total *t)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	struct ms_fa_proc *p = bpf_map_lookup_elem(&fa_procs, &tgid);
	struct ms_fa_proc fresh = {};

	if (p)
		return p;
	bpf_get_current_comm(fresh.comm, sizeof(fresh.comm));
	bpf_map_update_elem(&fa_procs, &tgid, &fresh, BPF_NOEXIST);
	p = bpf_map_lookup_elem(&fa_procs, &tgid);
	if (!p)
		t->untracked++;
	return p;
}

static __always_inline void add(struct ms_fa_total *t, struct ms_fa_proc *p,
				int i, __u64 v)
{
	t->n[i] += v;
	if (p)
		__sync_fetch_and_add(&p->n[i], v);
}

static __always_inline int on_user_fault(__u64 address, __u64 error_code)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct ms_fa_total *t = ms_percpu(&fa_total);
	struct ms_fa_entry e = { address, error_code };
	struct ms_fa_proc *p;

	if (fa_stash)
		bpf_map_update_elem(&fa_entry, &tid, &e, BPF_ANY);
	if (!t)
		return 0;
	p = proc(t);
	add(t, p, MS_FA_HW, 1);
	if (!(error_code & X86_PF_WRITE))
		return 0;
	add(t, p, MS_FA_WRITE, 1);
	if (error_code & X86_PF_PROT)
		add(t, p, MS_FA_WP, 1);
	return 0;
}

/* Faults of the kernel on user memory (copy_to_user): only remembered. */
static __always_inline int on_kernel_fault(__u64 address, __u64 error_code)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct ms_fa_entry e = { address, error_code };

	if (fa_stash)
		bpf_map_update_elem(&fa_entry, &tid, &e, BPF_ANY);
	return 0;
}

MS_TWIN(page_fault_user, ms_pfuser, on_user_fault(address, error_code),
	unsigned long address, struct pt_regs *regs, unsigned long error_code)
MS_TWIN(page_fault_kernel, ms_pfkern, on_kernel_fault(address, error_code),
	unsigned long address, struct pt_regs *regs, unsigned long error_code)

/* Was the page present when this thread faulted at address? -1: unknown */
static __always_inline int present(__u64 address)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct ms_fa_entry *e = bpf_map_lookup_elem(&fa_entry, &tid);

	if (!e || e->address != address)
		return -1;
	return (e->error_code & X86_PF_PROT) != 0;
}

static __always_inline void classify(struct ms_fa_total *t,
				     struct ms_fa_proc *p,
				     struct vm_area_struct *vma, __u64 address,
				     unsigned int flags)
{
	__u64 vm_flags = BPF_CORE_READ(vma, vm_flags);

	add(t, p, BPF_CORE_READ(vma, vm_file) ? MS_FA_FILE : MS_FA_ANON, 1);
	if ((flags & FAULT_FLAG_WRITE) && !(vm_flags & VM_SHARED) &&
	    present(address) == 1)
		add(t, p, MS_FA_COW, 1);
}

SEC("fexit/handle_mm_fault")
int BPF_PROG(ms_faultx_btf, struct vm_area_struct *vma, unsigned long address,
	     unsigned int flags, struct pt_regs *regs, vm_fault_t ret)
{
	struct ms_fa_total *t = ms_percpu(&fa_total);
	struct ms_fa_proc *p;

	/* an attempt to be retried is counted when it completes */
	if (!t || (ret & VM_FAULT_RETRY))
		return 0;
	p = proc(t);
	add(t, p, MS_FA_FAULTS, 1);
	if (ret & FAULT_ERROR)
		return 0;
	if ((ret & VM_FAULT_MAJOR) || (flags & FAULT_FLAG_TRIED))
		add(t, p, MS_FA_MAJOR, 1);
	else
		add(t, p, MS_FA_MINOR, 1);
	/* after COMPLETED the lock was dropped: the VMA may be gone */
	if (!(ret & VM_FAULT_COMPLETED))
		classify(t, p, vma, address, flags);
	return 0;
}

static __always_inline int on_lock_start(void)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	__u64 now = bpf_ktime_get_ns();

	bpf_map_update_elem(&fa_lock, &tid, &now, BPF_ANY);
	return 0;
}

static __always_inline void lock_max(__u64 *max, __u64 d)
{
	if (d > *max)
		*max = d; /* racy between threads; a lost maximum is rare */
}

static __always_inline int on_lock_acquired(bool success)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	__u64 *start = bpf_map_lookup_elem(&fa_lock, &tid);
	struct ms_fa_total *t;
	struct ms_fa_proc *p;
	__u64 d;

	/* trylocks have no start */
	if (!start)
		return 0;
	d = bpf_ktime_get_ns() - *start;
	bpf_map_delete_elem(&fa_lock, &tid);
	t = ms_percpu(&fa_total);
	if (!success || !t)
		return 0;
	p = proc(t);
	add(t, p, MS_FA_LOCK_WAITS, 1);
	add(t, p, MS_FA_LOCK_NS, d);
	if (d >= MS_FA_SLOW_NS)
		add(t, p, MS_FA_LOCK_SLOW, 1);
	lock_max(&t->lock_max_ns, d);
	if (p)
		lock_max(&p->lock_max_ns, d);
	return 0;
}

/* 6.2+: (mm, write); 6.1: (mm, memcg_path, write) */
MS_TWIN(mmap_lock_start_locking, ms_lockstart, on_lock_start(),
	struct mm_struct *mm)
/* 6.2+: (mm, write, success) */
MS_TWIN(mmap_lock_acquire_returned, ms_lockgot, on_lock_acquired(success),
	struct mm_struct *mm, bool write, bool success)
/* 6.1: (mm, memcg_path, write, success) */
MS_TWIN(mmap_lock_acquire_returned, ms_lockgotp, on_lock_acquired(success),
	struct mm_struct *mm, const char *memcg_path, bool write, bool success)

/* A process's name as it changes (exec, prctl): rare events. */
static __always_inline int on_comm(struct task_struct *task, const char *comm)
{
	__u32 tgid = BPF_CORE_READ(task, tgid);
	struct ms_fa_proc *p;

	if (BPF_CORE_READ(task, pid) != tgid)
		return 0; /* a thread's own name */
	p = bpf_map_lookup_elem(&fa_procs, &tgid);
	if (p)
		bpf_probe_read_kernel_str(p->comm, sizeof(p->comm), comm);
	return 0;
}

/* after exec the task has its new name */
MS_TWIN(sched_process_exec, ms_exec, on_comm(p, p->comm), struct task_struct *p,
	pid_t old_pid, struct linux_binprm *bprm)
/* before the new name is copied in */
MS_TWIN(task_rename, ms_rename, on_comm(task, comm), struct task_struct *task,
	const char *comm)

char LICENSE[] SEC("license") = "GPL";
