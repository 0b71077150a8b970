// SPDX-License-Identifier: GPL-2.0
/*
 * The NUMA tab: nodes, their memory and cpus, the distance matrix,
 * numastat counters with rates and automatic NUMA balancing.
 */
#include "tui/tabs/numa/numa.h"
#include "tui/widgets.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Screen row of the next line, or -1 when it is scrolled out of view. */
static int next_row(struct ms_screen *p)
{
	return ms_screen_next(p);
}

static void screen_title(struct ms_screen *p, const char *text,
			 const struct ms_ui *ui)
{
	int y = next_row(p);

	p->ui = ui; /* for its scroll bar */
	if (y >= 0)
		ms_title(p->w, y, p->r.x, p->r.w, text, ui);
}

static void screen_blank(struct ms_screen *p)
{
	next_row(p);
}

/* Columns of the numastat files, as the kernel names them. */
static const char *const numastat_keys[] = {
	"numa_hit",	  "numa_miss",	"numa_foreign",
	"interleave_hit", "local_node", "other_node",
};
/* Their titles when the full name does not fit. */
static const char *const numastat_short[] = {
	"hit", "miss", "foreign", "interleave", "local", "other",
};
#define NR_NUMASTAT (int)(sizeof(numastat_keys) / sizeof(numastat_keys[0]))

/* Per-node meminfo lines worth a column (kB, except HugePages_*). */
static const struct {
	const char *key, *title;
	bool pages;
} meminfo_cols[] = {
	{ "Active", "Active", false },
	{ "Inactive", "Inactive", false },
	{ "FilePages", "File", false },
	{ "AnonPages", "Anon", false },
	{ "Shmem", "Shmem", false },
	{ "Slab", "Slab", false },
	{ "PageTables", "PgTables", false },
	{ "Dirty", "Dirty", false },
	{ "HugePages_Total", "HugeTot", true },
	{ "HugePages_Free", "HugeFree", true },
};
#define NR_MEMINFO_COLS (int)(sizeof(meminfo_cols) / sizeof(meminfo_cols[0]))

/* vmstat counters of automatic NUMA balancing and page migration. */
static const char *const balancing_keys[] = {
	"numa_pte_updates",	  "numa_huge_pte_updates", "numa_hint_faults",
	"numa_hint_faults_local", "numa_pages_migrated",   "pgmigrate_success",
	"pgmigrate_fail",	  "pgpromote_success",
};
#define NR_BALANCING (int)(sizeof(balancing_keys) / sizeof(balancing_keys[0]))

static struct ms_view *numa_create(const struct ms_ui *ui)
{
	struct numa_view *v = calloc(1, sizeof(*v));

	if (!v)
		return NULL;
	v->base.cls = &ms_view_numa;
	v->base.ui = ui;
	ms_drills_init(&v->drills, &v->base, &v->graph);
	if (ms_gpanel_init(&v->graph, MS_GRAPH_NUMA_SERIES)) {
		free(v);
		return NULL;
	}
	return &v->base;
}

static void numa_destroy(struct ms_view *base)
{
	ms_gpanel_free(&((struct numa_view *)base)->graph);
	free(base);
}

static void numa_request(struct ms_view *base, struct ms_request *req)
{
	(void)base;
	/* the balancing counters live in /proc/vmstat */
	req->sections |= MS_SEC_BIT(MS_SEC_NUMA) | MS_SEC_BIT(MS_SEC_RECLAIM) |
			 MS_SEC_BIT(MS_SEC_NUMA_EVENTS);
}

static void numa_update(struct ms_view *base, const struct ms_snapshot *cur,
			const struct ms_snapshot *prev)
{
	struct numa_view *v = (struct numa_view *)base;

	v->cur = cur;
	ms_graph_numa_feed(&v->graph, cur, base->ui);
}

/* kernel.numa_balancing: bit 0 normal, bit 1 memory tiering. */
static const char *balancing_text(uint64_t b)
{
	if (!ms_have(b))
		return "unknown (no kernel.numa_balancing)";
	switch (b) {
	case 0:
		return "disabled (0)";
	case 1:
		return "normal (1)";
	case 2:
		return "memory tiering (2)";
	case 3:
		return "normal + memory tiering (3)";
	}
	return "unknown mode";
}

