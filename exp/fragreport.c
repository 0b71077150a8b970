// SPDX-License-Identifier: GPL-2.0
/*
 * Experiment frag's report: the run's settings, the table of its points,
 * the checks of what fragmenting and compaction did, and the plots.
 */
#include "exp/frag.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static void report_params(struct frag *f)
{
	FILE *r = f->e->report;

	fprintf(r,
		"## Parameters\n\n"
		"1. **fill**: up to %d steps of at most %u MiB each map "
		"anonymous memory (MADV_NOHUGEPAGE: 4 KiB pages) and touch "
		"every page, until MemFree is down to %u MiB: the zones' "
		"high watermarks (%u MiB) plus twice their high - min gap "
		"(at least 16 MiB); filling stops early if kswapd or "
		"direct reclaim scan more than %d pages in a step%s%s\n"
		"2. **punch**: free every other page of all that (order-0 "
		"holes between kept pages) and mlock one kept page in "
		"every pageblock (order %d) the kept pages sit in, %s\n"
		"3. **take**: in %d steps (2 more while blocks are left and "
		"taken), a huge-page user (MADV_HUGEPAGE, "
		"one byte touched per 2 MiB) takes the free blocks of "
		"order >= %d that the floor left, so what stays free is "
		"the holes\n"
		"4. **compact**: write 1 to `/proc/sys/vm/compact_memory` "
		"with the pins in place: kept pages move, but no block of "
		"pageblock order can be rebuilt around a pinned page\n"
		"5. **unpin+cmp**: free the pinned pages, compact again\n\n"
		"- One child process (oom_score_adj 1000) holds everything "
		"until the end; at most %u MiB mapped\n"
		"- `vm.compact_unevictable_allowed` = 0 during the run, so "
		"compaction cannot move mlocked pages, and "
		"`vm.percpu_pagelist_high_fraction` = 1000000, so the per-CPU "
		"free lists stay short and freed pages show in buddyinfo, "
		"and `vm.compaction_proactiveness` = 0, so kcompactd does "
		"not compact on its own (all restored afterwards); "
		"transparent huge pages: %s\n"
		"- Allocation probe (memscope.ko): orders 0..%d, %d attempts "
		"each, GFP_KERNEL|__GFP_NORETRY, freed at once\n"
		"- Indices of the main zone (node %d %s): the seed's "
		"fragmentation index 100-100*2^largest/free, the kernel's "
		"unusable free space index and extfrag index at order %d\n\n",
		f->p.fill_steps, f->p.fill_mb, f->p.reserve_mb, f->p.high_mb,
		RECLAIM_STOP_PAGES, f->stopped ? ": it did (" : "",
		f->stopped ? "reclaim woke)" : "", f->p.pb_order,
		f->pfns ? "found by page frame number (/proc/self/pagemap)" :
			  "one in every 2^(order-1) kept pages (no page frame "
			  "numbers)",
		f->p.take_steps, f->p.pb_order, MAX_MAPPED_MB,
		!strcmp(f->thp, "never") ? "`madvise` for the run (they were "
					   "`never`)" :
		*f->thp			 ? f->thp :
					   "unknown",
		f->nr_orders - 1, f->p.probe_count, f->zones[f->main_zone].node,
		f->zones[f->main_zone].name, PROBE_ORDER);
}

