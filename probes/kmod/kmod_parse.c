// SPDX-License-Identifier: GPL-2.0
/*
 * Parsers of memscope.ko's files (docs/kmod.md). Lines are split into words
 * within the given length; unknown lines are skipped, unknown versions and
 * dumps without their "end" line are refused.
 */
#include "probes/kmod/kmod_parse.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MAXW 24			/* words kept per line: pivots has 17 */
#define MAX_NODE 65535
#define MAX_ZONES 4096
#define MAX_BLOCKS (1ULL << 40)	/* free blocks: 4 PiB of 4 KiB pages */
#define MAX_MAPLE_NODES (1 << 20)	/* the module stops at 65,536 */
#define MAX_MAPLE_SLOTS (1 << 22)	/* and at 262,144 */
#define MAX_NODE_SLOTS 32	/* dense nodes have 31 on 64-bit */
#define MAX_DEPTH 64

struct px {
	const char *p, *end;
	int lineno;
	char *why;
	size_t whylen;
};

/* One line, split at spaces. */
struct words {
	int n;
	const char *w[MAXW];
	size_t l[MAXW];
};

static void px_init(struct px *x, const char *text, size_t len, char *why,
		    size_t whylen)
{
	x->p = text;
	x->end = text + len;
	x->lineno = 0;
	x->why = why;
	x->whylen = whylen;
	if (whylen)
		why[0] = '\0';
}

static int __attribute__((format(printf, 3, 4)))
bad(struct px *x, int err, const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	if (!x->whylen)
		return err;
	if (x->lineno)
		n = snprintf(x->why, x->whylen, "line %d: ", x->lineno);
	if (n < 0 || (size_t)n >= x->whylen)
		return err;
	va_start(ap, fmt);
	vsnprintf(x->why + n, x->whylen - (size_t)n, fmt, ap);
	va_end(ap);
	return err;
}

/* 1 with the next line in w, 0 at the end, -EINVAL when it was cut. */
static int next_line(struct px *x, struct words *w)
{
	const char *nl, *s;

	if (x->p >= x->end)
		return 0;
	x->lineno++;
	nl = memchr(x->p, '\n', (size_t)(x->end - x->p));
	if (!nl)
		return bad(x, -EINVAL, "cut off (no newline at the end)");
	w->n = 0;
	for (s = x->p; s < nl;) {
		const char *e = s;

		while (e < nl && *e != ' ')
			e++;
		if (e > s) {
			if (w->n == MAXW)
				return bad(x, -EINVAL, "more than %d words",
					   MAXW);
			w->w[w->n] = s;
			w->l[w->n++] = (size_t)(e - s);
		}
		s = e + 1;
	}
	x->p = nl + 1;
	return 1;
}

static bool is(const struct words *w, int i, const char *s)
{
	return i < w->n && w->l[i] == strlen(s) && !memcmp(w->w[i], s, w->l[i]);
}

