// SPDX-License-Identifier: GPL-2.0
/*
 * History graphs drawn off screen: sparklines and braille plots in UTF-8
 * and ASCII, the panel's layout, and each tab's panel after a sequence of
 * samples from the 6.18 tree with one value changed.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "app/session.h"
#include "probes/probe.h"
#include "tui/tabs/buddy/buddy.h"
#include "tui/tabs/numa/numa.h"
#include "tui/tabs/reclaim/reclaim.h"
#include "tui/tabs/slab/slab.h"
#include "tui/tabs/vma/vma.h"
#include "tui/view.h"
#include "tests/unit/tui_test.h"

#define W 120 /* window width: sparklines of 83 cells */
#define LAST (13 + 83 - 1) /* the newest cell of a sparkline */
#define T0 1000 /* seconds: the t_mono of each test's first sample */

static const struct ms_opts opts = { .interval = 1 };
static const struct ms_ui ui = { .opts = &opts, .utf8 = true, .interval = 1 };
static const struct ms_ui ascii = { .opts = &opts, .interval = 1 };

/* The row starting with label (a panel line), or -1. */
static int line_of(WINDOW *w, const char *label)
{
	for (int y = 0; y < getmaxy(w); y++)
		if (!strncmp(tt_row(w, y), label, strlen(label)) &&
		    tt_row(w, y)[strlen(label)] == ' ')
			return y;
	tt_dump(w);
	fail_msg("no line \"%s\"", label);
	return -1;
}

/* The character at (y, x). */
static wchar_t at(WINDOW *w, int y, int x)
{
	wchar_t wc[2] = { 0 };

	mvwinnwstr(w, y, x, wc, 1);
	return wc[0];
}

/* ---- Widgets --------------------------------------------------------- */

static void test_spark(void **state)
{
	WINDOW *w = newwin(2, 20, 0, 0);
	const double v[] = { 0, NAN, 7, 14 };

	ms_graph_spark(w, 0, 0, v, 4, 0, 14, 0, &ui);
	/* lowest, a gap, the middle, the top */
	assert_string_equal(tt_row(w, 0), "\u2581 \u2585\u2588");
	ms_graph_spark(w, 1, 0, v, 4, 0, 14, 0, &ascii);
	assert_string_equal(tt_row(w, 1), ". +@");
	delwin(w);
}

static void test_plot(void **state)
{
	WINDOW *w = newwin(3, 10, 0, 0);
	const double v[] = { 0, 7, NAN, 3 };
	const double a[] = { 0, 2, NAN };

	/* 2 rows x 4 dots: 0 is the bottom dot, 7 the full column */
	ms_graph_plot(w, (struct ms_rect){ 0, 0, 2, 2 }, v, 4, 0, 7, 0, &ui);
	assert_string_equal(tt_row(w, 0), "\u28b8");
	assert_string_equal(tt_row(w, 1), "\u28f8\u28b8");
	werase(w);
	ms_graph_plot(w, (struct ms_rect){ 0, 0, 3, 3 }, a, 3, 0, 2, 0, &ascii);
	assert_string_equal(tt_row(w, 0), " *");
	assert_string_equal(tt_row(w, 1), " :");
	assert_string_equal(tt_row(w, 2), "*:");
	delwin(w);
}

static void test_span_and_memory(void **state)
{
	char buf[96], want[96];

	assert_string_equal(ms_graph_span(buf, sizeof(buf), 45), "last 45 s");
	assert_string_equal(ms_graph_span(buf, sizeof(buf), 300), "last 5 min");
	assert_string_equal(ms_graph_span(buf, sizeof(buf), 150),
			    "last 2.5 min");
	assert_string_equal(ms_graph_span(buf, sizeof(buf), 9000),
			    "last 2.5 h");
	snprintf(want, sizeof(want),
		 "history: 300 samples x 304 series = %.0f KiB at most",
		 304.0 * (double)(sizeof(struct ms_series) + sizeof(void *)) /
			 1024);
	assert_string_equal(ms_graph_memory(buf, sizeof(buf)), want);
}

