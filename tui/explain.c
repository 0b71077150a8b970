// SPDX-License-Identifier: GPL-2.0
/*
 * Explain mode: finding a text in the per-tab catalogs
 * (tui/tabs/TAB/explain.c), translating it through gettext and drawing
 * the panel, wrapped by width.
 */
#include "tui/explain.h"

#include "tui/cut.h"

#include <libintl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tui/widgets.h"

#define _(s) dgettext(MS_TEXTDOMAIN, s)

#ifndef MS_LOCALEDIR
#define MS_LOCALEDIR "/usr/local/share/locale"
#endif

#define MAX_LINES 10 /* the panel's text never takes more */

/* The catalogs of every tab, in tab order; NULL after the last. */
static const struct ms_explain *catalog(int c)
{
	for (int v = 0; ms_views[v]; v++)
		for (int k = 0; ms_views[v]->catalog && ms_views[v]->catalog[k];
		     k++)
			if (!c--)
				return ms_views[v]->catalog[k];
	return NULL;
}

const struct ms_explain *ms_explain_at(int i)
{
	const struct ms_explain *x;

	for (int c = 0; (x = catalog(c)) && i >= 0; c++) {
		int n = 0;

		while (x[n].id)
			n++;
		if (i < n)
			return &x[i];
		i -= n;
	}
	return NULL;
}

const struct ms_explain *ms_explain_find(const char *id)
{
	if (!id)
		return NULL;
	for (int c = 0; catalog(c); c++)
		for (const struct ms_explain *x = catalog(c); x->id; x++)
			if (!strcmp(x->id, id))
				return x;
	return NULL;
}

const char *ms_explain_tr(const char *s)
{
	return s && *s ? dgettext(MS_TEXTDOMAIN, s) : s;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

const char *ms_explain_init(void)
{
	static char dir[PATH_MAX];
	static const char *const rel[] = { "/locale", "/../locale" };
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	snprintf(dir, sizeof(dir), "%s", MS_LOCALEDIR);
	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		/* build/memscope or build/tests/test_*: build/locale */
		for (size_t i = 0; slash && i < sizeof(rel) / sizeof(rel[0]);
		     i++) {
			char d[PATH_MAX + 16];

			snprintf(d, sizeof(d), "%s%s", exe, rel[i]);
			size_t len = strlen(d);

			if (is_dir(d) && len < sizeof(dir)) {
				memcpy(dir, d, len + 1);
				break;
			}
		}
	}
	bindtextdomain(MS_TEXTDOMAIN, dir);
	/* the widgets draw UTF-8 whatever the locale's charset */
	bind_textdomain_codeset(MS_TEXTDOMAIN, "UTF-8");
	return dir;
}

/* ---- What the screen shows ------------------------------------------- */

#define MAX_SEEN 512
/* two sets: the frame being drawn and the last one drawn (done) */
static const char *seen[2][MAX_SEEN];
static int nseen[2], drawing, done = -1;

void ms_explain_seen(const char *id)
{
	int k = drawing;

	if (!id || nseen[k] >= MAX_SEEN)
		return;
	for (int i = 0; i < nseen[k]; i++)
		if (!strcmp(seen[k][i], id))
			return;
	seen[k][nseen[k]++] = id;
}

void ms_explain_frame_begin(void)
{
	drawing = done < 0 ? 0 : done ^ 1;
	nseen[drawing] = 0;
}

void ms_explain_frame_end(void)
{
	done = drawing;
}

static bool shown(const char *id)
{
	for (int i = 0; i < nseen[done]; i++)
		if (!strcmp(seen[done][i], id))
			return true;
	return false;
}

void ms_explain_keep_seen(struct ms_explain_ids *e)
{
	int n = 0, cur = 0, any = 0;

	if (done < 0)
		return;
	for (int i = 0; i < e->n; i++)
		any += shown(e->id[i]);
	if (!any)
		return;
	for (int i = 0; i < e->n; i++) {
		if (!shown(e->id[i]))
			continue;
		if (i == e->cur)
			cur = n;
		e->id[n++] = e->id[i];
	}
	e->n = n;
	e->cur = cur;
}

/* ---- Wrapping -------------------------------------------------------- */

