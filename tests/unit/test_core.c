// SPDX-License-Identifier: GPL-2.0
/* Core tests: escaping, rates, derived values, JSON nulls, the manager. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/escape.h"
#include "out/output.h"
#include "store/json.h"
#include "probes/probe.h"

static void escape_controls(void **state)
{
	char out[128];

	ms_escape(out, sizeof(out), "a\033[31mb\nc\x7f", (size_t)-1);
	assert_string_equal(out, "a\\x1b[31mb\\x0ac\\x7f");
	ms_escape(out, sizeof(out), "back\\slash", (size_t)-1);
	assert_string_equal(out, "back\\\\slash");
}

static void escape_utf8(void **state)
{
	char out[128];

	/* valid UTF-8 stays, invalid and C1 (CSI as U+009B) are escaped */
	ms_escape(out, sizeof(out), "内存\xff\xc2\x9b", (size_t)-1);
	assert_string_equal(out, "内存\\xff\\xc2\\x9b");
	/* overlong '/' and a lone continuation byte */
	ms_escape(out, sizeof(out), "\xc0\xaf\x80", (size_t)-1);
	assert_string_equal(out, "\\xc0\\xaf\\x80");
	/* a bidi override (U+202E) could reorder the screen */
	ms_escape(out, sizeof(out), "x\xe2\x80\xae", (size_t)-1);
	assert_string_equal(out, "x\\xe2\\x80\\xae");
}

static void escape_bounds(void **state)
{
	char out[6];

	/* never half an escape or half a character */
	assert_int_equal(ms_escape(out, sizeof(out), "ab\033", (size_t)-1), 2);
	assert_string_equal(out, "ab");
	assert_int_equal(ms_escape(out, 5, "abc内", (size_t)-1), 3);
	assert_string_equal(out, "abc");
	assert_int_equal(ms_escape(out, sizeof(out), "a\0b", 3), 5);
	assert_string_equal(out, "a\\x00");
}

static void rates_vmstat(void **state)
{
	struct ms_snapshot a, b;

	ms_snapshot_init(&a);
	ms_snapshot_init(&b);
	a.t_mono = 10.0;
	b.t_mono = 12.0;
	ms_kv_add(&a.reclaim.vmstat, "pgfault", 100);
	ms_kv_add(&a.reclaim.vmstat, "pgscan", 50);
	ms_kv_add(&b.reclaim.vmstat, "pgscan", 40); /* reset */
	ms_kv_add(&b.reclaim.vmstat, "pgfault", 300); /* other order */
	ms_kv_add(&b.reclaim.vmstat, "new_counter", 7);
	ms_rates(&b, &a);
	assert_true(isnan(b.reclaim.vmstat.v[0].rate));
	assert_float_equal(b.reclaim.vmstat.v[1].rate, 100.0, 1e-9);
	assert_true(isnan(b.reclaim.vmstat.v[2].rate));
	assert_true(b.reclaim.vmstat.v[0].reset);
	assert_false(b.reclaim.vmstat.v[1].reset);
	assert_false(b.reclaim.vmstat.v[2].reset);
	ms_rates(&a, NULL);
	assert_true(isnan(a.reclaim.vmstat.v[0].rate));
	ms_snapshot_free(&a);
	ms_snapshot_free(&b);
}

/* An amount may shrink (a negative rate); an event counter only grows. */
static void rates_vmstat_gauges(void **state)
{
	static const char *const names[] = {
		"nr_free_pages",       "workingset_nodes", "nr_dirtied",
		"nr_tlb_remote_flush", "pgfree",
	};
	struct ms_snapshot a, b;

	ms_snapshot_init(&a);
	ms_snapshot_init(&b);
	a.t_mono = 10.0;
	b.t_mono = 12.0;
	for (int i = 0; i < 5; i++) {
		ms_kv_add(&a.reclaim.vmstat, names[i], 1178884);
		ms_kv_add(&b.reclaim.vmstat, names[i], 1178884 - 19000);
	}
	ms_rates(&b, &a);
	assert_float_equal(b.reclaim.vmstat.v[0].rate, -9500.0, 1e-9);
	assert_float_equal(b.reclaim.vmstat.v[1].rate, -9500.0, 1e-9);
	for (int i = 0; i < 5; i++)
		assert_int_equal(b.reclaim.vmstat.v[i].reset, i >= 2);
	for (int i = 2; i < 5; i++)
		assert_true(isnan(b.reclaim.vmstat.v[i].rate));
	assert_true(ms_vmstat_gauge("nr_anon_pages"));
	assert_false(ms_vmstat_gauge("nr_written"));
	assert_false(ms_vmstat_gauge("pgscan_kswapd"));
	ms_snapshot_free(&a);
	ms_snapshot_free(&b);
}

