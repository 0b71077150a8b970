// SPDX-License-Identifier: GPL-2.0
/* The plain-text batch output of the event sections (out/text_events.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out/output.h"
#include "model/snapshot.h"

/* The text of one snapshot's sections, malloc'd. */
static char *text_of(const struct ms_snapshot *s, unsigned int sections)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(ms_out_text(f, s, sections), 0);
	fclose(f);
	return buf;
}

/* The line of out that starts with prefix, copied into line. */
static const char *line_of(const char *out, const char *prefix, char *line,
			   size_t n)
{
	for (const char *p = out; p && *p;
	     p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		size_t l = strcspn(p, "\n");

		if (!strncmp(p, prefix, strlen(prefix))) {
			snprintf(line, n, "%.*s", (int)l, p);
			return line;
		}
	}
	return NULL;
}

static void buddy_events(void **state)
{
	struct ms_snapshot s;
	struct ms_buddy_events *e = &s.buddy_events;
	char l[512], *out;

	(void)state;
	ms_snapshot_init(&s);
	s.have = MS_SEC_BIT(MS_SEC_BUDDY_EVENTS);
	e->fields = MS_BE_ALLOC | MS_BE_FREE | MS_BE_EXTFRAG;
	e->interval = 0.5;
	e->nr_orders = 3;
	e->nr_migrate = 2;
	strcpy(e->migrate[0], "Unmovable");
	strcpy(e->migrate[1], "Movable");
	e->alloc_rate[0] = 120;
	e->alloc_rate[2] = 4.25;
	e->free_rate[1] = NAN;
	e->mt_alloc_rate[1][0] = 100;
	e->nr_extfrag = 1;
	e->extfrag[0] = (struct ms_extfrag_event){
		.wanted = 0, .taken = 1, .count = 7, .rate = 2
	};
	out = text_of(&s, MS_SEC_BIT(MS_SEC_BUDDY_EVENTS));
	assert_non_null(strstr(out, "Buddy events (bpf) over 0.50 s"));
	assert_non_null(line_of(out, "  alloc ", l, sizeof(l)));
	assert_string_equal(l, "  alloc           120.0       0.0       4.2");
	assert_non_null(line_of(out, "  free ", l, sizeof(l)));
	assert_string_equal(l, "  free              0.0         -       0.0");
	assert_non_null(line_of(out, "  Movable", l, sizeof(l)));
	assert_string_equal(l, "  Movable         100.0       0.0       0.0");
	assert_non_null(strstr(out, "Unmovable->Movable=7 (2.0/s)"));
	/* compaction not counted: no line at all */
	assert_null(strstr(out, "compaction"));
	free(out);
	/* not asked for: nothing */
	out = text_of(&s, MS_SEC_BIT(MS_SEC_BUDDY));
	assert_null(strstr(out, "Buddy events"));
	free(out);
	ms_snapshot_free(&s);
}

static void slab_events_busiest_first(void **state)
{
	struct ms_snapshot s;
	char l[512], *out;

	(void)state;
	ms_snapshot_init(&s);
	s.have = MS_SEC_BIT(MS_SEC_SLAB_EVENTS);
	s.slab_events.interval = 1;
	for (int i = 0; i < 30; i++) {
		struct ms_slab_rate *r = ms_slab_rate_add(&s.slab_events);

		assert_non_null(r);
		snprintf(r->name, sizeof(r->name), "cache%02d", i);
		r->alloc_rate = i;
		r->free_rate = NAN;
		r->alloc_bytes_rate = 64.0 * i;
	}
	/* a hostile name is escaped */
	strcpy(s.slab_events.v[3].name, "evil\033[2J");
	s.slab_events.v[3].alloc_rate = 1000;
	out = text_of(&s, MS_SEC_BIT(MS_SEC_SLAB_EVENTS));
	assert_null(strchr(out, '\033'));
	assert_non_null(line_of(out, "evil", l, sizeof(l)));
	assert_non_null(strstr(l, "evil\\x1b[2J"));
	/* busiest first, then cache29 .. cache11: 20 rows, cache10 cut */
	assert_true(strstr(out, "evil") < strstr(out, "cache29"));
	assert_non_null(line_of(out, "cache29", l, sizeof(l)));
	assert_non_null(strstr(l, "29.0          -         1856"));
	assert_non_null(strstr(out, "cache11"));
	assert_null(strstr(out, "cache10"));
	free(out);
	ms_snapshot_free(&s);
}

