// SPDX-License-Identifier: GPL-2.0
/*
 * The slab group, user side: allocations, frees and bytes per second per
 * cache (slabratetop's view), and the call sites of one target cache.
 */
#include "probes/bpf/bpf.h"

#include <bpf/bpf.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "probes/bpf/kallsyms.h"
#include "probes/bpf/mapread.h"
#include "slab.h"
#include "slab.skel.h"
#include "slab_old.skel.h"

MS_BPF_SKEL(slab_bpf)

struct slab {
	struct ms_bpf_percpu pc; /* one lookup's buffer */
	struct ms_sl_counts sum, prev;
	double t_prev; /* CLOCK_MONOTONIC of the last read of the counts */
	__u64 target_key; /* 0: no stacks collected */
	char target[MS_NAME]; /* the name asked for */
	struct ms_kallsyms ksyms;
	int ksyms_err; /* 1: not loaded yet */
};

struct site {
	__u32 id;
	__u64 count;
};

static double mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool has_kmem_cache_kfunc(const struct btf *btf)
{
	return ms_bpf_has_func(btf, "bpf_get_kmem_cache");
}

static bool lacks_kmem_cache_kfunc(const struct btf *btf)
{
	return !has_kmem_cache_kfunc(btf);
}

/*
 * Before 6.13 the kernel has no bpf_get_kmem_cache: open slab_old.bpf.c's
 * object, the same programs without the kfunc's extern, in this skeleton.
 * libbpf before 1.2 (Debian 12 has 1.1) looks for a kfunc vmlinux lacks in
 * the modules' BTF, whose list (BPF_BTF_GET_NEXT_ID) needs CAP_SYS_ADMIN:
 * with the extern, the group failed to load under memscope-record.service
 * on 6.1 (tests/pkg/test_service.sh).
 */
static void *slab_open(const struct btf *btf)
{
	struct slab_bpf *s;
	int err;

	if (has_kmem_cache_kfunc(btf))
		return slab_bpf_open(btf);
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	err = slab_bpf__create_skeleton(s);
	if (!err) {
		s->skeleton->data =
			(void *)slab_old_bpf__elf_bytes(&s->skeleton->data_sz);
		err = bpf_object__open_skeleton(s->skeleton, NULL);
	}
	if (err) {
		slab_bpf__destroy(s);
		errno = -err;
		return NULL;
	}
	return s;
}

/* The value of an enumerator anywhere in the kernel's BTF. */
static bool enum_value(const struct btf *btf, const char *name, long *v)
{
	for (__u32 id = 1; id < btf__type_cnt(btf); id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const struct btf_enum *e;

		if (!btf_is_enum(t))
			continue;
		e = btf_enum(t);
		for (int i = 0; i < btf_vlen(t); i++)
			if (!strcmp(btf__name_by_offset(btf, e[i].name_off),
				    name)) {
				*v = e[i].val;
				return true;
			}
	}
	return false;
}

/* rodata: this kernel's gfp bits for the kmalloc size classes */
static int slab_configure(struct ms_bpf_group *g, void *skel,
			  const struct btf *btf)
{
	struct slab_bpf *s = skel;
	long v;

	if (enum_value(btf, "___GFP_DMA_BIT", &v) && v >= 0 && v < 64)
		s->rodata->gfp_dma = 1ULL << v;
	if (enum_value(btf, "___GFP_RECLAIMABLE_BIT", &v) && v >= 0 && v < 64)
		s->rodata->gfp_reclaimable = 1ULL << v;
	if (enum_value(btf, "___GFP_ACCOUNT_BIT", &v) && v >= 0 && v < 64)
		s->rodata->gfp_account = 1ULL << v;
	return 0;
}

static int slab_init(struct ms_bpf_group *g, const struct btf *btf)
{
	struct slab *sl = calloc(1, sizeof(*sl));
	int err;

	if (!sl)
		return -ENOMEM;
	err = ms_bpf_percpu_init(&sl->pc, sizeof(sl->sum));
	if (err) {
		free(sl);
		return err;
	}
	sl->ksyms_err = 1;
	g->priv = sl;
	return 0;
}

