// SPDX-License-Identifier: GPL-2.0
/*
 * The VMA tab's process screen: its summaries of the address space, by
 * kind and by folio size (f: pagemap and kpageflags, root), and a VMA's
 * folio sizes on its screen.
 */
#include "tui/tabs/vma/vma.h"

#include <stdio.h>
#include <string.h>

/* The address-space summary: kinds across, counts and sizes down. */
int ms_vma_draw_summary(struct vma_view *v, WINDOW *w, struct ms_rect r)
{
	static const char *const rows[] = { "VMAs", "Size", "Rss", "Pss",
					    "Swap" };
	const struct ms_vmas *vm = &v->cur->vmas;
	int nrows = r.h >= 24 ? 5 : 3, cw = (r.w - 8) / (MS_VMA_NKINDS + 1);
	char buf[32];

	if (cw > 10)
		cw = 10;
	ms_put(w, r.y, r.x, 8, MS_LEFT, true, ms_attr(MS_C_COLUMN_HEADER), "");
	for (int k = 0; k <= MS_VMA_NKINDS; k++)
		ms_put(w, r.y, r.x + 8 + k * cw, cw, MS_RIGHT, true,
		       ms_attr(MS_C_COLUMN_HEADER),
		       k < MS_VMA_NKINDS ? ms_vma_kind_name(k) : "total");
	ms_explain_mark(w, r.y, r.x, 8 + (MS_VMA_NKINDS + 1) * cw, v->base.ui,
			"vma.m.summary");
	for (int i = 0; i < nrows; i++) {
		ms_put(w, r.y + 1 + i, r.x, 8, MS_LEFT, true, 0, rows[i]);
		for (int k = 0; k <= MS_VMA_NKINDS; k++) {
			const struct ms_vma_sum *s =
				k < MS_VMA_NKINDS ? &vm->kind[k] : &vm->total;
			uint64_t val[] = { s->count, s->size_kb, s->rss_kb,
					   s->pss_kb, s->swap_kb };

			if (i == 0)
				ms_fmt_u64(buf, sizeof(buf), val[i]);
			else if (!vm->has_smaps && i > 1)
				snprintf(buf, sizeof(buf), "-");
			else
				ms_fmt_kb(buf, sizeof(buf), val[i]);
			ms_put(w, r.y + 1 + i, r.x + 8 + k * cw, cw, MS_RIGHT,
			       true, 0, buf);
		}
	}
	return nrows + 1;
}

/* ---- folio sizes ---------------------------------------------------------- */

/* A folio size, a power of two kB: "4K", "64K", "2M", "1G". */
static const char *size_name(char *buf, size_t len, uint64_t kb)
{
	const char *u = "KMGT";

	while (kb >= 1024 && !(kb % 1024) && u[1]) {
		kb /= 1024;
		u++;
	}
	snprintf(buf, len, "%llu%c", (unsigned long long)kb, *u);
	return buf;
}

void ms_vma_fmt_folio(char *buf, size_t len, const struct ms_vma *m)
{
	const struct ms_folios *f = &m->folios;
	uint64_t total = (uint64_t)f->part_anon + f->part_file, best = 0;
	char sz[16];
	int bo = -1;

	if (!f->read) {
		snprintf(buf, len, "-");
		return;
	}
	for (int o = 0; o < MS_FOLIO_ORDERS; o++) {
		uint64_t n = (uint64_t)f->anon[o] + f->file[o];

		total += n;
		if (n > best) {
			best = n;
			bo = o;
		}
	}
	if (!total)
		buf[0] = '\0';
	else if (bo < 0)
		snprintf(buf, len, "part");
	else
		snprintf(buf, len, "%s %d%%",
			 size_name(sz, sizeof(sz), (uint64_t)f->page_kb << bo),
			 (int)(100 * best / total));
}

uint64_t ms_vma_folio_large_kb(const struct ms_vma *m)
{
	const struct ms_folios *f = &m->folios;
	uint64_t n = (uint64_t)f->part_anon + f->part_file;

	if (!f->read)
		return MS_NA;
	for (int o = 1; o < MS_FOLIO_ORDERS; o++)
		n += (uint64_t)f->anon[o] + f->file[o];
	return n * f->page_kb;
}

/* Why there are no folio sizes (the reader's note), or NULL. */
static const char *folio_why(const struct vma_view *v, char *buf, size_t len)
{
	const char *why = ms_vma_note_text(v->cur, "folios", buf, len);

	if (!why && !v->cur->vmas.folios_asked)
		why = "folio sizes: not read";
	return why;
}

