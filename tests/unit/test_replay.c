// SPDX-License-Identifier: GPL-2.0
/*
 * Replay tests: every section of a snapshot (the BPF, taskstats and module
 * ones too) survives --json -> decode -> --json unchanged; missing and
 * mistyped keys read as absent; the recording writer and reader agree.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/field.h"
#include "out/output.h"
#include "store/json.h"
#include "store/record.h"
#include "probes/replay/file.h"
#include "probes/replay/replay.h"

static void kv(struct ms_kvlist *l, const char *n, uint64_t v, double r)
{
	ms_kv_add(l, n, v)->rate = r;
}

static void fill_core(struct ms_snapshot *s)
{
	struct ms_zone *z = ms_zone_add(&s->buddy);
	struct ms_slab_cache *c = ms_slab_add(&s->slab);
	struct ms_proc *p = ms_proc_add(&s->procs);
	struct ms_vma *v;
	struct ms_numa_node *n = ms_numa_add(&s->numa);
	struct ms_maple_node *mn;
	struct ms_maple_slot *ms;

	s->t_real = 1795643220.061;
	snprintf(s->kernel, sizeof(s->kernel), "6.18.0-\x1b[31m");
	ms_snapshot_note(s, "pagetypeinfo", "needs \\root\n");
	kv(&s->meminfo, "MemTotal", 24684092, NAN);
	kv(&s->meminfo, "Hugetlb", MS_NA, NAN);
	z->node = 0;
	snprintf(z->name, sizeof(z->name), "Normal");
	z->nr_orders = 3;
	z->free_blocks[0] = 5, z->free_blocks[1] = 0, z->free_blocks[2] = 7;
	z->wmark_min = 10, z->wmark_low = 12, z->wmark_high = 14;
	z->managed = 1000, z->present = 1024, z->spanned = 1030, z->cma = 0;
	z->nr_protection = 2;
	z->protection[1] = 77;
	z->has_migrate = true;
	s->buddy.nr_migrate = 2;
	snprintf(s->buddy.migrate[0], 16, "Unmovable");
	snprintf(s->buddy.migrate[1], 16, "Movable");
	z->mt_free[1][2] = 7;
	z->mt_pageblocks[1] = 9;
	s->buddy.pageblock_order = 9;
	snprintf(c->name, sizeof(c->name), "kmalloc-64");
	c->active_objs = 10, c->num_objs = 64, c->objsize = 64;
	c->objperslab = 64, c->pagesperslab = 1, c->active_slabs = 1;
	c->num_slabs = 1;
	c->objs_rate = -3.5;
	s->slab_detail.valid = true;
	snprintf(s->slab_detail.name, MS_NAME, "kmalloc-64");
	s->slab_detail.order = 0;
	s->slab_detail.object_size = 64;
	s->slab_detail.slabs.total = 4;
	s->slab_detail.slabs.kind = 'N';
	s->slab_detail.slabs.n = 1;
	s->slab_detail.slabs.count[0] = 4;
	s->slab_detail.partial.total = MS_NA;
	s->slab_detail.cpu_slabs.total = MS_NA;
	s->slab_detail.objects.total = MS_NA;
	s->slab_detail.total_objects.total = MS_NA;
	s->slab_detail.aliases = calloc(2, MS_NAME);
	s->slab_detail.nr_aliases = 2;
	snprintf(s->slab_detail.aliases[0], MS_NAME, "a");
	snprintf(s->slab_detail.aliases[1], MS_NAME, "b\\x");
	p->pid = 42;
	snprintf(p->comm, sizeof(p->comm), "evil\x1b[31m\nname\\");
	p->state = 'R';
	p->uid = UINT32_MAX;
	snprintf(p->user, sizeof(p->user), "us\x1b[2Jer\\");
	p->rss_kb = 100, p->minflt = 5;
	p->minflt_rate = 2.5;
	s->vmas.pid = 42;
	v = ms_vma_add(&s->vmas);
	memset(v, 0, sizeof(*v));
	v->start = 0x7f0000000000, v->end = 0x7f0000002000;
	snprintf(v->perms, 5, "rw-p");
	snprintf(v->dev, 16, "00:00");
	v->path = strdup("/tmp/a \x01 b");
	v->kind = MS_VMA_FILE;
	v->size_kb = 8, v->rss_kb = 4;
	v->pss_kb = v->shared_clean = v->shared_dirty = MS_NA;
	v->private_clean = v->private_dirty = v->referenced = MS_NA;
	v->anonymous = v->anon_huge_kb = v->swap_kb = MS_NA;
	v->swap_pss_kb = v->locked_kb = v->thp_eligible = MS_NA;
	snprintf(v->policy, sizeof(v->policy), "default");
	v->nr_nodes = 1;
	v->node_pages[0] = 2;
	v = ms_vma_add(&s->vmas);
	memset(v, 0, sizeof(*v));
	v->start = 0x1000, v->end = 0x3000;
	snprintf(v->perms, 5, "r--p");
	v->kind = MS_VMA_ANON;
	v->size_kb = v->rss_kb = v->pss_kb = MS_NA;
	s->maple.pid = 42;
	s->maple.map_count = 2, s->maple.vmas = 2, s->maple.height = 1;
	s->maple.tree_flags = 0x30b;
	mn = ms_maple_node_add(&s->maple);
	memset(mn, 0, sizeof(*mn));
	mn->parent = -1, mn->type = MS_MAPLE_ARANGE_64;
	mn->max = 0xffffffff, mn->nr_slots = 3, mn->slot = 0;
	mn->nr_pivots = 2, mn->pivots[0] = 0x1000, mn->pivots[1] = 0x3000;
	mn->nr_gaps = 1, mn->gaps[0] = 0x10;
	for (int i = 0; i < 3; i++) {
		ms = ms_maple_slot_add(&s->maple);
		memset(ms, 0, sizeof(*ms));
		ms->kind = i == 0 ? MS_SLOT_CHILD :
			   i == 1 ? MS_SLOT_VMA :
				    MS_SLOT_EMPTY;
		ms->child = -1;
		ms->vm_start = 0x1000, ms->vm_end = 0x3000;
		snprintf(ms->perms, 5, "r--p");
	}
	kv(&s->reclaim.vmstat, "pgfault", 1000, 12.5);
	kv(&s->reclaim.vmstat, "pgscan", 7, NAN);
	s->reclaim.psi_some =
		(struct ms_psi_line){ true, 1.5, 0.25, 0, 99, 3.0 };
	s->reclaim.lru_gen_enabled = 7;
	s->reclaim.lru_gen_min_ttl_ms = 0;
	snprintf(s->reclaim.thp_enabled, 24, "madvise");
	kv(&s->reclaim.sysctl, "swappiness", 60, NAN);
	snprintf(ms_swap_add(&s->reclaim)->name, 128, "/dev/zram0");
	snprintf(s->reclaim.zswap_enabled, 8, "N");
	snprintf(ms_zram_add(&s->reclaim)->name, 16, "zram0");
	n->node = 0;
	snprintf(n->cpus, sizeof(n->cpus), "0-3");
	n->mem_total_kb = 100;
	n->nr_distance = 1;
	n->distance[0] = 10;
	kv(&n->numastat, "numa_hit", 9, 1.25);
	s->numa.balancing = 1;
	s->alloc_probe = (struct ms_alloc_probe){
		.node = -1, .count = 8, .max_order = 10, .nr_orders = 1
	};
	s->alloc_probe.order[0] =
		(struct ms_alloc_order){ 8, 8, 0, 100, 150, 200, 0 };
	s->slab_bench.size = 64, s->slab_bench.count = 1000;
	s->slab_bench.r[1][0].ok = 1000, s->slab_bench.r[1][0].mean_ns = 12;
}

static void latency(struct ms_latency *l, uint64_t base)
{
	l->count = 3, l->total_ns = 1234567 + base, l->max_ns = 999999;
	l->hist[0] = 1, l->hist[4] = 2;
	l->rate = 0.5, l->ns_rate = 12345.678, l->last = 1795643219.5;
}

static void fill_live(struct ms_snapshot *s)
{
	struct ms_buddy_events *b = &s->buddy_events;
	struct ms_slab_events *e = &s->slab_events;
	struct ms_fault_events *f = &s->fault_events;
	struct ms_reclaim_events *r = &s->reclaim_events;
	struct ms_numa_events *nu = &s->numa_events;
	struct ms_task_delay *d;
	struct ms_slab_rate *sr;
	struct ms_fault_proc *fp;
	struct ms_reclaimer *rc;
	struct ms_shrinker *sh;
	struct ms_cg_reclaim *cg;

	/* the page cache's events: their keys in "memory" */
	s->pcache.ev_since_s = 2.5;
	s->pcache.ev_files = 3;
	s->pcache.ev_cached_kb = 96;

	b->fields = MS_BE_ALLOC | MS_BE_FREE | MS_BE_EXTFRAG | MS_BE_COMPACT;
	b->interval = 1.001, b->nr_orders = 2, b->nr_migrate = 2;
	snprintf(b->migrate[0], 16, "Unmovable");
	snprintf(b->migrate[1], 16, "Movable");
	b->alloc_rate[0] = 5, b->alloc_rate[1] = NAN, b->free[1] = 3;
	b->mt_alloc_rate[1][0] = 2;
	b->nr_extfrag = 1;
	b->extfrag[0] = (struct ms_extfrag_event){ 0, 1, 4, 0.5 };
	b->compaction.runs = 2, b->compaction.mean_us = 3.25;
	b->compaction.nr_results = 1;
	snprintf(b->compaction.result_name[0], 24, "success");
	b->compaction.result[0] = 2;
	b->compaction.hist[3] = 2;
	e->fields = MS_SE_CACHE_ALLOC | MS_SE_CALLSITES;
	e->interval = 1.001, e->kfree_unknown_rate = 4;
	sr = ms_slab_rate_add(e);
	snprintf(sr->name, MS_NAME, "kmalloc-64");
	sr->objsize = 64, sr->alloc_rate = 10, sr->free_rate = 9;
	sr = ms_slab_rate_add(e);
	snprintf(sr->name, MS_NAME, "kmalloc-8k");
	sr->objsize = 8192, sr->alloc_rate = 1, sr->alloc_bytes_rate = 8192;
	snprintf(e->target, MS_NAME, "kmalloc-64");
	e->nr_sites = 1;
	e->sites[0].count = 5, e->sites[0].share = 1, e->sites[0].depth = 2;
	snprintf(e->sites[0].sym[0], MS_SYM, "foo+0x1f [mod]");
	snprintf(e->sites[0].sym[1], MS_SYM, "bar+0x2");
	f->fields = MS_FE_HW | MS_FE_SPLIT | MS_FE_LOCK;
	f->interval = 1;
	f->total.n[MS_FC_HW] = 100, f->total.rate[MS_FC_HW] = 100;
	f->total.lock_max_ns = 12345;
	fp = ms_fault_proc_add(f);
	fp->pid = 7;
	snprintf(fp->comm, MS_NAME, "a\\b");
	fp->n[MS_FC_MINOR] = 3;
	r->fields = MS_RE_DIRECT | MS_RE_MEMCG | MS_RE_KSWAPD | MS_RE_WAKEUP |
		    MS_RE_SHRINK | MS_RE_WRITE | MS_RE_OOM;
	r->interval = 2;
	latency(&r->stall, 0), latency(&r->direct, 1), latency(&r->memcg, 2);
	r->direct_reclaimed = 50;
	rc = ms_reclaimer_add(r);
	rc->pid = 9;
	snprintf(rc->comm, MS_NAME, "stress");
	latency(&rc->lat, 3);
	r->nr_kswapd = 2;
	r->kswapd[0] = (struct ms_kswapd){ 0, 3, 2,    5,	   1000, true,
					   1, 0, 0.25, 1795643219, NAN };
	r->kswapd[1] = (struct ms_kswapd){ 1, 1, 1,	0,   10, false,
					   0, 0, 0.125, NAN, NAN };
	sh = ms_shrinker_add(r);
	snprintf(sh->name, MS_SYM, "super_cache_scan");
	sh->freed = 77, sh->freed_rate = 7;
	latency(&sh->lat, 4);
	r->write_folios = 4, r->write_rate = 0.5;
	r->oom_kills = 1, r->nr_oom = 1;
	r->oom[0] = (struct ms_oom_event){ .time = 1795643218.25,
					   .pid = 66,
					   .uid = UINT32_MAX,
					   .oom_score_adj = -17,
					   .total_vm_kb = 1,
					   .anon_rss_kb = 2,
					   .file_rss_kb = MS_NA,
					   .shmem_rss_kb = 4,
					   .pgtables_kb = 5 };
	snprintf(r->oom[0].comm, MS_NAME, "hog");
	snprintf(r->oom[0].cgroup, MS_CG_PATH, "/a\nb");
	r->oom[0].cgroup_id = 99, r->oom[0].oom_cgroup_id = MS_NA;
	r->oom[0].scope = MS_OOM_CGROUP, r->oom[0].scope_by = MS_OOM_BY_RECLAIM;
	cg = ms_cg_reclaim_add(r);
	snprintf(cg->path, MS_CG_PATH, "/x\x1b[31m/y\\z");
	cg->id = 4242, cg->memcg_reclaimed = 12;
	latency(&cg->direct, 5), latency(&cg->memcg, 6);
	s->task_delays.delayacct = 1, s->task_delays.ours = true;
	s->task_delays.version = 14, s->task_delays.interval = 1;
	d = ms_task_delay_add(&s->task_delays);
	d->pid = 5;
	snprintf(d->comm, MS_NAME, "kswapd0");
	d->count[MS_DL_FREEPAGES] = 2, d->ns[MS_DL_FREEPAGES] = 3000000;
	d->ns_rate[MS_DL_FREEPAGES] = 1500000;
	nu->fields = MS_NE_MIGRATE | MS_NE_HINT | MS_NE_TASK;
	nu->interval = 1, nu->succeeded = 10, nu->succeeded_rate = 10;
	nu->nr_reasons = 1;
	snprintf(nu->reason[0].name, 24, "compaction");
	nu->reason[0].calls = 2;
	nu->hint.node = -1, nu->hint.faults = 8;
	nu->nr_nodes = 1;
	nu->node[0].node = 0, nu->node[0].faults = 8;
	nu->task_moves = 1;
	s->bpf.open = true, s->bpf.stats = true, s->bpf.nr_groups = 1;
	snprintf(s->bpf.groups[0], 16, "buddy");
	s->bpf.nr_progs = 1;
	snprintf(s->bpf.progs[0].name, 32, "ms_pgalloc");
	snprintf(s->bpf.progs[0].group, 16, "buddy");
	s->bpf.progs[0].run_ns = 1000, s->bpf.progs[0].ns_rate = NAN;
	s->bpf.ns_rate = 27.5, s->bpf.cnt_rate = NAN;
}

