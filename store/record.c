// SPDX-License-Identifier: GPL-2.0
/*
 * --record FILE: a header line, then every sample as ms_out_json() prints
 * it, through a zstd stream flushed per sample (docs/recording.md).
 */
#define _GNU_SOURCE
#include "store/record.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include "model/escape.h"
#include "store/json.h"
#include "store/codec.h"

struct ms_record {
	int fd;
	ZSTD_CCtx *cctx;
	FILE *f; /* fopencookie(): what it is given is compressed */
	char *out;
	size_t out_cap;
	double interval;
	long samples;
	uint64_t bytes; /* written to the file so far */
	int err; /* the first error: the recording stops there */
};

static int write_all(int fd, const char *b, size_t n)
{
	while (n) {
		ssize_t w = write(fd, b, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Feed n bytes to zstd (mode says whether to flush or end the frame). */
static int pump(struct ms_record *r, const void *src, size_t n,
		ZSTD_EndDirective mode)
{
	ZSTD_inBuffer in = { src, n, 0 };
	size_t left;
	int err;

	do {
		ZSTD_outBuffer out = { r->out, r->out_cap, 0 };

		left = ZSTD_compressStream2(r->cctx, &out, &in, mode);
		if (ZSTD_isError(left))
			return -EIO;
		err = write_all(r->fd, r->out, out.pos);
		if (err)
			return err;
		r->bytes += out.pos;
	} while (mode == ZSTD_e_continue ? in.pos < in.size : left != 0);
	return 0;
}

static ssize_t cookie_write(void *c, const char *buf, size_t n)
{
	struct ms_record *r = c;
	int err = pump(r, buf, n, ZSTD_e_continue);

	if (err) {
		if (!r->err)
			r->err = err;
		errno = -err;
		return -1;
	}
	return (ssize_t)n;
}

static int setup(struct ms_record *r)
{
	cookie_io_functions_t io = { .write = cookie_write };

	r->cctx = ZSTD_createCCtx();
	r->out_cap = ZSTD_CStreamOutSize();
	r->out = malloc(r->out_cap);
	if (!r->cctx || !r->out)
		return -ENOMEM;
	/* a frame checksum lets replay tell a damaged frame from a good one */
	if (ZSTD_isError(ZSTD_CCtx_setParameter(r->cctx,
						ZSTD_c_compressionLevel, 3)) ||
	    ZSTD_isError(
		    ZSTD_CCtx_setParameter(r->cctx, ZSTD_c_checksumFlag, 1)))
		return -EINVAL;
	r->f = fopencookie(r, "w", io);
	if (!r->f)
		return -errno;
	setvbuf(r->f, NULL, _IOFBF, 1 << 16);
	return 0;
}

static void destroy(struct ms_record *r)
{
	if (r->f)
		fclose(r->f);
	ZSTD_freeCCtx(r->cctx);
	free(r->out);
	if (r->fd >= 0)
		close(r->fd);
	free(r);
}

int ms_record_open(struct ms_record **rp, const char *path, double interval,
		   char *err, size_t len)
{
	struct ms_record *r = calloc(1, sizeof(*r));
	int e;

	*rp = NULL;
	if (!r) {
		snprintf(err, len, "%s", strerror(ENOMEM));
		return -ENOMEM;
	}
	r->interval = interval;
	/* a recording is never overwritten: lecture material is precious */
	r->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (r->fd < 0) {
		e = -errno;
		snprintf(err, len, "%s%s", strerror(-e),
			 e == -EEXIST ? " (a recording is never overwritten)" :
					"");
		destroy(r);
		return e;
	}
	/* 0600 whatever the umask: it shows every process's name */
	e = fchmod(r->fd, 0600) ? -errno : setup(r);
	if (e) {
		snprintf(err, len, "%s", strerror(-e));
		destroy(r);
		unlink(path);
		return e;
	}
	*rp = r;
	return 0;
}

unsigned int ms_record_sections(const struct ms_request *req)
{
	unsigned int s = MS_SEC_ALL & ~(MS_SEC_BIT(MS_SEC_VMAS) |
					MS_SEC_BIT(MS_SEC_SLAB_DETAIL));

	/* the targeted sections for the target the caller has now */
	if (req->pid > 0)
		s |= MS_SEC_BIT(MS_SEC_VMAS);
	if (req->slab_cache[0])
		s |= MS_SEC_BIT(MS_SEC_SLAB_DETAIL);
	if (req->maple_pid > 0)
		s |= MS_SEC_BIT(MS_SEC_MAPLE);
	if (req->delayacct)
		s |= MS_SEC_BIT(MS_SEC_TASK_DELAYS);
	return s | req->sections;
}

/*
 * The first line: what the recording is, so a replay can say so. As
 * json-c printed it: '/' escaped, doubles in its default format.
 */
static void header(struct ms_record *r, const struct ms_snapshot *s)
{
	struct ms_jw w;

	ms_jw_init(&w, r->f, MS_JW_SLASH | MS_JW_G17);
	ms_jw_obj(&w, NULL);
	ms_jw_int(&w, "memscope_recording", MS_RECORD_FORMAT);
	ms_jw_str(&w, "memscope_version", MS_VERSION);
	ms_json_esc(&w, "kernel", s->kernel, sizeof(s->kernel));
	ms_jw_dbl(&w, "start", s->t_real);
	ms_jw_dbl(&w, "interval_s", r->interval);
	ms_jw_int(&w, "frame_samples", MS_RECORD_FRAME);
	ms_jw_end(&w);
	fputc('\n', r->f);
}

int ms_record_write(struct ms_record *r, const struct ms_snapshot *s,
		    unsigned int sections)
{
	ZSTD_EndDirective mode;
	int err;

	if (r->err)
		return r->err;
	if (!r->samples)
		header(r, s);
	err = ms_out_json(r->f, s, sections);
	if (fflush(r->f) && !r->err)
		r->err = -EIO;
	if (err && !r->err)
		r->err = err;
	if (r->err)
		return r->err;
	/* per sample: a crash loses at most the one being written */
	mode = ++r->samples % MS_RECORD_FRAME ? ZSTD_e_flush : ZSTD_e_end;
	r->err = pump(r, NULL, 0, mode);
	return r->err;
}

uint64_t ms_record_bytes(const struct ms_record *r)
{
	return r->bytes;
}

int ms_record_close(struct ms_record *r)
{
	int err;

	if (!r)
		return 0;
	err = r->err;
	if (!err && fflush(r->f))
		err = r->err ? r->err : -EIO;
	if (!err)
		err = pump(r, NULL, 0, ZSTD_e_end);
	if (!err && close(r->fd))
		err = -errno;
	else if (err)
		close(r->fd);
	r->fd = -1;
	destroy(r);
	return err;
}
