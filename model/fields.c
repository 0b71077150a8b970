// SPDX-License-Identifier: GPL-2.0
/*
 * The field tables of the core areas (model/field.h): the order of a table
 * is the order of the JSON keys; adding a field to an area is one line here
 * and its explain text (tui/explain_*.c).
 */
#include "model/field.h"

#define NA MS_FF_NA
#define RATE (MS_FF_NA | MS_FF_RATE)
#define DER (MS_FF_NA | MS_FF_DERIVED)

/* ---- buddy --------------------------------------------------------------- */

#define Z(m, ty, k, fl, u, ex, ...) \
	MS_FIELD(struct ms_zone, m, ty, k, fl, u, ex, __VA_ARGS__)
#define ZV(m, ty, k, nm, fl, ex, ...) \
	MS_FIELD_VEC(struct ms_zone, m, ty, k, nm, fl, "pages", ex, __VA_ARGS__)
/* the zone's watermarks: one family, labelled by the mark */
#define WM(m, k, ...)                                                     \
	Z(m, MS_F_U64, k, NA, "pages", "buddy.zone." k, .src = k,         \
	  .metric = "memscope_zone_watermark_pages", .lkey = "watermark", \
	  .lval = k, .om_order = 5, __VA_ARGS__)
/*
 * The text's zone row (out/text.c; its header is spelled there): node,
 * zone, free pages, largest order, frag, the mark it is under, then
 * (txo 1) the watermarks min, low, high and the managed pages
 */
#define ZT(h, w) .th = (h), .tw = (w)

static const struct ms_field zone_wmarks[] = {
	WM(wmark_min, "min",
	   .help = "zone watermarks min, low, high, promo (zoneinfo)",
	   ZT("min", 8), .txo = 1),
	WM(wmark_low, "low", ZT("low", 8), .txo = 1),
	WM(wmark_high, "high", ZT("high", 8), .txo = 1),
	WM(wmark_promo, "promo"),
	Z(boost, MS_F_U64, "boost", NA, "pages", "buddy.zone.boost",
	  .src = "boost", .metric = "memscope_zone_watermark_boost_pages",
	  .help = "watermark boost (zoneinfo)"),
	MS_FIELD_END
};

