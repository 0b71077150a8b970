// SPDX-License-Identifier: GPL-2.0
/*
 * The OpenMetrics writer (out/om.h): families, label sets, samples, and the
 * families a field table names, written from its rows.
 */
#include "out/om.h"

#include <math.h>
#include <string.h>

#include "model/escape.h"
#include "model/field.h"

void ms_om_family(struct om *om, const char *name, enum om_type type,
		  const char *unit, const char *help)
{
	*om = (struct om){ .f = om->f,
			   .strict = om->strict,
			   .name = name,
			   .type = type,
			   .unit = unit,
			   .help = help };
}

static void announce(struct om *om)
{
	static const char *const names[] = { "gauge", "counter", "info",
					     "stateset" };
	const char *suffix = "";
	const char *type = names[om->type];

	om->announced = true;
	if (!om->strict) {
		/* 0.0.4 has no info or stateset and names counters whole */
		if (om->type == OM_COUNTER)
			suffix = "_total";
		else if (om->type == OM_INFO)
			suffix = "_info";
		if (om->type != OM_COUNTER)
			type = "gauge";
	}
	fprintf(om->f, "# TYPE %s%s %s\n", om->name, suffix, type);
	if (om->strict && om->unit)
		fprintf(om->f, "# UNIT %s %s\n", om->name, om->unit);
	fprintf(om->f, "# HELP %s%s %s\n", om->name, suffix, om->help);
}

void ms_om_lbl_reset(struct lbl *l)
{
	l->s[0] = '\0';
	l->n = 0;
}

/*
 * key="value": the raw bytes through ms_escape (printable UTF-8, control
 * bytes as \xNN), then the exposition format's own \\, \" and \n.
 */
void ms_om_lbl_str(struct lbl *l, const char *key, const char *raw)
{
	char esc[4 * 256 + 1], out[2 * sizeof(esc)];
	size_t o = 0;

	ms_escape(esc, sizeof(esc), raw, strnlen(raw, 256));
	for (const char *p = esc; *p; p++) {
		if (*p == '\\' || *p == '"' || *p == '\n')
			out[o++] = '\\';
		out[o++] = *p == '\n' ? 'n' : *p;
	}
	out[o] = '\0';
	o = (size_t)snprintf(l->s + l->n, sizeof(l->s) - l->n, "%s%s=\"%s\"",
			     l->n ? "," : "", key, out);
	l->n = l->n + o < sizeof(l->s) ? l->n + o : sizeof(l->s) - 1;
}

void ms_om_lbl_int(struct lbl *l, const char *key, long v)
{
	char b[24];

	snprintf(b, sizeof(b), "%ld", v);
	ms_om_lbl_str(l, key, b);
}

static void head(struct om *om, const struct lbl *l)
{
	if (!om->announced)
		announce(om);
	fprintf(om->f, "%s%s%s%s%s ", om->name,
		om->type == OM_COUNTER ? "_total" :
		om->type == OM_INFO    ? "_info" :
					 "",
		l && l->n ? "{" : "", l && l->n ? l->s : "",
		l && l->n ? "}" : "");
}

/* Values that could not be read have no sample, never a made-up 0. */
void ms_om_put_u(struct om *om, const struct lbl *l, uint64_t v)
{
	if (!ms_have(v))
		return;
	head(om, l);
	fprintf(om->f, "%llu\n", (unsigned long long)v);
}

void ms_om_put_d(struct om *om, const struct lbl *l, double v)
{
	if (!isfinite(v))
		return;
	head(om, l);
	fprintf(om->f, "%.15g\n", v);
}

uint64_t ms_om_mul(uint64_t v, uint64_t by)
{
	return ms_have(v) ? v * by : MS_NA;
}

/* ---- families from a field table --------------------------------------- */

/* How a field's unit is written: kB as bytes, % as a ratio, us as seconds. */
static const struct conv {
	const char *from, *to;
	uint64_t mul;
	double div;
} convs[] = {
	{ "kB", "bytes", 1024, 0 },  { "%", "ratio", 1, 100 },
	{ "us", "seconds", 1, 1e6 }, { "us/s", "ratio", 1, 1e6 },
	{ "ns/s", "ratio", 1, 1e9 }, { "kB/s", "bytes_per_second", 1024, 0 },
};

static struct conv conv_of(const char *unit)
{
	for (size_t i = 0; unit && i < sizeof(convs) / sizeof(convs[0]); i++)
		if (!strcmp(unit, convs[i].from))
			return convs[i];
	return (struct conv){ unit, unit, 1, 0 };
}

/* The family's UNIT: only one its name ends with, as OpenMetrics wants. */
static const char *unit_of(const struct ms_field *f)
{
	const char *u = conv_of(f->unit).to;
	size_t n = strlen(f->metric), k = u ? strlen(u) : 0;

	if (!u || n <= k + 1 || f->metric[n - k - 1] != '_' ||
	    strcmp(f->metric + n - k, u))
		return NULL;
	return u;
}

