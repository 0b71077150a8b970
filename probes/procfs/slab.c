// SPDX-License-Identifier: GPL-2.0
/*
 * The Slab area of the procfs backend: /proc/slabinfo for the cache table,
 * /sys/kernel/slab/CACHE (SLUB) for the drill-down into one cache.
 */
#include "probes/procfs/slab.h"

#include "probes/procfs/procfs.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SLAB_DIR "sys/kernel/slab"
/* Tokens kept per slabinfo line; the "(statistics)" variant has 31. */
#define MAX_TOKENS 64

/* A piece of the input: not NUL-terminated, never read past n. */
struct span {
	const char *p;
	size_t n;
};

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* The next blank-separated token of [*p, end), or false at the end. */
static bool next_token(const char **p, const char *end, struct span *t)
{
	const char *q = *p;

	while (q < end && blank(*q))
		q++;
	if (q == end)
		return false;
	t->p = q;
	while (q < end && !blank(*q))
		q++;
	t->n = (size_t)(q - t->p);
	*p = q;
	return true;
}

static int split(const char *p, const char *end, struct span *tok, int max)
{
	int n = 0;

	while (n < max && next_token(&p, end, &tok[n]))
		n++;
	return n;
}

static bool span_is(struct span t, const char *s)
{
	size_t n = strlen(s);

	return t.n == n && !memcmp(t.p, s, n);
}

/* Leading decimal digits of p[0..n) into *v: how many, 0 on overflow. */
static size_t digits(const char *p, size_t n, uint64_t *v)
{
	uint64_t x = 0;
	size_t i;

	for (i = 0; i < n && p[i] >= '0' && p[i] <= '9'; i++) {
		unsigned int d = (unsigned int)(p[i] - '0');

		if (x > (UINT64_MAX - d) / 10)
			return 0;
		x = x * 10 + d;
	}
	if (i)
		*v = x;
	return i;
}

/* The whole token is an unsigned decimal number. */
static bool span_u64(struct span t, uint64_t *v)
{
	uint64_t x;

	if (!t.n || digits(t.p, t.n, &x) != t.n)
		return false;
	*v = x;
	return true;
}

/* ---- /proc/slabinfo ---------------------------------------------------- */

/* "slabinfo - version: 2.1", perhaps followed by "(statistics)". */
static int check_version(const struct span *tok, int n, char *why,
			 size_t whylen)
{
	uint64_t major = 0, minor = 0;
	size_t k;

	if (n < 4 || !span_is(tok[0], "slabinfo") || !span_is(tok[1], "-") ||
	    !span_is(tok[2], "version:")) {
		snprintf(why, whylen, "no \"slabinfo - version:\" header");
		return -EINVAL;
	}
	k = digits(tok[3].p, tok[3].n, &major);
	if (!k || k + 1 >= tok[3].n || tok[3].p[k] != '.' ||
	    digits(tok[3].p + k + 1, tok[3].n - k - 1, &minor) !=
		    tok[3].n - k - 1) {
		snprintf(why, whylen, "unreadable version number");
		return -EINVAL;
	}
	/* 2.0 and 2.1 differ only in columns after slabdata we do not read */
	if (major != 2) {
		snprintf(why, whylen,
			 "unsupported version %llu.%llu (need 2.x)",
			 (unsigned long long)major, (unsigned long long)minor);
		return -EINVAL;
	}
	return 0;
}

/* The column header as every 2.x kernel prints it; "*" matches any. */
static const char columns[] =
	"# name <active_objs> <num_objs> <objsize> <objperslab> "
	"<pagesperslab> : tunables * * * : slabdata <active_slabs> "
	"<num_slabs> <sharedavail>";

static int check_columns(const struct span *tok, int n, char *why,
			 size_t whylen)
{
	const char *p = columns, *end = columns + sizeof(columns) - 1;
	struct span want;

	for (int i = 0; next_token(&p, end, &want); i++) {
		if (i < n &&
		    (span_is(want, "*") ||
		     (want.n == tok[i].n && !memcmp(want.p, tok[i].p, want.n))))
			continue;
		snprintf(why, whylen, "unexpected column header (column %d)",
			 i + 1);
		return -EINVAL;
	}
	return 0;
}

