// SPDX-License-Identifier: GPL-2.0
/*
 * The Cgroups tab's history graphs (H): a cgroup's usage against its max
 * and high limits, its PSI some and full, and reclaim (memory.stat
 * pgscan and pgsteal per second), for the selected and the open cgroup.
 */
#include "tui/tabs/cgroup/cgroup.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/*
 * A series' key: "cg/" and a hash of the path's key (paths outgrow
 * series keys): the same for a path and for the open screen's c->open,
 * its key already (cg_path_key() of a key is itself).
 */
static const char *key(char *buf, size_t len, const char *path,
		       const char *what)
{
	uint64_t h = 14695981039346656037ULL; /* FNV-1a */
	char pk[CG_PATH];

	cg_path_key(pk, sizeof(pk), path);
	for (const unsigned char *p = (const unsigned char *)pk; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	snprintf(buf, len, "cg/%016llx/%s", (unsigned long long)h, what);
	return buf;
}

static double kb_bytes(uint64_t kb)
{
	return ms_have(kb) ? (double)kb * 1024 : NAN;
}

/* memory.stat item name's rate; NAN where there is none (v1). */
static double stat_rate(const struct ms_cgroup *g, const char *name)
{
	const struct ms_kv *k = ms_kv_find(&g->stat, name);

	return k && !k->reset ? k->rate : NAN;
}

/* The lines of a cgroup's panel; the plot is the first: usage. */
enum { G_USE, G_MAX, G_HIGH, G_SOME, G_FULL, G_SCAN, G_STEAL, G_COUNT };

static const struct {
	const char *key, *label;
	enum ms_gfmt fmt;
	bool zero;
} lines[G_COUNT] = {
	[G_USE] = { "use", "usage", MS_GF_BYTES, false },
	[G_MAX] = { "max", "max", MS_GF_BYTES, false },
	[G_HIGH] = { "high", "high", MS_GF_BYTES, false },
	[G_SOME] = { "some", "PSI some", MS_GF_PCT, true },
	[G_FULL] = { "full", "PSI full", MS_GF_PCT, true },
	[G_SCAN] = { "scan", "pgscan/s", MS_GF_RATE, true },
	[G_STEAL] = { "steal", "pgsteal/s", MS_GF_RATE, true },
};

static void feed_one(struct cg_view *c, const struct ms_cgroup *g)
{
	bool psi = g->version == 2;
	double v[G_COUNT] = {
		[G_USE] = kb_bytes(g->current_kb),
		[G_MAX] = kb_bytes(g->max_kb),
		[G_HIGH] = kb_bytes(g->high_kb),
		[G_SOME] = psi ? g->some.avg10 : NAN,
		[G_FULL] = psi ? g->full.avg10 : NAN,
		[G_SCAN] = stat_rate(g, "pgscan"),
		[G_STEAL] = stat_rate(g, "pgsteal"),
	};
	char k[MS_HIST_KEY];

	for (int i = 0; i < G_COUNT; i++)
		ms_gpanel_push(&c->graph, v[i], "%s",
			       key(k, sizeof(k), g->path, lines[i].key));
}

const struct ms_cgroup *cg_find(const struct cg_view *c, const char *path)
{
	char want[CG_PATH], k[CG_PATH];

	/* by key: path may be a key already (the open screen's) */
	cg_path_key(want, sizeof(want), path);
	for (int i = 0; c->cur && i < c->cur->cgroups.n; i++) {
		cg_path_key(k, sizeof(k), c->cur->cgroups.v[i].path);
		if (!strcmp(k, want))
			return &c->cur->cgroups.v[i];
	}
	return NULL;
}

void cg_graph_feed(struct cg_view *c, const char *sel)
{
	const struct ms_cgroup *g;
	char sk[CG_PATH];

	if (!ms_gpanel_tick(&c->graph, c->cur, c->base.ui) ||
	    !(c->cur->have & MS_SEC_BIT(MS_SEC_CGROUP)))
		return;
	if (sel && (g = cg_find(c, sel)))
		feed_one(c, g);
	/* once: the open one is a key, the selected one a path */
	if (sel)
		cg_path_key(sk, sizeof(sk), sel);
	if (c->open[0] && (!sel || strcmp(sk, c->open)) &&
	    (g = cg_find(c, c->open)))
		feed_one(c, g);
}

void cg_graph_draw(struct cg_view *c, WINDOW *w, struct ms_rect r,
		   const char *path)
{
	struct ms_gline l[G_COUNT];
	char what[96 + CG_PATH * 4], esc[CG_PATH * 4], k[MS_HIST_KEY];
	int n = 0;

	for (int i = 0; i < G_COUNT; i++)
		ms_gline_add(l, &n, lines[i].fmt, lines[i].zero, lines[i].label,
			     "%s", key(k, sizeof(k), path, lines[i].key));
	snprintf(what, sizeof(what), "cgroup %s: usage against its limits",
		 ms_esc(esc, sizeof(esc), path));
	ms_gpanel_draw(&c->graph, w, r, what, l, n, c->base.ui);
}
