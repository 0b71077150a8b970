// SPDX-License-Identifier: GPL-2.0
/*
 * The live sections drawn off screen from hand-made snapshots: the VMA
 * tab's fault columns and drill-down line, the Reclaim tab's events,
 * timeline, OOM list and delays page (with its switch), the NUMA tab's
 * migrations; what is missing says why; kernel strings are escaped.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "probes/probe.h"
#include "tui/events.h"
#include "tui/view.h"
#include "tui/widgets.h"
#include "tests/unit/tui_test.h"

static const struct ms_opts opts = { .interval = 1 };
static const struct ms_ui ui = { .opts = &opts, .utf8 = true };

static unsigned int asked(struct ms_view *v, bool *delayacct)
{
	struct ms_request req = { 0 };

	ms_view_request(v, &req);
	if (delayacct)
		*delayacct = req.delayacct;
	return req.sections;
}

/* ---- VMA: the fault columns -------------------------------------------- */

static void add_proc(struct ms_snapshot *s, int pid, const char *comm,
		     uint64_t rss)
{
	struct ms_proc *p = ms_proc_add(&s->procs);

	p->pid = pid;
	snprintf(p->comm, sizeof(p->comm), "%s", comm);
	p->rss_kb = rss;
	p->minflt_rate = 10;
	p->majflt_rate = 0;
	p->uid = 0;
}

static void add_faults(struct ms_snapshot *s, int pid, double flt, double wp,
		       double lock_ns, uint64_t max_ns)
{
	struct ms_fault_proc *p = ms_fault_proc_add(&s->fault_events);

	p->pid = pid;
	p->rate[MS_FC_HW] = flt;
	p->rate[MS_FC_WP] = wp;
	p->rate[MS_FC_COW] = wp / 2;
	p->rate[MS_FC_ANON] = flt - 1;
	p->rate[MS_FC_FILE] = 1;
	p->rate[MS_FC_LOCK_NS] = lock_ns;
	p->lock_max_ns = max_ns;
}

/* Processes 1, 42, 77; faults (bpf) of 42 and 77; fexit refused. */
static void faults_snapshot(struct ms_snapshot *s, unsigned int fields)
{
	ms_snapshot_init(s);
	s->have = MS_SEC_BIT(MS_SEC_PROCS) | MS_SEC_BIT(MS_SEC_FAULT_EVENTS);
	s->source[MS_SEC_FAULT_EVENTS] = "bpf";
	add_proc(s, 1, "init", 1000);
	add_proc(s, 42, "big", 5000);
	add_proc(s, 77, "evil\x1b[31m", 2000);
	s->fault_events.fields = fields;
	s->fault_events.interval = 1;
	add_faults(s, 42, 1500, 30, 2.5e6, 1500000);
	add_faults(s, 77, 12, 3, 1000, 15000);
	if (!(fields & MS_FE_SPLIT))
		ms_snapshot_note_bpf(s, "ms_faultx",
				     "load: BPF program load failed: "
				     "Operation not permitted");
}

