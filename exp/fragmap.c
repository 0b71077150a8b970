// SPDX-License-Identifier: GPL-2.0
/*
 * Experiment frag's map pictures: the main zone's physical memory map
 * (each pageblock's kind, as the Buddy tab's map draws it) at every
 * step, as data for gnuplot (frag-map.dat) and a PNG per step.
 */
#include "exp/frag.h"

#include <errno.h>
#include <string.h>

#include "model/census.h"
#include "model/physmap.h"

/*
 * The pictures' classes: the map's kinds, and one more for a block whose
 * pages are mostly free but that holds no free block of its own order
 * (pages pinned in it: what the experiment makes, what high orders miss)
 */
#define SPLIT MS_PK_N
#define NR_CLASS (MS_PK_N + 1)

/*
 * Each class's colour: one for every kind of the model's list
 * (MS_PM_KINDS), or the build fails; and SPLIT's.
 */
#define RGB_FREE "#e8e8e8"
#define RGB_ANON "#d62728"
#define RGB_FILE "#2ca02c"
#define RGB_UNEVICTABLE "#8c564b"
#define RGB_SLAB "#1f77b4"
#define RGB_PGTABLE "#17becf"
#define RGB_KERNEL "#202020"
#define RGB_HUGETLB "#9467bd"
#define RGB_THP "#ff7f0e"
#define RGB_MIXED "#e377c2"
#define RGB_HOLE "#ffffff"
#define RGB_DEFERRED "#dbdb8d"
#define RGB_UNREAD "#ffffff"
#define RGB(id, letter, key, label) [MS_PK_##id] = RGB_##id,
static const char *const colour[NR_CLASS] = { [SPLIT] = "#fdd835",
					      MS_PM_KINDS(RGB) };

int ms_frag_map_open(struct frag *f)
{
	f->map = ms_exp_file(f->e, "frag-map.dat");
	if (!f->map)
		return -errno;
	/* what each class number is, for a reader of the data */
	fprintf(f->map, "# classes:");
	for (int k = 0; k < MS_PK_N; k++)
		fprintf(f->map, " %s=%d", ms_pm_kind_names[k], k);
	fprintf(f->map, " free_split=%d\n", SPLIT);
	return 0;
}

void ms_frag_map_close(struct frag *f)
{
	if (f->map)
		fclose(f->map);
	f->map = NULL;
}

/* Block i's class: its kind, or SPLIT for a free one with no whole block. */
static int class_of(const struct ms_pm_zone *z, size_t i)
{
	int k = ms_pm_kind_by_letter(z->blocks[i]);
	int o = 0;

	while (o + 1 < MS_CK_ORDERS && (1ull << (o + 1)) <= z->pageblock_pages)
		o++;
	/* the live reader's pages of each block (a replay has letters) */
	if (k == MS_PK_FREE && i < (size_t)z->nr_bk && !z->bk[i].free_order[o])
		return SPLIT;
	return k;
}

/* Cells a row: about twice as wide as high, whole bytes of cells. */
static int width(size_t blocks)
{
	int w = 8;

	while ((size_t)w * w < 2 * blocks)
		w += 8;
	return w;
}

/*
 * The main zone's map of this sample as gnuplot's next data set: "x y
 * class" per block, the zone's first block at the top left.
 */
