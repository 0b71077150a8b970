// SPDX-License-Identifier: GPL-2.0
/*
 * The VMA tab's VMA screen (Enter on a VMA): every field of its maps and
 * smaps lines, its VmFlags spelled out and its NUMA placement.
 */
#include "tui/cut.h"
#include "tui/tabs/vma/vma.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Binary search: maps lists VMAs by ascending start address. */
const struct ms_vma *ms_vma_find(const struct ms_vmas *vm, uint64_t start)
{
	int lo = 0, hi = vm->n - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;

		if (vm->v[mid].start == start)
			return &vm->v[mid];
		if (vm->v[mid].start < start)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	for (int i = 0; i < vm->n; i++) /* in case it was not sorted */
		if (vm->v[i].start == start)
			return &vm->v[i];
	return NULL;
}

/* The two-letter VmFlags of Documentation/filesystems/proc.rst. */
static const char *const vmflag_names[][2] = {
	{ "rd", "readable" },
	{ "wr", "writeable" },
	{ "ex", "executable" },
	{ "sh", "shared" },
	{ "mr", "may read" },
	{ "mw", "may write" },
	{ "me", "may execute" },
	{ "ms", "may share" },
	{ "gd", "stack grows down" },
	{ "pf", "pure PFN range" },
	{ "dw", "disabled write to the file" },
	{ "lo", "locked" },
	{ "io", "memory-mapped I/O" },
	{ "sr", "sequential read advised" },
	{ "rr", "random read advised" },
	{ "dc", "not copied on fork" },
	{ "de", "not expanded on remap" },
	{ "ac", "accountable" },
	{ "nr", "swap not reserved" },
	{ "ht", "hugetlb pages" },
	{ "sf", "synchronous page faults" },
	{ "ar", "architecture specific" },
	{ "wf", "wiped on fork" },
	{ "dd", "not in core dumps" },
	{ "sd", "soft dirty" },
	{ "mm", "mixed map" },
	{ "hg", "huge pages advised" },
	{ "nh", "no huge pages advised" },
	{ "mg", "mergeable (KSM) advised" },
	{ "bt", "arm64 BTI guarded" },
	{ "mt", "arm64 MTE tags" },
	{ "um", "userfaultfd missing" },
	{ "uw", "userfaultfd write-protect" },
	{ "ui", "userfaultfd minor" },
	{ "ss", "shadow stack" },
	{ "sl", "sealed" },
	{ "lf", "lock on fault" },
	{ "dp", "always lazily freeable" },
	{ "gu", "may hold guard regions" },
};

static const char *vmflag_name(const char *flag)
{
	for (size_t i = 0; i < sizeof(vmflag_names) / sizeof(*vmflag_names);
	     i++)
		if (!strcmp(vmflag_names[i][0], flag))
			return vmflag_names[i][1];
	return "unknown to memscope";
}

/* A line of the VMA screen: "key   value" (value escaped). */
/* The explain id of a detail line's key, or NULL (a VmFlags token). */
static const char *detail_id(const char *key)
{
	static const char *const map[][2] = {
		{ "start", "vma.v.range" },
		{ "end", "vma.v.range" },
		{ "perms", "vma.v.perms" },
		{ "offset", "vma.v.offset" },
		{ "device", "vma.v.dev" },
		{ "inode", "vma.v.inode" },
		{ "path", "vma.v.path" },
		{ "kind", "vma.d.kind" },
		{ "Size", "vma.v.size" },
		{ "KernelPageSize", "vma.d.kernelpagesize" },
		{ "Rss", "vma.v.rss" },
		{ "Pss", "vma.v.pss" },
		{ "Shared_Clean", "vma.v.shrc" },
		{ "Shared_Dirty", "vma.v.shrd" },
		{ "Private_Clean", "vma.v.privc" },
		{ "Private_Dirty", "vma.v.privd" },
		{ "Referenced", "vma.d.referenced" },
		{ "Anonymous", "vma.v.anon" },
		{ "AnonHugePages", "vma.v.ahp" },
		{ "ShmemPmdMapped", "vma.d.shmempmd" },
		{ "Swap", "vma.v.swap" },
		{ "SwapPss", "vma.d.swappss" },
		{ "Locked", "vma.v.locked" },
		{ "THPeligible", "vma.v.thp" },
		{ "VmFlags", "vma.v.flags" },
		{ "policy", "vma.d.policy" },
		{ "pages per node", "vma.v.nodes" },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(map[i][0], key))
			return map[i][1];
	return NULL;
}

static void detail_kv(struct ms_screen *l, const char *key, const char *val)
{
	char esc[1024], kesc[64];
	int y;

	ms_screen_tag(l, detail_id(key));
	y = ms_screen_next(l);

	/* a key may be a VmFlags token: kernel text too */
	if (y >= 0)
		ms_kv_line(l->w, y, l->r.x + 2, l->r.w - 2, 18,
			   ms_esc(kesc, sizeof(kesc), key),
			   ms_esc(esc, sizeof(esc), val), 0);
}