static void faults_only_counted_fields(void **state)
{
	struct ms_snapshot s;
	struct ms_fault_events *e = &s.fault_events;
	struct ms_fault_proc *p;
	char l[512], *out;

	(void)state;
	ms_snapshot_init(&s);
	s.have = MS_SEC_BIT(MS_SEC_FAULT_EVENTS);
	e->fields = MS_FE_HW | MS_FE_LOCK; /* fexit refused */
	e->interval = 1;
	e->total.rate[MS_FC_HW] = 50;
	e->total.rate[MS_FC_WP] = 3;
	e->total.rate[MS_FC_MINOR] = 49; /* not counted: "-" */
	e->total.rate[MS_FC_LOCK_NS] = 2.5e6;
	e->total.lock_max_ns = 12000;
	p = ms_fault_proc_add(e);
	assert_non_null(p);
	p->pid = 42;
	strcpy(p->comm, "a\nb");
	p->rate[MS_FC_HW] = 50;
	out = text_of(&s, MS_SEC_BIT(MS_SEC_FAULT_EVENTS));
	assert_non_null(line_of(out, "    all", l, sizeof(l)));
	assert_string_equal(l, "    all                      50.0      3.0"
			       "        -        -        -        -        -"
			       "      2.50       12");
	assert_non_null(line_of(out, "     42 a\\x0ab", l, sizeof(l)));
	free(out);
	ms_snapshot_free(&s);
}

static void reclaim_events(void **state)
{
	struct ms_snapshot s;
	struct ms_reclaim_events *e = &s.reclaim_events;
	struct ms_cg_reclaim *c;
	char *out;

	(void)state;
	ms_snapshot_init(&s);
	s.have = MS_SEC_BIT(MS_SEC_RECLAIM_EVENTS);
	e->fields = MS_RE_DIRECT | MS_RE_OOM;
	e->interval = 1;
	e->direct.count = 4;
	e->direct.total_ns = 4000000;
	e->direct.max_ns = 2500000;
	e->direct.rate = 4;
	e->direct.ns_rate = 4e6;
	e->direct.hist[9] = 3; /* [512, 1024) us */
	e->direct.hist[11] = 1;
	e->oom_kills = 1;
	e->nr_oom = 1;
	e->oom[0] = (struct ms_oom_event){
		.time = 0, .pid = 7, .anon_rss_kb = 2048, .total_vm_kb = MS_NA
	};
	strcpy(e->oom[0].comm, "hog");
	/* a cgroup's OOM, and a cgroup's stalls */
	e->nr_oom = 2;
	e->oom[1] = (struct ms_oom_event){ .pid = 8,
					   .anon_rss_kb = 1,
					   .total_vm_kb = 1,
					   .scope = MS_OOM_CGROUP,
					   .scope_by = MS_OOM_BY_CONTROL };
	strcpy(e->oom[1].comm, "box");
	strcpy(e->oom[1].cgroup, "/a/b\n");
	strcpy(e->oom[1].oom_cgroup, "/a");
	c = ms_cg_reclaim_add(e);
	strcpy(c->path, "/svc");
	c->direct = e->direct;
	out = text_of(&s, MS_SEC_BIT(MS_SEC_RECLAIM_EVENTS));
	assert_non_null(strstr(out, " pid 8 box anon_rss_kb=1 total_vm_kb=1 "
				    "cgroup=/a/b\\x0a scope=cgroup "
				    "oom_cgroup=/a (by oom_control)\n"));
	assert_non_null(strstr(out, "  cgroup /svc\n   direct   4 (4.0/s), "
				    "4.00 ms/s, mean 1000.0 us"));
	assert_non_null(strstr(out, "  direct    4 (4.0/s), 4.00 ms/s, "
				    "mean 1000.0 us, max 2500.0 us "
				    "[512,1024)us=3 [2048,4096)us=1\n"));
	/* memcg not counted: no line */
	assert_null(strstr(out, "memcg"));
	assert_non_null(strstr(out, "OOM kills since attach: 1\n"));
	assert_non_null(strstr(out, " pid 7 hog anon_rss_kb=2048 "
				    "total_vm_kb=-\n"));
	free(out);
	ms_snapshot_free(&s);
}

/*
 * What could not be read is "-", never UINT64_MAX printed as a count: a
 * cache the slab events saw that slabinfo lacks (kmalloc-large), the call
 * sites of a replay (their allocation count is not recorded).
 */
