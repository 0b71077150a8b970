// SPDX-License-Identifier: GPL-2.0
/*
 * The parsers of the Buddy area (probes/procfs/buddy.h): free lists per
 * order (buddyinfo), per migrate type (pagetypeinfo) and watermarks
 * (zoneinfo), text in, zones out; buddy.c reads the files.
 */
#include "probes/procfs/buddy.h"
#include "probes/procfs/kv.h"
#include "probes/procfs/procfs.h"
#include "probes/procfs/procint.h"

#include "model/field.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define MAX_COUNT (1ULL << 40) /* free blocks: 4 PiB of 4 KiB pages */
#define MAX_NODE 65535 /* kernel MAX_NUMNODES is at most 1024 */
#define MAX_ZONES 4096
#define MAX_BLOCK_ORDER 40

/* Where a parser is in its text (strict lines), and the buddy it fills. */
struct pctx {
	struct ms_lc l;
	struct ms_buddy *b;
};

/* One line, without its newline: tokens are read up to e, never past. */
struct cur {
	const char *p, *e;
};

static void ctx_init(struct pctx *x, const char *text, size_t len,
		     struct ms_buddy *b, char *why, size_t whylen)
{
	ms_lc_init(&x->l, text, len, why, whylen);
	x->b = b;
}

static bool is_ws(char ch)
{
	return ch == ' ' || ch == '\t';
}

static bool at_end(struct cur *c)
{
	while (c->p < c->e && is_ws(*c->p))
		c->p++;
	return c->p == c->e;
}

/* The next token, ending at whitespace, at stop (if not 0) or the end. */
static size_t token(struct cur *c, const char **s, char stop)
{
	size_t n = 0;

	at_end(c);
	*s = c->p;
	while (c->p < c->e && !is_ws(*c->p) && (!stop || *c->p != stop)) {
		c->p++;
		n++;
	}
	return n;
}

/* Consume the token w if it is next. */
static bool word(struct cur *c, const char *w)
{
	struct cur save = *c;
	const char *s;
	size_t n = token(c, &s, 0);

	if (n == strlen(w) && !memcmp(s, w, n))
		return true;
	*c = save;
	return false;
}

/* Consume the words of phrase if the line goes on with them. */
static bool phrase(struct cur *c, const char *phrase)
{
	struct cur save = *c;
	char w[32];
	const char *s = phrase;

	while (*s) {
		size_t n = strcspn(s, " ");

		if (n >= sizeof(w))
			break;
		memcpy(w, s, n);
		w[n] = '\0';
		if (!word(c, w))
			break;
		s += n;
		s += strspn(s, " ");
	}
	if (!*s)
		return true;
	*c = save;
	return false;
}

/* Consume ch, after optional whitespace. */
static bool punct(struct cur *c, char ch)
{
	at_end(c);
	if (c->p < c->e && *c->p == ch) {
		c->p++;
		return true;
	}
	return false;
}

/* A decimal number up to max: 0, -EINVAL (none) or -ERANGE. */
static int number(struct cur *c, uint64_t max, uint64_t *v)
{
	uint64_t x = 0;

	at_end(c);
	if (c->p == c->e || *c->p < '0' || *c->p > '9')
		return -EINVAL;
	while (c->p < c->e && *c->p >= '0' && *c->p <= '9') {
		unsigned int d = (unsigned int)(*c->p++ - '0');

		if (x > (max - d) / 10)
			return -ERANGE;
		x = x * 10 + d;
	}
	if (c->p < c->e && !is_ws(*c->p) && *c->p != ',' && *c->p != ')')
		return -EINVAL;
	*v = x;
	return 0;
}

static int number_at(struct pctx *x, struct cur *c, uint64_t max, uint64_t *v,
		     const char *what)
{
	int err = number(c, max, v);

	if (err == -ERANGE)
		return ms_lc_bad(&x->l, -EINVAL, "%s out of range", what);
	if (err)
		return ms_lc_bad(&x->l, -EINVAL, "expected a number for %s",
				 what);
	return 0;
}

