// SPDX-License-Identifier: GPL-2.0
/*
 * The VMA tab's process screen (Enter on a process): an address-space
 * summary by kind, then its VMAs with as many smaps fields as fit.
 */
#include "model/field.h"
#include "tui/tabs/vma/vma.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *ms_vma_kind_name(int k)
{
	return ms_name_of(&ms_vma_kind_names, k);
}

/* Width 0: the column is chosen only as width allows, by prio (1 first). */
static const struct {
	struct ms_column col;
	int prio; /* 0: always shown */
} fields[NR_FIELDS] = {
	[F_RANGE] = { { .title = "Address",
			.width = 25,
			.id = "vma.v.range",
			.key = 'a' },
		      0 },
	[F_SIZE] = { { .title = "Size",
		       .width = 6,
		       .align = MS_RIGHT,
		       .id = "vma.v.size",
		       .key = 'z' },
		     0 },
	[F_PERMS] = { { .title = "Perm", .width = 4, .id = "vma.v.perms" }, 0 },
	[F_OFFSET] = { { .title = "Offset",
			 .width = 8,
			 .align = MS_RIGHT,
			 .id = "vma.v.offset" },
		       3 },
	[F_DEV] = { { .title = "Dev", .width = 5, .id = "vma.v.dev" }, 4 },
	[F_INODE] = { { .title = "Inode",
			.width = 9,
			.align = MS_RIGHT,
			.id = "vma.v.inode" },
		      4 },
	[F_RSS] = { { .title = "Rss",
		      .width = 6,
		      .align = MS_RIGHT,
		      .id = "vma.v.rss",
		      .key = 'm' },
		    0 },
	[F_PSS] = { { .title = "Pss",
		      .width = 6,
		      .align = MS_RIGHT,
		      .id = "vma.v.pss",
		      .key = 'p' },
		    0 },
	[F_SWAP] = { { .title = "Swap",
		       .width = 6,
		       .align = MS_RIGHT,
		       .id = "vma.v.swap",
		       .key = 'w' },
		     0 },
	[F_ANON] = { { .title = "Anon",
		       .width = 6,
		       .align = MS_RIGHT,
		       .id = "vma.v.anon" },
		     1 },
	[F_AHP] = { { .title = "AnonHP",
		      .width = 6,
		      .align = MS_RIGHT,
		      .id = "vma.v.ahp" },
		    5 },
	[F_PRIVC] = { { .title = "PrivC",
			.width = 6,
			.align = MS_RIGHT,
			.id = "vma.v.privc" },
		      8 },
	[F_PRIVD] = { { .title = "PrivD",
			.width = 6,
			.align = MS_RIGHT,
			.id = "vma.v.privd" },
		      2 },
	[F_SHRC] = { { .title = "ShrC",
		       .width = 6,
		       .align = MS_RIGHT,
		       .id = "vma.v.shrc" },
		     8 },
	[F_SHRD] = { { .title = "ShrD",
		       .width = 6,
		       .align = MS_RIGHT,
		       .id = "vma.v.shrd" },
		     8 },
	[F_LOCKED] = { { .title = "Lock",
			 .width = 6,
			 .align = MS_RIGHT,
			 .id = "vma.v.locked" },
		       5 },
	[F_THP] = { { .title = "THP",
		      .width = 3,
		      .align = MS_RIGHT,
		      .id = "vma.v.thp" },
		    6 },
	[F_NODES] = { { .title = "Nodes", .width = 14, .id = "vma.v.nodes" },
		      6 },
	[F_FOLIO] = { { .title = "Folio",
			.width = 8,
			.align = MS_RIGHT,
			.id = "vma.f.col" },
		      0 },
	[F_FLAGS] = { { .title = "VmFlags",
			.width = 24,
			.nosort = true,
			.id = "vma.v.flags" },
		      7 },
	[F_PATH] = { { .title = "Mapping",
		       .width = MS_COL_FLEX,
		       .min = PATH_MIN,
		       .path = true,
		       .id = "vma.v.path",
		       .key = 'c' },
		     0 },
};
#define MAX_PRIO 8

