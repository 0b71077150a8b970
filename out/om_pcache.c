// SPDX-License-Identifier: GPL-2.0
/*
 * The page cache's files in OpenMetrics (model/pcache.c's families): the
 * totals, then the biggest top files (--top, at most the MS_PCACHE_TOP = 50
 * listed), each labelled by path, dev and ino (two files may share a
 * path); the totals' family counts every file found.
 */
#include "out/om.h"

#include <limits.h>
#include <stdio.h>

#include "model/field.h"

static bool file_lbl(struct lbl *l, const void *rec, int r)
{
	const struct ms_pcache_file *f = rec;
	char ino[24];

	snprintf(ino, sizeof(ino), "%llu", (unsigned long long)f->ino);
	ms_om_lbl_reset(l);
	/* a path's first 256 bytes, escaped: dev and ino tell files apart */
	ms_om_lbl_str(l, "path", f->path ? f->path : "");
	ms_om_lbl_str(l, "dev", f->dev);
	ms_om_lbl_str(l, "ino", ino);
	return true;
}

void ms_om_pcache(struct om *om, const struct ms_pcache *p, int top)
{
	int n = p->n < top ? p->n : top;

	const struct ms_om_area sum = { .t = ms_pcache_fields,
					.recs = p,
					.n = 1 };
	const struct ms_om_area files = { .t = ms_pcache_file_fields,
					  .recs = p->v,
					  .stride = sizeof(p->v[0]),
					  .n = n < 0 ? 0 : n,
					  .lbl = file_lbl };

	ms_om_table(om, &sum, INT_MIN, INT_MAX);
	ms_om_table(om, &files, INT_MIN, INT_MAX);
}
