/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The VMA tab (tui/tabs/vma/): what its files share.
 */
#ifndef MS_TAB_VMA_H
#define MS_TAB_VMA_H

#include "tui/drill.h"
#include "tui/events.h"
#include "tui/graph.h"
#include "tui/tabs/vma/maple.h"

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

/*
 * Graphs: minor and major faults per second of the selected process (and
 * the 7 busiest): procfs from the process list, bpf where the fault group
 * runs (the process list's `f` columns, a process's mappings).
 */
void ms_graph_vma_feed(struct ms_gpanel *p, const struct ms_snapshot *s,
		       int sel, const struct ms_ui *ui);
/* comm is raw (escaped here); nothing is drawn without a fault rate. */
void ms_graph_vma_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
		       const struct ms_snapshot *s, int pid, const char *comm,
		       const struct ms_ui *ui);

/* Columns of the process list; which are shown: mem_cols, fault_cols. */
enum proc_col {
	P_PID,
	P_USER,
	P_RSS,
	P_PSS,
	P_SWAP,
	P_VMAS,
	P_MINFLT,
	P_MAJFLT,
	P_CGROUP, /* after Command on the screen */
	P_COMM,
	/* `f`: the fault group's (bpf) */
	P_FLT,
	P_WP,
	P_LOCK,
	P_COW,
	P_ANON,
	P_FILE,
	P_LOCKMAX,
	NR_PCOLS
};

/* Fields of the VMA list, in display order; which fit depends on width. */
enum vma_field {
	F_RANGE,
	F_SIZE,
	F_PERMS,
	F_OFFSET,
	F_DEV,
	F_INODE,
	F_RSS,
	F_PSS,
	F_SWAP,
	F_ANON,
	F_AHP,
	F_PRIVC,
	F_PRIVD,
	F_SHRC,
	F_SHRD,
	F_LOCKED,
	F_THP,
	F_NODES,
	F_FLAGS,
	F_FOLIO, /* with the folio sizes (f) only */
	F_PATH,
	NR_FIELDS
};

#define PATH_MIN 20 /* the mapping column never gets narrower */

struct vma_view {
	struct ms_view base;
	const struct ms_snapshot *cur;
	/* a process's mappings, a VMA's fields, a process's maple tree */
	struct ms_drills drills;
	bool waiting; /* asked for a new sample, none yet */
	bool folios; /* f: the open process's memory by folio size */
	/* the process list */
	struct ms_table ptab;
	struct ms_table_def pdef;
	struct ms_column pcols[NR_PCOLS];
	int pset[NR_PCOLS]; /* table column -> enum proc_col */
	bool faults; /* the fault columns (`f`) */
	bool cmdline; /* Command shows command lines (`c`) */
	unsigned int pfields; /* fault fields the columns were chosen for */
	int *prow; /* shown processes: indices into procs.v */
	int nprow, capprow;
	bool kthreads; /* show kernel threads */
	int nkthreads;
	bool tree; /* F5: processes under their parents (tree.c) */
	int *parent; /* per procs.v entry: its parent's index, or -1 */
	int capparent;
	bool age_shown; /* the line saying what the dim PSS means is drawn */
	/* one process's VMAs */
	int pid;
	char comm[MS_NAME];
	int go_pid; /* the process another tab sent (arrive: "pid:N") */
	struct ms_table vtab;
	struct ms_table_def vdef;
	struct ms_column vcols[NR_FIELDS];
	int vfield[NR_FIELDS]; /* table column -> field */
	int vwidth; /* width vcols were chosen for */
	bool wide_addr; /* some address needs 16 digits */
	int range_w; /* Address column: start only when narrow */
	int sort_field; /* field the VMA list is sorted by, or -1 */
	int col_skip; /* Left/Right: optional columns passed over */
	/* one VMA */
	uint64_t detail_start;
	char hint[160];
	char empty[320]; /* why a process has no VMAs */
	/* the maple tree: read once when opened and on `r` */
	struct ms_maple_view mv;
	bool maple_pending; /* the next sample reads the tree */
	struct ms_gpanel graph; /* faults of the processes over time (H) */
};

