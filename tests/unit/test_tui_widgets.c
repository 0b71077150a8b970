// SPDX-License-Identifier: GPL-2.0
/*
 * The TUI's widgets and tabs off screen: formatting, width-safe text,
 * the table, theme files, and the Buddy and Slab tabs drawn into a window.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui/cut.h"
#include "tui/theme.h"
#include "tui/view.h"
#include "tui/widgets.h"

static SCREEN *scr;
static FILE *out, *in;
static const struct ms_opts opts = { .interval = 1 };
static struct ms_ui ui = { .opts = &opts, .utf8 = true };

/* ---- Formatting ------------------------------------------------------ */

static void test_fmt(void **state)
{
	char b[32];

	assert_string_equal(ms_fmt_bytes(b, sizeof(b), 0), "0B");
	assert_string_equal(ms_fmt_bytes(b, sizeof(b), 1536), "1.5K");
	assert_string_equal(ms_fmt_bytes(b, sizeof(b), 10 << 20), "10M");
	assert_string_equal(ms_fmt_bytes(b, sizeof(b), MS_NA), "-");
	assert_string_equal(ms_fmt_kb(b, sizeof(b), 16384000), "16G");
	assert_string_equal(ms_fmt_kb(b, sizeof(b), 2048), "2.0M");
	/* the header's: 500 MB more shows in a 22 GB figure */
	assert_string_equal(ms_fmt_kb1(b, sizeof(b), 23488102), "22.4G");
	assert_string_equal(ms_fmt_kb1(b, sizeof(b), 24012390), "22.9G");
	assert_string_equal(ms_fmt_kb1(b, sizeof(b), 512), "512K");
	assert_string_equal(ms_fmt_kb1(b, sizeof(b), 2048), "2.0M");
	assert_string_equal(ms_fmt_kb1(b, sizeof(b), MS_NA), "-");
	assert_string_equal(ms_fmt_pages(b, sizeof(b), 256, 4096), "1.0M");
	assert_string_equal(ms_fmt_u64(b, sizeof(b), 0), "0");
	assert_string_equal(ms_fmt_u64(b, sizeof(b), MS_NA), "-");
	assert_string_equal(ms_fmt_count(b, sizeof(b), 123456, 6), "123456");
	assert_string_equal(ms_fmt_count(b, sizeof(b), 1234567, 6), "1.2M");
	assert_string_equal(ms_fmt_double(b, sizeof(b), NAN, 3), "-");
	assert_string_equal(ms_fmt_double(b, sizeof(b), -1, 3), "-1.000");
	assert_string_equal(ms_fmt_rate(b, sizeof(b), NAN), "-");
	assert_string_equal(ms_fmt_rate(b, sizeof(b), 0), "0/s");
	assert_string_equal(ms_fmt_rate(b, sizeof(b), 12), "+12/s");
	assert_string_equal(ms_fmt_rate(b, sizeof(b), 2.5), "+2.5/s");
	assert_string_equal(ms_fmt_rate(b, sizeof(b), -1500), "-1.5K/s");
	assert_string_equal(ms_fmt_byte_rate(b, sizeof(b), 1.5 * 1048576),
			    "+1.5M/s");
	assert_string_equal(ms_fmt_byte_rate(b, sizeof(b), -512), "-512B/s");
	assert_string_equal(ms_fmt_pct(b, sizeof(b), 42), "42.0%");
}

/* ---- Text in a window ------------------------------------------------ */

/* Row y of w as UTF-8 text, trailing blanks removed. */
static const char *row(WINDOW *w, int y)
{
	static char buf[1024];
	wchar_t wc[512];
	int n;

	n = mvwinnwstr(w, y, 0, wc, (int)(sizeof(wc) / sizeof(wc[0])) - 1);
	if (n < 0)
		n = 0;
	wc[n] = L'\0';
	wcstombs(buf, wc, sizeof(buf));
	for (n = (int)strlen(buf); n > 0 && buf[n - 1] == ' '; n--)
		buf[n - 1] = '\0';
	return buf;
}