static char *json_of(const struct ms_snapshot *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(ms_out_json(f, s, MS_SEC_EVERY), 0);
	fclose(f);
	return buf;
}

/* Every section, out and back: the same line. */
static void roundtrip_every_section(void **state)
{
	struct ms_snapshot a, b;
	char *one, *two, why[64];

	ms_snapshot_init(&a);
	ms_snapshot_init(&b);
	fill_core(&a);
	fill_live(&a);
	a.have = MS_SEC_EVERY;
	ms_derive(&a);
	one = json_of(&a);
	assert_int_equal(ms_replay_decode(one, strlen(one) - 1, &b, why,
					  sizeof(why)),
			 0);
	assert_int_equal(b.have, a.have);
	two = json_of(&b);
	assert_string_equal(two, one);
	/* what the views read: raw bytes back, absent stays absent */
	assert_string_equal(b.procs.v[0].comm, a.procs.v[0].comm);
	assert_string_equal(b.vmas.v[0].path, a.vmas.v[0].path);
	assert_null(b.vmas.v[1].path);
	assert_int_equal(b.reclaim_events.direct.total_ns, 1234568);
	/* a stall's and a kill's memory cgroup: raw bytes back, and whose */
	assert_int_equal(b.reclaim_events.nr_cgroups, 1);
	assert_string_equal(b.reclaim_events.cgroups[0].path,
			    a.reclaim_events.cgroups[0].path);
	assert_int_equal(b.reclaim_events.cgroups[0].memcg.total_ns, 1234573);
	assert_string_equal(b.reclaim_events.oom[0].cgroup, "/a\nb");
	assert_int_equal(b.reclaim_events.oom[0].scope, MS_OOM_CGROUP);
	assert_int_equal(b.reclaim_events.oom[0].scope_by, MS_OOM_BY_RECLAIM);
	assert_int_equal(b.reclaim_events.oom[0].oom_cgroup_id, MS_NA);
	assert_true(isnan(b.reclaim.vmstat.v[1].rate));
	assert_int_equal(ms_kv_get(&b.meminfo, "Hugetlb"), MS_NA);
	assert_int_equal(b.procs.v[0].uid, UINT32_MAX);
	/* the name as the recording machine had it, raw bytes back */
	assert_string_equal(b.procs.v[0].user, a.procs.v[0].user);
	free(one);
	free(two);
	ms_snapshot_free(&a);
	ms_snapshot_free(&b);
}

