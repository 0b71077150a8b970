/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The OpenMetrics writer's parts its files share (out/openmetrics.c, the
 * core sections; out/om_events.c, the events): the family being written,
 * label sets, samples.
 */
#ifndef MS_OUT_OM_H
#define MS_OUT_OM_H

#include <stdbool.h>
#include <stddef.h>
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

/* v * by, MS_NA when v is */
uint64_t ms_om_mul(uint64_t v, uint64_t by);

struct ms_field;

/*
 * The fields of table t (nested objects flat) that name a family, by their
 * om_order, then in the table's order; fields of one family are adjacent.
 */
int ms_om_fields(const struct ms_field *t, const struct ms_field **out,
		 int max);
/* Start f's family: its name, type, unit and help from the table. */
void ms_om_start(struct om *om, const struct ms_field *f);
/*
 * Value i of f in rec, a sample labelled l: integers as integers, the rest
 * as doubles; an enum as its stateset or (MS_OM_LABEL) one sample of 1
 */
void ms_om_put_field(struct om *om, const struct lbl *l,
		     const struct ms_field *f, const void *rec, int i);
/* Value i of f in rec scaled to the family's unit; NaN not available. */
double ms_om_value(const struct ms_field *f, const void *rec, int i);

/* The records of an area, and the labels that name one. */
struct ms_om_area {
	const struct ms_field *t;
	const void *recs; /* record r at recs + r * stride */
	ptrdiff_t stride;
	int n;
	/*
	 * set the labels of record r; false: it has no samples. NULL: the
	 * record is labelled by the field key (its key="its value"), or
	 * not at all
	 */
	bool (*lbl)(struct lbl *l, const void *rec, int r);
	const struct ms_field *key;
};

/*
 * Every family of the area's table with lo <= om_order < hi: per record,
 * per field of the family, per value of a vector, one sample.
 */
void ms_om_table(struct om *om, const struct ms_om_area *a, int lo, int hi);

struct ms_part;
/*
 * A part of an area from its table (model/area.h): the families of its
 * fields, then those of each of its lists' records, labelled by their
 * first field.
 */
void ms_om_part(struct om *om, const struct ms_part *p, const void *rec);

/* memscope_memory_bytes: the ledger (out/om_memory.c). */
void ms_om_memory(struct om *om, const struct ms_memory *m);

/* The page cache's files: totals, the top biggest (out/om_pcache.c). */
void ms_om_pcache(struct om *om, const struct ms_pcache *p, int top);

/* The memory cgroups: the top biggest, the rest summed (out/om_cgroup.c). */
void ms_om_cgroups(struct om *om, const struct ms_cgroups *g, int top);

/* DAMON: kdamonds, and the schemes' stats (out/damon.c). */
void ms_om_damon(struct om *om, const struct ms_damon *d);

/* The families of the event sections (out/om_events.c). */
void ms_om_buddy_events(struct om *om, const struct ms_buddy_events *e);
void ms_om_fault_events(struct om *om, const struct ms_fault_events *e);
void ms_om_reclaim_events(struct om *om, const struct ms_reclaim_events *e);
/*
 * memscope_bpf_cgroup_reclaim_*: the --top N memory cgroups by time
 * stalled in the interval, labelled path and kind; the rest path="other".
 */
void ms_om_cgroup_stalls(struct om *om, const struct ms_reclaim_events *e,
			 int top);
void ms_om_numa_events(struct om *om, const struct ms_numa_events *e);

#endif
