// SPDX-License-Identifier: GPL-2.0
/* The Reclaim area: PSI, swaps, zram parsers and the reader on fixtures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "probes/procfs/procfs.h"
#include "tests/unit/procfs_test.h"
#include "probes/procfs/reclaim.h"

#define FIX "tests/fixtures/"

/* A heap copy of s without its NUL. */
static char *exact(const char *s)
{
	return pt_exact(s, strlen(s));
}

static int psi(const char *text, struct ms_psi_line *some,
	       struct ms_psi_line *full, struct ms_perr *e)
{
	char *p = exact(text);
	int err;

	ms_perr_init(e);
	err = ms_psi_parse(p, strlen(text), some, full, e);
	free(p);
	return err;
}

static void psi_lines(void **state)
{
	struct ms_psi_line some, full;
	struct ms_perr e;

	assert_int_equal(psi("some avg10=1.25 avg60=0.50 avg300=0.07 "
			     "total=987654\nfull avg10=12.00 avg60=3.5 "
			     "avg300=0.01 total=42\n",
			     &some, &full, &e),
			 0);
	assert_true(some.valid && full.valid);
	assert_float_equal(some.avg10, 1.25, 1e-9);
	assert_float_equal(some.avg60, 0.50, 1e-9);
	assert_float_equal(some.avg300, 0.07, 1e-9);
	assert_int_equal(some.total, 987654);
	assert_float_equal(full.avg10, 12.0, 1e-9);
	assert_float_equal(full.avg60, 3.5, 1e-9);
	assert_int_equal(full.total, 42);
	assert_int_equal(e.bad, 0);

	/* no full line (older kernels' cpu file): some alone is fine */
	assert_int_equal(psi("some avg10=0.00 avg60=0.00 avg300=0.00 total=0",
			     &some, &full, &e),
			 0);
	assert_true(some.valid);
	assert_false(full.valid);

	/* unknown keys are future fields, not errors */
	assert_int_equal(psi("some avg10=1 avg60=2 avg300=3 total=4 new=5\n",
			     &some, &full, &e),
			 0);
	assert_float_equal(some.avg300, 3.0, 1e-9);

	/* a broken full line is skipped and counted */
	assert_int_equal(psi("some avg10=1 avg60=2 avg300=3 total=4\n"
			     "full avg10=x\n",
			     &some, &full, &e),
			 0);
	assert_false(full.valid);
	assert_int_equal(e.bad, 1);
	assert_int_equal(e.first_bad, 2);

	assert_int_equal(psi("some avg10=1.0 avg60=2.0 avg300=3.0\n", &some,
			     &full, &e),
			 -EINVAL);
	assert_string_equal(e.why, "no valid \"some\" line");
	assert_false(some.valid);
	assert_int_equal(psi("some avg10=1.0x avg60=2 avg300=3 total=4", &some,
			     &full, &e),
			 -EINVAL);
	assert_int_equal(psi("", &some, &full, &e), -EINVAL);
	assert_int_equal(psi("\xff\xfe\x01", &some, &full, &e), -EINVAL);
}

static void unescape(void **state)
{
	char out[32];

	assert_int_equal(ms_unescape_octal(out, sizeof(out),
					   "/a\\040b\\134c\\011d", 17),
			 8);
	assert_string_equal(out, "/a b\\c\td");
	/* incomplete or out-of-range escapes stay as they are */
	ms_unescape_octal(out, sizeof(out), "x\\04", 4);
	assert_string_equal(out, "x\\04");
	ms_unescape_octal(out, sizeof(out), "x\\400", 5);
	assert_string_equal(out, "x\\400");
	/* a NUL would cut the name short: kept literally */
	ms_unescape_octal(out, sizeof(out), "x\\000y", 6);
	assert_string_equal(out, "x\\000y");
	/* bounded by the output */
	assert_int_equal(ms_unescape_octal(out, 5, "abcdefgh", 8), 4);
	assert_string_equal(out, "abcd");
	/* bounded by len: the escape past it is not read */
	assert_int_equal(ms_unescape_octal(out, sizeof(out), "ab\\040", 4), 4);
	assert_string_equal(out, "ab\\0");
}

