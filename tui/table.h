/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside the table of tui/widgets.h: what table.c (rows, keys, drawing)
 * and tablefind.c (search, sort menu, direct sort keys) share.
 */
#ifndef MS_TABLE_H
#define MS_TABLE_H

#include "tui/widgets.h"

/* Note the selected row's key, so the next sample keeps it selected. */
void ms_table_remember(struct ms_table *t);

/* F3: open the search line; its keys while it is open. */
void ms_table_search_open(struct ms_table *t);
enum ms_key_result ms_table_search_key(struct ms_table *t, int key);
/* F6: open the sort menu; its keys while it is open. */
void ms_table_menu_open(struct ms_table *t);
enum ms_key_result ms_table_menu_key(struct ms_table *t, int key);
/* A column's direct sort key: sorts by it; false for other keys. */
bool ms_table_sort_key(struct ms_table *t, int key);

/* The search line at row y, the menu over the rows of r. */
void ms_table_search_draw(struct ms_table *t, WINDOW *w, int y,
			  struct ms_rect r);
void ms_table_menu_draw(struct ms_table *t, WINDOW *w, struct ms_rect r);

#endif
