/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page scanner: /proc/kpageflags chunks in (little-endian u64 per
 * pfn), pages by kind per pageblock out. The census sums the blocks; a
 * map of physical memory can keep them.
 */
#ifndef MS_PROCFS_KPAGEFLAGS_H
#define MS_PROCFS_KPAGEFLAGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/census.h"

/* include/uapi/linux/kernel-page-flags.h (and KPF_RESERVED, bit 32) */
enum {
	MS_KPF_LRU = 5,
	MS_KPF_SLAB = 7,
	MS_KPF_BUDDY = 10,
	MS_KPF_MMAP = 11,
	MS_KPF_ANON = 12,
	MS_KPF_SWAPBACKED = 14,
	MS_KPF_HEAD = 15,
	MS_KPF_TAIL = 16,
	MS_KPF_HUGE = 17,
	MS_KPF_UNEVICTABLE = 18,
	MS_KPF_NOPAGE = 20,
	MS_KPF_THP = 22,
	MS_KPF_OFFLINE = 23,
	MS_KPF_ZERO_PAGE = 24,
	MS_KPF_PGTABLE = 26,
	MS_KPF_RESERVED = 32,
};

/* [start, end) pfns. */
struct ms_pfn_range {
	uint64_t start, end;
};

struct ms_kpf_scan {
	uint64_t pfn; /* the page the next flags are of */
	uint64_t block_pages; /* a pageblock, a power of two */
	/* pfns where a block ends too (zone edges), ascending */
	const uint64_t *cuts;
	int nr_cuts;
	/*
	 * System RAM, ascending: a page outside is a hole whatever its
	 * flags (the kernel gives a hole's memmap flags 0, not NOPAGE).
	 * None: holes are the KPF_NOPAGE pages only.
	 */
	const struct ms_pfn_range *ram;
	int nr_ram;
	/* every block, as it is complete */
	void (*fn)(void *ctx, const struct ms_census_block *b);
	void *ctx;
	/* state */
	int head; /* the kind of the compound head before, -1 none */
	uint64_t last_v; /* the flags classified last, and their kind */
	int last_kind;
	uint64_t bend; /* where the block being counted ends */
	uint64_t frun; /* where the run of free pages began, or UINT64_MAX */
	struct ms_census_block cur;
};

/* The kind of a page of these flags, by itself (no compound context). */
int ms_kpf_kind(uint64_t flags);
/*
 * The kinds of n pages of kpageflags in buf (a tail taking its head's, as
 * the scanner counts them) and whether each is in a huge folio.
 */
void ms_kpf_pages(const void *buf, size_t n, unsigned char *kind, bool *thp);

/*
 * A scan from pfn on, in blocks of block_pages (rounded up to a power of
 * two) also cut at cuts[] (nr_cuts), holes outside ram[] (nr_ram; none:
 * KPF_NOPAGE only); cuts and ram stay the caller's, ascending.
 */
void ms_kpf_init(struct ms_kpf_scan *st, uint64_t pfn, uint64_t block_pages,
		 const uint64_t *cuts, int nr_cuts,
		 const struct ms_pfn_range *ram, int nr_ram,
		 void (*fn)(void *ctx, const struct ms_census_block *b),
		 void *ctx);
/*
 * Count the pages of len bytes of kpageflags (len / 8 pages; a partial
 * last u64 is left out), handing each block completed to fn. Returns
 * the pages counted.
 */
size_t ms_kpf_feed(struct ms_kpf_scan *st, const void *buf, size_t len);
/* Hand over the block in progress, if it counts any page. */
void ms_kpf_flush(struct ms_kpf_scan *st);

/*
 * The flags of the n pages from pfn, read from the kpageflags file fd
 * into v in host order; pages past the file's end read 0. 0 or -errno.
 */
int ms_kpf_read(int fd, uint64_t pfn, uint64_t *v, size_t n);

#endif
