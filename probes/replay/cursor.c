// SPDX-License-Identifier: GPL-2.0
/*
 * The replay's cursor (probes/cursor.h): where in the recording the next
 * sample is, its playback speed, and the bookmarks kept beside the file.
 */
#define _GNU_SOURCE
#include "probes/replay/replay.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probes/replay/file.h"
#include "store/recdir.h"

struct ms_cursor {
	/*
	 * The recording's files in time order, one timeline: a file, or
	 * every .zst of a directory (memscope record --dir)
	 */
	struct ms_rec_file *f;
	int nf;
	int *base; /* f[k]'s first sample's place in the timeline */
	int n; /* samples in all */
	int open; /* the file whose fd and buffers are held, -1 none */
	bool dir;
	bool later; /* a directory's files after the window were left out */
	bool damaged;
	char note[1024]; /* why samples end early, per file for a directory */
	int pos;
	double speed;
	int *marks; /* sorted sample indexes */
	int nr_marks, cap_marks;
	char marks_path[4200];
	mode_t mode; /* the recording's permissions: FILE.marks gets no more */
	char marks_err[80]; /* why FILE.marks could not be written */
};

static const double speeds[] = { 0.25, 0.5, 1, 2, 4, 8, 16 };
#define NSPEEDS (int)(sizeof(speeds) / sizeof(speeds[0]))

/* ---- bookmarks ----------------------------------------------------------- */

/*
 * FILE.marks as private as FILE (0600 as --record makes it): created with
 * its mode, and one an older memscope left wider is narrowed, never widened.
 */
static FILE *marks_create(const struct ms_cursor *c)
{
	int fd = open(c->marks_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		      c->mode);
	struct stat st;
	FILE *f;

	if (fd < 0)
		return NULL;
	if (!fstat(fd, &st) && (st.st_mode & 0777 & ~c->mode))
		fchmod(fd, st.st_mode & 0777 & c->mode);
	f = fdopen(fd, "w");
	if (!f)
		close(fd);
	return f;
}

static void marks_save(struct ms_cursor *c)
{
	FILE *f;

	/* a directory's sample numbers move as its oldest files go */
	if (c->dir) {
		snprintf(c->marks_err, sizeof(c->marks_err),
			 "a directory's are kept until memscope quits");
		return;
	}
	f = marks_create(c);
	c->marks_err[0] = '\0';
	if (f) {
		for (int i = 0; i < c->nr_marks; i++)
			fprintf(f, "%d\n", c->marks[i] + 1);
		if (!fclose(f))
			return;
	}
	snprintf(c->marks_err, sizeof(c->marks_err), "%s", strerror(errno));
}

static int mark_find(const struct ms_cursor *c, int i)
{
	for (int k = 0; k < c->nr_marks; k++)
		if (c->marks[k] >= i)
			return k;
	return c->nr_marks;
}

static void mark_set(struct ms_cursor *c, int i)
{
	int k = mark_find(c, i);

	if (i < 0 || i >= c->n || (k < c->nr_marks && c->marks[k] == i))
		return;
	if (c->nr_marks == c->cap_marks) {
		int n = c->cap_marks ? 2 * c->cap_marks : 16;
		int *m = realloc(c->marks, (size_t)n * sizeof(*m));

		if (!m)
			return;
		c->marks = m;
		c->cap_marks = n;
	}
	memmove(c->marks + k + 1, c->marks + k,
		(size_t)(c->nr_marks - k) * sizeof(*c->marks));
	c->marks[k] = i;
	c->nr_marks++;
}

static void marks_load(struct ms_cursor *c)
{
	FILE *f = fopen(c->marks_path, "r");
	int i;

	if (!f)
		return;
	while (fscanf(f, "%d", &i) == 1)
		mark_set(c, i - 1);
	fclose(f);
}

void ms_cursor_mark(struct ms_cursor *c, int i)
{
	int k = mark_find(c, i);

	if (k < c->nr_marks && c->marks[k] == i) {
		memmove(c->marks + k, c->marks + k + 1,
			(size_t)(c->nr_marks - k - 1) * sizeof(*c->marks));
		c->nr_marks--;
	} else {
		mark_set(c, i);
	}
	marks_save(c);
}

bool ms_cursor_marked(const struct ms_cursor *c, int i)
{
	int k = mark_find(c, i);

	return k < c->nr_marks && c->marks[k] == i;
}

int ms_cursor_next_mark(const struct ms_cursor *c, int i, int dir)
{
	if (dir > 0) {
		int k = mark_find(c, i + 1);

		return k < c->nr_marks ? c->marks[k] : -1;
	}
	for (int k = c->nr_marks - 1; k >= 0; k--)
		if (c->marks[k] < i)
			return c->marks[k];
	return -1;
}

