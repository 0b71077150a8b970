// SPDX-License-Identifier: GPL-2.0
/*
 * The census of every page (probes/procfs/census.h): /proc/kpageflags read
 * in 1 MiB preads, a budget of pages per sample (the explorer never waits
 * for a whole pass), the zones and their counters from zoneinfo and
 * meminfo read around the reads, so each check knows how far its counter
 * moved while the pass ran.
 */
#define _GNU_SOURCE
#include "probes/procfs/census.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/snapshot.h"
#include "model/escape.h"
#include "model/field.h"
#include "probes/procfs/kv.h"
#include "probes/procfs/procint.h"
#include "probes/procfs/physmap.h"
#include "probes/procfs/procfs.h"
#include "probes/root.h"

#define CHUNK (1u << 20) /* bytes per pread: 131072 pages */
#define COUNTERS_EVERY 4 /* chunks between two reads of the counters */
#define BLOCK_PAGES 512 /* x86-64's pageblock: what the blocks count */

/* ---- zoneinfo ------------------------------------------------------------ */

static bool is(const char *w, size_t n, const char *lit)
{
	return n == strlen(lit) && !memcmp(w, lit, n);
}

/* The next word of [*p, end): its start, its length. */
static size_t word(const char **p, const char *end, const char **w)
{
	const char *s = ms_skip_blank(*p, end);
	const char *e = s;

	while (e < end && *e != ' ' && *e != '\t' && *e != ',')
		e++;
	*w = s;
	*p = e < end && *e == ',' ? e + 1 : e;
	return (size_t)(e - s);
}

static int num(const char **p, const char *end, uint64_t *v)
{
	*p = ms_skip_blank(*p, end);
	return ms_parse_dec(p, end, v);
}

/* "Node 0, zone   Normal" */
static int zone_head(const char *p, const char *end, struct ms_czinfo *z)
{
	const char *w;
	uint64_t node;
	size_t n;

	memset(z, 0, sizeof(*z));
	z->start_pfn = z->spanned = z->present = z->managed = MS_NA;
	z->free = z->anon = z->file = z->unevictable = MS_NA;
	word(&p, end, &w);
	if (num(&p, end, &node) || node > 1 << 20)
		return -EINVAL;
	if (p < end && *p == ',')
		p++;
	n = word(&p, end, &w);
	if (!is(w, n, "zone"))
		return -EINVAL;
	n = word(&p, end, &w);
	if (!n || n >= sizeof(z->zone))
		return -EINVAL;
	memcpy(z->zone, w, n);
	z->node = (int)node;
	return 0;
}

/* Add v to *f (not available: v). */
static void add(uint64_t *f, uint64_t v)
{
	*f = ms_have(*f) ? *f + v : v;
}

/* One line inside a zone: the fields the census wants, others skipped. */
static void zone_line(const char *p, const char *end, struct ms_czinfo *z)
{
	static const struct {
		const char *key;
		size_t off;
		bool sum;
	} keys[] = {
#define K(k, m, s) { k, offsetof(struct ms_czinfo, m), s }
		K("start_pfn:", start_pfn, false),
		K("spanned", spanned, false),
		K("present", present, false),
		K("managed", managed, false),
		K("nr_free_pages", free, false),
		K("nr_zone_inactive_anon", anon, true),
		K("nr_zone_active_anon", anon, true),
		K("nr_zone_inactive_file", file, true),
		K("nr_zone_active_file", file, true),
		K("nr_zone_unevictable", unevictable, false),
		K("count:", pcp, true),
#undef K
	};
	const char *w;
	size_t n = word(&p, end, &w);
	uint64_t v;

	if (is(w, n, "vm")) { /* "vm stats threshold: 28", one per CPU */
		word(&p, end, &w);
		word(&p, end, &w);
		if (!num(&p, end, &v))
			z->drift += v;
		return;
	}
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		uint64_t *f = (uint64_t *)((char *)z + keys[i].off);

		if (!is(w, n, keys[i].key) || num(&p, end, &v))
			continue;
		if (keys[i].sum)
			add(f, v);
		else
			*f = v;
	}
}

