// SPDX-License-Identifier: GPL-2.0
/*
 * Attribution: /proc/allocinfo's formats (lib/alloc_tag.c), the reader on
 * a fixture tree, the biggest sites kept, their growth per second.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/field.h"
#include "store/jread.h"
#include "store/json.h"
#include "probes/procfs/allocinfo.h"
#include "probes/procfs/procfs.h"
#include "tests/unit/procfs_test.h"

#define FIX "tests/fixtures/"

static int parse(const char *text, struct ms_attrib *a, struct ms_perr *e)
{
	char *p = pt_exact(text, strlen(text));
	int err;

	ms_perr_init(e);
	err = ms_allocinfo_parse(p, strlen(text), a, e);
	free(p);
	return err;
}

static const struct ms_attrib_site *site(const struct ms_attrib *a,
					 const char *name)
{
	for (int i = 0; i < a->n; i++)
		if (!strcmp(a->v[i].site, name))
			return &a->v[i];
	return NULL;
}

/* The fixture: format 2.0 as alloc_tag_to_text() writes it. */
static void fixture_v2(void **state)
{
	struct pt_env *f = pt_open(FIX "edge-attrib-allocinfo");
	struct ms_attrib at = { 0 }, *a = &at;

	assert_int_equal(ms_procfs_allocinfo(&f->root, &f->pf, a, &f->s), 0);
	assert_int_equal(a->source, MS_ATTRIB_ALLOCINFO);
	assert_string_equal(a->version, "2.0");
	/* 512 + 1 GiB + 256 MiB + 3 MiB + 16 KiB + 2 KiB = 1313810.5 KiB;
	 * the 0 and the negative (-4096) sites count for nothing */
	assert_int_equal(a->kb, 1313810);
	assert_int_equal(a->nr_sites, 6);
	assert_int_equal(a->inaccurate, 1);
	assert_int_equal(a->n, 6);
	/* biggest first */
	assert_string_equal(a->v[0].site,
			    "mm/filemap.c:1979 func:__filemap_get_folio");
	assert_int_equal(a->v[0].kb, 1048576);
	assert_int_equal(a->v[0].calls, 262144);
	assert_string_equal(a->v[1].site, "fs/pipe.c:523 func:pipe_write");
	assert_int_equal(a->v[1].kb, 262144);
	assert_int_equal(a->v[1].calls, 65536);
	assert_string_equal(a->v[2].site,
			    "mm/slub.c:2452 func:alloc_slab_page");
	assert_int_equal(a->v[2].kb, 3072);
	assert_true(a->v[2].inaccurate);
	assert_false(a->v[1].inaccurate);
	assert_string_equal(
		a->v[3].site,
		"drivers/gpu/drm/drm_gem.c:112 [drm] func:drm_gem_object_init");
	assert_int_equal(a->v[3].kb, 16);
	assert_int_equal(a->v[4].kb, 2); /* 2048 bytes */
	assert_int_equal(a->v[5].kb, 0); /* 512 bytes: held, under 1 KiB */
	assert_string_equal(a->v[5].site,
			    "arch/x86/events/rapl.c:681 func:init_rapl_pmus");
	assert_null(site(a, "init/main.c:1314 func:do_initcalls"));
	assert_true(isnan(a->v[0].kb_per_s));
	/* BPF's counts are not allocinfo's */
	assert_int_equal(a->dropped, MS_NA);
	assert_int_equal(a->unseen_frees, MS_NA);
	assert_int_equal(f->s.nr_notes, 0);
	ms_fields_free(ms_attrib_fields, a);
	pt_close(f);
}

