// SPDX-License-Identifier: GPL-2.0
/*
 * The VMA tab's live numbers (probes/bpf fault group): a process's page
 * faults per second by kind and its mmap_lock waits.
 */
#include "tui/tabs/vma/vma.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/field.h"

/* What the kernel let the group count: the need bits of the counter's row. */
static bool counted(const struct ms_fault_events *e, enum ms_fault_count c)
{
	unsigned int need = ms_fault_count_fields[c].need;

	return (e->fields & need) == need;
}

double ms_live_fault_rate(const struct ms_snapshot *s, int pid,
			  enum ms_fault_count c)
{
	const struct ms_fault_events *e = &s->fault_events;
	const struct ms_fault_proc *p;

	if (!(s->have & MS_SEC_BIT(MS_SEC_FAULT_EVENTS)) || !counted(e, c))
		return NAN;
	p = ms_fault_find(e, pid);
	if (p)
		return p->rate[c];
	/* not listed: no event over a whole interval */
	return isfinite(e->interval) ? 0 : NAN;
}

double ms_live_lock_ms(const struct ms_snapshot *s, int pid)
{
	return ms_live_fault_rate(s, pid, MS_FC_LOCK_NS) / 1e6;
}

double ms_live_lock_max_us(const struct ms_snapshot *s, int pid)
{
	const struct ms_fault_proc *p = ms_fault_find(&s->fault_events, pid);

	if (!(s->have & MS_SEC_BIT(MS_SEC_FAULT_EVENTS)) ||
	    !(s->fault_events.fields & MS_FE_LOCK))
		return NAN;
	return p ? ms_dbl(p->lock_max_ns) / 1e3 : NAN;
}

/* " name 12/s" for counter c when counted. */
static void item(char *buf, size_t len, const struct ms_snapshot *s, int pid,
		 enum ms_fault_count c, const char *name)
{
	char v[16];
	size_t n = strlen(buf);

	if (!counted(&s->fault_events, c) || n + 1 >= len)
		return;
	snprintf(buf + n, len - n, " %s %s/s", name,
		 ms_fmt_events(v, sizeof(v), ms_live_fault_rate(s, pid, c), 6));
}

const char *ms_live_fault_line(char *buf, size_t len,
			       const struct ms_snapshot *s, int pid)
{
	char why[200], ms[16], mx[16];
	size_t n;

	if (!(s->have & MS_SEC_BIT(MS_SEC_FAULT_EVENTS))) {
		snprintf(buf, len, "faults (bpf): %s",
			 ms_live_why(why, sizeof(why), s, MS_SEC_FAULT_EVENTS,
				     NULL) ?
				 why :
				 "not in this sample");
		return buf;
	}
	snprintf(buf, len, "faults (bpf):");
	item(buf, len, s, pid, MS_FC_HW, "user");
	item(buf, len, s, pid, MS_FC_MINOR, "minor");
	item(buf, len, s, pid, MS_FC_MAJOR, "major");
	item(buf, len, s, pid, MS_FC_ANON, "anon");
	item(buf, len, s, pid, MS_FC_FILE, "file");
	item(buf, len, s, pid, MS_FC_WP, "write-protect");
	item(buf, len, s, pid, MS_FC_COW, "COW");
	n = strlen(buf);
	if ((s->fault_events.fields & MS_FE_LOCK) && n + 1 < len)
		snprintf(buf + n, len - n, "; mmap_lock %s ms/s, longest %s us",
			 ms_fmt_double(ms, sizeof(ms), ms_live_lock_ms(s, pid),
				       2),
			 ms_fmt_double(mx, sizeof(mx),
				       ms_live_lock_max_us(s, pid), 0));
	return buf;
}

const char *ms_live_fault_gaps(char *buf, size_t len,
			       const struct ms_snapshot *s)
{
	unsigned int f = s->fault_events.fields;
	char why[200];

	if (!(s->have & MS_SEC_BIT(MS_SEC_FAULT_EVENTS)))
		return ms_live_why(buf, len, s, MS_SEC_FAULT_EVENTS, NULL);
	if (!(f & MS_FE_SPLIT)) {
		snprintf(buf, len,
			 "anon/file and COW split unavailable: fexit "
			 "handle_mm_fault: %s",
			 ms_live_why(why, sizeof(why), s, MS_SEC_FAULT_EVENTS,
				     "ms_faultx") ?
				 why :
				 "not loaded");
		return buf;
	}
	if (!(f & MS_FE_LOCK))
		return ms_live_why(buf, len, s, MS_SEC_FAULT_EVENTS,
				   "ms_lockstart");
	return NULL;
}
