// SPDX-License-Identifier: GPL-2.0
/*
 * Experiment mglru (seed 1.7 §3): the same memory pressure - a file scan,
 * then anonymous pages - in a memory cgroup with MGLRU off and on.
 */
#include "exp/exp.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "probes/procfs/kv.h"
#include "probes/procfs/reclaim.h"

#define LRU_GEN "sys/kernel/mm/lru_gen/enabled"
#define CGROOT "sys/fs/cgroup"
#define CG CGROOT "/memscope-exp"
#define TMPFS_MAGIC_ 0x01021994
#define RAMFS_MAGIC_ 0x858458f6

/* memory.stat counters per phase (cgroup v2 names) */
static const char *const stat_keys[] = {
	"pgscan",
	"pgsteal",
	"workingset_refault_anon",
	"workingset_refault_file",
	"pgmajfault",
};
#define NR_KEYS (sizeof(stat_keys) / sizeof(stat_keys[0]))

enum { W_FILE, W_ANON, NR_W };
static const char *const wname[NR_W] = { "filescan", "anon" };

struct params {
	unsigned int limit_mb, scan_mb, anon_mb, hot_mb;
	double secs;
	int reps;
};

struct counters {
	uint64_t stat[NR_KEYS];
	uint64_t psi_some, psi_full; /* us */
	uint64_t pswpin, pswpout;
};

struct phase {
	int w, on, rep;
	bool ran;
	char lru_gen[16]; /* as read back after the write */
	struct counters d; /* deltas */
	double mib_s; /* workload throughput */
	int passes;
	double p50, p99, max; /* probe pass latency, us */
};

struct mglru {
	struct ms_exp *e;
	struct params p;
	char scan[512], hot[512]; /* files */
	bool skip[NR_W];
	struct phase ph[2 * NR_W * 4];
	int n;
	struct ms_csv pcsv, lcsv;
	struct ms_buf buf;
	struct ms_load_stats *ws, *ps;
};

/* ---- reading the cgroup ------------------------------------------------ */

static int read_counters(struct mglru *m, struct counters *c)
{
	struct ms_kvlist kv = { 0 };
	struct ms_psi_line some = { 0 }, full = { 0 };
	struct ms_request req = { .sections = MS_SEC_BIT(MS_SEC_RECLAIM) };
	struct ms_perr pe;
	int err;

	ms_perr_init(&pe);
	if ((err = ms_read(&m->e->root, CG "/memory.stat", &m->buf)))
		return err;
	err = ms_kv_parse_pairs(m->buf.data, m->buf.len, &kv, &pe);
	for (size_t i = 0; !err && i < NR_KEYS; i++)
		c->stat[i] = ms_kv_get(&kv, stat_keys[i]);
	free(kv.v);
	if (err)
		return err;
	c->psi_some = c->psi_full = MS_NA;
	if (!ms_read(&m->e->root, CG "/memory.pressure", &m->buf) &&
	    !ms_psi_parse(m->buf.data, m->buf.len, &some, &full, &pe)) {
		c->psi_some = some.valid ? some.total : MS_NA;
		c->psi_full = full.valid ? full.total : MS_NA;
	}
	if ((err = ms_exp_sample(m->e, &req)))
		return err;
	c->pswpin = ms_kv_get(&m->e->snap.reclaim.vmstat, "pswpin");
	c->pswpout = ms_kv_get(&m->e->snap.reclaim.vmstat, "pswpout");
	return 0;
}

static uint64_t delta(uint64_t a, uint64_t b)
{
	return ms_have(a) && ms_have(b) && b >= a ? b - a : MS_NA;
}

static void diff(const struct counters *a, const struct counters *b,
		 struct counters *d)
{
	for (size_t i = 0; i < NR_KEYS; i++)
		d->stat[i] = delta(a->stat[i], b->stat[i]);
	d->psi_some = delta(a->psi_some, b->psi_some);
	d->psi_full = delta(a->psi_full, b->psi_full);
	d->pswpin = delta(a->pswpin, b->pswpin);
	d->pswpout = delta(a->pswpout, b->pswpout);
}

