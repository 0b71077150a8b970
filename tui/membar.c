// SPDX-License-Identifier: GPL-2.0
/*
 * The memory ledger's top-level buckets as segments of one line (the
 * header's memory bar) and their kinds, colours and letters, which the
 * Memory tab's stacked history uses too.
 */
#include "tui/membar.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tui/widgets.h"

/* A bucket's kind: its colour, its letter without colours, its label. */
static const struct {
	const char *name, *label;
	enum ms_color c;
} kinds[] = {
	{ "free", "free", MS_C_MEM_FREE },
	{ "file", "file", MS_C_MEM_FILE },
	{ "shmem", "shmem", MS_C_MEM_ANON },
	{ "anon", "anon", MS_C_MEM_ANON },
	{ "swap_cache", "swapc", MS_C_MEM_ANON },
	{ "slab", "slab", MS_C_MEM_KERNEL },
	{ "kernel_stack", "stack", MS_C_MEM_KERNEL },
	{ "page_tables", "ptbl", MS_C_MEM_KERNEL },
	{ "vmalloc", "vmalloc", MS_C_MEM_KERNEL },
	{ "percpu", "percpu", MS_C_MEM_KERNEL },
	{ "reserved", "resv", MS_C_MEM_RESERVED },
	{ "deferred", "deferred", MS_C_MEM_RESERVED },
	{ "hugetlb", "huge", MS_C_MEM_RESERVED },
	{ "memmap", "memmap", MS_C_MEM_RESERVED },
	{ "unexplained", "unexpl", MS_C_MEM_UNEXPLAINED },
};

static const char letters[] = {
	[MS_C_MEM_FREE] = '.',	   [MS_C_MEM_FILE] = '=',
	[MS_C_MEM_ANON] = '#',	   [MS_C_MEM_KERNEL] = '+',
	[MS_C_MEM_RESERVED] = ':', [MS_C_MEM_UNEXPLAINED] = '?',
};

static int kind(const char *bucket)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(kinds[i].name, bucket))
			return (int)i;
	return -1;
}

enum ms_color ms_membar_color(const char *bucket)
{
	int k = kind(bucket);

	/* the rest (kernel_misc, zswap, zram, bounce ...) is the kernel's */
	return k < 0 ? MS_C_MEM_KERNEL : kinds[k].c;
}

char ms_membar_fill(const char *bucket, const struct ms_ui *ui)
{
	enum ms_color c = ms_membar_color(bucket);
	short fg, bg;
	attr_t a;

	/* a blank shows its kind only on a background colour (not mono) */
	ms_theme_get(c, &fg, &bg, &a);
	return ui->color && bg >= 0 ? ' ' : letters[c];
}

const char *ms_membar_label(const char *bucket)
{
	int k = kind(bucket);

	return k < 0 ? bucket : kinds[k].label;
}

#define MEMBAR_MIN 40 /* columns the bar keeps before the figure goes */

bool ms_membar_line(WINDOW *w, int y, int width, const struct ms_snapshot *s,
		    const struct ms_ui *ui)
{
	const struct ms_memory *m = &s->memory;
	char full[48], brief[24], kb[16];
	struct ms_piece p[1] = { { full, brief, 10, 20, MS_FIT_FULL } };
	int x;

	if (!(s->have & MS_SEC_BIT(MS_SEC_MEMORY)) || !m->ledger.n)
		return false;
	ms_fmt_kb(kb, sizeof(kb), m->physical_kb);
	snprintf(full, sizeof(full), "RAM %s", kb);
	snprintf(brief, sizeof(brief), "%s", kb);
	ms_put(w, y, 0, width, MS_LEFT, true, ms_attr(MS_C_HEADER), "");
	x = ms_fit(p, 1, 1, width - MEMBAR_MIN);
	if (p[0].how != MS_FIT_DROP) {
		ms_put(w, y, 0, x, MS_LEFT, false, ms_attr(MS_C_HEADER),
		       p[0].how == MS_FIT_BRIEF ? brief : full);
		x++;
	} else {
		x = 0;
	}
	ms_membar_draw(w, y, x, width - x, &m->ledger, m->physical_kb, ui);
	return true;
}

void ms_membar_draw(WINDOW *w, int y, int x, int width,
		    const struct ms_ledger *l, uint64_t physical_kb,
		    const struct ms_ui *ui)
{
	double sum = 0, whole = 0;
	int at = 0;

	for (int i = 0; i < l->n; i++)
		if (!l->v[i].parent[0] && ms_have(l->v[i].kb))
			sum += (double)l->v[i].kb;
	whole = ms_have(physical_kb) && physical_kb ? (double)physical_kb : sum;
	if (width <= 0 || !(whole > 0))
		return;
	sum = 0;
	for (int i = 0; i < l->n && at < width; i++) {
		const struct ms_ledger_entry *e = &l->v[i];
		attr_t a = ms_attr(ms_membar_color(e->name));
		char lab[48], fill = ms_membar_fill(e->name, ui);
		int end, n, room;

		if (e->parent[0] || !ms_have(e->kb))
			continue;
		sum += (double)e->kb;
		/* boundaries rounded from the running sum: widths add up */
		end = (int)lround(sum / whole * width);
		if (end > width)
			end = width;
		n = end - at;
		if (n <= 0)
			continue;
		mvwhline(w, y, x + at, (chtype)(unsigned char)fill | a, n);
		snprintf(lab, sizeof(lab), "%s %.0f%%",
			 ms_membar_label(e->name),
			 100.0 * (double)e->kb / whole);
		/* a blank before the next segment's label: "resv free" */
		room = end < width ? n - 1 : n;
		if (ms_text_width(lab) > room)
			snprintf(lab, sizeof(lab), "%s",
				 ms_membar_label(e->name));
		if (ms_text_width(lab) <= room)
			ms_put(w, y, x + at, n, MS_LEFT, false, a, lab);
		at = end;
	}
}
