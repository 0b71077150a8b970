/* SPDX-License-Identifier: GPL-2.0 */
/* Fragmentation indices and watermark state of buddy zones. */
#ifndef MS_FRAG_H
#define MS_FRAG_H

#include "model/snapshot.h"

/*
 * From each zone's free blocks per order (and zoneinfo's watermarks) fill
 * free_pages, largest_order, frag_index, unusable[], extfrag[] and wstate,
 * and b->nr_orders. Whatever cannot be computed stays MS_NA / NAN.
 */
void ms_derive_buddy(struct ms_buddy *b);

/*
 * Whether each zone's chapter's index (frag_index) says anything, into
 * frag_applies from largest_order and the zone's orders: for a replayed
 * sample too (ms_derive_sums()).
 */
void ms_derive_frag_applies(struct ms_buddy *b);

#endif