/*
 * One cache line: NAME active num objsize perslab pages : tunables a b c
 * : slabdata active_slabs num_slabs sharedavail [...]. A name may hold
 * blanks, so the numbers are found from ": tunables" backwards. Every
 * column up to sharedavail must be there: a line cut short (the last one
 * of a truncated read) then fails here instead of yielding a number that
 * lost its last digits, since every number we keep is followed by another.
 */
static bool parse_cache(const struct span *tok, int n, struct ms_slab_cache *c)
{
	const struct span *num, *last;
	uint64_t ignored;
	size_t len;
	int t;

	for (t = 6; t + 1 < n; t++)
		if (span_is(tok[t], ":") && span_is(tok[t + 1], "tunables"))
			break;
	if (t + 10 > n || !span_is(tok[t + 5], ":") ||
	    !span_is(tok[t + 6], "slabdata"))
		return false;
	num = tok + t - 5;
	if (!span_u64(num[0], &c->active_objs) ||
	    !span_u64(num[1], &c->num_objs) || !span_u64(num[2], &c->objsize) ||
	    !span_u64(num[3], &c->objperslab) ||
	    !span_u64(num[4], &c->pagesperslab))
		return false;
	for (int i = 2; i <= 4; i++)
		if (!span_u64(tok[t + i], &ignored))
			return false;
	if (!span_u64(tok[t + 7], &c->active_slabs) ||
	    !span_u64(tok[t + 8], &c->num_slabs) ||
	    !span_u64(tok[t + 9], &ignored))
		return false;
	/* raw bytes, bounded; escaped where shown */
	last = &tok[t - 6];
	len = (size_t)(last->p + last->n - tok[0].p);
	if (len >= sizeof(c->name))
		len = sizeof(c->name) - 1;
	memcpy(c->name, tok[0].p, len);
	c->name[len] = '\0';
	return true;
}

/* Add the cache of one line, or count the line as skipped. */
static int add_cache(struct ms_slab *s, const struct span *tok, int n,
		     int *skipped)
{
	struct ms_slab_cache *c;

	if (n == 0) /* a blank line; no kernel prints one, but it is harmless */
		return 0;
	c = ms_slab_add(s);
	if (!c)
		return -ENOMEM;
	if (!parse_cache(tok, n, c)) {
		s->n--;
		(*skipped)++;
	}
	return 0;
}

/*
 * A malformed line (too few columns, a non-number, a cut-off last line)
 * is skipped and counted rather than failing the whole table: the other
 * caches are still right, and the caller notes how many were skipped.
 * Only a missing or unknown header fails, since then no line can be
 * trusted to mean what we think.
 */
int ms_slabinfo_parse(const char *text, size_t len, struct ms_slab *s,
		      int *skipped, char *why, size_t whylen)
{
	const char *p = text, *end = text + len, *eol;
	struct span tok[MAX_TOKENS];
	int line = 0, n, err = 0;

	s->n = 0;
	*skipped = 0;
	snprintf(why, whylen, "empty file");
	while (p < end && !err) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		n = split(p, eol, tok, MAX_TOKENS);
		p = eol < end ? eol + 1 : end;
		if (++line == 1)
			err = check_version(tok, n, why, whylen);
		else if (line == 2)
			err = check_columns(tok, n, why, whylen);
		else
			err = add_cache(s, tok, n, skipped);
	}
	if (!err && line < 2) {
		if (line)
			snprintf(why, whylen, "no column header");
		err = -EINVAL;
	}
	if (!err && s->n == 0 && *skipped) {
		snprintf(why, whylen, "no readable cache line (%d skipped)",
			 *skipped);
		err = -EINVAL;
	}
	if (err) {
		if (err == -ENOMEM)
			snprintf(why, whylen, "out of memory");
		s->n = 0;
	}
	return err;
}

/* A cache's sysfs tunables (struct ms_slab_cache's cpu_partial, sheaf_cap) */
struct ms_slab_tune {
	char name[MS_NAME];
	uint64_t cpu_partial, sheaf_cap;
};

static uint64_t read_tune(const struct ms_root *r, const char *name,
			  const char *file, uint64_t absent)
{
	char rel[MS_NAME + 64];
	unsigned long long v;
	int err;

	snprintf(rel, sizeof(rel), SLAB_DIR "/%s/%s", name, file);
	err = ms_read_u64(r, rel, &v);
	return !err ? (uint64_t)v : err == -ENOENT ? absent : MS_NA;
}