/* 6.10's format 1.0: no marks, so no count of inaccurate sites. */
static void format_v1(void **state)
{
	struct ms_attrib a = { 0 };
	struct ms_perr e;

	assert_int_equal(parse("allocinfo - version: 1.0\n"
			       "#     <size>  <calls> <tag info>\n"
			       "           0        0 init/main.c:1314 "
			       "func:do_initcalls \n"
			       "     8388608     2048 mm/memory.c:1060 "
			       "func:folio_prealloc \n"
			       "        4096        1 lib/xarray.c:378 "
			       "func:xas_alloc \n",
			       &a, &e),
			 0);
	assert_string_equal(a.version, "1.0");
	assert_int_equal(a.inaccurate, MS_NA);
	assert_int_equal(a.kb, 8196);
	assert_int_equal(a.nr_sites, 2);
	assert_int_equal(a.n, 2);
	assert_string_equal(a.v[0].site,
			    "mm/memory.c:1060 func:folio_prealloc");
	assert_int_equal(a.v[0].kb, 8192);
	assert_int_equal(a.v[1].calls, 1);
	assert_int_equal(e.bad, 0);
	ms_fields_free(ms_attrib_fields, &a);
}

static void malformed(void **state)
{
	struct ms_attrib a = { 0 };
	struct ms_perr e;

	/* a future format is refused, not guessed */
	assert_int_equal(parse("allocinfo - version: 3.0\n"
			       "        4096        1 a.c:1 func:f \n",
			       &a, &e),
			 -EINVAL);
	assert_string_equal(e.why, "unknown version 3.0");
	/* lines without numbers or a tag are counted, the rest kept; the
	 * last line is cut short (no newline, no trailing blank) */
	assert_int_equal(parse("allocinfo - version: 2.0\n"
			       "garbage\n"
			       "        4096 \n"
			       "        4096        1\n"
			       "        4096        1 notag \n"
			       "       x4096        1 a.c:1 func:f \n"
			       "        8192        2 b.c:2 func:g",
			       &a, &e),
			 0);
	assert_int_equal(e.bad, 5);
	assert_int_equal(e.first_bad, 2);
	assert_int_equal(a.n, 1);
	assert_string_equal(a.v[0].site, "b.c:2 func:g");
	assert_int_equal(a.kb, 8);
	/* nothing readable at all */
	assert_int_equal(parse("junk\nmore junk\n", &a, &e), -EINVAL);
	/* an empty file (profiling compiled in, no tags): no sites */
	assert_int_equal(parse("", &a, &e), 0);
	assert_int_equal(a.n, 0);
	assert_int_equal(a.kb, 0);
	ms_fields_free(ms_attrib_fields, &a);
}

/* Only the MS_ATTRIB_MAX biggest are kept; the totals count every one. */
static void biggest_kept(void **state)
{
	struct ms_attrib a = { 0 };
	struct ms_perr e;
	char *text = malloc(200 * 64), *p = text;

	assert_non_null(text);
	p += sprintf(p, "allocinfo - version: 2.0\n");
	for (int i = 1; i <= 100; i++) /* site i holds i KiB */
		p += sprintf(p, "%12d %8d s.c:%d func:f%d \n", i * 1024, i, i,
			     i);
	assert_int_equal(parse(text, &a, &e), 0);
	assert_int_equal(a.nr_sites, 100);
	assert_int_equal(a.kb, 5050);
	assert_int_equal(a.n, MS_ATTRIB_MAX);
	assert_string_equal(a.v[0].site, "s.c:100 func:f100");
	assert_int_equal(a.v[MS_ATTRIB_MAX - 1].kb, 100 - MS_ATTRIB_MAX + 1);
	free(text);
	ms_fields_free(ms_attrib_fields, &a);
}

