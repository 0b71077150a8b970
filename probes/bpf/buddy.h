/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The buddy group's counters: the layout buddy.bpf.c writes and buddy.c
 * reads (page allocations and frees per order, fallbacks, compaction).
 */
#ifndef MS_BPF_BUDDY_H
#define MS_BPF_BUDDY_H

#define MS_BB_ORDERS 16 /* orders counted; x86 has 11 */
#define MS_BB_MT 8 /* migrate types counted */
#define MS_BB_RESULTS 16 /* values of enum compact_result */
#define MS_BB_HIST 32 /* log2 microsecond buckets */

/* Per CPU: each field is written by one program only, so no atomics. */
struct ms_bb_counts {
	__u64 alloc[MS_BB_MT][MS_BB_ORDERS]; /* mm_page_alloc, page != NULL */
	__u64 fail[MS_BB_ORDERS]; /* mm_page_alloc, page == NULL */
	__u64 free[MS_BB_ORDERS]; /* mm_page_free */
	__u64 extfrag[MS_BB_MT][MS_BB_MT]; /* [wanted][taken] */
};

/* Compaction is rare: one global copy, updated atomically. */
struct ms_bb_compact {
	__u64 begin, direct, end, total_ns, max_ns, unmatched;
	__u64 result[MS_BB_RESULTS];
	__u64 hist[MS_BB_HIST];
};

#endif
