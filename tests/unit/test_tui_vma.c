// SPDX-License-Identifier: GPL-2.0
/*
 * The VMA tab drawn off screen: hand-made processes and mappings (hostile
 * names, exited processes, 65,530 VMAs) and captured trees through the
 * real manager.
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

#include "probes/probe.h"
#include "tui/view.h"
#include "tui/widgets.h"
#include "tests/unit/tui_test.h"

#define FIX "tests/fixtures/"

static const struct ms_opts opts = { .interval = 1, .root = FIX };
static const struct ms_ui ui = { .opts = &opts, .utf8 = true };

static struct ms_proc *add_proc(struct ms_snapshot *s, int pid,
				const char *comm, uint64_t rss)
{
	struct ms_proc *p = ms_proc_add(&s->procs);

	assert_non_null(p);
	p->pid = pid;
	snprintf(p->comm, sizeof(p->comm), "%s", comm);
	p->uid = 0;
	p->rss_kb = rss;
	return p;
}

static void procs_snapshot(struct ms_snapshot *s)
{
	struct ms_proc *p;

	ms_snapshot_init(s);
	s->have = MS_SEC_BIT(MS_SEC_PROCS);
	p = add_proc(s, 1, "init", 1000);
	p->pss_kb = 400;
	/* the name the backend resolved (or the recording kept) */
	snprintf(p->user, sizeof(p->user), "root");
	p = add_proc(s, 2, "kthreadd", MS_NA);
	p->kthread = true;
	p = add_proc(s, 42, "big", 5000);
	p->vmas = 3;
	p->minflt_rate = 12;
	p = add_proc(s, 77, "evil\x1b[31m\nname", 2000);
	snprintf(p->user, sizeof(p->user), "\x1b[2J");
}

static struct ms_vma *add_vma(struct ms_snapshot *s, uint64_t start,
			      uint64_t end, const char *path,
			      enum ms_vma_kind kind)
{
	struct ms_vma *m = ms_vma_add(&s->vmas);

	assert_non_null(m);
	m->start = start;
	m->end = end;
	snprintf(m->perms, sizeof(m->perms), "rw-p");
	snprintf(m->dev, sizeof(m->dev), "00:00");
	m->path = path ? strdup(path) : NULL;
	m->kind = kind;
	m->size_kb = (end - start) / 1024;
	m->rss_kb = m->size_kb / 2;
	m->pss_kb = m->rss_kb / 2;
	m->swap_kb = 0;
	return m;
}

static void vmas_snapshot(struct ms_snapshot *s, int pid)
{
	struct ms_vma *m;

	ms_snapshot_init(s);
	s->have = MS_SEC_BIT(MS_SEC_VMAS);
	s->vmas.pid = pid;
	snprintf(s->vmas.comm, sizeof(s->vmas.comm), "big");
	s->vmas.has_smaps = s->vmas.has_numa = true;
	m = add_vma(s, 0x555500000000, 0x555500400000, "/usr/bin/big\x1b[2J",
		    MS_VMA_FILE);
	snprintf(m->perms, sizeof(m->perms), "r-xp");
	m->inode = 1234;
	m = add_vma(s, 0x555500400000, 0x555502400000, "[heap]", MS_VMA_HEAP);
	snprintf(m->vmflags, sizeof(m->vmflags),
		 "rd wr mr mw me ac zz \x1b[2J");
	m->nr_nodes = 2;
	m->node_id[0] = 0;
	m->node_pages[0] = 12;
	m->node_id[1] = 1;
	m->node_pages[1] = 3;
	m->node_id[2] = 2; /* a replay's null: not available */
	m->node_pages[2] = MS_NA;
	m->nr_nodes = 3;
	m->inode = MS_NA;
	snprintf(m->policy, sizeof(m->policy), "interleave:0-1");
	add_vma(s, 0x7ffc00000000, 0x7ffc00021000, "[stack]", MS_VMA_STACK);
	ms_derive(s);
}

