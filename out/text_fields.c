// SPDX-License-Identifier: GPL-2.0
/*
 * The plain text's rows from the field tables (model/field.h th, tw, tp,
 * txo): aligned columns, key=value lines and key/value lists.
 */
#include "out/text.h"

#include <stdlib.h>
#include <string.h>

#include "model/field.h"

/* f's value in rec as the text shows it: "-" when not available. */
static const char *value(const struct ms_field *f, const void *rec, char *b,
			 size_t n)
{
	const void *p = ms_fptr(f, rec);

	switch (f->type) {
	case MS_F_U64:
		return num(*(const uint64_t *)p, b, n);
	case MS_F_U32:
		/* not available as the JSON has it (model/field.h MS_FF_NA) */
		if ((f->flags & MS_FF_NA) && *(const uint32_t *)p == UINT32_MAX)
			return "-";
		snprintf(b, n, "%u", *(const uint32_t *)p);
		return b;
	case MS_F_INT:
		if ((f->flags & MS_FF_NA) && *(const int *)p < 0)
			return "-";
		snprintf(b, n, "%d", *(const int *)p);
		return b;
	case MS_F_DBL:
		if (f->unit && !strcmp(f->unit, "%"))
			return fnum(ms_share_shown(*(const double *)p, 100,
						   f->tp),
				    f->tp, b, n);
		return fnum(*(const double *)p, f->tp, b, n);
	case MS_F_BOOL:
		return *(const bool *)p ? "yes" : "no";
	case MS_F_CHAR:
		snprintf(b, n, "%c", *(const char *)p ? *(const char *)p : '?');
		return b;
	case MS_F_STR:
	case MS_F_NAME:
		return esc(p, b, n);
	case MS_F_PSTR:
		return *(char *const *)p ? esc(*(char *const *)p, b, n) : "-";
	case MS_F_ENUM: {
		const struct ms_names *t = f->sub;
		int v = *(const int *)p;

		if (!ms_name_of(t, v))
			return "-";
		return t->text ? t->text[v] : t->name[v];
	}
	default:
		return "";
	}
}

enum style { HEAD, ROW, KV, LIST };

/* The fields of t with a th, in one of the styles. */
static void emit(FILE *f, const struct ms_field *t, const void *rec,
		 enum style st)
{
	const struct ms_field *fl[64];
	int n = ms_fields_out(t, MS_FOUT_TEXT, fl, 64);
	/* a path (MS_F_PSTR) is up to PATH_MAX bytes, each escaped to 4 */
	char b[4 * 4096 + 1];

	for (int i = 0; i < n; i++) {
		const char *th = fl[i]->th;
		const char *v = st == HEAD ? th :
					     value(fl[i], rec, b, sizeof(b));
		int w = abs(fl[i]->tw);

		if (st == KV)
			fprintf(f, " %s%s%s", th, th[0] ? "=" : "", v);
		else if (st == LIST)
			fprintf(f, "  %-14s %s\n", th, v);
		else
			fprintf(f, fl[i]->tw < 0 ? "%s%-*s" : "%s%*s",
				i ? " " : "", w, v);
	}
	if (st == HEAD || st == ROW)
		fputc('\n', f);
}

void ms_text_head(FILE *f, const struct ms_field *t)
{
	emit(f, t, NULL, HEAD);
}

void ms_text_row(FILE *f, const struct ms_field *t, const void *rec)
{
	emit(f, t, rec, ROW);
}

void ms_text_kv(FILE *f, const struct ms_field *t, const void *rec)
{
	emit(f, t, rec, KV);
}

void ms_text_list(FILE *f, const struct ms_field *t, const void *rec)
{
	emit(f, t, rec, LIST);
}
