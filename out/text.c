// SPDX-License-Identifier: GPL-2.0
/* Plain-text batch output, like top -b: one block per section per sample. */
#include "out/output.h"
#include "out/text.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "model/area.h"
#include "model/escape.h"
#include "model/field.h"

static void header(FILE *f, const struct ms_snapshot *s)
{
	char when[64], k[200];
	time_t t = (time_t)s->t_real;
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	fprintf(f, "memscope %s  kernel %s\n", when,
		esc(s->kernel[0] ? s->kernel : "?", k, sizeof(k)));
	fprintf(f, "sources:");
	for (int i = 0; i < MS_SEC_COUNT; i++)
		if (s->source[i])
			fprintf(f, " %s=%s", ms_section_name(i), s->source[i]);
	fputc('\n', f);
	for (int i = 0; i < s->nr_notes; i++) {
		char w[200], y[520];

		fprintf(f, "unavailable: %s: %s\n",
			esc(s->notes[i].what, w, sizeof(w)),
			esc(s->notes[i].why, y, sizeof(y)));
	}
}

static void meminfo(FILE *f, const struct ms_snapshot *s)
{
	static const char *const keys[] = {
		"MemTotal",  "MemFree",	 "MemAvailable", "Buffers", "Cached",
		"SwapTotal", "SwapFree", "Slab",	 NULL
	};
	char b[32];

	fprintf(f, "\nMemory (kB):");
	for (int i = 0; keys[i]; i++)
		fprintf(f, " %s=%s", keys[i],
			num(ms_kv_get(&s->meminfo, keys[i]), b, sizeof(b)));
	fputc('\n', f);
}

/* The zone's row from its table (model/fields.c), then its orders. */
static void zone_line(FILE *f, const struct ms_zone *z)
{
	char b[32];

	ms_text_row(f, ms_zone_fields, z);
	if (!z->frag_applies)
		fprintf(f,
			"     frag%% does not apply (the largest free order, %d, "
			"is the zone's top): see the indices below\n",
			z->largest_order);
	fprintf(f, "     free blocks per order:");
	for (int o = 0; o < z->nr_orders; o++)
		fprintf(f, " %s", num(z->free_blocks[o], b, sizeof(b)));
	fprintf(f, "\n     unusable index:       ");
	for (int o = 0; o < z->nr_orders; o++)
		fprintf(f, " %s",
			fnum(ms_share_shown(z->unusable[o], 1, 3), 3, b,
			     sizeof(b)));
	fprintf(f, "\n     extfrag index:        ");
	for (int o = 0; o < z->nr_orders; o++)
		fprintf(f, " %s", fnum(z->extfrag[o], 3, b, sizeof(b)));
	fputc('\n', f);
}

static void migrate_table(FILE *f, const struct ms_buddy *b,
			  const struct ms_zone *z)
{
	char n[32];

	if (!z->has_migrate)
		return;
	for (int t = 0; t < b->nr_migrate; t++) {
		fprintf(f, "     %-12s", b->migrate[t]);
		for (int o = 0; o < z->nr_orders; o++)
			fprintf(f, " %s", num(z->mt_free[t][o], n, sizeof(n)));
		fputc('\n', f);
	}
}

/*
 * The zones' rows are their table's columns (ms_zone_fields th, tw), but
 * the header has always been one space short before "frag%": spelled here
 */
static void buddy(FILE *f, const struct ms_buddy *b)
{
	fprintf(f, "\nBuddy\nnode zone     free_pages large frag%% under  "
		   "     min      low     high   managed\n");
	for (int i = 0; i < b->nr_zones; i++) {
		zone_line(f, &b->zones[i]);
		migrate_table(f, b, &b->zones[i]);
	}
}

/* The slab cache table's columns (model/fields.c th, tw, tp, txo). */
static void slab(FILE *f, const struct ms_slab *s)
{
	fprintf(f, "\nSlab\n");
	ms_text_head(f, ms_slab_cache_fields);
	for (int i = 0; i < s->n; i++)
		ms_text_row(f, ms_slab_cache_fields, &s->caches[i]);
}

static void nodecount(FILE *f, const char *name, const struct ms_nodecount *c)
{
	char b[32];

	fprintf(f, "  %-14s %s", name, num(c->total, b, sizeof(b)));
	for (int i = 0; ms_have(c->total) && i < c->n; i++)
		fprintf(f, " [%d]=%s", c->id[i],
			num(c->count[i], b, sizeof(b)));
	fputc('\n', f);
}

