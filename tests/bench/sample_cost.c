// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmark driver: the CPU and wall time of one sample of a tab, as the
 * explorer takes it, without drawing. Used by tests/bench/bench.sh.
 * Usage: sample_cost [--root DIR] [--pid PID] TAB COUNT
 *        sample_cost read FILE COUNT   (the floor: open, read, close)
 *        sample_cost census COUNT      (whole census passes; prints the
 *                                       pages counted, --json the last)
 *        sample_cost physmap COUNT     (the same with the physical memory
 *                                       map built from each pass)
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/batch.h"
#include "app/session.h"
#include "probes/probe.h"
#include "store/json.h"

static double secs(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The least any reader pays: the kernel generating the file. */
static int read_floor(const char *path, int n)
{
	static char buf[1 << 16];
	double cpu = secs(CLOCK_PROCESS_CPUTIME_ID);
	double wall = secs(CLOCK_MONOTONIC);

	for (int k = 0; k < n; k++) {
		int fd = open(path, O_RDONLY);

		if (fd < 0)
			return 1;
		while (read(fd, buf, sizeof(buf)) > 0)
			;
		close(fd);
	}
	cpu = secs(CLOCK_PROCESS_CPUTIME_ID) - cpu;
	wall = secs(CLOCK_MONOTONIC) - wall;
	printf("%.1f %.1f\n", cpu / n * 1e6, wall / n * 1e6);
	return 0;
}

int main(int argc, char **argv)
{
	struct ms_opts o = { .interval = 1 };
	struct ms_snapshot s[2];
	struct ms_request req = { 0 };
	struct ms_manager m;
	struct ms_root root;
	double cpu, wall;
	FILE *json = NULL;
	int i = 1, n;

	if (argc == 4 && !strcmp(argv[1], "read"))
		return read_floor(argv[2], atoi(argv[3]));
	for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (!strcmp(argv[i], "--root"))
			o.root = argv[i + 1];
		else if (!strcmp(argv[i], "--pid"))
			o.pid = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--json"))
			json = fopen(argv[i + 1], "w");
	}
	if (argc - i == 2 && !strcmp(argv[i], "census")) {
		req.sections = MS_SEC_BIT(MS_SEC_CENSUS);
		req.census_full = true;
	} else if (argc - i == 2 && !strcmp(argv[i], "physmap")) {
		req.sections = MS_SEC_BIT(MS_SEC_PHYSMAP);
		req.census_full = true;
	} else if (argc - i != 2 ||
		   !(req.sections = ms_tab_sections(argv[i], &o))) {
		fprintf(stderr, "usage: sample_cost [--root DIR] [--pid PID] "
				"TAB COUNT\n");
		return 2;
	}
	n = atoi(argv[i + 1]);
	req.pid = o.pid;
	if (ms_root_open(&root, o.root) || ms_manager_open(&m, &root))
		return 1;
	ms_snapshot_init(&s[0]);
	ms_snapshot_init(&s[1]);
	ms_session_sample(&(struct ms_session){ .m = &m }, &req, &s[1],
			  NULL); /* warm up */
	cpu = secs(CLOCK_PROCESS_CPUTIME_ID);
	wall = secs(CLOCK_MONOTONIC);
	for (int k = 0; k < n; k++)
		ms_session_sample(&(struct ms_session){ .m = &m }, &req,
				  &s[k & 1], &s[!(k & 1)]);
	cpu = secs(CLOCK_PROCESS_CPUTIME_ID) - cpu;
	wall = secs(CLOCK_MONOTONIC) - wall;
	if (req.sections &
	    (MS_SEC_BIT(MS_SEC_CENSUS) | MS_SEC_BIT(MS_SEC_PHYSMAP)))
		printf("%.1f %.1f %llu\n", cpu / n * 1e6, wall / n * 1e6,
		       (unsigned long long)s[!(n & 1)].census.pages);
	else
		printf("%.1f %.1f %d\n", cpu / n * 1e6, wall / n * 1e6,
		       req.sections & MS_SEC_BIT(MS_SEC_VMAS) ? s[0].vmas.n :
								s[0].procs.n);
	if (json) {
		ms_out_json(json, &s[!(n & 1)], req.sections);
		fclose(json);
	}
	ms_snapshot_free(&s[0]);
	ms_snapshot_free(&s[1]);
	ms_manager_close(&m);
	ms_root_close(&root);
	return 0;
}
