// SPDX-License-Identifier: GPL-2.0
/*
 * The Cgroup area (model/cgroup.h): its field tables, which the JSON, the
 * replay, the text and OpenMetrics walk, and its entry in the registry.
 */
#include "model/area.h"
#include "model/field.h"

#include <errno.h>
#include <string.h>

#define NA MS_FF_NA

#define PSI(o, w, k, ex)                                            \
	MS_FIELD(struct ms_cgroup, o.w, MS_F_DBL, k, NA, "%", ex,   \
		 .metric = "memscope_cgroup_pressure_" #o "_ratio", \
		 .help = "memory.pressure " #o " stall averages",   \
		 .lkey = "window", .lval = k)
#define PSIT(o)                                                          \
	MS_FIELD(struct ms_cgroup, o.total, MS_F_U64, "total", NA, "us", \
		 "cgroup.psi_total",                                     \
		 .metric = "memscope_cgroup_pressure_" #o "_seconds",    \
		 .help = "memory.pressure " #o " time stalled",          \
		 .om = MS_OM_COUNTER)

static const struct ms_field psi_some[] = {
	PSI(some, avg10, "avg10", "cgroup.psi"),
	PSI(some, avg60, "avg60", "cgroup.psi"),
	PSI(some, avg300, "avg300", "cgroup.psi"), PSIT(some), MS_FIELD_END
};

static const struct ms_field psi_full[] = {
	PSI(full, avg10, "avg10", "cgroup.psi"),
	PSI(full, avg60, "avg60", "cgroup.psi"),
	PSI(full, avg300, "avg300", "cgroup.psi"), PSIT(full), MS_FIELD_END
};

static const struct ms_field psi[] = {
	MS_FIELD_OBJ("some", psi_some, .flags = NA),
	MS_FIELD_OBJ("full", psi_full, .flags = NA), MS_FIELD_END
};

#define C(m, ty, k, fl, u, ex, ...) \
	MS_FIELD(struct ms_cgroup, m, ty, k, fl, u, ex, __VA_ARGS__)
#define LIM(m, k, lv, ex, hd, ord)                                             \
	C(m, MS_F_U64, k, NA, "kB", ex,                                        \
	  .metric = "memscope_cgroup_limit_bytes",                             \
	  .help = "Memory cgroup limits (absent: unlimited)", .lkey = "limit", \
	  .lval = lv, .th = hd, .tw = 9, .txo = ord)

