/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The explorer's replay controls (--replay FILE): stepping, speed, seek,
 * bookmarks, and the header text that says where in the recording it is.
 */
#ifndef MS_REPLAY_UI_H
#define MS_REPLAY_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "app/session.h"

struct ms_replay_ui {
	struct ms_cursor *r; /* NULL: not replaying */
	bool prompt; /* `g` is reading a sample or a time */
	char input[24];
	char msg[80]; /* a seek's complaint, for the caller to show once */
	char marks[160]; /* the bookmarks, for the help screen */
	char about[320]; /* what the recording's header line says */
};

void ms_replay_ui_init(struct ms_replay_ui *u, struct ms_cursor *r);
/*
 * A key while replaying: returns true when it was a replay key; *moved
 * is set when the cursor moved (sample again), *pause when stepping
 * should freeze the screen.
 */
bool ms_replay_ui_key(struct ms_replay_ui *u, int key, bool *moved,
		      bool *pause);
/* "REPLAY 12:03:04 17/240 x2 M" for the header. */
void ms_replay_ui_status(const struct ms_replay_ui *u, char *buf, size_t len);
/* The footer while `g` reads its argument. */
void ms_replay_ui_prompt(const struct ms_replay_ui *u, char *buf, size_t len);

#endif
