// SPDX-License-Identifier: GPL-2.0
/* DEVELOPMENT PLACEHOLDER: replaced by the real reader. */
#include "probes/procfs/procfs.h"
#include <errno.h>

int ms_procfs_buddy(const struct ms_root *r, struct ms_procfs *pf, struct ms_snapshot *s)
{
	return -ENOSYS;
}
