// SPDX-License-Identifier: GPL-2.0
/*
 * The Memory tab's tree: the ledger's buckets under their parents, the
 * folded ones' children hidden, siblings ordered by the sort column as
 * htop orders a process tree.
 */
#include "tui/tabs/memory/memory.h"

#include <string.h>

#define MEM_DEPTH 16

bool mem_folded(const struct mem_view *m, const char *name)
{
	for (int i = 0; i < m->nfolded; i++)
		if (!strcmp(m->folded[i], name))
			return true;
	return false;
}

static void set_folded(struct mem_view *m, const char *name, bool on)
{
	for (int i = 0; i < m->nfolded; i++)
		if (!strcmp(m->folded[i], name)) {
			if (!on)
				memmove(m->folded[i], m->folded[i + 1],
					(size_t)(--m->nfolded - i) *
						sizeof(m->folded[0]));
			return;
		}
	if (on && m->nfolded < MEM_FOLDS)
		snprintf(m->folded[m->nfolded++], sizeof(m->folded[0]), "%s",
			 name);
}

static bool hidden(const struct mem_view *m, int r)
{
	for (int p = m->rows[r].parent; p >= 0; p = m->rows[p].parent)
		if (mem_folded(m, m->l->v[m->rows[p].e].name))
			return true;
	return false;
}

/* rows[r] and what is under it into order[*n]: children, then of rows. */
static void visit(const struct mem_view *m, int r, int *order, int *n,
		  bool *done)
{
	if (done[r])
		return;
	done[r] = true;
	order[(*n)++] = r;
	for (int pass = 0; pass < 2; pass++)
		for (int q = 0; q < m->nrows; q++)
			if (m->rows[q].parent == r && m->rows[q].of == pass)
				visit(m, q, order, n, done);
}

/*
 * The rows in tree order, which the ledger's own order (sort -1) shows:
 * the ledger puts a bucket's children after it but not always right after
 * (the slab caches come after both slab kinds), and the of rows after
 * every bucket. Rows of a loop (a damaged recording) go last.
 */
static void tree_order(struct mem_view *m)
{
	struct mem_row tmp[MEM_ROWS];
	int order[MEM_ROWS], pos[MEM_ROWS], n = 0;
	bool done[MEM_ROWS] = { false };

	for (int r = 0; r < m->nrows; r++)
		if (m->rows[r].parent < 0)
			visit(m, r, order, &n, done);
	for (int r = 0; r < m->nrows; r++)
		if (!done[r])
			visit(m, r, order, &n, done);
	for (int i = 0; i < n; i++)
		pos[order[i]] = i;
	for (int i = 0; i < n; i++) {
		tmp[i] = m->rows[order[i]];
		if (tmp[i].parent >= 0)
			tmp[i].parent = pos[tmp[i].parent];
	}
	memcpy(m->rows, tmp, (size_t)n * sizeof(tmp[0]));
}

void mem_tree_build(struct mem_view *m)
{
	const struct ms_ledger *l = m->l;

	m->nrows = m->nvis = 0;
	if (!l)
		return;
	for (int i = 0; i < l->n && m->nrows < MEM_ROWS; i++)
		m->rows[m->nrows++] = (struct mem_row){ .e = i, .parent = -1 };
	/* after the buckets: under theirs, after its children (cmp) */
	for (int i = 0; m->of && i < m->of->n && m->nrows < MEM_ROWS; i++)
		m->rows[m->nrows++] =
			(struct mem_row){ .e = i, .of = true, .parent = -1 };
	for (int r = 0; r < m->nrows; r++) {
		const char *p = mem_entry(m, r)->parent;

		/* a parent is a bucket of the ledger, never an of row */
		for (int q = 0; p[0] && q < m->nrows; q++)
			if (q != r && !m->rows[q].of &&
			    !strcmp(l->v[m->rows[q].e].name, p)) {
				m->rows[r].parent = q;
				m->rows[q].kids = true;
				break;
			}
	}
	tree_order(m);
	for (int r = 0; r < m->nrows; r++) {
		int d = 0;

		for (int p = m->rows[r].parent; p >= 0 && d < MEM_DEPTH;
		     p = m->rows[p].parent)
			d++;
		m->rows[r].depth = d;
	}
	for (int r = 0; r < m->nrows; r++)
		if (!hidden(m, r))
			m->vis[m->nvis++] = r;
}

bool mem_fold(struct mem_view *m, int r, int how)
{
	const char *name;

	if (r < 0 || r >= m->nrows || !m->rows[r].kids)
		return false;
	name = m->l->v[m->rows[r].e].name;
	set_folded(m, name, how < 0 ? !mem_folded(m, name) : how > 0);
	return true;
}

void mem_fold_all(struct mem_view *m)
{
	bool any = m->nfolded > 0;

	m->nfolded = 0;
	if (any)
		return;
	for (int r = 0; r < m->nrows; r++)
		if (m->rows[r].kids)
			set_folded(m, m->l->v[m->rows[r].e].name, true);
}

/* The row's ancestors from the top down to it; how many. */
static int chain(const struct mem_view *m, int r, int *c)
{
	int n = 0, tmp[MEM_DEPTH + 1];

	for (; r >= 0 && n <= MEM_DEPTH; r = m->rows[r].parent)
		tmp[n++] = r;
	for (int i = 0; i < n; i++)
		c[i] = tmp[n - 1 - i];
	return n;
}

int mem_tree_cmp(const struct mem_view *m, int a, int b,
		 int (*by)(const struct ms_ledger_entry *,
			   const struct ms_ledger_entry *))
{
	/* the table reverses what this returns: undo it for the tree */
	int rev = m->t.reverse ? -1 : 1, ca[MEM_DEPTH + 1], cb[MEM_DEPTH + 1];
	int na = chain(m, m->vis[a], ca), nb = chain(m, m->vis[b], cb), k = 0;
	const struct ms_ledger_entry *x, *y;
	int c;

	while (k < na && k < nb && ca[k] == cb[k])
		k++;
	if (k == na || k == nb) /* one is the other's ancestor: it first */
		return rev * (na - nb);
	/* "of which" after the children, in their own order */
	if (m->rows[ca[k]].of != m->rows[cb[k]].of)
		return rev * (m->rows[ca[k]].of ? 1 : -1);
	x = mem_entry(m, ca[k]);
	y = mem_entry(m, cb[k]);
	c = by ? by(x, y) : strcmp(x->name, y->name);
	return c ? c : rev * (m->rows[ca[k]].e - m->rows[cb[k]].e);
}
