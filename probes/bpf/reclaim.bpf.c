// SPDX-License-Identifier: GPL-2.0
/*
 * The reclaim group: how long tasks stall in direct and memory cgroup
 * reclaim (overall and per process), kswapd's wakes and time awake, each
 * shrinker's latency, writeback from reclaim, and OOM kills (ring buffer);
 * stalls per memory cgroup, and OOM kills with the victim's cgroup and
 * whether a cgroup's limit or the whole system ran out.
 */
#include "common.bpf.h"

#include "reclaim.h"

/* Kernels before 6.2: mm->rss_stat.count[] instead of percpu counters */
struct mm_rss_stat___old {
	atomic_long_t count[4];
} __attribute__((preserve_access_index));

struct mm_struct___old {
	struct mm_rss_stat___old rss_stat;
} __attribute__((preserve_access_index));

/* 6.7+ with CONFIG_SHRINKER_DEBUG */
struct shrinker___named {
	const char *name;
} __attribute__((preserve_access_index));

/* Before 6.15: kn->parent (then __parent, under RCU) */
struct kernfs_node___old {
	struct kernfs_node *parent;
} __attribute__((preserve_access_index));

struct ms_rc_global rc;

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, MS_RC_PROCS);
	__type(key, __u32);
	__type(value, struct ms_rc_proc);
} rc_procs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MS_RC_SHRINKERS);
	__type(key, __u64);
	__type(value, struct ms_rc_shrinker);
} rc_shrinkers SEC(".maps");

/*
 * (tid << 2 | what) -> start: what is an ms_rc_kind or 2, a shrinker.
 * Deleted at the end: a plain hash (an LRU's common list costs more).
 */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MS_RC_TASKS);
	__type(key, __u64);
	__type(value, struct ms_rc_start);
} rc_start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, MS_RC_RING);
} rc_oom SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, MS_RC_CGROUPS);
	__type(key, __u64);
	__type(value, struct ms_rc_cg);
} rc_cgroups SEC(".maps");

/* A new rc_cgroups entry is made here: its counters are never written. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct ms_rc_cg);
} rc_cgnew SEC(".maps");

/*
 * A path is made here (not on the stack, too small for it): twice its
 * length, so that a name read at any offset below one fits
 */
struct pathbuf {
	__u64 name[MS_RC_CGDEPTH]; /* the names' addresses, deepest first */
	char c[2 * MS_RC_CGPATH];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct pathbuf);
} rc_pathbuf SEC(".maps");

/* A thread's last reclaim (kind, ktime of its end), for an OOM kill. */
struct last_reclaim {
	__u64 ts;
	__u32 kind;
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, MS_RC_TASKS);
	__type(key, __u32);
	__type(value, struct last_reclaim);
} rc_last SEC(".maps");

/* The killer thread's oom_control: its memcg's kernfs node, 0 global. */
struct oomctl {
	__u64 ts;
	__u64 kn;
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, struct oomctl);
} rc_oomctl SEC(".maps");

#define SHRINK 2
/* an OOM kill follows its killer's reclaim within this, or is not its */
#define OOM_AFTER_NS 1000000000ULL

static __always_inline __u64 key_of(int what)
{
	return (bpf_get_current_pid_tgid() & 0xffffffffULL) << 2 | what;
}

static __always_inline void lat_add(struct ms_rc_lat *l, __u64 d, __u64 now)
{
	__sync_fetch_and_add(&l->count, 1);
	__sync_fetch_and_add(&l->total_ns, d);
	__sync_fetch_and_add(&l->hist[MS_IDX(ms_log2(d / 1000), MS_RC_HIST)],
			     1);
	if (d > l->max_ns)
		l->max_ns = d; /* racy; a lost maximum is rare */
	l->last_ns = now;
}

static __always_inline int on_begin(int kind)
{
	struct ms_rc_start st = { .ts = bpf_ktime_get_ns() };
	__u64 key = key_of(kind);

	bpf_map_update_elem(&rc_start, &key, &st, BPF_ANY);
	return 0;
}

