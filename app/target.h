/* SPDX-License-Identifier: GPL-2.0 */
/* The process (-p) and the slab cache (--cache) named on the command line. */
#ifndef MS_TARGET_H
#define MS_TARGET_H

#include <stddef.h>

#include "app/opts.h"
#include "app/session.h"

/*
 * Whether sample s, taken for req, shows that the process or cache req
 * names does not exist: -ESRCH (no such process, or it exited) or
 * -ENOENT (no such cache) with a message in why; else 0.
 */
int ms_target_missing(const struct ms_snapshot *s, const struct ms_request *req,
		      char *why, size_t len);
/*
 * Before the explorer opens, or a recording is created: that -p and
 * --cache name a process and a cache, where sections (what the run asks
 * for) reads them (one sample of them, not recorded). 0, or
 * -ESRCH/-ENOENT with the message printed on stderr. A replay shows what
 * it recorded: 0.
 */
int ms_target_check(struct ms_session *s, const struct ms_opts *o,
		    unsigned int sections);

#endif
