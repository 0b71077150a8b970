// SPDX-License-Identifier: GPL-2.0
/* memscope: parse the command line, open the probes, run the TUI or batch. */
#include <errno.h>
#include <malloc.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/batch.h"
#include "app/opts.h"
#include "app/recd.h"
#include "app/serve.h"
#include "app/target.h"
#include "exp/exp.h"
#include "out/openmetrics.h"
#include "probes/undo.h"
#include "store/record.h"
#include "tui/theme.h"
#include "tui/tui.h"

/*
 * What a memscope killed by SIGKILL left changed in the kernel (a sysctl
 * it turned on) is put back before this one starts, and said.
 */
static void undo_left_over(struct ms_opts *o)
{
	static char said[2048];
	char msg[2048], *line, *next;
	size_t off = 0;

	if (geteuid())
		return;
	ms_undo_recover(MS_UNDO_DIR, msg, sizeof(msg));
	for (line = msg; *line; line = next) {
		next = strchr(line, '\n');
		next = next ? next + 1 : line + strlen(line);
		fprintf(stderr, "memscope: %.*s", (int)(next - line), line);
		/* and in the explorer's notes, where it is seen while it runs */
		if (off < sizeof(said))
			off += (size_t)snprintf(said + off, sizeof(said) - off,
						"%s%.*s", off ? "; " : "",
						(int)strcspn(line, "\n"), line);
	}
	o->put_back = off ? said : NULL;
}

/* Batch output has no colours, but a broken theme should not go unseen. */
static void check_theme(const struct ms_opts *o)
{
	char err[300];

	if (o->theme && ms_theme_load(o->theme, err, sizeof(err)))
		fprintf(stderr, "memscope: %s\n", err);
}

/* -b reads only the files of its window; the explorer may seek anywhere. */
static int open_replay(struct ms_manager *m, const struct ms_opts *o)
{
	double from = NAN, to = NAN;

	if (o->batch) {
		from = isnan(o->from) ? o->at : o->from;
		to = o->to;
	}
	return ms_manager_open_replay(m, o->replay, from, to);
}

/* The explorer on a replay --at T: the first sample from T on. */
static int replay_at(struct ms_session *s, const struct ms_opts *o)
{
	struct ms_cursor *c = ms_session_cursor(s);
	int i;

	if (!c || isnan(o->at))
		return 0;
	i = ms_cursor_at_time(c, o->at);
	if (i >= ms_cursor_count(c)) {
		time_t t = (time_t)ms_cursor_time(c, ms_cursor_count(c) - 1);
		char when[40] = "?";
		struct tm tm;

		if (localtime_r(&t, &tm))
			strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
		fprintf(stderr,
			"memscope: --at: the recording ends before that, at "
			"%s\n",
			when);
		return -ERANGE;
	}
	ms_cursor_seek(c, i);
	return 0;
}

static int start_recording(struct ms_session *s, const struct ms_opts *o)
{
	char why[160];
	int err;

	if (o->capture) {
		fprintf(stderr, "memscope: --record goes without --capture\n");
		return -EINVAL;
	}
	err = ms_record_open(&s->rec, o->record, o->interval, why, sizeof(why));
	if (err)
		fprintf(stderr, "memscope: cannot record into %s: %s\n",
			o->record, why);
	return err;
}

