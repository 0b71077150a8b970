// SPDX-License-Identifier: GPL-2.0
/* The area registry (model/area.h): every section once, names that hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/batch.h"
#include "model/area.h"
#include "out/om.h"
#include "out/text.h"
#include "store/codec.h"
#include "store/jread.h"

/* Each section belongs to exactly one area, and its name finds it back. */
static void sections_once(void **state)
{
	int seen[MS_SEC_COUNT] = { 0 };

	(void)state;
	for (int i = 0; ms_areas[i]; i++)
		for (const struct ms_area_sec *x = ms_areas[i]->secs;
		     x->sec >= 0; x++) {
			assert_true(x->sec < MS_SEC_COUNT);
			seen[x->sec]++;
			assert_ptr_equal(ms_area_of(x->sec), ms_areas[i]);
			assert_int_equal(ms_section_by_name(x->name), x->sec);
			assert_string_equal(ms_section_name(x->sec), x->name);
		}
	for (int s = 0; s < MS_SEC_COUNT; s++)
		assert_int_equal(seen[s], 1);
	assert_string_equal(ms_section_name(MS_SEC_COUNT), "?");
	assert_int_equal(ms_section_by_name("nosuch"), -1);
}

/* A part is written by its own area's sections; keys are unique. */
static void parts_sound(void **state)
{
	(void)state;
	for (int i = 0; ms_areas[i]; i++) {
		unsigned int own = 0;

		for (const struct ms_area_sec *x = ms_areas[i]->secs;
		     x->sec >= 0; x++)
			own |= MS_SEC_BIT(x->sec);
		/* --tab NAME asks only for the area's own sections */
		assert_int_equal(ms_areas[i]->tab & ~own, 0);
		assert_int_equal(!ms_areas[i]->name, !ms_areas[i]->tab);
		for (const struct ms_part *p = ms_areas[i]->parts; p->key;
		     p++) {
			assert_int_equal((p->secs | p->into) & ~own, 0);
			assert_true(p->pass < MS_NPASS);
			for (int j = 0; ms_areas[j]; j++)
				for (const struct ms_part *q =
					     ms_areas[j]->parts;
				     q->key; q++)
					assert_true(p == q ||
						    strcmp(p->key, q->key));
		}
	}
}

/* The tabs batch knows are the areas' names, and "all". */
static void tabs(void **state)
{
	const struct ms_opts o = { .alloc_probe = -1 };

	(void)state;
	assert_ptr_equal(ms_area_by_name("slab"), &ms_area_slab);
	assert_null(ms_area_by_name("meminfo")); /* an area without a tab */
	assert_null(ms_area_by_name(NULL));
	assert_int_equal(ms_tab_sections("numa", &o),
			 ms_area_numa.tab | MS_SEC_BIT(MS_SEC_MEMINFO));
	assert_int_equal(ms_tab_sections("nosuch", &o), 0);
	assert_int_equal(ms_tab_sections(NULL, &o), ms_tab_sections("all", &o));
}

/*
 * A part an area describes by its table alone (model/area.h): a scalar
 * and a list of records, as a new area would have them.
 */
struct item {
	char name[16];
	uint64_t kb;
	double ratio;
};

struct demo {
	uint64_t total;
	struct item *v;
	int n, cap;
};

static const struct ms_field item_fields[] = {
	MS_FIELD(struct item, name, MS_F_STR, "name", 0, NULL, NULL,
		 .th = "name", .tw = -6),
	MS_FIELD(struct item, kb, MS_F_U64, "kb", MS_FF_NA, "kB", NULL,
		 .metric = "memscope_demo_item_bytes", .help = "an item's size",
		 .th = "kb", .tw = 6),
	MS_FIELD(struct item, ratio, MS_F_DBL, "ratio", MS_FF_NA, NULL, NULL,
		 .th = "ratio", .tw = 6, .tp = 2),
	MS_FIELD_END,
};

