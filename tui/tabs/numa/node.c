// SPDX-License-Identifier: GPL-2.0
/*
 * The NUMA tab's node screen (Enter on a node): its CPUs and memory, its
 * zones, distances, numastat with rates, hinting faults on it and every
 * line of its meminfo.
 */
#include "tui/tabs/numa/numa.h"

#include "tui/explain.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const struct ms_numa_node *ms_numa_node_of(const struct ms_snapshot *s,
					   int node)
{
	for (int i = 0; s && i < s->numa.n; i++)
		if (s->numa.nodes[i].node == node)
			return &s->numa.nodes[i];
	return NULL;
}

static void memory(struct ms_screen *p, const struct ms_numa_node *nd)
{
	char t[16], u[16], f[16], pct[16];
	double frac = NAN;
	char esc[160];

	if (ms_have(nd->mem_total_kb) && ms_have(nd->mem_used_kb) &&
	    nd->mem_total_kb)
		frac = 100.0 * (double)nd->mem_used_kb /
		       (double)nd->mem_total_kb;
	ms_screen_tag(p, "numa.node.cpus");
	ms_screen_linef(p, 0, "  CPUs   %s",
			nd->cpus[0] ? ms_esc(esc, sizeof(esc), nd->cpus) :
				      "none");
	ms_screen_tag(p, "numa.node.total");
	ms_screen_linef(p, 0, "  Total  %s   Used %s (%s)   Free %s",
			ms_fmt_kb1(t, sizeof(t), nd->mem_total_kb),
			ms_fmt_kb1(u, sizeof(u), nd->mem_used_kb),
			ms_fmt_pct(pct, sizeof(pct), frac),
			ms_fmt_kb1(f, sizeof(f), nd->mem_free_kb));
}

/* The node's zones from zoneinfo and buddyinfo, as the Buddy tab has them. */
static void zones(struct ms_screen *p, const struct ms_snapshot *s, int node,
		  const struct ms_ui *ui)
{
	uint64_t ps = s->slab.page_size ? s->slab.page_size : 4096;
	char v[7][16], why[160];
	int n = 0;

	ms_screen_title(p, "Zones (Buddy tab: Enter on a zone for its orders)",
			ui);
	if (!(s->have & MS_SEC_BIT(MS_SEC_BUDDY))) {
		ms_screen_linef(p, ms_attr(MS_C_NOTE), "  %s",
				ms_why_missing(why, sizeof(why), s,
					       MS_SEC_BUDDY));
		return;
	}
	ms_screen_tag(p, "buddy.zone.name");
	ms_screen_linef(p, ms_attr(MS_C_COLUMN_HEADER),
			"  %-8s %8s %8s %8s %8s %9s %9s", "Zone", "Free", "Min",
			"Low", "High", "Managed", "Present");
	for (int i = 0; i < s->buddy.nr_zones; i++) {
		const struct ms_zone *z = &s->buddy.zones[i];

		if (z->node != node)
			continue;
		n++;
		ms_fmt_pages(v[0], sizeof(v[0]), z->free_pages, ps);
		ms_fmt_pages(v[1], sizeof(v[1]), z->wmark_min, ps);
		ms_fmt_pages(v[2], sizeof(v[2]), z->wmark_low, ps);
		ms_fmt_pages(v[3], sizeof(v[3]), z->wmark_high, ps);
		ms_fmt_pages(v[4], sizeof(v[4]), z->managed, ps);
		ms_fmt_pages(v[5], sizeof(v[5]), z->present, ps);
		ms_screen_linef(p, 0, "  %-8s %8s %8s %8s %8s %9s %9s", z->name,
				v[0], v[1], v[2], v[3], v[4], v[5]);
	}
	if (!n)
		ms_screen_linef(p, ms_attr(MS_C_DIM), "  no zone on this node");
}

static void distances(struct ms_screen *p, const struct ms_snapshot *s,
		      const struct ms_numa_node *nd, const struct ms_ui *ui)
{
	char buf[256];
	size_t off = 0;

	ms_screen_tag(p, "numa.distance");
	ms_screen_title(p, "Distances (10: local)", ui);
	buf[0] = '\0';
	/* distance[] is indexed by position in the node list */
	for (int j = 0; j < nd->nr_distance && j < s->numa.n && off < 200; j++)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off,
					"  to N%d %d", s->numa.nodes[j].node,
					nd->distance[j]);
	ms_screen_linef(p, 0, "%s", off ? buf : "  unknown");
}

static void numastat(struct ms_screen *p, const struct ms_numa_node *nd,
		     const struct ms_ui *ui)
{
	char val[32], rate[32], id[64];
	const struct ms_explain *x;

	ms_screen_title(p, "numastat, pages", ui);
	ms_screen_linef(p, ms_attr(MS_C_COLUMN_HEADER), "  %-18s %14s %12s",
			"counter", "total", "per second");
	for (int i = 0; i < nd->numastat.n; i++) {
		const struct ms_kv *kv = &nd->numastat.v[i];

		/* the six counters the tab's table explains */
		snprintf(id, sizeof(id), "numa.stat.%s", kv->name);
		x = ms_explain_find(id);
		if (x)
			ms_screen_tag(p, x->id);
		ms_screen_linef(p, 0, "  %-18s %14s %12s", kv->name,
				ms_fmt_u64(val, sizeof(val), kv->value),
				ms_fmt_rate(rate, sizeof(rate), kv->rate));
	}
	if (!nd->numastat.n)
		ms_screen_linef(p, ms_attr(MS_C_DIM), "  no numastat file");
}