int main(int argc, char **argv)
{
	struct ms_manager m;
	struct ms_session s = { .m = &m };
	struct ms_root root = { .dirfd = -1, .capture_fd = -1 };
	struct ms_opts o;
	struct ms_serve_addr serve_addr;
	const char *skip_why;
	char why[256];
	unsigned int want;
	int err = 0, rerr, sfd = -1;

	/*
	 * Big short-lived blocks (libbpf parses the kernel's BTF, megabytes,
	 * whenever a probe group attaches) go back to the kernel when freed.
	 * glibc's default threshold moves up after the first such free, and
	 * then they stay in the heap: RSS wandered by 10-39 MiB from one
	 * refresh cycle to the next in the soak test.
	 */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	mallopt(M_TRIM_THRESHOLD, 128 * 1024);
	if (argc > 1 && !strcmp(argv[1], "experiment"))
		return ms_exp_main(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "record"))
		return ms_recd_main(argc - 1, argv + 1);
	o = (struct ms_opts){ .interval = 1.0,
			      .alloc_probe = -1,
			      .top = MS_OM_TOP_DEFAULT,
			      .at = NAN,
			      .from = NAN,
			      .to = NAN };
	err = ms_opts_parse(argc, argv, &o, &serve_addr);
	s.include_self = o.include_self;
	if (err)
		return err > 0 ? 0 : 2;
	if (o.config_err && (o.batch || o.capture))
		fprintf(stderr, "memscope: %s\n", o.config_err);
	if (o.batch)
		check_theme(&o);
	/* before anything is opened or a recording created */
	if (!o.batch && !o.capture && ms_tui_check_terminal(why, sizeof(why))) {
		fprintf(stderr,
			"memscope: %s: the explorer needs a full-screen "
			"terminal; use -b for batch output (text, --json)\n",
			why);
		return 1;
	}
	/* a closed pipe in batch mode ends output quietly, not with a signal */
	signal(SIGPIPE, SIG_IGN);
	/* a port taken or an address not here: said before anything opens */
	if (o.serve &&
	    (sfd = ms_serve_listen(&serve_addr, why, sizeof(why))) < 0) {
		fprintf(stderr, "memscope: --serve: cannot listen on %s\n",
			why);
		return 2;
	}
	/* a replay reads its file and nothing else: no root */
	if (!o.replay)
		err = ms_root_open(&root, o.root);
	if (err) {
		fprintf(stderr, "memscope: cannot open root %s: %s\n", o.root,
			strerror(-err));
		return 1;
	}
	if (o.capture && (err = ms_root_capture(&root, o.capture))) {
		fprintf(stderr, "memscope: cannot write capture into %s: %s\n",
			o.capture, strerror(-err));
		return 1;
	}
	if (root.live && !o.replay)
		undo_left_over(&o);
	want = ms_batch_wants(&o, &skip_why);
	err = o.replay ? open_replay(&m, &o) :
			 ms_manager_open_for(&m, &root, want, skip_why);
	if (err && o.replay) {
		/* ms_manager_open_replay() always fills probes[0] */
		fprintf(stderr, "memscope: cannot replay %s: %s\n", o.replay,
			m.probes[0].why);
		return 1;
	} else if (err) {
		fprintf(stderr, "memscope: no data source below %s: %s\n",
			root.path, m.n ? m.probes[0].why : "no backend");
		ms_root_close(&root);
		return 1;
	}
	if (o.replay && !o.batch && replay_at(&s, &o)) {
		ms_manager_close(&m);
		return 1;
	}
	/*
	 * the explorer opens at what -p and --cache name, and a batch run
	 * records only what exists: checked before a recording is created,
	 * which a run that stops at its first sample would leave behind
	 */
	if (!o.capture && (!o.batch || o.record) &&
	    ms_target_check(&s, &o,
			    o.batch ? ms_batch_sections(&o) : MS_SEC_EVERY)) {
		ms_manager_close(&m);
		ms_root_close(&root);
		return 1;
	}
	if (o.record && (err = start_recording(&s, &o))) {
		ms_manager_close(&m);
		ms_root_close(&root);
		return 1;
	}
	if (o.serve)
		err = ms_serve_run(&s, &o, sfd, &serve_addr);
	else if (o.capture)
		err = ms_capture_run(&s, &o);
	else if (o.batch)
		err = ms_batch_run(&s, &o);
	else {
		/* a crash puts the explorer's terminal back (tui/crash.c) */
		ms_undo_on_crash(ms_tui_crash_restore);
		err = ms_tui_run(&s, &o);
		ms_undo_on_crash(NULL);
	}
	if (s.rec && (rerr = ms_record_close(s.rec))) {
		fprintf(stderr, "memscope: recording %s: %s\n", o.record,
			strerror(-rerr));
		err = err ? err : rerr;
	}
	ms_manager_close(&m);
	ms_root_close(&root);
	if (err == -EPIPE)
		return 0;
	return err ? 1 : 0;
}
