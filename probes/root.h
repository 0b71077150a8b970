/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every file memscope reads goes through one root prefix ("/" live, or a
 * captured tree), and optionally gets copied into a capture directory.
 */
#ifndef MS_ROOT_H
#define MS_ROOT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct ms_root {
	int dirfd; /* the root directory */
	bool live; /* "/" rather than a captured tree */
	/*
	 * A static capture: its proc/ is no procfs (a tree written by
	 * --capture, a sosreport), so every sample reads the same files
	 * and a change between samples means nothing.
	 */
	bool frozen;
	int capture_fd; /* -1, or where to copy what we read */
	char path[4096];
};

/* A file read whole into a reusable, NUL-terminated buffer. */
struct ms_buf {
	char *data;
	size_t len, cap;
};

int ms_root_open(struct ms_root *r, const char *dir);
void ms_root_close(struct ms_root *r);
/* Copy every file read from now on below dir (created if missing). */
int ms_root_capture(struct ms_root *r, const char *dir);

/* rel is relative to the root, e.g. "proc/buddyinfo". Return -errno. */
int ms_read(const struct ms_root *r, const char *rel, struct ms_buf *b);
/*
 * name below the directory open at dirfd (from ms_opendir()), kept in a
 * capture as rel (NULL: not kept). The path from the root may be of any
 * length.
 */
int ms_read_at(const struct ms_root *r, int dirfd, const char *name,
	       const char *rel, struct ms_buf *b);
/*
 * Open the directory rel below the root, of any length (a cgroup a
 * thousand deep is longer than PATH_MAX): openat() of each run of
 * components that fits, relative to the one before. The fd, or -errno.
 */
int ms_opendir(const struct ms_root *r, const char *rel);
/* Same, formatting the path. */
int ms_readf(const struct ms_root *r, struct ms_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Read a small file into s (trimmed of the trailing newline). */
int ms_read_str(const struct ms_root *r, const char *rel, char *s, size_t n);
/* Read a file holding one unsigned number. */
int ms_read_u64(const struct ms_root *r, const char *rel,
		unsigned long long *v);
/* Like readlinkat(), NUL-terminated; recorded as a link when capturing. */
int ms_readlink(const struct ms_root *r, const char *rel, char *s, size_t n);
/*
 * Open rel below the root for reading (a file read in pieces, with
 * pread): the descriptor, or -1 with errno.
 */
int ms_open(const struct ms_root *r, const char *rel);
/*
 * While capturing: rel created (empty) in the capture, for the caller to
 * write what it reads into; -1 when not capturing or it cannot be made.
 */
int ms_capture_file(const struct ms_root *r, const char *rel);
/* Does rel exist (any type)? */
bool ms_exists(const struct ms_root *r, const char *rel);

/* List directory entries (not "." or ".."): callback returns <0 to stop. */
int ms_listdir(const struct ms_root *r, const char *rel,
	       int (*fn)(void *ctx, const char *name, unsigned char type),
	       void *ctx);

/* Same, of the directory open at dirfd (left open). */
int ms_listdir_at(const struct ms_root *r, int dirfd,
		  int (*fn)(void *ctx, const char *name, unsigned char type),
		  void *ctx);

/* The processes: the numbered directories of proc, in ascending order. */
struct ms_pids {
	int *v; /* free() it */
	int n, cap;
};

/* l is emptied first and grown as needed; -errno when proc cannot be read. */
int ms_list_pids(const struct ms_root *r, struct ms_pids *l);

/* Stream a large file line by line (smaps of 65k VMAs is ~60 MB). */
struct ms_lines {
	int fd, cfd;
	char *buf;
	size_t cap, start, end;
	bool eof;
	int err;
};

int ms_lines_open(const struct ms_root *r, const char *rel, struct ms_lines *l);
/* Next line without its newline, NUL-terminated in place; NULL at end. */
char *ms_lines_next(struct ms_lines *l, size_t *len);
void ms_lines_close(struct ms_lines *l);

void ms_buf_free(struct ms_buf *b);

#endif
