// SPDX-License-Identifier: GPL-2.0
/* memscope: parse the command line, open the probes, run the TUI or batch. */
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/batch.h"
#include "app/config.h"
#include "app/recd.h"
#include "store/recdir.h"
#include "store/record.h"
#include "app/opts.h"
#include "app/serve.h"
#include "app/target.h"
#include "out/openmetrics.h"
#include "exp/exp.h"
#include "model/area.h"
#include "probes/probe.h"
#include "probes/undo.h"
#include "tui/theme.h"
#include "tui/tui.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: memscope [OPTION]...\n"
		"       memscope experiment NAME [--out DIR]  (frag, slab, mglru:\n"
		"       memscope experiment --help)\n"
		"       memscope record --dir DIR  (also -d, --keep, --max-size:\n"
		"       memscope record --help)\n"
		"Explore the kernel's memory management: buddy allocator, slab,\n"
		"VMAs, reclaim, NUMA and where memory goes, interactively or in\n"
		"batch.\n\n"
		"  -b, --batch          print samples instead of the interactive screen\n"
		"  -n, --iterations N   batch: stop after N samples (default: forever)\n"
		"  -d, --delay SECONDS  time between samples (default 1)\n"
		"      --tab TAB        buddy, slab, vma, reclaim, numa, memory, cgroup\n"
		"                       or all (default); batch: damon too\n"
		"  -p, --pid PID        the VMAs of PID (batch: with --tab vma or all;\n"
		"                       the explorer opens at them)\n"
		"      --cache NAME     details of one slab cache (batch: with --tab\n"
		"                       slab; the explorer opens at them)\n"
		"      --json           batch: one JSON object per sample (JSON Lines)\n"
		"      --format FORMAT  batch: text (default), json (as --json),\n"
		"                       openmetrics or prometheus: one exposition of\n"
		"                       the last of -n samples (default 1)\n"
		"      --top N          openmetrics: the N biggest slab caches, cgroups\n"
		"                       (and the N nearest their limit), reclaiming\n"
		"                       cgroups and cached files get series, the rest\n"
		"                       one \"other\" (default 20)\n"
		"      --alloc-probe ORDER  batch JSON, memscope.ko: try allocating orders\n"
		"                       0..ORDER (8 times each, freed at once) every sample\n"
		"      --slab-bench SIZE,COUNT  batch JSON, memscope.ko: kmem_cache against\n"
		"                       kmalloc for COUNT objects of SIZE bytes every sample\n"
		"      --delayacct      turn on kernel.task_delayacct (put back on exit):\n"
		"                       batch: per-process stall delays in JSON; explorer:\n"
		"                       as D in the Reclaim tab, when it is first shown\n"
		"      --attribution    batch: memory by allocating kernel call site\n"
		"                       (/proc/allocinfo, else BPF on every page\n"
		"                       allocation and free while it runs; root)\n"
		"      --physmap        batch: the physical memory map, every pageblock\n"
		"                       by kind (/proc/kpageflags, root)\n"
		"      --folios         batch, with --pid: each VMA's memory by folio\n"
		"                       size (pagemap and /proc/kpageflags, root)\n"
		"      --damon TARGET   batch: memscope's own DAMON monitoring of paddr\n"
		"                       (physical memory) or a PID (root; a kdamond made\n"
		"                       for the run and removed at its end)\n"
		"      --include-self   count memscope's own slab and page events (its\n"
		"                       /proc reads) in the BPF rates; left out by default\n"
		"      --root DIR       read DIR/proc and DIR/sys instead of the live system\n"
		"      --capture DIR    copy every file memscope reads into DIR, then exit\n"
		"      --record FILE    also write every sample of every section to FILE\n"
		"                       (JSON Lines, zstd; a new file, mode 0600)\n"
		"      --replay FILE    play a recording back instead of reading the\n"
		"                       kernel (no root needed); with -b print its samples;\n"
		"                       a directory (memscope record) is one timeline\n"
		"      --at T           replay: start at T: \"2026-12-06 03:00\" (local\n"
		"                       time, seconds optional), @EPOCH, -2h, -30m\n"
		"      --from T         -b --replay: the samples from T on\n"
		"      --to T           -b --replay: the samples up to T\n"
		"      --serve ADDR:PORT  serve /metrics over HTTP for Prometheus\n"
		"                       (OpenMetrics or Prometheus text by the Accept\n"
		"                       header; PORT or :PORT: loopback only); runs\n"
		"                       headless like a service, with or without -b\n"
		"                       or a terminal, until SIGINT/SIGTERM; samples\n"
		"                       at most every -d seconds (docs/fleet.md)\n"
		"      --theme NAME     default, light, mono, projector, or a theme file\n"
		"      --ascii          no UTF-8 bars or symbols\n"
		"      --no-mouse       leave the mouse to the terminal (select text)\n"
		"      --no-config      ignore the config file (docs/config.md)\n"
		"  -h, --help           this help\n"
		"  -V, --version        version, and whether built with bpf, taskstats\n"
		"                       and serve\n\n"
		"Keys in the explorer: press ? for help. See memscope(1), docs/.\n");
}

