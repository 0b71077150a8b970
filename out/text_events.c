// SPDX-License-Identifier: GPL-2.0
/*
 * Plain-text batch output of the live event sections (probes/bpf) and of
 * the per-process stall delays (probes/taskstats): rates over the interval.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/field.h"
#include "out/text.h"

#include "model/slabfree.h"

#define TOP 20 /* rows per list, busiest first (JSON has all) */

/* "name=rate/s" for each order with a counter. */
static void per_order(FILE *f, const char *what, const double *v, int n)
{
	char b[32];

	fprintf(f, "  %-11s", what);
	for (int o = 0; o < n; o++)
		fprintf(f, " %9s", fnum(v[o], 1, b, sizeof(b)));
	fputc('\n', f);
}

static void compaction(FILE *f, const struct ms_compaction *c)
{
	char b[5][32];

	fprintf(f,
		"  compaction: %s runs (%s direct) %s/s, mean %s us, "
		"max %s us;",
		num(c->runs, b[2], 32), num(c->direct, b[3], 32),
		fnum(c->runs_rate, 1, b[0], 32), fnum(c->mean_us, 1, b[1], 32),
		num(c->max_us, b[4], 32));
	for (int i = 0; i < c->nr_results; i++)
		fprintf(f, " %s=%s", c->result_name[i],
			num(c->result[i], b[0], 32));
	fputc('\n', f);
}

static void buddy_events(FILE *f, const struct ms_buddy_events *e)
{
	char b[32], n[32];

	fprintf(f, "\nBuddy events (bpf) over %s s, per second\n  %-11s",
		fnum(e->interval, 2, b, sizeof(b)), "order");
	for (int o = 0; o < e->nr_orders; o++)
		fprintf(f, " %9d", o);
	fputc('\n', f);
	if (e->fields & MS_BE_ALLOC) {
		per_order(f, "alloc", e->alloc_rate, e->nr_orders);
		per_order(f, "fail", e->fail_rate, e->nr_orders);
		for (int t = 0; t < e->nr_migrate; t++)
			per_order(f, e->migrate[t], e->mt_alloc_rate[t],
				  e->nr_orders);
	}
	if (e->fields & MS_BE_FREE)
		per_order(f, "free", e->free_rate, e->nr_orders);
	if (e->fields & MS_BE_EXTFRAG) {
		fprintf(f, "  fallbacks (wanted->taken):");
		for (int i = 0; i < e->nr_extfrag; i++) {
			const struct ms_extfrag_event *x = &e->extfrag[i];

			fprintf(f, " %s->%s=%s (%s/s)", e->migrate[x->wanted],
				e->migrate[x->taken],
				num(x->count, n, sizeof(n)),
				fnum(x->rate, 1, b, sizeof(b)));
		}
		fprintf(f, "%s\n", e->nr_extfrag ? "" : " none");
	}
	if (e->fields & MS_BE_COMPACT)
		compaction(f, &e->compaction);
}

static int by_alloc_rate(const void *a, const void *b)
{
	const struct ms_slab_rate *x = *(const struct ms_slab_rate *const *)a;
	const struct ms_slab_rate *y = *(const struct ms_slab_rate *const *)b;
	double u = isfinite(x->alloc_rate) ? x->alloc_rate : -1;
	double v = isfinite(y->alloc_rate) ? y->alloc_rate : -1;

	return (u < v) - (u > v);
}

static void callsites(FILE *f, const struct ms_slab_events *e)
{
	char nm[4 * MS_NAME + 1], sym[4 * MS_SYM + 1], b[32];

	/* a replay has no count of the target's allocations: "-" */
	fprintf(f, "  call sites of %s (%s allocations):\n",
		esc(e->target, nm, sizeof(nm)),
		num(e->target_allocs, b, sizeof(b)));
	for (int i = 0; i < e->nr_sites; i++) {
		const struct ms_callsite *c = &e->sites[i];

		fprintf(f, "  %5.1f%% %8s", 100 * c->share,
			num(c->count, b, sizeof(b)));
		for (int d = 0; d < c->depth; d++)
			fprintf(f, "%s%s", d ? " <- " : " ",
				esc(c->sym[d], sym, sizeof(sym)));
		fputc('\n', f);
	}
}