/* name's tunables, from pf's list or read now and kept there */
static const struct ms_slab_tune *find_tune(const struct ms_root *r,
					    struct ms_procfs *pf,
					    const char *name, int hint)
{
	struct ms_slab_tune *t;

	if (hint < pf->ntune && !strcmp(pf->tune[hint].name, name))
		return &pf->tune[hint];
	for (int i = 0; i < pf->ntune; i++)
		if (!strcmp(pf->tune[i].name, name))
			return &pf->tune[i];
	if (pf->ntune == pf->tunecap) {
		int cap = pf->tunecap ? 2 * pf->tunecap : 256;
		void *p = realloc(pf->tune, (size_t)cap * sizeof(*t));

		if (!p)
			return NULL;
		pf->tune = p;
		pf->tunecap = cap;
	}
	t = &pf->tune[pf->ntune++];
	snprintf(t->name, sizeof(t->name), "%s", name);
	t->cpu_partial = t->sheaf_cap = MS_NA;
	if (ms_slab_name_check(name))
		return t;
	/* no cpu_partial: no SLUB sysfs, nothing known */
	t->cpu_partial = read_tune(r, name, "cpu_partial", MS_NA);
	/* no sheaf_capacity on a SLUB kernel: before 6.18, no sheaves */
	if (ms_have(t->cpu_partial))
		t->sheaf_cap = read_tune(r, name, "sheaf_capacity", 0);
	return t;
}

/*
 * Each cache's cpu_partial and sheaf_capacity, the free check's bound
 * (model/slabfree.c): live only, read once per cache (root alone writes
 * them), and not while capturing, which would copy 400 files a tree.
 */
static void slab_tunes(const struct ms_root *r, struct ms_procfs *pf,
		       struct ms_slab *sl)
{
	if (!r->live || r->capture_fd >= 0)
		return;
	for (int i = 0; i < sl->n; i++) {
		struct ms_slab_cache *c = &sl->caches[i];
		const struct ms_slab_tune *t = find_tune(r, pf, c->name, i);

		if (t) {
			c->cpu_partial = t->cpu_partial;
			c->sheaf_cap = t->sheaf_cap;
		}
	}
}

void ms_procfs_slab_free(struct ms_procfs *pf)
{
	free(pf->tune);
	pf->tune = NULL;
	pf->ntune = pf->tunecap = 0;
}

int ms_procfs_slab(const struct ms_root *r, struct ms_procfs *pf,
		   struct ms_snapshot *s)
{
	char why[96];
	int skipped, err;

	/* mode 0400: anyone but root gets EACCES, noted as "needs root" */
	err = ms_read(r, "proc/slabinfo", &pf->buf);
	if (err) {
		ms_snapshot_note(s, "slabinfo", "%s", ms_errstr(r, err));
		return err;
	}
	/*
	 * A captured tree does not say which page size its kernel used, and
	 * ours may differ: keep the 4096 of the snapshot reset (x86, most
	 * arm64) rather than guess from the machine reading it.
	 */
	if (r->live) {
		long ps = sysconf(_SC_PAGESIZE);

		if (ps > 0)
			s->slab.page_size = (uint64_t)ps;
	}
	err = ms_slabinfo_parse(pf->buf.data, pf->buf.len, &s->slab, &skipped,
				why, sizeof(why));
	if (err) {
		ms_snapshot_note(s, "slabinfo", "%s", why);
		return err;
	}
	if (skipped)
		ms_snapshot_note(s, "slabinfo", "%d malformed line%s skipped",
				 skipped, skipped == 1 ? "" : "s");
	slab_tunes(r, pf, &s->slab);
	return 0;
}

/* ---- /sys/kernel/slab/CACHE ---------------------------------------------- */

