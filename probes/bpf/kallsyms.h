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

#endif
