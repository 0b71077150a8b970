// SPDX-License-Identifier: GPL-2.0
/*
 * Experiment slab (seed 1.7 §2): a dedicated kmem_cache against kmalloc,
 * ops/s and latency over object sizes and counts, repeated for the spread.
 */
#include "exp/exp.h"
#include "kmod/uapi/memscope.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#define MAX_RUNS 16
#define MAX_CELLS 32
/* the module's bound on size x count (docs/kmod.md, slab_bench) */
#define MAX_BYTES MS_KMOD_BENCH_MAX_BYTES

static const unsigned int full_sizes[] = { 16, 64, 256, 1024, 4096, 16384 };
static const unsigned int full_counts[] = { 1000, 10000 };
static const unsigned int quick_sizes[] = { 64, 1024 };
static const unsigned int quick_counts[] = { 2000 };

static const char *const api_name[MS_BENCH_APIS] = { "kmem_cache", "kmalloc" };
static const char *const op_name[MS_BENCH_OPS] = { "alloc", "free" };

/* One size and count: every run's result per API and operation. */
struct cell {
	unsigned int size, count;
	unsigned int nominal; /* the count asked for (count <= it) */
	uint64_t object_size, bucket;
	int runs;
	struct ms_bench_result r[MAX_RUNS][MS_BENCH_APIS][MS_BENCH_OPS];
};

struct slab {
	struct ms_exp *e;
	const unsigned int *sizes, *counts;
	int nr_sizes, nr_counts, reps;
	struct cell cells[MAX_CELLS];
	int n;
	struct ms_csv runs, sum;
};

static double dbl(uint64_t v)
{
	return ms_have(v) ? (double)v : NAN;
}

static int bench(struct slab *s, struct cell *c, int rep)
{
	struct ms_request req = {
		.sections = MS_SEC_BIT(MS_SEC_SLAB_BENCH),
		.slab_bench = { .size = c->size, .count = c->count },
	};
	const struct ms_slab_bench *b = &s->e->snap.slab_bench;
	int err = ms_exp_sample(s->e, &req);

	if (err)
		return err;
	if (!(s->e->snap.have & MS_SEC_BIT(MS_SEC_SLAB_BENCH))) {
		const char *why = ms_snapshot_why(&s->e->snap, "slab_bench");

		ms_exp_say(s->e, "no slab benchmark: %s",
			   why ? why : "memscope.ko is not loaded");
		return -ENODEV;
	}
	c->object_size = b->cache_object_size;
	c->bucket = b->kmalloc_bucket;
	memcpy(c->r[c->runs++], b->r, sizeof(b->r));
	for (int a = 0; a < MS_BENCH_APIS; a++)
		for (int o = 0; o < MS_BENCH_OPS; o++) {
			const struct ms_bench_result *r = &b->r[a][o];
			struct ms_csv *v = &s->runs;

			ms_csv_int(v, c->size);
			ms_csv_int(v, c->count);
			ms_csv_int(v, rep);
			ms_csv_str(v, api_name[a]);
			ms_csv_str(v, op_name[o]);
			ms_csv_u64(v, r->ok);
			ms_csv_u64(v, r->failures);
			ms_csv_u64(v, r->ops_per_sec);
			ms_csv_u64(v, r->mean_ns);
			ms_csv_u64(v, r->p50_ns);
			ms_csv_u64(v, r->p99_ns);
			ms_csv_u64(v, r->max_ns);
			ms_csv_u64(v, c->object_size);
			ms_csv_u64(v, c->bucket);
			ms_csv_end(v);
		}
	return 0;
}

/* The spread of one field over a cell's runs. */
static struct ms_spread field(const struct cell *c, int a, int o, size_t off)
{
	double v[MAX_RUNS];

	for (int i = 0; i < c->runs; i++)
		v[i] = dbl(*(const uint64_t *)((const char *)&c->r[i][a][o] +
					       off));
	return ms_spread_of(v, (size_t)c->runs);
}

#define FIELD(c, a, o, f) field(c, a, o, offsetof(struct ms_bench_result, f))

static void summarize(struct slab *s, const struct cell *c)
{
	for (int a = 0; a < MS_BENCH_APIS; a++)
		for (int o = 0; o < MS_BENCH_OPS; o++) {
			struct ms_spread ops = FIELD(c, a, o, ops_per_sec);
			struct ms_spread mean = FIELD(c, a, o, mean_ns);
			struct ms_spread p50 = FIELD(c, a, o, p50_ns);
			struct ms_spread p99 = FIELD(c, a, o, p99_ns);
			struct ms_csv *v = &s->sum;

			ms_csv_int(v, c->size);
			ms_csv_int(v, c->count);
			ms_csv_int(v, c->nominal);
			ms_csv_str(v, api_name[a]);
			ms_csv_str(v, op_name[o]);
			ms_csv_int(v, c->runs);
			ms_csv_dbl(v, ops.median, 0);
			ms_csv_dbl(v, ops.min, 0);
			ms_csv_dbl(v, ops.max, 0);
			ms_csv_dbl(v, ops.sd, 0);
			ms_csv_dbl(v, ops.rel, 3);
			ms_csv_dbl(v, mean.median, 0);
			ms_csv_dbl(v, p50.median, 0);
			ms_csv_dbl(v, p99.median, 0);
			ms_csv_dbl(v, p99.min, 0);
			ms_csv_dbl(v, p99.max, 0);
			ms_csv_end(v);
		}
}