int ms_census_parse_zoneinfo(const char *text, size_t len, struct ms_czinfo *z,
			     int max, char *why, size_t whylen)
{
	const char *p = text, *end = text + len, *line;
	size_t n;
	int nr = 0;

	while ((line = ms_line_next(&p, end, &n))) {
		const char *le = line + n;

		if (n >= 5 && !memcmp(line, "Node ", 5)) {
			if (nr == max) {
				snprintf(why, whylen, "more than %d zones",
					 max);
				return -E2BIG;
			}
			if (zone_head(line, le, &z[nr])) {
				snprintf(why, whylen, "bad zone line");
				return -EINVAL;
			}
			nr++;
		} else if (nr) {
			zone_line(line, le, &z[nr - 1]);
		}
	}
	if (!nr) {
		snprintf(why, whylen, "no zones");
		return -ENODATA;
	}
	return nr;
}

/* ---- /proc/iomem ---------------------------------------------------------- */

static int hexnum(const char **p, const char *end, uint64_t *v)
{
	const char *s = *p;

	*v = 0;
	while (*p < end) {
		int d = ms_hexval(**p);

		if (d < 0)
			break;
		if (*v >> 60)
			return -ERANGE;
		*v = *v << 4 | (uint64_t)d;
		(*p)++;
	}
	return *p > s ? 0 : -EINVAL;
}

int ms_census_parse_iomem(const char *text, size_t len, struct ms_pfn_range *r,
			  int max)
{
	const char *p = text, *end = text + len, *line;
	static const char ram[] = " : System RAM";
	size_t n;
	int nr = 0;

	while (nr < max && (line = ms_line_next(&p, end, &n))) {
		const char *q = line, *le = line + n;
		uint64_t a, b;

		/* top level only: a child range is indented */
		if (hexnum(&q, le, &a) || q >= le || *q++ != '-' ||
		    hexnum(&q, le, &b) || b < a ||
		    (size_t)(le - q) != sizeof(ram) - 1 ||
		    memcmp(q, ram, sizeof(ram) - 1))
			continue;
		if (!b) /* without root every address reads 0 */
			return 0;
		r[nr].start = (a + 4095) >> 12;
		r[nr].end = (b + 1) >> 12;
		if (r[nr].end > r[nr].start &&
		    (!nr || r[nr].start >= r[nr - 1].end))
			nr++;
	}
	return nr;
}

/* ---- the state between samples -------------------------------------------- */

/* A counter's least and greatest value during the pass. */
struct span {
	uint64_t lo, hi;
};

enum { G_SLAB, G_PGTABLE, G_HUGETLB, G_N };
enum { Z_FREE, Z_ANON, Z_FILE, Z_UNEV, Z_N };

struct ms_census_state {
	int fd, cfd; /* kpageflags, its copy in a capture */
	uint64_t pos; /* the next pfn to read */
	bool in_pass;
	struct ms_census run, done;
	bool have_done;
	uint64_t passes;
	struct ms_kpf_scan scan;
	struct ms_czinfo zi[MS_CZ_MAX];
	int nr_zi;
	uint64_t end; /* the zones' last pfn: what the progress is of */
	uint64_t cuts[2 * MS_CZ_MAX];
	struct ms_pfn_range ram[MS_CRAM_MAX];
	int nr_ram;
	struct span z[MS_CZ_MAX][Z_N], g[G_N];
	struct ms_buf buf; /* zoneinfo, meminfo */
	struct ms_kvlist meminfo;
	unsigned char *chunk;
	/* the physical memory map, while samples ask for it */
	bool map;
	struct ms_physmap pm;
	/* once a pass is complete: the time budget (steady()) */
	double last, tokens, s_per_page;
	/* the pass in progress began with the map on; one such has ended */
	bool pass_mapped, map_whole;
};

static void widen(struct span *s, uint64_t v)
{
	if (!ms_have(v))
		return;
	if (!ms_have(s->lo) || v < s->lo)
		s->lo = v;
	if (!ms_have(s->hi) || v > s->hi)
		s->hi = v;
}

static void block(void *ctx, const struct ms_census_block *b)
{
	struct ms_census_state *st = ctx;

	ms_census_add(&st->run, b);
	if (st->map)
		ms_pm_store(&st->pm, b);
}

