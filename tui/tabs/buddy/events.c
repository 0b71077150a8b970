// SPDX-License-Identifier: GPL-2.0
/*
 * The Buddy tab's live event sections (probes/bpf): page allocator rates
 * per order under the zone table, by migrate type in a zone's screen,
 * fallbacks and compaction.
 */
#include "tui/tabs/buddy/buddy.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define LABEL_W 8

int ms_buddy_events_lines(const struct ms_snapshot *s)
{
	return ms_have_sec(s, MS_SEC_BUDDY_EVENTS) ? 5 : 0;
}

static void order_line(WINDOW *w, int y, struct ms_rect r, int cw,
		       const char *label, const double *v, int n, bool on)
{
	char buf[24];

	ms_put(w, y, r.x, LABEL_W, MS_LEFT, true, ms_attr(MS_C_DIM), label);
	for (int o = 0; o < n && LABEL_W + (o + 1) * cw <= r.w; o++) {
		attr_t a = ms_attr(MS_C_NORMAL);

		if (!on)
			snprintf(buf, sizeof(buf), "-");
		else
			ms_fmt_events(buf, sizeof(buf), v[o], cw - 1);
		if (!on || isnan(v[o]) || v[o] == 0)
			a = ms_attr(MS_C_DIM);
		ms_put(w, y, r.x + LABEL_W + o * cw, cw, MS_RIGHT, true, a,
		       buf);
	}
}

/* "Unmovable→Movable 3/s  ...", the busiest fallbacks first. */
static void fallbacks(char *buf, size_t len, const struct ms_buddy_events *e,
		      const struct ms_ui *ui)
{
	bool used[MS_MAX_MIGRATE * MS_MAX_MIGRATE] = { false };
	size_t off = (size_t)snprintf(buf, len, "fallbacks/s:");
	int shown = 0;
	char r[24];

	if (!(e->fields & MS_BE_EXTFRAG)) {
		snprintf(buf + off, len - off, " -");
		return;
	}
	for (int k = 0; k < e->nr_extfrag && off < len; k++) {
		int best = -1;

		for (int i = 0; i < e->nr_extfrag; i++)
			if (!used[i] && e->extfrag[i].rate > 0 &&
			    (best < 0 ||
			     e->extfrag[i].rate > e->extfrag[best].rate))
				best = i;
		if (best < 0)
			break;
		used[best] = true;
		off += (size_t)snprintf(
			buf + off, len - off, " %s%s%s %s",
			e->migrate[e->extfrag[best].wanted],
			ui->utf8 ? "\u2192" : "->",
			e->migrate[e->extfrag[best].taken],
			ms_fmt_events(r, sizeof(r), e->extfrag[best].rate, 6));
		shown++;
	}
	if (!shown && off < len)
		snprintf(buf + off, len - off, " %s",
			 isnan(e->interval) ? "-" : "none");
}

static void compaction(char *buf, size_t len, const struct ms_buddy_events *e)
{
	const struct ms_compaction *c = &e->compaction;
	char a[24], b[24], n[3][24];

	if (!(e->fields & MS_BE_COMPACT)) {
		snprintf(buf, len, "compaction: -");
		return;
	}
	snprintf(buf, len, "compaction: %s runs/s",
		 ms_fmt_events(a, sizeof(a), c->runs_rate, 6));
	if (!isnan(c->mean_us))
		snprintf(buf + strlen(buf), len - strlen(buf), ", mean %s us",
			 ms_fmt_events(b, sizeof(b), c->mean_us, 7));
	/* unknown (a recording without them) is "-", never 2^64-1 */
	if (c->runs && ms_have(c->runs))
		snprintf(buf + strlen(buf), len - strlen(buf),
			 " (%s runs, %s direct, max %s us since attach)",
			 ms_fmt_u64(n[0], sizeof(n[0]), c->runs),
			 ms_fmt_u64(n[1], sizeof(n[1]), c->direct),
			 ms_fmt_u64(n[2], sizeof(n[2]), c->max_us));
}

/*
 * Explain mode: the rows' labels, and the two halves of the last line
 * (compaction in its first comp columns, then the fallbacks).
 */
static void mark_panel(WINDOW *w, struct ms_rect r, int comp,
		       const struct ms_ui *ui)
{
	ms_explain_mark(w, r.y + 1, r.x, LABEL_W, ui, "buddy.ev.allocs");
	ms_explain_mark(w, r.y + 2, r.x, LABEL_W, ui, "buddy.ev.frees");
	ms_explain_mark(w, r.y + 3, r.x, LABEL_W, ui, "buddy.ev.failed");
	if (comp > r.w)
		comp = r.w;
	ms_explain_mark(w, r.y + 4, r.x, comp, ui, "buddy.ev.compaction");
	ms_explain_mark(w, r.y + 4, r.x + comp + 3, r.w - comp - 3, ui,
			"buddy.ev.fallbacks");
}

