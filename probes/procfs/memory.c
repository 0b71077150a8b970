// SPDX-License-Identifier: GPL-2.0
/*
 * The Memory area's reader: meminfo, vmstat and zoneinfo of the machine,
 * meminfo and vmstat of each node, turned into the ledger (model/ledger.c).
 */
#include "probes/procfs/buddy.h"
#include "probes/procfs/kv.h"
#include "probes/procfs/memory.h"
#include "probes/procfs/numa.h"
#include "probes/procfs/procfs.h"
#include "probes/procfs/reclaim.h"
#include "probes/procfs/slab.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/field.h"

#define NODE_DIR "sys/devices/system/node"

/* ---- reading below the root ------------------------------------------- */

/* "hugepages-2048kB" and the like in a directory: their sizes in kB. */
struct sizes {
	uint64_t kb[MS_MEM_HPOOLS > MS_MTHP_SIZES ? MS_MEM_HPOOLS :
						    MS_MTHP_SIZES];
	int n, max;
};

static int collect_size(void *ctx, const char *name, unsigned char type)
{
	struct sizes *z = ctx;
	const char *p = name + 10, *e = name + strlen(name);
	uint64_t kb;
	int i;

	(void)type;
	if (strncmp(name, "hugepages-", 10) || ms_parse_dec(&p, e, &kb) ||
	    strcmp(p, "kB") || z->n >= z->max)
		return 0;
	/* ascending, so the outputs keep one order */
	for (i = z->n; i > 0 && z->kb[i - 1] > kb; i--)
		z->kb[i] = z->kb[i - 1];
	z->kb[i] = kb;
	z->n++;
	return 0;
}

static uint64_t read_num(const struct ms_root *r, const char *dir, uint64_t kb,
			 const char *file)
{
	char rel[160];
	unsigned long long v;

	snprintf(rel, sizeof(rel), "%s/hugepages-%llukB/%s", dir,
		 (unsigned long long)kb, file);
	return ms_read_u64(r, rel, &v) ? MS_NA : (uint64_t)v;
}

/* The hugetlb pools below dir (the machine's or a node's). */
static int read_hpools(const struct ms_root *r, const char *dir,
		       struct ms_mem_hpool *hp)
{
	struct sizes z = { .max = MS_MEM_HPOOLS };

	ms_listdir(r, dir, collect_size, &z);
	for (int i = 0; i < z.n; i++)
		hp[i] = (struct ms_mem_hpool){
			.size_kb = z.kb[i],
			.total = read_num(r, dir, z.kb[i], "nr_hugepages"),
			.free = read_num(r, dir, z.kb[i], "free_hugepages"),
			.resv = read_num(r, dir, z.kb[i], "resv_hugepages"),
			.surplus =
				read_num(r, dir, z.kb[i], "surplus_hugepages"),
		};
	return z.n;
}

#define THP_DIR "sys/kernel/mm/transparent_hugepage"

int ms_thp_sizes(const struct ms_root *r, uint64_t *kb, int max)
{
	struct sizes z = { .max = max < MS_MTHP_SIZES ? max : MS_MTHP_SIZES };

	ms_listdir(r, THP_DIR, collect_size, &z);
	memcpy(kb, z.kb, (size_t)z.n * sizeof(kb[0]));
	return z.n;
}

/* The anonymous mTHPs of each size (6.13+: stats/nr_anon). */
static int read_mthp(const struct ms_root *r, struct ms_mthp *t,
		     uint64_t *pmd_kb)
{
	uint64_t kb[MS_MTHP_SIZES];
	unsigned long long v;
	int n = ms_thp_sizes(r, kb, MS_MTHP_SIZES);

	*pmd_kb = ms_read_u64(r, THP_DIR "/hpage_pmd_size", &v) ? MS_NA :
								  v / 1024;
	for (int i = 0; i < n; i++)
		t[i] = (struct ms_mthp){
			.size_kb = kb[i],
			.nr_anon = read_num(r, THP_DIR, kb[i], "stats/nr_anon"),
		};
	return n;
}

static int collect_zram(void *ctx, const char *name, unsigned char type)
{
	struct sizes *z = ctx;
	const char *p = name + 4, *e = name + strlen(name);
	uint64_t id;

	int i;

	(void)type;
	if (strncmp(name, "zram", 4) || ms_parse_dec(&p, e, &id) || p != e ||
	    z->n >= z->max)
		return 0;
	for (i = z->n; i > 0 && z->kb[i - 1] > id; i--)
		z->kb[i] = z->kb[i - 1];
	z->kb[i] = id;
	z->n++;
	return 0;
}

