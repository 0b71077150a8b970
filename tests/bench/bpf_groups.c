// SPDX-License-Identifier: GPL-2.0
/*
 * The overhead bench's memscope: the BPF backend with the buddy and slab
 * groups live (or, with the argument "attrib", the attrib group), sampled
 * once a second (as the Buddy and Slab tabs do), until SIGTERM or SIGINT.
 * Prints "ready" once the groups are attached, and the programs' own run
 * time per event on exit.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app/session.h"
#include "probes/probe.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = sig;
}

int main(int argc, char **argv)
{
	/* the groups on the six kmem tracepoints (and compaction) only */
	const unsigned int mine =
		argc > 1 && !strcmp(argv[1], "attrib") ?
			MS_SEC_BIT(MS_SEC_ATTRIBUTION) :
			MS_SEC_BIT(MS_SEC_BUDDY_EVENTS) |
				MS_SEC_BIT(MS_SEC_SLAB_EVENTS);
	struct ms_request req = { .sections = mine };
	struct ms_snapshot s[2];
	struct ms_manager m;
	struct ms_root root;
	int i = 0;

	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	if (ms_root_open(&root, NULL) || ms_manager_open(&m, &root))
		return 1;
	ms_snapshot_init(&s[0]);
	ms_snapshot_init(&s[1]);
	ms_session_sample(&(struct ms_session){ .m = &m }, &req, &s[0], NULL);
	if ((s[0].have & mine) != mine) {
		fprintf(stderr, "bpf_groups: events unavailable\n");
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	while (!stop) {
		sleep(1);
		i++;
		ms_session_sample(&(struct ms_session){ .m = &m }, &req,
				  &s[i & 1], &s[(i - 1) & 1]);
	}
	for (int p = 0; p < s[i & 1].bpf.nr_progs; p++) {
		const struct ms_bpf_prog_stat *st = &s[i & 1].bpf.progs[p];

		fprintf(stderr, "%-16s %12llu runs %6.1f ns/run\n", st->name,
			(unsigned long long)st->run_cnt,
			st->run_cnt ? (double)st->run_ns / (double)st->run_cnt :
				      0.0);
	}
	ms_manager_close(&m);
	ms_snapshot_free(&s[0]);
	ms_snapshot_free(&s[1]);
	ms_root_close(&root);
	return 0;
}
