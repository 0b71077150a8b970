// SPDX-License-Identifier: GPL-2.0
/*
 * The Reclaim tab's live sections (probes/bpf reclaim group): reclaim
 * stalls, kswapd, shrinkers, writeback and OOM kills, on a timeline of the
 * last samples, and the events screen with the stall histogram.
 */
#include "tui/tabs/reclaim/reclaim.h"
#include "tui/cut.h"
#include "model/field.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static bool have(const struct ms_snapshot *s)
{
	return ms_have_sec(s, MS_SEC_RECLAIM_EVENTS);
}

/* Shrinkers' time per second, summed. */
static double shrink_ms(const struct ms_reclaim_events *e)
{
	double ns = 0;

	for (int i = 0; i < e->nr_shrinkers; i++)
		if (isfinite(e->shrinkers[i].lat.ns_rate))
			ns += e->shrinkers[i].lat.ns_rate;
	return isfinite(e->interval) ? ns / 1e6 : NAN;
}

static double awake_share(const struct ms_reclaim_events *e)
{
	double a = 0;

	for (int i = 0; i < e->nr_kswapd; i++)
		a += e->kswapd[i].awake_share;
	return e->nr_kswapd ? a / e->nr_kswapd : NAN;
}

void ms_live_timeline_add(struct ms_live_timeline *tl,
			  const struct ms_snapshot *s)
{
	const struct ms_reclaim_events *e = &s->reclaim_events;
	struct ms_live_point *pt;

	if (!have(s))
		return;
	if (!isfinite(e->interval)) { /* (re)attached: a new baseline */
		tl->oom_kills = e->oom_kills;
		return;
	}
	pt = &tl->p[tl->next];
	tl->next = (tl->next + 1) % MS_TIMELINE;
	if (tl->n < MS_TIMELINE)
		tl->n++;
	pt->t = s->t_real;
	pt->stalls = e->stall.rate;
	pt->stall_ms = e->stall.ns_rate / 1e6;
	pt->awake = awake_share(e);
	pt->shrink_ms = shrink_ms(e);
	pt->writeback = e->write_rate;
	/* a count a replay has as null: unknown (-1), not 2^64 - 1 more */
	if (!ms_have(e->oom_kills) || !ms_have(tl->oom_kills))
		pt->ooms = -1;
	else
		pt->ooms = e->oom_kills >= tl->oom_kills ?
				   (int)(e->oom_kills - tl->oom_kills) :
				   0;
	tl->oom_kills = e->oom_kills;
}

/* The i-th point, oldest first. */
static const struct ms_live_point *point(const struct ms_live_timeline *tl,
					 int i)
{
	return &tl->p[(tl->next - tl->n + i + MS_TIMELINE) % MS_TIMELINE];
}

enum series { S_STALLS, S_STALL_MS, S_AWAKE, S_SHRINK, S_WRITE };

static double value(const struct ms_live_point *p, enum series k)
{
	switch (k) {
	case S_STALLS:
		return p->stalls;
	case S_STALL_MS:
		return p->stall_ms;
	case S_AWAKE:
		return p->awake * 100;
	case S_SHRINK:
		return p->shrink_ms;
	default:
		return p->writeback;
	}
}

/* "label  ▁▂▅█  now 3.2 max 9" over the last points that fit. */
static void spark_line(struct ms_screen *p, const struct ms_live_timeline *tl,
		       const char *label, enum series k, const struct ms_ui *ui)
{
	uint64_t v[MS_TIMELINE];
	char tail[64], a[16], b[16];
	int y = ms_screen_next(p), w = p->r.w - 14 - 22, n, first;
	double max = NAN, now = NAN;

	if (y < 0)
		return;
	if (w > MS_TIMELINE)
		w = MS_TIMELINE;
	n = tl->n < w ? tl->n : w;
	first = tl->n - n;
	for (int i = 0; i < n; i++) {
		double x = value(point(tl, first + i), k);

		v[i] = isfinite(x) ? (uint64_t)llround(x * 100) : MS_NA;
		if (isfinite(x) && !(x <= max))
			max = x;
		now = x;
	}
	ms_put(p->w, y, p->r.x, 14, MS_LEFT, true, 0, label);
	if (n > 0)
		ms_spark(p->w, y, p->r.x + 14, v, n, 0, ms_attr(MS_C_BAR), ui);
	snprintf(tail, sizeof(tail), " now %s max %s",
		 ms_fmt_events(a, sizeof(a), now, 6),
		 ms_fmt_events(b, sizeof(b), max, 6));
	if (w > 0)
		ms_put(p->w, y, p->r.x + 14 + (n > 0 ? n : 0), 22, MS_LEFT,
		       false, ms_attr(MS_C_DIM), tail);
}