static void test_vma_list(void **state)
{
	struct ms_snapshot s;
	struct ms_view *v = ms_view_vma.create(&ui);
	WINDOW *w = newwin(24, 100, 0, 0);
	struct ms_request req = { 0 };

	ms_view_request(v, &req);
	assert_int_equal(req.sections, MS_SEC_BIT(MS_SEC_PROCS));
	procs_snapshot(&s);
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	tt_assert_row(w, "Processes: 3 shown, 1 kernel threads hidden");
	/* largest RSS first; unknown values are "-" */
	assert_string_equal(tt_row(w, 2),
			    "     42 #0          4.9M       -       -"
			    "      3     +12/s         - big");
	assert_string_equal(
		tt_row(w, 3),
		"     77 \\x1b[2J     2.0M       -       -"
		"      -         -         - evil\\x1b[31m\\x0aname");
	assert_string_equal(tt_row(w, 4),
			    "      1 root       1000K    400K       -"
			    "      -         -         - init");
	tt_assert_clean(w);
	/* k shows kernel threads, in brackets */
	assert_int_equal(ms_view_key(v, 'k'), MS_KEY_DONE);
	tt_draw(v, w);
	tt_assert_row(w, "      2 #0             -       -       -      -"
			 "         -         - [kthreadd]");
	/* filter on the command */
	ms_view_key(v, '/');
	ms_view_key(v, 'b');
	ms_view_key(v, 'i');
	ms_view_key(v, '\n');
	tt_draw(v, w);
	tt_assert_row(w, "Filter: bi  (1 of 4)");
	tt_assert_no_row(w, "init");
	/* Enter: the VMAs of pid 42, and its faults (bpf) */
	assert_int_equal(ms_view_key(v, '\n'), MS_KEY_RESAMPLE);
	req = (struct ms_request){ 0 };
	ms_view_request(v, &req);
	assert_int_equal(req.sections, MS_SEC_BIT(MS_SEC_VMAS) |
					       MS_SEC_BIT(MS_SEC_FAULT_EVENTS));
	assert_int_equal(req.pid, 42);
	tt_draw(v, w);
	tt_assert_row(w, "Reading the mappings...");
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	delwin(w);
}

/*
 * PSS, Swap and VMAs read too long ago, or at another RSS, are dim; a line
 * says how old: the selected process's, else how many.
 */
static void test_vma_stale(void **state)
{
	struct ms_view *v = ms_view_vma.create(&ui);
	WINDOW *w = newwin(24, 80, 0, 0);
	struct ms_explain_ids e = { 0 };
	struct ms_snapshot s;
	int y;

	ms_theme_apply(false); /* the attributes of a terminal without colour */
	ms_snapshot_init(&s);
	tt_stale_procs(&s, NULL);
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	/* on the freed one (largest RSS): its age, the RSS of its PSS */
	tt_assert_row(w, "PID 44: PSS, Swap, VMAs 1 s old, read at RSS 513M "
			 "(dim: >5 s or RSS moved)");
	/* no RSS to say where smaps_rollup was refused */
	s.procs.v[2].detail_rss_kb = MS_NA;
	s.procs.v[2].detail_age_s = 9;
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	tt_assert_row(w, "PID 44: PSS, Swap, VMAs 9 s old (dim: >5 s or RSS "
			 "moved)");
	s.procs.v[2].detail_rss_kb = 525312;
	s.procs.v[2].detail_age_s = 1;
	ms_view_update(v, &s, NULL);
	/* explain mode reaches the line */
	ms_view_explain(v, &e);
	assert_string_equal(e.id[0], "vma.p.age");
	/* elsewhere, how many are dim */
	ms_view_key(v, KEY_DOWN);
	tt_draw(v, w);
	tt_assert_row(w, "Dim PSS, Swap, VMAs: 2 processes read >5 s ago or at "
			 "another RSS");
	for (int i = 0; i < 2; i++) {
		/* RSS plain, PSS dim */
		y = tt_find(w, i ? " freed" : " old");
		assert_true(y > 0);
		assert_int_equal(mvwinch(w, y, 20) & A_DIM, 0);
		assert_int_not_equal(mvwinch(w, y, 28) & A_DIM, 0);
	}
	y = tt_find(w, " recent");
	assert_int_equal(mvwinch(w, y, 28) & A_DIM, 0);
	/* all read in this sample (batch, a captured tree): no line */
	for (int i = 0; i < s.procs.n; i++)
		s.procs.v[i].detail_age_s = 0;
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	tt_assert_no_row(w, "Dim");
	tt_assert_no_row(w, "s old");
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	delwin(w);
}

