// SPDX-License-Identifier: GPL-2.0
/* Lab stress workload: processes that mmap, mprotect, mremap and munmap at
 * random and exit, so the maple tree is dumped while it changes. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/*
 * Usage: churn SECONDS [PROCS]. Keeps PROCS (default 4) children busy for
 * SECONDS; each child does a random number of operations on up to 64
 * mappings of 1..32 pages, then exits and is replaced. Every child dies
 * with its parent (PR_SET_PDEATHSIG), and the parent kills and reaps them
 * all before it exits. Prints "churn: N children".
 */

#define SLOTS 64

static long pg;

struct map {
	char *p;
	size_t len;
};

static unsigned int rnd(unsigned int *seed, unsigned int n)
{
	return (unsigned int)rand_r(seed) % n;
}

static void op_map(struct map *m, unsigned int *seed)
{
	m->len = (size_t)(1 + rnd(seed, 32)) * (size_t)pg;
	m->p = mmap(NULL, m->len, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m->p == MAP_FAILED) {
		m->p = NULL;
		return;
	}
	m->p[0] = 1;
}

/* Split the mapping: a random page becomes read-only or goes away. */
static void op_split(struct map *m, unsigned int *seed)
{
	size_t off = (size_t)rnd(seed, (unsigned int)(m->len / pg)) * pg;

	if (rnd(seed, 2)) {
		mprotect(m->p + off, (size_t)pg, PROT_READ);
	} else if (off) {
		munmap(m->p + off, m->len - off);
		m->len = off;
	}
}

static void op_unmap(struct map *m)
{
	munmap(m->p, m->len);
	m->p = NULL;
}

static void op_remap(struct map *m, unsigned int *seed)
{
	size_t len = (size_t)(1 + rnd(seed, 32)) * (size_t)pg;
	char *p = mremap(m->p, m->len, len, MREMAP_MAYMOVE);

	if (p != MAP_FAILED) {
		m->p = p;
		m->len = len;
	}
}

static void child(unsigned int seed)
{
	struct map maps[SLOTS] = { 0 };
	unsigned int ops = 100 + rnd(&seed, 3000);

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		_exit(0);
	for (unsigned int i = 0; i < ops; i++) {
		struct map *m = &maps[rnd(&seed, SLOTS)];

		if (!m->p)
			op_map(m, &seed);
		else if (rnd(&seed, 4) == 0)
			op_unmap(m);
		else if (rnd(&seed, 2))
			op_split(m, &seed);
		else
			op_remap(m, &seed);
	}
	_exit(0);
}

static pid_t kids[64];

/* Start a child in kids[k]; SEED makes each child's sequence differ. */
static void spawn(int k, unsigned long seed)
{
	kids[k] = fork();
	if (kids[k] == 0)
		child((unsigned int)(seed * 7919 + 1));
}

static int slot_of(pid_t pid, int procs)
{
	for (int k = 0; k < procs; k++)
		if (kids[k] == pid)
			return k;
	return -1;
}

int main(int argc, char **argv)
{
	long secs = argc > 1 ? atol(argv[1]) : 10;
	int procs = argc > 2 ? atoi(argv[2]) : 4, k;
	time_t end = time(NULL) + secs;
	unsigned long spawned = 0;
	pid_t pid;

	pg = sysconf(_SC_PAGESIZE);
	if (secs < 1 || procs < 1 || procs > 64) {
		fprintf(stderr, "usage: churn SECONDS [PROCS 1..64]\n");
		return 2;
	}
	for (k = 0; k < procs; k++)
		spawn(k, spawned++);
	while (time(NULL) < end && (pid = wait(NULL)) > 0) {
		k = slot_of(pid, procs);
		if (k >= 0)
			spawn(k, spawned++);
	}
	for (k = 0; k < procs; k++)
		if (kids[k] > 0)
			kill(kids[k], SIGKILL);
	while (wait(NULL) > 0)
		;
	printf("churn: %lu children\n", spawned);
	return 0;
}
