// SPDX-License-Identifier: GPL-2.0
/*
 * The age line of a process list (the VMA tab's, a cgroup's processes):
 * PSS, Swap and VMA counts older than the bound or read at another RSS
 * are dim, and this line says what that means.
 */
#include "tui/procage.h"

#include <stdio.h>
#include <string.h>

#include "tui/widgets.h"

const char *ms_proc_age_line(char *buf, size_t len, const struct ms_proc *sel,
			     int nstale, double bound)
{
	char rss[32];

	if (!nstale)
		return NULL;
	if (sel && ms_proc_stale(sel, bound)) {
		/* the RSS they go with, where smaps_rollup could be read */
		snprintf(rss, sizeof(rss), ", read at RSS ");
		if (ms_have(sel->detail_rss_kb))
			ms_fmt_kb(rss + strlen(rss), sizeof(rss) - strlen(rss),
				  sel->detail_rss_kb);
		else
			rss[0] = '\0';
		snprintf(buf, len,
			 "PID %d: PSS, Swap, VMAs %.0f s old%s (dim: >%.0f s "
			 "or RSS moved)",
			 sel->pid, sel->detail_age_s, rss, bound);
		return buf;
	}
	snprintf(buf, len,
		 "Dim PSS, Swap, VMAs: %d processes read >%.0f s ago or at "
		 "another RSS",
		 nstale, bound);
	return buf;
}
