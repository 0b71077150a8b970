// SPDX-License-Identifier: GPL-2.0
/*
 * The Memory area's ledger (model/ledger.c, probes/procfs/memory.c): on
 * the captured trees, every bucket against its counters computed by hand,
 * and the partition (the top level sums to physical_kb, children to their
 * parent) exact, for the machine and every node.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probes/procfs/memory.h"
#include "probes/procfs/procfs.h"
#include "tests/unit/procfs_test.h"

#define FIX "tests/fixtures/"

struct want {
	const char *name, *parent;
	uint64_t kb;
};

/* The top level sums to physical, each bucket's children to it. */
static void partition(const struct ms_ledger *l, uint64_t physical)
{
	for (int i = -1; i < l->n; i++) {
		const char *p = i < 0 ? "" : l->v[i].name;
		uint64_t whole = i < 0 ? physical : l->v[i].kb, sum = 0;
		int kids = 0;

		for (int k = 0; k < l->n; k++)
			if (!strcmp(l->v[k].parent, p)) {
				sum += l->v[k].kb;
				kids++;
			}
		if (kids && sum != whole)
			fail_msg("children of '%s' sum to %llu, not %llu", p,
				 (unsigned long long)sum,
				 (unsigned long long)whole);
	}
	for (int i = 0; i < l->n; i++) {
		assert_true(ms_have(l->v[i].kb));
		assert_true(l->v[i].source[0]);
		if (l->v[i].parent[0])
			assert_non_null(ms_ledger_find(l, l->v[i].parent));
		for (int k = 0; k < i; k++)
			assert_string_not_equal(l->v[k].name, l->v[i].name);
	}
}

/* l holds exactly the buckets of w, with those kB, in that order. */
static void expect(const struct ms_ledger *l, const struct want *w)
{
	int n = 0;

	for (; w[n].name; n++) {
		if (n >= l->n)
			fail_msg("no bucket %d ('%s')", n, w[n].name);
		assert_string_equal(l->v[n].name, w[n].name);
		assert_string_equal(l->v[n].parent, w[n].parent);
		if (l->v[n].kb != w[n].kb)
			fail_msg("%s: %llu kB, want %llu", w[n].name,
				 (unsigned long long)l->v[n].kb,
				 (unsigned long long)w[n].kb);
	}
	assert_int_equal(l->n, n);
}

static void read_tree(struct pt_env *e, const char *tree)
{
	pt_init(e, tree);
	e->err = ms_procfs_memory(&e->root, &e->pf, false, &e->s);
	assert_int_equal(e->err, 0);
}

/*
 * debian12-6.18 (4 kB pages; zoneinfo DMA, DMA32, Normal present 3998 +
 * 782336 + 5505024 pages, managed 3840 + 772917 + 622592; free 3840 +
 * 772917 + 516501; low 57, 11665, 9396; pagesets count 3878 + 3124):
 * physical 6291358 pages = 25165432 kB, managed 5597396 kB, MemTotal
 * 24684092: deferred 19086696 (MemFree - nr_free_pages is 19086644, the
 * same give or take the counters' drift), reserved 481340 of which
 * nr_memmap_boot_pages 98304 = 393216.
 */
