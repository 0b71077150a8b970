// SPDX-License-Identifier: GPL-2.0
/*
 * The attrib group, user side: the pages each allocating kernel stack
 * holds now (allocated since attach and not freed), named by the first
 * frame outside the page allocator, and the counts that say how much of
 * the picture that is (frees not seen, allocations not tracked).
 */
#include "probes/bpf/bpf.h"

#include <bpf/bpf.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/field.h"
#include "probes/bpf/kallsyms.h"
#include "probes/bpf/mapread.h"
#include "attrib.h"
#include "attrib.skel.h"

MS_BPF_SKEL(attrib_bpf)

struct attrib {
	struct ms_bpf_percpu pc;
	struct ms_at_counts sum;
	double t_attach;
	struct ms_kallsyms ksyms;
	int ksyms_err; /* 1: not loaded yet */
	__u64 keys[MS_AT_STACKS];
	struct ms_at_site vals[MS_AT_STACKS];
	struct ms_attrib_site one[MS_AT_STACKS]; /* per stack, named */
};

static int attrib_init(struct ms_bpf_group *g, const struct btf *btf)
{
	struct attrib *at = calloc(1, sizeof(*at));
	int err;

	(void)btf;
	if (!at)
		return -ENOMEM;
	err = ms_bpf_percpu_init(&at->pc, sizeof(at->sum));
	if (err) {
		free(at);
		return err;
	}
	at->ksyms_err = 1;
	at->t_attach = NAN;
	g->priv = at;
	return 0;
}

static void attrib_fini(struct ms_bpf_group *g)
{
	struct attrib *at = g->priv;

	ms_kallsyms_free(&at->ksyms);
	ms_bpf_percpu_free(&at->pc);
	free(at);
}

/*
 * The page allocator's own frames (and its wrappers in mm/), and the
 * tracing's: the call site is the first frame after them.
 */
static bool machinery(const char *sym)
{
	static const char *const prefix[] = {
		"__alloc_pages",
		"alloc_pages",
		"__alloc_frozen_pages",
		"alloc_frozen_pages",
		"get_page_from_freelist",
		"__folio_alloc",
		"folio_alloc",
		"vma_alloc_folio",
		"__get_free_pages",
		"get_zeroed_page",
		"alloc_pages_exact",
		"__alloc_pages_bulk",
		"alloc_slab_page",
		NULL,
	};

	return ms_ksym_in(sym, ms_ksym_tracing) || ms_ksym_in(sym, prefix);
}

/* Frame n of a site's stack: the first names it, all go into stack. */
static void frame(void *arg, int n, uint64_t ip, const char *sym)
{
	struct ms_attrib_site *s = arg;
	size_t len = strlen(s->stack);

	(void)ip;
	if (!n)
		snprintf(s->site, sizeof(s->site), "%s", sym);
	if (len + 1 < sizeof(s->stack))
		snprintf(s->stack + len, sizeof(s->stack) - len, "%s%s",
			 n ? ";" : "", sym);
}

static int by_site(const void *a, const void *b)
{
	const struct ms_attrib_site *x = a, *y = b;
	int c = strcmp(x->site, y->site);

	return c ? c : x->kb < y->kb ? 1 : x->kb > y->kb ? -1 : 0;
}

/*
 * Stacks that hold nothing are removed, so the map keeps room for new
 * ones (an allocation on that stack at the same instant loses its count).
 */
static void forget(int fd, __u64 key)
{
	bpf_map_delete_elem(fd, &key);
}

/* The stacks holding pages, named; how many. */
static int stacks(struct ms_bpf_group *g, struct attrib *at,
		  struct ms_snapshot *s)
{
	struct attrib_bpf *skel = g->skel;
	int fd = bpf_map__fd(skel->maps.at_sites);
	int n = ms_bpf_map_dump(fd, at->keys, sizeof(at->keys[0]), at->vals,
				sizeof(at->vals[0]), MS_AT_STACKS);
	const struct ms_kallsyms *k = NULL;
	uint64_t v[MS_AT_DEPTH];
	int m = 0;