#ifdef MS_HAVE_BPF
#define MS_BUILT_BPF true
#else
#define MS_BUILT_BPF false
#endif
#ifdef MS_HAVE_LIBNL
#define MS_BUILT_LIBNL true
#else
#define MS_BUILT_LIBNL false
#endif

/*
 * The version and the optional parts this binary was compiled with: the
 * Makefile leaves out BPF, taskstats and --serve when their -dev packages
 * are missing, and this is where a user (and tests/cli/test_build.sh)
 * sees it.
 */
static void version(void)
{
	const struct {
		const char *name, *pkgs;
		bool on;
	} be[] = {
		{ "bpf", "clang, bpftool, libbpf-dev", MS_BUILT_BPF },
		{ "taskstats", "libnl-genl-3-dev", MS_BUILT_LIBNL },
		{ "serve", "libmicrohttpd-dev", ms_serve_built },
	};
	const char *with = "built with:", *without = "built without:";
	size_t i;

	printf("memscope %s\n", MS_VERSION);
	for (i = 0; i < sizeof(be) / sizeof(be[0]); i++)
		if (be[i].on) {
			printf("%s %s", with, be[i].name);
			with = "";
		}
	if (!*with)
		printf("\n");
	for (i = 0; i < sizeof(be) / sizeof(be[0]); i++)
		if (!be[i].on) {
			printf("%s %s (%s)", without, be[i].name, be[i].pkgs);
			without = ",";
		}
	if (*without == ',')
		printf("\n");
}

/* --at, --from, --to: a moment (store/recdir.h), said when it is none. */
static int parse_when(const char *s, double *t)
{
	if (!ms_parse_when(s, (double)time(NULL), t))
		return 0;
	fprintf(stderr,
		"memscope: invalid time '%s': \"2026-12-06 03:00\" (local, "
		"seconds optional), @EPOCH-SECONDS, or -2h, -30m (before "
		"now)\n",
		s);
	return -EINVAL;
}

static int parse_num(const char *s, double lo, double hi, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	if (errno || end == s || *end || !(*v >= lo && *v <= hi))
		return -EINVAL;
	return 0;
}

enum {
	OPT_TAB = 256,
	OPT_JSON,
	OPT_ROOT,
	OPT_CAPTURE,
	OPT_THEME,
	OPT_ASCII,
	OPT_CACHE,
	OPT_ALLOC_PROBE,
	OPT_SLAB_BENCH,
	OPT_DELAYACCT,
	OPT_INCLUDE_SELF,
	OPT_ATTRIBUTION,
	OPT_PHYSMAP,
	OPT_FOLIOS,
	OPT_DAMON,
	OPT_NO_MOUSE,
	OPT_NO_CONFIG,
	OPT_RECORD,
	OPT_REPLAY,
	OPT_AT,
	OPT_FROM,
	OPT_TO,
	OPT_SERVE
};
enum { OPT_FORMAT = 512, OPT_TOP };

