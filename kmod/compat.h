/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat.h - what differs between the kernels memscope.ko builds for (6.1 and
 * later); kmod/README.md says how each item was checked.
 */
#ifndef MEMSCOPE_COMPAT_H
#define MEMSCOPE_COMPAT_H

#include <linux/version.h>
#include <linux/mmzone.h>
#include <linux/maple_tree.h>
#include <linux/xarray.h>
#include <linux/slab.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0)
#error "memscope.ko needs Linux 6.1 or later (maple tree, VMA iterator)"
#endif

/*
 * Number of page orders. MAX_ORDER was "number of orders" up to 6.3, "highest
 * order" in 6.4..6.7 (commit "mm, treewide: redefine MAX_ORDER sanely") and
 * became MAX_PAGE_ORDER / NR_PAGE_ORDERS in 6.8. The size of free_area[] is
 * right on all of them; MS_NR_ORDERS_API is checked against it at build time.
 */
#define MS_NR_ORDERS                                           \
	((unsigned int)(sizeof_field(struct zone, free_area) / \
			sizeof(struct free_area)))
#define MS_MAX_ORDER (MS_NR_ORDERS - 1)

#if defined(NR_PAGE_ORDERS)
#define MS_NR_ORDERS_API NR_PAGE_ORDERS
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
#define MS_NR_ORDERS_API (MAX_ORDER + 1)
#else
#define MS_NR_ORDERS_API MAX_ORDER
#endif

/*
 * Maple tree node decoding. lib/maple_tree.c keeps these helpers static; the
 * encoding they undo is in include/linux/maple_tree.h: nodes are 256-byte
 * aligned, the low byte of an encoded node pointer (struct maple_enode *)
 * holds the enum maple_type in bits 3-6 (MAPLE_NODE_TYPE_SHIFT/_MASK). The
 * root pointer additionally has bit 1 set (xa_is_node() is true for it); it
 * lies outside both the type bits and the node address, so it needs no
 * stripping here.
 */
static inline enum maple_type ms_mte_type(const void *enode)
{
	return ((unsigned long)enode >> MAPLE_NODE_TYPE_SHIFT) &
	       MAPLE_NODE_TYPE_MASK;
}

static inline struct maple_node *ms_mte_node(const void *enode)
{
	return (struct maple_node *)((unsigned long)enode & ~MAPLE_NODE_MASK);
}

/*
 * A dedicated benchmark cache must not be merged into kmalloc-N. 6.5 added
 * SLAB_NO_MERGE; before it, a cache with a usercopy region is never merged
 * (kmem_cache_create_usercopy() skips __kmem_cache_alias() when usersize is
 * set, with CONFIG_HARDENED_USERCOPY on as in Debian's kernels).
 */
static inline struct kmem_cache *ms_cache_create_unmerged(const char *name,
							  unsigned int size)
{
#ifdef SLAB_NO_MERGE
	return kmem_cache_create(name, size, 0, SLAB_NO_MERGE, NULL);
#else
	return kmem_cache_create_usercopy(name, size, 0, 0, 0, size, NULL);
#endif
}

#endif /* MEMSCOPE_COMPAT_H */
