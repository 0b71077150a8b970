// SPDX-License-Identifier: GPL-2.0
/*
 * Explain mode: every id every tab shows has a complete English text and a
 * Chinese translation in the compiled .mo; CJK text is two columns wide.
 * (The highlight each id makes on screen: test_tui_explain.c.)
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/area.h"
#include "model/field.h"
#include "model/snapshot.h"
#include "probes/probe.h"
#include "tui/explain.h"
#include "probes/procfs/procfs.h"
#include "tui/tabs/memory/buckets.h"
#include "tui/tabs/memory/census.h"
#include "tui/view.h"
#include "tui/widgets.h"
#include "tests/unit/tui_test.h"

static const struct ms_opts opts = { .interval = 1 };
static struct ms_ui ui = { .opts = &opts, .utf8 = true };

/* ---- Width of CJK text ----------------------------------------------- */

static void test_cjk_width(void **state)
{
	int cols;

	assert_int_equal(ms_text_width("\u4f19\u4f34\u7cfb\u7edf"), 8);
	assert_int_equal(ms_text_width("a\u4f19b"), 4);
	assert_int_equal(ms_text_width("\u3001"), 2); /* 、 */
	assert_int_equal(ms_text_next("\u4f19x", &cols), 3);
	assert_int_equal(cols, 2);
	assert_int_equal(ms_text_next("x", &cols), 1);
	assert_int_equal(cols, 1);
	assert_int_equal(ms_text_next("", &cols), 0);
}

/* ms_put cuts between characters: 5 columns hold two CJK ones. */
static void test_cjk_put(void **state)
{
	WINDOW *w = newwin(3, 20, 0, 0);
	wchar_t wc[8];

	assert_non_null(w);
	assert_int_equal(ms_put(w, 0, 0, 5, MS_LEFT, false, 0,
				"\u4f19\u4f34\u7cfb\u7edf"),
			 4);
	assert_int_equal(ms_put(w, 1, 0, 5, MS_LEFT, true, 0,
				"\u4f19\u4f34\u7cfb\u7edf"),
			 5);
	assert_int_equal(getcurx(w), 5);
	mvwinnwstr(w, 0, 0, wc, 3);
	assert_int_equal(wc[0], 0x4f19);
	assert_int_equal(wc[1], 0x4f34);
	delwin(w);
}

/* ---- The catalog ----------------------------------------------------- */

static void test_catalog_complete(void **state)
{
	const struct ms_explain *x;
	int n = 0;

	for (int i = 0; (x = ms_explain_at(i)); i++, n++) {
		assert_non_null(x->id);
		assert_non_null(x->name);
		assert_true(x->name[0] && x->what[0] && x->source[0] &&
			    x->formula[0] && x->healthy[0]);
		/* ids are unique: the lookup finds this very entry */
		assert_ptr_equal(ms_explain_find(x->id), x);
	}
	assert_true(n > 100);
	assert_null(ms_explain_find("no.such.id"));
}

static bool in_all(const struct ms_view_class *c, const char *id)
{
	for (const char *const *p = c->explain_all; p && *p; p++)
		if (!strcmp(*p, id))
			return true;
	return false;
}

/*
 * Every tab: every id it can show has an entry; what its first page
 * offers (table columns included) is among them; no entry is orphaned.
 */
static void test_views_covered(void **state)
{
	const struct ms_explain *x;

	for (int i = 0; ms_views[i]; i++) {
		const struct ms_view_class *c = ms_views[i];
		struct ms_view *v;
		struct ms_explain_ids e = { 0 };

		assert_non_null(c->explain);
		assert_non_null(c->explain_all);
		for (const char *const *p = c->explain_all; *p; p++)
			if (!ms_explain_find(*p))
				fail_msg("%s: no text for %s", c->id, *p);
		v = c->create(&ui);
		assert_non_null(v);
		c->explain(v, &e);
		assert_true(e.n > 0);
		assert_true(e.cur >= 0 && e.cur < e.n);
		for (int j = 0; j < e.n; j++)
			if (!in_all(c, e.id[j]))
				fail_msg("%s: %s not in explain_all", c->id,
					 e.id[j]);
		c->destroy(v);
	}
	for (int i = 0; (x = ms_explain_at(i)); i++) {
		bool used = false;

		for (int j = 0; ms_views[j] && !used; j++)
			used = in_all(ms_views[j], x->id);
		if (!used)
			fail_msg("%s: no tab shows it", x->id);
	}
}

