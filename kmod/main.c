// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - memscope.ko: load-time allocation self-test, the /proc entries,
 * and the command parser the writable files share.
 */
#include "memscope.h"

#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <linux/uaccess.h>

static unsigned int selftest_order = 3;

static int ms_order_set(const char *val, const struct kernel_param *kp)
{
	unsigned int v;

	if (kstrtouint(val, 10, &v)) {
		pr_err("selftest_order: not a decimal number\n");
		return -EINVAL;
	}
	if (v > MS_MAX_ORDER) {
		pr_err("selftest_order: %u is not in 0..%u\n", v, MS_MAX_ORDER);
		return -EINVAL;
	}
	*(unsigned int *)kp->arg = v;
	return 0;
}

static const struct kernel_param_ops ms_order_ops = {
	.set = ms_order_set,
	.get = param_get_uint,
};

module_param_cb(selftest_order, &ms_order_ops, &selftest_order, 0444);
MODULE_PARM_DESC(selftest_order,
		 "load-time self-test allocates orders 0..N (default 3)");

static struct proc_dir_entry *ms_dir;
static struct proc_dir_entry *ms_status;

static const struct {
	const char *name;
	umode_t mode;
	const struct proc_ops *ops;
	const struct ms_action *action;
} ms_files[] = {
	{ MS_KMOD_FILE_BUDDY, 0400, &ms_buddy_ops },
	{ MS_KMOD_FILE_PAGEBLOCKS, 0400, &ms_pageblocks_ops },
	{ MS_KMOD_FILE_MAPLE, 0600, &ms_maple_ops },
	{ MS_KMOD_FILE_PROBE, 0600, &ms_action_ops, &ms_probe_action },
	{ MS_KMOD_FILE_BENCH, 0600, &ms_action_ops, &ms_bench_action },
};

/*
 * Copy a command from user space (at most @max bytes, one trailing newline
 * allowed) and split it into words at spaces. Anything but printable ASCII
 * is refused.
 */
int ms_cmd_read(struct ms_cmd *cmd, const char __user *ubuf, size_t len,
		size_t max)
{
	char *p, *w;
	size_t i;

	if (max > MS_KMOD_CMD_MAX)
		max = MS_KMOD_CMD_MAX;
	if (len == 0 || len > max)
		return -EINVAL;
	if (copy_from_user(cmd->buf, ubuf, len))
		return -EFAULT;
	cmd->buf[len] = '\0';
	if (cmd->buf[len - 1] == '\n')
		cmd->buf[--len] = '\0';
	for (i = 0; i < len; i++)
		if (!isprint(cmd->buf[i]))
			return -EINVAL;

	cmd->n = 0;
	p = cmd->buf;
	while ((w = strsep(&p, " ")) != NULL) {
		if (!*w)
			continue;
		if (cmd->n == ARRAY_SIZE(cmd->word))
			return -EINVAL;
		cmd->word[cmd->n++] = w;
	}
	return cmd->n ? 0 : -EINVAL;
}

/* A plain decimal number in 0..@max: no sign, no base prefix. */
int ms_cmd_u32(const char *word, u32 max, u32 *out)
{
	u32 v;

	if (!isdigit(word[0]) || kstrtou32(word, 10, &v) || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

static void ms_selftest(unsigned int max_order)
{
	unsigned int order;
	int nid;
	u64 ns;

	for (order = 0; order <= max_order; order++) {
		if (ms_alloc_try(order, NUMA_NO_NODE, &ns, &nid))
			pr_info("self-test order %u: ok in %llu ns\n", order,
				ns);
		else
			pr_info("self-test order %u: failed after %llu ns\n",
				order, ns);
	}
}

static void ms_remove_all(void)
{
	/* Waits for running operations and releases open files (rundown). */
	proc_remove(ms_status);
	proc_remove(ms_dir);
	ms_status = NULL;
	ms_dir = NULL;
}

static int __init ms_init(void)
{
	size_t i;

	BUILD_BUG_ON(MS_NR_ORDERS != MS_NR_ORDERS_API);

	ms_selftest(selftest_order);

	ms_dir = proc_mkdir(MS_KMOD_DIR, NULL);
	if (!ms_dir)
		return -ENOMEM;
	for (i = 0; i < ARRAY_SIZE(ms_files); i++) {
		if (!proc_create_data(ms_files[i].name, ms_files[i].mode,
				      ms_dir, ms_files[i].ops,
				      (void *)ms_files[i].action))
			goto fail;
	}
	ms_status = proc_create(MS_KMOD_FILE_BUDDY_STATUS, 0400, NULL,
				&ms_buddy_status_ops);
	if (!ms_status)
		goto fail;

	pr_info("ready (buddy " MS_KMOD_V_BUDDY
		", buddy-status " MS_KMOD_V_BUDDY_STATUS
		", pageblocks " MS_KMOD_V_PAGEBLOCKS ", maple " MS_KMOD_V_MAPLE
		", alloc-probe " MS_KMOD_V_PROBE ", slab-bench " MS_KMOD_V_BENCH
		")\n");
	return 0;
fail:
	pr_err("cannot create the /proc entries\n");
	ms_remove_all();
	ms_maple_exit();
	return -ENOMEM;
}

static void __exit ms_exit(void)
{
	ms_remove_all();
	ms_maple_exit();
	pr_info("unloaded\n");
}

module_init(ms_init);
module_exit(ms_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("memscope developers");
MODULE_DESCRIPTION("memscope: buddy allocator and maple tree views in /proc");
MODULE_VERSION("1.0");
