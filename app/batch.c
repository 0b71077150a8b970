// SPDX-License-Identifier: GPL-2.0
/* Batch mode: sample, print text or JSON Lines, sleep, repeat (like top -b). */
#include "app/batch.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/target.h"
#include "app/vma_spool.h"
#include "model/area.h"
#include "model/escape.h"
#include "out/openmetrics.h"
#include "out/output.h"
#include "store/json.h"

unsigned int ms_tab_sections(const char *tab, const struct ms_opts *o)
{
	const struct ms_area *a = ms_area_by_name(tab);
	unsigned int sec = a ? a->tab : 0;

	/* every area's passive sections, but a process's VMAs and a cache */
	if (!tab || !strcmp(tab, "all"))
		sec = MS_SEC_ALL & ~MS_SEC_BIT(MS_SEC_VMAS) &
		      ~MS_SEC_BIT(MS_SEC_SLAB_DETAIL);
	if (!sec)
		return 0;
	sec |= MS_SEC_BIT(MS_SEC_MEMINFO);
	/* --pid turns the process list into that process's VMAs */
	if (o->pid > 0 && (sec & MS_SEC_BIT(MS_SEC_PROCS))) {
		sec |= MS_SEC_BIT(MS_SEC_VMAS);
		if (tab && !strcmp(tab, "vma"))
			sec &= ~MS_SEC_BIT(MS_SEC_PROCS);
	}
	if (o->slab_cache && (sec & MS_SEC_BIT(MS_SEC_SLAB)))
		sec |= MS_SEC_BIT(MS_SEC_SLAB_DETAIL);
	/* and, in JSON, its maple tree when memscope.ko is loaded */
	if (o->json && (sec & MS_SEC_BIT(MS_SEC_VMAS)))
		sec |= MS_SEC_BIT(MS_SEC_MAPLE);
	if (o->alloc_probe >= 0)
		sec |= MS_SEC_BIT(MS_SEC_ALLOC_PROBE);
	if (o->bench_size)
		sec |= MS_SEC_BIT(MS_SEC_SLAB_BENCH);
	/* --delayacct: the delays it turns on, whatever the tab */
	if (o->delayacct)
		sec |= MS_SEC_BIT(MS_SEC_TASK_DELAYS);
	if (o->attribution)
		sec |= MS_SEC_BIT(MS_SEC_ATTRIBUTION);
	if (o->physmap)
		sec |= MS_SEC_BIT(MS_SEC_PHYSMAP);
	if (o->damon)
		sec |= MS_SEC_BIT(MS_SEC_DAMON);
	return sec;
}

/* OpenMetrics or Prometheus text: one exposition, no per-process series. */
static bool metrics(const struct ms_opts *o)
{
	return o->format == MS_FMT_OPENMETRICS ||
	       o->format == MS_FMT_PROMETHEUS || o->serve;
}

void ms_batch_request(struct ms_request *req, const struct ms_opts *o)
{
	memset(req, 0, sizeof(*req));
	req->sections = ms_tab_sections(o->tab, o);
	/* a replay without --tab prints every section it recorded */
	if (o->replay && !o->tab)
		req->sections = MS_SEC_EVERY;
	req->pid = o->pid;
	req->maple_pid = o->pid;
	req->alloc_probe.node = -1;
	req->alloc_probe.max_order = o->alloc_probe;
	req->slab_bench.size = o->bench_size;
	req->slab_bench.count = o->bench_count;
	req->pagetypes = req->pagetypes_full = true;
	/* a script asked for this sample once: no process's PSS is stale */
	req->procs_full = true;
	req->cgroups_full = true;
	req->census_full = true;
	req->files_full = true;
	req->folios = req->folios_full = o->folios;
	/*
	 * a service samples on and on: the costly parts go on within the
	 * explorer's budgets (ages, census and files passes), not in full
	 * each time
	 */
	if (o->serve)
		req->cgroups_full = req->census_full = req->files_full =
			req->pagetypes_full = false;
	req->delayacct = o->delayacct;
	req->damon = o->damon;
	req->damon_pid = o->damon_pid;
	/* metrics have no per-process series: do not read every process */
	if (metrics(o))
		req->sections &=
			~(MS_SEC_BIT(MS_SEC_PROCS) | MS_SEC_BIT(MS_SEC_VMAS) |
			  MS_SEC_BIT(MS_SEC_MAPLE) |
			  MS_SEC_BIT(MS_SEC_SLAB_DETAIL));
	if (o->slab_cache)
		snprintf(req->slab_cache, sizeof(req->slab_cache), "%s",
			 o->slab_cache);
}