/*
 * The memory every zram device uses (mm_stat mem_used_total), kB, and
 * each device's in dev[].
 */
static uint64_t read_zram(const struct ms_root *r, struct ms_procfs *pf,
			  struct ms_snapshot *s, struct ms_mem_dev *dev,
			  int *nr)
{
	struct sizes z = { .max = MS_MTHP_SIZES };
	uint64_t kb = 0;

	if (ms_listdir(r, "sys/block", collect_zram, &z) || !z.n)
		return MS_NA;
	for (int i = 0; i < z.n; i++) {
		struct ms_zram d = { 0 };
		struct ms_perr e;

		ms_perr_init(&e);
		if (ms_readf(r, &pf->buf, "sys/block/zram%llu/mm_stat",
			     (unsigned long long)z.kb[i]) ||
		    ms_zram_mm_stat_parse(pf->buf.data, pf->buf.len, &d, &e)) {
			ms_snapshot_note(s, "memory_zram",
					 "zram%llu: no mm_stat",
					 (unsigned long long)z.kb[i]);
			continue;
		}
		kb += d.mem_used_total / 1024;
		dev[*nr] =
			(struct ms_mem_dev){ z.kb[i], d.mem_used_total / 1024 };
		(*nr)++;
	}
	return kb;
}

/*
 * The biggest slab caches (slabinfo, root only) and whether the kernel
 * counts each reclaimable (sysfs reclaim_account): how many, 0 without.
 */
static int read_slab_top(const struct ms_root *r, struct ms_procfs *pf,
			 uint64_t page_kb, struct ms_slab_top *top)
{
	struct ms_slab sl = { 0 };
	char why[128], rel[MS_LEDGER_NAME + 48];
	int skipped, n = 0;

	if (ms_read(r, "proc/slabinfo", &pf->buf) ||
	    ms_slabinfo_parse(pf->buf.data, pf->buf.len, &sl, &skipped, why,
			      sizeof(why))) {
		free(sl.caches);
		return 0;
	}
	for (int i = 0; i < sl.n; i++) {
		const struct ms_slab_cache *c = &sl.caches[i];
		uint64_t kb = c->num_slabs * c->pagesperslab * page_kb;
		int k;

		if (!kb || (n == MS_SLAB_TOP && kb <= top[n - 1].kb))
			continue;
		k = n < MS_SLAB_TOP ? n++ : n - 1;
		/* biggest first */
		for (; k > 0 && top[k - 1].kb < kb; k--)
			top[k] = top[k - 1];
		memset(&top[k], 0, sizeof(top[k]));
		snprintf(top[k].name, sizeof(top[k].name), "%.*s",
			 (int)sizeof(top[k].name) - 1, c->name);
		top[k].kb = kb;
	}
	free(sl.caches);
	for (int i = 0; i < n; i++) {
		unsigned long long v;

		snprintf(rel, sizeof(rel), "sys/kernel/slab/%s/reclaim_account",
			 top[i].name);
		top[i].reclaim = ms_read_u64(r, rel, &v) ? -1 : v != 0;
	}
	return n;
}

static int collect_num(void *ctx, const char *name, unsigned char type)
{
	struct sizes *z = ctx;
	const char *p = name, *e = name + strlen(name);
	uint64_t v;

	int i;

	(void)type;
	if (ms_parse_dec(&p, e, &v) || p != e || z->n >= z->max)
		return 0;
	/* ascending, whatever order the directory lists them in */
	for (i = z->n; i > 0 && z->kb[i - 1] > v; i--)
		z->kb[i] = z->kb[i - 1];
	z->kb[i] = v;
	z->n++;
	return 0;
}

#define FW_DIR "sys/firmware/memmap"

/*
 * The firmware's memory map (/sys/firmware/memmap/N/start, end, type)
 * summed by type into m->firmware; nothing without the directory. What
 * could not be read in note.
 */
