// SPDX-License-Identifier: GPL-2.0
/*
 * memscope record --dir DIR: the recorder that runs as a service (like
 * atop -w, below record): a sample every -d seconds into hourly (or
 * size-bound) files of the --record format, old ones removed by age and
 * total size (docs/fleet.md).
 */
#define _GNU_SOURCE
#include "app/recd.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/batch.h"
#include "app/session.h"
#include "probes/replay/file.h"
#include "store/recdir.h"
#include "store/record.h"

struct recd {
	const char *dir, *root;
	int dirfd;
	double interval, keep;
	uint64_t max_size, file_max;
	uint64_t big; /* the most one sample added to a file */
	struct ms_record *rec; /* the file being written, NULL between */
	char cur[MS_RECDIR_NAME];
	double cur_start, cur_last;
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: memscope record --dir DIR [-d SECONDS] [--keep DURATION]\n"
		"                       [--max-size SIZE] [--root DIR]\n"
		"Record every section memscope can read into DIR, without a screen,\n"
		"until SIGTERM or SIGINT (docs/fleet.md). Replay: memscope --replay DIR.\n\n"
		"      --dir DIR        where the files go (made 0700 if missing; one\n"
		"                       group- or world-writable or not yours is refused)\n"
		"  -d, --delay SECONDS  time between samples (default 10)\n"
		"      --keep DURATION  remove files older than this: 7d, 12h, 90m\n"
		"                       (default 7d; 0: no age bound)\n"
		"      --max-size SIZE  keep the files within SIZE in all: 1G, 500M\n"
		"                       (default 1G; 0: no size bound); one file is\n"
		"                       at most an hour and an eighth of SIZE\n"
		"      --root DIR       sample a captured tree instead of this machine\n"
		"  -h, --help           this help\n");
}

static int parse(int argc, char **argv, struct recd *r)
{
	static const struct option lo[] = {
		{ "dir", required_argument, NULL, 'D' },
		{ "delay", required_argument, NULL, 'd' },
		{ "keep", required_argument, NULL, 'k' },
		{ "max-size", required_argument, NULL, 'm' },
		{ "root", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	char *end;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "d:h", lo, NULL)) != -1) {
		switch (c) {
		case 'D':
			r->dir = optarg;
			break;
		case 'd':
			r->interval = strtod(optarg, &end);
			if (*end || end == optarg ||
			    !(r->interval >= 0.1 && r->interval <= 3600))
				goto bad;
			break;
		case 'k':
			if (ms_parse_duration(optarg, &r->keep))
				goto bad;
			break;
		case 'm':
			if (ms_parse_size(optarg, &r->max_size) ||
			    (r->max_size && r->max_size < 16384))
				goto bad;
			break;
		case 'r':
			r->root = optarg;
			break;
		case 'h':
			usage(stdout);
			return 1;
		default:
			usage(stderr);
			return -EINVAL;
		}
	}
	if (optind < argc || !r->dir) {
		fprintf(stderr,
			optind < argc ?
				"memscope record: unexpected argument\n" :
				"memscope record: --dir DIR is needed\n");
		return -EINVAL;
	}
	return 0;
bad:
	fprintf(stderr, "memscope record: invalid value '%s' for --%s\n",
		optarg,
		lo[c == 'd' ? 1 :
		   c == 'k' ? 2 :
			      3]
			.name);
	return -EINVAL;
}

/*
 * The directory, made 0700 when missing. Another user's, or one others
 * may write into (they could plant or remove files), is refused; one
 * others may read is narrowed: the files hold every process's name.
 */
