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

#define VV(d) ((struct vma_view *)(d)->v)

static enum ms_key_result maple_open(struct ms_drill *d)
{
	struct vma_view *v = VV(d);
	const uint64_t *mark = d->arg;

	d->arg = NULL; /* the opener's */
	v->maple_pending = true;
	v->mv.have = false;
	v->mv.why[0] = '\0';
	v->mv.sc.top = 0;
	v->mv.mark = 0;
	if (mark && *mark)
		ms_maple_view_mark(&v->mv, *mark);
	return MS_KEY_RESAMPLE;
}

static enum ms_key_result maple_close(struct ms_drill *d)
{
	VV(d)->waiting = true; /* its data was not read meanwhile */
	return MS_KEY_RESAMPLE;
}

static void maple_request(struct ms_drill *d, struct ms_request *req)
{
	if (VV(d)->maple_pending) {
		req->sections |= MS_SEC_BIT(MS_SEC_MAPLE);
		req->maple_pid = VV(d)->pid;
	}
}

static void maple_update(struct ms_drill *d, const struct ms_snapshot *cur)
{
	struct vma_view *v = VV(d);

	if (v->maple_pending)
		ms_maple_view_set(&v->mv, cur, v->pid);
	v->maple_pending = false;
}

static void maple_draw(struct ms_drill *d, WINDOW *w, struct ms_rect r)
{
	struct vma_view *v = VV(d);
	char title[256], comm[MS_NAME * 4];

	snprintf(title, sizeof(title),
		 "pid %d %s: maple tree (mm->mm_mt, memscope.ko)  r read "
		 "again  Esc back",
		 v->pid, ms_esc(comm, sizeof(comm), v->comm));
	ms_maple_view_draw(&v->mv, w, r, v->base.ui, title);
}

static enum ms_key_result maple_key(struct ms_drill *d, int key)
{
	if (key == 'r') {
		VV(d)->maple_pending = true;
		return MS_KEY_RESAMPLE;
	}
	return ms_maple_view_key(&VV(d)->mv, key);
}

#define EXPLAIN_MAPLE                                                          \
	"vma.mt.summary", "vma.mt.level", "vma.mt.nodes", "vma.mt.types",      \
		"vma.mt.slots", "vma.mt.fanout", "vma.mt.vmas", "vma.mt.gaps", \
		"vma.mt.node", "vma.mt.slot"
static const char *const maple_ids[] = { EXPLAIN_MAPLE, NULL };

static void maple_explain(struct ms_drill *d, struct ms_explain_ids *e)
{
	(void)d;
	for (const char *const *id = maple_ids; *id; id++)
		ms_explain_add(e, *id);
}

/* It needs neither the process list nor the mappings under it. */
const struct ms_drill_class ms_vma_maple_screen = {
	.name = "maple",
	.open = maple_open,
	.close = maple_close,
	.request = maple_request,
	.update = maple_update,
	.alone = true,
	.draw = maple_draw,
	.key = maple_key,
	.hints = "Up/Down/PgUp/PgDn scroll  v slots  ]/[ next/prev node  "
		 "r read again",
	.explain = maple_explain,
};

/* ---- the view ---------------------------------------------------------- */

static void vma_destroy(struct ms_view *base);

static struct ms_view *vma_create(const struct ms_ui *ui)
{
	struct vma_view *v = calloc(1, sizeof(*v));

	if (!v)
		return NULL;
	v->base.cls = &ms_view_vma;
	v->base.ui = ui;
	ms_drills_init(&v->drills, &v->base, &v->graph);
	ms_vma_procs_init(v);
	ms_vma_maps_init(v);
	if (ms_gpanel_init(&v->graph, MS_GRAPH_VMA_SERIES)) {
		vma_destroy(&v->base);
		return NULL;
	}
	/* -p PID: its mappings first; Esc goes to the list, on it */
	if (ui->opts && ui->opts->pid > 0) {
		snprintf(v->ptab.sel_key, sizeof(v->ptab.sel_key), "%d",
			 ui->opts->pid);
		ms_drill_push(&v->base, &ms_vma_maps_screen,
			      (void *)&ui->opts->pid);
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

	if (ms_drill_top(base)) /* the process list only while it is shown */
		return;
	req->sections |= MS_SEC_BIT(MS_SEC_PROCS);
	if (v->faults)
		req->sections |= MS_SEC_BIT(MS_SEC_FAULT_EVENTS);
}

static void vma_update(struct ms_view *base, const struct ms_snapshot *cur,
		       const struct ms_snapshot *prev)
{
	struct vma_view *v = (struct vma_view *)base;

	v->cur = cur;
	v->waiting = false;
	if (!cur || ms_drill_top(base)) /* the screens update themselves */
		return;
	if (v->faults && cur->fault_events.fields != v->pfields &&
	    (cur->have & MS_SEC_BIT(MS_SEC_FAULT_EVENTS)))
		ms_vma_proc_columns(v, true, cur->fault_events.fields);
	ms_vma_proc_rows(v);
	ms_graph_vma_feed(&v->graph, cur, ms_vma_selected_pid(v), base->ui);
}

static bool vma_frame(struct ms_view *base, WINDOW *w, struct ms_rect *r)
{
	(void)w;
	return ((struct vma_view *)base)->cur && r->h > 0 && r->w > 0;
}

static void vma_draw(struct ms_view *base, WINDOW *w, struct ms_rect r)
{
	ms_vma_procs_draw((struct vma_view *)base, w, r);
}

static enum ms_key_result procs_key(struct vma_view *v, int key)
{
	enum ms_key_result res = ms_table_key(&v->ptab, key);

