// SPDX-License-Identifier: GPL-2.0
/*
 * slab_bench.c - /proc/memscope/slab_bench: "size S count C" times a
 * dedicated kmem_cache against kmalloc, alloc and free, per call.
 */
#include "memscope.h"

#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

enum { MS_API_CACHE, MS_API_KMALLOC, MS_NR_API };
enum { MS_OP_ALLOC, MS_OP_FREE, MS_NR_OP };

static const char *const ms_api_names[MS_NR_API] = { "kmem_cache", "kmalloc" };
static const char *const ms_op_names[MS_NR_OP] = { "alloc", "free" };

struct ms_bench_stat {
	u32 ok, fail;
	u64 ops_per_sec, mean, p50, p99, max;
};

struct ms_bench_result {
	u32 size, count, obj_size;
	size_t bucket;
	struct ms_bench_stat st[MS_NR_API][MS_NR_OP];
};

/* What one run works with. */
struct ms_bench_run {
	struct ms_bench_result *r;
	struct kmem_cache *cache;
	void **obj;
	u64 *lat;
};

/* Serialises runs (one "memscope_bench" cache at a time), the last result. */
static DEFINE_MUTEX(ms_bench_lock);
static struct ms_bench_result ms_bench_last;
static u64 ms_bench_seq;

static int ms_u64_cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* Sorts @lat; nearest-rank percentiles (docs/kmod.md). */
static void ms_bench_stats(u64 *lat, u32 n, struct ms_bench_stat *st)
{
	u64 sum = 0;
	u32 i;

	st->ok = n;
	if (!n)
		return;
	sort(lat, n, sizeof(*lat), ms_u64_cmp, NULL);
	for (i = 0; i < n; i++)
		sum += lat[i];
	st->mean = div64_u64(sum, n);
	st->p50 = lat[(u64)(n - 1) * 50 / 100];
	st->p99 = lat[(u64)(n - 1) * 99 / 100];
	st->max = lat[n - 1];
	st->ops_per_sec = div64_u64((u64)n * NSEC_PER_SEC, max_t(u64, sum, 1));
}

static void *ms_bench_alloc(struct ms_bench_run *b, int api)
{
	if (api == MS_API_CACHE)
		return kmem_cache_alloc(b->cache, MS_GFP_TRY);
	return kmalloc(b->r->size, MS_GFP_TRY);
}

static void ms_bench_free(struct ms_bench_run *b, int api, void *p)
{
	if (api == MS_API_CACHE)
		kmem_cache_free(b->cache, p);
	else
		kfree(p);
}

/* Allocate count objects, then free them all, timing each call. */
static int ms_bench_api(struct ms_bench_run *b, int api)
{
	struct ms_bench_stat *st = b->r->st[api];
	u32 i, n = 0, fail = 0;
	int err = 0;
	u64 t0;
	void *p;

	for (i = 0; i < b->r->count; i++) {
		t0 = ktime_get_ns();
		p = ms_bench_alloc(b, api);
		b->lat[n] = ktime_get_ns() - t0;
		if (p)
			b->obj[n++] = p;
		else
			fail++;
		cond_resched();
		if (fatal_signal_pending(current)) {
			err = -EINTR;
			break;
		}
	}
	ms_bench_stats(b->lat, n, &st[MS_OP_ALLOC]);
	st[MS_OP_ALLOC].fail = fail;

	/* Always free everything, even when interrupted. */
	for (i = 0; i < n; i++) {
		t0 = ktime_get_ns();
		ms_bench_free(b, api, b->obj[i]);
		b->lat[i] = ktime_get_ns() - t0;
		cond_resched();
	}
	ms_bench_stats(b->lat, n, &st[MS_OP_FREE]);
	return err;
}

/* One run, ms_bench_lock held. */
static int ms_bench_go(void *res)
{
	struct ms_bench_result *r = res;
	struct ms_bench_run b = { .r = r };
	int err = -ENOMEM;

	b.obj = kvmalloc_array(r->count, sizeof(*b.obj), GFP_KERNEL);
	b.lat = kvmalloc_array(r->count, sizeof(*b.lat), GFP_KERNEL);
	if (!b.obj || !b.lat)
		goto out;
	b.cache = ms_cache_create_unmerged("memscope_bench", r->size);
	if (!b.cache)
		goto out;
	r->obj_size = kmem_cache_size(b.cache);
	r->bucket = kmalloc_size_roundup(r->size);
	err = ms_bench_api(&b, MS_API_CACHE);
	kmem_cache_destroy(b.cache);
	if (!err)
		err = ms_bench_api(&b, MS_API_KMALLOC);
out:
	kvfree(b.obj);
	kvfree(b.lat);
	return err;
}

/* "size S count C", both once, either order, each value in 1..max. */
static int ms_bench_parse(struct ms_cmd *cmd, void *res)
{
	struct ms_bench_result *r = res;
	unsigned int i;
	u32 *out, max;

	if (cmd->n != 4)
		return -EINVAL;
	for (i = 0; i < 4; i += 2) {
		if (!strcmp(cmd->word[i], MS_KMOD_W_SIZE)) {
			out = &r->size;
			max = MS_KMOD_BENCH_MAX_SIZE;
		} else if (!strcmp(cmd->word[i], MS_KMOD_W_COUNT)) {
			out = &r->count;
			max = MS_KMOD_BENCH_MAX_COUNT;
		} else {
			return -EINVAL;
		}
		if (*out || ms_cmd_u32(cmd->word[i + 1], max, out) || !*out)
			return -EINVAL;
	}
	if ((u64)r->size * r->count > MS_KMOD_BENCH_MAX_BYTES)
		return -EINVAL;
	return 0;
}

static void ms_bench_put_stat(struct seq_file *m, int api, int op,
			      const struct ms_bench_stat *st)
{
	seq_printf(m, "result %s %s %u %u ", ms_api_names[api], ms_op_names[op],
		   st->ok, st->fail);
	if (!st->ok)
		seq_puts(m, "- - - - -\n");
	else
		seq_printf(m, "%llu %llu %llu %llu %llu\n", st->ops_per_sec,
			   st->mean, st->p50, st->p99, st->max);
}

static void ms_bench_print(struct seq_file *m, u64 seq, const void *res)
{
	const struct ms_bench_result *r = res;
	int api, op;

	if (!seq) {
		seq_puts(m, "bench none\n");
		return;
	}
	seq_printf(m, "bench %llu\nsize %u\ncount %u\n", seq, r->size,
		   r->count);
	seq_printf(m, "cache_object_size %u\nkmalloc_bucket %zu\n", r->obj_size,
		   r->bucket);
	for (api = 0; api < MS_NR_API; api++)
		for (op = 0; op < MS_NR_OP; op++)
			ms_bench_put_stat(m, api, op, &r->st[api][op]);
}

static void ms_bench_limits(struct seq_file *m)
{
	seq_printf(m, "max_size %u\nmax_count %u\nmax_bytes %lu\n",
		   MS_KMOD_BENCH_MAX_SIZE, MS_KMOD_BENCH_MAX_COUNT,
		   MS_KMOD_BENCH_MAX_BYTES);
}

const struct ms_action ms_bench_action = {
	.fmt = MS_KMOD_FMT_BENCH,
	.size = sizeof(struct ms_bench_result),
	.lock = &ms_bench_lock,
	.last = &ms_bench_last,
	.seq = &ms_bench_seq,
	.parse = ms_bench_parse,
	.run = ms_bench_go,
	.limits = ms_bench_limits,
	.print = ms_bench_print,
};
