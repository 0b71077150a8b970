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
	struct ms_ledger *l, *of;
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
	const struct ms_iomem *io = b->s->node < 0 ? b->x->iomem : NULL;

	rleft = put(b, "reserved", "", out - lazy, left,
		    "zoneinfo present - managed - deferred");
	put(b, "memmap_boot", "reserved", boot, &rleft,
	    "vmstat nr_memmap_boot_pages");
	if (io && io->valid) {
		put(b, "kernel_image", "reserved", io->kernel_kb, &rleft,
		    "iomem Kernel code + rodata + data + bss");
		if (io->crash_kb)
			put(b, "crashkernel", "reserved", io->crash_kb, &rleft,
			    "iomem Crash kernel");
	}
	put(b, "reserved_other", "reserved", rleft, &rleft,
	    "reserved - the above: boot allocations (percpu's first chunk, "
	    "swiotlb, early page tables)%s",
	    io && io->valid ? "" : ", kernel image");
	if (lazy)
		put(b, "deferred", "", lazy, left,
		    "MemTotal - zoneinfo managed (= MemFree - nr_free_pages)");
}

/*
 * free: NR_FREE_PAGES, which holds the unaccepted pages too (6.5+: they
 * wait on their zone's list, counted free and NR_UNACCEPTED), and the
 * per-cpu lists, which no free counter holds.
 */
static void free_pages(struct lb *b, const struct zsum *z, uint64_t *left)
{
	uint64_t kb = z->free + (z->has_pcp ? z->pcp : 0), fl, bl;
	uint64_t unacc = mi(b, "Unaccepted");

	fl = put(b, "free", "", kb, left,
		 z->has_pcp ? "zoneinfo pages free + pagesets count" :
			      "zoneinfo pages free");
	bl = put(b, "free_buddy", "free", sub0(z->free, unacc), &fl,
		 ms_have(unacc) ? "zoneinfo pages free (nr_free_pages) - "
				  "Unaccepted" :
				  "zoneinfo pages free (nr_free_pages)");
	put(b, "free_below_low", "free_buddy", z->below_low, &bl,
	    "sum of min(pages free, low) per zone");
	put(b, "free_above_low", "free_buddy", bl, &bl,
	    "free_buddy - free_below_low");
	put(b, "unaccepted", "free", unacc, &fl,
	    "Unaccepted (counted in nr_free_pages too)");
	if (z->has_pcp)
		put(b, "free_pcp", "free", z->pcp, &fl,
		    "zoneinfo pagesets count (per-cpu lists)");
}

/*
 * A figure across bucket parent's children (of_which), at most the
 * bucket: put() into the "of which" list, which partitions nothing.
 */
