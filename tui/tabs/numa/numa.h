/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The NUMA tab (tui/tabs/numa/): what its files share.
 */
#ifndef MS_TAB_NUMA_H
#define MS_TAB_NUMA_H

#include "tui/events.h"
#include "tui/graph.h"

/* Explain ids of the migrations-by-reason and hinting-fault tables. */
#define MS_LIVE_MIG_IDS                                        \
	"numa.mig.reason", "numa.mig.calls", "numa.mig.moved", \
		"numa.mig.failed", "numa.mig.rate"
#define MS_LIVE_HINT_IDS                                         \
	"numa.hint.node", "numa.hint.faults", "numa.hint.pages", \
		"numa.hint.local", "numa.hint.migrated"

/* The node screen (Enter on a node): node is the kernel's node id. */
void ms_numa_node_screen(struct ms_screen *p, const struct ms_snapshot *s,
			 int node, const struct ms_ui *ui);
/* Node `node` of s, or NULL. */
const struct ms_numa_node *ms_numa_node_of(const struct ms_snapshot *s,
					   int node);
void ms_live_numa_screen(struct ms_screen *p, const struct ms_snapshot *s,
			 const struct ms_ui *ui);

/* Graphs: numa_miss and numa_foreign per second of each node. */
void ms_graph_numa_feed(struct ms_gpanel *p, const struct ms_snapshot *s,
			const struct ms_ui *ui);
void ms_graph_numa_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
			const struct ms_snapshot *s, const struct ms_ui *ui);

#endif