static __always_inline struct ms_rc_proc *proc(void)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	struct ms_rc_proc *p = bpf_map_lookup_elem(&rc_procs, &tgid);
	struct ms_rc_proc fresh = {};

	if (p)
		return p;
	bpf_get_current_comm(fresh.comm, sizeof(fresh.comm));
	bpf_map_update_elem(&rc_procs, &tgid, &fresh, BPF_NOEXIST);
	return bpf_map_lookup_elem(&rc_procs, &tgid);
}

/* ---- memory cgroups --------------------------------------------------- */

static __always_inline struct kernfs_node *kn_parent(struct kernfs_node *kn)
{
	struct kernfs_node___old *old = (void *)kn;

	if (bpf_core_field_exists(old->parent))
		return BPF_CORE_READ(old, parent);
	return BPF_CORE_READ(kn, __parent);
}

/*
 * The directory of a task's memory cgroup (v2, or v1's memory hierarchy):
 * the nearest cgroup up the tree with the controller, which charges it.
 * NULL on a kernel without the controller.
 */
static __always_inline struct kernfs_node *task_memcg(struct task_struct *t)
{
	if (!bpf_core_enum_value_exists(enum cgroup_subsys_id, memory_cgrp_id))
		return NULL;
	return BPF_CORE_READ(t, cgroups,
			     subsys[bpf_core_enum_value(enum cgroup_subsys_id,
							memory_cgrp_id)],
			     cgroup, kn);
}

#define PATH_MASK (MS_RC_CGPATH - 1)

/*
 * off masked below MS_RC_CGPATH where the verifier sees it: clang drops
 * a mask that a comparison before it implies
 */
static __always_inline __u32 bounded(__u32 off)
{
	asm volatile("" : "+r"(off));
	return off & PATH_MASK;
}

struct join {
	struct pathbuf *b;
	int n;
	__u32 off;
};

/* bpf_loop's step i: "/" and the name i levels above the root */
static long join_name(__u32 k, void *ctx)
{
	struct join *j = ctx;
	__u32 i = (MS_RC_CGDEPTH - 1 - k) & (MS_RC_CGDEPTH - 1);
	__u32 off = j->off;
	long len;

	if (k >= MS_RC_CGDEPTH)
		return 1;
	if ((int)i >= j->n || off >= PATH_MASK)
		return 0;
	j->b->c[bounded(off)] = '/';
	off++;
	len = bpf_probe_read_kernel_str(&j->b->c[bounded(off)], MS_RC_CGPATH,
					(const void *)j->b->name[i]);
	if (len > 1)
		off += len - 1;
	j->off = off;
	return 0;
}

/*
 * The path of cgroup directory kn from its hierarchy's root into out
 * (MS_RC_CGPATH bytes): "/" the root, "/..." in front of the deepest
 * MS_RC_CGDEPTH levels of a deeper one, cut at MS_RC_CGPATH - 1 bytes.
 */
static __always_inline void cg_path(struct kernfs_node *kn, char *out)
{
	struct pathbuf *b = ms_percpu(&rc_pathbuf);
	struct join j;
	__u32 off = 0;
	int n = 0;

	if (!b)
		return;
#pragma unroll
	for (int i = 0; i < MS_RC_CGDEPTH; i++) {
		struct kernfs_node *up = kn ? kn_parent(kn) : NULL;

		if (!up)
			break;
		b->name[i] = (__u64)BPF_CORE_READ(kn, name);
		n = i + 1;
		kn = up;
	}
	if (n == MS_RC_CGDEPTH && kn && kn_parent(kn)) {
		__builtin_memcpy(b->c, "/...", 4);
		off = 4;
	}
	j.b = b;
	j.n = n;
	j.off = off;
	/* a loop the verifier walks once, not MS_RC_CGDEPTH times inlined */
	bpf_loop(MS_RC_CGDEPTH, join_name, &j, 0);
	off = j.off;
	if (!n) {
		b->c[0] = '/';
		off = 1;
	}
	if (off > PATH_MASK)
		off = PATH_MASK;
	b->c[bounded(off)] = '\0';
	bpf_probe_read_kernel(out, MS_RC_CGPATH, b->c);
}

