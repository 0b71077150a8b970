// SPDX-License-Identifier: GPL-2.0
/*
 * The DAMON area's text and OpenMetrics: the kdamonds from the field
 * table, then each kdamond's schemes (a list inside a list, which the
 * generic writers do not walk), labelled kdamond, scheme and action.
 */
#include "out/om.h"
#include "out/text.h"

#include "model/area.h"
#include "model/field.h"

#include <string.h>

static void text_kd(FILE *f, const struct ms_kdamond *k)
{
	char b[5][24], ops[64];

	fprintf(f,
		"kdamond %d: %s, sample %s us, aggr %s us, update %s us, "
		"%s..%s regions, %d target(s)",
		k->id,
		esc(k->operations[0] ? k->operations : "-", ops, sizeof(ops)),
		num(k->sample_us, b[0], sizeof(b[0])),
		num(k->aggr_us, b[1], sizeof(b[1])),
		num(k->update_us, b[2], sizeof(b[2])),
		num(k->nr_regions_min, b[3], sizeof(b[3])),
		num(k->nr_regions_max, b[4], sizeof(b[4])), k->nr_targets);
	for (int i = 0; i < k->nr_targets; i++)
		fprintf(f, "%s pid %d %d region(s)", i ? "," : ":",
			k->targets[i].pid, k->targets[i].nr_regions);
	fputc('\n', f);
	if (!k->nr_schemes)
		return;
	ms_text_head(f, ms_damon_scheme_fields);
	for (int i = 0; i < k->nr_schemes; i++)
		ms_text_row(f, ms_damon_scheme_fields, &k->schemes[i]);
}

/* memscope's own monitoring (--damon): its regions, address order */
static void text_mon(FILE *f, const struct ms_damon *d)
{
	char t[4 * sizeof(d->target)];

	fprintf(f, "monitoring %s: working set %llu kB, %d region(s)\n",
		esc(d->target, t, sizeof(t)), (unsigned long long)d->wss_kb,
		d->nr_regions);
	fprintf(f, "%-18s %-18s %11s %8s\n", "START", "END", "NR_ACCESSES",
		"AGE");
	for (int i = 0; i < d->nr_regions; i++) {
		const struct ms_damon_mregion *g = &d->regions[i];

		fprintf(f, "%#-18llx %#-18llx %11llu %8llu\n",
			(unsigned long long)g->start,
			(unsigned long long)g->end,
			(unsigned long long)g->nr_accesses,
			(unsigned long long)g->age);
	}
}

void ms_text_damon(FILE *f, const struct ms_snapshot *s)
{
	const struct ms_part *p = ms_area_damon.parts;

	ms_text_part(f, p, &s->damon);
	for (int i = 0; i < s->damon.n; i++)
		text_kd(f, &s->damon.v[i]);
	if (s->damon.target[0])
		text_mon(f, &s->damon);
}

void ms_om_damon(struct om *om, const struct ms_damon *d)
{
	const struct ms_field *fl[32];
	int n = ms_om_fields(ms_damon_scheme_fields, fl, 32);
	struct lbl l;

	ms_om_family(om, "memscope_damon_kdamonds", OM_GAUGE, NULL,
		     "kdamonds of DAMON's sysfs interface "
		     "(kdamonds/nr_kdamonds)");
	if (d->nr_kdamonds >= 0)
		ms_om_put_u(om, NULL, (uint64_t)d->nr_kdamonds);
	ms_om_family(om, "memscope_damon_kdamond_running", OM_GAUGE, NULL,
		     "1 when the kdamond's state is on");
	for (int i = 0; i < d->n; i++) {
		ms_om_lbl_reset(&l);
		ms_om_lbl_int(&l, "kdamond", d->v[i].id);
		ms_om_lbl_str(&l, "operations", d->v[i].operations);
		ms_om_put_u(om, &l, !strcmp(d->v[i].state, "on"));
	}
	for (int j = 0; j < n; j++) {
		if (j == 0 || fl[j]->metric != fl[j - 1]->metric)
			ms_om_start(om, fl[j]);
		for (int i = 0; i < d->n; i++)
			for (int c = 0; c < d->v[i].nr_schemes; c++) {
				const struct ms_damon_scheme *sc =
					&d->v[i].schemes[c];

				ms_om_lbl_reset(&l);
				ms_om_lbl_int(&l, "kdamond", d->v[i].id);
				ms_om_lbl_int(&l, "scheme", c);
				ms_om_lbl_str(&l, "action", sc->action);
				ms_om_put_field(om, &l, fl[j], sc, 0);
			}
	}
}
