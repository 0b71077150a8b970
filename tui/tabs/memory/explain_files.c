// SPDX-License-Identifier: GPL-2.0
/*
 * Explain mode's texts for the page cache's files (section pagecache_files
 * of the Memory area; model/pcache.c names them, the Memory tab's files
 * screen shows them, tui/tabs/memory/go.c).
 */
#include "tui/explain.h"
#include "tui/tabs/memory/memory.h"

#define N_(s) s

const struct ms_explain ms_explain_memory_files[] = {
	{
		.id = "memory.files",
		.name = "Page cache by file",
		.what = N_("The files holding the most page cache, biggest "
			   "first: every regular file a process holds open or "
			   "has mapped, counted once per inode. Files nobody "
			   "holds open (read once and closed, a finished "
			   "build's objects) are not found this way; the "
			   "coverage line says how much of Cached the listed "
			   "kind of file explains."),
		.source = N_("/proc/PID/fd and /proc/PID/maps of every "
			     "process; each file opened read-only through "
			     "/proc/PID/fd/N or /proc/PID/map_files, then "
			     "cachestat(2) (Linux 6.5+) or mincore() over a "
			     "read-only mapping."),
		.formula =
			N_("One pass over the processes runs within a time "
			   "budget per refresh and goes on at the next, a new "
			   "one at most every 5 s; the 50 biggest are "
			   "measured again at every refresh. Batch mode makes "
			   "a whole pass each sample."),
		.healthy = N_("Informational: a big file in the cache is how "
			      "Linux uses free memory. Clean cache is dropped "
			      "when memory is needed; much dirty data waits "
			      "for writeback."),
	},
	{
		.id = "memory.files.path",
		.name = "Path",
		.what = N_("The file's name as the kernel gives it for the "
			   "process that holds it, with \" (deleted)\" when it "
			   "was unlinked while held (its pages stay until the "
			   "last holder closes it)."),
		.source = N_("readlink of /proc/PID/fd/N, or the path column "
			     "of /proc/PID/maps."),
		.formula = N_("Read as is; control bytes and invalid UTF-8 "
			      "are shown as \\xNN."),
		.healthy = N_("A large deleted file still held open is space "
			      "and cache nobody can name: find its holder."),
	},
	{
		.id = "memory.files.cached_kb",
		.name = "Cached",
		.what = N_("How much of the file is in the page cache now."),
		.source = N_("cachestat(2) nr_cache, or the pages mincore() "
			     "reports resident over a mapping of the whole "
			     "file."),
		.formula = N_("Pages times the page size, in kB."),
		.healthy = N_("Up to the file's size; a file read over and "
			      "over is worth keeping cached."),
	},
	{
		.id = "memory.files.dirty_kb",
		.name = "Dirty",
		.what = N_("The file's cached pages written to but not yet on "
			   "disk."),
		.source = N_("cachestat(2) nr_dirty (not given by mincore())."),
		.formula = N_("Pages times the page size, in kB."),
		.healthy = N_("Falls as writeback runs; one file holding "
			      "gigabytes of dirty data can stall writers when "
			      "dirty_ratio is reached."),
	},
	{
		.id = "memory.files.writeback_kb",
		.name = "Writeback",
		.what = N_("The file's pages being written to disk now."),
		.source = N_("cachestat(2) nr_writeback."),
		.formula = N_("Pages times the page size, in kB."),
		.healthy = N_("Brief: pages stuck under writeback point at a "
			      "slow or failing device."),
	},
	{
		.id = "memory.files.evicted_kb",
		.name = "Evicted",
		.what = N_("Pages of the file that were in the cache and were "
			   "reclaimed, which the kernel still remembers "
			   "(shadow entries of the workingset code)."),
		.source = N_("cachestat(2) nr_evicted."),
		.formula = N_("Pages times the page size, in kB."),
		.healthy = N_("Large against cached: the file does not fit "
			      "in the memory left for it."),
	},
	{
		.id = "memory.files.recently_evicted_kb",
		.name = "Recently evicted",
		.what = N_("Of the evicted pages, those evicted so recently "
			   "that reading them again counts as thrashing (a "
			   "refault)."),
		.source = N_("cachestat(2) nr_recently_evicted."),
		.formula = N_("Pages times the page size, in kB."),
		.healthy =
			N_("Near 0. Growing while the file is read: its "
			   "working set is thrashing (see workingset_refault "
			   "on the Reclaim tab)."),
	},
	{
		.id = "memory.files.holders",
		.name = "Holders",
		.what = N_("How many processes hold the file open or mapped. "
			   "The PID, command and cgroup are its first "
			   "holder's."),
		.source = N_("/proc/PID/fd and /proc/PID/maps; "
			     "/proc/PID/comm and /proc/PID/cgroup of the "
			     "first holder."),
		.formula = N_("Each process counts once, however many times "
			      "it opened or mapped the file."),
		.healthy = N_("Informational. The holder's cgroup is not "
			      "always the cgroup charged for the pages: the "
			      "first process to read a page is charged."),
	},
	{
		.id = "memory.files.coverage",
		.name = "Coverage",
		.what = N_("The page cache of every file found open or mapped, "
			   "against meminfo's Cached: how much of the cache "
			   "the held files explain."),
		.source = N_("The sum over every file found (not only the 50 "
			     "listed) in the last whole pass; /proc/meminfo "
			     "Cached. A pass spans refreshes among many "
			     "processes: while the next one runs the line is "
			     "dim and says how far it got."),
		.formula = N_("files cached kB / Cached kB x 100."),
		.healthy = N_("Often low: most cache belongs to files no "
			      "process holds now. Without root only the user's "
			      "own processes are seen, so it is lower still."),
	},
	{
		.id = "memory.files.events",
		.name = "Seen by events",
		.what = N_("Files the page cache's events saw since memscope "
			   "attached (root, BPF): also files nobody holds "
			   "open. A file the walk measured keeps its exact "
			   "count; the others show the pages added less the "
			   "pages removed since attach, marked 'events', with "
			   "the cgroup charged for them. Their names come from "
			   "the kernel's dentries, up to 8 components; a name "
			   "starting with .../ is cut."),
		.source = N_("BPF on the tracepoints "
			     "filemap:mm_filemap_add_to_page_cache and "
			     "mm_filemap_delete_from_page_cache, counted per "
			     "device and inode in a map of 16384 files that "
			     "lets the least recently used go."),
		.formula = N_("net kB = (pages added - pages removed) x page "
			      "size, since attach: a lower bound, as pages "
			      "cached before are not seen. Unattributed = "
			      "Cached - the walk's files - the events' files."),
		.healthy = N_("Informational. A large unattributed rest right "
			      "after start is cache older than memscope; it "
			      "shrinks as files are read again."),
	},
	{ .id = NULL },
};
