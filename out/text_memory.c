// SPDX-License-Identifier: GPL-2.0
/*
 * The Memory area's text block: the ledger as an indented tree, each
 * bucket in kB and % of the physical memory, with its source; the
 * machine's, then each node's.
 */
#include "out/text.h"

#include <string.h>

static void row(FILE *f, const struct ms_ledger_entry *e, int d,
		uint64_t physical)
{
	char n[4 * MS_LEDGER_NAME + 1], src[4 * MS_LEDGER_SRC + 1], kb[32],
		pc[32];
	double pct = ms_have(e->kb) && ms_have(physical) && physical ?
			     100.0 * (double)e->kb / (double)physical :
			     NAN;

	esc(e->name, n, sizeof(n));
	fprintf(f, "  %*s%-*s %12s %6s%%  %s\n", 2 * d, "", 32 - 2 * d, n,
		num(e->kb, kb, sizeof(kb)), fnum(pct, 1, pc, sizeof(pc)),
		esc(e->source, src, sizeof(src)));
}

/*
 * The buckets under parent, each followed by its own children and its
 * "of which" figures (of: "of which dirty"); depth bounded: a recording
 * could hold a loop.
 */
static void tree(FILE *f, const struct ms_ledger *l, const struct ms_ledger *of,
		 const char *parent, int d, uint64_t physical)
{
	for (int i = 0; i < l->n && d < 8; i++) {
		const struct ms_ledger_entry *e = &l->v[i];

		if (strncmp(e->parent, parent, sizeof(e->parent)))
			continue;
		row(f, e, d, physical);
		if (!e->name[0])
			continue;
		tree(f, l, of, e->name, d + 1, physical);
		for (int k = 0; k < of->n; k++) {
			struct ms_ledger_entry w = of->v[k];

			if (strncmp(w.parent, e->name, sizeof(w.parent)))
				continue;
			snprintf(w.name, sizeof(w.name), "of which %.30s",
				 ms_ledger_of_label(&of->v[k]));
			row(f, &w, d + 1, physical);
		}
	}
}

void ms_text_memory(FILE *f, const struct ms_memory *m)
{
	char a[32], b[32], t[4 * 32 + 1];

	fprintf(f,
		"\nMemory ledger (kB, %% of physical %s kB; MemTotal %s kB)\n",
		num(m->physical_kb, a, sizeof(a)),
		num(m->total_kb, b, sizeof(b)));
	tree(f, &m->ledger, &m->of_which, "", 0, m->physical_kb);
	if (ms_have(m->holes_kb) || m->firmware.n) {
		fprintf(f, "Outside it: zone holes %s kB",
			num(m->holes_kb, a, sizeof(a)));
		for (int i = 0; i < m->firmware.n; i++)
			fprintf(f, "%s%s %s kB", i ? ", " : "; firmware: ",
				esc(m->firmware.v[i].type, t, sizeof(t)),
				num(m->firmware.v[i].kb, b, sizeof(b)));
		fputc('\n', f);
	}
	for (int i = 0; i < m->nodes.n; i++) {
		const struct ms_mem_node *nd = &m->nodes.v[i];

		fprintf(f, "Node %d (physical %s kB; MemTotal %s kB)\n",
			nd->node, num(nd->physical_kb, a, sizeof(a)),
			num(nd->total_kb, b, sizeof(b)));
		tree(f, &nd->ledger, &nd->of_which, "", 0, nd->physical_kb);
	}
}
