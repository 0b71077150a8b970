// SPDX-License-Identifier: GPL-2.0
/* What does not fit its place, said so: pieces of a line shortened or
 * dropped by priority (header, footer), text cut with a mark, the scroll
 * bar of a list or screen longer than the screen. */
#include "tui/widgets.h"

#include <stdio.h>
#include <string.h>

static const char *shown(const struct ms_piece *p)
{
	return p->how == MS_FIT_BRIEF ? p->brief : p->text;
}

/* Columns of the shown pieces, gap apart. */
static int fit_width(const struct ms_piece *p, int n, int gap)
{
	int w = 0, k = 0;

	for (int i = 0; i < n; i++)
		if (p[i].how)
			w += (k++ ? gap : 0) + ms_text_width(shown(&p[i]));
	return w;
}

/* The priority of shortening a piece: its own, or just below dropping it. */
static int brief_prio(const struct ms_piece *p)
{
	return p->brief_prio ? p->brief_prio : p->prio;
}

/*
 * The next step: the piece to shorten or drop (*brief says which) of the
 * lowest priority, of equals a shortening first, then the piece further
 * right; -1 when nothing is left to do.
 */
static int next_step(const struct ms_piece *p, int n, bool *brief)
{
	int best = -1, bp = 0;

	for (int i = 0; i < n; i++)
		for (int b = 1; b >= 0; b--) {
			int pr = b ? brief_prio(&p[i]) : p[i].prio;

			if (b ? p[i].how != MS_FIT_FULL || !p[i].brief :
				!p[i].how || p[i].prio >= MS_PRIO_KEEP)
				continue;
			/* lower first; of equals a shortening, then the later */
			if (best < 0 || pr < bp ||
			    (pr == bp && (b || !*brief))) {
				best = i, bp = pr, *brief = b;
				break;
			}
		}
	return best;
}

int ms_fit(struct ms_piece *p, int n, int gap, int width)
{
	bool brief = false;
	int i;

	for (i = 0; i < n; i++)
		p[i].how = p[i].text && p[i].text[0] ? MS_FIT_FULL :
						       MS_FIT_DROP;
	while (fit_width(p, n, gap) > width &&
	       (i = next_step(p, n, &brief)) >= 0)
		p[i].how = brief ? MS_FIT_BRIEF : MS_FIT_DROP;
	return fit_width(p, n, gap);
}

const char *ms_fit_join(char *buf, size_t len, const struct ms_piece *p, int n,
			int gap)
{
	size_t off = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && off < len; i++)
		if (p[i].how)
			off += (size_t)snprintf(buf + off, len - off, "%*s%s",
						off ? gap : 0, "",
						shown(&p[i]));
	return buf;
}

int ms_split_hints(struct ms_piece *p, int max, char *hints, int prio)
{
	int n = 0;
	char *s = hints, *e;

	while (s && *s && n < max) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		e = strstr(s, "  ");
		if (e)
			*e = '\0';
		/* a way back out of a screen outranks the screen's other keys */
		p[n] = (struct ms_piece){ .text = s,
					  .prio = !strncmp(s, "Esc", 3) ?
							  prio + MS_PRIO_BACK :
							  prio - n };
		n++;
		s = e ? e + 2 : NULL;
	}
	return n;
}

/* Whether s fits in width columns, but for spaces at its end. */
static bool fits(const char *s, int width)
{
	int cols, used = 0, n;

	while (*s && (n = ms_text_next(s, &cols)) > 0 && used + cols <= width) {
		used += cols;
		s += n;
	}
	return !s[strspn(s, " ")];
}

int ms_put_cut(WINDOW *w, int y, int x, int width, attr_t a, const char *s,
	       const struct ms_ui *ui)
{
	const char *mark = ui && ui->utf8 ? "\u2026" : "~";
	int n;

	if (width <= 0 || !s)
		return 0;
	if (fits(s, width))
		return ms_put(w, y, x, width, MS_LEFT, false, a, s);
	n = ms_put(w, y, x, width - 1, MS_LEFT, false, a, s);
	return n + ms_put(w, y, x + n, 1, MS_LEFT, false, a, mark);
}

int ms_put_esc_cut(WINDOW *w, int y, int x, int width, attr_t a,
		   const char *raw, const struct ms_ui *ui)
{
	char e[1024];

	ms_put(w, y, x, width, MS_LEFT, true, a, "");
	return ms_put_cut(w, y, x, width, a, ms_esc(e, sizeof(e), raw), ui);
}

void ms_scrollbar(WINDOW *w, int x, int y, int h, int top, int total,
		  const struct ms_ui *ui)
{
	bool utf8 = ui && ui->utf8;
	int len, pos;

	if (total <= h || h < 1)
		return;
	len = (int)((long)h * h / total);
	if (len < 1)
		len = 1;
	pos = (int)(((long)top * (h - len) + (total - h) / 2) / (total - h));
	/* hidden rows above (below): the thumb leaves the top (bottom) */
	if (top > 0 && pos < 1 && h - len >= 2)
		pos = 1;
	if (top + h < total && pos + len >= h && h - len >= 2)
		pos = h - len - 1;
	for (int i = 0; i < h; i++) {
		bool thumb = i >= pos && i < pos + len;

		ms_put(w, y + i, x, 1, MS_LEFT, false,
		       ms_attr(thumb ? MS_C_NORMAL : MS_C_DIM),
		       thumb ? (utf8 ? "\u2588" : "#") :
			       (utf8 ? "\u2502" : "|"));
	}
}
