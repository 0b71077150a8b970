/* SPDX-License-Identifier: GPL-2.0 */
/* The help screen: every key, the backends in use and every note. */
#ifndef MS_HELP_H
#define MS_HELP_H

#include "model/snapshot.h"
#include "tui/widgets.h"

/*
 * The notes, in the header's line and on this screen alike: where a
 * replayed recording stops (ui->replay_end), what the start put back that
 * a killed memscope left changed, the snapshot's notes, and last the one
 * on MemFree's share no zone's free lists hold yet (model/derive.c,
 * buddy.lazy_free: a student sees two contradictory numbers otherwise).
 * ms_help_note() gives note i escaped, i < ms_help_nr_notes().
 */
int ms_help_nr_notes(const struct ms_snapshot *s, const struct ms_ui *ui);
void ms_help_note(const struct ms_snapshot *s, const struct ms_ui *ui, int i,
		  char *line, size_t len);
/* Lines the help screen has for this snapshot (keys, sources, notes), its
 * notes wrapped at width columns. */
int ms_help_lines(const struct ms_snapshot *s, const struct ms_ui *ui,
		  int width);
/* The first line of the notes part, for `n`. */
int ms_help_notes_line(void);
/* Draw from sc->top; sets sc->page and sc->total. */
void ms_help_draw(WINDOW *w, struct ms_rect r, const struct ms_snapshot *s,
		  const struct ms_ui *ui, struct ms_scroll *sc);

#endif