static void test_width(void **state)
{
	WINDOW *w = newwin(3, 20, 0, 0);

	assert_int_equal(ms_text_width("abc"), 3);
	assert_int_equal(ms_text_width("\u00e9\u65e5"), 3); /* é日 */
	/* a wide character that does not fit is left out, not cut */
	assert_int_equal(
		ms_put(w, 0, 0, 4, MS_LEFT, false, 0, "ab\u65e5\u65e5"), 4);
	assert_string_equal(row(w, 0), "ab\u65e5");
	assert_int_equal(ms_put(w, 1, 0, 3, MS_LEFT, false, 0, "ab\u65e5"), 2);
	assert_string_equal(row(w, 1), "ab");
	ms_put(w, 2, 0, 6, MS_RIGHT, true, 0, "42");
	assert_string_equal(row(w, 2), "    42");
	delwin(w);
}

static void test_escape(void **state)
{
	WINDOW *w = newwin(2, 40, 0, 0);

	ms_put_esc(w, 0, 0, 40, MS_LEFT, false, 0, "ev\x1b[31mil\n");
	assert_string_equal(row(w, 0), "ev\\x1b[31mil\\x0a");
	ms_put_esc(w, 1, 0, 40, MS_LEFT, false, 0, "bad\xff\xfe");
	assert_string_equal(row(w, 1), "bad\\xff\\xfe");
	delwin(w);
}

/*
 * Why a section is missing: the notes of its own names, never another
 * section's that shares the start of its name (slab_bench, numa_maps).
 */
static void test_why_missing(void **state)
{
	struct ms_snapshot s;
	char buf[160];

	ms_snapshot_init(&s);
	ms_snapshot_note(&s, "slab_bench", "memscope.ko: not loaded");
	ms_snapshot_note(&s, "slab_events", "captured tree");
	ms_snapshot_note(&s, "slabinfo", "needs root");
	ms_snapshot_note(&s, "numa_maps", "pid 7: gone");
	ms_snapshot_note(&s, "numa", "kernel without NUMA support");
	assert_string_equal(ms_why_missing(buf, sizeof(buf), &s, MS_SEC_SLAB),
			    "slab unavailable: slabinfo: needs root");
	assert_string_equal(ms_why_missing(buf, sizeof(buf), &s, MS_SEC_NUMA),
			    "numa unavailable: numa: kernel without NUMA "
			    "support");
	assert_string_equal(ms_why_missing(buf, sizeof(buf), &s, MS_SEC_PROCS),
			    "processes unavailable (no backend provided it)");
	ms_snapshot_free(&s);
}

/* A path cut to a column keeps its file name, the middle goes. */
static void test_cut_path(void **state)
{
	const char *libc = "/usr/lib/x86_64-linux-gnu/libc.so.6";
	char long_path[5000], b[4096], raw[64];
	WINDOW *w = newwin(1, 30, 0, 0);

	assert_string_equal(ms_cut_path(b, sizeof(b), libc, 40, true), libc);
	assert_string_equal(ms_cut_path(b, sizeof(b), libc, 23, true),
			    "/usr/lib/x86\u2026/libc.so.6");
	assert_int_equal(ms_text_width(b), 23);
	assert_string_equal(ms_cut_path(b, sizeof(b), libc, 23, false),
			    "/usr/lib/x.../libc.so.6");
	/* the file name alone does not fit: its end */
	assert_string_equal(ms_cut_path(b, sizeof(b), libc, 8, true),
			    "\u2026bc.so.6");
	/* no directory: the end, as for a name */
	assert_string_equal(ms_cut_path(b, sizeof(b), "[anon:a long name]", 8,
					true),
			    "\u2026g name]");
	/* wide characters are never cut in half */
	assert_string_equal(ms_cut_path(b, sizeof(b),
					"/\u65e5\u65e5\u65e5/\u65e5.so", 9,
					true),
			    "/\u2026/\u65e5.so");
	assert_string_equal(ms_cut_path(b, sizeof(b), libc, 1, true), "/");
	assert_string_equal(ms_cut_path(b, sizeof(b), libc, 0, true), "");
	/* a path longer than any buffer of 512: escaped whole, then cut */
	memset(long_path, 'd', sizeof(long_path));
	long_path[0] = '/';
	snprintf(long_path + 4000, 64, "/lib\x1b[31m.so");
	assert_string_equal(ms_esc_path(b, sizeof(b), long_path, 20, true),
			    "/ddd\u2026/lib\\x1b[31m.so");
	snprintf(raw, sizeof(raw), "/a/very/long/dir/lib\x1b.so");
	ms_put_path(w, 0, 0, 16, 0, raw, true);
	assert_string_equal(row(w, 0), "/a/v\u2026/lib\\x1b.so");
	delwin(w);
}

