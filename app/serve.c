// SPDX-License-Identifier: GPL-2.0
/*
 * --serve: GET /metrics through libmicrohttpd, in this one thread. A
 * scrape takes a sample only when the last is -d old; scrapes in between
 * share it and its rendered exposition (docs/fleet.md).
 */
#include "app/serve.h"

#include <errno.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/batch.h"
#include "out/openmetrics.h"

#define CT_OM "application/openmetrics-text; version=1.0.0; charset=utf-8"
#define CT_PROM "text/plain; version=0.0.4; charset=utf-8"

/*
 * One rendered exposition, shared by the responses that send it: freed
 * when the next sample replaces it and the last of them is done.
 */
struct body {
	char *buf;
	size_t len;
	int refs;
};

/* A connection served: its socket, when its time is up (CLOCK_MONOTONIC) */
struct conn {
	int fd; /* -1: a free slot */
	double end;
};

struct server {
	struct ms_session *ss;
	const struct ms_opts *o;
	struct MHD_Daemon *d;
	struct ms_request req;
	struct ms_snapshot snaps[2];
	unsigned long n; /* samples taken */
	double t; /* CLOCK_MONOTONIC when the last began */
	struct body *out[2]; /* its Prometheus text, OpenMetrics; or NULL */
	struct conn conns[MS_SERVE_CONNS];
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void unref(void *cls)
{
	struct body *b = cls;

	if (b && !--b->refs) {
		free(b->buf);
		free(b);
	}
}

/*
 * A connection accepted takes a slot, with MS_SERVE_DEADLINE seconds
 * ahead; one closed gives it back. libmicrohttpd's own timeout counts
 * silence only, which a byte every few seconds resets.
 */
static void notify(void *cls, struct MHD_Connection *c, void **sctx,
		   enum MHD_ConnectionNotificationCode code)
{
	struct server *v = cls;
	struct conn *k = *sctx;

	if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		if (k)
			k->fd = -1;
		*sctx = NULL;
		return;
	}
	const union MHD_ConnectionInfo *i =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);

	for (int n = 0; n < MS_SERVE_CONNS && i && !*sctx; n++)
		if (v->conns[n].fd < 0) {
			v->conns[n].fd = i->connect_fd;
			v->conns[n].end = now() + MS_SERVE_DEADLINE;
			*sctx = &v->conns[n];
		}
}

/* A request answered: its connection has MS_SERVE_DEADLINE s for the next. */
static void renew(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *i =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct conn *k = i ? i->socket_context : NULL;

	if (k)
		k->end = now() + MS_SERVE_DEADLINE;
}

/*
 * Connections past their time are shut down: libmicrohttpd then reads
 * the end of the stream and closes them itself (the descriptor is its).
 */
static void expire(struct server *v)
{
	double t = now();

	for (int n = 0; n < MS_SERVE_CONNS; n++)
		if (v->conns[n].fd >= 0 && v->conns[n].end < t) {
			shutdown(v->conns[n].fd, SHUT_RDWR);
			v->conns[n].end = t + MS_SERVE_DEADLINE;
		}
}

/* The last sample, or a new one when it is -d old (or there is none). */
static int fresh(struct server *v)
{
	struct ms_snapshot *cur = &v->snaps[v->n & 1];
	struct ms_snapshot *prev = v->n ? &v->snaps[(v->n - 1) & 1] : NULL;
	double t = now();
	int err;

	if (v->n && t - v->t < v->o->interval)
		return 0;
	err = ms_session_sample(v->ss, &v->req, cur, prev);
	if (err)
		return err;
	v->n++;
	v->t = t;
	for (int i = 0; i < 2; i++) {
		unref(v->out[i]);
		v->out[i] = NULL;
	}
	return 0;
}

/* The last sample's exposition in one format, rendered once. */
static struct body *render(struct server *v, bool om)
{
	struct ms_om_opts opts = { .openmetrics = om, .top = v->o->top };
	const struct ms_snapshot *s = &v->snaps[(v->n - 1) & 1];
	struct body *b = v->out[om];
	FILE *f;
	int err;

	if (b)
		return b;
	b = calloc(1, sizeof(*b));
	if (!b)
		return NULL;
	f = open_memstream(&b->buf, &b->len);
	if (!f) {
		free(b);
		return NULL;
	}
	err = ms_out_openmetrics(f, s, v->req.sections, &opts);
	if (fclose(f) || err) {
		free(b->buf);
		free(b);
		return NULL;
	}
	b->refs = 1; /* the server's own */
	return v->out[om] = b;
}

/* A short text answer: 404, 405, 413, 500. */
static enum MHD_Result reply(struct MHD_Connection *c, unsigned int status,
			     const char *text)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(
		strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
	enum MHD_Result ret;

	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
				"text/plain; charset=utf-8");
	if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

