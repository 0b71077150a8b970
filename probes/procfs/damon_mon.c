// SPDX-License-Identifier: GPL-2.0
/*
 * memscope's own DAMON monitoring (--damon paddr|PID): one kdamond made
 * through DAMON's sysfs (mm/damon/sysfs.c, 6.2+ for tried_regions) with a
 * `stat` scheme over every region, whose tried regions are the monitoring
 * results. Only when nothing is there that memscope did not make: it
 * reads every kdamond's state before it writes anything.
 */
#include "probes/procfs/damon.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/field.h"

#define KD "kdamonds/0/"
#define CTX KD "contexts/0/"
#define SCH CTX "schemes/0/"

/* rel's value, trimmed: 0 or -errno */
static int get(const struct ms_damon_src *src, const char *rel, char *v,
	       size_t n)
{
	int err = src->get(src->ctx, rel, v, n);
	size_t len;

	if (err)
		return err;
	len = strlen(v);
	while (len && (v[len - 1] == '\n' || v[len - 1] == ' '))
		v[--len] = '\0';
	return 0;
}

static int get_u64(const struct ms_damon_src *src, const char *rel, uint64_t *x)
{
	char v[32], *end;
	int err = get(src, rel, v, sizeof(v));

	if (err)
		return err;
	if (v[0] < '0' || v[0] > '9')
		return -EINVAL;
	errno = 0;
	*x = strtoull(v, &end, 10);
	return errno || *end ? -EINVAL : 0;
}

static void why(struct ms_damon_mon *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void why(struct ms_damon_mon *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m->why, sizeof(m->why), fmt, ap);
	va_end(ap);
}

int ms_damon_mon_check(const struct ms_damon_src *src, char *msg, size_t len)
{
	char rel[64], st[16];
	uint64_t nr;
	int err = get_u64(src, "kdamonds/nr_kdamonds", &nr);

	if (err == -ENOENT) {
		snprintf(msg, len,
			 "no DAMON sysfs interface on this kernel "
			 "(CONFIG_DAMON_SYSFS)");
		return err;
	}
	if (err) {
		snprintf(msg, len, "kdamonds/nr_kdamonds: %s",
			 err == -EACCES ? "needs root" : strerror(-err));
		return err;
	}
	for (uint64_t i = 0; i < nr && i < MS_DAMON_KDAMONDS; i++) {
		snprintf(rel, sizeof(rel), "kdamonds/%llu/state",
			 (unsigned long long)i);
		if (!get(src, rel, st, sizeof(st)) && !strcmp(st, "on")) {
			snprintf(msg, len,
				 "kdamond %llu is on, not memscope's: DAMON's "
				 "sysfs refuses nr_kdamonds changes while one "
				 "runs; memscope writes nothing",
				 (unsigned long long)i);
			return -EBUSY;
		}
	}
	if (nr) {
		snprintf(msg, len,
			 "%llu kdamond(s) set up, off, not memscope's: "
			 "changing nr_kdamonds would reset them; memscope "
			 "writes nothing",
			 (unsigned long long)nr);
		return -EBUSY;
	}
	return 0;
}

/* The writes that set the kdamond up, in the order sysfs wants them. */
struct step {
	const char *rel;
	const char *val; /* NULL: the target's own value, below */
};

static int put(struct ms_damon_mon *m, const struct ms_damon_src *src,
	       const char *rel, const char *val)
{
	int err = src->put(src->ctx, rel, val);

	if (err)
		why(m, "writing %s to %s: %s", val, rel, strerror(-err));
	return err;
}

static int setup(struct ms_damon_mon *m, const struct ms_damon_src *src,
		 uint64_t ram_start, uint64_t ram_end)
{
	char num[3][24];
	uint64_t kpid;
	/* the bounds of the stat scheme: every region, whatever its pattern */
	static const struct step common[] = {
		{ KD "contexts/nr_contexts", "1" },
		{ CTX "operations", NULL },
		{ CTX "monitoring_attrs/intervals/sample_us",
		  MS_DAMON_MON_SAMPLE_US },
		{ CTX "monitoring_attrs/intervals/aggr_us",
		  MS_DAMON_MON_AGGR_US },
		{ CTX "monitoring_attrs/intervals/update_us",
		  MS_DAMON_MON_UPDATE_US },
		{ CTX "monitoring_attrs/nr_regions/min", "10" },
		{ CTX "monitoring_attrs/nr_regions/max", "100" },
		{ CTX "targets/nr_targets", "1" },
		{ NULL, NULL },
		{ CTX "schemes/nr_schemes", "1" },
		{ SCH "action", "stat" },
		{ SCH "access_pattern/sz/min", "0" },
		{ SCH "access_pattern/sz/max", "18446744073709551615" },
		{ SCH "access_pattern/nr_accesses/min", "0" },
		{ SCH "access_pattern/nr_accesses/max", "4294967295" },
		{ SCH "access_pattern/age/min", "0" },
		{ SCH "access_pattern/age/max", "4294967295" },
	};
	int err;

	snprintf(num[0], sizeof(num[0]), "%d", m->pid);
	snprintf(num[1], sizeof(num[1]), "%llu", (unsigned long long)ram_start);
	snprintf(num[2], sizeof(num[2]), "%llu", (unsigned long long)ram_end);
	for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++) {
		const struct step *s = &common[i];

		if (!s->rel && m->pid) { /* vaddr: the process */
			err = put(m, src, CTX "targets/0/pid_target", num[0]);
		} else if (!s->rel) { /* paddr: the span of System RAM */
			err = put(m, src, CTX "targets/0/regions/nr_regions",
				  "1");
			if (!err)
				err = put(m, src,
					  CTX "targets/0/regions/0/start",
					  num[1]);
			if (!err)
				err = put(m, src, CTX "targets/0/regions/0/end",
					  num[2]);
		} else {
			err = put(m, src, s->rel,
				  s->val ? s->val :
				  m->pid ? "vaddr" :
					   "paddr");
		}
		if (err)
			return err;
	}
	err = src->put(src->ctx, KD "state", "on");
	if (err) {
		if (m->pid)
			why(m, "pid %d: the kdamond would not start: %s",
			    m->pid, strerror(-err));
		else
			why(m, "the kdamond would not start: %s",
			    strerror(-err));
		return err;
	}
	m->on = true;
	/* whose kdamond slot 0 is: memscope's records hold it (damon.c) */
	if (!get_u64(src, KD "pid", &kpid) && kpid > 0 && kpid <= INT_MAX)
		m->kpid = (int)kpid;
	/* 6.1's sysfs has no tried_regions: no regions to show */
	err = src->put(src->ctx, KD "state", "update_schemes_tried_regions");
	if (err)
		why(m,
		    "this kernel's DAMON sysfs gives no regions "
		    "(update_schemes_tried_regions, 6.2+): %s",
		    strerror(-err));
	return err;
}

