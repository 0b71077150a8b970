/* SPDX-License-Identifier: GPL-2.0 */
/*
 * --replay FILE: the replay backend plays a recording (store/record.h)
 * back through the probe vtable; batch and explorer move its cursor.
 */
#ifndef MS_REPLAY_H
#define MS_REPLAY_H

#include <stdbool.h>
#include <stddef.h>

#include "probes/probe.h"

struct ms_replay;

/* The replay of m, or NULL when m reads a live system or a tree. */
struct ms_replay *ms_replay_of(const struct ms_manager *m);

/* Samples that replay (the good ones, up to any damage). */
int ms_replay_count(const struct ms_replay *r);
/* The sample the next ms_manager_sample() gives, 0-based. */
int ms_replay_pos(const struct ms_replay *r);
void ms_replay_seek(struct ms_replay *r, int i); /* clamped */
/* When sample i was taken (seconds since the epoch). */
double ms_replay_time(const struct ms_replay *r, int i);
/* The first sample at or after `offset` seconds into the recording. */
int ms_replay_at_offset(const struct ms_replay *r, double offset);
/* What the header line says: memscope version, kernel, interval. */
const char *ms_replay_version(const struct ms_replay *r);
const char *ms_replay_kernel(const struct ms_replay *r);
double ms_replay_interval(const struct ms_replay *r);
/*
 * Why the replay ends before the file does: "recording damaged at sample
 * 17 (byte 123456): ..." (damaged() true), "... not closed ..." (false),
 * or NULL when the file ended cleanly.
 */
const char *ms_replay_end_note(const struct ms_replay *r);
bool ms_replay_damaged(const struct ms_replay *r);

/*
 * Bookmarks: sample numbers, kept sorted and saved to FILE.marks (one
 * 1-based number per line) when that can be written.
 */
void ms_replay_mark(struct ms_replay *r, int i); /* set or clear */
bool ms_replay_marked(const struct ms_replay *r, int i);
/* The next mark after i (dir 1) or before it (-1), -1 when none. */
int ms_replay_next_mark(const struct ms_replay *r, int i, int dir);
const int *ms_replay_marks(const struct ms_replay *r, int *n);
/* Why the marks could not be saved, or NULL. */
const char *ms_replay_marks_error(const struct ms_replay *r);

/* One --json line into s (reset first); -EINVAL with why when not one. */
int ms_replay_decode(const char *text, size_t len, struct ms_snapshot *s,
		     char *why, size_t n);

#endif
