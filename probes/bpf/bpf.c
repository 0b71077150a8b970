// SPDX-License-Identifier: GPL-2.0
/*
 * The BPF backend: live event counts from tracepoints (libbpf CO-RE). A
 * group is attached when a sample first asks for its section and detached
 * when samples have not asked for it for MS_BPF_LINGER seconds.
 */
#define _GNU_SOURCE
#include "probes/bpf/bpf.h"

#include <bpf/bpf.h>
#include <errno.h>
#include <linux/capability.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef CAP_PERFMON
#define CAP_PERFMON 38
#endif
#ifndef CAP_BPF
#define CAP_BPF 39
#endif

#define TRACEFS "/sys/kernel/tracing"
#define TRACEFS_MAGIC 0x74726163

/* The groups: a new one is a line here (and its files in probes/bpf). */
static const struct ms_bpf_group_ops *const group_ops[] = {
	&ms_bpf_buddy, &ms_bpf_slab,   &ms_bpf_faults, &ms_bpf_reclaim,
	&ms_bpf_numa,  &ms_bpf_attrib, &ms_bpf_pcache, NULL,
};

struct ms_bpf {
	struct ms_bpf_group g[MS_BPF_GROUPS];
	int n;
	bool mounted; /* tracefs, by us: unmount on close */
	char tracefs_why[96];
	int stats_fd; /* held during a measuring window, else -1 */
	double stats_on; /* t_mono the window opened */
	double stats_next; /* t_mono the next window opens */
	uint64_t own_prev; /* events of memscope left out, last report */
	double own_t; /* t_mono of that report, 0: none */
};

static int bpf_detect(const struct ms_root *root, unsigned int *caps, char *why,
		      size_t len)
{
	/* also on failure: the notes say why; attribution is allocinfo's
	 * where the kernel profiles its allocations itself */
	*caps = MS_SEC_EVENTS | MS_SEC_BIT(MS_SEC_PAGECACHE_EVENTS);
	if (!ms_exists(root, "proc/allocinfo"))
		*caps |= MS_SEC_BIT(MS_SEC_ATTRIBUTION);
	if (!root->live) {
		snprintf(why, len, "captured tree");
		return -ENODEV;
	}
	if (!ms_has_cap(CAP_SYS_ADMIN) &&
	    !(ms_has_cap(CAP_BPF) && ms_has_cap(CAP_PERFMON))) {
		snprintf(why, len,
			 "needs root (CAP_BPF and CAP_PERFMON, "
			 "or CAP_SYS_ADMIN)");
		return -EPERM;
	}
	if (!ms_exists(root, "sys/kernel/btf/vmlinux")) {
		snprintf(why, len,
			 "no kernel BTF (/sys/kernel/btf/vmlinux, "
			 "CONFIG_DEBUG_INFO_BTF)");
		return -ENOENT;
	}
	return 0;
}

/* Tracepoints are listed in tracefs: mount it for the run if needed. */
static void tracefs_up(struct ms_bpf *b)
{
	struct statfs st;

	if (!statfs(TRACEFS, &st) && st.f_type == TRACEFS_MAGIC)
		return;
	if (mount("tracefs", TRACEFS, "tracefs", 0, NULL))
		snprintf(b->tracefs_why, sizeof(b->tracefs_why),
			 "mount " TRACEFS ": %s", strerror(errno));
	else
		b->mounted = true;
}

static void tracefs_down(struct ms_bpf *b)
{
	if (b->mounted && umount2(TRACEFS, 0) && errno == EBUSY)
		umount2(TRACEFS, MNT_DETACH);
	b->mounted = false;
}

/* Kernels before 5.11 charge BPF maps to RLIMIT_MEMLOCK. */
static void memlock_up(void)
{
	struct rlimit r;

	if (getrlimit(RLIMIT_MEMLOCK, &r) || r.rlim_cur == RLIM_INFINITY ||
	    r.rlim_cur >= (64u << 20))
		return;
	r.rlim_cur = r.rlim_max = RLIM_INFINITY;
	if (setrlimit(RLIMIT_MEMLOCK, &r) && !getrlimit(RLIMIT_MEMLOCK, &r)) {
		r.rlim_cur = r.rlim_max;
		setrlimit(RLIMIT_MEMLOCK, &r);
	}
}

static int bpf_open(struct ms_probe *p)
{
	struct ms_bpf *b = calloc(1, sizeof(*b));

	if (!b)
		return -ENOMEM;
	ms_bpf_log_capture();
	memlock_up();
	tracefs_up(b);
	b->stats_fd = -1;
	for (int i = 0; group_ops[i] && b->n < MS_BPF_GROUPS; i++) {
		b->g[b->n].ops = group_ops[i];
		b->g[b->n++].root = p->root;
	}
	p->priv = b;
	return 0;
}

/* Run-time statistics (the footer's cost line): one window at a time. */
static void stats_hold(struct ms_bpf *b, bool want)
{
	if (want && b->stats_fd < 0) {
		int fd = bpf_enable_stats(BPF_STATS_RUN_TIME);

		b->stats_fd = fd >= 0 ? fd : -1;
	} else if (!want && b->stats_fd >= 0) {
		close(b->stats_fd);
		b->stats_fd = -1;
	}
}

