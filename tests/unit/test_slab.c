// SPDX-License-Identifier: GPL-2.0
/* The Slab area: /proc/slabinfo and /sys/kernel/slab against fixture trees. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "probes/procfs/procfs.h"
#include "probes/procfs/slab.h"
#include "tests/unit/procfs_test.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define FIX "tests/fixtures/"

static const struct ms_slab_cache *cache(const struct ms_slab *s,
					 const char *name)
{
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->caches[i].name, name))
			return &s->caches[i];
	return NULL;
}

static void assert_cache(const struct ms_slab *s, const char *name,
			 uint64_t active, uint64_t num, uint64_t size,
			 uint64_t perslab, uint64_t pages, uint64_t aslabs,
			 uint64_t nslabs)
{
	const struct ms_slab_cache *c = cache(s, name);

	assert_non_null(c);
	assert_int_equal(c->active_objs, active);
	assert_int_equal(c->num_objs, num);
	assert_int_equal(c->objsize, size);
	assert_int_equal(c->objperslab, perslab);
	assert_int_equal(c->pagesperslab, pages);
	assert_int_equal(c->active_slabs, aslabs);
	assert_int_equal(c->num_slabs, nslabs);
}

static void assert_count(const struct ms_nodecount *nc, uint64_t total,
			 char kind, int n, const int *id, const uint64_t *count)
{
	assert_int_equal(nc->total, total);
	assert_int_equal(nc->kind, kind);
	assert_int_equal(nc->n, n);
	for (int i = 0; i < n; i++) {
		assert_int_equal(nc->id[i], id[i]);
		assert_int_equal(nc->count[i], count[i]);
	}
}

/* ---- /proc/slabinfo ---------------------------------------------------- */

static void test_slabinfo_618(void **state)
{
	struct pt_env *c = pt_open(FIX "debian12-6.18");
	struct ms_slab *s = &c->s.slab;

	assert_int_equal(ms_procfs_slab(&c->root, &c->pf, &c->s), 0);
	assert_int_equal(c->s.nr_notes, 0);
	assert_int_equal(s->n, 235); /* 237 lines less the two headers */
	assert_int_equal(s->page_size, 4096); /* a capture keeps 4096 */
	assert_string_equal(s->caches[0].name, "btrfs_delayed_node");
	assert_string_equal(s->caches[s->n - 1].name, "kmem_cache");
	assert_cache(s, "kmalloc-64", 2375, 2496, 64, 64, 1, 39, 39);
	assert_cache(s, "task_struct", 123, 133, 4288, 7, 8, 19, 19);
	assert_cache(s, "ext4_inode_cache", 37268, 37282, 1128, 14, 4, 2663,
		     2663);
	assert_cache(s, "dentry", 56768, 60018, 192, 21, 1, 2858, 2858);
	assert_cache(s, "kmalloc-8k", 32, 32, 8192, 4, 8, 8, 8);
	assert_cache(s, "kmem_cache", 256, 256, 256, 16, 1, 16, 16);
	/* the core derives these, not the backend */
	assert_int_equal(cache(s, "dentry")->size_bytes, 0);
	pt_close(c);
}

static void test_slabinfo_unknown_version(void **state)
{
	struct pt_env *c = pt_open(FIX "edge-slab-version");

	assert_int_equal(ms_procfs_slab(&c->root, &c->pf, &c->s), -EINVAL);
	assert_int_equal(c->s.slab.n, 0);
	assert_string_equal(ms_snapshot_why(&c->s, "slabinfo"),
			    "unsupported version 1.1 (need 2.x)");
	pt_close(c);
}

static void test_slabinfo_truncated(void **state)
{
	struct pt_env *c = pt_open(FIX "edge-slab-truncated");
	struct ms_slab *s = &c->s.slab;

	assert_int_equal(ms_procfs_slab(&c->root, &c->pf, &c->s), 0);
	assert_int_equal(s->n, 2);
	assert_cache(s, "kmalloc-64", 2375, 2496, 64, 64, 1, 39, 39);
	assert_cache(s, "kmalloc-8k", 32, 32, 8192, 4, 8, 8, 8);
	/* dentry lacks slabdata; kmalloc-8 was cut after "1" */
	assert_null(cache(s, "dentry"));
	assert_null(cache(s, "kmalloc-8"));
	assert_string_equal(ms_snapshot_why(&c->s, "slabinfo"),
			    "2 malformed lines skipped");
	pt_close(c);
}

