/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The pcache group's tables: the layout pcache.bpf.c writes and pcache.c
 * reads (page cache pages added and removed per file since attach).
 */
#ifndef MS_BPF_PCACHE_H
#define MS_BPF_PCACHE_H

/*
 * Files tracked at once: an LRU hash, so a new file evicts the one least
 * recently touched (counted: the user side compares files made with files
 * left). About 5 MB of kernel memory, preallocated.
 */
#define MS_PC_FILES 16384
#define MS_PC_DEPTH 8 /* path components kept, innermost first */
#define MS_PC_NAME 40 /* bytes of each, with its NUL */

/* flags of struct ms_pc_file */
#define MS_PC_ROOT 1u /* the walk reached the filesystem's root */
#define MS_PC_CUT 2u /* a component was longer than MS_PC_NAME - 1 */
#define MS_PC_NONAME 4u /* the inode had no dentry (no name to read) */
#define MS_PC_DELETED 8u /* no link left when it was named */

/* A file: its inode's device (the kernel's dev_t) and number. */
struct ms_pc_key {
	__u64 ino;
	__u32 dev; /* major << 20 | minor */
	__u32 pad;
};

struct ms_pc_file {
	__s64 added; /* pages added to the page cache since attach */
	__s64 removed; /* and removed (signed: they race) */
	__u64 cgid; /* the memcg charged (its cgroup id), 0: unknown */
	__u64 size; /* i_size at the last add, bytes */
	__u32 flags; /* MS_PC_* */
	__u32 depth; /* components in name[] */
	char name[MS_PC_DEPTH][MS_PC_NAME]; /* innermost first */
};

/* Per CPU: each field written by one program only, so no atomics. */
struct ms_pc_counts {
	__u64 added; /* pages added (the add program) */
	__u64 made; /* files entered into the map (the add program) */
	__u64 dropped; /* adds that found no room (the add program) */
	__u64 removed; /* pages removed of tracked files (delete) */
	__u64 unseen; /* pages removed of files not tracked (delete) */
	__u64 remade; /* entries emptied and made again (the add program) */
	__u64 pad[2];
};

#endif
