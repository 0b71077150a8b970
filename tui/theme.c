// SPDX-License-Identifier: GPL-2.0
/* Theme files (themes/NAME.theme, ini via libinih) to curses attributes. */
#define _GNU_SOURCE
#include "tui/theme.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "app/config.h"

#ifndef MS_THEMES_DIR
#define MS_THEMES_DIR "themes"
#endif
#ifndef MS_DATADIR /* make install's $(PREFIX)/share/memscope */
#define MS_DATADIR "/usr/local/share/memscope"
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
	/* segments: blanks on the background colour (without colours, the
	 * letters of tui/membar.c tell them apart) */
	[MS_C_MEM_FREE] = { "mem_free", COLOR_BLACK, COLOR_GREEN, 0, 0 },
	[MS_C_MEM_FILE] = { "mem_file", COLOR_WHITE, COLOR_BLUE, 0, 0 },
	[MS_C_MEM_ANON] = { "mem_anon", COLOR_BLACK, COLOR_MAGENTA, 0,
			    A_REVERSE },
	/* orange: the filter line has the yellow background */
	[MS_C_MEM_KERNEL] = { "mem_kernel", COLOR_BLACK, 208, 0, A_BOLD },
	[MS_C_MEM_RESERVED] = { "mem_reserved", COLOR_BLACK, COLOR_WHITE, 0,
				A_DIM },
	[MS_C_MEM_UNEXPLAINED] = { "mem_unexplained", COLOR_WHITE, COLOR_RED,
				   A_BOLD, A_REVERSE | A_BOLD },
};

static struct elem theme[MS_C_COUNT];
static bool loaded;
static attr_t attrs[MS_C_COUNT];
static char cur_name[MS_THEME_NAME] = "default";

/* Parse state: the first error is kept with its line, the rest counted. */
struct parse {
	struct ms_ini ini;
	char err[160];
	int line, nerr;
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
	if (!p->nerr++) {
		p->line = p->ini.line;
		snprintf(p->err, sizeof(p->err), "%.40s: %s", name, why);
	}
}

static int on_line(void *user, const char *section, const char *name,
		   const char *value)
{
	struct parse *p = user;
	char why[80];
	int i;

	if (!*section) {
		parse_error(p, name,
			    "outside a section (put it under [colors])");
		return 0;
	}
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

#define MAX_DIRS 7

/* The themes directories, in lookup order (themes/README.md). */
static int theme_dirs(char (*dirs)[PATH_MAX])
{
	static const char *const rel[] = { "/themes", "/../themes",
					   "/../../themes",
					   "/../share/memscope/themes" };
	const char *env = getenv("MEMSCOPE_THEMES");
	char exe[PATH_MAX];
	bool have_exe;
	int n = 0;

	if (env && *env)
		snprintf(dirs[n++], PATH_MAX, "%s", env);
	snprintf(dirs[n++], PATH_MAX, "%s", MS_THEMES_DIR);
	have_exe = exe_dir(exe, sizeof(exe));
	for (size_t i = 0; have_exe && i < sizeof(rel) / sizeof(rel[0]); i++) {
		int len = snprintf(dirs[n], PATH_MAX, "%s%s", exe, rel[i]);

		if (len > 0 && len < PATH_MAX)
			n++;
	}
	/* where make install put them (PREFIX at build time) */
	snprintf(dirs[n++], PATH_MAX, "%s/themes", MS_DATADIR);
	return n;
}

/* First existing DIR/name.theme, in the usual places. */
static bool find_theme(const char *name, char *path, size_t len)
{
	char dirs[MAX_DIRS][PATH_MAX];
	int n = theme_dirs(dirs);

	for (int i = 0; i < n; i++) {
		int l = snprintf(path, len, "%s/%s.theme", dirs[i], name);

		if (l > 0 && (size_t)l < len && !access(path, R_OK))
			return true;
	}
	return false;
}

/* "dir/light.theme" -> "light" */
static void name_of_path(const char *path, char *buf, size_t len)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 6 && !strcmp(base + n - 6, ".theme"))
		n -= 6;
	snprintf(buf, len, "%.*s", (int)n, base);
}

