// SPDX-License-Identifier: GPL-2.0
/*
 * A recording directory's decisions (store/recdir.h): file names that sort
 * in time order and say their span, rotation, retention, and parsing the
 * times, durations and sizes of `memscope record` and --replay DIR.
 */
#define _GNU_SOURCE
#include "store/recdir.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* "20261206T030000.123Z": UTC, so names sort in time order all year */
static size_t stamp(char *buf, size_t n, double t)
{
	long long all = llround(t * 1000); /* the nearest millisecond */
	time_t s = (time_t)(all / 1000);
	int ms = (int)(all % 1000);
	struct tm tm;
	char d[24];

	if (!gmtime_r(&s, &tm) || !strftime(d, sizeof(d), "%Y%m%dT%H%M%S", &tm))
		snprintf(d, sizeof(d), "00000000T000000");
	return (size_t)snprintf(buf, n, "%s.%03dZ", d, ms);
}

void ms_recdir_name(char *buf, size_t n, double start, double end)
{
	size_t k = (size_t)snprintf(buf, n, MS_RECDIR_PREFIX);

	k += stamp(buf + k, k < n ? n - k : 0, start);
	if (!isnan(end) && k < n) {
		buf[k++] = '-';
		k += stamp(buf + k, k < n ? n - k : 0, end);
	}
	if (k < n)
		snprintf(buf + k, n - k, MS_RECDIR_SUFFIX);
}

/* One stamp at *p; advances *p past it. */
static bool unstamp(const char **p, double *t)
{
	struct tm tm = { 0 };
	int ms, len = 0;

	if (sscanf(*p, "%4d%2d%2dT%2d%2d%2d.%3dZ%n", &tm.tm_year, &tm.tm_mon,
		   &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &ms,
		   &len) != 7 ||
	    len != 20)
		return false;
	tm.tm_year -= 1900;
	tm.tm_mon--;
	*t = (double)timegm(&tm) + ms / 1000.0;
	*p += len;
	return true;
}

bool ms_recdir_parse(const char *name, double *start, double *end)
{
	const char *p = name;

	if (strncmp(p, MS_RECDIR_PREFIX, strlen(MS_RECDIR_PREFIX)))
		return false;
	p += strlen(MS_RECDIR_PREFIX);
	if (!unstamp(&p, start))
		return false;
	*end = NAN;
	if (*p == '-' && (p++, !unstamp(&p, end)))
		return false;
	return !strcmp(p, MS_RECDIR_SUFFIX);
}

uint64_t ms_recdir_file_max(uint64_t max_size)
{
	return max_size ? max_size / 8 : UINT64_MAX;
}

bool ms_recdir_rotate(double start, uint64_t size, double now,
		      uint64_t file_max)
{
	return floor(now / 3600) != floor(start / 3600) || size >= file_max;
}

int ms_recdir_expire(const struct ms_recdir_file *f, int n, double now,
		     double keep, uint64_t max_size, uint64_t reserve)
{
	uint64_t total = reserve;
	int k = 0;

	for (int i = 0; i < n; i++)
		total += f[i].size;
	for (; k < n; k++) {
		double last = isnan(f[k].end) ? f[k].start : f[k].end;
		bool old = keep > 0 && last < now - keep;
		bool big = max_size && total > max_size;

		if (!old && !big)
			break;
		total -= f[k].size;
	}
	return k;
}

/* A number and one suffix of units (factor per letter); -EINVAL. */
static int scaled(const char *s, const char *units, const double *factor,
		  double *v)
{
	char *end;
	const char *u;

	errno = 0;
	*v = strtod(s, &end);
	if (errno || end == s || !isfinite(*v) || *v < 0 || isspace(*s))
		return -EINVAL;
	if (!*end)
		return 0;
	u = strchr(units, *end);
	if (!u || end[1])
		return -EINVAL;
	*v *= factor[u - units];
	return 0;
}

int ms_parse_size(const char *s, uint64_t *bytes)
{
	static const double f[] = { 1, 1024.0, 1024.0 * 1024,
				    1024.0 * 1024 * 1024,
				    1024.0 * 1024 * 1024 * 1024 };
	double v;

	if (scaled(s, "BKMGT", f, &v) || v >= 1.8e19)
		return -EINVAL;
	*bytes = (uint64_t)v;
	return 0;
}

int ms_parse_duration(const char *s, double *secs)
{
	static const double f[] = { 1, 60, 3600, 86400, 7 * 86400 };

	return scaled(s, "smhdw", f, secs);
}

int ms_parse_when(const char *s, double now, double *t)
{
	struct tm tm = { 0 };
	double d;
	int len = 0;

	if (!strcmp(s, "now")) {
		*t = now;
		return 0;
	}
	if (*s == '@')
		return scaled(s + 1, "", NULL, t);
	if (*s == '-') {
		if (ms_parse_duration(s + 1, &d))
			return -EINVAL;
		*t = now - d;
		return 0;
	}
	/* local time, seconds optional: "2026-12-06 03:00[:05]" */
	if (sscanf(s, "%4d-%2d-%2d%*1[ T]%2d:%2d%n", &tm.tm_year, &tm.tm_mon,
		   &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &len) != 5)
		return -EINVAL;
	if (s[len] == ':') {
		int more = 0;

		if (sscanf(s + len, ":%2d%n", &tm.tm_sec, &more) != 1)
			return -EINVAL;
		len += more;
	}
	if (s[len] || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 ||
	    tm.tm_mday > 31 || tm.tm_hour < 0 || tm.tm_hour > 23 ||
	    tm.tm_min < 0 || tm.tm_min > 59 || tm.tm_sec < 0 || tm.tm_sec > 60)
		return -EINVAL;
	tm.tm_year -= 1900;
	tm.tm_mon--;
	tm.tm_isdst = -1; /* the zone's rules say whether DST was on */
	*t = (double)mktime(&tm);
	return 0;
}
