// SPDX-License-Identifier: GPL-2.0
/*
 * The results of memscope.ko's experiments (docs/kmod.md): the allocation
 * probe's attempts and the slab benchmark's latencies.
 */
#include "probes/kmod/kmod_lex.h"
#include "probes/kmod/kmod_parse.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Bits of the lines a probe needs. */
enum { AL_ORDER = 1, AL_COUNT = 2, AL_NODE = 4, AL_OK = 8, AL_FAIL = 16 };

struct astate {
	struct ms_kmod_alloc *a;
	bool probe_seen;
	unsigned int seen;
};

static int alloc_attempt(struct ms_lc *x, const struct ms_kw *w,
			 struct astate *st)
{
	struct ms_kmod_alloc *a = st->a;
	uint64_t i;
	int err, nid;

	if (!(st->seen & AL_COUNT))
		return ms_lc_bad(x, -EINVAL, "attempt before the count");
	err = ms_kw_count(x, w, 5);
	if (!err)
		err = ms_kw_num(x, w, 1, MS_KMOD_PROBE_MAX_COUNT - 1, &i,
				"attempt index");
	if (err)
		return err;
	if (i != (uint64_t)a->nr || a->nr >= a->count)
		return ms_lc_bad(x, -EINVAL, "attempt %d out of order", (int)i);
	if (!ms_kw_is(w, 2, "ok") && !ms_kw_is(w, 2, "fail"))
		return ms_lc_bad(x, -EINVAL,
				 "attempt result is not ok or fail");
	a->att[a->nr].ok = ms_kw_is(w, 2, "ok");
	err = ms_kw_num(x, w, 3, UINT64_MAX - 1, &a->att[a->nr].ns, "latency");
	if (!err)
		err = ms_kw_int(x, w, 4, MS_KP_MAX_NODE, &nid, "node");
	if (err)
		return err;
	if ((nid < 0) == a->att[a->nr].ok)
		return ms_lc_bad(x, -EINVAL,
				 "attempt node does not match result");
	a->att[a->nr++].nid = nid;
	return 0;
}

static int alloc_value(struct ms_lc *x, const struct ms_kw *w,
		       struct astate *st)
{
	static const struct {
		const char *key;
		unsigned int bit;
		uint64_t max;
	} keys[] = {
		{ "order", AL_ORDER, MS_MAX_ORDER - 1 },
		{ "count", AL_COUNT, MS_KMOD_PROBE_MAX_COUNT },
		{ "ok", AL_OK, MS_KMOD_PROBE_MAX_COUNT },
		{ "fail", AL_FAIL, MS_KMOD_PROBE_MAX_COUNT },
	};
	struct ms_kmod_alloc *a = st->a;
	int *dst[] = { &a->order, &a->count, &a->ok, &a->fail };
	uint64_t v = 0;
	int err;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (!ms_kw_is(w, 0, keys[i].key))
			continue;
		if (st->seen & keys[i].bit)
			return ms_lc_bad(x, -EINVAL, "%s twice", keys[i].key);
		st->seen |= keys[i].bit;
		err = ms_kw_key(x, w, keys[i].max, &v);
		if (!err && keys[i].bit == AL_COUNT && !v)
			err = ms_lc_bad(x, -EINVAL, "count 0");
		*dst[i] = (int)v;
		return err;
	}
	return 0; /* a line of a later version */
}

static int alloc_line(struct ms_lc *x, const struct ms_kw *w, void *ctx)
{
	struct astate *st = ctx;
	struct ms_kmod_alloc *a = st->a;
	uint64_t *bound[] = { &a->max_order, &a->max_count, &a->per_sec };
	static const char *const bounds[] = { "max_order", "max_count",
					      "attempts_per_sec" };

	for (int i = 0; i < 3; i++)
		if (ms_kw_is(w, 0, bounds[i]))
			return ms_kw_key(x, w, UINT64_MAX - 1, bound[i]);
	if (ms_kw_is(w, 0, "probe")) {
		if (st->probe_seen)
			return ms_lc_bad(x, -EINVAL, "probe twice");
		st->probe_seen = true;
		if (ms_kw_is(w, 1, "none") && w->n == 2)
			return 0;
		return ms_kw_key(x, w, UINT64_MAX - 1, &a->probe);
	}
	if (ms_kw_is(w, 0, "end")) {
		x->lineno = 0;
		if (!st->probe_seen)
			return ms_lc_bad(x, -EINVAL, "no probe line");
		if (a->probe &&
		    (st->seen & (AL_ORDER | AL_COUNT | AL_OK | AL_FAIL)) !=
			    (AL_ORDER | AL_COUNT | AL_OK | AL_FAIL))
			return ms_lc_bad(x, -EINVAL,
					 "probe without its results");
		if (a->probe &&
		    (a->nr != a->count || a->ok + a->fail != a->count))
			return ms_lc_bad(x, -EINVAL,
					 "%d attempts listed, ok %d + "
					 "fail %d, count %d",
					 a->nr, a->ok, a->fail, a->count);
		return 0;
	}
	if (!a->probe && (ms_kw_is(w, 0, "attempt") || ms_kw_is(w, 0, "node") ||
			  ms_kw_is(w, 0, "order") || ms_kw_is(w, 0, "count") ||
			  ms_kw_is(w, 0, "ok") || ms_kw_is(w, 0, "fail")))
		return ms_lc_bad(x, -EINVAL, "probe results without a probe");
	if (ms_kw_is(w, 0, "attempt"))
		return alloc_attempt(x, w, st);
	if (ms_kw_is(w, 0, "node")) {
		if (st->seen & AL_NODE)
			return ms_lc_bad(x, -EINVAL, "node twice");
		st->seen |= AL_NODE;
		if (ms_kw_is(w, 1, "any") && w->n == 2)
			return 0;
		if (w->n != 2)
			return ms_kw_count(x, w, 2);
		return ms_kw_int(x, w, 1, MS_KP_MAX_NODE, &a->node, "node");
	}
	return alloc_value(x, w, st);
}

