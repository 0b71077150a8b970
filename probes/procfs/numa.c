// SPDX-License-Identifier: GPL-2.0
/*
 * The NUMA area: nodes online, and per node its cpulist, meminfo,
 * numastat and distances, from /sys/devices/system/node.
 */
#include "probes/procfs/numa.h"

#include "probes/procfs/kv.h"
#include "probes/procfs/procfs.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define NODE_DIR "sys/devices/system/node"
#define MAX_DISTANCE 100000 /* SLIT distances are bytes: beyond is junk */

/* ---- pure parsers ----------------------------------------------------- */

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int node_id(const char **p, const char *end, uint64_t *v)
{
	if (ms_parse_dec(p, end, v) || *v > MS_MAX_NODE_ID)
		return -EINVAL;
	return 0;
}

/* One "a" or "a-b" of a list, above the previous one. */
static int list_item(const char **p, const char *end, int prev, int *lo,
		     int *hi)
{
	uint64_t a, b;

	if (node_id(p, end, &a))
		return -EINVAL;
	b = a;
	if (*p < end && **p == '-') {
		(*p)++;
		if (node_id(p, end, &b) || b < a)
			return -EINVAL;
	}
	if ((int)a <= prev)
		return -EINVAL; /* not ascending: not the kernel's */
	*lo = (int)a;
	*hi = (int)b;
	return 0;
}

int ms_nodelist_parse(const char *text, size_t len, int *ids, int max,
		      struct ms_perr *e)
{
	const char *p = text, *end = text + len;
	int count = 0, stored = 0, prev = -1, lo, hi;

	while (end > p && blank(end[-1]))
		end--;
	while (p < end) {
		if (count && *p++ != ',')
			return ms_perr_fail(e, -EINVAL,
					    "node list: expected "
					    "',' at byte %d",
					    (int)(p - text));
		if (list_item(&p, end, prev, &lo, &hi))
			return ms_perr_fail(e, -EINVAL,
					    "node list: bad entry "
					    "before byte %d",
					    (int)(p - text));
		for (int id = lo; id <= hi && stored < max; id++)
			ids[stored++] = id;
		count += hi - lo + 1;
		prev = hi;
	}
	return count;
}

/* "Node 3 " before the meminfo name, for this node only. */
static const char *node_prefix(const char *line, const char *end, int node)
{
	const char *p = line;
	uint64_t v;

	if (end - p < 5 || memcmp(p, "Node", 4) || !blank(p[4]))
		return NULL;
	p = ms_skip_blank(p + 4, end);
	if (ms_parse_dec(&p, end, &v) || v != (uint64_t)node)
		return NULL;
	if (p == end || !blank(*p))
		return NULL;
	return ms_skip_blank(p, end);
}

int ms_node_meminfo_parse(const char *text, size_t len, int node,
			  struct ms_numa_node *nd, struct ms_perr *e)
{
	const char *p = text, *end = text + len, *line, *rest;
	char name[sizeof(((struct ms_kv *)0)->name)];
	int lineno = 0;
	size_t n;
	uint64_t v;

	while ((line = ms_line_next(&p, end, &n))) {
		lineno++;
		if (ms_skip_blank(line, line + n) == line + n)
			continue;
		rest = node_prefix(line, line + n, node);
		if (!rest || ms_kv_colon(rest, (size_t)(line + n - rest), name,
					 sizeof(name), &v)) {
			ms_perr_bad(e, lineno);
			continue;
		}
		if (!ms_kv_add(&nd->meminfo, name, v))
			return ms_perr_fail(e, -ENOMEM, "out of memory");
	}
	if (!nd->meminfo.n)
		return ms_perr_fail(e, -EINVAL, "%s",
				    e->bad ? "unknown format" : "empty");
	nd->mem_total_kb = ms_kv_get(&nd->meminfo, "MemTotal");
	nd->mem_free_kb = ms_kv_get(&nd->meminfo, "MemFree");
	nd->mem_used_kb = ms_kv_get(&nd->meminfo, "MemUsed");
	if (!ms_have(nd->mem_used_kb) && ms_have(nd->mem_total_kb) &&
	    ms_have(nd->mem_free_kb) && nd->mem_total_kb >= nd->mem_free_kb)
		nd->mem_used_kb = nd->mem_total_kb - nd->mem_free_kb;
	return 0;
}