/* The busiest series: largest first, ties as offered, at most max. */
static void test_gtop(void **state)
{
	static const double v[] = { 3, 9, 1, 9, 5, 7 };
	struct ms_gtop t = { .max = 3 }, none = { .max = 0 };

	for (int i = 0; i < 6; i++) {
		ms_gtop_offer(&t, i, v[i]);
		ms_gtop_offer(&none, i, v[i]);
	}
	assert_int_equal(t.n, 3);
	assert_int_equal(t.i[0], 1);
	assert_int_equal(t.i[1], 3);
	assert_int_equal(t.i[2], 5);
	assert_true(t.v[2] == 7);
	assert_int_equal(none.n, 0);
}

static void test_panel_take(void **state)
{
	struct ms_gpanel p;
	struct ms_rect r = { 3, 0, 30, 100 }, g;

	assert_int_equal(ms_gpanel_init(&p, 4), 0);
	/* on its own only on a tall screen */
	g = ms_gpanel_take(&p, &r);
	assert_int_equal(g.h, 0);
	assert_int_equal(r.h, 30);
	r.h = 40;
	g = ms_gpanel_take(&p, &r);
	assert_int_equal(g.h, 16);
	assert_int_equal(r.h, 24);
	assert_int_equal(g.y, 3 + 24);
	/* H: hidden; H again: shown on a short screen too */
	ms_gpanel_toggle(&p);
	r.h = 40;
	assert_int_equal(ms_gpanel_take(&p, &r).h, 0);
	ms_gpanel_toggle(&p);
	r.h = 20;
	assert_int_equal(ms_gpanel_take(&p, &r).h, 8);
	assert_int_equal(r.h, 12);
	r.h = 9; /* no room: the tab keeps its rows */
	assert_int_equal(ms_gpanel_take(&p, &r).h, 0);
	assert_int_equal(r.h, 9);
	ms_gpanel_free(&p);
}

static void test_panel_tiny(void **state)
{
	struct ms_gline l[2] = { { "a", "a", MS_GF_COUNT, false },
				 { "b", "b", MS_GF_COUNT, false } };
	struct ms_gpanel p;
	WINDOW *w = newwin(3, 80, 0, 0);

	assert_int_equal(ms_gpanel_init(&p, 2), 0);
	ms_hist_tick(&p.hist, 1, 1);
	ms_hist_push(&p.hist, "a", 1);
	/* a title and nothing else fits: says so, draws no line */
	ms_gpanel_draw(&p, w, (struct ms_rect){ 0, 0, 1, 80 }, "x", l, 2, &ui);
	assert_non_null(
		strstr(tt_row(w, 0), "History: no room for the graphs"));
	/* two rows: the title and one sparkline; b has no room */
	werase(w);
	ms_gpanel_draw(&p, w, (struct ms_rect){ 0, 0, 2, 80 }, "x", l, 2, &ui);
	assert_non_null(strstr(tt_row(w, 0), "History, last 43 s: x"));
	/* 43 cells: one sample, at the right; a flat line sits mid-way */
	assert_int_equal(at(w, 1, 0), L'a');
	assert_int_equal(at(w, 1, 13 + 42), L'\u2585');
	assert_int_equal(at(w, 1, 13 + 41), L' ');
	assert_non_null(strstr(tt_row(w, 1), "\u2585 1 (1..1)"));
	assert_string_equal(tt_row(w, 2), "");
	ms_gpanel_free(&p);
	delwin(w);
}

/* The row ends with the cut mark. */
static bool ends_with_mark(const char *row)
{
	size_t n = strlen(row), m = strlen("\u2026");

	return n >= m && !strcmp(row + n - m, "\u2026");
}

/*
 * A value text wider than its 23 columns: a rate's range drops its "/s"
 * ("-4.0K/s (-4.0K/s..-4.0K" was cut without a mark), and what is cut
 * still ends with one.
 */
static void test_value_text_fits(void **state)
{
	struct ms_gline g = { "growth", "g", MS_GF_BYTE_RATE, false };
	struct ms_gline n = { "n", "n", MS_GF_COUNT, false };
	struct ms_gpanel p;
	WINDOW *w = newwin(2, 80, 0, 0);

	assert_int_equal(ms_gpanel_init(&p, 2), 0);
	ms_hist_tick(&p.hist, 1, 1);
	ms_hist_push(&p.hist, "g", -4096);
	ms_hist_push(&p.hist, "n", -12345678.5);
	ms_gpanel_draw(&p, w, (struct ms_rect){ 0, 0, 2, 80 }, "x", &g, 1, &ui);
	assert_non_null(strstr(tt_row(w, 1), " -4.0K/s (-4.0K..-4.0K)"));
	/* a count with decimals, too long for its columns: marked */
	werase(w);
	ms_gpanel_draw(&p, w, (struct ms_rect){ 0, 0, 2, 80 }, "x", &n, 1, &ui);
	assert_true(ends_with_mark(tt_row(w, 1)));
	ms_gpanel_free(&p);
	delwin(w);
}

