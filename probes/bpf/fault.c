// SPDX-License-Identifier: GPL-2.0
/*
 * The fault group, user side: page faults per second per process (minor,
 * major, anon, file, copy-on-write) and mmap_lock waits, from fault.bpf.c.
 */
#include "probes/bpf/bpf.h"

#include <bpf/bpf.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probes/bpf/btfargs.h"
#include "probes/bpf/mapread.h"
#include "fault.h"
#include "fault.skel.h"

MS_BPF_SKEL(fault_bpf)

/* enum ms_fa_count -> enum ms_fault_count */
static const int to_snap[MS_FA_N] = {
	[MS_FA_HW] = MS_FC_HW,		 [MS_FA_FAULTS] = MS_FC_FAULTS,
	[MS_FA_MINOR] = MS_FC_MINOR,	 [MS_FA_MAJOR] = MS_FC_MAJOR,
	[MS_FA_ANON] = MS_FC_ANON,	 [MS_FA_FILE] = MS_FC_FILE,
	[MS_FA_WRITE] = MS_FC_WRITE,	 [MS_FA_WP] = MS_FC_WP,
	[MS_FA_COW] = MS_FC_COW,	 [MS_FA_LOCK_WAITS] = MS_FC_LOCK_WAITS,
	[MS_FA_LOCK_NS] = MS_FC_LOCK_NS, [MS_FA_LOCK_SLOW] = MS_FC_LOCK_SLOW,
};

/* A process as read last time, to tell what changed. */
struct seen {
	int pid;
	struct ms_fa_proc c;
};

struct fault {
	struct ms_bpf_percpu pc; /* one lookup's buffer */
	struct ms_fa_total prev_total;
	struct seen *prev, *next; /* sorted by pid */
	int nprev, nnext, cap;
	__u32 *keys;
	struct ms_fa_proc *vals;
	double t_prev;
};

static bool mmap_lock_new(const struct btf *btf)
{
	return ms_btf_tp_nargs(btf, "mmap_lock_acquire_returned") == 3;
}

static bool mmap_lock_old(const struct btf *btf)
{
	return ms_btf_tp_nargs(btf, "mmap_lock_acquire_returned") == 4;
}

static int fault_init(struct ms_bpf_group *g, const struct btf *btf)
{
	struct fault *f = calloc(1, sizeof(*f));

	if (!f)
		return -ENOMEM;
	f->cap = MS_FA_PROCS;
	ms_bpf_percpu_init(&f->pc, sizeof(struct ms_fa_total));
	f->prev = calloc((size_t)f->cap, sizeof(*f->prev));
	f->next = calloc((size_t)f->cap, sizeof(*f->next));
	f->keys = calloc((size_t)f->cap, sizeof(*f->keys));
	f->vals = calloc((size_t)f->cap, sizeof(*f->vals));
	g->priv = f;
	if (!f->pc.buf || !f->prev || !f->next || !f->keys || !f->vals)
		return -ENOMEM; /* fini frees what there is */
	/* the exception's error code is only of use to the fexit program */
	((struct fault_bpf *)g->skel)->bss->fa_stash =
		(g->fields & MS_FE_COW) != 0;
	return 0;
}

static void fault_fini(struct ms_bpf_group *g)
{
	struct fault *f = g->priv;

	ms_bpf_percpu_free(&f->pc);
	free(f->prev);
	free(f->next);
	free(f->keys);
	free(f->vals);
	free(f);
}

static int read_total(struct fault_bpf *skel, struct fault *f,
		      struct ms_fa_total *sum)
{
	const struct ms_fa_total *pc = f->pc.buf;
	int err = ms_bpf_percpu_read(&f->pc, bpf_map__fd(skel->maps.fa_total));

	if (err)
		return err;
	memset(sum, 0, sizeof(*sum));
	for (int c = 0; c < f->pc.ncpu; c++) {
		const struct ms_fa_total *t = &pc[c];

		for (int i = 0; i < MS_FA_N; i++)
			sum->n[i] += t->n[i];
		sum->untracked += t->untracked;
		if (t->lock_max_ns > sum->lock_max_ns)
			sum->lock_max_ns = t->lock_max_ns;
	}
	return 0;
}

