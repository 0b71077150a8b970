// SPDX-License-Identifier: GPL-2.0
/*
 * The Reclaim area: vmstat, PSI, MGLRU, THP/khugepaged, vm sysctls, swap
 * devices, zswap and zram. Raw values only: the core computes rates.
 */
#include "probes/procfs/reclaim.h"

#include "model/memory.h"

#include "probes/procfs/kv.h"
#include "probes/procfs/procfs.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DIR_FILES 64 /* khugepaged/, debug/zswap/ */
#define MAX_ZRAM 256

/* ---- pure parsers ----------------------------------------------------- */

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static bool sep(char c)
{
	return blank(c) || c == '\n';
}

/* Locale-free "12.34": the UI may have called setlocale(). */
static int parse_fixed(const char **p, const char *end, double *d)
{
	uint64_t ip, frac = 0, scale = 1;
	const char *s;
	int err = ms_parse_dec(p, end, &ip);

	if (err)
		return err;
	s = *p;
	if (s < end && *s == '.') {
		for (s++; s < end && *s >= '0' && *s <= '9'; s++)
			if (scale < 1000000000) {
				frac = frac * 10 + (uint64_t)(*s - '0');
				scale *= 10;
			}
		*p = s;
	}
	*d = (double)ip + (double)frac / (double)scale;
	return 0;
}

enum { PSI_AVG10 = 1, PSI_AVG60 = 2, PSI_AVG300 = 4, PSI_TOTAL = 8 };

/* One "key=value" of a PSI line; unknown keys are skipped. */
static int psi_field(const char **p, const char *end, struct ms_psi_line *l,
		     unsigned int *seen)
{
	static const struct {
		const char *key;
		unsigned int bit;
	} keys[] = { { "avg10=", PSI_AVG10 },
		     { "avg60=", PSI_AVG60 },
		     { "avg300=", PSI_AVG300 },
		     { "total=", PSI_TOTAL } };
	double *avg[] = { &l->avg10, &l->avg60, &l->avg300 };
	const char *s = *p;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		size_t kl = strlen(keys[i].key);

		if ((size_t)(end - s) < kl || memcmp(s, keys[i].key, kl))
			continue;
		*p = s + kl;
		*seen |= keys[i].bit;
		if (keys[i].bit == PSI_TOTAL)
			return ms_parse_dec(p, end, &l->total);
		return parse_fixed(p, end, avg[i]);
	}
	while (*p < end && !blank(**p))
		(*p)++;
	return 0;
}

static int psi_line(const char *line, size_t n, struct ms_psi_line *l)
{
	const char *p = line + 4, *end = line + n;
	unsigned int seen = 0;
	struct ms_psi_line tmp = { 0 };

	while ((p = ms_skip_blank(p, end)) < end)
		if (psi_field(&p, end, &tmp, &seen) || (p < end && !blank(*p)))
			return -EINVAL;
	if (seen != (PSI_AVG10 | PSI_AVG60 | PSI_AVG300 | PSI_TOTAL))
		return -EINVAL;
	tmp.valid = true;
	tmp.total_rate = NAN; /* the core computes rates */
	*l = tmp;
	return 0;
}

int ms_psi_parse(const char *text, size_t len, struct ms_psi_line *some,
		 struct ms_psi_line *full, struct ms_perr *e)
{
	const char *p = text, *end = text + len, *line;
	struct ms_psi_line *l;
	int lineno = 0;
	size_t n;

	some->valid = full->valid = false;
	while ((line = ms_line_next(&p, end, &n))) {
		lineno++;
		if (n >= 5 && !memcmp(line, "some ", 5))
			l = some;
		else if (n >= 5 && !memcmp(line, "full ", 5))
			l = full;
		else
			l = NULL;
		if (!l || psi_line(line, n, l))
			ms_perr_bad(e, lineno);
	}
	if (!some->valid)
		return ms_perr_fail(e, -EINVAL, "no valid \"some\" line");
	return 0;
}

