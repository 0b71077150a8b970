// SPDX-License-Identifier: GPL-2.0
/* The tabs, in order: a new tab is one file and one line here. */
#include "tui/view.h"

const struct ms_view_class *const ms_views[] = {
	&ms_view_buddy,	  &ms_view_slab, &ms_view_vma,
	&ms_view_reclaim, &ms_view_numa, NULL,
};
