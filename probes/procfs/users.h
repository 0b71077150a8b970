/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User names of uids, resolved by the backend that reads the processes:
 * from the root prefix's etc/passwd (so a captured tree names its own
 * users), on the live system also through getpwuid_r (NSS).
 */
#ifndef MS_PROCFS_USERS_H
#define MS_PROCFS_USERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"
#include "probes/root.h"

struct ms_user {
	uint32_t uid;
	char name[MS_USER]; /* raw bytes from passwd, "" when it has none */
};

struct ms_users {
	struct ms_user *v;
	int n, cap;
	bool loaded; /* etc/passwd read (or found missing) */
};

/*
 * Add every "name:x:uid:..." line of a passwd file to u (the first line
 * of a uid wins, as getpwuid does). Malformed lines are skipped; returns
 * the number skipped, or -ENOMEM.
 */
int ms_parse_passwd(const char *text, size_t len, struct ms_users *u);
/*
 * The name of uid, or NULL when nobody knows it. Reads etc/passwd below
 * the root once; the live system asks NSS for uids it lacks (and keeps
 * the answer, a miss too: a directory service can be slow).
 */
const char *ms_users_name(struct ms_users *u, const struct ms_root *r,
			  struct ms_buf *b, uint32_t uid);
void ms_users_free(struct ms_users *u);

#endif
