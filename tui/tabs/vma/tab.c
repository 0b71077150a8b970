// SPDX-License-Identifier: GPL-2.0
/*
 * The VMA tab: processes by memory use; Enter lists one process's VMAs
 * with an address-space summary; Enter again shows every field of a VMA;
 * `t` shows the process's maple tree (memscope.ko, maple.c).
 */
#include "tui/tabs/vma/vma.h"
#include "tui/widgets.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers ---------------------------------------------------- */

/*
 * The reader's note about the process (it exited or could not be read),
 * as "what: why" in buf, or NULL.
 */
const char *ms_vma_pid_note(const struct ms_snapshot *s, int pid, char *buf,
			    size_t len)
{
	const struct ms_note *no = ms_note_of_pid(s, "vmas", pid);

	if (!no)
		return NULL;
	snprintf(buf, len, "%s: %s", no->what, no->why);
	return buf;
}

/* The first note whose what starts with prefix, as "what: why". */
const char *ms_vma_note_text(const struct ms_snapshot *s, const char *prefix,
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
	ms_vma_procs_init(v);
	ms_vma_maps_init(v);
	if (ms_gpanel_init(&v->graph, MS_GRAPH_VMA_SERIES)) {
		vma_destroy(&v->base);
		return NULL;
	}
	/* -p PID: its mappings first; Esc goes to the list, on it */
	if (ui->opts && ui->opts->pid > 0) {
		v->pid = ui->opts->pid;
		v->mode = MAPS;
		v->waiting = true;
		snprintf(v->ptab.sel_key, sizeof(v->ptab.sel_key), "%d",
			 v->pid);
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
	free(v->parent);
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
			ms_vma_proc_columns(v, true, cur->fault_events.fields);
		ms_vma_proc_rows(v);
		ms_graph_vma_feed(&v->graph, cur, ms_vma_selected_pid(v),
				  base->ui);
	} else if (v->mode == MAPLE) {
		if (v->maple_pending)
			ms_maple_view_set(&v->mv, cur, v->pid);
		v->maple_pending = false;
	} else {
		ms_vma_rows(v);
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
		ms_vma_procs_draw(v, w, r);
	else if (v->mode == MAPS)
		ms_vma_maps_draw(v, w, r);
	else if (v->mode == MAPLE)
		draw_maple(v, w, r);
	else
		ms_vma_detail_draw(v, w, r);
}

/* Drill into the selected process: a new sample with its VMAs. */
static enum ms_key_result open_process(struct vma_view *v)
{
	int row = ms_table_selected(&v->ptab);
	const struct ms_proc *p;

	if (row < 0 || !v->cur)
		return MS_KEY_DONE;
	p = ms_vma_proc_at(v, row);
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
		v->pid = ms_vma_proc_at(v, row)->pid;
		snprintf(v->comm, sizeof(v->comm), "%s",
			 ms_vma_proc_at(v, row)->comm);
		return open_maple(v, 0);
	}
	if (key == 'H') {
		ms_gpanel_toggle(&v->graph);
		return MS_KEY_DONE;
	}
	if (key == 'k' && v->cur) {
		v->kthreads = !v->kthreads;
		ms_vma_proc_rows(v);
		return MS_KEY_DONE;
	}
	if (key == KEY_F(5) && v->cur) { /* htop's tree */
		v->tree = !v->tree;
		ms_vma_proc_rows(v);
		return MS_KEY_DONE;
	}
	if (key == 'l') {
		v->cmdline = !v->cmdline;
		ms_vma_proc_columns(v, v->faults, v->pfields);
		if (v->cur)
			ms_vma_proc_rows(v);
		return MS_KEY_DONE;
	}
	if (key == 'f') {
		ms_vma_proc_columns(v, !v->faults, v->pfields);
		if (v->cur)
			ms_vma_proc_rows(v);
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
		return open_maple(v, row >= 0 && ms_vma_here(v) ?
					     ms_vma_at(v, row)->start :
					     0);
	}
	res = ms_table_key(&v->vtab, key);
	if (v->vtab.sort_col >= 0)
		v->sort_field = v->vfield[v->vtab.sort_col];
	if (res != MS_KEY_PASS || !ms_key_is_enter(key))
		return res;
	row = ms_table_selected(&v->vtab);
	if (row < 0 || !ms_vma_here(v))
		return MS_KEY_DONE;
	v->detail_start = ms_vma_at(v, row)->start;
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

	/* a search, filter or sort menu takes the keys: only its own */
	if (v->mode == PROCS && v->ptab.editing)
		return ms_table_hints(&v->ptab);
	if (v->mode == MAPS && v->vtab.editing)
		return ms_table_hints(&v->vtab);
	switch (v->mode) {
	case PROCS:
		snprintf(v->hint, sizeof(v->hint),
			 "Enter mappings  l %s  t maple tree  k kernel "
			 "threads  f %s  H graph  %s",
			 v->cmdline ? "names" : "cmdline",
			 v->faults ? "memory" : "faults",
			 ms_table_hints(&v->ptab));
		break;
	case MAPS:
		if (!v->waiting && v->cur && !ms_vma_here(v))
			return "Esc back to the processes";
		snprintf(
			v->hint, sizeof(v->hint),
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

/* ---- Explain ids of each screen -------------------------------------- */

#define EXPLAIN_PROCS                                                       \
	"vma.p.pid", "vma.p.user", "vma.p.rss", "vma.p.pss", "vma.p.swap",  \
		"vma.p.vmas", "vma.p.minflt", "vma.p.majflt", "vma.p.comm", \
		"vma.p.cmdline", "vma.p.flt", "vma.p.wp", "vma.p.lock",     \
		"vma.p.cow", "vma.p.anon", "vma.p.file", "vma.p.lockmax",   \
		"vma.p.age"
#define EXPLAIN_FIELDS                                                     \
	"vma.v.range", "vma.v.size", "vma.v.perms", "vma.v.offset",        \
		"vma.v.dev", "vma.v.inode", "vma.v.rss", "vma.v.pss",      \
		"vma.v.swap", "vma.v.anon", "vma.v.ahp", "vma.v.privc",    \
		"vma.v.privd", "vma.v.shrc", "vma.v.shrd", "vma.v.locked", \
		"vma.v.thp", "vma.v.nodes", "vma.v.flags", "vma.v.path"

static const char *const maps_ids[] = { "vma.m.summary", "vma.m.faults", NULL };
/* The VMA screen's fields, in its order. */
static const char *const detail_ids[] = {
	"vma.v.range",	    "vma.v.perms", "vma.v.offset",
	"vma.v.dev",	    "vma.v.inode", "vma.v.path",
	"vma.d.kind",	    "vma.v.size",  "vma.d.kernelpagesize",
	"vma.v.rss",	    "vma.v.pss",   "vma.v.shrc",
	"vma.v.shrd",	    "vma.v.privc", "vma.v.privd",
	"vma.d.referenced", "vma.v.anon",  "vma.v.ahp",
	"vma.d.shmempmd",   "vma.v.swap",  "vma.d.swappss",
	"vma.v.locked",	    "vma.v.thp",   "vma.v.flags",
	"vma.d.policy",	    "vma.v.nodes", NULL,
};
#define EXPLAIN_MAPLE                                                          \
	"vma.mt.summary", "vma.mt.level", "vma.mt.nodes", "vma.mt.types",      \
		"vma.mt.slots", "vma.mt.fanout", "vma.mt.vmas", "vma.mt.gaps", \
		"vma.mt.node", "vma.mt.slot"
static const char *const maple_ids[] = { EXPLAIN_MAPLE, NULL };
/* Every id the tab shows on some screen (the tests walk them). */
static const char *const all_ids[] = {
	EXPLAIN_PROCS,	    "vma.m.summary",  "vma.m.faults",
	EXPLAIN_FIELDS,	    "vma.d.kind",     "vma.d.kernelpagesize",
	"vma.d.referenced", "vma.d.shmempmd", "vma.d.swappss",
	"vma.d.policy",	    EXPLAIN_MAPLE,    NULL,
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
		if (v->age_shown)
			ms_explain_add(e, "vma.p.age");
		ms_table_explain(&v->ptab, e);
		break;
	case MAPS:
		add_ids(e, maps_ids);
		ms_table_explain(&v->vtab, e);
		break;
	case DETAIL:
		ms_screen_explain(&v->dscroll, view->ui, e, detail_ids);
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
	.catalog = MS_CATALOG(ms_explain_vma),
};
