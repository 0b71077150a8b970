/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interface of memscope.ko (docs/kmod.md) for both of its sides: the
 * module (kmod/) and its reader (probes/kmod). Macros only, so that kernel
 * and user space can include it: file names, formats, commands, bounds.
 */
#ifndef MEMSCOPE_UAPI_H
#define MEMSCOPE_UAPI_H

/* The files: /proc/MS_KMOD_DIR/NAME, and the chapter's /proc/buddy_status. */
#define MS_KMOD_DIR "memscope"
#define MS_KMOD_FILE_BUDDY "buddy"
#define MS_KMOD_FILE_PAGEBLOCKS "pageblocks"
#define MS_KMOD_FILE_MAPLE "maple"
#define MS_KMOD_FILE_PROBE "alloc_probe"
#define MS_KMOD_FILE_BENCH "slab_bench"
#define MS_KMOD_FILE_BUDDY_STATUS "buddy_status"

/*
 * The first line of each file is "NAME VERSION": bump the version when a
 * line described in docs/kmod.md changes so that a parser would break.
 */
#define MS_KMOD_V_BUDDY "1"
#define MS_KMOD_V_BUDDY_STATUS "1"
#define MS_KMOD_V_PAGEBLOCKS "2" /* 2: the map lines */
#define MS_KMOD_V_MAPLE "1"
#define MS_KMOD_V_PROBE "1"
#define MS_KMOD_V_BENCH "1"

#define MS_KMOD_FMT_BUDDY "memscope-buddy " MS_KMOD_V_BUDDY
#define MS_KMOD_FMT_BUDDY_STATUS "memscope-buddy-status " MS_KMOD_V_BUDDY_STATUS
#define MS_KMOD_FMT_PAGEBLOCKS "memscope-pageblocks " MS_KMOD_V_PAGEBLOCKS
#define MS_KMOD_FMT_MAPLE "memscope-maple " MS_KMOD_V_MAPLE
#define MS_KMOD_FMT_PROBE "memscope-alloc-probe " MS_KMOD_V_PROBE
#define MS_KMOD_FMT_BENCH "memscope-slab-bench " MS_KMOD_V_BENCH

/*
 * Commands: one write() each, words split at spaces, at most this many
 * bytes with the trailing newline (maple takes a PID and less).
 */
#define MS_KMOD_CMD_MAX 63
#define MS_KMOD_MAPLE_CMD_MAX 32

/* The words of the commands: "order N [count C] [node M]", "size S count C". */
#define MS_KMOD_W_ORDER "order"
#define MS_KMOD_W_COUNT "count"
#define MS_KMOD_W_NODE "node"
#define MS_KMOD_W_SIZE "size"

/* alloc_probe: attempts per command, and per second for all writers (EBUSY). */
#define MS_KMOD_PROBE_MAX_COUNT 64
#define MS_KMOD_PROBE_PER_SEC 256

/* slab_bench: object size, objects, and size x count (bytes). */
#define MS_KMOD_BENCH_MAX_SIZE 65536
#define MS_KMOD_BENCH_MAX_COUNT 100000
#define MS_KMOD_BENCH_MAX_BYTES (64UL << 20)

/*
 * maple: a larger tree is dumped up to these and says "truncated 1" (the
 * module's copy: about 2.5 + 12 MiB of vmalloc at most).
 */
#define MS_KMOD_MAPLE_MAX_NODES 65536
#define MS_KMOD_MAPLE_MAX_SLOTS 262144

#endif /* MEMSCOPE_UAPI_H */
