/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The attrib group's tables: the layout attrib.bpf.c writes and attrib.c
 * reads (page blocks allocated and not yet freed, by kernel stack).
 */
#ifndef MS_BPF_ATTRIB_H
#define MS_BPF_ATTRIB_H

/*
 * Page blocks tracked at once: a preallocated hash of struct page address
 * -> its allocation (about 10 MB of kernel memory), 512 MiB of order-0
 * pages. An allocation that finds no room is counted, not kept.
 */
#define MS_AT_PAGES (1 << 17)
/*
 * Distinct allocating stacks holding pages, keyed by a hash of their
 * frames (a hash map: two stacks never evict each other, as they would
 * in a stack trace map's buckets); about 2 MB.
 */
#define MS_AT_STACKS 8192
#define MS_AT_DEPTH 16 /* kernel frames kept per stack */

/* A tracked block: whose it is and how big. */
struct ms_at_page {
	__u64 stack; /* key in at_sites */
	__u32 order;
	__u32 pad;
};

/* Per stack: what it holds now (frees subtract; signed, as they race). */
struct ms_at_site {
	__s64 pages; /* 4 KiB pages */
	__s64 blocks; /* allocations */
	__u64 ip[MS_AT_DEPTH]; /* innermost first, 0 after the last */
};

/* Per CPU: each field written by one program only, so no atomics. */
struct ms_at_counts {
	__u64 allocs; /* blocks allocated (seen by the alloc program) */
	__u64 frees; /* frees of a tracked block */
	__u64 unseen; /* frees of a block not tracked */
	__u64 dropped; /* allocations with no room in at_pages */
	__u64 stack_lost; /* no stack, or no room in at_sites */
	__u64 pad[3];
};

#endif