static void start(struct ms_bpf *b, struct ms_bpf_group *g)
{
	struct btf *btf = btf__load_vmlinux_btf();

	if (!btf) {
		g->failed = true;
		snprintf(g->why, sizeof(g->why), "kernel BTF: %s",
			 strerror(errno));
		return;
	}
	ms_bpf_start(g, btf);
	btf__free(btf);
}

static bool linger(struct ms_bpf *b, double now)
{
	bool live = false;

	for (int i = 0; i < b->n; i++) {
		struct ms_bpf_group *g = &b->g[i];

		if (g->skel && now - g->asked > MS_BPF_LINGER)
			ms_bpf_stop(g);
		live |= g->skel != NULL;
	}
	return live;
}

/*
 * After a window of one sample interval, the statistics go off for
 * MS_BPF_STATS_EVERY seconds; a group that starts opens one at once.
 */
static void stats_cycle(struct ms_bpf *b, double now, bool live)
{
	if (!live) {
		stats_hold(b, false);
		b->stats_next = 0;
	} else if (b->stats_fd >= 0 && now > b->stats_on) {
		stats_hold(b, false);
		b->stats_next = now + MS_BPF_STATS_EVERY;
	} else if (b->stats_fd < 0 && now >= b->stats_next) {
		stats_hold(b, true);
		b->stats_on = now;
	}
}

/* memscope's own events left out per second (groups that re-attach
 * start their counts again: no rate then). */
static void own_rate(struct ms_bpf *b, struct ms_bpf_info *bi, uint64_t own,
		     double now)
{
	bi->own_events = bi->own_excluded ? own : MS_NA;
	bi->own_rate = NAN;
	if (bi->own_excluded && b->own_t > 0 && now > b->own_t &&
	    own >= b->own_prev)
		bi->own_rate = (double)(own - b->own_prev) / (now - b->own_t);
	b->own_prev = own;
	b->own_t = bi->own_excluded ? now : 0;
}

static void report(struct ms_bpf *b, struct ms_snapshot *s)
{
	struct ms_bpf_info *bi = &s->bpf;
	double ns = 0, cnt = 0;
	bool rates = false;
	bool window = b->stats_fd >= 0 && s->t_mono > b->stats_on;
	uint64_t own = 0;

	bi->open = true;
	for (int i = 0; i < b->n; i++) {
		struct ms_bpf_group *g = &b->g[i];

		if (!g->skel)
			continue;
		if (g->ops->own && g->self_set) {
			bi->own_excluded |= g->self_tgid != 0;
			own += ms_bpf_self_skipped(g);
		}
		snprintf(bi->groups[bi->nr_groups++], sizeof(bi->groups[0]),
			 "%s", g->ops->name);
		ms_bpf_prog_stats(g, s, window);
	}
	for (int i = 0; i < bi->nr_progs; i++) {
		if (isnan(bi->progs[i].ns_rate))
			continue;
		ns += bi->progs[i].ns_rate;
		cnt += bi->progs[i].cnt_rate;
		rates = true;
	}
	own_rate(b, bi, own, s->t_mono);
	bi->stats = rates; /* measured in a window */
	bi->ns_rate = rates ? ns : NAN;
	bi->cnt_rate = rates ? cnt : NAN;
}

static void note_sections(struct ms_snapshot *s, unsigned int secs,
			  const char *why)
{
	for (int i = 0; i < MS_SEC_COUNT; i++)
		if (secs & MS_SEC_BIT(i))
			ms_snapshot_note(s, ms_section_name(i), "%s", why);
}

static int bpf_sample(struct ms_probe *p, const struct ms_request *req,
		      struct ms_snapshot *s)
{
	struct ms_bpf *b = p->priv;
	bool live;

	for (int i = 0; i < b->n; i++) {
		struct ms_bpf_group *g = &b->g[i];
		unsigned int want = g->ops->sections & req->sections & p->owns;

		if (!want)
			continue;
		g->asked = s->t_mono;
		g->self_include = req->include_self;
		if (!g->skel && !g->failed)
			start(b, g);
		if (g->failed) {
			note_sections(s, want, g->why);
			continue;
		}
		ms_bpf_notes(g, s);
		ms_bpf_self_set(g, req->include_self);
		if (g->ops->read(g, req, s))
			continue;
		s->have |= want;
		for (int sec = 0; sec < MS_SEC_COUNT; sec++)
			if (want & MS_SEC_BIT(sec))
				s->source[sec] = p->ops->name;
	}
	if (b->tracefs_why[0])
		ms_snapshot_note(s, "tracefs", "%s", b->tracefs_why);
	live = linger(b, s->t_mono);
	report(b, s);
	stats_cycle(b, s->t_mono, live);
	return 0;
}

static void bpf_idle(struct ms_probe *p, const struct ms_request *req,
		     struct ms_snapshot *s)
{
	struct ms_bpf *b = p->priv;
	bool live = linger(b, s->t_mono);

	report(b, s);
	stats_cycle(b, s->t_mono, live);
}

static void bpf_close(struct ms_probe *p)
{
	struct ms_bpf *b = p->priv;

	if (!b)
		return;
	for (int i = 0; i < b->n; i++)
		ms_bpf_stop(&b->g[i]);
	stats_hold(b, false);
	tracefs_down(b);
	free(b);
	p->priv = NULL;
}

const struct ms_probe_ops ms_bpf_ops = {
	.name = "bpf",
	.priority = 20,
	.detect = bpf_detect,
	.open = bpf_open,
	.sample = bpf_sample,
	.close = bpf_close,
	.idle = bpf_idle,
};
