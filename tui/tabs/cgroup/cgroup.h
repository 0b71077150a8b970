/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Cgroups tab (tui/tabs/cgroup/): what its files share.
 */
#ifndef MS_TAB_CGROUP_H
#define MS_TAB_CGROUP_H

#include "tui/drill.h"
#include "tui/explain.h"

#define CG_FOLDS 64 /* folded cgroups remembered */
#define CG_PATH 512 /* a folded or drilled path kept (longer: cut) */
#define CG_DEPTH 32 /* levels the tree orders by; deeper: by their parent */

/* A cgroup shown: its index in the sample, its place in the tree. */
struct cg_row {
	int parent; /* index in the sample, -1 at the top */
	int depth;
	bool kids;
};

struct cg_view {
	struct ms_view base;
	struct ms_drills drills;
	const struct ms_snapshot *cur;
	struct cg_row *rows; /* one per cgroup of cur */
	int *vis; /* table row -> cgroup (unfolded ones) */
	int nrows, nvis, cap;
	char folded[CG_FOLDS][CG_PATH];
	int nfolded;
	char open[CG_PATH]; /* the cgroup the drill-down screen shows */
	char shown_filter[64]; /* the table's filter at the last rebuild */
	struct ms_table t;
};

#define CV(v) ((struct cg_view *)(v))

/* The drill-down screen of one cgroup (screen.c). */
extern const struct ms_drill_class cg_screen;

/* Every explain id the tab shows (explain.c), NULL-terminated. */
extern const char *const ms_cgroup_explain_all[];

#endif
