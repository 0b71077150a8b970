/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `memscope experiment NAME`: the seed chapter's reproducible experiments
 * (1.7), their shared context, CSV/report writers and pure statistics.
 */
#ifndef MS_EXP_H
#define MS_EXP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "probes/probe.h"

/* Entry point from app/main.c: argv[0] is "experiment". Exit status. */
int ms_exp_main(int argc, char **argv);

/* ---- Context shared by the experiments (exp/run.c) -------------------- */

struct ms_exp_opts {
	const char *name;
	const char *out; /* result directory */
	const char *scan_dir; /* mglru: where the scanned file lives */
	bool quick; /* the short run of make check */
	bool force; /* --i-know-this-stresses-memory */
};

struct ms_exp {
	const struct ms_exp_opts *o;
	struct ms_root root;
	struct ms_manager m;
	struct ms_snapshot snap;
	char dir[1024]; /* o->out, created */
	FILE *report; /* DIR/report.md */
	FILE *plot; /* DIR/plot.gp */
	int step, steps; /* progress */
	bool tty;
};

struct ms_experiment {
	const char *name;
	const char *title;
	int (*run)(struct ms_exp *e);
};

extern const struct ms_experiment ms_exp_frag;
extern const struct ms_experiment ms_exp_slab;
extern const struct ms_experiment ms_exp_mglru;