static void table_row(struct frag *f, int i)
{
	const struct point *p = &f->pt[i];
	char b[24][32], zl[MAX_ZONES * 8] = "";
	const char *cells[24];
	static const int orders[] = { 3, 6, 8, 9, 10 };
	int n = 0;

	for (int z = 0; z < f->nr_zones; z++)
		snprintf(zl + strlen(zl), sizeof(zl) - strlen(zl), "%s%d",
			 z ? " / " : "", p->largest[z]);
	snprintf(b[n], 32, "%d", i), cells[n] = b[n], n++;
	cells[n++] = p->phase;
	snprintf(b[n], 32, "%ld", p->held_mb), cells[n] = b[n], n++;
	snprintf(b[n], 32, "%ld", p->pins), cells[n] = b[n], n++;
	cells[n] = ms_md_num(b[n], 32, p->free_mb, 0), n++;
	cells[n++] = zl;
	cells[n] = ms_md_num(b[n], 32, p->frag, 1), n++;
	cells[n] = ms_md_num(b[n], 32, p->unusable, 3), n++;
	cells[n] = ms_md_num(b[n], 32, p->extfrag, 3), n++;
	for (size_t k = 0; k < sizeof(orders) / sizeof(orders[0]); k++)
		cells[n] = ms_md_num(
			b[n], 32,
			orders[k] < f->nr_orders ? p->ok_pct[orders[k]] : NAN,
			0),
		n++;
	cells[n] = ms_md_num(b[n], 32, p->mean_us[PROBE_ORDER] / 1e3, 2), n++;
	cells[n] = ms_md_num(b[n], 32, counter_delta(f, i, 0), 0), n++;
	cells[n] = ms_md_num(b[n], 32, counter_delta(f, i, 8), 0), n++;
	cells[n] = ms_md_num(b[n], 32, p->unusable_below, 3), n++;
	cells[n] = ms_md_num(b[n], 32, counter_delta(f, i, 5), 0), n++;
	cells[n] = ms_md_num(
		b[n], 32, counter_delta(f, i, 3) + counter_delta(f, i, 4), 0),
	n++;
	ms_md_row(f->e->report, cells, n);
}

static void report_table(struct frag *f)
{
	static const char *const cols[] = {
		"step",
		"phase",
		"held MiB",
		"pinned",
		"MemFree MiB",
		"largest free order per zone",
		"frag index %",
		"unusable(9)",
		"extfrag(9)",
		"ok% o3",
		"ok% o6",
		"ok% o8",
		"ok% o9",
		"ok% o10",
		"o9 mean ms",
		"kswapd scanned",
		"compaction scanned",
		"unusable(8)",
		"compact stalls",
		"reclaim stalls",
	};
	FILE *r = f->e->report;

	fprintf(r, "## Results\n\nZones (largest free order column, in "
		   "order):");
	for (int z = 0; z < f->nr_zones; z++)
		fprintf(r, " %snode %d %s", z ? "/ " : "", f->zones[z].node,
			f->zones[z].name);
	fprintf(r,
		". `held`: 4 KiB pages and huge pages the fragmenter "
		"holds; `pinned`: its mlocked pages. `ok%%`: allocation "
		"probe successes per order%s; `o9 mean ms`: its mean "
		"latency at order 9; kswapd and compaction: pages scanned "
		"since the step before (pgscan_kswapd, "
		"compact_migrate_scanned); `unusable(8)`: the unusable "
		"index one order below the pageblock, where compaction can "
		"still work around the pins; stalls: compact_stall and "
		"allocstall_* since the step before (allocations that "
		"compacted or reclaimed themselves).\n\n",
		f->probe ? "" : " (n/a: memscope.ko is not loaded)");
	ms_md_head(r, cols, 20);
	for (int i = 0; i < f->n; i++)
		table_row(f, i);
	fprintf(r,
		"\n![largest free order per zone and the seed's "
		"fragmentation index](frag-largest.png)\n\n"
		"![allocation probe success per order](frag-probe.png)\n\n"
		"![kswapd and compaction activity](frag-activity.png)\n\n"
		"Data: `frag-zones.csv` (every zone and step), "
		"`frag-buddy.csv` (free blocks per order, as /proc/buddyinfo), "
		"`frag-probe.csv` (probe per order: attempts, successes, "
		"mean and max latency), `frag-vmstat.csv` (kswapd and "
		"compaction counters, deltas per step).\n\n");
}

static int find_phase(const struct frag *f, const char *phase)
{
	for (int i = 0; i < f->n; i++)
		if (!strcmp(f->pt[i].phase, phase))
			return i;
	return -1;
}

