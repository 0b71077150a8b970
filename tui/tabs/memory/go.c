// SPDX-License-Identifier: GPL-2.0
/*
 * Where Enter on a bucket of the Memory tab goes, where it is explained:
 * slab to the Slab tab by size, anon to the processes by RSS, hugetlb to
 * its pools per size and node, the page cache to the files holding it,
 * unexplained to the census of every page (screens here).
 */
#include "model/area.h"
#include "tui/cut.h"
#include "tui/tabs/memory/census.h"
#include "tui/tabs/memory/memory.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MD(d) ((struct mem_view *)(d)->v)

/* The top-level bucket rows[r] is under (itself at the top). */
static const char *top_name(const struct mem_view *m, int r)
{
	while (m->rows[r].parent >= 0)
		r = m->rows[r].parent;
	return m->l->v[m->rows[r].e].name;
}

static enum ms_key_result go(struct mem_view *m, const char *tab,
			     const char *how)
{
	m->base.go.tab = tab;
	m->base.go.how = how;
	return MS_KEY_GOTO;
}

enum ms_key_result mem_enter(struct mem_view *m, int r)
{
	const char *top = top_name(m, r);

	if (!strcmp(top, "slab"))
		return go(m, "slab", "size");
	if (!strcmp(top, "anon"))
		return go(m, "vma", "rss");
	if (!strcmp(top, "hugetlb"))
		return ms_drill_push(&m->base, &mem_hugetlb_screen, NULL);
	if (!strcmp(top, "file"))
		return ms_drill_push(&m->base, &mem_files_screen, NULL);
	if (!strcmp(top, "unexplained"))
		return ms_drill_push(&m->base, &mem_census_screen, NULL);
	return MS_KEY_PASS;
}

/* A screen that asks for a section: a sample with it now, and without. */
static enum ms_key_result resample(struct ms_drill *d)
{
	(void)d;
	return MS_KEY_RESAMPLE;
}

bool mem_have(struct ms_screen *l, const struct ms_snapshot *s,
	      enum ms_section sec)
{
	const struct ms_note *n = ms_note_missing(s, sec);
	char esc[256];

	if (s->have & MS_SEC_BIT(sec))
		return true;
	if (!n) {
		ms_screen_linef(l, ms_attr(MS_C_DIM), "  %s: not sampled yet",
				ms_section_name(sec));
		return false;
	}
	/* on two lines: the reason alone fits 80 columns */
	ms_screen_linef(l, ms_attr(MS_C_NOTE),
			"  %s unavailable (%s):", ms_section_name(sec),
			n->what);
	ms_screen_linef(l, ms_attr(MS_C_NOTE), "  %s",
			ms_esc(esc, sizeof(esc), n->why));
	return false;
}

/* ---- hugetlb: the pools per size, of the machine and of each node ---- */

static uint64_t child(const struct ms_ledger *l, const char *pool,
		      const char *what)
{
	char name[MS_LEDGER_NAME + 16];
	const struct ms_ledger_entry *e;

	snprintf(name, sizeof(name), "%s_%s", pool, what);
	e = ms_ledger_find(l, name);
	return e ? e->kb : MS_NA;
}

static void pools(struct ms_screen *l, const struct ms_ledger *lg,
		  const char *where)
{
	char t[16], u[16], r[16], f[16];

	for (int i = 0; i < lg->n; i++) {
		const struct ms_ledger_entry *e = &lg->v[i];

		if (strcmp(e->parent, "hugetlb"))
			continue;
		ms_screen_linef(
			l, e->kb ? 0 : ms_attr(MS_C_DIM),
			"  %-20s %-8s %8s %8s %8s %8s", e->name, where,
			ms_fmt_kb(t, sizeof(t), e->kb),
			ms_fmt_kb(u, sizeof(u), child(lg, e->name, "used")),
			ms_fmt_kb(r, sizeof(r), child(lg, e->name, "reserved")),
			ms_fmt_kb(f, sizeof(f), child(lg, e->name, "free")));
	}
}

static void hugetlb_title(struct ms_drill *d, char *buf, size_t len)
{
	(void)d;
	snprintf(buf, len, "HugeTLB pools per size and node");
}

