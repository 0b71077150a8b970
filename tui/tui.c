// SPDX-License-Identifier: GPL-2.0
/*
 * The interactive explorer: terminal set-up, sampling, key and mouse
 * dispatch and the loop. The frame around the view is in frame.c.
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
#include "tui/keys.h"
#include "tui/mouse.h"
#include "tui/replay_ui.h"
#include "tui/state.h"
#include "tui/theme.h"
#include "tui/view.h"
#include "tui/widgets.h"

#define TICK_MS 250 /* longest wait, so signals are seen */

static volatile sig_atomic_t stop_signal;

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

/* ---- Sampling -------------------------------------------------------- */

/*
 * W asked for monitoring that could not start (someone else's kdamond,
 * no DAMON, no root) or has ended (its process exited): off, and why
 */
static void check_damon(struct tui *t)
{
	const struct ms_snapshot *s = &t->snap[t->ci];
	const char *why;
	char e[sizeof(t->flash)];

	if (!t->damon || s->damon.target[0])
		return;
	why = ms_snapshot_why(s, "damon_mon");
	if (!why)
		why = ms_snapshot_why(s, "damon");
	t->damon = false;
	snprintf(t->flash, sizeof(t->flash), "DAMON: %s",
		 why ? ms_esc(e, sizeof(e), why) : "not started");
	t->flash_until = now() + 8;
}

static void sample(struct tui *t)
{
	struct ms_request req;
	struct ms_view *v = view(t);
	int next = t->ci ^ 1;
	const struct ms_snapshot *prev = t->sampled ? &t->snap[t->ci] : NULL;

	ms_frame_request(v, &req);
	if (t->damon) {
		req.sections |= MS_SEC_BIT(MS_SEC_DAMON);
		req.damon = true;
		req.damon_pid = t->damon_pid;
	}
	if (t->last)
		prev = t->last;
	t->sample_err = ms_session_sample(t->s, &req, &t->snap[next], prev);
	t->have_prev = t->sampled;
	t->sampled = true;
	t->ci = next;
	t->last = &t->snap[t->ci];
	ms_view_update(v, &t->snap[t->ci],
		       t->have_prev ? &t->snap[t->ci ^ 1] : NULL);
	t->due = now() + (t->rp.r ? ms_cursor_delay(t->rp.r) : t->interval);
	check_damon(t);
}

