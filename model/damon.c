// SPDX-License-Identifier: GPL-2.0
/*
 * The DAMON area (model/damon.h): its field tables, which the JSON, the
 * replay, the text and OpenMetrics walk, and its entry in the registry.
 */
#include "model/area.h"
#include "model/field.h"

#define NA MS_FF_NA
#define U MS_F_U64

static const struct ms_field region_fields[] = {
	MS_FIELD(struct ms_damon_region, start, U, "start", NA, NULL,
		 "damon.regions"),
	MS_FIELD(struct ms_damon_region, end, U, "end", NA, NULL,
		 "damon.regions"),
	MS_FIELD_END
};

#define MR(m, k) \
	MS_FIELD(struct ms_damon_mregion, m, U, k, 0, NULL, "damon.mon_regions")

static const struct ms_field mregion_fields[] = {
	MR(start, "start"), MR(end, "end"), MR(nr_accesses, "nr_accesses"),
	MR(age, "age"), MS_FIELD_END
};

#define T(m, ty, k, fl, u, ex, ...) \
	MS_FIELD(struct ms_damon_target, m, ty, k, fl, u, ex, __VA_ARGS__)

static const struct ms_field target_fields[] = {
	T(pid, MS_F_INT, "pid_target", NA, NULL, "damon.pid_target"),
	T(nr_regions, MS_F_INT, "nr_regions", NA, NULL, "damon.regions"),
	MS_FIELD_LIST(struct ms_damon_target, v, n, cap, "regions",
		      region_fields),
	MS_FIELD_END
};

#define F(m, k)                                                    \
	MS_FIELD(struct ms_damon_filter, m, MS_F_STR, k, NA, NULL, \
		 "damon.filters")

static const struct ms_field filter_fields[] = { F(dir, "dir"),
						 F(type, "type"),
						 F(matching, "matching"),
						 F(allow, "allow"),
						 F(memcg_path, "memcg_path"),
						 MS_FIELD_END };

#define S(m, ty, k, fl, u, ex, ...) \
	MS_FIELD(struct ms_damon_scheme, m, ty, k, fl, u, ex, __VA_ARGS__)

static const struct ms_field pattern_fields[] = {
	S(sz_min, U, "sz_min", NA, "bytes", "damon.access_pattern"),
	S(sz_max, U, "sz_max", NA, "bytes", "damon.access_pattern"),
	S(nr_acc_min, U, "nr_accesses_min", NA, NULL, "damon.access_pattern"),
	S(nr_acc_max, U, "nr_accesses_max", NA, NULL, "damon.access_pattern"),
	S(age_min, U, "age_min", NA, NULL, "damon.access_pattern"),
	S(age_max, U, "age_max", NA, NULL, "damon.access_pattern"),
	MS_FIELD_END
};

static const struct ms_field quota_fields[] = {
	S(q_ms, U, "ms", NA, "ms", "damon.quotas"),
	S(q_bytes, U, "bytes", NA, "bytes", "damon.quotas"),
	S(q_reset_ms, U, "reset_interval_ms", NA, "ms", "damon.quotas"),
	S(q_effective_bytes, U, "effective_bytes", NA, "bytes", "damon.quotas"),
	S(w_sz, U, "sz_permil", NA, NULL, "damon.quotas"),
	S(w_nr_acc, U, "nr_accesses_permil", NA, NULL, "damon.quotas"),
	S(w_age, U, "age_permil", NA, NULL, "damon.quotas"),
	S(nr_goals, MS_F_INT, "nr_goals", NA, NULL, "damon.quotas"),
	MS_FIELD_END
};

static const struct ms_field wmark_fields[] = {
	S(wm_metric, MS_F_STR, "metric", NA, NULL, "damon.watermarks"),
	S(wm_interval_us, U, "interval_us", NA, "us", "damon.watermarks"),
	S(wm_high, U, "high", NA, NULL, "damon.watermarks"),
	S(wm_mid, U, "mid", NA, NULL, "damon.watermarks"),
	S(wm_low, U, "low", NA, NULL, "damon.watermarks"),
	MS_FIELD_END
};

