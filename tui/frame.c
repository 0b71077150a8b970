// SPDX-License-Identifier: GPL-2.0
/* The explorer's frame: the header, tab bar and footer around the active
 * view, the explain panel, and one whole screen drawn. */
#include "tui/cut.h"
#include "tui/state.h"

#include "tui/events.h"
#include "tui/explain.h"
#include "tui/help.h"
#include "tui/membar.h"
#include "tui/mouse.h"
#include "tui/theme.h"
#include "tui/widgets.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *meminfo(char *buf, size_t len, const struct ms_snapshot *s,
			   const char *name)
{
	/* one decimal: a change of 500 MB shows in a 20 GB figure */
	return ms_fmt_kb1(buf, len, ms_kv_get(&s->meminfo, name));
}

/* PSI avg10 as the kernel prints it (a percentage, two decimals). */
static const char *psi_text(char *buf, size_t len,
			    const struct ms_psi_line *psi)
{
	if (!psi->valid || isnan(psi->avg10))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.2f%%", psi->avg10);
	return buf;
}

/*
 * The memory bar inside the header's first line (fewer rows than
 * MEMBAR_ROWS): between the memory figures and PSI, at least this wide,
 * as wide as the line leaves; it goes after the interval and PSI, before
 * any memory figure.
 */
#define BAR_MIN 20
#define BAR_PRIO 65

/*
 * The left pieces p[0..n) with the bar, pieces[bar], as wide as room
 * leaves: the pieces before it, the bar, the pieces after it.
 */
static void draw_inline_bar(struct tui *t, int y, struct ms_piece *p, int n,
			    int bar, int room)
{
	const struct ms_snapshot *s = cur_snap(t);
	char pre[256], post[256];
	int x, w;

	ms_fit_join(pre, sizeof(pre), p, bar, 2);
	ms_fit_join(post, sizeof(post), p + bar + 1, n - bar - 1, 2);
	x = ms_text_width(pre) + (pre[0] ? 2 : 0);
	w = room - x - (post[0] ? 2 + ms_text_width(post) : 0);
	ms_put(stdscr, y, 0, x, MS_LEFT, false, ms_attr(MS_C_HEADER), pre);
	ms_membar_draw(stdscr, y, x, w, &s->memory.ledger,
		       s->memory.physical_kb, &t->ui);
	if (post[0])
		ms_put(stdscr, y, x + w + 2, ms_text_width(post), MS_LEFT,
		       false, ms_attr(MS_C_HEADER), post);
}

/*
 * Memory, PSI and the interval at the left, with the memory bar between
 * them when bar; at the right where a replay is, PAUSED and the kernel.
 * What does not fit is shortened, then left out (the interval, PSI, the
 * kernel first, then the bar); the replay's place and PAUSED always stay.
 */
