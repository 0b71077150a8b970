// SPDX-License-Identifier: GPL-2.0
/* Process list: stat/statm/status/smaps_rollup parsers, trees, live cache. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probes/procfs/proc.h"
#include "probes/procfs/procfs.h"
#include "probes/procfs/users.h"
#include "tests/unit/procfs_test.h"

#define FIX "tests/fixtures/"

static int sample(struct pt_env *e)
{
	ms_snapshot_reset(&e->s);
	e->err = ms_procfs_procs(&e->root, &e->pf, false, &e->s);
	return e->err;
}

static void close_env(struct pt_env *e)
{
	ms_procfs_procs_free(&e->pf);
	assert_null(e->pf.procs);
	pt_fini(e);
}

static const struct ms_proc *find(const struct ms_snapshot *s, int pid)
{
	for (int i = 0; i < s->procs.n; i++)
		if (s->procs.v[i].pid == pid)
			return &s->procs.v[i];
	return NULL;
}

/* ---- parsers ---- */

static int parse_stat(const char *text, struct ms_stat *st)
{
	return ms_parse_stat(text, strlen(text), st);
}

static void stat_fields(void **state)
{
	struct ms_stat st;

	assert_int_equal(parse_stat("14118 (sh) S 14115 14115 12491 0 -1 "
				    "4194304 436 9123 0 1 0 3 10 5 20 0 1 0 "
				    "43147 2654208 427 18446744073709551615 "
				    "94823077892096 0 0\n",
				    &st),
			 0);
	assert_int_equal(st.pid, 14118);
	assert_string_equal(st.comm, "sh");
	assert_int_equal(st.state, 'S');
	assert_int_equal(st.ppid, 14115); /* the tree's edges (F5) */
	assert_int_equal(st.flags, 4194304);
	assert_int_equal(st.minflt, 436);
	assert_int_equal(st.majflt, 0);
	assert_int_equal(st.starttime, 43147);
	assert_int_equal(st.vsize, 2654208);
	assert_int_equal(st.rss_pages, 427);

	/* real-time priority and nice are negative: skipped over */
	assert_int_equal(parse_stat("9 (rt) R 2 0 0 0 -1 2129984 5 0 6 0 0 0 "
				    "0 0 -100 -20 1 0 77 0 0 0\n",
				    &st),
			 0);
	assert_int_equal(st.majflt, 6);
	assert_int_equal(st.starttime, 77);
	assert_true(st.flags & MS_PF_KTHREAD);
}

static void stat_hostile_comm(void **state)
{
	struct ms_stat st;
	char text[256];

	/* ')' and "(x) " inside comm: comm ends at the LAST ')' */
	assert_int_equal(parse_stat("4242 (a) b\x1b[31m\n\xff(x) R 1 2 3 4 5 6 "
				    "7 8 9 10 11 12 13 14 15 16 17 18 19 20 21"
				    "\n",
				    &st),
			 0);
	assert_string_equal(st.comm, "a) b\x1b[31m\n\xff(x");
	assert_int_equal(st.state, 'R');
	assert_int_equal(st.flags, 6);
	assert_int_equal(st.rss_pages, 21);
	assert_int_equal(parse_stat("7 () ) Z 1 2 3 4 5 6 7 8 9 10 11 12 13 14 "
				    "15 16 17 18 19 20 21",
				    &st),
			 0);
	assert_string_equal(st.comm, ") ");
	assert_int_equal(st.state, 'Z');

	/* longer than we keep: cut, NUL-terminated */
	snprintf(text, sizeof(text),
		 "8 (%0100d) S 1 2 3 4 5 6 7 8 9 10 11 12 "
		 "13 14 15 16 17 18 19 20 21",
		 0);
	assert_int_equal(parse_stat(text, &st), 0);
	assert_int_equal(strlen(st.comm), MS_NAME - 1);
}

