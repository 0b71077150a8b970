// SPDX-License-Identifier: GPL-2.0
/*
 * The probe manager: detects and opens every backend it knows, gives each
 * section to the highest-priority backend that can provide it, and samples.
 */
#include "probes/probe.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/*
 * Every backend memscope detects on a root; later ones add a line here.
 * The replay is opened on its own (ms_manager_open_replay()).
 */
static const struct ms_probe_ops *const backends[] = {
	&ms_procfs_ops, &ms_kmod_ops, &ms_bpf_ops, &ms_taskstats_ops, NULL,
};

static double now(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void assign_sections(struct ms_manager *m)
{
	for (int sec = 0; sec < MS_SEC_COUNT; sec++) {
		struct ms_probe *best = NULL;

		for (int i = 0; i < m->n; i++) {
			struct ms_probe *p = &m->probes[i];

			if (!p->opened || !(p->caps & MS_SEC_BIT(sec)))
				continue;
			if (!best || p->ops->priority > best->ops->priority)
				best = p;
		}
		m->owner[sec] = best;
		if (best)
			best->owns |= MS_SEC_BIT(sec);
	}
}

int ms_manager_open(struct ms_manager *m, const struct ms_root *root)
{
	return ms_manager_open_for(m, root, MS_SEC_EVERY, NULL);
}

int ms_manager_open_for(struct ms_manager *m, const struct ms_root *root,
			unsigned int want, const char *why)
{
	int opened = 0;

	memset(m, 0, sizeof(*m));
	m->root = root;
	for (int i = 0; backends[i] && m->n < MS_MAX_PROBES; i++) {
		struct ms_probe *p = &m->probes[m->n++];
		int err;

		p->ops = backends[i];
		p->root = root;
		err = p->ops->detect(root, &p->caps, p->why, sizeof(p->why));
		if (err)
			continue;
		/* nothing it provides will be shown: not even opened */
		if (!((p->caps | p->ops->adds) & want)) {
			snprintf(p->why, sizeof(p->why), "%s",
				 why ? why : "not asked for");
			continue;
		}
		err = p->ops->open(p);
		if (err) {
			/* the backend's own reason, when it gave one */
			if (!p->why[0])
				snprintf(p->why, sizeof(p->why),
					 "open failed: %s", strerror(-err));
			continue;
		}
		p->opened = true;
		opened++;
	}
	assign_sections(m);
	return opened ? 0 : -ENODEV;
}

int ms_manager_open_replay(struct ms_manager *m, const char *file, double from,
			   double to)
{
	struct ms_probe *p = &m->probes[0];
	int err;

	memset(m, 0, sizeof(*m));
	m->n = 1;
	p->ops = &ms_replay_ops;
	p->file = file;
	p->from = from;
	p->to = to;
	err = p->ops->detect(NULL, &p->caps, p->why, sizeof(p->why));
	if (!err)
		err = p->ops->open(p);
	p->opened = !err;
	assign_sections(m);
	return err;
}

/* Why nobody provides sec: the reason of a backend that could have. */
static const char *why_missing(const struct ms_manager *m, int sec)
{
	for (int i = 0; i < m->n; i++) {
		const struct ms_probe *p = &m->probes[i];

		if (!p->opened && (p->caps & MS_SEC_BIT(sec)) && p->why[0])
			return p->why;
	}
	return "no backend provides it";
}

bool ms_manager_sample(struct ms_manager *m, const struct ms_request *req,
		       struct ms_snapshot *snap)
{
	bool derived = false;

	ms_snapshot_reset(snap);
	snap->t_mono = now(CLOCK_MONOTONIC);
	snap->t_real = now(CLOCK_REALTIME);
	for (int i = 0; i < m->n; i++) {
		struct ms_probe *p = &m->probes[i];

		if (!p->opened)
			continue;
		if ((p->owns | p->ops->adds) & req->sections) {
			p->ops->sample(p, req, snap);
			derived |= p->ops->derived;
		} else if (p->ops->idle) {
			p->ops->idle(p, req, snap);
		}
	}
	for (int i = 0; i < m->n; i++) {
		const struct ms_probe *p = &m->probes[i];

		if (!p->opened && (p->ops->adds & req->sections) && p->why[0])
			ms_snapshot_note(snap, p->ops->adds_note, "%s", p->why);
	}
	for (int sec = 0; sec < MS_SEC_COUNT; sec++) {
		if (!(req->sections & MS_SEC_BIT(sec)) || m->owner[sec])
			continue;
		ms_snapshot_note(snap, ms_section_name(sec), "%s",
				 why_missing(m, sec));
	}
	return derived;
}

void ms_manager_sample_every(struct ms_manager *m)
{
	for (int i = 0; i < m->n; i++)
		if (m->probes[i].opened)
			m->probes[i].owns = m->probes[i].caps;
}

struct ms_cursor *ms_manager_cursor(struct ms_manager *m)
{
	for (int i = 0; i < m->n; i++) {
		struct ms_probe *p = &m->probes[i];

		if (p->opened && p->ops->cursor)
			return p->ops->cursor(p);
	}
	return NULL;
}

void ms_manager_close(struct ms_manager *m)
{
	for (int i = 0; i < m->n; i++) {
		struct ms_probe *p = &m->probes[i];

		if (p->opened)
			p->ops->close(p);
		p->opened = false;
	}
	m->n = 0;
}
