// SPDX-License-Identifier: GPL-2.0
/*
 * The maple tree view (memscope.ko): the levels of a process's mm_mt with
 * node types and fan-out, then every node in pre-order with its range, and
 * the slots of each leaf (which VMA, which gap).
 */
#include "tui/tabs/vma/maple.h"

#include "tui/cut.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A line of the listing: a node, or one of its slots / pivots / gaps. */
enum { L_NODE = -1, L_PIVOTS = -2, L_GAPS = -3 };

struct ms_maple_line {
	int node;
	int slot; /* L_* or the slot's index in the node */
};

static const char *const type_names[] = {
	[MS_MAPLE_DENSE] = "dense",
	[MS_MAPLE_LEAF_64] = "leaf_64",
	[MS_MAPLE_RANGE_64] = "range_64",
	[MS_MAPLE_ARANGE_64] = "arange_64",
};

void ms_maple_view_free(struct ms_maple_view *mv)
{
	free(mv->t.nodes);
	free(mv->t.slots);
	free(mv->lines);
	free(mv->last);
	mv->t = (struct ms_maple){ 0 };
	mv->lines = NULL;
	mv->last = NULL;
	mv->nlines = mv->caplines = mv->caplast = 0;
	mv->have = false;
}

/* Grow *p to hold n elements of size sz (keeps it on failure). */
static int reserve(void **p, int *cap, int n, size_t sz)
{
	void *q;

	if (n <= *cap)
		return 0;
	q = realloc(*p, (size_t)n * sz);
	if (!q)
		return -1;
	*p = q;
	*cap = n;
	return 0;
}

static int copy_tree(struct ms_maple *d, const struct ms_maple *s)
{
	if (reserve((void **)&d->nodes, &d->cap_nodes, s->nr_nodes,
		    sizeof(*s->nodes)) ||
	    reserve((void **)&d->slots, &d->cap_slots, s->nr_slots,
		    sizeof(*s->slots)))
		return -1;
	/* a tree without nodes (a replay's) has no arrays to copy */
	if (s->nr_nodes)
		memcpy(d->nodes, s->nodes,
		       (size_t)s->nr_nodes * sizeof(*s->nodes));
	if (s->nr_slots)
		memcpy(d->slots, s->slots,
		       (size_t)s->nr_slots * sizeof(*s->slots));
	d->pid = s->pid;
	d->map_count = s->map_count;
	d->vmas = s->vmas;
	d->height = s->height;
	d->tree_flags = s->tree_flags;
	d->truncated = s->truncated;
	d->nr_nodes = s->nr_nodes;
	d->nr_slots = s->nr_slots;
	return 0;
}

/* Per level: node types, slots, VMAs, gaps and fan-out. */
static void count_levels(struct ms_maple_view *mv)
{
	const struct ms_maple *t = &mv->t;

	memset(mv->lv, 0, sizeof(mv->lv));
	mv->nlv = 0;
	for (int i = 0; i < t->nr_nodes; i++) {
		const struct ms_maple_node *n = &t->nodes[i];
		struct ms_maple_level *l;

		if (n->depth >= MS_MAPLE_LEVELS)
			continue;
		l = &mv->lv[n->depth];
		if (n->depth >= mv->nlv)
			mv->nlv = n->depth + 1;
		if (!l->nodes || n->nr_slots < l->fmin)
			l->fmin = n->nr_slots;
		if (n->nr_slots > l->fmax)
			l->fmax = n->nr_slots;
		l->nodes++;
		l->types[n->type]++;
		l->slots += n->nr_slots;
		for (int k = 0; k < n->nr_slots; k++) {
			enum ms_slot_kind kind = t->slots[n->slot + k].kind;

			l->vmas += kind == MS_SLOT_VMA;
			l->empty += kind == MS_SLOT_EMPTY;
		}
	}
}

/* Which nodes are the last child of their parent (for the connectors). */
static void mark_last(struct ms_maple_view *mv)
{
	const struct ms_maple *t = &mv->t;

	if (t->nr_nodes)
		memset(mv->last, 0, (size_t)t->nr_nodes * sizeof(*mv->last));
	for (int i = 0; i < t->nr_nodes; i++) {
		const struct ms_maple_node *n = &t->nodes[i];

		for (int k = n->nr_slots - 1; k >= 0; k--) {
			const struct ms_maple_slot *s = &t->slots[n->slot + k];

			if (s->kind == MS_SLOT_CHILD && s->child >= 0) {
				mv->last[s->child] = true;
				break;
			}
		}
	}
}

static bool is_leaf(const struct ms_maple_node *n)
{
	return n->type == MS_MAPLE_LEAF_64 || n->type == MS_MAPLE_DENSE;
}

