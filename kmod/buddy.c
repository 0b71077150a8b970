// SPDX-License-Identifier: GPL-2.0
/*
 * buddy.c - /proc/memscope/buddy (per zone free lists, watermarks) and the
 * seed chapter's /proc/buddy_status, one zone under its lock at a time.
 */
#include "memscope.h"

#include <linux/list.h>
#include <linux/mm.h>
#include <linux/nodemask.h>
#include <linux/spinlock.h>
#include <linux/vmstat.h>

/*
 * Most free-list entries counted per zone in one hold of zone->lock with
 * interrupts off (mm/vmstat.c caps each pagetypeinfo list at 100000).
 */
#define MS_BUDDY_WALK_LIMIT 131072

/* The kernel's names (mm/page_alloc.c migratetype_names is not exported). */
static const char *const ms_mt_names[MIGRATE_TYPES] = {
	[MIGRATE_UNMOVABLE] = "Unmovable",
	[MIGRATE_MOVABLE] = "Movable",
	[MIGRATE_RECLAIMABLE] = "Reclaimable",
	[MIGRATE_HIGHATOMIC] = "HighAtomic",
#ifdef CONFIG_CMA
	[MIGRATE_CMA] = "CMA",
#endif
#ifdef CONFIG_MEMORY_ISOLATION
	[MIGRATE_ISOLATE] = "Isolate",
#endif
};

/* What one lock hold reads; per open file, too big for the stack. */
struct ms_zone_counts {
	unsigned long nr_free[MS_NR_ORDERS];
	unsigned long by_type[MIGRATE_TYPES][MS_NR_ORDERS];
	bool capped;
};

static const char ms_end_token[] = "end";

static unsigned long ms_count_list(struct list_head *head,
				   unsigned long *budget, bool *capped)
{
	struct list_head *pos;
	unsigned long n = 0;

	list_for_each(pos, head)
	{
		if (!*budget) {
			*capped = true;
			break;
		}
		(*budget)--;
		n++;
	}
	return n;
}

/* Free blocks per order (and per migrate type if @types) of one zone. */
static void ms_zone_read(struct zone *zone, struct ms_zone_counts *c,
			 bool types)
{
	unsigned long budget = MS_BUDDY_WALK_LIMIT;
	unsigned long flags;
	unsigned int o, t;

	c->capped = false;
	spin_lock_irqsave(&zone->lock, flags);
	for (o = 0; o < MS_NR_ORDERS; o++) {
		struct free_area *area = &zone->free_area[o];

		c->nr_free[o] = area->nr_free;
		if (!types)
			continue;
		for (t = 0; t < MIGRATE_TYPES; t++)
			c->by_type[t][o] = ms_count_list(&area->free_list[t],
							 &budget, &c->capped);
	}
	spin_unlock_irqrestore(&zone->lock, flags);
}

struct zone *ms_zone_at(loff_t n, loff_t *total)
{
	loff_t seen = 0;
	int nid, i;

	for_each_online_node(nid)
	{
		pg_data_t *pgdat = NODE_DATA(nid);

		for (i = 0; i < MAX_NR_ZONES; i++) {
			struct zone *zone = &pgdat->node_zones[i];

			if (!populated_zone(zone))
				continue;
			if (seen++ == n)
				return zone;
		}
	}
	*total = seen;
	return NULL;
}

/* Records: 0 the header, 1..N the zones, then (if @end) the end line. */
static void *ms_buddy_at(loff_t pos, bool end)
{
	struct zone *zone;
	loff_t total;

	if (pos == 0)
		return SEQ_START_TOKEN;
	zone = ms_zone_at(pos - 1, &total);
	if (zone)
		return zone;
	if (end && pos - 1 == total)
		return (void *)ms_end_token;
	return NULL;
}

static void *ms_buddy_start(struct seq_file *m, loff_t *pos)
{
	return ms_buddy_at(*pos, true);
}

static void *ms_status_start(struct seq_file *m, loff_t *pos)
{
	return ms_buddy_at(*pos, false);
}

static void *ms_buddy_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return ms_buddy_at(*pos, true);
}

static void *ms_status_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return ms_buddy_at(*pos, false);
}

static void ms_buddy_stop(struct seq_file *m, void *v)
{
}

static void ms_put_orders(struct seq_file *m, const unsigned long *n)
{
	unsigned int o;

	for (o = 0; o < MS_NR_ORDERS; o++)
		seq_printf(m, " %lu", n[o]);
	seq_putc(m, '\n');
}

void ms_put_type(struct seq_file *m, const char *prefix, unsigned int t)
{
	if (ms_mt_names[t])
		seq_printf(m, "%s%s", prefix, ms_mt_names[t]);
	else
		seq_printf(m, "%sUnknown%u", prefix, t);
}

