// SPDX-License-Identifier: GPL-2.0
/*
 * The VMAs of one process: smaps (or maps) in one streaming pass, joined
 * with numa_maps by start address, guarded against pid reuse by starttime.
 */
#define _GNU_SOURCE
#include "probes/procfs/vma.h"

#include "model/escape.h"
#include "probes/procfs/folio.h"
#include "probes/procfs/kv.h"
#include "probes/procfs/numa.h"
#include "probes/procfs/proc.h"
#include "probes/procfs/procfs.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Pure line parsers ------------------------------------------------- */

static const char *parse_hex(const char *p, const char *end, uint64_t *v)
{
	const char *s = p;
	uint64_t x = 0;

	for (; p < end && p - s < 16; p++) {
		int d = ms_hexval(*p);

		if (d < 0)
			break;
		x = x << 4 | (uint64_t)d;
	}
	*v = x;
	return p == s ? NULL : p;
}

static const char *parse_dec(const char *p, const char *end, uint64_t *v)
{
	const char *s = p;
	uint64_t x = 0;

	for (; p < end && (unsigned int)(*p - '0') < 10; p++)
		if (__builtin_mul_overflow(x, 10, &x) ||
		    __builtin_add_overflow(x, (uint64_t)(*p - '0'), &x))
			return NULL;
	*v = x;
	return p == s ? NULL : p;
}

static const char *skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

int ms_vma_parse_header(const char *line, size_t len, struct ms_vma *v,
			const char **path, size_t *pathlen)
{
	const char *end = line + len, *p, *q;
	size_t n;

	p = parse_hex(line, end, &v->start);
	if (!p || p == end || *p != '-')
		return -EINVAL;
	p = parse_hex(p + 1, end, &v->end);
	if (!p || end - p < 6 || *p != ' ' || p[5] != ' ' || v->end < v->start)
		return -EINVAL;
	memcpy(v->perms, p + 1, 4);
	v->perms[4] = '\0';
	p = parse_hex(p + 6, end, &v->offset);
	if (!p || p == end || *p != ' ')
		return -EINVAL;
	p++;
	q = memchr(p, ' ', (size_t)(end - p));
	if (!q || q == p)
		return -EINVAL;
	n = (size_t)(q - p) < sizeof(v->dev) ? (size_t)(q - p) :
					       sizeof(v->dev) - 1;
	memcpy(v->dev, p, n);
	v->dev[n] = '\0';
	p = parse_dec(q + 1, end, &v->inode);
	if (!p || (p < end && *p != ' '))
		return -EINVAL;
	/* the kernel pads to a column; a path never starts with a blank */
	p = skip_blanks(p, end);
	*path = p < end ? p : NULL;
	*pathlen = (size_t)(end - p);
	return 0;
}

