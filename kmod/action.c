// SPDX-License-Identifier: GPL-2.0
/*
 * action.c - the files that run a command (alloc_probe, slab_bench): a
 * write parses and runs it, a read shows its result (docs/kmod.md).
 */
#include "memscope.h"

#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>

/* One open file: its action and the result of its last successful write. */
struct ms_action_file {
	const struct ms_action *a;
	struct mutex lock; /* seq, res */
	u64 seq; /* 0: no write on this file yet */
	u64 res[]; /* a->size bytes */
};

static ssize_t ms_action_write(struct file *file, const char __user *ubuf,
			       size_t len, loff_t *ppos)
{
	struct ms_action_file *f = ms_file_private(file);
	const struct ms_action *a = f->a;
	struct ms_cmd cmd;
	u64 seq = 0;
	void *r;
	int err;

	err = ms_cmd_read(&cmd, ubuf, len, MS_KMOD_CMD_MAX);
	if (err)
		return err;
	r = kzalloc(a->size, GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	err = a->parse(&cmd, r);
	if (err)
		goto out;
	err = mutex_lock_killable(a->lock);
	if (err)
		goto out;
	err = a->run(r);
	if (!err) {
		seq = ++*a->seq;
		memcpy(a->last, r, a->size);
	}
	mutex_unlock(a->lock);
	if (!err) {
		mutex_lock(&f->lock);
		f->seq = seq;
		memcpy(f->res, r, a->size);
		mutex_unlock(&f->lock);
	}
out:
	kfree(r);
	return err ? err : len;
}

/* This file's last result if it has one, else the last of any writer. */
static int ms_action_show(struct seq_file *m, void *v)
{
	struct ms_action_file *f = m->private;
	const struct ms_action *a = f->a;

	seq_printf(m, "%s\n", a->fmt);
	a->limits(m);
	mutex_lock(&f->lock);
	if (f->seq) {
		a->print(m, f->seq, f->res);
		mutex_unlock(&f->lock);
	} else {
		mutex_unlock(&f->lock);
		mutex_lock(a->lock);
		a->print(m, *a->seq, a->last);
		mutex_unlock(a->lock);
	}
	seq_puts(m, "end\n");
	return 0;
}

static int ms_action_open(struct inode *inode, struct file *file)
{
	const struct ms_action *a = pde_data(inode);
	struct ms_action_file *f;
	int err;

	f = kzalloc(struct_size(f, res, DIV_ROUND_UP(a->size, sizeof(u64))),
		    GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	f->a = a;
	mutex_init(&f->lock);
	err = single_open(file, ms_action_show, f);
	if (err)
		kfree(f);
	return err;
}

static int ms_action_release(struct inode *inode, struct file *file)
{
	struct ms_action_file *f = ms_file_private(file);

	mutex_destroy(&f->lock);
	kfree(f);
	return single_release(inode, file);
}

const struct proc_ops ms_action_ops = {
	.proc_open = ms_action_open,
	.proc_read_iter = seq_read_iter,
	.proc_write = ms_action_write,
	.proc_lseek = seq_lseek,
	.proc_release = ms_action_release,
};
