// SPDX-License-Identifier: GPL-2.0
/* Lab test: is a /proc/memscope/maple dump (docs/kmod.md) a well-formed
 * maple tree, and (with -m) does it hold exactly the VMAs of a maps file? */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Usage: maplecheck [-m MAPS] DUMP
 * Prints one summary line, or up to 20 "maplecheck: ..." errors and exits 1.
 * Checked: version line and "end"; header counts equal the records; node
 * IDs in order, every node but the root referenced by exactly one child slot
 * of its parent with the same range, depth = parent's + 1; pre-order
 * (children after their parent, in slot order); every leaf at depth
 * height - 1; slots of a node contiguous from MIN to MAX; pivots strictly
 * increasing and equal to the slots' ends; slot counts within the node
 * type's capacity; internal nodes hold only children, leaves no children;
 * each VMA fills its slot; arange_64 gaps equal the largest empty slot
 * below each child; with -m, the VMAs (start, end, perms) in order equal
 * the maps file's lines.
 */

enum kind { K_EMPTY, K_CHILD, K_VMA, K_RESERVED };
enum type { T_DENSE, T_LEAF, T_RANGE, T_ARANGE, T_BAD };

static const char *const type_names[] = { "dense", "leaf_64", "range_64",
					  "arange_64" };
static const int capacity[] = { 31, 16, 16, 10 };
static const int max_pivots[] = { 0, 15, 15, 9 };

struct slot {
	uint64_t first, last, start, end;
	long child;
	enum kind kind;
	char perms[5];
};

struct node {
	long id, parent, depth, nslots, first_slot, nslots_seen;
	long npivots, ngaps, refs;
	enum type type;
	uint64_t min, max, pivots[16], gaps[16], max_gap;
};

struct dump {
	struct node *nodes;
	struct slot *slots;
	long nnodes, nslots, cap_nodes, cap_slots;
	long hdr_nodes, hdr_slots, hdr_vmas, hdr_height, hdr_map_count;
	long truncated, vmas, pid;
	int version_ok, end_ok;
};

static long errors;

static void err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void err(const char *fmt, ...)
{
	va_list ap;

	if (++errors > 20)
		return;
	va_start(ap, fmt);
	fputs("maplecheck: ", stdout);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
}

static void *grow(void *p, long *cap, long want, size_t size)
{
	if (want <= *cap)
		return p;
	*cap = *cap ? *cap * 2 : 1024;
	p = realloc(p, (size_t)*cap * size);
	if (!p) {
		perror("maplecheck");
		exit(2);
	}
	return p;
}

static enum type parse_type(const char *s)
{
	for (int t = 0; t < T_BAD; t++)
		if (!strcmp(s, type_names[t]))
			return t;
	return T_BAD;
}

static int parse_hex_list(char *s, uint64_t *v, int max)
{
	int n = 0;
	char *tok, *save = NULL;

	for (tok = strtok_r(s, " \n", &save); tok;
	     tok = strtok_r(NULL, " \n", &save)) {
		if (n == max)
			return -1;
		v[n++] = strtoull(tok, NULL, 16);
	}
	return n;
}

static struct node *cur_node(struct dump *d, long id, const char *what)
{
	if (d->nnodes == 0 || d->nodes[d->nnodes - 1].id != id) {
		err("%s line for node %ld outside its node", what, id);
		return NULL;
	}
	return &d->nodes[d->nnodes - 1];
}

static void parse_node(struct dump *d, const char *line)
{
	struct node *n;
	char type[32];

	d->nodes = grow(d->nodes, &d->cap_nodes, d->nnodes + 1, sizeof(*n));
	n = &d->nodes[d->nnodes];
	memset(n, 0, sizeof(*n));
	n->first_slot = d->nslots;
	if (sscanf(line, "node %ld %ld %ld %31s %lx %lx %ld", &n->id,
		   &n->parent, &n->depth, type, &n->min, &n->max,
		   &n->nslots) != 7) {
		err("bad node line: %s", line);
		return;
	}
	n->type = parse_type(type);
	if (n->type == T_BAD)
		err("node %ld: unknown type %s", n->id, type);
	if (n->id != d->nnodes)
		err("node %ld: expected ID %ld", n->id, d->nnodes);
	d->nnodes++;
}

static void parse_pivots(struct dump *d, char *line, int gaps)
{
	long id;
	int off = 0, k;
	struct node *n;

	if (sscanf(line, "%*s %ld %n", &id, &off) != 1 || !off) {
		err("bad line: %s", line);
		return;
	}
	n = cur_node(d, id, gaps ? "gaps" : "pivots");
	if (!n)
		return;
	k = parse_hex_list(line + off, gaps ? n->gaps : n->pivots, 16);
	if (k < 0)
		err("node %ld: too many %s", id, gaps ? "gaps" : "pivots");
	else if (gaps)
		n->ngaps = k;
	else
		n->npivots = k;
}

