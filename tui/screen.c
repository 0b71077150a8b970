// SPDX-License-Identifier: GPL-2.0
/*
 * Key/value lines and scrolled screens of lines for the views (ms_screen_*),
 * with the explain tags on their lines and the explain highlight.
 */
#include "tui/widgets.h"

#include <stdio.h>
#include <string.h>

#include "tui/explain.h"

void ms_kv_line(WINDOW *w, int y, int x, int width, int keyw, const char *key,
		const char *val, attr_t vattr)
{
	if (keyw > width)
		keyw = width;
	ms_put(w, y, x, keyw, MS_LEFT, true, ms_attr(MS_C_NORMAL), key);
	ms_put(w, y, x + keyw, width - keyw, MS_LEFT, false, vattr, val);
}

void ms_scroll_clamp(struct ms_scroll *s)
{
	int page = s->page > 0 ? s->page : 1;

	if (s->top > s->total - page)
		s->top = s->total - page;
	if (s->top < 0)
		s->top = 0;
}

bool ms_scroll_key(struct ms_scroll *s, int key)
{
	int page = s->page > 1 ? s->page - 1 : 1;

	switch (key) {
	case KEY_UP:
		s->top--;
		break;
	case KEY_DOWN:
		s->top++;
		break;
	case KEY_PPAGE:
		s->top -= page;
		break;
	case KEY_NPAGE:
	case ' ':
		s->top += page;
		break;
	case KEY_HOME:
		s->top = 0;
		break;
	case KEY_END:
		s->top = s->total;
		break;
	default:
		return false;
	}
	ms_scroll_clamp(s);
	return true;
}

void ms_screen_begin(struct ms_screen *l, WINDOW *w, struct ms_rect r,
		     struct ms_scroll *sc)
{
	l->w = w;
	l->r = r;
	l->sc = sc;
	l->n = 0;
	l->ui = NULL;
	l->bar_x = -1;
	if (sc->total > r.h && r.w > 1) { /* the bar's column */
		l->r.w--;
		l->bar_x = r.x + r.w - 1;
	}
	sc->tags.n = 0;
	sc->page = r.h;
	ms_scroll_clamp(sc);
	ms_fill(w, r, ms_attr(MS_C_NORMAL));
}

int ms_screen_next(struct ms_screen *l)
{
	int i = l->n++ - l->sc->top;

	return i >= 0 && i < l->r.h ? l->r.y + i : -1;
}

/* The explain highlight on n cells from (y, x), as a table's title. */
static void mark(WINDOW *w, int y, int x, int n)
{
	attr_t a = ms_attr(MS_C_FILTER) | A_BOLD;

	if (n > 0)
		mvwchgat(w, y, x, n, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL);
}

void ms_explain_mark(WINDOW *w, int y, int x, int n, const struct ms_ui *ui,
		     const char *id)
{
	ms_explain_seen(id);
	if (ui && ui->explain_id && id && !strcmp(ui->explain_id, id))
		mark(w, y, x, n);
}

/* Highlight the tagged lines of the field the panel explains. */
static void mark_tags(struct ms_screen *l)
{
	const struct ms_screen_tags *t = &l->sc->tags;
	const char *id = t->ui ? t->ui->explain_id : NULL;

	for (int i = 0; id && i < t->n; i++) {
		int row = t->line[i] - l->sc->top;

		if (strcmp(t->id[i], id) || row < 0 || row >= l->r.h)
			continue;
		mark(l->w, l->r.y + row, t->x[i], t->w[i]);
	}
}

/* A screen longer than its last draw thought: drawn again (see below). */
static bool relayout;

bool ms_screen_relayout(void)
{
	bool r = relayout;

	relayout = false;
	return r;
}

void ms_screen_end(struct ms_screen *l)
{
	/*
	 * laid out without the scroll bar's column (the total was that of
	 * the last draw, or none) and longer than the screen: the bar would
	 * cover the last column, so the frame draws it again
	 */
	if (l->bar_x < 0 && l->n > l->r.h && l->r.w > 1)
		relayout = true;
	mark_tags(l);
	l->sc->total = l->n;
	ms_scroll_clamp(l->sc);
	ms_scrollbar(l->w, l->bar_x >= 0 ? l->bar_x : l->r.x + l->r.w - 1,
		     l->r.y, l->r.h, l->sc->top, l->n,
		     l->ui ? l->ui : l->sc->tags.ui);
}

