// SPDX-License-Identifier: GPL-2.0
/*
 * The reclaim group, user side: reclaim stall histograms (overall, per
 * kind, per process, per memory cgroup), kswapd per node, shrinkers named
 * from kallsyms, writeback from reclaim, and the latest OOM kills from the
 * ring buffer with their cgroups.
 */
#include "probes/bpf/bpf.h"

#include <bpf/bpf.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "probes/bpf/btfargs.h"
#include "probes/bpf/kallsyms.h"
#include "probes/bpf/mapread.h"
#include "probes/bpf/timens.h"
#include "reclaim.h"
#include "reclaim.skel.h"

MS_BPF_SKEL(reclaim_bpf)

struct seen_proc {
	int pid;
	struct ms_rc_proc c;
};

struct seen_shrinker {
	__u64 addr;
	struct ms_rc_shrinker c;
};

struct seen_cg {
	__u64 id;
	struct ms_rc_cg c;
};

struct reclaim {
	struct ring_buffer *ring;
	struct ms_rc_global prev;
	struct seen_proc *procs, *prev_procs;
	int nprocs, nprev_procs;
	struct seen_shrinker *shr, *prev_shr;
	int nshr, nprev_shr;
	struct seen_cg *cgs, *prev_cgs;
	int ncgs, nprev_cgs;
	struct ms_rc_cg *cvals; /* a read's values, before sorting */
	__u32 *pkeys;
	__u64 *skeys, *ckeys;
	double t_prev;
	uint64_t awake_prev[MS_RC_NODES];
	int nr_nodes;
	/* the latest OOM kills, a ring: oom[(first + i) % MS_OOM_EVENTS] */
	struct ms_rc_oom oom[MS_OOM_EVENTS];
	int first, noom;
	struct ms_kallsyms ksyms;
	int ksyms_err; /* 1: not loaded yet */
	/* our clocks against the kernel's, which stamps the events */
	struct ms_timens tns;
	int tns_err;
};

/* ---- which programs this kernel gets ----------------------------------- */

static bool has_write_folio(const struct btf *btf)
{
	return ms_btf_tp_nargs(btf, "mm_vmscan_write_folio") >= 0;
}

static bool has_writepage_only(const struct btf *btf)
{
	return !has_write_folio(btf) &&
	       ms_btf_tp_nargs(btf, "mm_vmscan_writepage") >= 0;
}

/* 6.8+: mark_victim(struct task_struct *, uid_t) */
static bool victim_has_task(const struct btf *btf)
{
	return ms_btf_tp_arg_ptr(btf, "mark_victim", 0);
}

static bool victim_pid_only(const struct btf *btf)
{
	return !victim_has_task(btf);
}

/* ---- set-up --------------------------------------------------------------- */

static int on_oom(void *ctx, void *data, size_t len)
{
	struct reclaim *r = ctx;
	int i;

	if (len < sizeof(struct ms_rc_oom))
		return 0;
	if (r->noom < MS_OOM_EVENTS) {
		i = (r->first + r->noom++) % MS_OOM_EVENTS;
	} else {
		i = r->first; /* the oldest makes room */
		r->first = (r->first + 1) % MS_OOM_EVENTS;
	}
	memcpy(&r->oom[i], data, sizeof(r->oom[i]));
	return 0;
}

