// SPDX-License-Identifier: GPL-2.0
/*
 * The DAMON area's reader: the walk of damon_parse.c over the files of
 * sys/kernel/mm/damon/admin below the root prefix, read only (ms_read
 * opens O_RDONLY; a kdamond memscope did not start is never written to,
 * not even its state file to refresh the stats); and, asked for
 * (--damon), memscope's own kdamond (damon_mon.c), remembered in
 * /run/memscope (probes/undo.c) until it is removed.
 */
#include "probes/procfs/damon.h"
#include "probes/procfs/census.h"
#include "probes/procfs/kpageflags.h"
#include "probes/procfs/procfs.h"
#include "probes/undo.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ADMIN "sys/kernel/mm/damon/admin/"
#define KPID "kdamonds/0/pid"
#define TARGET0 "kdamonds/0/contexts/0/targets/0/pid_target"

struct rd {
	const struct ms_root *r;
	struct ms_procfs *pf;
	struct ms_snapshot *s;
};

static int get(void *ctx, const char *rel, char *out, size_t n)
{
	struct rd *x = ctx;
	int err = ms_readf(x->r, &x->pf->buf, ADMIN "%s", rel);
	size_t len;

	if (err)
		return err;
	len = x->pf->buf.len < n ? x->pf->buf.len : n - 1;
	memcpy(out, x->pf->buf.data, len);
	out[len] = '\0';
	return 0;
}

static void note(void *ctx, const char *fmt, ...)
{
	struct rd *x = ctx;
	char m[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m, sizeof(m), fmt, ap);
	va_end(ap);
	ms_snapshot_note(x->s, "damon_sysfs", "%s", m);
}

