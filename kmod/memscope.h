/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memscope.h - what the files of memscope.ko share: log prefix, the proc
 * operations and the command parser; its interface is in uapi/memscope.h.
 */
#ifndef MEMSCOPE_H
#define MEMSCOPE_H

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/types.h>

#include "compat.h"
#include "uapi/memscope.h"

/* The alloc probe, the self-test and the slab benchmark: fail, never retry. */
#define MS_GFP_TRY (GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN)

extern const struct proc_ops ms_buddy_ops;
extern const struct proc_ops ms_buddy_status_ops;
extern const struct proc_ops ms_pageblocks_ops;
extern const struct proc_ops ms_maple_ops;
extern const struct proc_ops ms_action_ops;

/* Words of a command written to one of our files, split in place. */
struct ms_cmd {
	char buf[MS_KMOD_CMD_MAX + 1];
	char *word[8];
	unsigned int n;
};

/* The per-open-file state of our seq_file based files. */
static inline void *ms_file_private(struct file *file)
{
	return ((struct seq_file *)file->private_data)->private;
}

/*
 * The @n-th populated zone of the online nodes, in node and zone order; NULL
 * past the last, with *@total set to the number of populated zones.
 */
struct zone *ms_zone_at(loff_t n, loff_t *total);
/* @prefix and migrate type @t's name; one added since prints as UnknownN. */
void ms_put_type(struct seq_file *m, const char *prefix, unsigned int t);

int ms_cmd_read(struct ms_cmd *cmd, const char __user *ubuf, size_t len,
		size_t max);
int ms_cmd_u32(const char *word, u32 max, u32 *out);

/*
 * A file that runs a command (action.c, ms_action_ops; the action is the
 * proc entry's data). A write is parsed into a zeroed result of size bytes
 * and run, one run at a time under *lock; a read shows the version line,
 * the limits, the result of the last successful write on the same open
 * file or else the last of any writer (*last, number *seq), and "end".
 */
struct ms_action {
	const char *fmt; /* the version line */
	size_t size;
	struct mutex *lock; /* serialises runs; guards *last and *seq */
	void *last;
	u64 *seq; /* successful runs so far: the last one's number */
	int (*parse)(struct ms_cmd *cmd, void *res); /* -EINVAL: refused */
	int (*run)(void *res); /* *lock held */
	void (*limits)(struct seq_file *m);
	void (*print)(struct seq_file *m, u64 seq,
		      const void *res); /* 0: none */
};

extern const struct ms_action ms_probe_action;
extern const struct ms_action ms_bench_action;

/* One timed alloc_pages + __free_pages; nid NUMA_NO_NODE for any node. */
bool ms_alloc_try(unsigned int order, int nid, u64 *ns, int *page_nid);

void ms_maple_exit(void);

#endif /* MEMSCOPE_H */
