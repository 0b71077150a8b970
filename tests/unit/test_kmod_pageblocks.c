// SPDX-License-Identifier: GPL-2.0
/*
 * memscope.ko's pageblocks file: its parser on the lab VM's captures (each
 * zone's map agrees with its counts) and on broken files, and the physical
 * memory map's migrate types from it through the manager, polluted blocks
 * marked; without the module no types and a note why. And the blocks
 * that could become order-9 ones (the frag experiment's count).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/session.h"
#include "model/field.h"
#include "model/physmap.h"
#include "probes/kmod/kmod_parse.h"
#include "probes/probe.h"
#include "probes/root.h"
#include "tests/unit/procfs_test.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define K61 "tests/fixtures/kmod-6.1-pageblocks"
#define K612 "tests/fixtures/kmod-6.12-pageblocks"
#define SYNTH "tests/fixtures/census-synth"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "r");
	char *d = calloc(1, 1 << 20);

	assert_non_null(f);
	assert_non_null(d);
	*len = fread(d, 1, (1 << 20) - 1, f);
	fclose(f);
	return d;
}

/* Each zone's map, counted per type, equals its zone line's counts. */
static void real(const char *tree)
{
	char path[256], why[160];
	struct ms_kmod_pageblocks pb = { 0 };
	size_t len;
	char *t;

	snprintf(path, sizeof(path), "%s/proc/memscope/pageblocks", tree);
	t = slurp(path, &len);
	assert_int_equal(
		ms_kmod_parse_pageblocks(t, len, &pb, why, sizeof(why)), 0);
	assert_int_equal(pb.order, 9);
	assert_string_equal(pb.types[0], "Unmovable");
	assert_string_equal(pb.types[1], "Movable");
	assert_true(pb.nr >= 3);
	for (int i = 0; i < pb.nr; i++) {
		const struct ms_kmod_pb_zone *z = &pb.zones[i];

		assert_int_equal(strlen(z->map), z->len);
		assert_true(z->len > 0);
		for (int k = 0; k < pb.nr_types; k++) {
			char c = ms_pm_mt_of_name(pb.types[k]);
			uint64_t n = 0;

			for (size_t b = 0; b < z->len; b++)
				n += z->map[b] == c;
			if (n != z->count[k])
				print_error("zone %d %s %s: map %llu, count "
					    "%llu\n",
					    z->node, z->zone, pb.types[k],
					    (unsigned long long)n,
					    (unsigned long long)z->count[k]);
			assert_int_equal(n, z->count[k]);
		}
	}
	ms_kmod_pageblocks_free(&pb);
	free(t);
}

static void parse_real(void **state)
{
	(void)state;
	real(K61);
	real(K612);
}

static int parse(const char *text, char *why, size_t n)
{
	struct ms_kmod_pageblocks pb = { 0 };
	int err = ms_kmod_parse_pageblocks(text, strlen(text), &pb, why, n);

	ms_kmod_pageblocks_free(&pb);
	return err;
}

#define HEAD                                                  \
	"memscope-pageblocks 2\npageblock_order 9\n"          \
	"types Unmovable Movable Reclaimable HighAtomic CMA " \
	"Isolate\n"

