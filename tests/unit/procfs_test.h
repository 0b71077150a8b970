/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the procfs reader tests (test_proc, test_vma, test_slab,
 * test_numa, test_reclaim, test_meminfo): a reader's state on a tree below
 * tests/fixtures (or the live "/"), opened and closed; hand-made trees and
 * texts without a NUL. After <cmocka.h>.
 */
#ifndef MS_PROCFS_TEST_H
#define MS_PROCFS_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "probes/procfs/census.h"
#include "probes/procfs/procfs.h"
#include "probes/replay/replay.h"
#include "store/json.h"

/* The root, the reader's buffers, a snapshot, the reader's last error. */
struct pt_env {
	struct ms_root root;
	struct ms_procfs pf;
	struct ms_snapshot s;
	int err;
};

static inline void pt_init(struct pt_env *e, const char *tree)
{
	memset(e, 0, sizeof(*e));
	assert_int_equal(ms_root_open(&e->root, tree), 0);
	ms_snapshot_init(&e->s);
}

static inline void pt_fini(struct pt_env *e)
{
	ms_snapshot_free(&e->s);
	ms_procfs_fini(&e->pf);
	ms_root_close(&e->root);
}

/* The same on the heap, for tests that hand it around. */
static inline struct pt_env *pt_open(const char *tree)
{
	struct pt_env *e = malloc(sizeof(*e));

	assert_non_null(e);
	pt_init(e, tree);
	return e;
}

static inline void pt_close(struct pt_env *e)
{
	pt_fini(e);
	free(e);
}

/* Every section of s as its JSON line (free() it). */
static inline char *pt_json(const struct ms_snapshot *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(ms_out_json(f, s, MS_SEC_EVERY), 0);
	fclose(f);
	return buf;
}

/*
 * s's JSON line read back into b (initialised here) as a replay reads it,
 * checked to write the very same line again; the line, for the caller to
 * free.
 */
static inline char *pt_json_back(const struct ms_snapshot *s,
				 struct ms_snapshot *b)
{
	char *one = pt_json(s), *two, why[64];

	ms_snapshot_init(b);
	assert_int_equal(
		ms_replay_decode(one, strlen(one), b, why, sizeof(why)), 0);
	assert_int_equal(b->have, s->have);
	two = pt_json(b);
	assert_string_equal(two, one);
	free(two);
	return one;
}

/* ---- hand-made input ---------------------------------------------------- */

/* A heap copy of n bytes without a NUL: ASan catches any read past it. */
static inline char *pt_exact(const char *s, size_t n)
{
	char *p = malloc(n ? n : 1);

	assert_non_null(p);
	memcpy(p, s, n);
	return p;
}

/* The file rel below dir holds text (its directories made). */
static inline void pt_put(const char *dir, const char *rel, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	for (char *p = strchr(path + strlen(dir) + 1, '/'); p;
	     p = strchr(p + 1, '/')) {
		*p = '\0';
		mkdir(path, 0700);
		*p = '/';
	}
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* dir and all below it removed. */
static inline void pt_rmtree(const char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

#endif
