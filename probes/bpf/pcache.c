// SPDX-License-Identifier: GPL-2.0
/*
 * The pcache group, user side: the files the page cache's events saw
 * since attach, named, with the cgroup charged for them, merged into the
 * walk's list of open and mapped files (model/pcache.c's merge: a file
 * the walk measured keeps its exact count).
 */
#define _GNU_SOURCE
#include "probes/bpf/bpf.h"

#include <bpf/bpf.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/field.h"
#include "probes/bpf/mapread.h"
#include "probes/bpf/pcmap.h"
#include "pcache.h"
#include "pcache.skel.h"

MS_BPF_SKEL(pcache_bpf)

#define CG_CACHE 256 /* cgroup ids named, kept across reads */

struct cg_name {
	uint64_t id;
	char *path; /* NULL: could not be named */
};

struct pcache {
	struct ms_bpf_percpu pc;
	struct ms_pc_counts sum;
	double t_attach;
	unsigned int page_kb;
	int cgfd; /* the memory controller's mount, -1: not open */
	size_t cglen; /* its path's length */
	struct cg_name cg[CG_CACHE];
	int ncg, cgnext;
	struct ms_pc_key keys[MS_PC_FILES];
	struct ms_pc_file vals[MS_PC_FILES];
	struct ms_pcache_file ev[MS_PC_FILES];
	struct ms_pcache_key evkey[MS_PC_FILES];
};

static int pcache_init(struct ms_bpf_group *g, const struct btf *btf)
{
	struct pcache *pc = calloc(1, sizeof(*pc));
	long ps = sysconf(_SC_PAGESIZE);
	int err;

	(void)btf;
	if (!pc)
		return -ENOMEM;
	err = ms_bpf_percpu_init(&pc->pc, sizeof(pc->sum));
	if (err) {
		free(pc);
		return err;
	}
	pc->t_attach = NAN;
	pc->page_kb = ps >= 1024 ? (unsigned int)(ps / 1024) : 4;
	pc->cgfd = -1;
	g->priv = pc;
	return 0;
}

static void pcache_fini(struct ms_bpf_group *g)
{
	struct pcache *pc = g->priv;

	for (int i = 0; i < pc->ncg; i++)
		free(pc->cg[i].path);
	if (pc->cgfd >= 0)
		close(pc->cgfd);
	ms_bpf_percpu_free(&pc->pc);
	free(pc);
}

/*
 * A memcg's path: its cgroup id is its directory's kernfs file handle
 * (what name_to_handle_at gives), opened and read back. NULL: gone.
 */
static char *cg_lookup(struct pcache *pc, uint64_t id)
{
	struct {
		struct file_handle h;
		uint64_t id;
	} fh = { .h = { .handle_bytes = sizeof(id), .handle_type = 0xfe } };
	char link[64], path[4096];
	ssize_t n;
	int fd;

	if (pc->cgfd < 0)
		return NULL;
	memcpy(fh.h.f_handle, &id, sizeof(id));
	fd = open_by_handle_at(pc->cgfd, &fh.h, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof(path) - 1);
	close(fd);
	if (n < (ssize_t)pc->cglen)
		return NULL;
	path[n] = '\0';
	/* the root itself: "/" */
	return strdup(path[pc->cglen] ? path + pc->cglen : "/");
}

/* The path of cgroup id, named once and kept (a ring of CG_CACHE). */
static const char *cg_path(struct pcache *pc, uint64_t id)
{
	struct cg_name *c;

	for (int i = 0; i < pc->ncg; i++)
		if (pc->cg[i].id == id)
			return pc->cg[i].path;
	if (pc->ncg < CG_CACHE) {
		c = &pc->cg[pc->ncg++];
	} else {
		c = &pc->cg[pc->cgnext];
		pc->cgnext = (pc->cgnext + 1) % CG_CACHE;
		free(c->path);
	}
	c->id = id;
	c->path = cg_lookup(pc, id);
	return c->path;
}

