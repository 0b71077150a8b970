/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The explain texts of the memory ledger's buckets (explain_buckets.c),
 * for the Memory tab's catalog (its explain_all is filled from it).
 */
#ifndef MS_TUI_MEMORY_BUCKETS_H
#define MS_TUI_MEMORY_BUCKETS_H

#include "tui/explain.h"

/* "memory.b.NAME" per bucket (model/memory.h ms_ledger_bucket_id()) */
extern const struct ms_explain ms_explain_memory_buckets[];
/* The "of which" figures' texts (explain_of.c), "memory.b.NAME" too. */
extern const struct ms_explain ms_explain_memory_of[];

#endif
