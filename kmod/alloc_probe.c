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
	u32 order, count, ok;
	int node; /* NUMA_NO_NODE: any */
	struct {
		u64 ns;
		int nid; /* -1 on failure */
	} at[MS_KMOD_PROBE_MAX_COUNT];
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

/* "order N [count C] [node M]" into @res; -EINVAL on anything else. */
static int ms_probe_parse(struct ms_cmd *cmd, void *res)
{
	struct ms_probe_result *r = res;
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

/* Within the budget, the attempts; ms_probe_lock held. */
static int ms_probe_run(void *res)
{
	struct ms_probe_result *r = res;
	unsigned int i;
	int err = ms_probe_budget(r->count);

	if (err)
		return err;
	r->ok = 0;
	for (i = 0; i < r->count; i++) {
		if (ms_alloc_try(r->order, r->node, &r->at[i].ns,
				 &r->at[i].nid))
			r->ok++;
		cond_resched();
	}
	return 0;
}

static void ms_probe_print(struct seq_file *m, u64 seq, const void *res)
{
	const struct ms_probe_result *r = res;
	u32 i;

	if (!seq) {
		seq_puts(m, "probe none\n");
		return;
	}
	seq_printf(m, "probe %llu\norder %u\ncount %u\n", seq, r->order,
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

static void ms_probe_limits(struct seq_file *m)
{
	seq_printf(m, "max_order %u\nmax_count %u\nattempts_per_sec %u\n",
		   MS_MAX_ORDER, MS_KMOD_PROBE_MAX_COUNT,
		   MS_KMOD_PROBE_PER_SEC);
}

const struct ms_action ms_probe_action = {
	.fmt = MS_KMOD_FMT_PROBE,
	.size = sizeof(struct ms_probe_result),
	.lock = &ms_probe_lock,
	.last = &ms_probe_last,
	.seq = &ms_probe_seq,
	.parse = ms_probe_parse,
	.run = ms_probe_run,
	.limits = ms_probe_limits,
	.print = ms_probe_print,
};
