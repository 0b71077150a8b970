/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The probe vtable every backend implements (procfs, bpf, kmod, replay),
 * and the manager that picks, per section, the best backend available.
 */
#ifndef MS_PROBE_H
#define MS_PROBE_H

#include "model/snapshot.h"
#include "probes/root.h"

struct ms_probe;
struct ms_cursor;

struct ms_probe_ops {
	const char *name;
	int priority; /* higher wins a section */
	/*
	 * Side-effect free: set *caps to the sections this backend could
	 * provide; return 0, or -errno with a reason in why. On failure caps
	 * may still name what it would provide: the manager then gives why
	 * as the reason those sections are missing.
	 */
	int (*detect)(const struct ms_root *root, unsigned int *caps, char *why,
		      size_t len);
	int (*open)(struct ms_probe *p);
	/* Fill the sections of req->sections it owns; notes explain gaps. */
	int (*sample)(struct ms_probe *p, const struct ms_request *req,
		      struct ms_snapshot *snap);
	void (*close)(struct ms_probe *p);
	/*
	 * Samples come with derived values and rates filled in (a replay
	 * gives them as recorded): the manager leaves them as they are.
	 */
	bool derived;
	/*
	 * Sections another backend owns that this one adds to once they are
	 * filled (backends are sampled in the manager's order): the module's
	 * migrate types in the physical memory map. adds_note names the note
	 * that says why, when a sample asks for one and this backend is not
	 * open.
	 */
	unsigned int adds;
	const char *adds_note;
	/*
	 * Optional: called instead of sample() when a request asks nothing
	 * of this backend, so it can let go of what samples stopped asking
	 * for (attached BPF programs) and report on itself.
	 */
	void (*idle)(struct ms_probe *p, const struct ms_request *req,
		     struct ms_snapshot *snap);
	/*
	 * Optional: a backend that plays samples back gives the cursor the
	 * front ends move (probes/cursor.h), NULL while it is not open.
	 */
	struct ms_cursor *(*cursor)(struct ms_probe *p);
};

struct ms_probe {
	const struct ms_probe_ops *ops;
	const struct ms_root *root;
	unsigned int caps; /* what detect() promised */
	unsigned int owns; /* sections the manager gave it */
	bool opened;
	const char *file; /* the recording a replay plays, else NULL */
	/*
	 * The part of it wanted (seconds since the epoch, NaN: unbounded): a
	 * directory's files wholly outside are not read
	 */
	double from, to;
	char why[128]; /* reason it is unavailable */
	void *priv;
};

/* The effective capability cap (CAP_*) of this process (probes/cap.c). */
bool ms_has_cap(int cap);

/* Backends, in no particular order: the manager sorts by priority. */
extern const struct ms_probe_ops ms_procfs_ops;
extern const struct ms_probe_ops ms_kmod_ops;
extern const struct ms_probe_ops ms_bpf_ops;
extern const struct ms_probe_ops ms_taskstats_ops;
extern const struct ms_probe_ops ms_replay_ops;

#define MS_MAX_PROBES 8

struct ms_manager {
	const struct ms_root *root;
	struct ms_probe probes[MS_MAX_PROBES];
	int n;
	struct ms_probe *owner[MS_SEC_COUNT];
};

int ms_manager_open(struct ms_manager *m, const struct ms_root *root);
/*
 * --replay FILE: the replay backend alone, on the recording at file; no
 * root, nothing below /proc or /sys is opened. from, to: the samples
 * wanted (NaN: all), so that a directory's other files are not read.
 */
int ms_manager_open_replay(struct ms_manager *m, const char *file, double from,
			   double to);
/*
 * The same for a run that will only ever show the sections in want (a
 * batch run, whose request never changes): a backend that provides none
 * of them is not opened (no BPF loaded for a one-shot sample, whose event
 * rates would be empty), and why is what a sample that asks for one of
 * its sections notes.
 */
int ms_manager_open_for(struct ms_manager *m, const struct ms_root *root,
			unsigned int want, const char *why);
/*
 * Collect into snap (reset first): each backend fills the sections it owns,
 * a note says why a section asked for has none. Derived values and rates
 * are the caller's (app/session.c); returns true when the sample came with
 * them already (a replay gives them as recorded).
 */
bool ms_manager_sample(struct ms_manager *m, const struct ms_request *req,
		       struct ms_snapshot *snap);
/*
 * From now on every backend reads every section it can, not only those it
 * owns: a capture wants every file (buddyinfo even with the module loaded).
 */
void ms_manager_sample_every(struct ms_manager *m);
/* The cursor of an open backend that plays samples back, else NULL. */
struct ms_cursor *ms_manager_cursor(struct ms_manager *m);
void ms_manager_close(struct ms_manager *m);

#endif