static const struct option longopts[] = {
	{ "batch", no_argument, NULL, 'b' },
	{ "iterations", required_argument, NULL, 'n' },
	{ "delay", required_argument, NULL, 'd' },
	{ "pid", required_argument, NULL, 'p' },
	{ "tab", required_argument, NULL, OPT_TAB },
	{ "cache", required_argument, NULL, OPT_CACHE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "top", required_argument, NULL, OPT_TOP },
	{ "root", required_argument, NULL, OPT_ROOT },
	{ "capture", required_argument, NULL, OPT_CAPTURE },
	{ "theme", required_argument, NULL, OPT_THEME },
	{ "ascii", no_argument, NULL, OPT_ASCII },
	{ "no-mouse", no_argument, NULL, OPT_NO_MOUSE },
	{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
	{ "alloc-probe", required_argument, NULL, OPT_ALLOC_PROBE },
	{ "slab-bench", required_argument, NULL, OPT_SLAB_BENCH },
	{ "delayacct", no_argument, NULL, OPT_DELAYACCT },
	{ "include-self", no_argument, NULL, OPT_INCLUDE_SELF },
	{ "attribution", no_argument, NULL, OPT_ATTRIBUTION },
	{ "physmap", no_argument, NULL, OPT_PHYSMAP },
	{ "folios", no_argument, NULL, OPT_FOLIOS },
	{ "damon", required_argument, NULL, OPT_DAMON },
	{ "record", required_argument, NULL, OPT_RECORD },
	{ "replay", required_argument, NULL, OPT_REPLAY },
	{ "at", required_argument, NULL, OPT_AT },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "to", required_argument, NULL, OPT_TO },
	{ "serve", required_argument, NULL, OPT_SERVE },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ 0 },
};

/* "SIZE,COUNT" of --slab-bench (the module checks its own bounds). */
static int parse_bench(const char *s, struct ms_opts *o)
{
	unsigned int size, count;
	char end;

	if (sscanf(s, "%u,%u%c", &size, &count, &end) != 2 || !size || !count ||
	    size > 1u << 30 || count > 1u << 30)
		return -EINVAL;
	o->bench_size = size;
	o->bench_count = count;
	return 0;
}

static int parse_format(const char *s, struct ms_opts *o)
{
	static const char *const names[] = {
		[MS_FMT_TEXT] = "text",
		[MS_FMT_JSON] = "json",
		[MS_FMT_OPENMETRICS] = "openmetrics",
		[MS_FMT_PROMETHEUS] = "prometheus",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i])) {
			o->format = (enum ms_format)i;
			o->json = o->format == MS_FMT_JSON;
			return 0;
		}
	fprintf(stderr, "memscope: --format takes text, json, openmetrics or "
			"prometheus\n");
	return -EINVAL;
}

/* --serve's address, parsed with the options */
static struct ms_serve_addr serve_addr;

