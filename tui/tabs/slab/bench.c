// SPDX-License-Identifier: GPL-2.0
/*
 * The Slab tab's benchmark screen (memscope.ko, key b): a kmem_cache
 * against kmalloc of the same object size, its latencies and their ratio.
 */
#include "tui/tabs/slab/slab.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const bench_ids[] = { EXPLAIN_BENCH, NULL };

/* kmalloc's size classes up to the module's 64 KiB; counts up to 100,000. */
static const unsigned int bench_sizes[] = { 8,	  16,	 32,	64,
					    96,	  128,	 192,	256,
					    512,  1024,	 2048,	4096,
					    8192, 16384, 32768, 65536 };
static const unsigned int bench_counts[] = { 100, 1000, 10000, 100000 };
#define NSIZES (int)(sizeof(bench_sizes) / sizeof(bench_sizes[0]))
#define NBCOUNTS (int)(sizeof(bench_counts) / sizeof(bench_counts[0]))
#define BENCH_MAX_BYTES (64u << 20) /* size x count the module allows */

/* API, Op, ops/s, Mean, P50, P99, Max, Fail, then a bar of ops/s. */
static const int bw[] = { 10, 5, 8, 8, 8, 8, 8, 7 };
#define NBW (int)(sizeof(bw) / sizeof(bw[0]))

static void bench_header(struct ms_screen *l)
{
	static const char *const t[NBW] = { "API", "Op",  "ops/s", "Mean",
					    "P50", "P99", "Max",   "Fail" };
	int y = ms_screen_next(l), x = l->r.x;

	if (y < 0)
		return;
	ms_fill(l->w, (struct ms_rect){ y, l->r.x, 1, l->r.w },
		ms_attr(MS_C_COLUMN_HEADER));
	for (int i = 0; i < NBW; i++) {
		ms_put(l->w, y, x, bw[i], i < 2 ? MS_LEFT : MS_RIGHT, true,
		       ms_attr(MS_C_COLUMN_HEADER), t[i]);
		x += bw[i] + 1;
	}
}

static void bench_row(struct ms_screen *l, const struct slab_view *s, int api,
		      int op, uint64_t best)
{
	static const char *const apis[] = { "kmem_cache", "kmalloc" };
	const struct ms_bench_result *r = &s->bench.res.r[api][op];
	bool utf8 = s->base.ui->utf8;
	char v[NBW][24];
	int y = ms_screen_next(l), x = l->r.x;

	if (y < 0)
		return;
	snprintf(v[0], sizeof(v[0]), "%s", apis[api]);
	snprintf(v[1], sizeof(v[1]), "%s",
		 op == MS_BENCH_ALLOC ? "alloc" : "free");
	ms_fmt_count(v[2], sizeof(v[2]), r->ops_per_sec, 6);
	ms_fmt_ns(v[3], sizeof(v[3]), r->mean_ns, utf8);
	ms_fmt_ns(v[4], sizeof(v[4]), r->p50_ns, utf8);
	ms_fmt_ns(v[5], sizeof(v[5]), r->p99_ns, utf8);
	ms_fmt_ns(v[6], sizeof(v[6]), r->max_ns, utf8);
	ms_fmt_u64(v[7], sizeof(v[7]), r->failures);
	for (int i = 0; i < NBW; i++) {
		attr_t a =
			ms_attr(i == 7 && ms_have(r->failures) && r->failures ?
					MS_C_CRITICAL :
					MS_C_NORMAL);

		ms_put(l->w, y, x, bw[i], i < 2 ? MS_LEFT : MS_RIGHT, true, a,
		       v[i]);
		x += bw[i] + 1;
	}
	if (x + 4 <= l->r.x + l->r.w && ms_have(r->ops_per_sec) && best)
		ms_bar(l->w, y, x, l->r.x + l->r.w - x,
		       (double)r->ops_per_sec / (double)best, ms_attr(MS_C_BAR),
		       s->base.ui);
}

/* "kmem_cache_alloc: 1.14x kmalloc's rate" for alloc and for free. */
static void bench_compare(struct ms_screen *l, const struct ms_slab_bench *b)
{
	char buf[160];

	for (int op = 0; op < MS_BENCH_OPS; op++) {
		uint64_t c = b->r[MS_BENCH_CACHE][op].ops_per_sec;
		uint64_t k = b->r[MS_BENCH_KMALLOC][op].ops_per_sec;

		if (!ms_have(c) || !ms_have(k) || !k)
			continue;
		snprintf(buf, sizeof(buf),
			 "%s: the dedicated cache does %.2fx the calls per "
			 "second of kmalloc",
			 op == MS_BENCH_ALLOC ? "alloc" : "free",
			 (double)c / (double)k);
		ms_screen_line(l, ms_attr(MS_C_NORMAL), buf);
	}
}

