/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What each tab keeps a history of and graphs: the series it feeds from
 * every sample and the lines its panel draws for the selected object.
 */
#ifndef MS_GRAPH_TABS_H
#define MS_GRAPH_TABS_H

#include "tui/graph.h"

/* Series each tab's history holds at most (all zones/caches/pids). */
#define MS_GRAPH_BUDDY_SERIES 80 /* 6 zones of 11 orders + 2 indices */
#define MS_GRAPH_SLAB_SERIES 48 /* 24 caches: size, growth */
#define MS_GRAPH_VMA_SERIES 32 /* 8 processes: 4 fault rates */
#define MS_GRAPH_RECLAIM_SERIES 8 /* PSI some/full, scan, steal */
#define MS_GRAPH_NUMA_SERIES 32 /* 16 nodes: miss, foreign */
#define MS_GRAPH_SERIES                                                       \
	(MS_GRAPH_BUDDY_SERIES + MS_GRAPH_SLAB_SERIES + MS_GRAPH_VMA_SERIES + \
	 MS_GRAPH_RECLAIM_SERIES + MS_GRAPH_NUMA_SERIES)

/* "history: 300 samples x 200 series = 947 KiB at most" */
const char *ms_graph_memory(char *buf, size_t len);

/* Buddy: free blocks per order and the indices of every zone. */
void ms_graph_buddy_feed(struct ms_gpanel *p, const struct ms_snapshot *s,
			 const struct ms_zone *sel, const struct ms_ui *ui);
void ms_graph_buddy_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
			 const struct ms_snapshot *s, const struct ms_zone *sel,
			 const struct ms_ui *ui);

/* Slab: size and growth of the selected cache and the largest ones. */
void ms_graph_slab_feed(struct ms_gpanel *p, const struct ms_snapshot *s,
			const char *sel, const struct ms_ui *ui);
void ms_graph_slab_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
			const char *sel, const struct ms_ui *ui);

/*
 * VMA: minor and major faults per second of the selected process (and
 * the 7 busiest): procfs from the process list, bpf where the fault group
 * runs (the process list's `f` columns, a process's mappings).
 */
void ms_graph_vma_feed(struct ms_gpanel *p, const struct ms_snapshot *s,
		       int sel, const struct ms_ui *ui);
/* comm is raw (escaped here); nothing is drawn without a fault rate. */
void ms_graph_vma_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
		       const struct ms_snapshot *s, int pid, const char *comm,
		       const struct ms_ui *ui);

/* Reclaim: PSI memory some/full avg10, pgscan and pgsteal rates. */
void ms_graph_reclaim_feed(struct ms_gpanel *p, const struct ms_snapshot *s,
			   const struct ms_ui *ui);
void ms_graph_reclaim_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
			   const struct ms_ui *ui);

/* NUMA: numa_miss and numa_foreign per second of each node. */
void ms_graph_numa_feed(struct ms_gpanel *p, const struct ms_snapshot *s,
			const struct ms_ui *ui);
void ms_graph_numa_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
			const struct ms_snapshot *s, const struct ms_ui *ui);

#endif
