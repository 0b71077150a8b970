// SPDX-License-Identifier: GPL-2.0
/*
 * The page cache's files without I/O: the scan's account of files by
 * (dev, ino) over passes (probes/procfs/pcache_set.c), the list's order and
 * top N (model/pcache.c), the parsers of maps' device and /proc/PID/cgroup;
 * and, on files of our own, the live reader: a file read into the cache
 * and held open is listed, and drops out of the cache after fadvise.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model/field.h"
#include "probes/procfs/pcache.h"
#include "probes/procfs/pcache_set.h"
#include "probes/procfs/proc.h"
#include "probes/root.h"

/* File (dev, ino) found at process pid with kb cached: measured if new. */
static struct ms_pent *found(struct ms_pset *s, uint64_t dev, uint64_t ino,
			     int pid, uint64_t kb, const char *path)
{
	struct ms_pent *e = ms_pset_find(s, dev, ino);

	if (!e)
		e = ms_pset_add(s, dev, ino);
	assert_non_null(e);
	if (ms_pset_hold(s, e, pid)) {
		free(e->f.path);
		e->f.path = strdup(path);
		e->f.cached_kb = kb;
		e->f.dirty_kb = 0;
		e->f.pid = pid;
		/* as pcache.c's measure() names it */
		snprintf(e->f.dev, sizeof(e->f.dev), "%u:%u", major(dev),
			 minor(dev));
		e->f.ino = ino;
		ms_pset_measured(s, e);
	}
	return e;
}

static void holders_once_per_process(void **state)
{
	struct ms_pset s;
	struct ms_pent *e;

	ms_pset_init(&s);
	/* pid 10 has libc open and mapped twice, pid 11 maps it */
	found(&s, 8, 100, 10, 2000, "/lib/libc.so.6");
	found(&s, 8, 100, 10, 2000, "/lib/libc.so.6");
	found(&s, 8, 100, 10, 2000, "/lib/libc.so.6");
	found(&s, 8, 100, 11, 9999, "/lib/libc.so.6");
	found(&s, 8, 200, 11, 50, "/var/log/x");
	e = ms_pset_find(&s, 8, 100);
	assert_int_equal(e->holders_cur, 2);
	assert_int_equal(e->f.cached_kb, 2000); /* measured once */
	assert_int_equal(s.cur_found, 2);
	assert_int_equal(s.cur_cached_kb, 2050);
	assert_false(s.complete);
	ms_pset_end_pass(&s);
	assert_true(s.complete);
	assert_int_equal(s.found, 2);
	assert_int_equal(s.cached_kb, 2050);
	assert_int_equal(ms_pset_find(&s, 8, 100)->f.holders, 2);
	ms_pset_free(&s);
}

static void pass_drops_what_it_did_not_find(void **state)
{
	struct ms_pset s;
	struct ms_pcache out;

	memset(&out, 0, sizeof(out));
	ms_pset_init(&s);
	found(&s, 8, 1, 10, 100, "/a");
	found(&s, 8, 2, 10, 200, "/b");
	ms_pset_end_pass(&s);
	/* the next pass finds /b only, and a new /c half way */
	found(&s, 8, 2, 12, 300, "/b");
	found(&s, 8, 3, 12, 5, "/c");
	assert_int_equal(ms_pset_top(&s, &out, 10), 0);
	/* in progress: the last full pass's totals, every file known */
	assert_true(out.complete);
	assert_int_equal(out.found, 2);
	assert_int_equal(out.cached_kb, 300);
	assert_int_equal(out.n, 3);
	assert_string_equal(out.v[0].path, "/b");
	assert_int_equal(out.v[0].cached_kb, 300);
	assert_int_equal(out.v[0].holders, 1);
	/* /c is new to the pass: its holders so far */
	assert_string_equal(out.v[2].path, "/c");
	assert_int_equal(out.v[2].holders, 1);
	ms_pset_end_pass(&s);
	assert_null(ms_pset_find(&s, 8, 1));
	assert_non_null(ms_pset_find(&s, 8, 3));
	assert_int_equal(s.found, 2);
	assert_int_equal(s.cached_kb, 305);
	ms_fields_free(ms_pcache_fields, &out);
	ms_pcache_keys_free(&out);
	ms_pset_free(&s);
}

