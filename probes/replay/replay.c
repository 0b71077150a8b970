// SPDX-License-Identifier: GPL-2.0
/*
 * The replay backend: samples come from a recording instead of the
 * kernel, at the cursor the caller moves; bookmarks for lectures.
 */
#include "probes/replay/replay.h"

#include <errno.h>
#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/record.h"
#include "probes/replay/decode.h"
#include "probes/replay/file.h"

struct ms_replay {
	struct ms_rec_file f;
	int pos;
	int *marks; /* sorted sample indexes */
	int nr_marks, cap_marks;
	char marks_path[4200];
	char marks_err[80]; /* why FILE.marks could not be written */
};

int ms_replay_decode(const char *text, size_t len, struct ms_snapshot *s,
		     char *why, size_t n)
{
	json_tokener *tok = json_tokener_new();
	json_object *o;

	if (!tok)
		return -ENOMEM;
	ms_snapshot_reset(s);
	o = json_tokener_parse_ex(tok, text, (int)len);
	if (!json_object_is_type(o, json_type_object)) {
		snprintf(why, n, "not a JSON object");
		json_object_put(o);
		json_tokener_free(tok);
		return -EINVAL;
	}
	ms_decode_core(o, s);
	ms_decode_live(o, s);
	json_object_put(o);
	json_tokener_free(tok);
	return 0;
}

/* ---- bookmarks ----------------------------------------------------------- */

static void marks_save(struct ms_replay *r)
{
	FILE *f = fopen(r->marks_path, "w");

	r->marks_err[0] = '\0';
	if (f) {
		for (int i = 0; i < r->nr_marks; i++)
			fprintf(f, "%d\n", r->marks[i] + 1);
		if (!fclose(f))
			return;
	}
	snprintf(r->marks_err, sizeof(r->marks_err), "%s", strerror(errno));
}

static int mark_find(const struct ms_replay *r, int i)
{
	for (int k = 0; k < r->nr_marks; k++)
		if (r->marks[k] >= i)
			return k;
	return r->nr_marks;
}

static void mark_set(struct ms_replay *r, int i)
{
	int k = mark_find(r, i);

	if (i < 0 || i >= r->f.n || (k < r->nr_marks && r->marks[k] == i))
		return;
	if (r->nr_marks == r->cap_marks) {
		int c = r->cap_marks ? 2 * r->cap_marks : 16;
		int *m = realloc(r->marks, (size_t)c * sizeof(*m));

		if (!m)
			return;
		r->marks = m;
		r->cap_marks = c;
	}
	memmove(r->marks + k + 1, r->marks + k,
		(size_t)(r->nr_marks - k) * sizeof(*r->marks));
	r->marks[k] = i;
	r->nr_marks++;
}

static void marks_load(struct ms_replay *r)
{
	FILE *f = fopen(r->marks_path, "r");
	int i;

	if (!f)
		return;
	while (fscanf(f, "%d", &i) == 1)
		mark_set(r, i - 1);
	fclose(f);
}

void ms_replay_mark(struct ms_replay *r, int i)
{
	int k = mark_find(r, i);

	if (k < r->nr_marks && r->marks[k] == i) {
		memmove(r->marks + k, r->marks + k + 1,
			(size_t)(r->nr_marks - k - 1) * sizeof(*r->marks));
		r->nr_marks--;
	} else {
		mark_set(r, i);
	}
	marks_save(r);
}

bool ms_replay_marked(const struct ms_replay *r, int i)
{
	int k = mark_find(r, i);

	return k < r->nr_marks && r->marks[k] == i;
}

int ms_replay_next_mark(const struct ms_replay *r, int i, int dir)
{
	if (dir > 0) {
		int k = mark_find(r, i + 1);

		return k < r->nr_marks ? r->marks[k] : -1;
	}
	for (int k = r->nr_marks - 1; k >= 0; k--)
		if (r->marks[k] < i)
			return r->marks[k];
	return -1;
}

const int *ms_replay_marks(const struct ms_replay *r, int *n)
{
	*n = r->nr_marks;
	return r->marks;
}

