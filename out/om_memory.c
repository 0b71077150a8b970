// SPDX-License-Identifier: GPL-2.0
/*
 * The Memory area's OpenMetrics family: memscope_memory_bytes, one sample
 * per ledger bucket (bucket="name", parent="name" below the top), the
 * machine's then each node's (node="N").
 */
#include "out/om.h"

#include "model/field.h"

/* The ledger's kb row: the family's name, unit and help. */
static const struct ms_field *kb_field(void)
{
	for (const struct ms_field *f = ms_ledger_entry_fields; f->key; f++)
		if (f->metric)
			return f;
	return NULL;
}

static void ledger(struct om *om, const struct ms_field *kb,
		   const struct ms_ledger *l, int node)
{
	struct lbl lb;

	for (int i = 0; i < l->n; i++) {
		const struct ms_ledger_entry *e = &l->v[i];

		ms_om_lbl_reset(&lb);
		if (node >= 0)
			ms_om_lbl_int(&lb, "node", node);
		ms_om_lbl_str(&lb, "bucket", e->name);
		if (e->parent[0])
			ms_om_lbl_str(&lb, "parent", e->parent);
		ms_om_put_field(om, &lb, kb, e, 0);
	}
}

void ms_om_memory(struct om *om, const struct ms_memory *m)
{
	const struct ms_field *kb = kb_field();

	if (!m->ledger.n)
		return;
	ms_om_start(om, kb);
	ledger(om, kb, &m->ledger, -1);
	for (int i = 0; i < m->nodes.n; i++)
		ledger(om, kb, &m->nodes.v[i].ledger, m->nodes.v[i].node);
}
