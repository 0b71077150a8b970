// SPDX-License-Identifier: GPL-2.0
/*
 * The process list: every pid below proc/, its stat each sample, and the
 * costly files (status, smaps_rollup, maps) re-read within a CPU budget.
 */
#define _GNU_SOURCE
#include "probes/procfs/proc.h"

#include "probes/procfs/procfs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Pure parsers ------------------------------------------------------ */

static const char *skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* An unsigned decimal; NULL when there is none or it overflows. */
static const char *parse_u64(const char *p, const char *end, uint64_t *v)
{
	const char *s = p;
	uint64_t x = 0;

	for (; p < end && (unsigned int)(*p - '0') < 10; p++)
		if (__builtin_mul_overflow(x, 10, &x) ||
		    __builtin_add_overflow(x, (uint64_t)(*p - '0'), &x))
			return NULL;
	*v = x;
	return p == s ? NULL : p;
}

/* Fields of stat after "(comm) ", numbered as in proc(5). */
enum {
	STAT_STATE = 3,
	STAT_FLAGS = 9,
	STAT_MINFLT = 10,
	STAT_MAJFLT = 12,
	STAT_STARTTIME = 22,
	STAT_RSS = 24,
};

static void stat_field(struct ms_stat *st, int field, uint64_t v)
{
	switch (field) {
	case STAT_FLAGS:
		st->flags = (unsigned long)v;
		break;
	case STAT_MINFLT:
		st->minflt = v;
		break;
	case STAT_MAJFLT:
		st->majflt = v;
		break;
	case STAT_STARTTIME:
		st->starttime = v;
		break;
	case STAT_RSS:
		st->rss_pages = v;
		break;
	}
}

int ms_parse_stat(const char *text, size_t len, struct ms_stat *st)
{
	const char *end = text + len, *open, *close, *p;
	uint64_t pid, v;
	size_t n;
	int field;

	memset(st, 0, sizeof(*st));
	if (!len)
		return -ENODATA;
	open = memchr(text, '(', len);
	close = memrchr(text, ')', len);
	if (!open || !close || close < open)
		return -EINVAL;
	if (!parse_u64(skip_blanks(text, open), open, &pid) || pid > 1u << 30)
		return -EINVAL;
	st->pid = (int)pid;
	n = (size_t)(close - open - 1);
	if (n >= sizeof(st->comm))
		n = sizeof(st->comm) - 1;
	memcpy(st->comm, open + 1, n);
	p = close + 1;
	if (end - p < 3 || p[0] != ' ')
		return -EINVAL;
	st->state = p[1];
	p += 2;
	for (field = STAT_STATE + 1; field <= STAT_RSS; field++) {
		p = skip_blanks(p, end);
		/* only unsigned fields are kept; others may be negative */
		if (p < end && *p == '-')
			p++;
		p = parse_u64(p, end, &v);
		if (!p)
			return -EINVAL;
		stat_field(st, field, v);
	}
	return 0;
}

int ms_parse_statm(const char *text, size_t len, uint64_t *resident)
{
	const char *end = text + len, *p;
	uint64_t size;

	p = parse_u64(skip_blanks(text, end), end, &size);
	if (!p || !parse_u64(skip_blanks(p, end), end, resident))
		return -EINVAL;
	return 0;
}

void ms_proc_detail_init(struct ms_proc_detail *d)
{
	d->uid = UINT32_MAX;
	d->vm_rss_kb = d->vm_swap_kb = MS_NA;
	d->rss_kb = d->pss_kb = d->swap_kb = MS_NA;
}

/* The number after "Key:" on the line at p (before end), or MS_NA. */
static uint64_t line_value(const char *p, const char *end, size_t keylen)
{
	uint64_t v;

	if (!parse_u64(skip_blanks(p + keylen, end), end, &v))
		return MS_NA;
	return v;
}

/* Call fn for each line of text as (line, line end). */
#define FOR_LINES(text, len, line, eol)                                   \
	for (const char *line = (text), *eol;                             \
	     line < (text) + (len) &&                                     \
	     ((eol = memchr(line, '\n', (size_t)((text) + (len)-line))) || \
	      (eol = (text) + (len)));                                    \
	     line = eol + 1)

static bool is_key(const char *line, const char *eol, const char *key,
		   size_t n)
{
	return (size_t)(eol - line) >= n && !memcmp(line, key, n);
}

int ms_parse_status(const char *text, size_t len, struct ms_proc_detail *d)
{
	bool uid = false;
	uint64_t v;

	FOR_LINES(text, len, line, eol)
	{
		if (is_key(line, eol, "Uid:", 4)) {
			v = line_value(line, eol, 4);
			uid = v <= UINT32_MAX;
			if (uid)
				d->uid = (uint32_t)v;
		} else if (is_key(line, eol, "VmRSS:", 6)) {
			d->vm_rss_kb = line_value(line, eol, 6);
		} else if (is_key(line, eol, "VmSwap:", 7)) {
			d->vm_swap_kb = line_value(line, eol, 7);
		}
	}
	return uid ? 0 : -ENODATA;
}

int ms_parse_rollup(const char *text, size_t len, struct ms_proc_detail *d)
{
	FOR_LINES(text, len, line, eol)
	{
		if (is_key(line, eol, "Rss:", 4))
			d->rss_kb = line_value(line, eol, 4);
		else if (is_key(line, eol, "Pss:", 4))
			d->pss_kb = line_value(line, eol, 4);
		else if (is_key(line, eol, "Swap:", 5))
			d->swap_kb = line_value(line, eol, 5);
	}
	return ms_have(d->pss_kb) ? 0 : -ENODATA;
}

/* ---- The reader -------------------------------------------------------- */

int ms_procfs_procs(const struct ms_root *r, struct ms_procfs *pf,
		    struct ms_snapshot *s)
{
	return -ENOSYS;
}
