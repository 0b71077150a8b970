// SPDX-License-Identifier: GPL-2.0
/*
 * The Buddy tab's allocation probe screen (memscope.ko, key a): orders
 * 0..max allocated and freed on the selected zone's node, with the time
 * each took and what the free lists hold.
 */
#include "tui/tabs/buddy/buddy.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const probe_ids[] = { PROBE_IDS, NULL };

/* Attempts per order: 16 x 11 orders stays under the module's 256/s. */
static const int probe_counts[] = { 1, 2, 4, 8, 16 };
#define NCOUNTS (int)(sizeof(probe_counts) / sizeof(probe_counts[0]))

/* Nanoseconds as "850ns", "12.3us", "4.56ms", "1.20s". */
static const char *fmt_ns(char *buf, size_t len, uint64_t ns, bool utf8)
{
	if (!ms_have(ns))
		snprintf(buf, len, "-");
	else if (ns < 1000)
		snprintf(buf, len, "%lluns", (unsigned long long)ns);
	else if (ns < 1000000)
		snprintf(buf, len, "%.1f%s", (double)ns / 1e3,
			 utf8 ? "\u00b5s" : "us");
	else if (ns < 1000000000)
		snprintf(buf, len, "%.2fms", (double)ns / 1e6);
	else
		snprintf(buf, len, "%.2fs", (double)ns / 1e9);
	return buf;
}

/* Order, Block, OK, Fail, Min, Mean, Max, Avail, then the success bar. */
static const int pw[] = { 5, 6, 4, 4, 8, 8, 8, 9 };
#define NPW (int)(sizeof(pw) / sizeof(pw[0]))

static void probe_header(struct ms_page *l)
{
	static const char *const t[NPW] = { "Order", "Block", "OK",  "Fail",
					    "Min",   "Mean",  "Max", "Avail" };
	int y = ms_page_next(l), x = l->r.x;

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

static void probe_row(struct ms_page *l, const struct buddy_view *b, int o)
{
	const struct ms_alloc_order *r = &b->probe.res.order[o];
	bool utf8 = b->base.ui->utf8;
	char v[NPW][24];
	int y = ms_page_next(l), x = l->r.x;
	attr_t a;

	if (y < 0)
		return;
	snprintf(v[0], sizeof(v[0]), "%d", o);
	ms_fmt_bytes(v[1], sizeof(v[1]), page_size(b->cur) << o);
	snprintf(v[2], sizeof(v[2]), "%d", r->ok);
	snprintf(v[3], sizeof(v[3]), "%d", r->fail);
	fmt_ns(v[4], sizeof(v[4]), r->min_ns, utf8);
	fmt_ns(v[5], sizeof(v[5]), r->mean_ns, utf8);
	fmt_ns(v[6], sizeof(v[6]), r->max_ns, utf8);
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

void ms_buddy_probe_draw(struct buddy_view *b, WINDOW *w, struct ms_rect r)
{
	struct probe_page *p = &b->probe;
	struct ms_page l;
	char buf[320], esc[64], t[16];
	time_t when = (time_t)p->when;
	struct tm tm;

	ms_page_begin(&l, w, r, &p->sc);
	snprintf(buf, sizeof(buf),
		 "Allocation probe: node %d (zone %s selected), %d attempts "
		 "per order  (Esc back)",
		 p->node, ms_esc(esc, sizeof(esc), p->zone),
		 probe_counts[p->count]);
	ms_page_title(&l, buf, b->base.ui);
	ms_page_line(
		&l, ms_attr(MS_C_DIM),
		"memscope.ko: alloc_pages_node(node, GFP_KERNEL | __GFP_NORETRY "
		"| __GFP_NOWARN | __GFP_THISNODE, order), freed at once");
	if (p->pending) {
		ms_page_line(&l, ms_attr(MS_C_DIM), "probing...");
	} else if (!p->have) {
		snprintf(buf, sizeof(buf), "allocation probe unavailable: %s",
			 p->why[0] ? p->why : "no result");
		ms_page_line(&l, ms_attr(MS_C_NOTE), buf);
	} else {
		localtime_r(&when, &tm);
		strftime(t, sizeof(t), "%H:%M:%S", &tm);
		snprintf(buf, sizeof(buf),
			 "orders 0..%d probed at %s; Avail: blocks of that "
			 "order the node's free lists hold now (no compaction)",
			 p->res.nr_orders - 1, t);
		ms_page_line(&l, ms_attr(MS_C_NORMAL), buf);
		tag_ids(&l, probe_ids);
		probe_header(&l);
		for (int o = 0; o < p->res.nr_orders && o < MS_MAX_ORDER; o++)
			probe_row(&l, b, o);
		if (p->why[0])
			ms_page_line(&l, ms_attr(MS_C_NOTE), p->why);
	}
	ms_page_line(&l, 0, "");
	ms_page_line(&l, ms_attr(MS_C_DIM),
		     "a or Enter: probe again   +/-: attempts per order   "
		     "Esc: back to the zones");
	ms_page_end(&l);
}

/* Open the page for the selected zone's node; the next sample probes. */
enum ms_key_result ms_buddy_probe_open(struct buddy_view *b)
{
	int row = ms_table_selected(&b->zones);
	const struct ms_zone *z;

	if (row < 0)
		return MS_KEY_DONE;
	z = zone_at(b, row);
	if (!b->probe.open || b->probe.node != z->node)
		b->probe.have = false;
	b->probe.open = true;
	b->probe.node = z->node;
	snprintf(b->probe.zone, sizeof(b->probe.zone), "%s", z->name);
	b->probe.pending = true;
	return MS_KEY_RESAMPLE;
}

enum ms_key_result ms_buddy_probe_key(struct buddy_view *b, int key)
{
	struct probe_page *p = &b->probe;

	if (ms_key_is_back(key)) {
		p->open = false;
		return MS_KEY_DONE;
	}
	if (key == 'a' || ms_key_is_enter(key)) {
		p->pending = true;
		return MS_KEY_RESAMPLE;
	}
	if (key == '+' || key == '=' || key == '-' || key == '_') {
		p->count += key == '+' || key == '=' ? 1 : -1;
		p->count = p->count < 0	       ? 0 :
			   p->count >= NCOUNTS ? NCOUNTS - 1 :
						 p->count;
		return MS_KEY_DONE;
	}
	return ms_scroll_key(&p->sc, key) ? MS_KEY_DONE : MS_KEY_PASS;
}

/* The sample after the key ran the probe: keep its result or the reason. */
void ms_buddy_probe_update(struct buddy_view *b, const struct ms_snapshot *cur)
{
	struct probe_page *p = &b->probe;
	const char *why = ms_note_why(cur, "alloc_probe");

	if (!p->pending)
		return;
	p->pending = false;
	p->have = cur->have & MS_SEC_BIT(MS_SEC_ALLOC_PROBE);
	if (p->have) {
		p->res = cur->alloc_probe;
		p->when = cur->t_real;
	}
	ms_esc(p->why, sizeof(p->why), why ? why : "");
}

void ms_buddy_probe_request(struct buddy_view *b, struct ms_request *req)
{
	struct probe_page *p = &b->probe;

	if (p->open && p->pending) {
		req->sections |= MS_SEC_BIT(MS_SEC_ALLOC_PROBE);
		req->alloc_probe.node = p->node;
		req->alloc_probe.max_order = -1;
		req->alloc_probe.count = probe_counts[p->count];
	}
}

void ms_buddy_probe_explain(struct buddy_view *b, struct ms_explain_ids *e)
{
	ms_page_explain(&b->probe.sc, b->base.ui, e, probe_ids);
}