static const struct want d618[] = {
	{ "reserved", "", 481340 },
	{ "memmap_boot", "reserved", 393216 },
	{ "reserved_other", "reserved", 88124 },
	{ "deferred", "", 19086696 },
	{ "free", "", 5173032 + 28008 },
	{ "free_buddy", "free", 5173032 },
	{ "free_below_low", "free_buddy", (57 + 11665 + 9396) * 4 },
	{ "free_above_low", "free_buddy", 5173032 - 84472 },
	{ "free_pcp", "free", (3878 + 3124) * 4 },
	/* Cached 243864 + Buffers 5872 - Shmem 8856 */
	{ "file", "", 240880 },
	{ "file_active", "file", 94552 },
	{ "file_inactive", "file", 146328 },
	{ "file_other", "file", 0 },
	{ "shmem", "", 8856 },
	{ "shmem_huge", "shmem", 0 },
	{ "shmem_small", "shmem", 8856 },
	{ "anon", "", 15580 },
	{ "anon_thp", "anon", 0 },
	{ "anon_small", "anon", 15580 },
	{ "swap_cache", "", 0 },
	{ "slab", "", 75872 + 23640 },
	{ "slab_reclaimable", "slab", 75872 },
	{ "slab_unreclaimable", "slab", 23640 },
	/*
	 * slabinfo's 8 biggest caches, num_slabs x pagesperslab x 4 kB, by
	 * their sysfs reclaim_account (lsm_inode_cache before kmalloc-512,
	 * as big: the first in the file stays)
	 */
	{ "ext4_inode_cache", "slab_reclaimable", 2663 * 4 * 4 },
	{ "radix_tree_node", "slab_reclaimable", 1573 * 2 * 4 },
	{ "dentry", "slab_reclaimable", 2858 * 4 },
	{ "inode_cache", "slab_reclaimable", 360 * 2 * 4 },
	{ "extent_status", "slab_reclaimable", 471 * 4 },
	{ "buffer_head", "slab_reclaimable", 452 * 4 },
	{ "slab_reclaimable_other", "slab_reclaimable", 75872 - 73196 },
	{ "kernfs_node_cache", "slab_unreclaimable", 579 * 4 },
	{ "lsm_inode_cache", "slab_unreclaimable", 370 * 4 },
	{ "slab_unreclaimable_other", "slab_unreclaimable", 23640 - 3796 },
	{ "kernel_misc", "", 0 },
	{ "kernel_stack", "", 1504 },
	{ "page_tables", "", 2136 },
	{ "page_tables_cpu", "page_tables", 2136 },
	{ "sec_page_tables", "page_tables", 0 },
	/* nr_iommu_pages 0 of SecPageTables 0 */
	{ "iommu", "sec_page_tables", 0 },
	{ "kvm", "sec_page_tables", 0 },
	/* VmallocUsed 14380 - KernelStack 1504 */
	{ "vmalloc", "", 12876 },
	{ "percpu", "", 664 },
	{ "hugetlb", "", 0 },
	{ "zswap", "", 0 },
	/* sys/block/zram0/mm_stat: mem_used_total 0 */
	{ "zram", "", 0 },
	{ "zram0", "zram", 0 },
	{ "memmap", "", 0 },
	{ "balloon", "", 0 },
	{ "bounce", "", 0 },
	{ "writeback_tmp", "", 0 },
	/* 25165432 - 25151084 */
	{ "unexplained", "", 14348 },
	{ NULL, NULL, 0 },
};

static void ledger_618(void **state)
{
	struct pt_env e;
	const struct ms_memory *m;

	read_tree(&e, FIX "debian12-6.18");
	m = &e.s.memory;
	assert_int_equal(m->physical_kb, 25165432);
	assert_int_equal(m->total_kb, 24684092);
	expect(&m->ledger, d618);
	partition(&m->ledger, m->physical_kb);
	assert_int_equal(m->nodes.n, 1);
	assert_int_equal(m->nodes.v[0].node, 0);
	assert_int_equal(m->nodes.v[0].physical_kb, 25165432);
	partition(&m->nodes.v[0].ledger, m->nodes.v[0].physical_kb);
	pt_fini(&e);
}

/*
 * debian-6.1-2node node 1: Normal present 262144, managed 257233 (=
 * MemTotal 1028932 kB: nothing deferred), free 245160, low 6410,
 * pagesets 4511; its meminfo: FilePages 2420 = Shmem, AnonPages 8448 of
 * which AnonHugePages 8192, SReclaimable 552, SUnreclaim 4040, KernelStack
 * 424, PageTables 144.
 */
