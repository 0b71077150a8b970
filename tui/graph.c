// SPDX-License-Identifier: GPL-2.0
/* Sparklines, braille plots and the graph panel of the tabs. */
#include "tui/graph.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- Drawing values -------------------------------------------------- */

static const char *const spark_utf8[] = {
	"\u2581", "\u2582", "\u2583", "\u2584",
	"\u2585", "\u2586", "\u2587", "\u2588",
};
static const char spark_ascii[] = ".:-=+*#@";
#define LEVELS 8

bool ms_graph_range(const double *v, int n, double *lo, double *hi)
{
	bool any = false;

	*lo = *hi = NAN;
	for (int i = 0; i < n; i++) {
		if (isnan(v[i]))
			continue;
		if (!any || v[i] < *lo)
			*lo = v[i];
		if (!any || v[i] > *hi)
			*hi = v[i];
		any = true;
	}
	return any;
}

/* v on a scale of steps 0..steps-1 from lo to hi; a flat line sits low. */
static int level(double v, double lo, double hi, int steps)
{
	long l;

	if (!(hi > lo))
		return v > lo || (v > 0 && lo > 0) ? steps / 2 : 0;
	l = lround((v - lo) / (hi - lo) * (steps - 1));
	return l < 0 ? 0 : l >= steps ? steps - 1 : (int)l;
}

void ms_graph_spark(WINDOW *w, int y, int x, const double *v, int n, double lo,
		    double hi, attr_t a, const struct ms_ui *ui)
{
	wattrset(w, a);
	for (int i = 0; i < n; i++) {
		int l;

		if (isnan(v[i])) {
			mvwaddch(w, y, x + i, ' ');
			continue;
		}
		l = level(v[i], lo, hi, LEVELS);
		if (ui->utf8)
			mvwaddstr(w, y, x + i, spark_utf8[l]);
		else
			mvwaddch(w, y, x + i, (chtype)spark_ascii[l]);
	}
	wattrset(w, A_NORMAL);
}

/* Braille dot bits, [column][row from the top]. */
static const unsigned char dot[2][4] = {
	{ 0x01, 0x02, 0x04, 0x40 },
	{ 0x08, 0x10, 0x20, 0x80 },
};

/* The braille cell with bits as UTF-8 (U+2800 + bits), blank for none. */
static const char *braille(char *buf, unsigned int bits)
{
	if (!bits)
		return " ";
	buf[0] = (char)0xe2;
	buf[1] = (char)(0xa0 | (bits >> 6));
	buf[2] = (char)(0x80 | (bits & 0x3f));
	buf[3] = '\0';
	return buf;
}

/* Dots of cell row `row` (0 the top of r) for a value at level l. */
static unsigned int cell_bits(int l, int row, int h, int col)
{
	unsigned int bits = 0;

	for (int d = 0; d < 4; d++) {
		int from_bottom = (h - 1 - row) * 4 + (3 - d);

		if (l >= 0 && from_bottom <= l)
			bits |= dot[col][d];
	}
	return bits;
}

static void plot_utf8(WINDOW *w, struct ms_rect r, const double *v, int n,
		      double lo, double hi)
{
	char buf[4];

	for (int c = 0; c < r.w; c++) {
		int l[2];

		for (int k = 0; k < 2; k++) {
			int i = 2 * c + k;

			l[k] = i < n && !isnan(v[i]) ?
				       level(v[i], lo, hi, 4 * r.h) :
				       -1;
		}
		for (int row = 0; row < r.h; row++)
			mvwaddstr(w, r.y + row, r.x + c,
				  braille(buf, cell_bits(l[0], row, r.h, 0) |
						       cell_bits(l[1], row, r.h,
								 1)));
	}
}

/* One column per value: ':' up to a '*' at the value. */
static void plot_ascii(WINDOW *w, struct ms_rect r, const double *v, int n,
		       double lo, double hi)
{
	for (int c = 0; c < r.w; c++) {
		int l = c < n && !isnan(v[c]) ? level(v[c], lo, hi, r.h) : -1;

		for (int k = 0; k < r.h; k++)
			mvwaddch(w, r.y + r.h - 1 - k, r.x + c,
				 k < l	? ':' :
				 k == l ? '*' :
					  ' ');
	}
}

