// SPDX-License-Identifier: GPL-2.0
/*
 * Explain mode: every id every tab shows has a complete English text and a
 * Chinese translation in the compiled .mo; CJK text is two columns wide.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libintl.h>
#include <locale.h>
#include <math.h>
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
#include "tui/tabs/numa/numa.h"
#include "tui/tabs/reclaim/reclaim.h"
#include "tui/theme.h"
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

/* ---- Highlighting a column ------------------------------------------ */

/*
 * The text under the explain highlight on screen, run after run ("|"
 * between runs), each trimmed; "" when nothing is marked.
 */
static const char *marked(WINDOW *w)
{
	static char buf[1024];
	attr_t hl = (ms_attr(MS_C_FILTER) | A_BOLD) & A_ATTRIBUTES;
	size_t n = 0;

	buf[0] = '\0';
	for (int y = 0; y < getmaxy(w); y++) {
		bool run = false;

		for (int x = 0; x < getmaxx(w) && n + 4 < sizeof(buf); x++) {
			wchar_t wc[CCHARW_MAX + 1] = { 0 };
			cchar_t cc;
			attr_t a = 0;
			short pair = 0;
			bool on;

			mvwin_wch(w, y, x, &cc);
			getcchar(&cc, wc, &a, &pair, NULL);
			on = (a & ~A_COLOR) == (hl & ~A_COLOR) &&
			     pair == PAIR_NUMBER(hl);
			if (on && !run && n)
				buf[n++] = '|';
			if (on) /* box drawing and the like: '?' */
				buf[n++] = wc[0] > 0 && wc[0] < 127 ?
						   (char)wc[0] :
						   '?';
			run = on;
		}
	}
	buf[n] = '\0';
	/* trim the spaces of each run */
	for (char *r = buf, *end; *r; r = *end ? end + 1 : end) {
		char *a = r;

		end = strchr(r, '|');
		if (!end)
			end = r + strlen(r);
		while (a < end && *a == ' ')
			a++;
		memmove(r, a, strlen(a) + 1);
		end -= a - r;
		while (end > r && end[-1] == ' ') {
			memmove(end - 1, end, strlen(end) + 1);
			end--;
		}
	}
	return buf;
}

/*
 * Each id of ids, explained on v's page: its column title, as the
 * catalog names it, is all that is marked (every run of it).
 */
static void check_marks(struct ms_view *v, WINDOW *w, const char *const *ids)
{
	for (; *ids; ids++) {
		const struct ms_explain *x = ms_explain_find(*ids);
		struct ms_explain_ids e = { 0 };
		const char *got;

		assert_non_null(x);
		ui.explain_id = *ids;
		ms_view_explain(v, &e); /* the page remembers ui */
		tt_draw(v, w);
		got = marked(w);
		if (!*got)
			fail_msg("%s: nothing marked", *ids);
		for (const char *r = got; *r;) {
			size_t len = strcspn(r, "|");

			if (len != strlen(x->name) || strncmp(r, x->name, len))
				fail_msg("%s: \"%s\" marked, not \"%s\"", *ids,
					 got, x->name);
			r += len + (r[len] == '|');
		}
	}
	ui.explain_id = NULL;
}

/* What id marks on v's page holds want (one run of marks). */
static void check_mark(struct ms_view *v, WINDOW *w, const char *id,
		       const char *want)
{
	struct ms_explain_ids e = { 0 };
	const char *got;

	assert_non_null(ms_explain_find(id));
	ui.explain_id = id;
	ms_view_explain(v, &e);
	tt_draw(v, w);
	got = marked(w);
	if (!strstr(got, want) || strchr(got, '|'))
		fail_msg("%s: \"%s\" marked, not \"%s\"", id, got, want);
	ui.explain_id = NULL;
}

/*
 * Fields drawn outside pages and tables are marked too: the Buddy
 * list's orders panel (a captured tree) and events panel (bpf, added by
 * hand) under the zone table.
 */
