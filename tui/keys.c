// SPDX-License-Identifier: GPL-2.0
/* The explorer's global keys, as htop binds its function keys. */
#include "tui/keys.h"

#include <curses.h>
#include <stddef.h>
#include <string.h>

static const struct {
	int key;
	enum ms_gkey act;
} gkeys[] = {
	{ 'q', MS_G_QUIT },
	{ 'Q', MS_G_QUIT },
	{ KEY_F(10), MS_G_QUIT },
	{ 'p', MS_G_PAUSE },
	{ '+', MS_G_LONGER },
	{ '=', MS_G_LONGER },
	{ '-', MS_G_SHORTER },
	{ '_', MS_G_SHORTER },
	{ '?', MS_G_HELP },
	{ 'h', MS_G_HELP },
	{ KEY_F(1), MS_G_HELP },
	{ 'n', MS_G_NOTES },
	{ 'x', MS_G_EXPLAIN },
	{ 'X', MS_G_EXPLAIN },
	{ 12 /* Ctrl-L */, MS_G_REDRAW },
	{ 'T', MS_G_THEME },
	{ '\t', MS_G_NEXT_TAB },
	{ KEY_BTAB, MS_G_PREV_TAB },
	{ 'I', MS_G_SELF },
	{ 'W', MS_G_DAMON },
	{ KEY_F(5), MS_G_TREE },
};

enum ms_gkey ms_key_global(int key)
{
	for (size_t i = 0; i < sizeof(gkeys) / sizeof(gkeys[0]); i++)
		if (gkeys[i].key == key)
			return gkeys[i].act;
	return MS_G_NONE;
}

bool ms_key_taken(int key)
{
	if (key >= '0' && key <= '9')
		return true; /* tabs */
	if (key > 0 && key < 0x80 && strchr("sr<>/", key))
		return true; /* every table's */
	if (key > 0 && key < 0x80 && strchr(".,gm'\"", key))
		return true; /* --replay's */
	return ms_key_global(key) != MS_G_NONE;
}

bool ms_key_is_find(int key)
{
	return key == '/' || key == KEY_F(3) || key == KEY_F(4);
}
