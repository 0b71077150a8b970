// SPDX-License-Identifier: GPL-2.0
/*
 * The VMA tab: processes by memory use; Enter lists one process's VMAs
 * with an address-space summary; Enter again shows every field of a VMA;
 * `t` shows the process's maple tree (memscope.ko, maple.c).
 */
#include "model/field.h"
#include "tui/events.h"
#include "tui/graph_tabs.h"
#include "tui/live.h"
#include "tui/tabs/vma/maple.h"
#include "tui/widgets.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum vma_mode { PROCS, MAPS, DETAIL, MAPLE };

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
	F_PATH,
	NR_FIELDS
};

#define PATH_MIN 20 /* the mapping column never gets narrower */

struct vma_view {
	struct ms_view base;
	const struct ms_snapshot *cur;
	enum vma_mode mode;
	bool waiting; /* asked for a new sample, none yet */
	/* the process list */
	struct ms_table ptab;
	struct ms_table_def pdef;
	struct ms_column pcols[NR_PCOLS];
	int pset[NR_PCOLS]; /* table column -> enum proc_col */
	bool faults; /* the fault columns (`f`) */
	unsigned int pfields; /* fault fields the columns were chosen for */
	int *prow; /* shown processes: indices into procs.v */
	int nprow, capprow;
	bool kthreads; /* show kernel threads */
	int nkthreads;
	/* one process's VMAs */
	int pid;
	char comm[MS_NAME];
	struct ms_table vtab;
	struct ms_table_def vdef;
	struct ms_column vcols[NR_FIELDS];
	int vfield[NR_FIELDS]; /* table column -> field */
	int vwidth; /* width vcols were chosen for */
	bool wide_addr; /* some address needs 16 digits */
	int range_w; /* Address column: start only when narrow */
	int sort_field; /* field the VMA list is sorted by, or -1 */
	/* one VMA */
	uint64_t detail_start;
	struct ms_scroll dscroll;
	char hint[160];
	char empty[320]; /* why a process has no VMAs */
	/* the maple tree: read once when opened and on `r` */
	struct ms_maple_view mv;
	enum vma_mode maple_from; /* where Esc goes back to */
	bool maple_pending; /* the next sample reads the tree */
	struct ms_gpanel graph; /* faults of the processes over time (H) */
};

static const char *kind_name(int k)
{
	return ms_name_of(&ms_vma_kind_names, k);
}

/* ---- small helpers ---------------------------------------------------- */

/*
 * The user as the sample names it (the backend read the tree's passwd; a
 * recording keeps the name); the uid where it has none.
 */
static void user_cell(char *buf, size_t len, const struct ms_proc *p)
{
	if (p->user[0])
		snprintf(buf, len, "%s", p->user);
	else if (p->uid == UINT32_MAX)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%" PRIu32, p->uid);
}

/*
 * The note that mentions "pid N" (what the reader says about a process
 * that exited or could not be read), as "what: why" in buf, or NULL.
 */
static const char *pid_note(const struct ms_snapshot *s, int pid, char *buf,
			    size_t len)
{
	char tag[32];
	size_t n = (size_t)snprintf(tag, sizeof(tag), "pid %d", pid);

	for (int i = 0; i < s->nr_notes; i++) {
		const struct ms_note *no = &s->notes[i];
		const char *fields[2] = { no->what, no->why };

		for (int f = 0; f < 2; f++) {
			const char *hit = strstr(fields[f], tag);

			if (hit && !(hit[n] >= '0' && hit[n] <= '9')) {
				snprintf(buf, len, "%s: %s", no->what, no->why);
				return buf;
			}
		}
	}
	return NULL;
}

/* The first note whose what starts with prefix, as "what: why". */
static const char *note_text(const struct ms_snapshot *s, const char *prefix,
			     char *buf, size_t len)
{
	for (int i = 0; i < s->nr_notes; i++)
		if (!strncmp(s->notes[i].what, prefix, strlen(prefix))) {
			snprintf(buf, len, "%s: %s", s->notes[i].what,
				 s->notes[i].why);
			return buf;
		}
	return NULL;
}

static bool have(const struct ms_snapshot *s, enum ms_section sec)
{
	return s && (s->have & MS_SEC_BIT(sec));
}

/* ---- the process list -------------------------------------------------- */

static const struct ms_column proc_cols[NR_PCOLS] = {
	[P_PID] = { .title = "PID", .width = 7, .align = MS_RIGHT,
		.id = "vma.p.pid" },
	[P_USER] = { .title = "User", .width = 8, .align = MS_LEFT,
		.id = "vma.p.user" },
	[P_RSS] = { .title = "RSS", .width = 7, .align = MS_RIGHT,
		.id = "vma.p.rss" },
	[P_PSS] = { .title = "PSS", .width = 7, .align = MS_RIGHT,
		.id = "vma.p.pss" },
	[P_SWAP] = { .title = "Swap", .width = 7, .align = MS_RIGHT,
		.id = "vma.p.swap" },
	[P_VMAS] = { .title = "VMAs", .width = 6, .align = MS_RIGHT,
		.id = "vma.p.vmas" },
	[P_MINFLT] = { .title = "MinFlt/s", .width = 9, .align = MS_RIGHT,
		.id = "vma.p.minflt" },
	[P_MAJFLT] = { .title = "MajFlt/s", .width = 9, .align = MS_RIGHT,
		.id = "vma.p.majflt" },
	[P_COMM] = { .title = "Command",
		     .width = MS_COL_FLEX,
		     .align = MS_LEFT,
		     .id = "vma.p.comm" },
	[P_FLT] = { .title = "Flt/s", .width = 8, .align = MS_RIGHT,
		.id = "vma.p.flt" },
	[P_WP] = { .title = "WP/s", .width = 7, .align = MS_RIGHT,
		.id = "vma.p.wp" },
	[P_LOCK] = { .title = "Lock ms/s", .width = 9, .align = MS_RIGHT,
		.id = "vma.p.lock" },
	[P_COW] = { .title = "COW/s", .width = 7, .align = MS_RIGHT,
		.id = "vma.p.cow" },
	[P_ANON] = { .title = "Anon/s", .width = 7, .align = MS_RIGHT,
		.id = "vma.p.anon" },
	[P_FILE] = { .title = "File/s", .width = 7, .align = MS_RIGHT,
		.id = "vma.p.file" },
	[P_LOCKMAX] = { .title = "LockMax", .width = 8, .align = MS_RIGHT,
		.id = "vma.p.lockmax" },
};

static const int mem_cols[] = { P_PID,	P_USER,	  P_RSS,    P_PSS, P_SWAP,
				P_VMAS, P_MINFLT, P_MAJFLT, P_COMM };
/* What fits in 80 columns, Command, then what wider terminals show */
static const int fault_cols[] = { P_PID,  P_FLT,  P_MINFLT, P_MAJFLT,
				  P_WP,	  P_LOCK, P_COMM,   P_COW,
				  P_ANON, P_FILE, P_LOCKMAX };

/* A fault column this kernel's programs do not feed is left out. */
static bool fed(int col, unsigned int fields)
{
	if (col == P_COW)
		return fields & MS_FE_COW;
	if (col == P_ANON || col == P_FILE)
		return fields & MS_FE_SPLIT;
	return true;
}

