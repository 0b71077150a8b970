/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the BPF event groups' live tests (test_bpf_live,
 * test_bpf_reclaim_live): their sections, a sample, a write to a control
 * file, a workload in a child killed by teardown when a test fails. After
 * live_test.h.
 */
#ifndef MS_BPF_LIVE_TEST_H
#define MS_BPF_LIVE_TEST_H

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#define FAULTS MS_SEC_BIT(MS_SEC_FAULT_EVENTS)
#define RECLAIM MS_SEC_BIT(MS_SEC_RECLAIM_EVENTS)
#define NUMA MS_SEC_BIT(MS_SEC_NUMA_EVENTS)
#define MINE (FAULTS | RECLAIM | NUMA)

static long page_size; /* set by main() */

/* The BPF backend, sampled as the manager does. */
static inline struct ms_snapshot *live_sample(struct live *l, unsigned int secs)
{
	return live_take(l, &(struct ms_request){ .sections = secs });
}

static inline void write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);

	assert_true(fd >= 0);
	assert_true(write(fd, val, strlen(val)) == (ssize_t)strlen(val));
	close(fd);
}

static pid_t live_child; /* run_child()'s, while it runs */

static inline void reap(pid_t *pid)
{
	if (*pid > 0) {
		kill(*pid, SIGKILL);
		waitpid(*pid, NULL, 0);
	}
	*pid = 0;
}

/* Run fn in a child (named comm) and wait: its wait status and pid. */
static inline int run_child(void (*fn)(void *), void *arg, const char *comm,
			    pid_t *child)
{
	int status = 0;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (!pid) {
		prctl(PR_SET_NAME, comm);
		fn(arg);
		_exit(0);
	}
	live_child = *child = pid;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	live_child = 0;
	return status;
}

#endif
