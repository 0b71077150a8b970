// SPDX-License-Identifier: GPL-2.0
/* Values computed from raw ones, the same whichever backend fed them. */
#include "core/frag.h"
#include "core/snapshot.h"

void ms_derive(struct ms_snapshot *s)
{
	ms_derive_buddy(&s->buddy);
}
