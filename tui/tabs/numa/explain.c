// SPDX-License-Identifier: GPL-2.0
/* Explain mode's texts for the NUMA tab (tui/explain.h). */
#include "tui/explain.h"

#define N_(s) s

const struct ms_explain ms_explain_numa[] = {
	{
		.id = "numa.node.balancing",
		.name = "NUMA balancing",
		.what = N_("Automatic NUMA balancing: the kernel samples page "
			   "accesses (hinting faults) and moves pages or tasks "
			   "so they meet on one node."),
		.source = N_("/proc/sys/kernel/numa_balancing (0 off, 1 "
			     "normal, 2 memory tiering)."),
		.formula = N_("Read as is."),
		.healthy = N_("On for multi-node servers running long jobs; "
			      "its cost shows as hinting faults and migrations "
			      "below."),
	},
	{
		.id = "numa.node",
		.name = "Node",
		.what = N_("The NUMA node a row describes (N0, N1...): a set "
			   "of CPUs and the memory closest to them."),
		.source = N_("/sys/devices/system/node/online, else the nodeN "
			     "directories there."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational; most desktops and small virtual "
			      "machines have one node."),
	},
	{
		.id = "numa.node.cpus",
		.name = "CPUs",
		.what = N_("The CPUs that belong to the node."),
		.source = N_("/sys/devices/system/node/nodeN/cpulist."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational; a node without CPUs is memory "
			      "only (e.g. CXL or a memory tier)."),
	},
	{
		.id = "numa.node.total",
		.name = "Total",
		.what = N_("The node's memory."),
		.source = N_("/sys/devices/system/node/nodeN/meminfo: "
			     "MemTotal."),
		.formula = N_("Read as is (KiB)."),
		.healthy = N_("Informational."),
	},
	{
		.id = "numa.node.used",
		.name = "Used",
		.what = N_("The node's memory in use (page cache included)."),
		.source = N_("/sys/devices/system/node/nodeN/meminfo: "
			     "MemUsed."),
		.formula = N_("MemTotal - MemFree."),
		.healthy = N_("Informational; page cache makes Used high on a "
			      "healthy machine."),
	},
	{
		.id = "numa.node.free",
		.name = "Free",
		.what = N_("The node's free memory."),
		.source = N_("/sys/devices/system/node/nodeN/meminfo: "
			     "MemFree."),
		.formula = N_("Read as is (KiB)."),
		.healthy =
			N_("One node near 0 while others have plenty means "
			   "allocations are bound to it (policy, cpuset) and "
			   "it reclaims alone."),
	},
	{
		.id = "numa.node.usedpct",
		.name = "Used%",
		.what = N_("The share of the node's memory in use, with a "
			   "bar."),
		.source = N_("/sys/devices/system/node/nodeN/meminfo."),
		.formula = N_("100 * MemUsed / MemTotal."),
		.healthy = N_("Unbalanced nodes are worth a look; all near "
			      "100% is normal when the page cache is large."),
	},
	{
		.id = "numa.distance",
		.name = "Distance",
		.what = N_("The relative cost of accessing one node's memory "
			   "from another (SLIT table): 10 is local."),
		.source = N_("/sys/devices/system/node/nodeN/distance."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational: 20-21 is one hop on most "
			      "two-socket machines; larger values mean slower "
			      "remote access."),
	},
	{
		.id = "numa.stat.numa_hit",
		.name = "hit",
		.what = N_("Pages allocated on this node as intended."),
		.source = N_("/sys/devices/system/node/nodeN/numastat: "
			     "numa_hit."),
		.formula = N_("Pages since boot; the rate table shows (now - "
			      "before) / interval."),
		.healthy = N_("Most allocations should be hits."),
	},
	{
		.id = "numa.stat.numa_miss",
		.name = "miss",
		.what = N_("Pages allocated on this node although another "
			   "node was preferred (that node was short of "
			   "memory)."),
		.source = N_("/sys/devices/system/node/nodeN/numastat: "
			     "numa_miss."),
		.formula = N_("Pages since boot; the rate table shows (now - "
			      "before) / interval."),
		.healthy = N_("Near 0 is healthy; a steady rate means the "
			      "preferred node is full and memory goes remote."),
	},
	{
		.id = "numa.stat.numa_foreign",
		.name = "foreign",
		.what = N_("Pages meant for this node that were allocated on "
			   "another one."),
		.source = N_("/sys/devices/system/node/nodeN/numastat: "
			     "numa_foreign."),
		.formula = N_("Pages since boot; the rate table shows (now - "
			      "before) / interval."),
		.healthy = N_("Near 0 is healthy; the mirror image of "
			      "numa_miss on the other node."),
	},
	{
		.id = "numa.stat.interleave_hit",
		.name = "interleave",
		.what = N_("Pages of an interleave policy allocated on this "
			   "node as intended."),
		.source = N_("/sys/devices/system/node/nodeN/numastat: "
			     "interleave_hit."),
		.formula = N_("Pages since boot; the rate table shows (now - "
			      "before) / interval."),
		.healthy = N_("Informational; non-zero only with interleaved "
			      "memory (numactl --interleave)."),
	},
	{
		.id = "numa.stat.local_node",
		.name = "local",
		.what = N_("Pages allocated on this node by a process running "
			   "on it."),
		.source = N_("/sys/devices/system/node/nodeN/numastat: "
			     "local_node."),
		.formula = N_("Pages since boot; the rate table shows (now - "
			      "before) / interval."),
		.healthy = N_("Most allocations should be local."),
	},
	{
		.id = "numa.stat.other_node",
		.name = "other",
		.what = N_("Pages allocated on this node by a process running "
			   "on another node."),
		.source = N_("/sys/devices/system/node/nodeN/numastat: "
			     "other_node."),
		.formula = N_("Pages since boot; the rate table shows (now - "
			      "before) / interval."),
		.healthy = N_("Low is healthy; a high share means tasks run "
			      "far from their memory."),
	},
	{
		.id = "numa.mem.active",
		.name = "Active",
		.what = N_("Memory on the node's active LRU lists (recently "
			   "used)."),
		.source = N_("/sys/devices/system/node/nodeN/meminfo: Node N "
			     "Active."),
		.formula = N_("Read as is (KiB)."),
		.healthy = N_("Informational."),
	},
	{
		.id = "numa.mem.inactive",
		.name = "Inactive",
		.what = N_("Memory on the node's inactive LRU lists: the "
			   "first candidates for reclaim."),
		.source = N_("/sys/devices/system/node/nodeN/meminfo: Node N "
			     "Inactive."),
		.formula = N_("Read as is (KiB)."),
		.healthy = N_("Informational; a node with little inactive "
			      "memory left reclaims harder."),
	},
	{
		.id = "numa.mem.file",
		.name = "File",
		.what = N_("Page cache on the node: file data held in memory."),
		.source = N_("/sys/devices/system/node/nodeN/meminfo: Node N "
			     "FilePages."),
		.formula = N_("Read as is (KiB)."),
		.healthy = N_("Informational; it can be reclaimed when memory "
			      "is needed."),
	},
	{
		.id = "numa.mem.anon",
		.name = "Anon",
		.what = N_("Anonymous memory on the node (process heaps and "
			   "stacks)."),
		.source = N_("/sys/devices/system/node/nodeN/meminfo: Node N "
			     "AnonPages."),
		.formula = N_("Read as is (KiB)."),
		.healthy = N_("Informational; reclaimable only by swapping."),
	},
	{
		.id = "numa.mem.shmem",
		.name = "Shmem",
		.what = N_("Shared memory and tmpfs on the node."),
		.source = N_("/sys/devices/system/node/nodeN/meminfo: Node N "
			     "Shmem."),
		.formula = N_("Read as is (KiB)."),
		.healthy = N_("Informational."),
	},
	{
		.id = "numa.mem.slab",
		.name = "Slab",
		.what = N_("Kernel slab memory on the node."),
		.source = N_("/sys/devices/system/node/nodeN/meminfo: Node N "
			     "Slab."),
		.formula = N_("Read as is (KiB)."),
		.healthy = N_("Informational; see the Slab tab for which "
			      "caches."),
	},
	{
		.id = "numa.mem.pagetables",
		.name = "PgTables",
		.what = N_("Memory used by page tables on the node."),
		.source = N_("/sys/devices/system/node/nodeN/meminfo: Node N "
			     "PageTables."),
		.formula = N_("Read as is (KiB)."),
		.healthy = N_("Small normally; large with many processes "
			      "mapping much memory (huge pages reduce it)."),
	},
	{
		.id = "numa.mem.dirty",
		.name = "Dirty",
		.what = N_("File pages on the node waiting to be written "
			   "back."),
		.source = N_("/sys/devices/system/node/nodeN/meminfo: Node N "
			     "Dirty."),
		.formula = N_("Read as is (KiB)."),
		.healthy = N_("Small is healthy; large dirty memory makes "
			      "reclaim wait for writeback."),
	},
	{
		.id = "numa.mem.hugetot",
		.name = "HugeTot",
		.what = N_("Persistent huge pages (hugetlbfs) reserved on the "
			   "node."),
		.source = N_("/sys/devices/system/node/nodeN/meminfo: Node N "
			     "HugePages_Total."),
		.formula = N_("Read as is (pages)."),
		.healthy = N_("Informational; this memory is not available "
			      "for anything else."),
	},
	{
		.id = "numa.mem.hugefree",
		.name = "HugeFree",
		.what = N_("Reserved huge pages on the node not in use."),
		.source = N_("/sys/devices/system/node/nodeN/meminfo: Node N "
			     "HugePages_Free."),
		.formula = N_("Read as is (pages)."),
		.healthy = N_("Free huge pages nobody uses are wasted memory."),
	},
	{
		.id = "numa.mig.pages",
		.name = "pages migrated",
		.what = N_("Pages migrated per second between nodes or within "
			   "one, and migrations that failed."),
		.source = N_("BPF on the tracepoint migrate:mm_migrate_pages."),
		.formula = N_("succeeded and failed pages / interval."),
		.healthy = N_("Low is healthy; a steady high rate costs "
			      "memory bandwidth (NUMA balancing or compaction "
			      "churning)."),
	},
	{
		.id = "numa.mig.reason",
		.name = "reason",
		.what = N_("Why the pages were migrated: compaction, "
			   "mempolicy_mbind, numa_misplaced (NUMA balancing), "
			   "demotion, memory_hotplug..."),
		.source = N_(
			"BPF on the tracepoint "
			"migrate:mm_migrate_pages: its reason argument, named "
			"as in the kernel's MR_* list."),
		.formula = N_("Read as is; reasons with no call since "
			      "attach are not shown."),
		.healthy = N_("Informational: shows who moves pages; "
			      "numa_misplaced is NUMA balancing at work."),
	},
	{
		.id = "numa.mig.calls",
		.name = "calls",
		.what = N_("How often the kernel ran a batch migration "
			   "(migrate_pages) for this reason."),
		.source = N_("BPF on the tracepoint "
			     "migrate:mm_migrate_pages."),
		.formula = N_("Counted since attach."),
		.healthy = N_("Informational; compare with pages moved for "
			      "the batch size."),
	},
	{
		.id = "numa.mig.moved",
		.name = "pages moved",
		.what = N_("Pages migrated successfully for this reason."),
		.source = N_("BPF on migrate:mm_migrate_pages: its "
			     "succeeded argument."),
		.formula = N_("Sum since attach."),
		.healthy = N_("Informational; every page moved is a copy "
			      "that costs memory bandwidth."),
	},
	{
		.id = "numa.mig.failed",
		.name = "failed",
		.what = N_("Pages that could not be migrated for this "
			   "reason (pinned, busy or locked)."),
		.source = N_("BPF on migrate:mm_migrate_pages: its failed "
			     "argument."),
		.formula = N_("Sum since attach."),
		.healthy = N_("Near 0 is healthy; failures make compaction "
			      "and balancing less effective."),
	},
	{
		.id = "numa.mig.rate",
		.name = "pages/s",
		.what = N_("Pages migrated successfully for this reason "
			   "per second."),
		.source = N_("BPF on migrate:mm_migrate_pages: its "
			     "succeeded argument."),
		.formula = N_("(pages moved now - before) / interval."),
		.healthy = N_("Low is healthy; a steady high rate costs "
			      "memory bandwidth (NUMA balancing or compaction "
			      "churning)."),
	},
	{
		.id = "numa.hint.node",
		.name = "node",
		.what = N_("The node of the memory the hinting faults "
			   "touched."),
		.source = N_("BPF fentry on task_numa_fault: its mem_node "
			     "argument."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational."),
	},
	{
		.id = "numa.hint.faults",
		.name = "faults/s",
		.what = N_(
			"NUMA hinting faults on the node's memory per "
			"second: accesses to pages NUMA balancing had marked."),
		.source = N_("BPF fentry on task_numa_fault (where the "
			     "kernel allows fentry)."),
		.formula = N_("(faults now - before) / interval."),
		.healthy = N_("Informational: the sampling NUMA balancing "
			      "pays for; each fault costs a little CPU."),
	},
	{
		.id = "numa.hint.pages",
		.name = "pages/s",
		.what = N_("Pages covered by the hinting faults per "
			   "second (a fault on a huge page covers many)."),
		.source = N_("BPF fentry on task_numa_fault: its pages "
			     "argument."),
		.formula = N_("(pages now - before) / interval."),
		.healthy = N_("Informational."),
	},
	{
		.id = "numa.hint.local",
		.name = "local",
		.what = N_("The share of the pages whose hinting fault "
			   "came from a task running on this node."),
		.source = N_("BPF fentry on task_numa_fault: its flags "
			     "(TNF_FAULT_LOCAL)."),
		.formula = N_("100 * local pages / pages, since attach."),
		.healthy =
			N_("A high local share is healthy; low local "
			   "with many migrations means tasks and memory chase "
			   "each other."),
	},
	{
		.id = "numa.hint.migrated",
		.name = "migrated/s",
		.what = N_("Pages per second the hinting faults moved to "
			   "the node of the task that touched them."),
		.source = N_("BPF fentry on task_numa_fault: its flags "
			     "(TNF_MIGRATED)."),
		.formula = N_("(pages migrated now - before) / interval."),
		.healthy = N_("Bursts when a job starts are normal; a "
			      "steady rate means pages move back and forth."),
	},
	{
		.id = "numa.mig.tasks",
		.name = "tasks moved",
		.what = N_("Tasks the scheduler moved to another node, and "
			   "pairs of tasks swapped between nodes, per second."),
		.source = N_("BPF on the tracepoints sched:sched_move_numa "
			     "and sched:sched_swap_numa."),
		.formula = N_("Events / interval."),
		.healthy = N_("Near 0 once a workload settles; a steady rate "
			      "means NUMA balancing keeps moving tasks."),
	},
	{
		.id = "numa.bal.numa_pte_updates",
		.name = "numa_pte_updates",
		.what = N_("Page table entries NUMA balancing marked so the "
			   "next access faults (its sampling)."),
		.source = N_("/proc/vmstat: numa_pte_updates."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("Informational: the scanning cost of NUMA "
			      "balancing."),
	},
	{
		.id = "numa.bal.numa_huge_pte_updates",
		.name = "numa_huge_pte_updates",
		.what = N_("Huge page entries (PMDs) marked by NUMA "
			   "balancing."),
		.source = N_("/proc/vmstat: numa_huge_pte_updates."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("Informational."),
	},
	{
		.id = "numa.bal.numa_hint_faults",
		.name = "numa_hint_faults",
		.what = N_("NUMA hinting faults: accesses to marked pages, "
			   "which tell the kernel which node uses a page."),
		.source = N_("/proc/vmstat: numa_hint_faults."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("Informational; each fault costs a little CPU."),
	},
	{
		.id = "numa.bal.numa_hint_faults_local",
		.name = "numa_hint_faults_local",
		.what = N_("Hinting faults where the page was already on the "
			   "accessing task's node."),
		.source = N_("/proc/vmstat: numa_hint_faults_local."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("Close to numa_hint_faults is healthy: memory "
			      "is where it is used."),
	},
	{
		.id = "numa.bal.local_share",
		.name = "local hint faults",
		.what = N_("The share of hinting faults that were local."),
		.source = N_("/proc/vmstat: numa_hint_faults_local and "
			     "numa_hint_faults."),
		.formula = N_("100 * numa_hint_faults_local / "
			      "numa_hint_faults."),
		.healthy = N_("Above ~80% is healthy; low means much memory "
			      "is remote from its users."),
	},
	{
		.id = "numa.bal.numa_pages_migrated",
		.name = "numa_pages_migrated",
		.what = N_("Pages NUMA balancing moved to the node that uses "
			   "them."),
		.source = N_("/proc/vmstat: numa_pages_migrated."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("Bursts when a job starts are normal; a steady "
			      "rate means pages move back and forth."),
	},
	{
		.id = "numa.bal.pgmigrate_success",
		.name = "pgmigrate_success",
		.what = N_("Pages migrated successfully for any reason (NUMA, "
			   "compaction, memory policy)."),
		.source = N_("/proc/vmstat: pgmigrate_success."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("Informational."),
	},
	{
		.id = "numa.bal.pgmigrate_fail",
		.name = "pgmigrate_fail",
		.what = N_("Pages that could not be migrated (pinned, busy or "
			   "locked)."),
		.source = N_("/proc/vmstat: pgmigrate_fail."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("Near 0 is healthy; failures make compaction "
			      "and balancing less effective."),
	},
	{
		.id = "numa.bal.pgpromote_success",
		.name = "pgpromote_success",
		.what = N_("Pages promoted from a slow memory tier to a fast "
			   "node (memory tiering, numa_balancing=2)."),
		.source = N_("/proc/vmstat: pgpromote_success."),
		.formula = N_("Total as read; per second = (now - before) / "
			      "interval."),
		.healthy = N_("Informational; only with memory tiering."),
	},
	{ NULL },
};
