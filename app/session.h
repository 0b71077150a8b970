/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one loop step batch mode and the explorer share: the manager
 * collects, then derive, rates, and --record; and a replay's cursor.
 */
#ifndef MS_SESSION_H
#define MS_SESSION_H

#include "probes/cursor.h"
#include "probes/probe.h"

struct ms_record;

struct ms_session {
	struct ms_manager *m;
	/*
	 * --record (store/record.h): while set, every sample asks for all it
	 * can read and is appended to it after its rates.
	 */
	struct ms_record *rec;
	/* count memscope's own events (--include-self, `I`): every request */
	bool include_self;
};

/*
 * Sample into snap (reset first), derive it and its rates against prev
 * (a replay's samples come derived), and append it to the recording.
 * Returns -errno when the sample could not be recorded.
 */
int ms_session_sample(struct ms_session *s, const struct ms_request *req,
		      struct ms_snapshot *snap, const struct ms_snapshot *prev);
/*
 * The cursor of a replay (step, seek, speed, bookmarks, where it ends),
 * NULL when samples are read live or from a captured tree.
 */
static inline struct ms_cursor *ms_session_cursor(const struct ms_session *s)
{
	return ms_manager_cursor(s->m);
}

/*
 * The directory of a static capture (--root of a tree whose proc/ is no
 * procfs) the samples come from, else NULL: nothing in it changes.
 */
static inline const char *ms_session_capture(const struct ms_session *s)
{
	const struct ms_root *r = s->m ? s->m->root : NULL;

	return r && r->frozen ? r->path : NULL;
}

/*
 * A moment typed in the explorer's replay seek, as --at takes it
 * ("2026-12-06 03:00", @EPOCH, -2h; store/recdir.h) against the clock
 * now; -EINVAL when it is none.
 */
int ms_session_when(const char *text, double *t);

static inline bool ms_session_recording(const struct ms_session *s)
{
	return s->rec;
}

#endif