static void hugetlb_lines(struct ms_drill *d, struct ms_screen *l)
{
	const struct ms_memory *mem = &MD(d)->cur->memory;
	char where[16];

	ms_screen_tag_at(l, "memory.b.hugetlb_pool", 2, 29);
	ms_screen_tag_at(l, "memory.b.hugetlb_pool_used", 39, 8);
	ms_screen_tag_at(l, "memory.b.hugetlb_pool_reserved", 48, 8);
	ms_screen_tag_at(l, "memory.b.hugetlb_pool_free", 57, 8);
	ms_screen_linef(l, ms_attr(MS_C_COLUMN_HEADER),
			"  %-20s %-8s %8s %8s %8s %8s", "Pool", "Where",
			"Total", "Used", "Reserved", "Free");
	pools(l, &mem->ledger, "machine");
	for (int i = 0; i < mem->nodes.n; i++) {
		snprintf(where, sizeof(where), "node %d", mem->nodes.v[i].node);
		pools(l, &mem->nodes.v[i].ledger, where);
	}
	ms_screen_line(l, 0, "");
	ms_screen_line(
		l, ms_attr(MS_C_DIM),
		"  Reserved: free pages promised to a mapping (resv_hugepages)");
}

static const char *const hugetlb_ids[] = { "memory.b.hugetlb_pool",
					   "memory.b.hugetlb_pool_used",
					   "memory.b.hugetlb_pool_reserved",
					   "memory.b.hugetlb_pool_free", NULL };

const struct ms_drill_class mem_hugetlb_screen = {
	.name = "hugetlb",
	.title = hugetlb_title,
	.title_id = "memory.b.hugetlb",
	.lines = hugetlb_lines,
	.hints = "Up/Down PgUp/PgDn scroll",
	.ids = hugetlb_ids,
};

/* ---- file: the files holding the page cache ---------------------------- */

static void files_request(struct ms_drill *d, struct ms_request *req)
{
	(void)d;
	req->sections |= MS_SEC_BIT(MS_SEC_PAGECACHE_FILES) |
			 MS_SEC_BIT(MS_SEC_PAGECACHE_EVENTS);
}

static void files_title(struct ms_drill *d, char *buf, size_t len)
{
	(void)d;
	snprintf(buf, len, "Page cache: the files holding it");
}

static const char *const files_cols[] = {
	"memory.files.cached_kb",
	"memory.files.dirty_kb",
	"memory.files.writeback_kb",
	"memory.files.evicted_kb",
	"memory.files.recently_evicted_kb",
	"memory.files.holders",
	"memory.files.path",
	NULL,
};
static const int files_widths[] = { 8, 8, 8, 8, 8, 7, 24 };

/* The events' share of the coverage, or what the walk cannot see. */
static void files_events(struct ms_screen *l, const struct ms_snapshot *s)
{
	const struct ms_pcache *p = &s->pcache;
	char v[3][16];

	if (!(s->have & MS_SEC_BIT(MS_SEC_PAGECACHE_EVENTS))) {
		/* what this way cannot see, said where the figures are */
		ms_screen_tag(l, "memory.files");
		ms_screen_linef(l, ms_attr(MS_C_DIM),
				"  cached files no process holds open or "
				"mapped are not found this way%s",
				p->all ? "" :
					 "; not root: only your own processes");
		return;
	}
	ms_screen_tag(l, "memory.files.events");
	ms_screen_linef(l, 0,
			"  events since %.0fs: %llu more files, %s since "
			"attach (a lower bound); unattributed %s",
			isnan(p->ev_since_s) ? 0.0 : p->ev_since_s,
			(unsigned long long)p->ev_files,
			ms_fmt_kb(v[0], sizeof(v[0]), p->ev_cached_kb),
			ms_fmt_kb(v[1], sizeof(v[1]), p->unattributed_kb));
	if (ms_have(p->ev_evicted) && p->ev_evicted)
		ms_screen_linef(l, ms_attr(MS_C_DIM),
				"  %llu files let go to make room (map of %s)",
				(unsigned long long)p->ev_evicted,
				ms_fmt_count(v[2], sizeof(v[2]), p->ev_capacity,
					     6));
}

