// SPDX-License-Identifier: GPL-2.0
/*
 * The slab group: allocations and frees per cache, counted per CPU in a
 * slot per kmem_cache (no string work per event), and the kernel stacks
 * that allocate from one target cache while its drill-down is open.
 */
#include "common.bpf.h"

#include "slab.h"

/*
 * gfp bits that pick a kmalloc cache type: 6.1's values; slab.c sets them
 * from the kernel's ___GFP_*_BIT enum where it has one (6.10+).
 */
const volatile __u64 gfp_dma = 0x01, gfp_reclaimable = 0x10;
const volatile __u64 gfp_account = 0x400000;

#ifdef MS_SL_NO_KFUNC
/*
 * slab_old.bpf.c, for kernels before 6.13: no extern of the kfunc, which
 * libbpf would look for in the modules' BTF (slab.c's slab_open says why).
 */
#define kmem_cache_of(addr) ((struct kmem_cache *)0)
#else
/* Linux 6.13+: the cache of any slab address (kfree, kmalloc). */
extern struct kmem_cache *bpf_get_kmem_cache(__u64 addr) __ksym __weak;
#define kmem_cache_of(addr) bpf_get_kmem_cache(addr)
#endif

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct ms_sl_counts);
} sl_counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STACK_TRACE);
	__uint(max_entries, MS_SL_SITES);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, MS_SL_DEPTH * sizeof(__u64));
} sl_stacks SEC(".maps");

/* stack id -> allocations of the target cache from that stack */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MS_SL_SITES);
	__type(key, __u32);
	__type(value, __u64);
} sl_sites SEC(".maps");

struct ms_sl_table sl_table;
__u64 sl_target; /* key whose stacks are collected, 0: none */
__u64 sl_stack_lost; /* stacks that found no room */

enum { P_CACHE_ALLOC, P_CACHE_FREE, P_KMALLOC, P_KFREE };

static __always_inline void fill(__u32 i, const struct kmem_cache *s,
				 __u32 size)
{
	if (s) {
		const char *name = BPF_CORE_READ(s, name);

		bpf_probe_read_kernel_str(sl_table.name[i], MS_SL_NAME, name);
		size = BPF_CORE_READ(s, size);
	}
	sl_table.size[i] = size;
	sl_table.ready[i] = 1; /* x86 keeps stores in order */
}

/* The slot of key, claimed on first sight; -1 when the table is full. */
static __always_inline int slot(__u64 key, const struct kmem_cache *s,
				__u32 size)
{
	__u32 h = (__u32)((key * 0x9E3779B97F4A7C15ULL) >> (64 - MS_SL_BITS));

#pragma unroll
	for (int n = 0; n < MS_SL_PROBES; n++) {
		__u32 i = (h + n) & (MS_SL_SLOTS - 1);
		__u64 k = sl_table.key[i];

		if (k == key)
			return i;
		if (k)
			continue;
		k = __sync_val_compare_and_swap(&sl_table.key[i], 0, key);
		if (!k)
			fill(i, s, size);
		if (!k || k == key)
			return i;
	}
	return -1;
}

static __always_inline void stack(void *ctx)
{
	long id = bpf_get_stackid(ctx, &sl_stacks, 0);
	__u32 k = (__u32)id;
	__u64 one = 1, *v;

	if (id < 0) {
		__sync_fetch_and_add(&sl_stack_lost, 1);
		return;
	}
	v = bpf_map_lookup_elem(&sl_sites, &k);
	if (v)
		__sync_fetch_and_add(v, 1);
	else
		bpf_map_update_elem(&sl_sites, &k, &one, BPF_NOEXIST);
}

/*
 * A kernel pointer as a number to hash: stored to this CPU's scratch and
 * read back. The verifier allows no arithmetic on pointers, but lets
 * tracing programs (CAP_PERFMON) store them and load them as numbers.
 */
static __always_inline __u64 addr(struct ms_sl_counts *c, int p,
				  const void *ptr)
{
	volatile __u64 *v = &c->scratch[p];

	*v = (__u64)ptr;
	return *v;
}

/* Count one event of program p on key; stacks for the target. */
static __always_inline int count(void *ctx, struct ms_sl_counts *c, int p,
				 __u64 key, bool cache, __u32 size)
{
	int i = slot(key, cache ? (const struct kmem_cache *)key : NULL, size);

	if (i < 0) {
		c->lost[p]++;
		return 0;
	}
	i &= MS_SL_SLOTS - 1;
	if (p == P_CACHE_ALLOC)
		c->cache_alloc[i]++;
	else if (p == P_CACHE_FREE)
		c->cache_free[i]++;
	else if (p == P_KMALLOC)
		c->kmalloc[i]++;
	else
		c->kfree[i]++;
	if (key == sl_target && (p == P_CACHE_ALLOC || p == P_KMALLOC))
		stack(ctx);
	return 0;
}