static void vma_fault_columns(void **state)
{
	struct ms_view *v = ms_view_vma.create(&ui);
	WINDOW *w = newwin(24, 80, 0, 0);
	struct ms_snapshot s;

	faults_snapshot(&s, MS_FE_HW | MS_FE_LOCK);
	/* not shown, not asked for: no tracepoint cost */
	assert_int_equal(asked(v, NULL), MS_SEC_BIT(MS_SEC_PROCS));
	ms_view_update(v, &s, NULL);
	assert_int_equal(ms_view_key(v, 'f'), MS_KEY_RESAMPLE);
	assert_int_equal(asked(v, NULL),
			 MS_SEC_BIT(MS_SEC_PROCS) |
				 MS_SEC_BIT(MS_SEC_FAULT_EVENTS));
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	/* cut at 80 columns, and says so */
	tt_assert_row(w, "hidden; faults per second (bpf), MinFlt\u2026");
	/* the refused fexit: its reason (cut, and says so), the columns it
	 * feeds left out */
	tt_assert_row(w, "anon/file and COW split unavailable: fexit "
			 "handle_mm_fault: load: BPF program l\u2026");
	tt_assert_no_row(w, "COW/s");
	/* busiest first; 2.5 ms/s waiting for mmap_lock, 1500 us longest */
	assert_string_equal(tt_row(w, 2), "    PID   Flt/s▼  MinFlt/s  MajFlt/s"
					  "    WP/s Lock ms/s Command"
					  "           LockMax");
	assert_string_equal(tt_row(w, 3), "     42     1500     +10/s       0/s"
					  "      30      2.50 big"
					  "                  1500");
	assert_string_equal(tt_row(w, 4), "     77       12     +10/s       0/s"
					  "       3      0.00 evil\\x1b[31m"
					  "           15");
	/* no event in a whole interval: 0, not unknown */
	assert_string_equal(tt_row(w, 5), "      1        0     +10/s       0/s"
					  "       0      0.00 init"
					  "                    -");
	tt_assert_clean(w);
	/* f again: the memory columns, and the group may go */
	assert_int_equal(ms_view_key(v, 'f'), MS_KEY_RESAMPLE);
	assert_int_equal(asked(v, NULL), MS_SEC_BIT(MS_SEC_PROCS));
	tt_draw(v, w);
	tt_assert_row(w, "    PID User        RSS▼");
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	delwin(w);
}

/* Where fexit runs: COW, anon and file too (on a wide terminal). */
static void vma_fault_split(void **state)
{
	struct ms_view *v = ms_view_vma.create(&ui);
	WINDOW *w = newwin(24, 120, 0, 0);
	struct ms_snapshot s;

	faults_snapshot(&s, MS_FE_HW | MS_FE_LOCK | MS_FE_SPLIT | MS_FE_COW);
	ms_view_update(v, &s, NULL);
	ms_view_key(v, 'f');
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	tt_assert_no_row(w, "unavailable");
	tt_assert_row(w,
		      "Command                            COW/s  Anon/s  File/s"
		      "  LockMax");
	tt_assert_row(w,
		      "big                                   15    1499       1"
		      "     1500");
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	delwin(w);
}

/* Without the section: every fault column "-" and the reason. */
static void vma_faults_missing(void **state)
{
	struct ms_view *v = ms_view_vma.create(&ui);
	WINDOW *w = newwin(24, 80, 0, 0);
	struct ms_snapshot s;

	faults_snapshot(&s, 0);
	s.have = MS_SEC_BIT(MS_SEC_PROCS);
	ms_snapshot_note(&s, "fault_events",
			 "needs root (CAP_BPF and CAP_PERFMON, or "
			 "CAP_SYS_ADMIN)");
	ms_view_key(v, 'f');
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	tt_assert_row(w, "faults (bpf) unavailable");
	tt_assert_row(w, "needs root (CAP_BPF and CAP_PERFMON");
	tt_assert_row(
		w,
		"     42        -     +10/s       0/s       -         - big");
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	delwin(w);
}

/* The drill-down: the process's own line. */
static void vma_drilldown_line(void **state)
{
	struct ms_view *v = ms_view_vma.create(&ui);
	WINDOW *w = newwin(30, 100, 0, 0);
	struct ms_snapshot s;
	struct ms_vma *m;

	faults_snapshot(&s, MS_FE_HW | MS_FE_LOCK);
	ms_view_update(v, &s, NULL);
	ms_view_key(v, KEY_HOME); /* pid 42, the largest RSS */
	assert_int_equal(ms_view_key(v, '\n'), MS_KEY_RESAMPLE);
	assert_true(asked(v, NULL) & MS_SEC_BIT(MS_SEC_FAULT_EVENTS));
	s.have |= MS_SEC_BIT(MS_SEC_VMAS);
	s.vmas.pid = 42;
	snprintf(s.vmas.comm, sizeof(s.vmas.comm), "big");
	m = ms_vma_add(&s.vmas);
	m->start = 0x400000;
	m->end = 0x401000;
	snprintf(m->perms, sizeof(m->perms), "r-xp");
	ms_derive(&s);
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	tt_assert_row(w, "faults (bpf): user 1500/s write-protect 30/s; "
			 "mmap_lock 2.50 ms/s, longest 1500 us");
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	delwin(w);
}

