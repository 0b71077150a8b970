/* SPDX-License-Identifier: GPL-2.0 */
/* uid -> user name for the process list (users.h). */
#include "probes/procfs/users.h"

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>

#include "probes/procfs/kv.h"

static struct ms_user *find(const struct ms_users *u, uint32_t uid)
{
	for (int i = 0; i < u->n; i++)
		if (u->v[i].uid == uid)
			return &u->v[i];
	return NULL;
}

static struct ms_user *add(struct ms_users *u, uint32_t uid)
{
	if (u->n == u->cap) {
		int cap = u->cap ? u->cap * 2 : 32;
		struct ms_user *v = realloc(u->v, (size_t)cap * sizeof(*v));

		if (!v)
			return NULL;
		u->v = v;
		u->cap = cap;
	}
	u->v[u->n].uid = uid;
	u->v[u->n].name[0] = '\0';
	return &u->v[u->n++];
}

/* One line: name, password, uid, then fields we do not need. */
static int parse_line(const char *line, size_t len, struct ms_users *u)
{
	const char *end = line + len, *colon = memchr(line, ':', len);
	const char *p;
	uint64_t uid;
	struct ms_user *e;
	size_t n;

	if (!colon || colon == line)
		return -EINVAL;
	n = (size_t)(colon - line);
	p = memchr(colon + 1, ':', (size_t)(end - colon - 1));
	if (!p)
		return -EINVAL;
	p++;
	if (ms_parse_dec(&p, end, &uid) || p == end || *p != ':' ||
	    uid >= UINT32_MAX || n >= MS_USER)
		return -EINVAL;
	if (find(u, (uint32_t)uid))
		return 0;
	e = add(u, (uint32_t)uid);
	if (!e)
		return -ENOMEM;
	memcpy(e->name, line, n);
	e->name[n] = '\0';
	return 0;
}

int ms_parse_passwd(const char *text, size_t len, struct ms_users *u)
{
	const char *p = text, *end = text + len, *line;
	size_t n;
	int bad = 0, err;

	while ((line = ms_line_next(&p, end, &n))) {
		if (!n || line[0] == '#')
			continue;
		err = parse_line(line, n, u);
		if (err == -ENOMEM)
			return err;
		bad += err < 0;
	}
	return bad;
}

/* The live system's NSS answer for uid, kept (a miss as ""). */
static struct ms_user *ask_nss(struct ms_users *u, uint32_t uid)
{
	struct passwd pw, *res = NULL;
	char buf[1024];
	struct ms_user *e = add(u, uid);

	if (!e)
		return NULL;
	if (!getpwuid_r(uid, &pw, buf, sizeof(buf), &res) && res &&
	    strlen(pw.pw_name) < MS_USER)
		strcpy(e->name, pw.pw_name);
	return e;
}

const char *ms_users_name(struct ms_users *u, const struct ms_root *r,
			  struct ms_buf *b, uint32_t uid)
{
	struct ms_user *e;

	if (uid == UINT32_MAX)
		return NULL;
	if (!u->loaded) {
		u->loaded = true;
		if (!ms_read(r, "etc/passwd", b))
			ms_parse_passwd(b->data, b->len, u);
	}
	e = find(u, uid);
	/* a captured tree's uids belong to that machine's passwd alone */
	if (!e && r->live)
		e = ask_nss(u, uid);
	return e && e->name[0] ? e->name : NULL;
}

void ms_users_free(struct ms_users *u)
{
	free(u->v);
	memset(u, 0, sizeof(*u));
}