static bool has_prefix(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

enum ms_vma_kind ms_vma_kind_of(const char *path)
{
	if (!path || !*path)
		return MS_VMA_ANON;
	if (path[0] == '[') {
		if (!strcmp(path, "[heap]"))
			return MS_VMA_HEAP;
		if (has_prefix(path, "[stack")) /* "[stack:TID]" before 4.5 */
			return MS_VMA_STACK;
		if (has_prefix(path, "[anon_shmem:"))
			return MS_VMA_SHMEM;
		if (has_prefix(path, "[anon:")) /* PR_SET_VMA_ANON_NAME */
			return MS_VMA_ANON;
		return MS_VMA_SPECIAL; /* [vdso], [vvar], [vsyscall], ... */
	}
	/* shared anonymous memory shows as "/dev/zero (deleted)" */
	if (has_prefix(path, "/dev/zero") && (!path[9] || path[9] == ' '))
		return MS_VMA_SHMEM;
	if (has_prefix(path, "/SYSV") || has_prefix(path, "/memfd:") ||
	    has_prefix(path, "/dev/shm/"))
		return MS_VMA_SHMEM;
	return MS_VMA_FILE;
}

#define SLOT(field) offsetof(struct ms_vma, field)

/*
 * The hot loop of a 60 MB smaps: find the field a key fills by its length
 * first, so each line costs at most three short compares. 0 means "not
 * kept" (offset 0 is start, never a smaps field).
 */
static size_t smaps_slot(const char *k, size_t len)
{
	switch (len) {
	case 3:
		if (!memcmp(k, "Rss", 3))
			return SLOT(rss_kb);
		if (!memcmp(k, "Pss", 3))
			return SLOT(pss_kb);
		break;
	case 4:
		if (!memcmp(k, "Size", 4))
			return SLOT(size_kb);
		if (!memcmp(k, "Swap", 4))
			return SLOT(swap_kb);
		break;
	case 6:
		if (!memcmp(k, "Locked", 6))
			return SLOT(locked_kb);
		break;
	case 7:
		if (!memcmp(k, "SwapPss", 7))
			return SLOT(swap_pss_kb);
		break;
	case 9:
		if (!memcmp(k, "Anonymous", 9))
			return SLOT(anonymous);
		break;
	case 10:
		if (!memcmp(k, "Referenced", 10))
			return SLOT(referenced);
		break;
	case 11:
		if (!memcmp(k, "THPeligible", 11))
			return SLOT(thp_eligible);
		break;
	case 12:
		if (!memcmp(k, "Shared_Clean", 12))
			return SLOT(shared_clean);
		if (!memcmp(k, "Shared_Dirty", 12))
			return SLOT(shared_dirty);
		break;
	case 13:
		if (!memcmp(k, "Private_Clean", 13))
			return SLOT(private_clean);
		if (!memcmp(k, "Private_Dirty", 13))
			return SLOT(private_dirty);
		if (!memcmp(k, "AnonHugePages", 13))
			return SLOT(anon_huge_kb);
		break;
	case 14:
		if (!memcmp(k, "KernelPageSize", 14))
			return SLOT(kernel_page_kb);
		if (!memcmp(k, "ShmemPmdMapped", 14))
			return SLOT(shmem_pmd_kb);
		break;
	}
	return 0;
}

/* "rd wr mr mw me ac": trimmed, cut at a flag boundary if too long. */
static void copy_vmflags(char *out, size_t outlen, const char *p,
			 const char *end)
{
	size_t n;

	p = skip_blanks(p, end);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	n = (size_t)(end - p);
	if (n >= outlen) {
		n = outlen - 1;
		while (n > 0 && p[n] != ' ')
			n--;
	}
	memcpy(out, p, n);
	out[n] = '\0';
}

/* A byte in w equal to c: the lowest set 0x80 bit marks the first one. */
static inline uint64_t bytes_eq(uint64_t w, unsigned char c)
{
	uint64_t x = w ^ (0x0101010101010101ULL * c);

	return (x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL;
}

/*
 * Where the ':' of "Key:" is, or len. The hot spot of the smaps loop:
 * every key fits in 16 bytes, so two 8-byte words are tested at once
 * (the kernel pads keys, so such lines are at least 16 bytes long).
 */
static inline size_t find_colon(const char *s, size_t len)
{
	uint64_t w[2], m;
	size_t k;

	if (len >= 16 && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__) {
		memcpy(w, s, 16);
		m = bytes_eq(w[0], ':');
		if (m)
			return (size_t)__builtin_ctzll(m) / 8;
		m = bytes_eq(w[1], ':');
		if (m)
			return 8 + (size_t)__builtin_ctzll(m) / 8;
	}
	for (k = 0; k < len && k < 32; k++)
		if (s[k] == ':')
			return k;
	return len;
}

int ms_vma_parse_field(const char *line, size_t len, struct ms_vma *v)
{
	const char *end = line + len, *colon, *p;
	size_t slot, k;
	uint64_t val;

	k = find_colon(line, len);
	if (k == len)
		return -EINVAL;
	colon = line + k;
	if (k == 7 && !memcmp(line, "VmFlags", 7)) {
		copy_vmflags(v->vmflags, sizeof(v->vmflags), colon + 1, end);
		return 1;
	}
	slot = smaps_slot(line, k);
	if (!slot)
		return 0;
	/* the number ends the line: reading it backwards skips the padding */
	if (end - colon > 3 && !memcmp(end - 3, " kB", 3))
		end -= 3;
	for (p = end; p > colon + 1 && (unsigned int)(p[-1] - '0') < 10; p--)
		;
	if (p[-1] != ' ' && p[-1] != '\t' && p[-1] != ':')
		return -EINVAL;
	if (parse_dec(p, end, &val) != end)
		return -EINVAL;
	*(uint64_t *)((char *)v + slot) = val;
	return 1;
}

/* Token [p, *tend): up to the next blank. */
static const char *token(const char *p, const char *end, const char **tend)
{
	p = skip_blanks(p, end);
	*tend = p;
	while (*tend < end && **tend != ' ' && **tend != '\t')
		(*tend)++;
	return p;
}

static void numa_node(struct ms_numa_line *n, const char *p, const char *e)
{
	uint64_t id, pages;
	const char *q;

	q = parse_dec(p + 1, e, &id);
	if (!q || q == e || *q != '=' || id >= 1u << 20)
		return;
	q = parse_dec(q + 1, e, &pages);
	if (!q || q != e)
		return;
	if (n->nr_nodes == MS_VMA_NODES) {
		n->truncated = true;
		return;
	}
	n->node_id[n->nr_nodes] = (int)id;
	n->node_pages[n->nr_nodes++] = pages;
}

/*
 * The policy is one word ("default", "bind:0-1", "interleave=static:0-3")
 * except "weighted interleave..." and "prefer (many)..." (mm/mempolicy.c).
 */
int ms_numa_maps_parse(const char *line, size_t len, struct ms_numa_line *n)
{
	const char *end = line + len, *p, *e, *ps;
	size_t plen;

	n->nr_nodes = 0;
	n->truncated = false;
	n->policy[0] = '\0';
	p = parse_hex(line, end, &n->start);
	if (!p || p == end || *p != ' ')
		return -EINVAL;
	ps = token(p, end, &e);
	if (ps == e)
		return -EINVAL;
	if ((size_t)(e - ps) == 8 && !memcmp(ps, "weighted", 8))
		token(e, end, &e);
	else if (e + 1 < end && e[1] == '(')
		token(e, end, &e);
	plen = (size_t)(e - ps);
	if (plen >= sizeof(n->policy))
		plen = sizeof(n->policy) - 1;
	memcpy(n->policy, ps, plen);
	n->policy[plen] = '\0';
	for (p = token(e, end, &e); p < end; p = token(e, end, &e))
		if (p[0] == 'N' && e - p > 1 && (unsigned int)(p[1] - '0') < 10)
			numa_node(n, p, e);
	return 0;
}

/* ---- The reader -------------------------------------------------------- */

/* How the pass over smaps or maps went, for notes. */
struct vma_pass {
	int serr; /* why smaps could not be read, or 0 */
	int bad_lines;
	int fields_first, fields_last; /* kept keys of first, last VMA */
	int nerr; /* why numa_maps could not be read, or 0 */
	bool ntrunc; /* a mapping on more nodes than we keep */
	bool nskip; /* one node: numa_maps not read */
};

/*
 * One pass over smaps (or maps) with numa_maps read in lockstep: both list
 * the VMAs in address order, so a VMA is complete, joined and handed on
 * (kept in vs->v, or given to the sink) before the next one is read.
 */
struct vma_read {
	struct ms_vmas *vs;
	struct ms_vma_sink *sink; /* NULL: keep them in vs->v */
	struct vma_pass *ps;
	struct ms_folio_pass *fp; /* folio sizes asked for, or NULL */
	struct ms_vma cur;
	bool have; /* cur holds a VMA */
	char *path; /* cur.path points here while it is read */
	size_t pathcap;
	bool nopen; /* numa_maps is open */
	bool numa; /* ... and not read to its end */
	struct ms_lines nlines;
	struct ms_numa_line nl;
	bool nl_ok; /* nl is the next line not joined yet */
	int err; /* the sink's or memory's, which end the pass */
};

static bool begin_vma(struct vma_read *rd, const char *line, size_t len)
{
	struct ms_vma *v = &rd->cur;
	const char *path;
	size_t plen;

	ms_vma_init(v);
	if (ms_vma_parse_header(line, len, v, &path, &plen))
		return false;
	v->size_kb = (v->end - v->start) / 1024;
	if (path) {
		if (plen + 1 > rd->pathcap) {
			char *p = realloc(rd->path, plen + 1);

			if (!p) {
				rd->err = -ENOMEM;
				return false;
			}
			rd->path = p;
			rd->pathcap = plen + 1;
		}
		memcpy(rd->path, path, plen);
		rd->path[plen] = '\0';
		v->path = rd->path;
	}
	v->kind = ms_vma_kind_of(v->path);
	return true;
}

/* numa_maps up to cur: its line, if it has one, joins it. */
static void join_numa(struct vma_read *rd)
{
	struct ms_vma *v = &rd->cur;
	char *line;
	size_t len;

	while (rd->numa && (!rd->nl_ok || rd->nl.start < v->start)) {
		line = ms_lines_next(&rd->nlines, &len);
		if (!line) {
			rd->numa = false;
			rd->ps->nerr = rd->nlines.err;
			break;
		}
		rd->nl_ok = !ms_numa_maps_parse(line, len, &rd->nl);
	}
	if (!rd->nl_ok || rd->nl.start != v->start)
		return;
	memcpy(v->policy, rd->nl.policy, sizeof(v->policy));
	v->nr_nodes = rd->nl.nr_nodes;
	memcpy(v->node_id, rd->nl.node_id, sizeof(v->node_id));
	memcpy(v->node_pages, rd->nl.node_pages, sizeof(v->node_pages));
	rd->ps->ntrunc |= rd->nl.truncated;
	rd->nl_ok = false;
}

/* cur is complete: join it and hand it on. */
static void end_vma(struct vma_read *rd)
{
	struct ms_vma *v;

	if (!rd->have)
		return;
	rd->have = false;
	join_numa(rd);
	if (rd->fp)
		ms_folio_vma(rd->fp, &rd->cur);
	if (rd->sink) {
		rd->err = rd->sink->put(rd->sink->ctx, &rd->cur);
		if (!rd->err) {
			ms_vmas_sum(rd->vs, &rd->cur);
			rd->vs->streamed++;
		}
		return;
	}
	v = ms_vma_add(rd->vs);
	if (!v) {
		rd->err = -ENOMEM;
		return;
	}
	*v = rd->cur;
	if (rd->cur.path && !(v->path = strdup(rd->cur.path))) {
		rd->vs->n--;
		rd->err = -ENOMEM;
	}
}

static void drop_vmas(struct ms_vmas *vs, struct ms_vma_sink *sink)
{
	for (int i = 0; i < vs->n; i++) {
		free(vs->v[i].path);
		vs->v[i].path = NULL;
	}
	vs->n = 0;
	if (sink && vs->streamed)
		sink->reset(sink->ctx);
	vs->streamed = 0;
	memset(vs->kind, 0, sizeof(vs->kind));
	memset(&vs->total, 0, sizeof(vs->total));
	vs->folios = (struct ms_folios){ 0 };
}

static int read_vma_file(const struct ms_root *r, const char *rel,
			 const char *numa_rel, struct vma_read *rd)
{
	struct vma_pass *ps = rd->ps;
	struct ms_lines l;
	size_t len;
	char *line;
	int err, fields = 0;

	ps->bad_lines = 0;
	ps->fields_first = -1;
	err = ms_lines_open(r, rel, &l);
	if (err)
		return err;
	rd->have = rd->nl_ok = rd->nopen = false;
	rd->err = ps->nerr = 0;
	if (numa_rel) {
		ps->nerr = ms_lines_open(r, numa_rel, &rd->nlines);
		rd->nopen = !ps->nerr;
	}
	rd->numa = rd->nopen;
	while (!rd->err && (line = ms_lines_next(&l, &len))) {
		if (ms_vma_is_header(line)) {
			if (rd->have && ps->fields_first < 0)
				ps->fields_first = fields;
			end_vma(rd);
			rd->have = !rd->err && begin_vma(rd, line, len);
			fields = 0;
			if (!rd->have)
				ps->bad_lines++;
		} else if (rd->have) {
			int k = ms_vma_parse_field(line, len, &rd->cur);

			if (k > 0)
				fields++;
			else if (k < 0)
				ps->bad_lines++;
		}
	}
	if (ps->fields_first < 0)
		ps->fields_first = fields;
	ps->fields_last = fields;
	end_vma(rd);
	if (rd->nopen)
		ms_lines_close(&rd->nlines);
	rd->numa = rd->nopen = false;
	err = rd->err ? rd->err : l.err;
	ms_lines_close(&l);
	return err;
}

static int read_stat(const struct ms_root *r, struct ms_buf *b, int pid,
		     struct ms_stat *st)
{
	int err = ms_readf(r, b, "proc/%d/stat", pid);

	if (err)
		return err;
	return ms_parse_stat(b->data, b->len, st);
}

/* smaps, or maps when smaps cannot be read; numa_maps beside it. */
static int read_layout(const struct ms_root *r, int pid, bool numa,
		       struct vma_read *rd)
{
	struct ms_vmas *vs = rd->vs;
	char rel[64], nrel[64];
	int err;

	snprintf(nrel, sizeof(nrel), "proc/%d/numa_maps", pid);
	snprintf(rel, sizeof(rel), "proc/%d/smaps", pid);
	rd->ps->serr = read_vma_file(r, rel, numa ? nrel : NULL, rd);
	vs->has_smaps = !rd->ps->serr;
	if (rd->ps->serr) {
		drop_vmas(vs, rd->sink);
		snprintf(rel, sizeof(rel), "proc/%d/maps", pid);
		err = read_vma_file(r, rel, numa ? nrel : NULL, rd);
		if (err)
			return err;
	}
	/* as before the lockstep: numa_maps counts only beside VMAs */
	if (!ms_vmas_count(vs))
		rd->ps->nerr = 0;
	rd->ps->nskip = ms_vmas_count(vs) && !numa;
	vs->has_numa = ms_vmas_count(vs) && numa && !rd->ps->nerr;
	return 0;
}

static void layout_notes(const struct ms_root *r, struct ms_snapshot *s,
			 const struct vma_pass *ps)
{
	const struct ms_vmas *vs = &s->vmas;

	if (ps->serr)
		ms_snapshot_note(s, "smaps", "%s: sizes unknown, maps only",
				 ps->serr == -ENOENT ? "missing" :
						       ms_errstr(r, ps->serr));
	if (vs->has_smaps && ms_vmas_count(vs) > 1 &&
	    ps->fields_last < ps->fields_first)
		ms_snapshot_note(s, "smaps",
				 "truncated: last mapping incomplete");
	else if (ps->bad_lines)
		ms_snapshot_note(s, vs->has_smaps ? "smaps" : "maps",
				 "%d malformed lines skipped", ps->bad_lines);
	if (ps->nskip)
		ms_snapshot_note(s, "numa_maps",
				 "one NUMA node: placement not read");
	else if (ps->nerr)
		ms_snapshot_note(s, "numa_maps", "%s", ms_errstr(r, ps->nerr));
	else if (ps->ntrunc)
		ms_snapshot_note(s, "numa_maps",
				 "first %d nodes of a mapping kept",
				 MS_VMA_NODES);
}

/*
 * numa_maps walks the page tables again and costs about a third of smaps;
 * with one node online every page is on node 0, so it is read only when
 * there are more (or when pf->vma_numa asks).
 */
static bool want_numa(const struct ms_root *r, struct ms_procfs *pf)
{
	struct ms_perr e;
	int ids[2];

	if (pf->vma_numa)
		return pf->vma_numa > 0;
	if (ms_read(r, "sys/devices/system/node/online", &pf->buf2))
		return true;
	ms_perr_init(&e);
	return ms_nodelist_parse(pf->buf2.data, pf->buf2.len, ids, 2, &e) != 1;
}

/* Why the layout of a live process could not be read. */
static const char *layout_why(int err)
{
	if (err == -ENOENT)
		return "no maps or smaps file";
	if (err == -EACCES || err == -EPERM)
		return "no access to its maps (needs root or ptrace access)";
	return ms_errstr(NULL, err);
}

int ms_procfs_vmas(const struct ms_root *r, struct ms_procfs *pf, int pid,
		   struct ms_vma_sink *sink, struct ms_snapshot *s)
{
	struct ms_vmas *vs = &s->vmas;
	struct ms_stat before, after;
	struct vma_pass ps = { 0 };
	struct vma_read rd = { .vs = vs, .sink = sink, .ps = &ps };
	int err;

	drop_vmas(vs, NULL);
	vs->pid = pid;
	vs->sink = sink;
	if (sink) /* the VMAs of an earlier sample */
		sink->reset(sink->ctx);
	if (read_stat(r, &pf->buf, pid, &before)) {
		vs->gone = true;
		ms_snapshot_note_pid(s, "vmas", pid, "pid %d: no such process",
				     pid);
		return -ESRCH;
	}
	memcpy(vs->comm, before.comm, sizeof(vs->comm));
	if (before.flags & MS_PF_KTHREAD) {
		ms_snapshot_note_pid(
			s, "vmas", pid,
			"pid %d is a kernel thread (no address space)", pid);
		return 0;
	}
	if (pf->folio_want)
		rd.fp = ms_folio_begin(r, pf, pid, s);
	err = read_layout(r, pid, want_numa(r, pf), &rd);
	free(rd.path);
	if (rd.fp)
		ms_folio_end(rd.fp, vs, s);
	/* the same process from start to end, or nothing */
	if (read_stat(r, &pf->buf, pid, &after) ||
	    after.starttime != before.starttime) {
		drop_vmas(vs, sink);
		vs->has_smaps = vs->has_numa = false;
		vs->gone = true;
		ms_snapshot_note_pid(s, "vmas", pid, "pid %d: exited", pid);
		return -ESRCH;
	}
	if (err) {
		ms_snapshot_note_pid(s, "vmas", pid, "pid %d: %s", pid,
				     layout_why(err));
		return err;
	}
	layout_notes(r, s, &ps);
	if (!ms_vmas_count(vs))
		ms_snapshot_note_pid(s, "vmas", pid,
				     "pid %d has no address space", pid);
	return 0;
}
