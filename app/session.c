// SPDX-License-Identifier: GPL-2.0
/*
 * One step of every sampling loop: collect (probes/manager.c), derive,
 * rates against the previous sample, the sums the explorer shows, and
 * append to --record.
 */
#include "app/session.h"

#include <time.h>

#include "store/recdir.h"
#include "store/record.h"

int ms_session_sample(struct ms_session *s, const struct ms_request *req,
		      struct ms_snapshot *snap, const struct ms_snapshot *prev)
{
	struct ms_request all = *req;

	all.include_self = s->include_self;
	if (s->rec) {
		all.sections = ms_record_sections(req);
		all.pagetypes = true;
		all.memory_brief = false;
		all.reclaim_brief = false;
	}
	req = &all;
	/*
	 * A replay gives derived values and rates as they were recorded; a
	 * static capture has no rates (the same files read twice: not 0/s).
	 */
	if (!ms_manager_sample(s->m, req, snap)) {
		ms_derive(snap);
		ms_rates(snap, ms_session_capture(s) ? NULL : prev);
	}
	ms_derive_sums(snap);
	return s->rec ? ms_record_write(s->rec, snap, req->sections) : 0;
}

int ms_session_when(const char *text, double *t)
{
	return ms_parse_when(text, (double)time(NULL), t);
}
