/* SPDX-License-Identifier: GPL-2.0 */
/* The interactive explorer: entry point called by main. */
#ifndef MS_TUI_H
#define MS_TUI_H

#include "app/opts.h"
#include "app/session.h"

/* Run until the user quits; the terminal is restored on every exit path. */
int ms_tui_run(struct ms_session *s, const struct ms_opts *o);

#endif
