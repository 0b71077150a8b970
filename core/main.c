// SPDX-License-Identifier: GPL-2.0
/* memscope entry point (being written). */
#include "tui/tui.h"

int main(void)
{
	return 0;
}