/* A view drilled into pid 42 (list, Enter), fed the snapshot s. */
static struct ms_view *view_on_42(struct ms_snapshot *procs)
{
	struct ms_view *v = ms_view_vma.create(&ui);

	procs_snapshot(procs);
	ms_view_update(v, procs, NULL);
	assert_int_equal(ms_view_key(v, '\n'), MS_KEY_RESAMPLE);
	return v;
}

static void test_vma_maps(void **state)
{
	struct ms_snapshot procs, s;
	struct ms_view *v = view_on_42(&procs);
	WINDOW *w = newwin(24, 80, 0, 0);

	vmas_snapshot(&s, 42);
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	tt_assert_row(w, "pid 42 big: 3 VMAs, Rss 18M, Pss 9.0M, Swap 0K");
	tt_assert_row(
		w, "              anon      file      heap     stack     shmem"
		   "   special     total");
	tt_assert_row(
		w, "VMAs             0         1         1         1         0"
		   "         0         3");
	tt_assert_row(
		w, "Size            0K      4.0M       32M      132K        0K"
		   "        0K       36M");
	/* 80 columns: the start address only, the size beside it */
	tt_assert_row(
		w, "Start          Size Perm    Rss    Pss   Swap   Anon  PrivD"
		   " Mapping");
	tt_assert_row(
		w, "555500000000   4.0M r-xp   2.0M   1.0M     0K      -      -"
		   " /usr/bin/big\\x1b[2J");
	tt_assert_row(
		w, "7ffc00000000   132K rw-p    66K    33K     0K      -      -"
		   " [stack]");
	tt_assert_clean(w);
	/* wider: more columns, the mapping still last */
	delwin(w);
	w = newwin(24, 160, 0, 0);
	tt_draw(v, w);
	tt_assert_row(
		w,
		"Address                     Size Perm   Offset Dev       "
		"Inode    Rss    Pss   Swap   Anon AnonHP  PrivC  PrivD   Lock "
		"THP Nodes          Mapping");
	/* an inode and a node's pages not available: "-" */
	tt_assert_row(w, "rw-p        0 00:00         -    16M");
	/* the node list longer than its column ends with a mark */
	tt_assert_row(w, "N0=12 N1=3 N2\u2026 [heap]");
	tt_assert_no_row(w, "1844674407");
	/* Enter on the heap: every field */
	assert_int_equal(ms_view_key(v, KEY_DOWN), MS_KEY_DONE);
	assert_int_equal(ms_view_key(v, '\n'), MS_KEY_DONE);
	tt_draw(v, w);
	tt_assert_row(
		w, "pid 42 big: 555500400000-555502400000 [heap]  (Esc back)");
	tt_assert_row(w, "  start             0000555500400000");
	tt_assert_row(w, "  size              32768 kB (32M)");
	tt_assert_row(w, "  Pss               8192 kB (8.0M)");
	tt_assert_row(w, "  AnonHugePages     -");
	tt_assert_page(v, w,
		       "  VmFlags           rd wr mr mw me ac zz \\x1b[2J");
	tt_assert_page(v, w, "  ac                accountable");
	tt_assert_page(v, w, "  zz                unknown to memscope");
	tt_assert_page(v, w, "  \\x1b[2J           unknown to memscope");
	tt_assert_clean(w);
	tt_assert_page(v, w, "  policy            interleave:0-1");
	tt_assert_page(v, w, "  node 1            3 pages (12K)");
	/* not available is "-", never 18446744073709551615 */
	tt_assert_page(v, w, "  node 2            -");
	ms_view_key(v, KEY_HOME);
	tt_assert_page(v, w, "  inode             -");
	/* a null end (a damaged recording): '-', and no size made of it */
	for (int i = 0; i < s.vmas.n; i++)
		if (s.vmas.v[i].start == 0x555500400000)
			s.vmas.v[i].end = MS_NA;
	tt_draw(v, w);
	tt_assert_row(w, "pid 42 big: 555500400000-- [heap]  (Esc back)");
	tt_assert_row(w, "  end               -");
	tt_assert_row(w, "  size              -");
	tt_assert_no_row(w, "ffffffff");
	/* back to the list, then to the processes (a new sample) */
	assert_int_equal(ms_view_key(v, MS_KEY_ESC), MS_KEY_DONE);
	tt_draw(v, w);
	tt_assert_row(w, "pid 42 big: 3 VMAs");
	/* the way back last, as on every screen (it was in the middle) */
	assert_string_equal(
		ms_view_hints(v),
		"Enter VMA fields  f folios  t maple tree  H graph  "
		"s/</> sort  r reverse  / filter  Esc processes");
	assert_int_equal(ms_view_key(v, KEY_BACKSPACE), MS_KEY_RESAMPLE);
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	ms_snapshot_free(&procs);
	delwin(w);
}

