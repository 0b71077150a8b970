// SPDX-License-Identifier: GPL-2.0
/*
 * One snapshot as OpenMetrics text (or Prometheus 0.0.4 text) for
 * Prometheus, node_exporter's textfile collector and friends.
 */
#include "out/openmetrics.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/escape.h"
#include "model/field.h"
#include "out/om.h"
#include "out/output.h"

void ms_om_family(struct om *om, const char *name, enum om_type type,
		  const char *unit, const char *help)
{
	*om = (struct om){ .f = om->f,
			   .strict = om->strict,
			   .name = name,
			   .type = type,
			   .unit = unit,
			   .help = help };
}

static void announce(struct om *om)
{
	static const char *const names[] = { "gauge", "counter", "info",
					     "stateset" };
	const char *suffix = "";
	const char *type = names[om->type];

	om->announced = true;
	if (!om->strict) {
		/* 0.0.4 has no info or stateset and names counters whole */
		if (om->type == OM_COUNTER)
			suffix = "_total";
		else if (om->type == OM_INFO)
			suffix = "_info";
		if (om->type != OM_COUNTER)
			type = "gauge";
	}
	fprintf(om->f, "# TYPE %s%s %s\n", om->name, suffix, type);
	if (om->strict && om->unit)
		fprintf(om->f, "# UNIT %s %s\n", om->name, om->unit);
	fprintf(om->f, "# HELP %s%s %s\n", om->name, suffix, om->help);
}

void ms_om_lbl_reset(struct lbl *l)
{
	l->s[0] = '\0';
	l->n = 0;
}

/*
 * key="value": the raw bytes through ms_escape (printable UTF-8, control
 * bytes as \xNN), then the exposition format's own \\, \" and \n.
 */
void ms_om_lbl_str(struct lbl *l, const char *key, const char *raw)
{
	char esc[4 * 256 + 1], out[2 * sizeof(esc)];
	size_t o = 0;

	ms_escape(esc, sizeof(esc), raw, strnlen(raw, 256));
	for (const char *p = esc; *p; p++) {
		if (*p == '\\' || *p == '"' || *p == '\n')
			out[o++] = '\\';
		out[o++] = *p == '\n' ? 'n' : *p;
	}
	out[o] = '\0';
	o = (size_t)snprintf(l->s + l->n, sizeof(l->s) - l->n, "%s%s=\"%s\"",
			     l->n ? "," : "", key, out);
	l->n = l->n + o < sizeof(l->s) ? l->n + o : sizeof(l->s) - 1;
}

void ms_om_lbl_int(struct lbl *l, const char *key, long v)
{
	char b[24];

	snprintf(b, sizeof(b), "%ld", v);
	ms_om_lbl_str(l, key, b);
}

static void head(struct om *om, const struct lbl *l)
{
	if (!om->announced)
		announce(om);
	fprintf(om->f, "%s%s%s%s%s ", om->name,
		om->type == OM_COUNTER ? "_total" :
		om->type == OM_INFO    ? "_info" :
					 "",
		l && l->n ? "{" : "", l && l->n ? l->s : "",
		l && l->n ? "}" : "");
}

/* Values that could not be read have no sample, never a made-up 0. */
void ms_om_put_u(struct om *om, const struct lbl *l, uint64_t v)
{
	if (!ms_have(v))
		return;
	head(om, l);
	fprintf(om->f, "%llu\n", (unsigned long long)v);
}

void ms_om_put_d(struct om *om, const struct lbl *l, double v)
{
	if (!isfinite(v))
		return;
	head(om, l);
	fprintf(om->f, "%.15g\n", v);
}

static uint64_t mul(uint64_t v, uint64_t by)
{
	return ms_have(v) ? v * by : MS_NA;
}

#define WANT(sec) ((sections & MS_SEC_BIT(sec)) && (s->have & MS_SEC_BIT(sec)))

