// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer targets for every parser of untrusted input: one binary, the
 * target named by MS_FUZZ (tests/fuzz/run.sh lists them with their seeds).
 */
#include <errno.h>
#include <json-c/json.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/config.h"
#include "app/serve.h"
#include "model/snapshot.h"
#include "model/field.h"
#include "probes/bpf/pcmap.h"
#include "probes/kmod/kmod_parse.h"
#include "probes/procfs/allocinfo.h"
#include "probes/procfs/buddy.h"
#include "model/physmap.h"
#include "probes/procfs/census.h"
#include "probes/procfs/cgroup.h"
#include "probes/procfs/damon.h"
#include "probes/procfs/folio.h"
#include "probes/procfs/kpageflags.h"
#include "probes/procfs/kv.h"
#include "probes/procfs/memory.h"
#include "probes/procfs/numa.h"
#include "probes/procfs/pcache_set.h"
#include "probes/procfs/proc.h"
#include "probes/procfs/reclaim.h"
#include "probes/procfs/slab.h"
#include "probes/procfs/users.h"
#include "probes/procfs/vma.h"
#include "store/jread.h"
#include "store/recdir.h"
#include "probes/replay/file.h"
#include "probes/taskstats/taskstats.h"
#include "probes/undo.h"
#include "tui/theme.h"

static struct ms_snapshot snap; /* reset, not freed, between inputs */
static char why[256];
static char tmpfile_path[64];

typedef void (*fuzz_fn)(const char *text, size_t len);

static void buddyinfo(const char *t, size_t n)
{
	ms_parse_buddyinfo(t, n, &snap.buddy, why, sizeof(why));
}

static void pagetypeinfo(const char *t, size_t n)
{
	ms_parse_pagetypeinfo(t, n, &snap.buddy, why, sizeof(why));
}

static void zoneinfo(const char *t, size_t n)
{
	uint64_t *pcp;
	struct ms_perr e;

	ms_parse_zoneinfo(t, n, &snap.buddy, why, sizeof(why));
	/* the per-cpu lists of the zones it found (the memory ledger) */
	pcp = calloc(snap.buddy.nr_zones + 1, sizeof(*pcp));
	ms_perr_init(&e);
	if (pcp)
		ms_zoneinfo_pcp_parse(t, n, &snap.buddy, pcp, &e);
	free(pcp);
}

static struct ms_vmallocinfo vmi;

static void vmallocinfo(const char *t, size_t n)
{
	struct ms_perr e;

	ms_perr_init(&e);
	ms_vmallocinfo_parse(t, n, 4, &vmi, &e);
}

/*
 * The memory cgroup files (probes/procfs/cgroup_parse.c): the mount table,
 * memory.stat, memory.events and cgroup.stat, memory.numa_stat,
 * memory.pressure, v1's and
 * v2's byte files and cgroup.procs, each fed the same text
 */
static void cgroup(const char *t, size_t n)
{
	struct ms_cg_mounts m;
	struct ms_kvlist l = { 0 };
	struct ms_psi_line some, full;
	struct ms_perr e;
	uint64_t kb, pids[MS_CG_PIDS];
	int np;

	ms_perr_init(&e);
	ms_cg_mounts_parse(t, n, &m, &e);
	ms_perr_init(&e);
	ms_cg_kv_parse(t, n, &l, &e);
	free(l.v);
	l = (struct ms_kvlist){ 0 };
	ms_perr_init(&e);
	ms_cg_numa_parse(t, n, &l, &e);
	free(l.v);
	ms_perr_init(&e);
	ms_psi_parse(t, n, &some, &full, &e);
	ms_cg_bytes_parse(t, n, &kb);
	ms_perr_init(&e);
	ms_cg_procs_parse(t, n, pids, MS_CG_PIDS, &np, &e);
}

/*
 * DAMON's sysfs tree (probes/procfs/damon_parse.c) as lines "rel value":
 * the walk's files are looked up there (a file absent: -ENOENT), so the
 * counts, the values and the layout are all the input's
 */
struct dtree {
	const char *t;
	size_t n;
};

