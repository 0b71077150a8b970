// SPDX-License-Identifier: GPL-2.0
/*
 * What every tab's live event sections share: rates as text, a section's
 * title and why it or a part of it is missing, and the footer line with
 * what the BPF programs themselves cost.
 */
#include "tui/events.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *ms_fmt_events(char *buf, size_t len, double v, int width)
{
	if (isnan(v))
		snprintf(buf, len, "-");
	else if (v > 0 && v < 10 && v != floor(v))
		snprintf(buf, len, "%.1f", v);
	else
		ms_fmt_count(buf, len, (uint64_t)llround(v), width);
	return buf;
}

const char *ms_fmt_marked(char *buf, size_t len, const char *mark, double v,
			  int width)
{
	size_t m = strlen(mark);

	if (isnan(v) || !m || len <= m)
		return ms_fmt_events(buf, len, v, width);
	memcpy(buf, mark, m);
	ms_fmt_events(buf + m, len - m, v, width - (int)m);
	return buf;
}

const char *ms_live_title(char *buf, size_t len, const char *what,
			  const struct ms_snapshot *s, enum ms_section sec)
{
	const char *src = s->source[sec];

	snprintf(buf, len, "%s (%s)", what, src ? src : "unavailable");
	return buf;
}

const char *ms_live_why(char *buf, size_t len, const struct ms_snapshot *s,
			enum ms_section sec, const char *prog)
{
	const struct ms_note *no = prog ? ms_note_of_bpf(s, prog) : NULL;
	const char *why = prog ? (no ? no->why : NULL) :
				 ms_note_why(s, ms_section_name(sec));
	char esc[200];

	if (!why)
		return NULL;
	snprintf(buf, len, "%s", ms_esc(esc, sizeof(esc), why));
	return buf;
}

/* ---- Footer ------------------------------------------------------------ */

const char *ms_bpf_cost_line(char *buf, size_t len, const struct ms_snapshot *s,
			     bool replay)
{
	const struct ms_bpf_info *b = &s->bpf;
	char ev[24];
	size_t off;

	if (!b->open || !b->nr_groups)
		return NULL;
	off = (size_t)snprintf(buf, len, " bpf:");
	for (int i = 0; i < b->nr_groups && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, " %s",
					b->groups[i]);
	if (off < len)
		off += (size_t)snprintf(buf + off, len - off, " %s%s;",
					replay ? "recorded" : "live",
					!b->own_excluded ? "" :
					replay ? ", own activity excluded" :
						 ", own activity excluded (I)");
	if (off >= len)
		return buf;
	if (!b->stats)
		snprintf(buf + off, len - off,
			 " run time unknown (no BPF statistics)");
	else if (isnan(b->ns_rate))
		snprintf(buf + off, len - off, " cost from the next sample");
	else
		snprintf(buf + off, len - off,
			 " its programs: %s runs/s, %.2f ms/s CPU "
			 "(%.3f%%)",
			 ms_fmt_events(ev, sizeof(ev), b->cnt_rate, 6),
			 b->ns_rate / 1e6, b->ns_rate / 1e7);
	return buf;
}
