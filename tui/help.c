// SPDX-License-Identifier: GPL-2.0
/* The help screen: every key (docs/keys.md says the same), sources, notes. */
#include "tui/help.h"

#include "tui/cut.h"
#include "tui/graph.h"

#include <stdio.h>
#include <string.h>

struct key_help {
	const char *keys; /* NULL: a heading */
	const char *what;
};

/* The `what`s that stand for ui->replay_about and ui->replay_marks. */
static const char about_here[] = "", marks_here[] = "";

static const struct key_help keys[] = {
	{ NULL, "Everywhere" },
	{ "1 .. 9", "switch to tab N" },
	{ "Tab, Shift-Tab", "next, previous tab" },
	{ "F1, ?, h", "this help; Esc, q, F1, ? or h closes it" },
	{ "F3, F4, F6", "in a list: search, filter, sort menu (Tables)" },
	{ "F5", "VMA processes as a tree (each under its parent);" },
	{ "", "again: flat" },
	{ "F10, q", "quit (the terminal is restored)" },
	{ "p", "pause: freeze the sample (the header says PAUSED)" },
	{ "", "a tab switch or a drill-down still takes one sample" },
	{ "+, -", "refresh interval longer, shorter (0.1 s .. 60 s)" },
	{ "n", "this help, at the sources and notes" },
	{ "x", "explain the column or field under the cursor:" },
	{ "", "meaning, source, formula, healthy values; Left/Right" },
	{ "", "walk every column and field on screen; x or Esc" },
	{ "", "closes it" },
	{ "I", "memscope's own slab and page events (its /proc" },
	{ "", "reads) into the BPF rates, or out (the default:" },
	{ "", "the bpf line says \"own activity excluded\")" },
	{ "W", "DAMON: monitor the VMA tab's process, or" },
	{ "", "physical memory (Memory tab, Buddy's map), or" },
	{ "", "stop (root; the header says DAMON while on;" },
	{ "", "Reclaim A shows it, the map's a colours by it)" },
	{ "Ctrl-L", "redraw the screen" },
	{ "T", "next theme (default, light, mono, projector ...)" },
	{ NULL, "Mouse (--no-mouse: off; Shift+drag selects text)" },
	{ "click", "a tab: switch to it; a table row: select it" },
	{ "double-click", "a table row: open it (Enter)" },
	{ "wheel", "Up/Down three times a notch" },
	{ NULL, "Tables" },
	{ "Up, Down", "move the selection" },
	{ "PgUp, PgDn", "a page up, down" },
	{ "Home, End", "first, last row" },
	{ "s, >", "sort by the next column (the header marks it)" },
	{ "<", "sort by the previous column" },
	{ "r", "reverse the sort order (a new order keeps the" },
	{ "", "selected row on screen, the top rows too if it fits)" },
	{ "Left, Right", "a table wider than the screen: shift the columns" },
	{ "", "after the name (the title line marks more with < >)" },
	{ "/, F4", "filter the name column as you type;" },
	{ "", "Enter keeps the filter, Esc clears it" },
	{ "F3", "search the name column: the selection jumps to the" },
	{ "", "next match as you type, F3 to the one after; rows" },
	{ "", "stay; Enter or Esc ends the search" },
	{ "F6", "sort menu: Up/Down a column, Enter sorts by it," },
	{ "", "Esc cancels; it shows each column's direct key" },
	{ NULL, "Direct sort keys (numbers largest first; F6 shows them)" },
	{ "N, a, o, u (Slab)", "name, active objects, objects, use" },
	{ "S, l, c (Slab)", "object size, slabs, cache size" },
	{ "B, P, v (Slab)", "objs/slab, pages/slab, active slabs: slabtop's" },
	{ "", "keys, capitals where memscope binds the small one" },
	{ "N, u, M, P (VMA)", "processes: pid, user, RSS, PSS," },
	{ "w, v, c (VMA)", "swap, VMAs, command" },
	{ "a, z, M, P, w, c (VMA)",
	  "mappings: address, size, Rss, Pss, swap, path" },
	{ "N, z, f, u, M (Buddy)",
	  "zones: node, zone, free pages, Unus9%, managed" },
	{ "c, o, R (Reclaim)", "vmstat counters: counter, total, per second" },
	{ "N, M, d (Memory)",
	  "buckets: name, size, growth (under the parent)" },
	{ "N, M, l, e (Cgroups)", "name, usage, limit, headroom," },
	{ "d, P, o (Cgroups)", "growth, PSI, OOM kills" },
	{ "Esc", "clear the filter" },
	{ NULL, "Drill-downs" },
	{ "Enter", "open the selected row (zone, cache, process, VMA)," },
	{ "", "or NUMA node (Up/Down choose it): zones, numastat," },
	{ "", "distances, events, meminfo of that node;" },
	{ "", "on a bucket (Memory): Slab by size, processes by" },
	{ "", "RSS, hugetlb pools, page cache files, call sites" },
	{ "", "and the census (unexplained);" },
	{ "", "on a cgroup (Cgroups): limits, pressure, pids," },
	{ "", "events, events.local, memory.stat with rates" },
	{ "Esc, Backspace", "back one level" },
	{ NULL, "Tab keys" },
	{ "m (Buddy)", "the zone's physical memory map (root): a cell per" },
	{ "", "pageblock, letter and colour by kind; the cursor's" },
	{ "", "pages, free blocks, what pins it; arrows move, i/o" },
	{ "", "zoom in/out (i at one block a cell: its pages)," },
	{ "", "f fit, ]/[ next/previous zone, l legend," },
	{ "", "t migrate types (memscope.ko): P polluted," },
	{ "", "a by access: DAMON's paddr regions (W), cold ." },
	{ "", ": + # hot, _ not monitored; a again: the kinds" },
	{ "k (VMA)", "show or hide kernel threads" },
	{ "l (VMA)", "command lines instead of process names" },
	{ "f (VMA)", "fault columns (bpf) instead of memory columns" },
	{ "f (VMA list)", "memory by folio size (pagemap, kpageflags; root)" },
	{ "Enter, / (Reclaim)", "every vmstat counter, filterable" },
	{ "e (Reclaim)", "reclaim events (bpf): stall histogram, timeline," },
	{ "", "stalling processes, kswapd, shrinkers, OOM kills" },
	{ "d (Reclaim)", "stall delays per process (taskstats)" },
	{ "D (Reclaim)", "delay accounting on/off (kernel.task_delayacct;" },
	{ "", "memscope puts it back when it quits)" },
	{ "+, -, * (Memory)",
	  "unfold, fold the bucket (- on a leaf: its parent)," },
	{ "", "unfold all or fold all; Enter folds or unfolds" },
	{ "], [ (Memory)", "next, previous node's ledger (the machine's too)" },
	{ "+, -, * (Cgroups)", "unfold, fold the cgroup; unfold or fold all" },
	{ NULL, "History graphs" },
	{ "H", "graph panel on/off (Buddy, Slab and their pages," },
	{ "", "VMA processes and mappings, Reclaim overview, NUMA," },
	{ "", "Memory);" },
	{ "", "on by itself from 32 rows" },
	{ "", "Buddy: unusable index, free blocks per order" },
	{ "", "Slab: size, growth; VMA: faults/s of the selection" },
	{ "", "Reclaim: PSI some/full, pgscan, pgsteal per second" },
	{ "", "NUMA: numa_miss, numa_foreign per second per node" },
	{ "", "Memory: the ledger's top-level buckets, stacked" },
	{ "", "blank: no sample (tab not shown, paused, unknown)" },
	{ "", NULL }, /* the memory bound, from tui/graph.c */
	{ NULL, "With memscope.ko (kmod/README.md, docs/kmod.md)" },
	{ "a (Buddy)", "allocation probe: orders 0..max on the zone's node;" },
	{ "", "a/Enter again, +/- attempts per order, Esc back" },
	{ "b (Slab)", "benchmark: kmem_cache against kmalloc;" },
	{ "", "b/Enter run, +/- object size, [/] count, Esc back" },
	{ "t (VMA)", "the process's maple tree, level by level; from" },
	{ "", "the VMA list it marks the selected VMA's slot;" },
	{ "", "v slots, ]/[ next/previous node, r read again" },
	{ "", "without the module each says how to load it, or that" },
	{ "", "this kernel cannot (no /proc/modules: the lab VM can)" },
	{ NULL, "Replay (--replay FILE; docs/recording.md)" },
	{ "p", "pause, play; the header: REPLAY, the recorded time," },
	{ "", "sample N/total, the speed, M on a bookmark, END" },
	{ ".", "step: the next sample (pauses)" },
	{ ",", "step back a sample (pauses); rates as recorded" },
	{ "+, -", "play faster, slower: x0.25 .. x16 of the recorded" },
	{ "", "pace" },
	{ "g", "seek: a sample number, a time into the recording" },
	{ "", "(1:30, 1:02:03, 90s) or a moment (@EPOCH, -2h," },
	{ "", "2026-12-06 03:00); Enter goes, Esc cancels" },
	{ "m", "set or clear a bookmark at this sample (FILE.marks)" },
	{ "' (quote)", "the next bookmark" },
	{ "\" (double quote)", "the previous bookmark" },
	{ "", about_here },
	{ "", marks_here },
	{ NULL, "Buddy columns" },
	{ "Wmark", "OK free > high; HIGH <= high; LOW <= low (kswapd);" },
	{ "", "MIN <= min (allocations reclaim directly)" },
	{ "FreePg, Free", "free pages (sum of blocks << order), as memory" },
	{ "Lrg", "largest order with a free block" },
	{ "Unus9%", "unusable free space index at the pageblock order" },
	{ "", "(9 on x86-64; 0 healthy, as kcompactd scores it)" },
	{ "Orders", "free blocks per order 0.., log scale" },
	{ "Unusable, Extfrag", "mm/vmstat.c indices per order (drill-down)" },
	{ "allocs, frees", "page allocations, frees per second per order," },
	{ "", "all zones (bpf; per migrate type in the drill-down)" },
	{ "failed", "allocations that found no page, per second" },
	{ "fallbacks/s", "wanted -> taken migrate type (extfrag events)" },
	{ NULL, "Slab columns" },
	{ "Active, Total", "objects in use, objects allocated" },
	{ "Use, ObjSz", "active share, object size in bytes" },
	{ "Size", "slabs * pages per slab * page size" },
	{ "Objs/s, Bytes/s", "growth of Total and Size per second" },
	{ "Obj/Sl, Pg/Sl, ActSl", "objects and pages per slab, active slabs" },
	{ "Alloc/s, Free/s", "allocations, frees per second (bpf: first," },
	{ "", "slabratetop's view); Enter: the cache's call sites" },
	{ "AllocB/s", "bytes allocated per second (objects * size)" },
	{ NULL, "VMA fault columns (f, bpf)" },
	{ "Flt/s, WP/s", "user-mode page faults, writes to a present page" },
	{ "", "(copy-on-write or write-notify) per second" },
	{ "Lock ms/s, LockMax",
	  "time waiting for mmap_lock, longest wait (us)" },
	{ "COW/s, Anon/s, File/s", "where the kernel allows fexit" },
	{ NULL, "Footer (bpf)" },
	{ "bpf: ... live", "groups attached (a tab that shows them asks;" },
	{ "", "5 s after it stops they detach), their runs and" },
	{ "", "CPU time per second: memscope's own cost" },
	{ NULL, "Help screen" },
	{ "Up, Down, PgUp, PgDn", "scroll" },
};