void ms_screen_tag(struct ms_screen *l, const char *id)
{
	struct ms_screen_tags *t = &l->sc->tags;

	ms_explain_seen(id);
	if (!id || t->n >= MS_SCREEN_TAGS)
		return;
	t->id[t->n] = id;
	t->line[t->n] = l->n;
	t->x[t->n] = l->r.x;
	t->w[t->n] = l->r.w;
	t->n++;
}

void ms_screen_tag_at(struct ms_screen *l, const char *id, int x, int w)
{
	struct ms_screen_tags *t = &l->sc->tags;
	int n = t->n, end = l->r.x + l->r.w;

	ms_screen_tag(l, id);
	x += l->r.x;
	if (t->n == n || x >= end || w <= 0)
		return; /* not tagged, or marked as a whole line */
	t->x[n] = x;
	t->w[n] = x + w < end ? w : end - x;
}

void ms_screen_tag_cols(struct ms_screen *l, int x, const char *const *ids,
			const int *widths)
{
	for (int k = 0; ids[k]; k++) {
		ms_screen_tag_at(l, ids[k], x, widths[k]);
		x += widths[k] + 1;
	}
}

/*
 * The line to scroll to for id: -1 when a line of it is on screen (or it
 * has none), else its first line below the top, else its last above.
 */
static int tag_target(const struct ms_scroll *sc, const char *id)
{
	const struct ms_screen_tags *t = &sc->tags;
	int below = -1, above = -1;

	for (int i = 0; i < t->n; i++) {
		int line = t->line[i];

		if (strcmp(t->id[i], id))
			continue;
		if (line >= sc->top && line < sc->top + sc->page)
			return -1;
		if (line >= sc->top && (below < 0 || line < below))
			below = line;
		if (line < sc->top && line > above)
			above = line;
	}
	return below >= 0 ? below : above;
}

/*
 * Scroll so that the field the panel moved to is on screen; true when
 * the screen scrolled.
 */
static bool show_field(struct ms_scroll *sc, const char *id)
{
	struct ms_screen_tags *t = &sc->tags;
	int line, top = sc->top;

	if (!id || !strcmp(t->shown, id))
		return false;
	snprintf(t->shown, sizeof(t->shown), "%s", id);
	line = tag_target(sc, id);
	if (line < 0)
		return false;
	sc->top = line > 0 ? line - 1 : 0; /* with the line above it */
	ms_scroll_clamp(sc);
	return sc->top != top;
}

/* Whether id is one of the NULL-ended ids. */
static bool listed(const char *const *ids, const char *id)
{
	for (; ids && *ids; ids++)
		if (!strcmp(*ids, id))
			return true;
	return false;
}

void ms_screen_explain(struct ms_scroll *sc, const struct ms_ui *ui,
		       struct ms_explain_ids *e, const char *const *ids)
{
	struct ms_screen_tags *t = &sc->tags;
	int first = e->n, best = -1;

	t->ui = ui;
	/*
	 * The screen's fields in the order it shows them, and only those it
	 * has (a cgroup's walked zswap after memory.stat); every listed one
	 * before a first draw, and after the tags that did not fit.
	 */
	for (int i = 0; i < t->n; i++)
		if (listed(ids, t->id[i]))
			ms_explain_add(e, t->id[i]);
	for (; ids && *ids && (!t->n || t->n >= MS_SCREEN_TAGS); ids++)
		ms_explain_add(e, *ids);
	if (sc->top != t->top_seen) {
		e->moved = true; /* scrolled by the user */
		t->shown[0] = '\0';
	} else if (show_field(sc, ui->explain_id)) {
		e->redraw =
			true; /* the screen as drawn is not the one to show */
	}
	/* the cursor: the first field tagged on or below the top line */
	for (int i = 0; i < t->n; i++)
		if (t->line[i] >= sc->top &&
		    (best < 0 || t->line[i] < t->line[best]))
			best = i;
	for (int j = first; best >= 0 && j < e->n; j++)
		if (!strcmp(e->id[j], t->id[best])) {
			e->cur = j;
			break;
		}
	/* a field the panel starts at is on screen already */
	if (e->moved || !ui->explain_id)
		snprintf(t->shown, sizeof(t->shown), "%s",
			 best >= 0 ? t->id[best] : "");
	/* a different top next time: the user scrolled */
	t->top_seen = sc->top;
}

void ms_screen_title(struct ms_screen *l, const char *text,
		     const struct ms_ui *ui)
{
	int y = ms_screen_next(l);

	l->ui = ui;
	if (y >= 0)
		ms_title(l->w, y, l->r.x, l->r.w, text, ui);
}
