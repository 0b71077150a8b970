// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/memscope/pageblocks (docs/kmod.md): each zone's pageblocks by
 * migrate type and its map, one type a block, for the physical memory map.
 */
#include "probes/kmod/kmod_lex.h"
#include "probes/kmod/kmod_parse.h"

#include "model/physmap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ZONES 4096
/* blocks a zone: 2^31 pageblocks of 2 MiB are 4 EiB */
#define MAX_MAP (1ULL << 31)

struct pstate {
	struct ms_kmod_pageblocks *pb;
	bool order, types;
	struct ms_kmod_pb_zone *z; /* the zone whose map line comes next */
};

static int pb_header(struct ms_lc *x, const struct ms_kw *w, struct pstate *st)
{
	struct ms_kmod_pageblocks *pb = st->pb;
	uint64_t v;
	int err;

	if (pb->nr)
		return ms_lc_bad(x, -EINVAL,
				 "header line after the first zone");
	if (ms_kw_is(w, 0, "pageblock_order")) {
		err = ms_kw_key(x, w, 30, &v);
		pb->order = (int)v;
		st->order = !err;
		return err;
	}
	if (w->n - 1 > MS_MAX_MIGRATE)
		return ms_lc_bad(x, -E2BIG, "more than %d migrate types",
				 MS_MAX_MIGRATE);
	for (int t = 1; t < w->n; t++) {
		err = ms_kw_name(x, w, t, pb->types[t - 1],
				 sizeof(pb->types[0]), "migrate type name");
		if (err)
			return err;
	}
	pb->nr_types = w->n - 1;
	st->types = true;
	return 0;
}

/* "zone NODE NAME C1 .. Cn": the counts, in the types line's order. */
static int pb_zone(struct ms_lc *x, const struct ms_kw *w, struct pstate *st)
{
	struct ms_kmod_pageblocks *pb = st->pb;
	struct ms_kmod_pb_zone *z;
	uint64_t node;
	int err;

	if (!st->order || !st->types)
		return ms_lc_bad(x, -EINVAL,
				 "zone before the pageblock_order and types "
				 "lines");
	if (st->z)
		return ms_lc_bad(x, -EINVAL, "zone %d %s has no map line",
				 st->z->node, st->z->zone);
	if (pb->nr >= MAX_ZONES)
		return ms_lc_bad(x, -E2BIG, "more than %d zones", MAX_ZONES);
	err = ms_kw_count(x, w, 3 + pb->nr_types);
	if (err)
		return err;
	if (pb->nr == pb->cap) {
		int cap = pb->cap ? 2 * pb->cap : 8;
		void *d = realloc(pb->zones, (size_t)cap * sizeof(*pb->zones));

		if (!d)
			return -ENOMEM;
		pb->zones = d;
		pb->cap = cap;
	}
	z = &pb->zones[pb->nr];
	memset(z, 0, sizeof(*z));
	err = ms_kw_num(x, w, 1, MS_KP_MAX_NODE, &node, "node");
	if (!err)
		err = ms_kw_name(x, w, 2, z->zone, sizeof(z->zone),
				 "zone name");
	for (int t = 0; !err && t < pb->nr_types; t++)
		err = ms_kw_num(x, w, 3 + t, MAX_MAP, &z->count[t],
				"block count");
	if (err)
		return err;
	for (int i = 0; i < pb->nr; i++)
		if (pb->zones[i].node == (int)node &&
		    !strcmp(pb->zones[i].zone, z->zone))
			return ms_lc_bad(x, -EINVAL, "zone %d %s twice",
					 (int)node, z->zone);
	z->node = (int)node;
	st->z = z;
	pb->nr++;
	return 0;
}

/* "map PFN C...": a digit (the type's index in types) or '.' a block. */
static int pb_map(struct ms_lc *x, const struct ms_kw *w, struct pstate *st)
{
	struct ms_kmod_pageblocks *pb = st->pb;
	struct ms_kmod_pb_zone *z = st->z;
	char letter[MS_MAX_MIGRATE];
	size_t n;
	int err;

	if (!z)
		return ms_lc_bad(x, -EINVAL, "map line without its zone line");
	/* a zone with no block has an empty map: "map PFN" */
	if (w->n != 2)
		err = ms_kw_count(x, w, 3);
	else
		err = 0;
	if (!err)
		err = ms_kw_num(x, w, 1, UINT64_MAX >> 12, &z->start_pfn,
				"start pfn");
	if (err)
		return err;
	n = w->n == 3 ? w->l[2] : 0;
	if (n > MAX_MAP)
		return ms_lc_bad(x, -E2BIG, "a map of more than %llu blocks",
				 (unsigned long long)MAX_MAP);
	z->map = malloc(n + 1);
	if (!z->map)
		return -ENOMEM;
	for (int t = 0; t < pb->nr_types; t++)
		letter[t] = ms_pm_mt_of_name(pb->types[t]);
	for (size_t i = 0; i < n; i++) {
		char c = w->w[2][i];

		if (c == '.') {
			z->map[i] = ms_pm_mt_letter[MS_PM_NONE];
		} else if (c >= '0' && c < '0' + pb->nr_types) {
			z->map[i] = letter[c - '0'];
		} else {
			free(z->map);
			z->map = NULL;
			return ms_lc_bad(x, -EINVAL,
					 "zone %d %s: bad block type '%c' at "
					 "block %zu",
					 z->node, z->zone,
					 c > ' ' && c < 0x7f ? c : '?', i);
		}
	}
	z->map[n] = '\0';
	z->len = n;
	st->z = NULL;
	return 0;
}

static int pb_line(struct ms_lc *x, const struct ms_kw *w, void *ctx)
{
	struct pstate *st = ctx;

	if (ms_kw_is(w, 0, "end")) {
		if (st->z)
			return ms_lc_bad(x, -EINVAL,
					 "zone %d %s has no map line",
					 st->z->node, st->z->zone);
		if (!st->order || !st->types)
			return ms_lc_bad(x, -EINVAL,
					 "no pageblock_order or types line");
		return 0;
	}
	if (ms_kw_is(w, 0, "pageblock_order") || ms_kw_is(w, 0, "types"))
		return pb_header(x, w, st);
	if (ms_kw_is(w, 0, "zone"))
		return pb_zone(x, w, st);
	if (ms_kw_is(w, 0, "map"))
		return pb_map(x, w, st);
	return 0; /* a line a later version added */
}

void ms_kmod_pageblocks_free(struct ms_kmod_pageblocks *pb)
{
	for (int i = 0; i < pb->nr; i++)
		free(pb->zones[i].map);
	free(pb->zones);
	memset(pb, 0, sizeof(*pb));
}

int ms_kmod_parse_pageblocks(const char *text, size_t len,
			     struct ms_kmod_pageblocks *pb, char *why,
			     size_t whylen)
{
	struct pstate st = { .pb = pb };
	struct ms_lc x;

	ms_kmod_pageblocks_free(pb);
	ms_lc_init(&x, text, len, why, whylen);
	return ms_kp_lines(&x, text, len, MS_KMOD_FMT_PAGEBLOCKS, pb_line, &st);
}
