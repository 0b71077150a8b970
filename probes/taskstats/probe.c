// SPDX-License-Identifier: GPL-2.0
/*
 * The taskstats backend: stall delays of every process per sample, and
 * kernel.task_delayacct turned on while requests ask for it, put back as
 * it was when they stop, on close, at exit and on a fatal signal.
 */
#define _GNU_SOURCE
#include "probes/taskstats/taskstats.h"

#include <errno.h>
#include <linux/capability.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "probes/undo.h"

#define UNDO_NAME "task_delayacct"

struct tsprobe {
	struct ms_taskstats *ts;
	int was; /* task_delayacct before we turned it on */
	bool ours;
	struct ms_task_delays prev; /* the last sample's, by pid */
	double t_prev;
	struct ms_pids pids;
};

/*
 * What puts task_delayacct back: at the next start after SIGKILL, or from
 * the crash guard (probes/undo_guard.c) and at exit.
 */
static const struct ms_undo_step undo = { UNDO_NAME,
					  "/proc/sys/kernel/task_delayacct",
					  "0", NULL, NULL };

/* Turn accounting on (want) or put it back; notes say what failed. */
static void switch_delayacct(struct tsprobe *t, const struct ms_root *root,
			     bool want, struct ms_snapshot *s)
{
	int now = ms_delayacct_read(root), err;

	if (want && !t->ours && now == 0) {
		/*
		 * first remembered, so SIGKILL cannot leave it on unseen
		 * (only ever turned on from 0: putting back writes 0)
		 */
		err = ms_undo_keep(MS_UNDO_DELAYACCT, "/", MS_UNDO_DIR, &undo,
				   1);
		if (err) {
			ms_snapshot_note(
				s, "task_delayacct",
				"not turned on: cannot remember it in " MS_UNDO_DIR
				": %s",
				strerror(-err));
			return;
		}
		err = ms_delayacct_write(root, 1);
		if (err) {
			ms_undo_forget(MS_UNDO_DELAYACCT);
			ms_snapshot_note(s, "task_delayacct",
					 "cannot turn on: %s", strerror(-err));
			return;
		}
		t->was = 0;
		t->ours = true;
	} else if (!want && t->ours) {
		err = ms_delayacct_write(root, t->was);
		if (err)
			ms_snapshot_note(s, "task_delayacct",
					 "cannot turn back off: %s",
					 strerror(-err));
		if (err)
			ms_undo_unarm(MS_UNDO_DELAYACCT);
		else
			ms_undo_forget(MS_UNDO_DELAYACCT);
		t->ours = false;
	}
}

/* ---- the backend --------------------------------------------------------- */

static int ts_detect(const struct ms_root *root, unsigned int *caps, char *why,
		     size_t len)
{
	*caps = MS_SEC_BIT(MS_SEC_TASK_DELAYS);
	if (!root->live) {
		snprintf(why, len, "captured tree");
		return -ENODEV;
	}
	/* TASKSTATS_CMD_GET is GENL_ADMIN_PERM */
	if (!ms_has_cap(CAP_NET_ADMIN)) {
		snprintf(why, len, "needs root (CAP_NET_ADMIN)");
		return -EPERM;
	}
	return 0;
}

static int ts_open(struct ms_probe *p)
{
	struct tsprobe *t = calloc(1, sizeof(*t));
	int err;

	if (!t)
		return -ENOMEM;
	err = ms_taskstats_open(&t->ts, p->why, sizeof(p->why));
	if (err) {
		free(t);
		return err;
	}
	p->priv = t;
	return 0;
}

static bool any_delay(const struct ms_task_delay *d)
{
	for (int k = 0; k < MS_DL_COUNT; k++)
		if (ms_have(d->count[k]) && d->count[k])
			return true;
	return false;
}

