// SPDX-License-Identifier: GPL-2.0
/* Escaping of untrusted bytes before they reach a terminal or JSON. */
#include "model/escape.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at p (n bytes left), 0 if invalid. */
static size_t utf8_len(const unsigned char *p, size_t n, uint32_t *cp)
{
	size_t len;
	uint32_t c;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
		c = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		c = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		c = p[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	/* overlong forms, surrogates, beyond Unicode */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return len;
}

static int printable(uint32_t c)
{
	if (c < 0x20 || c == 0x7f)
		return 0;
	if (c >= 0x80 && c < 0xa0) /* C1 controls, e.g. CSI */
		return 0;
	if (c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2066 && c <= 0x2069)) /* separators, bidi overrides */
		return 0;
	return 1;
}

size_t ms_escape(char *out, size_t outlen, const char *in, size_t inlen)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t o = 0, i = 0, len;
	uint32_t c;

	if (!outlen)
		return 0;
	if (!in)
		in = "", p = (const unsigned char *)in, inlen = 0;
	if (inlen == (size_t)-1)
		inlen = strlen(in);
	while (i < inlen) {
		len = utf8_len(p + i, inlen - i, &c);
		if (len && printable(c) && c != '\\') {
			if (o + len >= outlen)
				break;
			memcpy(out + o, p + i, len);
			o += len;
			i += len;
			continue;
		}
		if (len && c == '\\') {
			if (o + 2 >= outlen)
				break;
			out[o++] = '\\';
			out[o++] = '\\';
			i++;
			continue;
		}
		/* escape one byte at a time: invalid or control */
		len = len ? len : 1;
		if (o + 4 * len >= outlen)
			break;
		for (size_t k = 0; k < len; k++, o += 4)
			snprintf(out + o, 5, "\\x%02x", p[i + k]);
		i += len;
	}
	out[o] = '\0';
	return o;
}
