// SPDX-License-Identifier: GPL-2.0
/*
 * alloc_probe.c - /proc/memscope/alloc_probe: "order N [count C] [node M]"
 * tries alloc_pages and frees at once; reads show success and latency.
 */
#include "memscope.h"

#include <linux/gfp.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/nodemask.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

struct ms_probe_result {
	u64 seq; /* 0: none yet */
	u32 order, count, ok;
	int node; /* NUMA_NO_NODE: any */
	struct {
		u64 ns;
		int nid; /* -1 on failure */
	} at[MS_KMOD_PROBE_MAX_COUNT];
};

struct ms_probe_file {
	struct mutex lock; /* res */
	struct ms_probe_result res;
};

/* Serialises probes; guards the rate window and the last result. */
static DEFINE_MUTEX(ms_probe_lock);
static struct ms_probe_result ms_probe_last;
static u64 ms_probe_seq;
static unsigned long ms_probe_window;
static unsigned int ms_probe_used;

bool ms_alloc_try(unsigned int order, int nid, u64 *ns, int *page_nid)
{
	struct page *page;
	u64 t0;

	t0 = ktime_get_ns();
	if (nid == NUMA_NO_NODE)
		page = alloc_pages(MS_GFP_TRY, order);
	else
		page = alloc_pages_node(nid, MS_GFP_TRY | __GFP_THISNODE,
					order);
	*ns = ktime_get_ns() - t0;
	if (!page) {
		*page_nid = -1;
		return false;
	}
	*page_nid = page_to_nid(page);
	__free_pages(page, order);
	return true;
}

/* One "count C" or "node M" pair; each may come once (@seen). */
static int ms_probe_opt(struct ms_probe_result *r, const char *key,
			const char *val, unsigned int *seen)
{
	u32 v;

	if (!strcmp(key, MS_KMOD_W_COUNT) && !(*seen & 1)) {
		*seen |= 1;
		if (ms_cmd_u32(val, MS_KMOD_PROBE_MAX_COUNT, &v) || !v)
			return -EINVAL;
		r->count = v;
		return 0;
	}
	if (!strcmp(key, MS_KMOD_W_NODE) && !(*seen & 2)) {
		*seen |= 2;
		if (ms_cmd_u32(val, MAX_NUMNODES - 1, &v) || !node_online(v))
			return -EINVAL;
		r->node = v;
		return 0;
	}
	return -EINVAL;
}

/* "order N [count C] [node M]" into @r; -EINVAL on anything else. */
static int ms_probe_parse(struct ms_cmd *cmd, struct ms_probe_result *r)
{
	unsigned int i, seen = 0;

	if (cmd->n % 2 || strcmp(cmd->word[0], MS_KMOD_W_ORDER) ||
	    ms_cmd_u32(cmd->word[1], MS_MAX_ORDER, &r->order))
		return -EINVAL;
	r->count = 1;
	r->node = NUMA_NO_NODE;
	for (i = 2; i < cmd->n; i += 2)
		if (ms_probe_opt(r, cmd->word[i], cmd->word[i + 1], &seen))
			return -EINVAL;
	return 0;
}

/* Take @count attempts from this second's budget; caller holds the lock. */
static int ms_probe_budget(unsigned int count)
{
	if (time_after_eq(jiffies, ms_probe_window + HZ) || !ms_probe_window) {
		ms_probe_window = jiffies;
		ms_probe_used = 0;
	}
	if (ms_probe_used + count > MS_KMOD_PROBE_PER_SEC)
		return -EBUSY;
	ms_probe_used += count;
	return 0;
}

static void ms_probe_run(struct ms_probe_result *r)
{
	unsigned int i;

	r->ok = 0;
	for (i = 0; i < r->count; i++) {
		if (ms_alloc_try(r->order, r->node, &r->at[i].ns,
				 &r->at[i].nid))
			r->ok++;
		cond_resched();
	}
}

static ssize_t ms_probe_write(struct file *file, const char __user *ubuf,
			      size_t len, loff_t *ppos)
{
	struct ms_probe_file *f = ms_file_private(file);
	struct ms_probe_result *r;
	struct ms_cmd cmd;
	int err;

	err = ms_cmd_read(&cmd, ubuf, len, MS_KMOD_CMD_MAX);
	if (err)
		return err;
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	err = ms_probe_parse(&cmd, r);
	if (err)
		goto out;
	err = mutex_lock_killable(&ms_probe_lock);
	if (err)
		goto out;
	err = ms_probe_budget(r->count);
	if (!err) {
		ms_probe_run(r);
		r->seq = ++ms_probe_seq;
		ms_probe_last = *r;
	}
	mutex_unlock(&ms_probe_lock);
	if (!err) {
		mutex_lock(&f->lock);
		f->res = *r;
		mutex_unlock(&f->lock);
	}
out:
	kfree(r);
	return err ? err : len;
}

static void ms_probe_print(struct seq_file *m, const struct ms_probe_result *r)
{
	u32 i;

	if (!r->seq) {
		seq_puts(m, "probe none\n");
		return;
	}
	seq_printf(m, "probe %llu\norder %u\ncount %u\n", r->seq, r->order,
		   r->count);
	if (r->node == NUMA_NO_NODE)
		seq_puts(m, "node any\n");
	else
		seq_printf(m, "node %d\n", r->node);
	seq_printf(m, "ok %u\nfail %u\n", r->ok, r->count - r->ok);
	for (i = 0; i < r->count; i++)
		seq_printf(m, "attempt %u %s %llu %d\n", i,
			   r->at[i].nid >= 0 ? "ok" : "fail", r->at[i].ns,
			   r->at[i].nid);
}

static int ms_probe_show(struct seq_file *m, void *v)
{
	struct ms_probe_file *f = m->private;

	seq_puts(m, MS_KMOD_FMT_PROBE "\n");
	seq_printf(m, "max_order %u\nmax_count %u\nattempts_per_sec %u\n",
		   MS_MAX_ORDER, MS_KMOD_PROBE_MAX_COUNT,
		   MS_KMOD_PROBE_PER_SEC);
	mutex_lock(&f->lock);
	if (f->res.seq) {
		ms_probe_print(m, &f->res);
		mutex_unlock(&f->lock);
	} else {
		mutex_unlock(&f->lock);
		mutex_lock(&ms_probe_lock);
		ms_probe_print(m, &ms_probe_last);
		mutex_unlock(&ms_probe_lock);
	}
	seq_puts(m, "end\n");
	return 0;
}

static int ms_probe_open(struct inode *inode, struct file *file)
{
	struct ms_probe_file *f;
	int err;

	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	mutex_init(&f->lock);
	err = single_open(file, ms_probe_show, f);
	if (err)
		kfree(f);
	return err;
}

static int ms_probe_release(struct inode *inode, struct file *file)
{
	struct ms_probe_file *f = ms_file_private(file);

	mutex_destroy(&f->lock);
	kfree(f);
	return single_release(inode, file);
}

const struct proc_ops ms_probe_ops = {
	.proc_open = ms_probe_open,
	.proc_read_iter = seq_read_iter,
	.proc_write = ms_probe_write,
	.proc_lseek = seq_lseek,
	.proc_release = ms_probe_release,
};
