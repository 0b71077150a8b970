// SPDX-License-Identifier: GPL-2.0
/*
 * The DAMON area's reader: the walk of damon_parse.c over the files of
 * sys/kernel/mm/damon/admin below the root prefix, read only (ms_read
 * opens O_RDONLY; a kdamond memscope did not start is never written to,
 * not even its state file to refresh the stats).
 */
#include "probes/procfs/damon.h"
#include "probes/procfs/procfs.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define ADMIN "sys/kernel/mm/damon/admin/"

struct rd {
	const struct ms_root *r;
	struct ms_procfs *pf;
	struct ms_snapshot *s;
};

static int get(void *ctx, const char *rel, char *out, size_t n)
{
	struct rd *x = ctx;
	int err = ms_readf(x->r, &x->pf->buf, ADMIN "%s", rel);
	size_t len;

	if (err)
		return err;
	len = x->pf->buf.len < n ? x->pf->buf.len : n - 1;
	memcpy(out, x->pf->buf.data, len);
	out[len] = '\0';
	return 0;
}

static void note(void *ctx, const char *fmt, ...)
{
	struct rd *x = ctx;
	char m[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m, sizeof(m), fmt, ap);
	va_end(ap);
	ms_snapshot_note(x->s, "damon_sysfs", "%s", m);
}

int ms_procfs_damon(const struct ms_root *r, struct ms_procfs *pf,
		    struct ms_snapshot *s)
{
	struct rd x = { .r = r, .pf = pf, .s = s };
	const struct ms_damon_src src = { .get = get, .note = note, .ctx = &x };

	if (!ms_exists(r, "sys/kernel/mm/damon")) {
		ms_snapshot_note(s, "damon",
				 r->live ?
					 "no DAMON sysfs interface on this "
					 "kernel (CONFIG_DAMON_SYSFS, 5.18+)" :
					 "no sys/kernel/mm/damon in this tree");
		return -ENOENT;
	}
	if (ms_damon_walk(&s->damon, &src)) {
		ms_snapshot_note(s, "damon", "kdamonds/nr_kdamonds: %s",
				 ms_errstr(r, -ENOENT));
		return -ENOENT;
	}
	return 0;
}
