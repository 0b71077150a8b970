// SPDX-License-Identifier: GPL-2.0
/* The shared kv line parsers and the meminfo reader, on fixtures and junk. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probes/procfs/kv.h"
#include "probes/procfs/procfs.h"
#include "tests/unit/procfs_test.h"

#define F618 "tests/fixtures/debian12-6.18"

static void colon_lines(void **state)
{
	char name[48];
	uint64_t v;

	assert_int_equal(ms_kv_colon("MemTotal:       24684092 kB", 27, name,
				     sizeof(name), &v),
			 0);
	assert_string_equal(name, "MemTotal");
	assert_int_equal(v, 24684092);
	/* no unit: the raw count */
	assert_int_equal(ms_kv_colon("HugePages_Total:       7", 24, name,
				     sizeof(name), &v),
			 0);
	assert_string_equal(name, "HugePages_Total");
	assert_int_equal(v, 7);
	assert_int_equal(ms_kv_colon("Active(anon):  1 kB\r", 20, name,
				     sizeof(name), &v),
			 0);
	assert_string_equal(name, "Active(anon)");
	assert_int_not_equal(ms_kv_colon("Bad: 12 MB", 10, name, 48, &v), 0);
	assert_int_not_equal(ms_kv_colon("NoValue:", 8, name, 48, &v), 0);
	assert_int_not_equal(ms_kv_colon(": 5 kB", 6, name, 48, &v), 0);
	assert_int_not_equal(ms_kv_colon("Mem Total: 5", 12, name, 48, &v), 0);
	assert_int_not_equal(ms_kv_colon("Neg: -5 kB", 10, name, 48, &v), 0);
	assert_int_equal(ms_kv_colon("Big: 18446744073709551616 kB", 28, name,
				     48, &v),
			 -ERANGE);
	assert_int_equal(
		ms_kv_colon("Max: 18446744073709551615", 25, name, 48, &v), 0);
	assert_true(v == UINT64_MAX);
	/* a name that does not fit is refused, not cut */
	assert_int_not_equal(ms_kv_colon("abcdefgh: 1", 11, name, 8, &v), 0);
}

static void pair_lines(void **state)
{
	char name[48];
	uint64_t v;
	char *p = pt_exact("pgfault 12345", 13);

	/* len bounds the number even when more digits follow */
	assert_int_equal(ms_kv_pair(p, 10, name, sizeof(name), &v), 0);
	assert_string_equal(name, "pgfault");
	assert_int_equal(v, 12);
	assert_int_equal(ms_kv_pair(p, 13, name, sizeof(name), &v), 0);
	assert_int_equal(v, 12345);
	free(p);
	assert_int_equal(ms_kv_pair("numa_hit\t5050109  ", 18, name, 48, &v),
			 0);
	assert_int_equal(v, 5050109);
	assert_int_not_equal(ms_kv_pair("pgfault -1", 10, name, 48, &v), 0);
	assert_int_not_equal(ms_kv_pair("a b c", 5, name, 48, &v), 0);
	assert_int_not_equal(ms_kv_pair("pgfault", 7, name, 48, &v), 0);
	assert_int_not_equal(ms_kv_pair("nr\x01x 5", 6, name, 48, &v), 0);
	assert_int_not_equal(ms_kv_pair("x 5 kB", 6, name, 48, &v), 0);
}