static uint64_t kb_pages(const struct ms_kvlist *l, const char *name)
{
	uint64_t v = ms_kv_get(l, name);
	long ps = sysconf(_SC_PAGESIZE);

	return ms_have(v) ? v * 1024 / (uint64_t)(ps > 0 ? ps : 4096) : MS_NA;
}

/*
 * Read zoneinfo and meminfo and widen the counters' spans; at the start
 * of a pass (zones) also take the zones from it. -errno without zoneinfo.
 */
static int counters(const struct ms_root *r, struct ms_census_state *st,
		    bool zones, struct ms_snapshot *s)
{
	struct ms_czinfo zi[MS_CZ_MAX];
	struct ms_perr e;
	char why[128];
	int n, err = ms_read(r, "proc/zoneinfo", &st->buf);

	if (err) {
		ms_snapshot_note(s, "census", "zoneinfo: %s",
				 ms_errstr(r, err));
		return err;
	}
	n = ms_census_parse_zoneinfo(st->buf.data, st->buf.len, zi, MS_CZ_MAX,
				     why, sizeof(why));
	if (n < 0) {
		ms_snapshot_note(s, "census", "zoneinfo: %s", why);
		return n;
	}
	if (zones) {
		memcpy(st->zi, zi, sizeof(zi[0]) * (size_t)n);
		st->nr_zi = n;
		for (int i = 0; i < MS_CZ_MAX; i++)
			for (int k = 0; k < Z_N; k++)
				st->z[i][k] = (struct span){ MS_NA, MS_NA };
		for (int k = 0; k < G_N; k++)
			st->g[k] = (struct span){ MS_NA, MS_NA };
	}
	for (int i = 0; i < n && i < st->nr_zi; i++) {
		widen(&st->z[i][Z_FREE], zi[i].free);
		widen(&st->z[i][Z_ANON], zi[i].anon);
		widen(&st->z[i][Z_FILE], zi[i].file);
		widen(&st->z[i][Z_UNEV], zi[i].unevictable);
		st->zi[i].pcp = zi[i].pcp;
	}
	ms_perr_init(&e);
	st->meminfo.n = 0;
	if (!ms_read(r, "proc/meminfo", &st->buf) &&
	    !ms_kv_parse_colons(st->buf.data, st->buf.len, &st->meminfo, &e)) {
		uint64_t pt = kb_pages(&st->meminfo, "PageTables");
		uint64_t sr = kb_pages(&st->meminfo, "SReclaimable");
		uint64_t su = kb_pages(&st->meminfo, "SUnreclaim");

		widen(&st->g[G_SLAB],
		      ms_have(sr) && ms_have(su) ? sr + su : MS_NA);
		widen(&st->g[G_PGTABLE], pt);
		widen(&st->g[G_HUGETLB], kb_pages(&st->meminfo, "Hugetlb"));
	}
	return 0;
}

/* A new pass: the zones (each a cut), System RAM, an empty census. */
static int pass_start(const struct ms_root *r, struct ms_census_state *st,
		      struct ms_snapshot *s)
{
	int err = counters(r, st, true, s), nc = 0;

	if (err)
		return err;
	ms_census_clear(&st->run);
	st->run.nr_zones = 0;
	st->end = 0;
	st->pass_mapped = st->map;
	for (int i = 0; i < st->nr_zi; i++) {
		const struct ms_czinfo *c = &st->zi[i];
		struct ms_census_zone *z;

		if (!ms_have(c->start_pfn) || !ms_have(c->spanned) ||
		    !c->spanned)
			continue;
		z = ms_census_zone_add(&st->run);
		if (!z)
			return -ENOMEM;
		z->node = c->node;
		snprintf(z->zone, sizeof(z->zone), "%s", c->zone);
		z->start_pfn = c->start_pfn;
		z->spanned = c->spanned;
		z->present = c->present;
		z->managed = c->managed;
		z->pages = z->thp = 0;
		memset(z->kind, 0, sizeof(z->kind));
		st->cuts[nc++] = c->start_pfn;
		st->cuts[nc++] = c->start_pfn + c->spanned;
		if (c->start_pfn + c->spanned > st->end)
			st->end = c->start_pfn + c->spanned;
	}
	st->nr_ram = 0;
	if (!ms_read(r, "proc/iomem", &st->buf))
		st->nr_ram = ms_census_parse_iomem(st->buf.data, st->buf.len,
						   st->ram, MS_CRAM_MAX);
	ms_kpf_init(&st->scan, 0, BLOCK_PAGES, st->cuts, nc, st->ram,
		    st->nr_ram, block, st);
	if (st->map && ms_pm_zones(&st->pm, &st->run, BLOCK_PAGES))
		return -ENOMEM;
	st->pos = 0;
	st->in_pass = true;
	return 0;
}