/* ---- Each tab's panel ------------------------------------------------ */

static void sample(struct tt_tree *f, struct ms_view *v)
{
	struct ms_request req = { .sections = MS_SEC_BIT(MS_SEC_MEMINFO) |
					      MS_SEC_BIT(MS_SEC_RECLAIM) };

	ms_view_request(v, &req);
	assert_int_equal(ms_session_sample(&(struct ms_session){ .m = &f->m },
					   &req, &f->s, NULL),
			 0);
	/*
	 * The test's clock, not the machine's: the first of the samples
	 * fed after it (T0 + i) is this one again, so each graph starts
	 * here, however long the machine has been up.
	 */
	f->s.t_mono = T0;
	ms_view_update(v, &f->s, NULL);
}

/* Six samples a second apart; *val is 0 in the first five, then top. */
static void six_samples(struct tt_tree *f, struct ms_view *v, double *val,
			double top)
{
	for (int i = 0; i < 6; i++) {
		f->s.t_mono = T0 + i;
		*val = i < 5 ? 0 : top;
		ms_view_update(v, &f->s, NULL);
	}
}

/* The sparkline of label rose at its newest point, after 5 low ones. */
static void assert_rose(WINDOW *w, const char *label, bool utf8)
{
	int y = line_of(w, label);

	assert_int_equal(at(w, y, LAST), utf8 ? L'\u2588' : L'@');
	for (int x = LAST - 5; x < LAST; x++)
		assert_int_equal(at(w, y, x), utf8 ? L'\u2581' : L'.');
	/* nothing before the first sample: a blank, not an invented 0 */
	assert_int_equal(at(w, y, LAST - 6), L' ');
}

static void buddy_graph(struct tt_tree *f, const struct ms_ui *u)
{
	struct ms_view *v = ms_view_buddy.create(u);
	WINDOW *w = newwin(40, W, 0, 0);
	struct ms_zone *z;

	sample(f, v);
	z = &f->s.buddy.zones[0]; /* DMA: the selected row */
	assert_string_equal(z->name, "DMA");
	for (int i = 0; i < 6; i++) {
		f->s.t_mono = T0 + i;
		z->free_blocks[3] = i < 5 ? 0 : 50;
		ms_view_update(v, &f->s, NULL);
	}
	tt_draw(v, w);
	assert_true(tt_find(w, "History, last 83 s: node 0 DMA fragmentation "
			       "and free blocks per order  (H hides)") >= 0);
	assert_rose(w, "order 3", u->utf8);
	assert_non_null(strstr(tt_row(w, line_of(w, "order 3")), "50 (0..50)"));
	/* order 10 did not change: 3 blocks all along, a flat line */
	assert_non_null(strstr(tt_row(w, line_of(w, "order 10")), "3 (3..3)"));
	/* the zone table's Unus9%, plotted; no chapter's index (it does
	 * not apply with 3 free blocks of the largest order) */
	line_of(w, "unusable@9");
	tt_assert_row(w, "6.6% (6.6%..6.6%)");
	tt_assert_no_row(w, "frag%");
	/* H hides the panel, H shows it again */
	assert_int_equal(ms_view_key(v, 'H'), MS_KEY_DONE);
	tt_draw(v, w);
	assert_int_equal(tt_find(w, "History,"), -1);
	assert_int_equal(ms_view_key(v, 'H'), MS_KEY_DONE);
	tt_draw(v, w);
	assert_true(tt_find(w, "History,") >= 0);
	/* the zone's page keeps the panel, with the same history */
	assert_int_equal(ms_view_key(v, '\n'), MS_KEY_RESAMPLE);
	f->s.t_mono = T0 + 6;
	ms_view_update(v, &f->s, NULL);
	tt_draw(v, w);
	assert_true(tt_find(w, "Node 0, zone DMA  (Esc back)") >= 0);
	assert_true(tt_find(w, "History, last 83 s: node 0 DMA") >= 0);
	assert_non_null(strstr(tt_row(w, line_of(w, "order 3")), "50 (0..50)"));
	assert_int_equal(at(w, line_of(w, "order 3"), LAST - 6),
			 u->utf8 ? L'\u2581' : L'.');
	assert_int_equal(ms_view_key(v, 'H'), MS_KEY_DONE);
	tt_draw(v, w);
	assert_int_equal(tt_find(w, "History,"), -1);
	v->cls->destroy(v);
	delwin(w);
}

