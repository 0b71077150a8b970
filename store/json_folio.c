// SPDX-License-Identifier: GPL-2.0
/*
 * A VMA's and a process's memory by folio size in the JSON document
 * ("folios": [{size_kb, anon_kb, file_kb}], "folios_partial"), and back.
 */
#include "store/codec.h"
#include "store/jread.h"

void ms_json_folios(struct ms_jw *w, const struct ms_folios *f)
{
	struct ms_folio_size e[MS_FOLIO_ORDERS];
	int n = ms_folio_sizes(f, e, MS_FOLIO_ORDERS);

	ms_jw_arr(w, "folios");
	for (int i = 0; i < n; i++)
		ms_json_record(w, NULL, ms_folio_size_fields, &e[i], 0);
	ms_jw_end(w);
	ms_jw_obj(w, "folios_partial");
	ms_jw_u64(w, "anon_kb", (uint64_t)f->part_anon * f->page_kb);
	ms_jw_u64(w, "file_kb", (uint64_t)f->part_file * f->page_kb);
	ms_jw_end(w);
}

void ms_json_folios_of(struct ms_jw *w, const struct ms_vmas *v)
{
	if (!v->folios_asked)
		return;
	ms_jw_u64(w, "folios_page_kb", v->folios.page_kb);
	ms_jw_dbl(w, "folios_progress", v->folio_progress);
	ms_jw_u64(w, "folios_passes", v->folio_passes);
	ms_json_folios(w, &v->folios);
}

void ms_jread_folios(json *j, struct ms_folios *f, uint32_t page_kb)
{
	json *a = ms_jarr(j, "folios"), *p = ms_jobj(j, "folios_partial");
	uint64_t kb;

	*f = (struct ms_folios){ 0 };
	if (!a || !page_kb)
		return;
	f->read = true;
	f->page_kb = page_kb;
	for (int i = 0; i < ms_jlen(a); i++) {
		struct ms_folio_size e;

		ms_jread_fields(ms_jat(a, i), ms_folio_size_fields, &e, NULL);
		ms_folio_set(f, &e);
	}
	kb = ms_ju64(p, "anon_kb");
	f->part_anon = ms_have(kb) ? (uint32_t)(kb / page_kb) : 0;
	kb = ms_ju64(p, "file_kb");
	f->part_file = ms_have(kb) ? (uint32_t)(kb / page_kb) : 0;
}
