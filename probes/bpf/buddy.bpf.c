// SPDX-License-Identifier: GPL-2.0
/*
 * The buddy group: page allocations, frees and failures per order and
 * migrate type, fallbacks (wanted -> taken) and compaction runs.
 */
#include "common.bpf.h"

#include "buddy.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct ms_bb_counts);
} bb_counts SEC(".maps");

/* compact_control -> start time: a run begins and ends on one cc */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, __u64);
	__type(value, __u64);
} bb_start SEC(".maps");

struct ms_bb_compact bb_compact;

static __always_inline int on_alloc(const struct page *page, unsigned int order,
				    int mt)
{
	struct ms_bb_counts *c = ms_percpu(&bb_counts);

	if (!c || ms_own())
		return 0;
	if (!page)
		c->fail[MS_IDX(order, MS_BB_ORDERS)]++;
	else
		c->alloc[MS_IDX(mt, MS_BB_MT)][MS_IDX(order, MS_BB_ORDERS)]++;
	return 0;
}

static __always_inline int on_free(unsigned int order)
{
	struct ms_bb_counts *c = ms_percpu(&bb_counts);

	if (c && !ms_own())
		c->free[MS_IDX(order, MS_BB_ORDERS)]++;
	return 0;
}

static __always_inline int on_extfrag(int wanted, int taken)
{
	struct ms_bb_counts *c = ms_percpu(&bb_counts);

	if (c)
		c->extfrag[MS_IDX(wanted, MS_BB_MT)][MS_IDX(taken, MS_BB_MT)]++;
	return 0;
}

static __always_inline int on_compact_begin(const struct compact_control *cc)
{
	__u64 key = (__u64)cc, t = bpf_ktime_get_ns();

	bpf_map_update_elem(&bb_start, &key, &t, BPF_ANY);
	__sync_fetch_and_add(&bb_compact.begin, 1);
	if (BPF_CORE_READ(cc, direct_compaction))
		__sync_fetch_and_add(&bb_compact.direct, 1);
	return 0;
}

static __always_inline int on_compact_end(const struct compact_control *cc,
					  int status)
{
	__u64 key = (__u64)cc, *t = bpf_map_lookup_elem(&bb_start, &key);
	__u64 d;

	__sync_fetch_and_add(&bb_compact.end, 1);
	__sync_fetch_and_add(&bb_compact.result[MS_IDX(status, MS_BB_RESULTS)],
			     1);
	if (!t) {
		__sync_fetch_and_add(&bb_compact.unmatched, 1);
		return 0;
	}
	d = bpf_ktime_get_ns() - *t;
	bpf_map_delete_elem(&bb_start, &key);
	__sync_fetch_and_add(&bb_compact.total_ns, d);
	if (d > bb_compact.max_ns)
		bb_compact.max_ns = d; /* racy, and compaction is rare */
	__sync_fetch_and_add(
		&bb_compact.hist[MS_IDX(ms_log2(d / 1000), MS_BB_HIST)], 1);
	return 0;
}

MS_TWIN(mm_page_alloc, ms_pgalloc, on_alloc(page, order, mt), struct page *page,
	unsigned int order, gfp_t gfp, int mt)
MS_TWIN(mm_page_free, ms_pgfree, on_free(order), struct page *page,
	unsigned int order)
MS_TWIN(mm_page_alloc_extfrag, ms_extfrag, on_extfrag(wanted, taken),
	struct page *page, int alloc_order, int fallback_order, int wanted,
	int taken)
MS_TWIN(mm_compaction_begin, ms_cbegin, on_compact_begin(cc),
	struct compact_control *cc, unsigned long zone_start,
	unsigned long zone_end, bool sync)
MS_TWIN(mm_compaction_end, ms_cend, on_compact_end(cc, status),
	struct compact_control *cc, unsigned long zone_start,
	unsigned long zone_end, bool sync, int status)

char LICENSE[] SEC("license") = "GPL";