static void slab_detail(FILE *f, const struct ms_slab_detail *d)
{
	char nm[4 * MS_NAME + 1];

	if (!d->valid)
		return;
	fprintf(f, "\nSlab cache %s", esc(d->name, nm, sizeof(nm)));
	if (d->target[0])
		fprintf(f, " (merged into %s)", esc(d->target, nm, sizeof(nm)));
	fputc('\n', f);
	ms_text_list(f, ms_slab_detail_fields, d);
	nodecount(f, "slabs", &d->slabs);
	nodecount(f, "partial", &d->partial);
	nodecount(f, "cpu_slabs", &d->cpu_slabs);
	nodecount(f, "objects", &d->objects);
	nodecount(f, "total_objects", &d->total_objects);
	fprintf(f, "  aliases       ");
	for (int i = 0; i < d->nr_aliases; i++)
		fprintf(f, " %s", esc(d->aliases[i], nm, sizeof(nm)));
	fputc('\n', f);
}

static void procs(FILE *f, const struct ms_procs *p)
{
	fprintf(f, "\nProcesses\n");
	ms_text_head(f, ms_proc_fields);
	for (int i = 0; i < p->n; i++)
		ms_text_row(f, ms_proc_fields, &p->v[i]);
}

/* " 4kB=anon/file ... partial=anon/file" in kB, of the sizes present */
static void folios(FILE *f, const struct ms_folios *fo)
{
	struct ms_folio_size e[MS_FOLIO_ORDERS];
	int n = ms_folio_sizes(fo, e, MS_FOLIO_ORDERS);

	for (int i = 0; i < n; i++)
		fprintf(f, " %llukB=%llu/%llu",
			(unsigned long long)e[i].size_kb,
			(unsigned long long)e[i].anon_kb,
			(unsigned long long)e[i].file_kb);
	fprintf(f, " partial=%llu/%llu\n",
		(unsigned long long)fo->part_anon * fo->page_kb,
		(unsigned long long)fo->part_file * fo->page_kb);
}

static int vma_row(void *f, const struct ms_vma *m)
{
	char b[8][32], path[4 * 4096 + 1];
	bool span = ms_have(m->start) && ms_have(m->end) && m->end >= m->start;

	/* a replayed record may say null for any of them */
	fprintf(f, "%12s %12s %-4s %8s %-7s %10s %10s %10s %10s %s\n",
		hex(m->start, 12, b[0], 32), hex(m->end, 12, b[1], 32),
		m->perms, hex(m->offset, 8, b[2], 32), esc(m->dev, b[3], 32),
		num(m->inode, b[4], 32),
		num(span ? (m->end - m->start) / 1024 : MS_NA, b[5], 32),
		num(m->rss_kb, b[6], 32), num(m->pss_kb, b[7], 32),
		esc(m->path ? m->path : "", path, sizeof(path)));
	if (m->folios.read) {
		fprintf(f, "  folios anon/file kB:");
		folios(f, &m->folios);
	}
	return 0;
}

static void vmas(FILE *f, const struct ms_vmas *v)
{
	char nm[4 * MS_NAME + 1];

	/* the count before the rows: known, as the reader counted them */
	fprintf(f, "\nVMAs of pid %d (%s): %d\n", v->pid,
		esc(v->comm, nm, sizeof(nm)), ms_vmas_count(v));
	fprintf(f, "%-12s %-12s %-4s %8s %-7s %10s %10s %10s %10s %s\n",
		"start", "end", "perm", "offset", "dev", "inode", "size_kb",
		"rss_kb", "pss_kb", "path");
	/* held, or streamed to a spool (batch mode) */
	ms_vmas_each(v, vma_row, f);
	fprintf(f, "summary:");
	for (int k = 0; k < MS_VMA_NKINDS; k++)
		fprintf(f, " %s=%llu/%llukB", ms_name_of(&ms_vma_kind_names, k),
			(unsigned long long)v->kind[k].count,
			(unsigned long long)v->kind[k].rss_kb);
	fputc('\n', f);
	if (v->folios_asked) {
		fprintf(f, "folios anon/file kB (pass %llu, %.0f%%):",
			(unsigned long long)v->folio_passes,
			100 * v->folio_progress);
		folios(f, &v->folios);
	}
}