static void swaps_file(void **state)
{
	const char *text = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
			   "/dev/dm-1 partition\t1003516\t\t268\t\t-2\n"
			   "/swap\\040file file 8 0 5\n"
			   "/broken file 8\n";
	struct ms_reclaim r = { 0 };
	struct ms_perr e;
	char *p = exact(text);

	ms_perr_init(&e);
	assert_int_equal(ms_swaps_parse(p, strlen(text), &r, &e), 0);
	free(p);
	assert_int_equal(r.nr_swaps, 2);
	assert_string_equal(r.swaps[0].name, "/dev/dm-1");
	assert_string_equal(r.swaps[0].type, "partition");
	assert_int_equal(r.swaps[0].size_kb, 1003516);
	assert_int_equal(r.swaps[0].used_kb, 268);
	assert_int_equal(r.swaps[0].prio, -2);
	assert_string_equal(r.swaps[1].name, "/swap file");
	assert_int_equal(r.swaps[1].prio, 5);
	assert_int_equal(e.bad, 1);
	assert_int_equal(e.first_bad, 4);

	r.nr_swaps = 0;
	ms_perr_init(&e);
	assert_int_equal(ms_swaps_parse("Filename Type\n", 14, &r, &e), 0);
	assert_int_equal(r.nr_swaps, 0);
	assert_int_equal(ms_swaps_parse("junk\n\x01\x02", 7, &r, &e), -EINVAL);
	assert_string_equal(e.why, "unknown format");
	ms_perr_init(&e);
	assert_int_equal(ms_swaps_parse("", 0, &r, &e), -EINVAL);
	assert_string_equal(e.why, "empty");
	free(r.swaps);
}

static void mm_stat(void **state)
{
	struct ms_zram z;
	struct ms_perr e;
	char *p;

	memset(&z, 0, sizeof(z));
	ms_perr_init(&e);
	p = exact("104857600 26214400 27262976 1073741824 27262976 2048 11\n");
	assert_int_equal(ms_zram_mm_stat_parse(p, 57, &z, &e), 0);
	free(p);
	assert_int_equal(z.orig_data_size, 104857600);
	assert_int_equal(z.compr_data_size, 26214400);
	assert_int_equal(z.mem_used_total, 27262976);
	assert_int_equal(z.mem_limit, 1073741824);
	assert_int_equal(z.mem_used_max, 27262976);
	assert_int_equal(z.same_pages, 2048);
	assert_int_equal(z.pages_compacted, 11);

	z.same_pages = 99;
	assert_int_equal(ms_zram_mm_stat_parse("1 2 3 4 5 6", 11, &z, &e),
			 -EINVAL);
	assert_string_equal(e.why, "mm_stat: field 7 is not a number");
	assert_int_equal(z.same_pages, 99); /* untouched on error */
	assert_int_equal(ms_zram_mm_stat_parse("1 2 x 4 5 6 7", 13, &z, &e),
			 -EINVAL);
}

/* The reader on dir: its snapshot and error. */
static struct pt_env *load(const char *dir)
{
	struct pt_env *f = pt_open(dir);

	f->err = ms_procfs_reclaim(&f->root, &f->pf, false, &f->s);
	return f;
}

