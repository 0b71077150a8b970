/* SPDX-License-Identifier: GPL-2.0 */
/* The interactive explorer: entry point called by main. */
#ifndef MS_TUI_H
#define MS_TUI_H

#include "app/opts.h"
#include "app/session.h"

#include <stddef.h>

/*
 * Whether stdin and stdout are a terminal the explorer can draw on: a tty
 * whose terminfo entry can address the cursor and clear the screen
 * (TERM=dumb cannot). 0, or -ENOTTY with the reason in why.
 */
int ms_tui_check_terminal(char *why, size_t len);

/* Run until the user quits; the terminal is restored on every exit path. */
int ms_tui_run(struct ms_session *s, const struct ms_opts *o);

#endif
