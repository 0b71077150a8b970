// SPDX-License-Identifier: GPL-2.0
/*
 * store/json_tail.h for the stream from the json-c trees that
 * store/json_events.c and store/json_live.c build: each call builds them
 * (they are bounded: no list grows with the machine) and writes the part
 * asked for, as json-c prints it.
 */
#include "store/json_tail.h"

#include <json-c/json.h>
#include <string.h>

#include "store/json_events.h"
#include "store/json_live.h"

static struct json_object *tree(const struct ms_snapshot *s,
				unsigned int sections)
{
	struct json_object *t = json_object_new_object();

	json_c_set_serialization_double_format("%.3f", JSON_C_OPTION_THREAD);
	ms_json_events(t, s, sections);
	ms_json_live(t, s, sections);
	return t;
}

static void value(struct ms_jw *w, const char *key, struct json_object *v)
{
	ms_jw_raw(w, key,
		  v ? json_object_to_json_string_ext(
			      v, JSON_C_TO_STRING_PLAIN |
					 JSON_C_TO_STRING_NOSLASHESCAPE) :
		      "null");
}

void ms_json_events_into(struct ms_jw *w, const struct ms_snapshot *s,
			 unsigned int sections, enum ms_section sec)
{
	struct json_object *t = tree(s, sections), *o = NULL;

	if (json_object_object_get_ex(t, ms_section_name(sec), &o) && o) {
		json_object_object_foreach(o, k, v)
		{
			/* slab.caches' rates: written with each cache */
			if (sec == MS_SEC_SLAB && !strcmp(k, "caches"))
				continue;
			value(w, k, v);
		}
	}
	json_object_put(t);
}

void ms_json_events_rest(struct ms_jw *w, const struct ms_snapshot *s,
			 unsigned int sections, unsigned int core)
{
	struct json_object *t = tree(s, sections);

	json_object_object_foreach(t, k, v)
	{
		int sec = ms_section_by_name(k);

		if (sec >= 0 && (core & MS_SEC_BIT(sec)))
			continue;
		value(w, k, v);
	}
	json_object_put(t);
}