static void debian_618(void **state)
{
	struct pt_env *f = load(FIX "debian12-6.18");
	struct ms_reclaim *r = &f->s.reclaim;

	assert_int_equal(f->err, 0);
	/* every vmstat counter, in file order */
	assert_int_equal(r->vmstat.n, 192);
	assert_string_equal(r->vmstat.v[0].name, "nr_free_pages");
	assert_int_equal(r->vmstat.v[0].value, 1293258);
	assert_int_equal(ms_kv_get(&r->vmstat, "pgfault"), 7542498);
	assert_int_equal(ms_kv_get(&r->vmstat, "pgscan_kswapd"), 0);
	assert_string_equal(r->vmstat.v[191].name, "nr_unstable");
	assert_null(ms_snapshot_why(&f->s, "vmstat"));

	assert_true(r->psi_some.valid && r->psi_full.valid);
	assert_float_equal(r->psi_some.avg10, 0.0, 0);
	assert_int_equal(r->psi_full.total, 0);

	/* 6.18 built without MGLRU */
	assert_true(r->lru_gen_enabled == MS_NA);
	assert_true(r->lru_gen_min_ttl_ms == MS_NA);
	assert_string_equal(ms_snapshot_why(&f->s, "lru_gen"),
			    "kernel without MGLRU");

	assert_string_equal(r->thp_enabled, "madvise");
	assert_string_equal(r->thp_defrag, "madvise");
	assert_string_equal(r->thp_shmem, "never");
	assert_int_equal(r->khugepaged.n, 9);
	assert_string_equal(r->khugepaged.v[0].name, "alloc_sleep_millisecs");
	assert_int_equal(r->khugepaged.v[0].value, 60000);
	assert_int_equal(ms_kv_get(&r->khugepaged, "max_ptes_none"), 511);
	assert_int_equal(ms_kv_get(&r->khugepaged, "pages_to_scan"), 4096);
	assert_string_equal(r->khugepaged.v[8].name, "scan_sleep_millisecs");

	assert_int_equal(r->sysctl.n, 9);
	assert_string_equal(r->sysctl.v[0].name, "min_free_kbytes");
	assert_int_equal(r->sysctl.v[0].value, 67584);
	assert_int_equal(ms_kv_get(&r->sysctl, "watermark_scale_factor"), 10);
	assert_int_equal(ms_kv_get(&r->sysctl, "watermark_boost_factor"),
			 15000);
	assert_int_equal(ms_kv_get(&r->sysctl, "swappiness"), 60);
	assert_int_equal(ms_kv_get(&r->sysctl, "extfrag_threshold"), 500);
	assert_int_equal(ms_kv_get(&r->sysctl, "compaction_proactiveness"), 20);
	assert_int_equal(ms_kv_get(&r->sysctl, "vfs_cache_pressure"), 100);

	assert_int_equal(r->nr_swaps, 0);
	assert_null(ms_snapshot_why(&f->s, "swaps"));

	assert_string_equal(r->zswap_enabled, "N");
	assert_string_equal(r->zswap_compressor, "lzo");
	assert_string_equal(r->zswap_zpool, ""); /* gone in 6.18 */
	assert_int_equal(r->zswap_max_pool_percent, 20);
	assert_int_equal(r->zswap_stats.n, 0);
	assert_null(ms_snapshot_why(&f->s, "zswap_stats")); /* zswap is off */

	assert_int_equal(r->nr_zram, 1);
	assert_string_equal(r->zram[0].name, "zram0");
	assert_int_equal(r->zram[0].disksize, 0);
	assert_int_equal(r->zram[0].orig_data_size, 0);
	assert_int_equal(r->zram[0].pages_compacted, 0);
	assert_string_equal(r->zram[0].comp_algorithm, "lzo-rle");
	pt_close(f);
}

static void mglru_on(void **state)
{
	struct pt_env *f = load(FIX "edge-reclaim-mglru-on");
	struct ms_reclaim *r = &f->s.reclaim;

	assert_int_equal(f->err, 0);
	assert_int_equal(r->lru_gen_enabled, 7);
	assert_int_equal(r->lru_gen_min_ttl_ms, 1000);
	assert_null(ms_snapshot_why(&f->s, "lru_gen"));

	/* PSI without the full line */
	assert_true(r->psi_some.valid);
	assert_false(r->psi_full.valid);
	assert_float_equal(r->psi_some.avg10, 1.25, 1e-9);
	assert_float_equal(r->psi_some.avg60, 0.50, 1e-9);
	assert_float_equal(r->psi_some.avg300, 0.07, 1e-9);
	assert_int_equal(r->psi_some.total, 987654);
	assert_null(ms_snapshot_why(&f->s, "psi"));

	/* \040 is a space and \134 a backslash in the raw name */
	assert_int_equal(r->nr_swaps, 2);
	assert_string_equal(r->swaps[0].name, "/dev/zram0");
	assert_int_equal(r->swaps[0].size_kb, 8388604);
	assert_int_equal(r->swaps[0].used_kb, 1024);
	assert_int_equal(r->swaps[0].prio, 100);
	assert_string_equal(r->swaps[1].name, "/var/swap file\\x");
	assert_string_equal(r->swaps[1].type, "file");
	assert_int_equal(r->swaps[1].size_kb, 2097148);
	assert_int_equal(r->swaps[1].prio, -2);

	assert_string_equal(r->zswap_enabled, "Y");
	assert_string_equal(r->zswap_compressor, "zstd");
	assert_string_equal(r->zswap_zpool, "zsmalloc");
	assert_int_equal(r->zswap_max_pool_percent, 25);
	assert_int_equal(r->zswap_stats.n, 3);
	assert_string_equal(r->zswap_stats.v[0].name, "pool_total_size");
	assert_int_equal(r->zswap_stats.v[0].value, 5058560);
	assert_string_equal(r->zswap_stats.v[1].name, "stored_pages");
	assert_int_equal(r->zswap_stats.v[1].value, 1234);
	assert_int_equal(r->zswap_stats.v[2].value, 7);
	assert_null(ms_snapshot_why(&f->s, "zswap_stats"));

	/* only the sysctls present, in the fixed order */
	assert_int_equal(r->sysctl.n, 2);
	assert_string_equal(r->sysctl.v[0].name, "min_free_kbytes");
	assert_int_equal(r->sysctl.v[0].value, 45056);
	assert_string_equal(r->sysctl.v[1].name, "swappiness");
	assert_int_equal(r->sysctl.v[1].value, 133);

	assert_int_equal(r->vmstat.n, 10);
	assert_int_equal(ms_kv_get(&r->vmstat, "oom_kill"), 1);
	assert_string_equal(ms_snapshot_why(&f->s, "thp"),
			    "kernel without transparent hugepages");
	assert_int_equal(r->nr_zram, 0);
	pt_close(f);
}

