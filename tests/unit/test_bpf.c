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
#include <stdio.h>
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

static bool alloc_frame(const char *sym)
{
	static const char *const prefix[] = { "kmem_cache_alloc", NULL };

	return ms_ksym_in(sym, ms_ksym_tracing) || ms_ksym_in(sym, prefix);
}

static void join(void *arg, int n, uint64_t ip, const char *sym)
{
	char *b = arg;

	snprintf(b + strlen(b), 256 - strlen(b), "%s%s", n ? ";" : "", sym);
}

/* A stack's machinery frames are left out up to its call site. */
static void stack_walk(void **state)
{
	const uint64_t ip[] = { 0xffffffff81636391ULL, 0xffffffff8162e72aULL,
				0xffffffffc0a01010ULL, 0x1, 0 };
	struct ms_kallsyms k;
	char b[256] = "";

	assert_int_equal(
		ms_kallsyms_parse(&k, ksyms_text, sizeof(ksyms_text) - 1), 0);
	/* the allocator's frame left out, up to the 0 that ends it */
	b[0] = '\0';
	assert_int_equal(ms_ksym_walk(&k, ip, 5, alloc_frame, join, b, 8), 3);
	assert_string_equal(b, "kfree+0x1a;ext4_fill_super+0x10 [ext4];0x1");
	/* at most max frames; unknown addresses as numbers without k */
	b[0] = '\0';
	assert_int_equal(ms_ksym_walk(NULL, ip + 2, 3, alloc_frame, join, b, 1),
			 1);
	assert_string_equal(b, "0xffffffffc0a01010");
	/* a stack of machinery only keeps its last frame */
	b[0] = '\0';
	assert_int_equal(ms_ksym_walk(&k, ip, 1, alloc_frame, join, b, 8), 1);
	assert_string_equal(b, "kmem_cache_alloc_noprof+0x1");
	assert_true(ms_ksym_in("__traceiter_mm_page_alloc", ms_ksym_tracing));
	assert_false(ms_ksym_in("pipe_write+0x1c2", ms_ksym_tracing));
	ms_kallsyms_free(&k);
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
	/* a tree without allocinfo: attribution would be BPF's */
	assert_int_equal(caps, MS_SEC_EVENTS | MS_SEC_BIT(MS_SEC_ATTRIBUTION));
	ms_root_close(&tree);
#ifdef MS_HAVE_BPF
	/* with it, the procfs backend's */
	assert_int_equal(
		ms_root_open(&tree, "tests/fixtures/edge-attrib-allocinfo"), 0);
	ms_bpf_ops.detect(&tree, &caps, why, sizeof(why));
	assert_int_equal(caps, MS_SEC_EVENTS);
	ms_root_close(&tree);
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kallsyms_lookup),
		cmocka_unit_test(kallsyms_hidden),
		cmocka_unit_test(stack_walk),
		cmocka_unit_test(captured_tree_says_why),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
