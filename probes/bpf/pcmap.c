// SPDX-License-Identifier: GPL-2.0
/*
 * The pcache group's map data made plain (pcmap.h): names from dentry
 * components and mountinfo, counts in kB.
 */
#include "probes/bpf/pcmap.h"
#include "probes/procfs/kv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/field.h"

/* mountinfo escapes space, tab, newline and backslash as \ooo */
static char *unescape(const char *s, size_t n)
{
	char *o = malloc(n + 1), *d = o;

	if (!o)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 3 < n && s[i + 1] >= '0' &&
		    s[i + 1] <= '3' && s[i + 2] >= '0' && s[i + 2] <= '7' &&
		    s[i + 3] >= '0' && s[i + 3] <= '7') {
			*d++ = (char)((s[i + 1] - '0') << 6 |
				      (s[i + 2] - '0') << 3 | (s[i + 3] - '0'));
			i += 3;
		} else {
			*d++ = s[i];
		}
	}
	*d = '\0';
	return o;
}

/* Field i (from 0, space-separated) of line [t, e): its start, length. */
static const char *field(const char *t, const char *e, int i, size_t *n)
{
	while (t < e) {
		const char *sp = memchr(t, ' ', (size_t)(e - t));
		const char *end = sp ? sp : e;

		if (!i--) {
			*n = (size_t)(end - t);
			return t;
		}
		t = end + 1;
	}
	return NULL;
}

static int add(struct ms_pc_mounts *m, uint64_t dev, const char *dir, size_t n)
{
	if (ms_pc_mount_dir(m, dev))
		return 0; /* the first mount of it */
	if (m->n == m->cap) {
		int c = m->cap ? m->cap * 2 : 32;
		struct ms_pc_mount *v = realloc(m->v, (size_t)c * sizeof(*v));

		if (!v)
			return -ENOMEM;
		m->v = v;
		m->cap = c;
	}
	m->v[m->n].dev = dev;
	m->v[m->n].dir = unescape(dir, n);
	if (!m->v[m->n].dir)
		return -ENOMEM;
	m->n++;
	return 0;
}

/* The memory controller's mount: after " - ", fstype source options. */
static int memcg_mount(struct ms_pc_mounts *m, const char *t, const char *e,
		       const char *dir, size_t dirn)
{
	const char *dash = NULL, *fs, *opt;
	size_t fsn, optn;
	bool v1;

	for (const char *p = t; p + 3 <= e; p++)
		if (!memcmp(p, " - ", 3)) {
			dash = p + 3;
			break;
		}
	if (!dash || !(fs = field(dash, e, 0, &fsn)) ||
	    !(opt = field(dash, e, 2, &optn)))
		return 0;
	v1 = fsn == 6 && !memcmp(fs, "cgroup", 6) &&
	     ms_list_has(opt, optn, "memory");
	if (!v1 && !(fsn == 7 && !memcmp(fs, "cgroup2", 7)))
		return 0;
	if (m->memcg_dir && (m->memcg_v1 || !v1))
		return 0; /* v1's memory wins: then memcgs live there */
	free(m->memcg_dir);
	m->memcg_dir = unescape(dir, dirn);
	m->memcg_v1 = v1;
	return m->memcg_dir ? 0 : -ENOMEM;
}

int ms_pc_mounts_parse(struct ms_pc_mounts *m, const char *t, size_t len)
{
	const char *end = t + len;

	memset(m, 0, sizeof(*m));
	while (t < end) {
		const char *nl = memchr(t, '\n', (size_t)(end - t));
		const char *e = nl ? nl : end, *d, *r, *dir;
		size_t dn = 0, rn = 0, dirn = 0;
		unsigned int maj, min;
		char buf[24];

		/* id parent major:minor root mountpoint ... */
		d = field(t, e, 2, &dn);
		r = field(t, e, 3, &rn);
		dir = field(t, e, 4, &dirn);
		if (dir && memcg_mount(m, t, e, dir, dirn))
			return -ENOMEM;
		if (d && r && dir && dn < sizeof(buf) && rn == 1 && *r == '/') {
			memcpy(buf, d, dn);
			buf[dn] = '\0';
			if (sscanf(buf, "%u:%u", &maj, &min) == 2 &&
			    add(m, (uint64_t)maj << 32 | min, dir, dirn))
				return -ENOMEM;
		}
		t = e + 1;
	}
	return 0;
}

