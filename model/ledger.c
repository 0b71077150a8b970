// SPDX-License-Identifier: GPL-2.0
/*
 * The ledger of physical memory: the kernel's counters turned into a
 * partition of the present pages, without double counting (docs/ledger.md
 * gives each bucket's formula, source and overlaps per kernel version).
 */
#include "model/memory.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/snapshot.h"

struct lb {
	struct ms_ledger *l;
	const struct ms_mem_src *s;
	const struct ms_mem_extra *x;
	int err;
};

/* A meminfo field in kB (a count such as HugePages_Total as it is). */
static uint64_t mi(const struct lb *b, const char *name)
{
	return b->s->meminfo ? ms_kv_get(b->s->meminfo, name) : MS_NA;
}

/* A vmstat counter of pages, in kB. */
static uint64_t vm(const struct lb *b, const char *name)
{
	uint64_t v = b->s->vmstat ? ms_kv_get(b->s->vmstat, name) : MS_NA;

	return ms_have(v) ? v * b->x->page_kb : MS_NA;
}

static uint64_t add(uint64_t a, uint64_t b)
{
	if (!ms_have(a))
		return b;
	return ms_have(b) ? a + b : a;
}

/* a - b, 0 when b is larger or either is unknown */
static uint64_t sub0(uint64_t a, uint64_t b)
{
	if (!ms_have(a))
		return MS_NA;
	return ms_have(b) && b < a ? a - b : ms_have(b) ? 0 : a;
}

/*
 * Bucket name under parent ("" the top) of kb, cut to what *left still
 * holds (the source says so); nothing when kb is unknown. The kB put.
 */
