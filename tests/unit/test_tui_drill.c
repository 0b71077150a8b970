// SPDX-License-Identifier: GPL-2.0
/*
 * The drill-down stack (tui/drill.c): screens open and refuse, Esc and
 * Backspace go back one, a screen of lines scrolls, the title and the
 * footer say how to go back, requests and samples reach every open screen.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tui_test.h"

/* A tab of nothing but a stack, and what its screens saw. */
struct fake {
	struct ms_view base;
	struct ms_drills drills;
	struct ms_gpanel graph; /* only its mode is used */
	bool frame_ok; /* its frame lets the screens draw */
	int closed, updated, lines;
	char asked[32];
};

#define FK(d) ((struct fake *)(d)->v)

static bool fake_frame(struct ms_view *v, WINDOW *w, struct ms_rect *r)
{
	if (((struct fake *)v)->frame_ok)
		return true;
	ms_message(w, *r, 0, "section missing");
	return false;
}

static void fake_draw(struct ms_view *v, WINDOW *w, struct ms_rect r)
{
	(void)v;
	ms_put(w, r.y, r.x, r.w, MS_LEFT, true, 0, "the tab's own");
}

static enum ms_key_result fake_key(struct ms_view *v, int key)
{
	(void)v;
	return key == 'k' ? MS_KEY_DONE : MS_KEY_PASS;
}

static const char *fake_hints(struct ms_view *v)
{
	(void)v;
	return "Enter open";
}

static const struct ms_view_class fake_class = {
	.name = "Fake",
	.frame = fake_frame,
	.draw = fake_draw,
	.on_key = fake_key,
	.hints = fake_hints,
};

static enum ms_key_result refuse(struct ms_drill *d)
{
	(void)d;
	return MS_KEY_PASS;
}

static enum ms_key_result close_lines(struct ms_drill *d)
{
	FK(d)->closed++;
	return MS_KEY_RESAMPLE;
}

/* Each open screen adds its name to the request's slab_cache. */
static void ask(struct ms_drill *d, struct ms_request *req)
{
	strcat(req->slab_cache, d->cls->name);
}

static void seen(struct ms_drill *d, const struct ms_snapshot *cur)
{
	(void)cur;
	FK(d)->updated++;
}

static void lines_title(struct ms_drill *d, char *buf, size_t len)
{
	snprintf(buf, len, "Lines of %s", (const char *)d->arg);
}

static void many_lines(struct ms_drill *d, struct ms_screen *l)
{
	for (int i = 0; i < FK(d)->lines; i++) {
		ms_screen_tag(l, i ? "t.b" : "t.a");
		ms_screen_linef(l, 0, "line %d", i);
	}
}

static enum ms_key_result lines_key(struct ms_drill *d, int key)
{
	(void)d;
	return key == 'x' ? MS_KEY_DONE : MS_KEY_PASS;
}

static const char *const lines_ids[] = { "t.a", "t.b", NULL };

static const struct ms_drill_class lines_screen = {
	.name = "L",
	.close = close_lines,
	.request = ask,
	.update = seen,
	.title = lines_title,
	.lines = many_lines,
	.key = lines_key,
	.graph = true,
	.hints = "x mark",
	.back = "back to the list",
	.ids = lines_ids,
};

static const struct ms_drill_class refused_screen = {
	.name = "R",
	.open = refuse,
};

/* A table's editing keys say what Esc does: no "Esc back" after them. */
static const char *own_hints(struct ms_drill *d)
{
	d->own_hints = true;
	return "type to filter  Enter keep  Esc clear";
}

static void other_draw(struct ms_drill *d, WINDOW *w, struct ms_rect r)
{
	(void)d;
	ms_put(w, r.y, r.x, r.w, MS_LEFT, true, 0, "drawn by itself");
}

static const struct ms_drill_class other_screen = {
	.name = "O",
	.request = ask,
	.update = seen,
	.draw = other_draw,
	.hints_fn = own_hints,
};

static struct fake *fake_new(void)
{
	static const struct ms_ui ui = { 0 };
	struct fake *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->base.cls = &fake_class;
	f->base.ui = &ui;
	f->frame_ok = true;
	f->lines = 100;
	ms_drills_init(&f->drills, &f->base, &f->graph);
	return f;
}

