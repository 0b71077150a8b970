// SPDX-License-Identifier: GPL-2.0
/*
 * The Reclaim tab's history graphs: PSI memory some/full, pgscan and
 * pgsteal rates.
 */
#include "tui/tabs/reclaim/reclaim.h"

#include <math.h>
#include <stdio.h>

static double psi(const struct ms_psi_line *l)
{
	return l->valid ? l->avg10 : NAN;
}

static const enum ms_vmsum vm_keys[] = {
	MS_VMSUM_PGSCAN_KSWAPD,
	MS_VMSUM_PGSCAN_DIRECT,
	MS_VMSUM_PGSTEAL_KSWAPD,
	MS_VMSUM_PGSTEAL_DIRECT,
};
static const char *const vm_labels[] = {
	"scan kswapd",
	"scan direct",
	"steal kswapd",
	"steal direct",
};
#define NVM (int)(sizeof(vm_keys) / sizeof(vm_keys[0]))

void ms_graph_reclaim_feed(struct ms_gpanel *p, const struct ms_snapshot *s,
			   const struct ms_ui *ui)
{
	bool have = ms_have_sec(s, MS_SEC_RECLAIM);

	if (!ms_gpanel_tick(p, s, ui))
		return;
	ms_gpanel_push(p, have ? psi(&s->reclaim.psi_some) : NAN, "psi/some");
	ms_gpanel_push(p, have ? psi(&s->reclaim.psi_full) : NAN, "psi/full");
	for (int i = 0; i < NVM; i++)
		ms_gpanel_push(p, have ? s->reclaim.sum[vm_keys[i]].rate : NAN,
			       "%s", ms_vmsum_keys[vm_keys[i]]);
}

void ms_graph_reclaim_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
			   const struct ms_ui *ui)
{
	struct ms_gline l[2 + NVM];
	int n = 0;

	ms_gline_add(l, &n, MS_GF_PCT, true, "PSI some", "psi/some");
	ms_gline_add(l, &n, MS_GF_PCT, true, "PSI full", "psi/full");
	for (int i = 0; i < NVM; i++)
		ms_gline_add(l, &n, MS_GF_RATE, true, vm_labels[i], "%s",
			     ms_vmsum_keys[vm_keys[i]]);
	ms_gpanel_draw(p, w, r,
		       "memory pressure (PSI avg10) and pages scanned, "
		       "stolen per second",
		       l, n, ui);
}
