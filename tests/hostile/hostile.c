// SPDX-License-Identifier: GPL-2.0
/* Hostile live processes for tests/hostile/: odd names, paths, churn, limits. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/*
 * Usage (each prints "ready PID" on stdout once set up, then sleeps until
 * killed; every child dies with its parent, PR_SET_PDEATHSIG):
 *   hostile name HEXCOMM [ARG...]  comm set to the bytes of HEXCOMM (prctl
 *                                  PR_SET_NAME, cut at 15 bytes); ARGs are
 *                                  the cmdline, as hostile as the caller likes
 *   hostile maps DIR               one page of each of files with hostile
 *                                  names in DIR mapped; one of them unlinked;
 *                                  one ~4 KiB deep path full of ESC bytes
 *   hostile vmalimit               anonymous pages of alternating protection
 *                                  until the kernel refuses another VMA
 *   hostile procs N                N sleeping children
 *   hostile anon MIB               MIB mebibytes of private anonymous memory,
 *                                  every page written (tests/cli/test_memory.sh)
 *   hostile hotcold MIB            two regions of MIB mebibytes, 1 GiB
 *                                  apart: "cold" written once, "hot" written
 *                                  over and over; prints "hot START END" and
 *                                  "cold START END" (virtual), then, as root,
 *                                  "h PFN" and "c PFN" for every 16th page,
 *                                  before "ready PID" (DAMON, tests/lab)
 *   hostile pipes N                N pipes holding 64 KiB each (pages no
 *                                  counter names); "ready PID KB"
 *   hostile churn fork|exec|mmap|files SECONDS [DIR]
 *                                  a fork/exit storm, an exec loop (same pid,
 *                                  new mappings), an mmap/mprotect/munmap
 *                                  storm, or files created, written and
 *                                  unlinked in DIR (dentries, inodes);
 *                                  exits after SECONDS
 * HOSTILE_COMM in the environment sets the comm of every mode but name
 * (children and execs keep it), so a test can find its processes.
 */

static int unhex(const char *in, char *out, size_t outlen)
{
	size_t n = 0;
	unsigned int c;

	for (; in[0] && in[1] && n + 1 < outlen; in += 2) {
		if (sscanf(in, "%2x", &c) != 1)
			return -EINVAL;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return (int)n;
}

static void ready(void)
{
	printf("ready %d\n", (int)getpid());
	fflush(stdout);
}

static int wait_forever(void)
{
	for (;;)
		pause();
	return 0;
}

static int do_name(int argc, char **argv)
{
	char comm[64];

	if (argc < 3 || unhex(argv[2], comm, sizeof(comm)) < 0)
		return 2;
	if (prctl(PR_SET_NAME, comm, 0, 0, 0) < 0) {
		perror("PR_SET_NAME");
		return 1;
	}
	ready();
	return wait_forever();
}

/* Names of the files "maps" maps; the first one is unlinked once mapped. */
static const char *const map_names[] = {
	"gone", /* becomes "gone (deleted)" */
	"fake (deleted)", /* only looks deleted */
	"new\nline", /* the kernel writes \012 */
	"two  spaces and\ttab",
	"esc\033[2J\033]52;c;aGk=\a", /* clear screen, OSC 52 clipboard */
	"bad\xff\xfe utf8 \xc2\x9b c1",
	" lead and trail ",
	"q\"uote back\\slash", /* JSON's own specials */
	"line\xe2\x80\xa8sep", /* U+2028, a line break to some */
};

static int map_file(const char *dir, const char *name, int i)
{
	char path[4096];
	int fd;
	void *p;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || ftruncate(fd, 4096) < 0) {
		perror(path);
		return -1;
	}
	/* alternate protections: no two neighbours can ever merge */
	p = mmap(NULL, 4096, i & 1 ? PROT_READ : PROT_READ | PROT_WRITE,
		 MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		perror("mmap");
		return -1;
	}
	if (i == 0 && unlink(path) < 0) {
		perror(path);
		return -1;
	}
	return 0;
}

/*
 * DIR/deep/ then 15 directories of 250 bytes (each starting with ten ESC
 * bytes) and a file "end": a path near the 4,096 bytes the kernel prints.
 */
static int map_deep(const char *dir)
{
	char name[251], here[4096];
	int ok = 0;

	if (!getcwd(here, sizeof(here)) || chdir(dir) < 0)
		return -1;
	memset(name, 'd', 250);
	memset(name, '\033', 10);
	name[250] = '\0';
	ok = mkdir("deep", 0700) == 0 && chdir("deep") == 0;
	for (int i = 0; ok && i < 15; i++)
		ok = mkdir(name, 0700) == 0 && chdir(name) == 0;
	if (!ok || map_file(".", "end", 2) < 0) {
		perror("deep");
		return -1;
	}
	return chdir(here);
}