static void mglru_off(void **state)
{
	struct pt_env *f = load(FIX "edge-reclaim-mglru-off");
	struct ms_reclaim *r = &f->s.reclaim;

	assert_int_equal(f->err, 0);
	/* present but switched off: 0, not "absent" */
	assert_int_equal(r->lru_gen_enabled, 0);
	assert_int_equal(r->lru_gen_min_ttl_ms, 0);
	assert_null(ms_snapshot_why(&f->s, "lru_gen"));
	assert_true(r->psi_full.valid);
	assert_int_equal(r->psi_some.total, 17);
	assert_int_equal(r->psi_full.total, 9);
	assert_string_equal(r->thp_enabled, "always");
	assert_string_equal(r->thp_defrag, "never");
	assert_string_equal(r->thp_shmem, "");
	assert_int_equal(r->khugepaged.n, 0);
	assert_int_equal(r->nr_swaps, 0);
	assert_string_equal(r->zswap_enabled, "");
	assert_true(r->zswap_max_pool_percent == MS_NA);
	assert_null(ms_snapshot_why(&f->s, "swaps"));
	pt_close(f);
}

static void truncated(void **state)
{
	struct pt_env *f = load(FIX "edge-reclaim-truncated");
	struct ms_reclaim *r = &f->s.reclaim;

	assert_int_equal(f->err, 0);
	assert_int_equal(r->vmstat.n, 3);
	assert_string_equal(r->vmstat.v[2].name, "pgmajfault");
	assert_int_equal(r->vmstat.v[2].value, 12);
	assert_string_equal(ms_snapshot_why(&f->s, "vmstat"),
			    "2 malformed lines skipped (first: line 3)");
	assert_false(r->psi_some.valid);
	assert_string_equal(ms_snapshot_why(&f->s, "psi"),
			    "kernel without PSI (CONFIG_PSI) or psi=0");
	assert_true(r->lru_gen_enabled == MS_NA);
	assert_string_equal(ms_snapshot_why(&f->s, "lru_gen"),
			    "kernel without MGLRU");
	assert_string_equal(ms_snapshot_why(&f->s, "zswap_stats"),
			    "sys/kernel/debug/zswap: debugfs not mounted");
	assert_int_equal(r->nr_swaps, 0);
	assert_string_equal(ms_snapshot_why(&f->s, "swaps"),
			    "1 malformed line skipped (first: line 2)");
	assert_int_equal(r->sysctl.n, 0);
	pt_close(f);
}

static void zram_devices(void **state)
{
	struct pt_env *f = load(FIX "edge-reclaim-zram");
	struct ms_reclaim *r = &f->s.reclaim;
	struct ms_zram *z;

	assert_int_equal(f->err, 0);
	/* numeric order, sda left out */
	assert_int_equal(r->nr_zram, 3);
	z = &r->zram[0];
	assert_string_equal(z->name, "zram0");
	assert_int_equal(z->disksize, 8589934592ULL);
	assert_int_equal(z->orig_data_size, 104857600);
	assert_int_equal(z->compr_data_size, 26214400);
	assert_int_equal(z->mem_used_total, 27262976);
	assert_int_equal(z->mem_limit, 1073741824);
	assert_int_equal(z->mem_used_max, 27262976);
	assert_int_equal(z->same_pages, 2048);
	assert_int_equal(z->pages_compacted, 11);
	assert_string_equal(z->comp_algorithm, "lzo-rle");
	z = &r->zram[1];
	assert_string_equal(z->name, "zram1");
	assert_int_equal(z->disksize, 4294967296ULL);
	assert_int_equal(z->orig_data_size, 52174848);
	assert_int_equal(z->compr_data_size, 12345678);
	assert_int_equal(z->mem_limit, 0);
	assert_int_equal(z->same_pages, 1024);
	assert_int_equal(z->pages_compacted, 3);
	assert_string_equal(z->comp_algorithm, "zstd");
	/* a cut mm_stat: unknown, with a reason */
	z = &r->zram[2];
	assert_string_equal(z->name, "zram10");
	assert_int_equal(z->disksize, 0);
	assert_true(z->orig_data_size == MS_NA);
	assert_true(z->pages_compacted == MS_NA);
	assert_string_equal(z->comp_algorithm, "");
	assert_string_equal(ms_snapshot_why(&f->s, "zram"),
			    "zram10: mm_stat: field 3 is not a number");
	pt_close(f);
}