static const struct ms_field demo_fields[] = {
	MS_FIELD(struct demo, total, MS_F_U64, "total_kb", MS_FF_NA, "kB", NULL,
		 .metric = "memscope_demo_bytes", .help = "the total",
		 .th = "total"),
	MS_FIELD_LIST(struct demo, v, n, cap, "items", item_fields),
	MS_FIELD_END,
};

static const struct ms_part demo_part = { .key = "demo",
					  .fields = demo_fields,
					  .title = "Demo" };

/* A demo of n items; the last one's size not available. */
static void fill(struct demo *d, int n)
{
	memset(d, 0, sizeof(*d));
	ms_fields_reset(demo_fields, d);
	assert_false(ms_have(d->total));
	d->total = 300;
	for (int i = 0; i < n; i++) {
		struct item *it = ms_list_add(&demo_fields[1], d);

		assert_non_null(it);
		/* a new record is not available until it is read */
		assert_false(ms_have(it->kb));
		assert_true(isnan(it->ratio));
		snprintf(it->name, sizeof(it->name), "i\"%d", i);
		if (i < n - 1)
			it->kb = 100 * (uint64_t)(i + 1);
		it->ratio = i / 4.0;
	}
}

static char *json_of(const struct demo *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct ms_jw w;

	ms_jw_init(&w, f, 0);
	ms_jw_obj(&w, NULL);
	ms_json_fields(&w, demo_fields, d, 0);
	ms_jw_end(&w);
	assert_int_equal(ms_jw_error(&w), 0);
	fclose(f);
	return buf;
}

/* Lists grow, write and read back through the table alone. */
static void list_round_trip(void **state)
{
	struct demo d, back = { 0 };
	char *a, *b;
	json *o;

	(void)state;
	fill(&d, 40); /* more than the first allocation */
	assert_int_equal(d.n, 40);
	assert_true(d.cap >= 40);
	a = json_of(&d);
	assert_non_null(strstr(a, "{\"name\":\"i\\\"39\",\"kb\":null,"));
	o = json_tokener_parse(a);
	assert_non_null(o);
	ms_fields_reset(demo_fields, &back);
	ms_jread_fields(o, demo_fields, &back, NULL);
	b = json_of(&back);
	assert_string_equal(a, b);
	json_object_put(o);
	free(a);
	free(b);
	/* reset empties the list and keeps its memory; free releases it */
	ms_fields_reset(demo_fields, &d);
	assert_int_equal(d.n, 0);
	assert_non_null(d.v);
	ms_fields_free(demo_fields, &d);
	assert_null(d.v);
	assert_int_equal(d.cap, 0);
	ms_fields_free(demo_fields, &back);
}

static char *print(bool om_out, const struct demo *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct om om = { .f = f, .strict = true };

	if (om_out)
		ms_om_part(&om, &demo_part, d);
	else
		ms_text_part(f, &demo_part, d);
	fclose(f);
	return buf;
}

/* Its text block and OpenMetrics families come from the table. */
static void part_outputs(void **state)
{
	struct demo d;
	char *t, *m;

	(void)state;
	fill(&d, 2);
	t = print(false, &d);
	assert_string_equal(t, "\nDemo\n"
			       "  total          300\n"
			       "name       kb  ratio\n"
			       "i\"0       100   0.00\n"
			       "i\"1         -   0.25\n");
	m = print(true, &d);
	assert_string_equal(
		m, "# TYPE memscope_demo_bytes gauge\n"
		   "# UNIT memscope_demo_bytes bytes\n"
		   "# HELP memscope_demo_bytes the total\n"
		   "memscope_demo_bytes 307200\n"
		   "# TYPE memscope_demo_item_bytes gauge\n"
		   "# UNIT memscope_demo_item_bytes bytes\n"
		   "# HELP memscope_demo_item_bytes an item's size\n"
		   "memscope_demo_item_bytes{name=\"i\\\"0\"} 102400\n");
	free(t);
	free(m);
	ms_fields_free(demo_fields, &d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sections_once),
		cmocka_unit_test(parts_sound),
		cmocka_unit_test(tabs),
		cmocka_unit_test(list_round_trip),
		cmocka_unit_test(part_outputs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
