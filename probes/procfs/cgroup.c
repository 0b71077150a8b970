// SPDX-License-Identifier: GPL-2.0
/*
 * The Cgroup area's files: the hierarchies from the mount table under the
 * root prefix (v2 when its cgroup.controllers lists memory, else v1's
 * memory mount), and the files of one cgroup; cgcache.c walks the tree.
 */
#define _GNU_SOURCE
#include "probes/procfs/cgint.h"
#include "probes/procfs/reclaim.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/escape.h"
#include "model/field.h"

#define walk ms_cg_walk

static void esc(char *out, size_t n, const char *path)
{
	ms_escape(out, n, path, strlen(path));
}

/* file of the cgroup at w->dfd into the scratch buffer: 0, or -errno */
static int rd(struct walk *w, const char *path, const char *file)
{
	char *rel = NULL; /* base/path/file in a capture */
	int err;

	if (w->r->capture_fd >= 0 &&
	    asprintf(&rel, "%s%s/%s", w->base, path, file) < 0)
		rel = NULL;
	err = ms_read_at(w->r, w->dfd, file, rel, &w->pf->buf);
	free(rel);
	return err;
}

static void file_note(struct walk *w, const struct ms_cgroup *c,
		      const char *file, const char *why)
{
	char p[512];

	esc(p, sizeof(p), c->path);
	ms_snapshot_note(w->s, "cgroup_files", "%s/%s: %s", p, file, why);
}

static uint64_t bytes(struct walk *w, const struct ms_cgroup *c,
		      const char *file, int *err)
{
	uint64_t kb = MS_NA;

	*err = rd(w, c->path, file);
	if (*err)
		return MS_NA;
	if (ms_cg_bytes_parse(w->pf->buf.data, w->pf->buf.len, &kb)) {
		file_note(w, c, file, "not a number of bytes");
		return MS_NA;
	}
	return kb;
}

static void kv(struct walk *w, struct ms_cgroup *c, const char *file,
	       struct ms_kvlist *l)
{
	struct ms_perr e;

	ms_perr_init(&e);
	if (rd(w, c->path, file))
		return;
	if (ms_cg_kv_parse(w->pf->buf.data, w->pf->buf.len, l, &e))
		file_note(w, c, file, e.why);
	else if (e.bad)
		file_note(w, c, file,
			  "malformed or cut lines skipped (a value cut short "
			  "is no value)");
}

static void numa(struct walk *w, struct ms_cgroup *c)
{
	struct ms_perr e;

	ms_perr_init(&e);
	if (rd(w, c->path, "memory.numa_stat"))
		return; /* a kernel without NUMA */
	if (ms_cg_numa_parse(w->pf->buf.data, w->pf->buf.len, &c->numa, &e))
		file_note(w, c, "memory.numa_stat", e.why);
	else if (e.bad)
		file_note(w, c, "memory.numa_stat",
			  "malformed, repeated or cut lines skipped");
}

static void psi(struct walk *w, struct ms_cgroup *c)
{
	struct ms_psi_line some, full;
	struct ms_perr e;

	ms_perr_init(&e);
	if (rd(w, c->path, "memory.pressure"))
		return; /* PSI off, or a kernel without it */
	if (ms_psi_parse(w->pf->buf.data, w->pf->buf.len, &some, &full, &e)) {
		file_note(w, c, "memory.pressure", e.why);
		return;
	}
	c->some = (struct ms_cg_psi){ some.avg10, some.avg60, some.avg300,
				      some.total };
	if (full.valid)
		c->full = (struct ms_cg_psi){ full.avg10, full.avg60,
					      full.avg300, full.total };
}

/* Its processes (cgroup.procs) and threads (v2 cgroup.threads, v1 tasks). */
static void procs(struct walk *w, struct ms_cgroup *c)
{
	struct ms_perr e;
	int n;

	ms_perr_init(&e);
	if (!rd(w, c->path, "cgroup.procs"))
		c->procs = ms_cg_procs_parse(w->pf->buf.data, w->pf->buf.len,
					     c->pids, MS_CG_PIDS, &c->nr_pids,
					     &e);
	if (!rd(w, c->path, w->version == 2 ? "cgroup.threads" : "tasks"))
		c->threads = ms_cg_procs_parse(w->pf->buf.data, w->pf->buf.len,
					       NULL, 0, &n, &e);
}

static void dying(struct walk *w, struct ms_cgroup *c)
{
	struct ms_kvlist l = { 0 };
	struct ms_perr e;
	const struct ms_kv *k;

	ms_perr_init(&e);
	if (!rd(w, c->path, "cgroup.stat") &&
	    !ms_cg_kv_parse(w->pf->buf.data, w->pf->buf.len, &l, &e) &&
	    (k = ms_kv_find(&l, "nr_dying_descendants")))
		c->dying = k->value;
	free(l.v);
}

/* The v2 files of c; 1: no memory controller; -ENOENT: gone. */
static int read_v2(struct walk *w, struct ms_cgroup *c, bool root)
{
	int err;

	c->current_kb = bytes(w, c, "memory.current", &err);
	if (err == -ENOENT && !root) {
		if (rd(w, c->path, "cgroup.procs") == -ENOENT)
			return -ENOENT;
		procs(w, c);
		return 1;
	}
	c->max_kb = bytes(w, c, "memory.max", &err);
	c->high_kb = bytes(w, c, "memory.high", &err);
	c->low_kb = bytes(w, c, "memory.low", &err);
	c->min_kb = bytes(w, c, "memory.min", &err);
	c->peak_kb = bytes(w, c, "memory.peak", &err);
	c->swap_kb = bytes(w, c, "memory.swap.current", &err);
	c->swap_max_kb = bytes(w, c, "memory.swap.max", &err);
	c->zswap_kb = bytes(w, c, "memory.zswap.current", &err);
	c->zswap_max_kb = bytes(w, c, "memory.zswap.max", &err);
	kv(w, c, "memory.stat", &c->stat);
	kv(w, c, "memory.events", &c->events);
	kv(w, c, "memory.events.local", &c->events_local);
	numa(w, c);
	psi(w, c);
	procs(w, c);
	dying(w, c);
	return 0;
}