static int digit(char c, unsigned int base)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (base == 16 && c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (base == 16 && c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Unsigned decimal, or hex after "0x", as strtoull(s, NULL, 0) reads. */
static int parse_num(const char *s, size_t n, uint64_t *v)
{
	unsigned int base = 10;
	uint64_t x = 0;
	size_t i = 0;

	if (n > 2 && s[0] == '0' && s[1] == 'x') {
		base = 16;
		i = 2;
	}
	if (i == n)
		return -EINVAL;
	for (; i < n; i++) {
		int d = digit(s[i], base);

		if (d < 0)
			return -EINVAL;
		if (x > (UINT64_MAX - (uint64_t)d) / base)
			return -ERANGE;
		x = x * base + (uint64_t)d;
	}
	*v = x;
	return 0;
}

/* Word i as a number up to max. */
static int num(struct px *x, const struct words *w, int i, uint64_t max,
	       uint64_t *v, const char *what)
{
	if (i >= w->n)
		return bad(x, -EINVAL, "no %s", what);
	if (parse_num(w->w[i], w->l[i], v) || *v > max)
		return bad(x, -EINVAL, "bad %s '%.*s'", what,
			   (int)(w->l[i] > 24 ? 24 : w->l[i]), w->w[i]);
	return 0;
}

/* Word i as a number up to max, or -1 (returned as -1) when it says so. */
static int num_or_minus1(struct px *x, const struct words *w, int i, int max,
			 int *v, const char *what)
{
	uint64_t u;
	int err;

	if (is(w, i, "-1")) {
		*v = -1;
		return 0;
	}
	err = num(x, w, i, (uint64_t)max, &u, what);
	if (!err)
		*v = (int)u;
	return err;
}

/* Word i as a number, or MS_NA for "-". */
static int num_or_na(struct px *x, const struct words *w, int i, uint64_t *v,
		     const char *what)
{
	if (is(w, i, "-")) {
		*v = MS_NA;
		return 0;
	}
	return num(x, w, i, UINT64_MAX - 1, v, what);
}

static int nwords(struct px *x, const struct words *w, int n)
{
	if (w->n != n)
		return bad(x, -EINVAL, "%.*s: %d words, expected %d",
			   (int)(w->l[0] > 24 ? 24 : w->l[0]), w->w[0], w->n,
			   n);
	return 0;
}

/* A name from the kernel: a short word of printable ASCII. */
static int name_copy(struct px *x, const struct words *w, int i, char *dst,
		     size_t cap, const char *what)
{
	if (i >= w->n || w->l[i] >= cap)
		return bad(x, -EINVAL, "bad %s", what);
	for (size_t k = 0; k < w->l[i]; k++)
		if (w->w[i][k] <= ' ' || w->w[i][k] >= 0x7f)
			return bad(x, -EINVAL, "bad %s", what);
	memcpy(dst, w->w[i], w->l[i]);
	dst[w->l[i]] = '\0';
	return 0;
}

int ms_kmod_version(const char *text, size_t len, const char *want, char *why,
		    size_t whylen)
{
	const char *nl = memchr(text, '\n', len);
	size_t n = nl ? (size_t)(nl - text) : len;
	char got[48];
	size_t i;

	if (whylen)
		why[0] = '\0';
	if (!len || !nl) {
		snprintf(why, whylen, "no version line");
		return -EINVAL;
	}
	if (n == strlen(want) && !memcmp(text, want, n))
		return 0;
	for (i = 0; i < n && i < sizeof(got) - 1; i++)
		got[i] = text[i] >= ' ' && text[i] < 0x7f ? text[i] : '?';
	got[i] = '\0';
	snprintf(why, whylen, "unknown format '%s' (this memscope reads '%s')",
		 got, want);
	return -EPROTONOSUPPORT;
}

/* The version line, then lines until "end" through fn. */
static int parse_lines(struct px *x, const char *text, size_t len,
		       const char *version,
		       int (*fn)(struct px *x, const struct words *w,
				 void *ctx),
		       void *ctx)
{
	struct words w;
	int err;

	err = ms_kmod_version(text, len, version, x->why, x->whylen);
	if (err)
		return err;
	next_line(x, &w);
	while ((err = next_line(x, &w)) > 0) {
		if (!w.n)
			continue;
		if (is(&w, 0, "end") && w.n == 1)
			return fn(x, &w, ctx);
		if (is(&w, 0, "end"))
			continue;	/* not the end line: unknown */
		err = fn(x, &w, ctx);
		if (err)
			return err;
	}
	if (err < 0)
		return err;
	x->lineno = 0;
	return bad(x, -EINVAL, "cut dump: no \"end\" line");
}

/* ---- /proc/memscope/buddy ----------------------------------------------- */

enum zone_line {
	ZL_START_PFN,
	ZL_SPANNED,
	ZL_PRESENT,
	ZL_MANAGED,
	ZL_FREE,
	ZL_MIN,
	ZL_LOW,
	ZL_HIGH,
	ZL_BOOST,
	ZL_HIGHATOMIC,
	ZL_NR_FREE,
	ZL_CAPPED,
};

/* "key N" lines of a zone and where they go (-1: checked, not kept). */
static const struct {
	const char *key;
	long off;
} zone_u64[] = {
	[ZL_START_PFN] = { "start_pfn", -1 },
	[ZL_SPANNED] = { "spanned", offsetof(struct ms_zone, spanned) },
	[ZL_PRESENT] = { "present", offsetof(struct ms_zone, present) },
	[ZL_MANAGED] = { "managed", offsetof(struct ms_zone, managed) },
	[ZL_FREE] = { "free", offsetof(struct ms_zone, zi_free) },
	[ZL_MIN] = { "min", offsetof(struct ms_zone, wmark_min) },
	[ZL_LOW] = { "low", offsetof(struct ms_zone, wmark_low) },
	[ZL_HIGH] = { "high", offsetof(struct ms_zone, wmark_high) },
	[ZL_BOOST] = { "boost", offsetof(struct ms_zone, boost) },
	[ZL_HIGHATOMIC] = { "reserved_highatomic", -1 },
};

#define NR_ZONE_U64 (int)(sizeof(zone_u64) / sizeof(zone_u64[0]))

struct bstate {
	struct ms_buddy *b;
	struct ms_kmod_buddy_info *info;
	int orders;		/* 0 until the header said */
	int ntypes;		/* -1 until the header said */
	struct ms_zone *z;
	unsigned int seen;	/* enum zone_line bits of z */
	unsigned int tseen;	/* free_type lines of z */
	int zones;
};

static int buddy_header(struct px *x, const struct words *w,
			struct bstate *st)
{
	struct ms_buddy *b = st->b;
	uint64_t v = 0;
	int err;

	if (st->zones)
		return bad(x, -EINVAL, "header line after the first zone");
	if (is(w, 0, "orders")) {
		err = nwords(x, w, 2) ?: num(x, w, 1, MS_MAX_ORDER, &v, "orders");
		if (!err && !v)
			err = bad(x, -EINVAL, "no orders");
		st->orders = (int)v;
		return err;
	}
	if (is(w, 0, "types")) {
		if (w->n - 1 > MS_MAX_MIGRATE)
			return bad(x, -E2BIG, "more than %d migrate types",
				   MS_MAX_MIGRATE);
		for (int t = 1; t < w->n; t++) {
			err = name_copy(x, w, t, b->migrate[t - 1],
					sizeof(b->migrate[0]),
					"migrate type name");
			if (err)
				return err;
		}
		st->ntypes = b->nr_migrate = w->n - 1;
		return 0;
	}
	err = nwords(x, w, 2);
	if (!err && is(w, 0, "page_size"))
		err = num(x, w, 1, 1ULL << 30, &st->info->page_size,
			  "page size");
	else if (!err)
		err = num(x, w, 1, UINT64_MAX - 1, &st->info->walk_limit,
			  "walk limit");
	return err;
}

/* The zone before the next one (or the end) must be complete. */
static int zone_done(struct px *x, struct bstate *st)
{
	struct ms_zone *z = st->z;
	static const char *const need[] = { "nr_free", "capped" };
	unsigned int bits[] = { 1u << ZL_NR_FREE, 1u << ZL_CAPPED };

	if (!z)
		return 0;
	for (int i = 0; i < 2; i++)
		if (!(st->seen & bits[i]))
			return bad(x, -EINVAL, "zone %d %s has no %s line",
				   z->node, z->name, need[i]);
	if (st->tseen != (1u << st->ntypes) - 1)
		return bad(x, -EINVAL, "zone %d %s lacks free_type lines",
			   z->node, z->name);
	z->has_migrate = st->ntypes > 0;
	return 0;
}

/* "zone NODE NAME": found (zoneinfo listed it) or added. */
static int zone_start(struct px *x, const struct words *w, struct bstate *st)
{
	struct ms_buddy *b = st->b;
	char name[sizeof(b->zones[0].name)];
	struct ms_zone *z;
	uint64_t node;
	int err;

	if (!st->orders || st->ntypes < 0)
		return bad(x, -EINVAL, "zone before the orders and types lines");
	err = zone_done(x, st) ?: nwords(x, w, 3) ?:
	      num(x, w, 1, MAX_NODE, &node, "node") ?:
	      name_copy(x, w, 2, name, sizeof(name), "zone name");
	if (err)
		return err;
	z = ms_zone_find(b, (int)node, name);
	if (z && z->nr_orders)
		return bad(x, -EINVAL, "zone %d %s listed twice", (int)node,
			   name);
	if (!z) {
		if (b->nr_zones >= MAX_ZONES)
			return bad(x, -E2BIG, "more than %d zones", MAX_ZONES);
		z = ms_zone_add(b);
		if (!z)
			return bad(x, -ENOMEM, "out of memory");
		z->node = (int)node;
		memcpy(z->name, name, sizeof(name));
	}
	z->nr_orders = st->orders;
	for (int t = 0; t < MS_MAX_MIGRATE; t++)
		z->mt_pageblocks[t] = MS_NA;	/* not in this file */
	st->z = z;
	st->seen = st->tseen = 0;
	st->zones++;
	return 0;
}

/* Per-order counts from word `from` on: exactly st->orders of them. */
static int orders_line(struct px *x, const struct words *w, int from,
		       struct bstate *st, uint64_t *v)
{
	if (w->n - from != st->orders)
		return bad(x, -EINVAL, "%d counts, the header says %d orders",
			   w->n - from, st->orders);
	for (int o = 0; o < st->orders; o++) {
		int err = num(x, w, from + o, MAX_BLOCKS, &v[o], "free count");

		if (err)
			return err;
	}
	return 0;
}

static int free_type_line(struct px *x, const struct words *w,
			  struct bstate *st)
{
	struct ms_buddy *b = st->b;

	for (int t = 0; t < st->ntypes; t++)
		if (is(w, 1, b->migrate[t])) {
			if (st->tseen & (1u << t))
				return bad(x, -EINVAL, "free_type %s twice",
					   b->migrate[t]);
			st->tseen |= 1u << t;
			return orders_line(x, w, 2, st, st->z->mt_free[t]);
		}
	return bad(x, -EINVAL, "free_type of a type not in the types line");
}

/* 1 if w is a "key N" line of a zone, after storing it. */
static int zone_u64_line(struct px *x, const struct words *w,
			 struct bstate *st)
{
	uint64_t v;
	int err;

	for (int i = 0; i < NR_ZONE_U64; i++) {
		if (!is(w, 0, zone_u64[i].key))
			continue;
		if (st->seen & (1u << i))
			return bad(x, -EINVAL, "%s twice in a zone",
				   zone_u64[i].key);
		st->seen |= 1u << i;
		err = nwords(x, w, 2) ?:
		      num(x, w, 1, UINT64_MAX - 1, &v, zone_u64[i].key);
		if (err)
			return err;
		if (zone_u64[i].off >= 0)
			*(uint64_t *)((char *)st->z + zone_u64[i].off) = v;
		return 1;
	}
	return 0;
}

static int zone_line(struct px *x, const struct words *w, struct bstate *st)
{
	uint64_t v;
	int err = zone_u64_line(x, w, st);

	if (err)
		return err < 0 ? err : 0;
	if (is(w, 0, "nr_free")) {
		if (st->seen & (1u << ZL_NR_FREE))
			return bad(x, -EINVAL, "nr_free twice in a zone");
		st->seen |= 1u << ZL_NR_FREE;
		return orders_line(x, w, 1, st, st->z->free_blocks);
	}
	if (is(w, 0, "free_type"))
		return free_type_line(x, w, st);
	if (is(w, 0, "capped")) {
		if (st->seen & (1u << ZL_CAPPED))
			return bad(x, -EINVAL, "capped twice in a zone");
		st->seen |= 1u << ZL_CAPPED;
		err = nwords(x, w, 2) ?: num(x, w, 1, 1, &v, "capped");
		st->info->capped += !err && v;
		return err;
	}
	return 0;	/* a line of a later version */
}

static int buddy_line(struct px *x, const struct words *w, void *ctx)
{
	struct bstate *st = ctx;

	if (is(w, 0, "end")) {
		int err = zone_done(x, st);

		x->lineno = 0;
		if (!err && !st->zones)
			return bad(x, -ENODATA, "no zones");
		if (!err && st->orders > st->b->nr_orders)
			st->b->nr_orders = st->orders;
		return err;
	}
	if (is(w, 0, "zone"))
		return zone_start(x, w, st);
	if (st->z)
		return zone_line(x, w, st);
	if (is(w, 0, "page_size") || is(w, 0, "orders") || is(w, 0, "types") ||
	    is(w, 0, "walk_limit"))
		return buddy_header(x, w, st);
	return 0;
}

int ms_kmod_parse_buddy(const char *text, size_t len, struct ms_buddy *b,
			struct ms_kmod_buddy_info *info, char *why,
			size_t whylen)
{
	struct ms_kmod_buddy_info dummy;
	struct bstate st = { .b = b, .info = info ? info : &dummy,
			     .ntypes = -1 };
	struct px x;

	memset(st.info, 0, sizeof(*st.info));
	st.info->page_size = st.info->walk_limit = MS_NA;
	px_init(&x, text, len, why, whylen);
	return parse_lines(&x, text, len, MS_KMOD_BUDDY, buddy_line, &st);
}

/* ---- /proc/memscope/maple ----------------------------------------------- */

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
	uint64_t nodes, slots;	/* as the header says */
	unsigned int header;	/* bits of the header lines seen */
	struct ms_maple_node *n;	/* the node whose lines follow */
	int nslots;		/* slot lines of n so far */
};

static int maple_header(struct px *x, const struct words *w,
			struct mstate *st)
{
	static const char *const keys[] = { "pid",	  "map_count", "vmas",
					    "height",	  "tree_flags", "nodes",
					    "slots",	  "truncated" };
	struct ms_maple *m = st->m;
	uint64_t *dst[] = { NULL,      &m->map_count, &m->vmas, &m->height,
			    &m->tree_flags, &st->nodes, &st->slots, NULL };
	uint64_t v;
	int err;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (!is(w, 0, keys[i]))
			continue;
		if (m->nr_nodes)
			return bad(x, -EINVAL, "%s after the first node",
				   keys[i]);
		err = nwords(x, w, 2) ?:
		      num(x, w, 1, UINT64_MAX - 1, &v, keys[i]);
		if (err)
			return err;
		if (i == 0 && (v == 0 || v > 4194304))
			return bad(x, -EINVAL, "bad pid");
		if (i == 0)
			m->pid = (int)v;
		else if (dst[i])
			*dst[i] = v;
		else
			m->truncated = v != 0;
		st->header |= 1u << i;
		return 0;
	}
	return 0;	/* a line of a later version */
}

