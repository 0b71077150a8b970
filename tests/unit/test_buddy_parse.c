// SPDX-License-Identifier: GPL-2.0
/*
 * The Buddy area's parsers (buddyinfo, pagetypeinfo, zoneinfo) on bad text:
 * malformed, truncated and fuzzed input, each failure with its reason.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "model/snapshot.h"
#include "probes/procfs/buddy.h"
#include "probes/procfs/procfs.h"
#include "probes/root.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIX "tests/fixtures/"

struct parsed {
	int err;
	char why[128];
	struct ms_buddy b;
};

typedef int (*parse_fn)(const char *, size_t, struct ms_buddy *, char *,
			size_t);

/* Parse text from an exactly-sized heap copy: ASan sees any over-read. */
static int parse(parse_fn fn, const char *text, size_t len, struct parsed *p)
{
	char *copy = malloc(len ? len : 1);

	assert_non_null(copy);
	memcpy(copy, text, len);
	p->b.nr_zones = p->b.nr_orders = p->b.nr_migrate = 0;
	p->b.pageblock_order = -1;
	p->err = fn(copy, len, &p->b, p->why, sizeof(p->why));
	free(copy);
	/* every failure explains itself */
	if (p->err)
		assert_true(p->why[0] != '\0');
	return p->err;
}

static int parse_str(parse_fn fn, const char *text, struct parsed *p)
{
	return parse(fn, text, strlen(text), p);
}

static void test_buddyinfo_bad(void **state)
{
	struct parsed p = { 0 };
	char line[512];
	int n;

	n = snprintf(line, sizeof(line), "Node 0, zone Normal");
	for (int i = 0; i < 17; i++)
		n += snprintf(line + n, sizeof(line) - (size_t)n, " %d", i);
	snprintf(line + n, sizeof(line) - (size_t)n, "\n");
	assert_int_equal(parse_str(ms_parse_buddyinfo, line, &p), -E2BIG);
	assert_string_equal(p.why, "line 1: more than 16 orders");

	assert_int_equal(parse_str(ms_parse_buddyinfo,
				   "Node 0, zone DMA 1 2 3\n"
				   "Node 0, zone Normal 1 2\n",
				   &p),
			 -EINVAL);
	assert_string_equal(p.why, "line 2: 2 orders, the lines above 3");
	assert_int_equal(parse_str(ms_parse_buddyinfo,
				   "Node 0, zone DMA 1 2\n"
				   "Node 0, zone DMA 1 2\n",
				   &p),
			 -EINVAL);
	assert_string_equal(p.why, "line 2: node 0 zone DMA listed twice");
	assert_int_equal(parse_str(ms_parse_buddyinfo,
				   "Node 0, zone DMA 1 2x\n", &p),
			 -EINVAL);
	assert_int_equal(parse_str(ms_parse_buddyinfo,
				   "Node 0, zone DMA 99999999999999999999\n",
				   &p),
			 -EINVAL);
	assert_string_equal(p.why, "line 1: a free count out of range");
	assert_int_equal(parse_str(ms_parse_buddyinfo,
				   "Node 0, zone AVeryLongZoneName 1\n", &p),
			 -EINVAL);
	assert_int_equal(parse_str(ms_parse_buddyinfo, "Node 0, zone\n", &p),
			 -EINVAL);
	assert_int_equal(parse_str(ms_parse_buddyinfo, "Node x, zone N 1\n",
				   &p),
			 -EINVAL);
	assert_int_equal(parse_str(ms_parse_buddyinfo, "Node 0, zone N\n", &p),
			 -EINVAL);
	assert_string_equal(p.why, "line 1: no free counts");
	assert_int_equal(parse_str(ms_parse_buddyinfo, "", &p), -ENODATA);
	assert_int_equal(parse(ms_parse_buddyinfo, "Node 0, zone N 1\0 2\n", 20,
			       &p),
			 -EINVAL);
	free(p.b.zones);
}

static const char pt_head[] =
	"Page block order: 9\nPages per block:  512\n\n"
	"Free pages count per migrate type at order       0      1 \n";

