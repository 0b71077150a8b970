/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The pcache group's map data made plain (pcmap.c, no libbpf: unit-tested
 * alone): an entry's name from its dentries' components, joined to the
 * mount point of its filesystem, and its counts as a file of the model.
 */
#ifndef MS_BPF_PCMAP_H
#define MS_BPF_PCMAP_H

#include <linux/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/pcache.h"
#include "probes/bpf/pcache.h"

/* Where each filesystem (by device) is mounted whole: mountinfo's. */
struct ms_pc_mount {
	uint64_t dev; /* major << 32 | minor */
	char *dir; /* raw bytes, \ooo escapes undone */
};

struct ms_pc_mounts {
	struct ms_pc_mount *v;
	int n, cap;
	/*
	 * The memory controller's hierarchy, where a memcg's id names its
	 * directory: v1's "memory" mount, else cgroup2's; NULL: neither
	 */
	char *memcg_dir;
	bool memcg_v1;
};

/*
 * The mounts of /proc/PID/mountinfo text t (len bytes) whose root is the
 * filesystem's own ("/"), the first of each device, and the memory
 * controller's mount. 0, or -ENOMEM; a malformed line is skipped.
 */
int ms_pc_mounts_parse(struct ms_pc_mounts *m, const char *t, size_t len);
void ms_pc_mounts_free(struct ms_pc_mounts *m);
/* The mount point of dev, or NULL. */
const char *ms_pc_mount_dir(const struct ms_pc_mounts *m, uint64_t dev);

/* The kernel's dev_t (major << 20 | minor) as the model's key. */
uint64_t ms_pc_dev(uint32_t kdev);

/*
 * The name of entry v: its components outermost first, joined by '/',
 * below dir (the mount point; NULL: not known) when the walk reached the
 * filesystem's root, else below ".../". Returns the length (cut to
 * len - 1), *partial set when any of it is missing.
 */
size_t ms_pc_name(const struct ms_pc_file *v, const char *dir, char *out,
		  size_t len, bool *partial);

/*
 * Entry (k, v) as a file of the model (f overwritten, not freed first;
 * its strings allocated; its key into key): cached_kb the net kB since attach (0 when none is left),
 * method events; path NULL when it has no name (no dentry, or the
 * inode is its filesystem's root). page_kb: the page size in kB. 0, or
 * -ENOMEM.
 */
int ms_pc_file(const struct ms_pc_key *k, const struct ms_pc_file *v,
	       unsigned int page_kb, const struct ms_pc_mounts *m,
	       struct ms_pcache_file *f, struct ms_pcache_key *key);

#endif