static int node_done(struct px *x, struct mstate *st)
{
	struct ms_maple_node *n = st->n;

	if (!n)
		return 0;
	if (st->nslots != n->nr_slots)
		return bad(x, -EINVAL, "node %d: %d slot lines, it says %d",
			   (int)(n - st->m->nodes), st->nslots, n->nr_slots);
	if (n->nr_slots &&
	    st->m->slots[n->slot + n->nr_slots - 1].last != n->max)
		return bad(x, -EINVAL, "node %d: the last slot ends before max",
			   (int)(n - st->m->nodes));
	return 0;
}

static int node_type(struct px *x, const struct words *w, int i,
		     enum ms_maple_type *t)
{
	for (size_t k = 0; k < sizeof(maple_types) / sizeof(maple_types[0]);
	     k++)
		if (is(w, i, maple_types[k])) {
			*t = (enum ms_maple_type)k;
			return 0;
		}
	return bad(x, -EINVAL, "unknown node type");
}

/* Parent and depth: the root first, every other node below an earlier one. */
static int node_place(struct px *x, struct mstate *st,
		      struct ms_maple_node *n, int id, uint64_t depth)
{
	const struct ms_maple_node *p;

	if (n->parent < 0) {
		if (id || depth)
			return bad(x, -EINVAL, "node %d has no parent", id);
		return 0;
	}
	if (n->parent >= id)
		return bad(x, -EINVAL, "node %d: parent %d comes later", id,
			   n->parent);
	p = &st->m->nodes[n->parent];
	if ((int)depth != p->depth + 1 || n->min < p->min || n->max > p->max)
		return bad(x, -EINVAL, "node %d: depth or range do not fit "
			   "in its parent", id);
	return 0;
}

