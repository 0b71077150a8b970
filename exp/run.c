// SPDX-License-Identifier: GPL-2.0
/*
 * `memscope experiment NAME [--out DIR]`: checks it may run (lab VM or an
 * explicit flag, root), sets up the result directory, runs one experiment.
 */
#include "exp/exp.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app/session.h"
#include "model/escape.h"

/* The lab VM's kernel command line carries this (tests/lab/vm.sh). */
#define LAB_MARK "MEMSCOPE_LAB=1"
#define FORCE_FLAG "--i-know-this-stresses-memory"

static const struct ms_experiment *const experiments[] = {
	&ms_exp_frag,
	&ms_exp_slab,
	&ms_exp_mglru,
};
#define NR_EXP (sizeof(experiments) / sizeof(experiments[0]))

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: memscope experiment NAME [--out DIR] [--quick]\n"
		"Run one of the seed chapter's experiments (1.7); it writes CSV\n"
		"files, report.md and plot.gp (PNGs when gnuplot is installed)\n"
		"into DIR (default ./experiment-NAME).\n\n");
	for (size_t i = 0; i < NR_EXP; i++)
		fprintf(f, "  %-6s %s\n", experiments[i]->name,
			experiments[i]->title);
	fprintf(f,
		"\n  -o, --out DIR        result directory (created)\n"
		"  -q, --quick          a short run (make check's)\n"
		"      --scan-dir DIR   mglru: where the scanned file is written\n"
		"                       (a disk-backed filesystem; default /var/tmp)\n"
		"      " FORCE_FLAG "\n"
		"                       run outside the lab VM (make experiments):\n"
		"                       the runs put this machine under memory\n"
		"                       pressure and change vm settings for a while\n"
		"  -h, --help           this help\n");
}

static const struct option longopts[] = {
	{ "out", required_argument, NULL, 'o' },
	{ "quick", no_argument, NULL, 'q' },
	{ "scan-dir", required_argument, NULL, 's' },
	{ FORCE_FLAG + 2, no_argument, NULL, 'F' },
	{ "help", no_argument, NULL, 'h' },
	{ 0 },
};

/* 0 to run, 1 done (help), -EINVAL bad usage. */
static int parse(int argc, char **argv, struct ms_exp_opts *o)
{
	int c;

	*o = (struct ms_exp_opts){ .scan_dir = "/var/tmp" };
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			o->out = optarg;
			break;
		case 'q':
			o->quick = true;
			break;
		case 's':
			o->scan_dir = optarg;
			break;
		case 'F':
			o->force = true;
			break;
		case 'h':
			usage(stdout);
			return 1;
		default:
			usage(stderr);
			return -EINVAL;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return -EINVAL;
	}
	o->name = argv[optind];
	return 0;
}

static const struct ms_experiment *find(const char *name)
{
	for (size_t i = 0; i < NR_EXP; i++)
		if (!strcmp(experiments[i]->name, name))
			return experiments[i];
	return NULL;
}

static bool in_lab(const struct ms_root *r)
{
	char line[4096], *t, *save;

	if (ms_read_str(r, "proc/cmdline", line, sizeof(line)))
		return false;
	for (t = strtok_r(line, " ", &save); t; t = strtok_r(NULL, " ", &save))
		if (!strcmp(t, LAB_MARK))
			return true;
	return false;
}

void ms_exp_say(struct ms_exp *e, const char *fmt, ...)
{
	va_list ap;

	fprintf(stdout, "%s: ", e->o->name);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
}

void ms_exp_step(struct ms_exp *e, const char *fmt, ...)
{
	char bar[21];
	int n = sizeof(bar) - 1, done;
	va_list ap;

	e->step++;
	if (e->tty) {
		done = e->steps ? e->step * n / e->steps : 0;
		for (int i = 0; i < n; i++)
			bar[i] = i < done ? '#' : '.';
		bar[n] = 0;
		fprintf(stdout, "%s: [%s] %d/%d ", e->o->name, bar, e->step,
			e->steps);
	} else {
		fprintf(stdout, "%s: step %d/%d: ", e->o->name, e->step,
			e->steps);
	}
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
}