const struct ms_field ms_zone_fields[] = {
	Z(node, MS_F_INT, "node", NA, NULL, "buddy.zone.node", ZT("node", 4)),
	Z(name, MS_F_STR, "zone", 0, NULL, "buddy.zone.name", ZT("zone", -8)),
	Z(free_pages, MS_F_U64, "free_pages", DER, "pages",
	  "buddy.zone.free_pages", ZT("free_pages", 10),
	  .metric = "memscope_buddy_free_pages",
	  .help = "free pages of the zone, sum of blocks times 2^order"),
	/* before the migrate types' family (out/openmetrics.c) */
	ZV(free_blocks, MS_F_U64V, "free_blocks", nr_orders, NA | MS_FF_SETN,
	   "buddy.order.blocks", .metric = "memscope_buddy_free_blocks",
	   .help = "free blocks per order (buddyinfo)", .lkey = "order",
	   .om_order = -1),
	Z(largest_order, MS_F_INT, "largest_order", DER, NULL,
	  "buddy.zone.largest", ZT("large", 5),
	  .metric = "memscope_buddy_largest_free_order",
	  .help = "highest order with a free block", .om_order = 1),
	Z(frag_index, MS_F_DBL, "frag_index", DER, "%", "buddy.zone.frag",
	  ZT("frag%", 6), .tp = 1,
	  .metric = "memscope_buddy_fragmentation_ratio",
	  .help = "1 - 2^largest_order / free_pages (frag_index / 100)",
	  .om_order = 2),
	/* from the recorded largest order, in a replay too: not read back */
	Z(frag_applies, MS_F_INT, "frag_index_applies", DER | MS_FF_NOREAD,
	  NULL, "buddy.zone.frag",
	  .metric = "memscope_buddy_fragmentation_applies",
	  .help = "1: the chapter's index applies; 0: the largest free order "
		  "is the zone's top order, the index then only measures how "
		  "much is free",
	  .om_order = 2),
	MS_FIELD_VEC(struct ms_zone, unusable, MS_F_DBLV, "unusable_index",
		     nr_orders, DER, "ratio", "buddy.order.unusable",
		     .metric = "memscope_buddy_unusable_index_ratio",
		     .help = "share of free memory in blocks smaller than the "
			     "order (mm/vmstat.c unusable_index)",
		     .lkey = "order", .om_order = 3),
	MS_FIELD_VEC(struct ms_zone, extfrag, MS_F_DBLV, "extfrag_index",
		     nr_orders, DER, NULL, "buddy.order.extfrag",
		     .metric = "memscope_buddy_extfrag_index",
		     .help = "mm/vmstat.c extfrag_index: -1 a block of the "
			     "order is free, near 0 lack of memory, near 1 "
			     "fragmentation",
		     .lkey = "order", .om_order = 4),
	MS_FIELD_OBJ("watermarks", zone_wmarks),
	MS_FIELD_ENUM(struct ms_zone, wstate, "under_watermark", MS_FF_DERIVED,
		      &ms_wmark_names, "buddy.zone.wmark", ZT("under", -6),
		      .metric = "memscope_zone_watermark_state",
		      .help = "the lowest watermark free pages are at or below "
			      "(ok: above high)",
		      .om_order = 6),
	Z(managed, MS_F_U64, "managed_pages", NA, "pages", "buddy.zone.managed",
	  ZT("managed", 9), .txo = 1, .src = "managed",
	  .metric = "memscope_zone_managed_pages",
	  .help = "managed pages (zoneinfo)"),
	Z(present, MS_F_U64, "present_pages", NA, "pages", "buddy.zone.present",
	  .src = "present", .metric = "memscope_zone_present_pages",
	  .help = "present pages (zoneinfo)"),
	Z(spanned, MS_F_U64, "spanned_pages", NA, "pages", "buddy.zone.spanned",
	  .src = "spanned", .metric = "memscope_zone_spanned_pages",
	  .help = "spanned pages (zoneinfo)"),
	Z(cma, MS_F_U64, "cma_pages", NA, "pages", "buddy.zone.cma",
	  .src = "cma", .metric = "memscope_zone_cma_pages",
	  .help = "CMA pages (zoneinfo)"),
	ZV(protection, MS_F_U64V, "protection", nr_protection, NA | MS_FF_SETN,
	   "buddy.zone.protection"),
	Z(zi_free, MS_F_U64, "zoneinfo_free", NA | MS_FF_NOJSON, "pages",
	  "buddy.zone.zi_free", .src = "pages free"),
	MS_FIELD_END
};

/* ---- slab ---------------------------------------------------------------- */

#define SC(m, ty, k, fl, u, ex, ...) \
	MS_FIELD(struct ms_slab_cache, m, ty, k, fl, u, ex, __VA_ARGS__)