static int open_dir(struct recd *r)
{
	struct stat st;

	if (mkdir(r->dir, 0700) && errno != EEXIST) {
		fprintf(stderr, "memscope record: cannot make %s: %s\n", r->dir,
			strerror(errno));
		return -errno;
	}
	/* a link is followed (systemd's DynamicUser state directory is one):
	 * where it leads is what is checked, through this fd from now on */
	r->dirfd = open(r->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (r->dirfd < 0 || fstat(r->dirfd, &st)) {
		fprintf(stderr, "memscope record: cannot open %s: %s\n", r->dir,
			strerror(errno));
		return -errno;
	}
	if (st.st_uid != geteuid()) {
		fprintf(stderr,
			"memscope record: %s belongs to uid %u, not to this "
			"user (uid %u): refused\n",
			r->dir, (unsigned int)st.st_uid,
			(unsigned int)geteuid());
		return -EPERM;
	}
	if (st.st_mode & 022) {
		fprintf(stderr,
			"memscope record: %s is writable by %s (mode %04o): "
			"refused; chmod 700 %s\n",
			r->dir, st.st_mode & 002 ? "everyone" : "its group",
			(unsigned int)(st.st_mode & 07777), r->dir);
		return -EPERM;
	}
	if ((st.st_mode & 077) && fchmod(r->dirfd, 0700)) {
		fprintf(stderr, "memscope record: cannot chmod 700 %s: %s\n",
			r->dir, strerror(errno));
		return -errno;
	}
	if (flock(r->dirfd, LOCK_EX | LOCK_NB)) {
		fprintf(stderr, "memscope record: %s: %s\n", r->dir,
			errno == EWOULDBLOCK ?
				"another memscope record writes into it" :
				strerror(errno));
		return -EBUSY;
	}
	return 0;
}

/* Give a finished file its span: memscope-START-END.zst. */
static void finish(struct recd *r, const char *name, double start, double end)
{
	char to[MS_RECDIR_NAME];

	ms_recdir_name(to, sizeof(to), start, end);
	if (renameat(r->dirfd, name, r->dirfd, to))
		fprintf(stderr, "memscope record: cannot rename %s: %s\n", name,
			strerror(errno));
}

/*
 * A file left without its end (the recorder was killed): its last good
 * sample says where it ends; one with none is removed.
 */
static void finish_left(struct recd *r, const char *name, double start)
{
	struct ms_rec_file f;
	char path[4200], why[256];

	snprintf(path, sizeof(path), "%s/%s", r->dir, name);
	if (ms_rec_open(&f, path, true, why, sizeof(why))) {
		fprintf(stderr, "memscope record: %s: %s: removed\n", name,
			why);
		unlinkat(r->dirfd, name, 0);
	} else {
		fprintf(stderr, "memscope record: %s: %d samples%s%s\n", name,
			f.n, f.end_note[0] ? "; " : "", f.end_note);
		finish(r, name, start, f.v[f.n - 1].t);
	}
	ms_rec_close(&f);
}

struct listing {
	struct ms_recdir_file *f;
	char (*name)[MS_RECDIR_NAME];
	int n, cap;
};

static int by_start(const void *a, const void *b)
{
	const struct ms_recdir_file *x = a, *y = b;

	return (x->start > y->start) - (x->start < y->start);
}

/* Our finished files, oldest first (the one being written left out). */
static int list(struct recd *r, struct listing *l, bool left_over)
{
	int fd = openat(r->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;
	struct stat st;
	double s, t;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return -errno;
	}
	l->n = 0;
	while ((e = readdir(d))) {
		if (strlen(e->d_name) >= MS_RECDIR_NAME ||
		    !ms_recdir_parse(e->d_name, &s, &t) ||
		    !strcmp(e->d_name, r->cur) ||
		    fstatat(r->dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) ||
		    !S_ISREG(st.st_mode))
			continue;
		if (left_over && isnan(t)) {
			finish_left(r, e->d_name, s);
			continue;
		}
		if (l->n == l->cap) {
			int c = l->cap ? 2 * l->cap : 64;
			void *f = realloc(l->f, (size_t)c * sizeof(*l->f));
			void *nm = f ? realloc(l->name,
					       (size_t)c * sizeof(*l->name)) :
				       NULL;

			if (f)
				l->f = f;
			if (!nm)
				break;
			l->name = nm;
			l->cap = c;
		}
		l->f[l->n] =
			(struct ms_recdir_file){ s, t, (uint64_t)st.st_size };
		/* ms_recdir_parse() took it: it fits */
		memcpy(l->name[l->n], e->d_name, strlen(e->d_name) + 1);
		l->n++;
	}
	closedir(d);
	/* names and spans sorted together: sort an index of both */
	for (int i = 1; i < l->n; i++)
		for (int j = i; j > 0 && by_start(&l->f[j - 1], &l->f[j]) > 0;
		     j--) {
			struct ms_recdir_file tf = l->f[j];
			char tn[MS_RECDIR_NAME];

			l->f[j] = l->f[j - 1];
			l->f[j - 1] = tf;
			memcpy(tn, l->name[j], sizeof(tn));
			memcpy(l->name[j], l->name[j - 1], sizeof(tn));
			memcpy(l->name[j - 1], tn, sizeof(tn));
		}
	return 0;
}

/* Retention: the oldest files go first, by age and by total size. */
static void expire(struct recd *r, struct listing *l, double now)
{
	uint64_t reserve = 0;
	int k;

	if (list(r, l, false))
		return;
	/* room for what the current file may still grow to */
	if (r->max_size)
		reserve = r->file_max + r->big;
	k = ms_recdir_expire(l->f, l->n, now, r->keep, r->max_size, reserve);
	for (int i = 0; i < k; i++) {
		if (unlinkat(r->dirfd, l->name[i], 0) && errno != ENOENT)
			fprintf(stderr,
				"memscope record: cannot remove %s: %s\n",
				l->name[i], strerror(errno));
		else {
			char marks[MS_RECDIR_NAME + 8];

			snprintf(marks, sizeof(marks), "%s.marks", l->name[i]);
			unlinkat(r->dirfd, marks, 0);
		}
	}
}

static int end_file(struct recd *r)
{
	int err = ms_record_close(r->rec);

	r->rec = NULL;
	if (err)
		fprintf(stderr, "memscope record: %s: %s\n", r->cur,
			strerror(-err));
	finish(r, r->cur, r->cur_start, r->cur_last);
	r->cur[0] = '\0';
	return err;
}

static int new_file(struct recd *r, double t)
{
	char path[4200], why[160];
	int err;

	ms_recdir_name(r->cur, sizeof(r->cur), t, NAN);
	snprintf(path, sizeof(path), "%s/%s", r->dir, r->cur);
	err = ms_record_open(&r->rec, path, r->interval, why, sizeof(why));
	if (err) {
		fprintf(stderr, "memscope record: cannot create %s: %s\n", path,
			why);
		r->cur[0] = '\0';
	}
	r->cur_start = t;
	return err;
}

/* One sample into the current file, a new one first when it is time. */
static int record(struct recd *r, struct ms_snapshot *s, unsigned int sec,
		  struct listing *l)
{
	uint64_t before;
	int err;

	if (r->rec &&
	    ms_recdir_rotate(r->cur_start, ms_record_bytes(r->rec), s->t_real,
			     r->file_max) &&
	    (err = end_file(r)))
		return err;
	if (!r->rec && (err = new_file(r, s->t_real)))
		return err;
	expire(r, l, s->t_real);
	before = ms_record_bytes(r->rec);
	err = ms_record_write(r->rec, s, sec);
	if (err) {
		fprintf(stderr, "memscope record: %s: %s\n", r->cur,
			strerror(-err));
		return err;
	}
	if (ms_record_bytes(r->rec) - before > r->big)
		r->big = ms_record_bytes(r->rec) - before;
	r->cur_last = s->t_real;
	return 0;
}

static double mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int run(struct recd *r, struct ms_session *ss)
{
	struct ms_request req = { .sections = MS_SEC_ALL,
				  .pagetypes = true,
				  .procs_full = true,
				  .cgroups_full = true,
				  .files_full = true };
	struct ms_snapshot snaps[2], *cur, *prev = NULL;
	struct listing l = { 0 };
	unsigned int sec = ms_record_sections(&req);
	double next = mono();
	int err = 0;

	req.sections = sec;
	ms_catch_signals();
	ms_snapshot_init(&snaps[0]);
	ms_snapshot_init(&snaps[1]);
	for (long i = 0; !ms_stop_signal(); i++) {
		cur = &snaps[i & 1];
		ms_session_sample(ss, &req, cur, prev);
		err = record(r, cur, sec, &l);
		if (err)
			break;
		prev = cur;
		/* on a fixed beat: a slow sample does not push the next */
		next += r->interval;
		if (next < mono())
			next = mono();
		ms_sleep(next - mono());
	}
	if (r->rec && end_file(r) && !err)
		err = -EIO;
	ms_snapshot_free(&snaps[0]);
	ms_snapshot_free(&snaps[1]);
	free(l.f);
	free(l.name);
	return err;
}

int ms_recd_main(int argc, char **argv)
{
	struct recd r = { .interval = 10,
			  .keep = 7 * 86400.0,
			  .max_size = 1ull << 30,
			  .dirfd = -1 };
	struct ms_root root = { .dirfd = -1, .capture_fd = -1 };
	struct listing l = { 0 };
	struct ms_manager m;
	struct ms_session s = { .m = &m };
	int err = parse(argc, argv, &r);

	if (err)
		return err > 0 ? 0 : 2;
	r.file_max = ms_recdir_file_max(r.max_size);
	if (open_dir(&r))
		goto fail;
	list(&r, &l, true); /* what a killed recorder left, finished */
	free(l.f);
	free(l.name);
	err = ms_root_open(&root, r.root);
	if (err) {
		fprintf(stderr, "memscope record: cannot open root %s: %s\n",
			r.root, strerror(-err));
		goto fail;
	}
	err = ms_manager_open_for(&m, &root, MS_SEC_EVERY, NULL);
	if (err) {
		fprintf(stderr,
			"memscope record: no data source below %s: %s\n",
			root.path, m.n ? m.probes[0].why : "no backend");
		ms_root_close(&root);
		goto fail;
	}
	fprintf(stderr,
		"memscope record: into %s every %g s, keeping %g h and %llu "
		"KiB at most (0: no bound)\n",
		r.dir, r.interval, r.keep / 3600,
		(unsigned long long)(r.max_size >> 10));
	err = run(&r, &s);
	ms_manager_close(&m);
	ms_root_close(&root);
	close(r.dirfd);
	return err ? 1 : 0;
fail:
	if (r.dirfd >= 0)
		close(r.dirfd);
	return 1;
}