static void read_firmware(const struct ms_root *r, struct ms_procfs *pf,
			  char *note, size_t len, struct ms_memory *m)
{
	struct sizes z = { .max = MS_MTHP_SIZES };
	char rel[64], type[32];
	int bad = 0;

	if (ms_listdir(r, FW_DIR, collect_num, &z))
		return;
	for (int i = 0; i < z.n; i++) {
		unsigned long long n = (unsigned long long)z.kb[i];
		uint64_t a, b;

		snprintf(rel, sizeof(rel), FW_DIR "/%llu/type", n);
		if (ms_read_str(r, rel, type, sizeof(type)) ||
		    ms_readf(r, &pf->buf, FW_DIR "/%llu/start", n) ||
		    ms_parse_value(pf->buf.data, pf->buf.len, &a) ||
		    ms_readf(r, &pf->buf, FW_DIR "/%llu/end", n) ||
		    ms_parse_value(pf->buf.data, pf->buf.len, &b) || b < a) {
			bad++;
			continue;
		}
		if (ms_mem_fw_add(m, type, (b - a + 1) >> 10))
			return;
	}
	if (bad)
		snprintf(note, len, "%d of %d entries unreadable", bad, z.n);
}

/*
 * The firmware's map does not change while memscope runs: read once, its
 * types and note given again to every sample from then on.
 */
static void firmware(const struct ms_root *r, struct ms_procfs *pf,
		     struct ms_snapshot *s, struct ms_memory *m)
{
	struct ms_mem_once *o = &pf->mem;
	int max = (int)(sizeof(o->fw) / sizeof(o->fw[0]));

	if (!o->fw_read) {
		o->fw_read = true;
		read_firmware(r, pf, o->fw_note, sizeof(o->fw_note), m);
		for (int i = 0; i < m->firmware.n && o->nr_fw < max; i++)
			o->fw[o->nr_fw++] = m->firmware.v[i];
	} else {
		for (int i = 0; i < o->nr_fw; i++)
			if (ms_mem_fw_add(m, o->fw[i].type, o->fw[i].kb))
				break;
	}
	if (o->fw_note[0])
		ms_snapshot_note(s, "firmware_memmap", "%s", o->fw_note);
}

/* vmallocinfo (root only): NULL when not readable. */
static const struct ms_vmallocinfo *
read_vmi(const struct ms_root *r, struct ms_procfs *pf, struct ms_snapshot *s,
	 uint64_t page_kb, struct ms_vmallocinfo *v)
{
	struct ms_perr e;
	int err = ms_read(r, "proc/vmallocinfo", &pf->buf);

	ms_perr_init(&e);
	if (!err)
		err = ms_vmallocinfo_parse(pf->buf.data, pf->buf.len, page_kb,
					   v, &e);
	if (err) {
		ms_snapshot_note(s, "vmallocinfo", "%s",
				 e.why[0] ? e.why : ms_errstr(r, err));
		return NULL;
	}
	ms_perr_note(s, "vmallocinfo", &e);
	return v;
}

/*
 * iomem (root only; others read zero addresses), read once: the kernel's
 * image and the crash kernel stay where they are while memscope runs.
 * NULL when not readable; its note with every sample.
 */
static const struct ms_iomem *iomem(const struct ms_root *r,
				    struct ms_procfs *pf, struct ms_snapshot *s)
{
	struct ms_mem_once *o = &pf->mem;
	struct ms_perr e;
	int err;

	if (!o->io_read) {
		o->io_read = true;
		err = ms_read(r, "proc/iomem", &pf->buf);
		ms_perr_init(&e);
		if (!err)
			err = ms_iomem_parse(pf->buf.data, pf->buf.len, &o->io,
					     &e);
		if (err) {
			o->io.valid = false;
			snprintf(o->io_note, sizeof(o->io_note), "%s",
				 e.why[0] ? e.why : ms_errstr(r, err));
		} else {
			ms_perr_text(&e, o->io_note, sizeof(o->io_note));
		}
	}
	if (o->io_note[0])
		ms_snapshot_note(s, "iomem", "%s", o->io_note);
	return o->io.valid ? &o->io : NULL;
}

struct scratch {
	struct ms_kvlist meminfo, vmstat, nvmstat;
	struct ms_mem_hpool hp[MS_MEM_HPOOLS], nhp[MS_MEM_HPOOLS];
	struct ms_mthp mthp[MS_MTHP_SIZES];
	struct ms_mem_dev zram[MS_MTHP_SIZES];
	struct ms_vmallocinfo *vmi;
	struct ms_slab_top slab[MS_SLAB_TOP];
	struct ms_numa_node nd;
	struct ms_buddy b;
	struct ms_mem_zone *zones;
	uint64_t *pcp;
};

static void scratch_free(struct scratch *x)
{
	free(x->meminfo.v);
	free(x->vmstat.v);
	free(x->nvmstat.v);
	free(x->nd.meminfo.v);
	free(x->b.zones);
	free(x->zones);
	free(x->pcp);
	free(x->vmi);
}

