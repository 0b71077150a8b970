/* SPDX-License-Identifier: GPL-2.0 */
/* The help screen: every key, the backends in use and every note. */
#ifndef MS_HELP_H
#define MS_HELP_H

#include "model/snapshot.h"
#include "tui/widgets.h"

/* Lines the help screen has for this snapshot (keys, sources, notes). */
int ms_help_lines(const struct ms_snapshot *s, const struct ms_ui *ui);
/* The first line of the notes part, for `n`. */
int ms_help_notes_line(void);
/* Draw from sc->top; sets sc->page and sc->total. */
void ms_help_draw(WINDOW *w, struct ms_rect r, const struct ms_snapshot *s,
		  const struct ms_ui *ui, struct ms_scroll *sc);

#endif