/* ---- setup: cgroup, files, checks ------------------------------------- */

static int need(struct mglru *m)
{
	char ctl[256] = "";

	if (!ms_exists(&m->e->root, LRU_GEN)) {
		ms_exp_say(m->e, "this kernel has no MGLRU (/%s)", LRU_GEN);
		return -EOPNOTSUPP;
	}
	if (ms_read_str(&m->e->root, CGROOT "/cgroup.controllers", ctl,
			sizeof(ctl)) ||
	    !strstr(ctl, "memory")) {
		ms_exp_say(m->e,
			   "no cgroup v2 memory controller at /%s "
			   "(mount -t cgroup2 none /%s)",
			   CGROOT, CGROOT);
		return -EOPNOTSUPP;
	}
	return 0;
}

static int make_cgroup(struct mglru *m)
{
	char ctl[256] = "", val[32];
	int err;

	ms_read_str(&m->e->root, CGROOT "/cgroup.subtree_control", ctl,
		    sizeof(ctl));
	if (!strstr(ctl, "memory") &&
	    (err = ms_restore_write(&m->e->root,
				    CGROOT "/cgroup.subtree_control", "+memory",
				    "-memory")))
		return err;
	if (mkdirat(m->e->root.dirfd, CG, 0755) && errno != EEXIST)
		return -errno;
	if ((err = ms_restore_rmdir(&m->e->root, CG)))
		return err;
	snprintf(val, sizeof(val), "%uM", m->p.limit_mb);
	return ms_write_file(&m->e->root, CG "/memory.max", val);
}

/* A file of mb MiB, written, synced and dropped from the page cache. */
static int make_file(const char *path, unsigned int mb)
{
	static char buf[1 << 20];
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	int err = 0;

	if (fd < 0)
		return -errno;
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (char)(i * 7 + i / 4096); /* no zero pages */
	for (unsigned int i = 0; i < mb && !err; i++)
		if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
			err = -EIO;
	if (!err && fsync(fd))
		err = -errno;
	posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	close(fd);
	return err;
}

static bool has_swap(struct mglru *m)
{
	struct ms_request req = { .sections = MS_SEC_BIT(MS_SEC_RECLAIM) };

	return !ms_exp_sample(m->e, &req) && m->e->snap.reclaim.nr_swaps > 0;
}

static int make_files(struct mglru *m)
{
	const char *d = m->e->o->scan_dir;
	struct statfs fs;
	int err;

	if (statfs(d, &fs))
		return -errno;
	if (fs.f_type == TMPFS_MAGIC_ || fs.f_type == RAMFS_MAGIC_) {
		ms_exp_say(m->e,
			   "%s is in memory (tmpfs/ramfs): its pages are "
			   "no file cache; the file scan is skipped "
			   "(--scan-dir on a disk-backed filesystem)",
			   d);
		m->skip[W_FILE] = true;
	}
	snprintf(m->scan, sizeof(m->scan), "%s/memscope-exp-scan", d);
	snprintf(m->hot, sizeof(m->hot), "%s/memscope-exp-hot", d);
	ms_exp_say(m->e, "writing %s (%u MiB) and %s (%u MiB)", m->scan,
		   m->skip[W_FILE] ? 0 : m->p.scan_mb, m->hot, m->p.hot_mb);
	if (!m->skip[W_FILE] && (err = make_file(m->scan, m->p.scan_mb)))
		return err;
	return make_file(m->hot, m->p.hot_mb);
}

/* ---- one phase --------------------------------------------------------- */