static void nothing_there(void **state)
{
	char dir[] = "/tmp/ms-reclaim-XXXXXX";
	struct pt_env *f;

	assert_non_null(mkdtemp(dir));
	f = load(dir);
	assert_int_equal(f->err, -ENOENT);
	assert_string_equal(ms_snapshot_why(&f->s, "vmstat"),
			    "not in this tree");
	assert_int_equal(f->s.reclaim.vmstat.n, 0);
	pt_close(f);
	rmdir(dir);
}

/* Debian's 6.1 kernel in QEMU: MGLRU on, swap on zram with data, debugfs. */
static void debian_61(void **state)
{
	struct pt_env *f = load(FIX "debian-6.1-2node");
	struct ms_reclaim *r = &f->s.reclaim;
	struct ms_zram *z;

	assert_int_equal(f->err, 0);
	assert_int_equal(r->vmstat.n, 173);
	assert_string_equal(r->vmstat.v[0].name, "nr_free_pages");
	assert_int_equal(r->vmstat.v[0].value, 1110113);
	assert_int_equal(ms_kv_get(&r->vmstat, "pgfault"), 11615);
	assert_int_equal(ms_kv_get(&r->vmstat, "pgmajfault"), 3);
	assert_int_equal(ms_kv_get(&r->vmstat, "numa_hint_faults"), 2);
	assert_string_equal(r->vmstat.v[172].name, "nr_unstable");
	assert_true(r->psi_some.valid && r->psi_full.valid);
	assert_int_equal(r->psi_some.total, 0);

	assert_int_equal(r->lru_gen_enabled, 7);
	assert_int_equal(r->lru_gen_min_ttl_ms, 0);
	assert_null(ms_snapshot_why(&f->s, "lru_gen"));

	assert_string_equal(r->thp_enabled, "always");
	assert_string_equal(r->thp_defrag, "madvise");
	assert_string_equal(r->thp_shmem, "never");
	assert_int_equal(r->khugepaged.n, 9);
	assert_int_equal(r->sysctl.n, 9);
	assert_int_equal(r->sysctl.v[0].value, 90112);

	assert_int_equal(r->nr_swaps, 1);
	assert_string_equal(r->swaps[0].name, "/dev/zram0");
	assert_string_equal(r->swaps[0].type, "partition");
	assert_int_equal(r->swaps[0].size_kb, 65532);
	assert_int_equal(r->swaps[0].used_kb, 9728);
	assert_int_equal(r->swaps[0].prio, -2);

	assert_string_equal(r->zswap_enabled, "N");
	assert_string_equal(r->zswap_compressor, "lzo");
	assert_string_equal(r->zswap_zpool, "zbud");
	assert_int_equal(r->zswap_max_pool_percent, 20);
	/* debugfs was mounted in the guest: read even with zswap off */
	assert_int_equal(r->zswap_stats.n, 10);
	assert_string_equal(r->zswap_stats.v[0].name, "duplicate_entry");
	assert_string_equal(r->zswap_stats.v[9].name, "written_back_pages");
	assert_int_equal(ms_kv_get(&r->zswap_stats, "stored_pages"), 0);

	assert_int_equal(r->nr_zram, 1);
	z = &r->zram[0];
	assert_int_equal(z->disksize, 67108864);
	assert_int_equal(z->orig_data_size, 9867264);
	assert_int_equal(z->compr_data_size, 8679);
	assert_int_equal(z->mem_used_total, 114688);
	assert_int_equal(z->mem_limit, 0);
	assert_int_equal(z->mem_used_max, 114688);
	assert_int_equal(z->same_pages, 2394);
	assert_int_equal(z->pages_compacted, 0);
	assert_string_equal(z->comp_algorithm, "lzo-rle");
	/* 6.1 has no multi-size THP: the one note says so */
	assert_int_equal(r->nr_thp_sizes, 0);
	assert_int_equal(f->s.nr_notes, 1);
	assert_non_null(strstr(ms_snapshot_why(&f->s, "thp_sizes"), "6.8+"));
	pt_close(f);
}