/* ---- memscope itself, meminfo ------------------------------------------ */

static void om_self(struct om *om, const struct ms_snapshot *s)
{
	struct lbl l;

	ms_om_family(om, "memscope", OM_INFO, NULL,
		     "memscope's version and the kernel it read");
	ms_om_lbl_reset(&l);
	ms_om_lbl_str(&l, "version", MS_VERSION);
	if (s->kernel[0])
		ms_om_lbl_str(&l, "kernel", s->kernel);
	ms_om_put_u(om, &l, 1);
	ms_om_family(om, "memscope_source", OM_INFO, NULL,
		     "the backend that fed each section");
	for (int i = 0; i < MS_SEC_COUNT; i++) {
		if (!s->source[i])
			continue;
		ms_om_lbl_reset(&l);
		ms_om_lbl_str(&l, "section", ms_section_name(i));
		ms_om_lbl_str(&l, "backend", s->source[i]);
		ms_om_put_u(om, &l, 1);
	}
	ms_om_family(om, "memscope_sample_timestamp_seconds", OM_GAUGE,
		     "seconds",
		     "when the sample was taken, seconds since the epoch");
	ms_om_put_d(om, NULL, s->t_real);
	ms_om_family(om, "memscope_unavailable", OM_GAUGE, NULL,
		     "things that could not be read (memscope -b says why)");
	ms_om_put_u(om, NULL, (uint64_t)s->nr_notes);
}

static bool is_hugepages(const char *name)
{
	return !strncmp(name, "HugePages_", 10);
}

/* Every kB line of a meminfo list, in bytes (the kernel's own list). */
static void kb_lines(struct om *om, const struct ms_kvlist *kv, int node)
{
	struct lbl l;

	for (int i = 0; i < kv->n; i++) {
		if (is_hugepages(kv->v[i].name))
			continue;
		ms_om_lbl_reset(&l);
		if (node >= 0)
			ms_om_lbl_int(&l, "node", node);
		ms_om_lbl_str(&l, "field", kv->v[i].name);
		ms_om_put_u(om, &l, mul(kv->v[i].value, 1024));
	}
}

static void om_meminfo(struct om *om, const struct ms_snapshot *s)
{
	struct lbl l;

	ms_om_family(om, "memscope_meminfo_bytes", OM_GAUGE, "bytes",
		     "/proc/meminfo, every kB field in bytes");
	kb_lines(om, &s->meminfo, -1);
	ms_om_family(om, "memscope_meminfo_hugepages", OM_GAUGE, NULL,
		     "/proc/meminfo HugePages_* counts");
	for (int i = 0; i < s->meminfo.n; i++) {
		if (!is_hugepages(s->meminfo.v[i].name))
			continue;
		ms_om_lbl_reset(&l);
		ms_om_lbl_str(&l, "field", s->meminfo.v[i].name);
		ms_om_put_u(om, &l, s->meminfo.v[i].value);
	}
}

/* ---- Buddy ---------------------------------------------------------------- */

static void zone_lbl(struct lbl *l, const struct ms_zone *z)
{
	ms_om_lbl_reset(l);
	ms_om_lbl_int(l, "node", z->node);
	ms_om_lbl_str(l, "zone", z->name);
}

/* What a zone has per order: free blocks, the two kernel indices. */
enum zone_order_val { ZO_FREE, ZO_UNUSABLE, ZO_EXTFRAG };

static void per_order(struct om *om, const struct ms_buddy *b,
		      enum zone_order_val what)
{
	struct lbl l;

	for (int i = 0; i < b->nr_zones; i++) {
		const struct ms_zone *z = &b->zones[i];

		for (int o = 0; o < z->nr_orders; o++) {
			zone_lbl(&l, z);
			ms_om_lbl_int(&l, "order", o);
			if (what == ZO_FREE)
				ms_om_put_u(om, &l, z->free_blocks[o]);
			else if (what == ZO_UNUSABLE)
				ms_om_put_d(om, &l, z->unusable[o]);
			else
				ms_om_put_d(om, &l, z->extfrag[o]);
		}
	}
}