const struct ms_field ms_cgroup_fields[] = {
	C(path, MS_F_PSTR, "path", 0, NULL, "cgroup.path", .th = "PATH",
	  .tw = -1, .txo = 20),
	C(version, MS_F_INT, "version", NA, NULL, "cgroup.version", .th = "V",
	  .tw = 1, .txo = 1),
	C(current_kb, MS_F_U64, "current_kb", NA, "kB", "cgroup.current",
	  .metric = "memscope_cgroup_usage_bytes",
	  .help = "Memory charged to the cgroup (memory.current, v1 "
		  "memory.usage_in_bytes)",
	  .th = "USAGE_KB", .tw = 10, .txo = 2),
	LIM(max_kb, "max_kb", "max", "cgroup.max", "MAX_KB", 3),
	LIM(high_kb, "high_kb", "high", "cgroup.high", "HIGH_KB", 4),
	LIM(low_kb, "low_kb", "low", "cgroup.low", NULL, 0),
	LIM(min_kb, "min_kb", "min", "cgroup.min", NULL, 0),
	C(peak_kb, MS_F_U64, "peak_kb", NA, "kB", "cgroup.peak",
	  .metric = "memscope_cgroup_peak_bytes",
	  .help = "Highest usage recorded (memory.peak, v1 "
		  "max_usage_in_bytes)",
	  .th = "PEAK_KB", .tw = 10, .txo = 5),
	C(swap_kb, MS_F_U64, "swap_kb", NA, "kB", "cgroup.swap",
	  .metric = "memscope_cgroup_swap_bytes",
	  .help = "Swap charged to the cgroup (memory.swap.current, v1 "
		  "memory.memsw.usage_in_bytes less the usage)",
	  .th = "SWAP_KB", .tw = 9, .txo = 6),
	C(swap_max_kb, MS_F_U64, "swap_max_kb", NA, "kB", "cgroup.swap_max"),
	C(zswap_kb, MS_F_U64, "zswap_kb", NA, "kB", "cgroup.zswap",
	  .metric = "memscope_cgroup_zswap_bytes",
	  .help = "Compressed swap in zswap charged to the cgroup "
		  "(memory.zswap.current)"),
	C(zswap_max_kb, MS_F_U64, "zswap_max_kb", NA, "kB", "cgroup.zswap_max"),
	C(stat, MS_F_KV, "stat", NA, NULL, "cgroup.stat"),
	C(events, MS_F_KV, "events", NA, NULL, "cgroup.events"),
	C(events_local, MS_F_KV, "events_local", NA, NULL,
	  "cgroup.events_local"),
	MS_FIELD_OBJ("psi", psi, .flags = NA, .explain = "cgroup.psi"),
	C(numa, MS_F_KV2, "numa_stat", NA, NULL, "cgroup.numa_stat"),
	C(procs, MS_F_INT, "procs", NA, NULL, "cgroup.procs",
	  .metric = "memscope_cgroup_processes",
	  .help = "Processes in the cgroup (cgroup.procs)", .th = "PROCS",
	  .tw = 6, .txo = 7),
	C(threads, MS_F_INT, "threads", NA, NULL, "cgroup.threads",
	  .metric = "memscope_cgroup_threads",
	  .help = "Threads in the cgroup (cgroup.threads, v1 tasks)"),
	MS_FIELD_VEC(struct ms_cgroup, pids, MS_F_U64V, "pids", nr_pids,
		     MS_FF_SETN, NULL, "cgroup.pids"),
	C(dying, MS_F_U64, "dying", NA, NULL, "cgroup.dying",
	  .metric = "memscope_cgroup_dying_descendants",
	  .help = "Dying descendant cgroups (cgroup.stat "
		  "nr_dying_descendants)",
	  .th = "DYING", .tw = 5, .txo = 8),
	C(current_kb_per_s, MS_F_DBL, "current_kb_per_s", MS_FF_RATE | NA,
	  "kB/s", "cgroup.current_rate", .th = "KB/S", .tw = 9, .tp = 1,
	  .txo = 9),
	C(detail_age_s, MS_F_DBL, "detail_age_s", NA, "s", "cgroup.age"),
	C(detail_current_kb, MS_F_U64, "detail_current_kb", NA, "kB",
	  "cgroup.age"),
	C(stat, MS_F_KV, "stat_rates", MS_FF_RATE | NA, "/s",
	  "cgroup.stat_rates"),
	C(events, MS_F_KV, "events_rates", MS_FF_RATE | NA, "/s",
	  "cgroup.events_rates"),
	MS_FIELD_END
};

const struct ms_field ms_cgroups_fields[] = {
	/*
	 * kept through a reset: 10,000 cgroups' copies let go of and made
	 * again each sample were most of a live refresh's cost
	 */
	MS_FIELD_LIST_KEEP(struct ms_cgroups, v, n, cap, kept, "cgroups",
			   ms_cgroup_fields),
	MS_FIELD_END
};

int ms_cgroup_copy(struct ms_cgroup *dst, const struct ms_cgroup *src)
{
	return ms_fields_dup(ms_cgroup_fields, dst, src, sizeof(*dst));
}

/*
 * The memory.stat items that count events (mm/memcontrol.c memory_stats
 * and vm_event items, memcontrol-v1.c's pgpgin/pgfault): their rates are
 * rates; every other item is an amount whose rate is its growth.
 */
bool ms_cg_stat_unlimited(const char *name, uint64_t v)
{
	size_t n = strlen(name);

	return v >= MS_CG_V1_UNLIMITED && v != MS_NA && n > 6 &&
	       !strcmp(name + n - 6, "_limit");
}