static void latencies(struct mglru *m, struct phase *ph)
{
	int n = (int)m->ps->n;
	double *v = malloc(sizeof(double) * (size_t)(n ? n : 1));

	ph->passes = n;
	ph->p50 = ph->p99 = ph->max = NAN;
	if (!v)
		return;
	for (int i = 0; i < n; i++)
		v[i] = m->ps->us[i];
	ph->p50 = ms_percentile(v, (size_t)n, 50);
	ph->p99 = ms_percentile(v, (size_t)n, 99);
	ph->max = n ? v[n - 1] : NAN;
	/* sorted now: the distribution for the plot */
	for (int i = 0; i < n; i++) {
		ms_csv_str(&m->lcsv, wname[ph->w]);
		ms_csv_str(&m->lcsv, ph->on ? "on" : "off");
		ms_csv_int(&m->lcsv, ph->rep);
		ms_csv_dbl(&m->lcsv, 100.0 * (i + 1) / n, 2);
		ms_csv_dbl(&m->lcsv, v[i], 1);
		ms_csv_end(&m->lcsv);
	}
	free(v);
}

static void phase_row(struct mglru *m, const struct phase *ph)
{
	struct ms_csv *c = &m->pcsv;

	ms_csv_str(c, wname[ph->w]);
	ms_csv_str(c, ph->on ? "on" : "off");
	ms_csv_str(c, ph->lru_gen);
	ms_csv_int(c, ph->rep);
	ms_csv_dbl(c, m->p.secs, 1);
	for (size_t i = 0; i < NR_KEYS; i++)
		ms_csv_u64(c, ph->d.stat[i]);
	ms_csv_u64(c, ph->d.psi_some);
	ms_csv_u64(c, ph->d.psi_full);
	ms_csv_u64(c, ph->d.pswpin);
	ms_csv_u64(c, ph->d.pswpout);
	ms_csv_dbl(c, ph->mib_s, 1);
	ms_csv_int(c, ph->passes);
	ms_csv_dbl(c, ph->p50, 0);
	ms_csv_dbl(c, ph->p99, 0);
	ms_csv_dbl(c, ph->max, 0);
	ms_csv_end(c);
}

/* Kill the workloads, empty the cache: the next phase starts cold. */
static void settle(struct mglru *m, struct ms_worker *w, struct ms_worker *p)
{
	ms_worker_stop(w);
	ms_worker_stop(p);
	sync();
	ms_write_file(&m->e->root, "proc/sys/vm/drop_caches", "3");
}

static int run_phase(struct mglru *m, struct phase *ph)
{
	struct ms_load wl = { .cgroup = CG, .stats = m->ws };
	struct ms_load pl = { .kind = MS_LOAD_PROBE,
			      .cgroup = CG,
			      .file = m->hot,
			      .mb = m->p.hot_mb,
			      .stats = m->ps };
	struct ms_worker w = { 0 }, p = { 0 };
	struct counters a, b;
	int err;

	if ((err = ms_restore_set(&m->e->root, LRU_GEN, ph->on ? "y" : "n")))
		return err;
	ms_read_str(&m->e->root, LRU_GEN, ph->lru_gen, sizeof(ph->lru_gen));
	wl.kind = ph->w == W_FILE ? MS_LOAD_SCAN : MS_LOAD_ANON;
	wl.file = m->scan;
	wl.mb = m->p.anon_mb;
	memset((void *)m->ws, 0, sizeof(*m->ws));
	memset((void *)m->ps, 0, sizeof(*m->ps));
	if ((err = read_counters(m, &a)))
		return err;
	if ((err = ms_load_start(&p, &m->e->root, &pl)) ||
	    (err = ms_load_start(&w, &m->e->root, &wl))) {
		settle(m, &w, &p);
		return err;
	}
	if (!ms_exp_sleep(m->p.secs)) {
		settle(m, &w, &p);
		return -EINTR;
	}
	err = read_counters(m, &b);
	ph->mib_s = (double)m->ws->bytes / (1 << 20) / m->p.secs;
	settle(m, &w, &p);
	if (err)
		return err;
	diff(&a, &b, &ph->d);
	latencies(m, ph);
	ph->ran = true;
	phase_row(m, ph);
	return 0;
}

