/* SPDX-License-Identifier: GPL-2.0 */
/* Mouse events to what they ask for: a click, a double click, the wheel. */
#ifndef MS_MOUSE_H
#define MS_MOUSE_H

#include <curses.h>
#include <stddef.h>

#include "tui/view.h"

enum ms_mouse_act {
	MS_MOUSE_NONE,
	MS_MOUSE_CLICK, /* select: a tab, a table row */
	MS_MOUSE_DOUBLE, /* select and open (Enter) */
	MS_MOUSE_WHEEL_UP, /* scroll up: a few Up keys */
	MS_MOUSE_WHEEL_DOWN,
};

#define MS_WHEEL_LINES 3 /* lines a wheel notch moves */

/* The events memscope asks curses for (mousemask). */
#define MS_MOUSE_MASK                                                 \
	(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | \
	 BUTTON5_PRESSED)

enum ms_mouse_act ms_mouse_act(mmask_t bstate);

/* The tab bar's label of tab i, " 1 Buddy "; returns its width. */
int ms_tab_label(char *buf, size_t len, int i, const char *name);

/* The tab under column x of the tab bar, or -1 (labels, one space apart). */
int ms_tab_at(struct ms_view *const *views, int n, int x);

#endif
