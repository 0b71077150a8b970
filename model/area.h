/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The area registry: one const struct ms_area per part of memory management
 * memscope samples (its sections and their names, its tab's name, its
 * top-level JSON members), and the one list of them (model/areas.def) that
 * the codec, the text and OpenMetrics writers, batch and the tab bar walk.
 */
#ifndef MS_AREA_H
#define MS_AREA_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "model/field.h"
#include "model/snapshot.h"

/* One section of an area and the name sources, notes and tests use. */
struct ms_area_sec {
	int sec; /* enum ms_section; -1 ends the list */
	const char *name; /* "buddy_events" */
	/*
	 * The other notes that can say why it is missing: those of the files
	 * it is read from ("slabinfo"), NULL-terminated; NULL: none
	 */
	const char *const *notes;
};

/*
 * When a top-level JSON member is written: with the core sections, after
 * them (the memscope.ko experiments), or with the events that have no
 * object of their own to go into.
 */
enum ms_pass { MS_PASS_CORE, MS_PASS_KMOD, MS_PASS_EVENTS, MS_NPASS };

/* One top-level member of the JSON document. */
struct ms_part {
	const char *key; /* "buddy"; NULL ends the list */
	/*
	 * The sections that write it (any of them, wanted and filled); 0: its
	 * writer decides (the BPF backend's costs)
	 */
	unsigned int secs;
	/*
	 * Event sections that add their keys to its object, in the area's
	 * section order (or to an object of its own after the core ones,
	 * when the core section is not written)
	 */
	unsigned int into;
	unsigned char pass; /* enum ms_pass */
	/*
	 * An area without irregular parts: its object's fields (a record
	 * at off in struct ms_snapshot), which every output walks; its text
	 * block's title. NULL: its layers write it by hand (store/json.c,
	 * out/text.c ... look it up by key or section).
	 */
	const struct ms_field *fields;
	size_t off;
	const char *title;
	/*
	 * A part with fields whose object goes inside the object of its
	 * area's part of this key ("census" in "memory"), after that part's
	 * own keys; the parent's object is written for it alone when the
	 * parent's sections are not. NULL: a top-level member.
	 */
	const char *in;
	/*
	 * With in: its fields go into the parent's object as they are
	 * ("attribution": [...] and "attribution_kb" ... in "memory"), not
	 * into an object of its own; its key is one of them, the one whose
	 * presence says the part was written.
	 */
	bool flat;
};

/* A record type's field table (model/field.h) and the record's size. */
struct ms_rtable {
	const char *name; /* "slab cache"; NULL ends a list */
	const struct ms_field *t;
	size_t size;
};
#define MS_RTABLE(name, t, type)      \
	{                             \
		name, t, sizeof(type) \
	}

struct ms_area {
	/* its tab, --tab NAME and the config's tab = NAME; NULL: no tab */
	const char *name;
	/*
	 * batch's --tab NAME only: the explorer shows it inside other tabs
	 * (a screen of theirs), so the config's tab = NAME refuses it
	 */
	bool batch_only;
	unsigned int tab; /* the sections --tab NAME samples */
	const struct ms_area_sec *secs; /* in the order outputs write them */
	const struct ms_part *parts; /* in the order of the document */
	/*
	 * Every record table its outputs walk: the tests check each row
	 * (offsets, keys, families, explain texts) through this list
	 */
	const struct ms_rtable *tables;
};

#define MS_AREA(a, kind) extern const struct ms_area ms_area_##a;
#include "model/areas.def"
#undef MS_AREA

/* Every area, in order, NULL-terminated. */
extern const struct ms_area *const ms_areas[];

/* The area a section belongs to, NULL: none. */
const struct ms_area *ms_area_of(enum ms_section sec);
/*
 * The first note of s that says why sec is missing: one whose what is the
 * section's name or one of its notes, whole (a "slab_bench" note is not
 * about "slab"); NULL: none.
 */
const struct ms_note *ms_note_missing(const struct ms_snapshot *s,
				      enum ms_section sec);
/* The area whose tab is name, NULL: none. */
const struct ms_area *ms_area_by_name(const char *name);

/* Where a part's record sits in s. */
static inline const void *ms_part_rec(const struct ms_part *p,
				      const struct ms_snapshot *s)
{
	return (const char *)s + p->off;
}

/*
 * A part whose table is one list named as the part: the JSON's member is
 * that list as a bare array ("cgroups":[...]), not an object
 */
static inline bool ms_part_array(const struct ms_part *p)
{
	return p->fields && p->fields[0].type == MS_F_LIST &&
	       !p->fields[1].key && p->key && !strcmp(p->fields[0].key, p->key);
}

#endif
