// SPDX-License-Identifier: GPL-2.0
/* VMA reader: maps/smaps/numa_maps line parsers, fixture trees (pid reuse
 * and the live system: test_vma_live.c). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probes/procfs/procfs.h"
#include "probes/procfs/vma.h"
#include "tests/unit/procfs_test.h"
#include "tests/unit/vma_test.h"

#define FIX "tests/fixtures/"

/* ---- line parsers ---- */

static struct ms_vma blank_vma(void)
{
	struct ms_vma v;
	uint64_t *f;

	memset(&v, 0, sizeof(v));
	for (f = &v.size_kb; f <= &v.thp_eligible; f++)
		*f = MS_NA;
	return v;
}

static void header_fields(void **state)
{
	const char *line = "7f31db112000-7f31db268000 r-xp 00026000 fe:00 "
			   "332835                     /usr/lib/libc.so.6";
	struct ms_vma v = blank_vma();
	const char *path;
	size_t n;

	assert_int_equal(ms_vma_parse_header(line, strlen(line), &v, &path, &n),
			 0);
	assert_true(v.start == 0x7f31db112000ULL);
	assert_true(v.end == 0x7f31db268000ULL);
	assert_string_equal(v.perms, "r-xp");
	assert_true(v.offset == 0x26000);
	assert_string_equal(v.dev, "fe:00");
	assert_int_equal(v.inode, 332835);
	assert_int_equal(n, strlen("/usr/lib/libc.so.6"));
	assert_memory_equal(path, "/usr/lib/libc.so.6", n);

	/* anonymous: the kernel leaves one blank after the inode */
	line = "7f31db2c1000-7f31db2ce000 rw-p 00000000 00:00 0 ";
	assert_int_equal(ms_vma_parse_header(line, strlen(line), &v, &path, &n),
			 0);
	assert_null(path);
	/* inner and trailing blanks belong to the path */
	line = "1000-2000 rw-s 00000000 00:01 7    /tmp/a b  (deleted)";
	assert_int_equal(ms_vma_parse_header(line, strlen(line), &v, &path, &n),
			 0);
	assert_int_equal(n, strlen("/tmp/a b  (deleted)"));
}

static void header_malformed(void **state)
{
	static const char *const bad[] = {
		"",
		"zzzz-2000 rw-p 00000000 00:00 0",
		"1000 rw-p 00000000 00:00 0",
		"2000-1000 rw-p 00000000 00:00 0", /* end before start */
		"1000-2000 rw-p",
		"1000-2000 rw-p 00000000",
		"1000-2000 rw-p 00000000 00:00 x",
		"1000-2000 rw-p 00000000 00:00 12x /a",
		"1000-2000 rwxp00000000 00:00 0",
	};
	struct ms_vma v = blank_vma();
	const char *path;
	size_t n;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (ms_vma_parse_header(bad[i], strlen(bad[i]), &v, &path,
					&n) != -EINVAL)
			fail_msg("accepted \"%s\"", bad[i]);
}

static void kinds(void **state)
{
	assert_int_equal(ms_vma_kind_of(NULL), MS_VMA_ANON);
	assert_int_equal(ms_vma_kind_of(""), MS_VMA_ANON);
	assert_int_equal(ms_vma_kind_of("[heap]"), MS_VMA_HEAP);
	assert_int_equal(ms_vma_kind_of("[stack]"), MS_VMA_STACK);
	assert_int_equal(ms_vma_kind_of("[stack:1234]"), MS_VMA_STACK);
	assert_int_equal(ms_vma_kind_of("[vdso]"), MS_VMA_SPECIAL);
	assert_int_equal(ms_vma_kind_of("[vvar]"), MS_VMA_SPECIAL);
	assert_int_equal(ms_vma_kind_of("[vsyscall]"), MS_VMA_SPECIAL);
	assert_int_equal(ms_vma_kind_of("[anon:x y]"), MS_VMA_ANON);
	assert_int_equal(ms_vma_kind_of("[anon_shmem:x]"), MS_VMA_SHMEM);
	assert_int_equal(ms_vma_kind_of("/dev/zero (deleted)"), MS_VMA_SHMEM);
	assert_int_equal(ms_vma_kind_of("/dev/zero"), MS_VMA_SHMEM);
	assert_int_equal(ms_vma_kind_of("/dev/zeroes"), MS_VMA_FILE);
	assert_int_equal(ms_vma_kind_of("/SYSV0000002a (deleted)"),
			 MS_VMA_SHMEM);
	assert_int_equal(ms_vma_kind_of("/memfd:x (deleted)"), MS_VMA_SHMEM);
	assert_int_equal(ms_vma_kind_of("/dev/shm/pulse"), MS_VMA_SHMEM);
	assert_int_equal(ms_vma_kind_of("/usr/bin/dash"), MS_VMA_FILE);
	assert_int_equal(ms_vma_kind_of("/tmp/x (deleted)"), MS_VMA_FILE);
}

