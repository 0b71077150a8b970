/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The physical memory map's reader: the latest reading of every pageblock,
 * kept between samples as the census's scanner hands them over.
 */
#ifndef MS_PROCFS_PHYSMAP_H
#define MS_PROCFS_PHYSMAP_H

#include "model/physmap.h"

/*
 * pm's zones as the census's c, blocks of bp pages: kept as they are
 * where every zone is the same, else made anew, every block unread.
 * -ENOMEM.
 */
int ms_pm_zones(struct ms_physmap *pm, const struct ms_census *c, uint64_t bp);
/* Keep block b (or add it to the block it is a piece of). */
void ms_pm_store(struct ms_physmap *pm, const struct ms_census_block *b);
/* dst (reset) a copy of pm, its letters and counts made; -ENOMEM. */
int ms_pm_publish(struct ms_physmap *dst, const struct ms_physmap *pm,
		  double progress);

#endif
