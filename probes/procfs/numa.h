/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure parsers of the NUMA area's sysfs files: node lists ("0-1,3"),
 * node meminfo, distance and cpulist. Text in (len bytes, no NUL needed).
 */
#ifndef MS_PROCFS_NUMA_H
#define MS_PROCFS_NUMA_H

#include "model/snapshot.h"
#include "probes/procfs/kv.h"

#include <stddef.h>

#define MS_MAX_NODE_ID 65535 /* the kernel's MAX_NUMNODES is far less */

/*
 * A list like "0-1,3" (ascending, as the kernel prints it) into ids[max].
 * Returns how many ids the list names (which may exceed max: only the
 * first max are stored), or -EINVAL with e->why.
 */
int ms_nodelist_parse(const char *text, size_t len, int *ids, int max,
		      struct ms_perr *e);

/*
 * "Node 0 MemTotal:  4942036 kB" lines of node's meminfo into nd->meminfo
 * (names without "Node N "), and mem_total/free/used_kb. Lines of other
 * nodes and malformed ones are counted in e. 0 or -EINVAL / -ENOMEM.
 */
int ms_node_meminfo_parse(const char *text, size_t len, int node,
			  struct ms_numa_node *nd, struct ms_perr *e);

/*
 * "10 20 20" into nd->distance in node order. Returns how many the line
 * holds (only MS_MAX_NODES are stored), or -EINVAL with e->why.
 */
int ms_node_distance_parse(const char *text, size_t len,
			   struct ms_numa_node *nd, struct ms_perr *e);

/*
 * A cpulist copied into out[n] without its newline; when it does not
 * fit it is cut after a whole entry and ends in "...".
 */
void ms_cpulist_copy(char *out, size_t n, const char *text, size_t len);

#endif
