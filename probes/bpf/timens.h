/* SPDX-License-Identifier: GPL-2.0 */
/*
 * This process's time namespace offsets (proc/self/timens_offsets): BPF
 * stamps events with the kernel's own CLOCK_MONOTONIC, memscope's clocks
 * inside a time namespace (a container) are shifted from it.
 */
#ifndef MS_TIMENS_H
#define MS_TIMENS_H

#include <stdint.h>

#include "probes/root.h"

/* Our clock = the kernel's + offset, in nanoseconds. */
struct ms_timens {
	int64_t mono_ns; /* CLOCK_MONOTONIC: bpf_ktime_get_ns() */
	int64_t boot_ns; /* CLOCK_BOOTTIME: bpf_ktime_get_boot_ns() */
};

/*
 * Parse the file's text, lines of "<clock> <seconds> <nanoseconds>" with
 * the clock "monotonic"/"boottime" or its id (1/7). 0, or -EINVAL (and
 * offsets 0) for anything else or without a monotonic line.
 */
int ms_timens_parse(struct ms_timens *t, const char *text);

/*
 * Read proc/self/timens_offsets through the root. A kernel without time
 * namespaces has no such file: offsets 0 and 0. Else -errno, offsets 0.
 */
int ms_timens_load(struct ms_timens *t, const struct ms_root *r);

/* A bpf_ktime_get_ns() stamp as seconds of this process's CLOCK_MONOTONIC. */
static inline double ms_timens_mono(const struct ms_timens *t, uint64_t ktime)
{
	return ((double)ktime + (double)t->mono_ns) / 1e9;
}

#endif
