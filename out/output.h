/* SPDX-License-Identifier: GPL-2.0 */
/* Batch output of a snapshot as plain text (like top -b); JSON: store/json.h. */
#ifndef MS_OUTPUT_H
#define MS_OUTPUT_H

#include <stdio.h>

#include "model/snapshot.h"

/* sections: the MS_SEC_BIT() mask asked for; -errno. */
int ms_out_text(FILE *f, const struct ms_snapshot *s, unsigned int sections);

#endif
