// SPDX-License-Identifier: GPL-2.0
/*
 * The Reclaim tab: vmstat reclaim counters with rates, PSI, MGLRU, THP,
 * swap, zswap, zram and vm sysctls; Enter lists every vmstat counter.
 */
#include "tui/explain.h"
#include "tui/keys.h"
#include "tui/tabs/reclaim/reclaim.h"
#include "tui/widgets.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the table of every counter -------------------------------------- */

static const struct ms_column counter_cols[] = {
	{ .title = "Counter",
	  .width = MS_COL_FLEX,
	  .min = 24,
	  .id = "reclaim.c.counter",
	  .key = 'c' },
	{ .title = "Total",
	  .width = 16,
	  .align = MS_RIGHT,
	  .id = "reclaim.c.total",
	  .key = 'o' },
	{ .title = "Per second",
	  .width = 12,
	  .align = MS_RIGHT,
	  .id = "reclaim.c.rate",
	  .key = 'r' },
};

static const struct ms_kv *counter_at(const void *ctx, int row)
{
	const struct reclaim_view *v = ctx;

	return &v->cur->reclaim.vmstat.v[row];
}

static void counter_cell(const void *ctx, int row, int col, char *buf,
			 size_t len)
{
	const struct ms_kv *kv = counter_at(ctx, row);

	if (col == 0)
		snprintf(buf, len, "%s", kv->name);
	else if (col == 1)
		ms_fmt_u64(buf, len, kv->value);
	else if (kv->reset) /* an event counter cannot go down */
		snprintf(buf, len, "reset");
	else
		ms_fmt_rate(buf, len, kv->rate);
}

static int counter_cmp(const void *ctx, int a, int b, int col)
{
	const struct ms_kv *x = counter_at(ctx, a), *y = counter_at(ctx, b);

	if (col == 0)
		return strcmp(x->name, y->name);
	if (col == 1)
		return ms_cmp_u64(x->value, y->value);
	return ms_cmp_double(x->rate, y->rate);
}

static attr_t counter_attr(const void *ctx, int row, int col)
{
	const struct ms_kv *kv = counter_at(ctx, row);

	if (col == 2 && kv->reset)
		return ms_attr(MS_C_WARNING);
	return col == 2 && kv->rate > 0 ? ms_attr(MS_C_OK) : 0;
}

static const struct ms_table_def counter_def = {
	.cols = counter_cols,
	.ncols = 3,
	.name_col = 0,
	.cell = counter_cell,
	.cmp = counter_cmp,
	.attr = counter_attr,
};

/* ---- the view -------------------------------------------------------- */

static struct ms_view *reclaim_create(const struct ms_ui *ui)
{
	struct reclaim_view *v = calloc(1, sizeof(*v));

	if (!v)
		return NULL;
	v->base.cls = &ms_view_reclaim;
	v->base.ui = ui;
	ms_table_init(&v->table, &counter_def, v, ui, -1, false);
	v->table.empty = "no /proc/vmstat counters in this sample";
	if (ms_gpanel_init(&v->graph, MS_GRAPH_RECLAIM_SERIES)) {
		ms_table_free(&v->table);
		free(v);
		return NULL;
	}
	ms_live_delays_init(&v->delays, ui);
	/* --delayacct: as if D was pressed (the tab's first sample) */
	v->delayacct = v->switching = ui->opts && ui->opts->delayacct;
	return &v->base;
}

static void reclaim_destroy(struct ms_view *base)
{
	struct reclaim_view *v = (struct reclaim_view *)base;

	ms_table_free(&v->table);
	ms_gpanel_free(&v->graph);
	ms_live_delays_free(&v->delays);
	free(v);
}

static void reclaim_request(struct ms_view *base, struct ms_request *req)
{
	struct reclaim_view *v = (struct reclaim_view *)base;

	req->sections |= MS_SEC_BIT(MS_SEC_RECLAIM) |
			 MS_SEC_BIT(MS_SEC_RECLAIM_EVENTS);
	/* a netlink request per process: only while the screen is shown */
	if (v->mode == DELAYS || v->switching)
		req->sections |= MS_SEC_BIT(MS_SEC_TASK_DELAYS);
	req->delayacct = v->delayacct;
}

static void reclaim_update(struct ms_view *base, const struct ms_snapshot *cur,
			   const struct ms_snapshot *prev)
{
	struct reclaim_view *v = (struct reclaim_view *)base;

	v->cur = cur;
	ms_table_set_rows(&v->table, cur ? cur->reclaim.vmstat.n : 0);
	if (!cur)
		return;
	ms_live_timeline_add(&v->tl, cur);
	ms_graph_reclaim_feed(&v->graph, cur, base->ui);
	ms_live_delays_set(&v->delays, cur);
	if (cur->have & MS_SEC_BIT(MS_SEC_TASK_DELAYS))
		v->switching = false;
}

