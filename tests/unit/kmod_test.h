/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the kmod backend's tests (test_kmod, test_kmod_backend): the
 * doc's examples and the lab VM's capture, a zone by name, free counts per
 * order. After cmocka.h. */
#ifndef MS_KMOD_TEST_H
#define MS_KMOD_TEST_H

#include "model/snapshot.h"

#include <stdio.h>

#define DOC "tests/fixtures/kmod-doc"
#define REAL "tests/fixtures/kmod-6.1"

static inline struct ms_zone *zone(struct ms_buddy *b, int node,
				   const char *name)
{
	struct ms_zone *z = ms_zone_find(b, node, name);

	if (!z)
		print_error("no zone %d %s\n", node, name);
	assert_non_null(z);
	return z;
}

static inline void assert_orders(const uint64_t *got, const uint64_t *want,
				 int n)
{
	for (int o = 0; o < n; o++) {
		if (got[o] != want[o])
			print_error("order %d: %llu, want %llu\n", o,
				    (unsigned long long)got[o],
				    (unsigned long long)want[o]);
		assert_int_equal(got[o], want[o]);
	}
}

#endif