static void bench_result(void *ctx, struct ms_screen *l, const char *at)
{
	const struct slab_view *s = ctx;
	const struct ms_slab_bench *b = &s->bench.res;
	char buf[256], a[16], c[16], d[16], e[16];
	uint64_t best = 0;

	snprintf(buf, sizeof(buf),
		 "run %s: %s objects of %s bytes; the cache's object size "
		 "%s, kmalloc's bucket %s",
		 at, ms_fmt_u64(a, sizeof(a), b->count),
		 ms_fmt_u64(c, sizeof(c), b->size),
		 ms_fmt_bytes(d, sizeof(d), b->cache_object_size),
		 ms_fmt_bytes(e, sizeof(e), b->kmalloc_bucket));
	ms_screen_line(l, ms_attr(MS_C_NORMAL), buf);
	for (int api = 0; api < MS_BENCH_APIS; api++)
		for (int op = 0; op < MS_BENCH_OPS; op++)
			if (ms_have(b->r[api][op].ops_per_sec) &&
			    b->r[api][op].ops_per_sec > best)
				best = b->r[api][op].ops_per_sec;
	for (const char *const *id = bench_ids; *id; id++)
		ms_screen_tag(l, *id);
	bench_header(l);
	for (int api = 0; api < MS_BENCH_APIS; api++)
		for (int op = 0; op < MS_BENCH_OPS; op++)
			bench_row(l, s, api, op, best);
	ms_screen_tag(l, "slab.bench.ratio");
	bench_compare(l, b);
}

static void bench_title(void *ctx, char *buf, size_t len)
{
	const struct bench_screen *p = &((struct slab_view *)ctx)->bench;

	snprintf(buf, len, "Slab benchmark: %u objects of %u bytes",
		 bench_counts[p->count], bench_sizes[p->size]);
}

/* Fewer objects when size x count would pass the module's bound. */
static void bench_fit(struct bench_screen *p)
{
	while (p->count > 0 &&
	       (uint64_t)bench_sizes[p->size] * bench_counts[p->count] >
		       BENCH_MAX_BYTES)
		p->count--;
}

/* +/-: object size, [/]: object count. */
static bool bench_setting(void *ctx, int key)
{
	struct bench_screen *p = &((struct slab_view *)ctx)->bench;

	if (key == '+' || key == '=')
		p->size += p->size < NSIZES - 1;
	else if (key == '-' || key == '_')
		p->size -= p->size > 0;
	else if (key == ']')
		p->count += p->count < NBCOUNTS - 1;
	else if (key == '[')
		p->count -= p->count > 0;
	else
		return false;
	bench_fit(p);
	return true;
}

static void bench_keep(void *ctx, const struct ms_snapshot *cur)
{
	((struct slab_view *)ctx)->bench.res = cur->slab_bench;
}

static void bench_request(void *ctx, struct ms_request *req)
{
	const struct bench_screen *p = &((struct slab_view *)ctx)->bench;

	req->slab_bench.size = bench_sizes[p->size];
	req->slab_bench.count = bench_counts[p->count];
}

static const struct ms_kexp_ops bench_ops = {
	.sec = MS_SEC_SLAB_BENCH,
	.note = "slab_bench",
	.run_key = 'b',
	.about = "memscope.ko: kmem_cache_alloc/free on a cache of its own "
		 "against kmalloc/kfree, every call timed",
	.running = "running...",
	.unavailable = "slab benchmark",
	.keys = "b or Enter: run   +/-: object size   [/]: object count   "
		"Esc: back to the caches",
	.hints = "b run  +/- size  [/] count",
	.ids = bench_ids,
	.title = bench_title,
	.request = bench_request,
	.setting = bench_setting,
	.keep = bench_keep,
	.result = bench_result,
};

void ms_slab_bench_init(struct slab_view *s)
{
	s->bench.x = (struct ms_kexp){ .ops = &bench_ops, .ctx = s };
	s->bench.size = 7; /* 256 bytes */
	s->bench.count = 2; /* 10,000 objects */
}