/* A row marking the samples with OOM kills. */
static void oom_row(struct ms_screen *p, const struct ms_live_timeline *tl)
{
	int y = ms_screen_next(p), w = p->r.w - 14, n, first;

	if (y < 0)
		return;
	if (w > MS_TIMELINE)
		w = MS_TIMELINE;
	n = tl->n < w ? tl->n : w;
	first = tl->n - n;
	ms_put(p->w, y, p->r.x, 14, MS_LEFT, true, 0, "  OOM kills");
	for (int i = 0; i < n; i++) {
		int k = point(tl, first + i)->ooms;
		char mark[2] = { k < 0 ? '-' :
				 k > 9 ? '+' :
				 k     ? (char)('0' + k) :
					 '.',
				 0 };

		ms_put(p->w, y, p->r.x + 14 + i, 1, MS_LEFT, false,
		       ms_attr(k > 0 ? MS_C_CRITICAL : MS_C_DIM), mark);
	}
}

static void timeline(struct ms_screen *p, const struct ms_live_timeline *tl,
		     const struct ms_ui *ui, bool all)
{
	spark_line(p, tl, "  stall ms/s", S_STALL_MS, ui);
	if (all) {
		spark_line(p, tl, "  stalls/s", S_STALLS, ui);
		spark_line(p, tl, "  kswapd %", S_AWAKE, ui);
		spark_line(p, tl, "  shrink ms/s", S_SHRINK, ui);
		spark_line(p, tl, "  writeback/s", S_WRITE, ui);
	}
	oom_row(p, tl);
}

static const char *clock_of(char *buf, size_t len, double t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!isfinite(t) || !localtime_r(&tt, &tm))
		snprintf(buf, len, "-");
	else
		strftime(buf, len, "%H:%M:%S", &tm);
	return buf;
}

static const char *us(char *buf, size_t len, double v)
{
	if (!isfinite(v))
		snprintf(buf, len, "-");
	else if (v >= 10000)
		snprintf(buf, len, "%.1f ms", v / 1e3);
	else
		snprintf(buf, len, "%.0f us", v);
	return buf;
}

static double mean_us(const struct ms_latency *l)
{
	return l->count ? ms_dbl(l->total_ns) / ms_dbl(l->count) / 1e3 : NAN;
}

static void why_line(struct ms_screen *p, const struct ms_snapshot *s,
		     const char *what, const char *prog)
{
	char why[200];

	ms_screen_linef(p, ms_attr(MS_C_NOTE), "  %s: %s", what,
			ms_live_why(why, sizeof(why), s, MS_SEC_RECLAIM_EVENTS,
				    prog) ?
				why :
				"not counted");
}

static void stalls_line(struct ms_screen *p, const struct ms_snapshot *s)
{
	const struct ms_reclaim_events *e = &s->reclaim_events;
	char r[16], m[16], x[16], d[16], c[16];

	if (!(e->fields & MS_RE_DIRECT) || !(e->fields & MS_RE_MEMCG)) {
		why_line(p, s, "reclaim stalls", NULL);
		return;
	}
	ms_screen_linef(
		p, e->stall.rate > 0 ? ms_attr(MS_C_WARNING) : 0,
		"  stalls     %s/s, mean %s, max %s (direct %s/s, memcg %s/s)",
		ms_fmt_events(r, sizeof(r), e->stall.rate, 6),
		us(m, sizeof(m), mean_us(&e->stall)),
		us(x, sizeof(x),
		   e->stall.count ? ms_dbl(e->stall.max_ns) / 1e3 : NAN),
		ms_fmt_events(d, sizeof(d), e->direct.rate, 6),
		ms_fmt_events(c, sizeof(c), e->memcg.rate, 6));
}

