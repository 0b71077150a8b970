/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The memory ledger's top-level buckets as coloured segments: the bar in
 * the header of every tab and the Memory tab's stacked history share
 * their kinds, colours and letters.
 */
#ifndef MS_MEMBAR_H
#define MS_MEMBAR_H

#include "model/memory.h"
#include "tui/view.h"

/* The theme element of a bucket's kind (free, page cache, ...). */
enum ms_color ms_membar_color(const char *bucket);
/*
 * What fills a segment of that kind: a blank on its colour, or without
 * colours a letter of its own (".", "=", "#", "+", ":", "?").
 */
char ms_membar_fill(const char *bucket, const struct ms_ui *ui);
/* A short label for the bar: "free", "file", "resv", "unexpl". */
const char *ms_membar_label(const char *bucket);

/*
 * One line at (y, x), width columns: the top-level buckets of l as
 * segments as wide as their share of physical_kb, each labelled where
 * its label fits. Buckets too small for a column go into their
 * neighbour's. Nothing when l is empty.
 */
void ms_membar_draw(WINDOW *w, int y, int x, int width,
		    const struct ms_ledger *l, uint64_t physical_kb,
		    const struct ms_ui *ui);

/*
 * From these rows the header's bar has a line of its own (and a graph
 * panel shows itself); with fewer it goes into the header's first line.
 */
#define MEMBAR_ROWS 32

/*
 * The header's line at y of stdscr, width columns: "RAM 24G" (shortened,
 * then left out, as tui/fit.c lays pieces out) and the bar of the
 * machine's ledger in s in the rest. false (nothing drawn) without the
 * memory section.
 */
bool ms_membar_line(WINDOW *w, int y, int width, const struct ms_snapshot *s,
		    const struct ms_ui *ui);

#endif