size_t ms_unescape_octal(char *out, size_t n, const char *in, size_t len)
{
	size_t o = 0;

	if (!n)
		return 0;
	for (size_t i = 0; i < len && o + 1 < n; i++) {
		char c = in[i];

		if (c == '\\' && len - i > 3 && in[i + 1] >= '0' &&
		    in[i + 1] <= '3' && in[i + 2] >= '0' && in[i + 2] <= '7' &&
		    in[i + 3] >= '0' && in[i + 3] <= '7') {
			int v = (in[i + 1] - '0') << 6 |
				(in[i + 2] - '0') << 3 | (in[i + 3] - '0');

			if (v) { /* a NUL would cut the name */
				c = (char)v;
				i += 3;
			}
		}
		out[o++] = c;
	}
	out[o] = '\0';
	return o;
}

/* Next token of [*p, end) between blanks or newlines, and its length. */
static const char *token(const char **p, const char *end, size_t *n)
{
	const char *s = *p, *t;

	while (s < end && sep(*s))
		s++;
	for (t = s; t < end && !sep(*t); t++)
		;
	*p = t;
	*n = (size_t)(t - s);
	return *n ? s : NULL;
}

static int tok_u64(const char **p, const char *end, uint64_t *v)
{
	size_t n;
	const char *t = token(p, end, &n);

	if (!t || ms_parse_dec(&t, t + n, v) || t != *p)
		return -EINVAL;
	return 0;
}

/* Priorities are small and may be negative (-2 for the default). */
static int tok_prio(const char **p, const char *end, int *prio)
{
	size_t n;
	const char *t = token(p, end, &n);
	bool neg = t && *t == '-';
	uint64_t v;

	if (!t)
		return -EINVAL;
	t += neg;
	if (ms_parse_dec(&t, *p, &v) || t != *p || v > 0x7fffffff)
		return -EINVAL;
	*prio = neg ? -(int)v : (int)v;
	return 0;
}

static int swap_line(const char *line, size_t len, struct ms_swapdev *d)
{
	const char *p = line, *end = line + len, *t;
	size_t n;

	t = token(&p, end, &n);
	if (!t)
		return -EINVAL;
	ms_unescape_octal(d->name, sizeof(d->name), t, n);
	t = token(&p, end, &n);
	if (!t || n >= sizeof(d->type))
		return -EINVAL;
	memcpy(d->type, t, n);
	d->type[n] = '\0';
	if (tok_u64(&p, end, &d->size_kb) || tok_u64(&p, end, &d->used_kb) ||
	    tok_prio(&p, end, &d->prio))
		return -EINVAL;
	return ms_skip_blank(p, end) == end ? 0 : -EINVAL;
}

int ms_swaps_parse(const char *text, size_t len, struct ms_reclaim *r,
		   struct ms_perr *e)
{
	const char *p = text, *end = text + len, *line;
	bool header = false;
	int lineno = 0;
	struct ms_swapdev d, *nd;
	size_t n;

	while ((line = ms_line_next(&p, end, &n))) {
		lineno++;
		if (ms_skip_blank(line, line + n) == line + n)
			continue;
		if (lineno == 1 && n >= 8 && !memcmp(line, "Filename", 8)) {
			header = true;
			continue;
		}
		memset(&d, 0, sizeof(d));
		if (swap_line(line, n, &d)) {
			ms_perr_bad(e, lineno);
			continue;
		}
		nd = ms_swap_add(r);
		if (!nd)
			return ms_perr_fail(e, -ENOMEM, "out of memory");
		*nd = d;
	}
	if (!header && !r->nr_swaps)
		return ms_perr_fail(e, -EINVAL, "%s",
				    e->bad ? "unknown format" : "empty");
	return 0;
}

int ms_zram_mm_stat_parse(const char *text, size_t len, struct ms_zram *z,
			  struct ms_perr *e)
{
	const char *p = text, *end = text + len;
	uint64_t v[7];

	for (int i = 0; i < 7; i++)
		if (tok_u64(&p, end, &v[i]))
			return ms_perr_fail(e, -EINVAL,
					    "mm_stat: field %d is not a number",
					    i + 1);
	z->orig_data_size = v[0];
	z->compr_data_size = v[1];
	z->mem_used_total = v[2];
	z->mem_limit = v[3];
	z->mem_used_max = v[4];
	z->same_pages = v[5];
	z->pages_compacted = v[6];
	return 0;
}

/* ---- reading below the root ------------------------------------------- */

