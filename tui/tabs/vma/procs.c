// SPDX-License-Identifier: GPL-2.0
/*
 * The VMA tab's process list: memory columns, or the fault group's
 * columns (`f`, bpf), kernel threads shown or hidden (`k`).
 */
#include "tui/tabs/vma/vma.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/procage.h"

/*
 * The user as the sample names it (the backend read the tree's passwd; a
 * recording keeps the name); "#uid" where it has none, as a bare 0 reads
 * as a count.
 */
static void user_cell(char *buf, size_t len, const struct ms_proc *p)
{
	if (p->user[0])
		snprintf(buf, len, "%s", p->user);
	else if (p->uid == UINT32_MAX)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "#%" PRIu32, p->uid);
}

static const struct ms_column proc_cols[NR_PCOLS] = {
	[P_PID] = { .title = "PID",
		    .width = 7,
		    .align = MS_RIGHT,
		    .id = "vma.p.pid",
		    .key = 'n' },
	[P_USER] = { .title = "User",
		     .width = 8,
		     .align = MS_LEFT,
		     .id = "vma.p.user",
		     .key = 'u' },
	[P_RSS] = { .title = "RSS",
		    .width = 7,
		    .align = MS_RIGHT,
		    .id = "vma.p.rss",
		    .key = 'm' },
	[P_PSS] = { .title = "PSS",
		    .width = 7,
		    .align = MS_RIGHT,
		    .id = "vma.p.pss",
		    .key = 'p' },
	[P_SWAP] = { .title = "Swap",
		     .width = 7,
		     .align = MS_RIGHT,
		     .id = "vma.p.swap",
		     .key = 'w' },
	[P_VMAS] = { .title = "VMAs",
		     .width = 6,
		     .align = MS_RIGHT,
		     .id = "vma.p.vmas",
		     .key = 'v' },
	[P_MINFLT] = { .title = "MinFlt/s",
		       .width = 9,
		       .align = MS_RIGHT,
		       .id = "vma.p.minflt" },
	[P_MAJFLT] = { .title = "MajFlt/s",
		       .width = 9,
		       .align = MS_RIGHT,
		       .id = "vma.p.majflt" },
	[P_CGROUP] = { .title = "Cgroup",
		       .width = 28,
		       .align = MS_LEFT,
		       .path = true,
		       .id = "vma.p.cgroup" },
	/* a whole comm (15 bytes) before a Cgroup column is given room */
	[P_COMM] = { .title = "Command",
		     .width = MS_COL_FLEX,
		     .min = 16,
		     .align = MS_LEFT,
		     .id = "vma.p.comm",
		     .key = 'c' },
	[P_FLT] = { .title = "Flt/s",
		    .width = 8,
		    .align = MS_RIGHT,
		    .id = "vma.p.flt" },
	[P_WP] = { .title = "WP/s",
		   .width = 7,
		   .align = MS_RIGHT,
		   .id = "vma.p.wp" },
	[P_LOCK] = { .title = "Lock ms/s",
		     .width = 9,
		     .align = MS_RIGHT,
		     .id = "vma.p.lock" },
	[P_COW] = { .title = "COW/s",
		    .width = 7,
		    .align = MS_RIGHT,
		    .id = "vma.p.cow" },
	[P_ANON] = { .title = "Anon/s",
		     .width = 7,
		     .align = MS_RIGHT,
		     .id = "vma.p.anon" },
	[P_FILE] = { .title = "File/s",
		     .width = 7,
		     .align = MS_RIGHT,
		     .id = "vma.p.file" },
	[P_LOCKMAX] = { .title = "LockMax",
			.width = 8,
			.align = MS_RIGHT,
			.id = "vma.p.lockmax" },
};

/*
 * the cgroup last: from about 110 columns, where Command keeps a whole
 * comm (its least width, 16), else shifted in (Right)
 */
static const int mem_cols[] = { P_PID,	P_USER,	  P_RSS,    P_PSS,  P_SWAP,
				P_VMAS, P_MINFLT, P_MAJFLT, P_COMM, P_CGROUP };
/*
 * Command lines (`l`) before the procfs fault rates: at 80 columns the
 * rates give way to them, from about 100 they are there too
 */
static const int cmd_cols[] = { P_PID,	P_USER, P_RSS,	  P_PSS,    P_SWAP,
				P_VMAS, P_COMM, P_MINFLT, P_MAJFLT, P_CGROUP };