	if (res != MS_KEY_PASS || v->ptab.editing)
		return res;
	if (ms_key_is_enter(key))
		return ms_drill_push(&v->base, &ms_vma_maps_screen, NULL);
	if (key == 't' && v->cur) {
		int row = ms_table_selected(&v->ptab);

		if (row < 0)
			return MS_KEY_DONE;
		v->pid = ms_vma_proc_at(v, row)->pid;
		snprintf(v->comm, sizeof(v->comm), "%s",
			 ms_vma_proc_at(v, row)->comm);
		return ms_drill_push(&v->base, &ms_vma_maple_screen, NULL);
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

static enum ms_key_result vma_key_press(struct ms_view *base, int key)
{
	return procs_key((struct vma_view *)base, key);
}

static const char *vma_hints(struct ms_view *base)
{
	struct vma_view *v = (struct vma_view *)base;

	/* a search, filter or sort menu takes the keys: only its own */
	if (v->ptab.editing)
		return ms_table_hints(&v->ptab);
	snprintf(v->hint, sizeof(v->hint),
		 "Enter mappings  l %s  t maple tree  k kernel "
		 "threads  f %s  H graph  %s",
		 v->cmdline ? "names" : "cmdline",
		 v->faults ? "memory" : "faults", ms_table_hints(&v->ptab));
	return v->hint;
}

/* ---- Explain ids of each screen -------------------------------------- */

#define EXPLAIN_PROCS                                                       \
	"vma.p.pid", "vma.p.user", "vma.p.rss", "vma.p.pss", "vma.p.swap",  \
		"vma.p.vmas", "vma.p.minflt", "vma.p.majflt", "vma.p.comm", \
		"vma.p.cgroup", "vma.p.cmdline", "vma.p.flt", "vma.p.wp",   \
		"vma.p.lock", "vma.p.cow", "vma.p.anon", "vma.p.file",      \
		"vma.p.lockmax", "vma.p.age"
#define EXPLAIN_FIELDS                                                     \
	"vma.v.range", "vma.v.size", "vma.v.perms", "vma.v.offset",        \
		"vma.v.dev", "vma.v.inode", "vma.v.rss", "vma.v.pss",      \
		"vma.v.swap", "vma.v.anon", "vma.v.ahp", "vma.v.privc",    \
		"vma.v.privd", "vma.v.shrc", "vma.v.shrd", "vma.v.locked", \
		"vma.v.thp", "vma.v.nodes", "vma.v.flags", "vma.v.path",   \
		"vma.f.col"

/* Every id the tab shows on some screen (the tests walk them). */
static const char *const all_ids[] = {
	EXPLAIN_PROCS,
	"vma.m.summary",
	"vma.m.faults",
	EXPLAIN_FIELDS,
	"vma.d.kind",
	"vma.d.kernelpagesize",
	"vma.d.referenced",
	"vma.d.shmempmd",
	"vma.d.swappss",
	"vma.d.policy",
	"vma.f.line",
	"vma.f.size",
	"vma.f.anon",
	"vma.f.file",
	"vma.f.partial",
	EXPLAIN_MAPLE,
	NULL,
};

static void vma_explain(struct ms_view *view, struct ms_explain_ids *e)
{
	struct vma_view *v = (struct vma_view *)view;

	if (v->age_shown)
		ms_explain_add(e, "vma.p.age");
	ms_table_explain(&v->ptab, e);
}

/*
 * From the Memory tab's anon: the processes, the largest RSS first; from
 * the Cgroups tab's processes ("pid:N"): that process's mappings, Esc
 * to the list on it.
 */
static void vma_arrive(struct ms_view *base, const char *how)
{
	struct vma_view *v = (struct vma_view *)base;
	const struct ms_proc *p;

	ms_drill_pop_all(base);
	if (how && sscanf(how, "pid:%d", &v->go_pid) == 1 && v->go_pid > 0) {
		p = v->cur ? ms_proc_find(&v->cur->procs, v->go_pid, false) :
			     NULL;
		snprintf(v->comm, sizeof(v->comm), "%s", p ? p->comm : "");
		snprintf(v->ptab.sel_key, sizeof(v->ptab.sel_key), "%d",
			 v->go_pid);
		ms_drill_push(base, &ms_vma_maps_screen, &v->go_pid);
		return;
	}
	for (int i = 0; i < v->ptab.def->ncols; i++)
		if (v->pset[i] == P_RSS)
			ms_table_sort_by(&v->ptab, i);
	v->ptab.sel = v->ptab.top = 0;
	v->ptab.sel_key[0] = '\0';
}

/* W: the selected process, or the one whose mappings are open */
static int vma_damon(struct ms_view *base)
{
	struct vma_view *v = (struct vma_view *)base;
	int pid = ms_vma_selected_pid(v);

	return pid > 0 ? pid : v->pid > 0 ? v->pid : -1;
}

const struct ms_view_class ms_view_vma = {
	.name = "VMA",
	.id = "vma",
	.create = vma_create,
	.destroy = vma_destroy,
	.request = vma_request,
	.update = vma_update,
	.frame = vma_frame,
	.draw = vma_draw,
	.on_key = vma_key_press,
	.hints = vma_hints,
	.explain = vma_explain,
	.arrive = vma_arrive,
	.damon_target = vma_damon,
	.explain_all = all_ids,
	.catalog = MS_CATALOG(ms_explain_vma, ms_explain_vma_folio),
};
