/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure parsers of the Reclaim area's files: /proc/pressure/memory,
 * /proc/swaps and zram's mm_stat. Text in (len bytes, no NUL needed).
 */
#ifndef MS_PROCFS_RECLAIM_H
#define MS_PROCFS_RECLAIM_H

#include "model/snapshot.h"
#include "probes/procfs/kv.h"

#include <stddef.h>

/*
 * "some avg10=0.12 avg60=0.05 avg300=0.01 total=1234" and the same for
 * "full" (absent on some files and kernels: full->valid stays false).
 * Returns 0 when the some line parsed, else -EINVAL with e->why.
 */
int ms_psi_parse(const char *text, size_t len, struct ms_psi_line *some,
		 struct ms_psi_line *full, struct ms_perr *e);

/*
 * /proc/swaps: every device appended to r->swaps, its name unescaped
 * (the kernel writes ' ' as \040). Returns 0 (also for no swap at all),
 * -ENOMEM, or -EINVAL when nothing in text looks like the file.
 */
int ms_swaps_parse(const char *text, size_t len, struct ms_reclaim *r,
		   struct ms_perr *e);

/*
 * Undo the kernel's mangle_path(): "\ooo" octal escapes become their
 * byte. Writes at most n bytes with the NUL; returns the length written.
 */
size_t ms_unescape_octal(char *out, size_t n, const char *in, size_t len);

/*
 * zram's mm_stat: orig_data_size compr_data_size mem_used_total mem_limit
 * mem_used_max same_pages pages_compacted [more fields ignored]. Fills z
 * only when all seven parse; -EINVAL with e->why otherwise.
 */
int ms_zram_mm_stat_parse(const char *text, size_t len, struct ms_zram *z,
			  struct ms_perr *e);

#endif