static void add_line(struct ms_maple_view *mv, int node, int slot)
{
	if (mv->nlines < mv->caplines)
		mv->lines[mv->nlines++] = (struct ms_maple_line){ node, slot };
}

/* The slot of leaf n that holds the marked VMA, or -1. */
static int mark_slot(const struct ms_maple_view *mv,
		     const struct ms_maple_node *n)
{
	for (int k = 0; mv->mark && is_leaf(n) && k < n->nr_slots; k++) {
		const struct ms_maple_slot *s = &mv->t.slots[n->slot + k];

		if (s->kind == MS_SLOT_VMA && s->vm_start == mv->mark)
			return k;
	}
	return -1;
}

/* The listing's lines for the current slots setting; finds the mark. */
static void build_lines(struct ms_maple_view *mv)
{
	const struct ms_maple *t = &mv->t;
	int want = t->nr_nodes * 3 + (mv->slots ? t->nr_slots : 0);

	mv->nlines = 0;
	mv->mark_line = -1;
	if (reserve((void **)&mv->lines, &mv->caplines, want,
		    sizeof(*mv->lines)))
		return;
	for (int i = 0; i < t->nr_nodes; i++) {
		const struct ms_maple_node *n = &t->nodes[i];
		int mark = mark_slot(mv, n);

		if (mark >= 0 && !mv->slots)
			mv->mark_line = mv->nlines;
		add_line(mv, i, L_NODE);
		if (!mv->slots)
			continue;
		if (!is_leaf(n)) {
			add_line(mv, i, L_PIVOTS);
			if (n->nr_gaps)
				add_line(mv, i, L_GAPS);
			continue;
		}
		for (int k = 0; k < n->nr_slots; k++) {
			if (k == mark)
				mv->mark_line = mv->nlines;
			add_line(mv, i, k);
		}
	}
}

/* The mark a third down the screen, once it is known. */
static void scroll_to_mark(struct ms_maple_view *mv)
{
	int third = mv->sc.page > 3 ? mv->sc.page / 3 : 0;

	if (mv->mark_line < 0)
		return;
	mv->sc.top = mv->mark_line - third;
	if (mv->sc.top < 0)
		mv->sc.top = 0;
}

void ms_maple_view_set(struct ms_maple_view *mv, const struct ms_snapshot *s,
		       int pid)
{
	const char *why = ms_note_why(s, "maple");

	mv->have = false;
	if (!(s->have & MS_SEC_BIT(MS_SEC_MAPLE)) || s->maple.pid != pid) {
		ms_esc(mv->why, sizeof(mv->why),
		       why ? why : "memscope.ko gave no tree");
		return;
	}
	if (copy_tree(&mv->t, &s->maple) ||
	    reserve((void **)&mv->last, &mv->caplast, s->maple.nr_nodes,
		    sizeof(*mv->last))) {
		snprintf(mv->why, sizeof(mv->why), "out of memory");
		return;
	}
	mv->have = true;
	mv->when = s->t_real;
	mv->why[0] = '\0';
	if (why) /* e.g. truncated */
		ms_esc(mv->why, sizeof(mv->why), why);
	count_levels(mv);
	mark_last(mv);
	build_lines(mv);
	scroll_to_mark(mv);
}

void ms_maple_view_mark(struct ms_maple_view *mv, uint64_t start)
{
	mv->mark = start;
	mv->slots = true; /* the mark is a slot line */
	mv->sc.top = 0;
	if (mv->have) {
		build_lines(mv);
		scroll_to_mark(mv);
	}
}

/* ---- drawing ------------------------------------------------------------ */

static const char *addr(char *buf, size_t len, uint64_t v)
{
	if (v == UINT64_MAX)
		snprintf(buf, len, "%12s", "ULONG_MAX");
	else
		snprintf(buf, len, "%012" PRIx64, v);
	return buf;
}

#define LEVEL_FMT "%5s %6s  %-26s %6s  %-19s %6s %6s"

