// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/memscope/maple (docs/kmod.md): a process's maple tree, node by node
 * in pre-order, checked to be a tree whose slots tile each node's range.
 */
#include "probes/kmod/kmod_lex.h"
#include "probes/kmod/kmod_parse.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define MAX_MAPLE_NODES (1 << 20) /* the module stops at 65,536 */
#define MAX_MAPLE_SLOTS (1 << 22) /* and at 262,144 */
#define MAX_NODE_SLOTS 32 /* dense nodes have 31 on 64-bit */
#define MAX_DEPTH 64

static const char *const maple_types[] = {
	[MS_MAPLE_DENSE] = "dense",
	[MS_MAPLE_LEAF_64] = "leaf_64",
	[MS_MAPLE_RANGE_64] = "range_64",
	[MS_MAPLE_ARANGE_64] = "arange_64",
};

/* pid, nodes, slots and truncated: bits of maple_header()'s keys */
#define MAPLE_NEEDED (1u << 0 | 1u << 5 | 1u << 6 | 1u << 7)

struct mstate {
	struct ms_maple *m;
	uint64_t nodes, slots; /* as the header says */
	unsigned int header; /* bits of the header lines seen */
	struct ms_maple_node *n; /* the node whose lines follow */
	int nslots; /* slot lines of n so far */
};

static int maple_header(struct ms_lc *x, const struct ms_kw *w,
			struct mstate *st)
{
	static const char *const keys[] = { "pid",    "map_count",  "vmas",
					    "height", "tree_flags", "nodes",
					    "slots",  "truncated" };
	struct ms_maple *m = st->m;
	uint64_t *dst[] = { NULL,	    &m->map_count,
			    &m->vmas,	    &m->height,
			    &m->tree_flags, &st->nodes,
			    &st->slots,	    NULL };
	uint64_t v;
	int err;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (!ms_kw_is(w, 0, keys[i]))
			continue;
		if (m->nr_nodes)
			return ms_lc_bad(x, -EINVAL, "%s after the first node",
					 keys[i]);
		err = ms_kw_key(x, w, UINT64_MAX - 1, &v);
		if (err)
			return err;
		if (i == 0 && (v == 0 || v > 4194304))
			return ms_lc_bad(x, -EINVAL, "bad pid");
		if (i == 0)
			m->pid = (int)v;
		else if (dst[i])
			*dst[i] = v;
		else
			m->truncated = v != 0;
		st->header |= 1u << i;
		return 0;
	}
	return 0; /* a line of a later version */
}

static int node_done(struct ms_lc *x, struct mstate *st)
{
	struct ms_maple_node *n = st->n;

	if (!n)
		return 0;
	if (st->nslots != n->nr_slots)
		return ms_lc_bad(x, -EINVAL,
				 "node %d: %d slot lines, it says %d",
				 (int)(n - st->m->nodes), st->nslots,
				 n->nr_slots);
	if (n->nr_slots &&
	    st->m->slots[n->slot + n->nr_slots - 1].last != n->max)
		return ms_lc_bad(x, -EINVAL,
				 "node %d: the last slot ends before max",
				 (int)(n - st->m->nodes));
	return 0;
}

static int node_type(struct ms_lc *x, const struct ms_kw *w, int i,
		     enum ms_maple_type *t)
{
	for (size_t k = 0; k < sizeof(maple_types) / sizeof(maple_types[0]);
	     k++)
		if (ms_kw_is(w, i, maple_types[k])) {
			*t = (enum ms_maple_type)k;
			return 0;
		}
	return ms_lc_bad(x, -EINVAL, "unknown node type");
}

/* Parent and depth: the root first, every other node below an earlier one. */
static int node_place(struct ms_lc *x, struct mstate *st,
		      struct ms_maple_node *n, int id, uint64_t depth)
{
	const struct ms_maple_node *p;

