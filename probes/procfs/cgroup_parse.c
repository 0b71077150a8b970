// SPDX-License-Identifier: GPL-2.0
/*
 * The memory cgroup files' parsers (probes/procfs/cgroup.h): the formats
 * of mm/memcontrol.c (v2: memory.current, .max "max", memory.stat,
 * memory.events), mm/memcontrol-v1.c (bytes, unlimited as
 * PAGE_COUNTER_MAX * PAGE_SIZE) and fs/proc_namespace.c's mount tables.
 */
#define _GNU_SOURCE
#include "probes/procfs/cgroup.h"
#include "probes/procfs/kv.h"
#include "probes/procfs/reclaim.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Field i (from 0) of a line split by spaces: [*s, *e). */
static bool word(const char *l, size_t n, int i, const char **s, size_t *wn)
{
	const char *p = l, *end = l + n;

	for (int k = 0; p < end; k++) {
		const char *b;

		while (p < end && *p == ' ')
			p++;
		b = p;
		while (p < end && *p != ' ')
			p++;
		if (b == p)
			break;
		if (k == i) {
			*s = b;
			*wn = (size_t)(p - b);
			return true;
		}
	}
	return false;
}

static void put_mnt(char *dst, const char *s, size_t n)
{
	char tmp[MS_CG_MNT];
	size_t k = ms_unescape_octal(tmp, sizeof(tmp), s, n);
	const char *p = tmp;

	while (*p == '/')
		p++;
	(void)k;
	snprintf(dst, MS_CG_MNT, "%s", *p ? p : ".");
}

int ms_cg_mounts_parse(const char *text, size_t len, struct ms_cg_mounts *m,
		       struct ms_perr *e)
{
	const char *p = text, *end = text + len, *l;
	int lineno = 0, good = 0;
	size_t n;

	m->v2[0] = m->v1mem[0] = '\0';
	while ((l = ms_line_next(&p, end, &n))) {
		const char *dash = NULL, *mp, *fs, *opt;
		size_t mpn, fsn, optn;
		bool info;

		lineno++;
		for (size_t i = 0; i + 3 <= n; i++)
			if (!memcmp(l + i, " - ", 3)) {
				dash = l + i + 3;
				break;
			}
		info = dash != NULL;
		/* mountinfo: id parent dev root point opts ... - type src super */
		if (!word(l, n, info ? 4 : 1, &mp, &mpn) ||
		    !(info ? word(dash, (size_t)(l + n - dash), 0, &fs, &fsn) :
			     word(l, n, 2, &fs, &fsn)) ||
		    !(info ? word(dash, (size_t)(l + n - dash), 2, &opt,
				  &optn) :
			     word(l, n, 3, &opt, &optn))) {
			ms_perr_bad(e, lineno);
			continue;
		}
		good++;
		if (fsn == 7 && !memcmp(fs, "cgroup2", 7) && !m->v2[0])
			put_mnt(m->v2, mp, mpn);
		else if (fsn == 6 && !memcmp(fs, "cgroup", 6) &&
			 ms_list_has(opt, optn, "memory") && !m->v1mem[0])
			put_mnt(m->v1mem, mp, mpn);
	}
	if (!good)
		return ms_perr_fail(e, -EINVAL, "no mount line");
	return 0;
}

int ms_cg_bytes_parse(const char *text, size_t len, uint64_t *kb)
{
	uint64_t v;

	while (len && (text[len - 1] == '\n' || text[len - 1] == ' '))
		len--;
	if (len == 3 && !memcmp(text, "max", 3)) {
		*kb = MS_NA;
		return 0;
	}
	if (ms_parse_value(text, len, &v))
		return -EINVAL;
	*kb = v >= MS_CG_V1_UNLIMITED ? MS_NA : v / 1024;
	return 0;
}

int ms_cg_kv_parse(const char *text, size_t len, struct ms_kvlist *l,
		   struct ms_perr *e)
{
	size_t n = len;

	/* a cut last line could be a number cut short: not a value */
	if (n && text[n - 1] != '\n') {
		const char *nl = memrchr(text, '\n', n);
		int lines = 1;

		for (const char *q = text;
		     (q = memchr(q, '\n', (size_t)(text + n - q))); q++)
			lines++;
		n = nl ? (size_t)(nl - text) + 1 : 0;
		ms_perr_bad(e, lines);
	}
	if (!n)
		return ms_perr_fail(e, -EINVAL, "no complete line");
	return ms_kv_parse_pairs(text, n, l, e);
}

int ms_cg_procs_parse(const char *text, size_t len, uint64_t *pids, int max,
		      int *npids, struct ms_perr *e)
{
	const char *p = text, *end = text + len, *l;
	int lineno = 0, count = 0;
	size_t n;

	*npids = 0;
	while ((l = ms_line_next(&p, end, &n))) {
		const char *q = l;
		uint64_t v;

		lineno++;
		if (!n)
			continue;
		if (ms_parse_dec(&q, l + n, &v) || q != l + n) {
			ms_perr_bad(e, lineno);
			continue;
		}
		count++;
		if (*npids < max)
			pids[(*npids)++] = v;
	}
	return count;
}

/* Has l a numa_stat item "key.*" already (key: n bytes)? */
static bool numa_seen(const struct ms_kvlist *l, const char *key, size_t n)
{
	for (int i = 0; i < l->n; i++)
		if (!strncmp(l->v[i].name, key, n) && l->v[i].name[n] == '.')
			return true;
	return false;
}

/* One numa_stat line into l as "key.N<node>" items; false: malformed. */
static bool numa_line(const char *l, size_t n, struct ms_kvlist *kv)
{
	const char *s, *eq, *key;
	size_t sn, kn;
	int start = kv->n;

	if (!word(l, n, 0, &s, &sn))
		return false;
	key = s;
	/* v2 "anon N0=...", v1 "total=sum N0=...": the sum is left out */
	eq = memchr(s, '=', sn);
	kn = eq ? (size_t)(eq - s) : sn;
	if (!kn || kn > 30 || memchr(s, '.', kn) || numa_seen(kv, s, kn))
		return false;
	for (int i = 1; word(l, n, i, &s, &sn); i++) {
		const char *q = s + 1, *end = s + sn;
		char name[48];
		uint64_t node, v;

		if (*s != 'N' || ms_parse_dec(&q, end, &node) || q == end ||
		    *q != '=' || node > 4095)
			goto bad;
		q++;
		if (ms_parse_dec(&q, end, &v) || q != end)
			goto bad;
		snprintf(name, sizeof(name), "%.*s.N%u", (int)kn, key,
			 (unsigned int)node);
		if (!ms_kv_add(kv, name, v))
			goto bad;
	}
	return kv->n > start;
bad:
	kv->n = start;
	return false;
}

int ms_cg_numa_parse(const char *text, size_t len, struct ms_kvlist *l,
		     struct ms_perr *e)
{
	const char *p = text, *end = text + len, *ln;
	int lineno = 0, good = 0;
	size_t n;

	/* a cut last line could end in a number cut short: not a value */
	if (len && text[len - 1] != '\n') {
		const char *nl = memrchr(text, '\n', len);

		end = nl ? nl + 1 : text;
	}
	while ((ln = ms_line_next(&p, end, &n))) {
		lineno++;
		if (!n)
			continue;
		if (numa_line(ln, n, l))
			good++;
		else
			ms_perr_bad(e, lineno);
	}
	if (end < text + len)
		ms_perr_bad(e, lineno + 1);
	if (!good)
		return ms_perr_fail(e, -EINVAL, "no numa_stat line");
	return 0;
}
