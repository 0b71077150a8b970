// SPDX-License-Identifier: GPL-2.0
/*
 * The Buddy area of the procfs backend: reads buddyinfo, zoneinfo and
 * pagetypeinfo (root only, paced live) through the parsers of
 * buddy_parse.c.
 */
#include "probes/procfs/buddy.h"
#include "probes/procfs/procfs.h"
#include "probes/procfs/procint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void drop_migrate(struct ms_buddy *b, int keep_zones)
{
	b->nr_zones = keep_zones;
	b->nr_migrate = 0;
	b->pageblock_order = -1;
	for (int i = 0; i < b->nr_zones; i++) {
		struct ms_zone *z = &b->zones[i];

		z->has_migrate = false;
		memset(z->mt_free, 0, sizeof(z->mt_free));
		memset(z->mt_pageblocks, 0, sizeof(z->mt_pageblocks));
	}
}

typedef int (*parse_fn)(const char *text, size_t len, struct ms_buddy *b,
			char *why, size_t whylen);

/* Read and parse proc/NAME; a note says why when it fails. */
static int read_one(const struct ms_root *r, struct ms_procfs *pf,
		    struct ms_snapshot *s, const char *name, parse_fn parse)
{
	char rel[32], why[128];
	int err;

	snprintf(rel, sizeof(rel), "proc/%s", name);
	err = ms_read(r, rel, &pf->buf);
	if (err) {
		ms_snapshot_note(s, name, "%s", ms_errstr(r, err));
		return err;
	}
	err = parse(pf->buf.data, pf->buf.len, &s->buddy, why, sizeof(why));
	if (err)
		ms_snapshot_note(s, name, "%s", why);
	return err;
}

/*
 * pagetypeinfo walks every zone's free lists with its lock held and
 * interrupts off: 10 ms a read on this machine's 24 GiB, most of what the
 * Buddy tab costs at a 1 s refresh. Live, it is re-read at PT_SHARE of
 * the time (a read every 5 s at that cost; every sample on small
 * machines), and between reads each zone keeps the figures of the last,
 * with their age (ms_buddy.pagetypes_age_s).
 */
#define PT_SHARE 0.002
#define PT_ZONES 64

struct ms_pt_keep {
	bool have;
	double t; /* read then */
	double last, tokens, cost;
	int pageblock_order, nr_migrate;
	char migrate[MS_MAX_MIGRATE][16];
	int nr_zones;
	struct {
		int node;
		char name[16];
		bool has_migrate;
		uint64_t mt_free[MS_MAX_MIGRATE][MS_MAX_ORDER];
		uint64_t mt_pageblocks[MS_MAX_MIGRATE];
	} z[PT_ZONES];
};

static void pt_save(struct ms_pt_keep *k, const struct ms_buddy *b, double t)
{
	k->have = true;
	k->t = t;
	k->pageblock_order = b->pageblock_order;
	k->nr_migrate = b->nr_migrate;
	memcpy(k->migrate, b->migrate, sizeof(k->migrate));
	k->nr_zones = b->nr_zones < PT_ZONES ? b->nr_zones : PT_ZONES;
	for (int i = 0; i < k->nr_zones; i++) {
		const struct ms_zone *z = &b->zones[i];

		k->z[i].node = z->node;
		memcpy(k->z[i].name, z->name, sizeof(k->z[i].name));
		k->z[i].has_migrate = z->has_migrate;
		memcpy(k->z[i].mt_free, z->mt_free, sizeof(z->mt_free));
		memcpy(k->z[i].mt_pageblocks, z->mt_pageblocks,
		       sizeof(z->mt_pageblocks));
	}
}

/* The last read's figures into the zones this sample read, by name. */
static void pt_apply(const struct ms_pt_keep *k, struct ms_buddy *b, double now)
{
	b->pageblock_order = k->pageblock_order;
	b->nr_migrate = k->nr_migrate;
	memcpy(b->migrate, k->migrate, sizeof(b->migrate));
	b->pagetypes_age_s = now - k->t;
	for (int i = 0; i < b->nr_zones; i++) {
		struct ms_zone *z = &b->zones[i];

		for (int j = 0; j < k->nr_zones; j++) {
			if (k->z[j].node != z->node ||
			    strcmp(k->z[j].name, z->name))
				continue;
			z->has_migrate = k->z[j].has_migrate;
			memcpy(z->mt_free, k->z[j].mt_free, sizeof(z->mt_free));
			memcpy(z->mt_pageblocks, k->z[j].mt_pageblocks,
			       sizeof(z->mt_pageblocks));
			break;
		}
	}
}

/* Is a read due: the share of the time since saved up its cost? */
static bool pt_due(struct ms_pt_keep *k, double now)
{
	if (k->last > 0 && now > k->last)
		k->tokens += (now - k->last) * PT_SHARE;
	k->last = now;
	/* at most a read's worth saved up: no burst of reads after a pause */
	if (k->tokens > k->cost)
		k->tokens = k->cost;
	return !k->have || k->tokens >= k->cost;
}

static int read_pagetypes(const struct ms_root *r, struct ms_procfs *pf,
			  bool full, struct ms_snapshot *s, int nr)
{
	struct ms_buddy *b = &s->buddy;
	struct ms_pt_keep *k = pf->pagetypes;
	double t0 = ms_procfs_clock(pf), t1;
	int err;

	if (!full && r->live && !k &&
	    (k = pf->pagetypes = calloc(1, sizeof(*k))))
		k->last = t0;
	if (!full && r->live && k && !pt_due(k, t0)) {
		if (k->have)
			pt_apply(k, b, t0);
		return 0;
	}
	err = read_one(r, pf, s, "pagetypeinfo", ms_parse_pagetypeinfo);
	t1 = ms_procfs_clock(pf);
	if (err) {
		drop_migrate(b, nr);
		if (k)
			k->have = false;
		return 0;
	}
	b->pagetypes_age_s = 0;
	if (k && r->live) {
		k->cost = t1 - t0;
		k->tokens = 0;
		k->last = t1;
		pt_save(k, b, t1);
	}
	return 0;
}

int ms_procfs_buddy(const struct ms_root *r, struct ms_procfs *pf,
		    bool pagetypes, bool full, struct ms_snapshot *s)
{
	struct ms_buddy *b = &s->buddy;
	int err, nr;

	b->nr_zones = b->nr_orders = 0;
	drop_migrate(b, 0);
	/* zoneinfo first: it lists every zone, empty ones too, in order */
	if (read_one(r, pf, s, "zoneinfo", ms_parse_zoneinfo))
		b->nr_zones = 0;
	err = read_one(r, pf, s, "buddyinfo", ms_parse_buddyinfo);
	if (err) {
		b->nr_zones = b->nr_orders = 0;
		return err;
	}
	nr = b->nr_zones;
	return pagetypes ? read_pagetypes(r, pf, full, s, nr) : 0;
}