static void test_buddy_graph(void **state)
{
	buddy_graph(*state, &ui);
}

static void test_buddy_graph_ascii(void **state)
{
	buddy_graph(*state, &ascii);
}

static struct ms_slab_cache *cache(struct ms_snapshot *s, const char *name)
{
	for (int i = 0; i < s->slab.n; i++)
		if (!strcmp(s->slab.caches[i].name, name))
			return &s->slab.caches[i];
	fail_msg("no cache %s", name);
	return NULL;
}

static void test_slab_graph(void **state)
{
	struct tt_tree *f = *state;
	struct ms_view *v = ms_view_slab.create(&ui);
	WINDOW *w = newwin(40, W, 0, 0);
	struct ms_slab_cache *c;

	sample(f, v);
	/* the largest cache is the selected row */
	c = cache(&f->s, "ext4_inode_cache");
	six_samples(f, v, &c->bytes_rate, 4096);
	tt_draw(v, w);
	assert_true(
		tt_find(w,
			"History, last 83 s: ext4_inode_cache size and growth") >=
		0);
	assert_rose(w, "growth", true);
	assert_non_null(strstr(tt_row(w, line_of(w, "growth")), "+4.0K/s"));
	/* the cache's page shows it too */
	assert_int_equal(ms_view_key(v, '\n'), MS_KEY_RESAMPLE);
	tt_draw(v, w);
	assert_true(
		tt_find(w,
			"History, last 83 s: ext4_inode_cache size and growth") >=
		0);
	assert_int_equal(at(w, line_of(w, "growth"), LAST), L'\u2588');
	v->cls->destroy(v);
	delwin(w);
}

static struct ms_kv *kv(struct ms_kvlist *l, const char *name)
{
	for (int i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].name, name))
			return &l->v[i];
	fail_msg("no counter %s", name);
	return NULL;
}

static void test_reclaim_graph(void **state)
{
	struct tt_tree *f = *state;
	struct ms_view *v = ms_view_reclaim.create(&ui);
	WINDOW *w = newwin(40, W, 0, 0);
	struct ms_kv *scan;
	int y;

	sample(f, v);
	scan = kv(&f->s.reclaim.vmstat, "pgscan_kswapd");
	f->s.reclaim.psi_some.valid = true;
	for (int i = 0; i < 6; i++) {
		f->s.t_mono = T0 + i;
		scan->rate = i < 5 ? 0 : 500;
		f->s.reclaim.psi_some.avg10 = i < 5 ? 0 : 40;
		ms_derive_sums(&f->s);
		ms_view_update(v, &f->s, NULL);
	}
	tt_draw(v, w);
	y = tt_find(w, "History, last 83 s: memory pressure (PSI avg10)");
	assert_true(y >= 0);
	assert_rose(w, "scan kswapd", true);
	/* the plot of PSI some: its top row full only at the end */
	assert_int_equal(at(w, y + 1, LAST), L'\u28ff');
	assert_int_equal(at(w, y + 1, LAST - 1), L' ');
	assert_true(tt_find(w, "40.0% (0.0%..40.0%)") >= 0);
	/* PSI full stayed 0: drawn low on a 0..1% scale, its range 0..0 */
	assert_non_null(
		strstr(tt_row(w, line_of(w, "PSI full")), "0.0% (0.0%..0.0%)"));
	v->cls->destroy(v);
	delwin(w);
}

static void test_numa_graph(void **state)
{
	struct tt_tree *f = *state;
	struct ms_view *v = ms_view_numa.create(&ui);
	WINDOW *w = newwin(40, W, 0, 0);

	sample(f, v);
	assert_true(f->s.numa.n >= 1);
	six_samples(f, v,
		    &kv(&f->s.numa.nodes[0].numastat, "numa_foreign")->rate,
		    20);
	tt_draw(v, w);
	assert_true(tt_find(w, "History, last 83 s: numa_miss and numa_foreign "
			       "per second per node") >= 0);
	assert_rose(w, "N0 foreign", true);
	assert_non_null(strstr(tt_row(w, line_of(w, "N0 foreign")), "+20/s"));
	v->cls->destroy(v);
	delwin(w);
}