static void check_compaction(struct frag *f, int fr, int cp, int un)
{
	FILE *r = f->e->report;
	int mz = f->main_zone, pb = f->p.pb_order;
	const struct point *pf = &f->pt[fr], *pc = &f->pt[cp];

	if (pc->largest[mz] > pf->largest[mz])
		fprintf(r,
			"- Compaction with the pins in place raised the "
			"main zone's largest free order from %d to %d%s.\n",
			pf->largest[mz], pc->largest[mz],
			pc->largest[mz] < pb ? ", still below the pageblock "
					       "order" :
					       "");
	else
		fprintf(r,
			"- Compaction could not raise the main zone's "
			"largest free order (%d before, %d after)%s.\n",
			pf->largest[mz], pc->largest[mz],
			pf->largest[mz] == f->nr_orders - 1 ?
				": it was already the highest order" :
				"");
	fprintf(r,
		"- Compaction %s the unusable index at order %d (%.3f "
		"before, %.3f after).\n",
		pc->unusable < pf->unusable ? "lowered" : "could not lower",
		PROBE_ORDER, pf->unusable, pc->unusable);
	fprintf(r,
		"- Below the pageblock order compaction %s: the unusable "
		"index at order %d went from %.3f to %.3f.\n",
		pc->unusable_below < pf->unusable_below ?
			"recovered free blocks" :
			"recovered nothing",
		pb - 1, pf->unusable_below, pc->unusable_below);
	if (un < 0)
		return;
	fprintf(r,
		"- With the pins freed, compaction %s blocks of order "
		">= %d: the unusable index at order %d went from %.3f "
		"(with the pins) to %.3f; the largest free order is %d "
		"(%d with the pins), order-9 probe success %.0f%% (%.0f%% "
		"with the pins).\n",
		f->pt[un].unusable < pc->unusable ? "rebuilt" :
						    "could not rebuild",
		pb, PROBE_ORDER, pc->unusable, f->pt[un].unusable,
		f->pt[un].largest[mz], pc->largest[mz],
		f->pt[un].ok_pct[PROBE_ORDER], pc->ok_pct[PROBE_ORDER]);
}

/* Order-9 candidates of every zone at point p; -1 where not read. */
static long long order9(const struct frag *f, const struct point *p)
{
	long long n = 0;

	for (int z = 0; z < f->nr_zones; z++) {
		if (!ms_have(p->order9[z]))
			return -1;
		n += (long long)p->order9[z];
	}
	return n;
}

/*
 * The blocks compaction could make free order-9 ones fall while
 * fragmenting (a pin in each) and rise once the pins are freed.
 */
static void order9_checks(struct frag *f, FILE *s, int fr, int cp, int un)
{
	long long a = order9(f, &f->pt[0]), b = order9(f, &f->pt[fr]);
	long long c = order9(f, &f->pt[cp]);
	long long d = un >= 0 ? order9(f, &f->pt[un]) : -1;

	fprintf(f->e->report,
		"- Blocks compaction could make free order-9 ones (every page "
		"free or movable, mlocked pages pinning; /proc/kpageflags): "
		"%lld at the start, %lld after fragmenting, %lld compacted "
		"with the pins, %lld after unpinning (-1: not read).\n",
		a, b, c, d);
	fprintf(s,
		"order9_start,%lld\norder9_fragmented,%lld\n"
		"order9_compacted,%lld\norder9_unpinned,%lld\n"
		"order9_falling,%d\norder9_rising,%d\n",
		a, b, c, d, b >= 0 && b < a, d >= 0 && d > b);
}