/* ---- Reclaim: events, timeline, OOM list, delays ------------------------ */

static void reclaim_snapshot(struct ms_snapshot *s, double t, uint64_t ooms)
{
	struct ms_reclaim_events *e = &s->reclaim_events;
	struct ms_reclaimer *r;
	struct ms_shrinker *sh;
	struct ms_cg_reclaim *c;

	ms_snapshot_init(s);
	s->t_real = t;
	s->have = MS_SEC_BIT(MS_SEC_RECLAIM) |
		  MS_SEC_BIT(MS_SEC_RECLAIM_EVENTS);
	s->source[MS_SEC_RECLAIM] = "procfs";
	s->source[MS_SEC_RECLAIM_EVENTS] = "bpf";
	e->fields = MS_RE_DIRECT | MS_RE_MEMCG | MS_RE_KSWAPD | MS_RE_WAKEUP |
		    MS_RE_SHRINK | MS_RE_WRITE | MS_RE_OOM;
	e->interval = 1;
	e->memcg.count = e->stall.count = 7;
	e->memcg.total_ns = e->stall.total_ns = 7 * 120000;
	e->memcg.max_ns = e->stall.max_ns = 400000;
	e->memcg.rate = e->stall.rate = 7;
	e->stall.ns_rate = 840000;
	e->direct.rate = 0;
	e->stall.hist[2] = 1; /* 4-8 us */
	e->stall.hist[6] = 4; /* 64-128 us */
	e->stall.hist[8] = 2;
	e->nr_kswapd = 1;
	e->kswapd[0].awake_share = 0.25;
	e->kswapd[0].wakes = 3;
	e->kswapd[0].last_wake = e->kswapd[0].last_sleep = NAN;
	r = ms_reclaimer_add(e);
	r->pid = 555;
	snprintf(r->comm, sizeof(r->comm), "reader");
	r->lat = e->stall;
	sh = ms_shrinker_add(e);
	snprintf(sh->name, sizeof(sh->name), "evil\x1b[2Jscan");
	sh->lat.count = 3;
	sh->lat.rate = 3;
	sh->lat.total_ns = 3000;
	sh->lat.ns_rate = 2e6;
	c = ms_cg_reclaim_add(e);
	snprintf(c->path, sizeof(c->path), "/system.slice/evil\x1b[2J.service");
	c->memcg = e->stall;
	c->direct.rate = c->direct.ns_rate = 0;
	e->oom_kills = ooms;
	for (uint64_t i = 0; i < ooms && i < MS_OOM_EVENTS; i++) {
		struct ms_oom_event *o = &e->oom[e->nr_oom++];

		memset(o, 0, sizeof(*o));
		o->time = t - 1;
		o->pid = 4242 + (int)i;
		snprintf(o->comm, sizeof(o->comm), "victim%d", (int)i);
		o->total_vm_kb = 65536;
		o->anon_rss_kb = 8192;
		o->file_rss_kb = 1024;
		o->killer_pid = 4242;
		snprintf(o->killer_comm, sizeof(o->killer_comm), "victim0");
		snprintf(o->cgroup, sizeof(o->cgroup), "/box\n1");
		o->scope = MS_OOM_CGROUP;
	}
}