/* Returns 0 to run, 1 to exit successfully, -EINVAL on bad usage. */
static int parse_args(int argc, char **argv, struct ms_opts *o)
{
	bool tab_given = false;
	double v;
	int c;

	while ((c = getopt_long(argc, argv, "bn:d:p:hV", longopts, NULL)) !=
	       -1) {
		switch (c) {
		case 'b':
			o->batch = true;
			break;
		case 'n':
			if (parse_num(optarg, 1, 1e9, &v))
				goto bad;
			o->count = (int)v;
			break;
		case 'd':
			if (parse_num(optarg, 0.1, 3600, &v))
				goto bad;
			o->interval = v;
			break;
		case 'p':
			if (parse_num(optarg, 1, 4194304, &v) || v != (int)v)
				goto bad;
			o->pid = (int)v;
			break;
		case OPT_TAB:
			o->tab = optarg;
			tab_given = true;
			break;
		case OPT_CACHE:
			o->slab_cache = optarg;
			break;
		case OPT_JSON:
			o->json = true;
			o->format = MS_FMT_JSON;
			break;
		case OPT_FORMAT:
			if (parse_format(optarg, o))
				return -EINVAL;
			break;
		case OPT_TOP:
			if (parse_num(optarg, 0, MS_OM_TOP_MAX, &v) ||
			    v != (int)v)
				goto bad_long;
			o->top = (int)v;
			break;
		case OPT_ROOT:
			o->root = optarg;
			break;
		case OPT_CAPTURE:
			o->capture = optarg;
			break;
		case OPT_THEME:
			o->theme = optarg;
			break;
		case OPT_ASCII:
			o->ascii = true;
			break;
		case OPT_NO_MOUSE:
			o->no_mouse = true;
			break;
		case OPT_NO_CONFIG:
			break; /* seen by load_config() */
		case OPT_ALLOC_PROBE:
			if (parse_num(optarg, 0, MS_MAX_ORDER - 1, &v) ||
			    v != (int)v)
				goto bad;
			o->alloc_probe = (int)v;
			break;
		case OPT_SLAB_BENCH:
			if (parse_bench(optarg, o))
				goto bad;
			break;
		case OPT_DELAYACCT:
			o->delayacct = true;
			break;
		case OPT_INCLUDE_SELF:
			o->include_self = true;
			break;
		case OPT_ATTRIBUTION:
			o->attribution = true;
			break;
		case OPT_PHYSMAP:
			o->physmap = true;
			break;
		case OPT_FOLIOS:
			o->folios = true;
			break;
		case OPT_DAMON:
			o->damon = true;
			if (!strcmp(optarg, "paddr"))
				o->damon_pid = 0;
			else if (parse_num(optarg, 1, 0x7fffffff, &v))
				goto bad_damon;
			else
				o->damon_pid = (int)v;
			break;
		case OPT_RECORD:
			o->record = optarg;
			break;
		case OPT_REPLAY:
			o->replay = optarg;
			break;
		case OPT_AT:
		case OPT_FROM:
		case OPT_TO:
			if (parse_when(optarg, c == OPT_AT   ? &o->at :
					       c == OPT_FROM ? &o->from :
							       &o->to))
				return -EINVAL;
			break;
		case OPT_SERVE:
			o->serve = optarg;
			break;
		case 'h':
			usage(stdout);
			return 1;
		case 'V':
			version();
			return 1;
		default:
			usage(stderr);
			return -EINVAL;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "memscope: unexpected argument '%s'\n",
			argv[optind]);
		return -EINVAL;
	}
	if (o->serve && ms_serve_args(o, &serve_addr))
		return -EINVAL;
	/* the explorer opens at the process or cache named, unless --tab */
	if (!o->batch && !tab_given && (o->pid > 0 || o->slab_cache))
		o->tab = o->pid > 0 ? "vma" : "slab";
	if (o->tab && !ms_tab_sections(o->tab, o)) {
		fprintf(stderr, "memscope: --tab takes buddy, slab, vma, "
				"reclaim, numa, memory, cgroup, damon (batch) "
				"or all\n");
		return -EINVAL;
	}
	if (o->tab && !o->batch && ms_area_by_name(o->tab) &&
	    ms_area_by_name(o->tab)->batch_only) {
		fprintf(stderr,
			"memscope: --tab %s is for batch mode; the "
			"explorer shows it with A on the Reclaim or "
			"Memory tab\n",
			o->tab);
		return -EINVAL;
	}
	if (o->damon && (!o->batch || o->replay || o->serve)) {
		fprintf(stderr, "memscope: --damon goes with -b (not with "
				"--replay or --serve)\n");
		return -EINVAL;
	}
	if (o->format != MS_FMT_TEXT && !o->batch) {
		fprintf(stderr, "memscope: --json and --format go with -b\n");
		return -EINVAL;
	}
	if ((o->alloc_probe >= 0 || o->bench_size) && !o->json) {
		fprintf(stderr, "memscope: --alloc-probe and --slab-bench go "
				"with -b --json\n");
		return -EINVAL;
	}
	if ((!isnan(o->at) || !isnan(o->from) || !isnan(o->to)) && !o->replay) {
		fprintf(stderr, "memscope: --at, --from and --to go with "
				"--replay\n");
		return -EINVAL;
	}
	if ((!isnan(o->from) || !isnan(o->to)) && !o->batch) {
		fprintf(stderr, "memscope: --from and --to go with -b; the "
				"explorer starts --at a time\n");
		return -EINVAL;
	}
	if (o->replay && (o->record || o->capture)) {
		fprintf(stderr, "memscope: --replay goes without --record and "
				"--capture\n");
		return -EINVAL;
	}
	return 0;
bad:
	fprintf(stderr, "memscope: invalid value '%s' for -%c\n", optarg, c);
	return -EINVAL;
bad_long:
	fprintf(stderr, "memscope: invalid value '%s' for --top\n", optarg);
	return -EINVAL;
bad_damon:
	fprintf(stderr, "memscope: --damon takes paddr or a pid, not '%s'\n",
		optarg);
	return -EINVAL;
}