#define CMD_MIN 30 /* the command line's narrowest column */
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

const struct ms_proc *ms_vma_proc_at(const void *ctx, int row)
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

/*
 * The Command column: the command line (`l`), its program without its
 * directory as ps and htop show it ("python3 a.py", not
 * "/usr/bin/python3 a.py"), so the arguments that tell processes apart
 * fit; or the name.
 */
static const char *proc_name(const struct vma_view *v, const struct ms_proc *p,
			     char *buf, size_t len)
{
	const char *prog = p->cmdline, *c;

	for (c = prog; *c && *c != ' '; c++)
		if (*c == '/' && c[1] && c[1] != ' ')
			prog = c + 1;
	if (v->cmdline && p->cmdline[0])
		snprintf(buf, len, "%s", prog);
	else /* kernel threads in brackets, as ps shows them */
		snprintf(buf, len, p->kthread ? "[%s]" : "%s", p->comm);
	return buf;
}

/* F5: the Command column indented under its parent ("  └ "). */
static void tree_prefix(const struct vma_view *v, int row, char *buf,
			size_t len)
{
	int d = v->tree ? ms_vma_tree_depth(v, v->prow[row]) : 0;
	size_t off = 0;

	buf[0] = '\0';
	for (int k = 1; k < d && off + 2 < len && k < 16; k++)
		off += (size_t)snprintf(buf + off, len - off, "  ");
	if (d > 0)
		snprintf(buf + off, len - off, "%s",
			 v->base.ui->utf8 ? "\u2514 " : "`- ");
}

static void proc_cell(const void *ctx, int row, int col, char *buf, size_t len)
{
	const struct vma_view *v = ctx;
	const struct ms_proc *p = ms_vma_proc_at(ctx, row);

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
	case P_CGROUP:
		snprintf(buf, len, "%s", p->cgroup[0] ? p->cgroup : "-");
		break;
	default:
		tree_prefix(v, row, buf, len);
		proc_name(v, p, buf + strlen(buf), len - strlen(buf));
	}
}

static int value_cmp(const struct vma_view *v, const struct ms_proc *x,
		     const struct ms_proc *y, int col)
{
	char nx[MS_CMDLINE + 2], ny[MS_CMDLINE + 2];

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
	case P_CGROUP:
		return strcmp(x->cgroup, y->cgroup);
	}
	return strcmp(proc_name(v, x, nx, sizeof(nx)),
		      proc_name(v, y, ny, sizeof(ny)));
}

/* Two siblings of the tree (indices into procs.v) by the sort column. */
static int sibling_cmp(const struct vma_view *v, int a, int b)
{
	return value_cmp(v, &v->cur->procs.v[a], &v->cur->procs.v[b],
			 v->ptab.sort_col);
}

static int proc_cmp(const void *ctx, int a, int b, int col)
{
	const struct vma_view *v = ctx;

	if (v->tree)
		return ms_vma_tree_cmp(v, v->prow[a], v->prow[b], sibling_cmp);
	return value_cmp(v, ms_vma_proc_at(ctx, a), ms_vma_proc_at(ctx, b),
			 col);
}

static void proc_key(const void *ctx, int row, char *buf, size_t len)
{
	snprintf(buf, len, "%d", ms_vma_proc_at(ctx, row)->pid);
}

/* The filter matches the cgroup too ("/system.slice/ssh"). */
static void proc_also(const void *ctx, int row, char *buf, size_t len)
{
	snprintf(buf, len, "%s", ms_vma_proc_at(ctx, row)->cgroup);
}

/* PSS, swap and the VMA count older than the bound, or of another RSS. */
static bool stale(const struct vma_view *v, const struct ms_proc *p)
{
	return ms_proc_stale(p, ms_proc_age_bound(v->base.ui->interval));
}

