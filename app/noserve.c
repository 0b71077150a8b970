// SPDX-License-Identifier: GPL-2.0
/* --serve in a build without libmicrohttpd: it only says why. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "app/serve.h"

const bool ms_serve_built = false;

/* Never called: ms_serve_args() refuses --serve first. */
int ms_serve_run(struct ms_session *s, const struct ms_opts *o, int fd,
		 const struct ms_serve_addr *a)
{
	close(fd);
	fprintf(stderr, "memscope: --serve: not built with libmicrohttpd "
			"(install libmicrohttpd-dev and build again)\n");
	return -ENOTSUP;
}