static enum om_type type_of(const struct ms_field *f)
{
	if (f->type == MS_F_ENUM && !(f->om & MS_OM_LABEL))
		return OM_STATESET;
	return f->om & MS_OM_COUNTER ? OM_COUNTER : OM_GAUGE;
}

int ms_om_fields(const struct ms_field *t, const struct ms_field **out, int max)
{
	return ms_fields_out(t, MS_FOUT_OM, out, max);
}

void ms_om_start(struct om *om, const struct ms_field *f)
{
	ms_om_family(om, f->metric, type_of(f), unit_of(f), f->help);
}

/* How many values the field has in rec: a vector's count, else one. */
static int count(const struct ms_field *f, const void *rec)
{
	if (f->type != MS_F_U64V && f->type != MS_F_DBLV)
		return 1;
	return *(const int *)((const char *)rec + f->n);
}

double ms_om_value(const struct ms_field *f, const void *rec, int i)
{
	struct conv c = conv_of(f->unit);
	const void *p = ms_fptr(f, rec);
	double d;

	switch (f->type) {
	case MS_F_U64:
	case MS_F_U64V:
		if (!ms_have(((const uint64_t *)p)[i]))
			return NAN;
		d = (double)((const uint64_t *)p)[i];
		break;
	case MS_F_INT:
		if (*(const int *)p < 0)
			return NAN;
		d = *(const int *)p;
		break;
	default:
		d = ((const double *)p)[i];
		break;
	}
	return c.div ? d / c.div : d * (double)c.mul;
}

void ms_om_put_field(struct om *om, const struct lbl *l,
		     const struct ms_field *f, const void *rec, int i)
{
	struct conv c = conv_of(f->unit);
	const void *p = ms_fptr(f, rec);

	if (f->type == MS_F_U64 || f->type == MS_F_U64V) {
		if (!c.div)
			ms_om_put_u(om, l,
				    ms_om_mul(((const uint64_t *)p)[i], c.mul));
		else
			ms_om_put_d(om, l, ms_om_value(f, rec, i));
	} else if (f->type == MS_F_INT) {
		if (*(const int *)p >= 0)
			ms_om_put_u(om, l, (uint64_t) * (const int *)p * c.mul);
	} else if (f->type == MS_F_ENUM && (f->om & MS_OM_LABEL)) {
		const char *name = ms_name_of(f->sub, *(const int *)p);
		struct lbl s = *l;

		if (!name)
			return;
		ms_om_lbl_str(&s, f->lkey, name);
		ms_om_put_u(om, &s, 1);
	} else if (f->type == MS_F_ENUM) {
		const struct ms_names *nm = f->sub;
		int v = *(const int *)p;

		for (int w = 0; ms_name_of(nm, v) && w < nm->n; w++) {
			struct lbl s = *l;

			if (!nm->name[w])
				continue;
			ms_om_lbl_str(&s, f->metric, nm->name[w]);
			ms_om_put_u(om, &s, v == w);
		}
	} else {
		ms_om_put_d(om, l, ms_om_value(f, rec, i));
	}
}

/* key="the value of field k in rec" (k NULL: no label). */
static bool key_lbl(struct lbl *l, const struct ms_field *k, const void *rec)
{
	const void *p = k ? ms_fptr(k, rec) : NULL;
	char b[4 * 256 + 1];

	if (!k)
		return true;
	switch (k->type) {
	case MS_F_STR:
	case MS_F_NAME:
		snprintf(b, sizeof(b), "%.*s", (int)k->size, (const char *)p);
		ms_om_lbl_str(l, k->key, b);
		return true;
	case MS_F_INT:
		ms_om_lbl_int(l, k->key, *(const int *)p);
		return true;
	case MS_F_U64:
		ms_om_lbl_int(l, k->key, (long)*(const uint64_t *)p);
		return true;
	default:
		return false;
	}
}

void ms_om_table(struct om *om, const struct ms_om_area *a, int lo, int hi)
{
	const struct ms_field *fl[64];
	int n = ms_om_fields(a->t, fl, 64);
	struct lbl l;

	for (int g = 0, e; g < n; g = e) {
		/* one family: the fields that name it */
		for (e = g + 1; e < n && !strcmp(fl[e]->metric, fl[g]->metric);)
			e++;
		if (fl[g]->om_order < lo || fl[g]->om_order >= hi)
			continue;
		ms_om_start(om, fl[g]);
		for (int r = 0; r < a->n; r++) {
			const void *rec = (const char *)a->recs + r * a->stride;

			for (int k = g; k < e; k++)
				for (int i = 0; i < count(fl[k], rec); i++) {
					ms_om_lbl_reset(&l);
					if (a->lbl ? !a->lbl(&l, rec, r) :
						     !key_lbl(&l, a->key, rec))
						break;
					if (fl[k]->lval)
						ms_om_lbl_str(&l, fl[k]->lkey,
							      fl[k]->lval);
					else if (fl[k]->lkey)
						ms_om_lbl_int(&l, fl[k]->lkey,
							      i);
					ms_om_put_field(om, &l, fl[k], rec, i);
				}
		}
	}
}