const char *ms_replay_marks_error(const struct ms_replay *r)
{
	return r->marks_err[0] ? r->marks_err : NULL;
}

/* ---- the cursor ------------------------------------------------------ */

int ms_replay_count(const struct ms_replay *r)
{
	return r->f.n;
}

int ms_replay_pos(const struct ms_replay *r)
{
	return r->pos;
}

void ms_replay_seek(struct ms_replay *r, int i)
{
	r->pos = i < 0 ? 0 : i >= r->f.n ? r->f.n - 1 : i;
}

double ms_replay_time(const struct ms_replay *r, int i)
{
	return i >= 0 && i < r->f.n ? r->f.v[i].t : NAN;
}

int ms_replay_at_offset(const struct ms_replay *r, double offset)
{
	double t0 = r->f.v[0].t;

	for (int i = 0; i < r->f.n; i++)
		if (r->f.v[i].t - t0 >= offset - 1e-6)
			return i;
	return r->f.n - 1;
}

const char *ms_replay_version(const struct ms_replay *r)
{
	return r->f.version;
}

const char *ms_replay_kernel(const struct ms_replay *r)
{
	return r->f.kernel;
}

double ms_replay_interval(const struct ms_replay *r)
{
	return r->f.interval;
}

const char *ms_replay_end_note(const struct ms_replay *r)
{
	return r->f.end_note[0] ? r->f.end_note : NULL;
}

bool ms_replay_damaged(const struct ms_replay *r)
{
	return r->f.damaged;
}

struct ms_replay *ms_replay_of(const struct ms_manager *m)
{
	for (int i = 0; i < m->n; i++)
		if (m->probes[i].ops == &ms_replay_ops && m->probes[i].opened)
			return m->probes[i].priv;
	return NULL;
}

/* ---- the backend ----------------------------------------------------- */

static int replay_detect(const struct ms_root *root, unsigned int *caps,
			 char *why, size_t len)
{
	*caps = 0;
	if (!root->replay) {
		snprintf(why, len, "no --replay FILE");
		return -ENOENT;
	}
	*caps = MS_SEC_EVERY;
	return 0;
}

static int replay_open(struct ms_probe *p)
{
	struct ms_replay *r = calloc(1, sizeof(*r));
	int err;

	if (!r)
		return -ENOMEM;
	err = ms_rec_open(&r->f, p->root->replay, p->why, sizeof(p->why));
	if (err) {
		ms_rec_close(&r->f);
		free(r);
		return err;
	}
	snprintf(r->marks_path, sizeof(r->marks_path), "%s.marks",
		 p->root->replay);
	marks_load(r);
	p->priv = r;
	return 0;
}

static int replay_sample(struct ms_probe *p, const struct ms_request *req,
			 struct ms_snapshot *s)
{
	struct ms_replay *r = p->priv;
	const char *text;
	char why[128];
	size_t len;
	int err;

	err = ms_rec_line(&r->f, r->pos, &text, &len);
	if (!err)
		err = ms_replay_decode(text, len, s, why, sizeof(why));
	else
		snprintf(why, sizeof(why), "%s", strerror(-err));
	if (err) {
		ms_snapshot_note(s, "replay", "sample %d: %s", r->pos + 1, why);
		return err;
	}
	for (int i = 0; i < MS_SEC_COUNT; i++) {
		if (s->have & MS_SEC_BIT(i))
			s->source[i] = p->ops->name;
		/* a tab asking for what was not recorded says so */
		else if ((req->sections & MS_SEC_BIT(i)) &&
			 req->sections != MS_SEC_EVERY)
			ms_snapshot_note(s, ms_section_name(i),
					 "not in the recording");
	}
	return 0;
}

static void replay_close(struct ms_probe *p)
{
	struct ms_replay *r = p->priv;

	if (!r)
		return;
	ms_rec_close(&r->f);
	free(r->marks);
	free(r);
	p->priv = NULL;
}

const struct ms_probe_ops ms_replay_ops = {
	.name = "replay",
	.priority = 100,
	.detect = replay_detect,
	.open = replay_open,
	.sample = replay_sample,
	.close = replay_close,
	.derived = true,
};
