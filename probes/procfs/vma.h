/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure parsers of /proc/PID/maps, smaps and numa_maps lines: one line of
 * text in, fields of one struct ms_vma out. The reader is in vma.c.
 */
#ifndef MS_PROCFS_VMA_H
#define MS_PROCFS_VMA_H

#include "model/snapshot.h"

#include <stdbool.h>
#include <stddef.h>

/* A maps/smaps header line starts with a hex address; keys never do. */
static inline bool ms_vma_is_header(const char *line)
{
	char c = line[0];

	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

/*
 * "start-end perms offset dev inode [path]": fill v's address fields and
 * point *path at the path inside line (NULL when anonymous). The path is
 * the rest of the line after the padding, so it keeps inner and trailing
 * spaces and a " (deleted)" suffix. Return 0 or -EINVAL.
 */
int ms_vma_parse_header(const char *line, size_t len, struct ms_vma *v,
			const char **path, size_t *pathlen);

/* What a mapping is, from its path (NULL or "" for anonymous memory). */
enum ms_vma_kind ms_vma_kind_of(const char *path);

/*
 * One "Key:   N kB" (or "VmFlags: rd wr ...") line of smaps into v.
 * Return 1 when the key is one we keep, 0 when it is not (ignored), and
 * -EINVAL when it has no ':' or a kept key has no number.
 */
int ms_vma_parse_field(const char *line, size_t len, struct ms_vma *v);

/* One line of numa_maps, e.g. "7f31db0ec000 default file=/x N0=38 ...". */
struct ms_numa_line {
	uint64_t start;
	char policy[32];
	int nr_nodes; /* kept, at most MS_VMA_NODES */
	int node_id[MS_VMA_NODES];
	uint64_t node_pages[MS_VMA_NODES];
	bool truncated; /* more nodes than we keep */
};

int ms_numa_maps_parse(const char *line, size_t len, struct ms_numa_line *n);

#endif