static void psi(FILE *f, const char *name, const struct ms_psi_line *p)
{
	if (!p->valid)
		return;
	fprintf(f, "psi memory %s", name);
	ms_text_kv(f, ms_psi_fields, p);
	fputc('\n', f);
}

static void reclaim(FILE *f, const struct ms_reclaim *r)
{
	char b[2][32];

	fprintf(f, "\nReclaim\n");
	psi(f, "some", &r->psi_some);
	psi(f, "full", &r->psi_full);
	fprintf(f, "mglru enabled=%s thp=%s defrag=%s\n",
		num(r->lru_gen_enabled, b[0], 32),
		r->thp_enabled[0] ? r->thp_enabled : "-",
		r->thp_defrag[0] ? r->thp_defrag : "-");
	for (int i = 0; i < r->nr_thp_sizes; i++) {
		const struct ms_thp_size *t = &r->thp_sizes[i];

		fprintf(f, "thp size=%llukB enabled=%s shmem_enabled=%s\n",
			(unsigned long long)t->size_kb,
			t->enabled[0] ? t->enabled : "-",
			t->shmem_enabled[0] ? t->shmem_enabled : "-");
		for (int j = 0; j < t->stats.n; j++)
			fprintf(f, "  %-30s %16s %12s\n", t->stats.v[j].name,
				num(t->stats.v[j].value, b[1], 32),
				fnum(t->stats.v[j].rate, 1, b[0], 32));
	}
	for (int i = 0; i < r->sysctl.n; i++)
		fprintf(f, "vm.%s = %s\n", r->sysctl.v[i].name,
			num(r->sysctl.v[i].value, b[1], 32));
	for (int i = 0; i < r->nr_swaps; i++) {
		fprintf(f, "swap");
		ms_text_kv(f, ms_swap_fields, &r->swaps[i]);
		fputc('\n', f);
	}
	fprintf(f, "%-32s %16s %12s\n", "vmstat", "value", "per_s");
	for (int i = 0; i < r->vmstat.n; i++)
		fprintf(f, "%-32s %16s %12s\n", r->vmstat.v[i].name,
			num(r->vmstat.v[i].value, b[1], 32),
			fnum(r->vmstat.v[i].rate, 1, b[0], 32));
}

static void numa(FILE *f, const struct ms_numa *n)
{
	char b[32], v[32];

	fprintf(f, "\nNUMA balancing=%s\n", num(n->balancing, b, 32));
	for (int i = 0; i < n->n; i++) {
		const struct ms_numa_node *nd = &n->nodes[i];

		fprintf(f, "node");
		ms_text_kv(f, ms_numa_node_fields, nd);
		fprintf(f, " distance=");
		for (int j = 0; j < nd->nr_distance; j++)
			fprintf(f, "%s%d", j ? "," : "", nd->distance[j]);
		fputc('\n', f);
		for (int j = 0; j < nd->numastat.n; j++)
			fprintf(f, "  %-16s %14s %10s\n",
				nd->numastat.v[j].name,
				num(nd->numastat.v[j].value, v, sizeof(v)),
				fnum(nd->numastat.v[j].rate, 1, b, 32));
	}
}

/* ---- the document: the areas' sections (model/area.h) --------------------- */

static void meminfo_t(FILE *f, const struct ms_snapshot *s)
{
	meminfo(f, s);
}

MS_TEXT_HAND(buddy_t, buddy, buddy)
MS_TEXT_HAND(slab_t, slab, slab)
MS_TEXT_HAND(slab_detail_t, slab_detail, slab_detail)
MS_TEXT_HAND(procs_t, procs, procs)
MS_TEXT_HAND(vmas_t, vmas, vmas)
MS_TEXT_HAND(reclaim_t, reclaim, reclaim)
MS_TEXT_HAND(numa_t, numa, numa)
MS_TEXT_HAND(memory_t, ms_text_memory, memory)