/* A number with its mark in front ("~123.4"), in buf (32 bytes). */
static const char *mark(const char *m, const char *num, char *buf)
{
	char t[32];

	if (!*m || !strcmp(num, "-"))
		return num;
	snprintf(t, sizeof(t), "%s%s", m, num);
	snprintf(buf, 32, "%s", t);
	return buf;
}

static void slab_events(FILE *f, const struct ms_slab_events *e)
{
	bool marked = false;
	const struct ms_slab_rate **v = calloc(e->n ? e->n : 1, sizeof(*v));
	char b[4][32], nm[4 * MS_NAME + 1];

	fprintf(f,
		"\nSlab events (bpf) over %s s, the %d busiest\n"
		"%-28s %10s %10s %12s %12s\n",
		fnum(e->interval, 2, b[0], 32), TOP, "cache", "alloc/s",
		"free/s", "alloc_B/s", "free_B/s");
	for (int i = 0; v && i < e->n; i++)
		v[i] = &e->v[i];
	if (v)
		qsort(v, e->n, sizeof(*v), by_alloc_rate);
	for (int i = 0; v && i < e->n && i < TOP; i++) {
		const char *fm = ms_free_mark(v[i]->free_src);
		const char *am = ms_alloc_mark(v[i]->free_src);

		if (isfinite(v[i]->free_rate) && *fm)
			marked = true;
		fprintf(f, "%-28s %10s %10s %12s %12s\n",
			esc(v[i]->name, nm, sizeof(nm)),
			mark(am, fnum(v[i]->alloc_rate, 1, b[0], 32), b[0]),
			mark(fm, fnum(v[i]->free_rate, 1, b[1], 32), b[1]),
			fnum(v[i]->alloc_bytes_rate, 0, b[2], 32),
			mark(fm, fnum(v[i]->free_bytes_rate, 0, b[3], 32),
			     b[3]));
	}
	free(v);
	if (marked)
		fprintf(f, "  ~ derived: alloc/s - growth of active objects "
			   "(bulk, RCU frees fire no event)\n"
			   "  ? not checked against /proc/slabinfo, or "
			   "inconsistent with it\n");
	if ((e->fields & MS_SE_KFREE) && e->kfree_unknown)
		fprintf(f, "  kfree of no named cache: %s/s\n",
			fnum(e->kfree_unknown_rate, 1, b[0], 32));
	if ((e->fields & MS_SE_CALLSITES) && e->target[0])
		callsites(f, e);
}

/*
 * The fault columns the kernel let the group count (the need bits of the
 * counter's row, model/event_fields.c), "-" for the rest.
 */
static const char *fault_rate(const struct ms_fault_proc *p,
			      unsigned int fields, enum ms_fault_count c,
			      char *b, size_t n)
{
	unsigned int need = ms_fault_rate_fields[c].need;

	return fnum((fields & need) == need ? p->rate[c] : NAN, 1, b, n);
}

static void fault_line(FILE *f, const struct ms_fault_proc *p,
		       unsigned int fields)
{
	static const enum ms_fault_count col[] = {
		MS_FC_HW,   MS_FC_WP,	MS_FC_MINOR, MS_FC_MAJOR,
		MS_FC_ANON, MS_FC_FILE, MS_FC_COW,
	};
	char b[32], nm[4 * MS_NAME + 1];
	bool lock = fields & MS_FE_LOCK;

	if (p->pid)
		fprintf(f, "%7d %-16s", p->pid, esc(p->comm, nm, sizeof(nm)));
	else
		fprintf(f, "%7s %-16s", "all", "");
	for (size_t i = 0; i < sizeof(col) / sizeof(col[0]); i++)
		fprintf(f, " %8s", fault_rate(p, fields, col[i], b, sizeof(b)));
	fprintf(f, " %9s",
		fnum(lock ? p->rate[MS_FC_LOCK_NS] / 1e6 : NAN, 2, b, 32));
	fprintf(f, " %8s\n",
		fnum(lock ? ms_dbl(p->lock_max_ns) / 1e3 : NAN, 0, b, 32));
}