/* "2 nodes online (0-1)": consecutive node ids collapsed. */
static void nodes_text(char *buf, size_t len, const struct ms_numa *n)
{
	size_t o = (size_t)snprintf(buf, len, "%d node%s online (", n->n,
				    n->n == 1 ? "" : "s");

	for (int i = 0; i < n->n && o < len; i++) {
		int j = i;

		while (j + 1 < n->n &&
		       n->nodes[j + 1].node == n->nodes[j].node + 1)
			j++;
		if (j > i)
			o += (size_t)snprintf(buf + o, len - o, "%s%d-%d",
					      i ? "," : "", n->nodes[i].node,
					      n->nodes[j].node);
		else
			o += (size_t)snprintf(buf + o, len - o, "%s%d",
					      i ? "," : "", n->nodes[i].node);
		i = j;
	}
	if (o < len)
		snprintf(buf + o, len - o, ")");
}

static void draw_node_row(struct ms_screen *p, int y,
			  const struct ms_numa_node *nd, int cpuw,
			  const struct ms_ui *ui)
{
	char t[16], u[16], f[16], pct[16];
	double frac = NAN;
	int x = p->r.x, barw;
	attr_t bar = ms_attr(MS_C_BAR);

	if (ms_have(nd->mem_total_kb) && ms_have(nd->mem_used_kb) &&
	    nd->mem_total_kb)
		frac = (double)nd->mem_used_kb / (double)nd->mem_total_kb;
	if (ms_have(nd->mem_total_kb) && ms_have(nd->mem_free_kb) &&
	    nd->mem_free_kb * 10 < nd->mem_total_kb)
		bar = ms_attr(MS_C_BAR_LOW);
	ms_putf(p->w, y, x, 5, 0, "N%d", nd->node);
	ms_put_esc(p->w, y, x + 5, cpuw, MS_LEFT, true, 0, nd->cpus);
	x += 5 + cpuw + 1;
	ms_putf(p->w, y, x, 30, 0, "%8s %8s %8s",
		ms_fmt_kb(t, sizeof(t), nd->mem_total_kb),
		ms_fmt_kb(u, sizeof(u), nd->mem_used_kb),
		ms_fmt_kb(f, sizeof(f), nd->mem_free_kb));
	x += 27;
	ms_put(p->w, y, x, 7, MS_RIGHT, true, 0,
	       ms_fmt_pct(pct, sizeof(pct), frac * 100));
	x += 8;
	barw = p->r.x + p->r.w - x;
	if (nd->mem_total_kb == 0) /* a cpu-only node */
		ms_put(p->w, y, x, barw, MS_LEFT, false, ms_attr(MS_C_DIM),
		       "no memory");
	else if (barw >= 6 && !isnan(frac)) {
		/* brackets keep a nearly empty bar visible */
		ms_put(p->w, y, x, 1, MS_LEFT, false, 0, "[");
		ms_bar(p->w, y, x + 1, barw - 2, frac, bar, ui);
		ms_put(p->w, y, x + barw - 1, 1, MS_LEFT, false, 0, "]");
	}
}

/* ---- Explain ids: the screen's fields, top to bottom ------------------ */

#define NODE_IDS                                               \
	"numa.node.cpus", "numa.node.total", "numa.node.used", \
		"numa.node.free", "numa.node.usedpct"
#define MEMINFO_IDS                                                          \
	"numa.mem.active", "numa.mem.inactive", "numa.mem.file",             \
		"numa.mem.anon", "numa.mem.shmem", "numa.mem.slab",          \
		"numa.mem.pagetables", "numa.mem.dirty", "numa.mem.hugetot", \
		"numa.mem.hugefree"