static void test_bar(void **state)
{
	WINDOW *w = newwin(2, 10, 0, 0);
	struct ms_ui ascii = ui;

	ms_bar(w, 0, 0, 4, 0.5 + 1.0 / 16, 0, &ui); /* 2.25 cells */
	assert_string_equal(row(w, 0), "\u2588\u2588\u258e");
	ascii.utf8 = false;
	ms_bar(w, 1, 0, 4, 0.5, 0, &ascii);
	assert_string_equal(row(w, 1), "##");
	delwin(w);
}

/* ---- Lines that must fit --------------------------------------------- */

/*
 * A message wider than its rectangle wraps at spaces, each line centred,
 * instead of losing its end (a VMA's "no access to its maps (needs root
 * or ptrace access)" lost "cess)" at 80 columns); it says where it ends.
 */
static void test_message_wraps(void **state)
{
	WINDOW *w = newwin(7, 20, 0, 0);
	int end;

	(void)state;
	end = ms_message(w, (struct ms_rect){ 0, 0, 7, 20 }, 0,
			 "no access to its maps (needs root)");
	assert_string_equal(row(w, 2), "  no access to its");
	assert_string_equal(row(w, 3), " maps (needs root)");
	assert_int_equal(end, 4);
	/* one that fits stays one line, where it always was */
	werase(w);
	end = ms_message(w, (struct ms_rect){ 0, 0, 7, 20 }, 0, "short");
	assert_string_equal(row(w, 2), "       short");
	assert_int_equal(end, 3);
	delwin(w);
}

/* A detail screen's line longer than the screen ends with a mark. */
static void test_screen_line_cut(void **state)
{
	WINDOW *w = newwin(4, 20, 0, 0);
	struct ms_scroll sc = { 0 };
	struct ms_screen l;

	(void)state;
	ms_screen_begin(&l, w, (struct ms_rect){ 0, 0, 4, 20 }, &sc);
	ms_screen_title(&l, "T", &ui);
	ms_screen_line(&l, 0, "allocations 3143/s, frees 2888/s");
	ms_screen_line(&l, 0, "fits, but for spaces     ");
	ms_screen_end(&l);
	assert_string_equal(row(w, 1), "allocations 3143/s,\u2026");
	assert_string_equal(row(w, 2), "fits, but for spaces");
	delwin(w);
}

/* A kernel's text escaped, cut with a mark, the rest of the width padded. */
static void test_put_esc_cut(void **state)
{
	WINDOW *w = newwin(1, 20, 0, 0);

	(void)state;
	mvwaddstr(w, 0, 0, "xxxxxxxxxxxxxxxxxxxx");
	ms_put_esc_cut(w, 0, 0, 10, 0, "a\x1b[31mlong text", &ui);
	assert_string_equal(row(w, 0), "a\\x1b[31m\u2026xxxxxxxxxx");
	ms_put_esc_cut(w, 0, 0, 10, 0, "short", &ui);
	assert_string_equal(row(w, 0), "short     xxxxxxxxxx");
	delwin(w);
}