/* Growth per second by site, against the previous sample's sites. */
static void rates(void **state)
{
	struct ms_attrib a = { 0 }, b = { 0 };
	struct ms_perr e;

	assert_int_equal(parse("        4096        1 a.c:1 func:f \n"
			       "       10240        3 b.c:2 func:g \n",
			       &a, &e),
			 0);
	assert_int_equal(parse("       24576        6 a.c:1 func:f \n"
			       "        2048        1 b.c:2 func:g \n"
			       "        1024        1 c.c:3 func:h \n",
			       &b, &e),
			 0);
	ms_attrib_rates(&b, &a, 2.0);
	/* a: 4 -> 24 KiB in 2 s; b: 10 -> 2; c: first seen */
	assert_true(site(&b, "a.c:1 func:f")->kb_per_s == 10.0);
	assert_true(site(&b, "b.c:2 func:g")->kb_per_s == -4.0);
	assert_true(isnan(site(&b, "c.c:3 func:h")->kb_per_s));
	/* 14 -> 27 KiB */
	assert_true(b.kb_per_s == 6.5);
	/* another source, or no time between: no rate */
	a.source = MS_ATTRIB_BPF;
	ms_attrib_rates(&b, &a, 2.0);
	assert_true(isnan(b.kb_per_s));
	assert_true(isnan(b.v[0].kb_per_s));
	ms_fields_free(ms_attrib_fields, &a);
	ms_fields_free(ms_attrib_fields, &b);
}

static char *json_of(const struct ms_snapshot *s, unsigned int secs)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(ms_out_json(f, s, secs), 0);
	fclose(f);
	return buf;
}

/*
 * The JSON: the section's keys in "memory" as they are (alone, or after
 * the ledger's), a hostile site name escaped, and read back.
 */
static void json_in_memory(void **state)
{
	const unsigned int secs = MS_SEC_BIT(MS_SEC_ATTRIBUTION);
	struct ms_snapshot s, back;
	struct ms_attrib_site *x;
	char *a, *b;
	json *top;

	ms_snapshot_init(&s);
	ms_snapshot_reset(&s);
	s.have = secs;
	s.attrib.source = MS_ATTRIB_BPF;
	s.attrib.kb = 64;
	s.attrib.nr_sites = 1;
	s.attrib.since_s = 2.5;
	s.attrib.capacity = 131072;
	s.attrib.dropped = 0;
	s.attrib.unseen_frees = 7;
	s.attrib.stack_lost = 0;
	x = ms_attrib_slot(&s.attrib, 64);
	assert_non_null(x);
	snprintf(x->site, sizeof(x->site), "evil\x1b[2J+0x1 [m\nod]");
	snprintf(x->stack, sizeof(x->stack), "evil\x1b[2J+0x1;vfs_write+0x2");
	x->kb = 64;
	x->calls = 16;
	a = json_of(&s, secs);
	assert_non_null(strstr(a, "\"memory\":{\"attribution_source\":\"bpf\","
				  "\"attribution_kb\":64,"));
	assert_non_null(strstr(a,
			       "\"attribution\":[{\"site\":"
			       "\"evil\\\\x1b[2J+0x1 [m\\\\x0aod]\",\"kb\":64,"
			       "\"calls\":16,\"kb_per_s\":null,"));
	assert_null(strstr(a, "\x1b"));
	ms_snapshot_init(&back);
	top = json_tokener_parse(a);
	assert_non_null(top);
	ms_decode(top, &back);
	json_object_put(top);
	assert_int_equal(back.have & (secs | MS_SEC_BIT(MS_SEC_MEMORY)), secs);
	assert_int_equal(back.attrib.unseen_frees, 7);
	assert_int_equal(back.attrib.n, 1);
	assert_string_equal(back.attrib.v[0].site, x->site);
	b = json_of(&back, secs);
	assert_string_equal(a, b);
	free(a);
	free(b);
	/* not asked for: no key of it */
	a = json_of(&s, MS_SEC_BIT(MS_SEC_MEMINFO));
	assert_null(strstr(a, "attribution"));
	free(a);
	ms_snapshot_free(&back);
	ms_snapshot_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fixture_v2), cmocka_unit_test(format_v1),
		cmocka_unit_test(malformed),  cmocka_unit_test(biggest_kept),
		cmocka_unit_test(rates),      cmocka_unit_test(json_in_memory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
