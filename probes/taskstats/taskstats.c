// SPDX-License-Identifier: GPL-2.0
/*
 * Taskstats over generic netlink (libnl-genl-3): one TASKSTATS_CMD_GET
 * per process per sample, the reply's struct taskstats read by version.
 */
#define _GNU_SOURCE
#include "probes/taskstats/taskstats.h"

#include <errno.h>
#include <linux/taskstats.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ms_taskstats {
	struct nl_sock *sk;
	int family;
};

int ms_taskstats_open(struct ms_taskstats **out, char *why, size_t len)
{
	struct ms_taskstats *ts = calloc(1, sizeof(*ts));
	int err;

	*out = NULL;
	if (!ts)
		return -ENOMEM;
	ts->sk = nl_socket_alloc();
	if (!ts->sk) {
		free(ts);
		return -ENOMEM;
	}
	err = genl_connect(ts->sk);
	if (!err)
		err = ts->family =
			genl_ctrl_resolve(ts->sk, TASKSTATS_GENL_NAME);
	if (err < 0) {
		snprintf(
			why, len, "%s",
			err == -NLE_OBJ_NOTFOUND ?
				"no taskstats in this kernel (CONFIG_TASKSTATS)" :
				nl_geterror(err));
		ms_taskstats_close(ts);
		return err == -NLE_OBJ_NOTFOUND ? -ENOENT : -EIO;
	}
	*out = ts;
	return 0;
}

void ms_taskstats_close(struct ms_taskstats *ts)
{
	if (!ts)
		return;
	nl_socket_free(ts->sk);
	free(ts);
}

/* ---- struct taskstats, whatever the kernel's version ------------------ */

struct delay_field {
	int kind, version; /* the struct version that added it */
	size_t count, total;
};

#define FIELD(k, v, c, t)                             \
	{                                             \
		k, v, offsetof(struct taskstats, c),  \
			offsetof(struct taskstats, t) \
	}

static const struct delay_field fields[] = {
	FIELD(MS_DL_SWAPIN, 1, swapin_count, swapin_delay_total),
	FIELD(MS_DL_FREEPAGES, 7, freepages_count, freepages_delay_total),
	FIELD(MS_DL_THRASHING, 9, thrashing_count, thrashing_delay_total),
	FIELD(MS_DL_COMPACT, 11, compact_count, compact_delay_total),
	FIELD(MS_DL_WPCOPY, 13, wpcopy_count, wpcopy_delay_total),
};

static uint64_t u64_at(const char *p, size_t off)
{
	uint64_t v;

	memcpy(&v, p + off, sizeof(v));
	return v;
}

int ms_taskstats_parse(const void *payload, size_t len, struct ms_task_delay *d,
		       int *version)
{
	const char *p = payload;
	uint16_t v;

	if (len < offsetof(struct taskstats, ac_comm))
		return -EINVAL;
	memcpy(&v, p + offsetof(struct taskstats, version), sizeof(v));
	*version = v;
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const struct delay_field *f = &fields[i];
		bool have = v >= f->version && f->total + 8 <= len;

		d->count[f->kind] = have ? u64_at(p, f->count) : MS_NA;
		d->ns[f->kind] = have ? u64_at(p, f->total) : MS_NA;
	}
	if (len >= offsetof(struct taskstats, ac_comm) + TS_COMM_LEN)
		snprintf(d->comm, sizeof(d->comm), "%.*s", TS_COMM_LEN,
			 p + offsetof(struct taskstats, ac_comm));
	return 0;
}

/* ---- one request ----------------------------------------------------- */

struct reply {
	struct ms_task_delay *d;
	int version, err;
	bool got, done; /* the stats came; the ack or an error came */
};

/* The nested TASKSTATS_TYPE_AGGR_{PID,TGID} holds TASKSTATS_TYPE_STATS. */
static int on_valid(struct nl_msg *msg, void *arg)
{
	struct reply *r = arg;
	struct genlmsghdr *gh = genlmsg_hdr(nlmsg_hdr(msg));
	struct nlattr *a;
	int rem;

	nla_for_each_attr(a, genlmsg_attrdata(gh, 0), genlmsg_attrlen(gh, 0),
			  rem)
	{
		struct nlattr *in;
		int rem2;

		if (nla_type(a) != TASKSTATS_TYPE_AGGR_PID &&
		    nla_type(a) != TASKSTATS_TYPE_AGGR_TGID)
			continue;
		nla_for_each_nested(in, a, rem2)
		{
			if (nla_type(in) != TASKSTATS_TYPE_STATS)
				continue;
			r->err = ms_taskstats_parse(nla_data(in),
						    (size_t)nla_len(in), r->d,
						    &r->version);
			r->got = true;
		}
	}
	return NL_OK;
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct reply *r = arg;

	r->err = e->error ? e->error : -EIO;
	r->done = true;
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct reply *r = arg;

	r->done = true;
	return NL_STOP;
}

static int send_get(struct ms_taskstats *ts, int pid, bool tgid)
{
	struct nl_msg *msg = nlmsg_alloc();
	int err;

	if (!msg)
		return -ENOMEM;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, ts->family, 0, 0,
			 TASKSTATS_CMD_GET, TASKSTATS_GENL_VERSION) ||
	    nla_put_u32(msg,
			tgid ? TASKSTATS_CMD_ATTR_TGID : TASKSTATS_CMD_ATTR_PID,
			(uint32_t)pid)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	err = nl_send_auto(ts->sk, msg); /* asks for an ack: see on_ack */
	nlmsg_free(msg);
	return err < 0 ? -EIO : 0;
}

int ms_taskstats_query(struct ms_taskstats *ts, int pid, bool tgid,
		       struct ms_task_delay *d, int *version)
{
	struct reply r = { .d = d };
	struct nl_cb *cb;
	int err;

	if (pid <= 0)
		return -EINVAL;
	err = send_get(ts, pid, tgid);
	if (err)
		return err;
	cb = nl_cb_alloc(NL_CB_CUSTOM);
	if (!cb)
		return -ENOMEM;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &r);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &r);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &r);
	/* the stats, then the ack; or an error instead of both */
	while (!r.done && nl_recvmsgs(ts->sk, cb) >= 0)
		;
	nl_cb_put(cb);
	if (!r.err && !r.got)
		r.err = r.done ? -ENODATA : -EIO;
	d->pid = pid;
	*version = r.version;
	return r.err;
}

/* ---- kernel.task_delayacct -------------------------------------------- */

#define DELAYACCT "proc/sys/kernel/task_delayacct"

int ms_delayacct_read(const struct ms_root *root)
{
	unsigned long long v;
	int err = ms_read_u64(root, DELAYACCT, &v);

	if (err)
		return err;
	return v ? 1 : 0;
}

int ms_delayacct_write(const struct ms_root *root, int on)
{
	char path[4200];
	FILE *f;
	int err = 0;

	if (!root->live)
		return -EROFS;
	snprintf(path, sizeof(path), "/%s", DELAYACCT);
	f = fopen(path, "w");
	if (!f)
		return -errno;
	if (fprintf(f, "%d\n", on ? 1 : 0) < 0)
		err = -EIO;
	if (fclose(f) && !err)
		err = -errno;
	return err;
}
