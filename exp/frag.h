/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Experiment frag's state, shared by the workload (frag.c) and its report
 * (fragreport.c).
 */
#ifndef MS_EXP_FRAG_H
#define MS_EXP_FRAG_H

#include "exp/exp.h"

#include <math.h>

#define MAX_STEPS 24
/* the most the fragmenter maps in all, whatever the machine's size */
#define MAX_MAPPED_MB 2048
/* kswapd or direct reclaim scanning more pages than this in a fill step
 * means the floor is too low for this machine: stop filling */
#define RECLAIM_STOP_PAGES 2048
#define MAX_ZONES 8
/* the pageblock (THP) order: where the indices are read */
#define PROBE_ORDER 9

/* the vmstat counters frag.c records at every point */
#define NR_COUNTERS 12

struct params {
	int fill_steps; /* filling steps at most */
	unsigned int fill_mb; /* the most one filling step maps */
	unsigned int high_mb; /* the zones' high watermarks */
	unsigned int reserve_mb; /* filling stops with MemFree here */
	int take_steps; /* huge-page steps */
	int pb_order; /* pageblock order: one pin per block */
	int probe_count; /* allocation probe attempts per order */
};

struct zone_id {
	int node;
	char name[16];
};

/* What one point of the series needs after the run (table, checks). */
struct point {
	char phase[12];
	long held_mb, pins, huge_mb;
	double free_mb;
	int largest[MAX_ZONES];
	/* blocks compaction could make free order-9 ones (kpageflags) */
	uint64_t order9[MAX_ZONES];
	double frag, unusable, extfrag; /* the main zone */
	double unusable_below; /* ... at pageblock order - 1 */
	double ok_pct[MS_MAX_ORDER];
	double mean_us[MS_MAX_ORDER];
	uint64_t counters[NR_COUNTERS];
};

struct frag {
	struct ms_exp *e;
	struct params p;
	struct zone_id zones[MAX_ZONES];
	int nr_zones, main_zone, nr_orders;
	bool probe; /* memscope.ko's allocation probe answered */
	struct point pt[MAX_STEPS + 2];
	int n;
	unsigned int mapped_mb; /* by the fragmenter so far */
	struct ms_csv zcsv, pcsv, vcsv, bcsv;
	struct ms_worker *wk; /* the fragmenter */
	struct ms_frag_reply w; /* the fragmenter's last reply */
	char thp[16]; /* THP's mode before the run, "" unknown */
	bool pfns; /* pins placed by page frame */
	const char *stopped; /* why filling stopped early, or NULL */
	int last_frag; /* the last fragmenting point */
	/* the main zone's map at each point (fragmap.c) */
	FILE *map; /* frag-map.dat */
	int map_set[MAX_STEPS + 2]; /* its data set of point i, -1 none */
	int map_sets;
	size_t map_blocks; /* the zone's blocks */
	int map_w; /* cells a row of the pictures */
	unsigned int map_used; /* the classes the pictures show, bits */
	uint64_t map_pb_kb; /* a pageblock's size */
};

/* counters[k] since the point before i, NAN for the first or unknown */
static inline double counter_delta(const struct frag *f, int i, size_t k)
{
	uint64_t a, b;

	if (!i)
		return NAN;
	a = f->pt[i - 1].counters[k];
	b = f->pt[i].counters[k];
	return ms_have(a) && ms_have(b) && b >= a ? (double)(b - a) : NAN;
}

/* Write the report of a run that ended with err; return err, or what the
 * checks found. */
int ms_frag_report(struct frag *f, int err);

/* The map pictures (fragmap.c): frag-map.dat opened, a point's map added,
 * plot.gp's pictures and report.md's links, the file closed. */
int ms_frag_map_open(struct frag *f);
void ms_frag_map_step(struct frag *f, int step);
void ms_frag_map_report(struct frag *f);
void ms_frag_map_close(struct frag *f);

#endif