int ms_exp_sample(struct ms_exp *e, const struct ms_request *req)
{
	struct ms_session s = { .m = &e->m };

	return ms_session_sample(&s, req, &e->snap, NULL);
}

bool ms_exp_sleep(double s)
{
	struct timespec ts = { .tv_sec = (time_t)s,
			       .tv_nsec = (long)((s - floor(s)) * 1e9) };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		if (ms_exp_stopped())
			return false;
	return !ms_exp_stopped();
}

FILE *ms_exp_file(struct ms_exp *e, const char *name)
{
	char path[sizeof(e->dir) + 64];

	snprintf(path, sizeof(path), "%s/%s", e->dir, name);
	return fopen(path, "w");
}

static void report_kernel(struct ms_exp *e)
{
	char cmdline[1024] = "", esc[4096];
	struct utsname u;

	if (!uname(&u))
		fprintf(e->report, "- Kernel: `%s %s %s`\n", u.sysname,
			u.release, u.version);
	if (!ms_read_str(&e->root, "proc/cmdline", cmdline, sizeof(cmdline))) {
		ms_escape(esc, sizeof(esc), cmdline, (size_t)-1);
		fprintf(e->report, "- Kernel command line: `%s`\n", esc);
	}
	fprintf(e->report, "- Machine: %s, %ld CPU(s), MemTotal %llu kB\n",
		in_lab(&e->root) ? "the lab VM (tests/lab/vm.sh)" :
				   "not the lab VM (" FORCE_FLAG ")",
		sysconf(_SC_NPROCESSORS_ONLN),
		(unsigned long long)ms_kv_get(&e->snap.meminfo, "MemTotal"));
}

void ms_exp_report_head(struct ms_exp *e, const char *title)
{
	char when[64];
	time_t now = time(NULL);
	struct ms_request req = { .sections = MS_SEC_BIT(MS_SEC_MEMINFO) };

	strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", gmtime(&now));
	ms_exp_sample(e, &req);
	fprintf(e->report, "# memscope experiment %s: %s\n\n", e->o->name,
		title);
	fprintf(e->report, "- Run: %s, memscope %s%s\n", when, MS_VERSION,
		e->o->quick ? ", **quick** run (make check)" : "");
	report_kernel(e);
	fprintf(e->report,
		"- Rerun: `memscope experiment %s --out DIR%s` as root in the "
		"lab VM, or all three with `make experiments` on the host "
		"(tests/lab/exp-run.sh)\n\n",
		e->o->name, e->o->quick ? " --quick" : "");
}

