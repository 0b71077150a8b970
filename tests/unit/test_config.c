// SPDX-License-Identifier: GPL-2.0
/*
 * The config file (app/config.c): every key, broken files named with
 * their line, where the file is looked up, and how it meets the options.
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
#include <unistd.h>

#include "app/config.h"

static char tmpdir[64], path[128];

static const char *write_config(const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static int setup(void **state)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/ms-test-config-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(path, sizeof(path), "%s/config", tmpdir);
	return 0;
}

static int teardown(void **state)
{
	unlink(path);
	return rmdir(tmpdir);
}

static void assert_unset(const struct ms_config *c)
{
	assert_string_equal(c->theme, "");
	assert_true(isnan(c->delay));
	assert_string_equal(c->tab, "");
	assert_int_equal(c->ascii, -1);
	assert_int_equal(c->mouse, -1);
}

static void test_good(void **state)
{
	struct ms_config c;
	char err[256];

	write_config("; memscope\n# defaults\n[memscope]\n"
		     "theme = projector\ndelay = 2.5\ntab = slab\n"
		     "ascii = yes\nmouse = off\n");
	assert_int_equal(ms_config_load(&c, path, err, sizeof(err)), 0);
	assert_string_equal(err, "");
	assert_string_equal(c.theme, "projector");
	assert_true(c.delay == 2.5);
	assert_string_equal(c.tab, "slab");
	assert_int_equal(c.ascii, 1);
	assert_int_equal(c.mouse, 0);
	/* keys before any section; what is not set stays unset */
	write_config("theme = /usr/share/memscope/themes/light.theme\n"
		     "ascii = False\n");
	assert_int_equal(ms_config_load(&c, path, err, sizeof(err)), 0);
	assert_string_equal(c.theme, "/usr/share/memscope/themes/light.theme");
	assert_int_equal(c.ascii, 0);
	assert_true(isnan(c.delay));
	assert_int_equal(c.mouse, -1);
	/* an empty file is fine */
	write_config("");
	assert_int_equal(ms_config_load(&c, path, err, sizeof(err)), 0);
	assert_unset(&c);
}

/* text is rejected with msg (after "config PATH:") and nothing is kept. */
static void broken(const char *text, const char *msg)
{
	struct ms_config c;
	char err[256], want[200];

	write_config(text);
	assert_int_equal(ms_config_load(&c, path, err, sizeof(err)), -EINVAL);
	snprintf(want, sizeof(want), "config %s:%s", path, msg);
	if (!strstr(err, want))
		fail_msg("'%s' not in '%s'", want, err);
	assert_non_null(strstr(err, "built-in defaults used"));
	assert_unset(&c);
}

static void test_broken(void **state)
{
	broken("theme = mono\ncolour = red\n", "2: unknown key 'colour'");
	broken("[memscope]\ntheme = mono\n\ndelay = 0\n",
	       "4: delay: '0' is not 0.1 .. 3600 seconds");
	broken("delay = 1s\n", "1: delay: '1s' is not");
	broken("delay = 4000\n", "1: delay: '4000' is not");
	broken("theme = mono\ntab = vmas\n",
	       "2: tab: 'vmas' is not buddy, slab, vma, reclaim, numa, memory or cgroup");
	broken("ascii = maybe\n", "1: ascii: 'maybe' is not yes or no");
	broken("mouse = \n", "1: mouse: '' is not yes or no");
	broken("theme =\n", "1: theme: empty");
	broken("theme = mono\n[colors]\nheader = red blue\n",
	       "3: unknown section [colors]"); /* its first key */
	broken("theme = mono\njust words\n",
	       "2: not 'key = value' or [section]");
	/* the first bad line is named, whichever kind it is */
	broken("theme = mono\n[oops\nbogus = 1\n", "2: not 'key = value'");
	broken("bogus = 1\n[oops\n", "1: unknown key 'bogus'");
}

static void test_unreadable(void **state)
{
	struct ms_config c;
	char err[256], missing[160];

	snprintf(missing, sizeof(missing), "%s/nope", tmpdir);
	assert_int_equal(ms_config_load(&c, missing, err, sizeof(err)),
			 -ENOENT);
	assert_non_null(strstr(err, missing));
	assert_non_null(strstr(err, "No such file"));
	assert_unset(&c);
	assert_int_equal(ms_config_load(&c, tmpdir, err, sizeof(err)), -EISDIR);
	assert_non_null(strstr(err, "Is a directory"));
	assert_unset(&c);
}

static void test_path(void **state)
{
	char buf[256];
	bool expl;

	setenv("MEMSCOPE_CONFIG", "/etc/ms.conf", 1);
	setenv("XDG_CONFIG_HOME", "/xdg", 1);
	setenv("HOME", "/home/u", 1);
	assert_true(ms_config_path(buf, sizeof(buf), &expl));
	assert_string_equal(buf, "/etc/ms.conf");
	assert_true(expl);
	unsetenv("MEMSCOPE_CONFIG");
	assert_true(ms_config_path(buf, sizeof(buf), &expl));
	assert_string_equal(buf, "/xdg/memscope/config");
	assert_false(expl);
	setenv("XDG_CONFIG_HOME", "relative", 1); /* ignored, as XDG says */
	assert_true(ms_config_path(buf, sizeof(buf), &expl));
	assert_string_equal(buf, "/home/u/.config/memscope/config");
	unsetenv("XDG_CONFIG_HOME");
	assert_true(ms_config_path(buf, sizeof(buf), &expl));
	assert_string_equal(buf, "/home/u/.config/memscope/config");
	unsetenv("HOME");
	assert_false(ms_config_path(buf, sizeof(buf), &expl));
}

static void test_find(void **state)
{
	struct ms_config c;
	char err[256];

	unsetenv("XDG_CONFIG_HOME");
	/* no file at the default place: nothing to say */
	setenv("HOME", tmpdir, 1);
	unsetenv("MEMSCOPE_CONFIG");
	assert_int_equal(ms_config_find(&c, err, sizeof(err)), 0);
	assert_string_equal(err, "");
	assert_unset(&c);
	setenv("HOME", "/etc/passwd", 1); /* ENOTDIR on the way */
	assert_int_equal(ms_config_find(&c, err, sizeof(err)), 0);
	assert_string_equal(err, "");
	/* named by MEMSCOPE_CONFIG: missing is an error */
	setenv("MEMSCOPE_CONFIG", "/nonexistent/memscope.conf", 1);
	assert_int_equal(ms_config_find(&c, err, sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, "/nonexistent/memscope.conf"));
	/* found and read */
	write_config("tab = numa\n");
	setenv("MEMSCOPE_CONFIG", path, 1);
	assert_int_equal(ms_config_find(&c, err, sizeof(err)), 0);
	assert_string_equal(c.tab, "numa");
	/* found and broken */
	write_config("tab = numa\nbogus = 1\n");
	assert_int_equal(ms_config_find(&c, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, ":2: unknown key 'bogus'"));
	assert_unset(&c);
	unsetenv("MEMSCOPE_CONFIG");
}

static void test_apply(void **state)
{
	struct ms_opts o = { .interval = 1, .tab = "vma" };
	struct ms_config c;
	char err[256];

	write_config("theme = light\ndelay = 5\nmouse = no\n");
	assert_int_equal(ms_config_load(&c, path, err, sizeof(err)), 0);
	ms_config_apply(&c, &o);
	assert_string_equal(o.theme, "light");
	assert_true(o.interval == 5);
	assert_true(o.no_mouse);
	/* not in the file: untouched */
	assert_string_equal(o.tab, "vma");
	assert_false(o.ascii);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_broken),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_path),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_apply),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
