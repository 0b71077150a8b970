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

#include "model/field.h"
#include "probes/bpf/kallsyms.h"
#include "probes/bpf/pcmap.h"
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
	assert_int_equal(caps, MS_SEC_EVENTS | MS_SEC_BIT(MS_SEC_ATTRIBUTION) |
				       MS_SEC_BIT(MS_SEC_PAGECACHE_EVENTS));
	ms_root_close(&tree);
#ifdef MS_HAVE_BPF
	/* with it, the procfs backend's */
	assert_int_equal(
		ms_root_open(&tree, "tests/fixtures/edge-attrib-allocinfo"), 0);
	ms_bpf_ops.detect(&tree, &caps, why, sizeof(why));
	assert_int_equal(caps,
			 MS_SEC_EVENTS | MS_SEC_BIT(MS_SEC_PAGECACHE_EVENTS));
	ms_root_close(&tree);
#endif
}

/* ---- the pcache group's map data (no privileges needed) ---------------- */

static const char mountinfo[] =
	"22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw\n"
	"23 22 254:0 /srv /mnt/srv rw - ext4 /dev/vda rw\n"
	"24 22 8:17 / /mnt/my\\040disk rw - xfs /dev/sdb1 rw\n"
	"25 22 8:17 / /mnt/again rw - xfs /dev/sdb1 rw\n"
	"garbage line\n"
	"26 22 0:30 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n"
	"27 22 0:31 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"
	"28 22 0:32 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids";

static void pcache_mounts(void **state)
{
	struct ms_pc_mounts m;

	assert_int_equal(ms_pc_mounts_parse(&m, mountinfo, strlen(mountinfo)),
			 0);
	/* the root mount, not the bind mount of a subdirectory */
	assert_string_equal(ms_pc_mount_dir(&m, 254ULL << 32), "/");
	/* \040 undone, the first mount of a device kept */
	assert_string_equal(ms_pc_mount_dir(&m, 8ULL << 32 | 17),
			    "/mnt/my disk");
	assert_null(ms_pc_mount_dir(&m, 9ULL << 32));
	/* memcgs live in v1's memory hierarchy when there is one */
	assert_string_equal(m.memcg_dir, "/sys/fs/cgroup/memory");
	assert_true(m.memcg_v1);
	ms_pc_mounts_free(&m);
	assert_int_equal(ms_pc_mounts_parse(&m, mountinfo, 273), 0);
	assert_string_equal(m.memcg_dir, "/sys/fs/cgroup/unified");
	assert_false(m.memcg_v1);
	ms_pc_mounts_free(&m);
	/* a cut line: nothing read past the end */
	assert_int_equal(ms_pc_mounts_parse(&m, "24 22 8:17 / /mnt/x\\04", 22),
			 0);
	assert_string_equal(ms_pc_mount_dir(&m, 8ULL << 32 | 17), "/mnt/x\\04");
	ms_pc_mounts_free(&m);
}

static void name_set(struct ms_pc_file *v, unsigned int flags, int n, ...)
{
	va_list ap;

	memset(v, 0, sizeof(*v));
	v->flags = flags;
	v->depth = (unsigned int)n;
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		snprintf(v->name[i], MS_PC_NAME, "%s", va_arg(ap, char *));
	va_end(ap);
}

