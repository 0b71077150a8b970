// SPDX-License-Identifier: GPL-2.0
/*
 * Memory by folio size (folio.h): the scanner, and the reader's pass over
 * one process's VMAs, a budget of pages per sample as the census reads.
 */
#include "probes/procfs/folio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/base.h"
#include "probes/procfs/kpageflags.h"
#include "probes/procfs/procfs.h"
#include "probes/root.h"

#define KPF(b) (1ULL << MS_KPF_##b)
#define CHUNK 4096 /* pages of pagemap a read */

/* ---- the scanner ---------------------------------------------------------- */

void ms_folio_init(struct ms_folio_scan *st, struct ms_folios *out)
{
	memset(st, 0, sizeof(*st));
	st->out = out;
}

static void add(uint32_t *c, uint64_t n)
{
	*c = n > UINT32_MAX - *c ? UINT32_MAX : *c + (uint32_t)n;
}

void ms_folio_flush(struct ms_folio_scan *st)
{
	uint64_t n = st->n;
	int o = 0;

	if (!n)
		return;
	st->n = 0;
	/*
	 * Whole: from its head to its last tail (the page after is none of
	 * its tails), a power of two pages, aligned in physical memory
	 */
	if (!st->head || (st->next & KPF(TAIL)) || (n & (n - 1)) ||
	    (st->pfn & (n - 1))) {
		add(st->anon ? &st->out->part_anon : &st->out->part_file, n);
		return;
	}
	while ((1ULL << o) < n && o < MS_FOLIO_ORDERS - 1)
		o++;
	add(st->anon ? &st->out->anon[o] : &st->out->file[o], n);
}

void ms_folio_feed(struct ms_folio_scan *st, uint64_t vfn, const uint64_t *pm,
		   const uint64_t *fl, const uint64_t *nx, size_t n)
{
	for (size_t i = 0; i < n; i++, vfn++) {
		uint64_t pfn = pm[i] & MS_PM_PFN, f = fl[i];

		/* not mapped, swapped, PFN hidden, or the zero page */
		if (!(pm[i] & MS_PM_PRESENT) || !pfn ||
		    (f & (KPF(ZERO_PAGE) | KPF(NOPAGE)))) {
			ms_folio_flush(st);
			continue;
		}
		if ((f & KPF(TAIL)) && st->n && vfn == st->vfn + st->n &&
		    pfn == st->pfn + st->n) {
			st->n++;
			st->next = nx[i];
			continue;
		}
		ms_folio_flush(st);
		if (f & (KPF(HEAD) | KPF(TAIL))) {
			st->vfn = vfn;
			st->pfn = pfn;
			st->n = 1;
			st->head = f & KPF(HEAD);
			st->anon = f & KPF(ANON);
			st->next = nx[i];
			continue;
		}
		add(f & KPF(ANON) ? &st->out->anon[0] : &st->out->file[0], 1);
	}
}

/* ---- the pass over a process's VMAs ---------------------------------------- */

/* A VMA read in a pass: its range and what it held. */
struct entry {
	uint64_t start, end;
	bool complete;
	struct ms_folios f;
};

struct list {
	struct entry *v;
	int n, cap;
};

struct ms_folio_pass {
	int pid;
	int pmfd, kfd;
	uint64_t page; /* bytes */
	uint64_t pos; /* the address the pass has read up to */
	struct list run, done; /* this pass's VMAs, the last complete pass's */
	int ri, di; /* where the sample's VMAs are in them */
	uint64_t passes;
	bool full; /* this sample reads every VMA */
	uint64_t budget; /* pages this sample may still read */
	uint64_t size, read; /* this sample's VMAs' bytes, those read */
	uint64_t last_end; /* the end of this sample's last VMA */
	bool hidden; /* pagemap gave present pages without PFNs */
	int err; /* a read failed: the pass ends */
	struct ms_folio_scan scan; /* the VMA the pass is in */
	uint64_t pm[CHUNK], fl[CHUNK], nx[CHUNK], kb[CHUNK + 1];
};

static struct entry *push(struct list *l)
{
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 64;
		struct entry *v = realloc(l->v, (size_t)cap * sizeof(*v));

		if (!v)
			return NULL;
		l->v = v;
		l->cap = cap;
	}
	memset(&l->v[l->n], 0, sizeof(l->v[0]));
	return &l->v[l->n++];
}

