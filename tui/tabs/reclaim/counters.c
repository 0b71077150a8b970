// SPDX-License-Identifier: GPL-2.0
/*
 * The Reclaim tab's screen of every /proc/vmstat counter (Enter on the
 * overview), with its total and rate, sortable and filtered.
 */
#include "tui/explain.h"
#include "tui/tabs/reclaim/reclaim.h"

#include <stdio.h>
#include <string.h>

static const struct ms_column counter_cols[] = {
	{ .title = "Counter",
	  .width = MS_COL_FLEX,
	  .min = 24,
	  .id = "reclaim.c.counter",
	  .key = 'c' },
	{ .title = "Total",
	  .width = 16,
	  .align = MS_RIGHT,
	  .id = "reclaim.c.total",
	  .key = 'o' },
	{ .title = "Per second",
	  .width = 12,
	  .align = MS_RIGHT,
	  .id = "reclaim.c.rate",
	  .key = 'r' },
};

static const struct ms_kv *counter_at(const void *ctx, int row)
{
	const struct reclaim_view *v = ctx;

	return &v->cur->reclaim.vmstat.v[row];
}

static void counter_cell(const void *ctx, int row, int col, char *buf,
			 size_t len)
{
	const struct ms_kv *kv = counter_at(ctx, row);

	if (col == 0)
		snprintf(buf, len, "%s", kv->name);
	else if (col == 1)
		ms_fmt_u64(buf, len, kv->value);
	else if (kv->reset) /* an event counter cannot go down */
		snprintf(buf, len, "reset");
	else
		ms_fmt_rate(buf, len, kv->rate);
}

static int counter_cmp(const void *ctx, int a, int b, int col)
{
	const struct ms_kv *x = counter_at(ctx, a), *y = counter_at(ctx, b);

	if (col == 0)
		return strcmp(x->name, y->name);
	if (col == 1)
		return ms_cmp_u64(x->value, y->value);
	return ms_cmp_double(x->rate, y->rate);
}

static attr_t counter_attr(const void *ctx, int row, int col)
{
	const struct ms_kv *kv = counter_at(ctx, row);

	if (col == 2 && kv->reset)
		return ms_attr(MS_C_WARNING);
	return col == 2 && kv->rate > 0 ? ms_attr(MS_C_OK) : 0;
}

static const struct ms_table_def counter_def = {
	.cols = counter_cols,
	.ncols = 3,
	.name_col = 0,
	.cell = counter_cell,
	.cmp = counter_cmp,
	.attr = counter_attr,
};

void ms_reclaim_counters_init(struct reclaim_view *v, const struct ms_ui *ui)
{
	ms_table_init(&v->table, &counter_def, v, ui, -1, false);
	v->table.empty = "no /proc/vmstat counters in this sample";
}

#define RV(d) ((struct reclaim_view *)(d)->v)

/*
 * On the table of every counter: its columns, and the selected counter
 * itself (under the cursor) when the catalog explains it.
 */
static void counter_explain(struct ms_drill *d, struct ms_explain_ids *e)
{
	struct reclaim_view *v = RV(d);
	static const char *const prefix[] = { "reclaim.vm.", "numa.bal." };
	int row = ms_table_selected(&v->table);
	const struct ms_explain *x = NULL;
	char id[96];

	ms_table_explain(&v->table, e);
	if (row < 0 || !v->cur || row >= v->cur->reclaim.vmstat.n)
		return;
	for (size_t i = 0; i < sizeof(prefix) / sizeof(prefix[0]) && !x; i++) {
		snprintf(id, sizeof(id), "%s%s", prefix[i],
			 v->cur->reclaim.vmstat.v[row].name);
		x = ms_explain_find(id);
	}
	if (x) {
		ms_explain_add(e, x->id);
		e->cur = e->n - 1;
	}
}

static struct ms_table *counter_table(struct ms_drill *d)
{
	return &RV(d)->table;
}

static void counter_title(struct ms_drill *d, char *buf, size_t len)
{
	(void)d;
	snprintf(buf, len, "Every /proc/vmstat counter");
}

static const char *counter_hints(struct ms_drill *d)
{
	return ms_table_hints(&RV(d)->table);
}

const struct ms_drill_class ms_reclaim_counters_screen = {
	.name = "counters",
	.title = counter_title,
	.table = counter_table,
	.hints_fn = counter_hints,
	.explain = counter_explain,
};