int ms_node_distance_parse(const char *text, size_t len,
			   struct ms_numa_node *nd, struct ms_perr *e)
{
	const char *p = text, *end = text + len;
	int count = 0;
	uint64_t v;

	nd->nr_distance = 0;
	for (;;) {
		while (p < end && blank(*p))
			p++;
		if (p == end)
			break;
		if (ms_parse_dec(&p, end, &v) || v > MAX_DISTANCE ||
		    (p < end && !blank(*p))) {
			nd->nr_distance = 0;
			return ms_perr_fail(e, -EINVAL,
					    "distance: entry %d "
					    "is not a distance",
					    count + 1);
		}
		if (count < MS_MAX_NODES)
			nd->distance[nd->nr_distance++] = (int)v;
		count++;
	}
	if (!count)
		return ms_perr_fail(e, -EINVAL, "distance: empty");
	return count;
}

void ms_cpulist_copy(char *out, size_t n, const char *text, size_t len)
{
	size_t cut;

	if (!n)
		return;
	while (len && blank(text[len - 1]))
		len--;
	if (len < n) {
		memcpy(out, text, len);
		out[len] = '\0';
		return;
	}
	/* keep whole entries and room for ",...": never half a range */
	cut = n > 5 ? n - 5 : 0;
	while (cut && text[cut] != ',')
		cut--;
	if (cut) {
		memcpy(out, text, cut);
		memcpy(out + cut, ",...", 5);
	} else {
		snprintf(out, n, "...");
	}
}

/* ---- reading below the root ------------------------------------------- */

/* Without an online file (some sosreports): the nodeN directories. */
struct node_ids {
	int n, total;
	int id[MS_MAX_NODES];
};

static int collect_node(void *ctx, const char *name, unsigned char type)
{
	struct node_ids *d = ctx;
	const char *p = name + 4;
	uint64_t v;
	int i;

	if (strncmp(name, "node", 4) || node_id(&p, p + strlen(p), &v) || *p)
		return 0;
	d->total++;
	/* keep the lowest MS_MAX_NODES ids, sorted */
	for (i = d->n; i > 0 && d->id[i - 1] > (int)v; i--)
		if (i < MS_MAX_NODES)
			d->id[i] = d->id[i - 1];
	if (i < MS_MAX_NODES) {
		d->id[i] = (int)v;
		if (d->n < MS_MAX_NODES)
			d->n++;
	}
	return 0;
}

static int online_nodes(const struct ms_root *r, struct ms_procfs *pf,
			struct ms_snapshot *s, struct node_ids *d)
{
	struct ms_perr e;
	int err = ms_read(r, NODE_DIR "/online", &pf->buf);

	ms_perr_init(&e);
	if (!err) {
		d->total = ms_nodelist_parse(pf->buf.data, pf->buf.len, d->id,
					     MS_MAX_NODES, &e);
		if (d->total >= 0) {
			d->n = d->total < MS_MAX_NODES ? d->total :
							 MS_MAX_NODES;
			return 0;
		}
		ms_snapshot_note(s, "numa_online", "%s", e.why);
	}
	d->n = d->total = 0;
	return ms_listdir(r, NODE_DIR, collect_node, d);
}

static void read_node_meminfo(const struct ms_root *r, struct ms_procfs *pf,
			      struct ms_snapshot *s, struct ms_numa_node *nd)
{
	struct ms_perr e;
	int err = ms_readf(r, &pf->buf, NODE_DIR "/node%d/meminfo", nd->node);

	ms_perr_init(&e);
	if (err)
		ms_snapshot_note(s, "numa_meminfo", "node%d: %s", nd->node,
				 ms_errstr(r, err));
	else if (ms_node_meminfo_parse(pf->buf.data, pf->buf.len, nd->node, nd,
				       &e))
		ms_snapshot_note(s, "numa_meminfo", "node%d: %s", nd->node,
				 e.why);
	else
		ms_perr_note(s, "numa_meminfo", &e);
}

