// SPDX-License-Identifier: GPL-2.0
/*
 * --serve's address (loopback unless one is given) and the options it
 * goes with, its listening socket, and the Accept header's choice between
 * OpenMetrics and Prometheus text: what needs no HTTP library.
 */
#include "app/serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* "9477": decimal, 0..65535, nothing else */
static int parse_port(const char *s, in_port_t *port)
{
	unsigned long v = 0;

	if (!*s || strlen(s) > 5)
		return -EINVAL;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -EINVAL;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	if (v > 65535)
		return -EINVAL;
	*port = htons((uint16_t)v);
	return 0;
}

static void set4(struct ms_serve_addr *a, const struct in_addr *ip,
		 in_port_t port)
{
	struct sockaddr_in *in = (struct sockaddr_in *)&a->sa;

	memset(a, 0, sizeof(*a));
	in->sin_family = AF_INET;
	in->sin_addr = *ip;
	in->sin_port = port;
	a->len = sizeof(*in);
}

int ms_serve_parse(const char *s, struct ms_serve_addr *a, char *why,
		   size_t len)
{
	struct in_addr ip4 = { htonl(INADDR_LOOPBACK) };
	const char *colon = strrchr(s, ':');
	char host[INET6_ADDRSTRLEN + 2];
	size_t hlen = colon ? (size_t)(colon - s) : 0;
	in_port_t port;

	if (parse_port(colon ? colon + 1 : s, &port)) {
		snprintf(why, len, "%s",
			 colon ? "the port after ':' is not 0..65535" :
				 "give PORT, :PORT or ADDR:PORT");
		return -EINVAL;
	}
	/* "9477" and ":9477": loopback, never every address by omission */
	if (!hlen) {
		set4(a, &ip4, port);
		return 0;
	}
	if (hlen >= sizeof(host)) {
		snprintf(why, len, "not a numeric IPv4 or [IPv6] address");
		return -EINVAL;
	}
	memcpy(host, s, hlen);
	host[hlen] = 0;
	if (host[0] == '[' && host[hlen - 1] == ']') {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&a->sa;

		host[hlen - 1] = 0;
		memset(a, 0, sizeof(*a));
		if (inet_pton(AF_INET6, host + 1, &in6->sin6_addr) != 1) {
			snprintf(why, len, "not an IPv6 address in brackets");
			return -EINVAL;
		}
		in6->sin6_family = AF_INET6;
		in6->sin6_port = port;
		a->len = sizeof(*in6);
		return 0;
	}
	if (strchr(host, ':')) {
		snprintf(why, len,
			 "an IPv6 address goes in brackets: [::1]:PORT");
		return -EINVAL;
	}
	if (strcmp(host, "localhost") && inet_pton(AF_INET, host, &ip4) != 1) {
		snprintf(why, len,
			 "not a numeric IPv4 or [IPv6] address "
			 "(nothing is looked up)");
		return -EINVAL;
	}
	set4(a, &ip4, port);
	return 0;
}

void ms_serve_addr_str(const struct ms_serve_addr *a, char *buf, size_t len)
{
	char ip[INET6_ADDRSTRLEN] = "?";

	if (a->sa.ss_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)&a->sa;

		inet_ntop(AF_INET6, &in6->sin6_addr, ip, sizeof(ip));
		snprintf(buf, len, "[%s]:%u", ip, ntohs(in6->sin6_port));
	} else {
		const struct sockaddr_in *in = (const void *)&a->sa;

		inet_ntop(AF_INET, &in->sin_addr, ip, sizeof(ip));
		snprintf(buf, len, "%s:%u", ip, ntohs(in->sin_port));
	}
}

int ms_serve_listen(struct ms_serve_addr *a, char *why, size_t len)
{
	const char *hint = "";
	char where[INET6_ADDRSTRLEN + 10];
	int fd, on = 1, err;

	ms_serve_addr_str(a, where, sizeof(where));
	fd = socket(a->sa.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		err = -errno;
		snprintf(why, len, "%s: %s", where, strerror(-err));
		return err;
	}
	/* a restart binds again while the last run's connections linger */
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	if (bind(fd, (const struct sockaddr *)&a->sa, a->len) ||
	    listen(fd, MS_SERVE_BACKLOG) ||
	    getsockname(fd, (struct sockaddr *)&a->sa, &a->len)) {
		err = -errno;
		if (err == -EADDRINUSE)
			hint = " (another memscope --serve, or another "
			       "server, listens there)";
		else if (err == -EADDRNOTAVAIL)
			hint = " (no interface of this machine has it)";
		else if (err == -EACCES)
			hint = " (ports below 1024 need root)";
		snprintf(why, len, "%s: %s%s", where, strerror(-err), hint);
		close(fd);
		return err;
	}
	return fd;
}

