// SPDX-License-Identifier: GPL-2.0
/*
 * The Buddy and Slab tabs (and the Memory tab's page cache files) drawn
 * off screen: from the captured 6.18 tree
 * through the real manager, and from hand-made snapshots (hostile names,
 * missing pagetypeinfo, a missing section).
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

#include "model/field.h"
#include "probes/probe.h"
#include "tui/view.h"
#include "tui/widgets.h"
#include "tests/unit/tui_test.h"

static const struct ms_opts opts = { .interval = 1 };
static const struct ms_ui ui = { .opts = &opts, .utf8 = true };

/* The kernel's indices first (pageblock order 9, costly order 3), Frag% */
#define BUDDY_HEAD                                                \
	"Node Zone     Wmark    FreePg   Free Lrg Unus9%   Ext9 " \
	"Unus3%   Ext3  Frag% Orders          Min    \u203a"

static void test_buddy_fixture(void **state)
{
	struct tt_tree *f = *state;
	struct ms_view *v = ms_view_buddy.create(&ui);
	WINDOW *w = newwin(30, 100, 0, 0);
	struct ms_request req = { 0 };

	ms_theme_apply(false); /* the attributes of a terminal without colour */
	tt_sample(f, v, 0);
	tt_draw(v, w);
	assert_string_equal(tt_row(w, 0), BUDDY_HEAD);
	/*
	 * the kernel's unusable index at order 9, in %: low on a healthy
	 * zone (752 free order-10 blocks), and its extfrag index (-1: a
	 * block is free), then at order 3; the chapter's index reads 99.9
	 * there, in parentheses and dim: its largest free order is the
	 * zone's top, where it does not apply (issue 12, item 3)
	 */
	tt_assert_row(w, "   0 DMA32    OK       772917   2.9G  10    0.2 "
			 "-1.000    0.0 -1.000 (99.9)");
	tt_assert_row(w, "   0 Normal   OK       516501   2.0G  10   18.3 "
			 "-1.000    2.3 -1.000 (99.8)");
	assert_true(mvwinch(w, tt_find(w, "   0 DMA32"), 72) & A_DIM);
	assert_false(mvwinch(w, tt_find(w, "   0 DMA32"), 44) & A_DIM);
	tt_assert_row(w, "(Frag%): does not apply where the largest free order "
			 "is the zone's top one");
	/* the panel under the table: the first zone, DMA */
	tt_assert_row(w, "Node 0, zone DMA: free blocks per order");
	tt_assert_row(w, "blocks         0       0       0       0       0"
			 "       0       0       0       1       1       3");
	/* down to Normal and into it */
	assert_int_equal(ms_view_key(v, KEY_DOWN), MS_KEY_DONE);
	assert_int_equal(ms_view_key(v, KEY_DOWN), MS_KEY_DONE);
	tt_draw(v, w);
	tt_assert_row(w, "blocks      2587    1943    1441     889     456");
	/* the drill-down, and only it, asks for the migrate types */
	ms_view_request(v, &req);
	assert_false(req.pagetypes);
	assert_int_equal(ms_view_key(v, '\n'), MS_KEY_RESAMPLE);
	ms_view_request(v, &req);
	assert_true(req.pagetypes);
	tt_sample(f, v, 0);
	tt_draw(v, w);
	tt_assert_row(w, "Node 0, zone Normal  (Esc back)");
	tt_assert_row(w, "watermarks (pages): min 7517  low 9396  high 11275");
	/*
	 * one figure per name: the kernel's indices at the orders that
	 * matter first, then the chapter's, which says it does not apply
	 */
	tt_assert_row(w, "pageblock order 9: unusable 0.183  extfrag -1.000 (a "
			 "block is free)");
	tt_assert_row(w, "costly order 3: unusable 0.023  extfrag -1.000 (a "
			 "block is free)");
	tt_assert_row(w,
		      "chapter's index (99.8%): does not apply, largest free "
		      "order 10 is the top");
	assert_true(tt_find(w, "pageblock order 9") <
		    tt_find(w, "chapter's index"));
	tt_assert_no_row(w, "fragmentation index");
	/* MemFree counts memory the free lists do not hold yet: said so */
	tt_assert_row(w, "present, not managed: 4882432 pages (18.6G), mostly "
			 "not yet in the buddy allocator");
	tt_assert_row(w, "MemFree 23.1G = free lists 4.9G + 18.2G handed over "
			 "on demand (deferred init)");
	tt_assert_row(w, "   10      369    377856    1.4G    0.268   -1.000  "
			 "73.2%");
	/* scroll to the migrate types: Movable at order 10, pageblocks */
	assert_int_equal(ms_view_key(v, KEY_END), MS_KEY_DONE);
	tt_draw(v, w);
	tt_assert_row(w, "   10            0          369            0");
	tt_assert_row(w, "pblks           64         1097           55");
	assert_int_equal(ms_view_key(v, MS_KEY_ESC), MS_KEY_DONE);
	assert_int_equal(ms_view_key(v, MS_KEY_ESC), MS_KEY_PASS);
	tt_draw(v, w);
	assert_string_equal(tt_row(w, 0), BUDDY_HEAD);
	v->cls->destroy(v);
	delwin(w);
}

