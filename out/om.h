/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The OpenMetrics writer's parts its files share (out/openmetrics.c, the
 * core sections; out/om_events.c, the events): the family being written,
 * label sets, samples.
 */
#ifndef MS_OUT_OM_H
#define MS_OUT_OM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "model/snapshot.h"

enum om_type { OM_GAUGE, OM_COUNTER, OM_INFO, OM_STATESET };

/* The family being written: its metadata goes out before its first sample. */
struct om {
	FILE *f;
	bool strict; /* OpenMetrics, else Prometheus 0.0.4 */
	const char *name, *unit, *help;
	enum om_type type;
	bool announced;
};

/* A label set, escaped as it is built. */
struct lbl {
	char s[2048];
	size_t n;
};

/* Start family name: its TYPE, UNIT and HELP go out before its first sample. */
void ms_om_family(struct om *om, const char *name, enum om_type type,
		  const char *unit, const char *help);
void ms_om_lbl_reset(struct lbl *l);
/* key="value" of untrusted bytes, escaped */
void ms_om_lbl_str(struct lbl *l, const char *key, const char *raw);
void ms_om_lbl_int(struct lbl *l, const char *key, long v);
/* A sample; none for a value not available (MS_NA, NaN). */
void ms_om_put_u(struct om *om, const struct lbl *l, uint64_t v);
void ms_om_put_d(struct om *om, const struct lbl *l, double v);

/* The families of the event sections (out/om_events.c). */
void ms_om_buddy_events(struct om *om, const struct ms_buddy_events *e);
void ms_om_fault_events(struct om *om, const struct ms_fault_events *e);
void ms_om_reclaim_events(struct om *om, const struct ms_reclaim_events *e);
void ms_om_numa_events(struct om *om, const struct ms_numa_events *e);

#endif
