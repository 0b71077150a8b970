// SPDX-License-Identifier: GPL-2.0
/*
 * The walk of DAMON's sysfs tree (mm/damon/sysfs.c, sysfs-schemes.c of
 * 6.1 to 6.18): fixed paths below admin/kdamonds, counts read from the
 * nr_* files and bounded, never a directory listing, so neither a huge
 * nor a looping tree can make it hang. Read only: it never opens a file
 * for writing (a stats refresh is a write to state: never here).
 */
#include "probes/procfs/damon.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/field.h"

struct walk {
	const struct ms_damon_src *src;
	struct ms_damon *d;
	char path[256]; /* the directory being read, ending in '/' */
	char v[256]; /* the last value */
};

/* path + name into w->v: 0, or -errno (-ENOENT: not on this kernel) */
static int get(struct walk *w, const char *name)
{
	char rel[320];
	size_t n;
	int err;

	snprintf(rel, sizeof(rel), "%s%s", w->path, name);
	w->v[0] = '\0';
	err = w->src->get(w->src->ctx, rel, w->v, sizeof(w->v));
	if (err) {
		/* a missing file is an older kernel's layout; others say why */
		if (err != -ENOENT)
			w->src->note(w->src->ctx, "%s: %s", rel,
				     strerror(-err));
		return err;
	}
	n = strlen(w->v);
	while (n && (w->v[n - 1] == '\n' || w->v[n - 1] == ' '))
		w->v[--n] = '\0';
	return 0;
}

static void bad(struct walk *w, const char *name)
{
	char shown[24];
	size_t i;

	/* the value is kernel bytes: only printable ASCII goes into a note */
	for (i = 0; i + 1 < sizeof(shown) && w->v[i]; i++)
		shown[i] = w->v[i] >= 0x20 && w->v[i] < 0x7f ? w->v[i] : '?';
	shown[i] = '\0';
	w->src->note(w->src->ctx, "%s%s: not a number: \"%s\"", w->path, name,
		     shown);
}

/* An unsigned decimal file into *v (left MS_NA when absent or bad). */
static void u64(struct walk *w, const char *name, uint64_t *v)
{
	char *end;

	if (get(w, name))
		return;
	if (w->v[0] < '0' || w->v[0] > '9') {
		bad(w, name);
		return;
	}
	errno = 0;
	*v = strtoull(w->v, &end, 10);
	if (errno || *end) {
		*v = MS_NA;
		bad(w, name);
	}
}

/* A signed decimal file (pid, target_nid) into *v; -1 stays unknown. */
static void i32(struct walk *w, const char *name, int *v)
{
	char *end;
	long x;

	if (get(w, name))
		return;
	errno = 0;
	x = strtol(w->v, &end, 10);
	if (errno || end == w->v || *end || x < -1 || x > 0x7fffffff)
		bad(w, name);
	else
		*v = (int)x;
}

static void str(struct walk *w, const char *name, char *s, size_t n)
{
	size_t len;

	if (get(w, name))
		return;
	/* raw bytes, cut to the field (escaped where they are written) */
	len = strnlen(w->v, n - 1);
	memcpy(s, w->v, len);
	s[len] = '\0';
}

/* A count file (nr_*) bounded by max: -1 when absent or bad. */
static int count(struct walk *w, const char *name, int max)
{
	uint64_t v = MS_NA;

	u64(w, name, &v);
	if (!ms_have(v))
		return -1;
	if (v > (uint64_t)max) {
		w->d->cut = true;
		w->src->note(w->src->ctx, "%s%s: %llu, the first %d read",
			     w->path, name, (unsigned long long)v, max);
		return max;
	}
	return (int)v;
}

