// SPDX-License-Identifier: GPL-2.0
/*
 * pageblock.c - /proc/memscope/pageblocks: the pageblocks of each zone by
 * migrate type, read from the pageblock bits as /proc/pagetypeinfo counts
 * them ("Number of blocks type").
 */
#include "memscope.h"

#include <linux/memory_hotplug.h>
#include <linux/mm.h>
#include <linux/pageblock-flags.h>
#include <linux/sched.h>

/*
 * The migrate type of the pageblock holding @pfn, as get_pageblock_migratetype()
 * reads it (mm/page_alloc.c get_pfnblock_flags_mask(), not exported): the
 * section's usemap (mem_section is exported), NR_PAGEBLOCK_BITS bits per
 * pageblock of the section, the type in the low MIGRATETYPE_MASK bits. The
 * same on 6.1 and 6.12 (kmod/README.md); from 6.16 isolation is a bit of its
 * own (PB_migrate_isolate): an isolated block reads as its type here, as
 * Isolate in pagetypeinfo.
 */
static unsigned int ms_pfn_type(unsigned long pfn)
{
	const unsigned long *map = section_to_usemap(__pfn_to_section(pfn));
	unsigned long idx =
		((pfn & (PAGES_PER_SECTION - 1)) >> pageblock_order) *
		NR_PAGEBLOCK_BITS;
	unsigned long word = READ_ONCE(map[idx / BITS_PER_LONG]);

	return (word >> (idx % BITS_PER_LONG)) & MIGRATETYPE_MASK;
}

/*
 * Whether the block holding @pfn counts for @zone: an online page of it, as
 * pagetypeinfo asks (a hole, an offline section or another zone's page not).
 */
static bool ms_block_in(struct zone *zone, unsigned long pfn)
{
	struct page *page = pfn_to_online_page(pfn);

	return page && page_zone(page) == zone;
}

/*
 * Pageblocks of @zone per migrate type, walked as mm/vmstat.c's
 * pagetypeinfo_showblockcount_print() does: from the zone's first pfn in
 * steps of a pageblock, online pages of this zone only.
 */
static void ms_zone_blocks(struct zone *zone, unsigned long *count)
{
	unsigned long pfn, end = zone_end_pfn(zone);
	unsigned int t;

	for (pfn = zone->zone_start_pfn; pfn < end; pfn += pageblock_nr_pages) {
		if (!ms_block_in(zone, pfn))
			continue;
		t = ms_pfn_type(pfn);
		if (t < MIGRATE_TYPES)
			count[t]++;
	}
}

/*
 * "map PFN C...": one character per pageblock of @zone's span, the first the
 * block holding its first pfn (PFN), each the block's type as an index into
 * the "types" line (a digit: 7 types at most), '.' for a block with no online page of the zone.
 * Each block is looked at by its first pfn in the zone, so a zone that does
 * not start or end on a block boundary still gets its edge blocks.
 */
static void ms_zone_map(struct seq_file *m, struct zone *zone)
{
	unsigned long start = zone->zone_start_pfn, end = zone_end_pfn(zone);
	unsigned long pfn, i, n = 0;

	if (end > start)
		n = (end - 1) / pageblock_nr_pages -
		    start / pageblock_nr_pages + 1;
	seq_printf(m, "map %lu ", start);
	for (i = 0; i < n; i++) {
		unsigned int t;

		pfn = (start / pageblock_nr_pages + i) * pageblock_nr_pages;
		if (pfn < start)
			pfn = start;
		t = ms_block_in(zone, pfn) ? ms_pfn_type(pfn) : MIGRATE_TYPES;
		seq_putc(m, t < MIGRATE_TYPES ? '0' + t : '.');
		if (!(i % 4096))
			cond_resched();
	}
	seq_putc(m, '\n');
}

static int ms_pageblocks_show(struct seq_file *m, void *v)
{
	unsigned long count[MIGRATE_TYPES];
	struct zone *zone;
	loff_t n, total;
	unsigned int t;

	seq_puts(m, MS_KMOD_FMT_PAGEBLOCKS "\n");
	seq_printf(m, "pageblock_order %u\n", (unsigned int)pageblock_order);
	seq_puts(m, "types");
	for (t = 0; t < MIGRATE_TYPES; t++)
		ms_put_type(m, " ", t);
	seq_putc(m, '\n');
	for (n = 0; (zone = ms_zone_at(n, &total)) != NULL; n++) {
		memset(count, 0, sizeof(count));
		ms_zone_blocks(zone, count);
		seq_printf(m, "zone %d %s", zone_to_nid(zone), zone->name);
		for (t = 0; t < MIGRATE_TYPES; t++)
			seq_printf(m, " %lu", count[t]);
		seq_putc(m, '\n');
		ms_zone_map(m, zone);
		cond_resched();
	}
	seq_puts(m, "end\n");
	return 0;
}

static int ms_pageblocks_open(struct inode *inode, struct file *file)
{
	return single_open(file, ms_pageblocks_show, NULL);
}

const struct proc_ops ms_pageblocks_ops = {
	.proc_open = ms_pageblocks_open,
	.proc_read_iter = seq_read_iter,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};