/* Only memscope's own kdamond is ever written to (damon_mon.c). */
static int put(void *ctx, const char *rel, const char *val)
{
	struct rd *x = ctx;
	char path[320];
	size_t n = strlen(val);
	ssize_t w;
	int fd;

	snprintf(path, sizeof(path), ADMIN "%s", rel);
	fd = openat(x->r->dirfd, path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	w = write(fd, val, n);
	if (w < 0)
		w = -errno;
	close(fd);
	return w < 0 ? (int)w : w == (ssize_t)n ? 0 : -EIO;
}

/*
 * What puts memscope's kdamond away if memscope is killed: the next
 * memscope started as root does it (ms_undo_recover(), in name order:
 * the state first, then nr_kdamonds); if it crashes, the crash guard
 * (probes/undo_guard.c) in the same order.
 */
static const struct ms_undo_step undo[] = {
	{ "damon-1-state", "/" ADMIN "kdamonds/0/state", "off", NULL, NULL },
	{ "damon-2-nr", "/" ADMIN "kdamonds/nr_kdamonds", "0", NULL, NULL },
};

/*
 * Once the kdamond runs, its records hold its thread's pid: the next
 * memscope puts them back only while kdamonds/0/pid still reads it, so
 * that a kdamond someone made in slot 0 after memscope was killed (and
 * its nr_kdamonds) is left alone. Records saved before the pid was known
 * (memscope killed between saving them and turning the kdamond on) have
 * no such condition and are put back as they always were: the kdamond
 * in slot 0 then, if any, is the one memscope was making.
 *
 * A process's kdamond ends by itself when the process does (its pid
 * then reads -1), leaving memscope's set-up behind: nr_kdamonds' record
 * of a process's kdamond holds the process's pid in targets/0/pid_target
 * instead, which a kdamond someone made since (writing nr_kdamonds makes
 * the directories anew) does not read unless it watches that process;
 * and while that one runs, nr_kdamonds refuses (EBUSY) and the record
 * is dropped as not memscope's (probes/undo.c).
 */
int ms_procfs_damon_remember(const char *root, const char *dir, int kpid,
			     int target, char *why, size_t len)
{
	struct ms_undo_step s[sizeof(undo) / sizeof(undo[0])];
	char pid[16], tpid[16];
	int err;

	memcpy(s, undo, sizeof(s));
	snprintf(pid, sizeof(pid), "%d", kpid);
	snprintf(tpid, sizeof(tpid), "%d", target);
	for (size_t i = 0; kpid > 0 && i < sizeof(s) / sizeof(s[0]); i++) {
		bool proc = target > 0 && !strcmp(s[i].name, "damon-2-nr");

		s[i].if_path = proc ? "/" ADMIN TARGET0 : "/" ADMIN KPID;
		s[i].if_value = proc ? tpid : pid;
	}
	err = ms_undo_keep(MS_UNDO_DAMON, root, dir, s,
			   sizeof(s) / sizeof(s[0]));

	if (err)
		snprintf(why, len, "cannot remember it in %s: %s", dir,
			 strerror(-err));
	return err;
}

static void forget(void)
{
	ms_undo_forget(MS_UNDO_DAMON);
}

/*
 * paddr: all of physical memory, the first System RAM range of
 * /proc/iomem to the end of the last (its holes are never accessed), in
 * bytes; a process's pages may be on any node
 */
static void ram_span(const struct ms_root *r, struct ms_procfs *pf,
		     uint64_t *start, uint64_t *end)
{
	struct ms_pfn_range ram[64];
	int nr = 0;

	*start = *end = 0;
	if (!ms_read(r, "proc/iomem", &pf->buf))
		nr = ms_census_parse_iomem(pf->buf.data, pf->buf.len, ram, 64);
	if (nr > 0) {
		*start = ram[0].start << 12;
		*end = ram[nr - 1].end << 12;
	}
}

/* Start, keep or stop memscope's kdamond as the sample asks. */
static void own(const struct ms_root *r, struct ms_procfs *pf,
		const struct ms_damon_src *src)
{
	struct ms_damon_mon *m = pf->damon;
	int want = pf->damon_want ? pf->damon_pid : -1;
	uint64_t a, b;

	if (want < 0) { /* no longer asked for: removed, a failure forgotten */
		ms_procfs_damon_free(pf);
		return;
	}
	if (m && m->made && want != m->pid && !ms_damon_mon_stop(m, src))
		forget();
	if (m && (m->made || m->pid == want))
		return; /* running, or failed for this target: said once */
	if (!m && !(m = pf->damon = calloc(1, sizeof(*m))))
		return;
	m->pid = want;
	m->why[0] = '\0';
	if (!r->live || strcmp(r->path, "/")) {
		snprintf(m->why, sizeof(m->why),
			 "only on the live system (not below --root)");
		return;
	}
	if (ms_damon_mon_check(src, m->why, sizeof(m->why)))
		return;
	if (ms_procfs_damon_remember("/", MS_UNDO_DIR, 0, 0, m->why,
				     sizeof(m->why)))
		return;
	ram_span(r, pf, &a, &b);
	pf->damon_root = r;
	if (ms_damon_mon_start(m, src, want, a, b)) {
		if (!m->made)
			forget();
	} else if (m->kpid > 0) {
		char why[300];

		/* failing, the records without the pid stay, as good as before */
		ms_procfs_damon_remember("/", MS_UNDO_DIR, m->kpid, want, why,
					 sizeof(why));
	}
}

void ms_procfs_damon_free(struct ms_procfs *pf)
{
	struct ms_damon_mon *m = pf->damon;

	if (m && m->made && pf->damon_root) {
		struct rd x = { .r = pf->damon_root, .pf = pf };
		const struct ms_damon_src src = {
			.get = get, .put = put, .note = note, .ctx = &x
		};

		if (ms_damon_mon_stop(m, &src)) {
			/* the next start tries again */
			fprintf(stderr, "memscope: %s\n", m->why);
			ms_undo_unarm(MS_UNDO_DAMON);
		} else {
			forget();
		}
	}
	free(m);
	pf->damon = NULL;
}

int ms_procfs_damon(const struct ms_root *r, struct ms_procfs *pf,
		    struct ms_snapshot *s)
{
	struct rd x = { .r = r, .pf = pf, .s = s };
	const struct ms_damon_src src = {
		.get = get, .put = put, .note = note, .ctx = &x
	};
	struct ms_damon_mon *m;
	int err;

	if (pf->damon_want || pf->damon)
		own(r, pf, &src);
	m = pf->damon;
	if (!ms_exists(r, "sys/kernel/mm/damon")) {
		ms_snapshot_note(s, "damon",
				 r->live ?
					 "no DAMON sysfs interface on this "
					 "kernel (CONFIG_DAMON_SYSFS, 5.18+)" :
					 "no sys/kernel/mm/damon in this tree");
		return -ENOENT;
	}
	err = ms_damon_walk(&s->damon, &src);
	if (m && m->made) {
		ms_damon_mon_read(m, &src, &s->damon);
		if (!m->made) /* it stopped by itself and is removed */
			forget();
	}
	if (pf->damon_want && m && !s->damon.target[0])
		ms_snapshot_note(s, "damon_mon", "%s", m->why);
	if (err) {
		ms_snapshot_note(s, "damon", "kdamonds/nr_kdamonds: %s",
				 ms_errstr(r, -ENOENT));
		return -ENOENT;
	}
	return 0;
}
