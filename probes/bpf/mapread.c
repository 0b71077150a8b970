// SPDX-License-Identifier: GPL-2.0
/*
 * Reading maps: a whole hash map with one BPF_MAP_LOOKUP_BATCH per few
 * thousand entries (Linux 5.6+), else a lookup per key; the counters of a
 * per-CPU array, one value a possible CPU, summed.
 */
#include "probes/bpf/mapread.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int one_by_one(int fd, char *keys, size_t ksz, char *vals, size_t vsz,
		      int max)
{
	char *prev = NULL;
	int n = 0;

	while (n < max && !bpf_map_get_next_key(fd, prev, keys + n * ksz)) {
		/* an entry deleted in between is skipped */
		if (!bpf_map_lookup_elem(fd, keys + n * ksz, vals + n * vsz)) {
			prev = keys + n * ksz;
			n++;
		} else if (errno != ENOENT) {
			return -errno;
		}
	}
	return n;
}

int ms_bpf_map_dump(int fd, void *keys, size_t key_size, void *vals,
		    size_t value_size, int max)
{
	char *k = keys, *v = vals;
	uint64_t batch[8]; /* the hash map's cursor: a bucket number */
	void *in = NULL;
	int n = 0;

	while (n < max) {
		__u32 count = (__u32)(max - n);
		int err = bpf_map_lookup_batch(fd, in, batch, k + n * key_size,
					       v + n * value_size, &count,
					       NULL);

		if (err && errno != ENOENT)
			/* no batch operations (before 5.6): the slow way */
			return n ? -errno :
				   one_by_one(fd, keys, key_size, vals,
					      value_size, max);
		n += (int)count;
		if (err)
			break; /* ENOENT: that was the last */
		in = batch;
	}
	return n;
}

int ms_bpf_percpu_init(struct ms_bpf_percpu *p, size_t size)
{
	p->ncpu = libbpf_num_possible_cpus();
	p->size = size;
	p->buf = NULL;
	if (!size || size % sizeof(uint64_t))
		return -EINVAL; /* the kernel rounds values up to 8 bytes */
	if (p->ncpu > 0)
		p->buf = calloc((size_t)p->ncpu, size);
	return p->buf ? 0 : -ENOMEM;
}

void ms_bpf_percpu_free(struct ms_bpf_percpu *p)
{
	free(p->buf);
	p->buf = NULL;
}

int ms_bpf_percpu_read(struct ms_bpf_percpu *p, int fd)
{
	uint32_t zero = 0;

	return bpf_map_lookup_elem(fd, &zero, p->buf) ? -errno : 0;
}

int ms_bpf_percpu_sum(struct ms_bpf_percpu *p, int fd, void *sum)
{
	const size_t words = p->size / sizeof(uint64_t);
	uint64_t *t = sum;
	int err = ms_bpf_percpu_read(p, fd);

	if (err)
		return err;
	memset(sum, 0, p->size);
	for (int c = 0; c < p->ncpu; c++) {
		const uint64_t *w =
			(const uint64_t *)p->buf + (size_t)c * words;

		for (size_t i = 0; i < words; i++)
			t[i] += w[i];
	}
	return 0;
}