static void test_vma_exited(void **state)
{
	struct ms_snapshot procs, s;
	struct ms_view *v = view_on_42(&procs);
	WINDOW *w = newwin(24, 80, 0, 0);
	struct ms_request req = { 0 };

	ms_snapshot_init(&s);
	ms_snapshot_note_pid(&s, "vmas", 42, "pid 42: exited");
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	tt_assert_row(w, "pid 42 (big): vmas: pid 42: exited");
	tt_assert_row(w, "Esc or Backspace: back to the process list");
	assert_string_equal(ms_view_hints(v), "Esc back to the processes");
	/* a zombie: the section is there, empty, with the reader's note */
	ms_snapshot_reset(&s);
	s.have = MS_SEC_BIT(MS_SEC_VMAS);
	s.vmas.pid = 42;
	ms_snapshot_note_pid(&s, "vmas", 42, "pid 42 has no address space");
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	tt_assert_row(w, "vmas: pid 42 has no address space");
	/* a note about pid 421 is not about 42 */
	ms_snapshot_reset(&s);
	ms_snapshot_note(&s, "procs", "pid 421: exited");
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	tt_assert_row(
		w, "pid 42 (big): vmas unavailable (no backend provided it)");
	assert_int_equal(ms_view_key(v, MS_KEY_ESC), MS_KEY_RESAMPLE);
	ms_view_request(v, &req);
	assert_int_equal(req.sections, MS_SEC_BIT(MS_SEC_PROCS));
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	ms_snapshot_free(&procs);
	delwin(w);
}

/* 65,530 VMAs: the list scrolls to the end and finds the last one. */
static void test_vma_many(void **state)
{
	struct ms_snapshot procs, s;
	struct ms_view *v = view_on_42(&procs);
	WINDOW *w = newwin(24, 80, 0, 0);
	char last[64];

	ms_snapshot_init(&s);
	s.have = MS_SEC_BIT(MS_SEC_VMAS);
	s.vmas.pid = 42;
	s.vmas.has_smaps = true;
	for (uint64_t i = 0; i < 65530; i++)
		add_vma(&s, 0x7f0000000000 + i * 0x2000,
			0x7f0000001000 + i * 0x2000, NULL, MS_VMA_ANON);
	ms_derive(&s);
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	tt_assert_row(w, "pid 42 big: 65530 VMAs");
	tt_assert_row(w, "VMAs         65530         0");
	assert_int_equal(ms_view_key(v, KEY_END), MS_KEY_DONE);
	tt_draw(v, w);
	snprintf(last, sizeof(last), "%012llx     4K rw-p",
		 0x7f0000000000ull + 65529ull * 0x2000);
	tt_assert_row(w, last);
	/* sorted by size, then filtered by mapping name */
	ms_view_key(v, 's');
	ms_view_key(v, '/');
	ms_view_key(v, 'x');
	ms_view_key(v, '\n');
	tt_draw(v, w);
	tt_assert_row(w, "Filter: x  (0 of 65530)");
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	ms_snapshot_free(&procs);
	delwin(w);
}

