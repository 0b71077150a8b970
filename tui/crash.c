// SPDX-License-Identifier: GPL-2.0
/*
 * The explorer's terminal put back when memscope dies of a fatal signal:
 * what endwin() would write, prepared while the terminal opens, written
 * by the crash handler (app/main.c hands it ms_tui_crash_restore()).
 */
#include "tui/tui.h"

#include <curses.h>
#include <signal.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved;
static int tty = -1;
static char bye[512];
static size_t bye_len;
static pid_t owner;
static volatile sig_atomic_t ready;

static void add(const char *s)
{
	size_t n = strlen(s);

	if (bye_len + n < sizeof(bye)) {
		memcpy(bye + bye_len, s, n);
		bye_len += n;
	}
}

/* The terminal's capability name: NULL when absent or cancelled. */
static const char *cap(const char *name)
{
	const char *s = tigetstr(name);

	return s && s != (const char *)-1 ? s : NULL;
}

/* Appends capability name where the terminal has one. */
static void add_cap(const char *name)
{
	const char *s = cap(name);

	if (s)
		add(s);
}

void ms_tui_crash_save(int fd)
{
	ready = 0;
	tty = tcgetattr(fd, &saved) ? -1 : fd;
}

void ms_tui_crash_prepare(bool mouse)
{
	bye_len = 0;
	if (tty < 0)
		return;
	/*
	 * xterm's mouse reports off (ncurses turns them on with these
	 * private modes where the entry has kmous), then the way out of the
	 * screen: attributes, cursor, keypad, the normal screen
	 */
	if (mouse && cap("kmous"))
		add("\033[?1006l\033[?1003l\033[?1002l\033[?1000l");
	add_cap("sgr0");
	add_cap("cnorm");
	add_cap("rmkx");
	add_cap("rmcup");
	add("\r\n");
	owner = getpid();
	ready = 1;
}

void ms_tui_crash_done(void)
{
	ready = 0;
}

/* Async-signal-safe: write(2) and tcsetattr(3). */
void ms_tui_crash_restore(void)
{
	if (!ready || getpid() != owner)
		return;
	ready = 0;
	if (write(tty, bye, bye_len) < 0) {
		/* nothing more to do for a terminal that is gone */
	}
	tcsetattr(tty, TCSANOW, &saved);
}
