/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Untrusted names (comm, paths, cache names) made safe for a terminal,
 * and the hex digits its \xNN escapes and the kernel's numbers use.
 */
#ifndef MS_ESCAPE_H
#define MS_ESCAPE_H

#include <stddef.h>

/*
 * Copy in (inlen bytes, or up to NUL when inlen is (size_t)-1) to out,
 * keeping valid printable UTF-8 and writing every control byte, DEL,
 * C1 control and invalid UTF-8 byte as \xNN (and '\' as "\\"), so no raw
 * control byte reaches a terminal. Always NUL-terminates; never cuts an
 * escape or a character in half. Returns the length written.
 */
size_t ms_escape(char *out, size_t outlen, const char *in, size_t inlen);

/* The value of hex digit c, in either case; -1 when it is none. */
static inline int ms_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#endif
