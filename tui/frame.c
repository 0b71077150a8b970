// SPDX-License-Identifier: GPL-2.0
/* The explorer's frame: the header, tab bar and footer around the active
 * view, the explain panel, and one whole screen drawn. */
#include "tui/state.h"

#include "tui/events.h"
#include "tui/explain.h"
#include "tui/help.h"
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

static void draw_mem_line(struct tui *t, int y)
{
	const struct ms_snapshot *s = cur_snap(t);
	const struct ms_psi_line *psi = &s->reclaim.psi_some;
	char tot[16], fre[16], av[16], psib[16], line[256], kern[80];
	char right[200] = "";
	int pw, x;

	if (t->rp.r)
		ms_replay_ui_status(&t->rp, right, sizeof(right));
	if (t->paused)
		strcat(right, "PAUSED ");
	pw = ms_text_width(right);
	if (pw > COLS / 2)
		pw = COLS / 2;

	snprintf(line, sizeof(line),
		 "MemTotal %s  MemFree %s  MemAvailable %s  PSI some %s  "
		 "every %.1fs",
		 meminfo(tot, sizeof(tot), s, "MemTotal"),
		 meminfo(fre, sizeof(fre), s, "MemFree"),
		 meminfo(av, sizeof(av), s, "MemAvailable"),
		 psi_text(psib, sizeof(psib), psi),
		 /* a replay: the interval it was recorded at */
		 t->rp.r && ms_cursor_interval(t->rp.r) > 0 ?
			 ms_cursor_interval(t->rp.r) :
			 t->interval);
	x = ms_put(stdscr, y, 0, COLS - pw, MS_LEFT, false,
		   ms_attr(MS_C_HEADER), line);
	/* the kernel release at the right, when it fits */
	snprintf(line, sizeof(line), "memscope %s ",
		 s->kernel[0] ? ms_esc(kern, sizeof(kern), s->kernel) : "");
	if (x + 2 + ms_text_width(line) <= COLS - pw)
		ms_put(stdscr, y, x, COLS - pw - x, MS_RIGHT, true,
		       ms_attr(MS_C_HEADER), line);
	else
		ms_put(stdscr, y, x, COLS - pw - x, MS_LEFT, true,
		       ms_attr(MS_C_HEADER), "");
	if (pw)
		ms_put(stdscr, y, COLS - pw, pw, MS_RIGHT, true,
		       ms_attr(MS_C_PAUSED), right);
}

/* "procfs: meminfo buddy reclaim", one group per backend. */
static void sources(const struct ms_snapshot *s, char *buf, size_t len)
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
		off += (size_t)snprintf(buf + off, len - off,
					"%s%s:", off ? "  " : "", b);
		for (int j = i; j < MS_SEC_COUNT && off < len; j++)
			if (s->source[j] && !strcmp(s->source[j], b) &&
			    (s->have & MS_SEC_BIT(j)))
				off += (size_t)snprintf(buf + off, len - off,
							" %s",
							ms_section_name(j));
		if (off >= len)
			return;
	}
}

static void draw_source_line(struct tui *t, int y)
{
	const struct ms_snapshot *s = cur_snap(t);
	char src[256], line[1024], esc[200];
	size_t off;
	int x;

	sources(s, src, sizeof(src));
	ms_put(stdscr, y, 0, COLS, MS_LEFT, true, ms_attr(MS_C_HEADER),
	       src[0] ? src : "no data yet");
	x = ms_text_width(src) + 2;
	if (t->sample_err < 0 || t->theme_err[0] || t->o->config_err ||
	    s->nr_notes || (t->rp.r && ms_cursor_end_note(t->rp.r))) {
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
		if (s->nr_notes)
			off += (size_t)snprintf(line + off, sizeof(line) - off,
						"%d note%s (n): ", s->nr_notes,
						s->nr_notes == 1 ? "" : "s");
		for (int i = 0; i < s->nr_notes && off < sizeof(line); i++)
			off += (size_t)snprintf(
				line + off, sizeof(line) - off, "%s%s: %s",
				i ? "; " : "", s->notes[i].what,
				ms_esc(esc, sizeof(esc), s->notes[i].why));
		if (x < COLS)
			ms_put_esc(stdscr, y, x, COLS - x, MS_LEFT, false,
				   ms_attr(MS_C_NOTE), line);
	}
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
}

/*
 * The view's hints at the left, "? help  q quit" at the right, and the
 * other global keys between them as far as they fit.
 */
