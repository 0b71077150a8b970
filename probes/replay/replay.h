/* SPDX-License-Identifier: GPL-2.0 */
/*
 * --replay FILE, inside the backend: the decoder of one recorded line and
 * the cursor's file (front ends move the cursor through probes/cursor.h).
 */
#ifndef MS_REPLAY_H
#define MS_REPLAY_H

#include <stddef.h>

#include "model/snapshot.h"
#include "probes/cursor.h"

/*
 * Open and index the recording at path (a file, or a directory's files as
 * one timeline; of a directory, only the files whose names say they may
 * hold samples from `from` to `to`, NaN: unbounded); -errno with why.
 */
int ms_cursor_open(struct ms_cursor **c, const char *path, double from,
		   double to, char *why, size_t n);
/* The text of the sample at the cursor (not NUL-terminated); -errno. */
int ms_cursor_line(struct ms_cursor *c, const char **text, size_t *len);
void ms_cursor_close(struct ms_cursor *c);

/* One --json line into s (reset first); -EINVAL with why when not one. */
int ms_replay_decode(const char *text, size_t len, struct ms_snapshot *s,
		     char *why, size_t n);

#endif