void ms_graph_plot(WINDOW *w, struct ms_rect r, const double *v, int n,
		   double lo, double hi, attr_t a, const struct ms_ui *ui)
{
	wattrset(w, a);
	if (ui->utf8)
		plot_utf8(w, r, v, n, lo, hi);
	else
		plot_ascii(w, r, v, n, lo, hi);
	wattrset(w, A_NORMAL);
}

const char *ms_graph_span(char *buf, size_t len, double seconds)
{
	if (seconds < 120)
		snprintf(buf, len, "last %.0f s", seconds);
	else if (seconds < 7200 && fmod(seconds, 60) < 1)
		snprintf(buf, len, "last %.0f min", seconds / 60);
	else if (seconds < 7200)
		snprintf(buf, len, "last %.1f min", seconds / 60);
	else
		snprintf(buf, len, "last %.1f h", seconds / 3600);
	return buf;
}

/* ---- The graph panel ------------------------------------------------- */

int ms_gpanel_init(struct ms_gpanel *p, int max_series)
{
	memset(p, 0, sizeof(*p));
	return ms_hist_init(&p->hist, max_series);
}

void ms_gpanel_free(struct ms_gpanel *p)
{
	ms_hist_free(&p->hist);
}

void ms_gpanel_toggle(struct ms_gpanel *p)
{
	p->mode = p->shown ? MS_GRAPH_OFF : MS_GRAPH_ON;
}

#define PANEL_MIN 4 /* a title and three lines */
#define PANEL_MAX 20
#define REST_MIN 6 /* rows the tab keeps for its table */

struct ms_rect ms_gpanel_take(struct ms_gpanel *p, struct ms_rect *r)
{
	struct ms_rect g = { r->y + r->h, r->x, 0, r->w };
	int h = r->h * 2 / 5;

	p->shown = false;
	if (p->mode == MS_GRAPH_OFF ||
	    (p->mode == MS_GRAPH_AUTO && r->h < MS_GRAPH_AUTO_ROWS))
		return g;
	if (h > PANEL_MAX)
		h = PANEL_MAX;
	if (h < PANEL_MIN)
		h = PANEL_MIN;
	if (r->h - h < REST_MIN)
		h = r->h - REST_MIN;
	if (h < PANEL_MIN || r->w < 40)
		return g;
	r->h -= h;
	g.y = r->y + r->h;
	g.h = h;
	p->shown = true;
	return g;
}

static const char *fmt_value(char *buf, size_t len, double v, enum ms_gfmt f)
{
	if (isnan(v))
		return snprintf(buf, len, "-"), buf;
	switch (f) {
	case MS_GF_BYTES:
		return ms_fmt_bytes(buf, len, v < 0 ? 0 : (uint64_t)llround(v));
	case MS_GF_PCT:
		return ms_fmt_pct(buf, len, v);
	case MS_GF_RATE:
		return ms_fmt_rate(buf, len, v);
	case MS_GF_BYTE_RATE:
		return ms_fmt_byte_rate(buf, len, v);
	case MS_GF_COUNT:
		break;
	}
	if (v < 0 || v != floor(v))
		return ms_fmt_double(buf, len, v, 1);
	return ms_fmt_count(buf, len, (uint64_t)v, 6);
}

#define LABEL_W 13 /* the label column */
#define TEXT_W 24 /* "342 (12..400)" after the graph */
#define MAX_W (2 * MS_HIST_POINTS)

/* The line's values over the panel's span: n buckets of dx seconds. */
static void values(const struct ms_gpanel *p, const struct ms_gline *l,
		   double *v, int n, double dx)
{
	ms_hist_buckets(ms_hist_get(&p->hist, l->key), p->hist.now, dx, n, v);
}

/* The scale of a line: lo..hi of what is shown, from 0 for rates. */
static void scale(const struct ms_gline *l, const double *v, int n, double *lo,
		  double *hi)
{
	ms_graph_range(v, n, lo, hi);
	if (l->zero && *lo > 0)
		*lo = 0;
	if (l->fmt == MS_GF_PCT && l->zero && *hi < 1)
		*hi = 1; /* a quiet PSI stays low on the plot */
}

