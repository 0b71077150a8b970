/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Cgroups tab (tui/tabs/cgroup/): what its files share.
 */
#ifndef MS_TAB_CGROUP_H
#define MS_TAB_CGROUP_H

#include "tui/drill.h"
#include "tui/explain.h"
#include "tui/tabs/cgroup/timeline.h"

#define CG_FOLDS 64 /* folded cgroups remembered */
#define CG_PATH 512 /* a folded or drilled path kept (longer: cut) */
#define CG_DEPTH 32 /* levels the tree orders by; deeper: by their parent */
#define CG_INDENT 4 /* levels indented; deeper ones show their level */

/* A cgroup shown: its index in the sample, its place in the tree. */
struct cg_row {
	int parent; /* index in the sample, -1 at the top */
	int depth;
	bool kids;
};

struct cg_view {
	struct ms_view base;
	struct ms_drills drills;
	const struct ms_snapshot *cur;
	struct cg_row *rows; /* one per cgroup of cur */
	int *vis; /* table row -> cgroup (unfolded ones) */
	int nrows, nvis, cap;
	char folded[CG_FOLDS][CG_PATH];
	int nfolded;
	char open[CG_PATH]; /* the cgroup the drill-down screen shows */
	char shown_filter[64]; /* the table's filter at the last rebuild */
	struct ms_table t;
	struct ms_gpanel graph; /* H: the selected or open cgroup's history */
	struct cg_timeline tl; /* memory.events changes (timeline.h) */
	/* the processes screen (procs.c): indices into cur->procs */
	struct ms_table pt;
	int *prows, capprows;
	char go_how[32]; /* "pid:N": what the VMA tab is sent to */
	char hint[160];
};

#define CV(v) ((struct cg_view *)(v))

/*
 * What stands for path in the fixed-size keys (the selection, folds, the
 * open screen): path itself when it fits len, else its start and a hash
 * of all of it (a thousand deep is 6,000 bytes).
 */
void cg_path_key(char *buf, size_t len, const char *path);

/* The drill-down screen of one cgroup (screen.c). */
extern const struct ms_drill_class cg_screen;
/* Its reclaim stalls and OOM kills, from the BPF reclaim group (bpf.c). */
void cg_bpf_lines(struct ms_screen *l, const struct ms_snapshot *s,
		  const char *path);

/* Its processes, Enter to the VMA tab (procs.c). */
extern const struct ms_drill_class cg_procs_screen;
void cg_procs_init(struct cg_view *c);
void cg_procs_rows(struct cg_view *c);

/* The cgroup of path (or its cg_path_key()) in the current sample, or
 * NULL (graph.c). */
const struct ms_cgroup *cg_find(const struct cg_view *c, const char *path);
/* A new sample for the history of the selected (sel) and open cgroups. */
void cg_graph_feed(struct cg_view *c, const char *sel);
/* The history panel of the cgroup of path in r. */
void cg_graph_draw(struct cg_view *c, WINDOW *w, struct ms_rect r,
		   const char *path);

/* The explain ids of a cgroup's screen (screen.c). */
#define CG_SCREEN_IDS                                                     \
	"cgroup.path", "cgroup.version", "cgroup.current",                \
		"cgroup.current_rate", "cgroup.max", "cgroup.high",       \
		"cgroup.low", "cgroup.min", "cgroup.peak", "cgroup.swap", \
		"cgroup.swap_max", "cgroup.zswap", "cgroup.zswap_max",    \
		"cgroup.ledger", "cgroup.ledger_other", "cgroup.psi",     \
		"cgroup.psi_total", "cgroup.procs", "cgroup.threads",     \
		"cgroup.pids", "cgroup.dying", "cgroup.events",           \
		"cgroup.events_local", "cgroup.events_rates",             \
		"cgroup.timeline", "cgroup.stat", "cgroup.stat_rates",    \
		"cgroup.numa_stat", "reclaim.e.cg.stall",                 \
		"reclaim.e.oom.scope"

/* Every explain id the tab shows (explain.c), NULL-terminated. */
extern const char *const ms_cgroup_explain_all[];

#endif