/* The VMAs of pid 9080 of the 6.18 tree (a 16 MiB heap), read for real. */
static void test_vma_fixture(void **state)
{
	struct tt_tree *f = tt_open(FIX "debian12-6.18");
	struct ms_snapshot procs;
	struct ms_view *v = ms_view_vma.create(&ui);
	WINDOW *w = newwin(30, 100, 0, 0);

	ms_snapshot_init(&procs);
	procs.have = MS_SEC_BIT(MS_SEC_PROCS);
	add_proc(&procs, 9080, "sh", 18116);
	ms_view_update(v, &procs, NULL);
	assert_int_equal(ms_view_key(v, '\n'), MS_KEY_RESAMPLE);
	tt_sample(f, v, 0);
	tt_draw(v, w);
	tt_assert_row(w, "pid 9080 sh: 25 VMAs");
	/* [vsyscall] needs 16 digits: 100 columns show the start only */
	tt_assert_row(
		w, "0000555fcedbb000   132K rw-p        0 00:00   112K   112K"
		   "     0K   112K   112K [heap]");
	tt_assert_row(
		w, "00007f6d5933d000    16M rw-p        0 00:00    16M    16M"
		   "     0K    16M    16M [anon]");
	tt_assert_row(
		w, "0000555fc48b2000    16K r--p        0 fe:00    16K     5K"
		   "     0K     0K     0K /usr/bin/dash");
	for (int i = 0; i < 6; i++)
		ms_view_key(v, KEY_DOWN);
	assert_int_equal(ms_view_key(v, '\n'), MS_KEY_DONE);
	tt_draw(v, w);
	tt_assert_row(w, "  path              [heap]");
	tt_assert_row(w, "  Rss               112 kB");
	tt_assert_page(v, w,
		       "  numa_maps         one NUMA node: placement not read");
	v->cls->destroy(v);
	ms_snapshot_free(&procs);
	delwin(w);
	tt_close(f);
}

/* Debian's 6.1 kernel with two nodes */
static void test_6_1_vma_placement(void **state)
{
	struct tt_tree *f = tt_open(FIX "debian-6.1-2node");
	struct ms_view *v = ms_view_vma.create(&ui);
	WINDOW *w = newwin(30, 160, 0, 0);

	tt_sample(f, v, 0);
	tt_draw(v, w);
	tt_assert_row(w, "Processes: 4 shown, 4 kernel threads hidden");
	tt_assert_row(w, "    127 #0          7.4M    4.2M    9.4M     11");
	/* the first row, by RSS: pid 127 */
	assert_int_equal(ms_view_key(v, '\n'), MS_KEY_RESAMPLE);
	tt_sample(f, v, 0);
	tt_draw(v, w);
	tt_assert_row(w, "pid 127 sh: 11 VMAs, Rss 5.5M, Pss 4.2M, Swap 9.4M");
	tt_assert_row(w, "7f12d62bf000-7f12d7d40000    27M rw-p        0 00:00"
			 "         0   4.0M   4.0M   9.3M   4.0M   4.0M     0K"
			 "   4.0M     0K   1 N1=1536        [anon]");
	for (int i = 0; i < 7; i++)
		ms_view_key(v, KEY_DOWN);
	assert_int_equal(ms_view_key(v, '\n'), MS_KEY_DONE);
	tt_assert_page(v, w, "  node 1            1536 pages (6.0M)");
	tt_assert_page(v, w, "  AnonHugePages     4096 kB (4.0M)");
	v->cls->destroy(v);
	delwin(w);
	tt_close(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vma_list),
		cmocka_unit_test(test_vma_stale),
		cmocka_unit_test(test_vma_maps),
		cmocka_unit_test(test_vma_exited),
		cmocka_unit_test(test_vma_many),
		cmocka_unit_test(test_vma_fixture),
		cmocka_unit_test(test_6_1_vma_placement),
	};
	return tt_run("test_tui_vma", tests, false);
}