static void parse_vma(struct slot *s, const char *rest, long id)
{
	if (sscanf(rest, "vma %lx %lx %4s", &s->start, &s->end, s->perms) != 3)
		err("node %ld: bad vma slot %s", id, rest);
	s->kind = K_VMA;
}

static void parse_slot(struct dump *d, const char *line)
{
	struct slot *s;
	struct node *n;
	long id, i;
	int off = 0;

	d->slots = grow(d->slots, &d->cap_slots, d->nslots + 1, sizeof(*s));
	s = &d->slots[d->nslots];
	memset(s, 0, sizeof(*s));
	if (sscanf(line, "slot %ld %ld %lx %lx %n", &id, &i, &s->first,
		   &s->last, &off) != 4 ||
	    !off) {
		err("bad slot line: %s", line);
		return;
	}
	n = cur_node(d, id, "slot");
	if (!n)
		return;
	if (i != n->nslots_seen)
		err("node %ld: slot %ld out of order", id, i);
	n->nslots_seen++;
	d->nslots++;
	if (!strncmp(line + off, "child ", 6)) {
		s->kind = K_CHILD;
		s->child = strtol(line + off + 6, NULL, 10);
	} else if (!strncmp(line + off, "vma ", 4)) {
		parse_vma(s, line + off, id);
		d->vmas++;
	} else if (!strcmp(line + off, "empty")) {
		s->kind = K_EMPTY;
	} else if (!strcmp(line + off, "reserved")) {
		s->kind = K_RESERVED;
	} else {
		err("node %ld slot %ld: unknown kind %s", id, i, line + off);
	}
}

static void parse_header(struct dump *d, const char *line)
{
	static const struct {
		const char *name;
		size_t off;
	} keys[] = {
		{ "pid", offsetof(struct dump, pid) },
		{ "map_count", offsetof(struct dump, hdr_map_count) },
		{ "vmas", offsetof(struct dump, hdr_vmas) },
		{ "height", offsetof(struct dump, hdr_height) },
		{ "nodes", offsetof(struct dump, hdr_nodes) },
		{ "slots", offsetof(struct dump, hdr_slots) },
		{ "truncated", offsetof(struct dump, truncated) },
	};
	char key[32];
	long v;

	if (sscanf(line, "%31s %ld", key, &v) != 2)
		return;
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		if (!strcmp(key, keys[k].name))
			*(long *)((char *)d + keys[k].off) = v;
}

static void parse_line(struct dump *d, char *line, long nr)
{
	line[strcspn(line, "\n")] = 0;
	if (nr == 1) {
		d->version_ok = !strcmp(line, "memscope-maple 1");
		return;
	}
	if (d->end_ok)
		err("line %ld after end: %s", nr, line);
	if (!strncmp(line, "node ", 5))
		parse_node(d, line);
	else if (!strncmp(line, "pivots ", 7))
		parse_pivots(d, line, 0);
	else if (!strncmp(line, "gaps ", 5))
		parse_pivots(d, line, 1);
	else if (!strncmp(line, "slot ", 5))
		parse_slot(d, line);
	else if (!strcmp(line, "end"))
		d->end_ok = 1;
	else if (d->nnodes == 0)
		parse_header(d, line);
	else
		err("line %ld: unknown record: %s", nr, line);
}

static void read_dump(struct dump *d, FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	long nr = 0;

	while (getline(&line, &cap, f) > 0)
		parse_line(d, line, ++nr);
	free(line);
	if (!d->version_ok)
		err("first line is not 'memscope-maple 1'");
	if (!d->end_ok)
		err("no 'end' line");
}