const struct ms_vma *ms_vma_at(const void *ctx, int row)
{
	const struct vma_view *v = ctx;

	return &v->cur->vmas.v[row];
}

/* Path, or what the mapping is when it has none. */
const char *ms_vma_name(const struct ms_vma *m)
{
	if (m->path && m->path[0])
		return m->path;
	return m->kind == MS_VMA_ANON ? "[anon]" : ms_vma_kind_name(m->kind);
}

/* "N0=12 N1=3": pages per node from numa_maps. */
void ms_vma_fmt_nodes(char *buf, size_t len, const struct ms_vma *m)
{
	size_t o = 0;

	buf[0] = '\0';
	if (!m->nr_nodes)
		snprintf(buf, len, "-");
	for (int i = 0; i < m->nr_nodes && o < len; i++) {
		char n[24];

		o += (size_t)snprintf(buf + o, len - o, "%sN%d=%s",
				      i ? " " : "", m->node_id[i],
				      ms_fmt_u64(n, sizeof(n),
						 m->node_pages[i]));
	}
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
	const struct ms_vma *m = ms_vma_at(ctx, row);
	int f = v->vfield[col];

	switch (f) {
	case F_RANGE:
		return fmt_range(buf, len, m, v->range_w);
	case F_PERMS:
		snprintf(buf, len, "%s", m->perms);
		return;
	case F_OFFSET:
		snprintf(buf, len, "%" PRIx64, m->offset);
		if (!ms_have(m->offset))
			snprintf(buf, len, "-");
		return;
	case F_DEV:
		snprintf(buf, len, "%s", m->dev);
		return;
	case F_INODE:
		ms_fmt_u64(buf, len, m->inode);
		return;
	case F_THP:
		ms_fmt_u64(buf, len, m->thp_eligible);
		return;
	case F_NODES:
		return ms_vma_fmt_nodes(buf, len, m);
	case F_FOLIO:
		return ms_vma_fmt_folio(buf, len, m);
	case F_FLAGS:
		snprintf(buf, len, "%s", m->vmflags);
		return;
	case F_PATH:
		snprintf(buf, len, "%s", ms_vma_name(m));
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
	const struct ms_vma *x = ms_vma_at(ctx, a), *y = ms_vma_at(ctx, b);

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
	case F_FOLIO:
		return ms_cmp_u64(ms_vma_folio_large_kb(x),
				  ms_vma_folio_large_kb(y));
	case F_FLAGS:
		return strcmp(x->vmflags, y->vmflags);
	case F_PATH:
		return strcmp(ms_vma_name(x), ms_vma_name(y));
	}
	return ms_cmp_u64(vma_kb(x, v->vfield[col]), vma_kb(y, v->vfield[col]));
}

/* A VMA is known by its start address across samples. */
static void vma_key(const void *ctx, int row, char *buf, size_t len)
{
	snprintf(buf, len, "%" PRIx64, ms_vma_at(ctx, row)->start);
}

static attr_t vma_attr(const void *ctx, int row, int col)
{
	const struct vma_view *v = ctx;
	const struct ms_vma *m = ms_vma_at(ctx, row);

	if (v->vfield[col] == F_SWAP && ms_have(m->swap_kb) && m->swap_kb)
		return ms_attr(MS_C_WARNING);
	if (v->vfield[col] == F_PATH && m->kind != MS_VMA_FILE)
		return ms_attr(MS_C_OK);
	return 0;
}

/*
 * Choose the VMA columns that fit width: the mapping always comes last.
 * The optional ones by priority, from the col_skip-th (Right passes one
 * more over, so that at 80 columns each of them can be shown in turn).
 */
