// SPDX-License-Identifier: GPL-2.0
/*
 * The process list as a tree (F5, as htop's): every process under its
 * parent, siblings in the table's sort order, parents first whichever way
 * it runs.
 */
#include "tui/tabs/vma/vma.h"

#include <stdlib.h>

#define MAX_DEPTH 64 /* deeper chains (or a loop in a torn sample) stop */

struct by_pid {
	int pid, i;
};

static int pid_cmp(const void *a, const void *b)
{
	const struct by_pid *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

int ms_vma_tree_build(struct vma_view *v)
{
	const struct ms_procs *ps = &v->cur->procs;
	struct by_pid *map, key, *hit;

	if (ps->n > v->capparent) {
		int *p = realloc(v->parent, (size_t)ps->n * sizeof(*p));

		if (!p)
			return -1;
		v->parent = p;
		v->capparent = ps->n;
	}
	map = malloc((size_t)(ps->n ? ps->n : 1) * sizeof(*map));
	if (!map)
		return -1;
	for (int i = 0; i < ps->n; i++)
		map[i] = (struct by_pid){ ps->v[i].pid, i };
	qsort(map, (size_t)ps->n, sizeof(*map), pid_cmp);
	for (int i = 0; i < ps->n; i++) {
		key.pid = ps->v[i].ppid;
		hit = key.pid > 0 && key.pid != ps->v[i].pid ?
			      bsearch(&key, map, (size_t)ps->n, sizeof(*map),
				      pid_cmp) :
			      NULL;
		v->parent[i] = hit ? hit->i : -1;
	}
	free(map);
	return 0;
}

/* i's ancestors and i, from the root down, in c[]; returns how many. */
static int chain(const struct vma_view *v, int i, int *c)
{
	int n = 0, tmp[MAX_DEPTH];

	for (; i >= 0 && n < MAX_DEPTH; i = v->parent[i])
		tmp[n++] = i;
	for (int k = 0; k < n; k++)
		c[k] = tmp[n - 1 - k];
	return n;
}

int ms_vma_tree_depth(const struct vma_view *v, int i)
{
	int c[MAX_DEPTH];

	return chain(v, i, c) - 1;
}

int ms_vma_tree_cmp(const struct vma_view *v, int a, int b,
		    int (*sib)(const struct vma_view *v, int a, int b))
{
	int ca[MAX_DEPTH], cb[MAX_DEPTH];
	int na = chain(v, a, ca), nb = chain(v, b, cb), k = 0;
	int c;

	while (k < na && k < nb && ca[k] == cb[k])
		k++;
	if (k == na || k == nb) {
		/* one holds the other: the parent first, also reversed */
		c = na < nb ? -1 : na > nb;
		return v->ptab.reverse ? -c : c;
	}
	c = sib(v, ca[k], cb[k]);
	if (!c) /* the same value: by pid, a total order */
		c = (v->cur->procs.v[ca[k]].pid > v->cur->procs.v[cb[k]].pid) -
		    (v->cur->procs.v[ca[k]].pid < v->cur->procs.v[cb[k]].pid);
	return c;
}
