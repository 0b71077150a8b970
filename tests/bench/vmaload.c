// SPDX-License-Identifier: GPL-2.0
/* Benchmark driver: time ms_procfs_vmas() on one live process, N times. */
#include "probes/procfs/procfs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_RUNS 64

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * Usage: vmaload PID [RUNS [numa]]. Each run is one whole load (stat,
 * smaps, numa_maps when more than one node is online or "numa" is given,
 * stat again) into a snapshot that keeps its arrays, as in a steady
 * refresh. Prints "FIRST BEST MEDIAN NR_VMAS HAS_NUMA", times in seconds;
 * FIRST includes growing the arrays, as when a process is opened.
 */
int main(int argc, char **argv)
{
	int pid = argc > 1 ? atoi(argv[1]) : 0;
	int runs = argc > 2 ? atoi(argv[2]) : 5;
	struct ms_procfs pf = { 0 };
	struct ms_snapshot s;
	struct ms_root root;
	double t[MAX_RUNS], first = 0;
	int err = 0;

	if (pid <= 0 || runs < 1 || runs > MAX_RUNS) {
		fprintf(stderr, "usage: %s PID [RUNS<=%d [numa]]\n", argv[0],
			MAX_RUNS);
		return 2;
	}
	if (argc > 3 && !strcmp(argv[3], "numa"))
		pf.vma_numa = 1;
	if (ms_root_open(&root, "/"))
		return 1;
	ms_snapshot_init(&s);
	for (int i = -1; i < runs && !err; i++) {
		double t0;

		ms_snapshot_reset(&s);
		t0 = now();
		err = ms_procfs_vmas(&root, &pf, pid, NULL, &s);
		if (i < 0)
			first = now() - t0;
		else
			t[i] = now() - t0;
	}
	if (err) {
		fprintf(stderr, "ms_procfs_vmas: %s\n", strerror(-err));
		for (int i = 0; i < s.nr_notes; i++)
			fprintf(stderr, "  %s: %s\n", s.notes[i].what,
				s.notes[i].why);
	} else {
		qsort(t, (size_t)runs, sizeof(t[0]), cmp);
		printf("%.6f %.6f %.6f %d %d\n", first, t[0], t[runs / 2],
		       s.vmas.n, s.vmas.has_numa);
	}
	ms_snapshot_free(&s);
	ms_buf_free(&pf.buf);
	ms_buf_free(&pf.buf2);
	ms_root_close(&root);
	return err ? 1 : 0;
}