int ms_serve_args(struct ms_opts *o, struct ms_serve_addr *a)
{
	char why[160];

	if (!ms_serve_built) {
		fprintf(stderr, "memscope: --serve: not built with "
				"libmicrohttpd (install libmicrohttpd-dev, or "
				"make run, and build again)\n");
		return -EINVAL;
	}
	if (ms_serve_parse(o->serve, a, why, sizeof(why))) {
		fprintf(stderr, "memscope: --serve '%s': %s\n", o->serve, why);
		return -EINVAL;
	}
	if (o->format != MS_FMT_TEXT) {
		fprintf(stderr, "memscope: --serve answers OpenMetrics or "
				"Prometheus text by the Accept header: no "
				"--json or --format\n");
		return -EINVAL;
	}
	if (o->count || o->capture || o->record || o->replay) {
		fprintf(stderr, "memscope: --serve runs until stopped, on the "
				"live system or a --root tree: no -n, "
				"--capture, --record or --replay\n");
		return -EINVAL;
	}
	if (o->pid > 0 || o->slab_cache) {
		fprintf(stderr, "memscope: --serve has no per-process or "
				"per-cache series: no -p or --cache\n");
		return -EINVAL;
	}
	o->batch = true;
	return 0;
}

/* ---- Accept --------------------------------------------------------- */

/* "  text/plain " -> "text/plain" in buf */
static void trim(char *buf, size_t len, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	snprintf(buf, len, "%.*s", (int)n, s);
}

/*
 * One media range of an Accept header ("type/sub;version=1.0.0;q=0.5",
 * n bytes): which format it accepts (bit 0 Prometheus text, bit 1
 * OpenMetrics) and its q in *q.
 */
static unsigned int range(const char *s, size_t n, double *q)
{
	const char *semi = memchr(s, ';', n), *end = s + n;
	char type[64], par[64], version[32] = "", *eq, *e;
	bool versioned = false;

	trim(type, sizeof(type), s, semi ? (size_t)(semi - s) : n);
	*q = 1;
	for (const char *p = semi; p && p < end; p = semi) {
		p++;
		semi = memchr(p, ';', (size_t)(end - p));
		trim(par, sizeof(par), p, (size_t)((semi ? semi : end) - p));
		eq = strchr(par, '=');
		if (!eq)
			continue;
		*eq++ = 0;
		if (!strcasecmp(par, "q")) {
			*q = strtod(eq, &e);
			if (e == eq || *e || !(*q >= 0 && *q <= 1))
				*q = 0; /* a broken q: the range is ignored */
		} else if (!strcasecmp(par, "version")) {
			snprintf(version, sizeof(version), "%s", eq);
			versioned = true;
		}
	}
	/* the versions memscope writes: OpenMetrics 1.0.0 (0.0.1 is its
	 * draft, which Prometheus still asks for), Prometheus text 0.0.4 */
	if (!strcasecmp(type, "application/openmetrics-text"))
		return !versioned || !strcmp(version, "1.0.0") ||
				       !strcmp(version, "0.0.1") ?
			       2 :
			       0;
	if (!strcasecmp(type, "text/plain"))
		return !versioned || !strcmp(version, "0.0.4") ? 1 : 0;
	if (!strcasecmp(type, "text/*"))
		return 1;
	return !strcmp(type, "*/*") ? 3 : 0;
}

bool ms_serve_wants_openmetrics(const char *accept)
{
	double q, om = 0, text = 0;
	const char *p = accept, *comma;
	unsigned int fmts;

	for (; p && *p; p = comma ? comma + 1 : NULL) {
		comma = strchr(p, ',');
		fmts = range(p, comma ? (size_t)(comma - p) : strlen(p), &q);
		/* a wildcard stands for both, a named type for itself */
		if (fmts == 3) {
			text = q > text ? q : text;
			continue;
		}
		if ((fmts & 2) && q > om)
			om = q;
		if ((fmts & 1) && q > text)
			text = q;
	}
	return om > 0 && om >= text;
}