/* The current task's memory cgroup's entry, made on its first stall. */
static __always_inline struct ms_rc_cg *cgroup(void)
{
	struct kernfs_node *kn = task_memcg((void *)bpf_get_current_task());
	struct ms_rc_cg *c, *fresh;
	__u64 id;

	if (!kn)
		return NULL;
	id = BPF_CORE_READ(kn, id);
	c = bpf_map_lookup_elem(&rc_cgroups, &id);
	if (c)
		return c;
	fresh = ms_percpu(&rc_cgnew);
	if (!fresh)
		return NULL;
	cg_path(kn, fresh->path);
	bpf_map_update_elem(&rc_cgroups, &id, fresh, BPF_NOEXIST);
	return bpf_map_lookup_elem(&rc_cgroups, &id);
}

static __always_inline int on_end(int kind, __u64 reclaimed)
{
	__u64 key = key_of(kind), now = bpf_ktime_get_ns(), d;
	struct ms_rc_start *st = bpf_map_lookup_elem(&rc_start, &key);
	struct last_reclaim last = { now, kind };
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct ms_rc_proc *p;
	struct ms_rc_cg *cg;

	bpf_map_update_elem(&rc_last, &tid, &last, BPF_ANY);
	if (!st)
		return 0; /* began before we attached */
	d = now - st->ts;
	bpf_map_delete_elem(&rc_start, &key);
	kind = MS_IDX(kind, MS_RC_KINDS);
	lat_add(&rc.lat[kind], d, now);
	__sync_fetch_and_add(&rc.reclaimed[kind], reclaimed);
	p = proc();
	if (p)
		lat_add(&p->lat, d, now);
	cg = cgroup();
	if (cg) {
		lat_add(&cg->lat[kind], d, now);
		__sync_fetch_and_add(&cg->reclaimed[kind], reclaimed);
	}
	return 0;
}

MS_TWIN(mm_vmscan_direct_reclaim_begin, ms_drbegin, on_begin(MS_RC_DIRECT),
	int order, gfp_t gfp)
MS_TWIN(mm_vmscan_direct_reclaim_end, ms_drend, on_end(MS_RC_DIRECT, reclaimed),
	unsigned long reclaimed)
MS_TWIN(mm_vmscan_memcg_reclaim_begin, ms_mcbegin, on_begin(MS_RC_MEMCG),
	int order, gfp_t gfp)
MS_TWIN(mm_vmscan_memcg_reclaim_end, ms_mcend, on_end(MS_RC_MEMCG, reclaimed),
	unsigned long reclaimed)

/* ---- kswapd ------------------------------------------------------------ */

static __always_inline int on_kswapd_wake(int nid)
{
	struct ms_rc_kswapd *k = &rc.kswapd[MS_IDX(nid, MS_RC_NODES)];
	__u64 now = bpf_ktime_get_ns();

	k->wakes++; /* one kswapd per node: no other writer */
	k->woke_at = now;
	k->last_wake = now;
	return 0;
}

static __always_inline int on_kswapd_sleep(int nid)
{
	struct ms_rc_kswapd *k = &rc.kswapd[MS_IDX(nid, MS_RC_NODES)];
	__u64 now = bpf_ktime_get_ns();

	k->sleeps++;
	if (k->woke_at)
		k->awake_ns += now - k->woke_at;
	k->woke_at = 0;
	k->last_sleep = now;
	return 0;
}

static __always_inline int on_kswapd_wakeup(int nid)
{
	__sync_fetch_and_add(&rc.kswapd[MS_IDX(nid, MS_RC_NODES)].wakeups, 1);
	return 0;
}

MS_TWIN(mm_vmscan_kswapd_wake, ms_kwake, on_kswapd_wake(nid), int nid, int zid,
	int order)