static void test_vma_graph(void **state)
{
	struct ms_view *v = ms_view_vma.create(&ui);
	WINDOW *w = newwin(40, W, 0, 0);
	struct ms_snapshot s;
	struct ms_fault_proc *fp;
	struct ms_proc *p;

	ms_snapshot_init(&s);
	s.have = MS_SEC_BIT(MS_SEC_PROCS);
	for (int i = 0; i < 2; i++) {
		p = ms_proc_add(&s.procs);
		p->pid = i ? 200 : 100;
		snprintf(p->comm, sizeof(p->comm), i ? "small" : "\x1b[2Jbig");
		p->uid = UINT32_MAX;
		p->rss_kb = i ? 10 : 1000;
		p->pss_kb = p->swap_kb = p->vmas = MS_NA;
		p->minflt_rate = 5;
	}
	for (int i = 0; i < 6; i++) {
		s.t_mono = T0 + i;
		s.procs.v[0].majflt_rate = i < 5 ? 0 : 40;
		s.procs.v[1].majflt_rate = NAN; /* unknown: a gap */
		ms_view_update(v, &s, NULL);
	}
	tt_draw(v, w);
	/* pid 100 has the most RSS: the selected row; its comm escaped */
	assert_true(
		tt_find(w,
			"History, last 83 s: pid 100 \\x1b[2Jbig page faults per "
			"second") >= 0);
	assert_rose(w, "majflt/s", true);
	assert_non_null(strstr(tt_row(w, line_of(w, "majflt/s")), "+40/s"));
	for (int y = 0; y < getmaxy(w); y++)
		assert_null(strchr(tt_row(w, y), '\x1b'));
	/* its mappings: the fault group's rates (bpf), no process list */
	assert_int_equal(ms_view_key(v, '\n'), MS_KEY_RESAMPLE);
	ms_snapshot_reset(&s);
	s.have = MS_SEC_BIT(MS_SEC_VMAS) | MS_SEC_BIT(MS_SEC_FAULT_EVENTS);
	s.vmas.pid = 100;
	s.fault_events.fields = MS_FE_SPLIT;
	s.fault_events.interval = 1;
	fp = ms_fault_proc_add(&s.fault_events);
	fp->pid = 100;
	for (int c = 0; c < MS_FC_COUNT; c++)
		fp->rate[c] = 0;
	for (int i = 0; i < 6; i++) {
		s.t_mono = T0 + 10 + i;
		fp->rate[MS_FC_MAJOR] = i < 5 ? 0 : 30;
		ms_view_update(v, &s, NULL);
	}
	tt_draw(v, w);
	assert_true(tt_find(w, "History, last 83 s: pid 100 \\x1b[2Jbig page "
			       "faults per second") >= 0);
	assert_rose(w, "bpf maj/s", true);
	assert_int_equal(tt_find(w, "minflt/s"), -1);
	assert_int_equal(ms_view_key(v, 'H'), MS_KEY_DONE);
	tt_draw(v, w);
	assert_int_equal(tt_find(w, "History,"), -1);
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	delwin(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spark),
		cmocka_unit_test(test_plot),
		cmocka_unit_test(test_span_and_memory),
		cmocka_unit_test(test_gtop),
		cmocka_unit_test(test_panel_take),
		cmocka_unit_test(test_panel_tiny),
		cmocka_unit_test(test_value_text_fits),
		cmocka_unit_test_setup_teardown(test_buddy_graph, tt_setup,
						tt_teardown),
		cmocka_unit_test_setup_teardown(test_buddy_graph_ascii,
						tt_setup, tt_teardown),
		cmocka_unit_test_setup_teardown(test_slab_graph, tt_setup,
						tt_teardown),
		cmocka_unit_test_setup_teardown(test_reclaim_graph, tt_setup,
						tt_teardown),
		cmocka_unit_test_setup_teardown(test_numa_graph, tt_setup,
						tt_teardown),
		cmocka_unit_test(test_vma_graph),
	};
	return tt_run("test_tui_graph", tests, false);
}