static int open_csvs(struct slab *s)
{
	static const char *const rcols[] = {
		"size",
		"count",
		"rep",
		"api",
		"op",
		"ok",
		"failures",
		"ops_per_sec",
		"mean_ns",
		"p50_ns",
		"p99_ns",
		"max_ns",
		"cache_object_size",
		"kmalloc_bucket",
	};
	static const char *const scols[] = {
		"size",
		"count",
		"nominal",
		"api",
		"op",
		"runs",
		"ops_median",
		"ops_min",
		"ops_max",
		"ops_sd",
		"ops_rel_spread",
		"mean_ns_median",
		"p50_ns_median",
		"p99_ns_median",
		"p99_ns_min",
		"p99_ns_max",
	};

	ms_csv_start(&s->runs, ms_exp_file(s->e, "slab-runs.csv"), rcols, 14);
	ms_csv_start(&s->sum, ms_exp_file(s->e, "slab-summary.csv"), scols, 16);
	return s->runs.err ?: s->sum.err;
}

static void report_params(struct slab *s)
{
	FILE *r = s->e->report;

	fprintf(r, "## Parameters\n\n- Object sizes (bytes):");
	for (int i = 0; i < s->nr_sizes; i++)
		fprintf(r, " %u", s->sizes[i]);
	fprintf(r, "\n- Objects per run:");
	for (int i = 0; i < s->nr_counts; i++)
		fprintf(r, " %u", s->counts[i]);
	fprintf(r, " (fewer for large objects: size x count stays within "
		   "the module's 64 MiB)");
	fprintf(r,
		"\n- Runs per size and count: %d (the spread is over "
		"them)\n- Each run is one write to "
		"`/proc/memscope/slab_bench` (docs/kmod.md): COUNT "
		"`kmem_cache_alloc` calls from a dedicated cache, each timed, "
		"then COUNT `kmem_cache_free`; the same with `kmalloc`/"
		"`kfree`. Latencies are nearest-rank percentiles of the "
		"calls of one run; the tables show the median over the "
		"runs and the min-max range.\n\n",
		s->reps);
}

static void row(struct slab *s, const struct cell *c, int o)
{
	struct ms_spread ca = FIELD(c, MS_BENCH_CACHE, o, ops_per_sec);
	struct ms_spread km = FIELD(c, MS_BENCH_KMALLOC, o, ops_per_sec);
	struct ms_spread c50 = FIELD(c, MS_BENCH_CACHE, o, p50_ns);
	struct ms_spread c99 = FIELD(c, MS_BENCH_CACHE, o, p99_ns);
	struct ms_spread k50 = FIELD(c, MS_BENCH_KMALLOC, o, p50_ns);
	struct ms_spread k99 = FIELD(c, MS_BENCH_KMALLOC, o, p99_ns);
	char b[10][48];
	const char *cells[10];

	snprintf(b[0], 48, "%u", c->size);
	snprintf(b[1], 48, "%u", c->count);
	snprintf(b[2], 48, "%s", op_name[o]);
	snprintf(b[3], 48, "%.0f (%.0f-%.0f)", ca.median, ca.min, ca.max);
	snprintf(b[4], 48, "%.0f (%.0f-%.0f)", km.median, km.min, km.max);
	ms_md_num(b[5], 48, ca.median / km.median, 2);
	snprintf(b[6], 48, "%.0f / %.0f", c50.median, c99.median);
	snprintf(b[7], 48, "%.0f / %.0f", k50.median, k99.median);
	snprintf(b[8], 48, "%.2f / %.2f", ca.rel, km.rel);
	snprintf(b[9], 48, "%llu / %llu", (unsigned long long)c->object_size,
		 (unsigned long long)c->bucket);
	for (int i = 0; i < 10; i++)
		cells[i] = b[i];
	ms_md_row(s->e->report, cells, 10);
}

static void report_table(struct slab *s)
{
	static const char *const cols[] = {
		"size B",
		"objects",
		"op",
		"kmem_cache ops/s (min-max)",
		"kmalloc ops/s (min-max)",
		"cache/kmalloc",
		"cache p50/p99 ns",
		"kmalloc p50/p99 ns",
		"spread (max-min)/median",
		"object size / kmalloc bucket",
	};
	FILE *r = s->e->report;

	fprintf(r, "## Results\n\n");
	ms_md_head(r, cols, 10);
	for (int o = 0; o < MS_BENCH_OPS; o++)
		for (int i = 0; i < s->n; i++)
			row(s, &s->cells[i], o);
	fprintf(r, "\n![allocations per second by object size]"
		   "(slab-ops.png)\n\n![p99 latency by object size]"
		   "(slab-p99.png)\n\nData: `slab-runs.csv` (every run), "
		   "`slab-summary.csv` (median, min, max, sd and relative "
		   "spread over the runs).\n\n");
}

