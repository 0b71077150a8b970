// SPDX-License-Identifier: GPL-2.0
/*
 * The kmod backend behind the manager, on the doc's examples and a real
 * capture from the lab VM: what it fills, its totals, the actions a
 * captured tree refuses, and the live system without the module.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "model/snapshot.h"
#include "probes/kmod/kmod_parse.h"
#include "app/session.h"
#include "probes/probe.h"
#include "probes/procfs/procfs.h"
#include "probes/root.h"
#include "tests/unit/kmod_test.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int sample(const char *tree, const struct ms_request *req,
		  struct ms_snapshot *s)
{
	struct ms_manager m;
	struct ms_root r;
	int err;

	assert_int_equal(ms_root_open(&r, tree), 0);
	assert_int_equal(ms_manager_open(&m, &r), 0);
	ms_snapshot_init(s);
	err = ms_session_sample(&(struct ms_session){ .m = &m }, req, s, NULL);
	ms_manager_close(&m);
	ms_root_close(&r);
	return err;
}

static const char *note(const struct ms_snapshot *s, const char *what)
{
	for (int i = 0; i < s->nr_notes; i++)
		if (!strcmp(s->notes[i].what, what))
			return s->notes[i].why;
	print_error("no note '%s'\n", what);
	return "";
}

/* A tree of a kernel that loads modules, none of them memscope.ko. */
static void tree_with_modules(const struct ms_request *req)
{
	char dir[] = "/tmp/ms-test-kmod-XXXXXX", cmd[256];
	struct ms_snapshot s;

	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd),
		 "cp -r tests/fixtures/edge-buddy-order0/proc %s/ && "
		 "echo 'virtio_net 69632 0 - Live 0x0' > %s/proc/modules",
		 dir, dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(sample(dir, req, &s), 0);
	assert_string_equal(note(&s, "maple"),
			    "module not loaded when this tree was captured");
	ms_snapshot_free(&s);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/*
 * The real capture: with the module, Buddy comes from kmod and equals what
 * procfs reads from the same moment (both module reads were identical).
 */
static void test_backend_real(void **state)
{
	struct ms_request req = { .sections = MS_SEC_BIT(MS_SEC_BUDDY),
				  .pagetypes = true };
	struct ms_snapshot k, p;
	struct ms_procfs pf = { 0 };
	struct ms_root r;
	int zones = 0;

	assert_int_equal(sample(REAL, &req, &k), 0);
	assert_true(k.have & MS_SEC_BIT(MS_SEC_BUDDY));
	assert_string_equal(k.source[MS_SEC_BUDDY], "kmod");
	assert_int_equal(k.nr_notes, 0);
	assert_int_equal(ms_root_open(&r, REAL), 0);
	ms_snapshot_init(&p);
	assert_int_equal(ms_procfs_buddy(&r, &pf, true, true, &p), 0);
	ms_derive(&p);
	assert_int_equal(k.buddy.nr_zones, p.buddy.nr_zones);
	assert_int_equal(k.buddy.nr_migrate, p.buddy.nr_migrate);
	for (int m = 0; m < p.buddy.nr_migrate; m++)
		assert_string_equal(k.buddy.migrate[m], p.buddy.migrate[m]);
	for (int i = 0; i < p.buddy.nr_zones; i++) {
		const struct ms_zone *a = &k.buddy.zones[i];
		const struct ms_zone *b = &p.buddy.zones[i];

		assert_int_equal(a->node, b->node);
		assert_string_equal(a->name, b->name);
		assert_int_equal(a->nr_orders, b->nr_orders);
		assert_int_equal(a->has_migrate, b->has_migrate);
		assert_orders(a->free_blocks, b->free_blocks, b->nr_orders);
		for (int m = 0; a->has_migrate && m < p.buddy.nr_migrate; m++)
			assert_orders(a->mt_free[m], b->mt_free[m],
				      b->nr_orders);
		assert_int_equal(a->free_pages, b->free_pages);
		assert_int_equal(a->largest_order, b->largest_order);
		assert_int_equal(a->wmark_min, b->wmark_min);
		assert_int_equal(a->wmark_high, b->wmark_high);
		assert_int_equal(a->managed, b->managed);
		assert_int_equal(a->spanned, b->spanned);
		assert_int_equal(a->nr_protection, b->nr_protection);
		zones += a->nr_orders > 0;
	}
	assert_int_equal(zones, 4);
	assert_int_equal(zone(&k.buddy, 1, "Normal")->free_blocks[4], 32);
	assert_int_equal(zone(&k.buddy, 0, "Normal")->mt_free[1][10], 89);
	ms_snapshot_free(&k);
	ms_snapshot_free(&p);
	ms_buf_free(&pf.buf);
	ms_buf_free(&pf.buf2);
	ms_root_close(&r);
}

/*
 * Without per-type counts asked for (the zone table, not a zone's page),
 * the module's buddy file, a walk of every free list under the zone lock,
 * is not read: buddyinfo's totals are, and the source says procfs.
 */