static int field(struct ms_vma *v, const char *line)
{
	return ms_vma_parse_field(line, strlen(line), v);
}

static void smaps_fields(void **state)
{
	struct ms_vma v = blank_vma();

	assert_int_equal(field(&v, "Rss:                1048 kB"), 1);
	assert_int_equal(field(&v, "Pss:                 140 kB"), 1);
	assert_int_equal(field(&v, "Shared_Clean:       1024 kB"), 1);
	assert_int_equal(field(&v, "Private_Dirty:         8 kB"), 1);
	assert_int_equal(field(&v, "AnonHugePages:      2048 kB"), 1);
	assert_int_equal(field(&v, "KernelPageSize:        4 kB"), 1);
	assert_int_equal(field(&v, "THPeligible:           1"), 1);
	assert_int_equal(field(&v, "SwapPss:\t12 kB"), 1);
	assert_int_equal(field(&v, "VmFlags: rd ex mr mw me "), 1);
	assert_int_equal(v.rss_kb, 1048);
	assert_int_equal(v.pss_kb, 140);
	assert_int_equal(v.shared_clean, 1024);
	assert_int_equal(v.private_dirty, 8);
	assert_int_equal(v.anon_huge_kb, 2048);
	assert_int_equal(v.kernel_page_kb, 4);
	assert_int_equal(v.thp_eligible, 1);
	assert_int_equal(v.swap_pss_kb, 12);
	assert_string_equal(v.vmflags, "rd ex mr mw me");
	/* keys we do not keep, and new ones, are skipped */
	assert_int_equal(field(&v, "Pss_Dirty:            16 kB"), 0);
	assert_int_equal(field(&v, "MMUPageSize:           4 kB"), 0);
	assert_int_equal(field(&v, "SomeFutureKey:         4 kB"), 0);
	assert_true(v.swap_kb == MS_NA);
	/* broken lines */
	assert_int_equal(field(&v, "Rss"), -EINVAL);
	assert_int_equal(field(&v, "Rss:"), -EINVAL);
	assert_int_equal(field(&v, "Rss:        kB"), -EINVAL);
	assert_int_equal(field(&v, "Rss:      12x kB"), -EINVAL);
	assert_int_equal(field(&v, "Rss: 99999999999999999999999 kB"), -EINVAL);
	assert_int_equal(v.rss_kb, 1048);
}

static void vmflags_bounded(void **state)
{
	struct ms_vma v = blank_vma();
	char line[400] = "VmFlags:";

	while (strlen(line) < sizeof(line) - 4)
		strcat(line, " ab");
	assert_int_equal(field(&v, line), 1);
	/* cut at a flag boundary, never half a flag */
	assert_true(strlen(v.vmflags) < sizeof(v.vmflags));
	assert_int_equal(strlen(v.vmflags) % 3, 2);
	assert_int_equal(v.vmflags[strlen(v.vmflags) - 1], 'b');
}

static int numa(const char *line, struct ms_numa_line *n)
{
	return ms_numa_maps_parse(line, strlen(line), n);
}

