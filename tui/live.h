/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Drawing the fault, reclaim and NUMA event sections (probes/bpf) and the
 * task delays (probes/taskstats) for the VMA, Reclaim and NUMA tabs.
 */
#ifndef MS_LIVE_H
#define MS_LIVE_H

#include "tui/widgets.h"

/* "Reclaim events (bpf)": a title naming the backend that fed sec. */
const char *ms_live_title(char *buf, size_t len, const char *what,
			  const struct ms_snapshot *s, enum ms_section sec);
/*
 * Why a section, or a part of it fed by program prog (NULL: the whole
 * section), is missing: the note's text, escaped, or NULL.
 */
const char *ms_live_why(char *buf, size_t len, const struct ms_snapshot *s,
			enum ms_section sec, const char *prog);

/* ---- VMA tab ----------------------------------------------------------- */

/* A process's rate of counter c: NAN unknown, 0 when it had no event. */
double ms_live_fault_rate(const struct ms_snapshot *s, int pid,
			  enum ms_fault_count c);
/* mmap_lock wait of pid in ms per second, and its longest wait in us. */
double ms_live_lock_ms(const struct ms_snapshot *s, int pid);
double ms_live_lock_max_us(const struct ms_snapshot *s, int pid);
/* What the fault columns lack and why (e.g. the refused fexit), or NULL. */
const char *ms_live_fault_gaps(char *buf, size_t len,
			       const struct ms_snapshot *s);
/* The process drill-down's line: its faults and mmap_lock waits. */
const char *ms_live_fault_line(char *buf, size_t len,
			       const struct ms_snapshot *s, int pid);

/* ---- Reclaim tab ------------------------------------------------------- */

#define MS_TIMELINE 120 /* samples kept */

/* What the reclaim events did per sample, for the timeline. */
struct ms_live_point {
	double t; /* epoch seconds */
	double stalls, stall_ms; /* per second */
	double awake; /* kswapd's share of the interval, 0..1 */
	double shrink_ms, writeback; /* per second */
	int ooms; /* OOM kills seen in the interval */
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
void ms_live_reclaim_summary(struct ms_page *p, const struct ms_snapshot *s,
			     const struct ms_live_timeline *tl,
			     const struct ms_ui *ui);
/*
 * Explain ids (tui/tabs/reclaim/explain.c) of the events page's tables, a
 * column each, for the page's explain list (tui/tabs/reclaim/tab.c).
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
		"reclaim.e.oom.file", "reclaim.e.oom.killer"
/* The events page: histogram, timeline, processes, kswapd, shrinkers. */
void ms_live_reclaim_page(struct ms_page *p, const struct ms_snapshot *s,
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

/* ---- NUMA tab ---------------------------------------------------------- */
/* Explain ids of the migrations-by-reason and hinting-fault tables. */
#define MS_LIVE_MIG_IDS                                        \
	"numa.mig.reason", "numa.mig.calls", "numa.mig.moved", \
		"numa.mig.failed", "numa.mig.rate"
#define MS_LIVE_HINT_IDS                                         \
	"numa.hint.node", "numa.hint.faults", "numa.hint.pages", \
		"numa.hint.local", "numa.hint.migrated"

void ms_live_numa_page(struct ms_page *p, const struct ms_snapshot *s,
		       const struct ms_ui *ui);

#endif