static const struct want d61n1[] = {
	{ "reserved", "", 1048576 - 1028932 },
	{ "reserved_other", "reserved", 19644 },
	{ "free", "", 980640 + 18044 },
	{ "free_buddy", "free", 980640 },
	{ "free_below_low", "free_buddy", 25640 },
	{ "free_above_low", "free_buddy", 980640 - 25640 },
	{ "free_pcp", "free", 18044 },
	{ "file", "", 0 },
	{ "file_active", "file", 0 },
	{ "file_inactive", "file", 0 },
	{ "file_other", "file", 0 },
	{ "shmem", "", 2420 },
	{ "shmem_huge", "shmem", 0 },
	{ "shmem_small", "shmem", 2420 },
	{ "anon", "", 8448 },
	{ "anon_thp", "anon", 8192 },
	{ "anon_small", "anon", 256 },
	{ "swap_cache", "", 0 },
	{ "slab", "", 4592 },
	{ "slab_reclaimable", "slab", 552 },
	{ "slab_unreclaimable", "slab", 4040 },
	{ "kernel_misc", "", 0 },
	{ "kernel_stack", "", 424 },
	{ "page_tables", "", 144 },
	{ "page_tables_cpu", "page_tables", 144 },
	{ "sec_page_tables", "page_tables", 0 },
	/* no per-node Hugetlb: HugePages_Total 0 * Hugepagesize */
	{ "hugetlb", "", 0 },
	{ "bounce", "", 0 },
	{ "writeback_tmp", "", 0 },
	{ "unexplained", "", 1048576 - 1034356 },
	{ NULL, NULL, 0 },
};

static void ledger_61_2node(void **state)
{
	struct pt_env e;
	const struct ms_memory *m;

	read_tree(&e, FIX "debian-6.1-2node");
	m = &e.s.memory;
	/* (3998 + 782301 + 131072 + 262144) pages */
	assert_int_equal(m->physical_kb, 4718060);
	assert_int_equal(m->total_kb, 4529192);
	partition(&m->ledger, m->physical_kb);
	/* MemTotal = the zones' managed pages: nothing deferred */
	assert_null(ms_ledger_find(&m->ledger, "deferred"));
	assert_int_equal(ms_ledger_find(&m->ledger, "reserved")->kb,
			 4718060 - 4529192);
	assert_int_equal(m->nodes.n, 2);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(m->nodes.v[i].node, i);
		partition(&m->nodes.v[i].ledger, m->nodes.v[i].physical_kb);
	}
	assert_int_equal(m->nodes.v[0].physical_kb, 3669484);
	assert_int_equal(m->nodes.v[1].physical_kb, 1048576);
	assert_int_equal(m->nodes.v[1].total_kb, 1028932);
	expect(&m->nodes.v[1].ledger, d61n1);
	pt_fini(&e);
}

static uint64_t kb_of(const struct ms_ledger *l, const char *name)
{
	const struct ms_ledger_entry *e = ms_ledger_find(l, name);

	if (!e)
		fail_msg("no bucket '%s'", name);
	return e->kb;
}

/*
 * debian-6.12-2node, captured as root with a hugetlb pool, zram, zswap:
 * the sysfs pools, zram's mm_stat, iomem's kernel image and vmallocinfo's
 * callers, by hand from its files.
 */
