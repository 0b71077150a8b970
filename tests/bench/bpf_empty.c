// SPDX-License-Identifier: GPL-2.0
/*
 * The overhead bench's floor: attach empty programs to the six kmem
 * tracepoints, say "ready", and hold them until SIGTERM or SIGINT.
 */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "bench_empty.skel.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = sig;
}

int main(void)
{
	struct bench_empty_bpf *s = bench_empty_bpf__open_and_load();

	if (!s || bench_empty_bpf__attach(s)) {
		perror("bpf_empty");
		return 1;
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	printf("ready\n");
	fflush(stdout);
	while (!stop)
		pause();
	bench_empty_bpf__destroy(s);
	return 0;
}