	for (int i = 0; i < n; i++) {
		struct ms_attrib_site *o = &at->one[m];

		if (at->vals[i].pages <= 0) {
			if (!at->vals[i].pages && at->vals[i].blocks <= 0)
				forget(fd, at->keys[i]);
			continue;
		}
		if (!k)
			k = ms_kallsyms_lazy(&at->ksyms, &at->ksyms_err,
					     g->root, s);
		memset(o, 0, sizeof(*o));
		o->kb = (uint64_t)at->vals[i].pages * 4;
		o->calls = at->vals[i].blocks > 0 ?
				   (uint64_t)at->vals[i].blocks :
				   0;
		for (int f = 0; f < MS_AT_DEPTH; f++)
			v[f] = at->vals[i].ip[f];
		if (ms_ksym_walk(k, v, MS_AT_DEPTH, machinery, frame, o,
				 MS_AT_DEPTH))
			m++;
	}
	return n < 0 ? n : m;
}

/*
 * The stacks by call site (their first frame outside the allocator):
 * a site's kb and calls are its stacks', its stack the biggest one's.
 */
static int sites(struct ms_bpf_group *g, struct attrib *at,
		 struct ms_snapshot *s)
{
	struct ms_attrib *a = &s->attrib;
	int n = stacks(g, at, s);

	if (n < 0)
		return n;
	qsort(at->one, (size_t)n, sizeof(at->one[0]), by_site);
	a->kb = 0;
	a->nr_sites = 0;
	for (int i = 0, e; i < n; i = e) {
		struct ms_attrib_site sum = at->one[i], *site;

		for (e = i + 1; e < n && !strcmp(at->one[e].site, sum.site);
		     e++) {
			sum.kb += at->one[e].kb;
			sum.calls += at->one[e].calls;
		}
		a->kb += sum.kb;
		a->nr_sites++;
		site = ms_attrib_slot(a, sum.kb);
		if (!site)
			continue;
		sum.kb_per_s = NAN;
		*site = sum;
	}
	ms_attrib_top(a);
	return 0;
}

static int attrib_read(struct ms_bpf_group *g, const struct ms_request *req,
		       struct ms_snapshot *s)
{
	struct attrib *at = g->priv;
	struct attrib_bpf *skel = g->skel;
	struct ms_attrib *a = &s->attrib;
	int err;

	(void)req;
	if (!(g->fields & 1))
		return -ENOENT; /* the allocation program is off: its note */
	err = ms_bpf_percpu_sum(&at->pc, bpf_map__fd(skel->maps.at_counts),
				&at->sum);
	if (err)
		return err;
	if (isnan(at->t_attach))
		at->t_attach = s->t_mono;
	ms_fields_reset(ms_attrib_fields, a);
	a->source = MS_ATTRIB_BPF;
	a->since_s = s->t_mono - at->t_attach;
	a->capacity = MS_AT_PAGES;
	a->dropped = at->sum.dropped;
	/* without the free program every free is unseen: not known */
	a->unseen_frees = g->fields & 2 ? at->sum.unseen : MS_NA;
	a->stack_lost = at->sum.stack_lost;
	if (!(g->fields & 2))
		ms_snapshot_note(s, "attribution",
				 "frees not counted: pages only grow");
	return sites(g, at, s);
}

static const struct ms_bpf_prog_def progs[] = {
	{ .name = "ms_atalloc", .fields = 1 },
	{ .name = "ms_atfree", .fields = 2 },
	{ NULL },
};

const struct ms_bpf_group_ops ms_bpf_attrib = {
	.name = "attrib",
	.sections = MS_SEC_BIT(MS_SEC_ATTRIBUTION),
	.progs = progs,
	MS_BPF_SKEL_OPS(attrib_bpf),
	.init = attrib_init,
	.fini = attrib_fini,
	.read = attrib_read,
};
