/* SPDX-License-Identifier: GPL-2.0 */
/* Pure parsers of the Slab area: text in, snapshot structs out, no I/O. */
#ifndef MS_PROCFS_SLAB_H
#define MS_PROCFS_SLAB_H

#include "model/snapshot.h"

#include <stddef.h>

/*
 * Parse /proc/slabinfo (len bytes, need not be NUL-terminated) into
 * s->caches, replacing what was there. Lines that do not parse are
 * skipped and counted in *skipped. Returns 0, or -errno with a reason
 * in why (unknown version, unexpected columns, nothing readable).
 */
int ms_slabinfo_parse(const char *text, size_t len, struct ms_slab *s,
		      int *skipped, char *why, size_t whylen);

/*
 * Parse a SLUB sysfs count: "30 N0=28 N1=2", "3", or per cpu
 * "255(3) C0=85(1) C1=170(2)". Unknown tokens are ignored; at most
 * MS_MAX_NODES items are kept. Returns 0, or -EINVAL (total is MS_NA).
 */
int ms_nodecount_parse(const char *text, size_t len, struct ms_nodecount *nc);

/*
 * NULL when name can be used as one entry below sys/kernel/slab, else
 * why not (empty, too long, '/', "..").
 */
const char *ms_slab_name_check(const char *name);

#endif