/* "node ID PARENT DEPTH TYPE MIN MAX NSLOTS ADDR" */
static int node_line(struct px *x, const struct words *w, struct mstate *st)
{
	struct ms_maple *m = st->m;
	struct ms_maple_node *n;
	uint64_t id, depth, ns;
	int err, parent;

	if ((st->header & MAPLE_NEEDED) != MAPLE_NEEDED)
		return bad(x, -EINVAL, "node before the pid, nodes, slots and "
			   "truncated lines");
	err = node_done(x, st) ?: nwords(x, w, 9) ?:
	      num(x, w, 1, MAX_MAPLE_NODES, &id, "node id");
	if (err)
		return err;
	if (id != (uint64_t)m->nr_nodes || id >= st->nodes)
		return bad(x, -EINVAL, "node %d out of order", (int)id);
	n = ms_maple_node_add(m);
	if (!n)
		return bad(x, -ENOMEM, "out of memory");
	st->n = n;
	st->nslots = 0;
	n->slot = m->nr_slots;
	err = num_or_minus1(x, w, 2, MAX_MAPLE_NODES, &parent, "parent") ?:
	      num(x, w, 3, MAX_DEPTH, &depth, "depth") ?:
	      node_type(x, w, 4, &n->type) ?:
	      num(x, w, 5, UINT64_MAX, &n->min, "min") ?:
	      num(x, w, 6, UINT64_MAX, &n->max, "max") ?:
	      num(x, w, 7, MAX_NODE_SLOTS, &ns, "slot count") ?:
	      name_copy(x, w, 8, n->addr, sizeof(n->addr), "node address");
	if (err)
		return err;
	n->parent = parent;
	n->depth = (int)depth;
	n->nr_slots = (int)ns;
	if (n->min > n->max)
		return bad(x, -EINVAL, "node %d: min above max", (int)id);
	return node_place(x, st, n, (int)id, depth);
}

