/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Memory tab (tui/tabs/memory/): what its files share.
 */
#ifndef MS_TAB_MEMORY_H
#define MS_TAB_MEMORY_H

#include "tui/drill.h"
#include "tui/explain.h"
#include "tui/graph.h"

#define MEM_FOLDS 64 /* folded buckets remembered */
#define MEM_ROWS 256 /* buckets of one ledger shown at most */

/*
 * A bucket of the ledger shown, or an "of which" figure under one: its
 * entry, its place in the tree.
 */
struct mem_row {
	int e; /* index in the ledger, or in of_which */
	bool of; /* of_which's: after the bucket's children, no children */
	int parent; /* index in rows, -1 at the top */
	int depth;
	bool kids;
};

struct mem_view {
	struct ms_view base;
	struct ms_drills drills;
	const struct ms_snapshot *cur;
	int node; /* -1: the machine's ledger, else the node's */
	const struct ms_ledger *l; /* the ledger shown, NULL: none */
	const struct ms_ledger *of; /* its "of which" figures */
	uint64_t physical_kb;
	struct mem_row rows[MEM_ROWS];
	int nrows;
	int vis[MEM_ROWS]; /* table row -> rows index (unfolded ones) */
	int nvis;
	char folded[MEM_FOLDS][MS_LEDGER_NAME];
	int nfolded;
	struct ms_table t;
	struct ms_gpanel graph; /* the top-level buckets' history (H) */
};

#define MV(v) ((struct mem_view *)(v))

/* The entry of rows[r]. */
static inline const struct ms_ledger_entry *mem_entry(const struct mem_view *m,
						      int r)
{
	return m->rows[r].of ? &m->of->v[m->rows[r].e] : &m->l->v[m->rows[r].e];
}

/* The entry of table row row. */
static inline const struct ms_ledger_entry *row_entry(const struct mem_view *m,
						      int row)
{
	return mem_entry(m, m->vis[row]);
}

/* The tree (tree.c): rows of the ledger shown, folds, order. */
void mem_tree_build(struct mem_view *m);
bool mem_folded(const struct mem_view *m, const char *name);
/* Fold (1), unfold (0) or toggle (-1) rows[r]; false: no children. */
bool mem_fold(struct mem_view *m, int r, int how);
/* '*': unfold everything when something is folded, else fold all. */
void mem_fold_all(struct mem_view *m);
/* Order of table rows a and b by column value (cmp < 0: a first),
 * keeping each bucket under its parent. */
int mem_tree_cmp(const struct mem_view *m, int a, int b,
		 int (*by)(const struct ms_ledger_entry *,
			   const struct ms_ledger_entry *));

/* Enter (go.c): the tab or screen explaining rows[r]; MS_KEY_PASS: none. */
enum ms_key_result mem_enter(struct mem_view *m, int r);
extern const struct ms_drill_class mem_hugetlb_screen, mem_files_screen,
	mem_census_screen;

/* The section's state on l when it is not in s; true when it is (go.c). */
bool mem_have(struct ms_screen *l, const struct ms_snapshot *s,
	      enum ms_section sec);
/* The call sites holding memory, on the unexplained screen (attrib.c). */
void mem_attrib_lines(struct ms_screen *l, const struct ms_snapshot *s);

/* Graphs (graph.c): the top-level buckets stacked over the samples. */
void ms_graph_memory_feed(struct ms_gpanel *p, const struct ms_snapshot *s,
			  const struct ms_ui *ui);
void ms_graph_memory_draw(struct ms_gpanel *p, WINDOW *w, struct ms_rect r,
			  const struct mem_view *m, const struct ms_ui *ui);

/* The page cache files' texts (explain_files.c). */
extern const struct ms_explain ms_explain_memory_files[];

/* Every explain id the tab shows (explain.c), NULL-terminated. */
#define MEM_EXPLAIN_ALL 256
extern const char *ms_memory_explain_all[MEM_EXPLAIN_ALL];

#endif