/* Whether the connections are at the limit, so others wait to be accepted. */
static bool at_limit(struct server *v)
{
	const union MHD_DaemonInfo *i =
		MHD_get_daemon_info(v->d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);

	return i && i->num_connections >= MS_SERVE_CONNS;
}

static enum MHD_Result metrics(struct server *v, struct MHD_Connection *c)
{
	bool om = ms_serve_wants_openmetrics(MHD_lookup_connection_value(
		c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT));
	struct MHD_Response *r;
	struct body *b;
	enum MHD_Result ret;
	int err = fresh(v);

	if (err || !v->n) {
		fprintf(stderr, "memscope: sampling: %s\n", strerror(-err));
		return reply(c, MHD_HTTP_INTERNAL_SERVER_ERROR,
			     "memscope could not sample (see its stderr)\n");
	}
	b = render(v, om);
	if (!b)
		return reply(c, MHD_HTTP_INTERNAL_SERVER_ERROR,
			     "memscope could not write the exposition\n");
	r = MHD_create_response_from_buffer_with_free_callback_cls(
		b->len, b->buf, unref, b);
	if (!r)
		return MHD_NO;
	b->refs++;
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
				om ? CT_OM : CT_PROM);
	MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Accept");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	/*
	 * a client that keeps its connection while others wait would keep
	 * them waiting: at the limit each connection serves one request
	 */
	if (at_limit(v))
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
	ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c,
			      const char *url, const char *method,
			      const char *version, const char *upload,
			      size_t *upload_size, void **ctx)
{
	const char *clen = MHD_lookup_connection_value(
		c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	const char *te = MHD_lookup_connection_value(
		c, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);

	/* refused when the headers are in, and the connection closed */
	if (strcmp(method, MHD_HTTP_METHOD_GET) &&
	    strcmp(method, MHD_HTTP_METHOD_HEAD))
		return reply(c, MHD_HTTP_METHOD_NOT_ALLOWED,
			     "memscope answers GET and HEAD only\n");
	if (strcmp(url, "/metrics"))
		return reply(c, MHD_HTTP_NOT_FOUND,
			     "memscope serves /metrics only\n");
	if (te || (clen && strcmp(clen, "0")))
		return reply(c, MHD_HTTP_CONTENT_TOO_LARGE,
			     "a GET of /metrics has no body\n");
	/*
	 * libmicrohttpd closes a connection answered at its first call (a
	 * body might follow); the next call is the request complete, and
	 * its answer keeps the connection for the next scrape
	 */
	if (!*ctx) {
		*ctx = cls;
		return MHD_YES;
	}
	enum MHD_Result ret = metrics(cls, c);

	renew(c); /* after the sample, which may have taken a while */
	return ret;
}

const bool ms_serve_built = true;

int ms_serve_run(struct ms_session *ss, const struct ms_opts *o, int fd,
		 const struct ms_serve_addr *a)
{
	struct server v = { .ss = ss, .o = o };
	char where[64];
	int err = 0;

	for (int n = 0; n < MS_SERVE_CONNS; n++)
		v.conns[n].fd = -1;
	ms_batch_request(&v.req, o);
	ms_snapshot_init(&v.snaps[0]);
	ms_snapshot_init(&v.snaps[1]);
	/*
	 * external polling from this thread (the probes are not shared with
	 * another), epoll: no FD_SETSIZE bound on the descriptors BPF takes
	 */
	v.d = MHD_start_daemon(
		MHD_USE_EPOLL, 0, NULL, NULL, handle, &v,
		MHD_OPTION_LISTEN_SOCKET, fd, MHD_OPTION_CONNECTION_LIMIT,
		(unsigned int)MS_SERVE_CONNS, MHD_OPTION_CONNECTION_TIMEOUT,
		(unsigned int)MS_SERVE_TIMEOUT,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)MS_SERVE_POOL,
		MHD_OPTION_STRICT_FOR_CLIENT, 1, MHD_OPTION_NOTIFY_CONNECTION,
		notify, &v, MHD_OPTION_END);
	if (!v.d) {
		fprintf(stderr, "memscope: libmicrohttpd did not start\n");
		close(fd);
		err = -EIO;
	}
	ms_serve_addr_str(a, where, sizeof(where));
	if (v.d)
		fprintf(stderr,
			"memscope: serving http://%s/metrics, a sample at most "
			"every %g s\n",
			where, o->interval);
	ms_catch_signals();
	while (v.d && !ms_stop_signal()) {
		if (MHD_run_wait(v.d, 250) != MHD_YES) {
			fprintf(stderr, "memscope: libmicrohttpd failed\n");
			err = -EIO;
			break;
		}
		expire(&v);
	}
	if (v.d)
		MHD_stop_daemon(v.d);
	for (int i = 0; i < 2; i++)
		unref(v.out[i]);
	ms_snapshot_free(&v.snaps[0]);
	ms_snapshot_free(&v.snaps[1]);
	return err;
}
