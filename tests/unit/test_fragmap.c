// SPDX-License-Identifier: GPL-2.0
/*
 * Experiment frag's map pictures (exp/fragmap.c) without a machine to
 * fragment: a hand-made zone of every kind through frag-map.dat and plot.gp.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exp/frag.h"
#include "model/physmap.h"

/* DIR/name's text (caller frees). */
static char *slurp(const char *dir, const char *name)
{
	char path[1100], *buf = calloc(1, 65536);
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(buf);
	assert_true(fread(buf, 1, 65535, f) < 65535);
	fclose(f);
	return buf;
}

static void rm(const char *dir, const char *name)
{
	char path[1100];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
}

/*
 * Block 0 free with a free order-9 block, block 1 free without (split),
 * then one block of every other kind in the model's order: every class's
 * number, colour and title.
 */
static void every_class(void **state)
{
	static struct ms_exp e;
	static struct frag f;
	struct ms_census_block bk[2] = { { 0 } };
	char blocks[] = "..afuspkHTm_d?";
	struct ms_pm_zone z = {
		.node = 0,
		.zone = "Normal",
		.pageblock_pages = 512,
		.blocks = blocks,
		.bk = bk,
		.nr_bk = 2,
		.cap_bk = 2,
	};
	char *dat, *gp, *md;

	(void)state;
	snprintf(e.dir, sizeof(e.dir), "/tmp/ms-fragmap-XXXXXX");
	assert_non_null(mkdtemp(e.dir));
	e.plot = ms_exp_file(&e, "plot.gp");
	e.report = ms_exp_file(&e, "report.md");
	assert_non_null(e.plot);
	assert_non_null(e.report);
	bk[0].free_order[9] = 1;
	e.snap.physmap.zones = &z;
	e.snap.physmap.nr_zones = 1;
	e.snap.have = MS_SEC_BIT(MS_SEC_PHYSMAP);
	f.e = &e;
	f.n = 1;
	snprintf(f.zones[0].name, sizeof(f.zones[0].name), "Normal");
	snprintf(f.pt[0].phase, sizeof(f.pt[0].phase), "fill");
	assert_int_equal(ms_frag_map_open(&f), 0);
	ms_frag_map_step(&f, 0);
	ms_frag_map_report(&f);
	ms_frag_map_close(&f);
	fclose(e.plot);
	fclose(e.report);
	dat = slurp(e.dir, "frag-map.dat");
	gp = slurp(e.dir, "plot.gp");
	md = slurp(e.dir, "report.md");
	assert_string_equal(
		dat,
		"# classes: free=0 anon=1 file=2 unevictable=3 slab=4 "
		"page_tables=5 kernel=6 hugetlb=7 thp=8 mixed=9 hole=10 "
		"deferred=11 unread=12 free_split=13\n"
		"# step 0 fill: node 0 Normal, 14 blocks\n"
		"0 0 0\n1 0 13\n2 0 1\n3 0 2\n4 0 3\n5 0 4\n6 0 5\n7 0 6\n\n"
		"0 1 7\n1 1 8\n2 1 9\n3 1 10\n4 1 11\n5 1 12\n6 1 10\n"
		"7 1 10\n\n\n\n");
	assert_non_null(strstr(
		gp, "set palette maxcolors 14\nset cbrange [-0.5:13.5]\n"
		    "set palette defined (0 '#e8e8e8', 1 '#d62728', "
		    "2 '#2ca02c', 3 '#8c564b', 4 '#1f77b4', 5 '#17becf', "
		    "6 '#202020', 7 '#9467bd', 8 '#ff7f0e', 9 '#e377c2', "
		    "10 '#ffffff', 11 '#dbdb8d', 12 '#ffffff', "
		    "13 '#fdd835')\n"));
	assert_non_null(strstr(
		gp, "plot 'frag-map.dat' index 0 using 1:2:3 with image "
		    "notitle, NaN with boxes fs solid lc rgb '#e8e8e8' title "
		    "'free', NaN with boxes fs solid lc rgb '#d62728' title "
		    "'anon'"));
	assert_non_null(strstr(gp, ", NaN with boxes fs solid lc rgb "
				   "'#ffffff' title 'unread', NaN with boxes "
				   "fs solid lc rgb '#fdd835' title 'free, "
				   "split'\n"));
	assert_non_null(strstr(md, "![step 0: fill](frag-map-0.png)"));
	free(dat);
	free(gp);
	free(md);
	rm(e.dir, "frag-map.dat");
	rm(e.dir, "plot.gp");
	rm(e.dir, "report.md");
	assert_int_equal(rmdir(e.dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_class),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
