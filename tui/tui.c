// SPDX-License-Identifier: GPL-2.0
/*
 * The interactive explorer: terminal set-up, the sample/draw/key loop,
 * the header, tab bar and footer around the active view.
 */
#define _GNU_SOURCE
#include "tui/tui.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui/events.h"
#include "tui/explain.h"
#include "tui/help.h"
#include "tui/mouse.h"
#include "tui/replay_ui.h"
#include "tui/theme.h"
#include "tui/view.h"
#include "tui/widgets.h"

#define MIN_COLS 80
#define MIN_LINES 24
#define MAX_VIEWS 16
#define HEADER_LINES 3 /* two header lines and the tab bar */
#define TICK_MS 250 /* longest wait, so signals are seen */

static volatile sig_atomic_t stop_signal;

struct tui {
	struct ms_session *s;
	const struct ms_opts *o;
	struct ms_ui ui;
	struct ms_view *views[MAX_VIEWS];
	int nviews, cur;
	struct ms_snapshot snap[2];
	int ci; /* snap[ci] is the current sample */
	bool sampled; /* snap[ci] holds a sample */
	bool have_prev; /* snap[ci ^ 1] holds the one before */
	bool paused, help, quit;
	struct ms_scroll help_scroll;
	double interval, due;
	int sample_err;
	char theme_err[200];
	/* the explain panel (key x): open, and the id it shows */
	bool explain;
	char explain_id[64];
	struct ms_explain_ids eids;
	int eidx;
	char flash[80]; /* a short message in the footer, e.g. "theme: light" */
	double flash_until;
	struct ms_replay_ui rp; /* --replay: its cursor, speed, bookmarks */
	/* --record while paused: samples go on, the screen stays frozen */
	struct ms_snapshot bg[2];
	int bgi;
	const struct ms_snapshot *last; /* the latest sample, for rates */
};

static void on_signal(int sig)
{
	stop_signal = sig;
}

static int catch_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };

	/* no SA_RESTART: getch() returns and the loop sees the flag */
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], &sa, NULL))
			return -errno;
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct ms_view *view(struct tui *t)
{
	return t->views[t->cur];
}

/* ---- Sampling -------------------------------------------------------- */

static void sample(struct tui *t)
{
	struct ms_request req = { .sections = MS_SEC_BIT(MS_SEC_MEMINFO) |
					      MS_SEC_BIT(MS_SEC_RECLAIM) };
	struct ms_view *v = view(t);
	int next = t->ci ^ 1;
	const struct ms_snapshot *prev = t->sampled ? &t->snap[t->ci] : NULL;

	if (v->cls->request)
		v->cls->request(v, &req);
	if (t->last)
		prev = t->last;
	t->sample_err = ms_session_sample(t->s, &req, &t->snap[next], prev);
	t->have_prev = t->sampled;
	t->sampled = true;
	t->ci = next;
	t->last = &t->snap[t->ci];
	if (v->cls->update)
		v->cls->update(v, &t->snap[t->ci],
			       t->have_prev ? &t->snap[t->ci ^ 1] : NULL);
	t->due = now() + (t->rp.r ? ms_cursor_delay(t->rp.r) : t->interval);
}

/* Recording while paused: a sample for the file, not for the screen. */
static void record_tick(struct tui *t)
{
	struct ms_request req = { .sections = MS_SEC_BIT(MS_SEC_MEMINFO) };
	struct ms_view *v = view(t);
	struct ms_snapshot *s = &t->bg[t->bgi];

	if (v->cls->request)
		v->cls->request(v, &req);
	t->sample_err = ms_session_sample(t->s, &req, s, t->last);
	t->last = s;
	t->bgi ^= 1;
	t->due = now() + t->interval;
}

/* Snapshot of the moment (the frozen one while paused). */
static const struct ms_snapshot *cur_snap(struct tui *t)
{
	return &t->snap[t->ci];
}

/* ---- Header, tabs, footer -------------------------------------------- */