static void test_buddy_panels(void **state)
{
	struct ms_view *v = ms_view_buddy.create(&ui);
	WINDOW *w = newwin(40, 120, 0, 0);
	struct ms_buddy_events *e;
	struct tt_tree *t = tt_open(TT_TREE);

	tt_sample(t, v, 0);
	check_mark(v, w, "buddy.order.order", "order");
	check_mark(v, w, "buddy.order.blocks", "blocks");
	check_mark(v, w, "buddy.order.memory", "memory");
	e = &t->s.buddy_events;
	t->s.have |= MS_SEC_BIT(MS_SEC_BUDDY_EVENTS);
	e->fields = MS_BE_ALLOC | MS_BE_FREE | MS_BE_COMPACT;
	e->interval = 1;
	e->nr_orders = 11;
	ms_view_update(v, &t->s, NULL);
	check_mark(v, w, "buddy.ev.allocs", "allocs");
	check_mark(v, w, "buddy.ev.frees", "frees");
	check_mark(v, w, "buddy.ev.failed", "failed");
	check_mark(v, w, "buddy.ev.compaction", "compaction: 0 runs/s");
	check_mark(v, w, "buddy.ev.fallbacks", "fallbacks/s:");
	/* counts a recording lacks: "-", never UINT64_MAX; none at all: no
	 * "since attach" part */
	e->compaction.runs = 4;
	e->compaction.direct = e->compaction.max_us = MS_NA;
	ms_view_update(v, &t->s, NULL);
	tt_draw(v, w);
	assert_non_null(tt_find_row(w, "(4 runs, - direct, max - us since "
				       "attach)"));
	e->compaction.runs = MS_NA;
	ms_view_update(v, &t->s, NULL);
	tt_draw(v, w);
	assert_null(tt_find_row(w, "since attach"));
	v->cls->destroy(v);
	tt_close(t);
	delwin(w);
}

/*
 * The VMA list's summary and fault line, and the maple tree page's
 * summary, level columns and listing (memscope.ko's capture).
 */
static void test_vma_fields(void **state)
{
	struct ms_view *v = ms_view_vma.create(&ui);
	WINDOW *w = newwin(40, 120, 0, 0);
	struct tt_tree *t = tt_open("tests/fixtures/kmod-6.1");

	tt_sample(t, v, 0);
	for (const char *k = "/vmas\n"; *k; k++)
		ms_view_key(v, *k);
	assert_int_equal(ms_view_key(v, '\n'), MS_KEY_RESAMPLE);
	tt_sample(t, v, 0);
	check_mark(v, w, "vma.m.summary", "total");
	check_mark(v, w, "vma.m.faults", "faults");
	assert_int_equal(ms_view_key(v, 't'), MS_KEY_RESAMPLE);
	tt_sample(t, v, 0);
	check_mark(v, w, "vma.mt.summary", "height 4, 143 nodes");
	check_mark(v, w, "vma.mt.level", "Level");
	check_mark(v, w, "vma.mt.nodes", "Nodes");
	check_mark(v, w, "vma.mt.types", "Types");
	check_mark(v, w, "vma.mt.slots", "Slots");
	check_mark(v, w, "vma.mt.fanout", "Fan-out min/avg/max");
	check_mark(v, w, "vma.mt.vmas", "VMAs");
	check_mark(v, w, "vma.mt.gaps", "Gaps");
	check_mark(v, w, "vma.mt.node", "Nodes in pre-order");
	check_mark(v, w, "vma.mt.slot", "Nodes in pre-order");
	v->cls->destroy(v);
	tt_close(t);
	delwin(w);
}

static void events_snapshot(struct ms_snapshot *s)
{
	struct ms_reclaim_events *e = &s->reclaim_events;
	struct ms_reclaimer *r;
	struct ms_shrinker *sh;
	struct ms_oom_event *o;

	ms_snapshot_init(s);
	s->have = MS_SEC_BIT(MS_SEC_RECLAIM) |
		  MS_SEC_BIT(MS_SEC_RECLAIM_EVENTS);
	s->source[MS_SEC_RECLAIM_EVENTS] = "bpf";
	e->fields = MS_RE_DIRECT | MS_RE_MEMCG | MS_RE_KSWAPD | MS_RE_SHRINK |
		    MS_RE_OOM;
	e->interval = 1;
	e->stall.count = 2;
	e->stall.hist[3] = 2;
	e->nr_kswapd = 1;
	e->kswapd[0].last_wake = e->kswapd[0].last_sleep = NAN;
	r = ms_reclaimer_add(e);
	assert_non_null(r);
	r->pid = 555;
	r->lat = e->stall;
	sh = ms_shrinker_add(e);
	assert_non_null(sh);
	snprintf(sh->name, sizeof(sh->name), "super_cache_scan");
	e->oom_kills = 1;
	o = &e->oom[e->nr_oom++];
	memset(o, 0, sizeof(*o));
	o->pid = 4242;
	snprintf(o->comm, sizeof(o->comm), "victim");
}