/* s without a last "/s" (a rate's unit, said once already). */
static void drop_per_s(char *s)
{
	size_t n = strlen(s);

	if (n > 2 && !strcmp(s + n - 2, "/s"))
		s[n - 2] = '\0';
}

/*
 * "342 (12..400)": the latest value and the range of those shown; a
 * rate's range without its "/s" where the whole is wider than width
 * ("-4.0K/s (-4.0K..-1.0K)").
 */
static void value_text(char *buf, size_t len, const struct ms_gline *l,
		       const double *v, int n, int width)
{
	char a[24], b[24], c[24];
	double last = n ? v[n - 1] : NAN, lo, hi;

	ms_graph_range(v, n, &lo, &hi);
	fmt_value(a, sizeof(a), last, l->fmt);
	fmt_value(b, sizeof(b), lo, l->fmt);
	fmt_value(c, sizeof(c), hi, l->fmt);
	snprintf(buf, len, "%s (%s..%s)", a, b, c);
	if ((int)strlen(buf) > width) {
		drop_per_s(b);
		drop_per_s(c);
		snprintf(buf, len, "%s (%s..%s)", a, b, c);
	}
}

static void spark_line(const struct ms_gpanel *p, WINDOW *w, int y, int x,
		       int sw, const struct ms_gline *l, double dx,
		       const struct ms_ui *ui)
{
	double v[MAX_W], lo, hi;
	char text[80];

	values(p, l, v, sw, dx);
	scale(l, v, sw, &lo, &hi);
	ms_put(w, y, x, LABEL_W, MS_LEFT, true, ms_attr(MS_C_DIM), l->label);
	ms_graph_spark(w, y, x + LABEL_W, v, sw, lo, hi, ms_attr(MS_C_BAR), ui);
	value_text(text, sizeof(text), l, v, sw, TEXT_W - 1);
	ms_put_cut(w, y, x + LABEL_W + sw + 1, TEXT_W - 1, ms_attr(MS_C_NORMAL),
		   text, ui);
}

/* The first line as a plot of h rows, its scale in the label column. */
static void plot_line(const struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
		      int sw, const struct ms_gline *l, double dx,
		      const struct ms_ui *ui)
{
	int dots = ui->utf8 ? 2 * sw : sw;
	double v[MAX_W], lo, hi;
	char a[24], text[80];

	values(p, l, v, dots, ui->utf8 ? dx / 2 : dx);
	scale(l, v, dots, &lo, &hi);
	ms_put(w, r.y, r.x, LABEL_W, MS_LEFT, true, ms_attr(MS_C_DIM),
	       fmt_value(a, sizeof(a), hi, l->fmt));
	ms_put(w, r.y + r.h / 2, r.x, LABEL_W, MS_LEFT, true, ms_attr(MS_C_DIM),
	       l->label);
	ms_put(w, r.y + r.h - 1, r.x, LABEL_W, MS_LEFT, true, ms_attr(MS_C_DIM),
	       fmt_value(a, sizeof(a), lo, l->fmt));
	ms_graph_plot(w, (struct ms_rect){ r.y, r.x + LABEL_W, r.h, sw }, v,
		      dots, lo, hi, ms_attr(MS_C_BAR), ui);
	value_text(text, sizeof(text), l, v, dots, TEXT_W - 1);
	ms_put_cut(w, r.y + r.h - 1, r.x + LABEL_W + sw + 1, TEXT_W - 1,
		   ms_attr(MS_C_NORMAL), text, ui);
}

/* Columns of lines side by side when they do not fit one under another. */
static int columns(int n, int rows, int width)
{
	int c = rows > 0 ? (n + rows - 1) / rows : 1;

	while (c > 1 && width / c < LABEL_W + TEXT_W + 10)
		c--;
	return c < 1 ? 1 : c;
}