static void read_node_numastat(const struct ms_root *r, struct ms_procfs *pf,
			       struct ms_snapshot *s, struct ms_numa_node *nd)
{
	struct ms_perr e;
	int err = ms_readf(r, &pf->buf, NODE_DIR "/node%d/numastat", nd->node);

	ms_perr_init(&e);
	if (err) {
		ms_snapshot_note(s, "numastat", "node%d: %s", nd->node,
				 ms_errstr(r, err));
	} else if (ms_kv_parse_pairs(pf->buf.data, pf->buf.len, &nd->numastat,
				     &e)) {
		nd->numastat.n = 0;
		ms_snapshot_note(s, "numastat", "node%d: %s", nd->node, e.why);
	} else {
		ms_perr_note(s, "numastat", &e);
	}
}

static void read_node_distance(const struct ms_root *r, struct ms_procfs *pf,
			       struct ms_snapshot *s, struct ms_numa_node *nd,
			       int online)
{
	struct ms_perr e;
	int err = ms_readf(r, &pf->buf, NODE_DIR "/node%d/distance", nd->node);
	int n;

	ms_perr_init(&e);
	if (err) {
		ms_snapshot_note(s, "numa_distance", "node%d: %s", nd->node,
				 ms_errstr(r, err));
		return;
	}
	n = ms_node_distance_parse(pf->buf.data, pf->buf.len, nd, &e);
	if (n < 0)
		ms_snapshot_note(s, "numa_distance", "node%d: %s", nd->node,
				 e.why);
	else if (n != online)
		ms_snapshot_note(s, "numa_distance",
				 "node%d: %d distances for "
				 "%d nodes",
				 nd->node, n, online);
}

static int read_node(const struct ms_root *r, struct ms_procfs *pf,
		     struct ms_snapshot *s, int id, int online)
{
	struct ms_numa_node *nd = ms_numa_add(&s->numa);
	int err;

	if (!nd)
		return -ENOMEM;
	nd->node = id;
	err = ms_readf(r, &pf->buf, NODE_DIR "/node%d/cpulist", id);
	if (!err)
		ms_cpulist_copy(nd->cpus, sizeof(nd->cpus), pf->buf.data,
				pf->buf.len);
	read_node_meminfo(r, pf, s, nd);
	read_node_numastat(r, pf, s, nd);
	read_node_distance(r, pf, s, nd, online);
	return 0;
}

static void read_balancing(const struct ms_root *r, struct ms_procfs *pf,
			   struct ms_snapshot *s)
{
	uint64_t v;

	if (!ms_read(r, "proc/sys/kernel/numa_balancing", &pf->buf) &&
	    !ms_parse_value(pf->buf.data, pf->buf.len, &v))
		s->numa.balancing = v;
	else
		s->numa.balancing = MS_NA;
}

int ms_procfs_numa(const struct ms_root *r, struct ms_procfs *pf,
		   struct ms_snapshot *s)
{
	struct node_ids d = { 0 };
	int err;

	if (!ms_exists(r, NODE_DIR)) {
		ms_snapshot_note(s, "numa", "kernel without NUMA support");
		return -ENOENT;
	}
	err = online_nodes(r, pf, s, &d);
	if (err || !d.n) {
		ms_snapshot_note(s, "numa", "%s: %s", NODE_DIR,
				 err ? ms_errstr(r, err) : "no node online");
		return err ? err : -ENOENT;
	}
	if (d.total > d.n)
		ms_snapshot_note(s, "numa_nodes",
				 "%d nodes online, showing "
				 "the first %d",
				 d.total, d.n);
	s->numa.n = 0;
	for (int i = 0; i < d.n; i++) {
		err = read_node(r, pf, s, d.id[i], d.total);
		if (err)
			return err;
	}
	read_balancing(r, pf, s);
	return 0;
}
