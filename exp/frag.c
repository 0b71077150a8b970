// SPDX-License-Identifier: GPL-2.0
/*
 * Experiment frag (seed 1.7 §1): fragment memory step by step, record the
 * buddy allocator's state and high-order allocation capability, compact.
 */
#include "exp/exp.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#define MAX_STEPS 24
/* the most the fragmenter maps in all, whatever the machine's size */
#define MAX_MAPPED_MB 2048
#define MAX_ZONES 8
/* the pageblock (THP) order: where the indices are read */
#define PROBE_ORDER 9
#define UNEVICTABLE "proc/sys/vm/compact_unevictable_allowed"
#define PCP_FRACTION "proc/sys/vm/percpu_pagelist_high_fraction"

static const char *const counters[] = {
	"pgscan_kswapd", "pgsteal_kswapd", "pgscan_direct",
	"allocstall_normal", "allocstall_dma32", "compact_stall",
	"compact_success", "compact_fail", "compact_migrate_scanned",
	"compact_free_scanned", "compact_daemon_wake", "pageoutrun",
};
#define NR_COUNTERS (sizeof(counters) / sizeof(counters[0]))

struct params {
	int steps;		/* fragmenting steps at most */
	unsigned int reserve_mb;	/* MemFree never planned below this */
	unsigned int lock_every;	/* mlock one kept page in this many */
	int probe_count;	/* allocation probe attempts per order */
};

struct zone_id {
	int node;
	char name[16];
};

/* What one point of the series needs after the run (table, checks). */
struct point {
	char phase[12];
	long held_mb;
	double free_mb;
	int largest[MAX_ZONES];
	double frag, unusable, extfrag;	/* the main zone */
	double ok_pct[MS_MAX_ORDER];
	double mean_us[MS_MAX_ORDER];
	uint64_t counters[NR_COUNTERS];
};

struct frag {
	struct ms_exp *e;
	struct params p;
	struct zone_id zones[MAX_ZONES];
	int nr_zones, main_zone, nr_orders;
	bool probe;		/* memscope.ko's allocation probe answered */
	struct point pt[MAX_STEPS + 2];
	int n;
	unsigned int mapped_mb;	/* by the fragmenter so far */
	struct ms_csv zcsv, pcsv, vcsv, bcsv;
};

static const struct ms_zone *zone_of(const struct ms_buddy *b,
				     const struct zone_id *id)
{
	for (int i = 0; i < b->nr_zones; i++)
		if (b->zones[i].node == id->node &&
		    !strcmp(b->zones[i].name, id->name))
			return &b->zones[i];
	return NULL;
}

static int sample(struct frag *f)
{
	struct ms_request req = {
		.sections = MS_SEC_BIT(MS_SEC_MEMINFO) |
			    MS_SEC_BIT(MS_SEC_BUDDY) |
			    MS_SEC_BIT(MS_SEC_RECLAIM) |
			    MS_SEC_BIT(MS_SEC_ALLOC_PROBE),
		.alloc_probe = { .node = -1, .max_order = -1,
				 .count = f->p.probe_count },
	};

	return ms_exp_sample(f->e, &req);
}

/* Zones with managed pages, and the largest of them (the "main" zone). */
static void pick_zones(struct frag *f)
{
	const struct ms_buddy *b = &f->e->snap.buddy;
	uint64_t best = 0;

	for (int i = 0; i < b->nr_zones && f->nr_zones < MAX_ZONES; i++) {
		const struct ms_zone *z = &b->zones[i];
		uint64_t size = ms_have(z->managed) ? z->managed :
						      z->free_pages;

		if (!size || !ms_have(size))
			continue;
		if (size > best) {
			best = size;
			f->main_zone = f->nr_zones;
		}
		f->zones[f->nr_zones].node = z->node;
		snprintf(f->zones[f->nr_zones].name, 16, "%s", z->name);
		f->nr_zones++;
	}
	f->nr_orders = b->nr_orders;
}

