// SPDX-License-Identifier: GPL-2.0
/* The sortable, filterable, scrolling table of tui/widgets.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tui/cut.h"
#include "tui/explain.h"
#include "tui/keys.h"
#include "tui/table.h"

#define MIN_FLEX 8 /* a flexible column never gets narrower */

void ms_table_init(struct ms_table *t, const struct ms_table_def *def,
		   const void *ctx, const struct ms_ui *ui, int sort_col,
		   bool reverse)
{
	memset(t, 0, sizeof(*t));
	t->def = def;
	t->ctx = ctx;
	t->ui = ui;
	t->sel = -1;
	t->sort_col = sort_col;
	t->reverse = reverse;
}

void ms_table_free(struct ms_table *t)
{
	free(t->idx);
	t->idx = NULL;
	t->n = t->cap = 0;
}

int ms_table_selected(const struct ms_table *t)
{
	return t->sel >= 0 && t->sel < t->n ? t->idx[t->sel] : -1;
}

static void row_key(const struct ms_table *t, int row, char *buf, size_t len)
{
	if (t->def->key)
		t->def->key(t->ctx, row, buf, len);
	else
		t->def->cell(t->ctx, row, t->def->name_col, buf, len);
}

/* Remember which row is selected, so a new sample keeps it selected. */
void ms_table_remember(struct ms_table *t)
{
	int row = ms_table_selected(t);

	if (row < 0)
		t->sel_key[0] = '\0';
	else
		row_key(t, row, t->sel_key, sizeof(t->sel_key));
}

static bool matches(const struct ms_table *t, int row)
{
	/* the whole name: a path runs to 4,096 bytes, the tail is the file */
	char buf[4096 + 1];

	if (!t->filter[0])
		return true;
	t->def->cell(t->ctx, row, t->def->name_col, buf, sizeof(buf));
	if (strcasestr(buf, t->filter))
		return true;
	if (!t->def->also)
		return false;
	t->def->also(t->ctx, row, buf, sizeof(buf));
	return strcasestr(buf, t->filter) != NULL;
}

static int cmp_rows(const void *pa, const void *pb, void *arg)
{
	const struct ms_table *t = arg;
	int a = *(const int *)pa, b = *(const int *)pb;
	int c = t->def->cmp(t->ctx, a, b, t->sort_col);

	if (t->reverse)
		c = -c;
	return c ? c : (a > b) - (a < b);
}

/* Put the remembered row back under the cursor, or clamp the cursor. */
static void reselect(struct ms_table *t)
{
	char buf[256];

	if (t->sel_key[0])
		for (int i = 0; i < t->n; i++) {
			row_key(t, t->idx[i], buf, sizeof(buf));
			if (!strcmp(buf, t->sel_key)) {
				t->sel = i;
				return;
			}
		}
	if (t->sel >= t->n)
		t->sel = t->n - 1;
	if (t->sel < 0 && t->n > 0)
		t->sel = 0;
}

int ms_table_set_rows(struct ms_table *t, int nrows)
{
	if (nrows > t->cap) {
		int *p = realloc(t->idx, (size_t)nrows * sizeof(*p));

		if (!p) {
			t->n = 0;
			t->sel = -1;
			return -ENOMEM;
		}
		t->idx = p;
		t->cap = nrows;
	}
	t->nrows = nrows;
	t->n = 0;
	for (int i = 0; i < nrows; i++)
		if (matches(t, i))
			t->idx[t->n++] = i;
	if (t->n > 1 && t->sort_col >= 0 && t->sort_col < t->def->ncols &&
	    t->def->cmp)
		qsort_r(t->idx, (size_t)t->n, sizeof(*t->idx), cmp_rows, t);
	reselect(t);
	ms_table_remember(t);
	return 0;
}

/* ---- Keys ------------------------------------------------------------ */

static void move_sel(struct ms_table *t, int delta)
{
	if (!t->n)
		return;
	t->sel += delta;
	if (t->sel >= t->n)
		t->sel = t->n - 1;
	if (t->sel < 0)
		t->sel = 0;
	ms_table_remember(t);
}

/*
 * A new order: the selected row stays where it was on screen, or, when
 * it fits on the first page, the list starts at its top again (no row
 * left hidden above it).
 */
static void resort(struct ms_table *t)
{
	int line = t->sel - t->top;

	ms_table_set_rows(t, t->nrows);
	t->top = t->sel < t->page ? 0 : t->sel - line;
	t->show_sort = true;
}

