// SPDX-License-Identifier: GPL-2.0
/*
 * The Slab tab's history graphs: size and growth of the selected cache
 * and the largest ones.
 */
#include "tui/tabs/slab/slab.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define SLAB_TOP (MS_GRAPH_SLAB_SERIES / 2)

static void feed_cache(struct ms_gpanel *p, const struct ms_slab_cache *c)
{
	ms_gpanel_push(p, ms_gval(c->size_bytes), "size/%s", c->name);
	ms_gpanel_push(p, c->bytes_rate, "growth/%s", c->name);
}

void ms_graph_slab_feed(struct ms_gpanel *p, const struct ms_snapshot *s,
			const char *sel, const struct ms_ui *ui)
{
	const struct ms_slab *sl = &s->slab;
	struct ms_gtop top = { .max = SLAB_TOP };

	if (!ms_gpanel_tick(p, s, ui) || !(s->have & MS_SEC_BIT(MS_SEC_SLAB)))
		return;
	for (int i = 0; sel && i < sl->n; i++)
		if (!strcmp(sl->caches[i].name, sel)) {
			feed_cache(p, &sl->caches[i]);
			top.max--;
		}
	for (int i = 0; i < sl->n; i++)
		if ((!sel || strcmp(sl->caches[i].name, sel)) &&
		    ms_have(sl->caches[i].size_bytes))
			ms_gtop_offer(&top, i,
				      (double)sl->caches[i].size_bytes);
	for (int i = 0; i < top.n; i++)
		feed_cache(p, &sl->caches[top.i[i]]);
}

void ms_graph_slab_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
			const char *sel, const struct ms_ui *ui)
{
	struct ms_gline l[2];
	char what[MS_NAME * 4 + 32], name[MS_NAME * 4];
	int n = 0;

	if (!sel)
		return;
	ms_gline_add(l, &n, MS_GF_BYTES, false, "size", "size/%s", sel);
	ms_gline_add(l, &n, MS_GF_BYTE_RATE, true, "growth", "growth/%s", sel);
	snprintf(what, sizeof(what), "%s size and growth",
		 ms_esc(name, sizeof(name), sel));
	ms_gpanel_draw(p, w, r, what, l, n, ui);
}