static double mb_of_kb(uint64_t kb)
{
	return ms_have(kb) ? (double)kb / 1024 : NAN;
}

static void record_probe(struct frag *f, struct point *pt, int step)
{
	const struct ms_alloc_probe *a = &f->e->snap.alloc_probe;

	f->probe = f->e->snap.have & MS_SEC_BIT(MS_SEC_ALLOC_PROBE);
	for (int o = 0; o < MS_MAX_ORDER; o++)
		pt->ok_pct[o] = pt->mean_us[o] = NAN;
	for (int o = 0; f->probe && o < a->nr_orders; o++) {
		const struct ms_alloc_order *r = &a->order[o];

		pt->ok_pct[o] = r->attempts ? 100.0 * r->ok / r->attempts : NAN;
		pt->mean_us[o] = ms_have(r->mean_ns) ? r->mean_ns / 1e3 : NAN;
		ms_csv_int(&f->pcsv, step);
		ms_csv_str(&f->pcsv, pt->phase);
		ms_csv_int(&f->pcsv, o);
		ms_csv_int(&f->pcsv, r->attempts);
		ms_csv_int(&f->pcsv, r->ok);
		ms_csv_dbl(&f->pcsv, pt->ok_pct[o], 1);
		ms_csv_dbl(&f->pcsv, ms_have(r->mean_ns) ? r->mean_ns / 1e3 :
							   NAN, 1);
		ms_csv_dbl(&f->pcsv, ms_have(r->max_ns) ? r->max_ns / 1e3 :
							  NAN, 1);
		ms_csv_end(&f->pcsv);
	}
}

static void record_zones(struct frag *f, struct point *pt, int step)
{
	const struct ms_buddy *b = &f->e->snap.buddy;

	for (int i = 0; i < f->nr_zones; i++) {
		const struct ms_zone *z = zone_of(b, &f->zones[i]);
		int po = PROBE_ORDER < f->nr_orders ? PROBE_ORDER : 0;

		pt->largest[i] = z ? z->largest_order : -1;
		if (i == f->main_zone) {
			pt->frag = z ? z->frag_index : NAN;
			pt->unusable = z ? z->unusable[po] : NAN;
			pt->extfrag = z ? z->extfrag[po] : NAN;
		}
		ms_csv_int(&f->zcsv, step);
		ms_csv_str(&f->zcsv, pt->phase);
		ms_csv_int(&f->zcsv, f->zones[i].node);
		ms_csv_str(&f->zcsv, f->zones[i].name);
		ms_csv_u64(&f->zcsv, z ? z->free_pages : MS_NA);
		ms_csv_int(&f->zcsv, pt->largest[i]);
		ms_csv_dbl(&f->zcsv, z ? z->frag_index : NAN, 2);
		ms_csv_dbl(&f->zcsv, z ? z->unusable[po] : NAN, 3);
		ms_csv_dbl(&f->zcsv, z ? z->extfrag[po] : NAN, 3);
		ms_csv_end(&f->zcsv);
		ms_csv_int(&f->bcsv, step);
		ms_csv_str(&f->bcsv, pt->phase);
		ms_csv_int(&f->bcsv, f->zones[i].node);
		ms_csv_str(&f->bcsv, f->zones[i].name);
		for (int o = 0; o < f->nr_orders; o++)
			ms_csv_u64(&f->bcsv, z && o < z->nr_orders ?
						     z->free_blocks[o] :
						     MS_NA);
		ms_csv_end(&f->bcsv);
	}
}

static void record_vmstat(struct frag *f, struct point *pt, int step)
{
	const struct ms_kvlist *v = &f->e->snap.reclaim.vmstat;
	const struct point *prev = f->n ? &f->pt[f->n - 1] : NULL;

	ms_csv_int(&f->vcsv, step);
	ms_csv_str(&f->vcsv, pt->phase);
	for (size_t i = 0; i < NR_COUNTERS; i++) {
		pt->counters[i] = ms_kv_get(v, counters[i]);
		ms_csv_u64(&f->vcsv,
			   prev && ms_have(pt->counters[i]) &&
					   ms_have(prev->counters[i]) ?
				   pt->counters[i] - prev->counters[i] :
				   MS_NA);
	}
	ms_csv_end(&f->vcsv);
}

