/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the live-kernel tests (tests/kernel/test_*.c): one backend
 * opened on this machine's root and sampled as the manager does, the
 * reason the tests skip (not root, no BTF, not built with BPF or libnl),
 * the kernel's own counters, and the BPF programs a test left behind.
 * After <cmocka.h>.
 */
#ifndef MS_LIVE_TEST_H
#define MS_LIVE_TEST_H

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "probes/probe.h"

#ifdef MS_HAVE_BPF
#include <bpf/bpf.h>

#include "probes/bpf/bpf.h"
#endif

/* The live root and why the tests skip (NULL: they run). */
static struct ms_root root;
static const char *skip_why;

#define NEED_LIVE()                                                   \
	do {                                                          \
		if (skip_why) {                                       \
			fprintf(stderr, "# skipped: %s\n", skip_why); \
			skip();                                       \
			return;                                       \
		}                                                     \
	} while (0)

/* Open the live root; skip_why is set when ops cannot run here. */
static inline int live_init(const struct ms_probe_ops *ops)
{
	unsigned int caps;
	static char why[128];

	if (ms_root_open(&root, NULL))
		return -1;
	if (ops->detect(&root, &caps, why, sizeof(why)))
		skip_why = why;
	return 0;
}

/* ---- the backend, sampled as the manager does ------------------------- */

struct live {
	struct ms_probe p;
	struct ms_snapshot s[2];
	int cur;
};

/* Open until live_close(): a failed test's teardown closes it. */
static struct live *opened;

static inline double live_clock(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline double mono(void)
{
	return live_clock(CLOCK_MONOTONIC);
}

static inline double real(void)
{
	return live_clock(CLOCK_REALTIME);
}

static inline void live_open(struct live *l, const struct ms_probe_ops *ops)
{
	memset(l, 0, sizeof(*l));
	l->p.ops = ops;
	l->p.root = &root;
	assert_int_equal(l->p.ops->detect(&root, &l->p.caps, l->p.why,
					  sizeof(l->p.why)),
			 0);
	assert_int_equal(l->p.ops->open(&l->p), 0);
	l->p.opened = true;
	l->p.owns = l->p.caps;
	ms_snapshot_init(&l->s[0]);
	ms_snapshot_init(&l->s[1]);
	opened = l;
}

/* The other snapshot, emptied and stamped with the clocks. */
static inline struct ms_snapshot *live_next(struct live *l)
{
	struct ms_snapshot *s = &l->s[l->cur ^= 1];

	ms_snapshot_reset(s);
	s->t_mono = mono();
	s->t_real = real();
	return s;
}

/* One sample of what req asks for, derived; returns the snapshot. */
static inline struct ms_snapshot *live_take(struct live *l,
					    const struct ms_request *req)
{
	struct ms_snapshot *s = live_next(l);

	l->p.ops->sample(&l->p, req, s);
	ms_derive(s);
	return s;
}

/*
 * The manager's idle call dt seconds after the last sample: nothing of the
 * backend asked for (the header's meminfo only). Returns the snapshot.
 */
static inline struct ms_snapshot *live_idle(struct live *l, double dt)
{
	struct ms_request none = { .sections = MS_SEC_BIT(MS_SEC_MEMINFO) };
	double t = l->s[l->cur].t_mono;
	struct ms_snapshot *s = &l->s[l->cur ^= 1];

	ms_snapshot_reset(s);
	s->t_mono = t + dt;
	l->p.ops->idle(&l->p, &none, s);
	return s;
}

static inline void live_close(struct live *l)
{
	l->p.ops->close(&l->p);
	ms_snapshot_free(&l->s[0]);
	ms_snapshot_free(&l->s[1]);
	opened = NULL;
}

/* cmocka teardown: what a failed test left open is closed, and no program
 * is made to fail any more. */
static inline int live_teardown(void **state)
{
	if (opened)
		live_close(opened);
#ifdef MS_HAVE_BPF
	ms_bpf_fault = NULL;
#endif
	return 0;
}

/* ---- counters of the kernel --------------------------------------------- */

/* The sum of /proc/vmstat counters named key or key_<zone>. */
static inline uint64_t vmstat(const char *key)
{
	FILE *f = fopen("/proc/vmstat", "r");
	size_t n = strlen(key);
	unsigned long long v, sum = 0;
	char name[64];

	assert_non_null(f);
	while (fscanf(f, "%63s %llu", name, &v) == 2)
		if (!strncmp(name, key, n) && (!name[n] || name[n] == '_'))
			sum += v;
	fclose(f);
	return sum;
}

#ifdef MS_HAVE_BPF
/* ---- BPF objects left behind ------------------------------------------- */

/* The BPF objects (kind "prog_id", "link_id", "map_id") behind our fds. */
static inline int own_ids(const char *kind, uint32_t *ids, int max)
{
	DIR *d = opendir("/proc/self/fdinfo");
	struct dirent *e;
	size_t klen = strlen(kind);
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) && n < max) {
		char path[300], line[256];
		FILE *f;

		snprintf(path, sizeof(path), "/proc/self/fdinfo/%s", e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f) && n < max) {
			uint32_t id;
			bool seen = false;

			if (strncmp(line, kind, klen) || line[klen] != ':')
				continue;
			/* a link's fdinfo names its program too */
			id = (uint32_t)strtoul(line + klen + 1, NULL, 10);
			for (int i = 0; i < n; i++)
				seen |= ids[i] == id;
			if (!seen)
				ids[n++] = id;
		}
		fclose(f);
	}
	closedir(d);
	return n;
}

/* How many of these programs the kernel still lists (bpf_prog_get_next_id),
 * waiting up to 10 s for none: it frees them after an RCU grace period. */
static inline int progs_left(const uint32_t *ids, int n)
{
	int left = 1;

	for (int t = 0; t < 1000 && left; t++) {
		uint32_t id = 0;

		left = 0;
		while (!bpf_prog_get_next_id(id, &id))
			for (int i = 0; i < n; i++)
				left += id == ids[i];
		if (left)
			usleep(10000);
	}
	return left;
}
#endif

#endif
