// SPDX-License-Identifier: GPL-2.0
/* Theme files (themes/NAME.theme, ini syntax via libinih) to curses attributes. */
#define _GNU_SOURCE
#include "tui/theme.h"

#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#ifndef MS_THEMES_DIR
#define MS_THEMES_DIR "themes"
#endif

#define DEF (-1) /* the terminal's default colour */

struct elem {
	const char *name;
	short fg, bg;
	attr_t attrs; /* with colours */
	attr_t mono; /* without colours */
};

/* Built-in defaults: the same as themes/default.theme. */
static const struct elem builtin[MS_C_COUNT] = {
	[MS_C_NORMAL] = { "normal", DEF, DEF, 0, 0 },
	[MS_C_HEADER] = { "header", COLOR_CYAN, DEF, 0, 0 },
	[MS_C_TAB] = { "tab", COLOR_WHITE, COLOR_BLUE, 0, 0 },
	[MS_C_TAB_ACTIVE] = { "tab_active", COLOR_BLACK, COLOR_CYAN, A_BOLD,
			      A_REVERSE | A_BOLD },
	[MS_C_TITLE] = { "title", COLOR_YELLOW, DEF, A_BOLD, A_BOLD },
	[MS_C_SELECTION] = { "selection", COLOR_BLACK, COLOR_CYAN, 0,
			     A_REVERSE },
	[MS_C_COLUMN_HEADER] = { "column_header", COLOR_BLACK, COLOR_GREEN, 0,
				 A_UNDERLINE },
	[MS_C_SORT_COLUMN] = { "sort_column", COLOR_BLACK, COLOR_CYAN, A_BOLD,
			       A_UNDERLINE | A_BOLD },
	[MS_C_BAR] = { "bar", COLOR_GREEN, DEF, 0, 0 },
	[MS_C_BAR_LOW] = { "bar_low", COLOR_RED, DEF, 0, A_BOLD },
	[MS_C_OK] = { "ok", COLOR_GREEN, DEF, 0, 0 },
	[MS_C_WARNING] = { "warning", COLOR_YELLOW, DEF, A_BOLD, A_BOLD },
	[MS_C_CRITICAL] = { "critical", COLOR_RED, DEF, A_BOLD,
			    A_BOLD | A_REVERSE },
	[MS_C_NOTE] = { "note", COLOR_MAGENTA, DEF, 0, A_DIM },
	[MS_C_FOOTER] = { "footer", COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
	[MS_C_HELP] = { "help", DEF, DEF, 0, 0 },
	[MS_C_FILTER] = { "filter", COLOR_BLACK, COLOR_YELLOW, 0, A_REVERSE },
	[MS_C_DIM] = { "dim", DEF, DEF, A_DIM, A_DIM },
	[MS_C_PAUSED] = { "paused", COLOR_WHITE, COLOR_RED, A_BOLD,
			  A_REVERSE | A_BOLD },
};

static struct elem theme[MS_C_COUNT];
static bool loaded;
static attr_t attrs[MS_C_COUNT];

/* Parse state: the first error is kept for the message. */
struct parse {
	const char *path;
	char err[160];
	int line;
};

static const struct {
	const char *name;
	short color;
} colors[] = {
	{ "default", DEF },	      { "black", COLOR_BLACK },
	{ "red", COLOR_RED },	      { "green", COLOR_GREEN },
	{ "yellow", COLOR_YELLOW },   { "blue", COLOR_BLUE },
	{ "magenta", COLOR_MAGENTA }, { "cyan", COLOR_CYAN },
	{ "white", COLOR_WHITE },
};

static const struct {
	const char *name;
	attr_t attr;
} attr_names[] = {
	{ "normal", A_NORMAL },	  { "bold", A_BOLD },
	{ "reverse", A_REVERSE }, { "underline", A_UNDERLINE },
	{ "dim", A_DIM },	  { "standout", A_STANDOUT },
	{ "blink", A_BLINK },
};

const char *ms_color_name(enum ms_color c)
{
	return c < MS_C_COUNT ? builtin[c].name : NULL;
}

/* "red", "brightred" (8-15) or a number 0-255; -2 when unknown. */
static short parse_color(const char *s)
{
	short bright = 0;
	char *end;
	long n;

	if (!strncasecmp(s, "bright", 6)) {
		bright = 8;
		s += 6;
	}
	for (size_t i = 0; i < sizeof(colors) / sizeof(colors[0]); i++)
		if (!strcasecmp(s, colors[i].name))
			return colors[i].color < 0 ? (bright ? -2 : DEF) :
						     colors[i].color + bright;
	n = strtol(s, &end, 10);
	if (!bright && *s && !*end && n >= 0 && n <= 255)
		return (short)n;
	return -2;
}

static bool parse_attr(const char *s, attr_t *a)
{
	for (size_t i = 0; i < sizeof(attr_names) / sizeof(attr_names[0]); i++)
		if (!strcasecmp(s, attr_names[i].name)) {
			*a |= attr_names[i].attr;
			return true;
		}
	return false;
}

static int find_elem(const char *name)
{
	for (int i = 0; i < MS_C_COUNT; i++)
		if (!strcasecmp(name, builtin[i].name))
			return i;
	return -1;
}

/* "fg bg [attr...]" into e; false with a reason in why. */
static bool parse_value(const char *value, struct elem *e, char *why,
			size_t len)
{
	char buf[128], *save = NULL, *tok;
	short c[2];
	attr_t a = 0;

	snprintf(buf, sizeof(buf), "%s", value);
	for (int i = 0; i < 2; i++) {
		tok = strtok_r(i ? NULL : buf, " \t", &save);
		if (!tok)
			return snprintf(why, len, "needs \"fg bg [attr...]\""),
			       false;
		c[i] = parse_color(tok);
		if (c[i] == -2)
			return snprintf(why, len, "unknown colour '%.32s'",
					tok),
			       false;
	}
	while ((tok = strtok_r(NULL, " \t", &save)))
		if (!parse_attr(tok, &a))
			return snprintf(why, len, "unknown attribute '%.32s'",
					tok),
			       false;
	e->fg = c[0];
	e->bg = c[1];
	e->attrs = a;
	return true;
}

static void parse_error(struct parse *p, const char *name, const char *why)
{
	if (!p->err[0])
		snprintf(p->err, sizeof(p->err), "%.40s: %s", name, why);
}

static int on_line(void *user, const char *section, const char *name,
		   const char *value)
{
	struct parse *p = user;
	char why[80];
	int i;

	if (strcasecmp(section, "colors"))
		return 1; /* other sections are for later versions */
	i = find_elem(name);
	if (i < 0) {
		parse_error(p, name, "unknown element");
		return 0;
	}
	if (!parse_value(value, &theme[i], why, sizeof(why))) {
		parse_error(p, name, why);
		return 0;
	}
	return 1;
}

/* Directory of the running binary, for themes next to a build. */
static bool exe_dir(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);
	char *slash;

	if (n <= 0)
		return false;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (!slash)
		return false;
	*slash = '\0';
	return true;
}