/* "reading 35%" before the first pass completes, "pass 35%" after. */
static const char *progress(char *buf, size_t len, const struct ms_vmas *vm)
{
	int pct = (int)(100 * vm->folio_progress);

	if (vm->folio_progress >= 1)
		buf[0] = '\0';
	else
		snprintf(buf, len, "%s %d%%",
			 vm->folio_passes ? "pass" : "reading", pct);
	return buf;
}

int ms_vma_folio_line(struct vma_view *v, WINDOW *w, struct ms_rect r)
{
	const struct ms_vmas *vm = &v->cur->vmas;
	struct ms_folio_size e[MS_FOLIO_ORDERS];
	char buf[512], note[256], a[16], b[16];
	const char *why = folio_why(v, note, sizeof(note));
	int n, len = 0;

	if (!v->folios || r.h < 1)
		return 0;
	if (why) {
		ms_put_esc_cut(w, r.y, r.x, r.w, ms_attr(MS_C_NOTE), why,
			       v->base.ui);
	} else {
		n = ms_folio_sizes(&vm->folios, e, MS_FOLIO_ORDERS);
		len = snprintf(buf, sizeof(buf), "Folios");
		for (int i = 0; i < n && len < 400; i++)
			len += snprintf(buf + len, sizeof(buf) - (size_t)len,
					"  %s %s",
					size_name(a, sizeof(a), e[i].size_kb),
					ms_fmt_kb(b, sizeof(b),
						  e[i].anon_kb + e[i].file_kb));
		if (vm->folios.part_anon + vm->folios.part_file)
			len += snprintf(
				buf + len, sizeof(buf) - (size_t)len,
				"  part %s",
				ms_fmt_kb(a, sizeof(a),
					  ((uint64_t)vm->folios.part_anon +
					   vm->folios.part_file) *
						  vm->folios.page_kb));
		snprintf(buf + len, sizeof(buf) - (size_t)len, "  %s",
			 progress(a, sizeof(a), vm));
		ms_put(w, r.y, r.x, r.w, MS_LEFT, true, 0, buf);
	}
	ms_explain_mark(w, r.y, r.x, r.w, v->base.ui, "vma.f.line");
	return 1;
}

static const char *const fol_ids[] = { "vma.f.size", "vma.f.anon", "vma.f.file",
				       NULL };
static const int fol_w[] = { 8, 9, 9 };

void ms_vma_folio_lines(struct vma_view *v, struct ms_screen *l,
			const struct ms_vma *m)
{
	const struct ms_folios *f = &m->folios;
	struct ms_folio_size e[MS_FOLIO_ORDERS];
	char note[256], a[16], b[16], c[16];
	const char *why = folio_why(v, note, sizeof(note));
	int n;

	ms_screen_title(l, "Folio sizes (/proc/PID/pagemap, /proc/kpageflags)",
			v->base.ui);
	ms_screen_tag(l, "vma.f.line");
	if (!v->folios) {
		ms_screen_line(l, ms_attr(MS_C_DIM),
			       "  f: read them (root; every page of the "
			       "process, within a budget a refresh)");
		return;
	}
	if (why || !f->read) {
		ms_screen_linef(l, ms_attr(MS_C_NOTE), "  %s",
				why ? why : "not read yet");
		return;
	}
	ms_screen_tag_cols(l, 2, fol_ids, fol_w);
	ms_screen_linef(l, ms_attr(MS_C_COLUMN_HEADER), "  %8s %9s %9s", "size",
			"anon", "file");
	n = ms_folio_sizes(f, e, MS_FOLIO_ORDERS);
	for (int i = 0; i < n; i++)
		ms_screen_linef(l, 0, "  %8s %9s %9s",
				size_name(a, sizeof(a), e[i].size_kb),
				ms_fmt_kb(b, sizeof(b), e[i].anon_kb),
				ms_fmt_kb(c, sizeof(c), e[i].file_kb));
	ms_screen_tag(l, "vma.f.partial");
	ms_screen_linef(
		l, 0, "  %8s %9s %9s", "partial",
		ms_fmt_kb(b, sizeof(b), (uint64_t)f->part_anon * f->page_kb),
		ms_fmt_kb(c, sizeof(c), (uint64_t)f->part_file * f->page_kb));
}