int ms_damon_mon_start(struct ms_damon_mon *m, const struct ms_damon_src *src,
		       int pid, uint64_t ram_start, uint64_t ram_end)
{
	int err;

	memset(m, 0, sizeof(*m));
	m->pid = pid;
	err = ms_damon_mon_check(src, m->why, sizeof(m->why));
	if (err)
		return err;
	if (!pid && ram_end <= ram_start) {
		why(m, "no System RAM range in /proc/iomem (needs root)");
		return -ENOENT;
	}
	err = put(m, src, "kdamonds/nr_kdamonds", "1");
	if (err)
		return err;
	m->made = true;
	err = setup(m, src, ram_start, ram_end);
	if (err) {
		char keep[sizeof(m->why)];

		memcpy(keep, m->why, sizeof(keep));
		ms_damon_mon_stop(m, src);
		memcpy(m->why, keep, sizeof(keep));
	}
	return err;
}

static void nap(void)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };

	nanosleep(&ts, NULL);
}

int ms_damon_mon_stop(struct ms_damon_mon *m, const struct ms_damon_src *src)
{
	char st[16];
	int err = 0;

	if (!m->made)
		return 0;
	if (!get(src, KD "state", st, sizeof(st)) && !strcmp(st, "on"))
		err = src->put(src->ctx, KD "state", "off");
	m->on = false;
	/* turning off waits for the thread; a few tries if it lingers */
	for (int i = 0; i < 50; i++) {
		err = src->put(src->ctx, "kdamonds/nr_kdamonds", "0");
		if (err != -EBUSY)
			break;
		nap();
	}
	if (err)
		why(m, "could not remove memscope's kdamond: %s",
		    strerror(-err));
	else
		m->made = false;
	return err;
}

int ms_damon_mon_read(struct ms_damon_mon *m, const struct ms_damon_src *src,
		      struct ms_damon *d)
{
	const struct ms_field *rl = NULL;
	char st[16], rel[96];
	uint64_t wss = 0;
	int err;

	for (const struct ms_field *f = ms_damon_fields; f->key; f++)
		if (f->type == MS_F_LIST && !strcmp(f->key, "regions"))
			rl = f;
	if (get(src, KD "state", st, sizeof(st)) || strcmp(st, "on")) {
		if (m->pid)
			why(m,
			    "pid %d: the kdamond stopped (the process "
			    "exited)",
			    m->pid);
		else
			why(m, "the kdamond stopped");
		ms_damon_mon_stop(m, src);
		return -ESRCH;
	}
	/* waits for the scheme's next apply: one aggregation interval */
	err = src->put(src->ctx, KD "state", "update_schemes_tried_regions");
	if (err) {
		why(m, "update_schemes_tried_regions: %s", strerror(-err));
		return err;
	}
	d->nr_regions = 0;
	for (int i = 0; i < MS_DAMON_MON_REGIONS; i++) {
		struct ms_damon_mregion g, *p;
		size_t at = (size_t)snprintf(rel, sizeof(rel),
					     SCH "tried_regions/%d/", i);

		snprintf(rel + at, sizeof(rel) - at, "start");
		err = get_u64(src, rel, &g.start);
		if (err == -ENOENT)
			break;
		snprintf(rel + at, sizeof(rel) - at, "end");
		if (!err)
			err = get_u64(src, rel, &g.end);
		snprintf(rel + at, sizeof(rel) - at, "nr_accesses");
		if (!err)
			err = get_u64(src, rel, &g.nr_accesses);
		snprintf(rel + at, sizeof(rel) - at, "age");
		if (!err)
			err = get_u64(src, rel, &g.age);
		if (err || g.end < g.start) {
			src->note(src->ctx, "%s: %s", rel,
				  err ? strerror(-err) : "end before start");
			continue;
		}
		if (!(p = ms_list_add(rl, d))) {
			src->note(src->ctx, "out of memory");
			break;
		}
		*p = g;
		if (g.nr_accesses)
			wss += g.end - g.start;
	}
	if (m->pid)
		snprintf(d->target, sizeof(d->target), "%d", m->pid);
	else
		snprintf(d->target, sizeof(d->target), "paddr");
	d->wss_kb = wss / 1024;
	return 0;
}
