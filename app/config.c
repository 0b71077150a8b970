// SPDX-License-Identifier: GPL-2.0
/* The config file: defaults for the explorer, ini syntax read with libinih. */
#define _GNU_SOURCE
#include "app/config.h"
#include "model/area.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* fgets that counts lines for the handler's messages. */
static char *read_line(char *str, int num, void *stream)
{
	struct ms_ini *ini = stream;
	char *s = fgets(str, num, ini->f);

	if (s)
		ini->line++;
	return s;
}

int ms_ini_parse(struct ms_ini *ini, ini_handler handler, void *user)
{
	ini->line = 0;
	errno = 0; /* a read error is told by ferror() and errno */
	return ini_parse_stream(read_line, ini, handler, user);
}

/* Parse state: the first error is kept, with its line. */
struct parse {
	struct ms_ini ini;
	struct ms_config *c;
	char why[160];
	int line;
};

/* yes/no, true/false, on/off, 1/0 into *v; false when none of them. */
static bool parse_bool(const char *s, int *v)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!strcasecmp(s, yes[i]))
			return *v = 1, true;
		if (!strcasecmp(s, no[i]))
			return *v = 0, true;
	}
	return false;
}

static bool parse_delay(const char *s, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	return !errno && end != s && !*end && *v >= 0.1 && *v <= 3600;
}

static bool parse_tab(const char *s, char *buf, size_t len)
{
	const struct ms_area *a = ms_area_by_name(s);

	if (!a || a->batch_only)
		return false;
	snprintf(buf, len, "%s", s);
	return true;
}

/* The areas' tab names: "buddy, slab, ... or numa". */
static void tab_names(char *b, size_t len)
{
	const char *last = NULL;
	size_t n = 0;

	b[0] = '\0';
	for (int i = 0; ms_areas[i]; i++) {
		if (!ms_areas[i]->name || ms_areas[i]->batch_only)
			continue;
		if (last && n < len)
			n += (size_t)snprintf(b + n, len - n, "%s%s",
					      n ? ", " : "", last);
		last = ms_areas[i]->name;
	}
	if (last && n < len)
		snprintf(b + n, len - n, "%s%s", n ? " or " : "", last);
}

/* One "key = value"; the reason in why when it is rejected. */
static bool set_key(struct ms_config *c, const char *key, const char *value,
		    char *why, size_t len)
{
	if (!strcmp(key, "theme")) {
		if (!*value || strlen(value) >= sizeof(c->theme))
			return snprintf(why, len, "theme: empty or too long"),
			       false;
		snprintf(c->theme, sizeof(c->theme), "%s", value);
	} else if (!strcmp(key, "delay")) {
		if (!parse_delay(value, &c->delay))
			return snprintf(why, len,
					"delay: '%.32s' is not 0.1 .. 3600 "
					"seconds",
					value),
			       false;
	} else if (!strcmp(key, "tab")) {
		char names[96];

		tab_names(names, sizeof(names));
		if (!parse_tab(value, c->tab, sizeof(c->tab)))
			return snprintf(why, len, "tab: '%.32s' is not %s",
					value, names),
			       false;
	} else if (!strcmp(key, "ascii") || !strcmp(key, "mouse")) {
		if (!parse_bool(value, key[0] == 'a' ? &c->ascii : &c->mouse))
			return snprintf(why, len,
					"%s: '%.32s' is not yes or no", key,
					value),
			       false;
	} else {
		return snprintf(why, len, "unknown key '%.40s'", key), false;
	}
	return true;
}

static int on_line(void *user, const char *section, const char *name,
		   const char *value)
{
	struct parse *p = user;
	char why[160];

	if (*section && strcmp(section, "memscope"))
		snprintf(why, sizeof(why), "unknown section [%.40s]", section);
	else if (set_key(p->c, name, value, why, sizeof(why)))
		return 1;
	if (!p->line) {
		p->line = p->ini.line;
		snprintf(p->why, sizeof(p->why), "%s", why);
	}
	return 0;
}

static void unset(struct ms_config *c)
{
	*c = (struct ms_config){ .delay = NAN, .ascii = -1, .mouse = -1 };
}

int ms_config_load(struct ms_config *c, const char *path, char *err,
		   size_t errlen)
{
	struct parse p = { .c = c };
	int line, e;

	unset(c);
	err[0] = '\0';
	p.ini.f = fopen(path, "r");
	if (!p.ini.f) {
		e = errno;
		snprintf(err, errlen, "config %.200s: %s", path, strerror(e));
		return -e;
	}
	line = ms_ini_parse(&p.ini, on_line, &p);
	e = ferror(p.ini.f) ? (errno ? errno : EIO) : 0; /* EISDIR */
	fclose(p.ini.f);
	if (e) {
		unset(c);
		snprintf(err, errlen, "config %.200s: %s", path, strerror(e));
		return -e;
	}
	if (!line)
		return 0;
	unset(c);
	/* inih's own complaint (no '=', no ']') comes without a reason */
	if (line > 0 && (!p.line || line < p.line))
		snprintf(err, errlen,
			 "config %.200s:%d: not 'key = value' or [section]; "
			 "built-in defaults used",
			 path, line);
	else
		snprintf(err, errlen,
			 "config %.200s:%d: %s; built-in defaults used", path,
			 p.line, p.why);
	return line < 0 ? -ENOMEM : -EINVAL;
}

bool ms_config_path(char *buf, size_t len, bool *explicit_path)
{
	const char *env = getenv("MEMSCOPE_CONFIG");
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	int n;

	*explicit_path = env && *env;
	if (*explicit_path)
		n = snprintf(buf, len, "%s", env);
	else if (xdg && *xdg == '/') /* the spec ignores relative ones */
		n = snprintf(buf, len, "%s/memscope/config", xdg);
	else if (home && *home)
		n = snprintf(buf, len, "%s/.config/memscope/config", home);
	else
		return false;
	return n > 0 && (size_t)n < len;
}

/* Whether a failed open of the default path means "no config here". */
static bool absent(const char *path, int err)
{
	struct stat st;

	if (err == -ENOENT || err == -ENOTDIR)
		return true;
	/* a file we can see but not read is ours to report */
	return err == -EACCES && stat(path, &st);
}

int ms_config_find(struct ms_config *c, char *err, size_t errlen)
{
	char path[PATH_MAX];
	bool explicit_path;
	int r;

	unset(c);
	err[0] = '\0';
	if (!ms_config_path(path, sizeof(path), &explicit_path))
		return 0;
	r = ms_config_load(c, path, err, errlen);
	if (r && !explicit_path && absent(path, r)) {
		err[0] = '\0';
		return 0;
	}
	return r;
}

void ms_config_apply(const struct ms_config *c, struct ms_opts *o)
{
	if (c->theme[0])
		o->theme = c->theme;
	if (!isnan(c->delay))
		o->interval = c->delay;
	if (c->tab[0])
		o->tab = c->tab;
	if (c->ascii >= 0)
		o->ascii = c->ascii;
	if (c->mouse >= 0)
		o->no_mouse = !c->mouse;
}
