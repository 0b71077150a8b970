// SPDX-License-Identifier: GPL-2.0
/*
 * proc/self/timens_offsets, which turns BPF's kernel-clock stamps into this
 * process's clock inside a time namespace: the kernel's text, malformed
 * text, and a kernel without the file.
 */
#define _GNU_SOURCE
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
#include <sys/stat.h>
#include <unistd.h>

#include "probes/bpf/timens.h"

#define NS 1000000000LL

static void parses_the_kernels_text(void **state)
{
	/* as 6.18 prints it after unshare -T --monotonic=-300 */
	static const char text[] = "monotonic       -300         0\n"
				   "boottime        86400         0\n";
	struct ms_timens t;

	assert_int_equal(ms_timens_parse(&t, text), 0);
	assert_true(t.mono_ns == -300 * NS);
	assert_true(t.boot_ns == 86400 * NS);
	/* an event the kernel stamped at 1000 s happened at 700 s here */
	assert_true(fabs(ms_timens_mono(&t, 1000 * NS) - 700) < 1e-9);
	/* -1.5 s, normalised: seconds rounded down, nanoseconds positive */
	assert_int_equal(ms_timens_parse(&t, "monotonic -2 500000000\n"), 0);
	assert_true(t.mono_ns == -1500000000LL);
	assert_true(t.boot_ns == 0);
	/* clock ids as written to the file, no newline at the end */
	assert_int_equal(ms_timens_parse(&t, "7 1 0\n1 5000 999999999"), 0);
	assert_true(t.mono_ns == 5000 * NS + 999999999);
	assert_true(t.boot_ns == NS);
	/* the initial namespace: nothing to shift */
	assert_int_equal(ms_timens_parse(&t, "monotonic 0 0\nboottime 0 0\n"),
			 0);
	assert_true(t.mono_ns == 0 && t.boot_ns == 0);
	assert_true(ms_timens_mono(&t, 42 * NS) == 42);
}

static void refuses_malformed_text(void **state)
{
	static const char *const bad[] = {
		"",
		"\n",
		"boottime 5 0\n", /* no monotonic offset */
		"monotonic 5\n",
		"monotonic 5 0 0\n",
		"monotonic five 0\n",
		"monotonic 5 -1\n",
		"monotonic 5 1000000000\n",
		"monotonic 99999999999999 0\n", /* beyond the kernel's limit */
		"monotonic -99999999999999 0\n",
		"monotonic 5 0\nmonotonic 6 0\n", /* twice */
		"realtime 5 0\nmonotonic 5 0\n",
		"monotonic 5 0\ngarbage\n",
	};
	char long_line[256];
	struct ms_timens t;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		t.mono_ns = t.boot_ns = 1;
		if (ms_timens_parse(&t, bad[i]) != -EINVAL)
			fail_msg("accepted \"%s\"", bad[i]);
		/* nothing half-parsed is used */
		assert_true(t.mono_ns == 0 && t.boot_ns == 0);
	}
	/* longer than any line the kernel writes, otherwise well formed */
	memset(long_line, ' ', sizeof(long_line));
	memcpy(long_line, "monotonic", 9);
	strcpy(long_line + sizeof(long_line) - 5, "5 0\n");
	assert_int_equal(ms_timens_parse(&t, long_line), -EINVAL);
}

/* Load from a tree holding proc/self/timens_offsets with text (NULL: none). */
static int load_from(const char *text, struct ms_timens *t)
{
	char dir[] = "/tmp/ms-timens-XXXXXX", proc[64], self[80], file[112];
	struct ms_root r;
	FILE *f;
	int err;

	assert_non_null(mkdtemp(dir));
	snprintf(proc, sizeof(proc), "%s/proc", dir);
	snprintf(self, sizeof(self), "%s/self", proc);
	snprintf(file, sizeof(file), "%s/timens_offsets", self);
	assert_int_equal(mkdir(proc, 0755), 0);
	assert_int_equal(mkdir(self, 0755), 0);
	if (text) {
		f = fopen(file, "w");
		assert_non_null(f);
		fputs(text, f);
		fclose(f);
	}
	assert_int_equal(ms_root_open(&r, dir), 0);
	t->mono_ns = t->boot_ns = 1;
	err = ms_timens_load(t, &r);
	ms_root_close(&r);
	unlink(file);
	rmdir(self);
	rmdir(proc);
	rmdir(dir);
	return err;
}

static void loads_through_the_root(void **state)
{
	struct ms_timens t;

	assert_int_equal(load_from("monotonic 60 0\nboottime 60 0\n", &t), 0);
	assert_true(t.mono_ns == 60 * NS && t.boot_ns == 60 * NS);
	/* a kernel without time namespaces has no file: no offsets */
	assert_int_equal(load_from(NULL, &t), 0);
	assert_true(t.mono_ns == 0 && t.boot_ns == 0);
	assert_int_equal(load_from("monotonic sixty 0\n", &t), -EINVAL);
	assert_true(t.mono_ns == 0 && t.boot_ns == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_the_kernels_text),
		cmocka_unit_test(refuses_malformed_text),
		cmocka_unit_test(loads_through_the_root),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