#define NKEYS (int)(sizeof(keys) / sizeof(keys[0]))
#define KEYW 24

static bool lazy_note(const struct ms_snapshot *s, char *buf, size_t len)
{
	uint64_t ps = s->slab.page_size ? s->slab.page_size : 4096;
	char m[16];

	if (!ms_have(s->buddy.lazy_free) || !s->buddy.lazy_free)
		return false;
	snprintf(buf, len,
		 "MemFree: %s not yet in the buddy allocator (deferred "
		 "page init; Buddy: Enter on the zone)",
		 ms_fmt_kb1(m, sizeof(m), s->buddy.lazy_free * (ps / 1024)));
	return true;
}

/* What the start put back that a killed memscope left changed, or NULL. */
static const char *put_back(const struct ms_ui *ui)
{
	return ui->opts ? ui->opts->put_back : NULL;
}

/*
 * Notes: the snapshot's, after where a replayed recording stops and what
 * the start put back; then the one on MemFree.
 */
int ms_help_nr_notes(const struct ms_snapshot *s, const struct ms_ui *ui)
{
	char buf[160];

	return s->nr_notes + (ui->replay_end ? 1 : 0) + !!put_back(ui) +
	       lazy_note(s, buf, sizeof(buf));
}

/*
 * Note i's text (escaped): where a replay stops, what the start put back,
 * the snapshot's, MemFree's.
 */
