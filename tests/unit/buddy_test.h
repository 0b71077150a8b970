/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the Buddy area's tests (test_buddy, test_frag): doubles
 * compared exactly enough, and indices as the kernel prints them. After
 * <cmocka.h>.
 */
#ifndef MS_BUDDY_TEST_H
#define MS_BUDDY_TEST_H

#include <math.h>

#include "model/snapshot.h"

static inline void near(double got, double want, const char *file, int line)
{
	if (fabs(got - want) < 1e-9)
		return;
	print_error("got %.12g, want %.12g\n", got, want);
	_fail(file, line);
}

#define assert_near(got, want) near((got), (want), __FILE__, __LINE__)

/* Indices per order, as the kernel prints them times 1000. */
static inline void assert_milli(const double *got, const int *want, int n)
{
	for (int i = 0; i < n; i++) {
		if (fabs(got[i] - want[i] / 1000.0) >= 1e-9)
			print_error("order %d: %g, want %d/1000\n", i, got[i],
				    want[i]);
		assert_near(got[i], want[i] / 1000.0);
	}
}

/* extfrag at every order where a suitable block exists: -1000 */
static const int all_minus1[MS_MAX_ORDER] = {
	-1000, -1000, -1000, -1000, -1000, -1000, -1000, -1000,
	-1000, -1000, -1000, -1000, -1000, -1000, -1000, -1000,
};

#endif
