// SPDX-License-Identifier: GPL-2.0
/*
 * Experiment frag (seed 1.7 §1): fragment memory step by step, record the
 * buddy allocator's state and high-order allocation capability, compact.
 */
#include "exp/exp.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#define MAX_STEPS 24
/* the most the fragmenter maps in all, whatever the machine's size */
#define MAX_MAPPED_MB 2048
/* kswapd or direct reclaim scanning more pages than this in a fill step
 * means the floor is too low for this machine: stop filling */
#define RECLAIM_STOP_PAGES 2048
#define MAX_ZONES 8
/* the pageblock (THP) order: where the indices are read */
#define PROBE_ORDER 9
#define UNEVICTABLE "proc/sys/vm/compact_unevictable_allowed"
#define PCP_FRACTION "proc/sys/vm/percpu_pagelist_high_fraction"
#define PROACTIVE "proc/sys/vm/compaction_proactiveness"
#define THP "sys/kernel/mm/transparent_hugepage/enabled"
#define MIN_FREE "proc/sys/vm/min_free_kbytes"

static const char *const counters[] = {
	"pgscan_kswapd", "pgsteal_kswapd", "pgscan_direct",
	"allocstall_normal", "allocstall_dma32", "compact_stall",
	"compact_success", "compact_fail", "compact_migrate_scanned",
	"compact_free_scanned", "compact_daemon_wake", "pageoutrun",
};
#define NR_COUNTERS (sizeof(counters) / sizeof(counters[0]))

struct params {
	int fill_steps;		/* filling steps at most */
	unsigned int fill_mb;	/* the most one filling step maps */
	unsigned int high_mb;	/* the zones' high watermarks */
	unsigned int reserve_mb;	/* filling stops with MemFree here */
	int take_steps;		/* huge-page steps */
	int pb_order;		/* pageblock order: one pin per block */
	int probe_count;	/* allocation probe attempts per order */
};

struct zone_id {
	int node;
	char name[16];
};