/* Whether DIR SUB/name.theme is readable; path gets it. */
static bool try_path(char *path, size_t len, const char *dir, const char *sub,
		     const char *name)
{
	int n = snprintf(path, len, "%s%s/%s.theme", dir, sub, name);

	return n > 0 && (size_t)n < len && !access(path, R_OK);
}

/* First existing DIR/name.theme, in the usual places. */
static bool find_theme(const char *name, char *path, size_t len)
{
	static const char *const rel[] = { "/themes", "/../themes",
					   "/../../themes",
					   "/../share/memscope/themes" };
	const char *env = getenv("MEMSCOPE_THEMES");
	char dir[PATH_MAX];

	if (env && *env && try_path(path, len, env, "", name))
		return true;
	if (try_path(path, len, MS_THEMES_DIR, "", name))
		return true;
	if (!exe_dir(dir, sizeof(dir)))
		return false;
	for (size_t i = 0; i < sizeof(rel) / sizeof(rel[0]); i++)
		if (try_path(path, len, dir, rel[i], name))
			return true;
	return false;
}

int ms_theme_load(const char *name, char *err, size_t errlen)
{
	struct parse p = { 0 };
	char path[PATH_MAX];
	int line;

	memcpy(theme, builtin, sizeof(theme));
	loaded = true;
	err[0] = '\0';
	if (!name || !*name)
		name = "default";
	if (strchr(name, '/')) {
		snprintf(path, sizeof(path), "%s", name);
	} else if (!find_theme(name, path, sizeof(path))) {
		snprintf(err, errlen, "theme %.64s not found: built-in colours",
			 name);
		return -ENOENT;
	}
	p.path = path;
	line = ini_parse(path, on_line, &p);
	if (line < 0) {
		snprintf(err, errlen, "theme %.100s: cannot open", path);
		return -ENOENT;
	}
	if (line > 0) {
		snprintf(err, errlen, "theme %.80s:%d: %s", path, line, p.err);
		return -EINVAL;
	}
	return 0;
}

/* Clamp a colour to what the terminal has (bright ones lose brightness). */
static short fit(short c)
{
	if (c < 0 || c < COLORS)
		return c;
	return c < 16 ? c % 8 : COLOR_WHITE;
}

void ms_theme_apply(bool color)
{
	bool defaults = false;

	if (!loaded)
		memcpy(theme, builtin, sizeof(theme));
	if (color && start_color() == OK)
		defaults = use_default_colors() == OK;
	else
		color = false;
	for (int i = 0; i < MS_C_COUNT; i++) {
		const struct elem *e = &theme[i];
		short fg = fit(e->fg), bg = fit(e->bg);

		if (!color || i + 1 >= COLOR_PAIRS) {
			attrs[i] = builtin[i].mono | e->attrs;
			continue;
		}
		if (!defaults) {
			fg = fg < 0 ? COLOR_WHITE : fg;
			bg = bg < 0 ? COLOR_BLACK : bg;
		}
		init_pair((short)(i + 1), fg, bg);
		attrs[i] = COLOR_PAIR(i + 1) | e->attrs;
	}
}

attr_t ms_attr(enum ms_color c)
{
	return c < MS_C_COUNT ? attrs[c] : A_NORMAL;
}
