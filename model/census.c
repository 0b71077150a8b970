// SPDX-License-Identifier: GPL-2.0
/*
 * The page census (model/census.h): its field tables, and adding up what
 * the scanner yields per pageblock into the totals and the zones.
 */
#include "model/census.h"

#include <stdio.h>
#include <string.h>

#include "model/area.h"
#include "model/field.h"

const char *const ms_census_kind_names[MS_CK_N] = {
	[MS_CK_FREE] = "free",
	[MS_CK_ANON] = "anon",
	[MS_CK_SHMEM] = "shmem",
	[MS_CK_FILE] = "file",
	[MS_CK_UNEVICTABLE] = "unevictable",
	[MS_CK_SLAB] = "slab",
	[MS_CK_PGTABLE] = "page_tables",
	[MS_CK_HUGETLB] = "hugetlb",
	[MS_CK_RESERVED] = "reserved",
	[MS_CK_OFFLINE] = "offline",
	[MS_CK_OTHER] = "other",
	[MS_CK_NOFLAGS] = "noflags",
	[MS_CK_HOLE] = "hole",
};

#define NA MS_FF_NA

/*
 * One kind's pages in T's kind[]: a key of "kinds"; OM(name) adds what
 * makes it a sample of the family labelled by the kind, or nothing.
 */
#define KIND(T, k, name, OM)                                                \
	MS_FIELD(T, kind[k], MS_F_U64, name, NA, "pages", NULL, .th = name, \
		 .tw = sizeof(name) > 8 ? sizeof(name) : 8, OM(name))
#define KINDS(T, OM)                                                      \
	KIND(T, MS_CK_FREE, "free", OM), KIND(T, MS_CK_ANON, "anon", OM), \
		KIND(T, MS_CK_SHMEM, "shmem", OM),                        \
		KIND(T, MS_CK_FILE, "file", OM),                          \
		KIND(T, MS_CK_UNEVICTABLE, "unevictable", OM),            \
		KIND(T, MS_CK_SLAB, "slab", OM),                          \
		KIND(T, MS_CK_PGTABLE, "page_tables", OM),                \
		KIND(T, MS_CK_HUGETLB, "hugetlb", OM),                    \
		KIND(T, MS_CK_RESERVED, "reserved", OM),                  \
		KIND(T, MS_CK_OFFLINE, "offline", OM),                    \
		KIND(T, MS_CK_OTHER, "other", OM),                        \
		KIND(T, MS_CK_NOFLAGS, "noflags", OM),                    \
		KIND(T, MS_CK_HOLE, "hole", OM)
#define OMK(name)                                                        \
	.metric = "memscope_census_pages", .lkey = "kind", .lval = name, \
	.help = "physical pages by kind (/proc/kpageflags)"
#define NOOM(name)

static const struct ms_field census_kinds[] = { KINDS(struct ms_census, OMK),
						MS_FIELD_END };
static const struct ms_field zone_kinds[] = {
	KINDS(struct ms_census_zone, NOOM), MS_FIELD_END
};

#define CZ(m, ty, k, fl, u, ...) \
	MS_FIELD(struct ms_census_zone, m, ty, k, fl, u, NULL, __VA_ARGS__)

const struct ms_field ms_census_zone_fields[] = {
	CZ(node, MS_F_INT, "node", NA, NULL, .th = "node", .tw = 4),
	CZ(zone, MS_F_NAME, "zone", 0, NULL, .th = "zone", .tw = -8),
	CZ(start_pfn, MS_F_U64, "start_pfn", NA, NULL),
	CZ(spanned, MS_F_U64, "spanned_pages", NA, "pages"),
	CZ(present, MS_F_U64, "present_pages", NA, "pages"),
	CZ(managed, MS_F_U64, "managed_pages", NA, "pages"),
	CZ(pages, MS_F_U64, "pages", NA, "pages", .th = "pages", .tw = 9),
	MS_FIELD_OBJ("kinds", zone_kinds),
	CZ(thp, MS_F_U64, "thp", NA, "pages"),
	CZ(pcp, MS_F_U64, "pcp", NA, "pages"),
	CZ(deferred, MS_F_U64, "deferred", NA, "pages"),
	MS_FIELD_END
};

#define CC(m, ty, k, fl, u, ...) \
	MS_FIELD(struct ms_census_check, m, ty, k, fl, u, NULL, __VA_ARGS__)

const struct ms_field ms_census_check_fields[] = {
	CC(what, MS_F_NAME, "what", 0, NULL, .th = "check", .tw = -12),
	CC(node, MS_F_INT, "node", NA, NULL, .th = "node", .tw = 4),
	CC(zone, MS_F_NAME, "zone", NA, NULL, .th = "zone", .tw = -8),
	CC(census, MS_F_U64, "census", NA, "pages", .th = "census", .tw = 9),
	CC(lo, MS_F_U64, "counter_lo", NA, "pages", .th = "low", .tw = 9),
	CC(hi, MS_F_U64, "counter_hi", NA, "pages", .th = "high", .tw = 9),
	CC(tolerance, MS_F_U64, "tolerance", NA, "pages", .th = "tol", .tw = 7),
	CC(off, MS_F_U64, "off", NA, "pages", .th = "off", .tw = 7),
	CC(ok, MS_F_BOOL, "ok", 0, NULL, .th = "ok", .tw = 3),
	CC(why, MS_F_NAME, "why", 0, NULL, .th = "why", .tw = -1),
	MS_FIELD_END
};