static void test_slab_fixture(void **state)
{
	struct tt_tree *f = *state;
	struct ms_view *v = ms_view_slab.create(&ui);
	WINDOW *w = newwin(24, 80, 0, 0);

	tt_sample(f, v, 0);
	tt_draw(v, w);
	/*
	 * 80 columns: the per-slab geometry columns are off screen (marked),
	 * the last column is the scroll bar's
	 */
	assert_string_equal(tt_row(w, 0),
			    "Name                   Active   Total  Use  ObjSz"
			    "  Slabs  Size\u25bc  Objs/s Bytes/s\u203a");
	assert_string_equal(tt_row(w, 1),
			    "ext4_inode_cache        37268   37282"
			    "  99%   1128   2663    42M       -       -\u2588");
	assert_int_equal(ms_view_key(v, '\n'), MS_KEY_RESAMPLE);
	tt_sample(f, v, 0);
	assert_true(f->s.have & MS_SEC_BIT(MS_SEC_SLAB_DETAIL));
	tt_draw(v, w);
	tt_assert_row(w, "Cache ext4_inode_cache  (Esc back)");
	tt_assert_row(w, "object_size     1120");
	tt_assert_row(w, "slab_size       1128");
	tt_assert_row(w, "slabs                 2841      2841");
	assert_int_equal(ms_view_key(v, KEY_BACKSPACE), MS_KEY_DONE);
	/* back: the request no longer names a cache */
	tt_sample(f, v, 0);
	assert_false(f->s.have & MS_SEC_BIT(MS_SEC_SLAB_DETAIL));
	v->cls->destroy(v);
	delwin(w);
}

/* ---- Hand-made snapshots ----------------------------------------------- */

static void test_slab_hostile(void **state)
{
	struct ms_snapshot s;
	struct ms_view *v = ms_view_slab.create(&ui);
	WINDOW *w = newwin(10, 110, 0, 0); /* Name: 32 columns */
	struct ms_slab_cache *c;

	ms_snapshot_init(&s);
	s.have = MS_SEC_BIT(MS_SEC_SLAB);
	c = ms_slab_add(&s.slab);
	snprintf(c->name, sizeof(c->name), "\x1b]0;pwned\x07\x1b[2J");
	c->active_objs = 10;
	c->num_objs = c->objsize = c->objperslab = c->pagesperslab = MS_NA;
	c->active_slabs = c->num_slabs = c->size_bytes = MS_NA;
	c->active_pct = c->objs_rate = c->bytes_rate = NAN;
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	/* escaped, and unknown values are "-", never 0 */
	assert_string_equal(
		tt_row(w, 1),
		"\\x1b]0;pwned\\x07\\x1b[2J"
		"               10       -    -      -      -      -       -"
		"       -      -     -      -");
	for (int y = 0; y < 10; y++)
		assert_null(strchr(tt_row(w, y), '\x1b'));
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	delwin(w);
}

static void test_buddy_no_pagetypeinfo(void **state)
{
	struct ms_snapshot s;
	struct ms_view *v = ms_view_buddy.create(&ui);
	WINDOW *w = newwin(40, 100, 0, 0);
	struct ms_zone *z;

	ms_snapshot_init(&s);
	ms_view_update(v, &s, NULL);
	ms_snapshot_note(&s, "buddy", "buddyinfo: truncated");
	tt_draw(v, w);
	tt_assert_row(w, "buddy unavailable: buddy: buddyinfo: truncated");

	s.have = MS_SEC_BIT(MS_SEC_BUDDY);
	ms_snapshot_note(&s, "pagetypeinfo", "needs root");
	z = ms_zone_add(&s.buddy);
	z->node = 1;
	snprintf(z->name, sizeof(z->name), "Normal");
	z->nr_orders = 3;
	z->free_blocks[0] = 4;
	z->free_blocks[1] = 2;
	z->free_blocks[2] = 1;
	z->free_pages = 12;
	z->largest_order = 2;
	z->wstate = MS_WMARK_MIN;
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	tt_assert_row(w, "   1 Normal   MIN");
	assert_int_equal(ms_view_key(v, KEY_ENTER), MS_KEY_RESAMPLE);
	tt_draw(v, w);
	tt_assert_row(w, "watermark MIN (free <= min: direct reclaim)");
	tt_assert_row(w, "    2        1         4     16K");
	tt_assert_row(w, "unavailable: needs root");
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	delwin(w);
}