static const char *meminfo(char *buf, size_t len, const struct ms_snapshot *s,
			   const char *name)
{
	return ms_fmt_kb(buf, len, ms_kv_get(&s->meminfo, name));
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
			off += (size_t)snprintf(line + off, sizeof(line) - off,
						"%s; ",
						ms_esc(esc, sizeof(esc),
						       ms_cursor_end_note(
							       t->rp.r)));
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
		ms_put(stdscr, y, 0, COLS, MS_LEFT, true,
		       ms_attr(MS_C_FOOTER), line);
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
static void explain_ids(struct tui *t)
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

	explain_ids(t);
	h = ms_explain_height(&t->eids, t->eidx, body->w);
	if (h > body->h / 2)
		h = body->h / 2;
	body->h -= h;
	ms_explain_draw(stdscr,
			(struct ms_rect){ body->y + body->h, body->x, h,
					  body->w },
			&t->eids, t->eidx, &t->ui);
}

static void draw(struct tui *t)
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

/* ---- Keys ------------------------------------------------------------ */

/* The next refresh interval up (dir 1) or down (-1) a 1-2-5 ladder. */
static double step_interval(double cur, int dir)
{
	static const double ladder[] = {
		0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 30, 60
	};
	int n = (int)(sizeof(ladder) / sizeof(ladder[0]));

	if (dir > 0) {
		for (int i = 0; i < n; i++)
			if (ladder[i] > cur + 1e-9)
				return ladder[i];
		return ladder[n - 1];
	}
	for (int i = n - 1; i >= 0; i--)
		if (ladder[i] < cur - 1e-9)
			return ladder[i];
	return ladder[0];
}

static void switch_view(struct tui *t, int i)
{
	if (i < 0 || i >= t->nviews || i == t->cur)
		return;
	t->cur = i;
	sample(t); /* the new tab asks for other sections */
}

static bool help_key(struct tui *t, int key)
{
	if (key == MS_KEY_ESC || key == 'q' || key == '?' || key == 'h' ||
	    ms_key_is_back(key)) {
		t->help = false;
		return true;
	}
	return ms_scroll_key(&t->help_scroll, key);
}

static void toggle_explain(struct tui *t)
{
	t->explain = !t->explain;
	t->explain_id[0] = '\0'; /* opened at the cursor */
	if (!t->explain)
		t->ui.explain_id = NULL;
}

/* Left/Right walk the page's ids, x and Esc close the panel. */
static bool explain_key(struct tui *t, int key)
{
	if (key == MS_KEY_ESC) {
		toggle_explain(t);
		return true;
	}
	if (key != KEY_LEFT && key != KEY_RIGHT)
		return false;
	explain_ids(t);
	if (t->eids.n) {
		t->eidx = (t->eidx + (key == KEY_RIGHT ? 1 : -1) + t->eids.n) %
			  t->eids.n;
		snprintf(t->explain_id, sizeof(t->explain_id), "%s",
			 t->eids.id[t->eidx]);
	}
	return true;
}

static void open_help(struct tui *t, bool notes)
{
	t->help = true;
	t->help_scroll.top = notes ? ms_help_notes_line() : 0;
}

static void set_interval(struct tui *t, double v)
{
	t->interval = v;
	t->ui.interval = v;
	t->due = now() + v;
}

/* T: the next installed theme, named in the footer for a few seconds. */
static void cycle_theme(struct tui *t)
{
	char next[MS_THEME_NAME];

	if (ms_theme_next(ms_theme_name(), next, sizeof(next))) {
		snprintf(t->flash, sizeof(t->flash), "no themes installed");
	} else {
		ms_theme_load(next, t->theme_err, sizeof(t->theme_err));
		ms_theme_apply(t->ui.color);
		snprintf(t->flash, sizeof(t->flash), "theme: %s%s  (T next)",
			 ms_theme_name(), t->ui.color ? "" : ", no colours");
	}
	t->flash_until = now() + 3;
}

/* --replay: step, speed, seek, bookmarks (+/- are speed, not interval). */
static bool replay_key(struct tui *t, int key)
{
	bool moved, pause;

	if (!t->rp.r || !ms_replay_ui_key(&t->rp, key, &moved, &pause))
		return false;
	if (t->rp.msg[0]) { /* a seek that could not be done: the footer */
		snprintf(t->flash, sizeof(t->flash), "%s", t->rp.msg);
		t->flash_until = now() + 3;
		t->rp.msg[0] = '\0';
	}
	if (pause)
		t->paused = true;
	if (moved)
		sample(t);
	else if (!t->paused)
		t->due = now() + ms_cursor_delay(t->rp.r);
	return true;
}

