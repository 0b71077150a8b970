// SPDX-License-Identifier: GPL-2.0
/*
 * The replay backend: samples come from a recording instead of the
 * kernel, at the cursor (cursor.c) the front ends move.
 */
#include "probes/replay/replay.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "probes/probe.h"
#include "store/jread.h"

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
	ms_decode(o, s);
	json_object_put(o);
	json_tokener_free(tok);
	return 0;
}

/* ---- the backend ----------------------------------------------------- */

/* Opened on its own (ms_manager_open_replay()): it provides every section. */
static int replay_detect(const struct ms_root *root, unsigned int *caps,
			 char *why, size_t len)
{
	*caps = MS_SEC_EVERY;
	return 0;
}

static int replay_open(struct ms_probe *p)
{
	struct ms_cursor *c;
	int err = ms_cursor_open(&c, p->file, p->from, p->to, p->why,
				 sizeof(p->why));

	p->priv = c;
	return err;
}

static int replay_sample(struct ms_probe *p, const struct ms_request *req,
			 struct ms_snapshot *s)
{
	struct ms_cursor *c = p->priv;
	const char *text;
	char why[128];
	size_t len;
	int err;

	err = ms_cursor_line(c, &text, &len);
	if (!err)
		err = ms_replay_decode(text, len, s, why, sizeof(why));
	else
		snprintf(why, sizeof(why), "%s", strerror(-err));
	if (err) {
		ms_snapshot_note(s, "replay", "sample %d: %s",
				 ms_cursor_pos(c) + 1, why);
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
	ms_cursor_close(p->priv);
	p->priv = NULL;
}

static struct ms_cursor *replay_cursor(struct ms_probe *p)
{
	return p->priv;
}

const struct ms_probe_ops ms_replay_ops = {
	.name = "replay",
	.priority = 100,
	.detect = replay_detect,
	.open = replay_open,
	.sample = replay_sample,
	.close = replay_close,
	.derived = true,
	.cursor = replay_cursor,
};