static void numa_lines(void **state)
{
	struct ms_numa_line n;

	assert_int_equal(numa("7f31db112000 default file=/usr/lib/libc.so.6 "
			      "mapped=262 mapmax=11 N0=262 kernelpagesize_kB=4",
			      &n),
			 0);
	assert_true(n.start == 0x7f31db112000ULL);
	assert_string_equal(n.policy, "default");
	assert_int_equal(n.nr_nodes, 1);
	assert_int_equal(n.node_id[0], 0);
	assert_int_equal(n.node_pages[0], 262);

	assert_int_equal(numa("1000 weighted interleave:0-3 anon=8 N0=2 N1=2 "
			      "N2=2 N3=2",
			      &n),
			 0);
	assert_string_equal(n.policy, "weighted interleave:0-3");
	assert_int_equal(n.nr_nodes, 4);
	assert_int_equal(n.node_id[3], 3);

	assert_int_equal(numa("1000 prefer (many)=static:2-3 N2=5", &n), 0);
	assert_string_equal(n.policy, "prefer (many)=static:2-3");
	assert_int_equal(n.node_pages[0], 5);

	/* no pages: nothing but the policy */
	assert_int_equal(numa("7f31db2de000 default", &n), 0);
	assert_int_equal(n.nr_nodes, 0);

	/* a file name may look like a node: the kernel escapes its '=' */
	assert_int_equal(numa("1000 default file=/N1\\075x N1=3", &n), 0);
	assert_int_equal(n.nr_nodes, 1);
	assert_int_equal(n.node_pages[0], 3);

	assert_int_equal(numa("", &n), -EINVAL);
	assert_int_equal(numa("xyz default", &n), -EINVAL);
	assert_int_equal(numa("1000", &n), -EINVAL);
}

static void numa_many_nodes(void **state)
{
	struct ms_numa_line n;
	char line[512] = "1000 interleave:0-11";

	for (int i = 0; i < 12; i++)
		sprintf(line + strlen(line), " N%d=%d", i, 10 + i);
	assert_int_equal(numa(line, &n), 0);
	assert_int_equal(n.nr_nodes, MS_VMA_NODES);
	assert_true(n.truncated);
	assert_int_equal(n.node_id[MS_VMA_NODES - 1], MS_VMA_NODES - 1);
	assert_int_equal(n.node_pages[MS_VMA_NODES - 1], 10 + MS_VMA_NODES - 1);
}

/* ---- fixture trees ---- */

static const struct ms_vma *find(const struct ms_vmas *vs, uint64_t start)
{
	for (int i = 0; i < vs->n; i++)
		if (vs->v[i].start == start)
			return &vs->v[i];
	fail_msg("no VMA at %llx", (unsigned long long)start);
	return NULL;
}

static void debian618(void **state)
{
	struct pt_env e;
	const struct ms_vma *v;

	load(&e, FIX "debian12-6.18", 14118, 0);
	assert_int_equal(e.err, 0);
	assert_int_equal(e.s.vmas.pid, 14118);
	assert_string_equal(e.s.vmas.comm, "sh");
	assert_true(e.s.vmas.has_smaps);
	assert_int_equal(e.s.vmas.n, 25);
	/* one node online: numa_maps is not read, and a note says so */
	assert_false(e.s.vmas.has_numa);
	assert_note(&e.s, "numa_maps", "one NUMA node");

	v = &e.s.vmas.v[0];
	assert_true(v->start == 0x563db7df9000ULL);
	assert_true(v->end == 0x563db7dfd000ULL);
	assert_string_equal(v->path, "/usr/bin/dash");
	assert_int_equal(v->kind, MS_VMA_FILE);
	assert_int_equal(v->inode, 247230);
	assert_int_equal(v->size_kb, 16);
	assert_int_equal(v->private_clean, 16);
	assert_int_equal(v->thp_eligible, 0);
	assert_string_equal(v->vmflags, "rd mr mw me");

	v = find(&e.s.vmas, 0x7f31db112000ULL);
	assert_string_equal(v->perms, "r-xp");
	assert_true(v->offset == 0x26000);
	assert_int_equal(v->size_kb, 1368);
	assert_int_equal(v->rss_kb, 1048);
	assert_int_equal(v->pss_kb, 140);
	assert_int_equal(v->shared_clean, 1024);
	assert_int_equal(v->private_clean, 24);
	assert_int_equal(v->referenced, 1048);
	assert_int_equal(v->swap_kb, 0);
	assert_int_equal(v->locked_kb, 0);
	assert_string_equal(v->vmflags, "rd ex mr mw me");

	v = find(&e.s.vmas, 0x563dc8a26000ULL);
	assert_int_equal(v->kind, MS_VMA_HEAP);
	assert_int_equal(v->size_kb, 132);
	assert_int_equal(v->rss_kb, 16);
	v = find(&e.s.vmas, 0x7ffcacee6000ULL);
	assert_int_equal(v->kind, MS_VMA_STACK);
	assert_int_equal(v->anonymous, 8);
	assert_string_equal(v->vmflags, "rd wr mr mw me gd ac");
	v = find(&e.s.vmas, 0x563db7e19000ULL);
	assert_int_equal(v->kind, MS_VMA_ANON);
	assert_null(v->path);
	assert_int_equal(find(&e.s.vmas, 0x7f31db2e4000ULL)->kind,
			 MS_VMA_SPECIAL);
	v = &e.s.vmas.v[24];
	assert_string_equal(v->path, "[vsyscall]");
	assert_true(v->start == 0xffffffffff600000ULL);
	assert_int_equal(v->size_kb, 4);
	pt_fini(&e);
}