static void kswapd_line(struct ms_screen *p, const struct ms_snapshot *s)
{
	const struct ms_reclaim_events *e = &s->reclaim_events;
	char pct[16], w[16], u[16];
	double wakes = 0, wakeups = 0;

	if (!(e->fields & MS_RE_KSWAPD)) {
		why_line(p, s, "kswapd", "ms_kwake");
		return;
	}
	for (int i = 0; i < e->nr_kswapd; i++) {
		wakes += e->kswapd[i].wake_rate;
		wakeups += e->kswapd[i].wakeup_rate;
	}
	ms_screen_linef(p, 0,
			"  kswapd     awake %s, woke %s/s, asked to wake %s/s",
			ms_fmt_pct(pct, sizeof(pct), awake_share(e) * 100),
			ms_fmt_events(w, sizeof(w), wakes, 6),
			ms_fmt_events(u, sizeof(u), wakeups, 6));
}

static void oom_line(struct ms_screen *p, const struct ms_snapshot *s)
{
	const struct ms_reclaim_events *e = &s->reclaim_events;
	const struct ms_oom_event *o;
	char t[16], comm[MS_NAME * 4], n[24];

	if (!(e->fields & MS_RE_OOM)) {
		why_line(p, s, "OOM kills", "ms_oomvictim");
		return;
	}
	if (!e->nr_oom) {
		ms_screen_linef(p, 0, "  OOM kills  none since attach");
		return;
	}
	o = &e->oom[e->nr_oom - 1];
	ms_screen_linef(p, ms_attr(MS_C_CRITICAL),
			"  OOM kills  %s since attach, last %s pid %d (%s)",
			ms_fmt_u64(n, sizeof(n), e->oom_kills),
			clock_of(t, sizeof(t), o->time), o->pid,
			ms_esc(comm, sizeof(comm), o->comm));
}

void ms_live_reclaim_summary(struct ms_screen *p, const struct ms_snapshot *s,
			     const struct ms_live_timeline *tl,
			     const struct ms_ui *ui)
{
	const struct ms_reclaim_events *e = &s->reclaim_events;
	char title[96], a[16], b[16], name[MS_SYM * 4];

	ms_screen_title(p,
			ms_live_title(title, sizeof(title), "Reclaim events", s,
				      MS_SEC_RECLAIM_EVENTS),
			ui);
	if (!have(s)) {
		why_line(p, s, "reclaim events", NULL);
		return;
	}
	ms_screen_tag(p, "reclaim.ev.stalls");
	stalls_line(p, s);
	ms_screen_tag(p, "reclaim.ev.kswapd");
	kswapd_line(p, s);
	if (e->fields & MS_RE_SHRINK)
		ms_screen_tag(p, "reclaim.ev.shrinkers");
	if (e->fields & MS_RE_SHRINK)
		ms_screen_linef(p, 0, "  shrinkers  %s ms/s%s%s",
				ms_fmt_double(a, sizeof(a), shrink_ms(e), 2),
				e->nr_shrinkers ? ", busiest " : "",
				e->nr_shrinkers ? ms_esc(name, sizeof(name),
							 e->shrinkers[0].name) :
						  "");
	if (e->fields & MS_RE_WRITE)
		ms_screen_tag(p, "reclaim.ev.writeback");
	if (e->fields & MS_RE_WRITE)
		ms_screen_linef(
			p, 0,
			"  writeback  %s folios/s from reclaim (%s since "
			"attach)",
			ms_fmt_events(a, sizeof(a), e->write_rate, 6),
			ms_fmt_count(b, sizeof(b), e->write_folios, 8));
	ms_screen_tag(p, "reclaim.ev.oom");
	oom_line(p, s);
	ms_screen_tag(p, "reclaim.ev.timeline");
	timeline(p, tl, ui, false);
	ms_screen_linef(p, ms_attr(MS_C_DIM),
			"  e: histogram, timeline, shrinkers, "
			"OOM list; d: delays per process");
}

/* ---- the events screen ----------------------------------------------- */