static void stat_malformed(void **state)
{
	struct ms_stat st;

	assert_int_equal(parse_stat("", &st), -ENODATA);
	assert_int_equal(parse_stat("12 (x S 1 2", &st), -EINVAL);
	assert_int_equal(parse_stat("12 x) S 1 2", &st), -EINVAL);
	assert_int_equal(parse_stat("(x) S 1 2 3", &st), -EINVAL);
	/* cut before rss */
	assert_int_equal(parse_stat("12 (x) S 1 2 3 4 5 6 7 8 9 10", &st),
			 -EINVAL);
	assert_int_equal(parse_stat("12 (x)", &st), -EINVAL);
	assert_int_equal(parse_stat("12 (x) S 1 2 3 4 5 6 7 8 9 10 11 12 13 "
				    "14 15 16 17 18 19 20 zz",
				    &st),
			 -EINVAL);
}

static int status_of(const char *text, struct ms_proc_detail *d)
{
	return ms_parse_status(text, strlen(text), d);
}

static int statm_of(const char *text, uint64_t *res)
{
	return ms_parse_statm(text, strlen(text), res);
}

static void statm_status_rollup(void **state)
{
	static const char status[] = "Name:\tsh\nUmask:\t0022\nState:\tS\n"
				     "Uid:\t1000\t1001\t1001\t1001\n"
				     "VmRSS:\t    1788 kB\nRssAnon:\t 112 kB\n"
				     "VmSwap:\t      64 kB\nThreads:\t1\n";
	static const char rollup[] = "563db7df9000-7ffcacf07000 ---p 00000000 "
				     "00:00 0  [rollup]\n"
				     "Rss:                1788 kB\n"
				     "Pss:                 424 kB\n"
				     "Pss_Dirty:           112 kB\n"
				     "Pss_Anon:            112 kB\n"
				     "Swap:                 32 kB\n"
				     "SwapPss:              16 kB\n";
	struct ms_proc_detail d;
	uint64_t res;

	assert_int_equal(statm_of("648 447 419 19 0 91 0\n", &res), 0);
	assert_int_equal(res, 447);
	assert_int_equal(statm_of("648\n", &res), -EINVAL);
	assert_int_equal(ms_parse_statm("", 0, &res), -EINVAL);

	ms_proc_detail_init(&d);
	assert_int_equal(ms_parse_status(status, strlen(status), &d), 0);
	assert_int_equal(d.uid, 1000); /* the real uid: first column */
	assert_int_equal(d.vm_rss_kb, 1788);
	assert_int_equal(d.vm_swap_kb, 64);
	assert_true(d.pss_kb == MS_NA);
	assert_int_equal(ms_parse_rollup(rollup, strlen(rollup), &d), 0);
	assert_int_equal(d.rss_kb, 1788);
	assert_int_equal(d.pss_kb, 424); /* not Pss_Dirty's 112 */
	assert_int_equal(d.swap_kb, 32); /* not SwapPss's 16 */

	/* a kernel thread's: no Vm lines; an empty rollup */
	ms_proc_detail_init(&d);
	assert_int_equal(status_of("Name:\tkthreadd\nUid:\t0\t0\t0\t0\n", &d),
			 0);
	assert_int_equal(d.uid, 0);
	assert_true(d.vm_rss_kb == MS_NA);
	assert_int_equal(ms_parse_rollup("", 0, &d), -ENODATA);
	assert_int_equal(status_of("Name:\tx\n", &d), -ENODATA);
}

/* ---- fixture trees ---- */

static void debian618(void **state)
{
	const struct ms_proc *p;
	struct pt_env e;

	pt_init(&e, FIX "debian12-6.18");
	assert_int_equal(sample(&e), 0);
	p = find(&e.s, 14118);
	assert_non_null(p);
	assert_string_equal(p->comm, "sh");
	assert_string_equal(p->cmdline, "sh tests/fixtures/capture.sh "
					"tests/fixtures/debian12-6.18");
	assert_int_equal(p->state, 'S');
	assert_int_equal(p->uid, 0);
	assert_int_equal(p->minflt, 436);
	assert_int_equal(p->majflt, 0);
	assert_int_equal(p->rss_kb, 1788); /* VmRSS */
	assert_int_equal(p->pss_kb, 424);
	assert_int_equal(p->swap_kb, 0);
	assert_int_equal(p->vmas, 25);
	assert_false(p->kthread);
	/* pid 1's maps and smaps_rollup could not be captured: unknown */
	p = find(&e.s, 1);
	assert_non_null(p);
	assert_string_equal(p->comm, "process_api");
	assert_int_equal(p->rss_kb, 14788);
	assert_int_equal(p->minflt, 33405);
	assert_true(p->pss_kb == MS_NA);
	assert_true(p->vmas == MS_NA);
	assert_int_equal(p->swap_kb, 0); /* VmSwap */
	/* sorted by pid, and a missing file is no access problem */
	for (int i = 1; i < e.s.procs.n; i++)
		assert_true(e.s.procs.v[i - 1].pid < e.s.procs.v[i].pid);
	assert_null(ms_snapshot_why(&e.s, "smaps_rollup"));
	close_env(&e);
}