static void files_lines(struct ms_drill *d, struct ms_screen *l)
{
	const struct ms_snapshot *s = MD(d)->cur;
	const struct ms_pcache *p = &s->pcache;
	char v[5][16], esc[MS_PATH_MAX * 4], n[2][24], when[48] = "";
	/* totals of a pass that spans refreshes (minutes among thousands
	 * of processes) are older than the sample: dim, and said */
	bool old = !p->complete || p->pass_pct < 100;

	if (!mem_have(l, s, MS_SEC_PAGECACHE_FILES))
		return;
	if (!p->complete)
		snprintf(when, sizeof(when), "  (first pass under way)");
	else if (old)
		snprintf(when, sizeof(when),
			 "  (last whole pass; next %.0f%% done)", p->pass_pct);
	ms_screen_tag(l, "memory.files.coverage");
	ms_screen_linef(l, old ? ms_attr(MS_C_DIM) : 0,
			"  %s files open or mapped, %s measured: %s cached "
			"of Cached %s (%s)%s",
			ms_fmt_u64(n[0], sizeof(n[0]), p->found),
			ms_fmt_u64(n[1], sizeof(n[1]), p->measured),
			ms_fmt_kb(v[0], sizeof(v[0]), p->cached_kb),
			ms_fmt_kb(v[1], sizeof(v[1]), p->meminfo_cached_kb),
			ms_fmt_pct(v[2], sizeof(v[2]), p->coverage_pct), when);
	files_events(l, s);
	ms_screen_line(l, 0, "");
	ms_screen_tag_cols(l, 2, files_cols, files_widths);
	ms_screen_linef(l, ms_attr(MS_C_COLUMN_HEADER),
			"  %8s %8s %8s %8s %8s %7s %s", "Cached", "Dirty",
			"Wback", "Evicted", "Recent", "Holders", "Path");
	for (int i = 0; i < p->n; i++) {
		const struct ms_pcache_file *f = &p->v[i];

		/* a file only the events saw: its holders column says so */
		if (f->method == MS_PCACHE_EVENTS)
			snprintf(n[0], sizeof(n[0]), "events");
		else
			snprintf(n[0], sizeof(n[0]), "%d", f->holders);
		ms_screen_linef(
			l, 0, "  %8s %8s %8s %8s %8s %7s %s",
			ms_fmt_kb(v[0], sizeof(v[0]), f->cached_kb),
			ms_fmt_kb(v[1], sizeof(v[1]), f->dirty_kb),
			ms_fmt_kb(v[2], sizeof(v[2]), f->writeback_kb),
			ms_fmt_kb(v[3], sizeof(v[3]), f->evicted_kb),
			ms_fmt_kb(v[4], sizeof(v[4]), f->recently_evicted_kb),
			f->holders < 0 && f->method != MS_PCACHE_EVENTS ? "-" :
									  n[0],
			/* the file name kept: the middle goes */
			ms_esc_path(esc, sizeof(esc), f->path ? f->path : "-",
				    l->r.w - 55, d->v->ui->utf8));
	}
	if (!p->n)
		ms_screen_line(l, ms_attr(MS_C_DIM), "  no file measured yet");
}

static const char *const files_ids[] = {
	"memory.files",
	"memory.files.coverage",
	"memory.files.events",
	"memory.files.cached_kb",
	"memory.files.dirty_kb",
	"memory.files.writeback_kb",
	"memory.files.evicted_kb",
	"memory.files.recently_evicted_kb",
	"memory.files.holders",
	"memory.files.path",
	NULL,
};

const struct ms_drill_class mem_files_screen = {
	.name = "files",
	.open = resample,
	.close = resample,
	.request = files_request,
	.title = files_title,
	.title_id = "memory.files",
	.lines = files_lines,
	.hints = "Up/Down PgUp/PgDn scroll",
	.ids = files_ids,
};

/* ---- unexplained: the census of every page ------------------------------ */

static void census_request(struct ms_drill *d, struct ms_request *req)
{
	(void)d;
	req->sections |= MS_SEC_BIT(MS_SEC_CENSUS) |
			 MS_SEC_BIT(MS_SEC_ATTRIBUTION);
}

static void census_title(struct ms_drill *d, char *buf, size_t len)
{
	(void)d;
	snprintf(buf, len, "Unexplained: call sites, the census of every page");
}

/* The census's own id of that name (its texts, census.h). */
static const char *census_id(const char *id)
{
	for (int i = 0; ms_memory_census_ids[i]; i++)
		if (!strcmp(ms_memory_census_ids[i], id))
			return ms_memory_census_ids[i];
	return "memory.census.kind.other";
}

static void census_zones(struct ms_screen *l, const struct ms_census *c)
{
	char p[16], pcp[16], def[16];

	ms_screen_tag_at(l, "memory.census.zone.pcp", 26, 8);
	ms_screen_tag_at(l, "memory.census.zone.deferred", 35, 8);
	ms_screen_linef(l, ms_attr(MS_C_COLUMN_HEADER),
			"  %-4s %-8s %8s %8s %8s", "Node", "Zone", "Counted",
			"PCP", "Deferred");
	for (int i = 0; i < c->nr_zones; i++) {
		const struct ms_census_zone *z = &c->zones[i];

		ms_screen_linef(
			l, 0, "  %-4d %-8s %8s %8s %8s", z->node, z->zone,
			ms_fmt_pages(p, sizeof(p), z->pages, 4096),
			ms_fmt_pages(pcp, sizeof(pcp), z->pcp, 4096),
			ms_fmt_pages(def, sizeof(def), z->deferred, 4096));
	}
}

