// SPDX-License-Identifier: GPL-2.0
/*
 * Whether the terminal can hold the explorer, asked before anything is
 * opened: on a terminal without cursor addressing the full screen scrolls
 * by as garbage.
 */
#include "tui/tui.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <term.h>
#include <unistd.h>

#include "model/escape.h"

/* The capability is there: not absent (NULL) and not cancelled (-1). */
static bool have_cap(const char *name)
{
	const char *s = tigetstr(name);

	return s && s != (const char *)-1;
}

int ms_tui_check_terminal(char *why, size_t len)
{
	const char *term = getenv("TERM");
	TERMINAL *old = cur_term;
	char esc[160];
	int err = 0;
	bool ok;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(why, len, "not a terminal");
		return -ENOTTY;
	}
	if (!term || !*term) {
		snprintf(why, len, "TERM is not set");
		return -ENOTTY;
	}
	ms_escape(esc, sizeof(esc), term, (size_t)-1);
	if (setupterm(term, STDOUT_FILENO, &err) != OK) {
		snprintf(why, len,
			 err < 0 ?
				 "no terminfo database for TERM=%s" :
				 "terminal type TERM=%s is unknown to terminfo",
			 esc);
		return -ENOTTY;
	}
	/* dumb, emacs's shell buffers, line printers: no cup, no clear */
	ok = have_cap("cup") && have_cap("clear") && tigetflag("hc") <= 0;
	del_curterm(cur_term);
	set_curterm(old);
	if (!ok) {
		snprintf(why, len,
			 "terminal TERM=%s cannot move the cursor (no full "
			 "screen)",
			 esc);
		return -ENOTTY;
	}
	return 0;
}
