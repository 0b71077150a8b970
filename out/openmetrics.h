/* SPDX-License-Identifier: GPL-2.0 */
/* One snapshot in the OpenMetrics (or Prometheus 0.0.4) text format. */
#ifndef MS_OUT_OPENMETRICS_H
#define MS_OUT_OPENMETRICS_H

#include <stdbool.h>
#include <stdio.h>

#include "model/snapshot.h"

#define MS_OM_TOP_DEFAULT 20 /* slab caches with a series of their own */
#define MS_OM_TOP_MAX 10000

struct ms_om_opts {
	/*
	 * false: Prometheus text 0.0.4 (node_exporter's textfile collector,
	 * promtool): counters named with _total, no # UNIT, no # EOF
	 */
	bool openmetrics;
	int top; /* slab caches by size; the rest sum to "other" */
};

/* Every series of the sections asked for; returns -errno. */
int ms_out_openmetrics(FILE *f, const struct ms_snapshot *s,
		       unsigned int sections, const struct ms_om_opts *o);

#endif