MS_TWIN(mm_vmscan_kswapd_sleep, ms_ksleep, on_kswapd_sleep(nid), int nid)
MS_TWIN(mm_vmscan_wakeup_kswapd, ms_kwakeup, on_kswapd_wakeup(nid), int nid,
	int zid, int order, gfp_t gfp)

/* ---- shrinkers --------------------------------------------------------- */

static __always_inline void shrinker_new(struct shrinker *shr, __u64 addr)
{
	struct shrinker___named *named = (void *)shr;
	struct ms_rc_shrinker fresh = {};

	fresh.scan = (__u64)BPF_CORE_READ(shr, scan_objects);
	if (bpf_core_field_exists(named->name))
		bpf_probe_read_kernel_str(fresh.name, sizeof(fresh.name),
					  BPF_CORE_READ(named, name));
	bpf_map_update_elem(&rc_shrinkers, &addr, &fresh, BPF_NOEXIST);
}

static __always_inline int on_shrink_start(struct shrinker *shr)
{
	struct ms_rc_start st = { bpf_ktime_get_ns(), (__u64)shr };
	__u64 key = key_of(SHRINK);

	bpf_map_update_elem(&rc_start, &key, &st, BPF_ANY);
	return 0;
}

static __always_inline int on_shrink_end(struct shrinker *shr, int freed)
{
	__u64 key = key_of(SHRINK), now = bpf_ktime_get_ns(), addr = (__u64)shr;
	struct ms_rc_start *st = bpf_map_lookup_elem(&rc_start, &key);
	struct ms_rc_shrinker *s;
	__u64 d;

	if (!st || st->shr != addr)
		return 0;
	d = now - st->ts;
	bpf_map_delete_elem(&rc_start, &key);
	s = bpf_map_lookup_elem(&rc_shrinkers, &addr);
	if (!s) {
		shrinker_new(shr, addr);
		s = bpf_map_lookup_elem(&rc_shrinkers, &addr);
		if (!s)
			return 0;
	}
	lat_add(&s->lat, d, now);
	if (freed > 0)
		__sync_fetch_and_add(&s->freed, freed);
	return 0;
}

MS_TWIN(mm_shrink_slab_start, ms_shstart, on_shrink_start(shr),
	struct shrinker *shr, struct shrink_control *sc, long nr_objects,
	unsigned long cache_items, unsigned long long delta,
	unsigned long total_scan, int priority)
MS_TWIN(mm_shrink_slab_end, ms_shend, on_shrink_end(shr, retval),
	struct shrinker *shr, int nid, int retval, long unused, long new_scan,
	long total_scan)

/* ---- writeback from reclaim -------------------------------------------- */

static __always_inline int on_write(const void *folio)
{
	__u64 flags = 0; /* page->flags comes first, whatever its type */

	bpf_probe_read_kernel(&flags, sizeof(flags), folio);
	__sync_fetch_and_add(&rc.write_folios, 1);
	if (flags &
	    (1ULL << bpf_core_enum_value(enum pageflags, PG_swapbacked)))
		__sync_fetch_and_add(&rc.write_anon, 1);
	return 0;
}

/* 5.19+ */
MS_TWIN(mm_vmscan_write_folio, ms_wfolio, on_write(folio), struct folio *folio)
/* before */
MS_TWIN(mm_vmscan_writepage, ms_wpage, on_write(page), struct page *page)

/* ---- OOM kills --------------------------------------------------------- */

#define MM_COUNTER(mm, i)                                      \
	(bpf_core_type_exists(struct mm_rss_stat___old) ?      \
		 BPF_CORE_READ((struct mm_struct___old *)(mm), \
			       rss_stat.count[i].counter) :    \
		 BPF_CORE_READ(mm, rss_stat[i].count))

static __always_inline __u64 positive(long v)
{
	return v > 0 ? (__u64)v : 0;
}

/*
 * Whose OOM: the killer's oom_control where the fentry program runs (a
 * cgroup's at its limit, or none: the system's), else the reclaim the
 * killer ran just before: memory cgroup reclaim precedes a cgroup's OOM,
 * direct reclaim the page allocator's.
 */
