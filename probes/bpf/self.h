/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memscope's own activity: the tgid whose events the slab and buddy
 * programs leave out (its own /proc reads would dominate names_cache and
 * filp on an idle machine), and how many they left out. One map per
 * group, "ms_self", written by self.c, read by common.bpf.h's ms_own().
 */
#ifndef MS_BPF_SELF_H
#define MS_BPF_SELF_H

struct ms_self {
	__u32 tgid; /* left out; 0: count every process */
	__u32 pad;
	__u64 skipped; /* events left out since attach */
};

#endif