#define ST(m, k, u, fam, hlp, hd, w, o)                        \
	S(m, U, k, NA, u, "damon.stats", .src = k,             \
	  .metric = "memscope_damon_scheme_" fam, .help = hlp, \
	  .om = MS_OM_COUNTER, .th = hd, .tw = w, .txo = o)

static const struct ms_field stat_fields[] = {
	ST(nr_tried, "nr_tried", NULL, "tried_regions",
	   "Regions a DAMOS scheme was tried on (stats/nr_tried)", "TRIED", 8,
	   4),
	ST(sz_tried, "sz_tried", "bytes", "tried_bytes",
	   "Bytes of the regions a scheme was tried on (stats/sz_tried)",
	   "TRIED_B", 14, 5),
	ST(nr_applied, "nr_applied", NULL, "applied_regions",
	   "Regions a scheme's action was applied to (stats/nr_applied)",
	   "APPLIED", 8, 6),
	ST(sz_applied, "sz_applied", "bytes", "applied_bytes",
	   "Bytes the action was applied to (stats/sz_applied)", "APPLIED_B",
	   14, 7),
	ST(sz_ops_filter_passed, "sz_ops_filter_passed", "bytes",
	   "ops_filter_passed_bytes",
	   "Bytes that passed the operations layer's filters "
	   "(stats/sz_ops_filter_passed, 6.14+)",
	   NULL, 0, 0),
	ST(qt_exceeds, "qt_exceeds", NULL, "quota_exceeds",
	   "Times a scheme's quota was exceeded (stats/qt_exceeds)", "QT_EXC",
	   7, 8),
	S(sz_applied_per_s, MS_F_DBL, "sz_applied_per_s", MS_FF_RATE | NA,
	  "bytes/s", "damon.stats_rate", .th = "APPLIED_B/S", .tw = 12, .tp = 0,
	  .txo = 9),
	S(sz_tried_per_s, MS_F_DBL, "sz_tried_per_s", MS_FF_RATE | NA,
	  "bytes/s", "damon.stats_rate"),
	MS_FIELD_END
};

const struct ms_field ms_damon_scheme_fields[] = {
	S(action, MS_F_STR, "action", NA, NULL, "damon.action", .th = "ACTION",
	  .tw = -12, .txo = 1),
	MS_FIELD_OBJ("access_pattern", pattern_fields,
		     .explain = "damon.access_pattern"),
	S(apply_interval_us, U, "apply_interval_us", NA, "us",
	  "damon.apply_interval"),
	S(target_nid, MS_F_INT, "target_nid", NA, NULL, "damon.target_nid"),
	MS_FIELD_OBJ("quotas", quota_fields, .explain = "damon.quotas"),
	MS_FIELD_OBJ("watermarks", wmark_fields, .explain = "damon.watermarks"),
	MS_FIELD_LIST(struct ms_damon_scheme, v, n, cap, "filters",
		      filter_fields, .explain = "damon.filters"),
	MS_FIELD_OBJ("stats", stat_fields, .explain = "damon.stats"),
	MS_FIELD_END
};

#define K(m, ty, k, fl, u, ex, ...) \
	MS_FIELD(struct ms_kdamond, m, ty, k, fl, u, ex, __VA_ARGS__)

static const struct ms_field attr_fields[] = {
	K(sample_us, U, "sample_us", NA, "us", "damon.intervals"),
	K(aggr_us, U, "aggr_us", NA, "us", "damon.intervals"),
	K(update_us, U, "update_us", NA, "us", "damon.intervals"),
	K(nr_regions_min, U, "nr_regions_min", NA, NULL, "damon.nr_regions"),
	K(nr_regions_max, U, "nr_regions_max", NA, NULL, "damon.nr_regions"),
	MS_FIELD_END
};

