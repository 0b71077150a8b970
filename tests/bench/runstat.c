// SPDX-License-Identifier: GPL-2.0
/* Benchmark driver: the CPU time and peak RSS of one command, as a whole. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * Usage: runstat CMD [ARG]... Runs CMD once with stdout on /dev/null and
 * prints "CPU_US MAXRSS_KB": user+system time in microseconds and the
 * child's peak RSS (getrusage of that child alone, wait4), the figures a
 * script running the command would pay. Exit status: CMD's.
 */
int main(int argc, char **argv)
{
	struct rusage ru;
	int st, fd;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: %s CMD [ARG]...\n", argv[0]);
		return 2;
	}
	pid = fork();
	if (pid < 0)
		return 2;
	if (!pid) {
		fd = open("/dev/null", O_WRONLY);
		if (fd < 0 || dup2(fd, 1) < 0)
			_exit(127);
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	if (wait4(pid, &st, 0, &ru) < 0)
		return 2;
	printf("%ld %ld\n",
	       (long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 +
		       ru.ru_utime.tv_usec + ru.ru_stime.tv_usec,
	       ru.ru_maxrss);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}