static int do_maps(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	for (size_t i = 0; i < sizeof(map_names) / sizeof(map_names[0]); i++)
		if (map_file(argv[2], map_names[i], (int)i) < 0)
			return 1;
	if (map_deep(argv[2]) < 0)
		return 1;
	ready();
	return wait_forever();
}

static int do_vmalimit(void)
{
	long pg = sysconf(_SC_PAGESIZE), n = 70000, i;
	char *p = mmap(NULL, (size_t)(n * pg), PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	/* each read-only page splits one VMA in three until ENOMEM */
	for (i = 1; i < n; i += 2)
		if (mprotect(p + i * pg, (size_t)pg, PROT_READ) < 0)
			break;
	if (i >= n || errno != ENOMEM) {
		fprintf(stderr, "vmalimit: stopped at page %ld: %s\n", i,
			strerror(errno));
		return 1;
	}
	ready();
	return wait_forever();
}

static void die_with_parent(pid_t parent)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	if (getppid() != parent)
		_exit(0);
}

static int do_procs(int argc, char **argv)
{
	long n = argc > 2 ? atol(argv[2]) : 0;
	pid_t parent = getpid();

	if (n < 1)
		return 2;
	signal(SIGCHLD, SIG_IGN); /* no zombies to reap */
	for (long i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (!pid) {
			die_with_parent(parent);
			wait_forever();
		}
	}
	ready();
	return wait_forever();
}

static int do_anon(int argc, char **argv)
{
	long mib = argc > 2 ? atol(argv[2]) : 0;
	size_t len = (size_t)mib << 20;
	char *p;

	if (mib < 1)
		return 2;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	/* written, not read: a read would map the shared zero page */
	for (size_t i = 0; i < len; i += 4096)
		p[i] = 1;
	ready();
	return wait_forever();
}

/* Every 16th page of [p, p + len) as "tag PFN" (pagemap: root only). */
static void pfns(char tag, const char *p, size_t len)
{
	int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	uint64_t e;

	for (size_t i = 0; fd >= 0 && i < len; i += 16 * 4096)
		if (pread(fd, &e, 8, (off_t)((uintptr_t)(p + i) / 4096 * 8)) ==
			    8 &&
		    (e >> 63) && (e & ((1ULL << 55) - 1)))
			printf("%c %llu\n", tag,
			       (unsigned long long)(e & ((1ULL << 55) - 1)));
	if (fd >= 0)
		close(fd);
}

static int do_hotcold(int argc, char **argv)
{
	long mib = argc > 2 ? atol(argv[2]) : 0;
	size_t len = (size_t)mib << 20, gap = (size_t)1 << 30;
	volatile char *hot;
	char *p;

	if (mib < 1)
		return 2;
	/* one reservation, its middle unmapped: two VMAs a gap apart */
	p = mmap(NULL, 2 * len + gap, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED || munmap(p + len, gap) < 0) {
		perror("mmap");
		return 1;
	}
	hot = p + len + gap;
	for (size_t i = 0; i < len; i += 4096)
		p[i] = hot[i] = 1;
	printf("hot %llu %llu\ncold %llu %llu\n",
	       (unsigned long long)(uintptr_t)hot,
	       (unsigned long long)(uintptr_t)(hot + len),
	       (unsigned long long)(uintptr_t)p,
	       (unsigned long long)(uintptr_t)(p + len));
	pfns('h', (const char *)hot, len);
	pfns('c', p, len);
	ready();
	/*
	 * DAMON clears a page's accessed bit without a TLB flush, as on real
	 * hardware, whose TLB is small: the next write misses it and sets the
	 * bit again. QEMU's TCG keeps every translation until a flush, so
	 * each pass flushes them (mprotect of the whole range) the way a
	 * real TLB's evictions would.
	 */
	for (;;) {
		mprotect(p + len + gap, len, PROT_READ);
		mprotect(p + len + gap, len, PROT_READ | PROT_WRITE);
		for (size_t i = 0; i < len; i += 4096)
			hot[i]++;
	}
	return 0;
}

/*
 * Pages the kernel counts in no meminfo line: n pipes, each filled with
 * 64 KiB (pipe_write's page per buffer), held. Prints "ready PID KB".
 */
