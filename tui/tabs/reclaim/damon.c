// SPDX-License-Identifier: GPL-2.0
/*
 * The Reclaim tab's DAMON screen (A; the Memory tab's A comes here):
 * every kdamond the machine runs, its monitoring attributes, targets and
 * schemes (action, access pattern, quotas, watermarks, filters, stats
 * with rates). Read only: memscope writes to no kdamond it did not make;
 * its own (W, --damon) is shown by damon_own.c.
 */
#include "model/area.h"
#include "tui/tabs/reclaim/reclaim.h"

#include <stdio.h>
#include <string.h>

#define RV(d) ((struct reclaim_view *)(d)->v)

/* A pattern's bound: the kernel's ULONG_MAX (not available here) is "max" */
static const char *val(char *b, size_t n, uint64_t v, bool bytes)
{
	if (!ms_have(v))
		return snprintf(b, n, "max"), b;
	return bytes ? ms_fmt_bytes(b, n, v) : ms_fmt_u64(b, n, v);
}

/* A value, "-" when not available (a file this kernel lacks) */
static const char *us(char *b, size_t n, uint64_t v)
{
	if (!ms_have(v))
		snprintf(b, n, "-");
	else if (v >= 1000000 && v % 100000 == 0)
		snprintf(b, n, "%g s", (double)v / 1e6);
	else if (v >= 1000 && v % 100 == 0)
		snprintf(b, n, "%g ms", (double)v / 1e3);
	else
		snprintf(b, n, "%llu us", (unsigned long long)v);
	return b;
}

static void target(struct ms_screen *l, const struct ms_kdamond *k, int i)
{
	const struct ms_damon_target *t = &k->targets[i];
	char a[24], b[24], c[24];

	ms_screen_tag(l, "damon.targets");
	if (t->pid > 0)
		ms_screen_linef(l, 0, "  target %d: pid %d, %d region(s)", i,
				t->pid, t->nr_regions);
	else
		ms_screen_linef(l, 0, "  target %d: %d region(s)", i,
				t->nr_regions);
	for (int j = 0; j < t->n && j < 4; j++) {
		ms_screen_tag(l, "damon.regions");
		ms_screen_linef(
			l, ms_attr(MS_C_DIM), "    %s-%s  %s",
			ms_fmt_u64(a, sizeof(a), t->v[j].start),
			ms_fmt_u64(b, sizeof(b), t->v[j].end),
			t->v[j].end > t->v[j].start ?
				ms_fmt_bytes(c, sizeof(c),
					     t->v[j].end - t->v[j].start) :
				"");
	}
	if (t->n > 4)
		ms_screen_linef(l, ms_attr(MS_C_DIM), "    ... %d more",
				t->n - 4);
}

static void filters(struct ms_screen *l, const struct ms_damon_scheme *c)
{
	char t[64], m[256];

	for (int i = 0; i < c->n; i++) {
		const struct ms_damon_filter *f = &c->v[i];
		/* filters/ of 6.3+, core_filters/ and ops_filters/ of 6.15+ */
		const char *at = !strcmp(f->dir, "ops_filters")	 ? " (ops)" :
				 !strcmp(f->dir, "core_filters") ? " (core)" :
								   "";

		ms_screen_tag(l, "damon.filters");
		ms_screen_linef(l, 0, "    filter %s%s: matching %s%s%s%s%s",
				ms_esc(t, sizeof(t), f->type), at,
				f->matching[0] ? f->matching : "-",
				f->allow[0] ? ", allow " : "",
				f->allow[0] ? f->allow : "",
				f->memcg_path[0] ? ", memcg " : "",
				f->memcg_path[0] ?
					ms_esc(m, sizeof(m), f->memcg_path) :
					"");
	}
}