/* Explain ids of the tables' columns, their widths in the header. */
static const char *const proc_ids[] = { MS_LIVE_PROC_IDS, NULL };
static const int proc_w[] = { 7, 16, 8, 10, 10, 10 };
static const char *const kswapd_ids[] = { MS_LIVE_KSWAPD_IDS, NULL };
static const int kswapd_w[] = { 6, 8, 8, 8, 7, 10, 10 };
static const char *const shrink_ids[] = { MS_LIVE_SHRINK_IDS, NULL };
static const int shrink_w[] = { 28, 8, 8, 9, 9, 9 };
static const char *const oom_ids[] = { MS_LIVE_OOM_IDS, NULL };
static const int oom_w[] = { 8, 7, 16, 8, 8, 8, 20, 6, 30 };
static const char *const cg_ids[] = { MS_LIVE_CG_IDS, NULL };
static const int cg_w[] = { 40, 26 };

/* The next line stands for every column of a table it replaces. */
static void tag_all(struct ms_screen *p, const char *const *ids)
{
	for (; *ids; ids++)
		ms_screen_tag(p, *ids);
}

static void histogram(struct ms_screen *p, const struct ms_latency *l,
		      const struct ms_ui *ui)
{
	uint64_t max = 0;
	int last = -1;

	for (int i = 0; i < MS_BPF_HIST; i++) {
		if (l->hist[i])
			last = i;
		if (l->hist[i] > max)
			max = l->hist[i];
	}
	if (last < 0) {
		ms_screen_linef(p, ms_attr(MS_C_DIM),
				"  no stall since attach");
		return;
	}
	for (int i = 0; i <= last; i++) {
		char range[32], n[16];
		int y = ms_screen_next(p), bw = p->r.w - 32;

		if (y < 0)
			continue;
		if (i)
			snprintf(range, sizeof(range), "  %llu-%llu us",
				 1ULL << i, 2ULL << i);
		else
			snprintf(range, sizeof(range), "  < 2 us");
		ms_put(p->w, y, p->r.x, 20, MS_LEFT, true, 0, range);
		ms_put(p->w, y, p->r.x + 20, 10, MS_RIGHT, true, 0,
		       ms_fmt_count(n, sizeof(n), l->hist[i], 9));
		if (bw > 40)
			bw = 40;
		if (bw > 0)
			ms_bar(p->w, y, p->r.x + 31, bw,
			       (double)l->hist[i] / (double)max,
			       ms_attr(MS_C_BAR), ui);
	}
}

static void processes(struct ms_screen *p, const struct ms_reclaim_events *e)
{
	char r[16], m[16], x[16], comm[MS_NAME * 4];

	ms_screen_tag_cols(p, 2, proc_ids, proc_w);
	ms_screen_linef(p, ms_attr(MS_C_COLUMN_HEADER),
			"  %7s %-16s %8s %10s %10s %10s", "PID", "Command",
			"stalls/s", "mean", "max", "total");
	if (!e->nr_procs)
		ms_screen_linef(p, ms_attr(MS_C_DIM),
				"  none in this interval");
	for (int i = 0; i < e->nr_procs; i++) {
		const struct ms_reclaimer *c = &e->procs[i];
		char tot[16];

		ms_screen_linef(p, 0, "  %7d %-16.16s %8s %10s %10s %10s",
				c->pid, ms_esc(comm, sizeof(comm), c->comm),
				ms_fmt_events(r, sizeof(r), c->lat.rate, 7),
				us(m, sizeof(m), mean_us(&c->lat)),
				us(x, sizeof(x), ms_dbl(c->lat.max_ns) / 1e3),
				us(tot, sizeof(tot),
				   ms_dbl(c->lat.total_ns) / 1e3));
	}
}

/* The memory cgroups of the tasks that stalled, their stalls by kind. */
static void cgroups(struct ms_screen *p, const struct ms_reclaim_events *e,
		    bool utf8)
{
	char d[16], m[16], ms[16], path[MS_CG_PATH * 4];

	ms_screen_tag_cols(p, 2, cg_ids, cg_w);
	ms_screen_linef(p, ms_attr(MS_C_COLUMN_HEADER), "  %-40s %8s %8s %8s",
			"cgroup", "direct/s", "memcg/s", "ms/s");
	if (!e->nr_cgroups)
		ms_screen_linef(p, ms_attr(MS_C_DIM),
				"  none in this interval");
	for (int i = 0; i < e->nr_cgroups; i++) {
		const struct ms_cg_reclaim *c = &e->cgroups[i];
		double ns =
			(isfinite(c->direct.ns_rate) ? c->direct.ns_rate : 0) +
			(isfinite(c->memcg.ns_rate) ? c->memcg.ns_rate : 0);

		ms_screen_linef(p, 0, "  %-40s %8s %8s %8s",
				ms_esc_path(path, sizeof(path), c->path, 40,
					    utf8),
				ms_fmt_events(d, sizeof(d), c->direct.rate, 7),
				ms_fmt_events(m, sizeof(m), c->memcg.rate, 7),
				ms_fmt_double(ms, sizeof(ms), ns / 1e6, 2));
	}
}

