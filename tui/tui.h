/* SPDX-License-Identifier: GPL-2.0 */
/* The interactive explorer: entry point called by main. */
#ifndef MS_TUI_H
#define MS_TUI_H

#include "app/opts.h"
#include "app/session.h"

#include <stdbool.h>
#include <stddef.h>

/*
 * Whether stdin and stdout are a terminal the explorer can draw on: a tty
 * whose terminfo entry can address the cursor and clear the screen
 * (TERM=dumb cannot). 0, or -ENOTTY with the reason in why.
 */
int ms_tui_check_terminal(char *why, size_t len);

/* Run until the user quits; the terminal is restored on every exit path. */
int ms_tui_run(struct ms_session *s, const struct ms_opts *o);

/*
 * A crash (tui/crash.c): ms_tui_crash_restore() puts the terminal back as
 * it was before the explorer opened it, from a signal handler, in the
 * process that opened it. The explorer saves the modes (fd: its tty)
 * before newterm(), prepares the bytes once the screen is open (mouse:
 * whether it turned mouse reports on) and is done after endwin().
 */
void ms_tui_crash_save(int fd);
void ms_tui_crash_prepare(bool mouse);
void ms_tui_crash_done(void);
void ms_tui_crash_restore(void);

#endif