static const char *const why_zone[Z_N] = {
	"free pages move in and out of the buddy while the pass reads them",
	"anonymous and shmem pages come and go while the pass reads them",
	"page cache comes and goes while the pass reads it",
	"mlocked pages come and go while the pass reads them",
};

/* The checks of a pass just complete, in st->run. */
static void checks(struct ms_census_state *st)
{
	struct ms_census *c = &st->run;
	uint64_t drift = 0;
	int zi = 0;

	for (int i = 0; i < c->nr_zones; i++) {
		struct ms_census_zone *z = &c->zones[i];
		const struct ms_czinfo *f;
		const uint64_t *k = z->kind;
		uint64_t v[Z_N] = { k[MS_CK_FREE],
				    k[MS_CK_ANON] + k[MS_CK_SHMEM],
				    k[MS_CK_FILE], k[MS_CK_UNEVICTABLE] };
		static const char *const what[Z_N] = { "free", "lru_anon",
						       "lru_file",
						       "unevictable" };

		while (zi < st->nr_zi && (st->zi[zi].node != z->node ||
					  strcmp(st->zi[zi].zone, z->zone)))
			zi++;
		if (zi == st->nr_zi)
			break;
		f = &st->zi[zi];
		drift += f->drift;
		z->pcp = f->pcp;
		z->deferred = 0;
		if (ms_have(z->present) && ms_have(z->managed) &&
		    z->present > z->managed + k[MS_CK_RESERVED])
			z->deferred =
				z->present - z->managed - k[MS_CK_RESERVED];
		for (int j = 0; j < Z_N; j++) {
			struct ms_census_check *x = ms_census_check(
				c, what[j], z->node, z->zone, v[j],
				st->z[zi][j].lo, st->z[zi][j].hi, f->drift,
				NULL);

			if (x && !x->ok)
				snprintf(x->why, sizeof(x->why), "%s",
					 why_zone[j]);
		}
		if (st->nr_ram && ms_have(z->present))
			ms_census_check(c, "hole", z->node, z->zone,
					k[MS_CK_HOLE], z->spanned - z->present,
					z->spanned - z->present, 0,
					"zoneinfo's spanned - present");
		zi++;
	}
	/* large kmalloc pages: in Slab, without a slab flag (in other) */
	ms_census_check(c, "slab", -1, NULL, c->kind[MS_CK_SLAB],
			st->g[G_SLAB].lo, st->g[G_SLAB].hi,
			drift + c->kind[MS_CK_OTHER],
			"Slab also counts kmalloc pages above 8 KiB, which "
			"carry no slab flag (counted in other)");
	ms_census_check(c, "page_tables", -1, NULL, c->kind[MS_CK_PGTABLE],
			st->g[G_PGTABLE].lo, st->g[G_PGTABLE].hi, drift,
			"a page table of more than one page (a PGD under "
			"PTI) flags its first page only");
	ms_census_check(c, "hugetlb", -1, NULL, c->kind[MS_CK_HUGETLB],
			st->g[G_HUGETLB].lo, st->g[G_HUGETLB].hi, 0,
			"pool pages are allocated or freed while the pass "
			"reads them");
	for (int i = 0; i < c->nr_checks; i++)
		if (c->checks[i].ok && strcmp(c->checks[i].what, "slab"))
			c->checks[i].why[0] = '\0';
}