static void kswapd(struct ms_screen *p, const struct ms_reclaim_events *e)
{
	char pct[16], w[16], t1[16], t2[16], nw[24], ns[24];

	ms_screen_tag_cols(p, 2, kswapd_ids, kswapd_w);
	ms_screen_linef(p, ms_attr(MS_C_COLUMN_HEADER),
			"  %-6s %8s %8s %8s %7s %10s %10s", "node", "wakes",
			"sleeps", "woke/s", "awake", "last wake", "last sleep");
	for (int i = 0; i < e->nr_kswapd; i++) {
		const struct ms_kswapd *k = &e->kswapd[i];

		ms_screen_linef(p, k->awake ? ms_attr(MS_C_WARNING) : 0,
				"  N%-5d %8s %8s %8s %7s %10s %10s", k->node,
				ms_fmt_u64(nw, sizeof(nw), k->wakes),
				ms_fmt_u64(ns, sizeof(ns), k->sleeps),
				ms_fmt_events(w, sizeof(w), k->wake_rate, 7),
				ms_fmt_pct(pct, sizeof(pct),
					   k->awake_share * 100),
				clock_of(t1, sizeof(t1), k->last_wake),
				clock_of(t2, sizeof(t2), k->last_sleep));
	}
}

static void shrinkers(struct ms_screen *p, const struct ms_reclaim_events *e)
{
	char c[16], m[16], x[16], f[16], ms[16], name[MS_SYM * 4];

	ms_screen_tag_cols(p, 2, shrink_ids, shrink_w);
	ms_screen_linef(p, ms_attr(MS_C_COLUMN_HEADER),
			"  %-28s %8s %8s %9s %9s %9s", "shrinker", "calls/s",
			"ms/s", "mean", "max", "freed/s");
	if (!e->nr_shrinkers)
		ms_screen_linef(p, ms_attr(MS_C_DIM),
				"  none ran since attach");
	for (int i = 0; i < e->nr_shrinkers && i < 20; i++) {
		const struct ms_shrinker *sh = &e->shrinkers[i];

		ms_screen_linef(p, 0, "  %-28.28s %8s %8s %9s %9s %9s",
				ms_esc(name, sizeof(name), sh->name),
				ms_fmt_events(c, sizeof(c), sh->lat.rate, 7),
				ms_fmt_double(ms, sizeof(ms),
					      sh->lat.ns_rate / 1e6, 2),
				us(m, sizeof(m), mean_us(&sh->lat)),
				us(x, sizeof(x), ms_dbl(sh->lat.max_ns) / 1e3),
				ms_fmt_events(f, sizeof(f), sh->freed_rate, 8));
	}
}

static void oom_list(struct ms_screen *p, const struct ms_snapshot *s)
{
	const struct ms_reclaim_events *e = &s->reclaim_events;
	char t[16], comm[MS_NAME * 4], kc[MS_NAME * 4], a[16], b[16], c[16];
	char killer[MS_NAME * 4 + 16], cg[MS_CG_PATH * 4];

	if (!(e->fields & MS_RE_OOM)) {
		tag_all(p, oom_ids);
		why_line(p, s, "OOM kills", "ms_oomvictim");
		return;
	}
	ms_screen_tag_cols(p, 2, oom_ids, oom_w);
	ms_screen_linef(p, ms_attr(MS_C_COLUMN_HEADER),
			"  %-8s %7s %-16s %8s %8s %8s %-20s %-6s %s", "time",
			"PID", "victim", "vm", "anon", "file", "killed by",
			"scope", "cgroup");
	if (!e->nr_oom)
		ms_screen_linef(p, ms_attr(MS_C_DIM), "  none since attach");
	for (int i = e->nr_oom - 1; i >= 0; i--) { /* newest first */
		const struct ms_oom_event *o = &e->oom[i];

		const char *scope = ms_name_of(&ms_oom_scope_names, o->scope);

		snprintf(killer, sizeof(killer), "%d (%s)", o->killer_pid,
			 ms_esc(kc, sizeof(kc), o->killer_comm));
		ms_screen_linef(
			p, ms_attr(MS_C_CRITICAL),
			"  %-8s %7d %-16.16s %8s %8s %8s %-20.20s %-6s %s",
			clock_of(t, sizeof(t), o->time), o->pid,
			ms_esc(comm, sizeof(comm), o->comm),
			ms_fmt_kb(a, sizeof(a), o->total_vm_kb),
			ms_fmt_kb(b, sizeof(b), o->anon_rss_kb),
			ms_fmt_kb(c, sizeof(c), o->file_rss_kb), killer,
			scope ? scope : "?",
			o->cgroup[0] ? ms_esc(cg, sizeof(cg), o->cgroup) : "?");
	}
}

