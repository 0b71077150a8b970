/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Field tables: one const entry per field of a record type (JSON key, type,
 * where it sits in the struct, unit, OpenMetrics family, explain id), from
 * which the outputs and the replay decoder are driven; and the one name
 * table of each enum the outputs spell.
 */
#ifndef MS_FIELD_H
#define MS_FIELD_H

#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

enum ms_ftype {
	MS_F_U64, /* uint64_t */
	MS_F_U32, /* uint32_t */
	MS_F_INT, /* int */
	MS_F_DBL, /* double */
	MS_F_BOOL, /* bool */
	MS_F_STR, /* char[size], raw kernel bytes: escaped (model/escape.h) */
	MS_F_PSTR, /* char *, raw kernel bytes, NULL: null */
	MS_F_NAME, /* char[size] of fixed names, written as it is */
	MS_F_CHAR, /* one char, a string of length 1 */
	MS_F_HEX, /* uint64_t as a hex string ("7f00...") */
	MS_F_ENUM, /* an enum (int), written by its name in `names` */
	MS_F_U64V, /* uint64_t[size] of which the int at `n` are used */
	MS_F_DBLV, /* double[size], as many as the int at `n` */
	MS_F_OBJ, /* a nested object of fields of the same record: `sub` */
	/*
	 * A list, map or computed value its area's codec writes and reads
	 * itself, in this place (store/json_events.c, json_live.c)
	 */
	MS_F_HAND,
	/*
	 * A list { T *v; int n, cap; }: records of the fields `sub`, grown
	 * by ms_list_add(); v at off, the count at n, cap at cap, size the
	 * bytes of one record. In OpenMetrics its records are labelled by
	 * their first field.
	 */
	MS_F_LIST,
	/*
	 * A struct ms_kvlist: an object of the kernel's names and values
	 * (MS_FF_RATE: of their per-second rates, NaN left out)
	 */
	MS_F_KV,
	/*
	 * A struct ms_kvlist of "outer.inner" names (split at the last dot),
	 * consecutive outers together: an object of objects (numa_stat)
	 */
	MS_F_KV2,
};

/* Flags of a field. */
enum {
	/*
	 * Not-available is written as null: MS_NA (u64, hex), UINT32_MAX
	 * (u32), NaN or infinite (double), < 0 (int), "" (strings), an
	 * object whose first field is not available; and read back so.
	 */
	MS_FF_NA = 1 << 0,
	MS_FF_RATE = 1 << 1, /* a per-second rate (model/rates.c) */
	/* computed (model/derive.c), not read from the system; a replay
	 * reads it back as recorded */
	MS_FF_DERIVED = 1 << 2,
	MS_FF_SETN = 1 << 3, /* a vector that sets its count when decoded */
	MS_FF_EVENTS = 1 << 4, /* filled by an events section (probes/bpf) */
	MS_FF_NOJSON = 1 << 5, /* kept, not in the JSON */
	/*
	 * without its `need` bits: left out, not null; with no need bits:
	 * left out when not available (MS_FF_NA)
	 */
	MS_FF_OMIT = 1 << 6,
	MS_FF_NOREAD = 1 << 7, /* written, not read back (another key is) */
};

/*
 * OpenMetrics type of a field's family (gauge unless said; an MS_F_ENUM
 * with a family is a stateset of its names). The unit, and how the value is
 * scaled to it (kB as bytes, % as a ratio, us as seconds), follow from the
 * field's unit (out/om.c).
 */
enum {
	MS_OM_COUNTER = 1 << 0,
	MS_OM_NOSUM = 1 << 1, /* a top-N family without the "other" sum */
	/* an enum as one sample of 1 labelled lkey="its name", a gauge */
	MS_OM_LABEL = 1 << 2,
};

/* The names of an enum's values, and the value an unknown name reads as. */
struct ms_names {
	const char *const *name; /* NULL: the value has no name (null) */
	int n;
	int dflt;
	/* how the plain text prints each (NULL: as name) */
	const char *const *text;
};