/* in the order of balancing_keys */
#define BALANCING_IDS                                                         \
	"numa.bal.numa_pte_updates", "numa.bal.numa_huge_pte_updates",        \
		"numa.bal.numa_hint_faults",                                  \
		"numa.bal.numa_hint_faults_local",                            \
		"numa.bal.numa_pages_migrated", "numa.bal.pgmigrate_success", \
		"numa.bal.pgmigrate_fail", "numa.bal.pgpromote_success"

static const char *const node_ids[] = { NODE_IDS, NULL };
static const char *const numastat_ids[] = { NUMASTAT_IDS, NULL };
static const char *const meminfo_ids[] = { MEMINFO_IDS, NULL };
static const char *const balancing_ids[NR_BALANCING + 1] = { BALANCING_IDS,
							     NULL };

static void draw_nodes(struct ms_screen *p, const struct ms_numa *n, int sel,
		       const struct ms_ui *ui)
{
	char buf[160], on[96];
	int cpuw = 14, y;

	nodes_text(on, sizeof(on), n);
	snprintf(buf, sizeof(buf), "%s  NUMA balancing %s", on,
		 balancing_text(n->balancing));
	ms_screen_tag(p, "numa.node.balancing");
	screen_title(p, buf, ui);
	if (p->r.w >= 110)
		cpuw = 24;
	ms_screen_tag_at(p, "numa.node", 0, 5);
	ms_screen_tag_cols(p, 5, node_ids, (const int[]){ cpuw, 8, 8, 8, 7 });
	y = next_row(p);
	if (y >= 0)
		ms_putf(p->w, y, p->r.x, p->r.w, ms_attr(MS_C_COLUMN_HEADER),
			"%-5s%-*s %8s %8s %8s %7s %s", "Node", cpuw, "CPUs",
			"Total", "Used", "Free", "Used%", "");
	for (int i = 0; i < n->n; i++) {
		y = next_row(p);
		if (y < 0)
			continue;
		draw_node_row(p, y, &n->nodes[i], cpuw, ui);
		if (i == sel) /* Enter opens it */
			ms_putf(p->w, y, p->r.x, 5, ms_attr(MS_C_SELECTION),
				"N%-4d", n->nodes[i].node);
	}
}

/* The distance matrix, as many columns as fit. */
static void draw_distance(struct ms_screen *p, const struct ms_numa *n,
			  const struct ms_ui *ui)
{
	int cols = (p->r.w - 5) / 5, y;

	ms_screen_tag(p, "numa.distance");
	screen_title(p, "Distance", ui);
	if (cols > n->n)
		cols = n->n;
	y = next_row(p);
	if (y >= 0) {
		ms_put(p->w, y, p->r.x, 5, MS_LEFT, true,
		       ms_attr(MS_C_COLUMN_HEADER), "");
		for (int j = 0; j < cols; j++)
			ms_putf(p->w, y, p->r.x + 5 + 5 * j, 5,
				ms_attr(MS_C_COLUMN_HEADER), "%4s%d", "N",
				n->nodes[j].node);
	}
	for (int i = 0; i < n->n; i++) {
		const struct ms_numa_node *nd = &n->nodes[i];

		y = next_row(p);
		if (y < 0)
			continue;
		ms_putf(p->w, y, p->r.x, 5, ms_attr(MS_C_COLUMN_HEADER), "N%d",
			nd->node);
		for (int j = 0; j < cols; j++) {
			/* distance[] is indexed by position in the list */
			if (j < nd->nr_distance)
				ms_putf(p->w, y, p->r.x + 5 + 5 * j, 5,
					nd->distance[j] > 10 ?
						ms_attr(MS_C_WARNING) :
						0,
					"%5d", nd->distance[j]);
			else
				ms_put(p->w, y, p->r.x + 5 + 5 * j, 5, MS_RIGHT,
				       true, 0, "-");
		}
	}
	if (cols < n->n && (y = next_row(p)) >= 0)
		ms_putf(p->w, y, p->r.x, p->r.w, ms_attr(MS_C_DIM),
			"(%d more columns: widen the terminal)", n->n - cols);
}