/* ---- The translation ------------------------------------------------- */

static bool has_cjk(const char *s)
{
	int cols, n;

	for (; (n = ms_text_next(s, &cols)) > 0; s += n)
		if (cols == 2)
			return true;
	return false;
}

static void check_zh(const char *id, const char *en)
{
	const char *zh = ms_explain_tr(en);

	if (!zh || !zh[0] || !strcmp(zh, en) || !has_cjk(zh))
		fail_msg("%s: no Chinese for \"%s\"", id, en);
}

/*
 * Texts written before their tab, which its class will name in its
 * catalog (then they leave this list: no id is in both). None now.
 */
static const struct ms_explain *const waiting[] = { NULL };

/* id's text in a tab's catalog or in one waiting for its tab. */
static const struct ms_explain *find_any(const char *id)
{
	const struct ms_explain *x = ms_explain_find(id);

	for (int c = 0; !x && waiting[c]; c++)
		for (const struct ms_explain *y = waiting[c]; y->id; y++)
			if (!strcmp(y->id, id))
				return y;
	return x;
}

/* The waiting texts: complete, ids unique and in no tab's catalog. */
static void test_waiting_complete(void **state)
{
	for (int c = 0; waiting[c]; c++)
		for (const struct ms_explain *x = waiting[c]; x->id; x++) {
			assert_non_null(x->name);
			assert_true(x->name[0] && x->what[0] && x->source[0] &&
				    x->formula[0] && x->healthy[0]);
			assert_null(ms_explain_find(x->id));
			assert_ptr_equal(find_any(x->id), x);
		}
}

static void test_zh_complete(void **state)
{
	const struct ms_explain *x;
	const char *dir = ms_explain_init();

	assert_non_null(strstr(dir, "locale"));
	for (int i = 0; (x = ms_explain_at(i)); i++) {
		check_zh(x->id, x->what);
		check_zh(x->id, x->source);
		check_zh(x->id, x->formula);
		check_zh(x->id, x->healthy);
	}
	for (int c = 0; waiting[c]; c++)
		for (x = waiting[c]; x->id; x++) {
			check_zh(x->id, x->what);
			check_zh(x->id, x->source);
			check_zh(x->id, x->formula);
			check_zh(x->id, x->healthy);
		}
	/* the panel's own labels */
	check_zh("panel", "What");
	check_zh("panel", "Healthy");
	check_zh("panel", "Left/Right: next  x/Esc: close");
	assert_string_equal(ms_explain_tr("buddy.zone.frag"),
			    "buddy.zone.frag"); /* ids stay */
}

/*
 * Every kind of the page census has its text, and every text of the
 * census is complete and in Chinese too.
 */
static void test_census_texts(void **state)
{
	const struct ms_explain *x;
	char id[64];
	int n = 0;

	(void)state;
	ms_explain_init();
	for (x = ms_explain_memory_census; x->id; x++, n++) {
		assert_true(x->name[0] && x->what[0] && x->source[0] &&
			    x->formula[0] && x->healthy[0]);
		check_zh(x->id, x->what);
		check_zh(x->id, x->source);
		check_zh(x->id, x->formula);
		check_zh(x->id, x->healthy);
		assert_string_equal(ms_memory_census_ids[n], x->id);
	}
	assert_null(ms_memory_census_ids[n]);
	for (int k = 0; k < MS_CK_N; k++) {
		bool found = false;

		snprintf(id, sizeof(id), "memory.census.kind.%s",
			 ms_census_kind_names[k]);
		for (x = ms_explain_memory_census; x->id && !found; x++)
			found = !strcmp(x->id, id);
		if (!found)
			fail_msg("kind %s has no text",
				 ms_census_kind_names[k]);
	}
}