static void fill(struct ms_fault_proc *p, const struct ms_fa_proc *c,
		 const struct ms_fa_proc *prev, double dt)
{
	for (int i = 0; i < MS_FA_N; i++) {
		int k = to_snap[i];

		p->n[k] = c->n[i];
		p->rate[k] = prev ? ms_bpf_rate(c->n[i], prev->n[i], dt) : NAN;
	}
	p->lock_max_ns = c->lock_max_ns;
}

static int by_pid(const void *a, const void *b)
{
	const struct seen *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

static const struct ms_fa_proc *prev_of(const struct fault *f, int pid)
{
	struct seen key = { .pid = pid };
	const struct seen *s = bsearch(&key, f->prev, (size_t)f->nprev,
				       sizeof(*f->prev), by_pid);

	return s ? &s->c : NULL;
}

/* Processes whose counters moved (all of them on the first read). */
static int procs(struct ms_fault_events *e, struct fault *f, double dt)
{
	for (int i = 0; i < f->nnext; i++) {
		const struct seen *s = &f->next[i];
		const struct ms_fa_proc *prev = prev_of(f, s->pid);
		struct ms_fault_proc *p;

		if (prev && !memcmp(prev->n, s->c.n, sizeof(prev->n)))
			continue;
		p = ms_fault_proc_add(e);
		if (!p)
			return -ENOMEM;
		p->pid = s->pid;
		snprintf(p->comm, sizeof(p->comm), "%.*s",
			 (int)sizeof(s->c.comm), s->c.comm);
		/* a process first seen in this interval started from 0 */
		fill(p, &s->c, prev ? prev : &(struct ms_fa_proc){ 0 },
		     isfinite(dt) ? dt : NAN);
	}
	return 0;
}

static int read_procs(struct fault_bpf *skel, struct fault *f)
{
	int n = ms_bpf_map_dump(bpf_map__fd(skel->maps.fa_procs), f->keys,
				sizeof(*f->keys), f->vals, sizeof(*f->vals),
				f->cap);

	if (n < 0)
		return n;
	for (int i = 0; i < n; i++) {
		f->next[i].pid = (int)f->keys[i];
		f->next[i].c = f->vals[i];
	}
	f->nnext = n;
	qsort(f->next, (size_t)n, sizeof(*f->next), by_pid);
	return 0;
}

static int fault_read(struct ms_bpf_group *g, const struct ms_request *req,
		      struct ms_snapshot *s)
{
	struct fault *f = g->priv;
	struct fault_bpf *skel = g->skel;
	struct ms_fault_events *e = &s->fault_events;
	double dt = f->t_prev ? s->t_mono - f->t_prev : NAN;
	struct ms_fa_total sum;
	struct seen *swap;
	int err = read_total(skel, f, &sum);

	if (!err)
		err = read_procs(skel, f);
	if (err)
		return err;
	e->fields = g->fields;
	e->interval = dt;
	e->total.lock_max_ns = sum.lock_max_ns;
	for (int i = 0; i < MS_FA_N; i++) {
		e->total.n[to_snap[i]] = sum.n[i];
		e->total.rate[to_snap[i]] =
			ms_bpf_rate(sum.n[i], f->prev_total.n[i], dt);
	}
	e->untracked = sum.untracked;
	err = procs(e, f, dt);
	f->prev_total = sum;
	swap = f->prev;
	f->prev = f->next;
	f->next = swap;
	f->nprev = f->nnext;
	f->t_prev = s->t_mono;
	return err;
}

static const struct ms_bpf_prog_def progs[] = {
	{ .name = "ms_pfuser", .fields = MS_FE_HW | MS_FE_COW },
	{ .name = "ms_pfkern", .fields = MS_FE_COW },
	{ .name = "ms_faultx", .fields = MS_FE_SPLIT | MS_FE_COW },
	{ .name = "ms_exec", .fields = 0 },
	{ .name = "ms_rename", .fields = 0 },
	{ .name = "ms_lockstart", .fields = MS_FE_LOCK },
	{ .name = "ms_lockgot", .fields = MS_FE_LOCK, .wanted = mmap_lock_new },
	{ .name = "ms_lockgotp", .fields = MS_FE_LOCK, .wanted = mmap_lock_old },
	{ NULL },
};

const struct ms_bpf_group_ops ms_bpf_faults = {
	.name = "fault",
	.sections = MS_SEC_BIT(MS_SEC_FAULT_EVENTS),
	.progs = progs,
	MS_BPF_SKEL_OPS(fault_bpf),
	.init = fault_init,
	.fini = fault_fini,
	.read = fault_read,
};