static void slab_fini(struct ms_bpf_group *g)
{
	struct slab *sl = g->priv;

	ms_kallsyms_free(&sl->ksyms);
	ms_bpf_percpu_free(&sl->pc);
	free(sl);
}

/* The name of a slot: the cache's own, or one for a synthetic key. */
static void slot_name(const struct ms_sl_table *t, int i, char *buf, size_t len)
{
	static const char *const prefix[] = {
		[MS_SL_KM_NORMAL] = "kmalloc-",
		[MS_SL_KM_RECLAIM] = "kmalloc-rcl-",
		[MS_SL_KM_CGROUP] = "kmalloc-cg-",
		[MS_SL_KM_DMA] = "dma-kmalloc-",
	};
	__u64 key = t->key[i];
	unsigned int type = (unsigned int)(key >> 32) & 3, bytes = (__u32)key;

	if (key == MS_SL_KEY_LARGE)
		snprintf(buf, len, MS_SLAB_LARGE);
	else if (!MS_SL_IS_CLASS(key))
		snprintf(buf, len, "%.*s", MS_SL_NAME - 1, t->name[i]);
	else if (bytes >= 1024 && !(bytes % 1024)) /* as slab_common.c: 1k */
		snprintf(buf, len, "%s%uk", prefix[type], bytes / 1024);
	else
		snprintf(buf, len, "%s%u", prefix[type], bytes);
}

static struct ms_slab_rate *find(struct ms_slab_events *e, const char *name)
{
	for (int i = 0; i < e->n; i++)
		if (!strcmp(e->v[i].name, name))
			return &e->v[i];
	return NULL;
}

/*
 * kmalloc caches are allocated by kmalloc and freed by kfree, the others
 * by kmem_cache_alloc and kmem_cache_free: a rate is only known when the
 * programs that count it run.
 */
static void known(const struct ms_slab_events *e, const char *name, bool *alloc,
		  bool *freed)
{
	bool km = !strncmp(name, "kmalloc-", 8) ||
		  !strncmp(name, "dma-kmalloc-", 12);

	*alloc = e->fields & (km ? MS_SE_KMALLOC : MS_SE_CACHE_ALLOC);
	*freed = e->fields & (km ? MS_SE_KFREE : MS_SE_CACHE_FREE);
}

/* Rates of one slot, added to its cache (two caches may share a name). */
static int add_slot(struct ms_slab_events *e, const struct slab *sl,
		    const struct ms_sl_table *t, int i, double dt)
{
	const struct ms_sl_counts *c = &sl->sum, *p = &sl->prev;
	uint64_t a = c->cache_alloc[i] + c->kmalloc[i];
	uint64_t f = c->cache_free[i] + c->kfree[i];
	uint64_t pa = p->cache_alloc[i] + p->kmalloc[i];
	uint64_t pf = p->cache_free[i] + p->kfree[i];
	bool large = t->key[i] == MS_SL_KEY_LARGE;
	char name[MS_NAME];
	struct ms_slab_rate *r;
	double ar = ms_bpf_rate(a, pa, dt), fr = ms_bpf_rate(f, pf, dt);
	bool alloc_ok, free_ok;

	slot_name(t, i, name, sizeof(name));
	known(e, name, &alloc_ok, &free_ok);
	if (!alloc_ok)
		ar = NAN;
	if (!free_ok)
		fr = NAN;
	r = find(e, name);
	if (!r) {
		r = ms_slab_rate_add(e);
		if (!r)
			return -ENOMEM;
		snprintf(r->name, sizeof(r->name), "%s", name);
		r->objsize = large ? MS_NA : t->size[i];
		r->alloc_rate = r->free_rate = r->alloc_bytes_rate = 0;
		r->free_bytes_rate = 0;
	}
	r->allocs += a;
	r->frees += f;
	r->alloc_rate += ar;
	r->free_rate += fr;
	r->alloc_bytes_rate +=
		large && alloc_ok ?
			ms_bpf_rate(c->large_bytes, p->large_bytes, dt) :
			ar * t->size[i];
	r->free_bytes_rate += large ? NAN : fr * t->size[i];
	return 0;
}