static void rates_procs_and_slab(void **state)
{
	struct ms_snapshot a, b;
	struct ms_proc *p;
	struct ms_slab_cache *c;

	ms_snapshot_init(&a);
	ms_snapshot_init(&b);
	a.t_mono = 1.0;
	b.t_mono = 1.5;
	for (int pid = 1; pid <= 3; pid++) {
		p = ms_proc_add(&a.procs);
		p->pid = pid;
		snprintf(p->comm, sizeof(p->comm), "p%d", pid);
		p->minflt = 10;
		p->majflt = 1;
	}
	p = ms_proc_add(&b.procs);
	*p = a.procs.v[1];
	p->minflt = 20;
	p = ms_proc_add(&b.procs);
	*p = a.procs.v[2];
	snprintf(p->comm, sizeof(p->comm), "reused");
	p->minflt = 5;
	c = ms_slab_add(&a.slab);
	snprintf(c->name, sizeof(c->name), "dentry");
	c->num_objs = 100;
	c->num_slabs = 10;
	c->pagesperslab = 1;
	*ms_slab_add(&b.slab) = *c;
	b.slab.caches[0].num_objs = 50;
	b.slab.caches[0].num_slabs = 5;
	ms_derive(&a);
	ms_derive(&b);
	ms_rates(&b, &a);
	assert_float_equal(b.procs.v[0].minflt_rate, 20.0, 1e-9);
	assert_float_equal(b.procs.v[0].majflt_rate, 0.0, 1e-9);
	assert_true(isnan(b.procs.v[1].minflt_rate));
	/* caches shrink: negative growth is real, not a reset */
	assert_float_equal(b.slab.caches[0].objs_rate, -100.0, 1e-9);
	assert_float_equal(b.slab.caches[0].bytes_rate, -5 * 4096 * 2.0, 1e-6);
	assert_int_equal(b.slab.caches[0].size_bytes, 5 * 4096);
	assert_float_equal(b.slab.caches[0].active_pct, 0.0, 1e-9);
	ms_snapshot_free(&a);
	ms_snapshot_free(&b);
}

static void json_nulls_and_escapes(void **state)
{
	struct ms_snapshot s;
	struct ms_proc *p;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	ms_snapshot_init(&s);
	s.have = MS_SEC_BIT(MS_SEC_PROCS);
	p = ms_proc_add(&s.procs);
	p->pid = 42;
	snprintf(p->comm, sizeof(p->comm), "bad\033]0;x\x07\xff");
	p->rss_kb = 12;
	assert_int_equal(ms_out_json(f, &s, MS_SEC_ALL), 0);
	fclose(f);
	assert_non_null(strstr(text, "\"pss_kb\":null"));
	assert_non_null(strstr(text, "\"rss_kb\":12"));
	assert_non_null(strstr(text, "bad\\\\x1b]0;x\\\\x07\\\\xff"));
	assert_null(strchr(text, '\033'));
	assert_null(strstr(text, "\"buddy\""));
	free(text);
	ms_snapshot_free(&s);
}

/* A fake backend proves the manager picks the best owner per section. */
static int fake_sampled;

static int fake_detect(const struct ms_root *r, unsigned int *caps, char *why,
		       size_t len)
{
	*caps = MS_SEC_BIT(MS_SEC_BUDDY);
	return 0;
}

static int fake_open(struct ms_probe *p)
{
	return 0;
}

static int fake_sample(struct ms_probe *p, const struct ms_request *req,
		       struct ms_snapshot *s)
{
	fake_sampled++;
	s->source[MS_SEC_BUDDY] = p->ops->name;
	return 0;
}

static void fake_close(struct ms_probe *p)
{
}

static const struct ms_probe_ops fake_ops = {
	.name = "fake",
	.priority = 100,
	.detect = fake_detect,
	.open = fake_open,
	.sample = fake_sample,
	.close = fake_close,
};

