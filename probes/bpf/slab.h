/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The slab group's tables: the layout slab.bpf.c writes and slab.c reads
 * (allocations and frees per cache, call sites of one cache).
 */
#ifndef MS_BPF_SLAB_H
#define MS_BPF_SLAB_H

#define MS_SL_BITS 9
#define MS_SL_SLOTS (1 << MS_SL_BITS) /* caches; slabinfo lists ~150-250 */
#define MS_SL_PROBES 8 /* slots tried per key */
#define MS_SL_NAME 64
#define MS_SL_DEPTH 24 /* kernel frames per call site */
#define MS_SL_SITES 1024 /* distinct stacks of the target */
#define MS_SL_KMALLOC_MAX 8192 /* larger kmallocs come from pages */

/*
 * A slot's key is the kmem_cache pointer (a kernel address: top bits set),
 * or for allocations without one: a kmalloc above MS_SL_KMALLOC_MAX, or
 * (kernels without the bpf_get_kmem_cache kfunc, before 6.13) a kmalloc
 * size class: CLASS | type << 32 | bytes, type an enum ms_sl_kmalloc_type.
 */
#define MS_SL_KEY_LARGE 1ULL
#define MS_SL_KEY_CLASS (1ULL << 62)
#define MS_SL_IS_CLASS(key) ((key) >> 62 == 1)

enum ms_sl_kmalloc_type {
	MS_SL_KM_NORMAL, /* kmalloc-N */
	MS_SL_KM_RECLAIM, /* kmalloc-rcl-N */
	MS_SL_KM_CGROUP, /* kmalloc-cg-N */
	MS_SL_KM_DMA, /* dma-kmalloc-N */
};

/* Per CPU: each array is written by one program only, so no atomics. */
struct ms_sl_counts {
	__u64 cache_alloc[MS_SL_SLOTS]; /* kmem_cache_alloc */
	__u64 cache_free[MS_SL_SLOTS]; /* kmem_cache_free */
	__u64 kmalloc[MS_SL_SLOTS]; /* kmalloc */
	__u64 kfree[MS_SL_SLOTS]; /* kfree */
	__u64 large_bytes; /* kmalloc above MS_SL_KMALLOC_MAX */
	__u64 kfree_unknown; /* kfree, cache unknown (< 6.13) */
	__u64 lost[4]; /* per program: no free slot */
	__u64 scratch[4]; /* per program: see slab.bpf.c addr() */
};

/* Slots, filled once per cache by the first event that sees it. */
struct ms_sl_table {
	__u64 key[MS_SL_SLOTS];
	__u32 size[MS_SL_SLOTS]; /* bytes per object (s->size) */
	__u32 ready[MS_SL_SLOTS]; /* name and size are written */
	char name[MS_SL_SLOTS][MS_SL_NAME];
};

#endif