/* Checks on the direction of the series, also in summary.csv for tests. */
static int report_checks(struct frag *f)
{
	FILE *r = f->e->report, *s;
	int fr = f->last_frag, cp = find_phase(f, "compact");
	int un = find_phase(f, "unpin+cmp"), mz = f->main_zone;
	int pb = f->p.pb_order, ser[MAX_STEPS + 2], rising;
	const struct point *p0 = &f->pt[0], *pf = &f->pt[fr];
	const struct point *pc, *pu;
	double unus[MAX_STEPS + 2];
	bool mono = true, real;

	if (cp < 0)
		return -ENODATA;
	if (!(s = ms_exp_file(f->e, "summary.csv")))
		return -errno;
	pc = &f->pt[cp];
	pu = un >= 0 ? &f->pt[un] : pc;
	for (int z = 0; z < f->nr_zones; z++) {
		for (int i = 0; i <= fr; i++)
			ser[i] = f->pt[i].largest[z];
		mono &= ms_nonincreasing(ser, (size_t)fr + 1);
	}
	for (int i = 0; i <= fr; i++)
		unus[i] = f->pt[i].unusable;
	rising = ms_trend(unus, (size_t)fr + 1);
	real = (pf->largest[mz] >= 0 && pf->largest[mz] < pb) ||
	       pf->ok_pct[PROBE_ORDER] < p0->ok_pct[PROBE_ORDER];
	fprintf(r,
		"## Checks\n\n- While fragmenting, the largest free order "
		"of every zone %s (main zone: %d at the start, %d after "
		"the last step).\n",
		mono ? "did not grow" : "**grew** at some step",
		p0->largest[mz], pf->largest[mz]);
	fprintf(r,
		"- The fragmentation is %s: with %.0f MiB free, the main "
		"zone's largest free block is of order %d (pageblock order "
		"%d) and the probe's order-9 success went from %.0f%% to "
		"%.0f%%.\n",
		real ? "real" : "**not real**", pf->free_mb, pf->largest[mz],
		pb, p0->ok_pct[PROBE_ORDER], pf->ok_pct[PROBE_ORDER]);
	fprintf(r,
		"- The unusable free space index at order %d %s while "
		"fragmenting (%.3f to %.3f).\n",
		PROBE_ORDER,
		rising > 0 ? "rose" :
		rising < 0 ? "**fell**" :
			     "stayed",
		p0->unusable, pf->unusable);
	check_compaction(f, fr, cp, un);
	fprintf(s,
		"check,value\nsteps,%d\nprobe,%d\npageblock_order,%d\n"
		"largest_start,%d\nlargest_fragmented,%d\n"
		"largest_compacted,%d\nlargest_unpinned,%d\n"
		"nonincreasing,%d\nfragmented,%d\nok9_start,%.1f\n"
		"ok9_fragmented,%.1f\nok9_unpinned,%.1f\n"
		"compaction_raised,%d\nunpin_rebuilt,%d\n"
		"unusable_start,%.3f\nunusable_fragmented,%.3f\n"
		"unusable_compacted,%.3f\nunusable_unpinned,%.3f\n"
		"unusable_rising,%d\n"
		"compaction_lowered,%d\nunusable_below_fragmented,%.3f\n"
		"unusable_below_compacted,%.3f\ncompaction_recovered_below,"
		"%d\n",
		fr, f->probe, pb, p0->largest[mz], pf->largest[mz],
		pc->largest[mz], pu->largest[mz], mono, real,
		p0->ok_pct[PROBE_ORDER], pf->ok_pct[PROBE_ORDER],
		pu->ok_pct[PROBE_ORDER], pc->largest[mz] > pf->largest[mz],
		un >= 0 &&
			pu->unusable<pc->unusable, p0->unusable, pf->unusable,
				     pc->unusable, pu->unusable, rising> 0,
		pc->unusable < pf->unusable, pf->unusable_below,
		pc->unusable_below, pc->unusable_below < pf->unusable_below);
	order9_checks(f, s, fr, cp, un);
	return fclose(s) ? -errno : 0;
}

