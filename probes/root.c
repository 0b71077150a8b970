// SPDX-License-Identifier: GPL-2.0
/* File access below one root prefix, with optional capture of what is read. */
#define _GNU_SOURCE
#include "probes/root.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <linux/magic.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MS_LINES_BUF (256 * 1024)

/* DIR/proc is a mounted procfs (a container's or a chroot's root). */
static bool procfs_below(int dirfd)
{
	int fd = openat(dirfd, "proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct statfs st;
	bool proc;

	if (fd < 0)
		return false;
	proc = !fstatfs(fd, &st) && st.f_type == PROC_SUPER_MAGIC;
	close(fd);
	return proc;
}

int ms_root_open(struct ms_root *r, const char *dir)
{
	memset(r, 0, sizeof(*r));
	r->capture_fd = -1;
	if (!dir || !*dir)
		dir = "/";
	r->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (r->dirfd < 0)
		return -errno;
	snprintf(r->path, sizeof(r->path), "%s", dir);
	r->live = strcmp(dir, "/") == 0;
	r->frozen = !r->live && !procfs_below(r->dirfd);
	return 0;
}

void ms_root_close(struct ms_root *r)
{
	if (r->dirfd >= 0)
		close(r->dirfd);
	if (r->capture_fd >= 0)
		close(r->capture_fd);
	r->dirfd = r->capture_fd = -1;
}

int ms_root_capture(struct ms_root *r, const char *dir)
{
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return -errno;
	r->capture_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return r->capture_fd < 0 ? -errno : 0;
}

static void capture_done(const struct ms_root *r, int dfd)
{
	if (dfd >= 0 && dfd != r->capture_fd)
		close(dfd);
}

/*
 * The directory of rel below the capture directory, made on the way one
 * component at a time (so a path of any length is kept: a cgroup deeper
 * than PATH_MAX), never through a symlink; *leaf is rel's last component.
 * An fd to close with capture_done(), or -1.
 */
static int capture_dir(const struct ms_root *r, const char *rel,
		       const char **leaf)
{
	char part[NAME_MAX + 1];
	const char *slash;
	int dfd = r->capture_fd, next;

	while (dfd >= 0 && (slash = strchr(rel, '/'))) {
		size_t n = (size_t)(slash - rel);

		if (n) { /* not "a//b" */
			next = -1;
			if (n <= NAME_MAX) {
				memcpy(part, rel, n);
				part[n] = '\0';
				mkdirat(dfd, part, 0700);
				next = openat(dfd, part,
					      O_RDONLY | O_DIRECTORY |
						      O_NOFOLLOW | O_CLOEXEC);
			}
			capture_done(r, dfd);
			dfd = next;
		}
		rel = slash + 1;
	}
	*leaf = rel;
	return dfd;
}

static int capture_create(const struct ms_root *r, const char *rel)
{
	const char *leaf;
	int dfd = capture_dir(r, rel, &leaf), fd = -1;

	if (dfd >= 0)
		fd = openat(dfd, leaf,
			    O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC |
				    O_NOFOLLOW,
			    0600);
	capture_done(r, dfd);
	return fd;
}

/* rel kept in the capture as the symlink it is: best effort, as a file */
static void capture_link(const struct ms_root *r, const char *rel,
			 const char *target)
{
	const char *leaf;
	int dfd = capture_dir(r, rel, &leaf), err;

	if (dfd < 0)
		return;
	unlinkat(dfd, leaf, 0);
	err = symlinkat(target, dfd, leaf);
	(void)err; /* not kept: the capture's reader says it is missing */
	capture_done(r, dfd);
}

static void write_all(int fd, const char *p, size_t n)
{
	while (fd >= 0 && n > 0) {
		ssize_t w = write(fd, p, n);

		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

/*
 * Open rel below the root. A captured tree is untrusted: its symlinks are
 * resolved as if the tree were "/" (RESOLVE_IN_ROOT), so an absolute link
 * in a sosreport points into the tree, and none can lead out of it.
 */
static int dir_openat(const struct ms_root *r, int dirfd, const char *rel,
		      int flags)
{
	struct open_how how = { .flags = (unsigned long long)flags,
				.resolve = RESOLVE_IN_ROOT |
					   RESOLVE_NO_MAGICLINKS };
	long fd;

	if (r->live)
		return openat(dirfd, rel, flags);
	/* below a directory of the tree: links resolve inside that one */
	fd = syscall(SYS_openat2, dirfd, rel, &how, sizeof(how));
	if (fd < 0 && errno == ENOSYS) /* before 5.6: refuse links */
		return openat(dirfd, rel, flags | O_NOFOLLOW);
	return (int)fd;
}

static int root_openat(const struct ms_root *r, const char *rel, int flags)
{
	return dir_openat(r, r->dirfd, rel, flags);
}

static const char *skip_slash(const char *rel)
{
	while (*rel == '/')
		rel++;
	return rel;
}

static int buf_reserve(struct ms_buf *b, size_t need)
{
	char *p;
	size_t cap;

	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 4096;
	while (cap < need)
		cap *= 2;
	p = realloc(b->data, cap);
	if (!p)
		return -ENOMEM;
	b->data = p;
	b->cap = cap;
	return 0;
}

void ms_buf_free(struct ms_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

/* Read fd whole into b and close it; rel: its copy in the capture. */
static int read_fd(const struct ms_root *r, int fd, const char *rel,
		   struct ms_buf *b)
{
	int cfd, err = 0;
	ssize_t n;

	for (;;) {
		if (b->cap - b->len < 4096 && buf_reserve(b, b->cap * 2)) {
			err = -ENOMEM;
			break;
		}
		n = read(fd, b->data + b->len, b->cap - b->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			break;
		}
		if (n == 0)
			break;
		b->len += (size_t)n;
	}
	close(fd);
	b->data[b->len] = '\0';
	if (!err && rel && r->capture_fd >= 0) {
		cfd = capture_create(r, rel);
		write_all(cfd, b->data, b->len);
		if (cfd >= 0)
			close(cfd);
	}
	return err;
}

static int buf_start(struct ms_buf *b)
{
	b->len = 0;
	if (buf_reserve(b, 4096))
		return -ENOMEM;
	b->data[0] = '\0';
	return 0;
}

int ms_read(const struct ms_root *r, const char *rel, struct ms_buf *b)
{
	int fd;

	rel = skip_slash(rel);
	if (buf_start(b))
		return -ENOMEM;
	fd = root_openat(r, rel, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	return read_fd(r, fd, rel, b);
}

int ms_read_at(const struct ms_root *r, int dirfd, const char *name,
	       const char *rel, struct ms_buf *b)
{
	int fd;

	if (buf_start(b))
		return -ENOMEM;
	fd = dir_openat(r, dirfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	return read_fd(r, fd, rel ? skip_slash(rel) : NULL, b);
}

int ms_opendir(const struct ms_root *r, const char *rel)
{
	char part[PATH_MAX];
	int fd = r->dirfd, next, err;

	rel = skip_slash(rel);
	if (!*rel)
		rel = ".";
	for (;;) {
		size_t n = strlen(rel);
		const char *cut = rel + n;

		/* the longest run of whole components that fits a path */
		if (n >= sizeof(part)) {
			cut = memrchr(rel, '/', sizeof(part) - 1);
			if (!cut || cut == rel) {
				err = -ENAMETOOLONG;
				break;
			}
		}
		memcpy(part, rel, (size_t)(cut - rel));
		part[cut - rel] = '\0';
		next = dir_openat(r, fd, part,
				  O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		err = next < 0 ? -errno : 0;
		if (fd != r->dirfd)
			close(fd);
		if (next < 0)
			return err;
		fd = next;
		rel = skip_slash(cut);
		if (!*rel)
			return fd;
	}
	if (fd != r->dirfd)
		close(fd);
	return err;
}

int ms_readf(const struct ms_root *r, struct ms_buf *b, const char *fmt, ...)
{
	char rel[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rel, sizeof(rel), fmt, ap);
	va_end(ap);
	return ms_read(r, rel, b);
}

int ms_read_str(const struct ms_root *r, const char *rel, char *s, size_t n)
{
	struct ms_buf b = { 0 };
	int err = ms_read(r, rel, &b);

	if (n)
		s[0] = '\0';
	if (!err && n) {
		size_t len = b.len;

		while (len &&
		       (b.data[len - 1] == '\n' || b.data[len - 1] == ' '))
			len--;
		if (len >= n)
			len = n - 1;
		memcpy(s, b.data, len);
		s[len] = '\0';
	}
	ms_buf_free(&b);
	return err;
}

int ms_read_u64(const struct ms_root *r, const char *rel, unsigned long long *v)
{
	char s[64], *end;
	int err = ms_read_str(r, rel, s, sizeof(s));

	if (err)
		return err;
	errno = 0;
	*v = strtoull(s, &end, 10);
	if (errno || end == s || s[0] == '-')
		return -EINVAL;
	return 0;
}

int ms_readlink(const struct ms_root *r, const char *rel, char *s, size_t n)
{
	ssize_t len;

	rel = skip_slash(rel);
	if (n == 0)
		return -EINVAL;
	len = readlinkat(r->dirfd, rel, s, n - 1);
	if (len < 0)
		return -errno;
	s[len] = '\0';
	if (r->capture_fd >= 0)
		capture_link(r, rel, s);
	return 0;
}

int ms_open(const struct ms_root *r, const char *rel)
{
	return root_openat(r, skip_slash(rel), O_RDONLY | O_CLOEXEC | O_NOCTTY);
}

int ms_capture_file(const struct ms_root *r, const char *rel)
{
	return capture_create(r, skip_slash(rel));
}

bool ms_exists(const struct ms_root *r, const char *rel)
{
	int fd = root_openat(r, skip_slash(rel),
			     O_PATH | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* List the directory open at fd, which it closes. */
static int list_fd(int fd,
		   int (*fn)(void *ctx, const char *name, unsigned char type),
		   void *ctx)
{
	struct dirent *de;
	DIR *d;
	int err = 0;

	if (fd < 0)
		return -errno;
	d = fdopendir(fd);
	if (!d) {
		err = -errno;
		close(fd);
		return err;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		err = fn(ctx, de->d_name, de->d_type);
		if (err < 0)
			break;
	}
	closedir(d);
	return err < 0 ? err : 0;
}

int ms_listdir(const struct ms_root *r, const char *rel,
	       int (*fn)(void *ctx, const char *name, unsigned char type),
	       void *ctx)
{
	rel = skip_slash(rel);
	return list_fd(root_openat(r, *rel ? rel : ".",
				   O_RDONLY | O_DIRECTORY | O_CLOEXEC),
		       fn, ctx);
}

int ms_listdir_at(const struct ms_root *r, int dirfd,
		  int (*fn)(void *ctx, const char *name, unsigned char type),
		  void *ctx)
{
	return list_fd(dir_openat(r, dirfd, ".",
				  O_RDONLY | O_DIRECTORY | O_CLOEXEC),
		       fn, ctx);
}

static int add_pid(void *ctx, const char *name, unsigned char type)
{
	struct ms_pids *l = ctx;
	long pid = 0;

	if (type != DT_DIR && type != DT_UNKNOWN)
		return 0;
	for (const char *c = name; *c; c++) {
		if (*c < '0' || *c > '9' || pid > 1 << 30)
			return 0;
		pid = pid * 10 + (*c - '0');
	}
	if (pid <= 0)
		return 0;
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 512;
		int *v = realloc(l->v, (size_t)cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (int)pid;
	return 0;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

int ms_list_pids(const struct ms_root *r, struct ms_pids *l)
{
	int err;

	l->n = 0;
	err = ms_listdir(r, "proc", add_pid, l);
	/* a tree without a process has no array: qsort(NULL) is undefined */
	if (!err && l->n)
		qsort(l->v, (size_t)l->n, sizeof(*l->v), cmp_int);
	return err;
}

int ms_lines_open(const struct ms_root *r, const char *rel, struct ms_lines *l)
{
	memset(l, 0, sizeof(*l));
	rel = skip_slash(rel);
	l->cfd = -1;
	l->fd = root_openat(r, rel, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (l->fd < 0)
		return -errno;
	l->cap = MS_LINES_BUF;
	l->buf = malloc(l->cap + 1);
	if (!l->buf) {
		close(l->fd);
		l->fd = -1;
		return -ENOMEM;
	}
	l->cfd = capture_create(r, rel);
	return 0;
}

/* Move the unread tail to the front and read more after it. */
static int lines_fill(struct ms_lines *l)
{
	ssize_t n;

	if (l->start > 0) {
		memmove(l->buf, l->buf + l->start, l->end - l->start);
		l->end -= l->start;
		l->start = 0;
	}
	if (l->end == l->cap) {
		char *p = realloc(l->buf, l->cap * 2 + 1);

		if (!p)
			return -ENOMEM;
		l->buf = p;
		l->cap *= 2;
	}
	do
		n = read(l->fd, l->buf + l->end, l->cap - l->end);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if (n == 0)
		l->eof = true;
	write_all(l->cfd, l->buf + l->end, (size_t)n);
	l->end += (size_t)n;
	return 0;
}

char *ms_lines_next(struct ms_lines *l, size_t *len)
{
	char *line, *nl;

	if (l->fd < 0)
		return NULL;
	for (;;) {
		line = l->buf + l->start;
		nl = memchr(line, '\n', l->end - l->start);
		if (nl || (l->eof && l->end > l->start)) {
			if (!nl)
				nl = l->buf +
				     l->end; /* last line, no newline */
			*nl = '\0';
			if (len)
				*len = (size_t)(nl - line);
			l->start = (size_t)(nl - l->buf) + 1;
			if (l->start > l->end)
				l->start = l->end;
			return line;
		}
		if (l->eof)
			return NULL;
		l->err = lines_fill(l);
		if (l->err)
			return NULL;
	}
}

void ms_lines_close(struct ms_lines *l)
{
	if (l->fd >= 0)
		close(l->fd);
	if (l->cfd >= 0)
		close(l->cfd);
	free(l->buf);
	memset(l, 0, sizeof(*l));
	l->fd = l->cfd = -1;
}