/* ---- report ------------------------------------------------------------ */

static void report_params(struct mglru *m)
{
	fprintf(m->e->report,
		"## Parameters\n\n"
		"- A memory cgroup (`/%s`) with `memory.max` = %u MiB holds "
		"each phase's processes; the rest of the machine is not "
		"pressured\n"
		"- Workloads, one per phase, %.0f s each: **filescan** reads "
		"a %u MiB file in `%s` again and again; **anon** writes to "
		"random pages of a %u MiB anonymous mapping (swap: %s)\n"
		"- Probe workload beside it: every 10 ms it reads a %u MiB hot "
		"file and touches %u MiB of hot anonymous memory, timing each "
		"pass (p50/p99/max below)\n"
		"- `/%s` = `n` (off) or `y` (on) before each phase, the "
		"original value restored at the end; runs: %d per workload "
		"and setting, off and on alternating\n"
		"- Between phases the processes are killed and the page cache "
		"dropped (`drop_caches`), so every phase starts cold\n"
		"- Counters: the cgroup's `memory.stat` (pgscan, pgsteal = "
		"reclaimed pages, workingset refaults, major faults) and "
		"`memory.pressure` (PSI stall time), and `/proc/vmstat` "
		"pswpin/pswpout, as deltas over the phase\n\n",
		CG, m->p.limit_mb, m->p.secs, m->p.scan_mb, m->e->o->scan_dir,
		m->p.anon_mb, has_swap(m) ? "yes" : "none: anon skipped",
		m->p.hot_mb, m->p.hot_mb, LRU_GEN, m->p.reps);
}

static void report_row(struct mglru *m, const struct phase *ph)
{
	char b[12][32];
	const char *cells[12];
	int n = 0;

#define U(v) (ms_have(v) ? (double)(v) : NAN)
	cells[n] = wname[ph->w], n++;
	cells[n] = ph->on ? "on" : "off", n++;
	snprintf(b[n], 32, "%d", ph->rep), cells[n] = b[n], n++;
	cells[n] = ms_md_num(b[n], 32, U(ph->d.stat[1]), 0), n++;
	cells[n] = ms_md_num(b[n], 32, U(ph->d.stat[0]), 0), n++;
	cells[n] = ms_md_num(b[n], 32, U(ph->d.stat[3]), 0), n++;
	cells[n] = ms_md_num(b[n], 32, U(ph->d.stat[2]), 0), n++;
	cells[n] = ms_md_num(b[n], 32, U(ph->d.stat[4]), 0), n++;
	cells[n] = ms_md_num(b[n], 32, U(ph->d.psi_some) / 1000, 0), n++;
	cells[n] = ms_md_num(b[n], 32, ph->mib_s, 0), n++;
	snprintf(b[n], 32, "%.1f / %.1f / %.1f", ph->p50 / 1000, ph->p99 / 1000,
		 ph->max / 1000);
	cells[n] = b[n], n++;
#undef U
	ms_md_row(m->e->report, cells, n);
}

static void report_table(struct mglru *m)
{
	static const char *const cols[] = {
		"workload",
		"MGLRU",
		"run",
		"reclaimed (pgsteal)",
		"scanned",
		"refaults file",
		"refaults anon",
		"major faults",
		"PSI some ms",
		"MiB/s",
		"probe p50 / p99 / max ms",
	};

	fprintf(m->e->report, "## Results\n\n");
	ms_md_head(m->e->report, cols, 11);
	for (int i = 0; i < m->n; i++)
		if (m->ph[i].ran)
			report_row(m, &m->ph[i]);
	fprintf(m->e->report,
		"\n![probe pass latency, distribution per phase]"
		"(mglru-latency.png)\n\n![reclaimed pages and refaults]"
		"(mglru-counters.png)\n\nData: `mglru-phases.csv` (every "
		"phase: counters, throughput, probe percentiles), "
		"`mglru-latency.csv` (every probe pass, sorted per phase).\n\n");
}

