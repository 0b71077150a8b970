// SPDX-License-Identifier: GPL-2.0
/*
 * The memory cgroup tree kept between samples: every cgroup's last copy
 * and when it was read, so a live refresh of thousands of cgroups stays
 * within a CPU budget the way the process list's does (proccache.c).
 */
#define _GNU_SOURCE
#include "probes/procfs/cgint.h"
#include "probes/procfs/procint.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/escape.h"
#include "model/field.h"

/*
 * A v1 cgroup costs about 100 us to read whole (a dozen files, memory.stat
 * of 70 lines) and 10 us for its usage alone; 10,000 of them read whole
 * are a second of CPU. Usage is hierarchical (a parent's counts its
 * children's), so a live sample:
 *  - reads the usage of the root, and of every cgroup whose parent's
 *    usage changed since that parent's last read: a quiet subtree costs
 *    one read at its top;
 *  - re-reads every file of a cgroup, and lists its children (new ones are
 *    found there), as a CPU budget (DETAIL_SHARE of wall time) allows, in
 *    ms_refresh_order(): new cgroups, those whose usage moved by more
 *    than MOVED_KB since (their memory.stat moves with it) and parents
 *    whose usage changed at all (new children show there), then
 *    the oldest copies of those whose usage changed a second or more ago
 *    and of the quiet ones (the first new and the first moved one
 *    outside the budget).
 * Each cgroup's copy goes out with its age (ms_cgroup.detail_age_s) and
 * the usage it was read at; the explorer dims what is older than the
 * process list's bound (model/procage.c). The first sample, every batch
 * sample and every sample of a captured tree read all.
 */
#define MAX_CGROUPS 20000 /* a bound on one sample's work and memory */
#define MAX_DEPTH 2048 /* cgroups deeper are not read (note cgroup_cut) */
#define DETAIL_SHARE 0.003 /* 3 ms of every second */
#define DETAIL_BURST 0.03 /* at most this much saved up, seconds */
#define MOVED_KB 1024 /* a usage moved by more: read first */

struct memo {
	struct ms_cgroup c; /* the last copy read; c.path is the key */
	int parent; /* index in v, -1 the root */
	int depth; /* the root 0 */
	double read_t; /* its files and children read then; 0 never */
	uint64_t read_kb; /* its usage then */
	uint64_t kb; /* its usage at its last read */
	bool uchanged; /* usage read this sample, not what it was */
	bool nomem; /* v2, without the memory controller enabled */
	bool gone;
	unsigned int seen, listed; /* samples that listed it, its children */
};

struct ms_cg_cache {
	struct memo *v; /* in preorder (parents first, siblings by name) */
	int n, cap;
	struct ms_refresh *plan; /* cap of them */
	int up[MAX_DEPTH + 1]; /* compaction: the last kept at each depth */
	char base[MS_CG_MNT];
	int version;
	struct ms_budget budget;
	unsigned int gen; /* samples taken */
	bool primed;
};

/* One sample's work. */
struct pass {
	struct ms_cg_walk w;
	struct ms_cg_cache *c;
	int sorted; /* v[0..sorted) are in preorder: bsearch finds them */
	int cut, deep;
	double now;
};

/* Preorder: '/' below every other byte, so "/a/b" before "/a-b". */
static int cmp_path(const char *a, const char *b)
{
	for (;; a++, b++) {
		unsigned int x = *a == '/' ? 1 : (unsigned char)*a + 1u;
		unsigned int y = *b == '/' ? 1 : (unsigned char)*b + 1u;

		if (!*a || !*b || x != y)
			return *a && *b ? (int)x - (int)y : !!*a - !!*b;
	}
}

static int cmp_memo(const void *a, const void *b)
{
	return cmp_path(((const struct memo *)a)->c.path,
			((const struct memo *)b)->c.path);
}

static void memo_free(struct memo *m)
{
	ms_fields_free(ms_cgroup_fields, &m->c);
}

static void cache_clear(struct ms_cg_cache *c)
{
	for (int i = 0; i < c->n; i++)
		memo_free(&c->v[i]);
	c->n = 0;
	c->primed = false;
}