static void migratetypes(struct om *om, const struct ms_buddy *b)
{
	struct lbl l;

	ms_om_family(
		om, "memscope_buddy_migratetype_free_blocks", OM_GAUGE, NULL,
		"free blocks per migrate type and order (pagetypeinfo, root)");
	for (int i = 0; i < b->nr_zones; i++) {
		const struct ms_zone *z = &b->zones[i];

		for (int t = 0; z->has_migrate && t < b->nr_migrate; t++)
			for (int o = 0; o < z->nr_orders; o++) {
				zone_lbl(&l, z);
				ms_om_lbl_str(&l, "migratetype", b->migrate[t]);
				ms_om_lbl_int(&l, "order", o);
				ms_om_put_u(om, &l, z->mt_free[t][o]);
			}
	}
}

/* Every u64 field of struct ms_zone with a family (model/fields.c). */
static void zone_values(struct om *om, const struct ms_buddy *b)
{
	const struct ms_field *fl[64];
	int n = ms_fields_flat(ms_zone_fields, fl, 64);
	struct lbl l;

	for (int k = 0; k < n; k++) {
		const struct ms_field *f = fl[k];

		if (!f->metric || f->type != MS_F_U64)
			continue;
		ms_om_family(om, f->metric, OM_GAUGE, f->unit, f->help);
		for (int i = 0; i < b->nr_zones; i++) {
			zone_lbl(&l, &b->zones[i]);
			ms_om_put_u(om, &l,
				    *(const uint64_t *)ms_fptr(f,
							       &b->zones[i]));
		}
	}
}

static void watermarks(struct om *om, const struct ms_buddy *b)
{
	static const char *const marks[] = { "min", "low", "high", "promo" };
	struct lbl l;

	ms_om_family(om, "memscope_zone_watermark_pages", OM_GAUGE, "pages",
		     "zone watermarks min, low, high, promo (zoneinfo)");
	for (int i = 0; i < b->nr_zones; i++) {
		const struct ms_zone *z = &b->zones[i];
		const uint64_t v[] = { z->wmark_min, z->wmark_low,
				       z->wmark_high, z->wmark_promo };

		for (int w = 0; w < 4; w++) {
			zone_lbl(&l, z);
			ms_om_lbl_str(&l, "watermark", marks[w]);
			ms_om_put_u(om, &l, v[w]);
		}
	}
	ms_om_family(
		om, "memscope_zone_watermark_state", OM_STATESET, NULL,
		"the lowest watermark free pages are at or below (ok: above "
		"high)");
	for (int i = 0; i < b->nr_zones; i++) {
		const struct ms_zone *z = &b->zones[i];

		if (z->wstate == MS_WMARK_UNKNOWN)
			continue;
		for (int w = MS_WMARK_OK; w <= MS_WMARK_MIN; w++) {
			zone_lbl(&l, z);
			ms_om_lbl_str(&l, "memscope_zone_watermark_state",
				      ms_name_of(&ms_wmark_names, w));
			ms_om_put_u(om, &l,
				    z->wstate == (enum ms_wmark_state)w);
		}
	}
}

