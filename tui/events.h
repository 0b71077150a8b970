/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Drawing the live event sections (probes/bpf) for the Buddy and Slab
 * tabs, and the footer line with memscope's own BPF cost.
 */
#ifndef MS_EVENTS_H
#define MS_EVENTS_H

#include "tui/widgets.h"

/* A rate of events: "1.2K", "12", "0.5"; "-" for NAN. */
const char *ms_fmt_events(char *buf, size_t len, double per_s, int width);

/* Buddy: rows the events panel takes (0 without the section). */
int ms_buddy_events_lines(const struct ms_snapshot *s);
/* The panel under the zones: per order allocs, frees, failures/s. */
void ms_buddy_events_panel(WINDOW *w, struct ms_rect r,
			   const struct ms_snapshot *s, const struct ms_ui *ui);
/* The zone page's section: allocations by migrate type and order. */
void ms_buddy_events_page(struct ms_page *l, const struct ms_snapshot *s,
			  const struct ms_ui *ui);

/* The cache page's section: its rates and its top call sites. */
void ms_slab_events_page(struct ms_page *l, const struct ms_snapshot *s,
			 const char *cache, const struct ms_ui *ui);

/* " bpf: buddy slab live; its programs: ..." or NULL when none is. */
const char *ms_bpf_cost_line(char *buf, size_t len,
			     const struct ms_snapshot *s);

#endif