static int by_faults(const void *a, const void *b)
{
	const struct ms_fault_proc *x = a, *y = b;
	double u = isfinite(x->rate[MS_FC_HW]) ? x->rate[MS_FC_HW] : -1;
	double v = isfinite(y->rate[MS_FC_HW]) ? y->rate[MS_FC_HW] : -1;

	return (u < v) - (u > v);
}

static void fault_events(FILE *f, const struct ms_fault_events *e)
{
	struct ms_fault_proc *v = malloc((e->n ? e->n : 1) * sizeof(*v));
	char b[32];

	fprintf(f,
		"\nFaults (bpf) over %s s, per second; the %d busiest\n"
		"%7s %-16s %8s %8s %8s %8s %8s %8s %8s %9s %8s\n",
		fnum(e->interval, 2, b, sizeof(b)), TOP, "pid", "comm", "flt",
		"wp", "minflt", "majflt", "anon", "file", "cow", "lock_ms",
		"lockmax");
	fault_line(f, &e->total, e->fields);
	if (v) {
		memcpy(v, e->v, e->n * sizeof(*v));
		qsort(v, e->n, sizeof(*v), by_faults);
		for (int i = 0; i < e->n && i < TOP; i++)
			fault_line(f, &v[i], e->fields);
	}
	free(v);
	if (e->untracked && ms_have(e->untracked))
		fprintf(f, "  events of processes not tracked: %llu\n",
			(unsigned long long)e->untracked);
}

/* count, rate, mean and max of a latency, and its non-empty buckets. */
static void latency(FILE *f, const char *what, const struct ms_latency *l)
{
	char b[5][32];

	fprintf(f, "  %-9s %s (%s/s), %s ms/s, mean %s us, max %s us", what,
		num(l->count, b[4], 32), fnum(l->rate, 1, b[0], 32),
		fnum(l->ns_rate / 1e6, 2, b[1], 32),
		fnum(l->count ? ms_dbl(l->total_ns) / ms_dbl(l->count) / 1e3 :
				NAN,
		     1, b[2], 32),
		fnum(ms_dbl(l->max_ns) / 1e3, 1, b[3], 32));
	for (int i = 0; i < MS_BPF_HIST; i++)
		if (l->hist[i])
			fprintf(f, " [%llu,%llu)us=%s", i ? 1ull << i : 0ull,
				2ull << i, num(l->hist[i], b[0], 32));
	fputc('\n', f);
}

static void kswapd(FILE *f, const struct ms_reclaim_events *e)
{
	char b[3][32];

	for (int i = 0; i < e->nr_kswapd; i++) {
		const struct ms_kswapd *k = &e->kswapd[i];

		fprintf(f, "  kswapd%-3d %s, %s wakes (%s/s), awake %s%%\n",
			k->node, k->awake ? "awake" : "asleep",
			num(k->wakes, b[2], 32),
			fnum(k->wake_rate, 1, b[0], 32),
			fnum(100 * k->awake_share, 1, b[1], 32));
	}
}

static void shrinkers(FILE *f, const struct ms_reclaim_events *e)
{
	char b[32], n[32], nm[4 * MS_SYM + 1];

	for (int i = 0; i < e->nr_shrinkers && i < TOP; i++) {
		const struct ms_shrinker *sh = &e->shrinkers[i];

		fprintf(f, "  shrinker %s freed %s (%s/s)\n",
			esc(sh->name, nm, sizeof(nm)), num(sh->freed, n, 32),
			fnum(sh->freed_rate, 1, b, sizeof(b)));
		latency(f, "", &sh->lat);
	}
}

/* The cgroup a stall or a kill belongs to. */
static const char *cg_esc(const char *path, char *out, size_t n)
{
	return path[0] ? esc(path, out, n) : "?";
}