/* Whether the command line says --no-config: a quiet first pass. */
static bool no_config_arg(int argc, char **argv)
{
	bool no = false;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "bn:d:p:hV", longopts, NULL)) != -1)
		no |= c == OPT_NO_CONFIG;
	opterr = 1;
	optind = 0; /* glibc starts afresh for the real pass */
	return no;
}

/*
 * The config file's defaults into o (the command line comes after); why
 * it was not used goes to o->config_err.
 */
static void load_config(int argc, char **argv, struct ms_opts *o)
{
	static struct ms_config cfg;
	static char err[400];

	if (no_config_arg(argc, argv))
		return;
	ms_config_find(&cfg, err, sizeof(err));
	ms_config_apply(&cfg, o);
	if (err[0])
		o->config_err = err;
}

/*
 * What a memscope killed by SIGKILL left changed in the kernel (a sysctl
 * it turned on) is put back before this one starts, and said.
 */
static void undo_left_over(struct ms_opts *o)
{
	static char said[2048];
	char msg[2048], *line, *next;
	size_t off = 0;

	if (geteuid())
		return;
	ms_undo_recover(MS_UNDO_DIR, msg, sizeof(msg));
	for (line = msg; *line; line = next) {
		next = strchr(line, '\n');
		next = next ? next + 1 : line + strlen(line);
		fprintf(stderr, "memscope: %.*s", (int)(next - line), line);
		/* and in the explorer's notes, where it is seen while it runs */
		if (off < sizeof(said))
			off += (size_t)snprintf(said + off, sizeof(said) - off,
						"%s%.*s", off ? "; " : "",
						(int)strcspn(line, "\n"), line);
	}
	o->put_back = off ? said : NULL;
}

/* Batch output has no colours, but a broken theme should not go unseen. */
static void check_theme(const struct ms_opts *o)
{
	char err[300];

	if (o->theme && ms_theme_load(o->theme, err, sizeof(err)))
		fprintf(stderr, "memscope: %s\n", err);
}

/* -b reads only the files of its window; the explorer may seek anywhere. */
static int open_replay(struct ms_manager *m, const struct ms_opts *o)
{
	double from = NAN, to = NAN;

	if (o->batch) {
		from = isnan(o->from) ? o->at : o->from;
		to = o->to;
	}
	return ms_manager_open_replay(m, o->replay, from, to);
}

/* The explorer on a replay --at T: the first sample from T on. */
static int replay_at(struct ms_session *s, const struct ms_opts *o)
{
	struct ms_cursor *c = ms_session_cursor(s);
	int i;

	if (!c || isnan(o->at))
		return 0;
	i = ms_cursor_at_time(c, o->at);
	if (i >= ms_cursor_count(c)) {
		time_t t = (time_t)ms_cursor_time(c, ms_cursor_count(c) - 1);
		char when[40] = "?";
		struct tm tm;

		if (localtime_r(&t, &tm))
			strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
		fprintf(stderr,
			"memscope: --at: the recording ends before that, at "
			"%s\n",
			when);
		return -ERANGE;
	}
	ms_cursor_seek(c, i);
	return 0;
}

static int start_recording(struct ms_session *s, const struct ms_opts *o)
{
	char why[160];
	int err;

	if (o->capture) {
		fprintf(stderr, "memscope: --record goes without --capture\n");
		return -EINVAL;
	}
	err = ms_record_open(&s->rec, o->record, o->interval, why, sizeof(why));
	if (err)
		fprintf(stderr, "memscope: cannot record into %s: %s\n",
			o->record, why);
	return err;
}