/* Debian's 6.1 kernel in QEMU: busybox, a hostile comm, kernel threads. */
static void debian61(void **state)
{
	const struct ms_proc *p;
	struct pt_env e;

	pt_init(&e, FIX "debian-6.1-2node");
	assert_int_equal(sample(&e), 0);
	assert_int_equal(e.s.procs.n, 8);
	p = find(&e.s, 127);
	assert_string_equal(p->comm, "sh");
	assert_int_equal(p->state, 'R');
	assert_int_equal(p->minflt, 2013);
	assert_int_equal(p->majflt, 0);
	assert_int_equal(p->rss_kb, 7576);
	assert_int_equal(p->pss_kb, 4266);
	assert_int_equal(p->swap_kb, 9608); /* on zram */
	assert_int_equal(p->vmas, 11);
	assert_int_equal(p->uid, 0);
	p = find(&e.s, 128);
	assert_string_equal(p->comm, "evil\x1b[31m\nname");
	assert_int_equal(p->minflt, 149);
	assert_int_equal(p->pss_kb, 216);
	assert_int_equal(p->vmas, 10);
	p = find(&e.s, 1);
	assert_string_equal(p->comm, "init");
	assert_int_equal(p->rss_kb, 1732); /* VmRSS, not rollup's 1796 */
	assert_int_equal(p->pss_kb, 294);
	p = find(&e.s, 50);
	assert_string_equal(p->comm, "kswapd0");
	assert_true(p->kthread);
	assert_int_equal(p->rss_kb, 0);
	assert_int_equal(p->pss_kb, 0);
	assert_int_equal(p->vmas, 0);
	assert_null(ms_snapshot_why(&e.s, "smaps_rollup"));
	close_env(&e);
}

static void hostile(void **state)
{
	const struct ms_proc *p;
	struct pt_env e;

	pt_init(&e, FIX "edge-proc-hostile");
	assert_int_equal(sample(&e), 0);
	assert_int_equal(e.s.procs.n, 1);
	p = &e.s.procs.v[0];
	assert_int_equal(p->pid, 4242);
	assert_string_equal(p->comm, "a) b\x1b[31m\n\xff(x");
	assert_int_equal(p->uid, 1000);
	/* the tree's own passwd, raw bytes, first line of a uid wins */
	assert_string_equal(p->user, "\x1b]0;pwned\aev\x1b[2Jil");
	assert_int_equal(p->minflt, 123);
	assert_int_equal(p->majflt, 7);
	assert_int_equal(p->rss_kb, 1200);
	assert_int_equal(p->pss_kb, 800);
	assert_int_equal(p->swap_kb, 64);
	assert_int_equal(p->vmas, 8);
	/* its arguments joined, raw: escaping is the outputs' job */
	assert_string_equal(p->cmdline, "evil\x1b[2J --arg \xff");
	close_env(&e);
}