static void test_fit(void **state)
{
	char hints[] = "Enter zone  s sort  Esc back  H graph", buf[128];
	struct ms_piece p[8];
	int n = ms_split_hints(p, 6, hints, 100);
	WINDOW *w = newwin(1, 12, 0, 0);

	assert_int_equal(n, 4);
	assert_string_equal(p[2].text, "Esc back");
	p[n++] = (struct ms_piece){ .text = "? help", .prio = MS_PRIO_KEEP };
	/* all fit: nothing goes */
	assert_int_equal(ms_fit(p, n, 2, 80), 45);
	/* the lowest first (H graph, then s sort); Esc back outranks them */
	assert_int_equal(ms_fit(p, n, 2, 40), 36);
	assert_string_equal(ms_fit_join(buf, sizeof(buf), p, n, 2),
			    "Enter zone  s sort  Esc back  ? help");
	assert_int_equal(ms_fit(p, n, 2, 30), 28);
	assert_string_equal(ms_fit_join(buf, sizeof(buf), p, n, 2),
			    "Enter zone  Esc back  ? help");
	/* a kept piece stays whatever the width */
	ms_fit(p, n, 2, 3);
	assert_string_equal(ms_fit_join(buf, sizeof(buf), p, n, 2), "? help");
	/* shortening before dropping when its priority says so */
	p[0] = (struct ms_piece){ .text = "MemFree 1G",
				  .brief = "Free 1G",
				  .prio = 50,
				  .brief_prio = 5 };
	p[1] = (struct ms_piece){ .text = "every 1.0s", .prio = 10 };
	assert_int_equal(ms_fit(p, 2, 2, 19), 19);
	assert_string_equal(ms_fit_join(buf, sizeof(buf), p, 2, 2),
			    "Free 1G  every 1.0s");
	/* cut text ends with a mark */
	assert_int_equal(ms_put_cut(w, 0, 0, 12, 0, "recording damaged", &ui),
			 12);
	assert_string_equal(row(w, 0), "recording d\u2026");
	delwin(w);
}

/* ---- Table ----------------------------------------------------------- */

struct rows {
	const char *name[5];
	uint64_t size[5];
};

static const struct ms_column tcols[] = {
	{ .title = "Name", .width = MS_COL_FLEX, .align = MS_LEFT },
	{ .title = "Size", .width = 6, .align = MS_RIGHT },
};

static void tcell(const void *ctx, int r, int c, char *buf, size_t len)
{
	const struct rows *d = ctx;

	if (c == 0)
		snprintf(buf, len, "%s", d->name[r]);
	else
		ms_fmt_u64(buf, len, d->size[r]);
}

static int tcmp(const void *ctx, int a, int b, int c)
{
	const struct rows *d = ctx;

	return c == 0 ? strcmp(d->name[a], d->name[b]) :
			ms_cmp_u64(d->size[a], d->size[b]);
}

static const struct ms_table_def tdef = {
	.cols = tcols,
	.ncols = 2,
	.name_col = 0,
	.cell = tcell,
	.cmp = tcmp,
};

static void test_table(void **state)
{
	struct rows d = {
		{ "dentry", "kmalloc-64", "inode_cache", "kmalloc-8", "vma" },
		{ 300, 50, MS_NA, 70, 900 },
	};
	struct ms_table t;
	WINDOW *w = newwin(6, 30, 0, 0);

	ms_table_init(&t, &tdef, &d, &ui, 1, true);
	/* empty: nothing selected, keys harmless, a message drawn */
	assert_int_equal(ms_table_set_rows(&t, 0), 0);
	assert_int_equal(ms_table_selected(&t), -1);
	assert_int_equal(ms_table_key(&t, KEY_DOWN), MS_KEY_DONE);
	assert_int_equal(ms_table_key(&t, 's'), MS_KEY_DONE);
	ms_table_draw(&t, w, (struct ms_rect){ 0, 0, 6, 30 });
	assert_string_equal(row(w, 1), "nothing to show");
	ms_table_key(&t, '<');
	assert_int_equal(ms_table_set_rows(&t, 5), 0);
	/* descending by size, NA last */
	assert_int_equal(ms_table_selected(&t), 4);
	assert_int_equal(t.idx[1], 0);
	assert_int_equal(t.idx[4], 2);
	assert_int_equal(ms_table_key(&t, KEY_DOWN), MS_KEY_DONE);
	assert_int_equal(ms_table_selected(&t), 0);
	/* the selection follows its row through a re-sort */
	assert_int_equal(ms_table_key(&t, 'r'), MS_KEY_DONE);
	assert_int_equal(ms_table_selected(&t), 0);
	assert_int_equal(t.idx[0], 2);
	/* `s` goes to the name column, ascending */
	ms_table_key(&t, 's');
	assert_int_equal(t.sort_col, 0);
	assert_false(t.reverse);
	assert_int_equal(t.idx[0], 0);
	/* filter as you type, case-insensitively; Esc clears */
	ms_table_key(&t, '/');
	assert_true(t.editing);
	ms_table_key(&t, 'K');
	ms_table_key(&t, 'm');
	assert_int_equal(t.n, 2);
	assert_int_equal(ms_table_key(&t, 'q'), MS_KEY_DONE); /* typed */
	assert_int_equal(t.n, 0);
	ms_table_key(&t, KEY_BACKSPACE);
	ms_table_key(&t, '\n');
	assert_false(t.editing);
	assert_string_equal(t.filter, "Km");
	ms_table_draw(&t, w, (struct ms_rect){ 0, 0, 6, 30 });
	/* Name gets 30 - 1 - 6 = 23 columns, Size the last 6 */
	assert_string_equal(row(w, 0), "Name\u25b2                     Size");
	assert_string_equal(row(w, 1), "kmalloc-64                  50");
	assert_string_equal(row(w, 2), "kmalloc-8                   70");
	assert_string_equal(row(w, 5), "Filter: Km  (2 of 5)");
	assert_int_equal(ms_table_key(&t, MS_KEY_ESC), MS_KEY_DONE);
	assert_int_equal(t.n, 5);
	assert_int_equal(ms_table_key(&t, MS_KEY_ESC), MS_KEY_PASS);
	assert_int_equal(ms_table_key(&t, '\n'), MS_KEY_PASS);
	ms_table_free(&t);
	delwin(w);
}