/* Slots contiguous over [min, max], pivots = slot ends, within capacity. */
static void check_slots(const struct dump *d, const struct node *n)
{
	const struct slot *s = &d->slots[n->first_slot];
	uint64_t next = n->min;
	long want_piv;

	if (n->nslots_seen != n->nslots || n->nslots < 1 ||
	    (n->type != T_BAD && n->nslots > capacity[n->type]))
		err("node %ld: %ld slots, says %ld", n->id, n->nslots_seen,
		    n->nslots);
	for (long i = 0; i < n->nslots_seen; i++) {
		if (s[i].first != next || s[i].last < s[i].first)
			err("node %ld slot %ld: %#lx-%#lx does not follow %#lx",
			    n->id, i, s[i].first, s[i].last, next);
		next = s[i].last + 1;
		if (i < n->npivots && n->pivots[i] != s[i].last)
			err("node %ld: pivot %ld is %#lx, slot ends at %#lx",
			    n->id, i, n->pivots[i], s[i].last);
		if (i && i < n->npivots && n->pivots[i] <= n->pivots[i - 1])
			err("node %ld: pivots do not increase at %ld", n->id,
			    i);
	}
	if (n->nslots_seen && s[n->nslots_seen - 1].last != n->max)
		err("node %ld: last slot ends at %#lx, node at %#lx", n->id,
		    s[n->nslots_seen - 1].last, n->max);
	if (n->type == T_BAD)
		return;
	want_piv = n->nslots < max_pivots[n->type] ? n->nslots :
						     max_pivots[n->type];
	if (n->npivots != want_piv)
		err("node %ld: %ld pivots, want %ld", n->id, n->npivots,
		    want_piv);
}

static void check_vma(const struct node *n, long i, const struct slot *s)
{
	const char *p = s->perms;

	if (s->start != s->first || s->end != s->last + 1)
		err("node %ld slot %ld: vma %#lx-%#lx in slot %#lx-%#lx", n->id,
		    i, s->start, s->end, s->first, s->last);
	if (strlen(p) != 4 || !strchr("r-", p[0]) || !strchr("w-", p[1]) ||
	    !strchr("x-", p[2]) || !strchr("sp", p[3]))
		err("node %ld slot %ld: perms '%s'", n->id, i, p);
}

/* Children: referenced once by the parent, same range, one level down. */
static void check_child(struct dump *d, const struct node *n, long i,
			long *last_child)
{
	const struct slot *s = &d->slots[n->first_slot + i];
	struct node *c;

	if (s->child <= n->id || s->child >= d->nnodes) {
		if (!(s->child == -1 && d->truncated))
			err("node %ld slot %ld: child %ld", n->id, i, s->child);
		return;
	}
	if (s->child <= *last_child)
		err("node %ld: child %ld not in pre-order", n->id, s->child);
	*last_child = s->child;
	c = &d->nodes[s->child];
	c->refs++;
	if (c->parent != n->id || c->depth != n->depth + 1 ||
	    c->min != s->first || c->max != s->last)
		err("node %ld: parent %ld depth %ld range %#lx-%#lx, but slot %ld of node %ld is %#lx-%#lx at depth %ld",
		    c->id, c->parent, c->depth, c->min, c->max, i, n->id,
		    s->first, s->last, n->depth + 1);
}

static int is_leaf(const struct node *n)
{
	return n->type == T_LEAF || n->type == T_DENSE;
}

static void check_node(struct dump *d, struct node *n)
{
	long last_child = n->id;

	check_slots(d, n);
	if (n->type == T_ARANGE && n->ngaps != n->nslots)
		err("node %ld: %ld gaps for %ld slots", n->id, n->ngaps,
		    n->nslots);
	if (n->type != T_ARANGE && n->ngaps)
		err("node %ld: gaps in a %s node", n->id, type_names[n->type]);
	if (is_leaf(n) && n->depth != d->hdr_height - 1)
		err("leaf %ld at depth %ld, height %ld", n->id, n->depth,
		    d->hdr_height);
	for (long i = 0; i < n->nslots_seen; i++) {
		const struct slot *s = &d->slots[n->first_slot + i];

		if (is_leaf(n) && s->kind == K_CHILD)
			err("leaf %ld slot %ld holds a child", n->id, i);
		if (!is_leaf(n) && s->kind != K_CHILD)
			err("internal node %ld slot %ld holds no child", n->id,
			    i);
		if (s->kind == K_VMA)
			check_vma(n, i, s);
		if (s->kind == K_CHILD)
			check_child(d, n, i, &last_child);
	}
}

/* Largest gap below each node, children first (they have larger IDs). */
static void check_gaps(struct dump *d)
{
	for (long id = d->nnodes - 1; id >= 0; id--) {
		struct node *n = &d->nodes[id];
		const struct slot *s = &d->slots[n->first_slot];

		n->max_gap = 0;
		for (long i = 0; i < n->nslots_seen; i++) {
			uint64_t g = 0;

			if (s[i].kind == K_EMPTY)
				g = s[i].last - s[i].first + 1;
			if (s[i].kind == K_CHILD && s[i].child > id &&
			    s[i].child < d->nnodes)
				g = d->nodes[s[i].child].max_gap;
			if (n->type == T_ARANGE && s[i].kind == K_CHILD &&
			    i < n->ngaps && n->gaps[i] != g && !d->truncated)
				err("node %ld: gap %ld is %#lx, child %ld has %#lx",
				    id, i, n->gaps[i], s[i].child, g);
			if (g > n->max_gap)
				n->max_gap = g;
		}
	}
}

