// SPDX-License-Identifier: GPL-2.0
/*
 * The history each tab keeps (fed from every sample it gets) and the
 * graph panel it draws for the selected zone, cache, process or node.
 */
#include "tui/graph_tabs.h"

#include "tui/live.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *ms_graph_memory(char *buf, size_t len)
{
	double kib = (double)ms_hist_bound(MS_GRAPH_SERIES) / 1024;

	snprintf(buf, len, "history: %d samples x %d series = %.0f KiB at most",
		 MS_HIST_POINTS, MS_GRAPH_SERIES, kib);
	return buf;
}

static bool tick(struct ms_gpanel *p, const struct ms_snapshot *s,
		 const struct ms_ui *ui)
{
	return s && ms_hist_tick(&p->hist, s->t_mono, ui->interval);
}

static void push(struct ms_gpanel *p, double v, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void push(struct ms_gpanel *p, double v, const char *fmt, ...)
{
	char key[MS_HIST_KEY];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(key, sizeof(key), fmt, ap);
	va_end(ap);
	ms_hist_push(&p->hist, key, v);
}

static double u64(uint64_t v)
{
	return ms_have(v) ? (double)v : NAN;
}

/* A line of a panel: label, key, format. */
static struct ms_gline *line(struct ms_gline *l, int *n, enum ms_gfmt fmt,
			     bool zero, const char *label, const char *fmt_key,
			     ...) __attribute__((format(printf, 6, 7)));

static struct ms_gline *line(struct ms_gline *l, int *n, enum ms_gfmt fmt,
			     bool zero, const char *label, const char *fmt_key,
			     ...)
{
	struct ms_gline *g;
	va_list ap;

	if (*n >= MS_GLINES)
		return NULL;
	g = &l[(*n)++];
	memset(g, 0, sizeof(*g));
	snprintf(g->label, sizeof(g->label), "%s", label);
	va_start(ap, fmt_key);
	vsnprintf(g->key, sizeof(g->key), fmt_key, ap);
	va_end(ap);
	g->fmt = fmt;
	g->zero = zero;
	return g;
}

/* ---- Buddy ------------------------------------------------------------ */

/* The order of the kernel's unusable index shown: the pageblock's. */
static int unusable_order(const struct ms_snapshot *s, const struct ms_zone *z)
{
	int o = s->buddy.pageblock_order >= 0 ? s->buddy.pageblock_order : 9;
	int n = z->nr_orders < MS_MAX_ORDER ? z->nr_orders : MS_MAX_ORDER;

	return o < n ? o : n - 1;
}

static int zone_series(const struct ms_zone *z)
{
	return 2 + (z->nr_orders < MS_MAX_ORDER ? z->nr_orders : MS_MAX_ORDER);
}

static void feed_zone(struct ms_gpanel *p, const struct ms_snapshot *s,
		      const struct ms_zone *z)
{
	int o = unusable_order(s, z);

	push(p, z->frag_index, "%d/%s/frag", z->node, z->name);
	push(p, o >= 0 ? 100 * z->unusable[o] : NAN, "%d/%s/unusable", z->node,
	     z->name);
	for (o = 0; o < z->nr_orders && o < MS_MAX_ORDER; o++)
		push(p, u64(z->free_blocks[o]), "%d/%s/o%d", z->node, z->name,
		     o);
}

void ms_graph_buddy_feed(struct ms_gpanel *p, const struct ms_snapshot *s,
			 const struct ms_zone *sel, const struct ms_ui *ui)
{
	int used = 0;

	if (!tick(p, s, ui) || !(s->have & MS_SEC_BIT(MS_SEC_BUDDY)))
		return;
	/* the selected zone first; the others as long as all of them fit */
	if (sel) {
		feed_zone(p, s, sel);
		used = zone_series(sel);
	}
	for (int i = 0; i < s->buddy.nr_zones; i++) {
		const struct ms_zone *z = &s->buddy.zones[i];

		if (z == sel || used + zone_series(z) > p->hist.max)
			continue;
		feed_zone(p, s, z);
		used += zone_series(z);
	}
}

void ms_graph_buddy_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
			 const struct ms_snapshot *s, const struct ms_zone *sel,
			 const struct ms_ui *ui)
{
	struct ms_gline l[MS_GLINES];
	char what[96], name[40], label[24];
	int n = 0, o;

	if (!sel)
		return;
	o = unusable_order(s, sel);
	line(l, &n, MS_GF_PCT, false, "frag%", "%d/%s/frag", sel->node,
	     sel->name);
	if (o >= 0)
		snprintf(label, sizeof(label), "unusable@%d", o);
	else
		snprintf(label, sizeof(label), "unusable");
	line(l, &n, MS_GF_PCT, false, label, "%d/%s/unusable", sel->node,
	     sel->name);
	for (o = 0; o < sel->nr_orders && o < MS_MAX_ORDER; o++) {
		snprintf(label, sizeof(label), "order %d", o);
		line(l, &n, MS_GF_COUNT, false, label, "%d/%s/o%d", sel->node,
		     sel->name, o);
	}
	snprintf(what, sizeof(what),
		 "node %d %s fragmentation and free blocks per order",
		 sel->node, ms_esc(name, sizeof(name), sel->name));
	ms_gpanel_draw(p, w, r, what, l, n, ui);
}

