/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Reclaim tab (tui/tabs/reclaim/): what its files share.
 */
#ifndef MS_TAB_RECLAIM_H
#define MS_TAB_RECLAIM_H

#include "tui/drill.h"
#include "tui/events.h"
#include "tui/graph.h"

#define MS_TIMELINE 120 /* samples kept */

/* The drill-down screens' explain texts (explain_screens.c). */
extern const struct ms_explain ms_explain_reclaim_screens[];
/* The DAMON screen's (explain_damon.c). */
extern const struct ms_explain ms_explain_damon[];

/* The DAMON screen (damon.c, A; the Memory tab's A arrives there). */
#define MS_DAMON_IDS                                                      \
	"damon.nr_kdamonds", "damon.cut", "damon.kdamond", "damon.state", \
		"damon.pid", "damon.refresh_ms", "damon.contexts",        \
		"damon.operations", "damon.addr_unit", "damon.intervals", \
		"damon.nr_regions", "damon.targets", "damon.pid_target",  \
		"damon.regions", "damon.schemes", "damon.action",         \
		"damon.access_pattern", "damon.apply_interval",           \
		"damon.target_nid", "damon.quotas", "damon.watermarks",   \
		"damon.filters", "damon.stats", "damon.stats_rate",       \
		"damon.target", "damon.wss", "damon.mon_regions",         \
		"damon.heatmap", "damon.age_hist"
extern const struct ms_drill_class ms_reclaim_damon_screen;

/* What the reclaim events did per sample, for the timeline. */
struct ms_live_point {
	double t; /* epoch seconds */
	double stalls, stall_ms; /* per second */
	double awake; /* kswapd's share of the interval, 0..1 */
	double shrink_ms, writeback; /* per second */
	int ooms; /* OOM kills seen in the interval, -1 not known */
};

struct ms_live_timeline {
	struct ms_live_point p[MS_TIMELINE];
	int n, next; /* p[next] is written next */
	uint64_t oom_kills; /* the last sample's count */
};

/* Add a sample (ignored without the section or a first interval). */
void ms_live_timeline_add(struct ms_live_timeline *tl,
			  const struct ms_snapshot *s);
/* The Reclaim overview's block: stalls, kswapd, shrinkers, OOM kills. */
void ms_live_reclaim_summary(struct ms_screen *p, const struct ms_snapshot *s,
			     const struct ms_live_timeline *tl,
			     const struct ms_ui *ui);
/*
 * Explain ids (explain.c) of the events screen's tables, a
 * column each, for the screen's explain list (tab.c).
 */
#define MS_LIVE_PROC_IDS                                                    \
	"reclaim.e.proc.pid", "reclaim.e.proc.comm", "reclaim.e.proc.rate", \
		"reclaim.e.proc.mean", "reclaim.e.proc.max",                \
		"reclaim.e.proc.total"
#define MS_LIVE_KSWAPD_IDS                                              \
	"reclaim.e.kswapd.node", "reclaim.e.kswapd.wakes",              \
		"reclaim.e.kswapd.sleeps", "reclaim.e.kswapd.rate",     \
		"reclaim.e.kswapd.awake", "reclaim.e.kswapd.last_wake", \
		"reclaim.e.kswapd.last_sleep"
#define MS_LIVE_SHRINK_IDS                                      \
	"reclaim.e.shrink.name", "reclaim.e.shrink.calls",      \
		"reclaim.e.shrink.ms", "reclaim.e.shrink.mean", \
		"reclaim.e.shrink.max", "reclaim.e.shrink.freed"
#define MS_LIVE_OOM_IDS                                                    \
	"reclaim.e.oom.time", "reclaim.e.oom.pid", "reclaim.e.oom.victim", \
		"reclaim.e.oom.vm", "reclaim.e.oom.anon",                  \
		"reclaim.e.oom.file", "reclaim.e.oom.killer",              \
		"reclaim.e.oom.scope", "reclaim.e.oom.cgroup"