static void om_buddy(struct om *om, const struct ms_buddy *b)
{
	struct lbl l;

	ms_om_family(om, "memscope_buddy_free_blocks", OM_GAUGE, NULL,
		     "free blocks per order (buddyinfo)");
	per_order(om, b, ZO_FREE);
	migratetypes(om, b);
	zone_values(om, b);
	ms_om_family(om, "memscope_buddy_largest_free_order", OM_GAUGE, NULL,
		     "highest order with a free block");
	for (int i = 0; i < b->nr_zones; i++) {
		zone_lbl(&l, &b->zones[i]);
		if (b->zones[i].largest_order >= 0)
			ms_om_put_u(om, &l,
				    (uint64_t)b->zones[i].largest_order);
	}
	ms_om_family(om, "memscope_buddy_fragmentation_ratio", OM_GAUGE,
		     "ratio",
		     "1 - 2^largest_order / free_pages (frag_index / 100)");
	for (int i = 0; i < b->nr_zones; i++) {
		zone_lbl(&l, &b->zones[i]);
		ms_om_put_d(om, &l, b->zones[i].frag_index / 100);
	}
	ms_om_family(om, "memscope_buddy_unusable_index_ratio", OM_GAUGE,
		     "ratio",
		     "share of free memory in blocks smaller than the order "
		     "(mm/vmstat.c unusable_index)");
	per_order(om, b, ZO_UNUSABLE);
	ms_om_family(
		om, "memscope_buddy_extfrag_index", OM_GAUGE, NULL,
		"mm/vmstat.c extfrag_index: -1 a block of the order is free, "
		"near 0 lack of memory, near 1 fragmentation");
	per_order(om, b, ZO_EXTFRAG);
	watermarks(om, b);
}

/* ---- Slab ------------------------------------------------------------------ */

static const struct ms_slab *sort_slab;

static int by_size(const void *a, const void *b)
{
	uint64_t x = sort_slab->caches[*(const int *)a].size_bytes;
	uint64_t y = sort_slab->caches[*(const int *)b].size_bytes;

	x = ms_have(x) ? x : 0;
	y = ms_have(y) ? y : 0;
	if (x != y)
		return x < y ? 1 : -1;
	return *(const int *)a - *(const int *)b;
}

/*
 * Which caches get series of their own: the top biggest, each name once.
 * A cache named "other" and a repeated name go into the "other" sum, so
 * no two series ever share their labels.
 */
static int pick_top(const struct ms_slab *sl, int top, int *idx, bool *own)
{
	int kept = 0;

	for (int i = 0; i < sl->n; i++)
		idx[i] = i;
	sort_slab = sl;
	qsort(idx, (size_t)sl->n, sizeof(*idx), by_size);
	for (int i = 0; i < sl->n; i++) {
		const char *name = sl->caches[idx[i]].name;
		bool ok = kept < top && strcmp(name, "other");

		for (int j = 0; ok && j < i; j++)
			if (own[j] && !strcmp(sl->caches[idx[j]].name, name))
				ok = false;
		own[i] = ok;
		kept += ok;
	}
	return kept;
}

enum slab_val {
	SV_SIZE,
	SV_ACTIVE,
	SV_OBJS,
	SV_OBJSIZE,
	SV_GROWTH,
	SV_ALLOC,
	SV_FREE,
	SV_COUNT
};

static const struct {
	const char *name, *unit, *help;
	bool summed; /* has an "other" series */
} slab_vals[SV_COUNT] = {
	[SV_SIZE] = { "memscope_slab_cache_size_bytes", "bytes",
		      "memory of the cache: num_slabs * pagesperslab * page "
		      "size",
		      true },
	[SV_ACTIVE] = { "memscope_slab_cache_active_objects", NULL,
			"objects in use (slabinfo active_objs)", true },
	[SV_OBJS] = { "memscope_slab_cache_objects", NULL,
		      "objects allocated (slabinfo num_objs)", true },
	[SV_OBJSIZE] = { "memscope_slab_cache_object_size_bytes", "bytes",
			 "size of one object (slabinfo objsize)", false },
	[SV_GROWTH] = { "memscope_slab_cache_growth_bytes_per_second", NULL,
			"growth of the cache's size between the last two "
			"samples",
			true },
	[SV_ALLOC] = { "memscope_slab_cache_allocations_per_second", NULL,
		       "allocations per second (bpf events)", true },
	[SV_FREE] = { "memscope_slab_cache_frees_per_second", NULL,
		      "frees per second (bpf events, or derived from "
		      "slabinfo: memscope_slab_cache_frees_source)",
		      true },
};