static int record(struct frag *f, const char *phase, long held_mb)
{
	struct point *pt = &f->pt[f->n];
	int err = sample(f);

	if (err)
		return err;
	snprintf(pt->phase, sizeof(pt->phase), "%s", phase);
	pt->held_mb = held_mb;
	pt->free_mb = mb_of_kb(ms_kv_get(&f->e->snap.meminfo, "MemFree"));
	record_zones(f, pt, f->n);
	record_probe(f, pt, f->n);
	record_vmstat(f, pt, f->n);
	f->n++;
	return 0;
}

static int open_csvs(struct frag *f)
{
	static const char *const zcols[] = {
		"step", "phase", "node", "zone", "free_pages", "largest_order",
		"frag_index", "unusable_9", "extfrag_9",
	};
	static const char *const pcols[] = {
		"step", "phase", "order", "attempts", "ok", "success_pct",
		"mean_us", "max_us",
	};
	const char *vcols[2 + NR_COUNTERS] = { "step", "phase" };
	const char *bcols[4 + MS_MAX_ORDER] = { "step", "phase", "node",
						"zone" };
	static const char *const on[MS_MAX_ORDER] = {
		"o0", "o1", "o2", "o3", "o4", "o5", "o6", "o7",
		"o8", "o9", "o10", "o11", "o12", "o13", "o14", "o15",
	};

	for (size_t i = 0; i < NR_COUNTERS; i++)
		vcols[2 + i] = counters[i];
	ms_csv_start(&f->zcsv, ms_exp_file(f->e, "frag-zones.csv"), zcols, 9);
	ms_csv_start(&f->pcsv, ms_exp_file(f->e, "frag-probe.csv"), pcols, 8);
	ms_csv_start(&f->vcsv, ms_exp_file(f->e, "frag-vmstat.csv"), vcols,
		     2 + NR_COUNTERS);
	for (int o = 0; o < f->nr_orders; o++)
		bcols[4 + o] = on[o];
	ms_csv_start(&f->bcsv, ms_exp_file(f->e, "frag-buddy.csv"), bcols,
		     4 + f->nr_orders);
	return f->zcsv.err ?: f->pcsv.err ?: f->vcsv.err ?: f->bcsv.err;
}

static int close_csvs(struct frag *f)
{
	int a = ms_csv_close(&f->zcsv), b = ms_csv_close(&f->pcsv);
	int c = ms_csv_close(&f->vcsv), d = ms_csv_close(&f->bcsv);

	return a ?: b ?: c ?: d;
}

static void plan(struct frag *f)
{
	const struct ms_snapshot *s = &f->e->snap;
	uint64_t high = 0;

	for (int i = 0; i < s->buddy.nr_zones; i++)
		if (ms_have(s->buddy.zones[i].wmark_high))
			high += s->buddy.zones[i].wmark_high;
	f->p.steps = f->e->o->quick ? 4 : 10;
	f->p.probe_count = f->e->o->quick ? 2 : 4;
	f->p.lock_every = 1024;
	/* twice the high watermarks: kswapd may wake, OOM must not */
	f->p.reserve_mb = (unsigned int)(2 * high * 4096 >> 20);
	if (f->p.reserve_mb < 24)
		f->p.reserve_mb = 24;
}

/*
 * This step's chunk: 3/4 of MemFree above the floor, 0 to stop. The
 * allocator takes the smallest free blocks first (the last step's holes),
 * then splits large ones: each step leaves a quarter of the room in large
 * blocks and adds holes, so fragmentation grows step by step.
 */
