/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every memscope BPF program includes: kernel types, libbpf's helpers
 * and MS_TWIN, which makes the tp_btf/raw_tp pair of one tracepoint.
 */
#ifndef MS_COMMON_BPF_H
#define MS_COMMON_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "self.h"

/*
 * One handler, two programs: NAME_btf (tp_btf: typed arguments, no
 * tracefs, Linux 5.5+) and NAME_raw (raw_tp: older kernels). User space
 * loads one of the two (probes/bpf/load.c). Handlers read through pointers
 * with BPF_CORE_READ only, which works in both.
 */
#define MS_TWIN(tp, name, call, args...) \
	SEC("tp_btf/" #tp)               \
	int BPF_PROG(name##_btf, args)   \
	{                                \
		return call;             \
	}                                \
	SEC("raw_tp/" #tp)               \
	int BPF_PROG(name##_raw, args)   \
	{                                \
		return call;             \
	}

/*
 * Index arrays by masking (n a power of two), not by comparing: values
 * out of range do not occur (orders < 16, migrate types < 8), and clang
 * drops a mask that a comparison already implies, leaving the verifier
 * an index it cannot bound.
 */
#define MS_IDX(v, n) ((unsigned int)(v) & ((n)-1))

/* The one per-CPU element of a counter map, or NULL (never, in practice). */
static __always_inline void *ms_percpu(void *map)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(map, &zero);
}

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct ms_self);
} ms_self SEC(".maps");

/*
 * An event of memscope itself, while user space asks to leave those out:
 * counted as skipped, and the caller counts nothing else. A map, not a
 * const volatile, so that `I` in the explorer turns it on and off live.
 */
static __always_inline bool ms_own(void)
{
	struct ms_self *me = ms_percpu(&ms_self);

	if (!me || !me->tgid || bpf_get_current_pid_tgid() >> 32 != me->tgid)
		return false;
	__sync_fetch_and_add(&me->skipped, 1);
	return true;
}

static __always_inline __u32 ms_log2(__u64 v)
{
	__u32 r = 0;

	if (v >> 32) {
		v >>= 32;
		r += 32;
	}
	if (v >> 16) {
		v >>= 16;
		r += 16;
	}
	if (v >> 8) {
		v >>= 8;
		r += 8;
	}
	if (v >> 4) {
		v >>= 4;
		r += 4;
	}
	if (v >> 2) {
		v >>= 2;
		r += 2;
	}
	return r + (__u32)(v >> 1);
}

#endif
