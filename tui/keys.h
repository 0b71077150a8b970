/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The explorer's global keys in one table (tui/keys.c): what tui.c does
 * with a key no tab wanted, and what tables must leave alone.
 */
#ifndef MS_KEYS_H
#define MS_KEYS_H

#include <stdbool.h>

enum ms_gkey {
	MS_G_NONE,
	MS_G_QUIT, /* q, F10 */
	MS_G_PAUSE,
	MS_G_LONGER, /* refresh interval */
	MS_G_SHORTER,
	MS_G_HELP, /* ?, h, F1 */
	MS_G_NOTES,
	MS_G_EXPLAIN,
	MS_G_REDRAW,
	MS_G_THEME,
	MS_G_NEXT_TAB,
	MS_G_PREV_TAB,
	MS_G_TREE, /* F5: htop's tree; no list here has one */
	MS_G_SELF, /* own activity in or out of the event rates */
	MS_G_DAMON, /* W: memscope's own DAMON monitoring on or off */
};

/* The global action of key, MS_G_NONE for none (digits: tabs). */
enum ms_gkey ms_key_global(int key);
/*
 * The explorer binds key everywhere, or in every table (s, r, <, >, /):
 * a column's direct sort key gives way to it.
 */
bool ms_key_taken(int key);
/* A key that opens a table's filter or search line: /, F3, F4. */
bool ms_key_is_find(int key);

#endif