static void level_line(WINDOW *w, int y, struct ms_rect r,
		       const struct ms_maple_level *l, int depth)
{
	char types[64] = "", buf[200], d[12], n[12], sl[12], fan[32], v[12];
	char e[12];
	size_t off = 0;

	for (int k = 0; k < 4; k++)
		if (l->types[k] && off < sizeof(types))
			off += (size_t)snprintf(types + off,
						sizeof(types) - off, "%s%d %s",
						off ? ", " : "", l->types[k],
						type_names[k]);
	snprintf(d, sizeof(d), "%d", depth);
	snprintf(n, sizeof(n), "%d", l->nodes);
	snprintf(sl, sizeof(sl), "%d", l->slots);
	snprintf(fan, sizeof(fan), "%d / %.1f / %d", l->fmin,
		 l->nodes ? (double)l->slots / l->nodes : 0.0, l->fmax);
	snprintf(v, sizeof(v), "%d", l->vmas);
	snprintf(e, sizeof(e), "%d", l->empty);
	snprintf(buf, sizeof(buf), LEVEL_FMT, d, n, types, sl, fan, v, e);
	ms_put(w, y, r.x, r.w, MS_LEFT, true, ms_attr(MS_C_NORMAL), buf);
}

/* The level table's columns in LEVEL_FMT: explain ids, x and width. */
static const struct {
	const char *id;
	int x, w;
} level_cols[] = {
	{ "vma.mt.level", 0, 5 },    { "vma.mt.nodes", 6, 6 },
	{ "vma.mt.types", 14, 26 },  { "vma.mt.slots", 41, 6 },
	{ "vma.mt.fanout", 49, 19 }, { "vma.mt.vmas", 69, 6 },
	{ "vma.mt.gaps", 76, 6 },
};

/* Explain mode: mark the summary line and the explained column title. */
static void mark_levels(WINDOW *w, struct ms_rect r, int y,
			const struct ms_ui *ui)
{
	ms_explain_mark(w, y, r.x, r.w, ui, "vma.mt.summary");
	for (size_t i = 0; i < sizeof(level_cols) / sizeof(level_cols[0]); i++)
		if (level_cols[i].x + level_cols[i].w <= r.w)
			ms_explain_mark(w, y + 1, r.x + level_cols[i].x,
					level_cols[i].w, ui, level_cols[i].id);
}

/* The summary above the listing; returns the rows it used. */
static int draw_levels(struct ms_maple_view *mv, WINDOW *w, struct ms_rect r,
		       const struct ms_ui *ui)
{
	const struct ms_maple *t = &mv->t;
	char buf[256], tm_s[16], fl[24], head[160], h[24], n[24], mc[24];
	time_t when = (time_t)mv->when;
	struct tm tm;
	int y = r.y;

	localtime_r(&when, &tm);
	strftime(tm_s, sizeof(tm_s), "%H:%M:%S", &tm);
	snprintf(fl, sizeof(fl), "%" PRIx64, t->tree_flags);
	snprintf(buf, sizeof(buf),
		 "height %s, %d nodes, %d slots, %s VMAs (map_count %s), "
		 "flags 0x%s, read %s%s",
		 ms_fmt_u64(h, sizeof(h), t->height), t->nr_nodes, t->nr_slots,
		 ms_fmt_u64(n, sizeof(n), t->vmas),
		 ms_fmt_u64(mc, sizeof(mc), t->map_count),
		 ms_have(t->tree_flags) ? fl : "-", tm_s,
		 t->truncated ? ", TRUNCATED" : "");
	ms_put(w, y++, r.x, r.w, MS_LEFT, true,
	       ms_attr(t->truncated ? MS_C_WARNING : MS_C_NORMAL), buf);
	ms_fill(w, (struct ms_rect){ y, r.x, 1, r.w },
		ms_attr(MS_C_COLUMN_HEADER));
	snprintf(head, sizeof(head), LEVEL_FMT, "Level", "Nodes", "Types",
		 "Slots", "Fan-out min/avg/max", "VMAs", "Gaps");
	ms_put(w, y++, r.x, r.w, MS_LEFT, true, ms_attr(MS_C_COLUMN_HEADER),
	       head);
	mark_levels(w, r, r.y, ui);
	for (int d = 0; d < mv->nlv && y < r.y + r.h; d++)
		level_line(w, y++, r, &mv->lv[d], d);
	return y - r.y;
}

/* Tree connectors for node n's line (slot: for a line under it). */
static int connectors(const struct ms_maple_view *mv, int n, bool slot,
		      char *buf, size_t len, bool utf8)
{
	const char *bar = utf8 ? "\u2502 " : "| ";
	const char *tee = utf8 ? "\u251c\u2500" : "|-";
	const char *end = utf8 ? "\u2514\u2500" : "`-";
	const struct ms_maple_node *nodes = mv->t.nodes;
	int path[MS_MAPLE_LEVELS + 1], d = 0, off = 0;

	/* the ancestors of n, root first; the root draws no connector */
	for (int i = n; i >= 0 && d <= MS_MAPLE_LEVELS; i = nodes[i].parent)
		path[d++] = i;
	buf[0] = '\0';
	for (int k = d - 2; k >= 0 && off < (int)len; k--) {
		const char *s = k    ? (mv->last[path[k]] ? "  " : bar) :
				slot ? (mv->last[path[k]] ? "  " : bar) :
				mv->last[path[k]] ? end :
						    tee;

		off += snprintf(buf + off, len - (size_t)off, "%s", s);
	}
	/* under an internal node its children follow: keep the line */
	if (slot && off < (int)len)
		off += snprintf(buf + off, len - (size_t)off, "%s",
				is_leaf(&nodes[n]) ? "  " : bar);
	return off;
}