static const struct ms_proc *proc_at(const void *ctx, int row)
{
	const struct vma_view *v = ctx;

	return &v->cur->procs.v[v->prow[row]];
}

/* The fault group's value of a column, NAN for the other columns. */
static double fault_value(const struct vma_view *v, const struct ms_proc *p,
			  int col)
{
	static const enum ms_fault_count count[NR_PCOLS] = {
		[P_FLT] = MS_FC_HW,    [P_WP] = MS_FC_WP,
		[P_COW] = MS_FC_COW,   [P_ANON] = MS_FC_ANON,
		[P_FILE] = MS_FC_FILE,
	};

	if (col == P_LOCK)
		return ms_live_lock_ms(v->cur, p->pid);
	if (col == P_LOCKMAX)
		return ms_live_lock_max_us(v->cur, p->pid);
	return ms_live_fault_rate(v->cur, p->pid, count[col]);
}

static void proc_cell(const void *ctx, int row, int col, char *buf, size_t len)
{
	const struct vma_view *v = ctx;
	const struct ms_proc *p = proc_at(ctx, row);

	col = v->pset[col];
	if (col > P_COMM) {
		double x = fault_value(v, p, col);

		if (col == P_LOCK)
			ms_fmt_double(buf, len, x, 2);
		else if (col == P_LOCKMAX) /* microseconds */
			ms_fmt_double(buf, len, x, 0);
		else
			ms_fmt_events(buf, len, x, 7);
		return;
	}
	switch (col) {
	case P_PID:
		snprintf(buf, len, "%d", p->pid);
		break;
	case P_USER:
		user_cell(buf, len, p);
		break;
	case P_RSS:
		ms_fmt_kb(buf, len, p->rss_kb);
		break;
	case P_PSS:
		ms_fmt_kb(buf, len, p->pss_kb);
		break;
	case P_SWAP:
		ms_fmt_kb(buf, len, p->swap_kb);
		break;
	case P_VMAS:
		ms_fmt_u64(buf, len, p->vmas);
		break;
	case P_MINFLT:
		ms_fmt_rate(buf, len, p->minflt_rate);
		break;
	case P_MAJFLT:
		ms_fmt_rate(buf, len, p->majflt_rate);
		break;
	default: /* kernel threads in brackets, as ps shows them */
		snprintf(buf, len, p->kthread ? "[%s]" : "%s", p->comm);
	}
}

static int proc_cmp(const void *ctx, int a, int b, int col)
{
	const struct vma_view *v = ctx;
	const struct ms_proc *x = proc_at(ctx, a), *y = proc_at(ctx, b);

	col = v->pset[col];
	if (col > P_COMM)
		return ms_cmp_double(fault_value(v, x, col),
				     fault_value(v, y, col));
	switch (col) {
	case P_PID:
		return (x->pid > y->pid) - (x->pid < y->pid);
	case P_USER:
		return (x->uid > y->uid) - (x->uid < y->uid);
	case P_RSS:
		return ms_cmp_u64(x->rss_kb, y->rss_kb);
	case P_PSS:
		return ms_cmp_u64(x->pss_kb, y->pss_kb);
	case P_SWAP:
		return ms_cmp_u64(x->swap_kb, y->swap_kb);
	case P_VMAS:
		return ms_cmp_u64(x->vmas, y->vmas);
	case P_MINFLT:
		return ms_cmp_double(x->minflt_rate, y->minflt_rate);
	case P_MAJFLT:
		return ms_cmp_double(x->majflt_rate, y->majflt_rate);
	}
	return strcmp(x->comm, y->comm);
}

static void proc_key(const void *ctx, int row, char *buf, size_t len)
{
	snprintf(buf, len, "%d", proc_at(ctx, row)->pid);
}

static attr_t proc_attr(const void *ctx, int row, int col)
{
	const struct vma_view *v = ctx;
	const struct ms_proc *p = proc_at(ctx, row);

	col = v->pset[col];
	if (col == P_LOCKMAX && fault_value(v, p, col) >= 1000)
		return ms_attr(MS_C_WARNING); /* waited a millisecond */
	if (col == P_MAJFLT && p->majflt_rate > 0)
		return ms_attr(MS_C_WARNING);
	if (col == P_SWAP && ms_have(p->swap_kb) && p->swap_kb)
		return ms_attr(MS_C_WARNING);
	return p->kthread ? ms_attr(MS_C_DIM) : 0;
}

/*
 * Show the memory or the fault columns; the sort stays on the same column
 * when both sets have it, else the set's first number column.
 */
static void proc_columns(struct vma_view *v, bool faults, unsigned int fields)
{
	const int *set = faults ? fault_cols : mem_cols;
	int n = faults ? (int)(sizeof(fault_cols) / sizeof(*fault_cols)) :
			 (int)(sizeof(mem_cols) / sizeof(*mem_cols));
	int sorted = v->ptab.sort_col >= 0 ? v->pset[v->ptab.sort_col] : -1;
	int k = 0;

	v->ptab.sort_col = -1;
	for (int i = 0; i < n; i++) {
		if (!fed(set[i], fields))
			continue;
		if (set[i] == P_COMM)
			v->pdef.name_col = k;
		if (set[i] == sorted)
			v->ptab.sort_col = k;
		v->pcols[k] = proc_cols[set[i]];
		v->pset[k++] = set[i];
	}
	if (v->ptab.sort_col < 0) {
		v->ptab.sort_col = faults ? 1 : 2; /* Flt/s, RSS */
		v->ptab.reverse = true;
	}
	v->pdef.ncols = k;
	v->faults = faults;
	v->pfields = fields;
}

/* Rebuild the shown processes (kernel threads hidden unless asked). */
static void proc_rows(struct vma_view *v)
{
	const struct ms_procs *ps = &v->cur->procs;
	int n = have(v->cur, MS_SEC_PROCS) ? ps->n : 0;

	if (n > v->capprow) {
		int *p = realloc(v->prow, (size_t)n * sizeof(*p));

		if (!p)
			n = v->capprow;
		else
			v->prow = p, v->capprow = n;
	}
	v->nprow = v->nkthreads = 0;
	for (int i = 0; i < n; i++) {
		if (ps->v[i].kthread) {
			v->nkthreads++;
			if (!v->kthreads)
				continue;
		}
		v->prow[v->nprow++] = i;
	}
	ms_table_set_rows(&v->ptab, v->nprow);
}

/* The pid of the selected process, 0 for none. */
static int selected_pid(const struct vma_view *v)
{
	int row = ms_table_selected(&v->ptab);

	return row >= 0 ? proc_at(v, row)->pid : 0;
}