static void parse_bad(void **state)
{
	struct ms_kmod_pageblocks pb = { 0 };
	const char *ok = HEAD "zone 0 DMA32 1 2 0 0 1 1\nmap 4096 011.45\n"
			      "end\n";
	char why[160];

	(void)state;
	assert_int_equal(ms_kmod_parse_pageblocks(ok, strlen(ok), &pb, why,
						  sizeof(why)),
			 0);
	assert_int_equal(pb.nr, 1);
	assert_int_equal(pb.zones[0].start_pfn, 4096);
	assert_string_equal(pb.zones[0].map, "UMM.CI");
	ms_kmod_pageblocks_free(&pb);
	/* the first version had no map lines */
	assert_int_equal(parse("memscope-pageblocks 1\nend\n", why,
			       sizeof(why)),
			 -EPROTONOSUPPORT);
	/* a type the types line lacks, a byte that is none */
	assert_int_equal(parse(HEAD "zone 0 DMA 0 0 0 0 0 0\nmap 1 06\nend\n",
			       why, sizeof(why)),
			 -EINVAL);
	assert_non_null(strstr(why, "bad block type '6' at block 1"));
	assert_int_equal(parse(HEAD
			       "zone 0 DMA 0 0 0 0 0 0\nmap 1 0\x01\nend\n",
			       why, sizeof(why)),
			 -EINVAL);
	/* a zone without its map, a map without its zone */
	assert_int_equal(parse(HEAD "zone 0 DMA 0 0 0 0 0 0\nend\n", why,
			       sizeof(why)),
			 -EINVAL);
	assert_non_null(strstr(why, "zone 0 DMA has no map line"));
	assert_int_equal(parse(HEAD "zone 0 DMA 0 0 0 0 0 0\nzone 0 DMA32 0 "
				    "0 0 0 0 0\nmap 1 0\nend\n",
			       why, sizeof(why)),
			 -EINVAL);
	assert_int_equal(parse(HEAD "map 1 0\nend\n", why, sizeof(why)),
			 -EINVAL);
	/* a zone twice, counts missing, cut before the end */
	assert_int_equal(parse(HEAD "zone 0 DMA 0 0 0 0 0 0\nmap 1 0\n"
				    "zone 0 DMA 0 0 0 0 0 0\nmap 1 0\nend\n",
			       why, sizeof(why)),
			 -EINVAL);
	assert_int_equal(parse(HEAD "zone 0 DMA 0 0\nmap 1 0\nend\n", why,
			       sizeof(why)),
			 -EINVAL);
	assert_int_equal(parse(HEAD "zone 0 DMA 0 0 0 0 0 0\nmap 1 0\n", why,
			       sizeof(why)),
			 -EINVAL);
	/* a zone before the header */
	assert_int_equal(parse("memscope-pageblocks 2\nzone 0 DMA 0\nmap 1 "
			       "0\nend\n",
			       why, sizeof(why)),
			 -EINVAL);
	/* a line a later version adds is skipped */
	assert_int_equal(parse(HEAD "later 1 2\nzone 0 DMA 0 1 0 0 0 0\nmap 1 "
				    "1\nend\n",
			       why, sizeof(why)),
			 0);
}

static void sample(const char *tree, struct ms_snapshot *s)
{
	struct ms_request req = {
		.sections = MS_SEC_BIT(MS_SEC_CENSUS) |
			    MS_SEC_BIT(MS_SEC_PHYSMAP),
		.census_full = true,
	};
	struct ms_manager m;
	struct ms_root r;

	assert_int_equal(ms_root_open(&r, tree), 0);
	assert_int_equal(ms_manager_open(&m, &r), 0);
	ms_snapshot_init(s);
	ms_session_sample(&(struct ms_session){ .m = &m }, &req, s, NULL);
	ms_manager_close(&m);
	ms_root_close(&r);
}

static const char *note(const struct ms_snapshot *s, const char *what)
{
	for (int i = 0; i < s->nr_notes; i++)
		if (!strcmp(s->notes[i].what, what))
			return s->notes[i].why;
	return NULL;
}

/*
 * Every zone of the map gets one type a block; 'P' only where the module
 * said movable and the block holds unmovable pages, and every movable
 * block with such pages is 'P'.
 */
static void map_types(const char *tree)
{
	struct ms_snapshot s;
	int polluted = 0;

	sample(tree, &s);
	assert_null(note(&s, "migratetypes"));
	assert_true(s.physmap.nr_zones >= 3);
	for (int i = 0; i < s.physmap.nr_zones; i++) {
		const struct ms_pm_zone *z = &s.physmap.zones[i];

		assert_non_null(z->migratetypes);
		assert_int_equal(strlen(z->migratetypes), strlen(z->blocks));
		for (int b = 0; b < z->nr_bk; b++) {
			uint32_t pins[MS_CK_N];
			char c = z->migratetypes[b];
			bool stuck = ms_pm_unmovable(&z->bk[b], pins) > 0;

			assert_true(ms_pm_mt_by_letter(c) < MS_PM_N);
			if (c == 'P')
				assert_true(stuck);
			if (c == 'M')
				assert_false(stuck);
			polluted += c == 'P';
		}
	}
	/* the kernel's image sits in blocks marked movable at boot */
	assert_true(polluted > 0);
	ms_snapshot_free(&s);
}

static void map_real(void **state)
{
	(void)state;
	map_types(K61);
	map_types(K612);
}

/* No module in the tree: no types, never made up, and a note why. */
static void map_without(void **state)
{
	struct ms_snapshot s;
	const char *why;

	(void)state;
	sample(SYNTH, &s);
	assert_true(s.physmap.nr_zones > 0);
	for (int i = 0; i < s.physmap.nr_zones; i++)
		assert_null(s.physmap.zones[i].migratetypes);
	why = note(&s, "migratetypes");
	assert_non_null(why);
	assert_non_null(strstr(why, "module not loaded"));
	ms_snapshot_free(&s);
}