const int *ms_cursor_marks(const struct ms_cursor *c, int *n)
{
	*n = c->nr_marks;
	return c->marks;
}

const char *ms_cursor_marks_error(const struct ms_cursor *c)
{
	return c->marks_err[0] ? c->marks_err : NULL;
}

/* ---- position and speed ---------------------------------------------- */

/* The file sample i is in, and its index there (*j). */
static int which(const struct ms_cursor *c, int i, int *j)
{
	int lo = 0, hi = c->nf - 1;

	while (lo < hi) {
		int mid = (lo + hi + 1) / 2;

		if (c->base[mid] <= i)
			lo = mid;
		else
			hi = mid - 1;
	}
	*j = i - c->base[lo];
	return lo;
}

int ms_cursor_count(const struct ms_cursor *c)
{
	return c->n;
}

int ms_cursor_pos(const struct ms_cursor *c)
{
	return c->pos;
}

void ms_cursor_seek(struct ms_cursor *c, int i)
{
	c->pos = i < 0 ? 0 : i >= c->n ? c->n - 1 : i;
}

bool ms_cursor_step(struct ms_cursor *c, int dir)
{
	int pos = c->pos;

	ms_cursor_seek(c, pos + dir);
	return c->pos != pos;
}

double ms_cursor_time(const struct ms_cursor *c, int i)
{
	int j, k;

	if (i < 0 || i >= c->n)
		return NAN;
	k = which(c, i, &j);
	return c->f[k].v[j].t;
}

int ms_cursor_at_time(const struct ms_cursor *c, double t)
{
	for (int i = 0; i < c->n; i++)
		if (ms_cursor_time(c, i) >= t - 1e-6)
			return i;
	return c->n;
}

int ms_cursor_at_offset(const struct ms_cursor *c, double offset)
{
	int i = ms_cursor_at_time(c, ms_cursor_time(c, 0) + offset);

	return i < c->n ? i : c->n - 1;
}

double ms_cursor_speed(const struct ms_cursor *c)
{
	return c->speed;
}

void ms_cursor_speed_step(struct ms_cursor *c, int dir)
{
	int i = 0;

	while (i < NSPEEDS - 1 && speeds[i] < c->speed - 1e-9)
		i++;
	i += dir;
	c->speed = speeds[i < 0 ? 0 : i >= NSPEEDS ? NSPEEDS - 1 : i];
}

double ms_cursor_delay(const struct ms_cursor *c)
{
	double dt = ms_cursor_time(c, c->pos + 1) - ms_cursor_time(c, c->pos);

	if (!(dt > 0 && dt < 3600))
		dt = ms_cursor_interval(c) > 0 ? ms_cursor_interval(c) : 1;
	dt /= c->speed;
	return dt < 0.02 ? 0.02 : dt;
}

/* ---- what the file says ---------------------------------------------- */

/* The file of the sample shown: a directory may span upgrades. */
static const struct ms_rec_file *here(const struct ms_cursor *c)
{
	int j;

	return &c->f[which(c, c->pos, &j)];
}

const char *ms_cursor_version(const struct ms_cursor *c)
{
	return here(c)->version;
}

const char *ms_cursor_kernel(const struct ms_cursor *c)
{
	return here(c)->kernel;
}

double ms_cursor_interval(const struct ms_cursor *c)
{
	return here(c)->interval;
}

const char *ms_cursor_end_note(const struct ms_cursor *c)
{
	return c->note[0] ? c->note : NULL;
}

bool ms_cursor_damaged(const struct ms_cursor *c)
{
	return c->damaged;
}

/* ---- for the backend ------------------------------------------------- */