/*
 * Notes carry what they are about (a process, a BPF program) for the
 * views; the JSON keeps only their text, and the decoder gets it back.
 */
static void note_keys(void **state)
{
	struct ms_snapshot a, b;
	const struct ms_note *n;
	char *one, *two, why[64];

	ms_snapshot_init(&a);
	ms_snapshot_init(&b);
	ms_snapshot_note(&a, "pagetypeinfo", "needs root");
	ms_snapshot_note_pid(&a, "vmas", 42, "pid %d: exited", 42);
	ms_snapshot_note_pid(&a, "maple", 7, "process %d: exited", 7);
	ms_snapshot_note_bpf(&a, "ms_pgalloc", "load: refused");
	ms_snapshot_note(&a, "processes", "pid 4 is gone"); /* not keyed */
	for (int pass = 0; pass < 2; pass++) {
		const struct ms_snapshot *s = pass ? &b : &a;

		n = ms_note_of_pid(s, "vmas", 42);
		assert_non_null(n);
		assert_string_equal(n->why, "pid 42: exited");
		/* another process, another part: not this note */
		assert_null(ms_note_of_pid(s, "vmas", 4));
		assert_null(ms_note_of_pid(s, "maple", 42));
		assert_null(ms_note_of_pid(s, "processes", 4));
		assert_non_null(ms_note_of_pid(s, "maple", 7));
		n = ms_note_of_bpf(s, "ms_pgalloc");
		assert_non_null(n);
		assert_string_equal(n->what, "bpf ms_pgalloc");
		assert_string_equal(n->why, "load: refused");
		assert_null(ms_note_of_bpf(s, "ms_pgallo"));
		assert_int_equal(s->notes[0].about, MS_NOTE_PART);
		if (pass)
			break;
		one = json_of(&a);
		assert_int_equal(ms_replay_decode(one, strlen(one) - 1, &b, why,
						  sizeof(why)),
				 0);
	}
	/* the text is all the outputs show: the same line again */
	two = json_of(&b);
	assert_string_equal(two, one);
	assert_non_null(strstr(one, "\"what\":\"bpf ms_pgalloc\""));
	free(one);
	free(two);
	ms_snapshot_free(&a);
	ms_snapshot_free(&b);
}