static void test_backend_totals(void **state)
{
	struct ms_request req = { .sections = MS_SEC_BIT(MS_SEC_BUDDY) };
	struct ms_snapshot k;

	assert_int_equal(sample(REAL, &req, &k), 0);
	assert_true(k.have & MS_SEC_BIT(MS_SEC_BUDDY));
	assert_string_equal(k.source[MS_SEC_BUDDY], "procfs");
	assert_int_equal(k.nr_notes, 0);
	assert_int_equal(k.buddy.nr_migrate, 0);
	assert_false(zone(&k.buddy, 0, "Normal")->has_migrate);
	assert_int_equal(zone(&k.buddy, 1, "Normal")->free_blocks[4], 32);
	ms_snapshot_free(&k);
	/* the doc tree has no buddyinfo: said, and no zones */
	assert_int_equal(sample(DOC, &req, &k), 0);
	assert_false(k.have & MS_SEC_BIT(MS_SEC_BUDDY));
	assert_non_null(strstr(note(&k, "buddyinfo"), "No such file"));
	ms_snapshot_free(&k);
}

/* Actions against captured trees, and sections without the module. */
static void test_backend_actions(void **state)
{
	struct ms_request req = { .sections = MS_SEC_KMOD, .maple_pid = 1234 };
	struct ms_snapshot s;

	/* the doc tree has no zoneinfo: zones come from the module alone */
	req.sections |= MS_SEC_BIT(MS_SEC_BUDDY);
	req.pagetypes = true;
	assert_int_equal(sample(DOC, &req, &s), 0);
	assert_string_equal(s.source[MS_SEC_BUDDY], "kmod");
	assert_int_equal(s.buddy.nr_zones, 2);
	assert_non_null(strstr(note(&s, "zoneinfo"), "No such file"));
	assert_non_null(strstr(note(&s, "buddy/capped"),
			       "1 zone(s) have more than 131072"));
	assert_true(s.have & MS_SEC_BIT(MS_SEC_MAPLE));
	assert_string_equal(s.source[MS_SEC_MAPLE], "kmod");
	assert_int_equal(s.maple.pid, 1234);
	assert_int_equal(s.maple.nr_nodes, 4);
	assert_false(s.have & MS_SEC_BIT(MS_SEC_ALLOC_PROBE));
	assert_string_equal(note(&s, "alloc_probe"),
			    "a captured tree cannot run the probe");
	assert_string_equal(note(&s, "slab_bench"),
			    "a captured tree cannot run the benchmark");
	ms_snapshot_free(&s);

	req.maple_pid = 99;
	assert_int_equal(sample(REAL, &req, &s), 0);
	assert_false(s.have & MS_SEC_BIT(MS_SEC_MAPLE));
	assert_int_equal(s.maple.nr_nodes, 0);
	assert_string_equal(note(&s, "maple"),
			    "this tree holds the maple tree of process 192 "
			    "only");
	ms_snapshot_free(&s);

	/*
	 * no module in the tree: procfs keeps Buddy, the rest says why; a
	 * tree without proc/modules (read through the root, not this
	 * machine's /proc) may be of a kernel that loads none
	 */
	assert_int_equal(sample("tests/fixtures/debian-6.1-2node", &req, &s),
			 0);
	assert_string_equal(s.source[MS_SEC_BUDDY], "procfs");
	assert_string_equal(note(&s, "maple"),
			    "module not loaded when this tree was captured; "
			    "no proc/modules in it: its kernel may load none");
	assert_string_equal(note(&s, "alloc_probe"), note(&s, "maple"));
	assert_int_equal(s.have & MS_SEC_KMOD, 0);
	ms_snapshot_free(&s);
	tree_with_modules(&req);
}

/*
 * The live system without the module: sudo insmod where the kernel loads
 * modules; where it was built without (no /proc/modules, as this
 * machine's), that it cannot, and the lab VM.
 */
static void test_backend_live(void **state)
{
	struct ms_request req = { .sections = MS_SEC_BIT(MS_SEC_SLAB_BENCH) };
	struct ms_snapshot s;

	if (access("/proc/memscope", F_OK) == 0)
		skip(); /* the module is loaded here */
	assert_int_equal(sample(NULL, &req, &s), 0);
	if (access("/proc/modules", F_OK) == 0)
		assert_string_equal(note(&s, "slab_bench"),
				    "module not loaded (sudo insmod "
				    "kmod/memscope.ko, or DKMS)");
	else
		assert_string_equal(note(&s, "slab_bench"),
				    "this kernel cannot load modules (no "
				    "/proc/modules): try the lab VM, make "
				    "lab (tests/lab/README.md)");
	ms_snapshot_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backend_real),
		cmocka_unit_test(test_backend_totals),
		cmocka_unit_test(test_backend_actions),
		cmocka_unit_test(test_backend_live),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