static uint64_t put(struct lb *b, const char *name, const char *parent,
		    uint64_t kb, uint64_t *left, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
static uint64_t put(struct lb *b, const char *name, const char *parent,
		    uint64_t kb, uint64_t *left, const char *fmt, ...)
{
	struct ms_ledger *l = b->l;
	struct ms_ledger_entry *e;
	uint64_t over = 0;
	va_list ap;
	int n;

	if (!ms_have(kb) || b->err)
		return 0;
	if (kb > *left) {
		over = kb - *left;
		kb = *left;
	}
	if (l->n >= l->cap) {
		int c = l->cap ? l->cap * 2 : 32;
		struct ms_ledger_entry *v = realloc(l->v, c * sizeof(*v));

		if (!v) {
			b->err = -ENOMEM;
			return 0;
		}
		l->v = v;
		l->cap = c;
	}
	e = &l->v[l->n++];
	memset(e, 0, sizeof(*e));
	snprintf(e->name, sizeof(e->name), "%s", name);
	snprintf(e->parent, sizeof(e->parent), "%s", parent);
	e->kb = kb;
	va_start(ap, fmt);
	n = vsnprintf(e->source, sizeof(e->source), fmt, ap);
	va_end(ap);
	if (over && n >= 0 && (size_t)n < sizeof(e->source))
		snprintf(e->source + n, sizeof(e->source) - n,
			 "; cut by %llu kB to fit", (unsigned long long)over);
	*left -= kb;
	return kb;
}

/* ---- the buckets ---------------------------------------------------------- */

struct zsum {
	uint64_t present, managed, free, below_low, pcp;
	bool has_pcp;
};

static struct zsum zones(const struct lb *b)
{
	struct zsum z = { 0 };
	uint64_t pk = b->x->page_kb;

	for (int i = 0; i < b->s->nr_zones; i++) {
		const struct ms_mem_zone *x = &b->s->zones[i];

		if (b->s->node >= 0 && x->node != b->s->node)
			continue;
		z.present += ms_have(x->present) ? x->present * pk : 0;
		z.managed += ms_have(x->managed) ? x->managed * pk : 0;
		if (ms_have(x->free)) {
			z.free += x->free * pk;
			if (ms_have(x->low))
				z.below_low +=
					(x->free < x->low ? x->free : x->low) *
					pk;
		}
		if (ms_have(x->pcp)) {
			z.pcp += x->pcp * pk;
			z.has_pcp = true;
		}
	}
	return z;
}

/* reserved (never managed), deferred (not managed yet) */
static void unmanaged(struct lb *b, const struct zsum *z, uint64_t total,
		      uint64_t *left)
{
	uint64_t out = z->present - z->managed, lazy = 0, rleft;
	uint64_t boot = vm(b, "nr_memmap_boot_pages");

	if (ms_have(total) && total > z->managed)
		lazy = total - z->managed < out ? total - z->managed : out;
	rleft = put(b, "reserved", "", out - lazy, left,
		    "zoneinfo present - managed - deferred");
	put(b, "memmap_boot", "reserved", boot, &rleft,
	    "vmstat nr_memmap_boot_pages");
	put(b, "reserved_other", "reserved", rleft, &rleft,
	    "reserved - memmap_boot: kernel image, firmware, "
	    "boot allocations");
	if (lazy)
		put(b, "deferred", "", lazy, left,
		    "MemTotal - zoneinfo managed (= MemFree - nr_free_pages)");
}

static void free_pages(struct lb *b, const struct zsum *z, uint64_t *left)
{
	uint64_t kb = z->free + (z->has_pcp ? z->pcp : 0), fl, bl;

	fl = put(b, "free", "", kb, left,
		 z->has_pcp ? "zoneinfo pages free + pagesets count" :
			      "zoneinfo pages free");
	bl = put(b, "free_buddy", "free", z->free, &fl,
		 "zoneinfo pages free (nr_free_pages)");
	put(b, "free_below_low", "free_buddy", z->below_low, &bl,
	    "sum of min(pages free, low) per zone");
	put(b, "free_above_low", "free_buddy", bl, &bl,
	    "free_buddy - free_below_low");
	if (z->has_pcp)
		put(b, "free_pcp", "free", z->pcp, &fl,
		    "zoneinfo pagesets count (per-cpu lists)");
}

/* A bucket with parts a and b and the rest, each cut to what is left. */
static void split(struct lb *b, const char *name, uint64_t kb, uint64_t *left,
		  const char *src, const char *an, uint64_t a, const char *as,
		  const char *bn, uint64_t bv, const char *bs, const char *rn)
{
	uint64_t pl = put(b, name, "", kb, left, "%s", src);

	if (!pl && !ms_have(kb))
		return;
	if (an)
		put(b, an, name, a, &pl, "%s", as);
	if (bn)
		put(b, bn, name, bv, &pl, "%s", bs);
	if (rn)
		put(b, rn, name, pl, &pl, "the rest of %s", name);
}

static void cache_anon(struct lb *b, uint64_t *left)
{
	uint64_t fp = mi(b, "FilePages"), shmem = mi(b, "Shmem");
	uint64_t swc = mi(b, "SwapCached"), file;
	const char *fsrc = "FilePages - Shmem - SwapCached";

	if (!ms_have(fp) && ms_have(mi(b, "Cached"))) {
		/* meminfo's Cached is NR_FILE_PAGES - swap cache - Buffers */
		fp = add(add(mi(b, "Cached"), mi(b, "Buffers")), swc);
		fsrc = "Cached + Buffers - Shmem";
	}
	file = sub0(sub0(fp, shmem), swc);
	split(b, "file", file, left, fsrc, "file_active", mi(b, "Active(file)"),
	      "Active(file)", "file_inactive", mi(b, "Inactive(file)"),
	      "Inactive(file)", "file_other");
	split(b, "shmem", shmem, left, "Shmem", "shmem_huge",
	      mi(b, "ShmemHugePages"), "ShmemHugePages", NULL, 0, NULL,
	      "shmem_small");
	split(b, "anon", mi(b, "AnonPages"), left, "AnonPages", "anon_thp",
	      mi(b, "AnonHugePages"), "AnonHugePages", NULL, 0, NULL,
	      "anon_small");
	put(b, "swap_cache", "", swc, left, "SwapCached");
}

static void kernel(struct lb *b, uint64_t *left)
{
	uint64_t sr = mi(b, "SReclaimable"), su = mi(b, "SUnreclaim");
	uint64_t ks = mi(b, "KernelStack"), scs = mi(b, "ShadowCallStack");
	uint64_t pt = mi(b, "PageTables"), spt = mi(b, "SecPageTables");
	uint64_t vmalloc = mi(b, "VmallocUsed");
	uint64_t kr = mi(b, "KReclaimable");

	split(b, "slab", add(sr, su), left, "SReclaimable + SUnreclaim",
	      "slab_reclaimable", sr, "SReclaimable", "slab_unreclaimable", su,
	      "SUnreclaim", NULL);
	if (ms_have(kr))
		put(b, "kernel_misc", "", sub0(kr, sr), left,
		    "KReclaimable - SReclaimable");
	put(b, "kernel_stack", "", ks, left, "KernelStack");
	put(b, "shadow_call_stack", "", scs, left, "ShadowCallStack");
	split(b, "page_tables", add(pt, spt), left,
	      ms_have(spt) ? "PageTables + SecPageTables" : "PageTables",
	      "page_tables_cpu", pt, "PageTables", "sec_page_tables", spt,
	      "SecPageTables", NULL);
	if (b->x->vmap_stack)
		put(b, "vmalloc", "", sub0(vmalloc, add(ks, scs)), left,
		    "VmallocUsed - KernelStack%s (stacks are vmalloc'd)",
		    ms_have(scs) ? " - ShadowCallStack" : "");
	else
		put(b, "vmalloc", "", vmalloc, left, "VmallocUsed");
	put(b, "percpu", "", mi(b, "Percpu"), left, "Percpu");
}

static void others(struct lb *b, uint64_t *left)
{
	uint64_t ht = mi(b, "Hugetlb");

	if (!ms_have(ht) && ms_have(mi(b, "HugePages_Total")) &&
	    ms_have(b->x->hpage_kb))
		ht = mi(b, "HugePages_Total") * b->x->hpage_kb;
	put(b, "hugetlb", "", ht, left,
	    ms_have(mi(b, "Hugetlb")) ? "Hugetlb" :
					"HugePages_Total * Hugepagesize");
	put(b, "zswap", "", mi(b, "Zswap"), left, "Zswap");
	if (b->s->node < 0)
		put(b, "zram", "", b->x->zram_kb, left,
		    "zram mm_stat mem_used_total");
	put(b, "memmap", "", vm(b, "nr_memmap_pages"), left,
	    "vmstat nr_memmap_pages");
	put(b, "unaccepted", "", mi(b, "Unaccepted"), left, "Unaccepted");
	put(b, "balloon", "", mi(b, "Balloon"), left, "Balloon");
	put(b, "bounce", "", mi(b, "Bounce"), left, "Bounce");
	put(b, "writeback_tmp", "", mi(b, "WritebackTmp"), left,
	    "WritebackTmp");
}

int ms_ledger_build(const struct ms_mem_src *src, const struct ms_mem_extra *x,
		    struct ms_ledger *l, uint64_t *physical, uint64_t *total,
		    char *why, size_t whylen)
{
	struct lb b = { .l = l, .s = src, .x = x };
	struct zsum z;
	uint64_t left;

	l->n = 0;
	*physical = *total = MS_NA;
	z = zones(&b);
	if (!z.present) {
		snprintf(why, whylen, "no zone with present pages");
		return -ENODATA;
	}
	*physical = left = z.present;
	if (z.managed > z.present)
		z.managed = z.present;
	*total = mi(&b, "MemTotal");
	if (!src->meminfo || !ms_have(*total)) {
		snprintf(why, whylen, "no MemTotal");
		return -ENODATA;
	}
	unmanaged(&b, &z, *total, &left);
	free_pages(&b, &z, &left);
	cache_anon(&b, &left);
	kernel(&b, &left);
	others(&b, &left);
	put(&b, "unexplained", "", left, &left,
	    "physical - every other bucket");
	if (b.err)
		snprintf(why, whylen, "%s", strerror(-b.err));
	return b.err;
}

const struct ms_ledger_entry *ms_ledger_find(const struct ms_ledger *l,
					     const char *name)
{
	for (int i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].name, name))
			return &l->v[i];
	return NULL;
}
