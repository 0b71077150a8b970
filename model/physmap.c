// SPDX-License-Identifier: GPL-2.0
/*
 * The physical memory map (model/physmap.h): its field tables, each
 * block's dominant kind and letter, the counts per kind, what pins a block.
 */
#include "model/physmap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "model/field.h"

#define LETTER(id, letter, key, label) [MS_PK_##id] = letter,
const char ms_pm_letter[MS_PK_N + 1] = { MS_PM_KINDS(LETTER) };
#define NAME(id, letter, key, label) [MS_PK_##id] = key,
const char *const ms_pm_kind_names[MS_PK_N] = { MS_PM_KINDS(NAME) };
#define LABEL(id, letter, key, label) [MS_PK_##id] = label,
const char *const ms_pm_kind_labels[MS_PK_N] = { MS_PM_KINDS(LABEL) };

const char ms_pm_mt_letter[MS_PM_N + 1] = "UMRHCIP.";

/* up to Isolate: the kernel's migratetype_names[] on 6.1 to 6.18 */
const char *const ms_pm_mt_names[MS_PM_N] = {
	[MS_PM_UNMOVABLE] = "Unmovable",
	[MS_PM_MOVABLE] = "Movable",
	[MS_PM_RECLAIMABLE] = "Reclaimable",
	[MS_PM_HIGHATOMIC] = "HighAtomic",
	[MS_PM_CMA] = "CMA",
	[MS_PM_ISOLATE] = "Isolate",
	[MS_PM_POLLUTED] = "polluted",
	[MS_PM_NONE] = "none",
};

char ms_pm_mt_of_name(const char *name)
{
	for (int t = 0; t < MS_PM_POLLUTED; t++)
		if (!strcmp(name, ms_pm_mt_names[t]))
			return ms_pm_mt_letter[t];
	return ms_pm_mt_letter[MS_PM_NONE];
}

enum ms_pm_mt ms_pm_mt_by_letter(char c)
{
	const char *p = c ? strchr(ms_pm_mt_letter, c) : NULL;

	return p ? (enum ms_pm_mt)(p - ms_pm_mt_letter) : MS_PM_N;
}