/* Hinting faults on pages of this node (bpf), when counted. */
static void events(struct ms_screen *p, const struct ms_snapshot *s, int node,
		   const struct ms_ui *ui)
{
	const struct ms_numa_events *e = &s->numa_events;
	char f[16], pg[16], m[16], why[160];

	ms_screen_title(p, "Events on this node (bpf)", ui);
	if (!(s->have & MS_SEC_BIT(MS_SEC_NUMA_EVENTS))) {
		ms_screen_linef(p, ms_attr(MS_C_NOTE), "  %s",
				ms_why_missing(why, sizeof(why), s,
					       MS_SEC_NUMA_EVENTS));
		return;
	}
	for (int i = 0; i < e->nr_nodes; i++) {
		const struct ms_numa_hint *h = &e->node[i];

		if (h->node != node)
			continue;
		ms_screen_linef(
			p, 0,
			"  hinting faults %s/s, pages %s/s, migrated %s/s",
			ms_fmt_events(f, sizeof(f), h->faults_rate, 6),
			ms_fmt_events(pg, sizeof(pg), h->pages_rate, 6),
			ms_fmt_events(m, sizeof(m), h->migrated_rate, 6));
		return;
	}
	ms_screen_linef(p, ms_attr(MS_C_DIM),
			"  no hinting faults on this node");
}

static void meminfo(struct ms_screen *p, const struct ms_numa_node *nd,
		    const struct ms_ui *ui)
{
	char val[32], title[80];

	snprintf(title, sizeof(title),
		 "meminfo (/sys/devices/system/node/node%d/meminfo)", nd->node);
	ms_screen_title(p, title, ui);
	for (int i = 0; i < nd->meminfo.n; i++) {
		const struct ms_kv *kv = &nd->meminfo.v[i];

		/* HugePages_* are counts of pages, the rest kB */
		if (!strncmp(kv->name, "HugePages_", 10))
			ms_fmt_u64(val, sizeof(val), kv->value);
		else
			ms_fmt_kb1(val, sizeof(val), kv->value);
		ms_screen_linef(p, 0, "  %-18s %10s", kv->name, val);
	}
	if (!nd->meminfo.n)
		ms_screen_linef(p, ms_attr(MS_C_DIM), "  no meminfo file");
}

#define NV(d) ((struct numa_view *)(d)->v)

static enum ms_key_result node_open(struct ms_drill *d)
{
	struct numa_view *v = NV(d);

	if (!v->cur || v->sel < 0 || v->sel >= v->cur->numa.n)
		return MS_KEY_PASS;
	v->node = v->cur->numa.nodes[v->sel].node;
	return MS_KEY_RESAMPLE; /* its zones come with the buddy section */
}

static enum ms_key_result node_close(struct ms_drill *d)
{
	(void)d;
	return MS_KEY_RESAMPLE; /* without the buddy section */
}

static void node_request(struct ms_drill *d, struct ms_request *req)
{
	(void)d;
	req->sections |= MS_SEC_BIT(MS_SEC_BUDDY); /* the node's zones */
}

static void node_title(struct ms_drill *d, char *buf, size_t len)
{
	snprintf(buf, len, "Node %d", NV(d)->node);
}

static void node_lines(struct ms_drill *d, struct ms_screen *p)
{
	const struct ms_snapshot *s = NV(d)->cur;
	const struct ms_ui *ui = d->v->ui;
	int node = NV(d)->node;
	const struct ms_numa_node *nd = ms_numa_node_of(s, node);

	if (!nd) {
		ms_screen_linef(p, ms_attr(MS_C_NOTE),
				"  node %d is not in this sample", node);
		return;
	}
	memory(p, nd);
	ms_screen_line(p, 0, "");
	zones(p, s, node, ui);
	ms_screen_line(p, 0, "");
	distances(p, s, nd, ui);
	ms_screen_line(p, 0, "");
	numastat(p, nd, ui);
	ms_screen_line(p, 0, "");
	events(p, s, node, ui);
	ms_screen_line(p, 0, "");
	meminfo(p, nd, ui);
}

static const char *const node_screen_ids[] = {
	"numa.node",
	"numa.node.cpus",
	"numa.node.total",
	"buddy.zone.name",
	"numa.distance",
	NUMASTAT_IDS,
	NULL,
};

const struct ms_drill_class ms_numa_node_screen = {
	.name = "node",
	.open = node_open,
	.close = node_close,
	.request = node_request,
	.title = node_title,
	.title_id = "numa.node",
	.lines = node_lines,
	.graph = true,
	.hints = "Up/Down PgUp/PgDn scroll  H graph",
	.ids = node_screen_ids,
};