static void ledger_612_2node(void **state)
{
	struct pt_env e;
	const struct ms_memory *m;
	const struct ms_ledger *l, *n0;

	read_tree(&e, FIX "debian-6.12-2node");
	m = &e.s.memory;
	l = &m->ledger;
	partition(l, m->physical_kb);
	/* hugepages-2048kB: nr_hugepages 16, free_hugepages 12, resv 0 */
	assert_int_equal(kb_of(l, "hugetlb"), 32768);
	assert_int_equal(kb_of(l, "hugetlb_2048kB"), 16 * 2048);
	assert_int_equal(kb_of(l, "hugetlb_2048kB_used"), 4 * 2048);
	assert_int_equal(kb_of(l, "hugetlb_2048kB_reserved"), 0);
	assert_int_equal(kb_of(l, "hugetlb_2048kB_free"), 12 * 2048);
	/* an empty pool has no children */
	assert_int_equal(kb_of(l, "hugetlb_1048576kB"), 0);
	assert_null(ms_ledger_find(l, "hugetlb_1048576kB_free"));
	/* zram0 mm_stat mem_used_total 196608 bytes; Zswap 64 kB */
	assert_int_equal(kb_of(l, "zram"), 192);
	assert_int_equal(kb_of(l, "zram0"), 192);
	assert_int_equal(kb_of(l, "zswap"), 64);
	/*
	 * iomem: Kernel code 0x1000000 + rodata 0xb72000 + data 0x271100 +
	 * bss 0x4cd000 bytes = 36372736 = 35520 kB (and a quarter)
	 */
	assert_int_equal(kb_of(l, "kernel_image"), 35520);
	/* VmallocUsed 27812 - KernelStack 1316; one caller of the module */
	assert_int_equal(kb_of(l, "vmalloc"), 26496);
	assert_int_equal(kb_of(l, "disksize_store [zram]"), 96 * 4);
	assert_null(ms_ledger_find(l, "kernel_clone"));
	/*
	 * Outside the ledger: spanned - present of the zones; the firmware's
	 * map by type: System RAM 0x9fc00 + 0xbfedd000 + 0x60000000 bytes,
	 * Reserved 1 + 64 + 140 + 256 kB and 12 GiB above the RAM
	 */
	assert_int_equal(m->holes_kb, 1049104);
	assert_int_equal(m->firmware.n, 2);
	assert_string_equal(m->firmware.v[0].type, "System RAM");
	assert_int_equal(m->firmware.v[0].kb, 639 + 3144564 + 1572864);
	assert_string_equal(m->firmware.v[1].type, "Reserved");
	assert_int_equal(m->firmware.v[1].kb, 1 + 64 + 140 + 256 + 12582912);
	assert_int_equal(m->nodes.n, 2);
	n0 = &m->nodes.v[0].ledger;
	for (int i = 0; i < 2; i++)
		partition(&m->nodes.v[i].ledger, m->nodes.v[i].physical_kb);
	/* node0/hugepages/hugepages-2048kB: 16 pages, 12 free */
	assert_int_equal(kb_of(n0, "hugetlb_2048kB_used"), 4 * 2048);
	/*
	 * node 1's vmalloc: vmallocinfo's N1= pages of vmalloc areas (3866
	 * pages, 15464 kB) less its KernelStack 312
	 */
	assert_int_equal(kb_of(&m->nodes.v[1].ledger, "vmalloc"), 15464 - 312);
	pt_fini(&e);
}

/*
 * A hand-made 1 GiB machine (tests/fixtures/edge-memory-malformed): two
 * zones of 131072 present, 125000 managed pages (MemTotal 1000000 kB);
 * Unaccepted 4000 kB; malformed lines in zoneinfo's pagesets, vmallocinfo and iomem are
 * skipped and counted; no vmstat, node files or sysfs: their buckets are
 * absent, the notes say why, the rest is exact.
 */
static const struct want edge[] = {
	{ "reserved", "", 1048576 - 1000000 },
	/* iomem: Kernel code 16 MiB + data 8 MiB + bss 4 MiB */
	{ "kernel_image", "reserved", 28672 },
	{ "reserved_other", "reserved", 48576 - 28672 },
	/*
	 * 2 x 100000 free pages, of which Unaccepted 4000 kB (the kernel
	 * counts unaccepted pages free too); pagesets 10 + 20 ("bad"
	 * skipped)
	 */
	{ "free", "", 800000 + 120 },
	{ "free_buddy", "free", 800000 - 4000 },
	{ "free_below_low", "free_buddy", 2 * 1000 * 4 },
	{ "free_above_low", "free_buddy", 796000 - 8000 },
	{ "unaccepted", "free", 4000 },
	{ "free_pcp", "free", 120 },
	{ "file", "", 50000 + 1000 - 5000 },
	{ "file_active", "file", 20000 },
	{ "file_inactive", "file", 26000 },
	{ "file_other", "file", 0 },
	{ "shmem", "", 5000 },
	{ "shmem_huge", "shmem", 0 },
	{ "shmem_small", "shmem", 5000 },
	{ "anon", "", 30000 },
	{ "anon_thp", "anon", 0 },
	{ "anon_small", "anon", 30000 },
	{ "swap_cache", "", 0 },
	{ "slab", "", 18000 },
	{ "slab_reclaimable", "slab", 10000 },
	{ "slab_unreclaimable", "slab", 8000 },
	{ "kernel_misc", "", 2000 },
	{ "kernel_stack", "", 2000 },
	{ "page_tables", "", 1000 },
	{ "page_tables_cpu", "page_tables", 1000 },
	{ "sec_page_tables", "page_tables", 0 },
	/*
	 * VmallocUsed 10000 - KernelStack 2000 (vmallocinfo's kernel_clone
	 * areas are 500 pages = 2000 kB: no cached stack); foo_alloc 1000
	 * pages, the ESC caller 2; the vmap, ioremap and unpurged areas own
	 * no pages
	 */
	{ "vmalloc", "", 8000 },
	{ "foo_alloc [foo]", "vmalloc", 4000 },
	{ "evil\x1b[31m", "vmalloc", 8 },
	{ "vmalloc_other", "vmalloc", 8000 - 4008 },
	{ "percpu", "", 500 },
	{ "hugetlb", "", 0 },
	/* GPUActive 6000 + GPUReclaim 1000 */
	{ "gpu", "", 7000 },
	{ "gpu_active", "gpu", 6000 },
	{ "gpu_reclaim", "gpu", 1000 },
	{ "bounce", "", 0 },
	{ "writeback_tmp", "", 0 },
	/* 1048576 - 968196 */
	{ "unexplained", "", 80380 },
	{ NULL, NULL, 0 },
};

