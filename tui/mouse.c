// SPDX-License-Identifier: GPL-2.0
/* Mouse events to actions, and where the tabs are in the tab bar. */
#include "tui/mouse.h"

#include <stdio.h>

#include "tui/widgets.h"

enum ms_mouse_act ms_mouse_act(mmask_t b)
{
	if (b & BUTTON1_DOUBLE_CLICKED)
		return MS_MOUSE_DOUBLE;
	if (b & BUTTON1_CLICKED)
		return MS_MOUSE_CLICK;
	if (b & BUTTON4_PRESSED)
		return MS_MOUSE_WHEEL_UP;
	if (b & BUTTON5_PRESSED)
		return MS_MOUSE_WHEEL_DOWN;
	return MS_MOUSE_NONE;
}

int ms_tab_label(char *buf, size_t len, int i, const char *name)
{
	snprintf(buf, len, " %d %s ", i + 1, name);
	return ms_text_width(buf);
}

int ms_tab_at(struct ms_view *const *views, int n, int x)
{
	char label[48];
	int left = 0;

	for (int i = 0; i < n && x >= left; i++) {
		int w = ms_tab_label(label, sizeof(label), i,
				     views[i]->cls->name);

		if (x < left + w)
			return i;
		left += w + 1;
	}
	return -1;
}
