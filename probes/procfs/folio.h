/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Memory by folio size, the way the kernel's tools/mm/thpmaps finds it:
 * each page's PFN from /proc/PID/pagemap, its flags from /proc/kpageflags,
 * a folio a compound head and the tails that follow it in both virtual and
 * physical order. The scanner is pure (entries and flags in, counts out);
 * the reader keeps a pass over one process's VMAs between samples.
 */
#ifndef MS_PROCFS_FOLIO_H
#define MS_PROCFS_FOLIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

/* Documentation/admin-guide/mm/pagemap.rst */
#define MS_PM_PRESENT (1ULL << 63)
#define MS_PM_PFN ((1ULL << 55) - 1)

/* The run of compound pages in progress: n pages from vfn and pfn. */
struct ms_folio_scan {
	struct ms_folios *out;
	uint64_t vfn, pfn, n;
	bool head; /* the run began at a head */
	bool anon; /* the head's (6.1 gives a tail no KPF_ANON) */
	uint64_t next; /* the flags of the page after the run's last pfn */
};

void ms_folio_init(struct ms_folio_scan *st, struct ms_folios *out);
/*
 * n pages from virtual page vfn: pm[i] their pagemap entries, fl[i] the
 * flags of each present page's PFN and nx[i] those of the PFN after it
 * (any value for a page not present).
 */
void ms_folio_feed(struct ms_folio_scan *st, uint64_t vfn, const uint64_t *pm,
		   const uint64_t *fl, const uint64_t *nx, size_t n);
/* Count the run in progress: the end of a range. */
void ms_folio_flush(struct ms_folio_scan *st);

/* pages of address space a sample of the explorer reads: 512 MiB */
#define MS_FOLIO_BUDGET (128 * 1024)

struct ms_root;
struct ms_procfs;
struct ms_folio_pass;

/*
 * A sample's part of the pass over pid's VMAs (pf->folio_want: 1 within
 * pf->folio_budget pages, 2 all of them), or NULL with a note "folios"
 * saying why not. Then ms_folio_vma() on each VMA in address order,
 * before it is handed on, and ms_folio_end() once the list is read.
 */
struct ms_folio_pass *ms_folio_begin(const struct ms_root *r,
				     struct ms_procfs *pf, int pid,
				     struct ms_snapshot *s);
void ms_folio_vma(struct ms_folio_pass *fp, struct ms_vma *v);
void ms_folio_end(struct ms_folio_pass *fp, struct ms_vmas *vs,
		  struct ms_snapshot *s);
void ms_procfs_folio_free(struct ms_procfs *pf);

#endif