static unsigned int chunk_now(struct frag *f)
{
	double free_mb = mb_of_kb(ms_kv_get(&f->e->snap.meminfo, "MemFree"));
	double room = free_mb - f->p.reserve_mb;

	unsigned int mb, left = MAX_MAPPED_MB - f->mapped_mb;

	if (!isfinite(room) || room < 16)
		return 0;
	mb = (unsigned int)(room * 3 / 4);
	return mb < left ? mb : left;
}

static int fragment(struct frag *f, struct ms_worker *w, long *held)
{
	int err = 0;

	for (int i = 1; i <= f->p.steps && !ms_exp_stopped(); i++) {
		unsigned int mb = chunk_now(f);
		long r;

		if (!mb) {
			ms_exp_say(f->e, "MemFree is at the floor (%u MiB) or "
					 "%u MiB are mapped: no more steps",
				   f->p.reserve_mb, MAX_MAPPED_MB);
			break;
		}
		f->mapped_mb += mb;
		ms_exp_step(f->e, "fragment: map %u MiB, free every other "
				  "page, mlock 1 kept page in %u (holding %ld "
				  "MiB)",
			    mb, f->p.lock_every, *held);
		r = ms_frag_step(w, mb, f->p.lock_every);
		if (ms_exp_stopped())
			return -EINTR;	/* the stop killed the fragmenter */
		if (r < 0) {
			ms_exp_say(f->e, "the fragmenter failed: %s",
				   strerror((int)-r));
			return (int)r;
		}
		*held = r;
		if ((err = record(f, "fragment", *held)))
			return err;
	}
	return ms_exp_stopped() ? -EINTR : 0;
}

static int compact(struct frag *f, long held)
{
	int err;

	ms_exp_step(f->e, "compact: write 1 to /proc/sys/vm/compact_memory "
			  "(fragmenter still holding %ld MiB)",
		    held);
	err = ms_write_file(&f->e->root, "proc/sys/vm/compact_memory", "1");
	if (err) {
		ms_exp_say(f->e, "compact_memory: %s", strerror(-err));
		return err;
	}
	return record(f, "compact", held);
}

/* ---- the report ------------------------------------------------------ */

static void report_params(struct frag *f)
{
	FILE *r = f->e->report;

	fprintf(r, "## Parameters\n\n"
		   "- Steps: up to %d; each maps 3/4 of MemFree above the "
		   "floor as anonymous memory "
		   "(MADV_NOHUGEPAGE: 4 KiB pages), touches every page, frees "
		   "every other one (MADV_DONTNEED) and mlocks 1 kept page in "
		   "%u, in one child process that holds it all until the end\n"
		   "- Floor: MemFree stays above %u MiB (twice the zones' "
		   "high watermarks, at least 24 MiB); at most %u MiB mapped "
		   "in all\n"
		   "- `vm.compact_unevictable_allowed` = 0 during the run, so "
		   "compaction cannot move mlocked pages, and "
		   "`vm.percpu_pagelist_high_fraction` = 1000000, so the per-CPU "
		   "free lists stay short and freed pages show in buddyinfo "
		   "(both restored afterwards)\n"
		   "- Allocation probe (memscope.ko): orders 0..%d, %d attempts "
		   "each, GFP_KERNEL|__GFP_NORETRY, freed at once\n"
		   "- Indices of the main zone (node %d %s): the seed's "
		   "fragmentation index 100-100*2^largest/free, the kernel's "
		   "unusable free space index and extfrag index at order %d\n\n",
		f->p.steps, f->p.lock_every, f->p.reserve_mb, MAX_MAPPED_MB,
		f->nr_orders - 1, f->p.probe_count,
		f->zones[f->main_zone].node, f->zones[f->main_zone].name,
		PROBE_ORDER);
}

/* counters[k] since the point before i, NAN for the first or unknown */
static double counter_delta(const struct frag *f, int i, size_t k)
{
	uint64_t a, b;

	if (!i)
		return NAN;
	a = f->pt[i - 1].counters[k];
	b = f->pt[i].counters[k];
	return ms_have(a) && ms_have(b) && b >= a ? (double)(b - a) : NAN;
}