enum { H_TOTAL, H_FREE, H_AVAIL, H_BAR, H_PSI, H_EVERY, H_NLEFT };
static void draw_mem_line(struct tui *t, int y, bool bar)
{
	const struct ms_snapshot *s = cur_snap(t);
	const struct ms_psi_line *psi = &s->reclaim.psi_some;
	char v[H_NLEFT][16], full[H_NLEFT][40], brief[H_NLEFT][32];
	char kern[80], kline[100], where[200], left[256], right[300], out[300];
	char dm[40];
	static const char *const name[H_NLEFT][2] = {
		[H_TOTAL] = { "MemTotal", NULL },
		[H_FREE] = { "MemFree", "Free" },
		[H_AVAIL] = { "MemAvailable", "Avail" },
		[H_PSI] = { "PSI some", "PSI" },
		[H_EVERY] = { "every", "" },
	};
	/* shortening every figure comes before dropping any */
	static const int prio[H_NLEFT] = { 90, 70, 80, BAR_PRIO, 40, 30 };
	struct ms_piece p[H_NLEFT + 4];
	int n = H_NLEFT, rw, room;

	meminfo(v[H_TOTAL], sizeof(v[0]), s, "MemTotal");
	meminfo(v[H_AVAIL], sizeof(v[0]), s, "MemAvailable");
	meminfo(v[H_FREE], sizeof(v[0]), s, "MemFree");
	psi_text(v[H_PSI], sizeof(v[0]), psi);
	/* a replay: the interval it was recorded at */
	snprintf(v[H_EVERY], sizeof(v[0]), "%.1fs",
		 t->rp.r && ms_cursor_interval(t->rp.r) > 0 ?
			 ms_cursor_interval(t->rp.r) :
			 t->interval);
	for (int i = 0; i < H_NLEFT; i++) {
		if (i == H_BAR) { /* its place: as many blanks as its least */
			snprintf(full[i], sizeof(full[i]), "%*s",
				 bar ? BAR_MIN : 0, "");
			p[i] = (struct ms_piece){ .text = full[i],
						  .prio = prio[i] };
			continue;
		}
		snprintf(full[i], sizeof(full[i]), "%s %s", name[i][0], v[i]);
		snprintf(brief[i], sizeof(brief[i]), "%s%s%s",
			 name[i][1] ? name[i][1] : "",
			 name[i][1] && name[i][1][0] ? " " : "", v[i]);
		p[i] = (struct ms_piece){ .text = full[i],
					  .brief = name[i][1] ? brief[i] : NULL,
					  .prio = prio[i],
					  .brief_prio = 20 };
	}
	snprintf(kline, sizeof(kline), "memscope %s",
		 s->kernel[0] ? ms_esc(kern, sizeof(kern), s->kernel) : "");
	p[n++] = (struct ms_piece){ .text = kline, .prio = 10 };
	where[0] = '\0';
	if (t->rp.r)
		ms_replay_ui_status(&t->rp, where, sizeof(where));
	p[n++] = (struct ms_piece){ .text = where, .prio = MS_PRIO_KEEP };
	p[n++] = (struct ms_piece){ .text = t->paused ? "PAUSED" : "",
				    .prio = MS_PRIO_KEEP };
	/* W: memscope's own kdamond runs (the sample has its regions) */
	dm[0] = '\0';
	if (t->damon && s->damon.target[0])
		snprintf(dm, sizeof(dm), "DAMON %s%s",
			 t->damon_pid ? "pid " : "", s->damon.target);
	p[n++] = (struct ms_piece){ .text = dm, .prio = MS_PRIO_KEEP };
	/* a blank at the right */
	ms_fit(p, n, 2, COLS - 1);
	ms_fit_join(left, sizeof(left), p, H_NLEFT, 2);
	ms_fit_join(right, sizeof(right), p + H_NLEFT, n - H_NLEFT, 2);
	rw = ms_text_width(right);
	room = COLS - 1 - rw - (rw ? 2 : 0);
	ms_put(stdscr, y, 0, COLS, MS_LEFT, true, ms_attr(MS_C_HEADER), "");
	if (p[H_BAR].how != MS_FIT_DROP)
		draw_inline_bar(t, y, p, H_NLEFT, H_BAR, room);
	else
		ms_put_cut(stdscr, y, 0, room, ms_attr(MS_C_HEADER), left,
			   &t->ui);
	/* the kernel in the header's colour, the replay and PAUSED bright */
	ms_put(stdscr, y, COLS - 1 - rw, rw, MS_LEFT, false,
	       ms_attr(MS_C_HEADER), right);
	ms_fit_join(out, sizeof(out), p + H_NLEFT + 1, 3, 2);
	if (out[0])
		ms_put(stdscr, y, COLS - 1 - ms_text_width(out),
		       ms_text_width(out), MS_LEFT, false, ms_attr(MS_C_PAUSED),
		       out);
}

/*
 * "procfs: meminfo buddy reclaim", one group per backend; brief: the
 * backends alone ("replay", "procfs bpf"), the help screen lists the rest.
 */
static void sources(const struct ms_snapshot *s, char *buf, size_t len,
		    bool brief)
{
	size_t off = 0;

	buf[0] = '\0';
	for (int i = 0; i < MS_SEC_COUNT; i++) {
		const char *b = s->source[i];
		bool first = true;

		if (!b || !(s->have & MS_SEC_BIT(i)))
			continue;
		for (int j = 0; j < i; j++)
			if (s->source[j] && !strcmp(s->source[j], b) &&
			    (s->have & MS_SEC_BIT(j)))
				first = false;
		if (!first)
			continue;
		off += (size_t)snprintf(buf + off, len - off, "%s%s%s",
					off ? (brief ? " " : "  ") : "", b,
					brief ? "" : ":");
		for (int j = i; j < MS_SEC_COUNT && off < len && !brief; j++)
			if (s->source[j] && !strcmp(s->source[j], b) &&
			    (s->have & MS_SEC_BIT(j)))
				off += (size_t)snprintf(buf + off, len - off,
							" %s",
							ms_section_name(j));
		if (off >= len)
			return;
	}
}