static void test_slabinfo_hostile(void **state)
{
	struct pt_env *c = pt_open(FIX "edge-slab-hostile");
	struct ms_slab *s = &c->s.slab;
	char longname[MS_NAME];

	assert_int_equal(ms_procfs_slab(&c->root, &c->pf, &c->s), 0);
	assert_int_equal(c->s.nr_notes, 0);
	assert_int_equal(s->n, 4);
	/* raw bytes kept, escaped only when shown */
	assert_string_equal(s->caches[0].name, "\033]0;pwned\a\033[2J");
	assert_cache(s, "\033]0;pwned\a\033[2J", 10, 20, 64, 64, 1, 1, 1);
	assert_cache(s, "my cache\tname", 3, 4, 128, 32, 1, 1, 1);
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	assert_cache(s, longname, 1, 2, 1024, 8, 2, 1, 1);
	assert_cache(s, "kmalloc-32", 512, 512, 32, 128, 1, 4, 4);
	pt_close(c);
}

/* Parse text from an exact-size heap copy, so ASan sees any overread. */
static int parse(const char *text, size_t len, struct ms_slab *s, int *skipped,
		 char *why, size_t whylen)
{
	char *copy = malloc(len ? len : 1);
	int err;

	assert_non_null(copy);
	memcpy(copy, text, len);
	err = ms_slabinfo_parse(copy, len, s, skipped, why, whylen);
	free(copy);
	return err;
}

#define HDR "slabinfo - version: 2.1\n"
#define COLS                                                                 \
	"# name            <active_objs> <num_objs> <objsize> <objperslab> " \
	"<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : "   \
	"slabdata <active_slabs> <num_slabs> <sharedavail>\n"
#define LINE                                                               \
	"kmalloc-96           546    546     96   42    1 : tunables    0" \
	"    0    0 : slabdata     13     13      0\n"

static void expect_error(const char *text, const char *why)
{
	struct ms_slab s = { 0 };
	char got[96];
	int skipped;

	assert_int_equal(parse(text, strlen(text), &s, &skipped, got,
			       sizeof(got)),
			 -EINVAL);
	assert_string_equal(got, why);
	assert_int_equal(s.n, 0);
	free(s.caches);
}

static void test_slabinfo_headers(void **state)
{
	expect_error("", "empty file");
	expect_error("slabinfo - version: 2.1", "no column header");
	expect_error("slab info\n" COLS LINE,
		     "no \"slabinfo - version:\" header");
	expect_error("slabinfo - version: 2\n" COLS LINE,
		     "unreadable version number");
	expect_error("slabinfo - version: 2.x\n" COLS LINE,
		     "unreadable version number");
	expect_error("slabinfo - version: 3.0\n" COLS LINE,
		     "unsupported version 3.0 (need 2.x)");
	/* a 2.x that moved a column we read */
	expect_error(HDR "# name <num_objs> <active_objs> <objsize>\n" LINE,
		     "unexpected column header (column 3)");
	expect_error(HDR LINE LINE, "unexpected column header (column 1)");
	expect_error(HDR COLS "junk\nmore junk 1 2 3\n",
		     "no readable cache line (2 skipped)");
}

