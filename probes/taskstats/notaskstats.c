// SPDX-License-Identifier: GPL-2.0
/*
 * The taskstats backend of a build without libnl-genl-3: it only says
 * why the per-process stall delays are missing.
 */
#include <errno.h>
#include <stdio.h>

#include "probes/probe.h"

static int nots_detect(const struct ms_root *root, unsigned int *caps,
		       char *why, size_t len)
{
	*caps = MS_SEC_BIT(MS_SEC_TASK_DELAYS);
	snprintf(why, len, "not built with libnl (install libnl-genl-3-dev)");
	return -ENOTSUP;
}

/* Never called: detect() always fails. */
static int nots_open(struct ms_probe *p)
{
	return -ENOTSUP;
}

static int nots_sample(struct ms_probe *p, const struct ms_request *req,
		       struct ms_snapshot *s)
{
	return -ENOTSUP;
}

static void nots_close(struct ms_probe *p)
{
}

const struct ms_probe_ops ms_taskstats_ops = {
	.name = "taskstats",
	.priority = 20,
	.detect = nots_detect,
	.open = nots_open,
	.sample = nots_sample,
	.close = nots_close,
};