/* Keys every tab shares; returns false for a key nobody wants. */
static bool global_key(struct tui *t, int key)
{
	if (replay_key(t, key))
		return true;
	if (key >= '1' && key <= '9')
		switch_view(t, key - '1');
	else if (key >= KEY_F(1) && key <= KEY_F(9))
		switch_view(t, key - KEY_F(1));
	else if (key == '\t')
		switch_view(t, (t->cur + 1) % t->nviews);
	else if (key == KEY_BTAB)
		switch_view(t, (t->cur + t->nviews - 1) % t->nviews);
	else if (key == 'q' || key == 'Q')
		t->quit = true;
	else if (key == 'p' || key == 'P')
		t->paused = !t->paused;
	else if (key == '+' || key == '=')
		set_interval(t, step_interval(t->interval, 1));
	else if (key == '-' || key == '_')
		set_interval(t, step_interval(t->interval, -1));
	else if (key == '?' || key == 'h')
		open_help(t, false);
	else if (key == 'n')
		open_help(t, true);
	else if (key == 'x' || key == 'X')
		toggle_explain(t);
	else if (key == 12) /* Ctrl-L */
		clearok(curscr, TRUE);
	else if (key == 'T')
		cycle_theme(t);
	else
		return false;
	return true;
}

static void handle_mouse(struct tui *t);

static void handle_key(struct tui *t, int key)
{
	struct ms_view *v = view(t);
	enum ms_key_result r = MS_KEY_PASS;

	if (key == KEY_RESIZE)
		return; /* ncurses has the new size: just redraw */
	if (key == KEY_MOUSE)
		return handle_mouse(t);
	if (COLS < MIN_COLS || LINES < MIN_LINES) {
		if (key == 'q' || key == 'Q')
			t->quit = true;
		return;
	}
	if (t->help) {
		help_key(t, key);
		return;
	}
	if (t->rp.prompt) {
		replay_key(t, key);
		return;
	}
	if (t->explain && explain_key(t, key))
		return;
	if (v->cls->on_key)
		r = v->cls->on_key(v, key);
	if (r == MS_KEY_RESAMPLE)
		sample(t);
	else if (r == MS_KEY_PASS)
		global_key(t, key);
}

/*
 * A click on a tab switches to it; on a table row selects it, a double
 * click opens it (Enter); the wheel is Up/Down, three times a notch.
 */
static void handle_mouse(struct tui *t)
{
	struct ms_table *tb;
	enum ms_mouse_act a;
	MEVENT ev;

	if (getmouse(&ev) != OK || COLS < MIN_COLS || LINES < MIN_LINES)
		return;
	a = ms_mouse_act(ev.bstate);
	if (a == MS_MOUSE_WHEEL_UP || a == MS_MOUSE_WHEEL_DOWN) {
		for (int i = 0; i < MS_WHEEL_LINES; i++)
			handle_key(t, a == MS_MOUSE_WHEEL_UP ? KEY_UP :
							       KEY_DOWN);
		return;
	}
	if (a == MS_MOUSE_NONE)
		return;
	if (ev.y == HEADER_LINES - 1) {
		int i = ms_tab_at(t->views, t->nviews, ev.x);

		if (i >= 0) {
			t->help = false;
			switch_view(t, i);
		}
		return;
	}
	tb = t->help ? NULL : ms_table_at(ev.y, ev.x);
	if (tb && ms_table_click(tb, ev.y) && a == MS_MOUSE_DOUBLE)
		handle_key(t, MS_KEY_ENTER);
}

/* ---- Set-up and the loop --------------------------------------------- */

static int initial_view(const struct ms_opts *o)
{
	if (!o->tab)
		return 0;
	for (int i = 0; ms_views[i] && i < MAX_VIEWS; i++)
		if (!strcmp(ms_views[i]->id, o->tab))
			return i;
	return 0;
}

static int create_views(struct tui *t)
{
	for (int i = 0; ms_views[i] && i < MAX_VIEWS; i++) {
		t->views[i] = ms_views[i]->create(&t->ui);
		if (!t->views[i])
			return -ENOMEM;
		t->nviews++;
	}
	return t->nviews ? 0 : -ENOENT;
}

