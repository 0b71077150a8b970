// SPDX-License-Identifier: GPL-2.0
/*
 * The outputs from the field tables: OpenMetrics (out/om.c), every family
 * a core table names has samples; text (out/text_fields.c), every column
 * or key a core table names is written; and one table row of its own adds
 * a family, a column and a key.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/field.h"
#include "model/snapshot.h"
#include "out/om.h"
#include "out/openmetrics.h"
#include "out/output.h"
#include "out/text.h"
#include "store/json.h"

/* Every field of t in rec set to a value that can be written. */
static void fill(const struct ms_field *t, void *rec)
{
	const struct ms_field *fl[64];
	int n = ms_fields_flat(t, fl, 64);

	for (int i = 0; i < n; i++) {
		const struct ms_field *f = fl[i];
		void *p = ms_fptr(f, rec);

		switch (f->type) {
		case MS_F_U64:
			*(uint64_t *)p = 2048;
			break;
		case MS_F_U64V:
		case MS_F_DBLV:
			*(int *)((char *)rec + f->n) = 2;
			for (int k = 0; k < 2; k++)
				if (f->type == MS_F_U64V)
					((uint64_t *)p)[k] = 3;
				else
					((double *)p)[k] = 0.25;
			break;
		case MS_F_INT:
		case MS_F_ENUM:
			*(int *)p = 1;
			break;
		case MS_F_DBL:
			*(double *)p = 12.5;
			break;
		case MS_F_STR:
		case MS_F_NAME:
			strcpy(p, "x");
			break;
		default:
			break;
		}
	}
}

static char *om_of(const struct ms_snapshot *s, unsigned int sections)
{
	struct ms_om_opts o = { .openmetrics = true, .top = 10 };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(ms_out_openmetrics(f, s, sections, &o), 0);
	fclose(f);
	return buf;
}

/* Each family of t has its TYPE line and a sample in out. */
static void has_families(const char *out, const struct ms_field *t)
{
	const struct ms_field *fl[64];
	int n = ms_om_fields(t, fl, 64);
	char want[256];

	assert_true(n > 0);
	for (int i = 0; i < n; i++) {
		print_message("%s\n", fl[i]->metric);
		snprintf(want, sizeof(want), "# TYPE %s ", fl[i]->metric);
		assert_non_null(strstr(out, want));
		snprintf(want, sizeof(want), "\n%s", fl[i]->metric);
		assert_non_null(strstr(strstr(out, "# HELP"), want));
		if (fl[i]->lval) {
			snprintf(want, sizeof(want), "%s=\"%s\"", fl[i]->lkey,
				 fl[i]->lval);
			assert_non_null(strstr(out, want));
		}
	}
}

/* The records of a snapshot's core sections, every field filled. */
struct recs {
	struct ms_zone z;
	struct ms_slab_cache c;
	struct ms_proc p;
	struct ms_swapdev sw;
	struct ms_numa_node nd;
};

static void filled(struct ms_snapshot *s, struct recs *r)
{
	memset(r, 0, sizeof(*r));
	ms_snapshot_init(s);
	fill(ms_zone_fields, &r->z);
	fill(ms_slab_cache_fields, &r->c);
	fill(ms_proc_fields, &r->p);
	fill(ms_swap_fields, &r->sw);
	fill(ms_numa_node_fields, &r->nd);
	fill(ms_psi_fields, &s->reclaim.psi_some);
	fill(ms_slab_detail_fields, &s->slab_detail);
	s->reclaim.psi_some.valid = true;
	s->slab_detail.valid = true;
	s->buddy.zones = &r->z;
	s->buddy.nr_zones = 1;
	s->slab.caches = &r->c;
	s->slab.n = 1;
	s->procs.v = &r->p;
	s->procs.n = 1;
	s->reclaim.swaps = &r->sw;
	s->reclaim.nr_swaps = 1;
	s->numa.nodes = &r->nd;
	s->numa.n = 1;
	s->have = MS_SEC_BIT(MS_SEC_BUDDY) | MS_SEC_BIT(MS_SEC_SLAB) |
		  MS_SEC_BIT(MS_SEC_SLAB_DETAIL) | MS_SEC_BIT(MS_SEC_PROCS) |
		  MS_SEC_BIT(MS_SEC_RECLAIM) | MS_SEC_BIT(MS_SEC_NUMA);
}

/* What an output writes of the filled snapshot, malloc'd. */
static char *written(int (*out)(FILE *, const struct ms_snapshot *,
				unsigned int))
{
	struct recs r;
	struct ms_snapshot s;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	filled(&s, &r);
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(out(f, &s, s.have), 0);
	fclose(f);
	return buf;
}

