// SPDX-License-Identifier: GPL-2.0
/*
 * Experiment frag (seed 1.7 §1): fragment memory step by step, record the
 * buddy allocator's state and high-order allocation capability, compact.
 */
#include "exp/frag.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#define UNEVICTABLE "proc/sys/vm/compact_unevictable_allowed"
#define PCP_FRACTION "proc/sys/vm/percpu_pagelist_high_fraction"
#define PROACTIVE "proc/sys/vm/compaction_proactiveness"
#define THP "sys/kernel/mm/transparent_hugepage/enabled"
#define MIN_FREE "proc/sys/vm/min_free_kbytes"

static const char *const counters[] = {
	"pgscan_kswapd",	   "pgsteal_kswapd",
	"pgscan_direct",	   "allocstall_normal",
	"allocstall_dma32",	   "compact_stall",
	"compact_success",	   "compact_fail",
	"compact_migrate_scanned", "compact_free_scanned",
	"compact_daemon_wake",	   "pageoutrun",
};
_Static_assert(sizeof(counters) / sizeof(counters[0]) == NR_COUNTERS,
	       "frag.h's NR_COUNTERS is the number of counters");

/*
 * Blocks of the zone compaction could make free order-9 ones; mlocked
 * pages pin, as the run sets vm.compact_unevictable_allowed to 0.
 */
static uint64_t order9_of(const struct ms_physmap *m, const struct zone_id *id)
{
	for (int i = 0; i < m->nr_zones; i++)
		if (m->zones[i].node == id->node &&
		    !strcmp(m->zones[i].zone, id->name))
			return ms_pm_order9_blocks(&m->zones[i], true);
	return MS_NA;
}

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
			    MS_SEC_BIT(MS_SEC_ALLOC_PROBE) |
			    MS_SEC_BIT(MS_SEC_PHYSMAP),
		.alloc_probe = { .node = -1,
				 .max_order = -1,
				 .count = f->p.probe_count },
		/* the map of each point: a whole pass of kpageflags */
		.census_full = true,
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
		ms_csv_dbl(&f->pcsv,
			   ms_have(r->mean_ns) ? r->mean_ns / 1e3 : NAN, 1);
		ms_csv_dbl(&f->pcsv, ms_have(r->max_ns) ? r->max_ns / 1e3 : NAN,
			   1);
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
		pt->order9[i] = order9_of(&f->e->snap.physmap, &f->zones[i]);
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
		ms_csv_u64(&f->zcsv, pt->order9[i]);
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
	ms_frag_map_step(f, f->n);
	record_probe(f, pt, f->n);
	record_vmstat(f, pt, f->n);
	f->n++;
	return 0;
}

static int open_csvs(struct frag *f)
{
	static const char *const zcols[] = {
		"step",	      "phase",	       "node",	     "zone",
		"free_pages", "largest_order", "frag_index", "unusable_9",
		"extfrag_9",  "order9_blocks",
	};
	static const char *const pcols[] = {
		"step", "phase",       "order",	  "attempts",
		"ok",	"success_pct", "mean_us", "max_us",
	};
	const char *vcols[2 + NR_COUNTERS] = { "step", "phase" };
	const char *bcols[4 + MS_MAX_ORDER] = { "step", "phase", "node",
						"zone" };
	static const char *const on[MS_MAX_ORDER] = {
		"o0", "o1", "o2",  "o3",  "o4",	 "o5",	"o6",  "o7",
		"o8", "o9", "o10", "o11", "o12", "o13", "o14", "o15",
	};

	for (size_t i = 0; i < NR_COUNTERS; i++)
		vcols[2 + i] = counters[i];
	ms_csv_start(&f->zcsv, ms_exp_file(f->e, "frag-zones.csv"), zcols, 10);
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
				b->pageblock_order :
				PROBE_ORDER;
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
		return -EINTR; /* the stop killed the fragmenter */
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
			break; /* at the floor or the mapping limit */
		mb = room < f->p.fill_mb ? (unsigned int)room : f->p.fill_mb;
		mb = mb < left ? mb : left;
		f->mapped_mb += mb;
		ms_exp_step(f->e,
			    "fill: map and touch %u MiB of 4 KiB pages "
			    "(MemFree %.0f MiB, floor %u MiB, step %u MiB "
			    "at most)",
			    mb, free_now(f), f->p.reserve_mb, f->p.fill_mb);
		if ((err = command(f, MS_FRAG_FILL, mb, 0)) ||
		    (err = record(f, "fill")))
			return err;
		if (reclaim_scanned(f) > RECLAIM_STOP_PAGES) {
			f->stopped = "reclaim scanned more than 2048 pages in "
				     "a step";
			ms_exp_say(f->e,
				   "reclaim woke (%.0f pages scanned): "
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

	ms_exp_step(f->e,
		    "punch: free every other page of the %ld MiB held, "
		    "mlock 1 kept page in every pageblock (order %d)",
		    f->w.held_mb, f->p.pb_order);
	if ((err = command(f, MS_FRAG_PUNCH, 0, (unsigned int)f->p.pb_order)))
		return err;
	f->pfns = f->w.pfns;
	if (!f->pfns)
		ms_exp_say(f->e,
			   "no page frame numbers in pagemap: pinned "
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
		mb = (mb + 1) & ~1u; /* whole huge pages */
		if (!mb)
			break;
		ms_exp_step(f->e,
			    "take: map %u MiB of huge pages (THP) of "
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

	ms_exp_step(f->e,
		    "compact: write 1 to /proc/sys/vm/compact_memory "
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

	ms_exp_step(f->e,
		    "unpin: free the %ld mlocked pages (one per "
		    "pageblock), then compact again",
		    f->w.pins);
	if ((err = command(f, MS_FRAG_UNPIN, 0, 0)))
		return err;
	return compact(f);
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
		ms_exp_say(f->e,
			   "no %s: freed pages may wait on per-CPU "
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
	if ((err = open_csvs(&f)) || (err = ms_frag_map_open(&f)) ||
	    (err = setup(&f)) || (err = sample(&f)))
		goto out;
	/* the watermarks as the run's settings left them */
	plan(&f);
	e->steps = f.p.fill_steps + f.p.take_steps + 6;
	ms_exp_step(e,
		    "baseline: buddy state, allocation probe orders "
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
	ms_frag_map_close(&f);
	err2 = close_csvs(&f);
	err = err ?: err2;
	return ms_frag_report(&f, err);
}

const struct ms_experiment ms_exp_frag = {
	.name = "frag",
	.title = "fragmentation and high-order allocation",
	.run = frag_run,
};