/* Five columns, too wide for 20: the last ones shift in sideways. */
static const struct ms_column wcols[] = {
	{ .title = "Name", .width = 5, .id = "t.name" },
	{ .title = "Alloc/s", .width = 7, .align = MS_RIGHT, .id = "t.alloc" },
	{ .title = "Objs", .width = 4, .align = MS_RIGHT, .id = "t.objs" },
	{ .title = "More", .width = 4, .align = MS_RIGHT, .id = "t.more" },
	{ .title = "Last", .width = 4, .align = MS_RIGHT, .id = "t.last" },
};

static void wcell(const void *ctx, int r, int c, char *buf, size_t len)
{
	const struct rows *d = ctx;

	if (c == 0)
		snprintf(buf, len, "%.5s", d->name[r]);
	else
		snprintf(buf, len, "%d", c * 10 + r);
}

static const struct ms_table_def wdef = {
	.cols = wcols,
	.ncols = 5,
	.name_col = 0,
	.cell = wcell,
	.cmp = tcmp,
};

/*
 * A sorted title that fills its column keeps every letter (the arrow in
 * the gap), a list longer than the screen has a scroll bar, columns off
 * screen are marked, shift in with Right and out with Left, and only
 * those on screen are explained.
 */
static void test_table_wide(void **state)
{
	struct rows d = {
		{ "dentry", "kmalloc-64", "inode_cache", "kmalloc-8", "vma" },
		{ 300, 50, MS_NA, 70, 900 },
	};
	struct ms_explain_ids e = { 0 };
	struct ms_rect r = { 0, 0, 4, 20 };
	struct ms_table t;
	WINDOW *w = newwin(4, 20, 0, 0);

	ms_table_init(&t, &wdef, &d, &ui, 1, true);
	assert_int_equal(ms_table_set_rows(&t, 5), 0);
	ms_table_draw(&t, w, r);
	/* the arrow after Alloc/s, more columns at the right */
	assert_string_equal(row(w, 0), "Name  Alloc/s\u25bcObjs \u203a");
	/* by Alloc/s (the rows' sizes here): vma, dentry, kmalloc-8 */
	assert_string_equal(row(w, 1), "vma        14   24 \u2588");
	assert_string_equal(row(w, 3), "kmall      13   23 \u2502");
	ms_table_explain(&t, &e);
	assert_int_equal(e.n, 3);
	assert_string_equal(e.id[e.cur], "t.alloc");
	/* Left: nothing there */
	assert_int_equal(ms_table_key(&t, KEY_LEFT), MS_KEY_PASS);
	assert_int_equal(ms_table_key(&t, KEY_RIGHT), MS_KEY_DONE);
	ms_table_draw(&t, w, r);
	assert_string_equal(row(w, 0), "Name \u2039Objs More    \u203a");
	assert_int_equal(ms_table_key(&t, KEY_RIGHT), MS_KEY_DONE);
	ms_table_draw(&t, w, r);
	assert_string_equal(row(w, 0), "Name \u2039More Last");
	assert_string_equal(row(w, 1), "vma     34   44    \u2588");
	/* the last one is on screen: Right is not the table's any more */
	assert_int_equal(ms_table_key(&t, KEY_RIGHT), MS_KEY_PASS);
	memset(&e, 0, sizeof(e));
	ms_table_explain(&t, &e);
	assert_int_equal(e.n, 3);
	assert_string_equal(e.id[0], "t.name");
	assert_string_equal(e.id[2], "t.last");
	/* by the pinned name: nothing shifts; by Alloc/s: it comes back */
	ms_table_key(&t, '<');
	ms_table_draw(&t, w, r);
	assert_string_equal(row(w, 0), "Name\u25b2\u2039More Last");
	ms_table_key(&t, '>');
	ms_table_draw(&t, w, r);
	assert_string_equal(row(w, 0), "Name  Alloc/s\u25bcObjs \u203a");
	ms_table_free(&t);
	delwin(w);
}