static int cache_reserve(struct ms_cg_cache *c)
{
	struct memo *v;
	int cap = c->cap ? 2 * c->cap : 64;

	if (c->n < c->cap)
		return 0;
	v = realloc(c->v, (size_t)cap * sizeof(*v));
	if (!v)
		return -ENOMEM;
	c->v = v;
	if (ms_refresh_grow(&c->plan, cap))
		return -ENOMEM;
	c->cap = cap;
	return 0;
}

/* A memo for path (taken), not read yet: its index, or -errno. */
static int memo_add(struct ms_cg_cache *c, char *path, int parent, int depth,
		    int version)
{
	struct memo *m;

	if (cache_reserve(c)) {
		free(path);
		return -ENOMEM;
	}
	m = &c->v[c->n];
	memset(m, 0, sizeof(*m));
	ms_fields_reset(ms_cgroup_fields, &m->c);
	m->c.path = path;
	m->c.version = version;
	m->parent = parent;
	m->depth = depth;
	m->kb = m->read_kb = MS_NA;
	return c->n++;
}

static int find(const struct pass *x, const char *path)
{
	int lo = 0, hi = x->sorted;

	while (lo < hi) {
		int mid = (lo + hi) / 2,
		    d = cmp_path(x->c->v[mid].c.path, path);

		if (!d)
			return mid;
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The directory of m: an fd, or -errno (-ENOENT: m is gone). */
static int open_dir(struct pass *x, const struct memo *m)
{
	char *rel;
	int fd;

	if (asprintf(&rel, "%s%s", x->w.base, m->parent < 0 ? "" : m->c.path) <
	    0)
		return -ENOMEM;
	fd = ms_opendir(x->w.r, rel);
	free(rel);
	return fd;
}

struct names {
	struct pass *x;
	int parent;
};

/* A child directory of names->parent: seen, or new. */
static int add_name(void *ctx, const char *name, unsigned char type)
{
	struct names *l = ctx;
	struct pass *x = l->x;
	const struct memo *p = &x->c->v[l->parent];
	char *path;
	int i;

	if (type != DT_DIR && type != DT_UNKNOWN)
		return 0;
	if (asprintf(&path, "%s/%s", p->parent < 0 ? "" : p->c.path, name) < 0)
		return -ENOMEM;
	i = find(x, path);
	if (i >= 0) {
		x->c->v[i].seen = x->c->gen;
		free(path);
		return 0;
	}
	if (x->c->n >= MAX_CGROUPS) {
		x->cut++;
		free(path);
		return 0;
	}
	i = memo_add(x->c, path, l->parent, p->depth + 1, x->w.version);
	if (i < 0)
		return i;
	x->c->v[i].seen = x->c->gen;
	return 0;
}

/* Every file of v[i], and its children listed (new ones added). */
static void memo_read(void *ctx, int i)
{
	struct pass *x = ctx;
	struct memo *m = &x->c->v[i];
	struct names l = { x, i };
	char *path = m->c.path;
	int fd = open_dir(x, m), err;

	if (fd < 0) {
		m->gone = fd == -ENOENT;
		return;
	}
	m->c.path = NULL; /* kept through the reset */
	ms_fields_reset(ms_cgroup_fields, &m->c);
	m->c.path = path;
	m->c.version = x->w.version;
	x->w.dfd = fd;
	err = ms_cg_read(&x->w, &m->c);
	m->gone = err == -ENOENT;
	m->nomem = err == 1;
	m->kb = m->read_kb = m->c.current_kb;
	m->read_t = x->now;
	if (!m->gone && m->depth < MAX_DEPTH) {
		if (ms_listdir_at(x->w.r, fd, add_name, &l) == -ENOMEM)
			ms_snapshot_note(x->w.s, "cgroup", "out of memory");
		x->c->v[i].listed = x->c->gen;
	} else if (!m->gone) {
		x->deep++;
	}
	close(fd);
}

/* Only the usage of v[i]; whether its children's are due too. */
static void memo_usage(struct pass *x, struct memo *m)
{
	uint64_t kb;
	int fd = open_dir(x, m);

	if (fd < 0) {
		m->gone = fd == -ENOENT;
		return;
	}
	x->w.dfd = fd;
	kb = ms_cg_usage(&x->w, &m->c);
	close(fd);
	if (!ms_have(kb)) {
		/* v2's root has none: look below it every sample */
		m->uchanged = m->parent < 0;
		return;
	}
	m->uchanged = kb != m->kb;
	m->kb = kb;
}

/* Has m's usage moved by more than a page or two since its last read? */
static bool moved(const struct memo *m)
{
	if (!ms_have(m->kb) || !ms_have(m->read_kb))
		return false;
	return (m->kb > m->read_kb ? m->kb - m->read_kb : m->read_kb - m->kb) >
	       MOVED_KB;
}

/* Who is due for a whole re-read, in ms_refresh_order()'s order. */
static int plan(struct pass *x)
{
	struct ms_cg_cache *c = x->c;
	int n = 0;

	for (int i = 0; i < c->n; i++) {
		const struct memo *m = &c->v[i];
		bool changed = m->kb != m->read_kb;
		/* in preorder (compact()): a child right after its parent */
		bool kids = i + 1 < c->n && c->v[i + 1].parent == i;

		if (m->gone)
			continue;
		c->plan[n++] = (struct ms_refresh){
			.idx = i,
			.read_t = m->read_t,
			/*
			 * moved by much first, and parents that changed at
			 * all (a new child is found where its parent is
			 * read): a page or two each second is what
			 * thousands of leaves on a busy node do, and would
			 * hold the budget every sample
			 */
			.moved = moved(m) || (changed && kids),
			.changed = changed,
		};
	}
	return ms_refresh_order(c->plan, n, x->now);
}

/*
 * Spend the budget on plan[0..n): over a copy, as a cgroup read lists its
 * children and new ones grow the cache, c->plan with it (realloc).
 */
static void spend(struct pass *x, int n)
{
	struct ms_cg_cache *c = x->c;
	struct ms_refresh *p = malloc((size_t)(n ? n : 1) * sizeof(*p));

	if (!p)
		return;
	memcpy(p, c->plan, (size_t)n * sizeof(*p));
	ms_refresh_spend(&c->budget, x->w.pf, p, n, x->now, memo_read, x);
	free(p);
}

static void budgeted(struct pass *x)
{
	struct ms_cg_cache *c = x->c;
	int n = 0;

	for (int i = 0; i < c->n; i++) {
		struct memo *m = &c->v[i];

		m->uchanged = false;
		if (m->gone || (m->parent >= 0 && !c->v[m->parent].uchanged))
			continue;
		memo_usage(x, m);
	}
	spend(x, plan(x));
	/* the cgroups those found: new ones first, as the budget lasts */
	c->budget.last = x->now;
	for (int i = x->sorted; i < c->n; i++)
		c->plan[n++] = (struct ms_refresh){ .idx = i };
	spend(x, n);
}

/*
 * Children missing from their parent's listing are gone; then v back in
 * preorder without the gone ones and their subtrees, parents found again.
 * Returns how many went.
 */
static int compact(struct pass *x)
{
	struct ms_cg_cache *c = x->c;
	int k = 0, went = 0;

	for (int i = 0; i < c->n; i++) {
		struct memo *m = &c->v[i];

		if (m->parent >= 0 && c->v[m->parent].listed == c->gen &&
		    m->seen != c->gen)
			m->gone = true;
	}
	if (c->n > x->sorted)
		qsort(c->v, (size_t)c->n, sizeof(*c->v), cmp_memo);
	for (int i = 0; i < c->n; i++) {
		struct memo *m = &c->v[i];
		int d = m->depth;

		/* c->up[d - 1] < 0: its parent went */
		if (m->gone || (d && c->up[d - 1] < 0)) {
			went += m->read_t > 0;
			memo_free(m);
			c->up[d] = -1;
			continue;
		}
		m->parent = d ? c->up[d - 1] : -1;
		c->up[d] = k;
		c->v[k++] = *m;
	}
	c->n = k;
	return went;
}

/* Every cgroup read into s, parents first, with the sample's notes. */
static int emit(struct pass *x)
{
	struct ms_cg_cache *c = x->c;
	struct ms_snapshot *s = x->w.s;
	const struct ms_field *lf = &ms_cgroups_fields[0];
	int nomem = 0;
	char first[256] = "";

	for (int i = 0; i < c->n; i++) {
		struct memo *m = &c->v[i];
		struct ms_cgroup *o;

		if (!m->read_t)
			continue; /* found, not read yet */
		/*
		 * The record this snapshot held in this place before, when it
		 * is a copy of this read still (the same shared memory.stat:
		 * one block per read), is kept: only what changes every
		 * sample is set again below. Else memory.stat and the other
		 * lists go out shared, not copied: the same until read again
		 * (10,000 cgroups' are 40 MB).
		 */
		o = ms_list_kept(lf, &s->cgroups);
		if (o && o->stat.v && o->stat.v == m->c.stat.v) {
			ms_list_take(lf, &s->cgroups);
			o->current_kb_per_s = NAN; /* ms_rates() sets it */
		} else if (!(o = ms_list_add(lf, &s->cgroups)) ||
			   ms_fields_share(ms_cgroup_fields, &m->c) ||
			   ms_cgroup_copy(o, &m->c)) {
			if (o) {
				ms_fields_free(ms_cgroup_fields, o);
				s->cgroups.n--;
			}
			ms_snapshot_note(s, "cgroup", "out of memory");
			break;
		}
		o->current_kb = m->kb;
		o->detail_current_kb = m->read_kb;
		o->detail_age_s = x->now - m->read_t;
		if (m->nomem && !nomem++)
			ms_escape(first, sizeof(first), m->c.path,
				  strlen(m->c.path));
	}
	if (nomem)
		ms_snapshot_note(s, "cgroup_memory",
				 "%d cgroup%s without the memory controller "
				 "enabled (the first: %s): usage and limits "
				 "null",
				 nomem, nomem > 1 ? "s" : "", first);
	return 0;
}

static struct ms_cg_cache *cache_get(struct ms_procfs *pf,
				     const struct ms_cg_walk *w)
{
	struct ms_cg_cache *c = pf->cgroups;

	if (!c) {
		c = calloc(1, sizeof(*c));
		if (!c)
			return NULL;
		c->budget = (struct ms_budget){ .share = DETAIL_SHARE,
						.burst = DETAIL_BURST };
		pf->cgroups = c;
	}
	/* another hierarchy (a remount): start again */
	if (c->version != w->version || strcmp(c->base, w->base)) {
		cache_clear(c);
		c->version = w->version;
		memcpy(c->base, w->base, sizeof(c->base));
	}
	return c;
}

int ms_procfs_cgroup(const struct ms_root *r, struct ms_procfs *pf, bool full,
		     struct ms_snapshot *s)
{
	struct pass x = { .w = { .r = r, .pf = pf, .s = s, .dfd = -1 } };
	struct ms_cg_cache *c;
	char *root;
	int err, went;

	ms_fields_reset(ms_cgroups_fields, &s->cgroups);
	err = ms_cg_hierarchy(&x.w);
	if (err)
		return err;
	c = cache_get(pf, &x.w);
	if (!c)
		return -ENOMEM;
	x.c = c;
	x.now = ms_procfs_clock(pf);
	c->gen++;
	if (!c->n) {
		root = strdup("/");
		if (!root || memo_add(c, root, -1, 0, x.w.version) < 0)
			return -ENOMEM;
	}
	x.sorted = c->n;
	if (full || !c->primed || !r->live) {
		/* grows as each one's children are found */
		for (int i = 0; i < c->n; i++)
			memo_read(&x, i);
	} else {
		budgeted(&x);
	}
	c->budget.last = x.now;
	went = compact(&x);
	c->primed = c->n > 0;
	emit(&x);
	if (!s->cgroups.n) {
		char b[256];

		ms_escape(b, sizeof(b), x.w.base, strlen(x.w.base));
		ms_snapshot_note(s, "cgroup_mount",
				 "/%s: no memory cgroup could be read", b);
		return -ENOENT;
	}
	if (went)
		ms_snapshot_note(s, "cgroup_vanished",
				 "%d cgroup%s removed while read", went,
				 went > 1 ? "s" : "");
	if (x.cut)
		ms_snapshot_note(s, "cgroup_cut",
				 "more than %d cgroups: %d more not read",
				 MAX_CGROUPS, x.cut);
	else if (x.deep)
		ms_snapshot_note(s, "cgroup_cut",
				 "%d cgroups %d deep: those below them not "
				 "read",
				 x.deep, MAX_DEPTH);
	return 0;
}

void ms_procfs_cgroup_free(struct ms_procfs *pf)
{
	struct ms_cg_cache *c = pf->cgroups;

	if (!c)
		return;
	cache_clear(c);
	free(c->v);
	free(c->plan);
	free(c);
	pf->cgroups = NULL;
}