void ms_help_note(const struct ms_snapshot *s, const struct ms_ui *ui, int i,
		  char *line, size_t len)
{
	char what[64], why[256];

	if (ui->replay_end && !i--)
		ms_esc(line, len, ui->replay_end);
	else if (put_back(ui) && !i--)
		ms_esc(line, len, put_back(ui));
	else if (i >= s->nr_notes)
		lazy_note(s, line, len);
	else
		snprintf(line, len, "%s: %s",
			 ms_esc(what, sizeof(what), s->notes[i].what),
			 ms_esc(why, sizeof(why), s->notes[i].why));
}

/*
 * A note wrapped at spaces to width columns, its next lines indented by
 * two: the number of lines, and line k of it into out (k < 0: none).
 */
static int note_part(const char *text, int width, int k, char *out, size_t len)
{
	int n = 0;

	while (*text) {
		size_t b = ms_wrap_line(text, n ? width - 2 : width);

		if (n++ == k)
			snprintf(out, len, "%.*s", (int)b, text);
		for (text += b; *text == ' ';)
			text++;
	}
	return n ? n : 1;
}

/* The notes' lines at width (one, "none", without notes). */
static int notes_lines(const struct ms_snapshot *s, const struct ms_ui *ui,
		       int width)
{
	char line[340];
	int n = 0;

	for (int i = 0; i < ms_help_nr_notes(s, ui); i++) {
		ms_help_note(s, ui, i, line, sizeof(line));
		n += note_part(line, width, -1, NULL, 0);
	}
	return n ? n : 1;
}

