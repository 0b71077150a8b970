/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every area of the model shares: the not-available value and the
 * bounds of the fixed-size arrays.
 */
#ifndef MS_MODEL_BASE_H
#define MS_MODEL_BASE_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* "Could not be read": shown as absent/null, never as a made-up 0. */
#define MS_NA UINT64_MAX
#define ms_have(v) ((v) != MS_NA)

/* A count as a double for arithmetic: NAN (shown "-") when not available. */
static inline double ms_dbl(uint64_t v)
{
	return ms_have(v) ? (double)v : NAN;
}

#define MS_MAX_ORDER 16 /* orders per zone we can hold (x86: 11) */
#define MS_MAX_MIGRATE 8 /* migrate types in pagetypeinfo */
#define MS_MAX_NODES 64 /* NUMA nodes we show */
#define MS_MAX_PROT 8 /* entries of zoneinfo "protection:" */
#define MS_NAME 64 /* slab cache names, comm, zone names fit */
#define MS_USER 33 /* a user name (32 bytes, useradd's limit) */
#define MS_CMDLINE 256 /* a command line, its first 255 bytes */
/*
 * A memory cgroup's path from its hierarchy's root (v2, or v1's memory
 * hierarchy; "/" the root), raw bytes (escape to show), its first 255: a
 * process's; an event's as the kernel named it when the event came, "/..."
 * in front of the deepest 16 levels of a deeper one
 */
#define MS_CG_PATH 256
#define MS_VMA_NODES 8 /* per-VMA numa_maps node entries kept */

/* A name/value counter, as in /proc/vmstat or /proc/meminfo. */
struct ms_kv {
	char name[48];
	uint64_t value;
	double rate; /* per second, NAN until two samples */
	bool reset; /* a counter went down since the last sample: no rate */
};

struct ms_kvlist {
	struct ms_kv *v;
	int n, cap;
};

#endif