/* ---- Slab ------------------------------------------------------------- */

#define SLAB_TOP (MS_GRAPH_SLAB_SERIES / 2)

static void feed_cache(struct ms_gpanel *p, const struct ms_slab_cache *c)
{
	push(p, u64(c->size_bytes), "size/%s", c->name);
	push(p, c->bytes_rate, "growth/%s", c->name);
}

/* Insert cache i into top (largest first), k of at most max entries. */
static void top_insert(const struct ms_slab *sl, int *top, int *k, int max,
		       int i)
{
	uint64_t sz = sl->caches[i].size_bytes;
	int j;

	if (!ms_have(sz))
		return;
	for (j = *k; j > 0 && sl->caches[top[j - 1]].size_bytes < sz; j--)
		if (j < max)
			top[j] = top[j - 1];
	if (j >= max)
		return;
	top[j] = i;
	if (*k < max)
		(*k)++;
}

void ms_graph_slab_feed(struct ms_gpanel *p, const struct ms_snapshot *s,
			const char *sel, const struct ms_ui *ui)
{
	const struct ms_slab *sl = &s->slab;
	int top[SLAB_TOP], k = 0, max = SLAB_TOP;

	if (!tick(p, s, ui) || !(s->have & MS_SEC_BIT(MS_SEC_SLAB)))
		return;
	for (int i = 0; sel && i < sl->n; i++)
		if (!strcmp(sl->caches[i].name, sel)) {
			feed_cache(p, &sl->caches[i]);
			max--;
		}
	for (int i = 0; i < sl->n; i++)
		if (!sel || strcmp(sl->caches[i].name, sel))
			top_insert(sl, top, &k, max, i);
	for (int i = 0; i < k; i++)
		feed_cache(p, &sl->caches[top[i]]);
}

void ms_graph_slab_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
			const char *sel, const struct ms_ui *ui)
{
	struct ms_gline l[2];
	char what[MS_NAME * 4 + 32], name[MS_NAME * 4];
	int n = 0;

	if (!sel)
		return;
	line(l, &n, MS_GF_BYTES, false, "size", "size/%s", sel);
	line(l, &n, MS_GF_BYTE_RATE, true, "growth", "growth/%s", sel);
	snprintf(what, sizeof(what), "%s size and growth",
		 ms_esc(name, sizeof(name), sel));
	ms_gpanel_draw(p, w, r, what, l, n, ui);
}

/* ---- VMA -------------------------------------------------------------- */

#define VMA_TOP (MS_GRAPH_VMA_SERIES / 4)

