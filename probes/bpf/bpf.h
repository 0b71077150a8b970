/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The BPF backend's insides: a group is one skeleton whose programs are
 * loaded and attached together, lazily, while samples ask for its sections.
 */
#ifndef MS_BPF_H
#define MS_BPF_H

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "probes/probe.h"

#define MS_BPF_LINGER 5.0 /* seconds a group stays attached unasked */
/*
 * The kernel's run-time statistics cost two clock reads per program run:
 * memscope turns them on for one sample interval every this many seconds
 * and shows the rates of the last such window.
 */
#define MS_BPF_STATS_EVERY 10.0
#define MS_BPF_MAX_DEFS 16 /* programs (twin pairs) per group */
#define MS_BPF_MAX_LINKS 32

struct ms_bpf_group;

/*
 * A program and the fields (group-defined bits) it feeds: one that fails
 * to load or attach turns off only those. name is the base name; the
 * object holds name_btf and name_raw (MS_TWIN) and one of them is loaded.
 */
struct ms_bpf_prog_def {
	const char *name;
	unsigned int fields;
	/* optional: false when this kernel gets an alternative program */
	bool (*wanted)(const struct btf *vmlinux);
};

struct ms_bpf_group_ops {
	const char *name; /* "buddy": listed in bpf.groups */
	unsigned int sections; /* MS_SEC_BIT()s it feeds */
	/*
	 * Its programs leave memscope's own events out (ms_own() in
	 * common.bpf.h) unless the request says include_self: self.c.
	 */
	bool own;
	const struct ms_bpf_prog_def *progs; /* ends with a NULL name */
	/* the skeleton's functions (MS_BPF_SKEL, MS_BPF_SKEL_OPS) */
	void *(*open)(const struct btf *vmlinux);
	int (*load)(void *skel);
	struct bpf_object *(*object)(void *skel);
	void (*destroy)(void *skel);
	/*
	 * Optional, before load: rodata from the kernel's BTF. After a
	 * successful attach, init() sets up g->priv; fini() frees it.
	 */
	int (*configure)(struct ms_bpf_group *g, void *skel,
			 const struct btf *vmlinux);
	int (*init)(struct ms_bpf_group *g, const struct btf *vmlinux);
	void (*fini)(struct ms_bpf_group *g);
	/* Counters into the snapshot; rates against the previous read. */
	int (*read)(struct ms_bpf_group *g, const struct ms_request *req,
		    struct ms_snapshot *s);
};

/* Wrappers of a bpftool skeleton `x` for struct ms_bpf_group_ops. */
#define MS_BPF_SKEL(x)                                \
	static void *x##_open(const struct btf *btf)  \
	{                                             \
		(void)btf;                            \
		return x##__open();                   \
	}                                             \
	static int x##_load(void *s)                  \
	{                                             \
		return x##__load(s);                  \
	}                                             \
	static struct bpf_object *x##_object(void *s) \
	{                                             \
		return ((struct x *)s)->obj;          \
	}                                             \
	static void x##_destroy(void *s)              \
	{                                             \
		x##__destroy(s);                      \
	}

/* ...and their four entries in a struct ms_bpf_group_ops initializer. */
#define MS_BPF_SKEL_OPS(x)                                        \
	.open = x##_open, .load = x##_load, .object = x##_object, \
	.destroy = x##_destroy

struct ms_bpf_prog_state {
	bool btf_failed; /* tp_btf refused: use the raw_tp twin */
	bool off; /* neither twin runs */
	bool single; /* fentry/fexit: no raw_tp twin */
	char why[96];
};

struct ms_bpf_group {
	const struct ms_bpf_group_ops *ops;
	const struct ms_root *root; /* for proc/kallsyms */
	void *skel; /* NULL while not attached */
	void *priv;
	bool failed; /* could not start: why says why */
	char why[128];
	double asked; /* t_mono of the last sample that asked */
	unsigned int fields; /* fed by attached programs */
	struct ms_bpf_prog_state st[MS_BPF_MAX_DEFS];
	int nr_links;
	struct bpf_link *links[MS_BPF_MAX_LINKS];
	/* the tgid its ms_self map leaves out now (self.c), valid if set */
	unsigned int self_tgid;
	bool self_set;
	bool self_include; /* the last request's include_self */
	/* run-time stats at the previous read, per program */
	double stats_t;
	uint64_t stats_ns[MS_BPF_MAX_LINKS], stats_cnt[MS_BPF_MAX_LINKS];
	/* and their rates over the last measuring window, NAN before one */
	double ns_rate[MS_BPF_MAX_LINKS], cnt_rate[MS_BPF_MAX_LINKS];
};

/* Groups, in the order they are listed (probes/bpf/bpf.c). */
extern const struct ms_bpf_group_ops ms_bpf_buddy, ms_bpf_slab;
extern const struct ms_bpf_group_ops ms_bpf_faults, ms_bpf_reclaim, ms_bpf_numa;
extern const struct ms_bpf_group_ops ms_bpf_attrib, ms_bpf_pcache;

/* Test hook: the base name of a program to break on purpose, or NULL. */
extern const char *ms_bpf_fault;

/* load.c: start (open, configure, load, attach) and stop a group. */
int ms_bpf_start(struct ms_bpf_group *g, const struct btf *vmlinux);
void ms_bpf_stop(struct ms_bpf_group *g);
/* Notes for the programs of g that are off. */
void ms_bpf_notes(const struct ms_bpf_group *g, struct ms_snapshot *s);
/*
 * Run-time statistics of g's programs into s->bpf; window: the statistics
 * were on since the previous call, so its deltas are new rates.
 */
void ms_bpf_prog_stats(struct ms_bpf_group *g, struct ms_snapshot *s,
		       bool window);
/*
 * self.c: leave memscope's own events out of g's counts, or count them
 * (include), as the request says; and the events left out since attach
 * (0 for a group without ms_own()).
 */
void ms_bpf_self_set(struct ms_bpf_group *g, bool include);
uint64_t ms_bpf_self_skipped(const struct ms_bpf_group *g);

/* libbpf's messages, kept for the reasons of failures. */
void ms_bpf_log_capture(void);

/* Names of an enum's values by value, prefix stripped; returns how many. */
int ms_bpf_enum_names(const struct btf *btf, const char *enum_name,
		      const char *prefix, char (*out)[24], int max);
bool ms_bpf_has_func(const struct btf *btf, const char *name);

/* Rate of a counter between two reads, NAN without an earlier one. */
double ms_bpf_rate(uint64_t cur, uint64_t prev, double dt);
/* Nodes to count for: one past the highest nodeN below max in sysfs, or 1. */
int ms_bpf_nr_nodes(const struct ms_root *root, int max);

#endif