static void core_tables(void **state)
{
	struct recs r;
	struct ms_snapshot s;
	char *out;

	(void)state;
	filled(&s, &r);
	out = om_of(&s, s.have);
	has_families(out, ms_zone_fields);
	has_families(out, ms_slab_cache_fields);
	has_families(out, ms_psi_fields);
	has_families(out, ms_swap_fields);
	has_families(out, ms_numa_node_fields);
	/* kB as bytes, % as a ratio, us as seconds, from the units */
	assert_non_null(strstr(out, "memscope_swap_size_bytes{device=\"x\"} "
				    "2097152\n"));
	assert_non_null(strstr(out, "memscope_buddy_fragmentation_ratio{node="
				    "\"1\",zone=\"x\"} 0.125\n"));
	assert_non_null(strstr(out, "memscope_psi_stall_seconds_total{kind="
				    "\"some\"} 0.002048\n"));
	assert_non_null(strstr(out, "# UNIT memscope_psi_stall_seconds "
				    "seconds\n"));
	/* a unit the name does not end with is no UNIT */
	assert_null(strstr(out, "# UNIT memscope_buddy_free_blocks"));
	free(out);
}

/* A record with one field more, as a table row would add it. */
struct rec {
	char name[8];
	uint64_t used_kb, dummy;
	double v[4];
	int nv;
};

static const struct ms_field rec_fields[] = {
	MS_FIELD(struct rec, name, MS_F_STR, "name", 0, NULL, NULL, .th = "dev",
		 .tw = -4),
	MS_FIELD(struct rec, used_kb, MS_F_U64, "used_kb", MS_FF_NA, "kB", NULL,
		 .metric = "t_used_bytes", .help = "used"),
	/* the new row: its family, after the others by its om_order */
	MS_FIELD(struct rec, dummy, MS_F_U64, "dummy", MS_FF_NA, NULL, NULL,
		 .metric = "t_dummy", .help = "a new field",
		 .om = MS_OM_COUNTER, .om_order = 1, .th = "new", .tw = 5),
	MS_FIELD_VEC(struct rec, v, MS_F_DBLV, "v", nv, MS_FF_NA, "%", NULL,
		     .metric = "t_v_ratio", .help = "a vector",
		     .lkey = "order"),
	MS_FIELD_END
};

static bool rec_lbl(struct lbl *l, const void *rec, int r)
{
	(void)r;
	ms_om_lbl_str(l, "dev", ((const struct rec *)rec)->name);
	return true;
}

static void one_row(void **state)
{
	struct rec r[2] = { { "a", 1, 5, { 50, 25 }, 2 },
			    { "b", MS_NA, 6, { 0 }, 0 } };
	const struct ms_om_area a = { .t = rec_fields,
				      .recs = r,
				      .stride = sizeof(r[0]),
				      .n = 2,
				      .lbl = rec_lbl };
	struct om om = { .strict = true };
	char *buf = NULL;
	size_t len = 0;

	(void)state;
	om.f = open_memstream(&buf, &len);
	assert_non_null(om.f);
	ms_om_table(&om, &a, -128, 128);
	fclose(om.f);
	assert_string_equal(buf, "# TYPE t_used_bytes gauge\n"
				 "# UNIT t_used_bytes bytes\n"
				 "# HELP t_used_bytes used\n"
				 "t_used_bytes{dev=\"a\"} 1024\n"
				 "# TYPE t_v_ratio gauge\n"
				 "# UNIT t_v_ratio ratio\n"
				 "# HELP t_v_ratio a vector\n"
				 "t_v_ratio{dev=\"a\",order=\"0\"} 0.5\n"
				 "t_v_ratio{dev=\"a\",order=\"1\"} 0.25\n"
				 "# TYPE t_dummy counter\n"
				 "# HELP t_dummy a new field\n"
				 "t_dummy_total{dev=\"a\"} 5\n"
				 "t_dummy_total{dev=\"b\"} 6\n");
	free(buf);
}

/* Each th of t in the text out: its column's header or its key=. */
static void has_text(const char *out, const struct ms_field *t)
{
	const struct ms_field *fl[64];
	int n = ms_fields_out(t, MS_FOUT_TEXT, fl, 64);
	char want[64];

	assert_true(n > 0);
	for (int i = 0; i < n; i++) {
		print_message("%s\n", fl[i]->th);
		if (!fl[i]->th[0])
			continue;
		snprintf(want, sizeof(want), " %s=", fl[i]->th);
		if (!strstr(out, want))
			snprintf(want, sizeof(want), "%s ", fl[i]->th);
		if (!strstr(out, want))
			snprintf(want, sizeof(want), "%s\n", fl[i]->th);
		assert_non_null(strstr(out, want));
	}
}

