// SPDX-License-Identifier: GPL-2.0
/*
 * The drill-down stack (tui/drill.h): a tab's open screens, and the one
 * place that hands them keys, draws them, and says in the title and the
 * footer how to go back.
 */
#include "tui/drill.h"

#include <stdio.h>
#include <string.h>

void ms_drills_init(struct ms_drills *d, struct ms_view *v,
		    struct ms_gpanel *graph)
{
	memset(d, 0, sizeof(*d));
	d->graph = graph;
	v->drills = d;
}

struct ms_drill *ms_drill_top(const struct ms_view *v)
{
	const struct ms_drills *s = v->drills;

	return s && s->n ? (struct ms_drill *)&s->s[s->n - 1] : NULL;
}

struct ms_drill *ms_drill_find(const struct ms_view *v,
			       const struct ms_drill_class *cls)
{
	const struct ms_drills *s = v->drills;

	for (int i = s ? s->n - 1 : -1; i >= 0; i--)
		if (s->s[i].cls == cls)
			return (struct ms_drill *)&s->s[i];
	return NULL;
}

enum ms_key_result ms_drill_push(struct ms_view *v,
				 const struct ms_drill_class *cls, void *arg)
{
	struct ms_drills *s = v->drills;
	struct ms_drill *d;
	enum ms_key_result r = MS_KEY_DONE;

	if (!s || s->n >= MS_DRILL_MAX)
		return MS_KEY_DONE;
	d = &s->s[s->n];
	*d = (struct ms_drill){ .cls = cls, .v = v, .arg = arg };
	if (cls->open && (r = cls->open(d)) == MS_KEY_PASS)
		return MS_KEY_DONE; /* nothing to open */
	s->n++;
	return r;
}

enum ms_key_result ms_drill_pop(struct ms_view *v)
{
	struct ms_drill *d = ms_drill_top(v);
	enum ms_key_result r = MS_KEY_DONE;

	if (!d)
		return MS_KEY_PASS;
	if (d->cls->close)
		r = d->cls->close(d);
	v->drills->n--;
	return r;
}

enum ms_key_result ms_drill_replace(struct ms_view *v,
				    const struct ms_drill_class *cls, void *arg)
{
	ms_drill_pop(v);
	return ms_drill_push(v, cls, arg);
}

void ms_drill_pop_all(struct ms_view *v)
{
	while (ms_drill_top(v))
		ms_drill_pop(v);
}

/*
 * The stack's title line in width columns: the screen's and "  (Esc
 * back)", the screen's cut short with a mark so that the way back stays
 * (an allocation probe's title at 80 columns ended "(Esc bac…").
 */
static const char *title(struct ms_drill *d, int width)
{
	struct ms_drills *s = d->v->drills;
	const char *back = "  (Esc back)";
	int room = width - 3 - (int)strlen(back), used = 0, cols, n;
	char *p = s->title;

	d->cls->title(d, s->title, sizeof(s->title) - 16);
	if (room > 1 && ms_text_width(s->title) > room) {
		while (*p && (n = ms_text_next(p, &cols)) > 0 &&
		       used + cols <= room - 1) {
			used += cols;
			p += n;
		}
		strcpy(p, d->v->ui->utf8 ? "\u2026" : "~");
	}
	strcat(s->title, back);
	return s->title;
}

void ms_drill_lines(struct ms_drill *d, WINDOW *w, struct ms_rect r)
{
	struct ms_screen l;

	ms_screen_begin(&l, w, r, &d->sc);
	if (d->cls->title) {
		if (d->cls->title_id)
			ms_screen_tag(&l, d->cls->title_id);
		ms_screen_title(&l, title(d, r.w - 1), d->v->ui);
	}
	if (d->cls->lines)
		d->cls->lines(d, &l);
	ms_screen_end(&l);
}

/* A screen of a table: its title, then the table. */
static void draw_table(struct ms_drill *d, WINDOW *w, struct ms_rect r)
{
	if (d->cls->title) {
		ms_title(w, r.y, r.x, r.w, title(d, r.w), d->v->ui);
		r.y++;
		r.h--;
	}
	ms_table_draw(d->cls->table(d), w, r);
}