/* "N0=28" or "C1=170(2)": keep it when it matches the list's kind. */
static void add_item(struct ms_nodecount *nc, struct span t)
{
	uint64_t id, v;
	size_t k;

	if (t.n < 4 || (t.p[0] != 'N' && t.p[0] != 'C') ||
	    nc->n == MS_MAX_NODES || (nc->kind && nc->kind != t.p[0]))
		return;
	k = 1 + digits(t.p + 1, t.n - 1, &id);
	if (k == 1 || k + 1 >= t.n || t.p[k] != '=' || id > INT_MAX)
		return;
	if (!digits(t.p + k + 1, t.n - k - 1, &v))
		return;
	nc->kind = t.p[0];
	nc->id[nc->n] = (int)id;
	nc->count[nc->n++] = v;
}

int ms_nodecount_parse(const char *text, size_t len, struct ms_nodecount *nc)
{
	const char *p = text, *end = text + len;
	struct span t;

	nc->total = MS_NA;
	nc->kind = 0;
	nc->n = 0;
	/* the total may carry a "(pages)" suffix in per-cpu lists */
	if (!next_token(&p, end, &t) || !digits(t.p, t.n, &nc->total))
		return -EINVAL;
	while (next_token(&p, end, &t))
		add_item(nc, t);
	return 0;
}

const char *ms_slab_name_check(const char *name)
{
	if (!name || !*name)
		return "empty cache name";
	if (strnlen(name, MS_NAME) >= MS_NAME)
		return "cache name too long";
	if (strchr(name, '/'))
		return "cache name contains '/'";
	if (strstr(name, "..") || !strcmp(name, "."))
		return "cache name is not a plain name";
	return NULL;
}

struct detail_file {
	const char *file;
	size_t off;
};

/* clang-format off */
#define DETAIL(f) { #f, offsetof(struct ms_slab_detail, f) }
/* clang-format on */

static const struct detail_file detail_values[] = {
	DETAIL(order),	       DETAIL(object_size),   DETAIL(slab_size),
	DETAIL(align),	       DETAIL(objs_per_slab), DETAIL(reclaim_account),
	DETAIL(hwcache_align), DETAIL(cache_dma),     DETAIL(poison),
	DETAIL(min_partial),   DETAIL(cpu_partial),
};

static const struct detail_file detail_counts[] = {
	DETAIL(slabs),	 DETAIL(partial),	DETAIL(cpu_slabs),
	DETAIL(objects), DETAIL(total_objects),
};

#define NR(a) ((int)(sizeof(a) / sizeof((a)[0])))

static uint64_t *detail_value(struct ms_slab_detail *d, int i)
{
	return (uint64_t *)((char *)d + detail_values[i].off);
}

static struct ms_nodecount *detail_count(struct ms_slab_detail *d, int i)
{
	return (struct ms_nodecount *)((char *)d + detail_counts[i].off);
}

/* Everything unknown; the aliases array is kept for reuse. */
static void detail_clear(struct ms_slab_detail *d)
{
	char(*keep)[MS_NAME] = d->aliases;

	memset(d, 0, sizeof(*d));
	d->aliases = keep;
	for (int i = 0; i < NR(detail_values); i++)
		*detail_value(d, i) = MS_NA;
	for (int i = 0; i < NR(detail_counts); i++)
		detail_count(d, i)->total = MS_NA;
}

