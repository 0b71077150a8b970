// SPDX-License-Identifier: GPL-2.0
/*
 * Pure parsers of the Memory area's own files: /proc/vmallocinfo (pages
 * by caller and node), /proc/iomem (the kernel image, crashkernel) and
 * zoneinfo's per-cpu lists. Text in, never a file opened.
 */
#include "probes/procfs/memory.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/escape.h"
#include "probes/procfs/numa.h"

/* The next blank-separated word of [*p, end), its length in *n. */
static const char *word(const char **p, const char *end, size_t *n)
{
	const char *s = ms_skip_blank(*p, end), *e = s;

	while (e < end && *e != ' ' && *e != '\t')
		e++;
	*p = e;
	*n = (size_t)(e - s);
	return *n ? s : NULL;
}

static bool is(const char *s, size_t n, const char *w)
{
	return n == strlen(w) && !memcmp(s, w, n);
}

/* "N0=12": the node and its count. */
static bool node_count(const char *s, size_t n, uint64_t *node, uint64_t *v)
{
	const char *p = s + 1, *e = s + n;

	if (n < 4 || s[0] != 'N' || ms_parse_dec(&p, e, node) || p >= e ||
	    *p++ != '=' || ms_parse_dec(&p, e, v) || p != e)
		return false;
	return true;
}

/* The callers that allocate kernel stacks (VMAP_STACK). */
static bool stack_caller(const char *f, size_t n)
{
	static const char *const fns[] = { "alloc_thread_stack_node",
					   "dup_task_struct",
					   "copy_process",
					   "kernel_clone",
					   "fork_idle",
					   "create_io_thread",
					   "kernel_thread",
					   "user_mode_thread",
					   NULL };

	for (int i = 0; fns[i]; i++)
		if (is(f, n, fns[i]))
			return true;
	return false;
}

static void add_caller(struct ms_vmallocinfo *v, const char *fn, size_t n,
		       const char *mod, size_t mn, uint64_t kb, bool stack)
{
	char name[MS_LEDGER_NAME];
	int i;

	if (mn)
		snprintf(name, sizeof(name), "%.*s %.*s", (int)n, fn, (int)mn,
			 mod);
	else
		snprintf(name, sizeof(name), "%.*s", (int)n, fn);
	for (i = 0; i < v->nr_callers; i++)
		if (!strcmp(v->caller[i].name, name))
			break;
	if (i == v->nr_callers) {
		if (i == MS_VM_CALLERS) {
			v->more_kb += kb;
			return;
		}
		memset(&v->caller[i], 0, sizeof(v->caller[i]));
		memcpy(v->caller[i].name, name, sizeof(name));
		v->caller[i].stack = stack;
		v->nr_callers++;
	}
	v->caller[i].kb += kb;
}

static int by_kb(const void *a, const void *b)
{
	const struct ms_vm_caller *x = a, *y = b;

	if (x->kb != y->kb)
		return x->kb < y->kb ? 1 : -1;
	return strcmp(x->name, y->name);
}

/*
 * One area: "0x..-0x.. SIZE [CALLER [module]] [pages=N] [phys=..] FLAGS
 * [N0=n ...]" (mm/vmalloc.c s_show), or "... unpurged vm_area" and
 * "... vm_map_ram". Only vmalloc areas own their pages.
 */
static int vm_line(struct ms_vmallocinfo *v, const char *l, size_t len,
		   uint64_t page_kb)
{
	const char *p = l, *end = l + len, *w, *fn = NULL, *mod = NULL;
	size_t n, fnn = 0, modn = 0;
	uint64_t pages = 0, nd[MS_MAX_NODES] = { 0 }, node, cnt, size;
	bool vmalloc = false, stack;

	if (!(w = word(&p, end, &n)) || n < 5 || memcmp(w, "0x", 2) ||
	    !memchr(w, '-', n))
		return -EINVAL;
	if (!(w = word(&p, end, &n)) || ms_parse_dec(&w, w + n, &size))
		return -EINVAL;
	while ((w = word(&p, end, &n))) {
		if (n > 6 && !memcmp(w, "pages=", 6)) {
			const char *q = w + 6;

			if (ms_parse_dec(&q, w + n, &pages) || q != w + n)
				return -EINVAL;
		} else if (is(w, n, "vmalloc")) {
			vmalloc = true;
		} else if (node_count(w, n, &node, &cnt)) {
			if (node < MS_MAX_NODES)
				nd[node] = cnt;
		} else if (w[0] == '[' && fn && !mod) {
			mod = w;
			modn = n;
		} else if (!fn && memchr(w, '+', n) && memchr(w, '/', n)) {
			fn = w;
			fnn = (size_t)((const char *)memchr(w, '+', n) - w);
		}
	}
	if (!vmalloc || !pages)
		return 0;
	stack = fn && stack_caller(fn, fnn);
	v->kb += pages * page_kb;
	if (stack)
		v->stack_kb += pages * page_kb;
	for (int i = 0; i < MS_MAX_NODES; i++) {
		v->node_kb[i] += nd[i] * page_kb;
		if (stack)
			v->node_stack_kb[i] += nd[i] * page_kb;
	}
	if (fn)
		add_caller(v, fn, fnn, mod, modn, pages * page_kb, stack);
	else
		add_caller(v, "(no caller)", 11, NULL, 0, pages * page_kb,
			   false);
	return 0;
}