const struct ms_field ms_kdamond_fields[] = {
	K(id, MS_F_INT, "id", 0, NULL, "damon.kdamond", .th = "KDAMOND",
	  .tw = 7, .txo = 1),
	K(state, MS_F_STR, "state", NA, NULL, "damon.state", .th = "STATE",
	  .tw = -5, .txo = 2),
	K(pid, MS_F_INT, "pid", NA, NULL, "damon.pid", .th = "PID", .tw = 7,
	  .txo = 3),
	K(refresh_ms, U, "refresh_ms", NA, "ms", "damon.refresh_ms",
	  .th = "REFRESH_MS", .tw = 10, .txo = 9),
	K(nr_contexts, MS_F_INT, "nr_contexts", NA, NULL, "damon.contexts"),
	K(operations, MS_F_STR, "operations", NA, NULL, "damon.operations",
	  .th = "OPS", .tw = -6, .txo = 4),
	K(avail, MS_F_STR, "avail_operations", NA, NULL, "damon.operations"),
	K(addr_unit, U, "addr_unit", NA, NULL, "damon.addr_unit"),
	MS_FIELD_OBJ("attrs", attr_fields, .explain = "damon.intervals"),
	MS_FIELD_LIST(struct ms_kdamond, targets, nr_targets, cap_targets,
		      "targets", target_fields, .explain = "damon.targets"),
	MS_FIELD_LIST(struct ms_kdamond, schemes, nr_schemes, cap_schemes,
		      "schemes", ms_damon_scheme_fields,
		      .explain = "damon.schemes"),
	MS_FIELD_END
};

const struct ms_field ms_damon_fields[] = {
	MS_FIELD(struct ms_damon, nr_kdamonds, MS_F_INT, "nr_kdamonds", NA,
		 NULL, "damon.nr_kdamonds", .th = "nr_kdamonds",
		 .metric = "memscope_damon_kdamonds",
		 .help = "kdamonds of DAMON's sysfs interface "
			 "(kdamonds/nr_kdamonds)"),
	MS_FIELD(struct ms_damon, cut, MS_F_BOOL, "cut", 0, NULL, "damon.cut"),
	MS_FIELD_LIST(struct ms_damon, v, n, cap, "kdamonds",
		      ms_kdamond_fields),
	MS_FIELD(struct ms_damon, target, MS_F_STR, "target", NA, NULL,
		 "damon.target"),
	MS_FIELD(struct ms_damon, wss_kb, U, "wss_kb", NA, "kB", "damon.wss"),
	MS_FIELD_LIST(struct ms_damon, regions, nr_regions, cap_regions,
		      "regions", mregion_fields,
		      .explain = "damon.mon_regions"),
	MS_FIELD_END
};

const struct ms_area ms_area_damon = {
	/* batch --tab damon; the explorer shows it from Reclaim and Memory */
	.name = "damon",
	.batch_only = true,
	.tab = MS_SEC_BIT(MS_SEC_DAMON),
	.secs =
		(const struct ms_area_sec[]){
			{ .sec = MS_SEC_DAMON,
			  .name = "damon",
			  .notes = (const char *const[]){ "damon_sysfs",
							  "damon_mon", NULL } },
			{ .sec = -1 } },
	.parts = (const struct ms_part[]){ { .key = "damon",
					     .secs = MS_SEC_BIT(MS_SEC_DAMON),
					     .pass = MS_PASS_CORE,
					     .fields = ms_damon_fields,
					     .off = offsetof(struct ms_snapshot,
							     damon),
					     .title = "DAMON" },
					   { .key = NULL } },
	.tables =
		(const struct ms_rtable[]){
			MS_RTABLE("damon", ms_damon_fields, struct ms_damon),
			MS_RTABLE("kdamond", ms_kdamond_fields,
				  struct ms_kdamond),
			MS_RTABLE("damon_target", target_fields,
				  struct ms_damon_target),
			MS_RTABLE("damon_region", region_fields,
				  struct ms_damon_region),
			MS_RTABLE("damon_scheme", ms_damon_scheme_fields,
				  struct ms_damon_scheme),
			MS_RTABLE("damon_filter", filter_fields,
				  struct ms_damon_filter),
			MS_RTABLE("damon_mregion", mregion_fields,
				  struct ms_damon_mregion),
			{ NULL, NULL, 0 } },
};