	if (n->parent < 0) {
		if (id || depth)
			return ms_lc_bad(x, -EINVAL, "node %d has no parent",
					 id);
		return 0;
	}
	if (n->parent >= id)
		return ms_lc_bad(x, -EINVAL, "node %d: parent %d comes later",
				 id, n->parent);
	p = &st->m->nodes[n->parent];
	if ((int)depth != p->depth + 1 || n->min < p->min || n->max > p->max)
		return ms_lc_bad(x, -EINVAL,
				 "node %d: depth or range do not fit "
				 "in its parent",
				 id);
	return 0;
}

/* "node ID PARENT DEPTH TYPE MIN MAX NSLOTS ADDR" */
/* PARENT DEPTH TYPE MIN MAX NSLOTS ADDR of a node line, into n. */
static int node_fields(struct ms_lc *x, const struct ms_kw *w,
		       struct ms_maple_node *n, uint64_t *depth)
{
	uint64_t ns = 0;
	const struct ms_kw_field f[] = {
		{ 3, MAX_DEPTH, depth, "depth", false },
		{ 5, UINT64_MAX, &n->min, "min", false },
		{ 6, UINT64_MAX, &n->max, "max", false },
		{ 7, MAX_NODE_SLOTS, &ns, "slot count", false },
	};
	int err = ms_kw_int(x, w, 2, MAX_MAPLE_NODES, &n->parent, "parent");

	if (!err)
		err = node_type(x, w, 4, &n->type);
	if (!err)
		err = ms_kw_fields(x, w, f, 4);
	if (!err)
		err = ms_kw_name(x, w, 8, n->addr, sizeof(n->addr),
				 "node address");
	n->nr_slots = (int)ns;
	return err;
}

static int node_line(struct ms_lc *x, const struct ms_kw *w, struct mstate *st)
{
	struct ms_maple *m = st->m;
	struct ms_maple_node *n;
	uint64_t id, depth = 0;
	int err;

	if ((st->header & MAPLE_NEEDED) != MAPLE_NEEDED)
		return ms_lc_bad(x, -EINVAL,
				 "node before the pid, nodes, slots and "
				 "truncated lines");
	err = node_done(x, st);
	if (!err)
		err = ms_kw_count(x, w, 9);
	if (!err)
		err = ms_kw_num(x, w, 1, MAX_MAPLE_NODES, &id, "node id");
	if (err)
		return err;
	if (id != (uint64_t)m->nr_nodes || id >= st->nodes)
		return ms_lc_bad(x, -EINVAL, "node %d out of order", (int)id);
	n = ms_maple_node_add(m);
	if (!n)
		return ms_lc_bad(x, -ENOMEM, "out of memory");
	st->n = n;
	st->nslots = 0;
	n->slot = m->nr_slots;
	err = node_fields(x, w, n, &depth);
	if (err)
		return err;
	n->depth = (int)depth;
	if (n->min > n->max)
		return ms_lc_bad(x, -EINVAL, "node %d: min above max", (int)id);
	return node_place(x, st, n, (int)id, depth);
}

/* "pivots ID P..." and "gaps ID G...": the current node's. */
static int node_values(struct ms_lc *x, const struct ms_kw *w,
		       struct mstate *st, bool pivots)
{
	struct ms_maple_node *n = st->n;
	uint64_t id, *v = pivots ? n->pivots : n->gaps;
	int cnt = w->n - 2, err;

	err = ms_kw_num(x, w, 1, MAX_MAPLE_NODES, &id, "node id");
	if (err)
		return err;
	if (id != (uint64_t)(n - st->m->nodes))
		return ms_lc_bad(x, -EINVAL, "values of another node");
	if (cnt > MS_MAPLE_PIVOTS || cnt > n->nr_slots)
		return ms_lc_bad(x, -EINVAL, "%d values for %d slots", cnt,
				 n->nr_slots);
	for (int i = 0; i < cnt; i++) {
		err = ms_kw_num(x, w, i + 2, UINT64_MAX, &v[i], "value");
		if (err)
			return err;
		if (pivots && i && v[i] <= v[i - 1])
			return ms_lc_bad(x, -EINVAL, "pivots do not increase");
	}
	if (pivots)
		n->nr_pivots = cnt;
	else
		n->nr_gaps = cnt;
	return 0;
}

