/* SPDX-License-Identifier: GPL-2.0 */
/* Colours and attributes of screen elements, loaded from themes/NAME.theme. */
#ifndef MS_THEME_H
#define MS_THEME_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

/* Screen elements; their names in a theme file are in tui/theme.c. */
enum ms_color {
	MS_C_NORMAL,
	MS_C_HEADER,		/* the header lines above the tabs */
	MS_C_TAB,
	MS_C_TAB_ACTIVE,
	MS_C_TITLE,		/* a panel or drill-down title */
	MS_C_SELECTION,		/* the selected table row */
	MS_C_COLUMN_HEADER,
	MS_C_SORT_COLUMN,	/* the header of the sort column */
	MS_C_BAR,
	MS_C_BAR_LOW,		/* a bar of something running short */
	MS_C_OK,
	MS_C_WARNING,		/* e.g. under the high/low watermark */
	MS_C_CRITICAL,		/* e.g. under the min watermark */
	MS_C_NOTE,		/* "pagetypeinfo: needs root" */
	MS_C_FOOTER,
	MS_C_HELP,
	MS_C_FILTER,		/* the filter edit line */
	MS_C_DIM,		/* unavailable values, secondary text */
	MS_C_PAUSED,
	MS_C_COUNT
};

/*
 * Load a theme: name is NULL (default), a name looked up as
 * DIR/NAME.theme in the themes directories, or a path. Built-in defaults
 * fill whatever the file does not set. Returns 0, or -errno with a
 * message in err (the built-in defaults are then in effect).
 */
int ms_theme_load(const char *name, char *err, size_t errlen);

/*
 * Turn the loaded theme into curses attributes; call after initscr().
 * With color false (no colours, NO_COLOR, --no-color), only the
 * attributes (bold, reverse, ...) are used, and the selection, active tab
 * and sort column keep a reverse/bold so they stay visible.
 */
void ms_theme_apply(bool color);

/* The attribute (colour pair and flags) of an element. */
attr_t ms_attr(enum ms_color c);

/* The element's name in a theme file, or NULL. */
const char *ms_color_name(enum ms_color c);

#endif