static void pass_reset(struct ms_folio_pass *fp)
{
	fp->pos = 0;
	fp->run.n = 0;
}

static void pass_free(struct ms_folio_pass *fp)
{
	if (!fp)
		return;
	if (fp->pmfd >= 0)
		close(fp->pmfd);
	if (fp->kfd >= 0)
		close(fp->kfd);
	free(fp->run.v);
	free(fp->done.v);
	free(fp);
}

void ms_procfs_folio_free(struct ms_procfs *pf)
{
	pass_free(pf->folio);
	pf->folio = NULL;
}

static const char *why_open(const struct ms_root *r, const char *what, int err)
{
	static char b[96];

	if (err == -ENOENT)
		snprintf(b, sizeof(b), "no %s %s", what,
			 r->live ? "on this kernel" : "in the captured tree");
	else
		snprintf(b, sizeof(b), "%s: %s", what, ms_errstr(r, err));
	return b;
}

struct ms_folio_pass *ms_folio_begin(const struct ms_root *r,
				     struct ms_procfs *pf, int pid,
				     struct ms_snapshot *s)
{
	struct ms_folio_pass *fp = pf->folio;
	char rel[64];
	long ps;

	snprintf(rel, sizeof(rel), "proc/%d/pagemap", pid);
	if (fp && fp->pid != pid)
		ms_procfs_folio_free(pf);
	fp = pf->folio;
	if (!fp) {
		fp = calloc(1, sizeof(*fp));
		if (!fp)
			return NULL;
		fp->pmfd = fp->kfd = -1;
		fp->pid = pid;
		ps = sysconf(_SC_PAGESIZE);
		fp->page = ps > 0 ? (uint64_t)ps : 4096;
		pf->folio = fp;
		fp->kfd = ms_open(r, "proc/kpageflags");
		if (fp->kfd < 0) {
			ms_snapshot_note(s, "folios", "%s",
					 why_open(r, "kpageflags", -errno));
			ms_procfs_folio_free(pf);
			return NULL;
		}
	}
	fp->full = pf->folio_want > 1;
	if (fp->full)
		pass_reset(fp);
	/*
	 * A pass starts: pagemap opened (again, as the pid may have exec'd
	 * since: the old file reads the old mm, nothing; or been reused)
	 */
	if (!fp->pos) {
		if (fp->pmfd >= 0)
			close(fp->pmfd);
		fp->pmfd = ms_open(r, rel);
		if (fp->pmfd < 0) {
			ms_snapshot_note(s, "folios", "%s",
					 why_open(r, "pagemap", -errno));
			ms_procfs_folio_free(pf);
			return NULL;
		}
	}
	fp->budget = fp->full	      ? UINT64_MAX :
		     pf->folio_budget ? pf->folio_budget :
					MS_FOLIO_BUDGET;
	fp->ri = fp->di = 0;
	fp->size = fp->read = fp->last_end = 0;
	fp->hidden = false;
	fp->err = 0;
	return fp;
}

/* The flags of the present pages of pm[0..n) and of the PFN after each. */
static int flags(struct ms_folio_pass *fp, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint64_t pfn = fp->pm[i] & MS_PM_PFN;
		size_t j = i + 1;
		int err;

		if (!(fp->pm[i] & MS_PM_PRESENT) || !pfn) {
			fp->hidden |= (fp->pm[i] & MS_PM_PRESENT) && !pfn;
			i++;
			continue;
		}
		/* a run of PFNs in a row: one read, and the PFN after it */
		while (j < n && (fp->pm[j] & MS_PM_PRESENT) &&
		       (fp->pm[j] & MS_PM_PFN) == pfn + (j - i))
			j++;
		err = ms_kpf_read(fp->kfd, pfn, fp->kb, j - i + 1);
		if (err)
			return err;
		memcpy(&fp->fl[i], fp->kb, (j - i) * 8);
		memcpy(&fp->nx[i], fp->kb + 1, (j - i) * 8);
		i = j;
	}
	return 0;
}