static void values_and_brackets(void **state)
{
	char out[24];
	uint64_t v;

	assert_int_equal(ms_parse_value("0x0007\n", 7, &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(ms_parse_value("  42 \n", 6, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(ms_parse_value("0xFFFFFFFFFFFFFFFF", 18, &v), 0);
	assert_true(v == UINT64_MAX);
	assert_int_equal(ms_parse_value("0x1FFFFFFFFFFFFFFFF", 19, &v),
			 -ERANGE);
	assert_int_not_equal(ms_parse_value("0x", 2, &v), 0);
	assert_int_not_equal(ms_parse_value("12ab", 4, &v), 0);
	assert_int_not_equal(ms_parse_value("", 0, &v), 0);
	assert_int_not_equal(ms_parse_value("1\n2\n", 4, &v), 0);

	assert_int_equal(ms_parse_bracket("always [madvise] never\n", 23, out,
					  sizeof(out)),
			 0);
	assert_string_equal(out, "madvise");
	assert_int_not_equal(ms_parse_bracket("[never", 6, out, 24), 0);
	assert_string_equal(out, "");
	assert_int_not_equal(ms_parse_bracket("a [] b", 6, out, 24), 0);
	assert_int_not_equal(ms_parse_bracket("a [b c] d", 9, out, 24), 0);
	assert_int_not_equal(
		ms_parse_bracket("[0123456789abcdefghijklmn]", 26, out, 24), 0);
	/* the ']' past len does not count */
	assert_int_not_equal(ms_parse_bracket("[abc]", 4, out, 24), 0);
}

static void line_iteration(void **state)
{
	const char *text = "a\n\nbc", *p = text, *l;
	size_t n;

	l = ms_line_next(&p, text + 5, &n);
	assert_ptr_equal(l, text);
	assert_int_equal(n, 1);
	l = ms_line_next(&p, text + 5, &n);
	assert_int_equal(n, 0);
	l = ms_line_next(&p, text + 5, &n);
	assert_ptr_equal(l, text + 3);
	assert_int_equal(n, 2);
	assert_null(ms_line_next(&p, text + 5, &n));
}

static void whole_files(void **state)
{
	const char *mixed =
		"MemTotal: 100 kB\n\x01\x02junk\n\nMemFree: 50 kB\n";
	const char *junk = "\x7f\xff\xfe\n:::\n\n";
	struct ms_kvlist l = { 0 };
	struct ms_perr e;

	ms_perr_init(&e);
	assert_int_equal(ms_kv_parse_colons(mixed, strlen(mixed), &l, &e), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(e.bad, 1);
	assert_int_equal(e.first_bad, 2);
	assert_int_equal(ms_kv_get(&l, "MemFree"), 50);

	l.n = 0;
	ms_perr_init(&e);
	assert_int_equal(ms_kv_parse_colons(junk, strlen(junk), &l, &e),
			 -EINVAL);
	assert_string_equal(e.why, "unknown format (line 1)");
	assert_int_equal(e.bad, 2);

	ms_perr_init(&e);
	assert_int_equal(ms_kv_parse_pairs("\n \n", 3, &l, &e), -EINVAL);
	assert_string_equal(e.why, "empty");
	assert_int_equal(l.n, 0);
	free(l.v);
}

/* Every prefix of a real file, as an exact-size buffer: no crash, no
 * read past the end, and never more counters than lines. */
static void every_prefix(void **state)
{
	static const char *const files[] = { F618 "/proc/meminfo",
					     F618 "/proc/vmstat" };
	struct ms_root root;
	struct ms_buf b = { 0 };

	assert_int_equal(ms_root_open(&root, "."), 0);
	for (int f = 0; f < 2; f++) {
		assert_int_equal(ms_read(&root, files[f], &b), 0);
		for (size_t len = 0; len <= b.len; len++) {
			struct ms_kvlist l = { 0 };
			struct ms_perr e;
			char *p = pt_exact(b.data, len);
			int err;

			ms_perr_init(&e);
			err = f ? ms_kv_parse_pairs(p, len, &l, &e) :
				  ms_kv_parse_colons(p, len, &l, &e);
			assert_true(err == 0 || err == -EINVAL);
			assert_true(err || l.n > 0);
			assert_true(e.bad <= 1);
			free(l.v);
			free(p);
		}
	}
	ms_buf_free(&b);
	ms_root_close(&root);
}

static void random_bytes(void **state)
{
	char buf[512];
	unsigned int seed = 12345;

	for (int round = 0; round < 2000; round++) {
		struct ms_kvlist l = { 0 };
		struct ms_perr e;
		size_t len = (size_t)(rand_r(&seed) % (int)sizeof(buf));
		char *p;

		for (size_t i = 0; i < len; i++) {
			int r = rand_r(&seed) % 8;

			/* mostly plausible bytes, so lines sometimes parse */
			buf[i] = r == 0 ? '\n' :
				 r == 1 ? ':' :
				 r == 2 ? ' ' :
				 r < 5	? (char)('0' + rand_r(&seed) % 10) :
				 r == 5 ? 'k' :
					  (char)rand_r(&seed);
		}
		p = pt_exact(buf, len);
		ms_perr_init(&e);
		ms_kv_parse_colons(p, len, &l, &e);
		ms_kv_parse_pairs(p, len, &l, &e);
		free(p);
		free(l.v);
	}
}

static void reader_618(void **state)
{
	struct ms_root root;
	struct ms_procfs pf = { 0 };
	struct ms_snapshot s;

	ms_snapshot_init(&s);
	assert_int_equal(ms_root_open(&root, F618), 0);
	assert_int_equal(ms_procfs_meminfo(&root, &pf, &s), 0);
	assert_string_equal(s.kernel, "6.18.44-fc-v657");
	assert_int_equal(s.meminfo.n, 54);
	assert_string_equal(s.meminfo.v[0].name, "MemTotal");
	assert_int_equal(s.meminfo.v[0].value, 24684092);
	assert_int_equal(ms_kv_get(&s.meminfo, "MemFree"), 24259676);
	assert_int_equal(ms_kv_get(&s.meminfo, "MemAvailable"), 24327712);
	assert_int_equal(ms_kv_get(&s.meminfo, "Buffers"), 5872);
	assert_int_equal(ms_kv_get(&s.meminfo, "HugePages_Total"), 0);
	assert_string_equal(s.meminfo.v[53].name, "DirectMap1G");
	assert_int_equal(s.meminfo.v[53].value, 25165824);
	assert_int_equal(s.nr_notes, 0);
	ms_snapshot_free(&s);
	ms_buf_free(&pf.buf);
	ms_root_close(&root);
}

static void reader_61(void **state)
{
	struct ms_root root;
	struct ms_procfs pf = { 0 };
	struct ms_snapshot s;

	ms_snapshot_init(&s);
	assert_int_equal(ms_root_open(&root, "tests/fixtures/debian-6.1-2node"),
			 0);
	assert_int_equal(ms_procfs_meminfo(&root, &pf, &s), 0);
	assert_string_equal(s.kernel, "6.1.0-56-amd64");
	assert_int_equal(s.meminfo.n, 54);
	assert_int_equal(ms_kv_get(&s.meminfo, "MemTotal"), 4529192);
	assert_int_equal(ms_kv_get(&s.meminfo, "MemFree"), 4440452);
	assert_int_equal(ms_kv_get(&s.meminfo, "MemAvailable"), 4294704);
	assert_string_equal(s.meminfo.v[53].name, "DirectMap1G");
	assert_int_equal(s.meminfo.v[53].value, 1048576);
	assert_int_equal(s.nr_notes, 0);
	ms_snapshot_free(&s);
	ms_buf_free(&pf.buf);
	ms_root_close(&root);
}

static int sample(const char *dir, struct ms_snapshot *s)
{
	struct ms_root root;
	struct ms_procfs pf = { 0 };
	int err;

	assert_int_equal(ms_root_open(&root, dir), 0);
	err = ms_procfs_meminfo(&root, &pf, s);
	ms_buf_free(&pf.buf);
	ms_root_close(&root);
	return err;
}

static void reader_junk(void **state)
{
	char dir[] = "/tmp/ms-meminfo-XXXXXX";
	struct ms_snapshot s;

	assert_non_null(mkdtemp(dir));
	ms_snapshot_init(&s);

	/* no meminfo, no osrelease */
	assert_int_equal(sample(dir, &s), -ENOENT);
	assert_string_equal(ms_snapshot_why(&s, "meminfo"), "not in this tree");
	assert_non_null(strstr(ms_snapshot_why(&s, "kernel"), "osrelease"));
	assert_string_equal(s.kernel, "");

	/* garbage only: the section is unavailable, with a reason */
	ms_snapshot_reset(&s);
	pt_put(dir, "proc/meminfo", "\x1b[2J\xff\xfe\n\x00\x01\n");
	assert_int_equal(sample(dir, &s), -EINVAL);
	assert_string_equal(ms_snapshot_why(&s, "meminfo"),
			    "unknown format (line 1)");
	assert_int_equal(s.meminfo.n, 0);

	/* good lines survive a bad one, which is counted */
	ms_snapshot_reset(&s);
	pt_put(dir, "proc/meminfo",
	       "MemTotal: 1000 kB\nMemFree: x kB\n"
	       "MemAvailable: 800 kB\nHugePages_Free: 3");
	pt_put(dir, "proc/sys/kernel/osrelease", "6.1.0-test\n");
	assert_int_equal(sample(dir, &s), 0);
	assert_int_equal(s.meminfo.n, 3);
	assert_int_equal(ms_kv_get(&s.meminfo, "MemAvailable"), 800);
	assert_int_equal(ms_kv_get(&s.meminfo, "HugePages_Free"), 3);
	assert_true(ms_kv_get(&s.meminfo, "MemFree") == MS_NA);
	assert_string_equal(ms_snapshot_why(&s, "meminfo"),
			    "1 malformed line skipped (first: line 2)");
	assert_string_equal(s.kernel, "6.1.0-test");
	assert_null(ms_snapshot_why(&s, "kernel"));

	ms_snapshot_free(&s);
	pt_rmtree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(colon_lines),
		cmocka_unit_test(pair_lines),
		cmocka_unit_test(values_and_brackets),
		cmocka_unit_test(line_iteration),
		cmocka_unit_test(whole_files),
		cmocka_unit_test(every_prefix),
		cmocka_unit_test(random_bytes),
		cmocka_unit_test(reader_618),
		cmocka_unit_test(reader_61),
		cmocka_unit_test(reader_junk),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