static void not_available_is_a_dash(void **state)
{
	struct ms_snapshot s;
	struct ms_slab_cache *c;
	char l[512], *out;

	(void)state;
	ms_snapshot_init(&s);
	s.have = MS_SEC_BIT(MS_SEC_SLAB) | MS_SEC_BIT(MS_SEC_SLAB_EVENTS);
	c = ms_slab_add(&s.slab);
	strcpy(c->name, "kmalloc-large");
	c->active_objs = c->num_objs = c->objsize = MS_NA;
	c->objperslab = c->pagesperslab = c->num_slabs = MS_NA;
	c->size_bytes = MS_NA;
	s.slab_events.fields = MS_SE_CALLSITES;
	strcpy(s.slab_events.target, "kmalloc-64");
	s.slab_events.target_allocs = MS_NA;
	out = text_of(&s, s.have);
	assert_null(strstr(out, "18446744073709551615"));
	assert_non_null(line_of(out, "kmalloc-large", l, sizeof(l)));
	assert_non_null(strstr(l, "      -     -    -         -"));
	assert_non_null(strstr(out, "call sites of kmalloc-64 (- allocat"));
	free(out);
	ms_snapshot_free(&s);
}

/*
 * A VMA of a recording whose range, offset or inode is null prints "-"
 * (the row printed them as numbers: ffffffffffffffff, and its size from
 * them).
 */
static void vma_not_available_is_a_dash(void **state)
{
	struct ms_snapshot s;
	struct ms_vma *v;
	char l[512], *out;

	(void)state;
	ms_snapshot_init(&s);
	s.have = MS_SEC_BIT(MS_SEC_VMAS);
	s.vmas.pid = 7;
	v = ms_vma_add(&s.vmas);
	v->start = v->offset = v->inode = MS_NA;
	v->end = 0x1000;
	strcpy(v->perms, "r--p");
	strcpy(v->dev, "fe:00");
	v->rss_kb = v->pss_kb = 4;
	out = text_of(&s, s.have);
	assert_null(strstr(out, "ffffffff"));
	assert_null(strstr(out, "18446744073709551615"));
	assert_non_null(
		line_of(out, "           - 000000001000 r--p", l, sizeof(l)));
	assert_non_null(strstr(l,
			       " r--p        - fe:00            -          - "
			       "         4          4"));
	free(out);
	ms_snapshot_free(&s);
}

/*
 * The event counts of a replay whose recording has them null (a damaged
 * or hand-made one): "-" too, and no mean or maximum made of them (a null
 * max_ns printed 18446744073709551.6 us).
 */
static void events_not_available_is_a_dash(void **state)
{
	struct ms_snapshot s;
	struct ms_reclaim_events *e = &s.reclaim_events;
	struct ms_buddy_events *b = &s.buddy_events;
	struct ms_shrinker *sh;
	char *out;

	(void)state;
	ms_snapshot_init(&s);
	s.have = MS_SEC_BIT(MS_SEC_RECLAIM_EVENTS) |
		 MS_SEC_BIT(MS_SEC_BUDDY_EVENTS);
	e->fields = MS_RE_DIRECT | MS_RE_OOM | MS_RE_KSWAPD | MS_RE_SHRINK |
		    MS_RE_WRITE;
	e->interval = 1;
	e->direct.count = MS_NA;
	e->direct.total_ns = e->direct.max_ns = MS_NA;
	e->direct.hist[3] = MS_NA;
	e->oom_kills = MS_NA;
	e->write_folios = MS_NA;
	e->nr_kswapd = 1;
	e->kswapd[0].wakes = MS_NA;
	sh = ms_shrinker_add(e);
	strcpy(sh->name, "a_shrinker");
	sh->freed = MS_NA;
	sh->lat.max_ns = MS_NA;
	b->fields = MS_BE_COMPACT;
	b->interval = 1;
	b->compaction.runs = b->compaction.direct = MS_NA;
	b->compaction.max_us = MS_NA;
	out = text_of(&s, s.have);
	assert_null(strstr(out, "18446744073709551615"));
	assert_null(strstr(out, "18446744073709551"));
	assert_non_null(strstr(out, "  direct    - (-/s), - ms/s, mean - us, "
				    "max - us [8,16)us=-\n"));
	assert_non_null(strstr(out, "OOM kills since attach: -\n"));
	assert_non_null(strstr(out, "writeback from reclaim: - folios"));
	assert_non_null(strstr(out, " asleep, - wakes ("));
	assert_non_null(strstr(out, "shrinker a_shrinker freed - ("));
	assert_non_null(strstr(out, "compaction: - runs (- direct) "));
	assert_non_null(strstr(out, "max - us;"));
	free(out);
	ms_snapshot_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buddy_events),
		cmocka_unit_test(slab_events_busiest_first),
		cmocka_unit_test(faults_only_counted_fields),
		cmocka_unit_test(reclaim_events),
		cmocka_unit_test(not_available_is_a_dash),
		cmocka_unit_test(vma_not_available_is_a_dash),
		cmocka_unit_test(events_not_available_is_a_dash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