static void reclaim_events(void **state)
{
	struct ms_view *v = ms_view_reclaim.create(&ui);
	WINDOW *w = newwin(60, 200, 0, 0); /* two columns of 99 */
	struct ms_snapshot s[3];
	double t = 1700000000;
	char when[16];
	time_t tt;

	assert_int_equal(asked(v, NULL),
			 MS_SEC_BIT(MS_SEC_RECLAIM) |
				 MS_SEC_BIT(MS_SEC_RECLAIM_EVENTS));
	/* three samples: an OOM kill in the second */
	for (int i = 0; i < 3; i++) {
		reclaim_snapshot(&s[i], t + i, i ? 1 : 0);
		ms_view_update(v, &s[i], i ? &s[i - 1] : NULL);
	}
	tt_draw(v, w);
	tt_assert_row(w, "Reclaim events (bpf)");
	tt_assert_row(w, "  stalls     7/s, mean 120 us, max 400 us "
			 "(direct 0/s, memcg 7/s)");
	tt_assert_row(w, "  kswapd     awake 25.0%");
	tt_assert_row(w, "  shrinkers  2.00 ms/s, busiest evil\\x1b[2Jscan");
	tt = (time_t)(t + 1);
	strftime(when, sizeof(when), "%H:%M:%S", localtime(&tt));
	assert_non_null(tt_find_row(w, "  OOM kills  1 since attach, last "));
	assert_non_null(strstr(tt_find_row(w, "  OOM kills  1 since"), when));
	/* the timeline: a column per sample, the OOM one marked */
	tt_assert_row(w, "  OOM kills   .1.");
	tt_assert_clean(w);
	/* a count a replay has as null is "-", not 2^64 - 1 */
	s[2].reclaim_events.oom_kills = MS_NA;
	tt_draw(v, w);
	tt_assert_row(w, "  OOM kills  - since attach, last ");
	/* ... and its interval on the timeline is unknown, not -1 kills */
	ms_view_update(v, &s[2], &s[1]);
	tt_draw(v, w);
	tt_assert_row(w, "  OOM kills   .1.-");
	s[2].reclaim_events.oom_kills = 1;
	/* kswapd's counts a replay has as null: '-' on the events page */
	s[2].reclaim_events.kswapd[0].wakes = MS_NA;
	s[2].reclaim_events.kswapd[0].sleeps = MS_NA;
	ms_view_update(v, &s[2], &s[1]);
	/* e: the events page */
	assert_int_equal(ms_view_key(v, 'e'), MS_KEY_DONE);
	tt_draw(v, w);
	tt_assert_row(w,
		      "Reclaim stalls: direct and memory cgroup, log2 buckets "
		      "(bpf)");
	/* buckets up to the last used one, bars against the largest */
	tt_assert_row(w, "  4-8 us                     1 ██████████");
	tt_assert_row(w, "  8-16 us                    0");
	tt_assert_row(w,
		      "  64-128 us                  4 ████████████████████████"
		      "████████████████");
	tt_assert_row(w, "  256-512 us                 2 ████████████████████");
	tt_assert_no_row(w, "512-1024 us");
	/* the interval after the null one is not known either */
	tt_assert_row(w, "  OOM kills   .1.--");
	tt_assert_row(w, "  N0            -        -");
	tt_assert_no_row(w, "18446744073709551615");
	tt_assert_row(w, "  writeback/s ----- now - max -");
	tt_assert_row(
		w, "      555 reader                  7     120 us     400 us"
		   "     840 us");
	tt_assert_row(
		w,
		"  evil\\x1b[2Jscan                     3     2.00      1 us");
	tt_assert_row(
		w, "  22:13:21    4242 victim0               64M     8.0M     "
		   "1.0M 4242 (victim0)       cgroup /box\\x0a1");
	/* the memory cgroups that stalled: the path escaped, per kind */
	tt_assert_row(w, "  /system.slice/evil\\x1b[2J.service               0 "
			 "       7     0.84");
	tt_assert_clean(w);
	assert_int_equal(ms_view_key(v, MS_KEY_ESC), MS_KEY_RESAMPLE);
	tt_draw(v, w);
	tt_assert_row(w, "Reclaim (/proc/vmstat)");
	v->cls->destroy(v);
	for (int i = 0; i < 3; i++)
		ms_snapshot_free(&s[i]);
	delwin(w);
}