static void nodecount(struct ms_nodecount *c, char kind, uint64_t total,
		      uint64_t n0, uint64_t n1)
{
	c->total = total;
	c->kind = kind;
	c->n = 2;
	c->id[0] = 0;
	c->count[0] = n0;
	c->id[1] = 1;
	c->count[1] = n1;
}

/* A merged cache on two nodes, as edge-slab-2node has cred_jar. */
static void test_slab_detail_2node(void **state)
{
	static char aliases[4][MS_NAME] = { "anon_vma_chain", "cred_jar", "pid",
					    ":A-0000192" };
	struct ms_snapshot s;
	struct ms_view *v = ms_view_slab.create(&ui);
	WINDOW *w = newwin(24, 80, 0, 0);
	struct ms_slab_detail *d = &s.slab_detail;
	struct ms_slab_cache *c;
	struct ms_slab_rate *r;
	struct ms_request req = { 0 };

	ms_snapshot_init(&s);
	s.have = MS_SEC_BIT(MS_SEC_SLAB);
	c = ms_slab_add(&s.slab);
	snprintf(c->name, sizeof(c->name), "cred_jar");
	ms_view_update(v, &s, NULL);
	assert_int_equal(ms_view_key(v, '\r'), MS_KEY_RESAMPLE);
	ms_view_request(v, &req);
	assert_true(req.sections & MS_SEC_BIT(MS_SEC_SLAB_DETAIL));
	assert_string_equal(req.slab_cache, "cred_jar");

	s.have |= MS_SEC_BIT(MS_SEC_SLAB_DETAIL);
	snprintf(d->name, sizeof(d->name), "cred_jar");
	snprintf(d->target, sizeof(d->target), ":A-0000192");
	d->valid = true;
	d->object_size = 184;
	d->order = 1;
	d->cpu_partial = MS_NA;
	d->aliases = aliases;
	d->nr_aliases = 4;
	nodecount(&d->slabs, 'N', 30, 28, 2);
	nodecount(&d->partial, 'N', 3, 1, 2);
	nodecount(&d->cpu_slabs, 'N', 4, 3, 1);
	nodecount(&d->objects, 'N', 900, 860, 40);
	nodecount(&d->total_objects, 'N', 960, 896, MS_NA);
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	tt_assert_row(w, "object_size     184");
	tt_assert_row(w, "cpu_partial     -");
	tt_assert_row(
		w, "merged: yes, into :A-0000192, shared by: anon_vma_chain, "
		   "cred_jar, pid");
	tt_assert_row(w, "Counts, per node");
	tt_assert_row(w, "                     total        N0        N1");
	tt_assert_row(w, "slabs                   30        28         2");
	tt_assert_row(w, "total_objects          960       896         -");
	/* rates replayed from a recording without the counts since attach:
	 * unknown is "-", never UINT64_MAX (issue 12, item 5) */
	s.have |= MS_SEC_BIT(MS_SEC_SLAB_EVENTS);
	s.slab_events.interval = 1;
	r = ms_slab_rate_add(&s.slab_events);
	snprintf(r->name, sizeof(r->name), "cred_jar");
	r->allocs = r->frees = MS_NA;
	r->alloc_rate = 5;
	r->free_rate = 4;
	r->alloc_bytes_rate = NAN;
	ms_view_update(v, &s, NULL);
	assert_true(tt_page_has(v, w, "(- and - counted since attach)"));
	assert_false(tt_page_has(v, w, "18446744073709551615"));
	/* narrower than the line: it wraps, the counts stay whole */
	{
		WINDOW *n = newwin(24, 60, 0, 0);

		assert_true(tt_page_has(v, n, "since attach)"));
		delwin(n);
	}
	d->aliases = NULL;
	d->nr_aliases = 0;
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	delwin(w);
}