/* Enter a subdirectory for the calls until leave(w, len) */
static size_t enter(struct walk *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static size_t enter(struct walk *w, const char *fmt, ...)
{
	size_t len = strlen(w->path);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(w->path + len, sizeof(w->path) - len, fmt, ap);
	va_end(ap);
	return len;
}

static void leave(struct walk *w, size_t len)
{
	w->path[len] = '\0';
}

/*
 * Is the directory a count promised there? A record whose directory is
 * missing is dropped again (its lists still empty); the note says so.
 */
static bool there(struct walk *w, const char *file)
{
	if (get(w, file) != -ENOENT)
		return true;
	w->src->note(w->src->ctx, "%s: counted, not there", w->path);
	return false;
}

/* The list row key of table t (model/damon.c) */
static const struct ms_field *row(const struct ms_field *t, const char *key)
{
	for (; t->key; t++)
		if (t->type == MS_F_LIST && !strcmp(t->key, key))
			return t;
	return NULL;
}

static bool nomem(struct walk *w)
{
	w->src->note(w->src->ctx, "out of memory");
	return false;
}

static bool target(struct walk *w, struct ms_damon_target *t)
{
	const struct ms_field *rl =
		row(row(ms_kdamond_fields, "targets")->sub, "regions");
	size_t at;
	int nr;

	i32(w, "pid_target", &t->pid);
	at = enter(w, "regions/");
	nr = count(w, "nr_regions", 1 << 30);
	t->nr_regions = nr;
	for (int i = 0; i < nr && i < MS_DAMON_REGIONS; i++) {
		struct ms_damon_region *g = ms_list_add(rl, t);
		size_t in;

		if (!g)
			return nomem(w);
		in = enter(w, "%d/", i);
		if (!there(w, "start"))
			t->n--;
		u64(w, "start", &g->start);
		u64(w, "end", &g->end);
		leave(w, in);
	}
	leave(w, at);
	return true;
}

static bool filters(struct walk *w, struct ms_damon_scheme *c, const char *dir)
{
	const struct ms_field *fl = row(ms_damon_scheme_fields, "filters");
	size_t at = enter(w, "%s/", dir);
	int nr = count(w, "nr_filters", MS_DAMON_FILTERS);

	for (int i = 0; i < nr && c->n < MS_DAMON_FILTERS; i++) {
		struct ms_damon_filter *f = ms_list_add(fl, c);
		size_t in;

		if (!f)
			return nomem(w);
		snprintf(f->dir, sizeof(f->dir), "%s", dir);
		in = enter(w, "%d/", i);
		if (!there(w, "type"))
			c->n--;
		str(w, "type", f->type, sizeof(f->type));
		str(w, "matching", f->matching, sizeof(f->matching));
		str(w, "allow", f->allow, sizeof(f->allow));
		str(w, "memcg_path", f->memcg_path, sizeof(f->memcg_path));
		leave(w, in);
	}
	leave(w, at);
	return true;
}

static bool scheme(struct walk *w, struct ms_damon_scheme *c)
{
	size_t at;

	str(w, "action", c->action, sizeof(c->action));
	u64(w, "apply_interval_us", &c->apply_interval_us);
	i32(w, "target_nid", &c->target_nid);
	at = enter(w, "access_pattern/");
	u64(w, "sz/min", &c->sz_min);
	u64(w, "sz/max", &c->sz_max);
	u64(w, "nr_accesses/min", &c->nr_acc_min);
	u64(w, "nr_accesses/max", &c->nr_acc_max);
	u64(w, "age/min", &c->age_min);
	u64(w, "age/max", &c->age_max);
	leave(w, at);
	at = enter(w, "quotas/");
	u64(w, "ms", &c->q_ms);
	u64(w, "bytes", &c->q_bytes);
	u64(w, "reset_interval_ms", &c->q_reset_ms);
	u64(w, "effective_bytes", &c->q_effective_bytes);
	u64(w, "weights/sz_permil", &c->w_sz);
	u64(w, "weights/nr_accesses_permil", &c->w_nr_acc);
	u64(w, "weights/age_permil", &c->w_age);
	c->nr_goals = count(w, "goals/nr_goals", 1 << 30);
	leave(w, at);
	at = enter(w, "watermarks/");
	str(w, "metric", c->wm_metric, sizeof(c->wm_metric));
	u64(w, "interval_us", &c->wm_interval_us);
	u64(w, "high", &c->wm_high);
	u64(w, "mid", &c->wm_mid);
	u64(w, "low", &c->wm_low);
	leave(w, at);
	at = enter(w, "stats/");
	u64(w, "nr_tried", &c->nr_tried);
	u64(w, "sz_tried", &c->sz_tried);
	u64(w, "nr_applied", &c->nr_applied);
	u64(w, "sz_applied", &c->sz_applied);
	u64(w, "qt_exceeds", &c->qt_exceeds);
	u64(w, "sz_ops_filter_passed", &c->sz_ops_filter_passed);
	leave(w, at);
	return filters(w, c, "filters") && filters(w, c, "core_filters") &&
	       filters(w, c, "ops_filters");
}

/* Context 0 of kdamond k: the kernel allows no more than one */
static bool context(struct walk *w, struct ms_kdamond *k)
{
	const struct ms_field *tl = row(ms_kdamond_fields, "targets");
	const struct ms_field *sl = row(ms_kdamond_fields, "schemes");
	size_t at;
	int nr;

	str(w, "operations", k->operations, sizeof(k->operations));
	str(w, "avail_operations", k->avail, sizeof(k->avail));
	/* the kernel lists one per line: one line of names, as JSON says */
	for (char *c = k->avail; *c; c++)
		if (*c == '\n')
			*c = ' ';
	u64(w, "addr_unit", &k->addr_unit);
	at = enter(w, "monitoring_attrs/");
	u64(w, "intervals/sample_us", &k->sample_us);
	u64(w, "intervals/aggr_us", &k->aggr_us);
	u64(w, "intervals/update_us", &k->update_us);
	u64(w, "nr_regions/min", &k->nr_regions_min);
	u64(w, "nr_regions/max", &k->nr_regions_max);
	leave(w, at);
	at = enter(w, "targets/");
	nr = count(w, "nr_targets", MS_DAMON_TARGETS);
	for (int i = 0; i < nr; i++) {
		struct ms_damon_target *t = ms_list_add(tl, k);
		size_t in;

		if (!t)
			return nomem(w);
		in = enter(w, "%d/", i);
		if (!there(w, "pid_target"))
			k->nr_targets--;
		else if (!target(w, t))
			return false;
		leave(w, in);
	}
	leave(w, at);
	at = enter(w, "schemes/");
	nr = count(w, "nr_schemes", MS_DAMON_SCHEMES);
	for (int i = 0; i < nr; i++) {
		struct ms_damon_scheme *c = ms_list_add(sl, k);
		size_t in;

		if (!c)
			return nomem(w);
		in = enter(w, "%d/", i);
		if (!there(w, "action"))
			k->nr_schemes--;
		else if (!scheme(w, c))
			return false;
		leave(w, in);
	}
	leave(w, at);
	return true;
}

/* 1; 0: its directory is not there; -1: out of memory */
static int kdamond(struct walk *w, struct ms_kdamond *k)
{
	size_t at;

	if (!there(w, "state"))
		return 0;
	str(w, "state", k->state, sizeof(k->state));
	i32(w, "pid", &k->pid);
	u64(w, "refresh_ms", &k->refresh_ms);
	at = enter(w, "contexts/");
	k->nr_contexts = count(w, "nr_contexts", 1 << 30);
	if (k->nr_contexts > 1)
		w->src->note(w->src->ctx, "%snr_contexts: %d, the first shown",
			     w->path, k->nr_contexts);
	if (k->nr_contexts >= 1) {
		enter(w, "0/");
		if (!context(w, k))
			return -1;
	}
	leave(w, at);
	return 1;
}

int ms_damon_walk(struct ms_damon *d, const struct ms_damon_src *src)
{
	const struct ms_field *kl = row(ms_damon_fields, "kdamonds");
	struct walk w = { .src = src, .d = d };
	int nr, err;

	ms_fields_reset(ms_damon_fields, d);
	snprintf(w.path, sizeof(w.path), "kdamonds/");
	if (get(&w, "nr_kdamonds"))
		return -ENOENT;
	/* the kernel's count as it is; the walk's bounded */
	d->nr_kdamonds = (int)strtol(w.v, NULL, 10);
	nr = count(&w, "nr_kdamonds", MS_DAMON_KDAMONDS);
	if (nr < 0)
		return 0;
	for (int i = 0; i < nr; i++) {
		struct ms_kdamond *k = ms_list_add(kl, d);
		size_t in;

		if (!k)
			return nomem(&w), 0;
		k->id = i;
		in = enter(&w, "%d/", i);
		err = kdamond(&w, k);
		if (err < 0)
			return 0;
		if (!err)
			d->n--; /* its lists are still empty */
		leave(&w, in);
	}
	return 0;
}