/* Recording while paused: a sample for the file, not for the screen. */
static void record_tick(struct tui *t)
{
	struct ms_request req = { .sections = MS_SEC_BIT(MS_SEC_MEMINFO) };
	struct ms_view *v = view(t);
	struct ms_snapshot *s = &t->bg[t->bgi];

	ms_view_request(v, &req);
	t->sample_err = ms_session_sample(t->s, &req, s, t->last);
	t->last = s;
	t->bgi ^= 1;
	t->due = now() + t->interval;
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

/* MS_KEY_GOTO: the tab from->go names, told what to show. */
static void go_to(struct tui *t, const struct ms_view *from)
{
	for (int i = 0; from->go.tab && i < t->nviews; i++) {
		struct ms_view *v = t->views[i];

		if (strcmp(v->cls->id, from->go.tab))
			continue;
		if (v->cls->arrive)
			v->cls->arrive(v, from->go.how);
		if (i == t->cur)
			sample(t);
		else
			switch_view(t, i);
		return;
	}
}

static bool help_key(struct tui *t, int key)
{
	if (key == MS_KEY_ESC || key == 'q' ||
	    ms_key_global(key) == MS_G_HELP || key == KEY_F(10) ||
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

/* Left/Right walk the screen's ids, x and Esc close the panel. */
static bool explain_key(struct tui *t, int key)
{
	if (key == MS_KEY_ESC) {
		toggle_explain(t);
		return true;
	}
	if (key != KEY_LEFT && key != KEY_RIGHT)
		return false;
	ms_tui_explain_ids(t);
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

/* F5: htop's tree; say why there is none rather than do nothing. */
static void no_tree(struct tui *t)
{
	snprintf(t->flash, sizeof(t->flash),
		 "F5: the tree is in the VMA tab's process list");
	t->flash_until = now() + 3;
}

/* I: memscope's own events into the slab and buddy rates, or out. */
static void toggle_self(struct tui *t)
{
	t->s->include_self = !t->s->include_self;
	snprintf(t->flash, sizeof(t->flash), "memscope's own events %s",
		 t->s->include_self ? "counted in the rates (I: leave out)" :
				      "left out of the rates (I: count)");
	t->flash_until = now() + 3;
	sample(t);
}

/*
 * W: memscope's own DAMON monitoring of what the tab offers (the VMA
 * tab's process, the Memory tab's physical memory), or off. The procfs
 * backend makes and removes the kdamond; a sample that could not start
 * it turns it off again and says why (check_damon()).
 */
static void toggle_damon(struct tui *t)
{
	struct ms_view *v = view(t);
	int target = v->cls->damon_target ? v->cls->damon_target(v) : -1;

	if (t->damon) {
		t->damon = false;
		snprintf(t->flash, sizeof(t->flash),
			 "DAMON: monitoring stopped");
	} else if (target < 0) {
		snprintf(t->flash, sizeof(t->flash),
			 "W: DAMON monitors a process (VMA tab) or physical "
			 "memory (Memory tab, map)");
	} else if (t->rp.r) {
		snprintf(t->flash, sizeof(t->flash),
			 "W: no DAMON monitoring in a replay");
	} else {
		t->damon = true;
		t->damon_pid = target;
		if (target)
			snprintf(
				t->flash, sizeof(t->flash),
				"DAMON: monitoring pid %d (Reclaim A shows it)",
				target);
		else
			snprintf(
				t->flash, sizeof(t->flash),
				"DAMON: monitoring physical memory (Reclaim A, "
				"the map's a)");
	}
	t->flash_until = now() + 3;
	sample(t);
}

/* Keys every tab shares (tui/keys.c); false for a key nobody wants. */
static bool global_key(struct tui *t, int key)
{
	if (replay_key(t, key))
		return true;
	if (key >= '1' && key <= '9') {
		switch_view(t, key - '1');
		return true;
	}
	switch (ms_key_global(key)) {
	case MS_G_QUIT:
		t->quit = true;
		break;
	case MS_G_PAUSE:
		t->paused = !t->paused;
		break;
	case MS_G_LONGER:
		set_interval(t, step_interval(t->interval, 1));
		break;
	case MS_G_SHORTER:
		set_interval(t, step_interval(t->interval, -1));
		break;
	case MS_G_HELP:
		open_help(t, false);
		break;
	case MS_G_NOTES:
		open_help(t, true);
		break;
	case MS_G_EXPLAIN:
		toggle_explain(t);
		break;
	case MS_G_REDRAW:
		clearok(curscr, TRUE);
		break;
	case MS_G_THEME:
		cycle_theme(t);
		break;
	case MS_G_NEXT_TAB:
		switch_view(t, (t->cur + 1) % t->nviews);
		break;
	case MS_G_PREV_TAB:
		switch_view(t, (t->cur + t->nviews - 1) % t->nviews);
		break;
	case MS_G_TREE:
		no_tree(t);
		break;
	case MS_G_SELF:
		toggle_self(t);
		break;
	case MS_G_DAMON:
		toggle_damon(t);
		break;
	default:
		return false;
	}
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
		if (ms_key_global(key) == MS_G_QUIT)
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
	r = ms_view_key(v, key);
	if (v->say[0]) {
		snprintf(t->flash, sizeof(t->flash), "%s", v->say);
		t->flash_until = now() + 6;
		v->say[0] = '\0';
	}
	if (r == MS_KEY_RESAMPLE)
		sample(t);
	else if (r == MS_KEY_GOTO)
		go_to(t, v);
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
			handle_key(t,
				   a == MS_MOUSE_WHEEL_UP ? KEY_UP : KEY_DOWN);
		return;
	}
	if (a == MS_MOUSE_NONE)
		return;
	if (ev.y == t->head - 1) {
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
		} else if (t->paused && ms_session_recording(t->s) &&
			   now() >= t->due) {
			record_tick(t);
		}
		if (t->flash_until && now() >= t->flash_until) {
			t->flash_until = 0;
			dirty = true;
		}
		if (dirty)
			ms_tui_draw(t);
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
	SCREEN *scr;

	ms_tui_crash_save(fileno(stdout));
	scr = newterm(NULL, stdout, stdin);
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
	ms_tui_crash_prepare(!t->o->no_mouse);
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
	t->head = HEADER_LINES;
	scr = open_terminal(t);
	if (!scr) {
		fprintf(stderr,
			"memscope: cannot drive terminal type '%s'; "
			"try TERM=xterm or -b for batch output\n",
			getenv("TERM") ? getenv("TERM") : "(unset)");
		destroy_views(t);
		return -ENOTTY;
	}
	loop(t);
	endwin();
	ms_tui_crash_done();
	delscreen(scr);
	destroy_views(t);
	ms_snapshot_free(&t->snap[0]);
	ms_snapshot_free(&t->snap[1]);
	ms_snapshot_free(&t->bg[0]);
	ms_snapshot_free(&t->bg[1]);
	return 0;
}