static bool noted(const struct ms_snapshot *s, const char *what,
		  const char *why)
{
	for (int i = 0; i < s->nr_notes; i++)
		if (!strcmp(s->notes[i].what, what) &&
		    strstr(s->notes[i].why, why))
			return true;
	return false;
}

static void ledger_edge(void **state)
{
	struct pt_env e;
	const struct ms_memory *m;

	read_tree(&e, FIX "edge-memory-malformed");
	m = &e.s.memory;
	assert_int_equal(m->physical_kb, 1048576);
	/* the ESC byte is kept raw in the model, escaped by the outputs */
	expect(&m->ledger, edge);
	partition(&m->ledger, m->physical_kb);
	assert_int_equal(m->nodes.n, 0);
	assert_true(noted(&e.s, "vmallocinfo", "2 malformed lines"));
	assert_true(noted(&e.s, "iomem", "2 malformed lines"));
	assert_true(noted(&e.s, "zoneinfo", "1 malformed line"));
	assert_true(noted(&e.s, "vmstat", "not in this tree"));
	assert_true(noted(&e.s, "memory_nodes", "node0 meminfo"));
	pt_fini(&e);
}

/* zoneinfo cut short: no ledger, a note that says where; -errno. */
static void ledger_truncated(void **state)
{
	struct pt_env e;

	pt_init(&e, FIX "edge-memory-truncated");
	assert_true(ms_procfs_memory(&e.root, &e.pf, false, &e.s) < 0);
	assert_int_equal(e.s.memory.ledger.n, 0);
	assert_false(ms_have(e.s.memory.physical_kb));
	assert_true(noted(&e.s, "zoneinfo", "truncated"));
	pt_fini(&e);
}

