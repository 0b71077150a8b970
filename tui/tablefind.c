// SPDX-License-Identifier: GPL-2.0
/*
 * What htop and slabtop users reach for in a table: F3 search (the
 * selection jumps, nothing is hidden), F6 the sort menu, and direct sort
 * keys per column (slabtop's a, b, c, l, v, n, o, p, s, u on the caches).
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "tui/keys.h"
#include "tui/table.h"

/* ---- F3: search ------------------------------------------------------ */

static bool row_matches(const struct ms_table *t, int pos)
{
	char buf[4096 + 1];

	t->def->cell(t->ctx, t->idx[pos], t->def->name_col, buf, sizeof(buf));
	return strcasestr(buf, t->search) != NULL;
}

/* Select the first match from position from on, wrapping around. */
static void find(struct ms_table *t, int from)
{
	t->not_found = false;
	if (!t->search[0] || !t->n)
		return;
	for (int i = 0; i < t->n; i++) {
		int pos = (from + i) % t->n;

		if (row_matches(t, pos)) {
			t->sel = pos;
			ms_table_remember(t);
			return;
		}
	}
	t->not_found = true;
}

void ms_table_search_open(struct ms_table *t)
{
	t->editing = true;
	t->edit = MS_EDIT_SEARCH;
	/* the last search again, from the row after the selection */
	find(t, t->sel + 1);
}

enum ms_key_result ms_table_search_key(struct ms_table *t, int key)
{
	size_t n = strlen(t->search);

	if (key == MS_KEY_ESC || ms_key_is_enter(key)) {
		t->editing = false; /* the selection stays where it is */
	} else if (key == KEY_F(3)) {
		find(t, t->sel + 1);
	} else if (key == KEY_BACKSPACE || key == 127 || key == 8) {
		while (n > 0 &&
		       ((unsigned char)t->search[n - 1] & 0xc0) == 0x80)
			n--;
		t->search[n > 0 ? n - 1 : 0] = '\0';
		find(t, t->sel < 0 ? 0 : t->sel);
	} else if (key >= 0x20 && key < 0x100 && n + 1 < sizeof(t->search)) {
		t->search[n] = (char)key;
		t->search[n + 1] = '\0';
		find(t, t->sel < 0 ? 0 : t->sel);
	}
	return MS_KEY_DONE; /* swallow arrows and the like */
}

void ms_table_search_draw(struct ms_table *t, WINDOW *w, int y,
			  struct ms_rect r)
{
	char line[160], esc[128];

	snprintf(line, sizeof(line), "Search: %s_  %s",
		 ms_esc(esc, sizeof(esc), t->search),
		 t->not_found ? "not found" : "(F3 next)");
	ms_put(w, y, r.x, r.w, MS_LEFT, true,
	       ms_attr(t->not_found ? MS_C_WARNING : MS_C_FILTER), line);
}

/* ---- F6: the sort menu ----------------------------------------------- */

/* The next sortable column from c in direction dir, or c. */
static int step(const struct ms_table *t, int c, int dir)
{
	for (int i = c + dir; i >= 0 && i < t->def->ncols; i += dir)
		if (!t->def->cols[i].nosort)
			return i;
	return c;
}

void ms_table_menu_open(struct ms_table *t)
{
	t->editing = true;
	t->edit = MS_EDIT_MENU;
	t->menu_sel = t->sort_col >= 0 ? t->sort_col : step(t, -1, 1);
}

enum ms_key_result ms_table_menu_key(struct ms_table *t, int key)
{
	if (key == KEY_UP)
		t->menu_sel = step(t, t->menu_sel, -1);
	else if (key == KEY_DOWN)
		t->menu_sel = step(t, t->menu_sel, 1);
	else if (key == KEY_HOME)
		t->menu_sel = step(t, -1, 1);
	else if (key == KEY_END)
		t->menu_sel = step(t, t->def->ncols, -1);
	else if (key == MS_KEY_ESC || key == KEY_F(6) || ms_key_is_back(key))
		t->editing = false;
	else if (ms_key_is_enter(key)) {
		t->editing = false;
		if (t->menu_sel >= 0 && t->menu_sel < t->def->ncols &&
		    !t->def->cols[t->menu_sel].nosort)
			ms_table_sort_by(t, t->menu_sel);
	}
	return MS_KEY_DONE;
}

/* The key that sorts by column c, as the help and the menu show it. */
static char direct(const struct ms_column *c)
{
	if (!c->key)
		return ' ';
	return ms_key_taken(c->key) ? (char)toupper(c->key) : c->key;
}

/* The mark of menu entries out of view, above (up) or below. */
static const char *more(const struct ms_table *t, bool up)
{
	if (t->ui->utf8)
		return up ? "\u2191" : "\u2193";
	return up ? "^" : "v";
}

/* "Sort by" and the sortable columns, over the left of the rows. */
void ms_table_menu_draw(struct ms_table *t, WINDOW *w, struct ms_rect r)
{
	const struct ms_column *c = t->def->cols;
	int mw = 12, y = r.y + 1, first = 0, n = 0, pos = 0;
	char line[96];

	for (int i = 0; i < t->def->ncols; i++) {
		int cw = ms_text_width(c[i].title) + 6;

		if (c[i].nosort)
			continue;
		if (cw > mw)
			mw = cw;
		if (i == t->menu_sel)
			pos = n;
		n++;
	}
	if (mw > r.w)
		mw = r.w;
	/* keep the cursor in view when the rows are fewer than columns */
	if (pos >= r.h - 2)
		first = pos - (r.h - 3);
	ms_put(w, y++, r.x, mw, MS_LEFT, true, ms_attr(MS_C_TITLE), " Sort by");
	for (int i = 0, k = 0; i < t->def->ncols && y < r.y + r.h; i++) {
		bool here = i == t->menu_sel;

		if (c[i].nosort || k++ < first)
			continue;
		snprintf(line, sizeof(line), " %c %s%s", direct(&c[i]),
			 c[i].title, i == t->sort_col ? " *" : "");
		ms_put(w, y, r.x, mw, MS_LEFT, true,
		       ms_attr(here ? MS_C_SELECTION : MS_C_FILTER), line);
		/* columns hidden above or below: an arrow at the edge */
		if ((k - 1 == first && first > 0) ||
		    (y == r.y + r.h - 1 && k < n))
			ms_put(w, y, r.x + mw - 1, 1, MS_LEFT, false,
			       ms_attr(here ? MS_C_SELECTION : MS_C_FILTER),
			       more(t, k - 1 == first && first > 0));
		y++;
	}
}

/* ---- Direct sort keys ------------------------------------------------ */

bool ms_table_sort_key(struct ms_table *t, int key)
{
	for (int i = 0; i < t->def->ncols; i++) {
		const struct ms_column *c = &t->def->cols[i];

		if (!c->key || c->nosort)
			continue;
		/* the uppercase too, unless it is bound (T: theme) */
		if (key != direct(c) &&
		    (key != toupper(c->key) || ms_key_taken(key)))
			continue;
		ms_table_sort_by(t, i); /* as slabtop: again changes nothing */
		return true;
	}
	return false;
}