#define MS_LIVE_CG_IDS "reclaim.e.cg.path", "reclaim.e.cg.stall"
#define EXPLAIN_EVENTS                                                  \
	"reclaim.e.histogram", "reclaim.ev.timeline", MS_LIVE_PROC_IDS, \
		MS_LIVE_CG_IDS, MS_LIVE_KSWAPD_IDS, MS_LIVE_SHRINK_IDS, \
		MS_LIVE_OOM_IDS
/* The events screen: histogram, timeline, processes, kswapd, shrinkers. */
void ms_live_reclaim_screen(struct ms_screen *p, const struct ms_snapshot *s,
			    const struct ms_live_timeline *tl,
			    const struct ms_ui *ui);

/* The task delays table (probes/taskstats) of the Reclaim tab. */
struct ms_live_delays {
	struct ms_table table;
	const struct ms_snapshot *cur;
	char note[256];
};

void ms_live_delays_init(struct ms_live_delays *d, const struct ms_ui *ui);
void ms_live_delays_free(struct ms_live_delays *d);
void ms_live_delays_set(struct ms_live_delays *d, const struct ms_snapshot *s);
/* The switch's state line, then the table. */
void ms_live_delays_draw(struct ms_live_delays *d, WINDOW *w, struct ms_rect r,
			 bool asked, const struct ms_ui *ui);

/* Graphs: PSI memory some/full avg10, pgscan and pgsteal rates. */
void ms_graph_reclaim_feed(struct ms_gpanel *p, const struct ms_snapshot *s,
			   const struct ms_ui *ui);
void ms_graph_reclaim_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
			   const struct ms_ui *ui);

/* memscope's own DAMON monitoring over time (damon_own.c) */
#define MS_HEAT_ROWS 16
#define MS_HEAT_COLS 56
struct ms_damon_heat {
	char target[16]; /* what the columns are of; another starts over */
	/* per sample, per row: accesses 0..20, 255 none */
	unsigned char v[MS_HEAT_COLS][MS_HEAT_ROWS];
	int n, head; /* columns held, the newest */
};
/* One column from a sample; a sample without monitoring empties it. */
void ms_damon_heat_feed(struct ms_damon_heat *h, const struct ms_damon *d);
/* The monitoring's lines (h: its heatmap, NULL none). */
void ms_damon_own_lines(struct ms_screen *l, const struct ms_damon *d,
			const struct ms_damon_heat *h);

struct reclaim_view {
	struct ms_view base;
	const struct ms_snapshot *cur;
	struct ms_drills drills; /* the counters, events or delays screen */
	struct ms_scroll scroll;
	struct ms_table table; /* every vmstat counter */
	char hint[192];
	struct ms_live_timeline tl; /* the reclaim events of past samples */
	struct ms_live_delays delays;
	bool delayacct; /* the user asked for delay accounting (D) */
	bool switching; /* D was pressed: the next sample passes it on */
	struct ms_gpanel graph; /* PSI, scan and steal over time (H) */
	struct ms_damon_heat heat; /* the DAMON screen's heatmap */
};

/* The overview (overview.c). */
void ms_reclaim_overview_draw(struct reclaim_view *v, WINDOW *w,
			      struct ms_rect r);

/* The screen of every vmstat counter (counters.c, Enter); init its table. */
extern const struct ms_drill_class ms_reclaim_counters_screen;
void ms_reclaim_counters_init(struct reclaim_view *v, const struct ms_ui *ui);
/* The events screen (events.c, e) and the delays screen (delays.c, d). */
extern const struct ms_drill_class ms_reclaim_events_screen;
extern const struct ms_drill_class ms_reclaim_delays_screen;
/*
 * e, d and D (delay accounting on or off) on the overview and on the
 * events and delays screens, which replace each other: MS_KEY_PASS when
 * the key is none of them or its screen is the one shown.
 */
enum ms_key_result ms_reclaim_live_key(struct reclaim_view *v, int key);

#endif