static __always_inline int on_cache(void *ctx, int p, const void *ptr,
				    const struct kmem_cache *s)
{
	struct ms_sl_counts *c = ms_percpu(&sl_counts);

	/* a failed allocation, or kmem_cache_free(NULL) */
	if (!c || !ptr || !s || ms_own())
		return 0;
	return count(ctx, c, p, addr(c, p, s), true, 0);
}

/* kmalloc and kfree name no cache: ask the kernel (6.13+) */
static __always_inline int on_kmalloc(void *ctx, const void *ptr, size_t bytes)
{
	struct ms_sl_counts *c = ms_percpu(&sl_counts);
	struct kmem_cache *s;

	if (!c || !ptr || ms_own())
		return 0;
	s = kmem_cache_of((__u64)ptr);
	if (s)
		return count(ctx, c, P_KMALLOC, addr(c, P_KMALLOC, s), true, 0);
	c->large_bytes += bytes;
	return count(ctx, c, P_KMALLOC, MS_SL_KEY_LARGE, false, 0);
}

static __always_inline int on_kfree(void *ctx, const void *ptr)
{
	struct ms_sl_counts *c = ms_percpu(&sl_counts);
	struct kmem_cache *s;

	/* kfree(NULL) is common and fires too */
	if (!c || !ptr || ms_own())
		return 0;
	s = kmem_cache_of((__u64)ptr);
	if (s)
		return count(ctx, c, P_KFREE, addr(c, P_KFREE, s), true, 0);
	return count(ctx, c, P_KFREE, MS_SL_KEY_LARGE, false, 0);
}

/* Before 6.13: kmalloc by size class and gfp type, kfree in one sum */
static __always_inline int on_kmalloc_class(void *ctx, const void *ptr,
					    size_t bytes, gfp_t gfp)
{
	struct ms_sl_counts *c = ms_percpu(&sl_counts);
	__u64 type = MS_SL_KM_NORMAL;

	if (!c || !ptr || ms_own())
		return 0;
	if (bytes > MS_SL_KMALLOC_MAX) {
		c->large_bytes += bytes;
		return count(ctx, c, P_KMALLOC, MS_SL_KEY_LARGE, false, 0);
	}
	if (gfp & gfp_dma)
		type = MS_SL_KM_DMA;
	else if (gfp & gfp_reclaimable)
		type = MS_SL_KM_RECLAIM;
	else if (gfp & gfp_account)
		type = MS_SL_KM_CGROUP;
	return count(ctx, c, P_KMALLOC, MS_SL_KEY_CLASS | type << 32 | bytes,
		     false, (__u32)bytes);
}

static __always_inline int on_kfree_sum(const void *ptr)
{
	struct ms_sl_counts *c = ms_percpu(&sl_counts);

	if (c && ptr && !ms_own())
		c->kfree_unknown++;
	return 0;
}

MS_TWIN(kmem_cache_alloc, ms_kcalloc, on_cache(ctx, P_CACHE_ALLOC, ptr, s),
	unsigned long call_site, const void *ptr, struct kmem_cache *s,
	gfp_t gfp, int node)
MS_TWIN(kmem_cache_free, ms_kcfree, on_cache(ctx, P_CACHE_FREE, ptr, s),
	unsigned long call_site, const void *ptr, const struct kmem_cache *s)
MS_TWIN(kmalloc, ms_kmalloc, on_kmalloc(ctx, ptr, bytes_alloc),
	unsigned long call_site, const void *ptr, size_t bytes_req,
	size_t bytes_alloc, gfp_t gfp, int node)
MS_TWIN(kfree, ms_kfree, on_kfree(ctx, ptr), unsigned long call_site,
	const void *ptr)
MS_TWIN(kmalloc, ms_kmallocc, on_kmalloc_class(ctx, ptr, bytes_alloc, gfp),
	unsigned long call_site, const void *ptr, size_t bytes_req,
	size_t bytes_alloc, gfp_t gfp, int node)
MS_TWIN(kfree, ms_kfrees, on_kfree_sum(ptr), unsigned long call_site,
	const void *ptr)

char LICENSE[] SEC("license") = "GPL";
