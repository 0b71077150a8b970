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

/* ---- the view -------------------------------------------------------- */

static struct ms_view *reclaim_create(const struct ms_ui *ui)
{
	struct reclaim_view *v = calloc(1, sizeof(*v));

	if (!v)
		return NULL;
	v->base.cls = &ms_view_reclaim;
	v->base.ui = ui;
	ms_drills_init(&v->drills, &v->base, NULL);
	ms_reclaim_counters_init(v, ui);
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
	/* D pressed: its sample passes it on (the delays screen asks too) */
	if (v->switching)
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

static bool reclaim_frame(struct ms_view *base, WINDOW *w, struct ms_rect *r)
{
	struct reclaim_view *v = (struct reclaim_view *)base;
	char buf[256];

	if (!v->cur || r->h <= 0)
		return false;
	if (v->cur->have & MS_SEC_BIT(MS_SEC_RECLAIM))
		return true;
	/* the DAMON screen needs none of the reclaim files: it says its own */
	if (ms_drill_find(base, &ms_reclaim_damon_screen))
		return true;
	ms_message(w, *r, ms_attr(MS_C_NOTE),
		   ms_why_missing(buf, sizeof(buf), v->cur, MS_SEC_RECLAIM));
	return false;
}

static void reclaim_draw(struct ms_view *base, WINDOW *w, struct ms_rect r)
{
	struct reclaim_view *v = (struct reclaim_view *)base;
	struct ms_rect g = ms_gpanel_take(&v->graph, &r);

	if (g.h)
		ms_graph_reclaim_draw(&v->graph, w, g, base->ui);
	ms_reclaim_overview_draw(v, w, r);
}

enum ms_key_result ms_reclaim_live_key(struct reclaim_view *v, int key)
{
	struct ms_drill *top = ms_drill_top(&v->base);
	const struct ms_drill_class *to = NULL;

	if (key == 'D') {
		v->delayacct = !v->delayacct;
		v->switching = true;
		if (top && top->cls == &ms_reclaim_delays_screen)
			return MS_KEY_RESAMPLE;
		to = &ms_reclaim_delays_screen;
	} else if (key == 'e') {
		to = &ms_reclaim_events_screen;
	} else if (key == 'd') {
		to = &ms_reclaim_delays_screen;
	}
	if (!to || (top && top->cls == to))
		return MS_KEY_PASS;
	/* the events and delays screens are each other's siblings */
	if (top)
		ms_drill_replace(&v->base, to, NULL);
	else
		ms_drill_push(&v->base, to, NULL);
	return key == 'e' ? MS_KEY_DONE : MS_KEY_RESAMPLE;
}

static enum ms_key_result reclaim_key(struct ms_view *base, int key)
{
	struct reclaim_view *v = (struct reclaim_view *)base;
	enum ms_key_result res = ms_reclaim_live_key(v, key);

	if (res != MS_KEY_PASS)
		return res;
	if (key == 'H') {
		ms_gpanel_toggle(&v->graph);
		return MS_KEY_DONE;
	}
	if (key == 'A')
		return ms_drill_push(base, &ms_reclaim_damon_screen, NULL);
	if (ms_key_is_enter(key) || ms_key_is_find(key)) {
		ms_drill_push(base, &ms_reclaim_counters_screen, NULL);
		return ms_key_is_find(key) ? ms_table_key(&v->table, key) :
					     MS_KEY_DONE;
	}
	return ms_scroll_key(&v->scroll, key) ? MS_KEY_DONE : MS_KEY_PASS;
}

static const char *reclaim_hints(struct ms_view *base)
{
	(void)base;
	return "Enter every vmstat counter  A DAMON  / filter  e events  "
	       "d delays  D delay accounting  H graph  Up/Down scroll";
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
		"reclaim.thp.size.enabled", "reclaim.thp.size.fault",          \
		"reclaim.thp.size.folios", "reclaim.thp.size.split",           \
		"reclaim.thp.size.swap", "reclaim.thp.size.shmem",             \
		"reclaim.thp.size.other", "reclaim.swap.device",               \
		"reclaim.zswap.enabled", "reclaim.zswap.compressor",           \
		"reclaim.zswap.max_pool", "reclaim.zswap.stats",               \
		"reclaim.zswap.ratio", "reclaim.zswap.zswpinout",              \
		"reclaim.zram.device", "reclaim.zram.sizes",                   \
		"reclaim.sysctl.min_free_kbytes",                              \
		"reclaim.sysctl.watermark_scale_factor",                       \
		"reclaim.sysctl.other"

static const char *const overview_ids[] = { EXPLAIN_OVERVIEW, NULL };
/* Every id the tab shows on some screen (the tests walk them). */
static const char *const all_ids[] = {
	EXPLAIN_OVERVIEW,    EXPLAIN_EVENTS,
	"reclaim.c.counter", "reclaim.c.total",
	"reclaim.c.rate",    "reclaim.d.pid",
	"reclaim.d.reclaim", "reclaim.d.thrash",
	"reclaim.d.compact", "reclaim.d.swapin",
	"reclaim.d.wpcopy",  "reclaim.d.comm",
	MS_DAMON_IDS,	     NULL,
};

static void reclaim_explain(struct ms_view *base, struct ms_explain_ids *e)
{
	ms_screen_explain(&((struct reclaim_view *)base)->scroll, base->ui, e,
			  overview_ids);
}

/* The Memory tab's A: the DAMON screen (how "damon") */
static void reclaim_arrive(struct ms_view *base, const char *how)
{
	ms_drill_pop_all(base);
	if (how && !strcmp(how, "damon"))
		ms_drill_push(base, &ms_reclaim_damon_screen, NULL);
}

const struct ms_view_class ms_view_reclaim = {
	.name = "Reclaim",
	.id = "reclaim",
	.create = reclaim_create,
	.destroy = reclaim_destroy,
	.request = reclaim_request,
	.update = reclaim_update,
	.frame = reclaim_frame,
	.draw = reclaim_draw,
	.on_key = reclaim_key,
	.hints = reclaim_hints,
	.explain = reclaim_explain,
	.explain_all = all_ids,
	.arrive = reclaim_arrive,
	.catalog = MS_CATALOG(ms_explain_reclaim, ms_explain_reclaim_screens,
			      ms_explain_damon),
};