/* The events alone (no buddy, slab, reclaim, numa): same keys, order. */
static void roundtrip_events_only(void **state)
{
	struct ms_snapshot a, b;
	char *one, *two, why[64];

	ms_snapshot_init(&a);
	ms_snapshot_init(&b);
	fill_live(&a);
	a.t_real = 1;
	a.have = MS_SEC_EVERY &
		 ~(MS_SEC_BIT(MS_SEC_BUDDY) | MS_SEC_BIT(MS_SEC_SLAB) |
		   MS_SEC_BIT(MS_SEC_RECLAIM) | MS_SEC_BIT(MS_SEC_NUMA) |
		   MS_SEC_BIT(MS_SEC_VMAS) | MS_SEC_BIT(MS_SEC_SLAB_DETAIL));
	ms_derive(&a);
	one = json_of(&a);
	assert_int_equal(
		ms_replay_decode(one, strlen(one), &b, why, sizeof(why)), 0);
	assert_int_equal(b.have, a.have);
	two = json_of(&b);
	assert_string_equal(two, one);
	free(one);
	free(two);
	ms_snapshot_free(&a);
	ms_snapshot_free(&b);
}

/*
 * The page cache's files go into "memory" whatever else is there: alone
 * (no ledger read back as nulls), beside the census (one "memory", not
 * two), and back byte for byte with their raw names.
 */