static const struct ms_explain *bucket_text(const char *id)
{
	for (const struct ms_explain *x = ms_explain_memory_buckets; x->id; x++)
		if (!strcmp(x->id, id))
			return x;
	return NULL;
}

/* An "of which" figure's text (explain_of.c), in Chinese too. */
static const struct ms_explain *of_text(const char *id)
{
	for (const struct ms_explain *x = ms_explain_memory_of; x->id; x++)
		if (!strcmp(x->id, id)) {
			check_zh(x->id, x->what);
			check_zh(x->id, x->source);
			check_zh(x->id, x->formula);
			check_zh(x->id, x->healthy);
			return x;
		}
	return NULL;
}

/*
 * Every bucket of the memory ledger has its text, in Chinese too: the
 * buckets the captured trees give (callers, pools and sizes by their
 * pattern), and every text is one of the ids the tab may show.
 */
static void test_ledger_buckets(void **state)
{
	static const char *const trees[] = { "tests/fixtures/debian12-6.18",
					     "tests/fixtures/debian-6.1-2node",
					     "tests/fixtures/debian-6.12-2node",
					     NULL };
	const struct ms_explain *x;
	char id[MS_LEDGER_NAME + 16];
	int k;

	(void)state;
	ms_explain_init();
	for (x = ms_explain_memory_buckets; x->id; x++) {
		assert_true(x->name[0] && x->what[0] && x->source[0] &&
			    x->formula[0] && x->healthy[0]);
		check_zh(x->id, x->what);
		check_zh(x->id, x->source);
		check_zh(x->id, x->formula);
		check_zh(x->id, x->healthy);
	}
	for (k = 0; trees[k]; k++) {
		struct ms_root r;
		struct ms_procfs pf = { 0 };
		struct ms_snapshot s;
		const struct ms_ledger *l = &s.memory.ledger;

		ms_snapshot_init(&s);
		assert_int_equal(ms_root_open(&r, trees[k]), 0);
		assert_int_equal(ms_procfs_memory(&r, &pf, false, &s), 0);
		assert_true(l->n > 20);
		for (int i = 0; i < l->n; i++) {
			ms_ledger_bucket_id(&l->v[i], id, sizeof(id));
			if (!bucket_text(id))
				fail_msg("%s: bucket %s has no text (%s)",
					 trees[k], l->v[i].name, id);
		}
		/* dirty, writeback, mapped under file: each its own text */
		assert_int_equal(s.memory.of_which.n, 3);
		for (int i = 0; i < s.memory.of_which.n; i++) {
			ms_ledger_bucket_id(&s.memory.of_which.v[i], id,
					    sizeof(id));
			if (!of_text(id))
				fail_msg("%s: of which %s has no text (%s)",
					 trees[k], s.memory.of_which.v[i].name,
					 id);
		}
		ms_snapshot_free(&s);
		ms_buf_free(&pf.buf);
		ms_buf_free(&pf.buf2);
		ms_root_close(&r);
	}
}

/* Every explain id a field table of an area names has its text. */
static void test_fields_explained(void **state)
{
	const struct ms_field *f[128];

	(void)state;
	for (int a = 0; ms_areas[a]; a++)
		for (const struct ms_rtable *t = ms_areas[a]->tables; t->name;
		     t++) {
			int n = ms_fields_flat(t->t, f, 128);

			for (int i = 0; i < n; i++) {
				if (!f[i]->explain)
					continue;
				print_message("%s: %s\n", f[i]->key,
					      f[i]->explain);
				assert_non_null(find_any(f[i]->explain));
			}
		}
}

