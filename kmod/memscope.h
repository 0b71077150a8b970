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
extern const struct proc_ops ms_maple_ops;
extern const struct proc_ops ms_probe_ops;
extern const struct proc_ops ms_bench_ops;

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

int ms_cmd_read(struct ms_cmd *cmd, const char __user *ubuf, size_t len,
		size_t max);
int ms_cmd_u32(const char *word, u32 max, u32 *out);

/* One timed alloc_pages + __free_pages; nid NUMA_NO_NODE for any node. */
bool ms_alloc_try(unsigned int order, int nid, u64 *ns, int *page_nid);

void ms_maple_exit(void);

#endif /* MEMSCOPE_H */