static const struct ms_proc *find_proc(const struct ms_procs *ps, int pid)
{
	for (int i = 0; i < ps->n; i++)
		if (ps->v[i].pid == pid)
			return &ps->v[i];
	return NULL;
}

/* The fault group's minor and major faults of pid. */
static void feed_bpf(struct ms_gpanel *p, const struct ms_snapshot *s, int pid)
{
	push(p, ms_live_fault_rate(s, pid, MS_FC_MINOR), "bpfmin/%d", pid);
	push(p, ms_live_fault_rate(s, pid, MS_FC_MAJOR), "bpfmaj/%d", pid);
}

static void feed_proc(struct ms_gpanel *p, const struct ms_snapshot *s,
		      const struct ms_proc *pr)
{
	push(p, pr->minflt_rate, "minflt/%d", pr->pid);
	push(p, pr->majflt_rate, "majflt/%d", pr->pid);
	if (s->have & MS_SEC_BIT(MS_SEC_FAULT_EVENTS))
		feed_bpf(p, s, pr->pid);
}

/* The k busiest processes by minor faults per second, not sel. */
static int top_procs(const struct ms_procs *ps, int sel, int *top, int max)
{
	int k = 0, j;

	for (int i = 0; i < ps->n; i++) {
		double r = ps->v[i].minflt_rate;

		if (ps->v[i].pid == sel || !(r > 0))
			continue;
		for (j = k; j > 0 && ps->v[top[j - 1]].minflt_rate < r; j--)
			if (j < max)
				top[j] = top[j - 1];
		if (j >= max)
			continue;
		top[j] = i;
		if (k < max)
			k++;
	}
	return k;
}

void ms_graph_vma_feed(struct ms_gpanel *p, const struct ms_snapshot *s,
		       int sel, const struct ms_ui *ui)
{
	const struct ms_proc *pr;
	int top[VMA_TOP], k;

	if (!tick(p, s, ui))
		return;
	if (!(s->have & MS_SEC_BIT(MS_SEC_PROCS))) {
		/* a process's mappings: its faults (bpf), no process list */
		if (s->have & MS_SEC_BIT(MS_SEC_FAULT_EVENTS))
			feed_bpf(p, s, sel);
		return;
	}
	pr = find_proc(&s->procs, sel);
	if (pr)
		feed_proc(p, s, pr);
	k = top_procs(&s->procs, sel, top, VMA_TOP - 1);
	for (int i = 0; i < k; i++)
		feed_proc(p, s, &s->procs.v[top[i]]);
}

void ms_graph_vma_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
		       const struct ms_snapshot *s, int pid, const char *comm,
		       const struct ms_ui *ui)
{
	struct ms_gline l[4];
	char what[MS_NAME * 4 + 64], esc[MS_NAME * 4];
	int n = 0;

	if (s->have & MS_SEC_BIT(MS_SEC_PROCS)) {
		line(l, &n, MS_GF_RATE, true, "minflt/s", "minflt/%d", pid);
		line(l, &n, MS_GF_RATE, true, "majflt/s", "majflt/%d", pid);
	}
	if (s->have & MS_SEC_BIT(MS_SEC_FAULT_EVENTS)) {
		line(l, &n, MS_GF_RATE, true, "bpf min/s", "bpfmin/%d", pid);
		line(l, &n, MS_GF_RATE, true, "bpf maj/s", "bpfmaj/%d", pid);
	}
	if (!n)
		return;
	snprintf(what, sizeof(what), "pid %d %s page faults per second", pid,
		 ms_esc(esc, sizeof(esc), comm));
	ms_gpanel_draw(p, w, r, what, l, n, ui);
}

/* ---- Reclaim ---------------------------------------------------------- */

