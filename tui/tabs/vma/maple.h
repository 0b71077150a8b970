/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The maple tree view of the VMA tab (memscope.ko): a copy of one process's
 * tree, summed up level by level and listed node by node, scrollable.
 */
#ifndef MS_MAPLE_VIEW_H
#define MS_MAPLE_VIEW_H

#include <curses.h>
#include <stdbool.h>

#include "model/snapshot.h"
#include "tui/view.h"
#include "tui/widgets.h"

#define MS_MAPLE_LEVELS 16

/* One level of the tree: what its nodes are and hold. */
struct ms_maple_level {
	int nodes, types[4], slots, vmas, empty, fmin, fmax;
};

struct ms_maple_line;

struct ms_maple_view {
	struct ms_maple t; /* the tree shown (own copy) */
	bool have;
	double when; /* t_real of the sample it came from */
	char why[256]; /* why there is no tree (escaped) */
	bool slots; /* one line per slot under each node */
	struct ms_scroll sc;
	struct ms_maple_line *lines;
	int nlines, caplines;
	bool *last; /* node i is its parent's last child */
	int caplast;
	struct ms_maple_level lv[MS_MAPLE_LEVELS];
	int nlv;
	uint64_t mark; /* a VMA start to find and highlight, or 0 */
	int mark_line; /* its line, -1 when not in the tree */
};

/* Release the copy; the view may be set again afterwards. */
void ms_maple_view_free(struct ms_maple_view *mv);
/*
 * Take pid's tree from a sample that asked for it (copied, so later
 * samples need not carry it), or the reason it is missing.
 */
void ms_maple_view_set(struct ms_maple_view *mv, const struct ms_snapshot *s,
		       int pid);
/* Highlight the leaf slot of the VMA starting at start and scroll to it. */
void ms_maple_view_mark(struct ms_maple_view *mv, uint64_t start);
/* title: who the tree belongs to (trusted text). */
void ms_maple_view_draw(struct ms_maple_view *mv, WINDOW *w, struct ms_rect r,
			const struct ms_ui *ui, const char *title);
/* Scrolling, `v` slots on/off, `]`/`[` next/previous node; else PASS. */
enum ms_key_result ms_maple_view_key(struct ms_maple_view *mv, int key);

#endif
