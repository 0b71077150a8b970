/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The physical memory map coloured by access (the map's a key): each
 * cell's accesses from the regions of memscope's own DAMON monitoring of
 * physical memory (--damon paddr, W), weighted by the bytes they share.
 */
#ifndef MS_PHYSHEAT_H
#define MS_PHYSHEAT_H

#include "model/damon.h"
#include "model/physmap.h"

/*
 * A cell's level: its accesses a 100 ms aggregation, averaged over its
 * bytes that a region covers, against the most a region can have
 * (MS_DAMON_OWN_MAX_ACC, one a sample): cold under half an access, cool
 * under a quarter of the most, warm under half, hot from half; none when
 * no region covers a byte of it.
 */
enum ms_heat_level {
	MS_HEAT_COLD, /* '.' */
	MS_HEAT_COOL, /* ':' */
	MS_HEAT_WARM, /* '+' */
	MS_HEAT_HOT, /* '#' */
	MS_HEAT_NONE, /* '_' not monitored */
	MS_HEAT_N
};

/* ".:+#_": each level's letter, in enum order; their names. */
extern const char ms_heat_letter[MS_HEAT_N + 1];
extern const char *const ms_heat_names[MS_HEAT_N];

/* What the regions say of a range of physical memory. */
struct ms_heat {
	uint64_t bytes; /* of the range inside a region */
	uint64_t span; /* of the range */
	double acc; /* nr_accesses averaged over those bytes */
	uint64_t acc_min, acc_max; /* of the regions it overlaps */
	uint64_t age_min, age_max; /* aggregation intervals */
	int regions; /* how many it overlaps */
};

/*
 * Whether d carries memscope's paddr monitoring with regions the map can
 * use: 0; -ENODATA none (no monitoring, or no region yet), -EMEDIUMTYPE a
 * process's (vaddr: d->target its pid), -EINVAL regions out of address
 * order or overlapping (a damaged recording: DAMON lists them in order).
 */
int ms_heat_usable(const struct ms_damon *d);

/* The figures of physical bytes [lo, hi), from usable regions. */
void ms_heat_of(const struct ms_damon *d, uint64_t lo, uint64_t hi,
		struct ms_heat *h);

/* The level of h, max the most accesses a region can have. */
enum ms_heat_level ms_heat_level(const struct ms_heat *h, uint64_t max);

/*
 * The physical bytes of z's blocks [first, first + n), pages of ps
 * bytes: from the first block's first page (the zone's start for a zone
 * starting inside a block) to the end of the last.
 */
void ms_pm_bytes(const struct ms_pm_zone *z, uint64_t first, uint64_t n,
		 uint64_t ps, uint64_t *lo, uint64_t *hi);

/* z's blocks per level, each block on its own (the legend's counts). */
void ms_heat_counts(const struct ms_damon *d, const struct ms_pm_zone *z,
		    uint64_t ps, uint64_t max, uint64_t counts[MS_HEAT_N]);

#endif