static int reclaim_init(struct ms_bpf_group *g, const struct btf *btf)
{
	struct reclaim_bpf *skel = g->skel;
	struct reclaim *r = calloc(1, sizeof(*r));

	if (!r)
		return -ENOMEM;
	g->priv = r;
	r->ksyms_err = 1;
	r->procs = calloc(MS_RC_PROCS, sizeof(*r->procs));
	r->prev_procs = calloc(MS_RC_PROCS, sizeof(*r->prev_procs));
	r->shr = calloc(MS_RC_SHRINKERS, sizeof(*r->shr));
	r->prev_shr = calloc(MS_RC_SHRINKERS, sizeof(*r->prev_shr));
	r->pkeys = calloc(MS_RC_PROCS, sizeof(*r->pkeys));
	r->skeys = calloc(MS_RC_SHRINKERS, sizeof(*r->skeys));
	r->cgs = calloc(MS_RC_CGROUPS, sizeof(*r->cgs));
	r->prev_cgs = calloc(MS_RC_CGROUPS, sizeof(*r->prev_cgs));
	r->cvals = calloc(MS_RC_CGROUPS, sizeof(*r->cvals));
	r->ckeys = calloc(MS_RC_CGROUPS, sizeof(*r->ckeys));
	if (!r->procs || !r->prev_procs || !r->shr || !r->prev_shr ||
	    !r->pkeys || !r->skeys || !r->cgs || !r->prev_cgs || !r->cvals ||
	    !r->ckeys)
		return -ENOMEM;
	r->nr_nodes = ms_bpf_nr_nodes(g->root, MS_RC_NODES);
	r->tns_err = ms_timens_load(&r->tns, g->root);
	r->ring = ring_buffer__new(bpf_map__fd(skel->maps.rc_oom), on_oom, r,
				   NULL);
	return r->ring ? 0 : -errno;
}

static void reclaim_fini(struct ms_bpf_group *g)
{
	struct reclaim *r = g->priv;

	ring_buffer__free(r->ring);
	ms_kallsyms_free(&r->ksyms);
	free(r->procs);
	free(r->prev_procs);
	free(r->shr);
	free(r->prev_shr);
	free(r->pkeys);
	free(r->skeys);
	free(r->cgs);
	free(r->prev_cgs);
	free(r->cvals);
	free(r->ckeys);
	free(r);
}

/* ---- reading ---------------------------------------------------------- */

static double mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/*
 * A ktime stamp (the kernel's CLOCK_MONOTONIC, not shifted by our time
 * namespace) as seconds since the epoch, by the sample's two clocks.
 */
static double epoch(const struct reclaim *r, const struct ms_snapshot *s,
		    __u64 ktime)
{
	if (!ktime)
		return NAN;
	return s->t_real - (s->t_mono - ms_timens_mono(&r->tns, ktime));
}

static void latency(struct ms_latency *l, const struct ms_rc_lat *c,
		    const struct ms_rc_lat *p, double dt,
		    const struct reclaim *r, const struct ms_snapshot *s)
{
	l->count = c->count;
	l->total_ns = c->total_ns;
	l->max_ns = c->max_ns;
	memcpy(l->hist, c->hist, sizeof(l->hist));
	l->rate = p ? ms_bpf_rate(c->count, p->count, dt) : NAN;
	l->ns_rate = p ? ms_bpf_rate(c->total_ns, p->total_ns, dt) : NAN;
	l->last = epoch(r, s, c->last_ns);
}

static void sum_latency(struct ms_latency *sum, const struct ms_latency *a,
			const struct ms_latency *b)
{
	sum->count = a->count + b->count;
	sum->total_ns = a->total_ns + b->total_ns;
	sum->max_ns = a->max_ns > b->max_ns ? a->max_ns : b->max_ns;
	for (int i = 0; i < MS_BPF_HIST; i++)
		sum->hist[i] = a->hist[i] + b->hist[i];
	sum->rate = a->rate + b->rate;
	sum->ns_rate = a->ns_rate + b->ns_rate;
	sum->last = isnan(a->last) || a->last < b->last ? b->last : a->last;
}

static void kswapd(struct ms_reclaim_events *e, struct reclaim *r,
		   const struct ms_rc_global *c, const struct ms_snapshot *s,
		   double dt)
{
	/* now on the kernel's clock, as woke_at */
	double now = mono_ns() - (double)r->tns.mono_ns;

	e->nr_kswapd = r->nr_nodes;
	for (int n = 0; n < r->nr_nodes; n++) {
		const struct ms_rc_kswapd *k = &c->kswapd[n];
		const struct ms_rc_kswapd *p = &r->prev.kswapd[n];
		struct ms_kswapd *o = &e->kswapd[n];
		uint64_t awake = k->awake_ns;

		if (k->woke_at && now > (double)k->woke_at)
			awake += (uint64_t)(now - (double)k->woke_at);
		o->node = n;
		o->wakes = k->wakes;
		o->sleeps = k->sleeps;
		o->wakeups = k->wakeups;
		o->awake_ns = awake;
		o->awake = k->woke_at != 0;
		o->wake_rate = ms_bpf_rate(k->wakes, p->wakes, dt);
		o->wakeup_rate = ms_bpf_rate(k->wakeups, p->wakeups, dt);
		o->awake_share = ms_bpf_rate(awake, r->awake_prev[n], dt) / 1e9;
		o->last_wake = epoch(r, s, k->last_wake);
		o->last_sleep = epoch(r, s, k->last_sleep);
		r->awake_prev[n] = awake;
	}
}

