/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The replay backend's part of reading a --json line: the live event
 * sections (decode_live.c); the accessors, the table reader and the core
 * sections are the store's codec (store/jread.h).
 */
#ifndef MS_REPLAY_DECODE_H
#define MS_REPLAY_DECODE_H

#include "store/jread.h"

/* Every events section a --json line holds: sets s->have. */
void ms_decode_live(json *top, struct ms_snapshot *s);

#endif
