/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A recording directory (memscope record --dir, docs/fleet.md): its file
 * names, when to rotate, which files retention removes, and the times,
 * durations and sizes its options take. Pure decisions, no I/O.
 */
#ifndef MS_RECDIR_H
#define MS_RECDIR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* memscope-20261206T030000.123Z-20261206T035959.456Z.zst (UTC) */
#define MS_RECDIR_PREFIX "memscope-"
#define MS_RECDIR_SUFFIX ".zst"
#define MS_RECDIR_NAME 64

/*
 * The name of a file whose first sample is at start and last at end
 * (seconds since the epoch); end NaN: the file being written.
 */
void ms_recdir_name(char *buf, size_t n, double start, double end);
/* Whether name is one of ours; its span (end NaN while being written). */
bool ms_recdir_parse(const char *name, double *start, double *end);

/* The size one file may reach before the next starts: max_size / 8. */
uint64_t ms_recdir_file_max(uint64_t max_size);
/*
 * Whether the file begun at start, size bytes now, ends before a sample
 * taken at now: an hour (UTC) has turned, or it has reached file_max.
 */
bool ms_recdir_rotate(double start, uint64_t size, double now,
		      uint64_t file_max);

/* A finished file, for retention. */
struct ms_recdir_file {
	double start, end; /* end NaN: unknown (its start stands for it) */
	uint64_t size;
};
/*
 * How many of the oldest of f[0..n) (sorted by start, the file being
 * written not among them) to remove: those whose last sample is older
 * than keep seconds before now, then as many more as it takes for the
 * rest and `reserve` bytes (what the current file may still grow to) to
 * fit in max_size (0: no bound).
 */
int ms_recdir_expire(const struct ms_recdir_file *f, int n, double now,
		     double keep, uint64_t max_size, uint64_t reserve);

/* "1G", "500M", "64K", "4096" (bytes; powers of 1024); -EINVAL. */
int ms_parse_size(const char *s, uint64_t *bytes);
/* "7d", "12h", "30m", "90s", "2w", "1.5h"; -EINVAL. */
int ms_parse_duration(const char *s, double *secs);
/*
 * A moment: local time "2026-12-06 03:00" (seconds optional, also with a
 * T), "@1796555264" (seconds since the epoch), or relative to now:
 * "-2h", "-30m", "-1d"; "now". Local time is the TZ of the process.
 */
int ms_parse_when(const char *s, double now, double *t);

#endif