int ms_help_lines(const struct ms_snapshot *s, const struct ms_ui *ui,
		  int width)
{
	/* keys, blank, heading, one per section, heading, notes */
	return NKEYS + 1 + 1 + MS_SEC_COUNT + 1 + notes_lines(s, ui, width);
}

/*
 * The Notes heading, under the sources: n promises the notes, and with a
 * line per section (24 of them) the sources above filled a 30-row screen
 * and hid every note below it.
 */
int ms_help_notes_line(void)
{
	return NKEYS + 2 + MS_SEC_COUNT;
}

/*
 * The replay keys' last two lines: what the recording is and its
 * bookmarks while one plays; else what is true of this run (a --record
 * being written, or no recording at all).
 */
static void draw_replay_line(WINDOW *w, int y, struct ms_rect r, bool about,
			     const struct ms_ui *ui)
{
	const char *rec = ui->opts ? ui->opts->record : NULL;
	const char *pre = "recording into ", *post = " (--record)";
	char path[4096], line[4200];
	int x = r.x + 2 + KEYW, width = r.w - 2 - KEYW;

	if (about && ui->replay_about)
		return (void)ms_put_cut(
			w, y, x, width, ms_attr(MS_C_HELP),
			ms_esc(line, sizeof(line), ui->replay_about), ui);
	if (!about && ui->replay_marks)
		return (void)ms_put_cut(
			w, y, x, width, ms_attr(MS_C_HELP),
			ms_esc(line, sizeof(line), ui->replay_marks), ui);
	if (!about) {
		ms_put(w, y, x, width, MS_LEFT, false, ms_attr(MS_C_DIM),
		       "bookmarks: only in a replay");
		return;
	}
	if (!rec) {
		ms_put(w, y, x, width, MS_LEFT, false, ms_attr(MS_C_DIM),
		       "not a replay: these keys act with --replay FILE");
		return;
	}
	/* the path loses its middle, not its name */
	ms_esc_path(path, sizeof(path), rec,
		    width - ms_text_width(pre) - ms_text_width(post), ui->utf8);
	snprintf(line, sizeof(line), "%s%s%s", pre, path, post);
	ms_put(w, y, x, width, MS_LEFT, false, ms_attr(MS_C_HELP), line);
}