void ms_vma_choose_fields(struct vma_view *v, int width)
{
	bool on[NR_FIELDS] = { false }, left_out = false;
	int used = 0, n = 0, order[NR_FIELDS], no = 0;

	v->range_w = range_width(width, v->wide_addr);
	/* the sort chosen last (the F6 menu's too) */
	if (v->vtab.sort_col >= 0 && v->vtab.sort_col < v->vdef.ncols)
		v->sort_field = v->vfield[v->vtab.sort_col];

	for (int f = 0; f < F_PATH; f++)
		if (!fields[f].prio && (f != F_FOLIO || v->folios)) {
			on[f] = true;
			used += (f == F_RANGE ? v->range_w :
						fields[f].col.width) +
				1;
		}
	for (int p = 1; p <= MAX_PRIO; p++)
		for (int f = 0; f < F_PATH; f++)
			if (fields[f].prio == p)
				order[no++] = f;
	if (v->col_skip > no - 1)
		v->col_skip = no > 0 ? no - 1 : 0;
	/* the column sorted by stays, wherever Left/Right are */
	if (v->sort_field > 0 && v->sort_field < F_PATH &&
	    fields[v->sort_field].prio) {
		on[v->sort_field] = true;
		used += fields[v->sort_field].col.width + 1;
	}
	for (int k = v->col_skip; k < no; k++) {
		int f = order[k];
		/* the first one passed to may narrow the mapping to half */
		int room = width -
			   (k == v->col_skip && k ? PATH_MIN / 2 : PATH_MIN);

		if (on[f])
			continue;
		if (used + fields[f].col.width + 1 > room) {
			left_out = true;
			continue;
		}
		on[f] = true;
		used += fields[f].col.width + 1;
	}
	/* the title line marks them; Left/Right bring them in */
	v->vtab.owner_left = v->col_skip > 0;
	v->vtab.owner_right = left_out;
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

void ms_vma_rows(struct vma_view *v)
{
	const struct ms_vmas *vm = &v->cur->vmas;
	bool wide = false;
	int n = 0;

	if (ms_have_sec(v->cur, MS_SEC_VMAS) && vm->pid == v->pid)
		n = vm->n;
	for (int i = 0; i < n && !wide; i++)
		wide = vm->v[i].end > 0xffffffffffffull;
	if (wide != v->wide_addr) {
		v->wide_addr = wide;
		v->vwidth = 0; /* choose the columns again */
	}
	ms_table_set_rows(&v->vtab, n);
}

/* Why the VMAs are not there: the process exited, or no permission. */
void ms_vma_draw_gone(struct vma_view *v, WINDOW *w, struct ms_rect r)
{
	char msg[512], note[300], comm[MS_NAME * 4];
	const char *why = ms_vma_pid_note(v->cur, v->pid, note, sizeof(note));
	int y;

	ms_esc(comm, sizeof(comm), v->comm);
	if (!why && !ms_have_sec(v->cur, MS_SEC_VMAS))
		why = ms_why_missing(note, sizeof(note), v->cur, MS_SEC_VMAS);
	if (!why)
		why = "process exited";
	snprintf(msg, sizeof(msg), "pid %d (%s): %s", v->pid, comm, why);
	ms_esc(note, sizeof(note), msg);
	y = ms_message(w, r, ms_attr(MS_C_CRITICAL), note) + 1;
	if (y < r.y + r.h)
		ms_message(w, (struct ms_rect){ y, r.x, 1, r.w },
			   ms_attr(MS_C_DIM),
			   "Esc or Backspace: back to the "
			   "process list");
}

bool ms_vma_here(const struct vma_view *v)
{
	return ms_have_sec(v->cur, MS_SEC_VMAS) && v->cur->vmas.pid == v->pid;
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

void ms_vma_maps_draw(struct vma_view *v, WINDOW *w, struct ms_rect r)
{
	char note[256];

	if (v->waiting) {
		ms_message(w, r, ms_attr(MS_C_DIM), "Reading the mappings...");
		return;
	}
	if (!ms_vma_here(v))
		return ms_vma_draw_gone(v, w, r);
	maps_title(v, w, r);
	r.y++, r.h--;
	if (r.h >= 10) {
		ms_put_esc_cut(
			w, r.y, r.x, r.w,
			ms_attr(ms_have_sec(v->cur, MS_SEC_FAULT_EVENTS) ?
					MS_C_NORMAL :
					MS_C_NOTE),
			ms_live_fault_line(note, sizeof(note), v->cur, v->pid),
			v->base.ui);
		ms_explain_mark(w, r.y, r.x, r.w, v->base.ui, "vma.m.faults");
		r.y++, r.h--;
	}
	/* the fault group's rates over time, while it runs */
	if (ms_have_sec(v->cur, MS_SEC_FAULT_EVENTS)) {
		struct ms_rect g = ms_gpanel_take(&v->graph, &r);

		if (g.h)
			ms_graph_vma_draw(&v->graph, w, g, v->cur, v->pid,
					  v->comm, v->base.ui);
	}
	if (r.h >= 10) {
		int used = ms_vma_folio_line(v, w, r);

		r.y += used, r.h -= used;
	}
	if (r.h >= 14) {
		int used = ms_vma_draw_summary(v, w, r);

		r.y += used, r.h -= used;
	}
	/* a kernel thread or a zombie: the reader's note says which */
	if (!ms_vma_pid_note(v->cur, v->pid, v->empty, sizeof(v->empty)))
		snprintf(v->empty, sizeof(v->empty), "no mappings");
	v->vtab.empty = v->empty;
	if (!v->cur->vmas.has_smaps && v->cur->vmas.n && r.h > 4) {
		const char *why =
			ms_vma_pid_note(v->cur, v->pid, note, sizeof(note));

		if (!why)
			why = ms_vma_note_text(v->cur, "smaps", note,
					       sizeof(note));
		ms_put_esc_cut(w, r.y, r.x, r.w, ms_attr(MS_C_NOTE),
			       why ? why :
				     "smaps unavailable: Rss/Pss not shown",
			       v->base.ui);
		r.y++, r.h--;
	}
	if (r.w != v->vwidth) {
		ms_vma_choose_fields(v, r.w);
		ms_table_set_rows(&v->vtab, v->vtab.nrows);
	}
	ms_table_draw(&v->vtab, w, r);
}

#define VV(d) ((struct vma_view *)(d)->v)

/* Enter on the process list: its selected process; -p PID: *arg. */
static enum ms_key_result maps_open(struct ms_drill *d)
{
	struct vma_view *v = VV(d);
	int row = ms_table_selected(&v->ptab);
	const struct ms_proc *p;

	if (d->arg) {
		v->pid = *(const int *)d->arg;
	} else {
		if (row < 0 || !v->cur)
			return MS_KEY_PASS;
		p = ms_vma_proc_at(v, row);
		v->pid = p->pid;
		snprintf(v->comm, sizeof(v->comm), "%s", p->comm);
	}
	v->waiting = true;
	/* a new process: start at its first VMA, keep the sort */
	v->vtab.sel = v->vtab.top = 0;
	v->vtab.sel_key[0] = '\0';
	v->vtab.filter[0] = '\0';
	v->vtab.editing = false;
	ms_table_set_rows(&v->vtab, 0);
	return MS_KEY_RESAMPLE;
}

/* Back to the process list, which is read again. */
static enum ms_key_result maps_close(struct ms_drill *d)
{
	VV(d)->waiting = true;
	return MS_KEY_RESAMPLE;
}

static void maps_request(struct ms_drill *d, struct ms_request *req)
{
	/* the drill-down's line of faults */
	req->sections |= MS_SEC_BIT(MS_SEC_VMAS) |
			 MS_SEC_BIT(MS_SEC_FAULT_EVENTS);
	req->pid = VV(d)->pid;
	req->folios = VV(d)->folios;
}

static void maps_update(struct ms_drill *d, const struct ms_snapshot *cur)
{
	ms_vma_rows(VV(d));
	ms_graph_vma_feed(&VV(d)->graph, cur, VV(d)->pid, d->v->ui);
}

static void maps_draw(struct ms_drill *d, WINDOW *w, struct ms_rect r)
{
	ms_vma_maps_draw(VV(d), w, r);
}

static struct ms_table *maps_table(struct ms_drill *d)
{
	return &VV(d)->vtab;
}

/*
 * Pass over one more optional column (d 1) or one fewer (-1), until the
 * columns shown change: one too wide for the width changes nothing.
 */
static void shift_fields(struct vma_view *v, int d)
{
	int before[NR_FIELDS], n = v->vdef.ncols, width = v->vwidth;

	memcpy(before, v->vfield, sizeof(before));
	do {
		v->col_skip += d;
		ms_vma_choose_fields(v, width);
	} while ((d > 0 ? v->vtab.owner_right : v->vtab.owner_left) &&
		 v->vdef.ncols == n &&
		 !memcmp(before, v->vfield, (size_t)n * sizeof(int)));
	ms_table_set_rows(&v->vtab, v->vtab.nrows);
}

static enum ms_key_result maps_key(struct ms_drill *d, int key)
{
	struct vma_view *v = VV(d);
	enum ms_key_result res;
	uint64_t mark = 0;
	int row;

	if (key == 'H')
		return MS_KEY_PASS; /* the stack's: the graph */
	if (key == 'f') {
		v->folios = !v->folios;
		v->vwidth = 0; /* the Folio column comes or goes */
		return MS_KEY_RESAMPLE;
	}
	if (key == 't') {
		row = ms_table_selected(&v->vtab);
		if (row >= 0 && ms_vma_here(v))
			mark = ms_vma_at(v, row)->start;
		return ms_drill_push(d->v, &ms_vma_maple_screen, &mark);
	}
	/* columns left out: one more optional column passed over, or back */
	if (!v->vtab.editing && ((key == KEY_RIGHT && v->vtab.owner_right) ||
				 (key == KEY_LEFT && v->vtab.owner_left))) {
		shift_fields(v, key == KEY_RIGHT ? 1 : -1);
		return MS_KEY_DONE;
	}
	res = ms_table_key(&v->vtab, key);
	if (v->vtab.sort_col >= 0)
		v->sort_field = v->vfield[v->vtab.sort_col];
	if (res != MS_KEY_PASS || !ms_key_is_enter(key))
		return res;
	return ms_drill_push(d->v, &ms_vma_detail_screen, NULL);
}

static const char *maps_hints(struct ms_drill *d)
{
	struct vma_view *v = VV(d);

	if (!v->waiting && v->cur && !ms_vma_here(v)) {
		d->own_hints = true;
		return "Esc back to the processes";
	}
	snprintf(v->hint, sizeof(v->hint),
		 "Enter VMA fields  f folios  t maple tree  H graph  %s",
		 ms_table_hints(&v->vtab));
	return v->hint;
}

static void maps_explain(struct ms_drill *d, struct ms_explain_ids *e)
{
	ms_explain_add(e, "vma.m.summary");
	ms_explain_add(e, "vma.m.faults");
	if (VV(d)->folios)
		ms_explain_add(e, "vma.f.line");
	ms_table_explain(&VV(d)->vtab, e);
}

const struct ms_drill_class ms_vma_maps_screen = {
	.name = "maps",
	.open = maps_open,
	.close = maps_close,
	.request = maps_request,
	.update = maps_update,
	.draw = maps_draw,
	.table = maps_table,
	.key = maps_key,
	.graph = true,
	.hints_fn = maps_hints,
	.back = "processes",
	.explain = maps_explain,
};

void ms_vma_maps_init(struct vma_view *v)
{
	v->vdef = (struct ms_table_def){
		.cols = v->vcols,
		.cell = vma_cell,
		.cmp = vma_cmp,
		.attr = vma_attr,
		.key = vma_key,
	};
	v->sort_field = -1; /* address order, as maps lists them */
	ms_vma_choose_fields(v, 80);
	ms_table_init(&v->vtab, &v->vdef, v, v->base.ui, -1, false);
}