static int caches(struct ms_slab_events *e, const struct slab *sl,
		  const struct ms_sl_table *t, double dt)
{
	for (int i = 0; i < MS_SL_SLOTS; i++) {
		int err;

		if (!t->ready[i])
			continue;
		err = add_slot(e, sl, t, i, dt);
		if (err)
			return err;
	}
	return 0;
}

/* ---- Call sites ------------------------------------------------------- */

static void clear_map(int fd)
{
	__u32 key, next;

	while (!bpf_map_get_next_key(fd, NULL, &next)) {
		key = next;
		if (bpf_map_delete_elem(fd, &key))
			break;
	}
}

static __u64 key_of(const struct ms_sl_table *t, const char *name)
{
	char n[MS_NAME];

	for (int i = 0; i < MS_SL_SLOTS; i++) {
		if (!t->ready[i])
			continue;
		slot_name(t, i, n, sizeof(n));
		if (!strcmp(n, name))
			return t->key[i];
	}
	return 0;
}

/* Point the programs at the cache asked for (or none). */
static void retarget(struct slab_bpf *skel, struct slab *sl, const char *name)
{
	__u64 key = name[0] ? key_of(&skel->bss->sl_table, name) : 0;

	if (strcmp(sl->target, name) || key != sl->target_key) {
		skel->bss->sl_target = key;
		clear_map(bpf_map__fd(skel->maps.sl_sites));
		clear_map(bpf_map__fd(skel->maps.sl_stacks));
		sl->target_key = key;
		snprintf(sl->target, sizeof(sl->target), "%s", name);
	}
}

static int by_count(const void *a, const void *b)
{
	const struct site *x = a, *y = b;

	return x->count < y->count ? 1 : x->count > y->count ? -1 : 0;
}

/* Frames of the allocator and of the tracing itself are not call sites. */
static bool machinery(const char *sym)
{
	static const char *const prefix[] = {
		"kmem_cache_alloc", "__kmem_cache_alloc",
		"kmalloc",	    "__kmalloc",
		"__do_kmalloc",	    "slab_alloc",
		"__slab_alloc",	    "___slab_alloc",
		"kmalloc_trace",    NULL,
	};

	return ms_ksym_in(sym, ms_ksym_tracing) || ms_ksym_in(sym, prefix);
}

static void frame(void *arg, int n, uint64_t ip, const char *sym)
{
	struct ms_callsite *cs = arg;

	cs->ip[n] = ip;
	snprintf(cs->sym[n], MS_SYM, "%s", sym);
}

static void symbolise(struct slab *sl, const struct ms_root *root,
		      struct ms_snapshot *s, struct ms_callsite *cs,
		      const __u64 *ip)
{
	const struct ms_kallsyms *k =
		ms_kallsyms_lazy(&sl->ksyms, &sl->ksyms_err, root, s);
	uint64_t v[MS_SL_DEPTH];

	for (int i = 0; i < MS_SL_DEPTH; i++)
		v[i] = ip[i];
	cs->depth = ms_ksym_walk(k, v, MS_SL_DEPTH, machinery, frame, cs,
				 MS_CALLSITE_DEPTH);
}

static void callsites(struct ms_bpf_group *g, struct slab *sl,
		      struct ms_snapshot *s)
{
	struct slab_bpf *skel = g->skel;
	struct ms_slab_events *e = &s->slab_events;
	int fd = bpf_map__fd(skel->maps.sl_sites);
	struct site *v = calloc(MS_SL_SITES, sizeof(*v));
	__u64 ip[MS_SL_DEPTH], total = 0;
	__u32 key, next;
	int n = 0;

