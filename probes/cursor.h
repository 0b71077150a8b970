/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cursor of a backend that plays samples back (the replay): which
 * sample the next one is, and the controls batch mode and the explorer
 * share through the session: step, seek, speed, bookmarks, where it ends.
 */
#ifndef MS_CURSOR_H
#define MS_CURSOR_H

#include <stdbool.h>

struct ms_cursor;

/* Samples there are (the good ones, up to any damage). */
int ms_cursor_count(const struct ms_cursor *c);
/* The sample the next one taken is, 0-based. */
int ms_cursor_pos(const struct ms_cursor *c);
void ms_cursor_seek(struct ms_cursor *c, int i); /* clamped */
/* One sample on (dir 1) or back (-1); false when already at that end. */
bool ms_cursor_step(struct ms_cursor *c, int dir);
/* When sample i was taken (seconds since the epoch), NaN outside. */
double ms_cursor_time(const struct ms_cursor *c, int i);
/* The first sample taken at or after t (epoch seconds); count() if none. */
int ms_cursor_at_time(const struct ms_cursor *c, double t);
/* The first sample at or after `offset` seconds into the recording. */
int ms_cursor_at_offset(const struct ms_cursor *c, double offset);

/* Playback speed, 0.25 .. 16; dir 1 or -1 moves it along a ladder. */
double ms_cursor_speed(const struct ms_cursor *c);
void ms_cursor_speed_step(struct ms_cursor *c, int dir);
/* Seconds until the next sample at this speed, as they were taken. */
double ms_cursor_delay(const struct ms_cursor *c);

/* What the recording says of itself: memscope version, kernel, interval. */
const char *ms_cursor_version(const struct ms_cursor *c);
const char *ms_cursor_kernel(const struct ms_cursor *c);
double ms_cursor_interval(const struct ms_cursor *c);
/*
 * Why the samples end before the file does: "recording damaged at sample
 * 17 (byte 123456): ..." (damaged() true), "... not closed ..." (false),
 * or NULL when the file ended cleanly.
 */
const char *ms_cursor_end_note(const struct ms_cursor *c);
bool ms_cursor_damaged(const struct ms_cursor *c);

/*
 * Bookmarks: sample numbers, kept sorted and saved beside the recording
 * (FILE.marks, one 1-based number per line) when that can be written.
 */
void ms_cursor_mark(struct ms_cursor *c, int i); /* set or clear */
bool ms_cursor_marked(const struct ms_cursor *c, int i);
/* The next mark after i (dir 1) or before it (-1), -1 when none. */
int ms_cursor_next_mark(const struct ms_cursor *c, int i, int dir);
const int *ms_cursor_marks(const struct ms_cursor *c, int *n);
/* Why the marks could not be saved, or NULL. */
const char *ms_cursor_marks_error(const struct ms_cursor *c);

#endif
