// SPDX-License-Identifier: GPL-2.0
/*
 * --serve's address (app/serve_addr.c): loopback unless an address is
 * given, what is refused and why; and the Accept header's choice between
 * OpenMetrics and the Prometheus text format.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app/serve.h"

/* s parsed and printed back: "127.0.0.1:9477", or "!" and the reason */
static const char *parsed(const char *s)
{
	static char buf[200];
	struct ms_serve_addr a;
	char why[160] = "";

	if (ms_serve_parse(s, &a, why, sizeof(why))) {
		assert_true(why[0]);
		snprintf(buf, sizeof(buf), "!%s", why);
	} else {
		ms_serve_addr_str(&a, buf, sizeof(buf));
	}
	return buf;
}

static void test_loopback_by_default(void **state)
{
	assert_string_equal(parsed("9477"), "127.0.0.1:9477");
	assert_string_equal(parsed(":9477"), "127.0.0.1:9477");
	assert_string_equal(parsed(":0"), "127.0.0.1:0");
	assert_string_equal(parsed("localhost:80"), "127.0.0.1:80");
}

static void test_addresses(void **state)
{
	assert_string_equal(parsed("0.0.0.0:9477"), "0.0.0.0:9477");
	assert_string_equal(parsed("192.168.1.20:65535"), "192.168.1.20:65535");
	assert_string_equal(parsed("[::1]:9477"), "[::1]:9477");
	assert_string_equal(parsed("[::]:9477"), "[::]:9477");
	assert_string_equal(parsed("[fe80::1]:1"), "[fe80::1]:1");
}

static void test_refused(void **state)
{
	static const char *const bad[] = {
		"",
		":",
		"x",
		"1.2.3",
		"-1",
		"+80",
		"65536",
		"99999999",
		":9477x",
		"9477 ",
		" 9477",
		"host:9477",
		"::1:9477",
		"[::1]",
		"[::1]9477",
		"[1.2.3.4]:80",
		"1.2.3.4:",
		"1.2.3.4.5:80",
		"256.0.0.1:80",
		"[::1:80",
		"example.org:9477",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *p = parsed(bad[i]);

		if (p[0] != '!')
			fail_msg("'%s' parsed as %s", bad[i], p);
	}
	/* the reasons name the fix */
	assert_non_null(strstr(parsed("::1:9477"), "brackets"));
	assert_non_null(strstr(parsed("example.org:1"), "numeric"));
	assert_non_null(strstr(parsed("1.2.3.4:x"), "port"));
}

/* A port taken: EADDRINUSE, said with the address; port 0 gets one. */
static void test_listen(void **state)
{
	struct ms_serve_addr a, b;
	char why[200], where[64];
	int fd, fd2;

	assert_int_equal(ms_serve_parse(":0", &a, why, sizeof(why)), 0);
	fd = ms_serve_listen(&a, why, sizeof(why));
	assert_true(fd >= 0);
	ms_serve_addr_str(&a, where, sizeof(where));
	assert_string_not_equal(where, "127.0.0.1:0");
	b = a;
	fd2 = ms_serve_listen(&b, why, sizeof(why));
	assert_int_equal(fd2, -EADDRINUSE);
	assert_non_null(strstr(why, where));
	assert_non_null(strstr(why, "in use"));
	close(fd);
}

static void test_accept(void **state)
{
	/* what Prometheus 2.x sends: OpenMetrics first */
	assert_true(ms_serve_wants_openmetrics(
		"application/openmetrics-text;version=1.0.0,"
		"application/openmetrics-text;version=0.0.1;q=0.75,"
		"text/plain;version=0.0.4;q=0.5,*/*;q=0.1"));
	assert_true(ms_serve_wants_openmetrics("application/openmetrics-text"));
	assert_true(ms_serve_wants_openmetrics(
		"Application/OpenMetrics-Text; version=0.0.1"));
	assert_true(ms_serve_wants_openmetrics(
		" text/plain;q=0.3 , application/openmetrics-text ;q=0.9"));
	/* a tie: the format the client named */
	assert_true(ms_serve_wants_openmetrics(
		"text/plain, application/openmetrics-text"));

	/* no header, a browser's, curl's, the older Prometheus text */
	assert_false(ms_serve_wants_openmetrics(NULL));
	assert_false(ms_serve_wants_openmetrics(""));
	assert_false(ms_serve_wants_openmetrics("*/*"));
	assert_false(ms_serve_wants_openmetrics(
		"text/html,application/xhtml+xml,*/*;q=0.8"));
	assert_false(ms_serve_wants_openmetrics("text/plain;version=0.0.4"));
	/* OpenMetrics asked for below the text format, or refused */
	assert_false(ms_serve_wants_openmetrics(
		"application/openmetrics-text;q=0.2,text/plain;q=0.5"));
	assert_false(
		ms_serve_wants_openmetrics("application/openmetrics-text;q=0"));
	assert_false(ms_serve_wants_openmetrics(
		"application/openmetrics-text;q=0,*/*"));
	/* a version memscope does not write, a broken q */
	assert_false(ms_serve_wants_openmetrics(
		"application/openmetrics-text;version=2.0.0"));
	assert_false(ms_serve_wants_openmetrics(
		"application/openmetrics-text;q=high"));
	assert_false(ms_serve_wants_openmetrics(
		"application/openmetrics-text;q=1.5"));
	/* not a prefix match */
	assert_false(
		ms_serve_wants_openmetrics("application/openmetrics-textual"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loopback_by_default),
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_listen),
		cmocka_unit_test(test_accept),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