/* The delays page, and the switch: asked for only on a key, always shown. */
static void reclaim_delays(void **state)
{
	struct ms_view *v = ms_view_reclaim.create(&ui);
	WINDOW *w = newwin(24, 80, 0, 0);
	struct ms_task_delay *d;
	struct ms_snapshot s;
	bool on = true;

	asked(v, &on);
	assert_false(on); /* never on by itself */
	assert_int_equal(ms_view_key(v, 'd'), MS_KEY_RESAMPLE);
	assert_true(asked(v, &on) & MS_SEC_BIT(MS_SEC_TASK_DELAYS));
	assert_false(on);
	reclaim_snapshot(&s, 1700000000, 0);
	s.have |= MS_SEC_BIT(MS_SEC_TASK_DELAYS);
	s.source[MS_SEC_TASK_DELAYS] = "taskstats";
	s.task_delays.delayacct = 0;
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	tt_assert_row(w, "Stall delays per process, ms per second (taskstats)");
	tt_assert_row(w,
		      "Delay accounting OFF: only what was counted before; D "
		      "turns it on");
	/* D: on, and the next samples carry it */
	assert_int_equal(ms_view_key(v, 'D'), MS_KEY_RESAMPLE);
	assert_true(asked(v, &on) & MS_SEC_BIT(MS_SEC_TASK_DELAYS));
	assert_true(on);
	s.task_delays.delayacct = 1;
	s.task_delays.ours = true;
	d = ms_task_delay_add(&s.task_delays);
	d->pid = 99;
	snprintf(d->comm, sizeof(d->comm), "cc1");
	for (int k = 0; k < MS_DL_COUNT; k++) {
		d->count[k] = 1;
		d->ns[k] = 1000;
		d->ns_rate[k] = 0;
	}
	d->ns_rate[MS_DL_FREEPAGES] = 3.5e6;
	d->count[MS_DL_WPCOPY] = d->ns[MS_DL_WPCOPY] = MS_NA; /* old kernel */
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	tt_assert_row(
		w, "Delay accounting ON, turned on by memscope: D or quitting "
		   "turns it off again");
	tt_assert_row(
		w, "     99      3.50      0.00      0.00      0.00       n/a "
		   "cc1");
	/* the overview says so while it is on */
	ms_view_key(v, MS_KEY_ESC);
	tt_draw(v, w);
	tt_assert_row(w, "  delays     accounting ON (D turns it off");
	assert_false(asked(v, NULL) & MS_SEC_BIT(MS_SEC_TASK_DELAYS));
	/* D again: off, passed on in one more sample */
	assert_int_equal(ms_view_key(v, 'D'), MS_KEY_RESAMPLE);
	assert_true(asked(v, &on) & MS_SEC_BIT(MS_SEC_TASK_DELAYS));
	assert_false(on);
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	delwin(w);
}

/* Without BPF: the overview's block says why, the page too. */
static void reclaim_events_missing(void **state)
{
	struct ms_view *v = ms_view_reclaim.create(&ui);
	WINDOW *w = newwin(24, 120, 0, 0);
	struct ms_snapshot s;

	reclaim_snapshot(&s, 1700000000, 0);
	s.have = MS_SEC_BIT(MS_SEC_RECLAIM);
	s.source[MS_SEC_RECLAIM_EVENTS] = NULL;
	ms_snapshot_note(&s, "reclaim_events", "captured tree");
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	tt_assert_row(w, "Reclaim events (unavailable)");
	tt_assert_row(w, "  reclaim events: captured tree");
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	delwin(w);
}

/* ---- NUMA ------------------------------------------------------------------ */

