// SPDX-License-Identifier: GPL-2.0
/*
 * The slab group for kernels without the bpf_get_kmem_cache kfunc (before
 * 6.13): slab.bpf.c without the kfunc's extern (slab.c's slab_open).
 */
#define MS_SL_NO_KFUNC
#include "slab.bpf.c"
