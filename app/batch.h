/* SPDX-License-Identifier: GPL-2.0 */
/* Batch mode (-b), capture mode (--capture), and what --tab asks for. */
#ifndef MS_BATCH_H
#define MS_BATCH_H

#include "app/opts.h"
#include "app/session.h"

/* Sections to sample for --tab NAME (with --pid/--cache); 0 if unknown. */
unsigned int ms_tab_sections(const char *tab, const struct ms_opts *o);
/*
 * The sections a run with these options will ever ask for (every one for
 * the explorer, capture, --record and --replay), so main opens no backend
 * that cannot contribute; *why is the note for what it leaves out.
 */
unsigned int ms_batch_wants(const struct ms_opts *o, const char **why);
/* The sections each sample of a batch run asks for. */
unsigned int ms_batch_sections(const struct ms_opts *o);
/* The request of each sample of a batch run (or of --serve). */
void ms_batch_request(struct ms_request *req, const struct ms_opts *o);
/* SIGINT, SIGTERM, SIGHUP end a loop (so main() closes the probes). */
void ms_catch_signals(void);
/* The signal that asked to stop, 0 none. */
int ms_stop_signal(void);
/* Sleep s seconds, or until such a signal. */
void ms_sleep(double s);
int ms_batch_run(struct ms_session *s, const struct ms_opts *o);
/* Read everything once (all processes' VMAs, every slab cache detail). */
int ms_capture_run(struct ms_session *s, const struct ms_opts *o);

#endif