void ms_buddy_events_panel(WINDOW *w, struct ms_rect r,
			   const struct ms_snapshot *s, const struct ms_ui *ui)
{
	const struct ms_buddy_events *e = &s->buddy_events;
	int n = e->nr_orders < MS_MAX_ORDER ? e->nr_orders : MS_MAX_ORDER;
	int cw = n ? (r.w - LABEL_W) / n : 6, comp;
	char buf[512], half[256];

	if (r.h < 5)
		return;
	cw = cw > 8 ? 8 : cw < 5 ? 5 : cw;
	ms_title(w, r.y, r.x, r.w,
		 isnan(e->interval) ?
			 "Page allocator events, all zones (bpf: "
			 "attached, rates from the next sample)" :
			 "Page allocator events per second, all zones (bpf)",
		 ui);
	order_line(w, r.y + 1, r, cw, "allocs", e->alloc_rate, n,
		   e->fields & MS_BE_ALLOC);
	order_line(w, r.y + 2, r, cw, "frees", e->free_rate, n,
		   e->fields & MS_BE_FREE);
	order_line(w, r.y + 3, r, cw, "failed", e->fail_rate, n,
		   e->fields & MS_BE_ALLOC);
	fallbacks(half, sizeof(half), e, ui);
	compaction(buf, sizeof(buf), e);
	comp = (int)strlen(buf); /* ASCII: its width */
	snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "   %s", half);
	/* migrate type names come from the kernel's BTF: escape them */
	ms_put_esc_cut(w, r.y + 4, r.x, r.w, ms_attr(MS_C_NORMAL), buf, ui);
	mark_panel(w, r, comp, ui);
}

/* Order, one column per migrate type, then frees and failures. */
static void mt_line(struct ms_screen *l, const struct ms_buddy_events *e, int o,
		    int cw)
{
	int y = ms_screen_next(l), x = l->r.x + 6;
	char buf[24];
	bool head = o < 0;
	attr_t a = ms_attr(head ? MS_C_COLUMN_HEADER : MS_C_NORMAL);

	if (y < 0)
		return;
	if (head)
		ms_fill(l->w, (struct ms_rect){ y, l->r.x, 1, l->r.w }, a);
	snprintf(buf, sizeof(buf), "%d", o);
	ms_put(l->w, y, l->r.x, 5, MS_RIGHT, true, a, head ? "Order" : buf);
	for (int t = 0; t < e->nr_migrate + 2 && x + cw <= l->r.x + l->r.w;
	     t++, x += cw + 1) {
		const char *txt = buf;

		if (head && t < e->nr_migrate)
			txt = e->migrate[t];
		else if (head)
			txt = t == e->nr_migrate ? "frees" : "failed";
		else if (t < e->nr_migrate)
			ms_fmt_events(buf, sizeof(buf), e->mt_alloc_rate[t][o],
				      cw);
		else
			ms_fmt_events(buf, sizeof(buf),
				      t == e->nr_migrate ? e->free_rate[o] :
							   e->fail_rate[o],
				      cw);
		ms_put_esc(l->w, y, x, cw, MS_RIGHT, true, a, txt);
	}
}

void ms_buddy_events_screen(struct ms_screen *l, const struct ms_snapshot *s,
			    const struct ms_ui *ui)
{
	const struct ms_buddy_events *e = &s->buddy_events;
	const struct ms_note *no;
	const char *why;
	char buf[256];
	int cw = 11;

	ms_screen_title(l,
			"Allocations per second by migrate type and order, all "
			"zones (bpf)",
			ui);
	if (!ms_have_sec(s, MS_SEC_BUDDY_EVENTS) ||
	    !(e->fields & MS_BE_ALLOC)) {
		why = ms_note_why(s, "buddy_events");
		if (!why && (no = ms_note_of_bpf(s, "ms_pgalloc")))
			why = no->why;
		snprintf(buf, sizeof(buf), "unavailable: %s",
			 why ? why : "no backend provided it");
		ms_screen_line(l, ms_attr(MS_C_NOTE), buf);
		return;
	}
	if (isnan(e->interval))
		ms_screen_line(l, ms_attr(MS_C_DIM),
			       "attached just now: rates from the next sample");
	if ((l->r.w - 6) / (e->nr_migrate + 2) - 1 < cw)
		cw = (l->r.w - 6) / (e->nr_migrate + 2) - 1;
	if (cw < 6)
		cw = 6;
	/* explain mode: the header names the columns */
	ms_screen_tag(l, "buddy.ev.mt_allocs");
	ms_screen_tag(l, "buddy.ev.frees");
	ms_screen_tag(l, "buddy.ev.failed");
	mt_line(l, e, -1, cw);
	for (int o = 0; o < e->nr_orders && o < MS_MAX_ORDER; o++)
		mt_line(l, e, o, cw);
}
