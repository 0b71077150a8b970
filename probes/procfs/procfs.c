// SPDX-License-Identifier: GPL-2.0
/* The procfs/sysfs backend: the vtable, dispatching to one reader per area. */
#include "probes/procfs/procfs.h"

#include "probes/probe.h"
#include "probes/procfs/pcache.h"
#include "probes/procfs/census.h"
#include "probes/procfs/folio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *ms_errstr(const struct ms_root *r, int err)
{
	if (err < 0)
		err = -err;
	if (err == EACCES || err == EPERM)
		return "needs root";
	/* a captured tree may lack what its kernel had */
	if (err == ENOENT)
		return r && !r->live ? "not in this tree" :
				       "not present on this kernel";
	return strerror(err);
}

static int procfs_detect(const struct ms_root *root, unsigned int *caps,
			 char *why, size_t len)
{
	*caps = 0;
	/* a partial tree (a sosreport without meminfo) is still worth a look */
	if (!ms_exists(root, "proc") && !ms_exists(root, "sys")) {
		snprintf(why, len, "no proc/ or sys/ below %s", root->path);
		return -ENOENT;
	}
	/* its own sections only: events and module sections are others' */
	*caps = MS_SEC_BIT(MS_SEC_MEMINFO) | MS_SEC_BIT(MS_SEC_BUDDY) |
		MS_SEC_BIT(MS_SEC_SLAB) | MS_SEC_BIT(MS_SEC_SLAB_DETAIL) |
		MS_SEC_BIT(MS_SEC_PROCS) | MS_SEC_BIT(MS_SEC_VMAS) |
		MS_SEC_BIT(MS_SEC_RECLAIM) | MS_SEC_BIT(MS_SEC_NUMA) |
		MS_SEC_BIT(MS_SEC_MEMORY) | MS_SEC_BIT(MS_SEC_CGROUP) |
		MS_SEC_BIT(MS_SEC_DAMON) | MS_SEC_BIT(MS_SEC_CENSUS) |
		MS_SEC_BIT(MS_SEC_PHYSMAP) | MS_SEC_BIT(MS_SEC_PAGECACHE_FILES);
	/* where the kernel profiles its allocations (else BPF's) */
	if (ms_exists(root, "proc/allocinfo"))
		*caps |= MS_SEC_BIT(MS_SEC_ATTRIBUTION);
	return 0;
}

static int procfs_open(struct ms_probe *p)
{
	p->priv = calloc(1, sizeof(struct ms_procfs));
	return p->priv ? 0 : -ENOMEM;
}

/* Everything the readers keep between samples; pf itself stays. */
void ms_procfs_fini(struct ms_procfs *pf)
{
	ms_procfs_procs_free(pf);
	ms_procfs_cgroup_free(pf);
	ms_procfs_pcache_free(pf);
	ms_procfs_census_free(pf);
	free(pf->pagetypes);
	pf->pagetypes = NULL;
	ms_procfs_folio_free(pf);
	ms_procfs_slab_free(pf);
	ms_procfs_damon_free(pf);
	ms_buf_free(&pf->buf);
	ms_buf_free(&pf->buf2);
}

static void procfs_close(struct ms_probe *p)
{
	struct ms_procfs *pf = p->priv;

	if (pf)
		ms_procfs_fini(pf);
	free(pf);
	p->priv = NULL;
}

static int procfs_sample(struct ms_probe *p, const struct ms_request *req,
			 struct ms_snapshot *s)
{
	const struct ms_root *r = p->root;
	struct ms_procfs *pf = p->priv;
	unsigned int want = req->sections & p->owns;
	unsigned int got = 0;

#define AREA(sec, call)                                    \
	do {                                               \
		if ((want & MS_SEC_BIT(sec)) && call == 0) \
			got |= MS_SEC_BIT(sec);            \
	} while (0)

	AREA(MS_SEC_MEMINFO, ms_procfs_meminfo(r, pf, s));
	AREA(MS_SEC_BUDDY,
	     ms_procfs_buddy(r, pf, req->pagetypes, req->pagetypes_full, s));
	AREA(MS_SEC_SLAB, ms_procfs_slab(r, pf, s));
	if (req->slab_cache[0])
		AREA(MS_SEC_SLAB_DETAIL,
		     ms_procfs_slab_detail(r, pf, req->slab_cache, s));
	AREA(MS_SEC_PROCS, ms_procfs_procs(r, pf, req->procs_full, s));
	pf->folio_want = req->folios ? 1 + req->folios_full : 0;
	if (req->pid > 0)
		AREA(MS_SEC_VMAS,
		     ms_procfs_vmas(r, pf, req->pid, req->vma_sink, s));
	AREA(MS_SEC_RECLAIM, ms_procfs_reclaim(r, pf, req->reclaim_brief, s));
	AREA(MS_SEC_NUMA, ms_procfs_numa(r, pf, s));
	AREA(MS_SEC_MEMORY, ms_procfs_memory(r, pf, req->memory_brief, s));
	AREA(MS_SEC_CGROUP, ms_procfs_cgroup(r, pf, req->cgroups_full, s));
	pf->damon_want = req->damon;
	pf->damon_pid = req->damon_pid;
	AREA(MS_SEC_DAMON, ms_procfs_damon(r, pf, s));
	/* memscope's kdamond no longer asked for: removed now, not at exit */
	if (!(want & MS_SEC_BIT(MS_SEC_DAMON)) && !req->damon && pf->damon)
		ms_procfs_damon_free(pf);
	pf->map_pages = req->physmap_pages;
	pf->map_pfn = req->physmap_pfn;
	/* one pass of the census feeds both (the map: blocks as last read) */
	if (want & MS_SEC_BIT(MS_SEC_PHYSMAP))
		want |= MS_SEC_BIT(MS_SEC_CENSUS);
	AREA(MS_SEC_CENSUS,
	     ms_procfs_census(r, pf, req->census_full,
			      want & MS_SEC_BIT(MS_SEC_PHYSMAP), s));
	if (got & MS_SEC_BIT(MS_SEC_CENSUS))
		got |= want & MS_SEC_BIT(MS_SEC_PHYSMAP);
	got &= req->sections;
	AREA(MS_SEC_PAGECACHE_FILES,
	     ms_procfs_pcache(r, pf, req->files_full, s));
	AREA(MS_SEC_ATTRIBUTION, ms_procfs_allocinfo(r, pf, &s->attrib, s));
#undef AREA

	for (int i = 0; i < MS_SEC_COUNT; i++)
		if (got & MS_SEC_BIT(i))
			s->source[i] = p->ops->name;
	s->have |= got;
	return 0;
}

const struct ms_probe_ops ms_procfs_ops = {
	.name = "procfs",
	.priority = 10,
	.detect = procfs_detect,
	.open = procfs_open,
	.sample = procfs_sample,
	.close = procfs_close,
};
