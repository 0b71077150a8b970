/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel text symbols from proc/kallsyms (read through the root prefix),
 * for naming the return addresses of kernel stacks.
 */
#ifndef MS_KALLSYMS_H
#define MS_KALLSYMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "probes/root.h"

struct ms_ksym {
	uint64_t addr;
	uint32_t name; /* offset into names */
};

struct ms_kallsyms {
	struct ms_ksym *v;
	int n;
	char *names; /* "name" or "name [module]", NUL-separated */
	size_t len;
};

/* Parse kallsyms text; -EPERM when every address is 0 (kptr_restrict). */
int ms_kallsyms_parse(struct ms_kallsyms *k, const char *text, size_t len);
int ms_kallsyms_load(struct ms_kallsyms *k, const struct ms_root *r);
/* "function+0x1f" or "function+0x1f [module]"; false when unknown. */
bool ms_kallsyms_name(const struct ms_kallsyms *k, uint64_t addr, char *buf,
		      size_t len);
void ms_kallsyms_free(struct ms_kallsyms *k);

struct ms_snapshot;
/*
 * k, loaded on first use (*err 1: not yet; then 0 or -errno), or NULL
 * with a "kallsyms" note in s saying why the addresses stay numbers.
 */
const struct ms_kallsyms *ms_kallsyms_lazy(struct ms_kallsyms *k, int *err,
					   const struct ms_root *r,
					   struct ms_snapshot *s);

/* Whether sym starts with one of prefix[] (NULL-terminated). */
bool ms_ksym_in(const char *sym, const char *const *prefix);
/* The frames of the tracing that took a stack: bpf_, __traceiter_ ... */
extern const char *const ms_ksym_tracing[];

/*
 * The frames of the kernel stack ip[0..depth) (a 0 ends it), each named
 * by k ("0x..." where k is NULL or knows none) and given in turn to
 * frame(arg, n, ip, name), n from 0, at most max; the leading ones skip()
 * says are machinery (the allocator, the tracing) left out, but never
 * the last. Returns how many frames were given.
 */
int ms_ksym_walk(const struct ms_kallsyms *k, const uint64_t *ip, int depth,
		 bool (*skip)(const char *sym),
		 void (*frame)(void *arg, int n, uint64_t ip, const char *sym),
		 void *arg, int max);

#endif
