// SPDX-License-Identifier: GPL-2.0
/* Explain mode's texts for the VMA tab (tui/explain.h). */
#include "tui/explain.h"

#define N_(s) s

const struct ms_explain ms_explain_vma[] = {
	{
		.id = "vma.p.pid",
		.name = "PID",
		.what = N_("The process ID."),
		.source = N_("The directory name under /proc."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational; Enter lists the process's VMAs."),
	},
	{
		.id = "vma.p.user",
		.name = "User",
		.what = N_("The owner of the process (real user), by name; "
			   "#uid (#0, #1000) where the system has no name for "
			   "it, e.g. a captured tree without its etc/passwd."),
		.source = N_("/proc/PID/status: the first Uid field; the name "
			     "from etc/passwd below the root (a captured tree "
			     "names its own users), live also from the passwd "
			     "database. A recording keeps the name."),
		.formula = N_("Resolved when the process is read, once per "
			      "uid, not when the screen is drawn."),
		.healthy = N_("Informational."),
	},
	{
		.id = "vma.p.rss",
		.name = "RSS",
		.what = N_("Resident set size: the process's memory in RAM "
			   "now, shared pages counted in full."),
		.source = N_("/proc/PID/smaps_rollup (or status VmRSS): Rss."),
		.formula = N_("Read as is (KiB), shown as K/M/G."),
		.healthy = N_("Depends on the program; RSS growing without "
			      "bound over time suggests a leak."),
	},
	{
		.id = "vma.p.pss",
		.name = "PSS",
		.what = N_("Proportional set size: RSS with each shared page "
			   "divided among the processes that map it."),
		.source = N_("/proc/PID/smaps_rollup: Pss (needs permission "
			     "to read the process)."),
		.formula = N_("sum over pages of page size / number of "
			      "processes mapping it. Dim: read too long ago "
			      "or at another RSS (see the age line)."),
		.healthy = N_("PSS summed over all processes is the real "
			      "memory use; PSS far below RSS means much is "
			      "shared."),
	},
	{
		.id = "vma.p.swap",
		.name = "Swap",
		.what = N_("Memory of the process that is swapped out "
			   "(anonymous pages in swap or zram)."),
		.source = N_("/proc/PID/smaps_rollup (or status VmSwap): "
			     "Swap."),
		.formula = N_("Read as is (KiB). Dim: read too long ago or at "
			      "another RSS (see the age line)."),
		.healthy = N_("0 or small is healthy; large and growing swap "
			      "of an active process means it will stall on "
			      "swap-ins."),
	},
	{
		.id = "vma.p.vmas",
		.name = "VMAs",
		.what = N_("The number of virtual memory areas (mappings) of "
			   "the process."),
		.source = N_("/proc/PID/maps: one line per VMA (or the "
			     "module's map_count)."),
		.formula = N_("Count of the lines. Dim: read too long ago "
			      "(see the age line)."),
		.healthy = N_("Hundreds are normal; tens of thousands "
			      "approach vm.max_map_count (65530) and make mmap "
			      "slow."),
	},
	{
		.id = "vma.p.age",
		.name = "PSS, Swap, VMAs: age",
		.what = N_("How old the dim PSS, Swap and VMAs are. RSS is "
			   "read every sample; the files behind the others "
			   "cost far more, so live they are re-read within a "
			   "CPU budget (3 ms a second), new processes first, "
			   "then those whose RSS moved, then the oldest; and "
			   "the first new and the first moved one every "
			   "sample."),
		.source = N_("When memscope last read the process's "
			     "smaps_rollup and maps; batch mode (-b) and "
			     "captured trees read every process each sample "
			     "(JSON: detail_age_s, detail_rss_kb)."),
		.formula = N_("Dim when older than 5 s (or two intervals, when "
			      "-d is over 2.5 s), or when RSS moved by more "
			      "than an eighth since: PSS and Swap belong to "
			      "that other RSS then."),
		.healthy = N_("A few dim rows are the budget at work; they "
			      "catch up within seconds. A whole dim column "
			      "means more processes than the budget re-reads: "
			      "use -b for one full sample."),
	},
	{
		.id = "vma.p.minflt",
		.name = "MinFlt/s",
		.what = N_("Minor page faults per second: faults served "
			   "without disk I/O (a page in the page cache, a new "
			   "zeroed page, COW)."),
		.source = N_("/proc/PID/stat: minflt (field 10) in two "
			     "samples."),
		.formula = N_("(minflt now - minflt before) / interval."),
		.healthy = N_("Thousands per second while a program allocates "
			      "are normal; a steady flood costs CPU time."),
	},
	{
		.id = "vma.p.majflt",
		.name = "MajFlt/s",
		.what = N_("Major page faults per second: faults that waited "
			   "for I/O (reading a file page or a swap-in)."),
		.source = N_("/proc/PID/stat: majflt (field 12) in two "
			     "samples."),
		.formula = N_("(majflt now - majflt before) / interval."),
		.healthy = N_("Near 0 is healthy once a program has started; "
			      "a steady rate means thrashing or a working set "
			      "larger than RAM."),
	},
	{
		.id = "vma.p.comm",
		.name = "Command",
		.what = N_("The process's name (kernel threads in brackets), "
			   "shown escaped."),
		.source = N_("/proc/PID/stat: comm (at most 15 characters, "
			     "set by the program)."),
		.formula = N_("Read as is; the filter (/) matches it."),
		.healthy = N_("Informational; k shows or hides kernel "
			      "threads."),
	},
	{
		.id = "vma.p.cmdline",
		.name = "Command line",
		.what = N_("The process's command line: the program and its "
			   "arguments (l switches between it and the name), "
			   "so processes of one name can be told apart. "
			   "Shown escaped."),
		.source = N_("/proc/PID/cmdline: the arguments, separated by "
			     "NUL bytes; empty for kernel threads and "
			     "zombies. A program may rewrite it."),
		.formula = N_("The arguments joined by spaces (the first 255 "
			      "bytes), the program without its directory; a "
			      "process without one shows its name. The filter "
			      "(/) matches it."),
		.healthy = N_("Informational."),
	},
	{
		.id = "vma.p.cgroup",
		.name = "Cgroup",
		.what = N_("The process's memory cgroup: the path from the "
			   "hierarchy's root, as the Cgroups tab names it "
			   "(its memory is charged there, its limits are "
			   "that cgroup's). Shown escaped."),
		.source = N_("/proc/PID/cgroup: the v1 line whose "
			     "controllers name memory, else the unified "
			     "(v2) line \"0::\"; a hybrid host has both, and "
			     "the memory controller is on one only. Read with "
			     "the process's PSS."),
		.formula = N_("Read as is; the filter (/) matches it as well "
			      "as the command. Past about 110 columns it is "
			      "shown, else Right shifts it in."),
		.healthy = N_("Informational: which service or container the "
			      "process belongs to."),
	},
	{
		.id = "vma.p.flt",
		.name = "Flt/s",
		.what = N_("User-mode page faults per second of the process, "
			   "as the CPU raised them."),
		.source = N_(
			"BPF on the tracepoint "
			"exceptions:page_fault_user (x86), by thread group."),
		.formula = N_("Events counted per process; rate = delta / "
			      "interval."),
		.healthy = N_("Depends on the program; compare with MinFlt/s "
			      "and MajFlt/s to see how many were cheap."),
	},
	{
		.id = "vma.p.wp",
		.name = "WP/s",
		.what = N_("Write-protect faults per second: writes to a "
			   "present, read-only page (copy-on-write after fork, "
			   "or write-notify of a file)."),
		.source = N_("BPF on exceptions:page_fault_user, error code "
			     "PRESENT|WRITE."),
		.formula = N_("Events with both bits set, per process; rate = "
			      "delta / interval."),
		.healthy = N_(
			"High right after fork is normal (COW); a "
			"lasting rate means pages are copied over and over."),
	},
	{
		.id = "vma.p.lock",
		.name = "Lock ms/s",
		.what = N_("Time per second the process's threads waited for "
			   "its mmap_lock (the lock of the address space)."),
		.source = N_("BPF on mmap_lock:mmap_lock_start_locking and "
			     "mmap_lock_acquire_returned."),
		.formula = N_("sum of (acquired - start) per process / "
			      "interval, in ms per second."),
		.healthy = N_("Near 0 is healthy; tens or hundreds of ms/s "
			      "mean threads contend on mmap/munmap/faults."),
	},
	{
		.id = "vma.p.cow",
		.name = "COW/s",
		.what = N_("Copy-on-write faults per second: a write to a "
			   "shared page that made a private copy."),
		.source = N_("BPF fexit on handle_mm_fault (where the kernel "
			     "allows fexit), faults on present pages with "
			     "FAULT_FLAG_WRITE."),
		.formula = N_("Events counted per process; rate = delta / "
			      "interval."),
		.healthy = N_("Bursts after fork are normal; a steady high "
			      "rate costs memory and CPU."),
	},
	{
		.id = "vma.p.anon",
		.name = "Anon/s",
		.what = N_("Page faults per second in anonymous memory (heap, "
			   "stack, private mappings)."),
		.source = N_("BPF fexit on handle_mm_fault: the faulting VMA "
			     "has no file."),
		.formula = N_("Events counted per process; rate = delta / "
			      "interval."),
		.healthy = N_("Depends on the program: high while it "
			      "allocates and touches new memory."),
	},
	{
		.id = "vma.p.file",
		.name = "File/s",
		.what = N_("Page faults per second in file-backed mappings "
			   "(executables, libraries, mmap'ed files)."),
		.source = N_("BPF fexit on handle_mm_fault: the faulting VMA "
			     "maps a file."),
		.formula = N_("Events counted per process; rate = delta / "
			      "interval."),
		.healthy =
			N_("High at start-up; a lasting rate with MajFlt/s "
			   "means the page cache is too small for the files."),
	},
	{
		.id = "vma.p.lockmax",
		.name = "LockMax",
		.what = N_("The longest single wait for the process's "
			   "mmap_lock since attach, in microseconds."),
		.source = N_("BPF on the mmap_lock tracepoints."),
		.formula = N_("max of (acquired - start) per process."),
		.healthy =
			N_("Microseconds is healthy; milliseconds mean a "
			   "thread was blocked behind a long mmap or fault."),
	},
	{
		.id = "vma.m.summary",
		.name = "summary",
		.what = N_("The address space by kind of mapping (anon, file, "
			   "heap, stack, shmem, special): count, size, Rss, "
			   "Pss, Swap."),
		.source = N_("/proc/PID/maps and /proc/PID/smaps of the "
			     "process."),
		.formula = N_("Sums over the VMAs of each kind; total in the "
			      "last column."),
		.healthy = N_("Informational: shows where the memory of the "
			      "process is (e.g. most Rss in anon = heap-like "
			      "data)."),
	},
	{
		.id = "vma.m.faults",
		.name = "faults (bpf)",
		.what = N_("The process's page faults per second by kind "
			   "(user, minor, major, anon, file, write-protect, "
			   "COW) and its mmap_lock waits."),
		.source = N_("BPF on exceptions:page_fault_user, "
			     "handle_mm_fault (fexit) and the mmap_lock "
			     "tracepoints."),
		.formula = N_("Events per process; rate = delta / interval."),
		.healthy = N_("See the fault columns (f on the process list)."),
	},
	{
		.id = "vma.v.range",
		.name = "Address",
		.what = N_("The virtual address range of the VMA: start-end "
			   "(end exclusive), or the start alone on narrow "
			   "terminals."),
		.source = N_("/proc/PID/maps: the first field."),
		.formula = N_("Read as is (hexadecimal)."),
		.healthy = N_("Informational; user space ends below "
			      "0x7fffffffffff on x86-64 ([vsyscall] is the "
			      "exception)."),
	},
	{
		.id = "vma.v.size",
		.name = "Size",
		.what = N_("The virtual size of the VMA: address space "
			   "reserved, not memory used."),
		.source = N_("/proc/PID/maps (end - start), or smaps Size."),
		.formula = N_("end - start."),
		.healthy = N_("Informational; a large Size with small Rss is "
			      "normal (reserved, untouched memory)."),
	},
	{
		.id = "vma.v.perms",
		.name = "Perm",
		.what = N_("Access rights: r read, w write, x execute, then p "
			   "private (copy-on-write) or s shared."),
		.source = N_("/proc/PID/maps: the second field."),
		.formula = N_("Read as is."),
		.healthy = N_("A mapping both writable and executable (rwx) "
			      "is unusual and worth a look (JITs do it)."),
	},
	{
		.id = "vma.v.offset",
		.name = "Offset",
		.what = N_("Where in the file the mapping starts (bytes, "
			   "hexadecimal); 0 for anonymous memory."),
		.source = N_("/proc/PID/maps: the third field."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational."),
	},
	{
		.id = "vma.v.dev",
		.name = "Dev",
		.what = N_("The device of the mapped file, major:minor; 00:00 "
			   "for anonymous memory."),
		.source = N_("/proc/PID/maps: the fourth field."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational."),
	},
	{
		.id = "vma.v.inode",
		.name = "Inode",
		.what = N_("The inode number of the mapped file; 0 for "
			   "anonymous memory."),
		.source = N_("/proc/PID/maps: the fifth field."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational."),
	},
	{
		.id = "vma.v.rss",
		.name = "Rss",
		.what = N_("Memory of the VMA resident in RAM, shared pages "
			   "in full."),
		.source = N_("/proc/PID/smaps: the \"Rss\" line of the VMA."),
		.formula = N_("Read as is (KiB)."),
		.healthy = N_("Informational; the VMAs with the largest Rss "
			      "are where the process's memory is."),
	},
	{
		.id = "vma.v.pss",
		.name = "Pss",
		.what = N_("The VMA's resident memory with shared pages "
			   "divided among the processes mapping them."),
		.source = N_("/proc/PID/smaps: the \"Pss\" line of the VMA."),
		.formula = N_("Read as is (KiB)."),
		.healthy = N_("Pss well below Rss means the pages are shared "
			      "(libraries)."),
	},
	{
		.id = "vma.v.swap",
		.name = "Swap",
		.what = N_("Anonymous memory of the VMA that is swapped out."),
		.source = N_("/proc/PID/smaps: the \"Swap\" line of the VMA."),
		.formula = N_("Read as is (KiB)."),
		.healthy = N_("0 is healthy for hot data; swapped memory "
			      "comes back through major faults."),
	},
	{
		.id = "vma.v.anon",
		.name = "Anon",
		.what = N_("Anonymous memory of the VMA: pages not backed by "
			   "a file (including COW copies of file pages)."),
		.source = N_("/proc/PID/smaps: the \"Anonymous\" line of the "
			     "VMA."),
		.formula = N_("Read as is (KiB)."),
		.healthy = N_("Informational; anonymous memory can only be "
			      "reclaimed by swapping it out."),
	},
	{
		.id = "vma.v.ahp",
		.name = "AnonHP",
		.what = N_("Anonymous memory of the VMA mapped by transparent "
			   "huge pages (2 MiB on x86-64)."),
		.source = N_("/proc/PID/smaps: the \"AnonHugePages\" line of "
			     "the VMA."),
		.formula = N_("Read as is (KiB)."),
		.healthy = N_("For large, hot heaps a high share is good "
			      "(fewer TLB misses); 0 means THP is off or "
			      "fragmentation stops it."),
	},
	{
		.id = "vma.v.privc",
		.name = "PrivC",
		.what = N_("Private clean pages: mapped only by this process "
			   "and unchanged since read (can be dropped and "
			   "re-read)."),
		.source = N_("/proc/PID/smaps: the \"Private_Clean\" line of "
			     "the VMA."),
		.formula = N_("Read as is (KiB)."),
		.healthy = N_("Informational; cheap to reclaim."),
	},
	{
		.id = "vma.v.privd",
		.name = "PrivD",
		.what = N_("Private dirty pages: mapped only by this process "
			   "and written (heap data, COW copies)."),
		.source = N_("/proc/PID/smaps: the \"Private_Dirty\" line of "
			     "the VMA."),
		.formula = N_("Read as is (KiB)."),
		.healthy = N_("The memory that would really be freed if the "
			      "process exited; growth without bound suggests a "
			      "leak."),
	},
	{
		.id = "vma.v.shrc",
		.name = "ShrC",
		.what = N_("Shared clean pages: also mapped by other "
			   "processes and unchanged (library code)."),
		.source = N_("/proc/PID/smaps: the \"Shared_Clean\" line of "
			     "the VMA."),
		.formula = N_("Read as is (KiB)."),
		.healthy = N_("Informational."),
	},
	{
		.id = "vma.v.shrd",
		.name = "ShrD",
		.what = N_("Shared dirty pages: also mapped by other "
			   "processes and written (shared memory, shared "
			   "anonymous after fork)."),
		.source = N_("/proc/PID/smaps: the \"Shared_Dirty\" line of "
			     "the VMA."),
		.formula = N_("Read as is (KiB)."),
		.healthy = N_("Informational."),
	},
	{
		.id = "vma.v.locked",
		.name = "Lock",
		.what = N_("Memory of the VMA locked in RAM (mlock), which "
			   "reclaim cannot take."),
		.source = N_("/proc/PID/smaps: the \"Locked\" line of the "
			     "VMA."),
		.formula = N_("Read as is (KiB)."),
		.healthy = N_("Small is normal; large locked memory leaves "
			      "reclaim less to work with."),
	},
	{
		.id = "vma.v.thp",
		.name = "THP",
		.what = N_("Whether the VMA may use transparent huge pages "
			   "(1) or not (0)."),
		.source = N_("/proc/PID/smaps: the \"THPeligible\" line of "
			     "the VMA."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational; depends on "
			      "/sys/kernel/mm/transparent_hugepage/enabled, "
			      "madvise and the VMA's alignment."),
	},
	{
		.id = "vma.v.nodes",
		.name = "Nodes",
		.what = N_("Pages of the VMA on each NUMA node: N0=12 N1=3."),
		.source = N_("/proc/PID/numa_maps: the N<node>=<pages> fields "
			     "of the VMA."),
		.formula = N_("Read as is (pages)."),
		.healthy = N_("Pages on the node the process runs on are "
			      "fast; many on a remote node cost latency."),
	},
	{
		.id = "vma.v.flags",
		.name = "VmFlags",
		.what = N_("The VMA's flags as two-letter codes: rd wr ex sh, "
			   "gd (stack guard), ht (hugetlb), hg/nh (THP "
			   "advice), lo (locked)..."),
		.source = N_("/proc/PID/smaps: the VmFlags line; the detail "
			     "screen spells each one out."),
		.formula = N_("Read as is."),
		.healthy = N_("Informational; the detail screen (Enter) names "
			      "each flag."),
	},
	{
		.id = "vma.v.path",
		.name = "Mapping",
		.what = N_("What is mapped: a file path, or [heap], [stack], "
			   "[vdso], [anon] for memory without a file."),
		.source = N_("/proc/PID/maps: the sixth field (escaped when "
			     "shown)."),
		.formula = N_("Read as is; the filter (/) matches it."),
		.healthy = N_("Informational; \"(deleted)\" after a path "
			      "means the file was removed while mapped."),
	},
	{
		.id = "vma.d.kind",
		.name = "kind",
		.what = N_("memscope's kind of the VMA: anon, file, heap, "
			   "stack, shmem or special (vdso, vvar, vsyscall)."),
		.source = N_("/proc/PID/maps: derived from the path and the "
			     "inode."),
		.formula = N_("[heap] -> heap, [stack] -> stack, /dev/zero or "
			      "SYSV/memfd -> shmem, a path -> file, [..] -> "
			      "special, else anon."),
		.healthy = N_("Informational: the summary of the VMA list "
			      "adds up by this kind."),
	},
	{
		.id = "vma.d.kernelpagesize",
		.name = "KernelPageSize",
		.what = N_("The page size the kernel uses for this VMA (4 "
			   "KiB, or 2 MiB/1 GiB for hugetlbfs)."),
		.source = N_("/proc/PID/smaps: the \"KernelPageSize\" line of "
			     "the VMA."),
		.formula = N_("Read as is (KiB)."),
		.healthy = N_("Informational."),
	},
	{
		.id = "vma.d.referenced",
		.name = "Referenced",
		.what = N_("Memory of the VMA marked accessed (young) since "
			   "the referenced bits were last cleared."),
		.source = N_("/proc/PID/smaps: the \"Referenced\" line of the "
			     "VMA."),
		.formula = N_("Read as is (KiB)."),
		.healthy = N_("Informational: Referenced close to Rss means "
			      "the whole resident set is hot."),
	},
	{
		.id = "vma.d.shmempmd",
		.name = "ShmemPmdMapped",
		.what = N_("Shared memory of the VMA mapped with huge pages "
			   "(PMD level)."),
		.source = N_("/proc/PID/smaps: the \"ShmemPmdMapped\" line of "
			     "the VMA."),
		.formula = N_("Read as is (KiB)."),
		.healthy = N_("Informational; non-zero only with shmem THP "
			      "enabled."),
	},
	{
		.id = "vma.d.swappss",
		.name = "SwapPss",
		.what = N_("The VMA's swapped memory with shared swap entries "
			   "divided among the processes."),
		.source = N_("/proc/PID/smaps: the \"SwapPss\" line of the "
			     "VMA."),
		.formula = N_("Read as is (KiB)."),
		.healthy = N_("As Swap: 0 for hot data is healthy."),
	},
	{
		.id = "vma.d.policy",
		.name = "policy",
		.what = N_("The NUMA memory policy of the VMA: default, bind, "
			   "interleave, preferred, local."),
		.source = N_("/proc/PID/numa_maps: the second field of the "
			     "VMA's line."),
		.formula = N_("Read as is."),
		.healthy = N_("default (allocate on the local node) suits "
			      "most programs."),
	},
	{
		.id = "vma.mt.summary",
		.name = "tree",
		.what = N_("The process's maple tree (mm->mm_mt), which "
			   "indexes its VMAs by address since Linux 6.1: "
			   "height, nodes, slots, VMAs."),
		.source = N_("memscope.ko: /proc/memscope, command maple "
			     "(walks the tree under the mmap read lock)."),
		.formula = N_("Counted while walking; map_count is the "
			      "kernel's VMA count for comparison."),
		.healthy = N_("VMAs should equal map_count; height grows "
			      "slowly (about log16 of the VMAs)."),
	},
	{
		.id = "vma.mt.level",
		.name = "Level",
		.what = N_("The depth in the tree: 0 is the root, the last "
			   "level holds the leaves."),
		.source = N_("memscope.ko's maple walk."),
		.formula = N_("Depth from the root."),
		.healthy = N_("Informational."),
	},
	{
		.id = "vma.mt.nodes",
		.name = "Nodes",
		.what = N_("Nodes at this level of the tree."),
		.source = N_("memscope.ko's maple walk."),
		.formula = N_("Count per level."),
		.healthy = N_("Informational: each level fans out up to 10-16 "
			      "times."),
	},
	{
		.id = "vma.mt.types",
		.name = "Types",
		.what = N_("Node types at this level: dense, leaf_64 "
			   "(leaves), range_64 and arange_64 (internal; arange "
			   "also tracks gaps)."),
		.source = N_("memscope.ko's maple walk: mte_node_type of each "
			     "node."),
		.formula = N_("Count per type."),
		.healthy = N_("Informational: the VMA tree is an allocation "
			      "tree (arange_64 internal nodes keep the largest "
			      "gap for mmap)."),
	},
	{
		.id = "vma.mt.slots",
		.name = "Slots",
		.what = N_("Slots used at this level: children in internal "
			   "nodes, VMAs or gaps in leaves."),
		.source = N_("memscope.ko's maple walk."),
		.formula = N_("Sum of the nodes' used slots."),
		.healthy = N_("Informational."),
	},
	{
		.id = "vma.mt.fanout",
		.name = "Fan-out",
		.what = N_("Slots per node at this level: min/avg/max."),
		.source = N_("memscope.ko's maple walk."),
		.formula = N_("Slots / nodes; a leaf_64 has 16 slots, an "
			      "arange_64 10."),
		.healthy = N_("Averages near the maximum mean a dense tree; "
			      "low averages after many munmaps are normal."),
	},
	{
		.id = "vma.mt.vmas",
		.name = "VMAs",
		.what = N_("VMAs referenced from this level's leaves."),
		.source = N_("memscope.ko's maple walk."),
		.formula = N_("Count of leaf slots holding a VMA."),
		.healthy = N_("The total should equal the process's "
			      "map_count."),
	},
	{
		.id = "vma.mt.gaps",
		.name = "Gaps",
		.what = N_("Empty address ranges between VMAs recorded in the "
			   "leaves."),
		.source = N_("memscope.ko's maple walk."),
		.formula = N_("Count of leaf slots holding no VMA."),
		.healthy = N_("Informational; mmap looks for a gap large "
			      "enough through the arange_64 nodes."),
	},
	{
		.id = "vma.mt.node",
		.name = "node",
		.what = N_("One node of the tree in pre-order: its type, "
			   "address range, slots and children or VMAs, largest "
			   "gap and hashed address."),
		.source = N_("memscope.ko's maple walk (node addresses are "
			     "hashed, as %p prints them)."),
		.formula = N_("Read from the node; ]/[ jump between nodes, v "
			      "adds the slots."),
		.healthy = N_("Informational."),
	},
	{
		.id = "vma.mt.slot",
		.name = "slot",
		.what = N_("One slot of a node: the pivot (upper bound of its "
			   "range) and, in a leaf, the VMA (range, perms, "
			   "size, flags) or the gap it holds."),
		.source = N_("memscope.ko's maple walk (v shows the slots)."),
		.formula = N_("Slot k covers the addresses from pivot[k-1]+1 "
			      "to pivot[k]."),
		.healthy = N_("Informational; from the VMA list the selected "
			      "VMA's slot is marked."),
	},
	{ NULL },
};