bool ms_cg_stat_counter(const char *name)
{
	static const char *const pre[] = { "pg",
					   "workingset_refault",
					   "workingset_activate",
					   "workingset_restore",
					   "workingset_nodereclaim",
					   "thp_fault_alloc",
					   "thp_collapse_alloc",
					   "thp_swpout",
					   "zswpin",
					   "zswpout",
					   "zswpwb",
					   "swpin",
					   "swpout" };

	if (!strncmp(name, "total_", 6))
		name += 6;
	/* asked for every item of every cgroup: most fail at the first byte */
	if (!strchr("pwtzs", name[0]) || !name[0])
		return false;
	for (size_t i = 0; i < sizeof(pre) / sizeof(pre[0]); i++)
		if (pre[i][0] == name[0] &&
		    !strncmp(name, pre[i], strlen(pre[i])))
			return true;
	return false;
}

/* ---- The ledger of one cgroup -------------------------------------------- */

/* The Memory tab's names (model/ledger.c) where the bucket is the same */
const char *const ms_cg_bucket_names[MS_CGB_COUNT] = {
	[MS_CGB_ANON] = "anon",
	[MS_CGB_FILE] = "file",
	[MS_CGB_SHMEM] = "shmem",
	[MS_CGB_SWAP_CACHE] = "swap_cache",
	[MS_CGB_SLAB_R] = "slab_reclaimable",
	[MS_CGB_SLAB_U] = "slab_unreclaimable",
	[MS_CGB_KSTACK] = "kernel_stack",
	[MS_CGB_PTABLES] = "page_tables",
	[MS_CGB_PERCPU] = "percpu",
	[MS_CGB_VMALLOC] = "vmalloc",
	[MS_CGB_KOTHER] = "kernel_other",
	[MS_CGB_SOCK] = "sock",
	[MS_CGB_ZSWAP] = "zswap",
	[MS_CGB_OTHER] = "other",
};

/* Item name of the stat in kB; MS_NA when absent. */
static uint64_t st_kb(const struct ms_cgroup *g, const char *name)
{
	const struct ms_kv *k = ms_kv_find(&g->stat, name);

	return k ? k->value / 1024 : MS_NA;
}

static uint64_t sub0(uint64_t a, uint64_t b)
{
	if (!ms_have(a))
		return MS_NA;
	if (!ms_have(b))
		return a;
	return a > b ? a - b : 0;
}

static uint64_t add(uint64_t a, uint64_t b)
{
	if (!ms_have(a))
		return b;
	return ms_have(b) ? a + b : a;
}

static void set(struct ms_cg_ledger *l, enum ms_cg_bucket b, uint64_t kb,
		const char *from)
{
	l->kb[b] = kb;
	l->from[b] = from;
}

/*
 * v2 (Documentation/admin-guide/cgroup-v2.rst): file holds shmem, kernel
 * holds the stacks, page tables, percpu, vmalloc and slab; sock and
 * zswap (compressed) are charged beside them.
 */
