/* SPDX-License-Identifier: GPL-2.0 */
/*
 * /proc/allocinfo (Linux 6.10+, CONFIG_MEM_ALLOC_PROFILING): the bytes and
 * live allocations of every allocation call site, as lib/alloc_tag.c
 * writes them (format 1.0; 2.0 marks sites "accurate:no").
 */
#ifndef MS_PROCFS_ALLOCINFO_H
#define MS_PROCFS_ALLOCINFO_H

#include "model/attrib.h"
#include "model/snapshot.h"
#include "probes/procfs/kv.h"

#include <stddef.h>

/*
 * Parse text (len bytes, no NUL needed) into a, emptied first: the total,
 * the sites holding memory (the MS_ATTRIB_MAX biggest in a->v), the
 * version. Malformed lines are counted in e. 0, or -EINVAL with e->why
 * (an unknown major version, nothing readable), or -ENOMEM.
 */
int ms_allocinfo_parse(const char *text, size_t len, struct ms_attrib *a,
		       struct ms_perr *e);

#endif
