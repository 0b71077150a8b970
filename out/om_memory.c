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

/* Outside the ledger: the zones' holes, the firmware's map by type. */
static void firmware(struct om *om, const struct ms_memory *m)
{
	struct lbl lb;

	ms_om_family(
		om, "memscope_memory_holes_bytes", OM_GAUGE, "bytes",
		"Zone holes: spanned - present pages (no RAM behind them)");
	ms_om_put_u(om, NULL, ms_om_mul(m->holes_kb, 1024));
	if (!m->firmware.n)
		return;
	ms_om_family(om, "memscope_memory_firmware_bytes", OM_GAUGE, "bytes",
		     "The firmware's memory map (/sys/firmware/memmap) by "
		     "type");
	for (int i = 0; i < m->firmware.n; i++) {
		ms_om_lbl_reset(&lb);
		ms_om_lbl_str(&lb, "type", m->firmware.v[i].type);
		ms_om_put_u(om, &lb, ms_om_mul(m->firmware.v[i].kb, 1024));
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
	firmware(om, m);
}