typedef int (*kv_fn)(const char *text, size_t len, struct ms_kvlist *l,
		     struct ms_perr *e);

/* rel into l (a note named what when it fails): whether it was read. */
static bool read_kv(const struct ms_root *r, struct ms_procfs *pf,
		    struct ms_snapshot *s, const char *rel, const char *what,
		    kv_fn parse, struct ms_kvlist *l)
{
	struct ms_perr e;
	int err = ms_read(r, rel, &pf->buf);

	l->n = 0;
	ms_perr_init(&e);
	if (!err)
		err = parse(pf->buf.data, pf->buf.len, l, &e);
	if (err) {
		l->n = 0;
		ms_snapshot_note(s, what, "%s: %s", rel,
				 e.why[0] ? e.why : ms_errstr(r, err));
		return false;
	}
	ms_perr_note(s, what, &e);
	return true;
}

static int read_zones(const struct ms_root *r, struct ms_procfs *pf,
		      struct ms_snapshot *s, struct scratch *x)
{
	char why[128];
	struct ms_perr e;
	int err = ms_read(r, "proc/zoneinfo", &pf->buf), n;

	if (err) {
		ms_snapshot_note(s, "zoneinfo", "%s", ms_errstr(r, err));
		return err;
	}
	err = ms_parse_zoneinfo(pf->buf.data, pf->buf.len, &x->b, why,
				sizeof(why));
	if (err) {
		ms_snapshot_note(s, "zoneinfo", "%s", why);
		return err;
	}
	n = x->b.nr_zones;
	x->zones = calloc(n, sizeof(*x->zones));
	x->pcp = calloc(n, sizeof(*x->pcp));
	if (!x->zones || !x->pcp)
		return -ENOMEM;
	ms_perr_init(&e);
	ms_zoneinfo_pcp_parse(pf->buf.data, pf->buf.len, &x->b, x->pcp, &e);
	ms_perr_note(s, "zoneinfo", &e);
	for (int i = 0; i < n; i++) {
		const struct ms_zone *z = &x->b.zones[i];

		x->zones[i] = (struct ms_mem_zone){
			.node = z->node,
			.spanned = z->spanned,
			.present = z->present,
			.managed = z->managed,
			.free = z->zi_free,
			.low = z->wmark_low,
			.pcp = x->pcp[i],
		};
	}
	return 0;
}

/* The ledger of each node that has present pages. */
static void read_nodes(const struct ms_root *r, struct ms_procfs *pf,
		       struct ms_snapshot *s, struct scratch *x,
		       const struct ms_mem_extra *ex)
{
	struct ms_memory *m = &s->memory;
	char rel[64], why[128];

	for (int i = 0; i < x->b.nr_zones; i++) {
		int node = x->zones[i].node;
		struct ms_mem_node *mn;
		struct ms_mem_src src;
		bool seen = false;
		struct ms_perr e;
		int err;

		/* a node's zones are listed together */
		seen = i && x->zones[i - 1].node == node;
		for (int k = 0; k < m->nodes.n; k++)
			seen |= m->nodes.v[k].node == node;
		if (seen)
			continue;
		mn = ms_mem_node_add(m);
		if (!mn)
			return;
		mn->node = node;
		x->nd.meminfo.n = 0;
		ms_perr_init(&e);
		err = ms_readf(r, &pf->buf, NODE_DIR "/node%d/meminfo", node);
		if (!err && ms_node_meminfo_parse(pf->buf.data, pf->buf.len,
						  node, &x->nd, &e))
			err = -EINVAL;
		if (err) {
			ms_snapshot_note(
				s, "memory_nodes", "node%d meminfo: %s", node,
				err == -EINVAL ? e.why : ms_errstr(r, err));
			m->nodes.n--;
			continue;
		}
		snprintf(rel, sizeof(rel), NODE_DIR "/node%d/vmstat", node);
		read_kv(r, pf, s, rel, "memory_nodes", ms_kv_parse_pairs,
			&x->nvmstat);
		snprintf(rel, sizeof(rel), NODE_DIR "/node%d/hugepages", node);
		src = (struct ms_mem_src){
			.node = node,
			.meminfo = &x->nd.meminfo,
			.vmstat = x->nvmstat.n ? &x->nvmstat : NULL,
			.zones = x->zones,
			.nr_zones = x->b.nr_zones,
			.hpools = x->nhp,
			.nr_hpools = read_hpools(r, rel, x->nhp),
		};
		if (ms_ledger_build(&src, ex, &mn->ledger, &mn->of_which,
				    &mn->physical_kb, &mn->total_kb, why,
				    sizeof(why)))
			ms_snapshot_note(s, "memory_nodes", "node%d: %s", node,
					 why);
	}
}

