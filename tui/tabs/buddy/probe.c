// SPDX-License-Identifier: GPL-2.0
/*
 * The Buddy tab's allocation probe screen (memscope.ko, key a): orders
 * 0..max allocated and freed on the selected zone's node, with the time
 * each took and what the free lists hold.
 */
#include "tui/tabs/buddy/buddy.h"

#include <stdio.h>
#include <string.h>

static const char *const probe_ids[] = { PROBE_IDS, NULL };

/* Attempts per order: 16 x 11 orders stays under the module's 256/s. */
static const int probe_counts[] = { 1, 2, 4, 8, 16 };
#define NCOUNTS (int)(sizeof(probe_counts) / sizeof(probe_counts[0]))

static const int pw[] = { 5, 6, 4, 4, 8, 8, 8, 9 };
#define NPW (int)(sizeof(pw) / sizeof(pw[0]))

static void probe_header(struct ms_screen *l)
{
	static const char *const t[NPW] = { "Order", "Block", "OK",  "Fail",
					    "Min",   "Mean",  "Max", "Avail" };
	int y = ms_screen_next(l), x = l->r.x;

	if (y < 0)
		return;
	ms_fill(l->w, (struct ms_rect){ y, l->r.x, 1, l->r.w },
		ms_attr(MS_C_COLUMN_HEADER));
	for (int i = 0; i < NPW; i++) {
		ms_put(l->w, y, x, pw[i], MS_RIGHT, true,
		       ms_attr(MS_C_COLUMN_HEADER), t[i]);
		x += pw[i] + 1;
	}
	if (x < l->r.x + l->r.w)
		ms_put(l->w, y, x, l->r.x + l->r.w - x, MS_LEFT, false,
		       ms_attr(MS_C_COLUMN_HEADER), "success");
}

static void probe_row(struct ms_screen *l, const struct buddy_view *b, int o)
{
	const struct ms_alloc_order *r = &b->probe.res.order[o];
	bool utf8 = b->base.ui->utf8;
	char v[NPW][24];
	int y = ms_screen_next(l), x = l->r.x;
	attr_t a;

	if (y < 0)
		return;
	snprintf(v[0], sizeof(v[0]), "%d", o);
	ms_fmt_bytes(v[1], sizeof(v[1]), page_size(b->cur) << o);
	snprintf(v[2], sizeof(v[2]), "%d", r->ok);
	snprintf(v[3], sizeof(v[3]), "%d", r->fail);
	ms_fmt_ns(v[4], sizeof(v[4]), r->min_ns, utf8);
	ms_fmt_ns(v[5], sizeof(v[5]), r->mean_ns, utf8);
	ms_fmt_ns(v[6], sizeof(v[6]), r->max_ns, utf8);
	ms_fmt_count(v[7], sizeof(v[7]),
		     ms_node_avail(&b->cur->buddy, b->probe.node, o), pw[7]);
	for (int i = 0; i < NPW; i++) {
		a = ms_attr(i == 3 && r->fail ? MS_C_CRITICAL : MS_C_NORMAL);
		ms_put(l->w, y, x, pw[i], MS_RIGHT, true, a, v[i]);
		x += pw[i] + 1;
	}
	if (x + 4 <= l->r.x + l->r.w && r->attempts)
		ms_bar(l->w, y, x, l->r.x + l->r.w - x,
		       (double)r->ok / r->attempts,
		       ms_attr(r->fail ? MS_C_BAR_LOW : MS_C_BAR), b->base.ui);
}

static void probe_title(void *ctx, char *buf, size_t len)
{
	struct probe_screen *p = &((struct buddy_view *)ctx)->probe;
	char esc[64];

	snprintf(buf, len,
		 "Allocation probe: node %d (zone %s selected), %d attempts "
		 "per order",
		 p->node, ms_esc(esc, sizeof(esc), p->zone),
		 probe_counts[p->count]);
}

static void probe_result(void *ctx, struct ms_screen *l, const char *at)
{
	struct buddy_view *b = ctx;
	char buf[320];

	snprintf(buf, sizeof(buf),
		 "orders 0..%d probed at %s; Avail: blocks of that "
		 "order the node's free lists hold now (no compaction)",
		 b->probe.res.nr_orders - 1, at);
	ms_screen_line(l, ms_attr(MS_C_NORMAL), buf);
	tag_ids(l, probe_ids);
	probe_header(l);
	for (int o = 0; o < b->probe.res.nr_orders && o < MS_MAX_ORDER; o++)
		probe_row(l, b, o);
}

/* +/-: attempts per order. */
static bool probe_setting(void *ctx, int key)
{
	struct probe_screen *p = &((struct buddy_view *)ctx)->probe;

	if (key != '+' && key != '=' && key != '-' && key != '_')
		return false;
	p->count += key == '+' || key == '=' ? 1 : -1;
	p->count = p->count < 0	       ? 0 :
		   p->count >= NCOUNTS ? NCOUNTS - 1 :
					 p->count;
	return true;
}

static void probe_keep(void *ctx, const struct ms_snapshot *cur)
{
	((struct buddy_view *)ctx)->probe.res = cur->alloc_probe;
}

static void probe_request(void *ctx, struct ms_request *req)
{
	struct probe_screen *p = &((struct buddy_view *)ctx)->probe;

	req->alloc_probe.node = p->node;
	req->alloc_probe.max_order = -1;
	req->alloc_probe.count = probe_counts[p->count];
}

static const struct ms_kexp_ops probe_ops = {
	.sec = MS_SEC_ALLOC_PROBE,
	.note = "alloc_probe",
	.run_key = 'a',
	.about = "memscope.ko: alloc_pages_node(node, GFP_KERNEL | "
		 "__GFP_NORETRY | __GFP_NOWARN | __GFP_THISNODE, order), "
		 "freed at once",
	.running = "probing...",
	.unavailable = "allocation probe",
	.keys = "a or Enter: probe again   +/-: attempts per order   "
		"Esc: back to the zones",
	.hints = "a probe again  +/- attempts",
	.ids = probe_ids,
	.title = probe_title,
	.request = probe_request,
	.setting = probe_setting,
	.keep = probe_keep,
	.result = probe_result,
};

void ms_buddy_probe_init(struct buddy_view *b)
{
	b->probe.x = (struct ms_kexp){ .ops = &probe_ops, .ctx = b };
	b->probe.count = PROBE_DEFAULT;
}

/* Open the screen for the selected zone's node; the next sample probes. */
enum ms_key_result ms_buddy_probe_open(struct buddy_view *b)
{
	int row = ms_table_selected(&b->zones);
	const struct ms_zone *z;

	if (row < 0)
		return MS_KEY_DONE;
	z = zone_at(b, row);
	b->probe.x.have = false; /* opened anew: no result yet */
	b->probe.node = z->node;
	snprintf(b->probe.zone, sizeof(b->probe.zone), "%s", z->name);
	return ms_kexp_run(&b->base, &b->probe.x);
}