/* gnuplot DIR/plot.gp, when gnuplot is installed (the lab VM has none). */
static int render(struct ms_exp *e)
{
	int pid = fork(), st;

	if (pid < 0)
		return -errno;
	if (!pid) {
		int null = open("/dev/null", O_WRONLY);

		if (chdir(e->dir))
			_exit(126);
		if (null >= 0)
			dup2(null, STDOUT_FILENO);
		execlp("gnuplot", "gnuplot", "plot.gp", (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) < 0)
		return -errno;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
		return -ENOENT;
	return WIFEXITED(st) && !WEXITSTATUS(st) ? 0 : -EIO;
}

static int open_outputs(struct ms_exp *e)
{
	snprintf(e->dir, sizeof(e->dir), "%s", e->o->out);
	if (mkdir(e->dir, 0755) && errno != EEXIST)
		return -errno;
	e->report = ms_exp_file(e, "report.md");
	if (!e->report)
		return -errno;
	e->plot = ms_exp_file(e, "plot.gp");
	if (!e->plot)
		return -errno;
	fprintf(e->plot,
		"# memscope experiment %s: gnuplot plot.gp (in this directory)\n"
		"set terminal pngcairo size 900,520 font ',10'\n"
		"set datafile separator ','\n"
		"# NaN: filtered rows; lines go on across them\n"
		"set datafile missing NaN\n"
		"set datafile columnheaders\n"
		"set termoption noenhanced\n"
		"set key below\n"
		"set grid\n",
		e->o->name);
	return 0;
}

static int close_outputs(struct ms_exp *e, int err)
{
	int r = 0;

	if (e->plot && fclose(e->plot) && !r)
		r = -errno;
	e->plot = NULL;
	if (!err && !r) {
		int g = render(e);

		if (g == -ENOENT)
			ms_exp_say(e,
				   "no gnuplot here: render the plots with "
				   "`gnuplot plot.gp` in %s (make "
				   "experiments does)",
				   e->dir);
		else if (g)
			ms_exp_say(e, "gnuplot plot.gp failed in %s", e->dir);
	}
	if (e->report) {
		if (err)
			fprintf(e->report,
				"\n**The run did not finish: %s.** Every "
				"setting it changed was put back.\n",
				err == -EINTR ? "interrupted" : strerror(-err));
		if (fclose(e->report) && !r)
			r = -errno;
	}
	e->report = NULL;
	return r;
}

static int allowed(const struct ms_exp_opts *o, const struct ms_root *r)
{
	if (!in_lab(r) && !o->force) {
		fprintf(stderr,
			"memscope: experiments put the machine under memory "
			"pressure and change vm settings; they run in the lab "
			"VM (make experiments). To run here anyway: memscope "
			"experiment %s " FORCE_FLAG "\n",
			o->name);
		return -EPERM;
	}
	if (geteuid()) {
		fprintf(stderr,
			"memscope: experiment %s needs root (sysfs, "
			"procfs and memscope.ko writes)\n",
			o->name);
		return -EACCES;
	}
	return 0;
}

static int run(const struct ms_experiment *x, struct ms_exp_opts *o)
{
	struct ms_exp e = { .o = o, .tty = isatty(STDOUT_FILENO) };
	int err;

	if ((err = ms_root_open(&e.root, "/")))
		return err;
	if ((err = allowed(o, &e.root)))
		goto out_root;
	if ((err = ms_manager_open(&e.m, &e.root)))
		goto out_root;
	ms_snapshot_init(&e.snap);
	ms_restore_install();
	err = open_outputs(&e);
	if (!err) {
		ms_exp_report_head(&e, x->title);
		err = x->run(&e);
		/* a stop kills the workloads: whatever failed after it */
		if (ms_exp_stopped())
			err = -EINTR;
	} else {
		fprintf(stderr, "memscope: cannot write into %s: %s\n", o->out,
			strerror(-err));
	}
	if (ms_restore_all())
		err = err ? err : -EIO;
	err = close_outputs(&e, err) ?: err;
	if (!err)
		ms_exp_say(&e, "done: %s/report.md", e.dir);
	ms_snapshot_free(&e.snap);
	ms_manager_close(&e.m);
out_root:
	ms_root_close(&e.root);
	return err;
}

int ms_exp_main(int argc, char **argv)
{
	const struct ms_experiment *x;
	struct ms_exp_opts o;
	char def[64];
	int err = parse(argc, argv, &o);

	if (err)
		return err > 0 ? 0 : 2;
	if (!(x = find(o.name))) {
		char esc[256];

		ms_escape(esc, sizeof(esc), o.name, (size_t)-1);
		fprintf(stderr, "memscope: no experiment '%s' (", esc);
		for (size_t i = 0; i < NR_EXP; i++)
			fprintf(stderr, "%s%s", i ? ", " : "",
				experiments[i]->name);
		fprintf(stderr, ")\n");
		return 2;
	}
	if (!o.out) {
		snprintf(def, sizeof(def), "experiment-%s", x->name);
		o.out = def;
	}
	err = run(x, &o);
	if (err && err != -EPERM && err != -EACCES)
		fprintf(stderr, "memscope: experiment %s: %s\n", x->name,
			err == -EINTR ? "interrupted" : strerror(-err));
	return err ? 1 : 0;
}