const struct ms_field ms_slab_cache_fields[] = {
	SC(name, MS_F_STR, "name", 0, NULL, "slab.name", .th = "name",
	   .tw = -28),
	SC(active_objs, MS_F_U64, "active_objs", NA, NULL, "slab.active",
	   .th = "active", .tw = 10,
	   .metric = "memscope_slab_cache_active_objects",
	   .help = "objects in use (slabinfo active_objs)"),
	SC(num_objs, MS_F_U64, "num_objs", NA, NULL, "slab.total", .th = "objs",
	   .tw = 10, .metric = "memscope_slab_cache_objects",
	   .help = "objects allocated (slabinfo num_objs)"),
	SC(objsize, MS_F_U64, "objsize", NA, "bytes", "slab.objsize",
	   .th = "objsize", .tw = 7, .txo = 2,
	   .metric = "memscope_slab_cache_object_size_bytes",
	   .help = "size of one object (slabinfo objsize)", .om = MS_OM_NOSUM),
	SC(objperslab, MS_F_U64, "objperslab", NA, NULL, "slab.objperslab",
	   .th = "o/sl", .tw = 5, .txo = 2),
	SC(pagesperslab, MS_F_U64, "pagesperslab", NA, "pages",
	   "slab.pagesperslab", .th = "p/sl", .tw = 4, .txo = 2),
	SC(active_slabs, MS_F_U64, "active_slabs", NA, NULL, "slab.actslabs"),
	SC(num_slabs, MS_F_U64, "num_slabs", NA, NULL, "slab.slabs",
	   .th = "slabs", .tw = 9, .txo = 2),
	SC(size_bytes, MS_F_U64, "size_bytes", DER, "bytes", "slab.size",
	   .th = "size_bytes", .tw = 12, .txo = 2,
	   .metric = "memscope_slab_cache_size_bytes",
	   .help = "memory of the cache: num_slabs * pagesperslab * page size",
	   .om_order = -1),
	/* in the text after the objects (txo 1), before the rest (2) */
	SC(active_pct, MS_F_DBL, "active_pct", DER, "%", "slab.use",
	   .th = "use%", .tw = 6, .tp = 1, .txo = 1),
	SC(objs_rate, MS_F_DBL, "objs_per_s", RATE, "/s", "slab.objrate",
	   .th = "objs/s", .tw = 10, .tp = 1, .txo = 2),
	SC(bytes_rate, MS_F_DBL, "bytes_per_s", RATE, "bytes/s",
	   "slab.byterate",
	   .metric = "memscope_slab_cache_growth_bytes_per_second",
	   .help = "growth of the cache's size between the last two samples"),
	/* joined from the slab events by name (model/derive.c) */
	SC(alloc_rate, MS_F_DBL, "alloc_rate", RATE | MS_FF_EVENTS, "/s",
	   "slab.allocs",
	   .metric = "memscope_slab_cache_allocations_per_second",
	   .help = "allocations per second (bpf events)"),
	SC(free_rate, MS_F_DBL, "free_rate", RATE | MS_FF_EVENTS, "/s",
	   "slab.frees", .metric = "memscope_slab_cache_frees_per_second",
	   .help = "frees per second (bpf events, or derived from slabinfo: "
		   "memscope_slab_cache_frees_source)"),
	SC(alloc_bytes_rate, MS_F_DBL, "alloc_bytes_rate", RATE | MS_FF_EVENTS,
	   "bytes/s", "slab.abytes"),
	/* Free/s checked against slabinfo (model/slabfree.c) */
	MS_FIELD_ENUM(struct ms_slab_cache, free_src, "free_source",
		      MS_FF_EVENTS | MS_FF_DERIVED, &ms_free_src_names,
		      "slab.frees",
		      .metric = "memscope_slab_cache_frees_source",
		      .help = "1 for where the cache's frees per second come "
			      "from: counted (bpf events agreeing with "
			      "slabinfo), derived (allocations - growth of "
			      "active objects), unchecked or inconsistent",
		      .lkey = "source", .om = MS_OM_LABEL | MS_OM_NOSUM),
	SC(free_counted, MS_F_DBL, "free_rate_counted", RATE | MS_FF_EVENTS,
	   "/s", "slab.frees"),
	SC(free_tol, MS_F_DBL, "free_rate_tolerance",
	   RATE | MS_FF_EVENTS | MS_FF_DERIVED, "/s", "slab.frees",
	   .metric = "memscope_slab_cache_frees_tolerance_per_second",
	   .help = "the bound of the error of the cache's frees per second",
	   .om = MS_OM_NOSUM),
	SC(free_gap, MS_F_DBL, "free_gap", NA | MS_FF_NOJSON, NULL,
	   "slab.frees"),
	MS_FIELD_END
};

#define SD(m, k, ex) \
	MS_FIELD(struct ms_slab_detail, m, MS_F_U64, k, NA, NULL, ex, .th = k)

const struct ms_field ms_slab_detail_fields[] = {
	MS_FIELD(struct ms_slab_detail, name, MS_F_STR, "name", 0, NULL,
		 "slab.name"),
	SD(order, "order", "slab.d.order"),
	SD(object_size, "object_size", "slab.d.object_size"),
	SD(slab_size, "slab_size", "slab.d.slab_size"),
	SD(align, "align", "slab.d.align"),
	SD(objs_per_slab, "objs_per_slab", "slab.d.objs_per_slab"),
	SD(reclaim_account, "reclaim_account", "slab.d.reclaim_account"),
	SD(hwcache_align, "hwcache_align", "slab.d.hwcache_align"),
	SD(cache_dma, "cache_dma", "slab.d.cache_dma"),
	SD(poison, "poison", "slab.d.poison"),
	SD(min_partial, "min_partial", "slab.d.min_partial"),
	SD(cpu_partial, "cpu_partial", "slab.d.cpu_partial"),
	MS_FIELD_END
};