/* "pivots ID P..." and "gaps ID G...": the current node's. */
static int node_values(struct px *x, const struct words *w,
		       struct mstate *st, bool pivots)
{
	struct ms_maple_node *n = st->n;
	uint64_t id, *v = pivots ? n->pivots : n->gaps;
	int cnt = w->n - 2, err;

	err = num(x, w, 1, MAX_MAPLE_NODES, &id, "node id");
	if (err)
		return err;
	if (id != (uint64_t)(n - st->m->nodes))
		return bad(x, -EINVAL, "values of another node");
	if (cnt > MS_MAPLE_PIVOTS || cnt > n->nr_slots)
		return bad(x, -EINVAL, "%d values for %d slots", cnt,
			   n->nr_slots);
	for (int i = 0; i < cnt; i++) {
		err = num(x, w, i + 2, UINT64_MAX, &v[i], "value");
		if (err)
			return err;
		if (pivots && i && v[i] <= v[i - 1])
			return bad(x, -EINVAL, "pivots do not increase");
	}
	if (pivots)
		n->nr_pivots = cnt;
	else
		n->nr_gaps = cnt;
	return 0;
}

/* "vma START END PERMS FLAGS" from word 5 on: the slot's VMA. */
static int slot_vma(struct px *x, const struct words *w,
		    struct ms_maple_slot *s)
{
	static const char allowed[4][3] = { "r-", "w-", "x-", "sp" };
	int err = nwords(x, w, 10) ?:
		  num(x, w, 6, UINT64_MAX, &s->vm_start, "vma start") ?:
		  num(x, w, 7, UINT64_MAX, &s->vm_end, "vma end") ?:
		  num(x, w, 9, UINT64_MAX, &s->vm_flags, "vm_flags");

	if (err)
		return err;
	if (w->l[8] != 4)
		return bad(x, -EINVAL, "bad perms");
	for (int i = 0; i < 4; i++) {
		char c = w->w[8][i];

		if (c != allowed[i][0] && c != allowed[i][1])
			return bad(x, -EINVAL, "bad perms");
		s->perms[i] = c;
	}
	s->perms[4] = '\0';
	if (s->vm_start != s->first || s->vm_end - 1 != s->last)
		return bad(x, -EINVAL, "vma %llx-%llx is not its slot's range",
			   (unsigned long long)s->vm_start,
			   (unsigned long long)s->vm_end);
	return 0;
}

static int slot_kind(struct px *x, const struct words *w, struct mstate *st,
		     struct ms_maple_slot *s)
{
	int child, err;

