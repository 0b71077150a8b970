// SPDX-License-Identifier: GPL-2.0
/* The streaming JSON writer against json-c's printing, byte for byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/codec.h"
#include "store/jread.h"
#include "store/jw.h"

static char buf[1 << 16];

/* What w wrote: the FILE is a memory stream over buf. */
static FILE *mem(void)
{
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	assert_non_null(f);
	return f;
}

static const char *done(FILE *f)
{
	assert_int_equal(ferror(f), 0);
	fputc('\0', f);
	fclose(f);
	return buf;
}

/* The same members built as a json-c tree and printed the old way. */
static void same(struct json_object *o, int flags, const char *ours)
{
	json_c_set_serialization_double_format("%.3f", JSON_C_OPTION_THREAD);
	assert_string_equal(ours, json_object_to_json_string_ext(o, flags));
	json_object_put(o);
}

static void strings(void **state)
{
	char all[256];
	struct json_object *o;
	struct ms_jw w;
	FILE *f;

	(void)state;
	/* every byte but NUL, then the same under a key of its own */
	for (int i = 1; i < 256; i++)
		all[i - 1] = (char)i;
	all[255] = '\0';
	for (int slash = 0; slash < 2; slash++) {
		f = mem();
		ms_jw_init(&w, f, slash ? MS_JW_SLASH : 0);
		ms_jw_obj(&w, NULL);
		ms_jw_str(&w, "s", all);
		ms_jw_str(&w, all, "k/");
		ms_jw_strn(&w, "nul", "\0", 1);
		ms_jw_str(&w, "null", NULL);
		ms_jw_obj(&w, "empty");
		ms_jw_end(&w);
		ms_jw_arr(&w, "a");
		ms_jw_str(&w, NULL, "/");
		ms_jw_arr(&w, NULL);
		ms_jw_end(&w);
		ms_jw_end(&w);
		ms_jw_end(&w);
		o = json_object_new_object();
		json_object_object_add(o, "s", json_object_new_string(all));
		json_object_object_add(o, all, json_object_new_string("k/"));
		json_object_object_add(o, "nul",
				       json_object_new_string_len("\0", 1));
		json_object_object_add(o, "null", NULL);
		json_object_object_add(o, "empty", json_object_new_object());
		{
			struct json_object *a = json_object_new_array();

			json_object_array_add(a, json_object_new_string("/"));
			json_object_array_add(a, json_object_new_array());
			json_object_object_add(o, "a", a);
		}
		same(o,
		     JSON_C_TO_STRING_PLAIN |
			     (slash ? 0 : JSON_C_TO_STRING_NOSLASHESCAPE),
		     done(f));
	}
}

static void numbers(void **state)
{
	const double d[] = { 0,	    -0.0,     0.0005,	  0.0015,  1.5,
			     -2.25, 1e15,     123456.789, 1e200,   -1e300,
			     NAN,   INFINITY, -INFINITY,  4.9e-324 };
	const int64_t i[] = { 0, -1, INT32_MIN, INT64_MIN, INT64_MAX };
	struct json_object *a = json_object_new_array();
	struct ms_jw w;
	FILE *f = mem();

	(void)state;
	ms_jw_init(&w, f, 0);
	ms_jw_arr(&w, NULL);
	for (size_t k = 0; k < sizeof(d) / sizeof(d[0]); k++) {
		ms_jw_dbl(&w, NULL, d[k]);
		json_object_array_add(a, json_object_new_double(d[k]));
	}
	for (size_t k = 0; k < sizeof(i) / sizeof(i[0]); k++) {
		ms_jw_int(&w, NULL, i[k]);
		json_object_array_add(a, json_object_new_int64(i[k]));
	}
	ms_jw_u64(&w, NULL, UINT64_MAX);
	json_object_array_add(a, json_object_new_uint64(UINT64_MAX));
	ms_jw_u64(&w, NULL, 10);
	json_object_array_add(a, json_object_new_uint64(10));
	/* hand-made digits: as snprintf's %llx */
	ms_jw_hex(&w, NULL, 0);
	json_object_array_add(a, json_object_new_string("0"));
	ms_jw_hex(&w, NULL, 0x7f31db112000ULL);
	json_object_array_add(a, json_object_new_string("7f31db112000"));
	ms_jw_hex(&w, NULL, UINT64_MAX);
	json_object_array_add(a, json_object_new_string("ffffffffffffffff"));
	ms_jw_bool(&w, NULL, true);
	json_object_array_add(a, json_object_new_boolean(1));
	ms_jw_u64na(&w, NULL, UINT64_MAX);
	ms_jw_dblna(&w, NULL, NAN);
	json_object_array_add(a, NULL);
	json_object_array_add(a, NULL);
	ms_jw_end(&w);
	same(a, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE,
	     done(f));
}