void ms_live_reclaim_screen(struct ms_screen *p, const struct ms_snapshot *s,
			    const struct ms_live_timeline *tl,
			    const struct ms_ui *ui)
{
	const struct ms_reclaim_events *e = &s->reclaim_events;
	char title[128];

	ms_screen_title(
		p,
		ms_live_title(title, sizeof(title),
			      "Reclaim stalls: direct and memory cgroup, "
			      "log2 buckets",
			      s, MS_SEC_RECLAIM_EVENTS),
		ui);
	if (!have(s)) { /* the note stands for the whole screen */
		ms_screen_tag(p, "reclaim.e.histogram");
		ms_screen_tag(p, "reclaim.ev.timeline");
		tag_all(p, proc_ids);
		tag_all(p, cg_ids);
		tag_all(p, kswapd_ids);
		tag_all(p, shrink_ids);
		tag_all(p, oom_ids);
		why_line(p, s, "reclaim events", NULL);
		return;
	}
	ms_screen_tag(p, "reclaim.e.histogram");
	stalls_line(p, s);
	if ((e->fields & MS_RE_DIRECT) && (e->fields & MS_RE_MEMCG))
		histogram(p, &e->stall, ui);
	ms_screen_next(p);
	ms_screen_tag(p, "reclaim.ev.timeline");
	ms_screen_title(p, "Timeline (a column per sample, newest right)", ui);
	timeline(p, tl, ui, true);
	ms_screen_next(p);
	ms_screen_title(p, "Processes that stalled in this interval", ui);
	processes(p, e);
	ms_screen_next(p);
	ms_screen_title(
		p, "Memory cgroups whose tasks stalled in this interval", ui);
	cgroups(p, e, ui->utf8);
	ms_screen_next(p);
	ms_screen_title(p, "kswapd per node", ui);
	if (e->fields & MS_RE_KSWAPD) {
		kswapd(p, e);
	} else {
		tag_all(p, kswapd_ids);
		why_line(p, s, "kswapd", "ms_kwake");
	}
	ms_screen_next(p);
	ms_screen_title(p, "Shrinkers, by time spent (shrink_slab)", ui);
	if (e->fields & MS_RE_SHRINK) {
		shrinkers(p, e);
	} else {
		tag_all(p, shrink_ids);
		why_line(p, s, "shrinkers", "ms_shstart");
	}
	ms_screen_next(p);
	ms_screen_title(p, "OOM kills, newest first", ui);
	oom_list(p, s);
}

#define RV(d) ((struct reclaim_view *)(d)->v)

static enum ms_key_result events_close(struct ms_drill *d)
{
	(void)d;
	return MS_KEY_RESAMPLE;
}

static void events_lines(struct ms_drill *d, struct ms_screen *l)
{
	ms_live_reclaim_screen(l, RV(d)->cur, &RV(d)->tl, d->v->ui);
}

static enum ms_key_result events_key(struct ms_drill *d, int key)
{
	return ms_reclaim_live_key(RV(d), key);
}

static const char *const events_ids[] = { EXPLAIN_EVENTS, NULL };

const struct ms_drill_class ms_reclaim_events_screen = {
	.name = "events",
	.close = events_close,
	.lines = events_lines,
	.key = events_key,
	.hints = "Up/Down PgUp/PgDn scroll  d delays  D delay accounting",
	.ids = events_ids,
};