/* Print "[k/N] what" (a bar on a terminal) before a step runs. */
void ms_exp_step(struct ms_exp *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A plain progress/info line. */
void ms_exp_say(struct ms_exp *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Sample req's sections into e->snap; -errno. */
int ms_exp_sample(struct ms_exp *e, const struct ms_request *req);
/* Has a stop been asked for (SIGINT/SIGTERM/SIGHUP)? */
bool ms_exp_stopped(void);
/* Sleep up to s seconds; false when interrupted by a stop. */
bool ms_exp_sleep(double s);
/* Open DIR/name for writing ("w"); NULL with errno. */
FILE *ms_exp_file(struct ms_exp *e, const char *name);
/* The report's common head: title, kernel, command line, rerun. */
void ms_exp_report_head(struct ms_exp *e, const char *title);

/* ---- Settings changed for a run, put back on exit (exp/restore.c) ----- */

/*
 * Write value to rel (below the root), remembering the old value the first
 * time; restored in reverse order by ms_restore_all(), which atexit() and
 * the SIGINT/SIGTERM/SIGHUP handlers call. -errno.
 */
int ms_restore_set(const struct ms_root *r, const char *rel, const char *value);
/* Write value now and undo_value at the end (cgroup.subtree_control). */
int ms_restore_write(const struct ms_root *r, const char *rel,
		     const char *value, const char *undo_value);
/* A directory to rmdir at the end (a cgroup), a process to kill. */
int ms_restore_rmdir(const struct ms_root *r, const char *rel);
int ms_restore_kill(int pid);
void ms_restore_forget_kill(int pid);
/* Put everything back now (idempotent); the number of failures. */
int ms_restore_all(void);
/* Install atexit() and the signal handlers; stop flag for ms_exp_stopped. */
void ms_restore_install(void);
/* Write s to rel once (compact_memory, drop_caches): not a setting. */
int ms_write_file(const struct ms_root *r, const char *rel, const char *s);

/* ---- CSV (exp/csv.c) ---------------------------------------------------- */

/*
 * One CSV file: a header row, then rows of exactly ncols fields. Values
 * that could not be read (MS_NA, NAN) are written as NA; strings are quoted
 * when they hold a comma, quote or newline (RFC 4180).
 */
struct ms_csv {
	FILE *f;
	int ncols, col;
	int err; /* first error: -EINVAL for a wrong row */
};

int ms_csv_start(struct ms_csv *c, FILE *f, const char *const *cols, int n);
void ms_csv_str(struct ms_csv *c, const char *s);
void ms_csv_u64(struct ms_csv *c, uint64_t v);
void ms_csv_int(struct ms_csv *c, long long v);
void ms_csv_dbl(struct ms_csv *c, double v, int decimals);
void ms_csv_end(struct ms_csv *c);
/* Close the file; the first error of the whole file, or 0. */
int ms_csv_close(struct ms_csv *c);

/* ---- Markdown report (exp/report.c) ------------------------------------ */

/* "| a | b |" and the "|---|---|" rule; '|' in cells escaped. */
void ms_md_head(FILE *f, const char *const *cols, int n);
void ms_md_row(FILE *f, const char *const *cells, int n);
/* A number for a table cell: "n/a" for MS_NA/NAN. */
const char *ms_md_num(char *buf, size_t len, double v, int decimals);

/* ---- Statistics (exp/stats.c) ------------------------------------------- */

struct ms_spread {
	int n;
	double min, max, mean, median, sd;
	double rel; /* (max - min) / median, NAN when median 0 */
};

/* Nearest-rank percentile as memscope.ko computes it; sorts v. NAN if n=0. */
double ms_percentile(double *v, size_t n, double p);
/* min/max/mean/median/sd of v (not modified); n = 0 gives NANs. */
struct ms_spread ms_spread_of(const double *v, size_t n);
/* Every v[i+1] <= v[i] (ints: orders), ignoring entries < 0 (none free). */
bool ms_nonincreasing(const int *v, size_t n);
/* Which way did a series move from first to last: -1, 0, 1 (NANs skipped). */
int ms_trend(const double *v, size_t n);

/* ---- Workloads in forked children (exp/work.c) ------------------------- */

/*
 * The fragmenter: a child holding memory, steered one command at a time:
 * FILL maps mb MiB of 4 KiB pages (no THP) and touches them; PUNCH frees
 * every other page of all it mapped and mlocks one kept page in every
 * pageblock (arg: pageblock order) they sit in; TAKE maps mb MiB of huge
 * pages (THP), touching one byte of each; UNPIN frees the mlocked pages.
 */
struct ms_worker {
	int pid;
	int cmd, res; /* pipes to and from the child */
};

enum ms_frag_op { MS_FRAG_FILL, MS_FRAG_PUNCH, MS_FRAG_TAKE, MS_FRAG_UNPIN };

struct ms_frag_reply {
	long err; /* 0 or -errno */
	long held_mb; /* 4 KiB pages held */
	long pins; /* mlocked pages */
	long huge_mb; /* AnonHugePages, -1 unknown */
	long pfns; /* 1: pins placed by page frame (pagemap) */
};

int ms_frag_start(struct ms_worker *w);
/* One command; the child's reply in r; -errno (-ECHILD: it died). */
int ms_frag_cmd(struct ms_worker *w, enum ms_frag_op op, unsigned int mb,
		unsigned int arg, struct ms_frag_reply *r);
void ms_worker_stop(struct ms_worker *w);

/* mglru's workloads: each joins the cgroup, then runs until stopped. */
#define MS_LOAD_MAX_LAT 16384

enum ms_load_kind { MS_LOAD_SCAN, MS_LOAD_ANON, MS_LOAD_PROBE };

/* Shared with the child: progress and the probe's pass latencies. */
struct ms_load_stats {
	volatile uint64_t bytes; /* read (scan) or written (anon) */
	volatile uint32_t n; /* probe passes recorded */
	volatile float us[MS_LOAD_MAX_LAT];
};

struct ms_load {
	enum ms_load_kind kind;
	const char *cgroup; /* below the root: "sys/fs/cgroup/x" */
	const char *file; /* scan: the big file; probe: the hot file */
	unsigned int mb; /* anon: the mapping; probe: hot anon MiB */
	struct ms_load_stats *stats; /* from ms_load_stats_new() */
};

int ms_load_start(struct ms_worker *w, const struct ms_root *r,
		  const struct ms_load *l);
struct ms_load_stats *ms_load_stats_new(void);
void ms_load_stats_free(struct ms_load_stats *s);

#endif