static void of_which(struct lb *b, const char *name, const char *parent,
		     uint64_t kb, const char *src)
{
	const struct ms_ledger_entry *e = ms_ledger_find(b->l, parent);
	struct ms_ledger *l = b->l;
	uint64_t cap;

	if (!e || !b->of)
		return;
	cap = e->kb;
	b->l = b->of;
	put(b, name, parent, kb, &cap, "%s", src);
	b->l = l;
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

/* AnonPages: PMD THPs, mTHPs of each smaller size (6.13+), the rest. */
static void anon(struct lb *b, uint64_t *left)
{
	uint64_t al = put(b, "anon", "", mi(b, "AnonPages"), left, "AnonPages");
	char name[MS_LEDGER_NAME];

	if (!ms_have(mi(b, "AnonPages")))
		return;
	put(b, "anon_thp", "anon", mi(b, "AnonHugePages"), &al,
	    "AnonHugePages");
	for (int i = 0; b->s->node < 0 && i < b->x->nr_mthp; i++) {
		const struct ms_mthp *t = &b->x->mthp[i];

		/* the PMD size is AnonHugePages; sizes without folios: none */
		if (!ms_have(t->nr_anon) || !t->nr_anon ||
		    t->size_kb == b->x->pmd_kb)
			continue;
		snprintf(name, sizeof(name), "anon_mthp_%llukB",
			 (unsigned long long)t->size_kb);
		put(b, name, "anon", t->nr_anon * t->size_kb, &al,
		    "hugepages-%llukB/stats/nr_anon",
		    (unsigned long long)t->size_kb);
	}
	put(b, "anon_small", "anon", al, &al, "the rest of anon");
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
	/* across the LRU lists: no children of file */
	of_which(b, "file_dirty", "file", mi(b, "Dirty"), "Dirty");
	of_which(b, "file_writeback", "file", mi(b, "Writeback"),
		 "Writeback (swap writeback too)");
	of_which(b, "file_mapped", "file", mi(b, "Mapped"),
		 "Mapped (mapped shmem too)");
	split(b, "shmem", shmem, left, "Shmem", "shmem_huge",
	      mi(b, "ShmemHugePages"), "ShmemHugePages", NULL, 0, NULL,
	      "shmem_small");
	anon(b, left);
	put(b, "swap_cache", "", swc, left, "SwapCached");
}

/*
 * The biggest slab caches under their kind (sysfs reclaim_account), the
 * rest of the kind; the machine's ledger, where slabinfo was readable.
 */
static void slab_caches(struct lb *b, const char *kind, int reclaim)
{
	const struct ms_ledger_entry *e = ms_ledger_find(b->l, kind);
	char rest[MS_LEDGER_NAME];
	uint64_t kl;
	bool any = false;

	if (!e || b->s->node >= 0 || !b->x->nr_slab)
		return;
	kl = e->kb;
	for (int i = 0; i < b->x->nr_slab; i++) {
		const struct ms_slab_top *c = &b->x->slab[i];

		if (c->reclaim != reclaim)
			continue;
		put(b, c->name, kind, c->kb, &kl,
		    "slabinfo num_slabs x pagesperslab");
		any = true;
	}
	if (!any)
		return;
	snprintf(rest, sizeof(rest), "%s_other", kind);
	put(b, rest, kind, kl, &kl, "%s - the caches above", kind);
}

/* SecPageTables: IOMMU's (6.11+ counts them in both) and KVM's. */
static void sec_tables(struct lb *b, uint64_t spt)
{
	uint64_t io = vm(b, "nr_iommu_pages"), sl;
	const struct ms_ledger_entry *e =
		ms_ledger_find(b->l, "sec_page_tables");

	if (!ms_have(io) || !ms_have(spt) || !e)
		return;
	sl = e->kb;
	put(b, "iommu", "sec_page_tables", io, &sl, "vmstat nr_iommu_pages");
	put(b, "kvm", "sec_page_tables", sl, &sl,
	    "SecPageTables - nr_iommu_pages");
}

/*
 * vmalloc's pages less the kernel stacks (KernelStack, vmalloc'd with
 * VMAP_STACK); by caller where vmallocinfo was readable (the machine's),
 * its pages per node for a node.
 */
static void vmalloc_bucket(struct lb *b, uint64_t used, uint64_t stacks,
			   uint64_t *left)
{
	const struct ms_vmallocinfo *v = b->x->vmi;
	const char *src = "VmallocUsed";
	uint64_t vl, st = b->x->vmap_stack ? stacks : 0;
	int shown = 0;

	if (b->s->node >= 0) {
		if (!v || !v->valid || b->s->node >= MS_MAX_NODES)
			return;
		used = v->node_kb[b->s->node];
		src = "vmallocinfo N<node>= pages";
	}
	vl = put(b, "vmalloc", "", sub0(used, st), left, "%s%s", src,
		 st ? " - KernelStack (stacks are vmalloc'd)" : "");
	if (b->s->node >= 0 || !v || !v->valid)
		return;
	if (st && v->stack_kb > st)
		put(b, "stacks_cached", "vmalloc", v->stack_kb - st, &vl,
		    "vmallocinfo stacks - KernelStack (freed, kept per cpu)");
	for (int i = 0; i < v->nr_callers && shown < 12 && vl; i++) {
		if (v->caller[i].stack || !v->caller[i].kb)
			continue;
		put(b, v->caller[i].name, "vmalloc", v->caller[i].kb, &vl,
		    "vmallocinfo pages of this caller");
		shown++;
	}
	put(b, "vmalloc_other", "vmalloc", vl, &vl,
	    "vmalloc - the callers above");
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
	slab_caches(b, "slab_reclaimable", 1);
	slab_caches(b, "slab_unreclaimable", 0);
	if (ms_have(kr))
		put(b, "kernel_misc", "", sub0(kr, sr), left,
		    "KReclaimable - SReclaimable");
	put(b, "kernel_stack", "", ks, left, "KernelStack");
	put(b, "shadow_call_stack", "", scs, left, "ShadowCallStack");
	split(b, "page_tables", add(pt, spt), left,
	      ms_have(spt) ? "PageTables + SecPageTables" : "PageTables",
	      "page_tables_cpu", pt, "PageTables", "sec_page_tables", spt,
	      "SecPageTables", NULL);
	sec_tables(b, spt);
	vmalloc_bucket(b, vmalloc, add(ks, scs), left);
	put(b, "percpu", "", mi(b, "Percpu"), left, "Percpu");
}

/* One pool of hugetlb: in use, free and reserved, free. */
static void hpool(struct lb *b, const struct ms_mem_hpool *p, uint64_t *hl)
{
	char name[32], kid[MS_LEDGER_NAME + 8];
	uint64_t kb = p->size_kb, pl, resv = p->resv, fr = p->free;

	if (!ms_have(p->total) || !ms_have(kb))
		return;
	snprintf(name, sizeof(name), "hugetlb_%llukB", (unsigned long long)kb);
	pl = put(b, name, "hugetlb", p->total * kb, hl,
		 "hugepages-%llukB nr_hugepages (surplus %llu)",
		 (unsigned long long)kb,
		 (unsigned long long)(ms_have(p->surplus) ? p->surplus : 0));
	if (!ms_have(fr) || !pl)
		return;
	snprintf(kid, sizeof(kid), "%s_used", name);
	put(b, kid, name, sub0(p->total, fr) * kb, &pl,
	    "nr_hugepages - free_hugepages");
	if (ms_have(resv)) {
		snprintf(kid, sizeof(kid), "%s_reserved", name);
		put(b, kid, name, (resv < fr ? resv : fr) * kb, &pl,
		    "resv_hugepages (free, promised to a mapping)");
	}
	snprintf(kid, sizeof(kid), "%s_free", name);
	put(b, kid, name, pl, &pl, "free_hugepages - resv_hugepages");
}

static void hugetlb(struct lb *b, uint64_t *left)
{
	uint64_t ht = mi(b, "Hugetlb"), sum = 0, hl;
	const char *src = "Hugetlb";

	for (int i = 0; i < b->s->nr_hpools; i++)
		if (ms_have(b->s->hpools[i].total))
			sum += b->s->hpools[i].total * b->s->hpools[i].size_kb;
	if (!ms_have(ht) && b->s->nr_hpools) {
		ht = sum;
		src = "sum of hugepages-*/nr_hugepages * size";
	} else if (!ms_have(ht) && ms_have(mi(b, "HugePages_Total")) &&
		   ms_have(b->x->hpage_kb)) {
		ht = mi(b, "HugePages_Total") * b->x->hpage_kb;
		src = "HugePages_Total * Hugepagesize";
	}
	hl = put(b, "hugetlb", "", ht, left, "%s", src);
	for (int i = 0; i < b->s->nr_hpools; i++)
		hpool(b, &b->s->hpools[i], &hl);
}

/* zram: every device's mem_used_total, each device a child. */
static void zram(struct lb *b, uint64_t *left)
{
	uint64_t zl = put(b, "zram", "", b->x->zram_kb, left,
			  "zram mm_stat mem_used_total");
	char name[MS_LEDGER_NAME];

	for (int i = 0; ms_have(b->x->zram_kb) && i < b->x->nr_zram; i++) {
		snprintf(name, sizeof(name), "zram%llu",
			 (unsigned long long)b->x->zram[i].id);
		put(b, name, "zram", b->x->zram[i].kb, &zl,
		    "sys/block/%s/mm_stat mem_used_total", name);
	}
}

static void others(struct lb *b, uint64_t *left)
{
	hugetlb(b, left);
	put(b, "zswap", "", mi(b, "Zswap"), left, "Zswap");
	if (b->s->node < 0)
		zram(b, left);
	put(b, "memmap", "", vm(b, "nr_memmap_pages"), left,
	    "vmstat nr_memmap_pages");
	put(b, "balloon", "", mi(b, "Balloon"), left, "Balloon");
	split(b, "gpu", add(mi(b, "GPUActive"), mi(b, "GPUReclaim")), left,
	      "GPUActive + GPUReclaim", "gpu_active", mi(b, "GPUActive"),
	      "GPUActive", "gpu_reclaim", mi(b, "GPUReclaim"), "GPUReclaim",
	      NULL);
	put(b, "bounce", "", mi(b, "Bounce"), left, "Bounce");
	put(b, "writeback_tmp", "", mi(b, "WritebackTmp"), left,
	    "WritebackTmp");
}

int ms_ledger_build(const struct ms_mem_src *src, const struct ms_mem_extra *x,
		    struct ms_ledger *l, struct ms_ledger *of,
		    uint64_t *physical, uint64_t *total, char *why,
		    size_t whylen)
{
	struct lb b = { .l = l, .of = of, .s = src, .x = x };
	struct zsum z;
	uint64_t left;

	l->n = 0;
	if (of)
		of->n = 0;
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