/*
 * Where each cache's Free/s comes from (model/slabfree.c), and the bound
 * of its error: a derived or unchecked rate is never a plain number.
 */
static void slab_free_source(struct om *om, const struct ms_slab *sl,
			     const int *idx, const bool *own)
{
	struct lbl l;

	ms_om_family(
		om, "memscope_slab_cache_frees_source", OM_GAUGE, NULL,
		"1 for where the cache's frees per second come from: counted "
		"(bpf events agreeing with slabinfo), derived (allocations - "
		"growth of active objects), unchecked or inconsistent");
	for (int i = 0; i < sl->n; i++) {
		const struct ms_slab_cache *c = &sl->caches[idx[i]];
		const char *src = ms_name_of(&ms_free_src_names, c->free_src);

		if (!own[i] || !src)
			continue;
		ms_om_lbl_reset(&l);
		ms_om_lbl_str(&l, "cache", c->name);
		ms_om_lbl_str(&l, "source", src);
		ms_om_put_d(om, &l, 1);
	}
	ms_om_family(om, "memscope_slab_cache_frees_tolerance_per_second",
		     OM_GAUGE, NULL,
		     "the bound of the error of the cache's frees per second");
	for (int i = 0; i < sl->n; i++) {
		const struct ms_slab_cache *c = &sl->caches[idx[i]];

		if (!own[i])
			continue;
		ms_om_lbl_reset(&l);
		ms_om_lbl_str(&l, "cache", c->name);
		ms_om_put_d(om, &l, c->free_tol);
	}
}

static double slab_val(const struct ms_slab_cache *c, enum slab_val v)
{
	uint64_t u = MS_NA;

	switch (v) {
	case SV_SIZE:
		u = c->size_bytes;
		break;
	case SV_ACTIVE:
		u = c->active_objs;
		break;
	case SV_OBJS:
		u = c->num_objs;
		break;
	case SV_OBJSIZE:
		u = c->objsize;
		break;
	case SV_GROWTH:
		return c->bytes_rate;
	case SV_ALLOC:
		return c->alloc_rate;
	case SV_FREE:
		return c->free_rate;
	default:
		break;
	}
	return ms_have(u) ? (double)u : NAN;
}

static void slab_family(struct om *om, const struct ms_slab *sl,
			enum slab_val v, const int *idx, const bool *own)
{
	double other = 0;
	bool any = false;
	struct lbl l;

	ms_om_family(om, slab_vals[v].name, OM_GAUGE, slab_vals[v].unit,
		     slab_vals[v].help);
	for (int i = 0; i < sl->n; i++) {
		const struct ms_slab_cache *c = &sl->caches[idx[i]];
		double x = slab_val(c, v);

		if (own[i]) {
			ms_om_lbl_reset(&l);
			ms_om_lbl_str(&l, "cache", c->name);
			ms_om_put_d(om, &l, x);
		} else if (isfinite(x)) {
			other += x;
			any = true;
		}
	}
	if (!slab_vals[v].summed || !any)
		return;
	ms_om_lbl_reset(&l);
	ms_om_lbl_str(&l, "cache", "other");
	ms_om_put_d(om, &l, other);
}

static int om_slab(struct om *om, const struct ms_slab *sl, int top)
{
	int *idx = calloc((size_t)sl->n + 1, sizeof(*idx));
	bool *own = calloc((size_t)sl->n + 1, sizeof(*own));
	int kept;

	if (!idx || !own) {
		free(idx);
		free(own);
		return -ENOMEM;
	}
	kept = pick_top(sl, top, idx, own);
	ms_om_family(om, "memscope_slab_caches", OM_GAUGE, NULL,
		     "slab caches listed in slabinfo");
	ms_om_put_u(om, NULL, (uint64_t)sl->n);
	ms_om_family(om, "memscope_slab_other_caches", OM_GAUGE, NULL,
		     "caches summed into the cache=\"other\" series (--top)");
	ms_om_put_u(om, NULL, (uint64_t)(sl->n - kept));
	for (int v = 0; v < SV_COUNT; v++)
		slab_family(om, sl, v, idx, own);
	slab_free_source(om, sl, idx, own);
	free(idx);
	free(own);
	return 0;
}

