/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DAMON sysfs tree's walk (damon_parse.c), apart from the files: the
 * reader (damon.c) gives it the files of the root prefix, the tests and
 * the fuzz target a tree of their own. It only ever reads.
 */
#ifndef MS_PROCFS_DAMON_H
#define MS_PROCFS_DAMON_H

#include <stddef.h>

#include "model/damon.h"

/* Where the walk reads from: rel is below sys/kernel/mm/damon/admin/. */
struct ms_damon_src {
	/* the file's bytes into out (NUL-terminated, cut at n): 0, -errno */
	int (*get)(void *ctx, const char *rel, char *out, size_t n);
	/* why a file could not be used */
	void (*note)(void *ctx, const char *fmt, ...)
		__attribute__((format(printf, 2, 3)));
	void *ctx;
};

/*
 * Fill d (reset, its lists emptied) from the tree: every kdamond up to
 * the bounds of model/damon.h (d->cut when a count is above one). A file
 * a kernel version lacks stays not available without a note; a present
 * file that does not parse gets one. 0, or -ENOENT without nr_kdamonds.
 */
int ms_damon_walk(struct ms_damon *d, const struct ms_damon_src *src);

#endif
