// SPDX-License-Identifier: GPL-2.0
/*
 * The process list: every pid below proc/ with its stat and the costly
 * files (status, smaps_rollup, maps); live, proccache.c keeps them.
 */
#define _GNU_SOURCE
#include "probes/procfs/proc.h"

#include "probes/procfs/kv.h"
#include "probes/procfs/procint.h"
#include "probes/procfs/procfs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

/* ---- Pure parsers ------------------------------------------------------ */

/* Fields of stat after "(comm) ", numbered as in proc(5). */
enum {
	STAT_STATE = 3,
	STAT_PPID = 4,
	STAT_FLAGS = 9,
	STAT_MINFLT = 10,
	STAT_MAJFLT = 12,
	STAT_STARTTIME = 22,
	STAT_VSIZE = 23,
	STAT_RSS = 24,
};

static void stat_field(struct ms_stat *st, int field, uint64_t v)
{
	switch (field) {
	case STAT_PPID:
		st->ppid = v > 1u << 30 ? 0 : (int)v;
		break;
	case STAT_FLAGS:
		st->flags = (unsigned long)v;
		break;
	case STAT_MINFLT:
		st->minflt = v;
		break;
	case STAT_MAJFLT:
		st->majflt = v;
		break;
	case STAT_STARTTIME:
		st->starttime = v;
		break;
	case STAT_VSIZE:
		st->vsize = v;
		break;
	case STAT_RSS:
		st->rss_pages = v;
		break;
	}
}

int ms_parse_stat(const char *text, size_t len, struct ms_stat *st)
{
	const char *end = text + len, *open, *close, *p;
	uint64_t pid, v;
	size_t n;

	memset(st, 0, sizeof(*st));
	if (!len)
		return -ENODATA;
	open = memchr(text, '(', len);
	close = memrchr(text, ')', len);
	if (!open || !close || close < open)
		return -EINVAL;
	p = ms_skip_blank(text, open);
	if (ms_parse_dec(&p, open, &pid) || pid > 1u << 30)
		return -EINVAL;
	st->pid = (int)pid;
	n = (size_t)(close - open - 1);
	if (n >= sizeof(st->comm))
		n = sizeof(st->comm) - 1;
	memcpy(st->comm, open + 1, n);
	p = close + 1;
	if (end - p < 3 || p[0] != ' ')
		return -EINVAL;
	st->state = p[1];
	p += 2;
	for (int field = STAT_STATE + 1; field <= STAT_RSS; field++) {
		p = ms_skip_blank(p, end);
		/* only unsigned fields are kept; others may be negative */
		if (p < end && *p == '-')
			p++;
		if (ms_parse_dec(&p, end, &v))
			return -EINVAL;
		stat_field(st, field, v);
	}
	return 0;
}

size_t ms_parse_cmdline(const char *text, size_t len, char *out, size_t outlen)
{
	size_t n;

	if (!outlen)
		return 0;
	while (len && !text[len - 1])
		len--;
	n = len < outlen - 1 ? len : outlen - 1;
	for (size_t i = 0; i < n; i++)
		out[i] = text[i] ? text[i] : ' ';
	out[n] = '\0';
	return n;
}

int ms_parse_proc_cgroup(const char *text, size_t len, char *out, size_t outlen)
{
	const char *end = text + len, *line = text, *got = NULL, *gend = NULL;

	if (!outlen)
		return -EINVAL;
	out[0] = '\0';
	for (; line < end; line++) {
		const char *eol = memchr(line, '\n', (size_t)(end - line));
		const char *c1, *c2;

		if (!eol)
			eol = end;
		c1 = memchr(line, ':', (size_t)(eol - line));
		c2 = c1 ? memchr(c1 + 1, ':', (size_t)(eol - c1 - 1)) : NULL;
		if (c2 && c2 + 1 < eol && c2[1] == '/') {
			/* v2 "0::/a" while no v1 memory line is found */
			if (c1 - line == 1 && *line == '0' && c2 == c1 + 1) {
				if (!got)
					got = c2 + 1, gend = eol;
			} else if (ms_list_has(c1 + 1, (size_t)(c2 - c1 - 1),
					       "memory")) {
				got = c2 + 1, gend = eol;
				break;
			}
		}
		line = eol;
	}
	if (!got)
		return -ENOENT;
	len = (size_t)(gend - got);
	if (len > outlen - 1)
		len = outlen - 1;
	memcpy(out, got, len);
	out[len] = '\0';
	return 0;
}

