/* SPDX-License-Identifier: GPL-2.0 */
/*
 * --record FILE: every sample as a line of JSON (the --json schema) into a
 * zstd stream, flushed per sample (docs/recording.md).
 */
#ifndef MS_RECORD_H
#define MS_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

#define MS_RECORD_FORMAT 1 /* the header's "memscope_recording" */
/* A zstd frame ends every this many samples: replay seeks to frames. */
#define MS_RECORD_FRAME 16

struct ms_record;

/*
 * Create path (never overwriting a file: -EEXIST), mode 0600 whatever the
 * umask. interval: seconds between samples, for the header. On failure
 * *r is NULL and err says why.
 */
int ms_record_open(struct ms_record **r, const char *path, double interval,
		   char *err, size_t len);
/* The sections a sample asks for while recording req: all it can read. */
unsigned int ms_record_sections(const struct ms_request *req);
/* Append a sample (the header line before the first); -errno. */
int ms_record_write(struct ms_record *r, const struct ms_snapshot *s,
		    unsigned int sections);
/* Bytes written to the file so far (what it holds on disk). */
uint64_t ms_record_bytes(const struct ms_record *r);
/* End the stream and close the file; -errno when something was lost. */
int ms_record_close(struct ms_record *r);

#endif
