// SPDX-License-Identifier: GPL-2.0
/*
 * The Cgroups tab's drill-down screen: one cgroup's limits, pressure,
 * where its usage goes (the Memory tab's buckets), processes (Enter:
 * their screen), memory.events and events.local with their timeline,
 * every memory.stat item with its rate, as lines (Enter on a cgroup of
 * the tree); H its history graphs.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tui/tabs/cgroup/cgroup.h"
#include "tui/cut.h"

#define CD(d) ((struct cg_view *)(d)->v)

/* The cgroup the screen shows in the current sample, or NULL: gone. */
static const struct ms_cgroup *shown(struct ms_drill *d)
{
	return cg_find(CD(d), CD(d)->open);
}

static void title(struct ms_drill *d, char *buf, size_t len)
{
	const struct ms_cgroup *g = shown(d);
	const char *p = g ? g->path : CD(d)->open, *leaf = strrchr(p, '/');
	char esc[CG_PATH * 4], name[256];
	int depth = 0;

	if (strlen(p) <= 64 || !leaf) {
		snprintf(buf, len, "Cgroup %s", ms_esc(esc, sizeof(esc), p));
		return;
	}
	/* a long path: the cgroup's own name first, where it shows */
	for (const char *q = p; *q; q++)
		depth += *q == '/';
	snprintf(buf, len, "Cgroup %s, %d deep: %s",
		 ms_esc(name, sizeof(name), leaf + 1), depth,
		 ms_esc(esc, sizeof(esc), p));
}

static void kb_line(struct ms_screen *l, const char *id, const char *name,
		    uint64_t kb)
{
	char v[16];

	ms_screen_tag(l, id);
	ms_screen_linef(l, ms_have(kb) ? 0 : ms_attr(MS_C_DIM), "  %-16s %10s",
			name, ms_fmt_kb(v, sizeof(v), kb));
}

static void psi_line(struct ms_screen *l, const char *what,
		     const struct ms_cg_psi *p)
{
	char t[24];

	if (isnan(p->avg10)) {
		ms_screen_linef(l, ms_attr(MS_C_DIM), "  %-6s -", what);
		return;
	}
	ms_screen_linef(l, p->avg10 > 0 ? ms_attr(MS_C_WARNING) : 0,
			"  %-6s avg10 %6.2f%%  avg60 %6.2f%%  avg300 %6.2f%%  "
			"total %s us",
			what, p->avg10, p->avg60, p->avg300,
			ms_fmt_u64(t, sizeof(t), p->total));
}

/*
 * A list of the kernel's names: each value, and its rate when it has one;
 * rate_id NULL: a list memscope computes no rates of (memory.events.local,
 * memory.numa_stat), without a column that could only say '-'.
 */
static void kv_lines(struct ms_screen *l, const struct ms_kvlist *kv,
		     const char *rate_id)
{
	char v[32], r[32] = "";

	if (rate_id)
		ms_screen_tag_at(l, rate_id, 44, 12);
	ms_screen_linef(l, ms_attr(MS_C_COLUMN_HEADER), "  %-24s %16s %12s",
			"Item", "Value", rate_id ? "Per second" : "");
	for (int i = 0; i < kv->n; i++) {
		const struct ms_kv *k = &kv->v[i];

		if (rate_id && (isnan(k->rate) || k->reset))
			snprintf(r, sizeof(r), "-");
		else if (rate_id)
			snprintf(r, sizeof(r), "%.1f", k->rate);
		if (ms_cg_stat_unlimited(k->name, k->value))
			snprintf(v, sizeof(v), "unlimited");
		else
			ms_fmt_u64(v, sizeof(v), k->value);
		ms_screen_linef(l, k->value ? 0 : ms_attr(MS_C_DIM),
				"  %-24s %16s %12s", k->name, v, r);
	}
	if (!kv->n)
		ms_screen_line(l, ms_attr(MS_C_DIM), "  none in this cgroup");
}

