/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure parsers of /proc/buddyinfo, /proc/pagetypeinfo and /proc/zoneinfo:
 * text in, zones of a struct ms_buddy out (matched by node and zone name).
 */
#ifndef MS_PROCFS_BUDDY_H
#define MS_PROCFS_BUDDY_H

#include "model/snapshot.h"

#include <stddef.h>

/*
 * Each reads exactly len bytes of text (no NUL needed), adds or updates
 * zones of b, and returns 0, or -EINVAL (unknown or truncated format),
 * -ENODATA (no zone at all), -E2BIG (more than we can hold) or -ENOMEM,
 * with the reason in why. On error b may hold part of the file: callers
 * drop what the failed parser added (see ms_procfs_buddy()).
 */
int ms_parse_buddyinfo(const char *text, size_t len, struct ms_buddy *b,
		       char *why, size_t whylen);
int ms_parse_pagetypeinfo(const char *text, size_t len, struct ms_buddy *b,
			  char *why, size_t whylen);
int ms_parse_zoneinfo(const char *text, size_t len, struct ms_buddy *b,
		      char *why, size_t whylen);

#endif