static void ledger_v2(const struct ms_cgroup *g, struct ms_cg_ledger *l)
{
	uint64_t sr = st_kb(g, "slab_reclaimable"),
		 su = st_kb(g, "slab_unreclaimable");
	uint64_t ks = st_kb(g, "kernel_stack"),
		 pt = add(st_kb(g, "pagetables"), st_kb(g, "sec_pagetables"));
	uint64_t pc = st_kb(g, "percpu"), vm = st_kb(g, "vmalloc");
	uint64_t parts = add(add(add(sr, su), add(ks, pt)), add(pc, vm));

	set(l, MS_CGB_ANON, st_kb(g, "anon"), "anon");
	set(l, MS_CGB_FILE, sub0(st_kb(g, "file"), st_kb(g, "shmem")),
	    "file - shmem");
	set(l, MS_CGB_SHMEM, st_kb(g, "shmem"), "shmem");
	set(l, MS_CGB_SWAP_CACHE, st_kb(g, "swapcached"), "swapcached");
	set(l, MS_CGB_SLAB_R, sr, "slab_reclaimable");
	set(l, MS_CGB_SLAB_U, su, "slab_unreclaimable");
	set(l, MS_CGB_KSTACK, ks, "kernel_stack");
	set(l, MS_CGB_PTABLES, pt, "pagetables + sec_pagetables");
	set(l, MS_CGB_PERCPU, pc, "percpu");
	set(l, MS_CGB_VMALLOC, vm, "vmalloc");
	set(l, MS_CGB_KOTHER, sub0(st_kb(g, "kernel"), parts),
	    "kernel - the kernel items above");
	set(l, MS_CGB_SOCK, st_kb(g, "sock"), "sock");
	set(l, MS_CGB_ZSWAP, st_kb(g, "zswap"), "zswap");
}

/*
 * v1 (Documentation/admin-guide/cgroup-v1/memory.rst): rss is anonymous
 * and swap cache, cache holds shmem; total_* count the children too, as
 * usage_in_bytes does. Kernel memory is not in memory.stat: in other.
 */
static void ledger_v1(const struct ms_cgroup *g, struct ms_cg_ledger *l)
{
	bool tot = ms_kv_find(&g->stat, "total_rss") != NULL;
	uint64_t shmem = st_kb(g, tot ? "total_shmem" : "shmem");

	set(l, MS_CGB_ANON, st_kb(g, tot ? "total_rss" : "rss"),
	    tot ? "total_rss" : "rss");
	set(l, MS_CGB_FILE,
	    sub0(st_kb(g, tot ? "total_cache" : "cache"), shmem),
	    tot ? "total_cache - total_shmem" : "cache - shmem");
	set(l, MS_CGB_SHMEM, shmem, tot ? "total_shmem" : "shmem");
}

int ms_cg_ledger(const struct ms_cgroup *g, struct ms_cg_ledger *l)
{
	uint64_t sum = 0;

	for (int i = 0; i < MS_CGB_COUNT; i++)
		set(l, i, MS_NA, NULL);
	l->sum_kb = l->over_kb = 0;
	if (!g->stat.n)
		return -ENODATA;
	if (g->version == 1)
		ledger_v1(g, l);
	else
		ledger_v2(g, l);
	for (int i = 0; i < MS_CGB_OTHER; i++)
		sum = add(sum, l->kb[i]);
	l->sum_kb = sum;
	if (ms_have(g->current_kb) && g->current_kb < sum)
		l->over_kb = sum - g->current_kb;
	set(l, MS_CGB_OTHER, sub0(g->current_kb, sum),
	    g->version == 1 ? "usage - the above (kernel memory too)" :
			      "usage - the above");
	return 0;
}

const struct ms_area ms_area_cgroup = {
	/* batch --tab cgroup; the explorer's tab comes later */
	.name = "cgroup",
	.tab = MS_SEC_BIT(MS_SEC_CGROUP),
	.secs =
		(const struct ms_area_sec[]){
			{ .sec = MS_SEC_CGROUP,
			  .name = "cgroup",
			  .notes = (const char *const[]){ "cgroup_mount",
							  NULL } },
			{ .sec = -1 } },
	.parts = (const struct ms_part[]){ { .key = "cgroups",
					     .secs = MS_SEC_BIT(MS_SEC_CGROUP),
					     .pass = MS_PASS_CORE,
					     .fields = ms_cgroups_fields,
					     .off = offsetof(struct ms_snapshot,
							     cgroups),
					     .title = "Cgroups" },
					   { .key = NULL } },
	.tables =
		(const struct ms_rtable[]){
			MS_RTABLE("cgroups", ms_cgroups_fields,
				  struct ms_cgroups),
			MS_RTABLE("cgroup", ms_cgroup_fields, struct ms_cgroup),
			{ NULL, NULL, 0 } },
};