/* A screen of lines the stack scrolls. */
static bool scrolled(const struct ms_drill_class *c)
{
	return c->lines || (!c->draw && !c->table);
}

/* ---- The frame's entry points ---------------------------------------- */

/* The first open screen that asks and is updated: the topmost alone. */
static int first_asked(const struct ms_drills *s)
{
	int i = s ? s->n - 1 : -1;

	while (i > 0 && !s->s[i].cls->alone)
		i--;
	return i < 0 ? 0 : i;
}

void ms_view_request(struct ms_view *v, struct ms_request *req)
{
	struct ms_drills *s = v->drills;

	if (v->cls->request)
		v->cls->request(v, req);
	for (int i = first_asked(s); s && i < s->n; i++)
		if (s->s[i].cls->request)
			s->s[i].cls->request(&s->s[i], req);
}

void ms_view_update(struct ms_view *v, const struct ms_snapshot *cur,
		    const struct ms_snapshot *prev)
{
	struct ms_drills *s = v->drills;

	if (v->cls->update)
		v->cls->update(v, cur, prev);
	for (int i = first_asked(s); s && i < s->n; i++)
		if (s->s[i].cls->update)
			s->s[i].cls->update(&s->s[i], cur);
}

void ms_view_draw(struct ms_view *v, WINDOW *w, struct ms_rect r)
{
	struct ms_drill *d = ms_drill_top(v);

	ms_fill(w, r, ms_attr(MS_C_NORMAL));
	if (v->cls->frame && !v->cls->frame(v, w, &r))
		return;
	if (!d)
		v->cls->draw(v, w, r);
	else if (d->cls->draw)
		d->cls->draw(d, w, r);
	else if (d->cls->table)
		draw_table(d, w, r);
	else
		ms_drill_lines(d, w, r);
}

enum ms_key_result ms_view_key(struct ms_view *v, int key)
{
	struct ms_drill *d = ms_drill_top(v);
	enum ms_key_result r = MS_KEY_PASS;
	struct ms_table *t;

	if (!d)
		return v->cls->on_key ? v->cls->on_key(v, key) : MS_KEY_PASS;
	t = d->cls->table ? d->cls->table(d) : NULL;
	if (t && t->editing)
		return ms_table_key(t, key);
	if (t && t->filter[0] && ms_key_is_back(key)) {
		ms_table_key(t, key); /* Esc clears it */
		return MS_KEY_DONE;
	}
	if (d->cls->key)
		r = d->cls->key(d, key);
	else if (t)
		r = ms_table_key(t, key);
	if (r != MS_KEY_PASS)
		return r;
	if (ms_key_is_back(key))
		return ms_drill_pop(v);
	if (key == 'H' && d->cls->graph && v->drills->graph) {
		ms_gpanel_toggle(v->drills->graph);
		return MS_KEY_DONE;
	}
	if (scrolled(d->cls))
		return ms_scroll_key(&d->sc, key) ? MS_KEY_DONE : MS_KEY_PASS;
	return MS_KEY_PASS;
}

const char *ms_view_hints(struct ms_view *v)
{
	struct ms_drill *d = ms_drill_top(v);
	struct ms_drills *s = v->drills;
	const char *h;

	if (!d)
		return v->cls->hints ? v->cls->hints(v) : "";
	if (d->cls->table && d->cls->table(d)->editing)
		return ms_table_hints(d->cls->table(d)); /* its keys only */
	d->own_hints = false;
	h = d->cls->hints_fn ? d->cls->hints_fn(d) : d->cls->hints;
	if (d->own_hints)
		return h;
	snprintf(s->hint, sizeof(s->hint), "%s%sEsc %s", h ? h : "",
		 h && *h ? "  " : "", d->cls->back ? d->cls->back : "back");
	return s->hint;
}

void ms_view_explain(struct ms_view *v, struct ms_explain_ids *e)
{
	struct ms_drill *d = ms_drill_top(v);

	if (!d) {
		if (v->cls->explain)
			v->cls->explain(v, e);
	} else if (d->cls->explain) {
		d->cls->explain(d, e);
	} else if (d->cls->ids) {
		ms_screen_explain(&d->sc, v->ui, e, d->cls->ids);
	} else if (d->cls->table) {
		ms_table_explain(d->cls->table(d), e);
	}
}