static void table_row(struct frag *f, int i)
{
	const struct point *p = &f->pt[i];
	char b[16][32], zl[MAX_ZONES * 8] = "";
	const char *cells[16];
	int n = 0;

	for (int z = 0; z < f->nr_zones; z++)
		snprintf(zl + strlen(zl), sizeof(zl) - strlen(zl), "%s%d",
			 z ? " / " : "", p->largest[z]);
	snprintf(b[n], 32, "%d", i), cells[n] = b[n], n++;
	cells[n++] = p->phase;
	snprintf(b[n], 32, "%ld", p->held_mb), cells[n] = b[n], n++;
	cells[n] = ms_md_num(b[n], 32, p->free_mb, 0), n++;
	cells[n++] = zl;
	cells[n] = ms_md_num(b[n], 32, p->frag, 1), n++;
	cells[n] = ms_md_num(b[n], 32, p->unusable, 3), n++;
	cells[n] = ms_md_num(b[n], 32, p->extfrag, 3), n++;
	cells[n] = ms_md_num(b[n], 32, p->ok_pct[3], 0), n++;
	cells[n] = ms_md_num(b[n], 32, p->ok_pct[6], 0), n++;
	cells[n] = ms_md_num(b[n], 32, p->ok_pct[9], 0), n++;
	cells[n] = ms_md_num(b[n], 32, f->nr_orders > 10 ? p->ok_pct[10] :
							     NAN, 0), n++;
	cells[n] = ms_md_num(b[n], 32, f->nr_orders > 10 ?
					      p->mean_us[10] / 1e3 : NAN, 1), n++;
	cells[n] = ms_md_num(b[n], 32, counter_delta(f, i, 0), 0), n++;
	cells[n] = ms_md_num(b[n], 32, counter_delta(f, i, 8), 0), n++;
	ms_md_row(f->e->report, cells, n);
}

static void report_table(struct frag *f)
{
	static const char *const cols[] = {
		"step", "phase", "held MiB", "MemFree MiB",
		"largest free order per zone", "frag index %", "unusable(9)",
		"extfrag(9)", "ok% o3", "ok% o6", "ok% o9", "ok% o10",
		"o10 mean ms", "kswapd scanned", "compaction scanned",
	};
	FILE *r = f->e->report;

	fprintf(r, "## Results\n\nZones (largest free order column, in "
		   "order):");
	for (int z = 0; z < f->nr_zones; z++)
		fprintf(r, " %snode %d %s", z ? "/ " : "", f->zones[z].node,
			f->zones[z].name);
	fprintf(r, ". `ok%%`: allocation probe successes per order%s; "
		   "`o10 mean ms`: its mean latency at order 10; kswapd and "
		   "compaction: pages scanned since the step before "
		   "(pgscan_kswapd, compact_migrate_scanned).\n\n",
		f->probe ? "" : " (n/a: memscope.ko is not loaded)");
	ms_md_head(r, cols, 15);
	for (int i = 0; i < f->n; i++)
		table_row(f, i);
	fprintf(r, "\n![largest free order per zone and the seed's "
		   "fragmentation index](frag-largest.png)\n\n"
		   "![allocation probe success per order](frag-probe.png)\n\n"
		   "Data: `frag-zones.csv` (every zone and step), "
		   "`frag-buddy.csv` (free blocks per order, as /proc/buddyinfo), "
		   "`frag-probe.csv` (probe per order: attempts, successes, "
		   "mean and max latency), `frag-vmstat.csv` (kswapd and "
		   "compaction counters, deltas per step).\n\n");
}