static __always_inline void oom_scope(struct ms_rc_oom *e, __u64 now)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct oomctl *oc = bpf_map_lookup_elem(&rc_oomctl, &tid);
	struct last_reclaim *l;

	if (oc && now - oc->ts < OOM_AFTER_NS) {
		struct kernfs_node *kn = (void *)oc->kn;

		e->scope_by = MS_RC_BY_OOM_CONTROL;
		e->scope = oc->kn ? MS_RC_SCOPE_CGROUP : MS_RC_SCOPE_SYSTEM;
		if (kn) {
			e->oom_cg_id = BPF_CORE_READ(kn, id);
			cg_path(kn, e->oom_cg_path);
		}
		return;
	}
	l = bpf_map_lookup_elem(&rc_last, &tid);
	if (!l || now - l->ts >= OOM_AFTER_NS)
		return;
	e->scope_by = MS_RC_BY_RECLAIM;
	e->scope = l->kind == MS_RC_MEMCG ? MS_RC_SCOPE_CGROUP :
					    MS_RC_SCOPE_SYSTEM;
}

static __always_inline int on_oom(struct task_struct *victim, __u32 uid,
				  bool have_uid)
{
	struct kernfs_node *kn;
	struct ms_rc_oom *e;
	struct mm_struct *mm;

	__sync_fetch_and_add(&rc.oom_kills, 1);
	e = bpf_ringbuf_reserve(&rc_oom, sizeof(*e), 0);
	if (!e) {
		__sync_fetch_and_add(&rc.oom_lost, 1);
		return 0;
	}
	__builtin_memset(e, 0, sizeof(*e));
	e->ts = bpf_ktime_get_ns();
	e->pid = BPF_CORE_READ(victim, tgid);
	e->tid = BPF_CORE_READ(victim, pid);
	e->uid = have_uid ? uid : BPF_CORE_READ(victim, cred, uid.val);
	e->oom_score_adj = BPF_CORE_READ(victim, signal, oom_score_adj);
	bpf_probe_read_kernel_str(e->comm, sizeof(e->comm), victim->comm);
	e->killer_pid = bpf_get_current_pid_tgid() >> 32;
	bpf_get_current_comm(e->killer_comm, sizeof(e->killer_comm));
	mm = BPF_CORE_READ(victim, mm);
	if (mm) {
		e->has_rss = 1;
		e->total_vm = BPF_CORE_READ(mm, total_vm);
		e->file_rss = positive(MM_COUNTER(mm, 0));
		e->anon_rss = positive(MM_COUNTER(mm, 1));
		e->shmem_rss = positive(MM_COUNTER(mm, 3));
		e->pgtables_bytes = BPF_CORE_READ(mm, pgtables_bytes.counter);
	}
	kn = task_memcg(victim);
	if (kn) {
		e->cg_id = BPF_CORE_READ(kn, id);
		cg_path(kn, e->cg_path);
	}
	oom_scope(e, e->ts);
	bpf_ringbuf_submit(e, 0);
	return 0;
}

/* 6.8+: mark_victim(task, uid) */
MS_TWIN(mark_victim, ms_oomvictim, on_oom(task, uid, true),
	struct task_struct *task, uid_t uid)

/* Before, mark_victim has only a pid: the killer's own function. */
SEC("fentry/__oom_kill_process")
int BPF_PROG(ms_oomkill_btf, struct task_struct *victim, const char *message)
{
	return on_oom(victim, 0, false);
}

/* Every kill of one OOM: its oom_control, whose memcg is NULL globally. */
SEC("fentry/oom_kill_process")
int BPF_PROG(ms_oomctl_btf, struct oom_control *oc, const char *message)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct mem_cgroup *m = BPF_CORE_READ(oc, memcg);
	struct oomctl v = { bpf_ktime_get_ns(), 0 };

	if (m)
		v.kn = (__u64)BPF_CORE_READ(m, css.cgroup, kn);
	bpf_map_update_elem(&rc_oomctl, &tid, &v, BPF_ANY);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
