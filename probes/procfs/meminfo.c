// SPDX-License-Identifier: GPL-2.0
/* /proc/meminfo (kB, or raw counts such as HugePages_Total) and osrelease. */
#include "probes/procfs/kv.h"
#include "probes/procfs/procfs.h"

#include <errno.h>

static void read_kernel(const struct ms_root *r, struct ms_snapshot *s)
{
	int err = ms_read_str(r, "proc/sys/kernel/osrelease", s->kernel,
			      sizeof(s->kernel));

	if (err)
		ms_snapshot_note(s, "kernel", "proc/sys/kernel/osrelease: %s",
				 ms_errstr(r, err));
}

int ms_procfs_meminfo(const struct ms_root *r, struct ms_procfs *pf,
		      struct ms_snapshot *s)
{
	struct ms_perr e;
	int err;

	read_kernel(r, s);
	err = ms_read(r, "proc/meminfo", &pf->buf);
	if (err) {
		ms_snapshot_note(s, "meminfo", "%s", ms_errstr(r, err));
		return err;
	}
	ms_perr_init(&e);
	s->meminfo.n = 0;
	err = ms_kv_parse_colons(pf->buf.data, pf->buf.len, &s->meminfo, &e);
	if (err) {
		s->meminfo.n = 0;
		ms_snapshot_note(s, "meminfo", "%s", e.why);
		return err;
	}
	ms_perr_note(s, "meminfo", &e);
	return 0;
}