static void ms_buddy_header(struct seq_file *m)
{
	unsigned int t;

	seq_puts(m, MS_KMOD_FMT_BUDDY "\n");
	seq_printf(m, "page_size %lu\n", PAGE_SIZE);
	seq_printf(m, "orders %u\n", MS_NR_ORDERS);
	seq_puts(m, "types");
	for (t = 0; t < MIGRATE_TYPES; t++)
		ms_put_type(m, " ", t);
	seq_putc(m, '\n');
	seq_printf(m, "walk_limit %u\n", MS_BUDDY_WALK_LIMIT);
}

static void ms_buddy_zone(struct seq_file *m, struct zone *zone,
			  struct ms_zone_counts *c)
{
	unsigned int t;

	ms_zone_read(zone, c, true);
	seq_printf(m, "zone %d %s\n", zone_to_nid(zone), zone->name);
	seq_printf(m, "start_pfn %lu\n", zone->zone_start_pfn);
	seq_printf(m, "spanned %lu\n", zone->spanned_pages);
	seq_printf(m, "present %lu\n", zone->present_pages);
	seq_printf(m, "managed %lu\n", zone_managed_pages(zone));
	seq_printf(m, "free %lu\n", zone_page_state(zone, NR_FREE_PAGES));
	seq_printf(m, "min %lu\n", min_wmark_pages(zone));
	seq_printf(m, "low %lu\n", low_wmark_pages(zone));
	seq_printf(m, "high %lu\n", high_wmark_pages(zone));
	seq_printf(m, "boost %lu\n", zone->watermark_boost);
	seq_printf(m, "reserved_highatomic %lu\n",
		   zone->nr_reserved_highatomic);
	seq_puts(m, "nr_free");
	ms_put_orders(m, c->nr_free);
	for (t = 0; t < MIGRATE_TYPES; t++) {
		ms_put_type(m, "free_type ", t);
		ms_put_orders(m, c->by_type[t]);
	}
	seq_printf(m, "capped %d\n", c->capped);
}

static int ms_buddy_show(struct seq_file *m, void *v)
{
	if (v == SEQ_START_TOKEN)
		ms_buddy_header(m);
	else if (v == ms_end_token)
		seq_puts(m, "end\n");
	else
		ms_buddy_zone(m, v, m->private);
	return 0;
}

/* The seed's view; its fragmentation index is 100 - 100 * 2^largest / free. */
static int ms_status_show(struct seq_file *m, void *v)
{
	struct ms_zone_counts *c = m->private;
	unsigned long free = 0;
	int o, largest = -1;

	if (v == SEQ_START_TOKEN) {
		seq_puts(m,
			 MS_KMOD_FMT_BUDDY_STATUS "\nBuddy Allocator Status\n");
		return 0;
	}
	ms_zone_read(v, c, false);
	for (o = 0; o < MS_NR_ORDERS; o++) {
		free += c->nr_free[o] << o;
		if (c->nr_free[o])
			largest = o;
	}
	seq_printf(m, "\nNode %d, Zone: %s\n", zone_to_nid(v),
		   ((struct zone *)v)->name);
	seq_printf(m, "  Free pages: %lu\n", free);
	for (o = 0; o < MS_NR_ORDERS; o++)
		seq_printf(m, "  Order %d: %lu blocks\n", o, c->nr_free[o]);
	if (largest < 0) {
		seq_puts(m, "  Largest free block: none\n");
		seq_puts(m, "  Fragmentation index: n/a\n");
		return 0;
	}
	seq_printf(m, "  Largest free block: order %d (%lu KiB)\n", largest,
		   (PAGE_SIZE << largest) >> 10);
	seq_printf(m, "  Fragmentation index: %lu%%\n",
		   100 - 100 * (1UL << largest) / free);
	return 0;
}

static const struct seq_operations ms_buddy_seq = {
	.start = ms_buddy_start,
	.next = ms_buddy_next,
	.stop = ms_buddy_stop,
	.show = ms_buddy_show,
};

static const struct seq_operations ms_status_seq = {
	.start = ms_status_start,
	.next = ms_status_next,
	.stop = ms_buddy_stop,
	.show = ms_status_show,
};

static int ms_buddy_open(struct inode *inode, struct file *file)
{
	if (!__seq_open_private(file, &ms_buddy_seq,
				sizeof(struct ms_zone_counts)))
		return -ENOMEM;
	return 0;
}

static int ms_status_open(struct inode *inode, struct file *file)
{
	if (!__seq_open_private(file, &ms_status_seq,
				sizeof(struct ms_zone_counts)))
		return -ENOMEM;
	return 0;
}

const struct proc_ops ms_buddy_ops = {
	.proc_open = ms_buddy_open,
	.proc_read_iter = seq_read_iter,
	.proc_lseek = seq_lseek,
	.proc_release = seq_release_private,
};

const struct proc_ops ms_buddy_status_ops = {
	.proc_open = ms_status_open,
	.proc_read_iter = seq_read_iter,
	.proc_lseek = seq_lseek,
	.proc_release = seq_release_private,
};
