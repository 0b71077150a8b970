/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Drill-down screens: each kind of screen a const class (draw, keys, its
 * title and hints, open and close), the open ones on a stack per tab, as
 * htop keeps its screens. The frame reaches a tab only through ms_view_*()
 * below, which hand the top screen what the tab would get, and do for
 * every screen what each tab did by hand: Esc and Backspace go back one
 * screen, Up/Down/PgUp/PgDn/Home/End scroll a screen of lines, the title
 * ends with "(Esc back)", the footer with "Esc back".
 */
#ifndef MS_DRILL_H
#define MS_DRILL_H

#include "tui/graph.h"
#include "tui/widgets.h"

struct ms_drill;

/*
 * One kind of screen. Every hook is optional; d->v is the tab's instance
 * (cast it back as its class does), d->arg what push() was given.
 */
struct ms_drill_class {
	const char *name; /* "zone": for the tests */
	/*
	 * Being pushed: set what it shows (from the tab's selection).
	 * MS_KEY_PASS: nothing to open, it stays closed; else what the key
	 * that opened it returns (MS_KEY_RESAMPLE when it asks for more).
	 * NULL: MS_KEY_DONE.
	 */
	enum ms_key_result (*open)(struct ms_drill *d);
	/* Popped (Esc): what the key returns; NULL: MS_KEY_DONE. */
	enum ms_key_result (*close)(struct ms_drill *d);
	/* What the screen adds to the tab's request; then a new sample. */
	void (*request)(struct ms_drill *d, struct ms_request *req);
	void (*update)(struct ms_drill *d, const struct ms_snapshot *cur);
	/*
	 * It needs nothing of the screens under it: they are neither asked
	 * for a request nor updated while it is open (the tab still is).
	 */
	bool alone;
	/*
	 * A screen of lines, scrolled by the stack: its title (the stack
	 * adds "  (Esc back)") and its lines; ms_drill_lines() draws them.
	 */
	void (*title)(struct ms_drill *d, char *buf, size_t len);
	const char *title_id; /* the explain id its title line shows */
	void (*lines)(struct ms_drill *d, struct ms_screen *l);
	/* Draw r (already filled). NULL: ms_drill_lines(). */
	void (*draw)(struct ms_drill *d, WINDOW *w, struct ms_rect r);
	/*
	 * A screen with a table: while its search, filter or sort menu is
	 * being edited every key is the table's and the footer its keys
	 * only; Esc clears its filter before it goes back (Backspace then
	 * does nothing); key NULL: every other key is the table's too; no
	 * ids or explain: its columns are the explain ids.
	 */
	struct ms_table *(*table)(struct ms_drill *d);
	/*
	 * Its keys, before the stack's: MS_KEY_PASS leaves Esc/Backspace
	 * (back), H (the tab's graph panel, .graph) and, for lines, the
	 * scroll keys to the stack, then the key goes to the global keys.
	 */
	enum ms_key_result (*key)(struct ms_drill *d, int key);
	/* It shows the tab's graph panel: H shows or hides it. */
	bool graph;
	/* Its footer keys; the stack adds "  Esc <back>". */
	const char *hints;
	const char *(*hints_fn)(struct ms_drill *d); /* when they change */
	/*
	 * Where Esc goes, in the footer ("back to the mappings"); NULL:
	 * "back". A hints_fn returning a table's editing keys (they say what
	 * Esc does there) sets d->own_hints and gets no "Esc back".
	 */
	const char *back;
	/* The explain ids of a screen of lines (ms_screen_explain()). */
	const char *const *ids;
	/* Or the ids it shows now. */
	void (*explain)(struct ms_drill *d, struct ms_explain_ids *e);
};

/* An open screen. */
struct ms_drill {
	const struct ms_drill_class *cls;
	struct ms_view *v; /* the tab */
	void *arg; /* the opener's, for the class */
	struct ms_scroll sc; /* a screen of lines' scroll, top at open */
	bool own_hints; /* set by hints_fn: its text is the whole footer */
};

#define MS_DRILL_MAX 4

/* The screens open on a tab, s[n - 1] on top; the tab holds it. */
struct ms_drills {
	struct ms_drill s[MS_DRILL_MAX];
	int n;
	/* the tab's history panel, or NULL: H on a screen with .graph */
	struct ms_gpanel *graph;
	char hint[256], title[320];
};

/*
 * In the tab's create(): v->drills = d, no screen open; graph: the tab's
 * panel, which H shows or hides on its screens that show it.
 */
void ms_drills_init(struct ms_drills *d, struct ms_view *v,
		    struct ms_gpanel *graph);

/*
 * Open a screen of cls over the tab's (its open() may refuse); returns
 * what the key that opened it returns.
 */
enum ms_key_result ms_drill_push(struct ms_view *v,
				 const struct ms_drill_class *cls, void *arg);
/* Close the top screen; what Esc returns. */
enum ms_key_result ms_drill_pop(struct ms_view *v);
/* Close the top screen and open one of cls in its place (a sibling). */
enum ms_key_result ms_drill_replace(struct ms_view *v,
				    const struct ms_drill_class *cls,
				    void *arg);
/* Close every screen (the tab goes back to its own). */
void ms_drill_pop_all(struct ms_view *v);
/* The top screen, or NULL on the tab's own. */
struct ms_drill *ms_drill_top(const struct ms_view *v);
/* The open screen of cls (the topmost), or NULL. */
struct ms_drill *ms_drill_find(const struct ms_view *v,
			       const struct ms_drill_class *cls);
/* A screen of lines: its title, its lines, scrolled, in r. */
void ms_drill_lines(struct ms_drill *d, WINDOW *w, struct ms_rect r);

/*
 * What the frame (and the tests) call instead of the class's hooks: the
 * tab's, then its open screens' from the topmost .alone one (request,
 * update), or the top screen's in place of the tab's (draw, key, hints,
 * explain).
 */
void ms_view_request(struct ms_view *v, struct ms_request *req);
void ms_view_update(struct ms_view *v, const struct ms_snapshot *cur,
		    const struct ms_snapshot *prev);
void ms_view_draw(struct ms_view *v, WINDOW *w, struct ms_rect r);
enum ms_key_result ms_view_key(struct ms_view *v, int key);
const char *ms_view_hints(struct ms_view *v);
void ms_view_explain(struct ms_view *v, struct ms_explain_ids *e);

#endif
