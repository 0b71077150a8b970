/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Attribution (the memory area's "attribution" section): kernel memory by
 * the call site that allocated it, from /proc/allocinfo (6.10+ with
 * CONFIG_MEM_ALLOC_PROFILING) or from the BPF attrib group's pages
 * allocated and not yet freed since it attached.
 */
#ifndef MS_MODEL_ATTRIB_H
#define MS_MODEL_ATTRIB_H

#include "model/base.h"

#define MS_ATTRIB_SITE 160 /* "fs/pipe.c:520 [mod] func:pipe_write" */
#define MS_ATTRIB_STACK 512 /* frames, ';'-separated, call site first */
#define MS_ATTRIB_MAX 64 /* sites kept: the biggest */

enum ms_attrib_src {
	MS_ATTRIB_ALLOCINFO, /* /proc/allocinfo: everything since boot */
	MS_ATTRIB_BPF, /* pages allocated since attach, not yet freed */
	MS_ATTRIB_NSRC
};

struct ms_attrib_site {
	/*
	 * allocinfo: its tag ("mm/slub.c:2452 func:alloc_slab_page", a
	 * module's with "[name]"); bpf: the first frame outside the page
	 * allocator ("pipe_write+0x1c2"). Raw kernel text: escaped on output
	 */
	char site[MS_ATTRIB_SITE];
	uint64_t kb; /* held now */
	/* allocinfo: allocations live; bpf: page blocks outstanding */
	uint64_t calls;
	double kb_per_s; /* growth of kb (model/rates.c), NAN: first sight */
	char stack[MS_ATTRIB_STACK]; /* bpf: the whole kernel stack */
	bool inaccurate; /* allocinfo 2.0 "accurate:no" */
};

struct ms_attrib {
	int source; /* enum ms_attrib_src, -1: none */
	uint64_t kb; /* over every site, listed or not */
	uint64_t nr_sites; /* every site with memory (the list: the biggest) */
	double kb_per_s; /* growth of kb */
	/* allocinfo: the file's format ("1.0", "2.0"), sites accurate:no */
	char version[16];
	uint64_t inaccurate;
	/*
	 * bpf: seconds since attach (pages allocated before are unknown),
	 * the table's room (page blocks), allocations it had no room for,
	 * frees of blocks whose allocation it did not see (allocated before
	 * attach, or not tracked), stacks the stack map had no room for
	 */
	double since_s;
	uint64_t capacity, dropped, unseen_frees, stack_lost;
	struct ms_attrib_site *v;
	int n, cap;
};

/* Growth per second of cur's sites against prev's (by site), dt apart. */
void ms_attrib_rates(struct ms_attrib *cur, const struct ms_attrib *prev,
		     double dt);
/*
 * Room for a site of kb in a's list, which keeps the MS_ATTRIB_MAX
 * biggest: a new record, the smallest one's (cleared), or NULL when kb is
 * smaller than all of them (or on ENOMEM).
 */
struct ms_attrib_site *ms_attrib_slot(struct ms_attrib *a, uint64_t kb);
/* Sort by kb (biggest first), keep MS_ATTRIB_MAX. */
void ms_attrib_top(struct ms_attrib *a);

#endif