int ms_parse_statm(const char *text, size_t len, uint64_t *resident)
{
	const char *end = text + len, *p = ms_skip_blank(text, end);
	uint64_t size;

	if (ms_parse_dec(&p, end, &size))
		return -EINVAL;
	p = ms_skip_blank(p, end);
	return ms_parse_dec(&p, end, resident) ? -EINVAL : 0;
}

void ms_proc_detail_init(struct ms_proc_detail *d)
{
	d->uid = UINT32_MAX;
	d->vm_rss_kb = d->vm_swap_kb = MS_NA;
	d->rss_kb = d->pss_kb = d->swap_kb = MS_NA;
}

/* The number after key on line, when line starts with key; else false. */
static bool key_value(const char *line, size_t len, const char *key,
		      uint64_t *v)
{
	size_t n = strlen(key);
	const char *p = line + n, *end = line + len;

	if (len < n || memcmp(line, key, n))
		return false;
	p = ms_skip_blank(p, end);
	if (ms_parse_dec(&p, end, v))
		*v = MS_NA;
	return true;
}

int ms_parse_status(const char *text, size_t len, struct ms_proc_detail *d)
{
	const char *p = text, *end = text + len, *line;
	uint64_t v;
	size_t n;
	int err = -ENODATA;

	while ((line = ms_line_next(&p, end, &n))) {
		if (key_value(line, n, "Uid:", &v)) {
			if (v <= UINT32_MAX - 1) {
				d->uid = (uint32_t)v;
				err = 0;
			}
		} else if (key_value(line, n, "VmRSS:", &v)) {
			d->vm_rss_kb = v;
		} else if (key_value(line, n, "VmSwap:", &v)) {
			d->vm_swap_kb = v;
		}
	}
	return err;
}

int ms_parse_rollup(const char *text, size_t len, struct ms_proc_detail *d)
{
	const char *p = text, *end = text + len, *line;
	uint64_t v;
	size_t n;

	while ((line = ms_line_next(&p, end, &n))) {
		if (key_value(line, n, "Rss:", &v))
			d->rss_kb = v;
		else if (key_value(line, n, "Pss:", &v))
			d->pss_kb = v;
		else if (key_value(line, n, "Swap:", &v))
			d->swap_kb = v;
	}
	return ms_have(d->pss_kb) ? 0 : -ENODATA;
}

/* ---- One process ------------------------------------------------------- */

static int count_lines(const struct ms_root *r, const char *rel, uint64_t *n)
{
	struct ms_lines l;
	size_t len;
	int err = ms_lines_open(r, rel, &l);

	if (err)
		return err;
	for (*n = 0; ms_lines_next(&l, &len);)
		(*n)++;
	err = l.err;
	ms_lines_close(&l);
	return err;
}

void ms_procfs_read_detail(const struct ms_root *r, struct ms_buf *b, int pid,
			   bool kthread, struct detail *out)
{
	char rel[64];
	int err;

	ms_proc_detail_init(&out->d);
	out->vmas = MS_NA;
	out->denied = false;
	out->cmdline[0] = '\0';
	/* kernel threads too: they are in a cgroup, the root */
	if (ms_readf(r, b, "proc/%d/cgroup", pid) ||
	    ms_parse_proc_cgroup(b->data, b->len, out->cgroup,
				 sizeof(out->cgroup)))
		out->cgroup[0] = '\0';
	if (kthread) {
		/* no address space: these zeros are the truth, not a guess */
		out->d.uid = 0;
		out->d.rss_kb = out->d.pss_kb = out->d.swap_kb = 0;
		out->vmas = 0;
		return;
	}
	if (!ms_readf(r, b, "proc/%d/status", pid))
		ms_parse_status(b->data, b->len, &out->d);
	/* anyone may read it; a zombie's is empty */
	if (!ms_readf(r, b, "proc/%d/cmdline", pid))
		ms_parse_cmdline(b->data, b->len, out->cmdline,
				 sizeof(out->cmdline));
	err = ms_readf(r, b, "proc/%d/smaps_rollup", pid);
	if (!err)
		ms_parse_rollup(b->data, b->len, &out->d);
	out->denied = err == -EACCES || err == -EPERM;
	if (out->denied)
		return; /* maps asks for the same access */
	snprintf(rel, sizeof(rel), "proc/%d/maps", pid);
	if (count_lines(r, rel, &out->vmas))
		out->vmas = MS_NA;
}

