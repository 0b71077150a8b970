// SPDX-License-Identifier: GPL-2.0
/* The crash guard: memscope's changes put back when it dies of a fatal signal (undo.h). */
#include "probes/undo.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Everything the handler uses, prepared when armed: no formatting there. */
struct guard {
	volatile sig_atomic_t armed;
	pid_t owner; /* a forked child never puts back its parent's changes */
	int n;
	char path[MS_UNDO_STEPS][320];
	char value[MS_UNDO_STEPS][64];
	char record[MS_UNDO_STEPS][512];
};

static struct guard guards[MS_UNDO_SLOTS];
static const int fatal[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
static struct sigaction old_act[sizeof(fatal) / sizeof(fatal[0])];
static bool installed;
/* ms_undo_on_crash(): the explorer's terminal, first */
static void (*volatile last_words)(void);

/* Async-signal-safe: open, write, close. */
static bool put_str(const char *path, const char *v)
{
	size_t n = strlen(v);
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	bool ok;

	if (fd < 0)
		return false;
	ok = write(fd, v, n) == (ssize_t)n;
	close(fd);
	return ok;
}

/*
 * Every write is tried: a kdamond that was not on yet refuses "off", and
 * nr_kdamonds 0 still removes it. DAMON's turn-off waits for the thread,
 * so nr_kdamonds is not refused as busy right after it.
 */
static void fire(struct guard *g)
{
	bool ok = false;

	if (!g->armed || g->owner != getpid())
		return;
	g->armed = 0;
	for (int i = 0; i < g->n; i++)
		ok = put_str(g->path[i], g->value[i]);
	for (int i = 0; ok && i < g->n; i++)
		unlink(g->record[i]);
}

static void fire_all(void)
{
	for (int i = 0; i < MS_UNDO_SLOTS; i++)
		fire(&guards[i]);
}

/*
 * The terminal first, so that what follows is seen; then the changes.
 * A handler that was there before (a sanitizer's report) is called next;
 * then, SA_RESETHAND having put the default action back, the signal
 * raised again is blocked until the handler returns and then ends the
 * process as it would have (a fault returns to the faulting instruction
 * and faults again).
 */
static void on_fatal(int sig, siginfo_t *si, void *uc)
{
	void (*words)(void) = last_words;
	int saved = errno;

	if (words)
		words();
	fire_all();
	for (size_t i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++) {
		const struct sigaction *o = &old_act[i];

		/* one union: SIG_DFL and SIG_IGN whatever the flags say */
		if (fatal[i] != sig || o->sa_handler == SIG_DFL ||
		    o->sa_handler == SIG_IGN)
			continue;
		if (o->sa_flags & SA_SIGINFO)
			o->sa_sigaction(sig, si, uc);
		else
			o->sa_handler(sig);
	}
	raise(sig);
	errno = saved;
}

/*
 * Installed only while something is guarded, so a sanitizer's own
 * handler of these signals has them back the rest of the time.
 */
static void install(bool on)
{
	struct sigaction sa = { .sa_sigaction = on_fatal,
				.sa_flags = SA_RESETHAND | SA_SIGINFO };
	static bool at_exit;

	if (on == installed)
		return;
	installed = on;
	if (on && !at_exit) {
		at_exit = true;
		atexit(fire_all);
	}
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
		sigaddset(&sa.sa_mask, fatal[i]);
	for (size_t i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
		sigaction(fatal[i], on ? &sa : &old_act[i],
			  on ? &old_act[i] : NULL);
}

static void unarmed(void)
{
	if (last_words)
		return;
	for (int i = 0; i < MS_UNDO_SLOTS; i++)
		if (guards[i].armed)
			return;
	install(false);
}

int ms_undo_keep(enum ms_undo_slot slot, const char *root, const char *dir,
		 const struct ms_undo_step *s, int n)
{
	struct guard *g = &guards[slot];
	bool again = g->armed;
	size_t rl = strlen(root);
	int err = 0, i;

	if (n < 1 || n > MS_UNDO_STEPS)
		return -EINVAL;
	while (rl && root[rl - 1] == '/')
		rl--;
	for (i = 0; i < n && !err; i++)
		err = ms_undo_save(dir, s[i].name, s[i].path, s[i].value,
				   s[i].if_path, s[i].if_value);
	if (err && !again)
		while (--i >= 0)
			ms_undo_done(dir, s[i].name);
	if (err)
		return err;
	/* the handler never sees a half-written step */
	g->armed = 0;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	for (i = 0; i < n; i++) {
		snprintf(g->path[i], sizeof(g->path[i]), "%.*s%s", (int)rl,
			 root, s[i].path);
		snprintf(g->value[i], sizeof(g->value[i]), "%s", s[i].value);
		snprintf(g->record[i], sizeof(g->record[i]), "%s/%s", dir,
			 s[i].name);
	}
	g->n = n;
	g->owner = getpid();
	install(true);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	g->armed = 1;
	return 0;
}

void ms_undo_unarm(enum ms_undo_slot slot)
{
	guards[slot].armed = 0;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	unarmed();
}

void ms_undo_forget(enum ms_undo_slot slot)
{
	struct guard *g = &guards[slot];

	ms_undo_unarm(slot);
	for (int i = 0; i < g->n; i++)
		unlink(g->record[i]);
	g->n = 0;
}

void ms_undo_on_crash(void (*fn)(void))
{
	last_words = fn;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	if (fn)
		install(true);
	else
		unarmed();
}