#define NA MS_FF_NA
#define CNT(id, letter, name, label)                                       \
	MS_FIELD(struct ms_pm_zone, counts[MS_PK_##id], MS_F_U64, name, 0, \
		 "blocks", "buddy.map.kind." name, .th = name,             \
		 .tw = sizeof(name) > 7 ? sizeof(name) : 7,                \
		 .metric = "memscope_physmap_blocks", .lkey = "kind",      \
		 .lval = name,                                             \
		 .help = "pageblocks by the kind of page that holds most " \
			 "of each (/proc/kpageflags)"),

static const struct ms_field counts[] = { MS_PM_KINDS(CNT) MS_FIELD_END };

#define B(m, ty, k) \
	MS_FIELD(struct ms_census_block, m, ty, k, MS_FF_NOJSON, "pages", NULL)

/* kept for the explorer's cursor, never written */
const struct ms_field ms_pm_block_fields[] = {
	MS_FIELD(struct ms_census_block, pfn, MS_F_U64, "pfn", MS_FF_NOJSON,
		 NULL, NULL),
	B(pages, MS_F_U32, "pages"), B(thp, MS_F_U32, "thp"), MS_FIELD_END
};

#define Z(m, ty, k, fl, u, ex, ...) \
	MS_FIELD(struct ms_pm_zone, m, ty, k, fl, u, ex, __VA_ARGS__)

const struct ms_field ms_pm_zone_fields[] = {
	Z(node, MS_F_INT, "node", NA, NULL, "buddy.map.zone", .th = "node",
	  .tw = 4),
	Z(zone, MS_F_NAME, "zone", 0, NULL, "buddy.map.zone", .th = "zone",
	  .tw = -8),
	Z(start_pfn, MS_F_U64, "start_pfn", NA, NULL, "buddy.map.zone",
	  .th = "start_pfn", .tw = 10),
	Z(pageblock_pages, MS_F_U64, "pageblock_pages", NA, "pages",
	  "buddy.map.zone", .th = "pb_pages", .tw = 8),
	Z(blocks, MS_F_PSTR, "blocks", NA, NULL, "buddy.map.blocks"),
	MS_FIELD_OBJ("counts", counts),
	Z(migratetypes, MS_F_PSTR, "migratetypes", NA | MS_FF_OMIT, NULL,
	  "buddy.map.migratetypes"),
	MS_FIELD_LIST(struct ms_pm_zone, bk, nr_bk, cap_bk, "composition",
		      ms_pm_block_fields, .flags = MS_FF_NOJSON),
	Z(present, MS_F_U64, "present_pages", NA | MS_FF_NOJSON, "pages", NULL),
	Z(managed, MS_F_U64, "managed_pages", NA | MS_FF_NOJSON, "pages", NULL),
	MS_FIELD_END
};

#define M(m, ty, k, fl, u, ex, ...) \
	MS_FIELD(struct ms_physmap, m, ty, k, fl, u, ex, __VA_ARGS__)

const struct ms_field ms_physmap_fields[] = {
	M(progress, MS_F_DBL, "progress", NA, "ratio", "buddy.map.progress",
	  .th = "progress", .tp = 3),
	M(blocks_read, MS_F_U64, "blocks_read", NA, "blocks",
	  "buddy.map.progress", .th = "blocks_read"),
	MS_FIELD_LIST(struct ms_physmap, zones, nr_zones, cap_zones, "zones",
		      ms_pm_zone_fields),
	M(page_pfn, MS_F_U64, "page_pfn", NA | MS_FF_NOJSON, NULL, NULL),
	M(pages, MS_F_PSTR, "pages", NA | MS_FF_NOJSON, NULL, NULL),
	MS_FIELD_END
};

uint64_t ms_pm_nr_blocks(uint64_t start, uint64_t spanned, uint64_t bp)
{
	if (!bp || !spanned)
		return 0;
	return (start + spanned - 1) / bp - start / bp + 1;
}

/* The map's kind of each census kind (before THP, mixed, hole). */
static const unsigned char of_census[MS_CK_N] = {
	[MS_CK_FREE] = MS_PK_FREE,
	[MS_CK_ANON] = MS_PK_ANON,
	[MS_CK_SHMEM] = MS_PK_FILE,
	[MS_CK_FILE] = MS_PK_FILE,
	[MS_CK_UNEVICTABLE] = MS_PK_UNEVICTABLE,
	[MS_CK_SLAB] = MS_PK_SLAB,
	[MS_CK_PGTABLE] = MS_PK_PGTABLE,
	[MS_CK_HUGETLB] = MS_PK_HUGETLB,
	[MS_CK_RESERVED] = MS_PK_KERNEL,
	[MS_CK_OFFLINE] = MS_PK_KERNEL,
	[MS_CK_OTHER] = MS_PK_KERNEL,
	[MS_CK_NOFLAGS] = MS_PK_KERNEL,
	[MS_CK_HOLE] = MS_PK_HOLE,
};

enum ms_pm_kind ms_pm_kind_of(const struct ms_census_block *b,
			      bool zone_deferred)
{
	uint64_t sum[MS_PK_N] = { 0 }, ram;
	int best = MS_PK_FREE;

	if (!b->pages)
		return MS_PK_UNREAD;
	ram = b->pages - b->kind[MS_CK_HOLE];
	/* most of it no RAM (ties: RAM) */
	if (b->kind[MS_CK_HOLE] > ram)
		return MS_PK_HOLE;
	/* a block of pages never initialised reads as flags 0 throughout */
	if (zone_deferred && b->kind[MS_CK_NOFLAGS] == ram)
		return MS_PK_DEFERRED;
	if (2 * (uint64_t)b->thp >= ram)
		return MS_PK_THP;
	for (int k = 0; k < MS_CK_N; k++)
		if (k != MS_CK_HOLE)
			sum[of_census[k]] += b->kind[k];
	for (int k = 1; k < MS_PK_N; k++)
		if (sum[k] > sum[best])
			best = k;
	return 2 * sum[best] >= ram ? (enum ms_pm_kind)best : MS_PK_MIXED;
}

char ms_pm_page_letter(int k, bool thp)
{
	if (k < 0 || k >= MS_CK_N)
		return ms_pm_letter[MS_PK_UNREAD];
	if (thp && (k == MS_CK_ANON || k == MS_CK_SHMEM || k == MS_CK_FILE))
		return ms_pm_letter[MS_PK_THP];
	return ms_pm_letter[of_census[k]];
}

enum ms_pm_kind ms_pm_kind_by_letter(char c)
{
	const char *p = c ? strchr(ms_pm_letter, c) : NULL;

	return p ? (enum ms_pm_kind)(p - ms_pm_letter) : MS_PK_N;
}

/* Whether the zone has pages present that are neither managed nor reserved. */
static bool deferred(const struct ms_pm_zone *z)
{
	uint64_t reserved = 0;

	if (!ms_have(z->present) || !ms_have(z->managed))
		return false;
	for (int i = 0; i < z->nr_bk; i++)
		reserved += z->bk[i].kind[MS_CK_RESERVED];
	return z->present > z->managed + reserved;
}

void ms_physmap_finish(struct ms_physmap *m)
{
	for (int i = 0; i < m->nr_zones; i++) {
		struct ms_pm_zone *z = &m->zones[i];
		bool d = deferred(z);

		memset(z->counts, 0, sizeof(z->counts));
		if (!z->blocks)
			continue;
		for (int b = 0; b < z->nr_bk && z->blocks[b]; b++)
			z->blocks[b] =
				ms_pm_letter[ms_pm_kind_of(&z->bk[b], d)];
		for (const char *c = z->blocks; *c; c++) {
			enum ms_pm_kind k = ms_pm_kind_by_letter(*c);

			if (k < MS_PK_N)
				z->counts[k]++;
		}
	}
}

static const struct ms_field *zones_row(void)
{
	const struct ms_field *f = ms_physmap_fields;

	while (f->type != MS_F_LIST)
		f++;
	return f;
}

struct ms_pm_zone *ms_physmap_zone_add(struct ms_physmap *m)
{
	return ms_list_add(zones_row(), m);
}

/* pins[k]: the block's pages of census kind k where in[k], else 0; the sum */
static uint64_t pages_of(const struct ms_census_block *b, const bool *in,
			 uint32_t pins[MS_CK_N])
{
	uint64_t n = 0;

	for (int k = 0; k < MS_CK_N; k++) {
		pins[k] = in[k] ? b->kind[k] : 0;
		n += pins[k];
	}
	return n;
}

uint64_t ms_pm_pinned(const struct ms_census_block *b, uint32_t pins[MS_CK_N])
{
	/* all but what compaction can move or needs not: free and LRU */
	static const bool stays[MS_CK_N] = {
		[MS_CK_SLAB] = true,	[MS_CK_PGTABLE] = true,
		[MS_CK_HUGETLB] = true, [MS_CK_RESERVED] = true,
		[MS_CK_OFFLINE] = true, [MS_CK_OTHER] = true,
		[MS_CK_NOFLAGS] = true, [MS_CK_HOLE] = true,
	};

	return pages_of(b, stays, pins);
}

uint64_t ms_pm_order9_blocks(const struct ms_pm_zone *z, bool mlock_pins)
{
	uint64_t n = 0;

	if (!z->nr_bk)
		return MS_NA;
	for (int i = 0; i < z->nr_bk; i++) {
		const struct ms_census_block *b = &z->bk[i];
		uint32_t pins[MS_CK_N];

		if (b->pages == z->pageblock_pages && !ms_pm_pinned(b, pins) &&
		    !(mlock_pins && b->kind[MS_CK_UNEVICTABLE]))
			n++;
	}
	return n;
}

uint64_t ms_pm_unmovable(const struct ms_census_block *b,
			 uint32_t pins[MS_CK_N])
{
	static const bool stuck[MS_CK_N] = {
		[MS_CK_SLAB] = true,	 [MS_CK_PGTABLE] = true,
		[MS_CK_RESERVED] = true, [MS_CK_OTHER] = true,
		[MS_CK_NOFLAGS] = true,
	};

	return pages_of(b, stuck, pins);
}

int ms_pm_set_types(struct ms_pm_zone *z, const char *mt, size_t n)
{
	char *d;

	if (!z->blocks || strlen(z->blocks) != n)
		return -EINVAL;
	d = malloc(n + 1);
	if (!d)
		return -ENOMEM;
	memcpy(d, mt, n);
	d[n] = '\0';
	for (size_t i = 0; i < n && i < (size_t)z->nr_bk; i++) {
		uint32_t pins[MS_CK_N];

		if (d[i] == ms_pm_mt_letter[MS_PM_MOVABLE] &&
		    ms_pm_unmovable(&z->bk[i], pins))
			d[i] = ms_pm_mt_letter[MS_PM_POLLUTED];
	}
	free(z->migratetypes);
	z->migratetypes = d;
	return 0;
}
