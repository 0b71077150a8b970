// SPDX-License-Identifier: GPL-2.0
/* Pure statistics of the experiments: percentiles, spread, direction. */
#include "exp/exp.h"

#include <math.h>
#include <stdlib.h>

static int cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Nearest rank: the value at index floor((n - 1) * p / 100), as the module. */
double ms_percentile(double *v, size_t n, double p)
{
	size_t i;

	if (!n || !(p >= 0 && p <= 100))
		return NAN;
	qsort(v, n, sizeof(*v), cmp_dbl);
	i = (size_t)floor((double)(n - 1) * p / 100.0);
	return v[i];
}

struct ms_spread ms_spread_of(const double *v, size_t n)
{
	struct ms_spread s = { .n = (int)n,
			       .min = NAN,
			       .max = NAN,
			       .mean = NAN,
			       .median = NAN,
			       .sd = NAN,
			       .rel = NAN };
	double sum = 0, sq = 0, *c;

	if (!n || !(c = malloc(n * sizeof(*c))))
		return s;
	for (size_t i = 0; i < n; i++) {
		c[i] = v[i];
		sum += v[i];
	}
	qsort(c, n, sizeof(*c), cmp_dbl);
	s.min = c[0];
	s.max = c[n - 1];
	s.mean = sum / (double)n;
	s.median = n % 2 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
	for (size_t i = 0; i < n; i++)
		sq += (v[i] - s.mean) * (v[i] - s.mean);
	s.sd = n > 1 ? sqrt(sq / (double)(n - 1)) : 0;
	if (s.median != 0)
		s.rel = (s.max - s.min) / s.median;
	free(c);
	return s;
}

bool ms_nonincreasing(const int *v, size_t n)
{
	int last = -1;
	bool have = false;

	for (size_t i = 0; i < n; i++) {
		if (v[i] < 0)
			continue;
		if (have && v[i] > last)
			return false;
		last = v[i];
		have = true;
	}
	return true;
}

int ms_trend(const double *v, size_t n)
{
	double first = NAN, last = NAN;

	for (size_t i = 0; i < n; i++) {
		if (!isfinite(v[i]))
			continue;
		if (!isfinite(first))
			first = v[i];
		last = v[i];
	}
	if (!isfinite(first) || last == first)
		return 0;
	return last > first ? 1 : -1;
}
