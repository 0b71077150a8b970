// SPDX-License-Identifier: GPL-2.0
/*
 * Memory by folio size (struct ms_folios, model/snapshot.h): sums, the
 * sizes a range holds as the outputs list them, and their field table.
 */
#include "model/field.h"
#include "model/snapshot.h"

#define FS(m, k, ex, ...)                                                    \
	MS_FIELD(struct ms_folio_size, m, MS_F_U64, k, 0, "kB", ex, .th = k, \
		 __VA_ARGS__)

const struct ms_field ms_folio_size_fields[] = {
	FS(size_kb, "size_kb", "vma.f.size"),
	FS(anon_kb, "anon_kb", "vma.f.anon"),
	FS(file_kb, "file_kb", "vma.f.file"), MS_FIELD_END
};

static void add32(uint32_t *a, uint32_t b)
{
	*a = *a > UINT32_MAX - b ? UINT32_MAX : *a + b;
}

void ms_folios_add(struct ms_folios *a, const struct ms_folios *b)
{
	if (!b->read)
		return;
	a->read = true;
	if (!a->page_kb)
		a->page_kb = b->page_kb;
	for (int o = 0; o < MS_FOLIO_ORDERS; o++) {
		add32(&a->anon[o], b->anon[o]);
		add32(&a->file[o], b->file[o]);
	}
	add32(&a->part_anon, b->part_anon);
	add32(&a->part_file, b->part_file);
}

int ms_folio_sizes(const struct ms_folios *f, struct ms_folio_size *out,
		   int max)
{
	int n = 0;

	for (int o = 0; o < MS_FOLIO_ORDERS && n < max; o++) {
		if (!f->anon[o] && !f->file[o])
			continue;
		out[n].size_kb = (uint64_t)f->page_kb << o;
		out[n].anon_kb = (uint64_t)f->anon[o] * f->page_kb;
		out[n].file_kb = (uint64_t)f->file[o] * f->page_kb;
		n++;
	}
	return n;
}

static uint32_t pages(uint64_t kb, uint32_t page_kb)
{
	if (!ms_have(kb))
		return 0;
	kb /= page_kb;
	return kb > UINT32_MAX ? UINT32_MAX : (uint32_t)kb;
}

void ms_folio_set(struct ms_folios *f, const struct ms_folio_size *e)
{
	int o = 0;

	if (!f->page_kb || !ms_have(e->size_kb))
		return;
	while (o < MS_FOLIO_ORDERS - 1 &&
	       ((uint64_t)f->page_kb << o) < e->size_kb)
		o++;
	if (((uint64_t)f->page_kb << o) != e->size_kb)
		return;
	f->anon[o] = pages(e->anon_kb, f->page_kb);
	f->file[o] = pages(e->file_kb, f->page_kb);
}
