// SPDX-License-Identifier: GPL-2.0
/* proc/self/timens_offsets: the shift of our clocks from the kernel's. */
#include "probes/bpf/timens.h"
#include "probes/procfs/kv.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* The kernel refuses offsets beyond KTIME_SEC_MAX / 2 (about 146 years). */
#define MAX_SEC (INT64_MAX / 1000000000 / 2)

/* The clocks the file lists, by name or id, in the order of seen[]. */
static const char *const clocks[][2] = { { "monotonic", "1" },
					 { "boottime", "7" } };

/* One line "monotonic  -300  0": the offset into t, else -EINVAL. */
static int parse_line(struct ms_timens *t, const char *l, bool *seen)
{
	int64_t *to[] = { &t->mono_ns, &t->boot_ns };
	char name[16], end;
	int64_t sec, nsec;
	int i;

	if (sscanf(l, "%15s %" SCNd64 " %" SCNd64 " %c", name, &sec, &nsec,
		   &end) != 3)
		return -EINVAL;
	for (i = 0; i < 2; i++)
		if (!strcmp(name, clocks[i][0]) || !strcmp(name, clocks[i][1]))
			break;
	/* the kernel prints a normalised timespec: -1.5 s is -2 500000000 */
	if (i == 2 || seen[i] || nsec < 0 || nsec > 999999999 ||
	    sec > MAX_SEC || sec < -MAX_SEC)
		return -EINVAL;
	seen[i] = true;
	*to[i] = sec * 1000000000 + nsec;
	return 0;
}

int ms_timens_parse(struct ms_timens *t, const char *text)
{
	const char *p = text, *end = text + strlen(text), *l;
	bool seen[2] = { false, false };
	char line[128];
	size_t n;

	memset(t, 0, sizeof(*t));
	while ((l = ms_line_next(&p, end, &n))) {
		if (!n)
			continue;
		if (n >= sizeof(line))
			goto bad;
		memcpy(line, l, n);
		line[n] = '\0';
		if (parse_line(t, line, seen))
			goto bad;
	}
	if (seen[0])
		return 0;
bad:
	memset(t, 0, sizeof(*t));
	return -EINVAL;
}

int ms_timens_load(struct ms_timens *t, const struct ms_root *r)
{
	struct ms_buf b = { 0 };
	int err = ms_read(r, "proc/self/timens_offsets", &b);

	memset(t, 0, sizeof(*t));
	if (!err)
		err = ms_timens_parse(t, b.data);
	else if (err == -ENOENT)
		err = 0; /* before 5.6, or no CONFIG_TIME_NS: no offsets */
	ms_buf_free(&b);
	return err;
}