static void cmdline_args(void **state)
{
	static const char args[] = "python3\0-m\0http.server\0\0";
	char out[MS_CMDLINE], small[8];

	assert_int_equal(
		ms_parse_cmdline(args, sizeof(args) - 1, out, sizeof(out)), 22);
	assert_string_equal(out, "python3 -m http.server");
	/* a rewritten one (setproctitle) keeps its own spaces */
	ms_parse_cmdline("sshd: u@pts/0", 13, out, sizeof(out));
	assert_string_equal(out, "sshd: u@pts/0");
	/* a kernel thread's or a zombie's is empty */
	assert_int_equal(ms_parse_cmdline("", 0, out, sizeof(out)), 0);
	assert_string_equal(out, "");
	/* cut to the buffer, NUL-terminated */
	assert_int_equal(ms_parse_cmdline(args, sizeof(args) - 1, small,
					  sizeof(small)),
			 7);
	assert_string_equal(small, "python3");
}

static void cgroup_lines(void **state)
{
	/* a hybrid host: v1 memory, v2 unified without it */
	static const char hybrid[] = "12:pids:/user.slice/user-0.slice\n"
				     "6:cpu,cpuacct:/user.slice\n"
				     "4:blkio,memory:/user.slice/a b\n"
				     "0::/user.slice/user-0.slice/session-1\n";
	static const char v2[] = "0::/system.slice/ssh.service\n";
	char out[MS_CG_PATH], small[6];

	(void)state;
	assert_int_equal(ms_parse_proc_cgroup(hybrid, sizeof(hybrid) - 1, out,
					      sizeof(out)),
			 0);
	assert_string_equal(out, "/user.slice/a b");
	assert_int_equal(
		ms_parse_proc_cgroup(v2, sizeof(v2) - 1, out, sizeof(out)), 0);
	assert_string_equal(out, "/system.slice/ssh.service");
	/* no newline at the end, the v2 line before the memory one */
	assert_int_equal(ms_parse_proc_cgroup("0::/x\n3:memory:/y", 18, out,
					      sizeof(out)),
			 0);
	assert_string_equal(out, "/y");
	/* "memoryx" is not memory; without either: -ENOENT, out "" */
	assert_int_equal(ms_parse_proc_cgroup("3:memoryx:/y\n", 13, out,
					      sizeof(out)),
			 -ENOENT);
	assert_string_equal(out, "");
	/* a cut line, a hierarchy id other than 0 with no controller */
	assert_int_equal(ms_parse_proc_cgroup("3:memory\n1::/z\n", 15, out,
					      sizeof(out)),
			 -ENOENT);
	/* cut to the buffer */
	assert_int_equal(ms_parse_proc_cgroup(v2, sizeof(v2) - 1, small,
					      sizeof(small)),
			 0);
	assert_string_equal(small, "/syst");
}

static void passwd_lines(void **state)
{
	static const char text[] =
		"# comment\n"
		"root:x:0:0:root:/root:/bin/bash\n"
		"\n"
		"nouid:x::0::/:/bin/sh\n"
		":x:5:5::/:/bin/sh\n"
		"big:x:4294967295:0::/:/bin/sh\n"
		"neg:x:-1:0::/:/bin/sh\n"
		"trunc:x:7\n"
		"Name:\tkthreadd\n" /* one ':' (fuzz: NULL + 1 in the parser) */
		"a23456789012345678901234567890123:x:8:8::/:/bin/sh\n"
		"www-data:x:33:33::/var/www:/usr/sbin/nologin\n"
		"again:x:0:0::/:/bin/sh\n"
		"last:x:1000:1000::/home/last:/bin/sh";
	struct ms_users u = { 0 };

	/* seven malformed: no uid, no name, uid out of range (2), no ':'
	 * after the uid, a single ':', a name over 32 bytes */
	assert_int_equal(ms_parse_passwd(text, sizeof(text) - 1, &u), 7);
	assert_int_equal(u.n, 3);
	assert_int_equal(u.v[0].uid, 0);
	assert_string_equal(u.v[0].name, "root"); /* not "again" */
	assert_int_equal(u.v[1].uid, 33);
	assert_string_equal(u.v[1].name, "www-data");
	assert_int_equal(u.v[2].uid, 1000); /* a last line without '\n' */
	assert_string_equal(u.v[2].name, "last");
	ms_users_free(&u);
	assert_int_equal(ms_parse_passwd("", 0, &u), 0);
	assert_int_equal(u.n, 0);
	ms_users_free(&u);
}

