// SPDX-License-Identifier: GPL-2.0
/*
 * Replay controls of the explorer: `.` `,` step, `+` `-` speed, `g` seek,
 * `m` `'` `"` bookmarks; the cursor is the session's (probes/cursor.h).
 */
#include "tui/replay_ui.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui/view.h"

/* "bookmarks: 3 (0:12), 17 (1:30)": the help screen's list. */
static void list_marks(struct ms_replay_ui *u)
{
	const int *m;
	int n, off = 0;
	double t0 = ms_cursor_time(u->r, 0);

	m = ms_cursor_marks(u->r, &n);
	off = snprintf(u->marks, sizeof(u->marks), "bookmarks: ");
	for (int i = 0; i < n && off < (int)sizeof(u->marks); i++) {
		int s = (int)(ms_cursor_time(u->r, m[i]) - t0);

		off += snprintf(u->marks + off, sizeof(u->marks) - (size_t)off,
				"%s%d (%d:%02d)", i ? ", " : "", m[i] + 1,
				s / 60, s % 60);
	}
	if (!n)
		snprintf(u->marks, sizeof(u->marks),
			 "bookmarks: none yet (m sets one)");
	else if (ms_cursor_marks_error(u->r) && off < (int)sizeof(u->marks))
		snprintf(u->marks + off, sizeof(u->marks) - (size_t)off,
			 "; not saved: %s", ms_cursor_marks_error(u->r));
}

/* "recording: 40 samples from 21:47:10, every 0.1 s, memscope 0.1.0". */
static void about(struct ms_replay_ui *u)
{
	time_t t = (time_t)ms_cursor_time(u->r, 0);
	char when[32] = "?", every[32] = "";
	struct tm tm;

	if (localtime_r(&t, &tm))
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	if (ms_cursor_interval(u->r) > 0)
		snprintf(every, sizeof(every), ", every %g s",
			 ms_cursor_interval(u->r));
	snprintf(
		u->about, sizeof(u->about),
		"recording: %d samples from %s%s, kernel %.40s, memscope %.20s",
		ms_cursor_count(u->r), when, every,
		ms_cursor_kernel(u->r)[0] ? ms_cursor_kernel(u->r) : "?",
		ms_cursor_version(u->r)[0] ? ms_cursor_version(u->r) : "?");
}

void ms_replay_ui_init(struct ms_replay_ui *u, struct ms_cursor *r)
{
	memset(u, 0, sizeof(*u));
	u->r = r;
	if (r) {
		list_marks(u);
		about(u);
	}
}

/*
 * "17": sample 17; "1:30", "1:02:03", "90s": that far into the recording;
 * "@1796555264", "-2h", "2026-12-06 03:00": the first sample from then on.
 * Returns the sample index, or -1.
 */
static int parse_seek(const struct ms_cursor *r, const char *s)
{
	unsigned int a, b, c;
	char end;
	double off, t;

	/* a moment, as --at takes it: @EPOCH, -2h, 2026-12-06 03:00 */
	if (strpbrk(s, "@-") && !ms_session_when(s, &t)) {
		int i = ms_cursor_at_time(r, t);

		return i < ms_cursor_count(r) ? i : -1;
	}
	if (sscanf(s, "%u:%u:%u%c", &a, &b, &c, &end) == 3)
		off = a * 3600.0 + b * 60.0 + c;
	else if (sscanf(s, "%u:%u%c", &a, &b, &end) == 2)
		off = a * 60.0 + b;
	else if (sscanf(s, "%us%c", &a, &end) == 1 && strchr(s, 's'))
		off = a;
	else if (sscanf(s, "%u%c", &a, &end) == 1 && a >= 1 &&
		 (int)a <= ms_cursor_count(r))
		return (int)a - 1;
	else
		return -1;
	return ms_cursor_at_offset(r, off);
}

static bool prompt_key(struct ms_replay_ui *u, int key, bool *moved)
{
	size_t n = strlen(u->input);
	int i;

	if (ms_key_is_enter(key)) {
		u->prompt = false;
		i = parse_seek(u->r, u->input);
		if (i < 0) {
			snprintf(u->msg, sizeof(u->msg),
				 "g: 1..%d, 1:30, 90s, @EPOCH, -2h or "
				 "2026-12-06 03:00",
				 ms_cursor_count(u->r));
			return true;
		}
		ms_cursor_seek(u->r, i);
		*moved = true;
	} else if (key == MS_KEY_ESC) {
		u->prompt = false;
	} else if (key == KEY_BACKSPACE || key == 127 || key == 8) {
		if (n)
			u->input[n - 1] = '\0';
	} else if (key > 0 && key < 128 &&
		   ((key >= '0' && key <= '9') || strchr(":s@- .hmdw", key)) &&
		   n + 1 < sizeof(u->input)) {
		u->input[n] = (char)key;
		u->input[n + 1] = '\0';
	}
	return true;
}

static void jump(struct ms_replay_ui *u, int i, bool *moved)
{
	if (i < 0) {
		snprintf(u->msg, sizeof(u->msg), "no bookmark that way");
		return;
	}
	ms_cursor_seek(u->r, i);
	*moved = true;
}

bool ms_replay_ui_key(struct ms_replay_ui *u, int key, bool *moved, bool *pause)
{
	int pos;

	*moved = *pause = false;
	if (!u->r)
		return false;
	if (u->prompt)
		return prompt_key(u, key, moved);
	u->msg[0] = '\0';
	pos = ms_cursor_pos(u->r);
	switch (key) {
	case '.':
	case ',':
		*pause = true; /* stepping is for a frozen screen */
		*moved = ms_cursor_step(u->r, key == '.' ? 1 : -1);
		return true;
	case '+':
	case '=':
		ms_cursor_speed_step(u->r, 1);
		return true;
	case '-':
	case '_':
		ms_cursor_speed_step(u->r, -1);
		return true;
	case 'g':
		u->prompt = true;
		u->input[0] = '\0';
		return true;
	case 'm':
		ms_cursor_mark(u->r, pos);
		list_marks(u);
		return true;
	case '\'':
		jump(u, ms_cursor_next_mark(u->r, pos, 1), moved);
		return true;
	case '"':
		jump(u, ms_cursor_next_mark(u->r, pos, -1), moved);
		return true;
	}
	return false;
}

void ms_replay_ui_status(const struct ms_replay_ui *u, char *buf, size_t len)
{
	int pos = ms_cursor_pos(u->r), n = ms_cursor_count(u->r);
	time_t t = (time_t)ms_cursor_time(u->r, pos);
	struct tm tm;
	char when[16] = "?", speed[16];
	double x = ms_cursor_speed(u->r);

	if (localtime_r(&t, &tm))
		strftime(when, sizeof(when), "%H:%M:%S", &tm);
	if (x < 1)
		snprintf(speed, sizeof(speed), "x%.2g", x);
	else
		snprintf(speed, sizeof(speed), "x%g", x);
	snprintf(buf, len, "REPLAY %s %d/%d %s%s%s", when, pos + 1, n, speed,
		 ms_cursor_marked(u->r, pos) ? " M" : "",
		 pos + 1 == n ? " END" : "");
}

void ms_replay_ui_prompt(const struct ms_replay_ui *u, char *buf, size_t len)
{
	snprintf(buf, len,
		 " seek to sample (1..%d), time (1:30, 90s) or moment (@EPOCH, "
		 "-2h, 2026-12-06 03:00): %s_   Enter go  Esc cancel",
		 ms_cursor_count(u->r), u->input);
}
