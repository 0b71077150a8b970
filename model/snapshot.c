// SPDX-License-Identifier: GPL-2.0
/* Snapshot lifecycle, notes and the growable arrays backends fill. */
#define _GNU_SOURCE
#include "model/snapshot.h"
#include "model/area.h"
#include "model/field.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The sections' names are their areas' (model/areas.c). */
static const struct ms_area_sec *sec_at(int i, int j)
{
	return &ms_areas[i]->secs[j];
}

const char *ms_section_name(enum ms_section s)
{
	for (int i = 0; ms_areas[i]; i++)
		for (int j = 0; sec_at(i, j)->sec >= 0; j++)
			if (sec_at(i, j)->sec == (int)s)
				return sec_at(i, j)->name;
	return "?";
}

int ms_section_by_name(const char *name)
{
	for (int i = 0; ms_areas[i]; i++)
		for (int j = 0; sec_at(i, j)->sec >= 0; j++)
			if (!strcmp(sec_at(i, j)->name, name))
				return sec_at(i, j)->sec;
	return -1;
}

/*
 * Grow *v (n used of *cap elements of size sz) by one zeroed element.
 * Arrays keep their memory across samples, so a steady refresh does not
 * allocate.
 */
static void *grow(void **v, int *n, int *cap, size_t sz)
{
	char *p;

	if (*n == *cap) {
		int ncap = *cap ? *cap * 2 : 16;

		p = realloc(*v, (size_t)ncap * sz);
		if (!p)
			return NULL;
		/* zero the tail: reused slots may own memory (see numa) */
		memset(p + (size_t)*cap * sz, 0, (size_t)(ncap - *cap) * sz);
		*v = p;
		*cap = ncap;
	}
	p = (char *)*v + (size_t)(*n)++ * sz;
	memset(p, 0, sz);
	return p;
}

#define GROW(arr, n, cap) grow((void **)&(arr), &(n), &(cap), sizeof(*(arr)))

struct ms_kv *ms_kv_add(struct ms_kvlist *l, const char *name, uint64_t value)
{
	struct ms_kv *kv = ms_kv_own(l) ? NULL : GROW(l->v, l->n, l->cap);

	if (!kv)
		return NULL;
	snprintf(kv->name, sizeof(kv->name), "%s", name);
	kv->value = value;
	kv->rate = NAN;
	return kv;
}

const struct ms_kv *ms_kv_find(const struct ms_kvlist *l, const char *name)
{
	for (int i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].name, name))
			return &l->v[i];
	return NULL;
}

uint64_t ms_kv_get(const struct ms_kvlist *l, const char *name)
{
	const struct ms_kv *kv = ms_kv_find(l, name);

	return kv ? kv->value : MS_NA;
}

/* Every field of the zone's table not available: a new row's too. */
static void zone_init(struct ms_zone *z)
{
	ms_fields_reset(ms_zone_fields, z);
	z->node = 0;
	z->largest_order = -1;
	z->wstate = MS_WMARK_UNKNOWN;
	for (int i = 0; i < MS_MAX_ORDER; i++)
		z->unusable[i] = z->extfrag[i] = NAN;
}

struct ms_zone *ms_zone_add(struct ms_buddy *b)
{
	struct ms_zone *z = GROW(b->zones, b->nr_zones, b->cap);

	if (z)
		zone_init(z);
	return z;
}

struct ms_zone *ms_zone_find(struct ms_buddy *b, int node, const char *name)
{
	for (int i = 0; i < b->nr_zones; i++)
		if (b->zones[i].node == node && !strcmp(b->zones[i].name, name))
			return &b->zones[i];
	return NULL;
}

struct ms_slab_cache *ms_slab_add(struct ms_slab *s)
{
	struct ms_slab_cache *c = GROW(s->caches, s->n, s->cap);

	if (c) {
		c->objs_rate = c->bytes_rate = c->active_pct = NAN;
		c->alloc_rate = c->free_rate = c->alloc_bytes_rate = NAN;
		c->free_counted = c->free_tol = c->free_gap = NAN;
		c->cpu_partial = c->sheaf_cap = MS_NA;
	}
	return c;
}

const struct ms_slab_cache *ms_slab_find(const struct ms_slab *s,
					 const char *name, int hint)
{
	if (hint >= 0 && hint < s->n && !strcmp(s->caches[hint].name, name))
		return &s->caches[hint];
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->caches[i].name, name))
			return &s->caches[i];
	return NULL;
}