static void users_of_tree(void **state)
{
	struct pt_env e;

	/* debian12-6.18 carries the machine's etc/passwd: uid 0 is root */
	pt_init(&e, FIX "debian12-6.18");
	assert_int_equal(sample(&e), 0);
	for (int i = 0; i < e.s.procs.n; i++)
		if (e.s.procs.v[i].uid == 0)
			assert_string_equal(e.s.procs.v[i].user, "root");
	close_env(&e);
}

static void vanished_kthread_nosmaps(void **state)
{
	const struct ms_proc *p;
	struct pt_env e;

	/* a pid whose files are gone is left out, not an error */
	pt_init(&e, FIX "edge-proc-vanished");
	assert_int_equal(sample(&e), 0);
	assert_int_equal(e.s.procs.n, 1);
	assert_int_equal(e.s.procs.v[0].pid, 501);
	assert_int_equal(e.s.procs.v[0].pss_kb, 2);
	close_env(&e);

	pt_init(&e, FIX "edge-proc-kthread");
	assert_int_equal(sample(&e), 0);
	assert_int_equal(e.s.procs.n, 2);
	p = find(&e.s, 2);
	assert_true(p->kthread);
	assert_string_equal(p->comm, "kthreadd");
	assert_int_equal(p->rss_kb, 0);
	assert_int_equal(p->pss_kb, 0);
	assert_int_equal(p->swap_kb, 0);
	assert_int_equal(p->vmas, 0);
	assert_int_equal(p->uid, 0);
	/* a tree without etc/passwd: no name, never this machine's "root" */
	assert_string_equal(p->user, "");
	p = find(&e.s, 3); /* a zombie: no address space */
	assert_false(p->kthread);
	assert_int_equal(p->state, 'Z');
	assert_int_equal(p->uid, 1000);
	assert_int_equal(p->minflt, 5);
	assert_true(p->pss_kb == MS_NA);
	assert_int_equal(p->vmas, 0);
	close_env(&e);

	pt_init(&e, FIX "edge-proc-nosmaps");
	assert_int_equal(sample(&e), 0);
	p = find(&e.s, 600);
	assert_int_equal(p->vmas, 6);
	assert_int_equal(p->rss_kb, 40);
	assert_true(p->pss_kb == MS_NA);
	close_env(&e);
}

static void no_processes(void **state)
{
	char dir[] = "/tmp/ms-test-proc-XXXXXX", path[64];
	struct pt_env e;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/proc", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/proc/12", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	pt_init(&e, dir);
	assert_int_equal(sample(&e), -ENODATA);
	assert_non_null(ms_snapshot_why(&e.s, "processes"));
	close_env(&e);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/proc", dir);
	rmdir(path);
	pt_init(&e, dir);
	assert_int_equal(sample(&e), -ENOENT);
	assert_non_null(ms_snapshot_why(&e.s, "processes"));
	close_env(&e);
	rmdir(dir);
}

/* ---- the live system ---- */

static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	assert_non_null(d);
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

static void live_self(void **state)
{
	const struct ms_proc *p;
	struct pt_env e;
	int fds = count_fds();

	pt_init(&e, "/");
	assert_int_equal(sample(&e), 0);
	assert_true(e.s.procs.n > 1);
	p = find(&e.s, getpid());
	assert_non_null(p);
	assert_string_equal(p->comm, "test_proc");
	assert_int_equal(p->state, 'R');
	assert_int_equal(p->uid, getuid());
	assert_true(p->rss_kb > 0 && p->rss_kb != MS_NA);
	assert_true(p->pss_kb > 0 && p->pss_kb != MS_NA);
	assert_true(p->vmas > 5 && p->vmas != MS_NA);
	assert_true(p->minflt > 0);
	/* the next samples keep what the first one read */
	for (int i = 0; i < 3; i++) {
		assert_int_equal(sample(&e), 0);
		p = find(&e.s, getpid());
		assert_non_null(p);
		assert_true(p->pss_kb != MS_NA && p->vmas != MS_NA);
		assert_int_equal(p->uid, getuid());
		assert_string_equal(p->comm, "test_proc");
		/* the command line, kept between detail reads */
		assert_non_null(strstr(p->cmdline, "test_proc"));
	}
	/* kept fds: at most two per process, all closed at the end */
	assert_true(count_fds() > fds);
	assert_true(count_fds() <= fds + 2 * e.s.procs.n + 2);
	close_env(&e);
	assert_int_equal(count_fds(), fds);
}