static void debian618_numa(void **state)
{
	struct pt_env e;
	const struct ms_vma *v;

	/* asked for: numa_maps joined by address */
	load(&e, FIX "debian12-6.18", 14118, 1);
	assert_int_equal(e.err, 0);
	assert_true(e.s.vmas.has_numa);
	assert_null(ms_snapshot_why(&e.s, "numa_maps"));
	v = &e.s.vmas.v[0];
	assert_string_equal(v->policy, "default");
	assert_int_equal(v->nr_nodes, 1);
	assert_int_equal(v->node_id[0], 0);
	assert_int_equal(v->node_pages[0], 4);
	v = find(&e.s.vmas, 0x7f31db112000ULL);
	assert_int_equal(v->node_pages[0], 262);
	v = find(&e.s.vmas, 0x7f31db2de000ULL); /* [vvar]: no pages */
	assert_string_equal(v->policy, "default");
	assert_int_equal(v->nr_nodes, 0);
	/* [vsyscall] is not in numa_maps */
	v = &e.s.vmas.v[24];
	assert_string_equal(v->policy, "");
	assert_int_equal(v->nr_nodes, 0);
	pt_fini(&e);
}

/* A sink that keeps copies, to compare with the list the reader holds. */
struct got {
	struct ms_vma v[64];
	char path[64][256];
	int n, resets;
};

static int got_put(void *ctx, const struct ms_vma *v)
{
	struct got *g = ctx;

	if (g->n == 64)
		return -ENOSPC;
	g->v[g->n] = *v;
	snprintf(g->path[g->n], sizeof(g->path[0]), "%s",
		 v->path ? v->path : "");
	g->n++;
	return 0;
}

static void got_reset(void *ctx)
{
	struct got *g = ctx;

	g->n = 0;
	g->resets++;
}

/*
 * With a sink, each VMA goes there complete (numa_maps joined) in address
 * order, none is held, and the summaries are those of the held list.
 */
static void streamed_like_held(void **state)
{
	static struct got g;
	struct ms_vma_sink sink = { .put = got_put,
				    .reset = got_reset,
				    .ctx = &g };
	struct pt_env held, e;

	load(&held, FIX "debian12-6.18", 14118, 1);
	ms_derive(&held.s);
	memset(&e, 0, sizeof(e));
	assert_int_equal(ms_root_open(&e.root, FIX "debian12-6.18"), 0);
	ms_snapshot_init(&e.s);
	e.pf.vma_numa = 1;
	assert_int_equal(ms_procfs_vmas(&e.root, &e.pf, 14118, &sink, &e.s), 0);
	ms_derive(&e.s);
	assert_int_equal(g.resets, 1); /* an earlier sample's are dropped */
	assert_int_equal(e.s.vmas.n, 0);
	assert_int_equal(e.s.vmas.streamed, held.s.vmas.n);
	assert_int_equal(ms_vmas_count(&e.s.vmas), held.s.vmas.n);
	assert_int_equal(g.n, held.s.vmas.n);
	for (int i = 0; i < g.n; i++) {
		const struct ms_vma *a = &held.s.vmas.v[i], *b = &g.v[i];

		assert_int_equal(a->start, b->start);
		assert_int_equal(a->rss_kb, b->rss_kb);
		assert_int_equal(a->nr_nodes, b->nr_nodes);
		assert_string_equal(a->policy, b->policy);
		assert_string_equal(a->path ? a->path : "", g.path[i]);
	}
	assert_memory_equal(&e.s.vmas.total, &held.s.vmas.total,
			    sizeof(held.s.vmas.total));
	assert_memory_equal(e.s.vmas.kind, held.s.vmas.kind,
			    sizeof(held.s.vmas.kind));
	assert_int_equal(e.s.vmas.has_numa, held.s.vmas.has_numa);
	assert_int_equal(e.s.nr_notes, held.s.nr_notes);
	pt_fini(&held);
	pt_fini(&e);
}