/* Debian's 6.12: nine mTHP sizes, 8kB for shmem only, 2048kB inherits. */
static void debian_612_mthp(void **state)
{
	struct pt_env *f = load(FIX "debian-6.12-2node");
	struct ms_reclaim *r = &f->s.reclaim;
	const struct ms_thp_size *t;

	assert_int_equal(r->nr_thp_sizes, 9);
	assert_null(ms_snapshot_why(&f->s, "thp_sizes"));
	t = &r->thp_sizes[0];
	assert_int_equal(t->size_kb, 8);
	assert_string_equal(t->enabled, ""); /* no anonymous 8kB */
	assert_string_equal(t->shmem_enabled, "never");
	assert_int_equal(t->stats.n, 7);
	t = &r->thp_sizes[1];
	assert_int_equal(t->size_kb, 16);
	assert_string_equal(t->enabled, "never");
	t = &r->thp_sizes[8];
	assert_int_equal(t->size_kb, 2048);
	assert_string_equal(t->enabled, "inherit");
	assert_string_equal(t->shmem_enabled, "inherit");
	/* every file of stats/, sorted by name */
	assert_int_equal(t->stats.n, 13);
	assert_string_equal(t->stats.v[0].name, "anon_fault_alloc");
	assert_string_equal(t->stats.v[12].name, "swpout_fallback");
	assert_int_equal(ms_kv_get(&t->stats, "anon_fault_alloc"), 41);
	assert_int_equal(ms_kv_get(&t->stats, "nr_anon"), 23);
	assert_int_equal(ms_kv_get(&t->stats, "split_deferred"), 11);
	/* one sample: no rates */
	assert_true(isnan(t->stats.v[0].rate));
	pt_close(f);
}

/* Rates per size, matched by size: nr_* are amounts, a counter resets. */
static void mthp_rates(void **state)
{
	struct ms_snapshot a, b;
	struct ms_thp_size *x, *y;

	ms_snapshot_init(&a);
	ms_snapshot_init(&b);
	x = ms_thp_size_add(&a.reclaim);
	x->size_kb = 64;
	ms_kv_add(&x->stats, "anon_fault_alloc", 100);
	ms_kv_add(&x->stats, "nr_anon", 50);
	ms_kv_add(&x->stats, "split", 9);
	/* the second sample has a smaller size first: matched by size */
	ms_thp_size_add(&b.reclaim)->size_kb = 16;
	y = ms_thp_size_add(&b.reclaim);
	y->size_kb = 64;
	ms_kv_add(&y->stats, "anon_fault_alloc", 300);
	ms_kv_add(&y->stats, "nr_anon", 10);
	ms_kv_add(&y->stats, "split", 2);
	a.t_mono = 10;
	b.t_mono = 12;
	ms_rates(&b, &a);
	assert_true(fabs(y->stats.v[0].rate - 100) < 1e-9);
	assert_true(fabs(y->stats.v[1].rate + 20) < 1e-9); /* an amount */
	assert_true(isnan(y->stats.v[2].rate) && y->stats.v[2].reset);
	/* a reused slot keeps its stats' memory, emptied */
	ms_snapshot_reset(&b);
	ms_thp_size_add(&b.reclaim);
	y = ms_thp_size_add(&b.reclaim);
	assert_int_equal(y->stats.n, 0);
	assert_non_null(y->stats.v);
	ms_snapshot_free(&a);
	ms_snapshot_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(psi_lines),
		cmocka_unit_test(unescape),
		cmocka_unit_test(swaps_file),
		cmocka_unit_test(mm_stat),
		cmocka_unit_test(debian_618),
		cmocka_unit_test(mglru_on),
		cmocka_unit_test(mglru_off),
		cmocka_unit_test(truncated),
		cmocka_unit_test(zram_devices),
		cmocka_unit_test(nothing_there),
		cmocka_unit_test(debian_61),
		cmocka_unit_test(debian_612_mthp),
		cmocka_unit_test(mthp_rates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