static void roundtrip_pagecache_files(void **state)
{
	static const unsigned int with[] = { 0, MS_SEC_BIT(MS_SEC_CENSUS),
					     MS_SEC_BIT(MS_SEC_MEMORY) };

	for (size_t k = 0; k < sizeof(with) / sizeof(with[0]); k++) {
		struct ms_snapshot a, b;
		struct ms_pcache_file *f;
		const struct ms_field *l = ms_pcache_fields;
		char *one, *two, why[64];

		while (l->type != MS_F_LIST)
			l++;
		ms_snapshot_init(&a);
		ms_snapshot_init(&b);
		a.t_real = 1;
		a.pcache.method = MS_PCACHE_CACHESTAT;
		a.pcache.found = 2;
		a.pcache.cached_kb = 1024;
		a.pcache.meminfo_cached_kb = 4096;
		f = ms_list_add(l, &a.pcache);
		f->path = strdup("/d/a\nb\xff (deleted)");
		f->cached_kb = 1024;
		f->holders = 2;
		f->deleted = true;
		a.have = MS_SEC_BIT(MS_SEC_PAGECACHE_FILES) | with[k];
		ms_derive(&a);
		ms_pcache_derive(&a.pcache);
		one = json_of(&a);
		assert_non_null(strstr(one, "\"files_coverage_pct\":25.000"));
		/* one memory object */
		assert_null(
			strstr(strstr(one, "\"memory\"") + 1, "\"memory\""));
		assert_int_equal(ms_replay_decode(one, strlen(one), &b, why,
						  sizeof(why)),
				 0);
		assert_int_equal(b.have, a.have);
		assert_string_equal(b.pcache.v[0].path, f->path);
		two = json_of(&b);
		assert_string_equal(two, one);
		free(one);
		free(two);
		ms_snapshot_free(&a);
		ms_snapshot_free(&b);
	}
}

