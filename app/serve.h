/* SPDX-License-Identifier: GPL-2.0 */
/* --serve ADDR:PORT: /metrics over HTTP for Prometheus (docs/fleet.md). */
#ifndef MS_SERVE_H
#define MS_SERVE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "app/opts.h"
#include "app/session.h"

#define MS_SERVE_CONNS 8 /* served at once; the kernel's backlog holds more */
#define MS_SERVE_BACKLOG 64 /* connections waiting to be accepted */
#define MS_SERVE_TIMEOUT 5 /* seconds a connection may stay silent */
/*
 * seconds a connection has from its accept, or from its last request's
 * answer, until its next request's headers are in and that answer is
 * sent: a client that keeps a connection busy by sending or reading a
 * byte at a time loses it then
 */
#define MS_SERVE_DEADLINE 10
/* a connection's memory: its request line and headers must fit in half */
#define MS_SERVE_POOL 8192

struct ms_serve_addr {
	struct sockaddr_storage sa;
	socklen_t len;
};

/*
 * ADDR:PORT of --serve: "9477" or ":9477" (loopback), "127.0.0.1:9477",
 * "0.0.0.0:9477" (every IPv4 address), "[::1]:9477", "[::]:9477",
 * "localhost:9477"; port 0 lets the kernel choose. Numeric addresses
 * only, so nothing is looked up. -EINVAL with the reason in why.
 */
int ms_serve_parse(const char *s, struct ms_serve_addr *a, char *why,
		   size_t len);
/*
 * --serve's address into a, and the options it goes without (a message
 * on stderr and -EINVAL); it runs headless as with -b (o->batch set).
 */
int ms_serve_args(struct ms_opts *o, struct ms_serve_addr *a);
/* "127.0.0.1:9477" or "[::1]:9477" */
void ms_serve_addr_str(const struct ms_serve_addr *a, char *buf, size_t len);
/*
 * A listening socket on a (its port filled in when 0 was asked for);
 * the socket, or -errno with the reason in why.
 */
int ms_serve_listen(struct ms_serve_addr *a, char *why, size_t len);
/*
 * Content negotiation: whether an Accept header (NULL: none) prefers
 * OpenMetrics (application/openmetrics-text, version 1.0.0 or 0.0.1, or
 * none) to the Prometheus text format 0.0.4 (text/plain, text/ *, * / *):
 * by their q values, OpenMetrics on a tie; a header naming neither gets
 * the Prometheus text format.
 */
bool ms_serve_wants_openmetrics(const char *accept);

/* Whether this binary has the server (libmicrohttpd) or app/noserve.c. */
extern const bool ms_serve_built;
/*
 * Answer HTTP on fd, the listening socket on a, until SIGINT, SIGTERM or
 * SIGHUP: GET and HEAD of /metrics, sampled at most every o->interval
 * seconds (app/serve.c). -errno.
 */
int ms_serve_run(struct ms_session *s, const struct ms_opts *o, int fd,
		 const struct ms_serve_addr *a);

#endif