/* "vma START END PERMS FLAGS" from word 5 on: the slot's VMA. */
static int slot_vma(struct ms_lc *x, const struct ms_kw *w,
		    struct ms_maple_slot *s)
{
	static const char allowed[4][3] = { "r-", "w-", "x-", "sp" };
	const struct ms_kw_field f[] = {
		{ 6, UINT64_MAX, &s->vm_start, "vma start", false },
		{ 7, UINT64_MAX, &s->vm_end, "vma end", false },
		{ 9, UINT64_MAX, &s->vm_flags, "vm_flags", false },
	};
	int err = ms_kw_count(x, w, 10);

	if (!err)
		err = ms_kw_fields(x, w, f, 3);
	if (err)
		return err;
	if (w->l[8] != 4)
		return ms_lc_bad(x, -EINVAL, "bad perms");
	for (int i = 0; i < 4; i++) {
		char c = w->w[8][i];

		if (c != allowed[i][0] && c != allowed[i][1])
			return ms_lc_bad(x, -EINVAL, "bad perms");
		s->perms[i] = c;
	}
	s->perms[4] = '\0';
	if (s->vm_start != s->first || s->vm_end - 1 != s->last)
		return ms_lc_bad(x, -EINVAL,
				 "vma %llx-%llx is not its slot's range",
				 (unsigned long long)s->vm_start,
				 (unsigned long long)s->vm_end);
	return 0;
}

static int slot_kind(struct ms_lc *x, const struct ms_kw *w, struct mstate *st,
		     struct ms_maple_slot *s)
{
	int child, err;

	s->child = -1;
	if (ms_kw_is(w, 5, "empty") || ms_kw_is(w, 5, "reserved")) {
		s->kind = ms_kw_is(w, 5, "empty") ? MS_SLOT_EMPTY :
						    MS_SLOT_RESERVED;
		return ms_kw_count(x, w, 6);
	}
	if (ms_kw_is(w, 5, "vma")) {
		s->kind = MS_SLOT_VMA;
		return slot_vma(x, w, s);
	}
	if (!ms_kw_is(w, 5, "child"))
		return ms_lc_bad(x, -EINVAL, "unknown slot kind");
	s->kind = MS_SLOT_CHILD;
	err = ms_kw_count(x, w, 7);
	if (!err)
		err = ms_kw_int(x, w, 6, MAX_MAPLE_NODES, &child, "child");
	if (err)
		return err;
	if (child >= 0 &&
	    (child <= st->m->nr_nodes - 1 || (uint64_t)child >= st->nodes))
		return ms_lc_bad(x, -EINVAL, "child %d out of order", child);
	if (child < 0 && !st->m->truncated)
		return ms_lc_bad(x, -EINVAL, "a missing child in a full dump");
	s->child = child;
	return 0;
}

/* "slot ID I FIRST LAST KIND ...": slots follow each other, no gap. */
static int slot_line(struct ms_lc *x, const struct ms_kw *w, struct mstate *st)
{
	struct ms_maple_node *n = st->n;
	struct ms_maple *m = st->m;
	struct ms_maple_slot *s;
	uint64_t id, i, expect;
	const struct ms_kw_field f[] = {
		{ 1, MAX_MAPLE_NODES, &id, "node id", false },
		{ 2, MAX_NODE_SLOTS, &i, "slot index", false },
	};
	int err;

	if (w->n < 6)
		return ms_lc_bad(x, -EINVAL, "slot line too short");
	err = ms_kw_fields(x, w, f, 2);
	if (err)
		return err;
	if (id != (uint64_t)(n - m->nodes) || i != (uint64_t)st->nslots ||
	    st->nslots >= n->nr_slots)
		return ms_lc_bad(x, -EINVAL, "slot %d %d out of order", (int)id,
				 (int)i);
	if (m->nr_slots >= MAX_MAPLE_SLOTS ||
	    (uint64_t)m->nr_slots >= st->slots)
		return ms_lc_bad(x, -E2BIG, "more slots than the header says");
	if (i && m->slots[m->nr_slots - 1].last == n->max)
		return ms_lc_bad(x, -EINVAL, "slot %d %d: after the node's max",
				 (int)id, (int)i);
	expect = i ? m->slots[m->nr_slots - 1].last + 1 : n->min;
	s = ms_maple_slot_add(m);
	if (!s)
		return ms_lc_bad(x, -ENOMEM, "out of memory");
	st->nslots++;
	err = ms_kw_num(x, w, 3, UINT64_MAX, &s->first, "first");
	if (!err)
		err = ms_kw_num(x, w, 4, UINT64_MAX, &s->last, "last");
	if (err)
		return err;
	if (s->first != expect || s->last < s->first || s->last > n->max)
		return ms_lc_bad(x, -EINVAL,
				 "slot %d %d: range does not follow on",
				 (int)id, (int)i);
	return slot_kind(x, w, st, s);
}

