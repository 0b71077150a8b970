// SPDX-License-Identifier: GPL-2.0
/*
 * The NUMA group, user side: pages migrated per second by reason, NUMA
 * hinting faults per node (local, migrated), tasks moved between nodes.
 */
#include "probes/bpf/bpf.h"

#include <bpf/bpf.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "probes/bpf/btfargs.h"
#include "probes/bpf/mapread.h"
#include "numa.h"
#include "numa.skel.h"

MS_BPF_SKEL(numa_bpf)

struct numa {
	int nr_reasons, nr_nodes;
	struct ms_bpf_percpu pc; /* one lookup's buffer */
	struct ms_nu_counts sum, prev;
	double t_prev;
	char reasons[MS_NU_REASONS][24];
};

static bool migrate8(const struct btf *btf)
{
	return ms_btf_tp_nargs(btf, "mm_migrate_pages") == 8;
}

static bool migrate7(const struct btf *btf)
{
	return ms_btf_tp_nargs(btf, "mm_migrate_pages") == 7;
}

static int numa_init(struct ms_bpf_group *g, const struct btf *btf)
{
	struct numa *nu = calloc(1, sizeof(*nu));
	int n;

	if (!nu)
		return -ENOMEM;
	g->priv = nu;
	n = ms_bpf_percpu_init(&nu->pc, sizeof(nu->sum));
	if (n)
		return n; /* fini frees what there is */
	n = ms_bpf_enum_names(btf, "migrate_reason", "MR_", nu->reasons,
			      MS_NU_REASONS);
	nu->nr_reasons = n > 0 ? n : 0;
	for (int i = 0; i < nu->nr_reasons; i++) {
		if (!strcmp(nu->reasons[i], "TYPES")) {
			nu->nr_reasons = i; /* the count, not a reason */
			break;
		}
		for (char *c = nu->reasons[i]; *c; c++)
			*c = (char)tolower((unsigned char)*c);
	}
	nu->nr_nodes = ms_bpf_nr_nodes(g->root, MS_NU_NODES);
	return 0;
}

static void numa_fini(struct ms_bpf_group *g)
{
	struct numa *nu = g->priv;

	ms_bpf_percpu_free(&nu->pc);
	free(nu);
}

static void migrations(struct ms_numa_events *e, const struct numa *nu,
		       double dt)
{
	uint64_t ps = 0, pf = 0;

	e->nr_reasons = nu->nr_reasons;
	for (int i = 0; i < nu->nr_reasons; i++) {
		const struct ms_nu_reason *c = &nu->sum.reason[i];
		const struct ms_nu_reason *p = &nu->prev.reason[i];
		struct ms_migrate_reason *o = &e->reason[i];

		snprintf(o->name, sizeof(o->name), "%s", nu->reasons[i]);
		o->calls = c->calls;
		o->succeeded = c->succeeded;
		o->failed = c->failed;
		o->thp_succeeded = c->thp_succeeded;
		o->thp_failed = c->thp_failed;
		o->succeeded_rate = ms_bpf_rate(c->succeeded, p->succeeded, dt);
		o->failed_rate = ms_bpf_rate(c->failed, p->failed, dt);
		e->succeeded += c->succeeded;
		e->failed += c->failed;
		ps += p->succeeded;
		pf += p->failed;
	}
	e->succeeded_rate = ms_bpf_rate(e->succeeded, ps, dt);
	e->failed_rate = ms_bpf_rate(e->failed, pf, dt);
}

static void hint(struct ms_numa_hint *o, const struct ms_nu_node *c,
		 const struct ms_nu_node *p, double dt)
{
	o->faults = c->faults;
	o->pages = c->pages;
	o->local = c->local;
	o->migrated = c->migrated;
	o->failed = c->failed;
	o->faults_rate = ms_bpf_rate(c->faults, p->faults, dt);
	o->pages_rate = ms_bpf_rate(c->pages, p->pages, dt);
	o->migrated_rate = ms_bpf_rate(c->migrated, p->migrated, dt);
}

static void hints(struct ms_numa_events *e, const struct numa *nu, double dt)
{
	struct ms_nu_node all = { 0 }, pall = { 0 };

	e->nr_nodes = nu->nr_nodes;
	for (int n = 0; n < MS_NU_NODES; n++) {
		const struct ms_nu_node *c = &nu->sum.node[n];
		const struct ms_nu_node *p = &nu->prev.node[n];

		if (n < nu->nr_nodes) {
			hint(&e->node[n], c, p, dt);
			e->node[n].node = n;
		}
		all.faults += c->faults;
		all.pages += c->pages;
		all.local += c->local;
		all.migrated += c->migrated;
		all.failed += c->failed;
		pall.faults += p->faults;
		pall.pages += p->pages;
		pall.migrated += p->migrated;
	}
	hint(&e->hint, &all, &pall, dt);
	e->hint.node = -1;
}

static int numa_read(struct ms_bpf_group *g, const struct ms_request *req,
		     struct ms_snapshot *s)
{
	struct numa *nu = g->priv;
	struct ms_numa_events *e = &s->numa_events;
	double dt = nu->t_prev ? s->t_mono - nu->t_prev : NAN;
	struct numa_bpf *skel = g->skel;
	int err = ms_bpf_percpu_sum(&nu->pc, bpf_map__fd(skel->maps.nu_counts),
				    &nu->sum);

	if (err)
		return err;
	e->fields = g->fields;
	e->interval = dt;
	migrations(e, nu, dt);
	hints(e, nu, dt);
	e->task_moves = nu->sum.task_moves;
	e->task_swaps = nu->sum.task_swaps;
	e->task_moves_rate =
		ms_bpf_rate(nu->sum.task_moves, nu->prev.task_moves, dt);
	e->task_swaps_rate =
		ms_bpf_rate(nu->sum.task_swaps, nu->prev.task_swaps, dt);
	nu->prev = nu->sum;
	nu->t_prev = s->t_mono;
	return 0;
}

static const struct ms_bpf_prog_def progs[] = {
	{ .name = "ms_migrate", .fields = MS_NE_MIGRATE, .wanted = migrate8 },
	{ .name = "ms_migrate7", .fields = MS_NE_MIGRATE, .wanted = migrate7 },
	{ .name = "ms_numafault", .fields = MS_NE_HINT },
	{ .name = "ms_taskmove", .fields = MS_NE_TASK },
	{ .name = "ms_taskswap", .fields = MS_NE_TASK },
	{ NULL },
};

const struct ms_bpf_group_ops ms_bpf_numa = {
	.name = "numa",
	.sections = MS_SEC_BIT(MS_SEC_NUMA_EVENTS),
	.progs = progs,
	MS_BPF_SKEL_OPS(numa_bpf),
	.init = numa_init,
	.fini = numa_fini,
	.read = numa_read,
};