static void reclaim_draw(struct ms_view *base, WINDOW *w, struct ms_rect r)
{
	struct reclaim_view *v = (struct reclaim_view *)base;
	struct ms_rect g;
	char buf[256];

	ms_fill(w, r, ms_attr(MS_C_NORMAL));
	if (!v->cur || r.h <= 0)
		return;
	if (!(v->cur->have & MS_SEC_BIT(MS_SEC_RECLAIM))) {
		ms_message(w, r, ms_attr(MS_C_NOTE),
			   ms_why_missing(buf, sizeof(buf), v->cur,
					  MS_SEC_RECLAIM));
		return;
	}
	if (v->mode == COUNTERS) {
		ms_title(w, r.y, r.x, r.w,
			 "Every /proc/vmstat counter (Esc back)", base->ui);
		r.y++;
		r.h--;
		ms_table_draw(&v->table, w, r);
		return;
	}
	if (v->mode == EVENTS) {
		struct ms_screen p;

		ms_screen_begin(&p, w, r, &v->escroll);
		ms_live_reclaim_screen(&p, v->cur, &v->tl, base->ui);
		ms_screen_end(&p);
		return;
	}
	if (v->mode == DELAYS) {
		ms_live_delays_draw(&v->delays, w, r, v->delayacct, base->ui);
		return;
	}
	g = ms_gpanel_take(&v->graph, &r);
	if (g.h)
		ms_graph_reclaim_draw(&v->graph, w, g, base->ui);
	ms_reclaim_overview_draw(v, w, r);
}

static enum ms_key_result counters_key(struct reclaim_view *v, int key)
{
	if (!v->table.editing && !v->table.filter[0] && ms_key_is_back(key)) {
		v->mode = OVERVIEW;
		return MS_KEY_DONE;
	}
	return ms_table_key(&v->table, key);
}

/* The live pages: e events, d delays, D delay accounting on/off. */
static enum ms_key_result live_key(struct reclaim_view *v, int key)
{
	if (key == 'D') {
		v->delayacct = !v->delayacct;
		v->switching = true;
		v->mode = DELAYS;
		return MS_KEY_RESAMPLE;
	}
	if (key == 'e' && v->mode != EVENTS) {
		v->mode = EVENTS;
		return MS_KEY_DONE;
	}
	if (key == 'd' && v->mode != DELAYS) {
		v->mode = DELAYS;
		return MS_KEY_RESAMPLE; /* the delays are read from now on */
	}
	return MS_KEY_PASS;
}

static enum ms_key_result reclaim_key(struct ms_view *base, int key)
{
	struct reclaim_view *v = (struct reclaim_view *)base;
	enum ms_key_result res;

	if (v->mode == COUNTERS)
		return counters_key(v, key);
	if (v->mode == DELAYS && v->delays.table.editing)
		return ms_table_key(&v->delays.table, key);
	res = live_key(v, key);
	if (res != MS_KEY_PASS)
		return res;
	if (v->mode == EVENTS || v->mode == DELAYS) {
		if (ms_key_is_back(key) &&
		    (v->mode == EVENTS || !v->delays.table.filter[0])) {
			v->mode = OVERVIEW;
			return MS_KEY_RESAMPLE;
		}
		if (v->mode == DELAYS)
			return ms_table_key(&v->delays.table, key);
		return ms_scroll_key(&v->escroll, key) ? MS_KEY_DONE :
							 MS_KEY_PASS;
	}
	if (key == 'H') {
		ms_gpanel_toggle(&v->graph);
		return MS_KEY_DONE;
	}
	if (ms_key_is_enter(key) || ms_key_is_find(key)) {
		v->mode = COUNTERS;
		return ms_key_is_find(key) ? ms_table_key(&v->table, key) :
					     MS_KEY_DONE;
	}
	return ms_scroll_key(&v->scroll, key) ? MS_KEY_DONE : MS_KEY_PASS;
}

static const char *reclaim_hints(struct ms_view *base)
{
	struct reclaim_view *v = (struct reclaim_view *)base;

	if (v->mode == OVERVIEW)
		return "Enter every vmstat counter  / filter  e events  "
		       "d delays  D delay accounting  H graph  Up/Down scroll";
	if (v->mode == EVENTS)
		return "Up/Down PgUp/PgDn scroll  d delays  D delay accounting  "
		       "Esc back";
	if (v->mode == DELAYS && v->delays.table.editing)
		return ms_table_hints(&v->delays.table); /* its keys only */
	if (v->mode == DELAYS) {
		snprintf(v->hint, sizeof(v->hint),
			 "D delay accounting %s  %s  Esc back",
			 v->delayacct ? "off" : "on",
			 ms_table_hints(&v->delays.table));
		return v->hint;
	}
	snprintf(v->hint, sizeof(v->hint), "%s%s", ms_table_hints(&v->table),
		 v->table.editing ? "" : "  Esc back");
	return v->hint;
}

/* ---- Explain ids of each screen -------------------------------------- */

