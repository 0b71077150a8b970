// SPDX-License-Identifier: GPL-2.0
/* The maple benchmark's timer (tests/lab/maple-bench.sh, in the lab VM):
 * memscope.ko's maple dump of a process against reading its maps. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/*
 * Usage: mapletime PID ROUNDS. Each round, interleaved: (1) open, read to
 * the end and close /proc/PID/maps (the floor), (2) run `cat
 * /proc/PID/maps` to /dev/null (a process each time), (3) open
 * /proc/memscope/maple, write PID, read the dump to the end, close. Prints
 * the best time of each in microseconds, the sizes and the line counts:
 *   maps_us N cat_us N maple_us N maps_bytes N maple_bytes N
 *   maps_lines N maple_vmas N
 * (maple_vmas: the dump's "vma" slots). Status 1 with a message when a
 * file cannot be read.
 */

#define MAPLE "/proc/memscope/maple"

extern char **environ;
static char buf[1 << 17]; /* as coreutils cat */

struct count {
	long bytes, lines, vmas;
};

static double now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

/* Counts lines, and lines holding " vma 0x" (a leaf slot with a VMA). */
static void tally(struct count *c, const char *p, ssize_t n, int *bol,
		  int *word)
{
	static const char pat[] = " vma 0x";

	for (ssize_t i = 0; i < n; i++) {
		if (p[i] == '\n') {
			c->lines++;
			*bol = 1;
			*word = 0;
			continue;
		}
		if (*word >= 0 && p[i] == pat[*word]) {
			if (++*word == (int)sizeof(pat) - 1) {
				c->vmas++;
				*word = -1;
			}
		} else if (*word >= 0) {
			*word = p[i] == pat[0];
		}
		*bol = 0;
	}
}

/* Reads fd to the end into c; -errno on a failed read. */
static int drain(int fd, struct count *c)
{
	int bol = 1, word = 0;
	ssize_t n;

	memset(c, 0, sizeof(*c));
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		c->bytes += n;
		tally(c, buf, n, &bol, &word);
	}
	return n < 0 ? -errno : 0;
}

static int read_maps(const char *path, struct count *c)
{
	int fd = open(path, O_RDONLY);
	int r;

	if (fd < 0)
		return -errno;
	r = drain(fd, c);
	close(fd);
	return r;
}

static int read_maple(const char *pid, struct count *c)
{
	int fd = open(MAPLE, O_RDWR);
	int r;

	if (fd < 0)
		return -errno;
	if (write(fd, pid, strlen(pid)) != (ssize_t)strlen(pid))
		r = -errno;
	else
		r = drain(fd, c);
	close(fd);
	return r;
}

static int run_cat(const char *path)
{
	char *argv[] = { "cat", (char *)path, NULL };
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int st, r;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	r = posix_spawnp(&pid, "cat", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (r)
		return -r;
	if (waitpid(pid, &st, 0) < 0)
		return -errno;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -EIO;
}

static void best(double *b, double t0)
{
	double t = now_us() - t0;

	if (*b < 0 || t < *b)
		*b = t;
}

int main(int argc, char **argv)
{
	double maps = -1, cat = -1, maple = -1, t0;
	struct count cm = { 0 }, cx = { 0 };
	char path[64];
	int rounds, r = 0;

	if (argc != 3 || atoi(argv[1]) <= 0 || atoi(argv[2]) <= 0) {
		fprintf(stderr, "usage: mapletime PID ROUNDS\n");
		return 2;
	}
	rounds = atoi(argv[2]);
	snprintf(path, sizeof(path), "/proc/%d/maps", atoi(argv[1]));
	for (int i = 0; i < rounds && !r; i++) {
		t0 = now_us();
		r = read_maps(path, &cm);
		best(&maps, t0);
		if (r)
			break;
		t0 = now_us();
		r = run_cat(path);
		best(&cat, t0);
		if (r)
			break;
		t0 = now_us();
		r = read_maple(argv[1], &cx);
		best(&maple, t0);
	}
	if (r) {
		fprintf(stderr, "mapletime: %s\n", strerror(-r));
		return 1;
	}
	printf("maps_us %.0f cat_us %.0f maple_us %.0f maps_bytes %ld "
	       "maple_bytes %ld maps_lines %ld maple_vmas %ld\n",
	       maps, cat, maple, cm.bytes, cx.bytes, cm.lines, cx.vmas);
	return 0;
}
