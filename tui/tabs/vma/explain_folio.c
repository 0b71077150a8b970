// SPDX-License-Identifier: GPL-2.0
/* Explain mode's texts for the VMA tab's folio sizes (f; tui/explain.h). */
#include "tui/explain.h"
#include "tui/tabs/vma/vma.h"

#define N_(s) s

const struct ms_explain ms_explain_vma_folio[] = {
	{
		.id = "vma.f.line",
		.name = "Folios",
		.what = N_("The process's mapped memory by folio size: pages "
			   "of their own (4K), each multi-size THP size, "
			   "PMD-size THP (2M on x86-64); part: pages of large "
			   "folios mapped only in part."),
		.source = N_("Every page's PFN from /proc/PID/pagemap and its "
			     "flags from /proc/kpageflags (root), as the "
			     "kernel's tools/mm/thpmaps reads them; f turns it "
			     "on and off."),
		.formula = N_("A folio is a compound head and the tails after "
			      "it, in a row both in virtual and physical "
			      "memory; a refresh reads 512 MiB of address "
			      "space, the line says how far the pass got."),
		.healthy = N_("Informational: a heap with THP or mTHP enabled "
			      "shows its memory at the large sizes; 4K only "
			      "means the sizes are off, the VMA is not aligned "
			      "or allocation fell back."),
	},
	{
		.id = "vma.f.col",
		.name = "Folio",
		.what = N_("The folio size mapping most of the VMA's memory "
			   "and its share of it; - not read yet."),
		.source = N_("/proc/PID/pagemap and /proc/kpageflags (f, "
			     "root)."),
		.formula = N_("The largest of the sizes' pages, over the "
			      "pages counted; sorted by the memory in folios "
			      "larger than a page."),
		.healthy = N_("Informational; \"2M 100%\" is a VMA mapped "
			      "by PMD-size THP only."),
	},
	{
		.id = "vma.f.size",
		.name = "size",
		.what = N_("One folio size of the VMA: 4K pages of their own, "
			   "or the size of large folios mapped whole here."),
		.source = N_("/proc/kpageflags: KPF_COMPOUND_HEAD and the "
			     "KPF_COMPOUND_TAIL pages after it."),
		.formula = N_("Pages from the head to its last tail, when "
			      "they are a power of two, in a row and the "
			      "head's PFN is aligned to them."),
		.healthy = N_("Informational."),
	},
	{
		.id = "vma.f.anon",
		.name = "anon",
		.what = N_("Anonymous memory mapped by folios of this size."),
		.source = N_("/proc/kpageflags: KPF_ANON of the folio's head."),
		.formula = N_("Pages times the page size."),
		.healthy = N_("Informational; large anonymous folios come "
			      "from THP and multi-size THP."),
	},
	{
		.id = "vma.f.file",
		.name = "file",
		.what = N_("File and shmem memory mapped by folios of this "
			   "size."),
		.source = N_("/proc/kpageflags: a head without KPF_ANON."),
		.formula = N_("Pages times the page size."),
		.healthy = N_("Informational; the page cache makes large "
			      "folios for files read in big runs."),
	},
	{
		.id = "vma.f.partial",
		.name = "partial",
		.what = N_("Pages of large folios mapped here only in part, "
			   "or not in a row, so their size is not known from "
			   "this VMA."),
		.source = N_("/proc/kpageflags: a run starting at a tail, or "
			     "whose next PFN is still a tail."),
		.formula = N_("Pages times the page size."),
		.healthy = N_("After munmap, mprotect or mremap of part of a "
			      "large folio; the kernel splits such folios "
			      "later (deferred split)."),
	},
	{ NULL },
};