static int by_time(const void *a, const void *b)
{
	const struct ms_rec_file *x = a, *y = b;
	int d = (x->v[0].t > y->v[0].t) - (x->v[0].t < y->v[0].t);

	return d ? d : strcmp(x->path, y->path);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "NAME: why" of a directory's file into the note (first ones first). */
static void add_note(struct ms_cursor *c, const char *path, const char *why)
{
	size_t k = strlen(c->note);
	const char *name = strrchr(path, '/');

	if (!c->dir)
		snprintf(c->note, sizeof(c->note), "%s", why);
	else if (k + 4 < sizeof(c->note))
		snprintf(c->note + k, sizeof(c->note) - k, "%s%s: %s",
			 k ? "; " : "", name ? name + 1 : path, why);
}

/*
 * Whether a file of a directory may hold samples from `from` to `to` (0),
 * or holds only earlier (-1) or later ones (1): memscope record's names say
 * their span (store/recdir.h; to the millisecond, rounded); any other
 * name may.
 */
static int in_window(const char *name, double from, double to)
{
	double s, e;

	if (!ms_recdir_parse(name, &s, &e))
		return 0;
	if (s > to + 0.002)
		return 1;
	return !isnan(e) && e < from - 0.002 ? -1 : 0;
}

/*
 * The .zst files of dir that may hold [from, to], sorted by name; -errno.
 * c->later: some file holds only later samples.
 */
static int list_dir(struct ms_cursor *c, const char *dir, double from,
		    double to, char ***names, int *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	int cap = 0;

	*n = 0;
	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		char **q;

		int w;

		if (e->d_name[0] == '.' || len < 5 ||
		    strcmp(e->d_name + len - 4, ".zst"))
			continue;
		w = in_window(e->d_name, from, to);
		c->later |= w > 0;
		if (w)
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 32;
			q = realloc(v, (size_t)cap * sizeof(*v));
			if (!q)
				break;
			v = q;
		}
		if (asprintf(&v[*n], "%s/%s", dir, e->d_name) < 0)
			break;
		(*n)++;
	}
	closedir(d);
	if (*n > 1) /* v is NULL when none */
		qsort(v, (size_t)*n, sizeof(*v), by_name);
	*names = v;
	return 0;
}

/* Open and index every file; those with no good sample are left out. */
static int open_files(struct ms_cursor *c, char **paths, int np, char *why,
		      size_t n)
{
	char w[256];

	c->f = calloc((size_t)(np ? np : 1), sizeof(*c->f));
	c->base = calloc((size_t)(np ? np : 1), sizeof(*c->base));
	if (!c->f || !c->base)
		return -ENOMEM;
	for (int i = 0; i < np; i++) {
		struct ms_rec_file *f = &c->f[c->nf];
		int err = ms_rec_open(f, paths[i], c->dir, w, sizeof(w));

		if (err && !c->dir) {
			snprintf(why, n, "%s", w);
			ms_rec_close(f);
			return err;
		}
		if (err) {
			add_note(c, paths[i], w);
			c->damaged |= err != -ENODATA ||
				      (f->damaged && !f->cut);
			ms_rec_close(f);
			continue;
		}
		ms_rec_release(f); /* only the one being read stays open */
		c->nf++;
	}
	qsort(c->f, (size_t)c->nf, sizeof(*c->f), by_time);
	for (int k = 0; k < c->nf; k++) {
		struct ms_rec_file *f = &c->f[k];

		c->base[k] = c->n;
		c->n += f->n;
		/*
		 * a file of a directory cut inside its last sample is what a
		 * killed recorder leaves: said, but no damage; the unclosed
		 * end of a file is said only of the directory's last one
		 */
		if (f->end_note[0] &&
		    (!c->dir || f->damaged || (k == c->nf - 1 && !c->later)))
			add_note(c, f->path, f->end_note);
		c->damaged |= f->damaged && !(c->dir && f->cut);
	}
	if (!c->n) {
		snprintf(why, n, "%s",
			 c->note[0] ? c->note :
				      "no recordings in the directory");
		return -ENODATA;
	}
	return 0;
}

int ms_cursor_open(struct ms_cursor **cp, const char *path, double from,
		   double to, char *why, size_t n)
{
	struct ms_cursor *c = calloc(1, sizeof(*c));
	char **paths = NULL, *one = (char *)path;
	struct stat st;
	int err, np = 1;

	*cp = NULL;
	if (!c)
		return -ENOMEM;
	c->open = -1;
	c->dir = !stat(path, &st) && S_ISDIR(st.st_mode);
	err = c->dir ? list_dir(c, path, from, to, &paths, &np) : 0;
	if (!err)
		err = open_files(c, c->dir ? paths : &one, np, why, n);
	else
		snprintf(why, n, "%s", strerror(-err));
	for (int i = 0; c->dir && i < np; i++)
		free(paths[i]);
	free(paths);
	if (err) {
		ms_cursor_close(c);
		return err;
	}
	c->speed = 1;
	c->mode = !stat(path, &st) ? st.st_mode & 0666 : 0600;
	snprintf(c->marks_path, sizeof(c->marks_path), "%s.marks", path);
	if (!c->dir)
		marks_load(c);
	*cp = c;
	return 0;
}

int ms_cursor_line(struct ms_cursor *c, const char **text, size_t *len)
{
	int j, k = which(c, c->pos, &j);

	if (c->open >= 0 && c->open != k)
		ms_rec_release(&c->f[c->open]);
	c->open = k;
	return ms_rec_line(&c->f[k], j, text, len);
}

void ms_cursor_close(struct ms_cursor *c)
{
	if (!c)
		return;
	for (int k = 0; k < c->nf; k++)
		ms_rec_close(&c->f[k]);
	free(c->f);
	free(c->base);
	free(c->marks);
	free(c);
}
