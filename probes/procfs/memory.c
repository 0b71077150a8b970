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

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/field.h"

#define NODE_DIR "sys/devices/system/node"

/* "Node 0, zone   Normal": its node and name; false for other lines. */
static bool zone_head(const char *s, const char *e, int *node, char *name,
		      size_t n)
{
	const char *p;
	uint64_t v;

	if ((size_t)(e - s) < 5 || memcmp(s, "Node ", 5))
		return false;
	p = s + 5;
	if (ms_parse_dec(&p, e, &v) || v > MS_MAX_NODE_ID || p + 6 > e ||
	    memcmp(p, ", zone", 6))
		return false;
	p = ms_skip_blank(p + 6, e);
	if (p == e || (size_t)(e - p) >= n)
		return false;
	memcpy(name, p, e - p);
	name[e - p] = '\0';
	*node = (int)v;
	return true;
}

int ms_zoneinfo_pcp_parse(const char *text, size_t len, struct ms_buddy *b,
			  uint64_t *pcp, struct ms_perr *e)
{
	const char *p = text, *end = text + len, *l;
	int zi = -1, lineno = 0;
	size_t n;

	for (int i = 0; i < b->nr_zones; i++)
		pcp[i] = MS_NA;
	while ((l = ms_line_next(&p, end, &n))) {
		const char *s = ms_skip_blank(l, l + n), *q;
		char name[16];
		int node;
		uint64_t v;

		lineno++;
		if (zone_head(s, l + n, &node, name, sizeof(name))) {
			struct ms_zone *z = ms_zone_find(b, node, name);

			zi = z ? (int)(z - b->zones) : -1;
			continue;
		}
		if ((size_t)(l + n - s) < 6 || memcmp(s, "count:", 6) || zi < 0)
			continue;
		q = ms_skip_blank(s + 6, l + n);
		if (ms_parse_dec(&q, l + n, &v)) {
			ms_perr_bad(e, lineno);
			continue;
		}
		pcp[zi] = (ms_have(pcp[zi]) ? pcp[zi] : 0) + v;
	}
	return 0;
}

/* ---- reading below the root ------------------------------------------- */

struct scratch {
	struct ms_kvlist meminfo, vmstat, nvmstat;
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
				 e.why[0] ? e.why : ms_errstr(err));
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
		ms_snapshot_note(s, "zoneinfo", "%s", ms_errstr(err));
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
				err == -EINVAL ? e.why : ms_errstr(err));
			m->nodes.n--;
			continue;
		}
		snprintf(rel, sizeof(rel), NODE_DIR "/node%d/vmstat", node);
		read_kv(r, pf, s, rel, "memory_nodes", ms_kv_parse_pairs,
			&x->nvmstat);
		src = (struct ms_mem_src){
			.node = node,
			.meminfo = &x->nd.meminfo,
			.vmstat = x->nvmstat.n ? &x->nvmstat : NULL,
			.zones = x->zones,
			.nr_zones = x->b.nr_zones,
		};
		if (ms_ledger_build(&src, ex, &mn->ledger, &mn->physical_kb,
				    &mn->total_kb, why, sizeof(why)))
			ms_snapshot_note(s, "memory_nodes", "node%d: %s", node,
					 why);
	}
}

int ms_procfs_memory(const struct ms_root *r, struct ms_procfs *pf,
		     struct ms_snapshot *s)
{
	struct ms_memory *m = &s->memory;
	struct scratch x = { 0 };
	struct ms_mem_extra ex = { .page_kb = 4, .zram_kb = MS_NA };
	struct ms_mem_src src;
	uint64_t vm, ks, scs;
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
	/* stacks are vmalloc'd (VMAP_STACK) when vmalloc can hold them */
	vm = ms_kv_get(&x.meminfo, "VmallocUsed");
	ks = ms_kv_get(&x.meminfo, "KernelStack");
	scs = ms_kv_get(&x.meminfo, "ShadowCallStack");
	ex.vmap_stack = ms_have(vm) && ms_have(ks) &&
			vm >= ks + (ms_have(scs) ? scs : 0);
	src = (struct ms_mem_src){
		.node = -1,
		.meminfo = &x.meminfo,
		.vmstat = x.vmstat.n ? &x.vmstat : NULL,
		.zones = x.zones,
		.nr_zones = x.b.nr_zones,
	};
	err = ms_ledger_build(&src, &ex, &m->ledger, &m->physical_kb,
			      &m->total_kb, why, sizeof(why));
	if (err) {
		ms_snapshot_note(s, "memory", "%s", why);
		goto out;
	}
	read_nodes(r, pf, s, &x, &ex);
out:
	scratch_free(&x);
	return err;
}