static int dget(void *ctx, const char *rel, char *out, size_t n)
{
	const struct dtree *d = ctx;
	size_t rl = strlen(rel);

	for (size_t i = 0; i < d->n;) {
		const char *e = memchr(d->t + i, '\n', d->n - i);
		size_t len = e ? (size_t)(e - (d->t + i)) : d->n - i;

		if (len > rl && d->t[i + rl] == ' ' &&
		    !memcmp(d->t + i, rel, rl)) {
			len -= rl + 1;
			if (len >= n)
				len = n - 1;
			memcpy(out, d->t + i + rl + 1, len);
			out[len] = '\0';
			return 0;
		}
		i += len + 1;
	}
	return -ENOENT;
}

static void dnote(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

static void damon(const char *t, size_t n)
{
	struct dtree d = { t, n };
	const struct ms_damon_src src = { .get = dget,
					  .note = dnote,
					  .ctx = &d };

	ms_damon_walk(&snap.damon, &src);
}

/* A write succeeds and changes nothing: the input stays the tree. */
static int dput(void *ctx, const char *rel, const char *val)
{
	(void)ctx;
	(void)rel;
	(void)val;
	return 0;
}

/*
 * memscope's own monitoring (probes/procfs/damon_mon.c) on the same
 * lines: the check of every kdamond's state, then the tried regions the
 * input holds; the regions stay within MS_DAMON_MON_REGIONS
 */
static void damon_mon(const char *t, size_t n)
{
	struct dtree d = { t, n };
	const struct ms_damon_src src = {
		.get = dget, .put = dput, .note = dnote, .ctx = &d
	};
	struct ms_damon_mon m;

	if (!ms_damon_mon_start(&m, &src, n & 1 ? 1234 : 0, 0, 1 << 30))
		ms_damon_mon_read(&m, &src, &snap.damon);
	ms_damon_mon_stop(&m, &src);
	if (snap.damon.nr_regions > MS_DAMON_MON_REGIONS)
		abort();
}

static void iomem(const char *t, size_t n)
{
	struct ms_iomem io;
	struct ms_perr e;

	ms_perr_init(&e);
	ms_iomem_parse(t, n, &io, &e);
}

/*
 * Every block the scanner hands over is whole: its kinds add up, its free
 * buddy blocks to its free pages, and the map gives it a kind.
 */
static void kpf_block(void *ctx, const struct ms_census_block *b)
{
	uint64_t sum = 0, free = 0;

	for (int k = 0; k < MS_CK_N; k++)
		sum += b->kind[k];
	for (int o = 0; o < MS_CK_ORDERS; o++)
		free += (uint64_t)b->free_order[o] << o;
	if (sum != b->pages || b->thp > b->pages || !b->pages ||
	    free != b->kind[MS_CK_FREE] ||
	    ms_pm_kind_of(b, true) >= MS_PK_UNREAD)
		abort();
	*(uint64_t *)ctx += b->pages;
}

/*
 * kpageflags chunks: fed in two pieces cut anywhere (a piece's partial
 * last u64 is left out), blocks of 64 pages cut at 3 and 700, RAM 1..300
 * and 512 on; every page lands in one block.
 */
static void kpageflags(const char *t, size_t n)
{
	static const uint64_t cuts[] = { 3, 700 };
	static const struct ms_pfn_range ram[] = { { 1, 300 },
						   { 512, UINT64_MAX } };
	struct ms_kpf_scan st;
	uint64_t seen = 0;
	size_t a = n / 3, fed;

	ms_kpf_init(&st, 0, 64, cuts, 2, ram, 2, kpf_block, &seen);
	fed = ms_kpf_feed(&st, t, a);
	fed += ms_kpf_feed(&st, t + a, n - a);
	ms_kpf_flush(&st);
	if (seen != fed || fed != a / 8 + (n - a) / 8)
		abort();
	/* one block's pages a letter each, as the map zoomed in reads them */
	{
		unsigned char kind[512];
		bool thp[512];
		size_t np = n / 8 < 512 ? n / 8 : 512;

		ms_kpf_pages(t, np, kind, thp);
		for (size_t i = 0; i < np; i++)
			if (kind[i] >= MS_CK_N ||
			    ms_pm_kind_by_letter(ms_pm_page_letter(
				    kind[i], thp[i])) >= MS_PK_UNREAD)
				abort();
	}
}

/*
 * The folio scanner: the input as pages of (pagemap entry, flags, flags
 * of the PFN after), fed in two pieces cut anywhere. It counts no page
 * twice, none not present, and whole folios of order o in 2^o pages.
 */
static void folio(const char *t, size_t n)
{
	static uint64_t pm[1024], fl[1024], nx[1024];
	struct ms_folios f = { 0 };
	struct ms_folio_scan st;
	size_t np = n / 24 < 1024 ? n / 24 : 1024, a = np / 3;
	uint64_t present = 0, sum;

	for (size_t i = 0; i < np; i++) {
		memcpy(&pm[i], t + 24 * i, 8);
		memcpy(&fl[i], t + 24 * i + 8, 8);
		memcpy(&nx[i], t + 24 * i + 16, 8);
		present += (pm[i] & MS_PM_PRESENT) && (pm[i] & MS_PM_PFN);
	}
	ms_folio_init(&st, &f);
	ms_folio_feed(&st, 5, pm, fl, nx, a);
	ms_folio_feed(&st, 5 + a, pm + a, fl + a, nx + a, np - a);
	ms_folio_flush(&st);
	sum = (uint64_t)f.part_anon + f.part_file;
	for (int o = 0; o < MS_FOLIO_ORDERS; o++) {
		if ((f.anon[o] | f.file[o]) & ((1u << o) - 1))
			abort();
		sum += (uint64_t)f.anon[o] + f.file[o];
	}
	if (sum > present)
		abort();
}

/* The census's own zoneinfo and /proc/iomem parsers. */
static void census(const char *t, size_t n)
{
	struct ms_czinfo z[8];
	struct ms_pfn_range r[8];
	int nr = ms_census_parse_iomem(t, n, r, 8);

	for (int i = 1; i < nr; i++)
		if (r[i].start < r[i - 1].end || r[i].end <= r[i].start)
			abort();
	ms_census_parse_zoneinfo(t, n, z, 8, why, sizeof(why));
}

static void vmstat(const char *t, size_t n)
{
	struct ms_perr e;

	ms_perr_init(&e);
	ms_kv_parse_pairs(t, n, &snap.reclaim.vmstat, &e);
}

static void meminfo(const char *t, size_t n)
{
	struct ms_perr e;

	ms_perr_init(&e);
	ms_kv_parse_colons(t, n, &snap.meminfo, &e);
}

static void nodefiles(const char *t, size_t n)
{
	struct ms_numa_node *nd = ms_numa_add(&snap.numa);
	struct ms_perr e;
	int ids[MS_MAX_NODES];

	ms_perr_init(&e);
	ms_nodelist_parse(t, n, ids, MS_MAX_NODES, &e);
	if (!nd)
		return;
	ms_node_meminfo_parse(t, n, 0, nd, &e);
	ms_node_distance_parse(t, n, nd, &e);
}

static void procfiles(const char *t, size_t n)
{
	struct ms_stat st;
	struct ms_proc_detail d;
	struct ms_users users = { 0 };
	char cmdline[MS_CMDLINE];
	uint64_t rss;

	ms_parse_stat(t, n, &st);
	ms_parse_statm(t, n, &rss);
	ms_parse_cmdline(t, n, cmdline, sizeof(cmdline));
	ms_parse_status(t, n, &d);
	ms_parse_rollup(t, n, &d);
	ms_parse_passwd(t, n, &users);
	ms_users_free(&users);
}

static void reclaimfiles(const char *t, size_t n)
{
	struct ms_psi_line some, full;
	struct ms_zram *z = ms_zram_add(&snap.reclaim);
	struct ms_perr e;

	ms_perr_init(&e);
	ms_psi_parse(t, n, &some, &full, &e);
	ms_swaps_parse(t, n, &snap.reclaim, &e);
	if (z)
		ms_zram_mm_stat_parse(t, n, z, &e);
}

static struct ms_attrib attrib; /* emptied, not freed, between inputs */

static void allocinfo(const char *t, size_t n)
{
	struct ms_perr e;

	ms_perr_init(&e);
	ms_allocinfo_parse(t, n, &attrib, &e);
}

static void slabinfo(const char *t, size_t n)
{
	struct ms_nodecount nc;
	int skipped;

	ms_slabinfo_parse(t, n, &snap.slab, &skipped, why, sizeof(why));
	ms_nodecount_parse(t, n, &nc);
}

/* maps and smaps: headers start a VMA, other lines are its fields. */
static void smaps(const char *t, size_t n)
{
	const char *p = t, *end = t + n, *line, *path;
	struct ms_numa_line nl;
	struct ms_vma v = { 0 };
	size_t len, plen;

	while ((line = ms_line_next(&p, end, &len))) {
		if (ms_vma_parse_header(line, len, &v, &path, &plen) == 0)
			continue;
		ms_vma_parse_field(line, len, &v);
		ms_numa_maps_parse(line, len, &nl);
	}
}

/*
 * The page cache files' scan: /proc/PID/cgroup whole, and per line a maps
 * header's device as the scan reads it, and the " (deleted)" test.
 */
/*
 * The pcache BPF group's user side: mountinfo, and the input's bytes as
 * one map entry (unterminated names, any depth and flags).
 */
static void pcache_events(const char *t, size_t n)
{
	struct ms_pc_key k = { 0 };
	struct ms_pc_file v = { 0 };
	struct ms_pcache_file f;
	struct ms_pcache_key key;
	struct ms_pc_mounts m;

	if (ms_pc_mounts_parse(&m, t, n))
		return;
	memcpy(&v, t, n < sizeof(v) ? n : sizeof(v));
	if (n > sizeof(v))
		memcpy(&k, t + sizeof(v),
		       n - sizeof(v) < sizeof(k) ? n - sizeof(v) : sizeof(k));
	if (!ms_pc_file(&k, &v, 4, &m, &f, &key))
		ms_fields_free(ms_pcache_file_fields, &f);
	ms_pc_mounts_free(&m);
}

static void pcache(const char *t, size_t n)
{
	const char *p = t, *end = t + n, *line, *path;
	struct ms_vma v = { 0 };
	uint64_t maj, min;
	size_t len, plen;
	char cg[64];

	ms_parse_proc_cgroup(t, n, cg, sizeof(cg));
	pcache_events(t, n);
	while ((line = ms_line_next(&p, end, &len))) {
		ms_pcache_parse_dev(line, len, &maj, &min);
		ms_pcache_deleted(line, len);
		if (!ms_vma_parse_header(line, len, &v, &path, &plen)) {
			ms_pcache_parse_dev(v.dev, strlen(v.dev), &maj, &min);
			if (path)
				ms_pcache_deleted(path, plen);
		}
	}
}

static void kmod(const char *t, size_t n)
{
	struct ms_kmod_buddy_info info;
	struct ms_kmod_alloc a;
	struct ms_kmod_pageblocks pb = { 0 };

	ms_kmod_version(t, n, "buddy", why, sizeof(why));
	ms_kmod_parse_buddy(t, n, &snap.buddy, &info, why, sizeof(why));
	ms_kmod_parse_maple(t, n, &snap.maple, why, sizeof(why));
	ms_kmod_parse_alloc(t, n, &a, why, sizeof(why));
	ms_kmod_parse_bench(t, n, &snap.slab_bench, why, sizeof(why));
	ms_kmod_parse_pageblocks(t, n, &pb, why, sizeof(why));
	ms_kmod_pageblocks_free(&pb);
}

static void taskstats(const char *t, size_t n)
{
	struct ms_task_delay d;
	struct ms_undo u;
	int version;

	ms_taskstats_parse(t, n, &d, &version);
	/* the record of task_delayacct turned on, read at the next start */
	ms_undo_parse(t, n, &u);
}

/* One line of a recording, as the replay backend decodes it. */
static void sample(const char *t, size_t n)
{
	json_tokener *tok = json_tokener_new();
	json_object *o = json_tokener_parse_ex(tok, t, (int)n);

	if (o && json_object_is_type(o, json_type_object)) {
		ms_decode(o, &snap);
	}
	json_object_put(o);
	json_tokener_free(tok);
}

/* The input as a file, for parsers that take a path. */
static int as_file(const char *t, size_t n)
{
	FILE *f = fopen(tmpfile_path, "w");

	if (!f)
		return -errno;
	fwrite(t, 1, n, f);
	return fclose(f) ? -EIO : 0;
}

/* A whole recording file: the zstd frames, the index, every sample. */
static void recording(const char *t, size_t n)
{
	struct ms_rec_file f;
	const char *line;
	size_t len;

	if (as_file(t, n))
		return;
	/*
	 * indexed whole, and quick (each sample's time from the start of its
	 * line, as a directory's files are); closed also when the open
	 * fails, as probes/replay/replay.c does
	 */
	for (int quick = 0; quick < 2; quick++) {
		if (!ms_rec_open(&f, tmpfile_path, quick, why, sizeof(why)))
			for (int i = 0; i < f.n; i++)
				if (ms_rec_line(&f, i, &line, &len) == 0)
					sample(line, len);
		ms_rec_close(&f);
	}
}

static void theme(const char *t, size_t n)
{
	if (!as_file(t, n))
		ms_theme_load(tmpfile_path, why, sizeof(why));
}

static void config(const char *t, size_t n)
{
	struct ms_config c;

	if (!as_file(t, n))
		ms_config_load(&c, tmpfile_path, why, sizeof(why));
}

/* --serve's ADDR:PORT, and a scrape's Accept header (app/serve_addr.c) */
static void serve(const char *t, size_t n)
{
	struct ms_serve_addr a;
	char *s = strndup(t, n);

	if (!s)
		return;
	ms_serve_parse(s, &a, why, sizeof(why));
	ms_serve_wants_openmetrics(s);
	free(s);
}

/*
 * memscope record's --max-size, --keep, a moment (--at, --from, g) and
 * a recording's file name (store/recdir.c)
 */
static void recdir(const char *t, size_t n)
{
	char *s = strndup(t, n);
	double a, b;
	uint64_t u;

	if (!s)
		return;
	ms_parse_size(s, &u);
	ms_parse_duration(s, &a);
	ms_parse_when(s, 1796555264, &a);
	ms_recdir_parse(s, &a, &b);
	free(s);
}

static const struct {
	const char *name;
	fuzz_fn fn;
} targets[] = {
	{ "buddyinfo", buddyinfo },
	{ "pagetypeinfo", pagetypeinfo },
	{ "zoneinfo", zoneinfo },
	{ "vmstat", vmstat },
	{ "meminfo", meminfo },
	{ "node", nodefiles },
	{ "proc", procfiles },
	{ "reclaim", reclaimfiles },
	{ "slab", slabinfo },
	{ "smaps", smaps },
	{ "kmod", kmod },
	{ "taskstats", taskstats },
	{ "sample", sample },
	{ "recording", recording },
	{ "theme", theme },
	{ "config", config },
	{ "pcache", pcache },
	{ "allocinfo", allocinfo },
	{ "kpageflags", kpageflags },
	{ "folio", folio },
	{ "census", census },
	{ "vmallocinfo", vmallocinfo },
	{ "iomem", iomem },
	{ "cgroup", cgroup },
	{ "damon", damon },
	{ "damon_mon", damon_mon },
	{ "serve", serve },
	{ "recdir", recdir },
};

static fuzz_fn target;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *name = getenv("MS_FUZZ");

	for (size_t i = 0; name && i < sizeof(targets) / sizeof(*targets); i++)
		if (!strcmp(targets[i].name, name))
			target = targets[i].fn;
	if (!target) {
		fprintf(stderr, "MS_FUZZ: one of");
		for (size_t i = 0; i < sizeof(targets) / sizeof(*targets); i++)
			fprintf(stderr, " %s", targets[i].name);
		fputc('\n', stderr);
		exit(2);
	}
	snprintf(tmpfile_path, sizeof(tmpfile_path), "/tmp/ms-fuzz.%d",
		 (int)getpid());
	ms_snapshot_init(&snap);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the parsers get exactly the bytes, never a terminating NUL */
	char *t = malloc(size ? size : 1);

	if (!t)
		return 0;
	memcpy(t, data, size);
	ms_snapshot_reset(&snap);
	target(t, size);
	free(t);
	return 0;
}