/* Three caches, with the events' rates when interval is a number. */
static void slab_live(struct ms_snapshot *s, bool events, double interval)
{
	static const char *const names[] = { "dentry", "filp", "kmalloc-64" };

	ms_snapshot_init(s);
	s->have = MS_SEC_BIT(MS_SEC_SLAB);
	for (int i = 0; i < 3; i++) {
		struct ms_slab_cache *c = ms_slab_add(&s->slab);

		snprintf(c->name, sizeof(c->name), "%s", names[i]);
		c->active_objs = c->num_objs = 1000 * (uint64_t)(3 - i);
		c->objsize = 64 * (uint64_t)(i + 1);
		c->objperslab = 64;
		c->pagesperslab = 1;
		c->active_slabs = c->num_slabs = 20;
	}
	if (!events)
		return;
	s->have |= MS_SEC_BIT(MS_SEC_SLAB_EVENTS);
	s->slab_events.interval = interval;
	for (int i = 0; i < 3 && !isnan(interval); i++) {
		struct ms_slab_rate *r = ms_slab_rate_add(&s->slab_events);

		snprintf(r->name, sizeof(r->name), "%s", names[i]);
		r->alloc_rate = 100.0 * (i + 1);
		r->free_rate = 90.0 * (i + 1);
	}
	ms_derive(s);
}

/* The sort arrow of header row h stands after a and before b. */
static bool sorted_between(const char *h, const char *a, const char *b)
{
	const char *arrow = strstr(h, "▼"), *pa = strstr(h, a),
		   *pb = strstr(h, b);

	return arrow && pa && pb && pa < arrow && arrow < pb;
}

/*
 * The BPF group re-attaches (back from another tab after 5 s, after p):
 * a sample without the events, one without rates; the user's sort and
 * the columns stay where they were.
 */
static void test_slab_reattach(void **state)
{
	struct ms_view *v = ms_view_slab.create(&ui);
	WINDOW *w = newwin(10, 120, 0, 0);
	struct ms_snapshot s;
	char head[2048]; /* a tt_row() */

	slab_live(&s, true, 1);
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	/* the events' columns first, sorted by allocations */
	assert_non_null(strstr(tt_row(w, 0), "Name"));
	assert_true(sorted_between(tt_row(w, 0), "Alloc/", "Free/s"));
	assert_non_null(strstr(tt_row(w, 1), "kmalloc-64"));
	/* the user sorts by the next column, Free/s */
	assert_int_equal(ms_view_key(v, '>'), MS_KEY_DONE);
	tt_draw(v, w);
	snprintf(head, sizeof(head), "%s", tt_row(w, 0));
	assert_true(sorted_between(head, "Free/", "AllocB/s"));
	for (int step = 0; step < 3; step++) {
		ms_snapshot_free(&s);
		/* detached, attached without rates, then rates again */
		slab_live(&s, step > 0, step == 1 ? NAN : 1);
		ms_view_update(v, &s, NULL);
		tt_draw(v, w);
		assert_string_equal(tt_row(w, 0), head);
	}
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	delwin(w);
}

/*
 * slabtop's c on the size-sorted list is a choice too, though the sort
 * stays: when the events' columns arrive it is kept, not Alloc/s.
 */
static void test_slab_direct_key_kept(void **state)
{
	struct ms_view *v = ms_view_slab.create(&ui);
	WINDOW *w = newwin(10, 120, 0, 0);
	struct ms_snapshot s;

	slab_live(&s, false, NAN);
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	assert_true(sorted_between(tt_row(w, 0), "Size", "Objs/s"));
	assert_int_equal(ms_view_key(v, 'c'), MS_KEY_DONE);
	ms_snapshot_free(&s);
	slab_live(&s, true, 1);
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	assert_true(sorted_between(tt_row(w, 0), "Size", "Objs/s"));
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	delwin(w);
}

/* The files screen drawn from f's sample: is its totals' line dim? */
/*
 * The Memory tab sampled, Enter on each row until one opens the files
 * (the file bucket); 81 files measured of Cached 200M, a pass pct% done.
 */