static void draw_procs(struct vma_view *v, WINDOW *w, struct ms_rect r)
{
	char buf[256], note[200];
	struct ms_rect g;
	const char *why;
	int row;

	if (!have(v->cur, MS_SEC_PROCS)) {
		ms_message(w, r, ms_attr(MS_C_NOTE),
			   v->waiting ? "Reading processes..." :
					ms_why_missing(buf, sizeof(buf), v->cur,
						       MS_SEC_PROCS, "proc"));
		return;
	}
	snprintf(buf, sizeof(buf),
		 "Processes: %d shown, %d kernel threads %s%s", v->ptab.n,
		 v->nkthreads, v->kthreads ? "shown" : "hidden",
		 !v->faults ?
			 "" :
		 have(v->cur, MS_SEC_FAULT_EVENTS) ?
			 "; faults per second (bpf), MinFlt/MajFlt (procfs)" :
			 "; faults (bpf) unavailable");
	ms_title(w, r.y, r.x, r.w, buf, v->base.ui);
	r.y++, r.h--;
	why = v->faults ? ms_live_fault_gaps(note, sizeof(note), v->cur) : NULL;
	if (!why)
		why = note_text(v->cur, "proc", note, sizeof(note));
	if (why && r.h > 4) {
		ms_put_esc(w, r.y, r.x, r.w, MS_LEFT, true, ms_attr(MS_C_NOTE),
			   why);
		r.y++, r.h--;
	}
	g = ms_gpanel_take(&v->graph, &r);
	row = ms_table_selected(&v->ptab);
	if (g.h && row >= 0)
		ms_graph_vma_draw(&v->graph, w, g, v->cur, proc_at(v, row)->pid,
				  proc_at(v, row)->comm, v->base.ui);
	ms_table_draw(&v->ptab, w, r);
}

/* ---- the VMA list ------------------------------------------------------ */

/* Width 0: the column is chosen only as width allows, by prio (1 first). */
static const struct {
	struct ms_column col;
	int prio; /* 0: always shown */
} fields[NR_FIELDS] = {
	[F_RANGE] = { { .title = "Address", .width = 25,
			.id = "vma.v.range" }, 0 },
	[F_SIZE] = { { .title = "Size", .width = 6, .align = MS_RIGHT,
			.id = "vma.v.size" }, 0 },
	[F_PERMS] = { { .title = "Perm", .width = 4,
			.id = "vma.v.perms" }, 0 },
	[F_OFFSET] = { { .title = "Offset", .width = 8, .align = MS_RIGHT,
			.id = "vma.v.offset" },
		       3 },
	[F_DEV] = { { .title = "Dev", .width = 5,
			.id = "vma.v.dev" }, 4 },
	[F_INODE] = { { .title = "Inode", .width = 9, .align = MS_RIGHT,
			.id = "vma.v.inode" }, 4 },
	[F_RSS] = { { .title = "Rss", .width = 6, .align = MS_RIGHT,
			.id = "vma.v.rss" }, 0 },
	[F_PSS] = { { .title = "Pss", .width = 6, .align = MS_RIGHT,
			.id = "vma.v.pss" }, 0 },
	[F_SWAP] = { { .title = "Swap", .width = 6, .align = MS_RIGHT,
			.id = "vma.v.swap" }, 0 },
	[F_ANON] = { { .title = "Anon", .width = 6, .align = MS_RIGHT,
			.id = "vma.v.anon" }, 1 },
	[F_AHP] = { { .title = "AnonHP", .width = 6, .align = MS_RIGHT,
			.id = "vma.v.ahp" }, 5 },
	[F_PRIVC] = { { .title = "PrivC", .width = 6, .align = MS_RIGHT,
			.id = "vma.v.privc" }, 8 },
	[F_PRIVD] = { { .title = "PrivD", .width = 6, .align = MS_RIGHT,
			.id = "vma.v.privd" }, 2 },
	[F_SHRC] = { { .title = "ShrC", .width = 6, .align = MS_RIGHT,
			.id = "vma.v.shrc" }, 8 },
	[F_SHRD] = { { .title = "ShrD", .width = 6, .align = MS_RIGHT,
			.id = "vma.v.shrd" }, 8 },
	[F_LOCKED] = { { .title = "Lock", .width = 6, .align = MS_RIGHT,
			.id = "vma.v.locked" }, 5 },
	[F_THP] = { { .title = "THP", .width = 3, .align = MS_RIGHT,
			.id = "vma.v.thp" }, 6 },
	[F_NODES] = { { .title = "Nodes", .width = 14,
			.id = "vma.v.nodes" }, 6 },
	[F_FLAGS] = { { .title = "VmFlags", .width = 24, .nosort = true,
			.id = "vma.v.flags" }, 7 },
	[F_PATH] = { { .title = "Mapping",
		       .width = MS_COL_FLEX,
		       .min = PATH_MIN,
			.id = "vma.v.path" },
		     0 },
};
#define MAX_PRIO 8

static const struct ms_vma *vma_at(const void *ctx, int row)
{
	const struct vma_view *v = ctx;

	return &v->cur->vmas.v[row];
}

/* Path, or what the mapping is when it has none. */
static const char *vma_name(const struct ms_vma *m)
{
	if (m->path && m->path[0])
		return m->path;
	return m->kind == MS_VMA_ANON ? "[anon]" : kind_name(m->kind);
}

/* "N0=12 N1=3": pages per node from numa_maps. */
static void fmt_nodes(char *buf, size_t len, const struct ms_vma *m)
{
	size_t o = 0;

	buf[0] = '\0';
	if (!m->nr_nodes)
		snprintf(buf, len, "-");
	for (int i = 0; i < m->nr_nodes && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%sN%d=%" PRIu64,
				      i ? " " : "", m->node_id[i],
				      m->node_pages[i]);
}

/* start-end, or the start alone in a column too narrow for both */
static void fmt_range(char *buf, size_t len, const struct ms_vma *m, int width)
{
	int digits = width > 16 ? (width - 1) / 2 : width;

	if (width > 16)
		snprintf(buf, len, "%0*" PRIx64 "-%0*" PRIx64, digits, m->start,
			 digits, m->end);
	else
		snprintf(buf, len, "%0*" PRIx64, digits, m->start);
}

/*
 * Both addresses from 100 columns on (120 for 16-digit ones, such as
 * [vsyscall]); below, the start alone, with the size beside it.
 */
static int range_width(int width, bool wide)
{
	if (width >= (wide ? 120 : 100))
		return wide ? 33 : 25;
	return wide ? 16 : 12;
}

static uint64_t vma_kb(const struct ms_vma *m, int field)
{
	switch (field) {
	case F_SIZE:
		return (m->end - m->start) / 1024;
	case F_RSS:
		return m->rss_kb;
	case F_PSS:
		return m->pss_kb;
	case F_SWAP:
		return m->swap_kb;
	case F_ANON:
		return m->anonymous;
	case F_AHP:
		return m->anon_huge_kb;
	case F_PRIVC:
		return m->private_clean;
	case F_PRIVD:
		return m->private_dirty;
	case F_SHRC:
		return m->shared_clean;
	case F_SHRD:
		return m->shared_dirty;
	case F_LOCKED:
		return m->locked_kb;
	}
	return MS_NA;
}