/* Every child slot names a node whose parent and range it is. */
static int maple_links(struct ms_lc *x, struct ms_maple *m)
{
	for (int i = 0; i < m->nr_nodes; i++) {
		const struct ms_maple_node *n = &m->nodes[i];

		for (int k = 0; k < n->nr_slots; k++) {
			const struct ms_maple_slot *s = &m->slots[n->slot + k];
			const struct ms_maple_node *c;

			if (s->kind != MS_SLOT_CHILD || s->child < 0)
				continue;
			if (s->child >= m->nr_nodes)
				return ms_lc_bad(x, -EINVAL,
						 "child %d not dumped",
						 s->child);
			c = &m->nodes[s->child];
			if (c->parent != i || c->min != s->first ||
			    c->max != s->last)
				return ms_lc_bad(
					x, -EINVAL,
					"node %d is not slot %d of node %d",
					s->child, k, i);
		}
	}
	return 0;
}

static int maple_line(struct ms_lc *x, const struct ms_kw *w, void *ctx)
{
	struct mstate *st = ctx;
	int err;

	if (ms_kw_is(w, 0, "end")) {
		err = node_done(x, st);
		x->lineno = 0;
		if (!err && (st->header & MAPLE_NEEDED) != MAPLE_NEEDED)
			err = ms_lc_bad(x, -EINVAL, "no header");
		if (!err && ((uint64_t)st->m->nr_nodes != st->nodes ||
			     (uint64_t)st->m->nr_slots != st->slots))
			err = ms_lc_bad(x, -EINVAL,
					"%d nodes and %d slots, the "
					"header says %llu and %llu",
					st->m->nr_nodes, st->m->nr_slots,
					(unsigned long long)st->nodes,
					(unsigned long long)st->slots);
		return err ? err : maple_links(x, st->m);
	}
	if (ms_kw_is(w, 0, "node"))
		return node_line(x, w, st);
	if (!st->n)
		return maple_header(x, w, st);
	if (ms_kw_is(w, 0, "pivots") || ms_kw_is(w, 0, "gaps"))
		return node_values(x, w, st, ms_kw_is(w, 0, "pivots"));
	if (ms_kw_is(w, 0, "slot"))
		return slot_line(x, w, st);
	return 0;
}

int ms_kmod_parse_maple(const char *text, size_t len, struct ms_maple *m,
			char *why, size_t whylen)
{
	struct mstate st = { .m = m };
	struct ms_lc x;
	int err;

	m->pid = 0;
	m->nr_nodes = m->nr_slots = 0;
	m->truncated = false;
	m->map_count = m->vmas = m->height = m->tree_flags = MS_NA;
	ms_lc_init(&x, text, len, why, whylen);
	err = ms_kp_lines(&x, text, len, MS_KMOD_FMT_MAPLE, maple_line, &st);
	if (err) {
		m->pid = 0;
		m->nr_nodes = m->nr_slots = 0;
	}
	return err;
}