static void open_files(struct ms_view *v, struct tt_tree *f, double pct)
{
	struct ms_pcache *p = &f->s.pcache;
	int i;

	tt_sample(f, v, MS_SEC_BIT(MS_SEC_MEMORY));
	for (i = 0; i < 40; i++) {
		if (ms_view_key(v, '\n') == MS_KEY_RESAMPLE)
			break;
		ms_view_key(v, KEY_DOWN);
	}
	assert_true(i < 40);
	f->s.have |= MS_SEC_BIT(MS_SEC_PAGECACHE_FILES);
	*p = (struct ms_pcache){ .method = MS_PCACHE_CACHESTAT,
				 .all = true,
				 .complete = true,
				 .found = 81,
				 .measured = 81,
				 .cached_kb = 20480,
				 .meminfo_cached_kb = 204800,
				 .pass_pct = pct };
	ms_pcache_derive(p);
}

static bool files_dim(struct ms_view *v, struct tt_tree *f, WINDOW *w)
{
	int y;

	ms_view_update(v, &f->s, NULL);
	tt_draw(v, w);
	y = tt_find(w, "81 files open");
	assert_true(y >= 0);
	return (mvwinch(w, y, 4) & A_DIM) != 0;
}

/*
 * The Memory tab's page cache files: totals of a pass that spans
 * refreshes are older than the sample, dimmed and said so (issue 12's
 * "marked as stale"); a pass that ended in this refresh is plain.
 */
static void test_memory_files_pass(void **state)
{
	struct tt_tree *f = *state;
	struct ms_view *v = ms_view_memory.create(&ui);
	WINDOW *w = newwin(30, 120, 0, 0);
	struct ms_pcache *p = &f->s.pcache;

	ms_theme_apply(false); /* the attributes of a terminal without colour */
	open_files(v, f, 40);
	assert_true(files_dim(v, f, w));
	tt_assert_row(w,
		      "  81 files open or mapped, 81 measured: 20M cached of "
		      "Cached 200M (10.0%)  (last whole pass; next 40% "
		      "done)");
	/* the pass ended: of this refresh, plain */
	p->pass_pct = 100;
	assert_false(files_dim(v, f, w));
	tt_assert_no_row(w, "whole pass");
	/* the first pass, so far */
	p->complete = false;
	p->pass_pct = 10;
	assert_true(files_dim(v, f, w));
	tt_assert_row(w, "(first pass under way)");
	v->cls->destroy(v);
	delwin(w);
}

/*
 * The files screen with the page cache's events: what they explain and
 * what is left, their files marked in the Holders column; without them,
 * what the walk cannot see.
 */
static void test_memory_files_events(void **state)
{
	struct tt_tree *f = *state;
	struct ms_view *v = ms_view_memory.create(&ui);
	WINDOW *w = newwin(30, 120, 0, 0);
	struct ms_pcache *p = &f->s.pcache;
	struct ms_pcache_file *r;

	open_files(v, f, 100);
	ms_view_update(v, &f->s, NULL);
	tt_draw(v, w);
	tt_assert_row(w, "not found this way");
	f->s.have |= MS_SEC_BIT(MS_SEC_PAGECACHE_EVENTS);
	p->ev_since_s = 12;
	p->ev_files = 3;
	p->ev_cached_kb = 65536;
	p->ev_evicted = 7;
	p->ev_capacity = 16384;
	r = ms_list_add(ms_pcache_files_field(), p);
	r->path = strdup("/obj/a.o");
	r->cached_kb = 65536;
	r->method = MS_PCACHE_EVENTS;
	ms_pcache_derive(p);
	ms_view_update(v, &f->s, NULL);
	tt_draw(v, w);
	tt_assert_row(w, "  events since 12s: 3 more files, 64M since attach "
			 "(a lower bound); unattributed 116M");
	tt_assert_row(w, "  7 files let go to make room (map of 16384)");
	tt_assert_row(w, " events /obj/a.o");
	tt_assert_no_row(w, "not found this way");
	v->cls->destroy(v);
	delwin(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_buddy_fixture, tt_setup,
						tt_teardown),
		cmocka_unit_test_setup_teardown(test_slab_direct_key_kept,
						tt_setup, tt_teardown),
		cmocka_unit_test_setup_teardown(test_slab_fixture, tt_setup,
						tt_teardown),
		cmocka_unit_test(test_slab_hostile),
		cmocka_unit_test(test_buddy_no_pagetypeinfo),
		cmocka_unit_test(test_slab_detail_2node),
		cmocka_unit_test(test_slab_reattach),
		cmocka_unit_test_setup_teardown(test_memory_files_pass,
						tt_setup, tt_teardown),
		cmocka_unit_test_setup_teardown(test_memory_files_events,
						tt_setup, tt_teardown),
	};
	return tt_run("test_tui_tabs", tests, false);
}