static void pass_end(struct ms_census_state *st)
{
	ms_kpf_flush(&st->scan);
	checks(st);
	st->run.complete = true;
	st->run.passes = ++st->passes;
	st->run.progress = 1;
	if (!ms_census_copy(&st->done, &st->run))
		st->have_done = true;
	if (st->pass_mapped && st->map)
		st->map_whole = true;
	st->in_pass = false;
}

/* Read up to budget pages (0: to the end); -errno when reading fails. */
static int step(const struct ms_root *r, struct ms_census_state *st,
		uint64_t budget, struct ms_snapshot *s)
{
	uint64_t got = 0;
	int chunks = 0;

	while (!budget || got < budget) {
		size_t want = CHUNK;
		ssize_t n;

		if (budget && (budget - got) * 8 < want)
			want = (size_t)(budget - got) * 8;
		n = pread(st->fd, st->chunk, want, (off_t)(st->pos * 8));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (st->cfd >= 0 && pwrite(st->cfd, st->chunk, (size_t)n,
					   (off_t)(st->pos * 8)) != n) {
			close(st->cfd);
			st->cfd = -1;
		}
		if (n < 8) {
			counters(r, st, false, s);
			pass_end(st);
			return 0;
		}
		ms_kpf_feed(&st->scan, st->chunk, (size_t)n);
		st->pos += (uint64_t)n / 8;
		got += (uint64_t)n / 8;
		if (++chunks % COUNTERS_EVERY == 0)
			counters(r, st, false, s);
	}
	return counters(r, st, false, s);
}

static void state_free(struct ms_census_state *st)
{
	if (!st)
		return;
	if (st->fd >= 0)
		close(st->fd);
	if (st->cfd >= 0)
		close(st->cfd);
	ms_census_free(&st->run);
	ms_census_free(&st->done);
	ms_fields_free(ms_physmap_fields, &st->pm);
	ms_buf_free(&st->buf);
	free(st->meminfo.v);
	free(st->chunk);
	free(st);
}

void ms_procfs_census_free(struct ms_procfs *pf)
{
	state_free(pf->census);
	pf->census = NULL;
}

static struct ms_census_state *state_new(void)
{
	struct ms_census_state *st = calloc(1, sizeof(*st));

	if (!st)
		return NULL;
	st->fd = st->cfd = -1;
	st->chunk = malloc(CHUNK);
	if (!st->chunk) {
		free(st);
		return NULL;
	}
	return st;
}

/* The pages of the block holding pfn, a letter each, into m (or none). */
static void block_pages(struct ms_census_state *st, uint64_t pfn,
			struct ms_physmap *m)
{
	uint64_t v[BLOCK_PAGES];
	unsigned char kind[BLOCK_PAGES];
	bool thp[BLOCK_PAGES];
	uint64_t first = pfn / BLOCK_PAGES * BLOCK_PAGES;
	ssize_t n = pread(st->fd, v, sizeof(v), (off_t)(first * 8));
	char *l;

	if (n < 8 || !(l = malloc((size_t)n / 8 + 1)))
		return;
	ms_kpf_pages(v, (size_t)n / 8, kind, thp);
	for (ssize_t i = 0; i < n / 8; i++)
		l[i] = ms_pm_page_letter(kind[i], thp[i]);
	l[n / 8] = '\0';
	free(m->pages);
	m->pages = l;
	m->page_pfn = first;
}

/* Why kpageflags cannot be read, as the note says it. */
static const char *why_open(const struct ms_root *r, int err)
{
	if (err == -ENOENT)
		return r->live ? "no /proc/kpageflags on this kernel" :
				 "no proc/kpageflags in the captured tree";
	return ms_errstr(r, err);
}

/*
 * A whole pass of 24 GiB costs about 0.6 s of CPU: at MS_CENSUS_BUDGET
 * pages a refresh, 2.5% of a core at 1 s, for as long as the explorer
 * shows the Memory tab or the map. Once a pass is complete, the next ones
 * go at STEADY_SHARE of the time since the sample before (saved up to
 * STEADY_BURST), at the cost per page the reads before took: a pass of
 * 24 GiB in about two minutes. The first pass keeps the page budget, so
 * the map fills in seconds.
 */
