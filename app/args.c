// SPDX-License-Identifier: GPL-2.0
/*
 * memscope's command line: --help, --version, the options over the config
 * file's defaults (app/config.c), checked, into struct ms_opts.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/batch.h"
#include "app/config.h"
#include "app/opts.h"
#include "app/serve.h"
#include "model/area.h"
#include "out/openmetrics.h"
#include "store/recdir.h"

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

/* Returns 0 to run, 1 to exit successfully, -EINVAL on bad usage. */
static int parse_args(int argc, char **argv, struct ms_opts *o,
		      struct ms_serve_addr *serve_addr)
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
	if (o->serve && ms_serve_args(o, serve_addr))
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

int ms_opts_parse(int argc, char **argv, struct ms_opts *o,
		  struct ms_serve_addr *serve_addr)
{
	load_config(argc, argv, o);
	return parse_args(argc, argv, o, serve_addr);
}
