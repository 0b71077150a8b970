// SPDX-License-Identifier: GPL-2.0
/*
 * The VMA spool of batch mode: each VMA as the reader completes it, written
 * to an unlinked temporary file (tmpfile(3)) as its struct and its path.
 * The document's header, notes included, comes before the list, and the
 * notes are known only once the list is read: so the list waits on disk,
 * not in memory, and memscope's memory stays bounded by one VMA whatever
 * the number of VMAs (60,000 held whole cost 350 MB of RSS).
 */
#include "app/vma_spool.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int put(void *ctx, const struct ms_vma *v)
{
	struct ms_vma_spool *sp = ctx;
	struct ms_vma rec = *v;
	uint32_t len = v->path ? (uint32_t)strlen(v->path) : UINT32_MAX;

	rec.path = NULL;
	if (fwrite(&rec, sizeof(rec), 1, sp->f) != 1 ||
	    fwrite(&len, sizeof(len), 1, sp->f) != 1 ||
	    (v->path && fwrite(v->path, 1, len, sp->f) != len))
		return errno ? -errno : -EIO;
	return 0;
}

static void reset(void *ctx)
{
	struct ms_vma_spool *sp = ctx;

	rewind(sp->f);
	if (ftruncate(fileno(sp->f), 0))
		clearerr(sp->f); /* written over from the start anyway */
}

static int each(void *ctx, int (*fn)(void *arg, const struct ms_vma *v),
		void *arg)
{
	struct ms_vma_spool *sp = ctx;
	long end = ftell(sp->f);
	struct ms_vma v;
	uint32_t len;
	int err = 0;

	if (end < 0 || fflush(sp->f))
		return -EIO;
	rewind(sp->f);
	while (!err && ftell(sp->f) < end &&
	       fread(&v, sizeof(v), 1, sp->f) == 1 &&
	       fread(&len, sizeof(len), 1, sp->f) == 1) {
		if (len != UINT32_MAX && len + 1 > sp->pathcap) {
			char *p = realloc(sp->path, len + 1);

			if (!p) {
				err = -ENOMEM;
				break;
			}
			sp->path = p;
			sp->pathcap = len + 1;
		}
		if (len != UINT32_MAX) {
			if (fread(sp->path, 1, len, sp->f) != len)
				break;
			sp->path[len] = '\0';
			v.path = sp->path;
		}
		err = fn(arg, &v);
	}
	/* later puts append */
	if (fseek(sp->f, end, SEEK_SET) && !err)
		err = -EIO;
	return err;
}

int ms_vma_spool_open(struct ms_vma_spool *sp)
{
	memset(sp, 0, sizeof(*sp));
	sp->f = tmpfile();
	if (!sp->f)
		return -errno;
	/* a VMA is a few hundred bytes: write them in big blocks */
	setvbuf(sp->f, NULL, _IOFBF, 1 << 16);
	sp->sink = (struct ms_vma_sink){
		.put = put, .reset = reset, .each = each, .ctx = sp
	};
	return 0;
}

void ms_vma_spool_close(struct ms_vma_spool *sp)
{
	if (sp->f)
		fclose(sp->f);
	free(sp->path);
	memset(sp, 0, sizeof(*sp));
}
