/* SPDX-License-Identifier: GPL-2.0 */
/* Reading maps: a whole hash map at once, a per-CPU array's counters. */
#ifndef MS_BPF_MAPREAD_H
#define MS_BPF_MAPREAD_H

#include <stddef.h>

/*
 * Up to max keys and values of the map fd into keys[] and vals[]
 * (key_size and value_size bytes each); returns how many, or -errno.
 */
int ms_bpf_map_dump(int fd, void *keys, size_t key_size, void *vals,
		    size_t value_size, int max);

/* A buffer for one slot of a per-CPU array: a value of size bytes a CPU. */
struct ms_bpf_percpu {
	int ncpu;
	size_t size;
	void *buf;
};

/* -ENOMEM, or -EINVAL for a size that is not whole 64-bit words. */
int ms_bpf_percpu_init(struct ms_bpf_percpu *p, size_t size);
void ms_bpf_percpu_free(struct ms_bpf_percpu *p);
/* Slot 0 of the per-CPU array fd into p->buf; 0 or -errno. */
int ms_bpf_percpu_read(struct ms_bpf_percpu *p, int fd);
/* The same, each 64-bit counter summed over the CPUs into sum (size bytes). */
int ms_bpf_percpu_sum(struct ms_bpf_percpu *p, int fd, void *sum);

#endif