/* ---- Reclaim ---------------------------------------------------------------- */

static void om_psi(struct om *om, const struct ms_reclaim *r)
{
	const struct ms_psi_line *p[] = { &r->psi_some, &r->psi_full };
	const char *kind[] = { "some", "full" };
	struct lbl l;

	ms_om_family(
		om, "memscope_psi_stall_seconds", OM_COUNTER, "seconds",
		"time tasks stalled on memory (/proc/pressure/memory total)");
	for (int i = 0; i < 2; i++) {
		ms_om_lbl_reset(&l);
		ms_om_lbl_str(&l, "kind", kind[i]);
		if (p[i]->valid && ms_have(p[i]->total))
			ms_om_put_d(om, &l, (double)p[i]->total / 1e6);
	}
	ms_om_family(om, "memscope_psi_pressure_ratio", OM_GAUGE, "ratio",
		     "PSI averages over 10, 60 and 300 s, as a ratio");
	for (int i = 0; i < 2; i++) {
		const double avg[] = { p[i]->avg10, p[i]->avg60, p[i]->avg300 };
		const char *win[] = { "10s", "60s", "300s" };

		for (int w = 0; p[i]->valid && w < 3; w++) {
			ms_om_lbl_reset(&l);
			ms_om_lbl_str(&l, "kind", kind[i]);
			ms_om_lbl_str(&l, "window", win[w]);
			ms_om_put_d(om, &l, avg[w] / 100);
		}
	}
	ms_om_family(om, "memscope_psi_stall_ratio", OM_GAUGE, "ratio",
		     "share of the time between the last two samples stalled");
	for (int i = 0; i < 2; i++) {
		ms_om_lbl_reset(&l);
		ms_om_lbl_str(&l, "kind", kind[i]);
		if (p[i]->valid)
			ms_om_put_d(om, &l, p[i]->total_rate / 1e6);
	}
}

/*
 * /proc/vmstat mixes state (nr_*, gauges) with event counters; these nr_*
 * items count events (node_stat items that only grow, mm/vmstat.c).
 */
static bool vmstat_is_counter(const char *name)
{
	static const char *const nr_counters[] = { "nr_dirtied",
						   "nr_written",
						   "nr_throttled_written",
						   "nr_vmscan_write",
						   "nr_vmscan_immediate_reclaim",
						   "nr_foll_pin_acquired",
						   "nr_foll_pin_released",
						   NULL };

	if (!strcmp(name, "workingset_nodes"))
		return false;
	if (strncmp(name, "nr_", 3))
		return true;
	for (int i = 0; nr_counters[i]; i++)
		if (!strcmp(name, nr_counters[i]))
			return true;
	return false;
}