static void check_tree(struct dump *d)
{
	long leaves_depth = -1;

	if (d->nnodes == 0) {
		if (d->hdr_height != 0)
			err("no nodes, height %ld", d->hdr_height);
		return;
	}
	if (d->nodes[0].parent != -1 || d->nodes[0].depth != 0 ||
	    d->nodes[0].min != 0 || d->nodes[0].max != UINT64_MAX)
		err("root: parent %ld depth %ld range %#lx-%#lx",
		    d->nodes[0].parent, d->nodes[0].depth, d->nodes[0].min,
		    d->nodes[0].max);
	for (long id = 0; id < d->nnodes; id++)
		check_node(d, &d->nodes[id]);
	for (long id = 1; id < d->nnodes; id++)
		if (d->nodes[id].refs != 1)
			err("node %ld referenced %ld times", id,
			    d->nodes[id].refs);
	for (long id = 0; id < d->nnodes; id++)
		if (is_leaf(&d->nodes[id]))
			leaves_depth = d->nodes[id].depth;
	if (leaves_depth + 1 != d->hdr_height && !d->truncated)
		err("height %ld, leaves at depth %ld", d->hdr_height,
		    leaves_depth);
	check_gaps(d);
}

static void check_header(const struct dump *d)
{
	if (d->hdr_nodes != d->nnodes)
		err("header nodes %ld, %ld node records", d->hdr_nodes,
		    d->nnodes);
	if (d->hdr_slots != d->nslots)
		err("header slots %ld, %ld slot records", d->hdr_slots,
		    d->nslots);
	if (!d->truncated && d->hdr_vmas != d->vmas)
		err("header vmas %ld, %ld vma slots", d->hdr_vmas, d->vmas);
	if (d->hdr_map_count != d->hdr_vmas)
		err("map_count %ld, vmas %ld", d->hdr_map_count, d->hdr_vmas);
}

/* The VMAs in tree order against the maps file, line by line. */
static void compare_maps(const struct dump *d, FILE *f)
{
	char *line = NULL, perms[5];
	size_t cap = 0;
	uint64_t start, end;
	long s = 0, nr = 0;

	while (getline(&line, &cap, f) > 0) {
		nr++;
		if (sscanf(line, "%lx-%lx %4s", &start, &end, perms) != 3) {
			err("maps line %ld: %s", nr, line);
			continue;
		}
		while (s < d->nslots && d->slots[s].kind != K_VMA)
			s++;
		if (s == d->nslots) {
			err("maps line %ld (%#lx-%#lx) not in the dump", nr,
			    start, end);
			continue;
		}
		if (d->slots[s].start != start || d->slots[s].end != end ||
		    strcmp(d->slots[s].perms, perms))
			err("maps line %ld: %#lx-%#lx %s, dump: %#lx-%#lx %s",
			    nr, start, end, perms, d->slots[s].start,
			    d->slots[s].end, d->slots[s].perms);
		s++;
	}
	free(line);
	if (nr != d->vmas)
		err("maps has %ld lines, the dump %ld VMAs", nr, d->vmas);
}

static FILE *open_or_die(const char *path)
{
	FILE *f = fopen(path, "r");

	if (!f) {
		fprintf(stderr, "maplecheck: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	return f;
}

int main(int argc, char **argv)
{
	struct dump d = { 0 };
	const char *maps = NULL;
	FILE *f;
	int o;

	while ((o = getopt(argc, argv, "m:")) != -1) {
		if (o != 'm') {
			fprintf(stderr, "usage: maplecheck [-m MAPS] DUMP\n");
			return 2;
		}
		maps = optarg;
	}
	if (optind != argc - 1) {
		fprintf(stderr, "usage: maplecheck [-m MAPS] DUMP\n");
		return 2;
	}
	f = open_or_die(argv[optind]);
	read_dump(&d, f);
	fclose(f);
	check_header(&d);
	check_tree(&d);
	if (maps) {
		f = open_or_die(maps);
		compare_maps(&d, f);
		fclose(f);
	}
	if (errors > 20)
		printf("maplecheck: ... %ld errors in all\n", errors);
	printf("maplecheck: pid %ld: %ld nodes, %ld slots, %ld VMAs, height %ld%s: %s\n",
	       d.pid, d.nnodes, d.nslots, d.vmas, d.hdr_height,
	       d.truncated ? " (truncated)" : "", errors ? "BAD" : "ok");
	free(d.nodes);
	free(d.slots);
	return errors ? 1 : 0;
}
