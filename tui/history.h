/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A bounded history of values over time: ring buffers of timed points,
 * one per series (a zone's order, a slab cache, a pid), fed by the views.
 */
#ifndef MS_HISTORY_H
#define MS_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MS_HIST_POINTS 300 /* points per series: 5 min at 1 s */
#define MS_HIST_KEY 80 /* "slab/" and a cache name fit */
#define MS_HIST_GAPS 5 /* gaps between ticks the interval looks at */
#define MS_HIST_GAPS_MIN 3 /* gaps it needs first: one pause is out-voted */

/*
 * One sample of a series. v is NAN where the value could not be read (a
 * gap, never a 0). span is how far back the point stands for: the time
 * since the series' previous point when that one came one interval
 * before, 0 after a gap (the first point, a pause, a tab not shown).
 */
struct ms_hpoint {
	double t; /* seconds, the snapshot's t_mono */
	float v;
	float span;
};

struct ms_series {
	char key[MS_HIST_KEY];
	uint64_t used; /* the store's clock at its last push (LRU) */
	uint64_t tick; /* the store's tick of its last push */
	int head; /* p[head] is the oldest point */
	int n;
	struct ms_hpoint p[MS_HIST_POINTS];
};

struct ms_history {
	struct ms_series **s; /* max slots, allocated when first used */
	int n, max;
	uint64_t clock; /* pushes so far */
	uint64_t ticks; /* samples so far */
	double now; /* t of the current sample, NAN before one */
	/*
	 * Seconds between samples now: the explorer's interval, or the
	 * median of the last MS_HIST_GAPS gaps between ticks when that is
	 * longer (a replay of a recording taken every 2 s, shown every 1 s)
	 * and there were at least MS_HIST_GAPS_MIN of them
	 */
	double interval;
	double gaps[MS_HIST_GAPS];
	int ngaps, gap_next;
	uint64_t evicted; /* series dropped for new ones */
};

/* Bytes a store of max_series series can hold at most. */
size_t ms_hist_bound(int max_series);

/* An empty store of at most max_series series; -ENOMEM. */
int ms_hist_init(struct ms_history *h, int max_series);
void ms_hist_free(struct ms_history *h);

/*
 * A new sample taken at t (seconds, monotonic), interval seconds after
 * the one before as the explorer intended (h->interval also looks at the
 * times of the last ticks). Time running backwards (a replay seeking
 * back) drops the points after t. Returns false for a NAN t.
 */
bool ms_hist_tick(struct ms_history *h, double t, double interval);

/*
 * Add v (NAN: a gap) at the current tick to the series key, created when
 * new: when the store is full the series pushed least recently goes.
 * A second push in one tick replaces the first. 0, -EINVAL (no tick
 * yet), -ENOMEM.
 */
int ms_hist_push(struct ms_history *h, const char *key, double v);

/* The series key, or NULL. */
const struct ms_series *ms_hist_get(const struct ms_history *h,
				    const char *key);
/* Point i of s, 0 the oldest, s->n - 1 the newest. */
const struct ms_hpoint *ms_series_at(const struct ms_series *s, int i);

/*
 * The series over time as n buckets of dx seconds, the last ending at
 * t_end: out[n - 1] holds the newest. A bucket gets the latest point
 * that falls in it, else the value of the next point if that point
 * stands for the bucket's time (span), else NAN: a gap. n <= 2 *
 * MS_HIST_POINTS. Returns the buckets that hold a value.
 */
int ms_hist_buckets(const struct ms_series *s, double t_end, double dx, int n,
		    double *out);

#endif
