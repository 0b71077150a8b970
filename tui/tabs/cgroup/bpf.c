// SPDX-License-Identifier: GPL-2.0
/*
 * The cgroup screen's live events (the BPF reclaim group, asked for while
 * the screen is open): this cgroup's reclaim stalls and its OOM kills.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "model/field.h"
#include "tui/events.h"
#include "tui/tabs/cgroup/cgroup.h"

static void stalls(struct ms_screen *l, const struct ms_reclaim_events *e,
		   const char *path)
{
	const struct ms_cg_reclaim *c = NULL;
	char d[16], m[16], ms[16];

	for (int i = 0; i < e->nr_cgroups && !c; i++)
		if (!strcmp(e->cgroups[i].path, path))
			c = &e->cgroups[i];
	ms_screen_tag(l, "reclaim.e.cg.stall");
	if (!c) {
		ms_screen_line(l, ms_attr(MS_C_DIM),
			       "  no task of it stalled in reclaim this "
			       "interval");
		return;
	}
	ms_screen_linef(
		l, ms_attr(MS_C_WARNING),
		"  stalls: direct %s/s, memcg %s/s, %s ms/s; pages reclaimed: "
		"direct %llu, memcg %llu",
		ms_fmt_events(d, sizeof(d), c->direct.rate, 6),
		ms_fmt_events(m, sizeof(m), c->memcg.rate, 6),
		ms_fmt_double(
			ms, sizeof(ms),
			((isfinite(c->direct.ns_rate) ? c->direct.ns_rate : 0) +
			 (isfinite(c->memcg.ns_rate) ? c->memcg.ns_rate : 0)) /
				1e6,
			2),
		(unsigned long long)c->direct_reclaimed,
		(unsigned long long)c->memcg_reclaimed);
}

/* Its OOM kills: of a victim in it, or at its limit; newest first. */
static void kills(struct ms_screen *l, const struct ms_reclaim_events *e,
		  const char *path)
{
	char t[16], comm[MS_NAME * 4];
	int n = 0;

	ms_screen_tag(l, "reclaim.e.oom.scope");
	for (int i = e->nr_oom - 1; i >= 0; i--) {
		const struct ms_oom_event *o = &e->oom[i];
		const char *scope = ms_name_of(&ms_oom_scope_names, o->scope);
		time_t when = (time_t)o->time;
		struct tm tm;

		if (strcmp(o->cgroup, path) && strcmp(o->oom_cgroup, path))
			continue;
		localtime_r(&when, &tm);
		strftime(t, sizeof(t), "%H:%M:%S", &tm);
		ms_screen_linef(l, ms_attr(MS_C_CRITICAL),
				"  OOM %s pid %d %s, %s OOM%s", t, o->pid,
				ms_esc(comm, sizeof(comm), o->comm),
				scope ? scope : "unknown",
				strcmp(o->cgroup, path) ? " (below it)" : "");
		n++;
	}
	if (!n)
		ms_screen_line(l, ms_attr(MS_C_DIM),
			       "  no OOM kill since the events were attached");
}

void cg_bpf_lines(struct ms_screen *l, const struct ms_snapshot *s,
		  const char *path)
{
	const struct ms_reclaim_events *e = &s->reclaim_events;
	char why[200];

	ms_screen_line(l, ms_attr(MS_C_COLUMN_HEADER),
		       "  Reclaim stalls and OOM kills (bpf)");
	if (!ms_have_sec(s, MS_SEC_RECLAIM_EVENTS)) {
		ms_screen_tag(l, "reclaim.e.cg.stall");
		ms_screen_linef(l, ms_attr(MS_C_NOTE), "  %s",
				ms_live_why(why, sizeof(why), s,
					    MS_SEC_RECLAIM_EVENTS, NULL) ?
					why :
					"not counted");
		return;
	}
	if (e->fields & (MS_RE_DIRECT | MS_RE_MEMCG))
		stalls(l, e, path);
	if (e->fields & MS_RE_OOM)
		kills(l, e, path);
}
