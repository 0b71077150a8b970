// SPDX-License-Identifier: GPL-2.0
/*
 * The pcache group: page cache pages added and removed per file (device
 * and inode) since attach, from filemap:mm_filemap_add_to_page_cache and
 * mm_filemap_delete_from_page_cache, with a name for each file read from
 * its inode's dentry and the memcg charged for its pages, so files that
 * nobody holds open (closed build outputs) can be listed too.
 */
#include "common.bpf.h"

#include "pcache.h"

/* 5.16 .. 6.14 name the large folio's page count so (6.15+: _nr_pages) */
struct folio___old {
	unsigned int _folio_nr_pages;
};

/* the flags before 6.18 made them a memdesc_flags_t (CO-RE tells apart) */
struct folio___ul {
	unsigned long flags;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct ms_pc_counts);
} pc_counts SEC(".maps");

/* this CPU's new entry being made (too big for the stack) */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct ms_pc_file);
} pc_scratch SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, MS_PC_FILES);
	__type(key, struct ms_pc_key);
	__type(value, struct ms_pc_file);
} pc_files SEC(".maps");

/* The folio's pages: 1, or its large folio's count. */
static __always_inline __s64 nr_pages(struct folio *f)
{
	struct folio___old *o = (void *)f;
	struct folio___ul *u = (void *)f;
	unsigned long fl = 0;

	/* flags: unsigned long, or a memdesc_flags_t holding one (6.18) */
	if (bpf_core_field_exists(u->flags))
		fl = BPF_CORE_READ(u, flags);
	else
		bpf_core_read(&fl, sizeof(fl), &f->flags.f);
	if (!(fl & (1UL << bpf_core_enum_value(enum pageflags, PG_head))))
		return 1;
	if (bpf_core_field_exists(f->_nr_pages))
		return BPF_CORE_READ(f, _nr_pages);
	if (bpf_core_field_exists(o->_folio_nr_pages))
		return BPF_CORE_READ(o, _folio_nr_pages);
	return 1L << (BPF_CORE_READ(f, _flags_1) & 0xff);
}

/* The folio's file: false for a folio without one (never, here). */
static __always_inline bool key_of(struct folio *f, struct ms_pc_key *k,
				   struct inode **host)
{
	struct super_block *sb;

	*host = BPF_CORE_READ(f, mapping, host);
	if (!*host)
		return false;
	k->ino = BPF_CORE_READ(*host, i_ino);
	/* as the tracepoint itself: the superblock's, else the inode's */
	sb = BPF_CORE_READ(*host, i_sb);
	k->dev = sb ? BPF_CORE_READ(sb, s_dev) : BPF_CORE_READ(*host, i_rdev);
	k->pad = 0;
	return true;
}

/* The memcg charged for the folio: its cgroup's id, 0 unknown. */
static __always_inline __u64 memcg_of(struct folio *f)
{
	struct mem_cgroup *m;
	unsigned long md;

	if (!bpf_core_field_exists(f->memcg_data))
		return 0; /* CONFIG_MEMCG off */
	md = BPF_CORE_READ(f, memcg_data);
	/* the low bits flag slab and kmem data: not a file page's memcg */
	if (!md || (md & 3))
		return 0;
	m = (struct mem_cgroup *)md;
	return BPF_CORE_READ(m, css.cgroup, kn, id);
}

/*
 * The file's name: its first dentry alias and up to MS_PC_DEPTH - 1
 * parents, innermost first, stopping at the filesystem's root.
 */
static __always_inline void name_of(struct ms_pc_file *v, struct inode *host)
{
	struct hlist_node *first = BPF_CORE_READ(host, i_dentry.first);
	struct dentry *d, *up;

	v->depth = 0;
	if (!BPF_CORE_READ(host, i_nlink))
		v->flags |= MS_PC_DELETED;
	if (!first) {
		v->flags |= MS_PC_NONAME;
		return;
	}
	d = (void *)first - bpf_core_field_offset(struct dentry, d_u.d_alias);
	for (int i = 0; i < MS_PC_DEPTH; i++) {
		const unsigned char *nm;

		up = BPF_CORE_READ(d, d_parent);
		if (!up || up == d) {
			v->flags |= MS_PC_ROOT;
			return;
		}
		nm = BPF_CORE_READ(d, d_name.name);
		if (BPF_CORE_READ(d, d_name.len) >= MS_PC_NAME)
			v->flags |= MS_PC_CUT;
		if (bpf_probe_read_kernel_str(v->name[i], MS_PC_NAME, nm) < 0)
			v->name[i][0] = '\0';
		v->depth = i + 1;
		d = up;
	}
	/* the root may be the next one up: so it is when its parent is it */
	up = BPF_CORE_READ(d, d_parent);
	if (!up || up == d)
		v->flags |= MS_PC_ROOT;
}

/* A new entry for k, named now; 0, or -1 when there was no room. */
static __always_inline int make(struct ms_pc_counts *c, struct ms_pc_key *k,
				struct folio *f, struct inode *host)
{
	struct ms_pc_file *v = ms_percpu(&pc_scratch);

	if (!v)
		return -1;
	v->added = v->removed = 0;
	v->flags = 0;
	v->cgid = memcg_of(f);
	name_of(v, host);
	/* EEXIST: another CPU made it first, and counts go there */
	if (bpf_map_update_elem(&pc_files, k, v, BPF_NOEXIST) &&
	    !bpf_map_lookup_elem(&pc_files, k)) {
		c->dropped++;
		return -1;
	}
	c->made++;
	return 0;
}

/* An event's file, its entry (NULL: none) and pages; false: skip it. */
static __always_inline bool event(struct folio *f, struct ms_pc_key *k,
				  struct inode **host, struct ms_pc_file **v,
				  __s64 *n)
{
	if (!key_of(f, k, host))
		return false;
	*n = nr_pages(f);
	*v = bpf_map_lookup_elem(&pc_files, k);
	return true;
}

static __always_inline int on_add(struct folio *f)
{
	struct ms_pc_counts *c = ms_percpu(&pc_counts);
	struct ms_pc_key k;
	struct ms_pc_file *v;
	struct inode *host;
	__s64 n;

	if (!c || ms_own() || !event(f, &k, &host, &v, &n))
		return 0;
	c->added += n;
	/* an entry that came back to nothing: the inode number reused, or
	 * the file renamed since: named again (a new one has added 0) */
	if (!v || (v->added > 0 && v->added <= v->removed)) {
		if (v && !bpf_map_delete_elem(&pc_files, &k))
			c->remade++;
		if (make(c, &k, f, host))
			return 0;
		v = bpf_map_lookup_elem(&pc_files, &k);
		if (!v)
			return 0;
	}
	__sync_fetch_and_add(&v->added, n);
	v->size = BPF_CORE_READ(host, i_size);
	return 0;
}

static __always_inline int on_delete(struct folio *f)
{
	struct ms_pc_counts *c = ms_percpu(&pc_counts);
	struct ms_pc_key k;
	struct ms_pc_file *v;
	struct inode *host;
	__s64 n;

	/* memscope's own removals count: they free others' pages too */
	if (!c || !event(f, &k, &host, &v, &n))
		return 0;
	if (!v) {
		c->unseen += n;
		return 0;
	}
	c->removed += n;
	__sync_fetch_and_add(&v->removed, n);
	return 0;
}

MS_TWIN(mm_filemap_add_to_page_cache, ms_pcadd, on_add(folio),
	struct folio *folio)
MS_TWIN(mm_filemap_delete_from_page_cache, ms_pcdel, on_delete(folio),
	struct folio *folio)

char LICENSE[] SEC("license") = "GPL";