/* The filter matches anywhere in a long name: the file at a path's end. */
static void test_table_long_name(void **state)
{
	static char deep[4000];
	struct rows d = { { "short", deep }, { 1, 2 } };
	struct ms_table t;

	memset(deep, 'd', sizeof(deep) - 1);
	memcpy(deep + sizeof(deep) - 5, "/end", 5);
	ms_table_init(&t, &tdef, &d, &ui, 1, true);
	assert_int_equal(ms_table_set_rows(&t, 2), 0);
	ms_table_key(&t, '/');
	ms_table_key(&t, '/');
	ms_table_key(&t, 'e');
	ms_table_key(&t, 'n');
	ms_table_key(&t, 'd');
	assert_int_equal(t.n, 1);
	assert_int_equal(ms_table_selected(&t), 1);
	ms_table_free(&t);
}

/* Columns with direct sort keys: n is bound (notes), so N sorts by name. */
static const struct ms_column kcols[] = {
	{ .title = "Name", .width = MS_COL_FLEX, .align = MS_LEFT, .key = 'n' },
	{ .title = "Size", .width = 6, .align = MS_RIGHT, .key = 'c' },
};

static const struct ms_table_def kdef = {
	.cols = kcols,
	.ncols = 2,
	.name_col = 0,
	.cell = tcell,
	.cmp = tcmp,
};

