/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the curses unit tests (test_tui_*.c, test_explain.c): a screen
 * over /dev/null, rows read back as UTF-8, a view drawn into a window, a
 * captured tree sampled for a view as the main loop does. After <cmocka.h>.
 */
#ifndef MS_TUI_TEST_H
#define MS_TUI_TEST_H

#include <curses.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "app/session.h"
#include "probes/probe.h"
#include "tui/theme.h"
#include "tui/drill.h"
#include "tui/view.h"

/* Row y of w as UTF-8, trailing blanks removed (a static buffer). */
static inline const char *tt_row(WINDOW *w, int y)
{
	static char buf[2048];
	wchar_t wc[512];
	int n = mvwinnwstr(w, y, 0, wc, 511);

	wc[n < 0 ? 0 : n] = L'\0';
	wcstombs(buf, wc, sizeof(buf));
	for (n = (int)strlen(buf); n > 0 && buf[n - 1] == ' '; n--)
		buf[n - 1] = '\0';
	return buf;
}

/* The first row holding text: its number, or -1. */
static inline int tt_find(WINDOW *w, const char *text)
{
	for (int y = 0; y < getmaxy(w); y++)
		if (strstr(tt_row(w, y), text))
			return y;
	return -1;
}

/* The first row holding text, or NULL. */
static inline const char *tt_find_row(WINDOW *w, const char *text)
{
	int y = tt_find(w, text);

	return y < 0 ? NULL : tt_row(w, y);
}

static inline void tt_dump(WINDOW *w)
{
	for (int y = 0; y < getmaxy(w); y++)
		print_message("|%s\n", tt_row(w, y));
}

/* Fails, showing the window, unless a row holds text. */
static inline void tt_assert_row(WINDOW *w, const char *text)
{
	if (tt_find(w, text) < 0) {
		tt_dump(w);
		fail_msg("no row holds \"%s\"", text);
	}
}

/* Fails, showing the window, when a row holds text. */
static inline void tt_assert_no_row(WINDOW *w, const char *text)
{
	if (tt_find(w, text) >= 0) {
		tt_dump(w);
		fail_msg("a row holds \"%s\"", text);
	}
}

/* No raw escape byte anywhere on the window. */
static inline void tt_assert_clean(WINDOW *w)
{
	for (int y = 0; y < getmaxy(w); y++)
		assert_null(strchr(tt_row(w, y), '\x1b'));
}

/* The whole window for v, blanked first. */
static inline void tt_draw(struct ms_view *v, WINDOW *w)
{
	werase(w);
	ms_view_draw(v, w, (struct ms_rect){ 0, 0, getmaxy(w), getmaxx(w) });
}

/*
 * The stale rule's cases (model/procage.c), added to s in cgroup (NULL:
 * none): PSS, Swap and VMAs read now (42 fresh), 12 s ago (43 old), a
 * second ago at an RSS 500 MB larger (44 freed, the largest RSS) and a
 * second ago (45 recent).
 */
static inline void tt_stale_procs(struct ms_snapshot *s, const char *cgroup)
{
	/* pid, RSS, the RSS its PSS was read at, how long ago */
	static const struct {
		int pid;
		const char *comm;
		uint64_t rss, then;
		double age;
	} procs[] = {
		{ 42, "fresh", 9000, 9000, 0 },
		{ 43, "old", 8000, 8000, 12 },
		{ 44, "freed", 13312, 525312, 1 },
		{ 45, "recent", 5000, 5000, 1 },
	};

	s->have |= MS_SEC_BIT(MS_SEC_PROCS);
	for (size_t i = 0; i < sizeof(procs) / sizeof(procs[0]); i++) {
		struct ms_proc *p = ms_proc_add(&s->procs);

		assert_non_null(p);
		p->pid = procs[i].pid;
		snprintf(p->comm, sizeof(p->comm), "%s", procs[i].comm);
		snprintf(p->cgroup, sizeof(p->cgroup), "%s",
			 cgroup ? cgroup : "");
		p->uid = 0;
		p->rss_kb = procs[i].rss;
		p->pss_kb = p->detail_rss_kb = procs[i].then;
		p->swap_kb = 0;
		p->detail_age_s = procs[i].age;
	}
}