#define NOTES_MIN 40 /* columns the notes get before the sources shrink */
static void draw_source_line(struct tui *t, int y)
{
	const struct ms_snapshot *s = cur_snap(t);
	char src[256], line[1024], esc[340];
	/* the help's notes but where a replay stops, which comes first */
	int first = t->ui.replay_end ? 1 : 0;
	int all = ms_help_nr_notes(s, &t->ui), nn = all - first;
	size_t off;
	int x;

	sources(s, src, sizeof(src), false);
	if (!src[0])
		snprintf(src, sizeof(src), "no data yet");
	ms_put(stdscr, y, 0, COLS, MS_LEFT, true, ms_attr(MS_C_HEADER), "");
	x = ms_text_width(src) + 2;
	if (t->sample_err < 0 || t->theme_err[0] || t->o->config_err || nn ||
	    (t->rp.r && ms_cursor_end_note(t->rp.r))) {
		off = (size_t)snprintf(line, sizeof(line), "| ");
		/* where a cut or damaged recording stops */
		if (t->rp.r && ms_cursor_end_note(t->rp.r))
			off += (size_t)snprintf(
				line + off, sizeof(line) - off, "%s; ",
				ms_esc(esc, sizeof(esc),
				       ms_cursor_end_note(t->rp.r)));
		if (t->sample_err < 0)
			off += (size_t)snprintf(line + off, sizeof(line) - off,
						"sample: %s; ",
						strerror(-t->sample_err));
		if (t->theme_err[0])
			off += (size_t)snprintf(
				line + off, sizeof(line) - off, "%s; ",
				ms_esc(esc, sizeof(esc), t->theme_err));
		if (t->o->config_err && off < sizeof(line))
			off += (size_t)snprintf(
				line + off, sizeof(line) - off, "%s; ",
				ms_esc(esc, sizeof(esc), t->o->config_err));
		if (nn)
			off += (size_t)snprintf(line + off, sizeof(line) - off,
						"%d note%s (n): ", nn,
						nn == 1 ? "" : "s");
		for (int i = first; i < all && off < sizeof(line); i++) {
			ms_help_note(s, &t->ui, i, esc, sizeof(esc));
			off += (size_t)snprintf(line + off, sizeof(line) - off,
						"%s%s", i > first ? "; " : "",
						esc);
		}
		/* the notes matter more than which section came from where */
		if (COLS - x < NOTES_MIN && s->have) {
			sources(s, src, sizeof(src), true);
			x = ms_text_width(src) + 2;
		}
		/* each piece is escaped already: once more doubles '\\' */
		if (x < COLS)
			ms_put_cut(stdscr, y, x, COLS - x, ms_attr(MS_C_NOTE),
				   line, &t->ui);
	}
	ms_put(stdscr, y, 0, COLS, MS_LEFT, false, ms_attr(MS_C_HEADER), src);
}

/*
 * "CAPTURE <dir>" at the right of the tab bar for a static capture, whose
 * files are the same at every sample: nothing on screen is live.
 */
static void capture_mark(struct tui *t, int y, int x)
{
	const char *cap = ms_session_capture(t->s), *base;
	char line[128], esc[100];
	int w;

	if (!cap)
		return;
	base = strrchr(cap, '/');
	snprintf(line, sizeof(line), "CAPTURE %s ",
		 ms_esc(esc, sizeof(esc), base && base[1] ? base + 1 : cap));
	w = ms_text_width(line);
	if (w > COLS - x - 1) /* the tabs first; then what is left */
		w = COLS - x - 1;
	if (w > 8) /* a name cut to what is left ends with a mark */
		ms_put_cut(stdscr, y, COLS - w, w, ms_attr(MS_C_PAUSED), line,
			   &t->ui);
	else if (w >= 7) /* no room for the name: the word still says it */
		ms_put(stdscr, y, COLS - 7, 7, MS_LEFT, false,
		       ms_attr(MS_C_PAUSED), "CAPTURE");
}