/* Read [from, to) of the VMA the scanner is in; the address reached. */
static uint64_t scan(struct ms_folio_pass *fp, uint64_t from, uint64_t to)
{
	while (from < to && fp->budget && !fp->err) {
		uint64_t vfn = from / fp->page;
		size_t n = CHUNK;
		ssize_t got;

		if ((to - from) / fp->page < n)
			n = (size_t)((to - from) / fp->page);
		if (fp->budget < n)
			n = (size_t)fp->budget;
		got = pread(fp->pmfd, fp->pm, n * 8, (off_t)(vfn * 8));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			fp->err = -errno;
			break;
		}
		/* past the file's end (a captured tree): nothing mapped */
		memset((char *)fp->pm + got / 8 * 8, 0,
		       n * 8 - (size_t)got / 8 * 8);
		if ((fp->err = flags(fp, n)))
			break;
		ms_folio_feed(&fp->scan, vfn, fp->pm, fp->fl, fp->nx, n);
		fp->budget -= n;
		from += n * fp->page;
	}
	return from;
}

/* Nothing to read: no page mapped, or no access at all. */
static bool empty(const struct ms_vma *v)
{
	return (ms_have(v->rss_kb) && !v->rss_kb) ||
	       !strncmp(v->perms, "---", 3);
}

/* The pass's entry for v, read on as far as the budget goes. */
static struct entry *advance(struct ms_folio_pass *fp, struct ms_vma *v)
{
	struct entry *e = fp->run.n ? &fp->run.v[fp->run.n - 1] : NULL;

	if (fp->pos >= v->end || !fp->budget || fp->err)
		return NULL;
	/* resume the VMA it stopped in, if that is still v */
	if (!e || e->complete || e->start != v->start || e->end != v->end ||
	    fp->pos <= v->start) {
		while (fp->run.n && fp->run.v[fp->run.n - 1].start >= v->start)
			fp->run.n--;
		if (!(e = push(&fp->run))) {
			fp->err = -ENOMEM;
			return NULL;
		}
		e->start = v->start;
		e->end = v->end;
		e->f.read = true;
		e->f.page_kb = (uint32_t)(fp->page / 1024);
		fp->pos = v->start;
		ms_folio_init(&fp->scan, &e->f);
	}
	fp->scan.out = &e->f; /* the list may have moved */
	if (empty(v))
		fp->pos = v->end;
	else
		fp->pos = scan(fp, fp->pos, v->end);
	if (fp->pos >= v->end && !fp->err) {
		ms_folio_flush(&fp->scan);
		e->complete = true;
	}
	return e;
}

/* The entry of l for [start, end), from *i on (VMAs come in order). */
static const struct entry *find(const struct list *l, int *i, uint64_t start,
				uint64_t end)
{
	while (*i < l->n && l->v[*i].start < start)
		(*i)++;
	if (*i < l->n && l->v[*i].start == start && l->v[*i].end == end &&
	    l->v[*i].complete)
		return &l->v[*i];
	return NULL;
}

void ms_folio_vma(struct ms_folio_pass *fp, struct ms_vma *v)
{
	const struct entry *e;

	if (v->end <= v->start)
		return;
	advance(fp, v);
	fp->size += v->end - v->start;
	if (fp->pos >= v->end)
		fp->read += v->end - v->start;
	else if (fp->pos > v->start)
		fp->read += fp->pos - v->start;
	fp->last_end = v->end;
	e = find(&fp->run, &fp->ri, v->start, v->end);
	if (!e)
		e = find(&fp->done, &fp->di, v->start, v->end);
	if (e)
		v->folios = e->f;
}

void ms_folio_end(struct ms_folio_pass *fp, struct ms_vmas *vs,
		  struct ms_snapshot *s)
{
	struct list t;

	vs->folios_asked = true;
	if (fp->hidden)
		ms_snapshot_note(s, "folios",
				 "pagemap hides the PFNs (needs root)");
	if (fp->err) {
		ms_snapshot_note(s, "folios", "%s", ms_errstr(NULL, fp->err));
		pass_reset(fp);
	} else if (fp->pos >= fp->last_end) {
		/* every VMA read: this pass is the one to show */
		t = fp->done;
		fp->done = fp->run;
		fp->run = t;
		pass_reset(fp);
		fp->passes++;
	}
	vs->folio_passes = fp->passes;
	vs->folio_progress = !fp->pos ? 1 :
			     fp->size ? (double)fp->read / (double)fp->size :
					1;
}
