// SPDX-License-Identifier: GPL-2.0
/*
 * The NUMA tab's history graphs: numa_miss and numa_foreign per second
 * of each node.
 */
#include "tui/tabs/numa/numa.h"

#include <math.h>
#include <stdio.h>

#define NUMA_NODES (MS_GRAPH_NUMA_SERIES / 2)

static double numastat_rate(const struct ms_numa_node *nd, const char *key)
{
	const struct ms_kv *kv = ms_kv_find(&nd->numastat, key);

	return kv ? kv->rate : NAN;
}

void ms_graph_numa_feed(struct ms_gpanel *p, const struct ms_snapshot *s,
			const struct ms_ui *ui)
{
	if (!ms_gpanel_tick(p, s, ui) || !(s->have & MS_SEC_BIT(MS_SEC_NUMA)))
		return;
	for (int i = 0; i < s->numa.n && i < NUMA_NODES; i++) {
		const struct ms_numa_node *nd = &s->numa.nodes[i];

		ms_gpanel_push(p, numastat_rate(nd, "numa_miss"), "miss/%d",
			       nd->node);
		ms_gpanel_push(p, numastat_rate(nd, "numa_foreign"),
			       "foreign/%d", nd->node);
	}
}

void ms_graph_numa_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
			const struct ms_snapshot *s, const struct ms_ui *ui)
{
	struct ms_gline l[MS_GLINES];
	char label[24];
	int n = 0;

	for (int i = 0; i < s->numa.n && i < NUMA_NODES; i++) {
		int node = s->numa.nodes[i].node;

		snprintf(label, sizeof(label), "N%d miss", node);
		ms_gline_add(l, &n, MS_GF_RATE, true, label, "miss/%d", node);
		snprintf(label, sizeof(label), "N%d foreign", node);
		ms_gline_add(l, &n, MS_GF_RATE, true, label, "foreign/%d",
			     node);
	}
	ms_gpanel_draw(p, w, r,
		       "numa_miss and numa_foreign per second per node", l, n,
		       ui);
}