static void test_slabinfo_bounds(void **state)
{
	const char *text = "slabinfo - version: 2.0\n" COLS LINE LINE;
	size_t full = strlen(text), cut;
	struct ms_slab s = { 0 };
	char why[96];
	int skipped;

	assert_int_equal(parse(text, full, &s, &skipped, why, sizeof(why)), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(skipped, 0);
	assert_cache(&s, "kmalloc-96", 546, 546, 96, 42, 1, 13, 13);
	/* every cut inside the last line: skipped, never misread */
	for (cut = full - strlen(LINE) + 1; cut <= full - 2; cut++) {
		assert_int_equal(
			parse(text, cut, &s, &skipped, why, sizeof(why)), 0);
		assert_int_equal(s.n, 1);
		assert_int_equal(skipped, 1);
	}
	/* only the newline lost: sharedavail is there, so all is whole */
	assert_int_equal(parse(text, full - 1, &s, &skipped, why, sizeof(why)),
			 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.caches[1].num_slabs, 13);
	/* header only: no caches is not an error */
	assert_int_equal(parse(HDR COLS, strlen(HDR COLS), &s, &skipped, why,
			       sizeof(why)),
			 0);
	assert_int_equal(s.n, 0);
	free(s.caches);
}

static void test_slabinfo_numbers(void **state)
{
	const char *text = HDR COLS
		"neg -1 2 3 4 5 : tunables 0 0 0 : slabdata 1 1 0\n"
		"big 99999999999999999999 2 3 4 5 : tunables 0 0 0 : slabdata 1 1 0\n"
		"hex 0x10 2 3 4 5 : tunables 0 0 0 : slabdata 1 1 0\n"
		"noname 1 2 3 4 : tunables 0 0 0 : slabdata 1 1 0\n"
		"shared 1 2 3 4 5 : tunables 0 0 0 : slabdata 1 1 x\n"
		"tunable 1 2 3 4 5 : tunables 0 - 0 : slabdata 1 1 0\n"
		"ok 18446744073709551614 2 3 4 5 : tunables 0 0 0 : slabdata 1 1 0\n"
		"# not a comment\n"
		"#hash 1 2 3 4 5 : tunables 0 0 0 : slabdata 1 1 0\n\n";
	struct ms_slab s = { 0 };
	char why[96];
	int skipped;

	assert_int_equal(
		parse(text, strlen(text), &s, &skipped, why, sizeof(why)), 0);
	assert_int_equal(skipped, 7);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.caches[0].name, "ok");
	assert_true(s.caches[0].active_objs == 18446744073709551614ULL);
	/* a name may start with '#': only line 2 is the column header */
	assert_cache(&s, "#hash", 1, 2, 3, 4, 5, 1, 1);
	free(s.caches);
}

static void test_slabinfo_live(void **state)
{
	struct pt_env *c = pt_open("/");
	int err = ms_procfs_slab(&c->root, &c->pf, &c->s);

	if (geteuid() == 0) {
		assert_int_equal(err, 0);
		assert_true(c->s.slab.n > 10);
		assert_non_null(cache(&c->s.slab, "kmem_cache"));
		assert_int_equal(c->s.slab.page_size,
				 (uint64_t)sysconf(_SC_PAGESIZE));
	} else {
		assert_int_equal(err, -EACCES);
		assert_string_equal(ms_snapshot_why(&c->s, "slabinfo"),
				    "needs root");
	}
	pt_close(c);
}