/* Explain texts of the folio sizes (explain_folio.c) */
extern const struct ms_explain ms_explain_vma_folio[];

/* A VMA kind's name ("anon", "file", ...). */
const char *ms_vma_kind_name(int k);

/*
 * The reader's note about the process (it exited or could not be read),
 * as "what: why" in buf, or NULL.
 */
const char *ms_vma_pid_note(const struct ms_snapshot *s, int pid, char *buf,
			    size_t len);
/* The first note whose what starts with prefix, as "what: why". */
const char *ms_vma_note_text(const struct ms_snapshot *s, const char *prefix,
			     char *buf, size_t len);

/* The process list (procs.c); init sets up its table. */
void ms_vma_procs_init(struct vma_view *v);
const struct ms_proc *ms_vma_proc_at(const void *ctx, int row);
void ms_vma_proc_columns(struct vma_view *v, bool faults, unsigned int fields);
void ms_vma_proc_rows(struct vma_view *v);
/*
 * tree.c: the parent of every process of v->cur (v->parent; -1 on
 * ENOMEM), a process's depth under the shown roots, and the tree order
 * of two processes (indices into procs.v): parents first, siblings by
 * sib.
 */
int ms_vma_tree_build(struct vma_view *v);
int ms_vma_tree_depth(const struct vma_view *v, int i);
int ms_vma_tree_cmp(const struct vma_view *v, int a, int b,
		    int (*sib)(const struct vma_view *v, int a, int b));
int ms_vma_selected_pid(const struct vma_view *v);
void ms_vma_procs_draw(struct vma_view *v, WINDOW *w, struct ms_rect r);

/* The process screen: its VMAs (maps.c); init sets up their table. */
void ms_vma_maps_init(struct vma_view *v);
const struct ms_vma *ms_vma_at(const void *ctx, int row);
void ms_vma_choose_fields(struct vma_view *v, int width);
void ms_vma_rows(struct vma_view *v);
bool ms_vma_here(const struct vma_view *v);
/* A VMA's path, or its kind in brackets ("[anon]"). */
const char *ms_vma_name(const struct ms_vma *m);
/* The nodes of a VMA's pages, "N0=12 N1=3". */
void ms_vma_fmt_nodes(char *buf, size_t len, const struct ms_vma *m);
/* summary.c: the address space by kind (the lines drawn) */
int ms_vma_draw_summary(struct vma_view *v, WINDOW *w, struct ms_rect r);
/*
 * The folio sizes (f): a VMA's cell, "2M 98%" (the size mapping most of
 * it and its share; "-" not read), its kB in large folios (to sort by),
 * the process's line (drawn when f is on: 1, else 0) and a VMA's lines
 * on its screen
 */
void ms_vma_fmt_folio(char *buf, size_t len, const struct ms_vma *m);
uint64_t ms_vma_folio_large_kb(const struct ms_vma *m);
int ms_vma_folio_line(struct vma_view *v, WINDOW *w, struct ms_rect r);
void ms_vma_folio_lines(struct vma_view *v, struct ms_screen *l,
			const struct ms_vma *m);
/* Why the process is not in this sample (it exited, unreadable). */
void ms_vma_draw_gone(struct vma_view *v, WINDOW *w, struct ms_rect r);
/*
 * The process screen, its mappings: opened on the selected process, or
 * arg (an int *, the pid of -p PID).
 */
extern const struct ms_drill_class ms_vma_maps_screen;

/* The VMA screen (detail.c), opened on the selected mapping. */
const struct ms_vma *ms_vma_find(const struct ms_vmas *vm, uint64_t start);
extern const struct ms_drill_class ms_vma_detail_screen;

/*
 * The maple tree of v->pid (tab.c), read by the next sample; arg: a
 * uint64_t *, a VMA start whose leaf slot is marked, or NULL.
 */
extern const struct ms_drill_class ms_vma_maple_screen;

#endif
