/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The procfs/sysfs backend's readers, one per area. Each reads its files
 * below the root into the snapshot and records a note for every file it
 * could not use. They return 0 when the section holds data (perhaps
 * partial) and -errno when nothing of it could be read.
 */
#ifndef MS_PROCFS_H
#define MS_PROCFS_H

#include "model/snapshot.h"
#include "probes/procfs/users.h"
#include "probes/root.h"

struct ms_proc_cache; /* proccache.c: per-process state between samples */
struct ms_attrib; /* model/attrib.h */
struct ms_pcache_scan; /* pcache.c: the page cache files' pass */
struct ms_census_state; /* census.c: the pass in progress */
struct ms_folio_pass; /* folio.c: the pass over a process's pages */

/* Scratch buffers the backend keeps between samples. */
struct ms_procfs {
	struct ms_buf buf, buf2;
	/* live process list: kept stat fds, costly files re-read in a budget */
	struct ms_proc_cache *procs;
	/* the memory cgroups: each one's files re-read within a budget */
	struct ms_cg_cache *cgroups;
	/* its clock and what the budget counts (tests); NULL: CLOCK_MONOTONIC */
	double (*clock)(void);
	struct ms_users users; /* uid -> name, etc/passwd read once */
	/* VMAs' numa_maps: 0 when 2+ nodes are online, 1 always, -1 never */
	int vma_numa;
	struct ms_pcache_scan *pcache;
	struct ms_census_state *census;
	/* pagetypeinfo as last read, re-read within a budget (buddy.c) */
	struct ms_pt_keep *pagetypes;
	uint64_t census_budget; /* pages a sample reads, 0: the default */
	/* the block whose pages the map gives one by one (req's) */
	bool map_pages;
	uint64_t map_pfn;
	/*
	 * The VMAs' folio sizes: what this sample asks (0 none, 1 within
	 * folio_budget pages, 0: the default, 2 all), the pass in progress
	 */
	int folio_want;
	uint64_t folio_budget;
	struct ms_folio_pass *folio;
	/*
	 * memory.c: what does not change while memscope runs, read once
	 * (iomem, the firmware's map), with the notes its reading left, and
	 * whether vmallocinfo showed kernel stacks in vmalloc
	 */
	struct ms_mem_once {
		bool io_read, fw_read, vmap_known, vmap_stack;
		struct ms_iomem io; /* io.valid: readable */
		struct ms_mem_fw fw[16]; /* FW_DIR's entries (16 read) */
		int nr_fw;
		char io_note[128], fw_note[128]; /* "": none */
	} mem;
	/* memscope's own DAMON monitoring: asked for (pid 0: paddr), kept */
	bool damon_want;
	int damon_pid;
	struct ms_damon_mon *damon;
	const struct ms_root *damon_root; /* where it was made */
	/* slab caches' sysfs tunables, read once per name (slab.c) */
	struct ms_slab_tune *tune;
	int ntune, tunecap;
};

int ms_procfs_meminfo(const struct ms_root *r, struct ms_procfs *pf,
		      struct ms_snapshot *s);
/*
 * zoneinfo and buddyinfo; with pagetypes also pagetypeinfo: in this
 * sample when full (or not live), else re-read within a share of the
 * time and the last read's figures given with their age between
 */
int ms_procfs_buddy(const struct ms_root *r, struct ms_procfs *pf,
		    bool pagetypes, bool full, struct ms_snapshot *s);
int ms_procfs_slab(const struct ms_root *r, struct ms_procfs *pf,
		   struct ms_snapshot *s);
/* Free what ms_procfs_slab() keeps in pf. */
void ms_procfs_slab_free(struct ms_procfs *pf);
/* frees what every reader keeps between samples (not pf itself) */
void ms_procfs_fini(struct ms_procfs *pf);
int ms_procfs_slab_detail(const struct ms_root *r, struct ms_procfs *pf,
			  const char *cache, struct ms_snapshot *s);
/*
 * full: read every process's costly files in this sample (a batch sample
 * is never stale); else, live, they are re-read within a CPU budget.
 */
int ms_procfs_procs(const struct ms_root *r, struct ms_procfs *pf, bool full,
		    struct ms_snapshot *s);
/* Close and free what ms_procfs_procs() keeps in pf (procfs_close). */
void ms_procfs_procs_free(struct ms_procfs *pf);
int ms_procfs_vmas(const struct ms_root *r, struct ms_procfs *pf, int pid,
		   struct ms_vma_sink *sink, struct ms_snapshot *s);
/* brief: vmstat and PSI alone (ms_request.reclaim_brief) */
int ms_procfs_reclaim(const struct ms_root *r, struct ms_procfs *pf, bool brief,
		      struct ms_snapshot *s);
/*
 * The multi-size THP sizes (transparent_hugepage/hugepages-NkB, 6.8+) in
 * kB, ascending, at most max (memory.c): the ledger's and Reclaim's.
 */
int ms_thp_sizes(const struct ms_root *r, uint64_t *kb, int max);
/*
 * Attribution from proc/allocinfo (allocinfo.c), where the kernel has it,
 * into a; its notes into s.
 */
int ms_procfs_allocinfo(const struct ms_root *r, struct ms_procfs *pf,
			struct ms_attrib *a, struct ms_snapshot *s);
int ms_procfs_numa(const struct ms_root *r, struct ms_procfs *pf,
		   struct ms_snapshot *s);
/*
 * DAMON's kdamonds (damon.c), read only; and memscope's own kdamond while
 * pf->damon_want, removed when no longer wanted or by
 * ms_procfs_damon_free() (ms_procfs_fini()).
 */
void ms_procfs_damon_free(struct ms_procfs *pf);
/*
 * Before memscope's kdamond is made (kpid 0), and again once it runs
 * (kpid: its kdamonds/0/pid): remembered in dir (MS_UNDO_DIR) for the
 * next start after SIGKILL, and guarded against a crash, which turns it
 * off below root ("/" live; the tests' fake tree). target: the process
 * it monitors, 0 for physical memory. 0, or -errno and why.
 */
int ms_procfs_damon_remember(const char *root, const char *dir, int kpid,
			     int target, char *why, size_t len);
int ms_procfs_damon(const struct ms_root *r, struct ms_procfs *pf,
		    struct ms_snapshot *s);
/*
 * The ledger of physical memory (model/memory.h), per node too. brief:
 * only what its top level needs (meminfo, vmstat, zoneinfo, zram; the
 * explorer's header bar on a tab that does not show the memory area):
 * no vmallocinfo, slabinfo, iomem, mTHP, per-node or firmware files.
 */
int ms_procfs_memory(const struct ms_root *r, struct ms_procfs *pf, bool brief,
		     struct ms_snapshot *s);
/*
 * The memory cgroups of the hierarchy with the memory controller. full:
 * every file of every cgroup in this sample (batch); else, live, within a
 * CPU budget (probes/procfs/cgcache.c), each cgroup with its age.
 */
int ms_procfs_cgroup(const struct ms_root *r, struct ms_procfs *pf, bool full,
		     struct ms_snapshot *s);
void ms_procfs_cgroup_free(struct ms_procfs *pf);

/*
 * For notes: "needs root" for EACCES/EPERM; ENOENT "not present on this
 * kernel", or in a captured tree (r not live) "not in this tree"; else
 * strerror.
 */
const char *ms_errstr(const struct ms_root *r, int err);

#endif
