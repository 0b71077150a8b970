// SPDX-License-Identifier: GPL-2.0
/* DEVELOPMENT PLACEHOLDER: replaced by the real main loop. */
#include "tui/tui.h"

int ms_tui_run(struct ms_manager *m, const struct ms_opts *o)
{
	return -1;
}