static void scheme(struct ms_screen *l, const struct ms_damon_scheme *c, int i)
{
	char a[24], b[24], e[24], f[24], g[24], h[24], act[48];

	ms_screen_tag(l, "damon.action");
	ms_screen_linef(l, ms_attr(MS_C_TITLE), "  scheme %d: %s", i,
			ms_esc(act, sizeof(act), c->action));
	ms_screen_tag(l, "damon.access_pattern");
	ms_screen_linef(l, 0,
			"    pattern: size %s..%s, accesses %s..%s, age %s..%s",
			val(a, sizeof(a), c->sz_min, true),
			val(b, sizeof(b), c->sz_max, true),
			val(e, sizeof(e), c->nr_acc_min, false),
			val(f, sizeof(f), c->nr_acc_max, false),
			val(g, sizeof(g), c->age_min, false),
			val(h, sizeof(h), c->age_max, false));
	ms_screen_tag(l, "damon.quotas");
	ms_screen_linef(
		l, 0,
		"    quota: %s, %s per %s; weights size %s, "
		"accesses %s, age %s; goals %d",
		c->q_ms ? us(a, sizeof(a),
			     ms_have(c->q_ms) ? c->q_ms * 1000 : c->q_ms) :
			  "no time limit",
		c->q_bytes ? val(b, sizeof(b), c->q_bytes, true) :
			     "no byte limit",
		c->q_reset_ms ?
			us(e, sizeof(e),
			   ms_have(c->q_reset_ms) ? c->q_reset_ms * 1000 :
						    c->q_reset_ms) :
			"reset interval",
		ms_fmt_u64(f, sizeof(f), c->w_sz),
		ms_fmt_u64(g, sizeof(g), c->w_nr_acc),
		ms_fmt_u64(h, sizeof(h), c->w_age), c->nr_goals);
	ms_screen_tag(l, "damon.watermarks");
	ms_screen_linef(
		l, 0,
		"    watermarks: %s, every %s, high %s mid %s low %s "
		"(permil)",
		c->wm_metric[0] ? ms_esc(act, sizeof(act), c->wm_metric) : "-",
		us(a, sizeof(a), c->wm_interval_us),
		val(b, sizeof(b), c->wm_high, false),
		val(e, sizeof(e), c->wm_mid, false),
		val(f, sizeof(f), c->wm_low, false));
	if (ms_have(c->apply_interval_us) || c->target_nid >= 0) {
		ms_screen_tag(l, "damon.apply_interval");
		ms_screen_linef(l, 0, "    applied every %s%s%s",
				c->apply_interval_us ?
					us(a, sizeof(a), c->apply_interval_us) :
					"aggregation interval",
				c->target_nid >= 0 ? ", to node " : "",
				c->target_nid >= 0 ?
					ms_fmt_u64(b, sizeof(b),
						   (uint64_t)c->target_nid) :
					"");
	}
	filters(l, c);
	ms_screen_tag(l, "damon.stats");
	ms_screen_linef(l, 0,
			"    stats: tried %s (%s), applied %s (%s), quota "
			"exceeded %s",
			ms_fmt_u64(a, sizeof(a), c->nr_tried),
			ms_have(c->sz_tried) ?
				ms_fmt_bytes(b, sizeof(b), c->sz_tried) :
				"-",
			ms_fmt_u64(e, sizeof(e), c->nr_applied),
			ms_have(c->sz_applied) ?
				ms_fmt_bytes(f, sizeof(f), c->sz_applied) :
				"-",
			ms_fmt_u64(g, sizeof(g), c->qt_exceeds));
	ms_screen_tag(l, "damon.stats_rate");
	ms_screen_linef(l, 0, "    applied %s/s, tried %s/s",
			ms_fmt_double(a, sizeof(a), c->sz_applied_per_s, 0),
			ms_fmt_double(b, sizeof(b), c->sz_tried_per_s, 0));
}