static void rates(struct ms_task_delay *d, const struct ms_task_delays *prev,
		  double dt)
{
	const struct ms_task_delay *p = ms_task_delay_find(prev, d->pid);

	for (int k = 0; k < MS_DL_COUNT; k++) {
		uint64_t before = p ? p->ns[k] : 0;

		d->ns_rate[k] = NAN;
		if (ms_have(d->ns[k]) && ms_have(before) && isfinite(dt) &&
		    dt > 0 && d->ns[k] >= before)
			d->ns_rate[k] = (double)(d->ns[k] - before) / dt;
	}
}

/* One process: kept when it has any delay (the others say nothing). */
static int one(struct tsprobe *t, const struct ms_root *root, int pid,
	       struct ms_snapshot *s, double dt)
{
	struct ms_task_delays *out = &s->task_delays;
	struct ms_task_delay d = { 0 }, *o;
	char rel[32];
	int version, err;

	err = ms_taskstats_query(t->ts, pid, true, &d, &version);
	if (err == -ESRCH) {
		out->gone++;
		return 0;
	}
	if (err)
		return err;
	out->version = version;
	if (!any_delay(&d))
		return 0;
	o = ms_task_delay_add(out);
	if (!o)
		return -ENOMEM;
	memcpy(o->count, d.count, sizeof(o->count));
	memcpy(o->ns, d.ns, sizeof(o->ns));
	o->pid = pid;
	/* a process's stats carry no comm: the leader's */
	snprintf(rel, sizeof(rel), "proc/%d/comm", pid);
	if (ms_read_str(root, rel, o->comm, sizeof(o->comm)))
		o->comm[0] = '\0';
	rates(o, &t->prev, dt);
	return 0;
}

/* Keep this sample's delays for the next one's rates. */
static int keep(struct tsprobe *t, const struct ms_task_delays *cur)
{
	t->prev.n = 0;
	for (int i = 0; i < cur->n; i++) {
		struct ms_task_delay *d = ms_task_delay_add(&t->prev);

		if (!d)
			return -ENOMEM;
		*d = cur->v[i];
	}
	return 0;
}

static int ts_sample(struct ms_probe *p, const struct ms_request *req,
		     struct ms_snapshot *s)
{
	struct tsprobe *t = p->priv;
	struct ms_task_delays *out = &s->task_delays;
	double dt = t->t_prev ? s->t_mono - t->t_prev : NAN;
	int err;

	switch_delayacct(t, p->root, req->delayacct, s);
	out->delayacct = ms_delayacct_read(p->root);
	out->ours = t->ours;
	out->interval = dt;
	err = ms_list_pids(p->root, &t->pids);
	if (err) {
		ms_snapshot_note(s, "task_delays", "proc: %s", strerror(-err));
		return err;
	}
	for (int i = 0; i < t->pids.n; i++) {
		err = one(t, p->root, t->pids.v[i], s, dt);
		if (err) {
			ms_snapshot_note(s, "task_delays", "taskstats: %s",
					 strerror(-err));
			return err;
		}
	}
	err = keep(t, out);
	if (err)
		return err;
	t->t_prev = s->t_mono;
	s->have |= MS_SEC_BIT(MS_SEC_TASK_DELAYS);
	s->source[MS_SEC_TASK_DELAYS] = p->ops->name;
	return 0;
}

static void ts_close(struct ms_probe *p)
{
	struct tsprobe *t = p->priv;

	if (!t)
		return;
	if (t->ours && ms_delayacct_write(p->root, t->was)) {
		fprintf(stderr, "memscope: could not turn kernel."
				"task_delayacct back off\n");
		ms_undo_unarm(MS_UNDO_DELAYACCT);
	} else if (t->ours) {
		ms_undo_forget(MS_UNDO_DELAYACCT);
	}
	t->ours = false;
	ms_taskstats_close(t->ts);
	free(t->prev.v);
	free(t->pids.v);
	free(t);
	p->priv = NULL;
}

const struct ms_probe_ops ms_taskstats_ops = {
	.name = "taskstats",
	.priority = 20,
	.detect = ts_detect,
	.open = ts_open,
	.sample = ts_sample,
	.close = ts_close,
};