static void test_pagetypeinfo_bad(void **state)
{
	struct parsed p = { 0 };
	char text[2048];
	int n;

	/* nine types: one more than we hold */
	n = snprintf(text, sizeof(text), "%s", pt_head);
	for (int i = 0; i < 9; i++)
		n += snprintf(text + n, sizeof(text) - (size_t)n,
			      "Node 0, zone N, type T%d 1 2\n", i);
	assert_int_equal(parse_str(ms_parse_pagetypeinfo, text, &p), -E2BIG);
	assert_string_equal(p.why, "line 13: more than 8 migrate types");

	snprintf(text, sizeof(text), "%sNode 0, zone N, type A 1\n", pt_head);
	assert_int_equal(parse_str(ms_parse_pagetypeinfo, text, &p), -EINVAL);
	assert_string_equal(p.why, "line 5: 1 counts, the header has 2 orders");

	assert_int_equal(
		parse_str(ms_parse_pagetypeinfo,
			  "Page block order: 9\nPages per block: 500\n", &p),
		-EINVAL);
	assert_int_equal(parse_str(ms_parse_pagetypeinfo,
				   "Node 0, zone N, type A 1 2\n", &p),
			 -EINVAL);
	assert_string_equal(p.why, "line 1: zone line before any table header");
	assert_int_equal(parse_str(ms_parse_pagetypeinfo, "hello\n", &p),
			 -EINVAL);
	assert_string_equal(p.why, "line 1: unknown line");

	/* PAGE_OWNER's mixed blocks table is skipped */
	snprintf(text, sizeof(text),
		 "%sNode 0, zone N, type A 3 >100000\n"
		 "Node 0, zone N, type B 4 0\n\n"
		 "Number of blocks type     A     B\n"
		 "Node 0, zone N    7    8\n\n"
		 "Number of mixed blocks    A     B\n"
		 "Node 0, zone N    1    2 3 4 5\n",
		 pt_head);
	assert_int_equal(parse_str(ms_parse_pagetypeinfo, text, &p), 0);
	assert_int_equal(p.b.nr_zones, 1);
	assert_int_equal(p.b.zones[0].mt_free[0][1], 100000);
	assert_int_equal(p.b.zones[0].mt_free[1][0], 4);
	assert_int_equal(p.b.zones[0].mt_pageblocks[0], 7);
	assert_int_equal(p.b.zones[0].mt_pageblocks[1], 8);
	assert_int_equal(p.b.pageblock_order, 9);
	free(p.b.zones);
}

static void test_zoneinfo_bad(void **state)
{
	struct parsed p = { 0 };

	assert_int_equal(
		parse_str(ms_parse_zoneinfo,
			  "Node 0, zone N\n  pages free 1\n"
			  "        protection: (0, 0, 0, 0, 0, 0, 0, 0, 0)\n",
			  &p),
		-E2BIG);
	assert_string_equal(p.why, "line 3: more than 8 protection values");
	assert_int_equal(parse_str(ms_parse_zoneinfo, "  pages free 1\n", &p),
			 -EINVAL);
	assert_string_equal(p.why, "line 1: does not start with \"Node\"");
	assert_int_equal(parse_str(ms_parse_zoneinfo,
				   "Node 0, zone N\n  free pages 1\n", &p),
			 -EINVAL);
	assert_string_equal(p.why, "no \"pages free\" line: unknown format");
	assert_int_equal(parse_str(ms_parse_zoneinfo,
				   "Node 0, zone N\n  pages free 1\n"
				   "        min      abc\n",
				   &p),
			 -EINVAL);
	assert_int_equal(parse_str(ms_parse_zoneinfo,
				   "Node 0, zone N\n  pages free 1\n"
				   "        protection: (0, 1\n",
				   &p),
			 -EINVAL);

	/* an old kernel: no boost, promo or cma; "scanned" is skipped */
	assert_int_equal(parse_str(ms_parse_zoneinfo,
				   "Node 0, zone   Normal\n"
				   "  pages free     1200\n"
				   "        min      10\n"
				   "        low      12\n"
				   "        high     14\n"
				   "        scanned  0\n"
				   "        spanned  4096\n"
				   "        present  4000\n"
				   "        managed  3900\n"
				   "    nr_free_pages 1200\n"
				   "        protection: (0, 0, 0)\n",
				   &p),
			 0);
	assert_int_equal(p.b.zones[0].zi_free, 1200);
	assert_int_equal(p.b.zones[0].wmark_high, 14);
	assert_int_equal(p.b.zones[0].managed, 3900);
	assert_int_equal(p.b.zones[0].boost, MS_NA);
	assert_int_equal(p.b.zones[0].wmark_promo, MS_NA);
	assert_int_equal(p.b.zones[0].cma, MS_NA);
	assert_int_equal(p.b.zones[0].nr_protection, 3);
	free(p.b.zones);
}

/* Every prefix and many mutations of real files: errors, never a crash. */
static void fuzz_file(const char *path, parse_fn fn)
{
	struct parsed p = { 0 };
	struct ms_buf buf = { 0 };
	struct ms_root r;
	unsigned int seed = 12345;
	char *text;

	assert_int_equal(ms_root_open(&r, FIX "debian12-6.18"), 0);
	assert_int_equal(ms_read(&r, path, &buf), 0);
	assert_int_equal(parse(fn, buf.data, buf.len, &p), 0);
	for (size_t len = 0; len < buf.len; len++)
		parse(fn, buf.data, len, &p);
	text = malloc(buf.len);
	assert_non_null(text);
	for (int i = 0; i < 3000; i++) {
		memcpy(text, buf.data, buf.len);
		for (int k = 0; k < 1 + i % 4; k++) {
			seed = seed * 1103515245 + 12345;
			text[(seed >> 8) % buf.len] = (char)(seed >> 20);
		}
		parse(fn, text, buf.len, &p);
	}
	free(text);
	free(p.b.zones);
	ms_buf_free(&buf);
	ms_root_close(&r);
}

static void test_fuzz(void **state)
{
	fuzz_file("proc/buddyinfo", ms_parse_buddyinfo);
	fuzz_file("proc/pagetypeinfo", ms_parse_pagetypeinfo);
	fuzz_file("proc/zoneinfo", ms_parse_zoneinfo);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buddyinfo_bad),
		cmocka_unit_test(test_pagetypeinfo_bad),
		cmocka_unit_test(test_zoneinfo_bad),
		cmocka_unit_test(test_fuzz),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