static void draw_footer(struct tui *t, int y)
{
	static const char right[] = "? help  q quit ";
	struct ms_view *v = view(t);
	const char *hints = v->cls->hints ? v->cls->hints(v) : "";
	char tabs[16], line[512];
	const char *more[] = { tabs, "p pause",
			       t->rp.r ? ". , step  +/- speed  g seek  m mark" :
					 "+/- interval" };
	int room = COLS - (int)strlen(right);
	size_t off;

	if (t->help)
		hints = "Up/Down/PgUp/PgDn scroll  Esc close";
	else if (t->explain)
		hints = "Left/Right explain next  x/Esc close";
	if (t->flash_until)
		hints = t->flash;
	if (t->rp.prompt) {
		ms_replay_ui_prompt(&t->rp, line, sizeof(line));
		ms_put(stdscr, y, 0, COLS, MS_LEFT, true, ms_attr(MS_C_FOOTER),
		       line);
		return;
	}
	snprintf(tabs, sizeof(tabs), "1-%d tab", t->nviews);
	off = (size_t)snprintf(line, sizeof(line), " %s", hints);
	for (size_t i = 0; i < sizeof(more) / sizeof(more[0]) && !t->help; i++)
		if ((int)(off + 2 + strlen(more[i])) <= room - 1)
			off += (size_t)snprintf(line + off, sizeof(line) - off,
						"  %s", more[i]);
	ms_put(stdscr, y, 0, COLS, MS_LEFT, true, ms_attr(MS_C_FOOTER), line);
	if (!t->help && ms_text_width(line) + 1 <= room)
		ms_put(stdscr, y, room, COLS - room, MS_LEFT, false,
		       ms_attr(MS_C_FOOTER), right);
}

static void draw_too_small(void)
{
	char msg[96];

	snprintf(msg, sizeof(msg),
		 "terminal too small: %dx%d, memscope "
		 "needs %dx%d (q quits)",
		 COLS, LINES, MIN_COLS, MIN_LINES);
	ms_message(stdscr, (struct ms_rect){ 0, 0, LINES, COLS },
		   ms_attr(MS_C_WARNING), msg);
}

/*
 * The ids of what the active page shows, and which one the panel is at:
 * the one it showed while that is still on the page, else the cursor's.
 */
void ms_tui_explain_ids(struct tui *t)
{
	struct ms_view *v = view(t);
	struct ms_explain_ids *e = &t->eids;

	memset(e, 0, sizeof(*e));
	/* the one wanted: a page may scroll to bring it into view */
	t->ui.explain_id = t->explain_id[0] ? t->explain_id : NULL;
	if (v->cls->explain)
		v->cls->explain(v, e);
	t->eidx = e->cur >= 0 && e->cur < e->n ? e->cur : 0;
	for (int i = 0; i < e->n && !e->moved; i++)
		if (!strcmp(e->id[i], t->explain_id))
			t->eidx = i;
	snprintf(t->explain_id, sizeof(t->explain_id), "%s",
		 e->n ? e->id[t->eidx] : "");
	t->ui.explain_id = e->n ? t->explain_id : NULL;
}

/* The panel at the bottom of body; body shrinks by its height. */
static void draw_explain(struct tui *t, struct ms_rect *body)
{
	int h;

	ms_tui_explain_ids(t);
	h = ms_explain_height(&t->eids, t->eidx, body->w);
	if (h > body->h / 2)
		h = body->h / 2;
	body->h -= h;
	ms_explain_draw(stdscr,
			(struct ms_rect){ body->y + body->h, body->x, h,
					  body->w },
			&t->eids, t->eidx, &t->ui);
}

void ms_tui_draw(struct tui *t)
{
	struct ms_rect body = { HEADER_LINES, 0, LINES - HEADER_LINES - 1,
				COLS };
	/* while BPF programs run, what they cost, above the footer */
	char cost[256];
	bool bpf = ms_bpf_cost_line(cost, sizeof(cost), cur_snap(t));

	body.h -= bpf;
	ms_tables_forget(); /* the tables drawn now are the ones to click */
	werase(stdscr);
	if (COLS < MIN_COLS || LINES < MIN_LINES) {
		draw_too_small();
	} else {
		draw_mem_line(t, 0);
		draw_source_line(t, 1);
		draw_tabs(t, 2);
		if (t->explain && !t->help)
			draw_explain(t, &body);
		if (t->help)
			ms_help_draw(stdscr, body, cur_snap(t), &t->ui,
				     &t->help_scroll);
		else
			view(t)->cls->draw(view(t), stdscr, body);
		if (bpf)
			ms_put(stdscr, LINES - 2, 0, COLS, MS_LEFT, true,
			       ms_attr(MS_C_DIM), cost);
		draw_footer(t, LINES - 1);
	}
	wnoutrefresh(stdscr);
	doupdate();
}