static void manager_owners(void **state)
{
	struct ms_manager m;
	struct ms_root root;
	struct ms_snapshot s;
	struct ms_request req = { .sections = MS_SEC_BIT(MS_SEC_BUDDY) |
					      MS_SEC_BIT(MS_SEC_MEMINFO) };

	assert_int_equal(ms_root_open(&root, "tests/fixtures/debian12-6.18"),
			 0);
	assert_int_equal(ms_manager_open(&m, &root), 0);
	/* splice the fake in as a second, better backend */
	m.probes[m.n] = (struct ms_probe){ .ops = &fake_ops,
					   .root = &root,
					   .opened = true };
	fake_detect(&root, &m.probes[m.n].caps, NULL, 0);
	m.n++;
	for (int i = 0; i < m.n; i++)
		m.probes[i].owns = 0;
	for (int sec = 0; sec < MS_SEC_COUNT; sec++) {
		struct ms_probe *best = NULL;

		for (int i = 0; i < m.n; i++)
			if ((m.probes[i].caps & MS_SEC_BIT(sec)) &&
			    (!best ||
			     m.probes[i].ops->priority > best->ops->priority))
				best = &m.probes[i];
		m.owner[sec] = best;
		if (best)
			best->owns |= MS_SEC_BIT(sec);
	}
	ms_snapshot_init(&s);
	ms_manager_sample(&m, &req, &s);
	assert_int_equal(fake_sampled, 1);
	assert_string_equal(s.source[MS_SEC_BUDDY], "fake");
	assert_string_equal(s.source[MS_SEC_MEMINFO], "procfs");
	assert_string_equal(s.kernel, "6.18.44-fc-v657");
	ms_snapshot_free(&s);
	ms_manager_close(&m);
	ms_root_close(&root);
}

/*
 * A run that will never show what a backend provides does not open it; a
 * sample that asks anyway says why (a one-shot's events, in batch mode).
 */
static void manager_open_for(void **state)
{
	struct ms_manager m;
	struct ms_root root;
	struct ms_snapshot s;
	struct ms_request req = { .sections = MS_SEC_BIT(MS_SEC_BUDDY) };

	assert_int_equal(ms_root_open(&root, "tests/fixtures/debian12-6.18"),
			 0);
	assert_int_equal(ms_manager_open_for(
				 &m, &root, MS_SEC_BIT(MS_SEC_BUDDY), "unused"),
			 0);
	assert_true(m.owner[MS_SEC_BUDDY] && m.owner[MS_SEC_BUDDY]->opened);
	ms_manager_close(&m);
	/* only sections no tree backend reads: procfs stays closed */
	assert_int_equal(ms_manager_open_for(&m, &root,
					     MS_SEC_BIT(MS_SEC_TASK_DELAYS),
					     "needs two samples"),
			 -ENODEV);
	assert_null(m.owner[MS_SEC_BUDDY]);
	ms_snapshot_init(&s);
	assert_false(ms_manager_sample(&m, &req, &s));
	assert_int_equal(s.nr_notes, 1);
	assert_string_equal(s.notes[0].what, "buddy");
	assert_string_equal(s.notes[0].why, "needs two samples");
	ms_snapshot_free(&s);
	ms_manager_close(&m);
	ms_root_close(&root);
}

static void notes_dedup(void **state)
{
	struct ms_snapshot s;

	ms_snapshot_init(&s);
	ms_snapshot_note(&s, "slabinfo", "needs root");
	ms_snapshot_note(&s, "slabinfo", "needs root again");
	for (int i = 0; i < 100; i++)
		ms_snapshot_note(&s, i % 2 ? "a" : "b", "%d", i);
	assert_int_equal(s.nr_notes, 3);
	assert_string_equal(s.notes[0].why, "needs root");
	ms_snapshot_free(&s);
}

/* A captured tree is untrusted: its links cannot lead out of it. */
static void root_links_stay_inside(void **state)
{
	char dir[] = "/tmp/ms-root-XXXXXX", path[256];
	struct ms_root r;
	struct ms_buf b = { 0 };

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/proc", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/proc/inside", dir);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs("tree\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/proc/up", dir);
	assert_int_equal(symlink("../../../../../../../../etc/hostname", path),
			 0);
	snprintf(path, sizeof(path), "%s/proc/abs", dir);
	assert_int_equal(symlink("/proc/inside", path), 0);
	assert_int_equal(ms_root_open(&r, dir), 0);
	assert_int_equal(ms_read(&r, "proc/up", &b), -ENOENT);
	assert_false(ms_exists(&r, "etc/hostname"));
	/* an absolute link means the tree's own file, as in a sosreport */
	assert_int_equal(ms_read(&r, "proc/abs", &b), 0);
	assert_string_equal(b.data, "tree\n");
	ms_buf_free(&b);
	ms_root_close(&r);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	assert_int_equal(system(path), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escape_controls),
		cmocka_unit_test(escape_utf8),
		cmocka_unit_test(escape_bounds),
		cmocka_unit_test(rates_vmstat),
		cmocka_unit_test(rates_vmstat_gauges),
		cmocka_unit_test(rates_procs_and_slab),
		cmocka_unit_test(json_nulls_and_escapes),
		cmocka_unit_test(manager_owners),
		cmocka_unit_test(manager_open_for),
		cmocka_unit_test(notes_dedup),
		cmocka_unit_test(root_links_stay_inside),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