/* An address in hex, '-' when not available (a damaged recording). */
static const char *hex(char *buf, size_t len, uint64_t v)
{
	if (ms_have(v))
		snprintf(buf, len, "%" PRIx64, v);
	else
		snprintf(buf, len, "-");
	return buf;
}

static void detail_kb(struct ms_screen *l, const char *key, uint64_t kb)
{
	char buf[48], sh[16];

	if (ms_have(kb) && kb >= 1024)
		snprintf(buf, sizeof(buf), "%" PRIu64 " kB (%s)", kb,
			 ms_fmt_kb(sh, sizeof(sh), kb));
	else if (ms_have(kb))
		snprintf(buf, sizeof(buf), "%" PRIu64 " kB", kb);
	else
		snprintf(buf, sizeof(buf), "-");
	detail_kv(l, key, buf);
}

/* The path line: cut in the middle, so its file name stays. */
static void detail_path(struct ms_screen *l, const struct ms_vma *m, bool utf8)
{
	int y;

	ms_screen_tag(l, detail_id("path"));
	y = ms_screen_next(l);
	if (y < 0)
		return;
	ms_kv_line(l->w, y, l->r.x + 2, l->r.w - 2, 18, "path", "", 0);
	ms_put_path(l->w, y, l->r.x + 20, l->r.w - 20, 0,
		    m->path ? m->path : "(none)", utf8);
}

static void detail_maps(struct ms_screen *l, const struct ms_vma *m, bool utf8)
{
	char buf[64];

	/* a null start or end (a damaged recording) is '-', as is the size */
	snprintf(buf, sizeof(buf), "%016" PRIx64, m->start);
	detail_kv(l, "start", ms_have(m->start) ? buf : "-");
	snprintf(buf, sizeof(buf), "%016" PRIx64, m->end);
	detail_kv(l, "end", ms_have(m->end) ? buf : "-");
	detail_kb(l, "size",
		  ms_have(m->start) && ms_have(m->end) && m->end >= m->start ?
			  (m->end - m->start) / 1024 :
			  MS_NA);
	detail_kv(l, "perms", m->perms);
	detail_kv(l, "offset", hex(buf, sizeof(buf), m->offset));
	detail_kv(l, "device", m->dev);
	detail_kv(l, "inode", ms_fmt_u64(buf, sizeof(buf), m->inode));
	detail_path(l, m, utf8);
	detail_kv(l, "kind", ms_vma_kind_name(m->kind));
}

static void detail_smaps(struct ms_screen *l, const struct ms_vma *m)
{
	const struct {
		const char *key;
		uint64_t v;
	} kb[] = {
		{ "Size", m->size_kb },
		{ "KernelPageSize", m->kernel_page_kb },
		{ "Rss", m->rss_kb },
		{ "Pss", m->pss_kb },
		{ "Shared_Clean", m->shared_clean },
		{ "Shared_Dirty", m->shared_dirty },
		{ "Private_Clean", m->private_clean },
		{ "Private_Dirty", m->private_dirty },
		{ "Referenced", m->referenced },
		{ "Anonymous", m->anonymous },
		{ "AnonHugePages", m->anon_huge_kb },
		{ "ShmemPmdMapped", m->shmem_pmd_kb },
		{ "Swap", m->swap_kb },
		{ "SwapPss", m->swap_pss_kb },
		{ "Locked", m->locked_kb },
	};
	char buf[16];

	for (size_t i = 0; i < sizeof(kb) / sizeof(kb[0]); i++)
		detail_kb(l, kb[i].key, kb[i].v);
	detail_kv(l, "THPeligible",
		  ms_fmt_u64(buf, sizeof(buf), m->thp_eligible));
}

static void detail_flags(struct ms_screen *l, const struct ms_vma *m)
{
	char flags[sizeof(m->vmflags)], *save = NULL, *f;

	detail_kv(l, "VmFlags", m->vmflags[0] ? m->vmflags : "-");
	snprintf(flags, sizeof(flags), "%s", m->vmflags);
	for (f = strtok_r(flags, " ", &save); f; f = strtok_r(NULL, " ", &save))
		detail_kv(l, f, vmflag_name(f));
}

static void detail_numa(struct ms_screen *l, const struct ms_vma *m,
			uint64_t page_size)
{
	char key[16], buf[64], sz[16], n[24];

	detail_kv(l, "policy", m->policy[0] ? m->policy : "-");
	ms_vma_fmt_nodes(buf, sizeof(buf), m);
	detail_kv(l, "pages per node", buf);
	for (int i = 0; i < m->nr_nodes; i++) {
		snprintf(key, sizeof(key), "node %d", m->node_id[i]);
		snprintf(buf, sizeof(buf), "%s pages (%s)",
			 ms_fmt_u64(n, sizeof(n), m->node_pages[i]),
			 ms_fmt_pages(sz, sizeof(sz), m->node_pages[i],
				      page_size));
		if (!ms_have(m->node_pages[i]))
			snprintf(buf, sizeof(buf), "-");
		detail_kv(l, key, buf);
	}
}