/* A raw name into a MS_NAME field, cut to fit. */
static void set_name(char *dst, const char *src)
{
	size_t len = strnlen(src, MS_NAME - 1);

	memcpy(dst, src, len);
	dst[len] = '\0';
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* The directory holding the cache: itself, or what its link points to. */
static int resolve_target(const struct ms_root *r, const char *cache,
			  char *target)
{
	char rel[256], link[256];
	const char *base;
	int err;

	snprintf(rel, sizeof(rel), SLAB_DIR "/%s", cache);
	err = ms_readlink(r, rel, link, sizeof(link));
	if (err == -EINVAL) { /* not a link: an unmerged cache */
		set_name(target, cache);
		return 0;
	}
	if (err)
		return err;
	base = base_name(link);
	if (ms_slab_name_check(base))
		return -EINVAL;
	set_name(target, base);
	return 0;
}

/* Read one attribute of the target; a missing one stays MS_NA. */
static int read_attr(const struct ms_root *r, struct ms_procfs *pf,
		     const struct ms_slab_detail *d, const char *file)
{
	return ms_readf(r, &pf->buf, SLAB_DIR "/%s/%s", d->target, file);
}

/* Returns how many attributes could be read, or -errno for a real error. */
static int read_detail(const struct ms_root *r, struct ms_procfs *pf,
		       struct ms_slab_detail *d)
{
	const char *p;
	struct span t;
	int got = 0, err, first = 0;

	for (int i = 0; i < NR(detail_values); i++) {
		err = read_attr(r, pf, d, detail_values[i].file);
		p = pf->buf.data;
		if (!err && next_token(&p, p + pf->buf.len, &t))
			span_u64(t, detail_value(d, i));
		got += !err;
		if (err && err != -ENOENT && !first)
			first = err;
	}
	for (int i = 0; i < NR(detail_counts); i++) {
		err = read_attr(r, pf, d, detail_counts[i].file);
		if (!err)
			ms_nodecount_parse(pf->buf.data, pf->buf.len,
					   detail_count(d, i));
		got += !err;
		if (err && err != -ENOENT && !first)
			first = err;
	}
	return got ? got : first ? first : -ENOENT;
}

static int alias_add(struct ms_slab_detail *d, const char *name)
{
	char(*a)[MS_NAME];

	/* the snapshot frees it; reset keeps it for the next sample */
	a = realloc(d->aliases, (size_t)(d->nr_aliases + 1) * sizeof(*a));
	if (!a)
		return -ENOMEM;
	d->aliases = a;
	set_name(a[d->nr_aliases++], name);
	return 0;
}

struct alias_walk {
	const struct ms_root *r;
	struct ms_slab_detail *d;
};

static int alias_one(void *ctx, const char *name, unsigned char type)
{
	struct alias_walk *w = ctx;
	char rel[512], link[256];

	if (type != DT_LNK && type != DT_UNKNOWN)
		return 0;
	snprintf(rel, sizeof(rel), SLAB_DIR "/%s", name);
	if (ms_readlink(w->r, rel, link, sizeof(link)))
		return 0;
	if (strcmp(base_name(link), w->d->target))
		return 0;
	return alias_add(w->d, name);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The target first, then every link to it in name order. */
static int read_aliases(const struct ms_root *r, struct ms_slab_detail *d)
{
	struct alias_walk w = { .r = r, .d = d };
	int err = alias_add(d, d->target);

	if (!err)
		err = ms_listdir(r, SLAB_DIR, alias_one, &w);
	if (d->nr_aliases > 1)
		qsort(d->aliases + 1, (size_t)d->nr_aliases - 1,
		      sizeof(*d->aliases), name_cmp);
	return err;
}

static const char *detail_why(const struct ms_root *r, const char *cache,
			      int err)
{
	if (err == -ENOENT && !ms_exists(r, SLAB_DIR))
		return "no sys/kernel/slab (not SLUB, or not captured)";
	if (err == -ENOENT && !strcmp(cache, MS_SLAB_LARGE))
		return "no slab cache: kmalloc()s larger than every kmalloc "
		       "cache, whole pages; only BPF counts them";
	if (err == -ENOENT)
		return "no such cache (gone?)";
	if (err == -EINVAL)
		return "links to an unexpected place";
	return ms_errstr(r, err);
}

int ms_procfs_slab_detail(const struct ms_root *r, struct ms_procfs *pf,
			  const char *cache, struct ms_snapshot *s)
{
	struct ms_slab_detail *d = &s->slab_detail;
	const char *bad = ms_slab_name_check(cache);
	/* raw like every untrusted name; outputs escape notes when shown */
	int len = cache ? (int)strnlen(cache, MS_NAME - 1) : 0;
	int err;

	detail_clear(d);
	if (bad) {
		d->gone = true; /* no cache has such a name */
		ms_snapshot_note(s, "slab detail", "'%.*s': %s", len, cache,
				 bad);
		return -EINVAL;
	}
	set_name(d->name, cache);
	err = resolve_target(r, cache, d->target);
	if (!err)
		err = read_detail(r, pf, d);
	if (err >= 0)
		err = read_aliases(r, d);
	if (err < 0) {
		d->gone = err == -ENOENT && ms_exists(r, SLAB_DIR) &&
			  strcmp(cache, MS_SLAB_LARGE);
		ms_snapshot_note(s, "slab detail", "'%.*s': %s", len, cache,
				 detail_why(r, cache, err));
		return err;
	}
	d->valid = true;
	return 0;
}