/* The map's files as the model's; how many, or -errno. */
static int files(struct ms_bpf_group *g, struct pcache *pc, struct ms_pcache *p)
{
	struct pcache_bpf *skel = g->skel;
	struct ms_pc_mounts m = { 0 };
	struct ms_buf b = { 0 };
	int n = ms_bpf_map_dump(bpf_map__fd(skel->maps.pc_files), pc->keys,
				sizeof(pc->keys[0]), pc->vals,
				sizeof(pc->vals[0]), MS_PC_FILES);
	int err = 0, i;

	if (n < 0)
		return n;
	if (!ms_read(g->root, "proc/self/mountinfo", &b))
		err = ms_pc_mounts_parse(&m, b.data, b.len);
	ms_buf_free(&b);
	if (pc->cgfd < 0 && m.memcg_dir) {
		pc->cgfd =
			open(m.memcg_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		pc->cglen = strcmp(m.memcg_dir, "/") ? strlen(m.memcg_dir) : 0;
	}
	for (i = 0; i < n && !err; i++) {
		struct ms_pcache_file *f = &pc->ev[i];
		const char *cg;

		err = ms_pc_file(&pc->keys[i], &pc->vals[i], pc->page_kb, &m, f,
				 &pc->evkey[i]);
		if (err || !ms_have(f->memcg_id))
			continue;
		cg = cg_path(pc, f->memcg_id);
		if (cg && !(f->memcg = strdup(cg)))
			err = -ENOMEM;
	}
	ms_pc_mounts_free(&m);
	p->ev_tracked = (uint64_t)n;
	if (err) {
		while (i-- > 0)
			ms_fields_reset(ms_pcache_file_fields, &pc->ev[i]);
		return err;
	}
	return n;
}

static uint64_t kb(const struct pcache *pc, uint64_t pages)
{
	return pages * pc->page_kb;
}

static int pcache_read(struct ms_bpf_group *g, const struct ms_request *req,
		       struct ms_snapshot *s)
{
	struct pcache *pc = g->priv;
	struct pcache_bpf *skel = g->skel;
	struct ms_pcache *p = &s->pcache;
	uint64_t gone;
	int n, err;

	(void)req;
	if (!(g->fields & 1))
		return -ENOENT; /* the add program is off: its note */
	err = ms_bpf_percpu_sum(&pc->pc, bpf_map__fd(skel->maps.pc_counts),
				&pc->sum);
	if (err)
		return err;
	if (isnan(pc->t_attach))
		pc->t_attach = s->t_mono;
	n = files(g, pc, p);
	if (n < 0)
		return n;
	p->ev_since_s = s->t_mono - pc->t_attach;
	p->ev_capacity = MS_PC_FILES;
	gone = pc->sum.made - pc->sum.remade;
	p->ev_evicted = gone > p->ev_tracked ? gone - p->ev_tracked : 0;
	p->ev_dropped = pc->sum.dropped;
	p->ev_added_kb = kb(pc, pc->sum.added);
	/* without the delete program nothing is seen going */
	p->ev_removed_kb = g->fields & 2 ? kb(pc, pc->sum.removed) : MS_NA;
	p->ev_unseen_kb = g->fields & 2 ? kb(pc, pc->sum.unseen) : MS_NA;
	if (!(g->fields & 2))
		ms_snapshot_note(s, "pagecache_events",
				 "removals not counted: files only grow");
	return ms_pcache_merge(p, pc->ev, pc->evkey, n, MS_PCACHE_TOP);
}

static const struct ms_bpf_prog_def progs[] = {
	{ .name = "ms_pcadd", .fields = 1 },
	{ .name = "ms_pcdel", .fields = 2 },
	{ NULL },
};

const struct ms_bpf_group_ops ms_bpf_pcache = {
	.name = "pcache",
	.sections = MS_SEC_BIT(MS_SEC_PAGECACHE_EVENTS),
	.own = true,
	.progs = progs,
	MS_BPF_SKEL_OPS(pcache_bpf),
	.init = pcache_init,
	.fini = pcache_fini,
	.read = pcache_read,
};