static void alias_key_is_the_same_file(void **state)
{
	struct ms_pset s;
	struct ms_pent *e;

	ms_pset_init(&s);
	/* btrfs: maps says 0:45, stat 0:52 for one inode */
	e = found(&s, 52, 7, 10, 64, "/data/f");
	assert_int_equal(ms_pset_alias(&s, e, 45, 7), 0);
	assert_ptr_equal(ms_pset_find(&s, 45, 7), ms_pset_find(&s, 52, 7));
	assert_null(ms_pset_find(&s, 45, 8));
	/* many more files: the table grows, the alias still finds it */
	for (int i = 0; i < 1000; i++)
		found(&s, 9, (uint64_t)i, 10 + i % 7, (uint64_t)i, "/many");
	e = ms_pset_find(&s, 45, 7);
	assert_non_null(e);
	assert_int_equal(e->ino, 7);
	assert_int_equal(e->dev, 52);
	ms_pset_end_pass(&s);
	assert_non_null(ms_pset_find(&s, 45, 7));
	assert_int_equal(s.found, 1001);
	ms_pset_free(&s);
}

static void restart_forgets_the_partial_pass(void **state)
{
	struct ms_pset s;
	struct ms_pcache out;

	memset(&out, 0, sizeof(out));
	ms_pset_init(&s);
	found(&s, 8, 1, 10, 100, "/a");
	ms_pset_restart(&s);
	found(&s, 8, 1, 10, 100, "/a");
	assert_int_equal(s.cur_found, 1);
	assert_int_equal(s.cur_cached_kb, 100);
	/* before a pass ended: the pass in progress's totals, incomplete */
	assert_int_equal(ms_pset_top(&s, &out, 10), 0);
	assert_false(out.complete);
	assert_int_equal(out.found, 1);
	ms_fields_free(ms_pcache_fields, &out);
	ms_pcache_keys_free(&out);
	ms_pset_free(&s);
}

static void set_file(struct ms_pcache_file *f, const char *path, uint64_t c,
		     uint64_t d, const char *dev, uint64_t ino)
{
	memset(f, 0, sizeof(*f));
	f->path = path ? strdup(path) : NULL;
	f->cached_kb = c;
	f->dirty_kb = d;
	snprintf(f->dev, sizeof(f->dev), "%s", dev);
	f->ino = ino;
}

/* The files' list row of ms_pcache_fields. */
static const struct ms_field *files_row(void)
{
	const struct ms_field *l = ms_pcache_fields;

	while (l->key && l->type != MS_F_LIST)
		l++;
	assert_string_equal(l->key, "files");
	return l;
}

static void order_and_top(void **state)
{
	struct ms_pcache p;
	static const struct {
		const char *path;
		uint64_t c, d;
		const char *dev;
		uint64_t ino;
	} in[] = {
		{ "/small", 4, 0, "8:1", 1 },
		{ "/unmeasured", MS_NA, MS_NA, "8:1", 2 },
		{ "/big", 1000, 0, "8:1", 3 },
		{ "/b", 50, 10, "8:1", 4 }, /* dirtier first among equals */
		{ "/a", 50, 0, "8:1", 5 }, /* then by path */
		{ "/a", 50, 0, "8:1", 6 }, /* then dev and ino */
		{ "/a", 50, 0, "0:5", 9 },
		{ NULL, 0, 0, "8:1", 7 },
	};
	static const char *const want[] = { "/big", "/b", "/a", "/a", "/a" };
	static const uint64_t want_ino[] = { 3, 4, 9, 5, 6 };

	memset(&p, 0, sizeof(p));
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		struct ms_pcache_file *f = ms_list_add(files_row(), &p);

		assert_non_null(f);
		set_file(f, in[i].path, in[i].c, in[i].d, in[i].dev, in[i].ino);
	}
	ms_pcache_rank(&p, 5);
	assert_int_equal(p.n, 5);
	for (int i = 0; i < 5; i++) {
		assert_string_equal(p.v[i].path, want[i]);
		assert_int_equal(p.v[i].ino, want_ino[i]);
	}
	p.cached_kb = 2000;
	p.meminfo_cached_kb = 8000;
	ms_pcache_derive(&p);
	assert_int_equal(p.listed_kb, 1200);
	assert_true(fabs(p.coverage_pct - 25.0) < 1e-9);
	p.meminfo_cached_kb = MS_NA;
	ms_pcache_derive(&p);
	assert_true(isnan(p.coverage_pct));
	/* keeping none frees every string */
	ms_pcache_rank(&p, 0);
	assert_int_equal(p.n, 0);
	ms_fields_free(ms_pcache_fields, &p);
}

