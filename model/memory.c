// SPDX-License-Identifier: GPL-2.0
/*
 * The Memory area (model/memory.h): its field tables, which the JSON, the
 * replay and the text walk, and its entry in the area registry.
 */
#include "model/area.h"
#include "model/field.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define NA MS_FF_NA

#define LE(m, ty, k, fl, u, ...) \
	MS_FIELD(struct ms_ledger_entry, m, ty, k, fl, u, NULL, __VA_ARGS__)

const struct ms_field ms_ledger_entry_fields[] = {
	LE(name, MS_F_STR, "name", 0, NULL),
	LE(kb, MS_F_U64, "kb", NA, "kB", .metric = "memscope_memory_bytes",
	   .help = "Physical memory by ledger bucket (docs/ledger.md): the "
		   "top level partitions the present pages, the children "
		   "their parent"),
	LE(parent, MS_F_STR, "parent", NA, NULL),
	LE(source, MS_F_STR, "source", 0, NULL),
	/* the explorer's growth column; a replay computes it again */
	LE(kb_per_s, MS_F_DBL, "kb_per_s", MS_FF_RATE | MS_FF_NOJSON, "kB/s"),
	MS_FIELD_END
};

#define ND(m, ty, k, fl, u) MS_FIELD(struct ms_mem_node, m, ty, k, fl, u, NULL)

const struct ms_field ms_mem_node_fields[] = {
	ND(node, MS_F_INT, "node", NA, NULL),
	ND(physical_kb, MS_F_U64, "physical_kb", NA, "kB"),
	ND(total_kb, MS_F_U64, "total_kb", NA, "kB"),
	MS_FIELD_LIST(struct ms_mem_node, ledger.v, ledger.n, ledger.cap,
		      "ledger", ms_ledger_entry_fields),
	MS_FIELD_LIST(struct ms_mem_node, of_which.v, of_which.n, of_which.cap,
		      "of_which", ms_ledger_entry_fields),
	MS_FIELD_END
};

#define FW(m, ty, k, fl, u, ...) \
	MS_FIELD(struct ms_mem_fw, m, ty, k, fl, u, NULL, __VA_ARGS__)

const struct ms_field ms_mem_fw_fields[] = {
	FW(type, MS_F_STR, "type", 0, NULL), FW(kb, MS_F_U64, "kb", NA, "kB"),
	MS_FIELD_END
};

#define M(m, ty, k, fl, u) MS_FIELD(struct ms_memory, m, ty, k, fl, u, NULL)

const struct ms_field ms_memory_fields[] = {
	M(physical_kb, MS_F_U64, "physical_kb", NA, "kB"),
	M(total_kb, MS_F_U64, "total_kb", NA, "kB"),
	MS_FIELD_LIST(struct ms_memory, ledger.v, ledger.n, ledger.cap,
		      "ledger", ms_ledger_entry_fields),
	MS_FIELD_LIST(struct ms_memory, nodes.v, nodes.n, nodes.cap, "nodes",
		      ms_mem_node_fields),
	M(holes_kb, MS_F_U64, "holes_kb", NA, "kB"),
	MS_FIELD_LIST(struct ms_memory, firmware.v, firmware.n, firmware.cap,
		      "firmware", ms_mem_fw_fields),
	/* added after the rest (docs/json.md): keys only grow */
	MS_FIELD_LIST(struct ms_memory, of_which.v, of_which.n, of_which.cap,
		      "of_which", ms_ledger_entry_fields),
	MS_FIELD_END
};

/* The list row of ms_memory_fields named key. */
static const struct ms_field *list_of(const char *key)
{
	for (const struct ms_field *f = ms_memory_fields; f->key; f++)
		if (f->type == MS_F_LIST && !strcmp(f->key, key))
			return f;
	return NULL;
}

int ms_mem_fw_add(struct ms_memory *m, const char *t, uint64_t kb)
{
	struct ms_mem_fw *f;

	for (int i = 0; i < m->firmware.n; i++)
		if (!strcmp(m->firmware.v[i].type, t)) {
			m->firmware.v[i].kb += kb;
			return 0;
		}
	f = ms_list_add(list_of("firmware"), m);
	if (!f)
		return -ENOMEM;
	snprintf(f->type, sizeof(f->type), "%s", t);
	f->kb = kb;
	return 0;
}

const char *ms_ledger_of_label(const struct ms_ledger_entry *e)
{
	size_t n = strnlen(e->parent, sizeof(e->parent));

	return !strncmp(e->name, e->parent, n) && e->name[n] == '_' ?
		       e->name + n + 1 :
		       e->name;
}

struct ms_mem_node *ms_mem_node_add(struct ms_memory *m)
{
	return ms_list_add(list_of("nodes"), m);
}

static bool ends(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);

	return n >= m && !strcmp(s + n - m, end);
}

