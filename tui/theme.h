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
	MS_C_HEADER, /* the header lines above the tabs */
	MS_C_TAB,
	MS_C_TAB_ACTIVE,
	MS_C_TITLE, /* a panel or drill-down title */
	MS_C_SELECTION, /* the selected table row */
	MS_C_COLUMN_HEADER,
	MS_C_SORT_COLUMN, /* the header of the sort column */
	MS_C_BAR,
	MS_C_BAR_LOW, /* a bar of something running short */
	MS_C_OK,
	MS_C_WARNING, /* e.g. under the high/low watermark */
	MS_C_CRITICAL, /* e.g. under the min watermark */
	MS_C_NOTE, /* "pagetypeinfo: needs root" */
	MS_C_FOOTER,
	MS_C_HELP,
	MS_C_FILTER, /* the filter edit line */
	MS_C_DIM, /* unavailable values, secondary text */
	MS_C_PAUSED,
	/* the memory ledger's buckets by kind (the header bar, the Memory tab) */
	MS_C_MEM_FREE, /* free pages */
	MS_C_MEM_FILE, /* page cache */
	MS_C_MEM_ANON, /* anonymous and shmem: what processes hold */
	MS_C_MEM_KERNEL, /* slab, stacks, page tables, vmalloc, percpu, ... */
	MS_C_MEM_RESERVED, /* reserved at boot, not yet handed out, hugetlb */
	MS_C_MEM_UNEXPLAINED, /* what no counter explains */
	MS_C_COUNT
};

#define MS_THEME_NAME 64 /* longest theme name kept */

/*
 * Load a theme: name is NULL (default), a name looked up as
 * DIR/NAME.theme in the themes directories, or a path. Elements the file
 * does not set keep their built-in value (built-in = default.theme).
 * Returns 0, or -errno with a message in err naming the file and the
 * first bad line; the whole file is then rejected and the default theme
 * is in effect.
 */
int ms_theme_load(const char *name, char *err, size_t errlen);

/* The theme in effect: "default", a name, or the file name of a path. */
const char *ms_theme_name(void);

/*
 * The installed theme after cur (by name, wrapping around) into buf:
 * every DIR/NAME.theme of the themes directories. -ENOENT when none.
 */
int ms_theme_next(const char *cur, char *buf, size_t len);

/*
 * Turn the loaded theme into curses attributes and the screen's
 * background; call after initscr(), again after ms_theme_load(). With
 * color false (no colours, NO_COLOR, --no-color), only the attributes
 * (bold, reverse, ...) are used; an element the theme draws with colours
 * gets a built-in attribute instead, so the selection, active tab and
 * sort column stay visible.
 */
void ms_theme_apply(bool color);

/*
 * Colour c (0-255, or -1 the terminal's default) on a terminal with
 * ncolors colours: itself when the terminal has it, else the nearest of
 * the 16 (or 8) basic colours; *bold says a bright colour became its
 * basic one (a foreground can show that as bold).
 */
short ms_color_fit(short c, int ncolors, bool *bold);

/* The attribute (colour pair and flags) of an element. */
attr_t ms_attr(enum ms_color c);

/* An element as loaded: colours (-1 default) and attributes. */
void ms_theme_get(enum ms_color c, short *fg, short *bg, attr_t *attrs);

/* The element's name in a theme file, or NULL. */
const char *ms_color_name(enum ms_color c);

#endif