/* An events' file: dev "maj:min" (key major << 32 | minor), net kB. */
static void ev_file(struct ms_pcache_file *f, struct ms_pcache_key *k,
		    unsigned int maj, unsigned int min, uint64_t ino,
		    const char *path, uint64_t added, uint64_t removed)
{
	ms_fields_reset(ms_pcache_file_fields, memset(f, 0, sizeof(*f)));
	snprintf(f->dev, sizeof(f->dev), "%u:%u", maj, min);
	f->ino = ino;
	f->path = strdup(path);
	f->added_kb = added;
	f->removed_kb = removed;
	f->cached_kb = added > removed ? added - removed : 0;
	f->method = MS_PCACHE_EVENTS;
	f->memcg = strdup("/build");
	f->memcg_id = 9;
	k->dev = k->sdev = (uint64_t)maj << 32 | min;
	k->ino = k->sino = ino;
}

/*
 * The events merged with the walk: a measured file keeps its exact
 * count, listed or not (btrfs's other key too); the others are listed by
 * their net kB, marked; the coverage says what each explains.
 */
static void merge_with_events(void **state)
{
	struct ms_pcache_file ev[6];
	struct ms_pcache_key k[6];
	struct ms_pcache out;
	struct ms_pset s;

	memset(&out, 0, sizeof(out));
	ms_fields_reset(ms_pcache_fields, &out);
	ms_pset_init(&s);
	found(&s, makedev(8, 1), 1, 10, 1000, "/held");
	found(&s, makedev(8, 1), 2, 10, 4, "/small");
	/* btrfs: stat's key 0:52, the kernel's (and maps') 0:45 */
	assert_int_equal(
		ms_pset_alias(&s,
			      found(&s, makedev(0, 52), 7, 10, 300, "/btrfs/f"),
			      makedev(0, 45), 7),
		0);
	ms_pset_end_pass(&s);
	assert_int_equal(ms_pset_top(&s, &out, 2), 0);
	assert_int_equal(out.n, 2);
	assert_int_equal(out.nkeys, 4);
	out.meminfo_cached_kb = 10000;
	/* the held file, seen by the events: its count stays cachestat's */
	ev_file(&ev[0], &k[0], 8, 1, 1, "/held", 500, 100);
	/* measured, not listed: not listed by the events either */
	ev_file(&ev[1], &k[1], 8, 1, 2, "/small", 9000, 0);
	/* a closed build output, and one with nothing left */
	ev_file(&ev[2], &k[2], 8, 1, 3, "/obj/a.o", 2048, 0);
	ev_file(&ev[3], &k[3], 8, 1, 4, "/obj/gone.o", 64, 64);
	/* the btrfs file by the kernel's key: the row's figures */
	ev_file(&ev[4], &k[4], 0, 45, 7, "/btrfs/f", 40, 0);
	ev_file(&ev[5], &k[5], 0, 45, 8, ".../x", 8, 0);
	ev[5].name_partial = true;
	assert_int_equal(ms_pcache_merge(&out, ev, k, 6, 4), 0);
	assert_int_equal(out.n, 4);
	assert_string_equal(out.v[0].path, "/obj/a.o");
	assert_int_equal(out.v[0].method, MS_PCACHE_EVENTS);
	assert_int_equal(out.v[0].cached_kb, 2048);
	assert_string_equal(out.v[0].memcg, "/build");
	assert_string_equal(out.v[1].path, "/held");
	assert_int_equal(out.v[1].cached_kb, 1000);
	assert_int_not_equal(out.v[1].method, MS_PCACHE_EVENTS);
	assert_int_equal(out.v[1].added_kb, 500);
	assert_int_equal(out.v[1].removed_kb, 100);
	assert_int_equal(out.v[1].memcg_id, 9);
	assert_string_equal(out.v[1].memcg, "/build");
	assert_string_equal(out.v[2].path, "/btrfs/f");
	assert_int_equal(out.v[2].cached_kb, 300);
	assert_int_equal(out.v[2].added_kb, 40);
	assert_string_equal(out.v[3].path, ".../x");
	assert_true(out.v[3].name_partial);
	/* the coverage: exact 1304 kB, events 2056 kB, the rest */
	assert_int_equal(out.measured, 3);
	assert_int_equal(out.cached_kb, 1304);
	assert_int_equal(out.ev_files, 2);
	assert_int_equal(out.ev_cached_kb, 2056);
	assert_int_equal(out.unattributed_kb, 10000 - 1304 - 2056);
	assert_int_equal(out.listed_kb, 2048 + 1000 + 300 + 8);
	/* the events' strings were taken or freed */
	for (int i = 0; i < 6; i++)
		assert_null(ev[i].path);
	/* more than Cached (events of files since dropped): no rest */
	out.meminfo_cached_kb = 1000;
	ms_pcache_derive(&out);
	assert_int_equal(out.unattributed_kb, 0);
	ms_fields_free(ms_pcache_fields, &out);
	ms_pcache_keys_free(&out);
	ms_pset_free(&s);
}