struct ms_slab_rate *ms_slab_rate_add(struct ms_slab_events *e)
{
	struct ms_slab_rate *r = GROW(e->v, e->n, e->cap);

	if (r) {
		r->objsize = MS_NA;
		r->alloc_rate = r->free_rate = NAN;
		r->alloc_bytes_rate = r->free_bytes_rate = NAN;
	}
	return r;
}

static void latency_init(struct ms_latency *l)
{
	memset(l, 0, sizeof(*l));
	l->rate = l->ns_rate = l->last = NAN;
}

static void fault_proc_init(struct ms_fault_proc *p)
{
	memset(p, 0, sizeof(*p));
	for (int i = 0; i < MS_FC_COUNT; i++)
		p->rate[i] = NAN;
}

struct ms_fault_proc *ms_fault_proc_add(struct ms_fault_events *e)
{
	struct ms_fault_proc *p = GROW(e->v, e->n, e->cap);

	if (p)
		fault_proc_init(p);
	return p;
}

struct ms_reclaimer *ms_reclaimer_add(struct ms_reclaim_events *e)
{
	struct ms_reclaimer *r = GROW(e->procs, e->nr_procs, e->cap_procs);

	if (r)
		latency_init(&r->lat);
	return r;
}

struct ms_shrinker *ms_shrinker_add(struct ms_reclaim_events *e)
{
	struct ms_shrinker *r =
		GROW(e->shrinkers, e->nr_shrinkers, e->cap_shrinkers);

	if (r) {
		latency_init(&r->lat);
		r->freed_rate = NAN;
	}
	return r;
}

struct ms_cg_reclaim *ms_cg_reclaim_add(struct ms_reclaim_events *e)
{
	struct ms_cg_reclaim *c =
		GROW(e->cgroups, e->nr_cgroups, e->cap_cgroups);

	if (c) {
		memset(c, 0, sizeof(*c));
		latency_init(&c->direct);
		latency_init(&c->memcg);
	}
	return c;
}

struct ms_task_delay *ms_task_delay_add(struct ms_task_delays *d)
{
	struct ms_task_delay *t = GROW(d->v, d->n, d->cap);

	if (t)
		for (int i = 0; i < MS_DL_COUNT; i++) {
			t->count[i] = t->ns[i] = MS_NA;
			t->ns_rate[i] = NAN;
		}
	return t;
}