/* numastat as rows = nodes, columns = counters: totals or rates. */
static void draw_numastat(struct ms_screen *p, const struct ms_numa *n,
			  bool rates, const struct ms_ui *ui)
{
	int cw = (p->r.w - 5) / NR_NUMASTAT, y;

	if (cw > 15)
		cw = 15;
	screen_title(p,
		     rates ? "numastat, pages per second" : "numastat, pages",
		     ui);
	ms_screen_tag_at(p, "numa.node", 0, 5);
	for (int k = 0; numastat_ids[k]; k++)
		ms_screen_tag_at(p, numastat_ids[k], 5 + k * cw, cw);
	y = next_row(p);
	if (y >= 0) {
		ms_put(p->w, y, p->r.x, 5, MS_LEFT, true,
		       ms_attr(MS_C_COLUMN_HEADER), "Node");
		for (int k = 0; k < NR_NUMASTAT; k++)
			ms_put(p->w, y, p->r.x + 5 + k * cw, cw, MS_RIGHT, true,
			       ms_attr(MS_C_COLUMN_HEADER),
			       cw > 14 ? numastat_keys[k] : numastat_short[k]);
	}
	for (int i = 0; i < n->n; i++) {
		const struct ms_numa_node *nd = &n->nodes[i];

		y = next_row(p);
		if (y < 0)
			continue;
		ms_putf(p->w, y, p->r.x, 5, 0, "N%d", nd->node);
		for (int k = 0; k < NR_NUMASTAT; k++) {
			const struct ms_kv *kv =
				ms_kv_find(&nd->numastat, numastat_keys[k]);
			char buf[32];

			if (rates)
				ms_fmt_rate(buf, sizeof(buf),
					    kv ? kv->rate : NAN);
			else
				ms_fmt_count(buf, sizeof(buf),
					     kv ? kv->value : MS_NA, cw - 1);
			ms_put(p->w, y, p->r.x + 5 + k * cw, cw, MS_RIGHT, true,
			       0, buf);
		}
	}
}

/* A few per-node meminfo lines, as many columns as fit. */
static void draw_meminfo(struct ms_screen *p, const struct ms_numa *n,
			 const struct ms_ui *ui)
{
	int cols = (p->r.w - 5) / 9, y;

	if (cols > NR_MEMINFO_COLS)
		cols = NR_MEMINFO_COLS;
	screen_title(p, "Node meminfo", ui);
	/* a column that does not fit marks the whole header */
	ms_screen_tag_at(p, "numa.node", 0, 5);
	for (int k = 0; meminfo_ids[k]; k++)
		ms_screen_tag_at(p, meminfo_ids[k],
				 k < cols ? 5 + 9 * k : p->r.w, 9);
	y = next_row(p);
	if (y >= 0) {
		ms_put(p->w, y, p->r.x, 5, MS_LEFT, true,
		       ms_attr(MS_C_COLUMN_HEADER), "Node");
		for (int k = 0; k < cols; k++)
			ms_put(p->w, y, p->r.x + 5 + 9 * k, 9, MS_RIGHT, true,
			       ms_attr(MS_C_COLUMN_HEADER),
			       meminfo_cols[k].title);
	}
	for (int i = 0; i < n->n; i++) {
		const struct ms_numa_node *nd = &n->nodes[i];

		y = next_row(p);
		if (y < 0)
			continue;
		ms_putf(p->w, y, p->r.x, 5, 0, "N%d", nd->node);
		for (int k = 0; k < cols; k++) {
			uint64_t val =
				ms_kv_get(&nd->meminfo, meminfo_cols[k].key);
			char buf[32];

			if (meminfo_cols[k].pages)
				ms_fmt_count(buf, sizeof(buf), val, 8);
			else
				ms_fmt_kb(buf, sizeof(buf), val);
			ms_put(p->w, y, p->r.x + 5 + 9 * k, 9, MS_RIGHT, true,
			       0, buf);
		}
	}
}