/* Checks on the direction of the series, also in summary.csv for tests. */
static int report_checks(struct frag *f)
{
	FILE *r = f->e->report, *s = ms_exp_file(f->e, "summary.csv");
	int last = f->n - 1, before = last - 1, mz = f->main_zone;
	const struct point *p0 = &f->pt[0], *pb = &f->pt[before];
	const struct point *pl = &f->pt[last];
	double unus[MAX_STEPS + 2];
	int ser[MAX_STEPS + 2], rising;
	bool mono = true, raised, lowered;

	if (!s)
		return -errno;
	for (int z = 0; z < f->nr_zones; z++) {
		for (int i = 0; i < last; i++)
			ser[i] = f->pt[i].largest[z];
		mono &= ms_nonincreasing(ser, (size_t)last);
	}
	for (int i = 0; i < last; i++)
		unus[i] = f->pt[i].unusable;
	rising = ms_trend(unus, (size_t)last);
	raised = pl->largest[mz] > pb->largest[mz];
	lowered = pl->unusable < pb->unusable;
	fprintf(r, "## Checks\n\n- While fragmenting, the largest free order "
		   "of every zone %s (main zone: %d at the start, %d after "
		   "the last step).\n",
		mono ? "did not grow" : "**grew** at some step",
		p0->largest[mz], pb->largest[mz]);
	fprintf(r, "- The unusable free space index at order %d %s while "
		   "fragmenting (%.3f to %.3f).\n",
		PROBE_ORDER,
		rising > 0 ? "rose" : rising < 0 ? "**fell**" : "stayed",
		p0->unusable, pb->unusable);
	if (raised)
		fprintf(r, "- Compaction raised the main zone's largest free "
			   "order from %d to %d.\n",
			pb->largest[mz], pl->largest[mz]);
	else
		fprintf(r, "- Compaction could not raise the main zone's "
			   "largest free order (%d before, %d after)%s.\n",
			pb->largest[mz], pl->largest[mz],
			pb->largest[mz] == f->nr_orders - 1 ?
				": it was already the highest order" : "");
	fprintf(r, "- Compaction %s the unusable index at order %d (%.3f "
		   "before, %.3f after).\n",
		lowered ? "lowered" : "could not lower", PROBE_ORDER,
		pb->unusable, pl->unusable);
	fprintf(s, "check,value\nsteps,%d\nprobe,%d\nlargest_start,%d\n"
		   "largest_fragmented,%d\nlargest_compacted,%d\n"
		   "nonincreasing,%d\ncompaction_raised,%d\n"
		   "unusable_start,%.3f\nunusable_fragmented,%.3f\n"
		   "unusable_compacted,%.3f\nunusable_rising,%d\n"
		   "compaction_lowered,%d\n",
		f->n - 2, f->probe, p0->largest[mz], pb->largest[mz],
		pl->largest[mz], mono, raised, p0->unusable, pb->unusable,
		pl->unusable, rising > 0, lowered);
	return fclose(s) ? -errno : 0;
}