static void pcache_names(void **state)
{
	struct ms_pc_file v;
	char b[64];
	bool partial;

	name_set(&v, MS_PC_ROOT, 3, "c.o", "b", "a");
	assert_int_equal(ms_pc_name(&v, "/mnt/x", b, sizeof(b), &partial), 14);
	assert_string_equal(b, "/mnt/x/a/b/c.o");
	assert_false(partial);
	ms_pc_name(&v, "/", b, sizeof(b), &partial);
	assert_string_equal(b, "/a/b/c.o");
	/* the root not reached: the top is missing, said so */
	name_set(&v, 0, 2, "c.o", "b");
	ms_pc_name(&v, "/mnt/x", b, sizeof(b), &partial);
	assert_string_equal(b, ".../b/c.o");
	assert_true(partial);
	/* a component cut by the program */
	name_set(&v, MS_PC_ROOT | MS_PC_CUT, 1, "abc");
	ms_pc_name(&v, NULL, b, sizeof(b), &partial);
	assert_string_equal(b, "/abc");
	assert_true(partial);
	/* raw bytes kept (escaped by the outputs), the buffer respected */
	name_set(&v, MS_PC_ROOT, 1, "n\nl\xff");
	assert_int_equal(ms_pc_name(&v, NULL, b, 4, &partial), 3);
	assert_string_equal(b, "/n\n");
	/* a depth past the array is not trusted */
	name_set(&v, MS_PC_ROOT, 1, "x");
	v.depth = 1000;
	ms_pc_name(&v, NULL, b, sizeof(b), &partial);
	assert_int_equal(strncmp(b, "//////", 6), 0);
}

static void pcache_entry(void **state)
{
	struct ms_pc_key k = { .ino = 77, .dev = 254u << 20 | 3 };
	struct ms_pc_mounts m = { 0 };
	struct ms_pcache_file f;
	struct ms_pcache_key key;
	struct ms_pc_file v;

	assert_int_equal(ms_pc_dev(8u << 20 | 17), 8ULL << 32 | 17);
	assert_int_equal(ms_pc_mounts_parse(
				 &m, "1 0 254:3 / /data rw - ext4 x rw\n", 33),
			 0);
	name_set(&v, MS_PC_ROOT, 2, "f.dat", "d");
	v.added = 16384;
	v.removed = 100;
	v.cgid = 42;
	v.size = 5000;
	memset(&f, 0, sizeof(f));
	assert_int_equal(ms_pc_file(&k, &v, 4, &m, &f, &key), 0);
	assert_string_equal(f.path, "/data/d/f.dat");
	assert_string_equal(f.dev, "254:3");
	assert_int_equal(f.ino, 77);
	assert_int_equal(key.dev, 254ULL << 32 | 3);
	assert_int_equal(key.sino, 77);
	assert_int_equal(f.added_kb, 65536);
	assert_int_equal(f.removed_kb, 400);
	assert_int_equal(f.cached_kb, 65536 - 400);
	assert_int_equal(f.size_kb, 5);
	assert_int_equal(f.memcg_id, 42);
	assert_int_equal(f.method, MS_PCACHE_EVENTS);
	assert_false(f.name_partial);
	assert_false(f.deleted);
	ms_fields_reset(ms_pcache_file_fields, &f);
	/* more removed than added (pages from before attach): nothing left;
	 * no dentry: no name, no cgroup */
	name_set(&v, MS_PC_NONAME | MS_PC_DELETED, 0);
	v.added = 1;
	v.removed = 5;
	assert_int_equal(ms_pc_file(&k, &v, 4, &m, &f, &key), 0);
	assert_int_equal(f.cached_kb, 0);
	assert_int_equal(f.removed_kb, 20);
	assert_null(f.path);
	assert_true(f.name_partial);
	assert_true(f.deleted);
	assert_false(ms_have(f.memcg_id));
	/* counters at their ends: no signed overflow (UBSan, SAN=1) */
	v.added = INT64_MAX;
	v.removed = -1;
	assert_int_equal(ms_pc_file(&k, &v, 1, &m, &f, &key), 0);
	assert_int_equal(f.cached_kb, (uint64_t)INT64_MAX + 1);
	ms_fields_reset(ms_pcache_file_fields, &f);
	ms_pc_mounts_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kallsyms_lookup),
		cmocka_unit_test(kallsyms_hidden),
		cmocka_unit_test(stack_walk),
		cmocka_unit_test(captured_tree_says_why),
		cmocka_unit_test(pcache_mounts),
		cmocka_unit_test(pcache_names),
		cmocka_unit_test(pcache_entry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