/*
 * Written and read back (a recording carries it); a sample without the
 * module has no key at all, and reads back without types.
 */
static void json_back(void **state)
{
	struct ms_snapshot s, b;
	char *line;

	(void)state;
	sample(K61, &s);
	/* the map alone, its sources not read back */
	s.have &= MS_SEC_BIT(MS_SEC_PHYSMAP);
	memset(s.source, 0, sizeof(s.source));
	line = pt_json_back(&s, &b);
	assert_non_null(strstr(line, "\"migratetypes\":\"UMMMMMMM\""));
	for (int i = 0; i < s.physmap.nr_zones; i++)
		assert_string_equal(b.physmap.zones[i].migratetypes,
				    s.physmap.zones[i].migratetypes);
	free(line);
	ms_snapshot_free(&b);
	ms_snapshot_free(&s);
	sample(SYNTH, &s);
	s.have &= MS_SEC_BIT(MS_SEC_PHYSMAP);
	memset(s.source, 0, sizeof(s.source));
	s.nr_notes = 0;
	line = pt_json_back(&s, &b);
	assert_null(strstr(line, "\"migratetypes\":"));
	assert_null(b.physmap.zones[0].migratetypes);
	free(line);
	ms_snapshot_free(&b);
	ms_snapshot_free(&s);
}

static void set_types(void **state)
{
	struct ms_census_block bk[3];
	struct ms_pm_zone z = { .blocks = (char[]){ "..." },
				.bk = bk,
				.nr_bk = 3 };
	uint32_t pins[MS_CK_N];

	(void)state;
	memset(bk, 0, sizeof(bk));
	bk[0].pages = bk[1].pages = bk[2].pages = 512;
	bk[0].kind[MS_CK_FREE] = 511;
	bk[0].kind[MS_CK_SLAB] = 1; /* one slab page pollutes */
	bk[1].kind[MS_CK_ANON] = 256;
	bk[1].kind[MS_CK_HUGETLB] = 256; /* huge pages do not */
	bk[2].kind[MS_CK_NOFLAGS] = 512;
	assert_int_equal(ms_pm_unmovable(&bk[0], pins), 1);
	assert_int_equal(pins[MS_CK_SLAB], 1);
	assert_int_equal(ms_pm_unmovable(&bk[1], pins), 0);
	assert_int_equal(ms_pm_set_types(&z, "MM", 2), -EINVAL);
	assert_null(z.migratetypes);
	assert_int_equal(ms_pm_set_types(&z, "MMU", 3), 0);
	/* an unmovable block of unmovable pages is what it should be */
	assert_string_equal(z.migratetypes, "PMU");
	assert_int_equal(ms_pm_mt_of_name("HighAtomic"), 'H');
	assert_int_equal(ms_pm_mt_of_name("Unknown7"), '.');
	assert_int_equal(ms_pm_mt_by_letter('x'), MS_PM_N);
	free(z.migratetypes);
}

/* The frag experiment's count of blocks that could become order-9 ones. */
static void order9(void **state)
{
	struct ms_census_block bk[4];
	struct ms_pm_zone z = { .bk = bk, .nr_bk = 4, .pageblock_pages = 512 };

	(void)state;
	memset(bk, 0, sizeof(bk));
	for (int i = 0; i < 4; i++)
		bk[i].pages = 512;
	bk[0].kind[MS_CK_FREE] = 512;
	bk[1].kind[MS_CK_ANON] = 511;
	bk[1].kind[MS_CK_UNEVICTABLE] = 1; /* one mlocked page */
	bk[2].kind[MS_CK_FILE] = 511;
	bk[2].kind[MS_CK_SLAB] = 1;
	bk[3].pages = 256; /* cut by the zone's edge */
	bk[3].kind[MS_CK_FREE] = 256;
	assert_int_equal(ms_pm_order9_blocks(&z, false), 2);
	assert_int_equal(ms_pm_order9_blocks(&z, true), 1);
	z.nr_bk = 0; /* a replay: letters only */
	assert_false(ms_have(ms_pm_order9_blocks(&z, true)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_real), cmocka_unit_test(parse_bad),
		cmocka_unit_test(map_real),   cmocka_unit_test(map_without),
		cmocka_unit_test(json_back),  cmocka_unit_test(set_types),
		cmocka_unit_test(order9),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
