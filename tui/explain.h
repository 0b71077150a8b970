/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Explain mode (key x): the catalog of texts behind every column and field
 * id, translated through gettext, and the panel that shows one of them.
 */
#ifndef MS_EXPLAIN_H
#define MS_EXPLAIN_H

#include <curses.h>
#include <stddef.h>

#include "tui/view.h"

#define MS_TEXTDOMAIN "memscope"

/* The entry of id, or NULL. */
const struct ms_explain *ms_explain_find(const char *id);
/* Every entry, for the tests: i from 0 while it returns non-NULL. */
const struct ms_explain *ms_explain_at(int i);
/* A string of the catalog translated into the user's language. */
const char *ms_explain_tr(const char *s);

/*
 * Bind the text domain: the build tree's locale directory when memscope
 * runs from it (build/locale next to the binary), else MS_LOCALEDIR.
 * Call after setlocale(). Returns the directory used.
 */
const char *ms_explain_init(void);

/*
 * What the screen shows: the tables (their columns on screen), pages
 * (their tagged lines) and ms_explain_mark() say which ids they drew, a
 * frame at a time, so the panel walks only those (a zone table's columns
 * off screen at 80 columns, a VMA's nodes on a one-node machine, the
 * event rates of a tab that draws none are left out).
 */
void ms_explain_seen(const char *id);
/* A frame starts, and it is drawn (the ids seen become the ones shown). */
void ms_explain_frame_begin(void);
void ms_explain_frame_end(void);
/*
 * Leave out of e the ids the last frame drawn did not show, keeping the
 * cursor on its id; nothing when that frame showed none of them (a screen
 * not drawn yet).
 */
void ms_explain_keep_seen(struct ms_explain_ids *e);

/* Lines the panel wants for entry idx of e at width w (title included). */
int ms_explain_height(const struct ms_explain_ids *e, int idx, int w);
/*
 * The panel in r: a title with the name, id and position (idx of e), the
 * four parts wrapped to the width (CJK text two columns a character).
 */
void ms_explain_draw(WINDOW *w, struct ms_rect r,
		     const struct ms_explain_ids *e, int idx,
		     const struct ms_ui *ui);

#endif