static int report_checks(struct mglru *m)
{
	FILE *r = m->e->report, *s = ms_exp_file(m->e, "summary.csv");
	int ran[NR_W][2] = { { 0 } }, pressure = 1, probes = 1;
	char now[16] = "";

	if (!s)
		return -errno;
	for (int i = 0; i < m->n; i++) {
		const struct phase *ph = &m->ph[i];

		if (!ph->ran)
			continue;
		ran[ph->w][ph->on]++;
		pressure &= ms_have(ph->d.stat[1]) && ph->d.stat[1] > 0;
		probes &= ph->passes > 0;
	}
	fprintf(r, "## Checks\n\n");
	for (int w = 0; w < NR_W; w++)
		fprintf(r, "- %s: %d run(s) with MGLRU off, %d on%s.\n",
			wname[w], ran[w][0], ran[w][1],
			m->skip[w] ? " (skipped, see above)" : "");
	fprintf(r,
		"- Every phase reclaimed pages (the cgroup was under "
		"pressure): %s.\n- The probe workload ran in every "
		"phase: %s.\n",
		pressure ? "yes" : "**no**", probes ? "yes" : "**no**");
	fprintf(s, "check,value\n");
	for (int w = 0; w < NR_W; w++)
		fprintf(s, "%s_off,%d\n%s_on,%d\n%s_skipped,%d\n", wname[w],
			ran[w][0], wname[w], ran[w][1], wname[w], m->skip[w]);
	fprintf(s, "pressure,%d\nprobes,%d\n", pressure, probes);
	/* after the phases, before the restore: the last value written */
	ms_read_str(&m->e->root, LRU_GEN, now, sizeof(now));
	fprintf(s, "lru_gen_last,%s\n", now);
	return fclose(s) ? -errno : 0;
}

static void plot(struct mglru *m)
{
	FILE *g = m->e->plot;

	int shown = 0;

	for (int w = 0; w < NR_W; w++)
		shown += !m->skip[w];
	if (!shown)
		return;
	/* one panel per workload that ran: gnuplot fails on empty data */
	fprintf(g,
		"set output 'mglru-latency.png'\nset multiplot layout "
		"1,%d title 'Probe workload: time per pass (sorted), MGLRU "
		"off and on'\nset logscale x\nset xlabel 'pass time (us)'\n"
		"set ylabel 'passes (%%)'\nset yrange [0:100]\n",
		shown);
	for (int w = 0; w < NR_W; w++) {
		if (m->skip[w])
			continue;
		fprintf(g, "set title '%s'\nplot ", wname[w]);
		for (int r = 0; r < m->p.reps; r++)
			fprintf(g,
				"%s'mglru-latency.csv' using (strcol(1) eq "
				"'%s' && strcol(2) eq 'off' && $3 == %d ? "
				"$5 : NaN):4 with lines lw 2 lc 1 dt %d "
				"title 'off run %d', 'mglru-latency.csv' "
				"using (strcol(1) eq '%s' && strcol(2) eq "
				"'on' && $3 == %d ? $5 : NaN):4 with lines "
				"lw 2 lc 2 dt %d title 'on run %d'",
				r ? ", " : "", wname[w], r, r + 1, r, wname[w],
				r, r + 1, r);
		fprintf(g, "\n");
	}
	fprintf(g, "unset multiplot\nunset logscale x\nunset yrange\n"
		   "set output 'mglru-counters.png'\nset title 'Per phase: "
		   "reclaimed pages, refaults and major faults'\nset style "
		   "data histograms\nset style histogram clustered\nset "
		   "style fill solid 0.8 border -1\nset xtics rotate by -30\n"
		   "set ylabel 'pages / faults'\nset xlabel ''\n"
		   "plot 'mglru-phases.csv' using 7:xticlabels(strcol(1).' '."
		   "strcol(2).' '.strcol(4)) title 'reclaimed (pgsteal)', "
		   "'' using 9 title 'refaults file', '' using 8 title "
		   "'refaults anon', '' using 10 title 'major faults'\n");
}