#define STEADY_SHARE 0.005
#define STEADY_BURST 0.05

/* The pages this sample may read; 0 none (the budget is spent). */
static uint64_t steady(struct ms_census_state *st, double now)
{
	double add = (now - st->last) * STEADY_SHARE, pages;

	if (st->last > 0 && now > st->last)
		st->tokens += add;
	if (st->tokens > STEADY_BURST)
		st->tokens = STEADY_BURST;
	if (st->tokens <= 0)
		return 0;
	pages = st->s_per_page > 0 ? st->tokens / st->s_per_page :
				     MS_CENSUS_BUDGET;
	return pages >= MS_CENSUS_BUDGET ? MS_CENSUS_BUDGET :
	       pages < 1		 ? 1 :
					   (uint64_t)pages;
}

/* The step's cost: its time per page (a moving mean), the budget less. */
static void spent(struct ms_census_state *st, bool budgeted, double t0,
		  double t1, uint64_t pages)
{
	if (pages >= 1024) {
		double c = (t1 - t0) / (double)pages;

		st->s_per_page = st->s_per_page > 0 ?
					 0.75 * st->s_per_page + 0.25 * c :
					 c;
	}
	if (budgeted)
		st->tokens -= t1 - t0;
	st->last = t1;
}

int ms_procfs_census(const struct ms_root *r, struct ms_procfs *pf, bool full,
		     bool map, struct ms_snapshot *s)
{
	uint64_t budget, pos0;
	double t0;
	bool timed;
	struct ms_census_state *st = pf->census;
	int err;

	if (!st && !(st = pf->census = state_new()))
		return -ENOMEM;
	if (st->fd < 0) {
		st->fd = ms_open(r, "proc/kpageflags");
		if (st->fd < 0) {
			err = -errno;
			ms_snapshot_note(s, "census", "%s", why_open(r, err));
			ms_procfs_census_free(pf);
			return err;
		}
		st->cfd = ms_capture_file(r, "proc/kpageflags");
	}
	if (full && st->in_pass && st->pos) /* a pass of its own */
		st->in_pass = false;
	/* the map from the blocks read from now on: the rest read unread */
	if (map && !st->map && st->in_pass &&
	    ms_pm_zones(&st->pm, &st->run, BLOCK_PAGES))
		return -ENOMEM;
	st->map = map;
	if (!st->in_pass && (err = pass_start(r, st, s)))
		return err;
	t0 = ms_procfs_clock(pf);
	/*
	 * live, after the first pass (with the map, the first with the map
	 * on from its start: opened later, it fills as fast as the first),
	 * unless a test sets the pages
	 */
	if (!map)
		st->map_whole = false;
	timed = !full && r->live && st->have_done && (!map || st->map_whole) &&
		!pf->census_budget;
	budget = full		   ? 0 :
		 timed		   ? steady(st, t0) :
		 pf->census_budget ? pf->census_budget :
				     MS_CENSUS_BUDGET;
	pos0 = st->pos;
	err = full || budget ? step(r, st, budget, s) : 0;
	if (!err)
		spent(st, timed, t0, ms_procfs_clock(pf),
		      st->pos > pos0 ? st->pos - pos0 : 0);
	if (err) {
		ms_snapshot_note(s, "census", "kpageflags: %s",
				 ms_errstr(r, err));
		ms_procfs_census_free(pf);
		return err;
	}
	if (ms_census_copy(&s->census, st->have_done ? &st->done : &st->run))
		return -ENOMEM;
	/* the pass in progress: with the pages of its block in progress */
	if (!st->have_done && st->scan.cur.pages)
		ms_census_add(&s->census, &st->scan.cur);
	s->census.complete = st->have_done;
	s->census.passes = st->passes;
	/* a pass at the zones' end is done only when the file ends */
	s->census.progress = 1;
	if (st->in_pass)
		s->census.progress = st->end && st->pos < st->end ?
					     (double)st->pos / (double)st->end :
					     0.999;
	if (map && ms_pm_publish(&s->physmap, &st->pm, s->census.progress))
		return -ENOMEM;
	if (map && pf->map_pages)
		block_pages(st, pf->map_pfn, &s->physmap);
	return 0;
}