#define C(m, ty, k, fl, u, ...) \
	MS_FIELD(struct ms_census, m, ty, k, fl, u, NULL, __VA_ARGS__)

const struct ms_field ms_census_fields[] = {
	C(complete, MS_F_BOOL, "complete", 0, NULL, .th = "complete"),
	C(passes, MS_F_U64, "passes", NA, NULL, .th = "passes"),
	C(progress, MS_F_DBL, "progress", NA, "ratio", .th = "progress",
	  .tp = 3, .metric = "memscope_census_progress_ratio",
	  .help = "how far the census pass in progress got"),
	C(pages, MS_F_U64, "pages", NA, "pages", .th = "pages",
	  .metric = "memscope_census_counted_pages",
	  .help = "pages the census counted: the sum of its kinds"),
	MS_FIELD_OBJ("kinds", census_kinds),
	C(thp, MS_F_U64, "thp", NA, "pages", .th = "thp",
	  .metric = "memscope_census_thp_pages",
	  .help = "pages of transparent huge and large folios (KPF_THP)"),
	C(nozone, MS_F_U64, "nozone", NA, "pages", .th = "nozone"),
	MS_FIELD_LIST(struct ms_census, zones, nr_zones, cap_zones, "zones",
		      ms_census_zone_fields),
	MS_FIELD_LIST(struct ms_census, checks, nr_checks, cap_checks, "checks",
		      ms_census_check_fields),
	MS_FIELD_END
};

static const struct ms_field *row(const char *key)
{
	for (const struct ms_field *f = ms_census_fields; f->key; f++)
		if (!strcmp(f->key, key))
			return f;
	return NULL;
}

/* The zone whose span holds pfn (zones are few: no index). */
static struct ms_census_zone *zone_of(struct ms_census *c, uint64_t pfn)
{
	for (int i = 0; i < c->nr_zones; i++) {
		struct ms_census_zone *z = &c->zones[i];

		if (ms_have(z->start_pfn) && ms_have(z->spanned) &&
		    pfn >= z->start_pfn && pfn - z->start_pfn < z->spanned)
			return z;
	}
	return NULL;
}

static void add_to(uint64_t *v, uint64_t n)
{
	*v = ms_have(*v) ? *v + n : n;
}

void ms_census_add(struct ms_census *c, const struct ms_census_block *b)
{
	struct ms_census_zone *z = zone_of(c, b->pfn);

	add_to(&c->pages, b->pages);
	add_to(&c->thp, b->thp);
	for (int k = 0; k < MS_CK_N; k++)
		add_to(&c->kind[k], b->kind[k]);
	if (!z) {
		add_to(&c->nozone, b->pages);
		return;
	}
	add_to(&z->pages, b->pages);
	add_to(&z->thp, b->thp);
	for (int k = 0; k < MS_CK_N; k++)
		add_to(&z->kind[k], b->kind[k]);
}

void ms_census_clear(struct ms_census *c)
{
	c->pages = c->thp = c->nozone = 0;
	memset(c->kind, 0, sizeof(c->kind));
	for (int i = 0; i < c->nr_zones; i++) {
		struct ms_census_zone *z = &c->zones[i];

		z->pages = z->thp = 0;
		memset(z->kind, 0, sizeof(z->kind));
	}
	c->nr_checks = 0;
}

int ms_census_copy(struct ms_census *dst, const struct ms_census *src)
{
	const struct ms_field *zf = row("zones"), *cf = row("checks");
	struct ms_census_zone *zones = dst->zones;
	struct ms_census_check *checks = dst->checks;
	int cz = dst->cap_zones, cc = dst->cap_checks;

	*dst = *src;
	dst->zones = zones;
	dst->checks = checks;
	dst->cap_zones = cz;
	dst->cap_checks = cc;
	dst->nr_zones = dst->nr_checks = 0;
	for (int i = 0; i < src->nr_zones; i++) {
		struct ms_census_zone *z = ms_list_add(zf, dst);

		if (!z)
			return -1;
		*z = src->zones[i];
	}
	for (int i = 0; i < src->nr_checks; i++) {
		struct ms_census_check *k = ms_list_add(cf, dst);

		if (!k)
			return -1;
		*k = src->checks[i];
	}
	return 0;
}

struct ms_census_zone *ms_census_zone_add(struct ms_census *c)
{
	return ms_list_add(row("zones"), c);
}

void ms_census_free(struct ms_census *c)
{
	ms_fields_free(ms_census_fields, c);
}

struct ms_census_check *ms_census_check(struct ms_census *c, const char *what,
					int node, const char *zone,
					uint64_t census, uint64_t lo,
					uint64_t hi, uint64_t tolerance,
					const char *why)
{
	struct ms_census_check *k = ms_list_add(row("checks"), c);

	if (!k)
		return NULL;
	snprintf(k->what, sizeof(k->what), "%s", what);
	snprintf(k->zone, sizeof(k->zone), "%s", zone ? zone : "");
	snprintf(k->why, sizeof(k->why), "%s", why ? why : "");
	k->node = node;
	k->census = census;
	k->lo = lo;
	k->hi = hi;
	k->tolerance = tolerance;
	if (!ms_have(census) || !ms_have(lo) || !ms_have(hi)) {
		k->off = MS_NA;
		k->ok = false;
		return k;
	}
	if (census + tolerance < lo)
		k->off = lo - tolerance - census;
	else if (census > hi + tolerance)
		k->off = census - hi - tolerance;
	else
		k->off = 0;
	k->ok = k->off == 0;
	return k;
}