struct ms_field {
	const char *key; /* JSON key; NULL ends a table */
	unsigned char type; /* enum ms_ftype */
	unsigned char flags; /* MS_FF_* */
	unsigned short off; /* offsetof() in the record */
	unsigned short size; /* char arrays: bytes; vectors: max */
	unsigned short n; /* vectors, lists: offsetof() their int count */
	unsigned short cap; /* lists: offsetof() their int capacity */
	/*
	 * Lists whose records a reset keeps for the probe to take back
	 * (ms_list_kept()): offsetof() their int count of kept ones; 0 none
	 */
	unsigned short keep;
	const char *unit; /* "kB", "pages", "bytes", "/s", ... */
	const char *metric; /* OpenMetrics family, NULL none */
	const char *help; /* its OpenMetrics HELP line */
	/*
	 * The family's label for this field: a vector's index (lkey alone,
	 * "order"), or lkey="lval" where fields of one family are told apart
	 * (the watermarks, the PSI windows); the area adds the record's own
	 */
	const char *lkey, *lval;
	unsigned char om; /* MS_OM_*: the family's type and sum */
	/*
	 * An area's families go out by om_order, then in the table's order
	 * (the exposition's order is not always the JSON's)
	 */
	signed char om_order;
	/*
	 * Plain text (out/text_fields.c): the column's header or the key of
	 * key=value (NULL: not in the text; "": the value alone), the
	 * column's width (< 0: left-aligned), a double's decimals, and
	 * where it goes (by txo, then in the table's order)
	 */
	const char *th;
	signed char tw, tp, txo;
	const char *explain; /* explain id (tui/explain_*.c) */
	const char *src; /* its name in the kernel's file */
	const void *sub; /* MS_F_ENUM: ms_names; MS_F_OBJ: fields */
	/*
	 * Events: the bits of the section's `fields` mask (MS_BE_*, MS_RE_*,
	 * ...) it needs; without them it is null (MS_FF_OMIT: left out), and
	 * reading it back non-null sets them
	 */
	unsigned short need;
	/*
	 * The JSON holds the value divided by scale (1e3: ns as us, as a
	 * double) and reads back round(v * scale); 0: the value as it is
	 */
	float scale;
};

#define MS_FSIZE(type, m) sizeof(((type *)0)->m)

/*
 * Table rows: MS_FIELD(record type, member, type, key, flags, unit,
 * explain id, more designated initialisers: .src, .metric, .help, .sub).
 */
#define MS_FIELD(T, m, ty, k, fl, u, ex, ...)                               \
	{                                                                   \
		.key = (k), .type = (ty), .flags = (fl),                    \
		.off = offsetof(T, m), .size = MS_FSIZE(T, m), .unit = (u), \
		.explain = (ex), __VA_ARGS__                                \
	}
#define MS_FIELD_VEC(T, m, ty, k, nm, fl, u, ex, ...)               \
	{                                                           \
		.key = (k), .type = (ty), .flags = (fl),            \
		.off = offsetof(T, m),                              \
		.size = (unsigned short)(MS_FSIZE(T, m) /           \
					 sizeof(((T *)0)->m[0])),   \
		.n = offsetof(T, nm), .unit = (u), .explain = (ex), \
		__VA_ARGS__                                         \
	}
#define MS_FIELD_ENUM(T, m, k, fl, names, ex, ...)                      \
	{                                                               \
		.key = (k), .type = MS_F_ENUM, .flags = (fl),           \
		.off = offsetof(T, m), .explain = (ex), .sub = (names), \
		__VA_ARGS__                                             \
	}
#define MS_FIELD_OBJ(k, fields, ...)                                       \
	{                                                                  \
		.key = (k), .type = MS_F_OBJ, .sub = (fields), __VA_ARGS__ \
	}