static void pid_lines(struct ms_screen *l, const struct ms_cgroup *g)
{
	char line[320], v[32];
	size_t n = 0;

	ms_screen_tag(l, "cgroup.procs");
	if (g->procs < 0)
		ms_screen_line(l, ms_attr(MS_C_DIM), "  Processes: unknown");
	else
		ms_screen_linef(l, 0, "  Processes: %d", g->procs);
	ms_screen_tag(l, "cgroup.threads");
	if (g->threads < 0)
		ms_screen_line(l, ms_attr(MS_C_DIM), "  Threads: unknown");
	else
		ms_screen_linef(l, 0, "  Threads: %d", g->threads);
	ms_screen_tag(l, "cgroup.pids");
	line[0] = '\0';
	for (int i = 0; i < g->nr_pids && n + 24 < sizeof(line); i++)
		n += (size_t)snprintf(
			line + n, sizeof(line) - n, "%s%llu",
			i ? " " : "  PIDs: ", (unsigned long long)g->pids[i]);
	if (g->nr_pids)
		ms_screen_wrapped(l, 0, line);
	ms_screen_tag(l, "cgroup.dying");
	if (g->version == 1)
		ms_screen_line(l, ms_attr(MS_C_DIM),
			       "  Dying descendants: - (v1)");
	else
		ms_screen_linef(l, 0, "  Dying descendants: %s",
				ms_fmt_u64(v, sizeof(v), g->dying));
}

/* memory.stat as the Memory tab's buckets, each with its share. */
static void ledger_lines(struct ms_screen *l, const struct ms_cgroup *g)
{
	struct ms_cg_ledger led;
	char v[16], pct[16];

	ms_screen_tag(l, "cgroup.ledger");
	ms_screen_line(l, ms_attr(MS_C_COLUMN_HEADER),
		       "  Where the usage goes (memory.stat as the Memory "
		       "tab's buckets)");
	if (ms_cg_ledger(g, &led)) {
		ms_screen_line(l, ms_attr(MS_C_DIM),
			       "  no memory.stat in this cgroup");
		return;
	}
	for (int i = 0; i < MS_CGB_COUNT; i++) {
		uint64_t kb = led.kb[i];

		if (!ms_have(kb))
			continue; /* this memory.stat has no such item */
		if (ms_have(g->current_kb) && g->current_kb)
			snprintf(pct, sizeof(pct), "%5.1f%%",
				 100.0 * (double)kb / (double)g->current_kb);
		else
			snprintf(pct, sizeof(pct), "%6s", "-");
		ms_screen_tag(l, i == MS_CGB_OTHER ? "cgroup.ledger_other" :
						     "cgroup.ledger");
		ms_screen_linef(l, kb ? 0 : ms_attr(MS_C_DIM),
				"  %-18s %8s %s  %s", ms_cg_bucket_names[i],
				ms_fmt_kb(v, sizeof(v), kb), pct, led.from[i]);
	}
	if (led.over_kb)
		ms_screen_linef(l, ms_attr(MS_C_NOTE),
				"  the buckets exceed the usage by %s (read "
				"apart, or counted twice)",
				ms_fmt_kb(v, sizeof(v), led.over_kb));
}

/* "12 s ago", "3.5 min ago" before the sample now. */
static void ago(char *buf, size_t len, double s)
{
	if (s < 90)
		snprintf(buf, len, "%.0f s ago", s);
	else if (s < 5400)
		snprintf(buf, len, "%.1f min ago", s / 60);
	else
		snprintf(buf, len, "%.1f h ago", s / 3600);
}

/* The events' changes the tab saw, newest first. */
static void timeline_lines(struct ms_drill *d, struct ms_screen *l)
{
	const struct cg_view *c = CD(d);
	const struct ms_cgroup *g = shown(d);
	const struct cg_change *ch[64];
	int n = cg_tl_of(&c->tl, g ? g->path : c->open, ch, 64);
	char when[32], gap[48];

	ms_screen_tag(l, "cgroup.timeline");
	ms_screen_line(l, ms_attr(MS_C_COLUMN_HEADER),
		       "  Events timeline (changes seen, newest first)");
	if (!n) {
		ms_screen_linef(l, ms_attr(MS_C_DIM),
				"  no change seen in %.0f s of samples",
				c->cur->t_mono - c->tl.first_t);
		return;
	}
	for (int i = 0; i < n; i++) {
		double dt = ch[i]->t1 - ch[i]->t0;
		bool down = ch[i]->to < ch[i]->from;

		ago(when, sizeof(when), c->cur->t_mono - ch[i]->t1);
		/* a long gap (the tab not shown): it changed within it */
		if (dt > 2.5 * d->v->ui->interval)
			snprintf(gap, sizeof(gap), "  (within %.0f s)", dt);
		else
			gap[0] = '\0';
		ms_screen_linef(
			l,
			!strncmp(ch[i]->name, "oom", 3) ?
				ms_attr(MS_C_WARNING) :
				0,
			"  %-12s %-16s %-6s %s%llu  now %llu%s", when,
			ch[i]->name, ch[i]->local ? "local" : "",
			down ? "-" : "+",
			(unsigned long long)(down ? ch[i]->from - ch[i]->to :
						    ch[i]->to - ch[i]->from),
			(unsigned long long)ch[i]->to, gap);
	}
}

