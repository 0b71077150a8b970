// SPDX-License-Identifier: GPL-2.0
/*
 * The tabs, in order: the areas of model/areas.def that have one. A new
 * tab is its folder tui/tabs/NAME/ and its area's line there.
 */
#include "tui/view.h"

#undef MS_VIEW_TAB
#define MS_VIEW_TAB(a) &ms_view_##a,
#define MS_AREA(a, kind) MS_VIEW_##kind(a)
const struct ms_view_class *const ms_views[] = {
#include "model/areas.def"
	NULL,
};
#undef MS_AREA