static void draw_counter(struct ms_screen *p, const char *name,
			 const struct ms_kv *kv)
{
	char val[32], rate[32];
	int y = next_row(p);

	if (y < 0)
		return;
	ms_putf(p->w, y, p->r.x, p->r.w, kv ? 0 : ms_attr(MS_C_DIM),
		"  %-26s %14s %12s", name,
		ms_fmt_u64(val, sizeof(val), kv ? kv->value : MS_NA),
		ms_fmt_rate(rate, sizeof(rate), kv ? kv->rate : NAN));
}

/* Share of hinting faults that were node-local: the balancer's aim. */
static void draw_local_share(struct ms_screen *p, const struct ms_kvlist *vm)
{
	uint64_t all = ms_kv_get(vm, "numa_hint_faults");
	uint64_t local = ms_kv_get(vm, "numa_hint_faults_local");
	char pct[16];
	double v = NAN;
	int y = next_row(p);

	if (y < 0)
		return;
	if (ms_have(all) && ms_have(local) && all)
		v = 100.0 * (double)local / (double)all;
	ms_putf(p->w, y, p->r.x, p->r.w, 0, "  %-26s %14s", "local hint faults",
		ms_fmt_pct(pct, sizeof(pct), v));
}

static void draw_balancing(struct ms_screen *p, const struct ms_snapshot *s,
			   const struct ms_ui *ui)
{
	const struct ms_kvlist *vm = &s->reclaim.vmstat;
	char buf[224];
	int y;

	snprintf(buf, sizeof(buf), "Automatic NUMA balancing: %s",
		 balancing_text(s->numa.balancing));
	ms_screen_tag(p, "numa.node.balancing");
	screen_title(p, buf, ui);
	if (!vm->n) {
		const char *why = ms_note_why(s, "vmstat");
		char esc[160];

		snprintf(buf, sizeof(buf), "  no /proc/vmstat counters: %s",
			 why ? ms_esc(esc, sizeof(esc), why) :
			       "not in this sample");
		y = next_row(p);
		if (y >= 0)
			ms_put(p->w, y, p->r.x, p->r.w, MS_LEFT, true,
			       ms_attr(MS_C_NOTE), buf);
		return;
	}
	y = next_row(p);
	if (y >= 0)
		ms_putf(p->w, y, p->r.x, p->r.w, ms_attr(MS_C_COLUMN_HEADER),
			"  %-26s %14s %12s", "vmstat counter", "total",
			"per second");
	for (int i = 0; i < NR_BALANCING; i++) {
		ms_screen_tag(p, balancing_ids[i]);
		draw_counter(p, balancing_keys[i],
			     ms_kv_find(vm, balancing_keys[i]));
	}
	ms_screen_tag(p, "numa.bal.local_share");
	draw_local_share(p, vm);
	if (!ms_kv_find(vm, "numa_hint_faults") && (y = next_row(p)) >= 0)
		ms_put(p->w, y, p->r.x, p->r.w, MS_LEFT, true,
		       ms_attr(MS_C_DIM),
		       "  no numa_* counters in /proc/vmstat: kernel built "
		       "without CONFIG_NUMA_BALANCING");
}

/* What the NUMA reader could not read, e.g. one node's distance file. */
static void draw_notes(struct ms_screen *p, const struct ms_snapshot *s,
		       const struct ms_ui *ui)
{
	bool first = true;
	char buf[256], esc[200];
	int y;

	for (int i = 0; i < s->nr_notes; i++) {
		const struct ms_note *no = &s->notes[i];

		if (strncmp(no->what, "numa", 4))
			continue;
		if (first) {
			screen_blank(p);
			screen_title(p, "Notes", ui);
			first = false;
		}
		snprintf(buf, sizeof(buf), "  %s: %s", no->what,
			 ms_esc(esc, sizeof(esc), no->why));
		y = next_row(p);
		if (y >= 0)
			ms_put(p->w, y, p->r.x, p->r.w, MS_LEFT, false,
			       ms_attr(MS_C_NOTE), buf);
	}
}

