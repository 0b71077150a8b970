/* SPDX-License-Identifier: GPL-2.0 */
/*
 * View classes: one per tab, plugged into the main loop through the table
 * ms_views[] (tui/views.c, from the area registry), as htop plugs in its
 * screens.
 */
#ifndef MS_VIEW_H
#define MS_VIEW_H

#include <curses.h>
#include <stdbool.h>

#include "app/opts.h"
#include "model/snapshot.h"

/* A rectangle of a window: top row, left column, height, width. */
struct ms_rect {
	int y, x, h, w;
};

/* What the main loop shares with every view (read-only for views). */
struct ms_ui {
	const struct ms_opts *opts;
	bool utf8; /* UTF-8 locale and no --ascii: draw blocks */
	bool color; /* the terminal shows colours */
	double interval; /* seconds between samples, for "per tick" */
	/* the id the explain panel (key x) shows, NULL while it is closed */
	const char *explain_id;
	/*
	 * --replay: what the recording is and its bookmarks, as the help
	 * screen lists them; else NULL
	 */
	const char *replay_about, *replay_marks;
	/* where a cut or damaged recording stops, for the notes; else NULL */
	const char *replay_end;
};

/*
 * What the explain panel walks on the current screen: ids of the catalog
 * (tui/explain.h), in screen order; cur is the one under the cursor.
 */
#define MS_EXPLAIN_MAX 128
struct ms_explain_ids {
	const char *id[MS_EXPLAIN_MAX];
	int n;
	int cur;
	bool moved; /* the cursor moved (a screen scrolled): go to cur */
	bool redraw; /* a screen scrolled to show the field: draw it again */
};

/*
 * The base of every view instance. A view allocates its own struct with
 * `struct ms_view base;` as the FIRST member, and casts back in its
 * methods (container_of style).
 */
struct ms_view {
	const struct ms_view_class *cls;
	const struct ms_ui *ui;
	/* its open drill-down screens (tui/drill.h), held by the tab */
	struct ms_drills *drills;
	/*
	 * Where MS_KEY_GOTO goes: the tab of that id, whose arrive hook is
	 * given how ("size": the Memory tab's Enter on slab; "pid:N": a
	 * cgroup's process, the VMA tab opens its mappings)
	 */
	struct {
		const char *tab, *how;
	} go;
	/*
	 * A message a key leaves for the footer's status line (the map's a
	 * without DAMON regions: why, and how to get them); the main loop
	 * shows it for a few seconds and clears it
	 */
	char say[160];
};

/* What on_key did with a key. */
enum ms_key_result {
	MS_KEY_PASS = 0, /* not mine: the main loop handles it */
	MS_KEY_DONE, /* consumed: redraw */
	MS_KEY_RESAMPLE, /* consumed and request() changed: sample now */
	MS_KEY_GOTO, /* consumed: switch to the tab v->go names */
};

/*
 * One tab. Views never read files: everything comes from the snapshot.
 * Only the active view is asked for a request, updated and drawn; the
 * main loop samples again at once when the active view changes.
 */
struct ms_view_class {
	const char *name; /* tab title: "Buddy" */
	const char *id; /* --tab argument: "buddy" */
	/* Allocate the instance; set base.cls and base.ui. NULL on ENOMEM. */
	struct ms_view *(*create)(const struct ms_ui *ui);
	void (*destroy)(struct ms_view *v);
	/* Add what the view needs now (sections bits, pid, cache name). */
	void (*request)(struct ms_view *v, struct ms_request *req);
	/*
	 * A new sample. cur and prev (prev may be NULL) stay valid and
	 * unchanged until the next update(); the view may keep pointers to
	 * them and read them in draw(). Sections the view asked for may
	 * still be missing: check cur->have and show the note.
	 */
	void (*update)(struct ms_view *v, const struct ms_snapshot *cur,
		       const struct ms_snapshot *prev);
	/*
	 * Optional: what the tab draws under every screen, its own and its
	 * drill-downs' (tui/drill.h), into r (filled): false when it drew a
	 * message instead (its section is missing); it may take rows of r
	 * (a graph panel).
	 */
	bool (*frame)(struct ms_view *v, WINDOW *w, struct ms_rect *r);
	/* Draw into r of w, filled (no refresh, no clear): the tab's own
	 * screen, while no drill-down screen is open. */
	void (*draw)(struct ms_view *v, WINDOW *w, struct ms_rect r);
	/*
	 * Called before the global keys while no drill-down screen is open:
	 * Enter drills down (ms_drill_push()). While a filter line is being
	 * edited, every key is consumed.
	 */
	enum ms_key_result (*on_key)(struct ms_view *v, int key);
	/* Footer text for the current state, e.g. "Enter zone  s sort". */
	const char *(*hints)(struct ms_view *v);
	/*
	 * Optional: the explain ids of what the current screen shows (every
	 * column of its tables, every field of its detail lines), for the
	 * explain panel; e->cur the column or field under the cursor.
	 */
	void (*explain)(struct ms_view *v, struct ms_explain_ids *e);
	/*
	 * Optional: another tab sends the user here (MS_KEY_GOTO) to see
	 * what how names ("size": the largest first); before the switch.
	 */
	void (*arrive)(struct ms_view *v, const char *how);
	/*
	 * Its own screen binds + and - (the Memory tab folds its tree): the
	 * footer offers = and _ for the refresh interval there.
	 */
	bool folds;
	/*
	 * Optional: what W monitors with DAMON from here: a pid (the VMA
	 * tab's process), 0 physical memory (the Memory tab, the Buddy
	 * tab's map), -1 nothing
	 */
	int (*damon_target)(struct ms_view *v);
	/* Every id the tab shows on some screen, NULL-terminated (tests). */
	const char *const *explain_all;
	/* Its explain texts (tui/tabs/TAB/explain*.c): MS_CATALOG(...) */
	const struct ms_explain *const *catalog;
};

/*
 * One text of the explain catalog: English in the source, marked N_() for
 * xgettext; translated when shown (tui/explain.h). name is the column
 * title or field as on the screen.
 */
struct ms_explain {
	const char *id; /* "buddy.zone.frag" */
	const char *name; /* "Frag%" (not translated) */
	const char *what; /* what it means */
	const char *source; /* the /proc or /sys file, tracepoint, ... */
	const char *formula; /* how memscope computes it */
	const char *healthy; /* a healthy against a worrying value */
};

/* A tab's catalogs, each ended by an entry with id NULL. */
#define MS_CATALOG(...) \
	((const struct ms_explain *const[]){ __VA_ARGS__, NULL })

/*
 * NULL-terminated, in tab order: the areas with a tab (model/areas.def),
 * each the class ms_view_NAME of tui/tabs/NAME/tab.c and its explain
 * texts ms_explain_NAME (tui/tabs/NAME/explain.c).
 */
extern const struct ms_view_class *const ms_views[];

#define MS_VIEW_NOTAB(a)
#define MS_VIEW_TAB(a)                                 \
	extern const struct ms_view_class ms_view_##a; \
	extern const struct ms_explain ms_explain_##a[];
#define MS_AREA(a, kind) MS_VIEW_##kind(a)
#include "model/areas.def"
#undef MS_AREA

/* Key codes views may see, besides curses' KEY_* and plain characters. */
#define MS_KEY_ESC 27
#define MS_KEY_ENTER '\n'
#define ms_key_is_enter(k) ((k) == '\n' || (k) == '\r' || (k) == KEY_ENTER)
#define ms_key_is_back(k) \
	((k) == MS_KEY_ESC || (k) == KEY_BACKSPACE || (k) == 127 || (k) == 8)

#endif