	s->child = -1;
	if (is(w, 5, "empty") || is(w, 5, "reserved")) {
		s->kind = is(w, 5, "empty") ? MS_SLOT_EMPTY : MS_SLOT_RESERVED;
		return nwords(x, w, 6);
	}
	if (is(w, 5, "vma")) {
		s->kind = MS_SLOT_VMA;
		return slot_vma(x, w, s);
	}
	if (!is(w, 5, "child"))
		return bad(x, -EINVAL, "unknown slot kind");
	s->kind = MS_SLOT_CHILD;
	err = nwords(x, w, 7) ?:
	      num_or_minus1(x, w, 6, MAX_MAPLE_NODES, &child, "child");
	if (err)
		return err;
	if (child >= 0 &&
	    (child <= st->m->nr_nodes - 1 || (uint64_t)child >= st->nodes))
		return bad(x, -EINVAL, "child %d out of order", child);
	if (child < 0 && !st->m->truncated)
		return bad(x, -EINVAL, "a missing child in a full dump");
	s->child = child;
	return 0;
}

/* "slot ID I FIRST LAST KIND ...": slots follow each other, no gap. */
static int slot_line(struct px *x, const struct words *w, struct mstate *st)
{
	struct ms_maple_node *n = st->n;
	struct ms_maple *m = st->m;
	struct ms_maple_slot *s;
	uint64_t id, i, expect;
	int err;

	if (w->n < 6)
		return bad(x, -EINVAL, "slot line too short");
	err = num(x, w, 1, MAX_MAPLE_NODES, &id, "node id") ?:
	      num(x, w, 2, MAX_NODE_SLOTS, &i, "slot index");
	if (err)
		return err;
	if (id != (uint64_t)(n - m->nodes) || i != (uint64_t)st->nslots ||
	    st->nslots >= n->nr_slots)
		return bad(x, -EINVAL, "slot %d %d out of order", (int)id,
			   (int)i);
	if (m->nr_slots >= MAX_MAPLE_SLOTS || (uint64_t)m->nr_slots >= st->slots)
		return bad(x, -E2BIG, "more slots than the header says");
	if (i && m->slots[m->nr_slots - 1].last == n->max)
		return bad(x, -EINVAL, "slot %d %d: after the node's max",
			   (int)id, (int)i);
	expect = i ? m->slots[m->nr_slots - 1].last + 1 : n->min;
	s = ms_maple_slot_add(m);
	if (!s)
		return bad(x, -ENOMEM, "out of memory");
	st->nslots++;
	err = num(x, w, 3, UINT64_MAX, &s->first, "first") ?:
	      num(x, w, 4, UINT64_MAX, &s->last, "last");
	if (err)
		return err;
	if (s->first != expect || s->last < s->first || s->last > n->max)
		return bad(x, -EINVAL, "slot %d %d: range does not follow on",
			   (int)id, (int)i);
	return slot_kind(x, w, st, s);
}

/* Every child slot names a node whose parent and range it is. */
static int maple_links(struct px *x, struct ms_maple *m)
{
	for (int i = 0; i < m->nr_nodes; i++) {
		const struct ms_maple_node *n = &m->nodes[i];

		for (int k = 0; k < n->nr_slots; k++) {
			const struct ms_maple_slot *s = &m->slots[n->slot + k];
			const struct ms_maple_node *c;

			if (s->kind != MS_SLOT_CHILD || s->child < 0)
				continue;
			if (s->child >= m->nr_nodes)
				return bad(x, -EINVAL, "child %d not dumped",
					   s->child);
			c = &m->nodes[s->child];
			if (c->parent != i || c->min != s->first ||
			    c->max != s->last)
				return bad(x, -EINVAL,
					   "node %d is not slot %d of node %d",
					   s->child, k, i);
		}
	}
	return 0;
}

static int maple_line(struct px *x, const struct words *w, void *ctx)
{
	struct mstate *st = ctx;
	int err;

	if (is(w, 0, "end")) {
		err = node_done(x, st);
		x->lineno = 0;
		if (!err && (st->header & MAPLE_NEEDED) != MAPLE_NEEDED)
			err = bad(x, -EINVAL, "no header");
		if (!err && ((uint64_t)st->m->nr_nodes != st->nodes ||
			     (uint64_t)st->m->nr_slots != st->slots))
			err = bad(x, -EINVAL, "%d nodes and %d slots, the "
				  "header says %llu and %llu",
				  st->m->nr_nodes, st->m->nr_slots,
				  (unsigned long long)st->nodes,
				  (unsigned long long)st->slots);
		return err ?: maple_links(x, st->m);
	}
	if (is(w, 0, "node"))
		return node_line(x, w, st);
	if (!st->n)
		return maple_header(x, w, st);
	if (is(w, 0, "pivots") || is(w, 0, "gaps"))
		return node_values(x, w, st, is(w, 0, "pivots"));
	if (is(w, 0, "slot"))
		return slot_line(x, w, st);
	return 0;
}

int ms_kmod_parse_maple(const char *text, size_t len, struct ms_maple *m,
			char *why, size_t whylen)
{
	struct mstate st = { .m = m };
	struct px x;
	int err;

	m->pid = 0;
	m->nr_nodes = m->nr_slots = 0;
	m->truncated = false;
	m->map_count = m->vmas = m->height = m->tree_flags = MS_NA;
	px_init(&x, text, len, why, whylen);
	err = parse_lines(&x, text, len, MS_KMOD_MAPLE, maple_line, &st);
	if (err) {
		m->pid = 0;
		m->nr_nodes = m->nr_slots = 0;
	}
	return err;
}