/*
 * The events' field bits come from the keys a line has (the tables' need
 * column): a null part was not counted, and keeps what the snapshot had.
 */
static void event_bits_from_keys(void **state)
{
	static const char line[] =
		"{\"timestamp\":5,\"buddy\":{\"events_interval_s\":1,"
		"\"alloc_rate_per_order\":[1,2,3],\"free_rate_per_order\":null,"
		"\"frees_per_order\":null,\"compaction\":{\"runs\":4,"
		"\"latency_log2_us\":[0,5]}},"
		"\"reclaim\":{\"events_interval_s\":1,\"direct_reclaim\":"
		"{\"global\":{\"count\":2,\"total_ms\":1.5,\"max_us\":3},"
		"\"memcg\":null},\"kswapd\":null,\"oom_kills\":7,"
		"\"task_delays\":{\"task_delayacct\":null,\"processes\":"
		"[{\"pid\":3,\"swapin\":{\"count\":1,\"total_ms\":2}}]}}}";
	struct ms_snapshot s;
	char why[64];

	(void)state;
	ms_snapshot_init(&s);
	assert_int_equal(
		ms_replay_decode(line, strlen(line), &s, why, sizeof(why)), 0);
	assert_int_equal(s.buddy_events.fields, MS_BE_ALLOC | MS_BE_COMPACT);
	assert_int_equal(s.buddy_events.nr_orders, 3);
	assert_int_equal(s.buddy_events.compaction.runs, 4);
	assert_int_equal(s.buddy_events.compaction.hist[1], 5);
	assert_true(isnan(s.buddy_events.compaction.runs_rate));
	/* oom_kills without oom_events: counted, its list not written */
	assert_int_equal(s.reclaim_events.fields, MS_RE_DIRECT | MS_RE_OOM);
	assert_int_equal(s.reclaim_events.oom_kills, 7);
	/* an old line: total_ms (ns rounded to us), max_us scaled back */
	assert_int_equal(s.reclaim_events.direct.total_ns, 1500000);
	assert_int_equal(s.reclaim_events.direct.max_ns, 3000);
	assert_int_equal(s.task_delays.delayacct, -1);
	assert_int_equal(s.task_delays.n, 1);
	assert_int_equal(s.task_delays.v[0].count[MS_DL_SWAPIN], 1);
	assert_int_equal(s.task_delays.v[0].ns[MS_DL_SWAPIN], 2000000);
	assert_int_equal(s.task_delays.v[0].count[MS_DL_FREEPAGES], MS_NA);
	assert_true(isnan(s.task_delays.v[0].ns_rate[MS_DL_SWAPIN]));
	ms_snapshot_free(&s);
}