static void use_default(void)
{
	memcpy(theme, builtin, sizeof(theme));
	snprintf(cur_name, sizeof(cur_name), "default");
}

static int parse_file(const char *path, char *err, size_t errlen)
{
	struct parse p = { 0 };
	int line, e;

	p.ini.f = fopen(path, "r");
	if (!p.ini.f) {
		e = errno;
		snprintf(err, errlen, "theme %.100s: %s; default theme used",
			 path, strerror(e));
		return -e;
	}
	line = ms_ini_parse(&p.ini, on_line, &p);
	e = ferror(p.ini.f) ? (errno ? errno : EIO) : 0; /* EISDIR */
	fclose(p.ini.f);
	if (e) {
		snprintf(err, errlen, "theme %.100s: %s; default theme used",
			 path, strerror(e));
		return -e;
	}
	if (!line)
		return 0;
	if (line > 0 && (!p.nerr || line < p.line))
		snprintf(err, errlen,
			 "theme %.80s:%d: not 'element = fg bg [attr...]'; "
			 "default theme used",
			 path, line);
	else if (p.nerr > 1)
		snprintf(err, errlen,
			 "theme %.80s:%d: %s (and %d more); default theme used",
			 path, p.line, p.err, p.nerr - 1);
	else
		snprintf(err, errlen, "theme %.80s:%d: %s; default theme used",
			 path, p.line, p.err);
	return line < 0 ? -ENOMEM : -EINVAL;
}

int ms_theme_load(const char *name, char *err, size_t errlen)
{
	char path[PATH_MAX];
	int r;

	use_default();
	loaded = true;
	err[0] = '\0';
	if (!name || !*name)
		name = "default";
	if (strchr(name, '/')) {
		snprintf(path, sizeof(path), "%s", name);
	} else if (!find_theme(name, path, sizeof(path))) {
		snprintf(err, errlen,
			 "theme %.64s not found (themes/README.md); "
			 "default theme used",
			 name);
		return -ENOENT;
	}
	r = parse_file(path, err, errlen);
	if (r) {
		use_default();
		return r;
	}
	name_of_path(path, cur_name, sizeof(cur_name));
	return 0;
}

const char *ms_theme_name(void)
{
	return cur_name;
}

/* Whether d_name is NAME.theme with a usable NAME; name gets it. */
static bool theme_file(const char *d_name, char *name, size_t len)
{
	size_t n = strlen(d_name);

	if (n <= 6 || n - 6 >= len || strcmp(d_name + n - 6, ".theme") ||
	    d_name[0] == '.')
		return false;
	snprintf(name, len, "%.*s", (int)(n - 6), d_name);
	return true;
}

/* The smallest name in dir after cur (or the smallest of all) into best. */
static void scan_dir(const char *dir, const char *cur, char *best, char *first)
{
	char name[MS_THEME_NAME];
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((de = readdir(d))) {
		if (!theme_file(de->d_name, name, sizeof(name)))
			continue;
		if (!first[0] || strcmp(name, first) < 0)
			snprintf(first, MS_THEME_NAME, "%s", name);
		if (strcmp(name, cur) > 0 &&
		    (!best[0] || strcmp(name, best) < 0))
			snprintf(best, MS_THEME_NAME, "%s", name);
	}
	closedir(d);
}

int ms_theme_next(const char *cur, char *buf, size_t len)
{
	char dirs[MAX_DIRS][PATH_MAX];
	char best[MS_THEME_NAME] = "", first[MS_THEME_NAME] = "";
	int n = theme_dirs(dirs);

	for (int i = 0; i < n; i++)
		scan_dir(dirs[i], cur ? cur : "", best, first);
	if (!first[0])
		return -ENOENT;
	snprintf(buf, len, "%s", best[0] ? best : first);
	return 0;
}