/* Samples a run takes: -n; a metrics file holds one exposition, by
 * default of the first sample (rates need -n 2 or more); 0 = forever,
 * as --serve. */
static int batch_count(const struct ms_opts *o)
{
	return o->count ? o->count : metrics(o) && !o->serve ? 1 : 0;
}

unsigned int ms_batch_sections(const struct ms_opts *o)
{
	struct ms_request req;

	ms_batch_request(&req, o);
	return req.sections;
}

unsigned int ms_batch_wants(const struct ms_opts *o, const char **why)
{
	struct ms_request req;

	*why = NULL;
	if (!o->batch || o->capture || o->record || o->replay)
		return MS_SEC_EVERY;
	ms_batch_request(&req, o);
	/* event counters start when their programs attach: one sample has
	 * no rate to show, so a one-shot loads no BPF at all; nor has BPF's
	 * attribution seen an allocation yet (/proc/allocinfo, a file, is
	 * read by procfs, which opens anyway) */
	if (batch_count(o) == 1) {
		*why = "needs two samples (-n 2 or more)";
		return req.sections &
		       ~(MS_SEC_EVENTS | MS_SEC_BIT(MS_SEC_ATTRIBUTION) |
			 MS_SEC_BIT(MS_SEC_PAGECACHE_EVENTS));
	}
	return req.sections;
}

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

int ms_stop_signal(void)
{
	return stop_signal;
}

void ms_catch_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };

	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

void ms_sleep(double s)
{
	struct timespec ts = { .tv_sec = (time_t)s,
			       .tv_nsec = (long)((s - floor(s)) * 1e9) };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR && !stop_signal)
		;
}

static int print(const struct ms_snapshot *s, unsigned int sections,
		 const struct ms_opts *o)
{
	struct ms_om_opts om = { .openmetrics = o->format == MS_FMT_OPENMETRICS,
				 .top = o->top };

	switch (o->format) {
	case MS_FMT_JSON:
		return ms_out_json(stdout, s, sections);
	case MS_FMT_OPENMETRICS:
	case MS_FMT_PROMETHEUS:
		return ms_out_openmetrics(stdout, s, sections, &om);
	default:
		return ms_out_text(stdout, s, sections);
	}
}

/* The replay's samples, as fast as they print; then where it stopped. */
static int replay_end(const struct ms_cursor *c)
{
	const char *why = ms_cursor_end_note(c);

	if (why)
		fprintf(stderr, "memscope: %s\n", why);
	return why && ms_cursor_damaged(c) ? -EBADMSG : 0;
}

/*
 * The samples of --from T (or --at T) to --to T: [*lo, *hi). None is an
 * error, said.
 */
static int window(const struct ms_cursor *c, const struct ms_opts *o, int *lo,
		  int *hi)
{
	double from = isnan(o->from) ? o->at : o->from;

	*lo = isnan(from) ? 0 : ms_cursor_at_time(c, from);
	/* the first after T: a sample taken at T is in */
	*hi = isnan(o->to) ? ms_cursor_count(c) :
			     ms_cursor_at_time(c, o->to + 1e-3);
	if (*lo < *hi)
		return 0;
	fprintf(stderr,
		"memscope: no sample in that window (the recording holds "
		"@%.3f to @%.3f)\n",
		ms_cursor_time(c, 0),
		ms_cursor_time(c, ms_cursor_count(c) - 1));
	return -ERANGE;
}

