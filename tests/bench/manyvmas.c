// SPDX-License-Identifier: GPL-2.0
/* Benchmark workload: a process holding N distinct VMAs, then waiting. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/*
 * Usage: manyvmas N [touch]. One anonymous mapping of N pages; every other
 * page is made read-only, so the kernel cannot merge neighbours and keeps
 * N VMAs. With touch=1 (the default) each page is written first, so smaps
 * has resident pages to account, as in a real process. Prints "ready PID"
 * on stdout once set up, then sleeps until killed.
 */
int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 60000;
	int touch = argc > 2 ? atoi(argv[2]) : 1;
	long pg = sysconf(_SC_PAGESIZE);
	char *p;

	if (n < 1) {
		fprintf(stderr, "usage: %s NR_VMAS [touch 0|1]\n", argv[0]);
		return 2;
	}
	p = mmap(NULL, (size_t)(n * pg), PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	if (touch)
		for (long i = 0; i < n; i++)
			p[i * pg] = 1;
	for (long i = 1; i < n; i += 2) {
		if (mprotect(p + i * pg, (size_t)pg, PROT_READ) < 0) {
			perror("mprotect (vm.max_map_count?)");
			return 1;
		}
	}
	printf("ready %d\n", (int)getpid());
	fflush(stdout);
	for (;;)
		pause();
}
