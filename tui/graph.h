/* SPDX-License-Identifier: GPL-2.0 */
/*
 * History graphs: sparklines (eighth blocks) and braille plots with an
 * ASCII fallback, and the graph panel a tab draws under its table.
 */
#ifndef MS_GRAPH_H
#define MS_GRAPH_H

#include "tui/history.h"
#include "tui/widgets.h"

/* ---- Drawing values -------------------------------------------------- */

/* min and max of the values that are not NAN; false when none is. */
bool ms_graph_range(const double *v, int n, double *lo, double *hi);

/*
 * One character per value from lo (▁) to hi (█), or ".:-=+*#@" in ASCII;
 * NAN is a gap: a blank.
 */
void ms_graph_spark(WINDOW *w, int y, int x, const double *v, int n, double lo,
		    double hi, attr_t a, const struct ms_ui *ui);

/*
 * A plot filling r: braille cells of 2x4 dots (n = 2 * r.w values) in
 * UTF-8, else one column per value (n = r.w) of ':' under a '*'. Each
 * value is a column of dots from the bottom (lo) up to it (hi: the top);
 * NAN leaves its column blank.
 */
void ms_graph_plot(WINDOW *w, struct ms_rect r, const double *v, int n,
		   double lo, double hi, attr_t a, const struct ms_ui *ui);

/* "last 45 s", "last 5 min", "last 1.5 h". */
const char *ms_graph_span(char *buf, size_t len, double seconds);

/* ---- The graph panel of a tab ------------------------------------------ */

enum ms_gfmt {
	MS_GF_COUNT, /* 12345, 1.2M */
	MS_GF_BYTES, /* 1.5G */
	MS_GF_PCT, /* 42.0% */
	MS_GF_RATE, /* +12/s */
	MS_GF_BYTE_RATE, /* +1.5M/s */
};

/* One series the panel shows: its history key and how to print it. */
struct ms_gline {
	char label[24];
	char key[MS_HIST_KEY];
	enum ms_gfmt fmt;
	bool zero; /* scale from 0 (rates), else from the min */
};

#define MS_GLINES 24 /* lines a panel shows at most */

enum ms_gmode {
	MS_GRAPH_AUTO, /* shown when the tab has MS_GRAPH_AUTO_ROWS */
	MS_GRAPH_ON, /* H: shown whenever it fits */
	MS_GRAPH_OFF, /* H: hidden */
};

#define MS_GRAPH_AUTO_ROWS 32 /* rows a tab needs to show it by itself */

struct ms_gpanel {
	struct ms_history hist;
	enum ms_gmode mode;
	bool shown; /* at the last layout */
};

/* A panel whose history holds at most max_series series; -ENOMEM. */
int ms_gpanel_init(struct ms_gpanel *p, int max_series);
void ms_gpanel_free(struct ms_gpanel *p);
/* H: hide the panel when it is shown, show it when it is not. */
void ms_gpanel_toggle(struct ms_gpanel *p);
/*
 * The panel's rectangle at the bottom of *r (taken from it), or one of
 * height 0 when the panel is hidden or does not fit.
 */
struct ms_rect ms_gpanel_take(struct ms_gpanel *p, struct ms_rect *r);
/*
 * Draw the lines' histories in r: a title with what and the time span,
 * a plot of the first line when there are rows to spare, a sparkline
 * with its latest value and range per line.
 */
void ms_gpanel_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
		    const char *what, const struct ms_gline *l, int n,
		    const struct ms_ui *ui);

/* ---- What the tabs feed and draw (tui/tabs/TAB/graph.c) -------------- */

/* Series each tab's history holds at most (all zones/caches/pids). */
#define MS_GRAPH_BUDDY_SERIES 80 /* 6 zones of 11 orders + 2 indices */
#define MS_GRAPH_SLAB_SERIES 48 /* 24 caches: size, growth */
#define MS_GRAPH_VMA_SERIES 32 /* 8 processes: 4 fault rates */
#define MS_GRAPH_RECLAIM_SERIES 8 /* PSI some/full, scan, steal */
#define MS_GRAPH_NUMA_SERIES 32 /* 16 nodes: miss, foreign */
/* 24 top-level buckets of the machine and of 2 nodes */
#define MS_GRAPH_MEMORY_SERIES 72
/* 4 cgroups (the selected, the open one): usage, limits, PSI, reclaim */
#define MS_GRAPH_CGROUP_SERIES 32
#define MS_GRAPH_SERIES                                                       \
	(MS_GRAPH_BUDDY_SERIES + MS_GRAPH_SLAB_SERIES + MS_GRAPH_VMA_SERIES + \
	 MS_GRAPH_RECLAIM_SERIES + MS_GRAPH_NUMA_SERIES +                     \
	 MS_GRAPH_MEMORY_SERIES + MS_GRAPH_CGROUP_SERIES)

/* "history: 300 samples x 200 series = 947 KiB at most" */
const char *ms_graph_memory(char *buf, size_t len);

/* A new sample for the panel's history: false when it is not one. */
bool ms_gpanel_tick(struct ms_gpanel *p, const struct ms_snapshot *s,
		    const struct ms_ui *ui);
/* The value v of the series named by fmt in this sample. */
void ms_gpanel_push(struct ms_gpanel *p, double v, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A counter as a graph value: NAN when unknown. */
double ms_gval(uint64_t v);
/*
 * The busiest series a tab feeds besides the selected one: the indices
 * of the max (at most MS_GTOP) largest values offered, largest first,
 * equal ones in the order offered.
 */
#define MS_GTOP 24
struct ms_gtop {
	int max, n;
	int i[MS_GTOP];
	double v[MS_GTOP];
};
void ms_gtop_offer(struct ms_gtop *t, int i, double v);
/* Line *n of l: label, the key of its series, format; NULL when full. */
struct ms_gline *ms_gline_add(struct ms_gline *l, int *n, enum ms_gfmt fmt,
			      bool zero, const char *label, const char *fmt_key,
			      ...) __attribute__((format(printf, 6, 7)));

#endif
