/* SPDX-License-Identifier: GPL-2.0 */
/* Command-line options, parsed once in main and passed down read-only. */
#ifndef MS_OPTS_H
#define MS_OPTS_H

#include <stdbool.h>

/* --format of batch output */
enum ms_format {
	MS_FMT_TEXT,
	MS_FMT_JSON,
	MS_FMT_OPENMETRICS,
	MS_FMT_PROMETHEUS
};

struct ms_opts {
	bool batch, json, ascii, no_color; /* json: format == JSON */
	enum ms_format format; /* --format, --json */
	int top; /* --top: slab caches with series of their own */
	int count; /* -n: samples in batch mode, 0 = forever */
	double interval; /* -d: seconds between samples */
	const char *tab; /* --tab: buddy|slab|vma|reclaim|numa|all */
	int pid; /* --pid */
	const char *slab_cache; /* --cache: slab drill-down in batch */
	const char *root; /* --root DIR, NULL for the live system */
	const char *capture; /* --capture DIR */
	const char *theme; /* --theme NAME|PATH */
	int alloc_probe; /* --alloc-probe: highest order, -1 none */
	unsigned int bench_size, bench_count; /* --slab-bench, 0 none */
	bool delayacct; /* --delayacct: turn task_delayacct on */
	bool include_self; /* --include-self: own events in the BPF rates */
	bool attribution; /* --attribution: memory by allocating call site */
	bool physmap; /* --physmap: the physical memory map (every pageblock) */
	bool folios; /* --folios: the VMAs' memory by folio size */
	bool damon; /* --damon: memscope's own DAMON monitoring */
	int damon_pid; /* of this process, 0: physical memory (paddr) */
	bool no_mouse; /* --no-mouse, or mouse = no in the config */
	const char *config_err; /* why the config file was not used */
	/*
	 * what this start put back that a memscope gone without doing it
	 * had changed (probes/undo.c), lines joined by "; "; NULL: nothing
	 */
	const char *put_back;
	const char *record; /* --record FILE */
	const char *replay; /* --replay FILE or DIR */
	/* --at, --from, --to: seconds since the epoch, NaN when not given */
	double at, from, to;
	/* --serve ADDR:PORT (app/serve.h): headless, as with -b */
	const char *serve;
};

struct ms_serve_addr;
/*
 * The config file's defaults (app/config.c), then the command line over
 * them (app/args.c), --serve's address into serve_addr: 0 to run, 1 when
 * --help or --version was answered, -EINVAL on bad usage (said).
 */
int ms_opts_parse(int argc, char **argv, struct ms_opts *o,
		  struct ms_serve_addr *serve_addr);

#endif
