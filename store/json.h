/* SPDX-License-Identifier: GPL-2.0 */
/* A sample as one line of JSON (docs/json.md): batch --json and recordings. */
#ifndef MS_STORE_JSON_H
#define MS_STORE_JSON_H

#include <stdio.h>

#include "model/snapshot.h"

/* sections: the MS_SEC_BIT() mask asked for; -errno. */
int ms_out_json(FILE *f, const struct ms_snapshot *s, unsigned int sections);

#endif