/* Rate of a vmstat counter, or the sum of its per-zone split (4.x). */
static double vm_rate(const struct ms_kvlist *vm, const char *key)
{
	static const char *const zones[] = { "dma", "dma32", "normal",
					     "movable" };
	const struct ms_kv *kv = ms_kv_find(vm, key);
	char name[64];
	double sum = 0;
	bool any = false;

	if (kv)
		return kv->rate;
	for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		snprintf(name, sizeof(name), "%s_%s", key, zones[i]);
		kv = ms_kv_find(vm, name);
		if (kv) {
			sum += kv->rate; /* NAN stays NAN */
			any = true;
		}
	}
	return any ? sum : NAN;
}

static double psi(const struct ms_psi_line *l)
{
	return l->valid ? l->avg10 : NAN;
}

static const char *const vm_keys[] = {
	"pgscan_kswapd",
	"pgscan_direct",
	"pgsteal_kswapd",
	"pgsteal_direct",
};
static const char *const vm_labels[] = {
	"scan kswapd",
	"scan direct",
	"steal kswapd",
	"steal direct",
};
#define NVM (int)(sizeof(vm_keys) / sizeof(vm_keys[0]))

void ms_graph_reclaim_feed(struct ms_gpanel *p, const struct ms_snapshot *s,
			   const struct ms_ui *ui)
{
	bool have = s && (s->have & MS_SEC_BIT(MS_SEC_RECLAIM));

	if (!tick(p, s, ui))
		return;
	push(p, have ? psi(&s->reclaim.psi_some) : NAN, "psi/some");
	push(p, have ? psi(&s->reclaim.psi_full) : NAN, "psi/full");
	for (int i = 0; i < NVM; i++)
		push(p, have ? vm_rate(&s->reclaim.vmstat, vm_keys[i]) : NAN,
		     "%s", vm_keys[i]);
}

void ms_graph_reclaim_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
			   const struct ms_ui *ui)
{
	struct ms_gline l[2 + NVM];
	int n = 0;

	line(l, &n, MS_GF_PCT, true, "PSI some", "psi/some");
	line(l, &n, MS_GF_PCT, true, "PSI full", "psi/full");
	for (int i = 0; i < NVM; i++)
		line(l, &n, MS_GF_RATE, true, vm_labels[i], "%s", vm_keys[i]);
	ms_gpanel_draw(p, w, r,
		       "memory pressure (PSI avg10) and pages scanned, "
		       "stolen per second",
		       l, n, ui);
}

/* ---- NUMA ------------------------------------------------------------- */

#define NUMA_NODES (MS_GRAPH_NUMA_SERIES / 2)

static double numastat_rate(const struct ms_numa_node *nd, const char *key)
{
	const struct ms_kv *kv = ms_kv_find(&nd->numastat, key);

	return kv ? kv->rate : NAN;
}

void ms_graph_numa_feed(struct ms_gpanel *p, const struct ms_snapshot *s,
			const struct ms_ui *ui)
{
	if (!tick(p, s, ui) || !(s->have & MS_SEC_BIT(MS_SEC_NUMA)))
		return;
	for (int i = 0; i < s->numa.n && i < NUMA_NODES; i++) {
		const struct ms_numa_node *nd = &s->numa.nodes[i];

		push(p, numastat_rate(nd, "numa_miss"), "miss/%d", nd->node);
		push(p, numastat_rate(nd, "numa_foreign"), "foreign/%d",
		     nd->node);
	}
}

void ms_graph_numa_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
			const struct ms_snapshot *s, const struct ms_ui *ui)
{
	struct ms_gline l[MS_GLINES];
	char label[24];
	int n = 0;

	for (int i = 0; i < s->numa.n && i < NUMA_NODES; i++) {
		int node = s->numa.nodes[i].node;

		snprintf(label, sizeof(label), "N%d miss", node);
		line(l, &n, MS_GF_RATE, true, label, "miss/%d", node);
		snprintf(label, sizeof(label), "N%d foreign", node);
		line(l, &n, MS_GF_RATE, true, label, "foreign/%d", node);
	}
	ms_gpanel_draw(p, w, r,
		       "numa_miss and numa_foreign per second per node", l, n,
		       ui);
}