static void pid_one_unreadable(void **state)
{
	struct pt_env e;

	/* the capture could not read pid 1's maps (no ptrace access) */
	load(&e, FIX "debian12-6.18", 1, 0);
	assert_int_equal(e.err, -ENOENT);
	assert_int_equal(e.s.vmas.n, 0);
	assert_string_equal(e.s.vmas.comm, "process_api");
	assert_note(&e.s, "vmas", "pid 1: no maps or smaps file");
	pt_fini(&e);
}

static void hostile_names(void **state)
{
	struct pt_env e;
	const struct ms_vma *v;

	load(&e, FIX "edge-proc-hostile", 4242, 0);
	assert_int_equal(e.err, 0);
	/* raw bytes, cut nowhere: the views escape them */
	assert_string_equal(e.s.vmas.comm, "a) b\x1b[31m\n\xff(x");
	assert_int_equal(e.s.vmas.n, 8);
	v = &e.s.vmas.v[0];
	assert_string_equal(v->path, "/home/u/a b\x1b]0;pwn\x07"
				     "c");
	assert_int_equal(v->kind, MS_VMA_FILE);
	v = &e.s.vmas.v[1];
	assert_string_equal(v->path, "/tmp/my file (deleted)");
	assert_int_equal(v->kind, MS_VMA_FILE);
	assert_string_equal(v->perms, "rw-s");
	assert_int_equal(v->shared_dirty, 8);
	assert_int_equal(v->pss_kb, 4);
	assert_int_equal(e.s.vmas.v[2].kind, MS_VMA_SHMEM);
	assert_int_equal(e.s.vmas.v[3].kind, MS_VMA_SHMEM);
	assert_int_equal(e.s.vmas.v[4].kind, MS_VMA_SHMEM);
	assert_int_equal(e.s.vmas.v[4].inode, 65536);
	assert_string_equal(e.s.vmas.v[5].path, "/tmp/trailing ");
	assert_string_equal(e.s.vmas.v[6].path, "[anon:malloc arena]");
	assert_int_equal(e.s.vmas.v[6].kind, MS_VMA_ANON);
	v = &e.s.vmas.v[7];
	assert_int_equal(v->kind, MS_VMA_STACK);
	assert_int_equal(v->swap_kb, 64);
	assert_int_equal(v->swap_pss_kb, 64);
	assert_int_equal(v->size_kb, 132);
	/* no node list in this tree: numa_maps tried, and missing */
	assert_false(e.s.vmas.has_numa);
	assert_note(&e.s, "numa_maps", "not in this tree");
	pt_fini(&e);
}

static void truncated_smaps(void **state)
{
	struct pt_env e;
	const struct ms_vma *v;

	load(&e, FIX "edge-proc-truncated", 300, 0);
	assert_int_equal(e.err, 0);
	assert_int_equal(e.s.vmas.n, 3);
	assert_int_equal(e.s.vmas.v[1].kind, MS_VMA_HEAP);
	assert_int_equal(e.s.vmas.v[1].private_dirty, 20);
	/* the cut mapping keeps what was there, the rest is unknown */
	v = &e.s.vmas.v[2];
	assert_int_equal(v->kind, MS_VMA_STACK);
	assert_int_equal(v->size_kb, 132);
	assert_int_equal(v->rss_kb, 16);
	assert_true(v->pss_kb == MS_NA);
	assert_true(v->swap_kb == MS_NA);
	assert_string_equal(v->vmflags, "");
	assert_note(&e.s, "smaps", "truncated");
	pt_fini(&e);
}

static void vanished(void **state)
{
	struct pt_env e;

	load(&e, FIX "edge-proc-vanished", 500, 0);
	assert_int_equal(e.err, -ESRCH);
	assert_int_equal(e.s.vmas.n, 0);
	assert_note(&e.s, "vmas", "pid 500: no such process");
	pt_fini(&e);

	load(&e, FIX "edge-proc-vanished", 99999, 0);
	assert_int_equal(e.err, -ESRCH);
	assert_note(&e.s, "vmas", "pid 99999: no such process");
	pt_fini(&e);

	load(&e, FIX "edge-proc-vanished", 501, 0);
	assert_int_equal(e.err, 0);
	assert_int_equal(e.s.vmas.n, 1);
	assert_int_equal(e.s.vmas.v[0].pss_kb, 2);
	pt_fini(&e);
}

