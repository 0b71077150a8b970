/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Batch output of a process's VMAs without holding them: the procfs reader
 * hands each VMA to a spool file, the writers read them back in order.
 */
#ifndef MS_VMA_SPOOL_H
#define MS_VMA_SPOOL_H

#include <stdio.h>

#include "model/snapshot.h"

struct ms_vma_spool {
	struct ms_vma_sink sink; /* what a request's vma_sink points to */
	FILE *f; /* an unlinked temporary file */
	char *path; /* a read-back VMA's path */
	size_t pathcap;
};

/* -errno when no temporary file can be made (then hold the list). */
int ms_vma_spool_open(struct ms_vma_spool *sp);
void ms_vma_spool_close(struct ms_vma_spool *sp);

#endif