/* Old recordings: a key that is missing reads as absent, never as 0. */
static void missing_and_mistyped(void **state)
{
	static const char line[] =
		"{\"timestamp\":5,\"future\":{\"x\":[1,{}]},"
		"\"kernel\":\"6.1-\\\\x4A\\\\x4b\\\\x00\","
		"\"meminfo\":{\"MemTotal\":\"12\",\"MemFree\":-1},"
		"\"buddy\":{\"zones\":[{\"node\":0,\"zone\":\"Normal\","
		"\"free_blocks\":\"x\",\"watermarks\":[1]}]},"
		"\"processes\":[7,{\"pid\":\"x\",\"comm\":[1],\"uid\":0}],"
		"\"slab\":{\"caches\":{}},\"reclaim\":{\"vmstat\":[]},"
		"\"vmas\":{\"list\":[{\"start\":\"zz\"}],\"maple\":{\"nodes\":"
		"[{\"slots\":2000000000,\"children\":5,"
		"\"pivots\":[\"zz\",\"1000\",5,\"\"]}]}}}";
	struct ms_snapshot s;
	char why[64];

	ms_snapshot_init(&s);
	assert_int_equal(
		ms_replay_decode(line, strlen(line), &s, why, sizeof(why)), 0);
	assert_true(s.t_real == 5);
	/* \xNN undone in either case, never into a NUL */
	assert_string_equal(s.kernel, "6.1-JK\\x00");
	assert_int_equal(ms_kv_get(&s.meminfo, "MemTotal"), MS_NA);
	assert_int_equal(ms_kv_get(&s.meminfo, "MemFree"), MS_NA);
	assert_int_equal(s.buddy.nr_zones, 1);
	assert_int_equal(s.buddy.zones[0].nr_orders, 0);
	assert_int_equal(s.buddy.zones[0].wmark_min, MS_NA);
	assert_int_equal(s.buddy.zones[0].managed, MS_NA);
	assert_true(isnan(s.buddy.zones[0].frag_index));
	assert_int_equal(s.procs.n, 2);
	assert_int_equal(s.procs.v[1].rss_kb, MS_NA);
	assert_int_equal(s.procs.v[1].comm[0], '\0');
	/* a recording from before user names: no name, not this machine's */
	assert_int_equal(s.procs.v[1].uid, 0);
	assert_string_equal(s.procs.v[1].user, "");
	assert_int_equal(s.slab.n, 0);
	assert_int_equal(s.vmas.v[0].start, MS_NA);
	assert_true(s.have & MS_SEC_BIT(MS_SEC_MAPLE));
	/* a pivot that is not all hex is absent, as a VMA's start is */
	assert_int_equal(s.maple.nodes[0].nr_pivots, 4);
	assert_int_equal(s.maple.nodes[0].pivots[0], MS_NA);
	assert_int_equal(s.maple.nodes[0].pivots[1], 0x1000);
	assert_int_equal(s.maple.nodes[0].pivots[2], MS_NA);
	assert_int_equal(s.maple.nodes[0].pivots[3], MS_NA);
	/* every section it has comes from the line: none is made up */
	assert_false(s.have & MS_SEC_BIT(MS_SEC_NUMA));
	assert_false(s.have & MS_SEC_BIT(MS_SEC_FAULT_EVENTS));
	assert_int_equal(ms_replay_decode("[1]", 3, &s, why, sizeof(why)),
			 -EINVAL);
	assert_int_equal(ms_replay_decode("{\"a\":", 5, &s, why, sizeof(why)),
			 -EINVAL);
	ms_snapshot_free(&s);
}

