// SPDX-License-Identifier: GPL-2.0
/* Whether this process may do what a backend needs (its detect() asks). */
#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "probes/probe.h"

bool ms_has_cap(int cap)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2] = { 0 };

	if (syscall(SYS_capget, &h, d))
		return false;
	return d[cap / 32].effective & (1u << (cap % 32));
}
