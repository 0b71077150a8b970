// SPDX-License-Identifier: GPL-2.0
/* Markdown tables of the experiment reports. */
#include "exp/exp.h"

#include <math.h>

static void cell(FILE *f, const char *s)
{
	fputs(" ", f);
	for (; *s; s++) {
		if (*s == '|')
			fputc('\\', f);
		/* a newline would end the table row */
		fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
	}
	fputs(" |", f);
}

void ms_md_head(FILE *f, const char *const *cols, int n)
{
	ms_md_row(f, cols, n);
	fputc('|', f);
	for (int i = 0; i < n; i++)
		fputs("---|", f);
	fputc('\n', f);
}

void ms_md_row(FILE *f, const char *const *cells, int n)
{
	fputc('|', f);
	for (int i = 0; i < n; i++)
		cell(f, cells[i]);
	fputc('\n', f);
}

const char *ms_md_num(char *buf, size_t len, double v, int decimals)
{
	if (!isfinite(v))
		snprintf(buf, len, "n/a");
	else
		snprintf(buf, len, "%.*f", decimals, v);
	return buf;
}