static void draw_key(WINDOW *w, int y, struct ms_rect r, int i,
		     const struct ms_ui *ui)
{
	char buf[96];

	if (!keys[i].keys) {
		ms_title(w, y, r.x, r.w, keys[i].what, ui);
		return;
	}
	ms_put(w, y, r.x + 2, KEYW, MS_LEFT, false, ms_attr(MS_C_TITLE),
	       keys[i].keys);
	if (keys[i].what == about_here || keys[i].what == marks_here)
		draw_replay_line(w, y, r, keys[i].what == about_here, ui);
	else
		ms_put_cut(w, y, r.x + 2 + KEYW, r.w - 2 - KEYW,
			   ms_attr(MS_C_HELP),
			   keys[i].what ? keys[i].what :
					  ms_graph_memory(buf, sizeof(buf)),
			   ui);
}

static void draw_source(WINDOW *w, int y, struct ms_rect r,
			const struct ms_snapshot *s, int sec)
{
	char line[160];
	bool have = s->have & MS_SEC_BIT(sec);

	snprintf(line, sizeof(line), "%-14s %s", ms_section_name(sec),
		 have && s->source[sec] ? s->source[sec] :
		 have			? "?" :
					  "not in this sample");
	ms_put(w, y, r.x + 2, r.w - 2, MS_LEFT, false,
	       ms_attr(have ? MS_C_HELP : MS_C_DIM), line);
}

/* Line k of the notes (wrapped at nw columns) at row y. */
static void draw_note(WINDOW *w, int y, struct ms_rect r,
		      const struct ms_snapshot *s, const struct ms_ui *ui,
		      int k, int nw)
{
	char line[340], part[340] = "";

	if (!ms_help_nr_notes(s, ui)) {
		ms_put(w, y, r.x + 2, r.w - 2, MS_LEFT, false,
		       ms_attr(MS_C_DIM), "none: every section was read");
		return;
	}
	for (int i = 0; i < ms_help_nr_notes(s, ui); i++) {
		int n;

		ms_help_note(s, ui, i, line, sizeof(line));
		n = note_part(line, nw, k, part, sizeof(part));
		if (k < n) {
			ms_put_cut(w, y, r.x + (k ? 4 : 2), k ? nw - 2 : nw,
				   ms_attr(MS_C_NOTE), part, ui);
			return;
		}
		k -= n;
	}
}

/* Line i of the help screen at row y. */
static void draw_line(WINDOW *w, int y, struct ms_rect r,
		      const struct ms_snapshot *s, const struct ms_ui *ui,
		      int i, int nw)
{
	if (i < NKEYS)
		return draw_key(w, y, r, i, ui);
	i -= NKEYS;
	if (i == 0)
		return; /* a blank line */
	if (i == 1)
		return ms_title(w, y, r.x, r.w,
				"Sources: the backend that fed each section",
				ui);
	i -= 2;
	if (i < MS_SEC_COUNT)
		return draw_source(w, y, r, s, i);
	i -= MS_SEC_COUNT;
	if (i == 0)
		return ms_title(w, y, r.x, r.w,
				"Notes: what is unavailable, and why", ui);
	draw_note(w, y, r, s, ui, i - 1, nw);
}

void ms_help_draw(WINDOW *w, struct ms_rect r, const struct ms_snapshot *s,
		  const struct ms_ui *ui, struct ms_scroll *sc)
{
	/* the notes' width as if the scroll bar took a column, tall or not */
	int nw = r.w - 3;

	ms_fill(w, r, ms_attr(MS_C_NORMAL));
	sc->total = ms_help_lines(s, ui, nw);
	sc->page = r.h;
	ms_scroll_clamp(sc);
	/* longer than the screen: the last column is the scroll bar's */
	ms_scrollbar(w, r.x + r.w - 1, r.y, r.h, sc->top, sc->total, ui);
	if (sc->total > r.h)
		r.w--;
	for (int i = 0; i < r.h && sc->top + i < sc->total; i++)
		draw_line(w, r.y + i, r, s, ui, sc->top + i, nw);
}
