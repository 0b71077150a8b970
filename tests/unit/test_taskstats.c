// SPDX-License-Identifier: GPL-2.0
/*
 * The taskstats backend without privileges: struct taskstats of older and
 * newer kernels, and a captured tree that has no delays. (On the live
 * kernel: tests/kernel/test_taskstats_live.c.)
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "probes/probe.h"

#ifdef MS_HAVE_LIBNL
#include <linux/taskstats.h>

#include "probes/taskstats/taskstats.h"
#endif

#ifdef MS_HAVE_LIBNL
/* ---- struct taskstats of another version (no privileges needed) -------- */

/* A v8 kernel's struct: swap-in and free-pages delays, nothing later. */
static void old_struct_has_fewer_delays(void **state)
{
	struct taskstats t = { 0 };
	struct ms_task_delay d = { 0 };
	int version;

	t.version = 8;
	t.swapin_count = 3;
	t.swapin_delay_total = 3000;
	t.freepages_count = 2;
	t.freepages_delay_total = 2000;
	t.thrashing_count = 99; /* a v8 kernel never wrote these */
	assert_int_equal(
		ms_taskstats_parse(&t,
				   offsetof(struct taskstats, thrashing_count),
				   &d, &version),
		0);
	assert_int_equal(version, 8);
	assert_int_equal(d.count[MS_DL_SWAPIN], 3);
	assert_int_equal(d.ns[MS_DL_SWAPIN], 3000);
	assert_int_equal(d.count[MS_DL_FREEPAGES], 2);
	assert_int_equal(d.ns[MS_DL_FREEPAGES], 2000);
	assert_true(d.count[MS_DL_THRASHING] == MS_NA);
	assert_true(d.ns[MS_DL_COMPACT] == MS_NA);
	assert_true(d.count[MS_DL_WPCOPY] == MS_NA);
}

/* A newer kernel's longer struct: what we know is read, the rest left. */
static void newer_struct_is_read(void **state)
{
	char buf[sizeof(struct taskstats) + 64];
	struct taskstats *t = (struct taskstats *)buf;
	struct ms_task_delay d = { 0 };
	int version;

	memset(buf, 0x5a, sizeof(buf));
	memset(t, 0, sizeof(*t));
	t->version = 16;
	t->wpcopy_count = 7;
	t->wpcopy_delay_total = 7777;
	t->compact_count = 1;
	t->thrashing_delay_total = 42;
	memcpy(t->ac_comm, "kswapd0", 8);
	assert_int_equal(ms_taskstats_parse(buf, sizeof(buf), &d, &version), 0);
	assert_int_equal(version, 16);
	assert_int_equal(d.count[MS_DL_WPCOPY], 7);
	assert_int_equal(d.ns[MS_DL_WPCOPY], 7777);
	assert_int_equal(d.count[MS_DL_COMPACT], 1);
	assert_int_equal(d.ns[MS_DL_THRASHING], 42);
	assert_string_equal(d.comm, "kswapd0");
	/* too short to be one */
	assert_int_equal(ms_taskstats_parse(buf, 4, &d, &version), -EINVAL);
}
#endif

/* ---- a captured tree ------------------------------------------------------ */

static void captured_tree_says_why(void **state)
{
	struct ms_root tree;
	unsigned int caps = 0;
	char why[128] = "";

	assert_int_equal(ms_root_open(&tree, "tests/fixtures/debian12-6.18"),
			 0);
	assert_true(ms_taskstats_ops.detect(&tree, &caps, why, sizeof(why)) <
		    0);
	assert_int_equal(caps, MS_SEC_BIT(MS_SEC_TASK_DELAYS));
#ifdef MS_HAVE_LIBNL
	assert_string_equal(why, "captured tree");
#else
	assert_non_null(strstr(why, "libnl"));
#endif
	ms_root_close(&tree);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#ifdef MS_HAVE_LIBNL
		cmocka_unit_test(old_struct_has_fewer_delays),
		cmocka_unit_test(newer_struct_is_read),
#endif
		cmocka_unit_test(captured_tree_says_why),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
