// SPDX-License-Identifier: GPL-2.0
/*
 * An event-dense workload for the BPF overhead bench: page faults (fresh
 * anonymous pages touched and unmapped) and file create/unlink churn,
 * on every CPU. Prints the CPU time (user + system) of a fixed amount of
 * work in ms: the programs run in the workload's context, and CPU time is
 * steadier than wall time when other things run on the machine.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGES 16 /* fresh pages faulted in per round */
#define FILES 4 /* files created and unlinked per round */

static void work(const char *dir, int id, int rounds)
{
	long pg = sysconf(_SC_PAGESIZE);
	char path[4096];

	for (int r = 0; r < rounds; r++) {
		char *p = mmap(NULL, PAGES * pg, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		int fd;

		if (p == MAP_FAILED)
			exit(1);
		for (int i = 0; i < PAGES; i++)
			p[i * pg] = (char)i;
		munmap(p, PAGES * pg);
		for (int f = 0; f < FILES; f++) {
			snprintf(path, sizeof(path), "%s/f%d.%d", dir, id, f);
			fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
			if (fd < 0 || write(fd, path, 64) != 64)
				exit(1);
			close(fd);
			unlink(path);
		}
	}
}

int main(int argc, char **argv)
{
	int rounds = argc > 2 ? atoi(argv[2]) : 20000;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	struct rusage ru;

	if (argc < 2) {
		fprintf(stderr, "usage: bpfload DIR [ROUNDS]\n");
		return 2;
	}
	for (long i = 0; i < n; i++)
		if (fork() == 0) {
			work(argv[1], (int)i, rounds);
			_exit(0);
		}
	while (wait(NULL) > 0)
		;
	getrusage(RUSAGE_CHILDREN, &ru);
	printf("%.1f\n",
	       (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
		       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) /
			       1e3);
	return 0;
}
