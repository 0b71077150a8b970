// SPDX-License-Identifier: GPL-2.0
/*
 * The BPF backend without privileges: kernel symbols named from a
 * kallsyms text, and a captured tree that is never traced. (On the live
 * kernel: tests/kernel/test_bpf_buddy_slab.c and test_bpf_live.c.)
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "probes/bpf/kallsyms.h"
#include "probes/probe.h"

/* ---- kallsyms (no privileges needed) ------------------------------------ */

static const char ksyms_text[] = "ffffffff81000000 T _stext\n"
				 "ffffffff8162e710 T kfree\n"
				 "ffffffff81636390 T kmem_cache_alloc_noprof\n"
				 "ffffffff81700000 D some_data\n"
				 "ffffffffc0a01000 t ext4_fill_super\t[ext4]\n";

static void kallsyms_lookup(void **state)
{
	struct ms_kallsyms k;
	char b[MS_SYM];

	assert_int_equal(
		ms_kallsyms_parse(&k, ksyms_text, sizeof(ksyms_text) - 1), 0);
	assert_int_equal(k.n, 4); /* text only: D is left out */
	assert_true(ms_kallsyms_name(&k, 0xffffffff8162e72aULL, b, sizeof(b)));
	assert_string_equal(b, "kfree+0x1a");
	assert_true(ms_kallsyms_name(&k, 0xffffffff81636390ULL, b, sizeof(b)));
	assert_string_equal(b, "kmem_cache_alloc_noprof+0x0");
	assert_true(ms_kallsyms_name(&k, 0xffffffffc0a01010ULL, b, sizeof(b)));
	assert_string_equal(b, "ext4_fill_super+0x10 [ext4]");
	assert_false(ms_kallsyms_name(&k, 0xffffffff80000000ULL, b, sizeof(b)));
	ms_kallsyms_free(&k);
}

static void kallsyms_hidden(void **state)
{
	static const char hidden[] = "0000000000000000 T _stext\n"
				     "0000000000000000 T kfree\n";
	struct ms_kallsyms k;

	/* kptr_restrict: every address reads 0, nothing can be named */
	assert_int_equal(ms_kallsyms_parse(&k, hidden, sizeof(hidden) - 1),
			 -EPERM);
	assert_int_equal(ms_kallsyms_parse(&k, "garbage", 7), -EINVAL);
}

/* A captured tree is never traced. */
static void captured_tree_says_why(void **state)
{
	struct ms_root tree;
	unsigned int caps = 0;
	char why[128] = "";

	assert_int_equal(ms_root_open(&tree, "tests/fixtures/debian12-6.18"),
			 0);
#ifdef MS_HAVE_BPF
	assert_int_equal(ms_bpf_ops.detect(&tree, &caps, why, sizeof(why)),
			 -ENODEV);
	assert_string_equal(why, "captured tree");
#else
	assert_int_equal(ms_bpf_ops.detect(&tree, &caps, why, sizeof(why)),
			 -ENOTSUP);
	assert_non_null(strstr(why, "not built with BPF"));
#endif
	assert_int_equal(caps, MS_SEC_EVENTS);
	ms_root_close(&tree);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kallsyms_lookup),
		cmocka_unit_test(kallsyms_hidden),
		cmocka_unit_test(captured_tree_says_why),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