static void test_push_pop(void **state)
{
	struct fake *f = fake_new();
	struct ms_view *v = &f->base;

	(void)state;
	assert_null(ms_drill_top(v));
	/* a screen with nothing to show stays closed */
	assert_int_equal(ms_drill_push(v, &refused_screen, NULL), MS_KEY_DONE);
	assert_null(ms_drill_top(v));
	/* without a screen, keys and hints are the tab's; Esc is not */
	assert_int_equal(ms_view_key(v, 'k'), MS_KEY_DONE);
	assert_int_equal(ms_view_key(v, MS_KEY_ESC), MS_KEY_PASS);
	assert_string_equal(ms_view_hints(v), "Enter open");

	assert_int_equal(ms_drill_push(v, &lines_screen, "one"), MS_KEY_DONE);
	assert_ptr_equal(ms_drill_top(v)->cls, &lines_screen);
	assert_ptr_equal(ms_drill_find(v, &lines_screen), ms_drill_top(v));
	assert_null(ms_drill_find(v, &other_screen));
	/* the screen's keys first, the tab's no more, then the globals */
	assert_int_equal(ms_view_key(v, 'x'), MS_KEY_DONE);
	assert_int_equal(ms_view_key(v, 'k'), MS_KEY_PASS);
	assert_string_equal(ms_view_hints(v), "x mark  Esc back to the list");
	/* Esc closes it with what its close says */
	assert_int_equal(ms_view_key(v, MS_KEY_ESC), MS_KEY_RESAMPLE);
	assert_int_equal(f->closed, 1);
	assert_null(ms_drill_top(v));
	/* Backspace as well */
	ms_drill_push(v, &lines_screen, "one");
	assert_int_equal(ms_view_key(v, KEY_BACKSPACE), MS_KEY_RESAMPLE);
	assert_int_equal(f->closed, 2);
	assert_null(ms_drill_top(v));
	free(f);
}

static void test_stack(void **state)
{
	struct fake *f = fake_new();
	struct ms_view *v = &f->base;
	struct ms_request req = { 0 };
	struct ms_snapshot s = { 0 };

	(void)state;
	ms_drill_push(v, &lines_screen, "one");
	ms_drill_push(v, &other_screen, NULL);
	/* every open screen asks, bottom first, and sees the sample */
	ms_view_request(v, &req);
	assert_string_equal(req.slab_cache, "LO");
	ms_view_update(v, &s, NULL);
	assert_int_equal(f->updated, 2);
	/* a screen whose hints say what Esc does gets no "Esc back" */
	assert_string_equal(ms_view_hints(v),
			    "type to filter  Enter keep  Esc clear");
	/* a screen that draws itself does not scroll, nor show the graph */
	assert_int_equal(ms_view_key(v, KEY_DOWN), MS_KEY_PASS);
	assert_int_equal(ms_view_key(v, 'H'), MS_KEY_PASS);
	assert_int_equal(f->graph.mode, MS_GRAPH_AUTO);
	/* Esc goes back one screen, a second one to the tab */
	assert_int_equal(ms_view_key(v, MS_KEY_ESC), MS_KEY_DONE);
	assert_ptr_equal(ms_drill_top(v)->cls, &lines_screen);
	/* one that shows the tab's graph: H shows or hides it */
	assert_int_equal(ms_view_key(v, 'H'), MS_KEY_DONE);
	assert_int_equal(f->graph.mode, MS_GRAPH_ON);
	ms_drill_pop_all(v);
	assert_null(ms_drill_top(v));
	assert_int_equal(f->closed, 1);
	free(f);
}

static void test_draw_scroll(void **state)
{
	struct fake *f = fake_new();
	struct ms_view *v = &f->base;
	WINDOW *w = newwin(10, 60, 0, 0);
	struct ms_explain_ids e = { 0 };

	(void)state;
	tt_draw(v, w);
	tt_assert_row(w, "the tab's own");
	ms_drill_push(v, &lines_screen, "one");
	tt_draw(v, w);
	/* the stack's title, then the lines, scrolled */
	assert_int_equal(tt_find(w, "Lines of one  (Esc back)"), 0);
	assert_int_equal(tt_find(w, "line 0"), 1);
	assert_int_equal(ms_view_key(v, KEY_DOWN), MS_KEY_DONE);
	tt_draw(v, w);
	assert_int_equal(tt_find(w, "line 1"), 1);
	assert_int_equal(ms_view_key(v, KEY_END), MS_KEY_DONE);
	tt_draw(v, w);
	assert_int_equal(tt_find(w, "line 99"), 9);
	/* the explain ids are its ids, the cursor on the first in view */
	ms_view_explain(v, &e);
	assert_int_equal(e.n, 2);
	assert_string_equal(e.id[e.cur], "t.b");
	/* a screen opened anew starts at its top */
	ms_view_key(v, MS_KEY_ESC);
	ms_drill_push(v, &lines_screen, "two");
	tt_draw(v, w);
	assert_int_equal(tt_find(w, "Lines of two  (Esc back)"), 0);
	/* the tab's frame comes first: its message, no screen */
	f->frame_ok = false;
	tt_draw(v, w);
	tt_assert_row(w, "section missing");
	assert_int_equal(tt_find(w, "Lines of two"), -1);
	delwin(w);
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_push_pop),
		cmocka_unit_test(test_stack),
		cmocka_unit_test(test_draw_scroll),
	};

	return tt_run("tui_drill", tests, false);
}
