// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/memscope/buddy (docs/kmod.md): free blocks per order and migrate
 * type of every populated zone, read in one hold of the zone's lock.
 */
#include "probes/kmod/kmod_lex.h"
#include "probes/kmod/kmod_parse.h"

#include "model/field.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define MAX_ZONES 4096
#define MAX_BLOCKS (1ULL << 40) /* free blocks: 4 PiB of 4 KiB pages */

enum zone_line {
	ZL_START_PFN,
	ZL_SPANNED,
	ZL_PRESENT,
	ZL_MANAGED,
	ZL_FREE,
	ZL_MIN,
	ZL_LOW,
	ZL_HIGH,
	ZL_BOOST,
	ZL_HIGHATOMIC,
	ZL_NR_FREE,
	ZL_CAPPED,
};

/*
 * "key N" lines of a zone; kept where struct ms_zone has a field of that
 * zoneinfo name (model/fields.c), else only checked.
 */
static const struct {
	const char *key, *zoneinfo;
} zone_u64[] = {
	[ZL_START_PFN] = { "start_pfn", NULL },
	[ZL_SPANNED] = { "spanned", "spanned" },
	[ZL_PRESENT] = { "present", "present" },
	[ZL_MANAGED] = { "managed", "managed" },
	[ZL_FREE] = { "free", "pages free" },
	[ZL_MIN] = { "min", "min" },
	[ZL_LOW] = { "low", "low" },
	[ZL_HIGH] = { "high", "high" },
	[ZL_BOOST] = { "boost", "boost" },
	[ZL_HIGHATOMIC] = { "reserved_highatomic", NULL },
};

#define NR_ZONE_U64 (int)(sizeof(zone_u64) / sizeof(zone_u64[0]))

struct bstate {
	struct ms_buddy *b;
	struct ms_kmod_buddy_info *info;
	int orders; /* 0 until the header said */
	int ntypes; /* -1 until the header said */
	struct ms_zone *z;
	unsigned int seen; /* enum zone_line bits of z */
	unsigned int tseen; /* free_type lines of z */
	int zones;
};

static int buddy_header(struct ms_lc *x, const struct ms_kw *w,
			struct bstate *st)
{
	struct ms_buddy *b = st->b;
	uint64_t v = 0;
	int err;

	if (st->zones)
		return ms_lc_bad(x, -EINVAL,
				 "header line after the first zone");
	if (ms_kw_is(w, 0, "orders")) {
		err = ms_kw_key(x, w, MS_MAX_ORDER, &v);
		if (!err && !v)
			err = ms_lc_bad(x, -EINVAL, "no orders");
		st->orders = (int)v;
		return err;
	}
	if (ms_kw_is(w, 0, "types")) {
		if (w->n - 1 > MS_MAX_MIGRATE)
			return ms_lc_bad(x, -E2BIG,
					 "more than %d migrate types",
					 MS_MAX_MIGRATE);
		for (int t = 1; t < w->n; t++) {
			err = ms_kw_name(x, w, t, b->migrate[t - 1],
					 sizeof(b->migrate[0]),
					 "migrate type name");
			if (err)
				return err;
		}
		st->ntypes = b->nr_migrate = w->n - 1;
		return 0;
	}
	if (ms_kw_is(w, 0, "page_size"))
		return ms_kw_key(x, w, 1ULL << 30, &st->info->page_size);
	return ms_kw_key(x, w, UINT64_MAX - 1, &st->info->walk_limit);
}

/* The zone before the next one (or the end) must be complete. */
static int zone_done(struct ms_lc *x, struct bstate *st)
{
	struct ms_zone *z = st->z;
	static const char *const need[] = { "nr_free", "capped" };
	unsigned int bits[] = { 1u << ZL_NR_FREE, 1u << ZL_CAPPED };

	if (!z)
		return 0;
	for (int i = 0; i < 2; i++)
		if (!(st->seen & bits[i]))
			return ms_lc_bad(x, -EINVAL,
					 "zone %d %s has no %s line", z->node,
					 z->name, need[i]);
	if (st->tseen != (1u << st->ntypes) - 1)
		return ms_lc_bad(x, -EINVAL, "zone %d %s lacks free_type lines",
				 z->node, z->name);
	z->has_migrate = st->ntypes > 0;
	return 0;
}

/* "zone NODE NAME": found (zoneinfo listed it) or added. */
static int zone_start(struct ms_lc *x, const struct ms_kw *w, struct bstate *st)
{
	struct ms_buddy *b = st->b;
	char name[sizeof(b->zones[0].name)];
	struct ms_zone *z;
	uint64_t node;
	int err;

	if (!st->orders || st->ntypes < 0)
		return ms_lc_bad(x, -EINVAL,
				 "zone before the orders and types lines");
	err = zone_done(x, st);
	if (!err)
		err = ms_kw_count(x, w, 3);
	if (!err)
		err = ms_kw_num(x, w, 1, MS_KP_MAX_NODE, &node, "node");
	if (!err)
		err = ms_kw_name(x, w, 2, name, sizeof(name), "zone name");
	if (err)
		return err;
	z = ms_zone_find(b, (int)node, name);
	if (z && z->nr_orders)
		return ms_lc_bad(x, -EINVAL, "zone %d %s listed twice",
				 (int)node, name);
	if (!z) {
		if (b->nr_zones >= MAX_ZONES)
			return ms_lc_bad(x, -E2BIG, "more than %d zones",
					 MAX_ZONES);
		z = ms_zone_add(b);
		if (!z)
			return ms_lc_bad(x, -ENOMEM, "out of memory");
		z->node = (int)node;
		memcpy(z->name, name, sizeof(name));
	}
	z->nr_orders = st->orders;
	for (int t = 0; t < MS_MAX_MIGRATE; t++)
		z->mt_pageblocks[t] = MS_NA; /* not in this file */
	st->z = z;
	st->seen = st->tseen = 0;
	st->zones++;
	return 0;
}