int ms_kmod_parse_alloc(const char *text, size_t len, struct ms_kmod_alloc *a,
			char *why, size_t whylen)
{
	struct astate st = { .a = a };
	struct ms_lc x;

	memset(a, 0, sizeof(*a));
	a->node = -1;
	a->max_order = a->max_count = a->per_sec = MS_NA;
	ms_lc_init(&x, text, len, why, whylen);
	return ms_kp_lines(&x, text, len, MS_KMOD_FMT_PROBE, alloc_line, &st);
}

/* ---- /proc/memscope/slab_bench ------------------------------------------- */

struct bench_state {
	struct ms_slab_bench *b;
	bool bench_seen;
	unsigned int results; /* bits api * 2 + op */
};

/* "result API OP OK FAILURES OPS_PER_SEC MEAN P50 P99 MAX" */
/* OK FAILURES OPS_PER_SEC MEAN P50 P99 MAX of a result line, into r. */
static int result_fields(struct ms_lc *x, const struct ms_kw *w,
			 struct ms_bench_result *r)
{
	const struct ms_kw_field f[] = {
		{ 3, UINT64_MAX - 1, &r->ok, "ok", false },
		{ 4, UINT64_MAX - 1, &r->failures, "failures", false },
		{ 5, 0, &r->ops_per_sec, "ops/s", true },
		{ 6, 0, &r->mean_ns, "mean", true },
		{ 7, 0, &r->p50_ns, "p50", true },
		{ 8, 0, &r->p99_ns, "p99", true },
		{ 9, 0, &r->max_ns, "max", true },
	};

	return ms_kw_fields(x, w, f, 7);
}

static int bench_result(struct ms_lc *x, const struct ms_kw *w,
			struct bench_state *st)
{
	struct ms_bench_result *r;
	int api, op, err;

	if (!st->b->seq)
		return ms_lc_bad(x, -EINVAL, "result without a bench line");
	err = ms_kw_count(x, w, 10);
	if (err)
		return err;
	api = ms_kw_is(w, 1, "kmem_cache") ? MS_BENCH_CACHE :
	      ms_kw_is(w, 1, "kmalloc")	   ? MS_BENCH_KMALLOC :
					     -1;
	op = ms_kw_is(w, 2, "alloc") ? MS_BENCH_ALLOC :
	     ms_kw_is(w, 2, "free")  ? MS_BENCH_FREE :
				       -1;
	if (api < 0 || op < 0)
		return ms_lc_bad(x, -EINVAL, "unknown benchmark result");
	if (st->results & (1u << (api * 2 + op)))
		return ms_lc_bad(x, -EINVAL, "result listed twice");
	st->results |= 1u << (api * 2 + op);
	r = &st->b->r[api][op];
	err = result_fields(x, w, r);
	if (!err && r->ok && (!ms_have(r->mean_ns) || !ms_have(r->max_ns)))
		err = ms_lc_bad(x, -EINVAL, "no latency for successful calls");
	return err;
}

static int bench_line(struct ms_lc *x, const struct ms_kw *w, void *ctx)
{
	static const char *const keys[] = {
		"max_size", "max_count",	 "max_bytes",	  "size",
		"count",    "cache_object_size", "kmalloc_bucket"
	};
	struct bench_state *st = ctx;
	struct ms_slab_bench *b = st->b;
	uint64_t *dst[] = { &b->max_size,      &b->max_count,
			    &b->max_bytes,     &b->size,
			    &b->count,	       &b->cache_object_size,
			    &b->kmalloc_bucket };

	if (ms_kw_is(w, 0, "end")) {
		x->lineno = 0;
		if (!st->bench_seen)
			return ms_lc_bad(x, -EINVAL, "no bench line");
		if (b->seq && st->results != 15)
			return ms_lc_bad(x, -EINVAL, "not all four results");
		return 0;
	}
	if (ms_kw_is(w, 0, "bench")) {
		if (st->bench_seen)
			return ms_lc_bad(x, -EINVAL, "bench twice");
		st->bench_seen = true;
		if (ms_kw_is(w, 1, "none") && w->n == 2)
			return 0;
		return ms_kw_key(x, w, UINT64_MAX - 1, &b->seq);
	}
	if (ms_kw_is(w, 0, "result"))
		return bench_result(x, w, st);
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (ms_kw_is(w, 0, keys[i]))
			return ms_kw_key(x, w, UINT64_MAX - 1, dst[i]);
	return 0;
}

int ms_kmod_parse_bench(const char *text, size_t len, struct ms_slab_bench *b,
			char *why, size_t whylen)
{
	struct bench_state st = { .b = b };
	struct ms_lc x;
	int err;

	memset(b, 0, sizeof(*b));
	b->size = b->count = b->cache_object_size = b->kmalloc_bucket = MS_NA;
	b->max_size = b->max_count = b->max_bytes = MS_NA;
	for (int a = 0; a < MS_BENCH_APIS; a++)
		for (int o = 0; o < MS_BENCH_OPS; o++)
			b->r[a][o] = (struct ms_bench_result){
				MS_NA, MS_NA, MS_NA, MS_NA, MS_NA, MS_NA, MS_NA
			};
	ms_lc_init(&x, text, len, why, whylen);
	err = ms_kp_lines(&x, text, len, MS_KMOD_FMT_BENCH, bench_line, &st);
	if (err)
		b->seq = 0;
	return err;
}