/* xterm's default palette: the 16 basic colours. */
static const unsigned char basic_rgb[16][3] = {
	{ 0, 0, 0 },	   { 205, 0, 0 },   { 0, 205, 0 },   { 205, 205, 0 },
	{ 0, 0, 238 },	   { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 },
	{ 127, 127, 127 }, { 255, 0, 0 },   { 0, 255, 0 },   { 255, 255, 0 },
	{ 92, 92, 255 },   { 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
};

/* RGB of a colour of the 256-colour palette (cube 16-231, greys above). */
static void rgb_of(int c, int rgb[3])
{
	static const int level[6] = { 0, 95, 135, 175, 215, 255 };

	if (c < 16) {
		for (int i = 0; i < 3; i++)
			rgb[i] = basic_rgb[c][i];
	} else if (c < 232) {
		c -= 16;
		rgb[0] = level[c / 36];
		rgb[1] = level[c / 6 % 6];
		rgb[2] = level[c % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (c - 232);
	}
}

/* Black, white and the two greys: the only match for a grey. */
static bool is_grey(int c)
{
	return c == 0 || c == 7 || c == 8 || c == 15;
}

/*
 * The nearest of the first n basic colours (RGB distance); a grey stays
 * a grey (mid grey is nearer xterm's yellow than its white).
 */
static short nearest(int c, int n)
{
	int rgb[3], best = 0;
	long dist = -1;
	bool grey;

	rgb_of(c, rgb);
	grey = rgb[0] == rgb[1] && rgb[1] == rgb[2];
	for (int i = 0; i < n; i++) {
		long d = 0;

		if (grey && !is_grey(i))
			continue;

		for (int k = 0; k < 3; k++)
			d += (long)(rgb[k] - basic_rgb[i][k]) *
			     (rgb[k] - basic_rgb[i][k]);
		if (dist < 0 || d < dist) {
			dist = d;
			best = i;
		}
	}
	return (short)best;
}

short ms_color_fit(short c, int ncolors, bool *bold)
{
	*bold = false;
	if (c < 0 || c < ncolors)
		return c;
	if (ncolors < 8)
		return DEF;
	if (c >= 16)
		c = nearest(c, ncolors >= 16 ? 16 : 8);
	if (c >= ncolors && c < 16) {
		*bold = true;
		c -= 8;
	}
	return c;
}

/* The attribute without colours: the theme's own if it uses none. */
static attr_t mono_attr(int i)
{
	const struct elem *e = &theme[i];

	if (e->fg == DEF && e->bg == DEF)
		return e->attrs;
	return builtin[i].mono | e->attrs;
}

/* Colours on (start_color() is a no-op the second time); defaults too? */
static bool start_colors(bool *defaults)
{
	if (start_color() != OK)
		return false;
	*defaults = use_default_colors() == OK;
	return true;
}

void ms_theme_apply(bool color)
{
	bool defaults = false;

	if (!loaded) {
		use_default();
		loaded = true;
	}
	if (color && !start_colors(&defaults))
		color = false;
	for (int i = 0; i < MS_C_COUNT; i++) {
		const struct elem *e = &theme[i];
		bool bright, unused;
		short fg = ms_color_fit(e->fg, COLORS, &bright);
		short bg = ms_color_fit(e->bg, COLORS, &unused);

		if (!color || i + 1 >= COLOR_PAIRS) {
			attrs[i] = mono_attr(i);
			continue;
		}
		if (!defaults) {
			fg = fg < 0 ? COLOR_WHITE : fg;
			bg = bg < 0 ? COLOR_BLACK : bg;
		}
		init_pair((short)(i + 1), fg, bg);
		attrs[i] = COLOR_PAIR(i + 1) | e->attrs | (bright ? A_BOLD : 0);
	}
	/* text drawn without an element of its own, and erased cells */
	if (stdscr)
		bkgdset(' ' | attrs[MS_C_NORMAL]);
}

void ms_theme_get(enum ms_color c, short *fg, short *bg, attr_t *a)
{
	if (!loaded) {
		use_default();
		loaded = true;
	}
	*fg = theme[c].fg;
	*bg = theme[c].bg;
	*a = theme[c].attrs;
}

attr_t ms_attr(enum ms_color c)
{
	return c < MS_C_COUNT ? attrs[c] : A_NORMAL;
}