/*
 * Draw s wrapped into rows y.. of (x, width), at most max; rows used.
 * When the text, or more text after it (more), goes on past the last
 * row, that row ends with a mark (ms_put_cut).
 */
static int put_wrapped(WINDOW *w, int y, int x, int width, int max, attr_t a,
		       const char *s, bool more, const struct ms_ui *ui)
{
	char line[1024];
	int rows = 0;

	while (*s && rows < max) {
		size_t b = ms_wrap_line(s, width);
		const char *next = s + b;

		while (*next == ' ')
			next++;
		if (b >= sizeof(line) - 8)
			b = sizeof(line) - 8;
		memcpy(line, s, b);
		line[b] = '\0';
		if (w && rows == max - 1 && (*next || more)) {
			/* cut: the rest of it, or a mark after the line */
			snprintf(line, sizeof(line), "%s", s);
			if (!*next)
				snprintf(line + b, sizeof(line) - b, "%s",
					 ui && ui->utf8 ? "\u2026" : "~");
			ms_put_cut(w, y + rows, x, width, a, line, ui);
		} else if (w) {
			ms_put(w, y + rows, x, width, MS_LEFT, false, a, line);
		}
		rows++;
		s = next;
	}
	return rows;
}

/* ---- The panel ------------------------------------------------------- */

static const struct ms_explain *entry(const struct ms_explain_ids *e, int idx)
{
	return e && idx >= 0 && idx < e->n ? ms_explain_find(e->id[idx]) : NULL;
}

static void parts(const struct ms_explain *x, const char *label[4],
		  const char *text[4])
{
	label[0] = _("What");
	label[1] = _("Source");
	label[2] = _("Formula");
	label[3] = _("Healthy");
	text[0] = ms_explain_tr(x->what);
	text[1] = ms_explain_tr(x->source);
	text[2] = ms_explain_tr(x->formula);
	text[3] = ms_explain_tr(x->healthy);
}

static int label_width(const char *label[4])
{
	int lw = 0;

	for (int i = 0; i < 4; i++)
		if (ms_text_width(label[i]) > lw)
			lw = ms_text_width(label[i]);
	return lw + 2;
}

int ms_explain_height(const struct ms_explain_ids *e, int idx, int w)
{
	const struct ms_explain *x = entry(e, idx);
	const char *label[4], *text[4];
	int lw, rows = 0;

	if (!x)
		return 2;
	parts(x, label, text);
	lw = label_width(label);
	for (int i = 0; i < 4; i++)
		rows += put_wrapped(NULL, 0, 0, w - 1 - lw, MAX_LINES, 0,
				    text[i], false, NULL);
	return 1 + (rows < MAX_LINES ? rows : MAX_LINES);
}

void ms_explain_draw(WINDOW *w, struct ms_rect r,
		     const struct ms_explain_ids *e, int idx,
		     const struct ms_ui *ui)
{
	const struct ms_explain *x = entry(e, idx);
	const char *label[4], *text[4];
	char title[256];
	int lw, y = r.y + 1;

	if (r.h <= 0 || r.w <= 0)
		return;
	ms_fill(w, r, ms_attr(MS_C_NORMAL));
	snprintf(title, sizeof(title), "%s: %s  %s  %d/%d  %s", _("Explain"),
		 x ? x->name : "-", x ? x->id : "", e && e->n ? idx + 1 : 0,
		 e ? e->n : 0, _("Left/Right: next  x/Esc: close"));
	ms_title(w, r.y, r.x, r.w, title, ui);
	if (!x) {
		snprintf(title, sizeof(title), "%s: %s",
			 _("No explanation for this screen"),
			 e && idx >= 0 && idx < e->n ? e->id[idx] : "-");
		ms_put(w, y, r.x + 1, r.w - 1, MS_LEFT, false,
		       ms_attr(MS_C_NOTE), title);
		return;
	}
	parts(x, label, text);
	lw = label_width(label);
	for (int i = 0; i < 4 && y < r.y + r.h; i++) {
		ms_put(w, y, r.x + 1, lw, MS_LEFT, false, ms_attr(MS_C_TITLE),
		       label[i]);
		y += put_wrapped(w, y, r.x + 1 + lw, r.w - 1 - lw,
				 r.y + r.h - y, ms_attr(MS_C_HELP), text[i],
				 i < 3 && text[i + 1][0], ui);
	}
}
