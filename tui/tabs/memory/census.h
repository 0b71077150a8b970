/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The explain texts of the page census (explain_census.c): every kind,
 * and the census's own figures, for the Memory tab's catalog and its
 * explain_all.
 */
#ifndef MS_TUI_MEMORY_CENSUS_H
#define MS_TUI_MEMORY_CENSUS_H

#include "tui/explain.h"

/*
 * "memory.census.kind.NAME" per kind (model/census.h
 * ms_census_kind_names), then "memory.census.NAME" per figure
 */
extern const struct ms_explain ms_explain_memory_census[];
/* Their ids, NULL-terminated. */
extern const char *const ms_memory_census_ids[];

#endif