/* " cgroup=/a/b scope=cgroup oom_cgroup=/a (by oom_control)" after a kill. */
static void oom_cgroup(FILE *f, const struct ms_oom_event *o)
{
	char cg[4 * MS_CG_PATH + 1];
	const char *by = ms_name_of(&ms_oom_scope_by_names, o->scope_by);

	if (o->cgroup[0])
		fprintf(f, " cgroup=%s", cg_esc(o->cgroup, cg, sizeof(cg)));
	if (o->scope != MS_OOM_UNKNOWN)
		fprintf(f, " scope=%s",
			ms_name_of(&ms_oom_scope_names, o->scope));
	if (o->oom_cgroup[0])
		fprintf(f, " oom_cgroup=%s",
			cg_esc(o->oom_cgroup, cg, sizeof(cg)));
	if (by)
		fprintf(f, " (by %s)", by);
	fputc('\n', f);
}

static void oom_list(FILE *f, const struct ms_reclaim_events *e)
{
	char when[32], nm[4 * MS_NAME + 1], b[2][32];

	fprintf(f, "  OOM kills since attach: %s\n",
		num(e->oom_kills, b[0], 32));
	for (int i = 0; i < e->nr_oom; i++) {
		const struct ms_oom_event *o = &e->oom[i];
		time_t t = (time_t)o->time;
		struct tm tm;

		localtime_r(&t, &tm);
		strftime(when, sizeof(when), "%H:%M:%S", &tm);
		fprintf(f, "  OOM %s pid %d %s anon_rss_kb=%s total_vm_kb=%s",
			when, o->pid, esc(o->comm, nm, sizeof(nm)),
			num(o->anon_rss_kb, b[0], 32),
			num(o->total_vm_kb, b[1], 32));
		oom_cgroup(f, o);
	}
}

/* The memory cgroups whose tasks stalled, each kind a latency line. */
static void cg_stalls(FILE *f, const struct ms_reclaim_events *e)
{
	char cg[4 * MS_CG_PATH + 1];

	for (int i = 0; i < e->nr_cgroups && i < TOP; i++) {
		const struct ms_cg_reclaim *c = &e->cgroups[i];

		fprintf(f, "  cgroup %s\n", cg_esc(c->path, cg, sizeof(cg)));
		if (e->fields & MS_RE_DIRECT && c->direct.count)
			latency(f, " direct", &c->direct);
		if (e->fields & MS_RE_MEMCG && c->memcg.count)
			latency(f, " memcg", &c->memcg);
	}
}

static void reclaim_events(FILE *f, const struct ms_reclaim_events *e)
{
	char b[32], n[32], nm[4 * MS_NAME + 1];

	fprintf(f, "\nReclaim events (bpf) over %s s\n",
		fnum(e->interval, 2, b, sizeof(b)));
	if (e->fields & MS_RE_DIRECT)
		latency(f, "direct", &e->direct);
	if (e->fields & MS_RE_MEMCG)
		latency(f, "memcg", &e->memcg);
	for (int i = 0; i < e->nr_procs && i < TOP; i++) {
		snprintf(nm, sizeof(nm), "%d", e->procs[i].pid);
		latency(f, nm, &e->procs[i].lat);
	}
	cg_stalls(f, e);
	if (e->fields & MS_RE_KSWAPD)
		kswapd(f, e);
	if (e->fields & MS_RE_SHRINK)
		shrinkers(f, e);
	if (e->fields & MS_RE_WRITE)
		fprintf(f, "  writeback from reclaim: %s folios (%s/s)\n",
			num(e->write_folios, n, sizeof(n)),
			fnum(e->write_rate, 1, b, sizeof(b)));
	if (e->fields & MS_RE_OOM)
		oom_list(f, e);
}