static void parsers(void **state)
{
	uint64_t maj, min;
	char cg[16];
	static const char v2[] = "12:cpu:/x\n0::/system.slice/a.service\n";
	static const char v1[] = "5:cpuset:/\n4:memory,blkio:/user/1000\n";
	static const char longer[] = "0::/a-very-long-cgroup-path\n";

	assert_int_equal(ms_pcache_parse_dev("fd:01", 5, &maj, &min), 0);
	assert_int_equal(maj, 253);
	assert_int_equal(min, 1);
	assert_int_equal(ms_pcache_parse_dev("103:1a", 6, &maj, &min), 0);
	assert_int_equal(maj, 0x103);
	assert_int_equal(min, 0x1a);
	assert_int_equal(ms_pcache_parse_dev("fd01", 4, &maj, &min), -EINVAL);
	assert_int_equal(ms_pcache_parse_dev("fd:", 3, &maj, &min), -EINVAL);
	assert_int_equal(ms_pcache_parse_dev("fd:1x", 5, &maj, &min), -EINVAL);
	assert_int_equal(ms_pcache_parse_dev("123456789:1", 11, &maj, &min),
			 -EINVAL);

	assert_int_equal(
		ms_parse_proc_cgroup(v2, sizeof(v2) - 1, cg, sizeof(cg)), 0);
	assert_string_equal(cg, "/system.slice/a"); /* cut to fit */
	assert_int_equal(
		ms_parse_proc_cgroup(v1, sizeof(v1) - 1, cg, sizeof(cg)), 0);
	assert_string_equal(cg, "/user/1000");
	/* a hybrid host: the pages are charged in v1's memory hierarchy */
	assert_int_equal(ms_parse_proc_cgroup("4:memory:/m\n0::/u\n", 17, cg,
					      sizeof(cg)),
			 0);
	assert_string_equal(cg, "/m");
	assert_int_equal(ms_parse_proc_cgroup("1:cpu:/\n", 8, cg, sizeof(cg)),
			 -ENOENT);
	assert_int_equal(ms_parse_proc_cgroup(longer, 4, cg, sizeof(cg)), 0);
	assert_string_equal(cg, "/"); /* "0::/" without its newline */

	assert_true(ms_pcache_deleted("/tmp/x (deleted)", 16));
	assert_false(ms_pcache_deleted("/tmp/x (deleted", 15));
	assert_false(ms_pcache_deleted("(deleted)", 9));
}

static void captured_tree_says_why(void **state)
{
	struct ms_root r;
	struct ms_procfs pf;
	struct ms_snapshot s;

	memset(&pf, 0, sizeof(pf));
	ms_snapshot_init(&s);
	assert_int_equal(ms_root_open(&r, "tests/fixtures/debian12-6.18"), 0);
	assert_int_equal(ms_procfs_pcache(&r, &pf, true, &s), -EOPNOTSUPP);
	assert_non_null(ms_snapshot_why(&s, "pagecache_files"));
	ms_procfs_pcache_free(&pf);
	ms_root_close(&r);
	ms_snapshot_free(&s);
}

/* The listed file of ino, NULL: not listed. */
static const struct ms_pcache_file *listed(const struct ms_pcache *p,
					   uint64_t ino)
{
	for (int i = 0; i < p->n; i++)
		if (p->v[i].ino == ino)
			return &p->v[i];
	return NULL;
}

/*
 * A file of 8 MiB of ours, read and held open, named with a newline and
 * invalid UTF-8, then unlinked: listed with its pages, (deleted), and
 * without them after POSIX_FADV_DONTNEED. Files of our own: any user.
 */