int main(int argc, char **argv)
{
	struct ms_manager m;
	struct ms_session s = { .m = &m };
	struct ms_root root = { .dirfd = -1, .capture_fd = -1 };
	struct ms_opts o;
	const char *skip_why;
	char why[256];
	unsigned int want;
	int err = 0, rerr, sfd = -1;

	/*
	 * Big short-lived blocks (libbpf parses the kernel's BTF, megabytes,
	 * whenever a probe group attaches) go back to the kernel when freed.
	 * glibc's default threshold moves up after the first such free, and
	 * then they stay in the heap: RSS wandered by 10-39 MiB from one
	 * refresh cycle to the next in the soak test.
	 */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	mallopt(M_TRIM_THRESHOLD, 128 * 1024);
	if (argc > 1 && !strcmp(argv[1], "experiment"))
		return ms_exp_main(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "record"))
		return ms_recd_main(argc - 1, argv + 1);
	o = (struct ms_opts){ .interval = 1.0,
			      .alloc_probe = -1,
			      .top = MS_OM_TOP_DEFAULT,
			      .at = NAN,
			      .from = NAN,
			      .to = NAN };
	load_config(argc, argv, &o);
	err = parse_args(argc, argv, &o);
	s.include_self = o.include_self;
	if (err)
		return err > 0 ? 0 : 2;
	if (o.config_err && (o.batch || o.capture))
		fprintf(stderr, "memscope: %s\n", o.config_err);
	if (o.batch)
		check_theme(&o);
	/* before anything is opened or a recording created */
	if (!o.batch && !o.capture && ms_tui_check_terminal(why, sizeof(why))) {
		fprintf(stderr,
			"memscope: %s: the explorer needs a full-screen "
			"terminal; use -b for batch output (text, --json)\n",
			why);
		return 1;
	}
	/* a closed pipe in batch mode ends output quietly, not with a signal */
	signal(SIGPIPE, SIG_IGN);
	/* a port taken or an address not here: said before anything opens */
	if (o.serve &&
	    (sfd = ms_serve_listen(&serve_addr, why, sizeof(why))) < 0) {
		fprintf(stderr, "memscope: --serve: cannot listen on %s\n",
			why);
		return 2;
	}
	/* a replay reads its file and nothing else: no root */
	if (!o.replay)
		err = ms_root_open(&root, o.root);
	if (err) {
		fprintf(stderr, "memscope: cannot open root %s: %s\n", o.root,
			strerror(-err));
		return 1;
	}
	if (o.capture && (err = ms_root_capture(&root, o.capture))) {
		fprintf(stderr, "memscope: cannot write capture into %s: %s\n",
			o.capture, strerror(-err));
		return 1;
	}
	if (root.live && !o.replay)
		undo_left_over(&o);
	want = ms_batch_wants(&o, &skip_why);
	err = o.replay ? open_replay(&m, &o) :
			 ms_manager_open_for(&m, &root, want, skip_why);
	if (err && o.replay) {
		/* ms_manager_open_replay() always fills probes[0] */
		fprintf(stderr, "memscope: cannot replay %s: %s\n", o.replay,
			m.probes[0].why);
		return 1;
	} else if (err) {
		fprintf(stderr, "memscope: no data source below %s: %s\n",
			root.path, m.n ? m.probes[0].why : "no backend");
		ms_root_close(&root);
		return 1;
	}
	if (o.replay && !o.batch && replay_at(&s, &o)) {
		ms_manager_close(&m);
		return 1;
	}
	/*
	 * the explorer opens at what -p and --cache name, and a batch run
	 * records only what exists: checked before a recording is created,
	 * which a run that stops at its first sample would leave behind
	 */
	if (!o.capture && (!o.batch || o.record) &&
	    ms_target_check(&s, &o,
			    o.batch ? ms_batch_sections(&o) : MS_SEC_EVERY)) {
		ms_manager_close(&m);
		ms_root_close(&root);
		return 1;
	}
	if (o.record && (err = start_recording(&s, &o))) {
		ms_manager_close(&m);
		ms_root_close(&root);
		return 1;
	}
	if (o.serve)
		err = ms_serve_run(&s, &o, sfd, &serve_addr);
	else if (o.capture)
		err = ms_capture_run(&s, &o);
	else if (o.batch)
		err = ms_batch_run(&s, &o);
	else
		err = ms_tui_run(&s, &o);
	if (s.rec && (rerr = ms_record_close(s.rec))) {
		fprintf(stderr, "memscope: recording %s: %s\n", o.record,
			strerror(-rerr));
		err = err ? err : rerr;
	}
	ms_manager_close(&m);
	ms_root_close(&root);
	if (err == -EPIPE)
		return 0;
	return err ? 1 : 0;
}