static void kernel_thread(void **state)
{
	struct pt_env e;

	load(&e, FIX "edge-proc-kthread", 2, 0);
	assert_int_equal(e.err, 0);
	assert_int_equal(e.s.vmas.n, 0);
	assert_string_equal(e.s.vmas.comm, "kthreadd");
	assert_note(&e.s, "vmas",
		    "pid 2 is a kernel thread (no address space)");
	pt_fini(&e);

	/* a zombie has no address space left either */
	load(&e, FIX "edge-proc-kthread", 3, 0);
	assert_int_equal(e.err, 0);
	assert_int_equal(e.s.vmas.n, 0);
	assert_note(&e.s, "vmas", "pid 3 has no address space");
	pt_fini(&e);
}

static void maps_only(void **state)
{
	struct pt_env e;
	const struct ms_vma *v;

	load(&e, FIX "edge-proc-nosmaps", 600, 0);
	assert_int_equal(e.err, 0);
	assert_false(e.s.vmas.has_smaps);
	assert_note(&e.s, "smaps", "missing: sizes unknown, maps only");
	assert_int_equal(e.s.vmas.n, 6);
	v = &e.s.vmas.v[1];
	assert_true(v->offset == 0x2000);
	assert_int_equal(v->size_kb, 4); /* from the addresses */
	assert_true(v->rss_kb == MS_NA);
	assert_true(v->pss_kb == MS_NA);
	assert_int_equal(e.s.vmas.v[2].kind, MS_VMA_HEAP);
	assert_int_equal(e.s.vmas.v[2].size_kb, 1024);
	assert_int_equal(e.s.vmas.v[3].kind, MS_VMA_ANON);
	assert_int_equal(e.s.vmas.v[5].kind, MS_VMA_SPECIAL);
	pt_fini(&e);
}

static void numa_two_nodes(void **state)
{
	struct pt_env e;
	const struct ms_vma *v;

	load(&e, FIX "edge-proc-numa2", 700, 0);
	assert_int_equal(e.err, 0);
	assert_true(e.s.vmas.has_numa);
	assert_int_equal(e.s.vmas.n, 5);
	v = &e.s.vmas.v[1];
	assert_string_equal(v->policy, "bind:0-1");
	assert_int_equal(v->nr_nodes, 2);
	assert_int_equal(v->node_id[0], 0);
	assert_int_equal(v->node_pages[0], 600);
	assert_int_equal(v->node_id[1], 1);
	assert_int_equal(v->node_pages[1], 424);
	assert_string_equal(e.s.vmas.v[2].policy, "interleave:0-1");
	assert_int_equal(e.s.vmas.v[2].node_pages[1], 256);
	/* unmapped between the reads: no numa line, and the extra is ignored */
	assert_string_equal(e.s.vmas.v[3].policy, "");
	assert_int_equal(e.s.vmas.v[3].nr_nodes, 0);
	v = &e.s.vmas.v[4];
	assert_int_equal(v->kind, MS_VMA_STACK);
	assert_int_equal(v->node_id[0], 1);
	assert_int_equal(v->node_pages[0], 2);
	pt_fini(&e);

	/* -1: never */
	load(&e, FIX "edge-proc-numa2", 700, -1);
	assert_false(e.s.vmas.has_numa);
	assert_string_equal(e.s.vmas.v[1].policy, "");
	pt_fini(&e);
}

static void numa_four_nodes(void **state)
{
	struct pt_env e;
	const struct ms_vma *v;

	load(&e, FIX "edge-proc-numa4", 700, 0);
	assert_int_equal(e.err, 0);
	assert_true(e.s.vmas.has_numa);
	assert_int_equal(e.s.vmas.v[0].node_id[0], 2);
	v = &e.s.vmas.v[1];
	assert_string_equal(v->policy, "weighted interleave:0-3");
	assert_int_equal(v->nr_nodes, 4);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(v->node_id[i], i);
		assert_int_equal(v->node_pages[i], 256);
	}
	v = &e.s.vmas.v[2];
	assert_string_equal(v->policy, "prefer (many)=static:2-3");
	assert_int_equal(v->node_pages[0], 500);
	assert_int_equal(v->node_id[1], 3);
	assert_string_equal(e.s.vmas.v[3].policy, "local");
	assert_string_equal(e.s.vmas.v[4].policy, "prefer:3");
	pt_fini(&e);
}