#define MS_FIELD_LIST(T, v, nm, cp, k, fields, ...)                   \
	{                                                             \
		.key = (k), .type = MS_F_LIST, .off = offsetof(T, v), \
		.size = sizeof(*((T *)0)->v), .n = offsetof(T, nm),   \
		.cap = offsetof(T, cp), .sub = (fields), __VA_ARGS__  \
	}
/* A list whose records outlive a reset (ms_list_kept()): { T *v; n, cap, kp } */
#define MS_FIELD_LIST_KEEP(T, v, nm, cp, kp, k, fields, ...)            \
	MS_FIELD_LIST(T, v, nm, cp, k, fields, .keep = offsetof(T, kp), \
		      __VA_ARGS__)
#define MS_FIELD_HAND(k, ex, ...)                                           \
	{                                                                   \
		.key = (k), .type = MS_F_HAND, .explain = (ex), __VA_ARGS__ \
	}
#define MS_FIELD_END        \
	{                   \
		.key = NULL \
	}

/* Where a field sits in rec. */
static inline void *ms_fptr(const struct ms_field *f, const void *rec)
{
	return (char *)rec + f->off;
}

/* The field whose kernel file name is src (n bytes), or NULL. */
const struct ms_field *ms_field_src(const struct ms_field *t, const char *src,
				    size_t n);
/* A u64 field by its kernel name: its place in rec, or NULL. */
uint64_t *ms_field_u64(const struct ms_field *t, void *rec, const char *src,
		       size_t n);

/* The leaves of t in order, objects' fields in their place: how many. */
int ms_fields_flat(const struct ms_field *t, const struct ms_field **out,
		   int max);

/*
 * The leaves of t an output writes, ordered as it writes them: those with
 * an OpenMetrics family by om_order, or (text) those with a th by txo;
 * ties in the table's order. How many.
 */
enum ms_fout { MS_FOUT_OM, MS_FOUT_TEXT };
int ms_fields_out(const struct ms_field *t, enum ms_fout out,
		  const struct ms_field **fl, int max);

/*
 * Every field of t in rec not available (MS_NA, NaN, -1 for an int
 * with MS_FF_NA, ""), its lists emptied (their memory kept): a record
 * before it is read.
 */
void ms_fields_reset(const struct ms_field *t, void *rec);
/* The memory of rec's lists (and of their records' strings). */
void ms_fields_free(const struct ms_field *t, void *rec);
/*
 * dst (of size bytes) a deep copy of src: its strings and key-value lists
 * its own. 0, or -ENOMEM (dst then holds what was copied: free it with
 * ms_fields_free()); -EINVAL for a table with lists of records.
 */
/*
 * A key-value list shared between records (cap -1): made so by
 * ms_kv_share(), copied by ms_fields_dup() as one more reference, let go
 * of by a record's reset or free (the last frees it), made a list of its
 * own again before it grows (ms_kv_own()). A probe's copy kept between
 * samples goes out this way, the same every sample until read again.
 */
int ms_kv_share(struct ms_kvlist *l);
/* Every key-value list of rec (table t) shared: 0, or -ENOMEM. */
int ms_fields_share(const struct ms_field *t, void *rec);
int ms_kv_own(struct ms_kvlist *l);
void ms_kv_drop(struct ms_kvlist *l);

int ms_fields_dup(const struct ms_field *t, void *dst, const void *src,
		  size_t size);
/*
 * List f of rec emptied: its records' strings and lists freed, its own
 * array kept for the next records.
 */
void ms_list_clear(const struct ms_field *f, void *rec);
/* One more record at the end of list f of rec, reset; NULL on ENOMEM. */
void *ms_list_add(const struct ms_field *f, void *rec);
/*
 * A list made with MS_FIELD_LIST_KEEP keeps its records through a reset,
 * unseen (the count is 0): the record that was at the end's place then,
 * as it was, or NULL. ms_list_take() makes it the list's next record (a
 * probe that finds it still true keeps it, and only updates what changes
 * every sample); ms_list_add() lets go of it instead.
 */