static int read_value(const struct ms_root *r, struct ms_buf *b,
		      const char *rel, uint64_t *v)
{
	int err = ms_read(r, rel, b);

	return err ? err : ms_parse_value(b->data, b->len, v);
}

static void read_vmstat(const struct ms_root *r, struct ms_procfs *pf,
			struct ms_snapshot *s)
{
	struct ms_perr e;
	int err = ms_read(r, "proc/vmstat", &pf->buf);

	if (err) {
		ms_snapshot_note(s, "vmstat", "%s", ms_errstr(r, err));
		return;
	}
	ms_perr_init(&e);
	err = ms_kv_parse_pairs(pf->buf.data, pf->buf.len, &s->reclaim.vmstat,
				&e);
	if (err) {
		s->reclaim.vmstat.n = 0;
		ms_snapshot_note(s, "vmstat", "%s", e.why);
		return;
	}
	ms_perr_note(s, "vmstat", &e);
}

static void read_psi(const struct ms_root *r, struct ms_procfs *pf,
		     struct ms_snapshot *s)
{
	struct ms_reclaim *rc = &s->reclaim;
	struct ms_perr e;
	int err = ms_read(r, "proc/pressure/memory", &pf->buf);

	if (err == -ENOENT || err == -EOPNOTSUPP) {
		ms_snapshot_note(s, "psi",
				 "kernel without PSI (CONFIG_PSI) or psi=0");
		return;
	}
	if (err) {
		ms_snapshot_note(s, "psi", "%s", ms_errstr(r, err));
		return;
	}
	ms_perr_init(&e);
	if (ms_psi_parse(pf->buf.data, pf->buf.len, &rc->psi_some,
			 &rc->psi_full, &e))
		ms_snapshot_note(s, "psi", "pressure/memory: %s", e.why);
	else
		ms_perr_note(s, "psi", &e);
}

static void read_lru_gen(const struct ms_root *r, struct ms_procfs *pf,
			 struct ms_snapshot *s)
{
	struct ms_reclaim *rc = &s->reclaim;
	uint64_t v;
	int err;

	err = read_value(r, &pf->buf, "sys/kernel/mm/lru_gen/enabled", &v);
	if (err == -ENOENT) {
		ms_snapshot_note(s, "lru_gen", "kernel without MGLRU");
		return;
	}
	if (err) {
		ms_snapshot_note(s, "lru_gen", "enabled: %s",
				 err == -EINVAL ? "unknown format" :
						  ms_errstr(r, err));
		return;
	}
	rc->lru_gen_enabled = v;
	if (!read_value(r, &pf->buf, "sys/kernel/mm/lru_gen/min_ttl_ms", &v))
		rc->lru_gen_min_ttl_ms = v;
}

#define THP "sys/kernel/mm/transparent_hugepage/"

static void read_choice(const struct ms_root *r, struct ms_buf *b,
			const char *rel, char *out, size_t n)
{
	if (!ms_read(r, rel, b))
		ms_parse_bracket(b->data, b->len, out, n);
}

/* Numeric files of a directory, sorted by name, as a kvlist. */
struct dir_names {
	int n, more;
	char name[MAX_DIR_FILES][sizeof(((struct ms_kv *)0)->name)];
};

