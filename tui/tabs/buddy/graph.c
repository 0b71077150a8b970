// SPDX-License-Identifier: GPL-2.0
/*
 * The Buddy tab's history graphs: free blocks per order and the
 * indices of every zone, drawn for the selected one.
 */
#include "tui/tabs/buddy/buddy.h"

#include <math.h>
#include <stdio.h>

static int zone_series(const struct ms_zone *z)
{
	return 1 + (z->nr_orders < MS_MAX_ORDER ? z->nr_orders : MS_MAX_ORDER);
}

static void feed_zone(struct ms_gpanel *p, const struct ms_snapshot *s,
		      const struct ms_zone *z)
{
	int o = ms_buddy_frag_order(s, z);

	ms_gpanel_push(p, o >= 0 ? 100 * z->unusable[o] : NAN, "%d/%s/unusable",
		       z->node, z->name);
	for (o = 0; o < z->nr_orders && o < MS_MAX_ORDER; o++)
		ms_gpanel_push(p, ms_gval(z->free_blocks[o]), "%d/%s/o%d",
			       z->node, z->name, o);
}

void ms_graph_buddy_feed(struct ms_gpanel *p, const struct ms_snapshot *s,
			 const struct ms_zone *sel, const struct ms_ui *ui)
{
	int used = 0;

	if (!ms_gpanel_tick(p, s, ui) || !(s->have & MS_SEC_BIT(MS_SEC_BUDDY)))
		return;
	/* the selected zone first; the others as long as all of them fit */
	if (sel) {
		feed_zone(p, s, sel);
		used = zone_series(sel);
	}
	for (int i = 0; i < s->buddy.nr_zones; i++) {
		const struct ms_zone *z = &s->buddy.zones[i];

		if (z == sel || used + zone_series(z) > p->hist.max)
			continue;
		feed_zone(p, s, z);
		used += zone_series(z);
	}
}

void ms_graph_buddy_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
			 const struct ms_snapshot *s, const struct ms_zone *sel,
			 const struct ms_ui *ui)
{
	struct ms_gline l[MS_GLINES];
	char what[96], name[40], label[24];
	int n = 0, o;

	if (!sel)
		return;
	/* the zone table's Unus column; the chapter's index is no measure of
	 * fragmentation when several blocks of the largest order are free */
	o = ms_buddy_frag_order(s, sel);
	if (o >= 0)
		snprintf(label, sizeof(label), "unusable@%d", o);
	else
		snprintf(label, sizeof(label), "unusable");
	ms_gline_add(l, &n, MS_GF_PCT, false, label, "%d/%s/unusable",
		     sel->node, sel->name);
	for (o = 0; o < sel->nr_orders && o < MS_MAX_ORDER; o++) {
		snprintf(label, sizeof(label), "order %d", o);
		ms_gline_add(l, &n, MS_GF_COUNT, false, label, "%d/%s/o%d",
			     sel->node, sel->name, o);
	}
	snprintf(what, sizeof(what),
		 "node %d %s fragmentation and free blocks per order",
		 sel->node, ms_esc(name, sizeof(name), sel->name));
	ms_gpanel_draw(p, w, r, what, l, n, ui);
}
