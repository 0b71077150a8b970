/* SPDX-License-Identifier: GPL-2.0 */
/* Reading a whole hash map at once (batched where the kernel can). */
#ifndef MS_BPF_MAPREAD_H
#define MS_BPF_MAPREAD_H

#include <stddef.h>

/*
 * Up to max keys and values of the map fd into keys[] and vals[]
 * (key_size and value_size bytes each); returns how many, or -errno.
 */
int ms_bpf_map_dump(int fd, void *keys, size_t key_size, void *vals,
		    size_t value_size, int max);

#endif
