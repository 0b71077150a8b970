/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Drawing helpers shared by the views: width-safe UTF-8 text, number
 * formatting, bars, key/value lines, a scroller and a sortable table.
 */
#ifndef MS_WIDGETS_H
#define MS_WIDGETS_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"
#include "tui/theme.h"
#include "tui/view.h"

/* ---- Formatting: every helper writes "-" for MS_NA / NAN ------------- */

/* Bytes as "512", "1.5K", "12M", "3.2G", "1.0T" (1024 based). */
const char *ms_fmt_bytes(char *buf, size_t len, uint64_t bytes);
/* Kilobytes, as /proc prints them, in the same short form. */
const char *ms_fmt_kb(char *buf, size_t len, uint64_t kb);
/* The same with one decimal at every scale: "22.4G", "512.0M". */
const char *ms_fmt_kb1(char *buf, size_t len, uint64_t kb);
/* Pages of page_size bytes in the same short form. */
const char *ms_fmt_pages(char *buf, size_t len, uint64_t pages,
			 uint64_t page_size);
/* A plain count: "123456". */
const char *ms_fmt_u64(char *buf, size_t len, uint64_t v);
/* A count with K/M/G suffix (1000 based) when it does not fit in width. */
const char *ms_fmt_count(char *buf, size_t len, uint64_t v, int width);
/* A double with prec decimals. */
const char *ms_fmt_double(char *buf, size_t len, double v, int prec);
/* A per-second rate of a count: "+12/s", "-1.5K/s", "0/s". */
const char *ms_fmt_rate(char *buf, size_t len, double per_s);
/* A per-second rate of bytes: "+1.5M/s". */
const char *ms_fmt_byte_rate(char *buf, size_t len, double bytes_per_s);
/* A percentage: "42.0%". */
const char *ms_fmt_pct(char *buf, size_t len, double pct);

/* ---- Text ------------------------------------------------------------ */

enum ms_align { MS_LEFT, MS_RIGHT, MS_CENTER };

/* Display width of a UTF-8 string (invalid bytes count as one column). */
int ms_text_width(const char *s);
/*
 * Bytes of the next character of s and its display columns in *cols
 * (wcwidth: 2 for CJK); 0 at the end of the string.
 */
int ms_text_next(const char *s, int *cols);

/*
 * Draw trusted UTF-8 text at (y, x), cut at a character boundary to at
 * most width display columns, aligned and padded with spaces to exactly
 * width columns when pad is true. Returns the columns drawn.
 */
int ms_put(WINDOW *w, int y, int x, int width, enum ms_align align, bool pad,
	   attr_t a, const char *s);
/* The same for text from the kernel: escaped with ms_escape() first. */
int ms_put_esc(WINDOW *w, int y, int x, int width, enum ms_align align,
	       bool pad, attr_t a, const char *raw);