static void numa_events(FILE *f, const struct ms_numa_events *e)
{
	char b[3][32];

	fprintf(f, "\nNUMA events (bpf) over %s s\n",
		fnum(e->interval, 2, b[0], 32));
	if (e->fields & MS_NE_MIGRATE) {
		fprintf(f, "  migrated pages %s/s, failed %s/s\n",
			fnum(e->succeeded_rate, 1, b[0], 32),
			fnum(e->failed_rate, 1, b[1], 32));
		for (int i = 0; i < e->nr_reasons; i++)
			fprintf(f, "  %-16s %s/s ok, %s/s failed\n",
				e->reason[i].name,
				fnum(e->reason[i].succeeded_rate, 1, b[0], 32),
				fnum(e->reason[i].failed_rate, 1, b[1], 32));
	}
	if (e->fields & MS_NE_HINT)
		fprintf(f, "  hinting faults %s/s, pages migrated %s/s\n",
			fnum(e->hint.faults_rate, 1, b[0], 32),
			fnum(e->hint.migrated_rate, 1, b[1], 32));
	if (e->fields & MS_NE_TASK)
		fprintf(f, "  tasks moved %s/s, swapped %s/s\n",
			fnum(e->task_moves_rate, 2, b[0], 32),
			fnum(e->task_swaps_rate, 2, b[1], 32));
}

static void task_delays(FILE *f, const struct ms_task_delays *d)
{
	char b[32], nm[4 * MS_NAME + 1];

	fprintf(f,
		"\nStall delays (taskstats, ms per second) delayacct=%d%s\n"
		"%7s %-16s",
		d->delayacct, d->ours ? " (on for memscope)" : "", "pid",
		"comm");
	for (int k = 0; k < MS_DL_COUNT; k++)
		fprintf(f, " %10s", ms_delay_name(k));
	fputc('\n', f);
	for (int i = 0; i < d->n; i++) {
		fprintf(f, "%7d %-16s", d->v[i].pid,
			esc(d->v[i].comm, nm, sizeof(nm)));
		for (int k = 0; k < MS_DL_COUNT; k++)
			fprintf(f, " %10s",
				fnum(d->v[i].ns_rate[k] / 1e6, 2, b, 32));
		fputc('\n', f);
	}
}

static void bpf_cost(FILE *f, const struct ms_bpf_info *b)
{
	char x[2][32];

	if (!b->open || !b->nr_groups)
		return;
	fprintf(f, "\nBPF groups attached:");
	for (int i = 0; i < b->nr_groups; i++)
		fprintf(f, " %s", b->groups[i]);
	fprintf(f, "; their programs: %s runs/s, %s us/s\n",
		fnum(b->cnt_rate, 0, x[0], 32),
		fnum(b->ns_rate / 1e3, 1, x[1], 32));
	if (b->own_excluded)
		fprintf(f,
			"memscope's own slab and page events left out: "
			"%s/s (--include-self counts them)\n",
			fnum(b->own_rate, 0, x[0], 32));
}

MS_TEXT_HAND(buddy_t, buddy_events, buddy_events)
MS_TEXT_HAND(slab_t, slab_events, slab_events)
MS_TEXT_HAND(fault_t, fault_events, fault_events)
MS_TEXT_HAND(reclaim_t, reclaim_events, reclaim_events)
MS_TEXT_HAND(numa_t, numa_events, numa_events)
MS_TEXT_HAND(delays_t, task_delays, task_delays)

/* after the core sections; the task delays after every event section */
const struct ms_text_hand ms_text_events[] = {
	{ MS_SEC_BUDDY_EVENTS, MS_TEXT_EVENTS, buddy_t },
	{ MS_SEC_SLAB_EVENTS, MS_TEXT_EVENTS, slab_t },
	{ MS_SEC_FAULT_EVENTS, MS_TEXT_EVENTS, fault_t },
	{ MS_SEC_RECLAIM_EVENTS, MS_TEXT_EVENTS, reclaim_t },
	{ MS_SEC_NUMA_EVENTS, MS_TEXT_EVENTS, numa_t },
	{ MS_SEC_TASK_DELAYS, MS_TEXT_LATE, delays_t },
	{ -1, 0, NULL },
};

void ms_text_bpf_cost(FILE *f, const struct ms_snapshot *s)
{
	bpf_cost(f, &s->bpf);
}