static void destroy_views(struct tui *t)
{
	for (int i = 0; i < t->nviews; i++)
		t->views[i]->cls->destroy(t->views[i]);
	t->nviews = 0;
}

static bool utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (!strcasecmp(cs, "UTF-8") || !strcasecmp(cs, "utf8"));
}

/* Wait for a key at most until the next sample is due. */
static int wait_key(struct tui *t)
{
	int ms = TICK_MS;

	if (!t->paused || ms_session_recording(t->s)) {
		double left = t->due - now();

		ms = left <= 0 ? 0 : (int)ceil(left * 1000);
		if (ms > TICK_MS)
			ms = TICK_MS;
	}
	timeout(ms);
	return getch();
}

static void loop(struct tui *t)
{
	bool dirty = true;

	sample(t);
	while (!t->quit && !stop_signal) {
		int key;

		if (!t->paused && now() >= t->due) {
			/* a replay stops at its last sample, paused */
			if (t->rp.r && !ms_cursor_step(t->rp.r, 1))
				t->paused = true;
			else
				sample(t);
			dirty = true;
		} else if (t->paused && ms_session_recording(t->s) && now() >= t->due) {
			record_tick(t);
		}
		if (t->flash_until && now() >= t->flash_until) {
			t->flash_until = 0;
			dirty = true;
		}
		if (dirty)
			draw(t);
		key = wait_key(t);
		dirty = key != ERR;
		if (key != ERR)
			handle_key(t, key);
	}
}

/* https://no-color.org: NO_COLOR set to anything but "" turns colours off. */
static bool no_color_env(void)
{
	const char *v = getenv("NO_COLOR");

	return v && *v;
}

static SCREEN *open_terminal(struct tui *t)
{
	SCREEN *scr = newterm(NULL, stdout, stdin);

	if (!scr)
		return NULL;
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	/* Shift+drag still selects text in xterm and most terminals */
	if (!t->o->no_mouse)
		mousemask(MS_MOUSE_MASK, NULL);
	t->ui.color = has_colors() && !t->o->no_color && !no_color_env();
	ms_theme_apply(t->ui.color);
	return scr;
}

/* -d as far as +/- can go: 0.1 s .. 60 s. */
static double clamp_interval(double v)
{
	if (isnan(v))
		return 1.0;
	return v < 0.1 ? 0.1 : v > 60 ? 60 : v;
}

int ms_tui_run(struct ms_session *s, const struct ms_opts *o)
{
	static struct tui tui; /* big (two snapshots): not on the stack */
	struct tui *t = &tui;
	SCREEN *scr;
	int err;

	memset(t, 0, sizeof(*t));
	t->s = s;
	t->o = o;
	setlocale(LC_ALL, "");
	ms_explain_init();
	t->ui.opts = o;
	t->ui.utf8 = utf8_locale() && !o->ascii;
	t->interval = clamp_interval(o->interval);
	t->ui.interval = t->interval;
	ms_theme_load(o->theme, t->theme_err, sizeof(t->theme_err));
	if (!o->theme && t->theme_err[0])
		t->theme_err[0] = '\0'; /* built-in colours are the default */
	ms_snapshot_init(&t->snap[0]);
	ms_snapshot_init(&t->snap[1]);
	ms_snapshot_init(&t->bg[0]);
	ms_snapshot_init(&t->bg[1]);
	ms_replay_ui_init(&t->rp, ms_session_cursor(s));
	t->ui.replay_marks = t->rp.r ? t->rp.marks : NULL;
	t->ui.replay_about = t->rp.r ? t->rp.about : NULL;
	err = create_views(t);
	if (!err)
		err = catch_signals();
	if (err) {
		destroy_views(t);
		return err;
	}
	t->cur = initial_view(o);
	scr = open_terminal(t);
	if (!scr) {
		fprintf(stderr, "memscope: cannot drive terminal type '%s'; "
				"try TERM=xterm or -b for batch output\n",
			getenv("TERM") ? getenv("TERM") : "(unset)");
		destroy_views(t);
		return -ENOTTY;
	}
	loop(t);
	endwin();
	delscreen(scr);
	destroy_views(t);
	ms_snapshot_free(&t->snap[0]);
	ms_snapshot_free(&t->snap[1]);
	ms_snapshot_free(&t->bg[0]);
	ms_snapshot_free(&t->bg[1]);
	return 0;
}
