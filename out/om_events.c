// SPDX-License-Identifier: GPL-2.0
/*
 * The OpenMetrics families of the live event sections (probes/bpf): rates
 * over the interval; the families a field table names take their name and
 * HELP from it (model/event_fields.c).
 */
#include "out/om.h"

#include <stdlib.h>
#include <string.h>

#include "model/field.h"

/*
 * The family a field table names at key (its rows flat: nested objects
 * searched too), started from the table (ms_om_start()).
 */
static const struct ms_field *
table_family(struct om *om, const struct ms_field *t, const char *key)
{
	const struct ms_field *fl[64];
	int n = ms_fields_flat(t, fl, 64);

	for (int i = 0; i < n; i++) {
		if (strcmp(fl[i]->key, key) || !fl[i]->metric)
			continue;
		ms_om_start(om, fl[i]);
		return fl[i];
	}
	abort(); /* a key without its family: the table and this disagree */
}

/* A per-order rate vector of the buddy events, labelled by order. */
static void per_order_rate(struct om *om, const struct ms_buddy_events *e,
			   const char *key)
{
	const struct ms_field *f =
		table_family(om, ms_buddy_events_fields, key);
	const double *v = ms_fptr(f, e);
	struct lbl l;

	for (int o = 0; o < e->nr_orders; o++) {
		ms_om_lbl_reset(&l);
		ms_om_lbl_int(&l, "order", o);
		ms_om_put_d(om, &l, v[o]);
	}
}

void ms_om_buddy_events(struct om *om, const struct ms_buddy_events *e)
{
	if (e->fields & MS_BE_ALLOC) {
		per_order_rate(om, e, "alloc_rate_per_order");
		per_order_rate(om, e, "alloc_fail_rate_per_order");
	}
	if (e->fields & MS_BE_FREE)
		per_order_rate(om, e, "free_rate_per_order");
	if (e->fields & MS_BE_COMPACT)
		ms_om_put_d(om, NULL,
			    *(const double *)ms_fptr(
				    table_family(om, ms_buddy_events_fields,
						 "per_s"),
				    e));
}

void ms_om_fault_events(struct om *om, const struct ms_fault_events *e)
{
	struct lbl l;

	ms_om_family(om, "memscope_bpf_page_faults_per_second", OM_GAUGE, NULL,
		     "page faults of every process per second, by kind");
	/* the faults by kind; the mmap_lock counts have families of theirs */
	for (int k = 0; k < MS_FC_LOCK_WAITS; k++) {
		const struct ms_field *r = &ms_fault_rate_fields[k];

		if ((e->fields & r->need) != r->need)
			continue;
		ms_om_lbl_reset(&l);
		ms_om_lbl_str(&l, "kind", r->key);
		ms_om_put_d(om, &l, e->total.rate[k]);
	}
	ms_om_family(om, "memscope_bpf_mmap_lock_wait_ratio", OM_GAUGE, "ratio",
		     "time spent waiting for mmap_lock per second, all tasks");
	if (e->fields & MS_FE_LOCK)
		ms_om_put_d(om, NULL, e->total.rate[MS_FC_LOCK_NS] / 1e9);
}

void ms_om_reclaim_events(struct om *om, const struct ms_reclaim_events *e)
{
	const unsigned int both = MS_RE_DIRECT | MS_RE_MEMCG;
	bool stall = (e->fields & both) == both;
	int nr_kswapd = e->fields & MS_RE_KSWAPD ? e->nr_kswapd : 0;
	struct lbl l;

	ms_om_family(om, "memscope_bpf_direct_reclaim_stalls_per_second",
		     OM_GAUGE, NULL,
		     "tasks entering direct or memcg reclaim per second");
	if (stall)
		ms_om_put_d(om, NULL, e->stall.rate);
	ms_om_family(om, "memscope_bpf_direct_reclaim_stall_ratio", OM_GAUGE,
		     "ratio", "time tasks spent in direct reclaim per second");
	if (stall)
		ms_om_put_d(om, NULL, e->stall.ns_rate / 1e9);
	/* per node, from the kswapd table's families */
	for (int k = 0; k < 2; k++) {
		const struct ms_field *f =
			table_family(om, ms_kswapd_fields,
				     k ? "awake_share" : "wakes_per_s");

		for (int i = 0; i < nr_kswapd; i++) {
			ms_om_lbl_reset(&l);
			ms_om_lbl_int(&l, "node", e->kswapd[i].node);
			ms_om_put_d(om, &l,
				    *(const double *)ms_fptr(f, &e->kswapd[i]));
		}
	}
	table_family(om, ms_reclaim_events_fields, "per_s");
	if (e->fields & MS_RE_WRITE)
		ms_om_put_d(om, NULL, e->write_rate);
}

void ms_om_numa_events(struct om *om, const struct ms_numa_events *e)
{
	struct lbl l;

	ms_om_family(
		om, "memscope_bpf_migrated_pages_per_second", OM_GAUGE, NULL,
		"pages migrated per second by result (migrate:mm_migrate_pages)");
	if (e->fields & MS_NE_MIGRATE) {
		ms_om_lbl_reset(&l);
		ms_om_lbl_str(&l, "result", "succeeded");
		ms_om_put_d(om, &l, e->succeeded_rate);
		ms_om_lbl_reset(&l);
		ms_om_lbl_str(&l, "result", "failed");
		ms_om_put_d(om, &l, e->failed_rate);
	}
	table_family(om, ms_numa_hint_fields, "per_s");
	if (e->fields & MS_NE_HINT)
		ms_om_put_d(om, NULL, e->hint.faults_rate);
}