/* Names in these files are short words of printable ASCII. */
static bool name_ok(const char *s, size_t n, size_t cap)
{
	if (n == 0 || n >= cap)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] <= ' ' || s[i] >= 0x7f)
			return false;
	return true;
}

static int zone_get(struct pctx *x, int node, const char *s, size_t n,
		    struct ms_zone **zp)
{
	struct ms_buddy *b = x->b;
	char name[sizeof(b->zones[0].name)];
	struct ms_zone *z;

	memcpy(name, s, n);
	name[n] = '\0';
	z = ms_zone_find(b, node, name);
	if (!z) {
		if (b->nr_zones >= MAX_ZONES)
			return ms_lc_bad(&x->l, -E2BIG, "more than %d zones",
					 MAX_ZONES);
		z = ms_zone_add(b);
		if (!z)
			return ms_lc_bad(&x->l, -ENOMEM, "out of memory");
		z->node = node;
		memcpy(z->name, name, n + 1);
	}
	*zp = z;
	return 0;
}

/* "Node 0, zone   Normal": the zone, found or added. */
static int zone_head(struct pctx *x, struct cur *c, struct ms_zone **zp)
{
	uint64_t node;
	const char *s;
	size_t n;

	if (!word(c, "Node"))
		return ms_lc_bad(&x->l, -EINVAL,
				 "does not start with \"Node\"");
	if (number(c, MAX_NODE, &node) || !punct(c, ','))
		return ms_lc_bad(&x->l, -EINVAL, "bad node number");
	if (!word(c, "zone"))
		return ms_lc_bad(&x->l, -EINVAL,
				 "expected \"zone\" after the node");
	n = token(c, &s, ',');
	if (!name_ok(s, n, sizeof((*zp)->name)))
		return ms_lc_bad(&x->l, -EINVAL, "bad or too long zone name");
	return zone_get(x, (int)node, s, n, zp);
}

/* ---- /proc/buddyinfo ---------------------------------------------------- */

/* "Node 0, zone   Normal    146    403 ...": free blocks per order. */
static int buddy_line(struct pctx *x, struct cur *c)
{
	struct ms_zone *z;
	uint64_t v;
	int n = 0, err;

	err = zone_head(x, c, &z);
	if (err)
		return err;
	if (z->nr_orders)
		return ms_lc_bad(&x->l, -EINVAL, "node %d zone %s listed twice",
				 z->node, z->name);
	while (!at_end(c)) {
		if (n == MS_MAX_ORDER)
			return ms_lc_bad(&x->l, -E2BIG, "more than %d orders",
					 MS_MAX_ORDER);
		err = number_at(x, c, MAX_COUNT, &v, "a free count");
		if (err)
			return err;
		z->free_blocks[n++] = v;
	}
	if (!n)
		return ms_lc_bad(&x->l, -EINVAL, "no free counts");
	z->nr_orders = n;
	return n;
}

int ms_parse_buddyinfo(const char *text, size_t len, struct ms_buddy *b,
		       char *why, size_t whylen)
{
	struct pctx x;
	struct cur c;
	int n, err, orders = 0;

	ctx_init(&x, text, len, b, why, whylen);
	while ((err = ms_lc_next(&x.l, &c.p, &c.e)) > 0) {
		if (at_end(&c))
			continue;
		n = buddy_line(&x, &c);
		if (n < 0)
			return n;
		if (orders && n != orders)
			return ms_lc_bad(&x.l, -EINVAL,
					 "%d orders, the lines above %d", n,
					 orders);
		orders = n;
	}
	if (err < 0)
		return err;
	x.l.lineno = 0;
	if (!orders)
		return ms_lc_bad(&x.l, -ENODATA, "no zones");
	if (orders > b->nr_orders)
		b->nr_orders = orders;
	return 0;
}

