/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The JSON codec of the model: records written from their field tables
 * (model/field.h) to a stream (store/jw.h), and read back from a parsed
 * line into the same structs.
 */
#ifndef MS_STORE_CODEC_H
#define MS_STORE_CODEC_H

#include <stdio.h>

#include "model/field.h"
#include "model/snapshot.h"
#include "store/jw.h"

/* How a table is written. */
struct ms_json_ctx {
	/* fields with any of these MS_FF_* flags are left out */
	unsigned int skip;
	/* the section's `fields` mask: a field whose `need` is not in it is
	 * null (MS_FF_OMIT: left out) */
	unsigned int have;
	/* writes an MS_F_HAND row of rec in its place (NULL: left out) */
	void (*hand)(struct ms_jw *w, const struct ms_field *f, const void *rec,
		     void *arg);
	void *arg;
};

/* The fields of t from rec as members of the open object. */
void ms_json_fields_ctx(struct ms_jw *w, const struct ms_field *t,
			const void *rec, const struct ms_json_ctx *c);
/*
 * The same with every `need` met and no hand rows, leaving out the fields
 * with any of the flags in skip (MS_FF_EVENTS when the events section is
 * not written).
 */
void ms_json_fields(struct ms_jw *w, const struct ms_field *t, const void *rec,
		    unsigned int skip);
/* Whether field f of rec holds "not available" (model/field.h MS_FF_NA). */
bool ms_field_na(const struct ms_field *f, const void *rec);
/* One record, written as ms_json_fields_ctx() says (key NULL in arrays). */
void ms_json_record_ctx(struct ms_jw *w, const char *key,
			const struct ms_field *t, const void *rec,
			const struct ms_json_ctx *c);
/* One record: an object of its fields (key NULL inside an array). */
void ms_json_record(struct ms_jw *w, const char *key, const struct ms_field *t,
		    const void *rec, unsigned int skip);
/* Untrusted bytes (n at most, up to a NUL) escaped by ms_escape(). */
void ms_json_esc(struct ms_jw *w, const char *key, const char *raw, size_t n);
/* A key/value list as an object {name: value}; rates: {name: rate}. */
void ms_json_kv(struct ms_jw *w, const char *key, const struct ms_kvlist *l,
		bool rates);

/*
 * The VMA list of a process, for a caller that streams it as it reads:
 * ms_json_vmas_open() writes "vmas":{"pid":..,"comm":..,"list":[ , then
 * ms_json_vma() once per VMA, then ms_json_vmas_close() closes the list
 * and writes "summary" (the object stays open: the document may add the
 * maple tree, then ms_jw_end()).
 */
void ms_json_vmas_open(struct ms_jw *w, int pid, const char *comm);
void ms_json_vma(struct ms_jw *w, const struct ms_vma *v);
void ms_json_vmas_close(struct ms_jw *w, const struct ms_vmas *v);
/* "folios" and "folios_partial" of a range (store/json_folio.c) */
void ms_json_folios(struct ms_jw *w, const struct ms_folios *f);
/* The process's: its page size, progress and passes too, when asked */
void ms_json_folios_of(struct ms_jw *w, const struct ms_vmas *v);

#endif
