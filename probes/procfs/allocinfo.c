// SPDX-License-Identifier: GPL-2.0
/*
 * The attribution section of the procfs backend: /proc/allocinfo, where the
 * kernel profiles its allocations itself (lib/alloc_tag.c).
 */
#include "probes/procfs/allocinfo.h"

#include "model/field.h"
#include "probes/procfs/procfs.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define VERSION "allocinfo - version: "
#define MAX_MAJOR 2 /* the newest format this parser knows */

/*
 * "%12lli %8llu " then the tag: "file:line func:fn" or "file:line [mod]
 * func:fn", then " accurate:no" (2.0, when counters were missed), then
 * " " (alloc_tag_to_text(), codetag_to_text()).
 */
static int site_line(const char *p, const char *end, struct ms_attrib *a,
		     uint64_t *total)
{
	static const char inacc[] = " accurate:no";
	const size_t ni = sizeof(inacc) - 1;
	bool neg = false, bad_acc;
	uint64_t bytes, calls, kb;
	struct ms_attrib_site *s;
	const char *tag;

	p = ms_skip_blank(p, end);
	if (p < end && *p == '-') { /* a racy per-CPU sum can dip below 0 */
		neg = true;
		p++;
	}
	if (ms_parse_dec(&p, end, &bytes) || p == end || *p != ' ')
		return -EINVAL;
	p = ms_skip_blank(p, end);
	if (ms_parse_dec(&p, end, &calls) || p == end || *p != ' ')
		return -EINVAL;
	tag = ms_skip_blank(p, end);
	while (end > tag && (end[-1] == ' ' || end[-1] == '\r'))
		end--;
	bad_acc = (size_t)(end - tag) > ni && !memcmp(end - ni, inacc, ni);
	if (bad_acc)
		end -= ni;
	if (end == tag || !memchr(tag, ':', (size_t)(end - tag)))
		return -EINVAL;
	if (bad_acc && a->inaccurate != MS_NA)
		a->inaccurate++;
	if (neg || !bytes)
		return 0;
	*total += bytes;
	a->nr_sites++;
	kb = bytes / 1024;
	s = ms_attrib_slot(a, kb);
	if (!s)
		return 0; /* smaller than every site kept */
	snprintf(s->site, sizeof(s->site), "%.*s", (int)(end - tag), tag);
	s->kb = kb;
	s->calls = calls;
	s->inaccurate = bad_acc;
	return 0;
}

/* "allocinfo - version: 1.0": the version kept, 0 or -EINVAL. */
static int version(const char *p, const char *end, struct ms_attrib *a,
		   struct ms_perr *e)
{
	const char *v = p + strlen(VERSION), *q = v;
	uint64_t major;

	if (ms_parse_dec(&q, end, &major))
		return ms_perr_fail(e, -EINVAL, "unreadable version '%.*s'",
				    (int)(end - v), v);
	if (major > MAX_MAJOR)
		return ms_perr_fail(e, -EINVAL, "unknown version %.*s",
				    (int)(end - v > 15 ? 15 : end - v), v);
	snprintf(a->version, sizeof(a->version), "%.*s",
		 (int)(end - v > 15 ? 15 : end - v), v);
	a->inaccurate = major >= 2 ? 0 : MS_NA;
	return 0;
}

int ms_allocinfo_parse(const char *text, size_t len, struct ms_attrib *a,
		       struct ms_perr *e)
{
	const char *p = text, *end = text + len, *l;
	uint64_t total = 0;
	size_t n;
	int lineno = 0, good = 0, err;

	ms_fields_reset(ms_attrib_fields, a);
	a->source = MS_ATTRIB_ALLOCINFO;
	a->nr_sites = 0;
	/* before versions (6.10's first patches): no marks either */
	while ((l = ms_line_next(&p, end, &n))) {
		const char *le = l + n, *s = ms_skip_blank(l, le);

		lineno++;
		if (s == le || *s == '#' || *s == '<')
			continue; /* blank, or the columns' header */
		if (lineno == 1 && n >= strlen(VERSION) &&
		    !memcmp(l, VERSION, strlen(VERSION))) {
			err = version(l, le, a, e);
			if (err)
				return err;
			continue;
		}
		if (site_line(l, le, a, &total))
			ms_perr_bad(e, lineno);
		else
			good++;
	}
	if (!good && e->bad)
		return ms_perr_fail(e, -EINVAL, "no call site line");
	a->kb = total / 1024;
	ms_attrib_top(a);
	return 0;
}

int ms_procfs_allocinfo(const struct ms_root *r, struct ms_procfs *pf,
			struct ms_attrib *a, struct ms_snapshot *s)
{
	struct ms_perr e;
	char on[16];
	int err = ms_read(r, "proc/allocinfo", &pf->buf);

	if (err) {
		ms_snapshot_note(s, "allocinfo", "%s", ms_errstr(r, err));
		return err;
	}
	ms_perr_init(&e);
	err = ms_allocinfo_parse(pf->buf.data, pf->buf.len, a, &e);
	if (err == -ENOMEM)
		ms_snapshot_note(s, "allocinfo", "%s", strerror(ENOMEM));
	else if (err)
		ms_snapshot_note(s, "allocinfo", "%s", e.why);
	else
		ms_perr_note(s, "allocinfo", &e);
	/* profiling turned off at run time: the counts stand still */
	if (!err &&
	    !ms_read_str(r, "proc/sys/vm/mem_profiling", on, sizeof(on)) &&
	    on[0] == '0')
		ms_snapshot_note(s, "allocinfo",
				 "profiling off (vm.mem_profiling = 0): "
				 "counts since it was on");
	return err;
}
