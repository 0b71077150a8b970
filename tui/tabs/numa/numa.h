/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The NUMA tab (tui/tabs/numa/): what its files share.
 */
#ifndef MS_TAB_NUMA_H
#define MS_TAB_NUMA_H

#include "tui/drill.h"
#include "tui/events.h"
#include "tui/graph.h"

struct numa_view {
	struct ms_view base;
	const struct ms_snapshot *cur;
	struct ms_scroll scroll;
	struct ms_gpanel graph; /* miss and foreign rates over time (H) */
	struct ms_drills drills; /* the node screen */
	int sel; /* the selected node, by position in the list */
	int node; /* the node screen's node id */
};

#define NUMASTAT_IDS                                                           \
	"numa.stat.numa_hit", "numa.stat.numa_miss", "numa.stat.numa_foreign", \
		"numa.stat.interleave_hit", "numa.stat.local_node",            \
		"numa.stat.other_node"

/* Explain ids of the migrations-by-reason and hinting-fault tables. */
#define MS_LIVE_MIG_IDS                                        \
	"numa.mig.reason", "numa.mig.calls", "numa.mig.moved", \
		"numa.mig.failed", "numa.mig.rate"
#define MS_LIVE_HINT_IDS                                         \
	"numa.hint.node", "numa.hint.faults", "numa.hint.pages", \
		"numa.hint.local", "numa.hint.migrated"

/* The node screen (node.c), opened on the selected node (Enter). */
extern const struct ms_drill_class ms_numa_node_screen;
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
