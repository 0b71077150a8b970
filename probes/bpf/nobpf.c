// SPDX-License-Identifier: GPL-2.0
/*
 * The BPF backend of a build without clang, bpftool or libbpf: it only
 * says why the live event sections are missing.
 */
#include <errno.h>
#include <stdio.h>

#include "probes/probe.h"

static int nobpf_detect(const struct ms_root *root, unsigned int *caps,
			char *why, size_t len)
{
	*caps = MS_SEC_EVENTS | MS_SEC_BIT(MS_SEC_ATTRIBUTION) |
		MS_SEC_BIT(MS_SEC_PAGECACHE_EVENTS);
	snprintf(why, len,
		 "not built with BPF (install clang, bpftool, libbpf-dev)");
	return -ENOTSUP;
}

/* Never called: detect() always fails. */
static int nobpf_open(struct ms_probe *p)
{
	return -ENOTSUP;
}

static int nobpf_sample(struct ms_probe *p, const struct ms_request *req,
			struct ms_snapshot *s)
{
	return -ENOTSUP;
}

static void nobpf_close(struct ms_probe *p)
{
}

const struct ms_probe_ops ms_bpf_ops = {
	.name = "bpf",
	.priority = 20,
	.detect = nobpf_detect,
	.open = nobpf_open,
	.sample = nobpf_sample,
	.close = nobpf_close,
};