/* frag-vmstat.csv's deltas per step: kswapd, compaction, stalls */
static void plot_activity(struct frag *f)
{
	static const struct {
		int col;
		const char *title;
	} s[] = {
		{ 3, "pages scanned by kswapd" },
		{ 11, "pages scanned by compaction (migrate)" },
		{ 12, "pages scanned by compaction (free)" },
		{ 8, "compaction stalls x 1000" },
		{ 6, "reclaim stalls (Normal) x 1000" },
	};
	FILE *g = f->e->plot;

	fprintf(g,
		"set output 'frag-activity.png'\nset title 'kswapd and "
		"compaction per step (deltas of /proc/vmstat)'\n"
		"set xlabel 'step'\nset ylabel 'pages (stalls x 1000)'\n"
		"set xrange [0.5:%d.5]\nset yrange [0:*]\nplot ",
		f->n - 1);
	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++)
		fprintf(g,
			"%s'frag-vmstat.csv' using 1:($%d * %s) with "
			"linespoints title '%s'",
			i ? ", " : "", s[i].col, i >= 3 ? "1000" : "1",
			s[i].title);
	fprintf(g, "\nunset xrange\nunset yrange\n");
}

/* One line per step of the probe CSV's column col against the order. */
static void probe_lines(FILE *g, const struct frag *f, int col)
{
	for (int i = 0; i < f->n; i++)
		fprintf(g,
			"%s'frag-probe.csv' using 3:($1 == %d ? $%d : NaN) "
			"with linespoints title '%d %s'",
			i ? ", " : "", i, col, i, f->pt[i].phase);
}

static void plot(struct frag *f)
{
	FILE *g = f->e->plot;
	const struct zone_id *m = &f->zones[f->main_zone];

	fprintf(g,
		"set output 'frag-largest.png'\n"
		"set title 'Largest free order per zone: fill, punch, take, "
		"compact, unpin + compact'\n"
		"set xlabel 'step'\nset ylabel 'largest free order'\n"
		"set yrange [-1:%d]\nset y2label 'index (%%)'\n"
		"set y2range [0:100]\nset y2tics\nset ytics nomirror\n"
		"plot ",
		f->nr_orders);
	for (int z = 0; z < f->nr_zones; z++)
		fprintf(g,
			"'frag-zones.csv' using 1:(strcol(3) eq '%d' && "
			"strcol(4) eq '%s' ? $6 : NaN) with linespoints "
			"title 'node %d %s', ",
			f->zones[z].node, f->zones[z].name, f->zones[z].node,
			f->zones[z].name);
	fprintf(g,
		"'frag-zones.csv' using 1:(strcol(3) eq '%d' && strcol(4) "
		"eq '%s' ? 100 * $8 : NaN) axes x1y2 with linespoints dt 2 "
		"title 'unusable index, order %d (node %d %s)', "
		"'frag-zones.csv' using 1:(strcol(3) eq '%d' && strcol(4) "
		"eq '%s' ? $7 : NaN) axes x1y2 with linespoints dt 3 "
		"title 'seed fragmentation index'\n",
		m->node, m->name, PROBE_ORDER, m->node, m->name, m->node,
		m->name);
	fprintf(g,
		"unset y2tics\nunset y2label\nset ytics mirror\n"
		"set output 'frag-probe.png'\nset multiplot layout 2,1 "
		"title 'Allocation probe (memscope.ko) per order at each "
		"step'\nset xlabel 'order'\nset xrange [-0.5:%d.5]\n"
		"set ylabel 'success %%'\nset yrange [-5:105]\n"
		"set title 'successes'\nplot ",
		f->nr_orders - 1);
	probe_lines(g, f, 6);
	fprintf(g, "\nset ylabel 'mean latency (us)'\nset logscale y\n"
		   "set yrange [*:*]\nset title 'mean latency'\nplot ");
	probe_lines(g, f, 7);
	fprintf(g, "\nunset multiplot\nunset logscale y\nunset xrange\n"
		   "unset yrange\n");
	plot_activity(f);
}

/*
 * The run's settings, its table, the checks (unless the run failed: then
 * its err is returned as is) and the plots.
 */
int ms_frag_report(struct frag *f, int err)
{
	report_params(f);
	if (f->n >= 1)
		report_table(f);
	if (!err)
		err = report_checks(f);
	plot(f);
	ms_frag_map_report(f);
	return err;
}