/* As root, drop to nobody in a child: /proc/slabinfo is mode 0400. */
static void test_slabinfo_not_root(void **state)
{
	int status;
	pid_t pid;

	if (geteuid() != 0)
		skip(); /* test_slabinfo_live covered it */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct pt_env *c;
		int ok;

		if (setgid(65534) || setuid(65534))
			_exit(2);
		c = pt_open("/");
		ok = ms_procfs_slab(&c->root, &c->pf, &c->s) == -EACCES &&
		     ms_snapshot_why(&c->s, "slabinfo") &&
		     !strcmp(ms_snapshot_why(&c->s, "slabinfo"), "needs root");
		pt_close(c);
		_exit(ok ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* ---- sysfs count lists ------------------------------------------------- */

static void test_nodecount(void **state)
{
	struct ms_nodecount nc;
	static const char many[] =
		"999 N0=1 N1=1 N2=1 N3=1 N4=1 N5=1 N6=1 N7=1 N8=1 N9=1 "
		"N10=1 N11=1 N12=1 N13=1 N14=1 N15=1 N16=1 N17=1 N18=1 N19=1 "
		"N20=1 N21=1 N22=1 N23=1 N24=1 N25=1 N26=1 N27=1 N28=1 N29=1 "
		"N30=1 N31=1 N32=1 N33=1 N34=1 N35=1 N36=1 N37=1 N38=1 N39=1 "
		"N40=1 N41=1 N42=1 N43=1 N44=1 N45=1 N46=1 N47=1 N48=1 N49=1 "
		"N50=1 N51=1 N52=1 N53=1 N54=1 N55=1 N56=1 N57=1 N58=1 N59=1 "
		"N60=1 N61=1 N62=1 N63=1 N64=7 N65=7\n";
	const char *s;

	s = "30 N0=28 N1=2\n";
	assert_int_equal(ms_nodecount_parse(s, strlen(s), &nc), 0);
	assert_count(&nc, 30, 'N', 2, (int[]){ 0, 1 }, (uint64_t[]){ 28, 2 });
	s = "255(3) C0=85(1) C1=170(2)\n";
	assert_int_equal(ms_nodecount_parse(s, strlen(s), &nc), 0);
	assert_count(&nc, 255, 'C', 2, (int[]){ 0, 1 },
		     (uint64_t[]){ 85, 170 });
	s = "7 N0=4 (Partial) N3=3 C1=9 N=2 N1= Nx=1 N2=y\n";
	assert_int_equal(ms_nodecount_parse(s, strlen(s), &nc), 0);
	assert_count(&nc, 7, 'N', 2, (int[]){ 0, 3 }, (uint64_t[]){ 4, 3 });
	s = "0\n";
	assert_int_equal(ms_nodecount_parse(s, strlen(s), &nc), 0);
	assert_count(&nc, 0, 0, 0, NULL, NULL);
	assert_int_equal(ms_nodecount_parse(many, strlen(many), &nc), 0);
	assert_int_equal(nc.total, 999);
	assert_int_equal(nc.n, MS_MAX_NODES);
	assert_int_equal(nc.id[MS_MAX_NODES - 1], MS_MAX_NODES - 1);
	s = "";
	assert_int_equal(ms_nodecount_parse(s, 0, &nc), -EINVAL);
	assert_true(nc.total == MS_NA);
	s = "N0=3\n";
	assert_int_equal(ms_nodecount_parse(s, strlen(s), &nc), -EINVAL);
	assert_true(nc.total == MS_NA);
	s = "99999999999999999999 N0=1\n";
	assert_int_equal(ms_nodecount_parse(s, strlen(s), &nc), -EINVAL);
	/* only the first 2 bytes: "30" */
	s = "30 N0=28";
	assert_int_equal(ms_nodecount_parse(s, 2, &nc), 0);
	assert_count(&nc, 30, 0, 0, NULL, NULL);
}

/* ---- /sys/kernel/slab/CACHE -------------------------------------------- */

static void assert_values(const struct ms_slab_detail *d, uint64_t order,
			  uint64_t osize, uint64_t ssize, uint64_t align,
			  uint64_t perslab)
{
	assert_true(d->valid);
	assert_int_equal(d->order, order);
	assert_int_equal(d->object_size, osize);
	assert_int_equal(d->slab_size, ssize);
	assert_int_equal(d->align, align);
	assert_int_equal(d->objs_per_slab, perslab);
}

static void test_detail_618(void **state)
{
	struct pt_env *c = pt_open(FIX "debian12-6.18");
	struct ms_slab_detail *d = &c->s.slab_detail;

	assert_int_equal(
		ms_procfs_slab_detail(&c->root, &c->pf, "dentry", &c->s), 0);
	assert_values(d, 0, 192, 192, 8, 21);
	assert_string_equal(d->name, "dentry");
	assert_string_equal(d->target, "dentry");
	assert_int_equal(d->reclaim_account, 1);
	assert_int_equal(d->hwcache_align, 0);
	assert_int_equal(d->cache_dma, 0);
	assert_int_equal(d->poison, 0);
	assert_int_equal(d->min_partial, 5);
	assert_int_equal(d->cpu_partial, 120);
	assert_count(&d->slabs, 2858, 'N', 1, (int[]){ 0 },
		     (uint64_t[]){ 2858 });
	assert_count(&d->partial, 96, 'N', 1, (int[]){ 0 }, (uint64_t[]){ 96 });
	assert_count(&d->cpu_slabs, 17, 'N', 1, (int[]){ 0 },
		     (uint64_t[]){ 17 });
	assert_count(&d->objects, 59221, 'N', 1, (int[]){ 0 },
		     (uint64_t[]){ 59221 });
	assert_count(&d->total_objects, 60018, 'N', 1, (int[]){ 0 },
		     (uint64_t[]){ 60018 });
	assert_int_equal(d->nr_aliases, 1);
	assert_string_equal(d->aliases[0], "dentry");

	ms_snapshot_reset(&c->s);
	assert_int_equal(ms_procfs_slab_detail(&c->root, &c->pf, "task_struct",
					       &c->s),
			 0);
	assert_values(d, 3, 4240, 4288, 64, 7);
	assert_int_equal(d->min_partial, 6);
	assert_int_equal(d->cpu_partial, 6);
	assert_int_equal(d->slabs.total, 21);
	assert_int_equal(d->objects.total, 124);
	assert_int_equal(d->total_objects.total, 147);
	pt_close(c);
}

static const char *const merged64[] = {
	":0000064",	   "dmaengine-unmap-2", "fanotify_path_event",
	"iommu_iova",	   "jbd2_inode",	"ksm_rmap_item",
	"ksm_stable_node", "xfs_defer_pending",
};

static void assert_aliases(const struct ms_slab_detail *d,
			   const char *const *want, int n)
{
	assert_int_equal(d->nr_aliases, n);
	for (int i = 0; i < n; i++)
		assert_string_equal(d->aliases[i], want[i]);
}

static void test_detail_618_merged(void **state)
{
	struct pt_env *c = pt_open(FIX "debian12-6.18");
	struct ms_slab_detail *d = &c->s.slab_detail;

	/* an alias: a link to the merged cache's directory */
	assert_int_equal(ms_procfs_slab_detail(&c->root, &c->pf, "jbd2_inode",
					       &c->s),
			 0);
	assert_string_equal(d->name, "jbd2_inode");
	assert_string_equal(d->target, ":0000064");
	assert_values(d, 0, 64, 64, 64, 64);
	assert_int_equal(d->hwcache_align, 1);
	assert_count(&d->slabs, 1, 'N', 1, (int[]){ 0 }, (uint64_t[]){ 1 });
	assert_count(&d->partial, 0, 0, 0, NULL, NULL);
	assert_count(&d->total_objects, 64, 'N', 1, (int[]){ 0 },
		     (uint64_t[]){ 64 });
	assert_aliases(d, merged64, 8);

	/* the merged directory itself, into the same (reused) snapshot */
	ms_snapshot_reset(&c->s);
	assert_int_equal(
		ms_procfs_slab_detail(&c->root, &c->pf, ":0000064", &c->s), 0);
	assert_string_equal(d->target, ":0000064");
	assert_aliases(d, merged64, 8);

	/* an unmerged cache of the same size has only its own name */
	ms_snapshot_reset(&c->s);
	assert_int_equal(ms_procfs_slab_detail(&c->root, &c->pf, "kmalloc-64",
					       &c->s),
			 0);
	assert_int_equal(d->hwcache_align, 0);
	assert_int_equal(d->objects.total, 2375);
	assert_int_equal(d->partial.total, 4);
	assert_int_equal(d->cpu_slabs.total, 9);
	assert_aliases(d, (const char *const[]){ "kmalloc-64" }, 1);
	pt_close(c);
}

static void test_detail_2node(void **state)
{
	struct pt_env *c = pt_open(FIX "edge-slab-2node");
	struct ms_slab_detail *d = &c->s.slab_detail;
	static const char *const group[] = { ":A-0000192", "anon_vma_chain",
					     "cred_jar", "pid" };

	assert_int_equal(ms_procfs_slab_detail(&c->root, &c->pf, "kmalloc-128",
					       &c->s),
			 0);
	assert_values(d, 0, 128, 128, 128, 32);
	assert_int_equal(d->hwcache_align, 1);
	assert_true(d->cpu_partial == MS_NA); /* file absent */
	assert_count(&d->slabs, 30, 'N', 2, (int[]){ 0, 1 },
		     (uint64_t[]){ 28, 2 });
	assert_count(&d->partial, 3, 'N', 2, (int[]){ 0, 1 },
		     (uint64_t[]){ 1, 2 });
	assert_count(&d->cpu_slabs, 4, 'N', 2, (int[]){ 0, 1 },
		     (uint64_t[]){ 3, 1 });
	assert_count(&d->objects, 900, 'N', 2, (int[]){ 0, 1 },
		     (uint64_t[]){ 860, 40 });
	assert_count(&d->total_objects, 960, 'N', 2, (int[]){ 0, 1 },
		     (uint64_t[]){ 896, 64 });
	assert_aliases(d, (const char *const[]){ "kmalloc-128" }, 1);

	ms_snapshot_reset(&c->s);
	assert_int_equal(ms_procfs_slab_detail(&c->root, &c->pf, "pid", &c->s),
			 0);
	assert_string_equal(d->target, ":A-0000192");
	assert_values(d, 1, 184, 192, 8, 42);
	assert_int_equal(d->cpu_partial, 52);
	assert_count(&d->partial, 2, 'N', 1, (int[]){ 0 }, (uint64_t[]){ 2 });
	assert_count(&d->objects, 480, 'N', 2, (int[]){ 0, 1 },
		     (uint64_t[]){ 270, 210 });
	/* the dangling gone_cache link is not part of the group */
	assert_aliases(d, group, 4);
	assert_int_equal(c->s.nr_notes, 0);
	pt_close(c);
}

static void expect_detail_error(struct pt_env *c, const char *name, int err,
				const char *why)
{
	ms_snapshot_reset(&c->s);
	assert_int_equal(ms_procfs_slab_detail(&c->root, &c->pf, name, &c->s),
			 err);
	assert_false(c->s.slab_detail.valid);
	assert_true(c->s.slab_detail.order == MS_NA);
	assert_string_equal(ms_snapshot_why(&c->s, "slab detail"), why);
}

static void test_detail_errors(void **state)
{
	struct pt_env *c = pt_open(FIX "edge-slab-2node");
	char longname[MS_NAME + 1], want[128];

	expect_detail_error(c, "gone_cache", -ENOENT,
			    "'gone_cache': no such cache (gone?)");
	expect_detail_error(c, "kmalloc-4k", -ENOENT,
			    "'kmalloc-4k': no such cache (gone?)");
	expect_detail_error(c, "", -EINVAL, "'': empty cache name");
	expect_detail_error(c, NULL, -EINVAL, "'': empty cache name");
	expect_detail_error(c, "../../../etc", -EINVAL,
			    "'../../../etc': cache name contains '/'");
	expect_detail_error(c, "..", -EINVAL,
			    "'..': cache name is not a plain name");
	expect_detail_error(c, ".", -EINVAL,
			    "'.': cache name is not a plain name");
	expect_detail_error(c, "a..b", -EINVAL,
			    "'a..b': cache name is not a plain name");
	memset(longname, 'y', MS_NAME);
	longname[MS_NAME] = '\0';
	ms_snapshot_reset(&c->s);
	assert_int_equal(ms_procfs_slab_detail(&c->root, &c->pf, longname,
					       &c->s),
			 -EINVAL);
	/* the note quotes at most MS_NAME - 1 bytes of it */
	snprintf(want, sizeof(want), "'%.*s': cache name too long", MS_NAME - 1,
		 longname);
	assert_string_equal(ms_snapshot_why(&c->s, "slab detail"), want);
	/* a name with escape bytes is legal; the note keeps it raw, bounded */
	expect_detail_error(c, "\033[2Jx", -ENOENT,
			    "'\033[2Jx': no such cache (gone?)");
	pt_close(c);

	c = pt_open(FIX "edge-slab-version"); /* no sys/kernel/slab at all */
	expect_detail_error(
		c, "dentry", -ENOENT,
		"'dentry': no sys/kernel/slab (not SLUB, or not captured)");
	pt_close(c);
}

/* ---- Debian's 6.1 kernel in QEMU, two NUMA nodes ------------------------- */

#define T61 FIX "debian-6.1-2node"

static void test_slabinfo_61(void **state)
{
	struct pt_env *c = pt_open(T61);
	struct ms_slab *s = &c->s.slab;

	assert_int_equal(ms_procfs_slab(&c->root, &c->pf, &c->s), 0);
	assert_int_equal(c->s.nr_notes, 0);
	assert_int_equal(s->n, 147);
	assert_int_equal(s->page_size, 4096);
	assert_string_equal(s->caches[0].name, "zs_handle");
	assert_cache(s, "zs_handle", 512, 512, 8, 512, 1, 1, 1);
	assert_cache(s, "dentry", 10626, 10626, 192, 21, 1, 506, 506);
	assert_cache(s, "task_struct", 78, 78, 8448, 3, 8, 26, 26);
	assert_cache(s, "kmalloc-128", 504, 512, 128, 32, 1, 16, 16);
	assert_cache(s, "kmalloc-64", 1806, 1920, 64, 64, 1, 30, 30);
	assert_cache(s, "kmem_cache", 160, 160, 256, 16, 1, 10, 10);
	pt_close(c);
}

static void test_detail_61(void **state)
{
	struct pt_env *c = pt_open(T61);
	struct ms_slab_detail *d = &c->s.slab_detail;

	assert_int_equal(ms_procfs_slab_detail(&c->root, &c->pf, "kmalloc-64",
					       &c->s),
			 0);
	assert_values(d, 0, 64, 64, 64, 64);
	assert_int_equal(d->cpu_partial, 120);
	assert_count(&d->slabs, 30, 'N', 2, (int[]){ 0, 1 },
		     (uint64_t[]){ 16, 14 });
	assert_count(&d->partial, 2, 'N', 1, (int[]){ 0 }, (uint64_t[]){ 2 });
	/* every cpu slab sits on node 1: the list names only N1 */
	assert_count(&d->cpu_slabs, 5, 'N', 1, (int[]){ 1 }, (uint64_t[]){ 5 });
	assert_count(&d->objects, 1806, 'N', 2, (int[]){ 0, 1 },
		     (uint64_t[]){ 910, 896 });
	assert_count(&d->total_objects, 1920, 'N', 2, (int[]){ 0, 1 },
		     (uint64_t[]){ 1024, 896 });
	assert_aliases(d, (const char *const[]){ "kmalloc-64" }, 1);

	ms_snapshot_reset(&c->s);
	assert_int_equal(ms_procfs_slab_detail(&c->root, &c->pf, "task_struct",
					       &c->s),
			 0);
	assert_values(d, 3, 8392, 8448, 64, 3);
	assert_int_equal(d->min_partial, 6);
	assert_count(&d->partial, 7, 'N', 2, (int[]){ 0, 1 },
		     (uint64_t[]){ 3, 4 });
	assert_count(&d->total_objects, 90, 'N', 2, (int[]){ 0, 1 },
		     (uint64_t[]){ 39, 51 });
	pt_close(c);
}

static void test_detail_61_merged(void **state)
{
	struct pt_env *c = pt_open(T61);
	struct ms_slab_detail *d = &c->s.slab_detail;
	static const char *const group[] = {
		":0000192",
		"aio_kiocb",
		"bio_integrity_payload",
		"dmaengine-unmap-16",
		"inet_peer_cache",
		"ip_dst_cache",
		"skbuff_ext_cache",
		"uid_cache",
	};

	assert_int_equal(
		ms_procfs_slab_detail(&c->root, &c->pf, "uid_cache", &c->s), 0);
	assert_string_equal(d->target, ":0000192");
	assert_values(d, 0, 176, 192, 64, 21);
	assert_int_equal(d->hwcache_align, 1);
	assert_count(&d->slabs, 2, 'N', 2, (int[]){ 0, 1 },
		     (uint64_t[]){ 1, 1 });
	assert_count(&d->partial, 0, 0, 0, NULL, NULL);
	assert_count(&d->objects, 42, 'N', 2, (int[]){ 0, 1 },
		     (uint64_t[]){ 21, 21 });
	assert_aliases(d, group, 8);
	pt_close(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slabinfo_618),
		cmocka_unit_test(test_slabinfo_unknown_version),
		cmocka_unit_test(test_slabinfo_truncated),
		cmocka_unit_test(test_slabinfo_hostile),
		cmocka_unit_test(test_slabinfo_headers),
		cmocka_unit_test(test_slabinfo_bounds),
		cmocka_unit_test(test_slabinfo_numbers),
		cmocka_unit_test(test_slabinfo_live),
		cmocka_unit_test(test_slabinfo_not_root),
		cmocka_unit_test(test_nodecount),
		cmocka_unit_test(test_detail_618),
		cmocka_unit_test(test_detail_618_merged),
		cmocka_unit_test(test_detail_2node),
		cmocka_unit_test(test_detail_errors),
		cmocka_unit_test(test_slabinfo_61),
		cmocka_unit_test(test_detail_61),
		cmocka_unit_test(test_detail_61_merged),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