static void kdamond(struct ms_screen *l, const struct ms_kdamond *k)
{
	char a[24], b[24], e[24], ops[64], av[96];

	ms_screen_line(l, 0, "");
	ms_screen_tag(l, "damon.kdamond");
	ms_screen_linef(l, ms_attr(MS_C_COLUMN_HEADER),
			"kdamond %d  %s  pid %d  %s (available: %s)", k->id,
			k->state[0] ? k->state : "?", k->pid,
			ms_esc(ops, sizeof(ops),
			       k->operations[0] ? k->operations : "-"),
			ms_esc(av, sizeof(av), k->avail));
	ms_screen_tag(l, "damon.refresh_ms");
	if (!ms_have(k->refresh_ms))
		ms_screen_line(l, ms_attr(MS_C_DIM),
			       "  stats: as fresh as the kdamond's owner last "
			       "asked for (update_schemes_stats)");
	else if (!k->refresh_ms)
		ms_screen_line(l, ms_attr(MS_C_DIM),
			       "  stats: refresh_ms 0, as fresh as the owner "
			       "last asked for");
	else
		ms_screen_linef(
			l, ms_attr(MS_C_DIM),
			"  stats: refreshed by the kernel every %llu ms",
			(unsigned long long)k->refresh_ms);
	if (k->nr_contexts < 1) {
		ms_screen_tag(l, "damon.contexts");
		ms_screen_line(l, ms_attr(MS_C_DIM), "  no context");
		return;
	}
	ms_screen_tag(l, "damon.intervals");
	ms_screen_linef(l, 0, "  sample %s, aggregate %s, update %s",
			us(a, sizeof(a), k->sample_us),
			us(b, sizeof(b), k->aggr_us),
			us(e, sizeof(e), k->update_us));
	ms_screen_tag(l, "damon.nr_regions");
	ms_screen_linef(l, 0, "  regions %s..%s",
			ms_fmt_u64(a, sizeof(a), k->nr_regions_min),
			ms_fmt_u64(b, sizeof(b), k->nr_regions_max));
	for (int i = 0; i < k->nr_targets; i++)
		target(l, k, i);
	if (!k->nr_schemes) {
		ms_screen_tag(l, "damon.schemes");
		ms_screen_line(l, ms_attr(MS_C_DIM),
			       "  no scheme: monitoring only");
	}
	for (int i = 0; i < k->nr_schemes; i++)
		scheme(l, &k->schemes[i], i);
}

static void damon_title(struct ms_drill *d, char *buf, size_t len)
{
	(void)d;
	snprintf(buf, len, "DAMON: the kdamonds (read only)");
}

static void damon_lines(struct ms_drill *d, struct ms_screen *l)
{
	const struct ms_snapshot *s = RV(d)->cur;
	const struct ms_note *n;
	char esc[256];

	if (!s)
		return;
	if (!(s->have & MS_SEC_BIT(MS_SEC_DAMON))) {
		n = ms_note_missing(s, MS_SEC_DAMON);
		ms_screen_tag(l, "damon.nr_kdamonds");
		ms_screen_linef(l, ms_attr(MS_C_NOTE), "  DAMON: %s",
				n ? ms_esc(esc, sizeof(esc), n->why) :
				    "not sampled yet");
		return;
	}
	ms_screen_tag(l, "damon.nr_kdamonds");
	ms_screen_linef(l, 0,
			"%d kdamond(s); memscope writes to none it did not "
			"make",
			s->damon.nr_kdamonds);
	if (s->damon.cut) {
		ms_screen_tag(l, "damon.cut");
		ms_screen_line(l, ms_attr(MS_C_WARNING),
			       "  more than memscope lists: see the notes (n)");
	}
	for (int i = 0; i < s->damon.n; i++)
		kdamond(l, &s->damon.v[i]);
	if (s->damon.target[0])
		ms_damon_own_lines(l, &s->damon, &RV(d)->heat);
}

/* the heatmap's columns: one per sample while the screen is open */
static void damon_update(struct ms_drill *d, const struct ms_snapshot *cur)
{
	if (cur && (cur->have & MS_SEC_BIT(MS_SEC_DAMON)))
		ms_damon_heat_feed(&RV(d)->heat, &cur->damon);
}

static void damon_request(struct ms_drill *d, struct ms_request *req)
{
	(void)d;
	req->sections |= MS_SEC_BIT(MS_SEC_DAMON);
}

static enum ms_key_result damon_open(struct ms_drill *d)
{
	(void)d;
	return MS_KEY_RESAMPLE; /* a sample with the kdamonds now */
}

const char *const ms_reclaim_damon_ids[] = { MS_DAMON_IDS, NULL };

const struct ms_drill_class ms_reclaim_damon_screen = {
	.name = "damon",
	.open = damon_open,
	.request = damon_request,
	.update = damon_update,
	.title = damon_title,
	.title_id = "damon.nr_kdamonds",
	.lines = damon_lines,
	.hints = "Up/Down PgUp/PgDn scroll",
	.ids = ms_reclaim_damon_ids,
};
