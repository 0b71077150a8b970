// SPDX-License-Identifier: GPL-2.0
/*
 * The Memory tab's history: the top-level buckets of the machine's and
 * each node's ledger, drawn as a stacked area (one column a sample, each
 * cell the bucket its height falls in) with a legend.
 */
#include "tui/tabs/memory/memory.h"
#include "tui/membar.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define MEM_GRAPH_TOP 32 /* top-level buckets stacked at most */

static void feed(struct ms_gpanel *p, const struct ms_ledger *l, int node)
{
	for (int i = 0; i < l->n; i++)
		if (!l->v[i].parent[0])
			ms_gpanel_push(p, ms_gval(l->v[i].kb), "mem%d/%s", node,
				       l->v[i].name);
}

void ms_graph_memory_feed(struct ms_gpanel *p, const struct ms_snapshot *s,
			  const struct ms_ui *ui)
{
	if (!ms_gpanel_tick(p, s, ui) || !(s->have & MS_SEC_BIT(MS_SEC_MEMORY)))
		return;
	feed(p, &s->memory.ledger, -1);
	for (int i = 0; i < s->memory.nodes.n; i++)
		feed(p, &s->memory.nodes.v[i].ledger,
		     s->memory.nodes.v[i].node);
}

static double val(double x)
{
	return isnan(x) ? 0 : x;
}

/* "free 30%  file 10%  ..." of the latest sample, each in its colour. */
static void legend(WINDOW *w, int y, int x, int width,
		   const struct ms_ledger *l, double whole,
		   const struct ms_ui *ui)
{
	int at = 0;

	for (int i = 0; i < l->n && at < width; i++) {
		const struct ms_ledger_entry *e = &l->v[i];
		char lab[64];
		int n;

		if (e->parent[0] || !ms_have(e->kb) || !e->kb)
			continue;
		snprintf(lab, sizeof(lab), "%c%s %.1f%%",
			 ms_membar_fill(e->name, ui), e->name,
			 100.0 * (double)e->kb / whole);
		n = ms_text_width(lab);
		if (at + n > width)
			break;
		ms_put(w, y, x + at, 1, MS_LEFT, false,
		       ms_attr(ms_membar_color(e->name)), lab);
		ms_put(w, y, x + at + 1, n - 1, MS_LEFT, false,
		       ms_attr(MS_C_NORMAL), lab + 1);
		at += n + 2;
	}
}

void ms_graph_memory_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
			  const struct mem_view *m, const struct ms_ui *ui)
{
	static double v[MEM_GRAPH_TOP][2 * MS_HIST_POINTS];
	const char *name[MEM_GRAPH_TOP];
	double dx = p->hist.interval > 0 ? p->hist.interval : 1;
	int nb = 0, cols = r.w < MS_HIST_POINTS ? r.w : MS_HIST_POINTS;
	int ph = r.h - 2, node = m->node;
	char title[160], span[32];

	if (r.h <= 0 || !m->l)
		return;
	ms_fill(w, r, ms_attr(MS_C_NORMAL));
	snprintf(title, sizeof(title),
		 "History, %s: top-level buckets stacked, %s  (H hides)",
		 ms_graph_span(span, sizeof(span), cols * dx),
		 node < 0 ? "machine" : "node");
	ms_title(w, r.y, r.x, r.w, title, ui);
	for (int i = 0; i < m->l->n && nb < MEM_GRAPH_TOP; i++) {
		const struct ms_ledger_entry *e = &m->l->v[i];
		const struct ms_series *s;
		char key[MS_HIST_KEY];

		if (e->parent[0])
			continue;
		snprintf(key, sizeof(key), "mem%d/%s", node, e->name);
		s = ms_hist_get(&p->hist, key);
		if (!s)
			continue;
		name[nb] = e->name;
		ms_hist_buckets(s, p->hist.now, dx, cols, v[nb++]);
	}
	for (int c = 0; c < cols && ph > 0; c++) {
		double sum = 0, acc = 0;
		int b = 0;

		for (int i = 0; i < nb; i++)
			sum += val(v[i][c]);
		if (!(sum > 0))
			continue;
		/* from the bottom row up: the bucket the cell's middle is in */
		for (int y = 0; y < ph; y++) {
			double mid = (y + 0.5) / ph * sum;

			while (b < nb && acc + val(v[b][c]) < mid)
				acc += val(v[b++][c]);
			if (b >= nb)
				break;
			mvwaddch(w, r.y + r.h - 2 - y, r.x + r.w - cols + c,
				 (chtype)(unsigned char)ms_membar_fill(name[b],
								       ui) |
					 ms_attr(ms_membar_color(name[b])));
		}
	}
	legend(w, r.y + r.h - 1, r.x, r.w, m->l,
	       ms_have(m->physical_kb) && m->physical_kb ?
		       (double)m->physical_kb :
		       1,
	       ui);
}