void ms_gpanel_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
		    const char *what, const struct ms_gline *l, int n,
		    const struct ms_ui *ui)
{
	int rows = r.h - 1, ph = 0, nc, cw, sw, y = r.y + 1, shown;
	double dx = p->hist.interval > 0 ? p->hist.interval : 1;
	char title[256], span[32];

	if (r.h <= 0)
		return;
	ms_fill(w, r, ms_attr(MS_C_NORMAL));
	if (n > MS_GLINES)
		n = MS_GLINES;
	/* a plot of the first line with the rows the others leave */
	if (n && rows - (n - 1) >= 3) {
		ph = rows - (n - 1);
		rows -= ph;
	}
	nc = columns(ph ? n - 1 : n, rows, r.w);
	cw = r.w / nc;
	sw = cw - LABEL_W - TEXT_W;
	if (sw > MS_HIST_POINTS)
		sw = MS_HIST_POINTS;
	if (sw < 4 || !n || (rows < 1 && !ph)) {
		ms_title(w, r.y, r.x, r.w, "History: no room for the graphs",
			 ui);
		return;
	}
	snprintf(title, sizeof(title), "History, %s: %s  (H hides)",
		 ms_graph_span(span, sizeof(span), sw * dx), what);
	ms_title(w, r.y, r.x, r.w, title, ui);
	if (ph) {
		plot_line(p, w, (struct ms_rect){ y, r.x, ph, r.w }, sw, l, dx,
			  ui);
		y += ph;
		l++, n--;
	}
	/* more lines than rows: the last row says how many are not shown
	 * (with one row, a graph rather than only that) */
	shown = n <= rows * nc ? n : rows * nc - (rows * nc >= 2);
	for (int i = 0; i < shown; i++)
		spark_line(p, w, y + i % rows, r.x + (i / rows) * cw, sw, &l[i],
			   dx, ui);
	if (shown < n && rows * nc >= 2) {
		snprintf(title, sizeof(title),
			 "+%d more: a taller or wider terminal shows them",
			 n - shown);
		ms_put_cut(w, y + shown % rows, r.x + (shown / rows) * cw, cw,
			   ms_attr(MS_C_DIM), title, ui);
	}
}

/* ---- what the tabs feed and draw -------------------------------------- */

const char *ms_graph_memory(char *buf, size_t len)
{
	double kib = (double)ms_hist_bound(MS_GRAPH_SERIES) / 1024;

	snprintf(buf, len, "history: %d samples x %d series = %.0f KiB at most",
		 MS_HIST_POINTS, MS_GRAPH_SERIES, kib);
	return buf;
}

bool ms_gpanel_tick(struct ms_gpanel *p, const struct ms_snapshot *s,
		    const struct ms_ui *ui)
{
	return s && ms_hist_tick(&p->hist, s->t_mono, ui->interval);
}

void ms_gpanel_push(struct ms_gpanel *p, double v, const char *fmt, ...)
{
	char key[MS_HIST_KEY];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(key, sizeof(key), fmt, ap);
	va_end(ap);
	ms_hist_push(&p->hist, key, v);
}

double ms_gval(uint64_t v)
{
	return ms_have(v) ? (double)v : NAN;
}

void ms_gtop_offer(struct ms_gtop *t, int i, double v)
{
	int j, max = t->max < MS_GTOP ? t->max : MS_GTOP;

	for (j = t->n; j > 0 && t->v[j - 1] < v; j--)
		if (j < max) {
			t->i[j] = t->i[j - 1];
			t->v[j] = t->v[j - 1];
		}
	if (j >= max)
		return;
	t->i[j] = i;
	t->v[j] = v;
	if (t->n < max)
		t->n++;
}

struct ms_gline *ms_gline_add(struct ms_gline *l, int *n, enum ms_gfmt fmt,
			      bool zero, const char *label, const char *fmt_key,
			      ...)
{
	struct ms_gline *g;
	va_list ap;

	if (*n >= MS_GLINES)
		return NULL;
	g = &l[(*n)++];
	memset(g, 0, sizeof(*g));
	snprintf(g->label, sizeof(g->label), "%s", label);
	va_start(ap, fmt_key);
	vsnprintf(g->key, sizeof(g->key), fmt_key, ap);
	va_end(ap);
	g->fmt = fmt;
	g->zero = zero;
	return g;
}