static void lines(struct ms_drill *d, struct ms_screen *l)
{
	const struct ms_cgroup *g = shown(d);
	char r[16];

	if (!g) {
		ms_screen_line(l, ms_attr(MS_C_NOTE),
			       "  the cgroup is gone from this sample");
		return;
	}
	ms_screen_tag(l, "cgroup.version");
	ms_screen_linef(l, 0, "  cgroup v%d", g->version);
	ms_screen_line(l, ms_attr(MS_C_COLUMN_HEADER), "  Usage and limits");
	kb_line(l, "cgroup.current", "usage", g->current_kb);
	ms_screen_tag(l, "cgroup.current_rate");
	ms_screen_linef(l, 0, "  %-16s %10s", "growth",
			ms_fmt_byte_rate(r, sizeof(r),
					 g->current_kb_per_s * 1024));
	kb_line(l, "cgroup.max", "max", g->max_kb);
	kb_line(l, "cgroup.high", "high", g->high_kb);
	kb_line(l, "cgroup.low", "low", g->low_kb);
	kb_line(l, "cgroup.min", "min", g->min_kb);
	kb_line(l, "cgroup.peak", "peak", g->peak_kb);
	kb_line(l, "cgroup.swap", "swap", g->swap_kb);
	kb_line(l, "cgroup.swap_max", "swap max", g->swap_max_kb);
	kb_line(l, "cgroup.zswap", "zswap", g->zswap_kb);
	kb_line(l, "cgroup.zswap_max", "zswap max", g->zswap_max_kb);
	ms_screen_line(l, 0, "");
	ledger_lines(l, g);
	ms_screen_line(l, 0, "");
	ms_screen_tag(l, "cgroup.psi");
	ms_screen_line(l, ms_attr(MS_C_COLUMN_HEADER),
		       "  Pressure (memory.pressure)");
	ms_screen_tag(l, "cgroup.psi_total");
	psi_line(l, "some", &g->some);
	psi_line(l, "full", &g->full);
	ms_screen_line(l, 0, "");
	cg_bpf_lines(l, CD(d)->cur, g->path);
	ms_screen_line(l, 0, "");
	pid_lines(l, g);
	ms_screen_line(l, 0, "");
	ms_screen_tag(l, "cgroup.events");
	ms_screen_line(l, ms_attr(MS_C_COLUMN_HEADER), "  memory.events");
	kv_lines(l, &g->events, "cgroup.events_rates");
	ms_screen_line(l, 0, "");
	ms_screen_tag(l, "cgroup.events_local");
	ms_screen_line(l, ms_attr(MS_C_COLUMN_HEADER), "  memory.events.local");
	kv_lines(l, &g->events_local, NULL);
	ms_screen_line(l, 0, "");
	timeline_lines(d, l);
	ms_screen_line(l, 0, "");
	ms_screen_tag(l, "cgroup.stat");
	ms_screen_line(l, ms_attr(MS_C_COLUMN_HEADER),
		       "  memory.stat (bytes, counts)");
	kv_lines(l, &g->stat, "cgroup.stat_rates");
	ms_screen_line(l, 0, "");
	ms_screen_tag(l, "cgroup.numa_stat");
	ms_screen_line(l, ms_attr(MS_C_COLUMN_HEADER),
		       "  memory.numa_stat (per item and node)");
	kv_lines(l, &g->numa, NULL);
}

static const char *const ids[] = { CG_SCREEN_IDS, NULL };

/* The history panel (H) under the lines. */
static void draw(struct ms_drill *d, WINDOW *w, struct ms_rect r)
{
	struct cg_view *c = CD(d);
	struct ms_rect g = ms_gpanel_take(&c->graph, &r);

	if (g.h)
		cg_graph_draw(c, w, g, c->open);
	ms_drill_lines(d, w, r);
}

static enum ms_key_result key(struct ms_drill *d, int k)
{
	if (ms_key_is_enter(k))
		return ms_drill_push(d->v, &cg_procs_screen, NULL);
	return MS_KEY_PASS;
}

const struct ms_drill_class cg_screen = {
	.name = "cgroup",
	.title = title,
	.title_id = "cgroup.path",
	.lines = lines,
	.draw = draw,
	.key = key,
	.graph = true,
	.hints = "Enter processes  H graph  Up/Down PgUp/PgDn scroll",
	.ids = ids,
};