/*
 * Whether kernel stacks are vmalloc'd (VMAP_STACK): vmallocinfo knows
 * (the fork path's vmalloc areas are stacks), and what it said holds for
 * the run; before it was read, VmallocUsed holding KernelStack says so.
 */
static bool vmap_stack(struct ms_procfs *pf, const struct ms_kvlist *mi,
		       const struct ms_vmallocinfo *vmi)
{
	uint64_t vm = ms_kv_get(mi, "VmallocUsed");
	uint64_t ks = ms_kv_get(mi, "KernelStack");
	uint64_t scs = ms_kv_get(mi, "ShadowCallStack");

	if (vmi && ms_have(ks) && ks) {
		pf->mem.vmap_known = true;
		pf->mem.vmap_stack = vmi->stack_kb > 0;
	}
	if (pf->mem.vmap_known)
		return pf->mem.vmap_stack;
	return ms_have(vm) && ms_have(ks) &&
	       vm >= ks + (ms_have(scs) ? scs : 0);
}

int ms_procfs_memory(const struct ms_root *r, struct ms_procfs *pf, bool brief,
		     struct ms_snapshot *s)
{
	struct ms_memory *m = &s->memory;
	struct scratch x = { 0 };
	struct ms_mem_extra ex = { .page_kb = 4, .zram_kb = MS_NA };
	struct ms_mem_src src;
	char why[128];
	int err;

	ms_fields_reset(ms_memory_fields, m);
	/* a captured tree does not say its page size: 4 kB (slab.c) */
	if (r->live && sysconf(_SC_PAGESIZE) >= 1024)
		ex.page_kb = (uint64_t)sysconf(_SC_PAGESIZE) / 1024;
	if (!read_kv(r, pf, s, "proc/meminfo", "meminfo", ms_kv_parse_colons,
		     &x.meminfo)) {
		err = -ENODATA;
		goto out;
	}
	read_kv(r, pf, s, "proc/vmstat", "vmstat", ms_kv_parse_pairs,
		&x.vmstat);
	err = read_zones(r, pf, s, &x);
	if (err)
		goto out;
	ex.hpage_kb = ms_kv_get(&x.meminfo, "Hugepagesize");
	if (!brief)
		ex.nr_mthp = read_mthp(r, x.mthp, &ex.pmd_kb);
	ex.mthp = x.mthp;
	ex.zram_kb = read_zram(r, pf, s, x.zram, &ex.nr_zram);
	ex.zram = x.zram;
	/* the rest only names the top level's children */
	if (!brief) {
		ex.iomem = iomem(r, pf, s);
		ex.nr_slab = read_slab_top(r, pf, ex.page_kb, x.slab);
		x.vmi = malloc(sizeof(*x.vmi));
		if (x.vmi)
			ex.vmi = read_vmi(r, pf, s, ex.page_kb, x.vmi);
	}
	ex.slab = x.slab;
	ex.vmap_stack = vmap_stack(pf, &x.meminfo, ex.vmi);
	src = (struct ms_mem_src){
		.node = -1,
		.meminfo = &x.meminfo,
		.vmstat = x.vmstat.n ? &x.vmstat : NULL,
		.zones = x.zones,
		.nr_zones = x.b.nr_zones,
		.hpools = x.hp,
	};
	/* the pools' sizes are children; Hugetlb the top (before 5.16: not) */
	if (!brief || !ms_have(ms_kv_get(&x.meminfo, "Hugetlb")))
		src.nr_hpools = read_hpools(r, "sys/kernel/mm/hugepages", x.hp);
	err = ms_ledger_build(&src, &ex, &m->ledger, &m->of_which,
			      &m->physical_kb, &m->total_kb, why, sizeof(why));
	if (err) {
		ms_snapshot_note(s, "memory", "%s", why);
		goto out;
	}
	if (!brief)
		read_nodes(r, pf, s, &x, &ex);
	m->holes_kb = 0;
	for (int i = 0; i < x.b.nr_zones; i++)
		if (ms_have(x.zones[i].spanned) &&
		    ms_have(x.zones[i].present) &&
		    x.zones[i].spanned > x.zones[i].present)
			m->holes_kb +=
				(x.zones[i].spanned - x.zones[i].present) *
				ex.page_kb;
	if (!brief)
		firmware(r, pf, s, m);
out:
	scratch_free(&x);
	return err;
}
