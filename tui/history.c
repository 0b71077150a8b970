// SPDX-License-Identifier: GPL-2.0
/* The history store: bounded ring buffers of timed points, LRU series. */
#include "tui/history.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A point joins the previous one when it came about an interval later. */
#define JOIN_FACTOR 1.5
#define JOIN_SLACK 0.3 /* seconds: the main loop's wake-up jitter */
#define MAX_BUCKETS (2 * MS_HIST_POINTS)

size_t ms_hist_bound(int max_series)
{
	size_t per = sizeof(struct ms_series) + sizeof(struct ms_series *);

	return max_series > 0 ? (size_t)max_series * per : 0;
}

int ms_hist_init(struct ms_history *h, int max_series)
{
	memset(h, 0, sizeof(*h));
	h->now = NAN;
	if (max_series <= 0)
		return -EINVAL;
	h->s = calloc((size_t)max_series, sizeof(*h->s));
	if (!h->s)
		return -ENOMEM;
	h->max = max_series;
	return 0;
}

void ms_hist_free(struct ms_history *h)
{
	for (int i = 0; i < h->max && h->s; i++)
		free(h->s[i]);
	free(h->s);
	memset(h, 0, sizeof(*h));
	h->now = NAN;
}

/* Forget the points after t: a replay went back to t. */
static void drop_after(struct ms_history *h, double t)
{
	for (int i = 0; i < h->n; i++) {
		struct ms_series *s = h->s[i];

		while (s->n &&
		       s->p[(s->head + s->n - 1) % MS_HIST_POINTS].t > t)
			s->n--;
	}
}

/*
 * The median of the last gaps between ticks (a pause is one outlier), 0
 * before there are MS_HIST_GAPS_MIN of them: the median of one or two
 * gaps is a pause right after the start (the explorer stopped after its
 * first sample), which would join its points across the pause.
 */
static double median_gap(const struct ms_history *h)
{
	double g[MS_HIST_GAPS];
	int n = h->ngaps < MS_HIST_GAPS ? h->ngaps : MS_HIST_GAPS;

	if (n < MS_HIST_GAPS_MIN)
		return 0;
	memcpy(g, h->gaps, (size_t)n * sizeof(g[0]));
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && g[j - 1] > g[j]; j--) {
			double x = g[j];

			g[j] = g[j - 1];
			g[j - 1] = x;
		}
	return g[n / 2];
}

bool ms_hist_tick(struct ms_history *h, double t, double interval)
{
	double med;

	if (isnan(t))
		return false;
	if (t != h->now)
		h->ticks++; /* a new sample, not the same one again */
	if (!isnan(h->now) && t < h->now) {
		drop_after(h, t);
		h->ngaps = h->gap_next = 0;
	}
	if (!isnan(h->now) && t > h->now) {
		h->gaps[h->gap_next] = t - h->now;
		h->gap_next = (h->gap_next + 1) % MS_HIST_GAPS;
		if (h->ngaps < MS_HIST_GAPS)
			h->ngaps++;
	}
	h->now = t;
	h->interval = interval > 0 ? interval : 1;
	med = median_gap(h);
	if (med > h->interval)
		h->interval = med;
	return true;
}

const struct ms_hpoint *ms_series_at(const struct ms_series *s, int i)
{
	return &s->p[(s->head + i) % MS_HIST_POINTS];
}

static struct ms_series *find(const struct ms_history *h, const char *key)
{
	for (int i = 0; i < h->n; i++)
		if (!strcmp(h->s[i]->key, key))
			return h->s[i];
	return NULL;
}

const struct ms_series *ms_hist_get(const struct ms_history *h, const char *key)
{
	return h->s ? find(h, key) : NULL;
}

/* A slot for a new series: a free one, else the least recently pushed. */
static struct ms_series *new_series(struct ms_history *h)
{
	struct ms_series *s;
	int lru = 0;

	if (h->n < h->max) {
		if (!h->s[h->n]) {
			h->s[h->n] = malloc(sizeof(*h->s[h->n]));
			if (!h->s[h->n])
				return NULL;
		}
		return h->s[h->n++];
	}
	for (int i = 1; i < h->n; i++)
		if (h->s[i]->used < h->s[lru]->used)
			lru = i;
	s = h->s[lru];
	h->evicted++;
	return s;
}

static void append(struct ms_history *h, struct ms_series *s, double v)
{
	struct ms_hpoint *last = NULL, *p;
	double gap = INFINITY;

	if (s->n) {
		last = &s->p[(s->head + s->n - 1) % MS_HIST_POINTS];
		gap = h->now - last->t;
	}
	if (last && gap == 0) {
		last->v = (float)v;
		return;
	}
	if (s->n < MS_HIST_POINTS) {
		p = &s->p[(s->head + s->n) % MS_HIST_POINTS];
		s->n++;
	} else {
		p = &s->p[s->head];
		s->head = (s->head + 1) % MS_HIST_POINTS;
	}
	p->t = h->now;
	p->v = (float)v;
	/* the previous sample of the series was the store's previous one */
	p->span = s->tick + 1 == h->ticks && gap <= JOIN_FACTOR * h->interval +
							     JOIN_SLACK ?
			  (float)gap :
			  0;
}

int ms_hist_push(struct ms_history *h, const char *key, double v)
{
	struct ms_series *s;

	if (!h->s || isnan(h->now))
		return -EINVAL;
	s = find(h, key);
	if (!s) {
		s = new_series(h);
		if (!s)
			return -ENOMEM;
		memset(s, 0, sizeof(*s));
		strncpy(s->key, key, sizeof(s->key) - 1);
	}
	s->used = ++h->clock;
	append(h, s, v);
	s->tick = h->ticks;
	return 0;
}

/* Bucket of time t: n - 1 for (t_end - dx, t_end], lower ones before. */
static long bucket(double t, double t_end, double dx, int n)
{
	/* a point a whole number of dx back stays on its side (rounding) */
	double k = floor((t_end - t) / dx + 1e-6);

	if (k < 0)
		return n - 1; /* rounding at t_end */
	if (k >= n)
		return -1;
	return n - 1 - (long)k;
}

int ms_hist_buckets(const struct ms_series *s, double t_end, double dx, int n,
		    double *out)
{
	enum { NONE, COVERED, OWN } st[MAX_BUCKETS];
	int filled = 0;

	if (n > MAX_BUCKETS)
		n = MAX_BUCKETS;
	for (int i = 0; i < n; i++) {
		out[i] = NAN;
		st[i] = NONE;
	}
	if (!s || !(dx > 0) || isnan(t_end))
		return 0;
	for (int i = 0; i < s->n; i++) {
		const struct ms_hpoint *p = ms_series_at(s, i);
		long b = bucket(p->t, t_end, dx, n), from;

		if (b < 0)
			continue; /* before the window */
		out[b] = p->v;
		st[b] = OWN;
		if (!(p->span > 0) || isnan(p->v))
			continue;
		/* the buckets the point stands for, back to the previous */
		from = bucket(p->t - p->span + dx * 1e-6, t_end, dx, n);
		if (from < 0)
			from = 0;
		for (long k = from; k < b; k++)
			if (st[k] == NONE) {
				out[k] = p->v;
				st[k] = COVERED;
			}
	}
	for (int i = 0; i < n; i++)
		filled += !isnan(out[i]);
	return filled;
}