static void vma_cell(const void *ctx, int row, int col, char *buf, size_t len)
{
	const struct vma_view *v = ctx;
	const struct ms_vma *m = vma_at(ctx, row);
	int f = v->vfield[col];

	switch (f) {
	case F_RANGE:
		return fmt_range(buf, len, m, v->range_w);
	case F_PERMS:
		snprintf(buf, len, "%s", m->perms);
		return;
	case F_OFFSET:
		snprintf(buf, len, "%" PRIx64, m->offset);
		return;
	case F_DEV:
		snprintf(buf, len, "%s", m->dev);
		return;
	case F_INODE:
		snprintf(buf, len, "%" PRIu64, m->inode);
		return;
	case F_THP:
		ms_fmt_u64(buf, len, m->thp_eligible);
		return;
	case F_NODES:
		return fmt_nodes(buf, len, m);
	case F_FLAGS:
		snprintf(buf, len, "%s", m->vmflags);
		return;
	case F_PATH:
		snprintf(buf, len, "%s", vma_name(m));
		return;
	}
	ms_fmt_kb(buf, len, vma_kb(m, f));
}

static uint64_t node_pages(const struct ms_vma *m)
{
	uint64_t sum = 0;

	for (int i = 0; i < m->nr_nodes; i++)
		sum += m->node_pages[i];
	return m->nr_nodes ? sum : MS_NA;
}

static int cmp_u64(uint64_t a, uint64_t b)
{
	return (a > b) - (a < b);
}

static int vma_cmp(const void *ctx, int a, int b, int col)
{
	const struct vma_view *v = ctx;
	const struct ms_vma *x = vma_at(ctx, a), *y = vma_at(ctx, b);

	switch (v->vfield[col]) {
	case F_RANGE:
		return cmp_u64(x->start, y->start);
	case F_PERMS:
		return strcmp(x->perms, y->perms);
	case F_OFFSET:
		return cmp_u64(x->offset, y->offset);
	case F_DEV:
		return strcmp(x->dev, y->dev);
	case F_INODE:
		return cmp_u64(x->inode, y->inode);
	case F_THP:
		return ms_cmp_u64(x->thp_eligible, y->thp_eligible);
	case F_NODES:
		return ms_cmp_u64(node_pages(x), node_pages(y));
	case F_FLAGS:
		return strcmp(x->vmflags, y->vmflags);
	case F_PATH:
		return strcmp(vma_name(x), vma_name(y));
	}
	return ms_cmp_u64(vma_kb(x, v->vfield[col]), vma_kb(y, v->vfield[col]));
}

/* A VMA is known by its start address across samples. */
static void vma_key(const void *ctx, int row, char *buf, size_t len)
{
	snprintf(buf, len, "%" PRIx64, vma_at(ctx, row)->start);
}

static attr_t vma_attr(const void *ctx, int row, int col)
{
	const struct vma_view *v = ctx;
	const struct ms_vma *m = vma_at(ctx, row);

	if (v->vfield[col] == F_SWAP && ms_have(m->swap_kb) && m->swap_kb)
		return ms_attr(MS_C_WARNING);
	if (v->vfield[col] == F_PATH && m->kind != MS_VMA_FILE)
		return ms_attr(MS_C_OK);
	return 0;
}

/* Choose the VMA columns that fit width: the mapping always comes last. */
static void choose_fields(struct vma_view *v, int width)
{
	bool on[NR_FIELDS] = { false };
	int used = 0, n = 0;

	v->range_w = range_width(width, v->wide_addr);

	for (int f = 0; f < F_PATH; f++)
		if (!fields[f].prio) {
			on[f] = true;
			used += (f == F_RANGE ? v->range_w :
						fields[f].col.width) +
				1;
		}
	for (int p = 1; p <= MAX_PRIO; p++)
		for (int f = 0; f < F_PATH; f++)
			if (fields[f].prio == p &&
			    used + fields[f].col.width + 1 <=
				    width - PATH_MIN) {
				on[f] = true;
				used += fields[f].col.width + 1;
			}
	on[F_PATH] = true;
	v->vdef.ncols = 0;
	for (int f = 0; f < NR_FIELDS; f++) {
		if (!on[f])
			continue;
		v->vcols[n] = fields[f].col;
		if (f == F_RANGE) {
			v->vcols[n].width = v->range_w;
			v->vcols[n].title = v->range_w > 16 ? "Address" :
							      "Start";
		}
		v->vfield[n++] = f;
	}
	v->vdef.ncols = n;
	v->vdef.name_col = n - 1;
	v->vtab.sort_col = -1;
	for (int i = 0; i < n; i++)
		if (v->vfield[i] == v->sort_field)
			v->vtab.sort_col = i;
	v->vwidth = width;
}

static void vma_rows(struct vma_view *v)
{
	const struct ms_vmas *vm = &v->cur->vmas;
	bool wide = false;
	int n = 0;

	if (have(v->cur, MS_SEC_VMAS) && vm->pid == v->pid)
		n = vm->n;
	for (int i = 0; i < n && !wide; i++)
		wide = vm->v[i].end > 0xffffffffffffull;
	if (wide != v->wide_addr) {
		v->wide_addr = wide;
		v->vwidth = 0; /* choose the columns again */
	}
	ms_table_set_rows(&v->vtab, n);
}

/* The address-space summary: kinds across, counts and sizes down. */
static int draw_summary(struct vma_view *v, WINDOW *w, struct ms_rect r)
{
	static const char *const rows[] = { "VMAs", "Size", "Rss", "Pss",
					    "Swap" };
	const struct ms_vmas *vm = &v->cur->vmas;
	int nrows = r.h >= 24 ? 5 : 3, cw = (r.w - 8) / (MS_VMA_NKINDS + 1);
	char buf[32];

	if (cw > 10)
		cw = 10;
	ms_put(w, r.y, r.x, 8, MS_LEFT, true, ms_attr(MS_C_COLUMN_HEADER), "");
	for (int k = 0; k <= MS_VMA_NKINDS; k++)
		ms_put(w, r.y, r.x + 8 + k * cw, cw, MS_RIGHT, true,
		       ms_attr(MS_C_COLUMN_HEADER),
		       k < MS_VMA_NKINDS ? kind_name(k) : "total");
	ms_explain_mark(w, r.y, r.x, 8 + (MS_VMA_NKINDS + 1) * cw, v->base.ui,
			"vma.m.summary");
	for (int i = 0; i < nrows; i++) {
		ms_put(w, r.y + 1 + i, r.x, 8, MS_LEFT, true, 0, rows[i]);
		for (int k = 0; k <= MS_VMA_NKINDS; k++) {
			const struct ms_vma_sum *s =
				k < MS_VMA_NKINDS ? &vm->kind[k] : &vm->total;
			uint64_t val[] = { s->count, s->size_kb, s->rss_kb,
					   s->pss_kb, s->swap_kb };

			if (i == 0)
				ms_fmt_u64(buf, sizeof(buf), val[i]);
			else if (!vm->has_smaps && i > 1)
				snprintf(buf, sizeof(buf), "-");
			else
				ms_fmt_kb(buf, sizeof(buf), val[i]);
			ms_put(w, r.y + 1 + i, r.x + 8 + k * cw, cw, MS_RIGHT,
			       true, 0, buf);
		}
	}
	return nrows + 1;
}