static int do_pipes(int argc, char **argv)
{
	long n = argc > 2 ? atol(argv[2]) : 0;
	struct rlimit r = { .rlim_cur = 2 * n + 64, .rlim_max = 2 * n + 64 };
	static char buf[65536];

	if (n < 1)
		return 2;
	if (setrlimit(RLIMIT_NOFILE, &r)) {
		perror("setrlimit");
		return 1;
	}
	memset(buf, 'p', sizeof(buf));
	for (long i = 0; i < n; i++) {
		int fd[2];

		if (pipe2(fd, O_NONBLOCK)) {
			perror("pipe2");
			return 1;
		}
		/* a pipe holds 64 KiB by default: 16 pages */
		if (write(fd[1], buf, sizeof(buf)) != (ssize_t)sizeof(buf)) {
			perror("write");
			return 1;
		}
	}
	printf("ready %d %ld\n", (int)getpid(), n * 64);
	return wait_forever();
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void fork_storm(double end)
{
	signal(SIGCHLD, SIG_IGN);
	while (now() < end) {
		pid_t pid = fork();

		if (!pid) {
			/* a few mappings, then gone mid-read */
			void *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

			if (p != MAP_FAILED)
				memset(p, 1, 1 << 16);
			usleep(rand() % 3000);
			_exit(0);
		}
		if (pid < 0)
			usleep(1000);
		else
			usleep(200);
	}
}

/* a ring of 256 mappings, each replaced by a new one of another size */
static void mmap_storm(double end)
{
	long pg = sysconf(_SC_PAGESIZE);
	struct {
		char *p;
		size_t n;
	} ring[256] = { 0 };

	while (now() < end) {
		int slot = rand() % 256;
		size_t n = (size_t)(1 + rand() % 64) * (size_t)pg;
		char *p;

		if (ring[slot].p)
			munmap(ring[slot].p, ring[slot].n);
		ring[slot].p = NULL;
		p = mmap(NULL, n, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			continue;
		p[0] = 1;
		if (n > (size_t)pg)
			mprotect(p + pg, (size_t)pg, PROT_READ);
		ring[slot].p = p;
		ring[slot].n = n;
	}
}

/* files created, written and unlinked in dir, a ring of 64 kept */
static void file_storm(const char *dir, double end)
{
	char path[4096];
	unsigned long n = 0;

	while (now() < end) {
		int fd;

		snprintf(path, sizeof(path), "%s/f%lu", dir, n % 64);
		unlink(path);
		fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
		if (fd >= 0) {
			if (write(fd, path, 8) < 0)
				perror("write");
			close(fd);
		}
		n++;
	}
	for (unsigned long i = 0; i < 64; i++) {
		snprintf(path, sizeof(path), "%s/f%lu", dir, i);
		unlink(path);
	}
}

static int do_churn(int argc, char **argv)
{
	double secs = argc > 3 ? atof(argv[3]) : 0, end;
	char arg[32];

	if (argc < 4 || secs <= 0)
		return 2;
	/* exec: argv[4] carries the end time across the execs */
	end = argc > 4 && !strcmp(argv[2], "exec") ? atof(argv[4]) :
						     now() + secs;
	if (!strcmp(argv[2], "exec")) {
		if (argc == 4)
			ready();
		if (now() >= end)
			return 0;
		snprintf(arg, sizeof(arg), "%f", end);
		usleep(2000);
		execl("/proc/self/exe", argv[0], "churn", "exec", argv[3], arg,
		      (char *)NULL);
		perror("exec");
		return 1;
	}
	ready();
	if (!strcmp(argv[2], "fork"))
		fork_storm(end);
	else if (!strcmp(argv[2], "mmap"))
		mmap_storm(end);
	else if (!strcmp(argv[2], "files") && argc > 4)
		file_storm(argv[4], end);
	else
		return 2;
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (getenv("HOSTILE_COMM"))
		prctl(PR_SET_NAME, getenv("HOSTILE_COMM"), 0, 0, 0);
	if (!strcmp(mode, "name"))
		return do_name(argc, argv);
	if (!strcmp(mode, "maps"))
		return do_maps(argc, argv);
	if (!strcmp(mode, "vmalimit"))
		return do_vmalimit();
	if (!strcmp(mode, "procs"))
		return do_procs(argc, argv);
	if (!strcmp(mode, "churn"))
		return do_churn(argc, argv);
	if (!strcmp(mode, "anon"))
		return do_anon(argc, argv);
	if (!strcmp(mode, "pipes"))
		return do_pipes(argc, argv);
	if (!strcmp(mode, "hotcold"))
		return do_hotcold(argc, argv);
	fprintf(stderr,
		"usage: %s name|maps|vmalimit|procs|churn|anon|pipes|hotcold "
		"...\n",
		argv[0]);
	return 2;
}