/* ---- /proc/pagetypeinfo -------------------------------------------------- */

enum pt_table { PT_NONE, PT_FREE, PT_BLOCKS, PT_SKIP };

struct pt_state {
	enum pt_table table;
	int orders; /* columns of the free table */
	int ncols; /* columns of the blocks table */
	int col[MS_MAX_MIGRATE]; /* blocks column -> migrate index */
	int rows;
};

/* The index of a migrate type name, added on first sight. */
static int migrate_index(struct pctx *x, const char *s, size_t n)
{
	struct ms_buddy *b = x->b;

	if (!name_ok(s, n, sizeof(b->migrate[0])))
		return ms_lc_bad(&x->l, -EINVAL,
				 "bad or too long migrate type name");
	for (int i = 0; i < b->nr_migrate; i++)
		if (strlen(b->migrate[i]) == n && !memcmp(b->migrate[i], s, n))
			return i;
	if (b->nr_migrate == MS_MAX_MIGRATE)
		return ms_lc_bad(&x->l, -E2BIG, "more than %d migrate types",
				 MS_MAX_MIGRATE);
	memcpy(b->migrate[b->nr_migrate], s, n);
	b->migrate[b->nr_migrate][n] = '\0';
	return b->nr_migrate++;
}

/* "Free pages count per migrate type at order  0  1 ... 10" */
static int pt_free_head(struct pctx *x, struct cur *c, struct pt_state *st)
{
	uint64_t v;
	int n = 0;

	while (!at_end(c)) {
		if (n == MS_MAX_ORDER)
			return ms_lc_bad(&x->l, -E2BIG, "more than %d orders",
					 MS_MAX_ORDER);
		if (number(c, MS_MAX_ORDER, &v) || v != (uint64_t)n)
			return ms_lc_bad(&x->l, -EINVAL, "bad order header");
		n++;
	}
	if (!n)
		return ms_lc_bad(&x->l, -EINVAL, "no orders in the header");
	st->orders = n;
	st->table = PT_FREE;
	return 0;
}

/* "Number of blocks type     Unmovable      Movable ..." */
static int pt_blocks_head(struct pctx *x, struct cur *c, struct pt_state *st)
{
	const char *s;
	size_t n;
	int i = 0, m;

	while (!at_end(c)) {
		if (i == MS_MAX_MIGRATE)
			return ms_lc_bad(&x->l, -E2BIG,
					 "more than %d migrate types",
					 MS_MAX_MIGRATE);
		n = token(c, &s, 0);
		m = migrate_index(x, s, n);
		if (m < 0)
			return m;
		st->col[i++] = m;
	}
	if (!i)
		return ms_lc_bad(&x->l, -EINVAL,
				 "no migrate types in the header");
	st->ncols = i;
	st->table = PT_BLOCKS;
	return 0;
}

/* "Node 0, zone DMA, type Movable  0 0 ... >100000": free blocks. */
static int pt_free_row(struct pctx *x, struct cur *c, struct pt_state *st)
{
	struct ms_zone *z;
	const char *s;
	uint64_t v;
	size_t n;
	int m, err;

	err = zone_head(x, c, &z);
	if (err)
		return err;
	if (!punct(c, ',') || !word(c, "type"))
		return ms_lc_bad(&x->l, -EINVAL,
				 "expected \", type\" after the zone");
	n = token(c, &s, 0);
	m = migrate_index(x, s, n);
	n = 0;
	if (m < 0)
		return m;
	while (!at_end(c)) {
		if (n == (size_t)st->orders)
			return ms_lc_bad(&x->l, -EINVAL,
					 "more counts than orders");
		/* the kernel stops counting at 100000 and prints >100000 */
		punct(c, '>');
		err = number_at(x, c, MAX_COUNT, &v, "a free count");
		if (err)
			return err;
		z->mt_free[m][n++] = v;
	}
	if (n != (size_t)st->orders)
		return ms_lc_bad(&x->l, -EINVAL,
				 "%zu counts, the header has %d orders", n,
				 st->orders);
	z->has_migrate = true;
	st->rows++;
	return 0;
}