static void draw_tabs(struct tui *t, int y)
{
	int x = 0;
	char label[48];

	ms_put(stdscr, y, 0, COLS, MS_LEFT, true, ms_attr(MS_C_TAB), "");
	for (int i = 0; i < t->nviews && x < COLS; i++) {
		enum ms_color c = i == t->cur ? MS_C_TAB_ACTIVE : MS_C_TAB;

		ms_tab_label(label, sizeof(label), i, t->views[i]->cls->name);
		x += ms_put(stdscr, y, x, COLS - x, MS_LEFT, false, ms_attr(c),
			    label);
		x++;
	}
	capture_mark(t, y, x);
}

/*
 * The view's hints at the left, "? help  q quit" at the right, the
 * other global keys between them: what does not fit goes, lowest
 * priority first (ms_split_hints), never help and quit.
 */
#define MAX_HINTS 32
static void draw_footer(struct tui *t, int y)
{
	static const char *const replay_keys[] = { ". , step", "+/- speed",
						   "g seek", "m mark" };
	struct ms_view *v = view(t);
	const char *hints = ms_view_hints(v);
	char tabs[16], line[512], left[512], right[32];
	char fl[sizeof(t->flash) + 4];
	struct ms_piece p[MAX_HINTS];
	int n, nl, room;

	if (t->rp.prompt) {
		ms_replay_ui_prompt(&t->rp, line, sizeof(line));
		ms_put(stdscr, y, 0, COLS, MS_LEFT, true, ms_attr(MS_C_FOOTER),
		       line);
		return;
	}
	if (t->help)
		hints = "Up/Down/PgUp/PgDn scroll  Esc close";
	else if (t->explain)
		hints = "Left/Right explain next  x/Esc close";
	snprintf(line, sizeof(line), "%s", hints);
	if (t->flash_until) { /* a message is one piece, cut rather than gone */
		size_t k = ms_wrap_line(t->flash, COLS - 20);

		snprintf(fl, sizeof(fl), "%.*s%s", (int)k, t->flash,
			 !t->flash[k] ? "" :
			 t->ui.utf8   ? "\u2026" :
					"...");
		n = 1, p[0] = (struct ms_piece){ .text = fl,
						 .prio = MS_PRIO_KEEP - 1 };
	} else {
		/* room for the global keys (at most 9) after them */
		n = ms_split_hints(p, MAX_HINTS - 10, line, 1000);
	}
	/* a table wider than the screen: say how to see the rest */
	if (!t->help && !t->explain && !t->flash_until && ms_tables_sideways())
		p[n++] = (struct ms_piece){
			.text = t->ui.utf8 ? "\u2190/\u2192 columns" :
					     "Left/Right columns",
			.prio = 997
		};
	if (!t->help) {
		snprintf(tabs, sizeof(tabs), "1-%d tab", t->nviews);
		p[n++] = (struct ms_piece){ .text = tabs, .prio = 30 };
		p[n++] = (struct ms_piece){ .text = "p pause", .prio = 20 };
		for (int i = 0; i < 4 && t->rp.r; i++)
			p[n++] = (struct ms_piece){ .text = replay_keys[i],
						    .prio = 15 - i };
		if (!t->rp.r)
			p[n++] = (struct ms_piece){
				.text = view(t)->cls->folds &&
							!ms_drill_top(view(t)) ?
						"=/_ interval" :
						"+/- interval",
				.prio = 10
			};
	}
	nl = n;
	if (!t->help) {
		p[n++] = (struct ms_piece){ .text = "? help",
					    .prio = MS_PRIO_KEEP };
		p[n++] = (struct ms_piece){ .text = "q quit",
					    .prio = MS_PRIO_KEEP };
	}
	/* a blank at each end */
	ms_fit(p, n, 2, COLS - 2);
	ms_fit_join(left, sizeof(left), p, nl, 2);
	ms_fit_join(right, sizeof(right), p + nl, n - nl, 2);
	room = COLS - 2 - ms_text_width(right) - (right[0] ? 2 : 0);
	ms_put(stdscr, y, 0, COLS, MS_LEFT, true, ms_attr(MS_C_FOOTER), "");
	ms_put_cut(stdscr, y, 1, room, ms_attr(MS_C_FOOTER), left, &t->ui);
	ms_put(stdscr, y, COLS - 1 - ms_text_width(right), ms_text_width(right),
	       MS_LEFT, false, ms_attr(MS_C_FOOTER), right);
}

