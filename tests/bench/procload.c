// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmark driver: CPU cost of ms_procfs_procs() (tests/bench/procs.sh)
 * or ms_procfs_cgroup() (tests/bench/cgroups.sh) refreshing live.
 */
#include "probes/procfs/procfs.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double cpu(void)
{
	struct rusage u;

	getrusage(RUSAGE_SELF, &u);
	return (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec / 1e6 +
	       (double)u.ru_stime.tv_sec + (double)u.ru_stime.tv_usec / 1e6;
}

static void pause_for(double s)
{
	struct timespec t = { (time_t)s,
			      (long)((s - (double)(time_t)s) * 1e9) };

	nanosleep(&t, NULL);
}

/* One sample of the process list, or with cgroups of the memory cgroups. */
static int one(struct ms_root *r, struct ms_procfs *pf, bool full, bool cgroups,
	       struct ms_snapshot *s)
{
	if (cgroups)
		return ms_procfs_cgroup(r, pf, full, s);
	return ms_procfs_procs(r, pf, full, s);
}

/*
 * Usage: procload [SAMPLES [INTERVAL [full|live [cgroups]]]]. Samples the
 * live process list (with "cgroups": the memory cgroups) SAMPLES times,
 * INTERVAL seconds apart, as a refreshing screen does (with "full": as
 * batch mode does, every process's or cgroup's costly files each sample).
 * Prints "N FIRST_MS STEADY_MS US_PER_ONE CPU_PERCENT": the first sample
 * reads every file; STEADY is the CPU time of a later one.
 */
int main(int argc, char **argv)
{
	int samples = argc > 1 ? atoi(argv[1]) : 10;
	double interval = argc > 2 ? atof(argv[2]) : 1.0;
	bool full = argc > 3 && !strcmp(argv[3], "full");
	bool cgroups = argc > 4 && !strcmp(argv[4], "cgroups");
	struct ms_procfs pf = { 0 };
	struct ms_snapshot s;
	struct ms_root root;
	double first, t0, steady = 0;
	int err, n = 0;

	if (samples < 2 || interval <= 0 || ms_root_open(&root, "/")) {
		fprintf(stderr,
			"usage: %s [SAMPLES>=2 [INTERVAL [full|live "
			"[cgroups]]]]\n",
			argv[0]);
		return 2;
	}
	ms_snapshot_init(&s);
	t0 = cpu();
	err = one(&root, &pf, full, cgroups, &s);
	first = cpu() - t0;
	for (int i = 1; i < samples && !err; i++) {
		pause_for(interval);
		ms_snapshot_reset(&s);
		t0 = cpu();
		err = one(&root, &pf, full, cgroups, &s);
		steady += cpu() - t0;
		n = cgroups ? s.cgroups.n : s.procs.n;
	}
	if (err) {
		fprintf(stderr, "sample: %d\n", err);
	} else {
		steady /= samples - 1;
		printf("%d %.2f %.2f %.2f %.3f\n", n, first * 1e3, steady * 1e3,
		       steady * 1e6 / n, steady / interval * 100);
	}
	ms_procfs_fini(&pf);
	ms_snapshot_free(&s);
	ms_root_close(&root);
	return err ? 1 : 0;
}