static void screen_draw_page(struct ms_screen *p, const struct ms_snapshot *s,
			     int sel, const struct ms_ui *ui)
{
	draw_nodes(p, &s->numa, sel, ui);
	screen_blank(p);
	draw_distance(p, &s->numa, ui);
	screen_blank(p);
	draw_numastat(p, &s->numa, false, ui);
	screen_blank(p);
	draw_numastat(p, &s->numa, true, ui);
	screen_blank(p);
	draw_meminfo(p, &s->numa, ui);
	screen_blank(p);
	ms_live_numa_screen(p, s, ui);
	screen_blank(p);
	draw_balancing(p, s, ui);
	draw_notes(p, s, ui);
}

/* Both screens need the section; the graph panel (H) is under both. */
static bool numa_frame(struct ms_view *base, WINDOW *w, struct ms_rect *r)
{
	struct numa_view *v = (struct numa_view *)base;
	const struct ms_snapshot *s = v->cur;
	struct ms_rect g;
	char buf[192];

	if (!s || r->h <= 0)
		return false;
	if (!(s->have & MS_SEC_BIT(MS_SEC_NUMA)) || !s->numa.n) {
		ms_message(w, *r, ms_attr(MS_C_NOTE),
			   ms_why_missing(buf, sizeof(buf), s, MS_SEC_NUMA));
		return false;
	}
	g = ms_gpanel_take(&v->graph, r);
	if (g.h)
		ms_graph_numa_draw(&v->graph, w, g, s, base->ui);
	return true;
}

static void numa_draw(struct ms_view *base, WINDOW *w, struct ms_rect r)
{
	struct numa_view *v = (struct numa_view *)base;
	const struct ms_snapshot *s = v->cur;
	struct ms_screen p;

	if (v->sel >= s->numa.n)
		v->sel = s->numa.n - 1;
	ms_screen_begin(&p, w, r, &v->scroll);
	screen_draw_page(&p, s, v->sel, base->ui);
	ms_screen_end(&p);
}

static enum ms_key_result numa_key(struct ms_view *base, int key)
{
	struct numa_view *v = (struct numa_view *)base;

	if (key == 'H') {
		ms_gpanel_toggle(&v->graph);
		return MS_KEY_DONE;
	}
	if (ms_key_is_enter(key))
		return ms_drill_push(base, &ms_numa_node_screen, NULL);
	/* Up/Down pick a node; past the first or last they scroll */
	if (key == KEY_UP && v->sel > 0) {
		v->sel--;
		return MS_KEY_DONE;
	}
	if (key == KEY_DOWN && v->cur && v->sel + 1 < v->cur->numa.n) {
		v->sel++;
		return MS_KEY_DONE;
	}
	return ms_scroll_key(&v->scroll, key) ? MS_KEY_DONE : MS_KEY_PASS;
}

static const char *numa_hints(struct ms_view *base)
{
	(void)base;
	return "Up/Down node  Enter open node  PgUp/PgDn scroll  H graph";
}

/* Every id of the screen, top to bottom (the tests walk them). */
#define SCREEN_IDS                                                            \
	"numa.node.balancing", "numa.node", NODE_IDS, "numa.distance",        \
		NUMASTAT_IDS, MEMINFO_IDS, "numa.mig.pages", MS_LIVE_MIG_IDS, \
		MS_LIVE_HINT_IDS, "numa.mig.tasks", BALANCING_IDS,            \
		"numa.bal.local_share"
static const char *const screen_ids[] = { SCREEN_IDS, NULL };
/* and every id of both */
static const char *const all_ids[] = { SCREEN_IDS, "buddy.zone.name", NULL };

static void numa_explain(struct ms_view *base, struct ms_explain_ids *e)
{
	ms_screen_explain(&((struct numa_view *)base)->scroll, base->ui, e,
			  screen_ids);
}

const struct ms_view_class ms_view_numa = {
	.name = "NUMA",
	.id = "numa",
	.create = numa_create,
	.destroy = numa_destroy,
	.request = numa_request,
	.update = numa_update,
	.frame = numa_frame,
	.draw = numa_draw,
	.on_key = numa_key,
	.hints = numa_hints,
	.explain = numa_explain,
	.explain_all = all_ids,
	.catalog = MS_CATALOG(ms_explain_numa),
};