static void live_birth_and_death(void **state)
{
	const struct ms_proc *p;
	struct pt_env e;
	pid_t child;

	pt_init(&e, "/");
	assert_int_equal(sample(&e), 0);
	child = fork();
	assert_true(child >= 0);
	if (!child) {
		pause();
		_exit(0);
	}
	/* born after the first sample: listed by the next one */
	assert_int_equal(sample(&e), 0);
	p = find(&e.s, child);
	assert_non_null(p);
	assert_string_equal(p->comm, "test_proc");
	kill(child, SIGKILL);
	assert_int_equal(waitpid(child, NULL, 0), child);
	/* reaped: gone from the next sample, kept fd or not */
	assert_int_equal(sample(&e), 0);
	assert_null(find(&e.s, child));
	assert_non_null(find(&e.s, getpid()));
	close_env(&e);
}

static void live_not_root(void **state)
{
	pid_t child;
	int status;

	if (geteuid() != 0)
		skip(); /* then the other tests already run unprivileged */
	child = fork();
	assert_true(child >= 0);
	if (!child) {
		struct pt_env e;
		const char *why;

		if (setgid(65534) || setuid(65534))
			_exit(3);
		memset(&e, 0, sizeof(e));
		if (ms_root_open(&e.root, "/"))
			_exit(4);
		ms_snapshot_init(&e.s);
		if (ms_procfs_procs(&e.root, &e.pf, false, &e.s))
			_exit(5);
		why = ms_snapshot_why(&e.s, "smaps_rollup");
		if (!why ||
		    strcmp(why, "needs root for other users' processes"))
			_exit(6);
		/* pid 1 is still listed, with what everybody may read */
		if (!find(&e.s, 1) || find(&e.s, 1)->pss_kb != MS_NA ||
		    find(&e.s, 1)->rss_kb == MS_NA)
			_exit(7);
		ms_procfs_procs_free(&e.pf);
		ms_snapshot_free(&e.s);
		ms_buf_free(&e.pf.buf);
		ms_root_close(&e.root);
		_exit(0);
	}
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void live_capture(void **state)
{
	char dir[] = "/tmp/ms-test-proc-XXXXXX", path[128];
	struct pt_env e;
	struct stat st;

	/* capturing reads every file again, so the capture has them all */
	assert_non_null(mkdtemp(dir));
	pt_init(&e, "/");
	assert_int_equal(ms_root_capture(&e.root, dir), 0);
	assert_int_equal(sample(&e), 0);
	assert_null(e.pf.procs);
	snprintf(path, sizeof(path), "%s/proc/%d/stat", dir, getpid());
	assert_int_equal(stat(path, &st), 0);
	snprintf(path, sizeof(path), "%s/proc/%d/smaps_rollup", dir, getpid());
	assert_int_equal(stat(path, &st), 0);
	/* and the passwd that names its users, so the tree names them too */
	snprintf(path, sizeof(path), "%s/etc/passwd", dir);
	assert_int_equal(stat(path, &st), 0);
	close_env(&e);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	assert_int_equal(system(path), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stat_fields),
		cmocka_unit_test(stat_hostile_comm),
		cmocka_unit_test(stat_malformed),
		cmocka_unit_test(statm_status_rollup),
		cmocka_unit_test(cmdline_args),
		cmocka_unit_test(cgroup_lines),
		cmocka_unit_test(debian618),
		cmocka_unit_test(debian61),
		cmocka_unit_test(hostile),
		cmocka_unit_test(passwd_lines),
		cmocka_unit_test(users_of_tree),
		cmocka_unit_test(vanished_kthread_nosmaps),
		cmocka_unit_test(no_processes),
		cmocka_unit_test(live_self),
		cmocka_unit_test(live_birth_and_death),
		cmocka_unit_test(live_not_root),
		cmocka_unit_test(live_capture),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