/* Every cell ran reps times, both APIs succeeded for every object. */
static int report_checks(struct slab *s)
{
	FILE *f = ms_exp_file(s->e, "summary.csv");
	bool all_ok = true, spread = true;

	if (!f)
		return -errno;
	for (int i = 0; i < s->n; i++) {
		const struct cell *c = &s->cells[i];

		for (int a = 0; a < MS_BENCH_APIS; a++) {
			struct ms_spread sp =
				FIELD(c, a, MS_BENCH_ALLOC, ops_per_sec);

			spread &= sp.n >= 2 && isfinite(sp.rel);
			for (int r = 0; r < c->runs; r++)
				all_ok &= c->r[r][a][MS_BENCH_ALLOC].ok ==
					  c->count;
		}
	}
	fprintf(s->e->report,
		"## Checks\n\n- Every allocation succeeded: "
		"%s.\n- A spread over at least two runs for "
		"every size, count and API: %s.\n",
		all_ok ? "yes" : "**no**", spread ? "yes" : "**no**");
	fprintf(f, "check,value\ncells,%d\nreps,%d\nall_ok,%d\nspread,%d\n",
		s->n, s->reps, all_ok, spread);
	return fclose(f) ? -errno : 0;
}

static void plot(struct slab *s)
{
	FILE *g = s->e->plot;
	unsigned int count = s->counts[s->nr_counts - 1];

	/* slab-summary.csv: 3 nominal, 4 api, 5 op, 7-9 ops, 14-16 p99 */
	fprintf(g,
		"set logscale x 2\nset xlabel 'object size (bytes)'\n"
		"set output 'slab-ops.png'\nset title 'Allocations per "
		"second, %u objects per run (median, min-max over runs)'\n"
		"set ylabel 'allocations/s'\nset logscale y\nplot ",
		count);
	for (int a = 0; a < MS_BENCH_APIS; a++)
		fprintf(g,
			"%s'slab-summary.csv' using 1:($3 == %u && strcol(4) "
			"eq '%s' && strcol(5) eq 'alloc' ? $7 : NaN):8:9 "
			"with yerrorlines title '%s'",
			a ? ", " : "", count, api_name[a], api_name[a]);
	fprintf(g,
		"\nset output 'slab-p99.png'\nset title 'p99 latency of "
		"one call, %u objects per run (median, min-max over "
		"runs)'\nset ylabel 'ns'\nplot ",
		count);
	for (int a = 0; a < MS_BENCH_APIS; a++)
		for (int o = 0; o < MS_BENCH_OPS; o++)
			fprintf(g,
				"%s'slab-summary.csv' using 1:($3 == %u && "
				"strcol(4) eq '%s' && strcol(5) eq '%s' ? "
				"$14 : NaN):15:16 with yerrorlines title "
				"'%s %s'",
				a || o ? ", " : "", count, api_name[a],
				op_name[o], api_name[a], op_name[o]);
	fprintf(g, "\nunset logscale x\nunset logscale y\n");
}

static int slab_run(struct ms_exp *e)
{
	struct slab s = { .e = e };
	int err;

	if (e->o->quick) {
		s.sizes = quick_sizes, s.nr_sizes = 2;
		s.counts = quick_counts, s.nr_counts = 1;
		s.reps = 3;
	} else {
		s.sizes = full_sizes, s.nr_sizes = 6;
		s.counts = full_counts, s.nr_counts = 2;
		s.reps = 5;
	}
	e->steps = s.nr_sizes * s.nr_counts * s.reps;
	if ((err = open_csvs(&s)))
		goto out;
	for (int ci = 0; ci < s.nr_counts && !err; ci++)
		for (int si = 0; si < s.nr_sizes && !err; si++) {
			struct cell *c = &s.cells[s.n++];

			c->size = s.sizes[si];
			c->nominal = s.counts[ci];
			c->count = c->nominal;
			if ((uint64_t)c->size * c->count > MAX_BYTES)
				c->count = MAX_BYTES / c->size;
			for (int r = 0; r < s.reps && !err; r++) {
				ms_exp_step(e,
					    "slab_bench size %u count %u, "
					    "run %d of %d",
					    c->size, c->count, r + 1, s.reps);
				err = ms_exp_stopped() ? -EINTR :
							 bench(&s, c, r);
			}
			if (!err)
				summarize(&s, c);
			else
				s.n--;
		}
out:
	report_params(&s);
	if (s.n)
		report_table(&s);
	if (!err && s.n)
		err = report_checks(&s);
	plot(&s);
	{
		int a = ms_csv_close(&s.runs), b = ms_csv_close(&s.sum);

		err = err ?: a ?: b;
	}
	return err;
}

const struct ms_experiment ms_exp_slab = {
	.name = "slab",
	.title = "kmem_cache against kmalloc",
	.run = slab_run,
};