/* "Node 0, zone   Normal     64   1097   55 ...": pageblocks per type. */
static int pt_blocks_row(struct pctx *x, struct cur *c, struct pt_state *st)
{
	struct ms_zone *z;
	uint64_t v;
	int n = 0, err;

	err = zone_head(x, c, &z);
	if (err)
		return err;
	while (!at_end(c)) {
		if (n == st->ncols)
			return ms_lc_bad(&x->l, -EINVAL,
					 "more counts than types");
		err = number_at(x, c, MAX_COUNT, &v, "a block count");
		if (err)
			return err;
		z->mt_pageblocks[st->col[n++]] = v;
	}
	if (n != st->ncols)
		return ms_lc_bad(&x->l, -EINVAL,
				 "%d counts, the header has %d types", n,
				 st->ncols);
	return 0;
}

/* "Page block order: 9" */
static int pt_order(struct pctx *x, struct cur *c)
{
	uint64_t v;

	if (number(c, MAX_BLOCK_ORDER, &v) || !at_end(c))
		return ms_lc_bad(&x->l, -EINVAL, "bad page block order");
	x->b->pageblock_order = (int)v;
	return 0;
}

/* "Pages per block:  512", which must be 2^order */
static int pt_per_block(struct pctx *x, struct cur *c)
{
	uint64_t v;

	if (number(c, 1ULL << MAX_BLOCK_ORDER, &v) || !at_end(c))
		return ms_lc_bad(&x->l, -EINVAL, "bad pages per block");
	if (x->b->pageblock_order < 0 || v != 1ULL << x->b->pageblock_order)
		return ms_lc_bad(&x->l, -EINVAL,
				 "pages per block do not match order");
	return 0;
}

static int pt_line(struct pctx *x, struct cur *c, struct pt_state *st)
{
	struct cur save = *c;

	if (phrase(c, "Page block order:"))
		return pt_order(x, c);
	if (phrase(c, "Pages per block:"))
		return pt_per_block(x, c);
	if (phrase(c, "Free pages count per migrate type at order"))
		return pt_free_head(x, c, st);
	if (phrase(c, "Number of blocks type"))
		return pt_blocks_head(x, c, st);
	if (phrase(c, "Number of mixed blocks")) {
		st->table = PT_SKIP; /* PAGE_OWNER statistics */
		return 0;
	}
	if (!word(c, "Node"))
		return ms_lc_bad(&x->l, -EINVAL, "unknown line");
	*c = save;
	switch (st->table) {
	case PT_FREE:
		return pt_free_row(x, c, st);
	case PT_BLOCKS:
		return pt_blocks_row(x, c, st);
	case PT_SKIP:
		return 0;
	default:
		return ms_lc_bad(&x->l, -EINVAL,
				 "zone line before any table header");
	}
}

int ms_parse_pagetypeinfo(const char *text, size_t len, struct ms_buddy *b,
			  char *why, size_t whylen)
{
	struct pt_state st = { .table = PT_NONE };
	struct pctx x;
	struct cur c;
	int err;

	ctx_init(&x, text, len, b, why, whylen);
	while ((err = ms_lc_next(&x.l, &c.p, &c.e)) > 0) {
		if (at_end(&c))
			continue;
		err = pt_line(&x, &c, &st);
		if (err)
			return err;
	}
	if (err < 0)
		return err;
	x.l.lineno = 0;
	if (!st.rows)
		return ms_lc_bad(&x.l, -ENODATA,
				 "no free counts per migrate type");
	return 0;
}

/* ---- /proc/zoneinfo ------------------------------------------------------ */

enum zi_part { ZI_ZONE, ZI_NODE_STATS, ZI_PCP };

