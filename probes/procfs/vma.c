// SPDX-License-Identifier: GPL-2.0
/*
 * The VMAs of one process: smaps (or maps) in one streaming pass, joined
 * with numa_maps by start address, guarded against pid reuse by starttime.
 */
#define _GNU_SOURCE
#include "probes/procfs/vma.h"

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
		unsigned int c = (unsigned char)*p, d;

		if (c - '0' < 10)
			d = c - '0';
		else if ((c | 0x20) - 'a' < 6)
			d = (c | 0x20) - 'a' + 10;
		else
			break;
		x = x << 4 | d;
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

static struct ms_vma *add_vma(struct ms_vmas *vs, const char *line, size_t len)
{
	struct ms_vma *v = ms_vma_add(vs);
	const char *path;
	size_t plen;

	if (!v)
		return NULL;
	if (ms_vma_parse_header(line, len, v, &path, &plen)) {
		vs->n--;
		return NULL;
	}
	v->size_kb = (v->end - v->start) / 1024;
	if (path) {
		v->path = strndup(path, plen);
		if (!v->path) {
			vs->n--;
			return NULL;
		}
	}
	v->kind = ms_vma_kind_of(v->path);
	return v;
}

static int read_vma_file(const struct ms_root *r, const char *rel,
			 struct ms_vmas *vs, struct vma_pass *ps)
{
	struct ms_vma *cur = NULL;
	struct ms_lines l;
	size_t len;
	char *line;
	int err, fields = 0;

	ps->bad_lines = 0;
	ps->fields_first = -1;
	err = ms_lines_open(r, rel, &l);
	if (err)
		return err;
	while ((line = ms_lines_next(&l, &len))) {
		if (ms_vma_is_header(line)) {
			if (cur && ps->fields_first < 0)
				ps->fields_first = fields;
			cur = add_vma(vs, line, len);
			fields = 0;
			if (!cur)
				ps->bad_lines++;
		} else if (cur) {
			int k = ms_vma_parse_field(line, len, cur);

			if (k > 0)
				fields++;
			else if (k < 0)
				ps->bad_lines++;
		}
	}
	if (ps->fields_first < 0)
		ps->fields_first = fields;
	ps->fields_last = fields;
	err = l.err;
	ms_lines_close(&l);
	return err;
}

static void drop_vmas(struct ms_vmas *vs)
{
	for (int i = 0; i < vs->n; i++) {
		free(vs->v[i].path);
		vs->v[i].path = NULL;
	}
	vs->n = 0;
}

/* numa_maps lists the same VMAs in the same address order: merge. */
static int join_numa(const struct ms_root *r, int pid, struct ms_vmas *vs,
		     bool *truncated)
{
	struct ms_numa_line nl;
	struct ms_lines l;
	char rel[64];
	size_t len;
	char *line;
	int i = 0, err;

	snprintf(rel, sizeof(rel), "proc/%d/numa_maps", pid);
	err = ms_lines_open(r, rel, &l);
	if (err)
		return err;
	while ((line = ms_lines_next(&l, &len)) && i < vs->n) {
		struct ms_vma *v;

		if (ms_numa_maps_parse(line, len, &nl))
			continue;
		while (i < vs->n && vs->v[i].start < nl.start)
			i++;
		if (i == vs->n || vs->v[i].start != nl.start)
			continue;
		v = &vs->v[i++];
		memcpy(v->policy, nl.policy, sizeof(v->policy));
		v->nr_nodes = nl.nr_nodes;
		memcpy(v->node_id, nl.node_id, sizeof(v->node_id));
		memcpy(v->node_pages, nl.node_pages, sizeof(v->node_pages));
		*truncated |= nl.truncated;
	}
	err = l.err;
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

/* smaps, or maps when smaps cannot be read. */
static int read_layout(const struct ms_root *r, int pid, struct ms_vmas *vs,
		       struct vma_pass *ps)
{
	char rel[64];

	snprintf(rel, sizeof(rel), "proc/%d/smaps", pid);
	ps->serr = read_vma_file(r, rel, vs, ps);
	vs->has_smaps = !ps->serr;
	if (!ps->serr)
		return 0;
	drop_vmas(vs);
	snprintf(rel, sizeof(rel), "proc/%d/maps", pid);
	return read_vma_file(r, rel, vs, ps);
}

static void layout_notes(struct ms_snapshot *s, const struct vma_pass *ps)
{
	const struct ms_vmas *vs = &s->vmas;

	if (ps->serr)
		ms_snapshot_note(s, "smaps", "%s: sizes unknown, maps only",
				 ps->serr == -ENOENT ? "missing" :
						       ms_errstr(ps->serr));
	if (vs->has_smaps && vs->n > 1 && ps->fields_last < ps->fields_first)
		ms_snapshot_note(s, "smaps",
				 "truncated: last mapping incomplete");
	else if (ps->bad_lines)
		ms_snapshot_note(s, vs->has_smaps ? "smaps" : "maps",
				 "%d malformed lines skipped", ps->bad_lines);
	if (ps->nskip)
		ms_snapshot_note(s, "numa_maps",
				 "one NUMA node: placement not read");
	else if (ps->nerr)
		ms_snapshot_note(s, "numa_maps", "%s", ms_errstr(ps->nerr));
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
	return ms_errstr(err);
}

int ms_procfs_vmas(const struct ms_root *r, struct ms_procfs *pf, int pid,
		   struct ms_snapshot *s)
{
	struct ms_vmas *vs = &s->vmas;
	struct ms_stat before, after;
	struct vma_pass ps = { 0 };
	int err;

	drop_vmas(vs);
	vs->pid = pid;
	if (read_stat(r, &pf->buf, pid, &before)) {
		ms_snapshot_note(s, "vmas", "pid %d: no such process", pid);
		return -ESRCH;
	}
	memcpy(vs->comm, before.comm, sizeof(vs->comm));
	if (before.flags & MS_PF_KTHREAD) {
		ms_snapshot_note(s, "vmas",
				 "pid %d is a kernel thread (no address space)",
				 pid);
		return 0;
	}
	err = read_layout(r, pid, vs, &ps);
	ps.nskip = !err && vs->n && !want_numa(r, pf);
	if (!err && vs->n && !ps.nskip) {
		ps.nerr = join_numa(r, pid, vs, &ps.ntrunc);
		vs->has_numa = !ps.nerr;
	}
	/* the same process from start to end, or nothing */
	if (read_stat(r, &pf->buf, pid, &after) ||
	    after.starttime != before.starttime) {
		drop_vmas(vs);
		vs->has_smaps = vs->has_numa = false;
		ms_snapshot_note(s, "vmas", "pid %d: exited", pid);
		return -ESRCH;
	}
	if (err) {
		ms_snapshot_note(s, "vmas", "pid %d: %s", pid, layout_why(err));
		return err;
	}
	layout_notes(s, &ps);
	if (!vs->n)
		ms_snapshot_note(s, "vmas", "pid %d has no address space", pid);
	return 0;
}