/* Why the VMAs are not there: the process exited, or no permission. */
static void draw_gone(struct vma_view *v, WINDOW *w, struct ms_rect r)
{
	char msg[512], note[300], comm[MS_NAME * 4];
	const char *why = pid_note(v->cur, v->pid, note, sizeof(note));

	ms_esc(comm, sizeof(comm), v->comm);
	if (!why && !have(v->cur, MS_SEC_VMAS))
		why = ms_why_missing(note, sizeof(note), v->cur, MS_SEC_VMAS,
				     "vma");
	if (!why)
		why = "process exited";
	snprintf(msg, sizeof(msg), "pid %d (%s): %s", v->pid, comm, why);
	ms_esc(note, sizeof(note), msg);
	ms_message(w, r, ms_attr(MS_C_CRITICAL), note);
	if (r.h > 2)
		ms_message(w, (struct ms_rect){ r.y + 2, r.x, r.h - 2, r.w },
			   ms_attr(MS_C_DIM),
			   "Esc or Backspace: back to the "
			   "process list");
}

static bool vmas_here(const struct vma_view *v)
{
	return have(v->cur, MS_SEC_VMAS) && v->cur->vmas.pid == v->pid;
}

static void maps_title(struct vma_view *v, WINDOW *w, struct ms_rect r)
{
	const struct ms_vmas *vm = &v->cur->vmas;
	char buf[384], comm[MS_NAME * 4], a[16], b[16], c[16];

	ms_esc(comm, sizeof(comm), vm->comm[0] ? vm->comm : v->comm);
	snprintf(buf, sizeof(buf),
		 "pid %d %s: %d VMAs, Rss %s, Pss %s, "
		 "Swap %s",
		 v->pid, comm, vm->n,
		 ms_fmt_kb(a, sizeof(a),
			   vm->has_smaps ? vm->total.rss_kb : MS_NA),
		 ms_fmt_kb(b, sizeof(b),
			   vm->has_smaps ? vm->total.pss_kb : MS_NA),
		 ms_fmt_kb(c, sizeof(c),
			   vm->has_smaps ? vm->total.swap_kb : MS_NA));
	ms_title(w, r.y, r.x, r.w, buf, v->base.ui);
}

static void draw_maps(struct vma_view *v, WINDOW *w, struct ms_rect r)
{
	char note[256];

	if (v->waiting) {
		ms_message(w, r, ms_attr(MS_C_DIM), "Reading the mappings...");
		return;
	}
	if (!vmas_here(v))
		return draw_gone(v, w, r);
	maps_title(v, w, r);
	r.y++, r.h--;
	if (r.h >= 10) {
		ms_put_esc(w, r.y, r.x, r.w, MS_LEFT, true,
			   ms_attr(have(v->cur, MS_SEC_FAULT_EVENTS) ?
					   MS_C_NORMAL :
					   MS_C_NOTE),
			   ms_live_fault_line(note, sizeof(note), v->cur,
					      v->pid));
		ms_explain_mark(w, r.y, r.x, r.w, v->base.ui, "vma.m.faults");
		r.y++, r.h--;
	}
	/* the fault group's rates over time, while it runs */
	if (have(v->cur, MS_SEC_FAULT_EVENTS)) {
		struct ms_rect g = ms_gpanel_take(&v->graph, &r);

		if (g.h)
			ms_graph_vma_draw(&v->graph, w, g, v->cur, v->pid,
					  v->comm, v->base.ui);
	}
	if (r.h >= 14) {
		int used = draw_summary(v, w, r);

		r.y += used, r.h -= used;
	}
	/* a kernel thread or a zombie: the reader's note says which */
	if (!pid_note(v->cur, v->pid, v->empty, sizeof(v->empty)))
		snprintf(v->empty, sizeof(v->empty), "no mappings");
	v->vtab.empty = v->empty;
	if (!v->cur->vmas.has_smaps && v->cur->vmas.n && r.h > 4) {
		const char *why = pid_note(v->cur, v->pid, note, sizeof(note));

		if (!why)
			why = note_text(v->cur, "smaps", note, sizeof(note));
		ms_put_esc(w, r.y, r.x, r.w, MS_LEFT, true, ms_attr(MS_C_NOTE),
			   why ? why : "smaps unavailable: Rss/Pss not shown");
		r.y++, r.h--;
	}
	if (r.w != v->vwidth) {
		choose_fields(v, r.w);
		ms_table_set_rows(&v->vtab, v->vtab.nrows);
	}
	ms_table_draw(&v->vtab, w, r);
}

/* ---- one VMA ----------------------------------------------------------- */

/* Binary search: maps lists VMAs by ascending start address. */
static const struct ms_vma *find_vma(const struct ms_vmas *vm, uint64_t start)
{
	int lo = 0, hi = vm->n - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;

		if (vm->v[mid].start == start)
			return &vm->v[mid];
		if (vm->v[mid].start < start)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	for (int i = 0; i < vm->n; i++) /* in case it was not sorted */
		if (vm->v[i].start == start)
			return &vm->v[i];
	return NULL;
}

/* The two-letter VmFlags of Documentation/filesystems/proc.rst. */
static const char *const vmflag_names[][2] = {
	{ "rd", "readable" },
	{ "wr", "writeable" },
	{ "ex", "executable" },
	{ "sh", "shared" },
	{ "mr", "may read" },
	{ "mw", "may write" },
	{ "me", "may execute" },
	{ "ms", "may share" },
	{ "gd", "stack grows down" },
	{ "pf", "pure PFN range" },
	{ "dw", "disabled write to the file" },
	{ "lo", "locked" },
	{ "io", "memory-mapped I/O" },
	{ "sr", "sequential read advised" },
	{ "rr", "random read advised" },
	{ "dc", "not copied on fork" },
	{ "de", "not expanded on remap" },
	{ "ac", "accountable" },
	{ "nr", "swap not reserved" },
	{ "ht", "hugetlb pages" },
	{ "sf", "synchronous page faults" },
	{ "ar", "architecture specific" },
	{ "wf", "wiped on fork" },
	{ "dd", "not in core dumps" },
	{ "sd", "soft dirty" },
	{ "mm", "mixed map" },
	{ "hg", "huge pages advised" },
	{ "nh", "no huge pages advised" },
	{ "mg", "mergeable (KSM) advised" },
	{ "bt", "arm64 BTI guarded" },
	{ "mt", "arm64 MTE tags" },
	{ "um", "userfaultfd missing" },
	{ "uw", "userfaultfd write-protect" },
	{ "ui", "userfaultfd minor" },
	{ "ss", "shadow stack" },
	{ "sl", "sealed" },
	{ "lf", "lock on fault" },
	{ "dp", "always lazily freeable" },
	{ "gu", "may hold guard regions" },
};

static const char *vmflag_name(const char *flag)
{
	for (size_t i = 0; i < sizeof(vmflag_names) / sizeof(*vmflag_names);
	     i++)
		if (!strcmp(vmflag_names[i][0], flag))
			return vmflag_names[i][1];
	return "unknown to memscope";
}