static int collect_name(void *ctx, const char *name, unsigned char type)
{
	struct dir_names *d = ctx;

	if (strlen(name) >= sizeof(d->name[0]))
		return 0;
	if (d->n == MAX_DIR_FILES) {
		d->more++;
		return 0;
	}
	snprintf(d->name[d->n++], sizeof(d->name[0]), "%s", name);
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

static int read_dir_values(const struct ms_root *r, struct ms_procfs *pf,
			   const char *dir, struct ms_kvlist *l)
{
	struct dir_names *d = calloc(1, sizeof(*d));
	uint64_t v;
	int err;

	if (!d)
		return -ENOMEM;
	err = ms_listdir(r, dir, collect_name, d);
	qsort(d->name, (size_t)d->n, sizeof(d->name[0]), cmp_name);
	for (int i = 0; !err && i < d->n; i++) {
		if (ms_readf(r, &pf->buf, "%s/%s", dir, d->name[i]) ||
		    ms_parse_value(pf->buf.data, pf->buf.len, &v))
			continue; /* a directory or a word: not ours */
		if (!ms_kv_add(l, d->name[i], v))
			err = -ENOMEM;
	}
	free(d);
	return err;
}

/* Every hugepages-NkB size: its choices and stats/ (6.8+). */
static void read_thp_sizes(const struct ms_root *r, struct ms_procfs *pf,
			   struct ms_snapshot *s)
{
	uint64_t kb[MS_MTHP_SIZES];
	int n = ms_thp_sizes(r, kb, MS_MTHP_SIZES);
	struct ms_thp_size *t;
	char dir[96];

	if (!n) {
		/* a tree captured before capture.sh copied them has none */
		ms_snapshot_note(s, "thp_sizes", "%s",
				 r->live ?
					 "no hugepages-NkB sizes (multi-size "
					 "THP needs kernel 6.8+)" :
					 "no hugepages-NkB sizes in this tree "
					 "(multi-size THP: kernel 6.8+)");
		return;
	}
	for (int i = 0; i < n; i++) {
		t = ms_thp_size_add(&s->reclaim);
		if (!t)
			return;
		t->size_kb = kb[i];
		snprintf(dir, sizeof(dir), THP "hugepages-%llukB",
			 (unsigned long long)kb[i]);
		if (!ms_readf(r, &pf->buf, "%s/enabled", dir))
			ms_parse_bracket(pf->buf.data, pf->buf.len, t->enabled,
					 sizeof(t->enabled));
		if (!ms_readf(r, &pf->buf, "%s/shmem_enabled", dir))
			ms_parse_bracket(pf->buf.data, pf->buf.len,
					 t->shmem_enabled,
					 sizeof(t->shmem_enabled));
		strcat(dir, "/stats");
		read_dir_values(r, pf, dir, &t->stats);
	}
}

static void read_thp(const struct ms_root *r, struct ms_procfs *pf,
		     struct ms_snapshot *s)
{
	struct ms_reclaim *rc = &s->reclaim;

	if (!ms_exists(r, THP)) {
		ms_snapshot_note(s, "thp",
				 "kernel without transparent "
				 "hugepages");
		return;
	}
	read_choice(r, &pf->buf, THP "enabled", rc->thp_enabled,
		    sizeof(rc->thp_enabled));
	read_choice(r, &pf->buf, THP "defrag", rc->thp_defrag,
		    sizeof(rc->thp_defrag));
	read_choice(r, &pf->buf, THP "shmem_enabled", rc->thp_shmem,
		    sizeof(rc->thp_shmem));
	read_dir_values(r, pf, THP "khugepaged", &rc->khugepaged);
	read_thp_sizes(r, pf, s);
}

static void read_sysctls(const struct ms_root *r, struct ms_procfs *pf,
			 struct ms_snapshot *s)
{
	static const char *const names[] = {
		"min_free_kbytes",	  "watermark_scale_factor",
		"watermark_boost_factor", "swappiness",
		"extfrag_threshold",	  "compaction_proactiveness",
		"zone_reclaim_mode",	  "overcommit_memory",
		"vfs_cache_pressure",
	};
	char rel[64];
	uint64_t v;
	int err;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(rel, sizeof(rel), "proc/sys/vm/%s", names[i]);
		err = read_value(r, &pf->buf, rel, &v);
		if (err == -ENOENT)
			continue;
		if (err)
			ms_snapshot_note(s, "sysctl", "vm.%s: %s", names[i],
					 ms_errstr(r, err));
		else if (!ms_kv_add(&s->reclaim.sysctl, names[i], v))
			return;
	}
}

static void read_swaps(const struct ms_root *r, struct ms_procfs *pf,
		       struct ms_snapshot *s)
{
	struct ms_perr e;
	int err = ms_read(r, "proc/swaps", &pf->buf);

	if (err) {
		ms_snapshot_note(s, "swaps", "%s", ms_errstr(r, err));
		return;
	}
	ms_perr_init(&e);
	if (ms_swaps_parse(pf->buf.data, pf->buf.len, &s->reclaim, &e))
		ms_snapshot_note(s, "swaps", "%s", e.why);
	else
		ms_perr_note(s, "swaps", &e);
}

#define ZSWAP "sys/module/zswap/parameters/"