/* htop's F3 search, F4 filter, F6 sort menu; slabtop's direct keys. */
static void test_table_find(void **state)
{
	struct rows d = {
		{ "dentry", "kmalloc-64", "inode_cache", "kmalloc-8", "vma" },
		{ 300, 50, MS_NA, 70, 900 },
	};
	struct ms_table t;
	WINDOW *w = newwin(8, 30, 0, 0);

	ms_table_init(&t, &kdef, &d, &ui, 1, true);
	assert_int_equal(ms_table_set_rows(&t, 5), 0);
	/* by size: vma dentry kmalloc-8 kmalloc-64 inode_cache */
	assert_int_equal(ms_table_selected(&t), 4);
	/* F3: the selection jumps to the first match, nothing is hidden */
	assert_int_equal(ms_table_key(&t, KEY_F(3)), MS_KEY_DONE);
	assert_true(t.editing);
	ms_table_key(&t, 'k');
	ms_table_key(&t, 'M');
	assert_int_equal(t.n, 5);
	assert_int_equal(ms_table_selected(&t), 3); /* kmalloc-8 */
	ms_table_draw(&t, w, (struct ms_rect){ 0, 0, 8, 30 });
	assert_string_equal(row(w, 7), "Search: kM_  (F3 next)");
	/* F3 again: the next match, then around to the first */
	ms_table_key(&t, KEY_F(3));
	assert_int_equal(ms_table_selected(&t), 1); /* kmalloc-64 */
	ms_table_key(&t, KEY_F(3));
	assert_int_equal(ms_table_selected(&t), 3);
	ms_table_key(&t, 'z');
	assert_true(t.not_found);
	assert_int_equal(ms_table_selected(&t), 3); /* stays */
	ms_table_key(&t, '\n');
	assert_false(t.editing);
	assert_int_equal(ms_table_selected(&t), 3);
	assert_int_equal(t.n, 5);
	/* F4 filters, as / does */
	ms_table_key(&t, KEY_F(4));
	assert_true(t.editing);
	ms_table_key(&t, 'v');
	assert_int_equal(t.n, 1);
	ms_table_key(&t, MS_KEY_ESC);
	assert_int_equal(t.n, 5);
	/* direct keys: c is free, so c sorts by size; n is bound: N */
	assert_int_equal(ms_table_key(&t, 'n'), MS_KEY_PASS);
	assert_int_equal(ms_table_key(&t, 'N'), MS_KEY_DONE);
	assert_int_equal(t.sort_col, 0);
	assert_false(t.reverse);
	assert_int_equal(ms_table_key(&t, 'N'), MS_KEY_DONE); /* again */
	assert_false(t.reverse); /* as slabtop: the same sort */
	assert_int_equal(ms_table_key(&t, 'c'), MS_KEY_DONE);
	assert_int_equal(t.sort_col, 1);
	assert_true(t.reverse); /* a number: largest first */
	assert_int_equal(t.idx[0], 4);
	/* F6: the sort menu at the sort column, Up and Enter choose */
	assert_int_equal(ms_table_key(&t, KEY_F(6)), MS_KEY_DONE);
	assert_true(t.editing);
	assert_int_equal(t.menu_sel, 1);
	ms_table_draw(&t, w, (struct ms_rect){ 0, 0, 8, 30 });
	assert_string_equal(row(w, 1), " Sort by                   900");
	assert_string_equal(row(w, 2), " N Name                    300");
	assert_string_equal(row(w, 3), " c Size *                   70");
	ms_table_key(&t, KEY_UP);
	assert_int_equal(t.menu_sel, 0);
	ms_table_key(&t, KEY_UP); /* the first stays */
	assert_int_equal(t.menu_sel, 0);
	ms_table_key(&t, '\n');
	assert_false(t.editing);
	assert_int_equal(t.sort_col, 0);
	assert_int_equal(t.idx[0], 0); /* dentry */
	/* Esc leaves the sort as it was */
	ms_table_key(&t, KEY_F(6));
	ms_table_key(&t, KEY_DOWN);
	ms_table_key(&t, MS_KEY_ESC);
	assert_false(t.editing);
	assert_int_equal(t.sort_col, 0);
	ms_table_free(&t);
	delwin(w);
}

/* ---- Theme files ----------------------------------------------------- */

static const char *write_tmp(const char *text)
{
	static char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/ms-theme-%d.theme", getpid());
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static void test_theme(void **state)
{
	char err[256];
	const char *p;

	p = write_tmp("; test\n[colors]\nheader = brightred default bold\n"
		      "selection = 200 blue reverse\n");
	assert_int_equal(ms_theme_load(p, err, sizeof(err)), 0);
	assert_string_equal(err, "");
	p = write_tmp("[colors]\nheader = red blue\nbogus = red blue\n");
	assert_int_equal(ms_theme_load(p, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, ":3: bogus: unknown element"));
	p = write_tmp("[colors]\ntitle = purple blue\n");
	assert_int_equal(ms_theme_load(p, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "unknown colour 'purple'"));
	p = write_tmp("[colors]\ntitle = red blue blinking\n");
	assert_int_equal(ms_theme_load(p, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "unknown attribute 'blinking'"));
	unlink(p);
	assert_int_equal(ms_theme_load("no-such-theme", err, sizeof(err)),
			 -ENOENT);
	assert_int_equal(
		ms_theme_load("themes/default.theme", err, sizeof(err)), 0);
	assert_string_equal(ms_color_name(MS_C_SORT_COLUMN), "sort_column");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fmt),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_why_missing),
		cmocka_unit_test(test_cut_path),
		cmocka_unit_test(test_bar),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_table_find),
		cmocka_unit_test(test_theme),
		cmocka_unit_test(test_table_long_name),
		cmocka_unit_test(test_table_wide),
		cmocka_unit_test(test_message_wraps),
		cmocka_unit_test(test_screen_line_cut),
		cmocka_unit_test(test_put_esc_cut),
	};
	int rc;

	if (!setlocale(LC_ALL, "C.UTF-8")) {
		fprintf(stderr, "test_tui_widgets: no C.UTF-8 locale\n");
		return 1;
	}
	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	scr = newterm("xterm", out, in);
	if (!scr)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
	return rc;
}