/* ---- processes and VMAs -------------------------------------------------- */

#define P(m, ty, k, fl, u, ex, ...) \
	MS_FIELD(struct ms_proc, m, ty, k, fl, u, ex, __VA_ARGS__)

const struct ms_field ms_proc_fields[] = {
	P(pid, MS_F_INT, "pid", 0, NULL, "vma.p.pid", .th = "pid", .tw = 7),
	P(ppid, MS_F_INT, "ppid", 0, NULL, NULL),
	P(comm, MS_F_STR, "comm", 0, NULL, "vma.p.comm", .th = "comm",
	  .tw = -20),
	P(cmdline, MS_F_STR, "cmdline", NA, NULL, "vma.p.cmdline"),
	P(cgroup, MS_F_STR, "cgroup", NA, NULL, "vma.p.cgroup"),
	P(state, MS_F_CHAR, "state", 0, NULL, NULL, .th = "S", .tw = 1),
	P(uid, MS_F_U32, "uid", 0, NULL, "vma.p.user"),
	P(user, MS_F_STR, "user", NA, NULL, "vma.p.user"),
	P(kthread, MS_F_BOOL, "kthread", 0, NULL, NULL),
	P(rss_kb, MS_F_U64, "rss_kb", NA, "kB", "vma.p.rss", .th = "rss_kb",
	  .tw = 10),
	P(pss_kb, MS_F_U64, "pss_kb", NA, "kB", "vma.p.pss", .th = "pss_kb",
	  .tw = 10),
	P(swap_kb, MS_F_U64, "swap_kb", NA, "kB", "vma.p.swap", .th = "swap_kb",
	  .tw = 10),
	P(vmas, MS_F_U64, "vmas", NA, NULL, "vma.p.vmas", .th = "vmas",
	  .tw = 6),
	P(detail_rss_kb, MS_F_U64, "detail_rss_kb", NA, "kB", "vma.p.age"),
	P(detail_age_s, MS_F_DBL, "detail_age_s", NA, "s", "vma.p.age"),
	P(minflt, MS_F_U64, "minflt", NA, NULL, "vma.p.minflt"),
	P(majflt, MS_F_U64, "majflt", NA, NULL, "vma.p.majflt"),
	P(minflt_rate, MS_F_DBL, "minflt_per_s", RATE, "/s", "vma.p.minflt",
	  .th = "minflt/s", .tw = 9),
	P(majflt_rate, MS_F_DBL, "majflt_per_s", RATE, "/s", "vma.p.majflt"),
	MS_FIELD_END
};

#define V(m, ty, k, fl, u, ex) MS_FIELD(struct ms_vma, m, ty, k, fl, u, ex)

const struct ms_field ms_vma_fields[] = {
	V(start, MS_F_HEX, "start", NA, NULL, "vma.v.range"),
	V(end, MS_F_HEX, "end", NA, NULL, "vma.v.range"),
	V(perms, MS_F_NAME, "perms", 0, NULL, "vma.v.perms"),
	V(offset, MS_F_HEX, "offset", NA, NULL, "vma.v.offset"),
	V(dev, MS_F_STR, "dev", 0, NULL, "vma.v.dev"),
	V(inode, MS_F_U64, "inode", NA, NULL, "vma.v.inode"),
	V(path, MS_F_PSTR, "path", 0, NULL, "vma.v.path"),
	MS_FIELD_ENUM(struct ms_vma, kind, "kind", 0, &ms_vma_kind_names,
		      "vma.d.kind"),
	MS_FIELD_END
};

