/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The reclaim area's model: PSI, swap devices, zram, THP and its sizes,
 * vmstat's per-zone sums and the vm sysctls (docs/json.md "reclaim").
 */
#ifndef MS_RECLAIM_H
#define MS_RECLAIM_H

#include "model/base.h"

#include <stdint.h>

struct ms_psi_line {
	bool valid;
	double avg10, avg60, avg300;
	uint64_t total; /* microseconds stalled */
	double total_rate; /* stall us per second */
};

struct ms_swapdev {
	char name[128];
	char type[16];
	uint64_t size_kb, used_kb;
	int prio;
};

/*
 * One multi-size THP size (6.8+): transparent_hugepage/hugepages-NkB, its
 * enabled and shmem_enabled choices ("" absent) and every stats/ file.
 */
struct ms_thp_size {
	uint64_t size_kb;
	char enabled[24], shmem_enabled[24];
	struct ms_kvlist stats; /* raw, with rates (nr_* are amounts) */
};

struct ms_zram {
	char name[16];
	uint64_t disksize, orig_data_size, compr_data_size, mem_used_total;
	uint64_t mem_limit, mem_used_max, same_pages, pages_compacted;
	char comp_algorithm[32];
};

/*
 * vmstat counters summed over the kernel's per-zone and per-type variants
 * (allocstall_normal, pgscan_kswapd_dma32, workingset_refault_file), so a
 * 4.x and a 6.x kernel give one number; keys in ms_vmsum_keys[].
 */
enum ms_vmsum {
	MS_VMSUM_PGSCAN_KSWAPD,
	MS_VMSUM_PGSCAN_DIRECT,
	MS_VMSUM_PGSTEAL_KSWAPD,
	MS_VMSUM_PGSTEAL_DIRECT,
	MS_VMSUM_ALLOCSTALL,
	MS_VMSUM_OOM_KILL,
	MS_VMSUM_PGFAULT,
	MS_VMSUM_PGMAJFAULT,
	MS_VMSUM_PSWPIN,
	MS_VMSUM_PSWPOUT,
	MS_VMSUM_WORKINGSET_REFAULT,
	MS_VMSUM_WORKINGSET_ACTIVATE,
	MS_VMSUM_COMPACT_STALL,
	MS_VMSUM_COMPACT_FAIL,
	MS_VMSUM_COMPACT_SUCCESS,
	MS_VMSUM_THP_FAULT_ALLOC,
	MS_VMSUM_THP_FAULT_FALLBACK,
	MS_VMSUM_ZSWPIN,
	MS_VMSUM_ZSWPOUT,
	MS_VMSUM_N
};

extern const char *const ms_vmsum_keys[MS_VMSUM_N];

struct ms_vmsum_val {
	uint64_t value; /* MS_NA: the kernel has no such counter */
	double rate; /* per second, NAN unknown */
	bool reset; /* a variant went down since the last sample */
};

struct ms_reclaim {
	struct ms_kvlist vmstat; /* every counter, raw */
	struct ms_vmsum_val sum[MS_VMSUM_N]; /* by ms_derive_sums() */
	struct ms_psi_line psi_some, psi_full;
	/* MGLRU: /sys/kernel/mm/lru_gen */
	uint64_t lru_gen_enabled; /* bitmask, MS_NA without MGLRU */
	uint64_t lru_gen_min_ttl_ms;
	/* THP and khugepaged */
	char thp_enabled[24], thp_defrag[24], thp_shmem[24];
	struct ms_kvlist khugepaged;
	struct ms_thp_size *thp_sizes; /* ascending size_kb */
	int nr_thp_sizes, cap_thp_sizes;
	/* tunables from /proc/sys/vm */
	struct ms_kvlist sysctl; /* min_free_kbytes, watermark_*, swappiness... */
	struct ms_swapdev *swaps;
	int nr_swaps, cap_swaps;
	/* zswap: module parameters and (debugfs) statistics */
	char zswap_enabled[8], zswap_compressor[32], zswap_zpool[32];
	uint64_t zswap_max_pool_percent;
	struct ms_kvlist zswap_stats;
	struct ms_zram *zram;
	int nr_zram, cap_zram;
};

#endif