void ms_ledger_bucket_id(const struct ms_ledger_entry *e, char *id, size_t n)
{
	const char *k = e->name;

	if (!strcmp(e->parent, "vmalloc") && strcmp(k, "stacks_cached") &&
	    strcmp(k, "vmalloc_other"))
		k = "vmalloc_caller";
	else if (!strcmp(e->parent, "zram"))
		k = "zram_device";
	else if (!strncmp(e->parent, "slab_", 5))
		k = ends(k, "_other") ? "slab_other" : "slab_cache";
	else if (!strncmp(k, "anon_mthp_", 10))
		k = "anon_mthp";
	else if (!strncmp(k, "hugetlb_", 8) && !strcmp(e->parent, "hugetlb"))
		k = "hugetlb_pool";
	else if (!strncmp(k, "hugetlb_", 8))
		k = ends(k, "_used")	 ? "hugetlb_pool_used" :
		    ends(k, "_reserved") ? "hugetlb_pool_reserved" :
					   "hugetlb_pool_free";
	snprintf(id, n, "memory.b.%s", k);
}

const struct ms_area ms_area_memory = {
	/* --tab memory and tab = memory; the explorer's tab comes later */
	.name = "memory",
	.tab = MS_SEC_BIT(MS_SEC_MEMORY) | MS_SEC_BIT(MS_SEC_CENSUS) |
	       MS_SEC_BIT(MS_SEC_PAGECACHE_FILES) |
	       MS_SEC_BIT(MS_SEC_PAGECACHE_EVENTS),
	.secs =
		(const struct ms_area_sec[]){
			{ .sec = MS_SEC_MEMORY,
			  .name = "memory",
			  .notes = (const char *const[]){ "meminfo", "zoneinfo",
							  NULL } },
			{ .sec = MS_SEC_CENSUS, .name = "census" },
			/* the page cache's files (model/pcache.h) */
			{ .sec = MS_SEC_PAGECACHE_FILES,
			  .name = "pagecache_files" },
			/* its files_events_* keys, BPF's (probes/bpf/pcache.c) */
			{ .sec = MS_SEC_PAGECACHE_EVENTS,
			  .name = "pagecache_events" },
			/* allocinfo's note, or the BPF backend's */
			{ .sec = MS_SEC_ATTRIBUTION,
			  .name = "attribution",
			  .notes = (const char *const[]){ "allocinfo", NULL } },
			{ .sec = -1 } },
	.parts =
		(const struct ms_part[]){
			{ .key = "memory",
			  .secs = MS_SEC_BIT(MS_SEC_MEMORY),
			  /* its keys files_* and files[] */
			  .into = MS_SEC_BIT(MS_SEC_PAGECACHE_FILES),
			  .pass = MS_PASS_CORE,
			  .fields = ms_memory_fields,
			  .off = offsetof(struct ms_snapshot, memory),
			  .title = "Memory" },
			/* root: model/census.c */
			{ .key = "census",
			  .secs = MS_SEC_BIT(MS_SEC_CENSUS),
			  .pass = MS_PASS_CORE,
			  .fields = ms_census_fields,
			  .off = offsetof(struct ms_snapshot, census),
			  .title = "Census",
			  .in = "memory" },
			/*
			 * model/attrib.c: "attribution": [...] and its
			 * "attribution_*" keys in "memory"
			 */
			{ .key = "attribution",
			  .secs = MS_SEC_BIT(MS_SEC_ATTRIBUTION),
			  .pass = MS_PASS_CORE,
			  .fields = ms_attrib_fields,
			  .off = offsetof(struct ms_snapshot, attrib),
			  .title = "Attribution",
			  .in = "memory",
			  .flat = true },
			{ .key = NULL } },
	.tables =
		(const struct ms_rtable[]){
			MS_RTABLE("memory", ms_memory_fields, struct ms_memory),
			MS_RTABLE("memory node", ms_mem_node_fields,
				  struct ms_mem_node),
			MS_RTABLE("ledger entry", ms_ledger_entry_fields,
				  struct ms_ledger_entry),
			MS_RTABLE("memory firmware", ms_mem_fw_fields,
				  struct ms_mem_fw),
			MS_RTABLE("census", ms_census_fields, struct ms_census),
			MS_RTABLE("census zone", ms_census_zone_fields,
				  struct ms_census_zone),
			MS_RTABLE("census check", ms_census_check_fields,
				  struct ms_census_check),
			MS_RTABLE("pagecache files", ms_pcache_fields,
				  struct ms_pcache),
			MS_RTABLE("pagecache file", ms_pcache_file_fields,
				  struct ms_pcache_file),
			MS_RTABLE("attribution", ms_attrib_fields,
				  struct ms_attrib),
			MS_RTABLE("attribution site", ms_attrib_site_fields,
				  struct ms_attrib_site),
			{ NULL, NULL, 0 } },
};
