/* SPDX-License-Identifier: GPL-2.0 */
/* The explorer's state, shared by tui.c (the loop, keys) and frame.c
 * (what is drawn around the active view). */
#ifndef MS_TUI_STATE_H
#define MS_TUI_STATE_H

#include "tui/tui.h"

#include "tui/drill.h"
#include "tui/explain.h"
#include "tui/replay_ui.h"
#include "tui/view.h"
#include "tui/widgets.h"

#include <stdbool.h>

#define MIN_COLS 80
#define MIN_LINES 24
#define MAX_VIEWS 16
#define HEADER_LINES 3 /* two header lines and the tab bar */

struct tui {
	struct ms_session *s;
	const struct ms_opts *o;
	struct ms_ui ui;
	struct ms_view *views[MAX_VIEWS];
	int nviews, cur;
	int head; /* rows above the view: HEADER_LINES, one more for the bar */
	struct ms_snapshot snap[2];
	int ci; /* snap[ci] is the current sample */
	bool sampled; /* snap[ci] holds a sample */
	bool have_prev; /* snap[ci ^ 1] holds the one before */
	bool paused, help, quit;
	struct ms_scroll help_scroll;
	double interval, due;
	int sample_err;
	char theme_err[200];
	/* the explain panel (key x): open, and the id it shows */
	bool explain;
	char explain_id[64];
	struct ms_explain_ids eids;
	int eidx;
	int panel_h; /* the panel's height at the last frame */
	char flash[160]; /* a short message in the footer, e.g. "theme: light" */
	double flash_until;
	struct ms_replay_ui rp; /* --replay: its cursor, speed, bookmarks */
	/* --record while paused: samples go on, the screen stays frozen */
	struct ms_snapshot bg[2];
	int bgi;
	const struct ms_snapshot *last; /* the latest sample, for rates */
	/* W: memscope's own DAMON monitoring asked for, of damon_pid (0: paddr) */
	bool damon;
	int damon_pid;
};

static inline struct ms_view *view(struct tui *t)
{
	return t->views[t->cur];
}

/* Snapshot of the moment (the frozen one while paused). */
static inline const struct ms_snapshot *cur_snap(struct tui *t)
{
	return &t->snap[t->ci];
}

/*
 * What one refresh asks for into req (zeroed first): what the active
 * view v shows, and what the header draws: the meminfo figures, PSI and
 * the memory bar, which needs only the ledger's top level unless v shows
 * the memory area (ms_request.memory_brief).
 */
void ms_frame_request(struct ms_view *v, struct ms_request *req);
/* Fill t->eids and t->eidx: the ids the active screen can explain. */
void ms_tui_explain_ids(struct tui *t);
/* The whole screen: header, tabs, the view or help, panel, footer. */
void ms_tui_draw(struct tui *t);

#endif