static void census_lines(struct ms_drill *d, struct ms_screen *l)
{
	const struct ms_snapshot *s = MD(d)->cur;
	const struct ms_census *c = &s->census;
	const struct ms_ledger_entry *u =
		ms_ledger_find(&s->memory.ledger, "unexplained");
	char kb[16], id[64], line[160], n[3][24];

	snprintf(line, sizeof(line),
		 "unexplained %s: what no counter of the ledger names "
		 "(drivers, network buffers, pinned pages)",
		 ms_fmt_kb(kb, sizeof(kb), u ? u->kb : MS_NA));
	ms_screen_tag(l, "memory.b.unexplained");
	ms_screen_wrapped(l, 0, line);
	ms_screen_line(l, 0, "");
	mem_attrib_lines(l, s);
	ms_screen_line(l, 0, "");
	ms_screen_line(l, ms_attr(MS_C_COLUMN_HEADER),
		       "  The census of every page (/proc/kpageflags)");
	if (!mem_have(l, s, MS_SEC_CENSUS))
		return;
	ms_screen_tag(l, "memory.census.pages");
	ms_screen_linef(l, 0, "  %s: %s pages counted%s",
			c->complete ? "last complete pass" : "pass under way",
			ms_fmt_u64(n[0], sizeof(n[0]), c->pages),
			c->complete ? "" : " so far");
	ms_screen_tag(l, "memory.census.progress");
	ms_screen_linef(l, 0, "  pass in progress %.0f%%, %s passes done",
			100 * c->progress,
			ms_fmt_u64(n[0], sizeof(n[0]), c->passes));
	ms_screen_tag(l, "memory.census.thp");
	ms_screen_linef(l, 0, "  in THPs and large folios: %s pages",
			ms_fmt_u64(n[0], sizeof(n[0]), c->thp));
	ms_screen_line(l, 0, "");
	ms_screen_linef(l, ms_attr(MS_C_COLUMN_HEADER), "  %-12s %10s %8s",
			"Kind", "Pages", "Memory");
	for (int k = 0; k < MS_CK_N; k++) {
		snprintf(id, sizeof(id), "memory.census.kind.%s",
			 ms_census_kind_names[k]);
		ms_screen_tag(l, census_id(id));
		ms_screen_linef(l, c->kind[k] ? 0 : ms_attr(MS_C_DIM),
				"  %-12s %10s %8s", ms_census_kind_names[k],
				ms_fmt_u64(n[0], sizeof(n[0]), c->kind[k]),
				ms_fmt_pages(kb, sizeof(kb), c->kind[k], 4096));
	}
	ms_screen_line(l, 0, "");
	census_zones(l, c);
	ms_screen_line(l, 0, "");
	ms_screen_tag(l, "memory.census.check");
	ms_screen_line(l, ms_attr(MS_C_COLUMN_HEADER),
		       "  Checks against the kernel's counters (pages)");
	for (int i = 0; i < c->nr_checks; i++) {
		const struct ms_census_check *k = &c->checks[i];

		if (k->node >= 0)
			continue; /* the machine's; the zones' are in JSON */
		ms_screen_linef(l, k->ok ? 0 : ms_attr(MS_C_WARNING),
				"  %-10s census %s, counter %s..%s%s%s",
				k->what,
				ms_fmt_u64(n[0], sizeof(n[0]), k->census),
				ms_fmt_u64(n[1], sizeof(n[1]), k->lo),
				ms_fmt_u64(n[2], sizeof(n[2]), k->hi),
				k->ok ? "" : ": ", k->ok ? "" : k->why);
	}
}

/* The unexplained bucket's id, then the census's. */
static void census_explain(struct ms_drill *d, struct ms_explain_ids *e)
{
	static const char *ids[64] = { "memory.b.unexplained",
				       "memory.attrib" };

	for (int i = 0; !ids[2] && ms_memory_census_ids[i] && i < 61; i++)
		ids[i + 2] = ms_memory_census_ids[i];
	ms_screen_explain(&d->sc, d->v->ui, e, ids);
}

const struct ms_drill_class mem_census_screen = {
	.name = "census",
	.open = resample,
	.close = resample,
	.request = census_request,
	.title = census_title,
	.title_id = "memory.b.unexplained",
	.lines = census_lines,
	.hints = "Up/Down PgUp/PgDn scroll",
	.explain = census_explain,
};