/* A line of the detail page: "key   value" (value escaped). */
/* The explain id of a detail line's key, or NULL (a VmFlags token). */
static const char *detail_id(const char *key)
{
	static const char *const map[][2] = {
		{ "start", "vma.v.range" },
		{ "end", "vma.v.range" },
		{ "perms", "vma.v.perms" },
		{ "offset", "vma.v.offset" },
		{ "device", "vma.v.dev" },
		{ "inode", "vma.v.inode" },
		{ "path", "vma.v.path" },
		{ "kind", "vma.d.kind" },
		{ "Size", "vma.v.size" },
		{ "KernelPageSize", "vma.d.kernelpagesize" },
		{ "Rss", "vma.v.rss" },
		{ "Pss", "vma.v.pss" },
		{ "Shared_Clean", "vma.v.shrc" },
		{ "Shared_Dirty", "vma.v.shrd" },
		{ "Private_Clean", "vma.v.privc" },
		{ "Private_Dirty", "vma.v.privd" },
		{ "Referenced", "vma.d.referenced" },
		{ "Anonymous", "vma.v.anon" },
		{ "AnonHugePages", "vma.v.ahp" },
		{ "ShmemPmdMapped", "vma.d.shmempmd" },
		{ "Swap", "vma.v.swap" },
		{ "SwapPss", "vma.d.swappss" },
		{ "Locked", "vma.v.locked" },
		{ "THPeligible", "vma.v.thp" },
		{ "VmFlags", "vma.v.flags" },
		{ "policy", "vma.d.policy" },
		{ "pages per node", "vma.v.nodes" },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(map[i][0], key))
			return map[i][1];
	return NULL;
}

static void detail_kv(struct ms_page *l, const char *key, const char *val)
{
	char esc[1024], kesc[64];
	int y;

	ms_page_tag(l, detail_id(key));
	y = ms_page_next(l);

	/* a key may be a VmFlags token: kernel text too */
	if (y >= 0)
		ms_kv_line(l->w, y, l->r.x + 2, l->r.w - 2, 18,
			   ms_esc(kesc, sizeof(kesc), key),
			   ms_esc(esc, sizeof(esc), val), 0);
}

static void detail_kb(struct ms_page *l, const char *key, uint64_t kb)
{
	char buf[48], sh[16];

	if (ms_have(kb) && kb >= 1024)
		snprintf(buf, sizeof(buf), "%" PRIu64 " kB (%s)", kb,
			 ms_fmt_kb(sh, sizeof(sh), kb));
	else if (ms_have(kb))
		snprintf(buf, sizeof(buf), "%" PRIu64 " kB", kb);
	else
		snprintf(buf, sizeof(buf), "-");
	detail_kv(l, key, buf);
}

static void detail_maps(struct ms_page *l, const struct ms_vma *m)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%016" PRIx64, m->start);
	detail_kv(l, "start", buf);
	snprintf(buf, sizeof(buf), "%016" PRIx64, m->end);
	detail_kv(l, "end", buf);
	detail_kb(l, "size", (m->end - m->start) / 1024);
	detail_kv(l, "perms", m->perms);
	snprintf(buf, sizeof(buf), "%" PRIx64, m->offset);
	detail_kv(l, "offset", buf);
	detail_kv(l, "device", m->dev);
	snprintf(buf, sizeof(buf), "%" PRIu64, m->inode);
	detail_kv(l, "inode", buf);
	detail_kv(l, "path", m->path ? m->path : "(none)");
	detail_kv(l, "kind", kind_name(m->kind));
}

static void detail_smaps(struct ms_page *l, const struct ms_vma *m)
{
	const struct {
		const char *key;
		uint64_t v;
	} kb[] = {
		{ "Size", m->size_kb },
		{ "KernelPageSize", m->kernel_page_kb },
		{ "Rss", m->rss_kb },
		{ "Pss", m->pss_kb },
		{ "Shared_Clean", m->shared_clean },
		{ "Shared_Dirty", m->shared_dirty },
		{ "Private_Clean", m->private_clean },
		{ "Private_Dirty", m->private_dirty },
		{ "Referenced", m->referenced },
		{ "Anonymous", m->anonymous },
		{ "AnonHugePages", m->anon_huge_kb },
		{ "ShmemPmdMapped", m->shmem_pmd_kb },
		{ "Swap", m->swap_kb },
		{ "SwapPss", m->swap_pss_kb },
		{ "Locked", m->locked_kb },
	};
	char buf[16];

	for (size_t i = 0; i < sizeof(kb) / sizeof(kb[0]); i++)
		detail_kb(l, kb[i].key, kb[i].v);
	detail_kv(l, "THPeligible",
		  ms_fmt_u64(buf, sizeof(buf), m->thp_eligible));
}

static void detail_flags(struct ms_page *l, const struct ms_vma *m)
{
	char flags[sizeof(m->vmflags)], *save = NULL, *f;

	detail_kv(l, "VmFlags", m->vmflags[0] ? m->vmflags : "-");
	snprintf(flags, sizeof(flags), "%s", m->vmflags);
	for (f = strtok_r(flags, " ", &save); f; f = strtok_r(NULL, " ", &save))
		detail_kv(l, f, vmflag_name(f));
}

static void detail_numa(struct ms_page *l, const struct ms_vma *m,
			uint64_t page_size)
{
	char key[16], buf[64], sz[16];

	detail_kv(l, "policy", m->policy[0] ? m->policy : "-");
	fmt_nodes(buf, sizeof(buf), m);
	detail_kv(l, "pages per node", buf);
	for (int i = 0; i < m->nr_nodes; i++) {
		snprintf(key, sizeof(key), "node %d", m->node_id[i]);
		snprintf(buf, sizeof(buf), "%" PRIu64 " pages (%s)",
			 m->node_pages[i],
			 ms_fmt_pages(sz, sizeof(sz), m->node_pages[i],
				      page_size));
		detail_kv(l, key, buf);
	}
}

/* Which process and VMA this is, the way back. */
static void detail_head(struct vma_view *v, struct ms_page *l,
			const struct ms_vma *m)
{
	char buf[640], comm[MS_NAME * 4], name[256];
	int y = ms_page_next(l);

	if (y < 0)
		return;
	ms_esc(comm, sizeof(comm),
	       v->cur->vmas.comm[0] ? v->cur->vmas.comm : v->comm);
	ms_esc(name, sizeof(name), vma_name(m));
	snprintf(buf, sizeof(buf),
		 "pid %d %s: %" PRIx64 "-%" PRIx64 " %s  "
		 "(Esc back)",
		 v->pid, comm, m->start, m->end, name);
	ms_put(l->w, y, l->r.x, l->r.w, MS_LEFT, true, ms_attr(MS_C_HEADER),
	       buf);
}

static void draw_detail(struct vma_view *v, WINDOW *w, struct ms_rect r)
{
	const struct ms_vma *m;
	struct ms_page l;
	char buf[128];

	if (!vmas_here(v))
		return draw_gone(v, w, r);
	m = find_vma(&v->cur->vmas, v->detail_start);
	if (!m) {
		snprintf(buf, sizeof(buf),
			 "The VMA at %" PRIx64 " is no longer "
			 "mapped. Esc: back to the list",
			 v->detail_start);
		ms_message(w, r, ms_attr(MS_C_WARNING), buf);
		return;
	}
	ms_page_begin(&l, w, r, &v->dscroll);
	detail_head(v, &l, m);
	ms_page_title(&l, "Mapping (/proc/PID/maps)", v->base.ui);
	detail_maps(&l, m);
	ms_page_title(&l, "Memory (/proc/PID/smaps)", v->base.ui);
	detail_smaps(&l, m);
	ms_page_title(&l, "VmFlags", v->base.ui);
	detail_flags(&l, m);
	ms_page_title(&l, "NUMA placement (/proc/PID/numa_maps)", v->base.ui);
	if (v->cur->vmas.has_numa) {
		detail_numa(&l, m, v->cur->slab.page_size);
	} else {
		const char *why = ms_note_why(v->cur, "numa_maps");

		detail_kv(&l, "numa_maps", why ? why : "not available");
	}
	ms_page_end(&l);
}

