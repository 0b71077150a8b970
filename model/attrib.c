// SPDX-License-Identifier: GPL-2.0
/*
 * Attribution's field tables (model/field.h), its sources' names, and what
 * the model computes of it: the biggest sites and their growth per second.
 */
#include "model/attrib.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/field.h"

#define NA MS_FF_NA
#define RATE (MS_FF_NA | MS_FF_RATE)

static const char *const src_names[] = {
	[MS_ATTRIB_ALLOCINFO] = "allocinfo",
	[MS_ATTRIB_BPF] = "bpf",
};

const struct ms_names ms_attrib_src_names = {
	.name = src_names,
	.n = MS_ATTRIB_NSRC,
	.dflt = -1,
};

#define S(m, ty, k, fl, u, ...) \
	MS_FIELD(struct ms_attrib_site, m, ty, k, fl, u, NULL, __VA_ARGS__)

const struct ms_field ms_attrib_site_fields[] = {
	/* first: the OpenMetrics label of the list's records */
	S(site, MS_F_STR, "site", 0, NULL, .th = "site", .tw = -40),
	S(kb, MS_F_U64, "kb", NA, "kB", .th = "kb", .tw = 10,
	  .metric = "memscope_attribution_bytes",
	  .help = "memory held by a kernel call site (allocinfo: since boot; "
		  "bpf: pages allocated since attach and not freed)",
	  .om = MS_OM_NOSUM),
	S(calls, MS_F_U64, "calls", NA, NULL, .th = "calls", .tw = 9,
	  .metric = "memscope_attribution_calls",
	  .help = "allocations of the site still held (bpf: page blocks)",
	  .om = MS_OM_NOSUM),
	S(kb_per_s, MS_F_DBL, "kb_per_s", RATE, "kB/s", .th = "kb/s", .tw = 9,
	  .tp = 1, .metric = "memscope_attribution_growth_bytes_per_second",
	  .help = "growth per second of the memory the site holds",
	  .om = MS_OM_NOSUM),
	S(inaccurate, MS_F_BOOL, "inaccurate", 0, NULL),
	S(stack, MS_F_STR, "stack", NA, NULL), /* bpf's only */
	MS_FIELD_END
};

#define A(m, ty, k, fl, u, ...) \
	MS_FIELD(struct ms_attrib, m, ty, k, fl, u, NULL, __VA_ARGS__)

const struct ms_field ms_attrib_fields[] = {
	MS_FIELD_ENUM(struct ms_attrib, source, "attribution_source", NA,
		      &ms_attrib_src_names, NULL, .th = "source"),
	A(kb, MS_F_U64, "attribution_kb", NA, "kB", .th = "kb",
	  .metric = "memscope_attribution_total_bytes",
	  .help = "memory of every attributed call site"),
	A(nr_sites, MS_F_U64, "attribution_sites", NA, NULL, .th = "sites"),
	A(kb_per_s, MS_F_DBL, "attribution_kb_per_s", RATE, "kB/s",
	  .th = "kb/s", .tp = 1),
	A(version, MS_F_STR, "attribution_version", NA, NULL, .th = "version"),
	A(inaccurate, MS_F_U64, "attribution_inaccurate", NA, NULL,
	  .th = "inaccurate"),
	A(since_s, MS_F_DBL, "attribution_since_s", NA, "s", .th = "since_s",
	  .tp = 1),
	A(capacity, MS_F_U64, "attribution_capacity", NA, NULL,
	  .th = "capacity"),
	A(dropped, MS_F_U64, "attribution_dropped", NA, NULL, .th = "dropped",
	  .metric = "memscope_attribution_dropped", .om = MS_OM_COUNTER,
	  .help = "page allocations not tracked: the table was full"),
	A(unseen_frees, MS_F_U64, "attribution_unseen_frees", NA, NULL,
	  .th = "unseen_frees", .metric = "memscope_attribution_unseen_frees",
	  .om = MS_OM_COUNTER,
	  .help = "page frees whose allocation was not seen (before attach, "
		  "or not tracked)"),
	A(stack_lost, MS_F_U64, "attribution_stack_lost", NA, NULL,
	  .th = "stack_lost"),
	MS_FIELD_LIST(struct ms_attrib, v, n, cap, "attribution",
		      ms_attrib_site_fields),
	MS_FIELD_END
};

static const struct ms_attrib_site *find(const struct ms_attrib *a,
					 const char *site)
{
	for (int i = 0; i < a->n; i++)
		if (!strcmp(a->v[i].site, site))
			return &a->v[i];
	return NULL;
}

void ms_attrib_rates(struct ms_attrib *cur, const struct ms_attrib *prev,
		     double dt)
{
	/* the group re-attached in between: its counts started again */
	bool ok = prev && dt > 0 && cur->source >= 0 &&
		  cur->source == prev->source &&
		  !(cur->since_s < prev->since_s);

	cur->kb_per_s = NAN;
	if (ok && ms_have(cur->kb) && ms_have(prev->kb))
		cur->kb_per_s = ((double)cur->kb - (double)prev->kb) / dt;
	for (int i = 0; i < cur->n; i++) {
		struct ms_attrib_site *c = &cur->v[i];
		const struct ms_attrib_site *p = ok ? find(prev, c->site) :
						      NULL;

		c->kb_per_s = NAN;
		if (p && ms_have(c->kb) && ms_have(p->kb))
			c->kb_per_s = ((double)c->kb - (double)p->kb) / dt;
	}
}

static int by_kb(const void *a, const void *b)
{
	const struct ms_attrib_site *x = a, *y = b;

	if (x->kb != y->kb)
		return x->kb < y->kb ? 1 : -1;
	return strcmp(x->site, y->site);
}

struct ms_attrib_site *ms_attrib_slot(struct ms_attrib *a, uint64_t kb)
{
	static const struct ms_field *list;
	struct ms_attrib_site *s;
	int min = 0;

	if (!list)
		for (list = ms_attrib_fields; list->type != MS_F_LIST; list++)
			;
	if (a->n < MS_ATTRIB_MAX)
		return ms_list_add(list, a);
	for (int i = 1; i < a->n; i++)
		if (a->v[i].kb < a->v[min].kb)
			min = i;
	if (a->v[min].kb >= kb)
		return NULL;
	s = &a->v[min];
	ms_fields_reset(ms_attrib_site_fields, s);
	return s;
}

void ms_attrib_top(struct ms_attrib *a)
{
	if (a->n > 1)
		qsort(a->v, (size_t)a->n, sizeof(*a->v), by_kb);
	if (a->n > MS_ATTRIB_MAX)
		a->n = MS_ATTRIB_MAX;
}
