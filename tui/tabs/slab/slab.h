/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Slab tab (tui/tabs/slab/): what its files share.
 */
#ifndef MS_TAB_SLAB_H
#define MS_TAB_SLAB_H

#include "tui/events.h"
#include "tui/explain.h"
#include "tui/graph.h"
#include "tui/kexp.h"

/* The benchmark screen: its settings and last result. */
struct bench_screen {
	struct ms_kexp x;
	int size, count; /* indices into bench_sizes, bench_counts */
	struct ms_slab_bench res;
};

struct slab_view {
	struct ms_view base;
	struct ms_drills drills; /* the cache screen, the benchmark's */
	struct bench_screen bench;
	const struct ms_snapshot *cur;
	struct ms_table caches;
	const int *ids; /* display column -> C_*, NULL: the same */
	char dname[MS_NAME]; /* the cache screen's cache, raw */
	struct ms_gpanel graph; /* history of the caches (H) */
};

#define SV(v) ((struct slab_view *)(v))

#define EXPLAIN_DETAIL                                                     \
	"slab.d.slabinfo", "slab.d.object_size", "slab.d.slab_size",       \
		"slab.d.objs_per_slab", "slab.d.order", "slab.d.align",    \
		"slab.d.hwcache_align", "slab.d.reclaim_account",          \
		"slab.d.cache_dma", "slab.d.min_partial",                  \
		"slab.d.cpu_partial", "slab.d.poison", "slab.d.merged",    \
		"slab.d.slabs", "slab.d.partial", "slab.d.cpu_slabs",      \
		"slab.d.objects", "slab.d.total_objects", "slab.ev.rates", \
		"slab.ev.callsites"
#define EXPLAIN_BENCH                                                  \
	"slab.bench.api", "slab.bench.op", "slab.bench.ops",           \
		"slab.bench.mean", "slab.bench.p50", "slab.bench.p99", \
		"slab.bench.max", "slab.bench.fail", "slab.bench.ratio"

static inline const struct ms_slab_cache *cache_at(const struct slab_view *s,
						   int row)
{
	return &s->cur->slab.caches[row];
}

/* The cache screen (cache.c): the selected cache, or arg (a name). */
extern const struct ms_drill_class ms_slab_cache_screen;

/* The benchmark screen (bench.c, a tui/kexp.h screen in bench.x). */
void ms_slab_bench_init(struct slab_view *s);

/* The cache screen's section: its rates and its top call sites. */
void ms_slab_events_screen(struct ms_screen *l, const struct ms_snapshot *s,
			   const char *cache, const struct ms_ui *ui);

/* Graphs: size and growth of the selected cache and the largest ones. */
void ms_graph_slab_feed(struct ms_gpanel *p, const struct ms_snapshot *s,
			const char *sel, const struct ms_ui *ui);
void ms_graph_slab_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
			const char *sel, const struct ms_ui *ui);

#endif