static void node_text(const struct ms_maple_view *mv, int i, char *buf,
		      size_t len)
{
	const struct ms_maple_node *n = &mv->t.nodes[i];
	char a[24], b[24], extra[64] = "";
	int vmas = 0, gaps = 0;
	uint64_t maxgap = 0;

	for (int k = 0; k < n->nr_slots; k++) {
		vmas += mv->t.slots[n->slot + k].kind == MS_SLOT_VMA;
		gaps += mv->t.slots[n->slot + k].kind == MS_SLOT_EMPTY;
	}
	for (int k = 0; k < n->nr_gaps; k++)
		maxgap = n->gaps[k] > maxgap ? n->gaps[k] : maxgap;
	if (is_leaf(n))
		snprintf(extra, sizeof(extra), "%d VMAs, %d gaps", vmas, gaps);
	else if (n->nr_gaps)
		snprintf(extra, sizeof(extra), "%d children, largest gap %s",
			 n->nr_slots, ms_fmt_bytes(a, sizeof(a), maxgap));
	else
		snprintf(extra, sizeof(extra), "%d children", n->nr_slots);
	snprintf(buf, len, "#%d %-9s %s-%s %2d slots: %s  [%s]", i,
		 type_names[n->type], addr(a, sizeof(a), n->min),
		 addr(b, sizeof(b), n->max), n->nr_slots, extra, n->addr);
}

static void values_text(const struct ms_maple_node *n, bool gaps, char *buf,
			size_t len)
{
	const uint64_t *v = gaps ? n->gaps : n->pivots;
	int cnt = gaps ? n->nr_gaps : n->nr_pivots;
	size_t off =
		(size_t)snprintf(buf, len, "%s", gaps ? "gaps  " : "pivots");

	for (int k = 0; k < cnt && off < len; k++)
		off += (size_t)snprintf(buf + off, len - off, " %" PRIx64,
					v[k]);
}

/*
 * vm_flags bits 0..31 as smaps prints them in VmFlags (show_smap_vma_flags,
 * include/linux/mm.h; the same on 6.1 and later), so the tree reads like
 * the VMA tab.
 */
static const char vmflag_codes[32][3] = {
	"rd", "wr", "ex", "sh", "mr", "mw", "me", "ms", "gd", "um", "pf",
	"dw", "uw", "lo", "io", "sr", "rr", "dc", "de", "lf", "ac", "nr",
	"ht", "sf", "ar", "wf", "dd", "sd", "mm", "hg", "nh", "mg",
};

static void vmflags_text(uint64_t flags, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (int b = 0; b < 32 && off < len; b++)
		if (flags & (1ULL << b))
			off += (size_t)snprintf(buf + off, len - off, "%s%s",
						off ? " " : "",
						vmflag_codes[b]);
}

static void slot_text(const struct ms_maple_view *mv, int i, int k, char *buf,
		      size_t len)
{
	const struct ms_maple_slot *s = &mv->t.slots[mv->t.nodes[i].slot + k];
	char a[24], b[24], sz[16], fl[100];
	uint64_t size = s->last - s->first + 1; /* 0: the whole space */

	ms_fmt_bytes(sz, sizeof(sz), size);
	switch (s->kind) {
	case MS_SLOT_VMA:
		vmflags_text(s->vm_flags, fl, sizeof(fl));
		snprintf(buf, len, "%2d %s-%s vma %s %6s  %8" PRIx64 " %s", k,
			 addr(a, sizeof(a), s->first),
			 addr(b, sizeof(b), s->last), s->perms, sz, s->vm_flags,
			 fl);
		break;
	case MS_SLOT_EMPTY:
		snprintf(buf, len, "%2d %s-%s gap  %s", k,
			 addr(a, sizeof(a), s->first),
			 addr(b, sizeof(b), s->last), size ? sz : "all");
		break;
	case MS_SLOT_CHILD:
		snprintf(buf, len, "%2d child #%d", k, s->child);
		break;
	default:
		snprintf(buf, len, "%2d %s-%s reserved", k,
			 addr(a, sizeof(a), s->first),
			 addr(b, sizeof(b), s->last));
	}
}