/* Binary search of pid in an array of n elements of size sz, sorted. */
static const void *by_pid(const void *v, int n, size_t sz, int pid)
{
	int lo = 0, hi = n - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		const void *e = (const char *)v + (size_t)mid * sz;
		int p = *(const int *)e; /* pid is the first member */

		if (p == pid)
			return e;
		if (p < pid)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

const struct ms_fault_proc *ms_fault_find(const struct ms_fault_events *e,
					  int pid)
{
	return by_pid(e->v, e->n, sizeof(*e->v), pid);
}

const struct ms_task_delay *ms_task_delay_find(const struct ms_task_delays *d,
					       int pid)
{
	return by_pid(d->v, d->n, sizeof(*d->v), pid);
}

/* The names are the keys of the field tables (model/event_fields.c). */
const char *ms_fault_count_name(enum ms_fault_count c)
{
	return c < MS_FC_COUNT ? ms_fault_count_fields[c].key : "?";
}

const char *ms_delay_name(enum ms_delay_kind k)
{
	return k < MS_DL_COUNT ? ms_task_delay_fields[MS_DELAY_ROW + k].key :
				 "?";
}

struct ms_proc *ms_proc_add(struct ms_procs *p)
{
	struct ms_proc *pr = GROW(p->v, p->n, p->cap);

	if (pr) {
		pr->rss_kb = pr->pss_kb = pr->swap_kb = pr->vmas = MS_NA;
		pr->detail_rss_kb = MS_NA;
		pr->detail_age_s = NAN;
		pr->minflt = pr->majflt = MS_NA;
		pr->minflt_rate = pr->majflt_rate = NAN;
	}
	return pr;
}

bool ms_procs_sorted(const struct ms_procs *p)
{
	for (int i = 1; i < p->n; i++)
		if (p->v[i - 1].pid >= p->v[i].pid)
			return false;
	return true;
}

const struct ms_proc *ms_proc_find(const struct ms_procs *p, int pid,
				   bool sorted)
{
	int lo = 0, hi = p->n - 1;

	if (!sorted) {
		for (int i = 0; i < p->n; i++)
			if (p->v[i].pid == pid)
				return &p->v[i];
		return NULL;
	}
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;

		if (p->v[mid].pid == pid)
			return &p->v[mid];
		if (p->v[mid].pid < pid)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

void ms_vma_init(struct ms_vma *m)
{
	uint64_t *f;

	memset(m, 0, sizeof(*m));
	/* every smaps field starts unknown */
	for (f = &m->size_kb; f <= &m->thp_eligible; f++)
		*f = MS_NA;
}

struct ms_vma *ms_vma_add(struct ms_vmas *v)
{
	struct ms_vma *m = GROW(v->v, v->n, v->cap);

	if (m)
		ms_vma_init(m);
	return m;
}

struct ms_swapdev *ms_swap_add(struct ms_reclaim *r)
{
	return GROW(r->swaps, r->nr_swaps, r->cap_swaps);
}

struct ms_zram *ms_zram_add(struct ms_reclaim *r)
{
	struct ms_zram *z = GROW(r->zram, r->nr_zram, r->cap_zram);
	uint64_t *f;

	if (z)
		for (f = &z->disksize; f <= &z->pages_compacted; f++)
			*f = MS_NA;
	return z;
}

struct ms_thp_size *ms_thp_size_add(struct ms_reclaim *r)
{
	struct ms_kvlist keep = { 0 };
	struct ms_thp_size *t;

	/* the stats of a reused slot keep their memory */
	if (r->nr_thp_sizes < r->cap_thp_sizes)
		keep = r->thp_sizes[r->nr_thp_sizes].stats;
	t = GROW(r->thp_sizes, r->nr_thp_sizes, r->cap_thp_sizes);
	if (!t)
		return NULL;
	t->stats = keep;
	t->stats.n = 0;
	return t;
}

struct ms_numa_node *ms_numa_add(struct ms_numa *n)
{
	struct ms_numa_node *nd;
	struct ms_kvlist keep[2];
	int i = n->n;

	/* kvlists of a reused slot keep their memory */
	if (n->n < n->cap) {
		keep[0] = n->nodes[i].meminfo;
		keep[1] = n->nodes[i].numastat;
	} else {
		memset(keep, 0, sizeof(keep));
	}
	nd = GROW(n->nodes, n->n, n->cap);
	if (!nd)
		return NULL;
	nd->meminfo = keep[0];
	nd->numastat = keep[1];
	nd->meminfo.n = nd->numastat.n = 0;
	nd->mem_total_kb = nd->mem_free_kb = nd->mem_used_kb = MS_NA;
	return nd;
}

struct ms_numa_node *ms_numa_find(struct ms_numa *n, int node)
{
	for (int i = 0; i < n->n; i++)
		if (n->nodes[i].node == node)
			return &n->nodes[i];
	return NULL;
}

struct ms_maple_node *ms_maple_node_add(struct ms_maple *m)
{
	return GROW(m->nodes, m->nr_nodes, m->cap_nodes);
}

struct ms_maple_slot *ms_maple_slot_add(struct ms_maple *m)
{
	return GROW(m->slots, m->nr_slots, m->cap_slots);
}

const char *ms_snapshot_why(const struct ms_snapshot *s, const char *what)
{
	for (int i = 0; i < s->nr_notes; i++)
		if (!strcmp(s->notes[i].what, what))
			return s->notes[i].why;
	return NULL;
}

static struct ms_note *note_add(struct ms_snapshot *s, const char *what,
				const char *fmt, va_list ap)
{
	struct ms_note *n;

	if (ms_snapshot_why(s, what) || s->nr_notes == MS_MAX_NOTES)
		return NULL;
	n = &s->notes[s->nr_notes++];
	memset(n, 0, sizeof(*n));
	snprintf(n->what, sizeof(n->what), "%s", what);
	vsnprintf(n->why, sizeof(n->why), fmt, ap);
	return n;
}

void ms_snapshot_note(struct ms_snapshot *s, const char *what, const char *fmt,
		      ...)
{
	va_list ap;

	va_start(ap, fmt);
	note_add(s, what, fmt, ap);
	va_end(ap);
}

void ms_snapshot_note_pid(struct ms_snapshot *s, const char *what, int pid,
			  const char *fmt, ...)
{
	struct ms_note *n;
	va_list ap;

	va_start(ap, fmt);
	n = note_add(s, what, fmt, ap);
	va_end(ap);
	if (n) {
		n->about = MS_NOTE_PID;
		n->pid = pid;
	}
}

void ms_snapshot_note_bpf(struct ms_snapshot *s, const char *prog,
			  const char *fmt, ...)
{
	struct ms_note *n;
	char what[sizeof(n->what)];
	va_list ap;

	snprintf(what, sizeof(what), "bpf %s", prog);
	va_start(ap, fmt);
	n = note_add(s, what, fmt, ap);
	va_end(ap);
	if (n) {
		n->about = MS_NOTE_BPF;
		snprintf(n->prog, sizeof(n->prog), "%s", prog);
	}
}

const struct ms_note *ms_note_of_pid(const struct ms_snapshot *s,
				     const char *what, int pid)
{
	for (int i = 0; i < s->nr_notes; i++)
		if (s->notes[i].about == MS_NOTE_PID &&
		    s->notes[i].pid == pid && !strcmp(s->notes[i].what, what))
			return &s->notes[i];
	return NULL;
}

const struct ms_note *ms_note_of_bpf(const struct ms_snapshot *s,
				     const char *prog)
{
	for (int i = 0; i < s->nr_notes; i++)
		if (s->notes[i].about == MS_NOTE_BPF &&
		    !strcmp(s->notes[i].prog, prog))
			return &s->notes[i];
	return NULL;
}

void ms_note_key_from_text(struct ms_note *n)
{
	int pid;
	bool is_pid = (!strcmp(n->what, "vmas") &&
		       sscanf(n->why, "pid %d", &pid) == 1) ||
		      (!strcmp(n->what, "maple") &&
		       sscanf(n->why, "process %d", &pid) == 1);

	n->about = MS_NOTE_PART;
	if (!strncmp(n->what, "bpf ", 4) && n->what[4]) {
		n->about = MS_NOTE_BPF;
		snprintf(n->prog, sizeof(n->prog), "%s", n->what + 4);
	} else if (is_pid) {
		n->about = MS_NOTE_PID;
		n->pid = pid;
	}
}

/* fn on the record of every area's part that has a field table */
static void each_part(struct ms_snapshot *s,
		      void (*fn)(const struct ms_field *t, void *rec))
{
	for (int i = 0; ms_areas[i]; i++)
		for (const struct ms_part *p = ms_areas[i]->parts; p->key; p++)
			if (p->fields)
				fn(p->fields, (char *)s + p->off);
}

void ms_snapshot_init(struct ms_snapshot *s)
{
	memset(s, 0, sizeof(*s));
	ms_snapshot_reset(s);
}

static void reclaim_reset(struct ms_reclaim *r)
{
	r->vmstat.n = r->khugepaged.n = r->sysctl.n = r->zswap_stats.n = 0;
	r->nr_swaps = r->nr_zram = r->nr_thp_sizes = 0;
	r->psi_some.valid = r->psi_full.valid = false;
	r->lru_gen_enabled = r->lru_gen_min_ttl_ms = MS_NA;
	r->zswap_max_pool_percent = MS_NA;
	r->thp_enabled[0] = r->thp_defrag[0] = r->thp_shmem[0] = '\0';
	r->zswap_enabled[0] = r->zswap_compressor[0] = r->zswap_zpool[0] = '\0';
}

static void vmas_reset(struct ms_vmas *v)
{
	for (int i = 0; i < v->n; i++)
		free(v->v[i].path);
	v->n = 0;
	v->pid = 0;
	v->gone = false;
	v->comm[0] = '\0';
	v->has_smaps = v->has_numa = false;
	v->sink = NULL;
	v->streamed = 0;
	memset(v->kind, 0, sizeof(v->kind));
	memset(&v->total, 0, sizeof(v->total));
	v->folios_asked = false;
	v->folios = (struct ms_folios){ 0 };
	v->folio_progress = 0;
	v->folio_passes = 0;
}

/* The fault, reclaim and NUMA events and the task delays. */
static void live_reset(struct ms_snapshot *s)
{
	struct ms_fault_events *f = &s->fault_events;
	struct ms_reclaim_events *r = &s->reclaim_events;
	struct ms_task_delays *d = &s->task_delays;

	f->fields = 0;
	f->interval = NAN;
	fault_proc_init(&f->total);
	f->n = 0;
	f->untracked = 0;
	r->fields = 0;
	r->interval = r->write_rate = NAN;
	latency_init(&r->stall);
	latency_init(&r->direct);
	latency_init(&r->memcg);
	r->direct_reclaimed = r->memcg_reclaimed = 0;
	r->nr_procs = r->nr_kswapd = r->nr_shrinkers = r->nr_oom = 0;
	r->nr_cgroups = 0;
	r->write_folios = r->write_anon = r->write_file = r->oom_kills = 0;
	memset(&s->numa_events, 0, sizeof(s->numa_events));
	s->numa_events.interval = NAN;
	d->delayacct = -1;
	d->ours = false;
	d->version = 0;
	d->interval = NAN;
	d->n = d->gone = 0;
}

static void events_reset(struct ms_snapshot *s)
{
	struct ms_slab_events *e = &s->slab_events;

	memset(&s->buddy_events, 0, sizeof(s->buddy_events));
	s->buddy_events.interval = NAN;
	e->fields = 0;
	e->interval = e->kfree_unknown_rate = NAN;
	e->n = e->nr_sites = 0;
	e->kfree_unknown = e->target_allocs = 0;
	e->target[0] = '\0';
	memset(&s->bpf, 0, sizeof(s->bpf));
	s->bpf.own_events = MS_NA;
	s->bpf.own_rate = NAN;
	live_reset(s);
}

void ms_snapshot_reset(struct ms_snapshot *s)
{
	struct ms_slab_detail *d = &s->slab_detail;

	s->t_mono = s->t_real = 0;
	s->kernel[0] = '\0';
	s->have = 0;
	memset(s->source, 0, sizeof(s->source));
	s->nr_notes = 0;
	s->meminfo.n = 0;
	s->buddy.nr_zones = s->buddy.nr_orders = s->buddy.nr_migrate = 0;
	s->buddy.pageblock_order = -1;
	s->buddy.pagetypes_age_s = NAN;
	s->slab.n = 0;
	s->slab.page_size = 4096;
	d->valid = d->gone = false;
	d->name[0] = d->target[0] = '\0';
	d->nr_aliases = 0;
	s->procs.n = 0;
	vmas_reset(&s->vmas);
	reclaim_reset(&s->reclaim);
	s->numa.n = 0;
	s->numa.balancing = MS_NA;
	s->maple.pid = 0;
	s->maple.nr_nodes = s->maple.nr_slots = 0;
	memset(&s->alloc_probe, 0, sizeof(s->alloc_probe));
	memset(&s->slab_bench, 0, sizeof(s->slab_bench));
	events_reset(s);
	/* a section that adds keys to the memory part (model/pcache.h) */
	ms_fields_reset(ms_pcache_fields, &s->pcache);
	s->pcache.nkeys = 0;
	each_part(s, ms_fields_reset);
}

static void kv_free(struct ms_kvlist *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void ms_snapshot_free(struct ms_snapshot *s)
{
	vmas_reset(&s->vmas);
	kv_free(&s->meminfo);
	free(s->buddy.zones);
	free(s->slab.caches);
	free(s->slab_detail.aliases);
	free(s->procs.v);
	free(s->vmas.v);
	kv_free(&s->reclaim.vmstat);
	kv_free(&s->reclaim.khugepaged);
	kv_free(&s->reclaim.sysctl);
	kv_free(&s->reclaim.zswap_stats);
	free(s->reclaim.swaps);
	free(s->reclaim.zram);
	for (int i = 0; i < s->reclaim.cap_thp_sizes; i++)
		kv_free(&s->reclaim.thp_sizes[i].stats);
	free(s->reclaim.thp_sizes);
	for (int i = 0; i < s->numa.cap; i++) {
		kv_free(&s->numa.nodes[i].meminfo);
		kv_free(&s->numa.nodes[i].numastat);
	}
	free(s->numa.nodes);
	free(s->maple.nodes);
	free(s->maple.slots);
	free(s->slab_events.v);
	free(s->fault_events.v);
	free(s->reclaim_events.procs);
	free(s->reclaim_events.shrinkers);
	free(s->reclaim_events.cgroups);
	free(s->task_delays.v);
	ms_fields_free(ms_pcache_fields, &s->pcache);
	ms_pcache_keys_free(&s->pcache);
	each_part(s, ms_fields_free);
	memset(s, 0, sizeof(*s));
}
