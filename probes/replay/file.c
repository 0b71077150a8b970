// SPDX-License-Identifier: GPL-2.0
/*
 * Indexing a recording: decompress it once, check every line (JSON, the
 * right type, frame checksums), note where each sample starts and where
 * the file stops being good; then read samples back a frame at a time.
 */
#define _GNU_SOURCE
#include "probes/replay/file.h"

#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zstd_errors.h>

#define CHUNK (128 * 1024)
#define SLICE 1024
#define MAX_LINE (512u << 20) /* no sample is this big: damage */

/* The state of the one pass over the file at open. */
struct scan {
	struct ms_rec_file *f;
	off_t file_off; /* offset of the input chunk */
	size_t in_pos; /* position in it */
	size_t frame_pos; /* decompressed bytes of the frame so far */
	char *line; /* the line being gathered */
	size_t line_len, line_cap, line_start;
	bool header, in_frame;
	bool quick; /* times from the lines' starts (quick_time()) */
	int committed; /* samples a frame checksum vouched for */
	size_t hint; /* zstd's last: 3 between blocks, more inside */
};

static void note(struct scan *sc, bool damaged, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void note(struct scan *sc, bool damaged, const char *fmt, ...)
{
	struct ms_rec_file *f = sc->f;
	char why[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	snprintf(f->end_note, sizeof(f->end_note),
		 "recording %s at sample %d (byte %lld): %s",
		 damaged ? "damaged" : "ends", f->n + 1,
		 (long long)(sc->file_off + (off_t)sc->in_pos), why);
	f->damaged = damaged;
}

static void *grow(void *p, int *cap, int need, size_t sz)
{
	int c = *cap ? *cap : 64;
	void *q;

	if (need <= *cap)
		return p;
	while (c < need)
		c *= 2;
	q = realloc(p, (size_t)c * sz);
	if (q)
		*cap = c;
	return q;
}

static int header(struct scan *sc, json_object *o)
{
	struct ms_rec_file *f = sc->f;
	json_object *v;

	if (!json_object_object_get_ex(o, "memscope_recording", &v) ||
	    !json_object_is_type(v, json_type_int))
		return -EINVAL;
	if (json_object_object_get_ex(o, "memscope_version", &v))
		snprintf(f->version, sizeof(f->version), "%s",
			 json_object_get_string(v));
	if (json_object_object_get_ex(o, "kernel", &v))
		snprintf(f->kernel, sizeof(f->kernel), "%s",
			 json_object_get_string(v));
	if (json_object_object_get_ex(o, "start", &v))
		f->start = json_object_get_double(v);
	if (json_object_object_get_ex(o, "interval_s", &v))
		f->interval = json_object_get_double(v);
	sc->header = true;
	return 0;
}

/* Index a sample at time t. */
static int entry(struct scan *sc, double t)
{
	struct ms_rec_file *f = sc->f;
	struct ms_rec_entry *e = grow(f->v, &f->cap, f->n + 1, sizeof(*e));

	if (!e)
		return -ENOMEM;
	sc->header = true; /* a plain --json stream has none */
	f->v = e;
	f->v[f->n++] = (struct ms_rec_entry){ .frame = f->nr_frames - 1,
					      .off = sc->line_start,
					      .len = sc->line_len,
					      .t = t };
	return 0;
}

/*
 * A quick open takes a sample's time from the start of its line, as
 * ms_out_json() writes it, without parsing the rest (a tenth of the time:
 * a directory of a week of samples); the frame checksums still vouch for
 * the bytes, and the JSON is parsed when the sample is shown.
 */
static bool quick_time(const struct scan *sc, double *t)
{
	static const char key[] = "{\"timestamp\":";
	size_t k = sizeof(key) - 1, n;
	char num[40], *end;

	if (!sc->quick || !sc->header || sc->line_len <= k + 1 ||
	    memcmp(sc->line, key, k) || sc->line[sc->line_len - 1] != '}')
		return false;
	n = sc->line_len - k < sizeof(num) - 1 ? sc->line_len - k :
						 sizeof(num) - 1;
	memcpy(num, sc->line + k, n); /* not the whole line: it is long */
	num[n] = '\0';
	*t = strtod(num, &end);
	return end != num && (*end == ',' || *end == '}');
}

/* One whole line: the header first, then samples. 0 or -EINVAL. */
static int line(struct scan *sc)
{
	json_tokener *tok;
	json_object *o, *ts;
	double t;
	int err = 0;

	if (quick_time(sc, &t))
		return entry(sc, t);
	tok = json_tokener_new();
	if (!tok)
		return -ENOMEM;
	o = json_tokener_parse_ex(tok, sc->line, (int)sc->line_len);
	if (!o || json_tokener_get_parse_end(tok) != sc->line_len) {
		note(sc, true, "not JSON (%s)",
		     json_tokener_error_desc(json_tokener_get_error(tok)));
		err = -EINVAL;
	} else if (!sc->header &&
		   json_object_object_get_ex(o, "memscope_recording", NULL)) {
		err = header(sc, o);
		if (err)
			note(sc, true, "a bad recording header");
	} else if (!json_object_is_type(o, json_type_object) ||
		   !json_object_object_get_ex(o, "timestamp", &ts) ||
		   !(json_object_is_type(ts, json_type_double) ||
		     json_object_is_type(ts, json_type_int))) {
		note(sc, true, "not a memscope sample");
		err = -EINVAL;
	} else {
		err = entry(sc, json_object_get_double(ts));
	}
	json_object_put(o);
	json_tokener_free(tok);
	return err;
}

/* Decompressed bytes: split into lines. */
static int text(struct scan *sc, const char *p, size_t n)
{
	while (n) {
		const char *nl = memchr(p, '\n', n);
		size_t k = nl ? (size_t)(nl - p) : n;
		int err;

		if (sc->line_len + k > MAX_LINE) {
			note(sc, true, "a sample longer than %u MB",
			     MAX_LINE >> 20);
			return -EINVAL;
		}
		if (sc->line_len + k + 1 > sc->line_cap) {
			size_t c = (sc->line_len + k + 1) * 2;
			char *q = realloc(sc->line, c);

			if (!q)
				return -ENOMEM;
			sc->line = q;
			sc->line_cap = c;
		}
		memcpy(sc->line + sc->line_len, p, k);
		sc->line_len += k;
		sc->frame_pos += k;
		p += k;
		n -= k;
		if (!nl)
			return 0;
		err = line(sc);
		if (err)
			return err;
		sc->frame_pos++; /* the newline */
		p++;
		n--;
		sc->line_len = 0;
		sc->line_start = sc->frame_pos;
	}
	return 0;
}

static int frame_start(struct scan *sc)
{
	struct ms_rec_file *f = sc->f;
	off_t *fr =
		grow(f->frames, &f->cap_frames, f->nr_frames + 1, sizeof(*fr));

	if (!fr)
		return -ENOMEM;
	f->frames = fr;
	fr[f->nr_frames++] = sc->file_off + (off_t)sc->in_pos;
	sc->frame_pos = sc->line_start = 0;
	sc->in_frame = true;
	return 0;
}

/* Feed one chunk of the file; 1 when the scan must stop there. */
static int chunk(struct scan *sc, ZSTD_DCtx *d, const char *in, size_t n,
		 char *out)
{
	ZSTD_inBuffer ib = { in, n, 0 };
	ZSTD_outBuffer ob;
	size_t ret;
	int err;

	sc->in_pos = 0;
	do {
		if (!sc->in_frame && (err = frame_start(sc)))
			return err;
		ob = (ZSTD_outBuffer){ out, CHUNK, 0 };
		ret = ZSTD_decompressStream(d, &ob, &ib);
		sc->in_pos = ib.pos;
		sc->hint = ret;
		if (ZSTD_isError(ret)) {
			/* a bad checksum: any sample of the frame may be bad */
			if (ZSTD_getErrorCode(ret) == ZSTD_error_checksum_wrong)
				sc->f->n = sc->committed;
			note(sc, true, "zstd: %s", ZSTD_getErrorName(ret));
			return 1;
		}
		err = text(sc, out, ob.pos);
		if (err)
			return err == -EINVAL ? 1 : err;
		if (ret == 0) {
			if (sc->line_len) {
				note(sc, true, "a frame ends inside a sample");
				return 1;
			}
			sc->committed = sc->f->n;
			sc->in_frame = false;
		}
	} while (ib.pos < ib.size || ob.pos == ob.size);
	return 0;
}

static int scan(struct ms_rec_file *f, bool quick)
{
	struct scan sc = { .f = f, .quick = quick };
	ZSTD_DCtx *d = ZSTD_createDCtx();
	char *in = malloc(CHUNK), *out = malloc(CHUNK);
	ssize_t got;
	int err = -ENOMEM;

	if (!d || !in || !out)
		goto out;
	for (;;) {
		got = pread(f->fd, in, CHUNK, sc.file_off);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			err = -errno;
			goto out;
		}
		sc.in_pos = 0;
		if (!got)
			break;
		err = 0;
		/* small slices: where damage shows is known within a slice */
		for (ssize_t o = 0; o < got; o += SLICE) {
			size_t k = (size_t)(got - o < SLICE ? got - o : SLICE);

			err = chunk(&sc, d, in + o, k, out);
			if (err)
				goto out;
			sc.file_off += (off_t)k;
		}
	}
	/*
	 * The end of the file inside a frame. Between two blocks (zstd wants
	 * a 3-byte block header next) a sample was flushed whole: memscope
	 * was stopped without closing the recording. Elsewhere the file was
	 * cut inside a sample.
	 */
	if (sc.line_len || (sc.in_frame && sc.hint != 3)) {
		note(&sc, true, "the file is cut short");
		f->cut = true;
	} else if (sc.in_frame && sc.frame_pos)
		note(&sc, false,
		     "the file ends inside a zstd frame (memscope "
		     "did not close the recording)");
	err = 0;
out:
	if (err == 1)
		err = 0;
	ZSTD_freeDCtx(d);
	free(in);
	free(out);
	free(sc.line);
	return err;
}

/* The fd and buffers reading samples back takes (again after release). */
static int acquire(struct ms_rec_file *f)
{
	if (f->fd >= 0)
		return 0;
	f->fd = open(f->path, O_RDONLY | O_CLOEXEC);
	if (f->fd < 0)
		return -errno;
	f->dctx = ZSTD_createDCtx();
	f->in = malloc(CHUNK);
	return f->dctx && f->in ? 0 : -ENOMEM;
}

void ms_rec_release(struct ms_rec_file *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	ZSTD_freeDCtx(f->dctx);
	f->dctx = NULL;
	free(f->in);
	free(f->buf);
	f->in = f->buf = NULL;
	f->len = f->bufcap = 0;
	f->frame = -1;
}

int ms_rec_open(struct ms_rec_file *f, const char *path, bool quick, char *why,
		size_t n)
{
	int err;

	memset(f, 0, sizeof(*f));
	f->frame = -1;
	f->interval = -1;
	f->fd = -1;
	f->path = strdup(path);
	err = f->path ? acquire(f) : -ENOMEM;
	if (err) {
		snprintf(why, n, "%s", strerror(-err));
		return err;
	}
	err = scan(f, quick);
	if (err) {
		snprintf(why, n, "%s", strerror(-err));
		return err;
	}
	if (!f->n) {
		snprintf(why, n, "%s",
			 f->end_note[0] ? f->end_note :
					  "no samples in the recording");
		return -ENODATA;
	}
	return 0;
}

/* Decompress more of the current frame; -EIO when it cannot. */
static int more(struct ms_rec_file *f)
{
	char out[16384];
	ZSTD_outBuffer ob = { out, sizeof(out), 0 };
	ZSTD_inBuffer ib;
	size_t ret;

	if (f->in_pos == f->in_len) {
		ssize_t got = pread(f->fd, f->in, CHUNK, f->in_off);

		if (got < 0)
			return -errno;
		/* at the end, zstd may still hold output: no input, flush */
		f->in_off += got;
		f->in_pos = 0;
		f->in_len = (size_t)got;
	}
	/* a slice at a time: damage after the sample is not reached */
	ib = (ZSTD_inBuffer){ f->in,
			      f->in_len - f->in_pos < SLICE ? f->in_len :
							      f->in_pos + SLICE,
			      f->in_pos };
	ret = ZSTD_decompressStream(f->dctx, &ob, &ib);
	f->in_pos = ib.pos;
	if (f->len + ob.pos > f->bufcap) {
		size_t c = (f->len + ob.pos) * 2;
		char *q = realloc(f->buf, c);

		if (!q)
			return -ENOMEM;
		f->buf = q;
		f->bufcap = c;
	}
	if (ob.pos)
		memcpy(f->buf + f->len, out, ob.pos);
	f->len += ob.pos;
	if (ZSTD_isError(ret) || (!ob.pos && ib.size == 0))
		return -EIO;
	return 0;
}

int ms_rec_line(struct ms_rec_file *f, int i, const char **text, size_t *len)
{
	const struct ms_rec_entry *e;
	int err;

	if (i < 0 || i >= f->n)
		return -ERANGE;
	if ((err = acquire(f))) {
		ms_rec_release(f);
		return err;
	}
	e = &f->v[i];
	/* a later sample of the same frame goes on from where it was */
	if (f->frame != e->frame) {
		ZSTD_DCtx_reset(f->dctx, ZSTD_reset_session_only);
		f->frame = e->frame;
		f->len = 0;
		f->in_off = f->frames[e->frame];
		f->in_pos = f->in_len = 0;
	}
	while (f->len < e->off + e->len)
		if ((err = more(f)) && f->len < e->off + e->len) {
			f->frame = -1;
			return err;
		}
	*text = f->buf + e->off;
	*len = e->len;
	return 0;
}

void ms_rec_close(struct ms_rec_file *f)
{
	ms_rec_release(f);
	free(f->frames);
	free(f->v);
	free(f->path);
	memset(f, 0, sizeof(*f));
	f->fd = -1;
}