/* ---- the maple tree ---------------------------------------------------- */

static void draw_maple(struct vma_view *v, WINDOW *w, struct ms_rect r)
{
	char title[256], comm[MS_NAME * 4];

	snprintf(title, sizeof(title),
		 "pid %d %s: maple tree (mm->mm_mt, memscope.ko)  r read "
		 "again  Esc back",
		 v->pid, ms_esc(comm, sizeof(comm), v->comm));
	ms_maple_view_draw(&v->mv, w, r, v->base.ui, title);
}

/*
 * The maple tree of pid, read by the next sample; from the VMA list, its
 * leaf slot holding the selected VMA is marked.
 */
static enum ms_key_result open_maple(struct vma_view *v, uint64_t mark)
{
	v->maple_from = v->mode;
	v->mode = MAPLE;
	v->maple_pending = true;
	v->mv.have = false;
	v->mv.why[0] = '\0';
	v->mv.sc.top = 0;
	v->mv.mark = 0;
	if (mark)
		ms_maple_view_mark(&v->mv, mark);
	return MS_KEY_RESAMPLE;
}

static enum ms_key_result maple_key(struct vma_view *v, int key)
{
	if (ms_key_is_back(key)) {
		v->mode = v->maple_from;
		v->waiting = true; /* its data was not read meanwhile */
		return MS_KEY_RESAMPLE;
	}
	if (key == 'r') {
		v->maple_pending = true;
		return MS_KEY_RESAMPLE;
	}
	return ms_maple_view_key(&v->mv, key);
}

/* ---- the view ---------------------------------------------------------- */

static void vma_destroy(struct ms_view *base);

static struct ms_view *vma_create(const struct ms_ui *ui)
{
	struct vma_view *v = calloc(1, sizeof(*v));

	if (!v)
		return NULL;
	v->base.cls = &ms_view_vma;
	v->base.ui = ui;
	v->pdef = (struct ms_table_def){
		.cols = v->pcols,
		.cell = proc_cell,
		.cmp = proc_cmp,
		.attr = proc_attr,
		.key = proc_key,
	};
	ms_table_init(&v->ptab, &v->pdef, v, ui, -1, true);
	proc_columns(v, false, 0);
	v->ptab.empty = "no processes";
	v->vdef = (struct ms_table_def){
		.cols = v->vcols,
		.cell = vma_cell,
		.cmp = vma_cmp,
		.attr = vma_attr,
		.key = vma_key,
	};
	v->sort_field = -1; /* address order, as maps lists them */
	choose_fields(v, 80);
	ms_table_init(&v->vtab, &v->vdef, v, ui, -1, false);
	if (ms_gpanel_init(&v->graph, MS_GRAPH_VMA_SERIES)) {
		vma_destroy(&v->base);
		return NULL;
	}
	return &v->base;
}

static void vma_destroy(struct ms_view *base)
{
	struct vma_view *v = (struct vma_view *)base;

	ms_table_free(&v->ptab);
	ms_table_free(&v->vtab);
	ms_maple_view_free(&v->mv);
	ms_gpanel_free(&v->graph);
	free(v->prow);
	free(v);
}

static void vma_request(struct ms_view *base, struct ms_request *req)
{
	struct vma_view *v = (struct vma_view *)base;

	if (v->mode == PROCS) {
		req->sections |= MS_SEC_BIT(MS_SEC_PROCS);
		if (v->faults)
			req->sections |= MS_SEC_BIT(MS_SEC_FAULT_EVENTS);
		return;
	}
	if (v->mode == MAPLE) {
		if (v->maple_pending) {
			req->sections |= MS_SEC_BIT(MS_SEC_MAPLE);
			req->maple_pid = v->pid;
		}
		return;
	}
	/* the drill-down's line of faults */
	req->sections |= MS_SEC_BIT(MS_SEC_VMAS) |
			 MS_SEC_BIT(MS_SEC_FAULT_EVENTS);
	req->pid = v->pid;
}

static void vma_update(struct ms_view *base, const struct ms_snapshot *cur,
		       const struct ms_snapshot *prev)
{
	struct vma_view *v = (struct vma_view *)base;

	v->cur = cur;
	v->waiting = false;
	if (!cur)
		return;
	if (v->mode == PROCS) {
		if (v->faults && cur->fault_events.fields != v->pfields &&
		    (cur->have & MS_SEC_BIT(MS_SEC_FAULT_EVENTS)))
			proc_columns(v, true, cur->fault_events.fields);
		proc_rows(v);
		ms_graph_vma_feed(&v->graph, cur, selected_pid(v), base->ui);
	} else if (v->mode == MAPLE) {
		if (v->maple_pending)
			ms_maple_view_set(&v->mv, cur, v->pid);
		v->maple_pending = false;
	} else {
		vma_rows(v);
		ms_graph_vma_feed(&v->graph, cur, v->pid, base->ui);
	}
}

static void vma_draw(struct ms_view *base, WINDOW *w, struct ms_rect r)
{
	struct vma_view *v = (struct vma_view *)base;

	ms_fill(w, r, ms_attr(MS_C_NORMAL));
	if (!v->cur || r.h <= 0 || r.w <= 0)
		return;
	if (v->mode == PROCS)
		draw_procs(v, w, r);
	else if (v->mode == MAPS)
		draw_maps(v, w, r);
	else if (v->mode == MAPLE)
		draw_maple(v, w, r);
	else
		draw_detail(v, w, r);
}

/* Drill into the selected process: a new sample with its VMAs. */
static enum ms_key_result open_process(struct vma_view *v)
{
	int row = ms_table_selected(&v->ptab);
	const struct ms_proc *p;

	if (row < 0 || !v->cur)
		return MS_KEY_DONE;
	p = proc_at(v, row);
	v->pid = p->pid;
	snprintf(v->comm, sizeof(v->comm), "%s", p->comm);
	v->mode = MAPS;
	v->waiting = true;
	/* a new process: start at its first VMA, keep the sort */
	v->vtab.sel = v->vtab.top = 0;
	v->vtab.sel_key[0] = '\0';
	v->vtab.filter[0] = '\0';
	v->vtab.editing = false;
	ms_table_set_rows(&v->vtab, 0);
	return MS_KEY_RESAMPLE;
}

static enum ms_key_result procs_key(struct vma_view *v, int key)
{
	enum ms_key_result res = ms_table_key(&v->ptab, key);