/* Next sortable column in direction dir; numbers sort largest first. */
static void next_sort(struct ms_table *t, int dir)
{
	int n = t->def->ncols, c = t->sort_col;

	for (int i = 0; i < n; i++) {
		c = ((c < 0 ? (dir > 0 ? -1 : 0) : c) + dir + n) % n;
		if (!t->def->cols[c].nosort)
			break;
	}
	if (!t->def->cols[c].nosort)
		ms_table_sort_by(t, c);
}

void ms_table_sort_by(struct ms_table *t, int c)
{
	t->chosen = true;
	t->sort_col = c;
	t->reverse = t->def->cols[c].align == MS_RIGHT;
	resort(t);
}

static void filter_pop(char *f)
{
	size_t n = strlen(f);

	/* drop a whole UTF-8 character */
	while (n > 0 && ((unsigned char)f[n - 1] & 0xc0) == 0x80)
		n--;
	if (n > 0)
		n--;
	f[n] = '\0';
}

static enum ms_key_result edit_key(struct ms_table *t, int key)
{
	size_t n = strlen(t->filter);

	if (key == MS_KEY_ESC) {
		t->filter[0] = '\0';
		t->editing = false;
	} else if (ms_key_is_enter(key)) {
		t->editing = false;
	} else if (key == KEY_BACKSPACE || key == 127 || key == 8) {
		filter_pop(t->filter);
	} else if (key >= 0x20 && key < 0x100 && key != 127 &&
		   n + 1 < sizeof(t->filter)) {
		t->filter[n] = (char)key;
		t->filter[n + 1] = '\0';
	} else {
		return MS_KEY_DONE; /* swallow arrows and the like */
	}
	ms_table_set_rows(t, t->nrows);
	return MS_KEY_DONE;
}

enum ms_key_result ms_table_key(struct ms_table *t, int key)
{
	int page = t->page > 1 ? t->page - 1 : 1;

	if (t->editing && t->edit == MS_EDIT_SEARCH)
		return ms_table_search_key(t, key);
	if (t->editing && t->edit == MS_EDIT_MENU)
		return ms_table_menu_key(t, key);
	if (t->editing)
		return edit_key(t, key);
	switch (key) {
	case KEY_UP:
		move_sel(t, -1);
		break;
	case KEY_DOWN:
		move_sel(t, 1);
		break;
	case KEY_PPAGE:
		move_sel(t, -page);
		break;
	case KEY_NPAGE:
		move_sel(t, page);
		break;
	case KEY_HOME:
		move_sel(t, -t->n);
		break;
	case KEY_END:
		move_sel(t, t->n);
		break;
	case 's':
	case '>':
		next_sort(t, 1);
		break;
	case '<':
		next_sort(t, -1);
		break;
	case 'r':
		t->chosen = true;
		t->reverse = !t->reverse;
		resort(t);
		break;
	case KEY_LEFT:
	case KEY_RIGHT:
		if (!(key == KEY_LEFT ? t->more_left : t->more_right))
			return MS_KEY_PASS;
		t->hoff += key == KEY_LEFT ? -1 : 1;
		t->show_sort = false;
		break;
	case '/':
	case KEY_F(4):
		t->editing = true;
		t->edit = MS_EDIT_FILTER;
		break;
	case KEY_F(3):
		ms_table_search_open(t);
		break;
	case KEY_F(6):
		ms_table_menu_open(t);
		break;
	case MS_KEY_ESC:
		if (!t->filter[0])
			return MS_KEY_PASS;
		t->filter[0] = '\0';
		ms_table_set_rows(t, t->nrows);
		break;
	default:
		return ms_table_sort_key(t, key) ? MS_KEY_DONE : MS_KEY_PASS;
	}
	return MS_KEY_DONE;
}

const char *ms_table_hints(const struct ms_table *t)
{
	if (t->editing && t->edit == MS_EDIT_SEARCH)
		return "type to search  F3 next  Enter/Esc done";
	if (t->editing && t->edit == MS_EDIT_MENU)
		return "Up/Down column  Enter sort  Esc cancel";
	if (t->editing)
		return "type to filter  Enter keep  Esc clear";
	return "s/</> sort  r reverse  / filter";
}

/* ---- Drawing --------------------------------------------------------- */

/*
 * Columns that stay when the others shift sideways: the name column and
 * those before it when it is the first or second, else the first.
 */