struct ms_proc *ms_procfs_add_proc(struct ms_snapshot *s, int pid,
				   const struct ms_stat *st, uint64_t page_kb)
{
	struct ms_proc *p = ms_proc_add(&s->procs);

	if (!p)
		return NULL;
	p->pid = pid;
	p->ppid = st->ppid;
	memcpy(p->comm, st->comm, sizeof(p->comm));
	p->state = st->state;
	p->kthread = st->flags & MS_PF_KTHREAD;
	p->minflt = st->minflt;
	p->majflt = st->majflt;
	p->rss_kb = st->rss_pages * page_kb;
	p->uid = UINT32_MAX;
	return p;
}

void ms_procfs_set_detail(struct ms_proc *p, const struct detail *det)
{
	p->uid = det->d.uid;
	memcpy(p->cmdline, det->cmdline, sizeof(p->cmdline));
	memcpy(p->cgroup, det->cgroup, sizeof(p->cgroup));
	p->pss_kb = det->d.pss_kb;
	/* rollup's Swap counts swapped shmem too; VmSwap is anonymous only */
	p->swap_kb = ms_have(det->d.swap_kb) ? det->d.swap_kb :
					       det->d.vm_swap_kb;
	p->vmas = det->vmas;
	p->detail_rss_kb = det->d.rss_kb;
}

void ms_procfs_denied_note(struct ms_snapshot *s)
{
	ms_snapshot_note(s, "smaps_rollup", "%s",
			 geteuid() ? "needs root for other users' processes" :
				     "no ptrace access to some processes");
}

/* ---- A captured tree, or capturing: every file, every sample ----------- */

static void sample_plain(const struct ms_root *r, struct ms_procfs *pf,
			 const struct ms_pids *l, struct ms_snapshot *s)
{
	long page_kb = sysconf(_SC_PAGESIZE) / 1024;
	struct detail det;
	struct ms_stat st;
	struct ms_proc *p;
	bool denied = false;

	for (int i = 0; i < l->n; i++) {
		int pid = l->v[i];

		/* gone since the listing, or going: not an error */
		if (ms_readf(r, &pf->buf, "proc/%d/stat", pid) ||
		    ms_parse_stat(pf->buf.data, pf->buf.len, &st))
			continue;
		ms_procfs_read_detail(r, &pf->buf, pid,
				      st.flags & MS_PF_KTHREAD, &det);
		p = ms_procfs_add_proc(s, pid, &st, (uint64_t)page_kb);
		if (!p)
			break;
		ms_procfs_set_detail(p, &det);
		p->detail_age_s = 0;
		/* status is in kB, whatever the tree's page size was */
		if (ms_have(det.d.vm_rss_kb))
			p->rss_kb = det.d.vm_rss_kb;
		denied |= det.denied;
	}
	if (denied)
		ms_procfs_denied_note(s);
}

/* The user of every process, as the tree's own passwd names it. */
static void name_users(const struct ms_root *r, struct ms_procfs *pf,
		       struct ms_snapshot *s)
{
	for (int i = 0; i < s->procs.n; i++) {
		struct ms_proc *p = &s->procs.v[i];
		const char *name =
			ms_users_name(&pf->users, r, &pf->buf, p->uid);

		snprintf(p->user, sizeof(p->user), "%s", name ? name : "");
	}
}

int ms_procfs_procs(const struct ms_root *r, struct ms_procfs *pf, bool full,
		    struct ms_snapshot *s)
{
	struct ms_pids l = { 0 };
	int err;

	if (r->live && r->capture_fd < 0) {
		err = ms_procfs_sample_cached(r, pf, full, s);
	} else {
		err = ms_list_pids(r, &l);
		if (!err)
			sample_plain(r, pf, &l, s);
		free(l.v);
	}
	if (err) {
		ms_snapshot_note(s, "processes", "%s", ms_errstr(r, err));
		return err;
	}
	if (!s->procs.n) {
		ms_snapshot_note(s, "processes", "no process could be read");
		return -ENODATA;
	}
	name_users(r, pf, s);
	return 0;
}