/* The v1 memory controller's files of c (swap: memsw is memory + swap). */
static int read_v1(struct walk *w, struct ms_cgroup *c)
{
	struct ms_kvlist oom = { 0 };
	const struct ms_kv *k;
	uint64_t v;
	int err;

	c->current_kb = bytes(w, c, "memory.usage_in_bytes", &err);
	if (err == -ENOENT)
		return -ENOENT;
	/*
	 * memsw counts memory and swap together (swap accounting on): the
	 * swap is the difference. Read a moment apart, memsw may trail the
	 * usage by what the other CPUs' charge caches hold: never below 0.
	 */
	v = bytes(w, c, "memory.memsw.usage_in_bytes", &err);
	if (ms_have(v) && ms_have(c->current_kb))
		c->swap_kb = v > c->current_kb ? v - c->current_kb : 0;
	c->max_kb = bytes(w, c, "memory.limit_in_bytes", &err);
	/* reclaimed down to it first under global pressure: v2's low */
	c->low_kb = bytes(w, c, "memory.soft_limit_in_bytes", &err);
	c->peak_kb = bytes(w, c, "memory.max_usage_in_bytes", &err);
	kv(w, c, "memory.stat", &c->stat);
	/*
	 * v1's events under their own names: oom_kill of memory.oom_control
	 * (its other keys are states, not counts) and memory.failcnt, the
	 * times usage hit the limit
	 */
	kv(w, c, "memory.oom_control", &oom);
	k = ms_kv_find(&oom, "oom_kill");
	if (k && !ms_kv_add(&c->events, "oom_kill", k->value))
		ms_snapshot_note(w->s, "cgroup", "out of memory");
	free(oom.v);
	if (!rd(w, c->path, "memory.failcnt") &&
	    !ms_parse_value(w->pf->buf.data, w->pf->buf.len, &v) &&
	    !ms_kv_add(&c->events, "failcnt", v))
		ms_snapshot_note(w->s, "cgroup", "out of memory");
	numa(w, c);
	psi(w, c);
	procs(w, c);
	return 0;
}

int ms_cg_read(struct walk *w, struct ms_cgroup *c)
{
	return w->version == 2 ? read_v2(w, c, !strcmp(c->path, "/")) :
				 read_v1(w, c);
}

uint64_t ms_cg_usage(struct walk *w, const struct ms_cgroup *c)
{
	int err;

	return bytes(w, c,
		     w->version == 2 ? "memory.current" :
				       "memory.usage_in_bytes",
		     &err);
}

/* Does the v2 hierarchy at mnt have the memory controller? */
static bool v2_memory(struct walk *w, const char *mnt)
{
	const char *p, *end;

	if (ms_readf(w->r, &w->pf->buf, "%s/cgroup.controllers", mnt))
		return false;
	p = w->pf->buf.data;
	end = p + w->pf->buf.len;
	while (p < end) {
		const char *q = p;

		while (q < end && *q != ' ' && *q != '\n')
			q++;
		if (q - p == 6 && !memcmp(p, "memory", 6))
			return true;
		p = q + 1;
	}
	return false;
}

static int mounts(struct walk *w, struct ms_cg_mounts *m)
{
	struct ms_perr e;
	int err;

	ms_perr_init(&e);
	err = ms_read(w->r, "proc/self/mountinfo", &w->pf->buf);
	if (err)
		err = ms_read(w->r, "proc/mounts", &w->pf->buf);
	if (err) {
		ms_snapshot_note(w->s, "cgroup_mount",
				 "no mount table in proc/self/mountinfo or "
				 "proc/mounts");
		return err;
	}
	err = ms_cg_mounts_parse(w->pf->buf.data, w->pf->buf.len, m, &e);
	if (err)
		ms_snapshot_note(w->s, "cgroup_mount", "mount table: %s",
				 e.why);
	return err;
}

int ms_cg_hierarchy(struct walk *w)
{
	struct ms_snapshot *s = w->s;
	struct ms_cg_mounts m;
	char a[256], b[256];
	int err;

	err = mounts(w, &m);
	if (err)
		return err;
	esc(a, sizeof(a), m.v2);
	esc(b, sizeof(b), m.v1mem);
	if (m.v2[0] && v2_memory(w, m.v2)) {
		memcpy(w->base, m.v2, sizeof(w->base));
		w->version = 2;
	} else if (m.v1mem[0]) {
		if (m.v2[0])
			ms_snapshot_note(s, "cgroup_v2",
					 "no memory controller in /%s: "
					 "read from v1 at /%s",
					 a, b);
		memcpy(w->base, m.v1mem, sizeof(w->base));
		w->version = 1;
	} else {
		ms_snapshot_note(s, "cgroup_mount",
				 m.v2[0] ? "the unified hierarchy at /%s has "
					   "no memory controller, and no v1 "
					   "memory hierarchy is mounted" :
					   "no cgroup hierarchy with the "
					   "memory controller is mounted%s",
				 a);
		return -ENOENT;
	}
	return 0;
}