/* The page cache's files: their keys, then the list (model/pcache.c). */
static void pcache_t(FILE *f, const struct ms_snapshot *s)
{
	static const struct ms_part p = {
		.key = "pagecache_files",
		.fields = ms_pcache_fields,
		.title = "Page cache by file (files open or mapped; cached "
			 "files no process holds are not found this way)",
	};
	/* with the page cache's events, those files are found too */
	static const struct ms_part ev = {
		.key = "pagecache_files",
		.fields = ms_pcache_fields,
		.title = "Page cache by file (files open or mapped, measured; "
			 "and files the page cache's events saw since attach, "
			 "method events: their net kB, a lower bound)",
	};

	ms_text_part(f,
		     s->have & MS_SEC_BIT(MS_SEC_PAGECACHE_EVENTS) ? &ev : &p,
		     &s->pcache);
}

/* The sections printed by hand: these, then the events' (text_events.c). */
static const struct ms_text_hand core[] = {
	{ MS_SEC_MEMINFO, MS_TEXT_CORE, meminfo_t },
	{ MS_SEC_BUDDY, MS_TEXT_CORE, buddy_t },
	{ MS_SEC_SLAB, MS_TEXT_CORE, slab_t },
	{ MS_SEC_SLAB_DETAIL, MS_TEXT_CORE, slab_detail_t },
	{ MS_SEC_PROCS, MS_TEXT_CORE, procs_t },
	{ MS_SEC_VMAS, MS_TEXT_CORE, vmas_t },
	{ MS_SEC_RECLAIM, MS_TEXT_CORE, reclaim_t },
	{ MS_SEC_NUMA, MS_TEXT_CORE, numa_t },
	{ MS_SEC_MEMORY, MS_TEXT_CORE, memory_t },
	{ MS_SEC_PAGECACHE_FILES, MS_TEXT_CORE, pcache_t },
	{ MS_SEC_DAMON, MS_TEXT_CORE, ms_text_damon },
	{ -1, 0, NULL },
};

static const struct ms_text_hand *hand_of(int sec)
{
	for (const struct ms_text_hand *h = core; h->sec >= 0; h++)
		if (h->sec == sec)
			return h;
	for (const struct ms_text_hand *h = ms_text_events; h->sec >= 0; h++)
		if (h->sec == sec)
			return h;
	return NULL;
}

/* The part of a with a field table that section sec writes, or NULL. */
static const struct ms_part *fields_part(const struct ms_area *a, int sec)
{
	for (const struct ms_part *p = a->parts; p->key; p++)
		if (p->fields && (p->secs & MS_SEC_BIT(sec)))
			return p;
	return NULL;
}

/* Whether a list's records have a column in the text (else its own). */
static bool columns(const struct ms_field *t)
{
	for (; t->key; t++)
		if (t->th)
			return true;
	return false;
}

void ms_text_part(FILE *f, const struct ms_part *p, const void *rec)
{
	fprintf(f, "\n%s\n", p->title ? p->title : p->key);
	ms_text_list(f, p->fields, rec);
	for (const struct ms_field *l = p->fields; l->key; l++) {
		if (l->type != MS_F_LIST || !columns(l->sub))
			continue;
		ms_text_head(f, l->sub);
		for (int i = 0; i < ms_list_len(l, rec); i++)
			ms_text_row(f, l->sub, ms_list_at(l, rec, i));
	}
}

/* Section sec of area a in its pass: by hand, or its part's fields. */
static void section(FILE *f, const struct ms_snapshot *s,
		    const struct ms_area *a, int sec, int pass)
{
	const struct ms_text_hand *h = hand_of(sec);
	const struct ms_part *p = h ? NULL : fields_part(a, sec);

	if (h && h->pass == pass) {
		h->print(f, s);
	} else if (p && pass == MS_TEXT_CORE) {
		ms_text_part(f, p, ms_part_rec(p, s));
	}
}

int ms_out_text(FILE *f, const struct ms_snapshot *s, unsigned int sections)
{
	unsigned int want = sections & s->have;

	header(f, s);
	for (int pass = MS_TEXT_CORE; pass < MS_TEXT_NPASS; pass++)
		for (int i = 0; ms_areas[i]; i++)
			for (const struct ms_area_sec *x = ms_areas[i]->secs;
			     x->sec >= 0; x++)
				if (want & MS_SEC_BIT(x->sec))
					section(f, s, ms_areas[i], x->sec,
						pass);
	ms_text_bpf_cost(f, s);
	fputc('\n', f);
	return ferror(f) ? -EIO : 0;
}
