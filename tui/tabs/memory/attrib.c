// SPDX-License-Identifier: GPL-2.0
/*
 * The unexplained screen's first part: kernel memory by the call site
 * that allocated it (section attribution: /proc/allocinfo, or the BPF
 * attrib group's pages allocated since it attached and not yet freed).
 */
#include "tui/tabs/memory/memory.h"

#include <stdio.h>

#define ATTRIB_SHOWN 20 /* sites on the screen; JSON has the 64 biggest */

void mem_attrib_lines(struct ms_screen *l, const struct ms_snapshot *s)
{
	const struct ms_attrib *a = &s->attrib;
	char kb[16], rate[24], esc[MS_ATTRIB_SITE * 4], n[24];

	ms_screen_tag(l, "memory.attrib");
	ms_screen_line(l, ms_attr(MS_C_COLUMN_HEADER),
		       "  Held by call site (attribution)");
	if (!mem_have(l, s, MS_SEC_ATTRIBUTION))
		return;
	ms_fmt_kb(kb, sizeof(kb), a->kb);
	ms_fmt_byte_rate(rate, sizeof(rate), a->kb_per_s * 1024);
	if (a->source == MS_ATTRIB_ALLOCINFO)
		ms_screen_linef(l, 0,
				"  /proc/allocinfo %s: %s held by %s sites "
				"since boot, %s",
				a->version, kb,
				ms_fmt_u64(n, sizeof(n), a->nr_sites), rate);
	else
		ms_screen_linef(l, 0,
				"  bpf, %.0f s since attach: %s allocated and "
				"not freed by %s sites, %s",
				a->since_s, kb,
				ms_fmt_u64(n, sizeof(n), a->nr_sites), rate);
	ms_screen_linef(l, ms_attr(MS_C_COLUMN_HEADER), "  %8s %9s %10s %s",
			"Memory", "Growth/s", "Calls", "Site");
	for (int i = 0; i < a->n && i < ATTRIB_SHOWN; i++) {
		const struct ms_attrib_site *x = &a->v[i];

		ms_screen_linef(l, x->kb_per_s > 0 ? ms_attr(MS_C_WARNING) : 0,
				"  %8s %9s %10s %s",
				ms_fmt_kb(kb, sizeof(kb), x->kb),
				ms_fmt_byte_rate(rate, sizeof(rate),
						 x->kb_per_s * 1024),
				ms_fmt_u64(n, sizeof(n), x->calls),
				ms_esc(esc, sizeof(esc), x->site));
	}
	if (!a->n)
		ms_screen_line(l, ms_attr(MS_C_DIM), "  no call site yet");
}
