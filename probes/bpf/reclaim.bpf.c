// SPDX-License-Identifier: GPL-2.0
/*
 * The reclaim group: how long tasks stall in direct and memory cgroup
 * reclaim (overall and per process), kswapd's wakes and time awake, each
 * shrinker's latency, writeback from reclaim, and OOM kills (ring buffer).
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

#define SHRINK 2

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

static __always_inline int on_end(int kind, __u64 reclaimed)
{
	__u64 key = key_of(kind), now = bpf_ktime_get_ns(), d;
	struct ms_rc_start *st = bpf_map_lookup_elem(&rc_start, &key);
	struct ms_rc_proc *p;

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

static __always_inline int on_oom(struct task_struct *victim, __u32 uid,
				  bool have_uid)
{
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

char LICENSE[] SEC("license") = "GPL";