int ms_vmallocinfo_parse(const char *text, size_t len, uint64_t page_kb,
			 struct ms_vmallocinfo *v, struct ms_perr *e)
{
	const char *p = text, *end = text + len, *l;
	int lineno = 0, good = 0;
	size_t n;

	memset(v, 0, sizeof(*v));
	while ((l = ms_line_next(&p, end, &n))) {
		lineno++;
		if (!n)
			continue;
		if (vm_line(v, l, n, page_kb))
			ms_perr_bad(e, lineno);
		else
			good++;
	}
	if (!good && lineno)
		return ms_perr_fail(e, -EINVAL, "no area line: unknown format");
	qsort(v->caller, v->nr_callers, sizeof(v->caller[0]), by_kb);
	v->valid = true;
	return 0;
}

/* "  00100000-bfffffff : System RAM": its size in bytes and name. */
static int io_line(const char *l, size_t len, uint64_t *bytes,
		   const char **name, size_t *nn)
{
	const char *p = ms_skip_blank(l, l + len), *end = l + len, *c;
	uint64_t a = 0, b = 0;
	int d;

	for (c = p; c < end && *c != '-'; c++) {
		if ((d = ms_hexval(*c)) < 0 || a >> 60)
			return -EINVAL;
		a = a << 4 | (uint64_t)d;
	}
	if (c == p || c >= end)
		return -EINVAL;
	for (p = ++c; c < end && *c != ' '; c++) {
		if ((d = ms_hexval(*c)) < 0 || b >> 60)
			return -EINVAL;
		b = b << 4 | (uint64_t)d;
	}
	if (c == p || end - c < 3 || memcmp(c, " : ", 3) || b < a)
		return -EINVAL;
	*bytes = b - a + 1;
	*name = c + 3;
	*nn = (size_t)(end - *name);
	return 0;
}

int ms_iomem_parse(const char *text, size_t len, struct ms_iomem *io,
		   struct ms_perr *e)
{
	static const char *const kernel[] = { "Kernel code", "Kernel rodata",
					      "Kernel data", "Kernel bss",
					      NULL };
	const char *p = text, *end = text + len, *l, *name;
	uint64_t bytes, ram = 0, kern = 0, crash = 0;
	int lineno = 0, good = 0;
	bool nonzero = false;
	size_t n, nn;

	memset(io, 0, sizeof(*io));
	while ((l = ms_line_next(&p, end, &n))) {
		lineno++;
		if (!n)
			continue;
		if (io_line(l, n, &bytes, &name, &nn)) {
			ms_perr_bad(e, lineno);
			continue;
		}
		good++;
		/* without root every range reads 00000000-00000000 */
		nonzero |= bytes > 1;
		if (is(name, nn, "System RAM"))
			ram += bytes;
		else if (is(name, nn, "Crash kernel"))
			crash += bytes;
		for (int i = 0; kernel[i]; i++)
			if (is(name, nn, kernel[i]))
				kern += bytes;
	}
	if (!good)
		return ms_perr_fail(e, -EINVAL, "no range: unknown format");
	if (!nonzero)
		return ms_perr_fail(e, -EACCES,
				    "addresses hidden (needs root)");
	io->ram_kb = ram >> 10;
	io->kernel_kb = kern >> 10;
	io->crash_kb = crash >> 10;
	io->valid = true;
	return 0;
}

/* "Node 0, zone   Normal": its node and name; false for other lines. */
static bool zone_head(const char *s, const char *e, int *node, char *name,
		      size_t n)
{
	const char *p;
	uint64_t v;

	if ((size_t)(e - s) < 5 || memcmp(s, "Node ", 5))
		return false;
	p = s + 5;
	if (ms_parse_dec(&p, e, &v) || v > MS_MAX_NODE_ID || p + 6 > e ||
	    memcmp(p, ", zone", 6))
		return false;
	p = ms_skip_blank(p + 6, e);
	if (p == e || (size_t)(e - p) >= n)
		return false;
	memcpy(name, p, e - p);
	name[e - p] = '\0';
	*node = (int)v;
	return true;
}

int ms_zoneinfo_pcp_parse(const char *text, size_t len, struct ms_buddy *b,
			  uint64_t *pcp, struct ms_perr *e)
{
	const char *p = text, *end = text + len, *l;
	int zi = -1, lineno = 0;
	size_t n;

	for (int i = 0; i < b->nr_zones; i++)
		pcp[i] = MS_NA;
	while ((l = ms_line_next(&p, end, &n))) {
		const char *s = ms_skip_blank(l, l + n), *q;
		char name[16];
		int node;
		uint64_t v;

		lineno++;
		if (zone_head(s, l + n, &node, name, sizeof(name))) {
			struct ms_zone *z = ms_zone_find(b, node, name);

			zi = z ? (int)(z - b->zones) : -1;
			continue;
		}
		if ((size_t)(l + n - s) < 6 || memcmp(s, "count:", 6) || zi < 0)
			continue;
		q = ms_skip_blank(s + 6, l + n);
		if (ms_parse_dec(&q, l + n, &v)) {
			ms_perr_bad(e, lineno);
			continue;
		}
		pcp[zi] = (ms_have(pcp[zi]) ? pcp[zi] : 0) + v;
	}
	return 0;
}