void *ms_list_kept(const struct ms_field *f, const void *rec);
void *ms_list_take(const struct ms_field *f, void *rec);
/* Record i of list f of rec, and how many it holds. */
static inline void *ms_list_at(const struct ms_field *f, const void *rec, int i)
{
	return *(char *const *)ms_fptr(f, rec) + (size_t)i * f->size;
}
static inline int ms_list_len(const struct ms_field *f, const void *rec)
{
	return *(const int *)((const char *)rec + f->n);
}

/* The name of v, NULL when it has none; v by name, t->dflt unknown. */
const char *ms_name_of(const struct ms_names *t, int v);
/*
 * A share short of the whole never reads as the whole: v (below whole)
 * that would print as whole with prec decimals is the largest number
 * below it at prec decimals (99.9993 % reads 99.9, not 100.0); anything
 * else is v as it is.
 */
double ms_share_shown(double v, double whole, int prec);
int ms_name_find(const struct ms_names *t, const char *name);

/* ---- name tables --------------------------------------------------------- */

extern const struct ms_names ms_wmark_names; /* "ok" "high" "low" "min" */
extern const struct ms_names ms_vma_kind_names; /* "anon" "file" ... */
extern const struct ms_names ms_maple_type_names; /* "dense" ... */
/* "system" "cgroup"; "oom_control" "reclaim" (ms_oom_event) */
extern const struct ms_names ms_oom_scope_names, ms_oom_scope_by_names;
/* a slab cache's free_source: "counted" "derived" "unchecked" ... */
extern const struct ms_names ms_free_src_names;

/* ---- field tables (model/fields.c) -------------------------------------- */

/*
 * meminfo, vmstat, numastat, sysctl...: struct ms_kvlist, one JSON key per
 * kernel name with its value (and per-second rate where kept). They have no
 * table: the kernel names them.
 */

/*
 * struct ms_zone: the zone's scalars, watermarks and per-order vectors (the
 * migrate types are keyed by the buddy's names: by hand); .src is the name
 * in /proc/zoneinfo and the module's buddy file
 */
extern const struct ms_field ms_zone_fields[];
/* struct ms_slab_cache: one /proc/slabinfo line and what is derived */
extern const struct ms_field ms_slab_cache_fields[];
/* struct ms_slab_detail: the scalar sysfs attributes */
extern const struct ms_field ms_slab_detail_fields[];
/* struct ms_proc */
extern const struct ms_field ms_proc_fields[];
/* struct ms_vma: up to the kind; then after size_kb the smaps fields */
extern const struct ms_field ms_vma_fields[];
extern const struct ms_field ms_vma_smaps_fields[];
/* struct ms_vma_sum */
extern const struct ms_field ms_vma_sum_fields[];
/* struct ms_folio_size: one entry of a VMA's or a process's "folios" */
extern const struct ms_field ms_folio_size_fields[];
/* struct ms_psi_line */
extern const struct ms_field ms_psi_fields[];
/* struct ms_swapdev, struct ms_zram */
extern const struct ms_field ms_swap_fields[];
extern const struct ms_field ms_zram_fields[];
/* struct ms_numa_node: before the distances */
extern const struct ms_field ms_numa_node_fields[];
/* struct ms_memory ("memory"), struct ms_mem_node, struct ms_ledger_entry */
extern const struct ms_field ms_memory_fields[];
/* struct ms_cgroups (the top-level array) and struct ms_cgroup */
extern const struct ms_field ms_cgroups_fields[];
extern const struct ms_field ms_cgroup_fields[];
/* struct ms_damon ("damon"), struct ms_kdamond, struct ms_damon_scheme */
extern const struct ms_field ms_damon_fields[];
extern const struct ms_field ms_kdamond_fields[];
extern const struct ms_field ms_damon_scheme_fields[];
extern const struct ms_field ms_mem_node_fields[];
extern const struct ms_field ms_ledger_entry_fields[];
/* struct ms_mem_fw (memory.firmware[]) */
extern const struct ms_field ms_mem_fw_fields[];
/* struct ms_census ("memory"."census"), ms_census_zone, ms_census_check */
extern const struct ms_field ms_census_fields[];
extern const struct ms_field ms_census_zone_fields[];
extern const struct ms_field ms_physmap_fields[];
extern const struct ms_field ms_pm_zone_fields[];
extern const struct ms_field ms_pm_block_fields[];
extern const struct ms_field ms_census_check_fields[];
/* struct ms_alloc_order, ms_bench_result, ms_slab_bench (memscope.ko) */
extern const struct ms_field ms_alloc_order_fields[];
extern const struct ms_field ms_bench_result_fields[];
extern const struct ms_field ms_slab_bench_fields[];