static int by_pid(const void *a, const void *b)
{
	const struct seen_proc *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

static int by_addr(const void *a, const void *b)
{
	const struct seen_shrinker *x = a, *y = b;

	return (x->addr > y->addr) - (x->addr < y->addr);
}

static int read_procs(struct reclaim_bpf *skel, struct reclaim *r)
{
	struct ms_rc_proc *vals = calloc(MS_RC_PROCS, sizeof(*vals));
	int n;

	if (!vals)
		return -ENOMEM;
	n = ms_bpf_map_dump(bpf_map__fd(skel->maps.rc_procs), r->pkeys,
			    sizeof(*r->pkeys), vals, sizeof(*vals),
			    MS_RC_PROCS);
	for (int i = 0; i < n; i++) {
		r->procs[i].pid = (int)r->pkeys[i];
		r->procs[i].c = vals[i];
	}
	free(vals);
	if (n < 0)
		return n;
	r->nprocs = n;
	qsort(r->procs, (size_t)n, sizeof(*r->procs), by_pid);
	return 0;
}

/* Processes that stalled in the interval (every one on the first read). */
static int reclaimers(struct ms_reclaim_events *e, struct reclaim *r,
		      const struct ms_snapshot *s, double dt)
{
	for (int i = 0; i < r->nprocs; i++) {
		const struct seen_proc *c = &r->procs[i];
		const struct seen_proc *p = bsearch(c, r->prev_procs,
						    (size_t)r->nprev_procs,
						    sizeof(*c), by_pid);
		struct ms_reclaimer *o;

		if (p && p->c.lat.count == c->c.lat.count)
			continue;
		o = ms_reclaimer_add(e);
		if (!o)
			return -ENOMEM;
		o->pid = c->pid;
		snprintf(o->comm, sizeof(o->comm), "%.*s",
			 (int)sizeof(c->c.comm), c->c.comm);
		latency(&o->lat, &c->c.lat,
			p ? &p->c.lat : &(struct ms_rc_lat){ 0 }, dt, r, s);
	}
	return 0;
}

static int read_shrinkers(struct reclaim_bpf *skel, struct reclaim *r)
{
	struct ms_rc_shrinker *vals = calloc(MS_RC_SHRINKERS, sizeof(*vals));
	int n;

	if (!vals)
		return -ENOMEM;
	n = ms_bpf_map_dump(bpf_map__fd(skel->maps.rc_shrinkers), r->skeys,
			    sizeof(*r->skeys), vals, sizeof(*vals),
			    MS_RC_SHRINKERS);
	for (int i = 0; i < n; i++) {
		r->shr[i].addr = r->skeys[i];
		r->shr[i].c = vals[i];
	}
	free(vals);
	if (n < 0)
		return n;
	r->nshr = n;
	qsort(r->shr, (size_t)n, sizeof(*r->shr), by_addr);
	return 0;
}

static void shrinker_name(struct reclaim *r, const struct ms_root *root,
			  struct ms_snapshot *s, struct ms_shrinker *o,
			  const struct ms_rc_shrinker *c)
{
	const struct ms_kallsyms *k;
	char *plus;

	o->named = c->name[0] != '\0';
	if (o->named) {
		snprintf(o->name, sizeof(o->name), "%.*s", (int)sizeof(c->name),
			 c->name);
		return;
	}
	k = ms_kallsyms_lazy(&r->ksyms, &r->ksyms_err, root, s);
	if (!k || !ms_kallsyms_name(k, c->scan, o->name, sizeof(o->name))) {
		snprintf(o->name, sizeof(o->name), "0x%llx",
			 (unsigned long long)c->scan);
		return;
	}
	/* the function's start: "+0x0" says nothing */
	plus = strstr(o->name, "+0x0");
	if (plus && (plus[4] == '\0' || plus[4] == ' '))
		memmove(plus, plus + 4, strlen(plus + 4) + 1);
}

static int by_time(const void *a, const void *b)
{
	const struct ms_shrinker *x = a, *y = b;
	double dx = isnan(x->lat.ns_rate) ? 0 : x->lat.ns_rate;
	double dy = isnan(y->lat.ns_rate) ? 0 : y->lat.ns_rate;

	if (dx != dy)
		return dx < dy ? 1 : -1;
	return (x->lat.total_ns < y->lat.total_ns) -
	       (x->lat.total_ns > y->lat.total_ns);
}

static int shrinkers(struct ms_bpf_group *g, struct ms_reclaim_events *e,
		     struct reclaim *r, struct ms_snapshot *s, double dt)
{
	for (int i = 0; i < r->nshr; i++) {
		const struct seen_shrinker *c = &r->shr[i];
		const struct seen_shrinker *p = bsearch(c, r->prev_shr,
							(size_t)r->nprev_shr,
							sizeof(*c), by_addr);
		struct ms_shrinker *o = ms_shrinker_add(e);

		if (!o)
			return -ENOMEM;
		o->addr = c->addr;
		shrinker_name(r, g->root, s, o, &c->c);
		o->freed = c->c.freed;
		o->freed_rate = p ? ms_bpf_rate(c->c.freed, p->c.freed, dt) :
				    ms_bpf_rate(c->c.freed, 0, dt);
		latency(&o->lat, &c->c.lat,
			p ? &p->c.lat : &(struct ms_rc_lat){ 0 }, dt, r, s);
	}
	if (e->nr_shrinkers > 1)
		qsort(e->shrinkers, (size_t)e->nr_shrinkers,
		      sizeof(*e->shrinkers), by_time);
	return 0;
}

static int by_id(const void *a, const void *b)
{
	const struct seen_cg *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

static int read_cgroups(struct reclaim_bpf *skel, struct reclaim *r)
{
	int n = ms_bpf_map_dump(bpf_map__fd(skel->maps.rc_cgroups), r->ckeys,
				sizeof(*r->ckeys), r->cvals, sizeof(*r->cvals),
				MS_RC_CGROUPS);

	if (n < 0)
		return n;
	for (int i = 0; i < n; i++) {
		r->cgs[i].id = r->ckeys[i];
		r->cgs[i].c = r->cvals[i];
	}
	r->ncgs = n;
	qsort(r->cgs, (size_t)n, sizeof(*r->cgs), by_id);
	return 0;
}

/* A BPF path ("" none) into the model's. */
static void cg_copy(char *out, const char *path)
{
	snprintf(out, MS_CG_PATH, "%.*s", MS_RC_CGPATH - 1, path);
}

static int by_path(const void *a, const void *b)
{
	const struct ms_cg_reclaim *x = a, *y = b;

	return strcmp(x->path, y->path);
}

/* Memory cgroups whose tasks stalled in the interval (all the first time). */
static int cgroups(struct ms_reclaim_events *e, struct reclaim *r,
		   const struct ms_snapshot *s, double dt)
{
	static const struct ms_rc_cg none;

	for (int i = 0; i < r->ncgs; i++) {
		const struct seen_cg *c = &r->cgs[i];
		const struct seen_cg *p = bsearch(c, r->prev_cgs,
						  (size_t)r->nprev_cgs,
						  sizeof(*c), by_id);
		const struct ms_rc_cg *pc = p ? &p->c : &none;
		struct ms_cg_reclaim *o;

		if (p &&
		    p->c.lat[MS_RC_DIRECT].count ==
			    c->c.lat[MS_RC_DIRECT].count &&
		    p->c.lat[MS_RC_MEMCG].count == c->c.lat[MS_RC_MEMCG].count)
			continue;
		o = ms_cg_reclaim_add(e);
		if (!o)
			return -ENOMEM;
		cg_copy(o->path, c->c.path);
		o->id = c->id;
		latency(&o->direct, &c->c.lat[MS_RC_DIRECT],
			&pc->lat[MS_RC_DIRECT], dt, r, s);
		latency(&o->memcg, &c->c.lat[MS_RC_MEMCG],
			&pc->lat[MS_RC_MEMCG], dt, r, s);
		o->direct_reclaimed = c->c.reclaimed[MS_RC_DIRECT];
		o->memcg_reclaimed = c->c.reclaimed[MS_RC_MEMCG];
	}
	if (e->nr_cgroups > 1)
		qsort(e->cgroups, (size_t)e->nr_cgroups, sizeof(*e->cgroups),
		      by_path);
	return 0;
}

_Static_assert(MS_RC_SCOPE_SYSTEM == (int)MS_OOM_SYSTEM &&
		       MS_RC_SCOPE_CGROUP == (int)MS_OOM_CGROUP &&
		       MS_RC_BY_OOM_CONTROL == (int)MS_OOM_BY_CONTROL &&
		       MS_RC_BY_RECLAIM == (int)MS_OOM_BY_RECLAIM,
	       "the BPF side's scope values are the model's");

static void oom_events(struct ms_reclaim_events *e, const struct reclaim *r,
		       const struct ms_snapshot *s)
{
	const long kb = sysconf(_SC_PAGESIZE) / 1024;

	e->nr_oom = r->noom;
	for (int i = 0; i < r->noom; i++) {
		const struct ms_rc_oom *c =
			&r->oom[(r->first + i) % MS_OOM_EVENTS];
		struct ms_oom_event *o = &e->oom[i];

		memset(o, 0, sizeof(*o));
		o->time = epoch(r, s, c->ts);
		o->pid = c->pid;
		snprintf(o->comm, sizeof(o->comm), "%.*s", (int)sizeof(c->comm),
			 c->comm);
		o->uid = c->uid;
		o->oom_score_adj = c->oom_score_adj;
		o->total_vm_kb = c->has_rss ? c->total_vm * kb : MS_NA;
		o->anon_rss_kb = c->has_rss ? c->anon_rss * kb : MS_NA;
		o->file_rss_kb = c->has_rss ? c->file_rss * kb : MS_NA;
		o->shmem_rss_kb = c->has_rss ? c->shmem_rss * kb : MS_NA;
		o->pgtables_kb = c->has_rss ? c->pgtables_bytes / 1024 : MS_NA;
		o->killer_pid = c->killer_pid;
		snprintf(o->killer_comm, sizeof(o->killer_comm), "%.*s",
			 (int)sizeof(c->killer_comm), c->killer_comm);
		cg_copy(o->cgroup, c->cg_path);
		cg_copy(o->oom_cgroup, c->oom_cg_path);
		o->cgroup_id = c->cg_id ? c->cg_id : MS_NA;
		o->oom_cgroup_id = c->oom_cg_id ? c->oom_cg_id : MS_NA;
		o->scope = (int)c->scope;
		o->scope_by = (int)c->scope_by;
	}
}

static void totals(struct ms_reclaim_events *e, const struct reclaim *r,
		   const struct ms_rc_global *c, const struct ms_snapshot *s,
		   double dt)
{
	const struct ms_rc_global *p = r->t_prev ? &r->prev : NULL;

	latency(&e->direct, &c->lat[MS_RC_DIRECT],
		p ? &p->lat[MS_RC_DIRECT] : NULL, dt, r, s);
	latency(&e->memcg, &c->lat[MS_RC_MEMCG],
		p ? &p->lat[MS_RC_MEMCG] : NULL, dt, r, s);
	sum_latency(&e->stall, &e->direct, &e->memcg);
	e->direct_reclaimed = c->reclaimed[MS_RC_DIRECT];
	e->memcg_reclaimed = c->reclaimed[MS_RC_MEMCG];
	e->write_folios = c->write_folios;
	e->write_anon = c->write_anon;
	e->write_file = c->write_folios - c->write_anon;
	e->write_rate = ms_bpf_rate(c->write_folios, r->prev.write_folios, dt);
	e->oom_kills = c->oom_kills;
}

static void swap_seen(struct reclaim *r)
{
	struct seen_proc *p = r->prev_procs;
	struct seen_shrinker *sh = r->prev_shr;
	struct seen_cg *cg = r->prev_cgs;

	r->prev_procs = r->procs;
	r->procs = p;
	r->nprev_procs = r->nprocs;
	r->prev_shr = r->shr;
	r->shr = sh;
	r->nprev_shr = r->nshr;
	r->prev_cgs = r->cgs;
	r->cgs = cg;
	r->nprev_cgs = r->ncgs;
}

static int reclaim_read(struct ms_bpf_group *g, const struct ms_request *req,
			struct ms_snapshot *s)
{
	struct reclaim *r = g->priv;
	struct reclaim_bpf *skel = g->skel;
	struct ms_reclaim_events *e = &s->reclaim_events;
	double dt = r->t_prev ? s->t_mono - r->t_prev : NAN;
	struct ms_rc_global c;
	int err;

	ring_buffer__consume(r->ring);
	memcpy(&c, (const void *)&skel->bss->rc, sizeof(c));
	err = read_procs(skel, r);
	if (!err)
		err = read_shrinkers(skel, r);
	if (!err)
		err = read_cgroups(skel, r);
	if (err)
		return err;
	e->fields = g->fields;
	e->interval = dt;
	totals(e, r, &c, s, dt);
	kswapd(e, r, &c, s, dt);
	oom_events(e, r, s);
	if (r->tns_err)
		ms_snapshot_note(s, "timens",
				 "event times not shifted to this time "
				 "namespace: proc/self/timens_offsets: %s",
				 strerror(-r->tns_err));
	if (c.oom_lost)
		ms_snapshot_note(s, "oom_events",
				 "%llu lost (ring buffer full)",
				 (unsigned long long)c.oom_lost);
	err = reclaimers(e, r, s, dt);
	if (!err)
		err = shrinkers(g, e, r, s, dt);
	if (!err)
		err = cgroups(e, r, s, dt);
	swap_seen(r);
	r->prev = c;
	r->t_prev = s->t_mono;
	return err;
}

static const struct ms_bpf_prog_def progs[] = {
	{ .name = "ms_drbegin", .fields = MS_RE_DIRECT },
	{ .name = "ms_drend", .fields = MS_RE_DIRECT },
	{ .name = "ms_mcbegin", .fields = MS_RE_MEMCG },
	{ .name = "ms_mcend", .fields = MS_RE_MEMCG },
	{ .name = "ms_kwake", .fields = MS_RE_KSWAPD },
	{ .name = "ms_ksleep", .fields = MS_RE_KSWAPD },
	{ .name = "ms_kwakeup", .fields = MS_RE_WAKEUP },
	{ .name = "ms_shstart", .fields = MS_RE_SHRINK },
	{ .name = "ms_shend", .fields = MS_RE_SHRINK },
	{ .name = "ms_wfolio",
	  .fields = MS_RE_WRITE,
	  .wanted = has_write_folio },
	{ .name = "ms_wpage",
	  .fields = MS_RE_WRITE,
	  .wanted = has_writepage_only },
	{ .name = "ms_oomvictim",
	  .fields = MS_RE_OOM,
	  .wanted = victim_has_task },
	{ .name = "ms_oomkill", .fields = MS_RE_OOM, .wanted = victim_pid_only },
	/* whose OOM, exactly; without it, from the killer's last reclaim */
	{ .name = "ms_oomctl", .fields = 0 },
	{ NULL },
};

const struct ms_bpf_group_ops ms_bpf_reclaim = {
	.name = "reclaim",
	.sections = MS_SEC_BIT(MS_SEC_RECLAIM_EVENTS),
	.progs = progs,
	MS_BPF_SKEL_OPS(reclaim_bpf),
	.init = reclaim_init,
	.fini = reclaim_fini,
	.read = reclaim_read,
};
