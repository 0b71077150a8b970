// SPDX-License-Identifier: GPL-2.0
/* The area registry (model/area.h): every section once, names that hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "app/batch.h"
#include "model/area.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sections_once),
		cmocka_unit_test(parts_sound),
		cmocka_unit_test(tabs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