/* Which process and VMA this is, the way back; a long path loses its middle. */
static void detail_head(struct vma_view *v, struct ms_screen *l,
			const struct ms_vma *m)
{
	char head[320], buf[4096 + 320 + 16], comm[MS_NAME * 4], name[4096];
	char a[24], b[24];
	const char *back = "  (Esc back)";
	int y = ms_screen_next(l);

	if (y < 0)
		return;
	ms_esc(comm, sizeof(comm),
	       v->cur->vmas.comm[0] ? v->cur->vmas.comm : v->comm);
	snprintf(head, sizeof(head), "pid %d %s: %s-%s ", v->pid, comm,
		 hex(a, sizeof(a), m->start), hex(b, sizeof(b), m->end));
	ms_esc_path(name, sizeof(name), ms_vma_name(m),
		    l->r.w - ms_text_width(head) - ms_text_width(back),
		    v->base.ui->utf8);
	snprintf(buf, sizeof(buf), "%s%s%s", head, name, back);
	ms_put(l->w, y, l->r.x, l->r.w, MS_LEFT, true, ms_attr(MS_C_HEADER),
	       buf);
}

#define VV(d) ((struct vma_view *)(d)->v)

/* Enter on the process screen: its selected mapping. */
static enum ms_key_result detail_open(struct ms_drill *d)
{
	struct vma_view *v = VV(d);
	int row = ms_table_selected(&v->vtab);

	if (row < 0 || !ms_vma_here(v))
		return MS_KEY_PASS;
	v->detail_start = ms_vma_at(v, row)->start;
	return MS_KEY_DONE;
}

static void detail_lines(struct ms_drill *d, struct ms_screen *l)
{
	struct vma_view *v = VV(d);
	const struct ms_vma *m = ms_vma_find(&v->cur->vmas, v->detail_start);

	detail_head(v, l, m);
	ms_screen_title(l, "Mapping (/proc/PID/maps)", v->base.ui);
	detail_maps(l, m, v->base.ui->utf8);
	ms_screen_title(l, "Memory (/proc/PID/smaps)", v->base.ui);
	detail_smaps(l, m);
	ms_screen_title(l, "VmFlags", v->base.ui);
	detail_flags(l, m);
	ms_screen_title(l, "NUMA placement (/proc/PID/numa_maps)", v->base.ui);
	if (v->cur->vmas.has_numa) {
		detail_numa(l, m, v->cur->slab.page_size);
	} else {
		const char *why = ms_note_why(v->cur, "numa_maps");

		detail_kv(l, "numa_maps", why ? why : "not available");
	}
	ms_vma_folio_lines(v, l, m);
}

/* Its lines, or why the process or the VMA is gone. */
static void detail_draw(struct ms_drill *d, WINDOW *w, struct ms_rect r)
{
	struct vma_view *v = VV(d);
	char buf[128];

	if (!ms_vma_here(v))
		return ms_vma_draw_gone(v, w, r);
	if (!ms_vma_find(&v->cur->vmas, v->detail_start)) {
		snprintf(buf, sizeof(buf),
			 "The VMA at %" PRIx64 " is no longer "
			 "mapped. Esc: back to the list",
			 v->detail_start);
		ms_message(w, r, ms_attr(MS_C_WARNING), buf);
		return;
	}
	ms_drill_lines(d, w, r);
}

/* The VMA screen's fields, in its order. */
static const char *const detail_ids[] = {
	"vma.v.range",	    "vma.v.perms", "vma.v.offset",
	"vma.v.dev",	    "vma.v.inode", "vma.v.path",
	"vma.d.kind",	    "vma.v.size",  "vma.d.kernelpagesize",
	"vma.v.rss",	    "vma.v.pss",   "vma.v.shrc",
	"vma.v.shrd",	    "vma.v.privc", "vma.v.privd",
	"vma.d.referenced", "vma.v.anon",  "vma.v.ahp",
	"vma.d.shmempmd",   "vma.v.swap",  "vma.d.swappss",
	"vma.v.locked",	    "vma.v.thp",   "vma.v.flags",
	"vma.d.policy",	    "vma.v.nodes", "vma.f.line",
	"vma.f.size",	    "vma.f.anon",  "vma.f.file",
	"vma.f.partial",    NULL,
};

/* f: the folio sizes, as on the mappings screen under it */
static enum ms_key_result detail_key(struct ms_drill *d, int key)
{
	if (key != 'f')
		return MS_KEY_PASS;
	VV(d)->folios = !VV(d)->folios;
	VV(d)->vwidth = 0;
	return MS_KEY_RESAMPLE;
}

const struct ms_drill_class ms_vma_detail_screen = {
	.name = "vma",
	.open = detail_open,
	.lines = detail_lines,
	.draw = detail_draw,
	.key = detail_key,
	.hints = "Up/Down scroll  f folios",
	.back = "back to the mappings",
	.ids = detail_ids,
};