int ms_batch_run(struct ms_session *ss, const struct ms_opts *o)
{
	struct ms_snapshot snaps[2], *cur, *prev = NULL;
	/* a metrics file holds one exposition: of the last sample */
	bool last_only = metrics(o);
	int count = batch_count(o), lo = 0, hi = 0;
	struct ms_cursor *replay = ms_session_cursor(ss);
	struct ms_request req;
	struct ms_vma_spool spool = { 0 };
	char why[300];
	int err = 0;

	if (replay && (err = window(replay, o, &lo, &hi)))
		return err;
	if (replay && hi - lo < count)
		count = hi - lo;
	ms_batch_request(&req, o);
	/* a process's VMAs go to a file as they are read, not into memory
	 * (without a temporary file they are held, as before) */
	if ((req.sections & MS_SEC_BIT(MS_SEC_VMAS)) &&
	    !ms_vma_spool_open(&spool))
		req.vma_sink = &spool.sink;
	ms_catch_signals();
	ms_snapshot_init(&snaps[0]);
	ms_snapshot_init(&snaps[1]);
	for (int i = 0; !count || i < count; i++) {
		cur = &snaps[i & 1];
		if (replay && lo + i >= hi)
			break;
		if (replay)
			ms_cursor_seek(replay, lo + i);
		else if (i)
			ms_sleep(o->interval);
		if (stop_signal)
			break;
		err = ms_session_sample(ss, &req, cur, prev);
		if (err) {
			fprintf(stderr, "memscope: recording %s: %s\n",
				o->record, strerror(-err));
			break;
		}
		/* --tab memory: its attribution is asked for on purpose */
		if (!replay && o->tab && !strcmp(o->tab, "memory") &&
		    !(req.sections & MS_SEC_BIT(MS_SEC_ATTRIBUTION)))
			ms_snapshot_note(cur, "attribution",
					 "not asked for (--attribution)");
		/* -p or --cache names nothing (any more): no empty sample */
		if ((err = ms_target_missing(cur, &req, why, sizeof(why)))) {
			fprintf(stderr, "memscope: %s\n", why);
			break;
		}
		prev = cur;
		if (last_only && i + 1 < count)
			continue;
		err = print(cur, req.sections, o);
		/* a reader that went away (| head) is the normal end */
		if (fflush(stdout) || err) {
			int e = errno ? errno : EIO;

			err = e == EPIPE ? -EPIPE : -EIO;
			if (e != EPIPE)
				fprintf(stderr,
					"memscope: cannot write the "
					"output: %s\n",
					strerror(e));
			break;
		}
	}
	if (replay && !err && hi == ms_cursor_count(replay) &&
	    (!o->count || o->count > hi - lo))
		err = replay_end(replay);
	ms_snapshot_free(&snaps[0]);
	ms_snapshot_free(&snaps[1]);
	ms_vma_spool_close(&spool);
	return err;
}

int ms_capture_run(struct ms_session *ss, const struct ms_opts *o)
{
	struct ms_snapshot s, one;
	/* files only: live events have nothing to capture */
	struct ms_request req = { .sections = MS_SEC_ALL & ~MS_SEC_EVENTS,
				  .pagetypes = true,
				  .pagetypes_full = true };
	int vmas = 0;

	ms_snapshot_init(&s);
	ms_snapshot_init(&one);
	/* attribution where it is a file, not BPF's live counts */
	if (ms_exists(ss->m->root, "proc/allocinfo"))
		req.sections |= MS_SEC_BIT(MS_SEC_ATTRIBUTION);
	ms_manager_sample_every(ss->m);
	req.sections &=
		~(MS_SEC_BIT(MS_SEC_VMAS) | MS_SEC_BIT(MS_SEC_SLAB_DETAIL));
	/*
	 * the page census (8 bytes a page frame: 50 MiB for 24 GiB) only
	 * when asked for: --capture DIR --tab memory, or --physmap (the map
	 * is read from the same flags)
	 */
	if (o->physmap || (o->tab && (ms_tab_sections(o->tab, o) &
				      MS_SEC_BIT(MS_SEC_CENSUS)))) {
		req.sections |= MS_SEC_BIT(MS_SEC_CENSUS);
		req.census_full = true;
	}
	/* and the module's migrate types of the map's blocks */
	if (o->physmap)
		req.sections |= MS_SEC_BIT(MS_SEC_PHYSMAP);
	ms_session_sample(ss, &req, &s, NULL);

	/* one sample per drill-down, so a captured tree can be explored */
	for (int i = 0; i < s.slab.n; i++) {
		struct ms_request r = { .sections = MS_SEC_BIT(
						MS_SEC_SLAB_DETAIL) };

		snprintf(r.slab_cache, sizeof(r.slab_cache), "%s",
			 s.slab.caches[i].name);
		ms_session_sample(ss, &r, &one, NULL);
	}
	for (int i = 0; i < s.procs.n; i++) {
		struct ms_request r = { .sections = MS_SEC_BIT(MS_SEC_VMAS),
					.pid = s.procs.v[i].pid };

		if (o->pid > 0 && o->pid != r.pid)
			continue;
		ms_session_sample(ss, &r, &one, NULL);
		vmas += one.vmas.n;
	}
	fprintf(stderr,
		"memscope: captured %d zones, %d slab caches, %d processes "
		"(%d VMAs) into %s\n",
		s.buddy.nr_zones, s.slab.n, s.procs.n, vmas, o->capture);
	for (int i = 0; i < s.nr_notes; i++) {
		char what[4 * sizeof(s.notes[i].what)];
		char why[4 * sizeof(s.notes[i].why)];

		ms_escape(what, sizeof(what), s.notes[i].what, (size_t)-1);
		ms_escape(why, sizeof(why), s.notes[i].why, (size_t)-1);
		fprintf(stderr, "memscope: not captured: %s: %s\n", what, why);
	}
	ms_snapshot_free(&s);
	ms_snapshot_free(&one);
	return 0;
}
