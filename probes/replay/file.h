/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The recording file of a replay: a zstd stream of JSON lines, indexed
 * once at open (where every sample starts), read back one frame at a time.
 */
#ifndef MS_REPLAY_FILE_H
#define MS_REPLAY_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <zstd.h>

struct ms_rec_entry {
	int frame; /* index into frames[] */
	size_t off, len; /* in the frame's decompressed text */
	double t; /* the sample's timestamp */
};

struct ms_rec_file {
	char *path;
	int fd; /* -1 while released */
	/* the header line */
	char version[32], kernel[64];
	double start, interval;
	/* the index: where each zstd frame begins, where each sample is */
	off_t *frames;
	int nr_frames, cap_frames;
	struct ms_rec_entry *v;
	int n, cap;
	char end_note[256]; /* why it ends early, "" when it does not */
	bool damaged;
	bool cut; /* the damage is only that the file ends inside a sample */
	/* one frame's text, decompressed as far as asked (the memory bound) */
	ZSTD_DCtx *dctx;
	int frame; /* whose text buf holds, -1 none */
	char *buf;
	size_t len, bufcap;
	off_t in_off; /* file offset of the next input */
	char *in;
	size_t in_pos, in_len;
};

/*
 * Open and index path; -errno with why (the damage when no sample is
 * good). quick: each sample's time from the start of its line, its JSON
 * not checked until it is read (a directory's many files).
 */
int ms_rec_open(struct ms_rec_file *f, const char *path, bool quick, char *why,
		size_t n);
/* The text of sample i (no newline, not NUL-terminated); -errno. */
int ms_rec_line(struct ms_rec_file *f, int i, const char **text, size_t *len);
/*
 * Let go of the fd and the buffers (a directory of many files keeps only
 * the one being read open); the next ms_rec_line() takes them again.
 */
void ms_rec_release(struct ms_rec_file *f);
void ms_rec_close(struct ms_rec_file *f);

#endif