/* ---- the experiment ----------------------------------------------------- */

static void params(struct mglru *m)
{
	bool q = m->e->o->quick;

	m->p = (struct params){
		/* TCG reads some 10 MiB/s from zram: the full scan wraps */
		.limit_mb = q ? 32 : 48, .scan_mb = q ? 64 : 80,
		.anon_mb = q ? 64 : 96,	 .hot_mb = 4,
		.secs = q ? 4 : 20,	 .reps = q ? 1 : 2,
	};
}

static int open_csvs(struct mglru *m)
{
	static const char *const pcols[] = {
		"workload",	"mglru",	"lru_gen",	"run",
		"seconds",	"pgscan",	"pgsteal",	"refault_anon",
		"refault_file", "pgmajfault",	"psi_some_us",	"psi_full_us",
		"pswpin",	"pswpout",	"mib_per_s",	"probe_passes",
		"probe_p50_us", "probe_p99_us", "probe_max_us",
	};
	static const char *const lcols[] = {
		"workload", "mglru", "run", "pct", "us",
	};

	ms_csv_start(&m->pcsv, ms_exp_file(m->e, "mglru-phases.csv"), pcols,
		     19);
	ms_csv_start(&m->lcsv, ms_exp_file(m->e, "mglru-latency.csv"), lcols,
		     5);
	return m->pcsv.err ?: m->lcsv.err;
}

static int phases(struct mglru *m)
{
	int err = 0;

	for (int r = 0; r < m->p.reps && !err; r++)
		for (int w = 0; w < NR_W && !err; w++)
			for (int k = 0; k < 2 && !err; k++) {
				struct phase *ph = &m->ph[m->n++];

				/* alternate which setting goes first */
				*ph = (struct phase){ .w = w,
						      .rep = r,
						      .on = (k + r) % 2 };
				if (m->skip[w]) {
					m->e->step++;
					continue;
				}
				ms_exp_step(m->e,
					    "%s with MGLRU %s, run %d: "
					    "%.0f s in %u MiB",
					    wname[w], ph->on ? "on" : "off", r,
					    m->p.secs, m->p.limit_mb);
				err = run_phase(m, ph);
			}
	return err;
}

static int mglru_run(struct ms_exp *e)
{
	struct mglru m = { .e = e };
	int err, a, b;

	params(&m);
	e->steps = 2 * NR_W * m.p.reps;
	if ((err = need(&m)))
		return err;
	m.ws = ms_load_stats_new();
	m.ps = ms_load_stats_new();
	if (!m.ws || !m.ps) {
		err = -ENOMEM;
		goto out;
	}
	m.skip[W_ANON] = !has_swap(&m);
	if (m.skip[W_ANON])
		ms_exp_say(e, "no swap: anonymous pages cannot be reclaimed, "
			      "the anon workload is skipped");
	if ((err = open_csvs(&m)) || (err = make_cgroup(&m)) ||
	    (err = make_files(&m)))
		goto out;
	err = phases(&m);
out:
	a = ms_csv_close(&m.pcsv);
	b = ms_csv_close(&m.lcsv);
	err = err ?: a ?: b;
	if (m.scan[0])
		unlink(m.scan);
	if (m.hot[0])
		unlink(m.hot);
	report_params(&m);
	if (m.n)
		report_table(&m);
	if (!err)
		err = report_checks(&m);
	plot(&m);
	ms_load_stats_free(m.ws);
	ms_load_stats_free(m.ps);
	ms_buf_free(&m.buf);
	return err;
}

const struct ms_experiment ms_exp_mglru = {
	.name = "mglru",
	.title = "MGLRU on and off under the same memory pressure",
	.run = mglru_run,
};