/* ---- a captured tree ------------------------------------------------------ */

/* The tree most tests draw: this machine's 6.18 kernel. */
#define TT_TREE "tests/fixtures/debian12-6.18"

/* A captured tree, its manager and sample, and a 40x120 window. */
struct tt_tree {
	struct ms_root root;
	struct ms_manager m;
	struct ms_snapshot s;
	WINDOW *w;
};

static inline struct tt_tree *tt_open(const char *dir)
{
	struct tt_tree *t = calloc(1, sizeof(*t));

	assert_non_null(t);
	assert_int_equal(ms_root_open(&t->root, dir), 0);
	assert_int_equal(ms_manager_open(&t->m, &t->root), 0);
	ms_snapshot_init(&t->s);
	t->w = newwin(40, 120, 0, 0);
	return t;
}

static inline void tt_close(struct tt_tree *t)
{
	delwin(t->w);
	ms_snapshot_free(&t->s);
	ms_manager_close(&t->m);
	ms_root_close(&t->root);
	free(t);
}

/*
 * A sample with what v asks for, the header's meminfo and the sections
 * secs, given to v as the main loop does.
 */
static inline void tt_sample(struct tt_tree *t, struct ms_view *v,
			     unsigned int secs)
{
	struct ms_request req = { .sections = MS_SEC_BIT(MS_SEC_MEMINFO) |
					      secs };

	ms_view_request(v, &req);
	assert_int_equal(ms_session_sample(&(struct ms_session){ .m = &t->m },
					   &req, &t->s, NULL),
			 0);
	ms_view_update(v, &t->s, NULL);
}

/* cmocka setup and teardown: *state is TT_TREE, opened. */
static inline int tt_setup(void **state)
{
	*state = tt_open(TT_TREE);
	return 0;
}

static inline int tt_teardown(void **state)
{
	tt_close(*state);
	return 0;
}

/* Every line of a scrolled page: draw, then page down until the end. */
static inline bool tt_page_has(struct ms_view *v, WINDOW *w, const char *text)
{
	ms_view_key(v, KEY_HOME);
	for (int i = 0; i < 100; i++) {
		tt_draw(v, w);
		if (tt_find_row(w, text))
			return true;
		ms_view_key(v, KEY_NPAGE);
	}
	return false;
}

static inline void tt_assert_page(struct ms_view *v, WINDOW *w,
				  const char *text)
{
	if (!tt_page_has(v, w, text)) {
		ms_view_key(v, KEY_HOME);
		for (int i = 0; i < 10; i++) {
			tt_draw(v, w);
			tt_dump(w);
			ms_view_key(v, KEY_NPAGE);
		}
		fail_msg("no line of the page holds \"%s\"", text);
	}
}

/*
 * Run the group on an xterm screen over /dev/null in C.UTF-8, with the
 * default theme's colours when color.
 */
static inline int tt_run_(const char *name, const struct CMUnitTest *t,
			  size_t n, bool color)
{
	FILE *out, *in;
	SCREEN *scr;
	int rc;

	if (!setlocale(LC_ALL, "C.UTF-8")) {
		fprintf(stderr, "%s: no C.UTF-8 locale\n", name);
		return 1;
	}
	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	scr = out && in ? newterm("xterm", out, in) : NULL;
	if (!scr)
		return 1;
	if (color) {
		start_color();
		ms_theme_apply(true);
	}
	rc = _cmocka_run_group_tests(name, t, n, NULL, NULL);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
	return rc;
}
#define tt_run(name, tests, color) \
	tt_run_(name, tests, sizeof(tests) / sizeof((tests)[0]), color)

#endif
