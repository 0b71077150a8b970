// SPDX-License-Identifier: GPL-2.0
/*
 * The NUMA tab's live section: pages migrated by reason, NUMA hinting
 * faults per node, tasks moved between nodes (probes/bpf).
 */
#include "tui/tabs/numa/numa.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Explain ids of the tables' columns, their widths in the header. */
static const char *const mig_ids[] = { MS_LIVE_MIG_IDS, NULL };
static const int mig_w[] = { 20, 9, 11, 9, 9 };
static const char *const hint_ids[] = { MS_LIVE_HINT_IDS, NULL };
static const int hint_w[] = { 6, 10, 10, 8, 11 };

/* The next line (a note) stands for every column of a table. */
static void tag_all(struct ms_screen *p, const char *const *ids)
{
	for (; *ids; ids++)
		ms_screen_tag(p, *ids);
}

static void migrations(struct ms_screen *p, const struct ms_numa_events *e)
{
	char ok[16], bad[16], r[16], nok[24], nbad[24], c[3][24];
	int shown = 0;

	ms_screen_tag(p, "numa.mig.pages");
	ms_screen_linef(
		p, 0,
		"  pages migrated %s/s, failed %s/s (%s and %s since attach)",
		ms_fmt_events(ok, sizeof(ok), e->succeeded_rate, 6),
		ms_fmt_events(bad, sizeof(bad), e->failed_rate, 6),
		/* unknown (a recording without them) is "-", never 2^64-1 */
		ms_fmt_u64(nok, sizeof(nok), e->succeeded),
		ms_fmt_u64(nbad, sizeof(nbad), e->failed));
	ms_screen_tag_cols(p, 2, mig_ids, mig_w);
	ms_screen_linef(p, ms_attr(MS_C_COLUMN_HEADER),
			"  %-20s %9s %11s %9s %9s", "reason", "calls",
			"pages moved", "failed", "pages/s");
	for (int i = 0; i < e->nr_reasons; i++) {
		const struct ms_migrate_reason *m = &e->reason[i];

		if (!m->calls)
			continue;
		shown++;
		ms_screen_linef(p, 0, "  %-20.20s %9s %11s %9s %9s", m->name,
				ms_fmt_u64(c[0], sizeof(c[0]), m->calls),
				ms_fmt_u64(c[1], sizeof(c[1]), m->succeeded),
				ms_fmt_u64(c[2], sizeof(c[2]), m->failed),
				ms_fmt_events(r, sizeof(r), m->succeeded_rate,
					      8));
	}
	if (!shown)
		ms_screen_linef(
			p, ms_attr(MS_C_DIM),
			"  no migrations since attach (compaction, mbind, "
			"NUMA balancing, demotion...)");
}

static void hints(struct ms_screen *p, const struct ms_snapshot *s)
{
	const struct ms_numa_events *e = &s->numa_events;
	char why[200], f[16], pg[16], m[16], loc[16];

	if (!(e->fields & MS_NE_HINT)) {
		tag_all(p, hint_ids);
		ms_screen_linef(
			p, ms_attr(MS_C_NOTE),
			"  hinting faults per node: unavailable (fentry "
			"task_numa_fault: %s); vmstat's totals are below",
			ms_live_why(why, sizeof(why), s, MS_SEC_NUMA_EVENTS,
				    "ms_numafault") ?
				why :
				"not loaded");
		return;
	}
	ms_screen_tag_cols(p, 2, hint_ids, hint_w);
	ms_screen_linef(p, ms_attr(MS_C_COLUMN_HEADER),
			"  %-6s %10s %10s %8s %11s", "node", "faults/s",
			"pages/s", "local", "migrated/s");
	for (int i = 0; i < e->nr_nodes; i++) {
		const struct ms_numa_hint *h = &e->node[i];

		ms_screen_linef(p, 0, "  N%-5d %10s %10s %8s %11s", h->node,
				ms_fmt_events(f, sizeof(f), h->faults_rate, 9),
				ms_fmt_events(pg, sizeof(pg), h->pages_rate, 9),
				ms_fmt_pct(loc, sizeof(loc),
					   h->pages ? 100.0 * (double)h->local /
							      (double)h->pages :
						      NAN),
				ms_fmt_events(m, sizeof(m), h->migrated_rate,
					      10));
	}
}

void ms_live_numa_screen(struct ms_screen *p, const struct ms_snapshot *s,
			 const struct ms_ui *ui)
{
	const struct ms_numa_events *e = &s->numa_events;
	char title[96], why[200], a[16], b[16];

	ms_screen_title(p,
			ms_live_title(title, sizeof(title),
				      "Migrations and hinting faults", s,
				      MS_SEC_NUMA_EVENTS),
			ui);
	if (!(s->have & MS_SEC_BIT(MS_SEC_NUMA_EVENTS))) {
		ms_screen_tag(p, "numa.mig.pages");
		tag_all(p, mig_ids);
		tag_all(p, hint_ids);
		ms_screen_tag(p, "numa.mig.tasks");
		ms_screen_linef(p, ms_attr(MS_C_NOTE), "  %s",
				ms_live_why(why, sizeof(why), s,
					    MS_SEC_NUMA_EVENTS, NULL) ?
					why :
					"not in this sample");
		return;
	}
	if (e->fields & MS_NE_MIGRATE) {
		migrations(p, e);
	} else {
		ms_screen_tag(p, "numa.mig.pages");
		tag_all(p, mig_ids);
		ms_screen_linef(p, ms_attr(MS_C_NOTE), "  migrations: %s",
				ms_live_why(why, sizeof(why), s,
					    MS_SEC_NUMA_EVENTS, "ms_migrate") ?
					why :
					"not counted");
	}
	hints(p, s);
	if (e->fields & MS_NE_TASK)
		ms_screen_tag(p, "numa.mig.tasks");
	if (e->fields & MS_NE_TASK)
		ms_screen_linef(
			p, 0,
			"  tasks moved to another node %s/s, swapped %s/s",
			ms_fmt_events(a, sizeof(a), e->task_moves_rate, 6),
			ms_fmt_events(b, sizeof(b), e->task_swaps_rate, 6));
}