/* What one point of the series needs after the run (table, checks). */
struct point {
	char phase[12];
	long held_mb, pins, huge_mb;
	double free_mb;
	int largest[MAX_ZONES];
	double frag, unusable, extfrag;	/* the main zone */
	double unusable_below;	/* ... at pageblock order - 1 */
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
	struct ms_worker *wk;	/* the fragmenter */
	struct ms_frag_reply w;	/* the fragmenter's last reply */
	char thp[16];		/* THP's mode before the run, "" unknown */
	bool pfns;		/* pins placed by page frame */
	const char *stopped;	/* why filling stopped early, or NULL */
	int last_frag;		/* the last fragmenting point */
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
			pt->unusable_below = z && po ? z->unusable[po - 1] :
						       NAN;
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

static int record(struct frag *f, const char *phase)
{
	struct point *pt = &f->pt[f->n];
	int err = f->n < MAX_STEPS + 2 ? sample(f) : -E2BIG;

	if (err)
		return err;
	snprintf(pt->phase, sizeof(pt->phase), "%s", phase);
	pt->held_mb = f->w.held_mb + (f->w.huge_mb > 0 ? f->w.huge_mb : 0);
	pt->pins = f->w.pins;
	pt->huge_mb = f->w.huge_mb;
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

static unsigned int mb_of_pages(uint64_t pages)
{
	return (unsigned int)(pages * 4096 >> 20);
}

/*
 * Fill down to the zones' high watermarks plus twice their high - min
 * gap (at least 16 MiB): kswapd wakes below low, so it should stay asleep.
 */
static void plan(struct frag *f)
{
	const struct ms_buddy *b = &f->e->snap.buddy;
	uint64_t high = 0, gap = 0;
	unsigned int margin;

	for (int i = 0; i < b->nr_zones; i++) {
		const struct ms_zone *z = &b->zones[i];

		if (!ms_have(z->wmark_high) || !ms_have(z->wmark_min))
			continue;
		high += z->wmark_high;
		gap += z->wmark_high - z->wmark_min;
	}
	f->p.fill_steps = f->e->o->quick ? 6 : 12;
	f->p.fill_mb = f->e->o->quick ? 256 : 128;
	f->p.take_steps = f->e->o->quick ? 2 : 4;
	f->p.probe_count = f->e->o->quick ? 2 : 4;
	f->p.pb_order = b->pageblock_order > 0 &&
				b->pageblock_order < f->nr_orders ?
			b->pageblock_order : PROBE_ORDER;
	f->p.high_mb = mb_of_pages(high);
	margin = mb_of_pages(2 * gap);
	f->p.reserve_mb = f->p.high_mb + (margin < 16 ? 16 : margin);
}

static double free_now(struct frag *f)
{
	return mb_of_kb(ms_kv_get(&f->e->snap.meminfo, "MemFree"));
}

/* Pages kswapd and direct reclaim scanned since the point before. */
static double reclaim_scanned(struct frag *f)
{
	double k = counter_delta(f, f->n - 1, 0);
	double d = counter_delta(f, f->n - 1, 2);

	return (isfinite(k) ? k : 0) + (isfinite(d) ? d : 0);
}

static int command(struct frag *f, enum ms_frag_op op, unsigned int mb,
		   unsigned int arg)
{
	int err = ms_frag_cmd(f->wk, op, mb, arg, &f->w);

	if (ms_exp_stopped())
		return -EINTR;	/* the stop killed the fragmenter */
	if (err)
		ms_exp_say(f->e, "the fragmenter failed: %s", strerror(-err));
	return err;
}

/* Map and touch 4 KiB pages in bounded steps down to the floor. */
static int fill(struct frag *f)
{
	int err;

	for (int i = 1; i <= f->p.fill_steps && !ms_exp_stopped(); i++) {
		double room = free_now(f) - f->p.reserve_mb;
		unsigned int left = MAX_MAPPED_MB - f->mapped_mb, mb;

		if (!isfinite(room) || room < 8 || !left)
			break;	/* at the floor or the mapping limit */
		mb = room < f->p.fill_mb ? (unsigned int)room : f->p.fill_mb;
		mb = mb < left ? mb : left;
		f->mapped_mb += mb;
		ms_exp_step(f->e, "fill: map and touch %u MiB of 4 KiB pages "
				  "(MemFree %.0f MiB, floor %u MiB, step %u MiB "
				  "at most)",
			    mb, free_now(f), f->p.reserve_mb, f->p.fill_mb);
		if ((err = command(f, MS_FRAG_FILL, mb, 0)) ||
		    (err = record(f, "fill")))
			return err;
		if (reclaim_scanned(f) > RECLAIM_STOP_PAGES) {
			f->stopped = "reclaim scanned more than 2048 pages in "
				     "a step";
			ms_exp_say(f->e, "reclaim woke (%.0f pages scanned): "
					 "no more filling",
				   reclaim_scanned(f));
			break;
		}
	}
	return ms_exp_stopped() ? -EINTR : 0;
}

static int punch(struct frag *f)
{
	int err;

	ms_exp_step(f->e, "punch: free every other page of the %ld MiB held, "
			  "mlock 1 kept page in every pageblock (order %d)",
		    f->w.held_mb, f->p.pb_order);
	if ((err = command(f, MS_FRAG_PUNCH, 0, (unsigned int)f->p.pb_order)))
		return err;
	f->pfns = f->w.pfns;
	if (!f->pfns)
		ms_exp_say(f->e, "no page frame numbers in pagemap: pinned "
				 "1 kept page in %u instead",
			   1u << (f->p.pb_order - 1));
	return record(f, "punch");
}

/* Free memory in blocks of pageblock order or more, in MiB. */
static unsigned int large_free_mb(struct frag *f)
{
	const struct ms_buddy *b = &f->e->snap.buddy;
	uint64_t pages = 0;

	for (int i = 0; i < b->nr_zones; i++)
		for (int o = f->p.pb_order; o < b->zones[i].nr_orders; o++)
			if (ms_have(b->zones[i].free_blocks[o]))
				pages += b->zones[i].free_blocks[o] << o;
	return mb_of_pages(pages);
}

/*
 * A huge-page user takes the large free blocks the floor left, in equal
 * parts: what is free afterwards is the punched holes.
 */
static int take(struct frag *f)
{
	unsigned int before = ~0u;
	int err;

	/* up to 2 more steps while large blocks are left and still taken */
	for (int i = 0; i < f->p.take_steps + 2 && !ms_exp_stopped(); i++) {
		unsigned int large = large_free_mb(f), mb;
		int left = f->p.take_steps - i;

		if (left < 1) {
			if (large >= before)
				break;
			left = 1;
		}
		before = large;
		mb = (large + (unsigned int)left - 1) / (unsigned int)left;
		mb = (mb + 1) & ~1u;	/* whole huge pages */
		if (!mb)
			break;
		ms_exp_step(f->e, "take: map %u MiB of huge pages (THP) of "
				  "the %u MiB free in blocks of order >= %d",
			    mb, large, f->p.pb_order);
		if ((err = command(f, MS_FRAG_TAKE, mb, 0)) ||
		    (err = record(f, "take")))
			return err;
	}
	return ms_exp_stopped() ? -EINTR : 0;
}

static int compact(struct frag *f)
{
	int err;

	ms_exp_step(f->e, "compact: write 1 to /proc/sys/vm/compact_memory "
			  "(fragmenter holding %ld MiB, %ld pages mlocked)",
		    f->w.held_mb, f->w.pins);
	err = ms_write_file(&f->e->root, "proc/sys/vm/compact_memory", "1");
	if (err) {
		ms_exp_say(f->e, "compact_memory: %s", strerror(-err));
		return err;
	}
	return record(f, f->w.pins ? "compact" : "unpin+cmp");
}

static int unpin(struct frag *f)
{
	int err;

	ms_exp_step(f->e, "unpin: free the %ld mlocked pages (one per "
			  "pageblock), then compact again",
		    f->w.pins);
	if ((err = command(f, MS_FRAG_UNPIN, 0, 0)))
		return err;
	return compact(f);
}

/* ---- the report ------------------------------------------------------ */

static void report_params(struct frag *f)
{
	FILE *r = f->e->report;

	fprintf(r, "## Parameters\n\n"
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
		*f->thp ? f->thp : "unknown",
		f->nr_orders - 1, f->p.probe_count,
		f->zones[f->main_zone].node, f->zones[f->main_zone].name,
		PROBE_ORDER);
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
		cells[n] = ms_md_num(b[n], 32, orders[k] < f->nr_orders ?
				     p->ok_pct[orders[k]] : NAN, 0), n++;
	cells[n] = ms_md_num(b[n], 32, p->mean_us[PROBE_ORDER] / 1e3, 2), n++;
	cells[n] = ms_md_num(b[n], 32, counter_delta(f, i, 0), 0), n++;
	cells[n] = ms_md_num(b[n], 32, counter_delta(f, i, 8), 0), n++;
	cells[n] = ms_md_num(b[n], 32, p->unusable_below, 3), n++;
	cells[n] = ms_md_num(b[n], 32, counter_delta(f, i, 5), 0), n++;
	cells[n] = ms_md_num(b[n], 32, counter_delta(f, i, 3) +
					       counter_delta(f, i, 4), 0), n++;
	ms_md_row(f->e->report, cells, n);
}

static void report_table(struct frag *f)
{
	static const char *const cols[] = {
		"step", "phase", "held MiB", "pinned", "MemFree MiB",
		"largest free order per zone", "frag index %", "unusable(9)",
		"extfrag(9)", "ok% o3", "ok% o6", "ok% o8", "ok% o9",
		"ok% o10", "o9 mean ms", "kswapd scanned",
		"compaction scanned", "unusable(8)", "compact stalls",
		"reclaim stalls",
	};
	FILE *r = f->e->report;

	fprintf(r, "## Results\n\nZones (largest free order column, in "
		   "order):");
	for (int z = 0; z < f->nr_zones; z++)
		fprintf(r, " %snode %d %s", z ? "/ " : "", f->zones[z].node,
			f->zones[z].name);
	fprintf(r, ". `held`: 4 KiB pages and huge pages the fragmenter "
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
	fprintf(r, "\n![largest free order per zone and the seed's "
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
		fprintf(r, "- Compaction with the pins in place raised the "
			   "main zone's largest free order from %d to %d%s.\n",
			pf->largest[mz], pc->largest[mz],
			pc->largest[mz] < pb ? ", still below the pageblock "
					       "order" : "");
	else
		fprintf(r, "- Compaction could not raise the main zone's "
			   "largest free order (%d before, %d after)%s.\n",
			pf->largest[mz], pc->largest[mz],
			pf->largest[mz] == f->nr_orders - 1 ?
				": it was already the highest order" : "");
	fprintf(r, "- Compaction %s the unusable index at order %d (%.3f "
		   "before, %.3f after).\n",
		pc->unusable < pf->unusable ? "lowered" : "could not lower",
		PROBE_ORDER, pf->unusable, pc->unusable);
	fprintf(r, "- Below the pageblock order compaction %s: the unusable "
		   "index at order %d went from %.3f to %.3f.\n",
		pc->unusable_below < pf->unusable_below ?
			"recovered free blocks" : "recovered nothing",
		pb - 1, pf->unusable_below, pc->unusable_below);
	if (un < 0)
		return;
	fprintf(r, "- With the pins freed, compaction %s blocks of order "
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
	fprintf(r, "## Checks\n\n- While fragmenting, the largest free order "
		   "of every zone %s (main zone: %d at the start, %d after "
		   "the last step).\n",
		mono ? "did not grow" : "**grew** at some step",
		p0->largest[mz], pf->largest[mz]);
	fprintf(r, "- The fragmentation is %s: with %.0f MiB free, the main "
		   "zone's largest free block is of order %d (pageblock order "
		   "%d) and the probe's order-9 success went from %.0f%% to "
		   "%.0f%%.\n",
		real ? "real" : "**not real**", pf->free_mb, pf->largest[mz],
		pb, p0->ok_pct[PROBE_ORDER], pf->ok_pct[PROBE_ORDER]);
	fprintf(r, "- The unusable free space index at order %d %s while "
		   "fragmenting (%.3f to %.3f).\n",
		PROBE_ORDER,
		rising > 0 ? "rose" : rising < 0 ? "**fell**" : "stayed",
		p0->unusable, pf->unusable);
	check_compaction(f, fr, cp, un);
	fprintf(s, "check,value\nsteps,%d\nprobe,%d\npageblock_order,%d\n"
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
		un >= 0 && pu->unusable < pc->unusable, p0->unusable,
		pf->unusable, pc->unusable, pu->unusable, rising > 0,
		pc->unusable < pf->unusable, pf->unusable_below,
		pc->unusable_below, pc->unusable_below < pf->unusable_below);
	return fclose(s) ? -errno : 0;
}

/* frag-vmstat.csv's deltas per step: kswapd, compaction, stalls */
static void plot_activity(struct frag *f)
{
	static const struct { int col; const char *title; } s[] = {
		{ 3, "pages scanned by kswapd" },
		{ 11, "pages scanned by compaction (migrate)" },
		{ 12, "pages scanned by compaction (free)" },
		{ 8, "compaction stalls x 1000" },
		{ 6, "reclaim stalls (Normal) x 1000" },
	};
	FILE *g = f->e->plot;

	fprintf(g, "set output 'frag-activity.png'\nset title 'kswapd and "
		   "compaction per step (deltas of /proc/vmstat)'\n"
		   "set xlabel 'step'\nset ylabel 'pages (stalls x 1000)'\n"
		   "set xrange [0.5:%d.5]\nset yrange [0:*]\nplot ",
		f->n - 1);
	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++)
		fprintf(g, "%s'frag-vmstat.csv' using 1:($%d * %s) with "
			   "linespoints title '%s'",
			i ? ", " : "", s[i].col, i >= 3 ? "1000" : "1",
			s[i].title);
	fprintf(g, "\nunset xrange\nunset yrange\n");
}

static void plot(struct frag *f)
{
	FILE *g = f->e->plot;
	const struct zone_id *m = &f->zones[f->main_zone];

	fprintf(g, "set output 'frag-largest.png'\n"
		   "set title 'Largest free order per zone: fill, punch, take, "
		   "compact, unpin + compact'\n"
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
	plot_activity(f);
}

/*
 * Pages freed to the per-CPU lists are in neither buddyinfo nor MemFree:
 * on the lab VM's 6.1 kernel they held some 12,000 freed pages, the holes
 * the fragmenter makes. A huge fraction keeps those lists at their
 * minimum (4 batches), so the holes reach the buddy free lists.
 */
static int read_min_free(struct frag *f, char *buf, size_t len)
{
	int fd = openat(f->e->root.dirfd, MIN_FREE, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd >= 0 ? read(fd, buf, len - 1) : -1;
	int err = n > 0 ? 0 : fd < 0 ? -errno : -EIO;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = 0;
	buf[strcspn(buf, "\n")] = 0;
	return err;
}

/* The selected word of "always [madvise] never" into f->thp. */
static void read_thp(struct frag *f)
{
	char buf[128], *a, *b;
	int fd = openat(f->e->root.dirfd, THP, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = 0;
	a = strchr(buf, '[');
	b = a ? strchr(a, ']') : NULL;
	if (a && b && b - a - 1 < (int)sizeof(f->thp))
		snprintf(f->thp, sizeof(f->thp), "%.*s", (int)(b - a - 1),
			 a + 1);
}

/*
 * The take steps need huge pages; the kernel turns them off by default
 * below 512 MiB of memory (the quick run's VM): madvise mode for the run.
 */
static int setup_thp(struct frag *f)
{
	char min_free[32];
	int err;

	read_thp(f);
	if (strcmp(f->thp, "never"))
		return 0;
	ms_exp_say(f->e, "transparent huge pages were off: madvise mode for "
			 "the run");
	/* turning them on raises vm.min_free_kbytes, which stays raised */
	err = read_min_free(f, min_free, sizeof(min_free));
	if (!err)
		err = ms_restore_set(&f->e->root, MIN_FREE, min_free);
	if (err)
		return err;
	return ms_restore_write(&f->e->root, THP, "madvise", "never");
}

static int setup(struct frag *f)
{
	int err = ms_restore_set(&f->e->root, UNEVICTABLE, "0");

	if (err == -ENOENT)
		ms_exp_say(f->e, "no %s: mlocked pages may be migrated",
			   UNEVICTABLE);
	else if (err)
		return err;
	/* kcompactd's own compaction would undo the holes step by step:
	 * compaction here is what the experiment asks for and shows */
	err = ms_restore_set(&f->e->root, PROACTIVE, "0");
	if (err == -ENOENT)
		ms_exp_say(f->e, "no %s: kcompactd may compact on its own",
			   PROACTIVE);
	else if (err)
		return err;
	if ((err = setup_thp(f)))
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

static int phases(struct frag *f)
{
	int err;

	if ((err = fill(f)) || (err = punch(f)) || (err = take(f)))
		return err;
	f->last_frag = f->n - 1;
	if ((err = compact(f)))
		return err;
	return unpin(f);
}

static int frag_run(struct ms_exp *e)
{
	struct ms_worker w = { 0 };
	struct frag f = { .e = e, .wk = &w };
	int err, err2;

	if ((err = sample(&f)))
		return err;
	pick_zones(&f);
	if (!f.nr_zones)
		return -ENODATA;
	if ((err = open_csvs(&f)) || (err = setup(&f)) || (err = sample(&f)))
		goto out;
	/* the watermarks as the run's settings left them */
	plan(&f);
	e->steps = f.p.fill_steps + f.p.take_steps + 6;
	ms_exp_step(e, "baseline: buddy state, allocation probe orders "
		       "0..%d x %d; then fill to MemFree %u MiB, punch, take, "
		       "compact, unpin",
		    f.nr_orders - 1, f.p.probe_count, f.p.reserve_mb);
	if ((err = record(&f, "baseline")))
		goto out;
	if (!f.probe)
		ms_exp_say(e, "no allocation probe (memscope.ko): %s",
			   ms_snapshot_why(&e->snap, "alloc_probe") ?: "?");
	if (!(err = ms_frag_start(&w)))
		err = phases(&f);
	ms_worker_stop(&w);
out:
	err2 = close_csvs(&f);
	err = err ?: err2;
	report_params(&f);
	if (f.n >= 1)
		report_table(&f);
	if (!err)
		err = report_checks(&f);
	plot(&f);
	return err;
}

const struct ms_experiment ms_exp_frag = {
	.name = "frag",
	.title = "fragmentation and high-order allocation",
	.run = frag_run,
};