static void core_text(void **state)
{
	char *buf = written(ms_out_text);

	(void)state;
	/* the zone's header is spelled in out/text.c: it names each column */
	has_text(buf, ms_zone_fields);
	has_text(buf, ms_slab_cache_fields);
	has_text(buf, ms_slab_detail_fields);
	has_text(buf, ms_proc_fields);
	has_text(buf, ms_psi_fields);
	has_text(buf, ms_swap_fields);
	has_text(buf, ms_numa_node_fields);
	assert_non_null(strstr(buf, "\nswap x x size=2048 used=2048\n"));
	assert_non_null(strstr(buf, " avg10=12.50 avg60=12.50"));
	free(buf);
}

static void text_one_row(void **state)
{
	struct rec r = { "a", MS_NA, 5, { 0 }, 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(f);
	ms_text_head(f, rec_fields);
	ms_text_row(f, rec_fields, &r);
	ms_text_kv(f, rec_fields, &r);
	fputc('\n', f);
	ms_text_list(f, rec_fields, &r);
	fclose(f);
	assert_string_equal(buf, "dev    new\n"
				 "a        5\n"
				 " dev=a new=5\n"
				 "  dev            a\n"
				 "  new            5\n");
	free(buf);
}

/* Each field of t in the JSON out, but those it leaves out. */
static void has_keys(const char *out, const struct ms_field *t)
{
	const struct ms_field *fl[64];
	int n = ms_fields_flat(t, fl, 64);
	char want[64];

	for (int i = 0; i < n; i++) {
		if (fl[i]->flags & (MS_FF_NOJSON | MS_FF_EVENTS))
			continue;
		print_message("%s\n", fl[i]->key);
		snprintf(want, sizeof(want), "\"%s\":", fl[i]->key);
		assert_non_null(strstr(out, want));
	}
}

static void core_json(void **state)
{
	char *buf = written(ms_out_json);

	(void)state;
	has_keys(buf, ms_zone_fields);
	has_keys(buf, ms_slab_cache_fields);
	has_keys(buf, ms_slab_detail_fields);
	has_keys(buf, ms_proc_fields);
	has_keys(buf, ms_psi_fields);
	has_keys(buf, ms_swap_fields);
	has_keys(buf, ms_numa_node_fields);
	free(buf);
}

/*
 * Reclaim stalls per memory cgroup: the 10 (--top) that stalled longest
 * by path and kind, the other two summed into path="other".
 */
static void cgroup_stalls_top(void **state)
{
	struct ms_snapshot s;
	char *out;

	(void)state;
	ms_snapshot_init(&s);
	s.have = MS_SEC_BIT(MS_SEC_RECLAIM_EVENTS);
	s.reclaim_events.fields = MS_RE_DIRECT | MS_RE_MEMCG;
	for (int i = 0; i < 12; i++) {
		struct ms_cg_reclaim *c = ms_cg_reclaim_add(&s.reclaim_events);

		assert_non_null(c);
		snprintf(c->path, sizeof(c->path), "/c%02d", i);
		c->direct.rate = 1;
		c->direct.ns_rate = 1e6 * (i + 1);
		c->memcg.rate = NAN; /* none in the interval */
		c->memcg.ns_rate = i < 2 ? 5e5 : NAN;
	}
	out = om_of(&s, s.have);
	assert_non_null(strstr(
		out, "memscope_bpf_cgroup_reclaim_stall_ratio{path=\"/c11\","
		     "kind=\"global\"} 0.012\n"));
	/* no memcg reclaim in the interval: no sample */
	assert_null(strstr(out, "{path=\"/c02\",kind=\"memcg\"}"));
	assert_null(strstr(out, "path=\"/c01\""));
	assert_null(strstr(out, "path=\"/c00\""));
	/* the two shortest: 1 + 2 ms and 2 x 0.5 ms a second */
	assert_non_null(strstr(
		out, "memscope_bpf_cgroup_reclaim_stall_ratio{path=\"other\","
		     "kind=\"global\"} 0.003\n"));
	assert_non_null(strstr(
		out, "memscope_bpf_cgroup_reclaim_stall_ratio{path=\"other\","
		     "kind=\"memcg\"} 0.001\n"));
	assert_non_null(strstr(
		out,
		"memscope_bpf_cgroup_reclaim_stalls_per_second{path=\"other\","
		"kind=\"global\"} 2\n"));
	free(out);
	ms_snapshot_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(core_tables),
		cmocka_unit_test(one_row),
		cmocka_unit_test(core_text),
		cmocka_unit_test(text_one_row),
		cmocka_unit_test(core_json),
		cmocka_unit_test(cgroup_stalls_top),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
