// SPDX-License-Identifier: GPL-2.0
/* Kernel text symbols from proc/kallsyms: parsed once, then looked up. */
#include "probes/bpf/kallsyms.h"

#include <errno.h>

#include "model/snapshot.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Past the last symbol, addresses this far still count as inside it. */
#define MAX_FUNC_SIZE (1u << 20)

static int by_addr(const void *a, const void *b)
{
	const struct ms_ksym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static int grow(struct ms_kallsyms *k, int *cap, size_t *ncap, size_t need)
{
	if (k->n == *cap) {
		int c = *cap ? *cap * 2 : 4096;
		struct ms_ksym *v = realloc(k->v, (size_t)c * sizeof(*v));

		if (!v)
			return -ENOMEM;
		k->v = v;
		*cap = c;
	}
	if (k->len + need > *ncap) {
		size_t c = *ncap ? *ncap * 2 : 65536;
		char *n;

		while (c < k->len + need)
			c *= 2;
		n = realloc(k->names, c);
		if (!n)
			return -ENOMEM;
		k->names = n;
		*ncap = c;
	}
	return 0;
}

/* One line: "ffffffff8162e710 T kfree" or "... t fn\t[mod]". */
static int parse_line(struct ms_kallsyms *k, const char *l, const char *end,
		      int *cap, size_t *ncap, bool *nonzero)
{
	char *p, type, name[256];
	unsigned long long addr = strtoull(l, &p, 16);
	const char *mod;
	int n, err;

	if (p == l || p + 3 > end || p[0] != ' ' || p[2] != ' ')
		return -EINVAL;
	type = p[1];
	if (type != 't' && type != 'T')
		return 0; /* text only: stacks hold code addresses */
	p += 3;
	mod = memchr(p, '\t', (size_t)(end - p));
	n = snprintf(name, sizeof(name), "%.*s%s%.*s",
		     (int)((mod ? mod : end) - p), p, mod ? " " : "",
		     mod ? (int)(end - mod - 1) : 0, mod ? mod + 1 : "");
	if (n <= 0 || (size_t)n >= sizeof(name))
		return 0;
	err = grow(k, cap, ncap, (size_t)n + 1);
	if (err)
		return err;
	*nonzero |= addr != 0;
	k->v[k->n].addr = addr;
	k->v[k->n++].name = (uint32_t)k->len;
	memcpy(k->names + k->len, name, (size_t)n + 1);
	k->len += (size_t)n + 1;
	return 0;
}

int ms_kallsyms_parse(struct ms_kallsyms *k, const char *text, size_t len)
{
	const char *l = text, *end = text + len;
	size_t ncap = 0;
	bool nonzero = false;
	int cap = 0, err = 0;

	memset(k, 0, sizeof(*k));
	while (l < end && !err) {
		const char *nl = memchr(l, '\n', (size_t)(end - l));

		if (!nl)
			nl = end;
		if (nl > l)
			err = parse_line(k, l, nl, &cap, &ncap, &nonzero);
		l = nl + 1;
	}
	if (!err && !k->n)
		err = -ENOENT;
	if (!err && !nonzero)
		err = -EPERM;
	if (err) {
		ms_kallsyms_free(k);
		return err;
	}
	qsort(k->v, (size_t)k->n, sizeof(*k->v), by_addr);
	return 0;
}

int ms_kallsyms_load(struct ms_kallsyms *k, const struct ms_root *r)
{
	struct ms_buf b = { 0 };
	int err = ms_read(r, "proc/kallsyms", &b);

	if (!err)
		err = ms_kallsyms_parse(k, b.data, b.len);
	ms_buf_free(&b);
	return err;
}

bool ms_kallsyms_name(const struct ms_kallsyms *k, uint64_t addr, char *buf,
		      size_t len)
{
	int lo = 0, hi = k->n - 1, best = -1;
	const char *name, *mod;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;

		if (k->v[mid].addr <= addr) {
			best = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	if (best < 0 || !k->v[best].addr ||
	    addr - k->v[best].addr >= MAX_FUNC_SIZE)
		return false;
	name = k->names + k->v[best].name;
	mod = strchr(name, ' ');
	snprintf(buf, len, "%.*s+0x%llx%s",
		 (int)(mod ? mod - name : (long)strlen(name)), name,
		 (unsigned long long)(addr - k->v[best].addr), mod ? mod : "");
	return true;
}

void ms_kallsyms_free(struct ms_kallsyms *k)
{
	free(k->v);
	free(k->names);
	memset(k, 0, sizeof(*k));
}

const struct ms_kallsyms *ms_kallsyms_lazy(struct ms_kallsyms *k, int *err,
					   const struct ms_root *r,
					   struct ms_snapshot *s)
{
	if (*err == 1)
		*err = ms_kallsyms_load(k, r);
	if (!*err)
		return k;
	ms_snapshot_note(s, "kallsyms", "%s",
			 *err == -EPERM ? "addresses hidden (kptr_restrict)" :
					  strerror(-*err));
	return NULL;
}

bool ms_ksym_in(const char *sym, const char *const *prefix)
{
	for (; *prefix; prefix++)
		if (!strncmp(sym, *prefix, strlen(*prefix)))
			return true;
	return false;
}

const char *const ms_ksym_tracing[] = {
	"bpf_", "__bpf_", "__traceiter_", "trace_", "perf_", NULL,
};

int ms_ksym_walk(const struct ms_kallsyms *k, const uint64_t *ip, int depth,
		 bool (*skip)(const char *sym),
		 void (*frame)(void *arg, int n, uint64_t ip, const char *sym),
		 void *arg, int max)
{
	char sym[128];
	bool skipping = true;
	int n = 0;

	for (int i = 0; i < depth && ip[i] && n < max; i++) {
		if (!k || !ms_kallsyms_name(k, ip[i], sym, sizeof(sym)))
			snprintf(sym, sizeof(sym), "0x%llx",
				 (unsigned long long)ip[i]);
		if (skipping && skip(sym) && i + 1 < depth && ip[i + 1])
			continue;
		skipping = false;
		frame(arg, n++, ip[i], sym);
	}
	return n;
}