void ms_pc_mounts_free(struct ms_pc_mounts *m)
{
	for (int i = 0; i < m->n; i++)
		free(m->v[i].dir);
	free(m->v);
	free(m->memcg_dir);
	memset(m, 0, sizeof(*m));
}

const char *ms_pc_mount_dir(const struct ms_pc_mounts *m, uint64_t dev)
{
	for (int i = 0; m && i < m->n; i++)
		if (m->v[i].dev == dev)
			return m->v[i].dir;
	return NULL;
}

uint64_t ms_pc_dev(uint32_t kdev)
{
	return (uint64_t)(kdev >> 20) << 32 | (kdev & 0xfffff);
}

/* Append n bytes of s to out (at *o, cut to len - 1). */
static void put(char *out, size_t len, size_t *o, const char *s, size_t n)
{
	if (*o + n >= len)
		n = len - 1 - *o;
	memcpy(out + *o, s, n);
	*o += n;
	out[*o] = '\0';
}

size_t ms_pc_name(const struct ms_pc_file *v, const char *dir, char *out,
		  size_t len, bool *partial)
{
	unsigned int depth = v->depth < MS_PC_DEPTH ? v->depth : MS_PC_DEPTH;
	size_t o = 0;

	*partial = !(v->flags & MS_PC_ROOT) || (v->flags & MS_PC_CUT) ||
		   (v->flags & MS_PC_NONAME) || !depth;
	if (!len)
		return 0;
	out[0] = '\0';
	if (!(v->flags & MS_PC_ROOT))
		put(out, len, &o, "...", 3);
	else if (dir && strcmp(dir, "/"))
		put(out, len, &o, dir, strlen(dir));
	for (unsigned int i = depth; i-- > 0;) {
		put(out, len, &o, "/", 1);
		put(out, len, &o, v->name[i], strnlen(v->name[i], MS_PC_NAME));
	}
	return o;
}

static uint64_t kb(__s64 pages, unsigned int page_kb)
{
	return pages > 0 ? (uint64_t)pages * page_kb : 0;
}

int ms_pc_file(const struct ms_pc_key *k, const struct ms_pc_file *v,
	       unsigned int page_kb, const struct ms_pc_mounts *m,
	       struct ms_pcache_file *f, struct ms_pcache_key *key)
{
	uint64_t dev = ms_pc_dev(k->dev);
	char name[MS_PC_DEPTH * MS_PC_NAME + 4096];

	/* overwritten, not freed: f may hold anything */
	ms_fields_reset(ms_pcache_file_fields, memset(f, 0, sizeof(*f)));
	snprintf(f->dev, sizeof(f->dev), "%u:%u", (unsigned int)(dev >> 32),
		 (unsigned int)dev);
	f->ino = k->ino;
	key->dev = key->sdev = dev;
	key->ino = key->sino = k->ino;
	f->size_kb = (v->size + 1023) / 1024;
	f->added_kb = kb(v->added, page_kb);
	f->removed_kb = kb(v->removed, page_kb);
	/* in u64: the counters are the kernel's, any value, no overflow */
	f->cached_kb =
		v->added > v->removed ?
			((uint64_t)v->added - (uint64_t)v->removed) * page_kb :
			0;
	f->method = MS_PCACHE_EVENTS;
	f->deleted = v->flags & MS_PC_DELETED;
	f->holders = 0;
	f->memcg_id = v->cgid ? v->cgid : MS_NA;
	if (v->depth) {
		ms_pc_name(v, ms_pc_mount_dir(m, dev), name, sizeof(name),
			   &f->name_partial);
		f->path = strdup(name);
		if (!f->path)
			return -ENOMEM;
	} else {
		f->name_partial = true; /* no name at all: path null */
	}
	return 0;
}
