// SPDX-License-Identifier: GPL-2.0
/*
 * Explain mode's highlight: the panel at a column or field marks its title
 * alone on the tab's screen (tables, panels, pages from hand-made data).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/snapshot.h"
#include "tui/explain.h"
#include "tui/tabs/numa/numa.h"
#include "tui/tabs/reclaim/reclaim.h"
#include "tui/theme.h"
#include "tui/view.h"
#include "tests/unit/tui_test.h"

static const struct ms_opts opts = { .interval = 1 };
static struct ms_ui ui = { .opts = &opts, .utf8 = true };

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_events_columns),
		cmocka_unit_test(test_numa_columns),
		cmocka_unit_test(test_buddy_panels),
		cmocka_unit_test(test_vma_fields),
	};

	/* colours: the highlight is told from other cells by its pair */
	return tt_run("test_tui_explain", tests, true);
}
