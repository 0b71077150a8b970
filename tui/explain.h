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

/*
 * One text: English in the source, marked N_() for xgettext; translated
 * when shown. name is the column title or field as on the screen.
 */
struct ms_explain {
	const char *id; /* "buddy.zone.frag" */
	const char *name; /* "Frag%" (not translated) */
	const char *what; /* what it means */
	const char *source; /* the /proc or /sys file, tracepoint, ... */
	const char *formula; /* how memscope computes it */
	const char *healthy; /* a healthy against a worrying value */
};

/* Per tab, each ended by an entry with id NULL (tui/tabs/TAB/explain.c). */
extern const struct ms_explain ms_explain_buddy[], ms_explain_slab[],
	ms_explain_vma[], ms_explain_reclaim[], ms_explain_reclaim_screens[],
	ms_explain_numa[];

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
