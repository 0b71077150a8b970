// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a whole hash map: one BPF_MAP_LOOKUP_BATCH per few thousand
 * entries (Linux 5.6+), else a lookup per key.
 */
#include "probes/bpf/mapread.h"

#include <bpf/bpf.h>
#include <errno.h>
#include <stdint.h>
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
