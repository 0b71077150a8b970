// SPDX-License-Identifier: GPL-2.0
/* CSV files of the experiments: one header, rows of fixed width, NA gaps. */
#include "exp/exp.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "model/snapshot.h"

int ms_csv_start(struct ms_csv *c, FILE *f, const char *const *cols, int n)
{
	*c = (struct ms_csv){ .f = f, .ncols = n };
	if (!f)
		return c->err = -EBADF;
	for (int i = 0; i < n; i++)
		ms_csv_str(c, cols[i]);
	ms_csv_end(c);
	return c->err;
}

static void sep(struct ms_csv *c)
{
	if (c->col >= c->ncols && !c->err)
		c->err = -EINVAL; /* more fields than the header */
	if (c->col++)
		fputc(',', c->f);
}

void ms_csv_str(struct ms_csv *c, const char *s)
{
	if (!c->f)
		return;
	sep(c);
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, c->f);
		return;
	}
	fputc('"', c->f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', c->f);
		fputc(*s, c->f);
	}
	fputc('"', c->f);
}

void ms_csv_u64(struct ms_csv *c, uint64_t v)
{
	if (!c->f)
		return;
	sep(c);
	if (ms_have(v))
		fprintf(c->f, "%" PRIu64, v);
	else
		fputs("NA", c->f);
}

void ms_csv_int(struct ms_csv *c, long long v)
{
	if (!c->f)
		return;
	sep(c);
	fprintf(c->f, "%lld", v);
}

void ms_csv_dbl(struct ms_csv *c, double v, int decimals)
{
	if (!c->f)
		return;
	sep(c);
	if (isfinite(v))
		fprintf(c->f, "%.*f", decimals, v);
	else
		fputs("NA", c->f);
}

void ms_csv_end(struct ms_csv *c)
{
	if (!c->f)
		return;
	if (c->col != c->ncols && !c->err)
		c->err = -EINVAL;
	fputc('\n', c->f);
	c->col = 0;
}

int ms_csv_close(struct ms_csv *c)
{
	int err = c->err;

	if (c->f) {
		if (ferror(c->f) && !err)
			err = -EIO;
		if (fclose(c->f) && !err)
			err = -errno;
	}
	c->f = NULL;
	return err;
}