void ms_frag_map_step(struct frag *f, int step)
{
	const struct ms_physmap *pm = &f->e->snap.physmap;
	const struct zone_id *m = &f->zones[f->main_zone];
	const struct ms_pm_zone *z = NULL;
	size_t n, cells;
	int w;

	f->map_set[step] = -1;
	if (!f->map || !(f->e->snap.have & MS_SEC_BIT(MS_SEC_PHYSMAP)))
		return;
	for (int i = 0; i < pm->nr_zones; i++)
		if (pm->zones[i].node == m->node &&
		    !strcmp(pm->zones[i].zone, m->name) && pm->zones[i].blocks)
			z = &pm->zones[i];
	if (!z || !z->blocks[0])
		return;
	n = f->map_blocks = strlen(z->blocks);
	w = f->map_w = width(n);
	cells = (n + (size_t)w - 1) / (size_t)w * (size_t)w;
	f->map_pb_kb = z->pageblock_pages * 4;
	fprintf(f->map, "# step %d %s: node %d %s, %zu blocks\n", step,
		f->pt[step].phase, z->node, z->zone, n);
	/*
	 * whole rows: past the zone's end as a hole (gnuplot draws an image
	 * with NaN cells smaller than its axes)
	 */
	for (size_t i = 0; i < cells; i++) {
		int c = i < n ? class_of(z, i) : MS_PK_HOLE;

		fprintf(f->map, "%zu %zu %d\n", i % w, i / w, c);
		if (i < n)
			f->map_used |= 1u << c;
		if (i % w == (size_t)w - 1)
			fputc('\n', f->map);
	}
	/* two blank lines end a data set: the next is "index" + 1 */
	fputs("\n\n", f->map);
	f->map_set[step] = f->map_sets++;
}

/* plot.gp's picture of each step with a map, and report.md's links. */
void ms_frag_map_report(struct frag *f)
{
	const struct zone_id *m = &f->zones[f->main_zone];
	int w = f->map_w;
	size_t rows = w ? (f->map_blocks + (size_t)w - 1) / (size_t)w : 0;
	FILE *g = f->e->plot, *r = f->e->report;

	if (!f->map_sets)
		return;
	fprintf(g,
		/* reset keeps the CSVs' datafile settings: this is not one */
		"reset\nset datafile separator whitespace\n"
		"unset datafile columnheaders\n"
		"set key outside right top\nset size ratio -1\n"
		"set xrange [-0.5:%d.5]\nset yrange [%zu.5:-0.5]\n"
		"unset xtics\nunset ytics\nunset colorbox\n"
		"set palette maxcolors %d\nset cbrange [-0.5:%d.5]\n"
		"set palette defined (",
		w - 1, rows ? rows - 1 : 0, NR_CLASS, NR_CLASS - 1);
	for (int k = 0; k < NR_CLASS; k++)
		fprintf(g, "%s%d '%s'", k ? ", " : "", k, colour[k]);
	fprintf(g, ")\n");
	fprintf(r,
		"### The map, step by step\n\n"
		"Node %d %s, one cell a pageblock (%llu KiB), %d a row, the "
		"zone's first at the top left, coloured by the kind holding "
		"at least half a block's pages (the Buddy tab's map, `m`); "
		"*free, split*: mostly free, but no free block of its own "
		"order in it (the fragmenter's pins), so no order-9 "
		"allocation can have it without compaction. Data: "
		"`frag-map.dat`, one gnuplot data set per step.\n\n",
		m->node, m->name, (unsigned long long)f->map_pb_kb, w);
	for (int i = 0; i < f->n; i++) {
		if (f->map_set[i] < 0)
			continue;
		fprintf(g,
			"set output 'frag-map-%d.png'\n"
			"set title 'step %d (%s): node %d %s, one cell a "
			"pageblock'\n"
			"plot 'frag-map.dat' index %d using 1:2:3 with image "
			"notitle",
			i, i, f->pt[i].phase, m->node, m->name, f->map_set[i]);
		/* a key entry per class the pictures show */
		for (int k = 0; k < NR_CLASS; k++)
			if (f->map_used & (1u << k))
				fprintf(g,
					", NaN with boxes fs solid lc rgb "
					"'%s' title '%s'",
					colour[k],
					k == SPLIT ? "free, split" :
						     ms_pm_kind_names[k]);
		fprintf(g, "\n");
		fprintf(r, "![step %d: %s](frag-map-%d.png)\n\n", i,
			f->pt[i].phase, i);
	}
	fprintf(g, "reset\nset datafile separator ','\nset datafile "
		   "columnheaders\n");
}
