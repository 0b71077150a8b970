// SPDX-License-Identifier: GPL-2.0
/*
 * -p PID and --cache NAME that name nothing are an error, said on stderr:
 * in batch mode instead of a sample of nothing, and before the explorer
 * opens instead of a tab that ignores them.
 */
#include "app/target.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "model/escape.h"

/* Reads its VMAs one by one and keeps none: only whether there are any. */
static int drop(void *ctx, const struct ms_vma *v)
{
	return 0;
}

static void nop(void *ctx)
{
}

int ms_target_missing(const struct ms_snapshot *s, const struct ms_request *req,
		      char *why, size_t len)
{
	char name[4 * MS_NAME];

	if ((req->sections & MS_SEC_BIT(MS_SEC_VMAS)) && req->pid > 0 &&
	    s->vmas.gone) {
		const struct ms_note *n = ms_note_of_pid(s, "vmas", req->pid);

		/* the reader's words: "pid N: no such process", "...: exited" */
		if (n)
			ms_escape(why, len, n->why, (size_t)-1);
		else
			snprintf(why, len, "pid %d: no such process", req->pid);
		return -ESRCH;
	}
	/* --damon: monitoring that cannot start, or whose process exited */
	if ((req->sections & MS_SEC_BIT(MS_SEC_DAMON)) && req->damon &&
	    !s->damon.target[0]) {
		const char *w = ms_snapshot_why(s, "damon_mon");

		if (!w)
			w = ms_snapshot_why(s, "damon");
		ms_escape(name, sizeof(name), w ? w : "not started",
			  (size_t)-1);
		if (req->damon_pid)
			snprintf(why, len, "--damon %d: %s", req->damon_pid,
				 name);
		else
			snprintf(why, len, "--damon paddr: %s", name);
		return -EBUSY;
	}
	if ((req->sections & MS_SEC_BIT(MS_SEC_SLAB_DETAIL)) &&
	    req->slab_cache[0] && s->slab_detail.gone) {
		ms_escape(name, sizeof(name), req->slab_cache, (size_t)-1);
		snprintf(why, len, "no slab cache named '%s'", name);
		return -ENOENT;
	}
	return 0;
}

int ms_target_check(struct ms_session *s, const struct ms_opts *o,
		    unsigned int sections)
{
	struct ms_vma_sink sink = { .put = drop, .reset = nop };
	struct ms_request req = { .pid = o->pid, .vma_sink = &sink };
	bool pid = o->pid > 0 && (sections & MS_SEC_BIT(MS_SEC_VMAS));
	bool cache = o->slab_cache &&
		     (sections & MS_SEC_BIT(MS_SEC_SLAB_DETAIL));
	struct ms_snapshot snap;
	char why[300];
	int err;

	if (o->replay || (!pid && !cache))
		return 0;
	if (pid)
		req.sections |= MS_SEC_BIT(MS_SEC_VMAS);
	if (cache) {
		req.sections |= MS_SEC_BIT(MS_SEC_SLAB_DETAIL);
		snprintf(req.slab_cache, sizeof(req.slab_cache), "%s",
			 o->slab_cache);
	}
	ms_snapshot_init(&snap);
	ms_manager_sample(s->m, &req, &snap);
	err = ms_target_missing(&snap, &req, why, sizeof(why));
	if (err)
		fprintf(stderr, "memscope: %s\n", why);
	ms_snapshot_free(&snap);
	return err;
}