static void numa_events(void **state)
{
	struct ms_view *v = ms_view_numa.create(&ui);
	WINDOW *w = newwin(200, 160, 0, 0);
	struct ms_numa_events *e;
	struct ms_numa_node *nd;
	struct ms_snapshot s;

	assert_true(asked(v, NULL) & MS_SEC_BIT(MS_SEC_NUMA_EVENTS));
	ms_snapshot_init(&s);
	s.have = MS_SEC_BIT(MS_SEC_NUMA) | MS_SEC_BIT(MS_SEC_NUMA_EVENTS);
	s.source[MS_SEC_NUMA_EVENTS] = "bpf";
	nd = ms_numa_add(&s.numa);
	nd->node = 0;
	e = &s.numa_events;
	e->fields = MS_NE_MIGRATE | MS_NE_TASK;
	e->interval = 1;
	e->nr_reasons = 2;
	snprintf(e->reason[0].name, 24, "compaction");
	e->reason[0].calls = 267;
	e->reason[0].succeeded = 44045;
	e->reason[0].succeeded_rate = 98;
	snprintf(e->reason[1].name, 24, "numa_misplaced"); /* no calls */
	e->succeeded = 44045;
	e->succeeded_rate = 98;
	ms_snapshot_note_bpf(&s, "ms_numafault",
			     "load: BPF program load failed: Operation not "
			     "permitted");
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	tt_assert_row(w, "Migrations and hinting faults (bpf)");
	tt_assert_row(w, "  pages migrated 98/s, failed 0/s (44045 and 0 since "
			 "attach)");
	tt_assert_row(w,
		      "  compaction                 267       44045         0"
		      "        98");
	tt_assert_no_row(w, "numa_misplaced");
	tt_assert_row(w, "  hinting faults per node: unavailable (fentry "
			 "task_numa_fault: load: BPF program load failed: "
			 "Operation not permitted)");
	tt_assert_row(w, "  tasks moved to another node 0/s, swapped 0/s");
	/* a recording without the counts: "-", never UINT64_MAX */
	e->succeeded = e->failed = MS_NA;
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	tt_assert_row(w, "  pages migrated 98/s, failed 0/s (- and - since "
			 "attach)");
	/* a reason's counts too */
	e->reason[0].calls = e->reason[0].succeeded = MS_NA;
	e->reason[0].failed = MS_NA;
	ms_view_update(v, &s, NULL);
	tt_draw(v, w);
	tt_assert_row(w,
		      "  compaction                   -           -         -"
		      "        98");
	tt_assert_no_row(w, "18446744073709551615");
	v->cls->destroy(v);
	ms_snapshot_free(&s);
	delwin(w);
}

/* The cost line says memscope's own events are left out, while they are. */
static void own_activity_line(void **state)
{
	static struct ms_snapshot s;
	char buf[256];

	ms_snapshot_init(&s);
	s.bpf.open = true;
	s.bpf.nr_groups = 1;
	snprintf(s.bpf.groups[0], sizeof(s.bpf.groups[0]), "slab");
	s.bpf.ns_rate = NAN;
	s.bpf.stats = true;
	s.bpf.own_excluded = true;
	assert_string_equal(ms_bpf_cost_line(buf, sizeof(buf), &s, false),
			    " bpf: slab live, own activity excluded (I); "
			    "cost from the next sample");
	/* a replay's groups were recorded, and I changes nothing there */
	assert_string_equal(ms_bpf_cost_line(buf, sizeof(buf), &s, true),
			    " bpf: slab recorded, own activity excluded; "
			    "cost from the next sample");
	s.bpf.own_excluded = false; /* --include-self, or I */
	assert_string_equal(ms_bpf_cost_line(buf, sizeof(buf), &s, false),
			    " bpf: slab live; cost from the next sample");
	ms_snapshot_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(vma_fault_columns),
		cmocka_unit_test(vma_fault_split),
		cmocka_unit_test(vma_faults_missing),
		cmocka_unit_test(vma_drilldown_line),
		cmocka_unit_test(reclaim_events),
		cmocka_unit_test(reclaim_delays),
		cmocka_unit_test(reclaim_events_missing),
		cmocka_unit_test(numa_events),
		cmocka_unit_test(own_activity_line),
	};
	setenv("TZ", "UTC", 1);
	tzset();
	return tt_run("test_tui_live", tests, false);
}