/*
 * The Reclaim tab's events page (BPF only, so drawn from a hand-made
 * snapshot): each column of its four tables is its own id, and the
 * panel at it marks that column's title alone.
 */
static void test_events_columns(void **state)
{
	static const char *const ids[] = { MS_LIVE_PROC_IDS, MS_LIVE_KSWAPD_IDS,
					   MS_LIVE_SHRINK_IDS, MS_LIVE_OOM_IDS,
					   NULL };
	struct ms_view *v = ms_view_reclaim.create(&ui);
	WINDOW *w = newwin(70, 100, 0, 0);
	struct ms_explain_ids e = { 0 };
	struct ms_snapshot s;

	assert_non_null(v);
	assert_non_null(w);
	events_snapshot(&s);
	ms_view_update(v, &s, NULL);
	assert_int_equal(ms_view_key(v, 'e'), MS_KEY_DONE);
	ms_view_explain(v, &e);
	/* the page lists them all, in screen order */
	for (int i = 0; ids[i]; i++) {
		int j = 0;

		while (j < e.n && strcmp(e.id[j], ids[i]))
			j++;
		if (j == e.n)
			fail_msg("events page: no %s", ids[i]);
	}
	check_marks(v, w, ids);
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	delwin(w);
}

/*
 * The NUMA tab: the node, numastat and meminfo tables, migrations by
 * reason and hinting faults per node mark the column explained.
 */
static void test_numa_columns(void **state)
{
	static const char *const ids[] = { "numa.node",
					   "numa.node.cpus",
					   "numa.node.total",
					   "numa.node.used",
					   "numa.node.free",
					   "numa.node.usedpct",
					   "numa.stat.numa_hit",
					   "numa.stat.numa_miss",
					   "numa.stat.numa_foreign",
					   "numa.stat.interleave_hit",
					   "numa.stat.local_node",
					   "numa.stat.other_node",
					   "numa.mem.active",
					   "numa.mem.file",
					   "numa.mem.hugetot",
					   MS_LIVE_MIG_IDS,
					   MS_LIVE_HINT_IDS,
					   NULL };
	struct ms_view *v = ms_view_numa.create(&ui);
	WINDOW *w = newwin(90, 94, 0, 0); /* numastat's short titles */
	struct ms_numa_events *e;
	struct ms_numa_node *nd;
	struct ms_snapshot s;

	assert_non_null(v);
	assert_non_null(w);
	ms_snapshot_init(&s);
	s.have = MS_SEC_BIT(MS_SEC_NUMA) | MS_SEC_BIT(MS_SEC_NUMA_EVENTS);
	s.source[MS_SEC_NUMA_EVENTS] = "bpf";
	nd = ms_numa_add(&s.numa);
	assert_non_null(nd);
	nd->node = 0;
	nd->mem_total_kb = 1 << 20;
	e = &s.numa_events;
	e->fields = MS_NE_MIGRATE | MS_NE_HINT | MS_NE_TASK;
	e->interval = 1;
	e->nr_reasons = 1;
	snprintf(e->reason[0].name, sizeof(e->reason[0].name), "compaction");
	e->reason[0].calls = 3;
	e->nr_nodes = 1;
	ms_view_update(v, &s, NULL);
	check_marks(v, w, ids);
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	delwin(w);
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
	int n = 0, k;

	(void)state;
	ms_explain_init();
	for (x = ms_explain_memory_buckets; x->id; x++, n++) {
		assert_true(x->name[0] && x->what[0] && x->source[0] &&
			    x->formula[0] && x->healthy[0]);
		check_zh(x->id, x->what);
		check_zh(x->id, x->source);
		check_zh(x->id, x->formula);
		check_zh(x->id, x->healthy);
		assert_string_equal(ms_memory_bucket_ids[n], x->id);
	}
	assert_null(ms_memory_bucket_ids[n]);
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
		cmocka_unit_test(test_events_columns),
		cmocka_unit_test(test_numa_columns),
		cmocka_unit_test(test_buddy_panels),
		cmocka_unit_test(test_vma_fields),
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
	/* colours: the highlight is told from other cells by its pair */
	return tt_run("test_explain", tests, true);
}