static int pinned(const struct ms_table *t)
{
	int nc = t->def->name_col;

	return nc >= 0 && nc < 2 && nc < t->def->ncols ? nc + 1 : 1;
}

/*
 * Widths of the columns that fit in width, the pinned ones and then
 * those from hoff columns after them; the others get 0. Returns the
 * number of columns left out at the right.
 */
static int layout(const struct ms_table *t, int width, int *w)
{
	const struct ms_column *c = t->def->cols;
	int flex = -1, used = 0, pin = pinned(t), right = 0;

	for (int i = 0; i < t->def->ncols; i++) {
		w[i] = c[i].width;
		if (c[i].width == MS_COL_FLEX) {
			flex = i;
			w[i] = c[i].min > 0 ? c[i].min : MIN_FLEX;
		}
		if (i >= pin && i < pin + t->hoff)
			w[i] = 0; /* shifted out at the left */
	}
	for (int i = 0; i < t->def->ncols; i++) {
		if (!w[i])
			continue;
		/*
		 * the flexible column (a name, a path) gives up to half its
		 * least width rather than go: the scroll bar's column is
		 * taken from it, not the column itself
		 */
		if (i == flex && used + w[i] > width &&
		    width - used >= (w[i] + 1) / 2 && width - used >= 4)
			w[i] = width - used;
		if (used + w[i] > width) {
			for (int j = i; j < t->def->ncols; j++)
				if (w[j])
					w[j] = 0, right++;
			break;
		}
		used += w[i] + 1;
	}
	if (flex >= 0 && w[flex] && used - 1 < width)
		w[flex] += width - (used - 1);
	return right;
}

/*
 * Lay the columns out in r's width, keeping the last column for the
 * scroll bar and the mark of columns at the right when either is there,
 * and hoff where it shows something (and the sort column after a new
 * sort). Sets more_left, more_right, shown; returns the width used.
 */
static int place(struct ms_table *t, struct ms_rect r, int *cw)
{
	int pin = pinned(t), width = r.w, right;
	int most = t->def->ncols - pin - 1; /* keep one column to shift */

	if (t->hoff > most)
		t->hoff = most;
	if (t->hoff < 0)
		t->hoff = 0;
	right = layout(t, width, cw);
	if (right || t->n > t->page || t->owner_right)
		right = layout(t, --width, cw);
	/* the sort column hidden by a new sort: shift until it shows */
	if (t->show_sort && t->sort_col >= pin) {
		int save = t->hoff;

		t->hoff = 0;
		while ((right = layout(t, width, cw)) > 0 && !cw[t->sort_col] &&
		       t->hoff < most)
			t->hoff++;
		if (!cw[t->sort_col]) {
			t->hoff = save;
			right = layout(t, width, cw);
		}
	}
	t->show_sort = false;
	/* nothing left to shift in at the right: show as much as fits */
	while (t->hoff > 0 && !right) {
		t->hoff--;
		right = layout(t, width, cw);
		if (right) {
			t->hoff++;
			right = layout(t, width, cw);
			break;
		}
	}
	t->more_left = t->hoff > 0 || t->owner_left;
	t->more_right = right > 0 || t->owner_right;
	t->shown = 0;
	for (int i = 0; i < t->def->ncols && i < 64; i++)
		if (cw[i]) {
			t->shown |= 1ULL << i;
			ms_explain_seen(t->def->cols[i].id);
		}
	return width;
}

/* The title line's marks: columns shifted out at the left, more at the right. */
static void draw_marks(struct ms_table *t, WINDOW *w, struct ms_rect r,
		       const int *cw)
{
	attr_t a = ms_attr(MS_C_COLUMN_HEADER) | A_BOLD;
	int x = r.x;

	if (t->more_right)
		ms_put(w, r.y, r.x + r.w - 1, 1, MS_LEFT, false, a,
		       t->ui->utf8 ? "\u203a" : ">");
	if (!t->more_left)
		return;
	/* in the gap after the pinned columns */
	for (int i = 0; i < pinned(t); i++)
		x += cw[i] + 1;
	ms_put(w, r.y, x - 1, 1, MS_LEFT, false, a,
	       t->ui->utf8 ? "\u2039" : "<");
}

/*
 * Where the sort arrow goes: inside the column beside its title when
 * there is room, else in the gap after it (or before it, at the right
 * edge), as htop does, so the title stays whole.
 */
