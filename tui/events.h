/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the tabs' live event sections (probes/bpf, probes/taskstats) share
 * (tui/tabs/TAB/events.c draw them), and the footer line with memscope's
 * own BPF cost.
 */
#ifndef MS_EVENTS_H
#define MS_EVENTS_H

#include "tui/widgets.h"

/* A rate of events: "1.2K", "12", "0.5"; "-" for NAN. */
const char *ms_fmt_events(char *buf, size_t len, double per_s, int width);
/* The same after a mark ("~" derived, "?" untrusted; "" none). */
const char *ms_fmt_marked(char *buf, size_t len, const char *mark, double per_s,
			  int width);

/* "Reclaim events (bpf)": a title naming the backend that fed sec. */
const char *ms_live_title(char *buf, size_t len, const char *what,
			  const struct ms_snapshot *s, enum ms_section sec);
/*
 * Why a section, or a part of it fed by program prog (NULL: the whole
 * section), is missing: the note's text, escaped, or NULL.
 */
const char *ms_live_why(char *buf, size_t len, const struct ms_snapshot *s,
			enum ms_section sec, const char *prog);

/* The section sec is in the snapshot. */
static inline bool ms_have_sec(const struct ms_snapshot *s, enum ms_section sec)
{
	return s && (s->have & MS_SEC_BIT(sec));
}

/*
 * " bpf: buddy slab live, own activity excluded (I); its programs: ..."
 * or NULL when none is; a replayed sample's groups are "recorded" (no key
 * changes what a recording counted).
 */
const char *ms_bpf_cost_line(char *buf, size_t len, const struct ms_snapshot *s,
			     bool replay);

#endif