static void plot(struct frag *f)
{
	FILE *g = f->e->plot;
	const struct zone_id *m = &f->zones[f->main_zone];

	fprintf(g, "set output 'frag-largest.png'\n"
		   "set title 'Largest free order per zone while fragmenting, "
		   "then compaction (last step)'\n"
		   "set xlabel 'step'\nset ylabel 'largest free order'\n"
		   "set yrange [-1:%d]\nset y2label 'index (%%)'\n"
		   "set y2range [0:100]\nset y2tics\nset ytics nomirror\n"
		   "plot ",
		f->nr_orders);
	for (int z = 0; z < f->nr_zones; z++)
		fprintf(g, "'frag-zones.csv' using 1:(strcol(3) eq '%d' && "
			   "strcol(4) eq '%s' ? $6 : NaN) with linespoints "
			   "title 'node %d %s', ",
			f->zones[z].node, f->zones[z].name, f->zones[z].node,
			f->zones[z].name);
	fprintf(g, "'frag-zones.csv' using 1:(strcol(3) eq '%d' && strcol(4) "
		   "eq '%s' ? 100 * $8 : NaN) axes x1y2 with linespoints dt 2 "
		   "title 'unusable index, order %d (node %d %s)', "
		   "'frag-zones.csv' using 1:(strcol(3) eq '%d' && strcol(4) "
		   "eq '%s' ? $7 : NaN) axes x1y2 with linespoints dt 3 "
		   "title 'seed fragmentation index'\n",
		m->node, m->name, PROBE_ORDER, m->node, m->name, m->node,
		m->name);
	fprintf(g, "unset y2tics\nunset y2label\nset ytics mirror\n"
		   "set output 'frag-probe.png'\nset multiplot layout 2,1 "
		   "title 'Allocation probe (memscope.ko) per order at each "
		   "step'\nset xlabel 'order'\nset xrange [-0.5:%d.5]\n"
		   "set ylabel 'success %%'\nset yrange [-5:105]\n"
		   "set title 'successes'\nplot ",
		f->nr_orders - 1);
	for (int i = 0; i < f->n; i++)
		fprintf(g, "%s'frag-probe.csv' using 3:($1 == %d ? $6 : NaN) "
			   "with linespoints title '%d %s'",
			i ? ", " : "", i, i, f->pt[i].phase);
	fprintf(g, "\nset ylabel 'mean latency (us)'\nset logscale y\n"
		   "set yrange [*:*]\nset title 'mean latency'\nplot ");
	for (int i = 0; i < f->n; i++)
		fprintf(g, "%s'frag-probe.csv' using 3:($1 == %d ? $7 : NaN) "
			   "with linespoints title '%d %s'",
			i ? ", " : "", i, i, f->pt[i].phase);
	fprintf(g, "\nunset multiplot\nunset logscale y\nunset xrange\n"
		   "unset yrange\n");
}

/*
 * Pages freed to the per-CPU lists are in neither buddyinfo nor MemFree:
 * on the lab VM's 6.1 kernel they held some 12,000 freed pages, the holes
 * the fragmenter makes. A huge fraction keeps those lists at their
 * minimum (4 batches), so the holes reach the buddy free lists.
 */
static int setup(struct frag *f)
{
	int err = ms_restore_set(&f->e->root, UNEVICTABLE, "0");

	if (err == -ENOENT)
		ms_exp_say(f->e, "no %s: mlocked pages may be migrated",
			   UNEVICTABLE);
	else if (err)
		return err;
	err = ms_restore_set(&f->e->root, PCP_FRACTION, "1000000");
	if (err == -ENOENT)
		ms_exp_say(f->e, "no %s: freed pages may wait on per-CPU "
				 "lists, out of buddyinfo",
			   PCP_FRACTION);
	else if (err)
		return err;
	return 0;
}

static int frag_run(struct ms_exp *e)
{
	struct frag f = { .e = e };
	struct ms_worker w = { 0 };
	long held = 0;
	int err, err2;

	if ((err = sample(&f)))
		return err;
	pick_zones(&f);
	if (!f.nr_zones)
		return -ENODATA;
	if ((err = open_csvs(&f)))
		goto out;
	plan(&f);
	e->steps = f.p.steps + 2;
	ms_exp_step(e, "baseline: buddy state, allocation probe orders "
		       "0..%d x %d",
		    f.nr_orders - 1, f.p.probe_count);
	if ((err = setup(&f)) || (err = record(&f, "baseline", 0)))
		goto out;
	if (!f.probe)
		ms_exp_say(e, "no allocation probe (memscope.ko): %s",
			   ms_snapshot_why(&e->snap, "alloc_probe") ?: "?");
	if ((err = ms_frag_start(&w)))
		goto out;
	err = fragment(&f, &w, &held);
	if (!err && f.n >= 2)
		err = compact(&f, held);
	ms_worker_stop(&w);
out:
	err2 = close_csvs(&f);
	err = err ?: err2;
	report_params(&f);
	if (f.n >= 1)
		report_table(&f);
	if (!err && f.n >= 3)
		err = report_checks(&f);
	plot(&f);
	return err;
}

const struct ms_experiment ms_exp_frag = {
	.name = "frag",
	.title = "fragmentation and high-order allocation",
	.run = frag_run,
};