static int arrow_x(const struct ms_column *c, int x, int cw, int cols,
		   struct ms_rect r)
{
	if (cols < cw)
		return c->align == MS_RIGHT ? x + cw - 1 : x + cols;
	if (x + cw < r.x + r.w)
		return x + cw;
	return x > r.x ? x - 1 : -1;
}

static void draw_header(struct ms_table *t, WINDOW *w, struct ms_rect r,
			const int *cw)
{
	const struct ms_column *c = t->def->cols;
	const char *up = t->ui->utf8 ? "\u25b2" : "^";
	const char *down = t->ui->utf8 ? "\u25bc" : "v";
	int x = r.x, ax = -1;
	attr_t aa = 0;

	ms_fill(w, (struct ms_rect){ r.y, r.x, 1, r.w },
		ms_attr(MS_C_COLUMN_HEADER));
	draw_marks(t, w, r, cw);
	for (int i = 0; i < t->def->ncols; i++) {
		bool sorted = i == t->sort_col;
		attr_t a =
			ms_attr(sorted ? MS_C_SORT_COLUMN : MS_C_COLUMN_HEADER);
		bool explained = c[i].id && t->ui && t->ui->explain_id &&
				 !strcmp(c[i].id, t->ui->explain_id);
		int cols, pad;

		if (!cw[i])
			continue;
		if (explained) /* the column the explain panel shows */
			a = ms_attr(MS_C_FILTER) | A_BOLD;
		cols = ms_text_width(c[i].title);
		if (cols > cw[i])
			cols = cw[i];
		/* a right-aligned title moves left for an arrow inside */
		pad = c[i].align == MS_RIGHT ?
			      cw[i] - cols - (sorted && cols < cw[i]) :
			      0;
		ms_put(w, r.y, x + pad, cols, MS_LEFT, false, a, c[i].title);
		if (sorted)
			ax = arrow_x(&c[i], x, cw[i], cols, r), aa = a;
		x += cw[i] + 1;
	}
	/* last: the arrow may sit in a gap the next title borders */
	if (ax >= 0)
		ms_put(w, r.y, ax, 1, MS_LEFT, false, aa,
		       t->reverse ? down : up);
}

static void draw_row(struct ms_table *t, WINDOW *w, int y, struct ms_rect r,
		     const int *cw, int pos)
{
	int row = t->idx[pos], x = r.x;
	bool sel = pos == t->sel;
	attr_t base = ms_attr(sel ? MS_C_SELECTION : MS_C_NORMAL);
	char buf[MS_PATH_MAX];

	ms_fill(w, (struct ms_rect){ y, r.x, 1, r.w }, base);
	for (int i = 0; i < t->def->ncols; i++) {
		attr_t a = base;

		if (!cw[i])
			continue;

		if (!sel && t->def->attr) {
			attr_t ca = t->def->attr(t->ctx, row, i);

			if (ca)
				a = ca;
		}
		buf[0] = '\0';
		t->def->cell(t->ctx, row, i, buf, sizeof(buf));
		if (t->def->cols[i].path)
			ms_put_path(w, y, x, cw[i], a, buf, t->ui->utf8);
		else if (t->def->cols[i].align == MS_LEFT) /* marked cut */
			ms_put_esc_cut(w, y, x, cw[i], a, buf, t->ui);
		else
			ms_put_esc(w, y, x, cw[i], t->def->cols[i].align, true,
				   a, buf);
		x += cw[i] + 1;
	}
}

static void draw_filter(struct ms_table *t, WINDOW *w, int y, struct ms_rect r)
{
	char line[160], esc[128];

	snprintf(line, sizeof(line), "Filter: %s%s  (%d of %d)",
		 ms_esc(esc, sizeof(esc), t->filter),
		 t->editing && t->edit == MS_EDIT_FILTER ? "_" : "", t->n,
		 t->nrows);
	ms_put(w, y, r.x, r.w, MS_LEFT, true, ms_attr(MS_C_FILTER), line);
}

/* Keep the selection on screen. */
static void scroll_to_sel(struct ms_table *t)
{
	if (t->sel < t->top)
		t->top = t->sel;
	if (t->sel >= t->top + t->page)
		t->top = t->sel - t->page + 1;
	if (t->top > t->n - t->page)
		t->top = t->n - t->page;
	if (t->top < 0)
		t->top = 0;
}

