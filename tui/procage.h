/* SPDX-License-Identifier: GPL-2.0 */
/* What a process list's dim PSS, Swap and VMA counts mean: its age line. */
#ifndef MS_TUI_PROCAGE_H
#define MS_TUI_PROCAGE_H

#include <stddef.h>

#include "model/snapshot.h"

/*
 * The line above a list whose nstale processes' PSS, Swap and VMAs are
 * dim (ms_proc_stale() at bound): the selected one's age and the RSS they
 * were read at when sel is stale, else how many are dim; NULL when none
 * is.
 */
const char *ms_proc_age_line(char *buf, size_t len, const struct ms_proc *sel,
			     int nstale, double bound);

#endif