/* ---- /proc/memscope/alloc_probe ------------------------------------------ */

/* Bits of the lines a probe needs. */
enum { AL_ORDER = 1, AL_COUNT = 2, AL_NODE = 4, AL_OK = 8, AL_FAIL = 16 };

struct astate {
	struct ms_kmod_alloc *a;
	bool probe_seen;
	unsigned int seen;
};

static int alloc_attempt(struct px *x, const struct words *w,
			 struct astate *st)
{
	struct ms_kmod_alloc *a = st->a;
	uint64_t i;
	int err, nid;

	if (!(st->seen & AL_COUNT))
		return bad(x, -EINVAL, "attempt before the count");
	err = nwords(x, w, 5) ?: num(x, w, 1, MS_KMOD_MAX_ATTEMPTS - 1, &i,
				     "attempt index");
	if (err)
		return err;
	if (i != (uint64_t)a->nr || a->nr >= a->count)
		return bad(x, -EINVAL, "attempt %d out of order", (int)i);
	if (!is(w, 2, "ok") && !is(w, 2, "fail"))
		return bad(x, -EINVAL, "attempt result is not ok or fail");
	a->att[a->nr].ok = is(w, 2, "ok");
	err = num(x, w, 3, UINT64_MAX - 1, &a->att[a->nr].ns, "latency") ?:
	      num_or_minus1(x, w, 4, MAX_NODE, &nid, "node");
	if (err)
		return err;
	if ((nid < 0) == a->att[a->nr].ok)
		return bad(x, -EINVAL, "attempt node does not match result");
	a->att[a->nr++].nid = nid;
	return 0;
}

static int alloc_value(struct px *x, const struct words *w, struct astate *st)
{
	static const struct {
		const char *key;
		unsigned int bit;
		uint64_t max;
	} keys[] = {
		{ "order", AL_ORDER, MS_MAX_ORDER - 1 },
		{ "count", AL_COUNT, MS_KMOD_MAX_ATTEMPTS },
		{ "ok", AL_OK, MS_KMOD_MAX_ATTEMPTS },
		{ "fail", AL_FAIL, MS_KMOD_MAX_ATTEMPTS },
	};
	struct ms_kmod_alloc *a = st->a;
	int *dst[] = { &a->order, &a->count, &a->ok, &a->fail };
	uint64_t v = 0;
	int err;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (!is(w, 0, keys[i].key))
			continue;
		if (st->seen & keys[i].bit)
			return bad(x, -EINVAL, "%s twice", keys[i].key);
		st->seen |= keys[i].bit;
		err = nwords(x, w, 2) ?:
		      num(x, w, 1, keys[i].max, &v, keys[i].key);
		if (!err && keys[i].bit == AL_COUNT && !v)
			err = bad(x, -EINVAL, "count 0");
		*dst[i] = (int)v;
		return err;
	}
	return 0;	/* a line of a later version */
}

static int alloc_line(struct px *x, const struct words *w, void *ctx)
{
	struct astate *st = ctx;
	struct ms_kmod_alloc *a = st->a;
	uint64_t *bound[] = { &a->max_order, &a->max_count, &a->per_sec };
	static const char *const bounds[] = { "max_order", "max_count",
					      "attempts_per_sec" };

	for (int i = 0; i < 3; i++)
		if (is(w, 0, bounds[i]))
			return nwords(x, w, 2) ?:
			       num(x, w, 1, UINT64_MAX - 1, bound[i], bounds[i]);
	if (is(w, 0, "probe")) {
		if (st->probe_seen)
			return bad(x, -EINVAL, "probe twice");
		st->probe_seen = true;
		if (is(w, 1, "none") && w->n == 2)
			return 0;
		return nwords(x, w, 2) ?:
		       num(x, w, 1, UINT64_MAX - 1, &a->probe, "probe");
	}
	if (is(w, 0, "end")) {
		x->lineno = 0;
		if (!st->probe_seen)
			return bad(x, -EINVAL, "no probe line");
		if (a->probe && (st->seen & (AL_ORDER | AL_COUNT | AL_OK |
					      AL_FAIL)) !=
					(AL_ORDER | AL_COUNT | AL_OK | AL_FAIL))
			return bad(x, -EINVAL, "probe without its results");
		if (a->probe && (a->nr != a->count ||
				 a->ok + a->fail != a->count))
			return bad(x, -EINVAL, "%d attempts listed, ok %d + "
				   "fail %d, count %d", a->nr, a->ok, a->fail,
				   a->count);
		return 0;
	}
	if (!a->probe && (is(w, 0, "attempt") || is(w, 0, "node") ||
			  is(w, 0, "order") || is(w, 0, "count") ||
			  is(w, 0, "ok") || is(w, 0, "fail")))
		return bad(x, -EINVAL, "probe results without a probe");
	if (is(w, 0, "attempt"))
		return alloc_attempt(x, w, st);
	if (is(w, 0, "node")) {
		if (st->seen & AL_NODE)
			return bad(x, -EINVAL, "node twice");
		st->seen |= AL_NODE;
		if (is(w, 1, "any") && w->n == 2)
			return 0;
		return nwords(x, w, 2) ?:
		       num_or_minus1(x, w, 1, MAX_NODE, &a->node, "node");
	}
	return alloc_value(x, w, st);
}