/* The panel draws the Chinese text, wrapped inside its rectangle. */
static void test_panel_zh(void **state)
{
	WINDOW *w = newwin(12, 60, 0, 0);
	struct ms_explain_ids e = {
		.id = { "buddy.zone.frag", "buddy.zone.wmark" }, .n = 2
	};
	wchar_t wc[64];
	int h = ms_explain_height(&e, 0, 60);

	assert_non_null(w);
	assert_true(h >= 5 && h <= 11);
	ms_explain_draw(w, (struct ms_rect){ 0, 0, h, 60 }, &e, 0, &ui);
	/* line 1: the label 含义 then the text */
	mvwinnwstr(w, 1, 1, wc, 2);
	assert_int_equal(wc[0], 0x542b);
	assert_int_equal(wc[1], 0x4e49);
	delwin(w);
}

/* The areas of model/areas.def without a tab (NOTAB), by name. */
#define NAME_TAB(a)
#define NAME_NOTAB(a) #a,
#define MS_AREA(a, kind) NAME_##kind(a)
static const char *const notab[] = {
#include "model/areas.def"
	NULL
};
#undef MS_AREA

static bool is_notab(const char *name)
{
	for (int i = 0; notab[i]; i++)
		if (!strcmp(notab[i], name))
			return true;
	return false;
}

/*
 * The tabs are the areas with a name (model/areas.def) and a TAB, in
 * their order, each with its explain texts: the catalog holds every
 * tab's, once. A named NOTAB area is a batch --tab without a view.
 */
static void test_tabs_are_areas(void **state)
{
	int v = 0, n = 0;

	(void)state;
	for (int i = 0; ms_areas[i]; i++) {
		if (!ms_areas[i]->name || is_notab(ms_areas[i]->name))
			continue;
		assert_non_null(ms_views[v]);
		assert_string_equal(ms_views[v]->id, ms_areas[i]->name);
		assert_non_null(ms_views[v]->catalog);
		for (int k = 0; ms_views[v]->catalog[k]; k++)
			for (const struct ms_explain *x =
				     ms_views[v]->catalog[k];
			     x->id; x++, n++)
				assert_ptr_equal(ms_explain_find(x->id), x);
		v++;
	}
	assert_null(ms_views[v]);
	assert_non_null(ms_explain_at(n - 1));
	assert_null(ms_explain_at(n));
}

/* A ends-with test for the row's text. */
static bool ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);

	return n >= m && !strcmp(s + n - m, end);
}

/*
 * A panel too short for its text ends its last row with a mark, whether
 * the cut falls inside a part or between two; the whole text has none.
 */
static void test_panel_cut(void **state)
{
	WINDOW *w = newwin(20, 80, 0, 0);
	struct ms_explain_ids e = { .id = { "buddy.zone.frag" }, .n = 1 };
	int full = ms_explain_height(&e, 0, 80);

	assert_true(full >= 5);
	for (int h = 2; h <= full; h++) {
		werase(w);
		ms_explain_draw(w, (struct ms_rect){ 0, 0, h, 80 }, &e, 0, &ui);
		if (h < full)
			assert_true(ends_with(tt_row(w, h - 1), "\u2026"));
		else /* the text's rows (a title cut short has its own) */
			for (int y = 1; y < h; y++)
				assert_false(ends_with(tt_row(w, y), "\u2026"));
	}
	delwin(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cjk_width),
		cmocka_unit_test(test_cjk_put),
		cmocka_unit_test(test_catalog_complete),
		cmocka_unit_test(test_views_covered),
		cmocka_unit_test(test_tabs_are_areas),
		cmocka_unit_test(test_waiting_complete),
		cmocka_unit_test(test_zh_complete),
		cmocka_unit_test(test_panel_zh),
		cmocka_unit_test(test_panel_cut),
		cmocka_unit_test(test_fields_explained),
		cmocka_unit_test(test_ledger_buckets),
		cmocka_unit_test(test_census_texts),
	};

	/* Chinese whatever the caller's environment says */
	setenv("LANGUAGE", "zh_CN", 1);
	return tt_run("test_explain", tests, true);
}
