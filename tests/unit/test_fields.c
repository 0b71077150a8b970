// SPDX-License-Identifier: GPL-2.0
/* The field tables and name tables of model/field.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "model/area.h"
#include "model/field.h"

/* The bytes a field of type ty occupies (vectors: one element). */
static size_t type_size(const struct ms_field *f)
{
	switch (f->type) {
	case MS_F_U64:
	case MS_F_HEX:
	case MS_F_U64V:
		return 8;
	case MS_F_U32:
	case MS_F_INT:
	case MS_F_ENUM:
		return 4;
	case MS_F_DBL:
	case MS_F_DBLV:
		return 8;
	case MS_F_BOOL:
	case MS_F_CHAR:
		return 1;
	case MS_F_PSTR:
	case MS_F_LIST:
		return sizeof(void *);
	default:
		return f->size;
	}
}

static void check(const struct ms_field *t, size_t size, const char *name)
{
	for (const struct ms_field *f = t; f->key; f++) {
		print_message("%s.%s\n", name, f->key);
		/* one key once per object: the JSON's keys are unique */
		for (const struct ms_field *g = f + 1; g->key; g++)
			assert_string_not_equal(f->key, g->key);
		if (f->type == MS_F_OBJ) {
			assert_non_null(f->sub);
			check(f->sub, size, name);
			continue;
		}
		assert_true(f->off + type_size(f) <= size);
		if (f->type == MS_F_LIST) {
			/* its count and capacity in the record, its records' own */
			assert_non_null(f->sub);
			assert_true(f->n + sizeof(int) <= size);
			assert_true(f->cap + sizeof(int) <= size);
			check(f->sub, f->size, name);
		}
		if (f->type == MS_F_ENUM)
			assert_non_null(f->sub);
		if (f->type == MS_F_U64V || f->type == MS_F_DBLV)
			assert_true(f->size > 0 && f->n + sizeof(int) <= size);
		if (f->type == MS_F_STR || f->type == MS_F_NAME)
			assert_true(f->size > 1);
		/*
		 * an OpenMetrics family says what it is, in its first row
		 * (the fields of one family are adjacent)
		 */
		if (f->metric && !(f > t && f[-1].metric &&
				   !strcmp(f[-1].metric, f->metric)))
			assert_non_null(f->help);
	}
}

static void tables_sound(void **state)
{
	(void)state;
	/* every area's (model/areas.c) */
	for (int i = 0; ms_areas[i]; i++)
		for (const struct ms_rtable *x = ms_areas[i]->tables; x->name;
		     x++)
			check(x->t, x->size, x->name);
}

static void zone_by_kernel_name(void **state)
{
	struct ms_zone z = { 0 };
	uint64_t *p;

	(void)state;
	p = ms_field_u64(ms_zone_fields, &z, "min", 3);
	assert_ptr_equal(p, &z.wmark_min);
	p = ms_field_u64(ms_zone_fields, &z, "pages free", 10);
	assert_ptr_equal(p, &z.zi_free);
	assert_ptr_equal(ms_field_u64(ms_zone_fields, &z, "cma", 3), &z.cma);
	/* a prefix is not the name */
	assert_null(ms_field_u64(ms_zone_fields, &z, "mi", 2));
	assert_null(ms_field_u64(ms_zone_fields, &z, "start_pfn", 9));
}

/* The enums' names are the rows of their tables, in the enums' order. */
static void event_rows(void **state)
{
	(void)state;
	assert_string_equal(ms_fault_count_name(MS_FC_HW), "user_faults");
	assert_string_equal(ms_fault_count_name(MS_FC_LOCK_SLOW),
			    "mmap_lock_slow_waits");
	assert_string_equal(ms_fault_rate_fields[MS_FC_COW].key, "cow");
	assert_null(ms_fault_count_fields[MS_FC_COUNT].key);
	for (int c = 0; c < MS_FC_COUNT; c++)
		assert_int_equal(ms_fault_count_fields[c].off,
				 offsetof(struct ms_fault_proc, n[c]));
	assert_string_equal(ms_delay_name(MS_DL_FREEPAGES), "freepages");
	assert_string_equal(ms_delay_name(MS_DL_WPCOPY), "wpcopy");
	assert_null(ms_task_delay_fields[MS_DELAY_ROW + MS_DL_COUNT].key);
}

static void names(void **state)
{
	(void)state;
	assert_string_equal(ms_name_of(&ms_wmark_names, MS_WMARK_LOW), "low");
	assert_null(ms_name_of(&ms_wmark_names, MS_WMARK_UNKNOWN));
	assert_null(ms_name_of(&ms_wmark_names, 99));
	assert_int_equal(ms_name_find(&ms_wmark_names, "min"), MS_WMARK_MIN);
	assert_int_equal(ms_name_find(&ms_wmark_names, "x"), MS_WMARK_UNKNOWN);
	assert_int_equal(ms_vma_kind_names.n, MS_VMA_NKINDS);
	for (int k = 0; k < MS_VMA_NKINDS; k++)
		assert_int_equal(
			ms_name_find(&ms_vma_kind_names,
				     ms_name_of(&ms_vma_kind_names, k)),
			k);
	assert_int_equal(ms_name_find(&ms_vma_kind_names, "?"), MS_VMA_SPECIAL);
	assert_int_equal(ms_name_find(&ms_maple_type_names, "arange_64"),
			 MS_MAPLE_ARANGE_64);
}

static void flat(void **state)
{
	const struct ms_field *f[64];
	int n = ms_fields_flat(ms_zone_fields, f, 64);
	int boost = -1, managed = -1;

	(void)state;
	for (int i = 0; i < n; i++) {
		assert_int_not_equal(f[i]->type, MS_F_OBJ);
		if (!strcmp(f[i]->key, "boost"))
			boost = i;
		if (!strcmp(f[i]->key, "managed_pages"))
			managed = i;
	}
	/* the watermarks' fields in their place, before managed_pages */
	assert_true(boost >= 0 && boost < managed);
	assert_int_equal(ms_fields_flat(ms_zone_fields, f, 3), 3);
}

/* a share short of the whole never reads as the whole */
static void share_shown(void **state)
{
	(void)state;
	assert_true(ms_share_shown(99.9993, 100, 1) == 99.9);
	assert_true(ms_share_shown(99.94, 100, 1) == 99.94);
	assert_true(ms_share_shown(100, 100, 1) == 100);
	assert_true(ms_share_shown(99.96, 100, 0) == 99);
	assert_true(ms_share_shown(0.99996, 1, 3) == 0.999);
	assert_true(ms_share_shown(0.5, 1, 3) == 0.5);
	assert_true(isnan(ms_share_shown(NAN, 100, 1)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tables_sound),
		cmocka_unit_test(zone_by_kernel_name),
		cmocka_unit_test(event_rows),
		cmocka_unit_test(names),
		cmocka_unit_test(flat),
		cmocka_unit_test(share_shown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
