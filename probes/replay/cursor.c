// SPDX-License-Identifier: GPL-2.0
/*
 * The replay's cursor (probes/cursor.h): where in the recording the next
 * sample is, its playback speed, and the bookmarks kept beside the file.
 */
#include "probes/replay/replay.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probes/replay/file.h"

struct ms_cursor {
	struct ms_rec_file f;
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
	FILE *f = marks_create(c);

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

	if (i < 0 || i >= c->f.n || (k < c->nr_marks && c->marks[k] == i))
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

int ms_cursor_count(const struct ms_cursor *c)
{
	return c->f.n;
}

int ms_cursor_pos(const struct ms_cursor *c)
{
	return c->pos;
}

void ms_cursor_seek(struct ms_cursor *c, int i)
{
	c->pos = i < 0 ? 0 : i >= c->f.n ? c->f.n - 1 : i;
}

bool ms_cursor_step(struct ms_cursor *c, int dir)
{
	int pos = c->pos;

	ms_cursor_seek(c, pos + dir);
	return c->pos != pos;
}

double ms_cursor_time(const struct ms_cursor *c, int i)
{
	return i >= 0 && i < c->f.n ? c->f.v[i].t : NAN;
}

int ms_cursor_at_offset(const struct ms_cursor *c, double offset)
{
	double t0 = c->f.v[0].t;

	for (int i = 0; i < c->f.n; i++)
		if (c->f.v[i].t - t0 >= offset - 1e-6)
			return i;
	return c->f.n - 1;
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
		dt = c->f.interval > 0 ? c->f.interval : 1;
	dt /= c->speed;
	return dt < 0.02 ? 0.02 : dt;
}

/* ---- what the file says ---------------------------------------------- */

const char *ms_cursor_version(const struct ms_cursor *c)
{
	return c->f.version;
}

const char *ms_cursor_kernel(const struct ms_cursor *c)
{
	return c->f.kernel;
}

double ms_cursor_interval(const struct ms_cursor *c)
{
	return c->f.interval;
}

const char *ms_cursor_end_note(const struct ms_cursor *c)
{
	return c->f.end_note[0] ? c->f.end_note : NULL;
}

bool ms_cursor_damaged(const struct ms_cursor *c)
{
	return c->f.damaged;
}

/* ---- for the backend ------------------------------------------------- */

int ms_cursor_open(struct ms_cursor **cp, const char *path, char *why, size_t n)
{
	struct ms_cursor *c = calloc(1, sizeof(*c));
	struct stat st;
	int err;

	*cp = NULL;
	if (!c)
		return -ENOMEM;
	err = ms_rec_open(&c->f, path, why, n);
	if (err) {
		ms_rec_close(&c->f);
		free(c);
		return err;
	}
	c->speed = 1;
	c->mode = !stat(path, &st) ? st.st_mode & 0666 : 0600;
	snprintf(c->marks_path, sizeof(c->marks_path), "%s.marks", path);
	marks_load(c);
	*cp = c;
	return 0;
}

int ms_cursor_line(struct ms_cursor *c, const char **text, size_t *len)
{
	return ms_rec_line(&c->f, c->pos, text, len);
}

void ms_cursor_close(struct ms_cursor *c)
{
	if (!c)
		return;
	ms_rec_close(&c->f);
	free(c->marks);
	free(c);
}
