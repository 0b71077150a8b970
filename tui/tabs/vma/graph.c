// SPDX-License-Identifier: GPL-2.0
/*
 * The VMA tab's history graphs: minor and major faults per second of
 * the selected process and the busiest ones.
 */
#include "tui/tabs/vma/vma.h"

#include <math.h>
#include <stdio.h>

#define VMA_TOP (MS_GRAPH_VMA_SERIES / 4)

/* The fault group's minor and major faults of pid. */
static void feed_bpf(struct ms_gpanel *p, const struct ms_snapshot *s, int pid)
{
	ms_gpanel_push(p, ms_live_fault_rate(s, pid, MS_FC_MINOR), "bpfmin/%d",
		       pid);
	ms_gpanel_push(p, ms_live_fault_rate(s, pid, MS_FC_MAJOR), "bpfmaj/%d",
		       pid);
}

static void feed_proc(struct ms_gpanel *p, const struct ms_snapshot *s,
		      const struct ms_proc *pr)
{
	ms_gpanel_push(p, pr->minflt_rate, "minflt/%d", pr->pid);
	ms_gpanel_push(p, pr->majflt_rate, "majflt/%d", pr->pid);
	if (s->have & MS_SEC_BIT(MS_SEC_FAULT_EVENTS))
		feed_bpf(p, s, pr->pid);
}

void ms_graph_vma_feed(struct ms_gpanel *p, const struct ms_snapshot *s,
		       int sel, const struct ms_ui *ui)
{
	const struct ms_procs *ps = &s->procs;
	struct ms_gtop top = { .max = VMA_TOP - 1 };
	const struct ms_proc *pr;

	if (!ms_gpanel_tick(p, s, ui))
		return;
	if (!(s->have & MS_SEC_BIT(MS_SEC_PROCS))) {
		/* a process's mappings: its faults (bpf), no process list */
		if (s->have & MS_SEC_BIT(MS_SEC_FAULT_EVENTS))
			feed_bpf(p, s, sel);
		return;
	}
	pr = ms_proc_find(ps, sel, false);
	if (pr)
		feed_proc(p, s, pr);
	/* the busiest others by minor faults per second */
	for (int i = 0; i < ps->n; i++)
		if (ps->v[i].pid != sel && ps->v[i].minflt_rate > 0)
			ms_gtop_offer(&top, i, ps->v[i].minflt_rate);
	for (int i = 0; i < top.n; i++)
		feed_proc(p, s, &ps->v[top.i[i]]);
}

void ms_graph_vma_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
		       const struct ms_snapshot *s, int pid, const char *comm,
		       const struct ms_ui *ui)
{
	struct ms_gline l[4];
	char what[MS_NAME * 4 + 64], esc[MS_NAME * 4];
	int n = 0;

	if (s->have & MS_SEC_BIT(MS_SEC_PROCS)) {
		ms_gline_add(l, &n, MS_GF_RATE, true, "minflt/s", "minflt/%d",
			     pid);
		ms_gline_add(l, &n, MS_GF_RATE, true, "majflt/s", "majflt/%d",
			     pid);
	}
	if (s->have & MS_SEC_BIT(MS_SEC_FAULT_EVENTS)) {
		ms_gline_add(l, &n, MS_GF_RATE, true, "bpf min/s", "bpfmin/%d",
			     pid);
		ms_gline_add(l, &n, MS_GF_RATE, true, "bpf maj/s", "bpfmaj/%d",
			     pid);
	}
	if (!n)
		return;
	snprintf(what, sizeof(what), "pid %d %s page faults per second", pid,
		 ms_esc(esc, sizeof(esc), comm));
	ms_gpanel_draw(p, w, r, what, l, n, ui);
}