	snprintf(e->target, sizeof(e->target), "%s", sl->target);
	if (!v || !sl->target_key)
		goto out;
	for (void *prev = NULL;
	     n < MS_SL_SITES && !bpf_map_get_next_key(fd, prev, &next);
	     prev = &key) {
		key = next;
		if (!bpf_map_lookup_elem(fd, &key, &v[n].count)) {
			v[n].id = key;
			total += v[n++].count;
		}
	}
	qsort(v, (size_t)n, sizeof(*v), by_count);
	e->target_allocs = total;
	for (int i = 0; i < n && e->nr_sites < MS_CALLSITES; i++) {
		struct ms_callsite *cs = &e->sites[e->nr_sites];

		if (bpf_map_lookup_elem(bpf_map__fd(skel->maps.sl_stacks),
					&v[i].id, ip))
			continue;
		memset(cs, 0, sizeof(*cs));
		cs->count = v[i].count;
		cs->share = total ? (double)v[i].count / (double)total : NAN;
		symbolise(sl, g->root, s, cs, ip);
		e->nr_sites++;
	}
out:
	free(v);
}

static int slab_read(struct ms_bpf_group *g, const struct ms_request *req,
		     struct ms_snapshot *s)
{
	struct slab *sl = g->priv;
	struct slab_bpf *skel = g->skel;
	struct ms_slab_events *e = &s->slab_events;
	double now = mono(), dt = sl->t_prev ? now - sl->t_prev : NAN;
	int err = ms_bpf_percpu_sum(&sl->pc, bpf_map__fd(skel->maps.sl_counts),
				    &sl->sum);

	if (err)
		return err;
	/*
	 * The counts' own span, read to read, not the samples': the first
	 * read follows the attach, later in its sample than /proc/slabinfo
	 * was read, and the free check widens its bound by the difference.
	 */
	sl->t_prev = now;
	e->fields = g->fields;
	e->interval = dt;
	e->ncpu = sl->pc.ncpu;
	err = caches(e, sl, &skel->bss->sl_table, dt);
	if (err)
		return err;
	e->kfree_unknown = sl->sum.kfree_unknown;
	e->kfree_unknown_rate =
		ms_bpf_rate(sl->sum.kfree_unknown, sl->prev.kfree_unknown, dt);
	retarget(skel, sl, req->slab_cache);
	callsites(g, sl, s);
	for (int i = 0; i < 4; i++)
		if (sl->sum.lost[i])
			ms_snapshot_note(
				s, "slab_events",
				"more than %d caches: some not counted",
				MS_SL_SLOTS);
	sl->prev = sl->sum;
	return 0;
}

static const struct ms_bpf_prog_def progs[] = {
	{ .name = "ms_kcalloc", .fields = MS_SE_CACHE_ALLOC | MS_SE_CALLSITES },
	{ .name = "ms_kcfree", .fields = MS_SE_CACHE_FREE },
	{ .name = "ms_kmalloc",
	  .fields = MS_SE_KMALLOC,
	  .wanted = has_kmem_cache_kfunc },
	{ .name = "ms_kfree",
	  .fields = MS_SE_KFREE,
	  .wanted = has_kmem_cache_kfunc },
	{ .name = "ms_kmallocc",
	  .fields = MS_SE_KMALLOC,
	  .wanted = lacks_kmem_cache_kfunc },
	{ .name = "ms_kfrees", .fields = 0, .wanted = lacks_kmem_cache_kfunc },
	{ NULL },
};

const struct ms_bpf_group_ops ms_bpf_slab = {
	.name = "slab",
	.sections = MS_SEC_BIT(MS_SEC_SLAB_EVENTS),
	.own = true,
	.progs = progs,
	.open = slab_open,
	.load = slab_bpf_load,
	.object = slab_bpf_object,
	.destroy = slab_bpf_destroy,
	.configure = slab_configure,
	.init = slab_init,
	.fini = slab_fini,
	.read = slab_read,
};