/* The writer's file read back by the reader: every sample, in order. */
/* The mode of FILE.marks after a bookmark is set in the recording path. */
static mode_t mark_one(const char *path)
{
	char marks[4200], why[256];
	struct ms_cursor *c;
	struct stat st;

	assert_int_equal(ms_cursor_open(&c, path, NAN, NAN, why, sizeof(why)),
			 0);
	ms_cursor_mark(c, 3);
	ms_cursor_mark(c, 3); /* and cleared: the file stays */
	assert_null(ms_cursor_marks_error(c));
	ms_cursor_close(c);
	snprintf(marks, sizeof(marks), "%s.marks", path);
	assert_int_equal(stat(marks, &st), 0);
	return st.st_mode & 0777;
}

/*
 * Bookmarks say where a lecture's recording is interesting: FILE.marks
 * gets the recording's mode (0600), not the umask's 0644, and one left
 * wider by an older memscope is narrowed; never widened.
 */
static void marks_mode(const char *path)
{
	char marks[4200];
	mode_t old = umask(022);

	snprintf(marks, sizeof(marks), "%s.marks", path);
	unlink(marks);
	assert_int_equal(mark_one(path), 0600);
	assert_int_equal(chmod(marks, 0644), 0);
	assert_int_equal(mark_one(path), 0600);
	/* a recording made readable on purpose: its marks follow */
	assert_int_equal(chmod(path, 0644), 0);
	unlink(marks);
	assert_int_equal(mark_one(path), 0644);
	/* narrower marks stay as they are */
	assert_int_equal(chmod(marks, 0600), 0);
	assert_int_equal(mark_one(path), 0600);
	unlink(marks);
	umask(old);
}

static void record_then_read(void **state)
{
	char path[] = "/tmp/ms-test-replay-XXXXXX", why[256];
	struct ms_snapshot s;
	struct ms_record *r;
	struct ms_rec_file f;
	const char *text;
	struct stat st;
	size_t len;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	ms_snapshot_init(&s);
	assert_int_equal(ms_record_open(&r, path, 1, why, sizeof(why)),
			 -EEXIST);
	unlink(path);
	assert_int_equal(ms_record_open(&r, path, 0.5, why, sizeof(why)), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	for (int i = 0; i < 40; i++) {
		s.t_real = 1000 + i;
		kv(&s.meminfo, "MemFree", (uint64_t)i, NAN);
		s.have = MS_SEC_BIT(MS_SEC_MEMINFO);
		assert_int_equal(
			ms_record_write(r, &s, MS_SEC_BIT(MS_SEC_MEMINFO)), 0);
		ms_snapshot_reset(&s);
	}
	assert_int_equal(ms_record_close(r), 0);
	assert_int_equal(ms_rec_open(&f, path, false, why, sizeof(why)), 0);
	assert_int_equal(f.n, 40);
	assert_int_equal(f.nr_frames, 3); /* 16 + 16 + 8 */
	assert_true(f.interval == 0.5);
	assert_null(f.end_note[0] ? f.end_note : NULL);
	/* backwards across frames: random access */
	for (int i = 39; i >= 0; i -= 7) {
		char want[64];

		assert_int_equal(ms_rec_line(&f, i, &text, &len), 0);
		assert_true(f.v[i].t == 1000 + i);
		snprintf(want, sizeof(want), "\"MemFree\":%d}", i);
		assert_non_null(memmem(text, len, want, strlen(want)));
	}
	ms_rec_close(&f);
	marks_mode(path);
	unlink(path);
	ms_snapshot_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(roundtrip_every_section),
		cmocka_unit_test(note_keys),
		cmocka_unit_test(roundtrip_events_only),
		cmocka_unit_test(roundtrip_pagecache_files),
		cmocka_unit_test(event_bits_from_keys),
		cmocka_unit_test(missing_and_mistyped),
		cmocka_unit_test(record_then_read),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