static void live_file_held_open(void **state)
{
	/* the build tree: a disk (tmpfs keeps its pages whatever we advise) */
	char dir[] = "build/ms-pcache-XXXXXX", path[128];
	static char buf[1 << 20];
	struct ms_root r;
	struct ms_procfs pf;
	struct ms_snapshot s;
	const struct ms_pcache_file *f;
	struct stat st;
	int fd;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/a\nb\xff", dir);
	fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	memset(buf, 'x', sizeof(buf));
	for (int i = 0; i < 8; i++)
		assert_int_equal(write(fd, buf, sizeof(buf)), sizeof(buf));
	assert_int_equal(fsync(fd), 0);
	assert_int_equal(fstat(fd, &st), 0);
	for (off_t o = 0; o < 8 << 20; o += sizeof(buf))
		assert_int_equal(pread(fd, buf, sizeof(buf), o), sizeof(buf));
	unlink(path);
	rmdir(dir);

	memset(&pf, 0, sizeof(pf));
	ms_snapshot_init(&s);
	assert_int_equal(ms_root_open(&r, "/"), 0);
	assert_int_equal(ms_procfs_pcache(&r, &pf, true, &s), 0);
	f = listed(&s.pcache, (uint64_t)st.st_ino);
	if (!f || f->cached_kb == MS_NA) { /* tmpfs, or not ours to count */
		skip();
	}
	assert_true(s.pcache.complete);
	assert_true(f->cached_kb >= 7 * 1024);
	assert_true(f->deleted);
	assert_non_null(strstr(f->path, "/a\nb\xff (deleted)"));
	assert_int_equal(f->pid, getpid());
	assert_true(f->holders >= 1);
	assert_int_equal(f->size_kb, 8192);
	assert_true(s.pcache.cached_kb >= f->cached_kb);

	assert_int_equal(posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED), 0);
	assert_int_equal(ms_procfs_pcache(&r, &pf, true, &s), 0);
	f = listed(&s.pcache, (uint64_t)st.st_ino);
	assert_true(!f || f->cached_kb < 1024);
	close(fd);
	ms_procfs_pcache_free(&pf);
	ms_root_close(&r);
	ms_snapshot_free(&s);
}

static double fake_now;

/*
 * A clock that moves 10 ms each time it is read: the reader asks it at a
 * refresh's start, before each process and every 32 fds or maps lines,
 * so a 25 ms refresh gets through at most 64 of them.
 */
static double fake_clock(void)
{
	return fake_now += 0.010;
}

/*
 * The explorer's refresh stops at its budget and the next goes on from
 * there, inside a process too (one holding 900 fds takes 15 refreshes),
 * on a clock of its own (so never on this machine's speed); a batch
 * sample makes the whole pass at once.
 */
static void budget_goes_on(void **state)
{
	struct ms_root r;
	struct ms_procfs pf;
	struct ms_snapshot s;
	pid_t kids[6];
	double last = -1;
	int i, still = 0, ready[2];
	char c;

	/* more processes than one refresh visits, whatever else runs */
	assert_int_equal(pipe(ready), 0);
	for (i = 0; i < 6; i++) {
		kids[i] = fork();
		assert_true(kids[i] >= 0);
		if (!kids[i]) {
			int fd = open("/proc/self/exe", O_RDONLY);

			for (int k = 0; !i && fd >= 0 && k < 900; k++)
				if (dup(fd) < 0)
					_exit(1);
			if (write(ready[1], "r", 1) != 1)
				_exit(1);
			pause();
			_exit(0);
		}
	}
	/* every child holds its fds before the walk (else it finds fewer) */
	for (i = 0; i < 6; i++)
		assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	close(ready[1]);
	memset(&pf, 0, sizeof(pf));
	pf.clock = fake_clock;
	ms_snapshot_init(&s);
	assert_int_equal(ms_root_open(&r, "/"), 0);
	for (i = 0; i < 100000; i++) {
		assert_int_equal(ms_procfs_pcache(&r, &pf, false, &s), 0);
		if (s.pcache.complete)
			break;
		assert_true(s.pcache.pass_pct >= last);
		still += s.pcache.pass_pct == last; /* inside one process */
		assert_true(s.pcache.pass_pct < 100);
		last = s.pcache.pass_pct;
	}
	for (int k = 0; k < 6; k++) {
		kill(kids[k], SIGKILL);
		waitpid(kids[k], NULL, 0);
	}
	assert_true(s.pcache.complete);
	/* the 900 fds not in one refresh: 64 a refresh, then on */
	assert_true(still >= 900 / 64 - 1);
	assert_true(s.pcache.found >= 1); /* ours: this test's binary */
	/* batch: whole in one sample, whatever the clock says */
	ms_snapshot_reset(&s);
	assert_int_equal(ms_procfs_pcache(&r, &pf, true, &s), 0);
	assert_true(s.pcache.complete);
	ms_procfs_pcache_free(&pf);
	ms_root_close(&r);
	ms_snapshot_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(holders_once_per_process),
		cmocka_unit_test(pass_drops_what_it_did_not_find),
		cmocka_unit_test(alias_key_is_the_same_file),
		cmocka_unit_test(restart_forgets_the_partial_pass),
		cmocka_unit_test(order_and_top),
		cmocka_unit_test(merge_with_events),
		cmocka_unit_test(parsers),
		cmocka_unit_test(captured_tree_says_why),
		cmocka_unit_test(live_file_held_open),
		cmocka_unit_test(budget_goes_on),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