/* ---- the page cache's files (model/pcache.c) --------------------------- */

/* struct ms_pcache: the "files_" keys of "memory", then its "files" list */
extern const struct ms_field ms_pcache_fields[];
/* struct ms_pcache_file */
extern const struct ms_field ms_pcache_file_fields[];
/* "cachestat" "mincore" */
extern const struct ms_names ms_pcache_method_names;

/* ---- events and task delays (model/event_fields.c) ----------------------- */

/*
 * A section's `need` bits are its `fields` mask (MS_BE_*, MS_SE_*, ...);
 * a list's records get the mask of the section that holds them.
 */
/* struct ms_buddy_events: keys added to "buddy" */
extern const struct ms_field ms_buddy_events_fields[];
extern const struct ms_field ms_extfrag_fields[];
/* struct ms_slab_events: keys added to "slab"; struct ms_callsite */
extern const struct ms_field ms_slab_events_fields[];
extern const struct ms_field ms_callsite_fields[];
/* struct ms_bpf_info ("bpf"), struct ms_bpf_prog_stat */
extern const struct ms_field ms_bpf_fields[];
extern const struct ms_field ms_bpf_prog_fields[];
/* struct ms_fault_events ("fault_events"), struct ms_fault_proc */
extern const struct ms_field ms_fault_events_fields[];
extern const struct ms_field ms_fault_proc_fields[];
/* struct ms_fault_proc's n[] and rate[]: row c is enum ms_fault_count c */
extern const struct ms_field ms_fault_count_fields[];
extern const struct ms_field ms_fault_rate_fields[];
/* struct ms_reclaim_events: keys added to "reclaim" */
extern const struct ms_field ms_reclaim_events_fields[];
/* struct ms_latency: inline after a reclaimer's or a shrinker's fields */
extern const struct ms_field ms_latency_fields[];
extern const struct ms_field ms_reclaimer_fields[];
extern const struct ms_field ms_kswapd_fields[];
extern const struct ms_field ms_shrinker_fields[];
extern const struct ms_field ms_oom_fields[];
extern const struct ms_field ms_cg_reclaim_fields[];
/* struct ms_latency of the stalls (reclaim_events.stall): OpenMetrics only */
extern const struct ms_field ms_stall_fields[];
extern const struct ms_field ms_cg_stall_fields[];
/* struct ms_task_delays ("reclaim"."task_delays"), struct ms_task_delay */
extern const struct ms_field ms_task_delays_fields[];
extern const struct ms_field ms_task_delay_fields[];
/* row 2 + k of ms_task_delay_fields is enum ms_delay_kind k */
#define MS_DELAY_ROW 2
/* struct ms_numa_events: keys added to "numa" */
extern const struct ms_field ms_numa_events_fields[];
extern const struct ms_field ms_migrate_reason_fields[];
extern const struct ms_field ms_numa_hint_fields[];

/* ---- attribution (model/attrib.c) ---------------------------------------- */

/* struct ms_attrib: its scalars, then its list "attribution" */
extern const struct ms_field ms_attrib_fields[];
extern const struct ms_field ms_attrib_site_fields[];
extern const struct ms_names ms_attrib_src_names; /* "allocinfo" "bpf" */

#endif