/* Fields of a zone, as zoneinfo_show_print() names them (their .src). */
static uint64_t *zi_field(struct ms_zone *z, const char *key, size_t n)
{
	return ms_field_u64(ms_zone_fields, z, key, n);
}

/* "protection: (0, 3019, 5451, 5451, 5451)" */
static int zi_protection(struct pctx *x, struct cur *c, struct ms_zone *z)
{
	uint64_t v;
	int n = 0;

	if (!punct(c, '('))
		return ms_lc_bad(&x->l, -EINVAL,
				 "expected ( after protection:");
	do {
		if (n == MS_MAX_PROT)
			return ms_lc_bad(&x->l, -E2BIG,
					 "more than %d protection values",
					 MS_MAX_PROT);
		if (number(c, UINT64_MAX - 1, &v))
			return ms_lc_bad(&x->l, -EINVAL,
					 "bad protection value");
		z->protection[n++] = v;
	} while (punct(c, ','));
	if (!punct(c, ')') || !at_end(c))
		return ms_lc_bad(&x->l, -EINVAL,
				 "expected ) after protection values");
	z->nr_protection = n;
	return 0;
}

/* One "key value" line inside a zone; unknown keys are counters we skip. */
static int zi_field_line(struct pctx *x, struct cur *c, struct ms_zone *z)
{
	const char *key;
	size_t n = token(c, &key, 0);
	uint64_t *f = zi_field(z, key, n);
	int err;

	if (n == strlen("protection:") && !memcmp(key, "protection:", n))
		return zi_protection(x, c, z);
	if (!f)
		return 0;
	err = number_at(x, c, UINT64_MAX - 1, f, "a zone field");
	if (!err && !at_end(c))
		return ms_lc_bad(&x->l, -EINVAL, "text after a zone field");
	return err;
}

static int zi_line(struct pctx *x, struct cur *c, struct ms_zone **z,
		   enum zi_part *part, int *nfree)
{
	struct cur save = *c;
	uint64_t v;
	int err;

	if (word(c, "Node")) {
		*c = save;
		*part = ZI_ZONE;
		err = zone_head(x, c, z);
		if (err)
			return err;
		return at_end(c) ? 0 :
				   ms_lc_bad(&x->l, -EINVAL,
					     "text after zone name");
	}
	if (!*z)
		return ms_lc_bad(&x->l, -EINVAL,
				 "does not start with \"Node\"");
	if (phrase(c, "per-node stats")) {
		*part = ZI_NODE_STATS;
	} else if (phrase(c, "pagesets")) {
		*part = ZI_PCP;
	} else if (phrase(c, "pages free")) {
		*part = ZI_ZONE;
		if (number(c, UINT64_MAX - 1, &v) || !at_end(c))
			return ms_lc_bad(&x->l, -EINVAL, "bad pages free");
		(*z)->zi_free = v;
		(*nfree)++;
	} else if (*part == ZI_ZONE) {
		return zi_field_line(x, c, *z);
	}
	return 0;
}

int ms_parse_zoneinfo(const char *text, size_t len, struct ms_buddy *b,
		      char *why, size_t whylen)
{
	enum zi_part part = ZI_ZONE;
	struct ms_zone *z = NULL;
	struct pctx x;
	struct cur c;
	int err, nfree = 0;

	ctx_init(&x, text, len, b, why, whylen);
	while ((err = ms_lc_next(&x.l, &c.p, &c.e)) > 0) {
		if (at_end(&c))
			continue;
		err = zi_line(&x, &c, &z, &part, &nfree);
		if (err)
			return err;
	}
	if (err < 0)
		return err;
	x.l.lineno = 0;
	if (!z)
		return ms_lc_bad(&x.l, -ENODATA, "no zones");
	if (!nfree)
		return ms_lc_bad(&x.l, -EINVAL,
				 "no \"pages free\" line: unknown format");
	return 0;
}
