/* SPDX-License-Identifier: GPL-2.0 */
/* The config file (docs/config.md) and the ini reader it shares with themes. */
#ifndef MS_CONFIG_H
#define MS_CONFIG_H

#include <ini.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "app/opts.h"

/*
 * ini_parse_stream over f that keeps the number of the line being parsed
 * in line, so a handler can name it in its message. Returns what inih
 * does: 0, or the first line it or a handler rejected. After a read
 * error (ferror(ini->f)), errno says which.
 */
struct ms_ini {
	FILE *f;
	int line;
};
int ms_ini_parse(struct ms_ini *ini, ini_handler handler, void *user);

/* What a config file sets; unset values are "" / NAN / -1. */
struct ms_config {
	char theme[256];
	double delay; /* seconds between samples */
	char tab[16]; /* buddy|slab|vma|reclaim|numa */
	int ascii; /* 0, 1, or -1 */
	int mouse; /* 0, 1, or -1 */
};

/*
 * The config file to read: $MEMSCOPE_CONFIG if set (explicit: a missing
 * file is an error), else $XDG_CONFIG_HOME/memscope/config, else
 * ~/.config/memscope/config. Returns false when none can be named.
 */
bool ms_config_path(char *buf, size_t len, bool *explicit_path);

/*
 * Read path into c. Returns 0; -ENOENT when the file does not exist;
 * -errno when it cannot be read; -EINVAL for a bad line. On any error c
 * is left all unset (memscope starts with its built-in defaults) and err
 * says why, naming the file (and the line).
 */
int ms_config_load(struct ms_config *c, const char *path, char *err,
		   size_t errlen);

/*
 * Find and read the config file: 0 when it was read, or when there is
 * none at the default place (no file, or a directory this user cannot
 * search, as root's HOME after setpriv or sudo -u); otherwise what
 * ms_config_load() says, with c all unset and the reason in err.
 */
int ms_config_find(struct ms_config *c, char *err, size_t errlen);

/* Copy what c sets into o; the command line is parsed over it after. */
void ms_config_apply(const struct ms_config *c, struct ms_opts *o);

#endif