	if (res != MS_KEY_PASS || v->ptab.editing)
		return res;
	if (ms_key_is_enter(key))
		return open_process(v);
	if (key == 't' && v->cur) {
		int row = ms_table_selected(&v->ptab);

		if (row < 0)
			return MS_KEY_DONE;
		v->pid = proc_at(v, row)->pid;
		snprintf(v->comm, sizeof(v->comm), "%s", proc_at(v, row)->comm);
		return open_maple(v, 0);
	}
	if (key == 'H') {
		ms_gpanel_toggle(&v->graph);
		return MS_KEY_DONE;
	}
	if (key == 'k' && v->cur) {
		v->kthreads = !v->kthreads;
		proc_rows(v);
		return MS_KEY_DONE;
	}
	if (key == 'f') {
		proc_columns(v, !v->faults, v->pfields);
		if (v->cur)
			proc_rows(v);
		return MS_KEY_RESAMPLE; /* the fault group starts or stops */
	}
	return MS_KEY_PASS;
}

static enum ms_key_result maps_key(struct vma_view *v, int key)
{
	enum ms_key_result res;
	int row;

	if (!v->vtab.editing && !v->vtab.filter[0] && ms_key_is_back(key)) {
		v->mode = PROCS;
		v->waiting = true;
		return MS_KEY_RESAMPLE;
	}
	if (!v->vtab.editing && key == 'H') {
		ms_gpanel_toggle(&v->graph);
		return MS_KEY_DONE;
	}
	if (!v->vtab.editing && key == 't') {
		row = ms_table_selected(&v->vtab);
		return open_maple(v, row >= 0 && vmas_here(v) ?
					     vma_at(v, row)->start :
					     0);
	}
	res = ms_table_key(&v->vtab, key);
	if (v->vtab.sort_col >= 0)
		v->sort_field = v->vfield[v->vtab.sort_col];
	if (res != MS_KEY_PASS || !ms_key_is_enter(key))
		return res;
	row = ms_table_selected(&v->vtab);
	if (row < 0 || !vmas_here(v))
		return MS_KEY_DONE;
	v->detail_start = vma_at(v, row)->start;
	v->dscroll.top = 0;
	v->mode = DETAIL;
	return MS_KEY_DONE;
}

static enum ms_key_result vma_key_press(struct ms_view *base, int key)
{
	struct vma_view *v = (struct vma_view *)base;

	switch (v->mode) {
	case PROCS:
		return procs_key(v, key);
	case MAPS:
		return maps_key(v, key);
	case MAPLE:
		return maple_key(v, key);
	case DETAIL:
		break;
	}
	if (ms_key_is_back(key)) {
		v->mode = MAPS;
		return MS_KEY_DONE;
	}
	return ms_scroll_key(&v->dscroll, key) ? MS_KEY_DONE : MS_KEY_PASS;
}

static const char *vma_hints(struct ms_view *base)
{
	struct vma_view *v = (struct vma_view *)base;

	switch (v->mode) {
	case PROCS:
		snprintf(v->hint, sizeof(v->hint),
			 "Enter mappings  t maple tree  k kernel threads  "
			 "f %s  H graph  %s",
			 v->faults ? "memory" : "faults",
			 ms_table_hints(&v->ptab));
		break;
	case MAPS:
		if (!v->waiting && v->cur && !vmas_here(v))
			return "Esc back to the processes";
		snprintf(v->hint, sizeof(v->hint),
			 "Enter VMA fields  t maple tree  H graph  Esc processes  "
			 "%s",
			 ms_table_hints(&v->vtab));
		break;
	case DETAIL:
		return "Up/Down scroll  Esc back to the mappings";
	case MAPLE:
		return "Up/Down/PgUp/PgDn scroll  v slots  ]/[ next/prev node  "
		       "r read again  Esc back";
	}
	return v->hint;
}

/* ---- Explain ids of each page ---------------------------------------- */

#define EXPLAIN_PROCS                                                     \
	"vma.p.pid", "vma.p.user", "vma.p.rss", "vma.p.pss", "vma.p.swap", \
		"vma.p.vmas", "vma.p.minflt", "vma.p.majflt", "vma.p.comm", \
		"vma.p.flt", "vma.p.wp", "vma.p.lock", "vma.p.cow",         \
		"vma.p.anon", "vma.p.file", "vma.p.lockmax"
#define EXPLAIN_FIELDS                                                    \
	"vma.v.range", "vma.v.size", "vma.v.perms", "vma.v.offset",       \
		"vma.v.dev", "vma.v.inode", "vma.v.rss", "vma.v.pss",       \
		"vma.v.swap", "vma.v.anon", "vma.v.ahp", "vma.v.privc",     \
		"vma.v.privd", "vma.v.shrc", "vma.v.shrd", "vma.v.locked",  \
		"vma.v.thp", "vma.v.nodes", "vma.v.flags", "vma.v.path"

static const char *const maps_ids[] = { "vma.m.summary", "vma.m.faults",
					NULL };
/* The detail page's fields, in its order. */
static const char *const detail_ids[] = {
	"vma.v.range", "vma.v.perms", "vma.v.offset", "vma.v.dev",
	"vma.v.inode", "vma.v.path", "vma.d.kind", "vma.v.size",
	"vma.d.kernelpagesize", "vma.v.rss", "vma.v.pss", "vma.v.shrc",
	"vma.v.shrd", "vma.v.privc", "vma.v.privd", "vma.d.referenced",
	"vma.v.anon", "vma.v.ahp", "vma.d.shmempmd", "vma.v.swap",
	"vma.d.swappss", "vma.v.locked", "vma.v.thp", "vma.v.flags",
	"vma.d.policy", "vma.v.nodes", NULL,
};
#define EXPLAIN_MAPLE                                                     \
	"vma.mt.summary", "vma.mt.level", "vma.mt.nodes", "vma.mt.types", \
		"vma.mt.slots", "vma.mt.fanout", "vma.mt.vmas",             \
		"vma.mt.gaps", "vma.mt.node", "vma.mt.slot"
static const char *const maple_ids[] = { EXPLAIN_MAPLE, NULL };
/* Every id the tab shows on some page (the tests walk them). */
static const char *const all_ids[] = {
	EXPLAIN_PROCS, "vma.m.summary", "vma.m.faults", EXPLAIN_FIELDS,
	"vma.d.kind", "vma.d.kernelpagesize", "vma.d.referenced",
	"vma.d.shmempmd", "vma.d.swappss", "vma.d.policy", EXPLAIN_MAPLE,
	NULL,
};

static void add_ids(struct ms_explain_ids *e, const char *const *ids)
{
	for (; *ids; ids++)
		ms_explain_add(e, *ids);
}

static void vma_explain(struct ms_view *view, struct ms_explain_ids *e)
{
	struct vma_view *v = (struct vma_view *)view;

	switch (v->mode) {
	case PROCS:
		ms_table_explain(&v->ptab, e);
		break;
	case MAPS:
		add_ids(e, maps_ids);
		ms_table_explain(&v->vtab, e);
		break;
	case DETAIL:
		ms_page_explain(&v->dscroll, view->ui, e, detail_ids);
		break;
	case MAPLE:
		add_ids(e, maple_ids);
		break;
	}
}

const struct ms_view_class ms_view_vma = {
	.name = "VMA",
	.id = "vma",
	.create = vma_create,
	.destroy = vma_destroy,
	.request = vma_request,
	.update = vma_update,
	.draw = vma_draw,
	.on_key = vma_key_press,
	.hints = vma_hints,
	.explain = vma_explain,
	.explain_all = all_ids,
};
