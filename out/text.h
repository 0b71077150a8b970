/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the plain-text batch output's files (out/text*.c). */
#ifndef MS_OUT_TEXT_H
#define MS_OUT_TEXT_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "model/escape.h"
#include "model/snapshot.h"

/* Every untrusted string passes through here before it is printed. */
static inline const char *esc(const char *raw, char *buf, size_t n)
{
	ms_escape(buf, n, raw ? raw : "", (size_t)-1);
	return buf;
}

/* A number or "-" when it could not be read: into a caller's buffer. */
static inline const char *num(uint64_t v, char *b, size_t n)
{
	if (!ms_have(v))
		snprintf(b, n, "-");
	else
		snprintf(b, n, "%llu", (unsigned long long)v);
	return b;
}

/* The same in hex, zero-padded to width digits. */
static inline const char *hex(uint64_t v, int width, char *b, size_t n)
{
	if (!ms_have(v))
		snprintf(b, n, "-");
	else
		snprintf(b, n, "%0*llx", width, (unsigned long long)v);
	return b;
}

static inline const char *fnum(double v, int decimals, char *b, size_t n)
{
	if (!isfinite(v))
		snprintf(b, n, "-");
	else
		snprintf(b, n, "%.*f", decimals, v);
	return b;
}

struct ms_field;

/*
 * A record's fields that have a th in their table (out/text_fields.c), by
 * txo: the column headers, one row of columns, " key=value" each (no
 * newline; th "": the value alone), or "  key value" lines.
 */
void ms_text_head(FILE *f, const struct ms_field *t);
void ms_text_row(FILE *f, const struct ms_field *t, const void *rec);
void ms_text_kv(FILE *f, const struct ms_field *t, const void *rec);
void ms_text_list(FILE *f, const struct ms_field *t, const void *rec);

struct ms_part;
/*
 * A part of an area from its table (model/area.h): its title, its
 * fields' "  key value" lines, then a table of each of its lists (the
 * columns of the records' fields).
 */
void ms_text_part(FILE *f, const struct ms_part *p, const void *rec);

/*
 * How a section the model does not describe by fields is printed: its
 * block, in its pass (ms_out_text() walks the areas once per pass).
 */
enum { MS_TEXT_CORE, MS_TEXT_EVENTS, MS_TEXT_LATE, MS_TEXT_NPASS };
struct ms_text_hand {
	int sec; /* enum ms_section; -1 ends a table */
	int pass;
	void (*print)(FILE *f, const struct ms_snapshot *s);
};
/* A hand that prints s->member with fn(f, &s->member). */
#define MS_TEXT_HAND(hand, fn, member)                         \
	static void hand(FILE *f, const struct ms_snapshot *s) \
	{                                                      \
		fn(f, &s->member);                             \
	}
/* The ledger (out/text_memory.c). */
void ms_text_memory(FILE *f, const struct ms_memory *m);
/* DAMON's kdamonds, then each one's schemes (out/damon.c). */
void ms_text_damon(FILE *f, const struct ms_snapshot *s);
/* The live event sections (bpf) and task delays (taskstats). */
extern const struct ms_text_hand ms_text_events[];
/* What the BPF programs cost, after every section (while it is open). */
void ms_text_bpf_cost(FILE *f, const struct ms_snapshot *s);

#endif
