// SPDX-License-Identifier: GPL-2.0
/*
 * The header's memory bar: what a refresh reads for it (the files of one
 * refresh, as --capture copies them) on a tab that does not show the
 * memory area and on the Memory tab, and where the memory notes show.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui/state.h"
#include "tests/unit/tui_test.h"

#define FIX "tests/fixtures/"
/* captured as root: vmallocinfo, iomem, slabinfo, the firmware's map */
#define ROOT_TREE FIX "debian-6.12-2node"

static const struct ms_opts opts = { .interval = 1 };
static const struct ms_ui ui = { .opts = &opts, .utf8 = true };

/* ---- the files one refresh reads ------------------------------------ */

#define MAX_FILES 512
struct files {
	char *v[MAX_FILES];
	int n;
};

static struct files *walking;
static size_t walk_root;

static int walk_one(const char *path, const struct stat *st, int type,
		    struct FTW *f)
{
	(void)st;
	(void)f;
	if (type == FTW_F || type == FTW_SL) {
		assert_true(walking->n < MAX_FILES);
		walking->v[walking->n++] = strdup(path + walk_root + 1);
	}
	return 0;
}

static bool has(const struct files *l, const char *rel)
{
	for (int i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], rel))
			return true;
	return false;
}

/* Any file whose path starts with prefix. */
static bool has_under(const struct files *l, const char *prefix)
{
	for (int i = 0; i < l->n; i++)
		if (!strncmp(l->v[i], prefix, strlen(prefix)))
			return true;
	return false;
}

static void files_free(struct files *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->v[i]);
	l->n = 0;
}

/*
 * Refresh v on t as the explorer does (ms_frame_request) unless req is
 * given, twice: the files of the second refresh into l (the first reads
 * what is read once per run).
 */
