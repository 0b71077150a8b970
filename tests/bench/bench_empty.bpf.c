// SPDX-License-Identifier: GPL-2.0
/*
 * The overhead bench's floor: empty programs on the six kmem tracepoints,
 * attached the way memscope attaches (tp_btf).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

SEC("tp_btf/mm_page_alloc")
int ms_e_pgalloc(void *ctx)
{
	return 0;
}

SEC("tp_btf/mm_page_free")
int ms_e_pgfree(void *ctx)
{
	return 0;
}

SEC("tp_btf/kmem_cache_alloc")
int ms_e_kcalloc(void *ctx)
{
	return 0;
}

SEC("tp_btf/kmem_cache_free")
int ms_e_kcfree(void *ctx)
{
	return 0;
}

SEC("tp_btf/kmalloc")
int ms_e_kmalloc(void *ctx)
{
	return 0;
}

SEC("tp_btf/kfree")
int ms_e_kfree(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
