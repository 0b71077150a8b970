/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the VMA reader's tests (test_vma, test_vma_live): the reader on
 * one pid of a tree, and a note's check. After procfs_test.h. */
#ifndef MS_VMA_TEST_H
#define MS_VMA_TEST_H

#include "probes/procfs/vma.h"

/* The VMA reader on pid of tree (numa_maps read or not). */
static inline void load(struct pt_env *e, const char *tree, int pid, int numa)
{
	pt_init(e, tree);
	e->pf.vma_numa = numa;
	e->err = ms_procfs_vmas(&e->root, &e->pf, pid, NULL, &e->s);
}

static inline void assert_note(const struct ms_snapshot *s, const char *what,
			       const char *part)
{
	const char *why = ms_snapshot_why(s, what);

	if (!why)
		fail_msg("no note \"%s\"", what);
	if (!strstr(why, part))
		fail_msg("note \"%s\" is \"%s\", not \"%s\"", what, why, part);
}

#endif