/* Debian's 6.1 kernel in QEMU: two nodes, THP, swap on zram, busybox. */
static void debian61_2node(void **state)
{
	struct pt_env e;
	const struct ms_vma *v;

	load(&e, FIX "debian-6.1-2node", 127, 0);
	assert_int_equal(e.err, 0);
	assert_string_equal(e.s.vmas.comm, "sh");
	assert_true(e.s.vmas.has_smaps);
	assert_true(e.s.vmas.has_numa); /* nodes 0-1 online */
	assert_null(ms_snapshot_why(&e.s, "numa_maps"));
	assert_null(
		ms_snapshot_why(&e.s, "smaps")); /* ProtectionKey: skipped */
	assert_int_equal(e.s.vmas.n, 11);
	v = &e.s.vmas.v[0];
	assert_true(v->start == 0x400000);
	assert_string_equal(v->dev, "00:02");
	assert_int_equal(v->inode, 24);
	assert_string_equal(v->path, "/bin/busybox");
	assert_int_equal(v->shared_dirty, 4);
	assert_int_equal(v->pss_kb, 0);
	assert_string_equal(v->vmflags, "rd mr mw me sd");
	assert_string_equal(v->policy, "default");
	assert_int_equal(v->nr_nodes, 1);
	assert_int_equal(v->node_id[0], 1);
	assert_int_equal(v->node_pages[0], 1);

	v = find(&e.s.vmas, 0x7f12d62bf000ULL); /* THP, half swapped */
	assert_int_equal(v->kind, MS_VMA_ANON);
	assert_int_equal(v->size_kb, 27140);
	assert_int_equal(v->rss_kb, 4096);
	assert_int_equal(v->anonymous, 4096);
	assert_int_equal(v->anon_huge_kb, 4096);
	assert_int_equal(v->private_dirty, 4096);
	assert_int_equal(v->swap_kb, 9476);
	assert_int_equal(v->swap_pss_kb, 9476);
	assert_int_equal(v->thp_eligible, 1);
	assert_string_equal(v->vmflags, "rd wr mr mw me ac sd");
	assert_int_equal(v->node_id[0], 1);
	assert_int_equal(v->node_pages[0], 1536);

	v = find(&e.s.vmas, 0x2a13d000ULL);
	assert_int_equal(v->kind, MS_VMA_HEAP);
	assert_int_equal(v->node_pages[0], 2);
	v = &e.s.vmas.v[10];
	assert_string_equal(v->path, "[vdso]");
	assert_int_equal(v->kind, MS_VMA_SPECIAL);
	assert_string_equal(v->policy, "default");
	assert_int_equal(v->nr_nodes, 0);
	pt_fini(&e);

	load(&e, FIX "debian-6.1-2node", 128, 0);
	assert_int_equal(e.err, 0);
	assert_string_equal(e.s.vmas.comm, "evil\x1b[31m\nname");
	assert_int_equal(e.s.vmas.n, 10);
	pt_fini(&e);

	/* kcompactd0: a kernel thread, empty smaps in the capture */
	load(&e, FIX "debian-6.1-2node", 36, 0);
	assert_int_equal(e.err, 0);
	assert_int_equal(e.s.vmas.n, 0);
	assert_string_equal(e.s.vmas.comm, "kcompactd0");
	assert_note(&e.s, "vmas", "kernel thread");
	pt_fini(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(header_fields),
		cmocka_unit_test(streamed_like_held),
		cmocka_unit_test(header_malformed),
		cmocka_unit_test(kinds),
		cmocka_unit_test(smaps_fields),
		cmocka_unit_test(vmflags_bounded),
		cmocka_unit_test(numa_lines),
		cmocka_unit_test(numa_many_nodes),
		cmocka_unit_test(debian618),
		cmocka_unit_test(debian618_numa),
		cmocka_unit_test(pid_one_unreadable),
		cmocka_unit_test(hostile_names),
		cmocka_unit_test(truncated_smaps),
		cmocka_unit_test(vanished),
		cmocka_unit_test(kernel_thread),
		cmocka_unit_test(maps_only),
		cmocka_unit_test(numa_two_nodes),
		cmocka_unit_test(numa_four_nodes),
		cmocka_unit_test(debian61_2node),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