/* Per-order counts from word `from` on: exactly st->orders of them. */
static int orders_line(struct ms_lc *x, const struct ms_kw *w, int from,
		       struct bstate *st, uint64_t *v)
{
	if (w->n - from != st->orders)
		return ms_lc_bad(x, -EINVAL,
				 "%d counts, the header says %d orders",
				 w->n - from, st->orders);
	for (int o = 0; o < st->orders; o++) {
		int err = ms_kw_num(x, w, from + o, MAX_BLOCKS, &v[o],
				    "free count");

		if (err)
			return err;
	}
	return 0;
}

static int free_type_line(struct ms_lc *x, const struct ms_kw *w,
			  struct bstate *st)
{
	struct ms_buddy *b = st->b;

	for (int t = 0; t < st->ntypes; t++)
		if (ms_kw_is(w, 1, b->migrate[t])) {
			if (st->tseen & (1u << t))
				return ms_lc_bad(x, -EINVAL,
						 "free_type %s twice",
						 b->migrate[t]);
			st->tseen |= 1u << t;
			return orders_line(x, w, 2, st, st->z->mt_free[t]);
		}
	return ms_lc_bad(x, -EINVAL,
			 "free_type of a type not in the types line");
}

/* 1 if w is a "key N" line of a zone, after storing it. */
static int zone_u64_line(struct ms_lc *x, const struct ms_kw *w,
			 struct bstate *st)
{
	uint64_t v;
	int err;

	for (int i = 0; i < NR_ZONE_U64; i++) {
		uint64_t *f;

		if (!ms_kw_is(w, 0, zone_u64[i].key))
			continue;
		if (st->seen & (1u << i))
			return ms_lc_bad(x, -EINVAL, "%s twice in a zone",
					 zone_u64[i].key);
		st->seen |= 1u << i;
		err = ms_kw_key(x, w, UINT64_MAX - 1, &v);
		if (err)
			return err;
		f = !zone_u64[i].zoneinfo ?
			    NULL :
			    ms_field_u64(ms_zone_fields, st->z,
					 zone_u64[i].zoneinfo,
					 strlen(zone_u64[i].zoneinfo));
		if (f)
			*f = v;
		return 1;
	}
	return 0;
}

static int zone_line(struct ms_lc *x, const struct ms_kw *w, struct bstate *st)
{
	uint64_t v;
	int err = zone_u64_line(x, w, st);

	if (err)
		return err < 0 ? err : 0;
	if (ms_kw_is(w, 0, "nr_free")) {
		if (st->seen & (1u << ZL_NR_FREE))
			return ms_lc_bad(x, -EINVAL, "nr_free twice in a zone");
		st->seen |= 1u << ZL_NR_FREE;
		return orders_line(x, w, 1, st, st->z->free_blocks);
	}
	if (ms_kw_is(w, 0, "free_type"))
		return free_type_line(x, w, st);
	if (ms_kw_is(w, 0, "capped")) {
		if (st->seen & (1u << ZL_CAPPED))
			return ms_lc_bad(x, -EINVAL, "capped twice in a zone");
		st->seen |= 1u << ZL_CAPPED;
		err = ms_kw_key(x, w, 1, &v);
		st->info->capped += !err && v;
		return err;
	}
	return 0; /* a line of a later version */
}

static int buddy_line(struct ms_lc *x, const struct ms_kw *w, void *ctx)
{
	struct bstate *st = ctx;

	if (ms_kw_is(w, 0, "end")) {
		int err = zone_done(x, st);

		x->lineno = 0;
		if (!err && !st->zones)
			return ms_lc_bad(x, -ENODATA, "no zones");
		if (!err && st->orders > st->b->nr_orders)
			st->b->nr_orders = st->orders;
		return err;
	}
	if (ms_kw_is(w, 0, "zone"))
		return zone_start(x, w, st);
	if (st->z)
		return zone_line(x, w, st);
	if (ms_kw_is(w, 0, "page_size") || ms_kw_is(w, 0, "orders") ||
	    ms_kw_is(w, 0, "types") || ms_kw_is(w, 0, "walk_limit"))
		return buddy_header(x, w, st);
	return 0;
}

int ms_kmod_parse_buddy(const char *text, size_t len, struct ms_buddy *b,
			struct ms_kmod_buddy_info *info, char *why,
			size_t whylen)
{
	struct ms_kmod_buddy_info dummy;
	struct bstate st = { .b = b,
			     .info = info ? info : &dummy,
			     .ntypes = -1 };
	struct ms_lc x;

	memset(st.info, 0, sizeof(*st.info));
	st.info->page_size = st.info->walk_limit = MS_NA;
	ms_lc_init(&x, text, len, why, whylen);
	return ms_kp_lines(&x, text, len, MS_KMOD_FMT_BUDDY, buddy_line, &st);
}
