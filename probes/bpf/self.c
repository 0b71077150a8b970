// SPDX-License-Identifier: GPL-2.0
/*
 * memscope's own activity out of the event rates: the tgid the programs
 * of a group leave out, in its "ms_self" map (common.bpf.h), and the
 * events they left out.
 */
#include "probes/bpf/bpf.h"

#include <linux/types.h>
#include <unistd.h>

#include "self.h"

static struct bpf_map *self_map(const struct ms_bpf_group *g)
{
	if (!g->skel || !g->ops->own)
		return NULL;
	return bpf_object__find_map_by_name(g->ops->object(g->skel), "ms_self");
}

void ms_bpf_self_set(struct ms_bpf_group *g, bool include)
{
	unsigned int tgid = include ? 0 : (unsigned int)getpid();
	struct bpf_map *m = self_map(g);
	struct ms_self v = { 0 };
	__u32 k = 0;

	if (!m || (g->self_set && g->self_tgid == tgid))
		return;
	/* keep the count: only the tgid changes */
	if (bpf_map__lookup_elem(m, &k, sizeof(k), &v, sizeof(v), 0))
		return;
	v.tgid = tgid;
	if (bpf_map__update_elem(m, &k, sizeof(k), &v, sizeof(v), 0))
		return;
	g->self_tgid = tgid;
	g->self_set = true;
}

uint64_t ms_bpf_self_skipped(const struct ms_bpf_group *g)
{
	struct bpf_map *m = self_map(g);
	struct ms_self v = { 0 };
	__u32 k = 0;

	if (!m || bpf_map__lookup_elem(m, &k, sizeof(k), &v, sizeof(v), 0))
		return 0;
	return v.skipped;
}