/*
 * "terminal too small", the size it is and the size memscope needs, in
 * the longest wording that fits (one line, three, shorter ones), so even
 * a tiny terminal says what size to make it. Centred.
 */
static void draw_too_small(void)
{
	enum { FORMS = 6 };
	char have[24], need[24], l[FORMS][3][96] = { { "" } };
	int f, n = 0, w = 0;

	snprintf(have, sizeof(have), "%dx%d", COLS, LINES);
	snprintf(need, sizeof(need), "%dx%d", MIN_COLS, MIN_LINES);
	snprintf(l[0][0], sizeof(l[0][0]),
		 "terminal too small: %s, memscope needs %s (q quits)", have,
		 need);
	snprintf(l[1][0], sizeof(l[1][0]), "terminal too small: %s", have);
	snprintf(l[1][1], sizeof(l[1][1]), "memscope needs %s", need);
	snprintf(l[1][2], sizeof(l[1][2]), "q quits");
	snprintf(l[2][0], sizeof(l[2][0]), "too small: %s", have);
	snprintf(l[2][1], sizeof(l[2][1]), "needs %s", need);
	snprintf(l[2][2], sizeof(l[2][2]), "q quits");
	snprintf(l[3][0], sizeof(l[3][0]), "needs %s", need);
	snprintf(l[3][1], sizeof(l[3][1]), "q quits");
	snprintf(l[4][0], sizeof(l[4][0]), "needs %s", need);
	snprintf(l[5][0], sizeof(l[5][0]), "%s", need);
	for (f = 0; f < FORMS; f++) {
		for (n = w = 0; n < 3 && l[f][n][0]; n++)
			if (ms_text_width(l[f][n]) > w)
				w = ms_text_width(l[f][n]);
		if (w <= COLS && n <= LINES)
			break;
	}
	if (f == FORMS) /* smaller than "80x24": what fits of it */
		f = FORMS - 1, n = 1, w = COLS;
	for (int i = 0; i < n; i++)
		ms_put(stdscr, (LINES - n) / 2 + i, (COLS - w) / 2, w, MS_LEFT,
		       false, ms_attr(MS_C_WARNING), l[f][i]);
}

/*
 * The ids of what the active screen shows, and which one the panel is at:
 * the one it showed while that is still on the screen, else the cursor's.
 */
void ms_tui_explain_ids(struct tui *t)
{
	struct ms_view *v = view(t);
	struct ms_explain_ids *e = &t->eids;

	memset(e, 0, sizeof(*e));
	/* the one wanted: a screen may scroll to bring it into view */
	t->ui.explain_id = t->explain_id[0] ? t->explain_id : NULL;
	ms_view_explain(v, e);
	ms_explain_keep_seen(e); /* not what is off screen or absent */
	t->eidx = e->cur >= 0 && e->cur < e->n ? e->cur : 0;
	for (int i = 0; i < e->n && !e->moved; i++)
		if (!strcmp(e->id[i], t->explain_id))
			t->eidx = i;
	snprintf(t->explain_id, sizeof(t->explain_id), "%s",
		 e->n ? e->id[t->eidx] : "");
	t->ui.explain_id = e->n ? t->explain_id : NULL;
}

/* Lines the panel takes out of body for what it explains now. */
static int panel_height(struct tui *t, struct ms_rect body)
{
	int h = ms_explain_height(&t->eids, t->eidx, body.w);

	return h > body.h / 2 ? body.h / 2 : h;
}

/*
 * The view with the explain panel under it. The ids come from what the
 * view has just drawn (ms_explain_keep_seen), so the view is drawn first
 * at the panel's last height, and again when the panel's height, the
 * field it marks or a screen's scrolling to that field changed.
 */