int ms_kmod_parse_alloc(const char *text, size_t len, struct ms_kmod_alloc *a,
			char *why, size_t whylen)
{
	struct astate st = { .a = a };
	struct px x;

	memset(a, 0, sizeof(*a));
	a->node = -1;
	a->max_order = a->max_count = a->per_sec = MS_NA;
	px_init(&x, text, len, why, whylen);
	return parse_lines(&x, text, len, MS_KMOD_ALLOC, alloc_line, &st);
}

/* ---- /proc/memscope/slab_bench ------------------------------------------- */

struct bench_state {
	struct ms_slab_bench *b;
	bool bench_seen;
	unsigned int results;	/* bits api * 2 + op */
};

/* "result API OP OK FAILURES OPS_PER_SEC MEAN P50 P99 MAX" */
static int bench_result(struct px *x, const struct words *w,
			struct bench_state *st)
{
	struct ms_bench_result *r;
	int api, op, err;

	if (!st->b->seq)
		return bad(x, -EINVAL, "result without a bench line");
	err = nwords(x, w, 10);
	if (err)
		return err;
	api = is(w, 1, "kmem_cache") ? MS_BENCH_CACHE :
	      is(w, 1, "kmalloc")    ? MS_BENCH_KMALLOC :
				       -1;
	op = is(w, 2, "alloc") ? MS_BENCH_ALLOC :
	     is(w, 2, "free")  ? MS_BENCH_FREE :
				 -1;
	if (api < 0 || op < 0)
		return bad(x, -EINVAL, "unknown benchmark result");
	if (st->results & (1u << (api * 2 + op)))
		return bad(x, -EINVAL, "result listed twice");
	st->results |= 1u << (api * 2 + op);
	r = &st->b->r[api][op];
	err = num(x, w, 3, UINT64_MAX - 1, &r->ok, "ok") ?:
	      num(x, w, 4, UINT64_MAX - 1, &r->failures, "failures") ?:
	      num_or_na(x, w, 5, &r->ops_per_sec, "ops/s") ?:
	      num_or_na(x, w, 6, &r->mean_ns, "mean") ?:
	      num_or_na(x, w, 7, &r->p50_ns, "p50") ?:
	      num_or_na(x, w, 8, &r->p99_ns, "p99") ?:
	      num_or_na(x, w, 9, &r->max_ns, "max");
	if (!err && r->ok && (!ms_have(r->mean_ns) || !ms_have(r->max_ns)))
		err = bad(x, -EINVAL, "no latency for successful calls");
	return err;
}

static int bench_line(struct px *x, const struct words *w, void *ctx)
{
	static const char *const keys[] = { "max_size",	 "max_count",
					    "max_bytes", "size",
					    "count",	 "cache_object_size",
					    "kmalloc_bucket" };
	struct bench_state *st = ctx;
	struct ms_slab_bench *b = st->b;
	uint64_t *dst[] = { &b->max_size, &b->max_count,	 &b->max_bytes,
			    &b->size,	  &b->count,	 &b->cache_object_size,
			    &b->kmalloc_bucket };

	if (is(w, 0, "end")) {
		x->lineno = 0;
		if (!st->bench_seen)
			return bad(x, -EINVAL, "no bench line");
		if (b->seq && st->results != 15)
			return bad(x, -EINVAL, "not all four results");
		return 0;
	}
	if (is(w, 0, "bench")) {
		if (st->bench_seen)
			return bad(x, -EINVAL, "bench twice");
		st->bench_seen = true;
		if (is(w, 1, "none") && w->n == 2)
			return 0;
		return nwords(x, w, 2) ?:
		       num(x, w, 1, UINT64_MAX - 1, &b->seq, "bench");
	}
	if (is(w, 0, "result"))
		return bench_result(x, w, st);
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (is(w, 0, keys[i]))
			return nwords(x, w, 2) ?:
			       num(x, w, 1, UINT64_MAX - 1, dst[i], keys[i]);
	return 0;
}

int ms_kmod_parse_bench(const char *text, size_t len, struct ms_slab_bench *b,
			char *why, size_t whylen)
{
	struct bench_state st = { .b = b };
	struct px x;
	int err;

	memset(b, 0, sizeof(*b));
	b->size = b->count = b->cache_object_size = b->kmalloc_bucket = MS_NA;
	b->max_size = b->max_count = b->max_bytes = MS_NA;
	for (int a = 0; a < MS_BENCH_APIS; a++)
		for (int o = 0; o < MS_BENCH_OPS; o++)
			b->r[a][o] = (struct ms_bench_result){
				MS_NA, MS_NA, MS_NA, MS_NA, MS_NA, MS_NA, MS_NA
			};
	px_init(&x, text, len, why, whylen);
	err = parse_lines(&x, text, len, MS_KMOD_BENCH, bench_line, &st);
	if (err)
		b->seq = 0;
	return err;
}
