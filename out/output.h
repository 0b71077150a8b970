/* SPDX-License-Identifier: GPL-2.0 */
/* Batch output of a snapshot: plain text (like top -b) or JSON Lines. */
#ifndef MS_OUTPUT_H
#define MS_OUTPUT_H

#include <stdio.h>

#include "model/snapshot.h"

/* sections: the MS_SEC_BIT() mask asked for; both return -errno. */
int ms_out_text(FILE *f, const struct ms_snapshot *s, unsigned int sections);
int ms_out_json(FILE *f, const struct ms_snapshot *s, unsigned int sections);

#endif