static void draw_explained(struct tui *t, struct ms_rect body)
{
	struct ms_rect vr = body;
	char was[sizeof(t->explain_id)];
	int h = t->panel_h > 0 ? t->panel_h : panel_height(t, body);

	if (h > body.h / 2) /* the terminal shrank */
		h = body.h / 2;

	for (int pass = 0; pass < 3; pass++) {
		vr.h = body.h - h;
		ms_tables_forget();
		ms_explain_frame_begin();
		ms_screen_relayout(); /* as draw_view() */
		ms_view_draw(view(t), stdscr, vr);
		ms_explain_frame_end();
		snprintf(was, sizeof(was), "%s", t->explain_id);
		ms_tui_explain_ids(t);
		if (panel_height(t, body) == h && !strcmp(was, t->explain_id) &&
		    !t->eids.redraw && !ms_screen_relayout())
			break;
		h = panel_height(t, body);
	}
	t->panel_h = h;
	ms_explain_draw(stdscr,
			(struct ms_rect){ body.y + body.h - h, body.x, h,
					  body.w },
			&t->eids, t->eidx, &t->ui);
}

/* The view; again when a screen of it found it needs its scroll bar. */
static void draw_view(struct tui *t, struct ms_rect body)
{
	ms_screen_relayout(); /* forget a flag left by another draw */
	ms_view_draw(view(t), stdscr, body);
	if (ms_screen_relayout()) {
		ms_tables_forget();
		ms_view_draw(view(t), stdscr, body);
	}
}

void ms_frame_request(struct ms_view *v, struct ms_request *req)
{
	*req = (struct ms_request){ 0 };
	ms_view_request(v, req);
	req->memory_brief = !(req->sections & MS_SEC_BIT(MS_SEC_MEMORY));
	req->reclaim_brief = !(req->sections & MS_SEC_BIT(MS_SEC_RECLAIM));
	req->sections |= MS_SEC_BIT(MS_SEC_MEMINFO) |
			 MS_SEC_BIT(MS_SEC_RECLAIM) | MS_SEC_BIT(MS_SEC_MEMORY);
}

void ms_tui_draw(struct tui *t)
{
	const struct ms_snapshot *s = cur_snap(t);
	/*
	 * the memory bar when memory was sampled: a line of its own under
	 * the header lines where the terminal has the rows a graph panel
	 * shows itself from; with fewer, every row is the tab's and the bar
	 * goes into the header's first line
	 */
	bool mem = (s->have & MS_SEC_BIT(MS_SEC_MEMORY)) && s->memory.ledger.n;
	bool bar = mem && LINES >= MEMBAR_ROWS;
	struct ms_rect body;
	/* while BPF programs run, what they cost, above the footer */
	char cost[256];
	bool bpf = ms_bpf_cost_line(cost, sizeof(cost), s, t->rp.r != NULL);

	t->head = HEADER_LINES + bar;
	body = (struct ms_rect){ t->head, 0, LINES - t->head - 1 - bpf, COLS };
	t->ui.replay_end = t->rp.r ? ms_cursor_end_note(t->rp.r) : NULL;
	ms_tables_forget(); /* the tables drawn now are the ones to click */
	werase(stdscr);
	if (COLS < MIN_COLS || LINES < MIN_LINES) {
		draw_too_small();
	} else {
		draw_mem_line(t, 0, mem && !bar);
		draw_source_line(t, 1);
		if (bar)
			ms_membar_line(stdscr, 2, COLS, s, &t->ui);
		draw_tabs(t, t->head - 1);
		if (t->help)
			ms_help_draw(stdscr, body, cur_snap(t), &t->ui,
				     &t->help_scroll);
		else if (t->explain)
			draw_explained(t, body);
		else
			draw_view(t, body);
		if (bpf) { /* cut short, it says so */
			ms_put(stdscr, LINES - 2, 0, COLS, MS_LEFT, true,
			       ms_attr(MS_C_DIM), "");
			ms_put_cut(stdscr, LINES - 2, 0, COLS,
				   ms_attr(MS_C_DIM), cost, &t->ui);
		}
		draw_footer(t, LINES - 1);
	}
	wnoutrefresh(stdscr);
	doupdate();
}