/* ---- Mouse ----------------------------------------------------------- */

#define MAX_DRAWN 8 /* tables on one screen at most */

/* The tables drawn since ms_tables_forget(), in drawing order. */
static struct ms_table *drawn[MAX_DRAWN];
static int ndrawn;

void ms_tables_forget(void)
{
	ndrawn = 0;
}

static void note_drawn(struct ms_table *t, struct ms_rect r)
{
	t->rect = r;
	for (int i = 0; i < ndrawn; i++)
		if (drawn[i] == t)
			return;
	if (ndrawn < MAX_DRAWN)
		drawn[ndrawn++] = t;
}

static bool inside(struct ms_rect r, int y, int x)
{
	return y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w;
}

struct ms_table *ms_table_at(int y, int x)
{
	/* the last one drawn is on top */
	for (int i = ndrawn - 1; i >= 0; i--)
		if (inside(drawn[i]->rect, y, x))
			return drawn[i];
	return NULL;
}

bool ms_tables_sideways(void)
{
	for (int i = 0; i < ndrawn; i++)
		if (drawn[i]->more_left || drawn[i]->more_right)
			return true;
	return false;
}

bool ms_table_click(struct ms_table *t, int y)
{
	int line = y - (t->rect.y + 1); /* below the column titles */

	if (t->editing || line < 0 || line >= t->page || t->top + line >= t->n)
		return false;
	t->sel = t->top + line;
	ms_table_remember(t);
	return true;
}

/* ---- Drawing, continued ---------------------------------------------- */

void ms_table_draw(struct ms_table *t, WINDOW *w, struct ms_rect r)
{
	int cw[64];
	/* the bottom line: the filter or search line (not the menu) */
	bool filt = (t->editing && t->edit != MS_EDIT_MENU) || t->filter[0];
	int rows_y = r.y + 1;

	if (r.h <= 0 || r.w <= 0 || t->def->ncols > 64)
		return;
	note_drawn(t, r);
	ms_fill(w, r, ms_attr(MS_C_NORMAL));
	t->page = r.h - 1 - (filt ? 1 : 0);
	if (t->page < 1)
		t->page = 1;
	place(t, r, cw);
	draw_header(t, w, r, cw);
	if (t->editing && t->edit == MS_EDIT_SEARCH && r.h >= 2)
		ms_table_search_draw(t, w, r.y + r.h - 1, r);
	else if (filt && r.h >= 2)
		draw_filter(t, w, r.y + r.h - 1, r);
	if (!t->n) {
		const char *msg = t->nrows ? "no row matches the filter" :
				  t->empty ? t->empty :
					     "nothing to show";
		ms_put(w, rows_y, r.x, r.w, MS_LEFT, false, ms_attr(MS_C_DIM),
		       msg);
	}
	scroll_to_sel(t);
	for (int i = 0; i < t->page && t->top + i < t->n; i++)
		draw_row(t, w, rows_y + i, r, cw, t->top + i);
	ms_scrollbar(w, r.x + r.w - 1, rows_y, t->page, t->top, t->n, t->ui);
	if (t->editing && t->edit == MS_EDIT_MENU)
		ms_table_menu_draw(t, w, r);
}

void ms_explain_add(struct ms_explain_ids *e, const char *id)
{
	if (!id || e->n >= MS_EXPLAIN_MAX)
		return;
	for (int i = 0; i < e->n; i++)
		if (!strcmp(e->id[i], id))
			return;
	e->id[e->n++] = id;
}

void ms_table_explain(const struct ms_table *t, struct ms_explain_ids *e)
{
	int first = e->n;

	for (int i = 0; i < t->def->ncols; i++) {
		const char *id = t->def->cols[i].id;

		if (t->shown && i < 64 && !(t->shown & (1ULL << i)))
			continue; /* off screen */
		ms_explain_add(e, id);
		if (i == t->sort_col && id && !e->cur)
			for (int j = first; j < e->n; j++)
				if (!strcmp(e->id[j], id))
					e->cur = j;
	}
}

int ms_cmp_u64(uint64_t a, uint64_t b)
{
	if (!ms_have(a) || !ms_have(b))
		return ms_have(a) - ms_have(b);
	return (a > b) - (a < b);
}

int ms_cmp_double(double a, double b)
{
	if (isnan(a) || isnan(b))
		return !isnan(a) - !isnan(b);
	return (a > b) - (a < b);
}
