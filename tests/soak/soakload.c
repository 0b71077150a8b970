// SPDX-License-Identifier: GPL-2.0
/* The soak's workload (tests/soak/soak.sh): short-lived processes that fault
 * pages in, change and drop mappings, and create and unlink files. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/*
 * Usage: soakload SECONDS DIR. Until SECONDS have passed, forks one child
 * at a time (CHILDREN at once); each child maps, touches, mprotects and
 * unmaps PAGES pages and creates, writes and unlinks FILES files in DIR
 * (dentries, inodes, filp: slab churn) ROUNDS times, then exits. A pause
 * after each child keeps it to a fraction of a CPU on a shared machine.
 * Children die with the parent (PR_SET_PDEATHSIG); the parent reaps them
 * all and prints "soakload: N children".
 */

#define CHILDREN 4
#define ROUNDS 20
#define PAGES 32
#define FILES 4
#define PAUSE_US 50000

static void touch_pages(long pg)
{
	char *p = mmap(NULL, PAGES * pg, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		_exit(1);
	for (int i = 0; i < PAGES; i++)
		p[i * pg] = (char)i;
	/* split the VMA in two and back: maple tree and VMA churn */
	mprotect(p, PAGES / 2 * pg, PROT_READ);
	munmap(p, PAGES * pg);
}

static void churn_files(const char *dir, int id)
{
	char path[4096];

	for (int f = 0; f < FILES; f++) {
		int fd;

		snprintf(path, sizeof(path), "%s/s%d.%d", dir, id, f);
		fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
		if (fd < 0)
			_exit(1);
		if (write(fd, path, 64) != 64)
			_exit(1);
		close(fd);
		unlink(path);
	}
}

static void child(const char *dir, int id)
{
	long pg = sysconf(_SC_PAGESIZE);

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	for (int r = 0; r < ROUNDS; r++) {
		touch_pages(pg);
		churn_files(dir, id);
	}
	_exit(0);
}

int main(int argc, char **argv)
{
	time_t end;
	long n = 0;
	int live = 0;

	if (argc != 3 || atoi(argv[1]) <= 0) {
		fprintf(stderr, "usage: soakload SECONDS DIR\n");
		return 2;
	}
	end = time(NULL) + atoi(argv[1]);
	while (time(NULL) < end) {
		pid_t pid;

		if (live == CHILDREN && wait(NULL) > 0)
			live--;
		pid = fork();
		if (pid == 0)
			child(argv[2], (int)(n % 1000));
		if (pid > 0) {
			live++;
			n++;
		}
		usleep(PAUSE_US);
	}
	while (wait(NULL) > 0)
		;
	printf("soakload: %ld children\n", n);
	return 0;
}