/* The reclaim counters whose rates the Reclaim tab shows. */
static bool reclaim_rate(const char *name)
{
	static const char *const prefixes[] = { "pgscan_",
						"pgsteal_",
						"allocstall_",
						"compact_",
						"workingset_refault_",
						"pswp",
						"pgmajfault",
						"pgfault",
						"pgrefill",
						"oom_kill",
						"slabs_scanned",
						"kswapd_",
						"pgdemote_",
						"pgpromote_",
						"thp_fault_",
						NULL };

	for (int i = 0; prefixes[i]; i++)
		if (!strncmp(name, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

static void om_vmstat(struct om *om, const struct ms_kvlist *kv)
{
	struct lbl l;

	ms_om_family(om, "memscope_vmstat", OM_GAUGE, NULL,
		     "/proc/vmstat state items (mostly pages; kernel units)");
	for (int i = 0; i < kv->n; i++) {
		if (vmstat_is_counter(kv->v[i].name))
			continue;
		ms_om_lbl_reset(&l);
		ms_om_lbl_str(&l, "item", kv->v[i].name);
		ms_om_put_u(om, &l, kv->v[i].value);
	}
	ms_om_family(om, "memscope_vmstat_events", OM_COUNTER, NULL,
		     "/proc/vmstat event counters");
	for (int i = 0; i < kv->n; i++) {
		if (!vmstat_is_counter(kv->v[i].name))
			continue;
		ms_om_lbl_reset(&l);
		ms_om_lbl_str(&l, "item", kv->v[i].name);
		ms_om_put_u(om, &l, kv->v[i].value);
	}
	ms_om_family(
		om, "memscope_vmstat_events_per_second", OM_GAUGE, NULL,
		"reclaim, compaction and fault counters per second between "
		"the last two samples");
	for (int i = 0; i < kv->n; i++) {
		if (!vmstat_is_counter(kv->v[i].name) ||
		    !reclaim_rate(kv->v[i].name))
			continue;
		ms_om_lbl_reset(&l);
		ms_om_lbl_str(&l, "item", kv->v[i].name);
		ms_om_put_d(om, &l, kv->v[i].rate);
	}
}

static void om_reclaim(struct om *om, const struct ms_reclaim *r)
{
	struct lbl l;

	om_psi(om, r);
	om_vmstat(om, &r->vmstat);
	ms_om_family(om, "memscope_vm_sysctl", OM_GAUGE, NULL,
		     "vm sysctls: min_free_kbytes, watermark_scale_factor, "
		     "swappiness, ...");
	for (int i = 0; i < r->sysctl.n; i++) {
		ms_om_lbl_reset(&l);
		ms_om_lbl_str(&l, "name", r->sysctl.v[i].name);
		ms_om_put_u(om, &l, r->sysctl.v[i].value);
	}
	ms_om_family(om, "memscope_lru_gen_enabled", OM_GAUGE, NULL,
		     "MGLRU /sys/kernel/mm/lru_gen/enabled bitmask");
	ms_om_put_u(om, NULL, r->lru_gen_enabled);
	ms_om_family(om, "memscope_swap_size_bytes", OM_GAUGE, "bytes",
		     "size of each swap device (/proc/swaps)");
	for (int i = 0; i < r->nr_swaps; i++) {
		ms_om_lbl_reset(&l);
		ms_om_lbl_str(&l, "device", r->swaps[i].name);
		ms_om_put_u(om, &l, mul(r->swaps[i].size_kb, 1024));
	}
	ms_om_family(om, "memscope_swap_used_bytes", OM_GAUGE, "bytes",
		     "used space of each swap device (/proc/swaps)");
	for (int i = 0; i < r->nr_swaps; i++) {
		ms_om_lbl_reset(&l);
		ms_om_lbl_str(&l, "device", r->swaps[i].name);
		ms_om_put_u(om, &l, mul(r->swaps[i].used_kb, 1024));
	}
}

/* ---- NUMA ------------------------------------------------------------------- */

/* The kB fields of a node with a family (model/fields.c), in bytes. */
static void node_kb(struct om *om, const struct ms_numa *n)
{
	struct lbl l;

	for (const struct ms_field *f = ms_numa_node_fields; f->key; f++) {
		if (!f->metric)
			continue;
		ms_om_family(om, f->metric, OM_GAUGE, "bytes", f->help);
		for (int i = 0; i < n->n; i++) {
			ms_om_lbl_reset(&l);
			ms_om_lbl_int(&l, "node", n->nodes[i].node);
			ms_om_put_u(
				om, &l,
				mul(*(const uint64_t *)ms_fptr(f, &n->nodes[i]),
				    1024));
		}
	}
}

static void om_numa(struct om *om, const struct ms_numa *n)
{
	struct lbl l;

	node_kb(om, n);
	ms_om_family(om, "memscope_node_meminfo_bytes", OM_GAUGE, "bytes",
		     "per-node meminfo, every kB field in bytes");
	for (int i = 0; i < n->n; i++)
		kb_lines(om, &n->nodes[i].meminfo, n->nodes[i].node);
	ms_om_family(
		om, "memscope_numastat_pages", OM_COUNTER, "pages",
		"per-node numastat: numa_hit, numa_miss, numa_foreign, ...");
	for (int i = 0; i < n->n; i++)
		for (int k = 0; k < n->nodes[i].numastat.n; k++) {
			ms_om_lbl_reset(&l);
			ms_om_lbl_int(&l, "node", n->nodes[i].node);
			ms_om_lbl_str(&l, "item",
				      n->nodes[i].numastat.v[k].name);
			ms_om_put_u(om, &l, n->nodes[i].numastat.v[k].value);
		}
	ms_om_family(om, "memscope_numastat_pages_per_second", OM_GAUGE, NULL,
		     "numastat per second between the last two samples");
	for (int i = 0; i < n->n; i++)
		for (int k = 0; k < n->nodes[i].numastat.n; k++) {
			ms_om_lbl_reset(&l);
			ms_om_lbl_int(&l, "node", n->nodes[i].node);
			ms_om_lbl_str(&l, "item",
				      n->nodes[i].numastat.v[k].name);
			ms_om_put_d(om, &l, n->nodes[i].numastat.v[k].rate);
		}
	ms_om_family(om, "memscope_numa_distance", OM_GAUGE, NULL,
		     "distance from node to node (node_distance)");
	for (int i = 0; i < n->n; i++)
		for (int j = 0; j < n->nodes[i].nr_distance && j < n->n; j++) {
			ms_om_lbl_reset(&l);
			ms_om_lbl_int(&l, "node", n->nodes[i].node);
			ms_om_lbl_int(&l, "to", n->nodes[j].node);
			ms_om_put_u(om, &l, (uint64_t)n->nodes[i].distance[j]);
		}
	ms_om_family(om, "memscope_numa_balancing", OM_GAUGE, NULL,
		     "kernel.numa_balancing");
	ms_om_put_u(om, NULL, n->balancing);
}

int ms_out_openmetrics(FILE *f, const struct ms_snapshot *s,
		       unsigned int sections, const struct ms_om_opts *o)
{
	struct om om = { .f = f, .strict = o->openmetrics };
	int err = 0;

	om_self(&om, s);
	if (WANT(MS_SEC_MEMINFO))
		om_meminfo(&om, s);
	if (WANT(MS_SEC_BUDDY))
		om_buddy(&om, &s->buddy);
	if (WANT(MS_SEC_BUDDY_EVENTS))
		ms_om_buddy_events(&om, &s->buddy_events);
	if (WANT(MS_SEC_SLAB))
		err = om_slab(&om, &s->slab, o->top);
	if (WANT(MS_SEC_FAULT_EVENTS))
		ms_om_fault_events(&om, &s->fault_events);
	if (WANT(MS_SEC_RECLAIM))
		om_reclaim(&om, &s->reclaim);
	if (WANT(MS_SEC_RECLAIM_EVENTS))
		ms_om_reclaim_events(&om, &s->reclaim_events);
	if (WANT(MS_SEC_NUMA))
		om_numa(&om, &s->numa);
	if (WANT(MS_SEC_NUMA_EVENTS))
		ms_om_numa_events(&om, &s->numa_events);
	if (o->openmetrics)
		fputs("# EOF\n", f);
	if (err)
		return err;
	return ferror(f) ? -EIO : 0;
}