/* The overview's fields, left column then right column. */
#define EXPLAIN_OVERVIEW                                                       \
	"reclaim.ev.stalls", "reclaim.ev.kswapd", "reclaim.ev.oom",            \
		"reclaim.ev.shrinkers", "reclaim.ev.writeback",                \
		"reclaim.ev.timeline", "reclaim.delayacct",                    \
		"reclaim.vm.pgscan_kswapd", "reclaim.vm.pgscan_direct",        \
		"reclaim.vm.pgsteal_kswapd", "reclaim.vm.pgsteal_direct",      \
		"reclaim.vm.allocstall", "reclaim.vm.oom_kill",                \
		"reclaim.vm.efficiency", "reclaim.vm.pgfault",                 \
		"reclaim.vm.pgmajfault", "reclaim.vm.pswpin",                  \
		"reclaim.vm.pswpout", "reclaim.vm.workingset_refault",         \
		"reclaim.vm.workingset_activate", "reclaim.vm.compact_stall",  \
		"reclaim.vm.compact_fail", "reclaim.vm.compact_success",       \
		"reclaim.vm.thp_fault_alloc", "reclaim.vm.thp_fault_fallback", \
		"reclaim.psi.some", "reclaim.psi.full", "reclaim.psi.total",   \
		"reclaim.mglru.enabled", "reclaim.mglru.min_ttl",              \
		"reclaim.thp.enabled", "reclaim.thp.defrag",                   \
		"reclaim.thp.shmem", "reclaim.thp.khugepaged",                 \
		"reclaim.swap.device", "reclaim.zswap.enabled",                \
		"reclaim.zswap.compressor", "reclaim.zswap.max_pool",          \
		"reclaim.zswap.stats", "reclaim.zswap.ratio",                  \
		"reclaim.zswap.zswpinout", "reclaim.zram.device",              \
		"reclaim.zram.sizes", "reclaim.sysctl.min_free_kbytes",        \
		"reclaim.sysctl.watermark_scale_factor",                       \
		"reclaim.sysctl.other"
#define EXPLAIN_EVENTS                                                  \
	"reclaim.e.histogram", "reclaim.ev.timeline", MS_LIVE_PROC_IDS, \
		MS_LIVE_KSWAPD_IDS, MS_LIVE_SHRINK_IDS, MS_LIVE_OOM_IDS

static const char *const overview_ids[] = { EXPLAIN_OVERVIEW, NULL };
static const char *const events_ids[] = { EXPLAIN_EVENTS, NULL };
/* Every id the tab shows on some screen (the tests walk them). */
static const char *const all_ids[] = {
	EXPLAIN_OVERVIEW,
	EXPLAIN_EVENTS,
	"reclaim.c.counter",
	"reclaim.c.total",
	"reclaim.c.rate",
	"reclaim.d.pid",
	"reclaim.d.reclaim",
	"reclaim.d.thrash",
	"reclaim.d.compact",
	"reclaim.d.swapin",
	"reclaim.d.wpcopy",
	"reclaim.d.comm",
	NULL,
};

/*
 * On the table of every counter: its columns, and the selected counter
 * itself (under the cursor) when the catalog explains it.
 */
static void counter_explain(struct reclaim_view *v, struct ms_explain_ids *e)
{
	static const char *const prefix[] = { "reclaim.vm.", "numa.bal." };
	int row = ms_table_selected(&v->table);
	const struct ms_explain *x = NULL;
	char id[96];

	ms_table_explain(&v->table, e);
	if (row < 0 || !v->cur || row >= v->cur->reclaim.vmstat.n)
		return;
	for (size_t i = 0; i < sizeof(prefix) / sizeof(prefix[0]) && !x; i++) {
		snprintf(id, sizeof(id), "%s%s", prefix[i],
			 v->cur->reclaim.vmstat.v[row].name);
		x = ms_explain_find(id);
	}
	if (x) {
		ms_explain_add(e, x->id);
		e->cur = e->n - 1;
	}
}

static void reclaim_explain(struct ms_view *base, struct ms_explain_ids *e)
{
	struct reclaim_view *v = (struct reclaim_view *)base;

	if (v->mode == OVERVIEW)
		ms_screen_explain(&v->scroll, base->ui, e, overview_ids);
	else if (v->mode == EVENTS)
		ms_screen_explain(&v->escroll, base->ui, e, events_ids);
	else if (v->mode == COUNTERS)
		counter_explain(v, e);
	else
		ms_table_explain(&v->delays.table, e);
}

const struct ms_view_class ms_view_reclaim = {
	.name = "Reclaim",
	.id = "reclaim",
	.create = reclaim_create,
	.destroy = reclaim_destroy,
	.request = reclaim_request,
	.update = reclaim_update,
	.draw = reclaim_draw,
	.on_key = reclaim_key,
	.hints = reclaim_hints,
	.explain = reclaim_explain,
	.explain_all = all_ids,
	.catalog = MS_CATALOG(ms_explain_reclaim, ms_explain_reclaim_screens),
};