static attr_t proc_attr(const void *ctx, int row, int col)
{
	const struct vma_view *v = ctx;
	const struct ms_proc *p = ms_vma_proc_at(ctx, row);

	col = v->pset[col];
	if ((col == P_PSS || col == P_SWAP || col == P_VMAS) && stale(v, p))
		return ms_attr(MS_C_DIM);
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
 * when both sets ms_have_sec it, else the set's first number column.
 */
void ms_vma_proc_columns(struct vma_view *v, bool faults, unsigned int fields)
{
	const int *set = faults ? fault_cols : v->cmdline ? cmd_cols : mem_cols;
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
		if (set[i] == P_COMM && v->cmdline) {
			v->pcols[k].title = "Command line";
			v->pcols[k].id = "vma.p.cmdline";
			v->pcols[k].min = CMD_MIN;
		}
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
void ms_vma_proc_rows(struct vma_view *v)
{
	const struct ms_procs *ps = &v->cur->procs;
	int n = ms_have_sec(v->cur, MS_SEC_PROCS) ? ps->n : 0;

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
	if (v->tree && ms_vma_tree_build(v))
		v->tree = false; /* no memory for it: the flat list */
	ms_table_set_rows(&v->ptab, v->nprow);
}

/* The pid of the selected process, 0 for none. */
int ms_vma_selected_pid(const struct vma_view *v)
{
	int row = ms_table_selected(&v->ptab);

	return row >= 0 ? ms_vma_proc_at(v, row)->pid : 0;
}

/* What the dim PSS, Swap and VMAs mean (tui/procage.h). */
static const char *age_line(const struct vma_view *v, char *buf, size_t len)
{
	int row = ms_table_selected(&v->ptab), n = 0;

	for (int i = 0; i < v->nprow; i++)
		n += stale(v, ms_vma_proc_at(v, i));
	return ms_proc_age_line(buf, len,
				row >= 0 ? ms_vma_proc_at(v, row) : NULL, n,
				ms_proc_age_bound(v->base.ui->interval));
}

void ms_vma_procs_draw(struct vma_view *v, WINDOW *w, struct ms_rect r)
{
	char buf[256], note[200];
	struct ms_rect g;
	const char *why;
	int row;

	if (!ms_have_sec(v->cur, MS_SEC_PROCS)) {
		ms_message(w, r, ms_attr(MS_C_NOTE),
			   v->waiting ? "Reading processes..." :
					ms_why_missing(buf, sizeof(buf), v->cur,
						       MS_SEC_PROCS));
		return;
	}
	snprintf(buf, sizeof(buf),
		 "Processes: %d shown, %d kernel threads %s%s", v->ptab.n,
		 v->nkthreads, v->kthreads ? "shown" : "hidden",
		 !v->faults ?
			 "" :
		 ms_have_sec(v->cur, MS_SEC_FAULT_EVENTS) ?
			 "; faults per second (bpf), MinFlt/MajFlt (procfs)" :
			 "; faults (bpf) unavailable");
	ms_title(w, r.y, r.x, r.w, buf, v->base.ui);
	r.y++, r.h--;
	why = v->faults ? ms_live_fault_gaps(note, sizeof(note), v->cur) : NULL;
	if (!why)
		why = ms_vma_note_text(v->cur, "proc", note, sizeof(note));
	if (why && r.h > 4) {
		ms_put_esc_cut(w, r.y, r.x, r.w, ms_attr(MS_C_NOTE), why,
			       v->base.ui);
		r.y++, r.h--;
	}
	why = !v->faults ? age_line(v, note, sizeof(note)) : NULL;
	v->age_shown = why && r.h > 4;
	if (v->age_shown) {
		ms_put_esc_cut(w, r.y, r.x, r.w, ms_attr(MS_C_DIM), why,
			       v->base.ui);
		ms_explain_mark(w, r.y, r.x, r.w, v->base.ui, "vma.p.age");
		r.y++, r.h--;
	}
	g = ms_gpanel_take(&v->graph, &r);
	row = ms_table_selected(&v->ptab);
	if (g.h && row >= 0)
		ms_graph_vma_draw(&v->graph, w, g, v->cur,
				  ms_vma_proc_at(v, row)->pid,
				  ms_vma_proc_at(v, row)->comm, v->base.ui);
	ms_table_draw(&v->ptab, w, r);
}

void ms_vma_procs_init(struct vma_view *v)
{
	v->pdef = (struct ms_table_def){
		.cols = v->pcols,
		.cell = proc_cell,
		.cmp = proc_cmp,
		.attr = proc_attr,
		.key = proc_key,
		.also = proc_also,
	};
	ms_table_init(&v->ptab, &v->pdef, v, v->base.ui, -1, true);
	ms_vma_proc_columns(v, false, 0);
	v->ptab.empty = "no processes";
}