static void refresh_files(struct tt_tree *t, struct ms_view *v,
			  const struct ms_request *req, struct files *l)
{
	char dir[] = "/tmp/ms-membar-XXXXXX", cmd[64];
	struct ms_session ss = { .m = &t->m };
	struct ms_request r;

	if (req)
		r = *req;
	else
		ms_frame_request(v, &r);
	assert_int_equal(ms_session_sample(&ss, &r, &t->s, NULL), 0);
	assert_non_null(mkdtemp(dir));
	assert_int_equal(ms_root_capture(&t->root, dir), 0);
	assert_int_equal(ms_session_sample(&ss, &r, &t->s, NULL), 0);
	ms_view_update(v, &t->s, NULL);
	close(t->root.capture_fd);
	t->root.capture_fd = -1;
	walking = l;
	walk_root = strlen(dir);
	assert_int_equal(nftw(dir, walk_one, 16, FTW_PHYS), 0);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* The memory area's files that only its children and the tab need. */
static const char *const detail[] = {
	"proc/vmallocinfo",
	"proc/iomem",
	"proc/slabinfo",
	"sys/firmware/memmap",
	"sys/devices/system/node/node0/meminfo",
	"sys/devices/system/node/node1/vmstat",
	"sys/kernel/mm/transparent_hugepage",
	"sys/kernel/mm/hugepages",
	NULL,
};

/*
 * The Buddy tab with the bar: beyond what the tab reads without it, a
 * refresh reads meminfo, vmstat and zoneinfo (and the zram devices:
 * none here), never the memory area's other files.
 */
static void bar_reads_top_level_only(void **state)
{
	struct tt_tree *t = tt_open(ROOT_TREE), *u = tt_open(ROOT_TREE);
	struct ms_view *v = ms_view_buddy.create(&ui);
	struct ms_request bare = { 0 };
	struct files with = { 0 }, without = { 0 };

	(void)state;
	ms_view_request(v, &bare);
	bare.sections |= MS_SEC_BIT(MS_SEC_MEMINFO) |
			 MS_SEC_BIT(MS_SEC_RECLAIM);
	refresh_files(u, v, &bare, &without);
	refresh_files(t, v, NULL, &with);
	assert_true(t->s.have & MS_SEC_BIT(MS_SEC_MEMORY));
	assert_true(t->s.memory.ledger.n > 5);
	for (int i = 0; i < with.n; i++)
		if (!has(&without, with.v[i]) &&
		    strcmp(with.v[i], "proc/meminfo") &&
		    strcmp(with.v[i], "proc/vmstat") &&
		    strcmp(with.v[i], "proc/zoneinfo"))
			fail_msg("the bar read %s (%d files, %d without it)",
				 with.v[i], with.n, without.n);
	/* the reclaim section reads transparent_hugepage: not the bar */
	for (int i = 0; detail[i]; i++)
		if (has_under(&with, detail[i]) &&
		    !has_under(&without, detail[i]))
			fail_msg("the bar read %s", detail[i]);
	assert_true(has(&without, "proc/buddyinfo"));
	assert_true(has(&with, "proc/zoneinfo"));
	files_free(&with);
	files_free(&without);
	v->cls->destroy(v);
	tt_close(t);
	tt_close(u);
}

/*
 * The header on a tab that shows neither memory nor reclaim (Buddy): its
 * bar and pressure read meminfo (and the kernel's release), vmstat,
 * zoneinfo, the zram devices and PSI beyond what the tab reads, never the
 * reclaim area's THP sizes, sysctls or swaps (174 files before, 7 now).
 */
static void header_reads_little(void **state)
{
	static const char *const allowed[] = {
		"proc/meminfo",
		"proc/sys/kernel/osrelease",
		"proc/vmstat",
		"proc/zoneinfo",
		"proc/pressure/memory",
		"sys/block/zram", /* and the files under it */
		NULL,
	};
	struct tt_tree *t = tt_open(ROOT_TREE), *u = tt_open(ROOT_TREE);
	struct ms_view *v = ms_view_buddy.create(&ui);
	struct ms_request bare = { 0 };
	struct files with = { 0 }, without = { 0 };

	(void)state;
	ms_view_request(v, &bare);
	refresh_files(u, v, &bare, &without);
	refresh_files(t, v, NULL, &with);
	assert_true(has_under(&without, "proc/buddyinfo"));
	for (int i = 0; i < with.n; i++) {
		bool ok = has(&without, with.v[i]);

		for (int k = 0; !ok && allowed[k]; k++)
			ok = !strncmp(with.v[i], allowed[k],
				      strlen(allowed[k]));
		if (!ok)
			fail_msg("the header read %s (%d files, %d without it)",
				 with.v[i], with.n, without.n);
	}
	files_free(&with);
	files_free(&without);
	v->cls->destroy(v);
	tt_close(t);
	tt_close(u);
}

/*
 * The bar's buckets are the Memory tab's top level: the same names and
 * sizes whether the refresh read every file or only the bar's.
 */
static void bar_same_top_level(void **state)
{
	struct tt_tree *t = tt_open(ROOT_TREE), *u = tt_open(ROOT_TREE);
	struct ms_view *b = ms_view_buddy.create(&ui);
	struct ms_view *m = ms_view_memory.create(&ui);
	const struct ms_ledger *lb = &t->s.memory.ledger;
	const struct ms_ledger *lm = &u->s.memory.ledger;
	struct files f = { 0 };
	int nb = 0, nm = 0;

	(void)state;
	refresh_files(t, b, NULL, &f);
	files_free(&f);
	refresh_files(u, m, NULL, &f);
	files_free(&f);
	assert_true(lm->n > lb->n); /* the tab's has children */
	for (int i = 0; i < lm->n; i++) {
		const struct ms_ledger_entry *e;

		if (lm->v[i].parent[0])
			continue;
		nm++;
		e = ms_ledger_find(lb, lm->v[i].name);
		assert_non_null(e);
		assert_int_equal(e->kb, lm->v[i].kb);
	}
	for (int i = 0; i < lb->n; i++)
		nb += !lb->v[i].parent[0];
	assert_int_equal(nb, nm);
	b->cls->destroy(b);
	m->cls->destroy(m);
	tt_close(t);
	tt_close(u);
}

/*
 * The Memory tab reads vmallocinfo, slabinfo and the nodes' files every
 * refresh; iomem and the firmware's map once per run.
 */
static void memory_tab_reads(void **state)
{
	struct tt_tree *t = tt_open(ROOT_TREE);
	struct ms_view *v = ms_view_memory.create(&ui);
	struct files f = { 0 };

	(void)state;
	refresh_files(t, v, NULL, &f);
	assert_true(has(&f, "proc/vmallocinfo"));
	assert_true(has(&f, "proc/slabinfo"));
	assert_true(has(&f, "sys/devices/system/node/node1/meminfo"));
	assert_false(has(&f, "proc/iomem"));
	assert_false(has_under(&f, "sys/firmware/memmap"));
	/* what they gave is in every sample */
	assert_true(t->s.memory.firmware.n > 0);
	assert_non_null(ms_ledger_find(&t->s.memory.ledger, "kernel_image"));
	files_free(&f);
	v->cls->destroy(v);
	tt_close(t);
}

static bool noted(const struct ms_snapshot *s, const char *what)
{
	for (int i = 0; i < s->nr_notes; i++)
		if (!strcmp(s->notes[i].what, what))
			return true;
	return false;
}

/*
 * A tree without iomem and vmallocinfo (captured as a user): their notes
 * where the memory area is shown, not in every tab's header.
 */
static void memory_notes_where_shown(void **state)
{
	struct tt_tree *t = tt_open(FIX "debian-6.1-2node");
	struct ms_view *b = ms_view_buddy.create(&ui);
	struct ms_view *m = ms_view_memory.create(&ui);
	struct files f = { 0 };

	(void)state;
	refresh_files(t, b, NULL, &f);
	files_free(&f);
	assert_true(t->s.have & MS_SEC_BIT(MS_SEC_MEMORY));
	assert_false(noted(&t->s, "iomem"));
	assert_false(noted(&t->s, "vmallocinfo"));
	refresh_files(t, m, NULL, &f);
	files_free(&f);
	assert_true(noted(&t->s, "iomem"));
	assert_true(noted(&t->s, "vmallocinfo"));
	/* and back: gone again */
	refresh_files(t, b, NULL, &f);
	files_free(&f);
	assert_false(noted(&t->s, "iomem"));
	b->cls->destroy(b);
	m->cls->destroy(m);
	tt_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bar_reads_top_level_only),
		cmocka_unit_test(header_reads_little),
		cmocka_unit_test(bar_same_top_level),
		cmocka_unit_test(memory_tab_reads),
		cmocka_unit_test(memory_notes_where_shown),
	};

	return tt_run("tui_membar", tests, false);
}