const struct ms_field ms_vma_smaps_fields[] = {
	V(rss_kb, MS_F_U64, "rss_kb", NA, "kB", "vma.v.rss"),
	V(pss_kb, MS_F_U64, "pss_kb", NA, "kB", "vma.v.pss"),
	V(shared_clean, MS_F_U64, "shared_clean_kb", NA, "kB", "vma.v.shrc"),
	V(shared_dirty, MS_F_U64, "shared_dirty_kb", NA, "kB", "vma.v.shrd"),
	V(private_clean, MS_F_U64, "private_clean_kb", NA, "kB", "vma.v.privc"),
	V(private_dirty, MS_F_U64, "private_dirty_kb", NA, "kB", "vma.v.privd"),
	V(referenced, MS_F_U64, "referenced_kb", NA, "kB", "vma.d.referenced"),
	V(anonymous, MS_F_U64, "anonymous_kb", NA, "kB", "vma.v.anon"),
	V(anon_huge_kb, MS_F_U64, "anon_huge_kb", NA, "kB", "vma.v.ahp"),
	V(swap_kb, MS_F_U64, "swap_kb", NA, "kB", "vma.v.swap"),
	V(swap_pss_kb, MS_F_U64, "swap_pss_kb", NA, "kB", "vma.d.swappss"),
	V(locked_kb, MS_F_U64, "locked_kb", NA, "kB", "vma.v.locked"),
	V(thp_eligible, MS_F_U64, "thp_eligible", NA, NULL, "vma.v.thp"),
	V(vmflags, MS_F_STR, "vmflags", NA, NULL, "vma.v.flags"),
	MS_FIELD_END
};

#define VS(m, k, u) MS_FIELD(struct ms_vma_sum, m, MS_F_U64, k, 0, u, NULL)

const struct ms_field ms_vma_sum_fields[] = {
	VS(count, "count", NULL),     VS(size_kb, "size_kb", "kB"),
	VS(rss_kb, "rss_kb", "kB"),   VS(pss_kb, "pss_kb", "kB"),
	VS(swap_kb, "swap_kb", "kB"), MS_FIELD_END
};

/* ---- reclaim ------------------------------------------------------------- */

/* the averages: one family, labelled by the window */
#define PSI(m, k, w, ...)                                                     \
	MS_FIELD(struct ms_psi_line, m, MS_F_DBL, k, NA, "%",                 \
		 "reclaim.psi.some", .metric = "memscope_psi_pressure_ratio", \
		 .lkey = "window", .lval = w, .th = k, .tp = 2, __VA_ARGS__)

const struct ms_field ms_psi_fields[] = {
	PSI(avg10, "avg10", "10s",
	    .help = "PSI averages over 10, 60 and 300 s, as a ratio"),
	PSI(avg60, "avg60", "60s"),
	PSI(avg300, "avg300", "300s"),
	MS_FIELD(struct ms_psi_line, total, MS_F_U64, "total", NA, "us",
		 "reclaim.psi.total", .th = "total",
		 .metric = "memscope_psi_stall_seconds",
		 .help = "time tasks stalled on memory (/proc/pressure/memory "
			 "total)",
		 .om = MS_OM_COUNTER, .om_order = -1),
	MS_FIELD(struct ms_psi_line, total_rate, MS_F_DBL, "total_us_per_s",
		 RATE, "us/s", "reclaim.psi.total",
		 .metric = "memscope_psi_stall_ratio",
		 .help = "share of the time between the last two samples "
			 "stalled"),
	MS_FIELD_END
};

#define SW(m, ty, k, fl, u, ...)                                            \
	MS_FIELD(struct ms_swapdev, m, ty, k, fl, u, "reclaim.swap.device", \
		 __VA_ARGS__)

const struct ms_field ms_swap_fields[] = {
	SW(name, MS_F_STR, "name", 0, NULL, .th = ""),
	SW(type, MS_F_STR, "type", 0, NULL, .th = ""),
	SW(size_kb, MS_F_U64, "size_kb", NA, "kB", .th = "size",
	   .metric = "memscope_swap_size_bytes",
	   .help = "size of each swap device (/proc/swaps)"),
	SW(used_kb, MS_F_U64, "used_kb", NA, "kB", .th = "used",
	   .metric = "memscope_swap_used_bytes",
	   .help = "used space of each swap device (/proc/swaps)"),
	SW(prio, MS_F_INT, "priority", 0, NULL),
	MS_FIELD_END
};

#define ZR(m, ty, k, fl, u, ex) MS_FIELD(struct ms_zram, m, ty, k, fl, u, ex)
#define ZRB(m, k) ZR(m, MS_F_U64, k, NA, "bytes", "reclaim.zram.sizes")