/* json-c's default format, as a recording's header line has it. */
static void numbers_g17(void **state)
{
	const double d[] = { 0,
			     1,
			     -2,
			     1.5,
			     1796559936.3497176,
			     1e20,
			     1e-7,
			     123456789012345678.0,
			     NAN,
			     -INFINITY,
			     1e200 };
	struct json_object *a = json_object_new_array();
	struct ms_jw w;
	FILE *f = mem();

	(void)state;
	ms_jw_init(&w, f, MS_JW_G17);
	ms_jw_arr(&w, NULL);
	for (size_t k = 0; k < sizeof(d) / sizeof(d[0]); k++) {
		ms_jw_dbl(&w, NULL, d[k]);
		json_object_array_add(a, json_object_new_double(d[k]));
	}
	ms_jw_end(&w);
	json_c_set_serialization_double_format(NULL, JSON_C_OPTION_THREAD);
	assert_string_equal(done(f), json_object_to_json_string_ext(
					     a, JSON_C_TO_STRING_PLAIN));
	json_object_put(a);
}

/* json-c kept a repeated key where it first came, with the last value. */
static void kv_repeated(void **state)
{
	struct ms_kvlist l = { 0 };
	struct ms_jw w;
	FILE *f = mem();

	(void)state;
	ms_kv_add(&l, "a", 1)->rate = NAN;
	ms_kv_add(&l, "b", 2)->rate = 1;
	ms_kv_add(&l, "a", 3)->rate = 2;
	ms_kv_add(&l, "b", 4)->rate = NAN;
	ms_jw_init(&w, f, 0);
	ms_jw_obj(&w, NULL);
	ms_json_kv(&w, "v", &l, false);
	ms_json_kv(&w, "r", &l, true);
	ms_jw_end(&w);
	assert_string_equal(done(f), "{\"v\":{\"a\":3,\"b\":4},"
				     "\"r\":{\"b\":1.000,\"a\":2.000}}");
	free(l.v);
}

/* A record written from its table, read back through it, written again. */
static void roundtrip(const struct ms_field *t, const void *rec, void *back)
{
	static char first[sizeof(buf)];
	struct json_object *o;
	struct ms_jw w;
	FILE *f = mem();

	ms_jw_init(&w, f, 0);
	ms_json_record(&w, NULL, t, rec, 0);
	snprintf(first, sizeof(first), "%s", done(f));
	o = json_tokener_parse(first);
	assert_non_null(o);
	ms_jread_fields(o, t, back, NULL);
	json_object_put(o);
	f = mem();
	ms_jw_init(&w, f, 0);
	ms_json_record(&w, NULL, t, back, 0);
	assert_string_equal(done(f), first);
}

static void tables_roundtrip(void **state)
{
	struct ms_zone z = { .node = 1,
			     .name = "Nor\"mal\x01",
			     .nr_orders = 3,
			     .free_blocks = { 5, MS_NA, 7 },
			     .largest_order = -1,
			     .frag_index = NAN,
			     .unusable = { 0.5, 1, NAN },
			     .extfrag = { -1, 0.25, 0.125 },
			     .wmark_min = 10,
			     .wmark_low = MS_NA,
			     .wmark_high = 30,
			     .boost = 2,
			     .wmark_promo = 40,
			     .wstate = MS_WMARK_LOW,
			     .managed = 1000,
			     .present = MS_NA,
			     .spanned = 9,
			     .cma = 0,
			     .nr_protection = 2,
			     .protection = { 0, 3019 } };
	struct ms_proc p = { .pid = 42,
			     .comm = "a/b\tc",
			     .state = 'S',
			     .uid = 1000,
			     .user = "me",
			     .kthread = true,
			     .rss_kb = 1,
			     .pss_kb = MS_NA,
			     .swap_kb = 0,
			     .vmas = 3,
			     .minflt = 4,
			     .majflt = 5,
			     .minflt_rate = 1.5,
			     .majflt_rate = NAN };
	struct ms_vma v = { .start = 0x7f0000,
			    .end = 0x7f1000,
			    .perms = "r-xp",
			    .offset = 0,
			    .dev = "fd:01",
			    .inode = 77,
			    .path = "/lib/x.so",
			    .kind = MS_VMA_FILE,
			    .rss_kb = 4,
			    .vmflags = "rd ex" };
	struct ms_zone z2 = { 0 };
	struct ms_proc p2 = { 0 };
	struct ms_vma v2 = { 0 };

	(void)state;
	roundtrip(ms_zone_fields, &z, &z2);
	assert_int_equal(z2.nr_orders, 3);
	assert_int_equal(z2.wstate, MS_WMARK_LOW);
	assert_int_equal(z2.node, 1);
	roundtrip(ms_proc_fields, &p, &p2);
	assert_string_equal(p2.comm, p.comm);
	assert_int_equal(p2.state, 'S');
	roundtrip(ms_vma_fields, &v, &v2);
	assert_string_equal(v2.path, "/lib/x.so");
	assert_int_equal(v2.kind, MS_VMA_FILE);
	free(v2.path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strings),
		cmocka_unit_test(numbers),
		cmocka_unit_test(numbers_g17),
		cmocka_unit_test(kv_repeated),
		cmocka_unit_test(tables_roundtrip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