static void draw_line(struct ms_maple_view *mv, WINDOW *w, int y,
		      struct ms_rect r, int li, const struct ms_ui *ui)
{
	const struct ms_maple_line *l = &mv->lines[li];
	const struct ms_maple_node *n = &mv->t.nodes[l->node];
	char pre[MS_MAPLE_LEVELS * 8 + 8], text[512];
	attr_t a = ms_attr(MS_C_NORMAL);
	int x;

	connectors(mv, l->node, l->slot != L_NODE, pre, sizeof(pre), ui->utf8);
	if (l->slot == L_NODE) {
		node_text(mv, l->node, text, sizeof(text));
		a = ms_attr(is_leaf(n) ? MS_C_OK : MS_C_TITLE);
	} else if (l->slot < 0) {
		values_text(n, l->slot == L_GAPS, text, sizeof(text));
		a = ms_attr(MS_C_DIM);
	} else {
		slot_text(mv, l->node, l->slot, text, sizeof(text));
		if (mv->t.slots[n->slot + l->slot].kind != MS_SLOT_VMA)
			a = ms_attr(MS_C_DIM);
	}
	if (li == mv->mark_line)
		a = ms_attr(MS_C_SELECTION);
	x = ms_put(w, y, r.x, r.w, MS_LEFT, false, ms_attr(MS_C_DIM), pre);
	ms_put(w, y, r.x + x, r.w - x, MS_LEFT, true, a, text);
}

void ms_maple_view_draw(struct ms_maple_view *mv, WINDOW *w, struct ms_rect r,
			const struct ms_ui *ui, const char *title)
{
	int used;

	ms_title(w, r.y, r.x, r.w, title, ui);
	r.y++, r.h--;
	if (!mv->have) {
		struct ms_screen l;
		char msg[320];

		if (mv->why[0])
			snprintf(msg, sizeof(msg), "maple tree unavailable: %s",
				 mv->why);
		else
			snprintf(msg, sizeof(msg), "Reading the maple tree...");
		/* why (how to load the module, or that it cannot) is long */
		ms_screen_begin(&l, w, r, &mv->sc);
		ms_screen_wrapped(&l, ms_attr(MS_C_NOTE), msg);
		ms_screen_end(&l);
		return;
	}
	used = draw_levels(mv, w, r, ui);
	r.y += used, r.h -= used;
	if (mv->why[0] && r.h > 2) {
		ms_put(w, r.y++, r.x, r.w, MS_LEFT, true, ms_attr(MS_C_NOTE),
		       mv->why);
		r.h--;
	}
	if (r.h <= 0)
		return;
	ms_title(w, r.y, r.x, r.w,
		 mv->slots ? "Nodes in pre-order, with their slots" :
			     "Nodes in pre-order (v: their slots)",
		 ui);
	/* the listing's lines are nodes and slots */
	ms_explain_mark(w, r.y, r.x, r.w, ui, "vma.mt.node");
	ms_explain_mark(w, r.y, r.x, r.w, ui, "vma.mt.slot");
	r.y++, r.h--;
	mv->sc.total = mv->nlines;
	mv->sc.page = r.h;
	ms_scroll_clamp(&mv->sc);
	for (int i = 0; i < r.h && mv->sc.top + i < mv->nlines; i++)
		draw_line(mv, w, r.y + i, r, mv->sc.top + i, ui);
}

/* The next (dir 1) or previous (-1) node line from the top line. */
static void jump_node(struct ms_maple_view *mv, int dir)
{
	for (int i = mv->sc.top + dir; i >= 0 && i < mv->nlines; i += dir)
		if (mv->lines[i].slot == L_NODE) {
			mv->sc.top = i;
			break;
		}
	ms_scroll_clamp(&mv->sc);
}

enum ms_key_result ms_maple_view_key(struct ms_maple_view *mv, int key)
{
	int top = mv->sc.top < mv->nlines ? mv->sc.top : 0;
	int node = mv->nlines ? mv->lines[top].node : 0;

	if (key == 'v') {
		mv->slots = !mv->slots;
		build_lines(mv);
		/* keep the node at the top in view */
		for (int i = 0; i < mv->nlines; i++)
			if (mv->lines[i].node == node) {
				mv->sc.top = i;
				break;
			}
		return MS_KEY_DONE;
	}
	if (key == ']' || key == '[') {
		jump_node(mv, key == ']' ? 1 : -1);
		return MS_KEY_DONE;
	}
	return ms_scroll_key(&mv->sc, key) ? MS_KEY_DONE : MS_KEY_PASS;
}