/* --capture of a tree holds every file the ledger reads: the same ledger. */
static void ledger_capture(void **state)
{
	char dir[] = "/tmp/ms-ledger-cap-XXXXXX", cmd[64];
	struct pt_env a, b;

	assert_non_null(mkdtemp(dir));
	pt_init(&a, FIX "debian-6.12-2node");
	assert_int_equal(ms_root_capture(&a.root, dir), 0);
	assert_int_equal(ms_procfs_memory(&a.root, &a.pf, false, &a.s), 0);
	read_tree(&b, dir);
	assert_int_equal(a.s.memory.ledger.n, b.s.memory.ledger.n);
	assert_true(a.s.memory.ledger.n > 40);
	for (int i = 0; i < a.s.memory.ledger.n; i++) {
		assert_string_equal(a.s.memory.ledger.v[i].name,
				    b.s.memory.ledger.v[i].name);
		assert_int_equal(a.s.memory.ledger.v[i].kb,
				 b.s.memory.ledger.v[i].kb);
	}
	assert_int_equal(a.s.memory.nodes.n, b.s.memory.nodes.n);
	assert_int_equal(a.s.memory.nodes.v[1].ledger.n,
			 b.s.memory.nodes.v[1].ledger.n);
	pt_fini(&a);
	pt_fini(&b);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/*
 * iomem and the firmware's map are read once per run: a second sample
 * has the same ledger, firmware types and notes (iomem's malformed lines)
 * without reading them; brief, the top level alone, the same sizes.
 */
static void ledger_again(void **state)
{
	struct pt_env e, f;
	int n, nfw;

	read_tree(&e, FIX "edge-memory-malformed");
	n = e.s.memory.ledger.n;
	ms_snapshot_reset(&e.s);
	assert_int_equal(ms_procfs_memory(&e.root, &e.pf, false, &e.s), 0);
	expect(&e.s.memory.ledger, edge);
	assert_int_equal(e.s.memory.ledger.n, n);
	assert_true(noted(&e.s, "iomem", "2 malformed lines"));
	assert_true(noted(&e.s, "vmallocinfo", "2 malformed lines"));
	pt_fini(&e);

	read_tree(&f, FIX "debian-6.12-2node");
	nfw = f.s.memory.firmware.n;
	assert_true(nfw > 1);
	ms_snapshot_reset(&f.s);
	assert_int_equal(ms_procfs_memory(&f.root, &f.pf, true, &f.s), 0);
	partition(&f.s.memory.ledger, f.s.memory.physical_kb);
	assert_int_equal(f.s.memory.nodes.n, 0);
	assert_int_equal(f.s.memory.firmware.n, 0);
	assert_null(ms_ledger_find(&f.s.memory.ledger, "vmalloc_other"));
	ms_snapshot_reset(&f.s);
	assert_int_equal(ms_procfs_memory(&f.root, &f.pf, false, &f.s), 0);
	assert_int_equal(f.s.memory.firmware.n, nfw);
	assert_int_equal(f.s.memory.nodes.n, 2);
	assert_non_null(ms_ledger_find(&f.s.memory.ledger, "kernel_image"));
	pt_fini(&f);
}

/* The of_which entry named name of l: its kB, and its source in *src. */
static uint64_t of_kb(const struct ms_ledger *l, const char *name,
		      const char **src)
{
	const struct ms_ledger_entry *e = ms_ledger_find(l, name);

	if (!e)
		fail_msg("no of_which %s", name);
	assert_string_equal(e->parent, "file");
	*src = e->source;
	return e->kb;
}

/*
 * Dirty, Writeback and Mapped "of which" file, outside the partition:
 * 6.18's machine (Dirty 176, Writeback 0, Mapped 11120 of file 243864 +
 * 5872 - 8856 kB) as read; 6.1's Mapped 1728 kB holds mapped shmem and
 * is cut to file's 4 kB (Cached 2432 + Buffers 4 - Shmem 2432), a node's
 * (node 1: FilePages 2420 - Shmem 2420 = 0) to nothing.
 */
static void ledger_of_which(void **state)
{
	struct pt_env e;
	const char *src;
	const struct ms_memory *m;

	read_tree(&e, FIX "debian12-6.18");
	m = &e.s.memory;
	partition(&m->ledger, m->physical_kb);
	assert_int_equal(m->of_which.n, 3);
	assert_int_equal(of_kb(&m->of_which, "file_dirty", &src), 176);
	assert_string_equal(src, "Dirty");
	assert_int_equal(of_kb(&m->of_which, "file_writeback", &src), 0);
	assert_int_equal(of_kb(&m->of_which, "file_mapped", &src), 11120);
	/* no child of file: the ledger's own entries do not hold them */
	assert_null(ms_ledger_find(&m->ledger, "file_dirty"));
	pt_fini(&e);

	read_tree(&e, FIX "debian-6.1-2node");
	m = &e.s.memory;
	assert_int_equal(of_kb(&m->of_which, "file_mapped", &src), 4);
	assert_non_null(strstr(src, "cut by 1724 kB to fit"));
	assert_int_equal(m->nodes.n, 2);
	assert_int_equal(of_kb(&m->nodes.v[1].of_which, "file_mapped", &src),
			 0);
	assert_non_null(strstr(src, "cut by 1728 kB to fit"));
	pt_fini(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ledger_618),
		cmocka_unit_test(ledger_61_2node),
		cmocka_unit_test(ledger_612_2node),
		cmocka_unit_test(ledger_edge),
		cmocka_unit_test(ledger_truncated),
		cmocka_unit_test(ledger_capture),
		cmocka_unit_test(ledger_again),
		cmocka_unit_test(ledger_of_which),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