/* printf into (y, x), at most width columns (trusted text only). */
int ms_putf(WINDOW *w, int y, int x, int width, attr_t a, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Escape raw kernel text into buf for later drawing; returns buf. */
const char *ms_esc(char *buf, size_t len, const char *raw);

/* Blank a rectangle (with attribute a). */
void ms_fill(WINDOW *w, struct ms_rect r, attr_t a);
/* A title line: "─ Text ───..." across width, in the title colour. */
void ms_title(WINDOW *w, int y, int x, int width, const char *text,
	      const struct ms_ui *ui);
/* A centred message in r, e.g. why a section is unavailable. */
/*
 * text centred in r, wrapped at spaces when wider; returns the row after
 * its last line (where a second message can go).
 */
int ms_message(WINDOW *w, struct ms_rect r, attr_t a, const char *text);

/*
 * The reason a thing is missing from notes, e.g. ms_note_why(s,
 * "pagetypeinfo"), or NULL. "what" matches a note whose what equals it
 * or starts with it followed by '/' or ' '.
 */
const char *ms_note_why(const struct ms_snapshot *s, const char *what);
/*
 * Fill buf with "section unavailable: what: why" for a section that is
 * not in s->have, from its note (ms_note_missing(), model/area.h).
 */
const char *ms_why_missing(char *buf, size_t len, const struct ms_snapshot *s,
			   enum ms_section sec);

/* ---- Lines that must fit (tui/fit.c) ---------------------------------- */

/*
 * One piece of a line laid out by ms_fit(): a footer hint, a header
 * figure. The lowest priority goes first; MS_PRIO_KEEP never goes.
 */
#define MS_PRIO_KEEP 1000000
#define MS_PRIO_BACK 10000 /* added to "Esc ..." hints (ms_split_hints) */
enum ms_fit_how { MS_FIT_DROP, MS_FIT_FULL, MS_FIT_BRIEF };
struct ms_piece {
	const char *text;
	const char *brief; /* a shorter form, or NULL */
	int prio; /* of dropping it */
	int brief_prio; /* of shortening it (0: just before dropping) */
	enum ms_fit_how how; /* set by ms_fit() */
};

/*
 * Lay n pieces out gap columns apart in width: shortening or dropping,
 * the step of the lowest priority first (of equals a shortening, then
 * the later piece);
 * returns the columns the pieces left take (more than width only when
 * the kept ones do not fit).
 */
int ms_fit(struct ms_piece *p, int n, int gap, int width);
/* The pieces ms_fit() left, gap spaces apart, into buf. */
const char *ms_fit_join(char *buf, size_t len, const struct ms_piece *p, int n,
			int gap);
/*
 * Footer hints "Enter zone  s sort  Esc back" (two spaces apart) as
 * pieces, in place: the first at prio, each next one lower, "Esc ..."
 * above them all (leaving a screen must stay on screen). Returns how many.
 */
int ms_split_hints(struct ms_piece *p, int max, char *hints, int prio);
/*
 * ms_put() of left-aligned text that ends with a mark (… or ~) when it
 * is cut; returns the columns drawn.
 */
int ms_put_cut(WINDOW *w, int y, int x, int width, attr_t a, const char *s,
	       const struct ms_ui *ui);
/* Raw text escaped, padded to width in a, cut as ms_put_cut. */
int ms_put_esc_cut(WINDOW *w, int y, int x, int width, attr_t a,
		   const char *raw, const struct ms_ui *ui);
/*
 * Where a list of total lines is, top the first of the h shown: a bar in
 * column x from row y, its thumb as long as h is of total, off the first
 * (last) row whenever lines are hidden above (below). Nothing when all
 * fit.
 */
void ms_scrollbar(WINDOW *w, int x, int y, int h, int top, int total,
		  const struct ms_ui *ui);

/* ---- Bars ------------------------------------------------------------ */

/*
 * A horizontal bar of frac (0..1, clamped) of width columns, in eighths
 * (▏▎▍▌▋▊▉█) when ui->utf8, '#' otherwise; the rest is blank.
 */
void ms_bar(WINDOW *w, int y, int x, int width, double frac, attr_t a,
	    const struct ms_ui *ui);
/*
 * One character per value, height ∝ value/max (▁▂▃▄▅▆▇█, or " .:-=+*#%@"
 * in ASCII); MS_NA draws '-'. max 0 means the largest value.
 */
void ms_spark(WINDOW *w, int y, int x, const uint64_t *v, int n, uint64_t max,
	      attr_t a, const struct ms_ui *ui);

/* ---- Key/value lines ------------------------------------------------- */

/* "key      value" at (y, x): key in keyw columns, value after it. */
void ms_kv_line(WINDOW *w, int y, int x, int width, int keyw, const char *key,
		const char *val, attr_t vattr);

/* ---- Scroller: for views drawing a list of lines ---------------------- */

/*
 * Explain ids tagged on the lines of a screen (ms_screen_tag) at its last
 * draw, so the explain panel starts at the field on the top line, brings
 * the field it explains into view and marks it.
 */
#define MS_SCREEN_TAGS 96
struct ms_screen_tags {
	const char *id[MS_SCREEN_TAGS];
	int line[MS_SCREEN_TAGS]; /* line of the screen */
	int x[MS_SCREEN_TAGS]; /* columns of the screen's rectangle */
	int w[MS_SCREEN_TAGS];
	int n;
	const struct ms_ui *ui; /* set by ms_screen_explain */
	char shown[64]; /* the id last brought into view */
	int top_seen; /* top at the last ms_screen_explain() */
};

struct ms_scroll {
	int top; /* first line shown */
	int total; /* lines there are */
	int page; /* lines that fit (set by the view's draw) */
	struct ms_screen_tags tags;
};

/* Up/Down/PgUp/PgDn/Home/End; returns true when the key was one. */
bool ms_scroll_key(struct ms_scroll *s, int key);
/* Clamp top after total or page changed. */
void ms_scroll_clamp(struct ms_scroll *s);

/*
 * Drawing a long screen line by line through a scroller:
 *	ms_screen_begin(&l, w, r, &sc);
 *	if ((y = ms_screen_next(&l)) >= 0) draw on row y;  (once per line)
 *	ms_screen_end(&l);	sets sc.total and sc.page
 * A screen longer than r has a scroll bar in r's last column (l.r is one
 * column narrower while the last draw did not fit).
 */
struct ms_screen {
	WINDOW *w;
	struct ms_rect r;
	struct ms_scroll *sc;
	int n; /* lines so far */
	const struct ms_ui *ui; /* from ms_screen_title(), for the scroll bar */
	int bar_x; /* the scroll bar's column, -1: none (it all fitted) */
};

void ms_screen_begin(struct ms_screen *l, WINDOW *w, struct ms_rect r,
		     struct ms_scroll *sc);
/* Screen row of the next line, or -1 when it is scrolled off. */
int ms_screen_next(struct ms_screen *l);
void ms_screen_end(struct ms_screen *l);
/* Whether a screen drawn since the last call needs a scroll bar it had
 * not left room for: draw it again (its total is known now). */
bool ms_screen_relayout(void);
/* The next line of a screen: trusted text, or a section title. */
void ms_screen_line(struct ms_screen *l, attr_t a, const char *text);
/* The same, printf-style (trusted text; escape kernel strings first). */
void ms_screen_linef(struct ms_screen *l, attr_t a, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ms_screen_title(struct ms_screen *l, const char *text,
		     const struct ms_ui *ui);
/* The next line shows the field id (explain mode); before drawing it. */
void ms_screen_tag(struct ms_screen *l, const char *id);
/*
 * The same for a column of the next line: only columns x..x+w-1 of the
 * screen are marked (a column title); one past the screen marks the line.
 */
void ms_screen_tag_at(struct ms_screen *l, const char *id, int x, int w);
/*
 * A table's header: ids (NULL-terminated) for columns of widths[k] from
 * x, one space apart, as a printf of "%*s %*s ..." lays them out.
 */
void ms_screen_tag_cols(struct ms_screen *l, int x, const char *const *ids,
			const int *widths);
/*
 * The explain hook of a screen view: adds ids (NULL-terminated) to e, puts
 * the cursor on the first field tagged on or below the top line (e->moved
 * when the user scrolled since), and scrolls so that the field the panel
 * shows (ui->explain_id) is on screen when it changed.
 */
void ms_screen_explain(struct ms_scroll *sc, const struct ms_ui *ui,
		       struct ms_explain_ids *e, const char *const *ids);

/* ---- Table ----------------------------------------------------------- */

#define MS_COL_FLEX (-1) /* width: take the remaining columns */

struct ms_column {
	const char *title;
	int width; /* display columns, or MS_COL_FLEX (one) */
	enum ms_align align;
	bool nosort; /* `s`, `<`, `>` skip this column */
	int min; /* MS_COL_FLEX: narrowest width (0: 8) */
	bool path; /* cut in the middle, keeping the file name (tui/cut.h) */
	const char *id; /* explain id (tui/explain.h): "slab.objsize" */
	/*
	 * Direct sort key (slabtop's `c` for the cache size), lowercase;
	 * its uppercase works too, and alone where the explorer already
	 * binds the lowercase letter (ms_key_taken). Uppercase here where
	 * the tab binds the lowercase (Slab's `b` benchmark). 0: none.
	 */
	char key;
};

/*
 * What a table shows: rows are indices 0..nrows-1 into the view's data
 * (ctx). Cells are raw text: the table escapes every cell it draws.
 */
struct ms_table_def {
	const struct ms_column *cols;
	int ncols;
	int name_col; /* filtered by `/`; identifies the selection */
	/* Text of a cell. */
	void (*cell)(const void *ctx, int row, int col, char *buf, size_t len);
	/* Order of rows a and b by column col (<0, 0, >0, ascending). */
	int (*cmp)(const void *ctx, int a, int b, int col);
	/* Optional: attribute of a cell (0 = normal). */
	attr_t (*attr)(const void *ctx, int row, int col);
	/* Optional: the row's key for keeping the selection (name_col). */
	void (*key)(const void *ctx, int row, char *buf, size_t len);
	/*
	 * Optional: another text of the row the filter matches too (the
	 * process list's cgroup), whether its column is shown or not.
	 */
	void (*also)(const void *ctx, int row, char *buf, size_t len);
};

enum ms_table_edit {
	MS_EDIT_FILTER, /* `/`, F4 */
	MS_EDIT_SEARCH, /* F3 */
	MS_EDIT_MENU, /* F6: choose the sort column */
};

struct ms_table {
	const struct ms_table_def *def;
	const void *ctx;
	const struct ms_ui *ui;
	int *idx; /* shown rows (filtered, sorted) */
	int n, cap;
	int nrows;
	int sel; /* position in idx, -1 when empty */
	int top;
	int page; /* rows that fit at the last draw */
	int sort_col;
	bool reverse;
	bool chosen; /* the user chose the sort (a key, the menu) */
	/* the filter or search line, or the sort menu, has the keyboard */
	bool editing;
	enum ms_table_edit edit; /* which, while editing */
	char filter[64];
	char search[64]; /* F3: moves the selection, hides nothing */
	bool not_found; /* the search matches no row */
	int menu_sel; /* F6: the column under the menu's cursor */
	char sel_key[256];
	const char *empty; /* text when there are no rows */
	struct ms_rect rect; /* where it was drawn last (mouse clicks) */
	/*
	 * Too wide for the screen: Left/Right shift the columns after the
	 * pinned ones (the name column and those before it when it is the
	 * first or second, else the first) by hoff columns.
	 */
	int hoff;
	bool more_left, more_right; /* columns hidden, at the last draw */
	/* the owner's columns out of view (its own choice, as the VMAs') */
	bool owner_left, owner_right;
	bool show_sort; /* a new sort: bring its column into view */
	unsigned long long shown; /* bit i: column i drawn at the last draw */
};

/* sort_col -1: data order. */
void ms_table_init(struct ms_table *t, const struct ms_table_def *def,
		   const void *ctx, const struct ms_ui *ui, int sort_col,
		   bool reverse);
void ms_table_free(struct ms_table *t);
/*
 * The data changed (nrows rows now): filter, sort, and keep the selected
 * row (by its key) selected. Returns 0 or -ENOMEM.
 */
int ms_table_set_rows(struct ms_table *t, int nrows);
/* The selected data row, or -1. */
int ms_table_selected(const struct ms_table *t);
/*
 * Arrows/PgUp/PgDn/Home/End move; `s`/`>` next sort column, `<`
 * previous, `r` reverse (a new order keeps the selected row on screen,
 * and the top rows too when it fits there), a column's direct sort key
 * sorts by it, Left/Right shift the columns of a table wider than the
 * screen, `/`
 * (also F4) edits the filter (Enter keeps it, Esc clears it), F3
 * searches (the selection jumps to the next match, F3 again to the one
 * after), F6 opens the sort menu; Esc with a filter set clears it.
 * Returns MS_KEY_PASS for anything else (Enter included, for the view to
 * drill down).
 */
enum ms_key_result ms_table_key(struct ms_table *t, int key);
/*
 * Column titles on the first line (sort column marked ▲/▼ or ^/v, in the
 * gap beside a title that fills its column), rows below, the filter line
 * at the bottom while set. Columns that do not fit are left out from the
 * right, shown by Left/Right, and a mark in the title line says where
 * more are (‹ ›, < > in ASCII); a list longer than the screen has a
 * scroll bar in its last column.
 */
void ms_table_draw(struct ms_table *t, WINDOW *w, struct ms_rect r);
/*
 * Mouse: tables note where they are drawn, so a click finds its table
 * without the view's help. The main loop forgets them before each frame.
 */
void ms_tables_forget(void);
/* The table drawn this frame that holds screen cell (y, x), or NULL. */
struct ms_table *ms_table_at(int y, int x);
/* Select the row shown at screen line y; false when none is there. */
bool ms_table_click(struct ms_table *t, int y);
/* A table drawn this frame has columns off screen (Left/Right). */
bool ms_tables_sideways(void);
/* Footer hint for the table keys, e.g. "s sort  r reverse  / filter". */
const char *ms_table_hints(const struct ms_table *t);

/*
 * Add the ids of the table's columns on screen to e (the explain panel
 * walks them; every column before the first draw); the sort column is
 * under the cursor when nothing else is yet.
 */
void ms_table_explain(const struct ms_table *t, struct ms_explain_ids *e);
/*
 * Explain mode for a field drawn outside pages and tables (a panel under
 * a table): mark n cells from (y, x), after drawing them, when the panel
 * shows id.
 */
void ms_explain_mark(WINDOW *w, int y, int x, int n, const struct ms_ui *ui,
		     const char *id);
/* Add one id to e (once; NULL and a full list are ignored). */
void ms_explain_add(struct ms_explain_ids *e, const char *id);

/* The user sorts by column c: numbers largest first, text from A. */
void ms_table_sort_by(struct ms_table *t, int c);

/* Helpers for cmp callbacks: NA/NAN sort below every value. */
int ms_cmp_u64(uint64_t a, uint64_t b);
int ms_cmp_double(double a, double b);

#endif
