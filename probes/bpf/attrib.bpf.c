// SPDX-License-Identifier: GPL-2.0
/*
 * The attrib group: every page block allocated since attach and not yet
 * freed, keyed by its struct page, with the kernel stack that allocated
 * it; per stack, the pages it holds now. Frees of blocks it never saw
 * (allocated before attach) are counted, not subtracted.
 */
#include "common.bpf.h"

#include "attrib.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct ms_at_counts);
} at_counts SEC(".maps");

/* this CPU's stack being taken, and the site it starts */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct ms_at_site);
} at_scratch SEC(".maps");

/* struct page address -> its allocation */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MS_AT_PAGES);
	__type(key, __u64);
	__type(value, struct ms_at_page);
} at_pages SEC(".maps");

/* hash of a stack's frames -> the pages it holds, and the frames */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MS_AT_STACKS);
	__type(key, __u64);
	__type(value, struct ms_at_site);
} at_sites SEC(".maps");

static __always_inline void site_add(__u64 key, __s64 pages, __s64 blocks)
{
	struct ms_at_site *s = bpf_map_lookup_elem(&at_sites, &key);

	if (s) {
		__sync_fetch_and_add(&s->pages, pages);
		__sync_fetch_and_add(&s->blocks, blocks);
	}
}

/* The key of the stack now (FNV-1a over its frames), its site made. */
static __always_inline int stack_key(void *ctx, struct ms_at_counts *c,
				     __u64 *key)
{
	struct ms_at_site *sc = ms_percpu(&at_scratch);
	__u64 h = 0xcbf29ce484222325ULL;
	long len;
	int n;

	if (!sc)
		return -1;
	len = bpf_get_stack(ctx, sc->ip, sizeof(sc->ip), 0);
	if (len <= 0) {
		c->stack_lost++;
		return -1;
	}
	n = (int)(len / sizeof(__u64));
	for (int i = 0; i < MS_AT_DEPTH; i++) {
		if (i >= n) {
			sc->ip[i] = 0;
			continue;
		}
		h = (h ^ sc->ip[i]) * 0x100000001b3ULL;
	}
	*key = h;
	if (bpf_map_lookup_elem(&at_sites, key))
		return 0;
	sc->pages = sc->blocks = 0;
	/* EEXIST: another CPU made it first */
	if (bpf_map_update_elem(&at_sites, key, sc, BPF_NOEXIST) &&
	    !bpf_map_lookup_elem(&at_sites, key)) {
		c->stack_lost++;
		return -1;
	}
	return 0;
}

static __always_inline int on_alloc(void *ctx, const struct page *page,
				    unsigned int order)
{
	struct ms_at_counts *c = ms_percpu(&at_counts);
	struct ms_at_page v = { .order = order & 31 }, *old;
	__u64 key = (__u64)page;

	if (!c || !page)
		return 0;
	c->allocs++;
	if (stack_key(ctx, c, &v.stack))
		return 0;
	/* a block whose free went unseen: no longer its old stack's */
	old = bpf_map_lookup_elem(&at_pages, &key);
	if (old)
		site_add(old->stack, -(1LL << (old->order & 31)), -1);
	if (bpf_map_update_elem(&at_pages, &key, &v, BPF_ANY)) {
		c->dropped++;
		return 0;
	}
	site_add(v.stack, 1LL << v.order, 1);
	return 0;
}

static __always_inline int on_free(const struct page *page)
{
	struct ms_at_counts *c = ms_percpu(&at_counts);
	__u64 key = (__u64)page;
	struct ms_at_page *v, old;

	if (!c)
		return 0;
	v = bpf_map_lookup_elem(&at_pages, &key);
	if (!v) {
		c->unseen++;
		return 0;
	}
	old = *v;
	if (bpf_map_delete_elem(&at_pages, &key)) {
		c->unseen++; /* freed twice at once: another CPU took it */
		return 0;
	}
	c->frees++;
	site_add(old.stack, -(1LL << (old.order & 31)), -1);
	return 0;
}

MS_TWIN(mm_page_alloc, ms_atalloc, on_alloc(ctx, page, order),
	struct page *page, unsigned int order, gfp_t gfp, int mt)
MS_TWIN(mm_page_free, ms_atfree, on_free(page), struct page *page,
	unsigned int order)

char LICENSE[] SEC("license") = "GPL";