static void read_zswap(const struct ms_root *r, struct ms_procfs *pf,
		       struct ms_snapshot *s)
{
	struct ms_reclaim *rc = &s->reclaim;
	uint64_t v;
	int err;

	if (ms_read_str(r, ZSWAP "enabled", rc->zswap_enabled,
			sizeof(rc->zswap_enabled)))
		return; /* no zswap in this kernel */
	ms_read_str(r, ZSWAP "compressor", rc->zswap_compressor,
		    sizeof(rc->zswap_compressor));
	ms_read_str(r, ZSWAP "zpool", rc->zswap_zpool, sizeof(rc->zswap_zpool));
	if (!read_value(r, &pf->buf, ZSWAP "max_pool_percent", &v))
		rc->zswap_max_pool_percent = v;
	err = read_dir_values(r, pf, "sys/kernel/debug/zswap",
			      &rc->zswap_stats);
	if (err && rc->zswap_enabled[0] == 'Y')
		ms_snapshot_note(s, "zswap_stats", "sys/kernel/debug/zswap: %s",
				 err == -ENOENT ? "debugfs not mounted" :
						  ms_errstr(r, err));
}

/* zram devices: sys/block/zramN, in the order of N. */
struct zram_ids {
	int n, more;
	int id[MAX_ZRAM];
};

static int collect_zram(void *ctx, const char *name, unsigned char type)
{
	struct zram_ids *z = ctx;
	const char *p = name + 4;
	uint64_t v;

	if (strncmp(name, "zram", 4) || ms_parse_dec(&p, p + strlen(p), &v) ||
	    *p || v > 1000000)
		return 0;
	if (z->n == MAX_ZRAM)
		z->more++;
	else
		z->id[z->n++] = (int)v;
	return 0;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void read_zram_dev(const struct ms_root *r, struct ms_procfs *pf,
			  struct ms_snapshot *s, struct ms_zram *z, int id)
{
	char rel[64];
	struct ms_perr e;
	uint64_t v;

	snprintf(z->name, sizeof(z->name), "zram%d", id);
	snprintf(rel, sizeof(rel), "sys/block/zram%d/disksize", id);
	if (!read_value(r, &pf->buf, rel, &v))
		z->disksize = v;
	ms_perr_init(&e);
	if (ms_readf(r, &pf->buf, "sys/block/zram%d/mm_stat", id) == 0 &&
	    ms_zram_mm_stat_parse(pf->buf.data, pf->buf.len, z, &e))
		ms_snapshot_note(s, "zram", "%s: %s", z->name, e.why);
	snprintf(rel, sizeof(rel), "sys/block/zram%d/comp_algorithm", id);
	read_choice(r, &pf->buf, rel, z->comp_algorithm,
		    sizeof(z->comp_algorithm));
}

static void read_zram(const struct ms_root *r, struct ms_procfs *pf,
		      struct ms_snapshot *s)
{
	struct zram_ids *ids = calloc(1, sizeof(*ids));
	struct ms_zram *z;

	if (!ids)
		return;
	ms_listdir(r, "sys/block", collect_zram, ids);
	qsort(ids->id, (size_t)ids->n, sizeof(ids->id[0]), cmp_int);
	for (int i = 0; i < ids->n; i++) {
		z = ms_zram_add(&s->reclaim);
		if (!z)
			break;
		read_zram_dev(r, pf, s, z, ids->id[i]);
	}
	if (ids->more)
		ms_snapshot_note(s, "zram_devices", "showing %d of %d devices",
				 ids->n, ids->n + ids->more);
	free(ids);
}

int ms_procfs_reclaim(const struct ms_root *r, struct ms_procfs *pf, bool brief,
		      struct ms_snapshot *s)
{
	struct ms_reclaim *rc = &s->reclaim;

	read_vmstat(r, pf, s);
	read_psi(r, pf, s);
	if (brief)
		return rc->vmstat.n || rc->psi_some.valid ? 0 : -ENOENT;
	read_lru_gen(r, pf, s);
	read_thp(r, pf, s);
	read_sysctls(r, pf, s);
	read_swaps(r, pf, s);
	read_zswap(r, pf, s);
	read_zram(r, pf, s);
	if (rc->vmstat.n || rc->psi_some.valid || rc->sysctl.n ||
	    rc->thp_enabled[0])
		return 0;
	return -ENOENT;
}