const struct ms_field ms_zram_fields[] = {
	ZR(name, MS_F_STR, "name", 0, NULL, "reclaim.zram.device"),
	ZRB(disksize, "disksize"),
	ZRB(orig_data_size, "orig_data_size"),
	ZRB(compr_data_size, "compr_data_size"),
	ZRB(mem_used_total, "mem_used_total"),
	ZRB(mem_limit, "mem_limit"),
	ZRB(mem_used_max, "mem_used_max"),
	ZR(same_pages, MS_F_U64, "same_pages", NA, "pages",
	   "reclaim.zram.sizes"),
	ZR(pages_compacted, MS_F_U64, "pages_compacted", NA, "pages",
	   "reclaim.zram.sizes"),
	ZR(comp_algorithm, MS_F_STR, "comp_algorithm", NA, NULL,
	   "reclaim.zram.device"),
	MS_FIELD_END
};

/* ---- NUMA ---------------------------------------------------------------- */

#define N(m, ty, k, fl, u, ex, ...) \
	MS_FIELD(struct ms_numa_node, m, ty, k, fl, u, ex, __VA_ARGS__)

const struct ms_field ms_numa_node_fields[] = {
	N(node, MS_F_INT, "node", NA, NULL, "numa.node", .th = ""),
	N(cpus, MS_F_STR, "cpus", 0, NULL, "numa.node.cpus", .th = "cpus"),
	N(mem_total_kb, MS_F_U64, "mem_total_kb", NA, "kB", "numa.node.total",
	  .th = "total_kb", .metric = "memscope_node_memory_total_bytes",
	  .help = "memory of the node"),
	N(mem_free_kb, MS_F_U64, "mem_free_kb", NA, "kB", "numa.node.free",
	  .th = "free_kb", .metric = "memscope_node_memory_free_bytes",
	  .help = "free memory of the node"),
	N(mem_used_kb, MS_F_U64, "mem_used_kb", NA, "kB", "numa.node.used",
	  .metric = "memscope_node_memory_used_bytes",
	  .help = "used memory of the node"),
	MS_FIELD_END
};

/* ---- memscope.ko experiments --------------------------------------------- */

#define AO(m, ty, k, fl, ex) \
	MS_FIELD(struct ms_alloc_order, m, ty, k, fl, NULL, ex)

/* one order of the allocation probe, after its "order" (the index) */
const struct ms_field ms_alloc_order_fields[] = {
	AO(attempts, MS_F_INT, "attempts", 0, NULL),
	AO(ok, MS_F_INT, "ok", 0, "buddy.probe.ok"),
	AO(fail, MS_F_INT, "fail", 0, "buddy.probe.fail"),
	MS_FIELD(struct ms_alloc_order, min_ns, MS_F_U64, "min_ns", NA, "ns",
		 "buddy.probe.min"),
	MS_FIELD(struct ms_alloc_order, mean_ns, MS_F_U64, "mean_ns", NA, "ns",
		 "buddy.probe.mean"),
	MS_FIELD(struct ms_alloc_order, max_ns, MS_F_U64, "max_ns", NA, "ns",
		 "buddy.probe.max"),
	MS_FIELD_END
};

#define BR(m, k, u, ex) \
	MS_FIELD(struct ms_bench_result, m, MS_F_U64, k, NA, u, ex)

const struct ms_field ms_bench_result_fields[] = {
	BR(ok, "ok", NULL, NULL),
	BR(failures, "failures", NULL, "slab.bench.fail"),
	BR(ops_per_sec, "ops_per_sec", "/s", "slab.bench.ops"),
	BR(mean_ns, "mean_ns", "ns", "slab.bench.mean"),
	BR(p50_ns, "p50_ns", "ns", "slab.bench.p50"),
	BR(p99_ns, "p99_ns", "ns", "slab.bench.p99"),
	BR(max_ns, "max_ns", "ns", "slab.bench.max"),
	MS_FIELD_END
};

#define SB(m, k, u) MS_FIELD(struct ms_slab_bench, m, MS_F_U64, k, NA, u, NULL)

/* the benchmark's parameters, before its results per API */
const struct ms_field ms_slab_bench_fields[] = {
	SB(size, "size", "bytes"), SB(count, "count", NULL),
	SB(cache_object_size, "cache_object_size", "bytes"),
	SB(kmalloc_bucket, "kmalloc_bucket", "bytes"), MS_FIELD_END
};
